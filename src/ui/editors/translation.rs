//! The translation view: each passage's source text beside its translation into one
//! language, with the passage's state (missing, stale with what changed in the source,
//! up to date, reviewed), a button to confirm a stale one unchanged, a reviewed mark, and
//! a jump to the next passage that needs work. Typing on either side is an ordinary edit.

use std::collections::HashMap;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText, Ui};

use super::EditContext;
use super::text_field::{FieldFocus, FieldKind, memo_text_ui};
use crate::layout::Part;
use crate::model::find::Field;
use crate::model::{
    Language, Passage, PassageState, SourceChange, TranslationStatus, source_changes,
};

#[derive(Default)]
pub struct TranslationEditor {
    /// The language being translated into; the memo's first translation when unset.
    pub language: Option<Language>,
    /// Show only the passages that are missing or stale.
    needs_work_only: bool,
    /// Each passage's height when last shown: passages scrolled out of view take their
    /// space without being drawn (a long memo has hundreds).
    heights: HashMap<Passage, f32>,
    /// The passage last asked for (by Next, Find or a click on the page), drawn even out
    /// of view until its field has the keyboard: the estimate of the heights above it
    /// may put it elsewhere than where the scroll went.
    pinned: Option<Passage>,
}

/// The height assumed for a passage not shown yet.
const UNSEEN_HEIGHT: f32 = 140.0;

