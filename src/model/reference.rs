//! Reference data and supply concentration.
//!
//! The reference table holds sourced figures on world supply: mine and
//! refinery production by country, US net import reliance and prices
//! (USGS Mineral Commodity Summaries 2026, data year 2025, plus a few
//! secondary sources where USGS gives nothing). The figures live in a data
//! file, `assets/reference-minerals.csv`, compiled in as [`BUILTIN_CSV`];
//! `assets/reference-minerals.md` says where each comes from and what is
//! missing. No figure is written in this code.
//!
//! Concentration is measured with the Herfindahl–Hirschman index ([`hhi`]):
//! of the suppliers a scenario buys from ([`supplier_hhi`]) and of world
//! production ([`ReferenceTable::world_mine_hhi`]).
//!
//! Pure functions, no files: the table is parsed from text.

use super::scenario::Mineral;
use std::fmt;
use std::sync::OnceLock;

/// The reference table shipped with the program.
pub const BUILTIN_CSV: &str = include_str!("../../assets/reference-minerals.csv");

/// The columns of the table, in this order.
pub const COLUMNS: [&str; 8] = [
    "mineral", "field", "country", "value", "unit", "year", "source", "note",
];

/// What a figure measures (the `field` column).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// `mine_production`: tonnes (or the row's unit) mined in the year.
    MineProduction,
    /// `refinery_production`: refined, primary or sponge production.
    RefineryProduction,
    /// `production_quota`: a government quota, not reported output.
    ProductionQuota,
    /// `share_of_world_mine`: a share of world mine production stated in
    /// words by the source, %.
    ShareOfWorldMine,
    /// `share_of_world_refinery`: the same for refined production, %.
    ShareOfWorldRefinery,
    /// `us_net_import_reliance_pct`: US net import reliance, % of apparent
    /// consumption.
    NetImportReliancePct,
    /// `price`: a price, in the row's unit.
    Price,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::MineProduction,
        Field::RefineryProduction,
        Field::ProductionQuota,
        Field::ShareOfWorldMine,
        Field::ShareOfWorldRefinery,
        Field::NetImportReliancePct,
        Field::Price,
    ];

    /// The name written in the `field` column.
    pub fn code(self) -> &'static str {
        match self {
            Field::MineProduction => "mine_production",
            Field::RefineryProduction => "refinery_production",
            Field::ProductionQuota => "production_quota",
            Field::ShareOfWorldMine => "share_of_world_mine",
            Field::ShareOfWorldRefinery => "share_of_world_refinery",
            Field::NetImportReliancePct => "us_net_import_reliance_pct",
            Field::Price => "price",
        }
    }

    pub fn from_code(code: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// Mine or refinery production, for the lookups by country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProductionKind {
    Mine,
    Refinery,
}

impl ProductionKind {
    pub fn field(self) -> Field {
        match self {
            ProductionKind::Mine => Field::MineProduction,
            ProductionKind::Refinery => Field::RefineryProduction,
        }
    }
}

/// A value as the source gives it: a number, or a bound or an approximate
/// number when that is all the source states.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FigureValue {
    /// `290000`
    Exact(f64),
    /// `around 20`, `approximately 75`, `about 5`, `~5`
    About(f64),
    /// `>50`
    MoreThan(f64),
    /// `<25`
    LessThan(f64),
    /// `E`: USGS's mark for a net exporter (net import reliance only).
    NetExporter,
}

