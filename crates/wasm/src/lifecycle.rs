//! The App/Page lifecycle for JavaScript: each method calls core's state machine and
//! returns the steps it decided, as plain objects, for the shim to perform in order:
//!
//! - `{type: 'load'}`: evaluate the app's code afresh (a cold start);
//! - `{type: 'destroy'}`: drop the App and every page (destroyed in the background);
//! - `{type: 'app', hook: 'onShow', arg}`: the App option, then the `wx.on…` listeners;
//! - `{type: 'create', id, route, query}`: a new page instance;
//! - `{type: 'page', id, hook: 'onLoad'}`: a page hook;
//! - `{type: 'not-found', path}`: no page to show.
//!
//! No JavaScript is called from here, so hooks may call back into the runtime freely.

use js_sys::{Array, Object, JSON};
use wasm_bindgen::prelude::*;
use wxrt_core::errmsg::Failure;
use wxrt_core::lifecycle::update::{self, UpdatePlan};
use wxrt_core::lifecycle::{
    AppEventArg, AppState, LaunchOptions, LaunchRequest, Lifecycle, Query, RouteError, Step,
};
use wxrt_core::project::{
    app_window, LaunchConfig, NetworkTimeout, PageConfig, ResolveAlias, WindowConfig,
};

use crate::config::config_value;
use crate::convert::js_type;
use crate::error::js_failure;
use crate::options::set;

/// One mini-program's lifecycle, created from its parsed `app.json`.
#[wasm_bindgen]
pub struct AppLifecycle {
    core: Lifecycle,
    routes: Vec<String>,
    network_timeout: NetworkTimeout,
    resolve_alias: ResolveAlias,
    /// app.json's `window` over WeChat's defaults; pages override it.
    app_window: WindowConfig,
    /// `referrerInfo.extraData` of the launch URL, parsed once.
    extra_data: JsValue,
}

fn query_object(query: &Query) -> Object {
    let object = Object::new();
    for (key, value) in query {
        set(&object, key, &JsValue::from_str(value));
    }
    object
}

fn plain_error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

#[wasm_bindgen]
impl AppLifecycle {
    /// Prepares cold starts from `launch` (what [`wxrt_core::project::LaunchConfig`] made
    /// of the checked `app.json`: the dev server's bundle's `launch`, or the tools build's
    /// `checkApp`), the parsed `appJson` (for its `window`, darkmode's values resolved),
    /// and the launch URL's `search`. Throws an `Error` naming each problem.
    #[wasm_bindgen(constructor)]
    pub fn new(
        launch: &JsValue,
        app_json: &JsValue,
        search: &str,
    ) -> Result<AppLifecycle, JsValue> {
        let LaunchConfig {
            routes,
            network_timeout,
            resolve_alias,
        } = LaunchConfig::from_value(&config_value(launch)).ok_or_else(|| {
            plain_error("createRuntime: project.launch is not a launch config of this wxrt version")
        })?;
        let app_window = app_window(&config_value(app_json))
            .map_err(|errors| plain_error(&errors.to_string()))?;
        let request =
            LaunchRequest::from_search(search).map_err(|error| plain_error(&error.to_string()))?;
        let extra_data = match request
            .referrer
            .as_ref()
            .and_then(|r| r.extra_data.as_deref())
        {
            Some(text) => JSON::parse(text).map_err(|_| {
                plain_error(&format!(
                    "launch URL: referrerExtraData should be JSON, got {text}"
                ))
            })?,
            None => Object::new().into(),
        };
        Ok(Self {
            network_timeout,
            resolve_alias,
            app_window,
            routes: routes.pages.clone(),
            core: Lifecycle::new(routes, request),
            extra_data,
        })
    }

    /// The path from the root that module path `request` names through app.json's
    /// `resolveAlias`; `undefined` when no alias matches.
    #[wasm_bindgen(js_name = resolveAlias)]
    pub fn resolve_alias(&self, request: &str) -> Option<String> {
        self.resolve_alias.map(request)
    }

    /// How long (ms) the app may stay in the background before it is destroyed.
    #[wasm_bindgen(js_name = setDestroyAfter)]
    pub fn set_destroy_after(&mut self, ms: f64) {
        self.core.set_destroy_after_ms(ms.max(0.0) as u64);
    }

