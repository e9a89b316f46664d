//! Opening a draft with its lock file: the lock taken while it is open here, the
//! question when someone else has it open (read-only, a copy, or anyway), and the lock
//! moved or released as drafts are saved under other names, replaced or closed.

use std::path::Path;

use super::app::App;
use super::dialogs::{Dialog, DraftLocked, DraftLockedOutcome};
use crate::model::Memo;
use crate::storage;
use crate::storage::lock::{Acquired, DraftLock, LockInfo};

impl App {
    /// What the user chose when the draft was open elsewhere.
    pub(super) fn on_draft_locked(&mut self, outcome: DraftLockedOutcome) {
        match outcome {
            DraftLockedOutcome::ReadOnly(path, holder) => {
                if self.open_unlocked(&path, Some(holder)) {
                    self.notify(format!(
                        "Opened {} read-only: someone else has it open. Save As keeps your changes under another name.",
                        path.display()
                    ));
                }
            }
            DraftLockedOutcome::Copy(path) => match storage::load_draft(&path) {
                Ok(memo) => {
                    if self.is_dirty() {
                        self.recovery.remove(self.path.as_deref());
                    }
                    self.replace(memo.clone(), None, memo);
                    self.notify(format!(
                        "Opened a copy of {}; Save As gives it a name of its own.",
                        path.display()
                    ));
                }
                Err(e) => {
                    self.notify_error(format!("{e}. The memo you were editing is unchanged."));
                }
            },
            DraftLockedOutcome::Anyway(path) => {
                if self.open_unlocked(&path, None) {
                    self.notify(format!(
                        "Opened {} although someone else has it open: whoever saves last replaces the other's changes.",
                        path.display()
                    ));
                }
            }
            DraftLockedOutcome::Cancel => {}
        }
    }

    pub(super) fn open_path(&mut self, path: &Path) -> bool {
        // Remembered paths (recent files, recovery copies) must not depend on the folder
        // memodraft was started from.
        let path = &std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let memo = match storage::load_draft(path) {
            Ok(memo) => memo,
            Err(e) => {
                self.notify_error(format!("{e}. The memo you were editing is unchanged."));
                return false;
            }
        };
        // The draft open here already (opened again from the recent list) keeps its lock.
        let lock = match self.lock.take().filter(|l| l.is_for(path)) {
            Some(lock) => Some(lock),
            None => match DraftLock::acquire(path) {
                Acquired::Locked(lock) => Some(lock),
                Acquired::HeldBy(holder) => {
                    self.dialog = Some(Dialog::DraftLocked(DraftLocked {
                        path: path.to_owned(),
                        holder,
                    }));
                    return false;
                }
                // A folder where no lock can be written: the draft opens all the same.
                Acquired::Unlockable(_) => None,
            },
        };
        self.opened(path, memo, lock, None);
        true
    }

    /// Opens a draft someone else has open, without taking their lock: read-only, or
    /// to edit anyway.
    fn open_unlocked(&mut self, path: &Path, read_only: Option<LockInfo>) -> bool {
        match storage::load_draft(path) {
            Ok(memo) => {
                self.opened(path, memo, None, read_only);
                true
            }
            Err(e) => {
                self.notify_error(format!("{e}. The memo you were editing is unchanged."));
                false
            }
        }
    }

    /// Makes the loaded draft at `path` the open document.
    fn opened(
        &mut self,
        path: &Path,
        memo: Memo,
        lock: Option<DraftLock>,
        read_only: Option<LockInfo>,
    ) {
        if self.is_dirty() {
            self.recovery.remove(self.path.as_deref());
        }
        self.replace(memo.clone(), Some(path.to_owned()), memo);
        self.lock = lock;
        self.read_only = read_only;
        // What a save killed here earlier left beside the draft.
        storage::remove_stale_temporaries(path);
        self.prefs.touch_recent(path);
        self.save_prefs();
        self.offer_sync_conflict(path);
    }

    /// Locks `draft` for this window if nobody else has it open; says who does otherwise.
    pub(super) fn lock_draft(&mut self, draft: &Path) {
        if self.lock.as_ref().is_some_and(|l| l.is_for(draft)) {
            return;
        }
        self.lock = None;
        match DraftLock::acquire(draft) {
            Acquired::Locked(lock) => self.lock = Some(lock),
            Acquired::HeldBy(holder) => self.notify(format!(
                "{} is also open in memodraft: {}. Whoever saves last replaces the other's changes.",
                draft.display(),
                holder.describe()
            )),
            Acquired::Unlockable(_) => {}
        }
    }
}

/// Whether two paths lead to the same file (links followed).
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    let target = |p: &Path| storage::resolve_links(p).unwrap_or_else(|_| p.to_owned());
    target(a) == target(b)
}
