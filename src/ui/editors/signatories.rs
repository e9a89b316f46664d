//! The signatories editor: the sign-on summary, the printed order, the filter and the
//! choice of columns; the table itself is in `signatories_table`.

use egui::{ComboBox, TextEdit, Ui};

use super::EditContext;
use super::date_field::date_field_ui;
use super::signatories_table::{ColumnSet, SignatoriesTable};
use super::text_field::{FieldKind, text_field_ui};
use crate::layout::Part;
use crate::model::find::Field;
use crate::model::{SignOnStatus, Signatory, fold_name};
use crate::ui::commands::Command;
use crate::ui::today;

/// Which rows the table shows (kept between frames, by this editor only).
#[derive(Clone, Debug, Default)]
pub struct SignatoryFilter {
    pub text: String,
    pub status: Option<SignOnStatus>,
}

impl SignatoryFilter {
    /// Whether the table shows `signatory` (`None`, a row that does not exist: no).
    fn shows(&self, signatory: Option<&Signatory>) -> bool {
        let Some(s) = signatory else { return false };
        let needle = fold_name(&self.text);
        self.status.is_none_or(|st| s.status == st)
            && (needle.is_empty()
                || [&s.organization, &s.short_name, &s.city, &s.country]
                    .iter()
                    .any(|f| fold_name(f).contains(&needle)))
    }
}

#[derive(Default)]
pub struct SignatoriesEditor {
    filter: SignatoryFilter,
    table: SignatoriesTable,
}

impl SignatoriesEditor {
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>) {
        ui.heading("Signatories");
        ui.label(format!(
            "{}. Only confirmed organizations print.",
            edit.memo.sign_on_summary(today())
        ));
        confirm_received_ui(ui, edit);
        egui::Grid::new("signatories-intro")
            .num_columns(2)
            .show(ui, |ui| {
                let kind = FieldKind::Area { rows: 2 };
                text_field_ui(ui, edit, "Signatories intro", Field::SignatoriesIntro, kind);
            });
        sign_on_options_ui(ui, edit);
        if edit.memo.sign_on.logo_grid {
            logos_ui(ui, edit);
        }
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

        ui.horizontal(|ui| {
            ui.label("Columns");
            for set in ColumnSet::ALL {
                ui.selectable_value(&mut self.table.columns, set, set.label());
            }
        });

        // A row asked for (a click on the page, a match found) is shown even if the
        // filter hid it: the filter is cleared, as "Add signatory" does.
        if let Some(Part::Signatory(i)) = *edit.focus_request
            && let Some(signatory) = edit.memo.signatories.get(i)
            && !self.filter.shows(Some(signatory))
        {
            self.filter = SignatoryFilter::default();
        }
        let rows: Vec<usize> = edit
            .memo
            .signatories
            .iter()
            .enumerate()
            .filter(|(_, s)| self.filter.shows(Some(s)))
            .map(|(i, _)| i)
            .collect();
        self.table.ui(ui, edit, &rows);
    }
}

/// Rows received through a public form, awaiting review: confirmed one by one with
/// their status, or all at once here (one undo step).
fn confirm_received_ui(ui: &mut Ui, edit: &mut EditContext<'_>) {
    let received = edit
        .memo
        .signatories
        .iter()
        .filter(|s| s.status == SignOnStatus::Received)
        .count();
    if received == 0 {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(
            "Received through the sign-on form: check each, then confirm it in its Status \
             (or all at once).",
        );
        if ui
            .button(format!("Confirm all {received} received"))
            .on_hover_text("They print once confirmed")
            .clicked()
        {
            edit.checkpoint();
            let today = today();
            for s in &mut edit.memo.signatories {
                if s.status == SignOnStatus::Received {
                    s.set_status(SignOnStatus::Confirmed, today);
                }
            }
        }
    });
}

/// Each confirmed organization's logo for the grid: choose one from a file, its alt text
/// or "decorative", or remove it.
fn logos_ui(ui: &mut Ui, edit: &mut EditContext<'_>) {
    egui::CollapsingHeader::new("Logos of the signatories")
        .default_open(true)
        .show(ui, |ui| {
            let confirmed: Vec<usize> = edit.memo.confirmed().map(|(i, _)| i).collect();
            egui::Grid::new("signatory-logos")
                .num_columns(3)
                .show(ui, |ui| {
                    for i in confirmed {
                        let Some(s) = edit.memo.signatories.get(i) else {
                            continue;
                        };
                        ui.label(s.printed_name());
                        let target = crate::model::LogoTarget::Signatory(i);
                        let logo = s.logo.clone();
                        ui.push_id(("signatory-logo", i), |ui| match logo {
                            None => {
                                if ui.button(Command::AddLogo(target).label()).clicked() {
                                    edit.commands.push(Command::AddLogo(target));
                                }
                                ui.label("");
                            }
                            Some(mut logo) => {
                                let before = logo.clone();
                                ui.horizontal(|ui| {
                                    ui.add_enabled(
                                        !logo.decorative,
                                        TextEdit::singleline(&mut logo.alt)
                                            .hint_text("alt text")
                                            .desired_width(160.0),
                                    );
                                    ui.checkbox(&mut logo.decorative, "Decorative");
                                });
                                let remove = ui.button("Remove logo").clicked();
                                if remove || logo.decorative != before.decorative {
                                    edit.checkpoint();
                                }
                                if let Some(s) = edit.memo.signatories.get_mut(i) {
                                    if remove {
                                        s.logo = None;
                                    } else if logo != before {
                                        s.logo = Some(logo);
                                    }
                                }
                            }
                        });
                        ui.end_row();
                    }
                });
        });
}

/// The printed list's order and "as of" line.
fn sign_on_options_ui(ui: &mut Ui, edit: &mut EditContext<'_>) {
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
        ui.checkbox(&mut options.logo_grid, "Print as a grid of logos");
        let mut dated = options.as_of.is_some();
        let check = ui.checkbox(&mut dated, "Print \"List as of\"");
        if check.changed() {
            options.as_of = dated.then(today);
        }
        if let Some(date) = options.as_of {
            let field = date_field_ui(ui, "as-of", check.id, date, edit.memo.language);
            _ = field.response.accessible_name("List as of date");
            if let Some(new) = field.changed {
                options.as_of = Some(new);
            }
        }
    });
    if options != before {
        edit.checkpoint();
        edit.memo.sign_on = options;
    }
}
