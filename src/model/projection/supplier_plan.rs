//! What the events do to each supplier of a mineral: its fixed terms and
//! the events that hit it ([`SupplierPlan`]), and from them its
//! [`Conditions`] in any month (price factor, open fraction, quota, extra
//! lead time).

use crate::model::disruption::{Disruption, DisruptionKind};
use crate::model::month::YearMonth;
use crate::model::scenario::{InTransitOnBan, Settings, Supplier};

/// A disruption as it acts on one supplier: in force over months
/// `first..=last` (1-based scenario months).
pub(super) struct SupplierEvent<'a> {
    pub(super) first: i64,
    pub(super) last: i64,
    pub(super) kind: &'a DisruptionKind,
}

/// A supplier's terms, fixed for the projection of one mineral.
pub(super) struct SupplierPlan<'a> {
    pub(super) fraction: f64,
    pub(super) lead_months: usize,
    pub(super) events: Vec<SupplierEvent<'a>>,
    /// Followed order by order rather than pooled: under an export quota
    /// (what is left of it depends on this year's orders), or under a ban
    /// that loses the orders in transit.
    pub(super) tracked: bool,
}

impl<'a> SupplierPlan<'a> {
    /// `hits` indexes the events in `events` that hit this supplier.
    pub(super) fn new(
        supplier: &Supplier,
        events: &[&'a Disruption],
        hits: &[usize],
        start: YearMonth,
        settings: &Settings,
    ) -> Self {
        let events: Vec<SupplierEvent> = hits
            .iter()
            .map(|&e| {
                let (first, last) = events[e].month_range(start);
                SupplierEvent {
                    first,
                    last,
                    kind: &events[e].kind,
                }
            })
            .collect();
        let lose_on_ban = settings.in_transit_on_ban == InTransitOnBan::Lost;
        let tracked = events.iter().any(|e| match e.kind {
            DisruptionKind::ExportQuotaQty(_) => true,
            DisruptionKind::ExportBan => lose_on_ban,
            _ => false,
        });
        SupplierPlan {
            fraction: supplier.share_pct / 100.0,
            lead_months: supplier.lead_time_months.min(10_000) as usize,
            events,
            tracked,
        }
    }
}

/// A supplier's conditions in one month, from the events in force.
#[derive(Clone, Copy)]
pub(super) struct Conditions {
    /// Multiplies the market price: tariffs and price shocks.
    pub(super) price_factor: f64,
    /// Share of orders allowed out: 0 under a ban.
    pub(super) open_fraction: f64,
    /// Export quota per plan year, if any.
    pub(super) quota_qty_per_year: Option<f64>,
    pub(super) extra_lead_months: usize,
}

pub(super) const NORMAL: Conditions = Conditions {
    price_factor: 1.0,
    open_fraction: 1.0,
    quota_qty_per_year: None,
    extra_lead_months: 0,
};

impl SupplierPlan<'_> {
    pub(super) fn conditions(&self, month: i64) -> Conditions {
        let mut c = NORMAL;
        for e in &self.events {
            if month < e.first || month > e.last {
                continue;
            }
            match *e.kind {
                DisruptionKind::ExportBan => c.open_fraction = 0.0,
                DisruptionKind::ExportQuotaQty(q) => {
                    let q = q.max(0.0);
                    c.quota_qty_per_year = Some(c.quota_qty_per_year.map_or(q, |old| old.min(q)));
                }
                DisruptionKind::ExportCutPct(p) => {
                    c.open_fraction *= 1.0 - (p / 100.0).clamp(0.0, 1.0)
                }
                DisruptionKind::LicensingDelay {
                    extra_lead_time_months,
                    refused_pct,
                } => {
                    c.extra_lead_months += extra_lead_time_months.min(1_000) as usize;
                    c.open_fraction *= 1.0 - (refused_pct / 100.0).clamp(0.0, 1.0);
                }
                DisruptionKind::TariffPct(p) | DisruptionKind::PriceShockPct(p) => {
                    c.price_factor *= (1.0 + p / 100.0).max(0.0);
                }
            }
        }
        c
    }

    /// Whether a ban on this supplier is in force in some month of
    /// `from..=to`.
    #[inline]
    pub(super) fn banned_during(&self, from: i64, to: i64) -> bool {
        self.events
            .iter()
            .any(|e| matches!(e.kind, DisruptionKind::ExportBan) && e.first <= to && e.last >= from)
    }
}

/// Dollars that may still go to a supplier this month under its quota.
#[inline]
pub(super) fn quota_room_usd(c: Conditions, ordered_this_year_qty: f64, price: f64) -> f64 {
    match c.quota_qty_per_year {
        Some(q) => (q - ordered_this_year_qty).max(0.0) * price,
        None => f64::INFINITY,
    }
}
