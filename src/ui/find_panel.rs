//! Find and replace across every text of the memo (Ctrl+F, Ctrl+H): a window beside the
//! editor that steps through the matches field by field. It only says what the user
//! asked for; the app focuses the field, shows the match and replaces (one undo step).

use egui::{Key, TextEdit};

use crate::model::Memo;
use crate::model::find::{self, Field, Match, Query};

/// What the user asked of the find window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindAction {
    /// Focus this match's field with the match selected.
    Show(Match),
    /// Replace this match with `replacement`, then show the next one.
    Replace { found: Match, replacement: String },
    /// Replace every match (one undo step).
    ReplaceAll { replacement: String },
}

// Four independent switches of one small window; an enum would not make it clearer.
#[allow(clippy::struct_excessive_bools)]
#[derive(Default)]
pub struct FindPanel {
    pub open: bool,
    /// Whether the replace row is shown (Ctrl+H) or only find (Ctrl+F).
    pub replacing: bool,
    pub query: Query,
    replacement: String,
    matches: Vec<Match>,
    /// Where each field comes in the memo, for ordering places across fields.
    order: Vec<Field>,
    /// The match shown last. Kept as the match itself, not an index: after an edit the
    /// list is found again and a match that is no longer there is not shown as current.
    shown: Option<Match>,
    /// Where the next step forward starts when it is not after the match shown (after a
    /// replacement: the end of the inserted text).
    resume_at: Option<(Field, usize)>,
    /// The query and memo version `matches` were found for.
    found_for: Option<(Query, u64)>,
    focus_needle: bool,
    /// Enter steps to the next match until the user does something else, as in a word
    /// processor's find dialog, even while the match's field has the keyboard.
    pub enter_steps: bool,
}

impl FindPanel {
    /// Opens the window (with the replace row for `replacing`) and focuses the search box.
    pub fn show(&mut self, replacing: bool) {
        self.open = true;
        self.replacing |= replacing;
        self.focus_needle = true;
    }

    /// Finds again if the query or the memo (its `version`) changed since the last time.
    fn refresh(&mut self, memo: &Memo, version: u64) {
        let key = (self.query.clone(), version);
        if self.found_for.as_ref() != Some(&key) {
            self.matches = find::find_all(memo, &self.query);
            self.order = find::fields(memo);
            self.found_for = Some(key);
        }
    }

    /// A place in the memo as (field's position in print order, byte in the field).
    fn place(&self, field: Field, byte: usize) -> (usize, usize) {
        let at = self.order.iter().position(|f| *f == field);
        (at.unwrap_or(usize::MAX), byte)
    }

    /// The match shown, if it is still one of the matches (its position in the list).
    fn current(&self) -> Option<usize> {
        let shown = self.shown.as_ref()?;
        self.matches.iter().position(|m| m == shown)
    }

    /// The next (or previous) match after the one shown, wrapping around.
    pub fn step(&mut self, memo: &Memo, version: u64, forward: bool) -> Option<FindAction> {
        self.refresh(memo, version);
        let resume = self.resume_at.take();
        let places: Vec<(usize, usize)> = self
            .matches
            .iter()
            .map(|m| self.place(m.field, m.range.start))
            .collect();
        let next = if forward {
            // The first match at or after where we are (just after the match shown, or
            // after the text a replacement inserted), else the first of all.
            let from = resume
                .map(|(field, byte)| self.place(field, byte))
                .or_else(|| {
                    self.shown
                        .as_ref()
                        .map(|m| self.place(m.field, m.range.start + 1))
                });
            from.and_then(|from| places.iter().position(|p| *p >= from))
                .or_else(|| (!places.is_empty()).then_some(0))
        } else {
            let from = self
                .shown
                .as_ref()
                .map(|m| self.place(m.field, m.range.start));
            from.and_then(|from| places.iter().rposition(|p| *p < from))
                .or_else(|| places.len().checked_sub(1))
        };
        self.shown = next.and_then(|i| self.matches.get(i)).cloned();
        self.shown.clone().map(FindAction::Show)
    }

    /// Draws the window; `memo` at `version` is searched. Escape closes it unless
    /// `dialog_open` (then Escape is the dialog's).
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        memo: &Memo,
        version: u64,
        dialog_open: bool,
    ) -> Option<FindAction> {
        if !self.open {
            return None;
        }
        self.refresh(memo, version);
        let mut action = None;
        let mut open = self.open;
        egui::Window::new("Find and replace")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .default_width(360.0)
            .anchor(egui::Align2::RIGHT_TOP, [-16.0, 48.0])
            .show(ctx, |ui| {
                egui::Grid::new("find").num_columns(2).show(ui, |ui| {
                    let l = ui.label("Find");
                    let needle = ui
                        .add(TextEdit::singleline(&mut self.query.needle).desired_width(240.0))
                        .labelled_by(l.id);
                    if std::mem::take(&mut self.focus_needle) {
                        needle.request_focus();
                    }
                    if needle.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                        action = self.step(memo, version, true);
                    }
                    if needle.changed() {
                        self.shown = None;
                    }
                    ui.end_row();
                    if self.replacing {
                        let l = ui.label("Replace with");
                        ui.add(TextEdit::singleline(&mut self.replacement).desired_width(240.0))
                            .labelled_by(l.id);
                        ui.end_row();
                    }
                });
                ui.horizontal(|ui| {
                    ui.checkbox(&mut self.query.match_case, "Match case");
                    ui.checkbox(&mut self.query.whole_word, "Whole words");
                });
                ui.label(match (self.current(), self.matches.len()) {
                    (_, 0) if self.query.needle.is_empty() => String::new(),
                    (_, 0) => "No matches".to_owned(),
                    (Some(i), n) => format!("{} of {n} matches", i + 1),
                    (None, n) => format!("{n} matches"),
                });
                ui.horizontal(|ui| {
                    let any = !self.matches.is_empty();
                    if ui
                        .add_enabled(any, egui::Button::new("Previous"))
                        .on_hover_text("Shift+F3")
                        .clicked()
                    {
                        action = self.step(memo, version, false);
                    }
                    if ui
                        .add_enabled(any, egui::Button::new("Next"))
                        .on_hover_text("F3")
                        .clicked()
                    {
                        action = self.step(memo, version, true);
                    }
                    if !self.replacing {
                        if ui.button("Replace…").clicked() {
                            self.replacing = true;
                        }
                        return;
                    }
                    let current = self.current().and_then(|i| self.matches.get(i)).cloned();
                    if ui
                        .add_enabled(current.is_some(), egui::Button::new("Replace"))
                        .clicked()
                        && let Some(found) = current
                    {
                        action = Some(FindAction::Replace {
                            found,
                            replacement: self.replacement.clone(),
                        });
                    }
                    if ui
                        .add_enabled(any, egui::Button::new("Replace all"))
                        .clicked()
                    {
                        action = Some(FindAction::ReplaceAll {
                            replacement: self.replacement.clone(),
                        });
                    }
                });
            });
        // Escape closes the window, as in a word processor's find bar.
        if open && !dialog_open && ctx.input(|i| i.key_pressed(Key::Escape)) {
            open = false;
        }
        self.open = open;
        action
    }

    /// After `found` was replaced by `inserted_len` bytes, the next step starts after the
    /// inserted text: a replacement that still matches is not shown again.
    pub fn replaced(&mut self, found: &Match, inserted_len: usize) {
        self.shown = None;
        self.resume_at = Some((found.field, found.range.start + inserted_len));
    }
}
