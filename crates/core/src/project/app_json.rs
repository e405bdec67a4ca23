//! `app.json`: the app's pages, default window, tab bar, network timeouts and
//! subpackages, validated as WeChat DevTools validates them.

use super::check::{expected, keyword, owned, Fields, Member, Path, Report};
use super::error::{ConfigError, ConfigErrorKind, ConfigErrors, PathProblem};
use super::network_timeout::{read_network_timeout, NetworkTimeout};
use super::page_json::PageConfig;
use super::resolve_alias::{read_resolve_alias, ResolveAlias, RESOLVE_ALIAS};
use super::route::{self, RouteTable};
use super::subpackage::{read_subpackages, Declared, Subpackage};
use super::tab_bar::{read_tab_bar, TabBarConfig};
use super::value::ConfigValue;
use super::window::{read_overrides, WindowConfig, WindowOverrides};

/// The file name errors in `app.json` are reported against.
pub const APP_JSON: &str = "app.json";

/// A validated `app.json`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AppConfig {
    /// Every route: `pages` in order, then each subpackage's pages in order
    /// (`packageA/pages/cat/cat`).
    pub pages: Vec<String>,
    /// The launch page: `entryPagePath`, or else the first of `pages`.
    pub entry_page_path: String,
    /// `window` over WeChat's defaults: the window of a page whose `.json` sets nothing.
    pub window: WindowConfig,
    /// `tabBar`, if the app has tabs.
    pub tab_bar: Option<TabBarConfig>,
    /// `networkTimeout`, with WeChat's defaults for what it leaves out.
    pub network_timeout: NetworkTimeout,
    /// `subpackages` (or `subPackages`), in order.
    pub subpackages: Vec<Subpackage>,
    /// `usingComponents`: components every page may use, `(tag name, path)` in order.
    pub using_components: Vec<(String, String)>,
    /// `lazyCodeLoading`: with `requiredComponents`, a page's module runs when the page
    /// first opens, not at launch.
    pub lazy_code_loading: Option<CodeLoading>,
    /// `resolveAlias`: module paths that start with an alias, mapped to paths from the root.
    pub resolve_alias: ResolveAlias,
    /// What WeChat runs with all the same (a keyword it does not document), and the
    /// default wxrt used instead.
    pub warnings: Vec<ConfigError>,
}

keyword! {
    /// `lazyCodeLoading`: which code waits until it is needed.
    CodeLoading {
        /// `"requiredComponents"`, the only value WeChat documents.
        #[default]
        RequiredComponents = "requiredComponents",
    }
}

impl AppConfig {
    /// Validates a parsed `app.json`. `has_file("pages/index/index.js")` says whether a
    /// project file (path relative to the project root) exists.
    ///
    /// Reports every problem found, not just the first.
    pub fn from_value(
        value: &ConfigValue,
        has_file: &dyn Fn(&str) -> bool,
    ) -> Result<AppConfig, ConfigErrors> {
        let mut report = Report::new(APP_JSON);
        let root = Path::default();
        let Some(fields) = report.object(value, &root) else {
            return report.finish(AppConfig::default());
        };
        let mut routes = RouteTable::new(has_file);

        let main = read_pages(&mut report, &fields, &mut routes);
        let subpackages = read_all_subpackages(&mut report, &fields, &mut routes);
        if let Some(main) = &main {
            check_outside_subpackages(&mut report, main, &subpackages);
        }
        let main_pages: Option<Vec<&str>> = main
            .as_ref()
            .map(|pages| pages.iter().map(|(page, _)| *page).collect());

        let known = main_pages.as_ref().map(|main| Known {
            routes: &routes,
            main,
            has_subpackages: !subpackages.is_empty(),
        });
        let entry = report.optional(&fields, "entryPagePath", |r, m| {
            read_entry(r, m, known.as_ref())
        });
        let window = read_window(&mut report, &fields);
        let tab_bar = report.optional(&fields, "tabBar", |r, m| {
            read_tab_bar(r, m, main_pages.as_deref())
        });
        let network_timeout = report
            .optional(&fields, "networkTimeout", |r, m| {
                Some(read_network_timeout(r, m))
            })
            .unwrap_or_default();
        let using_components = report
            .optional(&fields, "usingComponents", |r, m| r.string_map(m))
            .unwrap_or_default();

        let lazy_code_loading = report.optional(&fields, "lazyCodeLoading", |r, m| r.keyword(m));
        let resolve_alias = report
            .optional(&fields, RESOLVE_ALIAS, |r, m| {
                Some(read_resolve_alias(r, m))
            })
            .unwrap_or_default();
        let entry_page_path = entry
            .or_else(|| routes.first().map(owned))
            .unwrap_or_default();
        let warnings = report.take_warnings();
        report.finish(AppConfig {
            warnings,
            pages: routes.into_routes(),
            entry_page_path,
            window: WindowConfig::default().with(&window),
            tab_bar,
            network_timeout,
            subpackages: subpackages.into_iter().map(|d| d.subpackage).collect(),
            using_components,
            lazy_code_loading,
            resolve_alias,
        })
    }

    /// Whether `route` (`pages/index/index`, no leading `/`) is a page of the app.
    pub fn has_page(&self, route: &str) -> bool {
        self.pages.iter().any(|page| page == route)
    }

    /// The launch route: [`AppConfig::entry_page_path`], or the first page when that is
    /// empty (a config built in code rather than read from `app.json`).
    pub fn entry_page(&self) -> &str {
        match self.entry_page_path.as_str() {
            "" => self.pages.first().map_or("", String::as_str),
            entry => entry,
        }
    }

