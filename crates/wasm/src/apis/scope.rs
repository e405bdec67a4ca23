//! `Scopes`: one user's permission answers for one mini-program (core's `ScopeBook`).

use js_sys::Object;
use wasm_bindgen::prelude::*;
use wxrt_core::apis::scope::{describe, Decision, ScopeBook, ScopeError};
use wxrt_core::errmsg::Failure;

use crate::error::js_failure;
use crate::options::set;

/// The permission answers of one (appid, user), kept as text by the shim.
#[wasm_bindgen]
pub struct Scopes {
    book: ScopeBook,
}

fn api_name(api: &str) -> &'static str {
    // errMsg names the calling API; the names are the family methods' own.
    wxrt_core::apis::schema(api).map_or("authorize", |(name, _)| name)
}

fn fail(api: &str) -> impl Fn(ScopeError) -> JsValue + '_ {
    move |reason| js_failure(Failure::new(api_name(api), reason))
}

fn decision(decision: Decision) -> String {
    match decision {
        Decision::Go => "go",
        Decision::Ask => "ask",
        Decision::Refuse => "refuse",
    }
    .to_owned()
}

#[wasm_bindgen]
impl Scopes {
    /// The answers saved as `text` (empty: none yet).
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> Scopes {
        Scopes {
            book: ScopeBook::load(text),
        }
    }

    /// What `api`, needing `scope`, does now: `"go"` or `"ask"`; throws `<api>:fail auth deny`
    /// when the user denied it before.
    pub fn require(&self, scope: &str, api: &str) -> Result<String, JsValue> {
        match self.book.decide(scope).map_err(fail(api))? {
            Decision::Refuse => Err(fail(api)(ScopeError::Denied)),
            other => Ok(decision(other)),
        }
    }

    /// `wx.authorize({scope})`'s first step: `"go"` or `"ask"`, or the failure.
    pub fn authorize(&self, scope: &str) -> Result<String, JsValue> {
        match self.book.authorize(scope).map_err(fail("authorize"))? {
            Decision::Refuse => Err(fail("authorize")(ScopeError::Denied)),
            other => Ok(decision(other)),
        }
    }

    /// The user answered the dialog `api` showed for `scope`; throws `<api>:fail auth deny`
    /// when the answer was no.
    pub fn answer(&mut self, scope: &str, granted: bool, api: &str) -> Result<(), JsValue> {
        self.book.answer(scope, granted).map_err(fail(api))
    }

    /// A switch on the settings page; false when the page does not list `scope`.
    #[wasm_bindgen(js_name = switchScope)]
    pub fn switch_scope(&mut self, scope: &str, granted: bool) -> bool {
        self.book.switch(scope, granted)
    }

    /// Records an answer for `scope` by hand (the workbench, the handle); throws for a
    /// scope WeChat does not know.
    pub fn record(&mut self, scope: &str, granted: bool) -> Result<(), JsValue> {
        self.book.record(scope, granted).map_err(fail("authorize"))
    }

    /// Forgets the answer for `scope`: the next use asks again.
    pub fn forget(&mut self, scope: &str) {
        self.book.forget(scope);
    }

    /// `authSetting`: every scope asked, with its answer.
    pub fn settings(&self) -> Object {
        let out = Object::new();
        for (scope, granted) in self.book.settings() {
            set(&out, scope, &granted.into());
        }
        out
    }

    /// The answers as text for the constructor.
    pub fn save(&self) -> String {
        self.book.save()
    }

    /// Forgets every answer.
    pub fn reset(&mut self) {
        self.book.reset();
    }

    /// What the dialog for `scope` says the mini-program asks for.
    pub fn describe(scope: &str) -> Option<String> {
        describe(scope).map(str::to_owned)
    }
}
