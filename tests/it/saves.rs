//! Saves where drafts really live, with the real binary on real files: through a
//! symbolic link into a shared folder, in a folder where the user may not create files
//! (run as such a user), and `check` on a draft open in an editor.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use memodraft::storage::{self, lock};

const SAMPLE: &str = include_str!("../../assets/examples/sample-memo.ron");

fn form() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csv/google-forms-utf8.csv")
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("memodraft runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn import(draft: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_memodraft"));
    cmd.arg("signatories").arg("import").arg(draft).arg(form());
    cmd
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_import_through_a_link_changes_the_shared_draft_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("Nextcloud").join("coalition");
    let documents = dir.path().join("Documents");
    fs::create_dir_all(&shared).unwrap();
    fs::create_dir_all(&documents).unwrap();
    let real = shared.join("memo.ron");
    fs::write(&real, SAMPLE).unwrap();
    let link = documents.join("memo.ron");
    symlink("../Nextcloud/coalition/memo.ron", &link).unwrap();
    let before = storage::load_draft(&real).unwrap().signatories.len();

    run(&mut import(&link));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    let after = storage::load_draft(&real).unwrap().signatories.len();
    assert!(
        after > before,
        "partners see the import: {before} -> {after}"
    );
    assert_eq!(
        storage::load_draft(&storage::backup_path(&real))
            .unwrap()
            .signatories
            .len(),
        before,
        "the backup sits beside the shared draft"
    );
    assert_eq!(names(&documents), ["memo.ron"]);
    assert_eq!(names(&shared), ["memo.ron", "memo.ron.bak"]);
}

/// Runs `cmd` as a user who may write the draft but not create files in its folder:
/// `nobody` when the tests run as root (root ignores folder permissions), else this user
/// with the folder made read-only. `nobody` runs copies of the binary and the CSV from a
/// folder open to all, wherever the checkout is.
fn without_create_permission(dir: &Path, cmd: &Command) -> Output {
    let is_root =
        fs::metadata("/proc/self").is_ok_and(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0);
    let open_to_all = tempfile::tempdir().unwrap();
    let mut cmd = if is_root {
        fs::set_permissions(open_to_all.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let copy = |from: &Path| {
            let to = open_to_all.path().join(from.file_name().unwrap());
            fs::copy(from, &to).unwrap();
            fs::set_permissions(&to, fs::Permissions::from_mode(0o755)).unwrap();
            to
        };
        let mut setpriv = Command::new("setpriv");
        setpriv
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(copy(Path::new(cmd.get_program())))
            .args(cmd.get_args().map(|arg| {
                let arg = Path::new(arg);
                if arg == form() {
                    copy(arg)
                } else {
                    arg.to_owned()
                }
            }));
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
        setpriv
    } else {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
        let mut same = Command::new(cmd.get_program());
        same.args(cmd.get_args());
        same
    };
    let out = cmd.output().expect("setpriv (util-linux) runs memodraft");
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    out
}

#[test]
fn a_folder_where_no_file_may_be_created_gets_an_in_place_save_with_a_backup_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    fs::write(&draft, SAMPLE).unwrap();
    fs::set_permissions(&draft, fs::Permissions::from_mode(0o666)).unwrap();
    let inode = std::os::unix::fs::MetadataExt::ino(&fs::metadata(&draft).unwrap());
    let before = storage::load_draft(&draft).unwrap().signatories.len();

    let out = without_create_permission(dir.path(), &import(&draft));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = storage::load_draft(&draft).unwrap().signatories.len();
    assert!(after > before, "saved: {before} -> {after}");
    assert_eq!(
        std::os::unix::fs::MetadataExt::ino(&fs::metadata(&draft).unwrap()),
        inode,
        "rewritten in place"
    );
    assert!(stdout.contains("not atomically"), "it says so: {stdout}");
    let backup = stdout
        .split("the previous version is in ")
        .nth(1)
        .map(|rest| PathBuf::from(rest.trim()))
        .expect("it says where the backup is");
    assert_eq!(
        storage::load_draft(&backup).unwrap().signatories.len(),
        before,
        "the backup is the old draft"
    );
    fs::remove_file(&backup).unwrap();
    assert_eq!(
        names(dir.path()),
        ["memo.ron"],
        "nothing was created beside it"
    );
}

#[test]
fn check_mentions_an_active_lock_and_never_waits_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    fs::write(&draft, SAMPLE).unwrap();
    let check = || {
        let out = Command::new(env!("CARGO_BIN_EXE_memodraft"))
            .arg("check")
            .arg(&draft)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(!check().contains("open in the editor"));
    let lock::Acquired::Locked(held) = lock::DraftLock::acquire(&draft) else {
        panic!("locked")
    };
    let said = check();
    assert!(
        said.contains("open in the editor") && said.contains(&held.info().describe()),
        "{said}"
    );
    assert!(
        said.contains("sign-on:"),
        "and checks the draft all the same: {said}"
    );
    drop(held);
    assert!(!check().contains("open in the editor"));
}
