//! Labelled form rows with the problems of their field shown underneath, in
//! words, and the typed fields of the editors (money, quantities, percents,
//! months), each with the stable id of the path it edits.

use super::field::{NumberField, parse_number, parse_usd, parse_whole, typing_error};
use crate::display::{grouped, usd_short};
use crate::model::{Problem, Range};
use crate::ui::palette;
use egui::{Id, Response, Ui};

/// Rows of a two-column grid: a label, a field, and under it every problem
/// of the field's path and anything typed that could not be taken.
pub struct Form<'a> {
    pub problems: &'a [Problem],
}

impl<'a> Form<'a> {
    pub fn new(problems: &'a [Problem]) -> Self {
        Self { problems }
    }

    /// One row: `label` on the left, the widget from `add` on the right, and
    /// under it the problems of `path`. `add` gets the label's id (for
    /// `labelled_by`).
    pub fn row(
        &self,
        ui: &mut Ui,
        label: &str,
        path: &str,
        add: impl FnOnce(&mut Ui, Id) -> Response,
    ) -> Response {
        let label_response = ui.label(label);
        let response = ui.horizontal(|ui| add(ui, label_response.id)).inner;
        ui.end_row();
        let typed = typing_error(ui.ctx(), response.id).or_else(|| range_note(ui.ctx(), path));
        self.problems_row(ui, path, typed.as_deref());
        response
    }

    /// Problems for `path` (and `typed`, what could not be taken from the
    /// keyboard) as a row of their own under the field.
    ///
    /// What the pointer is over never moves: while the pointer is below
    /// the field in the same panel (on its way to another field), a new
    /// message floats over the rows below instead of pushing them down, and
    /// a message that goes away leaves its line blank; the rows settle once
    /// the pointer is elsewhere. A message already in its row stays there.
    pub fn problems_row(&self, ui: &mut Ui, path: &str, typed: Option<&str>) {
        let messages: Vec<&str> = typed
            .into_iter()
            .chain(
                self.problems
                    .iter()
                    .filter(|p| p.path == path)
                    .map(|p| p.message.as_str()),
            )
            .collect();
        let row_id = Id::unique(("problems_row", path));
        // The height of this row as drawn last frame, if it was drawn.
        let inline: Option<f32> = ui.data(|d| d.get_temp(row_id));
        let top = ui.cursor().top();
        let clip = ui.clip_rect();
        let pointer_below = ui
            .input(|i| i.pointer.hover_pos())
            .is_some_and(|p| p.y > top && clip.contains(p));
        // A grid cell has no width of its own: give messages the field's,
        // or what is left to the panel's edge from the field's column when
        // that is less (a long note under a range at 1280 px ran past it).
        let room = |ui: &Ui| clip.right() - ui.cursor().left() - 4.0;
        if messages.is_empty() {
            match inline {
                Some(height) if pointer_below => {
                    ui.label("");
                    ui.allocate_space(egui::vec2(0.0, height));
                    ui.end_row();
                }
                Some(_) => ui.data_mut(|d| d.remove::<f32>(row_id)),
                None => {}
            }
            return;
        }
        if inline.is_none() && pointer_below {
            let at = egui::pos2(ui.cursor().left(), top);
            float_messages(ui, row_id, at, room(ui), &messages);
            return;
        }
        ui.label("");
        let drawn = ui.vertical(|ui| {
            ui.set_max_width(room(ui).clamp(120.0, 260.0));
            for message in &messages {
                problem_label(ui, message);
            }
        });
        let height = drawn.response.rect.height();
        ui.data_mut(|d| d.insert_temp(row_id, height));
        ui.end_row();
    }
}

/// Messages over the rows under a field, pushing nothing: on top, in a
/// frame of the panel's colour, letting clicks through to the field below.
fn float_messages(ui: &Ui, id: Id, at: egui::Pos2, room: f32, messages: &[&str]) {
    let width = room.clamp(120.0, 320.0);
    egui::Area::new(id.with("float"))
        .order(egui::Order::Foreground)
        .fixed_pos(at)
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(width);
                for message in messages {
                    problem_label(ui, message);
                }
            });
        });
}

/// A validation message in the warning colour.
/// Wrapped, so a long message never widens its panel.
pub fn problem_label(ui: &mut Ui, message: &str) -> Response {
    let color = palette::problem_color(ui.visuals().dark_mode);
    ui.add(egui::Label::new(egui::RichText::new(message).color(color)).wrap())
}

