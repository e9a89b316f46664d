//! What layout produces: pages of positioned items in points, each tagged with the memo
//! part it came from. The PDF exporter and the preview painter both draw exactly this.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

use super::structure::{Structure, Tag};
use crate::fonts::{Face, Fallback};
use crate::images::{ImageBytes, ImageKey, Probe};
use crate::model::Part;

/// A length in PostScript points (1/72 inch).
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Pt(pub f32);

impl Pt {
    pub const ZERO: Self = Self(0.0);

    pub fn from_mm(mm: f32) -> Self {
        Self(mm * 72.0 / 25.4)
    }

    pub fn to_mm(self) -> f32 {
        self.0 * 25.4 / 72.0
    }

    #[must_use]
    pub fn max(self, other: Self) -> Self {
        Self(self.0.max(other.0))
    }

    #[must_use]
    pub fn min(self, other: Self) -> Self {
        Self(self.0.min(other.0))
    }
}

impl Add for Pt {
    type Output = Self;
    fn add(self, rhs: Self) -> Self {
        Self(self.0 + rhs.0)
    }
}

impl Sub for Pt {
    type Output = Self;
    fn sub(self, rhs: Self) -> Self {
        Self(self.0 - rhs.0)
    }
}

impl Mul<f32> for Pt {
    type Output = Self;
    fn mul(self, rhs: f32) -> Self {
        Self(self.0 * rhs)
    }
}

impl Div<f32> for Pt {
    type Output = Self;
    fn div(self, rhs: f32) -> Self {
        Self(self.0 / rhs)
    }
}

impl Neg for Pt {
    type Output = Self;
    fn neg(self) -> Self {
        Self(-self.0)
    }
}

impl AddAssign for Pt {
    fn add_assign(&mut self, rhs: Self) {
        self.0 += rhs.0;
    }
}

impl SubAssign for Pt {
    fn sub_assign(&mut self, rhs: Self) {
        self.0 -= rhs.0;
    }
}

/// A position on a page, measured from its top-left corner, y growing downwards.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: Pt,
    pub y: Pt,
}

impl Point {
    pub fn new(x: Pt, y: Pt) -> Self {
        Self { x, y }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

/// An sRGB colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Color {
    pub const BLACK: Self = Self::rgb(0, 0, 0);
    pub const GRAY: Self = Self::rgb(96, 96, 96);
    pub const LINK: Self = Self::rgb(0, 51, 153);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }
}

/// A laid-out memo.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub pages: Vec<Page>,
    pub info: DocInfo,
    /// One entry per section and finding, in reading order.
    pub outline: Vec<Bookmark>,
    /// The memo's logical structure, which every item's `tag` points into.
    pub structure: Structure,
    /// The images the pages draw, each once, by key: what the painters decode.
    pub images: BTreeMap<ImageKey, ImageSource>,
}

/// An image file as the painters get it: its bytes and what its header says.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageSource {
    pub bytes: ImageBytes,
    pub probe: Probe,
}

/// Document metadata for the PDF's info dictionary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// BCP 47 tag of the memo's language.
    pub language: &'static str,
}

