//! npm packages built as DevTools' "build npm" would, from `node_modules`, into the
//! bundle's `miniprogram_npm`: which packages, where each goes, what is copied.

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

/// A folder holding `project/` (an app with one page) and whatever the test adds.
fn workspace() -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("wxrt-npm-")
        .tempdir()
        .unwrap();
    let root = dir.path();
    write(root, "project/app.json", r#"{"pages":["pages/a/a"]}"#);
    write(root, "project/app.js", "App({})");
    write(root, "project/pages/a/a.js", "Page({})");
    dir
}

fn collect(root: &Path, project: &str) -> Bundle {
    bundle::collect(&root.join(project)).unwrap()
}

fn keys(bundle: &Bundle, prefix: &str) -> Vec<String> {
    bundle
        .files
        .keys()
        .filter(|key| key.starts_with(prefix))
        .cloned()
        .collect()
}

fn package(root: &Path, folder: &str, manifest: &str) {
    write(root, &format!("{folder}/package.json"), manifest);
}

#[test]
fn a_miniprogram_package_is_copied_from_its_miniprogram_folder() {
    let dir = workspace();
    let root = dir.path();
    write(
        root,
        "project/package.json",
        r#"{"dependencies":{"ui":"1","@scope/kit":"1"},"devDependencies":{"dev-only":"1"}}"#,
    );
    package(
        root,
        "project/node_modules/ui",
        r#"{"name":"ui","miniprogram":"dist","dependencies":{"helper":"1"}}"#,
    );
    write(
        root,
        "project/node_modules/ui/dist/button/button.js",
        "import h from 'helper'\nComponent({})",
    );
    write(
        root,
        "project/node_modules/ui/dist/button/button.json",
        r#"{"component":true}"#,
    );
    write(
        root,
        "project/node_modules/ui/dist/button/button.wxml",
        "<view/>",
    );
    write(
        root,
        "project/node_modules/ui/dist/button/notes.md",
        "not code",
    );
    write(root, "project/node_modules/ui/src/button.ts", "not built");
    // No "miniprogram" key: miniprogram_dist is the default.
    package(
        root,
        "project/node_modules/@scope/kit",
        r#"{"name":"@scope/kit"}"#,
    );
    write(
        root,
        "project/node_modules/@scope/kit/miniprogram_dist/index.js",
        "module.exports = 1",
    );
    package(
        root,
        "project/node_modules/helper",
        r#"{"name":"helper","main":"lib/main.js"}"#,
    );
    write(
        root,
        "project/node_modules/helper/lib/main.js",
        "module.exports = require('./util')",
    );
    write(
        root,
        "project/node_modules/helper/lib/util.js",
        "module.exports = 2",
    );
    package(
        root,
        "project/node_modules/dev-only",
        r#"{"name":"dev-only"}"#,
    );
    write(
        root,
        "project/node_modules/dev-only/index.js",
        "module.exports = 3",
    );

    // The page uses what it depends on: the bundle carries what the app reaches.
    write(
        root,
        "project/pages/a/a.json",
        r#"{"usingComponents":{"u-button":"ui/button/button"}}"#,
    );
    write(
        root,
        "project/pages/a/a.js",
        "require('@scope/kit')\nPage({})",
    );

    let bundle = collect(root, "project");
    assert_eq!(
        keys(&bundle, "miniprogram_npm/"),
        [
            "miniprogram_npm/@scope/kit/index.js",
            "miniprogram_npm/helper/index.js",
            "miniprogram_npm/helper/lib/main.js",
            "miniprogram_npm/helper/lib/util.js",
            "miniprogram_npm/ui/button/button.js",
            "miniprogram_npm/ui/button/button.json",
            "miniprogram_npm/ui/button/button.wxml",
        ]
    );
    assert_eq!(
        bundle.files["miniprogram_npm/helper/index.js"],
        "module.exports = require('./lib/main.js');\n"
    );
    assert!(bundle.problems.is_empty(), "{:?}", bundle.problems);
}