    /// How long (ms) the app may stay in the background before it is destroyed.
    #[wasm_bindgen(js_name = destroyAfter)]
    pub fn destroy_after(&self) -> f64 {
        self.core.destroy_after_ms() as f64
    }

    /// Where the app is in its life: `'stopped'`, `'foreground'`, `'background'` or
    /// `'destroyed'`.
    pub fn state(&self) -> String {
        match self.core.state() {
            AppState::Stopped => "stopped",
            AppState::Foreground => "foreground",
            AppState::Background { .. } => "background",
            AppState::Destroyed => "destroyed",
        }
        .to_owned()
    }

    /// Cold start.
    pub fn launch(&mut self) -> Array {
        let steps = self.core.launch();
        self.encode(&steps)
    }

    /// After `onPageNotFound` handlers ran: the "not found" view when none redirected.
    #[wasm_bindgen(js_name = finishPageNotFound)]
    pub fn finish_page_not_found(&mut self) -> Array {
        let steps = self.core.finish_page_not_found();
        self.encode(&steps)
    }

    /// The app goes to the background at `now` (ms).
    pub fn hide(&mut self, now: f64) -> Array {
        let steps = self.core.hide(now as u64);
        self.encode(&steps)
    }

    /// The app comes back at `now`: hot start, or cold start after destruction.
    pub fn show(&mut self, now: f64) -> Array {
        let steps = self.core.show(now as u64);
        self.encode(&steps)
    }

    /// Time has reached `now`: destroys an app too long in the background.
    pub fn tick(&mut self, now: f64) -> Array {
        let steps = self.core.tick(now as u64);
        self.encode(&steps)
    }

    /// `applyUpdate()`: drop everything and start cold.
    pub fn restart(&mut self) -> Array {
        let steps = self.core.restart();
        self.encode(&steps)
    }

    /// app.json's `networkTimeout.request` in ms (WeChat's 60 s when it gives none).
    #[wasm_bindgen(js_name = requestTimeout)]
    pub fn request_timeout(&self) -> f64 {
        f64::from(self.network_timeout.request)
    }

    /// The window `route` shows: app.json's `window` with the page json's (`pageJson`, the
    /// parsed `<route>.json`, or `undefined`) overrides. Throws an `Error` listing the page
    /// json's problems.
    pub fn window(&self, route: &str, page_json: &JsValue) -> Result<Object, JsValue> {
        let page = if page_json.is_undefined() {
            PageConfig::default()
        } else {
            PageConfig::from_value(&config_value(page_json), &format!("{route}.json"))
                .map_err(|errors| plain_error(&errors.to_string()))?
        };
        let window = self.app_window.with(&page.window);
        let object = Object::new();
        let text = |name: &str, value: &str| set(&object, name, &JsValue::from_str(value));
        text("navigationBarTitleText", &window.navigation_bar_title_text);
        text(
            "navigationBarBackgroundColor",
            &window.navigation_bar_background_color,
        );
        text(
            "navigationBarTextStyle",
            window.navigation_bar_text_style.as_str(),
        );
        text("navigationStyle", window.navigation_style.as_str());
        text("backgroundColor", &window.background_color);
        text("backgroundTextStyle", window.background_text_style.as_str());
        set(
            &object,
            "enablePullDownRefresh",
            &JsValue::from_bool(window.enable_pull_down_refresh),
        );
        set(
            &object,
            "onReachBottomDistance",
            &JsValue::from_f64(window.on_reach_bottom_distance),
        );
        Ok(object)
    }

    /// app.json's `networkTimeout.uploadFile` in ms (60 s when it gives none).
    #[wasm_bindgen(js_name = uploadTimeout)]
    pub fn upload_timeout(&self) -> f64 {
        f64::from(self.network_timeout.upload_file)
    }

    /// Every page route `app.json` declares, in order (subpackages included).
    pub fn routes(&self) -> Array {
        let array = Array::new();
        for route in &self.routes {
            array.push(&JsValue::from_str(route));
        }
        array
    }

    /// A memory warning of `level` (5, 10 or 15).
    #[wasm_bindgen(js_name = memoryWarning)]
    pub fn memory_warning(&self, level: u8) -> Array {
        self.encode(&self.core.memory_warning(level))
    }

