//! The page setup editor: paper, alignment, margins and body size.

use egui::{Grid, Ui};

use super::EditContext;
use crate::model::{Alignment, Paper};

#[derive(Default)]
pub struct PageSetupEditor;

impl PageSetupEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Page setup");
        let before = edit.memo.page.clone();
        let mut page = before.clone();
        Grid::new("page")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let l = ui.label("Paper");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut page.paper, Paper::Letter, "US Letter")
                        .labelled_by(l.id);
                    ui.radio_value(&mut page.paper, Paper::A4, "A4");
                });
                ui.end_row();
                let l = ui.label("Text");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut page.alignment, Alignment::Justified, "Justified")
                        .labelled_by(l.id);
                    ui.radio_value(&mut page.alignment, Alignment::RaggedRight, "Ragged right");
                });
                ui.end_row();
                for (label, value) in [
                    ("Top margin (mm)", &mut page.margins_mm.top),
                    ("Bottom margin (mm)", &mut page.margins_mm.bottom),
                    ("Left margin (mm)", &mut page.margins_mm.left),
                    ("Right margin (mm)", &mut page.margins_mm.right),
                ] {
                    let l = ui.label(label);
                    ui.add(
                        egui::DragValue::new(value)
                            .range(5.0..=100.0)
                            .clamp_existing_to_range(false)
                            .speed(0.5)
                            .suffix(" mm"),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                }
                let l = ui.label("Body size (pt)");
                ui.add(
                    egui::DragValue::new(&mut page.font_size_pt)
                        .range(6.0..=24.0)
                        .clamp_existing_to_range(false)
                        .speed(0.1)
                        .suffix(" pt"),
                )
                .labelled_by(l.id);
                ui.end_row();
            });
        if page != before {
            // No explicit undo point: a drag changes the value every frame, and the undoer
            // groups those changes into one step once the value rests.
            edit.memo.page = page;
        }
    }
}
