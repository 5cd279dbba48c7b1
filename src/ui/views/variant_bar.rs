//! The variant bar above the plot: the base and each variant of the file as
//! a tab (one click, or Ctrl+1…9, switches), duplicate, rename and delete,
//! and what the plot compares with.

use crate::ui::command::{Command, Message};
use crate::ui::document::{Baseline, Document};
use egui::{Key, RichText, Ui};

/// Longest tab label; the whole name is in the tooltip.
const TAB_CHARS: usize = 30;

/// The name being typed for a variant, while renaming.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Renaming {
    pub variant: Option<usize>,
    pub text: String,
    /// The field has had the focus (and its text selected) once.
    focused_once: bool,
}

impl Renaming {
    /// Rename `variant`, starting from `name`, all selected so that typing
    /// replaces it.
    pub fn start(&mut self, variant: usize, name: &str) {
        *self = Self {
            variant: Some(variant),
            text: name.to_string(),
            focused_once: false,
        };
    }
}

pub fn show(ui: &mut Ui, doc: &Document, renaming: &mut Renaming, messages: &mut Vec<Message>) {
    let file = &doc.scenario;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Variant").strong());
        for k in 0..file.variant_count() {
            let name = file.variant_name(k).unwrap_or_default();
            if renaming.variant == Some(k) {
                rename_field(ui, k, renaming, messages);
                continue;
            }
            let label = tab_label(k, name);
            let shortcut = if k < 9 {
                format!(" (Ctrl+{})", k + 1)
            } else {
                String::new()
            };
            let response = ui
                .add(egui::Button::selectable(doc.active == k, label))
                .on_hover_text(format!(
                    "{}{}{shortcut}\nDouble-click to rename",
                    if k == 0 {
                        "Base scenario: "
                    } else {
                        "Variant: "
                    },
                    name
                ));
            if response.clicked() {
                messages.push(Message::SwitchVariant(k));
            }
            if response.double_clicked() {
                renaming.start(k, name);
            }
            response.context_menu(|ui| {
                if ui.button("Rename...").clicked() {
                    renaming.start(k, name);
                }
                if ui.button("Compare with this one").clicked() {
                    messages.push(Message::SetBaseline(Some(k)));
                }
            });
        }
        // Short labels: the bar wraps (and the plot shrinks) less.
        short_button(ui, "Duplicate", Command::DuplicateVariant, true, messages);
        short_button(
            ui,
            "Delete",
            Command::DeleteVariant,
            doc.active > 0,
            messages,
        );
    });
}

/// A button with a short label; the command's own label, tooltip and
/// shortcut are in the tooltip and the accessible name.
fn short_button(
    ui: &mut Ui,
    text: &str,
    command: Command,
    enabled: bool,
    messages: &mut Vec<Message>,
) {
    let response = ui
        .add_enabled(enabled, egui::Button::new(text))
        .on_hover_text(format!(
            "{}: {}",
            command.label(),
            command.tooltip_with_shortcut(ui.ctx())
        ));
    let name = command.label();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, name));
    if response.clicked() {
        messages.push(command.into());
    }
}

/// "Base: …" for the base, the name for a variant, shortened.
fn tab_label(k: usize, name: &str) -> String {
    let name = if name.trim().is_empty() {
        "(no name)"
    } else {
        name
    };
    let short: String = if name.chars().count() > TAB_CHARS {
        name.chars().take(TAB_CHARS - 1).collect::<String>() + "…"
    } else {
        name.to_string()
    };
    if k == 0 {
        format!("Base: {short}")
    } else {
        short
    }
}

/// The name of a variant being renamed: Enter (or leaving the field) keeps
/// it, Escape puts the old name back.
fn rename_field(ui: &mut Ui, k: usize, renaming: &mut Renaming, messages: &mut Vec<Message>) {
    let id = egui::Id::unique(("rename_variant", k));
    let output = egui::TextEdit::singleline(&mut renaming.text)
        .char_limit(crate::file::MAX_NAME_CHARS_IN_FILE)
        .id(id)
        .hint_text("Variant name")
        .desired_width(240.0)
        .show(ui);
    let response = output.response.response;
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::text_edit(true, "", &renaming.text, "Rename variant to");
        info.label = Some("Rename variant to".into());
        info
    });
    if !renaming.focused_once {
        renaming.focused_once = true;
        response.request_focus();
        let mut state = output.state;
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::select_all_str(
                &renaming.text,
            )));
        state.store(ui.ctx(), id);
        return;
    }
    if response.lost_focus() || !response.has_focus() {
        if !ui.input(|i| i.key_pressed(Key::Escape)) {
            messages.push(Message::RenameVariantTo(
                k,
                renaming.text.trim().to_string(),
            ));
        }
        *renaming = Renaming::default();
    }
}

/// "Compare with: [nothing ▾]": any other variant, or a file.
pub fn baseline_choice(ui: &mut Ui, doc: &Document, messages: &mut Vec<Message>) {
    let file = &doc.scenario;
    let current = match &doc.baseline {
        None => "nothing".to_string(),
        Some(Baseline::Variant(k)) => tab_label(*k, file.variant_name(*k).unwrap_or_default()),
        Some(Baseline::File { path, .. }) => path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
    };
    let label = ui.label("Compare with");
    egui::ComboBox::from_id_salt("baseline_choice")
        .selected_text(current)
        .width(200.0)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(doc.baseline.is_none(), "nothing")
                .clicked()
            {
                messages.push(Message::SetBaseline(None));
            }
            for k in 0..file.variant_count() {
                let name = tab_label(k, file.variant_name(k).unwrap_or_default());
                let chosen = doc.baseline == Some(Baseline::Variant(k));
                // The variant on screen against itself shows nothing.
                let response = ui
                    .add_enabled(k != doc.active, egui::Button::selectable(chosen, name))
                    .on_disabled_hover_text("The variant on screen");
                if response.clicked() {
                    messages.push(Message::SetBaseline(Some(k)));
                }
            }
            if ui.button(Command::CompareWithFile.label()).clicked() {
                messages.push(Command::CompareWithFile.into());
            }
        })
        .response
        .labelled_by(label.id);
}
