//! Typing a path, when no native file dialog can be shown (no desktop portal) and in tests.

use std::path::PathBuf;

use crate::ui::file_dialogs::PathPurpose;

pub struct TypedPath {
    pub purpose: PathPurpose,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypedPathOutcome {
    Chosen(PathPurpose, PathBuf),
    Cancel,
}

impl TypedPath {
    /// `None` while the dialog stays open.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<TypedPathOutcome> {
        let mut outcome = None;
        egui::Modal::new(super::modal_id()).show(ctx, |ui| {
            ui.set_min_width(480.0);
            ui.heading(self.purpose.title());
            let l = ui.label("Path");
            let r = ui
                .add(egui::TextEdit::singleline(&mut self.text).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            r.request_focus();
            ui.horizontal(|ui| {
                let entered = ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui.button("OK").clicked() || entered) && !self.text.trim().is_empty() {
                    outcome = Some(TypedPathOutcome::Chosen(
                        self.purpose,
                        PathBuf::from(self.text.trim()),
                    ));
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    outcome = Some(TypedPathOutcome::Cancel);
                }
            });
        });
        outcome
    }
}
