//! Broken and hostile drafts through the real binary: each gives a one-line error naming
//! the file (with line and column where there is one), or loads; never a panic, a hang
//! or a stack overflow; the file is never changed and no PDF is left behind. And every
//! draft format version ever released still loads.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memodraft"))
        .args(args)
        .output()
        .expect("memodraft runs")
}

fn hostile_inputs() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let deep_any = format!("(unknown: {}{})", "[".repeat(100_000), "]".repeat(100_000));
    let deep_typed = format!("(to: [{}])", "(name: ".repeat(100_000));
    let big_string = format!("(subject: \"{}\")", "a".repeat(50 * 1024 * 1024));
    let million = format!(
        "(signatories: [{}])",
        "(organization: \"a\"),".repeat(1_000_000)
    );
    vec![
        ("empty", Vec::new(), ""),
        (
            "truncated",
            b"(\n  version: 1,\n  subject: \"Half a dra".to_vec(),
            ":3:",
        ),
        (
            "binary garbage",
            vec![0x89, 0x50, 0x4E, 0x47, 0xFF, 0x00, 0xFE, 0x13],
            "not a text file",
        ),
        (
            "invalid UTF-8",
            b"(subject: \"Ju\xE1rez\")".to_vec(),
            "not a text file",
        ),
        ("NUL bytes", b"(subject: \"a\0b\"\0)".to_vec(), ""),
        ("JSON", br#"{"subject": "memo", "to": []}"#.to_vec(), ":1:"),
        ("wrong type", b"(subject: 42)".to_vec(), ":1:"),
        (
            "unknown enum variant",
            b"(language: Klingon)".to_vec(),
            ":1:",
        ),
        (
            "100,000-deep nesting in an ignored field",
            deep_any.into_bytes(),
            "nested more than 64 levels",
        ),
        (
            "100,000-deep nesting in typed fields",
            deep_typed.into_bytes(),
            ":1:",
        ),
        ("a 50 MB string", big_string.into_bytes(), "limited to"),
        (
            "a million signatories",
            million.into_bytes(),
            "more than 50000 entries",
        ),
    ]
}

#[test]
fn hostile_drafts_fail_cleanly_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (what, bytes, expect) in hostile_inputs() {
        let draft = dir.path().join("draft.ron");
        let pdf = dir.path().join("draft.pdf");
        fs::write(&draft, &bytes).unwrap();
        for command in ["check", "export"] {
            let out = run(&[Path::new(command), &draft]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let code = out.status.code();
            // Loading some of these is fine (an empty file is an empty memo; NUL is a
            // character); the others must fail with exit 1, one line, naming the file.
            if code != Some(0) {
                assert_eq!(code, Some(1), "{what} / {command}: {stderr}");
                assert!(!stderr.contains("panicked"), "{what} / {command}: {stderr}");
                assert_eq!(
                    stderr.trim().lines().count(),
                    1,
                    "{what} / {command}: {stderr}"
                );
                assert!(stderr.contains("draft.ron"), "{what} / {command}: {stderr}");
                assert!(
                    stderr.contains(expect),
                    "{what} / {command}: expected {expect:?} in {stderr}"
                );
                assert!(
                    !pdf.exists(),
                    "{what}: no PDF from a draft that failed to load"
                );
            }
            assert_eq!(
                fs::read(&draft).unwrap(),
                bytes,
                "{what}: the draft is never changed"
            );
        }
        let _ = fs::remove_file(&pdf);
    }
}

#[test]
fn every_released_draft_version_still_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drafts");
    let mut seen = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let memo = memodraft::storage::load_draft(&path)
            .unwrap_or_else(|e| panic!("{} no longer loads: {e}", path.display()));
        assert_eq!(
            memo.version,
            memodraft::model::DRAFT_VERSION,
            "migrated on load"
        );
        assert!(!memo.subject.is_empty(), "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 2, "fixtures of each released version are kept");
}

#[test]
fn hostile_csv_files_fail_cleanly_and_leave_the_draft_alone() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    let sample = memodraft::storage::SAMPLE_DRAFT;
    fs::write(&draft, sample).unwrap();
    let huge = vec![b'a'; 40 * 1024 * 1024];
    for (what, bytes, expect) in [
        ("empty", Vec::new(), "no organization column"),
        (
            "binary garbage",
            vec![0x00, 0xFF, 0xFE, 0x01, 0x89, 0x50],
            "no organization column",
        ),
        ("NUL bytes", b"Organization\nA\0B\n".to_vec(), ""),
        ("a 40 MB file", huge, "limited to"),
    ] {
        fs::write(&draft, sample).unwrap();
        let csv = dir.path().join("list.csv");
        fs::write(&csv, &bytes).unwrap();
        let out = run(&[Path::new("signatories"), Path::new("import"), &draft, &csv]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(0) {
            assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
            assert!(
                stderr.contains("list.csv") && stderr.contains(expect),
                "{what}: {stderr}"
            );
            assert_eq!(
                fs::read_to_string(&draft).unwrap(),
                sample,
                "{what}: draft unchanged"
            );
        }
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    }
}
