//! How the layout gets a paragraph set into lines: directly, from the editor's cache,
//! or, for a long memo laid out once (an export), from paragraphs set beforehand on
//! every core. Setting paragraphs is most of a layout, and each one depends only on its
//! own pieces and setting, so a first pass of the builder records what it will ask for,
//! the paragraphs are set in parallel, and the second pass takes them in order.

use std::cell::RefCell;
use std::collections::VecDeque;

use super::text::{Piece, SetLine, Setting, set_paragraph};
use super::{ParagraphCache, printable, typographic};
use crate::fonts::Fonts;
use crate::model::{Language, Part};

/// What the builder asks for: a paragraph's pieces as the memo gives them (before
/// typographic quotes and placeholders), and how to set them.
pub(super) struct Request {
    pieces: Vec<Piece>,
    setting: Setting,
    source: Part,
}

impl Request {
    fn is(&self, pieces: &[Piece], setting: Setting, source: Part) -> bool {
        self.setting == setting && self.source == source && self.pieces == pieces
    }
}

pub(super) enum Setter<'a> {
    /// Sets each paragraph when asked.
    Direct,
    /// The editor's cache of paragraphs set before.
    Cached(&'a ParagraphCache),
    /// The first pass: records each request and answers with no lines.
    Record(RefCell<Vec<Request>>),
    /// The second pass: the recorded requests with their lines, in order.
    Prepared(RefCell<VecDeque<(Request, Vec<SetLine>)>>),
}

/// A memo with less text than this is laid out in one pass: threads cost more than
/// they save on a page or two. The 4-page comparison memo (8 KB of text) gains about
/// 1 ms of its 11 ms export from the second core.
pub(super) const PARALLEL_BYTES: usize = 4 * 1024;

impl Setter<'_> {
    /// `pieces` set as a paragraph, with typographic quotes and apostrophes and a
    /// placeholder for each character no font has.
    pub fn set(
        &self,
        fonts: &Fonts,
        language: Language,
        pieces: &[Piece],
        setting: Setting,
        source: Part,
    ) -> Vec<SetLine> {
        match self {
            Self::Direct => set(fonts, language, pieces, setting, source),
            Self::Cached(cache) => {
                let pieces = typographic(pieces, language);
                let pieces = printable(&pieces, fonts);
                cache.set(fonts, &pieces, setting, source)
            }
            Self::Record(requests) => {
                requests.borrow_mut().push(Request {
                    pieces: pieces.to_vec(),
                    setting,
                    source,
                });
                Vec::new()
            }
            Self::Prepared(prepared) => {
                let mut prepared = prepared.borrow_mut();
                if prepared
                    .front()
                    .is_some_and(|(request, _)| request.is(pieces, setting, source))
                    && let Some((_, lines)) = prepared.pop_front()
                {
                    return lines;
                }
                // The builder asked for something else than it recorded (it does not,
                // but a paragraph set here is set right either way).
                set(fonts, language, pieces, setting, source)
            }
        }
    }

    /// A setter for the first pass.
    pub fn recorder() -> Self {
        Self::Record(RefCell::default())
    }

    /// What a first pass recorded.
    pub fn into_requests(self) -> Vec<Request> {
        match self {
            Self::Record(requests) => requests.into_inner(),
            Self::Direct | Self::Cached(_) | Self::Prepared(_) => Vec::new(),
        }
    }

    /// A setter for the second pass: the `requests` a first pass recorded, set on one
    /// thread per core.
    pub fn prepared(fonts: &Fonts, language: Language, requests: Vec<Request>) -> Self {
        // Installed fonts are found and numbered in the order the memo needs them, as in
        // one pass, not in whichever order the threads reach them: the same memo gives
        // the same PDF.
        for request in &requests {
            for piece in &request.pieces {
                fonts.resolve(piece.face, &piece.text);
            }
        }
        let lines = crate::parallel::map(
            &requests,
            0,
            |r| r.pieces.iter().map(|p| p.text.len()).sum(),
            |r| set(fonts, language, &r.pieces, r.setting, r.source),
        );
        Self::Prepared(RefCell::new(requests.into_iter().zip(lines).collect()))
    }
}

fn set(
    fonts: &Fonts,
    language: Language,
    pieces: &[Piece],
    setting: Setting,
    source: Part,
) -> Vec<SetLine> {
    let pieces = typographic(pieces, language);
    let pieces = printable(&pieces, fonts);
    set_paragraph(fonts, &pieces, setting, source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Builder, layout, layout_cached, sections, text_bytes};

    #[test]
    fn a_long_memo_set_on_several_threads_lays_out_as_in_one_pass() {
        let memo = crate::generate::memo(2026, 60, 1000);
        assert!(
            text_bytes(&memo) >= PARALLEL_BYTES,
            "takes the parallel path"
        );
        let fonts = Fonts::new().unwrap();
        let parallel = layout(&memo, &fonts, &memo.page);
        // The editor's path sets every paragraph in one pass.
        let serial = layout_cached(&memo, &fonts, &memo.page, &ParagraphCache::new());
        assert_eq!(parallel.document, serial.document);
        assert_eq!(parallel.warnings, serial.warnings);
    }

    #[test]
    fn the_second_pass_asks_for_exactly_what_the_first_recorded() {
        let memo = crate::generate::memo(2026, 12, 200);
        let fonts = Fonts::new().unwrap();
        let recorded = sections(Builder::new(&memo, &fonts, &memo.page, Setter::recorder()));
        let requests = recorded.setter.into_requests();
        assert!(requests.len() > 200, "{} paragraphs", requests.len());
        let prepared = Setter::prepared(&fonts, memo.language, requests);
        let second = sections(Builder::new(&memo, &fonts, &memo.page, prepared));
        let Setter::Prepared(left) = second.setter else {
            panic!("a prepared setter");
        };
        assert!(
            left.borrow().is_empty(),
            "every paragraph set beforehand was taken"
        );
    }

    /// A long memo with other scripts lays out on several threads as in one pass, the
    /// installed font loaded once. (What keeps two threads from loading a font twice, or
    /// numbering fonts in the order they happened to reach them, is the lock in
    /// `Fallbacks::for_char` and the in-order pass in `Setter::prepared`; the race itself
    /// does not show reliably in a test.)
    #[test]
    fn fonts_for_other_scripts_are_found_once_and_as_in_one_pass() {
        let fonts = crate::fonts::fixture_fonts;
        let mut memo = crate::generate::memo(2026, 60, 1000);
        for signatory in memo.signatories.iter_mut().step_by(7) {
            signatory.organization.push_str(" ✓ שלום");
        }
        for finding in &mut memo.findings {
            finding.evidence.push_str(" مركز ✓");
        }
        let parallel_fonts = fonts();
        let parallel = layout(&memo, &parallel_fonts, &memo.page);
        let serial = layout_cached(&memo, &fonts(), &memo.page, &ParagraphCache::new());
        assert_eq!(parallel.document, serial.document);
        assert_eq!(
            parallel_fonts.fallback_count(),
            1,
            "the fixture font, loaded once"
        );
    }
}
