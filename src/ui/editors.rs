//! The form editors, one per outline section. Each edits the memo in place; changes that
//! are not typing (adding, removing, moving, sorting) first mark an undo point so one
//! undo reverts exactly that step.

use egui::util::undoer::Undoer;
use egui::{Align, ComboBox, Grid, Response, RichText, TextEdit, Ui};
use egui_extras::{Column, DatePickerButton, TableBuilder};

use crate::model::{
    Alignment, Assessment, Finding, Language, Memo, Paper, Part, Placement, Quote, Recipient,
    Recommendation, SignOnStatus, Signatory, fold_name,
};

/// The outline's sections; each has one editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Header,
    Recipients,
    Introduction,
    Findings,
    Quotes,
    Recommendations,
    Signatories,
    PageSetup,
}

impl Section {
    pub const ALL: [Self; 8] = [
        Self::Header,
        Self::Recipients,
        Self::Introduction,
        Self::Findings,
        Self::Quotes,
        Self::Recommendations,
        Self::Signatories,
        Self::PageSetup,
    ];

    /// The section whose editor holds `part`.
    pub fn of(part: Part) -> Option<Self> {
        Some(match part {
            Part::Heading | Part::From | Part::Date | Part::Subject | Part::Closing => Self::Header,
            Part::To(_) | Part::Cc(_) => Self::Recipients,
            Part::Introduction => Self::Introduction,
            Part::Finding(_) => Self::Findings,
            Part::Quote(_) => Self::Quotes,
            Part::Recommendation(_) => Self::Recommendations,
            Part::Signatory(_) => Self::Signatories,
            Part::PageSetup => Self::PageSetup,
            Part::Furniture => return None,
        })
    }

    /// The outline label, with counts where the issue asks for them.
    pub fn label(self, memo: &Memo) -> String {
        match self {
            Self::Header => "Header".to_owned(),
            Self::Recipients => format!("Recipients ({})", memo.to.len() + memo.cc.len()),
            Self::Introduction => "Introduction".to_owned(),
            Self::Findings => format!("Findings ({})", memo.findings.len()),
            Self::Quotes => format!("Quotes ({})", memo.quotes.len()),
            Self::Recommendations => format!("Recommendations ({})", memo.recommendations.len()),
            Self::Signatories => format!(
                "Signatories ({} / {})",
                memo.confirmed().count(),
                memo.signatories.len()
            ),
            Self::PageSetup => "Page setup".to_owned(),
        }
    }
}

fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}

/// The date picker's date type (jiff 0.2) from the model's (jiff 1), and back.
fn to_picker(d: jiff::civil::Date) -> jiff_02::civil::Date {
    jiff_02::civil::Date::new(d.year(), d.month(), d.day()).unwrap_or_default()
}

fn from_picker(d: jiff_02::civil::Date) -> Option<jiff::civil::Date> {
    jiff::civil::Date::new(d.year(), d.month(), d.day()).ok()
}

/// Filter state of the signatories table (kept between frames).
#[derive(Clone, Debug, Default)]
pub struct SignatoryFilter {
    pub text: String,
    pub status: Option<SignOnStatus>,
}

/// What an editor may touch.
pub struct Edit<'a> {
    pub memo: &'a mut Memo,
    pub undo: &'a mut Undoer<Memo>,
    /// A part whose first field should take keyboard focus (from a click on the preview
    /// or on a problem); the editor that shows it takes it.
    pub focus: &'a mut Option<Part>,
    /// The part being edited, highlighted on the preview.
    pub selected: &'a mut Option<Part>,
    pub filter: &'a mut SignatoryFilter,
}

impl Edit<'_> {
    /// Marks an undo point before a structural change.
    fn checkpoint(&mut self) {
        self.undo.add_undo(self.memo);
    }

    fn take_focus(&mut self, part: Part) -> bool {
        if *self.focus == Some(part) {
            *self.focus = None;
            true
        } else {
            false
        }
    }

    /// Hooks a field's response to focus requests and to the preview highlight.
    fn track(&mut self, response: &Response, part: Part) {
        if self.take_focus(part) {
            response.request_focus();
            response.scroll_to_me(Some(Align::Center));
        }
        if response.has_focus() || response.gained_focus() {
            *self.selected = Some(part);
        }
    }
}