/// Drag speed for a value: about 0.5 % of it per point, so dragging feels
/// the same for $45M and for $1.2B.
fn speed_for(value: f64, floor: f64) -> f64 {
    (value.abs() * 0.005).max(floor)
}

/// `7,500`, `12.5` or `0`: whole numbers from 100 up, and no trailing
/// zeros below.
fn plain(v: f64) -> String {
    if v.abs() >= 100.0 {
        grouped(v, 0)
    } else {
        trimmed(v, 2)
    }
}

/// Money: shown as `$500M`, typed as `500M`, `$1.2B` or `45000000`.
pub fn usd(ui: &mut Ui, path: &str, value: &mut f64, label: Id) -> Response {
    NumberField {
        path,
        format: &usd_short,
        parse: &parse_usd,
        drag_speed: speed_for(*value, 1_000.0),
        width: 90.0,
    }
    .show(ui, value)
    .labelled_by(label)
}

/// A quantity in the mineral's unit, with the unit beside it.
pub fn qty(ui: &mut Ui, path: &str, value: &mut f64, unit: &str, label: Id) -> Response {
    let r = NumberField {
        path,
        format: &plain,
        parse: &parse_number,
        drag_speed: speed_for(*value, 0.1),
        width: 90.0,
    }
    .show(ui, value)
    .labelled_by(label);
    ui.label(unit);
    r
}

/// A percentage with `%` beside it.
pub fn pct(ui: &mut Ui, path: &str, value: &mut f64, label: Id) -> Response {
    let r = pct_field(ui, path, value).labelled_by(label);
    ui.label("%");
    r
}

/// A percentage field alone (tables name it themselves).
pub fn pct_field(ui: &mut Ui, path: &str, value: &mut f64) -> Response {
    NumberField {
        path,
        format: &|v| trimmed(v, 2),
        parse: &parse_number,
        drag_speed: 0.1,
        width: 60.0,
    }
    .show(ui, value)
}

/// Money per unit, e.g. `$42,000` per t.
pub fn usd_per_unit(ui: &mut Ui, path: &str, value: &mut f64, unit: &str, label: Id) -> Response {
    let r = NumberField {
        path,
        format: &|v| format!("${}", plain(v)),
        parse: &parse_number,
        drag_speed: speed_for(*value, 0.01),
        width: 90.0,
    }
    .show(ui, value)
    .labelled_by(label);
    ui.label(format!("per {unit}"));
    r
}

/// Whole months with "months" beside them.
pub fn months(ui: &mut Ui, path: &str, value: &mut u32, label: Id) -> Response {
    let r = whole_field(ui, path, value).labelled_by(label);
    ui.label("months");
    r
}

/// A whole number field alone: months, a lead time.
pub fn whole_field(ui: &mut Ui, path: &str, value: &mut u32) -> Response {
    let mut v = f64::from(*value);
    let r = whole_number(ui, path, &mut v, 0.2);
    if r.changed() {
        *value = v.clamp(0.0, f64::from(u32::MAX)) as u32;
    }
    r
}

/// A calendar year (`2026`).
pub fn year_field(ui: &mut Ui, path: &str, year: &mut i32) -> Response {
    let mut v = f64::from(*year);
    let r = whole_number(ui, path, &mut v, 0.1);
    if r.changed() {
        *year = v.clamp(0.0, f64::from(i32::MAX)) as i32;
    }
    r
}

/// A whole number, typed or dragged (drags are rounded).
fn whole_number(ui: &mut Ui, path: &str, value: &mut f64, drag_speed: f64) -> Response {
    let r = NumberField {
        path,
        format: &|v| format!("{v:.0}"),
        parse: &parse_whole,
        drag_speed,
        width: 50.0,
    }
    .show(ui, value);
    *value = value.round();
    r
}

