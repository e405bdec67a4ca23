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

    /// The getter a `var` or `let` export becomes.
    fn live(name: &str) -> String {
        format!(
            "Object.defineProperty(exports, '{name}', {{ enumerable: true, \
             get: function () {{ return {name}; }} }});"
        )
    }

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
    fn runs_every_import_before_the_body() {
        check(&[
            // Used above its import (a real WordPress reader's page does this).
            (
                "var site = config.name\nimport config from './config'\nPage({})",
                format!("{DEFAULT}const config = __wxrt_default(require('./config')); var site = config.name\n\nPage({{}})"),
            ),
            // Every import moves, in source order, so the order of evaluation holds.
            (
                "import a from 'a'\nfoo()\nimport 'b'",
                format!("{DEFAULT}const a = __wxrt_default(require('a')); require('b'); \nfoo()\n"),
            ),
            // The directive prologue stays first.
            (
                "'use strict'\nfoo()\nimport * as b from 'b'",
                "'use strict'\nconst b = require('b'); foo()\n".into(),
            ),
            (
                "\"use strict\"; foo(); import * as b from 'b'",
                "\"use strict\"; const b = require('b'); foo(); ".into(),
            ),
            // Imports that come first stay where they are.
            (
                "'use strict'\nimport * as b from 'b'\nfoo()",
                "'use strict'\nconst b = require('b');\nfoo()".into(),
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
                format!("{FLAG}let x; {}\nfoo()", live("x")),
            ),
            (
                "export var fn = function () {\n  return 1\n}\nfoo()",
                format!(
                    "{FLAG}var fn = function () {{\n  return 1\n}}; {}\nfoo()",
                    live("fn")
                ),
            ),
            (
                // TypeScript's enum: the value arrives after the declaration.
                "export var Theme;!function(t){t.Grid=\"grid\"}(Theme||(Theme={}));",
                format!(
                    "{FLAG}var Theme; {}!function(t){{t.Grid=\"grid\"}}(Theme||(Theme={{}}));",
                    live("Theme")
                ),
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
                // After other code, the import moves to the top.
                format!("{DEFAULT}const x = __wxrt_default(require('m')); const s = \"it's \\\" import\"; "),
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
            // first may gain hoisted imports in front, the last the assignments of
            // `export { … }`).
            let before: Vec<&str> = source.split('\n').collect();
            let after: Vec<&str> = output.split('\n').collect();
            for (line, text) in before.iter().enumerate() {
                // (`(v)` is not checked: after an expression, JavaScript reads it as a call.)
                if text.starts_with("x = ") || text.starts_with("obj.") {
                    prop_assert!(after[line].contains(text), "{:?}", output);
                }
            }
        }
    }
}

/// Every `.js` file of the UI libraries installed as the repository's devDependencies
/// (TDesign, Vant Weapp, WeUI), compiled as the dev server compiles a project's
/// `miniprogram_npm`: each must come out as a script V8 accepts as a function body (so
/// no `import`/`export` statement is left in it) and must run, its imports included.
mod libraries {
    #![allow(clippy::unwrap_used)]

    use std::path::{Path, PathBuf};
    use std::process::Command;

    use wxrt_core::esm::to_commonjs;

    const FOLDERS: [&str; 3] = [
        "tdesign-miniprogram/miniprogram_dist",
        "@vant/weapp/lib",
        "weui-miniprogram/miniprogram_dist",
    ];

    /// Checks each file given on the command line (after the library folders' root)
    /// parses as the body of a function, the way the runtime evaluates a module, then
    /// evaluates every module once through a `require` that resolves as the runtime does
    /// (relative paths, then `miniprogram_npm` folders upward), with the mini-program
    /// globals stubbed; prints each module that fails.
    const CHECK: &str = r#"
const fs = require('fs'), path = require('path'), vm = require('vm');
const [root, ...files] = process.argv.slice(1);
const info = () => ({ SDKVersion: '3.0.0', windowWidth: 375, screenWidth: 375, pixelRatio: 2, platform: 'devtools' });
const wx = new Proxy(function () {}, {
  get: (_, key) => (/^get(System|Window|Device|AppBase)Info/.test(key) ? info : key === 'canIUse' ? () => true : wx),
  apply: () => wx,
});
const globals = { Component() {}, Behavior: (o) => o, Page() {}, App() {}, getApp: () => ({}), getCurrentPages: () => [], wx };
const factories = new Map(), cache = new Map();
let bad = 0;
for (const file of files) {
  try {
    factories.set(file, vm.compileFunction(fs.readFileSync(file, 'utf8'), ['require', 'module', 'exports', ...Object.keys(globals)], { filename: file }));
  } catch (e) { bad++; console.log(`${file}: does not parse: ${e.message}`); }
}
function load(file) {
  if (cache.has(file)) return cache.get(file).exports;
  const module = { exports: {} };
  cache.set(file, module);
  const require = (request) => {
    const base = path.dirname(file);
    const dirs = request.startsWith('.') ? [path.resolve(base, request)] : [];
    for (let dir = base; !request.startsWith('.') && dir.startsWith(root); dir = path.dirname(dir)) dirs.push(path.join(dir, 'miniprogram_npm', request));
    for (const candidate of dirs.flatMap((d) => [d.endsWith('.js') ? d : `${d}.js`, `${d}/index.js`])) {
      if (factories.has(candidate)) return load(candidate);
    }
    throw new Error(`cannot find module ${request}`);
  };
  factories.get(file)(require, module, module.exports, ...Object.values(globals));
  return module.exports;
}
for (const file of factories.keys()) {
  try { load(file); } catch (e) { bad++; console.log(`${file}: does not run: ${e.message}`); }
}
process.exit(bad ? 1 : 0);
"#;

    fn js_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                js_files(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "js") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_library_module_compiles_to_a_script() {
        let node_modules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../node_modules");
        let out_dir =
            std::env::temp_dir().join(format!("wxrt-esm-libraries-{}", std::process::id()));
        let mut written = Vec::new();
        for folder in FOLDERS {
            let root = node_modules.join(folder);
            if !root.is_dir() {
                println!("skipped {folder}: not installed (npm install puts it in node_modules)");
                continue;
            }
            let mut files = Vec::new();
            js_files(&root, &mut files);
            assert!(!files.is_empty(), "{folder} has no .js files");
            for file in files {
                let source = std::fs::read_to_string(&file).unwrap();
                let relative = file.strip_prefix(&node_modules).unwrap();
                let code =
                    to_commonjs(&source).unwrap_or_else(|e| panic!("{}:{e}", relative.display()));
                assert_eq!(
                    code.matches('\n').count(),
                    source.matches('\n').count(),
                    "{} moved a line",
                    relative.display()
                );
                let target = out_dir.join(relative);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::write(&target, code).unwrap();
                written.push(target);
            }
        }
        if written.is_empty() {
            return;
        }
        let checked = Command::new("node")
            .arg("-e")
            .arg(CHECK)
            .arg(&out_dir)
            .args(&written)
            .output();
        let _ = std::fs::remove_dir_all(&out_dir);
        let Ok(checked) = checked else {
            println!("skipped the parse check: node is not installed");
            return;
        };
        assert!(
            checked.status.success(),
            "modules that do not parse or run after the rewrite:\n{}{}",
            String::from_utf8_lossy(&checked.stdout),
            String::from_utf8_lossy(&checked.stderr)
        );
    }
}

/// The forms minifiers write, as TDesign ships them: no spaces around braces and
/// strings, several statements on one line.
mod minified {
    #![allow(clippy::unwrap_used)]

    use wxrt_core::esm::to_commonjs;

    const FLAG: &str = "Object.defineProperty(exports, '__esModule', { value: true }); ";
    const DEFAULT: &str =
        "function __wxrt_default(m) { return m && m.__esModule ? m.default : m; } ";

    #[test]
    fn imports_without_spaces() {
        assert_eq!(
            to_commonjs("import{__decorate}from\"tslib\";import config from\"../common/config\";let a=1;").unwrap(),
            format!("{DEFAULT}const {{ __decorate }} = require(\"tslib\");const config = __wxrt_default(require(\"../common/config\"));let a=1;")
        );
    }

    #[test]
    fn export_lists_without_spaces() {
        assert_eq!(
            to_commonjs("const a=1,b=2;export{a as default,b as c};").unwrap(),
            format!("const a=1,b=2;{FLAG}module.exports.default = a; exports.c = b;")
        );
        assert_eq!(
            to_commonjs("export*from\"./a\";export{default as B}from\"./b\";").unwrap(),
            format!("{FLAG}function __wxrt_default(m) {{ return m && m.__esModule ? m.default : m; }} function __wxrt_star(m) {{ Object.keys(m).forEach(function (k) {{ if (k !== 'default' && k !== '__esModule' && !Object.prototype.hasOwnProperty.call(exports, k)) exports[k] = m[k]; }}); }} __wxrt_star(require(\"./a\"));exports.B = __wxrt_default(require(\"./b\"));")
        );
    }

    #[test]
    fn default_class_expressions_and_modern_syntax() {
        let source = "import{S}from\"./s\";let B=class extends S{constructor(){super(...arguments),this.x=a?.b??1}};export default B;";
        assert_eq!(
            to_commonjs(source).unwrap(),
            format!("{FLAG}const {{ S }} = require(\"./s\");let B=class extends S{{constructor(){{super(...arguments),this.x=a?.b??1}}}};module.exports.default = B;")
        );
        assert_eq!(
            to_commonjs("export default class extends S{m(){return`${1}`}}").unwrap(),
            format!("{FLAG}module.exports.default = class extends S{{m(){{return`${{1}}`}}}};")
        );
    }
}
