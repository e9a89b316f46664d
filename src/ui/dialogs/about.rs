//! Help > About: the version, the licences (memodraft's, and the bundled fonts' SIL Open
//! Font License with its text) and where recovery copies and preferences are kept.

use std::path::PathBuf;

use egui::{RichText, ScrollArea};

use crate::desktop::APP_ID;
use crate::fonts;

pub struct About {
    /// Where autosave writes recovery copies of unsaved changes.
    pub recovery_dir: PathBuf,
    /// The data folder: preferences, window size, recovery copies.
    pub data_dir: PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AboutOutcome {
    Close,
}

impl About {
    /// `None` while the dialog stays open.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<AboutOutcome> {
        let mut outcome = None;
        let modal = egui::Modal::new(super::modal_id()).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(format!("memodraft {}", env!("CARGO_PKG_VERSION")));
            ui.label(env!("CARGO_PKG_DESCRIPTION"));
            ui.label(RichText::new(format!("Application id: {APP_ID}")).weak());
            ui.separator();
            ui.label(format!(
                "memodraft is free software, licensed {}.",
                env!("CARGO_PKG_LICENSE").replace(" OR ", " or ")
            ));
            ui.label(format!(
                "The memo's typeface, {} (Red Hat), is bundled under the SIL Open Font License 1.1.",
                fonts::FAMILY
            ));
            egui::CollapsingHeader::new("SIL Open Font License 1.1 (full text)")
                .id_salt("about-ofl")
                .show(ui, |ui| {
                    ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
                        ui.label(RichText::new(fonts::LICENSE).monospace().small());
                    });
                });
            ui.separator();
            ui.label("Recovery copies of unsaved changes are kept in");
            ui.label(RichText::new(self.recovery_dir.display().to_string()).monospace());
            ui.label("and preferences in");
            ui.label(RichText::new(self.data_dir.display().to_string()).monospace());
            ui.label(
                RichText::new("Set MEMODRAFT_DATA_DIR before starting memodraft to use another folder.")
                    .weak(),
            );
            ui.add_space(8.0);
            if ui.button("Close").clicked() || super::escape_pressed(ui) {
                outcome = Some(AboutOutcome::Close);
            }
        });
        if modal.should_close() {
            outcome = Some(AboutOutcome::Close);
        }
        outcome
    }
}
