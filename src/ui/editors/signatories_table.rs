//! The sign-on table: one row per organization, with its columns in sets (place and lead,
//! contacts, dates) so that the organization keeps most of the pane's width.

use egui::{Align, ComboBox, Grid, Id, Label, Layout, Popup, PopupCloseBehavior, Response};
use egui::{RichText, TextEdit, Ui};
use egui_extras::{Column, TableBuilder};
use jiff::civil::Date;

use super::EditContext;
use super::date_field::date_field_ui;
use super::fields::{RowAction, apply_row_action, row_icons_ui};
use crate::layout::Part;
use crate::model::{Contact, Language, SignOnStatus, Signatory};
use crate::ui::today;

/// Every row has this height, whatever its status shows.
const ROW_HEIGHT: f32 = 26.0;

/// The room a date cell leaves for the calendar button and the space before it:
/// `date_field_ui` gives its text box all the width it is offered.
const CALENDAR_BUTTON_WIDTH: f32 = 36.0;

/// Which columns the table shows beside the row number, the organization and (in most
/// sets) the status. All of them at once would leave the organization a sliver.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ColumnSet {
    #[default]
    Place,
    Contacts,
    Dates,
}

impl ColumnSet {
    pub const ALL: [Self; 3] = [Self::Place, Self::Contacts, Self::Dates];

    pub fn label(self) -> &'static str {
        match self {
            Self::Place => "Place and lead",
            Self::Contacts => "Contacts",
            Self::Dates => "Dates",
        }
    }

    fn columns(self) -> &'static [Col] {
        use Col::{City, ContactName, Country, Email, Invited, Lead, Number, Organization};
        use Col::{ShortName, Signed, Status};
        match self {
            Self::Place => &[Number, Organization, ShortName, City, Country, Status, Lead],
            Self::Contacts => &[Number, Organization, ContactName, Email, Status],
            Self::Dates => &[Number, Organization, Status, Invited, Signed],
        }
    }
}

/// One column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Number,
    Organization,
    ShortName,
    City,
    Country,
    Status,
    Lead,
    ContactName,
    Email,
    Invited,
    Signed,
}

impl Col {
    fn title(self) -> &'static str {
        match self {
            Self::Number => "#",
            Self::ShortName => "Short",
            Self::ContactName => "Contact",
            _ => self.name(),
        }
    }

    /// The accessible name of the row's widget in this column, before the row number.
    fn name(self) -> &'static str {
        match self {
            Self::Number => "Row",
            Self::Organization => "Organization",
            Self::ShortName => "Short name",
            Self::City => "City",
            Self::Country => "Country",
            Self::Status => "Status",
            Self::Lead => "Lead author",
            Self::ContactName => "Contact name",
            Self::Email => "Email",
            Self::Invited => "Invited",
            Self::Signed => "Signed",
        }
    }

    /// The organization takes what the others leave, so it widens with the pane and
    /// gives way when the user widens another column.
    fn column(self) -> Column {
        let resizable = |width: f32| Column::initial(width).at_least(28.0).resizable(true);
        match self {
            Self::Number => Column::exact(30.0),
            Self::Organization => Column::remainder().at_least(120.0),
            Self::ShortName => resizable(48.0),
            Self::City => resizable(76.0),
            Self::Country => resizable(64.0),
            Self::Status => resizable(104.0),
            Self::Lead => Column::exact(34.0),
            Self::ContactName | Self::Invited | Self::Signed => resizable(150.0),
            Self::Email => resizable(170.0),
        }
        .clip(true)
    }
}

/// The table's state between frames (this editor's only).
#[derive(Default)]
pub struct SignatoriesTable {
    pub columns: ColumnSet,
}

