//! The PDF painter: one function, [`export`], that draws a laid-out [`Document`] as a
//! tagged PDF: the page content streams written here as bytes (`content.rs`), printpdf
//! for the document around them (embedded subset fonts with their widths and `ToUnicode`
//! maps, pages, link annotations, Info), and with lopdf what printpdf does not write
//! (`tagged.rs`: the structure tree; `xmp.rs`: the XMP metadata; `outline.rs`). Uses
//! layout, fonts, printpdf and lopdf; never the model or egui. It does not break lines
//! or pages.

mod content;
mod images;
mod outline;
mod shaped;
mod tagged;
mod xmp;

use std::collections::BTreeMap;

use fixedbitset::FixedBitSet;

use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{
    Actions, Codepoint, FontMetrics, LinkAnnotation, Mm, Op, ParsedFont, PdfDocument,
    PdfFontHandle, PdfFontMetricsStub, PdfPage, PdfSaveOptions, TextItem,
};

pub use content::{Shown, for_each_shown};

use crate::fonts::{Face, Fallback, FontError, Fonts, SubsetGlyphs};
use crate::layout::{Color, Document, Item, Page, Pt, TextRun};
use content::{Content, Glyphs};
use tagged::PageTags;

/// What the Info dictionary and the XMP metadata name as the writer of the file.
const PRODUCER: &str = concat!("memodraft ", env!("CARGO_PKG_VERSION"), " (printpdf)");

/// Options of an export.
#[derive(Clone, Debug, Default)]
pub struct PdfOptions {
    /// Creation date written into the PDF; `None` means now.
    pub created: Option<jiff::Timestamp>,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(transparent)]
    Font(#[from] FontError),
    #[error("the PDF writer failed: {0}")]
    Write(String),
}

/// The font file a run is drawn with.
type FontKey = (Face, Option<Fallback>);

/// Draws `doc` as PDF bytes.
pub fn export(doc: &Document, fonts: &Fonts, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    if !images::any(doc) {
        return write(doc, fonts, opts, images::EncodedImages::new);
    }
    // The images are decoded and compressed on a thread of their own meanwhile.
    std::thread::scope(|scope| {
        let encoding = scope.spawn(|| images::encode(doc));
        write(doc, fonts, opts, move || {
            encoding.join().unwrap_or_else(|_| images::encode(doc))
        })
    })
}

