//! The live preview: the laid-out pages, stacked for continuous scrolling, with zoom and
//! page navigation. Only pages inside the viewport are painted.

use egui::{Align, ComboBox, Pos2, Rect, ScrollArea, Sense, Ui, pos2, vec2};

use crate::layout::Part;
use crate::layout::{Document, Pt};
use crate::model::Language;
use crate::preview::{self, PageView};

const PAD: f32 = 16.0;
const GAP: f32 = 16.0;
/// Ui points per page point at 100%: a page at its physical size on a 96 dpi screen.
const PHYSICAL: f32 = 96.0 / 72.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Zoom {
    FitWidth,
    FitPage,
    Percent(u32),
}

impl Zoom {
    const CHOICES: [Self; 8] = [
        Self::FitWidth,
        Self::FitPage,
        Self::Percent(50),
        Self::Percent(75),
        Self::Percent(100),
        Self::Percent(125),
        Self::Percent(150),
        Self::Percent(200),
    ];

    fn label(self) -> String {
        match self {
            Self::FitWidth => "Fit width".to_owned(),
            Self::FitPage => "Fit page".to_owned(),
            Self::Percent(p) => format!("{p}%"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct PreviewState {
    pub zoom: Zoom,
    /// The page at the middle of the viewport, shown as "Page N of M".
    pub current: usize,
    /// A place to scroll to on the next frame: page index and y on that page.
    pub go_to: Option<(usize, Pt)>,
    /// Where each page was drawn in the last frame.
    pub views: Vec<PageView>,
    /// The language the pages show (the memo's own, or one of its translations): what
    /// File > Export PDF writes.
    pub language: Language,
    /// The press release is shown instead of the pages (`release_panel.rs`).
    pub show_release: bool,
}

impl Default for PreviewState {
    fn default() -> Self {
        Self {
            zoom: Zoom::FitWidth,
            current: 0,
            go_to: None,
            views: Vec::new(),
            language: Language::default(),
            show_release: false,
        }
    }
}

/// The language switch, once the memo has a translation: the pages (or the press
/// release) are then exactly that language's.
pub fn language_switch_ui(ui: &mut Ui, state: &mut PreviewState, languages: &[Language]) {
    if let [source, ..] = languages
        && languages.len() > 1
    {
        let name = |l: Language| {
            if l == *source {
                format!("{} (source)", l.native_name())
            } else {
                l.native_name().to_owned()
            }
        };
        let l = ui.label("PDF language");
        ComboBox::from_id_salt("preview-language")
            .selected_text(name(state.language))
            .show_ui(ui, |ui| {
                for &language in languages {
                    ui.selectable_value(&mut state.language, language, name(language));
                }
            })
            .response
            .labelled_by(l.id);
        ui.separator();
    }
}

/// Shows the preview; returns the memo part under a click, if any. `has_release`: the
/// memo has a press release, which a button shows instead of the pages.
pub fn preview_ui(
    ui: &mut Ui,
    state: &mut PreviewState,
    languages: &[Language],
    doc: &Document,
    highlight: Option<Part>,
    has_release: bool,
) -> Option<Part> {
    let pages = doc.pages.len();
    ui.horizontal_wrapped(|ui| {
        language_switch_ui(ui, state, languages);
        if has_release && ui.button("Show press release").clicked() {
            state.show_release = true;
        }
        let l = ui.label("Zoom");
        ComboBox::from_id_salt("zoom")
            .selected_text(state.zoom.label())
            .show_ui(ui, |ui| {
                for z in Zoom::CHOICES {
                    ui.selectable_value(&mut state.zoom, z, z.label());
                }
            })
            .response
            .labelled_by(l.id);
        ui.separator();
        if ui
            .add_enabled(state.current > 0, egui::Button::new("◀"))
            .on_hover_text("Previous page")
            .clicked()
        {
            state.go_to = Some((state.current.saturating_sub(1), Pt::ZERO));
        }
        ui.label(format!(
            "Page {} of {pages}",
            (state.current + 1).min(pages.max(1))
        ));
        if ui
            .add_enabled(state.current + 1 < pages, egui::Button::new("▶"))
            .on_hover_text("Next page")
            .clicked()
        {
            state.go_to = Some((state.current + 1, Pt::ZERO));
        }
    });
    ui.separator();

    let first = doc.pages.first()?;
    let avail = ui.available_size();
    let widest = doc
        .pages
        .iter()
        .map(|p| p.width.0)
        .fold(first.width.0, f32::max);
    let scale = match state.zoom {
        Zoom::FitWidth => (avail.x - 2.0 * PAD) / widest,
        Zoom::FitPage => {
            ((avail.x - 2.0 * PAD) / widest).min((avail.y - 2.0 * PAD) / first.height.0)
        }
        Zoom::Percent(p) => p as f32 / 100.0 * PHYSICAL,
    }
    .clamp(0.05, 10.0);

    let height: f32 = doc
        .pages
        .iter()
        .map(|p| p.height.0 * scale + GAP)
        .sum::<f32>()
        + 2.0 * PAD;
    let width = widest * scale + 2.0 * PAD;
    let mut clicked = None;
    let go_to = state.go_to.take();
    ScrollArea::both()
        .id_salt("preview")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let (rect, response) = ui.allocate_exact_size(
                vec2(width.max(ui.available_width()), height),
                Sense::click(),
            );
            let painter = ui.painter_at(rect);
            let middle = rect.min.y + viewport.center().y;
            let mut y = rect.min.y + PAD;
            let mut views = Vec::with_capacity(pages);
            for (i, page) in doc.pages.iter().enumerate() {
                let w = page.width.0 * scale;
                let view = PageView::new(pos2(rect.center().x - w / 2.0, y), page, scale);
                if ui.clip_rect().intersects(view.rect.expand(4.0)) {
                    preview::paint_page(&painter, view, page, &doc.images, highlight);
                }
                if view.rect.min.y <= middle && middle <= view.rect.max.y + GAP {
                    state.current = i;
                }
                if let Some((target, at)) = go_to
                    && target == i
                {
                    let top = view.to_screen(crate::layout::Point::new(Pt::ZERO, at)).y;
                    ui.scroll_to_rect(
                        Rect::from_min_size(pos2(view.rect.min.x, top - PAD), vec2(1.0, 1.0)),
                        Some(Align::TOP),
                    );
                }
                views.push(view);
                y += page.height.0 * scale + GAP;
            }
            if response.clicked()
                && let Some(pos) = response.interact_pointer_pos()
            {
                clicked = part_at(&views, doc, pos);
            }
            state.views = views;
            if response.hovered() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            }
        });
    clicked
}

fn part_at(views: &[PageView], doc: &Document, pos: Pos2) -> Option<Part> {
    views
        .iter()
        .zip(&doc.pages)
        .find(|(v, _)| v.rect.contains(pos))
        .and_then(|(v, page)| preview::part_at(page, v.to_page(pos)))
}
