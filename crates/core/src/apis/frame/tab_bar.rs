//! The built-in tab bar as the tab bar APIs change it: app.json's `tabBar` at launch, then
//! badges, red dots, items, style and visibility, kept for the whole app (WeChat's tab bar
//! is one for every tab page, not one per page).

use super::FrameError;

/// A badge longer than this many characters shows as `...` (WeChat's doc: "超过 4 个字符则
/// 显示成 ...").
pub const BADGE_MAX_CHARS: usize = 4;

/// One tab.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TabItem {
    /// The page the tab opens (app.json's, unchanged by the APIs).
    pub page_path: String,
    /// The label.
    pub text: String,
    /// The icon when not selected.
    pub icon_path: String,
    /// The icon when selected.
    pub selected_icon_path: String,
    /// The badge text as shown, when there is one.
    pub badge: Option<String>,
    /// Whether the red dot shows.
    pub red_dot: bool,
}

/// The tab bar's colours and border.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TabBarStyle {
    /// Label colour.
    pub color: String,
    /// Label colour of the selected tab.
    pub selected_color: String,
    /// Background colour.
    pub background_color: String,
    /// `black` or `white`.
    pub border_style: String,
}

/// `setTabBarStyle`'s options, each absent when not given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StyleChange {
    /// `color`.
    pub color: Option<String>,
    /// `selectedColor`.
    pub selected_color: Option<String>,
    /// `backgroundColor`.
    pub background_color: Option<String>,
    /// `borderStyle`.
    pub border_style: Option<String>,
}

/// The tab bar's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TabBar {
    /// The tabs, in app.json's order.
    pub items: Vec<TabItem>,
    /// The colours.
    pub style: TabBarStyle,
    /// Hidden by `hideTabBar`.
    pub hidden: bool,
}

/// The badge as WeChat shows `text`.
pub fn badge_text(text: &str) -> String {
    if text.chars().count() > BADGE_MAX_CHARS {
        "...".to_owned()
    } else {
        text.to_owned()
    }
}

fn hex_color(value: &str) -> Result<String, FrameError> {
    let digits = value.strip_prefix('#').unwrap_or("");
    let ok = matches!(digits.len(), 3 | 6) && digits.chars().all(|c| c.is_ascii_hexdigit());
    if ok {
        Ok(value.to_owned())
    } else {
        Err(FrameError::InvalidColor(value.to_owned()))
    }
}

impl TabBar {
    /// The tab bar app.json describes.
    pub fn new(items: Vec<TabItem>, style: TabBarStyle) -> Self {
        Self {
            items,
            style,
            hidden: false,
        }
    }

    /// Every tab bar API first checks the page on top (`route`) is a tab page.
    ///
    /// # Errors
    ///
    /// [`FrameError::NotTabBarPage`].
    pub fn require_tab_page(&self, route: Option<&str>) -> Result<(), FrameError> {
        let route = route.map(|r| r.trim_start_matches('/'));
        match route {
            Some(r) if self.items.iter().any(|i| i.page_path == r) => Ok(()),
            _ => Err(FrameError::NotTabBarPage),
        }
    }

    fn item(&mut self, index: f64) -> Result<&mut TabItem, FrameError> {
        if index.fract() != 0.0 || index < 0.0 {
            return Err(FrameError::ItemNotFound);
        }
        // Checked above: a non-negative whole number; out of range is not found.
        self.items
            .get_mut(index as usize)
            .ok_or(FrameError::ItemNotFound)
    }

    /// `setTabBarBadge`: the badge replaces the red dot (they share the corner).
    ///
    /// # Errors
    ///
    /// [`FrameError::ItemNotFound`].
    pub fn set_badge(&mut self, index: f64, text: &str) -> Result<(), FrameError> {
        let item = self.item(index)?;
        item.badge = Some(badge_text(text));
        item.red_dot = false;
        Ok(())
    }

    /// `removeTabBarBadge`.
    ///
    /// # Errors
    ///
    /// [`FrameError::ItemNotFound`].
    pub fn remove_badge(&mut self, index: f64) -> Result<(), FrameError> {
        self.item(index)?.badge = None;
        Ok(())
    }

    /// `showTabBarRedDot` (replacing a badge) and `hideTabBarRedDot`.
    ///
    /// # Errors
    ///
    /// [`FrameError::ItemNotFound`].
    pub fn set_red_dot(&mut self, index: f64, shown: bool) -> Result<(), FrameError> {
        let item = self.item(index)?;
        item.red_dot = shown;
        if shown {
            item.badge = None;
        }
        Ok(())
    }