    /// The routes the tab bar switches between, in tab order; empty without a tab bar.
    pub fn tab_pages(&self) -> Vec<&str> {
        self.tab_bar.as_ref().map_or_else(Vec::new, |tab_bar| {
            tab_bar
                .list
                .iter()
                .map(|item| item.page_path.as_str())
                .collect()
        })
    }

    /// Whether `route` is one of the tab bar's pages (which WeChat opens only with
    /// `switchTab`).
    pub fn is_tab_page(&self, route: &str) -> bool {
        self.tab_pages().contains(&route)
    }

    /// The subpackage `route` belongs to; `None` for a main-package route.
    pub fn subpackage_of(&self, route: &str) -> Option<&Subpackage> {
        self.subpackages.iter().find(|sub| sub.contains(route))
    }

    /// The window a page shows: the app's `window` with the page's `.json` applied.
    pub fn window_for(&self, page: &PageConfig) -> WindowConfig {
        self.window.with(&page.window)
    }
}

/// `app.json`'s `window` over WeChat's defaults, read alone: a runtime launched from a
/// [`super::LaunchConfig`] reads the window itself, as darkmode's `@` values in it
/// resolve in the page, by the phone's theme.
pub fn app_window(app_json: &ConfigValue) -> Result<WindowConfig, ConfigErrors> {
    let mut report = Report::new(APP_JSON);
    let window = match report.object(app_json, &Path::default()) {
        Some(fields) => read_window(&mut report, &fields),
        None => WindowOverrides::default(),
    };
    report.finish(WindowConfig::default().with(&window))
}

fn read_window(report: &mut Report, fields: &Fields<'_>) -> WindowOverrides {
    report
        .optional(fields, "window", |r, m| {
            let window = r.object(m.value, &m.path)?;
            Some(read_overrides(r, &window))
        })
        .unwrap_or_default()
}

/// A main-package page: the page as written and where.
type MainPage<'a> = (&'a str, Path);

/// Reads `pages` into `routes`. Returns every string entry, well-formed or not, so later
/// references to a page that has its own problem are not reported twice; `None` when
/// `pages` is missing or not a non-empty array, so references are not checked at all.
fn read_pages<'a>(
    report: &mut Report,
    fields: &Fields<'a>,
    routes: &mut RouteTable<'_>,
) -> Option<Vec<MainPage<'a>>> {
    let member = report.required(fields, "pages")?;
    let items = report.array(member.value, &member.path, expected::ARRAY_OF_STRING)?;
    if items.is_empty() {
        report.push(&member.path, ConfigErrorKind::Empty);
        return None;
    }
    let mut pages = Vec::with_capacity(items.len());
    for item in &items {
        if let Some(page) = route::read_page(report, item) {
            routes.add(report, &item.path, page, owned(page));
            pages.push((page, item.path.clone()));
        } else if let Some(written) = item.value.as_str() {
            pages.push((written, item.path.clone()));
        }
    }
    Some(pages)
}

/// `subpackages`, or its older spelling `subPackages`; both at once is an error.
fn read_all_subpackages(
    report: &mut Report,
    fields: &Fields<'_>,
    routes: &mut RouteTable<'_>,
) -> Vec<Declared> {
    let lower = fields.get("subpackages");
    let camel = fields.get("subPackages");
    if let (Some(lower), Some(camel)) = (&lower, &camel) {
        report.push(
            &camel.path,
            ConfigErrorKind::Conflict {
                other: lower.path.text(),
            },
        );
    }
    match lower.or(camel) {
        Some(member) => read_subpackages(report, &member, routes),
        None => Vec::new(),
    }
}

/// WeChat decides a page's package by its folder, so a main page may not sit in a
/// subpackage's root.
fn check_outside_subpackages(report: &mut Report, main: &[MainPage<'_>], subs: &[Declared]) {
    for (page, path) in main {
        let enclosing = subs.iter().find_map(|declared| {
            let root_path = declared.root_path.as_ref()?;
            declared
                .subpackage
                .contains(page)
                .then_some((root_path, &declared.subpackage.root))
        });
        if let Some((root_path, root)) = enclosing {
            report.push(
                path,
                ConfigErrorKind::InsideSubpackage {
                    value: owned(page),
                    root_path: root_path.text(),
                    root: root.clone(),
                },
            );
        }
    }
}

/// The pages a reference may name.
struct Known<'t> {
    routes: &'t RouteTable<'t>,
    /// `pages` as written, including entries with problems of their own.
    main: &'t [&'t str],
    has_subpackages: bool,
}

/// `entryPagePath`, checked against the known pages unless `pages` itself is unusable. A
/// subpackage page may be the entry: WeChat downloads its package at launch.
fn read_entry(
    report: &mut Report,
    member: &Member<'_>,
    known: Option<&Known<'_>>,
) -> Option<String> {
    let entry = report.string(member)?;
    if entry.contains('?') {
        report.push(
            &member.path,
            ConfigErrorKind::BadPath {
                value: owned(entry),
                problem: PathProblem::Query,
            },
        );
        return None;
    }
    let known = known?;
    if known.routes.contains(entry) || known.main.contains(&entry) {
        return Some(owned(entry));
    }
    let pages = Path::default().key("pages");
    let list = if known.has_subpackages {
        format!("{pages} or a subpackage's pages")
    } else {
        pages.text()
    };
    report.push(
        &member.path,
        ConfigErrorKind::NotInPages {
            value: owned(entry),
            list,
        },
    );
    None
}
