//! Price response (`Disruption::resourcing_premium_pct`), checked against
//! numbers worked out by hand. Base: $100/month at $100/t, split 50/50
//! between suppliers A and B, no lead time, 12 months from 2026-01 (plan
//! years from the start), no carry-over, requirement 100 t.

use crate::common;

use common::{close, simple, supplier};
use stockpile_planner::file;
use stockpile_planner::model::{
    Disruption, DisruptionKind, PurchaseCeiling, Scenario, YearMonth, event_effect, project,
    validate,
};

fn base() -> Scenario {
    let mut s = simple(12, 1200.0, 100.0);
    s.settings.carry_over_unspent = false;
    s.minerals[0].suppliers = vec![supplier("A", 50.0, 0), supplier("B", 50.0, 0)];
    s
}

fn all_year(kind: DisruptionKind, on: &str, premium_pct: f64) -> Disruption {
    Disruption {
        resourcing_premium_pct: premium_pct,
        ..Disruption::new(
            &format!("{} on {on}", kind.label()),
            kind,
            on,
            YearMonth::new(2026, 1),
        )
    }
}

fn assert_close(a: f64, b: f64) {
    assert!(close(a, b), "{a} vs {b}");
}

/// A ban on B with +150 %, re-sourced to A: each month A takes its own
/// $50 at $100/t (0.5 t) and B's $50 at $100 × 2.5 = $250/t (0.2 t):
/// 0.7 t a month for $100, 8.4 t in the year (12 t without the premium).
#[test]
fn re_sourced_orders_pay_the_premium() {
    let mut s = base();
    s.disruptions
        .push(all_year(DisruptionKind::ExportBan, "B", 150.0));
    assert_eq!(validate(&s), vec![]);
    let p = project(&s);
    let m = &p.minerals[0];
    for row in &m.months {
        assert_close(row.ordered_qty, 0.7);
        assert_close(row.spend_usd, 100.0);
    }
    assert_close(m.total_ordered_qty, 8.4);
    assert_close(m.total_cost_usd, 1200.0);
    assert_close(m.final_coverage_pct(), 8.4);

    // Without the premium: 1 t a month.
    s.disruptions[0].resourcing_premium_pct = 0.0;
    assert_close(project(&s).minerals[0].total_ordered_qty, 12.0);
}

/// The premium multiplies the receiving supplier's price, tariffs and
/// escalation included. A tariff of +20 % on A as well: A's price is $120;
/// its own $50 buys 50/120 = 0.41667 t, B's re-sourced $50 buys
/// 50/(120 × 2.5) = 0.16667 t: 0.58333 t a month, 7 t in the year.
#[test]
fn the_premium_multiplies_tariffs() {
    let mut s = base();
    s.disruptions
        .push(all_year(DisruptionKind::ExportBan, "B", 150.0));
    s.disruptions
        .push(all_year(DisruptionKind::TariffPct(20.0), "A", 0.0));
    assert_close(project(&s).minerals[0].total_ordered_qty, 7.0);
}

/// What is not re-sourced pays no premium, and a premium on an event that
/// blocks nothing (a tariff) does nothing.
#[test]
fn no_resourcing_no_premium() {
    // Re-sourcing off: B's $50 stays unspent, A buys 0.5 t a month: 6 t.
    let mut s = base();
    s.settings.resource_blocked_orders = false;
    s.disruptions
        .push(all_year(DisruptionKind::ExportBan, "B", 150.0));
    assert_close(project(&s).minerals[0].total_ordered_qty, 6.0);

    // A tariff of +100 % on B with a "premium": B's $50 buys 0.25 t, A's
    // 0.5 t, as without the premium: 9 t.
    let mut s = base();
    s.disruptions
        .push(all_year(DisruptionKind::TariffPct(100.0), "B", 150.0));
    assert_close(project(&s).minerals[0].total_ordered_qty, 9.0);
}

/// Two events blocking at once: the largest premium applies to all the
/// re-sourced money. A cut of 50 % on B with +50 % and a ban on C with
/// +150 %, suppliers A, B and C at 1/3 each ($33.33 a month each):
/// - B places $16.67 (0.16667 t), C nothing; blocked $16.67 + $33.33 =
///   $50 goes to A, the only fully open supplier, at $100 × 2.5 = $250/t:
///   0.2 t;
/// - A's own $33.33: 0.33333 t. In all 0.7 t a month, 8.4 t in the year.
#[test]
fn the_largest_premium_in_force_applies() {
    let mut s = base();
    let third = 100.0 / 3.0;
    s.minerals[0].suppliers = vec![
        supplier("A", third, 0),
        supplier("B", third, 0),
        supplier("C", 100.0 - 2.0 * third, 0),
    ];
    s.disruptions
        .push(all_year(DisruptionKind::ExportCutPct(50.0), "B", 50.0));
    s.disruptions
        .push(all_year(DisruptionKind::ExportBan, "C", 150.0));
    assert_close(project(&s).minerals[0].total_ordered_qty, 8.4);
}

