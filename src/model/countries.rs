//! Country names as each language prints them: in a translation, a signatory typed as
//! "Mexico" prints as "México" in the Spanish version, and "EE. UU." as "United States" in
//! the English one. In the memo's own language a country prints as typed (so drafts print
//! as they always did), as do countries not in the table.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{Language, fold_name};

/// One country: its English and Spanish names, then other ways people type it.
struct Country {
    english: &'static str,
    spanish: &'static str,
    aliases: &'static [&'static str],
    /// The memo language most of its organizations write their names in, if one is.
    speaks: Option<Language>,
}

const fn c(
    english: &'static str,
    spanish: &'static str,
    aliases: &'static [&'static str],
) -> Country {
    Country {
        english,
        spanish,
        aliases,
        speaks: None,
    }
}

impl Country {
    const fn speaks(self, language: Language) -> Self {
        Self {
            speaks: Some(language),
            ..self
        }
    }
}

/// The countries of the Americas and of the coalition's usual partners in Europe.
const COUNTRIES: &[Country] = &[
    c("Mexico", "México", &["Mejico", "Estados Unidos Mexicanos"]).speaks(Language::Spanish),
    c(
        "United States",
        "Estados Unidos",
        &[
            "USA",
            "U.S.",
            "U.S.A.",
            "US",
            "United States of America",
            "EE. UU.",
            "EE.UU.",
            "EEUU",
            "Estados Unidos de América",
            "EUA",
        ],
    )
    .speaks(Language::English),
    c("Canada", "Canadá", &[]).speaks(Language::English),
    c("Guatemala", "Guatemala", &[]).speaks(Language::Spanish),
    c("Honduras", "Honduras", &[]).speaks(Language::Spanish),
    c("El Salvador", "El Salvador", &[]).speaks(Language::Spanish),
    c("Nicaragua", "Nicaragua", &[]).speaks(Language::Spanish),
    c("Costa Rica", "Costa Rica", &[]).speaks(Language::Spanish),
    c("Panama", "Panamá", &[]).speaks(Language::Spanish),
    c("Belize", "Belice", &[]).speaks(Language::English),
    c("Cuba", "Cuba", &[]).speaks(Language::Spanish),
    c("Dominican Republic", "República Dominicana", &[]).speaks(Language::Spanish),
    c("Haiti", "Haití", &[]),
    c("Puerto Rico", "Puerto Rico", &[]).speaks(Language::Spanish),
    c("Colombia", "Colombia", &[]).speaks(Language::Spanish),
    c("Venezuela", "Venezuela", &[]).speaks(Language::Spanish),
    c("Ecuador", "Ecuador", &[]).speaks(Language::Spanish),
    c("Peru", "Perú", &[]).speaks(Language::Spanish),
    c("Bolivia", "Bolivia", &[]).speaks(Language::Spanish),
    c("Brazil", "Brasil", &[]),
    c("Paraguay", "Paraguay", &[]).speaks(Language::Spanish),
    c("Uruguay", "Uruguay", &[]).speaks(Language::Spanish),
    c("Argentina", "Argentina", &[]).speaks(Language::Spanish),
    c("Chile", "Chile", &[]).speaks(Language::Spanish),
    c("Spain", "España", &[]).speaks(Language::Spanish),
    c(
        "United Kingdom",
        "Reino Unido",
        &["UK", "U.K.", "Great Britain"],
    ),
    c("Ireland", "Irlanda", &[]).speaks(Language::English),
    c("France", "Francia", &[]),
    c("Germany", "Alemania", &[]),
    c(
        "Netherlands",
        "Países Bajos",
        &["The Netherlands", "Holland", "Holanda"],
    ),
    c("Belgium", "Bélgica", &[]),
    c("Switzerland", "Suiza", &[]),
    c("Italy", "Italia", &[]),
    c("Sweden", "Suecia", &[]),
    c("Norway", "Noruega", &[]),
    c("Denmark", "Dinamarca", &[]),
];

/// `typed` as `language` prints it, when it is a country in the table.
pub fn name_in(typed: &str, language: Language) -> Option<&'static str> {
    let country = find(typed)?;
    Some(match language {
        Language::English => country.english,
        Language::Spanish => country.spanish,
    })
}

/// The country `typed` names, by any of its names folded (case, accents, punctuation).
fn find(typed: &str) -> Option<&'static Country> {
    // Made once: the Spanish memo of 1,000 signatories looks up 1,000 countries, most
    // typed as the table writes them (found without folding, which normalizes).
    static BY_NAME: OnceLock<Names> = OnceLock::new();
    let names = BY_NAME.get_or_init(|| {
        let all = || {
            COUNTRIES.iter().flat_map(|c| {
                [c.english, c.spanish]
                    .into_iter()
                    .chain(c.aliases.iter().copied())
                    .map(move |name| (name, c))
            })
        };
        Names {
            exact: all().collect(),
            folded: all().map(|(name, c)| (fold_name(name), c)).collect(),
        }
    });
    if let Some(&country) = names.exact.get(typed) {
        return Some(country);
    }
    names.folded.get(&fold_name(typed)).copied()
}

/// Every name of every country, as the table writes it and folded.
struct Names {
    exact: HashMap<&'static str, &'static Country>,
    folded: HashMap<String, &'static Country>,
}

/// The language of the memo's languages that most organizations of `typed` write their
/// names in (Spanish for Mexico, English for the United States), if one is.
pub fn language_of(typed: &str) -> Option<Language> {
    find(typed)?.speaks
}

/// The country's canonical name in English ("Mexico" for "méxico" or "Estados Unidos
/// Mexicanos"), when it is in the table: how a country is told apart from another.
pub fn canonical(typed: &str) -> Option<&'static str> {
    name_in(typed, Language::English)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_print_in_the_memo_language_whatever_way_they_were_typed() {
        assert_eq!(name_in("Mexico", Language::Spanish), Some("México"));
        assert_eq!(name_in("méxico", Language::English), Some("Mexico"));
        assert_eq!(name_in("EE. UU.", Language::English), Some("United States"));
        assert_eq!(name_in("USA", Language::Spanish), Some("Estados Unidos"));
        assert_eq!(name_in("  Perú ", Language::English), Some("Peru"));
        assert_eq!(name_in("Atlantis", Language::Spanish), None);
        assert_eq!(name_in("", Language::Spanish), None);
        assert_eq!(canonical("Estados Unidos Mexicanos"), Some("Mexico"));
        assert_eq!(canonical("EE. UU."), Some("United States"));
    }

    /// A name typed as the table writes it is found without folding; that must be the
    /// country its folded form names, so no two countries' names may fold alike.
    #[test]
    fn every_name_as_written_finds_the_country_its_folded_form_finds() {
        let mut checked = 0;
        for country in COUNTRIES {
            for name in [country.english, country.spanish]
                .into_iter()
                .chain(country.aliases.iter().copied())
            {
                let folded = COUNTRIES.iter().filter(|other| {
                    [other.english, other.spanish]
                        .into_iter()
                        .chain(other.aliases.iter().copied())
                        .any(|n| fold_name(n) == fold_name(name))
                });
                let english: Vec<&str> = folded.map(|c| c.english).collect();
                assert_eq!(english, [country.english], "{name:?}");
                // And the name as written is found (without folding) as that country.
                assert_eq!(canonical(name), Some(country.english), "{name:?}");
                checked += 1;
            }
        }
        assert!(checked > 2 * COUNTRIES.len(), "checked {checked} names");
    }
}
