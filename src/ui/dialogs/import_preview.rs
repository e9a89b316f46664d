//! What a CSV import of signatories will do, row by row, before it is applied; and which
//! of the rows received through a public form the user has checked and confirms.

use std::path::PathBuf;

use egui::ScrollArea;
use egui::scroll_area::ScrollBarVisibility;

use crate::model::{SignOnStatus, Signatory};
use crate::storage::signatories::{ImportReport, Outcome};
use crate::ui::today;

pub struct ImportPreview {
    pub path: PathBuf,
    pub report: ImportReport,
    /// The signatories as they will be once the import is applied.
    pub list: Vec<Signatory>,
    /// The received entries of `list` (awaiting review), and whether the user confirms
    /// each on Apply.
    received: Vec<(usize, bool)>,
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
    pub fn new(path: PathBuf, report: ImportReport, list: Vec<Signatory>) -> Self {
        let received = list
            .iter()
            .enumerate()
            .filter(|(_, s)| s.status == SignOnStatus::Received)
            .map(|(i, _)| (i, false))
            .collect();
        Self {
            path,
            report,
            list,
            received,
        }
    }

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
            received_ui(ui, &self.list, &mut self.received);
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
            for &(i, confirm) in &self.received {
                if confirm && let Some(s) = self.list.get_mut(i) {
                    s.set_status(SignOnStatus::Confirmed, today());
                }
            }
            ImportOutcome::Apply {
                path: self.path.clone(),
                list: std::mem::take(&mut self.list),
            }
        } else {
            ImportOutcome::Cancel
        })
    }
}

/// The rows received through a form, awaiting review: a box each to confirm the ones
/// the user has checked, and "Confirm all".
fn received_ui(ui: &mut egui::Ui, list: &[Signatory], received: &mut [(usize, bool)]) {
    if received.is_empty() {
        return;
    }
    ui.separator();
    ui.label(format!(
        "{} received, awaiting review: they do not print until confirmed. Confirm those \
         your team has checked (or later, in the signatories table).",
        received.len()
    ));
    ui.horizontal(|ui| {
        for (label, all) in [("Confirm all", true), ("Confirm none", false)] {
            if ui.button(label).clicked() {
                for (_, confirm) in received.iter_mut() {
                    *confirm = all;
                }
            }
        }
    });
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let max_height = 160.0;
    // Decided once, not from the previous frame's size: the modal sizes itself over
    // its first frames, and a bar that came and went would keep it repainting.
    let content_height = received.len() as f32 * (row_height + ui.spacing().item_spacing.y);
    let bar = if content_height > max_height {
        ScrollBarVisibility::AlwaysVisible
    } else {
        ScrollBarVisibility::AlwaysHidden
    };
    ScrollArea::vertical()
        .id_salt("received")
        .max_height(max_height)
        .scroll_bar_visibility(bar)
        .show_rows(ui, row_height, received.len(), |ui, range| {
            for (i, confirm) in received.get_mut(range).unwrap_or_default() {
                let name = list.get(*i).map_or("", |s| s.organization.as_str());
                ui.checkbox(confirm, format!("Confirm {name}"));
            }
        });
}
