//! A date field: a text box that takes a typed date (ISO, or the memo language's own long
//! and numeric forms, see [`Language::parse_date`]) and, beside it, a month calendar on
//! which one click on a day sets the date.
//!
//! `egui_extras::DatePickerButton` (0.37) is not used: a click on a day there only moves
//! its highlight, and the date is set by a separate Save button, with no option to skip it.

use egui::text::{CCursor, CCursorRange};
use egui::{Button, Grid, Id, Key, Popup, PopupCloseBehavior, Response, TextEdit, Ui};
use jiff::civil::Date;

use crate::model::Language;

/// What a date field did this frame.
pub struct DateFieldResponse {
    /// The text box: for focus requests and the preview highlight.
    pub response: Response,
    /// The date typed or picked, in the frame it was entered; the caller stores it (one
    /// undo step).
    pub changed: Option<Date>,
}

/// The field's state between frames.
#[derive(Clone, Default)]
struct FieldState {
    /// The text being typed; shown instead of the date while the box has focus.
    editing: Option<String>,
    /// The last entry that was not a date, shown in red until a date is entered.
    rejected: Option<String>,
    /// The month the calendar shows.
    month: Option<Date>,
}

/// A date field labelled by `label`; `id_salt` tells apart the fields of one editor.
pub fn date_field_ui(
    ui: &mut Ui,
    id_salt: &str,
    label: Id,
    date: Date,
    language: Language,
) -> DateFieldResponse {
    let id = ui.make_persistent_id(id_salt);
    let mut state: FieldState = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let mut changed = None;

    let text_id = id.with("text");
    // Room for the calendar button beside it, in a table cell as in a form; where the
    // long form ("November 28, 2026") does not fit, the date shows as 2026-11-28.
    let width = (ui.available_width() - 32.0).clamp(72.0, 180.0);
    let shown = if width < 130.0 {
        date.to_string()
    } else {
        language.format_date(date)
    };
    let mut text = state.editing.clone().unwrap_or(shown);
    let response = ui
        .add(
            TextEdit::singleline(&mut text)
                .id(text_id)
                .desired_width(width),
        )
        .labelled_by(label);
    if response.gained_focus() {
        // Typing replaces the date, as in a spreadsheet cell.
        if let Some(mut edit) = TextEdit::load_state(ui.ctx(), text_id) {
            edit.cursor.set_char_range(Some(CCursorRange::two(
                CCursor::default(),
                CCursor::end_of_str(&text),
            )));
            edit.store(ui.ctx(), text_id);
        }
    }
    if response.has_focus() {
        // A date is stored as soon as it reads as one, as any other field stores what is
        // typed: Ctrl+S or Ctrl+E while the box still has focus take it too.
        if response.changed()
            && let Some(new) = language.parse_date(&text)
            && new != date
        {
            state.rejected = None;
            changed = Some(new);
        }
        state.editing = Some(text);
    } else if let Some(typed) = state.editing.take()
        && response.lost_focus()
        && !ui.input(|i| i.key_pressed(Key::Escape))
    {
        match language.parse_date(&typed) {
            Some(new) => {
                state.rejected = None;
                changed = (new != date).then_some(new);
            }
            None => state.rejected = Some(typed),
        }
    }

    if let Some(picked) = calendar_ui(ui, id, &mut state, date, language) {
        state.rejected = None;
        changed = (picked != date).then_some(picked);
    }
    if let Some(rejected) = &state.rejected {
        let example = language.format_date(date);
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("\"{rejected}\" is not a date; type {date} or {example}"),
        );
    }
    ui.data_mut(|d| d.insert_temp(id, state));
    DateFieldResponse { response, changed }
}

/// The calendar button and its popup: a month of day buttons; a click on one picks it and
/// closes the popup.
fn calendar_ui(
    ui: &mut Ui,
    id: Id,
    state: &mut FieldState,
    date: Date,
    language: Language,
) -> Option<Date> {
    let button = ui.button("📆").on_hover_text("Pick from a calendar");
    button.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, "Pick from a calendar")
    });
    if button.clicked() {
        state.month = Some(date.first_of_month());
    }
    let month = state.month.unwrap_or_else(|| date.first_of_month());
    let mut picked = None;
    Popup::from_toggle_button_response(&button)
        .id(id.with("calendar"))
        .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            ui.horizontal(|ui| {
                let previous = month.yesterday().ok().map(Date::first_of_month);
                let next = month.last_of_month().tomorrow().ok();
                if let Some(previous) = previous
                    && ui.button("◀").on_hover_text("Previous month").clicked()
                {
                    state.month = Some(previous);
                }
                ui.label(month.strftime("%B %Y").to_string());
                if let Some(next) = next
                    && ui.button("▶").on_hover_text("Next month").clicked()
                {
                    state.month = Some(next);
                }
            });
            Grid::new(id.with("days")).show(ui, |ui| {
                for name in ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] {
                    ui.label(name);
                }
                ui.end_row();
                for _ in 0..month.weekday().to_monday_zero_offset() {
                    ui.label("");
                }
                let mut day = Some(month);
                while let Some(d) = day.filter(|d| d.month() == month.month()) {
                    let r = ui.add(Button::new(d.day().to_string()).selected(d == date));
                    // Screen readers (and tests) hear the whole date, not "28".
                    r.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, language.format_date(d))
                    });
                    if r.clicked() {
                        picked = Some(d);
                        ui.close();
                    }
                    if d.weekday() == jiff::civil::Weekday::Sunday {
                        ui.end_row();
                    }
                    day = d.tomorrow().ok();
                }
            });
        });
    picked
}
