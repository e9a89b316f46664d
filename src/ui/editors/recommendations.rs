//! The recommendations editor: numbered recommendations, each with its addressee.

use egui::{Grid, RichText, Ui};

use super::EditContext;
use super::fields::{apply_row_action, row_buttons_ui};
use super::text_field::{FieldKind, text_field_ui};
use crate::layout::Part;
use crate::model::Recommendation;
use crate::model::find::Field;

#[derive(Default)]
pub struct RecommendationsEditor;

impl RecommendationsEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Recommendations");
        if ui.button("Add recommendation").clicked() {
            edit.checkpoint();
            let id = edit.memo.next_recommendation_id();
            edit.memo.recommendations.push(Recommendation {
                id,
                ..Recommendation::default()
            });
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
                        let hint = FieldKind::Line {
                            hint: "to the Department of State",
                        };
                        let addressee = Field::RecommendationAddressee(i);
                        if let Some(a) = text_field_ui(ui, edit, "Addressee", addressee, hint) {
                            edit.track_selection(&a, part);
                        }
                        let text = Field::RecommendationText(i);
                        let kind = FieldKind::Area { rows: 3 };
                        if let Some(t) = text_field_ui(ui, edit, "Recommendation", text, kind) {
                            edit.track(&t, part);
                        }
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
