//! The cached bodies, one per fetch type, and what `wx.getBackgroundFetchData` answers from
//! them: the latest cached body, even while a newer fetch is under way (it never waits);
//! a failure when there is none.

use super::error::BackgroundFetchError;
use super::request::LaunchContext;
use super::FetchType;

/// A cached body and what it was fetched for: `wx.getBackgroundFetchData`'s answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchedData {
    /// Which fetch brought it.
    pub fetch_type: FetchType,
    /// `fetchedData`: the body.
    pub fetched_data: String,
    /// `timeStamp`: when the client got it, in ms since the epoch.
    pub time_stamp_ms: u64,
    /// `path`: the launch path the prefetch was made for (empty for a periodic fetch).
    pub path: String,
    /// `query`: the launch query, as a string (empty for a periodic fetch).
    pub query: String,
    /// `scene`: the launch scene (0 for a periodic fetch).
    pub scene: u32,
}

impl FetchedData {
    /// `body`, cached at `time_stamp_ms` by a fetch of `fetch_type` made for `launch`.
    pub fn new(
        fetch_type: FetchType,
        body: String,
        time_stamp_ms: u64,
        launch: &LaunchContext,
    ) -> Self {
        Self {
            fetch_type,
            fetched_data: body,
            time_stamp_ms,
            path: launch.path.clone(),
            query: launch.query.clone(),
            scene: launch.scene,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Slot {
    latest: Option<FetchedData>,
    pending: bool,
}

/// The cache of one (app, user): the latest body of each fetch type, and whether a fetch
/// of that type is under way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FetchCache {
    pre: Slot,
    periodic: Slot,
}

impl FetchCache {
    /// A cache holding what was stored before (after a reload).
    pub fn restored(pre: Option<FetchedData>, periodic: Option<FetchedData>) -> Self {
        Self {
            pre: Slot {
                latest: pre,
                pending: false,
            },
            periodic: Slot {
                latest: periodic,
                pending: false,
            },
        }
    }

    fn slot(&self, fetch_type: FetchType) -> &Slot {
        match fetch_type {
            FetchType::Pre => &self.pre,
            FetchType::Periodic => &self.periodic,
        }
    }

    fn slot_mut(&mut self, fetch_type: FetchType) -> &mut Slot {
        match fetch_type {
            FetchType::Pre => &mut self.pre,
            FetchType::Periodic => &mut self.periodic,
        }
    }

    /// A fetch of `fetch_type` started; reads keep answering the previous body.
    pub fn begin(&mut self, fetch_type: FetchType) {
        self.slot_mut(fetch_type).pending = true;
    }

    /// A fetch ended with `data` to cache; it replaces the previous body.
    pub fn complete(&mut self, data: FetchedData) {
        let slot = self.slot_mut(data.fetch_type);
        slot.pending = false;
        slot.latest = Some(data);
    }

    /// A fetch of `fetch_type` ended with nothing to cache; the previous body stays.
    pub fn abandon(&mut self, fetch_type: FetchType) {
        self.slot_mut(fetch_type).pending = false;
    }

    /// Whether a fetch of `fetch_type` is under way.
    pub fn is_pending(&self, fetch_type: FetchType) -> bool {
        self.slot(fetch_type).pending
    }

    /// The latest body of `fetch_type`, cached or not yet.
    pub fn latest(&self, fetch_type: FetchType) -> Option<&FetchedData> {
        self.slot(fetch_type).latest.as_ref()
    }

    /// `wx.getBackgroundFetchData({fetchType})`: the latest body, also while a newer
    /// fetch is under way.
    ///
    /// # Errors
    ///
    /// [`BackgroundFetchError::NotFetchedYet`] while the first fetch is under way,
    /// [`BackgroundFetchError::NoData`] when nothing was ever cached.
    pub fn get(&self, fetch_type: FetchType) -> Result<&FetchedData, BackgroundFetchError> {
        let slot = self.slot(fetch_type);
        match (&slot.latest, slot.pending) {
            (Some(data), _) => Ok(data),
            (None, true) => Err(BackgroundFetchError::NotFetchedYet(fetch_type)),
            (None, false) => Err(BackgroundFetchError::NoData(fetch_type)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(fetch_type: FetchType, body: &str, at: u64) -> FetchedData {
        let launch = LaunchContext {
            path: "pages/a/a".into(),
            query: "x=1".into(),
            scene: 1011,
        };
        FetchedData::new(fetch_type, body.into(), at, &launch)
    }

    #[test]
    fn the_previous_body_answers_while_a_fetch_is_under_way() {
        let mut cache = FetchCache::restored(Some(data(FetchType::Pre, "old", 1)), None);
        cache.begin(FetchType::Pre);
        assert_eq!(cache.get(FetchType::Pre).unwrap().fetched_data, "old");
        cache.complete(data(FetchType::Pre, "new", 2));
        assert_eq!(cache.get(FetchType::Pre).unwrap().fetched_data, "new");
        assert!(!cache.is_pending(FetchType::Pre));
    }

    #[test]
    fn an_uncached_answer_keeps_the_previous_body() {
        let mut cache = FetchCache::restored(Some(data(FetchType::Pre, "old", 1)), None);
        cache.begin(FetchType::Pre);
        cache.abandon(FetchType::Pre);
        assert_eq!(cache.get(FetchType::Pre).unwrap().fetched_data, "old");
    }

    #[test]
    fn nothing_cached_fails_and_the_types_are_separate() {
        let mut cache = FetchCache::default();
        assert_eq!(
            cache.get(FetchType::Periodic).unwrap_err().to_string(),
            "no periodic background fetch data"
        );
        cache.begin(FetchType::Pre);
        assert_eq!(
            cache.get(FetchType::Pre).unwrap_err().to_string(),
            "the pre background fetch has not finished and there is no earlier data"
        );
        cache.complete(data(FetchType::Pre, "pre", 5));
        assert!(cache.get(FetchType::Periodic).is_err());
        let got = cache.get(FetchType::Pre).unwrap();
        assert_eq!(
            (
                got.path.as_str(),
                got.query.as_str(),
                got.scene,
                got.time_stamp_ms
            ),
            ("pages/a/a", "x=1", 1011, 5)
        );
    }
}
