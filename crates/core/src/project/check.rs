//! Type-checked reading of a [`ConfigValue`] tree that records every problem instead of
//! stopping at the first, each at its JSON location.

use std::fmt;

use super::error::{ConfigError, ConfigErrorKind, ConfigErrors};
use super::value::ConfigValue;

/// What [`ConfigErrorKind::WrongType`] says belongs at a location.
pub(crate) mod expected {
    pub const STRING: &str = "String";
    pub const BOOLEAN: &str = "Boolean";
    pub const NUMBER: &str = "Number";
    pub const OBJECT: &str = "an Object";
    pub const ARRAY_OF_STRING: &str = "an Array of String";
    pub const ARRAY_OF_OBJECT: &str = "an Array of Object";
}

/// A copy of `text`: one out-of-line copy instead of an allocation and `memcpy` inlined
/// at each of the many places validation copies a string.
#[inline(never)]
pub(crate) fn owned(text: &str) -> String {
    text.to_owned()
}

/// A location in a JSON file, printed the way DevTools prints it: `["tabBar"]["list"][0]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Path(String);

impl Path {
    #[inline(never)]
    pub fn key(&self, key: &str) -> Path {
        Path(format!("{}[{key:?}]", self.0))
    }

    /// The location as text, for an error.
    pub fn text(&self) -> String {
        owned(&self.0)
    }

    #[inline(never)]
    pub fn index(&self, index: usize) -> Path {
        Path(format!("{}[{index}]", self.0))
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An object's members, to look keys up in.
pub(crate) struct Fields<'a> {
    members: &'a [(String, ConfigValue)],
    path: Path,
}

impl<'a> Fields<'a> {
    /// The member `key` and its location; a key written twice yields the last, as
    /// `JSON.parse` does.
    #[inline(never)]
    pub fn get(&self, key: &str) -> Option<Member<'a>> {
        self.members
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, value)| Member {
                value,
                path: self.path.key(key),
            })
    }
}

/// An object member or array item: a value that owns its location.
pub(crate) struct Member<'a> {
    pub value: &'a ConfigValue,
    pub path: Path,
}

/// A value WeChat spells as one of a few fixed strings (`"black"` / `"white"`).
pub(crate) trait Keyword: Sized {
    /// Every accepted spelling, in the order error messages list them.
    const NAMES: &'static [&'static str];
    /// The value spelled `name`, if it is accepted.
    fn from_name(name: &str) -> Option<Self>;
}

