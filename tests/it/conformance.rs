//! What a PDF/UA-1 checker asks of the exported fonts and metadata, beyond the structure
//! `tagged.rs` checks: every glyph shown on a page maps to text through its font's
//! `/ToUnicode` map (Matterhorn 10-001), so a screen reader can say it; every width in a
//! font's `/W` array is the embedded font program's advance (PDF/UA-1 7.21.5, Matterhorn
//! checkpoint 31), so a viewer places each glyph where the font program would; and the
//! XMP metadata names PDF/UA-1 and says what the Info dictionary says (title, author,
//! subject, keywords, producer, dates) and the catalog's language. Read back with lopdf,
//! for the sample memo, a long generated memo, the memo with other scripts drawn from the
//! fallback font (its Arabic name prints with the shaper's joining forms and a lam-alef
//! ligature) and that memo in Spanish under a title with XML's special characters. What
//! this does and does not check is in docs/accessibility.md.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::{dict, name, resolve};
use lopdf::{Dictionary, Object};
use memodraft::fonts::{Face, Fonts};
use memodraft::model::{Language, Memo};
use memodraft::{generate, layout, pdf, storage};
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::raw::TableProvider;

use crate::fallback::{ARABIC, fixture_fonts, memo_with_other_scripts, visual};

/// A memo exported, read back, with what layout meant its metadata to say.
struct Exported {
    what: &'static str,
    pdf: lopdf::Document,
    title: String,
    language: &'static str,
}

fn export(what: &'static str, memo: &Memo, fonts: &Fonts) -> Exported {
    let laid = layout::layout(memo, fonts, &memo.page);
    let bytes = pdf::export(&laid.document, fonts, &pdf::PdfOptions::default()).unwrap();
    assert_eq!(laid.document.info.language, memo.language.code());
    Exported {
        what,
        pdf: lopdf::Document::load_mem(&bytes).expect("the PDF parses"),
        title: laid.document.info.title.clone(),
        language: laid.document.info.language,
    }
}

/// The memos every check runs on, exported once for all the tests of this module: the
/// sample, a long generated memo, the memo with other scripts (its Arabic name joined,
/// from the fallback font), and that memo in Spanish with a subject holding XML's
/// special characters, an accent, a quote and Arabic (in the title and the running
/// header).
fn exported() -> &'static [Exported] {
    static EXPORTED: OnceLock<Vec<Exported>> = OnceLock::new();
    EXPORTED.get_or_init(|| {
        let fonts = Fonts::new().unwrap();
        let long = generate::memo(2026, 12, 300);
        let mut spanish = memo_with_other_scripts();
        spanish.language = Language::Spanish;
        spanish.subject = format!("Ayuda & <condiciones> para \"Juárez\" ✓ {ARABIC}");
        let exported = vec![
            export("sample", &storage::sample().unwrap(), &fonts),
            export("long", &long, &fonts),
            export(
                "other scripts",
                &memo_with_other_scripts(),
                &fixture_fonts(),
            ),
            export("special title", &spanish, &fixture_fonts()),
        ];
        assert!(
            exported[1].pdf.get_pages().len() >= 10,
            "the long memo is long: {} pages",
            exported[1].pdf.get_pages().len()
        );
        assert_eq!(
            exported[3].title,
            format!("Ayuda & <condiciones> para “Juárez” ✓ {ARABIC}"),
            "the title as printed, with typographic quotes"
        );
        exported
    })
}

/// A stream's data with its filters undone.
fn data(stream: &lopdf::Stream) -> Vec<u8> {
    if stream.dict.has(b"Filter") {
        stream.decompressed_content().expect("the stream inflates")
    } else {
        stream.content.clone()
    }
}

/// One glyph drawn on a page.
#[derive(Debug)]
pub struct Shown {
    pub page: u32,
    /// The font's `/BaseFont` (`ABCDEF+LiberationSerif`).
    pub font: String,
    pub gid: u16,
}

