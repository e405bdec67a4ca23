//! The glue of the `wx` API families that load on first use (`--features apis`): one
//! option check for every family method, and each family's own rules as classes and
//! functions. Mirrors `wxrt_core::apis`.

mod device;
mod files;
mod frame;
mod location;
mod media;
mod open;
mod scope;
mod socket;

pub use files::Files;
pub use scope::Scopes;
pub use socket::SocketRules;

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wxrt_core::apis::{params, schema};
use wxrt_core::errmsg::Failure;

use crate::convert::js_type;
use crate::error::js_failure;
use crate::options::field_of;

/// Checks `options` of the family method `api` as WeChat does before anything else;
/// throws the failure (`<api>:fail parameter error: …`) with its `errMsg`.
#[wasm_bindgen(js_name = checkOptions)]
pub fn check_options(api: &str, options: &JsValue) -> Result<(), JsValue> {
    let Some((api, fields)) = schema(api) else {
        return Err(JsError::new(&format!("{api} is not a method of an API family")).into());
    };
    check_fields(api, fields, options)
}

/// `options` against `fields` for `api`; the failure carries `errMsg` and WeChat's errno.
pub(crate) fn check_fields(
    api: &'static str,
    fields: &[params::Field],
    options: &JsValue,
) -> Result<(), JsValue> {
    params::check(fields, js_type(options), |name| {
        js_type(&field_of(options, name))
    })
    .map_err(|reason| {
        let error = js_failure(Failure::new(api, reason));
        let _ = Reflect::set(&error, &"errno".into(), &params::PARAMETER_ERRNO.into());
        error
    })
}
