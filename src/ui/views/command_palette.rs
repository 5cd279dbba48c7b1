//! The command palette (Ctrl+K or Ctrl+Shift+P): type a few letters to find
//! any command, mineral, event or variant; Up/Down choose, Enter runs,
//! Escape or a click outside closes.
//!
//! The palette only finds and returns an item; the shell runs it. Each
//! frame the shell calls [`CommandPalette::show`] (or
//! [`CommandPalette::show_with_enabled`] to grey out commands that cannot
//! run now) with the items, and carries out what it returns.
//!
//! For screen readers (AT-SPI, Section 508) it follows the combo box
//! pattern: the search field is an editable combo box that controls a list
//! box of options, and the highlighted option is the field's active
//! descendant, so moving the highlight with Up/Down is announced while the
//! keyboard focus stays in the field.

use crate::ui::command::Command;
use egui::accesskit::Role;
use egui::{
    Align, Align2, Button, EventFilter, Id, Key, Modal, Modifiers, ScrollArea, TextEdit, TextStyle,
    UiBuilder, vec2,
};

/// One row of the palette.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaletteItem {
    Command(Command),
    /// Select mineral `index` of the scenario.
    Mineral {
        index: usize,
        name: String,
    },
    /// Select event `index` of the scenario.
    Event {
        index: usize,
        name: String,
    },
    /// Switch to variant `index`.
    Variant {
        index: usize,
        name: String,
    },
}

impl PaletteItem {
    /// Every command except the palette itself (in menu order), then
    /// "Go to mineral" for each mineral, "Go to event" for each event and
    /// "Switch to variant" for each variant, indexed in the order given.
    pub fn all<M, E, V>(minerals: M, events: E, variants: V) -> Vec<PaletteItem>
    where
        M: IntoIterator,
        M::Item: Into<String>,
        E: IntoIterator,
        E::Item: Into<String>,
        V: IntoIterator,
        V::Item: Into<String>,
    {
        let commands = Command::ALL
            .into_iter()
            .filter(|c| *c != Command::CommandPalette)
            .map(PaletteItem::Command);
        let minerals = minerals
            .into_iter()
            .enumerate()
            .map(|(index, name)| PaletteItem::Mineral {
                index,
                name: name.into(),
            });
        let events = events
            .into_iter()
            .enumerate()
            .map(|(index, name)| PaletteItem::Event {
                index,
                name: name.into(),
            });
        let variants = variants
            .into_iter()
            .enumerate()
            .map(|(index, name)| PaletteItem::Variant {
                index,
                name: name.into(),
            });
        commands
            .chain(minerals)
            .chain(events)
            .chain(variants)
            .collect()
    }

    /// What the row says and what the search matches: the command's label
    /// ("Add mineral", without the "+ " some buttons show), or "Go to
    /// mineral: Cobalt", "Go to event: DRC suspension", "Switch to variant:
    /// Ban in 2026".
    pub fn label(&self) -> String {
        fn named(prefix: &str, kind: &str, index: usize, name: &str) -> String {
            if name.trim().is_empty() {
                format!("{prefix}: (unnamed {kind} {})", index + 1)
            } else {
                format!("{prefix}: {name}")
            }
        }
        match self {
            PaletteItem::Command(c) => {
                let label = c.label();
                label.strip_prefix("+ ").unwrap_or(label).to_string()
            }
            PaletteItem::Mineral { index, name } => named("Go to mineral", "mineral", *index, name),
            PaletteItem::Event { index, name } => named("Go to event", "event", *index, name),
            PaletteItem::Variant { index, name } => {
                named("Switch to variant", "variant", *index, name)
            }
        }
    }

    /// The faint text at the right of the row: a command's main shortcut as
    /// egui prints it on this platform ("Ctrl+Shift+M"; empty when it has
    /// none), or "mineral", "event", "variant".
    pub fn hint(&self, ctx: &egui::Context) -> String {
        match self {
            PaletteItem::Command(c) => c
                .shortcut()
                .map(|s| ctx.format_shortcut(&s))
                .unwrap_or_default(),
            PaletteItem::Mineral { .. } => "mineral".into(),
            PaletteItem::Event { .. } => "event".into(),
            PaletteItem::Variant { .. } => "variant".into(),
        }
    }

