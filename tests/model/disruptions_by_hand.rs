//! Every disruption kind and both re-sourcing settings, checked against
//! numbers worked out by hand. Base: $100/month at $100/t buys 1 t/month,
//! split 50/50 between suppliers A and B, no lead time, 12 months from
//! 2026-01, no carry-over (so blocked money is simply unspent).

use crate::common;
use common::ordered;

use common::{simple, supplier};
use stockpile_planner::model::{
    Disruption, DisruptionKind, EventTarget, FeedShare, InTransitOnBan, PurchaseCeiling, Scenario,
    Supplier, YearMonth, presets, project, project_without_events,
};

fn base() -> Scenario {
    let mut s = simple(12, 1200.0, 100.0);
    s.settings.carry_over_unspent = false;
    s.minerals[0].suppliers = vec![supplier("A", 50.0, 0), supplier("B", 50.0, 0)];
    s
}

fn on_b(kind: DisruptionKind, from: u32, to: Option<u32>) -> Disruption {
    Disruption {
        end: to.map(|m| YearMonth::new(2026, m)),
        ..Disruption::new("Event", kind, "B", YearMonth::new(2026, from))
    }
}

#[test]
fn a_ban_that_ends_inside_the_timeframe_with_and_without_resourcing() {
    // Ban on B in April-June. Re-sourced: A takes B's half, 1 t every month.
    let mut s = base();
    s.disruptions
        .push(on_b(DisruptionKind::ExportBan, 4, Some(6)));
    let p = project(&s);
    assert_close!(p.minerals[0].months[4].ordered_qty, 1.0);
    assert_close!(p.minerals[0].total_ordered_qty, 12.0);
    assert_close!(p.minerals[0].unspent_usd(), 0.0);

    // Not re-sourced: 0.5 t in months 4-6, $150 unspent; July is back to 1 t.
    s.settings.resource_blocked_orders = false;
    let o = ordered(&s);
    assert_close!(o[2], 1.0);
    assert_close!(o[3], 0.5);
    assert_close!(o[5], 0.5);
    assert_close!(o[6], 1.0);
    let p = project(&s);
    assert_close!(p.minerals[0].total_ordered_qty, 10.5);
    assert_close!(p.minerals[0].unspent_usd(), 150.0);
    assert_close!(p.minerals[0].final_coverage_pct(), 10.5);
}

#[test]
fn orders_in_transit_when_a_ban_starts_are_delivered_or_lost() {
    // B has a 2-month lead time. Orders placed in February and March (0.5 t
    // each) would arrive in April and May, during the ban.
    let mut s = base();
    s.minerals[0].suppliers[1].lead_time_months = 2;
    s.settings.resource_blocked_orders = false;
    s.disruptions
        .push(on_b(DisruptionKind::ExportBan, 4, Some(6)));
    let delivered = project(&s);
    assert_close!(delivered.minerals[0].lost_in_transit_qty, 0.0);

    s.settings.in_transit_on_ban = InTransitOnBan::Lost;
    let lost = project(&s);
    assert_close!(lost.minerals[0].lost_in_transit_qty, 1.0);
    let gap = delivered.minerals[0].final_inventory_qty() - lost.minerals[0].final_inventory_qty();
    assert_close!(gap, 1.0);
    // The money was spent all the same.
    assert_close!(
        lost.minerals[0].total_cost_usd,
        delivered.minerals[0].total_cost_usd
    );
}

#[test]
fn an_export_quota_caps_a_supplier_per_year() {
    // B may export 3 t a year, paced: 0.25 t of its 0.5 t a month.
    // Re-sourced, A takes the rest; not re-sourced, the year buys
    // 6 + 3 = 9 t, 0.75 t every month.
    let mut s = base();
    s.disruptions
        .push(on_b(DisruptionKind::ExportQuotaQty(3.0), 1, None));
    assert_close!(project(&s).minerals[0].total_ordered_qty, 12.0);
    s.settings.resource_blocked_orders = false;
    let o = ordered(&s);
    assert_close!(o[0], 0.75);
    assert_close!(o[11], 0.75);
    assert_close!(project(&s).minerals[0].total_ordered_qty, 9.0);
}

#[test]
fn an_export_cut_blocks_a_share_of_orders() {
    // 50% cut on B: B ships 0.25 t/month. Re-sourced to A: still 1 t/month.
    let mut s = base();
    s.disruptions
        .push(on_b(DisruptionKind::ExportCutPct(50.0), 1, None));
    assert_close!(ordered(&s)[0], 1.0);
    s.settings.resource_blocked_orders = false;
    assert_close!(ordered(&s)[0], 0.75);
}

