//! The WXML compiler: markup, directives, templates, paths, the generated module code,
//! and every compile error with its `file:line:column`.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

// Named like the module so `cargo test wxml` selects these tests.
mod wxml {
    use proptest::prelude::*;
    use wxrt_core::wxml::{compile, CompiledWxml, WxmlError};

    const PAGE: &str = "pages/index/index.wxml";

    fn ok(source: &str) -> CompiledWxml {
        let compiled = compile(PAGE, source).unwrap_or_else(|e| panic!("{e}"));
        check_structure(&compiled.code);
        compiled
    }

    fn code(source: &str) -> String {
        ok(source).code
    }

    /// The statements of `render`, each trimmed, one per line.
    fn render(source: &str) -> String {
        let code = code(source);
        let start = code.find("render: function (D, W, $C) {\n").unwrap() + 30;
        let end = code.rfind("    }\n  };\n  return S;\n})").unwrap();
        code[start..end]
            .lines()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// `(line, column, message)` of the error.
    fn error(source: &str) -> (u32, u32, String) {
        let error = compile(PAGE, source).unwrap_err();
        assert_eq!(error.file, PAGE);
        (error.line, error.column, error.message)
    }

    fn err(line: u32, column: u32, message: &str) -> (u32, u32, String) {
        (line, column, message.to_string())
    }

    /// The generated code is one parenthesised function expression whose brackets and
    /// string literals balance: what a JavaScript parser would first trip over.
    fn check_structure(code: &str) {
        assert!(code.starts_with("(function (R) {\n  \"use strict\";\n  var T = {};\n"));
        assert!(code.ends_with("\n  return S;\n})"), "{code}");
        let mut stack = Vec::new();
        let mut chars = code.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => {
                            chars.next();
                        }
                        Some('\n' | '\r' | '\u{2028}' | '\u{2029}') | None => {
                            panic!("broken string literal in\n{code}")
                        }
                        Some(_) => {}
                    }
                },
                '(' | '[' | '{' => stack.push(c),
                ')' | ']' | '}' => {
                    let open = stack.pop();
                    let expected = match c {
                        ')' => '(',
                        ']' => '[',
                        _ => '{',
                    };
                    assert_eq!(open, Some(expected), "unbalanced `{c}` in\n{code}");
                }
                _ => {}
            }
        }
        assert!(stack.is_empty(), "unclosed {stack:?} in\n{code}");
    }

    // --- the module object ---

    #[test]
    fn generates_the_module_object() {
        let compiled = ok(concat!(
            "<import src=\"../common/tpl\"/>\n",
            "<wxs module=\"m\" src=\"/utils/tools.wxs\"/>\n",
            "<wxs module=\"n\">module.exports = {a: \"</b>\\n\"};</wxs>\n",
            "<template name=\"t\"><text>{{x}}</text></template>\n",
            "<view>hi</view>\n",
        ));
        assert_eq!(
            compiled.code,
            r#"(function (R) {
  "use strict";
  var T = {};
  T["t"] = function (D, W, $C) {
    var c1 = [];
    c1.push(R.text(R.g(D, "x")));
    $C.push(R.el("text", {}, c1));
  };
  var S = {
    path: "pages/index/index.wxml",
    imports: ["pages/common/tpl.wxml"],
    wxs: [{module: "m", src: "utils/tools.wxs"}, {module: "n", code: "module.exports = {a: \"</b>\\n\"};"}],
    templates: T,
    render: function (D, W, $C) {
      var c2 = [];
      c2.push(R.text("hi"));
      $C.push(R.el("view", {}, c2));
    }
  };
  return S;
})"#
        );
        assert_eq!(compiled.imports, ["pages/common/tpl.wxml"]);
        assert_eq!(compiled.includes, Vec::<String>::new());
        assert_eq!(compiled.wxs_files, ["utils/tools.wxs"]);
    }

    #[test]
    fn an_empty_file_renders_nothing() {
        assert_eq!(render(""), "");
        assert_eq!(render("\n  <!-- only a comment -->\n"), "");
        assert_eq!(render("\u{feff}<a/>"), "$C.push(R.el(\"a\", {}, []));");
    }

    // --- markup ---

    #[test]
    fn elements_keep_tag_and_attribute_case() {
        assert_eq!(
            render(
                r#"<My-Comp_2 someProp="1" bind:myEvent="h" capture-bind:tap="c" mut-bind:tap="m" catchtap="t"/>"#
            ),
            r#"$C.push(R.el("My-Comp_2", {"someProp": "1", "bind:myEvent": "h", "capture-bind:tap": "c", "mut-bind:tap": "m", "catchtap": "t"}, []));"#
        );
    }

    #[test]
    fn attribute_values_keep_their_type_or_concatenate() {
        let out = render(concat!(
            "<view id=\"a\" class='b {{c}}' hidden data-n=\"{{n}}\" data-s=\" {{ n }} \" ",
            "style=\"color: {{color}}; width: {{w}}px\" data-lit=\"{{1}}{{2}}\" data-q=\"{{'it\\'s'}}\"/>"
        ));
        assert_eq!(
            out,
            concat!(
                "$C.push(R.el(\"view\", {\"id\": \"a\", \"class\": \"b \" + R.str(R.g(D, \"c\")), ",
                "\"hidden\": true, \"data-n\": R.g(D, \"n\"), \"data-s\": R.g(D, \"n\"), ",
                "\"style\": \"color: \" + R.str(R.g(D, \"color\")) + \"; width: \" + R.str(R.g(D, \"w\")) + \"px\", ",
                "\"data-lit\": \"12\", \"data-q\": \"it's\"}, []));"
            )
        );
    }

    #[test]
    fn constant_expressions_fold() {
        let out = render(concat!(
            "<a n=\"{{1 + 2}}\" s=\"{{'a' + 'b'}}\" t=\"{{true ? 'x' : 'y'}}\" ",
            "f=\"{{0.1 * 3}}\" u=\"{{undefined}}\" z=\"{{null}}\" neg=\"{{-1}}\" ",
            "l=\"{{[1, 2].length}}\" m=\"{{a + (2 * 3)}}\" o=\"{{ {k: 1 + 1} }}\" arr=\"{{[1, 'x' + 1]}}\"/>"
        ));
        assert_eq!(
            out,
            concat!(
                "$C.push(R.el(\"a\", {\"n\": 3, \"s\": \"ab\", \"t\": \"x\", ",
                "\"f\": 0.30000000000000004, \"u\": undefined, \"z\": null, \"neg\": (-1), ",
                "\"l\": 2, \"m\": (R.g(D, \"a\") + 6), \"o\": {\"k\": 2}, \"arr\": [1, \"x1\"]}, []));"
            )
        );
        // Not folded: what a prototype or the runtime decides.
        let out = render("<a x=\"{{'ab'.toUpperCase()}}\" y=\"{{[].length + [].push}}\"/>");
        assert!(
            out.contains(r#""x": R.call("ab", "toUpperCase", [])"#),
            "{out}"
        );
        assert!(out.contains(r#""y": (0 + R.g([], "push"))"#), "{out}");
        // Text mixing folds only strings and numbers (R.str decides the rest).
        assert_eq!(
            render("<t>{{1 + 1}} and {{'x'}}, {{null}}</t>"),
            "var c1 = [];\nc1.push(R.text(\"2 and x, \" + R.str(null)));\n$C.push(R.el(\"t\", {}, c1));"
        );
    }

    #[test]
    fn text_is_kept_as_written_and_indentation_dropped() {
        let out =
            render("<view>\n  <text>a &lt; b</text>\n  <text> x </text> <text>y</text>\n</view>");
        assert_eq!(
            out,
            [
                "var c1 = [];",
                "var c2 = [];",
                "c2.push(R.text(\"a &lt; b\"));",
                "c1.push(R.el(\"text\", {}, c2));",
                "var c3 = [];",
                "c3.push(R.text(\" x \"));",
                "c1.push(R.el(\"text\", {}, c3));",
                "c1.push(R.text(\" \"));",
                "var c4 = [];",
                "c4.push(R.text(\"y\"));",
                "c1.push(R.el(\"text\", {}, c4));",
                "$C.push(R.el(\"view\", {}, c1));",
            ]
            .join("\n")
        );
        // A lone mustache keeps its value; surrounding text makes a string.
        assert_eq!(render("{{n}}"), "$C.push(R.text(R.g(D, \"n\")));");
        assert_eq!(
            render(" {{n}}\n"),
            "$C.push(R.text(\" \" + R.str(R.g(D, \"n\")) + \"\\n\"));"
        );
        assert_eq!(render("<!-- c -->a<!-- d -->"), "$C.push(R.text(\"a\"));");
    }

    #[test]
    fn less_than_inside_text_mustaches_is_an_operator() {
        assert_eq!(
            render("<t>{{a < b ? '<' : '>'}}</t>"),
            [
                "var c1 = [];",
                "c1.push(R.text(((R.g(D, \"a\") < R.g(D, \"b\")) ? \"<\" : \">\")));",
                "$C.push(R.el(\"t\", {}, c1));",
            ]
            .join("\n")
        );
    }

    // --- expressions ---

    #[test]
    fn names_resolve_to_loop_variables_modules_or_data() {
        let out = render(concat!(
            "<wxs module=\"fmt\">module.exports = {};</wxs>",
            "<view wx:for=\"{{rows}}\" wx:for-item=\"row\" wx:for-index=\"i\" ",
            "a=\"{{row.x}}\" b=\"{{fmt.f(row, i)}}\" c=\"{{fmt}}\" d=\"{{other[i]}}\" e=\"{{f(1)}}\" ",
            "g=\"{{NaN}}{{Infinity}}\" h=\"{{typeof x}}\" k=\"{{!(a || b) && -c}}\"/>"
        ));
        assert!(out.contains(r#""a": R.g(v_row, "x")"#), "{out}");
        assert!(
            out.contains(r#""b": R.call(W.fmt, "f", [v_row, v_i])"#),
            "{out}"
        );
        assert!(out.contains(r#""c": W.fmt"#), "{out}");
        assert!(out.contains(r#""d": R.g(R.g(D, "other"), v_i)"#), "{out}");
        assert!(out.contains(r#""e": R.fn(R.g(D, "f"), [1])"#), "{out}");
        assert!(out.contains(r#""g": "NaNInfinity""#), "{out}");
        assert!(out.contains(r#""h": (typeof R.g(D, "x"))"#), "{out}");
        assert!(
            out.contains(r#""k": ((!(R.g(D, "a") || R.g(D, "b"))) && (-R.g(D, "c")))"#),
            "{out}"
        );
    }

    #[test]
    fn bitwise_nullish_void_and_instanceof_compile_as_glass_easel_parses_them() {
        // Real library code writes `&` where it means `&&` (it works in WeChat: both
        // sides are booleans, so the result is 0 or 1).
        let out = render(concat!(
            "<view wx:if=\"{{system != 'iOS'  & system != null}}\" ",
            "a=\"{{x | y ^ z & 1}}\" b=\"{{x ?? y || z}}\" c=\"{{void x}}\" ",
            "d=\"{{x instanceof y}}\"/>"
        ));
        assert!(
            out.contains(r#"((R.g(D, "system") != "iOS") & (R.g(D, "system") != null))"#),
            "{out}"
        );
        assert!(
            out.contains(r#""a": (R.g(D, "x") | (R.g(D, "y") ^ (R.g(D, "z") & 1)))"#),
            "{out}"
        );
        assert!(
            out.contains(r#""b": ((R.g(D, "x") ?? R.g(D, "y")) || R.g(D, "z"))"#),
            "{out}"
        );
        assert!(out.contains(r#""c": (void R.g(D, "x"))"#), "{out}");
        assert!(
            out.contains(r#""d": (R.g(D, "x") instanceof R.g(D, "y"))"#),
            "{out}"
        );
    }

    #[test]
    fn loop_variables_shadow_and_mangle() {
        let out = render(concat!(
            "<view wx:for=\"{{a}}\" wx:for-item=\"class\" wx:for-index=\"$i\">",
            "<text wx:for=\"{{class.kids}}\">{{class}}{{item}}{{$i}}</text></view>"
        ));
        assert!(out.contains("function (v_class, v_$24$i)"), "{out}");
        assert!(
            out.contains("R.each(R.g(v_class, \"kids\"), function (v_item, v_index)"),
            "{out}"
        );
        assert!(
            out.contains("R.str(v_class) + R.str(v_item) + R.str(v_$24$i)"),
            "{out}"
        );
    }

    #[test]
    fn arrays_and_objects_with_spread() {
        assert_eq!(
            render("<a x=\"{{[a, ...b, 'c']}}\" y=\"{{ {a, 'b-c': 1, ...d, 2: e} }}\"/>"),
            concat!(
                "$C.push(R.el(\"a\", {\"x\": [R.g(D, \"a\"), ...R.g(D, \"b\"), \"c\"], ",
                "\"y\": {\"a\": R.g(D, \"a\"), \"b-c\": 1, ...R.g(D, \"d\"), \"2\": R.g(D, \"e\")}}, []));"
            )
        );
    }

    // --- wx:if ---

    #[test]
    fn if_chains() {
        let out = render(concat!(
            "<view wx:if=\"{{a}}\">A</view>\n",
            "  <view wx:elif=\"{{b}}\">B</view> <view wx:else>C</view>\n",
            "<view wx:if=\"false\"/><view wx:if/>"
        ));
        assert_eq!(
            out,
            [
                "if (R.g(D, \"a\")) {",
                "var c1 = [];",
                "c1.push(R.text(\"A\"));",
                "$C.push(R.el(\"view\", {}, c1));",
                "} else if (R.g(D, \"b\")) {",
                "var c2 = [];",
                "c2.push(R.text(\"B\"));",
                "$C.push(R.el(\"view\", {}, c2));",
                "} else {",
                "var c3 = [];",
                "c3.push(R.text(\"C\"));",
                "$C.push(R.el(\"view\", {}, c3));",
                "}",
                // A non-empty string is true, as in WeChat.
                "if (\"false\") {",
                "$C.push(R.el(\"view\", {}, []));",
                "}",
                "if (true) {",
                "$C.push(R.el(\"view\", {}, []));",
                "}",
            ]
            .join("\n")
        );
        // Definitions and comments between branches do not break the chain.
        let out = render("<a wx:if=\"{{x}}\"/><!-- c --><template name=\"t\"/><b wx:else/>");
        assert!(out.contains("} else {"), "{out}");
    }

    #[test]
    fn if_chain_errors() {
        // A misplaced `wx:else` is a warning: tests/wxml_lenient.rs.
        assert_eq!(
            error("<a wx:if=\"{{x}}\"/><b wx:elif/>"),
            err(1, 22, "`wx:elif` needs a condition")
        );
    }

    // --- wx:for ---

    #[test]
    fn for_loops_render_rows_through_memo() {
        let out = render(
            "<view wx:for=\"{{list}}\" wx:key=\"id\" class=\"{{cls}}\">{{item.name}}</view>",
        );
        assert_eq!(
            out,
            [
                "R.each(R.g(D, \"list\"), function (v_item, v_index) {",
                "var k1 = R.key(v_item, v_index, \"id\");",
                "$C.push.apply($C, R.memo(\"pages/index/index.wxml#for1\", k1, [v_item, v_index, R.g(D, \"cls\")], function () {",
                "var c2 = [];",
                "var c3 = [];",
                "c3.push(R.text(R.g(v_item, \"name\")));",
                "c2.push(R.el(\"view\", {\"class\": R.g(D, \"cls\")}, c3, k1));",
                "return c2;",
                "}));",
                "});",
            ]
            .join("\n")
        );
    }

    #[test]
    fn for_keys() {
        let key_of = |attrs: &str| {
            let out = render(&format!("<a wx:for=\"{{{{l}}}}\" {attrs}/>"));
            let start = out.find("R.key(").unwrap();
            out[start..out[start..].find(";").unwrap() + start].to_string()
        };
        assert_eq!(key_of(""), "R.key(v_item, v_index, undefined)");
        assert_eq!(
            key_of("wx:key=\"*this\""),
            "R.key(v_item, v_index, \"*this\")"
        );
        assert_eq!(key_of("wx:key=\" id \""), "R.key(v_item, v_index, \"id\")");
        assert_eq!(
            key_of("wx:key=\"{{item.id + '-' + index}}\""),
            "R.key(v_item, v_index, {value: ((R.g(v_item, \"id\") + \"-\") + v_index)})"
        );
        assert_eq!(
            key_of("wx:key=\"k{{index}}\""),
            "R.key(v_item, v_index, {value: \"k\" + R.str(v_index)})"
        );
    }

    #[test]
    fn for_lists_may_be_literals() {
        assert!(render("<a wx:for=\"abc\"/>").starts_with("R.each(\"abc\", function"));
        assert!(render("<a wx:for=\"{{[1, 2, 3]}}\"/>").starts_with("R.each([1, 2, 3], function"));
        assert!(render("<a wx:for=\"{{5}}\"/>").starts_with("R.each(5, function"));
        assert!(render("<a wx:for-items=\"{{l}}\"/>").starts_with("R.each(R.g(D, \"l\"), function"));
        // Without wx:for, its modifiers mean nothing.
        assert_eq!(
            render("<a wx:for-item=\"x\" wx:key=\"id\"/>"),
            "$C.push(R.el(\"a\", {}, []));"
        );
    }

    #[test]
    fn for_with_if_tests_each_row() {
        let out = render("<a wx:for=\"{{l}}\" wx:if=\"{{item.on}}\" wx:key=\"*this\"/>");
        assert!(
            out.contains("function () {\nvar c2 = [];\nif (R.g(v_item, \"on\")) {\nc2.push(R.el(\"a\", {}, [], k1));\n}\nreturn c2;"),
            "{out}"
        );
    }

    #[test]
    fn block_for_keys_each_child_by_position() {
        let out = render(concat!(
            "<block wx:for=\"{{l}}\" wx:key=\"id\">\n",
            "  <a/>\n  text\n  <b wx:if=\"{{x}}\"/><c wx:else/>\n  <block><d/></block>\n",
            "  <template is=\"t\"/>\n",
            "</block>"
        ));
        assert!(
            out.contains("c2.push(R.el(\"a\", {}, [], k1 + \"#0\"));"),
            "{out}"
        );
        assert!(
            out.contains("c2.push(R.text(\"\\n  text\\n  \"));"),
            "{out}"
        );
        assert!(
            out.contains("c2.push(R.el(\"b\", {}, [], k1 + \"#2\"));"),
            "{out}"
        );
        assert!(
            out.contains("c2.push(R.el(\"c\", {}, [], k1 + \"#2\"));"),
            "{out}"
        );
        assert!(
            out.contains("c2.push(R.el(\"d\", {}, [], k1 + \"#3\" + \"#0\"));"),
            "{out}"
        );
        assert!(out.contains("R.tpl(S, \"t\", {}, W, c2);"), "{out}");
        // Elements inside a row's elements carry no key.
        let out = render("<a wx:for=\"{{l}}\"><b/></a>");
        assert!(out.contains("c3.push(R.el(\"b\", {}, []));"), "{out}");
    }

    #[test]
    fn memo_deps_are_what_a_row_reads_from_outside() {
        let deps = |source: &str| {
            let out = render(source);
            let site = out.find("R.memo(").unwrap();
            let start = out[site..].find(", k").unwrap() + site + 2;
            let start = out[start..].find(", ").unwrap() + start + 2;
            let end = out[start..].find(", function () {").unwrap() + start;
            out[start..end].to_string()
        };
        assert_eq!(deps("<a wx:for=\"{{l}}\"/>"), "[v_item, v_index]");
        assert_eq!(
            deps("<wxs module=\"m\"/><a wx:for=\"{{l}}\" x=\"{{m.f(a.b, item)}}{{c[index]}}{{a}}\"/>"),
            "[v_item, v_index, R.g(R.g(D, \"a\"), \"b\"), R.g(D, \"c\"), R.g(D, \"a\")]"
        );
        // A row that shows the list's length depends on the length, not on every row.
        assert_eq!(
            deps("<a wx:for=\"{{rows}}\">{{item.t}} of {{rows.length}}</a>"),
            "[v_item, v_index, R.g(R.g(D, \"rows\"), \"length\")]"
        );
        // The row's own wx:if is inside the row.
        assert_eq!(
            deps("<a wx:for=\"{{l}}\" wx:if=\"{{show}}\"/>"),
            "[v_item, v_index, R.g(D, \"show\")]"
        );
        // Nested loops: the inner list and body count, the inner variables do not.
        assert_eq!(
            deps("<a wx:for=\"{{rows}}\" wx:for-item=\"row\"><b wx:for=\"{{row.cells}}\" wx:key=\"{{item.k + sep}}\">{{item}}{{row.n}}{{index}}{{other}}</b></a>"),
            "[v_row, v_index, R.g(D, \"sep\"), R.g(D, \"other\")]"
        );
        // An inner loop's deps name the outer loop's variable as its local.
        let out = render("<a wx:for=\"{{rows}}\" wx:for-item=\"row\"><b wx:for=\"{{row.cells}}\">{{row.n}}</b></a>");
        assert!(
            out.contains("[v_item, v_index, R.g(v_row, \"n\")]"),
            "{out}"
        );
        // Template calls contribute their data and a dynamic name.
        assert_eq!(
            deps("<template is=\"{{kind}}\" wx:for=\"{{l}}\" data=\"{{...item, x: y}}\"/>"),
            "[v_item, v_index, R.g(D, \"kind\"), R.g(D, \"y\")]"
        );
        // An include reads all the data.
        assert_eq!(
            deps("<view wx:for=\"{{l}}\"><include src=\"a\"/></view>"),
            "null"
        );
    }

    #[test]
    fn memo_sites_are_unique_in_the_file() {
        let out = code(concat!(
            "<template name=\"t\"><a wx:for=\"{{l}}\"/></template>",
            "<b wx:for=\"{{l}}\"><c wx:for=\"{{item}}\"/></b>"
        ));
        for n in 1..=3 {
            let site = format!("\"pages/index/index.wxml#for{n}\"");
            assert_eq!(out.matches(&site).count(), 1, "{site} in {out}");
        }
    }

    #[test]
    fn for_errors() {
        // Computed or odd loop names are warnings: tests/wxml_lenient.rs.
        assert_eq!(
            error("<a wx:for=\"{{l}}\" wx:for-item=\"x\" wx:for-index=\"x\"/>"),
            err(1, 35, "`wx:for-item` and `wx:for-index` are both `x`")
        );
    }

    // --- blocks ---

    #[test]
    fn blocks_render_only_their_children() {
        assert_eq!(
            render("<block class=\"ignored\"><a/>{{x}}</block>"),
            "$C.push(R.el(\"a\", {}, []));\n$C.push(R.text(R.g(D, \"x\")));"
        );
        assert_eq!(
            render("<block wx:if=\"{{x}}\"><a/></block>"),
            "if (R.g(D, \"x\")) {\n$C.push(R.el(\"a\", {}, []));\n}"
        );
    }

    // --- templates ---

    #[test]
    fn templates_are_defined_not_rendered() {
        let out = code(concat!(
            "<view wx:for=\"{{l}}\">\n",
            "  <template name=\"row\"><text>{{item}} {{label}}</text></template>\n",
            "</view>"
        ));
        // The definition sees only its data: `item` is a data field there.
        assert!(
            out.contains("  T[\"row\"] = function (D, W, $C) {\n    var c1 = [];\n    c1.push(R.text(R.str(R.g(D, \"item\")) + \" \" + R.str(R.g(D, \"label\"))));"),
            "{out}"
        );
        assert!(!out.contains("R.tpl"), "{out}");
    }

    #[test]
    fn template_calls_pass_their_data() {
        let calls = render(concat!(
            "<template is=\"a\"/>",
            "<template is=\"a\" data=\"{{...item, n: 1}}\"/>",
            "<template is=\"a\" data=\"{{item}}\"/>",
            "<template is=\"a\" data=\" {{ a: x, b }} \"/>",
            "<template is=\"a\" data=\"{{ {x: 1} }}\"/>",
            "<template is=\"a\" data=\"{{obj.inner}}\"/>",
            "<template is=\"{{name}}\" data=\"{{}}\"/>",
            "<template is=\"cell-{{kind}}\" wx:if=\"{{x}}\"/>",
        ));
        assert_eq!(
            calls,
            [
                "R.tpl(S, \"a\", {}, W, $C);",
                "R.tpl(S, \"a\", {...R.g(D, \"item\"), \"n\": 1}, W, $C);",
                "R.tpl(S, \"a\", {\"item\": R.g(D, \"item\")}, W, $C);",
                "R.tpl(S, \"a\", {\"a\": R.g(D, \"x\"), \"b\": R.g(D, \"b\")}, W, $C);",
                "R.tpl(S, \"a\", {\"x\": 1}, W, $C);",
                "R.tpl(S, \"a\", R.g(R.g(D, \"obj\"), \"inner\"), W, $C);",
                "R.tpl(S, R.g(D, \"name\"), {}, W, $C);",
                "if (R.g(D, \"x\")) {",
                "R.tpl(S, \"cell-\" + R.str(R.g(D, \"kind\")), {}, W, $C);",
                "}",
            ]
            .join("\n")
        );
    }

    #[test]
    fn template_errors() {
        assert_eq!(
            error("<template/>"),
            err(
                1,
                1,
                "`<template>` needs `name` (to define one) or `is` (to use one)"
            )
        );
        assert_eq!(
            error("<template name=\"a\" is=\"b\"/>"),
            err(1, 20, "`<template>` cannot have both `name` and `is`")
        );
        assert_eq!(
            error("<template name=\"a\"/>\n<template name=\"a\"/>"),
            err(2, 11, "template `a` is already defined at 1:11")
        );
        assert_eq!(
            error("<template name=\" \"/>"),
            err(1, 17, "the template name is empty")
        );
        assert_eq!(
            error("<template name=\"{{a}}\"/>"),
            err(1, 17, "the template name must be plain text, not `{{ }}`")
        );
        assert_eq!(
            error("<template is=\"a\" data=\"x\"/>"),
            err(1, 24, "`data` must be written `{{ … }}`")
        );
        assert_eq!(
            error("<template is=\"a\" data=\"{{a}} {{b}}\"/>"),
            err(1, 24, "`data` must be written `{{ … }}`")
        );
        assert_eq!(
            error("<template is=\"a\" data/>"),
            err(1, 18, "`data` must be written `{{ … }}`")
        );
        assert_eq!(
            error("<template is=\"a\" data=\"{{a: }}\"/>"),
            err(1, 29, "expected an expression")
        );
    }

    // --- import, include, wxs ---

    #[test]
    fn imports_and_includes_resolve_paths() {
        let compiled = ok(concat!(
            "<import src=\"a\"/><import src=\"./a.wxml\"/><import src=\"/common/b.wxml\"/>",
            "<include src=\"../x/header\"/><include src=\"../x/header.wxml\"/>",
            "<view wx:if=\"{{f}}\"><include src=\"/footer\"/></view>"
        ));
        assert_eq!(compiled.imports, ["pages/index/a.wxml", "common/b.wxml"]);
        assert_eq!(compiled.includes, ["pages/x/header.wxml", "footer.wxml"]);
        assert!(compiled
            .code
            .contains("imports: [\"pages/index/a.wxml\", \"common/b.wxml\"],"));
        assert!(compiled.code.contains("      R.include(\"pages/x/header.wxml\", D, $C);\n      R.include(\"pages/x/header.wxml\", D, $C);\n"));
        assert!(compiled.code.contains("R.include(\"footer.wxml\", D, c1);"));
    }

    #[test]
    fn wxs_modules() {
        let compiled = ok(concat!(
            "<wxs module=\"a\" src=\"../../utils/a.wxs\"/>",
            "<wxs module=\"b\" src=\"/utils/a\"></wxs>",
            "<wxs module=\"$c_1\">\n  var x = 1 < 2;\n  module.exports = { x: x };\n</wxs>",
            "<text>{{a.f(1)}}{{b.v}}{{$c_1.x}}</text>"
        ));
        assert_eq!(compiled.wxs_files, ["utils/a.wxs"]);
        assert!(compiled.code.contains(concat!(
            "wxs: [{module: \"a\", src: \"utils/a.wxs\"}, {module: \"b\", src: \"utils/a.wxs\"}, ",
            "{module: \"$c_1\", code: \"\\n  var x = 1 < 2;\\n  module.exports = { x: x };\\n\"}],"
        )));
        assert!(compiled.code.contains(
            "R.str(R.call(W.a, \"f\", [1])) + R.str(R.g(W.b, \"v\")) + R.str(R.g(W.$c_1, \"x\"))"
        ));
        // A module used before its definition is still the module.
        assert!(
            code("<t>{{m.x}}</t><wxs module=\"m\">module.exports = 1;</wxs>")
                .contains("R.g(W.m, \"x\")")
        );
    }

    #[test]
    fn import_include_and_wxs_errors() {
        assert_eq!(error("<import/>"), err(1, 1, "`<import>` needs a `src`"));
        assert_eq!(error("<include src=\"\"/>"), err(1, 15, "`src` is empty"));
        assert_eq!(
            error("<include src=\"../../../x\"/>"),
            err(1, 15, "`../../../x` leads out of the project root")
        );
        assert_eq!(
            error("<import src=\"{{p}}\"/>"),
            err(1, 14, "`src` must be plain text, not `{{ }}`")
        );
        assert_eq!(error("<import src/>"), err(1, 9, "`src` needs a value"));
        assert_eq!(
            error("<wxs src=\"a.wxs\"/>"),
            err(1, 1, "`<wxs>` needs a `module` name")
        );
        assert_eq!(
            error("<wxs module=\"a-b\"/>"),
            err(
                1,
                14,
                "wxs module name `a-b` is not a valid name (letters, digits, `_`, `$`)"
            )
        );
        assert_eq!(
            error("<wxs module=\"1a\"/>"),
            err(
                1,
                14,
                "wxs module name `1a` is not a valid name (letters, digits, `_`, `$`)"
            )
        );
        assert_eq!(
            error("<wxs module=\"m\"/>\n<wxs module=\"m\"/>"),
            err(2, 14, "wxs module `m` is already defined in this file")
        );
        assert_eq!(
            error("<wxs module=\"m\" src=\"a\">var x;</wxs>"),
            err(1, 1, "`<wxs>` has both `src` and inline code")
        );
        assert_eq!(
            error("<wxs module=\"m\" src=\"/\"/>"),
            err(1, 22, "`/` names no file")
        );
    }

    // --- errors and positions ---

    #[test]
    fn markup_errors_have_line_and_column() {
        let cases: &[(&str, (u32, u32, &str))] = &[
            (
                "<view>\n  <text>hi</text>\n",
                (1, 1, "`<view>` is never closed"),
            ),
            (
                "<view>\n  <text>hi</view>",
                (2, 11, "`</view>` does not close `<text>` (opened at 2:3)"),
            ),
            ("a\n</view>", (2, 1, "`</view>` closes no open element")),
            (
                "<a/>\n  <!-- open",
                (2, 3, "comment is never closed with `-->`"),
            ),
            (
                "<a b=\"x/>\n",
                (1, 6, "the value of `b` is never closed with `\"`"),
            ),
            (
                "<a b='x/>\n",
                (1, 6, "the value of `b` is never closed with `'`"),
            ),
            ("<a>\n  {{ x </a>", (2, 3, "`{{` is never closed with `}}`")),
            ("<a x=\"{{ 'y }}\"/>", (1, 10, "unterminated string")),
            ("<a\n", (1, 1, "`<a` is never closed with `>`")),
            ("<a =\"x\"/>", (1, 4, "unexpected `=` in `<a>`")),
            ("<wxs module=\"m\">x", (1, 1, "`<wxs>` is never closed")),
        ];
        for (source, (line, column, message)) in cases {
            assert_eq!(error(source), err(*line, *column, message), "{source:?}");
        }
    }

    #[test]
    fn expression_errors_point_into_the_file() {
        assert_eq!(
            error("<view>\n  <text>{{a +}}</text>\n</view>"),
            err(2, 14, "expected an expression")
        );
        assert_eq!(
            error("<view class=\"x {{ a b }}\"/>"),
            err(1, 21, "unexpected `b`")
        );
        // Columns count characters, not bytes.
        assert_eq!(error("<t>中文 {{ (1 }}</t>"), err(1, 13, "expected `)`"));
        // A mustache spanning lines.
        assert_eq!(
            error("<a x=\"{{\n  a ?\n  b\n}}\"/>"),
            err(4, 1, "expected `:`")
        );
        assert_eq!(
            error("<a wx:if=\"{{ 'x' + }}\"/>"),
            err(1, 20, "expected an expression")
        );
        assert_eq!(
            error("<a wx:for=\"{{ l[ }}\"/>"),
            err(1, 18, "expected an expression")
        );
        assert_eq!(
            error("<a wx:for=\"{{l}}\" wx:key=\"{{)}}\"/>"),
            err(1, 29, "unexpected `)`")
        );
    }

    #[test]
    fn errors_display_as_file_line_column() {
        let error = compile("pages/a/a.wxml", "<a>\n\n    <b>").unwrap_err();
        assert_eq!(
            error,
            WxmlError {
                file: "pages/a/a.wxml".into(),
                line: 3,
                column: 5,
                message: "`<b>` is never closed".into(),
            }
        );
        assert_eq!(
            error.to_string(),
            "pages/a/a.wxml:3:5: `<b>` is never closed"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "<a>".repeat(10_000);
        assert_eq!(error(&deep), err(1, 385, "elements are nested too deeply"));
        let parens = format!("{{{{{}1{}}}}}", "(".repeat(10_000), ")".repeat(10_000));
        assert_eq!(error(&parens).2, "expression is nested too deeply");
        let sum = format!("{{{{{}}}}}", vec!["a"; 10_000].join("+"));
        assert_eq!(error(&sum).2, "expression is nested too deeply");
    }

    // --- never panics ---

    /// A template using every construct, for mutation.
    const VALID: &str = r#"<import src="/common/t.wxml"/>
<wxs module="m">module.exports = { f: function (x) { return x; } };</wxs>
<template name="cell"><text class="c {{on ? 'on' : ''}}">{{m.f(title)}}</text></template>
<view id="v" hidden="{{!show}}" bindtap="tap" style="width: {{w}}px">
  <block wx:for="{{list}}" wx:key="id" wx:for-item="row">
    <text wx:if="{{row.a > 1 && row.b}}">{{row.a + 1}}</text>
    <text wx:elif="{{[1, 2][0] === 1}}">x</text>
    <text wx:else>{{ {a: 1, ...row}.a }}</text>
    <template is="cell" data="{{...row, on: index % 2 == 0}}"/>
  </block>
  <include src="../footer"/>
  <!-- a comment -->
</view>
"#;

    #[test]
    fn the_mutation_seed_compiles() {
        ok(VALID);
    }

    fn assert_sane(source: &str) {
        match compile(PAGE, source) {
            Ok(compiled) => check_structure(&compiled.code),
            Err(error) => {
                // The position is inside the file (or just past its end).
                let lines = source.split('\n').count() as u32;
                assert!(error.line >= 1 && error.line <= lines, "{error}");
                assert!(error.column >= 1, "{error}");
            }
        }
    }

    proptest! {
        #[test]
        fn compile_never_panics_on_arbitrary_text(source in ".{0,200}") {
            assert_sane(&source);
        }

        #[test]
        fn compile_never_panics_on_markup_soup(parts in prop::collection::vec(
            prop::sample::select(vec![
                "<", ">", "</", "/>", "<a", "<view", "</view>", "<block", "<template", "<wxs",
                "</wxs>", "<import", "<include", " ", "\n", "=", "\"", "'", "{{", "}}", "a", "1",
                "wx:if", "wx:elif", "wx:else", "wx:for", "wx:key", "wx:for-item", "name", "is",
                "data", "src", "module", "<!--", "-->", "+", "(", ")", "[", "]", "{", "}", ",",
                ":", "?", "...", ".", "'x'", "中", "\u{feff}", "\r\n",
            ]),
            0..60,
        )) {
            assert_sane(&parts.concat());
        }

        #[test]
        fn compile_never_panics_on_mutated_templates(
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<char>()), 1..8)
        ) {
            let mut chars: Vec<char> = VALID.chars().collect();
            for (at, kind, c) in edits {
                let i = at.index(chars.len() + 1);
                match kind {
                    0 => chars.insert(i, c),
                    1 if i < chars.len() => {
                        chars.remove(i);
                    }
                    _ if i < chars.len() => chars[i] = c,
                    _ => chars.push(c),
                }
            }
            assert_sane(&chars.into_iter().collect::<String>());
        }

        #[test]
        fn compile_never_panics_on_spliced_templates(
            cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..4)
        ) {
            // Moves slices of the valid template around: plausible, broken markup.
            let mut text: Vec<char> = VALID.chars().collect();
            for (a, b) in cuts {
                let (a, b) = (a.index(text.len()), b.index(text.len()));
                let (start, end) = (a.min(b), a.max(b));
                let slice: Vec<char> = text.drain(start..end).collect();
                let at = (start * 7 + 3) % (text.len() + 1);
                text.splice(at..at, slice);
            }
            assert_sane(&text.into_iter().collect::<String>());
        }
    }
}