    /// The longer description shown when the pointer rests on the row.
    fn tooltip(&self) -> Option<&'static str> {
        match self {
            PaletteItem::Command(c) => Some(c.tooltip()),
            _ => None,
        }
    }
}

/// The indices of the `items` whose label matches `query` (see
/// [`fuzzy_score`]), best match first; equal scores keep the order given,
/// so an empty query lists every item in order.
pub fn rank(query: &str, items: &[PaletteItem]) -> Vec<usize> {
    let mut scored: Vec<(usize, u32)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| fuzzy_score(query, &item.label()).map(|s| (i, s)))
        .collect();
    // Stable: ties keep the order of `items`.
    scored.sort_by_key(|&(_, score)| std::cmp::Reverse(score));
    scored.into_iter().map(|(i, _)| i).collect()
}

/// Points for each letter matched.
const MATCH: u32 = 1;
/// Extra for a letter at the start of a word ("m" of "Add mineral").
const WORD_START: u32 = 8;
/// Extra for the first letter of the label itself.
const PREFIX: u32 = 6;
/// Extra for a letter right after the previous matched one: more than a
/// word start, so "zoom" prefers "Zoom in" to "Zap of old mines".
const CONSECUTIVE: u32 = 9;

/// How well `query` matches `label`, higher is better; `None` when the
/// letters of `query` (case-insensitive, spaces ignored) do not all appear
/// in `label` in that order.
///
/// Each matched letter scores, more at the start of a word, more again at
/// the start of the label, and more when it follows the previous matched
/// letter; the best of all ways to match is taken. Between equal matches
/// the shorter label wins ("sav": "Save" before "Save As..."). An empty
/// query matches everything with the same score, 0.
pub fn fuzzy_score(query: &str, label: &str) -> Option<u32> {
    let query: Vec<char> = query
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if query.is_empty() {
        return Some(0);
    }
    // The label lowercased, with whether each letter starts a word.
    let mut text: Vec<(char, bool)> = Vec::with_capacity(label.len());
    let mut previous: Option<char> = None;
    for c in label.chars() {
        let starts_word = c.is_alphanumeric()
            && match previous {
                None => true,
                Some(p) => !p.is_alphanumeric() || (p.is_lowercase() && c.is_uppercase()),
            };
        for (k, lower) in c.to_lowercase().enumerate() {
            text.push((lower, starts_word && k == 0));
        }
        previous = Some(c);
    }
    if query.len() > text.len() {
        return None;
    }
    let gain = |j: usize| {
        let (_, starts_word) = text[j];
        let mut points = MATCH;
        if starts_word {
            points += WORD_START;
        }
        if j == 0 {
            points += PREFIX;
        }
        points
    };
    // best[j]: the best score for the query so far with its last letter at
    // label position j.
    let mut best: Vec<Option<u32>> = text
        .iter()
        .enumerate()
        .map(|(j, &(c, _))| (c == query[0]).then(|| gain(j)))
        .collect();
    for &q in &query[1..] {
        let mut next = vec![None; text.len()];
        // The best score ending before j - 1 (no consecutive bonus).
        let mut before: Option<u32> = None;
        for j in 1..text.len() {
            if j >= 2 {
                before = before.max(best[j - 2]);
            }
            if text[j].0 != q {
                continue;
            }
            let after_previous = best[j - 1].map(|s| s + CONSECUTIVE);
            next[j] = after_previous
                .max(before)
                .map(|s| s.saturating_add(gain(j)));
        }
        best = next;
    }
    let raw = best.into_iter().flatten().max()?;
    let length = u32::try_from(label.chars().count()).unwrap_or(u32::MAX);
    Some(
        raw.saturating_mul(1024)
            .saturating_add(1023 - length.min(1023)),
    )
}

