//! Two tiers of supply (docs/MODEL.md, "Two tiers of supply"), checked
//! against numbers worked out by hand: events on a feed origin or a country
//! of supply, capacities that bind, and old files that must project as
//! before. Base: $100/month at $100/t buys 1 t/month, 12 months from
//! 2026-01, requirement 100 t (so coverage in % equals tonnes), no
//! carry-over (blocked money is simply unspent).

use crate::common;

use common::{simple, supplier};
use stockpile_planner::file;
use stockpile_planner::model::{
    CapacityChange, Disruption, DisruptionKind, EventTarget, FeedShare, Scenario, Supplier,
    YearMonth, project, validate,
};

fn base(suppliers: Vec<Supplier>) -> Scenario {
    let mut s = simple(12, 1200.0, 100.0);
    s.settings.carry_over_unspent = false;
    s.minerals[0].suppliers = suppliers;
    assert_eq!(validate(&s), vec![]);
    s
}

fn feed(parts: &[(&str, f64)]) -> Vec<FeedShare> {
    parts
        .iter()
        .map(|&(origin, share_pct)| FeedShare {
            origin: origin.into(),
            share_pct,
            share_range_pct: None,
        })
        .collect()
}

/// An event in force all year on `text`, matched as `target` says.
fn all_year(kind: DisruptionKind, text: &str, target: EventTarget) -> Disruption {
    Disruption {
        target,
        ..Disruption::new("Event", kind, text, YearMonth::new(2026, 1))
    }
}

/// Refiner A (Canada, 50 %, no lead time) runs on 40 % DRC feed and 60 %
/// Australian; refiner B (Norway, 50 %, 2 months' lead time) on none from
/// the DRC.
fn two_refiners() -> Scenario {
    let mut a = supplier("Refiner A", 50.0, 0);
    a.country = "Canada".into();
    a.feed = feed(&[("DRC", 40.0), ("Australia", 60.0)]);
    let mut b = supplier("Refiner B", 50.0, 2);
    b.country = "Norway".into();
    b.feed = feed(&[("Australia", 100.0)]);
    base(vec![a, b])
}

#[test]
fn a_ban_on_a_feed_origin_closes_each_refiner_by_its_share_of_that_feed() {
    let mut s = two_refiners();
    let ban = all_year(DisruptionKind::ExportBan, "DRC", EventTarget::FeedOrigin);
    let [a, b] = [&s.minerals[0].suppliers[0], &s.minerals[0].suppliers[1]];
    assert_eq!(ban.supplier_weight(a), 0.4);
    assert_eq!(ban.supplier_weight(b), 0.0);
    s.disruptions.push(ban);

    // Without re-sourcing: A keeps 60 % of its orders, 0.5 × 0.6 = 0.3
    // t/month, arriving the same month; B orders its 0.5 t/month, arriving
    // two months later. Month 1 and 2: 0.3 t delivered; from month 3: 0.8.
    // Ordered 0.8 t × 12 = 9.6 t; $20 × 12 = $240 never spent. Delivered by
    // month 12: A 12 × 0.3 = 3.6 t, B's orders of months 1-10, 5 t: 8.6 t
    // (coverage 8.6 %); B's last two orders, 1 t, are in transit.
    s.settings.resource_blocked_orders = false;
    let p = &project(&s).minerals[0];
    assert_close!(p.months[0].ordered_qty, 0.8);
    assert_close!(p.months[0].delivered_qty, 0.3);
    assert_close!(p.months[2].delivered_qty, 0.8);
    assert_close!(p.total_ordered_qty, 9.6);
    assert_close!(p.unspent_usd(), 240.0);
    assert_close!(p.final_coverage_pct(), 8.6);
    assert_close!(p.in_transit_at_end_qty, 1.0);

    // Re-sourced: A's blocked $20 a month goes to B, the only fully open
    // supplier: B orders 0.5 + 0.2 = 0.7 t/month, 1 t/month in all, nothing
    // unspent. The re-sourced part waits for the longer lead time (B's 2
    // months). Delivered by month 12: A 3.6 t + B 10 × 0.7 = 7 t = 10.6 t;
    // 1.4 t in transit.
    s.settings.resource_blocked_orders = true;
    let p = &project(&s).minerals[0];
    assert_close!(p.months[0].ordered_qty, 1.0);
    assert_close!(p.months[0].delivered_qty, 0.3);
    assert_close!(p.months[2].delivered_qty, 1.0);
    assert_close!(p.total_ordered_qty, 12.0);
    assert_close!(p.unspent_usd(), 0.0);
    assert_close!(p.final_coverage_pct(), 10.6);
    assert_close!(p.in_transit_at_end_qty, 1.4);
}