/// A labelled single-line field in a two-column grid.
fn line(ui: &mut Ui, label: &str, value: &mut String, hint: &str) -> Response {
    let l = ui.label(label);
    let r = ui
        .add(
            TextEdit::singleline(value)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    ui.end_row();
    r
}

/// A labelled multi-line field in a two-column grid.
fn area(ui: &mut Ui, label: &str, value: &mut String, rows: usize) -> Response {
    let l = ui.label(label);
    let r = ui
        .add(
            TextEdit::multiline(value)
                .desired_rows(rows)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    ui.end_row();
    r
}

const MARKDOWN_HINT: &str =
    "Blank line between paragraphs. *italic*, **bold**, [link text](https://…)";

/// Move up, move down, duplicate and remove buttons for row `i` of `len`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RowAction {
    Up,
    Down,
    Duplicate,
    Remove,
}

fn row_buttons(ui: &mut Ui, i: usize, len: usize, duplicate: bool) -> Option<RowAction> {
    let mut action = None;
    if ui
        .add_enabled(i > 0, egui::Button::new("⬆"))
        .on_hover_text("Move up")
        .clicked()
    {
        action = Some(RowAction::Up);
    }
    if ui
        .add_enabled(i + 1 < len, egui::Button::new("⬇"))
        .on_hover_text("Move down")
        .clicked()
    {
        action = Some(RowAction::Down);
    }
    if duplicate && ui.button("Duplicate").clicked() {
        action = Some(RowAction::Duplicate);
    }
    if ui.button("Remove").clicked() {
        action = Some(RowAction::Remove);
    }
    action
}

/// The same for a table row, as icons (each with its name for hover and screen readers).
fn row_icons(ui: &mut Ui, i: usize, len: usize) -> Option<RowAction> {
    let mut action = None;
    for (enabled, icon, name, what) in [
        (i > 0, "⬆", "Move up", RowAction::Up),
        (i + 1 < len, "⬇", "Move down", RowAction::Down),
        (true, "✖", "Remove", RowAction::Remove),
    ] {
        let r = ui
            .add_enabled(enabled, egui::Button::new(icon).small())
            .on_hover_text(name);
        r.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, enabled, format!("{name} {}", i + 1))
        });
        if r.clicked() {
            action = Some(what);
        }
    }
    action
}

fn apply<T: Clone>(items: &mut Vec<T>, i: usize, action: RowAction) {
    match action {
        RowAction::Up if i > 0 && i < items.len() => items.swap(i - 1, i),
        RowAction::Down if i + 1 < items.len() => items.swap(i, i + 1),
        RowAction::Duplicate => {
            if let Some(item) = items.get(i).cloned() {
                items.insert(i + 1, item);
            }
        }
        RowAction::Remove if i < items.len() => {
            items.remove(i);
        }
        _ => {}
    }
}

pub fn show(ui: &mut Ui, section: Section, edit: &mut Edit<'_>) {
    match section {
        Section::Header => header(ui, edit),
        Section::Recipients => recipients(ui, edit),
        Section::Introduction => introduction(ui, edit),
        Section::Findings => findings(ui, edit),
        Section::Quotes => quotes(ui, edit),
        Section::Recommendations => recommendations(ui, edit),
        Section::Signatories => signatories(ui, edit),
        Section::PageSetup => page_setup(ui, edit),
    }
}