impl DocInfo {
    /// The keywords as one line, as the Info dictionary and the XMP metadata both give
    /// them.
    pub fn keywords_line(&self) -> String {
        self.keywords.join(", ")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bookmark {
    pub title: String,
    /// 0-based page index.
    pub page: usize,
    /// Where on the page the section starts.
    pub y: Pt,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub width: Pt,
    pub height: Pt,
    pub items: Vec<Item>,
}

impl Page {
    /// The text runs of the page, in reading order.
    pub fn texts(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|item| match item {
            Item::Text(run) => Some(run),
            Item::Rule(_) | Item::Link(_) | Item::Image(_) => None,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rule(Rule),
    Link(Link),
    Image(Image),
}

impl Item {
    /// The item moved by (`dx`, `dy`).
    #[must_use]
    pub fn translated(self, dx: Pt, dy: Pt) -> Self {
        let mv = |p: Point| Point::new(p.x + dx, p.y + dy);
        match self {
            Self::Text(mut t) => {
                t.origin = mv(t.origin);
                Self::Text(t)
            }
            Self::Rule(mut r) => {
                r.from = mv(r.from);
                r.to = mv(r.to);
                Self::Rule(r)
            }
            Self::Link(mut l) => {
                l.rect.min = mv(l.rect.min);
                l.rect.max = mv(l.rect.max);
                Self::Link(l)
            }
            Self::Image(mut i) => {
                i.rect.min = mv(i.rect.min);
                i.rect.max = mv(i.rect.max);
                Self::Image(i)
            }
        }
    }

    /// The memo part this item came from.
    pub fn source(&self) -> Part {
        match self {
            Self::Text(t) => t.source,
            Self::Rule(r) => r.source,
            Self::Link(l) => l.source,
            Self::Image(i) => i.source,
        }
    }

    /// Where the item belongs in the document's structure.
    pub fn tag(&self) -> Tag {
        match self {
            Self::Text(t) => t.tag,
            Self::Rule(r) => r.tag,
            Self::Link(l) => l.tag,
            Self::Image(i) => i.tag,
        }
    }

    /// The area the item covers on its page.
    pub fn bounds(&self) -> Rect {
        match self {
            Self::Text(t) => t.bounds(),
            Self::Rule(r) => Rect {
                min: Point::new(
                    r.from.x.min(r.to.x),
                    r.from.y.min(r.to.y) - r.thickness / 2.0,
                ),
                max: Point::new(
                    r.from.x.max(r.to.x),
                    r.from.y.max(r.to.y) + r.thickness / 2.0,
                ),
            },
            Self::Link(Link { rect, .. }) | Self::Image(Image { rect, .. }) => *rect,
        }
    }
}

/// A run of text in one face, size and colour, drawn from `origin` (the left end of its
/// baseline). `adjust` carries kerning and justification: before the character at byte
/// `at`, the pen moves by `dx` beyond the glyph advances.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    pub origin: Point,
    pub face: Face,
    /// The installed font that draws the run instead of `face`'s bundled font, for
    /// characters the bundled fonts lack (layout splits runs where the font changes).
    pub fallback: Option<Fallback>,
    pub size: Pt,
    pub color: Color,
    pub text: String,
    pub adjust: Vec<Adjust>,
    /// Total advance, adjustments included.
    pub width: Pt,
    /// Ascent and descent of the face at this size, for bounds and hit-testing.
    pub ascent: Pt,
    pub descent: Pt,
    pub source: Part,
    /// What the run is inside its paragraph: plain words, a link's, a note number.
    pub inline: Inline,
    pub tag: Tag,
    /// Some word of the run prints with glyphs the shaper chose, not its characters' own
    /// ([`crate::fonts::Measured::glyphs`]: Arabic joining forms, marks on letters).
    pub shaped: bool,
    /// Which way the run's text is stored: as it reads, or (a right-to-left run) as it
    /// prints.
    pub order: Order,
}

/// Which way a [`TextRun`]'s text is stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// As it reads, which is how left-to-right text prints.
    #[default]
    Reading,
    /// As it prints: a right-to-left run (an odd bidi level) reversed, with the brackets
    /// the shaper will not mirror mirrored.
    Visual,
    /// As [`Order::Visual`], but for its last space: the space the line broke at, which
    /// stays at the end, past the line's width.
    VisualBeforeBreak,
}

/// What a text run is inside its paragraph, as line breaking knows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Inline {
    #[default]
    Plain,
    /// The words of link `k` of the line, counted among the line's [`Link`] items.
    Link(u16),
    /// A note number pointing at an endnote.
    Reference,
}

/// A stretch of a run's text and the extra pen movement (kerning, justification) before
/// it, beyond the advances of the text before.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment<'a> {
    pub before: Pt,
    /// Byte offset of `text` in the run.
    pub start: usize,
    pub text: &'a str,
}

