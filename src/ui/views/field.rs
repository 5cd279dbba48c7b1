//! Edit fields a planner can trust while people watch:
//!
//! - Every field has a stable id made from the path of what it edits
//!   (`minerals[0].budget_usd`), so a message appearing or vanishing above
//!   it never moves the keyboard focus.
//! - A number is typed as text. While typing, each value that parses is
//!   written through so the plot previews it; the undo step is taken when
//!   the field is left (Enter, Tab, a click elsewhere), so one field edit is
//!   one step. Escape puts back the value from before the edit.
//! - Text that does not parse (`75oo`, `1e400`, an empty field) stays
//!   visible with a message under the field, and the scenario keeps the
//!   value from before the edit, never a prefix of what was typed (`75` of
//!   `75oo`). Until it is fixed or Escape puts the value back, it is listed
//!   with the scenario's problems ([`typing_problems`]): the status bar and
//!   the save question count it. Values the model rejects (a negative
//!   budget) are written and reported by validation, under the field, like
//!   any other problem.
//! - A number can also be dragged; a whole drag is one undo step.
//! - Names are typed into a buffer and written when the field is left, so
//!   no half-typed name ever reaches the scenario.

use egui::{
    Color32, Id, Key, Response, Sense, Stroke, StrokeKind, TextEdit, TextStyle, TextWrapMode, Ui,
    WidgetText, vec2,
};

/// How far the pointer must travel in a drag before the value moves.
const DRAG_DEAD_ZONE_POINTS: f32 = 24.0;

/// The id of the field editing `path` (a validation path). Stable across
/// frames whatever is drawn around the field.
pub fn field_id(path: &str) -> Id {
    Id::unique(("field", path))
}

/// What is being typed into a field, kept between frames.
#[derive(Clone, Debug)]
struct Typing {
    text: String,
    /// The value when editing began, put back by Escape.
    start: f64,
    /// The value last written or seen: if it differs next frame, something
    /// else (Undo, Open) changed it and the typed text is stale.
    seen: f64,
    /// Why `text` is not a number, shown under the field.
    error: Option<String>,
}

/// Why the text typed into the field `id` was not taken, if it was not.
pub fn typing_error(ctx: &egui::Context, id: Id) -> Option<String> {
    ctx.data(|d| d.get_temp::<Typing>(id)).and_then(|t| t.error)
}

/// Text typed into a number field that is not a number, by the path of the
/// field: (the text, why it was not taken).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TypingProblems(pub std::collections::BTreeMap<String, (String, String)>);

fn typing_problems_id() -> Id {
    Id::unique("typing_problems")
}

/// Every field whose text is not a number now, by path, as
/// [`TypingProblems`]. The document lists them with its problems.
pub fn typing_problems(ctx: &egui::Context) -> TypingProblems {
    ctx.data(|d| d.get_temp::<TypingProblems>(typing_problems_id()))
        .unwrap_or_default()
}

/// Typing belongs to one variant of one document (`Document::range_scope`):
/// when another is on screen (New, Open, a recovery restored, another
/// variant), every field forgets what was typed into it and shows the
/// scenario's value, even where the values happen to be equal.
pub fn set_typing_scope(ctx: &egui::Context, scope: (u64, usize)) {
    let scope_id = typing_problems_id().with("scope");
    ctx.data_mut(|d| {
        if d.get_temp::<(u64, usize)>(scope_id) != Some(scope) {
            d.remove_by_type::<Typing>();
            d.remove::<TypingProblems>(typing_problems_id());
            d.insert_temp(scope_id, scope);
        }
    });
}

fn set_typing_problem(ctx: &egui::Context, path: &str, problem: Option<(String, String)>) {
    ctx.data_mut(|d| {
        let all = d.get_temp_mut_or_default::<TypingProblems>(typing_problems_id());
        match problem {
            Some(p) => {
                if all.0.get(path) != Some(&p) {
                    all.0.insert(path.to_string(), p);
                }
            }
            None => {
                all.0.remove(path);
            }
        }
    });
}

/// A number field: shows `format(value)`, takes what `parse` accepts, and
/// drags by `drag_speed` per point.
pub struct NumberField<'a> {
    /// The validation path of what it edits (`minerals[0].budget_usd`),
    /// from which its id is made.
    pub path: &'a str,
    pub format: &'a dyn Fn(f64) -> String,
    pub parse: &'a dyn Fn(&str) -> Result<f64, String>,
    pub drag_speed: f64,
    pub width: f32,
}

