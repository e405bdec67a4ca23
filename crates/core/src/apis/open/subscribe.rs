//! `wx.requestSubscribeMessage`: up to [`MAX_TEMPLATES`] template ids per call, asked only
//! from a tap, each answered accept or reject; an answer the user asked WeChat to keep
//! ("总是保持以上选择") is given again without asking, and is what `getSetting({
//! withSubscriptions: true }).subscriptionsSetting` shows. Kept per (appid, user).

use std::collections::BTreeMap;

/// At most this many template ids per call (current docs and typings; old clients: 3).
pub const MAX_TEMPLATES: usize = 5;

/// Why the request failed; `Display` follows `requestSubscribeMessage:fail `.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SubscribeError {
    /// Not called from a tap (WeChat ≥ 2.8.2); no errCode.
    #[error("can only be invoked by user TAP gesture.")]
    NotTap,
    /// 10001.
    #[error("TmplIds can't be empty")]
    Empty,
    /// 10004: an id that is not a string.
    #[error("Invalid template id")]
    InvalidId,
    /// 20003.
    #[error("Templates count out of max bounds")]
    TooMany,
    /// 20004: the user switched all subscription messages off.
    #[error("The main switch is switched off")]
    MainSwitchOff,
}

impl SubscribeError {
    /// WeChat's `errCode`, where it gives one.
    pub fn code(self) -> Option<u32> {
        match self {
            Self::NotTap => None,
            Self::Empty => Some(10001),
            Self::InvalidId => Some(10004),
            Self::TooMany => Some(20003),
            Self::MainSwitchOff => Some(20004),
        }
    }
}

/// What a request needs: ids to ask the user about, and ids answered before and kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubscribePlan {
    /// To show in the sheet, in call order, each once.
    pub ask: Vec<String>,
    /// Answered without asking (`true`: accept).
    pub kept: Vec<(String, bool)>,
}

/// One user's subscription settings for one mini-program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriptions {
    main_switch: bool,
    kept: BTreeMap<String, bool>,
}

impl Default for Subscriptions {
    fn default() -> Self {
        Self {
            main_switch: true,
            kept: BTreeMap::new(),
        }
    }
}

/// WeChat's word for an answer.
pub fn word(accept: bool) -> &'static str {
    if accept {
        "accept"
    } else {
        "reject"
    }
}

impl Subscriptions {
    /// Settings read from [`Subscriptions::save`]'s text (malformed lines are dropped).
    pub fn load(text: &str) -> Self {
        let mut out = Self::default();
        for line in text.lines() {
            match line.split_once('\t') {
                Some(("", "off")) => out.main_switch = false,
                Some((id, "accept")) if !id.is_empty() => {
                    out.kept.insert(id.to_owned(), true);
                }
                Some((id, "reject")) if !id.is_empty() => {
                    out.kept.insert(id.to_owned(), false);
                }
                _ => {}
            }
        }
        out
    }

    /// The settings as text.
    pub fn save(&self) -> String {
        let mut lines: Vec<String> = Vec::new();
        if !self.main_switch {
            lines.push("\toff".into());
        }
        lines.extend(
            self.kept
                .iter()
                .map(|(id, a)| format!("{id}\t{}", word(*a))),
        );
        lines.join("\n")
    }

    /// The request for `ids` (`None` for an id that is not a string), `tap` telling
    /// whether it comes from a tap.
    ///
    /// # Errors
    ///
    /// [`SubscribeError`], checked in WeChat's order: the gesture, then the ids, then the
    /// main switch.
    pub fn plan(&self, ids: &[Option<String>], tap: bool) -> Result<SubscribePlan, SubscribeError> {
        if !tap {
            return Err(SubscribeError::NotTap);
        }
        if ids.is_empty() {
            return Err(SubscribeError::Empty);
        }
        if ids.len() > MAX_TEMPLATES {
            return Err(SubscribeError::TooMany);
        }
        let mut plan = SubscribePlan::default();
        for id in ids {
            let id = match id {
                Some(id) if !id.is_empty() => id,
                _ => return Err(SubscribeError::InvalidId),
            };
            if plan.ask.contains(id) || plan.kept.iter().any(|(k, _)| k == id) {
                continue;
            }
            match self.kept.get(id) {
                Some(&answer) => plan.kept.push((id.clone(), answer)),
                None => plan.ask.push(id.clone()),
            }
        }
        if !self.main_switch {
            return Err(SubscribeError::MainSwitchOff);
        }
        Ok(plan)
    }

    /// The user answered the sheet for `plan.ask` (`answers` in the same order; missing
    /// ones are rejections), `keep` when "always keep" was ticked. Returns every id's answer.
    pub fn answer(
        &mut self,
        plan: &SubscribePlan,
        answers: &[bool],
        keep: bool,
    ) -> Vec<(String, bool)> {
        let mut out = plan.kept.clone();
        for (i, id) in plan.ask.iter().enumerate() {
            let accept = answers.get(i).copied().unwrap_or(false);
            if keep {
                self.kept.insert(id.clone(), accept);
            }
            out.push((id.clone(), accept));
        }
        out
    }

    /// `subscriptionsSetting`: the main switch and the kept answers.
    pub fn settings(&self) -> (bool, Vec<(String, bool)>) {
        (
            self.main_switch,
            self.kept.iter().map(|(k, v)| (k.clone(), *v)).collect(),
        )
    }

    /// Turns all subscription messages on or off (the settings page's switch).
    pub fn set_main_switch(&mut self, on: bool) {
        self.main_switch = on;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<Option<String>> {
        list.iter().map(|s| Some((*s).to_owned())).collect()
    }

    #[test]
    fn requests_are_checked_in_order() {
        let subs = Subscriptions::default();
        assert_eq!(subs.plan(&ids(&["a"]), false), Err(SubscribeError::NotTap));
        assert_eq!(subs.plan(&[], true).unwrap_err().code(), Some(10001));
        assert_eq!(
            subs.plan(&ids(&["1", "2", "3", "4", "5", "6"]), true)
                .unwrap_err()
                .code(),
            Some(20003)
        );
        assert_eq!(
            subs.plan(&[Some("a".into()), None], true),
            Err(SubscribeError::InvalidId)
        );
        assert_eq!(
            SubscribeError::NotTap.to_string(),
            "can only be invoked by user TAP gesture."
        );
    }

    #[test]
    fn kept_answers_are_not_asked_again() {
        let mut subs = Subscriptions::default();
        let plan = subs.plan(&ids(&["a", "b", "a"]), true).unwrap();
        assert_eq!(plan.ask, vec!["a", "b"]);
        let got = subs.answer(&plan, &[true, false], true);
        assert_eq!(got, vec![("a".into(), true), ("b".into(), false)]);
        let again = subs.plan(&ids(&["b", "c"]), true).unwrap();
        assert_eq!(again.kept, vec![("b".into(), false)]);
        assert_eq!(again.ask, vec!["c"]);
        let saved = Subscriptions::load(&subs.save());
        assert_eq!(saved, subs);
        subs.set_main_switch(false);
        assert_eq!(
            Subscriptions::load(&subs.save()).plan(&ids(&["a"]), true),
            Err(SubscribeError::MainSwitchOff)
        );
    }
}