#[test]
fn nested_installs_nest_and_node_modules_is_found_in_folders_above() {
    let dir = workspace();
    let root = dir.path();
    write(
        root,
        "project/package.json",
        r#"{"dependencies":{"a":"1"}}"#,
    );
    // Installed above the project, as in a repository whose root holds node_modules.
    package(
        root,
        "node_modules/a",
        r#"{"name":"a","dependencies":{"b":"2","c":"1"}}"#,
    );
    write(
        root,
        "node_modules/a/index.js",
        "module.exports = [require('b'), require('c')]",
    );
    package(root, "node_modules/a/node_modules/b", r#"{"name":"b"}"#);
    write(
        root,
        "node_modules/a/node_modules/b/index.js",
        "module.exports = 'b2'",
    );
    package(root, "node_modules/b", r#"{"name":"b"}"#);
    write(root, "node_modules/b/index.js", "module.exports = 'b1'");
    package(root, "node_modules/c", r#"{"name":"c","main":"c.json"}"#);
    write(root, "node_modules/c/c.json", r#"{"v":1}"#);
    // From app.js: in pages/a/a.js, `require('a')` would name the page itself.
    write(root, "project/app.js", "require('a')\nApp({})");

    let bundle = collect(root, "project");
    assert_eq!(
        keys(&bundle, "miniprogram_npm/"),
        [
            "miniprogram_npm/a/index.js",
            "miniprogram_npm/a/miniprogram_npm/b/index.js",
            "miniprogram_npm/c/c.json",
            "miniprogram_npm/c/c.json.js",
            "miniprogram_npm/c/index.js",
        ]
    );
    assert_eq!(
        bundle.files["miniprogram_npm/a/miniprogram_npm/b/index.js"],
        "module.exports = 'b2'"
    );
    assert_eq!(
        bundle.files["miniprogram_npm/c/c.json.js"],
        "module.exports = {\"v\":1}\n"
    );
}

#[test]
fn a_package_the_project_built_itself_is_kept() {
    let dir = workspace();
    let root = dir.path();
    write(
        root,
        "project/package.json",
        r#"{"dependencies":{"ui":"1"}}"#,
    );
    write(
        root,
        "project/miniprogram_npm/ui/index.js",
        "module.exports = 'built'",
    );
    package(root, "project/node_modules/ui", r#"{"name":"ui"}"#);
    write(
        root,
        "project/node_modules/ui/miniprogram_dist/index.js",
        "module.exports = 'fresh'",
    );
    write(
        root,
        "project/node_modules/ui/miniprogram_dist/extra.js",
        "1",
    );
    write(root, "project/pages/a/a.js", "require('ui')\nPage({})");

    let bundle = collect(root, "project");
    assert_eq!(
        keys(&bundle, "miniprogram_npm/"),
        ["miniprogram_npm/ui/index.js"]
    );
    assert_eq!(
        bundle.files["miniprogram_npm/ui/index.js"],
        "module.exports = 'built'"
    );
}

#[test]
fn a_missing_dependency_is_a_warning_of_its_package_json() {
    let dir = workspace();
    let root = dir.path();
    write(
        root,
        "project/package.json",
        r#"{"dependencies":{"nowhere":"1"}}"#,
    );
    let bundle = collect(root, "project");
    assert_eq!(bundle.problems.len(), 1, "{:?}", bundle.problems);
    assert_eq!(bundle.problems[0].file, "package.json");
    assert!(bundle.problems[0]
        .message
        .contains("\"nowhere\" is not installed"));
    assert_eq!(bundle.problems[0].severity, Severity::Warning);
}

#[test]
fn a_miniprogram_root_uses_the_project_folders_package_json() {
    let dir = workspace();
    let root = dir.path();
    write(
        root,
        "project/project.config.json",
        r#"{"miniprogramRoot":"miniprogram/"}"#,
    );
    write(
        root,
        "project/miniprogram/app.json",
        r#"{"pages":["pages/a/a"]}"#,
    );
    write(
        root,
        "project/miniprogram/pages/a/a.js",
        "require('ui')\nPage({})",
    );
    write(
        root,
        "project/package.json",
        r#"{"dependencies":{"ui":"1"}}"#,
    );
    package(root, "project/node_modules/ui", r#"{"name":"ui"}"#);
    write(
        root,
        "project/node_modules/ui/miniprogram_dist/index.js",
        "module.exports = 1",
    );
    let bundle = collect(root, "project");
    assert_eq!(
        keys(&bundle, "miniprogram_npm/"),
        ["miniprogram_npm/ui/index.js"]
    );
}

#[test]
fn a_real_library_compiles_without_problems_when_installed() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    if !repo
        .join("node_modules/tdesign-miniprogram/package.json")
        .is_file()
    {
        println!("skipped: tdesign-miniprogram is not in node_modules");
        return;
    }
    // A project inside the repository finds the repository's node_modules.
    let dir = tempfile::Builder::new()
        .prefix(".wxrt-npm-")
        .tempdir_in(repo.join("target"))
        .unwrap();
    let root = dir.path();
    write(root, "app.json", r#"{"pages":["pages/a/a"]}"#);
    write(
        root,
        "pages/a/a.js",
        "import Toast from 'tdesign-miniprogram/toast/index';\nPage({})",
    );
    write(
        root,
        "pages/a/a.json",
        r#"{"usingComponents":{"t-button":"tdesign-miniprogram/button/button"}}"#,
    );
    write(
        root,
        "package.json",
        r#"{"dependencies":{"tdesign-miniprogram":"*"}}"#,
    );
    let bundle = bundle::collect(root).unwrap();
    assert!(bundle
        .files
        .contains_key("miniprogram_npm/tdesign-miniprogram/button/button.js"));
    assert!(bundle
        .files
        .contains_key("miniprogram_npm/tdesign-miniprogram/miniprogram_npm/tslib/index.js"));
    let json = serde_json::to_value(&bundle.compiled).unwrap();
    let button = &json["js"]["miniprogram_npm/tdesign-miniprogram/button/button.js"];
    assert!(
        button["code"]
            .as_str()
            .unwrap()
            .contains("require(\"tslib\")"),
        "{button}"
    );
    let js_errors: Vec<_> = bundle
        .problems
        .iter()
        .filter(|p| p.file.ends_with(".js"))
        .collect();
    assert!(js_errors.is_empty(), "{js_errors:?}");
}
