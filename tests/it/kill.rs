//! The real process killed (SIGKILL) in the middle of saves and exports, many times: the
//! draft on disk is always the old or the new complete version, its backup is whole, and
//! a PDF is either absent or complete.
//!
//! The temporary files a kill leaves are not removed by the test: they stay, as after a
//! real crash, and the next save must clean them up (they are aged past the minute that
//! protects a save still running, as if the user came back later).
//!
//! A kill only counts when it landed: the process was still running and died of the
//! signal. Half the kills are timed to land while a file is being written: memodraft
//! writes into a temporary file beside the target and renames it, so a temporary file
//! left behind after the kill shows that the kill came mid-write.

#![cfg(unix)]

use std::ffi::OsString;
use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use memodraft::storage::{self, signatories};

const KILLS: usize = 40;
const SIGKILL: i32 = 9;

/// When to kill the process.
#[derive(Clone, Copy, Debug)]
enum When {
    /// This long after it started.
    After(Duration),
    /// As soon as its `n`-th temporary file (1-based) appears, while that file is written.
    Writing(usize),
}

/// What a kill did.
#[derive(Clone, Copy, Debug, Default)]
struct Kill {
    /// The process was still running and died of SIGKILL.
    landed: bool,
    /// It died between creating a temporary file and renaming it over the target.
    mid_write: bool,
}

/// Tallies of [`Kill`]s over many runs.
#[derive(Debug, Default)]
struct Tally {
    landed: usize,
    mid_write: usize,
}

impl Tally {
    fn add(&mut self, kill: Kill) {
        self.landed += usize::from(kill.landed);
        self.mid_write += usize::from(kill.mid_write);
    }

    /// Nearly every kill must land (a run the machine sped through may end first), and
    /// the runs timed to hit a write must mostly do so.
    fn assert_honest(&self) {
        assert!(
            self.landed >= KILLS * 3 / 4,
            "most runs were really killed while running: {self:?}"
        );
        assert!(
            self.mid_write >= KILLS / 4,
            "many kills landed while a file was being written: {self:?}"
        );
    }
}

/// The temporary files memodraft's atomic writes leave in `dir` while they run.
fn temporaries(dir: &Path) -> Vec<OsString> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name())
                .filter(|name| {
                    let name = name.to_string_lossy();
                    name.starts_with(".memodraft-") && name.ends_with(".tmp")
                })
                .collect()
        })
        .unwrap_or_default()
}

fn spawn(args: &[&Path]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_memodraft"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("memodraft starts")
}

