//! The press release editor: its own fields (headline, dateline, lede, embargo line,
//! boilerplate as memo text fields, so find and spelling reach them), the link to the
//! full memo, which quotes it features, and the media contacts. Everything else comes
//! from the memo; the release itself shows in the preview panel beside it.

use egui::{Grid, RichText, TextEdit, Ui};

use super::EditContext;
use super::date_field::date_field_ui;
use super::text_field::{FieldKind, text_field_ui};
use crate::layout::Part;
use crate::model::find::Field;
use crate::model::{MediaContact, Release, ReleaseText};

#[derive(Default)]
pub struct ReleaseEditor;

impl ReleaseEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Press release");
        if edit.memo.release.is_none() {
            ui.label(
                "A press release written from the memo: its headline, dateline and lede, \
                 the findings, featured quotes, recommendations, the confirmed signatories \
                 and media contacts. It changes with the memo, so it never drifts from it.",
            );
            if ui.button("Start a press release").clicked() {
                edit.checkpoint();
                edit.memo.release = Some(Release::default());
                *edit.focus_request = Some(Part::Release);
            }
            return;
        }
        ui.label(
            RichText::new("Empty fields take the default shown in grey; the preview shows the release as it is written.")
                .weak(),
        );
        Grid::new("release")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| fields_ui(ui, edit));
        if edit
            .memo
            .release
            .as_ref()
            .is_some_and(|r| r.lede.trim().is_empty())
        {
            let lede = crate::release::drafted_lede(edit.memo);
            ui.add(
                egui::Label::new(
                    RichText::new(format!("Left empty, the lede reads: {lede}")).weak(),
                )
                .wrap(),
            );
            // Once typed, the lede no longer follows the memo: the user chooses to.
            if ui.button("Edit the drafted lede").clicked() {
                edit.checkpoint();
                if let Some(r) = &mut edit.memo.release {
                    r.lede = lede;
                }
            }
        }
        ui.add_space(8.0);
        featured_ui(ui, edit);
        ui.add_space(8.0);
        contacts_ui(ui, edit);
        ui.add_space(12.0);
        if ui.button("Remove the press release").clicked() {
            edit.checkpoint();
            edit.memo.release = None;
        }
    }
}

/// The release's texts, date and link.
fn fields_ui(ui: &mut Ui, edit: &mut EditContext<'_>) {
    let subject = edit.memo.subject.clone();
    let line = |hint| FieldKind::Line { hint };
    let texts = [
        (
            "Embargo line",
            ReleaseText::Embargo,
            line("FOR IMMEDIATE RELEASE"),
        ),
        ("Headline", ReleaseText::Headline, line(&subject)),
        ("Subheadline", ReleaseText::Subheadline, line("")),
        (
            "Dateline city",
            ReleaseText::DatelineCity,
            line("Washington, D.C."),
        ),
    ];
    for (i, (label, text, kind)) in texts.into_iter().enumerate() {
        if let Some(r) = text_field_ui(ui, edit, label, Field::Release(text), kind) {
            if i == 0 {
                edit.track(&r, Part::Release);
            } else {
                edit.track_selection(&r, Part::Release);
            }
        }
    }

    let l = ui.label("Release date");
    ui.horizontal(|ui| {
        let memo_date = edit.memo.date;
        let date = edit.memo.release.as_ref().and_then(|r| r.date);
        match date.or(memo_date) {
            Some(shown) => {
                let field = date_field_ui(ui, "release-date", l.id, shown, edit.memo.language);
                if let Some(new) = field.changed {
                    edit.checkpoint();
                    if let Some(r) = &mut edit.memo.release {
                        r.date = Some(new);
                    }
                }
                if date.is_some() && ui.button("The memo's date").clicked() {
                    edit.checkpoint();
                    if let Some(r) = &mut edit.memo.release {
                        r.date = None;
                    }
                }
            }
            None => {
                ui.label(RichText::new("the memo's date (it has none)").weak());
            }
        }
    });
    ui.end_row();

    let area = FieldKind::Area { rows: 4 };
    if let Some(r) = text_field_ui(ui, edit, "Lede", Field::Release(ReleaseText::Lede), area) {
        edit.track_selection(&r, Part::Release);
    }
    let l = ui.label("Link to the full memo");
    if let Some(r) = &mut edit.memo.release {
        ui.add(
            TextEdit::singleline(&mut r.memo_url)
                .hint_text("https://…")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    }
    ui.end_row();

    let area = FieldKind::Area { rows: 3 };
    let field = Field::Release(ReleaseText::Boilerplate);
    if let Some(r) = text_field_ui(ui, edit, "About (boilerplate)", field, area) {
        edit.track_selection(&r, Part::Release);
    }
}

/// One checkbox per quote of the memo: which ones the release features.
fn featured_ui(ui: &mut Ui, edit: &mut EditContext<'_>) {
    ui.strong("Featured quotes");
    if edit.memo.quotes.is_empty() {
        ui.label(RichText::new("The memo has no quotes yet (add them in Quotes).").weak());
        return;
    }
    let Some(release) = &edit.memo.release else {
        return;
    };
    let featured = release.featured_ids(edit.memo);
    let mut toggled = None;
    for (i, quote) in edit.memo.quotes.iter().enumerate() {
        let mut on = featured.contains(&quote.id);
        let words: Vec<&str> = quote.text.split_whitespace().take(10).collect();
        let label = format!("Quote {}: {}…", i + 1, words.join(" "));
        if ui.checkbox(&mut on, label).changed() {
            toggled = Some((quote.id, on));
        }
    }
    if let Some((id, on)) = toggled {
        edit.checkpoint();
        let memo = edit.memo.clone();
        if let Some(release) = &mut edit.memo.release {
            release.set_featured(&memo, id, on);
        }
    }
}

/// The media contacts as rows: name, email, phone, and a button to remove the row.
fn contacts_ui(ui: &mut Ui, edit: &mut EditContext<'_>) {
    ui.strong("Media contacts");
    let mut remove = None;
    let mut add = false;
    if let Some(release) = &mut edit.memo.release {
        for (i, contact) in release.contacts.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                for (hint, value, width) in [
                    ("Name", &mut contact.name, 180.0),
                    ("Email", &mut contact.email, 200.0),
                    ("Phone", &mut contact.phone, 140.0),
                ] {
                    let field = TextEdit::singleline(value).hint_text(hint);
                    ui.add_sized([width, 20.0], field).widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::TextInput,
                            true,
                            format!("Media contact {} {}", i + 1, hint.to_lowercase()),
                        )
                    });
                }
                if ui.button("Remove").clicked() {
                    remove = Some(i);
                }
            });
        }
        add = ui.button("Add media contact").clicked();
    }
    if remove.is_some() || add {
        edit.checkpoint();
    }
    if let Some(release) = &mut edit.memo.release {
        if let Some(i) = remove
            && i < release.contacts.len()
        {
            release.contacts.remove(i);
        }
        if add {
            release.contacts.push(MediaContact::default());
        }
    }
}
