//! The bundled reference table (assets/reference-minerals.csv), its
//! lookups, and supply concentration (HHI).

use stockpile_planner::model::reference::{
    BUILTIN_CSV, COLUMNS, Concentration, DataYear, Field, FigureValue, ProductionKind,
    ReferenceTable, hhi, share_from_china_pct, supplier_hhi,
};
use stockpile_planner::model::{Mineral, Supplier};

fn table() -> &'static ReferenceTable {
    ReferenceTable::builtin()
}

fn mineral(suppliers: &[(&str, f64)]) -> Mineral {
    let mut m = Mineral::new("Test");
    m.suppliers = suppliers
        .iter()
        .map(|&(name, share_pct)| Supplier::new(name, share_pct, 0))
        .collect();
    m
}

#[test]
fn every_row_of_the_bundled_table_has_a_source_and_a_year() {
    // Read the raw cells too, so that no row can slip past the parser.
    let mut raw = csv::Reader::from_reader(BUILTIN_CSV.as_bytes());
    assert!(raw.headers().unwrap().iter().eq(COLUMNS));
    let mut rows = 0;
    for record in raw.records() {
        let record = record.unwrap();
        let line = record.position().unwrap().line();
        assert!(!record[6].trim().is_empty(), "line {line}: no source");
        assert!(
            DataYear::parse(&record[5]).is_ok(),
            "line {line}: no year: {:?}",
            &record[5]
        );
        rows += 1;
    }
    assert_eq!(table().figures().len(), rows);
    for f in table().figures() {
        assert!(!f.source.trim().is_empty(), "line {}", f.line);
        assert!((2020..=2025).contains(&f.year.year), "line {}", f.line);
    }
}

#[test]
fn the_bundled_values_parse() {
    let parsed = ReferenceTable::parse(BUILTIN_CSV).expect("the bundled table parses");
    assert_eq!(parsed.figures().len(), 217);
    assert_eq!(&parsed, table());
    // Bounds and markers are kept as the source gives them.
    assert_eq!(
        table().net_import_reliance_pct("Tungsten"),
        Some(FigureValue::MoreThan(50.0))
    );
    assert_eq!(
        table().net_import_reliance_pct("Beryllium"),
        Some(FigureValue::NetExporter)
    );
    assert_eq!(
        table().net_import_reliance_pct("Tellurium"),
        Some(FigureValue::MoreThan(25.0))
    );
}

#[test]
fn at_least_twenty_minerals_are_present() {
    let minerals = table().minerals();
    assert!(minerals.len() >= 20, "{minerals:?}");
    assert_eq!(minerals.len(), 24);
    // Every mineral has a US net import reliance and a price.
    for m in minerals {
        assert!(table().net_import_reliance_pct(m).is_some(), "{m}");
        assert!(table().price(m).is_some(), "{m}");
    }
}

#[test]
fn cobalt_lookups() {
    let t = table();
    let countries = t.production_by_country("Cobalt", ProductionKind::Mine);
    assert_eq!(countries[0], ("Congo (Kinshasa)".to_string(), 230_000.0));
    assert_eq!(countries.len(), 6);
    assert!(countries.iter().all(|(c, _)| c != "World"));
    let (world, unit) = t.world_production("cobalt", ProductionKind::Mine).unwrap();
    assert_eq!((world, unit.as_str()), (310_000.0, "t contained Co"));

    // DRC: 230,000 t of 310,000 t in 2025, about 74 % (the share the
    // table derives from USGS's figures).
    let share = t
        .world_share_pct("Cobalt", "DRC", ProductionKind::Mine)
        .unwrap();
    assert_eq!(share, 230_000.0 / 310_000.0 * 100.0);
    assert_eq!(share, countries[0].1 / world * 100.0);
    let stated = t
        .figures_for("Cobalt")
        .into_iter()
        .find(|f| {
            f.field == Field::ShareOfWorldMine && f.country.as_deref() == Some("Congo (Kinshasa)")
        })
        .unwrap();
    assert_eq!(stated.value, FigureValue::Exact(share.round()));

    assert_eq!(
        t.net_import_reliance_pct("Cobalt"),
        Some(FigureValue::Exact(79.0))
    );
    let (price, unit, year, source) = t.price("Cobalt").unwrap();
    assert_eq!((price, unit), (21.0, "US$/lb"));
    assert_eq!(
        year,
        DataYear {
            year: 2025,
            month: None
        }
    );
    assert!(source.starts_with("USGS Mineral Commodity Summaries 2026"));
    // No refinery figure for cobalt: nothing rather than a guess.
    assert!(
        t.production_by_country("Cobalt", ProductionKind::Refinery)
            .is_empty()
    );
    assert_eq!(t.world_refinery_hhi("Cobalt"), None);
}

