//! The memo's text fields: each bound to a `find::Field`, so find can focus it and select
//! a match and the Bold, Italic and Link commands (Ctrl+B, Ctrl+I, Ctrl+K) find the
//! selection they act on; misspelled words underlined, and suggestions on right-click.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, CCursorRange, LayoutJob, TextFormat};
use egui::{Galley, Response, TextBuffer, TextEdit, Ui};

use super::{EditContext, speller_for};
use crate::model::find::{self, Field};

/// At most this many corrections are offered for a misspelled word.
const SUGGESTIONS: usize = 6;

/// A request to focus a field, with the text to select (in chars).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldFocus {
    pub field: Field,
    pub select: Range<usize>,
}

/// The memo field the user typed in last, which Bold, Italic and Link act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldInUse {
    pub field: Field,
    /// Its text edit.
    pub id: egui::Id,
    /// Its selection when it last had the keyboard, in chars: a click on the menu takes
    /// the keyboard away, and the command still acts on what was selected.
    pub selection: (usize, usize),
}

/// Link asked for a link on `selection` (in chars) of `field`: the app asks the address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkRequest {
    pub field: Field,
    pub selection: Range<usize>,
}

/// How a field is drawn.
#[derive(Clone, Copy, Debug)]
pub enum FieldKind<'a> {
    /// One line, with a hint shown while it is empty.
    Line { hint: &'a str },
    /// Several lines (paragraphs, inline Markdown).
    Area { rows: usize },
}

/// What a right-click on a misspelled word offers, remembered while its menu is open.
#[derive(Clone, Debug, Default)]
struct SpellMenu {
    word: String,
    /// Byte range of the word in the field's text when the menu opened.
    range: Range<usize>,
    suggestions: Vec<String>,
}

/// What the user chose in a spelling menu.
enum SpellChoice {
    Replace(Range<usize>, String),
    AddToDictionary(String),
}

/// A labelled field in a two-column grid; `None` when the field no longer exists.
pub fn text_field_ui(
    ui: &mut Ui,
    edit: &mut EditContext<'_>,
    label: &str,
    field: Field,
    kind: FieldKind<'_>,
) -> Option<Response> {
    let l = ui.label(label);
    let response = memo_text_ui(ui, edit, field, kind).map(|r| r.labelled_by(l.id));
    ui.end_row();
    response
}

