//! The preview paints every word where the PDF prints it: egui's own text layout of the
//! preview's job for each run is measured against the position a PDF viewer gives the
//! same text from the TJ array the PDF painter writes.

use memodraft::fonts::Fonts;
use memodraft::layout::{self, TextRun};
use memodraft::{generate, preview, storage};

/// Preview scale for measuring: egui snaps glyphs to pixels, so measure large and divide.
const SCALE: f32 = 10.0;

/// Where a PDF viewer starts each non-empty segment of `run`, in page points: the TJ
/// array the PDF writes for it, walked as a viewer does (each string advances by its
/// glyphs' widths, each number moves back by thousandths of an em).
fn pdf_x(run: &TextRun, fonts: &Fonts) -> Vec<f32> {
    let mut x = run.origin.x.0;
    // The pen position before each char of the run.
    let mut at_char = Vec::new();
    memodraft::pdf::for_each_shown(run, |shown| match shown {
        memodraft::pdf::Shown::Offset(thousandths) => x -= thousandths / 1000.0 * run.size.0,
        memodraft::pdf::Shown::Text(text) => {
            for c in text.chars() {
                at_char.push(x);
                x += fonts.advance_in(run.face, run.fallback, c) * run.size.0;
            }
        }
    });
    assert_eq!(
        at_char.len(),
        run.text.chars().count(),
        "every char shown once"
    );
    run.segments()
        .iter()
        .filter(|s| !s.text.is_empty())
        .map(|s| at_char[run.text[..s.start].chars().count()])
        .collect()
}

/// The glyphs egui lays out for the preview's job of `run`: each with its character and
/// where it starts, in the galley's order.
fn preview_glyphs(ctx: &egui::Context, run: &TextRun) -> Vec<(char, f32)> {
    let job = preview::run_layout_job(run, SCALE);
    let galley = ctx.fonts_mut(|f| f.layout_job(job));
    galley
        .rows
        .iter()
        .flat_map(|row| {
            row.row
                .glyphs
                .iter()
                .map(move |g| (g.chr, row.pos.x + g.pos.x))
        })
        .collect()
}

/// Where egui puts the first glyph of each non-empty segment of the preview's job, in
/// page points.
fn preview_x(ctx: &egui::Context, run: &TextRun) -> Vec<f32> {
    let glyphs = preview_glyphs(ctx, run);
    assert_eq!(
        glyphs.len(),
        run.text.chars().count(),
        "one glyph per character"
    );
    run.segments()
        .iter()
        .filter(|s| !s.text.is_empty())
        .map(|s| {
            let first = run.text.get(..s.start).unwrap().chars().count();
            let (c, x) = glyphs[first];
            assert_eq!(Some(c), s.text.chars().next());
            run.origin.x.0 + x / SCALE
        })
        .collect()
}

fn assert_same_places(memo: &memodraft::model::Memo, what: &str) {
    assert_same_places_with(memo, &Fonts::new().unwrap(), what);
}

fn assert_same_places_with(memo: &memodraft::model::Memo, fonts: &Fonts, what: &str) {
    let laid = layout::layout(memo, fonts, &memo.page);
    let ctx = egui::Context::default();
    preview::install_fonts(&ctx, fonts);
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    let mut runs = 0;
    for (p, page) in laid.document.pages.iter().enumerate() {
        for run in page.texts() {
            let (pdf, shown) = (pdf_x(run, fonts), preview_x(&ctx, run));
            assert_eq!(
                pdf.len(),
                shown.len(),
                "{what} page {}: {:?}",
                p + 1,
                run.text
            );
            for (a, b) in pdf.iter().zip(&shown) {
                assert!(
                    (a - b).abs() < 0.1,
                    "{what} page {}: {:?} at {a} in the PDF, {b} in the preview",
                    p + 1,
                    run.text
                );
            }
            runs += 1;
        }
    }
    assert!(runs > 50, "{what}: only {runs} runs measured");
}

#[test]
fn the_preview_places_every_word_of_the_sample_where_the_pdf_does() {
    assert_same_places(&storage::sample().unwrap(), "sample");
}

#[test]
fn the_preview_places_every_word_of_generated_memos_where_the_pdf_does() {
    for seed in [1, 7, 2026] {
        assert_same_places(&generate::memo(seed, 4, 40), &format!("seed {seed}"));
    }
}

#[test]
fn the_preview_places_words_in_a_fallback_font_and_placeholders_where_the_pdf_does() {
    let fonts = crate::fallback::fixture_fonts();
    let mut memo = crate::fallback::memo_with_other_scripts();
    // Right-to-left text is drawn by egui in its own order (it shapes each segment with
    // its direction); it is not compared here.
    memo.signatories.retain(|s| {
        !s.organization
            .chars()
            .any(|c| ('\u{0590}'..='\u{08FF}').contains(&c))
    });
    assert_same_places_with(&memo, &fonts, "other scripts");
    let laid = layout::layout(&memo, &fonts, &memo.page);
    assert!(
        laid.document
            .pages
            .iter()
            .flat_map(memodraft::layout::Page::texts)
            .any(|r| r.fallback.is_some()),
        "the memo has runs in the fallback font"
    );
}

/// A number written in Arabic-Indic or Persian digits prints left to right inside
/// Arabic text, in the PDF and in the preview, though a shaper guessing the direction
/// from the digits' script (Arabic) lays them out from the right unless it is handed
/// them reversed.
#[test]
fn numbers_in_arabic_indic_and_persian_digits_print_left_to_right() {
    let fonts = crate::fallback::fixture_fonts();
    let mut memo = storage::sample().unwrap();
    memo.introduction = "تقرير ٢٠٢٦ و ۱۴۰۳ عن الوضع".to_owned();
    let laid = layout::layout(&memo, &fonts, &memo.page);
    let ctx = egui::Context::default();
    preview::install_fonts(&ctx, &fonts);
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    for number in ["٢٠٢٦", "۱۴۰۳"] {
        let run = laid.document.pages[0]
            .texts()
            .find(|run| run.text.contains(number))
            .unwrap_or_else(|| panic!("{number} is laid out as typed, left to right"));
        let mut glyphs = preview_glyphs(&ctx, run);
        glyphs.sort_by(|a, b| a.1.total_cmp(&b.1));
        let shown: String = glyphs.iter().map(|g| g.0).collect();
        // (egui follows a right-to-left section's glyphs with zero-width ones at its
        // end; the number's own come first.)
        assert!(
            shown.starts_with(number),
            "the preview shows {number} from the left: {shown:?}"
        );
    }
    let bytes = memodraft::pdf::export(
        &laid.document,
        &fonts,
        &memodraft::pdf::PdfOptions::default(),
    )
    .unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    // The page's text in the order the glyphs are drawn, from the left.
    let text = doc.extract_text(&[1]).unwrap();
    for number in ["٢٠٢٦", "۱۴۰۳"] {
        assert!(
            text.contains(number),
            "the PDF draws {number} from the left: {text}"
        );
    }
}