impl NumberField<'_> {
    /// Draw the field over `value`. The response is `changed()` whenever
    /// `value` was written this frame.
    pub fn show(&self, ui: &mut Ui, value: &mut f64) -> Response {
        let id = field_id(self.path);
        let focused = ui.memory(|m| m.has_focus(id));
        let mut typing = ui.data(|d| d.get_temp::<Typing>(id));
        if typing
            .as_ref()
            .is_some_and(|t| t.seen.to_bits() != value.to_bits())
        {
            // Changed elsewhere (Undo, Open, another field): show the value.
            typing = None;
            ui.data_mut(|d| d.remove::<Typing>(id));
            set_typing_problem(ui.ctx(), self.path, None);
        }
        let before = value.to_bits();
        let mut response = if focused || typing.is_some() {
            self.text_mode(ui, value, typing, focused)
        } else {
            self.drag_mode(ui, value)
        };
        if value.to_bits() != before {
            response.mark_changed();
        }
        response
    }

    fn text_mode(
        &self,
        ui: &mut Ui,
        value: &mut f64,
        typing: Option<Typing>,
        focused: bool,
    ) -> Response {
        let id = field_id(self.path);
        let fresh = typing.is_none();
        let mut t = typing.unwrap_or_else(|| Typing {
            text: (self.format)(*value),
            start: *value,
            seen: *value,
            error: None,
        });
        let mut edit = TextEdit::singleline(&mut t.text)
            .id(id)
            .desired_width(self.width);
        if t.error.is_some() {
            edit = edit.text_color(problem_color(ui));
        }
        let output = edit.show(ui);
        let mut response = output.response.response;
        if fresh && focused {
            // Typing replaces the whole value, as in a spreadsheet cell.
            let mut state = output.state;
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::select_all_str(&t.text)));
            state.store(ui.ctx(), id);
        }
        if t.error.is_some() {
            ui.painter().rect_stroke(
                response.rect.expand(1.0),
                2.0,
                Stroke::new(1.5, problem_color(ui)),
                StrokeKind::Outside,
            );
        }
        if response.changed() {
            match (self.parse)(&t.text) {
                Ok(v) => {
                    *value = v;
                    t.error = None;
                }
                Err(message) => {
                    // Never a prefix of what is being typed: the value
                    // from before the edit stays in force until the text
                    // is a number.
                    *value = t.start;
                    t.error = Some(message);
                }
            }
        }
        let escaped = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Escape));
        let problem = t
            .error
            .as_ref()
            .filter(|_| !escaped)
            .map(|message| (t.text.trim().to_string(), message.clone()));
        set_typing_problem(ui.ctx(), self.path, problem);
        if escaped {
            *value = t.start;
            ui.data_mut(|d| d.remove::<Typing>(id));
        } else if (response.lost_focus() || !focused) && t.error.is_none() {
            // Left with a number: the edit is done.
            ui.data_mut(|d| d.remove::<Typing>(id));
        } else {
            t.seen = *value;
            ui.data_mut(|d| d.insert_temp(id, t));
        }
        // Not a change of its own: `show` marks it when the value moved.
        response.flags.remove(egui::response::Flags::CHANGED);
        response
    }

    fn drag_mode(&self, ui: &mut Ui, value: &mut f64) -> Response {
        let id = field_id(self.path);
        let text = (self.format)(*value);
        let galley = WidgetText::from(text.clone()).into_galley(
            ui,
            Some(TextWrapMode::Extend),
            f32::INFINITY,
            TextStyle::Button,
        );
        let padding = ui.spacing().button_padding;
        let size = vec2(
            self.width.max(galley.size().x + 2.0 * padding.x),
            ui.spacing().interact_size.y,
        );
        let (_, rect) = ui.allocate_space(size);
        let response = ui
            .interact(rect, id, Sense::click_and_drag())
            .on_hover_cursor(egui::CursorIcon::ResizeHorizontal)
            .on_hover_text("Drag to change, or click and type a value");
        if ui.is_rect_visible(rect) {
            let visuals = ui.style().interact(&response);
            ui.painter().rect(
                rect,
                visuals.corner_radius,
                visuals.weak_bg_fill,
                visuals.bg_stroke,
                StrokeKind::Inside,
            );
            let pos = rect.left_center() + vec2(padding.x, -galley.size().y / 2.0);
            ui.painter().galley(pos, galley, visuals.text_color());
        }
        let precise_id = id.with("precise");
        let travel_id = id.with("travel");
        if response.drag_started() {
            ui.data_mut(|d| {
                d.insert_temp(precise_id, *value);
                d.insert_temp(travel_id, 0.0_f32);
            });
        }
        if response.dragged() {
            let delta = response.drag_delta();
            // A hand that wobbles while clicking must not change a budget:
            // the value moves only once the pointer has travelled a clear
            // distance.
            let travel = ui.data(|d| d.get_temp::<f32>(travel_id)).unwrap_or(0.0) + delta.length();
            ui.data_mut(|d| d.insert_temp(travel_id, travel));
            let points = f64::from(delta.x - delta.y);
            if points != 0.0 && travel > DRAG_DEAD_ZONE_POINTS {
                let precise = ui.data(|d| d.get_temp::<f64>(precise_id)).unwrap_or(*value)
                    + points * self.drag_speed;
                ui.data_mut(|d| d.insert_temp(precise_id, precise));
                // A round number near the pointer, as a DragValue does.
                let aim = f64::from(ui.input(|i| i.aim_radius())) * self.drag_speed;
                *value = egui::emath::smart_aim::best_in_range_f64(precise - aim, precise + aim);
            }
        } else if response.clicked() {
            ui.memory_mut(|m| m.request_focus(id));
            ui.ctx().request_repaint();
        }
        response.widget_info(|| {
            egui::WidgetInfo::text_edit(ui.is_enabled(), text.clone(), text.clone(), "")
        });
        ui.ctx()
            .accesskit_node_builder(response.id, |b| b.set_value(text.clone()));
        response
    }
}

