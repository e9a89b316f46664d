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
mod tests;
