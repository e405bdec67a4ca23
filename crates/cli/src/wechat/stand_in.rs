//! The stand-in the routes share: one [`WeChatStandIn`] behind a mutex. Each call holds
//! the lock for its whole check-and-update, so however many requests race, a code is
//! accepted once.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use wxrt_core::login::{AppRegistration, LoginError, StandInConfig, WeChatStandIn};
use wxrt_core::random::RandomSource;

/// Randomness from the operating system, for codes, session keys and secrets nobody
/// is meant to guess.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsRandom;

impl RandomSource for OsRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        // The trait cannot report a failure, and handing out predictable codes or
        // session keys would be worse than stopping: the OS generator failing means
        // the machine is badly broken.
        #[allow(clippy::expect_used)]
        getrandom::fill(buf).expect("the operating system's random generator failed");
    }
}

/// A handle on a [`WeChatStandIn`]; clones share it.
#[derive(Clone)]
pub struct StandIn {
    shared: Arc<Mutex<WeChatStandIn>>,
}

impl fmt::Debug for StandIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StandIn").finish_non_exhaustive()
    }
}

/// An earlier call panicked while holding the stand-in, which may be half-updated.
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("the WeChat stand-in stopped")]
pub struct StandInStopped;

impl StandIn {
    /// A stand-in with WeChat's default timings, [`OsRandom`], and `apps` registered. An
    /// app whose registration core refuses (a bad appid) is left out; use
    /// [`StandIn::register`] to hear about it.
    pub fn new(apps: Vec<AppRegistration>) -> Self {
        let mut stand_in = WeChatStandIn::new(StandInConfig::default(), Box::new(OsRandom));
        for app in apps {
            let _ = stand_in.register_app(app);
        }
        Self::from(stand_in)
    }

    /// Runs `call` on the stand-in and returns what it returns. The lock is held only for
    /// the call, which never waits on anything.
    ///
    /// # Errors
    ///
    /// [`StandInStopped`] when an earlier call panicked holding the stand-in.
    pub async fn with<R>(
        &self,
        call: impl FnOnce(&mut WeChatStandIn) -> R,
    ) -> Result<R, StandInStopped> {
        self.with_blocking(call)
    }

    /// [`StandIn::with`] for code outside an async runtime (setup, tests).
    ///
    /// # Errors
    ///
    /// [`StandInStopped`] when an earlier call panicked holding the stand-in.
    pub fn with_blocking<R>(
        &self,
        call: impl FnOnce(&mut WeChatStandIn) -> R,
    ) -> Result<R, StandInStopped> {
        let mut stand_in = self
            .shared
            .lock()
            .map_err(|_: PoisonError<_>| StandInStopped)?;
        Ok(call(&mut stand_in))
    }

    /// Registers `app`, replacing an earlier registration of its appid.
    ///
    /// # Errors
    ///
    /// [`RegisterError::Refused`] for an appid core refuses,
    /// [`RegisterError::Stopped`] when the stand-in is unusable.
    pub async fn register(&self, app: AppRegistration) -> Result<(), RegisterError> {
        self.with(move |stand_in| stand_in.register_app(app))
            .await?
            .map_err(RegisterError::Refused)
    }
}

impl From<WeChatStandIn> for StandIn {
    fn from(stand_in: WeChatStandIn) -> Self {
        Self {
            shared: Arc::new(Mutex::new(stand_in)),
        }
    }
}

/// Why [`StandIn::register`] failed.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// Core refused the registration.
    #[error(transparent)]
    Refused(LoginError),
    /// The stand-in is gone.
    #[error(transparent)]
    Stopped(#[from] StandInStopped),
}
