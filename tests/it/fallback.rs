//! No character dropped (issue 11): characters the bundled Liberation Serif lacks are drawn
//! from an installed font, embedded and subset; those no font has print as a placeholder
//! and are reported, naming the field. The fonts "installed" here are only the small
//! subset of `DejaVu Sans` in tests/fixtures/fonts (✓, Arabic, Persian, Hebrew; no
//! Chinese, no emoji), so the tests do not depend on the machine.

use std::path::PathBuf;

use memodraft::fonts::{FontFolders, Fonts, PLACEHOLDER};
use memodraft::layout::{self, Item};
use memodraft::model::{Memo, SignOnStatus, Signatory};
use memodraft::{pdf, storage};

const CHECKED: &str = "Red ✓ Defensoras";
pub const ARABIC: &str = "مركز الخليج لحقوق الإنسان";
const CHINESE: &str = "北京人权中心";
const EMOJI: &str = "Voces 🕊 Unidas";
/// A Persian name with a zero-width non-joiner (U+200C) inside a word: "حقوق‌بشر" prints as
/// one word whose two parts do not join. Liberation Serif has the non-joiner and none
/// of the Persian letters.
const PERSIAN: &str = "کانون مدافعان حقوق\u{200C}بشر";

pub fn fixture_fonts() -> Fonts {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts");
    Fonts::with_folders(FontFolders::Only(vec![dir])).unwrap()
}

/// The sample memo with four more confirmed signatories, whose names are pasted from
/// partners' messages.
pub fn memo_with_other_scripts() -> Memo {
    let mut memo = storage::sample().unwrap();
    for name in [CHECKED, ARABIC, CHINESE, EMOJI, PERSIAN] {
        memo.signatories.push(Signatory {
            organization: name.to_owned(),
            country: "Mexico".to_owned(),
            status: SignOnStatus::Confirmed,
            signed: memo.date,
            ..Signatory::default()
        });
    }
    memo
}

/// A right-to-left name as drawn from left to right.
pub fn visual(name: &str) -> String {
    name.chars().rev().collect()
}

/// [`memo_with_other_scripts`] exported with the fixture fonts, read back.
fn exported_with_other_scripts() -> lopdf::Document {
    let memo = memo_with_other_scripts();
    let fonts = fixture_fonts();
    let laid = layout::layout(&memo, &fonts, &memo.page);
    let bytes = pdf::export(&laid.document, &fonts, &pdf::PdfOptions::default()).unwrap();
    lopdf::Document::load_mem(&bytes).unwrap()
}

fn number_of(memo: &Memo, name: &str) -> usize {
    memo.signatories
        .iter()
        .position(|s| s.organization == name)
        .unwrap()
        + 1
}

