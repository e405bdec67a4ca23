//! `rpx`, WeChat's responsive pixel: 750rpx is the screen's width on every device.
//!
//! The runtime sets the CSS variable `--wxrt-rpx` on the document to one rpx in `px`
//! (screen width / 750, 0.5px by default), so a length compiles to a `calc()` the browser
//! keeps up to date when the window resizes, without recompiling any stylesheet.

/// The CSS variable holding the size of one rpx.
pub const RPX_VARIABLE: &str = "--wxrt-rpx";

/// Writes the number `number` (as written: `750`, `-10`, `.5`, `1e2`) in rpx as CSS.
///
/// Zero is written `0`, except inside a math function, where a bare `0` is a number and
/// `calc(100% - 0)` would be invalid: there it is `0px`.
pub(crate) fn write_length(number: &str, in_math: bool, out: &mut String) {
    let unsigned = number.trim_start_matches(['+', '-']);
    let mantissa = unsigned.split(['e', 'E']).next().unwrap_or(unsigned);
    if mantissa.bytes().all(|byte| matches!(byte, b'0' | b'.')) {
        out.push_str(if in_math { "0px" } else { "0" });
        return;
    }
    out.push_str("calc(");
    out.push_str(number);
    out.push_str(" * var(");
    out.push_str(RPX_VARIABLE);
    out.push_str("))");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_calc_of_the_variable() {
        let cases = [
            ("750", false, "calc(750 * var(--wxrt-rpx))"),
            ("-10", false, "calc(-10 * var(--wxrt-rpx))"),
            (".5", false, "calc(.5 * var(--wxrt-rpx))"),
            ("0", false, "0"),
            ("-0.0", false, "0"),
            ("0", true, "0px"),
            ("0e3", false, "0"),
        ];
        for (number, in_math, css) in cases {
            let mut out = String::new();
            write_length(number, in_math, &mut out);
            assert_eq!(out, css, "{number}");
        }
    }
}
