//! One memo in several languages: which printed texts a translation needs ([`Passage`]),
//! what state each translation is in (missing, stale, up to date, reviewed), and the memo
//! as it prints in one language ([`Memo::in_language`]), which is what layout receives.
//!
//! A translated passage remembers a fingerprint of the source text it was made from (and
//! that text, to show what changed since). When the source changes, the fingerprints no
//! longer match and the translation is stale; it keeps printing until someone updates
//! or confirms it. Names of people and organizations are never translated; country names
//! print in the memo's language (`countries.rs`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use sha2::{Digest, Sha256};

use super::{
    FindingId, Language, Memo, Part, Placement, QuoteId, RecommendationId, ReleaseText, countries,
};

/// A printed text of the memo that a translation gives in another language. Findings,
/// quotes and recommendations are named by id, so reordering them keeps translations.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    arbitrary::Arbitrary,
)]
pub enum Passage {
    /// The label on top of page 1, when it is not the default ("MEMORANDUM" follows the
    /// language by itself).
    Heading,
    /// The typed FROM line (a FROM line made of the leads' names is not translated).
    From,
    Subject,
    Introduction,
    FindingTitle(FindingId),
    Evidence(FindingId),
    QuoteText(QuoteId),
    QuoteAttribution(QuoteId),
    /// The title of the quote's source, printed in its endnote.
    QuoteSource(QuoteId),
    /// The quote's date as typed ("August 2026"), printed in its endnote.
    QuoteDate(QuoteId),
    Recommendation(RecommendationId),
    Addressee(RecommendationId),
    SignatoriesIntro,
    Closing,
    /// A typed text of the press release (its generated wording is per language already).
    Release(ReleaseText),
    /// The line under the letterhead's logos (version 4).
    LetterheadText,
    /// The footer line on every page (version 4).
    Footer,
}

/// The translation of one passage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct Translated {
    pub text: String,
    /// [`fingerprint`] of the source text this translation was made from.
    pub fingerprint: String,
    /// That source text, to show what changed in it since.
    pub source: String,
    /// Someone checked the translation against its source (as translation tools mark it).
    pub reviewed: bool,
}

/// The translated passages of one language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, arbitrary::Arbitrary)]
#[serde(transparent)]
pub struct Translation(pub BTreeMap<Passage, Translated>);

impl<'de> Deserialize<'de> for Translation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::limits::passages(d).map(Self)
    }
}

/// Where a passage's translation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PassageState {
    /// Not translated: the source text prints in its place.
    Missing,
    /// Translated from a source text that has changed since.
    Stale,
    UpToDate,
    /// Up to date and checked by someone.
    Reviewed,
}

impl PassageState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Missing => "missing",
            Self::Stale => "stale",
            Self::UpToDate => "up to date",
            Self::Reviewed => "reviewed",
        }
    }

    /// Whether the passage needs a translator's attention.
    pub fn needs_work(self) -> bool {
        matches!(self, Self::Missing | Self::Stale)
    }
}

/// A short, stable fingerprint of a source text: the first 64 bits of its SHA-256, in
/// hex. Stable across builds and machines, so a partner's copy agrees on what is stale.
pub fn fingerprint(text: &str) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// How far one language's translation is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TranslationStatus {
    /// Passages that need a translation, in the memo's order.
    pub missing: Vec<Passage>,
    pub stale: Vec<Passage>,
    pub up_to_date: usize,
    pub reviewed: usize,
}

impl TranslationStatus {
    pub fn total(&self) -> usize {
        self.missing.len() + self.stale.len() + self.up_to_date + self.reviewed
    }

    /// "3 missing, 1 stale", or "all 24 up to date".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.missing.is_empty() {
            parts.push(format!("{} missing", self.missing.len()));
        }
        if !self.stale.is_empty() {
            parts.push(format!("{} stale", self.stale.len()));
        }
        if parts.is_empty() {
            return format!("all {} up to date", self.total());
        }
        parts.join(", ")
    }
}

