//! The Monte Carlo run (`model::monte_carlo`), with fixed seeds: bands that
//! collapse when nothing is uncertain, percentiles in order, certain cases
//! certain, and a lognormal price worked by hand.

use crate::common;

use stockpile_planner::model::monte_carlo::{self, BIN_PCT};
use stockpile_planner::model::{
    Disruption, DisruptionKind, MonthRange, PurchaseCeiling, Range, YearMonth, project, validate,
};
use stockpile_planner::samples;

fn ban_from(start: YearMonth, probability_pct: f64) -> Disruption {
    Disruption {
        probability_pct,
        ..Disruption::new("Ban", DisruptionKind::ExportBan, "DRC", start)
    }
}

/// Every range the model knows, each with its two ends equal to the value
/// it stands beside: every sample is the plain projection, so the bands
/// are that projection, month by month, exactly.
#[test]
fn zero_width_ranges_collapse_onto_the_projection() {
    let mut s = samples::STRATEGIC_TWELVE.scenario();
    for m in &mut s.minerals {
        m.price_range_usd_per_unit = Some(Range::new(m.price_usd_per_unit, m.price_usd_per_unit));
        m.escalation_range_pct_per_year = Some(Range::new(
            m.escalation_pct_per_year,
            m.escalation_pct_per_year,
        ));
        for sup in &mut m.suppliers {
            let lead = f64::from(sup.lead_time_months);
            sup.lead_time_range_months = Some(Range::new(lead, lead));
        }
    }
    for d in &mut s.disruptions {
        d.start_range = Some(MonthRange {
            earliest: d.start,
            latest: d.start,
        });
    }
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    assert!(monte_carlo::has_uncertainty(&s));
    let plain = project(&s);
    let bands = monte_carlo::run_samples(&s, 500, 7);
    assert_eq!(bands.minerals.len(), plain.minerals.len());
    for (b, p) in bands.minerals.iter().zip(&plain.minerals) {
        for (k, row) in p.months.iter().enumerate() {
            for band in [&b.p10_pct, &b.p50_pct, &b.p90_pct] {
                assert_eq!(band[k], row.coverage_pct, "{} month {}", b.name, k + 1);
            }
        }
        let full = p.final_coverage_pct() >= 100.0 - 1e-9;
        assert_eq!(
            b.full_by_end_probability_pct,
            if full { 100.0 } else { 0.0 },
            "{}",
            b.name
        );
    }
}

/// The twelve-mineral sample with wide ranges on prices, lead times,
/// shares and its events' start: P10 ≤ P50 ≤ P90 in every month of every
/// mineral.
#[test]
fn percentiles_are_in_order_everywhere() {
    let mut s = samples::STRATEGIC_TWELVE.scenario();
    for m in &mut s.minerals {
        let p = m.price_usd_per_unit;
        m.price_range_usd_per_unit = Some(Range::new(0.6 * p, 2.5 * p));
        m.escalation_range_pct_per_year = Some(Range::new(-2.0, 12.0));
        for sup in &mut m.suppliers {
            sup.share_range_pct = Some(Range::new(
                0.5 * sup.share_pct,
                (1.5 * sup.share_pct).min(100.0),
            ));
            sup.lead_time_range_months = Some(Range::new(1.0, 9.0));
        }
    }
    for d in &mut s.disruptions {
        d.probability_pct = 60.0;
        d.start_range = Some(MonthRange {
            earliest: d.start,
            latest: d.start.plus_months(18),
        });
    }
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    let bands = monte_carlo::run_samples(&s, 2_000, 42);
    let mut spread = 0.0_f64;
    for b in &bands.minerals {
        for k in 0..b.p50_pct.len() {
            assert!(b.p10_pct[k] <= b.p50_pct[k], "{} month {}", b.name, k + 1);
            assert!(b.p50_pct[k] <= b.p90_pct[k], "{} month {}", b.name, k + 1);
            spread = spread.max(b.p90_pct[k] - b.p10_pct[k]);
        }
        assert!((0.0..=100.0).contains(&b.full_by_end_probability_pct));
    }
    // Not a degenerate run: the ranges do spread the outcomes.
    assert!(spread > 10.0, "widest band only {spread} points");
}

