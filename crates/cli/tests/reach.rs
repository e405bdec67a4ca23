//! The bundle carries the files of `miniprogram_npm` packages that the app reaches, and
//! every file of the app's own code: what each kind of file asks for is followed.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use tempfile::TempDir;
use wxrt_cli::bundle::{self, Bundle};

fn write(root: &Path, relative: &str, contents: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn component(root: &Path, base: &str, js: &str, json: &str, wxml: &str, wxss: &str) {
    for (ext, text) in [("js", js), ("json", json), ("wxml", wxml), ("wxss", wxss)] {
        if !text.is_empty() {
            write(root, &format!("{base}.{ext}"), text);
        }
    }
}

const COMPONENT: &str = r#"{"component":true}"#;

/// A project with a package as DevTools' npm build leaves it in `miniprogram_npm`.
fn project() -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("wxrt-reach-")
        .tempdir()
        .unwrap();
    let root = dir.path();
    write(
        root,
        "app.json",
        r#"{"pages":["pages/a/a"],"usingComponents":{"g-cell":"ui/cell/cell"},
            "tabBar":{"custom":true,"list":[{"pagePath":"pages/a/a","text":"A"}]}}"#,
    );
    write(root, "app.js", "App({})");
    component(
        root,
        "custom-tab-bar/index",
        "Component({})",
        r#"{"component":true,"usingComponents":{"ui-tab":"ui/tab"}}"#,
        "<ui-tab/>",
        "",
    );
    component(
        root,
        "pages/a/a",
        "import fmt from 'ui/format/index'\nconst t = require('locales')\nPage({})",
        r#"{"usingComponents":{"ui-button":"ui/button/button","ui-picker":"ui/picker/picker"}}"#,
        "<ui-button/><ui-picker/><g-cell/>",
        "",
    );
    // The app's own files are all kept, used or not, and report their problems.
    write(root, "utils/orphan.js", "module.exports = 1");
    write(
        root,
        "utils/dyn.js",
        "module.exports = (x) => require('../miniprogram_npm/other/' + x)",
    );
    component(
        root,
        "components/unused/unused",
        "Component({})",
        COMPONENT,
        "<view a=\"1\" a=\"2\"/>",
        "",
    );

    let ui = "miniprogram_npm/ui";
    component(
        root,
        &format!("{ui}/button/button"),
        "import { a } from '../common/util'\nComponent({})",
        r#"{"component":true,"usingComponents":{"ui-icon":"../icon/icon"}}"#,
        "<import src=\"../common/tpl.wxml\"/><include src=\"/miniprogram_npm/ui/common/header\"/>\
         <wxs module=\"u\" src=\"../common/u.wxs\"/><ui-icon/>",
        "@import \"../common/base.wxss\";\n.b { color: red }",
    );
    write(
        root,
        &format!("{ui}/common/util.js"),
        "module.exports = require('./deep.js')",
    );
    write(root, &format!("{ui}/common/deep.js"), "module.exports = 1");
    write(
        root,
        &format!("{ui}/common/unused.js"),
        "module.exports = 2",
    );
    write(
        root,
        &format!("{ui}/common/tpl.wxml"),
        "<template name=\"t\"><view/></template>",
    );
    write(
        root,
        &format!("{ui}/common/header.wxml"),
        "<view>header</view>",
    );
    write(
        root,
        &format!("{ui}/common/u.wxs"),
        "var v = require('./v.wxs'); var w = require('./w'); module.exports = {}",
    );
    write(root, &format!("{ui}/common/v.wxs"), "module.exports = {}");
    write(root, &format!("{ui}/common/w.wxs"), "module.exports = {}");
    write(
        root,
        &format!("{ui}/common/base.wxss"),
        "@import './deeper.wxss';\n.base {}",
    );
    write(root, &format!("{ui}/common/deeper.wxss"), ".deeper {}");
    write(root, &format!("{ui}/common/alone.wxss"), ".alone {}");
    component(
        root,
        &format!("{ui}/icon/icon"),
        "Component({})",
        COMPONENT,
        "<text/>",
        ".i {}",
    );
    component(
        root,
        &format!("{ui}/picker/picker"),
        "Component({})",
        r#"{"component":true,"componentGenerics":{"item":{"default":"../picker-item/picker-item"}}}"#,
        "<item/>",
        "",
    );
    component(
        root,
        &format!("{ui}/picker-item/picker-item"),
        "Component({})",
        COMPONENT,
        "<view/>",
        "",
    );
    component(
        root,
        &format!("{ui}/cell/cell"),
        "Component({})",
        COMPONENT,
        "<view/>",
        "",
    );
    component(
        root,
        &format!("{ui}/tab/index"),
        "Component({})",
        COMPONENT,
        "<view/>",
        "",
    );
    write(
        root,
        &format!("{ui}/format/index.js"),
        "module.exports = require('tslib')",
    );
    // The package's own tslib shadows the top-level one.
    write(
        root,
        &format!("{ui}/miniprogram_npm/tslib/index.js"),
        "module.exports = 'nested'",
    );
    write(
        root,
        "miniprogram_npm/tslib/index.js",
        "module.exports = 'top'",
    );
    // Nothing uses the dialog; its template has what WeChat warns about.
    component(
        root,
        &format!("{ui}/dialog/dialog"),
        "Component({})",
        COMPONENT,
        "<view b=\"1\" b=\"2\"/>",
        ".d {}",
    );
    // A module named at run time: its whole package is kept.
    write(
        root,
        "miniprogram_npm/locales/index.js",
        "module.exports = (lang) => require('./lang/' + lang)",
    );
    write(
        root,
        "miniprogram_npm/locales/lang/en.js",
        "module.exports = 'en'",
    );
    write(
        root,
        "miniprogram_npm/locales/lang/zh.js",
        "module.exports = 'zh'",
    );
    write(root, "miniprogram_npm/other/index.js", "module.exports = 3");
    dir
}

