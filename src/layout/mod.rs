//! Everything geometric: page size and margins, line breaking, pagination with
//! keep-with-next and widow/orphan control, two-column signatories, endnotes, running
//! headers and page numbers. Produces a [`Document`]; never fails, only warns.
//! Uses model and fonts; never egui or printpdf.

mod document;
mod flow;
mod text;

pub use document::{
    Adjust, Bookmark, Color, DocInfo, Document, Item, Link, Page, Point, Pt, Rect, Rule, Segment,
    TextRun,
};
pub use text::ParagraphCache;

use crate::fonts::{Face, Fonts};
/// The memo part an item came from: layout's vocabulary for "where on the page is what",
/// which the painters and the preview's hit-testing use without reaching into `model`.
pub use crate::model::Part;
use crate::model::{
    Alignment, Assessment, Issue, Memo, PageSetup, Placement, Quote, Severity, text::Span,
};
use flow::{Block, Entry, Flow, Line};
use text::{Piece, SetLine, Setting, set_paragraph};

/// A laid-out memo and what the author should know about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Laid {
    pub document: Document,
    pub warnings: Vec<Warning>,
}

/// Something layout had to compromise on, with where it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub part: Part,
    pub message: String,
}

impl Laid {
    /// Every problem to show the author, each once: the memo's own check (content) and
    /// what layout had to compromise on (as warnings). The editor's problems panel and
    /// the export confirmation list exactly this.
    pub fn problems(&self, memo: &Memo) -> Vec<Issue> {
        let mut problems = memo.check();
        problems.extend(self.warnings.iter().map(|w| Issue {
            severity: Severity::Warning,
            part: w.part,
            message: w.message.clone(),
        }));
        problems
    }
}

/// The page geometry derived from a [`PageSetup`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    pub width: Pt,
    pub height: Pt,
    pub top: Pt,
    pub bottom: Pt,
    pub left: Pt,
    pub right: Pt,
}

impl Geometry {
    /// Page size and margins in points. Margins too large for the paper are shrunk so
    /// that at least a third of each dimension stays for text.
    pub fn of(setup: &PageSetup) -> Self {
        let (w_mm, h_mm) = setup.paper.size_mm();
        let (width, height) = (Pt::from_mm(w_mm), Pt::from_mm(h_mm));
        let clamp = |mm: f32, room: Pt| {
            let mm = if mm.is_finite() { mm } else { 25.4 };
            Pt::from_mm(mm.max(5.0)).min(room / 3.0)
        };
        let m = setup.margins_mm;
        Self {
            width,
            height,
            top: clamp(m.top, height),
            bottom: clamp(m.bottom, height),
            left: clamp(m.left, width),
            right: clamp(m.right, width),
        }
    }

    pub fn content_width(&self) -> Pt {
        self.width - self.left - self.right
    }
}

/// Style constants, in points at an 11 pt body.
#[derive(Clone, Copy)]
struct Styles {
    body: Pt,
    small: Pt,
    note: Pt,
    section: Pt,
    finding: Pt,
    heading: Pt,
    leading: f32,
    justify: bool,
}

impl Styles {
    fn of(setup: &PageSetup) -> Self {
        let body = if setup.font_size_pt.is_finite() {
            setup.font_size_pt.clamp(6.0, 24.0)
        } else {
            11.0
        };
        let k = body / 11.0;
        Self {
            body: Pt(body),
            small: Pt(9.5 * k),
            note: Pt(9.0 * k),
            section: Pt(13.0 * k),
            finding: Pt(11.5 * k),
            heading: Pt(20.0 * k),
            leading: 1.3,
            justify: setup.alignment == Alignment::Justified,
        }
    }
}

const ASSESSMENT_COLORS: [(Assessment, Color); 4] = [
    (Assessment::NotMet, Color::rgb(139, 0, 0)),
    (Assessment::PartiallyMet, Color::rgb(150, 85, 0)),
    (Assessment::Met, Color::rgb(0, 100, 0)),
    (Assessment::NotAssessed, Color::GRAY),
];

fn assessment_color(a: Assessment) -> Color {
    ASSESSMENT_COLORS
        .iter()
        .find(|(x, _)| *x == a)
        .map_or(Color::BLACK, |(_, c)| *c)
}

