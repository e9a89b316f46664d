//! Ctrl+B, Ctrl+I and Ctrl+K on a selection in a text field: the Markdown edits that make
//! (or unmake) bold, italic and links, as pure functions over the text and a selection
//! counted in chars (as egui's `CCursor` counts). No egui here.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::text::{byte_index, char_index, inline};

/// A field's text after an edit and the selection to show, in chars.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edited {
    pub text: String,
    pub selection: Range<usize>,
}

/// The two kinds of emphasis the draft's Markdown prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emphasis {
    /// `**bold**` (Ctrl+B).
    Bold,
    /// `*italic*` (Ctrl+I).
    Italic,
}

impl Emphasis {
    fn marker(self) -> &'static str {
        match self {
            Self::Bold => "**",
            Self::Italic => "*",
        }
    }

    /// Whether runs of `before` and `after` delimiter characters around a text make it
    /// this emphasis (`***x***` is both).
    fn runs_match(self, before: usize, after: usize) -> bool {
        match self {
            Self::Bold => before >= 2 && after >= 2,
            Self::Italic => before % 2 == 1 && after % 2 == 1,
        }
    }

    /// Whether every printed span of `src` has this emphasis.
    fn covers(self, src: &str) -> bool {
        inline(src)
            .iter()
            .filter(|s| !s.text.trim().is_empty())
            .all(|s| match self {
                Self::Bold => s.bold,
                Self::Italic => s.italic,
            })
    }
}

/// Ctrl+B / Ctrl+I: makes the selected words bold or italic, or plain again when they
/// already are (the selection may be just inside the markers or include them).
///
/// The markers hug the words: spaces at the edges of the selection stay outside, since
/// `** bold**` is not bold in Markdown. A selection over several paragraphs marks each
/// paragraph. An empty selection inserts a pair of markers with the cursor between them
/// (or removes such an empty pair), so typing continues in bold or italics.
pub fn toggle_emphasis(text: &str, selection: Range<usize>, emphasis: Emphasis) -> Edited {
    let bytes = byte_range(text, &selection);
    let inner = tight(text, bytes.clone());
    let pieces = paragraph_pieces(text, inner.clone());
    let n = emphasis.marker().len();

    if pieces.len() > 1 {
        let all_marked = pieces
            .iter()
            .all(|p| inside_markers(text, p, emphasis).is_some());
        let mut out = String::with_capacity(text.len() + pieces.len() * 2 * n);
        let mut copied = 0;
        let mut first = None;
        for piece in &pieces {
            out.push_str(&text[copied..piece.start]);
            first.get_or_insert(out.len());
            let words = &text[piece.clone()];
            match (all_marked, inside_markers(text, piece, emphasis)) {
                (true, Some((lead, trail))) => {
                    out.push_str(&words[..lead - n]);
                    out.push_str(&words[lead..words.len() - trail]);
                    out.push_str(&words[words.len() - trail + n..]);
                }
                (false, None) => {
                    out.push_str(emphasis.marker());
                    out.push_str(words);
                    out.push_str(emphasis.marker());
                }
                _ => out.push_str(words),
            }
            copied = piece.end;
        }
        let last = out.len();
        out.push_str(&text[copied..]);
        return edited(out, first.unwrap_or(last)..last);
    }

    // The selection includes the markers: `**bold**` selected.
    if let Some((lead, trail)) = inside_markers(text, &inner, emphasis) {
        let mut out = text.to_owned();
        out.replace_range(inner.end - trail..inner.end - trail + n, "");
        out.replace_range(inner.start + lead - n..inner.start + lead, "");
        return edited(out, inner.start..inner.end - 2 * n);
    }
    // The markers are just outside the selection: `bold` selected in `**bold**`.
    let before = run_before(text, inner.start);
    let after = run_after(text, inner.end);
    if let (Some((c, nb)), Some((d, na))) = (before, after)
        && c == d
        && emphasis.runs_match(nb, na)
        && emphasis.covers(&text[inner.start - nb..inner.end + na])
    {
        let mut out = text.to_owned();
        out.replace_range(inner.end..inner.end + n, "");
        out.replace_range(inner.start - n..inner.start, "");
        return edited(out, inner.start - n..inner.end - n);
    }
    let mut out = text.to_owned();
    out.insert_str(inner.end, emphasis.marker());
    out.insert_str(inner.start, emphasis.marker());
    edited(out, inner.start + n..inner.end + n)
}

