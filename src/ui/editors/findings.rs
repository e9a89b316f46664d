//! The findings editor: each finding's title, assessment and evidence, with its quotes.

use egui::{ComboBox, Grid, RichText, Ui};

use super::EditContext;
use super::fields::{MARKDOWN_HINT, RowAction, apply_row_action, row_buttons_ui};
use super::quotes::add_quote;
use super::text_field::{FieldKind, text_field_ui};
use crate::layout::Part;
use crate::model::find::Field;
use crate::model::{Assessment, Finding, Placement};

#[derive(Default)]
pub struct FindingsEditor;

impl FindingsEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Findings");
        ui.label(RichText::new(MARKDOWN_HINT).weak());
        if ui.button("Add finding").clicked() {
            edit.checkpoint();
            let id = edit.memo.next_finding_id();
            edit.memo.findings.push(Finding {
                id,
                ..Finding::default()
            });
            *edit.focus_request = Some(Part::Finding(id));
        }
        let len = edit.memo.findings.len();
        let mut action = None;
        for i in 0..len {
            if let Some(a) = finding_ui(ui, i, len, edit) {
                action = Some((i, a));
            }
        }
        if let Some((i, a)) = action {
            edit.checkpoint();
            match a {
                RowAction::Duplicate => {
                    if let Some(mut copy) = edit.memo.findings.get(i).cloned() {
                        copy.id = edit.memo.next_finding_id();
                        copy.title = format!("{} (copy)", copy.title);
                        edit.memo.findings.insert(i + 1, copy);
                    }
                }
                // Its quotes keep pointing at the removed finding: they do not print, the
                // problems panel reports them, and the quotes editor offers to move them
                // (undo brings the finding back with its quotes in place).
                _ => apply_row_action(&mut edit.memo.findings, i, a),
            }
        }
    }
}

/// Finding `i` of `len`; returns what its row buttons ask for.
fn finding_ui(ui: &mut Ui, i: usize, len: usize, edit: &mut EditContext<'_>) -> Option<RowAction> {
    let id = edit.memo.findings.get(i)?.id;
    let language = edit.memo.language;
    let part = Part::Finding(id);
    let mut action = None;
    ui.push_id(id, |ui| {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new(format!("Finding {}", i + 1)).strong());
            Grid::new("finding").num_columns(2).show(ui, |ui| {
                let hint = FieldKind::Line {
                    hint: "Key area assessed",
                };
                let title = text_field_ui(ui, edit, "Title", Field::FindingTitle(id), hint);
                let Some(finding) = edit.memo.findings.get_mut(i) else {
                    return;
                };
                let label = ui.label("Assessment");
                let mut chosen = finding.assessment;
                ComboBox::from_id_salt("assessment")
                    .selected_text(chosen.label(language))
                    .show_ui(ui, |ui| {
                        for a in Assessment::ALL {
                            ui.selectable_value(&mut chosen, a, a.label(language));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                let before = finding.assessment;
                let kind = FieldKind::Area { rows: 6 };
                let evidence =
                    text_field_ui(ui, edit, "Evidence", Field::FindingEvidence(id), kind);
                if chosen != before {
                    edit.checkpoint();
                    if let Some(finding) = edit.memo.findings.get_mut(i) {
                        finding.assessment = chosen;
                    }
                }
                let (Some(title), Some(evidence)) = (title, evidence) else {
                    return;
                };
                edit.track(&title, part);
                edit.track_selection(&evidence, part);
                let paragraph = match *edit.focus_request {
                    Some(Part::Evidence(f, n)) if f == id => Some(n),
                    _ => None,
                };
                if let Some(n) = paragraph
                    && let Some(finding) = edit.memo.findings.get(i)
                {
                    *edit.focus_request = None;
                    focus_paragraph(ui.ctx(), &evidence, &finding.evidence, n);
                }
            });
            let quotes = edit.memo.quotes_at(Placement::Finding(id)).count();
            ui.horizontal(|ui| {
                action = row_buttons_ui(ui, i, len, true);
                if ui.button(format!("Add quote ({quotes})")).clicked() {
                    add_quote(edit, Placement::Finding(id));
                }
            });
        });
    });
    action
}

/// Focuses a text field with the cursor at the start of paragraph `n` of its `text`.
fn focus_paragraph(ctx: &egui::Context, field: &egui::Response, text: &str, n: usize) {
    let at = crate::model::text::paragraphs_at(text)
        .get(n)
        .map_or(0, |(byte, _)| crate::model::text::char_index(text, *byte));
    let mut state = egui::TextEdit::load_state(ctx, field.id).unwrap_or_default();
    let cursor = egui::text::CCursor::new(at);
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::one(cursor)));
    state.store(ctx, field.id);
    field.request_focus();
    field.scroll_to_me(Some(egui::Align::Center));
}
