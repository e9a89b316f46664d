//! The header editor: label, date, subject, FROM line, language, closing and the
//! signatories' intro sentence, plus the internal notes.

use egui::{ComboBox, Grid, Ui};

use super::EditContext;
use super::date_field::date_field_ui;
use super::fields::{area_ui, line_ui, today};
use crate::layout::Part;
use crate::model::Language;

#[derive(Default)]
pub struct HeaderEditor;

impl HeaderEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Header");
        Grid::new("header")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let r = line_ui(ui, "Label", &mut edit.memo.heading, "MEMORANDUM");
                edit.track(&r, Part::Heading);

                let l = ui.label("Date");
                ui.horizontal(|ui| date_ui(ui, l.id, edit));
                ui.end_row();

                let r = line_ui(
                    ui,
                    "Subject",
                    &mut edit.memo.subject,
                    "What the memo is about",
                );
                edit.track(&r, Part::Subject);
                let derived = edit.memo.from_line();
                let hint = if derived.is_empty() {
                    "The coalition; empty: the lead signatories".to_owned()
                } else {
                    derived
                };
                let r = line_ui(ui, "From", &mut edit.memo.from, &hint);
                edit.track(&r, Part::From);

                let l = ui.label("Language");
                let mut language = edit.memo.language;
                ComboBox::from_id_salt("language")
                    .selected_text(language_label(language))
                    .show_ui(ui, |ui| {
                        for lang in [Language::English, Language::Spanish] {
                            ui.selectable_value(&mut language, lang, language_label(lang));
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if language != edit.memo.language {
                    edit.checkpoint();
                    edit.memo.language = language;
                }
                ui.end_row();

                let r = area_ui(ui, "Closing contact", &mut edit.memo.closing, 2);
                edit.track(&r, Part::Closing);
                area_ui(ui, "Signatories intro", &mut edit.memo.signatories_intro, 2);
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
