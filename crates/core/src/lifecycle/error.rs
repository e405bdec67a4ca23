//! Why a route API or a launch failed. The `Display` of a route error is the part of
//! WeChat's `errMsg` after `<api>:fail `.

/// Why `navigateTo`, `redirectTo`, `navigateBack`, `switchTab` or `reLaunch` failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RouteError {
    /// No page of `app.json` has this route.
    #[error("page \"{0}\" is not found")]
    PageNotFound(String),
    /// `navigateTo` past the ten pages WeChat keeps.
    #[error("webview count limit exceed")]
    StackFull,
    /// `navigateTo` or `redirectTo` aimed at a tab page.
    #[error("can not {0} a tabbar page")]
    TabPage(&'static str),
    /// `switchTab` aimed at a page the tab bar does not list.
    #[error("can not switch to no-tabBar page")]
    NotTabPage,
    /// `navigateBack` with a single page open.
    #[error("cannot navigate back at first page.")]
    AtFirstPage,
    /// A route API called before the app launched or after it was destroyed.
    #[error("app is not running")]
    NotRunning,
    /// The `url` option is missing or empty.
    #[error("parameter error: parameter.url should be String instead of {0};")]
    Url(String),
}

/// Why the launch options in the preview URL were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LaunchError {
    /// `scene` is not a positive integer.
    #[error("launch URL: scene should be a positive integer, got \"{0}\"")]
    Scene(String),
    /// `referrerExtraData` without `referrerAppId`.
    #[error("launch URL: referrerExtraData needs referrerAppId")]
    ExtraDataWithoutReferrer,
}
