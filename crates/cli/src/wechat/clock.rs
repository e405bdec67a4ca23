//! The stand-in's clock: a base clock (the system's, or a test's) plus the time moved
//! forward through `POST /__wxrt/wechat/clock`. Everything that plays WeChat's servers
//! reads this one clock, so a login code issued for a prefetch expires when the page's
//! codes do.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// A time source: milliseconds since the UNIX epoch.
pub type Clock = Arc<dyn Fn() -> u64 + Send + Sync>;

/// The system clock in milliseconds since the UNIX epoch (0 before it, which only a
/// badly set clock reaches).
#[must_use]
pub fn system_now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}

/// The stand-in's time: a base [`Clock`] plus the time advanced by hand. Clones share
/// both, so advancing one advances them all.
#[derive(Clone)]
pub struct StandInClock {
    base: Clock,
    /// Moved forward through `POST /__wxrt/wechat/clock`, so code expiry and session
    /// rotation can be tried without waiting minutes.
    advanced_ms: Arc<AtomicU64>,
}

impl StandInClock {
    /// `base` with nothing advanced yet.
    #[must_use]
    pub fn new(base: Clock) -> Self {
        Self {
            base,
            advanced_ms: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The system clock with nothing advanced yet.
    #[must_use]
    pub fn system() -> Self {
        Self::new(Arc::new(system_now_ms))
    }

    /// The stand-in's current time, in ms since the UNIX epoch.
    #[must_use]
    pub fn now_ms(&self) -> u64 {
        (self.base)().saturating_add(self.advanced_ms.load(Ordering::SeqCst))
    }

    /// Moves the time forward by `ms`; returns the total advanced so far.
    pub fn advance(&self, ms: u64) -> u64 {
        self.advanced_ms
            .fetch_add(ms, Ordering::SeqCst)
            .saturating_add(ms)
    }
}

impl fmt::Debug for StandInClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StandInClock")
            .field("advanced_ms", &self.advanced_ms.load(Ordering::SeqCst))
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_advanced_time() {
        let clock = StandInClock::new(Arc::new(|| 1000));
        let other = clock.clone();
        assert_eq!(clock.advance(500), 500);
        assert_eq!(other.advance(1), 501);
        assert_eq!(clock.now_ms(), 1501);
    }
}
