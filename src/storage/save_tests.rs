//! Saves on real files: through symbolic links, with stale temporary files about, and in
//! a folder that allows no new files (the refusal injected where the temporary file is
//! created; `tests/it/saves.rs` runs the real thing as a user without the permission).

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::*;
use crate::storage::{load_draft, save_draft};

fn memo(subject: &str) -> Memo {
    Memo {
        subject: subject.into(),
        ..Memo::default()
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn a_draft_reached_through_links_is_saved_beside_its_target_and_the_links_stay() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("coalition");
    let docs = dir.path().join("docs");
    fs::create_dir_all(&shared).unwrap();
    fs::create_dir_all(&docs).unwrap();
    let real = shared.join("memo.ron");
    save_draft(&real, &memo("theirs")).unwrap();
    // docs/memo.ron -> link.ron -> ../coalition/memo.ron, both relative.
    std::os::unix::fs::symlink("../coalition/memo.ron", docs.join("link.ron")).unwrap();
    std::os::unix::fs::symlink("link.ron", docs.join("memo.ron")).unwrap();
    let link = docs.join("memo.ron");

    let saved = save_draft(&link, &memo("ours")).unwrap();
    assert_eq!(saved.target, docs.join("../coalition/memo.ron"));
    assert!(saved.atomic && saved.note().is_none());
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(
        load_draft(&real).unwrap().subject,
        "ours",
        "the shared draft changed"
    );
    assert_eq!(load_draft(&backup_path(&real)).unwrap().subject, "theirs");
    assert_eq!(
        names(&docs),
        ["link.ron", "memo.ron"],
        "nothing new beside the link"
    );
    assert_eq!(names(&shared), ["memo.ron", "memo.ron.bak"]);
}

#[cfg(unix)]
#[test]
fn a_link_loop_is_an_error_naming_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ron");
    std::os::unix::fs::symlink("b.ron", &a).unwrap();
    std::os::unix::fs::symlink("a.ron", dir.path().join("b.ron")).unwrap();
    let err = save_draft(&a, &memo("x")).unwrap_err();
    assert!(
        err.to_string().contains("a.ron") && err.to_string().contains("loop"),
        "{err}"
    );
}

fn age(path: &Path, by: Duration) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - by).unwrap();
}

#[test]
fn stale_temporaries_are_cleaned_and_fresh_ones_and_other_files_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    fs::write(&draft, "old").unwrap();
    let two_minutes = Duration::from_mins(2);
    let stale = ".memodraft-a1B2c3.tmp";
    for name in [
        stale,
        ".memodraft-fresh1.tmp",
        ".memodraft-toolong7.tmp",
        "other-a1B2c3.tmp",
        ".memodraft-a1B2c3.tmp.keep",
        "notes.tmp",
    ] {
        fs::write(dir.path().join(name), "x").unwrap();
        if name != ".memodraft-fresh1.tmp" {
            age(&dir.path().join(name), two_minutes);
        }
    }
    // A folder and a link with our name are not ours to delete.
    fs::create_dir(dir.path().join(".memodraft-dir123.tmp")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("notes.tmp", dir.path().join(".memodraft-lnk123.tmp")).unwrap();

    save_draft(&draft, &memo("new")).unwrap();
    let left = names(dir.path());
    assert!(
        !left.contains(&stale.to_owned()),
        "the stale one went: {left:?}"
    );
    let mut expected = vec![
        ".memodraft-a1B2c3.tmp.keep",
        ".memodraft-dir123.tmp",
        ".memodraft-fresh1.tmp",
        ".memodraft-toolong7.tmp",
        "memo.ron",
        "memo.ron.bak",
        "notes.tmp",
        "other-a1B2c3.tmp",
    ];
    if cfg!(unix) {
        expected.push(".memodraft-lnk123.tmp");
        expected.sort_unstable();
    }
    assert_eq!(left, expected);
    assert_eq!(remove_stale_temporaries(&draft), 0, "nothing else is stale");
}

fn refuse_new_files(_dir: &Path, _target: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
}

#[test]
fn a_folder_that_allows_no_new_files_gets_a_verified_in_place_save_with_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    save_draft(&draft, &memo("first")).unwrap();
    let inode = file_id(&draft);

    // No backup beside the draft can be made: it goes to the temporary folder.
    let saved = save_draft_with(&draft, &memo("second"), refuse_new_files).unwrap();
    assert!(!saved.atomic);
    assert_eq!(load_draft(&draft).unwrap().subject, "second");
    assert_eq!(file_id(&draft), inode, "the same file, rewritten in place");
    let backup = saved.backup.clone().expect("a backup somewhere");
    assert!(!backup.starts_with(dir.path()), "{}", backup.display());
    assert_eq!(load_draft(&backup).unwrap().subject, "first");
    let note = saved.note().unwrap();
    assert!(
        note.contains("not atomically") && note.contains(&backup.display().to_string()),
        "{note}"
    );
    fs::remove_file(&backup).unwrap();

    // An existing backup beside it is overwritten in place.
    fs::write(backup_path(&draft), "older").unwrap();
    let saved = save_draft_with(&draft, &memo("third"), refuse_new_files).unwrap();
    assert_eq!(saved.backup.as_deref(), Some(backup_path(&draft).as_path()));
    assert_eq!(load_draft(&backup_path(&draft)).unwrap().subject, "second");
    assert_eq!(load_draft(&draft).unwrap().subject, "third");
    assert_eq!(names(dir.path()), ["memo.ron", "memo.ron.bak"]);
}

#[test]
fn a_new_draft_in_a_folder_that_allows_no_new_files_is_an_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    let err = save_draft_with(&draft, &memo("x"), refuse_new_files).unwrap_err();
    assert!(err.to_string().contains("memo.ron"), "{err}");
    assert!(names(dir.path()).is_empty());
}

#[test]
fn a_save_that_fails_after_the_temporary_file_is_not_retried_in_place() {
    // Only the refusal to create a file falls back; any other failure is reported.
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    fs::write(&draft, "old").unwrap();
    let err = save_draft_with(&draft, &memo("x"), |_, _| {
        Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
    })
    .unwrap_err();
    assert!(matches!(err, DraftError::Write { .. }), "{err}");
    assert_eq!(fs::read_to_string(&draft).unwrap(), "old");
}

#[cfg(unix)]
fn file_id(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(path).unwrap())
}

#[cfg(not(unix))]
fn file_id(_path: &Path) -> u64 {
    0
}