/// The memo as it prints in one language, and what it had to fall back on.
#[derive(Clone, Debug)]
pub struct Localized<'a> {
    /// A memo in that language, with no translations of its own: what layout receives.
    pub memo: Cow<'a, Memo>,
    /// Passages with no translation, printed in the source language instead.
    pub missing: Vec<Passage>,
    /// Passages translated from an older source text, printed as they are.
    pub stale: Vec<Passage>,
}

/// What memodraft prints from a memo: the memo's PDF, or its press release.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Memo,
    Release,
}

impl Passage {
    /// Whether `output` prints this passage: a translation it lacks is then worth a
    /// warning there (the release's own texts never print in the memo; the memo's
    /// evidence never prints in the release).
    pub fn printed_in(self, output: Output) -> bool {
        match output {
            Output::Memo => !matches!(self, Self::Release(_)),
            Output::Release => matches!(
                self,
                Self::Release(_)
                    | Self::Subject
                    | Self::FindingTitle(_)
                    | Self::QuoteText(_)
                    | Self::QuoteAttribution(_)
                    | Self::Recommendation(_)
                    | Self::Addressee(_)
            ),
        }
    }

    /// "Finding 2 evidence", "Quote 1", "Subject": how messages and the translation view
    /// name the passage, numbered as the memo prints (quotes as stored).
    pub fn describe(self, memo: &Memo) -> String {
        let finding = |id: FindingId| {
            memo.findings.iter().position(|f| f.id == id).map_or_else(
                || "A removed finding".to_owned(),
                |i| format!("Finding {}", i + 1),
            )
        };
        let quote = |id: QuoteId| {
            memo.quotes.iter().position(|q| q.id == id).map_or_else(
                || "A removed quote".to_owned(),
                |i| format!("Quote {}", i + 1),
            )
        };
        let recommendation = |id: RecommendationId| {
            memo.recommendation_index(id).map_or_else(
                || "A removed recommendation".to_owned(),
                |i| format!("Recommendation {}", i + 1),
            )
        };
        match self {
            Self::Heading => "Heading".to_owned(),
            Self::From => "FROM line".to_owned(),
            Self::Subject => "Subject".to_owned(),
            Self::Introduction => "Introduction".to_owned(),
            Self::FindingTitle(id) => format!("{} title", finding(id)),
            Self::Evidence(id) => format!("{} evidence", finding(id)),
            Self::QuoteText(id) => quote(id),
            Self::QuoteAttribution(id) => format!("{} attribution", quote(id)),
            Self::QuoteSource(id) => format!("{} source", quote(id)),
            Self::QuoteDate(id) => format!("{} date", quote(id)),
            Self::Recommendation(id) => recommendation(id),
            Self::Addressee(id) => format!("{} addressee", recommendation(id)),
            Self::SignatoriesIntro => "Signatories' introduction".to_owned(),
            Self::Closing => "Closing".to_owned(),
            Self::Release(text) => format!("Press release {}", text.name()),
            Self::LetterheadText => "Letterhead line".to_owned(),
            Self::Footer => "Footer line".to_owned(),
        }
    }

    /// The part of the memo the passage prints in.
    pub fn part(self, memo: &Memo) -> Part {
        match self {
            Self::Heading => Part::Heading,
            Self::From => Part::From,
            Self::Subject => Part::Subject,
            Self::Introduction => Part::Introduction,
            Self::FindingTitle(id) => Part::Finding(id),
            Self::Evidence(id) => Part::Evidence(id, 0),
            Self::QuoteText(id)
            | Self::QuoteAttribution(id)
            | Self::QuoteSource(id)
            | Self::QuoteDate(id) => Part::Quote(id),
            Self::Recommendation(id) | Self::Addressee(id) => {
                Part::Recommendation(memo.recommendation_index(id).unwrap_or(0))
            }
            Self::SignatoriesIntro => Part::Signatory(0),
            Self::Closing => Part::Closing,
            Self::Release(_) => Part::Release,
            Self::LetterheadText | Self::Footer => Part::Letterhead,
        }
    }