/// Ctrl+K: makes the selected words a link to `url`, as `[words](url)`. On an existing
/// link (the selection inside it) it changes the link's address, or removes the link and
/// keeps its words when `url` is empty. With nothing selected the address itself becomes
/// the link's words, selected so that typing replaces them.
///
/// Spaces, parentheses and angle brackets in `url` are percent-encoded so the Markdown
/// stays a link. Whether the address is one memodraft prints is for `Memo::check_on`.
pub fn make_link(text: &str, selection: Range<usize>, url: &str) -> Edited {
    let bytes = byte_range(text, &selection);
    let inner = tight(text, bytes.clone());
    let url = url.trim();
    let dest = encode_destination(url);

    if let Some((link, words)) = link_around(text, &inner) {
        let mut out = text.to_owned();
        if url.is_empty() {
            let kept = text[words.clone()].to_owned();
            out.replace_range(link.clone(), &kept);
            return edited(out, link.start..link.start + kept.len());
        }
        let replacement = format!("[{}]({dest})", &text[words.clone()]);
        out.replace_range(link.clone(), &replacement);
        return edited(
            out,
            link.start + 1..link.start + 1 + (words.end - words.start),
        );
    }
    if url.is_empty() {
        return edited(text.to_owned(), bytes);
    }
    let words = if inner.is_empty() {
        url
    } else {
        &text[inner.clone()]
    };
    let replacement = format!("[{words}]({dest})");
    let mut out = text.to_owned();
    out.replace_range(inner.clone(), &replacement);
    edited(out, inner.start + 1..inner.start + 1 + words.len())
}

/// Builds the result, turning a byte selection into chars.
fn edited(text: String, bytes: Range<usize>) -> Edited {
    let selection = char_index(&text, bytes.start)..char_index(&text, bytes.end);
    Edited { text, selection }
}

/// The byte range of a char selection, ordered (egui's cursors may be reversed) and
/// clamped to the text.
fn byte_range(text: &str, selection: &Range<usize>) -> Range<usize> {
    let (a, b) = if selection.start <= selection.end {
        (selection.start, selection.end)
    } else {
        (selection.end, selection.start)
    };
    byte_index(text, a)..byte_index(text, b)
}

/// The range without white space at either edge (an all-space range shrinks to its start).
fn tight(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    if start >= end {
        range.start..range.start
    } else {
        start..end
    }
}

/// The paragraphs (runs of lines without a blank one) inside `range`, each tight.
fn paragraph_pieces(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut piece_start = range.start;
    let mut line_start = range.start;
    let slice = text.get(range.clone()).unwrap_or_default();
    for (i, c) in slice.char_indices() {
        if c != '\n' {
            continue;
        }
        let at = range.start + i;
        if text[line_start..at].trim().is_empty() && line_start > piece_start {
            let piece = tight(text, piece_start..line_start);
            if !piece.is_empty() {
                pieces.push(piece);
            }
            piece_start = at;
        }
        line_start = at + 1;
    }
    let last = tight(text, piece_start..range.end);
    if !last.is_empty() || pieces.is_empty() {
        pieces.push(last);
    }
    pieces
}

/// When `range` starts and ends with delimiter runs that make its contents `emphasis`,
/// the lengths of the two runs.
fn inside_markers(text: &str, range: &Range<usize>, emphasis: Emphasis) -> Option<(usize, usize)> {
    let slice = text.get(range.clone())?;
    let c = slice.chars().next().filter(|c| matches!(c, '*' | '_'))?;
    let lead = slice.len() - slice.trim_start_matches(c).len();
    let trail = slice.len() - slice.trim_end_matches(c).len();
    (lead + trail < slice.len() && emphasis.runs_match(lead, trail) && emphasis.covers(slice))
        .then_some((lead, trail))
}