#[test]
fn the_same_ban_on_the_supplier_name_drc_misses_both_refiners() {
    // The old meaning: "DRC" as a supplier's name. Neither refiner is
    // called DRC, so nothing changes: 12 t ordered.
    let mut s = two_refiners();
    s.disruptions.push(all_year(
        DisruptionKind::ExportBan,
        "DRC",
        EventTarget::Supplier,
    ));
    assert_close!(project(&s).minerals[0].total_ordered_qty, 12.0);
}

#[test]
fn cuts_refusals_and_tariffs_on_a_feed_origin_act_on_its_share() {
    let mut s = two_refiners();
    s.settings.resource_blocked_orders = false;
    // A 50 % cut of DRC exports closes 0.4 × 50 % = 20 % of A: A orders
    // 0.5 × 0.8 = 0.4 t/month, B 0.5: 0.9 t × 12 = 10.8 t.
    s.disruptions = vec![all_year(
        DisruptionKind::ExportCutPct(50.0),
        "DRC",
        EventTarget::FeedOrigin,
    )];
    assert_close!(project(&s).minerals[0].total_ordered_qty, 10.8);
    // 25 % of DRC licences refused: A loses 0.4 × 25 % = 10 %, 0.45 t/month;
    // the delay (+1 month) holds all of A's orders, so its month-12 order
    // is still in transit. Ordered 0.95 × 12 = 11.4 t.
    s.disruptions = vec![all_year(
        DisruptionKind::LicensingDelay {
            extra_lead_time_months: 1,
            refused_pct: 25.0,
        },
        "DRC",
        EventTarget::FeedOrigin,
    )];
    let p = &project(&s).minerals[0];
    assert_close!(p.total_ordered_qty, 11.4);
    assert_close!(p.months[0].delivered_qty, 0.0);
    assert_close!(p.months[1].delivered_qty, 0.45);
    // A +100 % tariff on DRC material raises A's price by 0.4 × 100 % = 40 %:
    // A's $50 buys 50 / 140 t a month, B's $50 buys 0.5 t.
    s.disruptions = vec![all_year(
        DisruptionKind::TariffPct(100.0),
        "DRC",
        EventTarget::FeedOrigin,
    )];
    let p = &project(&s).minerals[0];
    assert_close!(p.total_ordered_qty, 12.0 * (50.0 / 140.0 + 0.5));
    assert_close!(p.unspent_usd(), 0.0);
    // A price shock on a feed origin works the same way; on the supplier
    // target (the old meaning) it moves the whole market, whatever the text.
    s.disruptions = vec![all_year(
        DisruptionKind::PriceShockPct(100.0),
        "DRC",
        EventTarget::FeedOrigin,
    )];
    assert_close!(
        project(&s).minerals[0].total_ordered_qty,
        12.0 * (50.0 / 140.0 + 0.5)
    );
    s.disruptions = vec![all_year(
        DisruptionKind::PriceShockPct(100.0),
        "DRC",
        EventTarget::Supplier,
    )];
    assert_close!(project(&s).minerals[0].total_ordered_qty, 6.0);
}

