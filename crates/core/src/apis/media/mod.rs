//! Media: audio (inner, background and the legacy background functions), the `<video>` and
//! `<audio>` contexts, and the canvas exports beyond the renderer's own drawing.

pub mod audio;
pub mod canvas;
pub mod video;

use super::params::{Field, BOOLEAN, NUMBER, OBJECT, STRING};

/// The options WeChat checks for this family's methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[
    (
        "setInnerAudioOption",
        &[
            Field::optional("mixWithOther", BOOLEAN),
            Field::optional("obeyMuteSwitch", BOOLEAN),
            Field::optional("speakerOn", BOOLEAN),
        ],
    ),
    (
        "playBackgroundAudio",
        &[
            Field::required("dataUrl", STRING),
            Field::optional("title", STRING),
            Field::optional("coverImgUrl", STRING),
        ],
    ),
    ("pauseBackgroundAudio", &[]),
    (
        "seekBackgroundAudio",
        &[Field::required("position", NUMBER)],
    ),
    ("stopBackgroundAudio", &[]),
    ("getBackgroundAudioPlayerState", &[]),
    (
        "canvasToTempFilePath",
        &[
            Field::optional("canvasId", STRING),
            Field::optional("canvas", OBJECT),
            Field::optional("x", NUMBER),
            Field::optional("y", NUMBER),
            Field::optional("width", NUMBER),
            Field::optional("height", NUMBER),
            Field::optional("destWidth", NUMBER),
            Field::optional("destHeight", NUMBER),
            Field::optional("fileType", STRING),
            Field::optional("quality", NUMBER),
        ],
    ),
    (
        "canvasGetImageData",
        &[
            Field::required("canvasId", STRING),
            Field::required("x", NUMBER),
            Field::required("y", NUMBER),
            Field::required("width", NUMBER),
            Field::required("height", NUMBER),
        ],
    ),
    (
        "canvasPutImageData",
        &[
            Field::required("canvasId", STRING),
            Field::required("data", OBJECT),
            Field::required("x", NUMBER),
            Field::required("y", NUMBER),
            Field::required("width", NUMBER),
            Field::optional("height", NUMBER),
        ],
    ),
];