    /// The passage a click on `part` of a translated page belongs to.
    pub fn of_part(part: Part, memo: &Memo) -> Option<Self> {
        Some(match part {
            Part::Heading => Self::Heading,
            Part::From => Self::From,
            Part::Subject => Self::Subject,
            Part::Introduction => Self::Introduction,
            Part::Finding(id) => Self::FindingTitle(id),
            Part::Evidence(id, _) => Self::Evidence(id),
            Part::Quote(id) => Self::QuoteText(id),
            Part::Recommendation(i) => Self::Recommendation(memo.recommendations.get(i)?.id),
            Part::Closing => Self::Closing,
            Part::To(_)
            | Part::Cc(_)
            | Part::Date
            | Part::Signatory(_)
            | Part::Furniture
            | Part::Translation(_)
            | Part::Release
            | Part::Letterhead => return None,
        })
    }
}

impl Memo {
    /// Every passage a translation needs, in the order the memo prints them, with its
    /// source text. Empty texts need nothing, nor does a heading left at its default, nor
    /// a quote under a removed finding (it does not print).
    pub fn passages<'a>(&'a self) -> Vec<(Passage, &'a str)> {
        let mut out: Vec<(Passage, &'a str)> =
            vec![(Passage::LetterheadText, &self.letterhead.text)];
        if !Language::is_default_heading(&self.heading) {
            out.push((Passage::Heading, &self.heading));
        }
        out.extend([
            (Passage::From, self.from.as_str()),
            (Passage::Subject, &self.subject),
            (Passage::Introduction, &self.introduction),
        ]);
        let quotes = |placement: Placement, out: &mut Vec<(Passage, &'a str)>| {
            for q in self.quotes_at(placement) {
                out.push((Passage::QuoteText(q.id), &q.text));
                out.push((Passage::QuoteAttribution(q.id), &q.attribution));
                out.push((Passage::QuoteSource(q.id), &q.source_title));
                out.push((Passage::QuoteDate(q.id), &q.date));
            }
        };
        quotes(Placement::Introduction, &mut out);
        for f in &self.findings {
            out.push((Passage::FindingTitle(f.id), &f.title));
            out.push((Passage::Evidence(f.id), &f.evidence));
            quotes(Placement::Finding(f.id), &mut out);
        }
        for r in &self.recommendations {
            out.push((Passage::Addressee(r.id), &r.addressee));
            out.push((Passage::Recommendation(r.id), &r.text));
        }
        out.push((Passage::Closing, &self.closing));
        out.push((Passage::SignatoriesIntro, &self.signatories_intro));
        out.push((Passage::Footer, &self.letterhead.footer));
        if let Some(release) = &self.release {
            for text in ReleaseText::ALL {
                out.push((Passage::Release(text), release.text(text)));
            }
        }
        out.retain(|(_, text)| !text.trim().is_empty());
        out
    }

    /// The source text of `passage`, if what it names still exists.
    pub fn source(&self, passage: Passage) -> Option<&str> {
        let finding = |id| self.finding(id);
        let quote = |id| self.quotes.iter().find(|q| q.id == id);
        let rec = |id| {
            self.recommendations
                .iter()
                .find(|r: &&super::Recommendation| r.id == id)
        };
        Some(match passage {
            Passage::Heading => &self.heading,
            Passage::From => &self.from,
            Passage::Subject => &self.subject,
            Passage::Introduction => &self.introduction,
            Passage::FindingTitle(id) => &finding(id)?.title,
            Passage::Evidence(id) => &finding(id)?.evidence,
            Passage::QuoteText(id) => &quote(id)?.text,
            Passage::QuoteAttribution(id) => &quote(id)?.attribution,
            Passage::QuoteSource(id) => &quote(id)?.source_title,
            Passage::QuoteDate(id) => &quote(id)?.date,
            Passage::Recommendation(id) => &rec(id)?.text,
            Passage::Addressee(id) => &rec(id)?.addressee,
            Passage::SignatoriesIntro => &self.signatories_intro,
            Passage::Closing => &self.closing,
            Passage::Release(text) => self.release.as_ref()?.text(text),
            Passage::LetterheadText => &self.letterhead.text,
            Passage::Footer => &self.letterhead.footer,
        })
    }

    /// The source text of `passage`, to edit or to replace with a translation.
    pub fn source_mut(&mut self, passage: Passage) -> Option<&mut String> {
        Some(match passage {
            Passage::Heading => &mut self.heading,
            Passage::From => &mut self.from,
            Passage::Subject => &mut self.subject,
            Passage::Introduction => &mut self.introduction,
            Passage::FindingTitle(id) => &mut self.findings.iter_mut().find(|f| f.id == id)?.title,
            Passage::Evidence(id) => &mut self.findings.iter_mut().find(|f| f.id == id)?.evidence,
            Passage::QuoteText(id) => &mut self.quotes.iter_mut().find(|q| q.id == id)?.text,
            Passage::QuoteAttribution(id) => {
                &mut self.quotes.iter_mut().find(|q| q.id == id)?.attribution
            }
            Passage::QuoteSource(id) => {
                &mut self.quotes.iter_mut().find(|q| q.id == id)?.source_title
            }
            Passage::QuoteDate(id) => &mut self.quotes.iter_mut().find(|q| q.id == id)?.date,
            Passage::Recommendation(id) => {
                &mut self.recommendations.iter_mut().find(|r| r.id == id)?.text
            }
            Passage::Addressee(id) => {
                &mut self
                    .recommendations
                    .iter_mut()
                    .find(|r| r.id == id)?
                    .addressee
            }
            Passage::SignatoriesIntro => &mut self.signatories_intro,
            Passage::Closing => &mut self.closing,
            Passage::Release(text) => self.release.as_mut()?.text_mut(text),
            Passage::LetterheadText => &mut self.letterhead.text,
            Passage::Footer => &mut self.letterhead.footer,
        })
    }

    /// The finding, quote and recommendation ids the translations refer to, kept even
    /// when what they named was removed (undo may bring it back), so new ids avoid them.
    pub(super) fn translated_ids(
        &self,
    ) -> (
        impl Iterator<Item = u32> + '_,
        impl Iterator<Item = u32> + '_,
        impl Iterator<Item = u32> + '_,
    ) {
        let keys = || self.translations.values().flat_map(|t| t.0.keys());
        let findings = keys().filter_map(|p| match p {
            Passage::FindingTitle(id) | Passage::Evidence(id) => Some(id.0),
            _ => None,
        });
        let quotes = keys().filter_map(|p| match p {
            Passage::QuoteText(id)
            | Passage::QuoteAttribution(id)
            | Passage::QuoteSource(id)
            | Passage::QuoteDate(id) => Some(id.0),
            _ => None,
        });
        let recommendations = keys().filter_map(|p| match p {
            Passage::Recommendation(id) | Passage::Addressee(id) => Some(id.0),
            _ => None,
        });
        (findings, quotes, recommendations)
    }

    /// The languages this memo is translated into (never its own), in a stable order.
    pub fn translation_languages(&self) -> impl Iterator<Item = Language> + '_ {
        self.translations
            .keys()
            .copied()
            .filter(move |l| *l != self.language)
    }

    /// The languages the memo prints in: its own first, then its translations.
    pub fn languages(&self) -> Vec<Language> {
        std::iter::once(self.language)
            .chain(self.translation_languages())
            .collect()
    }

    /// The translation of `passage` into `language`, if one was typed.
    pub fn translated(&self, language: Language, passage: Passage) -> Option<&Translated> {
        self.translations
            .get(&language)?
            .0
            .get(&passage)
            .filter(|t| !t.text.trim().is_empty())
    }

    /// Where the translation of `passage` into `language` stands.
    pub fn passage_state(&self, language: Language, passage: Passage) -> PassageState {
        let Some(t) = self.translated(language, passage) else {
            return PassageState::Missing;
        };
        let source = self.source(passage).unwrap_or_default();
        if t.fingerprint != fingerprint(source) {
            PassageState::Stale
        } else if t.reviewed {
            PassageState::Reviewed
        } else {
            PassageState::UpToDate
        }
    }

    /// Every passage with the state of its translation into `language`, in memo order.
    pub fn passage_states(&self, language: Language) -> Vec<(Passage, PassageState)> {
        self.passages()
            .into_iter()
            .map(|(p, _)| (p, self.passage_state(language, p)))
            .collect()
    }

    /// How far the translation into `language` is.
    pub fn translation_status(&self, language: Language) -> TranslationStatus {
        TranslationStatus::of(&self.passage_states(language))
    }
}