/// The palette's state: open or closed, what was typed, which row is
/// highlighted. Keep one in the app and call [`Self::show`] every frame.
#[derive(Clone, Debug, Default)]
pub struct CommandPalette {
    open: bool,
    query: String,
    /// Index into the ranked rows of the current query.
    highlighted: usize,
    /// Put the keyboard focus in the search field on the next frame.
    focus_field: bool,
    /// Scroll the highlighted row into view on the next frame.
    scroll_to_highlight: bool,
}

/// The rows shown before the list scrolls.
const VISIBLE_ROWS: f32 = 12.0;
/// The palette's width, in points, when the window is wide enough.
const WIDTH: f32 = 520.0;

impl CommandPalette {
    /// Open the palette with an empty search (again if it is open).
    pub fn open(&mut self) {
        *self = Self {
            open: true,
            focus_field: true,
            ..Self::default()
        };
    }

    /// Close it without running anything.
    pub fn close(&mut self) {
        *self = Self::default();
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// What has been typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Draw the palette if it is open, every item enabled; see
    /// [`Self::show_with_enabled`].
    pub fn show(&mut self, ctx: &egui::Context, items: &[PaletteItem]) -> Option<PaletteItem> {
        self.show_with_enabled(ctx, items, &|_| true)
    }

    /// Draw the palette if it is open and return the item the planner chose
    /// this frame (Enter on the highlighted row, or a click on a row); the
    /// palette closes when it returns one. Escape or a click outside closes
    /// it and returns `None`.
    ///
    /// Items for which `is_enabled` is false are listed greyed out (so the
    /// planner learns they exist) but never returned: Enter and clicks on
    /// them do nothing. Up/Down visit them too; the highlight starts on the
    /// best enabled match.
    ///
    /// While open the palette takes Up, Down, Enter and Escape (without
    /// modifiers) from the frame's input, so call it before anything else
    /// reads those keys.
    pub fn show_with_enabled(
        &mut self,
        ctx: &egui::Context,
        items: &[PaletteItem],
        is_enabled: &dyn Fn(&PaletteItem) -> bool,
    ) -> Option<PaletteItem> {
        if !self.open {
            return None;
        }
        let (up, down, enter, escape) = ctx.input_mut(|i| {
            (
                i.count_and_consume_key(Modifiers::NONE, Key::ArrowUp),
                i.count_and_consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        if escape {
            self.close();
            return None;
        }

        let modal_id = Id::unique("command_palette");
        let field_id = modal_id.with("query");
        let width = WIDTH.min(ctx.content_rect().width() - 32.0).max(200.0);
        let area = Modal::default_area(modal_id).anchor(Align2::CENTER_TOP, vec2(0.0, 72.0));
        let mut chosen: Option<usize> = None;

        let modal = Modal::new(modal_id).area(area).show(ctx, |ui| {
            ui.set_width(width);
            if self.focus_field || ui.memory(|m| m.focused().is_none()) {
                ui.memory_mut(|m| m.request_focus(field_id));
                self.focus_field = false;
            }
            let field = ui.add(
                TextEdit::singleline(&mut self.query)
                    .id(field_id)
                    .font(TextStyle::Heading)
                    .hint_text("Type a command, mineral, event or variant")
                    .desired_width(f32::INFINITY)
                    .return_key(None)
                    .event_filter(EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        tab: false,
                        escape: false,
                    }),
            );
            let rows = rank(&self.query, items);
            let enabled = |row: usize| is_enabled(&items[rows[row]]);
            if field.changed() {
                self.highlighted = (0..rows.len()).find(|&r| enabled(r)).unwrap_or(0);
                self.scroll_to_highlight = true;
            }
            if !rows.is_empty() {
                let n = rows.len();
                let moved = (down % n + n - up % n) % n;
                if moved != 0 {
                    self.highlighted = (self.highlighted.min(n - 1) + moved) % n;
                    self.scroll_to_highlight = true;
                }
            }
            self.highlighted = self.highlighted.min(rows.len().saturating_sub(1));
            if enter && !rows.is_empty() && enabled(self.highlighted) {
                chosen = Some(rows[self.highlighted]);
            }

            ui.add_space(6.0);
            let row_height = ui.spacing().interact_size.y * 1.5;
            let spacing = ui.spacing().item_spacing.y;
            let mut highlighted_id = None;
            let list = ScrollArea::vertical()
                .max_height(VISIBLE_ROWS * (row_height + spacing))
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    ui.scope_builder(
                        UiBuilder::new()
                            .accessibility_role(Role::ListBox)
                            .accessibility_label("Matches"),
                        |ui| {
                            if rows.is_empty() {
                                ui.weak("No matches");
                            }
                            for (row, &i) in rows.iter().enumerate() {
                                let item = &items[i];
                                let label = item.label();
                                let hint = item.hint(ui.ctx());
                                let is_highlighted = row == self.highlighted;
                                let on = enabled(row);
                                let mut response = ui.add_enabled(
                                    on,
                                    Button::selectable(is_highlighted, label.as_str())
                                        .shortcut_text(hint.as_str())
                                        .min_size(vec2(ui.available_width(), row_height)),
                                );
                                // Name the option by its label alone; the
                                // shortcut is announced as a shortcut.
                                ui.ctx().accesskit_node_builder(response.id, |node| {
                                    node.set_role(Role::ListBoxOption);
                                    node.set_label(label.as_str());
                                    node.clear_toggled();
                                    node.set_selected(is_highlighted);
                                    node.set_position_in_set(row + 1);
                                    node.set_size_of_set(rows.len());
                                    if matches!(item, PaletteItem::Command(_)) && !hint.is_empty() {
                                        node.set_keyboard_shortcut(hint.as_str());
                                    }
                                });
                                if let Some(tip) = item.tooltip() {
                                    response = if on {
                                        response.on_hover_text(tip)
                                    } else {
                                        response.on_disabled_hover_text(format!(
                                            "{tip} (not available now)"
                                        ))
                                    };
                                }
                                if response.gained_focus() {
                                    self.highlighted = row;
                                }
                                if is_highlighted {
                                    highlighted_id = Some(response.id);
                                    if self.scroll_to_highlight {
                                        response.scroll_to_me(Some(Align::Center));
                                        self.scroll_to_highlight = false;
                                    }
                                }
                                if on && response.clicked() {
                                    chosen = Some(i);
                                }
                            }
                            ui.unique_id()
                        },
                    )
                    .inner
                });
            ui.add_space(4.0);
            ui.weak("Up/Down to choose, Enter to run, Escape to close");

            // The field is a combo box controlling the list, with the
            // highlighted option as its active descendant.
            let list_id = list.inner;
            ui.ctx().accesskit_node_builder(field.id, |node| {
                node.set_role(Role::EditableComboBox);
                node.set_label("Command palette search");
                node.set_expanded(true);
                node.set_controls(vec![list_id.accesskit_id()]);
                match highlighted_id {
                    Some(id) => node.set_active_descendant(id.accesskit_id()),
                    None => node.clear_active_descendant(),
                }
            });
        });
        ctx.accesskit_node_builder(modal_id, |node| {
            node.set_label("Command palette");
        });

        if let Some(i) = chosen {
            self.close();
            return Some(items[i].clone());
        }
        if modal.should_close() {
            self.close();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<PaletteItem> {
        PaletteItem::all(
            ["Cobalt", "Antimony", "Gallium"],
            ["DRC suspension", "China export ban"],
            ["Ban in 2026"],
        )
    }

    /// The labels `query` finds, best first.
    fn found(query: &str) -> Vec<String> {
        let items = items();
        rank(query, &items)
            .into_iter()
            .map(|i| items[i].label())
            .collect()
    }

    fn score(query: &str, label: &str) -> u32 {
        fuzzy_score(query, label).unwrap_or_else(|| panic!("{query:?} should match {label:?}"))
    }

    #[test]
    fn labels_say_what_the_row_does() {
        let items = items();
        let labels: Vec<String> = items.iter().map(PaletteItem::label).collect();
        for expected in [
            "Add mineral",
            "Add event",
            "Go to mineral: Cobalt",
            "Go to event: DRC suspension",
            "Switch to variant: Ban in 2026",
        ] {
            assert!(labels.iter().any(|l| l == expected), "{expected}");
        }
        assert!(!items.contains(&PaletteItem::Command(Command::CommandPalette)));
        let unnamed = PaletteItem::Mineral {
            index: 2,
            name: " ".into(),
        };
        assert_eq!(unnamed.label(), "Go to mineral: (unnamed mineral 3)");
    }

    #[test]
    fn hints_are_shortcuts_or_kinds() {
        let ctx = egui::Context::default();
        let add = PaletteItem::Command(Command::AddMineral).hint(&ctx);
        assert!(add.contains('M') && add.contains("Shift"), "{add}");
        assert_eq!(PaletteItem::Command(Command::AddEvent).hint(&ctx), "");
        assert_eq!(items()[Command::ALL.len() - 1].hint(&ctx), "mineral");
    }

    #[test]
    fn an_empty_query_lists_everything_in_order() {
        let all = items();
        assert_eq!(rank("", &all), (0..all.len()).collect::<Vec<_>>());
        assert_eq!(rank("   ", &all).len(), all.len());
        assert_eq!(fuzzy_score("", "anything"), Some(0));
    }

    #[test]
    fn adm_finds_add_mineral_first_and_not_add_event() {
        assert_eq!(found("adm")[0], "Add mineral");
        assert_eq!(fuzzy_score("adm", "Add event"), None);
        assert!(!found("adm").contains(&"Add event".to_string()));
    }

    #[test]
    fn sav_puts_save_before_save_as() {
        let found = found("sav");
        assert_eq!(&found[..2], ["Save", "Save As..."]);
        assert!(score("sav", "Save") > score("sav", "Save As..."));
    }

    #[test]
    fn cob_finds_the_cobalt_mineral() {
        // "China export ban" and "Switch to variant: Ban in 2026" hold c, o, b
        // too, spread out: they come after.
        assert_eq!(found("cob")[0], "Go to mineral: Cobalt");
        assert_eq!(found("COB"), found("cob"), "case does not matter");
    }

    #[test]
    fn letters_that_are_not_there_find_nothing() {
        assert!(found("xyz").is_empty());
        assert_eq!(fuzzy_score("xyz", "Add mineral"), None);
        // All the letters, but not in this order.
        assert_eq!(fuzzy_score("bc", "Cobalt"), None);
        assert_eq!(fuzzy_score("cobalts", "Cobalt"), None);
    }

    #[test]
    fn a_word_start_beats_the_middle_of_a_word() {
        assert!(score("ev", "Add event") > score("ev", "Lever"));
        assert!(score("ban", "Switch to variant: Ban in 2026") > score("ban", "Urban"));
        // Found in the middle of a word is still found.
        assert_eq!(found("ntim"), ["Go to mineral: Antimony"]);
    }

    #[test]
    fn consecutive_letters_and_the_prefix_score_more() {
        assert!(score("zoom", "Zoom in") > score("zoom", "Zap of old mines"));
        assert!(score("re", "Redo") > score("re", "Remove mineral"));
        assert!(score("red", "Redo") > score("red", "Remove editor"));
        assert!(score("sa", "Save") > score("sa", "Go to variant: Sanctions"));
    }

    #[test]
    fn the_best_way_to_match_is_taken_not_the_first() {
        // Greedy would take "ab" inside "xab"; the word "ab" scores more.
        assert!(score("ab", "xab ab") > score("ab", "xab xb"));
        assert_eq!(found("gal")[0], "Go to mineral: Gallium");
    }

    #[test]
    fn spaces_in_the_query_are_ignored() {
        assert_eq!(
            fuzzy_score("add m", "Add mineral"),
            fuzzy_score("addm", "Add mineral")
        );
        assert_eq!(found("go to cob")[0], "Go to mineral: Cobalt");
    }

    #[test]
    fn letters_that_lowercase_to_two_still_match() {
        // "İ" lowercases to "i" and a combining dot.
        assert!(fuzzy_score("istanbul", "İstanbul").is_some());
        assert!(fuzzy_score("ñ", "Ñandú").is_some());
    }
}
