//! The signatories editor: the sign-on summary, the printed order, and the table of
//! organizations with their status, dates and lead flag, with its own filter.

use egui::{Align, ComboBox, TextEdit, Ui};
use egui_extras::{Column, DatePickerButton, TableBuilder};

use super::EditContext;
use super::fields::{apply_row_action, from_picker, row_icons_ui, to_picker, today};
use super::text_field::{FieldKind, text_field_ui};
use crate::layout::Part;
use crate::model::find::Field;
use crate::model::{SignOnStatus, Signatory, fold_name};

/// Which rows the table shows (kept between frames, by this editor only).
#[derive(Clone, Debug, Default)]
pub struct SignatoryFilter {
    pub text: String,
    pub status: Option<SignOnStatus>,
}

#[derive(Default)]
pub struct SignatoriesEditor {
    filter: SignatoryFilter,
}

impl SignatoriesEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Signatories");
        ui.label(format!(
            "{}. Only confirmed organizations print.",
            edit.memo.sign_on_summary(today())
        ));
        egui::Grid::new("signatories-intro")
            .num_columns(2)
            .show(ui, |ui| {
                let kind = FieldKind::Area { rows: 2 };
                text_field_ui(ui, edit, "Signatories intro", Field::SignatoriesIntro, kind);
            });
        sign_on_options(ui, edit);
        ui.horizontal(|ui| {
            let l = ui.label("Filter");
            ui.add(
                TextEdit::singleline(&mut self.filter.text)
                    .hint_text("organization, city, country")
                    .desired_width(200.0),
            )
            .labelled_by(l.id);
            let l = ui.label("Status");
            ComboBox::from_id_salt("status-filter")
                .selected_text(self.filter.status.map_or("All", SignOnStatus::label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.status, None, "All");
                    for st in SignOnStatus::ALL {
                        ui.selectable_value(&mut self.filter.status, Some(st), st.label());
                    }
                })
                .response
                .labelled_by(l.id);
            if ui
                .button("Sort A-Z")
                .on_hover_text("By organization; accents and case ignored")
                .clicked()
            {
                edit.checkpoint();
                edit.memo.sort_signatories();
            }
            if ui.button("Add signatory").clicked() {
                edit.checkpoint();
                edit.memo.signatories.push(Signatory {
                    status: SignOnStatus::Confirmed,
                    ..Signatory::default()
                });
                self.filter.text.clear();
                self.filter.status = None;
                *edit.focus_request = Some(Part::Signatory(edit.memo.signatories.len() - 1));
            }
        });

        let needle = fold_name(&self.filter.text);
        let rows: Vec<usize> = edit
            .memo
            .signatories
            .iter()
            .enumerate()
            .filter(|(_, s)| self.filter.status.is_none_or(|st| s.status == st))
            .filter(|(_, s)| {
                needle.is_empty()
                    || [&s.organization, &s.short_name, &s.city, &s.country]
                        .iter()
                        .any(|f| fold_name(f).contains(&needle))
            })
            .map(|(i, _)| i)
            .collect();
        let focus_row = match *edit.focus_request {
            Some(Part::Signatory(i)) => rows.iter().position(|&r| r == i),
            _ => None,
        };
        let len = edit.memo.signatories.len();
        let mut action = None;
        // The table scrolls sideways inside the editor rather than widening it over the preview.
        egui::ScrollArea::horizontal()
            .id_salt("signatories-table")
            .show(ui, |ui| {
                let mut table = TableBuilder::new(ui)
                    .striped(true)
                    .cell_layout(egui::Layout::left_to_right(Align::Center))
                    .column(Column::exact(28.0))
                    .column(Column::initial(200.0).at_least(120.0).clip(true))
                    .column(Column::initial(50.0).clip(true))
                    .column(Column::initial(80.0).clip(true))
                    .column(Column::initial(70.0).clip(true))
                    .column(Column::initial(96.0))
                    .column(Column::initial(110.0))
                    .column(Column::exact(36.0))
                    .column(Column::remainder().at_least(72.0))
                    .min_scrolled_height(200.0);
                if let Some(row) = focus_row {
                    table = table.scroll_to_row(row, Some(Align::Center));
                }
                table
                    .header(22.0, |mut header| {
                        for title in [
                            "#",
                            "Organization",
                            "Short",
                            "City",
                            "Country",
                            "Status",
                            "Signed",
                            "Lead",
                            "",
                        ] {
                            header.col(|ui| {
                                ui.strong(title);
                            });
                        }
                    })
                    .body(|body| {
                        body.rows(26.0, rows.len(), |mut row| {
                            let Some(&i) = rows.get(row.index()) else {
                                return;
                            };
                            let part = Part::Signatory(i);
                            let wants_focus = edit.take_focus_request(part);
                            let mut status_changed = None;
                            let mut lead_changed = None;
                            let mut date_changed = None;
                            {
                                let Some(s) = edit.memo.signatories.get_mut(i) else {
                                    return;
                                };
                                row.col(|ui| {
                                    ui.label((i + 1).to_string());
                                });
                                let mut focused = false;
                                row.col(|ui| {
                                    let r = ui.add(
                                        TextEdit::singleline(&mut s.organization)
                                            .id_salt(("org", i))
                                            .desired_width(f32::INFINITY),
                                    );
                                    r.widget_info(|| {
                                        egui::WidgetInfo::labeled(
                                            egui::Role::TextInput,
                                            true,
                                            format!("Organization {}", i + 1),
                                        )
                                    });
                                    if wants_focus {
                                        r.request_focus();
                                    }
                                    focused |= r.has_focus();
                                });
                                for (field, name) in [
                                    (&mut s.short_name, "Short name"),
                                    (&mut s.city, "City"),
                                    (&mut s.country, "Country"),
                                ] {
                                    row.col(|ui| {
                                        let r = ui.add(
                                            TextEdit::singleline(field)
                                                .id_salt((name, i))
                                                .desired_width(f32::INFINITY),
                                        );
                                        r.widget_info(|| {
                                            egui::WidgetInfo::labeled(
                                                egui::Role::TextInput,
                                                true,
                                                format!("{name} {}", i + 1),
                                            )
                                        });
                                        focused |= r.has_focus();
                                    });
                                }
                                if focused {
                                    *edit.selected = Some(part);
                                }
                                row.col(|ui| {
                                    let mut st = s.status;
                                    ComboBox::from_id_salt(("status", i))
                                        .selected_text(st.label())
                                        .width(88.0)
                                        .show_ui(ui, |ui| {
                                            for option in SignOnStatus::ALL {
                                                ui.selectable_value(
                                                    &mut st,
                                                    option,
                                                    option.label(),
                                                );
                                            }
                                        })
                                        .response
                                        .on_hover_text(sign_on_dates(s))
                                        .widget_info(|| {
                                            egui::WidgetInfo::labeled(
                                                egui::Role::ComboBox,
                                                true,
                                                format!("Status {}", i + 1),
                                            )
                                        });
                                    if st != s.status {
                                        status_changed = Some(st);
                                    }
                                });
                                row.col(|ui| match s.signed {
                                    Some(date) => {
                                        let mut picked = to_picker(date);
                                        let r = ui.add(
                                            DatePickerButton::new(&mut picked)
                                                .id_salt(&format!("signed-{i}"))
                                                .calendar_week(false),
                                        );
                                        if r.changed() {
                                            date_changed = Some(from_picker(picked).or(Some(date)));
                                        }
                                    }
                                    None => {
                                        if ui
                                            .small_button("Set")
                                            .on_hover_text("Signed today")
                                            .clicked()
                                        {
                                            date_changed = Some(Some(today()));
                                        }
                                    }
                                });
                                row.col(|ui| {
                                    let mut lead = s.lead;
                                    let r = ui
                                        .checkbox(&mut lead, "")
                                        .on_hover_text("Lead author: named on the FROM line");
                                    r.widget_info(|| {
                                        egui::WidgetInfo::selected(
                                            egui::Role::CheckBox,
                                            true,
                                            lead,
                                            format!("Lead author {}", i + 1),
                                        )
                                    });
                                    if r.changed() {
                                        lead_changed = Some(lead);
                                    }
                                });
                            }
                            row.col(|ui| {
                                if let Some(a) = row_icons_ui(ui, i, len) {
                                    action = Some((i, a));
                                }
                            });
                            if status_changed.is_some()
                                || lead_changed.is_some()
                                || date_changed.is_some()
                            {
                                edit.checkpoint();
                                if let Some(s) = edit.memo.signatories.get_mut(i) {
                                    if let Some(st) = status_changed {
                                        // The change dates itself, and no old date stays
                                        // shown as current.
                                        s.set_status(st, today());
                                    }
                                    if let Some(lead) = lead_changed {
                                        s.lead = lead;
                                    }
                                    if let Some(date) = date_changed {
                                        s.signed = date;
                                    }
                                }
                            }
                        });
                    });
            });
        if let Some((i, a)) = action {
            edit.checkpoint();
            apply_row_action(&mut edit.memo.signatories, i, a);
        }
    }
}

