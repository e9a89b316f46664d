//! Text from outside the drafting team (a public sign-on form), made safe to keep and to
//! print: one line, no invisible characters that make one name look like another or
//! reorder what is printed, composed accents; and the checks a row must pass.

use std::fmt;

use unicode_bidi::{BidiClass, bidi_class};
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use super::fold_name;

/// The longest organization name accepted from a sign-on list, in characters. The
/// longest real names run to about 150 ("Colectivo de Familias de Personas Desaparecidas
/// ... A.C."); twice that is a paste of something else, or an attack on the layout.
pub const MAX_ORGANIZATION_CHARS: usize = 300;

/// A cell's text after [`clean`], and what was taken out of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    pub removed: Removed,
}

/// The characters cleaning removed, each once, in the order first seen, with how many.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Removed(pub Vec<(char, usize)>);

impl Removed {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn add(&mut self, c: char) {
        match self.0.iter_mut().find(|(seen, _)| *seen == c) {
            Some((_, n)) => *n += 1,
            None => self.0.push((c, 1)),
        }
    }
}

/// "U+202E (bidi control), U+200D (zero-width) x3".
impl fmt::Display for Removed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, &(c, n)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "U+{:04X} ({})", u32::from(c), kind(c))?;
            if n > 1 {
                write!(f, " x{n}")?;
            }
        }
        Ok(())
    }
}

/// Cleans one field of a signatory that came from outside: line breaks, tabs and runs
/// of spaces become one space (typing accidents, not content); control characters,
/// bidi overrides and isolates, zero-width characters and every other invisible
/// formatting character (general categories Cc and Cf, private-use and unassigned code
/// points, the Hangul fillers) are removed and listed, except a zero-width non-joiner or
/// joiner between two Arabic-script letters, which is spelling; the rest is composed
/// (NFC), so "Juárez" typed as a + combining accent is the "Juárez" of the list.
/// Cleaning twice changes nothing.
pub fn clean(value: &str) -> Cleaned {
    let mut removed = Removed::default();
    let chars: Vec<char> = value.chars().collect();
    let visible: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            let hidden = !c.is_whitespace() && is_hidden(c) && !is_spelling(&chars, i);
            if hidden {
                removed.add(c);
            }
            !hidden
        })
        .map(|(_, &c)| c)
        .collect();
    let text = visible
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .nfc()
        .collect();
    Cleaned { text, removed }
}

/// A character that prints as nothing (or as a box) or that changes how the text
/// around it is ordered or joined.
fn is_hidden(c: char) -> bool {
    matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::PrivateUse
            | GeneralCategory::Unassigned
            | GeneralCategory::Surrogate
    )
    // Letters by category, but blank: the Hangul fillers, a known way to fake a name.
        || matches!(c, '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}')
}

/// Whether the zero-width non-joiner or joiner at `chars[i]` is part of how a word is
/// spelt: between two letters of the Arabic script, where it decides whether they join
/// (Persian writes "حقوق‌بشر" with a non-joiner; without it the letters join into
/// another spelling). Elsewhere it changes nothing a reader sees and is removed.
fn is_spelling(chars: &[char], i: usize) -> bool {
    let arabic_letter = |c: &char| c.is_alphabetic() && bidi_class(*c) == BidiClass::AL;
    // A letter's vowel marks (kasra, shadda) come between it and the non-joiner.
    let mark = |c: &&char| c.general_category() == GeneralCategory::NonspacingMark;
    let before = chars
        .get(..i)
        .unwrap_or_default()
        .iter()
        .rev()
        .find(|c| !mark(c));
    let after = chars
        .get(i + 1..)
        .unwrap_or_default()
        .iter()
        .find(|c| !mark(c));
    matches!(chars.get(i), Some('\u{200C}' | '\u{200D}'))
        && before.is_some_and(arabic_letter)
        && after.is_some_and(arabic_letter)
}

/// What a removed character was, for the report.
fn kind(c: char) -> &'static str {
    match c {
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => "bidi control",
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => "zero-width",
        c if c.is_control() => "control character",
        _ => "invisible",
    }
}

/// Whether `email` reads as an address: one `@` with something before it, a domain
/// with a dot inside it after it, and no spaces or characters that address lists use
/// as separators. Deliverability is the mail server's business.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let forbidden = |c: char| c.is_whitespace() || c.is_control() || "@,;<>\"()[]\\".contains(c);
    !local.is_empty()
        && !local.contains(forbidden)
        && !domain.contains(forbidden)
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
}

/// An email cell that says there is no email: "n/a", "-", "none", "ninguno".
pub fn is_no_email(email: &str) -> bool {
    matches!(
        fold_name(email).as_str(),
        "" | "na" | "none" | "ninguno" | "ninguna"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spoofing_characters_are_removed_and_named() {
        // "Centro Prodh" with a right-to-left override that would print "hdorP ortneC".
        let c = clean("Centro \u{202E}Prodh\u{202C}");
        assert_eq!(c.text, "Centro Prodh");
        assert_eq!(
            c.removed.to_string(),
            "U+202E (bidi control), U+202C (bidi control)"
        );
        let c = clean("Fun\u{200D}dar\u{200B}\u{200B} \u{2067}x\u{2069}\u{0007}");
        assert_eq!(c.text, "Fundar x");
        assert_eq!(
            c.removed.to_string(),
            "U+200D (zero-width), U+200B (zero-width) x2, U+2067 (bidi control), \
             U+2069 (bidi control), U+0007 (control character)"
        );
        assert_eq!(clean("\u{3164}").text, "", "a Hangul filler is not a name");
    }

    #[test]
    fn a_persian_names_non_joiner_between_its_letters_is_kept() {
        // "Defenders of Human Rights Centre": the non-joiner keeps حقوق and بشر unjoined.
        let name = "کانون مدافعان حقوق\u{200C}بشر";
        let c = clean(name);
        assert_eq!(c.text, name);
        assert!(c.removed.is_empty(), "{}", c.removed);
        // At the edge of a word, or between Latin letters, it only hides: removed.
        let c = clean("\u{200C}حقوق\u{200C} Fun\u{200C}dar");
        assert_eq!(c.text, "حقوق Fundar");
        assert_eq!(c.removed.to_string(), "U+200C (zero-width) x3");
        assert_eq!(
            clean(&clean(name).text).text,
            name,
            "cleaning twice changes nothing"
        );
        // After a letter with its vowel mark (kasra) too.
        let marked = "حقوقِ\u{200C}بشر";
        assert_eq!(clean(marked).text, marked);
    }

    #[test]
    fn white_space_is_one_space_and_accents_are_composed_without_a_report() {
        let c = clean("  Centro\tJua\u{301}rez\r\n\u{A0}A.C. ");
        assert_eq!(c.text, "Centro Juárez A.C.");
        assert!(c.removed.is_empty());
        assert_eq!(clean(&c.text), c, "cleaning twice changes nothing");
    }

    #[test]
    fn emails_are_addresses() {
        for good in ["ana@prodh.example.org", "a.b+memo@x.mx"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "ana",
            "ana@",
            "@x.org",
            "ana@localhost",
            "ana@x..org",
            "ana maria@x.org",
            "a@b@x.org",
            "Ana <ana@x.org>",
            "ana@x.org, luis@x.org",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(is_no_email("N/A") && is_no_email("-") && !is_no_email("ana"));
    }
}
