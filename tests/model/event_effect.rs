//! `event_effect`: what one event changes, and when it changes nothing, the
//! reason, each checked on a scenario built by hand. Base (`simple`):
//! Cobalt at $100/t, $100 a month buys 1 t a month from DRC with no lead
//! time, 100 t required, 12 months from 2026-01: coverage m % at the end of
//! month m, 12 % at the end.

use crate::common;

use common::{simple, supplier};
use stockpile_planner::model::{
    Disruption, DisruptionKind, EventEffect, PurchaseCeiling, Scenario, SpendingProfile, YearMonth,
    event_effect, project,
};

fn base() -> Scenario {
    simple(12, 1200.0, 100.0)
}

/// An event on `supplier` from `from` to `to` (inclusive), every mineral.
fn event(
    kind: DisruptionKind,
    supplier: &str,
    from: YearMonth,
    to: Option<YearMonth>,
) -> Disruption {
    Disruption {
        end: to,
        ..Disruption::new("Event", kind, supplier, from)
    }
}

fn all_year(kind: DisruptionKind, supplier: &str) -> Disruption {
    event(kind, supplier, YearMonth::new(2026, 1), None)
}

/// The effect of the scenario's only event.
fn effect(s: &Scenario) -> EventEffect {
    assert_eq!(s.disruptions.len(), 1);
    event_effect(s, 0).unwrap()
}

fn reason(s: &Scenario) -> String {
    effect(s).no_effect_reason.expect("expected no effect")
}

/// Cobalt from A and B, 50/50, no lead time.
fn two_suppliers() -> Scenario {
    let mut s = base();
    s.minerals[0].suppliers = vec![supplier("A", 50.0, 0), supplier("B", 50.0, 0)];
    s
}

#[test]
fn a_ban_costs_coverage_of_its_mineral_only() {
    let mut s = base();
    let mut gallium = s.minerals[0].clone();
    gallium.name = "Gallium".into();
    s.minerals.push(gallium);
    let mut ban = all_year(DisruptionKind::ExportBan, "DRC");
    ban.minerals = vec!["Cobalt".into()];
    s.disruptions.push(ban);
    let e = effect(&s);
    // Nothing is bought all year: 12 % lost; Gallium untouched.
    assert_close!(e.coverage_lost_pts[0], 12.0);
    assert_eq!(e.coverage_lost_pts[1], 0.0);
    // The blocked money has nowhere to go: $1,200 left unspent.
    assert_close!(e.extra_spent_usd[0], -1200.0);
    assert_eq!(e.extra_spent_usd[1], 0.0);
    assert_eq!(e.no_effect_reason, None);
}

#[test]
fn a_delay_that_ends_at_the_same_coverage_still_has_an_effect() {
    // +2 months on January-March orders: they arrive in March-May, so
    // coverage is 2 pts lower in February, the same by May and at the end.
    let mut s = base();
    s.disruptions.push(event(
        DisruptionKind::LicensingDelay {
            extra_lead_time_months: 2,
            refused_pct: 0.0,
        },
        "DRC",
        YearMonth::new(2026, 1),
        Some(YearMonth::new(2026, 3)),
    ));
    let e = effect(&s);
    assert!(e.coverage_lost_pts[0].abs() < 1e-9);
    assert_eq!(e.no_effect_reason, None);
}

#[test]
fn an_index_out_of_range_gives_none() {
    let mut s = base();
    assert_eq!(event_effect(&s, 0), None);
    s.disruptions
        .push(all_year(DisruptionKind::ExportBan, "DRC"));
    assert!(event_effect(&s, 0).is_some());
    assert_eq!(event_effect(&s, 1), None);
}

#[test]
fn a_disabled_event_is_measured_as_if_enabled() {
    let mut s = base();
    let mut ban = all_year(DisruptionKind::ExportBan, "DRC");
    ban.enabled = false;
    s.disruptions.push(ban);
    let e = effect(&s);
    assert_close!(e.coverage_lost_pts[0], 12.0);
    assert_eq!(e.no_effect_reason, None);
}

#[test]
fn reason_1_its_window_lies_outside_the_plan() {
    let mut s = base();
    s.disruptions
        .push(all_year(DisruptionKind::ExportBan, "DRC"));
    s.disruptions[0].start = YearMonth::new(2027, 1);
    assert_eq!(
        reason(&s),
        "no effect: it starts in 2027-01, after the plan ends (2026-12)"
    );

    s.disruptions[0].start = YearMonth::new(2025, 1);
    s.disruptions[0].end = Some(YearMonth::new(2025, 12));
    assert_eq!(
        reason(&s),
        "no effect: it ends (2025-12) before the plan starts (2026-01)"
    );

    // An end before its start (a validation problem) is said as such.
    s.disruptions[0].start = YearMonth::new(2026, 6);
    s.disruptions[0].end = Some(YearMonth::new(2026, 3));
    assert_eq!(
        reason(&s),
        "no effect: it ends (2026-03) before it starts (2026-06)"
    );

    // Ending in the plan's first month, it does bite.
    s.disruptions[0].start = YearMonth::new(2025, 1);
    s.disruptions[0].end = Some(YearMonth::new(2026, 1));
    assert_eq!(effect(&s).no_effect_reason, None);
}

#[test]
fn reason_2_none_of_its_minerals_is_in_the_plan() {
    let mut s = base();
    let mut ban = all_year(DisruptionKind::ExportBan, "DRC");
    ban.minerals = ["Gallium", "Germanium", "Tungsten", "Antimony"]
        .map(String::from)
        .to_vec();
    s.disruptions.push(ban);
    assert_eq!(
        reason(&s),
        "no effect: none of its minerals is in the plan (Gallium, Germanium, Tungsten and 1 more)"
    );
}