/// [`export`], with the images `doc` draws made into `XObject`s by `images` (called once
/// the rest of the document is written).
fn write(
    doc: &Document,
    fonts: &Fonts,
    opts: &PdfOptions,
    images: impl FnOnce() -> images::EncodedImages,
) -> Result<Vec<u8>, PdfError> {
    let mut pdf = PdfDocument::new(&doc.info.title);
    let created = opts.created.unwrap_or_else(jiff::Timestamp::now);
    set_info(&mut pdf, doc, created);

    // Embed each font the document uses (a bundled face, or a fallback font installed on
    // the machine), subset to the characters it draws and the glyphs the shaper chose.
    let mut used: BTreeMap<FontKey, Used> = BTreeMap::new();
    for page in &doc.pages {
        for run in page.texts() {
            let used = used.entry(font_key(run)).or_default();
            used.chars.extend(&run.text);
            if run.shaped {
                for piece in shaped::pieces(run, fonts) {
                    let Some(measured) = &piece.shaped else {
                        continue;
                    };
                    let own = |c| fonts.glyph_in(run.face, run.fallback, c);
                    for (gid, text) in shaped::glyph_texts(&piece.word, measured, own) {
                        used.shaped.entry(gid).or_insert(text);
                    }
                }
            }
        }
    }
    // Each font's glyph numbering in its subset is known before the subset is made, so
    // the pages are drawn while the fonts are subset (most of a short memo's export).
    let used: Vec<FontUse> = used
        .into_iter()
        .map(|(key @ (face, fallback), used)| {
            let shaped: Vec<u16> = used.shaped.keys().copied().collect();
            let subset = fonts.subset_glyphs(face, fallback, used.chars.iter(), &shaped);
            // Each character with its own glyph, numbered as in the subset.
            let shown = used
                .chars
                .iter()
                .filter_map(|c| Some((c, subset.glyph(fonts.glyph_in(face, fallback, c)?)?)))
                .collect();
            FontUse {
                key,
                used,
                subset,
                shown,
            }
        })
        .collect();
    let mut glyphs: BTreeMap<FontKey, Glyphs> = BTreeMap::new();
    for (index, font) in used.iter().enumerate() {
        let shaped = font
            .used
            .shaped
            .keys()
            .filter_map(|&gid| Some((gid, font.subset.glyph(gid)?)));
        let glyphs_of =
            Glyphs::new(format!("F{}", index + 1), font.shown.iter().copied()).with_shaped(shaped);
        // A font none of whose glyphs is shown is left out (printpdf would leave it
        // out), and so are its runs.
        if !glyphs_of.is_empty() {
            glyphs.insert(font.key, glyphs_of);
        }
    }
    let (embedded, drawn) = crate::parallel::map_meanwhile(
        &used,
        |font| embeddable(fonts, font.key, &font.subset, &font.shown),
        || draw_pages(doc, fonts, &glyphs),
    );
    // printpdf embeds a font with the widths and `ToUnicode` entries of the glyphs its
    // pages' operators show, and only then: the first page shows each font's glyphs
    // once, and its content stream is then replaced by the one written here.
    let mut registering = Vec::with_capacity(used.len() * 3);
    let mut font_names = BTreeMap::new();
    let mut resource_names = BTreeMap::new();
    let mut deflated_fonts = Vec::with_capacity(used.len());
    let mut exact_widths = BTreeMap::new();
    for (
        FontUse {
            key, used, subset, ..
        },
        font,
    ) in used.iter().zip(embedded)
    {
        let Embeddable {
            parsed,
            name,
            bytes,
            deflated,
        } = font?;
        let Some(resource) = glyphs.get(key).map(|g| g.name.clone()) else {
            continue;
        };
        let id = pdf.add_font(&parsed);
        deflated_fonts.extend(deflated.map(|deflated| (bytes, deflated)));
        registering.push(Op::SetFont {
            font: PdfFontHandle::External(id.clone()),
            size: printpdf::Pt(1.0),
        });
        let shaped: Vec<Codepoint> = used
            .shaped
            .iter()
            .filter_map(|(&gid, text)| {
                Some(Codepoint::with_cid(subset.glyph(gid)?, 0.0, text.clone()))
            })
            .collect();
        if !shaped.is_empty() {
            // Before the characters: a glyph that is also a character's own maps to that
            // character, and printpdf keeps the last mapping it sees.
            registering.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(shaped)],
            });
        }
        registering.push(Op::ShowText {
            items: vec![TextItem::Text(used.chars.iter().collect())],
        });
        let base_font = format!("{}+{name}", subset_tag(&name, used.chars.iter()));
        exact_widths.insert(base_font.clone(), (*key, subset));
        font_names.insert(id.0.clone(), base_font);
        resource_names.insert(id.0, resource);
    }

    let mut pages = Vec::with_capacity(doc.pages.len());
    for (index, page) in doc.pages.iter().enumerate() {
        let mut page_ops = if index == 0 {
            std::mem::take(&mut registering)
        } else {
            Vec::new()
        };
        page_ops.extend(page.items.iter().filter_map(|item| match item {
            Item::Link(link) => Some(link_op(link, page.height)),
            Item::Text(_) | Item::Rule(_) | Item::Image(_) => None,
        }));
        pages.push(PdfPage::new(
            Mm(page.width.to_mm()),
            Mm(page.height.to_mm()),
            page_ops,
        ));
    }
    pdf.with_pages(pages);

    let save = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: false,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = printpdf::to_lopdf_doc(&pdf, &save, &mut warnings);
    // PDF/UA-1 builds on ISO 32000-1 (PDF 1.7); printpdf writes a 1.3 header.
    "1.7".clone_into(&mut lo.version);
    let (streams, mut page_tags): (Vec<lopdf::Stream>, Vec<PageTags>) = drawn.into_iter().unzip();
    set_contents(&mut lo, streams).map_err(|e| PdfError::Write(e.to_string()))?;
    name_fonts(&mut lo, &font_names, &resource_names)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    set_exact_widths(&mut lo, fonts, &exact_widths);
    finish(&mut lo, doc).map_err(|e| PdfError::Write(e.to_string()))?;
    images::draw(&mut lo, doc, &mut page_tags, images())?;
    tagged::write(&mut lo, doc, &page_tags).map_err(|e| PdfError::Write(e.to_string()))?;
    add_metadata(&mut lo, doc, created).map_err(|e| PdfError::Write(e.to_string()))?;
    put_deflated_fonts(&mut lo, &deflated_fonts);
    compress(&mut lo);
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

