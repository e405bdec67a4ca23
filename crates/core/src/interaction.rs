//! `wx.showModal`, `wx.showToast` and `wx.showLoading`: their options, defaults and
//! limits as WeChat checks them. The glue draws the overlays.

use crate::js_type::JsType;

/// The button texts of a modal may be at most four Chinese characters long.
pub const MAX_BUTTON_UNITS: u32 = 8;

/// `showToast`'s default duration.
pub const DEFAULT_TOAST_MS: u64 = 1500;

/// Why an interaction call failed; `Display` is the part after `<api>:fail `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InteractionError {
    /// A required text is missing or not a string.
    #[error("parameter error: parameter.{field} should be String instead of {actual};")]
    NotText {
        /// The option's name.
        field: &'static str,
        /// The JS type found.
        actual: &'static str,
    },
    /// A button text longer than four Chinese characters.
    #[error("{field} length should not larger than 4 Chinese characters")]
    ButtonTooLong {
        /// `confirmText` or `cancelText`.
        field: &'static str,
    },
    /// `icon` is not one WeChat draws.
    #[error("parameter error: parameter.icon should be one of success, error, loading, none;")]
    Icon,
}

/// How long `text` is in WeChat's unit for button texts: a Chinese (non-ASCII) character
/// counts two, an ASCII one one, against [`MAX_BUTTON_UNITS`].
pub fn button_units(text: &str) -> u32 {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Checks a modal's button text option `field`; `None` means absent (the default).
///
/// # Errors
///
/// [`InteractionError::NotText`] for a non-string, [`InteractionError::ButtonTooLong`].
pub fn check_button(
    field: &'static str,
    text: Result<Option<&str>, JsType>,
) -> Result<(), InteractionError> {
    match text {
        Err(actual) => Err(InteractionError::NotText {
            field,
            actual: actual.name(),
        }),
        Ok(Some(text)) if button_units(text) > MAX_BUTTON_UNITS => {
            Err(InteractionError::ButtonTooLong { field })
        }
        Ok(_) => Ok(()),
    }
}

/// A required text option (`title` of a toast or loading).
///
/// # Errors
///
/// [`InteractionError::NotText`] when it is missing or not a string.
pub fn require_text(
    field: &'static str,
    text: Result<&str, JsType>,
) -> Result<(), InteractionError> {
    text.map(|_| ())
        .map_err(|actual| InteractionError::NotText {
            field,
            actual: actual.name(),
        })
}

/// The icon of a toast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastIcon {
    /// A tick (the default).
    Success,
    /// A cross.
    Error,
    /// A spinner.
    Loading,
    /// Text only, which may then run to two lines.
    None,
}

impl ToastIcon {
    /// Reads `icon`; absent is `success`.
    ///
    /// # Errors
    ///
    /// [`InteractionError::Icon`] for any other value.
    pub fn parse(icon: Option<&str>) -> Result<Self, InteractionError> {
        match icon {
            None | Some("success") => Ok(Self::Success),
            Some("error") => Ok(Self::Error),
            Some("loading") => Ok(Self::Loading),
            Some("none") => Ok(Self::None),
            Some(_) => Err(InteractionError::Icon),
        }
    }

    /// The name `parse` reads.
    pub fn name(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Error => "error",
            Self::Loading => "loading",
            Self::None => "none",
        }
    }
}

/// A toast's duration: `duration` when it is a positive finite number, else 1.5 s.
pub fn toast_duration(duration: Option<f64>) -> u64 {
    match duration {
        Some(ms) if ms.is_finite() && ms > 0.0 => ms.ceil() as u64,
        _ => DEFAULT_TOAST_MS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn button_texts_are_at_most_four_chinese_characters() {
        assert_eq!(button_units("确定"), 4);
        assert_eq!(button_units("OK"), 2);
        assert!(check_button("confirmText", Ok(Some("重新登录"))).is_ok());
        assert!(check_button("confirmText", Ok(Some("Continue"))).is_ok());
        assert!(check_button("cancelText", Ok(None)).is_ok());
        let long = check_button("confirmText", Ok(Some("重新登录吧"))).unwrap_err();
        assert_eq!(
            long.to_string(),
            "confirmText length should not larger than 4 Chinese characters"
        );
        assert!(check_button("cancelText", Ok(Some("Try again"))).is_err());
        let number = check_button("cancelText", Err(JsType::Number)).unwrap_err();
        assert_eq!(
            number.to_string(),
            "parameter error: parameter.cancelText should be String instead of Number;"
        );
    }

    #[test]
    fn toast_titles_are_required_and_icons_known() {
        assert!(require_text("title", Ok("Saved")).is_ok());
        assert_eq!(
            require_text("title", Err(JsType::Undefined))
                .unwrap_err()
                .to_string(),
            "parameter error: parameter.title should be String instead of Undefined;"
        );
        assert_eq!(ToastIcon::parse(None), Ok(ToastIcon::Success));
        assert_eq!(ToastIcon::parse(Some("none")), Ok(ToastIcon::None));
        assert_eq!(ToastIcon::parse(Some("warn")), Err(InteractionError::Icon));
        assert_eq!(toast_duration(None), 1500);
        assert_eq!(toast_duration(Some(-1.0)), 1500);
        assert_eq!(toast_duration(Some(2000.4)), 2001);
    }
}
