//! DevTools' compiler plugins (`setting.useCompilerPlugins`): each `.scss` or `.sass`
//! file becomes the `.wxss` beside it, each `.ts` file the `.js` beside it, which the app
//! then reads.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use tempfile::TempDir;
use wxrt_cli::bundle::{self, Bundle};
use wxrt_cli::problems::Severity;

fn write(root: &Path, relative: &str, contents: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// An app with pages `a` and `b` whose `project.config.json` names `plugins`.
fn project(plugins: &str) -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("wxrt-sass-")
        .tempdir()
        .unwrap();
    let root = dir.path();
    write(
        root,
        "project.config.json",
        &format!(
            r#"{{"appid":"wx1234567890abcdef","setting":{{"useCompilerPlugins":{plugins}}}}}"#
        ),
    );
    write(root, "app.json", r#"{"pages":["pages/a/a","pages/b/b"]}"#);
    write(root, "app.js", "App({})");
    write(root, "pages/a/a.js", "Page({})");
    write(root, "pages/a/a.wxml", "<view class=\"a\"/>");
    write(root, "pages/b/b.js", "Page({})");
    write(root, "pages/b/b.wxml", "<view class=\"b\"/>");
    dir
}

fn collect(dir: &TempDir) -> Bundle {
    bundle::collect(dir.path()).unwrap()
}

#[test]
fn sass_files_become_the_wxss_beside_them() {
    let dir = project(r#"["sass"]"#);
    let root = dir.path();
    // A path from the root is the code root's, as in WXSS; a partial is only imported.
    write(
        root,
        "styles/_vars.scss",
        "$brand: #0052d9;\n$gap: 12rpx;\n",
    );
    write(root, "common.wxss", ".common { margin: 0; }\n");
    write(
        root,
        "app.scss",
        "@import \"/styles/vars\";\n@import '/common.wxss';\npage {\n  color: $brand;\n  .x { width: $gap * 2; }\n}\n",
    );
    // The indented syntax, relative imports.
    write(
        root,
        "pages/a/a.sass",
        "@import \"../../styles/vars\"\n.a\n  border-color: $brand\n",
    );
    // A .wxss written beside wins, as in DevTools.
    write(root, "pages/b/b.scss", ".b { color: blue; }\n");
    write(root, "pages/b/b.wxss", ".written { color: green; }\n");

    let bundle = collect(&dir);
    assert!(
        bundle.problems.iter().all(|p| !p.is_error()),
        "{:?}",
        bundle.problems
    );
    let app = &bundle.files["app.wxss"];
    assert!(app.contains("@import url(\"/common.wxss\");"), "{app}");
    assert!(app.contains("page {\n  color: #0052d9;\n}"), "{app}");
    assert!(app.contains("page .x {\n  width: 24rpx;\n}"), "{app}");
    assert!(
        bundle.files["pages/a/a.wxss"].contains(".a {\n  border-color: #0052d9;\n}"),
        "{}",
        bundle.files["pages/a/a.wxss"]
    );
    assert_eq!(
        bundle.files["pages/b/b.wxss"],
        ".written { color: green; }\n"
    );
    // Sass sources are the compiler's, never the page's; partials make no WXSS.
    assert!(bundle
        .files
        .keys()
        .all(|key| !key.ends_with(".scss") && !key.ends_with(".sass")));
    assert!(!bundle.files.contains_key("styles/_vars.wxss"));
    // The page gets the compiled sheet, and the import of the written one, as any WXSS.
    let served = String::from_utf8(bundle.to_json(Default::default()).unwrap()).unwrap();
    assert!(served.contains("common"), "{served}");
}

#[test]
fn what_does_not_compile_is_a_problem_at_its_line() {
    let dir = project(r#"["sass"]"#);
    let root = dir.path();
    write(root, "pages/a/a.scss", ".a {\n  color: $missing;\n}\n");
    write(root, "styles/_broken.scss", "\n\n.c { width: 1px + 1s; }\n");
    write(root, "pages/b/b.scss", "@import \"../../styles/broken\";\n");

    let bundle = collect(&dir);
    let errors: Vec<_> = bundle
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| (p.file.as_str(), p.line, p.column, p.message.as_str()))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    // In an imported partial, Sass names the partial.
    assert_eq!(errors[0].0, "pages/a/a.scss", "{errors:?}");
    assert_eq!(
        (errors[0].1, errors[0].2),
        (Some(2), Some(10)),
        "{errors:?}"
    );
    assert!(errors[0].3.contains("Undefined variable"), "{errors:?}");
    assert_eq!(errors[1].0, "styles/_broken.scss", "{errors:?}");
    assert_eq!(errors[1].1, Some(3), "{errors:?}");
    assert!(!bundle.files.contains_key("pages/a/a.wxss"));
}

#[test]
fn without_the_plugin_sass_files_are_left_alone() {
    for plugins in ["false", "[]", r#"["typescript"]"#] {
        let dir = project(plugins);
        write(dir.path(), "pages/a/a.scss", ".a { color: red; }\n");
        let bundle = collect(&dir);
        assert!(!bundle.files.contains_key("pages/a/a.wxss"), "{plugins}");
    }
}

#[test]
fn plugins_wxrt_does_not_run_are_warnings() {
    let dir = project(r#"["typescript", "sass", "less", "coffee"]"#);
    let bundle = collect(&dir);
    let warnings: Vec<_> = bundle
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning && p.file == "project.config.json")
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        warnings,
        [
            "useCompilerPlugins: wxrt does not run the \"coffee\" plugin",
            "useCompilerPlugins: wxrt does not run the \"less\" plugin: .less files are not compiled",
        ]
    );
}

#[test]
fn a_changed_import_recompiles_what_imports_it() {
    let dir = project(r#"["sass"]"#);
    let root = dir.path();
    write(root, "styles/_vars.scss", "$brand: red;\n");
    write(
        root,
        "app.scss",
        "@import \"styles/vars\";\npage { color: $brand; }\n",
    );
    write(root, "pages/a/a.scss", ".a { color: blue; }\n");
    assert!(collect(&dir).files["app.wxss"].contains("color: red;"));

    // Only the partial changes: the build reuses nothing that read it.
    write(root, "styles/_vars.scss", "$brand: #0052d9;\n");
    let bundle = collect(&dir);
    assert!(
        bundle.files["app.wxss"].contains("color: #0052d9;"),
        "{}",
        bundle.files["app.wxss"]
    );
    assert!(bundle.files["pages/a/a.wxss"].contains("color: blue;"));

    // A partial that appears where the import found nothing before is found.
    write(
        root,
        "pages/b/b.scss",
        "@import \"extra\";\n.b { color: $brand; }\n",
    );
    assert!(collect(&dir)
        .problems
        .iter()
        .any(|p| p.file == "pages/b/b.scss"));
    write(root, "pages/b/_extra.scss", "$brand: green;\n");
    let bundle = collect(&dir);
    assert!(
        bundle.files["pages/b/b.wxss"].contains("color: green;"),
        "{:?}",
        bundle.problems
    );
}

#[test]
fn typescript_files_become_the_javascript_beside_them_line_for_line() {
    let dir = project(r#"["typescript"]"#);
    let root = dir.path();
    std::fs::remove_file(root.join("app.js")).unwrap();
    std::fs::remove_file(root.join("pages/a/a.js")).unwrap();
    write(
        root,
        "typings/index.d.ts",
        "interface IAppOption { globalData: { n: number } }\n",
    );
    write(
        root,
        "app.ts",
        "App<IAppOption>({\n  globalData: { n: 1 } as { n: number },\n  onLaunch(): void {},\n})\n",
    );
    let math = "import type { Unit } from './unit'\n\
                export interface Pair { a: number; b: number }\n\
                export function add(p: Pair, unit?: Unit): string {\n\
                \x20 return p.a + p.b + (unit ?? '')\n\
                }\n";
    write(root, "utils/math.ts", math);
    write(root, "utils/unit.ts", "export type Unit = 'px' | 'rpx'\n");
    write(
        root,
        "pages/a/a.ts",
        "import { add } from '../../utils/math'\nPage({ data: { sum: add({ a: 1, b: 2 }) } })\n",
    );
    // A .js written beside wins.
    write(
        root,
        "pages/b/b.ts",
        "Page({ data: { from: 'ts' as string } })\n",
    );

    let bundle = collect(&dir);
    assert!(
        bundle.problems.iter().all(|p| !p.is_error()),
        "{:?}",
        bundle.problems
    );
    let js = &bundle.files["utils/math.js"];
    // Every line where it was, each as long as it was.
    let lines = |text: &str| text.lines().map(str::len).collect::<Vec<_>>();
    assert_eq!(lines(js), lines(math), "{js}");
    assert!(!js.contains("number") && !js.contains("Pair"), "{js}");
    assert!(js.contains("export function add(p"), "{js}");
    assert!(js.contains("return p.a + p.b + (unit ?? '')"), "{js}");
    assert!(
        bundle.files["app.js"].starts_with("App"),
        "{}",
        bundle.files["app.js"]
    );
    assert_eq!(bundle.files["pages/b/b.js"], "Page({})");
    // What the page reports errors of at the file written: only what a plugin made.
    assert_eq!(bundle.written_as["utils/math.js"], "utils/math.ts");
    assert_eq!(bundle.written_as["app.js"], "app.ts");
    assert!(!bundle.written_as.contains_key("pages/b/b.js"));
    // Declaration files make nothing; sources are the compiler's, never the page's.
    assert!(bundle.files.keys().all(|key| !key.ends_with(".ts")));
    assert!(!bundle.files.contains_key("typings/index.js"));
}

#[test]
fn typescript_with_run_time_meaning_is_compiled_and_errors_are_problems() {
    let dir = project(r#"["typescript"]"#);
    let root = dir.path();
    std::fs::remove_file(root.join("pages/a/a.js")).unwrap();
    std::fs::remove_file(root.join("pages/b/b.js")).unwrap();
    write(
        root,
        "pages/a/a.ts",
        "enum Tab { Home = 1, Mine }\nPage({ data: { tab: Tab.Mine } })\n",
    );
    write(root, "pages/b/b.ts", "Page({\n  data: { a: 1 as },\n})\n");

    let bundle = collect(&dir);
    let a = &bundle.files["pages/a/a.js"];
    assert!(!a.contains("enum"), "{a}");
    assert!(a.contains("Mine"), "{a}");
    let errors: Vec<_> = bundle
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| (p.file.as_str(), p.line))
        .collect();
    assert_eq!(
        errors.first(),
        Some(&("pages/b/b.ts", Some(2))),
        "{:?}",
        bundle.problems
    );
    assert!(!bundle.files.contains_key("pages/b/b.js"));
}
