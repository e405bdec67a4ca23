//! The evaluator against JavaScript: each expected value below is what Node.js prints
//! for the same expression over the same scope (with WXML's rule that a member of
//! `null`/`undefined` is `undefined` instead of a TypeError).

use proptest::prelude::*;

use super::*;

/// The scope every table row sees, as a JavaScript object literal:
/// `{a: 1, b: "2", s: "hello", arr: [1, 2, 3], obj: {x: 1, y: {z: "deep"}}, nul: null,
///   t: true, f: false, empty: "", zero: 0, list: [], nested: [[1, 2], [3]]}`.
fn scope(name: &str) -> Option<Value> {
    let n = Value::Number;
    let s = |text: &str| Value::String(text.into());
    Some(match name {
        "a" => n(1.0),
        "b" => s("2"),
        "s" => s("hello"),
        "arr" => Value::Array(vec![n(1.0), n(2.0), n(3.0)]),
        "obj" => Value::Object(vec![
            ("x".into(), n(1.0)),
            ("y".into(), Value::Object(vec![("z".into(), s("deep"))])),
        ]),
        "nul" => Value::Null,
        "t" => Value::Bool(true),
        "f" => Value::Bool(false),
        "empty" => s(""),
        "zero" => n(0.0),
        "list" => Value::Array(vec![]),
        "nested" => Value::Array(vec![
            Value::Array(vec![n(1.0), n(2.0)]),
            Value::Array(vec![n(3.0)]),
        ]),
        _ => return None,
    })
}

/// A typed rendering that tells `1` from `"1"` and shows `-0`.
fn render(value: &Value) -> String {
    match value {
        Value::Undefined => "undefined".into(),
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(x) if *x == 0.0 && x.is_sign_negative() => "n:-0".into(),
        Value::Number(_) => format!("n:{value}"),
        Value::String(s) => format!("{s:?}"),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(render).collect();
            format!("[{}]", items.join(","))
        }
        Value::Object(fields) => {
            let fields: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{k:?}:{}", render(v)))
                .collect();
            format!("{{{}}}", fields.join(","))
        }
    }
}

fn eval(text: &str) -> String {
    let expr = parse_expression(text).unwrap_or_else(|e| panic!("{text}: {e} at {}", e.offset));
    render(&expr.eval(&scope))
}