fn header(ui: &mut Ui, edit: &mut Edit<'_>) {
    ui.heading("Header");
    Grid::new("header")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let r = line(ui, "Label", &mut edit.memo.heading, "MEMORANDUM");
            edit.track(&r, Part::Heading);

            let l = ui.label("Date");
            ui.horizontal(|ui| match edit.memo.date {
                Some(date) => {
                    let mut picked = to_picker(date);
                    let r = ui
                        .add(DatePickerButton::new(&mut picked).id_salt("memo-date"))
                        .labelled_by(l.id);
                    edit.track(&r, Part::Date);
                    if r.changed() {
                        edit.checkpoint();
                        edit.memo.date = from_picker(picked).or(Some(date));
                    }
                    if ui.button("No date").clicked() {
                        edit.checkpoint();
                        edit.memo.date = None;
                    }
                }
                None => {
                    if ui.button("Set date (today)").labelled_by(l.id).clicked() {
                        edit.checkpoint();
                        edit.memo.date = Some(today());
                    }
                }
            });
            ui.end_row();

            let r = line(
                ui,
                "Subject",
                &mut edit.memo.subject,
                "What the memo is about",
            );
            edit.track(&r, Part::Subject);
            let derived = edit.memo.from_line();
            let hint = if derived.is_empty() {
                "The coalition; empty: the lead signatories".to_owned()
            } else {
                derived
            };
            let r = line(ui, "From", &mut edit.memo.from, &hint);
            edit.track(&r, Part::From);

            let l = ui.label("Language");
            let before = edit.memo.language;
            ComboBox::from_id_salt("language")
                .selected_text(language_label(edit.memo.language))
                .show_ui(ui, |ui| {
                    for lang in [Language::English, Language::Spanish] {
                        ui.selectable_value(&mut edit.memo.language, lang, language_label(lang));
                    }
                })
                .response
                .labelled_by(l.id);
            if edit.memo.language != before {
                let after = edit.memo.language;
                edit.memo.language = before;
                edit.checkpoint();
                edit.memo.language = after;
            }
            ui.end_row();

            let r = area(ui, "Closing contact", &mut edit.memo.closing, 2);
            edit.track(&r, Part::Closing);
            area(ui, "Signatories intro", &mut edit.memo.signatories_intro, 2);
            area(
                ui,
                "Internal notes (never printed)",
                &mut edit.memo.notes,
                3,
            );
        });
}

fn language_label(language: Language) -> &'static str {
    match language {
        Language::English => "English",
        Language::Spanish => "Español",
    }
}

fn recipients(ui: &mut Ui, edit: &mut Edit<'_>) {
    ui.heading("Recipients");
    for cc in [false, true] {
        ui.add_space(8.0);
        ui.label(RichText::new(if cc { "CC" } else { "TO" }).strong());
        let len = if cc {
            edit.memo.cc.len()
        } else {
            edit.memo.to.len()
        };
        let mut action = None;
        for i in 0..len {
            let part = if cc { Part::Cc(i) } else { Part::To(i) };
            ui.push_id((cc, i), |ui| {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    Grid::new("recipient").num_columns(2).show(ui, |ui| {
                        let list = if cc {
                            &mut edit.memo.cc
                        } else {
                            &mut edit.memo.to
                        };
                        let Some(r) = list.get_mut(i) else { return };
                        let a = line(ui, "Name", &mut r.name, "Antony Example");
                        let b = line(ui, "Title", &mut r.title, "Secretary of State");
                        let c = line(
                            ui,
                            "Organization",
                            &mut r.organization,
                            "U.S. Department of State",
                        );
                        edit.track(&a, part);
                        for resp in [&b, &c] {
                            if resp.has_focus() {
                                *edit.selected = Some(part);
                            }
                        }
                    });
                    ui.horizontal(|ui| {
                        if let Some(a) = row_buttons(ui, i, len, false) {
                            action = Some((i, a));
                        }
                    });
                });
            });
        }
        if let Some((i, a)) = action {
            edit.checkpoint();
            apply(
                if cc {
                    &mut edit.memo.cc
                } else {
                    &mut edit.memo.to
                },
                i,
                a,
            );
        }
        let add = if cc {
            "Add CC recipient"
        } else {
            "Add TO recipient"
        };
        if ui.button(add).clicked() {
            edit.checkpoint();
            let list = if cc {
                &mut edit.memo.cc
            } else {
                &mut edit.memo.to
            };
            list.push(Recipient::default());
            *edit.focus = Some(if cc {
                Part::Cc(list.len() - 1)
            } else {
                Part::To(list.len() - 1)
            });
        }
    }
}

