//! Grey (canary) release of the prefetch download URL. A ratio `r` sends `r`% of users to
//! the grey URL, the same users every time; 100 makes the grey URL everyone's; 0 gives it
//! to the app's testers only (testers get it at any ratio). WeChat never lowers a ratio
//! once raised for a grey URL; [`raise_grey_ratio`] keeps that rule.

use std::fmt;

use sha2::{Digest, Sha256};

use super::config::PrefetchSource;

/// Where one user's prefetch goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Download<'a> {
    /// The data download URL.
    Main(&'a str),
    /// The grey download URL.
    Grey(&'a str),
}

impl<'a> Download<'a> {
    /// The URL.
    pub fn url(self) -> &'a str {
        match self {
            Self::Main(url) | Self::Grey(url) => url,
        }
    }
}

/// The user's place among 100 buckets (0–99): stable per (appid, user) and spread evenly,
/// so a ratio of `r` takes the users of buckets below `r`.
pub fn grey_bucket(appid: &str, user: &str) -> u8 {
    let digest = Sha256::new()
        .chain_update(appid.as_bytes())
        .chain_update([0])
        .chain_update(user.as_bytes())
        .finalize();
    let mut head = [0u8; 8];
    head.copy_from_slice(&digest[..8]);
    (u64::from_be_bytes(head) % 100) as u8
}

/// The URL `user` of `appid` downloads from; `tester` says whether the user is one of the
/// app's testers (experience members).
pub fn download_url<'a>(
    source: &'a PrefetchSource,
    appid: &str,
    user: &str,
    tester: bool,
) -> Download<'a> {
    let Some(grey) = &source.grey else {
        return Download::Main(&source.url);
    };
    if tester || grey_bucket(appid, user) < grey.ratio {
        Download::Grey(&grey.url)
    } else {
        Download::Main(&source.url)
    }
}

/// A configured grey ratio below one already used for the same grey URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GreyRatioLowered {
    /// The highest ratio used so far.
    pub highest: u8,
    /// The ratio configured now.
    pub configured: u8,
}

impl fmt::Display for GreyRatioLowered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the grey ratio cannot go back from {}% to {}%: WeChat never lowers a grey ratio once raised",
            self.highest, self.configured
        )
    }
}

impl std::error::Error for GreyRatioLowered {}

/// The highest ratio after configuring `configured`, given the highest used so far for
/// the same grey URL (`None` for a new grey URL).
///
/// # Errors
///
/// [`GreyRatioLowered`] when `configured` is below the highest so far.
pub fn raise_grey_ratio(
    highest_so_far: Option<u8>,
    configured: u8,
) -> Result<u8, GreyRatioLowered> {
    match highest_so_far {
        Some(highest) if configured < highest => Err(GreyRatioLowered {
            highest,
            configured,
        }),
        _ => Ok(configured),
    }
}

#[cfg(test)]
mod tests {
    use super::super::config::GreyRelease;
    use super::*;

    fn source(ratio: u8) -> PrefetchSource {
        PrefetchSource {
            url: "https://main.example".into(),
            grey: Some(GreyRelease {
                url: "https://grey.example".into(),
                ratio,
            }),
        }
    }

    fn grey_share(ratio: u8, users: usize) -> usize {
        let source = source(ratio);
        (0..users)
            .filter(|i| {
                matches!(
                    download_url(&source, "wxapp", &format!("user-{i}"), false),
                    Download::Grey(_)
                )
            })
            .count()
    }

    #[test]
    fn the_ratio_picks_that_share_of_users_stably() {
        for ratio in [10u8, 30, 50, 90] {
            let share = grey_share(ratio, 10_000);
            let expected = usize::from(ratio) * 100;
            assert!(
                share.abs_diff(expected) < 300,
                "ratio {ratio}: {share} of 10000"
            );
        }
        let source = source(30);
        let first = download_url(&source, "wxapp", "alice", false);
        assert!((0..5).all(|_| download_url(&source, "wxapp", "alice", false) == first));
    }

    #[test]
    fn raising_the_ratio_keeps_the_users_already_grey() {
        let low = source(20);
        let high = source(60);
        for i in 0..2000 {
            let user = format!("user-{i}");
            if matches!(download_url(&low, "wxapp", &user, false), Download::Grey(_)) {
                assert!(matches!(
                    download_url(&high, "wxapp", &user, false),
                    Download::Grey(_)
                ));
            }
        }
    }

    #[test]
    fn zero_is_testers_only_and_100_is_everyone() {
        assert_eq!(grey_share(0, 1000), 0);
        assert_eq!(
            download_url(&source(0), "wxapp", "tess", true),
            Download::Grey("https://grey.example")
        );
        assert_eq!(grey_share(100, 1000), 1000);
        let plain = PrefetchSource {
            url: "https://main.example".into(),
            grey: None,
        };
        assert_eq!(
            download_url(&plain, "wxapp", "tess", true).url(),
            "https://main.example"
        );
    }

    #[test]
    fn a_ratio_is_never_lowered() {
        assert_eq!(raise_grey_ratio(None, 0), Ok(0));
        assert_eq!(raise_grey_ratio(Some(20), 50), Ok(50));
        assert_eq!(raise_grey_ratio(Some(50), 50), Ok(50));
        let error = raise_grey_ratio(Some(50), 20).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the grey ratio cannot go back from 50% to 20%: WeChat never lowers a grey ratio once raised"
        );
    }
}
