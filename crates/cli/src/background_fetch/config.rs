//! The configuration `wxrt serve` runs background fetch with: the `backgroundFetch`
//! object of `wxrt.config.json` (read and checked by core, see
//! [`LocalConfig::background_fetch`](crate::wechat::LocalConfig::background_fetch)), with
//! the command line's flags over it.

use wxrt_core::background_fetch::{BackgroundFetchConfig, GreyRelease, PrefetchSource};

use crate::args::BackgroundFetchArgs;

/// A combination of flags and file that does not make a configuration. The flags are
/// checked one by one as they are parsed; these are the gaps between them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FlagError {
    /// A grey URL without a ratio.
    #[error(
        "--grey-prefetch-url needs a grey ratio: pass --grey-ratio N or set \
         backgroundFetch.greyRatio in wxrt.config.json"
    )]
    GreyUrlWithoutRatio,
    /// A ratio without a grey URL.
    #[error(
        "--grey-ratio needs a grey URL: pass --grey-prefetch-url URL or set \
         backgroundFetch.greyPrefetchUrl in wxrt.config.json"
    )]
    GreyRatioWithoutUrl,
    /// A grey URL without the main prefetch URL, which the other users download from.
    #[error(
        "--grey-prefetch-url needs the main prefetch URL: pass --prefetch-url URL or set \
         backgroundFetch.prefetchUrl in wxrt.config.json"
    )]
    GreyWithoutPrefetch,
}

/// `file` with each flag given replacing the key it stands for.
///
/// # Errors
///
/// A [`FlagError`] when the flags leave a grey URL without its ratio or main URL, or a
/// ratio without a grey URL.
pub fn apply_flags(
    file: BackgroundFetchConfig,
    flags: &BackgroundFetchArgs,
) -> Result<BackgroundFetchConfig, FlagError> {
    let mut config = file;
    let file_grey = config
        .prefetch
        .as_mut()
        .and_then(|source| source.grey.take());
    if let Some(url) = &flags.prefetch_url {
        config.prefetch = Some(PrefetchSource {
            url: url.clone(),
            grey: None,
        });
    }
    let grey_url = flags
        .grey_prefetch_url
        .clone()
        .or_else(|| file_grey.as_ref().map(|grey| grey.url.clone()));
    let grey_ratio = flags
        .grey_ratio
        .or_else(|| file_grey.as_ref().map(|grey| grey.ratio));
    match (grey_url, grey_ratio) {
        (None, None) => {}
        (Some(_), None) => return Err(FlagError::GreyUrlWithoutRatio),
        (None, Some(_)) => return Err(FlagError::GreyRatioWithoutUrl),
        (Some(url), Some(ratio)) => {
            let source = config
                .prefetch
                .as_mut()
                .ok_or(FlagError::GreyWithoutPrefetch)?;
            source.grey = Some(GreyRelease { url, ratio });
        }
    }
    if let Some(url) = &flags.periodic_url {
        config.periodic_url = Some(url.clone());
    }
    if let Some(seconds) = flags.periodic_interval_seconds {
        config.periodic_interval_ms = seconds.saturating_mul(1000);
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> BackgroundFetchConfig {
        BackgroundFetchConfig {
            prefetch: Some(PrefetchSource {
                url: "https://main.example".into(),
                grey: Some(GreyRelease {
                    url: "https://grey.example".into(),
                    ratio: 20,
                }),
            }),
            periodic_url: Some("https://periodic.example".into()),
            periodic_interval_ms: 60_000,
        }
    }

    #[test]
    fn each_flag_replaces_its_key() {
        assert_eq!(
            apply_flags(file(), &BackgroundFetchArgs::default()),
            Ok(file())
        );
        let flags = BackgroundFetchArgs {
            prefetch_url: Some("http://127.0.0.1:1/p".into()),
            grey_prefetch_url: None,
            grey_ratio: Some(50),
            periodic_url: Some("http://127.0.0.1:1/q".into()),
            periodic_interval_seconds: Some(5),
        };
        let config = apply_flags(file(), &flags).unwrap();
        assert_eq!(
            config.prefetch,
            Some(PrefetchSource {
                url: "http://127.0.0.1:1/p".into(),
                grey: Some(GreyRelease {
                    url: "https://grey.example".into(),
                    ratio: 50
                }),
            })
        );
        assert_eq!(config.periodic_url.as_deref(), Some("http://127.0.0.1:1/q"));
        assert_eq!(config.periodic_interval_ms, 5000);
    }

    #[test]
    fn gaps_are_refused() {
        let empty = BackgroundFetchConfig::default;
        let grey_url = BackgroundFetchArgs {
            grey_prefetch_url: Some("https://g.example".into()),
            ..Default::default()
        };
        assert_eq!(
            apply_flags(empty(), &grey_url),
            Err(FlagError::GreyUrlWithoutRatio)
        );
        let ratio = BackgroundFetchArgs {
            grey_ratio: Some(3),
            ..Default::default()
        };
        assert_eq!(
            apply_flags(empty(), &ratio),
            Err(FlagError::GreyRatioWithoutUrl)
        );
        let both = BackgroundFetchArgs {
            grey_prefetch_url: Some("https://g.example".into()),
            grey_ratio: Some(3),
            ..Default::default()
        };
        assert_eq!(
            apply_flags(empty(), &both),
            Err(FlagError::GreyWithoutPrefetch)
        );
    }
}
