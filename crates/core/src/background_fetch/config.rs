//! What WeChat keeps in its admin console for background fetch, which wxrt reads from the
//! `backgroundFetch` object of its own project file:
//!
//! ```json
//! "backgroundFetch": {
//!   "prefetchUrl": "https://api.example.com/prefetch",
//!   "greyPrefetchUrl": "https://api.example.com/prefetch-v2",
//!   "greyRatio": 20,
//!   "periodicUrl": "https://api.example.com/periodic",
//!   "periodicIntervalSeconds": 43200
//! }
//! ```

use crate::network::Origin;
use crate::project::check::{Member, Path, Report};
use crate::project::{ConfigErrorKind, ConfigErrors, ConfigValue};

/// The periodic update's default interval: 12 hours.
pub const DEFAULT_PERIODIC_INTERVAL_MS: u64 = 12 * 60 * 60 * 1000;

/// The key of the configuration in wxrt's project file.
const KEY: &str = "backgroundFetch";

/// A grey release of the prefetch download URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GreyRelease {
    /// `greyPrefetchUrl`.
    pub url: String,
    /// `greyRatio`: the percentage of users sent to it (0–100).
    pub ratio: u8,
}

/// The prefetch's data download URL, and its grey release if one is configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrefetchSource {
    /// `prefetchUrl`.
    pub url: String,
    /// `greyPrefetchUrl` with `greyRatio`.
    pub grey: Option<GreyRelease>,
}

/// The background-fetch configuration of one app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackgroundFetchConfig {
    /// Where the prefetch downloads from; `None` turns prefetch off.
    pub prefetch: Option<PrefetchSource>,
    /// `periodicUrl`; `None` turns periodic updates off.
    pub periodic_url: Option<String>,
    /// `periodicIntervalSeconds`, in ms ([`DEFAULT_PERIODIC_INTERVAL_MS`] by default).
    pub periodic_interval_ms: u64,
}

impl Default for BackgroundFetchConfig {
    fn default() -> Self {
        Self {
            prefetch: None,
            periodic_url: None,
            periodic_interval_ms: DEFAULT_PERIODIC_INTERVAL_MS,
        }
    }
}

impl BackgroundFetchConfig {
    /// Reads the `backgroundFetch` object of `file`, reporting every problem at its place
    /// (`wxrt.config.json: ["backgroundFetch"]["greyRatio"] should be a whole number from
    /// 0 to 100, got 120`).
    ///
    /// # Errors
    ///
    /// [`ConfigErrors`]: a member of the wrong type, a URL that is not `http(s)://`, a
    /// ratio outside 0–100, an interval under one second, or a grey URL without its
    /// ratio (or the reverse) or without `prefetchUrl`.
    pub fn from_value(value: &ConfigValue, file: &str) -> Result<Self, ConfigErrors> {
        let mut report = Report::new(file);
        let mut config = Self::default();
        let Some(fields) = report.object(value, &Path::default().key(KEY)) else {
            return report.finish(config);
        };
        let prefetch_url = report.optional(&fields, "prefetchUrl", read_url);
        let grey_url = report.optional(&fields, "greyPrefetchUrl", read_url);
        let grey_ratio = report.optional(&fields, "greyRatio", read_ratio);
        let grey_present = (
            fields.get("greyPrefetchUrl").is_some(),
            fields.get("greyRatio").is_some(),
        );
        match grey_present {
            (true, false) => {
                report.required(&fields, "greyRatio");
            }
            (false, true) => {
                report.required(&fields, "greyPrefetchUrl");
            }
            (true, true) if fields.get("prefetchUrl").is_none() => {
                report.required(&fields, "prefetchUrl");
            }
            _ => {}
        }
        config.prefetch = prefetch_url.map(|url| PrefetchSource {
            url,
            grey: grey_url
                .zip(grey_ratio)
                .map(|(url, ratio)| GreyRelease { url, ratio }),
        });
        config.periodic_url = report.optional(&fields, "periodicUrl", read_url);
        if let Some(seconds) = report.optional(&fields, "periodicIntervalSeconds", read_seconds) {
            config.periodic_interval_ms = seconds * 1000;
        }
        report.finish(config)
    }
}

/// Whether `url` is an absolute `http://` or `https://` URL with a host.
pub fn is_http_url(url: &str) -> bool {
    Origin::of(url).is_some()
}

