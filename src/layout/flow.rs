//! Pagination: places lines, spaces and two-column lists on pages. A page breaks only
//! where a line allows it (paragraph widow/orphan rules and keep-with-next are decided
//! by whoever made the line); when nothing on a page allows a break, it breaks anyway
//! and says so.

use std::mem;

use super::document::{Bookmark, Item, Page, Pt};
use super::text::SetLine;
use super::{Geometry, Warning};

/// What the memo builder hands to pagination.
pub enum Block {
    Line(Line),
    /// Vertical space, dropped at the top of a page.
    Space(Pt),
    /// A bookmark at the next line.
    Mark(String),
    /// Entries filled top to bottom in two columns, balanced on the last page.
    Columns {
        entries: Vec<Entry>,
        column: Pt,
        gap: Pt,
        keep: bool,
    },
}

/// One unbreakable line, items relative to its top-left corner at `indent`.
pub struct Line {
    pub height: Pt,
    pub indent: Pt,
    pub items: Vec<Item>,
    /// May a page break come right before this line?
    pub breakable: bool,
}

/// One unbreakable entry of a column list.
pub struct Entry {
    pub lines: Vec<SetLine>,
    pub gap_after: Pt,
}

impl Entry {
    fn height(&self) -> Pt {
        self.lines.iter().fold(Pt::ZERO, |h, l| h + l.height)
    }
}

enum Pending {
    Line(Line),
    Space(Pt),
    Mark(String),
}

pub struct Flow {
    g: Geometry,
    pages: Vec<Page>,
    outline: Vec<Bookmark>,
    /// Committed items of the current page.
    current: Vec<Item>,
    /// Lines of the current page that a later break may still carry to the next page.
    pending: Vec<Pending>,
    /// Where `pending` starts on the page.
    pending_top: Pt,
    y: Pt,
}

impl Flow {
    pub fn new(g: Geometry) -> Self {
        Self {
            g,
            pages: Vec::new(),
            outline: Vec::new(),
            current: Vec::new(),
            pending: Vec::new(),
            pending_top: g.top,
            y: g.top,
        }
    }

    fn bottom(&self) -> Pt {
        self.g.height - self.g.bottom
    }

    fn page_is_empty(&self) -> bool {
        self.current.is_empty() && !self.pending.iter().any(|p| matches!(p, Pending::Line(_)))
    }

    pub fn place(&mut self, block: Block, warnings: &mut Vec<Warning>) {
        match block {
            Block::Line(line) => self.line(line, warnings),
            Block::Space(h) => {
                if !self.page_is_empty() {
                    self.pending.push(Pending::Space(h));
                    self.y += h;
                }
            }
            Block::Mark(title) => self.pending.push(Pending::Mark(title)),
            Block::Columns {
                entries,
                column,
                gap,
                keep,
            } => self.columns(entries, column, gap, keep, warnings),
        }
    }

    fn line(&mut self, line: Line, warnings: &mut Vec<Warning>) {
        if self.y + line.height > self.bottom() && !self.page_is_empty() {
            self.break_page(line.breakable, &line.items, warnings);
        }
        self.y += line.height;
        self.pending.push(Pending::Line(line));
    }

    /// Ends the page at the last allowed break (before a line about to be added that
    /// is `breakable` or not) and carries what follows that break to a new page.
    fn break_page(&mut self, breakable: bool, next_items: &[Item], warnings: &mut Vec<Warning>) {
        // The latest line in `pending` before which a break is allowed, as long as some
        // line stays on this page.
        let mut first_line = None;
        let mut split = None;
        for (i, p) in self.pending.iter().enumerate() {
            if let Pending::Line(l) = p {
                if first_line.is_some() && l.breakable {
                    split = Some(i);
                }
                first_line.get_or_insert(i);
            }
        }
        let has_committed = !self.current.is_empty();
        let split = if breakable && (first_line.is_some() || has_committed) {
            // Breaking right before the new line is allowed and keeps the most on this page.
            self.pending.len()
        } else if let Some(i) = split {
            i
        } else {
            if (has_committed || first_line.is_some())
                && let Some(source) = next_items.first().map(Item::source)
            {
                warnings.push(Warning {
                    part: source,
                    message: "a block that must stay together is taller than a page and was split"
                        .to_owned(),
                });
            }
            self.pending.len()
        };
        // Marks just before the split belong with what follows.
        let mut split = split;
        while split > 0
            && matches!(
                self.pending.get(split - 1),
                Some(Pending::Mark(_) | Pending::Space(_))
            )
        {
            split -= 1;
        }
        let carry = self.pending.split_off(split);
        self.commit();
        self.new_page();
        for p in carry {
            match p {
                Pending::Line(l) => self.line(l, warnings),
                Pending::Space(h) => self.place(Block::Space(h), warnings),
                Pending::Mark(m) => self.pending.push(Pending::Mark(m)),
            }
        }
    }

