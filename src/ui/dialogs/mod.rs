//! The editor's modal dialogs: one struct per dialog, each holding only its own state and
//! saying what the user chose as an outcome value. The app keeps at most one open
//! [`Dialog`] and handles every outcome in `run_command.rs`.

mod about;
mod changed_on_disk;
mod column_mapping;
mod draft_locked;
mod export_problems;
mod import_preview;
mod link_address;
mod recovery_offer;
mod sync_conflict;
mod typed_path;
mod unsaved_changes;

pub use about::{About, AboutOutcome};
pub use changed_on_disk::{ChangedOnDisk, ChangedOnDiskOutcome};
pub use column_mapping::{ColumnMapping, MappingOutcome};
pub use draft_locked::{DraftLocked, DraftLockedOutcome};
pub use export_problems::{ExportProblems, ExportProblemsOutcome, ExportStep};
pub use import_preview::{ImportOutcome, ImportPreview};
pub use link_address::{LinkAddress, LinkOutcome};
pub use recovery_offer::{RecoveryOffer, RecoveryOutcome};
pub use sync_conflict::{SyncConflict, SyncConflictOutcome};
pub use typed_path::{TypedPath, TypedPathOutcome};
pub use unsaved_changes::{PendingAction, UnsavedChanges, UnsavedOutcome};

/// The one dialog that may be open.
pub enum Dialog {
    UnsavedChanges(UnsavedChanges),
    RecoveryOffer(RecoveryOffer),
    ImportPreview(ImportPreview),
    ColumnMapping(ColumnMapping),
    ChangedOnDisk(ChangedOnDisk),
    TypedPath(TypedPath),
    LinkAddress(LinkAddress),
    ExportProblems(ExportProblems),
    DraftLocked(DraftLocked),
    About(About),
    SyncConflict(SyncConflict),
}

/// What the user chose in the open dialog; the dialog closes with it.
pub enum DialogOutcome {
    UnsavedChanges(UnsavedOutcome, PendingAction),
    RecoveryOffer(RecoveryOutcome),
    ImportPreview(ImportOutcome),
    ColumnMapping(MappingOutcome),
    ChangedOnDisk(ChangedOnDiskOutcome),
    TypedPath(TypedPathOutcome),
    LinkAddress(LinkOutcome),
    ExportProblems(ExportProblemsOutcome),
    DraftLocked(DraftLockedOutcome),
    About(AboutOutcome),
    SyncConflict(SyncConflictOutcome),
}

impl Dialog {
    /// Draws the dialog; `None` while it stays open.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<DialogOutcome> {
        match self {
            Self::UnsavedChanges(d) => d
                .ui(ctx)
                .map(|o| DialogOutcome::UnsavedChanges(o, d.then.clone())),
            Self::RecoveryOffer(d) => d.ui(ctx).map(DialogOutcome::RecoveryOffer),
            Self::ImportPreview(d) => d.ui(ctx).map(DialogOutcome::ImportPreview),
            Self::ColumnMapping(d) => d.ui(ctx).map(DialogOutcome::ColumnMapping),
            Self::ChangedOnDisk(d) => d.ui(ctx).map(DialogOutcome::ChangedOnDisk),
            Self::TypedPath(d) => d.ui(ctx).map(DialogOutcome::TypedPath),
            Self::LinkAddress(d) => d.ui(ctx).map(DialogOutcome::LinkAddress),
            Self::ExportProblems(d) => d.ui(ctx).map(DialogOutcome::ExportProblems),
            Self::DraftLocked(d) => d.ui(ctx).map(DialogOutcome::DraftLocked),
            Self::About(d) => d.ui(ctx).map(DialogOutcome::About),
            Self::SyncConflict(d) => d.ui(ctx).map(DialogOutcome::SyncConflict),
        }
    }
}

/// The id every dialog's modal window uses: only one is ever open.
fn modal_id() -> egui::Id {
    egui::Id::unique("memodraft-dialog")
}

/// Escape, as a dialog's Cancel.
fn escape_pressed(ui: &egui::Ui) -> bool {
    ui.input(|i| i.key_pressed(egui::Key::Escape))
}
