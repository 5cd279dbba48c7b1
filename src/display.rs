//! Number formatting in the planner's terms: `$500M`, `$1.2B`, `7,500 t`.
//! Shared by the command line and the window.

/// Money, short: `$45M`, `$1.2B`, `$850k`, `$120`.
pub fn usd_short(usd: f64) -> String {
    if !usd.is_finite() {
        return format!("${usd}");
    }
    // Rounding dust (a few micro-dollars) must not print as "-$0".
    let usd = if usd.abs() < 0.5 { 0.0 } else { usd };
    let sign = if usd < 0.0 { "-" } else { "" };
    let a = usd.abs();
    let (value, suffix) = if a >= 1e9 {
        (a / 1e9, "B")
    } else if a >= 1e6 {
        (a / 1e6, "M")
    } else if a >= 1e3 {
        (a / 1e3, "k")
    } else {
        return format!("{sign}${a:.0}");
    };
    format!("{sign}${}{suffix}", trim_decimals(value, 3))
}

/// A value with up to `significant` digits, without trailing zeros:
/// 500 → "500", 1.25 → "1.25", 12.34 → "12.3".
fn trim_decimals(value: f64, significant: usize) -> String {
    let digits_before = if value >= 1.0 {
        value.log10().floor() as usize + 1
    } else {
        1
    };
    let decimals = significant.saturating_sub(digits_before);
    let s = format!("{value:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A number with thousands separators and `decimals` decimals: `7,500.0`.
pub fn grouped(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let s = format!("{:.decimals$}", value.abs());
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(s.len() + s.len() / 3 + 1);
    if value < 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A quantity with its unit: `7,500 t`, `12.5 kg`.
pub fn qty(value: f64, unit: &str) -> String {
    format!("{} {unit}", qty_number(value))
}

/// A quantity's number as [`qty`] writes it, without the unit: `7,500`,
/// `12.5`.
pub fn qty_number(value: f64) -> String {
    let decimals = if value.abs() >= 100.0 { 0 } else { 1 };
    grouped(value, decimals)
}

/// A percentage: `87.3%`.
pub fn pct(value: f64) -> String {
    format!("{value:.1}%")
}

/// Money in full, for when the short form hides a difference:
/// `$500,400,000`, `$1,234.50` (cents only when there are any).
pub fn usd_full(usd: f64) -> String {
    if !usd.is_finite() {
        return format!("${usd}");
    }
    let cents = (usd.abs() * 100.0).round() % 100.0 != 0.0;
    let digits = grouped(usd.abs(), if cents { 2 } else { 0 });
    if usd < 0.0 && digits.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        format!("-${digits}")
    } else {
        format!("${digits}")
    }
}

/// A percentage without needless decimals: `76%`, `16.7%`, `0.25%`.
pub fn pct_short(value: f64) -> String {
    format!("{}%", number_short(value))
}

/// A number with at most two decimals and none needless: `76`, `16.7`,
/// `0.25`.
pub fn number_short(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let s = format!("{value:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0" } else { s }.to_string()
}

/// Money in whole dollars with thousands separators, rounded to the
/// nearest dollar: `$123,456,789`. For answers the model works out (a
/// goal seek's budget), whose cents are arithmetic, not a price.
pub fn usd_whole(usd: f64) -> String {
    if !usd.is_finite() {
        return format!("${usd}");
    }
    let digits = grouped(usd.abs(), 0);
    if usd < 0.0 && digits.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        format!("-${digits}")
    } else {
        format!("${digits}")
    }
}

/// A chance as a room reads it at once: "0%" and "100%" only when no
/// sample fell the other way, else "<1%" and ">99%"; whole percents
/// between.
pub fn chance(pct: f64) -> String {
    match pct {
        p if p <= 0.0 => "0%".into(),
        p if p < 1.0 => "<1%".into(),
        p if p >= 100.0 => "100%".into(),
        p if p > 99.0 => ">99%".into(),
        p => format!("{p:.0}%"),
    }
}

/// A 90 % range's two ends, low first whichever was typed first, each
/// written by `end`: `$40,000–$55,000`, `20–60`.
pub fn span(low: f64, high: f64, end: impl Fn(f64) -> String) -> String {
    let (low, high) = if high < low { (high, low) } else { (low, high) };
    format!("{}–{}", end(low), end(high))
}

/// A change in percentage points with its sign: `+12.5 pts`, `-60.0 pts`,
/// `0.0 pts`.
pub fn pts_delta(value: f64) -> String {
    let value = if value.abs() < 0.05 { 0.0 } else { value };
    if value > 0.0 {
        format!("+{value:.1} pts")
    } else {
        format!("{value:.1} pts")
    }
}

/// A change in money with its sign: `+$12k`, `-$100M`, `$0`.
pub fn usd_delta(usd: f64) -> String {
    let short = usd_short(usd);
    if usd_short(usd) != "$0" && usd > 0.0 {
        format!("+{short}")
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_like_a_briefing() {
        assert_eq!(usd_short(500e6), "$500M");
        assert_eq!(usd_short(1.2e9), "$1.2B");
        assert_eq!(usd_short(45e6), "$45M");
        assert_eq!(usd_short(1_250_000.0), "$1.25M");
        assert_eq!(usd_short(850.0), "$850");
        assert_eq!(usd_short(-2e6), "-$2M");
    }

    #[test]
    fn grouping() {
        assert_eq!(grouped(7500.0, 0), "7,500");
        assert_eq!(grouped(1234567.891, 2), "1,234,567.89");
        assert_eq!(grouped(-999.0, 0), "-999");
        assert_eq!(qty(12.25, "kg"), "12.2 kg");
    }

    #[test]
    fn differences_read_plainly() {
        assert_eq!(usd_full(500_400_000.0), "$500,400,000");
        assert_eq!(usd_full(-1234.5), "-$1,234.50");
        assert_eq!(pct_short(76.0), "76%");
        assert_eq!(pct_short(16.7), "16.7%");
        assert_eq!(pct_short(33.333), "33.33%");
        assert_eq!(pts_delta(-60.0), "-60.0 pts");
        assert_eq!(pts_delta(12.46), "+12.5 pts");
        assert_eq!(pts_delta(-0.01), "0.0 pts");
        assert_eq!(usd_delta(-100e6), "-$100M");
        assert_eq!(usd_delta(12e3), "+$12k");
        assert_eq!(usd_delta(0.2), "$0");
    }

    #[test]
    fn ranges_and_whole_dollars() {
        assert_eq!(span(55_000.0, 40_000.0, usd_full), "$40,000–$55,000");
        assert_eq!(span(20.0, 60.5, number_short), "20–60.5");
        assert_eq!(usd_whole(123_456_789.37), "$123,456,789");
        assert_eq!(usd_whole(-0.4), "$0");
        assert_eq!(usd_whole(-1_500.6), "-$1,501");
    }
}

/// Read money as a planner types it: `500M`, `$1.2B`, `850k`, `45,000,000`.
/// Returns `None` when the text is not an amount.
pub fn parse_usd(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',' && *c != '_' && !c.is_whitespace())
        .collect();
    let t = t.trim_start_matches('$');
    let (number, factor) = match t.chars().last()?.to_ascii_uppercase() {
        'K' => (&t[..t.len() - 1], 1e3),
        'M' => (&t[..t.len() - 1], 1e6),
        'B' => (&t[..t.len() - 1], 1e9),
        _ => (t, 1.0),
    };
    let value: f64 = number.parse().ok()?;
    value.is_finite().then_some(value * factor)
}

#[cfg(test)]
mod parse_tests {
    use super::parse_usd;

    #[test]
    fn reads_amounts_as_typed() {
        assert_eq!(parse_usd("$500M"), Some(500e6));
        assert_eq!(parse_usd("1.2b"), Some(1.2e9));
        assert_eq!(parse_usd("850k"), Some(850e3));
        assert_eq!(parse_usd("45,000,000"), Some(45e6));
        assert_eq!(parse_usd("lots"), None);
        assert_eq!(parse_usd(""), None);
    }
}
