//! `setData` data paths (`'a.b[2].c'`): parsing and applying them to page data.
//!
//! The rules are glass-easel's (`parseSinglePath` in `data_path.ts`, the multi-level
//! branch of `applyDataUpdates` in `data_proxy.ts`). Page data lives in JavaScript, so
//! the walk is written against [`DataTree`]; the wasm glue implements it over JS
//! objects and [`MemoryTree`] implements it here for tests and examples.
//!
//! ```
//! use wxrt_core::data_path::{apply_all, DataTree, MemoryNode, MemoryTree};
//!
//! let mut tree = MemoryTree::new();
//! let data = tree.new_object();
//! let one = tree.add(MemoryNode::Number(1.0));
//! let x = tree.add(MemoryNode::String("x".into()));
//! // this.setData({ 'a.b[0].c': 1, 'list[x]': 'x', 'list[2]': 'x' })
//! let errors = apply_all(&mut tree, &data, [("a.b[0].c", one), ("list[x]", x), ("list[2]", x)]);
//! assert_eq!(tree.render(&data), r#"{"a":{"b":[{"c":1}]},"list":[undefined,undefined,"x"]}"#);
//! assert_eq!(
//!     errors[0].to_string(),
//!     r#"setData: illegal index in data path "list[x]" at char 5: only digits 0-9 may appear inside [ ]"#
//! );
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The largest JS array index (2^32 - 2); a bigger `[n]` would not address an element.
pub const MAX_INDEX: usize = 4_294_967_294;

/// One step of a data path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// A property name (`a` in `a.b`); never empty.
    Field(String),
    /// An array index (`2` in `list[2]`).
    Index(usize),
}

/// Why a `setData` key was rejected; the key is not applied, later keys still are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataPathError {
    /// The key names no field at all (`''`, `'.'`).
    #[error("setData: data path \"{key}\" is empty: name the field to set")]
    Empty {
        /// The rejected key.
        key: String,
    },
    /// Something other than decimal digits inside `[ ]` (`a[x]`, `a[]`, `a[-1]`, `a[ 1]`).
    #[error("setData: illegal index in data path \"{key}\" at char {at}: only digits 0-9 may appear inside [ ]")]
    IllegalIndex {
        /// The rejected key.
        key: String,
        /// Position (in chars, from 0) of the offending character.
        at: usize,
    },
    /// `[` with digits but no `]` before the end (`a[1`).
    #[error("setData: unclosed [ in data path \"{key}\": add the closing ]")]
    UnclosedBracket {
        /// The rejected key.
        key: String,
    },
    /// An index above [`MAX_INDEX`], which JS would not treat as an array element.
    #[error(
        "setData: index in data path \"{key}\" is larger than the largest array index {MAX_INDEX}"
    )]
    IndexTooLarge {
        /// The rejected key.
        key: String,
    },
}

/// Splits a `setData` key into segments.
///
/// `\` makes the next `.`, `[`, `]` or `\` part of a field name; before anything else
/// (or at the end) it is a literal backslash. Empty field names (`a..b`, `.a`, `a.`) are
/// skipped. A key with no segments is rejected rather than writing `data['']` as
/// glass-easel does: a key naming nothing is a mistake worth reporting. An unclosed `[` is rejected even
/// where glass-easel tolerates it (`a[1` at the end of the key). Runs in linear time.
pub fn parse_path(key: &str) -> Result<Vec<PathSegment>, DataPathError> {
    // Indexed by char so error positions match what the developer sees in their key.
    let chars: Vec<char> = key.chars().collect();
    let mut segments = Vec::new();
    let mut pos = 0;
    while pos < chars.len() {
        match chars[pos] {
            '[' => {
                pos += 1;
                let start = pos;
                let mut index: Option<usize> = Some(0);
                while let Some(digit) = chars.get(pos).and_then(|c| c.to_digit(10)) {
                    index = index
                        .and_then(|i| i.checked_mul(10))
                        .and_then(|i| i.checked_add(digit as usize))
                        .filter(|&i| i <= MAX_INDEX);
                    pos += 1;
                }
                match chars.get(pos) {
                    Some(']') if pos > start => pos += 1,
                    None if pos > start => {
                        return Err(DataPathError::UnclosedBracket { key: key.into() })
                    }
                    _ => {
                        return Err(DataPathError::IllegalIndex {
                            key: key.into(),
                            at: pos,
                        })
                    }
                }
                let index =
                    index.ok_or_else(|| DataPathError::IndexTooLarge { key: key.into() })?;
                segments.push(PathSegment::Index(index));
            }
            c => {
                if c == '.' {
                    pos += 1;
                }
                let mut name = String::new();
                while let Some(&c) = chars.get(pos) {
                    match (c, chars.get(pos + 1)) {
                        ('.' | '[', _) => break,
                        ('\\', Some(&escaped @ ('.' | '[' | ']' | '\\'))) => {
                            name.push(escaped);
                            pos += 2;
                        }
                        (c, _) => {
                            name.push(c);
                            pos += 1;
                        }
                    }
                }
                if !name.is_empty() {
                    segments.push(PathSegment::Field(name));
                }
            }
        }
    }
    if segments.is_empty() {
        return Err(DataPathError::Empty { key: key.into() });
    }
    Ok(segments)
}