/// Every glyph every page shows (`Tj`, `TJ`, `'`, `"`), in the font selected (`Tf`)
/// when it is shown: Type0 fonts with Identity-H, two bytes a glyph.
pub fn shown_glyphs(pdf: &lopdf::Document, what: &str) -> Vec<Shown> {
    let mut shown = Vec::new();
    for (number, page) in pdf.get_pages() {
        let fonts = pdf.get_page_fonts(page).unwrap();
        let content = pdf.get_and_decode_page_content(page).unwrap();
        // The font is part of the graphics state, which `q` saves and `Q` restores.
        let mut font: Option<String> = None;
        let mut saved = Vec::new();
        for op in &content.operations {
            let strings: Vec<&[u8]> = match op.operator.as_str() {
                "q" => {
                    saved.push(font.clone());
                    continue;
                }
                "Q" => {
                    font = saved.pop().expect("Q after its q");
                    continue;
                }
                "Tf" => {
                    let resource = op.operands[0].as_name().unwrap();
                    let dict = fonts.get(resource).unwrap_or_else(|| {
                        panic!(
                            "{what} page {number}: font {} is not in the page's resources",
                            String::from_utf8_lossy(resource)
                        )
                    });
                    assert_eq!(name(dict, b"Subtype"), "Type0", "{what}: {dict:?}");
                    assert_eq!(name(dict, b"Encoding"), "Identity-H", "{what}: {dict:?}");
                    font = Some(name(dict, b"BaseFont"));
                    continue;
                }
                "Tj" | "'" | "\"" => vec![op.operands.last().unwrap().as_str().unwrap()],
                "TJ" => op.operands[0]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|o| o.as_str().ok())
                    .collect(),
                _ => continue,
            };
            let font = font
                .clone()
                .unwrap_or_else(|| panic!("{what} page {number}: text shown with no font"));
            for string in strings {
                assert_eq!(string.len() % 2, 0, "{what} page {number}: {string:?}");
                for pair in string.chunks(2) {
                    shown.push(Shown {
                        page: number,
                        font: font.clone(),
                        gid: u16::from_be_bytes([pair[0], pair[1]]),
                    });
                }
            }
        }
    }
    assert!(!shown.is_empty(), "{what}: the pages show text");
    shown
}

/// Every font dictionary of the document by its `/BaseFont`.
fn fonts_by_name(pdf: &lopdf::Document) -> BTreeMap<String, &Dictionary> {
    pdf.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| name(d, b"Type") == "Font" && name(d, b"Subtype") == "Type0")
        .map(|d| (name(d, b"BaseFont"), d))
        .collect()
}

/// The tokens of a `CMap`: `<hex>` strings, `[`, `]` and words.
fn cmap_tokens(cmap: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut rest = cmap;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        let end = if rest.starts_with('<') {
            rest.find('>').expect("a hex string closes") + 1
        } else if rest.starts_with(['[', ']']) {
            1
        } else {
            rest.find(|c: char| c.is_whitespace() || "<[]".contains(c))
                .unwrap_or(rest.len())
        };
        tokens.push(&rest[..end]);
        rest = &rest[end..];
    }
    tokens
}

/// The UTF-16BE code units of a `<hex>` token.
fn hex_units(token: &str) -> Vec<u16> {
    let hex: String = token
        .trim_start_matches('<')
        .trim_end_matches('>')
        .split_whitespace()
        .collect();
    assert_eq!(hex.len() % 4, 0, "two bytes a unit: {token}");
    (0..hex.len() / 4)
        .map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).unwrap())
        .collect()
}

/// The glyph id of a `<hex>` source code: two bytes under Identity-H.
fn code(token: &str) -> u16 {
    let units = hex_units(token);
    assert_eq!(units.len(), 1, "a two-byte code: {token}");
    units[0]
}

