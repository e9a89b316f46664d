//! File > Compare with a partner's copy: a window beside the pages listing every
//! difference between the open memo and another copy, by part of the memo, each with
//! Accept / Reject (three-way, only their changes, when a base is known: one chosen, or the
//! draft's own backup); and the conflicts a merge recorded, resolved with ours, theirs or
//! as edited. Accepting is an ordinary edit with undo.

use std::path::{Path, PathBuf};

use egui::{Color32, RichText, ScrollArea};

use super::App;
use super::commands::Command;
use super::dialogs::{Dialog, SyncConflict};
use crate::model::merge::{Choice, Difference, Value, differences, merge};
use crate::model::{Language, Memo};
use crate::storage;
use crate::storage::recovery::DiskStamp;

/// What the user asked of the compare window.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareAction {
    Accept(Difference),
    /// Every difference still offered, one undo step.
    AcceptAll(Vec<Difference>),
    Reject(Difference),
    RejectAll(Vec<Difference>),
    Resolve(usize, Choice),
    /// Ask for a base to compare three ways, or drop the base (`false`).
    ChooseBase(bool),
}

/// The other copy and, when known, the version both started from.
pub struct Other {
    pub path: PathBuf,
    pub theirs: Memo,
    /// The base and where it came from, in words ("memo.ron.bak", "the version you
    /// opened or saved").
    pub base: Option<(String, Memo)>,
}

#[derive(Default)]
pub struct ComparePanel {
    pub open: bool,
    pub other: Option<Other>,
    /// Differences the user rejected: no longer offered.
    rejected: Vec<Difference>,
}

impl ComparePanel {
    /// Compares with `other` from now on, nothing rejected yet.
    pub fn start(&mut self, other: Other) {
        self.other = Some(other);
        self.rejected.clear();
        self.open = true;
    }

    /// What is offered: with a base, their changes only (merged onto ours, a conflicting
    /// one as theirs); without, every difference from the memo to their copy.
    pub fn offered(&self, memo: &Memo) -> Vec<Difference> {
        let Some(other) = &self.other else {
            return Vec::new();
        };
        let target = match &other.base {
            Some((_, base)) => {
                let mut merged = merge(base, memo, &other.theirs);
                while merged.conflicts.len() > memo.conflicts.len() {
                    merged.resolve_conflict(memo.conflicts.len(), Choice::Theirs);
                }
                merged
            }
            None => other.theirs.clone(),
        };
        differences(memo, &target)
            .into_iter()
            .filter(|d| !self.rejected.contains(d))
            .collect()
    }

    pub fn ui(&mut self, ctx: &egui::Context, memo: &Memo) -> Option<CompareAction> {
        if !self.open {
            return None;
        }
        let offered = self.offered(memo);
        let mut action = None;
        let mut open = self.open;
        egui::Window::new("Compare")
            .open(&mut open)
            .default_width(560.0)
            .default_height(620.0)
            .show(ctx, |ui| {
                if let Some(other) = &self.other {
                    ui.label(format!("With {}", other.path.display()));
                    match &other.base {
                        Some((from, _)) => {
                            ui.horizontal(|ui| {
                                ui.label(format!("Only their changes since {from} are offered."));
                                if ui.button("Compare two ways").clicked() {
                                    action = Some(CompareAction::ChooseBase(false));
                                }
                            });
                        }
                        None => {
                            ui.horizontal(|ui| {
                                ui.label("Every difference is offered.");
                                if ui.button("Choose the common base…").clicked() {
                                    action = Some(CompareAction::ChooseBase(true));
                                }
                            });
                        }
                    }
                    ui.horizontal(|ui| {
                        ui.label(match offered.len() {
                            1 => "1 difference".to_owned(),
                            n => format!("{n} differences"),
                        });
                        let any = !offered.is_empty();
                        if ui
                            .add_enabled(any, egui::Button::new("Accept all"))
                            .clicked()
                        {
                            action = Some(CompareAction::AcceptAll(offered.clone()));
                        }
                        if ui
                            .add_enabled(any, egui::Button::new("Reject all"))
                            .clicked()
                        {
                            action = Some(CompareAction::RejectAll(offered.clone()));
                        }
                    });
                }
                ui.separator();
                ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if !memo.conflicts.is_empty() {
                            ui.strong(format!("{} merge conflicts", memo.conflicts.len()));
                        }
                        for (i, c) in memo.conflicts.iter().enumerate() {
                            ui.push_id(("conflict", i), |ui| {
                                ui.label(
                                    RichText::new(c.describe(memo))
                                        .color(Color32::from_rgb(200, 40, 40)),
                                );
                                side_by_side(ui, memo.language, c.ours.as_ref(), c.theirs.as_ref());
                                ui.horizontal(|ui| {
                                    for (label, choice) in [
                                        ("Use ours", Choice::Ours),
                                        ("Use theirs", Choice::Theirs),
                                        ("Keep as edited", Choice::AsEdited),
                                    ] {
                                        if ui.button(label).clicked() {
                                            action = Some(CompareAction::Resolve(i, choice));
                                        }
                                    }
                                });
                                ui.separator();
                            });
                        }
                        for (i, d) in offered.iter().enumerate() {
                            ui.push_id(("difference", i), |ui| {
                                ui.strong(d.describe(memo));
                                side_by_side(ui, memo.language, d.ours.as_ref(), d.theirs.as_ref());
                                ui.horizontal(|ui| {
                                    if ui.button("Accept").clicked() {
                                        action = Some(CompareAction::Accept(d.clone()));
                                    }
                                    if ui.button("Reject").clicked() {
                                        action = Some(CompareAction::Reject(d.clone()));
                                    }
                                });
                                ui.separator();
                            });
                        }
                        if offered.is_empty() && memo.conflicts.is_empty() {
                            ui.label("No differences.");
                        }
                    });
            });
        self.open = open;
        match action {
            Some(CompareAction::Reject(d)) => {
                self.rejected.push(d);
                None
            }
            Some(CompareAction::RejectAll(all)) => {
                self.rejected.extend(all);
                None
            }
            other => other,
        }
    }
}

