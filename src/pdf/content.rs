//! Page content streams written as bytes (ISO 32000-1, 7.8.2, 8 and 9.4): text runs as
//! glyph ids of the embedded subset fonts with their kerning and justification offsets,
//! rules as stroked lines, and the marked-content operators of the tagged PDF around
//! both. printpdf builds every operator as a value and then translates it; a 64-page
//! memo has about 100,000 of them, and that translation was most of an export.

use super::shaped::Piece;
use crate::layout::{Color, Pt, Rect, Rule, TextRun};

/// A piece of the TJ array that shows a run: text, or a movement of the pen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shown<'a> {
    Text(&'a str),
    /// Thousandths of an em, positive moving left (the TJ convention).
    Offset(f32),
}

/// Calls `f` with the pieces of the TJ array that shows `run`: its text, cut where the
/// layout kerned or justified it, and each adjustment as an offset before the text it
/// moves. Text with nothing between it stays one piece.
pub fn for_each_shown<'a>(run: &'a TextRun, mut f: impl FnMut(Shown<'a>)) {
    let text = run.text.as_str();
    let scale = -1000.0 / run.size.0.max(0.001);
    let mut start = 0;
    let mut pending = Pt::ZERO;
    let mut step = |at: usize, dx: Pt, start: &mut usize, pending: &mut Pt| {
        if at > *start
            && let Some(piece) = text.get(*start..at)
        {
            if *pending != Pt::ZERO {
                f(Shown::Offset(pending.0 * scale));
            }
            f(Shown::Text(piece));
            *start = at;
            *pending = Pt::ZERO;
        }
        *pending += dx;
    };
    if run.adjust.is_sorted_by_key(|a| a.at) {
        for adjust in &run.adjust {
            step(
                run.adjust_offset(adjust),
                adjust.dx,
                &mut start,
                &mut pending,
            );
        }
    } else {
        // Stable: adjustments at one place keep their order.
        let mut sorted: Vec<(usize, Pt)> = run
            .adjust
            .iter()
            .map(|a| (run.adjust_offset(a), a.dx))
            .collect();
        sorted.sort_by_key(|&(at, _)| at);
        for (at, dx) in sorted {
            step(at, dx, &mut start, &mut pending);
        }
    }
    step(text.len(), Pt::ZERO, &mut start, &mut pending);
    if pending != Pt::ZERO {
        f(Shown::Offset(pending.0 * scale));
    }
}

/// The glyph ids of one embedded font, by character.
pub(super) struct Glyphs {
    /// Resource name of the font in the pages' font dictionary.
    pub name: String,
    ascii: [u16; 128],
    /// The other characters the font draws, sorted.
    other: Vec<(char, u16)>,
    /// The shaper's glyphs ([`crate::fonts::Measured::glyphs`]): the id in the font
    /// file and in the subset, sorted.
    shaped: Vec<(u16, u16)>,
}

impl Glyphs {
    pub fn new(name: String, glyphs: impl IntoIterator<Item = (char, u16)>) -> Self {
        let mut ascii = [0; 128];
        let mut other = Vec::new();
        for (c, gid) in glyphs {
            match ascii.get_mut(c as usize) {
                Some(slot) => *slot = gid,
                None => other.push((c, gid)),
            }
        }
        other.sort_unstable();
        Self {
            name,
            ascii,
            other,
            shaped: Vec::new(),
        }
    }

    /// Whether the font draws nothing: no character and none of the shaper's glyphs.
    pub fn is_empty(&self) -> bool {
        self.ascii.iter().all(|&gid| gid == 0) && self.other.is_empty() && self.shaped.is_empty()
    }

    /// With the shaper's glyphs: `(id in the font file, id in the subset)`.
    pub fn with_shaped(mut self, shaped: impl IntoIterator<Item = (u16, u16)>) -> Self {
        self.shaped = shaped.into_iter().collect();
        self.shaped.sort_unstable();
        self
    }

    /// The subset's id of the shaper's glyph `gid`; 0 (`.notdef`) for one the font was
    /// not subset with, which the export never hands over.
    fn shaped(&self, gid: u16) -> u16 {
        self.shaped
            .binary_search_by_key(&gid, |&(from, _)| from)
            .ok()
            .and_then(|i| self.shaped.get(i))
            .map_or(0, |&(_, to)| to)
    }

