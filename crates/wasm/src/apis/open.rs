//! Open capabilities: the glue of core's `apis::open`.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wxrt_core::apis::open::{
    env_version, mini_program_target, pay, target_launch, AdError, AdKind, AdUnit, PaymentOutcome,
    PrivacyError, SubscribeError, SubscribePlan, Subscriptions, PRIVACY_ERRNO,
};

use crate::error::error_with_errmsg;
use crate::options::set;

fn with_field(error: JsValue, name: &str, value: Option<u32>) -> JsValue {
    if let Some(value) = value {
        let _ = Reflect::set(&error, &name.into(), &value.into());
    }
    error
}

/// Where `api` (navigateToMiniProgram, openEmbeddedMiniProgram) goes: `appId`, else
/// `shortLink`; throws the parameter error with neither.
#[wasm_bindgen(js_name = miniProgramTarget)]
pub fn target(
    api: &str,
    app_id: Option<String>,
    short_link: Option<String>,
) -> Result<String, JsValue> {
    mini_program_target(app_id.as_deref(), short_link.as_deref()).map_err(|e| {
        with_field(
            error_with_errmsg(&format!("{api}:fail {e}")),
            "errno",
            Some(1001),
        )
    })
}

/// How a target at `path`, opened from `source_app_id`, launches when it runs here too:
/// `{path, query, scene, referrerAppId}` (the launch parameters of a preview URL).
#[wasm_bindgen(js_name = targetLaunch)]
pub fn launch_of_target(path: &str, source_app_id: &str) -> Object {
    let launch = target_launch(path, source_app_id);
    let out = Object::new();
    set(&out, "path", &launch.path.into());
    set(&out, "query", &launch.query.into());
    set(&out, "scene", &launch.scene.into());
    set(&out, "referrerAppId", &launch.referrer_app_id.into());
    out
}

/// The target's `envVersion` (`release` unless `develop` or `trial`).
#[wasm_bindgen(js_name = miniProgramEnvVersion)]
pub fn target_env(value: Option<String>) -> String {
    env_version(value.as_deref()).to_owned()
}

/// `<api>:fail cancel`.
#[wasm_bindgen(js_name = openCancelled)]
pub fn cancelled(api: &str) -> JsValue {
    error_with_errmsg(&format!("{api}:fail cancel"))
}

/// `requestPayment`'s result for the cashier's `outcome` (`'pay' | 'cancel' | 'fail'`,
/// `detail` the failure's text): nothing, or throws the failure.
#[wasm_bindgen(js_name = paymentResult)]
pub fn payment_result(outcome: &str, detail: &str) -> Result<(), JsValue> {
    let outcome = PaymentOutcome::parse(outcome).unwrap_or(PaymentOutcome::Cancel);
    pay(outcome, detail).map_err(|e| error_with_errmsg(&format!("requestPayment:fail {e}")))
}

/// Whether `value` is a cashier outcome the phone may preset (else the sheet asks).
#[wasm_bindgen(js_name = isPaymentOutcome)]
pub fn is_payment_outcome(value: &str) -> bool {
    PaymentOutcome::parse(value).is_some()
}

/// `<api>:fail privacy permission is not authorized` with errno 104 when `agreed` is false.
#[wasm_bindgen(js_name = privacyAnswer)]
pub fn privacy_answer(api: &str, agreed: bool) -> Result<(), JsValue> {
    wxrt_core::apis::open::privacy_answer(agreed).map_err(|e: PrivacyError| {
        with_field(
            error_with_errmsg(&format!("{api}:fail {e}")),
            "errno",
            Some(PRIVACY_ERRNO),
        )
    })
}

/// `getPrivacySetting`'s `privacyContractName` for the app called `app`.
#[wasm_bindgen(js_name = privacyContractName)]
pub fn privacy_contract_name(app: &str) -> String {
    wxrt_core::apis::open::contract_name(app)
}

fn subscribe_failure(e: SubscribeError) -> JsValue {
    with_field(
        error_with_errmsg(&format!("requestSubscribeMessage:fail {e}")),
        "errCode",
        e.code(),
    )
}

