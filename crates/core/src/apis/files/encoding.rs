//! The text encodings FileSystemManager reads and writes (`encoding` option): text to
//! bytes for writes, bytes to text for reads, as Node's Buffer (which WeChat follows).

use base64ct::{Base64, Base64Unpadded, Encoding as _};

use super::error::FsError;

/// One of WeChat's encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// `utf8`, `utf-8` (writeFile's default).
    Utf8,
    /// `ascii`: each byte's low 7 bits.
    Ascii,
    /// `base64`: the bare content, no `data:` prefix.
    Base64,
    /// `binary`, `latin1`: one byte per character.
    Latin1,
    /// `hex`.
    Hex,
    /// `ucs2`, `ucs-2`, `utf16le`, `utf-16le`: UTF-16 code units, little-endian.
    Utf16Le,
}

impl Encoding {
    /// The encoding WeChat calls `name`.
    ///
    /// # Errors
    ///
    /// [`FsError::Encoding`] for a name it does not list.
    pub fn named(name: &str) -> Result<Self, FsError> {
        Ok(match name {
            "utf8" | "utf-8" => Self::Utf8,
            "ascii" => Self::Ascii,
            "base64" => Self::Base64,
            "binary" | "latin1" => Self::Latin1,
            "hex" => Self::Hex,
            "ucs2" | "ucs-2" | "utf16le" | "utf-16le" => Self::Utf16Le,
            other => return Err(FsError::Encoding(other.to_owned())),
        })
    }

    /// The bytes `text` stands for in this encoding.
    ///
    /// # Errors
    ///
    /// [`FsError::Base64`] for base64 text that is not base64.
    pub fn to_bytes(self, text: &str) -> Result<Vec<u8>, FsError> {
        Ok(match self {
            Self::Utf8 => text.as_bytes().to_vec(),
            // Node keeps the low byte of each code unit for both.
            Self::Ascii | Self::Latin1 => text.encode_utf16().map(|u| u as u8).collect(),
            Self::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            Self::Hex => {
                // As Node: decoding stops at the first pair that is not hex.
                let digits: Vec<u8> = text.bytes().collect();
                digits
                    .chunks_exact(2)
                    .map_while(|pair| {
                        let text = std::str::from_utf8(pair).ok()?;
                        u8::from_str_radix(text, 16).ok()
                    })
                    .collect()
            }
            Self::Base64 => {
                let clean: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                Base64::decode_vec(&clean)
                    .or_else(|_| Base64Unpadded::decode_vec(&clean))
                    .map_err(|_| FsError::Base64)?
            }
        })
    }

    /// `bytes` as text in this encoding (invalid UTF-8 becomes U+FFFD, as in Node).
    pub fn to_text(self, bytes: &[u8]) -> String {
        match self {
            Self::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            Self::Ascii => bytes.iter().map(|b| char::from(b & 0x7f)).collect(),
            Self::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
            Self::Utf16Le => {
                let units: Vec<u16> = bytes
                    .chunks_exact(2)
                    .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
            }
            Self::Hex => bytes.iter().map(|b| format!("{b:02x}")).collect(),
            Self::Base64 => Base64::encode_string(bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_encoding_round_trips() {
        for name in [
            "utf8", "utf-8", "ascii", "base64", "binary", "latin1", "hex", "ucs2", "utf16le",
        ] {
            let encoding = Encoding::named(name).unwrap();
            let text = encoding.to_text(b"Hi!\n");
            assert_eq!(encoding.to_bytes(&text).unwrap(), b"Hi!\n", "{name}");
        }
    }

    #[test]
    fn decodes_as_node_does() {
        assert_eq!(Encoding::Utf8.to_bytes("é").unwrap(), [0xc3, 0xa9]);
        assert_eq!(Encoding::Latin1.to_bytes("é").unwrap(), [0xe9]);
        assert_eq!(Encoding::Hex.to_bytes("41zz42").unwrap(), b"A");
        assert_eq!(Encoding::Base64.to_bytes("SGk").unwrap(), b"Hi");
        assert_eq!(Encoding::Base64.to_text(b"Hi"), "SGk=");
        assert_eq!(Encoding::Base64.to_bytes("*!"), Err(FsError::Base64));
        assert_eq!(Encoding::Ascii.to_text(&[0xc1]), "A");
        assert_eq!(Encoding::Utf16Le.to_bytes("A").unwrap(), [0x41, 0]);
        assert_eq!(Encoding::named("gbk"), Err(FsError::Encoding("gbk".into())));
    }
}