#[test]
fn evaluates_like_javascript() {
    let table: &[(&str, &str)] = &[
        ("1 + 2", "n:3"),
        ("'a' + 'b'", "\"ab\""),
        ("'a' + 1", "\"a1\""),
        ("1 + '1'", "\"11\""),
        ("1 + 2 + '3'", "\"33\""),
        ("'3' + 1 + 2", "\"312\""),
        ("'3' - 1", "n:2"),
        ("'3' * '4'", "n:12"),
        ("'10' / 4", "n:2.5"),
        ("7 % 3", "n:1"),
        ("-7 % 3", "n:-1"),
        ("7 % -3", "n:1"),
        ("5.5 % 2", "n:1.5"),
        ("1 / 0", "n:Infinity"),
        ("-1 / 0", "n:-Infinity"),
        ("0 / 0", "n:NaN"),
        ("1 / -0", "n:-Infinity"),
        ("2 - -2", "n:4"),
        ("- -3", "n:3"),
        ("+'  42  '", "n:42"),
        ("+''", "n:0"),
        ("+'0x10'", "n:16"),
        ("+'1e3'", "n:1000"),
        ("+'abc'", "n:NaN"),
        ("+true", "n:1"),
        ("+null", "n:0"),
        ("+undefined", "n:NaN"),
        ("+[]", "n:0"),
        ("+[5]", "n:5"),
        ("+[1, 2]", "n:NaN"),
        ("+{}", "n:NaN"),
        ("-'5'", "n:-5"),
        ("~5", "n:-6"),
        ("~-1", "n:0"),
        ("~2147483648", "n:2147483647"),
        ("~4294967295", "n:0"),
        ("~1.9", "n:-2"),
        ("~'7'", "n:-8"),
        ("~NaN", "n:-1"),
        ("!0", "true"),
        ("!''", "true"),
        ("!'0'", "false"),
        ("![]", "false"),
        ("!{}", "false"),
        ("!null", "true"),
        ("!!NaN", "false"),
        ("typeof 1", "\"number\""),
        ("typeof 'x'", "\"string\""),
        ("typeof true", "\"boolean\""),
        ("typeof null", "\"object\""),
        ("typeof undefined", "\"undefined\""),
        ("typeof []", "\"object\""),
        ("typeof {}", "\"object\""),
        ("typeof typeof 1", "\"string\""),
        ("0.1 + 0.2", "n:0.30000000000000004"),
        ("1e21", "n:1e+21"),
        ("1e21 + 1", "n:1e+21"),
        ("123456789012345680000", "n:123456789012345680000"),
        ("0.000001", "n:0.000001"),
        ("0.0000001", "n:1e-7"),
        ("1.5e-7", "n:1.5e-7"),
        ("0x1F", "n:31"),
        ("0o17", "n:15"),
        ("0b101", "n:5"),
        (".5", "n:0.5"),
        ("5.", "n:5"),
        ("1.e2", "n:100"),
        ("1e-2", "n:0.01"),
        ("1 + null", "n:1"),
        ("1 + undefined", "n:NaN"),
        ("'x' + null", "\"xnull\""),
        ("'x' + undefined", "\"xundefined\""),
        ("'x' + true", "\"xtrue\""),
        ("[] + []", "\"\""),
        ("[] + {}", "\"[object Object]\""),
        ("[1, 2] + [3]", "\"1,23\""),
        ("[1, [2, [3]]] + ''", "\"1,2,3\""),
        ("[null, undefined, 1] + ''", "\",,1\""),
        ("{} + 'a'", "\"[object Object]a\""),
        ("1 < 2", "true"),
        ("'10' < '9'", "true"),
        ("10 < '9'", "false"),
        ("'a' < 'b'", "true"),
        ("'B' < 'a'", "true"),
        ("null < 1", "true"),
        ("undefined < 1", "false"),
        ("NaN < NaN", "false"),
        ("1 <= 1", "true"),
        ("NaN <= NaN", "false"),
        ("null >= 0", "true"),
        ("undefined >= 0", "false"),
        ("'' >= 0", "true"),
        ("[2] > 1", "true"),
        ("'abc' >= 'abd'", "false"),
        ("1 == '1'", "true"),
        ("0 == ''", "true"),
        ("0 == '0'", "true"),
        ("'' == '0'", "false"),
        ("null == undefined", "true"),
        ("null == 0", "false"),
        ("undefined == 0", "false"),
        ("null == false", "false"),
        ("true == 1", "true"),
        ("true == '1'", "true"),
        ("false == ''", "true"),
        ("false == '0'", "true"),
        ("NaN == NaN", "false"),
        ("[] == ''", "true"),
        ("[] == 0", "true"),
        ("[1] == 1", "true"),
        ("[1, 2] == '1,2'", "true"),
        ("[] == false", "true"),
        ("[] == []", "false"),
        ("{} == '[object Object]'", "true"),
        ("1 === 1", "true"),
        ("1 === '1'", "false"),
        ("null === null", "true"),
        ("undefined === undefined", "true"),
        ("null === undefined", "false"),
        ("NaN === NaN", "false"),
        ("0 === -0", "true"),
        ("[] === []", "false"),
        ("'a' !== 'a'", "false"),
        ("1 != '2'", "true"),
        ("0 && 1", "n:0"),
        ("1 && 0", "n:0"),
        ("1 && 'x'", "\"x\""),
        ("'' || 'def'", "\"def\""),
        ("'v' || 'def'", "\"v\""),
        ("null || undefined", "undefined"),
        ("0 || null || 'z'", "\"z\""),
        ("1 && 2 || 3", "n:2"),
        ("0 && 2 || 3", "n:3"),
        ("1 || 2 && 0", "n:1"),
        ("true ? 'x' : 'y'", "\"x\""),
        ("0 ? 'x' : 'y'", "\"y\""),
        ("'' ? 1 : 0 ? 2 : 3", "n:3"),
        ("1 ? 0 ? 'a' : 'b' : 'c'", "\"b\""),
        ("1 + 2 * 3", "n:7"),
        ("(1 + 2) * 3", "n:9"),
        ("10 - 2 - 3", "n:5"),
        ("64 / 4 / 2", "n:8"),
        ("2 * 3 % 4", "n:2"),
        ("1 + 2 < 4 == true", "true"),
        ("1 < 2 < 3", "true"),
        ("3 > 2 > 1", "false"),
        ("a", "n:1"),
        ("b", "\"2\""),
        ("a + b", "\"12\""),
        ("s.length", "n:5"),
        ("s[0]", "\"h\""),
        ("s[4]", "\"o\""),
        ("s[5]", "undefined"),
        ("s['length']", "n:5"),
        ("arr.length", "n:3"),
        ("arr[1]", "n:2"),
        ("arr[3]", "undefined"),
        ("arr['1']", "n:2"),
        ("arr[1.0]", "n:2"),
        ("arr['01']", "undefined"),
        ("arr[-1]", "undefined"),
        ("obj.x", "n:1"),
        ("obj.y.z", "\"deep\""),
        ("obj['y']['z']", "\"deep\""),
        ("obj.missing", "undefined"),
        ("obj.missing.deeper", "undefined"),
        ("nul.x", "undefined"),
        ("nothing", "undefined"),
        ("nothing.x", "undefined"),
        ("nested[0][1]", "n:2"),
        ("nested[1].length", "n:1"),
        ("'x' in obj", "true"),
        ("'q' in obj", "false"),
        ("0 in arr", "true"),
        ("3 in arr", "false"),
        ("'length' in arr", "true"),
        ("[1, 2, ...arr]", "[n:1,n:2,n:1,n:2,n:3]"),
        ("[...'héllo']", "[\"h\",\"é\",\"l\",\"l\",\"o\"]"),
        ("[...s, 1]", "[\"h\",\"e\",\"l\",\"l\",\"o\",n:1]"),
        ("[1, 2,]", "[n:1,n:2]"),
        ("[]", "[]"),
        ("[[]]", "[[]]"),
        (
            "{a: 1, 'b': 2, 3: 'c'}",
            "{\"3\":\"c\",\"a\":n:1,\"b\":n:2}",
        ),
        (
            "{a: 1, ...obj}",
            "{\"a\":n:1,\"x\":n:1,\"y\":{\"z\":\"deep\"}}",
        ),
        ("{...obj, x: 2}", "{\"x\":n:2,\"y\":{\"z\":\"deep\"}}"),
        ("{x: 0, ...{x: 1}, x: 2}", "{\"x\":n:2}"),
        ("{...arr}", "{\"0\":n:1,\"1\":n:2,\"2\":n:3}"),
        ("{...'ab'}", "{\"0\":\"a\",\"1\":\"b\"}"),
        ("{...null, ...1, ...true}", "{}"),
        ("{a, b}", "{\"a\":n:1,\"b\":\"2\"}"),
        (
            "{undefined, NaN}",
            "{\"undefined\":undefined,\"NaN\":n:NaN}",
        ),
        ("{1.50: 'x', 0x10: 'y'}", "{\"16\":\"y\",\"1.5\":\"x\"}"),
        ("{}", "{}"),
        ("{}.x", "undefined"),
        ("{a: 1}.a", "n:1"),
        ("[1, 2, 3][1]", "n:2"),
        ("'abc'.length", "n:3"),
        ("'中文字'.length", "n:3"),
        ("'😀'.length", "n:2"),
        ("[[1, 2], [3]].length", "n:2"),
        ("t ? a : b", "n:1"),
        ("f || empty || zero || 'fallback'", "\"fallback\""),
        ("list.length == 0", "true"),
        ("obj.y.z + '!'", "\"deep!\""),
        ("-a", "n:-1"),
        ("a * b", "n:2"),
        ("b * b", "n:4"),
        ("b + b", "\"22\""),
        ("'\\x41\\u0042\\u{43}\\n'.length", "n:4"),
        ("'\\'' + \"\\\"\"", "\"'\\\"\""),
        ("\"\\u00e9\" == 'é'", "true"),
        ("typeof nothing", "\"undefined\""),
        ("typeof obj.y", "\"object\""),
        ("!obj", "false"),
        ("!list", "false"),
        // Bitwise operators and `??`, at glass-easel's precedence.
        ("a & 3", "n:1"),
        ("5 | 2", "n:7"),
        ("6 ^ 3", "n:5"),
        ("'6' & 'x'", "n:0"),
        ("4294967297 | 0", "n:1"),
        ("1 | 2 & 3", "n:3"),
        ("1 ^ 3 | 4", "n:6"),
        ("1 + 1 & 2", "n:2"),
        ("a == 1 & b == '2'", "n:1"),
        ("s != 'iOS'  & s != null", "n:1"),
        ("a & 2 || 'none'", "\"none\""),
        ("nul ?? 'x'", "\"x\""),
        ("nothing ?? 'x'", "\"x\""),
        ("zero ?? 'x'", "n:0"),
        ("f ?? 'x'", "false"),
        ("empty ?? 'x'", "\"\""),
        ("nul ?? f || 'y'", "\"y\""),
        ("void 0", "undefined"),
        ("void a", "undefined"),
        ("typeof void a", "\"undefined\""),
    ];
    let mut failures = Vec::new();
    for (text, expected) in table {
        let actual = eval(text);
        if actual != *expected {
            failures.push(format!("{text}: expected {expected}, got {actual}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn strings_escape_and_continue_lines() {
    assert_eq!(eval(r"'\x41\u0042\u{43}\n'"), r#""ABC\n""#);
    assert_eq!(eval("'a\\\nb'"), r#""ab""#);
    assert_eq!(eval(r"'\uD83D\uDE00'"), r#""😀""#);
    assert_eq!(eval(r"'\uD83D'"), "\"\u{fffd}\"");
    assert_eq!(eval(r"'\0'"), r#""\0""#);
    assert_eq!(eval(r"'\q\'\\'"), r#""q'\\""#);
    assert_eq!(eval("\"it's\""), r#""it's""#);
}

#[test]
fn calls_and_throws_are_undefined() {
    // Functions are not values here: a call is undefined, and the rest goes on.
    assert_eq!(eval("s.toUpperCase()"), "undefined");
    assert_eq!(eval("s.toUpperCase() || 'x'"), r#""x""#);
    assert_eq!(eval("f(1)(2)"), "undefined");
    // What JavaScript throws on makes the whole result undefined.
    assert_eq!(eval("('a' in 'abc') || 1"), "undefined");
    assert_eq!(eval("[...1] || 1"), "undefined");
    assert_eq!(eval("[...obj]"), "undefined");
    assert_eq!(eval("(arr instanceof obj) || 1"), "undefined");
    // Prototype members are not modelled.
    assert_eq!(eval("s.charAt"), "undefined");
    assert_eq!(eval("'push' in arr"), "false");
}

#[test]
fn displays_values_as_javascript_strings() {
    let cases = [
        ("1 / 3", "0.3333333333333333"),
        ("-0", "0"),
        ("100 * 1e19", "1e+21"),
        ("[1, [2, null], undefined, 'x']", "1,2,,,x"),
        ("{a: 1}", "[object Object]"),
        ("null", "null"),
        ("undefined", "undefined"),
        ("-Infinity", "-Infinity"),
    ];
    for (text, expected) in cases {
        let value = parse_expression(text).unwrap().eval(&scope);
        assert_eq!(value.to_string(), expected, "{text}");
    }
}

#[test]
fn parses_into_the_expected_tree() {
    let lit = |v: f64| Box::new(Expr::Literal(Value::Number(v)));
    let id = |n: &str| Box::new(Expr::Ident(n.into()));
    let key = |k: &str| Box::new(Expr::Literal(Value::String(k.into())));
    assert_eq!(
        parse_expression("1 - 2 - 3").unwrap(),
        Expr::Binary(
            BinaryOp::Sub,
            Box::new(Expr::Binary(BinaryOp::Sub, lit(1.0), lit(2.0))),
            lit(3.0)
        )
    );
    assert_eq!(
        parse_expression("a ? b : c ? d : e").unwrap(),
        Expr::Conditional(
            id("a"),
            id("b"),
            Box::new(Expr::Conditional(id("c"), id("d"), id("e")))
        )
    );
    assert_eq!(
        parse_expression("m.fn(x, 1)[0].y").unwrap(),
        Expr::Member(
            Box::new(Expr::Member(
                Box::new(Expr::Call(
                    Box::new(Expr::Member(id("m"), key("fn"))),
                    vec![Expr::Ident("x".into()), Expr::Literal(Value::Number(1.0))]
                )),
                lit(0.0)
            )),
            key("y")
        )
    );
    assert_eq!(
        parse_expression("!typeof -a").unwrap(),
        Expr::Unary(
            UnaryOp::Not,
            Box::new(Expr::Unary(
                UnaryOp::TypeOf,
                Box::new(Expr::Unary(UnaryOp::Negate, id("a")))
            ))
        )
    );
    assert_eq!(
        parse_expression("{a, 'b c': 1, ...d, class: 2}").unwrap(),
        Expr::Object(vec![
            Property::Field("a".into(), Expr::Ident("a".into())),
            Property::Field("b c".into(), Expr::Literal(Value::Number(1.0))),
            Property::Spread(Expr::Ident("d".into())),
            Property::Field("class".into(), Expr::Literal(Value::Number(2.0))),
        ])
    );
    assert_eq!(
        parse_expression("[a, ...b]").unwrap(),
        Expr::Array(vec![Item::Value(*id("a")), Item::Spread(*id("b"))])
    );
    assert_eq!(
        parse_expression("'a' in b").unwrap(),
        Expr::Binary(BinaryOp::In, key("a"), id("b"))
    );
    // `.in`, `.class`: any name after a dot.
    assert_eq!(
        parse_expression("a.in.class").unwrap(),
        Expr::Member(Box::new(Expr::Member(id("a"), key("in"))), key("class"))
    );
    assert_eq!(parse_expression("$_x9").unwrap(), *id("$_x9"));
    assert_eq!(parse_expression("名字").unwrap(), *id("名字"));
}

#[test]
fn object_bodies_parse_without_braces() {
    assert_eq!(
        parse_object_body("item").unwrap(),
        vec![Property::Field("item".into(), Expr::Ident("item".into()))]
    );
    assert_eq!(
        parse_object_body(" ...item, a: 1, ").unwrap(),
        vec![
            Property::Spread(Expr::Ident("item".into())),
            Property::Field("a".into(), Expr::Literal(Value::Number(1.0))),
        ]
    );
    assert_eq!(parse_object_body("").unwrap(), vec![]);
    assert_eq!(
        parse_object_body("a.b").unwrap_err().message,
        "expected `:`"
    );
}

#[test]
fn reports_syntax_errors_with_offsets() {
    let cases: &[(&str, usize, &str)] = &[
        ("", 0, "expected an expression"),
        ("   ", 3, "expected an expression"),
        ("a +", 3, "expected an expression"),
        ("(a", 2, "expected `)`"),
        ("a)", 1, "unexpected `)`"),
        ("a b", 2, "unexpected `b`"),
        ("'abc", 0, "unterminated string"),
        ("'ab\ncd'", 0, "unterminated string"),
        ("a ? b", 5, "expected `:`"),
        ("[1, 2", 5, "expected `]`"),
        ("{a: 1", 5, "expected `}`"),
        ("{a 1}", 3, "expected `:`"),
        ("{true}", 5, "expected `:`"),
        ("{+: 1}", 1, "expected a property name"),
        ("a.", 2, "expected a property name"),
        ("a.1", 1, "unexpected number"),
        ("1a", 1, "a name cannot start right after a number"),
        ("0x", 0, "malformed number"),
        ("0xg", 0, "malformed number"),
        ("a # b", 2, "unexpected character `#`"),
        ("a & & b", 4, "unexpected `&`"),
        ("a ?? ", 5, "expected an expression"),
        ("a = 1", 2, "unexpected `=`"),
        ("2**3", 2, "unexpected `*`"),
        ("in", 0, "unexpected `in`"),
        ("typeof", 6, "expected an expression"),
        ("'\\x4'", 1, "malformed \\x escape"),
        ("'\\u{110000}'", 1, "malformed \\u escape"),
        ("'\\1'", 1, "octal escapes are not allowed in strings"),
        ("f(a b)", 4, "expected `)`"),
        ("[,]", 1, "unexpected `,`"),
    ];
    for (text, offset, message) in cases {
        let error = parse_expression(text).unwrap_err();
        assert_eq!(
            (error.offset, error.message.as_str()),
            (*offset, *message),
            "{text:?}"
        );
    }
}

#[test]
fn bounds_nesting_depth() {
    let deep = format!("{}1{}", "(".repeat(500), ")".repeat(500));
    assert_eq!(
        parse_expression(&deep).unwrap_err().message,
        "expression is nested too deeply"
    );
    let chain = vec!["1"; 5000].join(" + ");
    assert_eq!(
        parse_expression(&chain).unwrap_err().message,
        "expression is nested too deeply"
    );
    let nots = format!("{}a", "!".repeat(5000));
    assert!(parse_expression(&nots).is_err());
    let fine = vec!["1"; 50].join(" + ");
    assert_eq!(eval(&fine), "n:50");
}

#[test]
fn folds_only_what_javascript_would_compute_the_same() {
    let fold = |text: &str| parse_expression(text).unwrap().fold().map(|v| render(&v));
    assert_eq!(fold("1 + 2").as_deref(), Some("n:3"));
    assert_eq!(fold("'a' + 'b'").as_deref(), Some("\"ab\""));
    assert_eq!(fold("true ? 'x' : 'y'").as_deref(), Some("\"x\""));
    assert_eq!(fold("[1, 2].length").as_deref(), Some("n:2"));
    assert_eq!(fold("null.x").as_deref(), Some("undefined"));
    assert_eq!(fold("[1][5]").as_deref(), Some("undefined"));
    for unknown in [
        "a",
        "1 + a",
        "'x'.toUpperCase()",
        "[].push",
        "({}).toString",
        "'a' in {}",
        "'a' in 'b'",
        "[...1]",
        "(1).toFixed",
    ] {
        assert_eq!(fold(unknown), None, "{unknown}");
    }
    assert_eq!(fold("'a' in {a: 1}").as_deref(), Some("true"));
    assert_eq!(fold("6 & 3").as_deref(), Some("n:2"));
    assert_eq!(fold("null ?? 2").as_deref(), Some("n:2"));
    assert_eq!(fold("a ?? 2"), None);
    assert_eq!(fold("[] instanceof {}"), None);
}

proptest! {
    #[test]
    fn parsing_and_evaluating_never_panic(text in ".{0,60}") {
        if let Ok(expr) = parse_expression(&text) {
            let _ = expr.eval(&scope);
            let _ = expr.fold();
        }
        let _ = parse_object_body(&text);
    }

    #[test]
    fn operator_soup_never_panics(parts in prop::collection::vec(
        prop::sample::select(vec![
            "a", "b", "1", "0.5", "'x'", "\"y\"", "arr", "obj", "(", ")", "[", "]", "{", "}",
            ",", ":", "?", "...", ".", "+", "-", "*", "/", "%", "!", "~", "typeof", "in", "==",
            "===", "!=", "<", ">=", "&&", "||", "null", "undefined", "NaN", " ", "x.y", "f(",
        ]),
        0..40,
    )) {
        let text = parts.concat();
        if let Ok(expr) = parse_expression(&text) {
            let _ = expr.eval(&scope).to_string();
            let _ = expr.fold();
        }
    }
}