    /// The glyph of `c`; 0 (`.notdef`) for a character the font was not subset with,
    /// which layout never hands over.
    fn get(&self, c: char) -> u16 {
        match self.ascii.get(c as usize) {
            Some(&gid) => gid,
            None => self
                .other
                .binary_search_by_key(&c, |&(c, _)| c)
                .ok()
                .and_then(|i| self.other.get(i))
                .map_or(0, |&(_, gid)| gid),
        }
    }
}

/// A content stream being written.
#[derive(Default)]
pub(super) struct Content {
    pub bytes: Vec<u8>,
}

impl Content {
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            bytes: Vec::with_capacity(capacity),
        }
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    /// A number, with at most three decimals and never an exponent (PDF reals have none).
    pub fn number(&mut self, value: f32) {
        let thousandths = if value.is_finite() {
            // In range for any page: a PDF number is at most about 32,767 in viewers.
            (f64::from(value) * 1000.0).round() as i64
        } else {
            0
        };
        if thousandths < 0 {
            self.bytes.push(b'-');
        }
        let magnitude = thousandths.unsigned_abs();
        let mut buffer = itoa::Buffer::new();
        self.raw(buffer.format(magnitude / 1000).as_bytes());
        let mut fraction = magnitude % 1000;
        if fraction != 0 {
            self.bytes.push(b'.');
            let mut digits = 3;
            while fraction % 10 == 0 {
                fraction /= 10;
                digits -= 1;
            }
            let formatted = buffer.format(fraction);
            for _ in formatted.len()..digits {
                self.bytes.push(b'0');
            }
            self.raw(formatted.as_bytes());
        }
    }

    /// `value` then a space.
    fn operand(&mut self, value: f32) {
        self.number(value);
        self.bytes.push(b' ');
    }

    /// A name (ISO 32000-1, 7.3.5): regular characters as they are, the rest as `#xx`.
    pub fn name(&mut self, name: &str) {
        self.bytes.push(b'/');
        for &b in name.as_bytes() {
            if b.is_ascii_alphanumeric() || b"-_.+".contains(&b) {
                self.bytes.push(b);
            } else {
                self.bytes.push(b'#');
                self.hex_byte(b);
            }
        }
        self.bytes.push(b' ');
    }

    fn hex_byte(&mut self, b: u8) {
        let digit = |n: u8| if n < 10 { b'0' + n } else { b'A' + (n - 10) };
        self.bytes.push(digit(b >> 4));
        self.bytes.push(digit(b & 0xF));
    }

    /// `op` and the end of its line.
    pub fn op(&mut self, op: &str) {
        self.raw(op.as_bytes());
        self.bytes.push(b'\n');
    }

    /// Begins marked content `tag` with an MCID (`BDC`).
    pub fn begin_marked(&mut self, tag: &str, mcid: usize) {
        self.name(tag);
        self.raw(b"<</MCID ");
        let mut buffer = itoa::Buffer::new();
        self.raw(buffer.format(mcid).as_bytes());
        self.raw(b">> BDC\n");
    }

    /// Begins an artifact (`BMC`): page furniture, not content.
    pub fn begin_artifact(&mut self) {
        self.op("/Artifact BMC");
    }

    pub fn end_marked(&mut self) {
        self.op("EMC");
    }

    pub fn fill_color(&mut self, c: Color) {
        self.color(c);
        self.op("rg");
    }

    fn color(&mut self, c: Color) {
        for channel in [c.r, c.g, c.b] {
            self.operand(f32::from(channel) / 255.0);
        }
    }

    /// Selects font `glyphs` at `size` (`Tf`).
    pub fn font(&mut self, glyphs: &Glyphs, size: Pt) {
        self.name(&glyphs.name);
        self.operand(size.0);
        self.op("Tf");
    }

    /// Shows `run` at its origin on a page `height` tall, with the current font: `Tj`
    /// for a run with nothing to adjust, else a `TJ` array with the offsets.
    pub fn text(&mut self, run: &TextRun, glyphs: &Glyphs, height: Pt) {
        self.raw(b"1 0 0 1 ");
        self.operand(run.origin.x.0);
        self.operand((height - run.origin.y).0);
        self.raw(b"Tm\n");
        if run.adjust.iter().all(|a| a.dx == Pt::ZERO) {
            self.bytes.push(b'<');
            self.glyph_ids(&run.text, glyphs);
            self.raw(b"> Tj\n");
            return;
        }
        let mut tj = Tj::open(self);
        for_each_shown(run, |shown| match shown {
            Shown::Text(text) => tj.glyphs(|content| content.glyph_ids(text, glyphs)),
            Shown::Offset(offset) => tj.offset(offset),
        });
        tj.close();
    }

    /// Shows `run`, some of whose words print with the shaper's glyphs (`pieces`, from
    /// [`super::shaped::pieces`]): those as their glyphs, each moved where the shaper
    /// put it (`nominal`: the advance in em a viewer moves after a glyph of the font
    /// file), the rest as [`Content::text`] shows them.
    pub fn shaped_text(
        &mut self,
        run: &TextRun,
        pieces: &[Piece<'_>],
        glyphs: &Glyphs,
        nominal: impl Fn(u16) -> f32,
        height: Pt,
    ) {
        self.raw(b"1 0 0 1 ");
        self.operand(run.origin.x.0);
        self.operand((height - run.origin.y).0);
        self.raw(b"Tm\n");
        let size = run.size.0.max(0.001);
        let mut tj = Tj::open(self);
        for piece in pieces {
            if piece.segment.before != Pt::ZERO {
                tj.offset(-1000.0 * piece.segment.before.0 / size);
            }
            let Some(shaped) = &piece.shaped else {
                tj.glyphs(|content| content.glyph_ids(piece.segment.text, glyphs));
                continue;
            };
            for glyph in &shaped.glyphs {
                let rise = glyph.y_offset * size;
                if rise != 0.0 {
                    tj.rise(rise);
                }
                if glyph.x_offset != 0.0 {
                    tj.offset(-1000.0 * glyph.x_offset);
                }
                let id = glyphs.shaped(glyph.gid);
                tj.glyphs(|content| content.glyph_id(id));
                let correction = glyph.advance - glyph.x_offset - nominal(glyph.gid);
                if correction.abs() > 1e-4 {
                    tj.offset(-1000.0 * correction);
                }
                if rise != 0.0 {
                    tj.rise(0.0);
                }
            }
        }
        tj.close();
    }

    /// Glyph `gid`, as four hex digits (Identity-H).
    fn glyph_id(&mut self, gid: u16) {
        let [high, low] = gid.to_be_bytes();
        self.hex_byte(high);
        self.hex_byte(low);
    }

    /// The glyph id of each character of `text`, as four hex digits (Identity-H).
    fn glyph_ids(&mut self, text: &str, glyphs: &Glyphs) {
        for c in text.chars() {
            self.glyph_id(glyphs.get(c));
        }
    }

    /// Draws the image `XObject` named `name` filling `rect` on a page `height` tall.
    pub fn image(&mut self, name: &str, rect: Rect, height: Pt) {
        self.op("q");
        self.operand((rect.max.x - rect.min.x).0);
        self.raw(b"0 0 ");
        self.operand((rect.max.y - rect.min.y).0);
        self.operand(rect.min.x.0);
        self.operand((height - rect.max.y).0);
        self.op("cm");
        self.name(name);
        self.op("Do Q");
    }

    /// Strokes `rule` on a page `height` tall.
    pub fn rule(&mut self, rule: &Rule, height: Pt) {
        self.color(rule.color);
        self.op("RG");
        self.operand(rule.thickness.0);
        self.op("w");
        self.operand(rule.from.x.0);
        self.operand((height - rule.from.y).0);
        self.op("m");
        self.operand(rule.to.x.0);
        self.operand((height - rule.to.y).0);
        self.op("l S");
    }
}