    /// `wx.navigateTo`; throws the failure as an `Error` with `errMsg`.
    #[wasm_bindgen(js_name = navigateTo)]
    pub fn navigate_to(&mut self, url: &JsValue) -> Result<Array, JsValue> {
        self.url_route("navigateTo", url, Lifecycle::navigate_to)
    }

    /// `wx.redirectTo`.
    #[wasm_bindgen(js_name = redirectTo)]
    pub fn redirect_to(&mut self, url: &JsValue) -> Result<Array, JsValue> {
        self.url_route("redirectTo", url, Lifecycle::redirect_to)
    }

    /// `wx.switchTab`.
    #[wasm_bindgen(js_name = switchTab)]
    pub fn switch_tab(&mut self, url: &JsValue) -> Result<Array, JsValue> {
        self.url_route("switchTab", url, Lifecycle::switch_tab)
    }

    /// `wx.reLaunch`.
    #[wasm_bindgen(js_name = reLaunch)]
    pub fn re_launch(&mut self, url: &JsValue) -> Result<Array, JsValue> {
        self.url_route("reLaunch", url, Lifecycle::re_launch)
    }

    /// `wx.navigateBack`; `delta` defaults to 1.
    #[wasm_bindgen(js_name = navigateBack)]
    pub fn navigate_back(&mut self, delta: &JsValue) -> Result<Array, JsValue> {
        let delta = if delta.is_undefined() {
            1
        } else {
            let number = delta.as_f64().ok_or_else(|| {
                js_failure(Failure::new(
                    "navigateBack",
                    format!(
                        "parameter error: parameter.delta should be Number instead of {};",
                        js_type(delta).name()
                    ),
                ))
            })?;
            number.max(0.0) as usize
        };
        let result = self.core.navigate_back(delta);
        self.route("navigateBack", result)
    }

    /// The page stack, bottom first: `[{id, route, query}]`.
    pub fn pages(&self) -> Array {
        let array = Array::new();
        for page in self.core.pages() {
            let object = Object::new();
            set(&object, "id", &page.id.into());
            set(&object, "route", &JsValue::from_str(&page.route));
            set(&object, "query", &query_object(&page.query));
            array.push(&object);
        }
        array
    }

    /// `wx.getLaunchOptionsSync()`; `undefined` before launch.
    #[wasm_bindgen(js_name = launchOptions)]
    pub fn launch_options(&self) -> JsValue {
        self.core
            .launch_options()
            .map_or(JsValue::UNDEFINED, |options| self.options(options))
    }

    /// `wx.getEnterOptionsSync()`; `undefined` before launch.
    #[wasm_bindgen(js_name = enterOptions)]
    pub fn enter_options(&self) -> JsValue {
        self.core
            .enter_options()
            .map_or(JsValue::UNDEFINED, |options| self.options(options))
    }

    /// The update manager's check at a cold start: `{hasUpdate, ready}` where `ready` is
    /// `true` (onUpdateReady), `false` (onUpdateFailed) or `undefined` (no update).
    /// `plan` is `'detect'`, `'ready'` or `'failed'`.
    #[wasm_bindgen(js_name = checkUpdate)]
    pub fn check_update(
        last_seen: Option<String>,
        current: &str,
        plan: &str,
    ) -> Result<Object, JsValue> {
        let plan = UpdatePlan::parse(plan).ok_or_else(|| {
            plain_error(&format!(
                "update plan should be 'ready', 'failed' or 'detect', got '{plan}'"
            ))
        })?;
        let check = update::check(last_seen.as_deref(), current, plan);
        let result = Object::new();
        set(&result, "hasUpdate", &check.has_update.into());
        set(
            &result,
            "ready",
            &check.ready.map_or(JsValue::UNDEFINED, JsValue::from),
        );
        Ok(result)
    }

    /// A version for a project without one: a hash of `files` (`{path: text}`).
    #[wasm_bindgen(js_name = contentVersion)]
    pub fn content_version(files: &Object) -> String {
        let entries: Vec<(String, String)> = Object::entries(files)
            .iter()
            .filter_map(|entry| {
                let entry = Array::from(&entry);
                Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
            })
            .collect();
        update::content_version(entries.iter().map(|(p, t)| (p.as_str(), t.as_str())))
    }

