//! Page paths as `app.json` writes them: `pages/index/index`, relative to the project root
//! (or to a subpackage root), naming the page's files without their extension.

use super::check::{owned, Member, Path, Report};
use super::error::{ConfigErrorKind, PathProblem};

/// What is wrong with a non-empty page path, if anything.
pub(crate) fn page_problem(page: &str) -> Option<PathProblem> {
    let problem = path_problem(page);
    if problem.is_some() {
        return problem;
    }
    let file = page.rsplit('/').next().unwrap_or(page);
    file.contains('.').then_some(PathProblem::Extension)
}

/// What is wrong with a non-empty subpackage root, if anything. A root names a folder, so
/// it may end with `/` and have dots.
pub(crate) fn root_problem(root: &str) -> Option<PathProblem> {
    path_problem(root.strip_suffix('/').unwrap_or(root))
}

fn path_problem(path: &str) -> Option<PathProblem> {
    if path.starts_with('/') {
        Some(PathProblem::LeadingSlash)
    } else if path.contains('?') {
        Some(PathProblem::Query)
    } else if path.contains('\\')
        || path
            .split('/')
            .any(|segment| matches!(segment, "" | "." | ".."))
    {
        Some(PathProblem::Malformed)
    } else {
        None
    }
}

/// The route of `page` in the subpackage at `root` (`packageA/` + `pages/cat/cat`).
pub(crate) fn join(root: &str, page: &str) -> String {
    format!("{}/{page}", root.trim_end_matches('/'))
}

/// Whether `path` lies in the folder `root` (with or without its trailing `/`).
pub(crate) fn is_under(path: &str, root: &str) -> bool {
    let root = root.trim_end_matches('/');
    path.strip_prefix(root)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// A page entry of a `pages` array, if it is a well-formed page path; reports why not.
pub(crate) fn read_page<'a>(report: &mut Report, member: &Member<'a>) -> Option<&'a str> {
    let page = report.string(member)?;
    let problem = if page.is_empty() {
        ConfigErrorKind::Empty
    } else if let Some(problem) = page_problem(page) {
        ConfigErrorKind::BadPath {
            value: owned(page),
            problem,
        }
    } else {
        return Some(page);
    };
    report.push(&member.path, problem);
    None
}

/// Every route of the app, main package first, each checked for a duplicate and for its
/// script file.
pub(crate) struct RouteTable<'f> {
    has_file: &'f dyn Fn(&str) -> bool,
    routes: Vec<String>,
    /// Each route with where it was declared. A linear list: an app has tens of pages,
    /// and a `HashMap` (SipHash and table code) costs kilobytes of wasm.
    declared_at: Vec<(String, Path)>,
}

impl<'f> RouteTable<'f> {
    pub fn new(has_file: &'f dyn Fn(&str) -> bool) -> Self {
        Self {
            has_file,
            routes: Vec::new(),
            declared_at: Vec::new(),
        }
    }

    /// Records `route`, declared at `path` as `page` (which differs from the route in a
    /// subpackage). Returns whether it is new.
    pub fn add(&mut self, report: &mut Report, path: &Path, page: &str, route: String) -> bool {
        if let Some(first) = self.declared_at(&route) {
            report.push(
                path,
                ConfigErrorKind::Duplicate {
                    value: owned(page),
                    first: first.text(),
                },
            );
            return false;
        }
        // Only the script is required: it is what registers the page. The template and
        // style are looked up when the page renders.
        let script = format!("{route}.js");
        if !(self.has_file)(&script) {
            report.push(
                path,
                ConfigErrorKind::MissingFile {
                    value: owned(page),
                    file: script,
                },
            );
        }
        self.declared_at.push((route.clone(), path.clone()));
        self.routes.push(route);
        true
    }

    pub fn contains(&self, route: &str) -> bool {
        self.declared_at(route).is_some()
    }

    fn declared_at(&self, route: &str) -> Option<&Path> {
        self.declared_at
            .iter()
            .find(|(declared, _)| declared == route)
            .map(|(_, path)| path)
    }

    pub fn first(&self) -> Option<&str> {
        self.routes.first().map(String::as_str)
    }

    pub fn into_routes(self) -> Vec<String> {
        self.routes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_pages() {
        for page in [
            "pages/index/index",
            "index",
            "pages/v1.2/detail",
            "a-b/c_d/E",
        ] {
            assert_eq!(page_problem(page), None, "{page}");
        }
    }

    #[test]
    fn names_what_is_wrong_with_a_page() {
        let cases = [
            ("/pages/index/index", PathProblem::LeadingSlash),
            ("pages/index/index.js", PathProblem::Extension),
            ("pages/index/index?id=1", PathProblem::Query),
            ("pages//index", PathProblem::Malformed),
            ("pages/index/", PathProblem::Malformed),
            ("pages/../index", PathProblem::Malformed),
            ("./pages/index", PathProblem::Malformed),
            ("pages\\index\\index", PathProblem::Malformed),
        ];
        for (page, problem) in cases {
            assert_eq!(page_problem(page), Some(problem), "{page}");
        }
    }

    #[test]
    fn a_root_may_end_with_a_slash() {
        assert_eq!(root_problem("packageA/"), None);
        assert_eq!(root_problem("package.a"), None);
        assert_eq!(root_problem("/packageA"), Some(PathProblem::LeadingSlash));
        assert_eq!(root_problem("packageA//"), Some(PathProblem::Malformed));
        assert_eq!(join("packageA/", "pages/cat/cat"), "packageA/pages/cat/cat");
        assert_eq!(join("packageA", "pages/cat/cat"), "packageA/pages/cat/cat");
    }

    #[test]
    fn under_means_inside_the_folder() {
        assert!(is_under("packageA/pages/cat", "packageA"));
        assert!(is_under("packageA/pages/cat", "packageA/"));
        assert!(!is_under("packageAB/pages/cat", "packageA"));
        assert!(!is_under("packageA", "packageA"));
    }
}
