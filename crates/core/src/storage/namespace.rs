//! One (appid, user) pair's slice of the backend.

use super::error::NamespaceError;

/// The backend-key prefix of one (appid, user) pair: `wxrt:<appid>:<user>:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespace {
    prefix: String,
}

const MAX_ID_LEN: usize = 64;

/// Whether `value` is an appid or user id wxrt accepts: 1 to 64 of `[A-Za-z0-9_-]`.
pub(crate) fn is_valid_id(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= MAX_ID_LEN
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn check_id(field: &'static str, value: &str) -> Result<(), NamespaceError> {
    if !is_valid_id(value) {
        return Err(NamespaceError {
            field,
            value: value.to_owned(),
        });
    }
    Ok(())
}

impl Namespace {
    /// The namespace of `user` in the mini-program `appid`. Both must be 1 to 64 of
    /// `[A-Za-z0-9_-]`, so no pair's prefix is a prefix of another's.
    pub fn new(appid: &str, user: &str) -> Result<Self, NamespaceError> {
        check_id("appid", appid)?;
        check_id("user", user)?;
        Ok(Self {
            prefix: format!("wxrt:{appid}:{user}:"),
        })
    }

    /// The backend key that holds the mini-program's `key`.
    pub fn backend_key(&self, key: &str) -> String {
        let mut out = String::with_capacity(self.prefix.len() + key.len());
        out.push_str(&self.prefix);
        out.push_str(key);
        out
    }

    /// The mini-program key stored under `backend_key`, if it belongs to this namespace.
    pub fn user_key<'a>(&self, backend_key: &'a str) -> Option<&'a str> {
        backend_key.strip_prefix(self.prefix.as_str())
    }

    /// `wxrt:<appid>:<user>:`
    pub fn prefix(&self) -> &str {
        &self.prefix
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_the_prefix() {
        let ns = Namespace::new("wxapp", "u1").unwrap();
        let backend_key = ns.backend_key("a:b:c");
        assert_eq!(backend_key, "wxrt:wxapp:u1:a:b:c");
        assert_eq!(ns.user_key(&backend_key), Some("a:b:c"));
        assert_eq!(ns.user_key("wxrt:wxapp:u10:x"), None);
        assert_eq!(ns.user_key("other"), None);
    }

    #[test]
    fn rejects_ids_that_could_collide() {
        assert!(Namespace::new("a:b", "c").is_err());
        assert!(Namespace::new("", "c").is_err());
        assert!(Namespace::new("app", "").is_err());
        assert!(Namespace::new("app", &"u".repeat(65)).is_err());
        let err = Namespace::new("app", "x y").unwrap_err();
        assert!(err.to_string().contains("user"));
    }
}
