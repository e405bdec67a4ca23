//! How the `data` of a request is sent, and the `encodeURIComponent` query encoding.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::plan::{DataKind, Method};

/// What `encodeURIComponent` escapes: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// What the glue does with the request's `data`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    /// Nothing is sent: no data, or binary data on a GET or HEAD (fetch allows no body).
    None,
    /// The data goes into the URL: an object's pairs through [`encode_pairs`], a string
    /// as is, then [`append_query`].
    QueryString,
    /// The body is the object's pairs through [`encode_pairs`].
    FormUrlEncoded,
    /// The body is `JSON.stringify(data)`.
    Json,
    /// The body is the string or ArrayBuffer as is.
    Raw,
}

/// `encodeURIComponent(s)`.
pub fn encode_uri_component(s: &str) -> String {
    utf8_percent_encode(s, URI_COMPONENT).to_string()
}

/// `k=v&k=v…` with both sides through `encodeURIComponent`, in the given order.
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.extend(utf8_percent_encode(key, URI_COMPONENT));
        out.push('=');
        out.extend(utf8_percent_encode(value, URI_COMPONENT));
    }
    out
}

/// `url` with `query` appended: after `?`, or `&` when the URL already has a query (none
/// when it already ends in `?` or `&`); a `#fragment` stays last. An empty `query`
/// leaves the URL as it is.
pub fn append_query(url: &str, query: &str) -> String {
    if query.is_empty() {
        return url.to_string();
    }
    let (base, fragment) = url.split_at(url.find('#').unwrap_or(url.len()));
    let separator = match base.find('?') {
        None => "?",
        Some(_) if base.ends_with(['?', '&']) => "",
        Some(_) => "&",
    };
    let mut out = String::with_capacity(url.len() + query.len() + 1);
    out.push_str(base);
    out.push_str(separator);
    out.push_str(query);
    out.push_str(fragment);
    out
}

/// Whether `content_type` is `application/x-www-form-urlencoded`, ignoring case and
/// parameters such as `; charset=UTF-8`.
fn is_form(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/x-www-form-urlencoded")
}

/// How `data` of kind `data` is sent with `method` and the request's `content-type`:
/// - no data → [`None`](BodyEncoding::None);
/// - GET or HEAD: an object or a string → [`QueryString`](BodyEncoding::QueryString),
///   binary → [`None`](BodyEncoding::None);
/// - other methods: a string or binary → [`Raw`](BodyEncoding::Raw); an object →
///   [`FormUrlEncoded`](BodyEncoding::FormUrlEncoded) with an
///   `application/x-www-form-urlencoded` content type, else [`Json`](BodyEncoding::Json).
pub fn body_encoding(method: Method, content_type: Option<&str>, data: DataKind) -> BodyEncoding {
    match (data, method.allows_body()) {
        (DataKind::Absent, _) | (DataKind::Binary, false) => BodyEncoding::None,
        (DataKind::Object | DataKind::Text, false) => BodyEncoding::QueryString,
        (DataKind::Text | DataKind::Binary, true) => BodyEncoding::Raw,
        (DataKind::Object, true) if content_type.is_some_and(is_form) => {
            BodyEncoding::FormUrlEncoded
        }
        (DataKind::Object, true) => BodyEncoding::Json,
    }
}