    /// Fixes the pending lines at their positions on the current page.
    fn commit(&mut self) {
        let page = self.pages.len();
        let mut y = self.pending_top;
        for p in mem::take(&mut self.pending) {
            match p {
                Pending::Line(line) => {
                    let dx = self.g.left + line.indent;
                    self.current
                        .extend(line.items.into_iter().map(|item| item.translated(dx, y)));
                    y += line.height;
                }
                Pending::Space(h) => y += h,
                Pending::Mark(title) => self.outline.push(Bookmark { title, page, y }),
            }
        }
        self.pending_top = y;
    }

    fn new_page(&mut self) {
        let items = mem::take(&mut self.current);
        self.pages.push(Page {
            width: self.g.width,
            height: self.g.height,
            items,
        });
        self.y = self.g.top;
        self.pending_top = self.g.top;
    }

    fn columns(
        &mut self,
        entries: Vec<Entry>,
        column: Pt,
        gap: Pt,
        keep: bool,
        warnings: &mut Vec<Warning>,
    ) {
        let mut entries = entries.into_iter().peekable();
        let mut first = true;
        while entries.peek().is_some() {
            let first_height = entries.peek().map_or(Pt::ZERO, Entry::height);
            if self.y + first_height > self.bottom() && !self.page_is_empty() {
                let items: Vec<Item> = entries
                    .peek()
                    .and_then(|e| e.lines.first())
                    .map(|l| l.items.clone())
                    .unwrap_or_default();
                self.break_page(!(first && keep), &items, warnings);
            }
            first = false;
            self.commit();
            let room = self.bottom() - self.y;
            let rest: Vec<Entry> = entries.by_ref().collect();
            let heights: Vec<(Pt, Pt)> = rest.iter().map(|e| (e.height(), e.gap_after)).collect();
            let (left_n, right_n) = fill(&heights, room);
            let mut rest = rest.into_iter();
            let left: Vec<Entry> = rest.by_ref().take(left_n).collect();
            let right: Vec<Entry> = rest.by_ref().take(right_n).collect();
            let h_left = self.place_column(left, self.g.left, self.y);
            let h_right = self.place_column(right, self.g.left + column + gap, self.y);
            self.y += h_left.max(h_right);
            self.pending_top = self.y;
            let rest: Vec<Entry> = rest.collect();
            if !rest.is_empty() {
                self.new_page();
            }
            entries = rest.into_iter().peekable();
        }
    }

    fn place_column(&mut self, entries: Vec<Entry>, x: Pt, top: Pt) -> Pt {
        let mut y = top;
        let n = entries.len();
        for (i, entry) in entries.into_iter().enumerate() {
            for line in entry.lines {
                self.current
                    .extend(line.items.into_iter().map(|item| item.translated(x, y)));
                y += line.height;
            }
            if i + 1 < n {
                y += entry.gap_after;
            }
        }
        y - top
    }

    pub fn finish(mut self) -> (Vec<Page>, Vec<Bookmark>) {
        self.commit();
        if !self.current.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        (self.pages, self.outline)
    }
}

