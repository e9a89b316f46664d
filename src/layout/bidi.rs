//! Right-to-left text (Arabic, Hebrew, Persian names) in reading order: layout resolves
//! each paragraph's bidi levels with unicode-bidi (the memo's own paragraphs are left to
//! right), cuts each line's runs where the level changes, places them in visual order
//! and stores each right-to-left run's text in visual order, so the PDF, which draws
//! left to right, shows the line as it reads.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

use super::document::{Adjust, Link, Order, Pt, TextRun};
use crate::fonts::{Face, Fallback, Fonts};

/// Whether `text` holds a right-to-left letter (Arabic, Hebrew).
pub(super) fn has_right_to_left(text: &str) -> bool {
    // Hebrew, the first right-to-left script, starts at U+0590: the letters before it
    // need no lookup.
    !text.is_ascii()
        && text
            .chars()
            .any(|c| c >= '\u{0590}' && matches!(bidi_class(c), BidiClass::R | BidiClass::AL))
}

/// The bidi level of each byte of a line's `text` in a left-to-right paragraph, its
/// trailing spaces at the paragraph's level (rule L1); None when it has no right-to-left
/// text. For a line on its own (page furniture); a paragraph's lines are resolved
/// together ([`paragraph_levels`]).
pub(super) fn line_levels(text: &str) -> Option<Vec<Level>> {
    if !has_right_to_left(text) {
        return None;
    }
    let line = 0..text.len();
    paragraph_levels(text, std::slice::from_ref(&line))
        .pop()
        .flatten()
}

/// The bidi level of each byte of each line of a left-to-right paragraph, `lines` being
/// the byte ranges of `text` its lines hold: the levels are resolved over the whole
/// paragraph (a number or a bracket that starts a line takes its direction from the
/// right-to-left words before it, on the line above), then each line's trailing spaces
/// go to the paragraph's level (rule L1). None for a line not inside `text`.
pub(super) fn paragraph_levels(text: &str, lines: &[Range<usize>]) -> Vec<Option<Vec<Level>>> {
    let info = BidiInfo::new(text, Some(Level::ltr()));
    lines
        .iter()
        .map(|line| {
            // (Every paragraph of `info` is at the level given, so any of them tells
            // L1 the level to reset to.)
            let paragraph = info.paragraphs.first()?;
            // (unicode-bidi slices the text at the line's ends.)
            if line.start > line.end
                || !text.is_char_boundary(line.start)
                || !text.is_char_boundary(line.end)
            {
                return None;
            }
            let levels = info.reordered_levels(paragraph, line.clone());
            levels.get(line.clone()).map(<[Level]>::to_vec)
        })
        .collect()
}

/// The level of the byte `at` of a line ([`line_levels`]; level 0 past its end).
pub(super) fn level_at(levels: Option<&[Level]>, at: usize) -> Level {
    levels
        .and_then(|levels| levels.get(at).copied())
        .unwrap_or_else(Level::ltr)
}

/// The longest start of `text` (at byte `at` of its line) that is all at one level, and
/// that level.
fn leading_level<'a>(text: &'a str, levels: Option<&[Level]>, at: usize) -> (&'a str, Level) {
    let level = level_at(levels, at);
    if levels.is_none() {
        return (text, level);
    }
    let end = text
        .char_indices()
        .find(|&(i, _)| level_at(levels, at + i) != level)
        .map_or(text.len(), |(i, _)| i);
    (text.get(..end).unwrap_or(text), level)
}

/// `text` in `face`, at byte `at` of a line whose bidi `levels` these are, cut where the
/// font drawing it changes (an installed font for what the bundled one lacks) and where
/// its level does: the pieces a line's runs are made of, in reading order, each with its
/// font and level, and whether it prints. A direction mark or another invisible
/// formatting character alone (at a level of its own) has done its work in the levels;
/// as a run it would print the font's glyph for it (Liberation Serif's show marks), so
/// it only moves the pen. The one walk the body's lines and the page furniture take.
pub(super) fn pieces<'a>(
    fonts: &'a Fonts,
    face: Face,
    text: &'a str,
    levels: Option<&'a [Level]>,
    mut at: usize,
) -> impl Iterator<Item = LinePiece<'a>> + 'a {
    fonts
        .split(face, text)
        .into_iter()
        .flat_map(move |(font, whole)| {
            let start = at;
            at += whole.len();
            let mut left = whole;
            let mut at = start;
            std::iter::from_fn(move || {
                if left.is_empty() {
                    return None;
                }
                let (text, level) = leading_level(left, levels, at);
                left = left.get(text.len()..).unwrap_or_default();
                at += text.len();
                Some(LinePiece {
                    font,
                    text,
                    level,
                    prints: !text.chars().all(crate::fonts::is_invisible_format),
                })
            })
        })
}

