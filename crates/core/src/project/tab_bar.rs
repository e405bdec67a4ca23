//! `app.json`'s `tabBar`: the tabs WeChat draws and the pages they switch between.

use super::check::{expected, keyword, owned, Member, Path, Report};
use super::error::ConfigErrorKind;

/// WeChat shows at least this many tabs.
pub const MIN_TABS: usize = 2;
/// WeChat shows at most this many tabs.
pub const MAX_TABS: usize = 5;

keyword! {
    /// `borderStyle`: the colour of the line above the tab bar.
    BorderStyle {
        /// `"black"`, WeChat's default.
        #[default]
        Black = "black",
        /// `"white"`
        White = "white",
    }
}

keyword! {
    /// `position`: where the tab bar sits.
    TabBarPosition {
        /// `"bottom"`, WeChat's default.
        #[default]
        Bottom = "bottom",
        /// `"top"`: WeChat then draws no icons.
        Top = "top",
    }
}

/// `tabBar`. WeChat's documentation lists the three colours as required, but its own
/// example app.json leaves them out and WeChat runs such apps (real ones do, with a
/// custom tab bar or not), drawing its default colours: an absent colour is empty here,
/// and the frame draws its own default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TabBarConfig {
    /// `color`: the text colour of unselected tabs; empty when not given.
    pub color: String,
    /// `selectedColor`: the text colour of the selected tab; empty when not given.
    pub selected_color: String,
    /// `backgroundColor`; empty when not given.
    pub background_color: String,
    /// `borderStyle`
    pub border_style: BorderStyle,
    /// `position`
    pub position: TabBarPosition,
    /// `custom`: the app draws the tab bar itself (`custom-tab-bar/`).
    pub custom: bool,
    /// `list`: the tabs, in display order.
    pub list: Vec<TabItem>,
}

/// One tab of `tabBar.list`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TabItem {
    /// `pagePath`: the route the tab shows, one of the main package's pages.
    pub page_path: String,
    /// `text`: the tab's label; empty when not given.
    pub text: String,
    /// `iconPath`: the image file shown when unselected.
    pub icon_path: Option<String>,
    /// `selectedIconPath`: the image file shown when selected.
    pub selected_icon_path: Option<String>,
}

/// Reads `tabBar`. `main_pages` are the strings of `["pages"]`, or `None` when `pages` is
/// itself unusable, so each tab is not also reported missing from it.
pub(crate) fn read_tab_bar(
    report: &mut Report,
    member: &Member<'_>,
    main_pages: Option<&[&str]>,
) -> Option<TabBarConfig> {
    let fields = report.object(member.value, &member.path)?;
    let colour = |report: &mut Report, key: &str| {
        report
            .optional(&fields, key, |r, m| r.string(m))
            .map_or_else(String::new, owned)
    };
    let color = colour(report, "color");
    let selected_color = colour(report, "selectedColor");
    let background_color = colour(report, "backgroundColor");
    let list = report
        .required(&fields, "list")
        .and_then(|m| read_list(report, &m, main_pages))
        .unwrap_or_default();
    Some(TabBarConfig {
        color,
        selected_color,
        background_color,
        border_style: report
            .optional(&fields, "borderStyle", |r, m| r.keyword(m))
            .unwrap_or_default(),
        position: report
            .optional(&fields, "position", |r, m| r.keyword(m))
            .unwrap_or_default(),
        custom: report
            .optional(&fields, "custom", |r, m| r.boolean(m))
            .unwrap_or_default(),
        list,
    })
}

fn read_list(
    report: &mut Report,
    member: &Member<'_>,
    main_pages: Option<&[&str]>,
) -> Option<Vec<TabItem>> {
    let items = report.array(member.value, &member.path, expected::ARRAY_OF_OBJECT)?;
    if !(MIN_TABS..=MAX_TABS).contains(&items.len()) {
        report.push(
            &member.path,
            ConfigErrorKind::ItemCount {
                min: MIN_TABS,
                max: MAX_TABS,
                actual: items.len(),
            },
        );
    }
    // At most a handful of tabs: a list is enough, and smaller in wasm than a map.
    let mut seen: Vec<(&str, Path)> = Vec::new();
    let mut list = Vec::with_capacity(items.len());
    for item in &items {
        let Some(fields) = report.object(item.value, &item.path) else {
            continue;
        };
        let page_path = report.required(&fields, "pagePath").and_then(|m| {
            let page = report.string(&m)?;
            if main_pages.is_some_and(|pages| !pages.contains(&page)) {
                report.push(
                    &m.path,
                    ConfigErrorKind::NotInPages {
                        value: owned(page),
                        list: Path::default().key("pages").text(),
                    },
                );
            } else if let Some((_, first)) = seen.iter().find(|(seen, _)| *seen == page) {
                report.push(
                    &m.path,
                    ConfigErrorKind::Duplicate {
                        value: owned(page),
                        first: first.text(),
                    },
                );
            } else {
                seen.push((page, m.path.clone()));
            }
            Some(page)
        });
        // Documented as required, but a tab of icons alone runs in WeChat (a real news
        // reader's tab bar has no text at all): an empty label.
        let text = report.optional(&fields, "text", |r, m| r.string(m));
        let icon = |report: &mut Report, key: &str| {
            report.optional(&fields, key, |r, m| r.string(m)).map(owned)
        };
        list.push(TabItem {
            page_path: page_path.map_or_else(String::new, owned),
            text: text.map_or_else(String::new, owned),
            icon_path: icon(report, "iconPath"),
            selected_icon_path: icon(report, "selectedIconPath"),
        });
    }
    Some(list)
}
