//! The app's lifecycle state machine and its page stack. Every call returns the ordered
//! [`Step`]s the glue performs; ordering rules are WeChat's (see the tables in
//! `wx-api-spec.md` §3.5 and §3.6).

use super::error::RouteError;
use super::launch::{LaunchOptions, LaunchRequest};
use super::query::Query;
use super::step::{AppEvent, AppEventArg, PageHook, PageId, Step};
use super::url::PageUrl;

/// WeChat keeps at most ten pages in the stack.
pub const MAX_PAGES: usize = 10;

/// How long an app may stay in the background before it is destroyed, by default.
pub const DEFAULT_DESTROY_AFTER_MS: u64 = 5 * 60 * 1000;

/// The routes `app.json` declares, as the lifecycle needs them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RouteTable {
    /// Every page route.
    pub pages: Vec<String>,
    /// The routes the tab bar lists.
    pub tab_pages: Vec<String>,
    /// The page a launch without `path` opens.
    pub entry: String,
    /// app.json `"lazyCodeLoading": "requiredComponents"`: a page's module runs when the
    /// page first opens, not at launch.
    pub lazy_pages: bool,
}

impl RouteTable {
    fn has_page(&self, route: &str) -> bool {
        self.pages.iter().any(|page| page == route)
    }

    fn is_tab_page(&self, route: &str) -> bool {
        self.tab_pages.iter().any(|page| page == route)
    }
}

/// Where the app is in its life.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AppState {
    /// Not launched yet.
    Stopped,
    /// Running and visible.
    Foreground,
    /// Running, hidden since the given time (ms).
    Background {
        /// When it went to the background.
        since_ms: u64,
    },
    /// Destroyed after too long in the background; the next show is a cold start.
    Destroyed,
}

/// A page instance that is alive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenPage {
    /// Its id.
    pub id: PageId,
    /// Its route.
    pub route: String,
    /// Its query.
    pub query: Query,
}

/// One mini-program's lifecycle.
#[derive(Debug)]
pub struct Lifecycle {
    routes: RouteTable,
    request: LaunchRequest,
    destroy_after_ms: u64,
    state: AppState,
    launch: Option<LaunchOptions>,
    enter: Option<LaunchOptions>,
    stack: Vec<OpenPage>,
    /// Tab pages switched away from: alive and hidden, outside the stack.
    kept_tabs: Vec<OpenPage>,
    next_id: PageId,
    /// The entry route that did not exist, while `onPageNotFound` handlers may redirect.
    unresolved_entry: Option<String>,
    /// The pages whose modules ran since the last cold start.
    loaded_pages: Vec<String>,
}

impl Lifecycle {
    /// A lifecycle for the app whose routes are `routes`; every cold start opens what
    /// `request` asks for.
    pub fn new(routes: RouteTable, request: LaunchRequest) -> Self {
        Self {
            routes,
            request,
            destroy_after_ms: DEFAULT_DESTROY_AFTER_MS,
            state: AppState::Stopped,
            launch: None,
            enter: None,
            stack: Vec::new(),
            kept_tabs: Vec::new(),
            next_id: 1,
            unresolved_entry: None,
            loaded_pages: Vec::new(),
        }
    }

    /// Sets how long the app survives in the background.
    pub fn set_destroy_after_ms(&mut self, ms: u64) {
        self.destroy_after_ms = ms;
    }

    /// How long the app survives in the background.
    pub fn destroy_after_ms(&self) -> u64 {
        self.destroy_after_ms
    }

    /// The current state.
    pub fn state(&self) -> AppState {
        self.state
    }

    /// The page stack, bottom first (`getCurrentPages()`).
    pub fn pages(&self) -> &[OpenPage] {
        &self.stack
    }

    /// The page on top of the stack.
    pub fn current(&self) -> Option<&OpenPage> {
        self.stack.last()
    }

    /// Whether `id` is alive (in the stack or a hidden tab page).
    pub fn is_alive(&self, id: PageId) -> bool {
        self.stack
            .iter()
            .chain(&self.kept_tabs)
            .any(|page| page.id == id)
    }

