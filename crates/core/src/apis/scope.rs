//! WeChat's permission model: each `scope.*` is unasked until an API that needs it (or
//! `wx.authorize`) first asks the user, then granted or denied until the user changes it
//! on the settings page (`wx.openSetting`). A denied scope fails at once, with no dialog:
//! WeChat never asks twice. The book is kept per (appid, user), as WeChat keeps it per
//! user and mini-program until the mini-program is deleted.

use std::collections::BTreeMap;

use super::params::{Field, BOOLEAN, STRING};

/// The options WeChat checks for the permission family's methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[
    ("authorize", &[Field::required("scope", STRING)]),
    (
        "getSetting",
        &[Field::optional("withSubscriptions", BOOLEAN)],
    ),
    (
        "openSetting",
        &[Field::optional("withSubscriptions", BOOLEAN)],
    ),
];

/// The scopes WeChat knows, each with what its dialog says the mini-program asks for.
pub const SCOPES: &[(&str, &str)] = &[
    ("scope.userLocation", "获取你的地理位置"),
    ("scope.userFuzzyLocation", "获取你的模糊地理位置"),
    ("scope.userLocationBackground", "在后台使用你的地理位置"),
    ("scope.record", "使用你的麦克风"),
    ("scope.camera", "使用你的摄像头"),
    ("scope.bluetooth", "使用你的蓝牙"),
    ("scope.writePhotosAlbum", "保存图片或视频到你的相册"),
    ("scope.addPhoneContact", "添加到你的手机通讯录"),
    ("scope.addPhoneCalendar", "添加到你的手机日历"),
    ("scope.werun", "获取你的微信运动步数"),
    ("scope.address", "获取你的通讯地址"),
    ("scope.invoiceTitle", "获取你的发票抬头"),
    ("scope.invoice", "获取你的发票"),
    ("scope.userInfo", "获取你的昵称、头像"),
];

/// What an API that needs a scope does now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Granted before: go on.
    Go,
    /// Denied before: fail with `auth deny` at once, without a dialog.
    Refuse,
    /// Never asked: show the dialog, then [`ScopeBook::answer`].
    Ask,
}

/// Why a permission call failed; `Display` is the part after `<api>:fail `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    /// The user denied the scope, now or before.
    #[error("auth deny")]
    Denied,
    /// `authorize` was given a scope WeChat does not know.
    #[error("invalid scope")]
    UnknownScope,
    /// `scope.userLocationBackground` is granted only through the settings page.
    #[error("scope.userLocationBackground can only be granted on the settings page")]
    BackgroundOnly,
}

/// The dialog text for `scope`, if WeChat knows it.
pub fn describe(scope: &str) -> Option<&'static str> {
    SCOPES.iter().find(|(s, _)| *s == scope).map(|(_, d)| *d)
}

/// The answers one user gave one mini-program, scope by scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeBook {
    answers: BTreeMap<&'static str, bool>,
}

fn known(scope: &str) -> Result<&'static str, ScopeError> {
    SCOPES
        .iter()
        .find(|(s, _)| *s == scope)
        .map(|(s, _)| *s)
        .ok_or(ScopeError::UnknownScope)
}

impl ScopeBook {
    /// A book read from [`ScopeBook::save`]'s text; unknown scopes and malformed entries
    /// (another version's, or edited by hand) are dropped, so they are asked again.
    pub fn load(text: &str) -> Self {
        let answers = text
            .split(';')
            .filter_map(|entry| {
                let (scope, value) = entry.split_once('=')?;
                let granted = match value {
                    "1" => true,
                    "0" => false,
                    _ => return None,
                };
                Some((known(scope).ok()?, granted))
            })
            .collect();
        Self { answers }
    }

    /// The book as text for [`ScopeBook::load`].
    pub fn save(&self) -> String {
        self.answers
            .iter()
            .map(|(scope, granted)| format!("{scope}={}", u8::from(*granted)))
            .collect::<Vec<_>>()
            .join(";")
    }

    /// What an API needing `scope` does now.
    ///
    /// # Errors
    ///
    /// [`ScopeError::UnknownScope`] for a scope WeChat does not know.
    pub fn decide(&self, scope: &str) -> Result<Decision, ScopeError> {
        let scope = known(scope)?;
        Ok(match self.answers.get(scope) {
            Some(true) => Decision::Go,
            Some(false) => Decision::Refuse,
            None => Decision::Ask,
        })
    }

