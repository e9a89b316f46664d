//! The `memodraft` command as a user runs it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{memodraft, stderr};
use lopdf::Object;
use memodraft::model::SignOnStatus;

const SAMPLE: &str = include_str!("../../assets/examples/sample-memo.ron");

fn write(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, contents).unwrap();
    path
}

#[test]
fn exporting_the_sample_gives_a_pdf_with_every_confirmed_signatory() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write(dir.path(), "memo.ron", SAMPLE.as_bytes());
    let out = memodraft(&[Path::new("export"), &draft]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("memo.pdf");
    let (doc, text) = crate::pdf_text(&pdf);

    let pages = doc.get_pages().len();
    assert!(
        (2..=4).contains(&pages),
        "the sample memo has {pages} pages"
    );
    let memo = memodraft::storage::from_ron(SAMPLE).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Names may wrap inside their column, so compare without white space.
    let squash = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let squashed = squash(&text);
    for s in &memo.signatories {
        let printed = squashed.contains(&squash(&s.organization));
        assert_eq!(
            printed,
            s.status == SignOnStatus::Confirmed,
            "{} ({:?})",
            s.organization,
            s.status
        );
    }
    assert!(flat.contains("Ciudad de México"));
    assert!(flat.contains(&format!("Page 1 of {pages}")));
    assert!(
        !flat.contains("Do not print this note"),
        "internal notes must never print"
    );

    // Every font is embedded, and the document says what it is.
    let mut fonts = 0;
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict()
            && dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor")
        {
            fonts += 1;
            assert!(dict.has(b"FontFile2"), "font not embedded: {dict:?}");
            let name = dict.get(b"FontName").and_then(Object::as_name).unwrap();
            assert_eq!(
                name.get(6),
                Some(&b'+'),
                "subset fonts carry a tag: {}",
                String::from_utf8_lossy(name)
            );
        }
    }
    assert!(fonts >= 3, "{fonts} fonts");
    let info_id = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .unwrap();
    let info = doc.get_dictionary(info_id).unwrap();
    let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
    assert_eq!(title, memo.subject);
    let created =
        String::from_utf8_lossy(info.get(b"CreationDate").unwrap().as_str().unwrap()).into_owned();
    assert!(!created.contains("1970"), "{created}");
    assert!(!info.has(b"GTS_PDFXVersion"));
    let catalog = doc.catalog().unwrap();
    assert!(
        catalog.has(b"Outlines"),
        "bookmarks for sections and findings"
    );
}

#[test]
fn export_writes_where_asked_and_leaves_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write(dir.path(), "memo.ron", SAMPLE.as_bytes());
    let target = dir.path().join("out").join("final memo.pdf");
    fs::create_dir(target.parent().unwrap()).unwrap();
    let out = memodraft(&[Path::new("export"), &draft, Path::new("-o"), &target]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::read(&target).unwrap().starts_with(b"%PDF-"));
    assert_eq!(
        fs::read_dir(target.parent().unwrap()).unwrap().count(),
        1,
        "no temporary files left"
    );
}

#[test]
fn a_broken_draft_fails_with_file_line_and_column_and_writes_no_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let broken = SAMPLE.replacen("subject: \"", "subject: 42, oops: \"", 1);
    let draft = write(dir.path(), "broken.ron", broken.as_bytes());
    let out = memodraft(&[Path::new("export"), &draft]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("broken.ron:"), "{err}");
    assert!(err.lines().count() == 1, "one line, no stack trace: {err}");
    let line = broken
        .lines()
        .position(|l| l.contains("subject: 42"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("broken.ron:{line}:")), "{err}");
    assert!(!dir.path().join("broken.pdf").exists());
}

#[test]
fn garbage_empty_and_newer_drafts_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "binary.ron",
            &[0xff, 0xfe, 0x00, 0x81, 0x00],
            "not a text file",
        ),
        ("json.ron", br#"{"subject": "x", "to": []}"#, "json.ron:1:"),
        (
            "newer.ron",
            b"(version: 7, subject: \"x\")",
            "newer memodraft",
        ),
        (
            "types.ron",
            b"(findings: [(assessment: Excellent)])",
            "types.ron:1:",
        ),
    ];
    for (name, contents, expected) in cases {
        let draft = write(dir.path(), name, contents);
        for command in ["export", "check"] {
            let out = memodraft(&[Path::new(command), &draft]);
            assert_eq!(out.status.code(), Some(1), "{command} {name}");
            let err = stderr(&out);
            assert!(
                err.contains(expected) && err.contains(name),
                "{command} {name}: {err}"
            );
            assert_eq!(
                fs::read(&draft).unwrap(),
                contents,
                "the draft is never touched"
            );
        }
    }
    let missing = dir.path().join("missing.ron");
    let out = memodraft(&[Path::new("export"), &missing]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("missing.ron"));
}

