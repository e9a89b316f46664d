//! Country names as each language prints them: a signatory typed as "Mexico" prints as
//! "México" in the Spanish memo, and "EE. UU." as "United States" in the English one.
//! Countries not in the table print as typed.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{Language, fold_name};

/// One country: its English and Spanish names, then other ways people type it.
struct Country {
    english: &'static str,
    spanish: &'static str,
    aliases: &'static [&'static str],
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
    }
}

/// The countries of the Americas and of the coalition's usual partners in Europe.
const COUNTRIES: &[Country] = &[
    c("Mexico", "México", &["Mejico", "Estados Unidos Mexicanos"]),
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
        ],
    ),
    c("Canada", "Canadá", &[]),
    c("Guatemala", "Guatemala", &[]),
    c("Honduras", "Honduras", &[]),
    c("El Salvador", "El Salvador", &[]),
    c("Nicaragua", "Nicaragua", &[]),
    c("Costa Rica", "Costa Rica", &[]),
    c("Panama", "Panamá", &[]),
    c("Belize", "Belice", &[]),
    c("Cuba", "Cuba", &[]),
    c("Dominican Republic", "República Dominicana", &[]),
    c("Haiti", "Haití", &[]),
    c("Puerto Rico", "Puerto Rico", &[]),
    c("Colombia", "Colombia", &[]),
    c("Venezuela", "Venezuela", &[]),
    c("Ecuador", "Ecuador", &[]),
    c("Peru", "Perú", &[]),
    c("Bolivia", "Bolivia", &[]),
    c("Brazil", "Brasil", &[]),
    c("Paraguay", "Paraguay", &[]),
    c("Uruguay", "Uruguay", &[]),
    c("Argentina", "Argentina", &[]),
    c("Chile", "Chile", &[]),
    c("Spain", "España", &[]),
    c(
        "United Kingdom",
        "Reino Unido",
        &["UK", "U.K.", "Great Britain"],
    ),
    c("Ireland", "Irlanda", &[]),
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
    // Folded once: the Spanish memo of 1,000 signatories looks up 1,000 countries.
    static BY_NAME: OnceLock<HashMap<String, &'static Country>> = OnceLock::new();
    let by_name = BY_NAME.get_or_init(|| {
        COUNTRIES
            .iter()
            .flat_map(|c| {
                [c.english, c.spanish]
                    .into_iter()
                    .chain(c.aliases.iter().copied())
                    .map(move |name| (fold_name(name), c))
            })
            .collect()
    });
    by_name.get(&fold_name(typed)).copied()
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
}