/// How many entries go in the left and the right column of a page with `room`. When all
/// the rest fit, they are split as evenly as the entries allow with the left column never
/// shorter than the right (the earliest split where it is at least as tall). Otherwise as
/// many as fit go in the left column, and in the right as many as fit beside it, no
/// taller. At least one entry always goes on the page, so pagination makes progress.
fn fill(heights: &[(Pt, Pt)], room: Pt) -> (usize, usize) {
    // Rounding in the sums must not turn an even split into an uneven one.
    let slack = Pt(0.01);
    let n = heights.len();
    // ends[i]: the height of entries 0..i with the gap after each.
    let mut ends = Vec::with_capacity(n + 1);
    let mut sum = Pt::ZERO;
    ends.push(sum);
    for (height, gap) in heights {
        sum += *height + *gap;
        ends.push(sum);
    }
    // The height of a column of entries from..to: no gap after its last entry.
    let column = |from: usize, to: usize| -> Pt {
        match (
            ends.get(from),
            ends.get(to),
            to.checked_sub(1).and_then(|l| heights.get(l)),
        ) {
            (Some(&start), Some(&end), Some(&(_, gap))) if to > from => end - start - gap,
            _ => Pt::ZERO,
        }
    };
    for split in 1..=n {
        let left = column(0, split);
        if left + slack >= column(split, n) {
            if left <= room + slack {
                return (split, n - split);
            }
            break;
        }
    }
    let fitting = |from: usize, room: Pt| {
        (from..n)
            .take_while(|&to| column(from, to + 1) <= room + slack)
            .count()
    };
    let left = fitting(0, room).max(1).min(n);
    let right = fitting(left, room.min(column(0, left)));
    (left, right)
}

#[cfg(test)]
mod balance_tests {
    use proptest::prelude::*;

    use super::*;

    fn column(heights: &[(Pt, Pt)]) -> Pt {
        let gaps = heights
            .iter()
            .rev()
            .skip(1)
            .fold(Pt::ZERO, |h, (_, g)| h + *g);
        heights.iter().fold(gaps, |h, (e, _)| h + *e)
    }

    #[test]
    fn three_equal_entries_put_two_on_the_left() {
        let heights = [(Pt(20.0), Pt(5.0)); 3];
        assert_eq!(fill(&heights, Pt(500.0)), (2, 1));
        assert_eq!(fill(&heights[..2], Pt(500.0)), (1, 1));
        assert_eq!(fill(&heights[..1], Pt(500.0)), (1, 0));
        assert_eq!(fill(&[], Pt(500.0)), (0, 0));
    }