fn package_files(bundle: &Bundle) -> Vec<&str> {
    bundle
        .files
        .keys()
        .map(String::as_str)
        .filter(|key| key.starts_with("miniprogram_npm/"))
        .collect()
}

#[test]
fn only_the_package_files_the_app_reaches_are_bundled() {
    let dir = project();
    let bundle = bundle::collect(dir.path()).unwrap();
    assert_eq!(
        package_files(&bundle),
        [
            "miniprogram_npm/locales/index.js",
            "miniprogram_npm/locales/lang/en.js",
            "miniprogram_npm/locales/lang/zh.js",
            "miniprogram_npm/ui/button/button.js",
            "miniprogram_npm/ui/button/button.json",
            "miniprogram_npm/ui/button/button.wxml",
            "miniprogram_npm/ui/button/button.wxss",
            "miniprogram_npm/ui/cell/cell.js",
            "miniprogram_npm/ui/cell/cell.json",
            "miniprogram_npm/ui/cell/cell.wxml",
            "miniprogram_npm/ui/common/base.wxss",
            "miniprogram_npm/ui/common/deep.js",
            "miniprogram_npm/ui/common/deeper.wxss",
            "miniprogram_npm/ui/common/header.wxml",
            "miniprogram_npm/ui/common/tpl.wxml",
            "miniprogram_npm/ui/common/u.wxs",
            "miniprogram_npm/ui/common/util.js",
            "miniprogram_npm/ui/common/v.wxs",
            "miniprogram_npm/ui/common/w.wxs",
            "miniprogram_npm/ui/format/index.js",
            "miniprogram_npm/ui/icon/icon.js",
            "miniprogram_npm/ui/icon/icon.json",
            "miniprogram_npm/ui/icon/icon.wxml",
            "miniprogram_npm/ui/icon/icon.wxss",
            "miniprogram_npm/ui/miniprogram_npm/tslib/index.js",
            "miniprogram_npm/ui/picker-item/picker-item.js",
            "miniprogram_npm/ui/picker-item/picker-item.json",
            "miniprogram_npm/ui/picker-item/picker-item.wxml",
            "miniprogram_npm/ui/picker/picker.js",
            "miniprogram_npm/ui/picker/picker.json",
            "miniprogram_npm/ui/picker/picker.wxml",
            "miniprogram_npm/ui/tab/index.js",
            "miniprogram_npm/ui/tab/index.json",
            "miniprogram_npm/ui/tab/index.wxml",
        ]
    );
    // The app's own files stay, used or not; a computed name in them pulls in nothing.
    for own in [
        "utils/orphan.js",
        "utils/dyn.js",
        "components/unused/unused.wxml",
    ] {
        assert!(bundle.files.contains_key(own), "{own}");
    }
    // Compiled output and problems follow the files: the unused dialog's template is
    // neither compiled nor reported, the app's own unused component is.
    let compiled = serde_json::to_value(&bundle.compiled).unwrap();
    assert!(compiled["wxml"]["miniprogram_npm/ui/dialog/dialog.wxml"].is_null());
    assert!(compiled["wxml"]["miniprogram_npm/ui/button/button.wxml"]["code"].is_string());
    let files: Vec<&str> = bundle.problems.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(
        files,
        ["components/unused/unused.wxml"],
        "{:?}",
        bundle.problems
    );
}

#[test]
fn an_edit_that_uses_more_of_a_package_brings_its_files_in() {
    let dir = project();
    let root = dir.path();
    let before = bundle::collect(root).unwrap();
    assert!(!before
        .files
        .contains_key("miniprogram_npm/ui/dialog/dialog.js"));

    write(
        root,
        "pages/a/a.json",
        r#"{"usingComponents":{"ui-button":"ui/button/button","ui-picker":"ui/picker/picker",
            "ui-dialog":"ui/dialog/dialog"}}"#,
    );
    let after = bundle::collect(root).unwrap();
    for ext in ["js", "json", "wxml", "wxss"] {
        let file = format!("miniprogram_npm/ui/dialog/dialog.{ext}");
        assert!(after.files.contains_key(&file), "{file}");
    }
    assert!(after
        .problems
        .iter()
        .any(|p| p.file == "miniprogram_npm/ui/dialog/dialog.wxml"));

    // And one that stops using it leaves them out again.
    write(root, "pages/a/a.json", r#"{"usingComponents":{}}"#);
    let last = bundle::collect(root).unwrap();
    assert!(!last
        .files
        .contains_key("miniprogram_npm/ui/button/button.js"));
    assert!(
        last.files.contains_key("miniprogram_npm/ui/cell/cell.js"),
        "app.json's own"
    );
}

#[test]
fn a_project_without_packages_is_bundled_whole() {
    let dir = tempfile::Builder::new()
        .prefix("wxrt-reach-")
        .tempdir()
        .unwrap();
    let root = dir.path();
    write(root, "app.json", r#"{"pages":["pages/a/a"]}"#);
    write(root, "app.js", "App({})");
    write(root, "pages/a/a.js", "Page({})");
    write(root, "lib/never-required.js", "module.exports = 1");
    let bundle = bundle::collect(root).unwrap();
    assert_eq!(
        bundle.files.keys().collect::<Vec<_>>(),
        [
            "app.js",
            "app.json",
            "lib/never-required.js",
            "pages/a/a.js"
        ]
    );
}