/// How wide `text` in `face` prints, in em (at byte `at` of a line or paragraph whose
/// bidi `levels` these are): its [`pieces`], each measured on its own, as a line's runs
/// are. The shaper never kerns across two runs, so this can differ from `text` measured
/// whole. The measure layout breaks lines and fits the running header with.
pub(super) fn printed_advance(
    fonts: &Fonts,
    face: Face,
    text: &str,
    levels: Option<&[Level]>,
    at: usize,
) -> f32 {
    pieces(fonts, face, text, levels, at)
        .map(|piece| fonts.measure_in(face, piece.font, piece.text).advance)
        .sum()
}

/// A piece of a line's text ([`pieces`]).
pub(super) struct LinePiece<'a> {
    pub font: Option<Fallback>,
    pub text: &'a str,
    pub level: Level,
    pub prints: bool,
}

/// A text run of a line as first placed, in reading order from the left: its level,
/// where it starts and where the next one does, and whether it holds the space the line
/// broke at (past its width, at the end of its text).
pub(super) struct Placed {
    pub level: Level,
    pub start: Pt,
    pub end: Pt,
    pub holds_break: bool,
}

/// Places a line's runs in visual order (rule L2 of the bidi algorithm: from the highest
/// level down, each stretch of runs at that level or higher is reversed, as is the room
/// between them) and puts each right-to-left run's text in visual order, mirroring the
/// brackets the shaper will not ("(" of "(مركز)", in a run of its own, prints as ")" on
/// the name's right). A link covers the runs it covered. `runs` are the runs `placed`
/// describes, in order.
pub(super) fn reorder_line<'a>(
    runs: impl IntoIterator<Item = &'a mut TextRun>,
    links: &mut [Link],
    placed: &[Placed],
) {
    let Some(highest) = placed.iter().map(|p| p.level.number()).max() else {
        return;
    };
    if highest == 0 {
        return;
    }
    let mut spans: Vec<(Pt, Pt)> = placed.iter().map(|p| (p.start, p.end)).collect();
    for level in (1..=highest).rev() {
        let mut i = 0;
        while i < placed.len() {
            let reversed = |k: usize| placed.get(k).is_some_and(|p| p.level.number() >= level);
            if !reversed(i) {
                i += 1;
                continue;
            }
            let mut j = i;
            while reversed(j + 1) {
                j += 1;
            }
            if let Some(stretch) = spans.get_mut(i..=j) {
                let low = stretch.iter().map(|s| s.0).fold(Pt(f32::MAX), Pt::min);
                let high = stretch.iter().map(|s| s.1).fold(Pt(f32::MIN), Pt::max);
                for span in stretch {
                    *span = (low + high - span.1, low + high - span.0);
                }
            }
            i = j + 1;
        }
    }
    // A link covers the runs it covered, wherever they went. Where those no longer touch
    // (a link of left-to-right and right-to-left words, with a run placed between
    // them), it keeps the part its first word went to rather than cover another's.
    for link in links.iter_mut() {
        let (min, max) = (link.rect.min.x, link.rect.max.x);
        let mut parts: Vec<(Pt, Pt)> = Vec::new();
        for (p, span) in placed.iter().zip(&spans) {
            if p.start < max && p.end > min {
                // The part of the run the link covers, from the run's start; a reversed
                // run has it at the other end.
                let (from, to) = (min.max(p.start) - p.start, max.min(p.end) - p.start);
                parts.push(if p.level.is_rtl() {
                    let width = p.end - p.start;
                    (span.0 + width - to, span.0 + width - from)
                } else {
                    (span.0 + from, span.0 + to)
                });
            }
        }
        let Some(&first) = parts.first() else {
            continue;
        };
        let mut covered = first;
        let mut grew = true;
        while grew {
            grew = false;
            for &(a, b) in &parts {
                let touches = a <= covered.1 + Pt(0.01) && b >= covered.0 - Pt(0.01);
                if touches && (a < covered.0 || b > covered.1) {
                    covered = (covered.0.min(a), covered.1.max(b));
                    grew = true;
                }
            }
        }
        link.rect.min.x = covered.0;
        link.rect.max.x = covered.1;
    }
    for ((p, span), run) in placed.iter().zip(&spans).zip(runs) {
        run.origin.x += span.0 - p.start;
        if p.level.is_rtl() {
            // The space the line broke at stays at the end; any other space at the end
            // of the run's text is between it and the run to its left once reversed.
            reverse(run, p.holds_break);
            run.text = mirrored(&run.text);
            run.order = if p.holds_break {
                Order::VisualBeforeBreak
            } else {
                Order::Visual
            };
        }
    }
}

/// A right-to-left run's text (already in visual order) with the brackets mirrored that
/// the shaper will not mirror: those of a word it lays out left to right ("(" alone, or
/// beside digits); in a word it lays out right to left, the shaper mirrors them. Its own
/// inverse: mirroring leaves the words the shaper lays out either way as they were.
fn mirrored(visual: &str) -> String {
    visual
        .split_inclusive(' ')
        .flat_map(|word| {
            let mirror_here = !crate::fonts::shapes_right_to_left(word);
            word.chars()
                .map(move |c| if mirror_here { mirror(c) } else { c })
        })
        .collect()
}

