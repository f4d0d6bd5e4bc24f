//! `number` owns exact decimal figures at the edges of `compute`: reading them from text
//! and from the `f64` a YAML parser hands over, rounding them half-up (四舍五入) and
//! printing them with a fixed number of decimals. It never touches units or wording
//! (that is `phrase`) and never computes a comparison (that is `comparison`).

use std::fmt::Write as _;
use std::str::FromStr;

use rust_decimal::RoundingStrategy;

use super::Decimal;

/// Reads a plain decimal figure: an optional sign, digits, an optional point and digits
/// ("36.45", "-2.9", "+5", "170"). Surrounding whitespace is ignored. Exponents,
/// thousands separators, underscores and full-width digits are refused, and so is a figure
/// with more significant digits than a `Decimal` holds (no silent rounding).
pub(crate) fn parse_decimal(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    if digits.ends_with('.') {
        return None;
    }
    let text = text.strip_prefix('+').unwrap_or(text);
    Decimal::from_str_exact(text).ok().map(positive_zero)
}

/// Turns the `f64` a YAML parser produced into the decimal the author typed: YAML `36.45`
/// is the double nearest 36.45, whose shortest round-trip text is "36.45" again, so going
/// through that text gives exactly 36.45 (and `14` keeps scale 0, which `phrase` uses to
/// print a stated growth as the source wrote it). `None` for NaN and infinities. A double
/// too large or too fine for a `Decimal` (beyond 28 digits) is rounded to fit, or `None`
/// when it does not fit at all.
pub(crate) fn decimal_from_f64(v: f64) -> Option<Decimal> {
    if !v.is_finite() {
        return None;
    }
    // `Display` for f64 never uses an exponent and prints the shortest text that reads
    // back as the same double. It is written on the stack when it fits (every figure
    // a bulletin holds; formatting into a String grew it twice or three times), into a
    // String otherwise (1e300 prints 301 digits).
    let mut short = Short::default();
    let long;
    let text = if write!(short, "{v}").is_ok() {
        // YAML handed us a float, so the figure was typed with a point: `7.0` must keep
        // its one decimal ("增长7.0%"), which the shortest text ("7") would lose.
        if !short.as_str().contains('.') && short.write_str(".0").is_err() {
            long = format!("{v}.0");
            long.as_str()
        } else {
            short.as_str()
        }
    } else {
        let mut text = format!("{v}");
        if !text.contains('.') {
            text.push_str(".0");
        }
        long = text;
        long.as_str()
    };
    Decimal::from_str_exact(text)
        .or_else(|_| Decimal::from_str(text))
        .ok()
        .map(positive_zero)
}

/// A short text written on the stack: a write that does not fit fails.
struct Short {
    bytes: [u8; 48],
    len: usize,
}

impl Default for Short {
    fn default() -> Self {
        Short {
            bytes: [0; 48],
            len: 0,
        }
    }
}

impl Short {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).expect("only whole strs are written")
    }
}

impl std::fmt::Write for Short {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let room = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        room.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// `v` in unit `from` expressed in unit `to`: the same unit as it is, and the money
/// units statistics offices mix (元, 万元, 亿元; 364500万元 is 36.45亿元). None for units
/// that do not convert.
pub(crate) fn convert_unit(v: Decimal, from: &str, to: &str) -> Option<Decimal> {
    if from == to {
        return Some(v);
    }
    let scale = |u: &str| -> Option<Decimal> {
        Some(match u {
            "元" => Decimal::ONE,
            "万元" => Decimal::from(10_000),
            "亿元" => Decimal::from(100_000_000),
            _ => return None,
        })
    };
    Some((v * scale(from)? / scale(to)?).normalize())
}

/// Rounds half away from zero (四舍五入, as statistics offices round) to `decimals`
/// places. A figure that rounds to zero is a positive zero, so it never prints as "-0.0".
/// A figure with fewer decimals keeps its own scale (`fixed` pads it).
pub(crate) fn round(d: Decimal, decimals: u32) -> Decimal {
    positive_zero(d.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero))
}

/// Prints `d` rounded half-up to exactly `decimals` places, trailing zeros kept
/// ("5.70" for 2), never "-0.0" (GB/T 15835: consistent decimals within a column).
pub(crate) fn fixed(d: Decimal, decimals: u32) -> String {
    let mut out = String::new();
    push_fixed(&mut out, d, decimals);
    out
}

