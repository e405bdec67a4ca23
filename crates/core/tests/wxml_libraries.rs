//! The UI libraries real mini-programs use (TDesign, Vant Weapp, WeUI, installed as the
//! repository's devDependencies) compile with core's WXML and WXSS compilers as they do
//! with WeChat's: every file, with no errors.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use wxrt_core::{wxml, wxss};

/// Each library's packed folder, relative to the repository root.
const LIBRARIES: [&str; 3] = [
    "node_modules/tdesign-miniprogram/miniprogram_dist",
    "node_modules/@vant/weapp/lib",
    "node_modules/weui-miniprogram/miniprogram_dist",
];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file under `root` whose name ends with `extension`, by path from `root`.
fn files(root: &Path, extension: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.to_string_lossy().ends_with(extension) {
                let name = path.strip_prefix(root).unwrap().to_string_lossy();
                found.insert(name.replace('\\', "/"), fs::read_to_string(&path).unwrap());
            }
        }
    }
    found
}

/// The libraries present, or `None` (with a note) when node_modules is not installed.
fn libraries() -> Option<Vec<PathBuf>> {
    let roots: Vec<PathBuf> = LIBRARIES.iter().map(|l| repo_root().join(l)).collect();
    if let Some(missing) = roots.iter().find(|r| !r.is_dir()) {
        println!(
            "skipped: {} is absent (run `npm install` for the UI libraries)",
            missing.display()
        );
        return None;
    }
    Some(roots)
}

#[test]
fn every_library_wxml_file_compiles() {
    let Some(roots) = libraries() else { return };
    let mut failures = Vec::new();
    let mut count = 0;
    for root in &roots {
        for (path, source) in files(root, ".wxml") {
            count += 1;
            match wxml::compile(&path, &source) {
                // What WeChat warns about is listed, not failed: `--nocapture` shows it.
                Ok(compiled) => {
                    for warning in compiled.warnings {
                        println!("warning: {warning}");
                    }
                }
                Err(error) => failures.push(format!("{}: {error}", root.display())),
            }
        }
    }
    assert!(count > 200, "only {count} WXML files found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_library_wxss_file_compiles() {
    let Some(roots) = libraries() else { return };
    let mut failures = Vec::new();
    let mut count = 0;
    for root in &roots {
        let sheets = files(root, ".wxss");
        let load = |path: &str| sheets.get(path).cloned();
        for (path, source) in &sheets {
            count += 1;
            if let Err(error) = wxss::compile(path, source, wxss::Scope::Component("c1"), &load) {
                failures.push(format!("{}: {error}", root.display()));
            }
        }
    }
    assert!(count > 200, "only {count} WXSS files found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
