//! The list of co-signing organizations, in two balanced columns, in the printed order
//! the memo's sign-on options ask for.

use super::{Block, Builder, Color, Entry, Face, Item, Part, Piece, Pt, Role};

impl Builder<'_> {
    pub(super) fn signatories(&mut self) {
        let memo = self.memo;
        let groups = crate::model::order::printed_groups(memo);
        if groups.iter().all(|(_, members)| members.is_empty()) {
            return;
        }
        let labels = memo.language.labels();
        let section = self.section(labels.signatories, true);
        let width = self.geometry.content_width();
        let intro = memo.signatories_intro.trim();
        if !intro.is_empty() {
            let spans = crate::model::text::inline(intro);
            let pieces = self.spans(&spans, self.styles.body, false, Part::Furniture);
            self.paragraph(&pieces, Pt::ZERO, width, true, Part::Furniture, true);
            self.space(self.styles.body * 0.6);
        }
        let gap = self.styles.body * 1.6;
        let column = (width - gap) / 2.0;
        let grouped = memo.sign_on.order == crate::model::SignatoryOrder::ByCountry;
        for (n, (country, members)) in groups.into_iter().enumerate() {
            if grouped {
                if n > 0 {
                    self.space(self.styles.body * 0.5);
                }
                let title = if country.is_empty() {
                    labels.no_country
                } else {
                    country.as_str()
                };
                let pieces = [Piece::new(title, Face::Bold, self.styles.body)];
                self.heading(Role::H2, &pieces, Part::Furniture, false);
                self.space(self.styles.body * 0.25);
                self.keep_next = true;
            }
            if memo.sign_on.logo_grid {
                self.logo_grid(&members, grouped);
                continue;
            }
            // The list in the memo's order, whatever column an entry is drawn in.
            let (_, list) = self.tags.enter(Role::List);
            let mut entries = Vec::with_capacity(members.len());
            for (i, s) in members {
                entries.push(self.signatory_entry(i, s, column, grouped));
            }
            self.tags.leave(list);
            let keep = std::mem::take(&mut self.keep_next);
            self.blocks.push(Block::Columns {
                entries,
                column,
                gap,
                keep,
            });
        }
        if let Some(date) = memo.sign_on.as_of {
            self.space(self.styles.body * 0.4);
            let line = format!("{} {}.", labels.list_as_of, memo.language.format_date(date));
            let pieces = [Piece::new(line, Face::Italic, self.styles.small).color(Color::GRAY)];
            self.paragraph(&pieces, Pt::ZERO, width, false, Part::Furniture, true);
        }
        self.tags.leave(section);
    }

    /// The organizations as a grid of their logos with their names under them, four to a
    /// row, in the printed order (a row is read left to right); one without a logo keeps
    /// its cell with its name alone. Each row is one unbreakable line.
    fn logo_grid(&mut self, members: &[(usize, &crate::model::Signatory)], grouped: bool) {
        const PER_ROW: usize = 4;
        let width = self.geometry.content_width();
        let gap = self.styles.body * 1.2;
        let cell = (width - gap * (PER_ROW - 1) as f32) / PER_ROW as f32;
        let logo_height = self.styles.body * 3.5;
        let (_, list) = self.tags.enter(Role::List);
        for row in members.chunks(PER_ROW) {
            let mut items = Vec::new();
            let mut height = Pt::ZERO;
            for (n, &(i, s)) in row.iter().enumerate() {
                let x = (cell + gap) * n as f32;
                // The logo and the name are the item's body: only Lbl and LBody may be
                // the kids of an LI (ISO 32000-1, 14.8.4.3.3).
                let scope = self.list_item(s);
                let (content, body) = self.tags.enter(Role::LBody);
                let mut top = Pt::ZERO;
                if let Some(logo) = &s.logo
                    && let Some(probe) = self.probe(logo, Part::Signatory(i))
                {
                    let aspect = probe.width as f32 / probe.height as f32;
                    let h = logo_height.min(cell / aspect);
                    let w = h * aspect;
                    let min = super::Point::new(x + (cell - w) / 2.0, (logo_height - h) / 2.0);
                    let rect = super::Rect {
                        min,
                        max: super::Point::new(min.x + w, min.y + h),
                    };
                    items.push(self.image(logo, probe, rect, Part::Signatory(i)));
                }
                top += logo_height + self.styles.body * 0.4;
                // Set a point narrower than the cell: a word split to fit a line may come
                // out a fraction of a point wider (the last cell ends at the margin).
                let mut lines = self.signatory_entry_lines(i, s, cell - Pt(1.0), grouped);
                self.tags.stamp(&mut lines, content);
                self.tags.leave(body);
                self.tags.leave(scope);
                for mut line in lines {
                    super::letterhead::center(&mut line, cell);
                    items.extend(line.items.into_iter().map(|it| it.translated(x, top)));
                    top += line.height;
                }
                height = height.max(top);
            }
            self.blocks.push(Block::Line(super::Line {
                height: height + self.styles.body * 0.8,
                indent: Pt::ZERO,
                items,
                breakable: true,
            }));
        }
        self.tags.leave(list);
    }

    /// One organization in the two-column list: its name (with the short name), and
    /// city and country below (city only when grouped by country). A list item, in the
    /// language of its country where that is not the memo's.
    pub(super) fn signatory_entry(
        &mut self,
        i: usize,
        s: &crate::model::Signatory,
        column: Pt,
        grouped: bool,
    ) -> Entry {
        let mut lines = self.signatory_entry_lines(i, s, column, grouped);
        // A list item (one structure element for the name and the place: a memo may list
        // a thousand organizations).
        let scope = self.list_item(s);
        let content = self.tags.node(Role::LBody);
        self.tags.stamp(&mut lines, content);
        self.tags.leave(scope);
        Entry {
            lines,
            gap_after: self.styles.body * 0.45,
        }
    }

    /// Opens the list item of `s`, in the language of its country where that is not the
    /// memo's.
    fn list_item(&mut self, s: &crate::model::Signatory) -> super::structure::Scope {
        let (item, scope) = self.tags.enter(Role::LI);
        if let Some(language) = crate::model::countries::language_of(&s.country)
            && language != self.memo.language
        {
            self.tags.set_lang(item, language.code());
        }
        scope
    }

    /// An organization's name (with the short name) and, below, its city and country
    /// (city only when grouped by country), set in `column`.
    fn signatory_entry_lines(
        &mut self,
        i: usize,
        s: &crate::model::Signatory,
        column: Pt,
        grouped: bool,
    ) -> Vec<super::text::SetLine> {
        let part = Part::Signatory(i);
        let name = s.printed_name();
        let mut setting = self.setting(column);
        setting.justify = false;
        setting.hyphenate = false;
        setting.leading = 1.2;
        let mut lines = self.set(
            &[Piece::new(name, Face::Regular, self.styles.body)],
            setting,
            part,
        );
        let place = if grouped {
            s.city.trim().to_owned()
        } else {
            s.place()
        };
        if !place.is_empty() {
            // The name and the place are read as "..., (ABDH) Ciudad de México": the
            // name's line ends with an unseen space, as a broken line does.
            if let Some(Item::Text(last)) = lines.last_mut().and_then(|l| l.items.last_mut()) {
                last.push_break_space();
            }
            lines.extend(self.set(
                &[Piece::new(place, Face::Italic, self.styles.small).color(Color::GRAY)],
                setting,
                part,
            ));
        }
        lines
    }
}
