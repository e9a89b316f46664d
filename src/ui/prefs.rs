//! Preferences kept between runs (recent files, theme, export options) and the
//! recovery copies autosave writes while a draft has unsaved changes.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Memo;
use crate::storage;

const RECENT_MAX: usize = 10;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Most recent first; the first is the draft `memodraft` opens with no argument.
    pub recent: Vec<PathBuf>,
    pub open_after_export: bool,
    pub theme: Theme,
}

impl Prefs {
    fn path(dir: &Path) -> PathBuf {
        dir.join("prefs.ron")
    }

    /// Reads the preferences; a missing or unreadable file gives the defaults (preferences
    /// are a convenience, never a reason not to start).
    pub fn load(dir: &Path) -> Self {
        std::fs::read_to_string(Self::path(dir))
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        storage::write_atomic(&Self::path(dir), text.as_bytes())
    }

    pub fn touch_recent(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }
}

/// An autosaved copy of a draft with unsaved changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovered {
    /// The draft it belongs to; `None` for a draft never saved.
    pub draft: Option<PathBuf>,
    /// When it was written.
    pub written: jiff::Timestamp,
    pub memo: Memo,
    /// The draft file's modification time and size when the edits began, so that a
    /// restored copy still notices a partner's version synced over the draft since.
    #[serde(default)]
    pub disk: Option<(std::time::SystemTime, u64)>,
}

/// The recovery folder: one file per draft, never the draft itself.
pub struct Recovery {
    dir: PathBuf,
}

impl Recovery {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.join("recovery"),
        }
    }

    fn file(&self, draft: Option<&Path>) -> PathBuf {
        let mut h = DefaultHasher::new();
        draft.hash(&mut h);
        self.dir.join(format!("{:016x}.ron", h.finish()))
    }

    pub fn write(
        &self,
        draft: Option<&Path>,
        memo: &Memo,
        disk: Option<(std::time::SystemTime, u64)>,
    ) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(&self.dir)?;
        let copy = Recovered {
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
        storage::write_atomic(&file, text.as_bytes())?;
        Ok(file)
    }

    /// Removes the recovery copy of `draft`, if any (after a save or a discard).
    pub fn remove(&self, draft: Option<&Path>) {
        // A copy that cannot be removed is offered again at the next start: harmless.
        let _ = std::fs::remove_file(self.file(draft));
    }

    /// Every readable recovery copy, newest first, with its file.
    pub fn list(&self) -> Vec<(PathBuf, Recovered)> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<(PathBuf, Recovered)> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .filter_map(|p| {
                let meta = std::fs::metadata(&p).ok()?;
                if meta.len() > storage::MAX_DRAFT_BYTES {
                    return None;
                }
                let text = std::fs::read_to_string(&p).ok()?;
                let copy: Recovered = ron::from_str(&text).ok()?;
                Some((p, copy))
            })
            .collect();
        found.sort_by_key(|(_, copy)| std::cmp::Reverse(copy.written));
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
        recovery.write(Some(&draft), &memo, None).unwrap();
        recovery.write(None, &Memo::default(), None).unwrap();
        let list = recovery.list();
        assert_eq!(list.len(), 2);
        let mine = list
            .iter()
            .find(|(_, r)| r.draft.as_deref() == Some(&*draft))
            .unwrap();
        assert_eq!(mine.1.memo, memo);
        recovery.remove(Some(&draft));
        assert_eq!(recovery.list().len(), 1);
    }

    #[test]
    fn recent_files_are_unique_most_recent_first_and_bounded() {
        let mut prefs = Prefs::default();
        for i in 0..15 {
            prefs.touch_recent(Path::new(&format!("/tmp/d{i}.ron")));
        }
        prefs.touch_recent(Path::new("/tmp/d3.ron"));
        assert_eq!(prefs.recent.len(), RECENT_MAX);
        assert_eq!(prefs.recent[0], Path::new("/tmp/d3.ron"));
        assert_eq!(
            prefs
                .recent
                .iter()
                .filter(|p| p.ends_with("d3.ron"))
                .count(),
            1
        );
    }
}