    /// `wx.getLaunchOptionsSync()`: the options of the current cold start.
    pub fn launch_options(&self) -> Option<&LaunchOptions> {
        self.launch.as_ref()
    }

    /// `wx.getEnterOptionsSync()`: the launch options after a cold start, the latest show
    /// options after a hot start.
    pub fn enter_options(&self) -> Option<&LaunchOptions> {
        self.enter.as_ref().or(self.launch.as_ref())
    }

    /// Cold start: `LoadApp`, `App.onLaunch`, `App.onShow`, then the first page's
    /// `onLoad`, `onShow`, `onReady` (or `onPageNotFound`). Does nothing while running.
    pub fn launch(&mut self) -> Vec<Step> {
        if matches!(
            self.state,
            AppState::Foreground | AppState::Background { .. }
        ) {
            return Vec::new();
        }
        let path = self
            .request
            .path
            .clone()
            .unwrap_or_else(|| self.routes.entry.clone());
        let options = LaunchOptions {
            path: path.clone(),
            query: self.request.query.clone(),
            scene: self.request.scene,
            share_ticket: self.request.share_ticket.clone(),
            referrer: self.request.referrer.clone(),
        };
        self.launch = Some(options.clone());
        // The enter options are the launch options until a hot start.
        self.enter = None;
        self.state = AppState::Foreground;
        self.loaded_pages = if self.routes.lazy_pages {
            Vec::new()
        } else {
            self.routes.pages.clone()
        };
        let mut steps = vec![
            Step::LoadApp {
                pages: self.loaded_pages.clone(),
            },
            Step::App(AppEvent::Launch, AppEventArg::Options(options.clone())),
            Step::App(AppEvent::Show, AppEventArg::Options(options)),
        ];
        if self.routes.has_page(&path) {
            self.open(&mut steps, path, self.request.query.clone());
        } else {
            steps.push(Step::App(
                AppEvent::PageNotFound,
                AppEventArg::NotFound {
                    path: path.clone(),
                    query: self.request.query.clone(),
                    is_entry_page: true,
                },
            ));
            self.unresolved_entry = Some(path);
        }
        steps
    }

    /// After the `onPageNotFound` handlers ran (and any route they called synchronously):
    /// shows the "page not found" view when none of them opened a page.
    pub fn finish_page_not_found(&mut self) -> Vec<Step> {
        match self.unresolved_entry.take() {
            Some(path) if self.stack.is_empty() => vec![Step::ShowNotFound { path }],
            _ => Vec::new(),
        }
    }

    /// The app goes to the background at `now_ms`: the current page's `onHide`, then
    /// `App.onHide`.
    pub fn hide(&mut self, now_ms: u64) -> Vec<Step> {
        if self.state != AppState::Foreground {
            return Vec::new();
        }
        self.state = AppState::Background { since_ms: now_ms };
        let mut steps: Vec<Step> = self
            .current()
            .map(|page| Step::Page(page.id, PageHook::Hide))
            .into_iter()
            .collect();
        steps.push(Step::App(AppEvent::Hide, AppEventArg::Hide));
        steps
    }

    /// The app comes back at `now_ms`: a hot start (`App.onShow`, then the page's
    /// `onShow`), or a cold start when it was destroyed meanwhile.
    pub fn show(&mut self, now_ms: u64) -> Vec<Step> {
        let mut steps = self.tick(now_ms);
        match self.state {
            AppState::Destroyed => steps.extend(self.launch()),
            AppState::Background { .. } => {
                self.state = AppState::Foreground;
                let launch = self.launch.as_ref();
                let options = LaunchOptions {
                    path: self
                        .current()
                        .map(|page| page.route.clone())
                        .or_else(|| launch.map(|options| options.path.clone()))
                        .unwrap_or_default(),
                    query: self
                        .current()
                        .map(|page| page.query.clone())
                        .unwrap_or_default(),
                    scene: launch.map_or(super::launch::DEFAULT_SCENE, |options| options.scene),
                    share_ticket: None,
                    referrer: None,
                };
                self.enter = Some(options.clone());
                steps.push(Step::App(AppEvent::Show, AppEventArg::Options(options)));
                if let Some(page) = self.current() {
                    steps.push(Step::Page(page.id, PageHook::Show));
                }
            }
            AppState::Stopped | AppState::Foreground => {}
        }
        steps
    }

