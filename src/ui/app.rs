//! The app's state and its frame: what is open, the undo history, the laid-out pages, and
//! the order in which one frame handles input, draws the panels and autosaves.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::anyhow;
use egui::util::undoer::{Settings as UndoSettings, Undoer};
use egui::{Panel, ScrollArea, ViewportCommand};

use super::Config;
use super::commands::Command;
use super::dialogs::{Dialog, PendingAction, RecoveryOffer, UnsavedChanges};
use super::editors::{EditContext, Editors, FieldFocus, FieldInUse, Section};
use super::find_panel::FindPanel;
use super::notifications::Notice;
use super::prefs::{Prefs, Theme};
use super::preview_panel::{self, PreviewState};
use super::spelling::Spelling;
use crate::fonts::Fonts;
use crate::layout::{self, Laid, Part};
use crate::model::find::Field;
use crate::model::{Issue, Language, Memo, Passage};
use crate::storage;
use crate::storage::lock::{DraftLock, LockInfo};
use crate::storage::recovery::{DiskStamp, Recovery};

/// How often a draft with unsaved changes is copied to the recovery folder.
const AUTOSAVE_EVERY: Duration = Duration::from_secs(5);

/// The last recovery copy written: when, and of which memo.
pub(super) struct Autosave {
    pub at: Instant,
    pub memo: Memo,
}

pub struct App {
    pub(super) config: Config,
    pub(super) prefs: Prefs,
    pub(super) recovery: Recovery,
    pub(super) fonts: Fonts,
    pub(super) memo: Memo,
    pub(super) path: Option<PathBuf>,
    /// The memo as on disk (or as opened): unsaved changes are the difference.
    pub(super) saved: Memo,
    /// The draft file as it was when last opened or saved here, to notice a partner's
    /// copy synced over it.
    pub(super) disk_stamp: Option<DiskStamp>,
    /// The lock file that tells partners this window has the draft open; dropping it
    /// (another draft, New, quitting) removes it.
    pub(super) lock: Option<DraftLock>,
    /// Opened read-only because this lock's holder has it open: Save becomes Save As.
    pub(super) read_only: Option<LockInfo>,
    pub(super) undo: Undoer<Memo>,
    pub(super) laid: Laid,
    /// The memo `laid` and `issues` were made from.
    pub(super) laid_memo: Memo,
    /// The language `laid` shows (the preview's).
    laid_language: Language,
    /// Counts the changes of the memo that were laid out (find searches again on one).
    pub(super) memo_version: u64,
    pub(super) find: FindPanel,
    /// File > Compare with a partner's copy, and the conflicts a merge recorded.
    pub(super) compare: super::compare::ComparePanel,
    /// Paragraphs set by earlier layouts: an edit sets again only what it changed.
    /// One per language shown: each keeps its own document's paragraphs, so switching the
    /// preview's language back and forth sets nothing again.
    paragraphs: BTreeMap<Language, layout::ParagraphCache>,
    pub(super) issues: Vec<Issue>,
    pub(super) section: Section,
    pub(super) editors: Editors,
    /// A part whose field should take keyboard focus (from a click on the preview or on
    /// a problem); the editor that shows it takes it.
    pub(super) focus_request: Option<Part>,
    /// The part being edited, highlighted on the preview.
    pub(super) selected: Option<Part>,
    /// A field to focus with a selection (a match of Find, a link just made).
    pub(super) focus_field: Option<FieldFocus>,
    /// The memo field the user typed in last: what Bold, Italic and Link act on.
    pub(super) field_in_use: Option<FieldInUse>,
    pub(super) spelling: Spelling,
    /// The speller of the language being translated into (loaded once the memo has a
    /// translation).
    pub(super) translation_spelling: Spelling,
    /// The selection the preview last scrolled to.
    scrolled_to: Option<Part>,
    /// The section whose editor the last frame drew.
    drawn_section: Option<Section>,
    pub(super) preview: PreviewState,
    pub(super) dialog: Option<Dialog>,
    pub(super) queue: Vec<Command>,
    pub(super) notices: Vec<Notice>,
    pub(super) last_autosave: Option<Autosave>,
    title: String,
    pub(super) quit_confirmed: bool,
    /// Unsaved changes were discarded for an Open whose file is being chosen.
    pub(super) open_confirmed: bool,
    /// "Export anyway" was chosen over the memo's errors for an export whose path is
    /// being chosen.
    pub(super) export_confirmed: bool,
}

