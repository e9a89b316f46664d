//! The editor: an eframe app with an outline, a form editor per part of the memo and a
//! live preview of the laid-out pages. Every action is a [`Command`]; undo works on the
//! whole memo; autosave writes recovery copies beside (never over) the draft.

mod commands;
mod editors;
mod prefs;
mod preview_panel;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::anyhow;
use egui::util::undoer::{Settings as UndoSettings, Undoer};
use egui::{Align2, Color32, Panel, RichText, ScrollArea, ViewportCommand};

pub use commands::Command;
pub use editors::{Section, sort_signatories};
pub use prefs::{Prefs, Recovered, Recovery, Theme};
pub use preview_panel::Zoom;

use crate::fonts::Fonts;
use crate::layout::{self, Laid};
use crate::model::{Issue, Memo, Part, Severity};
use crate::storage;
use crate::storage::signatories::{self, CsvError, Field, ImportReport, Outcome};
use editors::{Edit, SignatoryFilter};
use preview_panel::PreviewState;

/// How often a draft with unsaved changes is copied to the recovery folder.
const AUTOSAVE_EVERY: Duration = Duration::from_secs(5);
/// A file dialog that returns nothing faster than this was never shown.
const NO_DIALOG: Duration = Duration::from_millis(250);

/// Where the editor keeps its files and how it asks for paths.
#[derive(Clone, Debug)]
pub struct Config {
    /// Preferences and recovery copies.
    pub data_dir: PathBuf,
    /// The draft named on the command line.
    pub open: Option<PathBuf>,
    /// Native file dialogs (rfd); tests turn them off and send paths in commands.
    pub native_dialogs: bool,
}

impl Config {
    /// The user's own data folder (e.g. `~/.local/share/memodraft`).
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
        }
    }
}

/// Opens the editor window and runs until it closes.
pub fn run(config: Config) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("memodraft")
            .with_app_id("memodraft")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([900.0, 560.0]),
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ask {
    Open,
    SaveAs,
    Export,
    ImportCsv,
    ExportCsv,
}

impl Ask {
    /// The command that acts on the chosen path.
    fn command(self, path: PathBuf) -> Command {
        match self {
            Self::Open => Command::OpenPath(path),
            Self::SaveAs => Command::SaveTo(path),
            Self::Export => Command::ExportTo(path),
            Self::ImportCsv => Command::ImportSignatoriesFrom(path),
            Self::ExportCsv => Command::ExportSignatoriesTo(path),
        }
    }
}

/// What to do once unsaved changes are saved or discarded.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Then {
    New,
    Open,
    OpenPath(PathBuf),
    Quit,
}

enum Modal {
    Unsaved(Then),
    Recover(Vec<(PathBuf, Recovered)>),
    /// Typing a path, when no native dialog can be shown.
    Path {
        ask: Ask,
        text: String,
    },
    /// What a CSV import will do, before it is applied.
    Import {
        path: PathBuf,
        report: ImportReport,
        list: Vec<crate::model::Signatory>,
    },
    /// The draft changed on disk since it was opened or saved here.
    ChangedOnDisk(PathBuf),
    /// Choosing which column is which, when the headers are not known.
    Mapping {
        path: PathBuf,
        bytes: Vec<u8>,
        headers: Vec<String>,
        mapping: Vec<Option<Field>>,
    },
}

#[derive(Clone, Debug)]
pub struct Notice {
    pub text: String,
    pub error: bool,
    since: f64,
}

pub struct App {
    config: Config,
    prefs: Prefs,
    recovery: Recovery,
    fonts: Fonts,
    memo: Memo,
    path: Option<PathBuf>,
    /// The memo as on disk (or as opened): unsaved changes are the difference.
    saved: Memo,
    /// The draft file's modification time and size when last opened or saved here, to
    /// notice a partner's copy synced over it.
    disk: Option<(std::time::SystemTime, u64)>,
    undo: Undoer<Memo>,
    laid: Laid,
    laid_from: Memo,
    /// Paragraphs set by earlier layouts: an edit sets again only what it changed.
    paragraphs: layout::ParagraphCache,
    issues: Vec<Issue>,
    section: Section,
    focus: Option<Part>,
    selected: Option<Part>,
    shown_selection: Option<Part>,
    filter: SignatoryFilter,
    preview: PreviewState,
    modal: Option<Modal>,
    queue: Vec<Command>,
    notices: Vec<Notice>,
    autosaved: Option<(Instant, Memo)>,
    title: String,
    quit_confirmed: bool,
    /// Unsaved changes were discarded for an Open whose file is being chosen.
    open_confirmed: bool,
}