#[test]
fn an_empty_draft_still_exports() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write(dir.path(), "empty.ron", b"()");
    let out = memodraft(&[Path::new("export"), &draft]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (doc, _) = crate::pdf_text(&dir.path().join("empty.pdf"));
    assert_eq!(doc.get_pages().len(), 1);
}

#[test]
fn check_lists_problems_and_new_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("new.ron");
    let out = memodraft(&[Path::new("new"), Path::new("--sample"), &draft]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = fs::read_to_string(&draft).unwrap();
    assert_eq!(
        memodraft::storage::from_ron(&written).unwrap(),
        memodraft::storage::from_ron(SAMPLE).unwrap()
    );

    let again = memodraft(&[Path::new("new"), &draft]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(fs::read_to_string(&draft).unwrap(), written);

    let out = memodraft(&[Path::new("check"), &draft]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Grupo de Análisis Forense Independiente\" is still invited"),
        "{stdout}"
    );
    assert!(
        stdout.contains("10 of 12 signatories confirmed"),
        "{stdout}"
    );
}

#[test]
fn the_large_memo_exports_with_every_signatory() {
    let dir = tempfile::tempdir().unwrap();
    let memo = memodraft::generate::memo(64, 60, 1000);
    let draft = dir.path().join("large.ron");
    memodraft::storage::save_draft(&draft, &memo).unwrap();
    let out = memodraft(&[Path::new("export"), &draft]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (doc, text) = crate::pdf_text(&dir.path().join("large.pdf"));
    let pages = doc.get_pages().len();
    assert!((50..=90).contains(&pages), "{pages} pages");
    let squash = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let squashed = squash(&text);
    for s in &memo.signatories {
        assert!(
            squashed.contains(&squash(&s.organization)),
            "{} is missing",
            s.organization
        );
    }
}

#[test]
fn check_exits_1_when_the_draft_has_errors_and_0_with_warnings_only() {
    let dir = tempfile::tempdir().unwrap();
    // The sample has warnings (invited signatories) and no errors.
    let sample = write(dir.path(), "sample.ron", SAMPLE.as_bytes());
    let out = memodraft(&[Path::new("check"), &sample]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(": warning: "), "{stdout}");
    assert!(stdout.contains(" 0 errors, "), "{stdout}");
    assert_eq!(out.status.code(), Some(0), "{stdout}");

    let no_subject = SAMPLE.replacen(
        "subject: \"Human rights conditions",
        "subject: \"\", old_subject: \"",
        1,
    );
    assert_ne!(no_subject, SAMPLE);
    let draft = write(dir.path(), "no-subject.ron", no_subject.as_bytes());
    let out = memodraft(&[Path::new("check"), &draft]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("error: the subject is empty"), "{stdout}");
    assert!(stdout.contains(" 1 errors, "), "{stdout}");
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert_eq!(stderr(&out), "", "the draft loaded; problems go to stdout");
}

#[test]
fn io_errors_name_the_file_and_say_the_reason_once() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.ron");
    let out = memodraft(&[Path::new("check"), &missing]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "memodraft: cannot read {}: No such file or directory (os error 2). Check the file's name and that you may read it\n",
            missing.display()
        )
    );

    let draft = write(dir.path(), "memo.ron", SAMPLE.as_bytes());
    let csv = dir.path().join("missing.csv");
    let out = memodraft(&[Path::new("signatories"), Path::new("import"), &draft, &csv]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "memodraft: cannot read {}: No such file or directory (os error 2). Check the file's name and that you may read it\n",
            csv.display()
        )
    );

    let nowhere = dir.path().join("gone").join("new.ron");
    let out = memodraft(&[Path::new("new"), &nowhere]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("memodraft: cannot save {}: ", nowhere.display())),
        "{err}"
    );
    assert_eq!(err.matches("os error").count(), 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[cfg(unix)]
#[test]
fn an_endless_file_is_refused_by_its_size() {
    // /dev/zero says it is 0 bytes long and never ends: only a bounded read stops.
    let out = memodraft(&[Path::new("check"), Path::new("/dev/zero")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("memodraft: /dev/zero is larger than ") && err.contains("limited to"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let draft = write(dir.path(), "memo.ron", SAMPLE.as_bytes());
    let out = memodraft(&[
        Path::new("signatories"),
        Path::new("import"),
        &draft,
        Path::new("/dev/zero"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("memodraft: /dev/zero is larger than ") && err.contains("limited to"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&draft).unwrap(), SAMPLE);
}
