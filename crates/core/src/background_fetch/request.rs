//! The GET request of a fetch: the download URL with WeChat's query parameters, each
//! URL-encoded, in the documented order.

use super::FetchType;
use crate::network::{append_query, encode_pairs};

/// Who the request is for: the app's token (`wx.setBackgroundFetchToken`), or else a login
/// code WeChat generates, which the developer's server exchanges at `jscode2session`.
/// Exactly one of the two is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// `token`.
    Token(String),
    /// `code`.
    Code(String),
}

/// What the app was launched with, which the prefetch passes on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LaunchContext {
    /// The launch page, without a leading `/` (`pages/index/index`).
    pub path: String,
    /// The launch query as one string (`id=7&from=share`), as WeChat passes it.
    pub query: String,
    /// The scene value.
    pub scene: u32,
}

/// One fetch's request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchRequest {
    /// Prefetch or periodic update.
    pub fetch_type: FetchType,
    /// The URL to GET: the download URL with the parameters appended.
    pub url: String,
    /// The parameters, unencoded, in order (for the debugging view).
    pub params: Vec<(String, String)>,
}

impl FetchRequest {
    /// The prefetch at cold start: `appid`, `token` or `code`, `timestamp` (ms), `path`,
    /// `query`, `scene`, `customMiniprogramVersion`.
    pub fn prefetch(
        download_url: &str,
        appid: &str,
        identity: &Identity,
        timestamp_ms: u64,
        launch: &LaunchContext,
        version: &str,
    ) -> Self {
        let (identity_name, identity_value) = match identity {
            Identity::Token(token) => ("token", token),
            Identity::Code(code) => ("code", code),
        };
        let params = [
            ("appid", appid.to_owned()),
            (identity_name, identity_value.clone()),
            ("timestamp", timestamp_ms.to_string()),
            ("path", launch.path.clone()),
            ("query", launch.query.clone()),
            ("scene", launch.scene.to_string()),
            ("customMiniprogramVersion", version.to_owned()),
        ];
        Self::new(FetchType::Pre, download_url, &params)
    }

    /// A periodic update: `appid`, `token`, `timestamp` (ms).
    pub fn periodic(download_url: &str, appid: &str, token: &str, timestamp_ms: u64) -> Self {
        let params = [
            ("appid", appid.to_owned()),
            ("token", token.to_owned()),
            ("timestamp", timestamp_ms.to_string()),
        ];
        Self::new(FetchType::Periodic, download_url, &params)
    }

    fn new(fetch_type: FetchType, download_url: &str, params: &[(&str, String)]) -> Self {
        let params: Vec<(String, String)> = params
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value.clone()))
            .collect();
        Self {
            fetch_type,
            url: append_query(download_url, &encode_pairs(&params)),
            params,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_replaces_the_code_and_everything_is_encoded() {
        let launch = LaunchContext {
            path: "pages/商品/detail".into(),
            query: "q=a b&tag=#1".into(),
            scene: 1047,
        };
        let request = FetchRequest::prefetch(
            "https://example.com/data?v=2#top",
            "wxabc",
            &Identity::Token("t/k+n=".into()),
            42,
            &launch,
            "",
        );
        assert_eq!(
            request.url,
            "https://example.com/data?v=2&appid=wxabc&token=t%2Fk%2Bn%3D&timestamp=42\
             &path=pages%2F%E5%95%86%E5%93%81%2Fdetail&query=q%3Da%20b%26tag%3D%231&scene=1047\
             &customMiniprogramVersion=#top"
        );
        let names: Vec<&str> = request.params.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "appid",
                "token",
                "timestamp",
                "path",
                "query",
                "scene",
                "customMiniprogramVersion"
            ]
        );
        assert_eq!(request.fetch_type, FetchType::Pre);
    }

    #[test]
    fn periodic_sends_appid_token_and_timestamp() {
        let request = FetchRequest::periodic("http://127.0.0.1:9/p", "wxabc", "tok", 7);
        assert_eq!(
            request.url,
            "http://127.0.0.1:9/p?appid=wxabc&token=tok&timestamp=7"
        );
        assert_eq!(request.fetch_type, FetchType::Periodic);
    }
}
