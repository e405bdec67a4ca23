//! The page frame: the glue of core's `apis::frame` (the tab bar's state, the action
//! sheet's limits, the background text style, font sources).

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use wxrt_core::apis::frame::tab_bar::{StyleChange, TabBar as Bar, TabBarStyle, TabItem};
use wxrt_core::apis::frame::{self as rules, FrameError};
use wxrt_core::apis::schema;

use crate::error::fail;
use crate::options::{field_of, set};

// errMsg names the calling API; the names are the family's own methods.
fn api_name(api: &str) -> &'static str {
    schema(api).map_or("setTabBarBadge", |(name, _)| name)
}

fn failing(api: &str) -> impl Fn(FrameError) -> JsValue + '_ {
    move |reason| fail(api_name(api), reason)
}

fn text(value: &JsValue, name: &str) -> Option<String> {
    field_of(value, name).as_string()
}

fn text_or_empty(value: &JsValue, name: &str) -> String {
    text(value, name).unwrap_or_default()
}

/// The built-in tab bar of one app (core's `TabBar`), made from app.json's `tabBar`.
#[wasm_bindgen]
pub struct TabBar {
    bar: Bar,
}

/// The failure of tab bar API `api` when no app runs, so no page can be a tab page.
#[wasm_bindgen(js_name = notTabBarPage)]
pub fn not_tab_bar_page(api: &str) -> JsValue {
    failing(api)(FrameError::NotTabBarPage)
}

#[wasm_bindgen]
impl TabBar {
    /// The tab bar app.json's `tabBar` (undefined: none) describes.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &JsValue) -> TabBar {
        let list = field_of(config, "list");
        let items = if Array::is_array(&list) {
            Array::from(&list)
                .iter()
                .map(|tab| TabItem {
                    page_path: text_or_empty(&tab, "pagePath")
                        .trim_start_matches('/')
                        .to_owned(),
                    text: text_or_empty(&tab, "text"),
                    icon_path: text_or_empty(&tab, "iconPath"),
                    selected_icon_path: text_or_empty(&tab, "selectedIconPath"),
                    badge: None,
                    red_dot: false,
                })
                .collect()
        } else {
            Vec::new()
        };
        let style = TabBarStyle {
            color: text_or_empty(config, "color"),
            selected_color: text_or_empty(config, "selectedColor"),
            background_color: text_or_empty(config, "backgroundColor"),
            border_style: text(config, "borderStyle").unwrap_or_else(|| "black".to_owned()),
        };
        TabBar {
            bar: Bar::new(items, style),
        }
    }

    /// Throws `<api>:fail not TabBar page` unless `route` (the page on top) is a tab page.
    #[wasm_bindgen(js_name = requireTabPage)]
    pub fn require_tab_page(&self, api: &str, route: Option<String>) -> Result<(), JsValue> {
        self.bar
            .require_tab_page(route.as_deref())
            .map_err(failing(api))
    }

    /// `setTabBarBadge({index, text})`.
    #[wasm_bindgen(js_name = setBadge)]
    pub fn set_badge(&mut self, index: f64, text: &str) -> Result<(), JsValue> {
        self.bar
            .set_badge(index, text)
            .map_err(failing("setTabBarBadge"))
    }

    /// `removeTabBarBadge({index})`.
    #[wasm_bindgen(js_name = removeBadge)]
    pub fn remove_badge(&mut self, index: f64) -> Result<(), JsValue> {
        self.bar
            .remove_badge(index)
            .map_err(failing("removeTabBarBadge"))
    }

    /// `showTabBarRedDot` / `hideTabBarRedDot` (`api`) for `index`.
    #[wasm_bindgen(js_name = setRedDot)]
    pub fn set_red_dot(&mut self, api: &str, index: f64, shown: bool) -> Result<(), JsValue> {
        self.bar.set_red_dot(index, shown).map_err(failing(api))
    }

    /// `setTabBarItem(options)`.
    #[wasm_bindgen(js_name = setItem)]
    pub fn set_item(&mut self, options: &JsValue) -> Result<(), JsValue> {
        let index = field_of(options, "index").as_f64().unwrap_or(f64::NAN);
        self.bar
            .set_item(
                index,
                text(options, "text").as_deref(),
                text(options, "iconPath").as_deref(),
                text(options, "selectedIconPath").as_deref(),
            )
            .map_err(failing("setTabBarItem"))
    }

    /// `setTabBarStyle(options)`.
    #[wasm_bindgen(js_name = setStyle)]
    pub fn set_style(&mut self, options: &JsValue) -> Result<(), JsValue> {
        let change = StyleChange {
            color: text(options, "color"),
            selected_color: text(options, "selectedColor"),
            background_color: text(options, "backgroundColor"),
            border_style: text(options, "borderStyle"),
        };
        self.bar
            .set_style(&change)
            .map_err(failing("setTabBarStyle"))
    }

    /// `showTabBar` / `hideTabBar`.
    #[wasm_bindgen(js_name = setHidden)]
    pub fn set_hidden(&mut self, hidden: bool) {
        self.bar.hidden = hidden;
    }

    /// The state to draw: `{items: [{pagePath, text, iconPath, selectedIconPath, badge,
    /// redDot}], color, selectedColor, backgroundColor, borderStyle, hidden}`.
    pub fn state(&self) -> Object {
        let items: Array = self
            .bar
            .items
            .iter()
            .map(|item| {
                let out = Object::new();
                set(&out, "pagePath", &item.page_path.as_str().into());
                set(&out, "text", &item.text.as_str().into());
                set(&out, "iconPath", &item.icon_path.as_str().into());
                set(
                    &out,
                    "selectedIconPath",
                    &item.selected_icon_path.as_str().into(),
                );
                set(
                    &out,
                    "badge",
                    &item.badge.as_deref().map_or(JsValue::NULL, JsValue::from),
                );
                set(&out, "redDot", &item.red_dot.into());
                JsValue::from(out)
            })
            .collect();
        let style = &self.bar.style;
        let out = Object::new();
        set(&out, "items", &items);
        set(&out, "color", &style.color.as_str().into());
        set(&out, "selectedColor", &style.selected_color.as_str().into());
        set(
            &out,
            "backgroundColor",
            &style.background_color.as_str().into(),
        );
        set(&out, "borderStyle", &style.border_style.as_str().into());
        set(&out, "hidden", &self.bar.hidden.into());
        out
    }
}

/// Throws `showActionSheet:fail …` when an action sheet of `items` items may not show.
#[wasm_bindgen(js_name = checkActionSheet)]
pub fn check_action_sheet(items: usize) -> Result<(), JsValue> {
    rules::check_action_sheet(items).map_err(failing("showActionSheet"))
}

/// The `tapIndex` for a tap at `index` of `items` (negative: cancel); throws
/// `showActionSheet:fail cancel`.
#[wasm_bindgen(js_name = actionSheetTap)]
pub fn action_sheet_tap(index: i32, items: usize) -> Result<u32, JsValue> {
    rules::action_sheet_tap(index, items).map_err(failing("showActionSheet"))
}

/// `setBackgroundTextStyle`'s `textStyle`, or throws.
#[wasm_bindgen(js_name = backgroundTextStyle)]
pub fn background_text_style(style: &str) -> Result<String, JsValue> {
    rules::background_text_style(style)
        .map(str::to_owned)
        .map_err(failing("setBackgroundTextStyle"))
}

/// `loadFontFace`'s `source` as a CSS `src`.
#[wasm_bindgen(js_name = fontSource)]
pub fn font_source(source: &str) -> String {
    rules::font_source(source)
}
