//! The real process killed (SIGKILL) in the middle of saves and exports, many times: the
//! draft on disk is always the old or the new complete version, its backup is whole, and
//! a PDF is either absent or complete.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use memodraft::storage::{self, signatories};

const KILLS: usize = 40;

fn spawn_and_kill(args: &[&Path], after: Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_memodraft"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("memodraft starts");
    std::thread::sleep(after);
    // `kill` is SIGKILL on Unix: no destructor, no cleanup runs.
    let killed = child.kill().is_ok();
    let _ = child.wait();
    killed
}

#[test]
fn a_draft_survives_being_killed_mid_save() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    let csv = dir.path().join("signons.csv");
    storage::save_draft(&draft, &storage::sample().unwrap()).unwrap();
    // Big enough that the import's save takes a while.
    let rows = memodraft::generate::memo(11, 2, 20_000).signatories;
    fs::write(&csv, signatories::export_csv(&rows)).unwrap();
    let mut imported = storage::load_draft(&draft).unwrap().signatories;
    let before = imported.len();
    signatories::import_file(&mut imported, &csv).unwrap();
    let after_import = imported.len();
    assert!(after_import > before);
    let mut rng = fastrand::Rng::with_seed(2026);
    let mut killed = 0;
    for _ in 0..KILLS {
        let after = Duration::from_millis(rng.u64(0..400));
        if spawn_and_kill(
            &[Path::new("signatories"), Path::new("import"), &draft, &csv],
            after,
        ) {
            killed += 1;
        }
        let now = storage::load_draft(&draft)
            .unwrap_or_else(|e| panic!("the draft is whole after a kill: {e}"))
            .signatories
            .len();
        // Either nothing was saved yet, or the whole import was.
        assert!(
            now == before || now == after_import,
            "old or new, never partial: {now}"
        );
        if storage::backup_path(&draft).exists() {
            storage::load_draft(&storage::backup_path(&draft)).expect("the backup is whole");
        }
    }
    assert!(killed > KILLS / 2, "most runs were really killed: {killed}");
}

#[test]
fn an_export_killed_midway_leaves_no_partial_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("large.ron");
    storage::save_draft(&draft, &memodraft::generate::memo(5, 60, 1000)).unwrap();
    let pdf = dir.path().join("large.pdf");
    let mut rng = fastrand::Rng::with_seed(27);
    for _ in 0..KILLS {
        let after = Duration::from_millis(rng.u64(0..1500));
        spawn_and_kill(&[Path::new("export"), &draft, Path::new("-o"), &pdf], after);
        if pdf.exists() {
            let doc = lopdf::Document::load(&pdf).expect("a PDF that exists is complete");
            assert!(doc.get_pages().len() > 10);
        }
    }
}