/// What each glyph stands for in a `/ToUnicode` `CMap`: its `bfchar` entries and its
/// `bfrange` ones (both forms: a first destination that counts up, or an array).
fn to_unicode_map(cmap: &str) -> BTreeMap<u16, String> {
    let text = |units: &[u16]| String::from_utf16(units).expect("valid UTF-16");
    let tokens = cmap_tokens(cmap);
    let mut map = BTreeMap::new();
    let mut at = 0;
    while at < tokens.len() {
        match tokens[at] {
            "beginbfchar" => {
                at += 1;
                while tokens[at] != "endbfchar" {
                    map.insert(code(tokens[at]), text(&hex_units(tokens[at + 1])));
                    at += 2;
                }
            }
            "beginbfrange" => {
                at += 1;
                while tokens[at] != "endbfrange" {
                    let (first, last) = (code(tokens[at]), code(tokens[at + 1]));
                    assert!(first <= last, "a range: {first} {last}");
                    at += 2;
                    if tokens[at] == "[" {
                        at += 1;
                        for gid in first..=last {
                            map.insert(gid, text(&hex_units(tokens[at])));
                            at += 1;
                        }
                        assert_eq!(tokens[at], "]", "one destination a code");
                    } else {
                        // The last code unit counts up with the code.
                        let start = hex_units(tokens[at]);
                        for gid in first..=last {
                            let mut units = start.clone();
                            *units.last_mut().unwrap() += gid - first;
                            map.insert(gid, text(&units));
                        }
                    }
                    at += 1;
                }
            }
            _ => {}
        }
        at += 1;
    }
    map
}

/// The `/ToUnicode` map of every Type0 font, by `/BaseFont`.
pub fn to_unicode_maps(
    pdf: &lopdf::Document,
    what: &str,
) -> BTreeMap<String, BTreeMap<u16, String>> {
    fonts_by_name(pdf)
        .into_iter()
        .map(|(font, dict)| {
            let cmap = resolve(
                pdf,
                dict.get(b"ToUnicode")
                    .unwrap_or_else(|_| panic!("{what}: font {font} has no /ToUnicode map")),
            )
            .as_stream()
            .unwrap();
            let cmap = String::from_utf8(data(cmap)).unwrap();
            (font, to_unicode_map(&cmap))
        })
        .collect()
}

#[test]
fn the_cmap_reader_reads_both_forms_of_bfrange_and_bfchar() {
    let cmap = "1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        2 beginbfchar\n<0003> <0020>\n<0010> <06440625>\nendbfchar\n\
        2 beginbfrange\n<0020> <0022> <0041>\n<0030> <0031> [<0066006C> <D83DDE00>]\n\
        endbfrange\nendcmap";
    let map = to_unicode_map(cmap);
    let expected: BTreeMap<u16, String> = [
        (0x03, " "),
        (0x10, "\u{0644}\u{0625}"),
        (0x20, "A"),
        (0x21, "B"),
        (0x22, "C"),
        (0x30, "fl"),
        (0x31, "😀"),
    ]
    .into_iter()
    .map(|(gid, text)| (gid, text.to_owned()))
    .collect();
    assert_eq!(map, expected);
}

/// Matterhorn 10-001: a glyph with no Unicode mapping is a character a screen reader
/// cannot say and a search cannot find.
#[test]
fn every_glyph_shown_maps_to_unicode_through_its_fonts_to_unicode_map() {
    for exported in exported() {
        let (pdf, what) = (&exported.pdf, exported.what);
        let maps = to_unicode_maps(pdf, what);
        let shown = shown_glyphs(pdf, what);
        for glyph in &shown {
            let text = maps[&glyph.font].get(&glyph.gid).unwrap_or_else(|| {
                panic!(
                    "{what} page {}: glyph {} of {} has no /ToUnicode entry",
                    glyph.page, glyph.gid, glyph.font
                )
            });
            assert!(
                !text.is_empty() && !text.contains(['\0', '\u{FEFF}', '\u{FFFE}']),
                "{what} page {}: glyph {} of {} maps to {text:?}",
                glyph.page,
                glyph.gid,
                glyph.font
            );
        }
    }
    // The joined Arabic name is shown with the shaper's glyphs, and those read back as
    // the name letter by letter (in the order they print), the ligature as two letters.
    let scripts = exported()
        .iter()
        .find(|e| e.what == "other scripts")
        .unwrap();
    let maps = to_unicode_maps(&scripts.pdf, scripts.what);
    let fallback: Vec<Shown> = shown_glyphs(&scripts.pdf, scripts.what)
        .into_iter()
        .filter(|g| g.font.ends_with("+DejaVuSans"))
        .collect();
    let read: String = fallback
        .iter()
        .map(|g| maps[&g.font][&g.gid].as_str())
        .collect();
    assert!(read.contains(&visual(ARABIC)), "{read:?}");
    assert!(
        fallback
            .iter()
            .any(|g| maps[&g.font][&g.gid] == "\u{0625}\u{0644}"),
        "the lam-alef ligature is shown and maps to both letters: {read:?}"
    );
}

