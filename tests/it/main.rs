//! Integration tests: the real binary on real files, and property tests of round trips
//! and layout invariants. One test binary, a module per topic.

#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failed test

mod cli;
mod comparing;
mod conformance;
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

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

/// Runs the memodraft binary with `args`.
pub fn memodraft<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memodraft"))
        .args(args)
        .output()
        .expect("memodraft runs")
}

/// Runs the memodraft binary with `args` in the folder `dir`.
pub fn memodraft_in<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memodraft"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("memodraft runs")
}

/// What a run wrote to standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// What a run wrote to standard output.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of every page of a PDF, read back with lopdf.
pub fn pdf_text(path: &Path) -> (lopdf::Document, String) {
    let doc = lopdf::Document::load(path).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("text extracts");
    (doc, text)
}

/// `object`, or the object it refers to.
pub fn resolve<'a>(pdf: &'a lopdf::Document, object: &'a lopdf::Object) -> &'a lopdf::Object {
    match object {
        lopdf::Object::Reference(id) => pdf.get_object(*id).expect("a reference resolves"),
        other => other,
    }
}

/// The dictionary `object` is or refers to.
pub fn dict<'a>(pdf: &'a lopdf::Document, object: &'a lopdf::Object) -> &'a lopdf::Dictionary {
    resolve(pdf, object).as_dict().expect("a dictionary")
}

/// The name under `key` in `dict`, or "" when there is none.
pub fn name(dict: &lopdf::Dictionary, key: &[u8]) -> String {
    let value = dict
        .get(key)
        .and_then(lopdf::Object::as_name)
        .unwrap_or_default();
    String::from_utf8_lossy(value).into_owned()
}
