//! Everything geometric: page size and margins, line breaking, pagination with
//! keep-with-next and widow/orphan control, two-column signatories, endnotes, running
//! headers and page numbers. Produces a [`Document`]; never fails, only warns.
//! Uses model and fonts; never egui or printpdf.

mod bidi;
mod body;
mod document;
mod flow;
mod furniture;
mod header;
mod letterhead;
mod missing;
mod setter;
mod signatories;
mod structure;
mod text;

pub use document::{
    Adjust, Bookmark, Color, DocInfo, Document, Image, ImageSource, Inline, Item, Link, Order,
    Page, Point, Pt, Rect, Rule, Segment, TextRun,
};
pub use structure::{Node, NodeId, Role, Structure, Tag};
pub use text::ParagraphCache;

use crate::fonts::{Face, Fonts};
/// The memo part an item came from: layout's vocabulary for "where on the page is what",
/// which the painters and the preview's hit-testing use without reaching into `model`.
pub use crate::model::Part;
use crate::model::{
    Alignment, Assessment, Issue, Memo, PageSetup, Placement, Quote, Severity, text::Span,
};
use std::borrow::Cow;

use crate::model::typography::typographic_quotes;
use body::url_piece;
use flow::{Block, Entry, Flow, Line};
use furniture::furniture;
use setter::Setter;
use structure::{Scope, Tagger};
use text::{Piece, SetLine, Setting};

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
    /// Every problem to show the author, each once: the memo's own check (content, with
    /// dates judged against `today`) and what layout had to compromise on (as warnings).
    /// The editor's problems panel, its export question and `memodraft check` list
    /// exactly this.
    pub fn problems(&self, memo: &Memo, today: jiff::civil::Date) -> Vec<Issue> {
        let mut problems = memo.check_on(today);
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
    let setter = match cache {
        Some(cache) => Setter::Cached(cache),
        // A long memo laid out once: a first pass records the paragraphs, which are set
        // on every core, and the second pass takes them.
        None if text_bytes(memo) >= setter::PARALLEL_BYTES && crate::parallel::threads() > 1 => {
            let recorded = sections(Builder::new(memo, fonts, setup, Setter::recorder()));
            Setter::prepared(fonts, memo.language, recorded.setter.into_requests())
        }
        None => Setter::Direct,
    };
    let mut builder = sections(Builder::new(memo, fonts, setup, setter));
    builder.warnings.extend(missing::warnings(memo, fonts));
    let Builder {
        blocks,
        mut warnings,
        geometry,
        styles,
        tags,
        images,
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
        structure: tags.finish(),
        images,
    };
    furniture(&mut document, memo, fonts, &geometry, &styles);
    Laid { document, warnings }
}

/// The memo's parts in the order they print.
fn sections(mut builder: Builder<'_>) -> Builder<'_> {
    builder.letterhead();
    builder.header();
    builder.introduction();
    builder.findings();
    builder.recommendations();
    builder.closing();
    builder.signatories();
    builder.endnotes();
    builder
}

/// About how much text `memo` prints: what decides whether its paragraphs are worth
/// setting on several threads.
fn text_bytes(memo: &Memo) -> usize {
    let findings: usize = memo
        .findings
        .iter()
        .map(|f| f.title.len() + f.evidence.len())
        .sum();
    let quotes: usize = memo
        .quotes
        .iter()
        .map(|q| q.text.len() + q.attribution.len() + q.source_title.len())
        .sum();
    let recommendations: usize = memo.recommendations.iter().map(|r| r.text.len()).sum();
    let signatories: usize = memo
        .signatories
        .iter()
        .map(|s| s.organization.len() + s.city.len() + s.country.len())
        .sum();
    memo.introduction.len() + findings + quotes + recommendations + signatories
}

fn info(memo: &Memo) -> DocInfo {
    let heading = memo.printed_heading();
    let title = if memo.subject.trim().is_empty() {
        heading.to_owned()
    } else {
        // As printed, so a viewer's title bar shows what the page does.
        typographic_quotes(memo.subject.trim(), None, memo.language).into_owned()
    };
    let recipients: Vec<String> = memo
        .to
        .iter()
        .map(|r| r.name.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    let subject = if recipients.is_empty() {
        heading.to_owned()
    } else {
        // "MEMORANDUM to ...", "MEMORÁNDUM para ...": the TO label as a word.
        let to = memo
            .language
            .labels()
            .to
            .trim_end_matches(':')
            .to_lowercase();
        format!("{heading} {to} {}", recipients.join("; "))
    };
    let mut keywords = vec![heading.to_lowercase()];
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
        language: memo.language.code(),
    }
}

/// `pieces` with straight quotes and apostrophes made typographic, each piece read after
/// the one before it (`*don*'t` has its apostrophe after the n); borrowed when there are
/// none, which is most paragraphs.
fn typographic(pieces: &[Piece], language: crate::model::Language) -> Cow<'_, [Piece]> {
    if !pieces.iter().any(|p| p.text.contains(['"', '\''])) {
        return Cow::Borrowed(pieces);
    }
    let mut before = None;
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let text = typographic_quotes(&piece.text, before, language).into_owned();
        before = text.chars().last().or(before);
        out.push(Piece {
            text,
            ..piece.clone()
        });
    }
    Cow::Owned(out)
}