/// A font's `/W` array as glyph id -> width: both forms, `c [w1 w2 ...]` (from `c` on)
/// and `c_first c_last w` (one width for the range).
fn widths(pdf: &lopdf::Document, w: &[Object]) -> BTreeMap<u16, f32> {
    let number = |o: &Object| resolve(pdf, o).as_float().expect("a number");
    let gid = |o: &Object| u16::try_from(resolve(pdf, o).as_i64().expect("a glyph id")).unwrap();
    let mut widths = BTreeMap::new();
    let mut at = 0;
    while at < w.len() {
        let first = gid(&w[at]);
        match resolve(pdf, &w[at + 1]) {
            Object::Array(list) => {
                for (n, width) in list.iter().enumerate() {
                    let id = first + u16::try_from(n).unwrap();
                    assert!(widths.insert(id, number(width)).is_none(), "{id} twice");
                }
                at += 2;
            }
            last => {
                let last = u16::try_from(last.as_i64().expect("the range's last id")).unwrap();
                for id in first..=last {
                    assert!(
                        widths.insert(id, number(&w[at + 2])).is_none(),
                        "{id} twice"
                    );
                }
                at += 3;
            }
        }
    }
    widths
}

#[test]
fn the_w_array_reader_reads_both_forms() {
    let w = vec![
        Object::Integer(3),
        Object::Array(vec![Object::Integer(250), Object::Real(333.5)]),
        Object::Integer(10),
        Object::Integer(12),
        Object::Integer(500),
    ];
    let read = widths(&lopdf::Document::new(), &w);
    let expected: BTreeMap<u16, f32> = [
        (3, 250.0),
        (4, 333.5),
        (10, 500.0),
        (11, 500.0),
        (12, 500.0),
    ]
    .into_iter()
    .collect();
    assert_eq!(read, expected);
}

/// PDF/UA-1 7.21.5: a viewer advances by the `/W` width, the font program draws by its
/// own advance; where they differ, glyphs overlap or gap and text selection drifts.
/// Widths are in thousandths of an em; printpdf truncates them, so one unit is allowed.
#[test]
fn every_fonts_widths_are_the_embedded_font_programs_advances() {
    for exported in exported() {
        let (pdf, what) = (&exported.pdf, exported.what);
        let shown = shown_glyphs(pdf, what);
        let fonts = fonts_by_name(pdf);
        assert!(!fonts.is_empty(), "{what}: fonts are embedded");
        for (font, type0) in fonts {
            let cid_font = cid_font(pdf, type0, &format!("{what} {font}"));
            assert_eq!(name(cid_font, b"Subtype"), "CIDFontType2", "{what} {font}");
            // Glyph ids are the codes shown: the widths are looked up by glyph id.
            let cid_to_gid = match cid_font.get(b"CIDToGIDMap") {
                Ok(map) => resolve(pdf, map).as_name().unwrap_or_default().to_vec(),
                Err(_) => b"Identity".to_vec(),
            };
            assert_eq!(cid_to_gid, b"Identity", "{what} {font}: CIDs are glyph ids");
            let program = font_program(pdf, cid_font);
            let face = skrifa::FontRef::new(&program).expect("the font program parses");
            let units_per_em = f32::from(face.head().unwrap().units_per_em());
            let metrics = face.glyph_metrics(Size::unscaled(), LocationRef::default());
            let advance = |gid: u16| {
                let units = metrics
                    .advance_width(skrifa::GlyphId::new(u32::from(gid)))
                    .unwrap_or_else(|| panic!("{what} {font}: no glyph {gid} in the program"));
                units * 1000.0 / units_per_em
            };
            let default = cid_font
                .get(b"DW")
                .map_or(1000.0, |dw| resolve(pdf, dw).as_float().unwrap());
            let w = resolve(pdf, cid_font.get(b"W").unwrap())
                .as_array()
                .unwrap();
            let widths = widths(pdf, w);
            assert!(!widths.is_empty(), "{what} {font}: a /W array");
            for (&gid, &width) in &widths {
                let advance = advance(gid);
                assert!(
                    (width - advance).abs() <= 1.0,
                    "{what} {font}: glyph {gid} is {width} wide in /W, {advance} in the font"
                );
            }
            // A glyph shown without a /W entry is as wide as /DW says.
            let mut checked = 0;
            for glyph in shown.iter().filter(|g| g.font == font) {
                let width = widths.get(&glyph.gid).copied().unwrap_or(default);
                let advance = advance(glyph.gid);
                assert!(
                    (width - advance).abs() <= 1.0,
                    "{what} page {} {font}: glyph {} is {width} wide in the font dictionary, \
                     {advance} in the font",
                    glyph.page,
                    glyph.gid
                );
                checked += 1;
            }
            assert!(checked > 0, "{what}: {font} is embedded but never shown");
        }
    }
}