#[test]
fn a_check_mark_and_an_arabic_name_are_embedded_from_the_fallback_font_and_read_back() {
    let doc = exported_with_other_scripts();

    let base_fonts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Font"))
        .filter_map(|d| d.get(b"BaseFont").and_then(|n| n.as_name()).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    assert!(
        base_fonts
            .iter()
            .any(|n| n.len() == 7 + "DejaVuSans".len() && n.ends_with("+DejaVuSans")),
        "the fallback font is embedded as a subset: {base_fonts:?}"
    );

    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    assert!(text.contains("Red ✓"), "the check mark reads back: {text}");
    // Drawn right to left: the page holds the name in visual order, which readers of
    // the text (pdftotext, a screen reader) turn back into its reading order.
    assert!(
        text.contains(&visual(ARABIC)),
        "the Arabic name is drawn in its visual order, every letter kept"
    );
    let boxes: String = std::iter::repeat_n(PLACEHOLDER, CHINESE.chars().count()).collect();
    assert!(
        text.contains(&boxes),
        "the Chinese name prints as placeholders"
    );
    assert!(
        text.contains(&format!("Voces {PLACEHOLDER} Unidas")),
        "the emoji prints as a placeholder"
    );
}

#[test]
fn an_arabic_name_prints_joined_with_its_ligatures_and_reads_back_letter_by_letter() {
    let doc = exported_with_other_scripts();
    let (_, map) = crate::conformance::to_unicode_maps(&doc, "other scripts")
        .into_iter()
        .find(|(font, _)| font.ends_with("+DejaVuSans"))
        .expect("the fallback font is embedded with a ToUnicode map");
    let glyphs_for = |text: &str| map.values().filter(|t| *t == text).count();
    // الإنسان ends in nun after alef (its isolated form) and has a nun joined to the seen
    // after it (initial form); لحقوق has a qaf inside the word (medial) and one at its
    // end after waw (isolated): two glyphs each, not the one a letter has on its own.
    assert!(glyphs_for("ن") >= 2, "nun in two forms: {map:?}");
    assert!(glyphs_for("ق") >= 2, "qaf in two forms: {map:?}");
    // Lam then alef with hamza below print as one glyph, which stands for both, in the
    // order they print (right to left), so the page's text reads as before.
    assert_eq!(
        glyphs_for("\u{0625}\u{0644}"),
        1,
        "the lam-alef ligature: {map:?}"
    );
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    assert!(
        text.contains(&visual(ARABIC)),
        "every letter of the joined name reads back, in the order it prints: {text}"
    );
}

#[test]
fn the_fallback_runs_are_drawn_in_the_fallback_font_and_the_rest_in_the_bundled_one() {
    let memo = memo_with_other_scripts();
    let fonts = fixture_fonts();
    let laid = layout::layout(&memo, &fonts, &memo.page);
    let runs: Vec<_> = laid
        .document
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text(run) => Some(run),
            Item::Rule(_) | Item::Link(_) | Item::Image(_) => None,
        })
        .collect();
    let fallback: String = runs
        .iter()
        .filter(|r| r.fallback.is_some())
        .map(|r| r.text.as_str())
        .collect();
    assert!(fallback.contains('✓'));
    assert!(
        fallback.contains(&visual(ARABIC)),
        "the Arabic name is one run, right to left: {fallback:?}"
    );
    assert!(
        fallback.chars().all(|c| !c.is_ascii_alphabetic()),
        "Latin letters stay in Liberation Serif: {fallback:?}"
    );
    let placeholders = runs
        .iter()
        .filter(|r| r.fallback.is_none())
        .map(|r| r.text.matches(PLACEHOLDER).count())
        .sum::<usize>();
    assert_eq!(placeholders, CHINESE.chars().count() + 1);
}

/// The fixture's Persian-capable font made variable (`tests/fixtures/fonts-variable`): a
/// weight-axis font, as some systems install their Noto fonts, whose empty glyphs have no
/// bounds at all.
fn variable_fixture_fonts() -> Fonts {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts-variable");
    Fonts::with_folders(FontFolders::Only(vec![dir])).unwrap()
}

#[test]
fn a_persian_name_with_a_zero_width_non_joiner_prints_as_one_run_and_reads_back_whole() {
    persian_name_prints_and_reads_back(&fixture_fonts());
    persian_name_prints_and_reads_back(&variable_fixture_fonts());
}