fn introduction(ui: &mut Ui, edit: &mut Edit<'_>) {
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

fn findings(ui: &mut Ui, edit: &mut Edit<'_>) {
    ui.heading("Findings");
    ui.label(RichText::new(MARKDOWN_HINT).weak());
    if ui.button("Add finding").clicked() {
        edit.checkpoint();
        let id = edit.memo.next_finding_id();
        edit.memo.findings.push(Finding {
            id,
            ..Finding::default()
        });
        *edit.focus = Some(Part::Finding(id));
    }
    let len = edit.memo.findings.len();
    let language = edit.memo.language;
    let mut action = None;
    for i in 0..len {
        let Some(id) = edit.memo.findings.get(i).map(|f| f.id) else {
            break;
        };
        let part = Part::Finding(id);
        ui.push_id(id, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(format!("Finding {}", i + 1)).strong());
                Grid::new("finding").num_columns(2).show(ui, |ui| {
                    let Some(f) = edit.memo.findings.get_mut(i) else {
                        return;
                    };
                    let r = line(ui, "Title", &mut f.title, "Key area assessed");
                    let l = ui.label("Assessment");
                    let before = f.assessment;
                    let mut chosen = before;
                    ComboBox::from_id_salt("assessment")
                        .selected_text(chosen.label(language))
                        .show_ui(ui, |ui| {
                            for a in Assessment::ALL {
                                ui.selectable_value(&mut chosen, a, a.label(language));
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    ui.end_row();
                    let e = area(ui, "Evidence", &mut f.evidence, 6);
                    if chosen != before {
                        edit.checkpoint();
                        if let Some(f) = edit.memo.findings.get_mut(i) {
                            f.assessment = chosen;
                        }
                    }
                    edit.track(&r, part);
                    if e.has_focus() {
                        *edit.selected = Some(part);
                    }
                });
                let quotes = edit.memo.quotes_at(Placement::Finding(id)).count();
                ui.horizontal(|ui| {
                    if let Some(a) = row_buttons(ui, i, len, true) {
                        action = Some((i, a));
                    }
                    if ui.button(format!("Add quote ({quotes})")).clicked() {
                        add_quote(edit, Placement::Finding(id));
                    }
                });
            });
        });
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
            RowAction::Remove => {
                if let Some(removed) = edit.memo.findings.get(i).map(|f| f.id) {
                    edit.memo.findings.remove(i);
                    // Quotes placed under it move to the introduction rather than vanish.
                    for q in &mut edit.memo.quotes {
                        if q.placement == Placement::Finding(removed) {
                            q.placement = Placement::Introduction;
                        }
                    }
                }
            }
            _ => apply(&mut edit.memo.findings, i, a),
        }
    }
}

fn add_quote(edit: &mut Edit<'_>, placement: Placement) {
    edit.checkpoint();
    let id = edit.memo.next_quote_id();
    edit.memo.quotes.push(Quote {
        id,
        placement,
        ..Quote::default()
    });
    *edit.focus = Some(Part::Quote(id));
}

fn quotes(ui: &mut Ui, edit: &mut Edit<'_>) {
    ui.heading("Quotes");
    if ui.button("Add quote").clicked() {
        add_quote(edit, Placement::Introduction);
    }
    let len = edit.memo.quotes.len();
    let places: Vec<(Placement, String)> =
        std::iter::once((Placement::Introduction, "Introduction".to_owned()))
            .chain(edit.memo.findings.iter().enumerate().map(|(i, f)| {
                (
                    Placement::Finding(f.id),
                    format!("Finding {}: {}", i + 1, f.title),
                )
            }))
            .collect();
    let place_label = |p: Placement| {
        places
            .iter()
            .find(|(q, _)| *q == p)
            .map_or_else(|| "(removed finding)".to_owned(), |(_, l)| l.clone())
    };
    let mut action = None;
    for i in 0..len {
        let Some(id) = edit.memo.quotes.get(i).map(|q| q.id) else {
            break;
        };
        let part = Part::Quote(id);
        ui.push_id(id, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                Grid::new("quote").num_columns(2).show(ui, |ui| {
                    let Some(quote) = edit.memo.quotes.get_mut(i) else {
                        return;
                    };
                    let text = area(ui, "Quote", &mut quote.text, 3);
                    let attribution = line(
                        ui,
                        "Attribution",
                        &mut quote.attribution,
                        "Who said or wrote it",
                    );
                    let source = line(
                        ui,
                        "Source title",
                        &mut quote.source_title,
                        "Report, hearing, article",
                    );
                    let url = line(ui, "URL", &mut quote.url, "https://…");
                    let date = line(ui, "Date", &mut quote.date, "May 2026");
                    let placement_label = ui.label("Placed under");
                    let before = quote.placement;
                    let mut chosen = before;
                    ComboBox::from_id_salt("placement")
                        .selected_text(place_label(chosen))
                        .width(320.0)
                        .show_ui(ui, |ui| {
                            for (p, label) in &places {
                                ui.selectable_value(&mut chosen, *p, label);
                            }
                        })
                        .response
                        .labelled_by(placement_label.id);
                    ui.end_row();
                    if chosen != before {
                        edit.checkpoint();
                        if let Some(quote) = edit.memo.quotes.get_mut(i) {
                            quote.placement = chosen;
                        }
                    }
                    edit.track(&text, part);
                    for r in [&attribution, &source, &url, &date] {
                        if r.has_focus() {
                            *edit.selected = Some(part);
                        }
                    }
                });
                ui.horizontal(|ui| {
                    if let Some(a) = row_buttons(ui, i, len, false) {
                        action = Some((i, a));
                    }
                });
            });
        });
    }
    if let Some((i, a)) = action {
        edit.checkpoint();
        apply(&mut edit.memo.quotes, i, a);
    }
}

