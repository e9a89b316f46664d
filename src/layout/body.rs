//! The memo's body: introduction, quotes with their attributions and source notes,
//! findings with their assessments and evidence, recommendations, the closing line and
//! the endnotes.

use super::{
    Block, Builder, Color, Face, Line, Part, Piece, Placement, Pt, Quote, Role, Warning,
    assessment_color,
};

impl Builder<'_> {
    pub(super) fn introduction(&mut self) {
        let memo = self.memo;
        let width = self.geometry.content_width();
        for spans in crate::model::text::paragraphs(&memo.introduction) {
            let pieces = self.spans(&spans, self.styles.body, false, Part::Introduction);
            self.paragraph(&pieces, Pt::ZERO, width, true, Part::Introduction, false);
            self.space(self.styles.body * 0.6);
        }
        for quote in memo.quotes_at(Placement::Introduction) {
            self.quote(quote);
        }
    }

    pub(super) fn quote(&mut self, quote: &Quote) {
        let s = self.styles;
        let (body, small) = (s.body, s.small);
        let indent = body * 2.2;
        let width = self.geometry.content_width() - indent * 2.0;
        let part = Part::Quote(quote.id);
        let text = quote.text.trim();
        if text.is_empty() {
            return;
        }
        let words = text.split_whitespace().count();
        if words > 150 {
            self.warnings.push(Warning {
                part,
                message: format!("a quote of {words} words is long for a memo; consider shortening it to under 150"),
            });
        }
        let spans = crate::model::text::inline(text);
        let (_, scope) = self.tags.enter(Role::BlockQuote);
        let mut pieces = vec![Piece::new("\u{201C}", Face::Italic, body)];
        pieces.extend(self.spans(&spans, body, true, part));
        pieces.push(Piece::new("\u{201D}", Face::Italic, body));
        self.paragraph(&pieces, indent, width, true, part, false);

        let mut attribution = vec![Piece::new(
            format!("\u{2014} {}", quote.attribution.trim()),
            Face::Regular,
            small,
        )];
        // A missing attribution is reported by `Memo::check_on`, not here.
        if quote.attribution.trim().is_empty() {
            attribution.clear();
        }
        let has_source = !quote.source_title.trim().is_empty()
            || !quote.url.trim().is_empty()
            || !quote.date.trim().is_empty();
        if has_source {
            let mut note = Vec::new();
            let mut text = String::new();
            if !quote.attribution.trim().is_empty() {
                text.push_str(quote.attribution.trim());
            }
            for part in [quote.source_title.trim(), quote.date.trim()] {
                if !part.is_empty() {
                    if !text.is_empty() {
                        text.push_str(", ");
                    }
                    text.push_str(part);
                }
            }
            text.push('.');
            note.push(Piece::new(text, Face::Regular, s.note));
            let url = quote.url.trim();
            if crate::model::text::is_allowed_url(url) {
                note.push(Piece::new(" ", Face::Regular, s.note));
                note.push(url_piece(url, s.note));
            }
            let n = self.note(note, part);
            if attribution.is_empty() {
                attribution.push(Piece::new("\u{2014}", Face::Regular, small));
            }
            attribution.push(Self::marker(n, small));
        }
        if !attribution.is_empty() {
            let mut setting = self.setting(width);
            setting.justify = false;
            let mut lines = self.set(&attribution, setting, part);
            let node = self.tags.node(Role::P);
            self.tags.stamp(&mut lines, node);
            for line in lines {
                // The attribution stays with the end of its quote.
                self.blocks.push(Block::Line(Line {
                    height: line.height,
                    indent: indent + body,
                    items: line.items,
                    breakable: false,
                }));
            }
        }
        self.tags.leave(scope);
        self.space(body * 0.7);
    }

    pub(super) fn findings(&mut self) {
        let memo = self.memo;
        if memo.findings.is_empty() {
            return;
        }
        let labels = memo.language.labels();
        let section = self.section(labels.findings, true);
        let width = self.geometry.content_width();
        for (n, finding) in memo.findings.iter().enumerate() {
            let part = Part::Finding(finding.id);
            let title = format!("{} {}: {}", labels.finding, n + 1, finding.title.trim());
            self.space(self.styles.body * 0.5);
            // The bookmark reads as the heading prints, with typographic quotes.
            let mark = crate::model::typography::typographic_quotes(&title, None, memo.language);
            self.blocks.push(Block::Mark(mark.into_owned()));
            let (_, scope) = self.tags.enter(Role::Sect);
            let pieces = [Piece::new(title, Face::Bold, self.styles.finding)];
            self.heading(Role::H2, &pieces, part, false);
            // The assessment line is pushed with `keep`, so the heading stays with it,
            // and the first evidence paragraph stays with both.
            let assessment = [
                Piece::new(
                    format!("{} ", labels.assessment),
                    Face::Bold,
                    self.styles.body,
                ),
                Piece::new(
                    finding.assessment.label(memo.language),
                    Face::Bold,
                    self.styles.body,
                )
                .color(assessment_color(finding.assessment)),
            ];
            self.paragraph(&assessment, Pt::ZERO, width, false, part, true);
            self.space(self.styles.body * 0.3);
            let mut keep = true;
            for (n, spans) in crate::model::text::paragraphs(&finding.evidence)
                .into_iter()
                .enumerate()
            {
                let part = Part::Evidence(finding.id, n);
                let pieces = self.spans(&spans, self.styles.body, false, part);
                self.paragraph(&pieces, Pt::ZERO, width, true, part, keep);
                keep = false;
                self.space(self.styles.body * 0.6);
            }
            for quote in memo.quotes_at(Placement::Finding(finding.id)) {
                self.quote(quote);
            }
            self.tags.leave(scope);
        }
        self.tags.leave(section);
        // Quotes under a removed finding do not print; `Memo::check_on` reports them.
    }

    pub(super) fn recommendations(&mut self) {
        let memo = self.memo;
        if memo.recommendations.is_empty() {
            return;
        }
        let labels = memo.language.labels();
        let section = self.section(labels.recommendations, true);
        let (_, list) = self.tags.enter(Role::NumberedList);
        let body = self.styles.body;
        let hang = body * 2.0;
        let width = self.geometry.content_width() - hang;
        for (i, rec) in memo.recommendations.iter().enumerate() {
            let part = Part::Recommendation(i);
            let (_, item) = self.tags.enter(Role::LI);
            let label = self.tags.node(Role::Lbl);
            let content = self.tags.node(Role::LBody);
            let mut pieces = Vec::new();
            let addressee = rec.addressee.trim();
            if !addressee.is_empty() {
                let sep = if addressee.ends_with([':', '.']) {
                    " "
                } else {
                    ": "
                };
                pieces.push(Piece::new(
                    format!("{addressee}{sep}"),
                    Face::BoldItalic,
                    body,
                ));
            }
            let spans = crate::model::text::inline(&rec.text);
            pieces.extend(self.spans(&spans, body, false, part));
            let mut lines = self.set(&pieces, self.setting(width), part);
            self.tags.stamp(&mut lines, content);
            let number = [Piece::new(format!("{}.", i + 1), Face::Regular, body)];
            let setting = self.setting(hang);
            self.hang_label(&mut lines, &number, setting, hang, (part, label));
            self.push_lines(lines, hang, false);
            self.tags.leave(item);
            self.space(body * 0.4);
        }
        self.tags.leave(list);
        self.tags.leave(section);
    }

    pub(super) fn closing(&mut self) {
        let closing = self.memo.closing.trim();
        if closing.is_empty() {
            return;
        }
        self.space(self.styles.body * 0.6);
        let spans = crate::model::text::inline(closing);
        let pieces = self.spans(&spans, self.styles.body, false, Part::Closing);
        self.paragraph(
            &pieces,
            Pt::ZERO,
            self.geometry.content_width(),
            false,
            Part::Closing,
            false,
        );
    }

    pub(super) fn endnotes(&mut self) {
        if self.notes.is_empty() {
            return;
        }
        let labels = self.memo.language.labels();
        let section = self.section(labels.notes, true);
        let note_size = self.styles.note;
        let hang = note_size * 2.2;
        let width = self.geometry.content_width() - hang;
        let notes = std::mem::take(&mut self.notes);
        for (i, note) in notes.into_iter().enumerate() {
            let mut setting = self.setting(width);
            setting.justify = false;
            setting.hyphenate = false;
            let mut lines = self.set(&note.pieces, setting, note.source);
            // Note n, with the id that its number in the text points at.
            let (id, scope) = self.tags.enter(Role::Note);
            self.tags.set_id(id, format!("note-{}", i + 1));
            let label = self.tags.node(Role::Lbl);
            let content = self.tags.node(Role::P);
            self.tags.stamp(&mut lines, content);
            let number = [Piece::new(format!("{}.", i + 1), Face::Regular, note_size)];
            self.hang_label(&mut lines, &number, setting, hang, (note.source, label));
            self.push_lines(lines, hang, false);
            self.tags.leave(scope);
            self.space(note_size * 0.3);
        }
        self.tags.leave(section);
    }
}

pub(super) fn url_piece(url: &str, size: Pt) -> Piece {
    Piece {
        link: Some(url.to_owned()),
        ..Piece::new(url, Face::Regular, size).color(Color::LINK)
    }
}
