//! Open capabilities: account info, other mini-programs, payment, subscription messages,
//! sharing, addresses, invoices, analytics, ads, privacy: simulated, each outcome chosen on
//! the simulated phone. What WeChat checks and answers is decided here; the shim draws the
//! sheets and reads the phone.

mod ads;
mod payment;
mod privacy;
mod subscribe;

pub use ads::{AdError, AdKind, AdUnit};
pub use payment::{pay, PaymentError, PaymentOutcome};
pub use privacy::{answer as privacy_answer, contract_name, PrivacyError, PRIVACY_ERRNO};
pub use subscribe::{
    word as subscribe_word, SubscribeError, SubscribePlan, Subscriptions, MAX_TEMPLATES,
};

use super::params::{Field, ARRAY, BOOLEAN, NUMBER, OBJECT, STRING};

/// The options WeChat checks for this family's methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[
    (
        "navigateToMiniProgram",
        &[
            Field::optional("appId", STRING),
            Field::optional("path", STRING),
            Field::optional("extraData", OBJECT),
            Field::optional("envVersion", STRING),
            Field::optional("shortLink", STRING),
            Field::optional("noRelaunchIfPathUnchanged", BOOLEAN),
        ],
    ),
    (
        "navigateBackMiniProgram",
        &[Field::optional("extraData", OBJECT)],
    ),
    ("exitMiniProgram", &[]),
    (
        "openEmbeddedMiniProgram",
        &[
            Field::optional("appId", STRING),
            Field::optional("path", STRING),
            Field::optional("extraData", OBJECT),
            Field::optional("envVersion", STRING),
            Field::optional("shortLink", STRING),
            Field::optional("verify", STRING),
            Field::optional("allowFullScreen", BOOLEAN),
            Field::optional("noRelaunchIfPathUnchanged", BOOLEAN),
        ],
    ),
    (
        "requestPayment",
        &[
            Field::required("timeStamp", STRING),
            Field::required("nonceStr", STRING),
            Field::required("package", STRING),
            Field::optional("signType", STRING),
            Field::required("paySign", STRING),
        ],
    ),
    (
        "requestSubscribeMessage",
        &[Field::required("tmplIds", ARRAY)],
    ),
    (
        "showShareMenu",
        &[
            Field::optional("withShareTicket", BOOLEAN),
            Field::optional("menus", ARRAY),
        ],
    ),
    ("hideShareMenu", &[Field::optional("menus", ARRAY)]),
    (
        "updateShareMenu",
        &[
            Field::optional("withShareTicket", BOOLEAN),
            Field::optional("isUpdatableMessage", BOOLEAN),
            Field::optional("activityId", STRING),
            Field::optional("toDoActivityId", STRING),
            Field::optional("templateInfo", OBJECT),
            Field::optional("isPrivateMessage", BOOLEAN),
        ],
    ),
    (
        "showShareImageMenu",
        &[
            Field::required("path", STRING),
            Field::optional("entrancePath", STRING),
            Field::optional("needShowEntrance", BOOLEAN),
        ],
    ),
    (
        "getShareInfo",
        &[
            Field::required("shareTicket", STRING),
            Field::optional("timeout", NUMBER),
        ],
    ),
    (
        "createInterstitialAd",
        &[Field::required("adUnitId", STRING)],
    ),
    (
        "createRewardedVideoAd",
        &[
            Field::required("adUnitId", STRING),
            Field::optional("multiton", BOOLEAN),
            Field::optional("disableFallbackSharePage", BOOLEAN),
        ],
    ),
    ("chooseAddress", &[]),
    ("chooseInvoiceTitle", &[]),
    ("chooseInvoice", &[]),
    ("requirePrivacyAuthorize", &[]),
    ("getPrivacySetting", &[]),
    ("openPrivacyContract", &[]),
    (
        "openCustomerServiceChat",
        &[
            Field::required("extInfo", OBJECT),
            Field::required("corpId", STRING),
            Field::optional("showMessageCard", BOOLEAN),
            Field::optional("sendMessageTitle", STRING),
            Field::optional("sendMessagePath", STRING),
            Field::optional("sendMessageImg", STRING),
        ],
    ),
    (
        "openOfficialAccountArticle",
        &[Field::required("url", STRING)],
    ),
    (
        "openOfficialAccountChat",
        &[Field::required("username", STRING)],
    ),
    (
        "openOfficialAccountProfile",
        &[Field::required("username", STRING)],
    ),
    ("getExtConfig", &[]),
    ("checkIsAddedToMyMiniProgram", &[]),
    ("getWeRunData", &[]),
    (
        "addPhoneCalendar",
        &[
            Field::required("title", STRING),
            Field::required("startTime", NUMBER),
            Field::optional("allDay", BOOLEAN),
            Field::optional("description", STRING),
            Field::optional("location", STRING),
            Field::optional("endTime", NUMBER),
            Field::optional("alarm", BOOLEAN),
            Field::optional("alarmOffset", NUMBER),
        ],
    ),
];

/// Why an open-capability call failed; `Display` is the part after `<api>:fail `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    /// The user cancelled the dialog or sheet.
    #[error("cancel")]
    Cancel,
    /// `navigateToMiniProgram` / `openEmbeddedMiniProgram` got neither `appId` nor `shortLink`.
    #[error("parameter error: parameter.appId should be String instead of Undefined;")]
    NoTarget,
}

/// Where `navigateToMiniProgram` / `openEmbeddedMiniProgram` go: `appId` unless a
/// `shortLink` names the target instead (WeChat then does not need `appId`).
///
/// # Errors
///
/// [`OpenError::NoTarget`] with neither.
pub fn mini_program_target(
    app_id: Option<&str>,
    short_link: Option<&str>,
) -> Result<String, OpenError> {
    match (app_id, short_link) {
        (Some(id), _) if !id.is_empty() => Ok(id.to_owned()),
        (_, Some(link)) if !link.is_empty() => Ok(link.to_owned()),
        _ => Err(OpenError::NoTarget),
    }
}

/// `envVersion` of the target: WeChat opens `release` unless told otherwise, and only
/// `develop` / `trial` / `release` exist.
pub fn env_version(value: Option<&str>) -> &'static str {
    match value {
        Some("develop") => "develop",
        Some("trial") => "trial",
        _ => "release",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_needs_an_app_id_or_a_short_link() {
        assert_eq!(mini_program_target(Some("wx123"), None), Ok("wx123".into()));
        assert_eq!(
            mini_program_target(None, Some("#小程序://x/y")),
            Ok("#小程序://x/y".into())
        );
        let none = mini_program_target(Some(""), None).unwrap_err();
        assert_eq!(
            none.to_string(),
            "parameter error: parameter.appId should be String instead of Undefined;"
        );
        assert_eq!(env_version(None), "release");
        assert_eq!(env_version(Some("trial")), "trial");
        assert_eq!(env_version(Some("beta")), "release");
    }
}