impl TranslationStatus {
    /// The counts of `states` (from [`Memo::passage_states`]).
    pub fn of(states: &[(Passage, PassageState)]) -> Self {
        let mut counts = Self::default();
        for &(passage, state) in states {
            match state {
                PassageState::Missing => counts.missing.push(passage),
                PassageState::Stale => counts.stale.push(passage),
                PassageState::UpToDate => counts.up_to_date += 1,
                PassageState::Reviewed => counts.reviewed += 1,
            }
        }
        counts
    }
}

impl Memo {
    /// Makes `language` the memo's own: where a passage was translated into it, the
    /// translation becomes the source text and the old source becomes the translation
    /// into the old language (up to date, or stale when the translation was: the new
    /// source is behind it). A passage with no translation keeps its text and has none.
    /// Choosing the language of an existing translation in the header does this, so no
    /// translation is ever hidden under the memo's own language.
    pub fn make_source(&mut self, language: Language) {
        if language == self.language {
            return;
        }
        let Some(translation) = self.translations.remove(&language) else {
            self.language = language;
            return;
        };
        let old = self.language;
        let sources: Vec<(Passage, String)> = self
            .passages()
            .into_iter()
            .map(|(p, text)| (p, text.to_owned()))
            .collect();
        let mut back = Translation::default();
        for (passage, source) in sources {
            let Some(t) = translation
                .0
                .get(&passage)
                .filter(|t| !t.text.trim().is_empty())
            else {
                continue;
            };
            let stale = t.fingerprint != fingerprint(&source);
            if let Some(slot) = self.source_mut(passage) {
                slot.clone_from(&t.text);
            }
            back.0.insert(
                passage,
                Translated {
                    text: source,
                    fingerprint: if stale {
                        String::new()
                    } else {
                        fingerprint(&t.text)
                    },
                    source: t.text.clone(),
                    reviewed: t.reviewed && !stale,
                },
            );
        }
        self.translations.insert(old, back);
        self.language = language;
    }

