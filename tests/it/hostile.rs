//! Broken and hostile drafts through the real binary: each gives a one-line error naming
//! the file (with line and column where there is one); never a panic, a hang
//! or a stack overflow; the file is never changed and no PDF is left behind. And every
//! draft format version ever released still loads.

use std::fs;
use std::path::Path;

fn hostile_inputs() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let deep_any = format!("(unknown: {}{})", "[".repeat(100_000), "]".repeat(100_000));
    let deep_typed = format!("(to: [{}])", "(name: ".repeat(100_000));
    let big_string = format!("(subject: \"{}\")", "a".repeat(50 * 1024 * 1024));
    let million = format!(
        "(signatories: [{}])",
        "(organization: \"a\"),".repeat(1_000_000)
    );
    vec![
        // `()` is the empty memo; an empty file is not a draft.
        ("empty", Vec::new(), "draft.ron:1:1:"),
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
        // NUL is a character in a string, but not after the closing parenthesis.
        (
            "NUL bytes",
            b"(subject: \"a\0b\"\0)".to_vec(),
            "draft.ron:1:16:",
        ),
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
            let out = crate::memodraft(&[Path::new(command), &draft]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            // Each must fail with exit 1 and one line naming the file, whatever the command.
            assert_eq!(out.status.code(), Some(1), "{what} / {command}: {stderr}");
            assert!(!stderr.contains("panicked"), "{what} / {command}: {stderr}");
            assert_eq!(
                stderr.trim().lines().count(),
                1,
                "{what} / {command}: {stderr}"
            );
            assert!(
                stderr.starts_with("memodraft: ") && stderr.contains("draft.ron"),
                "{what} / {command}: {stderr}"
            );
            assert!(
                stderr.contains(expect),
                "{what} / {command}: expected {expect:?} in {stderr}"
            );
            assert!(out.stdout.is_empty(), "{what} / {command}: nothing checked");
            assert!(
                !pdf.exists(),
                "{what}: no PDF from a draft that failed to load"
            );
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
        // Beside each draft, the text it exports (see `languages.rs`).
        if path.extension().is_some_and(|e| e == "txt") {
            continue;
        }
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
        (
            "empty",
            Vec::new(),
            Expect::Refused("no organization column"),
        ),
        (
            "binary garbage",
            vec![0x00, 0xFF, 0xFE, 0x01, 0x89, 0x50],
            Expect::Refused("no organization column"),
        ),
        // NUL is a control character: removed from the name (and said so), the row
        // imports, and the draft still loads.
        (
            "NUL bytes",
            b"Organization\nA\0B\n".to_vec(),
            Expect::Imports("AB"),
        ),
        ("a 40 MB file", huge, Expect::Refused("limited to")),
    ] {
        fs::write(&draft, sample).unwrap();
        let csv = dir.path().join("list.csv");
        fs::write(&csv, &bytes).unwrap();
        let out = crate::memodraft(&[Path::new("signatories"), Path::new("import"), &draft, &csv]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
        match expect {
            Expect::Refused(message) => {
                assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
                assert_eq!(stderr.trim().lines().count(), 1, "{what}: {stderr}");
                assert!(
                    stderr.contains("list.csv") && stderr.contains(message),
                    "{what}: expected {message:?} in {stderr}"
                );
                assert_eq!(
                    fs::read_to_string(&draft).unwrap(),
                    sample,
                    "{what}: draft unchanged"
                );
            }
            Expect::Imports(organization) => {
                assert_eq!(out.status.code(), Some(0), "{what}: {stderr}");
                let memo = memodraft::storage::load_draft(&draft).unwrap();
                assert!(
                    memo.signatories
                        .iter()
                        .any(|s| s.organization == organization),
                    "{what}: {organization:?} imported"
                );
            }
        }
    }
}

/// What importing a hostile CSV must do.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// Refuse it: exit 1, one line naming the file and holding this text.
    Refused(&'static str),
    /// Import it, adding this organization.
    Imports(&'static str),
}