impl SignatoriesTable {
    /// The rows at `rows` (indices into the memo's signatories), in that order.
    pub fn ui(&mut self, ui: &mut Ui, edit: &mut EditContext<'_>, rows: &[usize]) {
        let columns = self.columns.columns();
        let focus_row = match *edit.focus_request {
            Some(Part::Signatory(i)) => rows.iter().position(|&r| r == i),
            _ => None,
        };
        let len = edit.memo.signatories.len();
        let language = edit.memo.language;
        let mut action = None;
        // Columns widened past the pane scroll sideways rather than cover the preview.
        egui::ScrollArea::horizontal()
            .id_salt("signatories-table")
            .show(ui, |ui| {
                ui.spacing_mut().item_spacing.x = 6.0;
                let mut table = TableBuilder::new(ui)
                    .id_salt(("signatories", self.columns))
                    .striped(true)
                    .cell_layout(Layout::left_to_right(Align::Center))
                    .min_scrolled_height(200.0);
                for col in columns {
                    table = table.column(col.column());
                }
                if let Some(row) = focus_row {
                    table = table.scroll_to_row(row, Some(Align::Center));
                }
                let mut labels = Vec::with_capacity(columns.len());
                let table = table.header(22.0, |mut header| {
                    for &col in columns {
                        header.col(|ui| {
                            let mut title = ui.strong(col.title());
                            if col == Col::Organization {
                                title = title.on_hover_text(
                                    "Takes the width the other columns leave: drag their \
                                     edges to change it",
                                );
                            }
                            labels.push(title.id);
                        });
                    }
                });
                table.body(|body| {
                    body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                        let Some(&i) = rows.get(row.index()) else {
                            return;
                        };
                        let part = Part::Signatory(i);
                        let mut cells = RowCells {
                            i,
                            len,
                            language,
                            wants_focus: edit.take_focus_request(part),
                            focused: false,
                            change: None,
                            action: None,
                        };
                        {
                            let Some(s) = edit.memo.signatories.get_mut(i) else {
                                return;
                            };
                            for (&col, &label) in columns.iter().zip(&labels) {
                                row.col(|ui| cells.cell_ui(ui, col, s, label));
                            }
                        }
                        if cells.focused {
                            *edit.selected = Some(part);
                        }
                        if let Some(a) = cells.action {
                            action = Some((i, a));
                        }
                        if let Some(change) = cells.change {
                            edit.checkpoint();
                            if let Some(s) = edit.memo.signatories.get_mut(i) {
                                change.apply(s);
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

/// What a row asked for this frame besides typing; each is one undo step.
enum RowChange {
    Status(SignOnStatus),
    Lead(bool),
    Invited(Date),
    Signed(Date),
    AddContact,
    RemoveContact(usize),
}

impl RowChange {
    fn apply(self, s: &mut Signatory) {
        match self {
            // The change dates itself, and no old date stays shown as current.
            Self::Status(status) => s.set_status(status, today()),
            Self::Lead(lead) => s.lead = lead,
            Self::Invited(date) => s.invited = Some(date),
            Self::Signed(date) => s.signed = Some(date),
            Self::AddContact => s.contacts.push(Contact::default()),
            Self::RemoveContact(k) => {
                if k < s.contacts.len() {
                    s.contacts.remove(k);
                }
            }
        }
    }
}

/// One row while its cells are drawn: what they need and what they report.
struct RowCells {
    i: usize,
    len: usize,
    language: Language,
    wants_focus: bool,
    /// Whether any field of the row has focus (the preview highlights the row).
    focused: bool,
    change: Option<RowChange>,
    /// Moves and removals change row indices: applied after the table.
    action: Option<RowAction>,
}

impl RowCells {
    fn cell_ui(&mut self, ui: &mut Ui, col: Col, s: &mut Signatory, label: Id) {
        let name = format!("{} {}", col.name(), self.i + 1);
        match col {
            Col::Number => self.row_menu_ui(ui, &name),
            Col::Organization => {
                let r = self.text_ui(ui, &mut s.organization, col, name);
                if self.wants_focus {
                    r.request_focus();
                }
            }
            Col::ShortName => _ = self.text_ui(ui, &mut s.short_name, col, name),
            Col::City => _ = self.text_ui(ui, &mut s.city, col, name),
            Col::Country => _ = self.text_ui(ui, &mut s.country, col, name),
            Col::Status => self.status_ui(ui, s, name),
            Col::Lead => {
                let mut lead = s.lead;
                let r = ui
                    .checkbox(&mut lead, "")
                    .on_hover_text("Lead author: named on the FROM line")
                    .accessible_name(name);
                if r.changed() {
                    self.change = Some(RowChange::Lead(lead));
                }
            }
            Col::ContactName => {
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    self.contacts_ui(ui, s);
                    self.first_contact_ui(ui, s, col, name);
                });
            }
            Col::Email => self.first_contact_ui(ui, s, col, name),
            Col::Invited => {
                if let Some(date) = self.date_ui(ui, col, s.invited, label, name) {
                    self.change = Some(RowChange::Invited(date));
                }
            }
            Col::Signed => match s.status {
                // A received row's date is the day its form was sent.
                SignOnStatus::Confirmed | SignOnStatus::Received => {
                    if let Some(date) = self.date_ui(ui, col, s.signed, label, name) {
                        self.change = Some(RowChange::Signed(date));
                    }
                }
                // The signed date stays as history; what is current is the withdrawal.
                SignOnStatus::Withdrawn => {
                    let when = s.withdrawn.map(|d| format!(" {d}")).unwrap_or_default();
                    ui.add(Label::new(RichText::new(format!("withdrawn{when}")).weak()).truncate())
                        .on_hover_text(sign_on_dates(s));
                }
                // Not signed: set_status cleared the date, and a draft that still has one
                // does not show it as current.
                SignOnStatus::Invited | SignOnStatus::Declined => {}
            },
        }
    }

    /// The row number, as a menu button to move or remove the row.
    fn row_menu_ui(&mut self, ui: &mut Ui, name: &str) {
        let button = ui
            .small_button((self.i + 1).to_string())
            .on_hover_text("Move or remove this row")
            .accessible_name(name);
        Popup::menu(&button)
            .id(ui.make_persistent_id(("row-menu", self.i)))
            .show(|ui| {
                self.action = ui.horizontal(|ui| row_icons_ui(ui, self.i, self.len)).inner;
                if self.action.is_some() {
                    // Also when chosen from the keyboard or a screen reader, not a click.
                    ui.close();
                }
            });
    }

    /// A text cell as wide as its column, named `name` for screen readers.
    fn text_ui(&mut self, ui: &mut Ui, text: &mut String, col: Col, name: String) -> Response {
        let r = ui
            .add(
                TextEdit::singleline(text)
                    .id_salt((col.name(), self.i))
                    .desired_width(f32::INFINITY),
            )
            .accessible_name(name);
        self.focused |= r.has_focus();
        r
    }

    /// The first contact's name or email; typing into an empty one adds the contact.
    fn first_contact_ui(&mut self, ui: &mut Ui, s: &mut Signatory, col: Col, name: String) {
        let mut first = s.contacts.first().cloned().unwrap_or_default();
        let text = if col == Col::Email {
            &mut first.email
        } else {
            &mut first.name
        };
        if self.text_ui(ui, text, col, name).changed() {
            match s.contacts.first_mut() {
                Some(contact) => *contact = first,
                None => s.contacts.push(first),
            }
        }
    }

    /// "+N" (the contacts beyond the first) and a popup listing all of them for editing,
    /// adding and removing.
    fn contacts_ui(&mut self, ui: &mut Ui, s: &mut Signatory) {
        let n = self.i + 1;
        let count = s.contacts.len();
        let text = match count.saturating_sub(1) {
            0 => "+".to_owned(),
            more => format!("+{more}"),
        };
        let button = ui
            .small_button(text)
            .on_hover_text(format!("All contacts ({count}): add, edit or remove"))
            .accessible_name(format!("Contacts {n}"));
        Popup::from_toggle_button_response(&button)
            .id(ui.make_persistent_id(("contacts", self.i)))
            .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
            .show(|ui| {
                Grid::new(("contacts-grid", self.i)).show(ui, |ui| {
                    for (k, contact) in s.contacts.iter_mut().enumerate() {
                        let who = format!("row {n} contact {}", k + 1);
                        for (text, what, width) in [
                            (&mut contact.name, "Name", 140.0),
                            (&mut contact.email, "Email", 180.0),
                        ] {
                            _ = ui
                                .add(
                                    TextEdit::singleline(text)
                                        .id_salt((what, self.i, k))
                                        .hint_text(what)
                                        .desired_width(width),
                                )
                                .accessible_name(format!("{what}, {who}"));
                        }
                        if ui
                            .small_button("✖")
                            .on_hover_text("Remove this contact")
                            .accessible_name(format!("Remove {who}"))
                            .clicked()
                        {
                            self.change = Some(RowChange::RemoveContact(k));
                        }
                        ui.end_row();
                    }
                });
                if ui
                    .button("Add contact")
                    .accessible_name(format!("Add contact to row {n}"))
                    .clicked()
                {
                    self.change = Some(RowChange::AddContact);
                }
            });
    }

    /// A date typed or picked; with none yet, a "Set" button for today, to be corrected to
    /// the real day if need be. Returns the date entered this frame.
    fn date_ui(
        &mut self,
        ui: &mut Ui,
        col: Col,
        date: Option<Date>,
        label: Id,
        name: String,
    ) -> Option<Date> {
        let Some(date) = date else {
            let set = ui
                .small_button("Set")
                .on_hover_text("Today; then type or pick the real day")
                .accessible_name(name);
            return set.clicked().then(today);
        };
        let room = egui::vec2(
            (ui.available_width() - CALENDAR_BUTTON_WIDTH).max(0.0),
            ROW_HEIGHT,
        );
        let salt = format!("{}-{}", col.name(), self.i);
        let field = ui
            .allocate_ui_with_layout(room, Layout::left_to_right(Align::Center), |ui| {
                date_field_ui(ui, &salt, label, date, self.language)
            })
            .inner;
        let r = field.response.accessible_name(name);
        self.focused |= r.has_focus();
        field.changed
    }

    fn status_ui(&mut self, ui: &mut Ui, s: &Signatory, name: String) {
        let mut status = s.status;
        ComboBox::from_id_salt(("status", self.i))
            .selected_text(status.label())
            .width(ui.available_width())
            .show_ui(ui, |ui| {
                for option in SignOnStatus::ALL {
                    ui.selectable_value(&mut status, option, option.label());
                }
            })
            .response
            .on_hover_text(sign_on_dates(s))
            .accessible_name(name);
        if status != s.status {
            self.change = Some(RowChange::Status(status));
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