impl FigureValue {
    /// Read a value cell. Numbers are plain (`290000`, `9.50`), finite and
    /// not negative; no thousands separators.
    pub fn parse(text: &str) -> Result<FigureValue, String> {
        let t = text.trim();
        if t == "E" {
            return Ok(FigureValue::NetExporter);
        }
        let number = |s: &str| -> Result<f64, String> {
            let s = s.trim();
            match s.parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
                Ok(_) => Err(format!(
                    "the value \"{text}\" must be a finite number, not negative"
                )),
                Err(_) => Err(format!(
                    "the value \"{text}\" is not a number (expected e.g. 290000, >50, <25, \
                     around 20 or E)"
                )),
            }
        };
        let lower = t.to_lowercase();
        for prefix in ["approximately ", "around ", "about ", "~"] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                return number(rest).map(FigureValue::About);
            }
        }
        if let Some(rest) = t.strip_prefix('>') {
            return number(rest).map(FigureValue::MoreThan);
        }
        if let Some(rest) = t.strip_prefix('<') {
            return number(rest).map(FigureValue::LessThan);
        }
        number(t).map(FigureValue::Exact)
    }

    /// The number, when the source states it exactly.
    pub fn exact(self) -> Option<f64> {
        match self {
            FigureValue::Exact(v) => Some(v),
            _ => None,
        }
    }
}

impl fmt::Display for FigureValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FigureValue::Exact(v) => write!(f, "{v}"),
            FigureValue::About(v) => write!(f, "about {v}"),
            FigureValue::MoreThan(v) => write!(f, ">{v}"),
            FigureValue::LessThan(v) => write!(f, "<{v}"),
            FigureValue::NetExporter => write!(f, "E"),
        }
    }
}

/// The data year of a figure: a year, or a month for a dated price point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DataYear {
    pub year: i32,
    /// 1–12 for a monthly figure (`2024-11`), `None` for an annual one.
    pub month: Option<u32>,
}

impl DataYear {
    /// `YYYY` or `YYYY-MM`, years 1900–2100.
    pub fn parse(text: &str) -> Result<DataYear, String> {
        let t = text.trim();
        let bad = || format!("the year must be written YYYY or YYYY-MM, found \"{text}\"");
        let (y, m) = match t.split_once('-') {
            Some((y, m)) => (y, Some(m)),
            None => (t, None),
        };
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        if !(1900..=2100).contains(&year) {
            return Err(bad());
        }
        let month = match m {
            None => None,
            Some(m) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
                let m: u32 = m.parse().map_err(|_| bad())?;
                if !(1..=12).contains(&m) {
                    return Err(bad());
                }
                Some(m)
            }
            Some(_) => return Err(bad()),
        };
        Ok(DataYear { year, month })
    }
}

impl fmt::Display for DataYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.month {
            Some(m) => write!(f, "{}-{m:02}", self.year),
            None => write!(f, "{}", self.year),
        }
    }
}

/// One row of the reference table.
#[derive(Clone, Debug, PartialEq)]
pub struct ReferenceFigure {
    /// As written in the table, e.g. `rare earths (REO)`.
    pub mineral: String,
    pub field: Field,
    /// `World` for a world total; `None` where no country applies (an
    /// exchange price).
    pub country: Option<String>,
    pub value: FigureValue,
    /// E.g. `t contained Co`, `US$/lb`, `% of apparent consumption`.
    pub unit: String,
    pub year: DataYear,
    /// Never empty.
    pub source: String,
    /// Estimated or not, caveats.
    pub note: String,
    /// Line of the row in the CSV text (the header is line 1).
    pub line: u64,
}

impl ReferenceFigure {
    /// A world total (country `World`).
    pub fn is_world(&self) -> bool {
        self.country
            .as_deref()
            .is_some_and(|c| c.trim().eq_ignore_ascii_case("world"))
    }
}

/// A table that could not be read: the line and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ReferenceError {
    pub line: u64,
    pub message: String,
}

/// The reference table: figures in the order of the file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReferenceTable {
    figures: Vec<ReferenceFigure>,
}