impl App {
    pub fn new(ctx: &egui::Context, config: Config) -> anyhow::Result<Self> {
        crate::preview::install_fonts(ctx);
        let fonts = Fonts::new()?;
        let prefs = Prefs::load(&config.data_dir);
        let recovery = Recovery::new(&config.data_dir);
        let sample =
            storage::sample().map_err(|e| anyhow!("the bundled sample is damaged: {e:?}"))?;
        let paragraphs = layout::ParagraphCache::new();
        let laid = layout::layout_cached(&sample, &fonts, &sample.page, &paragraphs);
        let mut app = Self {
            prefs,
            recovery,
            fonts,
            memo: sample.clone(),
            path: None,
            disk: None,
            saved: sample.clone(),
            undo: new_undoer(),
            issues: sample.check(),
            laid,
            laid_from: sample,
            paragraphs,
            section: Section::Header,
            focus: None,
            selected: None,
            shown_selection: None,
            filter: SignatoryFilter::default(),
            preview: PreviewState::default(),
            modal: None,
            queue: Vec::new(),
            notices: Vec::new(),
            autosaved: None,
            title: String::new(),
            quit_confirmed: false,
            open_confirmed: false,
            config,
        };
        app.apply_theme(ctx);
        let start = app
            .config
            .open
            .clone()
            .or_else(|| app.prefs.recent.first().filter(|p| p.exists()).cloned());
        if let Some(path) = start {
            app.open_path(&path);
        }
        let found = app.recovery.list();
        if !found.is_empty() {
            app.modal = Some(Modal::Recover(found));
        }
        Ok(app)
    }

    /// Queues a command; it runs at the start of the next frame.
    pub fn queue(&mut self, command: Command) {
        self.queue.push(command);
    }

    pub fn memo(&self) -> &Memo {
        &self.memo
    }