/// A case that is certain to reach 100 % (the budget buys ten times the
/// requirement even at a price far above the range) and one certain to
/// fail (a ceiling of 600 t a year allows 60 % at most, whatever the price).
#[test]
fn the_chance_of_full_coverage_is_0_or_100_in_certain_cases() {
    let mut sure = common::simple(12, 1_000_000.0, 1_000.0);
    sure.minerals[0].price_range_usd_per_unit = Some(Range::new(80.0, 120.0));
    let bands = monte_carlo::run_samples(&sure, 3_000, 1);
    assert_eq!(bands.minerals[0].full_by_end_probability_pct, 100.0);

    let mut never = common::simple(12, 1_000_000.0, 1_000.0);
    never.minerals[0].price_range_usd_per_unit = Some(Range::new(80.0, 120.0));
    never.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(600.0);
    let bands = monte_carlo::run_samples(&never, 3_000, 1);
    assert_eq!(bands.minerals[0].full_by_end_probability_pct, 0.0);
    assert!((bands.minerals[0].final_p90_pct() - 60.0).abs() < 1e-9);
}

/// Worked by hand. $100,000 over 10 months at a price of $80–125/t (90 %
/// interval), 1,000 t required, no lead time, no escalation: final
/// coverage = 100,000 ÷ price ÷ 1,000 × 100 %.
/// The price is lognormal: ln 80 = 4.38203, ln 125 = 4.82831, so
/// μ = 4.60517 (= ln 100) and σ = 0.44629 ÷ (2 × 1.64485) = 0.135662.
/// - P50 coverage: at the median price $100: 100.0 %.
/// - P10 coverage: at the P90 price 100 × e^(1.281552 × 0.135662) =
///   100 × e^0.173858 = $118.99: 84.04 %.
/// - P90 coverage: at the P10 price 100 × e^−0.173858 = $84.04: 118.99 %.
/// - P(coverage ≥ 100 %) = P(price ≤ $100) = 50 %.
///
/// 10,000 samples: sampling error on a decile ≈ 0.25 points here, plus
/// the histogram's 0.25-point bins; 1 point of tolerance.
#[test]
fn a_lognormal_price_gives_the_bands_worked_by_hand() {
    let mut s = common::simple(10, 100_000.0, 1_000.0);
    s.minerals[0].price_range_usd_per_unit = Some(Range::new(80.0, 125.0));
    let bands = monte_carlo::run_samples(&s, 10_000, 2025);
    let b = &bands.minerals[0];
    assert!(
        (b.final_p50_pct() - 100.0).abs() < 1.0,
        "P50 {}",
        b.final_p50_pct()
    );
    assert!(
        (b.final_p10_pct() - 84.04).abs() < 1.0,
        "P10 {}",
        b.final_p10_pct()
    );
    assert!(
        (b.final_p90_pct() - 118.99).abs() < 1.0,
        "P90 {}",
        b.final_p90_pct()
    );
    assert!(
        (b.full_by_end_probability_pct - 50.0).abs() < 2.0,
        "{}",
        b.full_by_end_probability_pct
    );
    // Month 5 holds half the purchases: half of each figure.
    assert!((b.p50_pct[4] - 50.0).abs() < 0.6, "{}", b.p50_pct[4]);
}

/// A ban on the only supplier from month 6 (half the purchases lost) with a
/// 30 % chance: 70 % of samples reach 100 %, 30 % stop at 50 %. So P10 is
/// 50 %, P50 and P90 are 100 % (to within a histogram bin).
#[test]
fn an_event_with_a_chance_splits_the_samples() {
    let mut s = common::simple(10, 100_000.0, 1_000.0);
    s.settings.resource_blocked_orders = false;
    s.disruptions.push(ban_from(YearMonth::new(2026, 6), 30.0));
    let bands = monte_carlo::run_samples(&s, 5_000, 3);
    let b = &bands.minerals[0];
    assert!(
        (b.full_by_end_probability_pct - 70.0).abs() < 2.5,
        "{}",
        b.full_by_end_probability_pct
    );
    // Read from 0.25-point bins: exact to within a bin.
    assert!(
        (b.final_p10_pct() - 50.0).abs() <= BIN_PCT,
        "{}",
        b.final_p10_pct()
    );
    assert!((b.final_p50_pct() - 100.0).abs() <= BIN_PCT);
    assert!((b.final_p90_pct() - 100.0).abs() <= BIN_PCT);
    // The plain projection shows the event happening.
    assert!((project(&s).minerals[0].final_coverage_pct() - 50.0).abs() < 1e-9);
}

