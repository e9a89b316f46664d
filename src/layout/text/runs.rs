//! Broken lines into positioned text runs: justification by spreading the spaces, the
//! kerning adjustments of each word, and link areas.

use super::{Frag, Piece, SetLine, Setting};
use crate::fonts::{Face, Fonts};
use crate::layout::bidi;
use crate::layout::document::{Adjust, Inline, Item, Link, Point, Pt, Rect, TextRun};
use crate::layout::structure::Tag;
use crate::model::Part;
use unicode_bidi::Level;

/// Turns broken lines into positioned runs.
pub(super) fn emit_lines(
    fonts: &Fonts,
    (lines, text): (&[Vec<&Frag>], Option<&str>),
    setting: Setting,
    source: Part,
    out: &mut Vec<SetLine>,
) {
    let levels = levels(lines, text);
    for (n, line) in lines.iter().enumerate() {
        let last = n + 1 == lines.len();
        let natural: f64 = {
            let mut w = 0.0;
            for (i, f) in line.iter().enumerate() {
                w += f.width
                    + if i + 1 < line.len() {
                        f.space
                    } else {
                        f.hyphen
                    };
            }
            w
        };
        // Stretch only real spaces, not the joins between parts of a hyphenated word.
        let spaces = line
            .iter()
            .take(line.len().saturating_sub(1))
            .filter(|f| f.space > 0.0)
            .count();
        #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
        let extra = if setting.justify && !last && spaces > 0 {
            (((f64::from(setting.width.0) - natural) / spaces as f64).max(0.0)) as f32
        } else {
            0.0
        };
        let levels = levels.get(n).and_then(Option::as_deref);
        out.push(emit_line(
            fonts,
            line,
            extra,
            (setting, last),
            source,
            levels,
        ));
    }
}