impl ReferenceTable {
    /// The table compiled into the program ([`BUILTIN_CSV`]), parsed once.
    /// It is checked by the tests; should it ever fail to parse, an empty
    /// table stands in (every lookup then gives nothing) rather than a
    /// crash.
    pub fn builtin() -> &'static ReferenceTable {
        static TABLE: OnceLock<ReferenceTable> = OnceLock::new();
        TABLE.get_or_init(|| ReferenceTable::parse(BUILTIN_CSV).unwrap_or_default())
    }

    /// Parse CSV text with the header [`COLUMNS`]. The first bad row is an
    /// error naming its line: an unknown field, a value or year that does
    /// not parse, an empty mineral, unit or source, a missing country
    /// (required for everything but prices), or a row with too few or too
    /// many cells.
    pub fn parse(text: &str) -> Result<ReferenceTable, ReferenceError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let header = reader.headers().map_err(|e| csv_error(&e, 1))?.clone();
        if !header.iter().eq(COLUMNS) {
            return Err(ReferenceError {
                line: 1,
                message: format!(
                    "expected the columns {}, found {}",
                    COLUMNS.join(","),
                    header.iter().collect::<Vec<_>>().join(",")
                ),
            });
        }
        let mut figures = Vec::new();
        let mut last_line = 1;
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(&e, last_line + 1))?;
            let line = record.position().map_or(last_line + 1, |p| p.line());
            last_line = line;
            figures.push(parse_row(&record, line)?);
        }
        Ok(ReferenceTable { figures })
    }

    /// Every figure, in the order of the file.
    pub fn figures(&self) -> &[ReferenceFigure] {
        &self.figures
    }

    /// The minerals of the table, as first written there, each once (two
    /// spellings that [`same_mineral`] joins count once).
    pub fn minerals(&self) -> Vec<&str> {
        let mut keys: Vec<String> = Vec::new();
        let mut names = Vec::new();
        for f in &self.figures {
            let key = mineral_key(&f.mineral);
            if !keys.contains(&key) {
                keys.push(key);
                names.push(f.mineral.as_str());
            }
        }
        names
    }

    /// The figures on `mineral` (matched with [`same_mineral`]).
    pub fn figures_for<'a>(&'a self, mineral: &str) -> Vec<&'a ReferenceFigure> {
        let key = mineral_key(mineral);
        if key.is_empty() {
            return Vec::new();
        }
        self.figures
            .iter()
            .filter(|f| mineral_key(&f.mineral) == key)
            .collect()
    }

    /// Production by country (the world total left out), largest first.
    /// Only rows with an exact value and the unit of the first country row
    /// are counted.
    pub fn production_by_country(&self, mineral: &str, kind: ProductionKind) -> Vec<(String, f64)> {
        self.production(mineral, kind).countries
    }

    /// The world total that goes with [`Self::production_by_country`]: its
    /// value and unit. When the table holds several world totals for the
    /// same field in the unit of the countries, the largest, the broadest
    /// measure (gallium: low-purity primary production, 760,000 kg, not
    /// high-purity refined gallium, 320,000 kg, which has no country
    /// split). A world total can be a little below the sum of the
    /// countries listed, as the source rounds it (gallium: 762,000 kg
    /// listed).
    pub fn world_production(&self, mineral: &str, kind: ProductionKind) -> Option<(f64, String)> {
        let p = self.production(mineral, kind);
        p.world.map(|w| (w, p.unit))
    }

    /// `country`'s share of world production, %: its production divided by
    /// the world total of [`Self::world_production`]. Computed from the
    /// tonnages, so it can differ from the share the source states in
    /// words by rounding (cobalt, DRC: 75.9 computed, 76 stated).
    /// Countries are matched with [`same_country`].
    pub fn world_share_pct(
        &self,
        mineral: &str,
        country: &str,
        kind: ProductionKind,
    ) -> Option<f64> {
        let p = self.production(mineral, kind);
        let world = p.world.filter(|w| *w > 0.0)?;
        p.countries
            .iter()
            .find(|(c, _)| same_country(c, country))
            .map(|(_, v)| v / world * 100.0)
    }

    /// US net import reliance, % of apparent consumption, as the source
    /// gives it (`>50`, `E` for a net exporter, …).
    pub fn net_import_reliance_pct(&self, mineral: &str) -> Option<FigureValue> {
        self.figures_for(mineral)
            .into_iter()
            .find(|f| f.field == Field::NetImportReliancePct)
            .map(|f| f.value)
    }

    /// Every price of `mineral`, in the order of the file.
    pub fn prices<'a>(&'a self, mineral: &str) -> Vec<&'a ReferenceFigure> {
        self.figures_for(mineral)
            .into_iter()
            .filter(|f| f.field == Field::Price)
            .collect()
    }

    /// One price of `mineral`: (value, unit, year, source). The first
    /// annual price in the file, else the first dated (monthly) one. Which
    /// product and market it is (cathode, oxide, LME, Rotterdam…) is in the
    /// row's note: see [`Self::prices`].
    pub fn price(&self, mineral: &str) -> Option<(f64, &str, DataYear, &str)> {
        let prices: Vec<_> = self
            .prices(mineral)
            .into_iter()
            .filter(|f| f.value.exact().is_some())
            .collect();
        let pick = prices
            .iter()
            .find(|f| f.year.month.is_none())
            .or(prices.first())?;
        Some((
            pick.value.exact()?,
            pick.unit.as_str(),
            pick.year,
            pick.source.as_str(),
        ))
    }

    /// HHI of world mine production, the lower bound of
    /// [`Self::world_hhi_bounds`].
    pub fn world_mine_hhi(&self, mineral: &str) -> Option<f64> {
        self.world_hhi_bounds(mineral, ProductionKind::Mine)
            .map(|(low, _)| low)
    }

    /// HHI of world refinery production, the lower bound of
    /// [`Self::world_hhi_bounds`].
    pub fn world_refinery_hhi(&self, mineral: &str) -> Option<f64> {
        self.world_hhi_bounds(mineral, ProductionKind::Refinery)
            .map(|(low, _)| low)
    }

    /// HHI (0–10,000) of world production, as (lower, upper) bounds.
    ///
    /// Each country listed has its share of the world total. The rest of
    /// the world, not itemised, is many small producers: for the lower
    /// bound it adds nothing (the limit of splitting it ever finer); for
    /// the upper bound it is split into producers each as large as the
    /// smallest country listed (the source lists the largest, so none of
    /// the rest is larger), which adds at most rest × smallest share.
    /// When the listed shares add up to more than 100 % (a world total
    /// rounded below the sum of its countries), they are scaled to add up
    /// to 100 and there is no rest. `None` without a world total or without
    /// any country.
    pub fn world_hhi_bounds(&self, mineral: &str, kind: ProductionKind) -> Option<(f64, f64)> {
        let p = self.production(mineral, kind);
        let world = p.world.filter(|w| *w > 0.0)?;
        if p.countries.is_empty() {
            return None;
        }
        let mut shares: Vec<f64> = p.countries.iter().map(|(_, v)| v / world * 100.0).collect();
        let listed: f64 = shares.iter().sum();
        if listed > 100.0 {
            shares.iter_mut().for_each(|s| *s *= 100.0 / listed);
        }
        let low: f64 = shares.iter().map(|s| s * s).sum();
        let smallest = shares.iter().copied().fold(f64::INFINITY, f64::min);
        let rest = (100.0 - listed).max(0.0);
        let high = if smallest > 0.0 {
            let whole = (rest / smallest).floor();
            let remainder = rest - whole * smallest;
            low + whole * smallest * smallest + remainder * remainder
        } else {
            low
        };
        Some((low, high))
    }

    fn production(&self, mineral: &str, kind: ProductionKind) -> Production {
        let rows: Vec<&ReferenceFigure> = self
            .figures_for(mineral)
            .into_iter()
            .filter(|f| f.field == kind.field() && f.value.exact().is_some())
            .collect();
        let unit = rows
            .iter()
            .find(|f| !f.is_world())
            .or(rows.first())
            .map(|f| f.unit.clone())
            .unwrap_or_default();
        let mut countries: Vec<(String, f64)> = rows
            .iter()
            .filter(|f| !f.is_world() && f.unit == unit)
            .filter_map(|f| Some((f.country.clone()?, f.value.exact()?)))
            .collect();
        countries.sort_by(|a, b| b.1.total_cmp(&a.1));
        let world = rows
            .iter()
            .filter(|f| f.is_world() && f.unit == unit)
            .filter_map(|f| f.value.exact())
            .reduce(f64::max);
        Production {
            countries,
            world,
            unit,
        }
    }
}

