//! `wx.downloadFile`'s rules beside the request ones it shares (domains, the queue): its
//! timeout, its progress figures and the name of the temporary file it makes.

/// WeChat's timeout when neither the call nor app.json gives one.
pub const DEFAULT_TIMEOUT_MS: f64 = 60_000.0;

/// The timeout: the call's `timeout`, else app.json's `networkTimeout.downloadFile`, else
/// 60 s (each used only when a positive number).
pub fn timeout_ms(given: Option<f64>, app: Option<f64>) -> f64 {
    [given, app]
        .into_iter()
        .flatten()
        .find(|ms| ms.is_finite() && *ms > 0.0)
        .unwrap_or(DEFAULT_TIMEOUT_MS)
}

/// `onProgressUpdate`'s `progress` (0–100) for `written` of `total` bytes (0 while the
/// total is unknown).
pub fn progress(written: f64, total: f64) -> u32 {
    if total > 0.0 {
        ((written / total) * 100.0).clamp(0.0, 100.0).floor() as u32
    } else {
        0
    }
}

const TYPES: &[(&str, &str)] = &[
    ("image/jpeg", "jpg"),
    ("image/png", "png"),
    ("image/gif", "gif"),
    ("image/webp", "webp"),
    ("image/svg+xml", "svg"),
    ("application/pdf", "pdf"),
    ("application/json", "json"),
    ("text/plain", "txt"),
    ("text/html", "html"),
    ("video/mp4", "mp4"),
    ("audio/mpeg", "mp3"),
    ("application/zip", "zip"),
];

/// The extension of the temporary file for a download of `url` answered with
/// `content_type`: the URL's own when it has one, else the type's, else none.
pub fn extension(url: &str, content_type: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let last = path.rsplit('/').next().unwrap_or("");
    if let Some((_, ext)) = last.rsplit_once('.') {
        if (1..=8).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return ext.to_ascii_lowercase();
        }
    }
    let mime = content_type.split(';').next().unwrap_or("").trim();
    TYPES
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(mime))
        .map_or_else(String::new, |(_, ext)| (*ext).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeout_prefers_the_call_then_app_json() {
        assert_eq!(timeout_ms(Some(500.0), Some(900.0)), 500.0);
        assert_eq!(timeout_ms(None, Some(900.0)), 900.0);
        assert_eq!(timeout_ms(Some(-1.0), None), 60_000.0);
    }

    #[test]
    fn progress_and_extension() {
        assert_eq!(progress(50.0, 200.0), 25);
        assert_eq!(progress(5.0, 0.0), 0);
        assert_eq!(extension("https://a.com/x/pic.PNG?x=1", ""), "png");
        assert_eq!(extension("https://a.com/get", "image/jpeg; q=1"), "jpg");
        assert_eq!(extension("https://a.com/get", "x/unknown"), "");
    }
}
