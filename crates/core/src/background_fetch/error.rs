//! The background-fetch APIs' failures; each `Display` is the part of the `errMsg` after
//! `<api>:fail `.

use super::FetchType;

/// The longest token `wx.setBackgroundFetchToken` accepts, in characters.
pub const MAX_TOKEN_CHARS: usize = 1024;

/// Why a background-fetch API call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackgroundFetchError {
    /// `fetchType` is neither `'pre'` nor `'periodic'`.
    #[error("parameter error: parameter.fetchType should be \"pre\" or \"periodic\", got {0:?}")]
    UnknownFetchType(String),
    /// Nothing of this type was ever cached.
    #[error("no {} background fetch data", .0.as_str())]
    NoData(FetchType),
    /// The first fetch of this type is under way; WeChat's API never waits for it.
    #[error("the {} background fetch has not finished and there is no earlier data", .0.as_str())]
    NotFetchedYet(FetchType),
    /// The token is longer than [`MAX_TOKEN_CHARS`].
    #[error("parameter error: token should be at most 1024 characters, got {0}")]
    TokenTooLong(usize),
    /// The token is empty.
    #[error("parameter error: token should not be empty")]
    TokenEmpty,
    /// `wx.getBackgroundFetchToken` before any `wx.setBackgroundFetchToken`; also why a
    /// periodic fetch is not sent (DevTools' wording).
    #[error("token not set, maybe you should setBackgroundFetchToken first")]
    TokenNotSet,
}

/// Checks a `wx.setBackgroundFetchToken` token: not empty, at most 1024 characters.
///
/// # Errors
///
/// [`BackgroundFetchError::TokenEmpty`] or [`BackgroundFetchError::TokenTooLong`].
pub fn check_token(token: &str) -> Result<(), BackgroundFetchError> {
    let chars = token.chars().count();
    if chars == 0 {
        Err(BackgroundFetchError::TokenEmpty)
    } else if chars > MAX_TOKEN_CHARS {
        Err(BackgroundFetchError::TokenTooLong(chars))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_up_to_1024_characters() {
        assert!(check_token(&"字".repeat(1024)).is_ok());
        assert_eq!(
            check_token(&"a".repeat(1025)),
            Err(BackgroundFetchError::TokenTooLong(1025))
        );
        assert_eq!(check_token(""), Err(BackgroundFetchError::TokenEmpty));
        assert_eq!(
            crate::errmsg::Failure::new("getBackgroundFetchToken", BackgroundFetchError::TokenNotSet).to_string(),
            "getBackgroundFetchToken:fail token not set, maybe you should setBackgroundFetchToken first"
        );
    }
}