    proptest! {
        #[test]
        fn the_left_column_is_never_shorter_and_the_last_page_is_even(
            entries in proptest::collection::vec((10.0f32..60.0, 2.0f32..8.0), 0..40),
            room in 40.0f32..600.0,
        ) {
            let heights: Vec<(Pt, Pt)> = entries.iter().map(|&(h, g)| (Pt(h), Pt(g))).collect();
            let (left, right) = fill(&heights, Pt(room));
            let n = heights.len();
            prop_assert!(left + right <= n);
            prop_assert!(n == 0 || left >= 1, "progress");
            let (l, rest) = heights.split_at(left);
            let r = rest.get(..right).unwrap_or_default();
            let (l, r) = (column(l), column(r));
            prop_assert!(l.0 + 0.02 >= r.0, "left {l:?} shorter than right {r:?}");
            prop_assert!(r.0 <= room + 0.02, "right {r:?} overflows {room}");
            prop_assert!(left == 1 || l.0 <= room + 0.02, "left {l:?} overflows {room}");
            if left + right == n && left > 1 {
                // As even as the entries allow: one entry fewer on the left, and the
                // left column would be the shorter.
                let (fewer, more) = heights.split_at(left - 1);
                prop_assert!(column(fewer).0 < column(more).0, "uneven: {l:?} vs {r:?}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Color, Point, Rule};
    use crate::model::Part;

    const LINE: Pt = Pt(12.0);

    /// A 200 x 200 pt page with 20 pt margins: 160 pt of body, room for 13 lines.
    fn geometry() -> Geometry {
        Geometry {
            width: Pt(200.0),
            height: Pt(200.0),
            top: Pt(20.0),
            bottom: Pt(20.0),
            left: Pt(20.0),
            right: Pt(20.0),
        }
    }

    /// An item spanning a box of `width` x `height` from the top-left corner, tagged with
    /// `tag` so a test can find where it went.
    fn tagged(tag: usize, width: Pt, height: Pt) -> Item {
        Item::Rule(Rule {
            from: Point::new(Pt::ZERO, height),
            to: Point::new(width, height),
            thickness: Pt::ZERO,
            color: Color::BLACK,
            source: Part::Recommendation(tag),
        })
    }

    fn line(tag: usize, breakable: bool) -> Block {
        Block::Line(Line {
            height: LINE,
            indent: Pt::ZERO,
            items: vec![tagged(tag, Pt(100.0), LINE)],
            breakable,
        })
    }

    /// The lines of a paragraph with the breaks layout allows: before the first line,
    /// and nowhere that leaves one line alone (no orphan, no widow).
    fn paragraph(first_tag: usize, n: usize) -> Vec<Block> {
        (0..n)
            .map(|i| line(first_tag + i, i == 0 || (i >= 2 && n - i >= 2)))
            .collect()
    }

    fn paginate(blocks: Vec<Block>) -> (Vec<Page>, Vec<Warning>) {
        let mut flow = Flow::new(geometry());
        let mut warnings = Vec::new();
        for block in blocks {
            flow.place(block, &mut warnings);
        }
        (flow.finish().0, warnings)
    }

    fn tags(page: &Page) -> Vec<usize> {
        page.items
            .iter()
            .filter_map(|item| match item.source() {
                Part::Recommendation(tag) => Some(tag),
                _ => None,
            })
            .collect()
    }

    /// The page and top edge of the item tagged `tag`.
    fn place_of(pages: &[Page], tag: usize) -> (usize, Pt) {
        pages
            .iter()
            .enumerate()
            .find_map(|(n, page)| {
                page.items
                    .iter()
                    .find(|item| item.source() == Part::Recommendation(tag))
                    .map(|item| (n, item.bounds().min.y - LINE))
            })
            .unwrap_or_else(|| panic!("line {tag} was placed"))
    }

    fn assert_inside_margins(pages: &[Page]) {
        let g = geometry();
        for (n, page) in pages.iter().enumerate() {
            for item in &page.items {
                let b = item.bounds();
                assert!(
                    b.min.x >= g.left
                        && b.max.x <= g.width - g.right
                        && b.min.y >= g.top
                        && b.max.y <= g.height - g.bottom,
                    "page {n}: {item:?} outside the margins"
                );
            }
        }
    }

    #[test]
    fn lines_fill_each_page_in_order_inside_the_margins() {
        let (pages, warnings) = paginate((0..30).map(|i| line(i, true)).collect());
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            pages.iter().map(|p| tags(p).len()).collect::<Vec<_>>(),
            [13, 13, 4]
        );
        let order: Vec<usize> = pages.iter().flat_map(tags).collect();
        assert_eq!(order, (0..30).collect::<Vec<_>>());
        assert_eq!(
            place_of(&pages, 13),
            (1, geometry().top),
            "a page starts at the top margin"
        );
        assert_inside_margins(&pages);
    }

    #[test]
    fn keep_with_next_moves_a_heading_to_the_next_page() {
        // Twelve lines leave room for one more: the heading would fit, but its first
        // line of text (not breakable before, as layout marks a kept line) would not.
        let mut blocks: Vec<Block> = (0..12).map(|i| line(i, true)).collect();
        blocks.push(line(100, true));
        blocks.extend([line(101, false), line(102, true), line(103, true)]);
        let (pages, warnings) = paginate(blocks);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(tags(&pages[0]), (0..12).collect::<Vec<_>>());
        assert_eq!(place_of(&pages, 100), (1, geometry().top));
        assert_eq!(place_of(&pages, 101).0, 1);
        assert_inside_margins(&pages);
    }

    #[test]
    fn a_paragraph_leaves_no_orphan_and_no_widow() {
        let g = geometry();
        // Room left on the first page for 1, 2, 3, 4 lines of a 5-line paragraph.
        for room in 1..=4 {
            let mut blocks: Vec<Block> = (0..13 - room).map(|i| line(i, true)).collect();
            blocks.extend(paragraph(100, 5));
            let (pages, warnings) = paginate(blocks);
            assert!(warnings.is_empty(), "{warnings:?}");
            let on_page = |n: usize| tags(&pages[n]).iter().filter(|t| **t >= 100).count();
            let (first, second) = (on_page(0), on_page(1));
            assert_eq!(first + second, 5, "room for {room}");
            assert!(
                first != 1,
                "room for {room}: an orphan (one line left behind)"
            );
            assert!(
                second != 1,
                "room for {room}: a widow (one line carried over)"
            );
            assert_eq!(
                pages[1].items.first().map(|i| i.bounds().max.y),
                Some(g.top + LINE)
            );
        }
    }

    #[test]
    fn lines_that_must_stay_together_move_together() {
        // Room for two lines; a four-line block breakable only before its first line.
        let mut blocks: Vec<Block> = (0..11).map(|i| line(i, true)).collect();
        blocks.extend((0..4).map(|i| line(100 + i, i == 0)));
        let (pages, warnings) = paginate(blocks);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(tags(&pages[0]), (0..11).collect::<Vec<_>>());
        assert_eq!(tags(&pages[1]), [100, 101, 102, 103]);
    }

    #[test]
    fn space_is_dropped_at_the_top_of_a_page() {
        let mut blocks: Vec<Block> = (0..13).map(|i| line(i, true)).collect();
        blocks.push(Block::Space(Pt(30.0)));
        blocks.push(line(13, true));
        let (pages, _) = paginate(blocks);
        assert_eq!(place_of(&pages, 13), (1, geometry().top));
    }

    #[test]
    fn a_block_taller_than_a_page_is_split_with_a_warning() {
        let blocks: Vec<Block> = (0..20).map(|i| line(i, i == 0)).collect();
        let (pages, warnings) = paginate(blocks);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages.iter().flat_map(tags).count(), 20, "nothing is lost");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].message.contains("taller than a page"));
        assert_inside_margins(&pages);
    }