struct Production {
    countries: Vec<(String, f64)>,
    world: Option<f64>,
    unit: String,
}

fn csv_error(e: &csv::Error, fallback_line: u64) -> ReferenceError {
    ReferenceError {
        line: e.position().map_or(fallback_line, |p| p.line()),
        message: match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => format!("expected {expected_len} cells, found {len}"),
            _ => e.to_string(),
        },
    }
}

fn parse_row(record: &csv::StringRecord, line: u64) -> Result<ReferenceFigure, ReferenceError> {
    let err = |message: String| ReferenceError { line, message };
    let cell = |i: usize| record.get(i).unwrap_or("").to_string();
    if record.len() != COLUMNS.len() {
        return Err(err(format!(
            "expected {} cells, found {}",
            COLUMNS.len(),
            record.len()
        )));
    }
    let mineral = cell(0);
    if mineral.is_empty() {
        return Err(err("the mineral is empty".into()));
    }
    let field = Field::from_code(&cell(1)).ok_or_else(|| {
        err(format!(
            "unknown field \"{}\" (expected one of {})",
            cell(1),
            Field::ALL.map(Field::code).join(", ")
        ))
    })?;
    let country = Some(cell(2)).filter(|c| !c.is_empty());
    if country.is_none() && field != Field::Price {
        return Err(err(format!("no country for {}", field.code())));
    }
    let value = FigureValue::parse(&cell(3)).map_err(&err)?;
    if value == FigureValue::NetExporter && field != Field::NetImportReliancePct {
        return Err(err(format!(
            "E (net exporter) is only a value of {}",
            Field::NetImportReliancePct.code()
        )));
    }
    let unit = cell(4);
    if unit.is_empty() {
        return Err(err("the unit is empty".into()));
    }
    let year = DataYear::parse(&cell(5)).map_err(&err)?;
    let source = cell(6);
    if source.is_empty() {
        return Err(err("no source: every figure must name its source".into()));
    }
    Ok(ReferenceFigure {
        mineral,
        field,
        country,
        value,
        unit,
        year,
        source,
        note: cell(7),
        line,
    })
}

