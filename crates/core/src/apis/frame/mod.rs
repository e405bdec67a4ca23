//! The page frame: the navigation bar's loading state, the tab bar's badges, dots, items,
//! style and visibility, the background, action sheets, the alert before unload, web fonts.

pub mod tab_bar;

use super::params::{Field, ARRAY, BOOLEAN, NUMBER, OBJECT, STRING};

const INDEX: &[Field] = &[Field::required("index", NUMBER)];

/// The options WeChat checks for this family's methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[
    ("showNavigationBarLoading", &[]),
    ("hideNavigationBarLoading", &[]),
    (
        "setTabBarBadge",
        &[
            Field::required("index", NUMBER),
            Field::required("text", STRING),
        ],
    ),
    ("removeTabBarBadge", INDEX),
    ("showTabBarRedDot", INDEX),
    ("hideTabBarRedDot", INDEX),
    (
        "setTabBarStyle",
        &[
            Field::optional("color", STRING),
            Field::optional("selectedColor", STRING),
            Field::optional("backgroundColor", STRING),
            Field::optional("borderStyle", STRING),
        ],
    ),
    (
        "setTabBarItem",
        &[
            Field::required("index", NUMBER),
            Field::optional("text", STRING),
            Field::optional("iconPath", STRING),
            Field::optional("selectedIconPath", STRING),
        ],
    ),
    ("showTabBar", &[Field::optional("animation", BOOLEAN)]),
    ("hideTabBar", &[Field::optional("animation", BOOLEAN)]),
    ("hideHomeButton", &[]),
    (
        "setBackgroundColor",
        &[
            Field::optional("backgroundColor", STRING),
            Field::optional("backgroundColorTop", STRING),
            Field::optional("backgroundColorBottom", STRING),
        ],
    ),
    (
        "setBackgroundTextStyle",
        &[Field::required("textStyle", STRING)],
    ),
    (
        "showActionSheet",
        &[
            Field::required("itemList", ARRAY),
            Field::optional("itemColor", STRING),
            Field::optional("alertText", STRING),
        ],
    ),
    (
        "enableAlertBeforeUnload",
        &[Field::required("message", STRING)],
    ),
    ("disableAlertBeforeUnload", &[]),
    (
        "loadFontFace",
        &[
            Field::optional("global", BOOLEAN),
            Field::required("family", STRING),
            Field::required("source", STRING),
            Field::optional("desc", OBJECT),
        ],
    ),
    ("setEnableDebug", &[Field::required("enableDebug", BOOLEAN)]),
];

/// The most items an action sheet shows (WeChat's limit).
pub const ACTION_SHEET_MAX_ITEMS: usize = 6;

/// Why a frame call failed; `Display` is the part after `<api>:fail `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    /// A tab bar API called while the page on top is not one of the tab bar's.
    #[error("not TabBar page")]
    NotTabBarPage,
    /// A tab bar `index` that names no item.
    #[error("tabbar item not found")]
    ItemNotFound,
    /// A tab bar colour that is not `#rgb` or `#rrggbb`.
    #[error("invalid color \"{0}\"")]
    InvalidColor(String),
    /// `borderStyle` other than `black` or `white`.
    #[error("invalid borderStyle \"{0}\"")]
    InvalidBorderStyle(String),
    /// `textStyle` other than `dark` or `light`.
    #[error("invalid textStyle \"{0}\"")]
    InvalidTextStyle(String),
    /// More than [`ACTION_SHEET_MAX_ITEMS`] items.
    #[error("parameter error: itemList should not be large than 6")]
    TooManyItems,
    /// The user tapped cancel or the mask.
    #[error("cancel")]
    Cancel,
}

/// `showActionSheet`'s item count check.
///
/// # Errors
///
/// [`FrameError::TooManyItems`] beyond six.
pub fn check_action_sheet(items: usize) -> Result<(), FrameError> {
    if items > ACTION_SHEET_MAX_ITEMS {
        Err(FrameError::TooManyItems)
    } else {
        Ok(())
    }
}

/// What `showActionSheet` answers for the tap at `index` (negative: cancel or the mask).
///
/// # Errors
///
/// [`FrameError::Cancel`] for cancel.
pub fn action_sheet_tap(index: i32, items: usize) -> Result<u32, FrameError> {
    match u32::try_from(index) {
        Ok(tap) if (tap as usize) < items => Ok(tap),
        _ => Err(FrameError::Cancel),
    }
}

/// `setBackgroundTextStyle`'s `textStyle`: `dark` or `light`.
///
/// # Errors
///
/// [`FrameError::InvalidTextStyle`] otherwise.
pub fn background_text_style(style: &str) -> Result<&'static str, FrameError> {
    match style {
        "dark" => Ok("dark"),
        "light" => Ok("light"),
        other => Err(FrameError::InvalidTextStyle(other.to_owned())),
    }
}

/// The CSS `src` of `loadFontFace`'s `source`: WeChat takes `url("…")` as written and a
/// bare address as the font's URL.
pub fn font_source(source: &str) -> String {
    let trimmed = source.trim();
    if trimmed.starts_with("url(") || trimmed.starts_with("local(") {
        trimmed.to_owned()
    } else {
        format!("url(\"{}\")", trimmed.replace('"', "%22"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_sheet_takes_six_items_and_a_tap_outside_cancels() {
        assert_eq!(check_action_sheet(6), Ok(()));
        assert_eq!(
            check_action_sheet(7).unwrap_err().to_string(),
            "parameter error: itemList should not be large than 6"
        );
        assert_eq!(action_sheet_tap(2, 3), Ok(2));
        assert_eq!(action_sheet_tap(-1, 3), Err(FrameError::Cancel));
        assert_eq!(action_sheet_tap(3, 3), Err(FrameError::Cancel));
    }

    #[test]
    fn background_text_style_is_dark_or_light() {
        assert_eq!(background_text_style("light"), Ok("light"));
        assert_eq!(
            background_text_style("grey").unwrap_err().to_string(),
            "invalid textStyle \"grey\""
        );
    }

    #[test]
    fn font_sources_become_css_src() {
        assert_eq!(font_source("url(\"a.woff\")"), "url(\"a.woff\")");
        assert_eq!(
            font_source("https://x.test/f.ttf"),
            "url(\"https://x.test/f.ttf\")"
        );
    }
}