    /// A route API taking `url`: checks the argument, asks core, encodes the outcome.
    fn url_route(
        &mut self,
        api: &'static str,
        url: &JsValue,
        route: fn(&mut Lifecycle, &str) -> Result<Vec<Step>, RouteError>,
    ) -> Result<Array, JsValue> {
        let url = url_arg(api, url)?;
        let result = route(&mut self.core, &url);
        self.route(api, result)
    }

    fn route(
        &self,
        api: &'static str,
        result: Result<Vec<Step>, RouteError>,
    ) -> Result<Array, JsValue> {
        match result {
            Ok(steps) => Ok(self.encode(&steps)),
            Err(reason) => Err(js_failure(Failure::new(api, reason))),
        }
    }

    fn options(&self, options: &LaunchOptions) -> JsValue {
        let object = Object::new();
        set(&object, "path", &JsValue::from_str(&options.path));
        set(&object, "query", &query_object(&options.query));
        set(&object, "scene", &options.scene.into());
        let referrer = Object::new();
        if let Some(referrer_app) = &options.referrer {
            set(&referrer, "appId", &JsValue::from_str(&referrer_app.app_id));
            // A fresh copy each time, so one hook's edits never reach another's argument.
            let extra = JSON::stringify(&self.extra_data)
                .ok()
                .and_then(|text| JSON::parse(&String::from(text)).ok())
                .unwrap_or_else(|| Object::new().into());
            set(&referrer, "extraData", &extra);
        }
        set(&object, "referrerInfo", &referrer);
        if let Some(ticket) = &options.share_ticket {
            set(&object, "shareTicket", &JsValue::from_str(ticket));
        }
        object.into()
    }

    // Arrays are filled by `push` rather than `collect`: js-sys's `Extend` is generic
    // and each iterator type would get its own copy in the wasm.
    fn encode(&self, steps: &[Step]) -> Array {
        let array = Array::new();
        for step in steps {
            array.push(&self.encode_step(step));
        }
        array
    }

    fn encode_step(&self, step: &Step) -> JsValue {
        let object = Object::new();
        let kind = |name: &str| set(&object, "type", &JsValue::from_str(name));
        match step {
            Step::LoadApp { pages } => {
                kind("load");
                let list: Array = pages.iter().map(|p| JsValue::from_str(p)).collect();
                set(&object, "pages", &list);
            }
            Step::LoadPage { route } => {
                kind("load-page");
                set(&object, "route", &JsValue::from_str(route));
            }
            Step::Destroy => kind("destroy"),
            Step::App(event, arg) => {
                kind("app");
                set(&object, "hook", &JsValue::from_str(event.hook_name()));
                set(&object, "arg", &self.app_arg(arg));
            }
            Step::CreatePage { id, route, query } => {
                kind("create");
                set(&object, "id", &(*id).into());
                set(&object, "route", &JsValue::from_str(route));
                set(&object, "query", &query_object(query));
            }
            Step::Page(id, hook) => {
                kind("page");
                set(&object, "id", &(*id).into());
                set(&object, "hook", &JsValue::from_str(hook.hook_name()));
            }
            Step::ShowNotFound { path } => {
                kind("not-found");
                set(&object, "path", &JsValue::from_str(path));
            }
        }
        object.into()
    }

    fn app_arg(&self, arg: &AppEventArg) -> JsValue {
        match arg {
            AppEventArg::Options(options) => self.options(options),
            AppEventArg::Hide => Object::new().into(),
            AppEventArg::NotFound {
                path,
                query,
                is_entry_page,
            } => {
                let object = Object::new();
                set(&object, "path", &JsValue::from_str(path));
                set(&object, "query", &query_object(query));
                set(&object, "isEntryPage", &(*is_entry_page).into());
                object.into()
            }
            AppEventArg::MemoryLevel(level) => {
                let object = Object::new();
                set(&object, "level", &(*level).into());
                object.into()
            }
        }
    }
}

/// The `url` option of a route API, or WeChat's parameter error.
fn url_arg(api: &'static str, url: &JsValue) -> Result<String, JsValue> {
    url.as_string().ok_or_else(|| {
        js_failure(Failure::new(
            api,
            RouteError::Url(js_type(url).name().to_owned()),
        ))
    })
}