/// The delimiter character and the length of its run ending at `at`.
fn run_before(text: &str, at: usize) -> Option<(char, usize)> {
    let before = text.get(..at)?;
    let c = before
        .chars()
        .next_back()
        .filter(|c| matches!(c, '*' | '_'))?;
    Some((c, before.len() - before.trim_end_matches(c).len()))
}

/// The delimiter character and the length of its run starting at `at`.
fn run_after(text: &str, at: usize) -> Option<(char, usize)> {
    let after = text.get(at..)?;
    let c = after.chars().next().filter(|c| matches!(c, '*' | '_'))?;
    Some((c, after.len() - after.trim_start_matches(c).len()))
}

/// The link whose source contains `range`: its whole source and the source of its words.
fn link_around(text: &str, range: &Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
    let mut open: Option<(Range<usize>, Option<Range<usize>>)> = None;
    for (event, source) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { .. }) => open = Some((source, None)),
            Event::End(TagEnd::Link) => {
                let (link, words) = open.take()?;
                if link.start <= range.start && range.end <= link.end {
                    let words = words.unwrap_or(link.start + 1..link.start + 1);
                    return Some((link, words));
                }
            }
            _ => {
                if let Some((_, words)) = open.as_mut() {
                    let w = words.get_or_insert(source.clone());
                    w.start = w.start.min(source.start);
                    w.end = w.end.max(source.end);
                }
            }
        }
    }
    None
}

