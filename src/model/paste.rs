//! Pasted text, cleaned as a word processor's "paste as text" would: the invisible and
//! odd characters that Word, PDFs and web pages carry along are normalised away while
//! paragraphs are kept. Pure string work; the editor calls it on the clipboard text.

use unicode_normalization::UnicodeNormalization;

/// Cleans text pasted from a word processor, a PDF or a web page so that it reads as the
/// user saw it and parses as the draft's paragraphs:
///
/// - Windows (`\r\n`) and old Mac (`\r`) line endings, line and paragraph separators,
///   vertical tabs and form feeds become `\n`;
/// - non-breaking, narrow, figure, ideographic and other Unicode spaces and tabs become
///   plain spaces, and a run of spaces becomes one;
/// - zero-width spaces, word joiners, byte-order marks, soft hyphens and control
///   characters are removed (zero-width joiners stay: emoji and some scripts need them);
/// - each line loses its leading and trailing white space, and a run of blank lines
///   becomes one blank line (a paragraph break); blank lines at either end go;
/// - accents typed as a letter plus a combining mark are composed (NFC), so that the
///   pasted "México" is found by a search for the typed one.
///
/// Every other character is kept, bullets included. Cleaning twice changes nothing.
pub fn clean_paste(text: &str) -> String {
    let mut flat = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                // "\r\n" is one line ending, not two.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                flat.push('\n');
            }
            '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' => flat.push('\n'),
            '\u{2029}' => flat.push_str("\n\n"),
            c if c.is_whitespace() => flat.push(' '),
            c if is_invisible(c) => {}
            c => flat.push(c),
        }
    }
    let composed: String = flat.nfc().collect();

    let mut out = String::with_capacity(composed.len());
    let mut blank_pending = false;
    for line in composed.split('\n') {
        let line = line.split(' ').filter(|w| !w.is_empty());
        let mut words = line.peekable();
        if words.peek().is_none() {
            blank_pending = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_pending { "\n\n" } else { "\n" });
        }
        blank_pending = false;
        for (i, word) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// Characters that print as nothing (or as a box) and that a paste removes.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'        // soft hyphen
        | '\u{180E}'    // Mongolian vowel separator, once a space
        | '\u{200B}'    // zero-width space
        | '\u{2060}'    // word joiner
        | '\u{FEFF}' // byte-order mark / zero-width no-break space
    ) || (c.is_control() && !c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn word_paste_becomes_plain_paragraphs() {
        let pasted = "  First\u{A0}line of\tthe\u{200B} first para\u{AD}graph.  \r\n\
                      second line\u{202F}here\r\n\r\n\r\n \t \r\n\
                      \u{2022} A bullet\u{2003}stays\r\n";
        assert_eq!(
            clean_paste(pasted),
            "First line of the first paragraph.\nsecond line here\n\n\u{2022} A bullet stays"
        );
    }

    #[test]
    fn separators_and_old_mac_endings_are_line_breaks() {
        assert_eq!(clean_paste("a\rb\u{2028}c\u{2029}d"), "a\nb\nc\n\nd");
        assert_eq!(clean_paste("\u{FEFF}\n\nx\n\n"), "x");
    }

    #[test]
    fn decomposed_accents_are_composed_and_joiners_kept() {
        assert_eq!(clean_paste("Me\u{301}xico"), "México");
        let family = "\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(clean_paste(family), family);
    }

    fn non_space(s: &str) -> String {
        s.nfc().filter(|c| !c.is_whitespace()).collect()
    }

    /// Text with many of the characters that cleaning treats specially.
    fn pasted() -> impl Strategy<Value = String> {
        let tricky = prop::sample::select(vec![
            '\r', '\n', '\t', ' ', '\u{A0}', '\u{AD}', '\u{200B}', '\u{2029}', '\u{301}', '\u{7}',
            'e', '.',
        ]);
        prop::collection::vec(prop_oneof![1 => any::<char>(), 3 => tricky], 0..60)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #[test]
        fn cleaning_is_idempotent(s in pasted()) {
            let once = clean_paste(&s);
            prop_assert_eq!(clean_paste(&once), once.clone());
        }

        #[test]
        fn only_spaces_and_invisibles_are_lost(s in pasted()) {
            let kept: String = s.chars().filter(|c| !is_invisible(*c)).collect();
            prop_assert_eq!(non_space(&clean_paste(&s)), non_space(&kept));
        }
    }
}
