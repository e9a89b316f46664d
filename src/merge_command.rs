//! `memodraft merge` (three-way, git's merge-driver convention), `memodraft diff`, and
//! `memodraft merge --install-git-driver`: part of the command line (`main.rs`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};

use memodraft::model::merge::{differences, merge};
use memodraft::storage;

/// The line `--install-git-driver` adds to `.gitattributes`: drafts merge with the driver.
pub const GITATTRIBUTES_LINE: &str = "*.ron merge=memodraft";

/// Merges THEIRS into OURS from BASE and writes the result to `output` (OURS when none),
/// atomically and without a backup (git's %A is a temporary file). Exit 0 when clean,
/// 1 when conflicts were recorded in the result.
pub fn merge_drafts(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let b = storage::load_draft(base)?;
    let o = storage::load_draft(ours)?;
    let t = storage::load_draft(theirs)?;
    let merged = merge(&b, &o, &t);
    let out = output.unwrap_or(ours);
    storage::write_atomic(out, storage::to_ron(&merged).as_bytes()).map_err(|reason| {
        storage::DraftError::Write {
            path: out.to_owned(),
            reason,
        }
    })?;
    let fresh = merged.conflicts.len().saturating_sub(o.conflicts.len());
    if merged.conflicts.is_empty() {
        println!("{}: merged cleanly", out.display());
        return Ok(ExitCode::SUCCESS);
    }
    for conflict in &merged.conflicts {
        println!(
            "{}: conflict: {}",
            out.display(),
            conflict.describe(&merged)
        );
    }
    println!(
        "{}: {} conflicts recorded ({fresh} from this merge), both versions kept in the draft; open it in memodraft to choose, and `memodraft check` lists them until then",
        out.display(),
        merged.conflicts.len()
    );
    Ok(ExitCode::FAILURE)
}

/// Lists the differences from A to B by part of the memo. Exit 0 when there are none,
/// 1 when there are some (as diff(1) does).
pub fn diff_drafts(a: &Path, b: &Path) -> Result<ExitCode> {
    let ours = storage::load_draft(a)?;
    let theirs = storage::load_draft(b)?;
    let diffs = differences(&ours, &theirs);
    for d in &diffs {
        println!("{}", d.describe(&ours));
    }
    let count = match diffs.len() {
        1 => "1 difference".to_owned(),
        n => format!("{n} differences"),
    };
    println!("{} -> {}: {count}", a.display(), b.display());
    Ok(if diffs.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Configures the git repository around the current folder to merge drafts with this
/// memodraft: `merge.memodraft.driver` in its local config (with this program's absolute
/// path, so the driver works without memodraft on PATH) and a line in `.gitattributes`.
pub fn install_git_driver() -> Result<ExitCode> {
    let top = git(&["rev-parse", "--show-toplevel"])
        .context("cannot install the git merge driver: this folder is not in a git repository (or git is not installed). Run it inside the repository that holds the drafts")?;
    let top = PathBuf::from(top.trim());
    let exe = std::env::current_exe().context(
        "cannot install the git merge driver: the path of this memodraft is unknown. Run it by its full path",
    )?;
    let driver = format!("{} merge %O %A %B", shell_quote(&exe.to_string_lossy()));
    git(&[
        "config",
        "merge.memodraft.name",
        "memodraft: structural merge of memo drafts",
    ])?;
    git(&["config", "merge.memodraft.driver", &driver])?;
    let attributes = top.join(".gitattributes");
    let existing = match fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => bail!(
            "cannot read {}: {e}. Check that you may read it, then run this again",
            attributes.display()
        ),
    };
    if !existing.lines().any(|l| l.trim() == GITATTRIBUTES_LINE) {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(GITATTRIBUTES_LINE);
        text.push('\n');
        storage::write_atomic(&attributes, text.as_bytes()).with_context(|| {
            format!(
                "cannot write {}. Check that you may write there, then run this again",
                attributes.display()
            )
        })?;
    }
    println!("git config merge.memodraft.driver \"{driver}\"");
    println!(
        "{}: {GITATTRIBUTES_LINE} (commit it so that everyone's merges use the driver once they run this too)",
        attributes.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs git with `args` in the current folder; its output, or its complaint as the error.
fn git(args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .context("cannot run git; install git and run this again")?;
    if !out.status.success() {
        bail!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A path as one word for git's `sh -c`: single-quoted when it holds anything but plain
/// path characters.
fn shell_quote(path: &str) -> String {
    let plain = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c));
    if plain {
        path.to_owned()
    } else {
        format!("'{}'", path.replace('\'', "'\\''"))
    }
}