#[test]
fn a_quota_on_a_feed_origin_is_shared_by_the_suppliers_drawing_on_it() {
    // A (50 %) has 40 % DRC feed, B (50 %) has only DRC feed (no feed list,
    // country DRC). A DRC quota of 2.8 t a year is split by draw: A draws
    // 0.5 × 0.4 = 0.2, B 0.5 × 1 = 0.5 of the mineral's orders, 0.7 in all.
    // Each may order 2.8 × 0.5 / 0.7 = 2 t a year: A then draws 0.8 t of
    // DRC material, B 2 t, 2.8 t together. Paced, each may order 2/12 t a
    // month of the 0.5 t its money buys: 1/3 t a month, 4 t ordered, $800
    // unspent (no re-sourcing).
    let mut a = supplier("Refiner A", 50.0, 0);
    a.feed = feed(&[("DRC", 40.0), ("Australia", 60.0)]);
    let mut b = supplier("Trader B", 50.0, 0);
    b.country = "DRC".into();
    let mut s = base(vec![a, b]);
    s.settings.resource_blocked_orders = false;
    s.disruptions.push(all_year(
        DisruptionKind::ExportQuotaQty(2.8),
        "DRC",
        EventTarget::FeedOrigin,
    ));
    let p = &project(&s).minerals[0];
    assert_close!(p.months[0].ordered_qty, 1.0 / 3.0);
    assert_close!(p.months[11].ordered_qty, 1.0 / 3.0);
    assert_close!(p.total_ordered_qty, 4.0);
    assert_close!(p.unspent_usd(), 800.0);
}

#[test]
fn a_capacity_that_binds_forces_resourcing_to_the_other_supplier() {
    // A and B take 50 % each, no lead time; A can sell at most 4 t a year,
    // paced: 1/3 t a month of the 0.5 t its $50 buys. The other $16.67 a
    // month goes to B, which orders 2/3 t. 1 t a month, 12 t in all.
    let mut a = supplier("A", 50.0, 0);
    a.capacity_qty_per_year = Some(4.0);
    let mut s = base(vec![a, supplier("B", 50.0, 0)]);
    let p = &project(&s).minerals[0];
    assert_close!(p.months[0].ordered_qty, 1.0);
    assert_close!(p.months[8].ordered_qty, 1.0);
    assert_close!(p.total_ordered_qty, 12.0);
    assert_close!(p.final_coverage_pct(), 12.0);
    assert_close!(p.unspent_usd(), 0.0);

    // Without re-sourcing, every month buys A's 1/3 t and B's 0.5 t: 10 t,
    // $200 unspent.
    s.settings.resource_blocked_orders = false;
    let p = &project(&s).minerals[0];
    assert_close!(p.months[8].ordered_qty, 5.0 / 6.0);
    assert_close!(p.total_ordered_qty, 10.0);
    assert_close!(p.unspent_usd(), 200.0);

    // B too is limited, to 7 t a year (7/12 t a month), and re-sourced
    // orders count against it: B's own 0.5 t and 1/12 t of A's 1/6 t fit.
    // Every month: A 1/3 t + B 7/12 t = 11/12 t. 11 t, coverage 11 %; $100
    // unspent.
    // Purchasable: the two capacities, 4 + 7 = 11 t in the one plan year.
    s.settings.resource_blocked_orders = true;
    s.minerals[0].suppliers[1].capacity_qty_per_year = Some(7.0);
    let p = &project(&s).minerals[0];
    assert_close!(p.months[10].ordered_qty, 11.0 / 12.0);
    assert_close!(p.months[11].ordered_qty, 11.0 / 12.0);
    assert_close!(p.total_ordered_qty, 11.0);
    assert_close!(p.final_coverage_pct(), 11.0);
    assert_close!(p.unspent_usd(), 100.0);
    assert_close!(p.feasibility.purchasable_qty.unwrap(), 11.0);
}

#[test]
fn a_capacity_counts_per_plan_year() {
    // 24 months, $100/month, one supplier able to sell 6 t a year, paced:
    // 0.5 t a month in each plan year, 12 t.
    let mut only = supplier("A", 100.0, 0);
    only.capacity_qty_per_year = Some(6.0);
    let mut s = base(vec![only]);
    s.horizon_months = 24;
    s.minerals[0].budget_usd = 2400.0;
    let p = &project(&s).minerals[0];
    assert_close!(p.months[5].ordered_qty, 0.5);
    assert_close!(p.months[6].ordered_qty, 0.5);
    assert_close!(p.months[12].ordered_qty, 0.5);
    assert_close!(p.total_ordered_qty, 12.0);
}

