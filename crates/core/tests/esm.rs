//! ES module syntax to CommonJS: every `import`/`export` form as input → exact output,
//! tokenization traps that must stay untouched, errors with their locations, line
//! preservation, and property tests that the rewrite never panics nor moves a line.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

// Named like the module so `cargo test esm` selects these tests.
mod esm {
    use proptest::prelude::*;
    use wxrt_core::esm::{to_commonjs, EsmError};

    const FLAG: &str = "Object.defineProperty(exports, '__esModule', { value: true }); ";
    const DEFAULT: &str =
        "function __wxrt_default(m) { return m && m.__esModule ? m.default : m; } ";
    const STAR: &str = "function __wxrt_star(m) { Object.keys(m).forEach(function (k) { \
        if (k !== 'default' && k !== '__esModule' && \
        !Object.prototype.hasOwnProperty.call(exports, k)) exports[k] = m[k]; }); } ";

    fn check(cases: &[(&str, String)]) {
        for (source, expected) in cases {
            assert_eq!(to_commonjs(source).unwrap(), *expected, "{source:?}");
        }
    }

    #[test]
    fn rewrites_imports() {
        check(&[
            ("import 'm';", "require('m');".into()),
            ("import \"m\"", "require(\"m\");".into()),
            (
                "import x from 'm';",
                format!("{DEFAULT}const x = __wxrt_default(require('m'));"),
            ),
            ("import * as ns from 'm'", "const ns = require('m');".into()),
            (
                "import { a, b as c } from './m.js'",
                "const { a, b: c } = require('./m.js');".into(),
            ),
            (
                "import x, { a } from 'm'",
                format!("{DEFAULT}const x = __wxrt_default(require('m')); const {{ a }} = require('m');"),
            ),
            (
                "import x, * as ns from 'm'",
                format!("{DEFAULT}const x = __wxrt_default(require('m')); const ns = require('m');"),
            ),
            (
                "import { default as d, a } from 'm'",
                format!("{DEFAULT}const d = __wxrt_default(require('m')); const {{ a }} = require('m');"),
            ),
            ("import {} from 'm'", "require('m');".into()),
            (
                "import { \"a-b\" as ab } from 'm'",
                "const { \"a-b\": ab } = require('m');".into(),
            ),
            (
                "import from from 'm'",
                format!("{DEFAULT}const from = __wxrt_default(require('m'));"),
            ),
            (
                "import a from 'a'\nimport b from 'b'",
                format!(
                    "{DEFAULT}const a = __wxrt_default(require('a'));\n\
                     const b = __wxrt_default(require('b'));"
                ),
            ),
        ]);
    }

    #[test]
    fn rewrites_default_exports() {
        check(&[
            (
                "export default 42",
                format!("{FLAG}module.exports.default = 42"),
            ),
            (
                "export default {\n  data: {}\n}",
                format!("{FLAG}module.exports.default = {{\n  data: {{}}\n}}"),
            ),
            (
                "export default function () {}\n(foo)",
                format!("{FLAG}module.exports.default = function () {{}};\n(foo)"),
            ),
            (
                "export default async function () {}",
                format!("{FLAG}module.exports.default = async function () {{}};"),
            ),
            (
                "export default function f() {}",
                format!("{FLAG}module.exports.default = f; function f() {{}}"),
            ),
            (
                "export default class A {}",
                format!("{FLAG}class A {{}} module.exports.default = A;"),
            ),
            (
                "export default class extends B {}",
                format!("{FLAG}module.exports.default = class extends B {{}};"),
            ),
        ]);
    }

    #[test]
    fn rewrites_declaration_exports() {
        check(&[
            (
                "export const a = 1, b = 2;",
                format!("{FLAG}const a = 1, b = 2; exports.a = a; exports.b = b;"),
            ),
            (
                "export let x\nfoo()",
                format!("{FLAG}let x; exports.x = x;\nfoo()"),
            ),
            (
                "export var fn = function () {\n  return 1\n}\nfoo()",
                format!("{FLAG}var fn = function () {{\n  return 1\n}}; exports.fn = fn;\nfoo()"),
            ),
            (
                "export const total = a\n  + b\nbar()",
                format!("{FLAG}const total = a\n  + b; exports.total = total;\nbar()"),
            ),
            (
                "export const { a, b: [c, , ...d], e = { x: 1, y: 2 }, [k]: g, ...f } = o;",
                format!(
                    "{FLAG}const {{ a, b: [c, , ...d], e = {{ x: 1, y: 2 }}, [k]: g, ...f }} = o; \
                     exports.a = a; exports.c = c; exports.d = d; exports.e = e; \
                     exports.g = g; exports.f = f;"
                ),
            ),
            (
                "export function f() {}",
                format!("{FLAG}exports.f = f; function f() {{}}"),
            ),
            (
                "export async function g() {}",
                format!("{FLAG}exports.g = g; async function g() {{}}"),
            ),
            (
                "export function* h() {}",
                format!("{FLAG}exports.h = h; function* h() {{}}"),
            ),
            (
                "export class C extends B { m() { return 1 } }",
                format!("{FLAG}class C extends B {{ m() {{ return 1 }} }} exports.C = C;"),
            ),
        ]);
    }

