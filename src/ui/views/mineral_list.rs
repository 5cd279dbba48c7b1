//! The list of minerals, each with its final coverage as a coloured badge.

use crate::display::pct;
use crate::ui::command::{Command, Message};
use crate::ui::document::Document;
use crate::ui::palette;
use egui::{Button, RichText, Sense, Ui, vec2};

pub fn show(ui: &mut Ui, doc: &Document, messages: &mut Vec<Message>) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.heading("Minerals");
        // Right after the heading, never pushed out of a narrow panel.
        if ui
            .button("+ Add")
            .on_hover_text(Command::AddMineral.tooltip_with_shortcut(ui.ctx()))
            .clicked()
        {
            messages.push(Command::AddMineral.into());
        }
    });
    ui.add_space(4.0);
    // Only the rows in view are laid out, so 200 minerals cost what 20 do.
    let row_height = ui.spacing().interact_size.y;
    let buttons_height = 2.0 * row_height + 12.0;
    egui::ScrollArea::vertical()
        .id_salt("minerals_scroll")
        .max_height((ui.available_height() - buttons_height).max(row_height * 3.0))
        .auto_shrink([false, true])
        .show_rows(ui, row_height, doc.active().minerals.len(), |ui, rows| {
            for i in rows {
                mineral_row(ui, doc, i, dark, messages);
            }
        });
    if let Some(selected) = doc.active().minerals.get(doc.selected) {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui
                .button("Duplicate")
                .on_hover_text(format!("Copy {} as a new mineral", selected.name))
                .clicked()
            {
                messages.push(Command::DuplicateMineral.into());
            }
            if ui
                .button("Remove")
                .on_hover_text(format!(
                    "Remove {} from the scenario (Undo brings it back)",
                    selected.name
                ))
                .clicked()
            {
                messages.push(Command::RemoveMineral.into());
            }
        });
    }
}

/// One mineral: colour swatch, name (selects it) and coverage badge.
fn mineral_row(ui: &mut Ui, doc: &Document, i: usize, dark: bool, messages: &mut Vec<Message>) {
    let mineral = &doc.active().minerals[i];
    let coverage = doc
        .projection
        .minerals
        .get(i)
        .map(|m| m.final_coverage_pct());
    let selected = doc.selected == i;
    ui.horizontal(|ui| {
        // Colour swatch matching the plot line.
        let (rect, _) = ui.allocate_exact_size(vec2(10.0, 18.0), Sense::hover());
        ui.painter().rect_filled(
            rect.shrink2(vec2(0.0, 3.0)),
            2.0,
            palette::mineral_color(i, dark),
        );
        let name = if mineral.name.trim().is_empty() {
            "(no name)"
        } else {
            &mineral.name
        };
        let mut text = RichText::new(name);
        if doc.mineral_has_problems(i) {
            text = text.color(palette::problem_color(dark));
        }
        let button = Button::selectable(selected, text).min_size(vec2(150.0, 0.0));
        if ui.add(button).on_hover_text("Edit this mineral").clicked() {
            messages.push(Message::SelectMineral(i));
        }
        if let Some(c) = coverage {
            coverage_badge(ui, &mineral.name, c, dark);
        }
    });
}

/// A small bar with the coverage % on it, coloured by how close it is to 100 %.
pub fn coverage_badge(ui: &mut Ui, mineral: &str, coverage_pct: f64, dark: bool) {
    let colors = palette::badge_colors(coverage_pct, dark);
    let (rect, response) = ui.allocate_exact_size(vec2(70.0, 18.0), Sense::hover());
    let painter = ui.painter();
    // A solid pill, so the figure never straddles two colours; the strip
    // at its foot shows how far to 100 % it is.
    painter.rect_filled(rect, 3.0, colors.bar);
    let filled = rect.width() * (coverage_pct / 100.0).clamp(0.0, 1.0) as f32;
    let rest = egui::Rect::from_min_max(
        egui::pos2(rect.left() + filled, rect.bottom() - 3.0),
        rect.right_bottom(),
    );
    if rest.width() > 0.5 {
        painter.rect_filled(rest, 0.0, colors.track);
    }
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        pct(coverage_pct),
        egui::FontId::proportional(12.0),
        colors.text,
    );
    // Readable by screen readers and tests, like any other widget.
    let text = format!("{mineral} final coverage {}", pct(coverage_pct));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
    response.on_hover_text(format!("Final coverage {}", pct(coverage_pct)));
}
