//! Saving a draft where it really lives: through symbolic links to the file they point to,
//! atomically beside it with a backup; this program's stale temporary files cleaned; and
//! in place, verified and restorable, where the folder allows no new files.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{
    AtomicError, CreateTemporary, DraftError, MAX_DRAFT_BYTES, TEMP_PREFIX, TEMP_RANDOM_LEN,
    TEMP_SUFFIX, backup_path, parent_dir, read_limited, to_ron, write_atomic_with,
};
use crate::model::Memo;

/// A temporary file of this program younger than this may belong to a save still running
/// (here or on a partner's machine, through a synced folder): it is left alone.
pub const STALE_TEMPORARY_AGE: Duration = Duration::from_mins(1);

/// Links followed before giving up, as the kernel does (Linux: 40).
const MAX_LINKS: usize = 40;

/// How a draft was saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// The file written: the draft's path with symbolic links followed.
    pub target: PathBuf,
    /// Where the version it replaced was kept, if there was one.
    pub backup: Option<PathBuf>,
    /// `false`: the folder allows no new files, so the draft was rewritten in place
    /// (verified by reading it back) rather than replaced whole.
    pub atomic: bool,
}

impl Saved {
    /// What the user must know beyond "saved": that the save was not atomic, and where
    /// the backup is. `None` for an ordinary save.
    pub fn note(&self) -> Option<String> {
        if self.atomic {
            return None;
        }
        let backup = self.backup.as_ref().map_or_else(
            || "no backup could be written anywhere".to_owned(),
            |b| format!("the previous version is in {}", b.display()),
        );
        Some(format!(
            "The folder of {} allows no new files, so it was rewritten in place, not atomically (a crash during a save there could damage it); {backup}",
            self.target.display()
        ))
    }
}

/// `path` with symbolic links followed to the file they point to (relative links from
/// the link's folder), or `path` itself when it is no link. A dangling link gives the
/// file it would create.
pub fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = if link.is_absolute() {
                    link
                } else {
                    current.parent().unwrap_or(Path::new("")).join(link)
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row (a loop?)"
    )))
}

