//! The recommendations editor: numbered recommendations, each with its addressee.

use egui::{Grid, RichText, Ui};

use super::EditContext;
use super::fields::{apply_row_action, area_ui, line_ui, row_buttons_ui};
use crate::layout::Part;
use crate::model::Recommendation;

#[derive(Default)]
pub struct RecommendationsEditor;

impl RecommendationsEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Recommendations");
        if ui.button("Add recommendation").clicked() {
            edit.checkpoint();
            edit.memo.recommendations.push(Recommendation::default());
            *edit.focus_request = Some(Part::Recommendation(edit.memo.recommendations.len() - 1));
        }
        let len = edit.memo.recommendations.len();
        let mut action = None;
        for i in 0..len {
            let part = Part::Recommendation(i);
            ui.push_id(i, |ui| {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new(format!("{}.", i + 1)).strong());
                    Grid::new("recommendation").num_columns(2).show(ui, |ui| {
                        let Some(r) = edit.memo.recommendations.get_mut(i) else {
                            return;
                        };
                        let a = line_ui(
                            ui,
                            "Addressee",
                            &mut r.addressee,
                            "to the Department of State",
                        );
                        let t = area_ui(ui, "Recommendation", &mut r.text, 3);
                        edit.track(&t, part);
                        edit.track_selection(&a, part);
                    });
                    ui.horizontal(|ui| {
                        if let Some(a) = row_buttons_ui(ui, i, len, false) {
                            action = Some((i, a));
                        }
                    });
                });
            });
        }
        if let Some((i, a)) = action {
            edit.checkpoint();
            apply_row_action(&mut edit.memo.recommendations, i, a);
        }
    }
}
