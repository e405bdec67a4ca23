//! The markup layer of WXML: tags, attributes, text and comments, into a tree of
//! [`RawNode`]s that borrow from the source. Directives and mustaches mean nothing
//! here, except that a `<` inside a text mustache (`{{a < b}}`) does not open a tag.
//!
//! What WeChat's compiler lets through is let through here with a warning: a duplicate
//! attribute (the first value counts), a `<` that starts no tag (text), a `<!DOCTYPE>`
//! declaration (dropped).
//!
//! The walk is iterative with an explicit stack of open elements, and the nesting is
//! bounded, so no input can overflow the stack here or in the recursive passes after.

use super::error::{line_column, Problem};
use super::expr::number::is_js_space;
use super::mustache;

/// The deepest element nesting accepted; real pages stay far below.
pub(crate) const MAX_NESTING: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RawNode<'a> {
    Element(RawElement<'a>),
    /// Text as written (no entity decoding) and its byte offset.
    Text(&'a str, usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawElement<'a> {
    pub(crate) tag: &'a str,
    /// Offset of the `<`.
    pub(crate) at: usize,
    pub(crate) attrs: Vec<RawAttr<'a>>,
    pub(crate) children: Vec<RawNode<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawAttr<'a> {
    pub(crate) name: &'a str,
    /// Offset of the name.
    pub(crate) at: usize,
    /// The value between the quotes and the offset where it starts; `None` for an
    /// attribute written without `=`.
    pub(crate) value: Option<(&'a str, usize)>,
}

impl<'a> RawElement<'a> {
    pub(crate) fn attr(&self, name: &str) -> Option<&RawAttr<'a>> {
        self.attrs.iter().find(|a| a.name == name)
    }
}

fn is_tag_char(c: char) -> bool {
    // Without Unicode tables, any non-ASCII character counts as a letter.
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii()
}

fn is_attr_name_char(c: char) -> bool {
    !is_js_space(c) && !matches!(c, '"' | '\'' | '<' | '>' | '/' | '=')
}

/// Elements whose content is raw text up to their end tag (inline WXS is JavaScript).
const RAW_TEXT_TAGS: [&str; 1] = ["wxs"];

/// Parses a whole file into its top-level nodes, adding what it lets through to
/// `warnings`.
pub(crate) fn parse<'a>(
    source: &'a str,
    warnings: &mut Vec<Problem>,
) -> Result<Vec<RawNode<'a>>, Problem> {
    Parser {
        source,
        pos: 0,
        warnings,
    }
    .run()
}

/// What a tag name starts with (glass-easel's `Ident::is_start_char`).
fn is_tag_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

/// Whether `rest` (which starts with `<`) opens markup: a tag, an end tag, a comment or
/// a `<!…>` declaration. Any other `<` (`a < b`, `1 <2`) is text, as in glass-easel's
/// parser.
fn opens_markup(rest: &str) -> bool {
    let after = &rest[1..];
    after.starts_with(is_tag_start)
        || after.starts_with('/')
        || after.starts_with("!--")
        || after
            .strip_prefix('!')
            .is_some_and(|a| a.starts_with(is_tag_start))
}

struct Parser<'a, 'w> {
    source: &'a str,
    pos: usize,
    warnings: &'w mut Vec<Problem>,
}