/// The key two mineral names are compared by:
///
/// 1. lower case, anything in parentheses dropped (`Rare earths (NdPr
///    oxide)` → `rare earths`, `Graphite (natural flake)` → `graphite`,
///    `titanium (sponge)` → `titanium`, `Cobalt (alloy grade)` →
///    `cobalt`), `-` and `_` read as spaces, spaces collapsed, a final
///    `metal` dropped (`Antimony metal` → `antimony`);
/// 2. a few aliases: `rare earth`, `rare earth elements`, `rare earth
///    oxide(s)`, `REE(s)`, `REO` → `rare earths`; `natural graphite`,
///    `flake graphite`, `natural flake graphite` → `graphite`; `titanium
///    sponge` → `titanium`.
///
/// A name that is empty after step 1 matches nothing.
pub fn mineral_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut plain = String::with_capacity(lower.len());
    let mut depth = 0usize;
    for c in lower.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                plain.push(' ');
            }
            _ if depth > 0 => {}
            '-' | '_' => plain.push(' '),
            c => plain.push(c),
        }
    }
    let mut words: Vec<&str> = plain.split_whitespace().collect();
    if words.len() > 1 && words.last() == Some(&"metal") {
        words.pop();
    }
    let joined = words.join(" ");
    let alias = match joined.as_str() {
        "rare earth"
        | "rare earth elements"
        | "rare earth oxide"
        | "rare earth oxides"
        | "ree"
        | "rees"
        | "reo" => "rare earths",
        "natural graphite" | "flake graphite" | "natural flake graphite" => "graphite",
        "titanium sponge" => "titanium",
        _ => return joined,
    };
    alias.to_string()
}

