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
}
