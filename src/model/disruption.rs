//! Disruptions: export bans, export quotas, licensing delays, tariffs and
//! price shocks, each hitting some suppliers and minerals over a window of
//! months. See `docs/MODEL.md` for how each one changes the projection.

use super::month::YearMonth;
use super::uncertainty::MonthRange;
use serde::{Deserialize, Serialize};

/// One event on the scenario's timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disruption {
    pub name: String,
    /// Source and assumptions.
    #[serde(default)]
    pub notes: String,
    /// Disabled events are kept but ignored, to compare with and without.
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    pub kind: DisruptionKind,
    /// What the event hits, as `target` says: a supplier's name, a country
    /// of supply or a feed origin, matched as whole words, ignoring case
    /// ("China" hits "China" and "China (refined)"). Empty: every supplier.
    /// Price shocks on [`EventTarget::Supplier`] ignore it (they move the
    /// market price).
    #[serde(default)]
    pub supplier: String,
    /// How `supplier` is matched. Default [`EventTarget::Supplier`], the
    /// meaning of files written before it existed; not written when it is
    /// the default.
    #[serde(default, skip_serializing_if = "EventTarget::is_supplier")]
    pub target: EventTarget,
    /// Minerals hit, matched like `supplier`. Empty: every mineral.
    #[serde(default)]
    pub minerals: Vec<String>,
    /// First month the event is in force.
    pub start: YearMonth,
    /// Last month in force (inclusive); `None`: until the end of the horizon.
    #[serde(default)]
    pub end: Option<YearMonth>,
    /// Price response: orders that this event blocks (a ban, cut, refusal
    /// or quota) and that are re-sourced to other suppliers pay this % more
    /// (e.g. 150 for ex-China germanium). See "Price response" in
    /// `docs/MODEL.md`. Default 0; not written when 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub resourcing_premium_pct: f64,
    /// World price response: while the event is in force, the market price
    /// of the minerals it hits moves by this % for every supplier, whether
    /// the event blocks it or not (a dominant producer's ban raises the
    /// price that buyers elsewhere pay: antimony in Rotterdam went from
    /// about $40,000/t to about $60,000/t after China's ban of December
    /// 2024). See "World price response" in `docs/MODEL.md`. Default 0;
    /// not written when 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub world_price_pct: f64,
    /// The chance that it happens, %, for the Monte Carlo run (see
    /// "Uncertainty" in `docs/MODEL.md`); the projection itself shows it
    /// happening. Default 100; not written when 100.
    #[serde(default = "certain", skip_serializing_if = "is_certain")]
    pub probability_pct: f64,
    /// 90 % interval of the start month, for the Monte Carlo run; a sample
    /// moves the whole window (the end too). `None`: it starts at `start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_range: Option<MonthRange>,
}

impl Disruption {
    /// An enabled, certain event of `kind` on `supplier` (matched as a
    /// supplier's name; empty: every supplier) for every mineral, in force
    /// from `start` to the end of the horizon, without notes or premium.
    /// Set the other fields with struct update syntax.
    pub fn new(name: &str, kind: DisruptionKind, supplier: &str, start: YearMonth) -> Self {
        Disruption {
            name: name.into(),
            notes: String::new(),
            enabled: true,
            kind,
            supplier: supplier.into(),
            target: EventTarget::Supplier,
            minerals: Vec::new(),
            start,
            end: None,
            resourcing_premium_pct: 0.0,
            world_price_pct: 0.0,
            probability_pct: 100.0,
            start_range: None,
        }
    }
}

fn certain() -> f64 {
    100.0
}

fn is_certain(value: &f64) -> bool {
    *value == 100.0
}

fn is_zero(value: &f64) -> bool {
    *value == 0.0
}

fn enabled_by_default() -> bool {
    true
}

/// Which suppliers an event's `supplier` text picks out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum EventTarget {
    /// Suppliers whose name matches (the meaning before targets existed).
    #[default]
    Supplier,
    /// Suppliers whose `country` matches (or whose name does, when no
    /// country is given): every refiner or seller in that country of
    /// supply, wherever its feed comes from.
    Country,
    /// A feed origin: each supplier is hit for the share of its feed from
    /// origins that match (a supplier without a feed list counts its
    /// country, or its name, as its one origin at 100 %).
    FeedOrigin,
}

