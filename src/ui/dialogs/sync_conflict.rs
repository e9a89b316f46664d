//! "A conflicted copy of this draft": asked after opening a draft when a sync tool's
//! conflicted copy of it sits beside it, offering to compare and merge it.

use std::path::PathBuf;

pub struct SyncConflict {
    pub copy: PathBuf,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncConflictOutcome {
    Compare(PathBuf),
    Later,
}

impl SyncConflict {
    /// `None` while the dialog stays open.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<SyncConflictOutcome> {
        let mut outcome = None;
        egui::Modal::new(super::modal_id()).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("A conflicted copy of this draft");
            ui.label(format!(
                "{} looks like a copy your sync tool kept when this draft was changed in two places. Compare it with the draft and take its changes you want?",
                self.copy.display()
            ));
            ui.horizontal(|ui| {
                if ui.button("Compare and merge…").clicked() {
                    outcome = Some(SyncConflictOutcome::Compare(self.copy.clone()));
                }
                if ui.button("Not now").clicked() || super::escape_pressed(ui) {
                    outcome = Some(SyncConflictOutcome::Later);
                }
            });
        });
        outcome
    }
}
