//! `wx.uploadFile`: its options checked, as a request's are. It shares the request queue
//! (WeChat's ten concurrent calls count requests, uploads and downloads together).

use super::error::RequestError;
use super::plan::{timeout_or, NetworkConfig};
use crate::js_type::JsType;

/// The options of one `wx.uploadFile` call, as the glue read them.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadInput<'a> {
    /// `url`, or the JavaScript type it had instead of a string.
    pub url: Result<&'a str, JsType>,
    /// `filePath`: a temporary path this runtime handed out (`chooseImage`, ...).
    pub file_path: Result<&'a str, JsType>,
    /// `name`: the form field the file goes in.
    pub name: Result<&'a str, JsType>,
    /// `header`, as name/value pairs.
    pub headers: Vec<(String, String)>,
    /// `timeout`, when a number.
    pub timeout_ms: Option<f64>,
}

/// A checked upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadPlan {
    /// Where to send it.
    pub url: String,
    /// The file to send.
    pub file_path: String,
    /// Its form field.
    pub name: String,
    /// Headers to send: the caller's, without `Referer` (WeChat's own) and without
    /// `Content-Type` (the multipart boundary is the browser's).
    pub headers: Vec<(String, String)>,
    /// The upload's timeout.
    pub timeout_ms: u64,
}

/// Checks a `wx.uploadFile` call, in this order: `url` type, `filePath`, `name`, `url`
/// form and domain list.
///
/// # Errors
///
/// The [`RequestError`] WeChat reports (its `errMsg` is `uploadFile:fail <reason>`).
pub fn plan_upload(
    input: UploadInput<'_>,
    config: &NetworkConfig,
) -> Result<UploadPlan, RequestError> {
    let url = input.url.map_err(RequestError::UrlType)?;
    let required = |field, value: Result<&str, JsType>| {
        value
            .map(str::to_owned)
            .map_err(|actual| RequestError::ParameterType { field, actual })
    };
    let file_path = required("filePath", input.file_path)?;
    let name = required("name", input.name)?;
    config.domains.check(url)?;
    let headers = input
        .headers
        .into_iter()
        .filter(|(header, _)| {
            !header.eq_ignore_ascii_case("referer") && !header.eq_ignore_ascii_case("content-type")
        })
        .collect();
    Ok(UploadPlan {
        url: url.to_owned(),
        file_path,
        name,
        headers,
        timeout_ms: timeout_or(input.timeout_ms, config.upload_timeout_ms),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::DomainList;

    fn input<'a>() -> UploadInput<'a> {
        UploadInput {
            url: Ok("https://api.example.com/upload"),
            file_path: Ok("wxfile://tmp_1.png"),
            name: Ok("avatar"),
            headers: vec![
                ("Content-Type".into(), "text/plain".into()),
                ("Referer".into(), "x".into()),
                ("X-Token".into(), "t".into()),
            ],
            timeout_ms: None,
        }
    }

    #[test]
    fn plans_an_upload_with_the_app_timeout_and_without_content_type() {
        let config = NetworkConfig {
            upload_timeout_ms: 9_000,
            ..NetworkConfig::default()
        };
        let plan = plan_upload(input(), &config).unwrap();
        assert_eq!(plan.headers, vec![("X-Token".to_owned(), "t".to_owned())]);
        assert_eq!(plan.timeout_ms, 9_000);
        assert_eq!(plan.name, "avatar");
    }

    #[test]
    fn refuses_missing_options_and_other_domains() {
        let config = NetworkConfig::default();
        let mut no_path = input();
        no_path.file_path = Err(JsType::Undefined);
        assert_eq!(
            plan_upload(no_path, &config).unwrap_err().to_string(),
            "parameter error: parameter.filePath should be String instead of Undefined;"
        );
        let mut no_name = input();
        no_name.name = Err(JsType::Number);
        assert_eq!(
            plan_upload(no_name, &config).unwrap_err().to_string(),
            "parameter error: parameter.name should be String instead of Number;"
        );
        let listed = NetworkConfig::new(
            None,
            DomainList::parse(&["https://other.example.com"]).unwrap(),
        );
        assert_eq!(
            plan_upload(input(), &listed).unwrap_err(),
            RequestError::DomainNotAllowed
        );
    }
}
