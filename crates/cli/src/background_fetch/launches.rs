//! The prefetches started by page loads, by launch id, so the page can read the outcome of
//! its own: the last [`KEPT`] are kept, each readable as often as asked.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use tokio::sync::watch;

use super::fetch::Outcome;

/// How many launches are kept; the oldest is dropped for a new one.
pub const KEPT: usize = 64;

/// A launch's outcome: `None` while its prefetch is under way.
type Slot = watch::Receiver<Option<Arc<Outcome>>>;

/// Where a launch's prefetch leaves its outcome.
pub(crate) struct LaunchDone(watch::Sender<Option<Arc<Outcome>>>);

impl LaunchDone {
    /// Hands the outcome to everyone waiting, and to later readers.
    pub(crate) fn finish(self, outcome: Outcome) {
        // Readers may be none yet; the value stays for them either way.
        self.0.send_replace(Some(Arc::new(outcome)));
    }
}

/// The launches kept, oldest first.
#[derive(Default)]
pub(crate) struct Launches {
    kept: Mutex<VecDeque<(String, Slot)>>,
}

/// Why a launch's outcome cannot be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LaunchError {
    /// No such launch, or dropped for newer ones.
    Unknown,
    /// Its prefetch ended without an outcome (it panicked).
    Lost,
}

impl Launches {
    /// Registers the launch `id`, whose prefetch reports through the returned handle.
    pub(crate) fn start(&self, id: String) -> LaunchDone {
        let (done, slot) = watch::channel(None);
        // A poisoned registry only ever held complete entries: keep using it.
        let mut kept = self
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if kept.len() >= KEPT {
            kept.pop_front();
        }
        kept.push_back((id, slot));
        LaunchDone(done)
    }

    /// The outcome of launch `id`, once its prefetch has ended.
    pub(crate) async fn outcome(&self, id: &str) -> Result<Arc<Outcome>, LaunchError> {
        let slot = {
            let kept = self
                .kept
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            kept.iter()
                .find(|(kept_id, _)| kept_id == id)
                .map(|(_, slot)| slot.clone())
        };
        let mut slot = slot.ok_or(LaunchError::Unknown)?;
        let outcome = slot
            .wait_for(Option::is_some)
            .await
            .map_err(|_| LaunchError::Lost)?;
        outcome.clone().ok_or(LaunchError::Lost)
    }
}

#[cfg(test)]
mod tests {
    use wxrt_core::background_fetch::{FetchType, LaunchContext};

    use super::*;

    fn outcome(reason: &str) -> Outcome {
        Outcome::not_sent(FetchType::Pre, &LaunchContext::default(), reason.into())
    }

    #[tokio::test]
    async fn readers_wait_and_read_again() {
        let launches = Arc::new(Launches::default());
        let done = launches.start("a".into());
        let reader = {
            let launches = Arc::clone(&launches);
            tokio::spawn(async move { launches.outcome("a").await })
        };
        tokio::task::yield_now().await;
        done.finish(outcome("one"));
        let first = reader.await.unwrap().unwrap();
        assert_eq!(first.reason.as_deref(), Some("one"));
        let again = launches.outcome("a").await.unwrap();
        assert_eq!(again, first);
        assert_eq!(launches.outcome("b").await, Err(LaunchError::Unknown));
    }

    #[tokio::test]
    async fn only_the_last_64_are_kept_and_a_lost_prefetch_says_so() {
        let launches = Launches::default();
        for i in 0..=KEPT {
            launches.start(format!("{i}")).finish(outcome("x"));
        }
        assert_eq!(launches.outcome("0").await, Err(LaunchError::Unknown));
        assert!(launches.outcome("1").await.is_ok());
        drop(launches.start("gone".into()));
        assert_eq!(launches.outcome("gone").await, Err(LaunchError::Lost));
    }
}
