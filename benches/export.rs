//! Layout, and layout + PDF bytes, for the bundled sample memo and for a large generated
//! memo of the shape of the shared benchmark (60 findings with quotes, 1,000 signatories).

use criterion::{Criterion, criterion_group, criterion_main};
use memodraft::fonts::Fonts;
use memodraft::{generate, layout, pdf, storage};

fn bench(c: &mut Criterion) {
    let fonts = Fonts::new().expect("bundled fonts");
    let small =
        storage::from_ron(include_str!("../assets/examples/sample-memo.ron")).expect("sample memo");
    let large = generate::memo(2026, 60, 1000);
    for (name, memo) in [("small", &small), ("large", &large)] {
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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
