//! The text of one stored entry.
//!
//! ```text
//! ps3,5|hello            plain: readable in the browser's storage viewer
//! ps7,6,2|上海           plain, not ASCII: UTF-16 length follows the byte count
//! po8,*102400|{"a":…     plain, large, bytes not counted yet: `*` and the UTF-16 length
//! zo4,102400|0㐀…        compressed: LZ4, then packed 15 bits per character
//! es5,6|1䀀…             encrypted: AES-128-GCM of the payload, packed
//! ^^ ^ ^ ^
//! || | | payload UTF-8 bytes (plaintext), used for quota accounting
//! || | first-write sequence number: getStorageInfo().keys order survives reloads
//! || value kind (s n b d u l a o, see ValueKind)
//! |format (p z e)
//! ```
//!
//! The lengths let a reader check a plain entry against its header without copying the
//! payload out of the browser's string: a hand-edited entry of another length is caught.
//!
//! Counting a long string's UTF-8 bytes costs more than storing it, so a large plain
//! value may be written with its UTF-16 length only (`*`): its bytes, at most three per
//! unit, are counted when a limit or `getStorageInfo` needs the exact figure.
//!
//! Small values stay plain. The caller may ask for a large value to be compacted
//! ([`Packing::Compact`]): it is then stored compressed when that saves at least a tenth
//! of its localStorage footprint, which is what lets WeChat's 10 MB quota of realistic
//! JSON fit into Chromium's ~5.2 million code units.

use super::backend::utf16_len;
use super::cipher::{self, Sealer};
use super::error::{Corruption, StorageError};
use super::limits::KEY_MAX_BYTES;
use super::pack::{pack, packed_units, unpack};
use super::value::{EncodedValue, ValueKind};
use crate::random::RandomSource;

/// Values shorter than this are never compressed: they stay readable and fast.
pub const COMPRESS_MIN_BYTES: usize = 1024;
/// Longest possible header (two tags, three u64s, three separators); scanning reads no more.
pub const MAX_HEADER_CHARS: usize = 2 + 20 + 1 + 20 + 1 + 20 + 1;

/// How the payload is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The payload text as is.
    Plain,
    /// LZ4-compressed, packed.
    Compressed,
    /// Encrypted (and possibly compressed first), packed.
    Encrypted,
}

impl Format {
    /// How an inspector names it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Plain => "plain",
            Self::Compressed => "compressed",
            Self::Encrypted => "encrypted",
        }
    }

    fn tag(self) -> char {
        match self {
            Self::Plain => 'p',
            Self::Compressed => 'z',
            Self::Encrypted => 'e',
        }
    }
}

/// What an entry's header records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// How the payload is stored.
    pub format: Format,
    /// What type the value comes back as.
    pub kind: ValueKind,
    /// First-write order.
    pub seq: u64,
    /// UTF-8 bytes of the plaintext payload; at most this many when not `bytes_counted`.
    pub payload_bytes: u64,
    /// UTF-16 code units of a plain payload (equal to the bytes when it is ASCII).
    pub payload_units: u64,
    /// Whether `payload_bytes` is the exact count (else the `*` form's bound).
    pub bytes_counted: bool,
}

/// UTF-8 bytes a payload of `units` UTF-16 code units has at most.
pub fn max_utf8_bytes(units: u64) -> u64 {
    units.saturating_mul(3)
}

/// Encryption inputs for one write.
pub struct Sealing<'a> {
    /// The (appid, user)'s cipher.
    pub cipher: &'a dyn Sealer,
    /// Nonce source.
    pub random: &'a mut dyn RandomSource,
    /// The backend key, bound into the ciphertext.
    pub context: &'a [u8],
}

