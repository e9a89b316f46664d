//! "Which column is which?": asked when a sign-on CSV's headers are not ones memodraft
//! recognises, before the import preview.

use std::path::PathBuf;

use crate::storage::signatories::Field;

pub struct ColumnMapping {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub headers: Vec<String>,
    /// What each column holds; `None` ignores it.
    pub mapping: Vec<Option<Field>>,
}

pub enum MappingOutcome {
    /// Import `bytes` with this mapping (shown in the import preview first).
    Continue {
        path: PathBuf,
        bytes: Vec<u8>,
        mapping: Vec<Option<Field>>,
    },
    Cancel,
}

impl ColumnMapping {
    /// A mapping guessed from the headers, for the user to correct.
    pub fn new(path: PathBuf, bytes: Vec<u8>) -> Self {
        let headers = crate::storage::signatories::headers(&bytes);
        let mapping = crate::storage::signatories::guess_columns(&headers);
        Self {
            path,
            bytes,
            headers,
            mapping,
        }
    }

    /// `None` while the dialog stays open.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<MappingOutcome> {
        let mut go_on = None;
        egui::Modal::new(super::modal_id()).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("Which column is which?");
            ui.label(format!(
                "memodraft does not know the headers of {}. Choose what each column holds; at least one must be the organization.",
                self.path.display()
            ));
            egui::Grid::new("mapping").show(ui, |ui| {
                for (i, (header, field)) in
                    self.headers.iter().zip(self.mapping.iter_mut()).enumerate()
                {
                    let l = ui.label(header);
                    egui::ComboBox::from_id_salt(("map", i))
                        .selected_text(field.map_or("(ignore)", Field::label))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(field, None, "(ignore)");
                            for f in Field::ALL {
                                ui.selectable_value(field, Some(f), f.label());
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    ui.end_row();
                }
            });
            ui.horizontal(|ui| {
                let ready = self.mapping.contains(&Some(Field::Organization));
                if ui
                    .add_enabled(ready, egui::Button::new("Continue"))
                    .clicked()
                {
                    go_on = Some(true);
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    go_on = Some(false);
                }
            });
        });
        Some(if go_on? {
            MappingOutcome::Continue {
                path: self.path.clone(),
                bytes: std::mem::take(&mut self.bytes),
                mapping: std::mem::take(&mut self.mapping),
            }
        } else {
            MappingOutcome::Cancel
        })
    }
}