/// A name or other short text, written to `value` when the field is left
/// (Enter, Tab or a click elsewhere); Escape forgets what was typed.
/// `hint` shows in the empty field ("every supplier").
pub fn text_field(
    ui: &mut Ui,
    id: Id,
    value: &mut String,
    width: f32,
    multiline: bool,
    hint: &str,
) -> Response {
    let buffer_id = id.with("typed");
    let focused = ui.memory(|m| m.has_focus(id));
    let mut text = ui
        .data(|d| d.get_temp::<String>(buffer_id))
        .filter(|_| focused)
        .unwrap_or_else(|| value.clone());
    // No longer than a file may hold, so that whatever is saved opens.
    let edit = if multiline {
        TextEdit::multiline(&mut text)
            .desired_rows(3)
            .char_limit(crate::file::MAX_NOTES_CHARS_IN_FILE)
    } else {
        TextEdit::singleline(&mut text).char_limit(crate::file::MAX_NAME_CHARS_IN_FILE)
    };
    let output = edit.id(id).desired_width(width).hint_text(hint).show(ui);
    let mut response = output.response.response;
    if response.gained_focus() && !multiline {
        // Tab into a name selects it, so typing replaces it, as in the
        // number fields.
        let mut state = output.state;
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::select_all_str(&text)));
        state.store(ui.ctx(), id);
    }
    response.flags.remove(egui::response::Flags::CHANGED);
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(buffer_id));
        if !ui.input(|i| i.key_pressed(Key::Escape)) && text != *value {
            *value = text;
            response.mark_changed();
        }
    } else if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(buffer_id, text));
    }
    response
}

fn problem_color(ui: &Ui) -> Color32 {
    crate::ui::palette::problem_color(ui.visuals().dark_mode)
}

/// Parse money as the planner types it: `600M`, `$1.2B`, `45,000,000`,
/// `850k`. Negative amounts parse (validation then says they cannot be).
pub fn parse_usd(text: &str) -> Result<f64, String> {
    crate::display::parse_usd(text).ok_or_else(|| {
        format!(
            "\"{}\" is not an amount: type e.g. 600M, $1.2B or 45000000",
            text.trim()
        )
    })
}

/// Parse a plain number, with thousands separators allowed (`7,500`), and
/// an optional `$` or `%` around it.
pub fn parse_number(text: &str) -> Result<f64, String> {
    let clean = text
        .trim()
        .trim_start_matches('$')
        .trim_end_matches('%')
        .replace([',', '_', ' '], "");
    clean
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("\"{}\" is not a number", text.trim()))
}

/// Parse a whole number (months, a year): no fractions, no sign.
pub fn parse_whole(text: &str) -> Result<f64, String> {
    let clean = text.trim().replace([',', '_', ' '], "");
    match clean.parse::<u32>() {
        Ok(v) => Ok(f64::from(v)),
        Err(_) if clean.starts_with('-') => Err("It cannot be negative".into()),
        Err(_) => Err(format!("\"{}\" is not a whole number", text.trim())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_parses_as_typed_and_says_why_not() {
        assert_eq!(parse_usd("600M"), Ok(600e6));
        assert_eq!(parse_usd("-5M"), Ok(-5e6));
        assert!(
            parse_usd("abc")
                .unwrap_err()
                .contains("\"abc\" is not an amount")
        );
        assert_eq!(parse_number("7,500"), Ok(7500.0));
        assert_eq!(parse_number("$42,000"), Ok(42000.0));
        assert!(parse_number("1e400").is_err());
        assert_eq!(parse_whole("240"), Ok(240.0));
        assert!(parse_whole("1.5").is_err());
        assert_eq!(parse_whole("-3"), Err("It cannot be negative".into()));
    }
}