/// What a value is, as far as path creation cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// `undefined`, an absent property, or an array hole.
    Missing,
    /// `null`.
    Null,
    /// `Array.isArray(value)`.
    Array,
    /// Any other value whose `typeof` is `'object'` (plain objects, but also dates etc.).
    Object,
    /// Everything else: numbers, strings, booleans, functions, symbols, bigints.
    Other,
}

/// Page data as [`apply_path`] sees it. Nodes are handles: objects and arrays are shared
/// by reference, as in JS, so a mutation through one handle is seen through all.
pub trait DataTree {
    /// A handle to one value.
    type Node: Clone;
    /// Classifies `node`.
    fn kind(&self, node: &Self::Node) -> NodeKind;
    /// `object[name]`, or a [`NodeKind::Missing`] node if absent.
    fn field(&self, object: &Self::Node, name: &str) -> Self::Node;
    /// `array[index]`, or a [`NodeKind::Missing`] node if absent or out of range.
    fn element(&self, array: &Self::Node, index: usize) -> Self::Node;
    /// `object[name] = value`.
    fn set_field(&mut self, object: &Self::Node, name: &str, value: Self::Node);
    /// `array[index] = value`; past the end this extends the array, leaving holes between.
    fn set_element(&mut self, array: &Self::Node, index: usize, value: Self::Node);
    /// A new `{}`.
    fn new_object(&mut self) -> Self::Node;
    /// A new `[]`.
    fn new_array(&mut self) -> Self::Node;
}

/// Reads the slot `segment` of `container`. The root is the page's data object, where an
/// index is just a property name (glass-easel does `String(path[0])`); below the root the
/// creation rules guarantee fields meet objects and indexes meet arrays.
fn get<T: DataTree>(
    tree: &T,
    container: &T::Node,
    segment: &PathSegment,
    at_root: bool,
) -> T::Node {
    match segment {
        PathSegment::Field(name) => tree.field(container, name),
        PathSegment::Index(i) if at_root => tree.field(container, &i.to_string()),
        PathSegment::Index(i) => tree.element(container, *i),
    }
}

fn set<T: DataTree>(
    tree: &mut T,
    container: &T::Node,
    segment: &PathSegment,
    at_root: bool,
    value: T::Node,
) {
    match segment {
        PathSegment::Field(name) => tree.set_field(container, name, value),
        PathSegment::Index(i) if at_root => tree.set_field(container, &i.to_string(), value),
        PathSegment::Index(i) => tree.set_element(container, *i, value),
    }
}

/// Sets `value` at `path` below `root` (the page's data object), replacing whatever is in
/// the way: an intermediate that is not an array becomes `[]` when an index follows, one
/// that is not a non-array object becomes `{}` when a field follows. An empty path
/// changes nothing ([`parse_path`] never returns one).
pub fn apply_path<T: DataTree>(tree: &mut T, root: &T::Node, path: &[PathSegment], value: T::Node) {
    let Some((last, _)) = path.split_last() else {
        return;
    };
    let mut container = root.clone();
    for (depth, pair) in path.windows(2).enumerate() {
        let (segment, next) = (&pair[0], &pair[1]);
        let child = get(tree, &container, segment, depth == 0);
        let child = match (next, tree.kind(&child)) {
            (PathSegment::Index(_), NodeKind::Array)
            | (PathSegment::Field(_), NodeKind::Object) => child,
            (PathSegment::Index(_), _) => {
                let array = tree.new_array();
                set(tree, &container, segment, depth == 0, array.clone());
                array
            }
            (PathSegment::Field(_), _) => {
                let object = tree.new_object();
                set(tree, &container, segment, depth == 0, object.clone());
                object
            }
        };
        container = child;
    }
    set(tree, &container, last, path.len() == 1, value);
}

/// Parses `key` and applies `value` there: one entry of `this.setData({ key: value })`.
pub fn apply_key<T: DataTree>(
    tree: &mut T,
    root: &T::Node,
    key: &str,
    value: T::Node,
) -> Result<(), DataPathError> {
    let path = parse_path(key)?;
    apply_path(tree, root, &path, value);
    Ok(())
}