#[test]
fn scenario_names_find_the_table_rows() {
    let t = table();
    // "Graphite (natural flake)" is the table's "graphite (natural)".
    assert_eq!(
        t.world_share_pct("Graphite (natural flake)", "China", ProductionKind::Mine),
        Some(1_400_000.0 / 1_800_000.0 * 100.0)
    );
    // "Rare earths (NdPr oxide)" is "rare earths (REO)"; Myanmar is Burma.
    assert_eq!(
        t.world_share_pct("Rare earths (NdPr oxide)", "Myanmar", ProductionKind::Mine),
        Some(22_000.0 / 390_000.0 * 100.0)
    );
    // China's rare-earth quota is not refinery production.
    assert!(
        t.production_by_country("Rare earths", ProductionKind::Refinery)
            .is_empty()
    );
    // Gallium: the world total of the countries listed (low-purity
    // primary), not the smaller high-purity total.
    assert_eq!(
        t.world_production("Gallium", ProductionKind::Refinery),
        Some((900_000.0, "kg contained Ga".to_string()))
    );
    // Germanium: no production figure in the table.
    assert!(
        t.production_by_country("Germanium", ProductionKind::Mine)
            .is_empty()
    );
    assert_eq!(t.world_mine_hhi("Germanium"), None);
    assert_eq!(t.price("Unobtainium"), None);
}

#[test]
fn hhi_worked_by_hand() {
    // 76² + 10² + 14² = 5,776 + 100 + 196 = 6,072.
    assert_eq!(hhi(&[76.0, 10.0, 14.0]), 6_072.0);
    assert_eq!(Concentration::of(6_072.0), Concentration::High);
    // Shares that add up to 50 are scaled to 100 first.
    assert_eq!(hhi(&[38.0, 5.0, 7.0]), 6_072.0);
    // Four equal suppliers: 4 × 25² = 2,500, moderate; five: 2,000.
    assert_eq!(hhi(&[25.0; 4]), 2_500.0);
    assert_eq!(Concentration::of(hhi(&[25.0; 4])), Concentration::Moderate);
    assert_eq!(
        Concentration::of(hhi(&[10.0; 10])),
        Concentration::Unconcentrated
    );
}

#[test]
fn supplier_hhi_and_share_from_china() {
    // The October 2025 plan's cobalt: three qualified refiners (Vale 33.34,
    // Glencore 33.33, Sumitomo 33.33): 1,111.5556 + 2 × 1,110.8889 =
    // 3,333.3334, highly concentrated (above 2,500) even with three equal
    // sources; none of them is in China.
    let plan = stockpile_planner::samples::OCTOBER_2025_PLAN.scenario();
    let cobalt = &plan.minerals[0];
    assert!((supplier_hhi(cobalt) - 3_333.333_4).abs() < 1e-6);
    assert_eq!(Concentration::of(supplier_hhi(cobalt)), Concentration::High);
    assert_eq!(share_from_china_pct(cobalt), 0.0);
    // Antimony: US Antimony Corp, the sole source: 100² = 10,000, not
    // Chinese (its feed does not count: the supplier contracted with does).
    let antimony = &plan.minerals[1];
    assert_eq!(supplier_hhi(antimony), 10_000.0);
    assert_eq!(share_from_china_pct(antimony), 0.0);
    // A mineral bought half from China: China 50, Tajikistan 25, other 25
    // → 2,500 + 625 + 625 = 3,750, 50 % from China.
    let half = mineral(&[
        ("China", 50.0),
        ("Tajikistan", 25.0),
        ("Other (TR, BO, AU)", 25.0),
    ]);
    assert_eq!(supplier_hhi(&half), 3_750.0);
    assert_eq!(share_from_china_pct(&half), 50.0);

    let m = mineral(&[
        ("China", 30.0),
        ("China (refined)", 10.0),
        ("Jiangxi Tungsten (CN)", 5.0),
        ("Chinalco", 5.0),
        ("Vietnam", 50.0),
    ]);
    assert_eq!(share_from_china_pct(&m), 45.0);
    // The same name twice is one supplier: 60² + 40² = 5,200.
    let twice = mineral(&[("China", 30.0), ("china ", 30.0), ("Vietnam", 40.0)]);
    assert_eq!(supplier_hhi(&twice), 5_200.0);
    assert_eq!(supplier_hhi(&mineral(&[])), 0.0);
    assert_eq!(share_from_china_pct(&mineral(&[])), 0.0);
}

#[test]
fn world_mine_hhi_of_cobalt_by_hand() {
    // MCS 2026, 2025 mine output: DRC, Indonesia, Russia, Canada,
    // Philippines, Madagascar of a world 310,000 t.
    let s = |t: f64| t / 310_000.0 * 100.0;
    let shares = [
        s(230_000.0),
        s(44_000.0),
        s(7_700.0),
        s(3_500.0),
        s(3_700.0),
        s(3_900.0),
    ];
    let listed: f64 = shares.iter().map(|x| x * x).sum();
    let (low, high) = table()
        .world_hhi_bounds("Cobalt", ProductionKind::Mine)
        .unwrap();
    assert_eq!(low, listed);
    assert!((low - 5_716.6).abs() < 0.05, "{low}");
    // The 5.55 % not listed, split into producers of the smallest listed
    // share (1.13 %): 4 of them and 1.03 % left, adding about 6.2.
    let rest = 100.0 - shares.iter().sum::<f64>();
    let smallest = s(3_500.0);
    let whole = (rest / smallest).floor();
    assert_eq!(whole, 4.0);
    let expected_high = listed + whole * smallest * smallest + (rest - whole * smallest).powi(2);
    assert!((high - expected_high).abs() < 1e-9);
    assert!((high - 5_722.8).abs() < 0.05, "{high}");
    assert_eq!(table().world_mine_hhi("cobalt"), Some(low));
    assert_eq!(Concentration::of(low), Concentration::High);
    // Refinery HHI where only refinery figures exist (bismuth).
    assert!(table().world_refinery_hhi("Bismuth").is_some());
}

