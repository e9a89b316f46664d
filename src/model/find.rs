//! Find and replace across the memo: one walk over every text the user types and the memo
//! prints ([`fields`]), each named by a [`Field`], and matching that is right for
//! accented and multi-byte text. Pure functions over the model; no egui.
//!
//! Translations are walked after the source text, language by language.
//!
//! The internal notes and the signatories' contacts are not walked: they never print,
//! and a "replace all" meant for the memo should not rewrite the team's own notes. Nor
//! are addresses (a quote's URL, the `(address)` of a Markdown link): replacing a word
//! inside one would break the link.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

use super::{FindingId, Language, Memo, Part, Passage, Placement, QuoteId, ReleaseText};

/// One text of a recipient.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecipientPart {
    Name,
    Title,
    Organization,
}

/// One printed text of a signatory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignatoryPart {
    Organization,
    ShortName,
    City,
    Country,
}

/// One user-editable, printed text of the memo. Findings and quotes are named by id, so
/// a field stays valid when they are reordered; recipients, recommendations and
/// signatories by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Heading,
    /// A TO (`cc: false`) or CC recipient.
    Recipient {
        cc: bool,
        index: usize,
        part: RecipientPart,
    },
    From,
    Subject,
    Introduction,
    FindingTitle(FindingId),
    FindingEvidence(FindingId),
    QuoteText(QuoteId),
    QuoteAttribution(QuoteId),
    QuoteSource(QuoteId),
    QuoteDate(QuoteId),
    QuoteUrl(QuoteId),
    RecommendationAddressee(usize),
    RecommendationText(usize),
    Closing,
    SignatoriesIntro,
    Signatory {
        index: usize,
        part: SignatoryPart,
    },
    /// The translation of a passage into a language (only one that was typed).
    Translation(Language, Passage),
    /// A typed text of the press release (only when the memo has one).
    Release(ReleaseText),
    /// The line under the letterhead's logos.
    LetterheadText,
    /// The footer line on every page.
    Footer,
}

impl Field {
    /// The part of the memo the field belongs to, for opening its editor.
    pub fn part(self) -> Part {
        match self {
            Self::Heading => Part::Heading,
            Self::Recipient {
                cc: false, index, ..
            } => Part::To(index),
            Self::Recipient {
                cc: true, index, ..
            } => Part::Cc(index),
            Self::From => Part::From,
            Self::Subject => Part::Subject,
            Self::Introduction => Part::Introduction,
            Self::FindingTitle(id) | Self::FindingEvidence(id) => Part::Finding(id),
            Self::QuoteText(id)
            | Self::QuoteAttribution(id)
            | Self::QuoteSource(id)
            | Self::QuoteDate(id)
            | Self::QuoteUrl(id) => Part::Quote(id),
            Self::RecommendationAddressee(i) | Self::RecommendationText(i) => {
                Part::Recommendation(i)
            }
            Self::Closing => Part::Closing,
            // The signatories' introduction is edited with the signatories; it has no
            // part of its own, and the first signatory is where its editor opens.
            Self::SignatoriesIntro => Part::Signatory(0),
            Self::Signatory { index, .. } => Part::Signatory(index),
            Self::Translation(language, _) => Part::Translation(language),
            Self::Release(_) => Part::Release,
            Self::LetterheadText | Self::Footer => Part::Letterhead,
        }
    }

    /// The source field of a translated passage.
    pub fn of_passage(passage: Passage, memo: &Memo) -> Option<Self> {
        Some(match passage {
            Passage::Heading => Self::Heading,
            Passage::From => Self::From,
            Passage::Subject => Self::Subject,
            Passage::Introduction => Self::Introduction,
            Passage::FindingTitle(id) => Self::FindingTitle(id),
            Passage::Evidence(id) => Self::FindingEvidence(id),
            Passage::QuoteText(id) => Self::QuoteText(id),
            Passage::QuoteAttribution(id) => Self::QuoteAttribution(id),
            Passage::QuoteSource(id) => Self::QuoteSource(id),
            Passage::QuoteDate(id) => Self::QuoteDate(id),
            Passage::Recommendation(id) => Self::RecommendationText(memo.recommendation_index(id)?),
            Passage::Addressee(id) => Self::RecommendationAddressee(memo.recommendation_index(id)?),
            Passage::SignatoriesIntro => Self::SignatoriesIntro,
            Passage::Closing => Self::Closing,
            Passage::Release(text) => Self::Release(text),
            Passage::LetterheadText => Self::LetterheadText,
            Passage::Footer => Self::Footer,
        })
    }
}