    /// `wx.authorize({scope})`: as [`ScopeBook::decide`], except that the background
    /// location scope is never asked for by a dialog.
    ///
    /// # Errors
    ///
    /// [`ScopeError::UnknownScope`], [`ScopeError::BackgroundOnly`] when it would ask.
    pub fn authorize(&self, scope: &str) -> Result<Decision, ScopeError> {
        let decision = self.decide(scope)?;
        if decision == Decision::Ask && scope == "scope.userLocationBackground" {
            return Err(ScopeError::BackgroundOnly);
        }
        Ok(decision)
    }

    /// The user answered the dialog for `scope`.
    ///
    /// # Errors
    ///
    /// [`ScopeError::UnknownScope`]; [`ScopeError::Denied`] when the answer was no, as the
    /// API that asked then fails.
    pub fn answer(&mut self, scope: &str, granted: bool) -> Result<(), ScopeError> {
        self.record(scope, granted)?;
        if granted {
            Ok(())
        } else {
            Err(ScopeError::Denied)
        }
    }

    /// Records an answer for `scope` as if the user had given it (the workbench's switches).
    ///
    /// # Errors
    ///
    /// [`ScopeError::UnknownScope`].
    pub fn record(&mut self, scope: &str, granted: bool) -> Result<(), ScopeError> {
        self.answers.insert(known(scope)?, granted);
        Ok(())
    }

    /// Forgets the answer for `scope`: the next use asks again.
    pub fn forget(&mut self, scope: &str) {
        self.answers.remove(scope);
    }

    /// The user switched `scope` on the settings page. WeChat lists only the scopes the
    /// mini-program has asked for, so a scope never asked cannot be switched there.
    /// Returns whether the switch was on the page.
    pub fn switch(&mut self, scope: &str, granted: bool) -> bool {
        match self.answers.get_mut(scope) {
            Some(answer) => {
                *answer = granted;
                true
            }
            None => false,
        }
    }

    /// `authSetting` of `wx.getSetting` and `wx.openSetting`: every scope asked, with its
    /// answer, in a stable order.
    pub fn settings(&self) -> Vec<(&'static str, bool)> {
        self.answers.iter().map(|(s, g)| (*s, *g)).collect()
    }

    /// Forgets every answer (the workbench's reset, or deleting the mini-program).
    pub fn reset(&mut self) {
        self.answers.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_use_asks_then_the_answer_sticks() {
        let mut book = ScopeBook::default();
        assert_eq!(book.decide("scope.userLocation"), Ok(Decision::Ask));
        assert_eq!(
            book.answer("scope.userLocation", false),
            Err(ScopeError::Denied)
        );
        assert_eq!(book.decide("scope.userLocation"), Ok(Decision::Refuse));
        assert_eq!(book.decide("scope.camera"), Ok(Decision::Ask));
        assert_eq!(book.answer("scope.camera", true), Ok(()));
        assert_eq!(book.decide("scope.camera"), Ok(Decision::Go));
    }

    #[test]
    fn the_settings_page_lists_only_scopes_asked() {
        let mut book = ScopeBook::default();
        assert!(!book.switch("scope.record", true));
        let _ = book.answer("scope.record", false);
        assert!(book.switch("scope.record", true));
        assert_eq!(book.decide("scope.record"), Ok(Decision::Go));
        assert_eq!(book.settings(), vec![("scope.record", true)]);
        book.forget("scope.record");
        assert_eq!(book.decide("scope.record"), Ok(Decision::Ask));
        assert_eq!(
            book.record("scope.nope", true),
            Err(ScopeError::UnknownScope)
        );
    }

    #[test]
    fn unknown_scopes_are_refused_and_background_is_not_asked() {
        let book = ScopeBook::default();
        assert_eq!(book.decide("scope.nope"), Err(ScopeError::UnknownScope));
        assert_eq!(
            book.authorize("scope.userLocationBackground"),
            Err(ScopeError::BackgroundOnly)
        );
    }

    #[test]
    fn a_saved_book_loads_back_and_drops_what_it_does_not_know() {
        let mut book = ScopeBook::default();
        book.answer("scope.camera", true).unwrap();
        let _ = book.answer("scope.address", false);
        let text = book.save();
        assert_eq!(text, "scope.address=0;scope.camera=1");
        assert_eq!(ScopeBook::load(&text), book);
        let loaded = ScopeBook::load("scope.camera=1;scope.bogus=1;scope.record=yes;junk");
        assert_eq!(loaded.settings(), vec![("scope.camera", true)]);
    }
}