/// Whether two names denote the same mineral ([`mineral_key`]).
pub fn same_mineral(a: &str, b: &str) -> bool {
    let key = mineral_key(a);
    !key.is_empty() && key == mineral_key(b)
}

/// The key two country names are compared by: lower case, spaces
/// collapsed, then the spellings of the table (USGS's) for common other
/// ones: `DRC`, `DR Congo`, `Democratic Republic of the Congo` →
/// `congo (kinshasa)`; `South Korea`, `Republic of Korea` → `korea,
/// republic of`; `North Korea` → `korea, north`; `Myanmar` → `burma`;
/// `US`, `USA`, `United States of America` → `united states`; `Russian
/// Federation` → `russia`; `Türkiye` → `turkey`. When the whole name is not
/// a country, the part before a parenthesis is tried (`Canada (Teck)` →
/// `canada`).
pub fn country_key(name: &str) -> String {
    fn alias(name: &str) -> Option<&'static str> {
        Some(match name {
            "drc"
            | "d.r. congo"
            | "dr congo"
            | "democratic republic of the congo"
            | "democratic republic of congo"
            | "congo (kinshasa)"
            | "congo kinshasa"
            | "congo-kinshasa" => "congo (kinshasa)",
            "south korea" | "korea, south" | "republic of korea" | "korea, republic of" => {
                "korea, republic of"
            }
            "north korea" | "korea, north" => "korea, north",
            "myanmar" | "burma" => "burma",
            "us" | "u.s." | "usa" | "u.s.a." | "united states" | "united states of america" => {
                "united states"
            }
            "russian federation" | "russia" => "russia",
            "türkiye" | "turkiye" | "turkey" => "turkey",
            _ => return None,
        })
    }
    let norm = |s: &str| {
        s.to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let full = norm(name);
    if let Some(a) = alias(&full) {
        return a.to_string();
    }
    match full.split_once('(') {
        Some((before, _)) if !before.trim().is_empty() => {
            let before = norm(before);
            alias(&before).map_or(before, str::to_string)
        }
        _ => full,
    }
}

/// Whether two names denote the same country ([`country_key`]).
pub fn same_country(a: &str, b: &str) -> bool {
    let key = country_key(a);
    !key.is_empty() && key == country_key(b)
}

/// Herfindahl–Hirschman index on 0–10,000: the sum of the squared percent
/// shares. Shares that do not add up to 100 are first scaled so that they
/// do (HHI = 10,000 × Σ sᵢ² ÷ (Σ sᵢ)²). Negative, NaN and infinite shares
/// count as 0; with no positive share the index is 0.
pub fn hhi(shares_pct: &[f64]) -> f64 {
    let clean = |s: f64| if s.is_finite() && s > 0.0 { s } else { 0.0 };
    let max = shares_pct.iter().copied().map(clean).fold(0.0, f64::max);
    if max <= 0.0 {
        return 0.0;
    }
    // Scale huge shares down so that their squares stay finite.
    let scale = if max > 1e100 { max } else { 1.0 };
    let (sum, sum_sq) = shares_pct
        .iter()
        .map(|&s| clean(s) / scale)
        .fold((0.0, 0.0), |(sum, sq), s| (sum + s, sq + s * s));
    10_000.0 * sum_sq / (sum * sum)
}

/// How concentrated a market is, by the HHI thresholds of the US DOJ/FTC
/// Horizontal Merger Guidelines (2010).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Concentration {
    /// HHI below 1,500.
    Unconcentrated,
    /// HHI from 1,500 to 2,500 (both included).
    Moderate,
    /// HHI above 2,500.
    High,
}

impl Concentration {
    pub fn of(hhi: f64) -> Concentration {
        if hhi > 2_500.0 {
            Concentration::High
        } else if hhi >= 1_500.0 {
            Concentration::Moderate
        } else {
            Concentration::Unconcentrated
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Concentration::Unconcentrated => "unconcentrated",
            Concentration::Moderate => "moderately concentrated",
            Concentration::High => "highly concentrated",
        }
    }
}