    /// Starts a translation into `language` (nothing translated yet). No-op for the
    /// memo's own language or one already there.
    pub fn add_translation(&mut self, language: Language) {
        if language != self.language {
            self.translations.entry(language).or_default();
        }
    }

    /// Types `text` as the translation of `passage`: it is now made from the current
    /// source text (so it is up to date) and not yet reviewed.
    pub fn set_translation(&mut self, language: Language, passage: Passage, text: String) {
        let source = self.source(passage).unwrap_or_default().to_owned();
        let entry = self
            .translations
            .entry(language)
            .or_default()
            .0
            .entry(passage)
            .or_default();
        entry.text = text;
        entry.fingerprint = fingerprint(&source);
        entry.source = source;
        entry.reviewed = false;
    }

    /// Marks a translation as one of the current source text: a stale one confirmed
    /// unchanged, or one just edited by a translator.
    pub fn confirm_translation(&mut self, language: Language, passage: Passage) {
        let source = self.source(passage).unwrap_or_default().to_owned();
        if let Some(entry) = self
            .translations
            .get_mut(&language)
            .and_then(|t| t.0.get_mut(&passage))
        {
            entry.fingerprint = fingerprint(&source);
            entry.source = source;
            // Its source changed since anyone reviewed it.
            entry.reviewed = false;
        }
    }