/// The one CID font a Type0 font dictionary descends to (`what` names it if not one).
fn cid_font<'a>(pdf: &'a lopdf::Document, type0: &'a Dictionary, what: &str) -> &'a Dictionary {
    let descendants = resolve(pdf, type0.get(b"DescendantFonts").unwrap())
        .as_array()
        .unwrap();
    assert_eq!(descendants.len(), 1, "{what}: one descendant font");
    dict(pdf, &descendants[0])
}

/// The font program a CID font embeds (`/FontFile2`), inflated.
fn font_program(pdf: &lopdf::Document, cid_font: &Dictionary) -> Vec<u8> {
    let descriptor = dict(pdf, cid_font.get(b"FontDescriptor").unwrap());
    data(
        resolve(pdf, descriptor.get(b"FontFile2").unwrap())
            .as_stream()
            .unwrap(),
    )
}

/// A glyph's outline as drawn, command by command, in font units.
#[derive(Debug, Default, PartialEq)]
struct Outline(Vec<String>);

impl OutlinePen for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.push(format!("M {x} {y}"));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.push(format!("L {x} {y}"));
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.0.push(format!("Q {cx0} {cy0} {x} {y}"));
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.0.push(format!("C {cx0} {cy0} {cx1} {cy1} {x} {y}"));
    }
    fn close(&mut self) {
        self.0.push("Z".to_owned());
    }
}

fn outline(font: &skrifa::FontRef<'_>, gid: skrifa::GlyphId) -> Outline {
    let mut pen = Outline::default();
    let settings = DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
    font.outline_glyphs()
        .get(gid)
        .unwrap_or_else(|| panic!("glyph {} is in the font", gid.to_u32()))
        .draw(settings, &mut pen)
        .unwrap_or_else(|e| panic!("glyph {} draws: {e}", gid.to_u32()));
    pen
}

/// The font file an embedded subset was made from, by the subset's `/BaseFont`: the
/// bundled faces, and the fixture font the other scripts fall back on.
fn source_font(base_font: &str) -> Vec<u8> {
    let name = base_font
        .split_once('+')
        .map_or(base_font, |(_, name)| name);
    if let Some(face) = Face::ALL.into_iter().find(|f| f.postscript_name() == name) {
        return face.bytes().to_vec();
    }
    assert_eq!(
        name, "DejaVuSans",
        "a font these memos are not meant to use"
    );
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/fonts/DejaVuSans-Subset.ttf"),
    )
    .unwrap()
}

