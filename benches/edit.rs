//! One edit in the large generated memo (60 findings, 1,000 signatories, 64 pages), as the
//! editor does it: a keystroke changes the model, the memo is compared with the one laid
//! out last and copied, laid out again with the paragraph cache, and the page showing the
//! edit is painted into egui shapes and tessellated. Then a keystroke's spell check of the
//! edited field (with the system's English dictionary; skipped without one). Then the same
//! memo with a Spanish translation of every passage: switching the preview's language, a
//! keystroke while the translation is there, and the translation status the outline shows.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use memodraft::fonts::Fonts;
use memodraft::generate;
use memodraft::layout::{self, ParagraphCache};
use memodraft::model::{Language, Part};
use memodraft::preview::{self, PageView};
use memodraft::spell::{SpellCache, Speller};

fn raw_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(900.0, 1100.0),
        )),
        ..egui::RawInput::default()
    }
}

fn bench(c: &mut Criterion) {
    let fonts = Fonts::new().expect("bundled fonts");
    let mut memo = generate::memo(2026, 60, 1000);
    let cache = ParagraphCache::new();
    let mut laid_from = memo.clone();
    let mut laid = layout::layout_cached(&memo, &fonts, &memo.page, &cache);
    let ctx = egui::Context::default();
    preview::install_fonts(&ctx, &fonts);
    let finding = memo.findings.get(30).map(|f| f.id).expect("60 findings");
    let part = Part::Finding(finding);
    let paint = |ctx: &egui::Context, laid: &layout::Laid| {
        let (index, _) =
            preview::locate(&laid.document.pages, part).unwrap_or((0, layout::Pt::ZERO));
        let mut output = ctx.run_ui(raw_input(), |ui| {
            if let Some(page) = laid.document.pages.get(index) {
                let view = PageView::new(ui.max_rect().min, page, 1.3);
                preview::paint_page(ui.painter(), view, page, &laid.document.images, Some(part));
            }
        });
        // No GPU here: the font atlas updates a renderer would upload are dropped.
        output.textures_delta.clear();
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    };
    // Warm the font atlas as a running editor has.
    paint(&ctx, &laid);
    let mut n = 0_u32;
    c.bench_function("edit/large: keystroke -> layout -> preview shapes", |b| {
        b.iter(|| {
            n += 1;
            if let Some(f) = memo.findings.get_mut(30) {
                f.evidence.push(if n.is_multiple_of(6) { ' ' } else { 'a' });
            }
            if memo != laid_from {
                // As the editor: the memo in the preview's language (its own: no copy).
                let shown = memo.in_language(memo.language);
                laid = layout::layout_cached(&shown.memo, &fonts, &shown.memo.page, &cache);
                laid_from = memo.clone();
            }
            black_box(paint(&ctx, &laid))
        });
    });
    languages(c, &fonts, &memo);
    c.bench_function("relayout/large: full layout, no cache", |b| {
        b.iter(|| layout::layout(&memo, &fonts, &memo.page));
    });
    spelling(c, &memo);
}

/// The large memo with every passage translated ("ES " before each, so that no paragraph
/// is shared with the English).
fn languages(c: &mut Criterion, fonts: &Fonts, memo: &memodraft::model::Memo) {
    let es = Language::Spanish;
    let mut memo = memo.clone();
    let passages: Vec<_> = memo
        .passages()
        .into_iter()
        .map(|(p, text)| (p, format!("ES {text}")))
        .collect();
    for (passage, text) in passages {
        memo.set_translation(es, passage, text);
    }
    // As the editor: one paragraph cache per language shown.
    let caches = [ParagraphCache::new(), ParagraphCache::new()];
    let cache_of = |language: Language| &caches[usize::from(language == es)];
    for language in [es, memo.language] {
        let shown = memo.in_language(language);
        let cache = cache_of(language);
        black_box(layout::layout_cached(
            &shown.memo,
            fonts,
            &shown.memo.page,
            cache,
        ));
    }
    let mut flip = false;
    c.bench_function(
        "language/large: switch the preview's language (seen before)",
        |b| {
            b.iter(|| {
                flip = !flip;
                let language = if flip { es } else { memo.language };
                let shown = memo.in_language(language);
                let cache = cache_of(language);
                black_box(layout::layout_cached(
                    &shown.memo,
                    fonts,
                    &shown.memo.page,
                    cache,
                ))
            });
        },
    );
    let cache = cache_of(es);
    c.bench_function(
        "language/large: first switch to Spanish (nothing cached)",
        |b| {
            b.iter(|| {
                let shown = memo.in_language(es);
                black_box(layout::layout(&shown.memo, fonts, &shown.memo.page))
            });
        },
    );
    c.bench_function(
        "language/large: translation status (the outline, every frame)",
        |b| {
            b.iter(|| black_box(memo.translation_status(es)));
        },
    );
    let mut n = 0_u32;
    let mut laid_from = memo.clone();
    c.bench_function(
        "language/large: keystroke with a translation, Spanish shown",
        |b| {
            b.iter(|| {
                n += 1;
                if let Some(f) = memo.findings.get_mut(30) {
                    f.evidence.push(if n.is_multiple_of(6) { ' ' } else { 'a' });
                }
                if memo != laid_from {
                    let shown = memo.in_language(es);
                    black_box(layout::layout_cached(
                        &shown.memo,
                        fonts,
                        &shown.memo.page,
                        cache,
                    ));
                    laid_from = memo.clone();
                }
            });
        },
    );
}

/// A keystroke in a long evidence field with spelling on: the field's misspellings are
/// asked for every frame, and only the paragraph the keystroke changed is checked again.
fn spelling(c: &mut Criterion, memo: &memodraft::model::Memo) {
    let speller = match Speller::load(Language::English) {
        Ok(speller) => speller,
        Err(e) => {
            eprintln!("spelling benchmarks skipped: {e}");
            return;
        }
    };
    // Forty paragraphs of the generated evidence, about 2,500 words.
    let mut text = memo
        .findings
        .iter()
        .take(40)
        .map(|f| f.evidence.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let words = Vec::new();
    let mut cache = SpellCache::new();
    black_box(cache.misspelled(&speller, &text, &words));
    let base = text.clone();
    let mut n = 0_u32;
    c.bench_function("spell/keystroke in a 40-paragraph field (cached)", |b| {
        b.iter(|| {
            // The last paragraph gains a word never seen before, as typing makes.
            n += 1;
            text.clone_from(&base);
            text.push(' ');
            let mut k = n;
            while k > 0 {
                text.push(char::from(b'a' + (k % 26) as u8));
                k /= 26;
            }
            black_box(cache.misspelled(&speller, &text, &words))
        });
    });
    c.bench_function("spell/the same field checked whole, no cache", |b| {
        b.iter(|| black_box(speller.misspelled(&text, &words)));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