    /// Marks an up-to-date translation as reviewed, or takes the mark away.
    pub fn set_reviewed(&mut self, language: Language, passage: Passage, reviewed: bool) {
        if let Some(entry) = self
            .translations
            .get_mut(&language)
            .and_then(|t| t.0.get_mut(&passage))
        {
            entry.reviewed = reviewed;
        }
    }

    /// The memo as it prints in `language`: the source memo itself for its own language;
    /// otherwise a copy with every translated passage in place (the source text where
    /// none is), the labels, dates and hyphenation of `language`, and country names in
    /// it. Layout and the painters never see translations, only this memo.
    pub fn in_language(&self, language: Language) -> Localized<'_> {
        if language == self.language {
            return Localized {
                memo: Cow::Borrowed(self),
                missing: Vec::new(),
                stale: Vec::new(),
            };
        }
        let mut memo = self.clone();
        memo.language = language;
        memo.translations.clear();
        let (mut missing, mut stale) = (Vec::new(), Vec::new());
        for (passage, _) in self.passages() {
            match self.passage_state(language, passage) {
                PassageState::Missing => {
                    missing.push(passage);
                    continue;
                }
                PassageState::Stale => stale.push(passage),
                PassageState::UpToDate | PassageState::Reviewed => {}
            }
            if let (Some(t), Some(slot)) =
                (self.translated(language, passage), memo.source_mut(passage))
            {
                slot.clone_from(&t.text);
            }
        }
        for s in &mut memo.signatories {
            if let Some(name) = countries::name_in(&s.country, language) {
                s.country = name.to_owned();
            }
        }
        Localized {
            memo: Cow::Owned(memo),
            missing,
            stale,
        }
    }
}

/// A piece of what changed in a source text since it was translated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceChange {
    Same(String),
    Removed(String),
    Added(String),
}

/// Unchanged stretches longer than this are shortened to their ends.
const CONTEXT: usize = 40;

/// What changed from `was` to `now`, word by word (a well-kept diff, `similar`), with
/// long unchanged stretches cut to a few words around the changes.
pub fn source_changes(was: &str, now: &str) -> Vec<SourceChange> {
    use similar::ChangeTag;
    let diff = similar::TextDiff::from_words(was, now);
    let mut out: Vec<SourceChange> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (change.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(SourceChange::Same(t)))
            | (ChangeTag::Delete, Some(SourceChange::Removed(t)))
            | (ChangeTag::Insert, Some(SourceChange::Added(t))) => t.push_str(text),
            (ChangeTag::Equal, _) => out.push(SourceChange::Same(text.to_owned())),
            (ChangeTag::Delete, _) => out.push(SourceChange::Removed(text.to_owned())),
            (ChangeTag::Insert, _) => out.push(SourceChange::Added(text.to_owned())),
        }
    }
    let last = out.len().saturating_sub(1);
    for (i, piece) in out.iter_mut().enumerate() {
        if let SourceChange::Same(t) = piece
            && t.chars().count() > 3 * CONTEXT
        {
            // A few whole words on each side that touches a change.
            let head = if i == 0 {
                ""
            } else {
                let end = t.char_indices().nth(CONTEXT).map_or(t.len(), |(b, _)| b);
                let end = t
                    .get(end..)
                    .and_then(|rest| rest.find(char::is_whitespace))
                    .map_or(t.len(), |w| end + w);
                t.get(..end).unwrap_or_default()
            };
            let tail = if i == last {
                ""
            } else {
                let start = t.char_indices().rev().nth(CONTEXT).map_or(0, |(b, _)| b);
                let start = t
                    .get(..start)
                    .and_then(|before| before.rfind(char::is_whitespace))
                    .map_or(0, |w| w + 1);
                t.get(start..).unwrap_or_default()
            };
            *t = format!("{}…{}", head.trim_end(), tail.trim_start());
        }
    }
    out
}

#[cfg(test)]
mod tests;
