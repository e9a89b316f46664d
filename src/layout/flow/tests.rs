//! Tests of pagination and column balancing.

mod balance {
    use proptest::prelude::*;

    use super::super::*;

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

mod pagination {
    use super::super::*;
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
            tag: crate::layout::Tag::Artifact,
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