/// `pieces` with each character no available font has replaced by the placeholder
/// (`fonts::PLACEHOLDER`), so that it prints as a visible box in both painters;
/// borrowed when nothing is missing.
fn printable<'a>(pieces: &'a [Piece], fonts: &Fonts) -> Cow<'a, [Piece]> {
    if pieces
        .iter()
        .all(|p| matches!(fonts.printable(p.face, &p.text), Cow::Borrowed(_)))
    {
        return Cow::Borrowed(pieces);
    }
    Cow::Owned(
        pieces
            .iter()
            .map(|piece| Piece {
                text: fonts.printable(piece.face, &piece.text).into_owned(),
                ..piece.clone()
            })
            .collect(),
    )
}

/// A source for an endnote: quote sources and links in the text.
struct Note {
    pieces: Vec<Piece>,
    source: Part,
}

struct Builder<'a> {
    memo: &'a Memo,
    fonts: &'a Fonts,
    setter: Setter<'a>,
    geometry: Geometry,
    styles: Styles,
    blocks: Vec<Block>,
    notes: Vec<Note>,
    warnings: Vec<Warning>,
    /// Set by a section heading: the next line may not start a page.
    keep_next: bool,
    /// The structure of the memo for the tagged PDF, built part by part.
    tags: Tagger,
    /// The images placed so far, for the document's table.
    images: std::collections::BTreeMap<crate::images::ImageKey, ImageSource>,
}

impl<'a> Builder<'a> {
    fn new(memo: &'a Memo, fonts: &'a Fonts, setup: &PageSetup, setter: Setter<'a>) -> Self {
        Self {
            memo,
            fonts,
            setter,
            geometry: Geometry::of(setup),
            styles: Styles::of(setup),
            blocks: Vec::new(),
            notes: Vec::new(),
            warnings: Vec::new(),
            keep_next: false,
            tags: Tagger::new(),
            images: std::collections::BTreeMap::new(),
        }
    }

    /// Sets `pieces` as a paragraph, with typographic quotes and apostrophes.
    fn set(&self, pieces: &[Piece], setting: Setting, source: Part) -> Vec<SetLine> {
        self.setter
            .set(self.fonts, self.memo.language, pieces, setting, source)
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
    /// of `lines`, which are indented by `hang`; the label's words are content of `node`.
    fn hang_label(
        &mut self,
        lines: &mut [SetLine],
        label: &[Piece],
        setting: Setting,
        hang: Pt,
        (source, node): (Part, NodeId),
    ) {
        let mut set = self.set(label, setting, source);
        self.tags.stamp(&mut set, node);
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
        let mut lines = self.set(pieces, setting, source);
        let node = self.tags.node(Role::P);
        self.tags.stamp(&mut lines, node);
        self.push_lines(lines, indent, keep);
    }

    /// A heading of `role` across the full width, never justified.
    fn heading(&mut self, role: Role, pieces: &[Piece], source: Part, keep: bool) {
        let setting = Setting {
            justify: false,
            ..self.setting(self.geometry.content_width())
        };
        let mut lines = self.set(pieces, setting, source);
        let node = self.tags.node(role);
        self.tags.stamp(&mut lines, node);
        self.push_lines(lines, Pt::ZERO, keep);
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
            reference: true,
            ..Piece::new(n.to_string(), Face::Regular, size * 0.65)
        }
    }

    /// Opens a section with its heading; what follows is in it until the caller leaves
    /// the returned scope.
    fn section(&mut self, title: &str, bookmark: bool) -> Scope {
        self.space(self.styles.body * 1.1);
        if bookmark {
            self.blocks.push(Block::Mark(title.to_owned()));
        }
        let (_, scope) = self.tags.enter(Role::Sect);
        let pieces = [Piece::new(title, Face::Bold, self.styles.section)];
        self.heading(Role::H1, &pieces, Part::Furniture, false);
        self.space(self.styles.body * 0.3);
        self.keep_next = true;
        scope
    }
}
