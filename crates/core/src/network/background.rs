//! Requests and the app in the background: WeChat fails requests still in flight five
//! seconds after the app was hidden, and refuses new ones until it shows again.

use super::error::RequestError;

/// How long requests survive in the background before they fail with `interrupted`.
pub const INTERRUPT_AFTER_MS: u64 = 5000;

/// Whether the app is hidden, and whether its in-flight requests were interrupted.
///
/// The glue calls [`hide`](Self::hide) and schedules a timer at the time it returns; when
/// the timer fires it asks [`interrupt_due`](Self::interrupt_due) and, on `true`, fails
/// every request of the [`RequestQueue`](super::RequestQueue) (`drain`) with
/// `request:fail interrupted`. Browsers throttle timers in hidden tabs, so the glue also
/// asks `interrupt_due` before delivering a result while hidden, and honours the `true`
/// of [`show`](Self::show). A stale timer (the app showed and hid again meanwhile) gets
/// `false`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkState {
    hidden_since: Option<u64>,
    interrupted: bool,
}

impl NetworkState {
    /// In the foreground.
    pub fn new() -> Self {
        Self::default()
    }

    /// The app went to the background at `now_ms`. Returns when in-flight requests are
    /// to be interrupted (`now_ms + INTERRUPT_AFTER_MS`). Hiding again while hidden keeps
    /// the first time.
    pub fn hide(&mut self, now_ms: u64) -> u64 {
        if self.hidden_since.is_none() {
            self.hidden_since = Some(now_ms);
            self.interrupted = false;
        }
        self.hidden_since
            .unwrap_or(now_ms)
            .saturating_add(INTERRUPT_AFTER_MS)
    }

    /// The app came to the foreground at `now_ms`. Returns `true` when the interrupt was
    /// due (`now_ms` at or after the deadline) but not yet reported by
    /// [`interrupt_due`](Self::interrupt_due): the glue interrupts in-flight requests now.
    pub fn show(&mut self, now_ms: u64) -> bool {
        let due = self.interrupt_due(now_ms);
        self.hidden_since = None;
        self.interrupted = false;
        due
    }

    /// When the pending interrupt is due: `Some` while hidden and not yet interrupted.
    pub fn interrupt_deadline(&self) -> Option<u64> {
        match self.hidden_since {
            Some(since) if !self.interrupted => Some(since.saturating_add(INTERRUPT_AFTER_MS)),
            _ => None,
        }
    }

    /// Whether in-flight requests fail now: `true` once per stay in the background, at
    /// or after `hide time + INTERRUPT_AFTER_MS`.
    pub fn interrupt_due(&mut self, now_ms: u64) -> bool {
        match self.interrupt_deadline() {
            Some(deadline) if now_ms >= deadline => {
                self.interrupted = true;
                true
            }
            _ => false,
        }
    }

    /// Whether the app is in the background.
    pub fn is_hidden(&self) -> bool {
        self.hidden_since.is_some()
    }

    /// Whether a new request may start: in the background it fails at once with
    /// `interrupted`.
    pub fn accepts(&self) -> Result<(), RequestError> {
        if self.is_hidden() {
            Err(RequestError::Interrupted)
        } else {
            Ok(())
        }
    }
}