impl App {
    pub fn new(ctx: &egui::Context, config: Config) -> anyhow::Result<Self> {
        let fonts = Fonts::new()?;
        crate::preview::install_fonts(ctx, &fonts);
        let prefs = Prefs::load(&config.data_dir);
        let recovery = Recovery::new(&config.data_dir);
        let sample =
            storage::sample().map_err(|e| anyhow!("the bundled sample is damaged: {e:?}"))?;
        let mut paragraphs = BTreeMap::new();
        let laid = layout::layout_cached(
            &sample,
            &fonts,
            &sample.page,
            paragraphs.entry(sample.language).or_default(),
        );
        let issues = laid.problems(&sample, super::today());
        let mut app = Self {
            prefs,
            recovery,
            fonts,
            memo: sample.clone(),
            path: None,
            disk_stamp: None,
            lock: None,
            read_only: None,
            saved: sample.clone(),
            undo: new_undoer(),
            issues,
            laid,
            laid_language: sample.language,
            laid_memo: sample,
            memo_version: 0,
            find: FindPanel::default(),
            compare: super::compare::ComparePanel::default(),
            paragraphs,
            section: Section::Header,
            editors: Editors::default(),
            focus_request: None,
            selected: None,
            focus_field: None,
            field_in_use: None,
            spelling: Spelling::new(config.dictionary_dirs.clone()),
            translation_spelling: Spelling::new(config.dictionary_dirs.clone()),
            scrolled_to: None,
            drawn_section: None,
            preview: PreviewState::default(),
            dialog: None,
            queue: Vec::new(),
            notices: Vec::new(),
            last_autosave: None,
            title: String::new(),
            quit_confirmed: false,
            open_confirmed: false,
            export_confirmed: false,
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
        let copies = app.recovery.list();
        // A draft open elsewhere is asked about first; the copies wait for the next start.
        if !copies.is_empty() && app.dialog.is_none() {
            app.dialog = Some(Dialog::RecoveryOffer(RecoveryOffer { copies }));
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

    /// Whether the draft was opened read-only (someone else has it open).
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
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

    /// The problems the problems panel lists: the memo's check and the layout's
    /// warnings.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
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
        self.dialog.is_some()
    }

    /// The title the window should have (file name and unsaved marker).
    pub fn title(&self) -> &str {
        &self.title
    }

    pub(super) fn file_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    pub(super) fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.prefs.theme {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        });
    }

    pub(super) fn save_prefs(&mut self) {
        if let Err(e) = self.prefs.save(&self.config.data_dir) {
            let dir = self.config.data_dir.display().to_string();
            self.notify_error(format!(
                "Could not save preferences in {dir}: {e}. Recent files will not be remembered."
            ));
        }
    }

    /// Opens the editor of `part` and focuses its field.
    pub(super) fn go_to(&mut self, part: Part) {
        if let Some(section) = Section::of(part) {
            self.section = section;
        }
        self.focus_request = Some(part);
        self.selected = Some(part);
    }

    /// Opens what a click on `part` of the preview shows: on a translated page, the
    /// passage's translation; otherwise the part's editor.
    fn go_to_shown(&mut self, part: Part) {
        let language = self.preview.language;
        if language != self.memo.language
            && let Some(passage) = Passage::of_part(part, &self.memo)
            && self
                .memo
                .source(passage)
                .is_some_and(|t| !t.trim().is_empty())
        {
            self.section = Section::Translation;
            self.editors.translation.language = Some(language);
            self.selected = Some(part);
            self.focus_field = Some(FieldFocus {
                field: Field::Translation(language, passage),
                select: 0..0,
            });
            return;
        }
        self.go_to(part);
    }

    /// Lays the memo out again (and checks it) if it changed since the last layout.
    pub(super) fn relayout(&mut self) {
        // A language whose translation was removed (or undone) shows the source again.
        if !self.memo.languages().contains(&self.preview.language) {
            self.preview.language = self.memo.language;
        }
        if self.memo != self.laid_memo || self.preview.language != self.laid_language {
            let shown = self.memo.in_language(self.preview.language);
            self.laid = layout::layout_cached(
                &shown.memo,
                &self.fonts,
                &shown.memo.page,
                self.paragraphs.entry(self.preview.language).or_default(),
            );
            self.laid_language = self.preview.language;
            self.issues = self.laid.problems(&self.memo, super::today());
            self.laid_memo = self.memo.clone();
            self.memo_version += 1;
        }
    }

