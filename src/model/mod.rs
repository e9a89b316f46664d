//! The memo as data: recipients, findings, quotes, recommendations, signatories and page
//! setup, plus validation (`Memo::check_on`). No I/O, no egui, no printpdf, no ron.

mod check;
pub mod countries;
mod date_parse;
pub mod find;
mod language;
mod letterhead;
pub mod limits;
pub mod markup;
pub mod merge;
pub mod order;
mod page;
pub mod paste;
mod release;
mod sign_on;
pub mod text;
mod translation;
pub mod typography;
pub mod untrusted;

pub use check::{Issue, Severity};
pub use countries::canonical as canonical_country;
pub use language::{Labels, Language};
pub use letterhead::{
    AddImageError, DEFAULT_HEIGHT_MM, Letterhead, Logo, LogoAlign, LogoTarget, MAX_HEIGHT_MM,
    MAX_LOGOS, MIN_HEIGHT_MM, StoredImage,
};
pub use merge::Conflict;
pub use order::SignatoryOrder;
pub use page::{Alignment, Margins, PageSetup, Paper};
pub use release::{DEFAULT_FEATURED, MediaContact, Release, ReleaseText};
pub(crate) use sign_on::split_acronym;
pub use sign_on::{Contact, organization_key};
pub use text::fold_name;
pub use translation::{
    Localized, Output, Passage, PassageState, SourceChange, Translated, Translation,
    TranslationStatus, fingerprint, source_changes,
};

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The draft format version this build writes. Older versions load (with migration);
/// newer ones are refused. Version 2 keeps a list of contacts per signatory where
/// version 1 had one `contact_name` and `contact_email`; a version-1 build refuses a
/// version-2 draft rather than load it without its contacts and save it so. Version 3 adds
/// what a version-2 build would drop or refuse (see docs/draft-format.md, "Versions").
/// Version 4 adds the letterhead, signatories' logos and the images table.
pub const DRAFT_VERSION: u32 = 4;

/// A coalition memo.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct Memo {
    /// Draft format version; see [`DRAFT_VERSION`].
    pub version: u32,
    /// The large label at the top of the first page.
    pub heading: String,
    #[serde(deserialize_with = "limits::list")]
    pub to: Vec<Recipient>,
    #[serde(deserialize_with = "limits::list")]
    pub cc: Vec<Recipient>,
    /// The FROM line. Empty: derived from the lead signatories (see [`Memo::from_line`]).
    pub from: String,
    pub date: Option<Date>,
    pub subject: String,
    /// The language the memo is written in: its source language.
    pub language: Language,
    /// Paragraphs separated by blank lines; inline Markdown (`*italic*`, `**bold**`, links).
    pub introduction: String,
    #[serde(deserialize_with = "limits::list")]
    pub findings: Vec<Finding>,
    #[serde(deserialize_with = "limits::list")]
    pub quotes: Vec<Quote>,
    #[serde(deserialize_with = "limits::list")]
    pub recommendations: Vec<Recommendation>,
    /// A sentence printed above the list of signatories.
    pub signatories_intro: String,
    #[serde(deserialize_with = "limits::signatories")]
    pub signatories: Vec<Signatory>,
    /// How the printed list of signatories is ordered and dated.
    pub sign_on: SignOnOptions,
    /// A closing contact line, e.g. "For more information: ...".
    pub closing: String,
    /// Internal notes for the drafting team. Never printed.
    pub notes: String,
    pub page: PageSetup,
    /// Words the spell checker accepts in this memo: organization names and acronyms.
    /// Stored in the draft, so partners share it.
    #[serde(deserialize_with = "limits::list")]
    pub dictionary: Vec<String>,
    /// Translations of the printed text into other languages (see `translation.rs`).
    #[serde(deserialize_with = "limits::translations")]
    pub translations: BTreeMap<Language, Translation>,
    /// The press release published with the memo, when one is wanted (`release.rs`).
    pub release: Option<Release>,
    /// Conflicts a merge recorded and nobody resolved yet (`merge/`); `check` reports each
    /// as an error. Written only when there are some.
    #[serde(
        deserialize_with = "limits::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub conflicts: Vec<Conflict>,
    /// The logos above the heading, the line under them and the footer line (version 4).
    pub letterhead: Letterhead,
    /// The image files the letterhead and signatories use, by content key: last in the
    /// draft, so the long base64 lines come after everything people edit by hand.
    /// Written only when there are some; saving drops those nothing uses.
    #[serde(
        deserialize_with = "letterhead::images",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub images: BTreeMap<crate::images::ImageKey, StoredImage>,
}