#[test]
fn reason_3_none_of_its_minerals_buys_from_its_supplier() {
    let mut s = base();
    s.disruptions
        .push(all_year(DisruptionKind::ExportBan, "China"));
    assert_eq!(reason(&s), "no effect: Cobalt does not buy from China");

    // Two minerals; one lists China with a 0 % share, which buys nothing.
    let mut gallium = s.minerals[0].clone();
    gallium.name = "Gallium".into();
    gallium.suppliers.push(supplier("China", 0.0, 0));
    s.minerals.push(gallium);
    assert_eq!(
        reason(&s),
        "no effect: none of its minerals buys from China"
    );
}

#[test]
fn reason_4_the_purchase_ceiling_keeps_purchases_below_the_quota() {
    // The ceiling lets 6 t a year be bought, all from DRC: a quota of 8 t
    // never binds. Without the ceiling, 12 t would be wanted and it would.
    let mut s = base();
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(6.0);
    s.disruptions
        .push(all_year(DisruptionKind::ExportQuotaQty(8.0), "DRC"));
    assert_eq!(
        reason(&s),
        "no effect: the purchase ceiling already binds: at most 6 t a year can be bought, \
         below the quota of 8 t"
    );
}

#[test]
fn reason_4_the_budget_keeps_purchases_below_the_quota() {
    let mut s = base();
    s.disruptions
        .push(all_year(DisruptionKind::ExportQuotaQty(20.0), "DRC"));
    assert_eq!(
        reason(&s),
        "no effect: the budget buys at most 12 t a year in all, below the quota of 20 t"
    );
}

#[test]
fn reason_5_blocked_orders_are_re_sourced() {
    let kinds = [
        DisruptionKind::ExportBan,
        DisruptionKind::ExportQuotaQty(3.0),
        DisruptionKind::ExportCutPct(50.0),
        DisruptionKind::LicensingDelay {
            extra_lead_time_months: 0,
            refused_pct: 20.0,
        },
    ];
    for kind in kinds {
        let mut s = two_suppliers();
        s.disruptions.push(all_year(kind.clone(), "B"));
        assert_eq!(
            reason(&s),
            "no effect on coverage: its blocked orders are re-sourced from the other suppliers",
            "{kind:?}"
        );
        // Without re-sourcing the same event does cost coverage.
        s.settings.resource_blocked_orders = false;
        let e = effect(&s);
        assert!(e.coverage_lost_pts[0] > 0.05, "{kind:?}");
        assert_eq!(e.no_effect_reason, None);
    }
}

#[test]
fn reason_6_a_binding_ceiling_absorbs_a_higher_price() {
    // $1,000 a month against a ceiling of 6 t a year: month 1 buys the 6 t
    // ($600), then nothing. At +50% the same 6 t cost $900.
    for kind in [
        DisruptionKind::PriceShockPct(50.0),
        DisruptionKind::TariffPct(50.0),
    ] {
        let mut s = simple(12, 12_000.0, 100.0);
        s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(6.0);
        s.disruptions.push(all_year(kind.clone(), "DRC"));
        let e = effect(&s);
        assert!(e.coverage_lost_pts[0].abs() < 1e-9);
        assert_close!(e.extra_spent_usd[0], 300.0);
        assert_eq!(
            e.no_effect_reason.as_deref(),
            Some(
                "no effect on coverage: the purchase ceiling binds, not the budget, so paying \
                 more per t only spends more of the budget (+$300)"
            ),
            "{kind:?}"
        );
    }
}

#[test]
fn nothing_spent_while_it_is_in_force() {
    // The whole budget is spent in January-June; a ban in July-December
    // finds nothing to block.
    let mut s = base();
    s.minerals[0].spending =
        SpendingProfile::PerMonthUsd([200.0; 6].into_iter().chain([0.0; 6]).collect());
    s.disruptions.push(event(
        DisruptionKind::ExportBan,
        "DRC",
        YearMonth::new(2026, 7),
        Some(YearMonth::new(2026, 12)),
    ));
    assert_eq!(
        reason(&s),
        "no effect: Cobalt spends nothing while it is in force (2026-07 to 2026-12)"
    );
}

#[test]
fn a_zero_sized_event() {
    let mut s = base();
    s.disruptions
        .push(all_year(DisruptionKind::TariffPct(0.0), "DRC"));
    assert_eq!(reason(&s), "no effect: its size is zero (Tariff +0%)");
}

#[test]
fn reason_7_otherwise_no_effect_on_coverage_in_this_plan() {
    // A 3-month lead time: November and December orders arrive after the
    // plan ends, delayed or not.
    let mut s = base();
    s.minerals[0].suppliers[0].lead_time_months = 3;
    s.disruptions.push(event(
        DisruptionKind::LicensingDelay {
            extra_lead_time_months: 2,
            refused_pct: 0.0,
        },
        "DRC",
        YearMonth::new(2026, 11),
        None,
    ));
    assert_eq!(reason(&s), "no effect on coverage in this plan");
}

#[test]
fn a_reason_is_given_only_when_no_month_moves() {
    // Sanity check of the measure itself on the re-sourced ban: every month
    // equal with and without it.
    let mut s = two_suppliers();
    s.disruptions.push(all_year(DisruptionKind::ExportBan, "B"));
    let with_it = project(&s);
    s.disruptions[0].enabled = false;
    let without_it = project(&s);
    for (a, b) in with_it.minerals[0]
        .months
        .iter()
        .zip(&without_it.minerals[0].months)
    {
        assert!((a.coverage_pct - b.coverage_pct).abs() < 0.05);
    }
}
