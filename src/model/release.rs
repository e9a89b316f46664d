//! The press release's own fields in the draft (`Memo::release`): what the memo does not
//! already say (headline, dateline, lede, media contacts, the issuer's boilerplate).
//! Every field is optional; an empty one takes its default when the release is composed
//! (`crate::release`). Which quotes it features, and what `check` says about it.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Memo, Placement, Quote, QuoteId};

/// Quotes a release features when none were chosen: the memo's first two.
pub const DEFAULT_FEATURED: usize = 2;

/// The press release published with the memo.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct Release {
    /// Empty: the memo's subject.
    pub headline: String,
    pub subheadline: String,
    /// "Washington, D.C."; empty: the dateline is the date alone.
    pub dateline_city: String,
    /// `None`: the memo's date.
    pub date: Option<Date>,
    /// An embargo line ("EMBARGOED UNTIL ..."); empty: "FOR IMMEDIATE RELEASE".
    pub embargo: String,
    /// The opening paragraph; empty: drafted from the memo (who sent what to whom, when).
    pub lede: String,
    /// The quotes featured, by id, in this order; `None`: the first two of the memo.
    #[serde(deserialize_with = "super::limits::optional_list")]
    pub featured: Option<Vec<QuoteId>>,
    /// Where the full memo is published (http or https); empty: no link.
    pub memo_url: String,
    /// The people journalists may call, the main one first.
    #[serde(deserialize_with = "super::limits::list")]
    pub contacts: Vec<MediaContact>,
    /// "About ...": the issuing organization, as its releases end.
    pub boilerplate: String,
}

/// A person journalists may write to or call about the release.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct MediaContact {
    pub name: String,
    pub email: String,
    pub phone: String,
}

impl MediaContact {
    pub fn is_empty(&self) -> bool {
        [&self.name, &self.email, &self.phone]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}

/// Whether `quote` prints in the memo: not when it is under a removed finding.
fn prints(memo: &Memo, quote: &Quote) -> bool {
    match quote.placement {
        Placement::Introduction => true,
        Placement::Finding(id) => memo.finding(id).is_some(),
    }
}

/// One typed text of the release: what a translation gives in another language and
/// what find and spelling reach.
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
pub enum ReleaseText {
    Headline,
    Subheadline,
    DatelineCity,
    Embargo,
    Lede,
    Boilerplate,
}

impl ReleaseText {
    /// In the order the release prints them.
    pub const ALL: [Self; 6] = [
        Self::Embargo,
        Self::Headline,
        Self::Subheadline,
        Self::DatelineCity,
        Self::Lede,
        Self::Boilerplate,
    ];

    /// "headline", "lede": how messages name it after "Press release".
    pub fn name(self) -> &'static str {
        match self {
            Self::Headline => "headline",
            Self::Subheadline => "subheadline",
            Self::DatelineCity => "dateline city",
            Self::Embargo => "embargo line",
            Self::Lede => "lede",
            Self::Boilerplate => "boilerplate",
        }
    }
}

impl Release {
    pub fn text(&self, which: ReleaseText) -> &String {
        match which {
            ReleaseText::Headline => &self.headline,
            ReleaseText::Subheadline => &self.subheadline,
            ReleaseText::DatelineCity => &self.dateline_city,
            ReleaseText::Embargo => &self.embargo,
            ReleaseText::Lede => &self.lede,
            ReleaseText::Boilerplate => &self.boilerplate,
        }
    }

    pub fn text_mut(&mut self, which: ReleaseText) -> &mut String {
        match which {
            ReleaseText::Headline => &mut self.headline,
            ReleaseText::Subheadline => &mut self.subheadline,
            ReleaseText::DatelineCity => &mut self.dateline_city,
            ReleaseText::Embargo => &mut self.embargo,
            ReleaseText::Lede => &mut self.lede,
            ReleaseText::Boilerplate => &mut self.boilerplate,
        }
    }

