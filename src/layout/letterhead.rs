//! The letterhead: the row of logos above the heading on page 1 (left, centred or spread,
//! at the row's height, each logo keeping its aspect ratio), the line under it, and the
//! images of the document: every logo layout places goes through [`Builder::image`],
//! which reads its size from its header and warns about one it cannot print.

use super::{
    Block, Builder, Color, ImageSource, Item, Line, Part, Piece, Point, Pt, Rect, Role, Setting,
    text,
};
use crate::images::{self, Probe};
use crate::model::{Logo, LogoAlign};

impl Builder<'_> {
    pub(super) fn letterhead(&mut self) {
        let memo = self.memo;
        let letterhead = &memo.letterhead;
        let width = self.geometry.content_width();
        let height = Pt::from_mm(letterhead.printed_height_mm())
            .min((self.geometry.height - self.geometry.top - self.geometry.bottom) / 4.0);
        let logos: Vec<(&Logo, Probe)> = letterhead
            .logos
            .iter()
            .filter_map(|logo| Some((logo, self.probe(logo, Part::Letterhead)?)))
            .collect();
        if !logos.is_empty() {
            let natural: Vec<Pt> = logos
                .iter()
                .map(|(_, p)| height * (p.width as f32 / p.height as f32))
                .collect();
            let gap = height * 0.5;
            let gaps = gap * (logos.len().saturating_sub(1) as f32);
            let total = natural.iter().fold(Pt::ZERO, |a, &w| a + w) + gaps;
            // Too wide for the text: every logo shrinks by the same factor.
            let scale = if total > width {
                width.0 / total.0
            } else {
                1.0
            };
            let row = height * scale;
            let widths: Vec<Pt> = natural.iter().map(|&w| w * scale).collect();
            let used = widths.iter().fold(Pt::ZERO, |a, &w| a + w);
            let (mut x, gap) = match (letterhead.align, logos.len()) {
                (LogoAlign::Left, _) => (Pt::ZERO, gap * scale),
                (LogoAlign::Centre, _) | (LogoAlign::Spread, 1) => {
                    ((width - used - gaps * scale) / 2.0, gap * scale)
                }
                (LogoAlign::Spread, n) => (Pt::ZERO, (width - used) / (n - 1) as f32),
            };
            let mut items = Vec::with_capacity(logos.len());
            for (&(logo, probe), w) in logos.iter().zip(widths) {
                let rect = Rect {
                    min: Point::new(x, Pt::ZERO),
                    max: Point::new(x + w, row),
                };
                items.push(self.image(logo, probe, rect, Part::Letterhead));
                x += w + gap;
            }
            self.blocks.push(Block::Line(Line {
                height: row,
                indent: Pt::ZERO,
                items,
                breakable: false,
            }));
            self.space(self.styles.body * 0.5);
        }
        let line = letterhead.text.trim();
        if !line.is_empty() {
            let spans = crate::model::text::inline(line);
            let pieces: Vec<Piece> = self
                .spans(&spans, self.styles.small, false, Part::Letterhead)
                .into_iter()
                .map(|p| {
                    if p.link.is_some() {
                        p
                    } else {
                        p.color(Color::GRAY)
                    }
                })
                .collect();
            let setting = Setting {
                justify: false,
                hyphenate: false,
                ..self.setting(width)
            };
            let mut lines = self.set(&pieces, setting, Part::Letterhead);
            if letterhead.align != LogoAlign::Left {
                for line in &mut lines {
                    center(line, width);
                }
            }
            let node = self.tags.node(Role::P);
            self.tags.stamp(&mut lines, node);
            self.push_lines(lines, Pt::ZERO, true);
        }
        if !logos.is_empty() || !line.is_empty() {
            self.space(self.styles.body * 0.9);
        }
    }

    /// What `logo`'s image header says, or a warning on `part` when the draft does not
    /// hold it or it is not one memodraft prints (a draft edited by hand).
    pub(super) fn probe(&mut self, logo: &Logo, part: Part) -> Option<Probe> {
        let memo = self.memo;
        let Some(stored) = memo.images.get(&logo.image) else {
            self.warn(
                part,
                format!(
                    "a logo's image ({}) is missing from the draft; add the logo again",
                    logo.image.short()
                ),
            );
            return None;
        };
        match images::probe(stored.data.as_slice()) {
            Ok(probe) => Some(probe),
            Err(reason) => {
                self.warn(
                    part,
                    format!(
                        "the logo {} is not printed: {reason}; add the logo again from its file",
                        stored.name
                    ),
                );
                None
            }
        }
    }

    fn warn(&mut self, part: Part, message: String) {
        self.warnings.push(super::Warning { part, message });
    }

    /// `logo` (which [`Builder::probe`] read) drawn in `rect` (which has its aspect
    /// ratio): a figure saying its alt text, or an artifact when decorative; its image
    /// goes into the document's table.
    pub(super) fn image(&mut self, logo: &Logo, probe: Probe, rect: Rect, source: Part) -> Item {
        let memo = self.memo;
        if let Some(stored) = memo.images.get(&logo.image) {
            self.images
                .entry(logo.image.clone())
                .or_insert_with(|| ImageSource {
                    bytes: stored.data.clone(),
                    probe,
                });
        }
        Item::Image(super::Image {
            rect,
            key: logo.image.clone(),
            source,
            tag: self.tags.figure(&logo.alt, logo.decorative),
        })
    }
}

