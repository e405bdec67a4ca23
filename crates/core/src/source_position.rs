//! Where a byte offset is in a source text, as editors and WeChat DevTools print it: the
//! 1-based line and the 1-based column counted in characters. The compilers' errors
//! (WXML, WXSS, ES modules) all locate their problems with it.

/// The line and character column of byte `offset` in `text` (the end when past it).
pub(crate) fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let mut line = 1u32;
    let mut column = 1u32;
    for (i, c) in text.char_indices() {
        if i >= offset {
            break;
        }
        if c == '\n' {
            line = line.saturating_add(1);
            column = 1;
        } else {
            column = column.saturating_add(1);
        }
    }
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::line_column;

    #[test]
    fn lines_and_character_columns() {
        let text = "ab\n字字x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, text.find('x').unwrap()), (2, 3));
        assert_eq!(line_column(text, text.len()), (3, 1));
        assert_eq!(line_column(text, 10_000), (3, 1));
    }
}
