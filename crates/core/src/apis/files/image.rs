//! What `getImageInfo` reads from an image's bytes (its type and EXIF orientation) and
//! `compressImage`'s quality rule.

/// Why an image, a document or a picked file could not be had; `Display` follows
/// `<api>:fail ` (wordings UNCONFIRMED but for `cancel`, as in community reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PickError {
    /// A network image did not download.
    #[error("download image fail")]
    Download,
    /// A local or package image is not there.
    #[error("file not found")]
    NotFound,
    /// The bytes are not an image the browser decodes.
    #[error("invalid image")]
    Invalid,
    /// `openDocument` of a path that is not a file.
    #[error("file not exists")]
    NoDocument,
    /// The user backed out of a picker or a sheet.
    #[error("cancel")]
    Cancel,
}

impl PickError {
    /// The error named `kind` (`download`, `notFound`, `invalid`, `noDocument`,
    /// `cancel`), as the shim names what happened.
    pub fn named(kind: &str) -> Option<Self> {
        Some(match kind {
            "download" => Self::Download,
            "notFound" => Self::NotFound,
            "invalid" => Self::Invalid,
            "noDocument" => Self::NoDocument,
            "cancel" => Self::Cancel,
            _ => return None,
        })
    }
}

/// `getImageInfo`'s `type`, from the file's first bytes (typings list jpeg, png, gif,
/// tiff and unknown; phones also say webp).
pub fn image_type(bytes: &[u8]) -> &'static str {
    match bytes {
        [0xff, 0xd8, 0xff, ..] => "jpeg",
        [0x89, b'P', b'N', b'G', ..] => "png",
        [b'G', b'I', b'F', b'8', ..] => "gif",
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => "webp",
        [b'I', b'I', 42, 0, ..] | [b'M', b'M', 0, 42, ..] => "tiff",
        _ => "unknown",
    }
}

const ORIENTATIONS: [&str; 8] = [
    "up",
    "up-mirrored",
    "down",
    "down-mirrored",
    "left-mirrored",
    "right",
    "right-mirrored",
    "left",
];

fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b = tiff.get(at..at + 2)?;
        Some(if big {
            u16::from_be_bytes([b[0], b[1]])
        } else {
            u16::from_le_bytes([b[0], b[1]])
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b = tiff.get(at..at + 4)?;
        let b = [b[0], b[1], b[2], b[3]];
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let ifd = u32_at(4)? as usize;
    let count = usize::from(u16_at(ifd)?);
    (0..count)
        .map(|i| ifd + 2 + i * 12)
        .find(|&entry| u16_at(entry) == Some(0x0112))
        .and_then(|entry| u16_at(entry + 8))
}

/// `getImageInfo`'s `orientation`: a JPEG's EXIF orientation, `up` when it has none.
pub fn orientation(bytes: &[u8]) -> &'static str {
    let mut at = 2;
    while image_type(bytes) == "jpeg" && at + 4 <= bytes.len() && bytes[at] == 0xff {
        let marker = bytes[at + 1];
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if marker == 0xda {
            break;
        }
        let body = bytes.get(at + 4..at + 2 + length).unwrap_or_default();
        if marker == 0xe1 && body.starts_with(b"Exif\0\0") {
            let value = exif_orientation(&body[6..]).unwrap_or(1);
            return ORIENTATIONS
                .get(usize::from(value.max(1)) - 1)
                .copied()
                .unwrap_or("up");
        }
        at += 2 + length;
    }
    "up"
}

/// `compressImage`'s `quality` (0–100, default 80) as the canvas encoder's 0–1.
pub fn compress_quality(quality: Option<f64>) -> f64 {
    match quality {
        Some(q) if q.is_finite() => q.clamp(0.0, 100.0) / 100.0,
        _ => 0.8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg_with_orientation(value: u16) -> Vec<u8> {
        let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
        tiff.extend_from_slice(&1u16.to_be_bytes());
        tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
        tiff.extend_from_slice(&value.to_be_bytes());
        tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        let mut body = b"Exif\0\0".to_vec();
        body.extend_from_slice(&tiff);
        let mut jpeg = vec![0xff, 0xd8, 0xff, 0xe1];
        jpeg.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        jpeg.extend_from_slice(&body);
        jpeg.extend_from_slice(&[0xff, 0xda, 0, 2]);
        jpeg
    }

    #[test]
    fn reads_type_and_orientation() {
        assert_eq!(image_type(b"\x89PNG\r\n"), "png");
        assert_eq!(image_type(b"GIF89a"), "gif");
        assert_eq!(image_type(b"RIFF\0\0\0\0WEBPVP8"), "webp");
        assert_eq!(image_type(b"hello"), "unknown");
        assert_eq!(orientation(&jpeg_with_orientation(6)), "right");
        assert_eq!(orientation(&jpeg_with_orientation(3)), "down");
        assert_eq!(orientation(&[0xff, 0xd8, 0xff, 0xda, 0, 2]), "up");
        assert_eq!(orientation(b"\x89PNG"), "up");
    }

    #[test]
    fn quality_is_clamped() {
        assert_eq!(compress_quality(None), 0.8);
        assert_eq!(compress_quality(Some(150.0)), 1.0);
        assert_eq!(compress_quality(Some(-3.0)), 0.0);
        assert_eq!(compress_quality(Some(50.0)), 0.5);
    }
}