/// Whether `name` is one of this program's temporary files: `.memodraft-XXXXXX.tmp`.
fn is_our_temporary(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|random| {
            random.len() == TEMP_RANDOM_LEN && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Removes the temporary files a killed save of this program left beside `draft` (links
/// followed): only regular files named `.memodraft-XXXXXX.tmp` last written more than
/// [`STALE_TEMPORARY_AGE`] ago; never anything else. How many were removed; a file that
/// cannot be removed is left, silently (it is tried again at the next save).
pub fn remove_stale_temporaries(draft: &Path) -> usize {
    let target = resolve_links(draft).unwrap_or_else(|_| draft.to_owned());
    remove_stale_in(parent_dir(&target), STALE_TEMPORARY_AGE, SystemTime::now())
}

fn remove_stale_in(dir: &Path, age: Duration, now: SystemTime) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_str().is_some_and(is_our_temporary))
        // Not followed: a link or a folder with such a name is not ours.
        .filter(|e| {
            e.file_type().is_ok_and(|t| t.is_file())
                && e.metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|modified| now.duration_since(modified).is_ok_and(|d| d > age))
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// [`super::save_draft`] with the temporary files made by `create`.
pub(super) fn save_draft_with(
    path: &Path,
    memo: &Memo,
    create: CreateTemporary,
) -> Result<Saved, DraftError> {
    let error = |reason| DraftError::Write {
        path: path.to_owned(),
        reason,
    };
    // Saved beside the file the link points to, so the link stays and the shared draft
    // gets the change.
    let target = resolve_links(path).map_err(error)?;
    remove_stale_in(parent_dir(&target), STALE_TEMPORARY_AGE, SystemTime::now());
    let new = to_ron(memo);
    // The version being replaced stays beside the draft as `NAME.bak` (one level), itself
    // written atomically: a crash at any point leaves the draft old or new, whole. A file
    // too large to be a draft (or endless, like /dev/zero) is not copied.
    let old = read_limited(&target, MAX_DRAFT_BYTES).ok();
    let mut backup = None;
    let mut no_create = None;
    if let Some(old) = &old {
        let bak = backup_path(&target);
        match write_atomic_with(&bak, old, create) {
            Ok(()) => backup = Some(bak),
            Err(AtomicError::Create(e)) if denied(&e) => {
                backup = backup_elsewhere(&bak, old);
                no_create = Some(e);
            }
            Err(e) => return Err(error(e.into_io())),
        }
    }
    if no_create.is_none() {
        match write_atomic_with(&target, new.as_bytes(), create) {
            Ok(()) => {
                return Ok(Saved {
                    target,
                    backup,
                    atomic: true,
                });
            }
            Err(AtomicError::Create(e)) if denied(&e) => no_create = Some(e),
            Err(e) => return Err(error(e.into_io())),
        }
    }
    // The folder allows no new files. An existing draft may still be writable: rewrite
    // it in place, keeping its old bytes to write back if that fails. A new draft cannot
    // be made there at all.
    let denial = no_create.unwrap_or_else(|| std::io::Error::other("nothing was written"));
    let Some(old) = old else {
        return Err(error(denial));
    };
    write_in_place(&target, new.as_bytes(), &old).map_err(|failure| match failure {
        InPlaceFailure::NotWritten(reason) => error(reason),
        InPlaceFailure::Written { reason, restored } => DraftError::InPlace {
            path: path.to_owned(),
            reason,
            restored,
            backup: backup.clone(),
        },
    })?;
    Ok(Saved {
        target,
        backup,
        atomic: false,
    })
}

/// Whether creating a file failed for want of permission (not a missing folder or a full
/// or read-only disk, where writing in place would fail too).
fn denied(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::PermissionDenied
}

/// The backup when its folder allows no new files: over an existing `NAME.bak` in
/// place, else a new file in the system's temporary folder. `None` when neither works.
fn backup_elsewhere(bak: &Path, old: &[u8]) -> Option<PathBuf> {
    if overwrite(bak, old).is_ok() {
        return Some(bak.to_owned());
    }
    let name = bak.file_name()?.to_string_lossy().into_owned();
    let mut file = tempfile::Builder::new()
        .prefix(&format!("memodraft-backup-{name}-"))
        .tempfile()
        .ok()?;
    file.write_all(old).ok()?;
    file.as_file().sync_all().ok()?;
    let (_, kept) = file.keep().ok()?;
    Some(kept)
}

/// Writes `bytes` over the existing file at `path` (never creating it), flushed to disk.
fn overwrite(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new().write(true).open(path)?;
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)?;
    file.sync_all()
}

enum InPlaceFailure {
    /// The draft could not be opened for writing: it is unchanged.
    NotWritten(std::io::Error),
    /// Writing or the read-back check failed; `restored` says whether the old bytes were
    /// written back whole.
    Written {
        reason: std::io::Error,
        restored: bool,
    },
}

/// Rewrites `path` in place with `new`, reads it back to check, and writes `old` back if
/// anything failed.
fn write_in_place(path: &Path, new: &[u8], old: &[u8]) -> Result<(), InPlaceFailure> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(InPlaceFailure::NotWritten)?;
    let written = file
        .write_all(new)
        .and_then(|()| file.set_len(new.len() as u64))
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            let back = read_limited(path, MAX_DRAFT_BYTES).map_err(|e| match e {
                super::ReadError::Io(e) => e,
                super::ReadError::TooLarge => std::io::Error::other("it grew past the limit"),
            })?;
            if back == new {
                Ok(())
            } else {
                Err(std::io::Error::other(
                    "reading it back gave other bytes than were written",
                ))
            }
        });
    drop(file);
    written.map_err(|reason| InPlaceFailure::Written {
        reason,
        restored: overwrite(path, old).is_ok()
            && read_limited(path, MAX_DRAFT_BYTES).is_ok_and(|b| b == old),
    })
}

/// The end of an in-place save's error: what became of the draft and what to do.
pub(super) fn in_place_advice(restored: bool, backup: Option<&Path>) -> String {
    let backup = backup.map_or_else(String::new, |b| {
        format!(" The previous version is also in {}.", b.display())
    });
    if restored {
        format!(
            "The previous version was written back, whole.{backup} Save under another name (Save As) in a folder where you may create files"
        )
    } else {
        format!(
            "The previous version could not be written back either, so the draft may be damaged.{backup} Save under another name (Save As), then restore the draft from its backup"
        )
    }
}

#[cfg(test)]
#[path = "save_tests.rs"]
mod tests;
