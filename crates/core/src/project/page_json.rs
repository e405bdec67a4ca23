//! A page's `.json` (`pages/index/index.json`): its window overrides and components.

use super::check::{Path, Report};
use super::error::{ConfigError, ConfigErrors};
use super::value::ConfigValue;
use super::window::{read_overrides, WindowOverrides};

/// A validated page `.json`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageConfig {
    /// The window keys the page sets, over `app.json`'s `window`
    /// (see [`super::AppConfig::window_for`]).
    pub window: WindowOverrides,
    /// `usingComponents`: `(tag name, path)` in order.
    pub using_components: Vec<(String, String)>,
    /// `disableScroll`: the page does not scroll vertically.
    pub disable_scroll: bool,
    /// What WeChat runs with all the same, as [`super::AppConfig::warnings`].
    pub warnings: Vec<ConfigError>,
}

impl PageConfig {
    /// Validates a parsed page `.json`; `file` names it in errors
    /// (`pages/index/index.json`). Reports every problem found, not just the first.
    ///
    /// Keys wxrt does not use are allowed, as WeChat allows them.
    pub fn from_value(value: &ConfigValue, file: &str) -> Result<PageConfig, ConfigErrors> {
        let mut report = Report::new(file);
        let Some(fields) = report.object(value, &Path::default()) else {
            return report.finish(PageConfig::default());
        };
        let mut config = PageConfig {
            window: read_overrides(&mut report, &fields),
            using_components: report
                .optional(&fields, "usingComponents", |r, m| r.string_map(m))
                .unwrap_or_default(),
            disable_scroll: report
                .optional(&fields, "disableScroll", |r, m| r.boolean(m))
                .unwrap_or_default(),
            warnings: Vec::new(),
        };
        config.warnings = report.take_warnings();
        report.finish(config)
    }
}