/// Each glyph a page shows is drawn by the embedded subset with the outline its font file
/// has for the character the glyph stands for: the subset's glyphs are numbered as the
/// pages' codes expect. (A subset numbered one off prints other letters, and the checks
/// above still pass wherever the two letters are as wide.) Arabic letters are left out:
/// they print in the joining forms the shaper chose, not as the letters' own glyphs.
#[test]
fn every_glyph_shown_draws_the_outline_its_font_file_has_for_its_character() {
    for exported in exported() {
        let (pdf, what) = (&exported.pdf, exported.what);
        let maps = to_unicode_maps(pdf, what);
        let shown = shown_glyphs(pdf, what);
        for (font, type0) in fonts_by_name(pdf) {
            let program = font_program(pdf, cid_font(pdf, type0, &format!("{what} {font}")));
            let subset = skrifa::FontRef::new(&program).expect("the font program parses");
            let source = source_font(&font);
            let source = skrifa::FontRef::new(&source).unwrap();
            let mut glyphs: Vec<u16> = shown
                .iter()
                .filter(|g| g.font == font)
                .map(|g| g.gid)
                .collect();
            glyphs.sort_unstable();
            glyphs.dedup();
            // Glyphs with an outline compared: two blank ones (spaces) would compare
            // equal whatever their numbers.
            let mut drawn = 0;
            for gid in glyphs {
                let text = &maps[&font][&gid];
                let mut chars = text.chars();
                let (Some(c), None) = (chars.next(), chars.next()) else {
                    continue; // A ligature: no one character's glyph.
                };
                if ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{FB50}'..='\u{FEFF}').contains(&c)
                {
                    continue;
                }
                let own = source
                    .charmap()
                    .map(c)
                    .unwrap_or_else(|| panic!("{what} {font}: {c:?} is in the font file"));
                let printed = outline(&subset, skrifa::GlyphId::new(u32::from(gid)));
                assert_eq!(
                    printed,
                    outline(&source, own),
                    "{what} {font}: glyph {gid}, shown for {c:?}, is drawn as glyph {} of the font file",
                    own.to_u32()
                );
                drawn += usize::from(!printed.0.is_empty());
            }
            // Each face draws letters; the fallback font here draws a check mark.
            let least = if font.contains("Liberation") { 10 } else { 1 };
            assert!(
                drawn >= least,
                "{what} {font}: {drawn} glyphs with an outline checked"
            );
        }
    }
}

/// One element of the XMP packet that holds text: the names of the elements it is in
/// and its own, outermost first, joined by `/`; its `xml:lang`; its text, unescaped.
#[derive(Debug)]
struct XmpValue {
    path: String,
    lang: Option<String>,
    text: String,
}

fn xmp_values(xmp: &str) -> Vec<XmpValue> {
    let mut reader = quick_xml::Reader::from_str(xmp);
    let mut open: Vec<XmpValue> = Vec::new();
    let mut values = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                let path = match open.last() {
                    Some(parent) => format!("{}/{name}", parent.path),
                    None => name,
                };
                let lang = e
                    .try_get_attribute("xml:lang")
                    .unwrap()
                    .map(|a| a.normalized_value(XmlVersion::Implicit1_0).unwrap());
                open.push(XmpValue {
                    path,
                    lang: lang.map(String::from),
                    text: String::new(),
                });
            }
            Event::End(_) => values.push(open.pop().expect("balanced tags")),
            Event::Text(t) => {
                let text = t.xml_content(XmlVersion::Implicit1_0).unwrap();
                if let Some(value) = open.last_mut() {
                    value.text.push_str(&text);
                }
            }
            Event::GeneralRef(r) => {
                let entity = r.decode().unwrap();
                let c = r.resolve_char_ref().unwrap().map_or_else(
                    || {
                        quick_xml::escape::resolve_predefined_entity(&entity)
                            .unwrap_or_else(|| panic!("an unknown entity &{entity};"))
                            .to_owned()
                    },
                    String::from,
                );
                open.last_mut()
                    .expect("inside an element")
                    .text
                    .push_str(&c);
            }
            Event::CData(c) => {
                let text = c.xml_content(XmlVersion::Implicit1_0).unwrap();
                open.last_mut()
                    .expect("inside an element")
                    .text
                    .push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "unclosed elements");
    values
}

/// The text of the only element of `values` at `path` (under `rdf:Description`); ""
/// when there is none.
fn xmp_value<'a>(values: &'a [XmpValue], path: &str, what: &str) -> &'a str {
    let found: Vec<&XmpValue> = values
        .iter()
        .filter(|v| v.path.ends_with(&format!("/rdf:Description/{path}")))
        .collect();
    assert!(found.len() <= 1, "{what}: {path} once: {found:?}");
    found.first().map_or("", |v| v.text.as_str())
}

/// A PDF text string (ISO 32000-1, 7.9.2.2): UTF-16BE after a byte order mark, else
/// `PDFDocEncoding`. (PDF 1.7 has no UTF-8 text strings.)
fn text_string(object: &Object) -> String {
    let bytes = object.as_str().expect("a string");
    let Some(utf16) = bytes.strip_prefix(b"\xFE\xFF") else {
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 is PDF 2.0");
        return lopdf::decode_text_string(object).expect("PDFDocEncoding");
    };
    assert_eq!(utf16.len() % 2, 0, "whole UTF-16 code units: {bytes:?}");
    let units: Vec<u16> = utf16
        .chunks(2)
        .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
        .collect();
    String::from_utf16(&units).expect("valid UTF-16")
}

