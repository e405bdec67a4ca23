//! The `wx` API families a page loads on first use (the long tail real mini-programs call:
//! files, permissions, location, the page frame, the device, sockets, media, open
//! capabilities). Each family is a module here with its rules; `wxrt-wasm` builds them
//! into a WebAssembly module of their own (`--features apis`), which the shim's family
//! chunks load, so pages that never call them never download them.
//!
//! Every family declares its methods' options in [`params`] form (the checks WeChat makes
//! before anything else), so one table answers `schema(api)` for all of them.

pub mod device;
pub mod files;
pub mod frame;
pub mod location;
pub mod media;
pub mod open;
pub mod params;
pub mod scope;
pub mod socket;

use params::Field;

/// Every family's option table.
const FAMILIES: &[&[(&str, &[Field])]] = &[
    scope::SCHEMAS,
    files::SCHEMAS,
    location::SCHEMAS,
    frame::SCHEMAS,
    device::SCHEMAS,
    socket::SCHEMAS,
    media::SCHEMAS,
    open::SCHEMAS,
];

/// The option fields WeChat checks for `api`, and the API's name as a static string (for
/// `errMsg`), when `api` is a method of a family here.
pub fn schema(api: &str) -> Option<(&'static str, &'static [Field])> {
    FAMILIES
        .iter()
        .copied()
        .flatten()
        .find(|(name, _)| *name == api)
        .map(|(name, fields)| (*name, *fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_method_is_named_once() {
        let mut names: Vec<&str> = FAMILIES
            .iter()
            .copied()
            .flatten()
            .map(|(name, _)| *name)
            .collect();
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all, "a method is declared by two families");
    }

    #[test]
    fn every_family_method_is_implemented_for_can_i_use() {
        for (name, _) in FAMILIES.iter().copied().flatten() {
            assert!(
                crate::api::IMPLEMENTED.contains(name),
                "{name} has a schema but wx.canIUse does not know it"
            );
        }
    }
}