/// One font file a document draws with: what it draws, its subset's glyphs, and each
/// character it shows with its own glyph, numbered as in the subset.
struct FontUse {
    key: FontKey,
    used: Used,
    subset: SubsetGlyphs,
    shown: Vec<(char, u16)>,
}

/// What a document draws with one font file: characters, each with its own glyph, and
/// the glyphs the shaper chose (id in the font file, and what each stands for).
#[derive(Default)]
struct Used {
    chars: Chars,
    shaped: BTreeMap<u16, String>,
}

/// A set of characters, one bit each: every character of every run is added (half a
/// million in a long memo, where a `BTreeSet` took 6% of the export), and the set is
/// read in order.
#[derive(Default)]
struct Chars(FixedBitSet);

impl Chars {
    fn extend(&mut self, text: &str) {
        for c in text.chars() {
            let bit = c as usize;
            if bit >= self.0.len() {
                // Whole blocks of 1,024, so that a few characters past Latin grow it once.
                self.0.grow((bit | 1023) + 1);
            }
            self.0.insert(bit);
        }
    }

    /// The characters, in order.
    fn iter(&self) -> impl Iterator<Item = char> + '_ {
        self.0
            .ones()
            .filter_map(|bit| char::from_u32(u32::try_from(bit).ok()?))
    }
}

/// A font file subset for the PDF, described for printpdf, with its name and the file
/// already deflated (on the thread that made it, while the pages are drawn).
struct Embeddable {
    parsed: ParsedFont,
    name: String,
    bytes: Vec<u8>,
    deflated: Option<Vec<u8>>,
}

/// The font file of `key` subset to `glyphs`, described for printpdf and deflated.
/// `shown` is each character the pages show with its glyph in the subset: printpdf
/// writes the font's `ToUnicode` from it, as it would from the subset's cmap (a PDF's
/// subset has none).
fn embeddable(
    fonts: &Fonts,
    (face, fallback): FontKey,
    glyphs: &SubsetGlyphs,
    shown: &[(char, u16)],
) -> Result<Embeddable, PdfError> {
    let bytes = fonts.subset(face, fallback, glyphs)?;
    let name = match fallback {
        Some(fallback) => fonts.fallback_name(fallback).unwrap_or_default(),
        None => face.postscript_name().to_owned(),
    };
    let metrics = fonts.file_metrics(face, fallback);
    let units_per_em = metrics.units_per_em.max(1);
    let [x_min, y_min, x_max, y_max] = metrics.bbox;
    let (caret_slope_rise, caret_slope_run) = metrics.caret_slope;
    let codepoints = shown.iter().map(|&(c, id)| (u32::from(c), id)).collect();
    // Each glyph's advance in font units: printpdf writes `/W` from these, in whole
    // thousandths of an em, and `set_exact_widths` then writes each one exactly.
    let widths = glyphs
        .iter()
        .map(|(id, gid)| {
            let advance = fonts.glyph_advance_in(face, fallback, gid) * f32::from(units_per_em);
            (id, advance.round() as u16)
        })
        .collect();
    let mut parsed = ParsedFont::with_glyph_data(
        bytes.clone(),
        0,
        None,
        codepoints,
        widths,
        units_per_em,
        FontMetrics {
            ascent: metrics.ascender,
            descent: metrics.descender,
        },
    );
    parsed.pdf_font_metrics = PdfFontMetricsStub {
        units_per_em,
        x_min,
        y_min,
        x_max,
        y_max,
        caret_slope_rise,
        caret_slope_run,
        us_weight_class: metrics.weight_class,
    };
    let deflated = deflate(&bytes);
    Ok(Embeddable {
        parsed,
        name,
        bytes,
        deflated,
    })
}

/// Puts each font file deflated beforehand ([`Embeddable`]) in place of the stream
/// printpdf wrote with its bytes, so that [`compress`] has only the rest to do.
fn put_deflated_fonts(lo: &mut lopdf::Document, fonts: &[(Vec<u8>, Vec<u8>)]) {
    if fonts.is_empty() {
        return;
    }
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.has(b"Filter") {
            continue;
        }
        let Some((_, deflated)) = fonts.iter().find(|(bytes, _)| *bytes == stream.content) else {
            continue;
        };
        stream
            .dict
            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        stream.set_content(deflated.clone());
    }
}

/// Fewer items than this in all are drawn on one thread (a short memo's few pages).
const DRAW_ALONE: usize = 2_000;

