//! `startLocationUpdate` / `startLocationUpdateBackground` / `stopLocationUpdate`: whether
//! position changes reach `onLocationChange` listeners.

/// Which updates are running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UpdateMode {
    /// None: listeners hear nothing.
    #[default]
    Off,
    /// While the mini-program is in the foreground.
    Foreground,
    /// Also after it goes to the background.
    Background,
}

/// The update state of one runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Updates {
    mode: UpdateMode,
}

impl Updates {
    /// Starts foreground (`background: false`) or background updates; background updates
    /// include the foreground ones, and a foreground start does not narrow them.
    pub fn start(&mut self, background: bool) {
        self.mode = match (self.mode, background) {
            (_, true) | (UpdateMode::Background, false) => UpdateMode::Background,
            _ => UpdateMode::Foreground,
        };
    }

    /// `stopLocationUpdate`: stops both kinds.
    pub fn stop(&mut self) {
        self.mode = UpdateMode::Off;
    }

    /// Which updates run.
    pub fn mode(&self) -> UpdateMode {
        self.mode
    }

    /// Whether a change of position reaches the listeners now (`shown`: the mini-program is
    /// in the foreground).
    pub fn delivers(&self, shown: bool) -> bool {
        match self.mode {
            UpdateMode::Off => false,
            UpdateMode::Foreground => shown,
            UpdateMode::Background => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn background_updates_outlive_the_foreground_and_stop_ends_both() {
        let mut updates = Updates::default();
        assert!(!updates.delivers(true));
        updates.start(false);
        assert!(updates.delivers(true) && !updates.delivers(false));
        updates.start(true);
        updates.start(false);
        assert_eq!(updates.mode(), UpdateMode::Background);
        assert!(updates.delivers(false));
        updates.stop();
        assert!(!updates.delivers(true));
    }
}