impl Default for Memo {
    fn default() -> Self {
        Self {
            version: DRAFT_VERSION,
            heading: "MEMORANDUM".to_owned(),
            to: Vec::new(),
            cc: Vec::new(),
            from: String::new(),
            date: None,
            subject: String::new(),
            language: Language::English,
            introduction: String::new(),
            findings: Vec::new(),
            quotes: Vec::new(),
            recommendations: Vec::new(),
            signatories_intro: String::new(),
            signatories: Vec::new(),
            sign_on: SignOnOptions::default(),
            closing: String::new(),
            notes: String::new(),
            page: PageSetup::default(),
            dictionary: Vec::new(),
            translations: BTreeMap::new(),
            release: None,
            conflicts: Vec::new(),
            letterhead: Letterhead::default(),
            images: BTreeMap::new(),
        }
    }
}

/// Someone the memo is addressed to (TO) or copied to (CC).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct Recipient {
    /// Its identity, so that a merge matches it whatever its position. Drafts without
    /// one (before it existed) get one when read.
    pub id: RecipientId,
    pub name: String,
    pub title: String,
    pub organization: String,
}

impl Recipient {
    /// "Name, Title, Organization", skipping empty parts.
    pub fn line(&self) -> String {
        [&self.name, &self.title, &self.organization]
            .into_iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A stable identity for a recipient (TO or CC), independent of its position: what a
/// merge matches recipients by. An id of 0 (drafts written before it) is numbered on load.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    arbitrary::Arbitrary,
)]
pub struct RecipientId(pub u32);

/// A stable identity for a finding, independent of its position.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    arbitrary::Arbitrary,
)]
pub struct FindingId(pub u32);

/// A stable identity for a quote, independent of its position.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    arbitrary::Arbitrary,
)]
pub struct QuoteId(pub u32);

/// One key area the memo assesses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct Finding {
    pub id: FindingId,
    pub title: String,
    pub assessment: Assessment,
    /// Paragraphs separated by blank lines; inline Markdown.
    pub evidence: String,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, arbitrary::Arbitrary,
)]
pub enum Assessment {
    NotMet,
    PartiallyMet,
    Met,
    #[default]
    NotAssessed,
}

impl Assessment {
    pub const ALL: [Self; 4] = [
        Self::NotMet,
        Self::PartiallyMet,
        Self::Met,
        Self::NotAssessed,
    ];

    /// The printed wording in `language`.
    pub fn label(self, language: Language) -> &'static str {
        match (self, language) {
            (Self::NotMet, Language::English) => "Not met",
            (Self::PartiallyMet, Language::English) => "Partially met",
            (Self::Met, Language::English) => "Met",
            (Self::NotAssessed, Language::English) => "Not assessed",
            (Self::NotMet, Language::Spanish) => "No cumplida",
            (Self::PartiallyMet, Language::Spanish) => "Parcialmente cumplida",
            (Self::Met, Language::Spanish) => "Cumplida",
            (Self::NotAssessed, Language::Spanish) => "Sin evaluar",
        }
    }
}

/// A quotation with its source, placed under a finding or in the introduction.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct Quote {
    pub id: QuoteId,
    pub text: String,
    /// Who said it, e.g. "Mother of a disappeared student, Iguala".
    pub attribution: String,
    pub source_title: String,
    /// http, https or mailto; printed in the endnotes and clickable in the PDF.
    pub url: String,
    /// Free text, since sources are often dated loosely ("May 2024").
    pub date: String,
    pub placement: Placement,
}

/// Where a quote is printed. Refers to findings by id, so reordering keeps placements.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, arbitrary::Arbitrary,
)]
pub enum Placement {
    #[default]
    Introduction,
    Finding(FindingId),
}

/// A stable identity for a recommendation, independent of its position (translations
/// refer to it). Drafts before version 3 have none; they get one when read.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    arbitrary::Arbitrary,
)]
pub struct RecommendationId(pub u32);

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct Recommendation {
    pub id: RecommendationId,
    /// Inline Markdown.
    pub text: String,
    /// Optional, e.g. "To the Department of State".
    pub addressee: String,
}

/// A co-signing organization. Read through `StoredSignatory` (in `sign_on.rs`), which also reads
/// the single contact of version-1 drafts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(from = "sign_on::StoredSignatory")]
pub struct Signatory {
    pub organization: String,
    /// Short name or acronym, e.g. "WOLA".
    pub short_name: String,
    pub city: String,
    pub country: String,
    /// The people the drafting team writes to about the sign-on, the main one first.
    /// Never printed.
    pub contacts: Vec<Contact>,
    pub status: SignOnStatus,
    pub signed: Option<Date>,
    /// Lead authors make up the FROM line when it is left empty.
    pub lead: bool,
    /// When the invitation went out.
    pub invited: Option<Date>,
    /// When the organization withdrew its signature.
    pub withdrawn: Option<Date>,
    /// Its logo, printed when the signatories print as a grid of logos (version 4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<Logo>,
}

