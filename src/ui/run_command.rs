//! Running a command, and what happens after each dialog's answer: the one place where
//! user actions change the app's state. File operations (open, save, export, import) are
//! here too, each reporting its outcome once as a notice.

use std::path::{Path, PathBuf};

use egui::ViewportCommand;

use super::app::{App, new_undoer};
use super::commands::Command;
use super::dialogs::{
    About, AboutOutcome, ChangedOnDisk, ChangedOnDiskOutcome, ColumnMapping, Dialog, DialogOutcome,
    ExportProblems, ExportProblemsOutcome, ExportStep, ImportOutcome, ImportPreview, LinkAddress,
    LinkOutcome, MappingOutcome, PendingAction, RecoveryOffer, RecoveryOutcome,
    SyncConflictOutcome, TypedPathOutcome, UnsavedChanges, UnsavedOutcome,
};
use super::editors::Section;
use super::editors::{FieldFocus, LinkRequest, select};
use super::file_dialogs::PathPurpose;
use super::find_panel::FindAction;
use crate::model::find::Field;
use crate::model::markup::Emphasis;
use crate::model::{Issue, Memo, Severity, find, markup};
use crate::storage;
use crate::storage::recovery::DiskStamp;
use crate::storage::signatories::{self, CsvError};

impl App {
    pub(super) fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => self.unless_unsaved(ctx, PendingAction::New),
            Command::Open => self.unless_unsaved(ctx, PendingAction::Open),
            Command::OpenPath(path) => {
                if std::mem::take(&mut self.open_confirmed) {
                    self.open_path(&path);
                } else {
                    self.unless_unsaved(ctx, PendingAction::OpenPath(path));
                }
            }
            Command::Save => match self.path.clone().filter(|_| self.read_only.is_none()) {
                Some(path) => self.save_unless_changed_on_disk(&path),
                // A draft opened read-only is saved under another name.
                None => self.ask_path(PathPurpose::SaveAs),
            },
            Command::SaveAs => self.ask_path(PathPurpose::SaveAs),
            Command::SaveTo(path) => {
                if self.path.as_deref() == Some(path.as_path()) {
                    self.save_unless_changed_on_disk(&path);
                } else {
                    self.save_to(&path);
                }
            }
            Command::ExportPdf => self.export_unless_errors(ExportStep::AskPath),
            Command::ExportTo(path) => {
                if std::mem::take(&mut self.export_confirmed) {
                    self.export_to(&path);
                } else {
                    self.export_unless_errors(ExportStep::Write(path));
                }
            }
            Command::ImportSignatories => self.ask_path(PathPurpose::ImportCsv),
            Command::ImportSignatoriesFrom(path) => self.import_csv(&path),
            Command::ExportSignatories => self.ask_path(PathPurpose::ExportCsv),
            Command::ExportSignatoriesTo(path) => self.export_csv(&path),
            Command::SaveRelease => self.ask_path(PathPurpose::SaveRelease),
            Command::SaveReleaseTo(path) => self.save_release(&path),
            Command::Compare => self.ask_path(PathPurpose::Compare),
            Command::CompareWith(path) => self.compare_with(&path),
            Command::CompareBase => self.ask_path(PathPurpose::CompareBase),
            Command::CompareBaseFrom(path) => self.compare_base(&path),
            Command::ResolveConflicts => self.compare.open = true,
            Command::AddLogo(target) => self.ask_path(PathPurpose::Logo(target)),
            Command::AddLogoFrom(target, path) => self.add_logo(target, &path),
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
            Command::Bold => self.emphasize(ctx, Emphasis::Bold),
            Command::Italic => self.emphasize(ctx, Emphasis::Italic),
            Command::Link => {
                if let Some(in_use) = self.field_in_use {
                    let (start, end) = in_use.selection;
                    self.ask_link(LinkRequest {
                        field: in_use.field,
                        selection: start..end,
                    });
                }
            }
            Command::Find => self.find.show(false),
            Command::Replace => self.find.show(true),
            Command::FindNext | Command::FindPrevious => {
                self.relayout();
                let forward = command == Command::FindNext;
                if let Some(action) = self.find.step(&self.memo, self.memo_version, forward) {
                    self.on_find_action(action);
                }
            }
            Command::Quit => self.unless_unsaved(ctx, PendingAction::Quit),
            Command::About => {
                self.dialog = Some(Dialog::About(About {
                    recovery_dir: self.recovery.dir().to_owned(),
                    data_dir: self.config.data_dir.clone(),
                }));
            }
        }
    }

    /// Adds the image at `path` as a logo where `target` says, one undo step; a refused
    /// file is reported once and changes nothing.
    fn add_logo(&mut self, target: crate::model::LogoTarget, path: &Path) {
        let mut memo = self.memo.clone();
        match storage::images::add_logo(&mut memo, target, path, "", false) {
            Ok(_) => {
                self.undo.add_undo(&self.memo);
                self.memo = memo;
                if target == crate::model::LogoTarget::Letterhead {
                    self.section = Section::Letterhead;
                }
                self.notify(format!(
                    "Added the logo {}. Give it alt text, or mark it decorative.",
                    path.display()
                ));
            }
            Err(e) => self.notify_error(format!("{e:#}")),
        }
    }

    /// Bold or italic on the selection of the field in use (again: plain), one undo step;
    /// the words stay selected.
    fn emphasize(&mut self, ctx: &egui::Context, emphasis: Emphasis) {
        let Some(in_use) = self.field_in_use else {
            return;
        };
        let Some(text) = find::text(&self.memo, in_use.field) else {
            return;
        };
        let (start, end) = in_use.selection;
        let edited = markup::toggle_emphasis(text, start..end, emphasis);
        self.undo.add_undo(&self.memo);
        if let Some(value) = find::text_mut(&mut self.memo, in_use.field) {
            *value = edited.text;
        }
        select(ctx, in_use.id, edited.selection.clone());
        self.focus_field = Some(FieldFocus {
            field: in_use.field,
            select: edited.selection,
        });
    }

    /// Asks for the address of a link on the selection; a selected address is offered.
    fn ask_link(&mut self, request: LinkRequest) {
        let url = find::text(&self.memo, request.field)
            .and_then(|text| {
                let start = crate::model::text::byte_index(text, request.selection.start);
                let end = crate::model::text::byte_index(text, request.selection.end);
                text.get(start..end)
            })
            .map(str::trim)
            .filter(|s| crate::model::text::is_allowed_url(s))
            .unwrap_or_default()
            .to_owned();
        self.dialog = Some(Dialog::LinkAddress(LinkAddress { request, url }));
    }

    /// Shows a match (its editor open, its field focused with the match selected) or
    /// replaces; a replacement is one undo step.
    pub(super) fn on_find_action(&mut self, action: FindAction) {
        match action {
            FindAction::Show(found) => {
                self.find.enter_steps = true;
                let part = found.field.part();
                if let Some(section) = Section::of(part) {
                    self.section = section;
                }
                self.selected = Some(part);
                match found.field {
                    // The signatories table focuses a row by its part.
                    Field::Signatory { .. } => self.focus_request = Some(part),
                    field => {
                        let text = find::text(&self.memo, field).unwrap_or_default();
                        let chars = |byte| crate::model::text::char_index(text, byte);
                        self.focus_field = Some(FieldFocus {
                            field,
                            select: chars(found.range.start)..chars(found.range.end),
                        });
                    }
                }
            }
            FindAction::Replace { found, replacement } => {
                let before = self.memo.clone();
                let query = self.find.query.clone();
                if find::replace(&mut self.memo, &query, &found, &replacement) {
                    self.undo.add_undo(&before);
                    self.find.replaced(&found, replacement.len());
                    self.relayout();
                    if let Some(next) = self.find.step(&self.memo, self.memo_version, true) {
                        self.on_find_action(next);
                    }
                }
            }
            FindAction::ReplaceAll { replacement } => {
                let before = self.memo.clone();
                let query = self.find.query.clone();
                let n = find::replace_all(&mut self.memo, &query, &replacement);
                if n > 0 {
                    self.undo.add_undo(&before);
                }
                self.notify(format!(
                    "Replaced {n} {} of “{}”.",
                    if n == 1 { "occurrence" } else { "occurrences" },
                    query.needle
                ));
            }
        }
    }

    /// Handles what the user chose in a dialog (which has closed).
    pub(super) fn on_dialog_outcome(&mut self, ctx: &egui::Context, outcome: DialogOutcome) {
        match outcome {
            DialogOutcome::UnsavedChanges(UnsavedOutcome::Save, then) => {
                if self.save_first() {
                    self.proceed(ctx, then);
                }
            }
            DialogOutcome::UnsavedChanges(UnsavedOutcome::Discard, then) => {
                // The edits are dropped only once the action happens (a new memo, a file
                // opened, quitting); until then they stay, unsaved.
                if then == PendingAction::Open {
                    self.open_confirmed = true;
                }
                self.proceed(ctx, then);
            }
            DialogOutcome::RecoveryOffer(RecoveryOutcome::Restore(copy)) => {
                let saved = copy
                    .draft
                    .as_deref()
                    .and_then(|p| storage::load_draft(p).ok())
                    .unwrap_or_default();
                self.replace(copy.memo, copy.draft.clone(), saved);
                if let Some(draft) = &copy.draft {
                    self.lock_draft(draft);
                }
                // The draft as it was when the edits began: a version synced over it
                // since is noticed at the next save.
                if copy.disk.is_some() {
                    self.disk_stamp = copy.disk;
                }
                self.notify("Restored the recovered changes; save to keep them.");
            }
            DialogOutcome::RecoveryOffer(RecoveryOutcome::Discard { file, rest }) => {
                let _ = std::fs::remove_file(&file);
                if !rest.is_empty() {
                    self.dialog = Some(Dialog::RecoveryOffer(RecoveryOffer { copies: rest }));
                }
            }
            DialogOutcome::ImportPreview(ImportOutcome::Apply { path, list }) => {
                // One undo step for the whole import.
                self.undo.add_undo(&self.memo);
                self.memo.signatories = list;
                self.section = Section::Signatories;
                self.notify(format!("Imported {}", path.display()));
            }
            DialogOutcome::ColumnMapping(MappingOutcome::Continue {
                path,
                bytes,
                mapping,
            }) => {
                let mut list = self.memo.signatories.clone();
                match signatories::import_mapped(&mut list, &bytes, &path, Some(&mapping)) {
                    Ok(report) => {
                        self.dialog = Some(Dialog::ImportPreview(ImportPreview::new(
                            path, report, list,
                        )));
                    }
                    Err(e) => self.notify_error(e.to_string()),
                }
            }
            DialogOutcome::UnsavedChanges(UnsavedOutcome::Cancel, _)
            | DialogOutcome::ImportPreview(ImportOutcome::Cancel)
            | DialogOutcome::ColumnMapping(MappingOutcome::Cancel)
            | DialogOutcome::ChangedOnDisk(ChangedOnDiskOutcome::Cancel)
            | DialogOutcome::LinkAddress(LinkOutcome::Cancel)
            | DialogOutcome::ExportProblems(ExportProblemsOutcome::Cancel)
            | DialogOutcome::About(AboutOutcome::Close)
            | DialogOutcome::SyncConflict(SyncConflictOutcome::Later) => {}
            DialogOutcome::ChangedOnDisk(ChangedOnDiskOutcome::Reload(path)) => {
                match storage::load_draft(&path) {
                    Ok(theirs) => {
                        // The edits here stay one undo away.
                        self.undo.add_undo(&self.memo);
                        self.memo = theirs.clone();
                        self.saved = theirs;
                        self.disk_stamp = DiskStamp::of(&path);
                        self.notify(format!(
                            "Reloaded {}. Undo (Ctrl+Z) brings back your edits.",
                            path.display()
                        ));
                    }
                    Err(e) => self.notify_error(format!(
                        "{e}. Your edits are still here, unsaved; use Save As."
                    )),
                }
            }
            DialogOutcome::ChangedOnDisk(ChangedOnDiskOutcome::Overwrite(path)) => {
                self.save_to(&path);
            }
            DialogOutcome::ChangedOnDisk(ChangedOnDiskOutcome::Merge(path)) => {
                self.merge_from_disk(&path);
            }
            DialogOutcome::SyncConflict(SyncConflictOutcome::Compare(copy)) => {
                self.compare_with(&copy);
            }
            DialogOutcome::ChangedOnDisk(ChangedOnDiskOutcome::SaveAs) => {
                self.ask_path(PathPurpose::SaveAs);
            }
            DialogOutcome::TypedPath(TypedPathOutcome::Chosen(purpose, path)) => {
                self.queue.push(purpose.command(path));
            }
            DialogOutcome::LinkAddress(LinkOutcome::Apply { request, url }) => {
                let Some(text) = find::text(&self.memo, request.field) else {
                    return;
                };
                let edited = markup::make_link(text, request.selection, &url);
                self.undo.add_undo(&self.memo);
                if let Some(value) = find::text_mut(&mut self.memo, request.field) {
                    *value = edited.text;
                }
                self.focus_field = Some(FieldFocus {
                    field: request.field,
                    select: edited.selection,
                });
            }
            DialogOutcome::TypedPath(TypedPathOutcome::Cancel) => {
                self.open_confirmed = false;
                self.export_confirmed = false;
            }
            DialogOutcome::ExportProblems(ExportProblemsOutcome::ExportAnyway(then)) => {
                self.export_step(then, true);
            }
            DialogOutcome::ExportProblems(ExportProblemsOutcome::GoToFirstProblem(part)) => {
                self.go_to(part);
            }
            DialogOutcome::DraftLocked(outcome) => self.on_draft_locked(outcome),
        }
    }

    /// Saves before a pending action runs; whether it was saved. A draft changed on disk is never
    /// overwritten without asking: the user settles that, then repeats the action.
    fn save_first(&mut self) -> bool {
        if let Some(path) = self.path.clone().filter(|_| self.read_only.is_none()) {
            if self.changed_on_disk(&path) {
                self.dialog = Some(Dialog::ChangedOnDisk(ChangedOnDisk { path }));
                return false;
            }
            return self.save_to(&path);
        }
        self.ask_path(PathPurpose::SaveAs);
        // The draft is saved by the queued SaveTo; go on only when it is (otherwise the
        // user is asked for a path and runs the command again).
        if let Some(Command::SaveTo(path)) = self.queue.pop() {
            self.save_to(&path)
        } else {
            false
        }
    }

    /// Runs `then` now if nothing is unsaved; otherwise asks save, discard or cancel.
    fn unless_unsaved(&mut self, ctx: &egui::Context, then: PendingAction) {
        if self.is_dirty() {
            self.dialog = Some(Dialog::UnsavedChanges(UnsavedChanges {
                file_name: self.file_name(),
                then,
            }));
        } else {
            self.proceed(ctx, then);
        }
    }

    fn proceed(&mut self, ctx: &egui::Context, then: PendingAction) {
        match then {
            PendingAction::New => {
                self.recovery.remove(self.path.as_deref());
                let memo = Memo::blank(super::today());
                self.replace(memo.clone(), None, memo);
                self.notify("New memo");
            }
            PendingAction::Open => self.ask_path(PathPurpose::Open),
            PendingAction::OpenPath(path) => {
                self.open_path(&path);
            }
            PendingAction::Quit => {
                if self.is_dirty() {
                    // Discarded: the recovery copy goes too.
                    self.recovery.remove(self.path.as_deref());
                }
                self.quit_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    /// Makes `memo` the open document, with a fresh undo history.
    /// The draft open before loses its lock (a new one is taken by the caller).
    pub(super) fn replace(&mut self, memo: Memo, path: Option<PathBuf>, saved: Memo) {
        self.lock = None;
        self.read_only = None;
        self.disk_stamp = path.as_deref().and_then(DiskStamp::of);
        self.memo = memo;
        self.path = path;
        self.saved = saved;
        self.undo = new_undoer();
        self.last_autosave = None;
        self.focus_request = None;
        self.selected = None;
        self.preview.go_to = Some((0, crate::layout::Pt::ZERO));
        // A document opens in its own language.
        self.preview.language = self.memo.language;
    }

    /// Whether the draft on disk is not the one last opened or saved here.
    fn changed_on_disk(&self, path: &Path) -> bool {
        self.disk_stamp.is_some_and(|stamp| stamp.changed(path))
    }

    fn save_unless_changed_on_disk(&mut self, path: &Path) {
        if self.changed_on_disk(path) {
            self.dialog = Some(Dialog::ChangedOnDisk(ChangedOnDisk {
                path: path.to_owned(),
            }));
        } else {
            self.save_to(path);
        }
    }

    fn save_to(&mut self, path: &Path) -> bool {
        let path = &std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        if let Some(holder) = &self.read_only
            && self
                .path
                .as_deref()
                .is_some_and(|open| super::open_draft::same_file(open, path))
        {
            self.notify_error(format!(
                "{} is open read-only: {} has it open. Save your changes under another name (Save As).",
                path.display(),
                holder.describe()
            ));
            return false;
        }
        match storage::save_draft(path, &self.memo) {
            Ok(saved) => {
                self.read_only = None;
                self.lock_draft(path);
                self.recovery.remove(self.path.as_deref());
                self.recovery.remove(Some(path));
                self.path = Some(path.to_owned());
                self.disk_stamp = DiskStamp::of(path);
                self.saved = self.memo.clone();
                self.last_autosave = None;
                self.prefs.touch_recent(path);
                self.save_prefs();
                match saved.note() {
                    // Stays until dismissed: the user must know the save was not atomic.
                    Some(note) => self.notify_error(format!("Saved {}. {note}.", path.display())),
                    None => self.notify(format!("Saved {}", path.display())),
                }
                true
            }
            Err(e) => {
                self.notify_error(format!("{e}. Your changes are still here, unsaved."));
                false
            }
        }
    }

    /// Goes on with an export if the problems panel lists no errors; otherwise asks first,
    /// listing them. Warnings never stop an export.
    fn export_unless_errors(&mut self, then: ExportStep) {
        // Commands run before the frame lays out this frame's edits.
        self.relayout();
        let errors: Vec<Issue> = self
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .cloned()
            .collect();
        if errors.is_empty() {
            self.export_step(then, false);
        } else {
            self.dialog = Some(Dialog::ExportProblems(ExportProblems { errors, then }));
        }
    }

    /// Asks for the PDF's path or writes it. A path asked for after "Export anyway" carries
    /// that answer to the `ExportTo` it queues, so the user is not asked twice.
    fn export_step(&mut self, then: ExportStep, confirmed: bool) {
        match then {
            ExportStep::AskPath => {
                self.export_confirmed = confirmed;
                self.ask_path(PathPurpose::ExportPdf);
            }
            ExportStep::Write(path) => self.export_to(&path),
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
                    "Exported {} ({}, {} pages)",
                    path.display(),
                    self.preview.language.name(),
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
                self.dialog = Some(Dialog::ImportPreview(ImportPreview::new(
                    path.to_owned(),
                    report,
                    list,
                )));
            }
            Err(CsvError::NoOrganizationColumn { .. }) => {
                self.dialog = Some(Dialog::ColumnMapping(ColumnMapping::new(
                    path.to_owned(),
                    bytes,
                )));
            }
            Err(e) => self.notify_error(e.to_string()),
        }
    }

    /// Writes the press release in the preview's language, as its file's extension says.
    fn save_release(&mut self, path: &Path) {
        let format = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(crate::release::Format::parse);
        let Some(format) = format else {
            self.notify_error(format!(
                "Could not save {}: a press release is written as .html, .md or .txt. Choose a name with one of these endings.",
                path.display()
            ));
            return;
        };
        let language = self.preview.language;
        let release = crate::release::compose_in(&self.memo, language);
        let text = format.render(&release.doc);
        match storage::write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                let untranslated = if release.missing.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; {} not translated print in {}",
                        self.memo.describe_passages(&release.missing),
                        self.memo.language.name()
                    )
                };
                self.notify(format!(
                    "Saved the press release ({}) to {}{untranslated}",
                    language.name(),
                    path.display()
                ));
            }
            Err(e) => self.notify_error(format!(
                "Could not write {}: {e}. Nothing was written there; check the folder and try again.",
                path.display()
            )),
        }
    }

    fn export_csv(&mut self, path: &Path) {
        let bytes = signatories::export_csv(&self.memo.signatories);
        match storage::write_atomic(path, &bytes) {
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
}
