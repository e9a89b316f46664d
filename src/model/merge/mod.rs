//! Three-way merge of memos (`merge(base, ours, theirs)`), the conflicts a merge records
//! in the draft, and resolving them. Records are matched by identity, not position:
//! findings, quotes, recommendations and recipients by id, signatories by their
//! organization key or a shared email, translations by language and passage.

mod diff;
mod engine;
mod records;
mod renumber;
pub mod text;

pub use diff::{Difference, differences};
pub use engine::merge;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{
    Finding, FindingId, Language, Letterhead, Memo, PageSetup, Part, Passage, Quote, QuoteId,
    Recipient, RecipientId, Recommendation, RecommendationId, Release, SignOnOptions, Signatory,
    Translated, organization_key,
};

/// A memo-wide field (not a record of a list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
pub enum MemoField {
    Heading,
    From,
    Date,
    Subject,
    Language,
    Introduction,
    SignatoriesIntro,
    SignOn,
    Closing,
    Notes,
    Page,
    Release,
    Letterhead,
}

/// Where a conflict is: a memo-wide field or one record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
pub enum Place {
    Field(MemoField),
    To(RecipientId),
    Cc(RecipientId),
    Finding(FindingId),
    Quote(QuoteId),
    Recommendation(RecommendationId),
    /// A signatory, by its organization's name (matched by [`organization_key`]).
    Signatory(String),
    Translation(Language, Passage),
}

/// One side's version of a conflicting field or record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, arbitrary::Arbitrary)]
pub enum Value {
    Text(String),
    Date(Option<Date>),
    Language(Language),
    Page(PageSetup),
    SignOn(SignOnOptions),
    Release(Option<Release>),
    Letterhead(Letterhead),
    Recipient(Recipient),
    Finding(Finding),
    Quote(Quote),
    Recommendation(Recommendation),
    Signatory(Signatory),
    Translated(Translated),
}

/// A change both sides of a merge made differently, recorded in the merged draft until
/// someone chooses. The draft holds `ours` in the meantime (or, when our side removed
/// what theirs edited, their edited version: nothing is dropped before a choice).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct Conflict {
    pub place: Place,
    /// What differs, in words: "evidence, paragraph 2", "status".
    pub fields: Vec<String>,
    /// `None`: the record did not exist in the base (added on both sides).
    pub base: Option<Value>,
    /// `None`: this side removed it.
    pub ours: Option<Value>,
    pub theirs: Option<Value>,
}

impl Default for Conflict {
    fn default() -> Self {
        Self {
            place: Place::Field(MemoField::Notes),
            fields: Vec::new(),
            base: None,
            ours: None,
            theirs: None,
        }
    }
}

/// Which version a conflict is resolved with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Ours,
    Theirs,
    /// Keep the draft as it is now (edited by hand).
    AsEdited,
}

impl Value {
    /// The version as a person reads it, to show beside the other one: a text as it is,
    /// a record as its fields, one per paragraph.
    pub fn text(&self, language: Language) -> String {
        let join = |parts: &[&str]| {
            parts
                .iter()
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        match self {
            Self::Text(t) => t.clone(),
            Self::Date(d) => d.map_or_else(|| "(no date)".to_owned(), |d| d.to_string()),
            Self::Language(l) => l.name().to_owned(),
            Self::Page(p) => format!("{p:?}"),
            Self::SignOn(s) => format!("{s:?}"),
            Self::Release(r) => r.as_ref().map_or_else(
                || "(no press release)".to_owned(),
                |r| {
                    join(&[
                        &r.headline,
                        &r.subheadline,
                        &r.dateline_city,
                        &r.lede,
                        &r.boilerplate,
                    ])
                },
            ),
            Self::Letterhead(l) => {
                let logos = l
                    .logos
                    .iter()
                    .map(|logo| format!("logo {}: {}", logo.image.short(), logo.alt))
                    .collect::<Vec<_>>()
                    .join("\n");
                join(&[&logos, &l.text, &l.footer])
            }
            Self::Recipient(r) => r.line(),
            Self::Finding(f) => join(&[&f.title, f.assessment.label(language), &f.evidence]),
            Self::Quote(q) => join(&[&q.text, &q.attribution, &q.source_title, &q.url, &q.date]),
            Self::Recommendation(r) => join(&[&r.addressee, &r.text]),
            Self::Signatory(s) => {
                let dates = [
                    ("signed", s.signed),
                    ("invited", s.invited),
                    ("withdrawn", s.withdrawn),
                ]
                .iter()
                .filter_map(|(what, d)| d.map(|d| format!("{what} {d}")))
                .collect::<Vec<_>>()
                .join(", ");
                let contacts = s
                    .contacts
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ");
                let lead = if s.lead { "lead author" } else { "" };
                join(&[
                    &s.printed_name(),
                    &s.place(),
                    s.status.label(),
                    &dates,
                    lead,
                    &contacts,
                ])
            }
            Self::Translated(t) => t.text.clone(),
        }
    }
}

impl Place {
    /// "finding 2", "the subject", "signatory Fundar": where, in words.
    pub fn describe(&self, memo: &Memo) -> String {
        match self {
            Self::Field(field) => format!("the {}", field_name(*field)),
            Self::To(id) => format!("TO recipient {}", recipient_number(&memo.to, *id)),
            Self::Cc(id) => format!("CC recipient {}", recipient_number(&memo.cc, *id)),
            Self::Finding(id) => match memo.findings.iter().position(|f| f.id == *id) {
                Some(i) => format!("finding {}", i + 1),
                None => "a removed finding".to_owned(),
            },
            Self::Quote(id) => match memo.quotes.iter().position(|q| q.id == *id) {
                Some(i) => format!("quote {}", i + 1),
                None => "a removed quote".to_owned(),
            },
            Self::Recommendation(id) => match memo.recommendation_index(*id) {
                Some(i) => format!("recommendation {}", i + 1),
                None => "a removed recommendation".to_owned(),
            },
            Self::Signatory(name) => format!("signatory \"{name}\""),
            Self::Translation(lang, passage) => format!(
                "the {} translation of {}",
                lang.name(),
                memo.describe_passages(&[*passage])
            ),
        }
    }

