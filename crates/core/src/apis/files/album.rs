//! The simulated photo album's rule (what `saveImageToPhotosAlbum` and
//! `saveVideoToPhotosAlbum` accept) and `openDocument`'s file types.

/// Why saving to the album or opening a document failed; `Display` follows `<api>:fail `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaFileError {
    /// The path is not a local file (wording UNCONFIRMED, as seen in community reports).
    #[error("file not exists")]
    Missing,
    /// A network URL, or a file that is not an image (video) for the image (video) album
    /// API (wording UNCONFIRMED).
    #[error("invalid file type")]
    WrongType,
    /// `openDocument` of a type it does not open (wording UNCONFIRMED).
    #[error("filetype not supported")]
    Unsupported,
}

/// Whether `path`, whose content's type is `mime` (`None`: no such local file), may be
/// saved by the album API for `video`s (else images).
///
/// # Errors
///
/// [`MediaFileError::WrongType`] for network URLs and the wrong kind of file,
/// [`MediaFileError::Missing`].
pub fn album_accepts(path: &str, mime: Option<&str>, video: bool) -> Result<(), MediaFileError> {
    if path.starts_with("http://usr") {
        // DevTools' spelling of the user root, not a network URL.
    } else if path.starts_with("http://") || path.starts_with("https://") {
        return Err(MediaFileError::WrongType);
    }
    let mime = mime.ok_or(MediaFileError::Missing)?;
    let wanted = if video { "video/" } else { "image/" };
    // A file whose type the browser could not tell is given the benefit of the doubt.
    if mime.is_empty() || mime == "application/octet-stream" || mime.starts_with(wanted) {
        Ok(())
    } else {
        Err(MediaFileError::WrongType)
    }
}

const DOCUMENTS: &[(&str, &str)] = &[
    ("doc", "application/msword"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("xls", "application/vnd.ms-excel"),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("ppt", "application/vnd.ms-powerpoint"),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("pdf", "application/pdf"),
];

/// `openDocument`'s type (`fileType`, else the path's extension) and the MIME type the
/// browser opens it as.
///
/// # Errors
///
/// [`MediaFileError::Unsupported`] for anything but doc, docx, xls, xlsx, ppt, pptx, pdf.
pub fn document_type(
    path: &str,
    file_type: Option<&str>,
) -> Result<(&'static str, &'static str), MediaFileError> {
    let ext = file_type
        .map(str::to_owned)
        .or_else(|| path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()))
        .unwrap_or_default();
    DOCUMENTS
        .iter()
        .find(|(name, _)| *name == ext)
        .copied()
        .ok_or(MediaFileError::Unsupported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn album_takes_local_images_or_videos() {
        assert_eq!(
            album_accepts("wxfile://tmp_1.png", Some("image/png"), false),
            Ok(())
        );
        assert_eq!(
            album_accepts("https://a.com/x.png", Some("image/png"), false),
            Err(MediaFileError::WrongType)
        );
        assert_eq!(
            album_accepts("wxfile://tmp_1.png", None, false),
            Err(MediaFileError::Missing)
        );
        assert_eq!(
            album_accepts("wxfile://tmp_1.mp4", Some("video/mp4"), false),
            Err(MediaFileError::WrongType)
        );
        assert_eq!(
            album_accepts("wxfile://tmp_1.mp4", Some("video/mp4"), true),
            Ok(())
        );
    }

    #[test]
    fn documents_by_type_or_extension() {
        assert_eq!(document_type("wxfile://tmp_1.PDF", None).unwrap().0, "pdf");
        assert_eq!(
            document_type("wxfile://tmp_1", Some("xlsx")).unwrap().0,
            "xlsx"
        );
        assert_eq!(
            document_type("wxfile://tmp_1.txt", None),
            Err(MediaFileError::Unsupported)
        );
    }
}