/// A `TJ` array being written: glyphs in hex strings, pen movements as numbers, cut into
/// two arrays where the text rise changes (`Ts`, for a mark drawn above its letter).
struct Tj<'c> {
    content: &'c mut Content,
    /// Inside a hex string.
    string: bool,
    /// Just after a number, which another number must be kept apart from.
    number: bool,
}

impl<'c> Tj<'c> {
    fn open(content: &'c mut Content) -> Self {
        content.bytes.push(b'[');
        Self {
            content,
            string: false,
            number: false,
        }
    }

    fn glyphs(&mut self, write: impl FnOnce(&mut Content)) {
        if !self.string {
            self.content.bytes.push(b'<');
            self.string = true;
        }
        self.number = false;
        write(self.content);
    }

    /// Moves the pen by `thousandths` of an em, positive to the left (the TJ convention).
    fn offset(&mut self, thousandths: f32) {
        self.end_string();
        if self.number {
            self.content.bytes.push(b' ');
        }
        self.content.number(thousandths);
        self.number = true;
    }

    /// Sets the text rise to `points` for the glyphs that follow.
    fn rise(&mut self, points: f32) {
        self.close();
        self.content.operand(points);
        self.content.op("Ts");
        self.content.bytes.push(b'[');
        self.number = false;
    }