/// The content stream of every page, deflated, and what it marked: pages are drawn on
/// one thread per core, each taking the next pages not yet drawn.
fn draw_pages(
    doc: &Document,
    fonts: &Fonts,
    glyphs: &BTreeMap<FontKey, Glyphs>,
) -> Vec<(lopdf::Stream, PageTags)> {
    crate::parallel::map(
        &doc.pages,
        DRAW_ALONE,
        |page| page.items.len(),
        |page| {
            let (content, tags) = draw_page(page, doc, fonts, glyphs);
            (deflated_stream(Dictionary::new(), content.bytes), tags)
        },
    )
}

/// The content stream of `page`: its rules, then one text object with all its runs,
/// everything inside marked content (a structure node's, or an artifact).
fn draw_page(
    page: &Page,
    doc: &Document,
    fonts: &Fonts,
    glyphs: &BTreeMap<FontKey, Glyphs>,
) -> (Content, PageTags) {
    let mut tags = PageTags::default();
    let mut graphics = Content::default();
    // About 40 bytes a run plus four per character.
    let mut text = Content::with_capacity(page.items.len() * 160);
    let height = page.height;
    let mut font: Option<(FontKey, Pt)> = None;
    let mut fill: Option<Color> = None;
    for item in &page.items {
        match item {
            Item::Text(run) => {
                let key = font_key(run);
                let Some(face) = glyphs.get(&key) else {
                    continue;
                };
                tags.mark(&mut text, run.tag, &doc.structure);
                if font != Some((key, run.size)) {
                    text.font(face, run.size);
                    font = Some((key, run.size));
                }
                if fill != Some(run.color) {
                    text.fill_color(run.color);
                    fill = Some(run.color);
                }
                if run.shaped {
                    let pieces = shaped::pieces(run, fonts);
                    let nominal = |gid| fonts.glyph_advance_in(run.face, run.fallback, gid);
                    text.shaped_text(run, &pieces, face, nominal, height);
                } else {
                    text.text(run, face, height);
                }
            }
            Item::Rule(rule) => {
                tags.wrap(&mut graphics, rule.tag, &doc.structure, |c| {
                    c.rule(rule, height);
                });
            }
            Item::Link(link) => tags.link(link.tag),
            // Drawn once the document exists, into a stream of their own (`images.rs`).
            Item::Image(_) => {}
        }
    }
    tags.close(&mut text);
    if !text.bytes.is_empty() {
        graphics.op("BT");
        graphics.bytes.append(&mut text.bytes);
        graphics.op("ET");
    }
    (graphics, tags)
}

fn link_op(link: &crate::layout::Link, height: Pt) -> Op {
    let r = link.rect;
    let rect = printpdf::Rect::from_xywh(
        printpdf::Pt(r.min.x.0),
        printpdf::Pt((height - r.max.y).0),
        printpdf::Pt((r.max.x - r.min.x).0),
        printpdf::Pt((r.max.y - r.min.y).0),
    );
    Op::LinkAnnotation {
        link: LinkAnnotation::new(
            rect,
            Actions::Uri(link.url.clone()),
            Some(printpdf::BorderArray::Solid([0.0, 0.0, 0.0])),
            None,
            None,
        ),
    }
}

/// Puts `streams` in place of the content printpdf wrote for each page.
fn set_contents(lo: &mut lopdf::Document, streams: Vec<lopdf::Stream>) -> lopdf::Result<()> {
    let pages: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    for (page, stream) in pages.into_iter().zip(streams) {
        let contents = lo.get_dictionary(page)?.get(b"Contents")?.as_reference()?;
        lo.objects.insert(contents, Object::Stream(stream));
    }
    Ok(())
}

/// The font file a run is drawn with: its bundled face, or its fallback font (one file
/// whatever the run's style).
fn font_key(run: &TextRun) -> FontKey {
    match run.fallback {
        Some(fallback) => (Face::Regular, Some(fallback)),
        None => (run.face, None),
    }
}

fn set_info(pdf: &mut PdfDocument, doc: &Document, created: jiff::Timestamp) {
    let date = printpdf::OffsetDateTime::from_unix_timestamp(created.as_second())
        .unwrap_or_else(|_| printpdf::OffsetDateTime::now());
    let info = &mut pdf.metadata.info;
    info.document_title.clone_from(&doc.info.title);
    info.author.clone_from(&doc.info.author);
    info.subject.clone_from(&doc.info.subject);
    // One keyword string, joined as the XMP joins it: printpdf joins a list with bare
    // commas, and the Info dictionary then said other keywords than the XMP.
    info.keywords = vec![doc.info.keywords_line()];
    "memodraft".clone_into(&mut info.creator);
    PRODUCER.clone_into(&mut info.producer);
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
}

