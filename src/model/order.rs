//! The printed order of signatories: as stored, alphabetical by the collation rules of
//! the memo's language (ICU: "Ágora" with the A's, "Ñ" after "N" in Spanish), or grouped
//! by country with a heading per country; lead authors first when asked.

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;
use serde::{Deserialize, Serialize};

use super::{Language, Memo, Signatory};

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, arbitrary::Arbitrary,
)]
pub enum SignatoryOrder {
    /// The order of the list in the draft.
    #[default]
    AsStored,
    Alphabetical,
    /// Alphabetical within each country, countries in alphabetical order, each with a
    /// heading.
    ByCountry,
}

/// A collator for `language`; `None` only if ICU's compiled data lacks the locale (then
/// callers fall back to comparing folded names).
pub fn collator(language: Language) -> Option<CollatorBorrowed<'static>> {
    let locale = match language {
        Language::English => locale!("en"),
        Language::Spanish => locale!("es"),
    };
    Collator::try_new(locale.into(), CollatorOptions::default()).ok()
}

/// The name an organization sorts under: without a leading "The" when asked.
fn sort_name(name: &str, ignore_the: bool) -> &str {
    let name = name.trim();
    if ignore_the {
        for article in ["The ", "the ", "THE "] {
            if let Some(rest) = name.strip_prefix(article)
                && !rest.trim().is_empty()
            {
                return rest.trim_start();
            }
        }
    }
    name
}

/// Compares organization names for `language`.
pub struct NameOrder {
    collator: Option<CollatorBorrowed<'static>>,
    ignore_the: bool,
}

impl NameOrder {
    pub fn new(language: Language, ignore_the: bool) -> Self {
        Self {
            collator: collator(language),
            ignore_the,
        }
    }

    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        let (a, b) = (sort_name(a, self.ignore_the), sort_name(b, self.ignore_the));
        match &self.collator {
            Some(c) => c.compare(a, b),
            None => super::fold_name(a).cmp(&super::fold_name(b)),
        }
    }
}

/// Sorts signatories A-Z by organization, compared as [`NameOrder`] compares them for the
/// printed list; stable, so equal names keep their order.
pub fn sort_signatories(list: &mut [Signatory], language: Language, ignore_the: bool) {
    let order = NameOrder::new(language, ignore_the);
    list.sort_by(|a, b| order.compare(&a.organization, &b.organization));
}

impl Memo {
    /// Sorts the stored list A-Z as the printed alphabetical list is sorted: with the
    /// memo's language and its "ignore a leading The" option.
    pub fn sort_signatories(&mut self) {
        let (language, ignore_the) = (self.language, self.sign_on.ignore_leading_the);
        sort_signatories(&mut self.signatories, language, ignore_the);
    }
}