/// The same file gives the same bands; another seed gives other bands; one
/// core or two give the same bands.
#[test]
fn the_seed_fixes_the_bands_whatever_the_cores() {
    let mut s = samples::OCTOBER_2025_PLAN.scenario();
    for m in &mut s.minerals {
        let p = m.price_usd_per_unit;
        m.price_range_usd_per_unit = Some(Range::new(0.7 * p, 1.6 * p));
    }
    let a = monte_carlo::run_samples(&s, 1_000, 11);
    let b = monte_carlo::run_samples(&s, 1_000, 11);
    assert_eq!(a, b);
    let c = monte_carlo::run_samples(&s, 1_000, 12);
    assert_ne!(a, c);
    let one_core = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| monte_carlo::run_samples(&s, 1_000, 11));
    assert_eq!(a, one_core);
}

/// Giving one mineral a range, or taking one away, or an event a chance,
/// leaves the other minerals' bands exactly as they were: each mineral and
/// each event draws from a generator of its own. (A planner who edits
/// antimony should not see scandium's chance move.)
#[test]
fn one_inputs_range_leaves_the_other_minerals_bands_alone() {
    let mut s = samples::OCTOBER_2025_PLAN.scenario();
    for m in &mut s.minerals {
        let p = m.price_usd_per_unit;
        m.price_range_usd_per_unit = Some(Range::new(0.7 * p, 1.6 * p));
    }
    assert!(s.minerals.len() >= 3);
    let before = monte_carlo::run_samples(&s, 2_000, 7);
    let mut edited = s.clone();
    edited.minerals[1].price_range_usd_per_unit = None;
    edited.minerals[0].escalation_range_pct_per_year = Some(Range::new(0.0, 10.0));
    let after = monte_carlo::run_samples(&edited, 2_000, 7);
    assert_ne!(
        before.minerals[0], after.minerals[0],
        "the edited mineral moves"
    );
    assert_ne!(
        before.minerals[1], after.minerals[1],
        "the edited mineral moves"
    );
    for k in 2..s.minerals.len() {
        assert_eq!(
            before.minerals[k], after.minerals[k],
            "{}",
            s.minerals[k].name
        );
    }
}

/// A run is cancelled from another thread: it gives no bands.
#[test]
fn a_cancelled_run_gives_nothing() {
    use std::sync::atomic::{AtomicBool, AtomicU32};
    let mut s = samples::STRATEGIC_TWELVE.scenario();
    s.minerals[0].price_range_usd_per_unit = Some(Range::new(1.0, 2.0));
    let cancel = AtomicBool::new(true);
    let progress = AtomicU32::new(0);
    assert!(monte_carlo::run_with(&s, 10_000, 1, &cancel, &progress).is_none());
    assert_eq!(progress.load(std::sync::atomic::Ordering::Relaxed), 0);
}

/// `stockpile-planner uncertainty FILE`: the ban with a 30 % chance, worked
/// above: planned 50 % (the line shows the event happening), P10 50 %,
/// P50 and P90 100 %, a chance of 100 % near 70 %.
#[test]
fn the_command_line_prints_the_bands_of_a_file() {
    let mut s = common::simple(10, 100_000.0, 1_000.0);
    s.settings.resource_blocked_orders = false;
    s.disruptions.push(ban_from(YearMonth::new(2026, 6), 30.0));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ban.ron");
    std::fs::write(&path, stockpile_planner::file::to_ron_string(&s)).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code =
        stockpile_planner::cli::uncertainty_file(&path, None, None, None, &mut out, &mut err);
    let out = String::from_utf8(out).unwrap();
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    assert!(
        out.starts_with("5,000 samples, seed 2025; final coverage (2026-10)\n"),
        "{out}"
    );
    let row: Vec<&str> = out
        .lines()
        .find(|l| l.starts_with("Cobalt"))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(&row[1..5], ["50.0%", "50.1%", "100.0%", "100.0%"], "{out}");
    let chance: f64 = row[5].trim_end_matches('%').parse().unwrap();
    assert!((chance - 70.0).abs() < 2.5, "{out}");
    // Too few samples is a usage error, refused with a message.
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code =
        stockpile_planner::cli::uncertainty_file(&path, None, Some(0), None, &mut out, &mut err);
    assert_eq!(code, 2);
    assert!(
        String::from_utf8(err)
            .unwrap()
            .contains("--samples must be 1 to 100000")
    );
}