/// One user's subscription-message settings for one mini-program (core's `Subscriptions`).
#[wasm_bindgen]
pub struct SubscribeBook {
    book: Subscriptions,
    plan: SubscribePlan,
}

#[wasm_bindgen]
impl SubscribeBook {
    /// The settings saved as `text` (empty: none).
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> SubscribeBook {
        SubscribeBook {
            book: Subscriptions::load(text),
            plan: SubscribePlan::default(),
        }
    }

    /// Plans a request for `ids` (`tap`: from a tap); returns the ids to ask about, in order,
    /// or throws WeChat's failure with its `errCode`.
    pub fn plan(&mut self, ids: &Array, tap: bool) -> Result<Array, JsValue> {
        let ids: Vec<Option<String>> = ids.iter().map(|v| v.as_string()).collect();
        self.plan = self.book.plan(&ids, tap).map_err(subscribe_failure)?;
        Ok(self.plan.ask.iter().map(|s| JsValue::from_str(s)).collect())
    }

    /// The user answered the planned sheet (`answers` per asked id; `keep`: always keep);
    /// returns `{[id]: 'accept' | 'reject'}` for every id.
    pub fn answer(&mut self, answers: Vec<u8>, keep: bool) -> Object {
        let answers: Vec<bool> = answers.iter().map(|a| *a != 0).collect();
        let out = Object::new();
        for (id, accept) in self.book.answer(&self.plan, &answers, keep) {
            set(
                &out,
                &id,
                &wxrt_core::apis::open::subscribe_word(accept).into(),
            );
        }
        out
    }

    /// `subscriptionsSetting`: `{mainSwitch, itemSettings?}`.
    pub fn settings(&self) -> Object {
        let (main, kept) = self.book.settings();
        let out = Object::new();
        set(&out, "mainSwitch", &main.into());
        if !kept.is_empty() {
            let items = Object::new();
            for (id, accept) in kept {
                set(
                    &items,
                    &id,
                    &wxrt_core::apis::open::subscribe_word(accept).into(),
                );
            }
            set(&out, "itemSettings", &items.into());
        }
        out
    }

    /// Turns all subscription messages on or off.
    #[wasm_bindgen(js_name = setMainSwitch)]
    pub fn set_main_switch(&mut self, on: bool) {
        self.book.set_main_switch(on);
    }

    /// The settings as text for the constructor.
    pub fn save(&self) -> String {
        self.book.save()
    }
}

fn ad_failure(e: AdError) -> JsValue {
    with_field(error_with_errmsg(&e.to_string()), "errCode", Some(e.code()))
}

/// One ad unit's state (core's `AdUnit`).
#[wasm_bindgen(js_name = AdUnitState)]
pub struct Ad {
    unit: AdUnit,
}

#[wasm_bindgen(js_class = AdUnitState)]
impl Ad {
    /// A unit; `rewarded` for a rewarded video, else an interstitial.
    #[wasm_bindgen(constructor)]
    pub fn new(rewarded: bool) -> Ad {
        Ad {
            unit: AdUnit::new(if rewarded {
                AdKind::RewardedVideo
            } else {
                AdKind::Interstitial
            }),
        }
    }

    /// Loading answered (`has_ad` from the simulated phone); throws `{errMsg, errCode}`.
    pub fn load(&mut self, has_ad: bool) -> Result<(), JsValue> {
        self.unit.load(has_ad).map_err(ad_failure)
    }

    /// `show()`; throws `{errMsg, errCode}`.
    pub fn show(&mut self) -> Result<(), JsValue> {
        self.unit.show().map_err(ad_failure)
    }

    /// Closed by the user; `onClose`'s `isEnded` for a rewarded video, else undefined.
    pub fn close(&mut self, watched_to_end: bool) -> Option<bool> {
        self.unit.close(watched_to_end)
    }

    /// `destroy()`.
    pub fn destroy(&mut self) {
        self.unit.destroy();
    }
}