/// Applies every entry of one `setData` call in order; an illegal key is skipped and
/// reported while the keys after it are still applied, as glass-easel does.
pub fn apply_all<T: DataTree, K: AsRef<str>>(
    tree: &mut T,
    root: &T::Node,
    entries: impl IntoIterator<Item = (K, T::Node)>,
) -> Vec<DataPathError> {
    entries
        .into_iter()
        .filter_map(|(key, value)| apply_key(tree, root, key.as_ref(), value).err())
        .collect()
}

/// One value in a [`MemoryTree`]; containers hold handles to other nodes.
#[derive(Debug, Clone, PartialEq)]
pub enum MemoryNode {
    /// `undefined` (also what holes and absent fields read as).
    Missing,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    String(String),
    /// An array of handles.
    Array(Vec<usize>),
    /// An object of handles; keys kept sorted so renderings are stable.
    Object(BTreeMap<String, usize>),
}

/// An arena-backed [`DataTree`] whose handles are indexes into the arena. Holes are
/// stored, so writing at a huge index allocates them all: fine for tests, not for pages.
#[derive(Debug, Clone)]
pub struct MemoryTree {
    nodes: Vec<MemoryNode>,
}

/// Handle of the shared `undefined` that absent fields and holes read as.
const MISSING: usize = 0;

impl Default for MemoryTree {
    fn default() -> Self {
        Self::new()
    }
}

impl MemoryTree {
    /// An empty arena.
    pub fn new() -> Self {
        Self {
            nodes: vec![MemoryNode::Missing],
        }
    }

    /// Stores `node` and returns its handle.
    pub fn add(&mut self, node: MemoryNode) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// Compact JSON of the value at `handle`, with `undefined` for holes and undefined.
    pub fn render(&self, handle: &usize) -> String {
        let mut out = String::new();
        self.render_into(*handle, &mut out);
        out
    }

    fn render_into(&self, handle: usize, out: &mut String) {
        match &self.nodes[handle] {
            MemoryNode::Missing => out.push_str("undefined"),
            MemoryNode::Null => out.push_str("null"),
            MemoryNode::Bool(b) => write!(out, "{b}").unwrap_or(()),
            MemoryNode::Number(n) => write!(out, "{n}").unwrap_or(()),
            MemoryNode::String(s) => write!(out, "{s:?}").unwrap_or(()),
            MemoryNode::Array(items) => {
                out.push('[');
                for (i, &item) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "" } else { "," });
                    self.render_into(item, out);
                }
                out.push(']');
            }
            MemoryNode::Object(fields) => {
                out.push('{');
                for (i, (name, &item)) in fields.iter().enumerate() {
                    write!(out, "{}{name:?}:", if i == 0 { "" } else { "," }).unwrap_or(());
                    self.render_into(item, out);
                }
                out.push('}');
            }
        }
    }
}

impl DataTree for MemoryTree {
    type Node = usize;

    fn kind(&self, node: &usize) -> NodeKind {
        match self.nodes[*node] {
            MemoryNode::Missing => NodeKind::Missing,
            MemoryNode::Null => NodeKind::Null,
            MemoryNode::Array(_) => NodeKind::Array,
            MemoryNode::Object(_) => NodeKind::Object,
            MemoryNode::Bool(_) | MemoryNode::Number(_) | MemoryNode::String(_) => NodeKind::Other,
        }
    }

    fn field(&self, object: &usize, name: &str) -> usize {
        match &self.nodes[*object] {
            MemoryNode::Object(fields) => fields.get(name).copied().unwrap_or(MISSING),
            _ => MISSING,
        }
    }

    fn element(&self, array: &usize, index: usize) -> usize {
        match &self.nodes[*array] {
            MemoryNode::Array(items) => items.get(index).copied().unwrap_or(MISSING),
            _ => MISSING,
        }
    }

    fn set_field(&mut self, object: &usize, name: &str, value: usize) {
        if let MemoryNode::Object(fields) = &mut self.nodes[*object] {
            fields.insert(name.to_string(), value);
        }
    }

    fn set_element(&mut self, array: &usize, index: usize, value: usize) {
        if let MemoryNode::Array(items) = &mut self.nodes[*array] {
            if index >= items.len() {
                items.resize(index + 1, MISSING);
            }
            items[index] = value;
        }
    }

    fn new_object(&mut self) -> usize {
        self.add(MemoryNode::Object(BTreeMap::new()))
    }

    fn new_array(&mut self) -> usize {
        self.add(MemoryNode::Array(Vec::new()))
    }
}
