//! The rules of WeChat DevTools' automation protocol, as `miniprogram-automator`
//! 0.12.1 speaks it, for the side wxrt's native process answers (`wxrt auto`).
//!
//! A client sends `{id, method, params}` text frames. Who answers depends on the
//! method ([`route`]): the `Tool.*` domain belongs to the IDE, so the native process
//! answers it without the page ([`Route::Tool`]); `App.captureScreenshot` needs the
//! browser's own screenshot ([`Route::Screenshot`]); everything else (`Tool.native`,
//! `App.*`, `Page.*`, `Element.*`) is the runtime's, so it goes to the page
//! ([`Route::Page`]) with the context [`page_context`] gives.
//!
//! ```
//! use wxrt_core::automator::{route, Route, ToolReply};
//!
//! let Route::Tool(ToolReply::Result(info)) = route("Tool.getInfo") else { panic!() };
//! assert!(info.starts_with(r#"{"SDKVersion":"3.4.0","#));
//! assert_eq!(route("Page.getData"), Route::Page);
//! assert_eq!(route("App.captureScreenshot"), Route::Screenshot);
//! ```
//!
//! Results are given as JSON object text, so this crate needs no JSON library; the
//! shapes are the ones the client destructures (automator-protocol.md §3.1).

/// The base library version wxrt emulates: what `wx.getSystemInfoSync().SDKVersion`
/// says in the page (`SDK_VERSION` in www/environment.js) and what `Tool.getInfo`
/// reports. The client refuses anything below 2.7.3.
pub const SDK_VERSION: &str = "3.4.0";

/// The version `Tool.getInfo` reports in place of DevTools' own.
pub const TOOL_VERSION: &str = concat!("wxrt ", env!("CARGO_PKG_VERSION"));

/// Why a request fails with an error answer (`{id, error: {message}}`). The `Display`
/// is the message the client turns into its `Error`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AutomatorError {
    /// A `Tool.*` method DevTools has and wxrt does not, or one nobody has.
    #[error("{0} unimplemented")]
    Unimplemented(String),
    /// `Tool.enableRemoteDebug`: failing it makes the client's `remote()` reject instead
    /// of waiting forever for `Tool.onRemoteDebugConnected`.
    #[error("remote debug is not supported: wxrt has no phone to debug on")]
    RemoteDebug,
    /// `App.captureScreenshot` could not be taken (DevTools' own text).
    #[error("fail to capture screenshot")]
    Screenshot,
    /// The page running the app crashed or was closed.
    #[error("the page running the mini-program crashed")]
    PageCrashed,
    /// The preview page could not be opened.
    #[error("the page running the mini-program could not be opened: {0}")]
    Navigation(String),
    /// The browser itself is gone.
    #[error("the browser running the mini-program exited")]
    BrowserExited,
    /// The page's answer was not what the page contract promises.
    #[error("the page gave no answer to {method}: {reason}")]
    BadPageAnswer {
        /// The request's method.
        method: String,
        /// What was wrong with the answer.
        reason: String,
    },
}

/// How the native process answers a `Tool.*` method by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToolReply {
    /// Answer with this result, a JSON object's text.
    Result(String),
    /// Answer with this error.
    Error(AutomatorError),
    /// `Tool.close`: answer `{}`, then end the session (and, when a DevTools-style
    /// launch started the process, the process).
    Close,
}

/// Which side answers a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The native process, at once, even before the page exists.
    Tool(ToolReply),
    /// The native process takes a screenshot of the page's phone screen over the
    /// Chrome DevTools Protocol and answers `{data: <base64 PNG>}`.
    Screenshot,
    /// The page answers (it queues requests until the app has launched, and answers
    /// unknown `App.*`/`Page.*`/`Element.*` methods itself).
    Page,
}

