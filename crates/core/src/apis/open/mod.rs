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

/// The scene a mini-program opened by another one launches with (WeChat's scene list:
/// 1037, "小程序打开小程序"); 1038 is the scene of returning from it.
pub const SCENE_OPENED_BY_MINI_PROGRAM: u32 = 1037;

/// How the target of `navigateToMiniProgram({appId, path, extraData})` launches, when it
/// runs here too: its page and query from `path` (`pages/a/a?id=1`, empty for its home
/// page), scene 1037, and `referrerInfo` naming the app that opened it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetLaunch {
    /// The page, without a leading `/` (empty: the target's entry page).
    pub path: String,
    /// The query string after `?` in `path`.
    pub query: String,
    /// [`SCENE_OPENED_BY_MINI_PROGRAM`].
    pub scene: u32,
    /// `referrerInfo.appId`: the app that opened the target.
    pub referrer_app_id: String,
}

/// The launch of a target opened from `source_app_id` at `path`.
pub fn target_launch(path: &str, source_app_id: &str) -> TargetLaunch {
    let (page, query) = path.split_once('?').unwrap_or((path, ""));
    TargetLaunch {
        path: page.trim_start_matches('/').to_owned(),
        query: query.to_owned(),
        scene: SCENE_OPENED_BY_MINI_PROGRAM,
        referrer_app_id: source_app_id.to_owned(),
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
        let launch = target_launch("/pages/detail/detail?id=7&from=a", "wxsource");
        assert_eq!(launch.path, "pages/detail/detail");
        assert_eq!(launch.query, "id=7&from=a");
        assert_eq!(launch.scene, 1037);
        assert_eq!(launch.referrer_app_id, "wxsource");
        assert_eq!(target_launch("", "wxsource").path, "");
        assert_eq!(env_version(None), "release");
        assert_eq!(env_version(Some("trial")), "trial");
        assert_eq!(env_version(Some("beta")), "release");
    }
}
