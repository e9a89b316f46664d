//! Right-to-left text (Arabic, Hebrew names) in reading order: layout keeps each
//! right-to-left stretch of a line in a run of its own and stores it in visual order
//! (unicode-bidi's reordering of the line), so the PDF, which draws left to right, shows
//! it as it reads; the memo's own paragraphs stay left to right.

use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

use super::document::{Adjust, Pt, TextRun};

/// Whether `text` starts (at its first letter with a direction) right to left.
pub fn is_right_to_left(text: &str) -> bool {
    text.chars()
        .map(bidi_class)
        .find(|class| matches!(class, BidiClass::L | BidiClass::R | BidiClass::AL))
        .is_some_and(|class| class != BidiClass::L)
}

/// The direction a word gives the run it is in: `Some(true)` right to left,
/// `Some(false)` left to right, `None` for a word without letters ("✓", "2026", "–"),
/// which goes with the run it is in. Layout starts a new run where it changes.
pub(super) fn word_direction(word: &str) -> Option<bool> {
    word.chars()
        .any(char::is_alphabetic)
        .then(|| is_right_to_left(word))
}

/// `text` (a line of page furniture) cut into pieces of one direction each, by
/// [`word_direction`], the rule the body's lines follow: each piece with whether it
/// runs right to left. A word's trailing space stays with it.
pub(super) fn by_direction(text: &str) -> Vec<(&str, bool)> {
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    let mut at = 0;
    for word in text.split_inclusive(' ') {
        if let Some(rtl) = word_direction(word) {
            if current.is_some_and(|c| c != rtl) && at > start {
                pieces.extend(text.get(start..at).map(|p| (p, current == Some(true))));
                start = at;
            }
            current = Some(rtl);
        }
        at += word.len();
    }
    pieces.extend(
        text.get(start..)
            .filter(|p| !p.is_empty())
            .map(|p| (p, current == Some(true))),
    );
    pieces
}

/// Puts a right-to-left run's text in visual order. Its kerning is dropped (the pen
/// after the run still ends where layout measured), the stretch of its spaces kept.
pub(super) fn to_visual(run: &mut TextRun) {
    let info = BidiInfo::new(&run.text, Some(Level::ltr()));
    let Some(paragraph) = info.paragraphs.first() else {
        return;
    };
    let visual = info
        .reorder_line(paragraph, paragraph.range.clone())
        .into_owned();
    if visual.len() != run.text.len() {
        return;
    }
    let bytes = run.text.as_bytes();
    let after_space = |at: u32| at > 0 && bytes.get(at as usize - 1) == Some(&b' ');
    let mut stretches: Vec<Pt> = Vec::new();
    let mut dropped = Pt::ZERO;
    let mut trailing = Pt::ZERO;
    for adjust in &run.adjust {
        if adjust.at as usize >= run.text.len() && run.text.ends_with(' ') {
            trailing += adjust.dx;
        } else if after_space(adjust.at) {
            stretches.push(adjust.dx);
        } else {
            dropped += adjust.dx;
        }
    }
    let end = u32::try_from(visual.len()).unwrap_or(u32::MAX);
    let interior = visual.trim_end_matches(' ').len();
    let mut adjust: Vec<Adjust> = visual
        .char_indices()
        .filter(|&(i, c)| c == ' ' && i < interior)
        .zip(stretches.into_iter().rev())
        .map(|((i, _), dx)| Adjust {
            at: u32::try_from(i + 1).unwrap_or(u32::MAX),
            dx,
        })
        .collect();
    if dropped != Pt::ZERO || trailing != Pt::ZERO {
        adjust.push(Adjust {
            at: end,
            dx: dropped + trailing,
        });
    }
    run.text = visual;
    run.adjust = adjust;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arabic_name_is_stored_right_to_left_and_latin_is_left_alone() {
        assert!(is_right_to_left("مركز الخليج"));
        assert!(is_right_to_left("שלום"));
        assert!(!is_right_to_left("Red ✓ Defensoras"));
        let info = BidiInfo::new("אב גד ", Some(Level::ltr()));
        let p = &info.paragraphs[0];
        assert_eq!(info.reorder_line(p, p.range.clone()), "דג בא ");
    }

    #[test]
    fn a_line_is_cut_where_its_words_change_direction_and_signs_go_with_their_run() {
        assert_eq!(
            by_direction("בצלם – B'Tselem ✓ 2026"),
            vec![("בצלם – ", true), ("B'Tselem ✓ 2026", false)]
        );
        assert_eq!(
            by_direction("Meeting with בצלם"),
            vec![("Meeting with ", false), ("בצלם", true)]
        );
        assert_eq!(by_direction("✓ 12"), vec![("✓ 12", false)]);
        assert!(by_direction("").is_empty());
    }
}
