//! The header block: the heading label, the TO / CC / FROM / DATE / RE rows with their
//! labels hanging left of one tab, and the rule under them.

use super::{
    Adjust, Block, Builder, Color, Face, Item, Line, Part, Piece, Point, Pt, Role, Rule, Setting,
    Tag, text,
};

/// A header row: its label and its values (pieces and where they came from).
type Row<'a> = (&'a str, Vec<(Vec<Piece>, Part)>);

impl Builder<'_> {
    pub(super) fn header(&mut self) {
        let memo = self.memo;
        let s = self.styles;
        let width = self.geometry.content_width();
        // The heading label, centred and letter-spaced.
        let heading = memo.printed_heading();
        if !heading.is_empty() {
            let size = s.heading;
            let mut lines = self.set(
                &[Piece::new(heading, Face::Bold, size)],
                self.setting(width),
                Part::Heading,
            );
            for line in &mut lines {
                track_and_center(line, size * 0.15, width);
            }
            let node = self.tags.node(Role::P);
            self.tags.stamp(&mut lines, node);
            self.push_lines(lines, Pt::ZERO, false);
            self.space(s.body * 0.8);
        }

        let labels = memo.language.labels();
        let label_w = [
            labels.to,
            labels.cc,
            labels.from,
            labels.date,
            labels.subject,
        ]
        .iter()
        .map(|l| self.fonts.measure(Face::Bold, l).advance * s.body.0)
        .fold(0.0, f32::max);
        let tab = Pt(label_w) + s.body * 1.2;
        let value_w = width - tab;
        let mut rows: Vec<Row> = Vec::new();
        let plain = |text: String| vec![Piece::new(text, Face::Regular, s.body)];
        rows.push((
            labels.to,
            memo.to
                .iter()
                .enumerate()
                .map(|(i, r)| (plain(r.line()), Part::To(i)))
                .collect(),
        ));
        if !memo.cc.is_empty() {
            rows.push((
                labels.cc,
                memo.cc
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (plain(r.line()), Part::Cc(i)))
                    .collect(),
            ));
        }
        // A FROM line with nothing to show (no text, no confirmed lead) is left out rather
        // than printed as a bare label; `Memo::check_on` tells the author.
        let from = memo.from_line();
        if !from.is_empty() {
            rows.push((labels.from, vec![(plain(from), Part::From)]));
        }
        let date = memo
            .date
            .map(|d| memo.language.format_date(d))
            .unwrap_or_default();
        rows.push((labels.date, vec![(plain(date), Part::Date)]));
        rows.push((
            labels.subject,
            vec![(
                vec![Piece::new(memo.subject.trim(), Face::Bold, s.body)],
                Part::Subject,
            )],
        ));

        let body = s.body;
        // A table of labelled rows, so a reader hears "TO: ..." as printed.
        let (_, table) = self.tags.enter(Role::Table);
        for (label, values) in rows {
            let (_, row) = self.tags.enter(Role::TR);
            let header = self.tags.node(Role::RowHeader);
            let cell = self.tags.node(Role::TD);
            let mut first = true;
            // The row's part: an empty TO row still opens the recipients when clicked.
            let row_part = values.first().map_or(Part::To(0), |(_, part)| *part);
            let values = if values.is_empty() {
                vec![(plain(String::new()), row_part)]
            } else {
                values
            };
            for (pieces, part) in values {
                let setting = Setting {
                    justify: false,
                    hyphenate: false,
                    ..self.setting(value_w)
                };
                let mut lines = self.set(&pieces, setting, part);
                if lines.is_empty() {
                    lines.push(text::SetLine {
                        height: body * self.styles.leading,
                        items: Vec::new(),
                    });
                }
                // Each value (one recipient of several) a paragraph of the cell.
                let value = self.tags.child(cell, Role::P);
                self.tags.stamp(&mut lines, value);
                if first {
                    // Labels sit in the first line of their row, left of the tab; a click
                    // on one opens the row's part.
                    let label = [Piece::new(label, Face::Bold, body)];
                    let setting = self.setting(tab);
                    self.hang_label(&mut lines, &label, setting, tab, (row_part, header));
                    first = false;
                }
                for line in lines {
                    self.blocks.push(Block::Line(Line {
                        height: line.height,
                        indent: tab,
                        items: line.items,
                        breakable: false,
                    }));
                }
            }
            self.tags.leave(row);
            self.space(body * 0.35);
        }
        self.tags.leave(table);
        self.space(body * 0.2);
        let thickness = Pt(0.8);
        let y = thickness / 2.0;
        let rule = Rule {
            from: Point::new(Pt::ZERO, y),
            to: Point::new(width, y),
            thickness,
            color: Color::BLACK,
            source: Part::Furniture,
            tag: Tag::Artifact,
        };
        self.blocks.push(Block::Line(Line {
            height: thickness,
            indent: Pt::ZERO,
            items: vec![Item::Rule(rule)],
            breakable: false,
        }));
        self.space(body * 0.9);
    }
}

