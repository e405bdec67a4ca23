//! `app.json`'s `subpackages`: folders of pages loaded on first use rather than at launch.

use super::check::{expected, owned, Member, Path, Report};
use super::error::{ConfigErrorKind, PathProblem};
use super::route::{self, RouteTable};

/// One entry of `subpackages`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subpackage {
    /// `root`: the subpackage's folder, without a trailing `/` (`packageA`).
    pub root: String,
    /// `name`: an alias for `wx.loadSubpackage` and `preloadRule`.
    pub name: Option<String>,
    /// The full routes of its pages (`packageA/pages/cat/cat`), in order.
    pub pages: Vec<String>,
    /// `independent`: it runs without the main package.
    pub independent: bool,
}

impl Subpackage {
    /// Whether `route` lies in this subpackage's folder.
    pub fn contains(&self, route: &str) -> bool {
        route::is_under(route, &self.root)
    }
}

/// A subpackage and where its root is declared, for the checks that span packages.
pub(crate) struct Declared {
    pub subpackage: Subpackage,
    /// `None` when the root is unusable, so nothing is checked against it.
    pub root_path: Option<Path>,
}

/// Reads the `subpackages` array, adding its pages to `routes`.
pub(crate) fn read_subpackages(
    report: &mut Report,
    member: &Member<'_>,
    routes: &mut RouteTable<'_>,
) -> Vec<Declared> {
    let Some(items) = report.array(member.value, &member.path, expected::ARRAY_OF_OBJECT) else {
        return Vec::new();
    };
    let mut declared: Vec<Declared> = Vec::with_capacity(items.len());
    for item in &items {
        let Some(fields) = report.object(item.value, &item.path) else {
            continue;
        };
        let root = report
            .required(&fields, "root")
            .and_then(|m| read_root(report, &m, &declared).map(|root| (root, m.path)));
        let name = report
            .optional(&fields, "name", |r, m| r.string(m))
            .map(owned);
        let independent = report
            .optional(&fields, "independent", |r, m| r.boolean(m))
            .unwrap_or_default();
        let mut pages = Vec::new();
        if let Some(m) = report.required(&fields, "pages") {
            for entry in report
                .array(m.value, &m.path, expected::ARRAY_OF_STRING)
                .unwrap_or_default()
            {
                let page = route::read_page(report, &entry);
                if let (Some(page), Some((root, _))) = (page, &root) {
                    let route = route::join(root, page);
                    if routes.add(report, &entry.path, page, route.clone()) {
                        pages.push(route);
                    }
                }
            }
        }
        let (root, root_path) = match root {
            Some((root, path)) => (owned(root.trim_end_matches('/')), Some(path)),
            None => (String::new(), None),
        };
        declared.push(Declared {
            subpackage: Subpackage {
                root,
                name,
                pages,
                independent,
            },
            root_path,
        });
    }
    declared
}

/// The root as written if it is usable. A root nested in an earlier one, or holding one,
/// is refused: WeChat could not tell which package a page in both belongs to.
fn read_root<'a>(
    report: &mut Report,
    member: &Member<'a>,
    earlier: &[Declared],
) -> Option<&'a str> {
    let root = report.string(member)?;
    let problem = if root.is_empty() {
        Some(ConfigErrorKind::Empty)
    } else {
        route::root_problem(root).map(|problem: PathProblem| ConfigErrorKind::BadPath {
            value: owned(root),
            problem,
        })
    };
    if let Some(problem) = problem {
        report.push(&member.path, problem);
        return None;
    }
    let trimmed = root.trim_end_matches('/');
    for other in earlier {
        let Some(other_path) = &other.root_path else {
            continue;
        };
        let other_root = &other.subpackage.root;
        let kind = if other_root == trimmed {
            ConfigErrorKind::Duplicate {
                value: owned(root),
                first: other_path.text(),
            }
        } else if route::is_under(trimmed, other_root) || route::is_under(other_root, trimmed) {
            ConfigErrorKind::OverlappingRoot {
                value: owned(root),
                other_path: other_path.text(),
                other: other_root.clone(),
            }
        } else {
            continue;
        };
        report.push(&member.path, kind);
        return None;
    }
    Some(root)
}