/// `c`'s mirror image where it has one (Unicode's `Bidi_Mirroring_Glyph`: "(" and ")",
/// "≤" and "≥"), else `c`.
pub(super) fn mirror(c: char) -> char {
    use icu_properties::{CodePointMapData, props::BidiMirroringGlyph};
    CodePointMapData::<BidiMirroringGlyph>::new()
        .get(c)
        .mirroring_glyph
        .unwrap_or(c)
}

/// The text of a right-to-left run ([`reorder_line`]) in reading order: its brackets
/// mirrored back and its characters reversed, less its last space when that is the
/// space its line broke at, which stayed there ([`Order::VisualBeforeBreak`]).
pub(super) fn reading(visual: &str, break_kept: bool) -> String {
    let unmirrored = mirrored(visual);
    let (body, kept) = match unmirrored.strip_suffix(' ') {
        Some(body) if break_kept => (body, " "),
        _ => (unmirrored.as_str(), ""),
    };
    body.chars().rev().chain(kept.chars()).collect()
}

/// Reverses a run of one odd level (all of it right to left in its line), less its last
/// space when `break_stays` (the space the line broke at, past its width, which stays at
/// the end), and moves the stretch of each space to the space it became. Its kerning is
/// dropped (the pen after the run still ends where layout measured).
fn reverse(run: &mut TextRun, break_stays: bool) {
    let kept = if break_stays {
        run.text.strip_suffix(' ').unwrap_or(&run.text)
    } else {
        run.text.as_str()
    };
    let interior = kept.len();
    let mut visual: String = kept.chars().rev().collect();
    visual.push_str(run.text.get(interior..).unwrap_or_default());
    let bytes = run.text.as_bytes();
    let after_space = |at: u32| at > 0 && bytes.get(at as usize - 1) == Some(&b' ');
    let mut stretches: Vec<Pt> = Vec::new();
    let mut at_end = Pt::ZERO;
    for adjust in &run.adjust {
        if after_space(adjust.at) && (adjust.at as usize) <= interior {
            stretches.push(adjust.dx);
        } else {
            // Kerning, and the stretch of a trailing space that stays at the end.
            at_end += adjust.dx;
        }
    }
    let mut adjust: Vec<Adjust> = visual
        .char_indices()
        .filter(|&(i, c)| c == ' ' && i < interior)
        .zip(stretches.into_iter().rev())
        .map(|((i, _), dx)| Adjust {
            at: u32::try_from(i + 1).unwrap_or(u32::MAX),
            dx,
        })
        .collect();
    if at_end != Pt::ZERO {
        adjust.push(Adjust {
            at: u32::try_from(visual.len()).unwrap_or(u32::MAX),
            dx: at_end,
        });
    }
    run.text = visual;
    run.adjust = adjust;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reversed_runs_spaces_keep_their_stretch_and_the_break_space_stays_at_the_end() {
        use crate::layout::document::tests::run;
        let at =
            |r: &TextRun| -> Vec<(u32, f32)> { r.adjust.iter().map(|a| (a.at, a.dx.0)).collect() };
        // "ab cd ef " set justified: a stretch after each space, the break space's own
        // at the end, a kern inside "ab".
        let mut r = run("ab cd ef ", &[(1, -0.5), (3, 1.0), (6, 2.0), (9, 3.0)]);
        reverse(&mut r, true);
        assert_eq!(r.text, "fe dc ba ");
        // The space between "fe" and "dc" was the one after "cd" (2), the one between
        // "dc" and "ba" the one after "ab" (1); the kern and the break space's stretch
        // go to the end, where the pen arrives as before.
        assert_eq!(at(&r), vec![(3, 2.0), (6, 1.0), (9, 2.5)]);

        // Inside a line, a trailing space is reversed with the words, to the front.
        let mut r = run("ab cd ", &[(3, 1.0), (6, 2.0)]);
        reverse(&mut r, false);
        assert_eq!(r.text, " dc ba");
        assert_eq!(at(&r), vec![(1, 2.0), (4, 1.0)]);
    }

    /// Mirroring is its own inverse, for every character that has a mirror image (a
    /// run's reading text turns its brackets back with the same rule that printed them).
    #[test]
    fn every_mirror_image_mirrors_back() {
        let mut pairs = 0;
        for c in (0..=0x0010_FFFF).filter_map(char::from_u32) {
            let m = mirror(c);
            if m != c {
                assert_eq!(mirror(m), c, "{c:?} mirrors to {m:?}");
                pairs += 1;
            }
        }
        assert!(pairs > 300, "{pairs} characters with a mirror image");
        assert_eq!((mirror('('), mirror('≥'), mirror('a')), (')', '≤', 'a'));
    }
}
