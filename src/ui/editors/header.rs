//! The header editor: label, date, subject, FROM line, language and closing, plus the
//! internal notes.

use egui::{ComboBox, Grid, Ui};

use super::EditContext;
use super::date_field::date_field_ui;
use super::fields::area_ui;
use super::text_field::{FieldKind, text_field_ui};
use crate::layout::Part;
use crate::model::Language;
use crate::model::find::Field;
use crate::ui::today;

#[derive(Default)]
pub struct HeaderEditor;

impl HeaderEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Header");
        Grid::new("header")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let hint = FieldKind::Line { hint: "MEMORANDUM" };
                if let Some(r) = text_field_ui(ui, edit, "Label", Field::Heading, hint) {
                    edit.track(&r, Part::Heading);
                }

                let l = ui.label("Date");
                ui.horizontal(|ui| date_ui(ui, l.id, edit));
                ui.end_row();

                let hint = FieldKind::Line {
                    hint: "What the memo is about",
                };
                if let Some(r) = text_field_ui(ui, edit, "Subject", Field::Subject, hint) {
                    edit.track(&r, Part::Subject);
                }
                let derived = edit.memo.from_line();
                let hint = if derived.is_empty() {
                    "The coalition; empty: the lead signatories".to_owned()
                } else {
                    derived
                };
                let hint = FieldKind::Line { hint: &hint };
                if let Some(r) = text_field_ui(ui, edit, "From", Field::From, hint) {
                    edit.track(&r, Part::From);
                }

                let l = ui.label("Language");
                let mut language = edit.memo.language;
                ComboBox::from_id_salt("language")
                    .selected_text(language_label(language))
                    .show_ui(ui, |ui| {
                        for lang in Language::ALL {
                            ui.selectable_value(&mut language, lang, language_label(lang));
                        }
                    })
                    .response
                    .labelled_by(l.id)
                    .on_hover_text(
                        "The language the memo is written in: its labels, dates and hyphenation. A version in another language is kept in the Translation section; choosing that language here makes its text the memo's, and the current text its translation.",
                    );
                if language != edit.memo.language {
                    edit.checkpoint();
                    // Its translation, if it has one, becomes the memo's text.
                    edit.memo.make_source(language);
                }
                ui.end_row();

                let two = FieldKind::Area { rows: 2 };
                if let Some(r) = text_field_ui(ui, edit, "Closing contact", Field::Closing, two) {
                    edit.track(&r, Part::Closing);
                }
                area_ui(
                    ui,
                    "Internal notes (never printed)",
                    &mut edit.memo.notes,
                    3,
                );
            });
    }
}

/// The memo's date: typed or picked, or a button to set it when there is none.
fn date_ui(ui: &mut Ui, label: egui::Id, edit: &mut EditContext<'_>) {
    match edit.memo.date {
        Some(date) => {
            let field = date_field_ui(ui, "memo-date", label, date, edit.memo.language);
            edit.track(&field.response, Part::Date);
            if let Some(new) = field.changed {
                edit.checkpoint();
                edit.memo.date = Some(new);
            }
            if ui.button("No date").clicked() {
                edit.checkpoint();
                edit.memo.date = None;
            }
        }
        None => {
            if ui.button("Set date (today)").labelled_by(label).clicked() {
                edit.checkpoint();
                edit.memo.date = Some(today());
            }
        }
    }
}

fn language_label(language: Language) -> &'static str {
    match language {
        Language::English => "English",
        Language::Spanish => "Español",
    }
}
