//! Which `wx` APIs this build implements, for `wx.canIUse`. An API that is not listed is
//! absent from `wx` altogether, never a silent no-op.

/// The implemented `wx` methods, by WeChat name.
pub const IMPLEMENTED: &[&str] = &[
    "setStorage",
    "setStorageSync",
    "getStorage",
    "getStorageSync",
    "removeStorage",
    "removeStorageSync",
    "clearStorage",
    "clearStorageSync",
    "getStorageInfo",
    "getStorageInfoSync",
    "batchSetStorage",
    "batchSetStorageSync",
    "batchGetStorage",
    "batchGetStorageSync",
    "canIUse",
    "navigateTo",
    "redirectTo",
    "navigateBack",
    "switchTab",
    "reLaunch",
    "getLaunchOptionsSync",
    "getEnterOptionsSync",
    "onAppShow",
    "offAppShow",
    "onAppHide",
    "offAppHide",
    "onError",
    "offError",
    "onUnhandledRejection",
    "offUnhandledRejection",
    "onPageNotFound",
    "offPageNotFound",
    "onMemoryWarning",
    "offMemoryWarning",
    "onWindowResize",
    "offWindowResize",
    "getUpdateManager",
    "login",
    "checkSession",
    "request",
    "showModal",
    "showToast",
    "hideToast",
    "showLoading",
    "hideLoading",
    "uploadFile",
    "chooseImage",
    "chooseMedia",
    "setBackgroundFetchToken",
    "getBackgroundFetchToken",
    "getBackgroundFetchData",
    "onBackgroundFetchData",
    "getSystemInfoSync",
    "getSystemInfo",
    "getSystemInfoAsync",
    "getWindowInfo",
    "getDeviceInfo",
    "getAppBaseInfo",
    "getSetting",
    "getUserInfo",
    "getUserProfile",
    "nextTick",
    "setNavigationBarTitle",
    "setNavigationBarColor",
    "pageScrollTo",
    "startPullDownRefresh",
    "stopPullDownRefresh",
    "createSelectorQuery",
    "createIntersectionObserver",
    "createAnimation",
    "getMenuButtonBoundingClientRect",
    "createCanvasContext",
    // The families loaded on first use (crate::apis), one section each.
    // family: scope
    "authorize",
    "openSetting",
    // family: files
    // family: location
    // family: frame
    // family: device
    // family: socket
    // family: media
    // family: open
];

/// `wx.canIUse(schema)`: `true` when the API named by the first segment of `schema`
/// (`getStorage`, `getStorage.success.data`, `wx.getStorage`) is implemented.
pub fn can_i_use(schema: &str) -> bool {
    let schema = schema.strip_prefix("wx.").unwrap_or(schema);
    let api = schema.split('.').next().unwrap_or_default();
    IMPLEMENTED.contains(&api)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_what_is_implemented() {
        assert!(can_i_use("getStorageSync"));
        assert!(can_i_use("wx.setStorage"));
        assert!(can_i_use("getStorage.success.data"));
        assert!(can_i_use("login"));
        assert!(can_i_use("getUserProfile"));
        assert!(!can_i_use("downloadFile"));
        assert!(!can_i_use(""));
    }
}