fn recommendations(ui: &mut Ui, edit: &mut Edit<'_>) {
    ui.heading("Recommendations");
    if ui.button("Add recommendation").clicked() {
        edit.checkpoint();
        edit.memo.recommendations.push(Recommendation::default());
        *edit.focus = Some(Part::Recommendation(edit.memo.recommendations.len() - 1));
    }
    let len = edit.memo.recommendations.len();
    let mut action = None;
    for i in 0..len {
        let part = Part::Recommendation(i);
        ui.push_id(i, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(format!("{}.", i + 1)).strong());
                Grid::new("recommendation").num_columns(2).show(ui, |ui| {
                    let Some(r) = edit.memo.recommendations.get_mut(i) else {
                        return;
                    };
                    let a = line(
                        ui,
                        "Addressee",
                        &mut r.addressee,
                        "to the Department of State",
                    );
                    let t = area(ui, "Recommendation", &mut r.text, 3);
                    edit.track(&t, part);
                    if a.has_focus() {
                        *edit.selected = Some(part);
                    }
                });
                ui.horizontal(|ui| {
                    if let Some(a) = row_buttons(ui, i, len, false) {
                        action = Some((i, a));
                    }
                });
            });
        });
    }
    if let Some((i, a)) = action {
        edit.checkpoint();
        apply(&mut edit.memo.recommendations, i, a);
    }
}

fn status_label(status: SignOnStatus) -> &'static str {
    match status {
        SignOnStatus::Invited => "Invited",
        SignOnStatus::Confirmed => "Confirmed",
        SignOnStatus::Declined => "Declined",
        SignOnStatus::Withdrawn => "Withdrawn",
    }
}

const STATUSES: [SignOnStatus; 4] = [
    SignOnStatus::Invited,
    SignOnStatus::Confirmed,
    SignOnStatus::Declined,
    SignOnStatus::Withdrawn,
];

/// Sorts signatories A-Z by organization with the collation of the memo's language
/// ("Ágora" with the A's, "Ñ" after "N" in Spanish); stable, so equal names keep their
/// order.
pub fn sort_signatories(list: &mut [Signatory], language: Language, ignore_the: bool) {
    let order = crate::model::order::NameOrder::new(language, ignore_the);
    list.sort_by(|a, b| order.compare(&a.organization, &b.organization));
}