#[test]
fn an_event_on_a_country_of_supply_hits_every_supplier_there_and_no_other() {
    // Two Canadian refiners (30 % and 20 %), a Norwegian one whose name
    // contains "Canada" (25 %) and a Japanese one (25 %).
    let mut vale = supplier("Vale Port Colborne", 30.0, 0);
    vale.country = "Canada".into();
    let mut sherritt = supplier("Sherritt", 20.0, 0);
    sherritt.country = "Canada".into();
    let mut nikkelverk = supplier("Canada Nickel (Nikkelverk)", 25.0, 0);
    nikkelverk.country = "Norway".into();
    let mut sumitomo = supplier("Sumitomo", 25.0, 0);
    sumitomo.country = "Japan".into();
    let mut s = base(vec![vale, sherritt, nikkelverk, sumitomo]);
    s.settings.resource_blocked_orders = false;

    let ban = all_year(DisruptionKind::ExportBan, "Canada", EventTarget::Country);
    let hit: Vec<bool> = s.minerals[0]
        .suppliers
        .iter()
        .map(|x| ban.hits_supplier(x))
        .collect();
    assert_eq!(hit, [true, true, false, false]);
    // The Canadian 50 % is blocked: 0.5 t/month, 6 t, $600 unspent.
    s.disruptions = vec![ban];
    let p = &project(&s).minerals[0];
    assert_close!(p.total_ordered_qty, 6.0);
    assert_close!(p.unspent_usd(), 600.0);
    // Re-sourced to the two others in proportion to their shares: 12 t.
    s.settings.resource_blocked_orders = true;
    assert_close!(project(&s).minerals[0].total_ordered_qty, 12.0);

    // The same text on supplier names hits only the Norwegian refiner
    // named "Canada Nickel": 0.75 t/month without re-sourcing, 9 t.
    s.settings.resource_blocked_orders = false;
    s.disruptions = vec![all_year(
        DisruptionKind::ExportBan,
        "Canada",
        EventTarget::Supplier,
    )];
    assert_close!(project(&s).minerals[0].total_ordered_qty, 9.0);

    // A +100 % tariff on Canada doubles the price paid to both Canadian
    // refiners: their $50 buys 0.25 t, the others' $50 0.5 t: 9 t.
    s.disruptions = vec![all_year(
        DisruptionKind::TariffPct(100.0),
        "Canada",
        EventTarget::Country,
    )];
    assert_close!(project(&s).minerals[0].total_ordered_qty, 9.0);

    // A quota of 3 t a year on Canada's exports is Canada's total, split by
    // share (30:20): Vale 1.8 t, Sherritt 1.2 t, paced: 0.15 and 0.1 t a
    // month of the 0.3 and 0.2 t their money buys. Ordered: 0.75 t a
    // month, 12 × 0.5 (the others) + 3 = 9 t.
    s.disruptions = vec![all_year(
        DisruptionKind::ExportQuotaQty(3.0),
        "Canada",
        EventTarget::Country,
    )];
    let p = &project(&s).minerals[0];
    assert_close!(p.months[5].ordered_qty, 0.75);
    assert_close!(p.months[6].ordered_qty, 0.75);
    assert_close!(p.total_ordered_qty, 9.0);
}

#[test]
fn a_supplier_without_a_feed_list_is_fed_from_its_country_or_its_name() {
    let ban = all_year(DisruptionKind::ExportBan, "DRC", EventTarget::FeedOrigin);
    let mut by_name = supplier("DRC", 100.0, 0);
    assert_eq!(ban.supplier_weight(&by_name), 1.0);
    by_name.country = "Zambia".into();
    assert_eq!(ban.supplier_weight(&by_name), 0.0);
    by_name.country = "DRC".into();
    assert_eq!(ban.supplier_weight(&by_name), 1.0);
    // A full-weight ban on a feed origin blocks the whole supplier.
    let mut s = base(vec![supplier("Gécamines (DRC)", 100.0, 0)]);
    s.settings.resource_blocked_orders = false;
    s.disruptions.push(ban);
    assert_close!(project(&s).minerals[0].total_ordered_qty, 0.0);
}

/// A file written before suppliers had a country, capacity or feed and
/// events had a target.
const OLD_FILE: &str = r#"Scenario(
    format_version: 3,
    name: "Old plan",
    start: "2026-01",
    horizon_months: 24,
    minerals: [
        Mineral(
            name: "Cobalt",
            price_usd_per_unit: 100.0,
            escalation_pct_per_year: 5.0,
            requirement_qty: 30.0,
            budget_usd: 2400.0,
            suppliers: [
                Supplier(
                    name: "DRC",
                    share_pct: 60.0,
                    lead_time_months: 2,
                ),
                Supplier(
                    name: "Canada (Vale)",
                    share_pct: 40.0,
                    lead_time_months: 1,
                ),
            ],
            ceiling: QtyPerYear(10.0),
        ),
    ],
    disruptions: [
        Disruption(
            name: "DRC ban",
            kind: ExportBan,
            supplier: "DRC",
            start: "2026-06",
            end: Some("2026-12"),
        ),
        Disruption(
            name: "Quota",
            kind: ExportQuotaQty(3.0),
            supplier: "Canada",
            start: "2027-01",
        ),
    ],
)
"#;