/// Every field of `memo`, in the order the memo prints them: heading, TO, CC, FROM,
/// subject, introduction and its quotes, each finding with its quotes, recommendations,
/// closing, the signatories' introduction and the signatories. Signatories are walked
/// in stored order, all of them (the printed order depends on the sign-on options, and a
/// name being corrected should be corrected whatever its status). Quotes under a removed
/// finding do not print; they come last, so that "replace all" still reaches them.
pub fn fields(memo: &Memo) -> Vec<Field> {
    let mut out = vec![Field::LetterheadText, Field::Heading];
    for (cc, list) in [(false, &memo.to), (true, &memo.cc)] {
        for index in 0..list.len() {
            for part in [
                RecipientPart::Name,
                RecipientPart::Title,
                RecipientPart::Organization,
            ] {
                out.push(Field::Recipient { cc, index, part });
            }
        }
    }
    out.extend([Field::From, Field::Subject, Field::Introduction]);
    let quote_fields = |id| {
        [
            Field::QuoteText(id),
            Field::QuoteAttribution(id),
            Field::QuoteSource(id),
            Field::QuoteDate(id),
        ]
    };
    for quote in memo.quotes_at(Placement::Introduction) {
        out.extend(quote_fields(quote.id));
    }
    for finding in &memo.findings {
        out.extend([
            Field::FindingTitle(finding.id),
            Field::FindingEvidence(finding.id),
        ]);
        for quote in memo.quotes_at(Placement::Finding(finding.id)) {
            out.extend(quote_fields(quote.id));
        }
    }
    for i in 0..memo.recommendations.len() {
        out.extend([
            Field::RecommendationAddressee(i),
            Field::RecommendationText(i),
        ]);
    }
    out.extend([Field::Closing, Field::SignatoriesIntro]);
    for index in 0..memo.signatories.len() {
        for part in [
            SignatoryPart::Organization,
            SignatoryPart::ShortName,
            SignatoryPart::City,
            SignatoryPart::Country,
        ] {
            out.push(Field::Signatory { index, part });
        }
    }
    out.push(Field::Footer);
    for quote in &memo.quotes {
        if let Placement::Finding(id) = quote.placement
            && memo.finding(id).is_none()
        {
            out.extend(quote_fields(quote.id));
        }
    }
    // The press release, after the memo.
    if memo.release.is_some() {
        out.extend(ReleaseText::ALL.map(Field::Release));
    }
    // Then each translation, in the memo's order.
    for language in memo.translation_languages() {
        for (passage, _) in memo.passages() {
            if memo.translated(language, passage).is_some() {
                out.push(Field::Translation(language, passage));
            }
        }
    }
    out
}

/// The text of `field`, or `None` when the memo no longer has it.
pub fn text(memo: &Memo, field: Field) -> Option<&str> {
    let quote = |id: QuoteId| memo.quotes.iter().find(|q| q.id == id);
    Some(match field {
        Field::Heading => &memo.heading,
        Field::Recipient { cc, index, part } => {
            let r = if cc { &memo.cc } else { &memo.to }.get(index)?;
            match part {
                RecipientPart::Name => &r.name,
                RecipientPart::Title => &r.title,
                RecipientPart::Organization => &r.organization,
            }
        }
        Field::From => &memo.from,
        Field::Subject => &memo.subject,
        Field::Introduction => &memo.introduction,
        Field::FindingTitle(id) => &memo.finding(id)?.title,
        Field::FindingEvidence(id) => &memo.finding(id)?.evidence,
        Field::QuoteText(id) => &quote(id)?.text,
        Field::QuoteAttribution(id) => &quote(id)?.attribution,
        Field::QuoteSource(id) => &quote(id)?.source_title,
        Field::QuoteDate(id) => &quote(id)?.date,
        Field::QuoteUrl(id) => &quote(id)?.url,
        Field::RecommendationAddressee(i) => &memo.recommendations.get(i)?.addressee,
        Field::RecommendationText(i) => &memo.recommendations.get(i)?.text,
        Field::Closing => &memo.closing,
        Field::SignatoriesIntro => &memo.signatories_intro,
        Field::Signatory { index, part } => {
            let s = memo.signatories.get(index)?;
            match part {
                SignatoryPart::Organization => &s.organization,
                SignatoryPart::ShortName => &s.short_name,
                SignatoryPart::City => &s.city,
                SignatoryPart::Country => &s.country,
            }
        }
        Field::Translation(language, passage) => {
            &memo.translations.get(&language)?.0.get(&passage)?.text
        }
        Field::Release(text) => memo.release.as_ref()?.text(text),
        Field::LetterheadText => &memo.letterhead.text,
        Field::Footer => &memo.letterhead.footer,
    })
}