/// An Info date (`D:20260303120000+00'00'`, UTC as printpdf writes it) as XMP writes one.
fn xmp_date(info: &str) -> String {
    let digits = info
        .strip_prefix("D:")
        .and_then(|d| d.strip_suffix("+00'00'"))
        .unwrap_or_else(|| panic!("a UTC date: {info}"));
    assert_eq!(digits.len(), 14, "{info}");
    let part = |from: usize, to: usize| &digits[from..to];
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        part(0, 4),
        part(4, 6),
        part(6, 8),
        part(8, 10),
        part(10, 12),
        part(12, 14)
    )
}

/// PDF/UA-1 asks for the title in the XMP (`dc:title`, 7.1) and for the PDF/UA
/// identification (5); a viewer shows the title from the Info dictionary or from the
/// XMP, so the two say the same, as every other Info entry does. The catalog's `/Lang`
/// is the language a screen reader speaks unless the structure says otherwise.
#[test]
fn the_xmp_metadata_says_what_the_info_dictionary_and_the_catalog_say() {
    for exported in exported() {
        let (pdf, what) = (&exported.pdf, exported.what);
        let catalog = pdf.catalog().unwrap();
        assert_eq!(
            text_string(catalog.get(b"Lang").unwrap()),
            exported.language,
            "{what}: the memo's language"
        );
        let metadata = resolve(pdf, catalog.get(b"Metadata").unwrap())
            .as_stream()
            .unwrap();
        assert_eq!(name(&metadata.dict, b"Type"), "Metadata");
        assert_eq!(name(&metadata.dict, b"Subtype"), "XML");
        assert!(
            !metadata.dict.has(b"Filter"),
            "{what}: uncompressed, as text"
        );
        let xmp = String::from_utf8(metadata.content.clone()).expect("UTF-8");
        for namespace in [
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/""#,
            r#"xmlns:pdf="http://ns.adobe.com/pdf/1.3/""#,
            r#"xmlns:xmp="http://ns.adobe.com/xap/1.0/""#,
            r#"xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/""#,
        ] {
            assert!(xmp.contains(namespace), "{what}: {namespace} in {xmp}");
        }
        let values = xmp_values(&xmp);
        assert_eq!(
            xmp_value(&values, "pdfuaid:part", what),
            "1",
            "{what}: PDF/UA-1"
        );

        let titles: Vec<&XmpValue> = values
            .iter()
            .filter(|v| v.path.ends_with("/dc:title/rdf:Alt/rdf:li"))
            .collect();
        assert_eq!(titles.len(), 1, "{what}: one title: {titles:?}");
        assert_eq!(titles[0].lang.as_deref(), Some("x-default"), "{what}");
        let info = dict(pdf, pdf.trailer.get(b"Info").unwrap());
        let info_text = |key: &[u8]| {
            info.get(key)
                .map(|value| text_string(resolve(pdf, value)))
                .unwrap_or_default()
        };
        assert_eq!(info_text(b"Title"), exported.title, "{what}: Info /Title");
        assert_eq!(titles[0].text, exported.title, "{what}: dc:title");
        assert_eq!(
            xmp_value(&values, "dc:language/rdf:Bag/rdf:li", what),
            exported.language,
            "{what}: dc:language"
        );

        // The rest of the Info dictionary, as the XMP says it.
        for (key, path) in [
            (b"Author".as_slice(), "dc:creator/rdf:Seq/rdf:li"),
            (b"Subject", "dc:description/rdf:Alt/rdf:li"),
            (b"Keywords", "pdf:Keywords"),
            (b"Producer", "pdf:Producer"),
            (b"Creator", "xmp:CreatorTool"),
        ] {
            assert_eq!(
                info_text(key),
                xmp_value(&values, path, what),
                "{what}: Info /{} and XMP {path}",
                String::from_utf8_lossy(key)
            );
        }
        for (key, path) in [
            (b"CreationDate".as_slice(), "xmp:CreateDate"),
            (b"ModDate", "xmp:ModifyDate"),
        ] {
            assert_eq!(
                xmp_date(&info_text(key)),
                xmp_value(&values, path, what),
                "{what}: Info /{} and XMP {path}",
                String::from_utf8_lossy(key)
            );
        }
    }
}

