//! What a CSV import of signatories will do, row by row, before it is applied.

use std::path::PathBuf;

use egui::ScrollArea;

use crate::model::Signatory;
use crate::storage::signatories::{ImportReport, Outcome};

pub struct ImportPreview {
    pub path: PathBuf,
    pub report: ImportReport,
    /// The signatories as they will be once the import is applied.
    pub list: Vec<Signatory>,
}

pub enum ImportOutcome {
    /// Replace the memo's signatories with `list` (one undo step).
    Apply {
        path: PathBuf,
        list: Vec<Signatory>,
    },
    Cancel,
}

impl ImportPreview {
    /// `None` while the dialog stays open.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<ImportOutcome> {
        let mut apply = None;
        let report = &self.report;
        egui::Modal::new(super::modal_id()).show(ctx, |ui| {
            ui.set_max_width(640.0);
            ui.heading("Import signatories");
            ui.label(format!(
                "{}: {}, {} separated.",
                self.path.display(),
                report.encoding,
                report.delimiter_name()
            ));
            ui.label(format!(
                "{} new, {} merged into organizations already listed, {} skipped.",
                report.count(|o| *o == Outcome::Added),
                report.count(|o| matches!(o, Outcome::Merged(_))),
                report.count(|o| matches!(o, Outcome::Skipped(_))),
            ));
            let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
            ScrollArea::vertical().max_height(360.0).show_rows(
                ui,
                row_height,
                report.rows.len(),
                |ui, range| {
                    for row in report.rows.get(range).unwrap_or_default() {
                        // "row 3: Fundar: merged into …; added contact …"
                        // One line per row, so the list scrolls evenly; all of it on hover.
                        let text = row.to_string();
                        ui.add(egui::Label::new(&text).truncate())
                            .on_hover_text(text);
                    }
                },
            );
            ui.horizontal(|ui| {
                if ui.button("Apply import").clicked() {
                    apply = Some(true);
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    apply = Some(false);
                }
            });
        });
        Some(if apply? {
            ImportOutcome::Apply {
                path: self.path.clone(),
                list: std::mem::take(&mut self.list),
            }
        } else {
            ImportOutcome::Cancel
        })
    }
}