impl TranslationEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Translation");
        let source = edit.memo.language;
        let languages: Vec<Language> = edit.memo.translation_languages().collect();
        for &language in &languages {
            if edit.take_focus_request(Part::Translation(language)) {
                self.language = Some(language);
                self.jump_to_next(edit, language);
            }
        }
        if let Some(FieldFocus {
            field: Field::Translation(language, _),
            ..
        }) = edit.focus_field
        {
            // A find match or a click on the translated preview: show it, filtered or not.
            self.language = Some(*language);
            self.needs_work_only = false;
        }
        ui.horizontal_wrapped(|ui| {
            for language in Language::ALL {
                if language != source
                    && !languages.contains(&language)
                    && ui
                        .button(format!("Add a {} translation", language.name()))
                        .clicked()
                {
                    edit.checkpoint();
                    edit.memo.add_translation(language);
                    self.language = Some(language);
                }
            }
        });
        let Some(language) = self
            .language
            .filter(|l| languages.contains(l))
            .or_else(|| languages.first().copied())
        else {
            ui.label(format!(
                "The memo is written in {}. A translation keeps another language's version in this draft: each passage beside its {} source, marked stale when the source changes, and exported as its own PDF (choose the language above the preview).",
                source.name(),
                source.name()
            ));
            return;
        };
        self.language = Some(language);
        // Each passage's state, worked out once a frame (it hashes every source text).
        let states = edit.memo.passage_states(language);
        let counts = TranslationStatus::of(&states);
        if self.toolbar_ui(ui, edit, language, &languages, &counts) {
            return;
        }
        ui.separator();
        if states.is_empty() {
            ui.label("Nothing to translate yet: the memo has no text.");
        }
        let mut shown = 0;
        for (passage, state) in states {
            let asked = edit
                .focus_field
                .as_ref()
                .is_some_and(|f| f.field == Field::Translation(language, passage));
            let in_use = edit.field_in_use.is_some_and(|f| {
                f.field == Field::Translation(language, passage)
                    || Some(f.field) == Field::of_passage(passage, edit.memo)
            });
            // The passage being typed in stays, though typing may make it up to date.
            let keep = asked || in_use || self.pinned == Some(passage);
            if self.needs_work_only && !state.needs_work() && !keep {
                continue;
            }
            shown += 1;
            // Out of view and not being typed in: only its space.
            let height = self.heights.get(&passage).copied().unwrap_or(UNSEEN_HEIGHT);
            let space = egui::Rect::from_min_size(
                ui.cursor().min,
                egui::vec2(ui.available_width(), height),
            );
            if asked {
                self.pinned = Some(passage);
            }
            if in_use && self.pinned == Some(passage) {
                self.pinned = None;
            }
            let pinned = self.pinned == Some(passage);
            if !asked && !in_use && !pinned && !ui.is_rect_visible(space) {
                ui.allocate_space(space.size());
                continue;
            }
            let top = ui.cursor().min.y;
            ui.push_id(passage, |ui| {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    passage_ui(ui, edit, language, passage, state);
                });
            });
            self.heights.insert(passage, ui.cursor().min.y - top);
        }
        if shown == 0 && self.needs_work_only {
            ui.label(format!(
                "Every passage of the {} translation is up to date.",
                language.name()
            ));
        }
    }

    fn toolbar_ui(
        &mut self,
        ui: &mut Ui,
        edit: &mut EditContext<'_>,
        language: Language,
        languages: &[Language],
        status: &TranslationStatus,
    ) -> bool {
        let mut removed = false;
        ui.horizontal_wrapped(|ui| {
            if languages.len() > 1 {
                egui::ComboBox::from_id_salt("translation-language")
                    .selected_text(language.name())
                    .show_ui(ui, |ui| {
                        for &l in languages {
                            ui.selectable_value(&mut self.language, Some(l), l.name());
                        }
                    });
            }
            ui.label(format!(
                "{} from {}: {} missing, {} stale, {} up to date, {} reviewed",
                language.name(),
                edit.memo.language.name(),
                status.missing.len(),
                status.stale.len(),
                status.up_to_date,
                status.reviewed
            ));
        });
        ui.horizontal_wrapped(|ui| {
            let work = status.missing.len() + status.stale.len();
            if ui
                .add_enabled(work > 0, egui::Button::new("Next missing or stale"))
                .on_hover_text(
                    "Goes to the next passage after the one you are in that needs a translator",
                )
                .clicked()
            {
                self.jump_to_next(edit, language);
            }
            ui.checkbox(&mut self.needs_work_only, "Only what needs work");
            if ui
                .button(format!("Remove the {} translation", language.name()))
                .on_hover_text("Undo brings it back")
                .clicked()
            {
                edit.checkpoint();
                edit.memo.translations.remove(&language);
                self.language = None;
                removed = true;
            }
        });
        removed
    }

    /// Focuses the translation of the next passage that is missing or stale, after the one
    /// being edited (from the top when none is), wrapping around.
    fn jump_to_next(&mut self, edit: &mut EditContext<'_>, language: Language) {
        let passages: Vec<Passage> = edit.memo.passages().into_iter().map(|(p, _)| p).collect();
        let current = match *edit.field_in_use {
            Some(in_use) => match in_use.field {
                Field::Translation(l, p) if l == language => passages.iter().position(|q| *q == p),
                _ => None,
            },
            None => None,
        };
        let start = current.map_or(0, |i| i + 1);
        let next = (0..passages.len())
            .filter_map(|k| passages.get((start + k) % passages.len()))
            .find(|p| edit.memo.passage_state(language, **p).needs_work());
        if let Some(&passage) = next {
            *edit.focus_field = Some(FieldFocus {
                field: Field::Translation(language, passage),
                select: 0..0,
            });
        }
    }
}

