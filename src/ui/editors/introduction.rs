//! The introduction editor: one text of paragraphs in inline Markdown.

use egui::{RichText, TextEdit, Ui};

use super::EditContext;
use super::fields::MARKDOWN_HINT;
use crate::layout::Part;

#[derive(Default)]
pub struct IntroductionEditor;

impl IntroductionEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Introduction");
        ui.label(RichText::new(MARKDOWN_HINT).weak());
        let l = ui.label("Introduction text");
        let r = ui
            .add(
                TextEdit::multiline(&mut edit.memo.introduction)
                    .desired_rows(16)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        edit.track(&r, Part::Introduction);
    }
}
