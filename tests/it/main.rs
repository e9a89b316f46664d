//! Integration tests: the real binary on real files, and property tests of round trips
//! and layout invariants. One test binary, a module per topic.

#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failed test

mod cli;
mod comparing;
mod desktop;
mod drafting;
mod editor;
mod fallback;
mod hostile;
mod kill;
mod languages;
mod locks;
mod logos;
mod merging;
mod painters;
mod props;
mod release;
mod saves;
mod signatories;
mod tagged;
mod translating;

use std::path::Path;

/// The text of every page of a PDF, read back with lopdf.
pub fn pdf_text(path: &Path) -> (lopdf::Document, String) {
    let doc = lopdf::Document::load(path).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("text extracts");
    (doc, text)
}