    /// The ids of the featured quotes: the chosen ones, or the memo's first two.
    pub fn featured_ids(&self, memo: &Memo) -> Vec<QuoteId> {
        match &self.featured {
            Some(ids) => ids.clone(),
            None => memo
                .quotes
                .iter()
                .filter(|q| prints(memo, q))
                .take(DEFAULT_FEATURED)
                .map(|q| q.id)
                .collect(),
        }
    }

    /// The featured quotes that print in the memo (that still exist, and are not under a
    /// removed finding), in the release's order.
    pub fn featured_quotes<'m>(&self, memo: &'m Memo) -> Vec<&'m Quote> {
        self.featured_ids(memo)
            .into_iter()
            .filter_map(|id| memo.quotes.iter().find(|q| q.id == id))
            .filter(|q| prints(memo, q))
            .collect()
    }

    /// Features quote `id` or stops featuring it (starting from the default choice).
    pub fn set_featured(&mut self, memo: &Memo, id: QuoteId, on: bool) {
        let mut ids = self.featured_ids(memo);
        ids.retain(|q| *q != id);
        if on {
            ids.push(id);
            // Featured in the memo's order.
            ids.sort_by_key(|q| memo.quotes.iter().position(|m| m.id == *q));
        }
        self.featured = Some(ids);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_two_quotes_are_featured_until_others_are_chosen() {
        let mut memo = Memo::default();
        for id in [5, 3, 9] {
            memo.quotes.push(Quote {
                id: QuoteId(id),
                ..Quote::default()
            });
        }
        let mut release = Release::default();
        assert_eq!(release.featured_ids(&memo), [QuoteId(5), QuoteId(3)]);
        release.set_featured(&memo, QuoteId(5), false);
        release.set_featured(&memo, QuoteId(9), true);
        assert_eq!(release.featured_ids(&memo), [QuoteId(3), QuoteId(9)]);
        memo.quotes.retain(|q| q.id != QuoteId(9));
        let ids: Vec<QuoteId> = release
            .featured_quotes(&memo)
            .iter()
            .map(|q| q.id)
            .collect();
        assert_eq!(ids, [QuoteId(3)], "a removed quote is no longer featured");
        // Nor one that does not print (under a removed finding); the default skips it.
        memo.quotes[1].placement = Placement::Finding(super::super::FindingId(7));
        assert_eq!(Release::default().featured_ids(&memo), [QuoteId(5)]);
        assert!(release.featured_quotes(&memo).is_empty());
    }

    #[test]
    fn typed_release_texts_are_passages_find_fields_and_go_stale() {
        use crate::model::find::{Field, fields, text};
        use crate::model::{Language, Passage, PassageState};
        let mut memo = Memo {
            subject: "Aid".into(),
            ..Memo::default()
        };
        assert!(
            memo.passages()
                .iter()
                .all(|(p, _)| !matches!(p, Passage::Release(_)))
        );
        memo.release = Some(Release {
            headline: "Groups urge a no".into(),
            boilerplate: "About us.".into(),
            ..Release::default()
        });
        let release: Vec<Passage> = memo
            .passages()
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| matches!(p, Passage::Release(_)))
            .collect();
        assert_eq!(
            release,
            [
                Passage::Release(ReleaseText::Headline),
                Passage::Release(ReleaseText::Boilerplate)
            ],
            "only typed texts: empty ones take a default written per language"
        );
        let headline = Field::Release(ReleaseText::Headline);
        assert!(fields(&memo).contains(&headline));
        assert_eq!(text(&memo, headline), Some("Groups urge a no"));
        assert_eq!(Field::of_passage(release[0], &memo), Some(headline));

        let es = Language::Spanish;
        memo.set_translation(es, release[0], "Piden un no".into());
        assert_eq!(memo.passage_state(es, release[0]), PassageState::UpToDate);
        if let Some(r) = memo.release.as_mut() {
            r.headline = "Groups urge a firm no".into();
        }
        assert_eq!(memo.passage_state(es, release[0]), PassageState::Stale);
        let today = jiff::civil::date(2026, 11, 20);
        assert!(
            memo.check_on(today)
                .iter()
                .any(|i| i.message.contains("Press release headline"))
        );
    }
}
