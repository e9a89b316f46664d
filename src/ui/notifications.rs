//! Notices: what happened (saved, exported) and what went wrong, shown once in the corner.
//! Errors stay until dismissed; other notices fade after a few seconds.

use std::time::Duration;

use egui::{Align2, Color32, RichText};

use super::app::App;

/// How long a notice that is not an error stays.
const NOTICE_SECS: f64 = 6.0;

#[derive(Clone, Debug)]
pub struct Notice {
    pub text: String,
    pub error: bool,
    /// When it was first shown (egui time); NaN until then.
    shown_at: f64,
}

impl App {
    pub(super) fn notify(&mut self, text: impl Into<String>) {
        self.notices.push(Notice {
            text: text.into(),
            error: false,
            shown_at: f64::NAN,
        });
    }

    pub(super) fn notify_error(&mut self, text: impl Into<String>) {
        self.notices.push(Notice {
            text: text.into(),
            error: true,
            shown_at: f64::NAN,
        });
    }

    pub(super) fn notices_ui(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        for n in &mut self.notices {
            if n.shown_at.is_nan() {
                n.shown_at = now;
            }
        }
        self.notices
            .retain(|n| n.error || now - n.shown_at < NOTICE_SECS);
        if self.notices.is_empty() {
            return;
        }
        if self.notices.iter().any(|n| !n.error) {
            ctx.request_repaint_after(Duration::from_millis(500));
        }
        let mut dismissed = None;
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
                                dismissed = Some(i);
                            }
                        });
                    });
                }
            });
        if let Some(i) = dismissed {
            self.notices.remove(i);
        }
    }
}