#[test]
fn a_licensing_delay_adds_lead_time_and_refuses_orders() {
    // +2 months and 20% refused on B: B ships 0.4 t/month, arriving 2 months
    // late. Inventory: month 1 0.5; month 2 1.0; month 3 1.5 + 0.4 = 1.9.
    let mut s = base();
    s.settings.resource_blocked_orders = false;
    s.disruptions.push(on_b(
        DisruptionKind::LicensingDelay {
            extra_lead_time_months: 2,
            refused_pct: 20.0,
        },
        1,
        None,
    ));
    let m = &project(&s).minerals[0];
    assert_close!(m.months[0].ordered_qty, 0.9);
    assert_close!(m.months[0].inventory_qty, 0.5);
    assert_close!(m.months[1].inventory_qty, 1.0);
    assert_close!(m.months[2].inventory_qty, 1.9);
    assert_close!(m.in_transit_at_end_qty, 0.8);
}

#[test]
fn a_tariff_raises_the_price_paid_to_one_supplier() {
    // +100% on B: B's $50 buys 0.25 t; A's $50 buys 0.5 t.
    let mut s = base();
    s.disruptions
        .push(on_b(DisruptionKind::TariffPct(100.0), 1, None));
    let m = &project(&s).minerals[0];
    assert_close!(m.months[0].ordered_qty, 0.75);
    assert_close!(m.months[0].spend_usd, 100.0);
}

#[test]
fn a_price_shock_hits_every_supplier_from_its_month() {
    // +25% from July: $100 buys 0.8 t.
    let mut s = base();
    let mut shock = on_b(DisruptionKind::PriceShockPct(25.0), 7, None);
    shock.supplier = String::new();
    s.disruptions.push(shock);
    let o = ordered(&s);
    assert_close!(o[5], 1.0);
    assert_close!(o[6], 0.8);
}

#[test]
fn overlapping_events_combine() {
    // Tariffs of +100% and +50% on B multiply: price $300, B buys 1/6 t.
    let mut s = base();
    s.disruptions
        .push(on_b(DisruptionKind::TariffPct(100.0), 1, None));
    s.disruptions
        .push(on_b(DisruptionKind::TariffPct(50.0), 1, None));
    assert_close!(ordered(&s)[0], 0.5 + 50.0 / 300.0);

    // A tariff on B all year and a ban on B in April-June, re-sourced:
    // months 1-3 and 7-12 buy 0.75 t, months 4-6 buy 1 t (A at $100).
    let mut s = base();
    s.disruptions
        .push(on_b(DisruptionKind::TariffPct(100.0), 1, None));
    s.disruptions
        .push(on_b(DisruptionKind::ExportBan, 4, Some(6)));
    assert_close!(project(&s).minerals[0].total_ordered_qty, 0.75 * 9.0 + 3.0);
}

/// The two feasibility figures ("Feasibility" in docs/MODEL.md): what is
/// to buy against what can be bought, and the money that cannot be spent.
#[test]
fn feasibility_compares_the_requirement_with_purchasable_supply_and_says_what_money_is_left() {
    use stockpile_planner::model::feasibility::warning;
    // The budget implies 12 t; the ceiling allows 6 t a year; 100 t are
    // to buy: 100 / 6 = 16.67×. Without carry-over, the $100 of each month
    // after the ceiling is reached (months 7-12) is left: $600.
    let mut s = base();
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(6.0);
    let p = project(&s);
    let m = &p.minerals[0];
    assert_close!(m.feasibility.budget_implied_qty, 12.0);
    assert_eq!(m.feasibility.purchasable_qty, Some(6.0));
    assert_close!(m.to_buy_qty(), 100.0);
    assert_eq!(m.requirement_ratio_in_words(), "16.67×");
    assert_close!(m.unspent_usd(), 600.0);
    assert_eq!(
        warning(&s.minerals[0], m, s.start).as_deref(),
        Some(
            "$600 of the budget cannot be spent under the 6 t/yr ceiling; the limits let through 6.0 t of the 100 t still to buy"
        )
    );

    // A ceiling of 200 t a year: the requirement can be bought (0.5×) and
    // all the money is spent: no warning, whatever the coverage (12 %).
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(200.0);
    let p = project(&s);
    assert_eq!(p.minerals[0].requirement_ratio_in_words(), "0.50×");
    assert_eq!(warning(&s.minerals[0], &p.minerals[0], s.start), None);

    // No ceiling and an open supplier: nothing limits purchases.
    let p = project(&base());
    assert_eq!(p.minerals[0].feasibility.purchasable_qty, None);
    assert_eq!(p.minerals[0].requirement_ratio_in_words(), "no limit");
    assert_eq!(warning(&base().minerals[0], &p.minerals[0], s.start), None);

    // Both suppliers banned all year: nothing can be bought.
    let mut s = base();
    let mut ban = on_b(DisruptionKind::ExportBan, 1, None);
    ban.supplier = String::new();
    s.disruptions.push(ban);
    let p = project(&s);
    assert_eq!(p.minerals[0].feasibility.purchasable_qty, Some(0.0));
    assert_eq!(p.minerals[0].requirement_ratio_in_words(), "blocked");
    assert!(
        warning(&s.minerals[0], &p.minerals[0], s.start)
            .unwrap()
            .contains("nothing can be bought")
    );
}

