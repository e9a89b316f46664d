//! Inline text of the memo: paragraphs with Markdown emphasis and links (parsed with
//! pulldown-cmark), and name folding for comparing organizations.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// A run of text with one style.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// The link target when the span is (part of) a link.
    pub link: Option<String>,
}

/// Splits `src` into paragraphs (separated by blank lines) of styled spans. Lists keep
/// their markers as text; headings and other blocks become plain paragraphs. A hard
/// line break (two trailing spaces or a backslash) is kept as a `'\n'` in the text.
pub fn paragraphs(src: &str) -> Vec<Vec<Span>> {
    paragraphs_at(src)
        .into_iter()
        .map(|(_, spans)| spans)
        .collect()
}

/// [`paragraphs`], each with the byte offset in `src` where its text starts: the place
/// the editor puts the cursor when a paragraph is clicked on the page.
pub fn paragraphs_at(src: &str) -> Vec<(usize, Vec<Span>)> {
    let mut out: Vec<(usize, Vec<Span>)> = Vec::new();
    let mut start = 0;
    let mut current: Vec<Span> = Vec::new();
    let mut bold = 0_u32;
    let mut italic = 0_u32;
    let mut link: Option<String> = None;
    // Each open list: the next number for ordered lists, None for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();

    let push =
        |current: &mut Vec<Span>, text: &str, bold: u32, italic: u32, link: &Option<String>| {
            let (bold, italic) = (bold > 0, italic > 0);
            if let Some(last) = current.last_mut()
                && last.bold == bold
                && last.italic == italic
                && last.link == *link
            {
                last.text.push_str(text);
                return;
            }
            current.push(Span {
                text: text.to_owned(),
                bold,
                italic,
                link: link.clone(),
            });
        };
    let flush = |current: &mut Vec<Span>, out: &mut Vec<(usize, Vec<Span>)>, start: usize| {
        if current.iter().any(|s| !s.text.trim().is_empty()) {
            out.push((start, std::mem::take(current)));
        } else {
            current.clear();
        }
    };

    for (event, range) in Parser::new_ext(src, Options::ENABLE_STRIKETHROUGH).into_offset_iter() {
        // A paragraph starts where its block does (before any emphasis markers).
        if current.is_empty()
            && matches!(
                event,
                Event::Start(
                    Tag::Paragraph
                        | Tag::Heading { .. }
                        | Tag::BlockQuote(_)
                        | Tag::CodeBlock(_)
                        | Tag::Item
                )
            )
        {
            start = range.start;
        }
        match event {
            // Every block starts and ends a paragraph.
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::BlockQuote(_) | Tag::CodeBlock(_),
            )
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Item,
            ) => {
                flush(&mut current, &mut out, start);
            }
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut out, start);
                let marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = format!("{n}. ");
                        *n = n.saturating_add(1);
                        marker
                    }
                    _ => "\u{2022} ".to_owned(),
                };
                push(&mut current, &marker, bold, italic, &link);
            }
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => link = Some(dest_url.into_string()),
            Event::End(TagEnd::Link) => link = None,
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                // Text inside code blocks keeps its line breaks as spaces: memos have no code.
                let text = text.replace('\n', " ");
                push(&mut current, &text, bold, italic, &link);
            }
            Event::SoftBreak => push(&mut current, " ", bold, italic, &link),
            Event::HardBreak => push(&mut current, "\n", bold, italic, &link),
            _ => {}
        }
    }
    flush(&mut current, &mut out, start);
    out
}

/// The spans of `src` as one paragraph (paragraph breaks become spaces).
pub fn inline(src: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for paragraph in paragraphs(src) {
        if let Some(last) = out.last_mut() {
            last.text.push(' ');
        }
        out.extend(paragraph);
    }
    out
}

/// Every link target in `src`, in order.
pub fn links(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    for event in Parser::new(src) {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            out.push(dest_url.into_string());
        }
    }
    out
}

/// Whether `url` is a link memodraft will print and make clickable: an absolute
/// http, https or mailto URL.
pub fn is_allowed_url(url: &str) -> bool {
    match url::Url::parse(url.trim()) {
        Ok(parsed) => match parsed.scheme() {
            "http" | "https" => parsed.host_str().is_some_and(|h| !h.is_empty()),
            "mailto" => !parsed.path().is_empty(),
            _ => false,
        },
        Err(_) => false,
    }
}

/// Folds an organization name for comparison: accents removed, case folded,
/// punctuation dropped and white space collapsed. "Centro Prodh, A.C." and
/// "centro  prodh ac" fold alike; so do "Juárez" and "Juarez".
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            pending_space = true;
        }
        // Punctuation is dropped without a space: "A.C." folds to "ac".
    }
    out
}

