//! Preferences kept between runs: recent files, theme, export options.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::storage;

const RECENT_MAX: usize = 10;
/// Preferences are a few lines; anything longer is not ours.
const MAX_PREFS_BYTES: u64 = 1024 * 1024;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// The unit margins are shown and typed in; drafts always store millimetres.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LengthUnit {
    Mm,
    In,
}

impl LengthUnit {
    pub const MM_PER_INCH: f32 = 25.4;

    /// The unit someone using `paper` most likely thinks in: inches for US Letter.
    pub fn usual_for(paper: crate::model::Paper) -> Self {
        match paper {
            crate::model::Paper::Letter => Self::In,
            crate::model::Paper::A4 => Self::Mm,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Self::Mm => "mm",
            Self::In => "in",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Most recent first; the first is the draft `memodraft` opens with no argument.
    pub recent: Vec<PathBuf>,
    pub open_after_export: bool,
    pub theme: Theme,
    /// The unit margins are edited in; `None` until chosen, then the paper's usual one.
    pub margin_unit: Option<LengthUnit>,
}

impl Prefs {
    fn path(dir: &Path) -> PathBuf {
        dir.join("prefs.ron")
    }

    /// Reads the preferences; a missing or unreadable file gives the defaults (preferences
    /// are a convenience, never a reason not to start).
    pub fn load(dir: &Path) -> Self {
        storage::read_limited(&Self::path(dir), MAX_PREFS_BYTES)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn preferences_saved_before_the_margin_unit_still_load() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            Prefs::path(dir.path()),
            "(open_after_export: true, theme: Dark)",
        )
        .unwrap();
        let prefs = Prefs::load(dir.path());
        assert!(prefs.open_after_export);
        assert_eq!(prefs.margin_unit, None);

        let chosen = Prefs {
            margin_unit: Some(LengthUnit::In),
            ..prefs
        };
        chosen.save(dir.path()).unwrap();
        assert_eq!(Prefs::load(dir.path()), chosen);
    }
}
