//! Events in the window: add a preset in two clicks, watch coverage drop,
//! disable it and watch coverage come back exactly; snapshots with shaded
//! events.

use crate::common;

use common::window as harness;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stockpile_planner::display::pct;
use stockpile_planner::samples;
use stockpile_planner::ui::PlannerApp;

/// In force for the stockpile (a military end user) after November 2025.
const BAN: &str =
    "China bans dual-use exports to US military end users (Dec 2024, kept in Nov 2025)";

/// The October 2025 plan with half of antimony bought from a supplier
/// named "China" (no feed list: its name is its one origin, so a preset on
/// Chinese feed hits it in full) and half from US Antimony (feed Bolivia,
/// Australia, Mexico: not hit). The sample's sole source has no Chinese
/// feed, so no China preset would change it. China's lead time is 0 and US
/// Antimony's 1 month: orders re-sourced to US Antimony arrive a month
/// later.
/// It buys past the requirement (as files without the setting do), so
/// that a preset's cut shows in the final figure: stopped at the
/// requirement, antimony ends at 100 % with or without it.
fn plan_with_a_chinese_antimony_supplier() -> stockpile_planner::model::Scenario {
    let mut s = samples::default_scenario();
    s.settings.stop_at_requirement = false;
    let antimony = &mut s.minerals[1];
    assert_eq!(antimony.suppliers.len(), 1, "the sample's sole source");
    antimony.suppliers[0].share_pct = 50.0;
    antimony
        .suppliers
        .insert(0, stockpile_planner::model::Supplier::new("China", 50.0, 0));
    s
}

/// Opens the Events tab and adds the December 2024 ban: two clicks, the
/// preset menu then the event.
fn add_the_ban_preset(h: &mut Harness<'static, PlannerApp>) {
    h.get_by_role_and_label(Role::Button, "Events (0)").click();
    h.run();
    h.get_by_label("Add preset").click();
    h.run();
    h.get_by_label(BAN).click();
    h.run();
}

#[test]
fn a_preset_lowers_coverage_and_disabling_it_restores_it_exactly() {
    let mut h = harness(plan_with_a_chinese_antimony_supplier(), egui::Theme::Dark);
    let before = h.state().doc.projection.clone();
    let antimony_before = before.minerals[1].final_coverage_pct();

    add_the_ban_preset(&mut h);

    assert_eq!(h.state().doc.scenario.disruptions.len(), 1);
    let antimony_after = h.state().doc.projection.minerals[1].final_coverage_pct();
    // Re-sourced by default: China's half goes to US Antimony, whose lead
    // time is longer, so coverage drops a little (the last month's orders
    // are all still in transit); with re-sourcing off it would halve.
    assert!(
        antimony_after < antimony_before,
        "{antimony_after} vs {antimony_before}"
    );
    assert_eq!(
        h.get_all_by_label(&format!("Antimony final coverage {}", pct(antimony_after)))
            .count(),
        2
    );
    let lost = h.state().doc.coverage_lost_to_events_pct[1];
    assert!((lost - (antimony_before - antimony_after)).abs() < 1e-9);

    // Untick re-sourcing: the ban now leaves China's half unbought.
    h.get_by_label("Re-source blocked orders from the other suppliers")
        .click();
    h.run();
    let no_resourcing = h.state().doc.projection.minerals[1].final_coverage_pct();
    assert!(no_resourcing < antimony_before * 0.55, "{no_resourcing}");
    assert!(
        h.query_by_label(&format!("{:.1} pts", -(antimony_before - no_resourcing)))
            .is_some()
    );

    // Disable the event: the projection is exactly the one without it.
    h.get_by_label(&format!("Enable {BAN}")).click();
    h.run();
    assert!(!h.state().doc.scenario.disruptions[0].enabled);
    assert_eq!(h.state().doc.projection, before);
    assert_eq!(
        h.get_all_by_label(&format!("Antimony final coverage {}", pct(antimony_before)))
            .count(),
        2
    );
}

/// A trial found "Cobalt: needs 1.4× the purchasable supply" beside Cobalt
/// reaching 100 % in 2030-01: the figure was the budget's. The editor now
/// says what money cannot be spent and whether the requirement is bought,
/// and "Needs" is the requirement over what can be bought.
#[test]
fn a_budget_that_cannot_all_be_spent_says_so_without_contradicting_the_row() {
    let h = harness(samples::default_scenario(), egui::Theme::Dark);
    // Cobalt: $500M at $47,950/t is 10,427.5 t; the ceiling lets through
    // 1,500 t a fiscal year, 7,500 t: the requirement, paced at 125 t a
    // month, so 250 t are on their way at the end; $140M is left.
    assert!(
        h.query_by_label(
            "$140M of the budget cannot be spent under the 1,500 t/yr ceiling; coverage ends at 96.7% with 250 t still on its way"
        )
        .is_some()
    );
    assert!(h.query_by_label_contains("needs 1.4×").is_none());
    assert_eq!(
        h.state().doc.projection.minerals[0].requirement_ratio_in_words(),
        "1.00×"
    );
    assert!(h.query_by_label("1.00×").is_some());
}

