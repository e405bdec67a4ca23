//! Canvas exports: the region and output size of `canvasToTempFilePath`, and the checks of
//! `canvasGetImageData` / `canvasPutImageData`.

/// Why a canvas export failed; `Display` is the part after `<api>:fail `.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CanvasError {
    /// No canvas of that `canvasId` (or no `canvas` node) is on the page, or it has
    /// never been drawn (UNCONFIRMED wording, as WeChat's simulator prints it).
    #[error("canvas is empty")]
    Empty,
    /// The region or the output has no pixels.
    #[error("create bitmap failed")]
    NoPixels,
    /// `canvasPutImageData`'s `data` does not hold `width × height` pixels.
    #[error("invalid data length {length}, expected {expected}")]
    DataLength {
        /// `data.length`.
        length: usize,
        /// `width × height × 4`.
        expected: usize,
    },
}

/// What `canvasToTempFilePath` was asked for; every field optional as in WeChat.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ExportInput<'a> {
    /// Left of the region, in the canvas's coordinates (default 0).
    pub x: Option<f64>,
    /// Top of the region (default 0).
    pub y: Option<f64>,
    /// Width of the region (default: to the canvas's right edge).
    pub width: Option<f64>,
    /// Height of the region (default: to the canvas's bottom edge).
    pub height: Option<f64>,
    /// Width of the image made (default: `width` × the pixel ratio).
    pub dest_width: Option<f64>,
    /// Height of the image made (default: `height` × the pixel ratio).
    pub dest_height: Option<f64>,
    /// `png` (default) or `jpg`.
    pub file_type: Option<&'a str>,
    /// JPEG quality in (0, 1]; outside it, 1.
    pub quality: Option<f64>,
}

/// The pixels to copy and the image to make.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Export {
    /// Source rectangle in the canvas's backing pixels: x, y, width, height.
    pub source: [f64; 4],
    /// The image's width in pixels.
    pub dest_width: u32,
    /// The image's height in pixels.
    pub dest_height: u32,
    /// JPEG rather than PNG.
    pub jpeg: bool,
    /// JPEG quality.
    pub quality: f64,
}

fn pixels(value: f64) -> Result<u32, CanvasError> {
    let rounded = value.round();
    if rounded >= 1.0 && rounded <= f64::from(u32::MAX) {
        // Whole and in range, so the cast is exact.
        Ok(rounded as u32)
    } else {
        Err(CanvasError::NoPixels)
    }
}

/// Plans an export of a canvas `size` (width, height) wide and high in its coordinates,
/// `ratio` backing pixels per coordinate unit (the screen's pixel ratio for a `canvas-id`
/// canvas, drawn in CSS px; 1 for a `type="2d"` node, whose coordinates are its pixels).
///
/// # Errors
///
/// [`CanvasError::NoPixels`] when the region or the output is empty.
pub fn export(
    input: &ExportInput<'_>,
    size: (f64, f64),
    ratio: f64,
) -> Result<Export, CanvasError> {
    let x = input.x.unwrap_or(0.0);
    let y = input.y.unwrap_or(0.0);
    let width = input.width.unwrap_or(size.0 - x);
    let height = input.height.unwrap_or(size.1 - y);
    if !(width > 0.0 && height > 0.0) {
        return Err(CanvasError::NoPixels);
    }
    let dest_width = pixels(input.dest_width.unwrap_or(width * ratio))?;
    let dest_height = pixels(input.dest_height.unwrap_or(height * ratio))?;
    let quality = input
        .quality
        .filter(|q| *q > 0.0 && *q <= 1.0)
        .unwrap_or(1.0);
    Ok(Export {
        source: [x * ratio, y * ratio, width * ratio, height * ratio],
        dest_width,
        dest_height,
        jpeg: input.file_type == Some("jpg"),
        quality,
    })
}

/// `canvasGetImageData`'s region must have pixels.
///
/// # Errors
///
/// [`CanvasError::NoPixels`].
pub fn get_region(width: f64, height: f64) -> Result<(u32, u32), CanvasError> {
    Ok((pixels(width)?, pixels(height)?))
}

/// `canvasPutImageData`: the height (`data.length / 4 / width` when not given) after
/// checking that `data` holds exactly `width × height` pixels.
///
/// # Errors
///
/// [`CanvasError::NoPixels`], [`CanvasError::DataLength`].
pub fn put_region(
    length: usize,
    width: f64,
    height: Option<f64>,
) -> Result<(u32, u32), CanvasError> {
    let width = pixels(width)?;
    let row = width as usize * 4;
    let height = match height {
        Some(h) => pixels(h)?,
        None => u32::try_from(length / row).map_err(|_| CanvasError::NoPixels)?,
    };
    let expected = row * height as usize;
    if height == 0 || length != expected {
        return Err(CanvasError::DataLength { length, expected });
    }
    Ok((width, height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_region_defaults_to_the_rest_of_the_canvas_at_the_pixel_ratio() {
        let plan = export(
            &ExportInput {
                x: Some(10.0),
                y: Some(20.0),
                ..ExportInput::default()
            },
            (300.0, 150.0),
            2.0,
        )
        .unwrap();
        assert_eq!(plan.source, [20.0, 40.0, 580.0, 260.0]);
        assert_eq!((plan.dest_width, plan.dest_height), (580, 260));
        assert!(!plan.jpeg);
    }

    #[test]
    fn dest_size_type_and_quality() {
        let plan = export(
            &ExportInput {
                dest_width: Some(100.0),
                dest_height: Some(50.0),
                file_type: Some("jpg"),
                quality: Some(2.0),
                ..ExportInput::default()
            },
            (300.0, 150.0),
            1.0,
        )
        .unwrap();
        assert_eq!(
            (plan.dest_width, plan.dest_height, plan.jpeg),
            (100, 50, true)
        );
        assert_eq!(plan.quality, 1.0, "out of (0, 1] counts as 1");
    }

    #[test]
    fn an_empty_region_makes_no_bitmap() {
        let empty = ExportInput {
            width: Some(0.0),
            ..ExportInput::default()
        };
        assert_eq!(
            export(&empty, (300.0, 150.0), 1.0),
            Err(CanvasError::NoPixels)
        );
        assert_eq!(
            export(&ExportInput::default(), (0.0, 0.0), 1.0),
            Err(CanvasError::NoPixels)
        );
        assert_eq!(CanvasError::NoPixels.to_string(), "create bitmap failed");
    }

    #[test]
    fn image_data_regions() {
        assert_eq!(get_region(2.0, 3.0), Ok((2, 3)));
        assert_eq!(get_region(0.0, 3.0), Err(CanvasError::NoPixels));
        assert_eq!(put_region(24, 2.0, None), Ok((2, 3)));
        assert_eq!(put_region(24, 2.0, Some(3.0)), Ok((2, 3)));
        assert_eq!(
            put_region(20, 2.0, Some(3.0)),
            Err(CanvasError::DataLength {
                length: 20,
                expected: 24
            })
        );
    }
}
