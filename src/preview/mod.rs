//! Paints laid-out pages into egui, and maps a point on a page back to the memo part that
//! put it there.
//!
//! The painter breaks no lines: every run is drawn where the layout placed it, with the
//! same font files and the same kerning and justification offsets the PDF uses, so the
//! preview is the printed page.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use egui::text::{ByteIndex, LayoutJob, LayoutSection, TextFormat};
use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, Painter, Pos2, Stroke, vec2};

use crate::fonts::{Face, Fallback, Fonts};
use crate::images::ImageKey;
use crate::layout::{Color, Image, ImageSource, Item, Page, Part, Point, Pt, TextRun};

/// Adds the memo's font faces to egui's fonts, each as its own family.
pub fn install_fonts(ctx: &egui::Context, fonts: &Fonts) {
    let mut definitions = FontDefinitions::default();
    for face in Face::ALL {
        let name = face.postscript_name();
        definitions.font_data.insert(
            name.to_owned(),
            Arc::new(FontData::from_static(face.bytes())),
        );
        definitions
            .families
            .insert(family(face, None), vec![name.to_owned()]);
    }
    // The fallback fonts layout has loaded so far: the same files the PDF embeds.
    for n in 0..fonts.fallback_count() {
        let Ok(n) = u16::try_from(n) else { break };
        let fallback = Fallback(n);
        let Some((bytes, index)) = fonts.fallback_bytes(fallback) else {
            continue;
        };
        let name = format!("fallback {n}");
        let mut data = FontData::from_static(bytes);
        data.index = index;
        definitions.font_data.insert(name.clone(), Arc::new(data));
        // The editor's own text (a subject typed in Arabic, a name pasted in Hebrew)
        // falls back to them too, after egui's fonts: a field shows what its text is,
        // not empty boxes.
        for ui_family in [FontFamily::Proportional, FontFamily::Monospace] {
            definitions
                .families
                .entry(ui_family)
                .or_default()
                .push(name.clone());
        }
        definitions
            .families
            .insert(family(Face::Regular, Some(fallback)), vec![name]);
    }
    ctx.set_fonts(definitions);
    ctx.data_mut(|d| d.insert_temp(installed_id(), fonts.fallback_count()));
}

/// Installs the fonts again when layout has loaded fallback fonts since they were
/// installed (they take effect from the next frame; until then such runs are drawn
/// with the bundled face and a repaint is asked for).
pub fn update_fonts(ctx: &egui::Context, fonts: &Fonts) {
    let installed: usize = ctx.data(|d| d.get_temp(installed_id())).unwrap_or_default();
    if installed != fonts.fallback_count() {
        install_fonts(ctx, fonts);
        ctx.request_repaint();
    }
}

fn installed_id() -> egui::Id {
    egui::Id::unique("memodraft fallback fonts installed")
}

fn family(face: Face, fallback: Option<Fallback>) -> FontFamily {
    match fallback {
        Some(Fallback(n)) => FontFamily::Name(format!("fallback {n}").into()),
        None => FontFamily::Name(face.postscript_name().into()),
    }
}

/// The family a run is drawn with: its fallback font once egui has it.
fn run_family(ctx: &egui::Context, run: &TextRun) -> FontFamily {
    let wanted = family(run.face, run.fallback);
    if run.fallback.is_some() && !ctx.fonts(|f| f.definitions().families.contains_key(&wanted)) {
        ctx.request_repaint();
        return family(run.face, None);
    }
    wanted
}

/// Where a page sits on screen: its screen rectangle and the scale from page points to
/// ui points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageView {
    pub rect: egui::Rect,
    pub scale: f32,
}

impl PageView {
    pub fn new(top_left: Pos2, page: &Page, scale: f32) -> Self {
        Self {
            rect: egui::Rect::from_min_size(
                top_left,
                vec2(page.width.0 * scale, page.height.0 * scale),
            ),
            scale,
        }
    }

    pub fn to_screen(&self, p: Point) -> Pos2 {
        self.rect.min + vec2(p.x.0 * self.scale, p.y.0 * self.scale)
    }

    pub fn to_page(&self, pos: Pos2) -> Point {
        let v = (pos - self.rect.min) / self.scale.max(f32::EPSILON);
        Point::new(Pt(v.x), Pt(v.y))
    }