/// How long one whole run takes on this machine now (the faster of two), so that timed
/// kills fall inside it.
fn duration_of(args: &[&Path]) -> Duration {
    (0..2)
        .map(|_| {
            let start = Instant::now();
            let status = spawn(args).wait().expect("memodraft runs");
            assert!(status.success(), "the uninterrupted run succeeds");
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Makes the temporary files in `dir` look two minutes old: time passes before the user
/// saves again, so they are stale, not a save still running.
fn age_temporaries(dir: &Path) {
    for name in temporaries(dir) {
        let file = fs::File::options()
            .write(true)
            .open(dir.join(name))
            .expect("open a temporary file");
        file.set_modified(SystemTime::now() - Duration::from_mins(2))
            .expect("age a temporary file");
    }
}

/// Runs memodraft with `args` and kills it (SIGKILL: no destructor, no cleanup runs) at
/// `when`. The temporary files it leaves in `dir` stay there, aged.
fn run_and_kill(args: &[&Path], dir: &Path, when: When) -> Kill {
    let earlier = temporaries(dir);
    let mut child = spawn(args);
    let running = match when {
        When::After(after) => {
            std::thread::sleep(after);
            child.try_wait().expect("try_wait").is_none()
        }
        When::Writing(n) => {
            let deadline = Instant::now() + Duration::from_mins(1);
            let mut seen: Vec<OsString> = Vec::new();
            loop {
                if child.try_wait().expect("try_wait").is_some() || Instant::now() > deadline {
                    break false;
                }
                for name in temporaries(dir) {
                    if !seen.contains(&name) && !earlier.contains(&name) {
                        seen.push(name);
                    }
                }
                if seen.len() >= n {
                    break true;
                }
                std::thread::yield_now();
            }
        }
    };
    let mut kill = Kill::default();
    if running {
        child.kill().expect("kill");
    }
    let status = child.wait().expect("wait");
    kill.landed = running && status.signal() == Some(SIGKILL);
    let left = temporaries(dir);
    kill.mid_write = kill.landed && left.iter().any(|name| !earlier.contains(name));
    age_temporaries(dir);
    kill
}

/// The temporary files the kills left in `dir` (one is made if none is left) are gone
/// after the next save, `save`; a fresh one and other files stay.
fn assert_the_next_save_cleans_up(args: &[&Path], dir: &Path, save: impl FnOnce()) {
    for _ in 0..10 {
        if !temporaries(dir).is_empty() {
            break;
        }
        run_and_kill(args, dir, When::Writing(1));
    }
    assert!(!temporaries(dir).is_empty(), "a kill left a temporary file");
    let other = dir.join("notes.tmp");
    fs::write(&other, "not memodraft's").unwrap();
    save();
    assert!(
        temporaries(dir).is_empty(),
        "no temporary file outlives the next save: {:?}",
        temporaries(dir)
    );
    assert!(other.exists(), "other files are left alone");
}

#[test]
fn a_draft_survives_being_killed_mid_save() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    let csv = dir.path().join("signons.csv");
    // Big enough that the import's two writes (backup, then draft) take a while.
    let rows = memodraft::generate::memo(11, 2, 5_000).signatories;
    fs::write(&csv, signatories::export_csv(&rows)).unwrap();
    let mut imported = storage::sample().unwrap().signatories;
    let before = imported.len();
    signatories::import_file(&mut imported, &csv).unwrap();
    let after_import = imported.len();
    assert!(after_import > before);

    let args = [Path::new("signatories"), Path::new("import"), &draft, &csv];
    let reset = || {
        fs::write(&draft, storage::SAMPLE_DRAFT).unwrap();
        let _ = fs::remove_file(storage::backup_path(&draft));
    };
    reset();
    let whole = duration_of(&args);
    let mut rng = fastrand::Rng::with_seed(2026);
    let mut tally = Tally::default();
    for i in 0..KILLS {
        reset();
        let when = if i % 2 == 0 {
            When::After(whole.mul_f64(rng.f64() * 0.8))
        } else {
            // The first temporary file is the backup's, the second the draft's.
            When::Writing(rng.usize(1..=2))
        };
        let kill = run_and_kill(&args, dir.path(), when);
        tally.add(kill);
        let now = storage::load_draft(&draft)
            .unwrap_or_else(|e| panic!("the draft is whole after a kill ({when:?}): {e}"))
            .signatories
            .len();
        // Either nothing was saved yet, or the whole import was.
        assert!(
            now == before || now == after_import,
            "old or new, never partial: {now} ({when:?})"
        );
        if kill.mid_write && matches!(when, When::Writing(2)) {
            assert_eq!(now, before, "a draft killed mid-write is the old one");
        }
        if storage::backup_path(&draft).exists() {
            let backup =
                storage::load_draft(&storage::backup_path(&draft)).expect("the backup is whole");
            assert_eq!(
                backup.signatories.len(),
                before,
                "the backup is the old draft"
            );
        }
    }
    tally.assert_honest();
    assert_the_next_save_cleans_up(&args, dir.path(), || {
        reset();
        let status = spawn(&args).wait().unwrap();
        assert!(status.success());
    });
}

#[test]
fn an_export_killed_midway_leaves_no_partial_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("large.ron");
    storage::save_draft(&draft, &memodraft::generate::memo(5, 20, 300)).unwrap();
    let pdf = dir.path().join("large.pdf");
    let args = [Path::new("export"), &draft, Path::new("-o"), &pdf];
    let whole = duration_of(&args);
    let mut rng = fastrand::Rng::with_seed(27);
    let mut tally = Tally::default();
    for i in 0..KILLS {
        let _ = fs::remove_file(&pdf);
        let when = if i % 2 == 0 {
            When::After(whole.mul_f64(rng.f64() * 0.8))
        } else {
            When::Writing(1)
        };
        let kill = run_and_kill(&args, dir.path(), when);
        tally.add(kill);
        if kill.mid_write {
            assert!(!pdf.exists(), "no PDF from an export killed mid-write");
        }
        if pdf.exists() {
            let doc = lopdf::Document::load(&pdf).expect("a PDF that exists is complete");
            assert!(doc.get_pages().len() > 10);
        }
    }
    tally.assert_honest();
    // The PDF's temporary files are beside the draft: saving the draft cleans them.
    assert_the_next_save_cleans_up(&args, dir.path(), || {
        let memo = storage::load_draft(&draft).unwrap();
        storage::save_draft(&draft, &memo).unwrap();
    });
}
