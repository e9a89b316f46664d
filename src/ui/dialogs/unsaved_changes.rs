//! "Save the changes first?": asked before New, Open and Quit when the memo has unsaved
//! changes.

use std::path::PathBuf;

/// What waits on the answer: done once the changes are saved or discarded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PendingAction {
    New,
    Open,
    OpenPath(PathBuf),
    Quit,
}

pub struct UnsavedChanges {
    /// The draft's file name, as the title bar shows it.
    pub file_name: String,
    pub then: PendingAction,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedOutcome {
    Save,
    Discard,
    Cancel,
}

impl UnsavedChanges {
    /// `None` while the dialog stays open.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<UnsavedOutcome> {
        let mut outcome = None;
        egui::Modal::new(super::modal_id()).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Unsaved changes");
            ui.label(format!("Save the changes to {} first?", self.file_name));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    outcome = Some(UnsavedOutcome::Save);
                }
                if ui.button("Discard changes").clicked() {
                    outcome = Some(UnsavedOutcome::Discard);
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    outcome = Some(UnsavedOutcome::Cancel);
                }
            });
        });
        outcome
    }
}