impl EventTarget {
    pub const ALL: [EventTarget; 3] = [
        EventTarget::Supplier,
        EventTarget::Country,
        EventTarget::FeedOrigin,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EventTarget::Supplier => "Supplier",
            EventTarget::Country => "Country of supply",
            EventTarget::FeedOrigin => "Feed origin",
        }
    }

    /// Whether it is the default, [`EventTarget::Supplier`].
    pub fn is_supplier(&self) -> bool {
        *self == EventTarget::Supplier
    }
}

/// What an event does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DisruptionKind {
    /// No new orders from the supplier; orders in transit follow the
    /// scenario's `in_transit_on_ban` setting.
    ExportBan,
    /// The supplier may export at most this quantity per plan year.
    ExportQuotaQty(f64),
    /// The supplier's exports are cut by this %.
    ExportCutPct(f64),
    /// Extra months of lead time, and a % of orders refused.
    LicensingDelay {
        extra_lead_time_months: u32,
        refused_pct: f64,
    },
    /// A % added to the price paid to the supplier.
    TariffPct(f64),
    /// A % change in the mineral's market price (all suppliers).
    PriceShockPct(f64),
}

impl DisruptionKind {
    pub fn label(&self) -> &'static str {
        match self {
            DisruptionKind::ExportBan => "Export ban",
            DisruptionKind::ExportQuotaQty(_) => "Export quota (quantity)",
            DisruptionKind::ExportCutPct(_) => "Export quota (% cut)",
            DisruptionKind::LicensingDelay { .. } => "Licensing delay",
            DisruptionKind::TariffPct(_) => "Tariff",
            DisruptionKind::PriceShockPct(_) => "Price shock",
        }
    }

    /// One line for lists: "Tariff +100%".
    pub fn summary(&self) -> String {
        match self {
            DisruptionKind::ExportBan => "Export ban".into(),
            DisruptionKind::ExportQuotaQty(q) => format!("Export quota {q} per year"),
            DisruptionKind::ExportCutPct(p) => format!("Exports cut {p}%"),
            DisruptionKind::LicensingDelay {
                extra_lead_time_months,
                refused_pct,
            } => format!("Licensing +{extra_lead_time_months} mo, {refused_pct}% refused"),
            DisruptionKind::TariffPct(p) => format!("Tariff +{p}%"),
            DisruptionKind::PriceShockPct(p) => format!("Price shock {p:+}%"),
        }
    }

    /// Every kind with typical values, for pickers.
    pub fn examples() -> [DisruptionKind; 6] {
        [
            DisruptionKind::ExportBan,
            DisruptionKind::ExportQuotaQty(1000.0),
            DisruptionKind::ExportCutPct(50.0),
            DisruptionKind::LicensingDelay {
                extra_lead_time_months: 2,
                refused_pct: 20.0,
            },
            DisruptionKind::TariffPct(25.0),
            DisruptionKind::PriceShockPct(50.0),
        ]
    }
}

/// Whether `target` names `name`: equal, or a run of whole words in it,
/// ignoring case and punctuation.
pub fn names_match(target: &str, name: &str) -> bool {
    normalized_names_match(&normalize_name(target), &normalize_name(name))
}

/// A name as lowercase words separated by single spaces: "China (refined)"
/// becomes "china refined".
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// [`names_match`] on names already passed through [`normalize_name`]: the
/// target must appear in the name starting and ending at word boundaries.
pub fn normalized_names_match(target: &str, name: &str) -> bool {
    if target.is_empty() {
        return false;
    }
    let bytes = name.as_bytes();
    // Words start at 0 and after each space.
    let word_starts = std::iter::once(0).chain(
        bytes
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b' ')
            .map(|(i, _)| i + 1),
    );
    word_starts
        .take_while(|&at| at + target.len() <= bytes.len())
        .any(|at| {
            let end = at + target.len();
            &bytes[at..end] == target.as_bytes() && (end == bytes.len() || bytes[end] == b' ')
        })
}

/// An enabled event with its target names normalized once, for matching it
/// against many minerals and suppliers in one projection.
pub(crate) struct EventTargets<'a> {
    pub event: &'a Disruption,
    /// Empty: every mineral.
    minerals: Vec<String>,
    /// `None`: every supplier.
    supplier: Option<String>,
}