    fn screen_rect(&self, r: crate::layout::Rect) -> egui::Rect {
        egui::Rect::from_min_max(self.to_screen(r.min), self.to_screen(r.max))
    }
}

/// Paints `page` into `view.rect`, items outside the painter's clip rectangle skipped; its
/// images come from `images` (the document's). Items from `highlight` get a soft
/// background, so the part being edited shows on the page.
pub fn paint_page(
    painter: &Painter,
    view: PageView,
    page: &Page,
    images: &BTreeMap<ImageKey, ImageSource>,
    highlight: Option<Part>,
) {
    painter.rect_filled(
        view.rect.translate(vec2(2.0, 3.0)),
        0.0,
        Color32::from_black_alpha(60),
    );
    painter.rect_filled(view.rect, 0.0, Color32::WHITE);
    let clip = painter.clip_rect();
    if let Some(part) = highlight.filter(|p| *p != Part::Furniture) {
        let tint = Color32::from_rgba_unmultiplied(255, 214, 10, 60);
        for item in page
            .items
            .iter()
            .filter(|i| i.source().owner() == part.owner())
        {
            let r = view.screen_rect(item.bounds()).expand(1.0);
            if clip.intersects(r) {
                painter.rect_filled(r, 0.0, tint);
            }
        }
    }
    for item in &page.items {
        let r = view.screen_rect(item.bounds());
        if !clip.intersects(r) {
            continue;
        }
        match item {
            Item::Text(run) => paint_run(painter, view, run),
            Item::Rule(rule) => {
                painter.line_segment(
                    [view.to_screen(rule.from), view.to_screen(rule.to)],
                    Stroke::new((rule.thickness.0 * view.scale).max(0.5), color(rule.color)),
                );
            }
            // Link text is already drawn in the link colour by its run.
            Item::Link(_) => {}
            Item::Image(image) => paint_image(painter, view, image, images),
        }
    }
}

/// The textures of the images painted so far, by key: each image is decoded and
/// uploaded once (`None`: it could not be decoded, and is not tried again).
type Textures = HashMap<ImageKey, Option<egui::TextureHandle>>;

fn textures_id() -> egui::Id {
    egui::Id::unique("memodraft image textures")
}

fn texture(
    ctx: &egui::Context,
    key: &ImageKey,
    images: &BTreeMap<ImageKey, ImageSource>,
) -> Option<egui::TextureHandle> {
    if let Some(known) = ctx.data(|d| {
        d.get_temp::<Textures>(textures_id())
            .and_then(|t| t.get(key).cloned())
    }) {
        return known;
    }
    let made = images
        .get(key)
        .and_then(|source| crate::images::decode(source.bytes.as_slice()).ok())
        .map(|decoded| {
            let rgba = decoded.to_rgba8();
            let size = [rgba.width() as usize, rgba.height() as usize];
            let pixels = egui::ColorImage::from_rgba_unmultiplied(size, rgba.as_raw());
            ctx.load_texture(
                format!("memodraft image {}", key.short()),
                pixels,
                egui::TextureOptions {
                    mipmap_mode: Some(egui::TextureFilter::Linear),
                    ..egui::TextureOptions::LINEAR
                },
            )
        });
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Textures>(textures_id())
            .insert(key.clone(), made.clone());
    });
    made
}

/// An image in its printed rectangle; one that cannot be decoded is a crossed box, as
/// office programs show a missing picture.
fn paint_image(
    painter: &Painter,
    view: PageView,
    image: &Image,
    images: &BTreeMap<ImageKey, ImageSource>,
) {
    let rect = view.screen_rect(image.rect);
    if let Some(texture) = texture(painter.ctx(), &image.key, images) {
        let uv = egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
        painter.image(texture.id(), rect, uv, Color32::WHITE);
    } else {
        let stroke = Stroke::new(1.0, Color32::GRAY);
        painter.rect_stroke(rect, 0.0, stroke, egui::StrokeKind::Inside);
        painter.line_segment([rect.left_top(), rect.right_bottom()], stroke);
        painter.line_segment([rect.right_top(), rect.left_bottom()], stroke);
    }
}

fn color(c: Color) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// The egui layout job of a run at `scale` ui points per page point: a section per
/// segment, each section's leading space being the segment's adjustment, so egui places
/// every glyph where the PDF does.
pub fn run_layout_job(run: &TextRun, scale: f32) -> LayoutJob {
    job_in(run, scale, family(run.face, run.fallback))
}