fn read_url(report: &mut Report, member: &Member<'_>) -> Option<String> {
    let url = report.string(member)?;
    if is_http_url(url) {
        Some(url.to_owned())
    } else {
        report.push(
            &member.path,
            ConfigErrorKind::NotHttpUrl {
                value: url.to_owned(),
            },
        );
        None
    }
}

fn read_whole(report: &mut Report, member: &Member<'_>, min: u64, max: u64) -> Option<u64> {
    let number = report.number(member)?;
    if number.fract() == 0.0 && (min as f64..=max as f64).contains(&number) {
        Some(number as u64)
    } else {
        report.push(
            &member.path,
            ConfigErrorKind::OutOfRange {
                min,
                max,
                actual: number,
            },
        );
        None
    }
}

fn read_ratio(report: &mut Report, member: &Member<'_>) -> Option<u8> {
    read_whole(report, member, 0, 100).map(|ratio| ratio as u8)
}

fn read_seconds(report: &mut Report, member: &Member<'_>) -> Option<u64> {
    // Up to a year: past that the interval is a typo, not a schedule.
    read_whole(report, member, 1, 365 * 24 * 60 * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(members: Vec<(&str, ConfigValue)>) -> Result<BackgroundFetchConfig, ConfigErrors> {
        BackgroundFetchConfig::from_value(&ConfigValue::object(members), "wxrt.config.json")
    }

    fn text(s: &str) -> ConfigValue {
        ConfigValue::String(s.into())
    }

    #[test]
    fn a_full_configuration() {
        let config = parse(vec![
            ("prefetchUrl", text("https://api.example.com/pre")),
            ("greyPrefetchUrl", text("http://127.0.0.1:8081/pre2")),
            ("greyRatio", ConfigValue::Number(20.0)),
            ("periodicUrl", text("https://api.example.com/periodic")),
            ("periodicIntervalSeconds", ConfigValue::Number(3600.0)),
        ])
        .unwrap();
        assert_eq!(
            config,
            BackgroundFetchConfig {
                prefetch: Some(PrefetchSource {
                    url: "https://api.example.com/pre".into(),
                    grey: Some(GreyRelease {
                        url: "http://127.0.0.1:8081/pre2".into(),
                        ratio: 20
                    }),
                }),
                periodic_url: Some("https://api.example.com/periodic".into()),
                periodic_interval_ms: 3_600_000,
            }
        );
        assert_eq!(parse(vec![]).unwrap(), BackgroundFetchConfig::default());
    }

    #[test]
    fn every_problem_is_reported_at_its_place() {
        let errors = parse(vec![
            ("prefetchUrl", text("ftp://example.com")),
            ("greyRatio", ConfigValue::Number(120.0)),
            ("periodicUrl", ConfigValue::Bool(true)),
            ("periodicIntervalSeconds", ConfigValue::Number(0.5)),
        ])
        .unwrap_err();
        assert_eq!(
            errors.messages(),
            [
                r#"wxrt.config.json: ["backgroundFetch"]["prefetchUrl"] "ftp://example.com" should be an http:// or https:// URL"#,
                r#"wxrt.config.json: ["backgroundFetch"]["greyRatio"] should be a whole number from 0 to 100, got 120"#,
                r#"wxrt.config.json: ["backgroundFetch"]["greyPrefetchUrl"] is required"#,
                r#"wxrt.config.json: ["backgroundFetch"]["periodicUrl"] should be String, got Boolean"#,
                r#"wxrt.config.json: ["backgroundFetch"]["periodicIntervalSeconds"] should be a whole number from 1 to 31536000, got 0.5"#,
            ]
        );
        let not_object =
            BackgroundFetchConfig::from_value(&ConfigValue::Array(vec![]), "wxrt.config.json")
                .unwrap_err();
        assert_eq!(
            not_object.messages(),
            [r#"wxrt.config.json: ["backgroundFetch"] should be an Object, got Array"#]
        );
    }

    #[test]
    fn a_grey_release_needs_the_main_url() {
        let errors = parse(vec![
            ("greyPrefetchUrl", text("https://g.example")),
            ("greyRatio", ConfigValue::Number(5.0)),
        ])
        .unwrap_err();
        assert_eq!(
            errors.messages(),
            [r#"wxrt.config.json: ["backgroundFetch"]["prefetchUrl"] is required"#]
        );
    }
}
