//! The introduction editor: one text of paragraphs in inline Markdown.

use egui::{RichText, Ui};

use super::EditContext;
use super::fields::MARKDOWN_HINT;
use super::text_field::{FieldKind, memo_text_ui};
use crate::layout::Part;
use crate::model::find::Field;

#[derive(Default)]
pub struct IntroductionEditor;

impl IntroductionEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Introduction");
        ui.label(RichText::new(MARKDOWN_HINT).weak());
        let l = ui.label("Introduction text");
        let kind = FieldKind::Area { rows: 16 };
        if let Some(r) = memo_text_ui(ui, edit, Field::Introduction, kind) {
            edit.track(&r.labelled_by(l.id), Part::Introduction);
        }
    }
}