fn job_in(run: &TextRun, scale: f32, family: FontFamily) -> LayoutJob {
    let format = TextFormat {
        font_id: FontId::new(run.size.0 * scale, family),
        color: color(run.color),
        ..TextFormat::default()
    };
    let segments = run.segments();
    // A right-to-left run is stored in visual order; egui shapes each section in its
    // script's direction itself, so it gets each segment back in reading order and
    // draws it right to left, where the PDF draws the stored order left to right.
    let text: String = segments.iter().map(|s| run.in_reading_order(s)).collect();
    let mut job = LayoutJob {
        text,
        break_on_newline: false,
        ..LayoutJob::default()
    };
    job.wrap.max_width = f32::INFINITY;
    for segment in segments {
        // The pen movement after the last character moves no glyph of this run.
        if !segment.text.is_empty() {
            job.sections.push(LayoutSection {
                leading_space: segment.before.0 * scale,
                byte_range: ByteIndex(segment.start)..ByteIndex(segment.start + segment.text.len()),
                format: format.clone(),
            });
        }
    }
    job
}

fn paint_run(painter: &Painter, view: PageView, run: &TextRun) {
    let job = job_in(run, view.scale, run_family(painter.ctx(), run));
    let galley = painter.layout_job(job);
    let baseline = galley
        .rows
        .first()
        .and_then(|row| row.row.glyphs.first().map(|g| row.pos.y + g.pos.y))
        .unwrap_or(0.0);
    let origin = view.to_screen(run.origin);
    painter.galley(origin - vec2(0.0, baseline), galley, color(run.color));
}

/// The memo part under `p` on `page`: the text run containing it, or else the nearest run
/// on the same line. Running headers and page numbers answer `None`.
pub fn part_at(page: &Page, p: Point) -> Option<Part> {
    let on_image = page.items.iter().find_map(|item| match item {
        Item::Image(image)
            if (image.rect.min.x..=image.rect.max.x).contains(&p.x)
                && (image.rect.min.y..=image.rect.max.y).contains(&p.y) =>
        {
            Some(image.source)
        }
        Item::Text(_) | Item::Rule(_) | Item::Link(_) | Item::Image(_) => None,
    });
    if on_image.is_some() {
        return on_image;
    }
    let slack = Pt(2.0);
    let mut best: Option<(f32, Part)> = None;
    for run in page.texts() {
        let b = run.bounds();
        if p.y < b.min.y - slack || p.y > b.max.y + slack {
            continue;
        }
        let dx = if p.x < b.min.x {
            b.min.x.0 - p.x.0
        } else if p.x > b.max.x {
            p.x.0 - b.max.x.0
        } else {
            0.0
        };
        if best.is_none_or(|(d, _)| dx < d) {
            best = Some((dx, run.source));
        }
    }
    best.map(|(_, part)| part)
        .filter(|part| *part != Part::Furniture)
}

