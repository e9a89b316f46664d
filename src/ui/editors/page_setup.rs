//! The page setup editor: paper, alignment, margins and body size.

use egui::{Grid, Ui};

use super::EditContext;
use crate::model::{Alignment, Paper};
use crate::ui::prefs::LengthUnit;

/// The margins the layout takes without shrinking them, in millimetres.
const MARGIN_MM: std::ops::RangeInclusive<f32> = 5.0..=100.0;

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
                // Until the user chooses, the unit follows the paper.
                let shown = edit
                    .margin_unit
                    .unwrap_or_else(|| LengthUnit::usual_for(page.paper));
                let mut unit = shown;
                let l = ui.label("Margins in");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut unit, LengthUnit::Mm, "Millimetres")
                        .labelled_by(l.id);
                    ui.radio_value(&mut unit, LengthUnit::In, "Inches");
                });
                ui.end_row();
                if unit != shown {
                    *edit.margin_unit = Some(unit);
                }
                for (side, value) in [
                    ("Top", &mut page.margins_mm.top),
                    ("Bottom", &mut page.margins_mm.bottom),
                    ("Left", &mut page.margins_mm.left),
                    ("Right", &mut page.margins_mm.right),
                ] {
                    let l = ui.label(format!("{side} margin ({})", unit.symbol()));
                    margin_ui(ui, value, unit).labelled_by(l.id);
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

/// A margin's drag value, shown and typed in `unit`; the memo keeps millimetres.
fn margin_ui(ui: &mut Ui, mm: &mut f32, unit: LengthUnit) -> egui::Response {
    match unit {
        LengthUnit::Mm => ui.add(
            egui::DragValue::new(mm)
                .range(MARGIN_MM)
                .clamp_existing_to_range(false)
                .speed(0.5)
                .suffix(" mm"),
        ),
        LengthUnit::In => {
            let per_inch = LengthUnit::MM_PER_INCH;
            let mut inches = *mm / per_inch;
            let r = ui.add(
                egui::DragValue::new(&mut inches)
                    .range(MARGIN_MM.start() / per_inch..=MARGIN_MM.end() / per_inch)
                    .clamp_existing_to_range(false)
                    .speed(0.01)
                    .fixed_decimals(2)
                    .suffix(" in"),
            );
            // Written back only when edited: showing a margin must not round it.
            if r.changed() {
                *mm = inches * per_inch;
            }
            r
        }
    }
}
