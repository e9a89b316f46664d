//! Characters that no available font can show: they print as the placeholder
//! (`fonts::PLACEHOLDER`), and the author is told which field holds them and which they
//! are, as a layout warning (so `memodraft check`, export and the problems panel list it).

use super::Warning;
use crate::fonts::{Face, Fonts, Source};
use crate::model::find::{self, Field, RecipientPart, SignatoryPart};
use crate::model::{Memo, SignOnStatus};

/// A field's text is quoted whole up to this many characters; past it, only the
/// characters that cannot print are named.
const QUOTED: usize = 60;

/// One warning per printed field that holds characters no available font has.
pub(super) fn warnings(memo: &Memo, fonts: &Fonts) -> Vec<Warning> {
    let mut out = Vec::new();
    for field in find::fields(memo) {
        if !prints(memo, field) {
            continue;
        }
        let Some(text) = find::text(memo, field) else {
            continue;
        };
        if text
            .split_whitespace()
            .all(|w| fonts.has_all(Face::Regular, w))
        {
            continue;
        }
        let missing: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && fonts.source(Face::Regular, *c) == Source::Missing)
            .collect();
        if missing.is_empty() {
            continue;
        }
        let count = match missing.len() {
            1 => "1 character".to_owned(),
            n => format!("{n} characters"),
        };
        let text = text.trim();
        let message = if text.chars().count() <= QUOTED {
            format!(
                "{} \"{text}\": {count} no installed font can show",
                name(memo, field)
            )
        } else {
            let mut distinct = missing.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let listed: Vec<String> = distinct.iter().map(char::to_string).collect();
            format!(
                "{}: {count} no installed font can show ({})",
                name(memo, field),
                listed.join(" ")
            )
        };
        out.push(Warning {
            part: field.part(),
            message,
        });
    }
    out
}

/// Whether the field is on the memo's pages (layout receives the memo in the language
/// it prints in; translations and the press release are not on the pages).
fn prints(memo: &Memo, field: Field) -> bool {
    match field {
        Field::Translation(..) | Field::Release(_) => false,
        Field::Signatory { index, .. } => memo
            .signatories
            .get(index)
            .is_some_and(|s| s.status == SignOnStatus::Confirmed),
        _ => true,
    }
}

/// How a message names the field: "Signatory 1", "Finding 2 evidence", "Subject".
fn name(memo: &Memo, field: Field) -> String {
    let finding = |id| {
        memo.findings
            .iter()
            .position(|f| f.id == id)
            .map_or(0, |i| i + 1)
    };
    let quote = |id| {
        memo.quotes
            .iter()
            .position(|q| q.id == id)
            .map_or(0, |i| i + 1)
    };
    match field {
        Field::Heading => "The heading".to_owned(),
        Field::Recipient { cc, index, part } => {
            let list = if cc { "CC" } else { "TO" };
            let part = match part {
                RecipientPart::Name => "",
                RecipientPart::Title => " title",
                RecipientPart::Organization => " organization",
            };
            format!("{list} recipient {}{part}", index + 1)
        }
        Field::From => "FROM".to_owned(),
        Field::Subject => "Subject".to_owned(),
        Field::Introduction => "Introduction".to_owned(),
        Field::FindingTitle(id) => format!("Finding {} title", finding(id)),
        Field::FindingEvidence(id) => format!("Finding {} evidence", finding(id)),
        Field::QuoteText(id) => format!("Quote {}", quote(id)),
        Field::QuoteAttribution(id) => format!("Quote {} attribution", quote(id)),
        Field::QuoteSource(id) => format!("Quote {} source", quote(id)),
        Field::QuoteDate(id) => format!("Quote {} date", quote(id)),
        Field::QuoteUrl(id) => format!("Quote {} address", quote(id)),
        Field::RecommendationAddressee(i) => format!("Recommendation {} addressee", i + 1),
        Field::RecommendationText(i) => format!("Recommendation {}", i + 1),
        Field::Closing => "The closing".to_owned(),
        Field::SignatoriesIntro => "The signatories' introduction".to_owned(),
        Field::Signatory { index, part } => {
            let part = match part {
                SignatoryPart::Organization => "",
                SignatoryPart::ShortName => " short name",
                SignatoryPart::City => " city",
                SignatoryPart::Country => " country",
            };
            format!("Signatory {}{part}", index + 1)
        }
        Field::Translation(language, passage) => {
            format!(
                "{} translation of {}",
                language.name(),
                passage.describe(memo)
            )
        }
        Field::Release(_) => "The press release".to_owned(),
        Field::LetterheadText => "The letterhead line".to_owned(),
        Field::Footer => "The footer line".to_owned(),
    }
}