/// The part's first place in the document: (page index, top of its first item). A part
/// that printed nothing of its own (an evidence paragraph since removed) is looked for
/// by its owner.
pub fn locate(pages: &[Page], part: Part) -> Option<(usize, Pt)> {
    let first = |wanted: &dyn Fn(Part) -> bool| {
        pages.iter().enumerate().find_map(|(i, page)| {
            page.items
                .iter()
                .find(|item| wanted(item.source()))
                .map(|item| (i, item.bounds().min.y))
        })
    };
    first(&|p| p == part).or_else(|| first(&|p| p.owner() == part.owner()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Fonts;
    use crate::layout::layout;
    use crate::model::Memo;

    fn laid(memo: &Memo) -> crate::layout::Document {
        layout(memo, &Fonts::new().unwrap(), &memo.page).document
    }

    fn middle(run: &TextRun) -> Point {
        let b = run.bounds();
        Point::new(
            Pt(f32::midpoint(b.min.x.0, b.max.x.0)),
            Pt(f32::midpoint(b.min.y.0, b.max.y.0)),
        )
    }

    #[test]
    fn the_editors_text_falls_back_to_the_installed_fonts_the_memo_needs() {
        let fonts = crate::fonts::fixture_fonts();
        assert!(matches!(
            fonts.source(Face::Regular, 'م'),
            crate::fonts::Source::Fallback(_)
        ));
        let ctx = egui::Context::default();
        install_fonts(&ctx, &fonts);
        // Fonts set take effect with the next frame.
        let mut output = ctx.run_pass(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let families = ctx.fonts(|f| f.definitions().families.clone());
        for ui_family in [FontFamily::Proportional, FontFamily::Monospace] {
            let list = &families[&ui_family];
            assert_eq!(
                list.last().map(String::as_str),
                Some("fallback 0"),
                "{list:?}"
            );
            assert!(list.len() > 1, "after egui's own fonts: {list:?}");
        }
    }

    #[test]
    fn a_click_on_an_empty_to_row_opens_the_recipients() {
        let memo = Memo {
            subject: "Aid conditions".into(),
            ..Memo::default()
        };
        let doc = laid(&memo);
        let page = &doc.pages[0];
        let label = page.texts().find(|t| t.text.starts_with("TO")).unwrap();
        assert_eq!(part_at(page, middle(label)), Some(Part::To(0)));
        // Right of the label, where the names would be, the row still answers.
        let beside = Point::new(label.bounds().max.x + Pt(120.0), middle(label).y);
        assert_eq!(part_at(page, beside), Some(Part::To(0)));
    }

    #[test]
    fn a_click_names_the_part_of_the_text_under_it_and_never_furniture() {
        let memo = crate::storage::sample().unwrap();
        let doc = laid(&memo);
        let page = &doc.pages[0];
        let subject = page.texts().find(|t| t.source == Part::Subject).unwrap();
        assert_eq!(part_at(page, middle(subject)), Some(Part::Subject));
        // Far below the last line and off every line: nothing.
        assert_eq!(
            part_at(page, Point::new(Pt(5.0), page.height + Pt(50.0))),
            None
        );
        // The running header of page 2 is generated text: no editor opens.
        let header = doc.pages[1]
            .texts()
            .find(|t| t.source == Part::Furniture)
            .unwrap();
        assert_eq!(part_at(&doc.pages[1], middle(header)), None);
    }

    #[test]
    fn locate_finds_the_first_page_a_part_is_on() {
        let memo = crate::storage::sample().unwrap();
        let doc = laid(&memo);
        let last = memo.confirmed().last().unwrap().0;
        let (page, y) = locate(&doc.pages, Part::Signatory(last)).unwrap();
        assert!(
            doc.pages[page]
                .texts()
                .any(|t| t.source == Part::Signatory(last) && t.bounds().min.y == y)
        );
        assert!(
            doc.pages[..page]
                .iter()
                .all(|p| p.items.iter().all(|i| i.source() != Part::Signatory(last)))
        );
        assert_eq!(locate(&doc.pages, Part::Recommendation(999)), None);
    }

    #[test]
    fn a_run_becomes_one_section_per_segment_with_its_adjustment_scaled() {
        let run = TextRun {
            origin: Point::default(),
            fallback: None,
            face: Face::Regular,
            size: Pt(10.0),
            color: Color::BLACK,
            text: "close with ".to_owned(),
            adjust: vec![
                crate::layout::Adjust {
                    at: 3,
                    dx: Pt(-0.5),
                },
                crate::layout::Adjust {
                    at: 11,
                    dx: Pt(2.0),
                },
            ],
            width: Pt(50.0),
            ascent: Pt(8.0),
            descent: Pt(2.0),
            source: Part::Introduction,
            inline: crate::layout::Inline::Plain,
            tag: crate::layout::Tag::Unset,
            shaped: false,
            order: crate::layout::Order::Reading,
        };
        let job = run_layout_job(&run, 2.0);
        let sections: Vec<(&str, f32)> = job
            .sections
            .iter()
            .map(|s| {
                (
                    &job.text[s.byte_range.start.0..s.byte_range.end.0],
                    s.leading_space,
                )
            })
            .collect();
        // The stretch after the last space moves no glyph of this run.
        assert_eq!(
            sections,
            [
                ("clo", 0.0),
                ("se", -1.0),
                (" ", 0.0),
                ("with", 0.0),
                (" ", 0.0)
            ]
        );
        assert!(
            job.sections
                .iter()
                .all(|s| (s.format.font_id.size - 20.0).abs() < 1e-6)
        );
    }
}