    #[test]
    fn rewrites_export_lists_and_re_exports() {
        check(&[
            (
                "export { a, b as c }",
                format!("{FLAG}exports.a = a; exports.c = b;"),
            ),
            (
                "export { a as default };",
                format!("{FLAG}module.exports.default = a;"),
            ),
            (
                "export { a as \"a-b\" };",
                format!("{FLAG}exports[\"a-b\"] = a;"),
            ),
            ("export {}", FLAG.to_string()),
            (
                "export { a, b as c } from 'm'",
                format!("{FLAG}exports.a = require('m').a; exports.c = require('m').b;"),
            ),
            (
                "export { default } from 'm'",
                format!("{FLAG}{DEFAULT}module.exports.default = __wxrt_default(require('m'));"),
            ),
            (
                "export { default as x, \"y-z\" as y } from 'm'",
                format!(
                    "{FLAG}{DEFAULT}exports.x = __wxrt_default(require('m')); \
                     exports.y = require('m')[\"y-z\"];"
                ),
            ),
            (
                "export * from 'm'",
                format!("{FLAG}{STAR}__wxrt_star(require('m'));"),
            ),
            (
                "export * as ns from 'm';",
                format!("{FLAG}exports.ns = require('m');"),
            ),
        ]);
    }

    #[test]
    fn puts_helpers_on_the_first_statements_line() {
        let source = "'use strict'\n\
                      // the app's helpers\n\
                      import util from './util'\n\
                      export function f() { return util }\n\
                      export const b = 1";
        let expected = format!(
            "'use strict'\n\
             // the app's helpers\n\
             {FLAG}exports.f = f; {DEFAULT}const util = __wxrt_default(require('./util'));\n\
             function f() {{ return util }}\n\
             const b = 1; exports.b = b;"
        );
        assert_eq!(to_commonjs(source).unwrap(), expected);
    }

    #[test]
    fn leaves_files_without_module_syntax_byte_for_byte() {
        let sources = [
            "",
            "const x = require('x')\r\nmodule.exports = x\r\n",
            "obj.import = 1; obj.export = 2; a?.import",
            "const o = { import: 1, export: 2 }",
            "class A { import() {} export() { return this.import } }",
            "// import x from 'y'\n/* export default 1 */",
            "const s = 'import x from \"y\"'; const t = `export ${'default'}`",
            "const r = /export default/g; x = a / b / c",
            "const r = /[/]import x from 'y'/",
            "import('./lazy').then((m) => m.default)",
            "function f() { import x from 'y' }",
            "if (a) { export default 1 }",
            "`${ `${ \"import\" }` } export`",
            "\u{feff}#!/usr/bin/env node\nconsole.log('é')",
            // Not JavaScript the tokenizer can finish: the engine will say why.
            "const s = 'unterminated",
            "const t = `unterminated ${ 1 }",
            "/* unterminated",
        ];
        for source in sources {
            assert_eq!(to_commonjs(source).unwrap(), source, "{source:?}");
        }
    }

    #[test]
    fn finds_module_syntax_past_tokenization_traps() {
        check(&[
            (
                "const r = /\\/export {/; export const a = 1",
                format!("const r = /\\/export {{/; {FLAG}const a = 1; exports.a = a;"),
            ),
            (
                "x = /[/]export/; export default x",
                format!("x = /[/]export/; {FLAG}module.exports.default = x"),
            ),
            (
                "const half = total / 2 / count; export { half }",
                format!("const half = total / 2 / count; {FLAG}exports.half = half;"),
            ),
            (
                "const t = `${a}export default ${ {b: `}`}.b }`; export { t }",
                format!(
                    "const t = `${{a}}export default ${{ {{b: `}}`}}.b }}`; {FLAG}exports.t = t;"
                ),
            ),
            (
                "/* export default 1 */ export default 2 // export const x",
                format!("/* export default 1 */ {FLAG}module.exports.default = 2 // export const x"),
            ),
            (
                "const s = \"it's \\\" import\"; import x from 'm'",
                format!("const s = \"it's \\\" import\"; {DEFAULT}const x = __wxrt_default(require('m'));"),
            ),
            (
                "if (a) b()\nexport const c = (d) / 2",
                format!("if (a) b()\n{FLAG}const c = (d) / 2; exports.c = c;"),
            ),
            (
                "import a from 'a'\nconst lazy = () => import('./b')",
                format!("{DEFAULT}const a = __wxrt_default(require('a'));\nconst lazy = () => import('./b')"),
            ),
        ]);
    }