/// A header row: its label and its values (pieces and where they came from).
type Row<'a> = (&'a str, Vec<(Vec<Piece>, Part)>);

/// Lays out `memo` on pages described by `setup`.
pub fn layout(memo: &Memo, fonts: &Fonts, setup: &PageSetup) -> Laid {
    build(memo, fonts, setup, None)
}

/// Lays out `memo` like [`layout`], setting again only the paragraphs not in `cache`: the
/// editor's path, where one keystroke changes one paragraph.
pub fn layout_cached(
    memo: &Memo,
    fonts: &Fonts,
    setup: &PageSetup,
    cache: &ParagraphCache,
) -> Laid {
    let laid = build(memo, fonts, setup, Some(cache));
    cache.sweep();
    laid
}

fn build(memo: &Memo, fonts: &Fonts, setup: &PageSetup, cache: Option<&ParagraphCache>) -> Laid {
    let mut builder = Builder {
        memo,
        fonts,
        cache,
        geometry: Geometry::of(setup),
        styles: Styles::of(setup),
        blocks: Vec::new(),
        notes: Vec::new(),
        warnings: Vec::new(),
        keep_next: false,
    };
    builder.header();
    builder.introduction();
    builder.findings();
    builder.recommendations();
    builder.closing();
    builder.signatories();
    builder.endnotes();
    let Builder {
        blocks,
        mut warnings,
        geometry,
        styles,
        ..
    } = builder;

    let mut flow = Flow::new(geometry);
    for block in blocks {
        flow.place(block, &mut warnings);
    }
    let (pages, outline) = flow.finish();
    let mut document = Document {
        pages,
        info: info(memo),
        outline,
    };
    furniture(&mut document, memo, fonts, &geometry, &styles);
    Laid { document, warnings }
}

fn info(memo: &Memo) -> DocInfo {
    let title = if memo.subject.trim().is_empty() {
        memo.heading.trim().to_owned()
    } else {
        memo.subject.trim().to_owned()
    };
    let recipients: Vec<String> = memo
        .to
        .iter()
        .map(|r| r.name.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    let subject = if recipients.is_empty() {
        memo.heading.trim().to_owned()
    } else {
        format!("{} to {}", memo.heading.trim(), recipients.join("; "))
    };
    let mut keywords = vec![memo.heading.trim().to_lowercase()];
    keywords.extend(
        memo.findings
            .iter()
            .map(|f| f.title.trim().to_owned())
            .filter(|t| !t.is_empty()),
    );
    DocInfo {
        title,
        author: memo.from_line(),
        subject,
        keywords,
        language: match memo.language {
            crate::model::Language::English => "en",
            crate::model::Language::Spanish => "es",
        },
    }
}

/// A source for an endnote: quote sources and links in the text.
struct Note {
    pieces: Vec<Piece>,
    source: Part,
}

struct Builder<'a> {
    memo: &'a Memo,
    fonts: &'a Fonts,
    cache: Option<&'a ParagraphCache>,
    geometry: Geometry,
    styles: Styles,
    blocks: Vec<Block>,
    notes: Vec<Note>,
    warnings: Vec<Warning>,
    /// Set by a section heading: the next line may not start a page.
    keep_next: bool,
}