/// One line of runs; `ends_paragraph` is false for a line after which the paragraph
/// goes on.
fn emit_line(
    fonts: &Fonts,
    line: &[&Frag],
    extra_per_space: f32,
    (setting, ends_paragraph): (Setting, bool),
    source: Part,
    levels: Option<&[Level]>,
) -> SetLine {
    let size = line
        .iter()
        .flat_map(|f| &f.pieces)
        .map(|p| p.size.0)
        .fold(0.0_f32, f32::max)
        .max(1.0);
    let ascent = fonts.ascent(Face::Regular) * size;
    let height = Pt(size * setting.leading);
    let baseline = Pt((height.0
        - size * (fonts.ascent(Face::Regular) + fonts.descent(Face::Regular)))
        / 2.0
        + ascent);

    let mut items: Vec<Item> = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    let mut x = Pt::ZERO;
    let mut run: Option<TextRun> = None;
    let mut current_piece: Option<&Piece> = None;

    // The bidi level of each byte of the line's text (None: all left to right), the
    // byte of it the loop is at, and the level of the current run (a run holds one).
    let mut at = 0;
    let mut level = Level::ltr();
    let mut placed: Vec<bidi::Placed> = Vec::new();
    // A run of spaces alone is left out, except in a line with right-to-left text,
    // where a space between two levels is a run of its own (its level keeps the runs
    // on either side apart, and a reader of the text gets the space).
    let bidi_line = levels.is_some();
    let flush = |run: &mut Option<TextRun>,
                 items: &mut Vec<Item>,
                 placed: &mut Vec<bidi::Placed>,
                 (level, end, holds_break): (Level, Pt, bool)| {
        if let Some(r) = run.take()
            && !r.text.is_empty()
            && (bidi_line || !r.text.trim().is_empty())
        {
            placed.push(bidi::Placed {
                level,
                start: r.origin.x,
                end,
                holds_break,
            });
            items.push(Item::Text(r));
        }
    };
    let new_run = |piece: &Piece, font, x: Pt| TextRun {
        origin: Point::new(x, baseline - piece.rise),
        face: piece.face,
        fallback: font,
        size: piece.size,
        color: piece.color,
        text: String::new(),
        adjust: Vec::new(),
        width: Pt::ZERO,
        ascent: Pt(fonts.ascent(piece.face) * piece.size.0),
        descent: Pt(fonts.descent(piece.face) * piece.size.0),
        source,
        inline: if piece.reference {
            Inline::Reference
        } else {
            Inline::Plain
        },
        tag: Tag::Unset,
        shaped: false,
        order: crate::layout::Order::Reading,
    };
    let mut holds_break = false;
    for (i, frag) in line.iter().enumerate() {
        let is_last = i + 1 == line.len();
        for piece in &frag.pieces {
            // Cut where the font and the bidi level change: each run holds one of each.
            for bidi::LinePiece {
                font,
                text,
                level: text_level,
                prints,
            } in bidi::pieces(fonts, piece.face, &piece.text, levels, at)
            {
                at += text.len();
                if !prints {
                    x += Pt(fonts.measure_in(piece.face, font, text).advance * piece.size.0);
                    continue;
                }
                let start_new = match (&run, current_piece) {
                    (Some(r), Some(p)) => {
                        !p.same_style(piece) || r.fallback != font || text_level != level
                    }
                    _ => true,
                };
                if start_new {
                    flush(&mut run, &mut items, &mut placed, (level, x, false));
                    level = text_level;
                    run = Some(new_run(piece, font, x));
                }
                // The words of one link, spaces between them included, are one clickable area
                // per line.
                let continues_link = current_piece.is_some_and(|p| p.link == piece.link);
                current_piece = Some(piece);
                let measured = fonts.measure_in(piece.face, font, text);
                let w = Pt(measured.advance * piece.size.0);
                if let Some(r) = run.as_mut() {
                    let base = u32::try_from(r.text.len()).unwrap_or(u32::MAX);
                    r.adjust.extend(measured.kerns.iter().map(|k| Adjust {
                        at: base + k.at,
                        dx: Pt(k.dx * piece.size.0),
                    }));
                    r.text.push_str(text);
                    r.width += w;
                    r.shaped |= !measured.glyphs.is_empty();
                }
                if let Some(url) = &piece.link {
                    let rect = Rect {
                        min: Point::new(x, baseline - Pt(fonts.ascent(piece.face) * piece.size.0)),
                        max: Point::new(
                            x + w,
                            baseline + Pt(fonts.descent(piece.face) * piece.size.0),
                        ),
                    };
                    match links.last_mut() {
                        Some(l) if l.url == *url && continues_link => {
                            l.rect.max.x = rect.max.x;
                        }
                        _ => links.push(Link {
                            rect,
                            url: url.clone(),
                            source,
                            tag: Tag::Unset,
                        }),
                    }
                    // The run holds this link's words: a new run starts where the link does.
                    if let Some(r) = run.as_mut() {
                        let k = u16::try_from(links.len().saturating_sub(1)).unwrap_or(u16::MAX);
                        r.inline = Inline::Link(k);
                    }
                }
                x += w;
            }
        }
        if is_last {
            if frag.hyphen > 0.0
                && let (Some(r), Some(p)) = (run.as_mut(), current_piece)
            {
                let w = Pt(fonts.advance_in(p.face, r.fallback, '-') * p.size.0);
                r.text.push('-');
                r.width += w;
                x += w;
            } else if frag.space > 0.0
                && !ends_paragraph
                && let Some(r) = run.as_mut()
            {
                // The space the line broke at stays in the text, past the line's width and
                // unseen, so a reader of the text (a screen reader, copy and paste) gets
                // "each finding", not "eachfinding".
                r.push_break_space();
                holds_break = true;
            }
        } else if frag.space > 0.0 {
            #[allow(clippy::cast_possible_truncation)]
            let space = Pt(frag.space as f32);
            // A space of another level than the run before it (the one between a
            // right-to-left stretch and the left-to-right text after it, or between two
            // numbers in a right-to-left stretch) is a run of its own, so each run's
            // spaces reverse with its words.
            let space_level = bidi::level_at(levels, at);
            if space_level != level
                && let Some(p) = current_piece
            {
                // Inside a link (the word after it in the same link), it is the link's.
                let in_link = p.link.is_some()
                    && line
                        .get(i + 1)
                        .and_then(|next| next.pieces.first())
                        .is_some_and(|next| next.link == p.link);
                let inline = run.as_ref().map(|r| r.inline).filter(|_| in_link);
                flush(&mut run, &mut items, &mut placed, (level, x, false));
                level = space_level;
                // On the baseline, whatever the word before it (a raised note number).
                let style = Piece {
                    text: String::new(),
                    rise: Pt::ZERO,
                    reference: false,
                    link: if in_link { p.link.clone() } else { None },
                    ..p.clone()
                };
                let mut space_run = new_run(&style, None, x);
                if let Some(inline) = inline {
                    space_run.inline = inline;
                }
                run = Some(space_run);
            }
            at += 1;
            if let Some(r) = run.as_mut() {
                let at = u32::try_from(r.text.len()).unwrap_or(u32::MAX);
                r.text.push(' ');
                r.width += space + Pt(extra_per_space);
                // A fallback font's space differs from the bundled one the line was
                // measured with: the difference moves the pen like the stretch.
                let stretch = match r.fallback {
                    Some(_) => {
                        space.0 + extra_per_space
                            - fonts.advance_in(r.face, r.fallback, ' ') * r.size.0
                    }
                    None => extra_per_space,
                };
                if stretch != 0.0 {
                    // The stretch applies after the space glyph, before the next word.
                    r.adjust.push(Adjust {
                        at: at + 1,
                        dx: Pt(stretch),
                    });
                }
            }
            x += space + Pt(extra_per_space);
        }
    }
    flush(&mut run, &mut items, &mut placed, (level, x, holds_break));
    // The line's items are its text runs so far, one for each of `placed`.
    let runs = items.iter_mut().filter_map(|item| match item {
        Item::Text(run) => Some(run),
        Item::Rule(_) | Item::Link(_) | Item::Image(_) => None,
    });
    bidi::reorder_line(runs, &mut links, &placed);
    items.extend(links.into_iter().map(Item::Link));
    SetLine { height, items }
}

/// The bidi level of each byte of each line's text, as the loop of [`emit_line`] walks
/// it (its words, and a space after each that has one), resolved over the paragraph's
/// `text` ([`super::paragraph_text`], where each frag's `at` is its place); the space a
/// line broke at is the line's, for rule L1. Empty for a paragraph without right-to-left
/// text (None), which is left to right throughout.
fn levels(lines: &[Vec<&Frag>], text: Option<&str>) -> Vec<Option<Vec<Level>>> {
    let Some(text) = text else {
        return Vec::new();
    };
    let ranges: Vec<std::ops::Range<usize>> = lines
        .iter()
        .map(|line| {
            let start = line.first().map_or(0, |f| f.at);
            let end = line.last().map_or(start, |f| {
                f.at + super::text_len(&f.pieces) + usize::from(f.space > 0.0)
            });
            start.min(text.len())..end.min(text.len())
        })
        .collect();
    bidi::paragraph_levels(text, &ranges)
}
