//! "The draft changed on disk": asked before saving over a draft that another program (a
//! sync client, a partner's copy) wrote since it was opened or saved here.

use std::path::PathBuf;

pub struct ChangedOnDisk {
    pub path: PathBuf,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangedOnDiskOutcome {
    /// Load the version on disk; the edits here stay one undo away.
    Reload(PathBuf),
    Overwrite(PathBuf),
    /// Compare with the version on disk three ways (from the version opened or saved
    /// here) and take its changes in.
    Merge(PathBuf),
    SaveAs,
    Cancel,
}

impl ChangedOnDisk {
    /// `None` while the dialog stays open.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<ChangedOnDiskOutcome> {
        let mut outcome = None;
        egui::Modal::new(super::modal_id()).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("The draft changed on disk");
            ui.label(format!(
                "{} was changed by another program (a synced or emailed copy?) since you opened it here. Saving now would replace those changes.",
                self.path.display()
            ));
            ui.horizontal(|ui| {
                if ui.button("Reload from disk").clicked() {
                    outcome = Some(ChangedOnDiskOutcome::Reload(self.path.clone()));
                }
                if ui.button("Merge…").clicked() {
                    outcome = Some(ChangedOnDiskOutcome::Merge(self.path.clone()));
                }
                if ui.button("Overwrite").clicked() {
                    outcome = Some(ChangedOnDiskOutcome::Overwrite(self.path.clone()));
                }
                if ui.button("Save As…").clicked() {
                    outcome = Some(ChangedOnDiskOutcome::SaveAs);
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    outcome = Some(ChangedOnDiskOutcome::Cancel);
                }
            });
        });
        outcome
    }
}
