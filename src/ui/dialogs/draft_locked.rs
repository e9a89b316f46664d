//! "The draft is open elsewhere": asked when opening a draft whose lock file says that
//! someone else (a partner on a shared folder, another window) has it open.

use std::path::PathBuf;

use crate::storage::lock::LockInfo;

pub struct DraftLocked {
    pub path: PathBuf,
    pub holder: LockInfo,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftLockedOutcome {
    /// Open it, but never save over it: Save becomes Save As.
    ReadOnly(PathBuf, LockInfo),
    /// Open its memo as a new, untitled draft.
    Copy(PathBuf),
    /// Open it to edit all the same (their lock stays theirs).
    Anyway(PathBuf),
    Cancel,
}

impl DraftLocked {
    /// `None` while the dialog stays open.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<DraftLockedOutcome> {
        let mut outcome = None;
        egui::Modal::new(super::modal_id()).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("The draft is open elsewhere");
            ui.label(format!(
                "{} is open in memodraft: {} (process {}). If you both edit it, the one who saves last replaces the other's changes.",
                self.path.display(),
                self.holder.describe(),
                self.holder.pid
            ));
            ui.horizontal(|ui| {
                if ui.button("Open read-only").clicked() {
                    outcome = Some(DraftLockedOutcome::ReadOnly(
                        self.path.clone(),
                        self.holder.clone(),
                    ));
                }
                if ui.button("Open a copy").clicked() {
                    outcome = Some(DraftLockedOutcome::Copy(self.path.clone()));
                }
                if ui.button("Open anyway").clicked() {
                    outcome = Some(DraftLockedOutcome::Anyway(self.path.clone()));
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    outcome = Some(DraftLockedOutcome::Cancel);
                }
            });
        });
        outcome
    }
}
