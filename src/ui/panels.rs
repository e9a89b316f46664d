//! The panels around the editor: the menu bar, the outline of sections and the problems
//! list.

use egui::{Color32, RichText, ScrollArea};

use super::app::App;
use super::commands::Command;
use super::editors::Section;
use super::prefs::Theme;
use crate::layout::Part;
use crate::model::{Issue, Severity};

impl App {
    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for c in [Command::New, Command::Open] {
                    self.menu_item_ui(ui, c);
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
                for c in [
                    Command::Save,
                    Command::SaveAs,
                    Command::ExportPdf,
                    Command::SaveRelease,
                ] {
                    self.menu_item_ui(ui, c);
                }
                ui.separator();
                for c in [Command::ImportSignatories, Command::ExportSignatories] {
                    self.menu_item_ui(ui, c);
                }
                self.menu_item_ui(ui, Command::Compare);
                if !self.memo.conflicts.is_empty() {
                    self.menu_item_ui(ui, Command::ResolveConflicts);
                }
                if ui
                    .checkbox(&mut self.prefs.open_after_export, "Open PDF after export")
                    .changed()
                {
                    self.save_prefs();
                }
                ui.separator();
                self.menu_item_ui(ui, Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                self.menu_item_ui(ui, Command::Undo);
                self.menu_item_ui(ui, Command::Redo);
                ui.separator();
                for c in [Command::Bold, Command::Italic, Command::Link] {
                    self.menu_item_ui(ui, c);
                }
                ui.separator();
                for c in [
                    Command::Find,
                    Command::Replace,
                    Command::FindNext,
                    Command::FindPrevious,
                ] {
                    self.menu_item_ui(ui, c);
                }
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
            ui.menu_button("Help", |ui| {
                self.menu_item_ui(ui, Command::About);
            });
        });
    }

    fn menu_item_ui(&mut self, ui: &mut egui::Ui, command: Command) {
        let enabled = match command {
            Command::Undo => self.undo.has_undo(&self.memo),
            Command::Redo => self.undo.has_redo(&self.memo),
            Command::Bold | Command::Italic | Command::Link => self.field_in_use.is_some(),
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

    pub(super) fn outline_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("spelling-status").show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(self.spelling.status()).weak()).wrap());
            if let Some(language) = self.translation_spelling.language()
                && self.memo.translation_languages().any(|l| l == language)
            {
                let status = format!(
                    "{} translation — {}",
                    language.name(),
                    self.translation_spelling.status()
                );
                ui.add(egui::Label::new(RichText::new(status).weak()).wrap());
            }
        });
        ui.add_space(6.0);
        for section in Section::ALL {
            let label = section.label(&self.memo);
            if ui
                .selectable_label(self.section == section, label)
                .clicked()
                && self.section != section
            {
                self.section = section;
                // The highlight follows the field being edited; none is, in a new section.
                self.selected = None;
                self.field_in_use = None;
            }
        }
    }
}

/// The colour of a problem's mark.
pub(super) fn severity_mark(severity: Severity) -> RichText {
    match severity {
        Severity::Error => RichText::new("✖").color(Color32::from_rgb(200, 40, 40)),
        Severity::Warning => RichText::new("⚠").color(Color32::from_rgb(190, 130, 0)),
    }
}

/// The problems list with its counts; returns the part of a problem the user clicked.
pub(super) fn problems_ui(ui: &mut egui::Ui, problems: &[Issue]) -> Option<Part> {
    let errors = problems
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    ui.horizontal(|ui| {
        ui.strong("Problems");
        ui.label(format!("{errors} errors, {warnings} warnings"));
    });
    let mut clicked = None;
    ScrollArea::vertical()
        .id_salt("problems")
        .max_height(120.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for problem in problems {
                ui.horizontal(|ui| {
                    ui.label(severity_mark(problem.severity));
                    if ui.link(&problem.message).clicked() {
                        clicked = Some(problem.part);
                    }
                });
            }
        });
    clicked
}