#[test]
fn an_old_file_projects_exactly_as_before() {
    let loaded = file::from_str(OLD_FILE, "old.ron").unwrap();
    assert_eq!(validate(&loaded), vec![]);
    let cobalt = &loaded.minerals[0];
    assert!(
        cobalt.suppliers.iter().all(|x| x.country.is_empty()
            && x.capacity_qty_per_year.is_none()
            && x.feed.is_empty())
    );
    assert!(
        loaded
            .disruptions
            .iter()
            .all(|d| d.target == EventTarget::Supplier)
    );

    // The same scenario built by hand, as before the new fields.
    let mut built = simple(24, 2400.0, 30.0);
    built.name = "Old plan".into();
    let m = &mut built.minerals[0];
    m.escalation_pct_per_year = 5.0;
    m.suppliers = vec![supplier("DRC", 60.0, 2), supplier("Canada (Vale)", 40.0, 1)];
    m.ceiling = stockpile_planner::model::PurchaseCeiling::QtyPerYear(10.0);
    let mut ban = all_year(DisruptionKind::ExportBan, "DRC", EventTarget::Supplier);
    ban.name = "DRC ban".into();
    ban.start = YearMonth::new(2026, 6);
    ban.end = Some(YearMonth::new(2026, 12));
    let mut quota = all_year(
        DisruptionKind::ExportQuotaQty(3.0),
        "Canada",
        EventTarget::Supplier,
    );
    quota.name = "Quota".into();
    quota.start = YearMonth::new(2027, 1);
    built.disruptions = vec![ban, quota];
    assert_eq!(loaded, built);
    let p = project(&loaded);
    assert_eq!(p, project(&built));

    // The saved expectation (worked out under the rules before the new
    // fields). Year 1: $100/month; the ceiling of 10 t binds in month 10
    // at the latest (prices rise 5 %/year, so ~0.96-1 t/month): 10 t.
    // During the DRC ban (months 6-12) its 60 % goes to Canada. Year 2:
    // Canada's quota of 3 t holds its 40 % to 3 t; the blocked money goes to
    // the DRC, which is open again; the ceiling again stops the year at
    // 10 t. So 20 t are ordered, and the unspent budget is what the ceiling
    // held back.
    let c = &p.minerals[0];
    assert_close!(c.total_ordered_qty, 20.0);
    let year_two: f64 = c.months[12..].iter().map(|r| r.ordered_qty).sum();
    assert_close!(year_two, 10.0);

    // Saving writes none of the new fields: the file reads as it did.
    let saved = file::to_ron_string(&loaded);
    for field in ["country", "capacity_qty_per_year", "feed", "target"] {
        assert!(!saved.contains(field), "{field} written:\n{saved}");
    }
}

#[test]
fn new_fields_round_trip_through_a_file() {
    let mut s = two_refiners();
    s.minerals[0].suppliers[1].capacity_qty_per_year = Some(5.0);
    s.disruptions.push(all_year(
        DisruptionKind::ExportBan,
        "DRC",
        EventTarget::FeedOrigin,
    ));
    let text = file::to_ron_string(&s);
    assert!(text.contains("country: \"Canada\""), "{text}");
    assert!(text.contains("capacity_qty_per_year: Some(5.0)"), "{text}");
    assert!(text.contains("origin: \"DRC\""), "{text}");
    assert!(text.contains("target: FeedOrigin"), "{text}");
    let back = file::from_str(&text, "x.ron").unwrap();
    assert_eq!(back, s);
    assert_eq!(project(&back), project(&s));
}

