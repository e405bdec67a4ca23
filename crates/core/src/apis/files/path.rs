//! WeChat's local paths: `wxfile://usr/…` (the user's files, the only writable place),
//! `wxfile://tmp_…` (temporary files of this run), `wxfile://store_…` (files `saveFile`
//! kept), and paths of the code package (read-only).

/// `wx.env.USER_DATA_PATH` as phones give it (DevTools says `http://usr`, also accepted).
pub const USER_DATA_PATH: &str = "wxfile://usr";

/// Which kind of local file a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// Under `wxfile://usr`: read and written by the app.
    User,
    /// `wxfile://tmp_…`: readable, never written in place.
    Temp,
    /// `wxfile://store_…`: made by `saveFile`, removed by `removeSavedFile`.
    Store,
    /// Anything else under `wxfile://` (the root itself included): no API reaches it.
    Other,
    /// A path of the code package (`/images/a.png`, `images/a.png`): read-only.
    Package,
}

/// A path as WeChat resolves it: its area and its normal form, the key files are kept by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalPath {
    /// Where it points.
    pub area: Area,
    /// `wxfile://usr/a/b` for `wxfile://usr//a/./b/`; temp and saved paths as given.
    pub key: String,
}

/// Resolves `path`. `..` may not climb above `wxfile://usr` (the path then reaches
/// [`Area::Other`], which every API refuses).
pub fn resolve(path: &str) -> LocalPath {
    let rest = path
        .strip_prefix("wxfile://")
        .or_else(|| path.strip_prefix("http://"));
    let Some(rest) = rest else {
        return LocalPath {
            area: Area::Package,
            key: path.trim_start_matches('/').to_owned(),
        };
    };
    let other = || LocalPath {
        area: Area::Other,
        key: format!("wxfile://{rest}"),
    };
    if rest == "usr" || rest.starts_with("usr/") {
        let mut parts: Vec<&str> = Vec::new();
        for part in rest[3..].split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return other();
                    }
                }
                name => parts.push(name),
            }
        }
        let mut key = USER_DATA_PATH.to_owned();
        for part in parts {
            key.push('/');
            key.push_str(part);
        }
        return LocalPath {
            area: Area::User,
            key,
        };
    }
    let area = if rest.starts_with("tmp_") || rest.starts_with("tmp/") {
        Area::Temp
    } else if rest.starts_with("store_") {
        Area::Store
    } else {
        return other();
    };
    LocalPath {
        area,
        key: format!("wxfile://{rest}"),
    }
}

/// The directory holding the user path `key` (`None` for `wxfile://usr` itself).
pub fn parent(key: &str) -> Option<&str> {
    if key == USER_DATA_PATH {
        return None;
    }
    key.rfind('/').map(|at| &key[..at])
}

/// The last segment of `key`.
pub fn name(key: &str) -> &str {
    key.rsplit('/').next().unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_paths_are_normalised() {
        assert_eq!(resolve("wxfile://usr//a/./b/").key, "wxfile://usr/a/b");
        assert_eq!(resolve("wxfile://usr/a/../b").key, "wxfile://usr/b");
        assert_eq!(resolve("http://usr/a").key, "wxfile://usr/a");
        assert_eq!(resolve("wxfile://usr").area, Area::User);
        assert_eq!(resolve("wxfile://usr/../x").area, Area::Other);
        assert_eq!(resolve("wxfile://usrx").area, Area::Other);
        assert_eq!(resolve("wxfile://").area, Area::Other);
    }

    #[test]
    fn temp_saved_and_package_paths() {
        assert_eq!(resolve("wxfile://tmp_1.png").area, Area::Temp);
        assert_eq!(resolve("wxfile://store_ab.png").area, Area::Store);
        assert_eq!(resolve("/images/a.png").area, Area::Package);
        assert_eq!(parent("wxfile://usr/a/b"), Some("wxfile://usr/a"));
        assert_eq!(parent("wxfile://usr"), None);
        assert_eq!(name("wxfile://usr/a/b.txt"), "b.txt");
    }
}
