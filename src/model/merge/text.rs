//! Three-way merge of one text field by paragraph (diff3 over paragraphs, diffed with
//! `similar`): edits to different paragraphs are both kept; the same paragraph changed
//! differently on both sides is a conflict.

use similar::{Algorithm, DiffOp, capture_diff_slices};

/// Paragraphs are separated by a blank line, as everywhere in the memo's text.
const BREAK: &str = "\n\n";

/// The result of merging one text: the merge taking our side of every conflicting
/// paragraph, the one taking theirs, and the paragraphs (from 1, in the base) where the
/// two sides conflict. Without conflicts the two texts are equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextMerge {
    pub ours: String,
    pub theirs: String,
    pub conflicts: Vec<usize>,
}

/// One change a side made: base paragraphs `start..end` replaced by `with`.
#[derive(Debug, Clone)]
struct Hunk<'a> {
    start: usize,
    end: usize,
    with: Vec<&'a str>,
}

fn hunks<'a>(base: &[&str], side: &[&'a str]) -> Vec<Hunk<'a>> {
    let mut out: Vec<Hunk<'a>> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, base, side) {
        let (start, end, new) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index, old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index, old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index,
                old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        let with: Vec<&'a str> = side.get(new).unwrap_or_default().to_vec();
        // A deletion followed by an insertion at the same place is one change.
        match out.last_mut() {
            Some(last) if last.end == start => {
                last.end = end;
                last.with.extend(with);
            }
            _ => out.push(Hunk { start, end, with }),
        }
    }
    out
}

/// Whether a change to `start..end` touches the region `from..to`: overlapping
/// paragraphs, or an insertion at or inside the region's edges.
fn touches(start: usize, end: usize, from: usize, to: usize) -> bool {
    (start < to && from < end)
        || (start == end && from <= start && start <= to)
        || (from == to && start <= from && from <= end)
}

/// Base paragraphs `from..to` with one side's changes inside that region applied.
fn apply<'a>(base: &[&'a str], from: usize, to: usize, changes: &[&Hunk<'a>]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut at = from;
    for h in changes {
        out.extend(base.get(at..h.start).unwrap_or_default());
        out.extend(h.with.iter().copied());
        at = h.end;
    }
    out.extend(base.get(at..to).unwrap_or_default());
    out
}

/// Merges `ours` and `theirs`, both edited from `base`, paragraph by paragraph.
pub fn merge(base: &str, ours: &str, theirs: &str) -> TextMerge {
    let clean = |text: &str| TextMerge {
        ours: text.to_owned(),
        theirs: text.to_owned(),
        conflicts: Vec::new(),
    };
    if ours == theirs || base == theirs {
        return clean(ours);
    }
    if base == ours {
        return clean(theirs);
    }
    let lines: Vec<&str> = base.split(BREAK).collect();
    let (ho, ht) = (
        hunks(&lines, &ours.split(BREAK).collect::<Vec<_>>()),
        hunks(&lines, &theirs.split(BREAK).collect::<Vec<_>>()),
    );
    let (mut i, mut j, mut at) = (0, 0, 0);
    let (mut out_ours, mut out_theirs, mut conflicts) = (Vec::new(), Vec::new(), Vec::new());
    loop {
        let first = match (ho.get(i), ht.get(j)) {
            (Some(x), Some(y)) => {
                if x.start <= y.start {
                    x
                } else {
                    y
                }
            }
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => break,
        };
        let (from, mut to) = (first.start, first.end);
        let (mut mine, mut yours) = (Vec::new(), Vec::new());
        // Grow the region while either side has a change touching it.
        loop {
            if let Some(h) = ho.get(i).filter(|h| touches(h.start, h.end, from, to)) {
                to = to.max(h.end);
                mine.push(h);
                i += 1;
            } else if let Some(h) = ht.get(j).filter(|h| touches(h.start, h.end, from, to)) {
                to = to.max(h.end);
                yours.push(h);
                j += 1;
            } else {
                break;
            }
        }
        let same = lines.get(at..from).unwrap_or_default();
        out_ours.extend(same);
        out_theirs.extend(same);
        let a = apply(&lines, from, to, &mine);
        let c = apply(&lines, from, to, &yours);
        if !mine.is_empty() && !yours.is_empty() && a != c {
            conflicts.push(from + 1);
        }
        let (take_ours, take_theirs) = if mine.is_empty() {
            (c.clone(), c)
        } else if yours.is_empty() || a == c {
            (a.clone(), a)
        } else {
            (a, c)
        };
        out_ours.extend(take_ours);
        out_theirs.extend(take_theirs);
        at = to;
    }
    let rest = lines.get(at..).unwrap_or_default();
    out_ours.extend(rest);
    out_theirs.extend(rest);
    TextMerge {
        ours: out_ours.join(BREAK),
        theirs: out_theirs.join(BREAK),
        conflicts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_to_different_paragraphs_are_both_kept() {
        let base = "One.\n\nTwo.\n\nThree.";
        let m = merge(base, "One!\n\nTwo.\n\nThree.", "One.\n\nTwo.\n\nThree!");
        assert_eq!(m.ours, "One!\n\nTwo.\n\nThree!");
        assert!(m.conflicts.is_empty());
        // Neighbouring paragraphs too.
        let m = merge(base, "One!\n\nTwo.\n\nThree.", "One.\n\nTwo!\n\nThree.");
        assert_eq!(m.ours, "One!\n\nTwo!\n\nThree.");
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn the_same_paragraph_changed_differently_conflicts() {
        let base = "One.\n\nTwo.\n\nThree.\n\nFour.";
        let m = merge(
            base,
            "One.\n\nTwo (ours).\n\nThree.\n\nFour!",
            "One.\n\nTwo (theirs).\n\nThree.\n\nFour.",
        );
        assert_eq!(m.conflicts, vec![2]);
        assert_eq!(m.ours, "One.\n\nTwo (ours).\n\nThree.\n\nFour!");
        assert_eq!(m.theirs, "One.\n\nTwo (theirs).\n\nThree.\n\nFour!");
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let m = merge("a\n\nb", "a\n\nc", "a\n\nc");
        assert_eq!(m.ours, "a\n\nc");
        assert!(m.conflicts.is_empty());
        let m = merge("a\n\nb\n\nc", "a\n\nB\n\nc\n\nd", "x\n\na\n\nB\n\nc");
        assert_eq!(m.ours, "x\n\na\n\nB\n\nc\n\nd");
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn insertions_at_the_same_place_conflict() {
        let m = merge("a\n\nb", "a\n\nx\n\nb", "a\n\ny\n\nb");
        assert_eq!(m.conflicts, vec![2]);
        assert_eq!(m.theirs, "a\n\ny\n\nb");
    }
}
