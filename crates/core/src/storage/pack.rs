//! Binary data as localStorage text, 15 bits per UTF-16 code unit.
//!
//! Chromium counts localStorage in UTF-16 code units (about 5.2 million per origin), so
//! one byte per character would waste half the quota. Each character here carries 15
//! bits as a code point in `U+0100..=U+80FF`: never a surrogate or a control character,
//! so the text survives any UTF-16 or UTF-8 round trip. A leading `0`/`1` records whether
//! the last character's padding bits would otherwise decode as one extra byte.

/// First code point of the packed alphabet.
const BASE: u32 = 0x100;
const GROUP_BITS: u32 = 15;
const GROUP_MASK: u32 = (1 << GROUP_BITS) - 1;

/// UTF-16 code units that `pack` produces for `byte_len` bytes.
pub fn packed_units(byte_len: usize) -> usize {
    1 + (byte_len * 8).div_ceil(GROUP_BITS as usize)
}

/// Packs `bytes` into text.
pub fn pack(bytes: &[u8]) -> String {
    let groups = packed_units(bytes.len()) - 1;
    let spare_byte = groups * GROUP_BITS as usize / 8 > bytes.len();
    // Packed characters are 2 or 3 bytes of UTF-8.
    let mut out = String::with_capacity(1 + groups * 3);
    out.push(if spare_byte { '1' } else { '0' });
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for &byte in bytes {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        if bits >= GROUP_BITS {
            bits -= GROUP_BITS;
            push_group(&mut out, (acc >> bits) & GROUP_MASK);
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        push_group(&mut out, (acc << (GROUP_BITS - bits)) & GROUP_MASK);
    }
    out
}

fn push_group(out: &mut String, group: u32) {
    // BASE + a 15-bit group is at most U+80FF: always a valid, non-surrogate scalar.
    if let Some(ch) = char::from_u32(BASE + group) {
        out.push(ch);
    }
}

/// Unpacks text made by [`pack`]; `None` if it was not.
pub fn unpack(text: &str) -> Option<Vec<u8>> {
    let mut chars = text.chars();
    let spare_byte = match chars.next()? {
        '0' => false,
        '1' => true,
        _ => return None,
    };
    let mut out = Vec::with_capacity(text.len() * 15 / 24 + 1);
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    let mut groups = 0usize;
    for ch in chars {
        let group = u32::from(ch)
            .checked_sub(BASE)
            .filter(|g| *g <= GROUP_MASK)?;
        acc = (acc << GROUP_BITS) | group;
        bits += GROUP_BITS;
        groups += 1;
        while bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if spare_byte {
        out.pop()?;
    }
    if packed_units(out.len()) != groups + 1 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn empty_input_packs_to_a_marker_only() {
        assert_eq!(pack(&[]), "0");
        assert_eq!(unpack("0"), Some(vec![]));
    }

    #[test]
    fn stays_inside_the_safe_alphabet() {
        let bytes: Vec<u8> = (0..=255).collect();
        let text = pack(&bytes);
        assert!(text
            .chars()
            .skip(1)
            .all(|c| (0x100..=0x80FF).contains(&u32::from(c))));
        assert_eq!(text.encode_utf16().count(), packed_units(bytes.len()));
    }

    #[test]
    fn rejects_text_it_did_not_make() {
        assert_eq!(unpack(""), None);
        assert_eq!(unpack("2\u{100}"), None);
        assert_eq!(unpack("0abc"), None);
        assert_eq!(unpack("0\u{9000}"), None);
    }

    proptest! {
        #[test]
        fn round_trips_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let text = pack(&bytes);
            prop_assert_eq!(text.encode_utf16().count(), packed_units(bytes.len()));
            prop_assert_eq!(unpack(&text), Some(bytes));
        }

        #[test]
        fn never_panics_on_arbitrary_text(text in "\\PC{0,64}") {
            let _ = unpack(&text);
        }
    }
}