/// Parses the header at the start of `raw`; returns it and the payload's byte offset.
pub fn parse_header(raw: &str) -> Result<(Header, usize), Corruption> {
    let bytes = raw.as_bytes();
    let format = match bytes.first() {
        Some(b'p') => Format::Plain,
        Some(b'z') => Format::Compressed,
        Some(b'e') => Format::Encrypted,
        _ => return Err(Corruption::Header),
    };
    let kind = bytes
        .get(1)
        .and_then(|tag| ValueKind::from_tag(*tag))
        .ok_or(Corruption::Header)?;
    let (seq, b',', after_seq) = parse_decimal(bytes, 2)? else {
        return Err(Corruption::Header);
    };
    if bytes.get(after_seq) == Some(&b'*') {
        let (units, b'|', start) = parse_decimal(bytes, after_seq + 1)? else {
            return Err(Corruption::Header);
        };
        if format != Format::Plain {
            return Err(Corruption::Header);
        }
        let header = Header {
            format,
            kind,
            seq,
            payload_bytes: max_utf8_bytes(units),
            payload_units: units,
            bytes_counted: false,
        };
        return Ok((header, start));
    }
    let (payload_bytes, payload_units, payload_start) = match parse_decimal(bytes, after_seq)? {
        (payload_bytes, b'|', start) => (payload_bytes, payload_bytes, start),
        (payload_bytes, b',', after_bytes) if format == Format::Plain => {
            match parse_decimal(bytes, after_bytes)? {
                (units, b'|', start) if units != payload_bytes => (payload_bytes, units, start),
                _ => return Err(Corruption::Header),
            }
        }
        _ => return Err(Corruption::Header),
    };
    let header = Header {
        format,
        kind,
        seq,
        payload_bytes,
        payload_units,
        bytes_counted: true,
    };
    Ok((header, payload_start))
}

/// Reads ASCII digits from `start` up to a `,` or `|`; returns the number, the separator
/// and the offset after it.
fn parse_decimal(bytes: &[u8], start: usize) -> Result<(u64, u8, usize), Corruption> {
    let mut value: u64 = 0;
    let mut end = start;
    loop {
        match bytes.get(end) {
            Some(digit @ b'0'..=b'9') => {
                value = value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(u64::from(digit - b'0')))
                    .ok_or(Corruption::Header)?;
                end += 1;
            }
            Some(&separator @ (b',' | b'|')) if end > start => {
                return Ok((value, separator, end + 1))
            }
            _ => return Err(Corruption::Header),
        }
    }
}

/// The header of a plain entry whose payload has `bytes` UTF-8 bytes and `units` UTF-16
/// code units: what [`encode`] writes before a plain payload.
pub fn plain_header(kind: ValueKind, seq: u64, bytes: usize, units: usize) -> String {
    header_text(Format::Plain, kind, seq, bytes, units)
}

/// The header of a plain entry of `units` UTF-16 code units whose bytes are not counted.
pub fn uncounted_plain_header(kind: ValueKind, seq: u64, units: usize) -> String {
    format!("p{}{seq},*{units}|", char::from(kind.tag()))
}

fn header_text(format: Format, kind: ValueKind, seq: u64, bytes: usize, units: usize) -> String {
    let (format, kind) = (format.tag(), char::from(kind.tag()));
    if format == 'p' && units != bytes {
        format!("{format}{kind}{seq},{bytes},{units}|")
    } else {
        format!("{format}{kind}{seq},{bytes}|")
    }
}

/// Whether an unencrypted value may be compacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packing {
    /// Store the payload as is: fastest, and readable in the browser's storage viewer.
    Plain,
    /// Compress and pack a large payload when that makes it smaller.
    Compact,
}

/// What follows an entry's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body<'a> {
    /// The value's payload verbatim (a plain entry): a caller holding it in the backend's
    /// own form can join it to the header without a copy.
    Payload(&'a str),
    /// Compressed or encrypted, packed.
    Packed(String),
}

/// An entry and the UTF-16 code units it occupies in Web Storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedEntry<'a> {
    /// `<format><kind><seq>,<bytes>[,<units>]|`
    pub header: String,
    /// What follows the header.
    pub body: Body<'a>,
    /// Header and body length in UTF-16 code units.
    pub units: usize,
}