/// `d` as `Decimal`'s `Display` writes it ([`push_plain`]).
#[cfg_attr(
    not(test),
    expect(dead_code, reason = "the property tests compare it with Display")
)]
fn plain(d: Decimal) -> String {
    let mut out = String::new();
    push_plain(&mut out, d);
    out
}

/// Appends [`fixed`]'s text to `out` (a phrase built around the figure needs no string
/// of its own for it).
pub(crate) fn push_fixed(out: &mut String, d: Decimal, decimals: u32) {
    let mut r = round(d, decimals);
    // Padding can only fail past 28 digits; the rounded figure is then printed as is.
    r.rescale(decimals);
    push_plain(out, r);
}

/// Appends `d` as `Decimal`'s `Display` writes it (sign, digits, a point before the last
/// `scale` of them, zeros padded before), from its mantissa's integer digits: `Display`
/// divides a 96-bit number by ten for each digit, and every table cell and phrase prints
/// one. A mantissa that fits in 64 bits (every figure a bulletin prints) is written
/// digit by digit without the formatting machinery.
fn push_plain(out: &mut String, d: Decimal) {
    let mantissa = d.mantissa().unsigned_abs();
    let mut buffer = [0u8; 20];
    let long;
    let digits: &str = match u64::try_from(mantissa) {
        Ok(mut m) => {
            let mut at = buffer.len();
            loop {
                at -= 1;
                // `m % 10` is below 10, so the cast keeps it whole.
                buffer[at] = b'0' + (m % 10) as u8;
                m /= 10;
                if m == 0 {
                    break;
                }
            }
            std::str::from_utf8(&buffer[at..]).expect("ASCII digits")
        }
        Err(_) => {
            long = mantissa.to_string();
            &long
        }
    };
    let scale = d.scale() as usize;
    out.reserve(digits.len() + scale + 3);
    if d.is_sign_negative() {
        out.push('-');
    }
    if digits.len() <= scale {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', scale - digits.len()));
        out.push_str(digits);
    } else {
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        out.push_str(whole);
        if scale > 0 {
            out.push('.');
            out.push_str(fraction);
        }
    }
}