/// Centres the items of `line` in `width`.
pub(super) fn center(line: &mut text::SetLine, width: Pt) {
    let right = line
        .items
        .iter()
        .map(|item| item.bounds().max.x)
        .fold(Pt::ZERO, Pt::max);
    let offset = ((width - right) / 2.0).max(Pt::ZERO);
    for item in std::mem::take(&mut line.items) {
        line.items.push(item.translated(offset, Pt::ZERO));
    }
}

#[cfg(test)]
mod tests {
    use crate::fonts::Fonts;
    use crate::images::{ImageBytes, tests::png};
    use crate::layout::{Document, Geometry, Item, Role, Tag, layout};
    use crate::model::{LogoAlign, LogoTarget, Memo, StoredImage};

    fn stored(width: u32, height: u32) -> StoredImage {
        StoredImage {
            name: format!("{width}x{height}.png"),
            data: ImageBytes::new(png(width, height)),
        }
    }

    /// A memo with logos of these sizes in its letterhead (the second decorative).
    fn memo(sizes: &[(u32, u32)], align: LogoAlign) -> Memo {
        let mut memo = Memo {
            subject: "Logos".into(),
            ..Memo::default()
        };
        for (n, &(w, h)) in sizes.iter().enumerate() {
            memo.add_logo(
                LogoTarget::Letterhead,
                stored(w, h),
                &format!("Org {n}"),
                n == 1,
            )
            .unwrap();
        }
        memo.letterhead.align = align;
        memo
    }

    fn images(doc: &Document) -> Vec<(crate::layout::Rect, Tag)> {
        doc.pages[0]
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Image(i) => Some((i.rect, i.tag)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn logos_sit_in_one_row_at_its_height_keeping_their_shape() {
        let memo = memo(&[(300, 100), (100, 100)], LogoAlign::Left);
        let doc = layout(&memo, &Fonts::new().unwrap(), &memo.page).document;
        let placed = images(&doc);
        assert_eq!(placed.len(), 2);
        let g = Geometry::of(&memo.page);
        let height = crate::layout::Pt::from_mm(16.0).0;
        for ((rect, _), aspect) in placed.iter().zip([3.0, 1.0]) {
            let (w, h) = ((rect.max.x - rect.min.x).0, (rect.max.y - rect.min.y).0);
            assert!((h - height).abs() < 0.01, "the row's height: {h}");
            assert!((w / h - aspect).abs() < 0.01, "its aspect ratio: {w} x {h}");
            assert!(
                (rect.min.y - g.top).0.abs() < 0.01,
                "on top of page 1: {rect:?}"
            );
        }
        assert!((placed[0].0.min.x - g.left).0.abs() < 0.01, "left aligned");
        let heading = doc.pages[0]
            .texts()
            .find(|t| t.text == "MEMORANDUM")
            .unwrap();
        assert!(
            heading.bounds().min.y > placed[0].0.max.y,
            "above the heading"
        );
        assert_eq!(doc.images.len(), 2, "each image once in the document");
    }

    #[test]
    fn spread_logos_reach_both_margins_and_a_row_too_wide_shrinks_to_fit() {
        let g = Geometry::of(&Memo::default().page);
        let spread = memo(&[(200, 100), (200, 100), (200, 100)], LogoAlign::Spread);
        let placed = images(&layout(&spread, &Fonts::new().unwrap(), &spread.page).document);
        assert!((placed[0].0.min.x - g.left).0.abs() < 0.01);
        assert!((placed[2].0.max.x - (g.width - g.right)).0.abs() < 0.01);

        let wide = memo(&[(4000, 100); 3], LogoAlign::Centre);
        let placed = images(&layout(&wide, &Fonts::new().unwrap(), &wide.page).document);
        assert!(placed[0].0.min.x >= g.left - crate::layout::Pt(0.01));
        assert!(placed[2].0.max.x <= g.width - g.right + crate::layout::Pt(0.01));
        let (w, h) = (
            placed[0].0.max.x - placed[0].0.min.x,
            placed[0].0.max.y - placed[0].0.min.y,
        );
        assert!((w.0 / h.0 - 40.0).abs() < 0.05, "still 40:1");
    }

    #[test]
    fn a_logo_with_alt_text_is_a_figure_saying_it_and_a_decorative_one_an_artifact() {
        let memo = memo(&[(300, 100), (100, 100)], LogoAlign::Centre);
        let doc = layout(&memo, &Fonts::new().unwrap(), &memo.page).document;
        let placed = images(&doc);
        let Tag::Content { node, .. } = placed[0].1 else {
            panic!("a figure: {:?}", placed[0].1)
        };
        let node = doc.structure.get(node).unwrap();
        assert_eq!((node.role, node.alt.as_str()), (Role::Figure, "Org 0"));
        assert_eq!(placed[1].1, Tag::Artifact, "decorative");
    }

    #[test]
    fn a_logo_whose_image_the_draft_lacks_is_left_out_with_a_warning() {
        let mut memo = memo(&[(300, 100)], LogoAlign::Centre);
        memo.images.clear();
        let laid = layout(&memo, &Fonts::new().unwrap(), &memo.page);
        assert!(images(&laid.document).is_empty());
        assert!(
            laid.warnings
                .iter()
                .any(|w| w.message.contains("missing from the draft")),
            "{:?}",
            laid.warnings
        );
    }
}
