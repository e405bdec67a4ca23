//! Finding the `{{ … }}` in text and attribute values.
//!
//! The closing `}}` is the first one outside string literals and outside braces the
//! expression opened itself, so `{{ {a: {b: 1}} }}` and `{{ '}}' }}` work as written.

use super::error::Problem;

/// A stretch of text or attribute value: literal text, or a mustache's expression text
/// with the byte offset where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Mustache { inner: &'a str, at: usize },
}

/// The offset just past the `}}` closing the mustache whose `{{` is at `open`.
pub(crate) fn closing(text: &str, open: usize) -> Result<usize, Problem> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open + 2;
    // Only ASCII bytes matter below; the bytes of other characters never equal them.
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'\'' | b'"') => {
                let start = i;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => return Err(Problem::new(start, "unterminated string")),
                        Some(b'\\') => i += 2,
                        // The expression parser reports the broken string.
                        Some(b'\n') => break,
                        Some(&b) if b == quote => {
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                continue;
            }
            b'{' => depth += 1,
            b'}' if depth > 0 => depth -= 1,
            b'}' if bytes.get(i + 1) == Some(&b'}') => return Ok(i + 2),
            _ => {}
        }
        i += 1;
    }
    Err(Problem::new(open, "`{{` is never closed with `}}`"))
}

/// Splits `text`, which starts at byte `base` of the file, into text and mustaches.
pub(crate) fn split(text: &str, base: usize) -> Result<Vec<Piece<'_>>, Problem> {
    let mut pieces = Vec::new();
    let mut pos = 0;
    while let Some(found) = text[pos..].find("{{") {
        let open = pos + found;
        if open > pos {
            pieces.push(Piece::Text(&text[pos..open]));
        }
        let end = closing(text, open).map_err(|p| Problem::new(p.at + base, p.message))?;
        pieces.push(Piece::Mustache {
            inner: &text[open + 2..end - 2],
            at: base + open + 2,
        });
        pos = end;
    }
    if pos < text.len() {
        pieces.push(Piece::Text(&text[pos..]));
    }
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<String> {
        split(text, 0)
            .unwrap()
            .into_iter()
            .map(|p| match p {
                Piece::Text(t) => format!("T{t}"),
                Piece::Mustache { inner, at } => format!("M{at}:{inner}"),
            })
            .collect()
    }

    #[test]
    fn splits_text_and_mustaches() {
        assert_eq!(inner("a {{b}} c"), ["Ta ", "M4:b", "T c"]);
        assert_eq!(inner("{{a}}{{b}}"), ["M2:a", "M7:b"]);
        assert_eq!(inner("{{ {a: {b: 1}} }}"), ["M2: {a: {b: 1}} "]);
        assert_eq!(inner("{{ '}}' + \"}}\" }}!"), ["M2: '}}' + \"}}\" ", "T!"]);
        assert_eq!(inner("{{a}}}"), ["M2:a", "T}"]);
        assert_eq!(inner("{{ 'it\\'s' }}"), ["M2: 'it\\'s' "]);
        assert_eq!(inner("no braces } here"), ["Tno braces } here"]);
        assert_eq!(inner("中{{文}}"), ["T中", "M5:文"]);
    }

    #[test]
    fn reports_unclosed_mustaches_and_strings() {
        assert_eq!(
            split("ab {{ c", 10).unwrap_err(),
            Problem::new(13, "`{{` is never closed with `}}`")
        );
        assert_eq!(
            split("{{ 'c }}", 0).unwrap_err(),
            Problem::new(3, "unterminated string")
        );
    }
}
