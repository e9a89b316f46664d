//! "Link to": the address for Ctrl+K on a selection in a text field.

use crate::ui::editors::LinkRequest;

pub struct LinkAddress {
    pub request: LinkRequest,
    pub url: String,
}

pub enum LinkOutcome {
    /// Make the selection a link to `url` (an empty `url` removes a link).
    Apply {
        request: LinkRequest,
        url: String,
    },
    Cancel,
}

impl LinkAddress {
    /// `None` while the dialog stays open.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<LinkOutcome> {
        let mut apply = None;
        egui::Modal::new(super::modal_id()).show(ctx, |ui| {
            ui.set_min_width(420.0);
            ui.heading("Link");
            let l = ui.label("Address");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.url)
                        .hint_text("https://…")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            r.request_focus();
            ui.label(
                egui::RichText::new("An empty address removes the link and keeps its words.")
                    .weak(),
            );
            ui.horizontal(|ui| {
                if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    apply = Some(true);
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    apply = Some(false);
                }
            });
        });
        Some(if apply? {
            LinkOutcome::Apply {
                request: self.request.clone(),
                url: self.url.trim().to_owned(),
            }
        } else {
            LinkOutcome::Cancel
        })
    }
}