/// Letter-spaces every run of a line by `tracking` and centres it in `width`.
pub(super) fn track_and_center(line: &mut text::SetLine, tracking: Pt, width: Pt) {
    let mut x = Pt::ZERO;
    for item in &mut line.items {
        if let Item::Text(t) = item {
            t.origin.x = x;
            let mut at = 0_u32;
            for c in t.text.chars() {
                at += u32::try_from(c.len_utf8()).unwrap_or(1);
                if (at as usize) < t.text.len() {
                    t.adjust.push(Adjust { at, dx: tracking });
                    t.width += tracking;
                }
            }
            t.adjust.sort_by_key(|a| a.at);
            x += t.width;
        }
    }
    let offset = ((width - x) / 2.0).max(Pt::ZERO);
    for item in &mut line.items {
        if let Item::Text(t) = item {
            t.origin.x += offset;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::fonts::Fonts;
    use crate::model::{Memo, Part, SignOnStatus, Signatory};

    /// The header's printed lines on page 1, label and value each.
    fn header_texts(memo: &Memo) -> Vec<(Part, String)> {
        let doc = super::super::layout(memo, &Fonts::new().unwrap(), &memo.page).document;
        doc.pages[0]
            .texts()
            .map(|t| (t.source, t.text.clone()))
            .collect()
    }

    fn lead(status: SignOnStatus) -> Signatory {
        Signatory {
            organization: "Centro Prodh".to_owned(),
            lead: true,
            status,
            ..Signatory::default()
        }
    }

    #[test]
    fn a_from_line_with_nothing_to_show_is_left_out_not_printed_as_a_bare_label() {
        let mut memo = Memo {
            subject: "Aid conditions".into(),
            signatories: vec![lead(SignOnStatus::Invited)],
            ..Memo::default()
        };
        let texts = header_texts(&memo);
        assert!(
            !texts.iter().any(|(_, t)| t == "FROM:"),
            "no FROM text, no confirmed lead: {texts:?}"
        );
        assert!(texts.iter().any(|(_, t)| t == "DATE:"), "{texts:?}");

        memo.signatories = vec![lead(SignOnStatus::Confirmed)];
        let texts = header_texts(&memo);
        assert!(texts.iter().any(|(_, t)| t == "FROM:"));
        assert!(texts.contains(&(Part::From, "Centro Prodh".to_owned())));

        memo.signatories.clear();
        memo.from = "Washington Office on Latin America".into();
        assert!(header_texts(&memo).iter().any(|(_, t)| t == "FROM:"));
    }

    #[test]
    fn header_values_print_with_typographic_apostrophes_and_the_memo_keeps_its_own() {
        let memo = Memo {
            subject: "The prosecutor's \"priority\" cases".into(),
            from: "O'Brien Foundation".into(),
            ..Memo::default()
        };
        let before = memo.clone();
        let texts: Vec<String> = header_texts(&memo).into_iter().map(|(_, t)| t).collect();
        let all = texts.join(" ");
        assert!(all.contains("O’Brien Foundation"), "{all}");
        assert!(all.contains("prosecutor’s “priority” cases"), "{all}");
        assert_eq!(memo, before, "the draft's text is untouched");
    }

    #[test]
    fn a_findings_bookmark_reads_as_its_heading_prints() {
        let memo = Memo {
            findings: vec![crate::model::Finding {
                title: "The army's \"reforms\"".into(),
                ..crate::model::Finding::default()
            }],
            ..Memo::default()
        };
        let doc = super::super::layout(&memo, &Fonts::new().unwrap(), &memo.page).document;
        let titles: Vec<&str> = doc.outline.iter().map(|b| b.title.as_str()).collect();
        assert!(
            titles.contains(&"Finding 1: The army’s “reforms”"),
            "{titles:?}"
        );
    }
}
