//! Asking for a path: the native file dialog (rfd, over the desktop portal) or, where none
//! can be shown, the typed-path dialog. Only the command handler calls these.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::app::App;
use super::commands::Command;
use super::dialogs::{Dialog, TypedPath};
use crate::desktop::{draft_file_name, draft_stem};
use crate::model::text::file_stem;

/// A file dialog that returns nothing faster than this was never shown.
const NO_DIALOG: Duration = Duration::from_millis(250);

/// What a path is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    ExportPdf,
    ImportCsv,
    ExportCsv,
    SaveRelease,
    /// A partner's copy to compare the memo with.
    Compare,
    /// The version both copies started from, to compare three ways.
    CompareBase,
    /// An image file for a logo.
    Logo(crate::model::LogoTarget),
}

impl PathPurpose {
    /// The command that acts on the chosen path.
    pub fn command(self, path: PathBuf) -> Command {
        match self {
            Self::Open => Command::OpenPath(path),
            Self::SaveAs => Command::SaveTo(path),
            Self::ExportPdf => Command::ExportTo(path),
            Self::ImportCsv => Command::ImportSignatoriesFrom(path),
            Self::ExportCsv => Command::ExportSignatoriesTo(path),
            Self::SaveRelease => Command::SaveReleaseTo(path),
            Self::Compare => Command::CompareWith(path),
            Self::CompareBase => Command::CompareBaseFrom(path),
            Self::Logo(target) => Command::AddLogoFrom(target, path),
        }
    }

    /// The heading of the typed-path dialog.
    pub fn title(self) -> &'static str {
        match self {
            Self::Open => "Open draft",
            Self::SaveAs => "Save draft as",
            Self::ExportPdf => "Export PDF to",
            Self::ImportCsv => "Import signatories from",
            Self::ExportCsv => "Export signatories to",
            Self::SaveRelease => "Save the press release to",
            Self::Compare => "Compare with the draft",
            Self::CompareBase => "The common base of both copies",
            Self::Logo(_) => "Add the logo from",
        }
    }
}

impl App {
    /// The file name offered when saving or exporting.
    pub(super) fn suggested_file_name(&self, purpose: PathPurpose) -> String {
        // Whole words of the subject, or the draft's own name (without .memo.ron).
        let draft = self.path.as_deref().and_then(draft_stem);
        let stem = file_stem(&self.memo.subject, draft.as_deref());
        match purpose {
            PathPurpose::Open
            | PathPurpose::ImportCsv
            | PathPurpose::Compare
            | PathPurpose::CompareBase
            | PathPurpose::Logo(_) => String::new(),
            PathPurpose::ExportCsv => format!("{stem}-signatories.csv"),
            // A new draft is named so that file managers open it in memodraft.
            PathPurpose::SaveAs => self.path.as_deref().and_then(Path::file_name).map_or_else(
                || draft_file_name(&stem),
                |n| n.to_string_lossy().into_owned(),
            ),
            // A translation's PDF is named as `memodraft export --lang` names it.
            PathPurpose::ExportPdf if self.preview.language != self.memo.language => {
                format!("{stem}.{}.pdf", self.preview.language.code())
            }
            PathPurpose::ExportPdf => format!("{stem}.pdf"),
            // As `memodraft release` names it: memo-release.html, memo-release.es.html.
            PathPurpose::SaveRelease if self.preview.language != self.memo.language => {
                format!("{stem}-release.{}.html", self.preview.language.code())
            }
            PathPurpose::SaveRelease => format!("{stem}-release.html"),
        }
    }

    /// The folder a file dialog opens in: the draft's, else the user's documents.
    fn dialog_folder(&self) -> PathBuf {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_owned)
            .or_else(|| {
                directories::UserDirs::new().and_then(|u| u.document_dir().map(Path::to_owned))
            })
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// Asks for a path with the native dialog, or with a typed path when there is none;
    /// the chosen path arrives as the purpose's command. A cancelled dialog is no error.
    pub(super) fn ask_path(&mut self, purpose: PathPurpose) {
        if purpose != PathPurpose::Open {
            self.open_confirmed = false;
        }
        if purpose != PathPurpose::ExportPdf {
            self.export_confirmed = false;
        }
        let name = self.suggested_file_name(purpose);
        let folder = self.dialog_folder();
        let typed = |text: String| Dialog::TypedPath(TypedPath { purpose, text });
        if !self.config.native_dialogs {
            self.dialog = Some(typed(folder.join(name).display().to_string()));
            return;
        }
        let started = Instant::now();
        let dialog = rfd::FileDialog::new().set_directory(&folder);
        let picked = match purpose {
            PathPurpose::Open | PathPurpose::Compare | PathPurpose::CompareBase => dialog
                .add_filter("memodraft draft", &["ron", "bak"])
                .pick_file(),
            PathPurpose::SaveAs => dialog
                .add_filter("memodraft draft", &["ron"])
                .set_file_name(&name)
                .save_file(),
            PathPurpose::ExportPdf => dialog
                .add_filter("PDF", &["pdf"])
                .set_file_name(&name)
                .save_file(),
            PathPurpose::ImportCsv => dialog
                .add_filter("Sign-on list", &["csv", "txt", "tsv"])
                .pick_file(),
            PathPurpose::Logo(_) => dialog
                .add_filter("PNG or JPEG image", &["png", "jpg", "jpeg"])
                .pick_file(),
            PathPurpose::ExportCsv => dialog
                .add_filter("CSV", &["csv"])
                .set_file_name(&name)
                .save_file(),
            PathPurpose::SaveRelease => dialog
                .add_filter("Web page", &["html"])
                .add_filter("Markdown", &["md"])
                .add_filter("Plain text", &["txt"])
                .set_file_name(&name)
                .save_file(),
        };
        match picked {
            Some(path) => self.queue.push(purpose.command(path)),
            None if started.elapsed() < NO_DIALOG => {
                self.notify_error(
                    "No file dialog could be shown (the desktop portal did not answer). Type the path instead.",
                );
                self.dialog = Some(typed(folder.join(name).display().to_string()));
            }
            // Cancelled: an Open confirmed over unsaved changes, or an export confirmed
            // over errors, is off.
            None => {
                self.open_confirmed = false;
                self.export_confirmed = false;
            }
        }
    }
}