/// Each shaped run (joined Arabic, with marks and a lam-alef ligature) ends in the PDF
/// where layout measured it to end, walking its text as a viewer does: each glyph moves
/// the pen by its `/W` width, each number in a `TJ` array by its thousandths of an em.
/// The shaper's advances, the glyphs' own widths and the marks' offsets add up.
#[test]
fn a_shaped_run_ends_in_the_pdf_where_layout_measured_it() {
    let fonts_used = fixture_fonts();
    let fonts = &fonts_used;
    let mut memo = memo_with_other_scripts();
    let mut marked = memo.signatories[0].clone();
    marked.organization = "مُنَظَّمَة لا".to_owned();
    memo.signatories.push(marked);
    let laid = layout::layout(&memo, fonts, &memo.page);
    let bytes = pdf::export(&laid.document, fonts, &pdf::PdfOptions::default()).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let mut checked = 0;
    for (page, (number, page_id)) in laid.document.pages.iter().zip(pdf.get_pages()) {
        // Where each text run of the page starts (`Tm`) and where its pen ends.
        let fonts = pdf.get_page_fonts(page_id).unwrap();
        let content = pdf.get_and_decode_page_content(page_id).unwrap();
        let mut ends: Vec<((f32, f32), f32)> = Vec::new();
        let mut widths = BTreeMap::new();
        let (mut size, mut default) = (0.0, 1000.0);
        for op in &content.operations {
            let number_at = |i: usize| op.operands[i].as_float().unwrap();
            match op.operator.as_str() {
                "Tf" => {
                    let type0 = fonts.get(op.operands[0].as_name().unwrap()).unwrap();
                    let cid_font = cid_font(&pdf, type0, "the shaped run's font");
                    let w = resolve(&pdf, cid_font.get(b"W").unwrap())
                        .as_array()
                        .unwrap();
                    widths = self::widths(&pdf, w);
                    default = cid_font
                        .get(b"DW")
                        .map_or(1000.0, |dw| resolve(&pdf, dw).as_float().unwrap());
                    size = number_at(1);
                }
                "Tm" => ends.push(((number_at(4), number_at(5)), number_at(4))),
                "TJ" | "Tj" => {
                    let pen = &mut ends.last_mut().expect("a run placed before it is shown").1;
                    let items = match &op.operands[0] {
                        Object::Array(items) => items.clone(),
                        string => vec![string.clone()],
                    };
                    for item in items {
                        match item {
                            Object::String(glyphs, _) => {
                                for pair in glyphs.chunks(2) {
                                    let gid = u16::from_be_bytes([pair[0], pair[1]]);
                                    *pen += widths.get(&gid).copied().unwrap_or(default) / 1000.0
                                        * size;
                                }
                            }
                            number => *pen -= number.as_float().unwrap() / 1000.0 * size,
                        }
                    }
                }
                _ => {}
            }
        }
        for run in page.texts().filter(|run| run.shaped) {
            let start = (run.origin.x.0, (page.height - run.origin.y).0);
            let (_, end) = ends
                .iter()
                .find(|((x, y), _)| (x - start.0).abs() < 0.01 && (y - start.1).abs() < 0.01)
                .unwrap_or_else(|| panic!("page {number}: {:?} is placed", run.text));
            // The space a line broke at stays in the text, drawn past the run's width; a
            // space between words is in the width, with the stretch that makes up for the
            // fallback font's space being wider than the bundled one (an adjustment at
            // the end of a right-to-left run, after its visual reordering).
            let end_adjusted = run.adjust.iter().any(|a| a.at as usize >= run.text.len());
            let break_space = run.text.ends_with(' ') && !end_adjusted;
            let space = fonts_used.advance_in(run.face, run.fallback, ' ') * run.size.0;
            let measured = start.0 + run.width.0 + if break_space { space } else { 0.0 };
            assert!(
                (end - measured).abs() < 0.05,
                "page {number}: {:?} ends at {end} in the PDF, {measured} in layout",
                run.text
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 2,
        "the Arabic names' runs were walked: {checked}"
    );
}