/// The text edit of `field`, without a label.
pub fn memo_text_ui(
    ui: &mut Ui,
    edit: &mut EditContext<'_>,
    field: Field,
    kind: FieldKind<'_>,
) -> Option<Response> {
    let id = ui.make_persistent_id(("memo-field", field));
    let translation = match field {
        Field::Translation(language, passage) => Some((language, passage)),
        _ => None,
    };
    // A translation is checked with its own language's dictionary.
    let checking = edit.spelling_for(field).is_some();
    // The memo's own words, copied only when there is a speller to give them to (the text
    // below borrows the memo mutably).
    let words = if checking {
        edit.memo.dictionary.clone()
    } else {
        Vec::new()
    };
    let mut spelling = speller_for(&mut edit.spelling, &mut edit.translation_spelling, field);
    // A passage not translated yet has no text in the memo until the first keystroke.
    let mut untranslated = String::new();
    let value = match find::text_mut(edit.memo, field) {
        Some(value) => value,
        None if translation.is_some() => &mut untranslated,
        None => return None,
    };
    let mut layouter = |ui: &Ui, text: &dyn TextBuffer, wrap_width: f32| -> Arc<Galley> {
        let bad = spelling
            .as_mut()
            .map(|s| s.cache.misspelled(s.speller, text.as_str(), &words))
            .unwrap_or_default();
        let job = underlined_job(ui, text.as_str(), &bad, wrap_width);
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let mut text_edit = match kind {
        FieldKind::Line { hint } => TextEdit::singleline(value).hint_text(hint),
        FieldKind::Area { rows } => TextEdit::multiline(value).desired_rows(rows),
    }
    .id(id)
    .desired_width(f32::INFINITY);
    // Without a dictionary the field is egui's own, laid out as always; a translation's
    // one-line fields wrap like their source beside them.
    if checking || translation.is_some() {
        text_edit = text_edit.layouter(&mut layouter);
    }
    let output = text_edit.show(ui);
    let response = output.response.response.clone();
    if let Some((language, passage)) = translation {
        // Typing a translation makes it one of the current source text once the field is
        // left: while the translator works, a stale one stays marked, with what changed.
        let edited = id.with("edited");
        if response.changed() {
            if find::text(edit.memo, field).is_none() {
                // The first keystroke of a missing translation makes it.
                edit.memo.set_translation(language, passage, untranslated);
            } else {
                ui.data_mut(|d| d.insert_temp(edited, true));
            }
        }
        if response.lost_focus() && ui.data_mut(|d| d.remove_temp::<bool>(edited)) == Some(true) {
            edit.memo.confirm_translation(language, passage);
        }
    }
    if response.has_focus() {
        let (a, b) = output
            .cursor_range
            .map_or((0, 0), |r| (r.primary.index.0, r.secondary.index.0));
        *edit.field_in_use = Some(FieldInUse {
            field,
            id,
            selection: (a.min(b), a.max(b)),
        });
    }

    if edit.focus_field.as_ref().is_some_and(|f| f.field == field) {
        if let Some(focus) = edit.focus_field.take() {
            select(ui.ctx(), id, focus.select);
        }
        response.request_focus();
        response.scroll_to_me(Some(egui::Align::Center));
    }
    spelling_menu_ui(ui, edit, field, &output);
    Some(response)
}

/// Selects `chars` in text edit `id` (shown from the next frame on).
pub fn select(ctx: &egui::Context, id: egui::Id, chars: Range<usize>) {
    let mut state = TextEdit::load_state(ctx, id).unwrap_or_default();
    state.cursor.set_char_range(Some(CCursorRange::two(
        CCursor::new(chars.start),
        CCursor::new(chars.end),
    )));
    state.store(ctx, id);
}

/// The field's text with `bad` byte ranges underlined in red, laid out as egui's text
/// edit would.
fn underlined_job(ui: &Ui, text: &str, bad: &[Range<usize>], wrap_width: f32) -> LayoutJob {
    let font_id = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let normal = TextFormat::simple(font_id, color);
    let underlined = TextFormat {
        underline: egui::Stroke::new(1.5, egui::Color32::from_rgb(220, 40, 40)),
        ..normal.clone()
    };
    let mut job = LayoutJob::default();
    let mut at = 0;
    for range in bad {
        let (Some(before), Some(word)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        job.append(before, 0.0, normal.clone());
        job.append(word, 0.0, underlined.clone());
        at = range.end;
    }
    job.append(text.get(at..).unwrap_or_default(), 0.0, normal);
    job.wrap.max_width = wrap_width;
    job
}

/// Right-click on a misspelled word: corrections, and "add to the memo's dictionary".
fn spelling_menu_ui(
    ui: &Ui,
    edit: &mut EditContext<'_>,
    field: Field,
    output: &egui::text_edit::TextEditOutput,
) {
    let Some(spelling) = speller_for(&mut edit.spelling, &mut edit.translation_spelling, field)
    else {
        return;
    };
    let response = &output.response.response;
    let menu_id = response.id.with("spelling");
    if response.secondary_clicked()
        && let Some(pos) = ui.input(|i| i.pointer.interact_pos())
        && let Some(text) = find::text(edit.memo, field)
    {
        let chars = output
            .galley
            .cursor_from_pos(pos - output.galley_pos)
            .index
            .0;
        let byte = crate::model::text::byte_index(text, chars);
        let bad = spelling
            .cache
            .misspelled(spelling.speller, text, &edit.memo.dictionary);
        let menu = bad
            .into_iter()
            .find(|r| r.start <= byte && byte <= r.end)
            .and_then(|range| {
                let word = text.get(range.clone())?.to_owned();
                let mut suggestions = spelling.speller.suggest(&word);
                suggestions.truncate(SUGGESTIONS);
                Some(SpellMenu {
                    word,
                    range,
                    suggestions,
                })
            });
        ui.data_mut(|d| match menu {
            Some(menu) => {
                d.insert_temp(menu_id, menu);
            }
            None => d.remove::<SpellMenu>(menu_id),
        });
    }
    let Some(menu) = ui.data(|d| d.get_temp::<SpellMenu>(menu_id)) else {
        return;
    };
    let mut choice = None;
    response.context_menu(|ui| {
        if menu.suggestions.is_empty() {
            ui.label("No suggestions");
        }
        for suggestion in &menu.suggestions {
            if ui.button(suggestion).clicked() {
                choice = Some(SpellChoice::Replace(menu.range.clone(), suggestion.clone()));
                ui.close();
            }
        }
        ui.separator();
        if ui
            .button(format!("Add “{}” to the memo's dictionary", menu.word))
            .on_hover_text("Stored in the draft, so partners who open it share the word")
            .clicked()
        {
            choice = Some(SpellChoice::AddToDictionary(menu.word.clone()));
            ui.close();
        }
    });
    let Some(choice) = choice else { return };
    ui.data_mut(|d| d.remove::<SpellMenu>(menu_id));
    edit.checkpoint();
    match choice {
        SpellChoice::Replace(range, word) => {
            if let Some(value) = find::text_mut(edit.memo, field)
                && value.get(range.clone()) == Some(menu.word.as_str())
            {
                value.replace_range(range, &word);
            }
        }
        SpellChoice::AddToDictionary(word) => {
            crate::spell::add_to_dictionary(&mut edit.memo.dictionary, &word);
        }
    }
}