/// "Invited 2026-11-01 · signed 2026-11-05": the dates of one sign-on.
fn sign_on_dates(s: &Signatory) -> String {
    let parts: Vec<String> = [
        ("Invited", s.invited),
        ("signed", s.signed),
        ("withdrawn", s.withdrawn),
    ]
    .into_iter()
    .filter_map(|(what, date)| date.map(|d| format!("{what} {d}")))
    .collect();
    if parts.is_empty() {
        "No dates recorded".to_owned()
    } else {
        parts.join(" · ")
    }
}

/// The printed list's order and "as of" line.
fn sign_on_options(ui: &mut Ui, edit: &mut EditContext<'_>) {
    use crate::model::SignatoryOrder;
    let before = edit.memo.sign_on.clone();
    let mut options = before.clone();
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Printed order");
        let label = |o: SignatoryOrder| match o {
            SignatoryOrder::AsStored => "As listed",
            SignatoryOrder::Alphabetical => "Alphabetical",
            SignatoryOrder::ByCountry => "By country",
        };
        ComboBox::from_id_salt("printed-order")
            .selected_text(label(options.order))
            .show_ui(ui, |ui| {
                for o in [
                    SignatoryOrder::AsStored,
                    SignatoryOrder::Alphabetical,
                    SignatoryOrder::ByCountry,
                ] {
                    ui.selectable_value(&mut options.order, o, label(o));
                }
            })
            .response
            .labelled_by(l.id);
        ui.checkbox(&mut options.leads_first, "Lead authors first");
        ui.checkbox(&mut options.ignore_leading_the, "Ignore a leading \"The\"");
        let mut dated = options.as_of.is_some();
        if ui.checkbox(&mut dated, "Print \"List as of\"").changed() {
            options.as_of = dated.then(today);
        }
        if let Some(date) = options.as_of {
            let mut picked = to_picker(date);
            if ui
                .add(DatePickerButton::new(&mut picked).id_salt("as-of"))
                .changed()
            {
                options.as_of = from_picker(picked).or(Some(date));
            }
        }
    });
    if options != before {
        edit.checkpoint();
        edit.memo.sign_on = options;
    }
}
