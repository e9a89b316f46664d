//! Locks on real files: taken, seen by a second window, released, and stale ones taken
//! over.

use super::*;

fn lock_of(info: &LockInfo, draft: &Path) {
    fs::write(lock_path(draft), info.to_text()).unwrap();
}

fn someone_else(host: &str, since: jiff::Timestamp) -> LockInfo {
    LockInfo {
        user: "rosa".into(),
        host: host.into(),
        pid: 1,
        since,
        id: "other".into(),
    }
}

#[test]
fn a_second_window_sees_the_lock_and_closing_releases_it() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    fs::write(&draft, "()").unwrap();
    let Acquired::Locked(first) = DraftLock::acquire(&draft) else {
        panic!("the first window locks the draft")
    };
    assert_eq!(first.file(), dir.path().join(".~lock.memo.ron#"));
    let on_disk = read(&draft).unwrap();
    assert_eq!(&on_disk, first.info());
    assert_eq!(on_disk.pid, std::process::id());
    assert_eq!(active(&draft).as_ref(), Some(first.info()));

    match DraftLock::acquire(&draft) {
        Acquired::HeldBy(holder) => assert_eq!(&holder, first.info()),
        other => panic!("a second window sees the lock: {other:?}"),
    }
    drop(first);
    assert!(!lock_path(&draft).exists(), "closing removes the lock");
    assert!(read(&draft).is_none());
}

#[cfg(unix)]
#[test]
fn a_lock_left_by_a_process_that_died_here_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let left = LockInfo {
        pid: dead,
        ..LockInfo::mine()
    };
    lock_of(&left, &draft);
    assert!(
        active(&draft).is_none(),
        "a dead process's lock is not active"
    );
    let Acquired::Locked(lock) = DraftLock::acquire(&draft) else {
        panic!("taken over silently")
    };
    assert_eq!(read(&draft).as_ref(), Some(lock.info()));
}

#[cfg(target_os = "linux")]
#[test]
fn a_lock_of_a_process_that_died_but_was_not_reaped_is_stale() {
    // A killed editor whose parent has not waited for it yet still answers signal 0.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let zombie = LockInfo {
        pid: child.id(),
        ..LockInfo::mine()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !std::fs::read_to_string(format!("/proc/{}/stat", zombie.pid))
        .is_ok_and(|s| s.contains(") Z "))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the child became a zombie"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(zombie.is_stale(jiff::Timestamp::now()));
    child.wait().unwrap();
}

#[test]
fn a_partners_lock_holds_for_a_day_and_garbage_is_no_lock() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    let now = jiff::Timestamp::now();
    // Another machine: its process cannot be checked, so it holds until a day has passed.
    let recent = someone_else("partner-laptop", now - jiff::SignedDuration::from_hours(23));
    lock_of(&recent, &draft);
    assert!(matches!(DraftLock::acquire(&draft), Acquired::HeldBy(h) if h == recent));
    assert_eq!(
        read(&draft),
        Some(recent),
        "the partner's lock is left as it was"
    );

    let old = someone_else("partner-laptop", now - jiff::SignedDuration::from_hours(25));
    lock_of(&old, &draft);
    assert!(active(&draft).is_none());
    assert!(matches!(DraftLock::acquire(&draft), Acquired::Locked(_)));

    fs::write(lock_path(&draft), "not a lock\n").unwrap();
    assert!(matches!(DraftLock::acquire(&draft), Acquired::Locked(_)));
}

#[test]
fn a_lock_taken_over_by_someone_else_is_not_removed_on_close() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    let Acquired::Locked(mine) = DraftLock::acquire(&draft) else {
        panic!()
    };
    let theirs = someone_else("partner-laptop", jiff::Timestamp::now());
    lock_of(&theirs, &draft);
    drop(mine);
    assert_eq!(read(&draft), Some(theirs));
}

#[test]
fn the_format_reads_back_and_odd_names_stay_on_one_line() {
    let info = LockInfo {
        user: one_line("ro\nsa"),
        ..LockInfo::mine()
    };
    assert_eq!(info.user, "rosa");
    assert_eq!(LockInfo::parse(&info.to_text()), Some(info));
    assert_eq!(LockInfo::parse("memodraft lock\nhost: x\n"), None, "no pid");
}

#[cfg(unix)]
#[test]
fn the_lock_sits_beside_the_file_a_link_leads_to() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    fs::create_dir(&shared).unwrap();
    fs::write(shared.join("memo.ron"), "()").unwrap();
    let link = dir.path().join("mine.ron");
    std::os::unix::fs::symlink("shared/memo.ron", &link).unwrap();
    assert_eq!(lock_path(&link), shared.join(".~lock.memo.ron#"));
}

#[cfg(unix)]
#[test]
fn the_user_is_named_even_when_the_environment_does_not_say() {
    let id = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let expected = String::from_utf8(id.stdout).unwrap();
    assert_eq!(login_name().as_deref(), Some(expected.trim()));
}