/// `url` as a Markdown link destination: the characters that would end or break one are
/// percent-encoded.
fn encode_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::{Span, inline};

    fn chars(text: &str, word: &str) -> Range<usize> {
        let start = text[..text.find(word).expect("word in text")]
            .chars()
            .count();
        start..start + word.chars().count()
    }

    fn span<'a>(spans: &'a [Span], text: &str) -> &'a Span {
        spans
            .iter()
            .find(|s| s.text == text)
            .unwrap_or_else(|| panic!("no span {text:?} in {spans:#?}"))
    }

    fn selected(e: &Edited) -> String {
        e.text
            .chars()
            .skip(e.selection.start)
            .take(e.selection.end - e.selection.start)
            .collect()
    }

    #[test]
    fn bold_and_italic_wrap_the_words_and_parse_as_emphasis() {
        let text = "Las madres de Iguala exigen respuestas.";
        let bold = toggle_emphasis(text, chars(text, "madres"), Emphasis::Bold);
        assert_eq!(bold.text, "Las **madres** de Iguala exigen respuestas.");
        assert_eq!(selected(&bold), "madres");
        assert!(span(&inline(&bold.text), "madres").bold);

        let italic = toggle_emphasis(&bold.text, chars(&bold.text, "Iguala"), Emphasis::Italic);
        let spans = inline(&italic.text);
        assert!(span(&spans, "Iguala").italic && !span(&spans, "Iguala").bold);
    }

    #[test]
    fn toggling_twice_gives_back_the_text() {
        let text = "Él dijo: «¿dónde están?» y nadie respondió.";
        for word in ["Él", "dónde están", "«¿dónde están?»", "respondió."] {
            for emphasis in [Emphasis::Bold, Emphasis::Italic] {
                let on = toggle_emphasis(text, chars(text, word), emphasis);
                assert_eq!(selected(&on), word);
                let off = toggle_emphasis(&on.text, on.selection.clone(), emphasis);
                assert_eq!(off.text, text, "{word} {emphasis:?}");
                assert_eq!(off.selection, chars(text, word));
            }
        }
    }

    #[test]
    fn a_selection_including_the_markers_toggles_off() {
        let text = "a **strong** word";
        let off = toggle_emphasis(text, chars(text, "**strong**"), Emphasis::Bold);
        assert_eq!(off.text, "a strong word");
        assert_eq!(selected(&off), "strong");
        // Italic on a bold word adds italics instead of unmaking the bold.
        let both = toggle_emphasis(text, chars(text, "strong"), Emphasis::Italic);
        assert_eq!(both.text, "a ***strong*** word");
        let spans = inline(&both.text);
        assert!(span(&spans, "strong").bold && span(&spans, "strong").italic);
        let italic = toggle_emphasis(&both.text, both.selection.clone(), Emphasis::Bold);
        assert_eq!(italic.text, "a *strong* word");
        let back = toggle_emphasis(&both.text, both.selection, Emphasis::Italic);
        assert_eq!(back.text, text);
    }

    #[test]
    fn two_separate_emphases_are_not_taken_for_one() {
        // Starts and ends with a star, but the middle is plain: not one italic to undo.
        let text = "*a* and *b*";
        let e = toggle_emphasis(text, 0..text.chars().count(), Emphasis::Italic);
        assert_ne!(e.text, "a* and *b");
        assert!(
            e.text.contains("*a*") && e.text.contains("*b*"),
            "{}",
            e.text
        );
    }

    #[test]
    fn spaces_at_the_edges_stay_outside_the_markers() {
        let text = "the  urgent  case";
        let sel = chars(text, " urgent ");
        let on = toggle_emphasis(text, sel, Emphasis::Italic);
        assert_eq!(on.text, "the  *urgent*  case");
        assert!(span(&inline(&on.text), "urgent").italic);
    }

    #[test]
    fn an_empty_selection_inserts_a_pair_with_the_cursor_inside() {
        let text = "añadir  aquí";
        let at = chars(text, " aquí").start;
        let on = toggle_emphasis(text, at..at, Emphasis::Bold);
        assert_eq!(on.text, "añadir **** aquí");
        assert_eq!(on.selection, at + 2..at + 2);
        let off = toggle_emphasis(&on.text, on.selection, Emphasis::Bold);
        assert_eq!(off.text, text);
        assert_eq!(off.selection, at..at);
    }

    #[test]
    fn each_paragraph_of_a_long_selection_is_marked() {
        let text = "One para.\n\nTwo para.";
        let all = 0..text.chars().count();
        let on = toggle_emphasis(text, all.clone(), Emphasis::Bold);
        assert_eq!(on.text, "**One para.**\n\n**Two para.**");
        assert!(
            crate::model::text::paragraphs(&on.text)
                .iter()
                .flatten()
                .all(|s| s.bold)
        );
        assert_eq!(on.selection, 0..on.text.chars().count());
        let off = toggle_emphasis(&on.text, on.selection, Emphasis::Bold);
        assert_eq!(off.text, text);
        assert_eq!(off.selection, all);
    }

    #[test]
    fn reversed_and_overlong_selections_are_ordered_and_clamped() {
        let text = "über";
        #[allow(clippy::reversed_empty_ranges)] // a selection made leftwards
        let on = toggle_emphasis(text, 99..0, Emphasis::Italic);
        assert_eq!(on.text, "*über*");
        assert_eq!(on.selection, 1..5);
    }

    #[test]
    fn links_wrap_the_words_and_edit_or_remove_an_existing_link() {
        let text = "Read the report now.";
        let linked = make_link(text, chars(text, "the report "), "https://example.org/a b");
        assert_eq!(
            linked.text,
            "Read [the report](https://example.org/a%20b) now."
        );
        assert_eq!(selected(&linked), "the report");
        let spans = inline(&linked.text);
        assert_eq!(
            span(&spans, "the report").link.as_deref(),
            Some("https://example.org/a%20b")
        );

        let moved = make_link(
            &linked.text,
            linked.selection.clone(),
            "https://example.org/b",
        );
        assert_eq!(moved.text, "Read [the report](https://example.org/b) now.");
        let removed = make_link(&moved.text, moved.selection, "");
        assert_eq!(removed.text, text);
        assert_eq!(selected(&removed), "the report");
    }

    #[test]
    fn a_link_with_nothing_selected_shows_its_address() {
        let text = "Contacto: ";
        let end = text.chars().count();
        let e = make_link(text, end..end, "mailto:prensa@ejemplo.org");
        assert_eq!(
            e.text,
            "Contacto: [mailto:prensa@ejemplo.org](mailto:prensa@ejemplo.org)"
        );
        assert_eq!(selected(&e), "mailto:prensa@ejemplo.org");
    }
}
