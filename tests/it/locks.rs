//! The lock file in the editor: a second window on the same draft is told who has it open
//! and since when, read-only really never writes the draft, a lock left by a process that
//! died is taken over silently, and the lock goes when the draft is closed.

use std::fs;
use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use memodraft::model::Memo;
use memodraft::storage::{self, lock};
use memodraft::ui::{Command, Config};

use crate::editor::{click, config, harness};

fn draft_in(dir: &Path, name: &str, subject: &str) -> std::path::PathBuf {
    let draft = dir.join(name);
    let memo = Memo {
        subject: subject.into(),
        ..Memo::default()
    };
    storage::save_draft(&draft, &memo).unwrap();
    draft
}

fn open(dir: &Path, data: &str, draft: &Path) -> Config {
    Config {
        open: Some(draft.to_owned()),
        ..config(&dir.join(data))
    }
}

#[test]
fn a_second_editor_is_told_who_has_the_draft_and_read_only_never_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_in(dir.path(), "memo.ron", "Ours");
    let first = harness(open(dir.path(), "a", &draft));
    assert!(!first.state().is_asking());
    let held = lock::read(&draft).expect("the first editor locks the draft");
    assert_eq!(held.pid, std::process::id());
    let before = fs::read(&draft).unwrap();

    let mut second = harness(open(dir.path(), "b", &draft));
    assert!(second.state().is_asking(), "the second editor is told");
    second.get_by_label_contains(&held.describe());
    click(&mut second, "Open read-only");
    assert_eq!(second.state().memo().subject, "Ours");
    assert!(second.state().is_read_only());
    assert!(
        second.state().title().contains("(read-only)"),
        "{}",
        second.state().title()
    );

    // Ctrl+S asks for another name instead of writing the draft.
    second.state_mut().memo_mut().subject = "Mine".into();
    second.run();
    second.key_press_modifiers(Modifiers::COMMAND, Key::S);
    second.run();
    second.run();
    assert!(second.state().is_asking(), "Save As is asked");
    click(&mut second, "Cancel");
    // Saving as the draft itself is refused too.
    second.state_mut().queue(Command::SaveTo(draft.clone()));
    second.run();
    assert_eq!(fs::read(&draft).unwrap(), before, "the draft is untouched");
    assert!(
        second
            .state()
            .notices()
            .iter()
            .any(|n| n.error && n.text.contains("read-only"))
    );
    assert!(second.state().is_dirty());

    // Under another name it is saved, and no longer read-only.
    let mine = dir.path().join("mine.ron");
    second.state_mut().queue(Command::SaveTo(mine.clone()));
    second.run();
    assert_eq!(storage::load_draft(&mine).unwrap().subject, "Mine");
    assert!(!second.state().is_read_only());
    assert!(
        lock::read(&mine).is_some(),
        "the new draft is locked by the second editor"
    );

    drop(second);
    assert!(lock::read(&mine).is_none());
    assert_eq!(
        lock::read(&draft),
        Some(held),
        "the first editor's lock stays"
    );
    drop(first);
    assert!(
        !lock::lock_path(&draft).exists(),
        "closing the editor removes its lock"
    );
}

#[test]
fn open_a_copy_and_open_anyway_leave_the_other_editors_lock_alone() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_in(dir.path(), "memo.ron", "Ours");
    let first = harness(open(dir.path(), "a", &draft));
    let held = lock::read(&draft).unwrap();

    let mut copy = harness(open(dir.path(), "b", &draft));
    click(&mut copy, "Open a copy");
    assert_eq!(copy.state().memo().subject, "Ours");
    assert_eq!(copy.state().path(), None, "a copy has no file yet");
    drop(copy);

    let mut anyway = harness(open(dir.path(), "c", &draft));
    click(&mut anyway, "Open anyway");
    assert_eq!(anyway.state().path(), Some(draft.as_path()));
    assert!(!anyway.state().is_read_only());
    drop(anyway);
    assert_eq!(lock::read(&draft), Some(held));
    drop(first);
}

#[cfg(unix)]
#[test]
fn a_lock_left_by_a_process_that_died_is_taken_over_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_in(dir.path(), "memo.ron", "Ours");
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    // The documented format, as an editor killed on this machine left it.
    let host = lock::LockInfo::mine().host;
    fs::write(
        lock::lock_path(&draft),
        format!("memodraft lock\nuser: rosa\nhost: {host}\npid: {dead}\nsince: 2026-11-28T09:00:00Z\nid: gone\n"),
    )
    .unwrap();
    let h = harness(open(dir.path(), "a", &draft));
    assert!(
        !h.state().is_asking(),
        "a stale lock is taken over silently"
    );
    assert_eq!(lock::read(&draft).unwrap().pid, std::process::id());
    drop(h);
    assert!(!lock::lock_path(&draft).exists());
}

#[test]
fn opening_another_draft_or_a_new_memo_releases_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let a = draft_in(dir.path(), "a.ron", "A");
    let b = draft_in(dir.path(), "b.ron", "B");
    let mut h = harness(open(dir.path(), "data", &a));
    assert!(lock::read(&a).is_some());
    h.state_mut().queue(Command::OpenPath(b.clone()));
    h.run();
    assert_eq!(h.state().memo().subject, "B");
    assert!(lock::read(&a).is_none(), "the draft closed is unlocked");
    assert!(lock::read(&b).is_some());
    h.state_mut().queue(Command::New);
    h.run();
    assert!(lock::read(&b).is_none());
}
