//! `app.json`'s `networkTimeout`: how long each kind of network call may take.

use super::check::{Member, Report};
use super::error::ConfigErrorKind;

/// WeChat's timeout for every kind of call when `app.json` sets none: 60 s.
pub const DEFAULT_TIMEOUT_MS: u32 = 60_000;

/// `networkTimeout`, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetworkTimeout {
    /// `request`: `wx.request`.
    pub request: u32,
    /// `connectSocket`: `wx.connectSocket`.
    pub connect_socket: u32,
    /// `uploadFile`: `wx.uploadFile`.
    pub upload_file: u32,
    /// `downloadFile`: `wx.downloadFile`.
    pub download_file: u32,
}

impl Default for NetworkTimeout {
    fn default() -> Self {
        Self {
            request: DEFAULT_TIMEOUT_MS,
            connect_socket: DEFAULT_TIMEOUT_MS,
            upload_file: DEFAULT_TIMEOUT_MS,
            download_file: DEFAULT_TIMEOUT_MS,
        }
    }
}

/// Reads `networkTimeout`; an unusable value leaves that timeout at its default.
pub(crate) fn read_network_timeout(report: &mut Report, member: &Member<'_>) -> NetworkTimeout {
    let mut timeout = NetworkTimeout::default();
    let Some(fields) = report.object(member.value, &member.path) else {
        return timeout;
    };
    let slots = [
        ("request", &mut timeout.request),
        ("connectSocket", &mut timeout.connect_socket),
        ("uploadFile", &mut timeout.upload_file),
        ("downloadFile", &mut timeout.download_file),
    ];
    for (key, slot) in slots {
        if let Some(ms) = report.optional(&fields, key, read_millis) {
            *slot = ms;
        }
    }
    timeout
}

fn read_millis(report: &mut Report, member: &Member<'_>) -> Option<u32> {
    let ms = report.number(member)?;
    // Timers take whole milliseconds; a negative or fractional timeout is a typo, not
    // something to round silently.
    if ms.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&ms) {
        Some(ms as u32)
    } else {
        report.push(
            &member.path,
            ConfigErrorKind::OutOfRange {
                min: 0,
                max: u32::MAX.into(),
                actual: ms,
            },
        );
        None
    }
}