/// Blocking events compound per feed origin. One refiner (100 %, no lead
/// time) on 40 % DRC, 30 % Chinese and 30 % Australian feed, not
/// re-sourced: 12 t a year without events.
/// - A ban on the DRC and a ban on China: 30 % stays open (the Australian
///   feed), 3.6 t, not 0.6 × 0.7 = 42 %.
/// - A ban on China and 50 % refusals on China: the refusals close nothing
///   the ban has not: 70 % open, 8.4 t, not 0.7 × 0.85 = 59.5 %.
/// - 50 % refusals on China and a 50 % cut on the DRC: 1 − 0.15 − 0.2 =
///   65 % open, 7.8 t.
#[test]
fn blocking_events_compound_per_feed_origin() {
    let mut r = supplier("Refiner", 100.0, 0);
    r.feed = feed(&[("DRC", 40.0), ("China", 30.0), ("Australia", 30.0)]);
    let mut s = base(vec![r]);
    s.settings.resource_blocked_orders = false;
    let refusals = DisruptionKind::LicensingDelay {
        extra_lead_time_months: 0,
        refused_pct: 50.0,
    };
    let cases = [
        (
            vec![
                all_year(DisruptionKind::ExportBan, "DRC", EventTarget::FeedOrigin),
                all_year(DisruptionKind::ExportBan, "China", EventTarget::FeedOrigin),
            ],
            3.6,
        ),
        (
            vec![
                all_year(DisruptionKind::ExportBan, "China", EventTarget::FeedOrigin),
                all_year(refusals.clone(), "China", EventTarget::FeedOrigin),
            ],
            8.4,
        ),
        (
            vec![
                all_year(refusals.clone(), "China", EventTarget::FeedOrigin),
                all_year(
                    DisruptionKind::ExportCutPct(50.0),
                    "DRC",
                    EventTarget::FeedOrigin,
                ),
            ],
            7.8,
        ),
    ];
    for (events, tonnes) in cases {
        let mut with = s.clone();
        with.disruptions = events;
        let coverage = project(&with).minerals[0].final_coverage_pct();
        assert!(
            (coverage - tonnes).abs() < 1e-9,
            "{coverage} %, expected {tonnes} %"
        );
    }
}

/// A capacity that changes from a month on (an expansion funded under DPA
/// Title III): one supplier able to sell 6 t a year (0.5 t a month, paced)
/// until June 2026 and 12 t a year from July. Months 1–6 buy 0.5 t, months
/// 7–12 the 1 t their $100 buys: 9 t, $300 unspent (no carry-over).
#[test]
fn a_capacity_that_grows_from_a_month_on() {
    let mut only = supplier("A", 100.0, 0);
    only.capacity_qty_per_year = Some(6.0);
    only.capacity_changes = vec![CapacityChange {
        from: YearMonth::new(2026, 7),
        qty_per_year: 12.0,
    }];
    let mut s = base(vec![only]);
    let p = &project(&s).minerals[0];
    assert_close!(p.months[5].ordered_qty, 0.5);
    assert_close!(p.months[6].ordered_qty, 1.0);
    assert_close!(p.total_ordered_qty, 9.0);
    assert_close!(p.unspent_usd(), 300.0);

    // Unlimited until a closing from July cuts it to 3 t a year: months
    // 1–6 buy 1 t, months 7–12 0.25 t: 7.5 t.
    s.minerals[0].suppliers[0].capacity_qty_per_year = None;
    s.minerals[0].suppliers[0].capacity_changes[0].qty_per_year = 3.0;
    let p = &project(&s).minerals[0];
    assert_close!(p.months[5].ordered_qty, 1.0);
    assert_close!(p.months[6].ordered_qty, 0.25);
    assert_close!(p.total_ordered_qty, 7.5);

    // In the file only when given, read back; a negative one is said.
    let text = file::to_ron_string(&s);
    assert!(text.contains("capacity_changes: ["), "{text}");
    assert_eq!(file::from_str(&text, "expansion.ron").unwrap(), s);
    s.minerals[0].suppliers[0].capacity_changes[0].qty_per_year = -1.0;
    let problems = validate(&s);
    assert_eq!(
        problems[0].path,
        "minerals[0].suppliers[0].capacity_changes[0].qty_per_year"
    );
    assert_eq!(
        stockpile_planner::model::places::place_in_words(&s, &problems[0].path),
        "Cobalt · supplier A · capacity from 2026-07 · quantity"
    );
}