/// `12.5`, `7`, `0.25`: at most `decimals` decimals, no trailing zeros.
fn trimmed(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A menu of the kinds a value can take (spending profile, ceiling, event
/// kind). Picking another kind replaces `value` with that kind's entry of
/// `options`; picking the current kind keeps the value as it is.
pub fn kind_menu<T>(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    value: &mut T,
    options: impl IntoIterator<Item = T>,
    label: fn(&T) -> &'static str,
    label_id: Id,
) -> Response {
    egui::ComboBox::from_id_salt(salt)
        .selected_text(label(value))
        .width(150.0)
        .show_ui(ui, |ui| {
            for option in options {
                let same_kind = std::mem::discriminant(&option) == std::mem::discriminant(value);
                if ui.selectable_label(same_kind, label(&option)).clicked() && !same_kind {
                    *value = option;
                }
            }
        })
        .response
        .labelled_by(label_id)
}

/// How a range field shows and reads its two ends.
pub struct RangeFormat<'a> {
    pub format: &'a dyn Fn(f64) -> String,
    pub parse: &'a dyn Fn(&str) -> Result<f64, String>,
    /// What a fresh range is, around the value it stands beside.
    pub fresh: &'a dyn Fn(f64) -> Range,
    pub width: f32,
    /// Drawn from the lognormal (a price, a capacity), as the Monte Carlo
    /// run draws it: where the value sits in the range is read the same way.
    pub positive: bool,
}

/// An optional 90 % range beside a value, for the Monte Carlo run: a tick
/// box (unticked: the value is certain) and, ticked, the low and high ends.
/// `path` is the range field's path (`minerals[0].price_range_usd_per_unit`);
/// the ends have `.low` and `.high` after it. The box and both ends are
/// named by the label `label`. Returns whether it changed.
pub fn range(
    ui: &mut Ui,
    path: &str,
    range: &mut Option<Range>,
    value: f64,
    how: &RangeFormat<'_>,
    label: Id,
) -> Response {
    range_with(ui, path, range, value, how, &|r, _| r.labelled_by(label))
}

/// The tick box of [`range`] alone, for a table that shows the ends on a
/// row of their own ([`range_ends_named`]); named `name` for screen
/// readers. Ticking gives a fresh range around `value`.
pub fn range_box_named(
    ui: &mut Ui,
    path: &str,
    range: &mut Option<Range>,
    value: f64,
    how: &RangeFormat<'_>,
    name: &str,
) -> Response {
    range_box(ui, path, range, value, how, &|r| r.accessible_name(name))
}

/// The two ends of [`range`] alone, named "`name` low" and "`name` high".
/// Returns whether either changed.
pub fn range_ends_named(
    ui: &mut Ui,
    path: &str,
    range: &mut Range,
    value: f64,
    how: &RangeFormat<'_>,
    name: &str,
) -> bool {
    range_ends(ui, path, range, value, how, &|r, end| {
        r.accessible_name(format!("{name} {end}"))
    })
}

/// [`range`], with `name` naming the box (`""`) and each end (`"low"`,
/// `"high"`) for screen readers.
fn range_with(
    ui: &mut Ui,
    path: &str,
    range: &mut Option<Range>,
    value: f64,
    how: &RangeFormat<'_>,
    name: &dyn Fn(Response, &str) -> Response,
) -> Response {
    let mut response = range_box(ui, path, range, value, how, &|r| name(r, ""));
    match range {
        Some(r) => {
            if range_ends(ui, path, r, value, how, name) {
                response.mark_changed();
            }
        }
        // No range, nothing to say of the value against it.
        None => ui.data_mut(|d| d.remove::<String>(range_note_id(path))),
    }
    response
}

fn range_box(
    ui: &mut Ui,
    path: &str,
    range: &mut Option<Range>,
    value: f64,
    how: &RangeFormat<'_>,
    name: &dyn Fn(Response) -> Response,
) -> Response {
    let mut uncertain = range.is_some();
    let response = name(ui.checkbox(&mut uncertain, "")).on_hover_text(
        "Ticked: the value is uncertain; give the range it falls in nine times out of ten. \
         The Monte Carlo run draws from it and the plot shades P10–P90.",
    );
    if response.changed() {
        *range = tick_range(
            ui,
            path,
            *range,
            uncertain,
            |r| r.contains(value),
            || (how.fresh)(value),
        );
    }
    response
}

/// Which document and variant the ranges kept aside by [`tick_range`]
/// belong to, from now on: the window sets it each frame before drawing the
/// forms (the document's number in this window, and its active variant).
pub fn set_range_scope(ctx: &egui::Context, scope: (u64, usize)) {
    ctx.data_mut(|d| d.insert_temp(range_scope_id(), scope));
}

fn range_scope_id() -> egui::Id {
    egui::Id::unique("ranges kept aside belong to")
}

/// What a range's tick box leaves in the field at `path` once clicked:
/// untick, and the range is kept aside (in the window's memory, for the
/// session, under the document and variant of [`set_range_scope`]) and
/// the field becomes certain; tick again, and the range kept for that
/// field of that variant comes back if it still holds the value
/// (`holds`), else a `fresh` one. So unticking to compare and ticking back
/// loses no typed ends, and another variant or file never gets them.
pub fn tick_range<R: Clone + Send + Sync + 'static>(
    ui: &Ui,
    path: &str,
    current: Option<R>,
    ticked: bool,
    holds: impl Fn(&R) -> bool,
    fresh: impl FnOnce() -> R,
) -> Option<R> {
    let scope: (u64, usize) = ui
        .data(|d| d.get_temp(range_scope_id()))
        .unwrap_or_default();
    let id = egui::Id::unique(("range kept aside", scope, path));
    if !ticked {
        if let Some(r) = current {
            ui.data_mut(|d| d.insert_temp(id, r));
        }
        return None;
    }
    let kept = ui.data(|d| d.get_temp::<R>(id)).filter(|r| holds(r));
    Some(kept.unwrap_or_else(fresh))
}

