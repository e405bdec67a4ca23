//! `getFileInfo`'s digests: md5 (WeChat's default), sha1 and sha256, from RustCrypto.

use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// The hex digest of `bytes` by `algorithm` (`md5`, `sha1`, `sha256`), or `None` for an
/// algorithm WeChat does not offer.
pub fn hex_digest(algorithm: &str, bytes: &[u8]) -> Option<String> {
    let raw = match algorithm {
        "md5" => Md5::digest(bytes).to_vec(),
        "sha1" => Sha1::digest(bytes).to_vec(),
        "sha256" => Sha256::digest(bytes).to_vec(),
        _ => return None,
    };
    Some(raw.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        let md5 = |s: &str| hex_digest("md5", s.as_bytes()).unwrap();
        let sha1 = |s: &str| hex_digest("sha1", s.as_bytes()).unwrap();
        assert_eq!(md5(""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(md5("abc"), "900150983cd24fb0d6963f7d28e17f72");
        let long =
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890";
        assert_eq!(md5(long), "57edf4a22be3c955ac49da2e2107b67a");
        assert_eq!(sha1("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(sha1(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assert_eq!(
            sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
        assert!(hex_digest("crc32", b"").is_none());
    }
}
