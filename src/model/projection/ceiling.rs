//! The purchase ceiling within a month: it holds back money before it is
//! placed, rather than scaling every order down alike, so that no order
//! shrinks when more money comes (docs/MODEL.md, "Annual limits are
//! paced").

/// The most money, at most `available`, whose orders `qty_of(money)` fit
/// in `room`, given that `qty_of(available) > room`. `qty_of` grows with
/// the money and is piecewise linear (suppliers fill their capacities and
/// quotas one after another). Newton steps from below on the slope just
/// above the point land on the answer once it is on the right piece: one
/// step when nothing fills up (the plain scaling), one more per supplier
/// that fills up on the way. Where a re-sourced dollar buys more than
/// before (the curve bends up), a step can pass the answer: the bracket
/// then shrinks by halving until Newton lands again.
pub(super) fn most_money_within(
    available: f64,
    room: f64,
    mut qty_of: impl FnMut(f64) -> f64,
) -> f64 {
    if room.is_nan() || room <= 0.0 || available <= 0.0 {
        return 0.0;
    }
    let close = |qty: f64| (qty - room).abs() <= room * 1e-13;
    let (mut lo, mut qty_lo) = (0.0, 0.0);
    let mut hi = available;
    for _ in 0..200 {
        // The slope just above `lo`, over a step small beside the bracket.
        let step = (hi - lo) * 1e-7;
        let slope = (qty_of(lo + step) - qty_lo) / step;
        let newton = lo + (room - qty_lo) / slope;
        let money = if slope > 0.0 && newton > lo && newton < hi {
            newton
        } else {
            0.5 * (lo + hi)
        };
        let qty = qty_of(money);
        if close(qty) {
            return money;
        }
        if qty < room {
            (lo, qty_lo) = (money, qty);
        } else {
            hi = money;
        }
        if hi - lo <= hi * 1e-15 {
            break;
        }
    }
    lo
}

/// What may still be ordered before what is held and on its way reaches
/// the requirement (setting `stop_at_requirement`): the requirement less
/// the opening inventory and what was ordered and not lost in transit; no
/// limit with the setting off (or a requirement that is not a number).
#[inline]
pub(super) fn requirement_room_qty(stop: bool, to_buy_qty: f64, ordered_net_qty: f64) -> f64 {
    if stop && !to_buy_qty.is_nan() {
        (to_buy_qty - ordered_net_qty).max(0.0)
    } else {
        f64::INFINITY
    }
}

/// Whether the requirement, not the ceiling, holds the month back: its
/// room is the smaller by more than rounding (where both are the same the
/// ceiling binds anyway, and the money is money that cannot be spent).
#[inline]
pub(super) fn requirement_binds(requirement_room_qty: f64, ceiling_room_qty: f64) -> bool {
    requirement_room_qty < ceiling_room_qty * (1.0 - 1e-9)
}

/// The money left because ordering stopped at the requirement, kept month
/// by month: with carry-over the money held back goes on to the next month,
/// so what is not needed is what the last month still held back for the
/// requirement; without it, each month's held-back money is gone and adds up.
#[derive(Default)]
pub(super) struct NotNeeded {
    total_usd: f64,
    carried_usd: f64,
}

impl NotNeeded {
    /// A month ends: `held_usd` was held back for the requirement this
    /// month (0 when the requirement did not bind), `carried_usd` goes on
    /// to the next month.
    #[inline]
    pub(super) fn month(&mut self, held_usd: f64, carry_over: bool, carried_usd: f64) {
        if carry_over {
            self.carried_usd = if held_usd > 0.0 { carried_usd } else { 0.0 };
        } else {
            self.total_usd += held_usd;
        }
    }

    pub(super) fn usd(&self) -> f64 {
        self.total_usd + self.carried_usd
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_money_that_fills_the_room() {
        // Linear: one Newton step, the scaling (two calls: the slope and
        // the check).
        let mut calls = 0;
        let money = most_money_within(1000.0, 6.0, |m| {
            calls += 1;
            m / 100.0
        });
        assert!((money - 600.0).abs() < 1e-9);
        assert_eq!(calls, 2);
        // A supplier that fills up at 3 t (half the money), the other
        // taking its half: 1 t per $100 up to $600 (6 t), then 0.5 t per $100.
        let qty = |m: f64| (m / 200.0).min(3.0) + m / 200.0;
        let money = most_money_within(10_000.0, 6.0, qty);
        assert!((qty(money) - 6.0).abs() < 1e-9, "{money}");
        assert!((money - 600.0).abs() < 1e-6, "{money}");
        let money = most_money_within(10_000.0, 4.5, qty);
        assert!((money - 450.0).abs() < 1e-6, "{money}");
        let money = most_money_within(10_000.0, 7.5, qty);
        assert!((money - 900.0).abs() < 1e-6, "{money}");
        // A curve that bends up (a dearer supplier fills up and its money
        // goes to a cheaper one): still found.
        let bends_up = |m: f64| (m / 400.0).min(1.0) + m / 200.0 + (m / 400.0 - 1.0).max(0.0) * 2.0;
        let money = most_money_within(10_000.0, 10.0, bends_up);
        assert!((bends_up(money) - 10.0).abs() < 1e-9, "{money}");
        // No room: nothing.
        assert_eq!(most_money_within(10.0, 0.0, |m| m), 0.0);
        assert_eq!(most_money_within(10.0, f64::NAN, |m| m), 0.0);
    }
}
