//! app.json's `"darkmode": true`: window and tab bar values written `@name` are the
//! variable `name` of the current theme's table in the file `themeLocation` names
//! (`theme.json`: `{"light": {...}, "dark": {...}}`).

/// The variable a config value refers to: `@navBgColor` → `navBgColor`.
pub fn variable(value: &str) -> Option<&str> {
    value.strip_prefix('@').filter(|name| {
        // npm scopes (`@vant/weapp/button`) are paths, not variables.
        !name.is_empty() && !name.contains('/')
    })
}

/// The project file of the theme tables: app.json's `themeLocation` (WeChat requires it
/// with darkmode; `theme.json`, its documented name, when absent).
pub fn theme_file(location: Option<&str>) -> String {
    location
        .map(|l| l.trim_start_matches('/'))
        .filter(|l| !l.is_empty())
        .unwrap_or("theme.json")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_at_names_not_scoped_paths() {
        assert_eq!(variable("@navBgColor"), Some("navBgColor"));
        assert_eq!(variable("#ffffff"), None);
        assert_eq!(variable("@"), None);
        assert_eq!(variable("@vant/weapp/button/index"), None);
        assert_eq!(theme_file(Some("/theme.json")), "theme.json");
        assert_eq!(theme_file(Some("config/t.json")), "config/t.json");
        assert_eq!(theme_file(None), "theme.json");
    }
}