/// Ours beside theirs, the words that differ marked (removed struck, added underlined).
fn side_by_side(
    ui: &mut egui::Ui,
    language: Language,
    ours: Option<&Value>,
    theirs: Option<&Value>,
) {
    let text = |v: Option<&Value>| v.map(|v| v.text(language));
    let (a, b) = (text(ours), text(theirs));
    let changes =
        crate::model::source_changes(a.as_deref().unwrap_or(""), b.as_deref().unwrap_or(""));
    // Top-down, not justified: a stretched line would spread its letters apart.
    let top = egui::Layout::top_down(egui::Align::Min);
    ui.columns(2, |cols| {
        let [left, right] = cols else { return };
        left.with_layout(top, |ui| {
            ui.weak("Ours");
            match &a {
                None => ui.label(RichText::new("(not in ours)").italics()),
                Some(_) => ui.label(super::editors::side_job(ui, &changes, Some(false))),
            };
        });
        right.with_layout(top, |ui| {
            ui.weak("Theirs");
            match &b {
                None => ui.label(RichText::new("(removed in theirs)").italics()),
                Some(_) => ui.label(super::editors::side_job(ui, &changes, Some(true))),
            };
        });
    });
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl App {
    /// Opens the compare window with the draft at `path`, three-way from the open
    /// draft's backup when there is one.
    pub(super) fn compare_with(&mut self, path: &Path) {
        match storage::load_draft(path) {
            Ok(theirs) => {
                let base = self
                    .path
                    .as_deref()
                    .map(storage::backup_path)
                    .and_then(|bak| {
                        storage::load_draft(&bak)
                            .ok()
                            .map(|memo| (file_name(&bak), memo))
                    });
                self.compare.start(Other {
                    path: path.to_owned(),
                    theirs,
                    base,
                });
            }
            Err(err) => self.notify_error(format!("Cannot compare: {err}")),
        }
    }

    /// Compares three ways from the draft at `path`.
    pub(super) fn compare_base(&mut self, path: &Path) {
        match storage::load_draft(path) {
            Ok(base) => {
                if let Some(other) = &mut self.compare.other {
                    other.base = Some((file_name(path), base));
                }
            }
            Err(err) => self.notify_error(format!("Cannot use it as the base: {err}")),
        }
    }

    /// "Merge…" when the draft changed on disk: their version compared three ways from
    /// the one opened or saved here, which the next save replaces without asking again.
    pub(super) fn merge_from_disk(&mut self, path: &Path) {
        match storage::load_draft(path) {
            Ok(theirs) => {
                let base = std::mem::replace(&mut self.saved, theirs.clone());
                self.disk_stamp = DiskStamp::of(path);
                self.compare.start(Other {
                    path: path.to_owned(),
                    theirs,
                    base: Some(("the version you opened or saved".to_owned(), base)),
                });
                self.notify(format!(
                    "Accept the changes of {} you want in the Compare window, then save.",
                    path.display()
                ));
            }
            Err(e) => self.notify_error(format!(
                "{e}. Your edits are still here, unsaved; use Save As."
            )),
        }
    }

    /// Offers to compare a sync tool's conflicted copy lying beside the draft just opened
    /// (when no other question is open).
    pub(super) fn offer_sync_conflict(&mut self, draft: &Path) {
        let copies = storage::sync_conflicts::conflicted_copies(draft);
        if let Some(copy) = copies.into_iter().next() {
            if self.dialog.is_none() {
                self.dialog = Some(Dialog::SyncConflict(SyncConflict { copy }));
            } else {
                self.notify(format!(
                    "{} looks like a conflicted copy of this draft: File > Compare with a partner's copy.",
                    copy.display()
                ));
            }
        }
    }

    pub(super) fn on_compare_action(&mut self, action: CompareAction) {
        match action {
            CompareAction::Accept(d) => {
                self.undo.add_undo(&self.memo);
                self.memo.accept(&d);
            }
            CompareAction::AcceptAll(all) => {
                self.undo.add_undo(&self.memo);
                for d in &all {
                    self.memo.accept(d);
                }
            }
            CompareAction::Resolve(i, choice) => {
                self.undo.add_undo(&self.memo);
                self.memo.resolve_conflict(i, choice);
            }
            CompareAction::ChooseBase(true) => self.queue.push(Command::CompareBase),
            CompareAction::ChooseBase(false) => {
                if let Some(other) = &mut self.compare.other {
                    other.base = None;
                }
            }
            // The window keeps these to itself.
            CompareAction::Reject(_) | CompareAction::RejectAll(_) => {}
        }
    }
}
