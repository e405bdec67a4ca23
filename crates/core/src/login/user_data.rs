//! What `wx.getUserInfo` and `wx.getUserProfile` give the developer's backend to check:
//! `rawData` signed with the user's session_key (`signature = sha1(rawData + session_key)`)
//! and the user's data encrypted for it (`encryptedData`: AES-128-CBC with PKCS#7 padding,
//! the session_key as key, a random 16-byte `iv`), as WeChat's "开放数据校验与解密"
//! describes. The decrypted JSON is `rawData`'s fields with `openId` first, `unionId` when
//! the app is bound to an Open Platform account, and WeChat's `watermark` last.

use aes::cipher::{block_padding::Pkcs7, BlockEncryptMut, KeyIvInit};
use base64ct::{Base64, Encoding};
use sha1::{Digest, Sha1};

type Aes128CbcEnc = cbc::Encryptor<aes::Aes128>;

/// The fields `getUserInfo` adds to its answer for the backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedUserData {
    /// sha1 hex of `rawData` followed by the session_key.
    pub signature: String,
    /// The encrypted user data, base64.
    pub encrypted_data: String,
    /// The initialisation vector, base64.
    pub iv: String,
}

/// Who the data is for and when it was made: what WeChat puts around `rawData`.
#[derive(Debug, Clone, Copy)]
pub struct Recipient<'a> {
    /// The app's appid (the watermark's `appid`).
    pub appid: &'a str,
    /// The user's openid in this app.
    pub openid: &'a str,
    /// The user's unionid, when the app has one.
    pub unionid: Option<&'a str>,
    /// Seconds since the epoch (the watermark's `timestamp`).
    pub timestamp: u64,
}

/// The plain JSON WeChat encrypts: `raw_data`'s members (a JSON object, as
/// `JSON.stringify(userInfo)` gives) between `openId` and the watermark. `None` when
/// `raw_data` is not an object's text.
pub fn plain_user_data(raw_data: &str, to: Recipient<'_>) -> Option<String> {
    let members = raw_data.trim().strip_prefix('{')?.strip_suffix('}')?.trim();
    let mut out = format!("{{\"openId\":\"{}\"", to.openid);
    if !members.is_empty() {
        out.push(',');
        out.push_str(members);
    }
    if let Some(unionid) = to.unionid {
        out.push_str(&format!(",\"unionId\":\"{unionid}\""));
    }
    out.push_str(&format!(
        ",\"watermark\":{{\"timestamp\":{},\"appid\":\"{}\"}}}}",
        to.timestamp, to.appid
    ));
    Some(out)
}

/// Signs `raw_data` and encrypts `plain` with the session_key (standard base64 of 16
/// bytes) and `iv`. `None` for a key that is not 16 bytes of base64.
pub fn sign_and_encrypt(
    raw_data: &str,
    plain: &str,
    session_key: &str,
    iv: [u8; 16],
) -> Option<SignedUserData> {
    let key: [u8; 16] = Base64::decode_vec(session_key).ok()?.try_into().ok()?;
    let mut hasher = Sha1::new();
    hasher.update(raw_data.as_bytes());
    hasher.update(session_key.as_bytes());
    let signature = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let encrypted = Aes128CbcEnc::new(&key.into(), &iv.into())
        .encrypt_padded_vec_mut::<Pkcs7>(plain.as_bytes());
    Some(SignedUserData {
        signature,
        encrypted_data: Base64::encode_string(&encrypted),
        iv: Base64::encode_string(&iv),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use aes::cipher::BlockDecryptMut;

    type Aes128CbcDec = cbc::Decryptor<aes::Aes128>;

    const TO: Recipient<'static> = Recipient {
        appid: "wx0123456789abcdef",
        openid: "oABC",
        unionid: None,
        timestamp: 1_700_000_000,
    };

    #[test]
    fn the_plain_data_wraps_raw_data_as_wechat_does() {
        let plain = plain_user_data(r#"{"nickName":"Ann","gender":0}"#, TO).unwrap();
        assert_eq!(
            plain,
            r#"{"openId":"oABC","nickName":"Ann","gender":0,"watermark":{"timestamp":1700000000,"appid":"wx0123456789abcdef"}}"#
        );
        let with_union = Recipient {
            unionid: Some("uXYZ"),
            ..TO
        };
        assert_eq!(
            plain_user_data("{}", with_union).unwrap(),
            r#"{"openId":"oABC","unionId":"uXYZ","watermark":{"timestamp":1700000000,"appid":"wx0123456789abcdef"}}"#
        );
        assert_eq!(plain_user_data("[1]", TO), None);
    }

    #[test]
    fn a_backend_decrypts_with_the_session_key_and_checks_the_signature() {
        let key = Base64::encode_string(&[7u8; 16]);
        let raw = r#"{"nickName":"Ann"}"#;
        let plain = plain_user_data(raw, TO).unwrap();
        let signed = sign_and_encrypt(raw, &plain, &key, [9; 16]).unwrap();
        let mut hasher = Sha1::new();
        hasher.update(format!("{raw}{key}").as_bytes());
        let expected: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(signed.signature, expected);
        let bytes = Base64::decode_vec(&signed.encrypted_data).unwrap();
        let iv: [u8; 16] = Base64::decode_vec(&signed.iv).unwrap().try_into().unwrap();
        let decrypted = Aes128CbcDec::new(&[7u8; 16].into(), &iv.into())
            .decrypt_padded_vec_mut::<Pkcs7>(&bytes)
            .unwrap();
        assert_eq!(String::from_utf8(decrypted).unwrap(), plain);
        assert_eq!(sign_and_encrypt(raw, &plain, "short", [0; 16]), None);
    }
}