/// One passage: its name and state, what changed in a stale one's source, and the two
/// texts side by side.
fn passage_ui(
    ui: &mut Ui,
    edit: &mut EditContext<'_>,
    language: Language,
    passage: Passage,
    state: PassageState,
) {
    ui.horizontal(|ui| {
        ui.strong(passage.describe(edit.memo));
        ui.label(state_mark(state));
        match state {
            PassageState::Stale => {
                if ui
                    .button("Confirm unchanged")
                    .on_hover_text("The translation still says what the changed source says")
                    .clicked()
                {
                    edit.checkpoint();
                    edit.memo.confirm_translation(language, passage);
                }
            }
            PassageState::UpToDate | PassageState::Reviewed => {
                let mut reviewed = state == PassageState::Reviewed;
                if ui
                    .checkbox(&mut reviewed, "Reviewed")
                    .on_hover_text("Someone checked this translation against its source")
                    .changed()
                {
                    edit.checkpoint();
                    edit.memo.set_reviewed(language, passage, reviewed);
                }
            }
            PassageState::Missing => {}
        }
    });
    if state == PassageState::Stale
        && let (Some(was), Some(now)) = (
            edit.memo
                .translated(language, passage)
                .map(|t| t.source.clone()),
            edit.memo.source(passage).map(str::to_owned),
        )
        && !was.is_empty()
    {
        ui.label(
            RichText::new(format!(
                "What changed in the {} since it was translated:",
                edit.memo.language.name()
            ))
            .weak(),
        );
        ui.label(changes_job(ui, &source_changes(&was, &now)));
    }
    let long = matches!(
        passage,
        Passage::Introduction
            | Passage::Evidence(_)
            | Passage::QuoteText(_)
            | Passage::Recommendation(_)
            | Passage::SignatoriesIntro
            | Passage::Closing
    );
    let kind = if long {
        FieldKind::Area { rows: 4 }
    } else {
        FieldKind::Line { hint: "" }
    };
    let part = passage.part(edit.memo);
    let source_field = Field::of_passage(passage, edit.memo);
    ui.columns(2, |columns| {
        if let [left, right] = columns {
            let l = left.label(RichText::new(edit.memo.language.name()).weak());
            if let Some(field) = source_field
                && let Some(r) = memo_text_ui(left, edit, field, kind)
            {
                edit.track_selection(&r.labelled_by(l.id), part);
            }
            let l = right.label(RichText::new(language.name()).weak());
            if let Some(r) = memo_text_ui(right, edit, Field::Translation(language, passage), kind)
            {
                edit.track_selection(&r.labelled_by(l.id), part);
            }
        }
    });
}

/// The state as a coloured word.
fn state_mark(state: PassageState) -> RichText {
    let color = match state {
        PassageState::Missing => Color32::from_rgb(200, 40, 40),
        PassageState::Stale => Color32::from_rgb(190, 130, 0),
        PassageState::UpToDate => Color32::from_rgb(60, 140, 60),
        PassageState::Reviewed => Color32::from_rgb(40, 110, 180),
    };
    RichText::new(state.label()).color(color).strong()
}

/// The source's changes as text: removed words struck through in red, added words
/// underlined in green.
fn changes_job(ui: &Ui, changes: &[SourceChange]) -> LayoutJob {
    side_job(ui, changes, None)
}

/// The changes marked, from one side only when `theirs` is given: ours (`false`) with the
/// removed words struck, theirs (`true`) with the added ones underlined.
pub(crate) fn side_job(ui: &Ui, changes: &[SourceChange], theirs: Option<bool>) -> LayoutJob {
    let font_id = egui::TextStyle::Body.resolve(ui.style());
    let normal = TextFormat::simple(font_id, ui.visuals().text_color());
    let removed = TextFormat {
        color: Color32::from_rgb(200, 40, 40),
        strikethrough: egui::Stroke::new(1.0, Color32::from_rgb(200, 40, 40)),
        ..normal.clone()
    };
    let added = TextFormat {
        color: Color32::from_rgb(40, 140, 40),
        underline: egui::Stroke::new(1.0, Color32::from_rgb(40, 140, 40)),
        ..normal.clone()
    };
    let mut job = LayoutJob::default();
    for change in changes {
        match change {
            SourceChange::Same(t) => job.append(t, 0.0, normal.clone()),
            SourceChange::Removed(t) if theirs != Some(true) => {
                job.append(t, 0.0, removed.clone());
            }
            SourceChange::Added(t) if theirs != Some(false) => job.append(t, 0.0, added.clone()),
            SourceChange::Removed(_) | SourceChange::Added(_) => {}
        }
    }
    job.wrap.max_width = ui.available_width();
    job
}
