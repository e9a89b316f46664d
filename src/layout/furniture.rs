//! Page furniture: the running header from page 2 on, the letterhead's footer line and the
//! "Page X of Y" line.

use super::{
    Adjust, Color, Document, Face, Fonts, Geometry, Inline, Item, Memo, Part, Point, Pt, Rule,
    Styles, Tag, TextRun,
};

/// Running headers on pages 2+, the footer line and "Page X of Y" on every page.
pub(super) fn furniture(
    document: &mut Document,
    memo: &Memo,
    fonts: &Fonts,
    g: &Geometry,
    s: &Styles,
) {
    let total = document.pages.len();
    let (page_word, of_word) = memo.language.labels().page_of;
    let size = s.note;
    let date = memo
        .date
        .map(|d| memo.language.format_date(d))
        .unwrap_or_default();
    let width = g.content_width();
    let subject = fonts
        .printable(
            Face::Italic,
            &crate::model::typography::typographic_quotes(memo.subject.trim(), None, memo.language),
        )
        .into_owned();
    // A line of furniture: its text cut where the font drawing it changes (an installed
    // font for what the bundled one lacks) and where its bidi level does, placed from
    // `x` in visual order, as a line of the body is.
    let line = |text: &str, face: Face, x: Pt, y: Pt| -> Vec<TextRun> {
        let levels = super::bidi::line_levels(text);
        let mut x = x;
        let mut runs = Vec::new();
        let mut placed = Vec::new();
        for piece in super::bidi::pieces(fonts, face, text, levels.as_deref(), 0) {
            let super::bidi::LinePiece {
                font: fallback,
                text: piece,
                level,
                prints,
            } = piece;
            let m = fonts.measure_in(face, fallback, piece);
            if !prints {
                x += Pt(m.advance * size.0);
                continue;
            }
            let run = TextRun {
                origin: Point::new(x, y),
                fallback,
                face,
                size,
                color: Color::GRAY,
                adjust: m
                    .kerns
                    .iter()
                    .map(|k| Adjust {
                        at: k.at,
                        dx: Pt(k.dx * size.0),
                    })
                    .collect(),
                width: Pt(m.advance * size.0),
                text: piece.to_owned(),
                ascent: Pt(fonts.ascent(face) * size.0),
                descent: Pt(fonts.descent(face) * size.0),
                source: Part::Furniture,
                inline: Inline::Plain,
                // Repeated on every page: a reader skips it.
                tag: Tag::Artifact,
                shaped: !m.glyphs.is_empty(),
                order: crate::layout::Order::Reading,
            };
            placed.push(super::bidi::Placed {
                level,
                start: x,
                end: x + run.width,
                holds_break: false,
            });
            x += run.width;
            runs.push(run);
        }
        super::bidi::reorder_line(&mut runs, &mut [], &placed);
        runs
    };
    let width_of = |runs: &[TextRun]| runs.iter().map(|r| r.width).fold(Pt::ZERO, |a, b| a + b);
    let header_base = (g.top - size * 2.2).max(size * 1.2);
    let footer_base = (g.height - g.bottom + size * 2.6).min(g.height - size * 0.8);
    // The footer line (as printed: its words, without links' addresses) above the page
    // number, which moves down a line for it, both kept on the page.
    let footer: String = crate::model::text::inline(memo.letterhead.footer.trim())
        .iter()
        .map(|span| span.text.as_str())
        .collect();
    let footer = fonts
        .printable(
            Face::Regular,
            &crate::model::typography::typographic_quotes(footer.trim(), None, memo.language),
        )
        .into_owned();
    let (footer_base, number_base) = if footer.is_empty() {
        (footer_base, footer_base)
    } else {
        let number = (footer_base + size * 1.3).min(g.height - size * 0.4);
        (number - size * 1.3, number)
    };
    let footer = ellipsize(fonts, &footer, Face::Regular, size, width);
    // The same on every page: the running header (from page 2 on) and the footer line.
    let date_runs = line(&date, Face::Regular, Pt::ZERO, header_base);
    let date_x = g.left + width - width_of(&date_runs);
    let room = width - width_of(&date_runs) - size * 2.0;
    let subject = ellipsize(fonts, &subject, Face::Italic, size, room);
    let mut header: Vec<Item> = line(&subject, Face::Italic, g.left, header_base)
        .into_iter()
        .map(Item::Text)
        .chain(
            date_runs
                .into_iter()
                .map(|run| Item::Text(run).translated(date_x, Pt::ZERO)),
        )
        .collect();
    let rule_y = header_base + size * 0.6;
    header.push(Item::Rule(Rule {
        from: Point::new(g.left, rule_y),
        to: Point::new(g.left + width, rule_y),
        thickness: Pt(0.4),
        color: Color::GRAY,
        source: Part::Furniture,
        tag: Tag::Artifact,
    }));
    // Centred between the margins.
    let centred = |runs: Vec<TextRun>| -> Vec<Item> {
        let x = g.left + (width - width_of(&runs)) / 2.0;
        runs.into_iter()
            .map(|run| Item::Text(run).translated(x, Pt::ZERO))
            .collect()
    };
    let footer_line: Vec<Item> = if footer.is_empty() {
        Vec::new()
    } else {
        // A click on it opens the letterhead; a reader skips it on every page.
        let runs = line(&footer, Face::Regular, Pt::ZERO, footer_base)
            .into_iter()
            .map(|run| TextRun {
                source: Part::Letterhead,
                ..run
            })
            .collect();
        centred(runs)
    };
    for (i, page) in document.pages.iter_mut().enumerate() {
        if i > 0 {
            page.items.extend(header.iter().cloned());
        }
        page.items.extend(footer_line.iter().cloned());
        let number = format!("{page_word} {} {of_word} {total}", i + 1);
        page.items
            .extend(centred(line(&number, Face::Regular, Pt::ZERO, number_base)));
    }
}

/// `text` cut with an ellipsis to fit `room`, measured as a line of furniture prints it:
/// in pieces cut where the font and the bidi level change. The most characters that fit
/// are kept (found by halving: a few measures even for a long subject); nothing at all
/// when not even the ellipsis fits.
pub(super) fn ellipsize(fonts: &Fonts, text: &str, face: Face, size: Pt, room: Pt) -> String {
    let printed = |text: &str| {
        let levels = super::bidi::line_levels(text);
        Pt(super::bidi::printed_advance(fonts, face, text, levels.as_deref(), 0) * size.0)
    };
    if printed(text) <= room {
        return text.to_owned();
    }
    // The first `chars` characters, then an ellipsis.
    let cut = |chars: usize| {
        let end = text
            .char_indices()
            .nth(chars)
            .map_or(text.len(), |(i, _)| i);
        format!("{}\u{2026}", text.get(..end).unwrap_or_default().trim_end())
    };
    if printed(&cut(0)) > room {
        return String::new();
    }
    // `cut(fits)` fits; all the characters do not.
    let (mut fits, mut over) = (0, text.chars().count());
    while over - fits > 1 {
        let mid = fits + (over - fits) / 2;
        if printed(&cut(mid)) <= room {
            fits = mid;
        } else {
            over = mid;
        }
    }
    cut(fits)
}
