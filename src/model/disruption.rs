//! Disruptions: export bans, export quotas, licensing delays, tariffs and
//! price shocks, each hitting some suppliers and minerals over a window of
//! months. See `docs/MODEL.md` for how each one changes the projection.

use super::month::YearMonth;
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
    /// Supplier or country hit, matched against supplier names as whole
    /// words, ignoring case ("China" hits "China" and "China (refined)").
    /// Empty: every supplier. Price shocks ignore it.
    #[serde(default)]
    pub supplier: String,
    /// Minerals hit, matched like `supplier`. Empty: every mineral.
    #[serde(default)]
    pub minerals: Vec<String>,
    /// First month the event is in force.
    pub start: YearMonth,
    /// Last month in force (inclusive); `None`: until the end of the horizon.
    #[serde(default)]
    pub end: Option<YearMonth>,
}

fn enabled_by_default() -> bool {
    true
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
        let every_supplier = matches!(event.kind, DisruptionKind::PriceShockPct(_))
            || event.supplier.trim().is_empty();
        EventTargets {
            event,
            minerals: event.minerals.iter().map(|m| normalize_name(m)).collect(),
            supplier: (!every_supplier).then(|| normalize_name(&event.supplier)),
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

    /// Like [`Disruption::hits_supplier`], for a normalized name.
    pub fn hits_supplier(&self, normalized_name: &str) -> bool {
        self.supplier
            .as_deref()
            .is_none_or(|t| normalized_names_match(t, normalized_name))
    }
}

impl Disruption {
    /// Whether the event hits mineral `name` (and is enabled).
    pub fn hits_mineral(&self, name: &str) -> bool {
        self.enabled
            && (self.minerals.is_empty() || self.minerals.iter().any(|m| names_match(m, name)))
    }

    /// Whether the event hits supplier `name` (price shocks hit all).
    pub fn hits_supplier(&self, name: &str) -> bool {
        matches!(self.kind, DisruptionKind::PriceShockPct(_))
            || self.supplier.trim().is_empty()
            || names_match(&self.supplier, name)
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
