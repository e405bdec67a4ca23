//! Page URLs as route APIs take them: `/pages/a/a?id=1`, or relative to the current page
//! (`../b/b`, `c?x=1`), as WeChat resolves them.

use super::query::{parse_query, Query};

/// Where a route API call points: a page route (no leading `/`, no extension) and the
/// query it hands to `onLoad`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageUrl {
    /// The page path, e.g. `pages/detail/detail`.
    pub route: String,
    /// The query string's pairs.
    pub query: Query,
}

impl PageUrl {
    /// Resolves `url` against the route of the page making the call (`None` when no page
    /// is open, which makes every URL absolute).
    pub fn resolve(url: &str, current_route: Option<&str>) -> Self {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let mut segments: Vec<&str> = Vec::new();
        if !path.starts_with('/') {
            if let Some(current) = current_route {
                // Relative to the current page's folder, as a browser resolves links.
                segments.extend(current.split('/'));
                segments.pop();
            }
        }
        for segment in path.split('/') {
            match segment {
                "" | "." => {}
                ".." => {
                    segments.pop();
                }
                name => segments.push(name),
            }
        }
        // Joined by hand: `[&str]::join` is a generic copy routine of its own in wasm.
        let mut route = String::new();
        for (i, segment) in segments.iter().enumerate() {
            if i > 0 {
                route.push('/');
            }
            route.push_str(segment);
        }
        Self {
            route,
            query: parse_query(query),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_urls_drop_the_slash_and_split_the_query() {
        let url = PageUrl::resolve("/pages/detail/detail?id=7&from=list", Some("pages/a/a"));
        assert_eq!(url.route, "pages/detail/detail");
        assert_eq!(
            url.query,
            vec![
                ("id".to_owned(), "7".to_owned()),
                ("from".to_owned(), "list".to_owned())
            ]
        );
    }

    #[test]
    fn relative_urls_resolve_against_the_current_page_folder() {
        let from = Some("pages/index/index");
        assert_eq!(
            PageUrl::resolve("../logs/logs", from).route,
            "pages/logs/logs"
        );
        assert_eq!(
            PageUrl::resolve("detail?id=1", from).route,
            "pages/index/detail"
        );
        assert_eq!(PageUrl::resolve("./x", from).route, "pages/index/x");
        assert_eq!(PageUrl::resolve("../../../../top", from).route, "top");
        assert_eq!(PageUrl::resolve("pages/a/a", None).route, "pages/a/a");
    }
}
