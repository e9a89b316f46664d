//! One memo in English and Spanish: `memodraft export --lang`, `--strict`, `check`, and
//! drafts from before translations that must print as they always did.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use memodraft::model::{Language, Passage, PassageState};

use crate::{memodraft_in, stderr};

const SAMPLE: &str = include_str!("../../assets/examples/sample-memo.ron");

/// The PDF's text with runs of white space as one space.
fn flat_text(path: &Path) -> String {
    let (_, text) = crate::pdf_text(path);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text without white space: the letter-spaced heading and labels set apart from their
/// lines read back in one piece.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn sample_in(dir: &Path) -> PathBuf {
    let draft = dir.join("memo.ron");
    fs::write(&draft, SAMPLE).unwrap();
    draft
}

#[test]
fn the_bilingual_sample_exports_an_english_and_a_spanish_pdf_of_the_same_memo() {
    let dir = tempfile::tempdir().unwrap();
    sample_in(dir.path());
    let out = memodraft_in(dir.path(), &["export", "memo.ron", "--lang", "all"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let en = flat_text(&dir.path().join("memo.en.pdf"));
    let es = flat_text(&dir.path().join("memo.es.pdf"));
    for label in [
        "MEMORANDUM",
        "TO:",
        "FROM:",
        "DATE:",
        "November 20, 2026",
        "Finding 1:",
    ] {
        assert!(
            squash(&en).contains(&squash(label)),
            "English PDF lacks {label:?}"
        );
    }
    for label in [
        "MEMORÁNDUM",
        "PARA:",
        "DE:",
        "FECHA:",
        "20 de noviembre de 2026",
        "Hallazgo 1:",
        "Evaluación:",
        "Organizaciones firmantes",
        "México",
    ] {
        assert!(
            squash(&es).contains(&squash(label)),
            "Spanish PDF lacks {label:?}"
        );
    }
    assert!(!es.contains("Findings") && !es.contains("Assessment:"));
    // The same findings, quotes and signatories: translated text, untranslated names.
    let memo = memodraft::storage::from_ron(SAMPLE).unwrap();
    for (_, s) in memo.confirmed() {
        let name = squash(&s.organization);
        assert!(squash(&en).contains(&name), "{} in English", s.organization);
        assert!(squash(&es).contains(&name), "{} in Spanish", s.organization);
    }
    for q in &memo.quotes {
        let spanish = &memo
            .translated(Language::Spanish, Passage::QuoteText(q.id))
            .unwrap()
            .text;
        let words: String = spanish.split_whitespace().take(4).collect();
        assert!(squash(&es).contains(&words), "quote {:?} in Spanish", q.id);
        let words: String = q.text.split_whitespace().take(4).collect();
        assert!(squash(&en).contains(&words), "quote {:?} in English", q.id);
    }
    // The stale passage prints as it is, with one warning naming it.
    assert!(squash(&es).contains("De52quejas"));
    let err = stderr(&out);
    assert_eq!(err.matches("stale").count(), 1, "{err}");
    assert!(err.contains("Finding 2 evidence"), "{err}");
    let says = String::from_utf8_lossy(&out.stdout);
    assert!(
        says.contains("memo.en.pdf") && says.contains("memo.es.pdf"),
        "{says}"
    );
}

#[test]
fn without_lang_the_source_language_is_exported_under_the_old_name() {
    let dir = tempfile::tempdir().unwrap();
    sample_in(dir.path());
    let out = memodraft_in(dir.path(), &["export", "memo.ron"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(squash(&flat_text(&dir.path().join("memo.pdf"))).contains("November20,2026"));
    assert!(!dir.path().join("memo.en.pdf").exists());

    let out = memodraft_in(
        dir.path(),
        &["export", "memo.ron", "--lang", "es", "-o", "x.pdf"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(squash(&flat_text(&dir.path().join("x.pdf"))).contains("20denoviembrede2026"));
}

#[test]
fn missing_passages_print_in_the_source_language_with_one_warning_or_are_refused_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let mut memo = memodraft::storage::from_ron(SAMPLE).unwrap();
    let subject = memo.subject.clone();
    let spanish = memo.translations.get_mut(&Language::Spanish).unwrap();
    spanish.0.remove(&Passage::Subject);
    spanish
        .0
        .remove(&Passage::FindingTitle(memodraft::model::FindingId(3)));
    memodraft::storage::save_draft(&dir.path().join("memo.ron"), &memo).unwrap();

    let out = memodraft_in(dir.path(), &["export", "memo.ron", "--lang", "es"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let warning: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("not translated"))
        .collect();
    assert_eq!(warning.len(), 1, "one warning lists them: {err}");
    assert!(
        warning[0].contains("2 passages") && warning[0].contains("Subject, Finding 3 title"),
        "{err}"
    );
    let es = flat_text(&dir.path().join("memo.es.pdf"));
    let words: String = subject.split_whitespace().take(5).collect();
    assert!(
        squash(&es).contains(&words),
        "the English subject prints in its place"
    );

    fs::remove_file(dir.path().join("memo.es.pdf")).unwrap();
    let out = memodraft_in(
        dir.path(),
        &["export", "memo.ron", "--lang", "all", "--strict"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("Subject, Finding 3 title"));
    assert!(
        !dir.path().join("memo.es.pdf").exists() && !dir.path().join("memo.en.pdf").exists(),
        "--strict writes nothing, not even the languages that were complete"
    );
}

#[test]
fn a_language_the_memo_has_no_translation_for_is_refused_naming_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("memo.ron"), "(subject: \"Only English\")").unwrap();
    let out = memodraft_in(dir.path(), &["export", "memo.ron", "--lang", "es"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("memo.ron") && err.contains("no Spanish translation"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!dir.path().join("memo.es.pdf").exists());
    let out = memodraft_in(dir.path(), &["export", "memo.ron", "--lang", "fr"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "clap refuses an unknown language"
    );
    assert!(stderr(&out).contains("en, es or all"));
}

#[test]
fn check_reports_missing_and_stale_translations_per_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut memo = memodraft::storage::from_ron(SAMPLE).unwrap();
    memo.translations
        .get_mut(&Language::Spanish)
        .unwrap()
        .0
        .remove(&Passage::Closing);
    memodraft::storage::save_draft(&dir.path().join("memo.ron"), &memo).unwrap();
    let out = memodraft_in(dir.path(), &["check", "memo.ron"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(
            "Spanish translation: 1 passage missing, printed in English instead: Closing"
        ),
        "{said}"
    );
    assert!(
        said.contains(
            "Spanish translation: 1 passage stale (the English changed since): Finding 2 evidence"
        ),
        "{said}"
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "translations are warnings, not errors"
    );
}

#[test]
fn editing_the_source_makes_the_translation_stale_in_the_saved_draft() {
    let dir = tempfile::tempdir().unwrap();
    let mut memo = memodraft::storage::from_ron(SAMPLE).unwrap();
    let title = Passage::FindingTitle(memodraft::model::FindingId(1));
    assert_eq!(
        memo.passage_state(Language::Spanish, title),
        PassageState::UpToDate
    );
    memo.findings[0].title.push_str(" in Jalisco");
    let path = dir.path().join("memo.ron");
    memodraft::storage::save_draft(&path, &memo).unwrap();
    let back = memodraft::storage::load_draft(&path).unwrap();
    assert_eq!(back, memo, "translations round-trip through the draft");
    assert_eq!(
        back.passage_state(Language::Spanish, title),
        PassageState::Stale
    );
}

/// Drafts written before translations existed (`tests/fixtures/drafts`) export the same
/// text as the build before them did, kept in `tests/fixtures/drafts/*.txt`. One change
/// there is on purpose: a FROM line with nothing to show is left out of the header, so the
/// draft with only a subject no longer prints an empty `FROM:`. To make those
/// files again from an older build: `MEMODRAFT_BLESS_WITH=/path/to/old/memodraft cargo test
/// --test it older_drafts`.
#[test]
fn older_drafts_export_the_same_text_as_before() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drafts");
    let bless = std::env::var_os("MEMODRAFT_BLESS_WITH");
    let dir = tempfile::tempdir().unwrap();
    let mut seen = 0;
    for entry in fs::read_dir(&fixtures).unwrap() {
        let draft = entry.unwrap().path();
        if draft.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let pdf = dir.path().join("out.pdf");
        let binary = bless
            .as_deref()
            .map_or(Path::new(env!("CARGO_BIN_EXE_memodraft")), Path::new);
        let out = Command::new(binary)
            .arg("export")
            .arg(&draft)
            .arg("-o")
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            draft.display(),
            stderr(&out)
        );
        let text = flat_text(&pdf);
        let expected = draft.with_extension("txt");
        if bless.is_some() {
            fs::write(&expected, &text).unwrap();
        }
        // The same characters in the same order; quotes and apostrophes may print
        // typographic (“ ” ’) where the draft has straight ones, and a line may keep the
        // (unseen) space it broke at, which text extraction then reads.
        let straight = |t: &str| squash(&t.replace(['‘', '’'], "'").replace(['“', '”'], "\""));
        assert_eq!(
            straight(&text),
            straight(&fs::read_to_string(&expected).unwrap()),
            "{} prints differently",
            draft.display()
        );
        seen += 1;
    }
    assert!(seen >= 3, "the released drafts are all there: {seen}");
}

#[test]
fn each_output_warns_only_about_the_passages_it_prints() {
    let dir = tempfile::tempdir().unwrap();
    let mut memo = memodraft::storage::from_ron(SAMPLE).unwrap();
    let spanish = memo.translations.get_mut(&Language::Spanish).unwrap();
    // The release's headline and the memo's closing are not translated.
    spanish
        .0
        .remove(&Passage::Release(memodraft::model::ReleaseText::Headline));
    spanish.0.remove(&Passage::Closing);
    memodraft::storage::save_draft(&dir.path().join("memo.ron"), &memo).unwrap();

    let out = memodraft_in(dir.path(), &["export", "memo.ron", "--lang", "es"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("1 passage not translated") && err.contains("Closing"),
        "{err}"
    );
    assert!(
        !err.contains("Press release"),
        "the PDF does not print the release: {err}"
    );

    let out = memodraft_in(dir.path(), &["release", "memo.ron", "--lang", "es"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("Press release headline"), "{err}");
    assert!(
        !err.contains("Closing"),
        "the release does not print the closing: {err}"
    );
}