fn range_ends(
    ui: &mut Ui,
    path: &str,
    r: &mut Range,
    value: f64,
    how: &RangeFormat<'_>,
    name: &dyn Fn(Response, &str) -> Response,
) -> bool {
    // A range written high to low is a problem, said by validation.
    let outside = r.low <= r.high && !r.contains(value);
    let mut changed = false;
    let mut typed = Vec::new();
    for (end, v) in [("low", &mut r.low), ("high", &mut r.high)] {
        if end == "high" {
            ui.label("–");
        }
        let field = NumberField {
            path: &format!("{path}.{end}"),
            format: how.format,
            parse: how.parse,
            drag_speed: speed_for(*v, 0.01),
            width: how.width,
        }
        .show(ui, v);
        let field = name(field, end);
        typed.extend(typing_error(ui.ctx(), field.id));
        changed |= field.changed();
    }
    // Text that is not a number is said beside the ends (the field is
    // outlined too), never silently ignored.
    for message in typed {
        problem_label(ui, &message);
    }
    // Not a problem (the run still works), but likely a slip, such as a
    // price per lb in a range per t; or a value at an end of its range,
    // whose line will sit outside its own band. Said on the row under the
    // field ([`range_note`]), where it has the panel's width.
    let note = if r.low > r.high {
        // Reversed ends: validation says so; nothing else is meaningful.
        None
    } else if outside {
        Some(format!(
            "The value ({}) lies outside this range: the line uses the value, the bands the range.",
            (how.format)(value)
        ))
    } else {
        r.z_of(value, how.positive)
            .filter(|z| z.abs() >= 1.281_551_565_545)
            .map(|z| {
                let end = if z > 0.0 { "top" } else { "bottom" };
                // Positive ranges are drawn on a log scale: their middle is
                // the geometric mean, well below the halfway point.
                let scale = if how.positive {
                    format!(
                        " (the range is read on a log scale: its middle is {})",
                        (how.format)((r.low * r.high).sqrt())
                    )
                } else {
                    String::new()
                };
                format!(
                    "The value ({}) is at the {end} of this 90% range, beyond eight samples in ten{scale}: its line will sit outside its own band.",
                    (how.format)(value)
                )
            })
    };
    ui.data_mut(|d| match note {
        Some(text) => {
            d.insert_temp(range_note_id(path), text);
        }
        None => d.remove::<String>(range_note_id(path)),
    });
    changed
}

fn range_note_id(path: &str) -> Id {
    Id::unique(("range_note", path))
}

/// What [`range`] found of the value beside the range at `path` (outside
/// it, or at one of its ends), for the row under the field.
pub fn range_note(ctx: &egui::Context, path: &str) -> Option<String> {
    ctx.data(|d| d.get_temp::<String>(range_note_id(path)))
}

/// Money per unit for a range's ends: `$42,000`.
pub fn usd_plain(v: f64) -> String {
    format!("${}", plain(v))
}

/// A number for a range's ends: `7,500`, `12.5`.
pub fn number_plain(v: f64) -> String {
    plain(v)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A month menu and a typed year for `month` (the field at `path`).
pub fn month_picker(
    ui: &mut Ui,
    path: &str,
    month: &mut crate::model::YearMonth,
    id: egui::Id,
) -> egui::Response {
    egui::ComboBox::from_id_salt((path, "month"))
        .selected_text(
            MONTHS
                .get(month.month.wrapping_sub(1) as usize)
                .copied()
                .unwrap_or("?"),
        )
        .width(60.0)
        .show_ui(ui, |ui| {
            for (i, name) in MONTHS.iter().enumerate() {
                ui.selectable_value(&mut month.month, i as u32 + 1, *name);
            }
        })
        .response
        .labelled_by(id);
    let what = path.rsplit('.').next().unwrap_or(path);
    year_field(ui, &format!("{path}.year"), &mut month.year).accessible_name(format!("{what} year"))
}