/// Clears the sign of a zero: `Decimal` can hold a negative zero (from "-0" or from
/// rounding -0.04), which would print as "-0.0".
fn positive_zero(mut d: Decimal) -> Decimal {
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str_exact(text).expect("test figure")
    }

    #[test]
    fn parse_decimal_reads_plain_figures() {
        let rows: &[(&str, Option<&str>)] = &[
            ("36.45", Some("36.45")), // seed 000: 重点项目完成投资36.45亿元
            ("-2.9", Some("-2.9")),   // a decline as a stated growth
            ("14", Some("14")),       // seed 000: 税收收入增长14%
            ("+5.7", Some("5.7")),    // seed 000: GDP 5.7
            (" 88 ", Some("88")),     // seed 000: 比重88%
            ("-0", Some("0")),
            ("0.80", Some("0.80")), // seed 001: 保费降至0.8% written with a trailing zero
            ("", None),
            ("-", None),
            (".5", None),
            ("5.", None),
            ("1e3", None),
            ("1,000", None),
            ("1_000", None),
            ("５", None),
            ("abc", None),
            ("5 . 7", None), // seed 000's OCR spacing "5 . 7" is not a figure
        ];
        for (text, expected) in rows {
            let got = parse_decimal(text).map(|d| d.to_string());
            assert_eq!(got.as_deref(), *expected, "parse_decimal({text:?})");
        }
    }

    #[test]
    fn parse_decimal_keeps_the_scale_as_written() {
        // seed 000: "14" has scale 0 and "18.8" scale 1; phrase uses it for stated growth
        assert_eq!(parse_decimal("14").map(|d| d.scale()), Some(0));
        assert_eq!(parse_decimal("18.8").map(|d| d.scale()), Some(1));
    }

    #[test]
    fn converts_money_units() {
        assert_eq!(
            convert_unit(dec("364500"), "万元", "亿元"),
            Some(dec("36.45"))
        );
        assert_eq!(
            convert_unit(dec("36.45"), "亿元", "万元"),
            Some(dec("364500"))
        );
        assert_eq!(convert_unit(dec("47"), "家", "家"), Some(dec("47")));
        assert_eq!(convert_unit(dec("47"), "家", "个"), None);
    }

    #[test]
    fn decimal_from_f64_gives_the_figure_typed() {
        let rows: &[(f64, Option<&str>)] = &[
            (36.45, Some("36.45")), // seed 000: 36.45亿元
            (156.4, Some("156.4")), // seed 000: 156.4%
            (91.74, Some("91.74")), // seed 000: 税占比91.74%
            (14.0, Some("14.0")),   // typed `14.0` keeps its decimal (YAML `14` is an integer)
            (0.1, Some("0.1")),
            (4.96, Some("4.96")), // seed 000: 争取上级资金4.96亿元
            (-2.9, Some("-2.9")),
            (-0.0, Some("0.0")),
            (f64::NAN, None),
            (f64::INFINITY, None),
            (f64::NEG_INFINITY, None),
        ];
        for (v, expected) in rows {
            let got = decimal_from_f64(*v).map(|d| d.to_string());
            assert_eq!(got.as_deref(), *expected, "decimal_from_f64({v})");
        }
        // seed 000: exactly 36.45, not the double's 36.4500000000000028421709…
        assert_eq!(decimal_from_f64(36.45), Some(dec("36.45")));
        assert_eq!(decimal_from_f64(14.0).map(|d| d.scale()), Some(1));
        assert_eq!(decimal_from_f64(1e40), None);
        // texts too long for the stack read as they did through a String
        for v in [1e-50, -3.5e-45, 1e300, 123_456.789e30] {
            let mut text = format!("{v}");
            if !text.contains('.') {
                text.push_str(".0");
            }
            let expected = Decimal::from_str_exact(&text)
                .or_else(|_| Decimal::from_str(&text))
                .ok()
                .map(positive_zero);
            assert_eq!(decimal_from_f64(v), expected, "decimal_from_f64({v})");
        }
    }

    #[test]
    fn fixed_rounds_half_up_and_keeps_trailing_zeros() {
        let rows: &[(&str, u32, &str)] = &[
            ("2.675", 2, "2.68"), // half-up, where a double would give 2.67
            ("0.05", 1, "0.1"),
            ("-0.05", 1, "-0.1"), // half away from zero
            ("-0.04", 1, "0.0"),  // never "-0.0"
            ("-0.004", 2, "0.00"),
            ("5.7", 2, "5.70"),                            // trailing zeros kept
            ("36.45", 2, "36.45"),                         // seed 000
            ("156.4377682403433476394849785", 1, "156.4"), // seed 000: 36.45 / 23.3
            ("110", 1, "110.0"),                           // seed 000: 33 / 30
            ("88", 0, "88"),                               // seed 000: 88%
            ("127", 0, "127"),                             // seed 000: 第127位
            ("14.5", 0, "15"),
            ("-2.95", 1, "-3.0"),
            ("0", 2, "0.00"),
        ];
        for (text, decimals, expected) in rows {
            assert_eq!(
                fixed(dec(text), *decimals),
                *expected,
                "fixed({text}, {decimals})"
            );
        }
    }

    proptest::proptest! {
        /// `fixed` prints what `Decimal`'s own `Display` prints, to the last character.
        #[test]
        fn fixed_prints_as_decimal_displays(
            mantissa in proptest::prelude::any::<i64>(),
            scale in 0u32..=12,
            decimals in 0u32..=4,
        ) {
            let d = Decimal::new(mantissa, scale);
            let mut r = round(d, decimals);
            r.rescale(decimals);
            proptest::prop_assert_eq!(fixed(d, decimals), r.to_string());
            proptest::prop_assert_eq!(plain(d), d.to_string());
        }

        /// Up to the 96 bits of the mantissa, and a negative zero.
        #[test]
        fn plain_prints_wide_figures_as_decimal_displays(
            mantissa in -(1i128 << 96) + 1..(1i128 << 96),
            scale in 0u32..=28,
        ) {
            let d = Decimal::from_i128_with_scale(mantissa, scale);
            proptest::prop_assert_eq!(plain(d), d.to_string());
            let mut zero = Decimal::new(0, scale);
            zero.set_sign_negative(true);
            proptest::prop_assert_eq!(plain(zero), zero.to_string());
        }
    }

    #[test]
    fn round_rounds_half_up_to_a_positive_zero() {
        let rows: &[(&str, u32, &str)] = &[
            ("2.675", 2, "2.68"),
            ("0.05", 1, "0.1"),
            ("-0.04", 1, "0.0"),
            ("5.7", 2, "5.7"), // round does not pad
            ("11.24", 1, "11.2"),
        ];
        for (text, decimals, expected) in rows {
            let r = round(dec(text), *decimals);
            assert_eq!(r.to_string(), *expected, "round({text}, {decimals})");
            assert!(
                !(r.is_zero() && r.is_sign_negative()),
                "negative zero from {text}"
            );
        }
    }
}