impl<'a> EventTargets<'a> {
    pub fn new(event: &'a Disruption) -> Self {
        EventTargets {
            event,
            minerals: event.minerals.iter().map(|m| normalize_name(m)).collect(),
            supplier: (!event.hits_every_supplier()).then(|| normalize_name(&event.supplier)),
        }
    }

    /// Like [`Disruption::hits_mineral`], for a normalized name.
    pub fn hits_mineral(&self, normalized_name: &str) -> bool {
        self.event.enabled
            && (self.minerals.is_empty()
                || self
                    .minerals
                    .iter()
                    .any(|t| normalized_names_match(t, normalized_name)))
    }

    /// Whether its target text matches a normalized name (a supplier's
    /// name, country or feed origin, as the target says); always when it
    /// hits every supplier.
    pub fn matches(&self, normalized_name: &str) -> bool {
        self.supplier
            .as_deref()
            .is_none_or(|t| normalized_names_match(t, normalized_name))
    }

    /// Whether it hits every supplier (no target text, or a market-wide
    /// price shock).
    pub fn hits_every_supplier(&self) -> bool {
        self.supplier.is_none()
    }
}

impl Disruption {
    /// Whether it can block orders (a ban, quota, cut or refusal), so that
    /// its `resourcing_premium_pct` can apply.
    pub fn blocks_orders(&self) -> bool {
        match self.kind {
            DisruptionKind::ExportBan
            | DisruptionKind::ExportQuotaQty(_)
            | DisruptionKind::ExportCutPct(_) => true,
            DisruptionKind::LicensingDelay { refused_pct, .. } => refused_pct > 0.0,
            DisruptionKind::TariffPct(_) | DisruptionKind::PriceShockPct(_) => false,
        }
    }

    /// The factor (≥ 1) on the price of orders re-sourced away from it:
    /// 1 + premium/100 for an event that can block orders, else 1. A
    /// negative or non-finite premium counts as 0 (validation flags it).
    pub fn resourcing_price_factor(&self) -> f64 {
        let p = self.resourcing_premium_pct;
        if self.blocks_orders() && p.is_finite() && p > 0.0 {
            1.0 + p.min(1e9) / 100.0
        } else {
            1.0
        }
    }

    /// Whether the event hits mineral `name` (and is enabled).
    pub fn hits_mineral(&self, name: &str) -> bool {
        self.enabled
            && (self.minerals.is_empty() || self.minerals.iter().any(|m| names_match(m, name)))
    }

    /// Whether it hits every supplier in full: no target text, or a price
    /// shock on [`EventTarget::Supplier`] (a market-wide price change).
    pub fn hits_every_supplier(&self) -> bool {
        self.supplier.trim().is_empty() || self.is_market_price_shock()
    }

    /// Whether it moves the world price of its minerals: a market-wide price
    /// shock, or any event with a [`Self::world_price_pct`].
    pub fn moves_world_price(&self) -> bool {
        self.is_market_price_shock() || self.world_price_pct != 0.0
    }

    /// A price shock on the whole market (target [`EventTarget::Supplier`]
    /// or no target text), as opposed to one on a country or feed origin.
    pub fn is_market_price_shock(&self) -> bool {
        matches!(self.kind, DisruptionKind::PriceShockPct(_))
            && (self.target == EventTarget::Supplier || self.supplier.trim().is_empty())
    }

    /// First and last scenario month (1-based, inclusive) the event is in
    /// force, for a scenario starting in `start`. May fall outside 1..=H.
    pub fn month_range(&self, start: YearMonth) -> (i64, i64) {
        let first = start.months_until(self.start);
        let last = self.end.map_or(i64::MAX, |e| start.months_until(e));
        (first, last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_whole_words() {
        assert!(names_match("China", "China"));
        assert!(names_match("china", "China (refined)"));
        assert!(names_match("Rare earths", "Rare earths (NdPr oxide)"));
        assert!(!names_match("CA", "Allied refiners (FI, NO)"));
        assert!(!names_match("Chin", "China"));
        assert!(!names_match("", "China"));
        // Outside ASCII, case is folded per character.
        assert!(names_match("ÉTAIN", "Étain (Bolivie)"));
        assert!(!names_match("Étai", "Étain"));
        // A failed match inside a word does not hide a later whole-word one.
        assert!(names_match("ab ab", "xab ab ab"));
        assert!(names_match("DRC", "Cobalt (DRC)"));
        assert!(!names_match("DRC", "DRCongo"));
    }
}
