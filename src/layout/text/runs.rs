//! Broken lines into positioned text runs: justification by spreading the spaces, the
//! kerning adjustments of each word, and link areas.

use super::{Frag, Piece, SetLine, Setting};
use crate::fonts::{Face, Fonts};
use crate::layout::bidi;
use crate::layout::document::{Adjust, Inline, Item, Link, Point, Pt, Rect, TextRun};
use crate::layout::structure::Tag;
use crate::model::Part;

/// Turns broken lines into positioned runs.
pub(super) fn emit_lines(
    fonts: &Fonts,
    lines: &[Vec<&Frag>],
    setting: Setting,
    source: Part,
    out: &mut Vec<SetLine>,
) {
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
        out.push(emit_line(fonts, line, extra, (setting, last), source));
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

    // Whether the current run is right to left (a run holds one direction).
    let mut rtl = false;
    let flush = |run: &mut Option<TextRun>, items: &mut Vec<Item>, rtl: bool| {
        if let Some(mut r) = run.take()
            && !r.text.trim().is_empty()
        {
            if rtl {
                bidi::to_visual(&mut r);
            }
            items.push(Item::Text(r));
        }
    };
    for (i, frag) in line.iter().enumerate() {
        let is_last = i + 1 == line.len();
        for piece in &frag.pieces {
            for (font, text) in fonts.split(piece.face, &piece.text) {
                let direction = bidi::word_direction(text);
                let start_new = match (&run, current_piece) {
                    (Some(r), Some(p)) => {
                        !p.same_style(piece)
                            || r.fallback != font
                            || direction.is_some_and(|word_rtl| word_rtl != rtl)
                    }
                    _ => true,
                };
                if start_new {
                    flush(&mut run, &mut items, rtl);
                    rtl = direction.unwrap_or(false);
                    run = Some(TextRun {
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
                    });
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
                r.text.push(' ');
            }
        } else if frag.space > 0.0 {
            #[allow(clippy::cast_possible_truncation)]
            let space = Pt(frag.space as f32);
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
    flush(&mut run, &mut items, rtl);
    items.extend(links.into_iter().map(Item::Link));
    SetLine { height, items }
}