    /// The part of the memo to open for it.
    pub fn part(&self, memo: &Memo) -> Part {
        let index = |list: &[Recipient], id| list.iter().position(|r| r.id == id).unwrap_or(0);
        match self {
            Self::Field(MemoField::Heading) => Part::Heading,
            Self::Field(MemoField::From) => Part::From,
            Self::Field(MemoField::Date) => Part::Date,
            Self::Field(MemoField::Introduction) => Part::Introduction,
            Self::Field(MemoField::Closing) => Part::Closing,
            Self::Field(MemoField::SignatoriesIntro | MemoField::SignOn) => Part::Signatory(0),
            Self::Field(MemoField::Release) => Part::Release,
            Self::Field(MemoField::Letterhead) => Part::Letterhead,
            Self::Field(_) => Part::Subject,
            Self::To(id) => Part::To(index(&memo.to, *id)),
            Self::Cc(id) => Part::Cc(index(&memo.cc, *id)),
            Self::Finding(id) => Part::Finding(*id),
            Self::Quote(id) => Part::Quote(*id),
            Self::Recommendation(id) => {
                Part::Recommendation(memo.recommendation_index(*id).unwrap_or(0))
            }
            Self::Signatory(name) => Part::Signatory(signatory_index(memo, name).unwrap_or(0)),
            Self::Translation(lang, _) => Part::Translation(*lang),
        }
    }
}

fn field_name(field: MemoField) -> &'static str {
    match field {
        MemoField::Heading => "heading",
        MemoField::From => "FROM line",
        MemoField::Date => "date",
        MemoField::Subject => "subject",
        MemoField::Language => "language",
        MemoField::Introduction => "introduction",
        MemoField::SignatoriesIntro => "signatories' introduction",
        MemoField::SignOn => "order of signatories",
        MemoField::Closing => "closing",
        MemoField::Notes => "internal notes",
        MemoField::Page => "page setup",
        MemoField::Release => "press release",
        MemoField::Letterhead => "letterhead",
    }
}

fn recipient_number(list: &[Recipient], id: RecipientId) -> String {
    list.iter()
        .position(|r| r.id == id)
        .map_or_else(|| "(removed)".to_owned(), |i| (i + 1).to_string())
}

fn signatory_index(memo: &Memo, name: &str) -> Option<usize> {
    let key = organization_key(name);
    memo.signatories
        .iter()
        .position(|s| organization_key(&s.organization) == key)
}

impl Conflict {
    /// Clamps a page setup or letterhead a version holds as the memo's own are clamped on
    /// load (a hand-edited or hostile draft may hold any number, NaN included).
    pub fn sanitize(&mut self) {
        for value in [&mut self.base, &mut self.ours, &mut self.theirs]
            .into_iter()
            .flatten()
        {
            match value {
                Value::Page(page) => page.sanitize(),
                Value::Letterhead(letterhead) => letterhead.sanitize(),
                _ => {}
            }
        }
    }

    /// "finding 2: evidence, paragraph 3 changed on both sides": what to look at.
    pub fn describe(&self, memo: &Memo) -> String {
        let what = if self.ours.is_none() || self.theirs.is_none() {
            let side = if self.ours.is_none() { "our" } else { "their" };
            format!("removed in {side} copy and edited in the other")
        } else if self.fields.is_empty() {
            "changed on both sides".to_owned()
        } else {
            format!("{} changed on both sides", self.fields.join("; "))
        };
        format!("{}: {what}", self.place.describe(memo))
    }
}

