//! The recipients editor: the TO and CC lists, each recipient a name, title and
//! organization.

use egui::{Grid, RichText, Ui};

use super::EditContext;
use super::fields::{apply_row_action, row_buttons_ui};
use super::text_field::{FieldKind, text_field_ui};
use crate::layout::Part;
use crate::model::find::{Field, RecipientPart};
use crate::model::{Memo, Recipient};

#[derive(Default)]
pub struct RecipientsEditor;

/// Which list of recipients.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum List {
    To,
    Cc,
}

impl List {
    fn of(self, memo: &mut Memo) -> &mut Vec<Recipient> {
        match self {
            Self::To => &mut memo.to,
            Self::Cc => &mut memo.cc,
        }
    }

    fn part(self, i: usize) -> Part {
        match self {
            Self::To => Part::To(i),
            Self::Cc => Part::Cc(i),
        }
    }
}

impl RecipientsEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Recipients");
        for list in [List::To, List::Cc] {
            ui.add_space(8.0);
            list_ui(ui, list, edit);
        }
    }
}

fn list_ui(ui: &mut Ui, list: List, edit: &mut EditContext<'_>) {
    let (title, add) = match list {
        List::To => ("TO", "Add TO recipient"),
        List::Cc => ("CC", "Add CC recipient"),
    };
    ui.label(RichText::new(title).strong());
    let len = list.of(edit.memo).len();
    let mut action = None;
    for i in 0..len {
        let part = list.part(i);
        ui.push_id((list, i), |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                Grid::new("recipient").num_columns(2).show(ui, |ui| {
                    for (n, (label, what, hint)) in [
                        ("Name", RecipientPart::Name, "Antony Example"),
                        ("Title", RecipientPart::Title, "Secretary of State"),
                        (
                            "Organization",
                            RecipientPart::Organization,
                            "U.S. Department of State",
                        ),
                    ]
                    .into_iter()
                    .enumerate()
                    {
                        let field = Field::Recipient {
                            cc: list == List::Cc,
                            index: i,
                            part: what,
                        };
                        let kind = FieldKind::Line { hint };
                        let Some(r) = text_field_ui(ui, edit, label, field, kind) else {
                            return;
                        };
                        if n == 0 {
                            edit.track(&r, part);
                        } else {
                            edit.track_selection(&r, part);
                        }
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
        apply_row_action(list.of(edit.memo), i, a);
    }
    if ui.button(add).clicked() {
        edit.checkpoint();
        let recipients = list.of(edit.memo);
        recipients.push(Recipient::default());
        *edit.focus_request = Some(list.part(recipients.len() - 1));
    }
}
