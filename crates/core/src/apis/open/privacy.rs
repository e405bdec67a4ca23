//! The privacy agreement (`requirePrivacyAuthorize`, `getPrivacySetting`): a user agrees
//! once per mini-program; refusing is not remembered, so the next call asks again.

/// The `errno` WeChat gives a refused privacy agreement.
pub const PRIVACY_ERRNO: u32 = 104;

/// Why a call needing the privacy agreement failed; `Display` follows `<api>:fail `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrivacyError {
    /// The user did not agree.
    #[error("privacy permission is not authorized")]
    NotAuthorized,
}

/// `privacyContractName` of `getPrivacySetting` for the mini-program called `app`.
pub fn contract_name(app: &str) -> String {
    format!("《{app}小程序隐私保护指引》")
}

/// The outcome of the agreement popup: agreeing is kept, refusing fails the call.
///
/// # Errors
///
/// [`PrivacyError::NotAuthorized`] when `agreed` is false.
pub fn answer(agreed: bool) -> Result<(), PrivacyError> {
    if agreed {
        Ok(())
    } else {
        Err(PrivacyError::NotAuthorized)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_reads_as_wechat() {
        assert_eq!(answer(true), Ok(()));
        assert_eq!(
            answer(false).unwrap_err().to_string(),
            "privacy permission is not authorized"
        );
        assert_eq!(contract_name("天气"), "《天气小程序隐私保护指引》");
    }
}
