//! The form editors, one per outline section, each a struct with
//! `fn ui(&mut self, ui, &mut EditContext)`. Each edits the memo in place; changes that
//! are not typing (adding, removing, moving, sorting) first mark an undo point so one undo
//! reverts exactly that step.

// Every editor has the same shape, `ui(&mut self, ...)`, whether or not it keeps state yet.
#![allow(clippy::unused_self)]

mod date_field;
mod fields;
mod findings;
mod header;
mod introduction;
mod letterhead;
mod page_setup;
mod quotes;
mod recipients;
mod recommendations;
mod release;
mod signatories;
mod signatories_table;
mod text_field;
mod translation;

use egui::util::undoer::Undoer;
use egui::{Align, Response, Ui};

use super::prefs::LengthUnit;
use crate::layout::Part;
use crate::model::Memo;
use crate::model::find::Field;

pub use findings::FindingsEditor;
pub use header::HeaderEditor;
pub use introduction::IntroductionEditor;
pub use letterhead::LetterheadEditor;
pub use page_setup::PageSetupEditor;
pub use quotes::QuotesEditor;
pub use recipients::RecipientsEditor;
pub use recommendations::RecommendationsEditor;
pub use release::ReleaseEditor;
pub use signatories::SignatoriesEditor;
pub use text_field::{FieldFocus, FieldInUse, LinkRequest, select};
pub use translation::TranslationEditor;
pub(crate) use translation::side_job;

/// The outline's sections; each has one editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Letterhead,
    Header,
    Recipients,
    Introduction,
    Findings,
    Quotes,
    Recommendations,
    Signatories,
    Translation,
    Release,
    PageSetup,
}

impl Section {
    pub const ALL: [Self; 11] = [
        Self::Letterhead,
        Self::Header,
        Self::Recipients,
        Self::Introduction,
        Self::Findings,
        Self::Quotes,
        Self::Recommendations,
        Self::Signatories,
        Self::Translation,
        Self::Release,
        Self::PageSetup,
    ];

    /// The section whose editor holds `part`.
    pub fn of(part: Part) -> Option<Self> {
        Some(match part {
            Part::Heading | Part::From | Part::Date | Part::Subject | Part::Closing => Self::Header,
            Part::To(_) | Part::Cc(_) => Self::Recipients,
            Part::Introduction => Self::Introduction,
            Part::Finding(_) | Part::Evidence(..) => Self::Findings,
            Part::Quote(_) => Self::Quotes,
            Part::Recommendation(_) => Self::Recommendations,
            Part::Signatory(_) => Self::Signatories,
            Part::Translation(_) => Self::Translation,
            Part::Release => Self::Release,
            Part::Letterhead => Self::Letterhead,
            Part::Furniture => return None,
        })
    }

    /// The outline label, with counts.
    pub fn label(self, memo: &Memo) -> String {
        match self {
            Self::Letterhead => format!("Letterhead ({})", memo.letterhead.logos.len()),
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
            Self::Translation => {
                let summaries: Vec<String> = memo
                    .translation_languages()
                    .map(|l| format!("{}: {}", l.name(), memo.translation_status(l).summary()))
                    .collect();
                if summaries.is_empty() {
                    "Translation".to_owned()
                } else {
                    format!("Translation ({})", summaries.join("; "))
                }
            }
            Self::Release => "Press release".to_owned(),
            Self::PageSetup => "Page setup".to_owned(),
        }
    }
}

/// What an editor may touch: the memo, its undo history, and the focus and highlight
/// that link the editor with the preview.
pub struct EditContext<'a> {
    pub memo: &'a mut Memo,
    pub undo: &'a mut Undoer<Memo>,
    /// A part whose first field should take keyboard focus (from a click on the preview,
    /// on a problem, or a part just added); the editor that shows it takes it.
    pub focus_request: &'a mut Option<Part>,
    /// The part being edited, highlighted on the preview.
    pub selected: &'a mut Option<Part>,
    /// A field to focus with some of its text selected (a match found by Find).
    pub focus_field: &'a mut Option<FieldFocus>,
    /// The memo field the user typed in last (Bold, Italic and Link act on it).
    pub field_in_use: &'a mut Option<FieldInUse>,
    /// The spell checker of the memo's language, once its dictionary is loaded.
    pub spelling: Option<SpellContext<'a>>,
    /// The spell checker of the language being translated into, once loaded.
    pub translation_spelling: Option<SpellContext<'a>>,
    /// The unit the user chose for margins (a preference, saved by the app when changed).
    pub margin_unit: &'a mut Option<LengthUnit>,
    /// Commands an editor's buttons send (asking for a logo's file), run next frame.
    pub commands: &'a mut Vec<crate::ui::commands::Command>,
}