/// Declares a [`Keyword`] enum with `as_str` giving WeChat's spelling.
macro_rules! keyword {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub enum $name {
            $( $(#[$variant_meta])* $variant ),+
        }

        impl $name {
            /// The value as WeChat spells it in JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Self::$variant => $text ),+
                }
            }
        }

        impl $crate::project::check::Keyword for $name {
            const NAMES: &'static [&'static str] = &[$($text),+];

            fn from_name(name: &str) -> Option<Self> {
                match name {
                    $( $text => Some(Self::$variant), )+
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use keyword;

/// The problems found so far in one file.
pub(crate) struct Report {
    file: String,
    errors: Vec<ConfigError>,
    /// What WeChat runs with all the same, each with what wxrt did instead.
    warnings: Vec<ConfigError>,
}

impl Report {
    pub fn new(file: &str) -> Self {
        Self {
            file: owned(file),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The warnings so far, for the value [`Self::finish`] returns.
    pub fn take_warnings(&mut self) -> Vec<ConfigError> {
        std::mem::take(&mut self.warnings)
    }

    #[inline(never)]
    pub fn push(&mut self, path: &Path, kind: ConfigErrorKind) {
        self.errors.push(ConfigError {
            file: self.file.clone(),
            path: path.text(),
            kind,
        });
    }

    /// `value` if nothing was wrong, otherwise every problem.
    pub fn finish<T>(self, value: T) -> Result<T, ConfigErrors> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(ConfigErrors(self.errors))
        }
    }

    #[inline(never)]
    fn wrong_type(&mut self, path: &Path, expected: &'static str, value: &ConfigValue) {
        self.push(
            path,
            ConfigErrorKind::WrongType {
                expected,
                actual: value.type_name(),
            },
        );
    }

    /// The member `key`, or a "required" problem.
    #[inline(never)]
    pub fn required<'a>(&mut self, fields: &Fields<'a>, key: &str) -> Option<Member<'a>> {
        let member = fields.get(key);
        if member.is_none() {
            self.push(&fields.path.key(key), ConfigErrorKind::Required);
        }
        member
    }

    #[inline(never)]
    pub fn object<'a>(&mut self, value: &'a ConfigValue, path: &Path) -> Option<Fields<'a>> {
        match value {
            ConfigValue::Object(members) => Some(Fields {
                members,
                path: path.clone(),
            }),
            _ => {
                self.wrong_type(path, expected::OBJECT, value);
                None
            }
        }
    }

    /// The items of an array, each with its location; `expected` names the whole array's
    /// type in the problem when it is not an array.
    #[inline(never)]
    pub fn array<'a>(
        &mut self,
        value: &'a ConfigValue,
        path: &Path,
        expected: &'static str,
    ) -> Option<Vec<Member<'a>>> {
        match value {
            ConfigValue::Array(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, value)| Member {
                        value,
                        path: path.index(i),
                    })
                    .collect(),
            ),
            _ => {
                self.wrong_type(path, expected, value);
                None
            }
        }
    }

    #[inline(never)]
    pub fn string<'a>(&mut self, member: &Member<'a>) -> Option<&'a str> {
        match member.value {
            ConfigValue::String(s) => Some(s),
            other => {
                self.wrong_type(&member.path, expected::STRING, other);
                None
            }
        }
    }

    #[inline(never)]
    pub fn boolean(&mut self, member: &Member<'_>) -> Option<bool> {
        match member.value {
            ConfigValue::Bool(b) => Some(*b),
            other => {
                self.wrong_type(&member.path, expected::BOOLEAN, other);
                None
            }
        }
    }

    #[inline(never)]
    pub fn number(&mut self, member: &Member<'_>) -> Option<f64> {
        match member.value {
            ConfigValue::Number(n) => Some(*n),
            other => {
                self.wrong_type(&member.path, expected::NUMBER, other);
                None
            }
        }
    }

    pub fn keyword<K: Keyword>(&mut self, member: &Member<'_>) -> Option<K> {
        let text = self.string(member)?;
        // `@name` is a variable of theme.json (app.json `"darkmode": true`), resolved for the
        // phone's theme at launch; its value is checked there, not here.
        if text.starts_with('@') {
            return None;
        }
        let keyword = K::from_name(text);
        if keyword.is_none() {
            self.warnings.push(ConfigError {
                file: self.file.clone(),
                path: member.path.text(),
                kind: ConfigErrorKind::IgnoredNotOneOf {
                    allowed: K::NAMES,
                    actual: owned(text),
                },
            });
        }
        keyword
    }

    /// An optional member read with `read`, which reports its own problems.
    pub fn optional<'a, T>(
        &mut self,
        fields: &Fields<'a>,
        key: &str,
        read: impl FnOnce(&mut Self, &Member<'a>) -> Option<T>,
    ) -> Option<T> {
        let member = fields.get(key)?;
        read(self, &member)
    }

    /// An object of string values (`usingComponents`), members in file order.
    #[inline(never)]
    pub fn string_map(&mut self, member: &Member<'_>) -> Option<Vec<(String, String)>> {
        let fields = self.object(member.value, &member.path)?;
        let mut map = Vec::with_capacity(fields.members.len());
        for (key, value) in fields.members {
            let entry = Member {
                value,
                path: fields.path.key(key),
            };
            if let Some(text) = self.string(&entry) {
                // A repeated key keeps its last value but its first position, as
                // `JSON.parse` builds the object.
                match map
                    .iter_mut()
                    .find(|(k, _): &&mut (String, String)| k == key)
                {
                    Some((_, existing)) => *existing = owned(text),
                    None => map.push((owned(key), owned(text))),
                }
            }
        }
        Some(map)
    }
}