impl Builder<'_> {
    fn set(&self, pieces: &[Piece], setting: Setting, source: Part) -> Vec<SetLine> {
        match self.cache {
            Some(cache) => cache.set(self.fonts, pieces, setting, source),
            None => set_paragraph(self.fonts, pieces, setting, source),
        }
    }

    fn setting(&self, width: Pt) -> Setting {
        Setting {
            width,
            justify: self.styles.justify,
            language: self.memo.language,
            leading: self.styles.leading,
            hyphenate: true,
        }
    }

    /// Sets `label` (a list number, a header label) in the space `hang` left of the first
    /// of `lines`, which are indented by `hang`.
    fn hang_label(
        &self,
        lines: &mut [SetLine],
        label: &[Piece],
        setting: Setting,
        hang: Pt,
        source: Part,
    ) {
        let set = self.set(label, setting, source);
        if let (Some(first), Some(label)) = (lines.first_mut(), set.into_iter().next()) {
            first.items.extend(
                label
                    .items
                    .into_iter()
                    .map(|item| item.translated(-hang, Pt::ZERO)),
            );
        }
    }

    fn space(&mut self, h: Pt) {
        self.blocks.push(Block::Space(h));
    }

    /// Sets a paragraph and appends its lines with widow and orphan control. The first
    /// line may not start a page when `keep` is set (it follows a heading).
    fn paragraph(
        &mut self,
        pieces: &[Piece],
        indent: Pt,
        width: Pt,
        justify: bool,
        source: Part,
        keep: bool,
    ) {
        let mut setting = self.setting(width);
        setting.justify &= justify;
        let lines = self.set(pieces, setting, source);
        self.push_lines(lines, indent, keep);
    }

    /// Appends a paragraph's lines: no page break after its first line or before its
    /// last (no orphan or widow), nor before the first when `keep` ties it to what came
    /// before.
    fn push_lines(&mut self, lines: Vec<text::SetLine>, indent: Pt, keep: bool) {
        let keep = keep || std::mem::take(&mut self.keep_next);
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let breakable = if i == 0 { !keep } else { i >= 2 && n - i >= 2 };
            self.blocks.push(Block::Line(Line {
                height: line.height,
                indent,
                items: line.items,
                breakable,
            }));
        }
    }

    /// Pieces of inline Markdown spans in the body style, with endnotes for links.
    fn spans(&mut self, spans: &[Span], size: Pt, italic: bool, source: Part) -> Vec<Piece> {
        let mut pieces = Vec::with_capacity(spans.len());
        let mut iter = spans.iter().peekable();
        while let Some(span) = iter.next() {
            let mut piece = Piece::new(
                span.text.clone(),
                Face::styled(span.bold, span.italic ^ italic),
                size,
            );
            if let Some(url) = &span.link
                && crate::model::text::is_allowed_url(url)
            {
                piece.link = Some(url.trim().to_owned());
                piece.color = Color::LINK;
            }
            let link = piece.link.clone();
            pieces.push(piece);
            // After the last span of a link, a superscript note number pointing at the URL.
            let ends_link = link.is_some() && iter.peek().is_none_or(|next| next.link != span.link);
            if let (true, Some(url)) = (ends_link, link) {
                let text: String = spans
                    .iter()
                    .filter(|s| s.link.as_deref() == Some(url.as_str()))
                    .map(|s| s.text.as_str())
                    .collect();
                // A link whose text already shows its address needs no note.
                let bare = url
                    .trim_start_matches("mailto:")
                    .trim_start_matches("https://")
                    .trim_start_matches("http://");
                if text.trim().trim_end_matches('/') == bare.trim_end_matches('/') {
                    continue;
                }
                let n = self.note(
                    vec![
                        Piece::new(
                            format!("{}: ", text.trim()),
                            Face::Regular,
                            self.styles.note,
                        ),
                        url_piece(&url, self.styles.note),
                    ],
                    source,
                );
                pieces.push(Self::marker(n, size));
            }
        }
        pieces
    }

    fn note(&mut self, pieces: Vec<Piece>, source: Part) -> usize {
        self.notes.push(Note { pieces, source });
        self.notes.len()
    }

    fn marker(n: usize, size: Pt) -> Piece {
        Piece {
            rise: size * 0.33,
            ..Piece::new(n.to_string(), Face::Regular, size * 0.65)
        }
    }

    fn section(&mut self, title: &str, bookmark: bool) {
        self.space(self.styles.body * 1.1);
        if bookmark {
            self.blocks.push(Block::Mark(title.to_owned()));
        }
        let pieces = [Piece::new(title, Face::Bold, self.styles.section)];
        self.paragraph(
            &pieces,
            Pt::ZERO,
            self.geometry.content_width(),
            false,
            Part::Furniture,
            false,
        );
        self.space(self.styles.body * 0.3);
        self.keep_next = true;
    }

    fn header(&mut self) {
        let memo = self.memo;
        let s = self.styles;
        let width = self.geometry.content_width();
        // The heading label, centred and letter-spaced.
        let heading = memo.heading.trim();
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
        rows.push((labels.from, vec![(plain(memo.from_line()), Part::From)]));
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
        for (label, values) in rows {
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
                if first {
                    // Labels sit in the first line of their row, left of the tab; a click
                    // on one opens the row's part.
                    let label = [Piece::new(label, Face::Bold, body)];
                    self.hang_label(&mut lines, &label, self.setting(tab), tab, row_part);
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
            self.space(body * 0.35);
        }
        self.space(body * 0.2);
        let thickness = Pt(0.8);
        let y = thickness / 2.0;
        let rule = Rule {
            from: Point::new(Pt::ZERO, y),
            to: Point::new(width, y),
            thickness,
            color: Color::BLACK,
            source: Part::Furniture,
        };
        self.blocks.push(Block::Line(Line {
            height: thickness,
            indent: Pt::ZERO,
            items: vec![Item::Rule(rule)],
            breakable: false,
        }));
        self.space(body * 0.9);
    }

    fn introduction(&mut self) {
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

    fn quote(&mut self, quote: &Quote) {
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
        let mut pieces = vec![Piece::new("\u{201C}", Face::Italic, body)];
        pieces.extend(self.spans(&spans, body, true, part));
        pieces.push(Piece::new("\u{201D}", Face::Italic, body));
        self.paragraph(&pieces, indent, width, true, part, false);

        let mut attribution = vec![Piece::new(
            format!("\u{2014} {}", quote.attribution.trim()),
            Face::Regular,
            small,
        )];
        // A missing attribution is reported by `Memo::check`, not here.
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
            let lines = self.set(&attribution, setting, part);
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
        self.space(body * 0.7);
    }

    fn findings(&mut self) {
        let memo = self.memo;
        if memo.findings.is_empty() {
            return;
        }
        let labels = memo.language.labels();
        self.section(labels.findings, true);
        let width = self.geometry.content_width();
        for (n, finding) in memo.findings.iter().enumerate() {
            let part = Part::Finding(finding.id);
            let title = format!("{} {}: {}", labels.finding, n + 1, finding.title.trim());
            self.space(self.styles.body * 0.5);
            self.blocks.push(Block::Mark(title.clone()));
            let pieces = [Piece::new(title, Face::Bold, self.styles.finding)];
            self.paragraph(&pieces, Pt::ZERO, width, false, part, false);
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
        }
        // Quotes under a removed finding do not print; `Memo::check` reports them.
    }

    fn recommendations(&mut self) {
        let memo = self.memo;
        if memo.recommendations.is_empty() {
            return;
        }
        let labels = memo.language.labels();
        self.section(labels.recommendations, true);
        let body = self.styles.body;
        let hang = body * 2.0;
        let width = self.geometry.content_width() - hang;
        for (i, rec) in memo.recommendations.iter().enumerate() {
            let part = Part::Recommendation(i);
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
            let number = [Piece::new(format!("{}.", i + 1), Face::Regular, body)];
            self.hang_label(&mut lines, &number, self.setting(hang), hang, part);
            self.push_lines(lines, hang, false);
            self.space(body * 0.4);
        }
    }

    fn closing(&mut self) {
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

    fn signatories(&mut self) {
        let memo = self.memo;
        let groups = crate::model::order::printed_groups(memo);
        if groups.iter().all(|(_, members)| members.is_empty()) {
            return;
        }
        let labels = memo.language.labels();
        self.section(labels.signatories, true);
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
                self.paragraph(&pieces, Pt::ZERO, width, false, Part::Furniture, false);
                self.space(self.styles.body * 0.25);
                self.keep_next = true;
            }
            let mut entries = Vec::with_capacity(members.len());
            for (i, s) in members {
                entries.push(self.signatory_entry(i, s, column, grouped));
            }
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
    }

    /// One organization in the two-column list: its name (with the short name), and
    /// city and country below (city only when grouped by country).
    fn signatory_entry(
        &self,
        i: usize,
        s: &crate::model::Signatory,
        column: Pt,
        grouped: bool,
    ) -> Entry {
        let part = Part::Signatory(i);
        let mut name = s.organization.trim().to_owned();
        let short = s.short_name.trim();
        if !short.is_empty() && !name.contains(short) {
            name = format!("{name} ({short})");
        }
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
            lines.extend(self.set(
                &[Piece::new(place, Face::Italic, self.styles.small).color(Color::GRAY)],
                setting,
                part,
            ));
        }
        Entry {
            lines,
            gap_after: self.styles.body * 0.45,
        }
    }

    fn endnotes(&mut self) {
        if self.notes.is_empty() {
            return;
        }
        let labels = self.memo.language.labels();
        self.section(labels.notes, true);
        let note_size = self.styles.note;
        let hang = note_size * 2.2;
        let width = self.geometry.content_width() - hang;
        let notes = std::mem::take(&mut self.notes);
        for (i, note) in notes.into_iter().enumerate() {
            let mut setting = self.setting(width);
            setting.justify = false;
            setting.hyphenate = false;
            let mut lines = self.set(&note.pieces, setting, note.source);
            let number = [Piece::new(format!("{}.", i + 1), Face::Regular, note_size)];
            self.hang_label(&mut lines, &number, setting, hang, note.source);
            self.push_lines(lines, hang, false);
            self.space(note_size * 0.3);
        }
    }
}