impl EncodedEntry<'_> {
    /// The whole entry as one string.
    pub fn text(&self) -> String {
        let body = match &self.body {
            Body::Payload(payload) => payload,
            Body::Packed(packed) => packed.as_str(),
        };
        let mut text = String::with_capacity(self.header.len() + body.len());
        text.push_str(&self.header);
        text.push_str(body);
        text
    }
}

/// The entry for `value`, first written as number `seq`.
pub fn encode(value: &EncodedValue, seq: u64, packing: Packing) -> EncodedEntry<'_> {
    let packed = match packing {
        Packing::Compact => {
            compress_if_smaller(&value.payload).map(|packed| (Format::Compressed, packed))
        }
        Packing::Plain => None,
    };
    entry_of(value, seq, packed)
}

/// The `encrypt: true` entry of `value`, or `None` when the cipher failed.
pub fn encode_sealed<'a>(
    value: &'a EncodedValue,
    seq: u64,
    sealing: Sealing<'_>,
) -> Option<EncodedEntry<'a>> {
    let sealed = seal(&value.payload, sealing)?;
    Some(entry_of(value, seq, Some((Format::Encrypted, sealed))))
}

fn entry_of(value: &EncodedValue, seq: u64, packed: Option<(Format, String)>) -> EncodedEntry<'_> {
    let payload = value.payload.as_str();
    let (format, body, body_units) = match packed {
        // Packed text is all single-unit BMP characters.
        Some((format, packed)) => {
            let units = packed.chars().count();
            (format, Body::Packed(packed), units)
        }
        None => (Format::Plain, Body::Payload(payload), utf16_len(payload)),
    };
    let header = header_text(format, value.kind, seq, payload.len(), body_units);
    EncodedEntry {
        units: header.len() + body_units,
        header,
        body,
    }
}

fn compress_if_smaller(payload: &str) -> Option<String> {
    if payload.len() < COMPRESS_MIN_BYTES {
        return None;
    }
    let compressed = lz4_flex::compress_prepend_size(payload.as_bytes());
    let saves_a_tenth = packed_units(compressed.len()) * 10 < utf16_len(payload) * 9;
    saves_a_tenth.then(|| pack(&compressed))
}

const INNER_RAW: u8 = 0;
const INNER_LZ4: u8 = 1;

fn seal(payload: &str, sealing: Sealing<'_>) -> Option<String> {
    let mut inner = Vec::with_capacity(payload.len() + 1);
    let compressed = (payload.len() >= COMPRESS_MIN_BYTES)
        .then(|| lz4_flex::compress_prepend_size(payload.as_bytes()))
        .filter(|c| c.len() < payload.len());
    match compressed {
        Some(compressed) => {
            inner.push(INNER_LZ4);
            inner.extend_from_slice(&compressed);
        }
        None => {
            inner.push(INNER_RAW);
            inner.extend_from_slice(payload.as_bytes());
        }
    }
    let sealed = cipher::seal(sealing.cipher, sealing.random, sealing.context, &inner)?;
    Some(pack(&sealed))
}

