//! DevTools' command-line form, as `automator.launch({ cliPath })` spawns it, turned
//! into `wxrt auto` before clap sees it.
//!
//! The client runs `<cli> [...args] auto --project <abs dir> --auto-port <port>
//! [--auto-account X | --ticket X] [--trust-project]`, where `args` are the test's own
//! (`--lang en`); DevTools' documentation also shows `<cli> --auto <dir> --auto-port
//! <port>`. Either becomes `wxrt auto <dir> --auto-port <port> --exit-with-client`
//! (the launcher never stops its child, so it must stop by itself). Flags wxrt has no
//! use for are dropped: whatever precedes `auto`, and `--auto-account`, `--ticket`,
//! `--trust-project` and `--lang`. Other flags after `auto` are kept, so clap still
//! refuses a misspelt one.

use std::ffi::{OsStr, OsString};

/// The other subcommands: their arguments are never rewritten.
const SUBCOMMANDS: [&str; 3] = ["serve", "wechat-server", "help"];

/// Flags of DevTools' form that take a value wxrt ignores.
const IGNORED_WITH_VALUE: [&str; 3] = ["--auto-account", "--ticket", "--lang"];

/// Flags of DevTools' form without a value that wxrt ignores.
const IGNORED: [&str; 1] = ["--trust-project"];

/// `args` (with the program name first) in `wxrt auto` form when they are DevTools'
/// form, else unchanged.
#[must_use]
pub fn devtools_form(args: Vec<OsString>) -> Vec<OsString> {
    let first = args.get(1).map(OsString::as_os_str);
    if first.is_none_or(|first| SUBCOMMANDS.iter().any(|name| first == *name)) {
        return args;
    }
    let rest = &args[1..];
    // `wxrt auto <dir>` (a positional after `auto`) is the subcommand itself.
    let auto = rest.iter().position(|arg| arg == "auto");
    let devtools = auto.filter(|&at| {
        rest[at + 1..]
            .iter()
            .any(|arg| flag(arg, "--project").is_some())
    });
    let (project_flag, tail) = match devtools {
        Some(at) => ("--project", &rest[at + 1..]),
        None if first != Some(OsStr::new("auto"))
            && rest.iter().any(|arg| flag(arg, "--auto").is_some()) =>
        {
            ("--auto", rest)
        }
        None => return args,
    };

    let mut project = None;
    let mut kept = Vec::new();
    let mut index = 0;
    let next = |index: &mut usize| {
        *index += 1;
        tail.get(*index - 1).cloned()
    };
    while index < tail.len() {
        let arg = &tail[index];
        index += 1;
        if let Some(inline) = flag(arg, project_flag) {
            project = inline.or_else(|| next(&mut index));
        } else if let Some(inline) = flag(arg, "--auto-port") {
            kept.push(arg.clone());
            if inline.is_none() {
                kept.extend(next(&mut index));
            }
        } else if IGNORED.iter().any(|name| arg == *name) {
        } else if let Some(inline) = IGNORED_WITH_VALUE.iter().find_map(|name| flag(arg, name)) {
            if inline.is_none() {
                index += 1;
            }
        } else if devtools.is_some() {
            kept.push(arg.clone());
        }
        // The legacy form's other flags are the user's own, wherever they are: dropped.
    }

    let mut rewritten = vec![args[0].clone(), OsString::from("auto")];
    rewritten.extend(project);
    rewritten.extend(kept);
    rewritten.push(OsString::from("--exit-with-client"));
    rewritten
}

/// `Some(None)` when `arg` is `name`, `Some(Some(value))` when it is `name=value`,
/// `None` otherwise.
fn flag(arg: &OsStr, name: &str) -> Option<Option<OsString>> {
    let text = arg.to_str()?;
    if text == name {
        return Some(None);
    }
    text.strip_prefix(name)
        .and_then(|rest| rest.strip_prefix('='))
        .map(|value| Some(OsString::from(value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(args: &[&str]) -> Vec<String> {
        devtools_form(args.iter().map(OsString::from).collect())
            .into_iter()
            .map(|arg| arg.into_string().unwrap_or_default())
            .collect()
    }

    #[test]
    fn the_launchers_argv_becomes_the_auto_subcommand() {
        assert_eq!(
            rewrite(&[
                "wxrt",
                "--lang",
                "en",
                "auto",
                "--project",
                "/p",
                "--auto-port",
                "9601",
                "--auto-account",
                "openid123",
                "--trust-project",
            ]),
            [
                "wxrt",
                "auto",
                "/p",
                "--auto-port",
                "9601",
                "--exit-with-client"
            ]
        );
        assert_eq!(
            rewrite(&[
                "wxrt",
                "auto",
                "--project",
                "/p",
                "--auto-port",
                "9420",
                "--ticket",
                "t"
            ]),
            [
                "wxrt",
                "auto",
                "/p",
                "--auto-port",
                "9420",
                "--exit-with-client"
            ]
        );
        assert_eq!(
            rewrite(&["wxrt", "auto", "--auto-port=1", "--project=/p", "--lang=zh"]),
            ["wxrt", "auto", "/p", "--auto-port=1", "--exit-with-client"]
        );
    }

    #[test]
    fn unknown_flags_after_auto_reach_clap() {
        assert_eq!(
            rewrite(&["wxrt", "auto", "--project", "/p", "--bogus"]),
            ["wxrt", "auto", "/p", "--bogus", "--exit-with-client"]
        );
    }

    #[test]
    fn the_legacy_form_is_accepted() {
        assert_eq!(
            rewrite(&[
                "wxrt",
                "--lang",
                "en",
                "--auto",
                "/p",
                "--auto-port",
                "9420"
            ]),
            [
                "wxrt",
                "auto",
                "/p",
                "--auto-port",
                "9420",
                "--exit-with-client"
            ]
        );
        assert_eq!(
            rewrite(&["wxrt", "--auto=/p"]),
            ["wxrt", "auto", "/p", "--exit-with-client"]
        );
    }

    #[test]
    fn other_command_lines_are_left_alone() {
        for args in [
            &["wxrt", "auto", "/p", "--auto-port", "0"][..],
            &["wxrt", "auto", "auto", "--auto-port", "0"],
            &["wxrt", "serve", "auto", "--port", "0"],
            &["wxrt", "serve", "--project", "auto"],
            &["wxrt", "wechat-server", "--auto", "x"],
            &["wxrt", "--help"],
            &["wxrt"],
        ] {
            assert_eq!(rewrite(args), args, "{args:?}");
        }
    }
}