fn url_piece(url: &str, size: Pt) -> Piece {
    Piece {
        link: Some(url.to_owned()),
        ..Piece::new(url, Face::Regular, size).color(Color::LINK)
    }
}

/// Letter-spaces every run of a line by `tracking` and centres it in `width`.
fn track_and_center(line: &mut text::SetLine, tracking: Pt, width: Pt) {
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

/// Running headers on pages 2+, "Page X of Y" on every page.
fn furniture(document: &mut Document, memo: &Memo, fonts: &Fonts, g: &Geometry, s: &Styles) {
    let total = document.pages.len();
    let (page_word, of_word) = memo.language.labels().page_of;
    let size = s.note;
    let date = memo
        .date
        .map(|d| memo.language.format_date(d))
        .unwrap_or_default();
    let width = g.content_width();
    let run = |text: String, face: Face, x: Pt, y: Pt| {
        let m = fonts.measure(face, &text);
        TextRun {
            origin: Point::new(x, y),
            face,
            size,
            color: Color::GRAY,
            adjust: m
                .kerns
                .iter()
                .map(|k| Adjust {
                    at: k.at,
                    dx: Pt(k.dx * size.0),
                })
                .collect(),
            width: Pt(m.advance * size.0),
            text,
            ascent: Pt(fonts.ascent(face) * size.0),
            descent: Pt(fonts.descent(face) * size.0),
            source: Part::Furniture,
        }
    };
    let header_base = (g.top - size * 2.2).max(size * 1.2);
    let footer_base = (g.height - g.bottom + size * 2.6).min(g.height - size * 0.8);
    for (i, page) in document.pages.iter_mut().enumerate() {
        if i > 0 {
            let date_run = run(date.clone(), Face::Regular, Pt::ZERO, header_base);
            let date_x = g.left + width - date_run.width;
            let room = width - date_run.width - size * 2.0;
            let subject = ellipsize(fonts, memo.subject.trim(), Face::Italic, size, room);
            page.items
                .push(Item::Text(run(subject, Face::Italic, g.left, header_base)));
            page.items.push(Item::Text(TextRun {
                origin: Point::new(date_x, header_base),
                ..date_run
            }));
            let rule_y = header_base + size * 0.6;
            page.items.push(Item::Rule(Rule {
                from: Point::new(g.left, rule_y),
                to: Point::new(g.left + width, rule_y),
                thickness: Pt(0.4),
                color: Color::GRAY,
                source: Part::Furniture,
            }));
        }
        let number = run(
            format!("{page_word} {} {of_word} {total}", i + 1),
            Face::Regular,
            Pt::ZERO,
            footer_base,
        );
        let x = g.left + (width - number.width) / 2.0;
        page.items.push(Item::Text(TextRun {
            origin: Point::new(x, footer_base),
            ..number
        }));
    }
}

/// `text` cut with an ellipsis to fit `room`.
fn ellipsize(fonts: &Fonts, text: &str, face: Face, size: Pt, room: Pt) -> String {
    if Pt(fonts.measure(face, text).advance * size.0) <= room {
        return text.to_owned();
    }
    let ellipsis = fonts.advance(face, '\u{2026}') * size.0;
    let mut width = ellipsis;
    let mut out = String::new();
    for c in text.chars() {
        width += fonts.advance(face, c) * size.0;
        if width > room.0 {
            break;
        }
        out.push(c);
    }
    format!("{}\u{2026}", out.trim_end())
}