    #[test]
    fn keeps_every_line_in_place() {
        let source = "import {\n\
                      \x20 a,\n\
                      \x20 b as c,\n\
                      } from './m'\n\
                      console.log('line 5')\n\
                      export {\n\
                      \x20 a,\n\
                      \x20 c\n\
                      }\n\
                      console.log('line 10')\n\
                      export default\n\
                      \x20 function (x) {\n\
                      \x20   return x\n\
                      \x20 }\n\
                      console.log('line 15')\n\
                      export const d = {\n\
                      \x20 e: 1,\n\
                      }\n\
                      console.log('line 19')";
        let output = to_commonjs(source).unwrap();
        let lines: Vec<&str> = output.lines().collect();
        assert_eq!(lines.len(), source.lines().count());
        for line in [5, 10, 15, 19] {
            // The last line may end with the assignments of `export { … }`.
            let expected = format!("console.log('line {line}')");
            assert!(lines[line - 1].starts_with(&expected), "{output}");
        }
        assert_eq!(
            lines[0],
            format!("{FLAG}const {{ a, b: c }} = require('./m');")
        );
    }

    #[test]
    fn reports_errors_with_locations() {
        let cases = [
            (
                "const u = import.meta.url",
                "1:11: import.meta is not supported",
            ),
            ("import x 'm'", "1:10: expected \"from\""),
            ("import { a from 'm'", "1:12: expected , or }"),
            ("import x from m", "1:15: expected a module name in quotes"),
            ("import * from 'm'", "1:10: expected \"as\""),
            (
                "\n  export foo",
                "2:10: expected a declaration, default, * or { after export",
            ),
            (
                "export default",
                "1:15: expected a value after export default",
            ),
            ("export { \"a\" }", "1:10: expected a local name"),
            ("export class {}", "1:14: expected a class name"),
            ("export function () {}", "1:17: expected a function name"),
            ("export const { a: } = o", "1:19: expected a name"),
            // Module syntax, then something the tokenizer cannot finish.
            (
                "import x from 'm'\nconst s = 'open",
                "2:11: unterminated string",
            ),
        ];
        for (source, expected) in cases {
            assert_eq!(
                to_commonjs(source).unwrap_err().to_string(),
                expected,
                "{source:?}"
            );
        }
        assert_eq!(
            to_commonjs("é; import.meta").unwrap_err(),
            EsmError {
                line: 1,
                column: 4,
                message: "import.meta is not supported".into(),
            }
        );
    }

    fn statement() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "import a from 'a'\n",
            "import {\n b,\n c as d } from \"b\";\n",
            "import * as e from 'e'\n",
            "import 'f';\n",
            "export default {\n x: 1 }\n",
            "export default function () {\n}\n",
            "export function g() {\n return 1 }\n",
            "export const h = 1,\n i = 2\n",
            "export let { j, k: [l] } = m\n",
            "export class N {\n}\n",
            "export { a,\n b as o }\n",
            "export * from 'p'\n",
            "export { q } from 'q'\n",
            "const r = /x\\/import/g\n",
            "const s = `${ `\n${1}` }`\n",
            "// export default 2\n",
            "/* import a\n from 'b' */\n",
            "x = y / z\n",
            "obj.import(1)\n",
            "import('lazy')\n",
            "if (t) {\n u()\n}\n",
            "(v)\n",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn never_panics_on_any_text(source in ".{0,200}") {
            let _ = to_commonjs(&source);
        }

        #[test]
        fn never_panics_on_javascript_like_text(parts in proptest::collection::vec(
            prop::sample::select(vec![
                "import", "export", "default", "from", "as", "const", "let", "function",
                "class", "extends", "async", "*", "{", "}", "(", ")", "[", "]", ",", ";", ".",
                "...", "=", "/", "'m'", "\"m\"", "`", "${", "\\", "//", "/*", "*/", "\n", " ",
                "a", "b", "1", "return", "meta", "é", "\u{2028}",
            ]),
            0..40,
        )) {
            let _ = to_commonjs(&parts.concat());
        }

        #[test]
        fn never_moves_a_line(statements in proptest::collection::vec(statement(), 0..12)) {
            let source: String = statements.concat();
            let output = to_commonjs(&source).unwrap();
            prop_assert_eq!(output.matches('\n').count(), source.matches('\n').count());
            // Lines that were not part of a module statement stay in place, unchanged (the
            // last one may gain the assignments of `export { … }`).
            let before: Vec<&str> = source.split('\n').collect();
            let after: Vec<&str> = output.split('\n').collect();
            for (line, text) in before.iter().enumerate() {
                // (`(v)` is not checked: after an expression, JavaScript reads it as a call.)
                if text.starts_with("x = ") || text.starts_with("obj.") {
                    prop_assert!(after[line].starts_with(text), "{:?}", output);
                }
            }
        }
    }
}
