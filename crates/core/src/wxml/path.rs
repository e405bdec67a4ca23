//! Resolving the `src` of `<import>`, `<include>` and `<wxs>` to a project path.

/// The project path `src` names, seen from the file `file`: from the project root when
/// it starts with `/`, else from the file's folder; `.` and `..` resolved (never above
/// the root); `extension` (`.wxml`, `.wxs`) appended when the last part has none.
pub(crate) fn resolve(file: &str, src: &str, extension: &str) -> Result<String, String> {
    let src = src.trim();
    if src.is_empty() {
        return Err("`src` is empty".into());
    }
    let mut parts: Vec<&str> = Vec::new();
    if !src.starts_with('/') {
        parts.extend(file.split('/').filter(|p| !p.is_empty()));
        // The file's own name.
        parts.pop();
    }
    for part in src.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("`{src}` leads out of the project root"));
                }
            }
            _ => parts.push(part),
        }
    }
    let Some(last) = parts.last() else {
        return Err(format!("`{src}` names no file"));
    };
    let mut path = parts.join("/");
    if !last.contains('.') {
        path.push_str(extension);
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn resolves_relative_and_root_paths() {
        let file = "pages/index/index.wxml";
        let cases = [
            ("tpl.wxml", ".wxml", "pages/index/tpl.wxml"),
            ("./tpl", ".wxml", "pages/index/tpl.wxml"),
            ("../common/header", ".wxml", "pages/common/header.wxml"),
            ("../../common/a.wxml", ".wxml", "common/a.wxml"),
            ("/common/a", ".wxml", "common/a.wxml"),
            ("/utils//tools", ".wxs", "utils/tools.wxs"),
            ("../../utils/tools.wxs", ".wxs", "utils/tools.wxs"),
            (" ./x.html ", ".wxml", "pages/index/x.html"),
            ("a/./b/../c", ".wxml", "pages/index/a/c.wxml"),
        ];
        for (src, extension, expected) in cases {
            assert_eq!(resolve(file, src, extension).unwrap(), expected, "{src}");
        }
        assert_eq!(resolve("index.wxml", "a", ".wxml").unwrap(), "a.wxml");
    }

    #[test]
    fn refuses_paths_out_of_the_root() {
        let file = "pages/index/index.wxml";
        assert_eq!(
            resolve(file, "../../../x.wxml", ".wxml").unwrap_err(),
            "`../../../x.wxml` leads out of the project root"
        );
        assert_eq!(
            resolve(file, "/../x", ".wxml").unwrap_err(),
            "`/../x` leads out of the project root"
        );
        assert_eq!(resolve(file, "", ".wxml").unwrap_err(), "`src` is empty");
        assert_eq!(
            resolve(file, "/", ".wxml").unwrap_err(),
            "`/` names no file"
        );
        assert_eq!(
            resolve(file, "../..", ".wxml").unwrap_err(),
            "`../..` names no file"
        );
    }
}