    /// Time has reached `now_ms`: destroys an app that has been in the background for
    /// the configured time. No hook runs for a destruction.
    pub fn tick(&mut self, now_ms: u64) -> Vec<Step> {
        match self.state {
            AppState::Background { since_ms }
                if now_ms.saturating_sub(since_ms) >= self.destroy_after_ms =>
            {
                self.state = AppState::Destroyed;
                self.stack.clear();
                self.kept_tabs.clear();
                self.launch = None;
                self.enter = None;
                self.unresolved_entry = None;
                vec![Step::Destroy]
            }
            _ => Vec::new(),
        }
    }

    /// `UpdateManager.applyUpdate()`: the running app is dropped without hooks and starts
    /// cold, on the launch page again.
    pub fn restart(&mut self) -> Vec<Step> {
        if !self.is_running() {
            return Vec::new();
        }
        self.state = AppState::Destroyed;
        self.stack.clear();
        self.kept_tabs.clear();
        self.unresolved_entry = None;
        let mut steps = vec![Step::Destroy];
        steps.extend(self.launch());
        steps
    }

    /// `wx.onMemoryWarning` listeners get `{level}`.
    pub fn memory_warning(&self, level: u8) -> Vec<Step> {
        if self.is_running() {
            vec![Step::App(
                AppEvent::MemoryWarning,
                AppEventArg::MemoryLevel(level),
            )]
        } else {
            Vec::new()
        }
    }

    /// `wx.navigateTo`: the current page's `onHide`, then the new page opens.
    ///
    /// # Errors
    ///
    /// A missing page, a tab page, or a full stack.
    pub fn navigate_to(&mut self, url: &str) -> Result<Vec<Step>, RouteError> {
        let target = self.target(url)?;
        if self.routes.is_tab_page(&target.route) {
            return Err(RouteError::TabPage("navigateTo"));
        }
        if self.stack.len() >= MAX_PAGES {
            return Err(RouteError::StackFull);
        }
        let mut steps: Vec<Step> = self
            .current()
            .map(|page| Step::Page(page.id, PageHook::Hide))
            .into_iter()
            .collect();
        self.open(&mut steps, target.route, target.query);
        Ok(steps)
    }

    /// `wx.redirectTo`: the current page unloads, the new one takes its place.
    ///
    /// # Errors
    ///
    /// A missing page or a tab page.
    pub fn redirect_to(&mut self, url: &str) -> Result<Vec<Step>, RouteError> {
        let target = self.target(url)?;
        if self.routes.is_tab_page(&target.route) {
            return Err(RouteError::TabPage("redirectTo"));
        }
        let mut steps = Vec::new();
        if let Some(page) = self.stack.pop() {
            steps.push(Step::Page(page.id, PageHook::Unload));
        }
        self.open(&mut steps, target.route, target.query);
        Ok(steps)
    }

    /// `wx.navigateBack({delta})`: pops `delta` pages (at least one, at most all but the
    /// bottom one), each unloading from the top, then the page uncovered shows.
    ///
    /// # Errors
    ///
    /// [`RouteError::AtFirstPage`] with a single page open.
    pub fn navigate_back(&mut self, delta: usize) -> Result<Vec<Step>, RouteError> {
        self.require_running()?;
        if self.stack.len() <= 1 {
            return Err(RouteError::AtFirstPage);
        }
        let keep = self.stack.len().saturating_sub(delta.max(1)).max(1);
        let mut steps = Vec::new();
        while self.stack.len() > keep {
            if let Some(page) = self.stack.pop() {
                steps.push(Step::Page(page.id, PageHook::Unload));
            }
        }
        if let Some(page) = self.current() {
            steps.push(Step::Page(page.id, PageHook::Show));
        }
        Ok(steps)
    }

