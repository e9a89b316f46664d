//! The press release beside its fields: the release document drawn with egui as the HTML
//! lays it out (headline, paragraphs, quotations set off with a rule, lists), in the
//! preview's language, composed again every frame from the memo, so an edited quote or a
//! confirmed signatory shows at once. Buttons copy it as HTML or plain text and save it.

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, Layout, RichText, ScrollArea, Stroke, Ui};

use super::commands::Command;
use super::preview_panel::{PreviewState, language_switch_ui};
use crate::model::{Language, Memo};
use crate::release::{self, Block, Format, Span};

/// The width of the release's text column, as the HTML's `max-width`.
const COLUMN: f32 = 620.0;

/// Shows the release; returns a command a button sent (Save). `pinned`: the Press
/// release section is open, so the pages cannot be shown instead.
pub fn release_ui(
    ui: &mut Ui,
    state: &mut PreviewState,
    languages: &[Language],
    memo: &Memo,
    pinned: bool,
) -> Option<Command> {
    let localized = release::compose_in(memo, state.language);
    let doc = &localized.doc;
    let mut command = None;
    ui.horizontal_wrapped(|ui| {
        language_switch_ui(ui, state, languages);
        if !pinned && ui.button("Show PDF pages").clicked() {
            state.show_release = false;
        }
        if ui.button("Copy HTML").clicked() {
            ui.ctx().copy_text(Format::Html.render(doc));
        }
        if ui.button("Copy plain text").clicked() {
            ui.ctx().copy_text(Format::Text.render(doc));
        }
        if ui.button(Command::SaveRelease.label()).clicked() {
            command = Some(Command::SaveRelease);
        }
    });
    if !localized.missing.is_empty() {
        ui.label(
            RichText::new(format!(
                "Not translated, shown in {}: {}",
                memo.language.name(),
                memo.describe_passages(&localized.missing)
            ))
            .weak(),
        );
    }
    ui.separator();
    ScrollArea::vertical()
        .id_salt("release-preview")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // The column as the HTML's max-width, narrower when the panel is.
            let column = (ui.available_width() - 48.0).clamp(120.0, COLUMN);
            egui::Frame::new()
                .fill(Color32::WHITE)
                .inner_margin(24.0)
                .show(ui, |ui| {
                    ui.set_width(column);
                    blocks_ui(ui, &doc.blocks);
                });
        });
    command
}

const INK: Color32 = Color32::from_rgb(26, 26, 26);
const LINK: Color32 = Color32::from_rgb(11, 79, 138);

/// Styled spans as one wrapped label; bold shows as heavier ink (egui's default fonts
/// have no bold face), links underlined in blue.
fn spans_job(spans: &[Span], size: f32, italic: bool, width: f32) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    for s in spans {
        let mut format = TextFormat {
            font_id: FontId::proportional(size),
            color: INK,
            italics: italic || s.italic,
            ..TextFormat::default()
        };
        if s.bold {
            format.color = Color32::BLACK;
            format.background = Color32::TRANSPARENT;
            format.font_id = FontId::proportional(size + 0.5);
        }
        if s.link.is_some() {
            format.color = LINK;
            format.underline = Stroke::new(1.0, LINK);
        }
        job.append(&s.text, 0.0, format);
    }
    job
}

fn text_ui(ui: &mut Ui, text: &str, size: f32, strong: bool) {
    let mut rich = RichText::new(text).size(size).color(INK);
    if strong {
        rich = rich.strong().color(Color32::BLACK);
    }
    ui.label(rich);
}

fn blocks_ui(ui: &mut Ui, blocks: &[Block]) {
    let width = ui.available_width();
    for block in blocks {
        match block {
            Block::Notice(text) => text_ui(ui, text, 12.0, true),
            Block::Headline(spans) => {
                ui.add_space(4.0);
                ui.label(spans_job(spans, 24.0, false, width));
            }
            Block::Subheadline(spans) => {
                ui.label(spans_job(spans, 16.0, true, width));
            }
            Block::Heading(text) => {
                ui.add_space(10.0);
                text_ui(ui, text, 17.0, true);
            }
            Block::Subheading(text) => text_ui(ui, text, 15.0, true),
            Block::Paragraph(spans) => {
                ui.label(spans_job(spans, 15.0, false, width));
            }
            Block::Quote {
                paragraphs,
                attribution,
            } => {
                let response = ui.indent("quote", |ui| {
                    for p in paragraphs {
                        ui.label(spans_job(p, 15.0, true, width - 24.0));
                    }
                });
                let rect = response.response.rect;
                // The rule in the indent's margin, left of the text (as the HTML's border).
                ui.painter().vline(
                    rect.left() - 8.0,
                    rect.y_range(),
                    Stroke::new(3.0, Color32::from_gray(138)),
                );
                if !attribution.is_empty() {
                    ui.indent("attribution", |ui| {
                        text_ui(ui, &format!("\u{2014} {attribution}"), 14.0, false);
                    });
                }
            }
            Block::List(items) => {
                for item in items {
                    ui.horizontal_top(|ui| {
                        text_ui(ui, "\u{2022}", 15.0, false);
                        // Wrapped at the room left of the bullet, not extended as a row.
                        ui.add(egui::Label::new(spans_job(item, 15.0, false, width - 20.0)).wrap());
                    });
                }
            }
            Block::End(text) => {
                ui.add_space(10.0);
                ui.with_layout(Layout::top_down(Align::Center), |ui| {
                    text_ui(ui, text, 15.0, false);
                });
            }
        }
        ui.add_space(6.0);
    }
}
