//! Ads (`createInterstitialAd`, `createRewardedVideoAd`): an ad unit loads (WeChat loads it
//! at creation and again after each close), shows only when loaded, and closes.

/// Which kind of ad.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdKind {
    /// A full-screen card (`createInterstitialAd`).
    Interstitial,
    /// A video the user watches for a reward (`createRewardedVideoAd`); closing tells
    /// whether it was watched to the end.
    RewardedVideo,
}

/// Why an ad call failed: WeChat's `errCode` and `errMsg` of `onError` and of the rejected
/// `load()` / `show()` Promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AdError {
    /// 1004: no ad fits (WeChat's answer for every unit not approved for ads, so the
    /// usual one in development).
    #[error("no advertisement")]
    NoAd,
    /// 2003: `show()` while the ad is on screen.
    #[error("ad is showing")]
    Showing,
    /// The unit was destroyed.
    #[error("ad has been destroyed")]
    Destroyed,
}

impl AdError {
    /// WeChat's `errCode`.
    pub fn code(self) -> u32 {
        match self {
            Self::NoAd => 1004,
            Self::Showing => 2003,
            Self::Destroyed => 1003,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Empty,
    Loaded,
    Showing,
    Destroyed,
}

/// One ad unit's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdUnit {
    kind: AdKind,
    state: State,
}

impl AdUnit {
    /// A unit of `kind`, not loaded yet.
    pub fn new(kind: AdKind) -> Self {
        Self {
            kind,
            state: State::Empty,
        }
    }

    /// Loading answered: `has_ad` is the simulated phone's outcome. Loading a shown ad's
    /// unit keeps it on screen.
    ///
    /// # Errors
    ///
    /// [`AdError::NoAd`], [`AdError::Destroyed`].
    pub fn load(&mut self, has_ad: bool) -> Result<(), AdError> {
        match self.state {
            State::Destroyed => Err(AdError::Destroyed),
            State::Showing | State::Loaded => Ok(()),
            State::Empty if has_ad => {
                self.state = State::Loaded;
                Ok(())
            }
            State::Empty => Err(AdError::NoAd),
        }
    }

    /// `show()`: the loaded ad goes on screen.
    ///
    /// # Errors
    ///
    /// [`AdError::NoAd`] when nothing is loaded, [`AdError::Showing`], [`AdError::Destroyed`].
    pub fn show(&mut self) -> Result<(), AdError> {
        match self.state {
            State::Loaded => {
                self.state = State::Showing;
                Ok(())
            }
            State::Empty => Err(AdError::NoAd),
            State::Showing => Err(AdError::Showing),
            State::Destroyed => Err(AdError::Destroyed),
        }
    }

    /// The user closed the ad; returns `onClose`'s `isEnded` for a rewarded video (`None`
    /// for an interstitial, whose `onClose` has no payload). The ad is spent.
    pub fn close(&mut self, watched_to_end: bool) -> Option<bool> {
        if self.state == State::Showing {
            self.state = State::Empty;
        }
        match self.kind {
            AdKind::RewardedVideo => Some(watched_to_end),
            AdKind::Interstitial => None,
        }
    }

    /// `destroy()`: the unit answers nothing more.
    pub fn destroy(&mut self) {
        self.state = State::Destroyed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ad_shows_once_per_load() {
        let mut ad = AdUnit::new(AdKind::RewardedVideo);
        assert_eq!(ad.show(), Err(AdError::NoAd));
        assert_eq!(ad.load(false).unwrap_err().code(), 1004);
        assert_eq!(ad.load(true), Ok(()));
        assert_eq!(ad.show(), Ok(()));
        assert_eq!(ad.show().unwrap_err().code(), 2003);
        assert_eq!(ad.close(false), Some(false));
        assert_eq!(ad.show(), Err(AdError::NoAd));
        ad.destroy();
        assert_eq!(ad.load(true), Err(AdError::Destroyed));
        let mut card = AdUnit::new(AdKind::Interstitial);
        card.load(true).unwrap();
        card.show().unwrap();
        assert_eq!(card.close(true), None);
        assert_eq!(AdError::NoAd.to_string(), "no advertisement");
    }
}
