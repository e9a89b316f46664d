//! Merging drafts from the command line: `memodraft merge` as git's merge driver in a real
//! repository (set up with `--install-git-driver`), and `memodraft diff`.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use memodraft::model::{Memo, SignOnStatus, Signatory};
use memodraft::storage;

const BIN: &str = env!("CARGO_BIN_EXE_memodraft");

/// git in `dir`, with no user or system configuration in the way.
fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir)
        .output()
        .expect("git runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn save(dir: &Path, memo: &Memo) {
    fs::write(dir.join("memo.ron"), storage::to_ron(memo)).unwrap();
}

fn commit_branch(dir: &Path, branch: &str, memo: &Memo) {
    ok(&git(dir, &["checkout", "-q", "-b", branch, "main"]));
    save(dir, memo);
    ok(&git(dir, &["commit", "-q", "-am", branch]));
}

fn signatory(name: &str) -> Signatory {
    Signatory {
        organization: name.to_owned(),
        status: SignOnStatus::Confirmed,
        signed: Some(jiff::civil::date(2026, 11, 20)),
        ..Signatory::default()
    }
}

/// A repository with the driver installed and the sample committed on `main`.
fn repository() -> (tempfile::TempDir, Memo) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    ok(&git(repo, &["init", "-q"]));
    let out = Command::new(BIN)
        .args(["merge", "--install-git-driver"])
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", repo)
        .output()
        .unwrap();
    ok(&out);
    let attributes = fs::read_to_string(repo.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "*.ron merge=memodraft\n");
    let driver = ok(&git(repo, &["config", "merge.memodraft.driver"]));
    assert!(driver.trim().ends_with("merge %O %A %B"), "{driver}");
    let base = storage::sample().unwrap();
    save(repo, &base);
    ok(&git(repo, &["add", "."]));
    ok(&git(repo, &["commit", "-q", "-m", "base"]));
    (dir, base)
}

#[test]
fn a_git_merge_of_different_findings_and_new_signatories_keeps_both() {
    let (dir, base) = repository();
    let repo = dir.path();
    let mut ours = base.clone();
    ours.findings[0].title = "A sharper title".into();
    ours.signatories.push(signatory("Fundar"));
    commit_branch(repo, "ours", &ours);
    let mut theirs = base.clone();
    theirs.findings[2].evidence = "New evidence from the partners.".into();
    theirs
        .signatories
        .push(signatory("Centro de Análisis e Investigación"));
    commit_branch(repo, "theirs", &theirs);

    // git's own line merge conflicts: both added a signatory at the end of the list.
    let text = |m: &Memo, name: &str| {
        let path = repo.join(name);
        fs::write(&path, storage::to_ron(m)).unwrap();
        path
    };
    let (b, o, t) = (
        text(&base, "b.txt"),
        text(&ours, "o.txt"),
        text(&theirs, "t.txt"),
    );
    let plain = git(
        repo,
        &[
            "merge-file",
            "-p",
            o.to_str().unwrap(),
            b.to_str().unwrap(),
            t.to_str().unwrap(),
        ],
    );
    assert!(
        !plain.status.success(),
        "a text merge would have conflicted"
    );
    for p in [b, o, t] {
        fs::remove_file(p).unwrap();
    }

    ok(&git(repo, &["checkout", "-q", "ours"]));
    ok(&git(repo, &["merge", "-q", "--no-edit", "theirs"]));
    let merged = storage::load_draft(&repo.join("memo.ron")).unwrap();
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.findings[0].title, "A sharper title");
    assert_eq!(
        merged.findings[2].evidence,
        "New evidence from the partners."
    );
    let names: Vec<&str> = merged
        .signatories
        .iter()
        .map(|s| s.organization.as_str())
        .collect();
    assert_eq!(names.len(), base.signatories.len() + 2, "{names:?}");
    assert!(names.contains(&"Fundar") && names.contains(&"Centro de Análisis e Investigación"));
    // No backup or temporary file left in the work tree.
    let status = ok(&git(repo, &["status", "--porcelain"]));
    assert_eq!(status, "", "{status}");
}

#[test]
fn a_git_merge_of_the_same_paragraph_records_the_conflict_and_check_reports_it() {
    let (dir, base) = repository();
    let repo = dir.path();
    let mut ours = base.clone();
    ours.findings[1].evidence = "Our version of the paragraph.".into();
    commit_branch(repo, "ours", &ours);
    let mut theirs = base.clone();
    theirs.findings[1].evidence = "Their version of the paragraph.".into();
    commit_branch(repo, "theirs", &theirs);

    ok(&git(repo, &["checkout", "-q", "ours"]));
    let out = git(repo, &["merge", "--no-edit", "theirs"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("conflict: finding 2: evidence, paragraph 1"),
        "{stdout}"
    );
    let path = repo.join("memo.ron");
    let merged = storage::load_draft(&path).unwrap();
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.findings[1].evidence, "Our version of the paragraph.");
    let both = format!("{:?}", merged.conflicts[0]);
    assert!(
        both.contains("Our version") && both.contains("Their version"),
        "{both}"
    );
    let check = Command::new(BIN).arg("check").arg(&path).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        report.contains(
            "error: merge conflict: finding 2: evidence, paragraph 1 changed on both sides"
        ),
        "{report}"
    );
}

#[test]
fn merge_writes_elsewhere_with_o_and_names_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let base = storage::sample().unwrap();
    let mut ours = base.clone();
    ours.subject = "Ours".into();
    let mut theirs = base.clone();
    theirs.closing = "Theirs.".into();
    let path = |name: &str, m: &Memo| {
        let p = dir.path().join(name);
        fs::write(&p, storage::to_ron(m)).unwrap();
        p
    };
    let (b, o, t) = (
        path("b.ron", &base),
        path("o.ron", &ours),
        path("t.ron", &theirs),
    );
    let out_path = dir.path().join("out.ron");
    let out = Command::new(BIN)
        .arg("merge")
        .args([&b, &o, &t])
        .arg("-o")
        .arg(&out_path)
        .output()
        .unwrap();
    ok(&out);
    let merged = storage::load_draft(&out_path).unwrap();
    assert_eq!(
        (merged.subject.as_str(), merged.closing.as_str()),
        ("Ours", "Theirs.")
    );
    assert_eq!(
        storage::load_draft(&o).unwrap(),
        ours,
        "OURS untouched with -o"
    );

    let missing = dir.path().join("missing.ron");
    let out = Command::new(BIN)
        .arg("merge")
        .args([&b, &missing, &t])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("missing.ron") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn diff_lists_the_differences_by_part() {
    let dir = tempfile::tempdir().unwrap();
    let a = storage::sample().unwrap();
    let mut b = a.clone();
    b.findings[1].evidence = "Changed.".into();
    b.signatories.push(signatory("Fundar"));
    let (pa, pb) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    fs::write(&pa, storage::to_ron(&a)).unwrap();
    fs::write(&pb, storage::to_ron(&b)).unwrap();
    let out = Command::new(BIN)
        .arg("diff")
        .args([&pa, &pb])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..2],
        ["finding 2: evidence changed", "signatory \"Fundar\" added"],
        "{text}"
    );
    assert!(lines[2].ends_with(": 2 differences"), "{text}");
    let same = Command::new(BIN)
        .arg("diff")
        .args([&pa, &pa])
        .output()
        .unwrap();
    assert_eq!(same.status.code(), Some(0));
}
