//! Runs with words that print with glyphs the shaper chose rather than their characters'
//! own ([`Measured::glyphs`]): Arabic letters in their joining forms, lam-alef
//! ligatures, marks placed on their letters. Layout measured those words with these
//! glyphs; the PDF draws the same ones, embeds them in the font subset and maps each
//! back to the characters it stands for.

use std::sync::Arc;

use crate::fonts::{Fonts, Measured};
use crate::layout::{Segment, TextRun};

/// A piece of a run as it prints: one of its segments (a word, a space, or a part cut
/// at an adjustment, as [`TextRun::segments`] cuts them for both painters), with the
/// shaper's glyphs when its word prints with them.
pub(super) struct Piece<'a> {
    pub segment: Segment<'a>,
    /// The segment's text in reading order: a right-to-left run stores its text in
    /// the order it prints, left to right.
    pub word: String,
    /// The word's glyphs, left to right; `None`: each character prints with its own.
    pub shaped: Option<Arc<Measured>>,
}

/// The pieces of `run` (one with `run.shaped` set), measured again as layout measured
/// them.
pub(super) fn pieces<'a>(run: &'a TextRun, fonts: &Fonts) -> Vec<Piece<'a>> {
    run.segments()
        .into_iter()
        .map(|segment| {
            let word = run.in_reading_order(&segment).into_owned();
            let shaped = (word.chars().count() > 1)
                .then(|| fonts.measure_in(run.face, run.fallback, &word))
                .filter(|m| !m.glyphs.is_empty());
            Piece {
                segment,
                word,
                shaped,
            }
        })
        .collect()
}

/// What each glyph of `measured` (the shaping of `word`) stands for, for the font's
/// `/ToUnicode` map: the characters of its cluster, less those another glyph of the
/// cluster draws as their own (`own`: the font's glyph for a character), so that a mark
/// placed on a letter is not read twice. In a right-to-left word, in the order they
/// print (a lam-alef ligature stands for alef, lam): the page's text is then the word in
/// visual order, character by character, as a run drawn with each character's own
/// glyph was, and readers that reorder right-to-left text (pdftotext) get it back as
/// typed. (Typst's writer maps the ligature in reading order, which such readers
/// reverse into alef, lam.)
pub(super) fn glyph_texts(
    word: &str,
    measured: &Measured,
    own: impl Fn(char) -> Option<u16>,
) -> Vec<(u16, String)> {
    // The shaper laid the word out from the right exactly when it guessed so (the rule
    // that handed it the word reversed, `TextRun::in_reading_order`).
    let rtl = crate::fonts::shapes_right_to_left(word);
    let mut starts: Vec<usize> = measured
        .glyphs
        .iter()
        .filter_map(|g| usize::try_from(g.cluster).ok())
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut out = Vec::with_capacity(measured.glyphs.len());
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(word.len());
        let Some(text) = word.get(start..end) else {
            continue;
        };
        let cluster: Vec<u16> = measured
            .glyphs
            .iter()
            .filter(|g| usize::try_from(g.cluster).ok() == Some(start))
            .map(|g| g.gid)
            .collect();
        let mut rest: Vec<char> = text.chars().collect();
        let texts: Vec<Option<String>> = cluster
            .iter()
            .map(|&gid| {
                let at = rest.iter().position(|&c| own(c) == Some(gid))?;
                Some(rest.remove(at).to_string())
            })
            .collect();
        let rest: String = rest.into_iter().collect();
        // A glyph left with nothing (its cluster's characters all drawn by their own
        // glyphs) still maps to something: the whole cluster.
        let rest = if rest.is_empty() { text } else { rest.as_str() };
        let texts = texts.into_iter().map(|text| {
            let text = text.unwrap_or_else(|| rest.to_owned());
            if rtl {
                text.chars().rev().collect()
            } else {
                text
            }
        });
        out.extend(cluster.into_iter().zip(texts));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Glyph;

    fn glyph(gid: u16, cluster: u32) -> Glyph {
        Glyph {
            gid,
            advance: 0.5,
            x_offset: 0.0,
            y_offset: 0.0,
            cluster,
        }
    }

    #[test]
    fn each_glyph_stands_for_its_cluster_and_a_mark_for_itself() {
        // "لا" as one ligature glyph (cluster 0), then "بَ": the letter's joining form
        // (not its own glyph) and the fatha's own glyph, in one cluster at byte 4.
        let word = "لابَ";
        let measured = Measured {
            advance: 1.5,
            kerns: Vec::new(),
            glyphs: vec![glyph(900, 4), glyph(77, 4), glyph(800, 0)],
        };
        let own = |c: char| (c == '\u{064E}').then_some(77);
        let texts = glyph_texts(word, &measured, own);
        // Right to left: each glyph's characters in the order they print.
        assert_eq!(
            texts,
            vec![
                (800, "ال".to_owned()),
                (900, "ب".to_owned()),
                (77, "\u{064E}".to_owned()),
            ]
        );

        // A letter drawn by its own glyph and a second one the shaper added: the second
        // stands for the whole cluster, not for nothing.
        let measured = Measured {
            advance: 1.0,
            kerns: Vec::new(),
            glyphs: vec![glyph(5, 0), glyph(600, 0)],
        };
        let texts = glyph_texts("e", &measured, |c| (c == 'e').then_some(5));
        assert_eq!(texts, vec![(5, "e".to_owned()), (600, "e".to_owned())]);
    }
}
