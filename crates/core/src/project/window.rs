//! How a page's window looks: navigation bar, background, pull-down refresh. `app.json`'s
//! `window` sets the defaults and each page's `.json` may override any of them.

use super::check::{keyword, owned, Fields, Report};

keyword! {
    /// `navigationBarTextStyle`: the colour of the navigation bar's title and capsule.
    NavigationBarTextStyle {
        /// `"black"`
        Black = "black",
        /// `"white"`, WeChat's default.
        #[default]
        White = "white",
    }
}

keyword! {
    /// `navigationStyle`: whether WeChat draws the navigation bar.
    NavigationStyle {
        /// `"default"`: WeChat's navigation bar.
        #[default]
        Default = "default",
        /// `"custom"`: none; the page draws its own and keeps only the capsule button.
        Custom = "custom",
    }
}

keyword! {
    /// `backgroundTextStyle`: the colour of the pull-down refresh dots.
    BackgroundTextStyle {
        /// `"dark"`, WeChat's default.
        #[default]
        Dark = "dark",
        /// `"light"`
        Light = "light",
    }
}

/// A page's effective window settings.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowConfig {
    /// `navigationBarBackgroundColor`, default `"#000000"`.
    pub navigation_bar_background_color: String,
    /// `navigationBarTextStyle`, default white.
    pub navigation_bar_text_style: NavigationBarTextStyle,
    /// `navigationBarTitleText`, default empty.
    pub navigation_bar_title_text: String,
    /// `navigationStyle`, default WeChat's bar.
    pub navigation_style: NavigationStyle,
    /// `backgroundColor`: what shows behind the page when pulled, default `"#ffffff"`.
    pub background_color: String,
    /// `backgroundTextStyle`, default dark.
    pub background_text_style: BackgroundTextStyle,
    /// `enablePullDownRefresh`, default `false`.
    pub enable_pull_down_refresh: bool,
    /// `onReachBottomDistance`: px from the bottom that fires `onReachBottom`, default 50.
    pub on_reach_bottom_distance: f64,
}

impl Default for WindowConfig {
    fn default() -> Self {
        Self {
            navigation_bar_background_color: "#000000".into(),
            navigation_bar_text_style: NavigationBarTextStyle::default(),
            navigation_bar_title_text: String::new(),
            navigation_style: NavigationStyle::default(),
            background_color: "#ffffff".into(),
            background_text_style: BackgroundTextStyle::default(),
            enable_pull_down_refresh: false,
            on_reach_bottom_distance: 50.0,
        }
    }
}

impl WindowConfig {
    /// These settings with `overrides` applied over them.
    pub fn with(&self, overrides: &WindowOverrides) -> WindowConfig {
        let o = overrides;
        WindowConfig {
            navigation_bar_background_color: o
                .navigation_bar_background_color
                .clone()
                .unwrap_or_else(|| self.navigation_bar_background_color.clone()),
            navigation_bar_text_style: o
                .navigation_bar_text_style
                .unwrap_or(self.navigation_bar_text_style),
            navigation_bar_title_text: o
                .navigation_bar_title_text
                .clone()
                .unwrap_or_else(|| self.navigation_bar_title_text.clone()),
            navigation_style: o.navigation_style.unwrap_or(self.navigation_style),
            background_color: o
                .background_color
                .clone()
                .unwrap_or_else(|| self.background_color.clone()),
            background_text_style: o
                .background_text_style
                .unwrap_or(self.background_text_style),
            enable_pull_down_refresh: o
                .enable_pull_down_refresh
                .unwrap_or(self.enable_pull_down_refresh),
            on_reach_bottom_distance: o
                .on_reach_bottom_distance
                .unwrap_or(self.on_reach_bottom_distance),
        }
    }
}

/// The window settings one file sets; `None` where it leaves the value to the level
/// below (a page to `app.json`, `app.json` to WeChat's defaults).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WindowOverrides {
    /// `navigationBarBackgroundColor`
    pub navigation_bar_background_color: Option<String>,
    /// `navigationBarTextStyle`
    pub navigation_bar_text_style: Option<NavigationBarTextStyle>,
    /// `navigationBarTitleText`
    pub navigation_bar_title_text: Option<String>,
    /// `navigationStyle`
    pub navigation_style: Option<NavigationStyle>,
    /// `backgroundColor`
    pub background_color: Option<String>,
    /// `backgroundTextStyle`
    pub background_text_style: Option<BackgroundTextStyle>,
    /// `enablePullDownRefresh`
    pub enable_pull_down_refresh: Option<bool>,
    /// `onReachBottomDistance`
    pub on_reach_bottom_distance: Option<f64>,
}

/// The window keys of `fields`; other keys are left alone, since real projects carry
/// many more (`backgroundColorTop`, `pageOrientation`, …).
pub(crate) fn read_overrides(report: &mut Report, fields: &Fields<'_>) -> WindowOverrides {
    let text = |report: &mut Report, key: &str| {
        report.optional(fields, key, |r, m| r.string(m)).map(owned)
    };
    WindowOverrides {
        navigation_bar_background_color: text(report, "navigationBarBackgroundColor"),
        navigation_bar_text_style: report
            .optional(fields, "navigationBarTextStyle", |r, m| r.keyword(m)),
        navigation_bar_title_text: text(report, "navigationBarTitleText"),
        navigation_style: report.optional(fields, "navigationStyle", |r, m| r.keyword(m)),
        background_color: text(report, "backgroundColor"),
        background_text_style: report.optional(fields, "backgroundTextStyle", |r, m| r.keyword(m)),
        enable_pull_down_refresh: report
            .optional(fields, "enablePullDownRefresh", |r, m| r.boolean(m)),
        on_reach_bottom_distance: report
            .optional(fields, "onReachBottomDistance", |r, m| r.number(m)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_wechats() {
        let window = WindowConfig::default();
        assert_eq!(window.navigation_bar_background_color, "#000000");
        assert_eq!(window.navigation_bar_text_style.as_str(), "white");
        assert_eq!(window.navigation_bar_title_text, "");
        assert_eq!(window.navigation_style.as_str(), "default");
        assert_eq!(window.background_color, "#ffffff");
        assert_eq!(window.background_text_style.as_str(), "dark");
        assert!(!window.enable_pull_down_refresh);
        assert_eq!(window.on_reach_bottom_distance, 50.0);
    }

    #[test]
    fn overrides_replace_only_what_they_set() {
        let base = WindowConfig {
            navigation_bar_title_text: "App".into(),
            background_color: "#eeeeee".into(),
            ..WindowConfig::default()
        };
        let page = WindowOverrides {
            navigation_bar_title_text: Some("Logs".into()),
            enable_pull_down_refresh: Some(true),
            navigation_bar_text_style: Some(NavigationBarTextStyle::Black),
            ..WindowOverrides::default()
        };
        let window = base.with(&page);
        assert_eq!(window.navigation_bar_title_text, "Logs");
        assert_eq!(window.background_color, "#eeeeee");
        assert!(window.enable_pull_down_refresh);
        assert_eq!(
            window.navigation_bar_text_style,
            NavigationBarTextStyle::Black
        );
        assert_eq!(base.with(&WindowOverrides::default()), base);
    }
}
