//! The editor: an eframe app with an outline, a form editor per part of the memo and a
//! live preview of the laid-out pages. Every action is a [`Command`]; undo works on the
//! whole memo; autosave writes recovery copies beside (never over) the draft.
//!
//! Where things are: `app` holds the state and draws the frame; `run_command` handles
//! every command and every dialog's outcome; `file_dialogs` asks for paths; `panels` draws
//! the menu, outline and problems; `notifications` the notices; `dialogs/` and `editors/`
//! hold one struct per dialog and per editor.

mod app;
mod commands;
mod compare;
mod dialogs;
mod editors;
mod file_dialogs;
mod find_panel;
mod icon;
mod notifications;
mod open_draft;
mod panels;
mod prefs;
mod preview_panel;
mod release_panel;
mod run_command;
mod spelling;

use std::path::PathBuf;

use anyhow::anyhow;

pub use app::App;
pub use commands::Command;
pub use editors::Section;
pub use icon::window_icon;
pub use notifications::Notice;
pub use prefs::{LengthUnit, Prefs, Theme};
pub use preview_panel::Zoom;

/// Today's date by the system clock: the one place the editor reads it (new memos, sign-on
/// dates, the check of implausible dates).
pub(crate) fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}

/// Where the editor keeps its files and how it asks for paths.
#[derive(Clone, Debug)]
pub struct Config {
    /// Preferences and recovery copies.
    pub data_dir: PathBuf,
    /// The draft named on the command line.
    pub open: Option<PathBuf>,
    /// Native file dialogs (rfd); tests turn them off and send paths in commands.
    pub native_dialogs: bool,
    /// Folders with Hunspell dictionaries (`.aff` and `.dic`), searched in order.
    pub dictionary_dirs: Vec<PathBuf>,
}

impl Config {
    /// The user's own data folder (e.g. `~/.local/share/memodraft`), or the folder named
    /// by `MEMODRAFT_DATA_DIR`.
    pub fn for_user(open: Option<PathBuf>) -> Self {
        let data_dir = std::env::var_os("MEMODRAFT_DATA_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("org", "memodraft", "memodraft")
                    .map(|d| d.data_dir().to_owned())
            })
            .unwrap_or_else(|| std::env::temp_dir().join("memodraft"));
        Self {
            data_dir,
            open,
            native_dialogs: true,
            dictionary_dirs: crate::spell::search_dirs(),
        }
    }
}

/// Opens the editor window and runs until it closes.
pub fn run(config: Config) -> anyhow::Result<()> {
    // The app id names the launcher (and so the icon) a desktop shows for the window; the
    // system's default icon stands in should the embedded one not decode.
    let icon = window_icon().unwrap_or_default();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("memodraft")
            .with_app_id(crate::desktop::APP_ID)
            .with_icon(icon)
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([900.0, 560.0]),
        // eframe would name its folder (window size and place) after the app id: kept in
        // the data folder, where it was before the app id was a reverse-DNS name.
        persistence_path: Some(config.data_dir.join("app.ron")),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "memodraft",
        options,
        Box::new(move |cc| {
            let app = App::new(&cc.egui_ctx, config).map_err(|e| format!("{e:#}"))?;
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow!("the editor window could not be opened: {e}"))
}