/// Who answers `method`. Unknown `Tool.*` methods fail with `Tool.<m> unimplemented`;
/// unknown methods of the other domains go to the page, which answers them as DevTools'
/// app-service does.
#[must_use]
pub fn route(method: &str) -> Route {
    let reply = |json: &str| Route::Tool(ToolReply::Result(json.to_owned()));
    match method {
        "Tool.getInfo" => Route::Tool(ToolReply::Result(format!(
            r#"{{"SDKVersion":"{SDK_VERSION}","version":"{TOOL_VERSION}"}}"#
        ))),
        "Tool.close" => Route::Tool(ToolReply::Close),
        "Tool.enableRemoteDebug" => Route::Tool(ToolReply::Error(AutomatorError::RemoteDebug)),
        "Tool.getTestAccounts" => reply(r#"{"accounts":[]}"#),
        // `data` must be a JSON string: the client JSON.parses it.
        "Tool.stopAudits" => reply(r#"{"report":"","data":"{}"}"#),
        "Tool.getTicket" => reply(r#"{"ticket":"","expiredTime":0}"#),
        "Tool.setTicket" | "Tool.refreshTicket" => reply("{}"),
        // wxrt draws the host's dialogs in the page, so the page drives them.
        "Tool.native" => Route::Page,
        "App.captureScreenshot" => Route::Screenshot,
        tool if tool.starts_with("Tool.") => Route::Tool(ToolReply::Error(
            AutomatorError::Unimplemented(tool.to_owned()),
        )),
        _ => Route::Page,
    }
}

/// The `context` argument the page's `automator.request(method, params, context)`
/// gets, as JSON text: `{"sync": …}` for `App.callWxMethod` and `App.mockWxMethod`
/// (DevTools' sync/async split of the wx method `params.method`, see [`is_sync`]),
/// `{}` for every other method. A missing `params.method` counts as async; the page
/// reports it.
#[must_use]
pub fn page_context(method: &str, wx_method: Option<&str>) -> &'static str {
    match method {
        "App.callWxMethod" | "App.mockWxMethod" => {
            if wx_method.is_some_and(is_sync) {
                r#"{"sync":true}"#
            } else {
                r#"{"sync":false}"#
            }
        }
        _ => "{}",
    }
}

/// The wx methods DevTools calls without callbacks although their names do not end in
/// `Sync` (WAAutoService.js of base library 2.30.3, automator-protocol.md §3.2).
const SYNC_METHODS: [&str; 32] = [
    "stopRecord",
    "getRecorderManager",
    "pauseVoice",
    "stopVoice",
    "pauseBackgroundAudio",
    "stopBackgroundAudio",
    "getBackgroundAudioManager",
    "createAudioContext",
    "createInnerAudioContext",
    "createVideoContext",
    "createCameraContext",
    "createMapContext",
    "canIUse",
    "startAccelerometer",
    "stopAccelerometer",
    "startCompass",
    "stopCompass",
    "hideToast",
    "hideLoading",
    "showNavigationBarLoading",
    "hideNavigationBarLoading",
    "navigateBack",
    "createAnimation",
    "pageScrollTo",
    "createSelectorQuery",
    "createCanvasContext",
    "createContext",
    "drawCanvas",
    "hideKeyboard",
    "stopPullDownRefresh",
    "arrayBufferToBase64",
    "base64ToArrayBuffer",
];

/// DevTools' rule for whether `App.callWxMethod` calls wx method `name` directly and
/// answers with its return value (true), or passes `success`/`fail` callbacks and
/// answers when one fires (false): the name ends in `Sync` or is in DevTools' list.
/// So `navigateBack` and `pageScrollTo` answer at once, `navigateTo` on success.
#[must_use]
pub fn is_sync(name: &str) -> bool {
    name.ends_with("Sync") || SYNC_METHODS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(method: &str) -> String {
        match route(method) {
            Route::Tool(ToolReply::Result(json)) => json,
            other => panic!("{method} routes to {other:?}"),
        }
    }

    #[test]
    fn tool_methods_are_answered_natively_with_devtools_shapes() {
        assert_eq!(
            result("Tool.getInfo"),
            format!(
                r#"{{"SDKVersion":"3.4.0","version":"wxrt {}"}}"#,
                env!("CARGO_PKG_VERSION")
            )
        );
        assert_eq!(result("Tool.getTestAccounts"), r#"{"accounts":[]}"#);
        assert_eq!(result("Tool.stopAudits"), r#"{"report":"","data":"{}"}"#);
        assert_eq!(result("Tool.getTicket"), r#"{"ticket":"","expiredTime":0}"#);
        assert_eq!(result("Tool.setTicket"), "{}");
        assert_eq!(result("Tool.refreshTicket"), "{}");
        assert_eq!(route("Tool.close"), Route::Tool(ToolReply::Close));
    }

    #[test]
    fn tool_failures_carry_their_messages() {
        let Route::Tool(ToolReply::Error(remote)) = route("Tool.enableRemoteDebug") else {
            panic!("enableRemoteDebug should fail");
        };
        assert_eq!(
            remote.to_string(),
            "remote debug is not supported: wxrt has no phone to debug on"
        );
        let Route::Tool(ToolReply::Error(unknown)) = route("Tool.frobnicate") else {
            panic!("an unknown Tool method should fail");
        };
        assert_eq!(unknown.to_string(), "Tool.frobnicate unimplemented");
        assert_eq!(
            AutomatorError::Screenshot.to_string(),
            "fail to capture screenshot"
        );
    }

    #[test]
    fn the_runtimes_methods_go_to_the_page() {
        for method in [
            "Tool.native",
            "App.callWxMethod",
            "App.getCurrentPage",
            "App.exit",
            "App.somethingNew",
            "Page.getElement",
            "Element.tap",
            "Unknown.domain",
        ] {
            assert_eq!(route(method), Route::Page, "{method}");
        }
        assert_eq!(route("App.captureScreenshot"), Route::Screenshot);
    }

    #[test]
    fn sync_follows_devtools_list_and_suffix() {
        for name in [
            "getStorageSync",
            "getSystemInfoSync",
            "navigateBack",
            "pageScrollTo",
            "canIUse",
            "hideToast",
            "createSelectorQuery",
            "base64ToArrayBuffer",
        ] {
            assert!(is_sync(name), "{name}");
        }
        for name in [
            "navigateTo",
            "redirectTo",
            "reLaunch",
            "switchTab",
            "getStorage",
            "showModal",
            "request",
            "Sync ",
            "",
        ] {
            assert!(!is_sync(name), "{name}");
        }
    }

    #[test]
    fn only_wx_method_calls_get_a_sync_context() {
        assert_eq!(
            page_context("App.callWxMethod", Some("getStorageSync")),
            r#"{"sync":true}"#
        );
        assert_eq!(
            page_context("App.mockWxMethod", Some("showModal")),
            r#"{"sync":false}"#
        );
        assert_eq!(page_context("App.callWxMethod", None), r#"{"sync":false}"#);
        assert_eq!(
            page_context("App.callFunction", Some("getStorageSync")),
            "{}"
        );
        assert_eq!(page_context("Page.callMethod", Some("navigateBack")), "{}");
    }

    #[test]
    fn the_sdk_version_is_the_one_the_page_reports() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/environment.js");
        let environment = std::fs::read_to_string(path).expect("read www/environment.js");
        let declared = format!("const SDK_VERSION = '{SDK_VERSION}';");
        assert!(
            environment.contains(&declared),
            "www/environment.js should declare {declared}"
        );
    }
}