/// HHI of the suppliers a mineral is bought from, from their shares (see
/// [`hhi`]). Suppliers with the same name (ignoring case and surrounding
/// spaces) count as one. A supplier line that stands for several producers
/// ("Other (TR, BO, AU)") counts as one, so the index can overstate
/// concentration; where the suppliers' own feed comes from is not counted.
pub fn supplier_hhi(mineral: &Mineral) -> f64 {
    let mut merged: Vec<(String, f64)> = Vec::new();
    for s in &mineral.suppliers {
        let key = s.name.trim().to_lowercase();
        let share = if s.share_pct.is_finite() && s.share_pct > 0.0 {
            s.share_pct
        } else {
            0.0
        };
        match merged.iter_mut().find(|(k, _)| *k == key) {
            Some((_, total)) => *total += share,
            None => merged.push((key, share)),
        }
    }
    hhi(&merged.iter().map(|(_, s)| *s).collect::<Vec<_>>())
}

/// Whether a supplier's name says it is in China: ignoring case and
/// surrounding spaces, the name is `China`, starts with `China` followed by
/// something other than a letter or digit (`China (refined)`, `China
/// Minmetals`, not `Chinalco`), or contains `(CN)`.
pub fn is_china_supplier(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    let after_china = lower
        .strip_prefix("china")
        .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric));
    after_china || lower.contains("(cn)")
}

/// The share of a mineral's purchases placed directly with suppliers in
/// China ([`is_china_supplier`]), % of the total share (the same as the
/// sum of their shares when the shares add up to 100, as in a valid
/// scenario). It counts the supplier contracted with only: a refiner
/// elsewhere that processes Chinese ore or intermediates counts as not
/// Chinese. 0 with no positive share.
pub fn share_from_china_pct(mineral: &Mineral) -> f64 {
    let clean = |s: f64| if s.is_finite() && s > 0.0 { s } else { 0.0 };
    let total: f64 = mineral.suppliers.iter().map(|s| clean(s.share_pct)).sum();
    if !(total > 0.0 && total.is_finite()) {
        return 0.0;
    }
    // A fold from +0.0: an empty f64 `sum` is -0.0, printed "-0.0%".
    let china = mineral
        .suppliers
        .iter()
        .filter(|s| is_china_supplier(&s.name))
        .map(|s| clean(s.share_pct))
        .fold(0.0, |a, b| a + b);
    100.0 * china / total
}

/// The name planners use for a country USGS names otherwise ("Congo
/// (Kinshasa)" is the DRC), so that a feed filled from the table and an
/// event typed as "DRC" name the same origin.
pub fn common_country_name(usgs: &str) -> String {
    match usgs.trim() {
        "Congo (Kinshasa)" => "DRC".into(),
        "Congo (Brazzaville)" => "Republic of the Congo".into(),
        "Burma" => "Myanmar".into(),
        "Korea, Republic of" => "South Korea".into(),
        "Korea, North" => "North Korea".into(),
        other => other.to_string(),
    }
}

