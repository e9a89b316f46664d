//! "Recover unsaved changes?": offered at start for each recovery copy autosave left.

use std::path::PathBuf;

use crate::storage::recovery::{FoundCopy, RecoveryCopy};

pub struct RecoveryOffer {
    /// Newest first; the first is the one asked about.
    pub copies: Vec<FoundCopy>,
}

pub enum RecoveryOutcome {
    /// Open this copy's memo in the editor; the other copies stay for the next start.
    Restore(Box<RecoveryCopy>),
    /// Delete this copy's `file`, then ask about the `rest`.
    Discard { file: PathBuf, rest: Vec<FoundCopy> },
}

impl RecoveryOffer {
    /// `None` while the dialog stays open (or has nothing to offer).
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<RecoveryOutcome> {
        let first = self.copies.first()?;
        let what = first.copy.draft.as_deref().map_or_else(
            || "an untitled memo".to_owned(),
            |p| p.display().to_string(),
        );
        let written = first.copy.written.strftime("%Y-%m-%d %H:%M UTC");
        let mut restore = None;
        egui::Modal::new(super::modal_id()).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("Recover unsaved changes?");
            ui.label(format!(
                "memodraft closed before changes to {what} were saved. A copy from {written} was kept."
            ));
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    restore = Some(true);
                }
                if ui.button("Discard").clicked() {
                    restore = Some(false);
                }
            });
        });
        let restore = restore?;
        let mut rest = std::mem::take(&mut self.copies);
        let found = rest.remove(0);
        Some(if restore {
            RecoveryOutcome::Restore(Box::new(found.copy))
        } else {
            RecoveryOutcome::Discard {
                file: found.file,
                rest,
            }
        })
    }
}
