//! The PDF painter: one function, [`export`], that draws a laid-out [`Document`] with
//! printpdf, embedding subset fonts, links, metadata and an outline, as a tagged PDF
//! (`tagged.rs`: the structure tree; `xmp.rs`: the XMP metadata). Uses layout, fonts,
//! printpdf and lopdf; never the model or egui. It does not break lines or pages.

mod images;
mod outline;
mod tagged;
mod xmp;

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{
    Actions, LinkAnnotation, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, TextItem, TextMatrix,
};

use crate::fonts::{Face, Fallback, FontError, Fonts};
use crate::layout::{Color, Document, Item, Pt, TextRun};
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

/// Draws `doc` as PDF bytes.
pub fn export(doc: &Document, fonts: &Fonts, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let mut pdf = PdfDocument::new(&doc.info.title);
    let created = opts.created.unwrap_or_else(jiff::Timestamp::now);
    set_info(&mut pdf, doc, created);

    // Embed each font the document uses (a bundled face, or a fallback font installed on
    // the machine), subset to the characters it draws.
    let mut used: BTreeMap<(Face, Option<Fallback>), BTreeSet<char>> = BTreeMap::new();
    for page in &doc.pages {
        for run in page.texts() {
            used.entry(font_key(run))
                .or_default()
                .extend(run.text.chars());
        }
    }
    let mut font_ids = BTreeMap::new();
    let mut font_names = BTreeMap::new();
    for (&(face, fallback), chars) in &used {
        let (bytes, name) = match fallback {
            Some(f) => (
                fonts.subset_fallback(f, chars.iter().copied())?,
                fonts.fallback_name(f).unwrap_or_default(),
            ),
            None => (
                fonts.subset(face, chars.iter().copied())?,
                face.postscript_name().to_owned(),
            ),
        };
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| PdfError::Write(format!("cannot embed {name}: {warnings:?}")))?;
        let id = pdf.add_font(&parsed);
        font_names.insert(id.0.clone(), format!("{}+{name}", subset_tag(&name, chars)));
        font_ids.insert((face, fallback), id);
    }

    // Every item drawn is marked: content of its structure node, or an artifact.
    let (pages, mut page_tags): (Vec<PdfPage>, Vec<PageTags>) = doc
        .pages
        .iter()
        .map(|page| {
            let mut tags = PageTags::default();
            let mut page_ops = Vec::with_capacity(page.items.len() * 2 + 4);
            let height = page.height;
            let mut text_ops: Vec<Op> = Vec::new();
            let mut font: Option<((Face, Option<Fallback>), Pt)> = None;
            let mut fill: Option<Color> = None;
            for item in &page.items {
                match item {
                    Item::Text(run) => {
                        let key = font_key(run);
                        let Some(id) = font_ids.get(&key) else {
                            continue;
                        };
                        tags.mark(&mut text_ops, run.tag, &doc.structure);
                        if font != Some((key, run.size)) {
                            text_ops.push(Op::SetFont {
                                font: PdfFontHandle::External(id.clone()),
                                size: printpdf::Pt(run.size.0),
                            });
                            font = Some((key, run.size));
                        }
                        if fill != Some(run.color) {
                            text_ops.push(Op::SetFillColor {
                                col: rgb(run.color),
                            });
                            fill = Some(run.color);
                        }
                        text_ops.push(Op::SetTextMatrix {
                            matrix: TextMatrix::Translate(
                                printpdf::Pt(run.origin.x.0),
                                printpdf::Pt((height - run.origin.y).0),
                            ),
                        });
                        text_ops.push(Op::ShowText {
                            items: text_items(run),
                        });
                    }
                    Item::Rule(rule) => {
                        let points = [rule.from, rule.to]
                            .into_iter()
                            .map(|p| printpdf::LinePoint {
                                p: printpdf::Point {
                                    x: printpdf::Pt(p.x.0),
                                    y: printpdf::Pt((height - p.y).0),
                                },
                                bezier: false,
                            })
                            .collect();
                        let rule_ops = vec![
                            Op::SetOutlineColor {
                                col: rgb(rule.color),
                            },
                            Op::SetOutlineThickness {
                                pt: printpdf::Pt(rule.thickness.0),
                            },
                            Op::DrawLine {
                                line: printpdf::Line {
                                    points,
                                    is_closed: false,
                                },
                            },
                        ];
                        tags.wrap(&mut page_ops, rule.tag, &doc.structure, rule_ops);
                    }
                    Item::Link(link) => {
                        let r = link.rect;
                        let rect = printpdf::Rect::from_xywh(
                            printpdf::Pt(r.min.x.0),
                            printpdf::Pt((height - r.max.y).0),
                            printpdf::Pt((r.max.x - r.min.x).0),
                            printpdf::Pt((r.max.y - r.min.y).0),
                        );
                        tags.link(link.tag);
                        page_ops.push(Op::LinkAnnotation {
                            link: LinkAnnotation::new(
                                rect,
                                Actions::Uri(link.url.clone()),
                                Some(printpdf::BorderArray::Solid([0.0, 0.0, 0.0])),
                                None,
                                None,
                            ),
                        });
                    }
                    // Drawn after printpdf, with lopdf (`images.rs`).
                    Item::Image(_) => {}
                }
            }
            tags.close(&mut text_ops);
            if !text_ops.is_empty() {
                page_ops.push(Op::StartTextSection);
                page_ops.append(&mut text_ops);
                page_ops.push(Op::EndTextSection);
            }
            let page = PdfPage::new(Mm(page.width.to_mm()), Mm(page.height.to_mm()), page_ops);
            (page, tags)
        })
        .unzip();
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
    name_fonts(&mut lo, &font_names);
    finish(&mut lo, doc).map_err(|e| PdfError::Write(e.to_string()))?;
    images::draw(&mut lo, doc, &mut page_tags)?;
    tagged::write(&mut lo, doc, &page_tags).map_err(|e| PdfError::Write(e.to_string()))?;
    add_metadata(&mut lo, doc, created).map_err(|e| PdfError::Write(e.to_string()))?;
    compress(&mut lo);
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

