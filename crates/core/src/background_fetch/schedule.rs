//! When a periodic update is due: every interval (12 hours by default) after the last
//! successful one, only for an app used within the last 7 days. A failed attempt is
//! retried after [`RETRY_AFTER_MS`], not at every check.

const MINUTE_MS: u64 = 60 * 1000;
const DAY_MS: u64 = 24 * 60 * MINUTE_MS;

/// How recently the app must have been used for periodic updates: 7 days.
pub const ELIGIBLE_FOR_MS: u64 = 7 * DAY_MS;

/// How long after a failed periodic fetch the next attempt waits.
pub const RETRY_AFTER_MS: u64 = 5 * MINUTE_MS;

/// What a check of the periodic schedule found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodicDecision {
    /// Fetch now.
    Due,
    /// Not before `due_at_ms`.
    NotYet {
        /// When the next fetch is due (ms since the epoch).
        due_at_ms: u64,
    },
    /// The app was not used within [`ELIGIBLE_FOR_MS`] (or never): no periodic update.
    NotUsedRecently,
}

/// The periodic update's timing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodicSchedule {
    /// Time between successful updates, in ms.
    pub interval_ms: u64,
}

/// What the schedule needs to know of the past, all in ms since the epoch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PeriodicHistory {
    /// The last time the app was in the foreground.
    pub last_used_ms: Option<u64>,
    /// The last successful periodic fetch.
    pub last_success_ms: Option<u64>,
    /// The last failed one, if it came after the last success.
    pub last_failure_ms: Option<u64>,
}

impl PeriodicSchedule {
    /// Whether a periodic fetch is due at `now_ms`.
    pub fn decide(&self, now_ms: u64, history: &PeriodicHistory) -> PeriodicDecision {
        match history.last_used_ms {
            Some(used) if now_ms.saturating_sub(used) <= ELIGIBLE_FOR_MS => {}
            _ => return PeriodicDecision::NotUsedRecently,
        }
        let after_success = history
            .last_success_ms
            .map(|at| at.saturating_add(self.interval_ms));
        let after_failure = history
            .last_failure_ms
            .map(|at| at.saturating_add(RETRY_AFTER_MS));
        match after_success.into_iter().chain(after_failure).max() {
            Some(due_at_ms) if now_ms < due_at_ms => PeriodicDecision::NotYet { due_at_ms },
            _ => PeriodicDecision::Due,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: u64 = 60 * MINUTE_MS;
    const SCHEDULE: PeriodicSchedule = PeriodicSchedule {
        interval_ms: 12 * HOUR,
    };

    #[test]
    fn due_at_once_then_every_12_hours_after_a_success() {
        let mut history = PeriodicHistory {
            last_used_ms: Some(0),
            ..Default::default()
        };
        assert_eq!(SCHEDULE.decide(0, &history), PeriodicDecision::Due);
        history.last_success_ms = Some(0);
        history.last_used_ms = Some(11 * HOUR);
        assert_eq!(
            SCHEDULE.decide(11 * HOUR, &history),
            PeriodicDecision::NotYet {
                due_at_ms: 12 * HOUR
            }
        );
        assert_eq!(SCHEDULE.decide(12 * HOUR, &history), PeriodicDecision::Due);
    }

    #[test]
    fn only_for_apps_used_within_7_days() {
        let history = PeriodicHistory {
            last_used_ms: Some(0),
            last_success_ms: Some(0),
            last_failure_ms: None,
        };
        assert_eq!(SCHEDULE.decide(7 * DAY_MS, &history), PeriodicDecision::Due);
        assert_eq!(
            SCHEDULE.decide(7 * DAY_MS + 1, &history),
            PeriodicDecision::NotUsedRecently
        );
        assert_eq!(
            SCHEDULE.decide(0, &PeriodicHistory::default()),
            PeriodicDecision::NotUsedRecently
        );
    }

    #[test]
    fn a_failure_waits_before_the_next_attempt() {
        let history = PeriodicHistory {
            last_used_ms: Some(HOUR),
            last_success_ms: None,
            last_failure_ms: Some(HOUR),
        };
        assert_eq!(
            SCHEDULE.decide(HOUR + 1, &history),
            PeriodicDecision::NotYet {
                due_at_ms: HOUR + RETRY_AFTER_MS
            }
        );
        assert_eq!(
            SCHEDULE.decide(HOUR + RETRY_AFTER_MS, &history),
            PeriodicDecision::Due
        );
    }
}