/// The one of `spelling` (the memo's language) and `translation` (a translation's) that
/// knows `field`'s language. A function of the two fields, so the memo can be read while
/// the speller is in use.
pub fn speller_for<'b, 'a>(
    spelling: &'b mut Option<SpellContext<'a>>,
    translation: &'b mut Option<SpellContext<'a>>,
    field: Field,
) -> Option<&'b mut SpellContext<'a>> {
    match field {
        Field::Translation(language, _) => translation.as_mut().filter(|s| s.language == language),
        _ => spelling.as_mut(),
    }
}

/// What the text fields need to underline misspelled words.
pub struct SpellContext<'a> {
    pub speller: &'a crate::spell::Speller,
    pub cache: &'a mut crate::spell::SpellCache,
    /// The language the speller knows.
    pub language: crate::model::Language,
}

impl<'a> EditContext<'a> {
    /// The speller for `field`'s language: the memo's, or a translation's.
    pub fn spelling_for(&mut self, field: Field) -> Option<&mut SpellContext<'a>> {
        speller_for(&mut self.spelling, &mut self.translation_spelling, field)
    }

    /// Marks an undo point before a structural change.
    pub fn checkpoint(&mut self) {
        self.undo.add_undo(self.memo);
    }

    /// Whether `part`'s field was asked to take focus (the request is then used up).
    pub fn take_focus_request(&mut self, part: Part) -> bool {
        if *self.focus_request == Some(part) {
            *self.focus_request = None;
            true
        } else {
            false
        }
    }

    /// Hooks the first field of `part` to focus requests and to the preview highlight.
    pub fn track(&mut self, response: &Response, part: Part) {
        if self.take_focus_request(part) {
            response.request_focus();
            response.scroll_to_me(Some(Align::Center));
        }
        self.track_selection(response, part);
    }

    /// Hooks any other field of `part` to the preview highlight.
    pub fn track_selection(&mut self, response: &Response, part: Part) {
        if response.has_focus() || response.gained_focus() {
            *self.selected = Some(part);
        }
    }
}

/// Every editor, with the state each keeps between frames.
#[derive(Default)]
pub struct Editors {
    pub letterhead: LetterheadEditor,
    pub header: HeaderEditor,
    pub recipients: RecipientsEditor,
    pub introduction: IntroductionEditor,
    pub findings: FindingsEditor,
    pub quotes: QuotesEditor,
    pub recommendations: RecommendationsEditor,
    pub signatories: SignatoriesEditor,
    pub translation: TranslationEditor,
    pub release: ReleaseEditor,
    pub page_setup: PageSetupEditor,
}

impl Editors {
    /// Draws the editor of `section`.
    pub fn ui(&mut self, ui: &mut Ui, section: Section, edit: &mut EditContext<'_>) {
        match section {
            Section::Letterhead => self.letterhead.ui(ui, edit),
            Section::Header => self.header.ui(ui, edit),
            Section::Recipients => self.recipients.ui(ui, edit),
            Section::Introduction => self.introduction.ui(ui, edit),
            Section::Findings => self.findings.ui(ui, edit),
            Section::Quotes => self.quotes.ui(ui, edit),
            Section::Recommendations => self.recommendations.ui(ui, edit),
            Section::Signatories => self.signatories.ui(ui, edit),
            Section::Translation => self.translation.ui(ui, edit),
            Section::Release => self.release.ui(ui, edit),
            Section::PageSetup => self.page_setup.ui(ui, edit),
        }
    }
}