/// The byte offset of char `chars` of `text` (its length past the end). Editors count
/// selections in chars (egui's `CCursor`); find, spelling and Markdown work in bytes.
pub fn byte_index(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// How many chars of `text` come before byte `byte` (0 for a byte inside a char or past
/// the end).
pub fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |s| s.chars().count())
}

/// Characters of the subject a default file name holds at most.
const FILE_NAME_CHARS: usize = 60;

/// The default name, without extension, of what the memo is saved or exported as (PDF,
/// draft, sign-on CSV): the subject's whole words (letters and digits,
/// joined by dashes) as far as they fit in 60 characters, never cut mid-word. With no
/// subject, the draft's own name (`draft_stem`, e.g. "memo-march" for memo-march.ron);
/// with neither, "memo". A first word too long for any file name (over 100 characters)
/// is the one thing cut.
pub fn file_stem(subject: &str, draft_stem: Option<&str>) -> String {
    let mut name = String::new();
    let mut chars = 0;
    for word in subject
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let len = word.chars().count();
        if name.is_empty() {
            name.extend(word.chars().take(100));
            chars = len.min(100);
            continue;
        }
        if chars + 1 + len > FILE_NAME_CHARS {
            break;
        }
        name.push('-');
        name.push_str(word);
        chars += 1 + len;
    }
    if name.is_empty() {
        draft_stem
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or("memo")
            .clone_into(&mut name);
    }
    name
}

#[cfg(test)]
mod tests {
    #[test]
    fn paragraphs_know_where_their_text_starts() {
        let src = "First *para*\ngraph.\n\n\n**Second** one.\n\n- item one\n- item two\n";
        let starts: Vec<usize> = paragraphs_at(src).iter().map(|(at, _)| *at).collect();
        assert_eq!(starts.len(), 4);
        let at = |needle: &str| src.find(needle).unwrap();
        assert_eq!(starts[0], 0);
        assert_eq!(starts[1], at("**Second"));
        assert!(
            src[starts[2]..].starts_with("item one") || src[starts[2]..].starts_with("- item one")
        );
        assert!(
            src[starts[3]..].starts_with("item two") || src[starts[3]..].starts_with("- item two")
        );
        assert_eq!(
            paragraphs(src),
            paragraphs_at(src)
                .into_iter()
                .map(|(_, p)| p)
                .collect::<Vec<_>>()
        );
    }

    use super::*;

    #[test]
    fn file_names_keep_whole_words_of_the_subject() {
        let subject =
            "Condiciones de derechos humanos: evaluación del año fiscal 2026 (Iniciativa Mérida)";
        let name = file_stem(subject, Some("draft"));
        assert_eq!(
            name,
            "Condiciones-de-derechos-humanos-evaluación-del-año-fiscal"
        );
        assert!(name.chars().count() <= 60);
        for word in name.split('-') {
            assert!(
                subject
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == word)
            );
        }
    }

    #[test]
    fn file_names_fall_back_to_the_draft_then_memo() {
        assert_eq!(file_stem(" ?! ", Some("memo-marzo")), "memo-marzo");
        assert_eq!(file_stem("", Some("  ")), "memo");
        assert_eq!(file_stem("", None), "memo");
        let long = "x".repeat(150);
        assert_eq!(file_stem(&long, None).chars().count(), 100);
    }

    #[test]
    fn emphasis_and_links_become_styled_spans() {
        let p = paragraphs("Plain *italic* and **bold** with [a link](https://example.org).");
        assert_eq!(p.len(), 1);
        let spans = &p[0];
        assert!(spans.iter().any(|s| s.italic && s.text == "italic"));
        assert!(spans.iter().any(|s| s.bold && s.text == "bold"));
        let link = spans.iter().find(|s| s.link.is_some()).expect("link span");
        assert_eq!(link.text, "a link");
        assert_eq!(link.link.as_deref(), Some("https://example.org"));
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        let p = paragraphs("First one\ncontinues.\n\nSecond.");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0][0].text, "First one continues.");
    }

    #[test]
    fn folding_ignores_accents_case_and_punctuation() {
        assert_eq!(
            fold_name("Agustín Pro Juárez, A.C."),
            fold_name("AGUSTIN PRO JUAREZ AC")
        );
        assert_ne!(fold_name("Tlachinollan"), fold_name("Tlachinolan"));
    }

    #[test]
    fn only_web_and_mail_links_are_allowed() {
        assert!(is_allowed_url("https://example.org/report"));
        assert!(is_allowed_url("mailto:press@example.org"));
        assert!(!is_allowed_url("file:///etc/passwd"));
        assert!(!is_allowed_url("javascript:alert(1)"));
        assert!(!is_allowed_url("example.org"));
    }
}