    fn autosave(&mut self, ctx: &egui::Context, dirty: bool) {
        if !dirty {
            return;
        }
        let due = self
            .last_autosave
            .as_ref()
            .is_none_or(|last| last.at.elapsed() >= AUTOSAVE_EVERY && last.memo != self.memo);
        if due {
            let first = self.last_autosave.is_none();
            let written = self
                .recovery
                .write(self.path.as_deref(), &self.memo, self.disk_stamp);
            self.last_autosave = Some(Autosave {
                at: Instant::now(),
                memo: self.memo.clone(),
            });
            if let Err(e) = written
                && first
            {
                let dir = self.config.data_dir.display().to_string();
                self.notify_error(format!(
                    "Could not write a recovery copy in {dir}: {e}. Save often."
                ));
            }
        }
        ctx.request_repaint_after(AUTOSAVE_EVERY);
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        for (command, shortcut) in Command::WITH_SHORTCUTS {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.queue.push(command);
            }
        }
    }

    /// Enter after a match was shown goes on to the next match, as in a word processor's
    /// find dialog, rather than typing a line break over the selected match; anything
    /// else the user does (typing, another key, a click) ends that.
    fn find_enter(&mut self, ctx: &egui::Context) {
        if !self.find.open || !self.find.enter_steps || self.dialog.is_some() {
            return;
        }
        let other = ctx.input(|i| {
            i.pointer.any_pressed()
                || i.events.iter().any(|e| match e {
                    egui::Event::Text(_) | egui::Event::Paste(_) => true,
                    egui::Event::Key { key, pressed, .. } => *pressed && *key != egui::Key::Enter,
                    _ => false,
                })
        });
        if other {
            self.find.enter_steps = false;
        } else if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)) {
            self.queue.push(Command::FindNext);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context, dirty: bool) {
        let title = format!(
            "{}{}{} — memodraft",
            if dirty { "● " } else { "" },
            self.file_name(),
            if self.read_only.is_some() {
                " (read-only)"
            } else {
                ""
            }
        );
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.dialog else {
            return;
        };
        if let Some(outcome) = dialog.ui(ctx) {
            self.dialog = None;
            self.on_dialog_outcome(ctx, outcome);
        }
    }

    fn editor_panel_ui(&mut self, ui: &mut egui::Ui) {
        Panel::bottom("problems").show(ui, |ui| {
            if !self.memo.conflicts.is_empty()
                && ui.button(Command::ResolveConflicts.label()).clicked()
            {
                self.queue.push(Command::ResolveConflicts);
            }
            if let Some(part) = super::panels::problems_ui(ui, &self.issues) {
                self.go_to(part);
            }
        });
        let margin_unit = self.prefs.margin_unit;
        ScrollArea::vertical()
            .id_salt(("editor", self.section))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut edit = EditContext {
                    memo: &mut self.memo,
                    undo: &mut self.undo,
                    focus_request: &mut self.focus_request,
                    selected: &mut self.selected,
                    focus_field: &mut self.focus_field,
                    field_in_use: &mut self.field_in_use,
                    spelling: self.spelling.context(),
                    translation_spelling: self.translation_spelling.context(),
                    margin_unit: &mut self.prefs.margin_unit,
                    commands: &mut self.queue,
                };
                self.editors.ui(ui, self.section, &mut edit);
            });
        if self.prefs.margin_unit != margin_unit {
            self.save_prefs();
        }
        // A form's grid sizes its columns from the frame before: an editor shown for the
        // first time is drawn once more at once, not left half laid out until the next
        // input.
        if self.drawn_section != Some(self.section) {
            self.drawn_section = Some(self.section);
            ui.ctx().request_repaint();
        }
        // A part added in one editor but edited in another ("Add quote" on a finding)
        // opens there.
        if let Some(section) = self.focus_request.and_then(Section::of)
            && section != self.section
        {
            self.section = section;
        }
    }

    fn preview_ui(&mut self, ui: &mut egui::Ui) {
        // Moving within a part (title to evidence) does not scroll the page away.
        if self.selected.map(Part::owner) != self.scrolled_to.map(Part::owner) {
            self.scrolled_to = self.selected;
            if let Some(part) = self.selected
                && let Some(place) = crate::preview::locate(&self.laid.document.pages, part)
            {
                self.preview.go_to = Some(place);
            }
        }
        // The Press release section shows the release beside its fields; it stays shown
        // (while editing a quote, say) until "Show PDF pages".
        let in_release = self.section == Section::Release && self.memo.release.is_some();
        if in_release {
            self.preview.show_release = true;
        }
        if self.preview.show_release && self.memo.release.is_some() {
            egui::CentralPanel::default().show(ui, |ui| {
                let languages = self.memo.languages();
                let pinned = in_release;
                if let Some(command) = super::release_panel::release_ui(
                    ui,
                    &mut self.preview,
                    &languages,
                    &self.memo,
                    pinned,
                ) {
                    self.queue.push(command);
                }
            });
            return;
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let languages = self.memo.languages();
            let clicked = preview_panel::preview_ui(
                ui,
                &mut self.preview,
                &languages,
                &self.laid.document,
                self.selected,
                self.memo.release.is_some(),
            );
            if let Some(part) = clicked {
                self.scrolled_to = Some(part);
                self.go_to_shown(part);
            }
        });
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.quit_confirmed && self.is_dirty()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::UnsavedChanges(UnsavedChanges {
                file_name: self.file_name(),
                then: PendingAction::Quit,
            }));
        } else if ctx.input(|i| i.viewport().close_requested()) {
            // The window closes: partners may open the draft again.
            self.lock = None;
        }
        // Text from other programs arrives as paste-as-text would give it.
        ctx.input_mut(|i| {
            for event in &mut i.events {
                if let egui::Event::Paste(text) = event {
                    *text = crate::model::paste::clean_paste(text);
                }
            }
        });
        // Commands of the last frame run first; a shortcut pressed now runs next frame,
        // after the text typed in this one reached the memo (Ctrl+S right after typing
        // saves what was typed).
        for command in std::mem::take(&mut self.queue) {
            self.run_command(ctx, command);
        }
        // A PNG or JPEG dropped on the window is a new letterhead logo.
        let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        for path in dropped {
            self.queue.push(Command::AddLogoFrom(
                crate::model::LogoTarget::Letterhead,
                path,
            ));
        }
        self.find_enter(ctx);
        self.shortcuts(ctx);
        if !self.queue.is_empty() {
            ctx.request_repaint();
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.spelling.update(&ctx, self.memo.language);
        let translating = self
            .editors
            .translation
            .language
            .filter(|l| self.memo.translation_languages().any(|t| t == *l))
            .or_else(|| self.memo.translation_languages().next());
        if let Some(language) = translating {
            self.translation_spelling.update(&ctx, language);
        }
        Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        Panel::left("outline")
            .resizable(false)
            .exact_size(190.0)
            .show(ui, |ui| self.outline_ui(ui));
        Panel::left("editor")
            .resizable(true)
            .default_size(680.0)
            .size_range(360.0..=1000.0)
            .show(ui, |ui| self.editor_panel_ui(ui));
        // The edit of this frame is laid out before the preview paints it.
        self.relayout();
        // Fallback fonts the layout has just loaded (a pasted script) reach egui too.
        crate::preview::update_fonts(ui.ctx(), &self.fonts);
        self.preview_ui(ui);
        let dialog_open = self.dialog.is_some();
        if let Some(action) = self
            .find
            .ui(&ctx, &self.memo, self.memo_version, dialog_open)
        {
            self.on_find_action(action);
        }
        if let Some(action) = self.compare.ui(&ctx, &self.memo) {
            self.on_compare_action(action);
        }
        self.undo.feed_state(ctx.input(|i| i.time), &self.memo);
        self.dialog_ui(&ctx);
        self.notices_ui(&ctx);
        // One comparison of the whole memo per frame, shared by both.
        let dirty = self.is_dirty();
        self.autosave(&ctx, dirty);
        self.update_title(&ctx, dirty);
    }
}

/// Undo history for one document: a step once typing rests for 0.8 s, 200 steps kept.
pub(super) fn new_undoer() -> Undoer<Memo> {
    Undoer::with_settings(UndoSettings {
        max_undos: 200,
        stable_time: 0.8,
        auto_save_interval: 10.0,
    })
}