impl<'a> Parser<'a, '_> {
    fn rest(&self) -> &'a str {
        &self.source[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches(is_js_space).len();
    }

    fn take_while(&mut self, keep: fn(char) -> bool) -> &'a str {
        let rest = self.rest();
        let end = rest.find(|c| !keep(c)).unwrap_or(rest.len());
        self.pos += end;
        &rest[..end]
    }

    fn run(mut self) -> Result<Vec<RawNode<'a>>, Problem> {
        // A byte-order mark is not content.
        if self.source.starts_with('\u{feff}') {
            self.pos = 3;
        }
        let mut top = Vec::new();
        let mut open: Vec<RawElement<'a>> = Vec::new();
        while self.pos < self.source.len() {
            let at = self.pos;
            let rest = self.rest();
            let node = if let Some(comment) = rest.strip_prefix("<!--") {
                let end = comment
                    .find("-->")
                    .ok_or_else(|| Problem::new(at, "comment is never closed with `-->`"))?;
                self.pos += 4 + end + 3;
                continue;
            } else if rest.starts_with("<!") && opens_markup(rest) {
                // `<!DOCTYPE html>`: WeChat's compilers skip such declarations.
                let end = rest
                    .find('>')
                    .ok_or_else(|| Problem::new(at, "`<!` is never closed with `>`"))?;
                self.warnings.push(Problem::new(
                    at,
                    format!("`{}` is not WXML and is ignored", &rest[..=end]),
                ));
                self.pos += end + 1;
                continue;
            } else if rest.starts_with("</") {
                let tag = self.end_tag()?;
                let Some(element) = open.pop() else {
                    return Err(Problem::new(
                        at,
                        format!("`</{tag}>` closes no open element"),
                    ));
                };
                if element.tag != tag {
                    let (line, column) = line_column(self.source, element.at);
                    return Err(Problem::new(
                        at,
                        format!(
                            "`</{tag}>` does not close `<{}>` (opened at {line}:{column})",
                            element.tag
                        ),
                    ));
                }
                RawNode::Element(element)
            } else if rest.starts_with('<') && opens_markup(rest) {
                let (mut element, self_closing) = self.start_tag()?;
                if self_closing {
                    RawNode::Element(element)
                } else if RAW_TEXT_TAGS.contains(&element.tag) {
                    self.raw_text(&mut element)?;
                    RawNode::Element(element)
                } else {
                    if open.len() >= MAX_NESTING {
                        return Err(Problem::new(at, "elements are nested too deeply"));
                    }
                    open.push(element);
                    continue;
                }
            } else {
                RawNode::Text(self.text()?, at)
            };
            match open.last_mut() {
                Some(parent) => parent.children.push(node),
                None => top.push(node),
            }
        }
        if let Some(element) = open.pop() {
            return Err(Problem::new(
                element.at,
                format!("`<{}>` is never closed", element.tag),
            ));
        }
        Ok(top)
    }

    /// Text up to the next tag; `<` inside a mustache belongs to the expression, and a
    /// `<` that opens no markup is text.
    fn text(&mut self) -> Result<&'a str, Problem> {
        let start = self.pos;
        let bytes = self.source.as_bytes();
        let mut i = start;
        while i < bytes.len() {
            match bytes[i] {
                b'<' if opens_markup(&self.source[i..]) => break,
                b'<' => {
                    self.warnings.push(Problem::new(
                        i,
                        "`<` opens no tag here, so it is text (write {{'<'}} to make that clear)",
                    ));
                    i += 1;
                }
                b'{' if bytes.get(i + 1) == Some(&b'{') => {
                    i = mustache::closing(self.source, i)?;
                }
                _ => i += 1,
            }
        }
        self.pos = i;
        Ok(&self.source[start..i])
    }

    /// `</name>` (spaces allowed before `>`), returning the name.
    fn end_tag(&mut self) -> Result<&'a str, Problem> {
        let at = self.pos;
        self.pos += 2;
        let tag = self.take_while(is_tag_char);
        self.skip_space();
        if tag.is_empty() || self.peek() != Some('>') {
            return Err(Problem::new(at, "malformed end tag: expected `</name>`"));
        }
        self.pos += 1;
        Ok(tag)
    }

    /// `<name attr="v" flag>` or `<name … />`; tells whether it closed itself.
    fn start_tag(&mut self) -> Result<(RawElement<'a>, bool), Problem> {
        let at = self.pos;
        self.pos += 1;
        let tag = self.take_while(is_tag_char);
        let mut element = RawElement {
            tag,
            at,
            attrs: Vec::new(),
            children: Vec::new(),
        };
        if let Some(c) = self.peek() {
            if !is_js_space(c) && c != '>' && c != '/' {
                return Err(Problem::new(
                    self.pos,
                    format!("unexpected `{c}` in tag name `{tag}`"),
                ));
            }
        }
        loop {
            self.skip_space();
            let here = self.pos;
            match self.peek() {
                None => {
                    return Err(Problem::new(
                        at,
                        format!("`<{tag}` is never closed with `>`"),
                    ))
                }
                Some('>') => {
                    self.pos += 1;
                    return Ok((element, false));
                }
                Some('/') if self.rest().starts_with("/>") => {
                    self.pos += 2;
                    return Ok((element, true));
                }
                Some(c) if is_attr_name_char(c) => {
                    let attr = self.attribute()?;
                    if element.attr(attr.name).is_some() {
                        // glass-easel keeps the first (`DuplicatedAttribute`, a warning).
                        self.warnings.push(Problem::new(
                            here,
                            format!(
                                "duplicate attribute `{}`: the first value is used",
                                attr.name
                            ),
                        ));
                    } else {
                        element.attrs.push(attr);
                    }
                }
                Some(c) => {
                    return Err(Problem::new(here, format!("unexpected `{c}` in `<{tag}>`")))
                }
            }
        }
    }

    /// `name`, `name="value"`, `name='value'` or `name=value`.
    fn attribute(&mut self) -> Result<RawAttr<'a>, Problem> {
        let at = self.pos;
        let name = self.take_while(is_attr_name_char);
        let before_space = self.pos;
        self.skip_space();
        if self.peek() != Some('=') {
            // No value: the space belongs between attributes.
            self.pos = before_space;
            return Ok(RawAttr {
                name,
                at,
                value: None,
            });
        }
        self.pos += 1;
        self.skip_space();
        let value_at = self.pos;
        let value = match self.peek() {
            Some(quote @ ('"' | '\'')) => {
                let body = &self.rest()[1..];
                let end = body.find(quote).ok_or_else(|| {
                    Problem::new(
                        value_at,
                        format!("the value of `{name}` is never closed with `{quote}`"),
                    )
                })?;
                self.pos += 1 + end + 1;
                (&body[..end], value_at + 1)
            }
            // Unquoted, as HTML allows: up to a space, `>` or `/>`.
            Some(c) if c != '>' && !is_js_space(c) => {
                let rest = self.rest();
                let mut end = rest.len();
                for (i, c) in rest.char_indices() {
                    if is_js_space(c) || c == '>' || rest[i..].starts_with("/>") {
                        end = i;
                        break;
                    }
                }
                self.pos += end;
                (&rest[..end], value_at)
            }
            _ => {
                return Err(Problem::new(
                    value_at,
                    format!("expected a value for `{name}` after `=`"),
                ))
            }
        };
        Ok(RawAttr {
            name,
            at,
            value: Some(value),
        })
    }

    /// The content of a raw-text element, up to its end tag.
    fn raw_text(&mut self, element: &mut RawElement<'a>) -> Result<(), Problem> {
        let close = format!("</{}", element.tag);
        let end = self.rest().find(&close).ok_or_else(|| {
            Problem::new(element.at, format!("`<{}>` is never closed", element.tag))
        })?;
        if end > 0 {
            element
                .children
                .push(RawNode::Text(&self.rest()[..end], self.pos));
        }
        self.pos += end;
        let tag = self.end_tag()?;
        if tag != element.tag {
            return Err(Problem::new(
                self.pos,
                format!("`<{}>` is never closed", element.tag),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(nodes: &[RawNode<'_>]) -> String {
        let mut out = String::new();
        for node in nodes {
            match node {
                RawNode::Text(text, at) => out.push_str(&format!("{text:?}@{at} ")),
                RawNode::Element(e) => {
                    out.push_str(&format!("<{}@{}", e.tag, e.at));
                    for a in &e.attrs {
                        match a.value {
                            Some((v, at)) => out.push_str(&format!(" {}={v:?}@{at}", a.name)),
                            None => out.push_str(&format!(" {}", a.name)),
                        }
                    }
                    out.push('>');
                    out.push_str(&shape(&e.children));
                    out.push_str("</> ");
                }
            }
        }
        out
    }

    fn parsed(source: &str) -> String {
        let mut warnings = Vec::new();
        let nodes = parse(source, &mut warnings).unwrap();
        assert_eq!(warnings, [], "{source}");
        shape(&nodes).trim_end().to_string()
    }

    /// The shape and the warnings, `at: message`.
    fn warned(source: &str) -> (String, Vec<String>) {
        let mut warnings = Vec::new();
        let nodes = parse(source, &mut warnings).unwrap();
        let warnings = warnings
            .into_iter()
            .map(|w| format!("{}: {}", w.at, w.message))
            .collect();
        (shape(&nodes).trim_end().to_string(), warnings)
    }

    fn problem(source: &str) -> (usize, String) {
        let p = parse(source, &mut Vec::new()).unwrap_err();
        (p.at, p.message)
    }

    #[test]
    fn parses_elements_attributes_and_text() {
        assert_eq!(
            parsed(r#"<view class="a" hidden data-x='1'>hi</view>"#),
            r#"<view@0 class="a"@13 hidden data-x="1"@31>"hi"@34 </>"#
        );
        assert_eq!(parsed("<a/><b />"), "<a@0></> <b@4></>");
        assert_eq!(
            parsed("<Custom-Tag_1></Custom-Tag_1 >"),
            "<Custom-Tag_1@0></>"
        );
        assert_eq!(parsed("<x a = 'v' b=c/>"), r#"<x@0 a="v"@8 b="c"@13></>"#);
        assert_eq!(
            parsed("<x bind:tap=\"t\" wx:if=\"{{a}}\"/>"),
            r#"<x@0 bind:tap="t"@13 wx:if="{{a}}"@23></>"#
        );
    }

    #[test]
    fn drops_comments_and_keeps_mustache_less_than() {
        assert_eq!(parsed("a<!-- <b> -->c"), r#""a"@0 "c"@13"#);
        assert_eq!(parsed("<t>{{a < b}}</t>"), r#"<t@0>"{{a < b}}"@3 </>"#);
        assert_eq!(
            parsed("<t>{{ '</t>' }}</t>"),
            r#"<t@0>"{{ '</t>' }}"@3 </>"#
        );
    }

    #[test]
    fn wxs_content_is_raw() {
        assert_eq!(
            parsed("<wxs module=\"m\">var a = 1 < 2 && '<b>';</wxs>"),
            r#"<wxs@0 module="m"@13>"var a = 1 < 2 && '<b>';"@16 </>"#
        );
    }

    #[test]
    fn reports_malformed_markup() {
        assert_eq!(problem("<view>"), (0, "`<view>` is never closed".into()));
        assert_eq!(
            problem("<a>\n <b></a>"),
            (8, "`</a>` does not close `<b>` (opened at 2:2)".into())
        );
        assert_eq!(
            problem("x</a>"),
            (1, "`</a>` closes no open element".into())
        );
        assert_eq!(
            problem("<!-- x"),
            (0, "comment is never closed with `-->`".into())
        );
        assert_eq!(
            problem("<a b=\"x></a>"),
            (5, "the value of `b` is never closed with `\"`".into())
        );
        assert_eq!(problem("<a"), (0, "`<a` is never closed with `>`".into()));
        assert_eq!(
            problem("<a b=>"),
            (5, "expected a value for `b` after `=`".into())
        );
        assert_eq!(
            problem("<!DOCTYPE"),
            (0, "`<!` is never closed with `>`".into())
        );
        assert_eq!(
            problem("<a.b/>"),
            (2, "unexpected `.` in tag name `a`".into())
        );
        assert_eq!(
            problem("<a \"x\"/>"),
            (3, "unexpected `\"` in `<a>`".into())
        );
        assert_eq!(
            problem("</ a>"),
            (0, "malformed end tag: expected `</name>`".into())
        );
        assert_eq!(problem("<wxs>x"), (0, "`<wxs>` is never closed".into()));
        assert_eq!(
            problem("<t>{{ a </t>"),
            (3, "`{{` is never closed with `}}`".into())
        );
    }

    #[test]
    fn lets_through_what_wechat_accepts_with_warnings() {
        assert_eq!(
            warned(r#"<a x="1" y x="2"/>"#),
            (
                r#"<a@0 x="1"@6 y></>"#.into(),
                vec!["11: duplicate attribute `x`: the first value is used".into()]
            )
        );
        let stray = "`<` opens no tag here, so it is text (write {{'<'}} to make that clear)";
        assert_eq!(
            warned("<t>a < b <= c</t>"),
            (
                r#"<t@0>"a < b <= c"@3 </>"#.into(),
                vec![format!("5: {stray}"), format!("9: {stray}")]
            )
        );
        assert_eq!(
            warned("<!DOCTYPE html>\n<a/>"),
            (
                r#""\n"@15 <a@16></>"#.into(),
                vec!["0: `<!DOCTYPE html>` is not WXML and is ignored".into()]
            )
        );
        assert_eq!(
            warned("<"),
            (r#""<"@0"#.into(), vec![format!("0: {stray}")])
        );
        assert_eq!(
            warned("1 <2"),
            (r#""1 <2"@0"#.into(), vec![format!("2: {stray}")])
        );
    }

    #[test]
    fn bounds_nesting() {
        let deep = "<a>".repeat(MAX_NESTING + 1);
        assert_eq!(problem(&deep).1, "elements are nested too deeply");
        let ok = format!(
            "{}{}",
            "<a>".repeat(MAX_NESTING),
            "</a>".repeat(MAX_NESTING)
        );
        assert!(parse(&ok, &mut Vec::new()).is_ok());
    }
}
