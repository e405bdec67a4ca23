//! What the lifecycle asks the glue to do, in order: load the app's code, call an App hook
//! (and the matching `wx.on…` listeners), create a page instance, call a page hook.

use super::launch::LaunchOptions;
use super::query::Query;

/// Identifies one page instance for as long as it lives (WeChat's webview id).
pub type PageId = u32;

/// An app-level event: the App option of the same name is called, then the `wx.on…`
/// listeners registered for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppEvent {
    /// `App.onLaunch` (no `wx` listener).
    Launch,
    /// `App.onShow` and `wx.onAppShow`.
    Show,
    /// `App.onHide` and `wx.onAppHide`.
    Hide,
    /// `App.onPageNotFound` and `wx.onPageNotFound`.
    PageNotFound,
    /// `wx.onMemoryWarning` (no App option).
    MemoryWarning,
}

impl AppEvent {
    /// The App option's name (`onLaunch`), also the name of the `wx` registration
    /// function without its `App` infix for show and hide.
    pub fn hook_name(self) -> &'static str {
        match self {
            Self::Launch => "onLaunch",
            Self::Show => "onShow",
            Self::Hide => "onHide",
            Self::PageNotFound => "onPageNotFound",
            Self::MemoryWarning => "onMemoryWarning",
        }
    }
}

/// A page lifecycle hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageHook {
    /// `onLoad(query)`, once per instance.
    Load,
    /// `onShow()`.
    Show,
    /// `onReady()`, once per instance, after its first render.
    Ready,
    /// `onHide()`.
    Hide,
    /// `onUnload()`; the instance is gone afterwards.
    Unload,
}

impl PageHook {
    /// The Page option's name.
    pub fn hook_name(self) -> &'static str {
        match self {
            Self::Load => "onLoad",
            Self::Show => "onShow",
            Self::Ready => "onReady",
            Self::Hide => "onHide",
            Self::Unload => "onUnload",
        }
    }
}

/// The argument an App event passes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppEventArg {
    /// Launch or show options.
    Options(LaunchOptions),
    /// `{}`: `App.onHide` gets nothing, `wx.onAppHide` listeners an empty object.
    Hide,
    /// `{path, query, isEntryPage}` for a page that does not exist.
    NotFound {
        /// The route asked for.
        path: String,
        /// Its query.
        query: Query,
        /// Whether it was the first page of this launch.
        is_entry_page: bool,
    },
    /// `{level}` of a memory warning.
    MemoryLevel(u8),
}

/// One thing for the glue to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A cold start: forget every module, App and page instance, and evaluate the app's
    /// code afresh: `app.js`, then the modules of `pages` in order. Storage is kept.
    LoadApp {
        /// The pages whose modules run at launch: every page, or none when app.json's
        /// `lazyCodeLoading` defers each to its first opening ([`Step::LoadPage`]).
        pages: Vec<String>,
    },
    /// Evaluate the module of page `route`, opened for the first time since the launch
    /// (app.json `"lazyCodeLoading": "requiredComponents"`).
    LoadPage {
        /// The page whose module runs.
        route: String,
    },
    /// The app was destroyed in the background: drop the App and every page instance.
    /// Nothing is called; the next show is a cold start.
    Destroy,
    /// Call the App option and the `wx` listeners of `event`.
    App(AppEvent, AppEventArg),
    /// Create the page instance `id` of `route` from its `Page()` options; `query` is its
    /// `options`.
    CreatePage {
        /// The new instance.
        id: PageId,
        /// Its route.
        route: String,
        /// Its query (`this.options`, and `onLoad`'s argument).
        query: Query,
    },
    /// Call `hook` on the page instance `id`.
    Page(PageId, PageHook),
    /// No page could be opened and no handler redirected: show the "page not found" view.
    ShowNotFound {
        /// The route that does not exist.
        path: String,
    },
}
