//! The one-page briefing: a self-contained HTML file (the plot embedded as
//! a `data:` URI, styles inline) that prints on one A4 or Letter page for a
//! twelve-mineral plan. What it shows: scenario, variant, dates, the plot,
//! the summary, each mineral's assumptions, the events in force and, with a
//! baseline, the differences.
//!
//! The comparison with a baseline is taken as plain rows ([`Table`],
//! [`BaselineComparison`]) so that any comparison (the window's, or
//! [`delta_table`] from two projections) can be printed.

use crate::display::{chance, grouped, pct, pct_short, pts_delta, span, usd_delta, usd_short};
use crate::model::monte_carlo::Bands;
use crate::model::{Disruption, Mineral, Projection, PurchaseCeiling, Scenario, SpendingProfile};
use std::fmt::Write as _;

/// A table as text: a header row and rows of cells.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// What differs from a baseline (another variant, the approved plan).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BaselineComparison {
    /// The baseline's name, as in "compared with: Approved plan".
    pub name: String,
    /// Per mineral: the differences (see [`delta_table`]).
    pub delta: Table,
    /// "What changed", one line per change ("budget of Cobalt").
    pub changes: Vec<String>,
}

/// Everything the briefing shows.
#[derive(Clone, Copy, Debug)]
pub struct BriefingInput<'a> {
    /// The projected scenario (the variant itself when there is one): its
    /// minerals and events are the assumptions listed.
    pub scenario: &'a Scenario,
    /// The file's scenario name (the base's name).
    pub scenario_name: &'a str,
    /// The variant's name, `None` for the base scenario.
    pub variant_name: Option<&'a str>,
    pub projection: &'a Projection,
    /// Per mineral, coverage lost to events in percentage points; `None`
    /// when no event is enabled.
    pub lost_to_events_pct: Option<&'a [f64]>,
    pub baseline: Option<&'a BaselineComparison>,
    /// A finished Monte Carlo run of this projection's plan, when there is
    /// one: the summary gains the P10–P90 of final coverage and the chance
    /// of reaching 100 % per mineral.
    pub bands: Option<&'a Bands>,
    /// The plot, PNG bytes (see [`super::coverage_png`]).
    pub chart_png: &'a [u8],
}

/// The summary: final coverage, month 100 % is reached ("not reached"
/// within the timeframe), spent, unspent and coverage lost to events, per
/// mineral, and a total row. With `bands`, two columns after final
/// coverage: its P10–P90 and the chance of reaching 100 % by the end ("—"
/// for a mineral the run does not have).
pub fn summary_table(
    projection: &Projection,
    lost_to_events_pct: Option<&[f64]>,
    bands: Option<&Bands>,
) -> Table {
    let mut header = vec!["Mineral", "Final coverage"];
    if bands.is_some() {
        header.extend(["P10–P90", "Chance of 100%"]);
    }
    header.extend(["100% reached", "Spent", "Unspent", "Lost to events"]);
    let mut rows: Vec<Vec<String>> = projection
        .minerals
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let lost = match lost_to_events_pct.and_then(|l| l.get(k)) {
                Some(lost) if lost.abs() >= 0.05 => format!("{:.1} pts", -lost),
                Some(_) => "none".into(),
                None => "—".into(),
            };
            let mut row = vec![m.name.clone(), pct(m.final_coverage_pct())];
            if let Some(b) = bands {
                // Matched by place and name, as the window's summary does.
                match b.minerals.get(k).filter(|b| b.name == m.name) {
                    Some(b) => row.extend([
                        format!(
                            "{}%",
                            span(b.final_p10_pct(), b.final_p90_pct(), |v| format!("{v:.0}"))
                        ),
                        chance(b.full_by_end_probability_pct),
                    ]),
                    None => row.extend(["—".to_string(), "—".to_string()]),
                }
            }
            row.extend([
                m.first_full_coverage_month
                    .map_or("not reached".into(), |k| {
                        projection.calendar_month(k).to_string()
                    }),
                usd_short(m.total_cost_usd),
                // What cannot be spent; money not needed once the
                // requirement is ordered is not counted here.
                usd_short(m.cannot_spend_usd()),
                lost,
            ]);
            row
        })
        .collect();
    let unspent: f64 = projection
        .minerals
        .iter()
        .map(|m| m.cannot_spend_usd())
        .sum();
    let mut total = vec!["Total".to_string(), String::new()];
    if bands.is_some() {
        total.extend([String::new(), String::new()]);
    }
    total.extend([
        String::new(),
        usd_short(projection.total_cost_usd()),
        usd_short(unspent),
        String::new(),
    ]);
    rows.push(total);
    Table {
        header: header.into_iter().map(String::from).collect(),
        rows,
    }
}

