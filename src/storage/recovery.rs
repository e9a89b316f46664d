//! Recovery copies of drafts with unsaved changes (written by the editor's autosave, never
//! over the draft itself), and the on-disk stamp that notices a draft changed by another
//! program since it was opened or saved here.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::model::Memo;

/// A draft file as it was on disk: its modification time and size. Two stamps that differ
/// mean that something (a sync client, a partner, another editor) wrote the file between.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(SystemTime, u64)", into = "(SystemTime, u64)")]
pub struct DiskStamp {
    pub modified: SystemTime,
    pub len: u64,
}

impl DiskStamp {
    /// The stamp of the file at `path` now; `None` when it cannot be read.
    pub fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Self {
            modified: meta.modified().ok()?,
            len: meta.len(),
        })
    }

    /// Whether the file at `path` is no longer the one this stamp was taken of.
    pub fn changed(self, path: &Path) -> bool {
        Self::of(path) != Some(self)
    }
}

// Recovery copies written before the stamp had a name stored it as a tuple; keep that form.
impl From<(SystemTime, u64)> for DiskStamp {
    fn from((modified, len): (SystemTime, u64)) -> Self {
        Self { modified, len }
    }
}

impl From<DiskStamp> for (SystemTime, u64) {
    fn from(stamp: DiskStamp) -> Self {
        (stamp.modified, stamp.len)
    }
}

/// An autosaved copy of a draft with unsaved changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveryCopy {
    /// The draft it belongs to; `None` for a draft never saved.
    pub draft: Option<PathBuf>,
    /// When it was written.
    pub written: jiff::Timestamp,
    pub memo: Memo,
    /// The draft file as it was when the edits began, so that a restored copy still
    /// notices a partner's version synced over the draft since.
    #[serde(default)]
    pub disk: Option<DiskStamp>,
}

/// A recovery copy found in the recovery folder, with the file it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundCopy {
    pub file: PathBuf,
    pub copy: RecoveryCopy,
}

/// The recovery folder: one file per draft, never the draft itself.
pub struct Recovery {
    dir: PathBuf,
}

impl Recovery {
    /// The recovery folder inside the user's data folder.
    pub fn new(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.join("recovery"),
        }
    }

    /// The folder itself (it may not exist until the first copy is written).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn file(&self, draft: Option<&Path>) -> PathBuf {
        let mut h = DefaultHasher::new();
        draft.hash(&mut h);
        self.dir.join(format!("{:016x}.ron", h.finish()))
    }

    /// Writes (atomically) the recovery copy of `draft`, replacing its previous one.
    pub fn write(
        &self,
        draft: Option<&Path>,
        memo: &Memo,
        disk: Option<DiskStamp>,
    ) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(&self.dir)?;
        let copy = RecoveryCopy {
            draft: draft.map(Path::to_owned),
            written: jiff::Timestamp::now(),
            memo: memo.clone(),
            disk,
        };
        let text = ron::ser::to_string_pretty(
            &copy,
            ron::ser::PrettyConfig::default().escape_strings(false),
        )
        .map_err(std::io::Error::other)?;
        let file = self.file(draft);
        super::write_atomic(&file, text.as_bytes())?;
        Ok(file)
    }

    /// Removes the recovery copy of `draft`, if any (after a save or a discard).
    pub fn remove(&self, draft: Option<&Path>) {
        // A copy that cannot be removed is offered again at the next start: harmless.
        let _ = std::fs::remove_file(self.file(draft));
    }

    /// Every readable recovery copy, newest first. Unreadable or oversized files are
    /// skipped: a recovery copy is a convenience, never a reason not to start.
    pub fn list(&self) -> Vec<FoundCopy> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<FoundCopy> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .filter_map(|file| {
                let bytes = super::read_limited(&file, super::MAX_DRAFT_BYTES).ok()?;
                let text = String::from_utf8(bytes).ok()?;
                let copy: RecoveryCopy = ron::from_str(&text).ok()?;
                Some(FoundCopy { file, copy })
            })
            .collect();
        found.sort_by_key(|f| std::cmp::Reverse(f.copy.written));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_copies_round_trip_and_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let recovery = Recovery::new(dir.path());
        let memo = Memo {
            subject: "Asunto con acentos: Juárez".into(),
            ..Memo::default()
        };
        let draft = dir.path().join("memo.ron");
        std::fs::write(&draft, "x").unwrap();
        let stamp = DiskStamp::of(&draft);
        assert!(stamp.is_some());
        recovery.write(Some(&draft), &memo, stamp).unwrap();
        recovery.write(None, &Memo::default(), None).unwrap();
        let list = recovery.list();
        assert_eq!(list.len(), 2);
        let mine = list
            .iter()
            .find(|f| f.copy.draft.as_deref() == Some(&*draft))
            .unwrap();
        assert_eq!(mine.copy.memo, memo);
        assert_eq!(mine.copy.disk, stamp);
        recovery.remove(Some(&draft));
        assert_eq!(recovery.list().len(), 1);
    }

    #[test]
    fn a_stamp_notices_a_rewritten_file() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("memo.ron");
        std::fs::write(&draft, "ours").unwrap();
        let stamp = DiskStamp::of(&draft).unwrap();
        assert!(!stamp.changed(&draft));
        std::fs::write(&draft, "theirs, longer").unwrap();
        assert!(stamp.changed(&draft));
        std::fs::remove_file(&draft).unwrap();
        assert!(stamp.changed(&draft));
    }

    #[test]
    fn copies_written_with_a_tuple_stamp_still_load() {
        let copy = RecoveryCopy {
            draft: None,
            written: jiff::Timestamp::UNIX_EPOCH,
            memo: Memo::default(),
            disk: Some(DiskStamp {
                modified: SystemTime::UNIX_EPOCH,
                len: 7,
            }),
        };
        let text = ron::to_string(&copy).unwrap();
        let old: (SystemTime, u64) = (SystemTime::UNIX_EPOCH, 7);
        assert!(text.contains(&ron::to_string(&old).unwrap()));
        assert_eq!(ron::from_str::<RecoveryCopy>(&text).unwrap(), copy);
    }
}
