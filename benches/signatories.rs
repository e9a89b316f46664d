//! Importing a 10,000-row sign-on CSV into a draft of 1,000 signatories: decoding,
//! delimiter sniffing, parsing, and duplicate detection (hash lookups, not pairwise).

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;

use memodraft::generate;
use memodraft::storage::signatories;

fn bench(c: &mut Criterion) {
    let draft = generate::memo(7, 4, 1000).signatories;
    // Another generated list: its names overlap the draft's, as late sign-ons do.
    let rows = generate::memo(8, 4, 10_000).signatories;
    let csv = signatories::export_csv(&rows);
    c.bench_function("import/10000 rows into 1000", |b| {
        b.iter(|| {
            let mut list = draft.clone();
            signatories::import_bytes(&mut list, &csv, Path::new("signons.csv")).expect("imports")
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