/// The confirmed signatories in printed order, with their index in the draft; for
/// [`SignatoryOrder::ByCountry`] grouped in (country, members) pairs, otherwise one group
/// with an empty country.
pub fn printed_groups(memo: &Memo) -> Vec<(String, Vec<(usize, &Signatory)>)> {
    let options = &memo.sign_on;
    let names = NameOrder::new(memo.language, options.ignore_leading_the);
    let mut list: Vec<(usize, &Signatory)> = memo.confirmed().collect();
    let by_name = |a: &(usize, &Signatory), b: &(usize, &Signatory)| {
        names.compare(&a.1.organization, &b.1.organization)
    };
    let leads = |a: &(usize, &Signatory), b: &(usize, &Signatory)| {
        if options.leads_first {
            b.1.lead.cmp(&a.1.lead)
        } else {
            Ordering::Equal
        }
    };
    match options.order {
        SignatoryOrder::AsStored => {
            list.sort_by(leads);
            vec![(String::new(), list)]
        }
        SignatoryOrder::Alphabetical => {
            list.sort_by(|a, b| leads(a, b).then_with(|| by_name(a, b)));
            vec![(String::new(), list)]
        }
        SignatoryOrder::ByCountry => {
            // "Mexico" and "México" are one country: group on the folded name.
            list.sort_by(|a, b| {
                names
                    .compare(
                        &super::fold_name(&a.1.country),
                        &super::fold_name(&b.1.country),
                    )
                    .then_with(|| leads(a, b))
                    .then_with(|| by_name(a, b))
            });
            let mut groups: Vec<(String, Vec<(usize, &Signatory)>)> = Vec::new();
            for entry in list {
                let country = entry.1.country.trim().to_owned();
                // One group per country as sorted: the same comparison decides both.
                match groups.last_mut() {
                    Some((c, members))
                        if names.compare(&super::fold_name(c), &super::fold_name(&country))
                            == Ordering::Equal =>
                    {
                        members.push(entry);
                    }
                    _ => groups.push((country, vec![entry])),
                }
            }
            groups
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(language: Language, names: &[&str]) -> Vec<String> {
        let order = NameOrder::new(language, true);
        let mut v: Vec<String> = names.iter().map(|s| (*s).to_owned()).collect();
        v.sort_by(|a, b| order.compare(a, b));
        v
    }

    #[test]
    fn accents_sort_with_their_letter_and_n_tilde_after_n_in_spanish() {
        assert_eq!(
            sorted(
                Language::Spanish,
                &["Zacatecas Unida", "Ñuu Savi", "Ágora", "Nube", "Agua"]
            ),
            ["Ágora", "Agua", "Nube", "Ñuu Savi", "Zacatecas Unida"]
        );
        // Byte order would put "Ágora" after "Zacatecas".
        assert_eq!(
            sorted(Language::English, &["Zeta", "Ágora", "Borderlands"]),
            ["Ágora", "Borderlands", "Zeta"]
        );
    }

    #[test]
    fn grouping_by_country_merges_spellings_and_sorts_within_groups() {
        let mut memo = Memo::default();
        for (name, country) in [
            ("Zapata Unida", "México"),
            ("Borderlands", "United States"),
            ("Ágora", "Mexico"),
            ("Nube", "México"),
        ] {
            memo.signatories.push(Signatory {
                organization: name.into(),
                country: country.into(),
                status: crate::model::SignOnStatus::Confirmed,
                ..Signatory::default()
            });
        }
        memo.sign_on.order = SignatoryOrder::ByCountry;
        let groups = printed_groups(&memo);
        let shown: Vec<(String, Vec<&str>)> = groups
            .iter()
            .map(|(c, m)| {
                (
                    crate::model::fold_name(c),
                    m.iter().map(|(_, s)| s.organization.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("mexico".to_owned(), vec!["Ágora", "Nube", "Zapata Unida"]),
                ("united states".to_owned(), vec!["Borderlands"]),
            ]
        );
    }

    #[test]
    fn the_sign_on_summary_counts_and_ages_invitations() {
        use crate::model::SignOnStatus::{Confirmed, Declined, Invited};
        let mut memo = Memo::default();
        let d = |day| jiff::civil::Date::new(2026, 11, day).ok();
        for (status, invited) in [
            (Confirmed, None),
            (Confirmed, d(1)),
            (Invited, d(21)),
            (Invited, d(25)),
            (Invited, None),
            (Declined, None),
        ] {
            memo.signatories.push(Signatory {
                status,
                invited,
                ..Signatory::default()
            });
        }
        let today = jiff::civil::Date::new(2026, 11, 27).unwrap();
        assert_eq!(
            memo.sign_on_summary(today),
            "2 confirmed, 3 invited (oldest invitation 6 days ago), 1 declined"
        );
    }

    #[test]
    fn the_sign_on_summary_counts_forms_awaiting_review() {
        use crate::model::SignOnStatus::{Confirmed, Received};
        let mut memo = Memo::default();
        for status in [Received, Confirmed, Received, Received] {
            memo.signatories.push(Signatory {
                status,
                ..Signatory::default()
            });
        }
        let today = jiff::civil::Date::new(2026, 11, 27).unwrap();
        assert_eq!(
            memo.sign_on_summary(today),
            "1 confirmed, 3 received, awaiting review"
        );
        assert_eq!(memo.confirmed().count(), 1, "received forms do not print");
    }

    #[test]
    fn sorting_the_stored_list_follows_the_printed_alphabetical_order() {
        let mut memo = Memo {
            language: Language::Spanish,
            ..Memo::default()
        };
        memo.sign_on.ignore_leading_the = true;
        for name in ["The Zeta Fund", "Ñuu Savi", "Nube", "Ágora", "nube"] {
            memo.signatories.push(Signatory {
                organization: name.into(),
                status: crate::model::SignOnStatus::Confirmed,
                ..Signatory::default()
            });
        }
        memo.sign_on.order = SignatoryOrder::Alphabetical;
        let printed: Vec<String> = printed_groups(&memo)
            .into_iter()
            .flat_map(|(_, members)| members.into_iter().map(|(_, s)| s.organization.clone()))
            .collect();
        memo.sort_signatories();
        let stored: Vec<&str> = memo
            .signatories
            .iter()
            .map(|s| s.organization.as_str())
            .collect();
        assert_eq!(stored, printed);
        assert_eq!(
            stored,
            ["Ágora", "nube", "Nube", "Ñuu Savi", "The Zeta Fund"]
        );
    }

    #[test]
    fn a_leading_the_is_ignored_when_asked() {
        assert_eq!(
            sorted(Language::English, &["The Zeta Fund", "Alpha Project"]),
            ["Alpha Project", "The Zeta Fund"]
        );
        let order = NameOrder::new(Language::English, false);
        assert_eq!(order.compare("The Zeta Fund", "Zeta"), Ordering::Less);
    }
}