/// What printpdf does not write the way a memo needs: the outline in reading order with
/// destinations at each section, the document language, and an Info dictionary without
/// an empty PDF/X version (which makes readers report PDF/X).
fn finish(lo: &mut lopdf::Document, doc: &Document) -> lopdf::Result<()> {
    if let Ok(info_id) = lo.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(info) = lo.get_dictionary_mut(info_id)
    {
        info.remove(b"GTS_PDFXVersion");
        info.remove(b"Trapped");
    }
    let outline_id = outline::write(lo, doc);
    let catalog = lo.catalog_mut()?;
    catalog.set(
        "Lang",
        Object::String(doc.info.language.as_bytes().to_vec(), StringFormat::Literal),
    );
    if let Some(outline_id) = outline_id {
        catalog.set("Outlines", Object::Reference(outline_id));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    Ok(())
}

/// The XMP metadata stream, left uncompressed so that tools read it as text.
fn add_metadata(
    lo: &mut lopdf::Document,
    doc: &Document,
    created: jiff::Timestamp,
) -> lopdf::Result<()> {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    let packet = xmp::packet(&doc.info, created, PRODUCER);
    let id = lo.add_object(lopdf::Stream::new(dict, packet.into_bytes()));
    lo.catalog_mut()?.set("Metadata", Object::Reference(id));
    Ok(())
}

/// Deflates every stream not yet compressed (fonts, `ToUnicode` maps), except the XMP
/// metadata, which tools read as text: on every core, since the fonts are a short memo's
/// largest streams.
fn compress(lo: &mut lopdf::Document) {
    let mut todo: Vec<(lopdf::ObjectId, Vec<u8>)> = Vec::new();
    for (&id, object) in &mut lo.objects {
        let Object::Stream(stream) = object else {
            continue;
        };
        let metadata = stream.dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"Metadata");
        if metadata || stream.dict.has(b"Filter") || stream.content.len() < 64 {
            continue;
        }
        todo.push((id, std::mem::take(&mut stream.content)));
    }
    let deflated = crate::parallel::map(
        &todo,
        COMPRESS_ALONE,
        |(_, data)| data.len(),
        |(_, data)| deflate(data),
    );
    for ((id, data), deflated) in todo.into_iter().zip(deflated) {
        let Some(Object::Stream(stream)) = lo.objects.get_mut(&id) else {
            continue;
        };
        match deflated {
            Some(deflated) => {
                stream
                    .dict
                    .set("Filter", Object::Name(b"FlateDecode".to_vec()));
                stream.set_content(deflated);
            }
            None => stream.set_content(data),
        }
    }
}

/// Fewer bytes than this in all are deflated on one thread.
const COMPRESS_ALONE: usize = 64 * 1024;

/// A stream of `data` with `dict`, deflated when that makes it smaller.
fn deflated_stream(mut dict: Dictionary, data: Vec<u8>) -> lopdf::Stream {
    let data = match deflate(&data) {
        Some(deflated) => {
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            deflated
        }
        None => data,
    };
    lopdf::Stream::new(dict, data).with_compression(false)
}

/// How hard every stream is deflated: the fastest level (see [`deflate`]).
const DEFLATE_LEVEL: flate2::Compression = flate2::Compression::fast();

/// `data` deflated (zlib format) at the fastest level, unless that fails or does not
/// make it smaller. lopdf's own `compress` uses the default level and took more than
/// half of the export time of a 64-page memo (85 of 155 ms); the fast level takes about
/// 8 ms and makes that PDF 470 KB instead of 300 KB.
fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    use flate2::{Compress, FlushCompress, Status};
    thread_local! {
        /// One compressor per thread, reset for each stream: a new one allocates and
        /// clears about 300 KB of tables, which was half the deflate time of a short memo.
        static COMPRESSOR: std::cell::RefCell<Option<Compress>> =
            const { std::cell::RefCell::new(None) };
    }
    if data.len() < 64 {
        return None;
    }
    COMPRESSOR.with_borrow_mut(|compressor| {
        let compressor = compressor.get_or_insert_with(|| Compress::new(DEFLATE_LEVEL, true));
        compressor.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let read = usize::try_from(compressor.total_in()).ok()?;
            let input = data.get(read..)?;
            match compressor.compress_vec(input, &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => break,
                Ok(Status::Ok | Status::BufError) => out.reserve(out.capacity().max(64)),
                Err(_) => return None,
            }
            // Not smaller: the stream is stored as it is.
            if out.len() >= data.len() {
                return None;
            }
        }
        (out.len() < data.len()).then_some(out)
    })
}