impl Memo {
    /// Each recorded conflict as a problem for `check`: where, and what to do.
    pub(super) fn conflict_problems(&self) -> Vec<(Part, String)> {
        self.conflicts
            .iter()
            .map(|c| {
                let message = format!(
                    "merge conflict: {}; in the editor, Resolve merge conflicts: use ours, use theirs, or edit it and keep it as edited",
                    c.describe(self)
                );
                (c.place.part(self), message)
            })
            .collect()
    }

    /// Resolves conflict `index` (of `self.conflicts`) with `choice`: puts that side's
    /// version in place (or removes the record when that side removed it) and forgets the
    /// conflict. Out of range: nothing happens.
    pub fn resolve_conflict(&mut self, index: usize, choice: Choice) {
        if index >= self.conflicts.len() {
            return;
        }
        let conflict = self.conflicts.remove(index);
        let value = match choice {
            Choice::Ours => conflict.ours,
            Choice::Theirs => conflict.theirs,
            Choice::AsEdited => return,
        };
        self.put(&conflict.place, value, usize::MAX);
    }

    /// Sets the field or record at `place` to `value` (`None`: removes the record); a
    /// record not there yet is inserted at `at` (at the end when past it).
    fn put(&mut self, place: &Place, value: Option<Value>, at: usize) {
        use Value as V;
        match (place, value) {
            (Place::Field(field), Some(value)) => self.put_field(*field, value),
            (Place::To(id), None) => put_record(&mut self.to, |r| r.id == *id, None, at),
            (Place::To(id), Some(V::Recipient(v))) => {
                put_record(&mut self.to, |r| r.id == *id, Some(v), at);
            }
            (Place::Cc(id), None) => put_record(&mut self.cc, |r| r.id == *id, None, at),
            (Place::Cc(id), Some(V::Recipient(v))) => {
                put_record(&mut self.cc, |r| r.id == *id, Some(v), at);
            }
            (Place::Finding(id), None) => put_record(&mut self.findings, |f| f.id == *id, None, at),
            (Place::Finding(id), Some(V::Finding(v))) => {
                put_record(&mut self.findings, |f| f.id == *id, Some(v), at);
            }
            (Place::Quote(id), None) => put_record(&mut self.quotes, |q| q.id == *id, None, at),
            (Place::Quote(id), Some(V::Quote(v))) => {
                put_record(&mut self.quotes, |q| q.id == *id, Some(v), at);
            }
            (Place::Recommendation(id), None) => {
                put_record(&mut self.recommendations, |r| r.id == *id, None, at);
            }
            (Place::Recommendation(id), Some(V::Recommendation(v))) => {
                put_record(&mut self.recommendations, |r| r.id == *id, Some(v), at);
            }
            (Place::Signatory(name), v @ (None | Some(V::Signatory(_)))) => {
                let key = organization_key(name);
                let v = match v {
                    Some(V::Signatory(s)) => Some(s),
                    _ => None,
                };
                let same = |s: &Signatory| organization_key(&s.organization) == key;
                put_record(&mut self.signatories, same, v, at);
            }
            (Place::Translation(lang, passage), None) => {
                if let Some(translation) = self.translations.get_mut(lang) {
                    translation.0.remove(passage);
                }
            }
            (Place::Translation(lang, passage), Some(V::Translated(t))) => {
                self.translations
                    .entry(*lang)
                    .or_default()
                    .0
                    .insert(*passage, t);
            }
            // A version of another kind (a hand-edited draft) changes nothing.
            _ => {}
        }
    }

    fn put_field(&mut self, field: MemoField, value: Value) {
        match (field, value) {
            (MemoField::Heading, Value::Text(t)) => self.heading = t,
            (MemoField::From, Value::Text(t)) => self.from = t,
            (MemoField::Subject, Value::Text(t)) => self.subject = t,
            (MemoField::Introduction, Value::Text(t)) => self.introduction = t,
            (MemoField::SignatoriesIntro, Value::Text(t)) => self.signatories_intro = t,
            (MemoField::Closing, Value::Text(t)) => self.closing = t,
            (MemoField::Notes, Value::Text(t)) => self.notes = t,
            (MemoField::Date, Value::Date(d)) => self.date = d,
            (MemoField::Language, Value::Language(l)) => self.language = l,
            (MemoField::Page, Value::Page(p)) => self.page = p,
            (MemoField::SignOn, Value::SignOn(s)) => self.sign_on = s,
            (MemoField::Release, Value::Release(r)) => self.release = r,
            (MemoField::Letterhead, Value::Letterhead(l)) => self.letterhead = l,
            _ => {}
        }
    }
}

fn put_record<T>(list: &mut Vec<T>, same: impl Fn(&T) -> bool, value: Option<T>, at: usize) {
    match (list.iter().position(same), value) {
        (Some(i), Some(v)) => {
            if let Some(slot) = list.get_mut(i) {
                *slot = v;
            }
        }
        (Some(i), None) => {
            list.remove(i);
        }
        (None, Some(v)) => list.insert(at.min(list.len()), v),
        (None, None) => {}
    }
}

#[cfg(test)]
mod tests;