/// World production of `mineral` as feed shares, percent of the world
/// total: the countries the table lists (mine production, or refinery
/// production where only that is published), largest first, and "Rest of
/// world" for what they leave out. Shares are rounded to 0.1 % and the
/// rest absorbs the rounding, so they add up to exactly 100. Empty when
/// the table has no production by country for the mineral.
pub fn world_feed(table: &ReferenceTable, mineral: &str) -> Vec<super::scenario::FeedShare> {
    let kind = [ProductionKind::Mine, ProductionKind::Refinery]
        .into_iter()
        .find(|&k| !table.production_by_country(mineral, k).is_empty());
    let Some(kind) = kind else {
        return Vec::new();
    };
    let countries = table.production_by_country(mineral, kind);
    let listed: f64 = countries.iter().map(|(_, v)| v).sum();
    let world = table
        .world_production(mineral, kind)
        .map_or(listed, |(w, _)| w.max(listed));
    if world <= 0.0 {
        return Vec::new();
    }
    let mut feed: Vec<super::scenario::FeedShare> = countries
        .into_iter()
        .map(|(origin, v)| {
            super::scenario::FeedShare::new(
                common_country_name(&origin),
                (v / world * 1000.0).round() / 10.0,
            )
        })
        .filter(|f| f.share_pct > 0.0)
        .collect();
    let given: f64 = feed.iter().map(|f| f.share_pct).sum();
    let rest = ((100.0 - given) * 10.0).round() / 10.0;
    if rest > 0.0 {
        feed.push(super::scenario::FeedShare::new("Rest of world", rest));
    } else if rest < 0.0 {
        // Rounded up past 100: the largest share gives the excess back.
        feed[0].share_pct = ((feed[0].share_pct + rest) * 10.0).round() / 10.0;
    }
    feed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_years_parse() {
        assert_eq!(FigureValue::parse(">50"), Ok(FigureValue::MoreThan(50.0)));
        assert_eq!(FigureValue::parse("<25"), Ok(FigureValue::LessThan(25.0)));
        assert_eq!(
            FigureValue::parse("around 20"),
            Ok(FigureValue::About(20.0))
        );
        assert_eq!(FigureValue::parse("E"), Ok(FigureValue::NetExporter));
        assert_eq!(FigureValue::parse("9.50"), Ok(FigureValue::Exact(9.5)));
        assert!(FigureValue::parse("1,000").is_err());
        assert!(FigureValue::parse("-3").is_err());
        assert!(FigureValue::parse("NaN").is_err());
        assert_eq!(
            DataYear::parse("2024-11"),
            Ok(DataYear {
                year: 2024,
                month: Some(11)
            })
        );
        assert!(DataYear::parse("n.s.").is_err());
        assert!(DataYear::parse("2024-13").is_err());
        assert!(DataYear::parse("").is_err());
    }

    #[test]
    fn names_match_through_parentheses_and_aliases() {
        assert!(same_mineral(
            "Rare earths (NdPr oxide)",
            "rare earths (REO)"
        ));
        assert!(same_mineral(
            "Graphite (natural flake)",
            "graphite (natural)"
        ));
        assert!(same_mineral("Titanium sponge", "titanium (sponge)"));
        assert!(same_mineral("Antimony metal", "antimony"));
        assert!(!same_mineral("Cobalt", "Copper"));
        assert!(!same_mineral("(x)", "(y)"));
        assert!(same_country("DRC", "Congo (Kinshasa)"));
        assert!(same_country("South Korea", "Korea, Republic of"));
        assert!(same_country("Canada (Teck)", "Canada"));
        assert!(!same_country("North Korea", "South Korea"));
    }

    #[test]
    fn hhi_survives_odd_shares() {
        assert_eq!(hhi(&[]), 0.0);
        assert_eq!(hhi(&[0.0, -5.0, f64::NAN]), 0.0);
        assert_eq!(hhi(&[50.0, 50.0]), 5_000.0);
        assert_eq!(hhi(&[1.0, 1.0]), 5_000.0);
        assert!((hhi(&[f64::MAX, f64::MAX]) - 5_000.0).abs() < 1e-9);
        assert_eq!(Concentration::of(1_500.0), Concentration::Moderate);
        assert_eq!(Concentration::of(2_500.0), Concentration::Moderate);
        assert_eq!(Concentration::of(2_500.1), Concentration::High);
        assert_eq!(Concentration::of(1_499.9), Concentration::Unconcentrated);
    }

    #[test]
    fn china_is_recognised_by_name() {
        assert!(is_china_supplier("China"));
        assert!(is_china_supplier(" china (refined)"));
        assert!(is_china_supplier("China Minmetals"));
        assert!(is_china_supplier("Jiangxi Tungsten (CN)"));
        assert!(!is_china_supplier("Chinalco"));
        assert!(!is_china_supplier("Allied refiners"));
        assert!(!is_china_supplier("Japan (recycled from China)"));
    }
}