/// Per mineral of `live` (matched by name in `baseline`): the change in
/// final coverage, how the month 100 % is reached moved, and the change in
/// spent and unspent budget. Short cells: it is printed beside the summary.
pub fn delta_table(live: &Projection, baseline: &Projection) -> Table {
    use crate::model::compare::{ReachDelta, deltas};
    let header = [
        "Mineral",
        "Δ coverage",
        "Δ 100% reached",
        "Δ spent",
        "Δ unspent",
    ];
    // The same deltas as the window's summary and `diff`.
    let rows = live
        .minerals
        .iter()
        .zip(deltas(baseline, live))
        .map(|(m, delta)| match delta {
            None => vec![
                m.name.clone(),
                "new mineral".into(),
                String::new(),
                String::new(),
                String::new(),
            ],
            Some(d) => vec![
                m.name.clone(),
                pts_delta(d.final_coverage_pts),
                match d.full_coverage {
                    ReachDelta::NeverReached => "—".into(),
                    other => other.in_words(live),
                },
                usd_delta(d.spent_usd),
                usd_delta(d.unspent_usd),
            ],
        })
        .collect();
    Table {
        header: header.map(String::from).to_vec(),
        rows,
    }
}

/// Standard base64 (RFC 4648, with padding). Twenty lines here instead of a
/// dependency: the briefing needs only this one encoding direction.
pub fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Text safe inside HTML elements and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
@page { size: A4; margin: 12mm }
* { box-sizing: border-box }
body { font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; font-size: 8pt;
       line-height: 1.15; color: #111; margin: 0 auto; max-width: 190mm }
h1 { font-size: 14pt; margin: 0 0 1mm }
h2 { font-size: 9pt; margin: 2mm 0 1mm; border-bottom: 0.3mm solid #999; break-after: avoid }
p.meta { margin: 0 0 1.5mm; color: #333 }
img.chart { display: block; width: 100%; height: auto; max-height: 98mm; object-fit: contain }
body.compared img.chart { max-height: 82mm }
table { border-collapse: collapse; width: 100%; font-size: 7pt }
th, td { padding: 0.15mm 1.2mm; border-bottom: 0.2mm solid #ddd; text-align: left; vertical-align: top }
th { background: #eee; font-weight: 600 }
td.n, th.n { text-align: right; white-space: nowrap }
td:first-child { white-space: nowrap }
table.assumptions td:not(:last-child), table.delta td, table.delta th { white-space: nowrap }
tr.total td { font-weight: 600; border-top: 0.3mm solid #999 }
.cols { display: flex; gap: 4mm }
.cols > div:first-child { flex: 0 0 auto }
.cols > div:last-child { flex: 1 1 auto; min-width: 0 }
ul { margin: 0; padding-left: 4mm; font-size: 7pt }
.none { color: #555; font-style: italic; margin: 0 }
@media print { body { max-width: none } h2, table, img { break-inside: avoid } }
"#;

/// The briefing as one HTML document.
pub fn briefing_html(input: &BriefingInput) -> String {
    let p = input.projection;
    let mut h = String::with_capacity(input.chart_png.len() * 4 / 3 + 16_384);
    let title = super::chart_title(input.scenario_name, input.variant_name);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body{}>\n",
        esc(&format!("Briefing: {title}")),
        if input.baseline.is_some() {
            " class=\"compared\""
        } else {
            ""
        }
    );
    let _ = writeln!(h, "<h1>{}</h1>", esc(input.scenario_name));
    let variant = input.variant_name.unwrap_or("base scenario");
    let _ = writeln!(
        h,
        "<p class=\"meta\">Variant: <b>{}</b> · {} to {} ({} months) · {} minerals{}</p>",
        esc(variant),
        p.start,
        p.calendar_month(p.horizon_months),
        p.horizon_months,
        p.minerals.len(),
        input
            .baseline
            .map(|b| format!(" · compared with: <b>{}</b>", esc(&b.name)))
            .unwrap_or_default()
    );
    let _ = writeln!(
        h,
        "<img class=\"chart\" alt=\"{}\" src=\"data:image/png;base64,{}\">",
        esc(&format!("Coverage over time: {title}")),
        base64_encode(input.chart_png)
    );

    let summary = summary_table(p, input.lost_to_events_pct, input.bands);
    match input.baseline {
        Some(base) => {
            h.push_str("<div class=\"cols\">\n<div>\n<h2>Summary</h2>\n");
            table(&mut h, &summary, "summary", true);
            bands_note(&mut h, input.bands);
            let _ = writeln!(
                h,
                "</div>\n<div>\n<h2>Compared with {}</h2>",
                esc(&base.name)
            );
            table(&mut h, &base.delta, "delta", false);
            h.push_str("<h2>What changed</h2>\n");
            if base.changes.is_empty() {
                h.push_str("<p class=\"none\">No change in the inputs.</p>\n");
            } else {
                h.push_str("<ul class=\"changes\">\n");
                for c in &base.changes {
                    let _ = writeln!(h, "<li>{}</li>", esc(c));
                }
                h.push_str("</ul>\n");
            }
            h.push_str("</div>\n</div>\n");
        }
        None => {
            h.push_str("<h2>Summary</h2>\n");
            table(&mut h, &summary, "summary", true);
            bands_note(&mut h, input.bands);
        }
    }

    h.push_str("<h2>Assumptions</h2>\n");
    table(
        &mut h,
        &assumptions_table(input.scenario),
        "assumptions",
        false,
    );

    h.push_str("<h2>Events in force</h2>\n");
    let events: Vec<&Disruption> = input
        .scenario
        .disruptions
        .iter()
        .filter(|d| d.enabled)
        .collect();
    if events.is_empty() {
        h.push_str("<p class=\"none\">No event enabled.</p>\n");
    } else {
        table(&mut h, &events_table(&events), "events", false);
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// What the band columns of the summary mean, under it, when there are
/// bands: the line and the final coverage use the plan's values, the
/// bands its ranges.
fn bands_note(h: &mut String, bands: Option<&Bands>) {
    if let Some(b) = bands {
        let _ = writeln!(
            h,
            "<p class=\"none\">P10–P90: final coverage in eight of ten Monte Carlo samples; \
             chance of 100%: the share of samples that reach it by the end ({} samples of \
             the ranges, seed {}).</p>",
            grouped(f64::from(b.samples), 0),
            b.seed
        );
    }
}

/// A table; `total` marks the last row as a total. Cells that hold a
/// figure (they start with a digit, a sign or `$`) are right-aligned.
fn table(h: &mut String, t: &Table, class: &str, total: bool) {
    let _ = writeln!(h, "<table class=\"{class}\">");
    h.push_str("<thead><tr>");
    let numeric: Vec<bool> = (0..t.header.len())
        .map(|c| {
            c > 0
                && t.rows.iter().any(|r| {
                    r.get(c)
                        .and_then(|s| s.chars().next())
                        .is_some_and(|ch| ch.is_ascii_digit() || "$+-−<>".contains(ch))
                })
        })
        .collect();
    for (c, cell) in t.header.iter().enumerate() {
        let class = if numeric[c] { " class=\"n\"" } else { "" };
        let _ = write!(h, "<th{class}>{}</th>", esc(cell));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (r, row) in t.rows.iter().enumerate() {
        let is_total = total && r + 1 == t.rows.len();
        h.push_str(if is_total {
            "<tr class=\"total\">"
        } else {
            "<tr>"
        });
        for (c, cell) in row.iter().enumerate() {
            let class = if numeric.get(c).copied().unwrap_or(false) {
                " class=\"n\""
            } else {
                ""
            };
            let _ = write!(h, "<td{class}>{}</td>", esc(cell));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}

fn assumptions_table(scenario: &Scenario) -> Table {
    let header = [
        "Mineral",
        "Budget",
        "Spending",
        "Price (90% range)",
        "Requirement",
        "Ceiling",
        "Suppliers (share, lead time)",
    ];
    Table {
        header: header.map(String::from).to_vec(),
        rows: scenario.minerals.iter().map(assumption_row).collect(),
    }
}

fn assumption_row(m: &Mineral) -> Vec<String> {
    let u = m.unit.symbol();
    // The range the Monte Carlo run draws from right after the price it
    // is of: "$42k/t ($38k–$60k) +3%/yr".
    let mut price = format!("{}/{u}", usd_short(m.price_usd_per_unit));
    if let Some(r) = &m.price_range_usd_per_unit {
        let _ = write!(price, " ({})", span(r.low, r.high, usd_short));
    }
    if m.escalation_pct_per_year != 0.0 {
        let sign = if m.escalation_pct_per_year > 0.0 {
            "+"
        } else {
            ""
        };
        let _ = write!(price, " {sign}{}/yr", pct_short(m.escalation_pct_per_year));
    }
    let requirement = if m.opening_inventory_qty > 0.0 {
        format!(
            "{} {u} ({} held)",
            grouped(m.requirement_qty, 0),
            grouped(m.opening_inventory_qty, 0)
        )
    } else {
        format!("{} {u}", grouped(m.requirement_qty, 0))
    };
    let ceiling = match &m.ceiling {
        PurchaseCeiling::QtyByPlanYear(amounts) => {
            let each: Vec<String> = amounts.iter().map(|&q| grouped(q, 0)).collect();
            format!("{} {u} in plan years 1, 2, …", each.join(", "))
        }
        PurchaseCeiling::None => "none".to_string(),
        &PurchaseCeiling::QtyPerYear(q) => format!("{} {u}/yr", grouped(q, 0)),
        &PurchaseCeiling::PctOfQualifiedSupply {
            pct,
            qualified_supply_qty_per_year,
        } => format!(
            "{} of {} {u}/yr",
            pct_short(pct),
            grouped(qualified_supply_qty_per_year, 0)
        ),
    };
    let spending = match m.spending {
        SpendingProfile::Even => "even",
        SpendingProfile::PerYearUsd(_) => "per year",
        SpendingProfile::PerMonthUsd(_) => "per month",
    };
    let suppliers = m
        .suppliers
        .iter()
        .map(|s| {
            format!(
                "{} {} ({} mo)",
                s.name,
                pct_short(s.share_pct),
                s.lead_time_months
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        m.name.clone(),
        usd_short(m.budget_usd),
        spending.into(),
        price,
        requirement,
        ceiling,
        suppliers,
    ]
}

fn events_table(events: &[&Disruption]) -> Table {
    let header = ["Event", "Kind", "Supplier", "Minerals", "In force"];
    Table {
        header: header.map(String::from).to_vec(),
        rows: events
            .iter()
            .map(|d| {
                vec![
                    d.name.clone(),
                    d.kind.summary(),
                    if d.supplier.trim().is_empty() {
                        "all suppliers".into()
                    } else {
                        d.supplier.clone()
                    },
                    if d.minerals.is_empty() {
                        "all".into()
                    } else {
                        d.minerals.join(", ")
                    },
                    in_force(d),
                ]
            })
            .collect(),
    }
}

/// When an event is in force, with what the Monte Carlo run draws:
/// "2026-01 onward · 40% chance · starts 2026-03 to 2026-09".
fn in_force(d: &Disruption) -> String {
    let mut text = match d.end {
        Some(end) => format!("{} – {end}", d.start),
        None => format!("{} onward", d.start),
    };
    if d.probability_pct != 100.0 {
        let _ = write!(text, " · {} chance", pct_short(d.probability_pct));
    }
    if let Some(r) = &d.start_range {
        let _ = write!(text, " · starts {} to {}", r.earliest, r.latest);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64_encode(plain.as_bytes()), encoded, "{plain}");
        }
        assert_eq!(base64_encode(&[0xff, 0xfe, 0xfd]), "//79");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