/// The printed list's order, and an optional "as of" date under it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct SignOnOptions {
    pub order: SignatoryOrder,
    /// Lead authors before the others (within each country when grouped).
    pub leads_first: bool,
    /// Sort "The Borderlands Project" under B.
    pub ignore_leading_the: bool,
    /// Prints "List as of DATE." under the signatories.
    pub as_of: Option<Date>,
    /// Prints the signatories as a grid of their logos with their names under them
    /// (version 4).
    pub logo_grid: bool,
}

impl Signatory {
    /// The organization as the list of signatories prints it: with its short name in
    /// parentheses when the name does not already contain it.
    pub fn printed_name(&self) -> String {
        let name = self.organization.trim();
        let short = self.short_name.trim();
        if short.is_empty() || name.contains(short) {
            name.to_owned()
        } else {
            format!("{name} ({short})")
        }
    }

    /// "City, Country", skipping empty parts.
    pub fn place(&self) -> String {
        [self.city.trim(), self.country.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Where an organization stands in the sign-on process. Only `Confirmed` prints.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, arbitrary::Arbitrary,
)]
pub enum SignOnStatus {
    #[default]
    Invited,
    Confirmed,
    Declined,
    Withdrawn,
    /// Submitted through a public sign-on form, not yet verified by the drafting team:
    /// never prints until someone confirms it. New in draft version 3 (a version-2 build
    /// refuses the unknown variant rather than load the draft without it).
    Received,
}

/// A part of the memo: where a printed item came from, or where a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Heading,
    To(usize),
    Cc(usize),
    From,
    Date,
    Subject,
    Introduction,
    /// A finding's title and assessment.
    Finding(FindingId),
    /// Paragraph `n` (from 0) of a finding's evidence.
    Evidence(FindingId, usize),
    Quote(QuoteId),
    Recommendation(usize),
    Signatory(usize),
    Closing,
    /// Running headers, page numbers, section titles: generated, not typed.
    Furniture,
    /// The translation into a language as a whole (where its problems are listed).
    Translation(Language),
    /// The press release (its fields; it is not on the memo's pages).
    Release,
    /// The letterhead: its logos, the line under them, the footer line.
    Letterhead,
}

impl Part {
    /// The part as a whole that this one belongs to: a finding for a paragraph of its
    /// evidence, else the part itself. The preview highlights and scrolls by owner.
    #[must_use]
    pub fn owner(self) -> Self {
        match self {
            Self::Evidence(finding, _) => Self::Finding(finding),
            other => other,
        }
    }
}

impl Memo {
    /// A new, empty memo dated `today`: what File > New and `memodraft new` start from.
    pub fn blank(today: Date) -> Self {
        Self {
            date: Some(today),
            ..Self::default()
        }
    }
}

impl Memo {
    /// The large label on top of page 1 as printed: a label left at its default (in any
    /// language) prints as the memo's language writes it, "MEMORANDUM" / "MEMORÁNDUM".
    pub fn printed_heading(&self) -> &str {
        if Language::is_default_heading(&self.heading) {
            self.language.labels().memorandum
        } else {
            self.heading.trim()
        }
    }

