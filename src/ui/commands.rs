//! Every user action is a `Command`: the menu item, the shortcut and any button send the
//! same value, and `App::run` handles it in one `match`.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    New,
    Open,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    SaveTo(PathBuf),
    ExportPdf,
    ExportTo(PathBuf),
    ImportSignatories,
    ImportSignatoriesFrom(PathBuf),
    ExportSignatories,
    ExportSignatoriesTo(PathBuf),
    /// The press release, in the preview's language, as HTML, Markdown or text (by the
    /// file's extension).
    SaveRelease,
    SaveReleaseTo(PathBuf),
    /// File > Compare with a partner's copy: asks for the file.
    Compare,
    CompareWith(PathBuf),
    /// Asks for the common base, to compare three ways.
    CompareBase,
    CompareBaseFrom(PathBuf),
    /// Shows the conflicts a merge recorded, to resolve them.
    ResolveConflicts,
    /// Asks for an image file to add as a logo.
    AddLogo(crate::model::LogoTarget),
    AddLogoFrom(crate::model::LogoTarget, PathBuf),
    Undo,
    Redo,
    Bold,
    Italic,
    Link,
    Find,
    Replace,
    FindNext,
    FindPrevious,
    Quit,
    About,
}

const CMD: Modifiers = Modifiers::COMMAND;
const SHIFT: Modifiers = Modifiers::SHIFT;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl Command {
    /// Commands with shortcuts, the more specific first: Ctrl+Shift+S must be tried
    /// before Ctrl+S, because egui matches shortcuts ignoring extra Shift.
    pub const WITH_SHORTCUTS: [(Self, KeyboardShortcut); 16] = [
        (Self::SaveAs, KeyboardShortcut::new(CMD_SHIFT, Key::S)),
        (Self::Redo, KeyboardShortcut::new(CMD_SHIFT, Key::Z)),
        (Self::FindPrevious, KeyboardShortcut::new(SHIFT, Key::F3)),
        (
            Self::FindNext,
            KeyboardShortcut::new(Modifiers::NONE, Key::F3),
        ),
        (Self::Bold, KeyboardShortcut::new(CMD, Key::B)),
        (Self::Italic, KeyboardShortcut::new(CMD, Key::I)),
        (Self::Link, KeyboardShortcut::new(CMD, Key::K)),
        (Self::Find, KeyboardShortcut::new(CMD, Key::F)),
        (Self::Replace, KeyboardShortcut::new(CMD, Key::H)),
        (Self::New, KeyboardShortcut::new(CMD, Key::N)),
        (Self::Open, KeyboardShortcut::new(CMD, Key::O)),
        (Self::Save, KeyboardShortcut::new(CMD, Key::S)),
        (Self::ExportPdf, KeyboardShortcut::new(CMD, Key::E)),
        (Self::Undo, KeyboardShortcut::new(CMD, Key::Z)),
        (Self::Redo, KeyboardShortcut::new(CMD, Key::Y)),
        (Self::Quit, KeyboardShortcut::new(CMD, Key::Q)),
    ];

    pub fn label(&self) -> &'static str {
        match self {
            Self::New => "New",
            Self::Open => "Open…",
            Self::OpenPath(_) => "Open",
            Self::Save | Self::SaveTo(_) => "Save",
            Self::SaveAs => "Save As…",
            Self::ExportPdf => "Export PDF…",
            Self::ExportTo(_) => "Export PDF",
            Self::ImportSignatories => "Import Signatories (CSV)…",
            Self::ImportSignatoriesFrom(_) => "Import Signatories",
            Self::ExportSignatories => "Export Signatories (CSV)…",
            Self::ExportSignatoriesTo(_) => "Export Signatories",
            Self::SaveRelease => "Save Press Release…",
            Self::SaveReleaseTo(_) => "Save Press Release",
            Self::Compare => "Compare with a partner's copy…",
            Self::CompareWith(_) => "Compare",
            Self::CompareBase => "Choose the common base…",
            Self::CompareBaseFrom(_) => "Compare three ways",
            Self::ResolveConflicts => "Resolve merge conflicts…",
            Self::AddLogo(crate::model::LogoTarget::Letterhead) => "Add logo…",
            Self::AddLogo(crate::model::LogoTarget::Signatory(_)) => "Choose logo…",
            Self::AddLogoFrom(..) => "Add logo",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Bold => "Bold",
            Self::Italic => "Italic",
            Self::Link => "Link…",
            Self::Find => "Find…",
            Self::Replace => "Replace…",
            Self::FindNext => "Find Next",
            Self::FindPrevious => "Find Previous",
            Self::Quit => "Quit",
            Self::About => "About memodraft",
        }
    }

    /// The shortcut shown in menus (for Redo, Ctrl+Shift+Z; Ctrl+Y works too).
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        Self::WITH_SHORTCUTS
            .iter()
            .find(|(c, _)| c == self)
            .map(|(_, s)| *s)
    }
}