    /// Replaces the memo as an edit would (undoable).
    pub fn memo_mut(&mut self) -> &mut Memo {
        self.undo.add_undo(&self.memo);
        &mut self.memo
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn is_dirty(&self) -> bool {
        self.memo != self.saved
    }

    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    pub fn laid(&self) -> &Laid {
        &self.laid
    }

    pub fn section(&self) -> Section {
        self.section
    }

    pub fn select(&mut self, section: Section) {
        self.section = section;
    }

    /// Where a point of page `page` was drawn on screen in the last frame.
    pub fn page_point_on_screen(&self, page: usize, p: crate::layout::Point) -> Option<egui::Pos2> {
        self.preview.views.get(page).map(|v| v.to_screen(p))
    }

    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// Whether a question (unsaved changes, recovery, a path) is waiting for an answer.
    pub fn is_asking(&self) -> bool {
        self.modal.is_some()
    }

    fn notify(&mut self, text: impl Into<String>) {
        self.notices.push(Notice {
            text: text.into(),
            error: false,
            since: f64::NAN,
        });
    }

    fn notify_error(&mut self, text: impl Into<String>) {
        self.notices.push(Notice {
            text: text.into(),
            error: true,
            since: f64::NAN,
        });
    }

    fn file_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.prefs.theme {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        });
    }

    fn save_prefs(&mut self) {
        if let Err(e) = self.prefs.save(&self.config.data_dir) {
            let dir = self.config.data_dir.display().to_string();
            self.notify_error(format!(
                "Could not save preferences in {dir}: {e}. Recent files will not be remembered."
            ));
        }
    }

    // ---- commands ------------------------------------------------------------------------

    fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => self.unless_unsaved(ctx, Then::New),
            Command::Open => self.unless_unsaved(ctx, Then::Open),
            Command::OpenPath(path) => {
                if std::mem::take(&mut self.open_confirmed) {
                    self.open_path(&path);
                } else {
                    self.unless_unsaved(ctx, Then::OpenPath(path));
                }
            }
            Command::Save => match self.path.clone() {
                Some(path) if self.changed_on_disk(&path) => {
                    self.modal = Some(Modal::ChangedOnDisk(path));
                }
                Some(path) => {
                    self.save_to(&path);
                }
                None => self.ask_path(Ask::SaveAs),
            },
            Command::SaveAs => self.ask_path(Ask::SaveAs),
            Command::SaveTo(path) => {
                if self.path.as_deref() == Some(path.as_path()) && self.changed_on_disk(&path) {
                    self.modal = Some(Modal::ChangedOnDisk(path));
                } else {
                    self.save_to(&path);
                }
            }
            Command::ExportPdf => self.ask_path(Ask::Export),
            Command::ExportTo(path) => self.export_to(&path),
            Command::ImportSignatories => self.ask_path(Ask::ImportCsv),
            Command::ImportSignatoriesFrom(path) => self.import_csv(&path),
            Command::ExportSignatories => self.ask_path(Ask::ExportCsv),
            Command::ExportSignatoriesTo(path) => {
                let bytes = signatories::export_csv(&self.memo.signatories);
                match storage::write_atomic(&path, &bytes) {
                    Ok(()) => self.notify(format!(
                        "Exported {} signatories to {}",
                        self.memo.signatories.len(),
                        path.display()
                    )),
                    Err(e) => self.notify_error(format!(
                        "Could not write {}: {e}. Nothing was written there.",
                        path.display()
                    )),
                }
            }
            Command::Undo => {
                if let Some(state) = self.undo.undo(&self.memo) {
                    self.memo = state.clone();
                }
            }
            Command::Redo => {
                if let Some(state) = self.undo.redo(&self.memo) {
                    self.memo = state.clone();
                }
            }
            Command::Quit => self.unless_unsaved(ctx, Then::Quit),
        }
    }

    /// Runs `then` now if nothing is unsaved; otherwise asks save, discard or cancel.
    fn unless_unsaved(&mut self, ctx: &egui::Context, then: Then) {
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved(then));
        } else {
            self.proceed(ctx, then);
        }
    }

    fn proceed(&mut self, ctx: &egui::Context, then: Then) {
        match then {
            Then::New => {
                self.recovery.remove(self.path.as_deref());
                let memo = Memo {
                    date: Some(jiff::ZonedDateTime::now().date()),
                    ..Memo::default()
                };
                self.replace(memo.clone(), None, memo);
                self.notify("New memo");
            }
            Then::Open => self.ask_path(Ask::Open),
            Then::OpenPath(path) => {
                self.open_path(&path);
            }
            Then::Quit => {
                if self.is_dirty() {
                    // Discarded: the recovery copy goes too.
                    self.recovery.remove(self.path.as_deref());
                }
                self.quit_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn replace(&mut self, memo: Memo, path: Option<PathBuf>, saved: Memo) {
        self.disk = path.as_deref().and_then(Self::stamp);
        self.memo = memo;
        self.path = path;
        self.saved = saved;
        self.undo = new_undoer();
        self.autosaved = None;
        self.focus = None;
        self.selected = None;
        self.preview.go_to = Some((0, crate::layout::Pt::ZERO));
    }

    fn stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
        let meta = std::fs::metadata(path).ok()?;
        Some((meta.modified().ok()?, meta.len()))
    }

    /// Whether the draft on disk is not the one last opened or saved here.
    fn changed_on_disk(&self, path: &Path) -> bool {
        self.disk.is_some() && Self::stamp(path) != self.disk
    }

    fn open_path(&mut self, path: &Path) -> bool {
        // Remembered paths (recent files, recovery copies) must not depend on the folder
        // memodraft was started from.
        let path = &std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        match storage::load_draft(path) {
            Ok(memo) => {
                if self.is_dirty() {
                    self.recovery.remove(self.path.as_deref());
                }
                self.replace(memo.clone(), Some(path.to_owned()), memo);
                self.disk = Self::stamp(path);
                self.prefs.touch_recent(path);
                self.save_prefs();
                true
            }
            Err(e) => {
                self.notify_error(format!("{e}. The memo you were editing is unchanged."));
                false
            }
        }
    }

    fn save_to(&mut self, path: &Path) -> bool {
        let path = &std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        match storage::save_draft(path, &self.memo) {
            Ok(()) => {
                self.recovery.remove(self.path.as_deref());
                self.recovery.remove(Some(path));
                self.path = Some(path.to_owned());
                self.disk = Self::stamp(path);
                self.saved = self.memo.clone();
                self.autosaved = None;
                self.prefs.touch_recent(path);
                self.save_prefs();
                self.notify(format!("Saved {}", path.display()));
                true
            }
            Err(e) => {
                self.notify_error(format!("{e}. Your changes are still here, unsaved."));
                false
            }
        }
    }

    fn export_to(&mut self, path: &Path) {
        self.relayout();
        let result = crate::pdf::export(
            &self.laid.document,
            &self.fonts,
            &crate::pdf::PdfOptions::default(),
        )
        .map_err(|e| e.to_string())
        .and_then(|bytes| storage::write_atomic(path, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                self.notify(format!(
                    "Exported {} ({} pages)",
                    path.display(),
                    self.laid.document.pages.len()
                ));
                if self.prefs.open_after_export
                    && let Err(e) = open::that_detached(path)
                {
                    self.notify_error(format!(
                        "Exported {}, but no PDF viewer could be opened: {e}",
                        path.display()
                    ));
                }
            }
            Err(e) => self.notify_error(format!(
                "Could not export {}: {e}. Nothing was written there; check the folder and try again.",
                path.display()
            )),
        }
    }

    /// Reads a sign-on CSV and shows what importing it would do (or asks which column
    /// is which when the headers are unknown); nothing changes until it is applied.
    fn import_csv(&mut self, path: &Path) {
        let bytes = match signatories::read_file(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.notify_error(e.to_string());
                return;
            }
        };
        let mut list = self.memo.signatories.clone();
        match signatories::import_bytes(&mut list, &bytes, path) {
            Ok(report) => {
                self.modal = Some(Modal::Import {
                    path: path.to_owned(),
                    report,
                    list,
                });
            }
            Err(CsvError::NoOrganizationColumn { .. }) => {
                let headers = signatories::headers(&bytes);
                let mapping = headers.iter().map(|h| signatories::field_of(h)).collect();
                self.modal = Some(Modal::Mapping {
                    path: path.to_owned(),
                    bytes,
                    headers,
                    mapping,
                });
            }
            Err(e) => self.notify_error(e.to_string()),
        }
    }

    fn suggested_name(&self, ask: Ask) -> String {
        match ask {
            Ask::Open | Ask::ImportCsv => String::new(),
            Ask::ExportCsv => format!("{}-signatories.csv", slug(&self.memo.subject)),
            Ask::SaveAs => self.path.as_deref().and_then(Path::file_name).map_or_else(
                || format!("{}.ron", slug(&self.memo.subject)),
                |n| n.to_string_lossy().into_owned(),
            ),
            Ask::Export => format!("{}.pdf", slug(&self.memo.subject)),
        }
    }

    fn folder(&self) -> PathBuf {
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

    /// Asks for a path with the native dialog, or with a typed path when there is none.
    fn ask_path(&mut self, ask: Ask) {
        if ask != Ask::Open {
            self.open_confirmed = false;
        }
        let name = self.suggested_name(ask);
        let folder = self.folder();
        if !self.config.native_dialogs {
            self.modal = Some(Modal::Path {
                ask,
                text: folder.join(name).display().to_string(),
            });
            return;
        }
        let started = Instant::now();
        let dialog = rfd::FileDialog::new().set_directory(&folder);
        let picked = match ask {
            Ask::Open => dialog.add_filter("memodraft draft", &["ron"]).pick_file(),
            Ask::SaveAs => dialog
                .add_filter("memodraft draft", &["ron"])
                .set_file_name(&name)
                .save_file(),
            Ask::Export => dialog
                .add_filter("PDF", &["pdf"])
                .set_file_name(&name)
                .save_file(),
            Ask::ImportCsv => dialog
                .add_filter("Sign-on list", &["csv", "txt", "tsv"])
                .pick_file(),
            Ask::ExportCsv => dialog
                .add_filter("CSV", &["csv"])
                .set_file_name(&name)
                .save_file(),
        };
        match picked {
            Some(path) => self.queue.push(ask.command(path)),
            None if started.elapsed() < NO_DIALOG => {
                self.notify_error(
                    "No file dialog could be shown (the desktop portal did not answer). Type the path instead.",
                );
                self.modal = Some(Modal::Path {
                    ask,
                    text: folder.join(name).display().to_string(),
                });
            }
            // Cancelled: an Open confirmed over unsaved changes is off.
            None => self.open_confirmed = false,
        }
    }

    // ---- per frame -----------------------------------------------------------------------

    fn relayout(&mut self) {
        if self.memo != self.laid_from {
            self.laid =
                layout::layout_cached(&self.memo, &self.fonts, &self.memo.page, &self.paragraphs);
            self.issues = self.memo.check();
            self.laid_from = self.memo.clone();
        }
    }

    fn autosave(&mut self, ctx: &egui::Context, dirty: bool) {
        if !dirty {
            return;
        }
        let due = self
            .autosaved
            .as_ref()
            .is_none_or(|(at, memo)| at.elapsed() >= AUTOSAVE_EVERY && *memo != self.memo);
        if due {
            let first = self.autosaved.is_none();
            match self
                .recovery
                .write(self.path.as_deref(), &self.memo, self.disk)
            {
                Ok(_) => self.autosaved = Some((Instant::now(), self.memo.clone())),
                Err(e) => {
                    self.autosaved = Some((Instant::now(), self.memo.clone()));
                    if first {
                        let dir = self.config.data_dir.display().to_string();
                        self.notify_error(format!(
                            "Could not write a recovery copy in {dir}: {e}. Save often."
                        ));
                    }
                }
            }
        }
        ctx.request_repaint_after(AUTOSAVE_EVERY);
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() {
            return;
        }
        for (command, shortcut) in Command::WITH_SHORTCUTS {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.queue.push(command);
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context, dirty: bool) {
        let title = format!(
            "{}{} — memodraft",
            if dirty { "● " } else { "" },
            self.file_name()
        );
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The title the window should have (file name and unsaved marker).
    pub fn title(&self) -> &str {
        &self.title
    }

    fn go_to(&mut self, part: Part) {
        if let Some(section) = Section::of(part) {
            self.section = section;
        }
        self.focus = Some(part);
        self.selected = Some(part);
    }

    // ---- drawing -------------------------------------------------------------------------

    fn menu(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for c in [Command::New, Command::Open] {
                    self.menu_item(ui, c);
                }
                ui.menu_button("Open Recent", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label("No recent drafts");
                    }
                    for path in self.prefs.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.queue.push(Command::OpenPath(path));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                for c in [Command::Save, Command::SaveAs, Command::ExportPdf] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                for c in [Command::ImportSignatories, Command::ExportSignatories] {
                    self.menu_item(ui, c);
                }
                if ui
                    .checkbox(&mut self.prefs.open_after_export, "Open PDF after export")
                    .changed()
                {
                    self.save_prefs();
                }
                ui.separator();
                self.menu_item(ui, Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                self.menu_item(ui, Command::Undo);
                self.menu_item(ui, Command::Redo);
            });
            ui.menu_button("View", |ui| {
                let before = self.prefs.theme;
                ui.radio_value(&mut self.prefs.theme, Theme::System, "Follow the system");
                ui.radio_value(&mut self.prefs.theme, Theme::Light, "Light");
                ui.radio_value(&mut self.prefs.theme, Theme::Dark, "Dark");
                if self.prefs.theme != before {
                    self.apply_theme(ui.ctx());
                    self.save_prefs();
                }
                ui.separator();
                egui::gui_zoom::zoom_menu_buttons(ui);
            });
        });
    }

    fn menu_item(&mut self, ui: &mut egui::Ui, command: Command) {
        let enabled = match command {
            Command::Undo => self.undo.has_undo(&self.memo),
            Command::Redo => self.undo.has_redo(&self.memo),
            _ => true,
        };
        let mut button = egui::Button::new(command.label());
        if let Some(s) = command.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&s));
        }
        if ui.add_enabled(enabled, button).clicked() {
            self.queue.push(command);
            ui.close();
        }
    }

    fn outline(&mut self, ui: &mut egui::Ui) {
        ui.add_space(6.0);
        for section in Section::ALL {
            let label = section.label(&self.memo);
            if ui
                .selectable_label(self.section == section, label)
                .clicked()
            {
                self.section = section;
            }
        }
    }

    fn problems(&mut self, ui: &mut egui::Ui) {
        let errors = self
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count();
        let warnings = self.issues.len() - errors + self.laid.warnings.len();
        ui.horizontal(|ui| {
            ui.strong("Problems");
            ui.label(format!("{errors} errors, {warnings} warnings"));
        });
        let mut go = None;
        ScrollArea::vertical()
            .id_salt("problems")
            .max_height(120.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for issue in &self.issues {
                    let (mark, color) = match issue.severity {
                        Severity::Error => ("✖", Color32::from_rgb(200, 40, 40)),
                        Severity::Warning => ("⚠", Color32::from_rgb(190, 130, 0)),
                    };
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(mark).color(color));
                        if ui.link(&issue.message).clicked() {
                            go = Some(issue.part);
                        }
                    });
                }
                for warning in &self.laid.warnings {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new("⚠").color(Color32::from_rgb(190, 130, 0)));
                        if ui.link(&warning.message).clicked() {
                            go = Some(warning.part);
                        }
                    });
                }
            });
        if let Some(part) = go {
            self.go_to(part);
        }
    }

    fn modal(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.take() else {
            return;
        };
        let mut keep = true;
        let id = egui::Id::unique("memodraft-modal");
        match &modal {
            Modal::Unsaved(then) => {
                let name = self.file_name();
                let mut choice = None;
                egui::Modal::new(id).show(ctx, |ui| {
                    ui.set_max_width(420.0);
                    ui.heading("Unsaved changes");
                    ui.label(format!("Save the changes to {name} first?"));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            choice = Some(0);
                        }
                        if ui.button("Discard changes").clicked() {
                            choice = Some(1);
                        }
                        if ui.button("Cancel").clicked()
                            || ui.input(|i| i.key_pressed(egui::Key::Escape))
                        {
                            choice = Some(2);
                        }
                    });
                });
                match choice {
                    Some(0) => {
                        keep = false;
                        let saved = if let Some(p) = self.path.clone() {
                            if self.changed_on_disk(&p) {
                                // Never over a partner's copy without asking; the user
                                // repeats the action once that is settled.
                                self.modal = Some(Modal::ChangedOnDisk(p));
                                return;
                            }
                            self.save_to(&p)
                        } else {
                            self.ask_path(Ask::SaveAs);
                            // The draft is saved by the queued SaveTo; go on only when it
                            // is (otherwise the user is asked for a path and runs the
                            // command again).
                            if let Some(Command::SaveTo(p)) = self.queue.pop() {
                                self.save_to(&p)
                            } else {
                                false
                            }
                        };
                        if saved {
                            self.proceed(ctx, then.clone());
                        }
                    }
                    Some(1) => {
                        // The edits are dropped only once the action happens (a new memo,
                        // a file opened, quitting); until then they stay, unsaved.
                        keep = false;
                        if *then == Then::Open {
                            self.open_confirmed = true;
                        }
                        self.proceed(ctx, then.clone());
                    }
                    Some(_) => keep = false,
                    None => {}
                }
            }
            Modal::Recover(found) => {
                let mut choice = None;
                egui::Modal::new(id).show(ctx, |ui| {
                    ui.set_max_width(480.0);
                    ui.heading("Recover unsaved changes?");
                    if let Some((_, copy)) = found.first() {
                        let what = copy.draft.as_deref().map_or_else(
                            || "an untitled memo".to_owned(),
                            |p| p.display().to_string(),
                        );
                        ui.label(format!(
                            "memodraft closed before changes to {what} were saved. A copy from {} was kept.",
                            copy.written.strftime("%Y-%m-%d %H:%M UTC")
                        ));
                    }
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            choice = Some(true);
                        }
                        if ui.button("Discard").clicked() {
                            choice = Some(false);
                        }
                    });
                });
                if let Some(restore) = choice {
                    let mut rest = found.clone();
                    if !rest.is_empty() {
                        let (file, copy) = rest.remove(0);
                        if restore {
                            let saved = copy
                                .draft
                                .as_deref()
                                .and_then(|p| storage::load_draft(p).ok())
                                .unwrap_or_default();
                            self.replace(copy.memo, copy.draft, saved);
                            // The draft as it was when the edits began: a version synced
                            // over it since is noticed at the next save.
                            if copy.disk.is_some() {
                                self.disk = copy.disk;
                            }
                            self.notify("Restored the recovered changes; save to keep them.");
                        } else {
                            let _ = std::fs::remove_file(file);
                        }
                    }
                    if rest.is_empty() || restore {
                        keep = false;
                    } else {
                        self.modal = Some(Modal::Recover(rest));
                        return;
                    }
                }
            }
            Modal::Import { path, report, list } => {
                let mut choice = None;
                egui::Modal::new(id).show(ctx, |ui| {
                    ui.set_max_width(640.0);
                    ui.heading("Import signatories");
                    ui.label(format!(
                        "{}: {}, {} separated.",
                        path.display(),
                        report.encoding,
                        report.delimiter_name()
                    ));
                    ui.label(format!(
                        "{} new, {} merged into organizations already listed, {} skipped.",
                        report.count(|o| *o == Outcome::Added),
                        report.count(|o| matches!(o, Outcome::Merged(_))),
                        report.count(|o| matches!(o, Outcome::Skipped(_))),
                    ));
                    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
                    ScrollArea::vertical().max_height(360.0).show_rows(
                        ui,
                        row_height,
                        report.rows.len(),
                        |ui, range| {
                            for row in report.rows.get(range).unwrap_or_default() {
                                ui.horizontal(|ui| {
                                    ui.label(format!("line {}:", row.line));
                                    ui.label(&row.organization);
                                    ui.label(match &row.outcome {
                                        Outcome::Added => "new".to_owned(),
                                        Outcome::Merged(into) => {
                                            format!("merged into “{into}”")
                                        }
                                        Outcome::Skipped(why) => format!("skipped: {why}"),
                                    });
                                });
                            }
                        },
                    );
                    ui.horizontal(|ui| {
                        if ui.button("Apply import").clicked() {
                            choice = Some(true);
                        }
                        if ui.button("Cancel").clicked() {
                            choice = Some(false);
                        }
                    });
                });
                if let Some(apply) = choice {
                    keep = false;
                    if apply {
                        // One undo step for the whole import.
                        self.undo.add_undo(&self.memo);
                        self.memo.signatories.clone_from(list);
                        self.section = Section::Signatories;
                        self.notify(format!("Imported {}", path.display()));
                    }
                }
            }
            Modal::Mapping {
                path,
                bytes,
                headers,
                mapping,
            } => {
                let mut mapping = mapping.clone();
                let mut choice = None;
                egui::Modal::new(id).show(ctx, |ui| {
                    ui.set_max_width(520.0);
                    ui.heading("Which column is which?");
                    ui.label(format!(
                        "memodraft does not know the headers of {}. Choose what each column holds; at least one must be the organization.",
                        path.display()
                    ));
                    egui::Grid::new("mapping").show(ui, |ui| {
                        for (i, (header, field)) in headers.iter().zip(mapping.iter_mut()).enumerate() {
                            let l = ui.label(header);
                            egui::ComboBox::from_id_salt(("map", i))
                                .selected_text(field.map_or("(ignore)", Field::label))
                                .show_ui(ui, |ui| {
                                    ui.selectable_value(field, None, "(ignore)");
                                    for f in Field::ALL {
                                        ui.selectable_value(field, Some(f), f.label());
                                    }
                                })
                                .response
                                .labelled_by(l.id);
                            ui.end_row();
                        }
                    });
                    ui.horizontal(|ui| {
                        let ready = mapping.contains(&Some(Field::Organization));
                        if ui.add_enabled(ready, egui::Button::new("Continue")).clicked() {
                            choice = Some(true);
                        }
                        if ui.button("Cancel").clicked() {
                            choice = Some(false);
                        }
                    });
                });
                match choice {
                    Some(true) => {
                        keep = false;
                        let mut list = self.memo.signatories.clone();
                        match signatories::import_mapped(&mut list, bytes, path, Some(&mapping)) {
                            Ok(report) => {
                                self.modal = Some(Modal::Import {
                                    path: path.clone(),
                                    report,
                                    list,
                                });
                                return;
                            }
                            Err(e) => self.notify_error(e.to_string()),
                        }
                    }
                    Some(false) => keep = false,
                    None => {
                        self.modal = Some(Modal::Mapping {
                            path: path.clone(),
                            bytes: bytes.clone(),
                            headers: headers.clone(),
                            mapping,
                        });
                        return;
                    }
                }
            }
            Modal::ChangedOnDisk(path) => {
                let mut choice = None;
                egui::Modal::new(id).show(ctx, |ui| {
                    ui.set_max_width(480.0);
                    ui.heading("The draft changed on disk");
                    ui.label(format!(
                        "{} was changed by another program (a synced or emailed copy?) since you opened it here. Saving now would replace those changes.",
                        path.display()
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Reload from disk").clicked() {
                            choice = Some(0);
                        }
                        if ui.button("Overwrite").clicked() {
                            choice = Some(1);
                        }
                        if ui.button("Save As…").clicked() {
                            choice = Some(2);
                        }
                        if ui.button("Cancel").clicked() {
                            choice = Some(3);
                        }
                    });
                });
                if let Some(c) = choice {
                    keep = false;
                    match c {
                        0 => match storage::load_draft(path) {
                            Ok(theirs) => {
                                // The edits here stay one undo away.
                                self.undo.add_undo(&self.memo);
                                self.memo = theirs.clone();
                                self.saved = theirs;
                                self.disk = Self::stamp(path);
                                self.notify(format!(
                                    "Reloaded {}. Undo (Ctrl+Z) brings back your edits.",
                                    path.display()
                                ));
                            }
                            Err(e) => self.notify_error(format!(
                                "{e}. Your edits are still here, unsaved; use Save As."
                            )),
                        },
                        1 => {
                            let path = path.clone();
                            self.save_to(&path);
                        }
                        2 => self.ask_path(Ask::SaveAs),
                        _ => {}
                    }
                }
            }
            Modal::Path { ask, text } => {
                let mut text = text.clone();
                let ask = *ask;
                let mut choice = None;
                egui::Modal::new(id).show(ctx, |ui| {
                    ui.set_min_width(480.0);
                    ui.heading(match ask {
                        Ask::Open => "Open draft",
                        Ask::SaveAs => "Save draft as",
                        Ask::Export => "Export PDF to",
                        Ask::ImportCsv => "Import signatories from",
                        Ask::ExportCsv => "Export signatories to",
                    });
                    let l = ui.label("Path");
                    let r = ui
                        .add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY))
                        .labelled_by(l.id);
                    r.request_focus();
                    ui.horizontal(|ui| {
                        if ui.button("OK").clicked()
                            || ui.input(|i| i.key_pressed(egui::Key::Enter))
                        {
                            choice = Some(true);
                        }
                        if ui.button("Cancel").clicked()
                            || ui.input(|i| i.key_pressed(egui::Key::Escape))
                        {
                            choice = Some(false);
                        }
                    });
                });
                match choice {
                    Some(true) if !text.trim().is_empty() => {
                        keep = false;
                        let path = PathBuf::from(text.trim());
                        self.queue.push(ask.command(path));
                    }
                    Some(_) => {
                        keep = false;
                        self.open_confirmed = false;
                    }
                    None => {
                        self.modal = Some(Modal::Path { ask, text });
                        return;
                    }
                }
            }
        }
        if keep {
            self.modal = Some(modal);
        }
    }

    fn show_notices(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        for n in &mut self.notices {
            if n.since.is_nan() {
                n.since = now;
            }
        }
        self.notices.retain(|n| n.error || now - n.since < 6.0);
        if self.notices.is_empty() {
            return;
        }
        if self.notices.iter().any(|n| !n.error) {
            ctx.request_repaint_after(Duration::from_millis(500));
        }
        let mut close = None;
        egui::Area::new(egui::Id::unique("notices"))
            .anchor(Align2::RIGHT_BOTTOM, [-12.0, -12.0])
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                ui.set_max_width(460.0);
                for (i, n) in self.notices.iter().enumerate().rev().take(4) {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.horizontal(|ui| {
                            if n.error {
                                ui.label(RichText::new("✖").color(Color32::from_rgb(200, 40, 40)));
                            }
                            ui.label(&n.text);
                            if n.error && ui.small_button("Dismiss").clicked() {
                                close = Some(i);
                            }
                        });
                    });
                }
            });
        if let Some(i) = close {
            self.notices.remove(i);
        }
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.quit_confirmed && self.is_dirty()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved(Then::Quit));
        }
        self.shortcuts(ctx);
        for command in std::mem::take(&mut self.queue) {
            self.run(ctx, command);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        Panel::top("menu").show(ui, |ui| self.menu(ui));
        Panel::left("outline")
            .resizable(false)
            .exact_size(190.0)
            .show(ui, |ui| self.outline(ui));
        Panel::left("editor")
            .resizable(true)
            .default_size(680.0)
            .size_range(360.0..=1000.0)
            .show(ui, |ui| {
                Panel::bottom("problems").show(ui, |ui| self.problems(ui));
                ScrollArea::vertical()
                    .id_salt(("editor", self.section))
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let mut edit = Edit {
                            memo: &mut self.memo,
                            undo: &mut self.undo,
                            focus: &mut self.focus,
                            selected: &mut self.selected,
                            filter: &mut self.filter,
                        };
                        editors::show(ui, self.section, &mut edit);
                    });
            });
        // The edit of this frame is laid out before the preview paints it.
        self.relayout();
        if self.selected != self.shown_selection {
            self.shown_selection = self.selected;
            if let Some(part) = self.selected
                && let Some(place) = crate::preview::locate(&self.laid.document.pages, part)
            {
                self.preview.go_to = Some(place);
            }
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let clicked =
                preview_panel::show(ui, &mut self.preview, &self.laid.document, self.selected);
            if let Some(part) = clicked {
                self.shown_selection = Some(part);
                self.go_to(part);
            }
        });
        self.undo.feed_state(ctx.input(|i| i.time), &self.memo);
        self.modal(&ctx);
        self.show_notices(&ctx);
        // One comparison of the whole memo per frame, shared by both.
        let dirty = self.is_dirty();
        self.autosave(&ctx, dirty);
        self.update_title(&ctx, dirty);
    }
}

/// Undo history for one document: a step once typing rests for 0.8 s, 200 steps kept.
fn new_undoer() -> Undoer<Memo> {
    Undoer::with_settings(UndoSettings {
        max_undos: 200,
        stable_time: 0.8,
        auto_save_interval: 10.0,
    })
}

/// A file name from the memo's subject: letters, digits and dashes.
fn slug(subject: &str) -> String {
    let mut out = String::new();
    for word in subject
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        "memo".to_owned()
    } else {
        out
    }
}