    /// `setTabBarItem`: what is given replaces the item's own.
    ///
    /// # Errors
    ///
    /// [`FrameError::ItemNotFound`].
    pub fn set_item(
        &mut self,
        index: f64,
        text: Option<&str>,
        icon_path: Option<&str>,
        selected_icon_path: Option<&str>,
    ) -> Result<(), FrameError> {
        let item = self.item(index)?;
        if let Some(text) = text {
            text.clone_into(&mut item.text);
        }
        if let Some(path) = icon_path {
            path.clone_into(&mut item.icon_path);
        }
        if let Some(path) = selected_icon_path {
            path.clone_into(&mut item.selected_icon_path);
        }
        Ok(())
    }

    /// `setTabBarStyle`: every value is checked before any changes.
    ///
    /// # Errors
    ///
    /// [`FrameError::InvalidColor`], [`FrameError::InvalidBorderStyle`].
    pub fn set_style(&mut self, change: &StyleChange) -> Result<(), FrameError> {
        let color = change.color.as_deref().map(hex_color).transpose()?;
        let selected = change
            .selected_color
            .as_deref()
            .map(hex_color)
            .transpose()?;
        let background = change
            .background_color
            .as_deref()
            .map(hex_color)
            .transpose()?;
        let border = match change.border_style.as_deref() {
            None => None,
            Some(b @ ("black" | "white")) => Some(b.to_owned()),
            Some(other) => return Err(FrameError::InvalidBorderStyle(other.to_owned())),
        };
        let style = &mut self.style;
        for (slot, value) in [
            (&mut style.color, color),
            (&mut style.selected_color, selected),
            (&mut style.background_color, background),
            (&mut style.border_style, border),
        ] {
            if let Some(value) = value {
                *slot = value;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar() -> TabBar {
        let tab = |path: &str| TabItem {
            page_path: path.to_owned(),
            text: path.to_owned(),
            ..TabItem::default()
        };
        TabBar::new(
            vec![tab("pages/a/a"), tab("pages/b/b")],
            TabBarStyle::default(),
        )
    }

    #[test]
    fn only_tab_pages_may_change_the_tab_bar() {
        let bar = bar();
        assert_eq!(bar.require_tab_page(Some("pages/a/a")), Ok(()));
        assert_eq!(bar.require_tab_page(Some("/pages/b/b")), Ok(()));
        let err = bar.require_tab_page(Some("pages/c/c")).unwrap_err();
        assert_eq!(err.to_string(), "not TabBar page");
        assert_eq!(
            TabBar::default().require_tab_page(Some("pages/a/a")),
            Err(FrameError::NotTabBarPage)
        );
    }

    #[test]
    fn badges_longer_than_four_characters_show_dots_and_replace_red_dots() {
        let mut bar = bar();
        bar.set_red_dot(0.0, true).unwrap();
        bar.set_badge(0.0, "12345").unwrap();
        assert_eq!(bar.items[0].badge.as_deref(), Some("..."));
        assert!(!bar.items[0].red_dot);
        bar.set_badge(0.0, "新品").unwrap();
        assert_eq!(bar.items[0].badge.as_deref(), Some("新品"));
        bar.set_red_dot(0.0, true).unwrap();
        assert_eq!(bar.items[0].badge, None);
        bar.remove_badge(1.0).unwrap();
    }

    #[test]
    fn an_index_outside_the_list_is_not_found() {
        let mut bar = bar();
        for index in [2.0, -1.0, 0.5] {
            assert_eq!(bar.set_badge(index, "1"), Err(FrameError::ItemNotFound));
        }
        assert_eq!(
            bar.set_item(5.0, Some("x"), None, None)
                .unwrap_err()
                .to_string(),
            "tabbar item not found"
        );
    }

    #[test]
    fn items_change_only_what_is_given() {
        let mut bar = bar();
        bar.set_item(1.0, None, Some("/i.png"), Some("/s.png"))
            .unwrap();
        assert_eq!(bar.items[1].text, "pages/b/b");
        assert_eq!(bar.items[1].icon_path, "/i.png");
        assert_eq!(bar.items[1].selected_icon_path, "/s.png");
    }

    #[test]
    fn style_colours_are_hex_and_a_bad_one_changes_nothing() {
        let mut bar = bar();
        let good = StyleChange {
            color: Some("#abc".into()),
            border_style: Some("white".into()),
            ..StyleChange::default()
        };
        bar.set_style(&good).unwrap();
        assert_eq!(bar.style.color, "#abc");
        assert_eq!(bar.style.border_style, "white");
        let bad = StyleChange {
            selected_color: Some("#00ff00".into()),
            background_color: Some("red".into()),
            ..StyleChange::default()
        };
        assert_eq!(
            bar.set_style(&bad).unwrap_err().to_string(),
            "invalid color \"red\""
        );
        assert_eq!(bar.style.selected_color, "");
        let border = StyleChange {
            border_style: Some("grey".into()),
            ..StyleChange::default()
        };
        assert_eq!(
            bar.set_style(&border),
            Err(FrameError::InvalidBorderStyle("grey".into()))
        );
    }
}