/// The font file a run is drawn with: its bundled face, or its fallback font (one file
/// whatever the run's style).
fn font_key(run: &TextRun) -> (Face, Option<Fallback>) {
    match run.fallback {
        Some(fallback) => (Face::Regular, Some(fallback)),
        None => (run.face, None),
    }
}

/// The TJ array the PDF shows a run with: its text, and its kerning and justification
/// as offsets (thousandths of an em, positive moving left), from the run's segments.
/// Public so that a test can measure where a viewer places each glyph.
pub fn text_items(run: &TextRun) -> Vec<TextItem> {
    let scale = -1000.0 / run.size.0.max(0.001);
    let mut items = Vec::with_capacity(run.adjust.len() * 2 + 1);
    for segment in run.segments() {
        if segment.before != Pt::ZERO {
            items.push(TextItem::Offset(segment.before.0 * scale));
        }
        if segment.text.is_empty() {
            continue;
        }
        // Segments with nothing between them are one string: the PDF stays as compact.
        match items.last_mut() {
            Some(TextItem::Text(t)) => t.push_str(segment.text),
            _ => items.push(TextItem::Text(segment.text.to_owned())),
        }
    }
    items
}

fn rgb(c: Color) -> printpdf::Color {
    printpdf::Color::Rgb(printpdf::Rgb {
        r: f32::from(c.r) / 255.0,
        g: f32::from(c.g) / 255.0,
        b: f32::from(c.b) / 255.0,
        icc_profile: None,
    })
}

fn set_info(pdf: &mut PdfDocument, doc: &Document, created: jiff::Timestamp) {
    let date = printpdf::OffsetDateTime::from_unix_timestamp(created.as_second())
        .unwrap_or_else(|_| printpdf::OffsetDateTime::now());
    let info = &mut pdf.metadata.info;
    info.document_title.clone_from(&doc.info.title);
    info.author.clone_from(&doc.info.author);
    info.subject.clone_from(&doc.info.subject);
    info.keywords.clone_from(&doc.info.keywords);
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

/// Deflates every stream at zlib's fastest level. lopdf's own `compress` uses the
/// default level and took more than half of the export time of a 64-page memo (85 of
/// 155 ms); the fast level takes about 8 ms and makes that PDF 470 KB instead of 300 KB.
fn compress(lo: &mut lopdf::Document) {
    use std::io::Write;
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let metadata = stream.dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"Metadata");
        if metadata || stream.dict.has(b"Filter") || stream.content.len() < 64 {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        let Ok(data) = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish())
        else {
            continue;
        };
        if data.len() < stream.content.len() {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(data);
        }
    }
}

/// A subset font is named `ABCDEF+PostScriptName` (ISO 32000-1, 9.6.4), which tells
/// readers (and `pdffonts`) that it is a subset; the tag differs per face and glyph set.
fn subset_tag(name: &str, chars: &BTreeSet<char>) -> String {
    // FNV-1a over the font's name and characters: stable across runs, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for c in name.chars().chain(chars.iter().copied()) {
        hash = (hash ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| {
            let letter = u8::try_from((hash >> (i * 5)) % 26).unwrap_or(0);
            char::from(b'A' + letter)
        })
        .collect()
}

/// printpdf names embedded fonts after their resource ids; give them their real names.
fn name_fonts(lo: &mut lopdf::Document, names: &BTreeMap<String, String>) {
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
}

fn utf16be(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Adjust, Bookmark, Link, Page, Point, Rect, Rule};
    use crate::model::Part;
    use lopdf::ObjectId;

    fn run(text: &str, face: Face, x: f32, y: f32) -> Item {
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

    #[test]
    fn adjustments_become_offsets_between_the_text_segments() {
        let Item::Text(mut run) = run("AVAV", Face::Regular, 0.0, 0.0) else {
            unreachable!()
        };
        run.adjust = vec![
            Adjust {
                at: 1,
                dx: Pt(-1.1),
            },
            Adjust { at: 3, dx: Pt(2.2) },
        ];
        let items = text_items(&run);
        let text: String = items
            .iter()
            .filter_map(|i| match i {
                TextItem::Text(t) => Some(t.as_str()),
                TextItem::Offset(_) | TextItem::GlyphIds(_) => None,
            })
            .collect();
        assert_eq!(text, "AVAV", "every character, once, in order");
        let offsets: Vec<f32> = items
            .iter()
            .filter_map(|i| match i {
                TextItem::Offset(o) => Some(*o),
                TextItem::Text(_) | TextItem::GlyphIds(_) => None,
            })
            .collect();
        // Thousandths of an em, positive moving left: -dx * 1000 / size.
        assert_eq!(offsets.len(), 2);
        assert!((offsets[0] - 100.0).abs() < 0.01, "{offsets:?}");
        assert!((offsets[1] + 200.0).abs() < 0.01, "{offsets:?}");
    }
}
