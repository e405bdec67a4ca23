//! Splicing rewritten statements into the source without moving any line.

/// Replace bytes `start..end` of the source with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The source with `edits` (in order, not overlapping) applied. Each replacement is
/// followed by as many line breaks as the text it replaces had, so every line after it
/// keeps its number, and stack traces and breakpoints still point at the right code.
pub(crate) fn apply(source: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(source.len() + 64 * edits.len());
    let mut at = 0;
    for edit in edits {
        if edit.start < at || edit.end < edit.start {
            // Cannot happen: edits are made in source order. Skipping beats a panic.
            continue;
        }
        out.push_str(source.get(at..edit.start).unwrap_or(""));
        out.push_str(&edit.text);
        let replaced = source.get(edit.start..edit.end).unwrap_or("");
        for _ in replaced.matches('\n') {
            out.push('\n');
        }
        at = edit.end;
    }
    out.push_str(source.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_line_count() {
        let source = "a\nimport {\n  b\n} from 'c'\nd";
        let edit = Edit {
            start: 2,
            end: 25,
            text: "X;".into(),
        };
        assert_eq!(apply(source, &[edit]), "a\nX;\n\n\nd");
    }
}
