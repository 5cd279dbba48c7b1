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
/// ignoring case and punctuation. Allocation-free: it runs for every event,
/// mineral and supplier on every projection.
pub fn names_match(target: &str, name: &str) -> bool {
    fn words(s: &str) -> impl Iterator<Item = &str> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    }
    fn same(a: &str, b: &str) -> bool {
        a.len() == b.len() && a.eq_ignore_ascii_case(b)
            || a.chars()
                .flat_map(char::to_lowercase)
                .eq(b.chars().flat_map(char::to_lowercase))
    }
    let target_len = words(target).count();
    if target_len == 0 {
        return false;
    }
    let name_len = words(name).count();
    (0..(name_len + 1).saturating_sub(target_len)).any(|skip| {
        words(name)
            .skip(skip)
            .zip(words(target))
            .all(|(a, b)| same(a, b))
    })
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
    }
}