/// The text of `field` to edit, or `None` when the memo no longer has it.
pub fn text_mut(memo: &mut Memo, field: Field) -> Option<&mut String> {
    Some(match field {
        Field::Heading => &mut memo.heading,
        Field::Recipient { cc, index, part } => {
            let r = if cc { &mut memo.cc } else { &mut memo.to }.get_mut(index)?;
            match part {
                RecipientPart::Name => &mut r.name,
                RecipientPart::Title => &mut r.title,
                RecipientPart::Organization => &mut r.organization,
            }
        }
        Field::From => &mut memo.from,
        Field::Subject => &mut memo.subject,
        Field::Introduction => &mut memo.introduction,
        Field::FindingTitle(id) => &mut memo.findings.iter_mut().find(|f| f.id == id)?.title,
        Field::FindingEvidence(id) => &mut memo.findings.iter_mut().find(|f| f.id == id)?.evidence,
        Field::QuoteText(id)
        | Field::QuoteAttribution(id)
        | Field::QuoteSource(id)
        | Field::QuoteDate(id)
        | Field::QuoteUrl(id) => {
            let q = memo.quotes.iter_mut().find(|q| q.id == id)?;
            match field {
                Field::QuoteText(_) => &mut q.text,
                Field::QuoteAttribution(_) => &mut q.attribution,
                Field::QuoteSource(_) => &mut q.source_title,
                Field::QuoteDate(_) => &mut q.date,
                _ => &mut q.url,
            }
        }
        Field::RecommendationAddressee(i) => &mut memo.recommendations.get_mut(i)?.addressee,
        Field::RecommendationText(i) => &mut memo.recommendations.get_mut(i)?.text,
        Field::Closing => &mut memo.closing,
        Field::SignatoriesIntro => &mut memo.signatories_intro,
        Field::Signatory { index, part } => {
            let s = memo.signatories.get_mut(index)?;
            match part {
                SignatoryPart::Organization => &mut s.organization,
                SignatoryPart::ShortName => &mut s.short_name,
                SignatoryPart::City => &mut s.city,
                SignatoryPart::Country => &mut s.country,
            }
        }
        Field::Translation(language, passage) => {
            &mut memo
                .translations
                .get_mut(&language)?
                .0
                .get_mut(&passage)?
                .text
        }
        Field::Release(text) => memo.release.as_mut()?.text_mut(text),
        Field::LetterheadText => &mut memo.letterhead.text,
        Field::Footer => &mut memo.letterhead.footer,
    })
}

/// What to look for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub needle: String,
    /// Off: "méxico" finds "México" (accents still count: "mexico" does not).
    pub match_case: bool,
    /// On: "Pro" finds "Pro" and "Pro-Juárez" but not "Prodh" (Unicode word boundaries).
    pub whole_word: bool,
}

/// One occurrence: the field and the byte range of the match in its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub field: Field,
    pub range: Range<usize>,
}

/// Every occurrence of the query in the memo, in document order (see [`fields`]).
pub fn find_all(memo: &Memo, query: &Query) -> Vec<Match> {
    fields(memo)
        .into_iter()
        .flat_map(|field| {
            let ranges = text(memo, field).map(|t| find_in(t, query));
            ranges
                .unwrap_or_default()
                .into_iter()
                .map(move |range| Match { field, range })
        })
        .collect()
}