    fn entries(n: usize, height: Pt) -> Vec<Entry> {
        (0..n)
            .map(|i| Entry {
                lines: vec![SetLine {
                    height,
                    items: vec![tagged(i, Pt(70.0), height)],
                }],
                gap_after: Pt(4.0),
            })
            .collect()
    }

    const COLUMN: Pt = Pt(75.0);
    const GAP: Pt = Pt(10.0);

    /// `n` entries 20 pt tall with 4 pt between them, in two columns.
    fn paginate_columns(n: usize) -> (Vec<Page>, Vec<Warning>) {
        paginate(vec![Block::Columns {
            entries: entries(n, Pt(20.0)),
            column: COLUMN,
            gap: GAP,
            keep: false,
        }])
    }

    /// The tags in the left and the right column of `page`.
    fn columns_of(page: &Page) -> (Vec<usize>, Vec<usize>) {
        let right_x = geometry().left + COLUMN + GAP;
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for item in &page.items {
            if let Part::Recommendation(tag) = item.source() {
                if item.bounds().min.x >= right_x {
                    right.push(tag);
                } else {
                    left.push(tag);
                }
            }
        }
        (left, right)
    }

    #[test]
    fn two_columns_are_filled_in_order_and_balanced() {
        let (pages, warnings) = paginate_columns(7);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(pages.len(), 1);
        let (left, right) = columns_of(&pages[0]);
        // Read down the left column, then the right one.
        assert_eq!(
            left.iter().chain(&right).copied().collect::<Vec<_>>(),
            (0..7).collect::<Vec<_>>()
        );
        assert!(left.len().abs_diff(right.len()) <= 1, "{left:?} {right:?}");
        assert_inside_margins(&pages);
    }

    #[test]
    fn columns_fill_a_page_then_balance_on_the_last() {
        // 24 pt per entry: 6 fit in 160 pt, so 12 on a page, and 5 on the next.
        let (pages, warnings) = paginate_columns(17);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(pages.len(), 2);
        let (left, right) = columns_of(&pages[0]);
        assert_eq!((left.len(), right.len()), (6, 6));
        let (left, right) = columns_of(&pages[1]);
        assert_eq!(left.len() + right.len(), 5);
        assert!(left.len().abs_diff(right.len()) <= 1, "{left:?} {right:?}");
        assert_inside_margins(&pages);
    }
}
