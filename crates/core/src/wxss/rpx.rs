//! The units whose size is the simulated phone's, not the browser's: `rpx`, WeChat's
//! responsive pixel (750rpx is the screen's width on every device), and `vh`, which in
//! WXSS is a hundredth of the page's window, not of the browser's.
//!
//! The runtime sets a CSS variable for each on the page's container (`--wxrt-rpx`: screen
//! width / 750 in `px`, 0.5px by default; `--wxrt-vh`: the window's height / 100), so a
//! length compiles to a `calc()` the browser keeps up to date, without recompiling any
//! stylesheet.

/// The CSS variable holding the size of one rpx.
pub const RPX_VARIABLE: &str = "--wxrt-rpx";

/// The CSS variable holding the size of one vh of the page's window.
pub const VH_VARIABLE: &str = "--wxrt-vh";

/// The variable of a unit sized by the simulated phone, if `unit` is one.
pub(crate) fn variable_of(unit: &str) -> Option<&'static str> {
    if unit.eq_ignore_ascii_case("rpx") {
        Some(RPX_VARIABLE)
    } else if unit.eq_ignore_ascii_case("vh") {
        Some(VH_VARIABLE)
    } else {
        None
    }
}

/// Writes the number `number` (as written: `750`, `-10`, `.5`, `1e2`) of the unit held by
/// the CSS variable `variable` as CSS.
///
/// Zero is written `0`, except inside a math function, where a bare `0` is a number and
/// `calc(100% - 0)` would be invalid: there it is `0px`.
pub(crate) fn write_length(number: &str, variable: &str, in_math: bool, out: &mut String) {
    let unsigned = number.trim_start_matches(['+', '-']);
    let mantissa = unsigned.split(['e', 'E']).next().unwrap_or(unsigned);
    if mantissa.bytes().all(|byte| matches!(byte, b'0' | b'.')) {
        out.push_str(if in_math { "0px" } else { "0" });
        return;
    }
    out.push_str("calc(");
    out.push_str(number);
    out.push_str(" * var(");
    out.push_str(variable);
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
            write_length(number, RPX_VARIABLE, in_math, &mut out);
            assert_eq!(out, css, "{number}");
        }
        let mut out = String::new();
        write_length("100", variable_of("VH").unwrap(), false, &mut out);
        assert_eq!(out, "calc(100 * var(--wxrt-vh))");
        assert_eq!(variable_of("px"), None);
    }
}