    /// `wx.switchTab`: every page above the bottom tab page unloads (a bottom page that is
    /// not a tab page unloads too); the tab page switched away from stays alive, hidden;
    /// the target shows, loading first if it never opened. A query is ignored.
    ///
    /// # Errors
    ///
    /// A missing page or one the tab bar does not list.
    pub fn switch_tab(&mut self, url: &str) -> Result<Vec<Step>, RouteError> {
        let target = self.target(url)?;
        if !self.routes.is_tab_page(&target.route) {
            return Err(RouteError::NotTabPage);
        }
        if self.stack.len() == 1 && self.stack[0].route == target.route {
            return Ok(Vec::new());
        }
        let mut steps = Vec::new();
        let bottom_is_tab = self
            .stack
            .first()
            .is_some_and(|page| self.routes.is_tab_page(&page.route));
        let keep = usize::from(bottom_is_tab);
        if self.stack.len() == 1 && bottom_is_tab {
            steps.push(Step::Page(self.stack[0].id, PageHook::Hide));
        }
        while self.stack.len() > keep {
            if let Some(page) = self.stack.pop() {
                steps.push(Step::Page(page.id, PageHook::Unload));
            }
        }
        if let Some(bottom) = self.stack.pop() {
            if bottom.route == target.route {
                steps.push(Step::Page(bottom.id, PageHook::Show));
                self.stack.push(bottom);
                return Ok(steps);
            }
            self.kept_tabs.push(bottom);
        }
        match self
            .kept_tabs
            .iter()
            .position(|page| page.route == target.route)
        {
            Some(index) => {
                let page = self.kept_tabs.remove(index);
                steps.push(Step::Page(page.id, PageHook::Show));
                self.stack.push(page);
            }
            None => self.open(&mut steps, target.route, Query::new()),
        }
        Ok(steps)
    }

    /// `wx.reLaunch`: every open page unloads (the stack from the top, then hidden tab
    /// pages), then the target opens; any page, with its query.
    ///
    /// # Errors
    ///
    /// A missing page.
    pub fn re_launch(&mut self, url: &str) -> Result<Vec<Step>, RouteError> {
        let target = self.target(url)?;
        let mut steps = Vec::new();
        while let Some(page) = self.stack.pop() {
            steps.push(Step::Page(page.id, PageHook::Unload));
        }
        for page in self.kept_tabs.drain(..) {
            steps.push(Step::Page(page.id, PageHook::Unload));
        }
        self.open(&mut steps, target.route, target.query);
        Ok(steps)
    }

    fn is_running(&self) -> bool {
        matches!(
            self.state,
            AppState::Foreground | AppState::Background { .. }
        )
    }

    fn require_running(&self) -> Result<(), RouteError> {
        if self.is_running() {
            Ok(())
        } else {
            Err(RouteError::NotRunning)
        }
    }

    /// Resolves a route API's `url` against the current page and checks the page exists.
    fn target(&self, url: &str) -> Result<PageUrl, RouteError> {
        self.require_running()?;
        let target = PageUrl::resolve(url, self.current().map(|page| page.route.as_str()));
        if target.route.is_empty() {
            return Err(RouteError::Url("empty String".to_owned()));
        }
        if !self.routes.has_page(&target.route) {
            return Err(RouteError::PageNotFound(target.route));
        }
        Ok(target)
    }

    /// Pushes a new instance of `route`: create, `onLoad`, `onShow`, `onReady`.
    fn open(&mut self, steps: &mut Vec<Step>, route: String, query: Query) {
        let id = self.next_id;
        self.next_id += 1;
        if !self.loaded_pages.contains(&route) {
            self.loaded_pages.push(route.clone());
            steps.push(Step::LoadPage {
                route: route.clone(),
            });
        }
        steps.push(Step::CreatePage {
            id,
            route: route.clone(),
            query: query.clone(),
        });
        steps.push(Step::Page(id, PageHook::Load));
        steps.push(Step::Page(id, PageHook::Show));
        steps.push(Step::Page(id, PageHook::Ready));
        self.stack.push(OpenPage { id, route, query });
    }
}
