//! The quotes editor: each quotation's text, attribution, source and where it is placed
//! (the introduction or a finding).

use egui::{ComboBox, Grid, Ui};

use super::EditContext;
use super::fields::{apply_row_action, row_buttons_ui};
use super::text_field::{FieldKind, text_field_ui};
use crate::layout::Part;
use crate::model::find::Field;
use crate::model::{Placement, Quote};

#[derive(Default)]
pub struct QuotesEditor;

/// Adds an empty quote at `placement` and opens it for typing (one undo step).
pub fn add_quote(edit: &mut EditContext<'_>, placement: Placement) {
    edit.checkpoint();
    let id = edit.memo.next_quote_id();
    edit.memo.quotes.push(Quote {
        id,
        placement,
        ..Quote::default()
    });
    *edit.focus_request = Some(Part::Quote(id));
}

impl QuotesEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Quotes");
        if ui.button("Add quote").clicked() {
            add_quote(edit, Placement::Introduction);
        }
        let places: Vec<(Placement, String)> =
            std::iter::once((Placement::Introduction, "Introduction".to_owned()))
                .chain(edit.memo.findings.iter().enumerate().map(|(i, f)| {
                    (
                        Placement::Finding(f.id),
                        format!("Finding {}: {}", i + 1, f.title),
                    )
                }))
                .collect();
        let len = edit.memo.quotes.len();
        let mut action = None;
        for i in 0..len {
            let Some(id) = edit.memo.quotes.get(i).map(|q| q.id) else {
                break;
            };
            ui.push_id(id, |ui| {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    quote_ui(ui, i, &places, edit);
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
            apply_row_action(&mut edit.memo.quotes, i, a);
        }
    }
}

/// The fields of quote `i`; `places` are where a quote can go, with their labels.
fn quote_ui(ui: &mut Ui, i: usize, places: &[(Placement, String)], edit: &mut EditContext<'_>) {
    let place_label = |p: Placement| {
        places.iter().find(|(q, _)| *q == p).map_or_else(
            || "(removed finding: not printed)".to_owned(),
            |(_, l)| l.clone(),
        )
    };
    Grid::new("quote").num_columns(2).show(ui, |ui| {
        let Some(id) = edit.memo.quotes.get(i).map(|q| q.id) else {
            return;
        };
        let part = Part::Quote(id);
        let line = |hint| FieldKind::Line { hint };
        let text = text_field_ui(
            ui,
            edit,
            "Quote",
            Field::QuoteText(id),
            FieldKind::Area { rows: 3 },
        );
        let others = [
            (
                "Attribution",
                Field::QuoteAttribution(id),
                "Who said or wrote it",
            ),
            (
                "Source title",
                Field::QuoteSource(id),
                "Report, hearing, article",
            ),
            ("URL", Field::QuoteUrl(id), "https://…"),
            ("Date", Field::QuoteDate(id), "May 2026"),
        ]
        .map(|(label, field, hint)| text_field_ui(ui, edit, label, field, line(hint)));
        let Some(quote) = edit.memo.quotes.get_mut(i) else {
            return;
        };
        let placement_label = ui.label("Placed under");
        let mut chosen = quote.placement;
        ComboBox::from_id_salt("placement")
            .selected_text(place_label(chosen))
            .width(320.0)
            .show_ui(ui, |ui| {
                for (p, label) in places {
                    ui.selectable_value(&mut chosen, *p, label);
                }
            })
            .response
            .labelled_by(placement_label.id);
        ui.end_row();
        if chosen != quote.placement {
            edit.checkpoint();
            if let Some(quote) = edit.memo.quotes.get_mut(i) {
                quote.placement = chosen;
            }
        }
        if let Some(text) = &text {
            edit.track(text, part);
        }
        for r in others.iter().flatten() {
            edit.track_selection(r, part);
        }
    });
}