    /// The FROM line as printed: the typed one, or the lead signatories' names.
    pub fn from_line(&self) -> String {
        if !self.from.trim().is_empty() {
            return self.from.trim().to_owned();
        }
        self.signatories
            .iter()
            .filter(|s| s.lead && s.status == SignOnStatus::Confirmed)
            .map(|s| s.organization.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Signatories that print, in stored order, with their index in `signatories`.
    pub fn confirmed(&self) -> impl Iterator<Item = (usize, &Signatory)> {
        self.signatories
            .iter()
            .enumerate()
            .filter(|(_, s)| s.status == SignOnStatus::Confirmed)
    }

    /// "9 confirmed, 2 received, awaiting review, 3 invited (oldest invitation 6 days
    /// ago), 1 declined": what a coordinator checks first; zero counts other than
    /// confirmed are left out.
    pub fn sign_on_summary(&self, today: Date) -> String {
        let count = |st| self.signatories.iter().filter(|s| s.status == st).count();
        let mut parts = vec![format!("{} confirmed", count(SignOnStatus::Confirmed))];
        let received = count(SignOnStatus::Received);
        if received > 0 {
            parts.push(format!("{received} received, awaiting review"));
        }
        let invited = count(SignOnStatus::Invited);
        if invited > 0 {
            let oldest = self
                .signatories
                .iter()
                .filter(|s| s.status == SignOnStatus::Invited)
                .filter_map(|s| s.invited)
                .min();
            let age = oldest
                .and_then(|d| d.until(today).ok())
                .map(|span| span.get_days());
            parts.push(match age {
                Some(1) => format!("{invited} invited (oldest invitation 1 day ago)"),
                Some(days) if days >= 0 => {
                    format!("{invited} invited (oldest invitation {days} days ago)")
                }
                _ => format!("{invited} invited"),
            });
        }
        for (st, label) in [
            (SignOnStatus::Declined, "declined"),
            (SignOnStatus::Withdrawn, "withdrawn"),
        ] {
            let n = count(st);
            if n > 0 {
                parts.push(format!("{n} {label}"));
            }
        }
        parts.join(", ")
    }

    /// Quotes placed at `placement`, in stored order.
    pub fn quotes_at(&self, placement: Placement) -> impl Iterator<Item = &Quote> {
        self.quotes.iter().filter(move |q| q.placement == placement)
    }

    pub fn finding(&self, id: FindingId) -> Option<&Finding> {
        self.findings.iter().find(|f| f.id == id)
    }

    /// A finding id nothing refers to yet: no finding, quote placement or translation (a
    /// removed finding's translation must not turn up under the next one added).
    pub fn next_finding_id(&self) -> FindingId {
        let placed = self.quotes.iter().filter_map(|q| match q.placement {
            Placement::Finding(id) => Some(id.0),
            Placement::Introduction => None,
        });
        let (translated, _, _) = self.translated_ids();
        FindingId(
            self.findings
                .iter()
                .map(|f| f.id.0)
                .chain(placed)
                .chain(translated)
                .max()
                .map_or(1, |m| m.saturating_add(1)),
        )
    }

    /// The position of the recommendation with `id`.
    pub fn recommendation_index(&self, id: RecommendationId) -> Option<usize> {
        self.recommendations.iter().position(|r| r.id == id)
    }

    /// A recommendation id no recommendation or translation refers to yet.
    pub fn next_recommendation_id(&self) -> RecommendationId {
        let (_, _, translated) = self.translated_ids();
        RecommendationId(
            self.recommendations
                .iter()
                .map(|r| r.id.0)
                .chain(translated)
                .max()
                .map_or(1, |m| m.saturating_add(1)),
        )
    }

    /// Gives every recommendation without an id (0: drafts before version 3) or with an
    /// id another one already has a new one, keeping the first holder's.
    pub fn number_recommendations(&mut self) {
        let next = self.next_recommendation_id().0;
        renumber(
            self.recommendations.iter_mut().map(|r| &mut r.id.0),
            next,
            true,
        );
    }

    /// Gives a finding or quote that shares its id with an earlier one a new id (a
    /// hand-written draft that leaves ids out gives them all the same): translations and
    /// edits would otherwise reach only the first. Quote placements keep naming the first.
    pub fn number_findings_and_quotes(&mut self) {
        let next = self.next_finding_id().0;
        renumber(self.findings.iter_mut().map(|f| &mut f.id.0), next, false);
        let next = self.next_quote_id().0;
        renumber(self.quotes.iter_mut().map(|q| &mut q.id.0), next, false);
    }

    /// Gives every recipient (TO and CC, one numbering) without an id or with an id
    /// another one already has a new one, keeping the first holder's, as
    /// [`Memo::number_recommendations`] does.
    pub fn number_recipients(&mut self) {
        let next = self
            .to
            .iter()
            .chain(&self.cc)
            .map(|r| r.id.0)
            .max()
            .map_or(1, |m| m.saturating_add(1));
        let ids = self
            .to
            .iter_mut()
            .chain(self.cc.iter_mut())
            .map(|r| &mut r.id.0);
        renumber(ids, next, true);
    }

    /// A quote id no quote, featured quote or translation refers to yet.
    pub fn next_quote_id(&self) -> QuoteId {
        let (_, translated, _) = self.translated_ids();
        let featured = self
            .release
            .iter()
            .flat_map(|r| r.featured.iter().flatten())
            .map(|q| q.0);
        QuoteId(
            self.quotes
                .iter()
                .map(|q| q.id.0)
                .chain(translated)
                .chain(featured)
                .max()
                .map_or(1, |m| m.saturating_add(1)),
        )
    }
}

/// Gives each id an earlier one already has (and, when `zero_is_none`, each 0: drafts
/// written before ids) a new one counting from `next`, keeping the first holder's: the one
/// rule behind numbering recipients, findings, quotes and recommendations on load.
fn renumber<'a>(ids: impl Iterator<Item = &'a mut u32>, mut next: u32, zero_is_none: bool) {
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if (zero_is_none && *id == 0) || !seen.insert(*id) {
            *id = next;
            next = next.saturating_add(1);
            seen.insert(*id);
        }
    }
}