fn persian_name_prints_and_reads_back(fonts: &Fonts) {
    let memo = memo_with_other_scripts();
    let laid = layout::layout(&memo, fonts, &memo.page);
    let runs: Vec<_> = laid
        .document
        .pages
        .iter()
        .flat_map(memodraft::layout::Page::texts)
        .collect();
    // The non-joiner is not a run of its own in Liberation Serif: that cut the name into
    // three runs, drawn one after the other from the left, so the word's second part
    // printed before its first.
    for run in runs.iter().filter(|r| r.fallback.is_none()) {
        assert!(
            !run.text.contains('\u{200C}'),
            "the non-joiner is drawn with the Persian text around it, not in {:?}",
            run.text
        );
    }
    assert!(
        runs.iter()
            .any(|r| r.fallback.is_some() && r.text.contains(&visual(PERSIAN))),
        "the name is one run, right to left"
    );

    let bytes = pdf::export(&laid.document, fonts, &pdf::PdfOptions::default()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    assert!(
        text.contains(&visual(PERSIAN)),
        "the name reads back with its non-joiner (not a space) in its place: {text}"
    );
}

#[test]
fn check_reports_exactly_the_characters_no_font_has_naming_the_field() {
    let memo = memo_with_other_scripts();
    let fonts = fixture_fonts();
    let laid = layout::layout(&memo, &fonts, &memo.page);
    let problems: Vec<String> = laid
        .problems(&memo, memo.date.unwrap())
        .into_iter()
        .map(|p| p.message)
        .filter(|m| m.contains("no installed font"))
        .collect();
    assert_eq!(
        problems,
        [
            format!(
                "Signatory {} \"{CHINESE}\": 6 characters no installed font can show",
                number_of(&memo, CHINESE)
            ),
            format!(
                "Signatory {} \"{EMOJI}\": 1 character no installed font can show",
                number_of(&memo, EMOJI)
            ),
        ]
    );
}

/// A word wider than the line is cut to fit, measured in the fonts that print it: a
/// word of check marks (drawn from the fallback font, wider than the bundled font's
/// missing-glyph box it was once measured with) ran past the right margin.
#[test]
fn a_word_of_fallback_characters_longer_than_the_line_is_cut_inside_the_margin() {
    let fonts = fixture_fonts();
    let mut memo = storage::sample().unwrap();
    memo.introduction = format!("Before {} after.", "✓".repeat(120));
    let laid = layout::layout(&memo, &fonts, &memo.page);
    let g = layout::Geometry::of(&memo.page);
    let right = g.width - g.right;
    let checks: Vec<&layout::TextRun> = laid.document.pages[0]
        .texts()
        .filter(|run| run.text.contains('✓'))
        .collect();
    let drawn: usize = checks.iter().map(|r| r.text.matches('✓').count()).sum();
    assert_eq!(drawn, 120, "every check mark is drawn once");
    assert!(checks.len() >= 2, "the word is cut over lines: {checks:?}");
    for run in checks {
        assert!(run.fallback.is_some(), "drawn from the fallback font");
        let end = run.origin.x + run.width;
        assert!(
            end.0 <= right.0 + 0.05,
            "{:?} ends at {} beyond the margin at {}",
            run.text,
            end.0,
            right.0
        );
    }
}

/// A right-to-left footer line is a run in visual order, as the body's are, joined.
#[test]
fn an_arabic_footer_line_is_stored_and_drawn_as_it_prints_like_the_body() {
    let fonts = fixture_fonts();
    let mut memo = storage::sample().unwrap();
    memo.letterhead.footer = ARABIC.to_owned();
    let laid = layout::layout(&memo, &fonts, &memo.page);
    let footer: Vec<&layout::TextRun> = laid.document.pages[0]
        .texts()
        .filter(|run| run.source == layout::Part::Letterhead && run.fallback.is_some())
        .collect();
    let text: String = footer.iter().map(|run| run.text.as_str()).collect();
    assert_eq!(text, visual(ARABIC), "in visual order, as body runs are");
    assert!(footer.iter().all(|run| run.shaped), "joined: {footer:?}");
    let bytes = pdf::export(&laid.document, &fonts, &pdf::PdfOptions::default()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let text = doc.extract_text(&[1]).unwrap();
    assert!(text.contains(&visual(ARABIC)), "{text}");
}

/// A footer line in two directions is cut where its bidi level changes, as the body's
/// lines are: each painter then gets one direction per run, and both show the Hebrew
/// name right to left and the Latin one left to right.
#[test]
fn a_footer_line_in_two_directions_prints_each_part_in_its_own() {
    let fonts = fixture_fonts();
    let mut memo = storage::sample().unwrap();
    memo.letterhead.footer = "בצלם – B'Tselem".to_owned();
    let laid = layout::layout(&memo, &fonts, &memo.page);
    let footer: Vec<&layout::TextRun> = laid.document.pages[0]
        .texts()
        .filter(|run| run.source == layout::Part::Letterhead && run.tag == layout::Tag::Artifact)
        .collect();
    let texts: Vec<&str> = footer.iter().map(|run| run.text.as_str()).collect();
    // The dash between the two directions takes the line's (rule N1 of the bidi
    // algorithm), so it goes with the Latin.
    assert_eq!(
        texts,
        vec!["םלצב", " – B’Tselem"],
        "the Hebrew stored as it prints, the Latin as typed (with its apostrophe)"
    );
    // The preview hands egui each run in reading order.
    let preview: Vec<String> = footer
        .iter()
        .map(|run| memodraft::preview::run_layout_job(run, 1.0).text)
        .collect();
    assert_eq!(preview, vec!["בצלם", " – B’Tselem"]);
    let bytes = pdf::export(&laid.document, &fonts, &pdf::PdfOptions::default()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let text = doc.extract_text(&[1]).unwrap();
    let hebrew = text.find("םלצב").expect("the Hebrew name, as it prints");
    let latin = text.find("B’Tselem").expect("the Latin name, as typed");
    assert!(hebrew < latin, "left to right on the page: {text}");
}

/// The running header's line is laid out by the body's bidi rule: an Arabic subject with
/// a year and a bracketed name in Liberation Serif's digits and brackets reads from the
/// right.
#[test]
fn a_running_header_with_an_arabic_subject_a_year_and_brackets_prints_from_the_right() {
    let fonts = fixture_fonts();
    let mut memo = storage::sample().unwrap();
    // Three fonts' runs: the Arabic font, Liberation Serif's digits and brackets.
    memo.subject = "تقرير 2026 (مركز)".to_owned();
    let laid = layout::layout(&memo, &fonts, &memo.page);
    let page = laid
        .document
        .pages
        .get(1)
        .expect("a second page, with its header");
    let header_y = page
        .texts()
        .filter(|run| run.source == layout::Part::Furniture)
        .map(|run| run.origin.y.0)
        .fold(f32::MAX, f32::min);
    let mut header: Vec<&layout::TextRun> = page
        .texts()
        .filter(|run| {
            run.source == layout::Part::Furniture && (run.origin.y.0 - header_y).abs() < 0.01
        })
        .filter(|run| !run.text.contains(|c: char| c.is_ascii_alphabetic()))
        .collect();
    header.sort_by(|a, b| a.origin.x.0.total_cmp(&b.origin.x.0));
    let printed: String = header.iter().map(|run| run.text.as_str()).collect();
    // As it reads from the right: تقرير, then the year, then the bracketed name, its
    // brackets opening towards it.
    assert!(
        printed.starts_with("(زكرم) 2026 ريرقت"),
        "the running header from the left: {printed:?}"
    );
}

/// The running header's subject is cut to fit before the date as it prints: in runs cut
/// where the bidi level changes, each shaped on its own. "□ﬡAP" (a Hebrew letter inside
/// Latin ones) shaped whole is 0.13 em narrower than its runs, so a subject that fit
/// whole ran into the date.
#[test]
fn a_running_header_subject_with_letters_of_two_directions_stops_before_the_date() {
    let fonts = fixture_fonts();
    let mut memo = storage::sample().unwrap();
    let mut cut = 0;
    for n in 8..30 {
        memo.subject = vec!["□ﬡAP"; n].join(" ");
        let laid = layout::layout(&memo, &fonts, &memo.page);
        let page = laid.document.pages.get(1).expect("a running header");
        let header: Vec<&layout::TextRun> = page
            .texts()
            .filter(|run| run.source == layout::Part::Furniture)
            .collect();
        let y = header
            .iter()
            .map(|run| run.origin.y.0)
            .fold(f32::MAX, f32::min);
        let line: Vec<&&layout::TextRun> = header
            .iter()
            .filter(|run| (run.origin.y.0 - y).abs() < 0.01)
            .collect();
        let date = line
            .iter()
            .filter(|run| run.face == memodraft::fonts::Face::Regular)
            .map(|run| run.origin.x.0)
            .fold(f32::MAX, f32::min);
        let size = line.first().expect("the header's runs").size.0;
        let subject_end = line
            .iter()
            .filter(|run| run.face == memodraft::fonts::Face::Italic)
            .map(|run| run.origin.x.0 + run.width.0)
            .fold(0.0, f32::max);
        assert!(
            date < f32::MAX && subject_end > 0.0,
            "{n} words: the date and the subject are in the header: {line:?}"
        );
        assert!(
            subject_end <= date - 2.0 * size + 0.01,
            "{n} words: the subject ends at {subject_end}, the date starts at {date}"
        );
        if line.iter().any(|run| run.text.contains('\u{2026}')) {
            // Cut where the next character would not fit: no more room is left than a
            // character and a space.
            assert!(
                date - 2.0 * size - subject_end < 1.5 * size,
                "{n} words: cut short, at {subject_end} with the date at {date}"
            );
            cut += 1;
        }
    }
    assert!(cut > 0, "the longer subjects are cut with an ellipsis");
}

/// The page furniture (the running header's subject from page 2 on, the letterhead's
/// footer line on every page) draws characters the bundled font lacks from the fallback
/// font too: they once went out as the missing glyph, with no warning.
#[test]
fn the_running_header_and_the_footer_line_draw_other_scripts_from_the_fallback_font() {
    let fonts = fixture_fonts();
    let mut memo = storage::sample().unwrap();
    memo.subject = "Assessment ✓ for the Senate".to_owned();
    memo.letterhead.footer = "Alianza ✓ example.org".to_owned();
    let laid = layout::layout(&memo, &fonts, &memo.page);
    assert!(laid.document.pages.len() >= 2, "a running header");
    for (n, page) in laid.document.pages.iter().enumerate() {
        let checks: Vec<&layout::TextRun> = page
            .texts()
            .filter(|run| run.tag == layout::Tag::Artifact && run.text.contains('✓'))
            .collect();
        let expected = if n == 0 { 1 } else { 2 };
        assert_eq!(
            checks.len(),
            expected,
            "page {n}: the footer (and header): {checks:?}"
        );
        for run in checks {
            assert!(
                run.fallback.is_some(),
                "page {n}: {:?} in the fallback font",
                run.text
            );
            assert_eq!(
                run.text.trim(),
                "✓",
                "page {n}: only the check mark is in the fallback font"
            );
        }
    }
    let bytes = pdf::export(&laid.document, &fonts, &pdf::PdfOptions::default()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let last = u32::try_from(doc.get_pages().len()).unwrap();
    let text = doc.extract_text(&[last]).unwrap();
    assert!(
        text.contains('✓'),
        "the check mark reads back from the last page: {text}"
    );
}

/// Direction marks pasted around names are invisible: Liberation Serif's glyphs for them
/// show a mark, and the PDF never draws those (the shaper's blank takes their place,
/// and a mark alone at a level of its own has done its work in the line's levels).
#[test]
fn direction_marks_are_never_drawn_with_liberation_serifs_visible_glyphs() {
    let fonts = fixture_fonts();
    let mut memo = storage::sample().unwrap();
    memo.introduction = "Informe de B'Tselem\u{200E} y de B'Tselem\u{200F} con שלום\u{200F}.\n\n\
                         Only Latin: B'Tselem\u{200E} y Fundar\u{200F}."
        .to_owned();
    let laid = layout::layout(&memo, &fonts, &memo.page);
    let bytes = pdf::export(&laid.document, &fonts, &pdf::PdfOptions::default()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let maps = crate::conformance::to_unicode_maps(&doc, "direction marks");
    assert!(
        maps.iter()
            .any(|(font, _)| font.ends_with("+LiberationSerif")),
        "the body font is embedded: {:?}",
        maps.keys().collect::<Vec<_>>()
    );
    let shown = crate::conformance::shown_glyphs(&doc, "direction marks");
    let mut checked = 0;
    for (font, map) in &maps {
        for mark in ["\u{200E}", "\u{200F}"] {
            // The mark's own glyph in this font, if the font maps one to it.
            for (gid, _) in map.iter().filter(|(_, text)| *text == mark) {
                checked += 1;
                assert!(
                    !shown.iter().any(|s| s.font == *font && s.gid == *gid),
                    "{font} draws its glyph {gid} of U+{:04X}",
                    u32::from(mark.chars().next().unwrap())
                );
            }
        }
    }
    assert!(
        checked >= 2,
        "Liberation Serif's glyphs for both marks were looked for: {checked}"
    );
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    assert!(text.contains("B’Tselem"), "{text}");
}

/// A link whose words are Arabic tells a screen reader its words in reading order, not in
/// the order they print, and the space between two of them is part of it.
#[test]
fn a_link_in_arabic_says_its_words_in_reading_order() {
    let fonts = fixture_fonts();
    let mut memo = storage::sample().unwrap();
    // The brackets around the year are a run of their own at the Arabic's level, which
    // prints them mirrored: the link still says them as typed.
    memo.introduction = "See [مركز الخليج 2026 لحقوق](https://gc4hr.example.org) and \
         [مركز (2026) لحقوق](https://ar.example.org) for the report."
        .to_owned();
    let laid = layout::layout(&memo, &fonts, &memo.page);
    let bytes = pdf::export(&laid.document, &fonts, &pdf::PdfOptions::default()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let contents: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Link"))
        .filter_map(|d| d.get(b"Contents").ok())
        .filter_map(|c| lopdf::decode_text_string(c).ok())
        .collect();
    // (The endnote that gives the address is a link too, saying only the address.)
    for said in [
        "مركز الخليج 2026 لحقوق (https://gc4hr.example.org)",
        "مركز (2026) لحقوق (https://ar.example.org)",
    ] {
        assert!(
            contents.iter().any(|c| c == said),
            "the link says its words as typed, {said:?}: {contents:?}"
        );
    }
}