/// A subset font is named `ABCDEF+PostScriptName` (ISO 32000-1, 9.6.4), which tells
/// readers (and `pdffonts`) that it is a subset; the tag differs per face and glyph set.
fn subset_tag(name: &str, chars: impl Iterator<Item = char>) -> String {
    // FNV-1a over the font's name and characters: stable across runs, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for c in name.chars().chain(chars) {
        hash = (hash ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| {
            let letter = u8::try_from((hash >> (i * 5)) % 26).unwrap_or(0);
            char::from(b'A' + letter)
        })
        .collect()
}

/// Gives each embedded font's `/W` widths in thousandths of an em as the font file has
/// them. printpdf writes them cut to whole thousandths (0.4438 em becomes 443), so a
/// viewer's pen fell behind layout's by up to a thousandth of an em a glyph: half a
/// point at the end of a long line, and the preview's words moved against the PDF's.
/// `fonts`: each font's `/BaseFont` with what it was subset from.
fn set_exact_widths(
    lo: &mut lopdf::Document,
    fonts: &Fonts,
    subsets: &BTreeMap<String, (FontKey, &SubsetGlyphs)>,
) {
    for object in lo.objects.values_mut() {
        let Object::Dictionary(font) = object else {
            continue;
        };
        let Some(((face, fallback), subset)) = font
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .ok()
            .and_then(|name| subsets.get(std::str::from_utf8(name).ok()?))
        else {
            continue;
        };
        let Ok(Object::Array(descendants)) = font.get_mut(b"DescendantFonts") else {
            continue;
        };
        for descendant in descendants {
            let Object::Dictionary(cid_font) = descendant else {
                continue;
            };
            let Ok(Object::Array(w)) = cid_font.get_mut(b"W") else {
                continue;
            };
            // printpdf writes the `c [w1 w2 ...]` form only.
            let mut first: Option<u16> = None;
            for item in w.iter_mut() {
                match item {
                    Object::Integer(c) => first = u16::try_from(*c).ok(),
                    Object::Array(widths) => {
                        for (n, width) in widths.iter_mut().enumerate() {
                            let exact = first
                                .and_then(|c| c.checked_add(u16::try_from(n).ok()?))
                                .and_then(|id| subset.original(id))
                                .map(|gid| fonts.glyph_advance_in(*face, *fallback, gid));
                            if let Some(exact) = exact {
                                *width = Object::Real(exact * 1000.0);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// printpdf names embedded fonts after their ids (random strings): give each its real
/// name (`names`), and its resource name in the pages' font dictionary the short one
/// the content streams use (`resources`).
fn name_fonts(
    lo: &mut lopdf::Document,
    names: &BTreeMap<String, String>,
    resources: &BTreeMap<String, String>,
) -> lopdf::Result<()> {
    for object in lo.objects.values_mut() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
            let renamed = match dict.get(key) {
                Ok(Object::Name(name)) => std::str::from_utf8(name)
                    .ok()
                    .and_then(|n| names.get(n))
                    .cloned(),
                _ => None,
            };
            if let Some(new) = renamed {
                dict.set(key, Object::Name(new.into_bytes()));
            }
        }
    }
    // Every page shares one font dictionary.
    let Some(&page) = lo.get_pages().values().next() else {
        return Ok(());
    };
    let page_resources = lo.get_dictionary(page)?.get(b"Resources")?.as_reference()?;
    let font_dict = lo
        .get_dictionary(page_resources)?
        .get(b"Font")?
        .as_reference()?;
    let dict = lo.get_dictionary_mut(font_dict)?;
    let renamed: Dictionary = std::mem::take(dict)
        .into_iter()
        .map(|(id, font)| {
            let name = std::str::from_utf8(&id)
                .ok()
                .and_then(|id| resources.get(id))
                .map_or(id, |name| name.as_bytes().to_vec());
            (name, font)
        })
        .collect();
    *dict = renamed;
    Ok(())
}

fn utf16be(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::layout::{Bookmark, Link, Page, Point, Rect, Rule};
    use crate::model::Part;
    use lopdf::ObjectId;

    #[test]
    fn streams_deflated_one_after_another_on_a_thread_each_inflate_to_their_own_data() {
        use std::io::Read;
        let inflate = |deflated: &[u8]| {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(deflated)
                .read_to_end(&mut out)
                .unwrap();
            out
        };
        // A long stream that needs more output room than first reserved, then short ones:
        // the compressor is reused, and nothing of one stream may leak into the next.
        let long: Vec<u8> = (0..200_000_u32)
            .flat_map(|i| (i.wrapping_mul(2_654_435_761) >> 13).to_le_bytes())
            .take(300_000)
            .chain(std::iter::repeat_n(b'a', 100_000))
            .collect();
        let page = b"BT /F1 11 Tf 1 0 0 1 72 700 Tm <0012003400560078> Tj ET\n".repeat(40);
        for data in [
            &long[..],
            &page[..],
            b"0123456789".repeat(20).as_slice(),
            &page[..],
        ] {
            let deflated = deflate(data).expect("compressible data deflates");
            assert!(deflated.len() < data.len());
            assert_eq!(inflate(&deflated), data);
        }
        assert_eq!(deflate(b"short"), None, "tiny streams are left alone");
    }

    pub(super) fn run(text: &str, face: Face, x: f32, y: f32) -> Item {
        Item::Text(TextRun {
            origin: Point::new(Pt(x), Pt(y)),
            fallback: None,
            face,
            size: Pt(11.0),
            color: Color::BLACK,
            text: text.to_owned(),
            adjust: Vec::new(),
            width: Pt(60.0),
            ascent: Pt(9.0),
            descent: Pt(3.0),
            source: Part::Introduction,
            inline: crate::layout::Inline::Plain,
            tag: crate::layout::Tag::Unset,
            shaped: false,
            order: crate::layout::Order::Reading,
        })
    }

    fn page(items: Vec<Item>) -> Page {
        Page {
            width: Pt(612.0),
            height: Pt(792.0),
            items,
        }
    }

    /// Three pages: two faces and a link on the first, a rule and a third face on the
    /// second, nothing on the third.
    fn document() -> Document {
        let mut doc = Document {
            pages: vec![
                page(vec![
                    run("Findings", Face::Bold, 72.0, 100.0),
                    run("Juárez first", Face::Regular, 72.0, 120.0),
                    run("then second", Face::Regular, 72.0, 134.0),
                    Item::Link(Link {
                        rect: Rect {
                            min: Point::new(Pt(72.0), Pt(125.0)),
                            max: Point::new(Pt(132.0), Pt(137.0)),
                        },
                        url: "https://example.org/report".to_owned(),
                        source: Part::Introduction,
                        tag: crate::layout::Tag::Unset,
                    }),
                ]),
                page(vec![
                    Item::Rule(Rule {
                        from: Point::new(Pt(72.0), Pt(80.0)),
                        to: Point::new(Pt(540.0), Pt(80.0)),
                        thickness: Pt(0.5),
                        color: Color::GRAY,
                        source: Part::Furniture,
                        tag: crate::layout::Tag::Artifact,
                    }),
                    run("Quoted words", Face::Italic, 72.0, 100.0),
                ]),
                page(Vec::new()),
            ],
            outline: vec![Bookmark {
                title: "Findings".to_owned(),
                page: 0,
                y: Pt(90.0),
            }],
            ..Document::default()
        };
        doc.info.title = "A memo".to_owned();
        doc.info.language = "en-US";
        doc
    }

    fn export_doc(doc: &Document) -> lopdf::Document {
        let fonts = Fonts::new().unwrap();
        let bytes = export(doc, &fonts, &PdfOptions::default()).unwrap();
        lopdf::Document::load_mem(&bytes).expect("the PDF parses")
    }

    fn page_text(pdf: &lopdf::Document, number: u32) -> String {
        pdf.extract_text(&[number]).unwrap()
    }

    #[test]
    fn every_page_is_written_with_its_runs_in_order() {
        let doc = document();
        let pdf = export_doc(&doc);
        assert_eq!(pdf.get_pages().len(), doc.pages.len());
        let first = page_text(&pdf, 1);
        let at = |needle: &str| {
            first
                .find(needle)
                .unwrap_or_else(|| panic!("{needle:?} in {first:?}"))
        };
        assert!(at("Findings") < at("Juárez first") && at("Juárez first") < at("then second"));
        assert!(page_text(&pdf, 2).contains("Quoted words"));
        assert!(!page_text(&pdf, 3).contains("Quoted"));
    }

    #[test]
    fn each_face_used_is_embedded_as_a_named_subset() {
        let pdf = export_doc(&document());
        let mut names: Vec<String> = pdf
            .objects
            .values()
            .filter_map(|object| object.as_dict().ok())
            .filter(|dict| {
                dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor")
            })
            .map(|dict| {
                assert!(dict.has(b"FontFile2"), "embedded: {dict:?}");
                let name = dict.get(b"FontName").and_then(Object::as_name).unwrap();
                String::from_utf8_lossy(name).into_owned()
            })
            .collect();
        names.sort_by_key(|name| name.get(7..).map(str::to_owned));
        let faces: Vec<&str> = names.iter().filter_map(|n| n.get(7..)).collect();
        assert_eq!(
            faces,
            [
                "LiberationSerif",
                "LiberationSerif-Bold",
                "LiberationSerif-Italic"
            ],
            "the faces used, no more: {names:?}"
        );
        assert!(names.iter().all(|n| n.as_bytes().get(6) == Some(&b'+')));
    }

    #[test]
    fn links_become_uri_annotations_on_their_page() {
        let pdf = export_doc(&document());
        let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
        // printpdf writes annotations and their actions inline; follow references too.
        let dict = |object: &'_ lopdf::Object| -> Option<Dictionary> {
            match object {
                Object::Reference(id) => pdf.get_dictionary(*id).ok().cloned(),
                Object::Dictionary(d) => Some(d.clone()),
                _ => None,
            }
        };
        let uris = |page: ObjectId| -> Vec<String> {
            let Ok(annots) = pdf
                .get_dictionary(page)
                .and_then(|p| p.get(b"Annots"))
                .and_then(Object::as_array)
            else {
                return Vec::new();
            };
            annots
                .iter()
                .filter_map(dict)
                .filter(|a| a.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Link"))
                .filter_map(|a| {
                    let action = dict(a.get(b"A").ok()?)?;
                    let uri = action.get(b"URI").and_then(Object::as_str).ok()?;
                    Some(String::from_utf8_lossy(uri).into_owned())
                })
                .collect()
        };
        assert_eq!(uris(pages[0]), ["https://example.org/report"]);
        assert!(uris(pages[1]).is_empty());
    }

    #[test]
    fn outline_language_and_title_are_written() {
        let pdf = export_doc(&document());
        let catalog = pdf.catalog().unwrap();
        assert_eq!(
            catalog.get(b"Lang").and_then(Object::as_str).unwrap(),
            b"en-US"
        );
        let outlines = catalog
            .get(b"Outlines")
            .and_then(Object::as_reference)
            .and_then(|id| pdf.get_dictionary(id))
            .unwrap();
        assert_eq!(outlines.get(b"Count").and_then(Object::as_i64).unwrap(), 1);
        let info = pdf
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .and_then(|id| pdf.get_dictionary(id))
            .unwrap();
        assert_eq!(
            lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap(),
            "A memo"
        );
    }

    /// Resource names of fonts.
    type Names = Vec<Vec<u8>>;

    /// The fonts each page's content stream selects (`Tf`) and those its resources name.
    fn fonts_selected_and_named(pdf: &lopdf::Document) -> Vec<(Names, Names)> {
        pdf.get_pages()
            .into_values()
            .map(|page| {
                let content = lopdf::content::Content::decode(&pdf.get_page_content(page)).unwrap();
                let selected = content
                    .operations
                    .iter()
                    .filter(|op| op.operator == "Tf")
                    .map(|op| op.operands[0].as_name().unwrap().to_vec())
                    .collect();
                let named = pdf.get_page_fonts(page).unwrap().into_keys().collect();
                (selected, named)
            })
            .collect()
    }

    #[test]
    fn a_run_of_characters_no_embedded_font_draws_selects_no_missing_font() {
        let mut doc = document();
        // Layout never hands over a character no font has (it prints the placeholder);
        // the painter must still write a PDF whose every font is there.
        doc.pages[2] = page(vec![run("\u{378}\u{379}", Face::BoldItalic, 72.0, 100.0)]);
        let pdf = export_doc(&doc);
        for (selected, named) in fonts_selected_and_named(&pdf) {
            for font in selected {
                assert!(
                    named.contains(&font),
                    "{:?} in {:?}",
                    String::from_utf8_lossy(&font),
                    named
                );
            }
        }
        assert!(
            page_text(&pdf, 1).contains("Findings"),
            "the other pages are drawn"
        );
    }
}
