//! Numbers as text with a fixed number of decimals (scores, targets, chart coordinates).
//!
//! [`fixed`] is kept for what it prints (halves rounded away from zero, `—` for what is not a
//! number, no minus sign on a zero), no longer for size. It was written to keep core's float
//! formatter out of the wasm, but that formatter is in the app module anyway: any `{}` on an
//! `f64` links `<f64 as Display>::fmt`, which holds both its shortest and its exact (`{:.N}`)
//! mode, as the precision is only known at run time; the bank's problem messages
//! (`bank/validate`) and Leptos rendering an `f64` attribute both do. Measured on 2026-11-28
//! (release build, `tests/budget/size-report.mjs`): with `fixed` written as
//! `format!("{:.*}", decimals, value)` the app module was 633 B smaller raw and 68 B larger
//! gzipped, the first-load module unchanged; core's formatter is about 11 KB before
//! `wasm-opt` (`float_to_decimal_common_shortest` 5,965 B, `_exact` 5,018 B, per twiggy).

/// `value` rounded to `decimals` places, e.g. `fixed(72.34, 1)` is `"72.3"`. Halves round away
/// from zero after scaling (`{:.N}` looks at the exact binary value instead; the two differ
/// only on a printed half such as 0.25). Not-a-number and infinities print as `"—"`.
pub fn fixed(value: f64, decimals: u32) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let scale = 10u64.pow(decimals.min(6));
    let scaled = (value.abs() * scale as f64).round();
    if scaled >= u64::MAX as f64 {
        return "—".to_string();
    }
    let scaled = scaled as u64;
    let mut text = String::new();
    if value < 0.0 && scaled > 0 {
        text.push('-');
    }
    text.push_str(&(scaled / scale).to_string());
    if decimals > 0 {
        let fraction = (scaled % scale).to_string();
        text.push('.');
        for _ in fraction.len()..decimals.min(6) as usize {
            text.push('0');
        }
        text.push_str(&fraction);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn matches_the_standard_formatter() {
        // Values that are not a half at any of the places printed.
        for value in [
            0.0,
            0.04,
            0.3,
            1.234,
            9.9512,
            12.0,
            59.99,
            72.3449,
            99.96,
            100.0,
            -2.2,
            -17.53,
            1234.5678,
            2.0 / 3.0,
        ] {
            assert_eq!(
                fixed(value, 0),
                format!("{value:.0}"),
                "{value} to 0 places"
            );
            assert_eq!(fixed(value, 1), format!("{value:.1}"), "{value} to 1 place");
            assert_eq!(
                fixed(value, 2),
                format!("{value:.2}"),
                "{value} to 2 places"
            );
        }
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(fixed(0.25, 1), "0.3");
        assert_eq!(fixed(-0.04, 1), "0.0", "no minus sign on a zero");
        assert_eq!(fixed(7.0, 2), "7.00");
        assert_eq!(fixed(f64::NAN, 1), "—");
    }
}