#[test]
fn the_us_tariff_preset_hits_only_chinese_suppliers_of_listed_minerals() {
    let tariff = presets::all()
        .into_iter()
        .find(|d| {
            d.name
                .starts_with("US Section 301 tariff of 25% on Chinese critical minerals")
        })
        .unwrap();
    // In force since 27 Sep 2024. A tariff taxes goods imported from
    // China, so it targets the country of supply (a supplier without a
    // country by its name), on the minerals of the USTR list only.
    assert!(tariff.enabled);
    assert_eq!(tariff.target, EventTarget::Country);
    assert_eq!(tariff.kind, DisruptionKind::TariffPct(25.0));
    assert!(
        !tariff.hits_mineral("Antimony"),
        "antimony is not on the list"
    );

    // Four minerals, each $100 a month at $100/t for 12 months from
    // 2026-01 (the tariff is in force throughout), no lead time, no
    // carry-over: 12 t, 12 % of 100 t each without the tariff.
    let mut s = base();
    let template = s.minerals[0].clone();
    let with = |name: &str, suppliers: Vec<Supplier>| {
        let mut m = template.clone();
        m.name = name.into();
        m.suppliers = suppliers;
        m
    };
    // Tantalum: a Canadian refiner on Canadian feed.
    let mut canadian = supplier("Niobec", 100.0, 0);
    canadian.country = "Canada".into();
    canadian.feed = vec![FeedShare::new("Canada", 100.0)];
    // Tungsten: half from a supplier named "China" (no country: its name
    // is its country, hit in full), half from Vietnam.
    let tungsten = vec![supplier("China", 50.0, 0), supplier("Vietnam", 50.0, 0)];
    // Indium: a Japanese recycler with 40 % of its feed from China, and a
    // Chinese refiner on Australian feed.
    let mut japanese = supplier("Japan (recycled)", 100.0, 0);
    japanese.country = "Japan".into();
    japanese.feed = vec![FeedShare::new("China", 40.0), FeedShare::new("Japan", 60.0)];
    japanese.share_pct = 50.0;
    let mut chinese = supplier("Chinese refiner", 50.0, 0);
    chinese.country = "China".into();
    chinese.feed = vec![FeedShare::new("Australia", 100.0)];
    // Antimony: from a supplier named "China", but not on the list.
    s.minerals = vec![
        with("Tantalum", vec![canadian]),
        with("Tungsten", tungsten),
        with("Indium", vec![japanese, chinese]),
        with("Antimony", vec![supplier("China", 100.0, 0)]),
    ];
    s.disruptions.push(tariff);
    let lost = project(&s).coverage_lost_vs(&project_without_events(&s));
    // Tantalum: no supplier in China, nothing lost.
    assert_close!(lost[0], 0.0);
    // Tungsten: China's $50 a month buys 0.4 t at $125/t, Vietnam's 0.5 t:
    // 10.8 t, 10.8 % instead of 12 %: 1.2 points lost.
    assert_close!(lost[1], 1.2);
    // Indium: the Japanese recycler's goods come from Japan: no tariff,
    // whatever its feed. The Chinese refiner's half pays $125/t: 1.2
    // points lost, although its ore is Australian.
    assert_close!(lost[2], 1.2);
    // Antimony: not listed.
    assert_close!(lost[3], 0.0);
}
