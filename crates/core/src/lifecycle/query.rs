//! Page query strings as WeChat delivers them to `onLoad`: split on `&` and the first `=`,
//! values kept exactly as written (WeChat does not percent-decode them; apps call
//! `decodeURIComponent` themselves).

/// A page's query, in the order its keys were written. A repeated key keeps its last value,
/// as assigning into a JavaScript object does.
pub type Query = Vec<(String, String)>;

/// Parses `a=1&b=2` (no leading `?`). A pair without `=` is a key with an empty value;
/// empty pairs (`a=1&&b=2`) are skipped.
pub fn parse_query(text: &str) -> Query {
    let mut query = Query::new();
    for pair in text.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        insert(&mut query, key, value);
    }
    query
}

/// Sets `key` to `value`, keeping the key's first position when it repeats.
pub fn insert(query: &mut Query, key: &str, value: &str) {
    match query.iter_mut().find(|(existing, _)| existing == key) {
        Some((_, slot)) => value.clone_into(slot),
        None => query.push((key.to_owned(), value.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(query: &Query) -> Vec<(&str, &str)> {
        query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    #[test]
    fn keeps_values_undecoded_and_in_order() {
        let query = parse_query("id=3&name=a%20b&flag&x=1=2");
        assert_eq!(
            pairs(&query),
            [("id", "3"), ("name", "a%20b"), ("flag", ""), ("x", "1=2")]
        );
    }

    #[test]
    fn repeated_key_keeps_first_position_and_last_value() {
        let query = parse_query("a=1&&b=2&a=3");
        assert_eq!(pairs(&query), [("a", "3"), ("b", "2")]);
        assert!(parse_query("").is_empty());
    }
}
