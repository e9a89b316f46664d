//! Layout, and layout + PDF bytes, for the bundled sample memo and for a large generated
//! memo of the shape of the comparison benchmark (60 findings with quotes, 1,000
//! signatories).
//!
//! When `MEMODRAFT_BENCH_MEMOS` names a folder, every `.ron` draft in it is measured too
//! (e.g. the comparison benchmark's memos converted with `benches/memo_json_to_ron.py`);
//! without it those are skipped, and the run says so.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use memodraft::fonts::Fonts;
use memodraft::{generate, layout, pdf, storage};

fn bench(c: &mut Criterion) {
    let fonts = Fonts::new().expect("bundled fonts");
    let small =
        storage::from_ron(include_str!("../assets/examples/sample-memo.ron")).expect("sample memo");
    let large = generate::memo(2026, 60, 1000);
    let mut memos = vec![("small".to_owned(), small), ("large".to_owned(), large)];
    memos.extend(bench_memos());
    for (name, memo) in &memos {
        c.bench_function(&format!("layout/{name}"), |b| {
            b.iter(|| layout::layout(memo, &fonts, &memo.page));
        });
        c.bench_function(&format!("layout+pdf/{name}"), |b| {
            b.iter(|| {
                let laid = layout::layout(memo, &fonts, &memo.page);
                pdf::export(&laid.document, &fonts, &pdf::PdfOptions::default()).expect("pdf")
            });
        });
    }
}

/// The drafts in the folder `MEMODRAFT_BENCH_MEMOS` names, by file stem; none without it.
fn bench_memos() -> Vec<(String, memodraft::model::Memo)> {
    let Some(dir) = std::env::var_os("MEMODRAFT_BENCH_MEMOS").map(PathBuf::from) else {
        eprintln!(
            "MEMODRAFT_BENCH_MEMOS is not set: skipping the benchmark memos (only generated ones)"
        );
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("MEMODRAFT_BENCH_MEMOS={}: {e}", dir.display()))
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let memo = storage::load_draft(&path).unwrap_or_else(|e| panic!("{e}"));
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            (format!("bench/{stem}"), memo)
        })
        .collect()
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