/// Under a binding ceiling the premium costs money rather than coverage:
/// ceiling 6 t a year, paced: 0.5 t a month. Without the ban: $50 of each
/// month's $100 buys the 0.5 t, $600 in the year. With the ban (+150 %):
/// $100 buys 0.7 t, so the month spends 0.5/0.7 × $100 = $71.43 on its
/// 0.5 t; 6 t for $857.14. `event_effect` shows the ban's extra cost,
/// +$257.14, and no coverage lost in any month (0.5 t a month either way).
#[test]
fn event_effect_shows_the_premium_as_extra_cost() {
    let mut s = base();
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(6.0);
    s.disruptions
        .push(all_year(DisruptionKind::ExportBan, "B", 150.0));
    let m = &project(&s).minerals[0];
    assert_close(m.total_ordered_qty, 6.0);
    assert_close(m.months[0].spend_usd, 500.0 / 7.0);
    assert_close(m.total_cost_usd, 6000.0 / 7.0);
    let effect = event_effect(&s, 0).unwrap();
    assert_close(effect.extra_spent_usd[0], 200.0 + 400.0 / 7.0);
    assert_close(effect.coverage_lost_pts[0], 0.0);
    assert_eq!(
        effect.no_effect_reason.as_deref(),
        Some("no effect on coverage in this plan")
    );
}

/// The premium is written only when set, read back, and must not be
/// negative.
#[test]
fn the_premium_in_files_and_validation() {
    let mut s = base();
    s.disruptions
        .push(all_year(DisruptionKind::ExportBan, "B", 0.0));
    let text = file::to_ron_string(&s);
    assert!(!text.contains("resourcing_premium_pct"), "{text}");
    s.disruptions[0].resourcing_premium_pct = 150.0;
    let text = file::to_ron_string(&s);
    assert!(text.contains("resourcing_premium_pct: 150.0"), "{text}");
    assert_eq!(file::from_str(&text, "p.ron").unwrap(), s);

    s.disruptions[0].resourcing_premium_pct = -10.0;
    let problems = validate(&s);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "disruptions[0].resourcing_premium_pct");
}

/// The worked example of "World price response" in docs/MODEL.md: $100 a
/// month at $100/t from one supplier in Australia, 12 months, 12 t
/// required. A ban on Chinese feed (none of its feed) with a world price
/// of +25 % from month 7: months 1–6 buy 1 t each, months 7–12 at $125/t
/// buy 0.8 t each: 10.8 t, 90 %. Without the world price, 12 t: the ban
/// itself reaches nothing, and says so in the words of its target.
#[test]
fn a_ban_with_no_exposure_still_moves_the_world_price() {
    let mut s = simple(12, 1200.0, 12.0);
    s.settings.carry_over_unspent = false;
    s.minerals[0].suppliers = vec![supplier("Allied", 100.0, 0)];
    s.minerals[0].suppliers[0].country = "Australia".into();
    s.disruptions.push(Disruption {
        target: stockpile_planner::model::EventTarget::FeedOrigin,
        world_price_pct: 25.0,
        ..Disruption::new(
            "China bans exports",
            DisruptionKind::ExportBan,
            "China",
            YearMonth::new(2026, 7),
        )
    });
    assert_eq!(validate(&s), vec![]);
    let p = project(&s);
    let m = &p.minerals[0];
    for row in &m.months[..6] {
        assert_close(row.ordered_qty, 1.0);
    }
    for row in &m.months[6..] {
        assert_close(row.ordered_qty, 0.8);
        assert_close(row.spend_usd, 100.0);
    }
    assert_close(m.final_coverage_pct(), 90.0);
    let effect = event_effect(&s, 0).unwrap();
    assert_close(effect.coverage_lost_pts[0], 10.0);
    assert_eq!(effect.no_effect_reason, None);

    // Without the world price the ban changes nothing, and the reason is
    // the feed, not "does not buy from China".
    s.disruptions[0].world_price_pct = 0.0;
    assert_close(project(&s).minerals[0].final_coverage_pct(), 100.0);
    assert_eq!(
        event_effect(&s, 0).unwrap().no_effect_reason.as_deref(),
        Some("no effect: none of Cobalt's suppliers draws feed from China (their feed: Australia)")
    );

    // Under a ceiling of 10 t a year, paced (5/6 t a month): without the
    // world price every month buys 5/6 t for $83.33, 10 t for $1,000.
    // With it, months 1–6 still do; months 7–12 at $125/t buy 0.8 t for
    // their $100, under the room: 9.8 t for $1,100. 1.67 points lost
    // (0.2 t of 12 t) and $100 more spent.
    s.disruptions[0].world_price_pct = 25.0;
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(10.0);
    let effect = event_effect(&s, 0).unwrap();
    assert_close(effect.coverage_lost_pts[0], 100.0 * 0.2 / 12.0);
    assert_close(effect.extra_spent_usd[0], 100.0);

    // A world price below -99 % is refused in words.
    s.disruptions[0].world_price_pct = -100.0;
    let problems = validate(&s);
    assert!(
        problems
            .iter()
            .any(|p| p.path == "disruptions[0].world_price_pct"),
        "{problems:?}"
    );
}