impl TextRun {
    /// The run cut at its adjustments: the one walk both painters draw from, so they
    /// agree on where every glyph goes. Adjustments at one place add up; one after the
    /// last character (the stretch of a space before a change of style) moves only the
    /// pen after the run and comes as a last segment with empty text. An adjustment
    /// inside a character applies at the next character boundary.
    ///
    /// The run is also cut on both sides of every space and before a final hyphen, with
    /// no adjustment there: layout kerns within words only, and a painter that shapes
    /// text itself (egui) must not kern a letter against a space or an added hyphen.
    pub fn segments(&self) -> Vec<Segment<'_>> {
        let text = self.text.as_str();
        let mut cuts: Vec<(usize, Pt)> = self
            .adjust
            .iter()
            .map(|adjust| (self.adjust_offset(adjust), adjust.dx))
            .collect();
        for (i, c) in text.char_indices() {
            if c == ' ' {
                cuts.extend([(i, Pt::ZERO), (i + 1, Pt::ZERO)]);
            }
        }
        if text.ends_with('-') {
            cuts.push((text.len() - 1, Pt::ZERO));
        }
        // Stable: adjustments at one place keep their order.
        cuts.sort_by_key(|&(at, _)| at);
        let mut segments = Vec::with_capacity(cuts.len() + 1);
        let mut start = 0;
        let mut before = Pt::ZERO;
        for (at, dx) in cuts {
            if at > start
                && let Some(piece) = text.get(start..at)
            {
                segments.push(Segment {
                    before,
                    start,
                    text: piece,
                });
                start = at;
                before = Pt::ZERO;
            }
            before += dx;
        }
        let rest = text.get(start..).unwrap_or_default();
        if !rest.is_empty() || before != Pt::ZERO {
            segments.push(Segment {
                before,
                start,
                text: rest,
            });
        }
        segments
    }

    /// `segment` of this run as a shaper must get it: the painters hand it to one (egui's,
    /// harfrust in the PDF), which guesses the direction from its script and lays a
    /// right-to-left one out from the right. A run stores its text as it prints, left to
    /// right, so a segment the shaper lays out from the right (an Arabic word, and also a
    /// number in Arabic-Indic digits, which prints left to right) goes to it reversed.
    pub fn in_reading_order<'a>(&self, segment: &Segment<'a>) -> Cow<'a, str> {
        if crate::fonts::shapes_right_to_left(segment.text) {
            Cow::Owned(segment.text.chars().rev().collect())
        } else {
            Cow::Borrowed(segment.text)
        }
    }

    /// The run's text in reading order: a right-to-left run stores it as it prints, so
    /// its visual order and mirrored brackets are undone.
    pub fn reading_text(&self) -> Cow<'_, str> {
        match self.order {
            Order::Reading => Cow::Borrowed(&self.text),
            Order::Visual => Cow::Owned(super::bidi::reading(&self.text, false)),
            Order::VisualBeforeBreak => Cow::Owned(super::bidi::reading(&self.text, true)),
        }
    }

    /// Ends the run with an unseen space, as the line it ends was broken there (a
    /// right-to-left run keeps it at its end: [`Order::VisualBeforeBreak`]).
    pub fn push_break_space(&mut self) {
        self.text.push(' ');
        if self.order == Order::Visual {
            self.order = Order::VisualBeforeBreak;
        }
    }

    /// The byte offset in the text where `adjust` applies: its `at`, moved forward to a
    /// character boundary and kept inside the text.
    pub fn adjust_offset(&self, adjust: &Adjust) -> usize {
        let text = self.text.as_str();
        let mut at = (adjust.at as usize).min(text.len());
        while !text.is_char_boundary(at) {
            at += 1;
        }
        at
    }

    pub fn bounds(&self) -> Rect {
        Rect {
            min: Point::new(self.origin.x, self.origin.y - self.ascent),
            max: Point::new(self.origin.x + self.width, self.origin.y + self.descent),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Adjust {
    pub at: u32,
    pub dx: Pt,
}

/// A straight line.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub from: Point,
    pub to: Point,
    pub thickness: Pt,
    pub color: Color,
    pub source: Part,
    pub tag: Tag,
}

/// An image (a logo) drawn to fill `rect`, which has the image's aspect ratio.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub rect: Rect,
    /// The image in [`Document::images`].
    pub key: ImageKey,
    pub source: Part,
    /// Content of a figure with alt text, or an artifact (a decorative logo).
    pub tag: Tag,
}

/// A clickable area that opens `url`.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub rect: Rect,
    pub url: String,
    pub source: Part,
    pub tag: Tag,
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A run of `text` with adjustments `(at, dx)`, for tests.
    pub(in crate::layout) fn run(text: &str, adjust: &[(u32, f32)]) -> TextRun {
        TextRun {
            origin: Point::default(),
            face: Face::Regular,
            fallback: None,
            size: Pt(10.0),
            color: Color::BLACK,
            text: text.to_owned(),
            adjust: adjust
                .iter()
                .map(|&(at, dx)| Adjust { at, dx: Pt(dx) })
                .collect(),
            width: Pt::ZERO,
            ascent: Pt::ZERO,
            descent: Pt::ZERO,
            source: Part::Furniture,
            inline: Inline::Plain,
            tag: Tag::Artifact,
            shaped: false,
            order: Order::Reading,
        }
    }

    fn pieces(run: &TextRun) -> Vec<(f32, &str)> {
        run.segments()
            .iter()
            .map(|s| (s.before.0, s.text))
            .collect()
    }

    #[test]
    fn segments_cut_at_adjustments_and_add_up_those_at_one_place() {
        let r = run("close with", &[(0, 0.5), (3, -0.2), (6, 1.0), (6, 0.5)]);
        assert_eq!(
            pieces(&r),
            [(0.5, "clo"), (-0.2, "se"), (0.0, " "), (1.5, "with")]
        );
        let joined: String = r.segments().iter().map(|s| s.text).collect();
        assert_eq!(joined, r.text, "no character lost or repeated");
    }

    #[test]
    fn a_stretch_after_the_last_character_moves_no_glyph_of_the_run() {
        // "close with " followed by an italic run: the stretch of the space comes last.
        let r = run("close with ", &[(11, 2.0)]);
        assert_eq!(
            pieces(&r),
            [
                (0.0, "close"),
                (0.0, " "),
                (0.0, "with"),
                (0.0, " "),
                (2.0, "")
            ]
        );
    }

    #[test]
    fn an_adjustment_inside_a_character_applies_at_the_next_boundary() {
        let r = run("Juárez", &[(3, 1.0), (99, 0.25)]);
        assert_eq!(pieces(&r), [(0.0, "Juá"), (1.0, "rez"), (0.25, "")]);
    }

    #[test]
    fn a_hyphen_added_at_the_end_of_a_line_is_its_own_segment() {
        let r = run("indepen-", &[]);
        assert_eq!(pieces(&r), [(0.0, "indepen"), (0.0, "-")]);
    }
}
