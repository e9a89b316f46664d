//! Typographic quotes and apostrophes for printing: "..." as “...” and prosecutor's as
//! prosecutor’s. A pure transform of printed text that layout applies on its way to line
//! breaking; the draft keeps what the author typed, so find, replace and spelling never
//! see these characters.

use std::borrow::Cow;

use super::Language;

/// The quotation marks a language prints: (opening, closing) double and single.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marks {
    pub double: (char, char),
    pub single: (char, char),
}

/// English writes “...” and ‘...’. Spanish as Mexico writes it, which is how the
/// coalition's Spanish memos are written, uses the same marks; the RAE's «...» is not
/// used, so a quotation reads alike in both languages of one memo.
pub fn marks(language: Language) -> Marks {
    match language {
        Language::English | Language::Spanish => Marks {
            double: ('\u{201C}', '\u{201D}'),
            single: ('\u{2018}', '\u{2019}'),
        },
    }
}

/// The apostrophe: the closing single quote.
const APOSTROPHE: char = '\u{2019}';

/// `text` with straight quotes `"` and `'` replaced by the typographic marks of
/// `language`; `before` is the character printed just before `text` (the end of the
/// previous piece of the paragraph), `None` at its start. Nothing else changes and every
/// quote stays one character, so the text keeps its length in characters. A `'` after a
/// letter or digit is always an apostrophe or a closing quote (don't, O'Brien, the
/// prosecutors'), before a digit after a space an apostrophe ('90s); addresses (http://,
/// https://, mailto:, www.) are left as typed.
pub fn typographic_quotes(text: &str, before: Option<char>, language: Language) -> Cow<'_, str> {
    if !text.contains(['"', '\'']) {
        return Cow::Borrowed(text);
    }
    let marks = marks(language);
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev = before;
    for token in text.split_inclusive(char::is_whitespace) {
        // Most words hold no quote: kept as they are, without looking for an address.
        if !token.contains(['"', '\'']) {
            out.push_str(token);
            prev = token.chars().next_back().or(prev);
            continue;
        }
        let (keep_from, keep_to) = address_range(token);
        let mut chars = token.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let printed = if (keep_from..keep_to).contains(&i) {
                c
            } else {
                match c {
                    '"' if opens(prev) => marks.double.0,
                    '"' => marks.double.1,
                    '\'' if prev.is_some_and(char::is_alphanumeric) => APOSTROPHE,
                    '\'' if opens(prev) && next.is_some_and(|n| n.is_ascii_digit()) => APOSTROPHE,
                    '\'' if opens(prev) => marks.single.0,
                    '\'' => marks.single.1,
                    other => other,
                }
            };
            out.push(printed);
            prev = Some(printed);
        }
    }
    Cow::Owned(out)
}

/// Whether a quote after `prev` opens a quotation: at the start, after a space, an
/// opening bracket or quote, a dash or a slash.
fn opens(prev: Option<char>) -> bool {
    prev.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '['
                    | '{'
                    | '\u{201C}'
                    | '\u{2018}'
                    | '\u{AB}'
                    | '\u{2014}'
                    | '\u{2013}'
                    | '-'
                    | '/'
                    | '\u{BF}'
                    | '\u{A1}'
            )
    })
}

/// The byte range of `token` that is a web or mail address, to leave as typed: from
/// where it starts to its end, less the punctuation that closes a sentence or a quote.
/// An empty range when the token holds no address.
fn address_range(token: &str) -> (usize, usize) {
    let lower = token.to_ascii_lowercase();
    let Some(start) = ["http://", "https://", "mailto:", "www."]
        .iter()
        .filter_map(|scheme| lower.find(scheme))
        .min()
    else {
        return (0, 0);
    };
    let end = token
        .trim_end()
        .trim_end_matches(['"', '\'', '.', ',', ';', ':', '!', '?', ')', ']'])
        .len();
    (start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn en(text: &str) -> String {
        typographic_quotes(text, None, Language::English).into_owned()
    }

    #[test]
    fn apostrophes_inside_and_after_words_are_closing_quotes() {
        assert_eq!(en("the prosecutor's office"), "the prosecutor’s office");
        assert_eq!(en("don't, O'Brien"), "don’t, O’Brien");
        assert_eq!(en("the prosecutors' offices"), "the prosecutors’ offices");
        assert_eq!(en("since the '90s"), "since the ’90s");
    }

    #[test]
    fn quotations_open_and_close() {
        assert_eq!(
            en(r#"he said "no" and 'never'."#),
            "he said “no” and ‘never’."
        );
        assert_eq!(en(r#"("quoted")"#), "(“quoted”)");
        assert_eq!(en(r#""'Tis," she said"#), "“‘Tis,” she said");
        assert_eq!(
            typographic_quotes(r#""¿Dónde están?" preguntó"#, None, Language::Spanish),
            "“¿Dónde están?” preguntó"
        );
    }

    #[test]
    fn the_piece_before_decides_how_a_quote_at_the_start_reads() {
        // `*don*'t`: the apostrophe starts the next piece, after the letter n.
        assert_eq!(typographic_quotes("'t", Some('n'), Language::English), "’t");
        assert_eq!(
            typographic_quotes("\" closes", Some('d'), Language::English),
            "” closes"
        );
    }

    #[test]
    fn addresses_are_left_as_typed() {
        assert_eq!(
            en(r#"see "https://example.org/o'brien?q=1" now"#),
            "see “https://example.org/o'brien?q=1” now"
        );
        assert_eq!(
            en("mailto:o'brien@example.org isn't"),
            "mailto:o'brien@example.org isn’t"
        );
    }

    #[test]
    fn text_without_straight_quotes_is_not_copied() {
        assert!(matches!(
            typographic_quotes("plain — text", None, Language::English),
            Cow::Borrowed(_)
        ));
    }

    proptest! {
        #[test]
        fn only_quotes_change_and_the_length_in_characters_stays(
            text in "[a-zA-Z0-9 '\"().,:/é—-]{0,60}",
            before in proptest::option::of("[a-z '\"]".prop_map(|s| s.chars().next().unwrap_or(' '))),
            spanish in any::<bool>(),
        ) {
            let language = if spanish { Language::Spanish } else { Language::English };
            let out = typographic_quotes(&text, before, language);
            prop_assert_eq!(out.chars().count(), text.chars().count());
            let mut prev = before;
            for (a, b) in text.chars().zip(out.chars()) {
                if a == b {
                    let address = ["://", "www.", "mailto:"].iter().any(|a| text.contains(a));
                    prop_assert!(!matches!(a, '"' | '\'') || address, "{a:?} left straight");
                } else {
                    prop_assert!(matches!(a, '"' | '\''), "{a:?} became {b:?}");
                    prop_assert!(matches!(b, '“' | '”' | '‘' | '’'), "{a:?} became {b:?}");
                }
                // A straight ' right after a letter or digit never opens a quotation.
                if a == '\'' && prev.is_some_and(char::is_alphanumeric) {
                    prop_assert_eq!(b, '\u{2019}');
                }
                prev = Some(b);
            }
        }
    }
}
