//! The letterhead editor: the row of logos (add from a file or by dropping one on the
//! window, reorder, remove, alt text or decorative), its alignment and height, the line
//! under it and the footer line on every page.

use egui::{Grid, RichText, Ui};

use super::EditContext;
use super::fields::{apply_row_action, row_buttons_ui};
use super::text_field::{FieldKind, text_field_ui};
use crate::layout::Part;
use crate::model::find::Field;
use crate::model::{LogoAlign, LogoTarget, MAX_HEIGHT_MM, MAX_LOGOS, MIN_HEIGHT_MM};
use crate::ui::commands::Command;

#[derive(Default)]
pub struct LetterheadEditor;

impl LetterheadEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Letterhead");
        ui.label("Logos print above the heading on page 1, at the row's height, keeping their shape. Drop a PNG or JPEG file on the window to add it.");
        let full = edit.memo.letterhead.logos.len() >= MAX_LOGOS;
        if ui
            .add_enabled(
                !full,
                egui::Button::new(Command::AddLogo(LogoTarget::Letterhead).label()),
            )
            .clicked()
        {
            edit.commands.push(Command::AddLogo(LogoTarget::Letterhead));
        }
        let len = edit.memo.letterhead.logos.len();
        let mut action = None;
        for i in 0..len {
            ui.push_id(("logo", i), |ui| {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    let Some(logo) = edit.memo.letterhead.logos.get(i).cloned() else {
                        return;
                    };
                    let name = edit
                        .memo
                        .images
                        .get(&logo.image)
                        .map_or("(missing image)", |s| s.name.as_str());
                    ui.label(RichText::new(format!("Logo {}: {name}", i + 1)).strong());
                    let mut edited = logo.clone();
                    Grid::new("logo").num_columns(2).show(ui, |ui| {
                        let l = ui.label("Alt text");
                        let r = ui
                            .add_enabled(
                                !edited.decorative,
                                egui::TextEdit::singleline(&mut edited.alt)
                                    .hint_text("what a screen reader says: the organization's name")
                                    .desired_width(f32::INFINITY),
                            )
                            .labelled_by(l.id);
                        edit.track_selection(&r, Part::Letterhead);
                        ui.end_row();
                        ui.label("");
                        ui.checkbox(&mut edited.decorative, "Decorative (screen readers skip it)");
                        ui.end_row();
                    });
                    if edited.lacks_alt() {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            "Give it alt text, or mark it decorative: the accessible PDF needs one or the other.",
                        );
                    }
                    if edited.decorative != logo.decorative {
                        edit.checkpoint();
                    }
                    if edited != logo
                        && let Some(slot) = edit.memo.letterhead.logos.get_mut(i)
                    {
                        *slot = edited;
                    }
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
            apply_row_action(&mut edit.memo.letterhead.logos, i, a);
        }
        ui.add_space(8.0);
        let before = (edit.memo.letterhead.align, edit.memo.letterhead.height_mm);
        let (mut align, mut height) = before;
        Grid::new("letterhead")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let l = ui.label("Logos");
                ui.horizontal(|ui| {
                    for option in LogoAlign::ALL {
                        ui.radio_value(&mut align, option, option.label())
                            .labelled_by(l.id);
                    }
                });
                ui.end_row();
                let l = ui.label("Row height (mm)");
                ui.add(
                    egui::DragValue::new(&mut height)
                        .range(MIN_HEIGHT_MM..=MAX_HEIGHT_MM)
                        .speed(0.2)
                        .suffix(" mm"),
                )
                .labelled_by(l.id);
                ui.end_row();
                let hint = FieldKind::Line {
                    hint: "the coalition's name, address, website",
                };
                if let Some(r) = text_field_ui(
                    ui,
                    edit,
                    "Line under the logos",
                    Field::LetterheadText,
                    hint,
                ) {
                    edit.track(&r, Part::Letterhead);
                }
                let hint = FieldKind::Line {
                    hint: "printed at the foot of every page",
                };
                if let Some(r) = text_field_ui(ui, edit, "Footer line", Field::Footer, hint) {
                    edit.track_selection(&r, Part::Letterhead);
                }
            });
        if (align, height) != before {
            // A drag changes the height every frame; the undoer groups those changes into
            // one step once it rests, as the page setup's margins do.
            edit.memo.letterhead.align = align;
            edit.memo.letterhead.height_mm = height;
        }
    }
}