/// Decodes the entry `raw` whose header is `header` and whose payload starts at
/// `payload_start`. `cipher` and `context` are needed for encrypted entries only.
pub fn decode(
    raw: &str,
    header: &Header,
    payload_start: usize,
    cipher: Option<&dyn Sealer>,
    context: &[u8],
) -> Result<EncodedValue, StorageError> {
    let body = raw.get(payload_start..).ok_or(Corruption::Header)?;
    let payload = match header.format {
        Format::Plain => body.to_owned(),
        Format::Compressed => {
            let packed = unpack(body).ok_or(Corruption::Compressed)?;
            decompress(&packed, header.payload_bytes)?
        }
        Format::Encrypted => {
            let sealer = cipher
                .ok_or_else(|| StorageError::NoCipher("no encryption key is loaded".to_owned()))?;
            let sealed = unpack(body).ok_or(Corruption::Compressed)?;
            let inner = cipher::open(sealer, context, &sealed).ok_or(Corruption::Decrypt)?;
            match inner.split_first() {
                Some((&INNER_RAW, bytes)) => {
                    String::from_utf8(bytes.to_vec()).map_err(|_| Corruption::Decrypt)?
                }
                Some((&INNER_LZ4, compressed)) => decompress(compressed, header.payload_bytes)?,
                _ => return Err(Corruption::Decrypt.into()),
            }
        }
    };
    let length_matches = if header.bytes_counted {
        payload.len() as u64 == header.payload_bytes
    } else {
        utf16_len(&payload) as u64 == header.payload_units
    };
    if !length_matches {
        return Err(Corruption::Length.into());
    }
    let value = EncodedValue {
        kind: header.kind,
        payload,
    };
    value.validate()?;
    Ok(value)
}