/// Every occurrence of the query in one text, as byte ranges that never overlap and
/// always fall on char boundaries. An empty needle finds nothing.
pub fn find_in(haystack: &str, query: &Query) -> Vec<Range<usize>> {
    let needle: String = fold_str(&query.needle, query.match_case);
    if needle.is_empty() {
        return Vec::new();
    }
    let addresses = link_addresses(haystack);
    let folded = Folded::new(haystack, query.match_case);
    let words: Vec<usize> = if query.whole_word {
        haystack
            .split_word_bound_indices()
            .map(|(i, _)| i)
            .chain([haystack.len()])
            .collect()
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = folded.text.get(from..).and_then(|rest| rest.find(&needle)) {
        let start = from + found;
        let end = start + needle.len();
        let original = folded.original(start, end);
        let whole = |r: &Range<usize>| {
            !query.whole_word
                || (words.binary_search(&r.start).is_ok() && words.binary_search(&r.end).is_ok())
        };
        let outside_addresses =
            |r: &Range<usize>| !addresses.iter().any(|a| r.start < a.end && a.start < r.end);
        if let Some(range) = original.filter(whole).filter(outside_addresses) {
            out.push(range);
            from = end;
        } else {
            // Try again one char later.
            from = start
                + folded.text[start..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
        }
    }
    out
}

/// The byte ranges of link addresses in Markdown text: the `address` of
/// `[words](address)`, which find never matches.
fn link_addresses(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (event, range) in pulldown_cmark::Parser::new(text).into_offset_iter() {
        if let pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { .. }) = event
            && let Some(link) = text.get(range.clone())
            && let Some(at) = link.rfind("](")
        {
            out.push(range.start + at + 2..range.end);
        }
    }
    out
}

/// Replaces every occurrence in the memo; returns how many.
pub fn replace_all(memo: &mut Memo, query: &Query, replacement: &str) -> usize {
    let mut count = 0;
    for field in fields(memo) {
        let Some(text) = text_mut(memo, field) else {
            continue;
        };
        let ranges = find_in(text, query);
        count += ranges.len();
        for range in ranges.into_iter().rev() {
            text.replace_range(range, replacement);
        }
    }
    count
}

/// Replaces one occurrence found earlier, if the memo still has it there. Returns whether
/// it did; the ranges of later matches in the same field move, so find again after.
pub fn replace(memo: &mut Memo, query: &Query, found: &Match, replacement: &str) -> bool {
    let Some(text) = text_mut(memo, found.field) else {
        return false;
    };
    if !find_in(text, query).contains(&found.range) {
        return false;
    }
    text.replace_range(found.range.clone(), replacement);
    true
}

/// `s` decomposed (so a typed "é" and a pasted "e" + accent compare equal) and, unless
/// matching case, lower-cased.
fn fold_str(s: &str, match_case: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, match_case, &mut out);
    }
    out
}

fn fold_char(c: char, match_case: bool, out: &mut String) {
    for d in std::iter::once(c).nfd() {
        if match_case {
            out.push(d);
        } else {
            out.extend(d.to_lowercase());
        }
    }
}

/// A folded text that remembers where each original char went.
struct Folded {
    text: String,
    /// For each byte offset of `text`: the original offset when an original char's
    /// folding starts there.
    starts: Vec<Option<usize>>,
    /// For each byte offset of `text`: the original offset when an original char's
    /// folding ends there.
    ends: Vec<Option<usize>>,
}

impl Folded {
    fn new(original: &str, match_case: bool) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len() + 1);
        let mut ends = Vec::with_capacity(original.len() + 1);
        for (i, c) in original.char_indices() {
            let at = text.len();
            fold_char(c, match_case, &mut text);
            starts.resize(text.len() + 1, None);
            ends.resize(text.len() + 1, None);
            if let Some(s) = starts.get_mut(at) {
                *s = Some(i);
            }
            if let Some(e) = ends.get_mut(text.len()) {
                *e = Some(i + c.len_utf8());
            }
        }
        Self { text, starts, ends }
    }

    /// The original range of the folded `start..end`, when both ends fall between
    /// original chars and the match does not stop before an accent of its last letter.
    fn original(&self, start: usize, end: usize) -> Option<Range<usize>> {
        let s = (*self.starts.get(start)?)?;
        let e = (*self.ends.get(end)?)?;
        let next = self.text.get(end..).and_then(|t| t.chars().next());
        if next.is_some_and(is_combining_mark) {
            return None;
        }
        Some(s..e)
    }
}

#[cfg(test)]
mod tests;
