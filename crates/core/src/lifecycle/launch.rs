//! Launch options: what a cold start was asked to open, read from the preview page's URL
//! (`?path=pages/a/a&query=id%3D3&scene=1011`), and the object `App.onLaunch` receives.

use percent_encoding::percent_decode_str;

use super::error::LaunchError;
use super::query::{parse_query, Query};
use super::url::PageUrl;

/// The scene of an app opened from WeChat's list of mini-programs, when none is given.
pub const DEFAULT_SCENE: u32 = 1001;

/// Who opened the mini-program (another mini-program, an official account), as
/// `referrerInfo` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referrer {
    /// `referrerInfo.appId`.
    pub app_id: String,
    /// `referrerInfo.extraData` as JSON text, parsed where JavaScript values live.
    pub extra_data: Option<String>,
}

/// How a cold start was requested. The page is resolved later, against `app.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchRequest {
    /// The page to open; `None` opens the entry page.
    pub path: Option<String>,
    /// The launch query.
    pub query: Query,
    /// The scene value.
    pub scene: u32,
    /// `shareTicket`, for launches from a shared card.
    pub share_ticket: Option<String>,
    /// `referrerInfo`, when another app opened this one.
    pub referrer: Option<Referrer>,
}

impl Default for LaunchRequest {
    fn default() -> Self {
        Self {
            path: None,
            query: Query::new(),
            scene: DEFAULT_SCENE,
            share_ticket: None,
            referrer: None,
        }
    }
}

impl LaunchRequest {
    /// Reads a page URL's search string (with or without the leading `?`). Parameters:
    /// `path` (a page, optionally with its own `?query`), `query` (the launch query,
    /// URL-encoded once: `id%3D3`), `scene`, `shareTicket`, `referrerAppId` and
    /// `referrerExtraData` (JSON). Other parameters are the page's own and are ignored.
    ///
    /// # Errors
    ///
    /// [`LaunchError`] when `scene` is not a positive integer or `referrerExtraData`
    /// comes without `referrerAppId`.
    pub fn from_search(search: &str) -> Result<Self, LaunchError> {
        let mut request = Self::default();
        let mut extra_data = None;
        let mut referrer_app_id = None;
        let search = search.strip_prefix('?').unwrap_or(search);
        for pair in search.split('&').filter(|pair| !pair.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode_component(value);
            match decode_component(name).as_str() {
                "path" => {
                    let url = PageUrl::resolve(&value, None);
                    request.path = Some(url.route).filter(|route| !route.is_empty());
                    for (key, value) in &url.query {
                        super::query::insert(&mut request.query, key, value);
                    }
                }
                "query" => {
                    for (key, value) in &parse_query(&value) {
                        super::query::insert(&mut request.query, key, value);
                    }
                }
                "scene" => request.scene = parse_scene(&value)?,
                "shareTicket" => request.share_ticket = Some(value),
                "referrerAppId" => referrer_app_id = Some(value),
                "referrerExtraData" => extra_data = Some(value),
                _ => {}
            }
        }
        request.referrer = match (referrer_app_id, extra_data) {
            (Some(app_id), extra_data) => Some(Referrer { app_id, extra_data }),
            (None, Some(_)) => return Err(LaunchError::ExtraDataWithoutReferrer),
            (None, None) => None,
        };
        Ok(request)
    }
}

/// `application/x-www-form-urlencoded` decoding, as the browser's `URLSearchParams` does.
fn decode_component(text: &str) -> String {
    let spaced = text.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

fn parse_scene(text: &str) -> Result<u32, LaunchError> {
    text.parse::<u32>()
        .ok()
        .filter(|scene| *scene > 0)
        .ok_or_else(|| LaunchError::Scene(text.to_owned()))
}

/// The object `App.onLaunch`, `App.onShow` and `wx.getLaunchOptionsSync` return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchOptions {
    /// The page opened, e.g. `pages/index/index`.
    pub path: String,
    /// The launch query.
    pub query: Query,
    /// The scene value.
    pub scene: u32,
    /// Present for share-card launches.
    pub share_ticket: Option<String>,
    /// `referrerInfo`; `{}` when absent.
    pub referrer: Option<Referrer>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_parameters() {
        let request = LaunchRequest::from_search(
            "?path=pages/a/a&query=id%3D3%26from%3Dshare&scene=1044&shareTicket=t1",
        )
        .unwrap();
        assert_eq!(request.path.as_deref(), Some("pages/a/a"));
        assert_eq!(
            request.query,
            vec![
                ("id".to_owned(), "3".to_owned()),
                ("from".to_owned(), "share".to_owned())
            ]
        );
        assert_eq!(request.scene, 1044);
        assert_eq!(request.share_ticket.as_deref(), Some("t1"));
        assert_eq!(request.referrer, None);
    }

    #[test]
    fn defaults_to_the_entry_page_with_scene_1001() {
        assert_eq!(
            LaunchRequest::from_search("").unwrap(),
            LaunchRequest::default()
        );
        let request = LaunchRequest::from_search("?debug=1").unwrap();
        assert_eq!(request.scene, DEFAULT_SCENE);
        assert_eq!(request.path, None);
    }

    #[test]
    fn a_path_may_carry_its_own_query_and_leading_slash() {
        let request =
            LaunchRequest::from_search("path=%2Fpages%2Fb%2Fb%3Fx%3D1&query=y%3D2").unwrap();
        assert_eq!(request.path.as_deref(), Some("pages/b/b"));
        assert_eq!(request.query.len(), 2);
    }

    #[test]
    fn referrer_needs_an_app_id() {
        let request =
            LaunchRequest::from_search("referrerAppId=wxabc&referrerExtraData=%7B%22a%22%3A1%7D")
                .unwrap();
        let referrer = request.referrer.unwrap();
        assert_eq!(referrer.app_id, "wxabc");
        assert_eq!(referrer.extra_data.as_deref(), Some("{\"a\":1}"));
        assert_eq!(
            LaunchRequest::from_search("referrerExtraData=%7B%7D"),
            Err(LaunchError::ExtraDataWithoutReferrer)
        );
    }

    #[test]
    fn rejects_a_scene_that_is_not_a_positive_integer() {
        for bad in ["abc", "0", "-3", "1.5", ""] {
            let error = LaunchRequest::from_search(&format!("scene={bad}")).unwrap_err();
            assert_eq!(error, LaunchError::Scene(bad.to_owned()));
        }
    }
}