fn decompress(compressed: &[u8], expected_len: u64) -> Result<String, Corruption> {
    // The size prefix is checked before LZ4 allocates for it, so a damaged entry cannot
    // ask for gigabytes.
    let prefix: [u8; 4] = compressed
        .get(..4)
        .and_then(|p| p.try_into().ok())
        .ok_or(Corruption::Compressed)?;
    let declared = u64::from(u32::from_le_bytes(prefix));
    if declared != expected_len || declared > KEY_MAX_BYTES {
        return Err(Corruption::Length);
    }
    let bytes =
        lz4_flex::decompress_size_prepended(compressed).map_err(|_| Corruption::Compressed)?;
    String::from_utf8(bytes).map_err(|_| Corruption::Compressed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SeededRandom;
    use crate::storage::StorageCipher;

    fn round_trip(value: &EncodedValue) -> (String, EncodedValue) {
        let entry = encode(value, 9, Packing::Compact);
        let raw = entry.text();
        assert_eq!(entry.units, raw.encode_utf16().count());
        let (header, start) = parse_header(&raw).unwrap();
        (
            raw.clone(),
            decode(&raw, &header, start, None, b"").unwrap(),
        )
    }

    #[test]
    fn non_ascii_headers_record_both_lengths() {
        let (raw, back) = round_trip(&EncodedValue::string("上海"));
        assert_eq!(raw, "ps9,6,2|上海");
        let (header, start) = parse_header(&raw).unwrap();
        assert_eq!(
            (header.payload_bytes, header.payload_units, start),
            (6, 2, 8)
        );
        assert_eq!(back, EncodedValue::string("上海"));
    }

    #[test]
    fn plain_packing_never_compresses() {
        let json = format!("[{}]", vec!["1"; 3000].join(","));
        let value = EncodedValue {
            kind: ValueKind::Array,
            payload: json.clone(),
        };
        let entry = encode(&value, 1, Packing::Plain);
        assert_eq!(entry.header, format!("pa1,{}|", json.len()));
        assert_eq!(entry.body, Body::Payload(&json));
        assert_eq!(entry.text(), format!("{}{json}", entry.header));
        assert_eq!(entry.units, entry.text().len());
    }

    #[test]
    fn small_values_are_readable() {
        let (raw, back) = round_trip(&EncodedValue::string("hello"));
        assert_eq!(raw, "ps9,5|hello");
        assert_eq!(back, EncodedValue::string("hello"));
    }

    #[test]
    fn large_repetitive_values_are_compressed() {
        let json = format!("[{}]", vec![r#"{"id":1,"name":"Li Lei"}"#; 500].join(","));
        let value = EncodedValue {
            kind: ValueKind::Array,
            payload: json.clone(),
        };
        let (raw, back) = round_trip(&value);
        assert!(raw.starts_with(&format!("za9,{}|", json.len())));
        assert!(raw.encode_utf16().count() * 5 < json.len());
        assert_eq!(back, value);
    }

    #[test]
    fn values_dense_in_utf16_stay_plain() {
        // Random CJK text is one UTF-16 unit per character; packing its 3-byte UTF-8
        // would take more units than the text itself.
        let mut random = SeededRandom::new(5);
        let mut bytes = vec![0u8; 2000];
        random.fill(&mut bytes);
        let text: String = bytes
            .chunks(2)
            .filter_map(|p| char::from_u32(0x4E00 + (u32::from(p[0]) << 4 | u32::from(p[1] >> 4))))
            .collect();
        let (raw, _) = round_trip(&EncodedValue::string(text.clone()));
        let units = text.encode_utf16().count();
        assert!(raw.starts_with(&format!("ps9,{},{units}|", text.len())));
    }

    #[test]
    fn large_ascii_is_packed_even_when_lz4_cannot_shrink_it() {
        let mut random = SeededRandom::new(6);
        let mut bytes = vec![0u8; 3000];
        random.fill(&mut bytes);
        let text: String = bytes.iter().map(|b| char::from(b'a' + b % 26)).collect();
        let (raw, back) = round_trip(&EncodedValue::string(text.clone()));
        assert!(raw.starts_with("zs9,3000|"));
        assert!(raw.encode_utf16().count() < 3000 * 6 / 10);
        assert_eq!(back.payload, text);
    }

    #[test]
    fn encrypted_values_round_trip_and_hide_their_text() {
        let cipher = StorageCipher::new(&[1; 16]);
        let mut random = SeededRandom::new(4);
        let value = EncodedValue::string("top secret");
        let sealing = Sealing {
            cipher: &cipher,
            random: &mut random,
            context: b"k",
        };
        let raw = encode_sealed(&value, 1, sealing).unwrap().text();
        assert!(raw.starts_with("es1,10|"));
        assert!(!raw.contains("secret"));
        let (header, start) = parse_header(&raw).unwrap();
        assert_eq!(
            decode(&raw, &header, start, Some(&cipher), b"k").unwrap(),
            value
        );
        assert_eq!(
            decode(&raw, &header, start, Some(&cipher), b"other"),
            Err(StorageError::Corrupt(Corruption::Decrypt))
        );
    }

    #[test]
    fn malformed_headers_are_corruption() {
        for raw in [
            "",
            "x",
            "p",
            "ps",
            "ps1",
            "ps1,",
            "ps,1|",
            "ps1,2",
            "qs1,1|a",
            "px1,1|a",
            "ps99999999999999999999,1|a",
            "ps1|a",
            "ps1,3,3|abc",
            "zs1,3,1|a",
            "ps1,3,1,1|a",
        ] {
            assert_eq!(parse_header(raw), Err(Corruption::Header), "{raw:?}");
        }
    }

    #[test]
    fn edited_payloads_are_detected() {
        let raw = "ps1,5|hellooo";
        let (header, start) = parse_header(raw).unwrap();
        assert_eq!(
            decode(raw, &header, start, None, b""),
            Err(StorageError::Corrupt(Corruption::Length))
        );
        let raw = "pn1,3|abc";
        let (header, start) = parse_header(raw).unwrap();
        assert_eq!(
            decode(raw, &header, start, None, b""),
            Err(StorageError::Corrupt(Corruption::Payload("Number")))
        );
    }

    #[test]
    fn a_forged_size_prefix_cannot_force_a_huge_allocation() {
        let mut forged = u32::MAX.to_le_bytes().to_vec();
        forged.extend_from_slice(&[0; 8]);
        let raw = format!("zs1,{}|{}", u32::MAX, pack(&forged));
        let (header, start) = parse_header(&raw).unwrap();
        assert_eq!(
            decode(&raw, &header, start, None, b""),
            Err(StorageError::Corrupt(Corruption::Length))
        );
    }
}