fn signatories(ui: &mut Ui, edit: &mut Edit<'_>) {
    ui.heading("Signatories");
    ui.label(format!(
        "{}. Only confirmed organizations print.",
        edit.memo.sign_on_summary(today())
    ));
    sign_on_options(ui, edit);
    ui.horizontal(|ui| {
        let l = ui.label("Filter");
        ui.add(
            TextEdit::singleline(&mut edit.filter.text)
                .hint_text("organization, city, country")
                .desired_width(200.0),
        )
        .labelled_by(l.id);
        let l = ui.label("Status");
        ComboBox::from_id_salt("status-filter")
            .selected_text(edit.filter.status.map_or("All", status_label))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut edit.filter.status, None, "All");
                for st in STATUSES {
                    ui.selectable_value(&mut edit.filter.status, Some(st), status_label(st));
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
            let (language, ignore_the) = (edit.memo.language, edit.memo.sign_on.ignore_leading_the);
            sort_signatories(&mut edit.memo.signatories, language, ignore_the);
        }
        if ui.button("Add signatory").clicked() {
            edit.checkpoint();
            edit.memo.signatories.push(Signatory {
                status: SignOnStatus::Confirmed,
                ..Signatory::default()
            });
            edit.filter.text.clear();
            edit.filter.status = None;
            *edit.focus = Some(Part::Signatory(edit.memo.signatories.len() - 1));
        }
    });

    let needle = fold_name(&edit.filter.text);
    let rows: Vec<usize> = edit
        .memo
        .signatories
        .iter()
        .enumerate()
        .filter(|(_, s)| edit.filter.status.is_none_or(|st| s.status == st))
        .filter(|(_, s)| {
            needle.is_empty()
                || [&s.organization, &s.short_name, &s.city, &s.country]
                    .iter()
                    .any(|f| fold_name(f).contains(&needle))
        })
        .map(|(i, _)| i)
        .collect();
    let focus_row = match *edit.focus {
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
                        let wants_focus = edit.take_focus(part);
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
                                    .selected_text(status_label(st))
                                    .width(88.0)
                                    .show_ui(ui, |ui| {
                                        for option in STATUSES {
                                            ui.selectable_value(
                                                &mut st,
                                                option,
                                                status_label(option),
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
                            if let Some(a) = row_icons(ui, i, len) {
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
                                    s.status = st;
                                    // The change of status dates itself, once.
                                    let date = match st {
                                        SignOnStatus::Confirmed => Some(&mut s.signed),
                                        SignOnStatus::Invited => Some(&mut s.invited),
                                        SignOnStatus::Withdrawn => Some(&mut s.withdrawn),
                                        SignOnStatus::Declined => None,
                                    };
                                    if let Some(date) = date.filter(|d| d.is_none()) {
                                        *date = Some(today());
                                    }
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
        apply(&mut edit.memo.signatories, i, a);
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
fn sign_on_options(ui: &mut Ui, edit: &mut Edit<'_>) {
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

fn page_setup(ui: &mut Ui, edit: &mut Edit<'_>) {
    ui.heading("Page setup");
    let before = edit.memo.page.clone();
    let mut page = before.clone();
    Grid::new("page")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let l = ui.label("Paper");
            ui.horizontal(|ui| {
                ui.radio_value(&mut page.paper, Paper::Letter, "US Letter")
                    .labelled_by(l.id);
                ui.radio_value(&mut page.paper, Paper::A4, "A4");
            });
            ui.end_row();
            let l = ui.label("Text");
            ui.horizontal(|ui| {
                ui.radio_value(&mut page.alignment, Alignment::Justified, "Justified")
                    .labelled_by(l.id);
                ui.radio_value(&mut page.alignment, Alignment::RaggedRight, "Ragged right");
            });
            ui.end_row();
            for (label, value) in [
                ("Top margin (mm)", &mut page.margins_mm.top),
                ("Bottom margin (mm)", &mut page.margins_mm.bottom),
                ("Left margin (mm)", &mut page.margins_mm.left),
                ("Right margin (mm)", &mut page.margins_mm.right),
            ] {
                let l = ui.label(label);
                ui.add(
                    egui::DragValue::new(value)
                        .range(5.0..=100.0)
                        .clamp_existing_to_range(false)
                        .speed(0.5)
                        .suffix(" mm"),
                )
                .labelled_by(l.id);
                ui.end_row();
            }
            let l = ui.label("Body size (pt)");
            ui.add(
                egui::DragValue::new(&mut page.font_size_pt)
                    .range(6.0..=24.0)
                    .clamp_existing_to_range(false)
                    .speed(0.1)
                    .suffix(" pt"),
            )
            .labelled_by(l.id);
            ui.end_row();
        });
    if page != before {
        // No explicit undo point: a drag changes the value every frame, and the undoer
        // groups those changes into one step once the value rests.
        edit.memo.page = page;
    }
}