#[test]
fn events_snapshot_dark() {
    let mut h = harness(
        samples::OCTOBER_2025_CHINA_RESTRICTIONS.scenario(),
        egui::Theme::Dark,
    );
    h.get_by_role_and_label(Role::Button, "Events (8)").click();
    h.run();
    h.snapshot("events_dark");
}

#[test]
fn events_snapshot_light() {
    let mut h = harness(
        samples::OCTOBER_2025_CHINA_RESTRICTIONS.scenario(),
        egui::Theme::Light,
    );
    h.snapshot("events_light");
}

#[test]
fn minerals_are_picked_from_a_checklist() {
    let mut h = common::tall_window(plan_with_a_chinese_antimony_supplier(), egui::Theme::Dark);
    let before = h.state().doc.projection.clone();
    add_the_ban_preset(&mut h);
    assert_ne!(
        h.state().doc.projection.minerals[1],
        before.minerals[1],
        "the ban hits the Chinese antimony supplier"
    );
    let minerals =
        |h: &Harness<'static, PlannerApp>| h.state().doc.scenario.disruptions[0].minerals.clone();
    // The preset names gallium, germanium and antimony; of this scenario's
    // minerals only antimony is hit.
    assert!(h.query_by_label("hits Antimony").is_some());

    h.get_by_role_and_label(Role::Button, "Choose minerals")
        .click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "Event hits Scandium")
        .click();
    h.run();
    // Gallium and germanium are not in this scenario but stay named, for
    // when they are added.
    assert_eq!(
        minerals(&h),
        ["Antimony", "Scandium", "Gallium", "Germanium"]
    );
    assert!(h.query_by_label("hits Antimony, Scandium").is_some());
    // The menu stays open for more ticks: untick antimony.
    h.get_by_role_and_label(Role::CheckBox, "Event hits Antimony")
        .click();
    h.run();
    assert_eq!(minerals(&h), ["Scandium", "Gallium", "Germanium"]);
    let after = &h.state().doc.projection;
    assert_eq!(
        after.minerals[1], before.minerals[1],
        "antimony is no longer hit"
    );

    // "All minerals" empties the list: every mineral, also ones added later.
    h.get_by_role_and_label(Role::CheckBox, "All minerals")
        .click();
    h.run();
    assert!(minerals(&h).is_empty());
    assert!(
        h.query_by_label("hits Cobalt, Antimony, Tantalum, Scandium")
            .is_some()
    );
}

#[test]
fn the_supplier_is_picked_from_the_scenario_suppliers() {
    let mut h = common::tall_window(plan_with_a_chinese_antimony_supplier(), egui::Theme::Dark);
    let before = h.state().doc.projection.clone();
    add_the_ban_preset(&mut h);
    let antimony_with_china_ban = h.state().doc.projection.minerals[1].final_coverage_pct();
    assert!(antimony_with_china_ban < before.minerals[1].final_coverage_pct());

    // The preset targets the feed origin, so the chooser lists the
    // scenario's origins. "What if it were Bolivia instead?" (57 % of US
    // Antimony's feed): two clicks.
    h.get_by_role_and_label(Role::Button, "Choose supplier")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Bolivia").click();
    h.run();
    assert_eq!(h.state().doc.scenario.disruptions[0].supplier, "Bolivia");
    let antimony_now = h.state().doc.projection.minerals[1].final_coverage_pct();
    assert_ne!(antimony_now, antimony_with_china_ban);

    // "Every origin" empties the field: the ban hits all of antimony's.
    h.get_by_role_and_label(Role::Button, "Choose supplier")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Every origin")
        .click();
    h.run();
    assert_eq!(h.state().doc.scenario.disruptions[0].supplier, "");
    let antimony_all_banned = h.state().doc.projection.minerals[1].final_coverage_pct();
    assert!(antimony_all_banned < antimony_with_china_ban.min(antimony_now));
}

/// A new user's Scandium dropped 65.9 points on one click of *+ Add event*,
/// before saying what the event was. It is added switched off: the plot
/// and the summary do not move until it is ticked.
#[test]
fn add_event_moves_nothing_until_it_is_ticked() {
    let mut h = harness(samples::default_scenario(), egui::Theme::Dark);
    // Scandium: its sole source is the first supplier the new ban names.
    let scandium = h
        .state()
        .doc
        .scenario
        .minerals
        .iter()
        .position(|m| m.name.starts_with("Scandium"));
    h.state_mut().doc.selected = scandium.expect("the sample has scandium");
    h.run();
    let before = h.state().doc.projection.clone();
    h.get_by_role_and_label(Role::Button, "Events (0)").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "+ Add event").click();
    h.run();
    let doc = &h.state().doc;
    assert_eq!(doc.scenario.disruptions.len(), 1);
    assert!(!doc.scenario.disruptions[0].enabled, "added switched off");
    assert_eq!(doc.projection, before, "one click moves nothing");
    assert!(h.query_by_label_contains("switched off").is_some());
    // Ticked, it is in force: scandium loses its sole source.
    h.get_by_label("Enable New event").click();
    h.run();
    assert!(h.state().doc.scenario.disruptions[0].enabled);
    assert_ne!(h.state().doc.projection, before);
}
