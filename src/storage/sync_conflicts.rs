//! Finding a sync tool's conflicted copy of a draft beside it: the names Dropbox,
//! Nextcloud, Syncthing and `OneDrive` give the copy they keep when two
//! machines changed one file.

use std::fs;
use std::path::{Path, PathBuf};

/// Whether `name` is how a sync tool names a conflicted copy of the draft called
/// `stem.ext`:
/// - Dropbox: `memo (Rosa's conflicted copy 2026-11-28).ron`;
/// - Nextcloud (and `ownCloud`): `memo (conflicted copy 2026-11-28 101500).ron`,
///   `memo (conflict 2026-11-28 101500).ron`;
/// - Syncthing: `memo.sync-conflict-20261128-101500-ABCDEFG.ron`;
/// - `OneDrive`: `memo-LAPTOP-7.ron` (the machine's name, in capitals; at least four
///   characters with a digit or a hyphen, like Windows' own names, so that
///   `memo-FINAL.ron` or `memo-V2.ron` is not taken for one).
pub fn is_conflicted_copy(name: &str, stem: &str, ext: &str) -> bool {
    let Some(rest) = name
        .strip_prefix(stem)
        .and_then(|r| r.strip_suffix(ext))
        .and_then(|r| r.strip_suffix('.'))
    else {
        return false;
    };
    if let Some(inner) = rest.strip_prefix(" (").and_then(|r| r.strip_suffix(')')) {
        return inner.contains("conflicted copy") || inner.starts_with("conflict ");
    }
    if rest.starts_with(".sync-conflict-") {
        return true;
    }
    rest.strip_prefix('-').is_some_and(|machine| {
        machine.len() >= 4
            && machine.chars().any(|c| c.is_ascii_uppercase())
            && machine.chars().any(|c| c.is_ascii_digit() || c == '-')
            && machine
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
    })
}

/// The conflicted copies of `draft` in its folder, by name; none when the folder cannot
/// be read.
pub fn conflicted_copies(draft: &Path) -> Vec<PathBuf> {
    let (Some(stem), Some(ext)) = (
        draft.file_stem().and_then(|s| s.to_str()),
        draft.extension().and_then(|s| s.to_str()),
    ) else {
        return Vec::new();
    };
    let Ok(entries) = fs::read_dir(super::parent_dir(draft)) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| is_conflicted_copy(n, stem, ext))
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sync_tools_names_are_recognized_and_others_not() {
        for name in [
            "memo (Rosa's conflicted copy 2026-11-28).ron",
            "memo (conflicted copy 2026-11-28 101500).ron",
            "memo (conflict 2026-11-28 101500).ron",
            "memo.sync-conflict-20261128-101500-ABCDEFG.ron",
            "memo-LAPTOP-7.ron",
            "memo-DESKTOP-4F2K9Q.ron",
        ] {
            assert!(is_conflicted_copy(name, "memo", "ron"), "{name}");
        }
        for name in [
            "memo.ron",
            "memo.ron.bak",
            "memo-v2.ron",
            "memo-V2.ron",
            "memo-FINAL.ron",
            "memo (2).ron",
            "memorandum (conflicted copy).ron",
            "memo (conflicted copy).pdf",
        ] {
            assert!(!is_conflicted_copy(name, "memo", "ron"), "{name}");
        }
    }

    #[test]
    fn copies_beside_the_draft_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("memo.ron");
        for name in [
            "memo.ron",
            "memo.sync-conflict-20261128-101500-ABCDEFG.ron",
            "other.ron",
        ] {
            fs::write(dir.path().join(name), "()").unwrap();
        }
        let found = conflicted_copies(&draft);
        assert_eq!(
            found,
            vec![
                dir.path()
                    .join("memo.sync-conflict-20261128-101500-ABCDEFG.ron")
            ]
        );
    }
}