    fn end_string(&mut self) {
        if self.string {
            self.content.bytes.push(b'>');
            self.string = false;
        }
    }

    fn close(&mut self) {
        self.end_string();
        self.content.raw(b"]TJ\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Face;
    use crate::layout::{Adjust, Item};

    #[test]
    fn numbers_in_a_tj_array_are_kept_apart_and_strings_need_no_space() {
        let mut content = Content::default();
        let mut tj = Tj::open(&mut content);
        tj.offset(84.473);
        tj.offset(104.0);
        tj.glyphs(|c| c.glyph_id(1));
        tj.offset(-3.0);
        tj.rise(2.5);
        tj.offset(7.0);
        tj.close();
        assert_eq!(
            String::from_utf8(content.bytes).unwrap(),
            "[84.473 104<0001>-3]TJ\n2.5 Ts\n[7]TJ\n"
        );
    }

    /// A 10 pt run at (72, 100) with `adjust`.
    fn run(text: &str, adjust: Vec<Adjust>) -> TextRun {
        let Item::Text(mut run) = crate::pdf::tests::run(text, Face::Regular, 72.0, 100.0) else {
            unreachable!("a text run")
        };
        run.size = Pt(10.0);
        run.adjust = adjust;
        run
    }

    fn written(f: impl FnOnce(&mut Content)) -> String {
        let mut content = Content::default();
        f(&mut content);
        String::from_utf8(content.bytes).unwrap()
    }

    #[test]
    fn numbers_have_at_most_three_decimals_and_no_exponent() {
        let numbers = written(|c| {
            for n in [
                0.0,
                1.0,
                -1.5,
                0.05,
                792.0,
                1e-7,
                -0.0004,
                12.3456,
                1e9,
                f32::NAN,
            ] {
                c.operand(n);
            }
        });
        assert_eq!(numbers, "0 1 -1.5 0.05 792 0 0 12.346 1000000000 0 ");
    }

    #[test]
    fn names_escape_what_is_not_a_regular_character() {
        assert_eq!(written(|c| c.name("F1")), "/F1 ");
        assert_eq!(written(|c| c.name("a b#/")), "/a#20b#23#2F ");
    }

    #[test]
    fn a_run_is_shown_as_glyph_ids_with_its_adjustments_as_offsets() {
        let glyphs = Glyphs::new("F1".to_owned(), [('A', 0x24), ('V', 0x39), ('é', 0x1A2)]);
        // Kerning of -1 pt before the second char at 10 pt: +100 thousandths; the
        // justification of 2 pt before the fourth: -200.
        let run = run(
            "AVéA",
            vec![
                Adjust {
                    at: 1,
                    dx: Pt(-1.0),
                },
                Adjust { at: 4, dx: Pt(2.0) },
            ],
        );
        let shown = written(|c| c.text(&run, &glyphs, Pt(792.0)));
        assert_eq!(
            shown,
            "1 0 0 1 72 692 Tm\n[<0024>100<003901A2>-200<0024>]TJ\n"
        );
    }

    #[test]
    fn a_run_with_nothing_to_adjust_is_one_string() {
        let glyphs = Glyphs::new("F1".to_owned(), [('A', 0x24), ('V', 0x39)]);
        let run = run(
            "VA",
            vec![Adjust {
                at: 1,
                dx: Pt::ZERO,
            }],
        );
        let shown = written(|c| c.text(&run, &glyphs, Pt(792.0)));
        assert_eq!(shown, "1 0 0 1 72 692 Tm\n<00390024> Tj\n");
    }

    #[test]
    fn adjustments_out_of_order_or_inside_a_character_still_show_every_character_once() {
        let run = run(
            "Juárez",
            vec![
                Adjust { at: 5, dx: Pt(1.0) },
                // Inside the two bytes of "á": applies after it, before "r".
                Adjust {
                    at: 3,
                    dx: Pt(-0.5),
                },
            ],
        );
        let mut pieces = Vec::new();
        for_each_shown(&run, |shown| pieces.push(shown));
        assert_eq!(
            pieces,
            [
                Shown::Text("Juá"),
                Shown::Offset(50.0),
                Shown::Text("r"),
                Shown::Offset(-100.0),
                Shown::Text("ez"),
            ]
        );
    }

    #[test]
    fn an_unknown_character_shows_the_notdef_glyph() {
        let glyphs = Glyphs::new("F1".to_owned(), [('a', 3)]);
        assert_eq!(
            (glyphs.get('a'), glyphs.get('b'), glyphs.get('北')),
            (3, 0, 0)
        );
    }
}
