//! "Export with these problems?": asked before exporting a memo whose problems panel lists
//! errors (an empty subject, a broken link, a conflict), so a memo is not sent half-done.

use std::path::PathBuf;

use crate::model::{Issue, Part};

/// What an export that was asked about goes on to do once the user says "Export anyway".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportStep {
    /// Ask where to write the PDF (Export PDF… from the menu, Ctrl+E).
    AskPath,
    /// Write the PDF to this path (a path already chosen).
    Write(PathBuf),
}

pub struct ExportProblems {
    /// The errors, in the problems panel's order; never empty.
    pub errors: Vec<Issue>,
    pub then: ExportStep,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportProblemsOutcome {
    ExportAnyway(ExportStep),
    /// Open the editor of the first error's part, with its field focused.
    GoToFirstProblem(Part),
    Cancel,
}

impl ExportProblems {
    /// `None` while the dialog stays open.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<ExportProblemsOutcome> {
        let mut outcome = None;
        egui::Modal::new(super::modal_id()).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("Export with problems?");
            ui.label(match self.errors.len() {
                1 => "The memo has a problem to fix before sending:".to_owned(),
                n => format!("The memo has {n} problems to fix before sending:"),
            });
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .show(ui, |ui| {
                    for issue in &self.errors {
                        ui.label(format!("• {}", issue.message));
                    }
                });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if let Some(first) = self.errors.first()
                    && ui.button("Go to the first problem").clicked()
                {
                    outcome = Some(ExportProblemsOutcome::GoToFirstProblem(first.part));
                }
                if ui.button("Export anyway").clicked() {
                    outcome = Some(ExportProblemsOutcome::ExportAnyway(self.then.clone()));
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    outcome = Some(ExportProblemsOutcome::Cancel);
                }
            });
        });
        outcome
    }
}