#[test]
fn a_malformed_table_names_the_line() {
    let header = COLUMNS.join(",");
    let good = "cobalt,mine_production,World,290000,t,2024,USGS,";
    // A note spread over two lines: the next row starts on line 4.
    let two_lines = "cobalt,price,,17,US$/lb,2024,USGS,\"first\nsecond\"";

    let bad_field =
        format!("{header}\n{good}\n{two_lines}\ncobalt,mine_prod,World,1,t,2024,USGS,\n");
    let e = ReferenceTable::parse(&bad_field).unwrap_err();
    assert_eq!(e.line, 5, "{e}");
    assert!(
        e.to_string()
            .starts_with("line 5: unknown field \"mine_prod\""),
        "{e}"
    );

    let bad_value = format!("{header}\n{good}\ncobalt,mine_production,Chile,12 000,t,2024,USGS,\n");
    let e = ReferenceTable::parse(&bad_value).unwrap_err();
    assert_eq!(e.line, 3, "{e}");
    assert!(e.message.contains("not a number"), "{e}");

    let no_source = format!("{header}\n{good}\ncobalt,mine_production,Chile,1,t,2024,,\n");
    let e = ReferenceTable::parse(&no_source).unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 3: no source: every figure must name its source"
    );

    let no_year = format!("{header}\ncobalt,share_of_world_refinery,China,73,%,n.s.,press,\n");
    assert_eq!(ReferenceTable::parse(&no_year).unwrap_err().line, 2);

    let short_row = format!("{header}\n{good}\ncobalt,price,,17\n");
    let e = ReferenceTable::parse(&short_row).unwrap_err();
    assert_eq!(e.line, 3, "{e}");

    let e = ReferenceTable::parse("mineral,field,value\n").unwrap_err();
    assert_eq!(e.line, 1, "{e}");

    assert!(ReferenceTable::parse(&format!("{header}\n{good}\n")).is_ok());
}

#[test]
fn project_table_shows_supplier_hhi_and_share_from_china() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stockpile-planner"))
        .args(["project", "assets/october-2025-plan.ron"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = String::from_utf8(out.stdout).unwrap();
    let header = out.lines().find(|l| l.starts_with("Mineral ")).unwrap();
    assert!(
        header.contains("Supplier HHI") && header.contains("From China"),
        "{header}"
    );
    // Cobalt: three refiners, HHI 3,333; antimony: one, 10,000; none in
    // China.
    let cobalt = out.lines().find(|l| l.starts_with("Cobalt ")).unwrap();
    assert!(
        cobalt.contains(" 3,333 ") && cobalt.contains(" 0.0% "),
        "{cobalt}"
    );
    let antimony = out.lines().find(|l| l.starts_with("Antimony ")).unwrap();
    assert!(
        antimony.contains(" 10,000 ") && antimony.contains(" 0.0% "),
        "{antimony}"
    );

    // A share from China shows: the same plan with Sumitomo (33.33 % of
    // cobalt) renamed "China Minmetals"; the HHI is unchanged.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let plan = stockpile_planner::samples::OCTOBER_2025_PLAN.text;
    let text = plan.replacen(
        "name: \"Sumitomo Metal Mining (Niihama)\"",
        "name: \"China Minmetals\"",
        1,
    );
    assert_ne!(text, plan, "the sample no longer has this supplier");
    std::fs::write(&path, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stockpile-planner"))
        .arg("project")
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = String::from_utf8(out.stdout).unwrap();
    let cobalt = out.lines().find(|l| l.starts_with("Cobalt ")).unwrap();
    assert!(
        cobalt.contains(" 3,333 ") && cobalt.contains(" 33.3% "),
        "{cobalt}"
    );
}

#[test]
fn world_feed_of_cobalt_adds_up_to_100_with_the_rest_of_the_world() {
    use stockpile_planner::model::reference::world_feed;
    let feed = world_feed(ReferenceTable::builtin(), "Cobalt");
    // 230,000 of 310,000 t mined in 2025: 74.194 % → 74.2 %.
    assert_eq!(feed[0].origin, "DRC", "the name planners type in events");
    assert!((feed[0].share_pct - 74.2).abs() < 1e-9, "{feed:?}");
    let total: f64 = feed.iter().map(|f| f.share_pct).sum();
    assert!((total - 100.0).abs() < 1e-9, "{total}");
    assert_eq!(feed.last().unwrap().origin, "Rest of world");
    assert!(world_feed(ReferenceTable::builtin(), "Unobtainium").is_empty());
}
