//! The bundled fonts (assets/fonts, Liberation Serif, SIL OFL 1.1) and their metrics:
//! nominal advances from skrifa, kerning from harfrust shaping. Never egui or printpdf.
//!
//! A character the bundled fonts lack is drawn by a font installed on the machine
//! (`fallback.rs`), or else as [`PLACEHOLDER`].
//!
//! All lengths here are in em (font size 1); callers scale by the font size.

mod fallback;

use std::borrow::Cow;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use harfrust::{Direction, Script, ShapePlan, ShaperData, UnicodeBuffer};
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

/// The bundled fonts' name and licence, as Help > About and the package's documentation
/// give them.
pub const FAMILY: &str = "Liberation Serif 2.1";
/// The text of the fonts' licence (SIL Open Font License 1.1), shipped with the fonts.
pub const LICENSE: &str = include_str!("../../assets/fonts/OFL-LiberationSerif.txt");

pub use fallback::{Fallback, FontFolders};

/// What prints for a character that no available font has: a white square, visible in
/// the PDF and the preview (the bundled fonts have it).
pub const PLACEHOLDER: char = '\u{25A1}';

/// Which font draws a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The bundled face.
    Bundled,
    /// A font installed on the machine.
    Fallback(Fallback),
    /// No available font: it prints as [`PLACEHOLDER`].
    Missing,
}

/// A style of the body family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub const ALL: [Self; 4] = [Self::Regular, Self::Bold, Self::Italic, Self::BoldItalic];

    pub fn styled(bold: bool, italic: bool) -> Self {
        match (bold, italic) {
            (false, false) => Self::Regular,
            (true, false) => Self::Bold,
            (false, true) => Self::Italic,
            (true, true) => Self::BoldItalic,
        }
    }

    /// The PostScript name of the bundled font for this face.
    pub fn postscript_name(self) -> &'static str {
        match self {
            Self::Regular => "LiberationSerif",
            Self::Bold => "LiberationSerif-Bold",
            Self::Italic => "LiberationSerif-Italic",
            Self::BoldItalic => "LiberationSerif-BoldItalic",
        }
    }

    fn index(self) -> usize {
        match self {
            Self::Regular => 0,
            Self::Bold => 1,
            Self::Italic => 2,
            Self::BoldItalic => 3,
        }
    }

    /// The bundled font file of this face.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Self::Regular => include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
            Self::Bold => include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
            Self::Italic => include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
            Self::BoldItalic => include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("the bundled font {name} cannot be read ({message}); reinstall memodraft")]
    Bundled { name: &'static str, message: String },
    /// A font installed on the machine, drawing characters the bundled fonts lack.
    #[error(
        "the installed font {name} cannot be embedded ({message}); remove or reinstall that \
         font, or take the characters it draws out of the memo"
    )]
    Installed { name: String, message: String },
}

/// The width of a piece of text and the kerning inside it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measured {
    /// Total advance in em, kerning included.
    pub advance: f32,
    /// Kerning adjustments: move by `dx` em before the character at byte `at`.
    pub kerns: Vec<Kern>,
    /// Empty when each character prints with its own glyph (the font's cmap), moved by
    /// `kerns`: the common case. Otherwise the glyphs the shaper chose (Arabic joining
    /// forms and ligatures, marks placed on their letters), left to right as they print,
    /// whose advances make up `advance`.
    pub glyphs: Vec<Glyph>,
}

/// A glyph the shaper chose for a piece of text, in em.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    /// The glyph's id in the font file.
    pub gid: u16,
    /// How far the pen moves after it.
    pub advance: f32,
    /// Where it is drawn from the pen (right and up).
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte offset in the text of the first character of the glyph's cluster (the
    /// characters it draws, alone or with the cluster's other glyphs).
    pub cluster: u32,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Kern {
    pub at: u32,
    pub dx: f32,
}

struct FaceData {
    font: FontRef<'static>,
    shaper: ShaperData,
    /// Shape plans by (script, direction): compiling one costs more than shaping a word.
    plans: Mutex<Vec<(Script, Direction, Arc<ShapePlan>)>>,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
    /// The first 0x250 code points (Latin), looked up without a cmap search; made the
    /// first time the face is measured (a memo rarely uses all four faces).
    latin: OnceLock<Box<[Latin]>>,
    /// Which ASCII characters the face has, one bit each: most text is ASCII, and every
    /// piece is checked for characters the face lacks before it is measured or printed.
    ascii: u128,
    metrics: GlyphMetrics<'static>,
    charmap: skrifa::charmap::Charmap<'static>,
}

/// A Latin character of a face: its glyph, if the font has one, and its advance in em.
#[derive(Clone, Copy, Default)]
struct Latin {
    advance: f32,
    /// The character's glyph; None when the face lacks it.
    glyph: Option<skrifa::GlyphId>,
}

/// An invisible character that formats the text around it (general category Cf): the
/// zero-width non-joiner and joiner, direction marks, embeddings and isolates, the word
/// joiner. Not the soft hyphen, nor the signs written before a number (U+0600-U+0605,
/// U+06DD and their kin: Unicode's `Prepended_Concatenation_Mark`), which print.
pub fn is_invisible_format(c: char) -> bool {
    use icu_properties::{CodePointSetData, props::PrependedConcatenationMark};
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    c.general_category() == GeneralCategory::Format
        && c != '\u{AD}'
        && !CodePointSetData::new::<PrependedConcatenationMark>().contains(c)
}

thread_local! {
    /// One shaping buffer a thread, reused for every word it shapes and every direction
    /// it guesses (the preview asks for every segment it paints, every frame).
    static BUFFER: std::cell::Cell<Option<UnicodeBuffer>> = const { std::cell::Cell::new(None) };
}

/// Whether a shaper that guesses the direction from `text` (harfrust's guess, which
/// egui's shaper makes too) lays it out right to left: its first character of a script
/// is of a right-to-left one. Arabic-Indic digits count as Arabic, so a shaper lays a
/// number written in them out from the right unless it is handed the digits reversed.
pub fn shapes_right_to_left(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    BUFFER.with(|cell| {
        let mut buffer = cell.take().unwrap_or_default();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let rtl = buffer.direction() == Direction::RightToLeft;
        buffer.clear();
        cell.set(Some(buffer));
        rtl
    })
}

/// Shards of the measured-word cache per face.
const CACHE_SHARDS: usize = 8;

/// The body fonts with their metrics, and a cache of measured words.
pub struct Fonts {
    faces: [FaceData; 4],
    cache: Vec<Words>,
    fallbacks: fallback::Fallbacks,
}

const LATIN_END: u32 = 0x250;

impl Fonts {
    /// Parses the bundled fonts; missing characters are looked for in the system's fonts.
    pub fn new() -> Result<Self, FontError> {
        Self::with_folders(FontFolders::System)
    }

    /// Parses the bundled fonts; missing characters are looked for in `folders`.
    pub fn with_folders(folders: FontFolders) -> Result<Self, FontError> {
        let faces = [
            FaceData::new(Face::Regular)?,
            FaceData::new(Face::Bold)?,
            FaceData::new(Face::Italic)?,
            FaceData::new(Face::BoldItalic)?,
        ];
        Ok(Self {
            faces,
            cache: (0..4 * CACHE_SHARDS).map(|_| Words::default()).collect(),
            fallbacks: fallback::Fallbacks::new(folders),
        })
    }

    fn face(&self, face: Face) -> &FaceData {
        // The array has one entry per face; index() is in range by construction.
        &self.faces[face.index()]
    }

    /// The glyphs of the PDF's subset of `face`, or of the fallback `font`: `.notdef`,
    /// the glyphs of `chars` and the glyphs `shaped` (ids in the font file,
    /// [`Measured::glyphs`]). Known before the subset is made ([`Fonts::subset`]), so
    /// pages can be drawn meanwhile.
    pub fn subset_glyphs(
        &self,
        face: Face,
        font: Option<Fallback>,
        chars: impl IntoIterator<Item = char>,
        shaped: &[u16],
    ) -> SubsetGlyphs {
        let mut gids: Vec<u16> = chars
            .into_iter()
            .filter_map(|c| self.glyph_in(face, font, c))
            .chain(shaped.iter().copied())
            .chain([0])
            .collect();
        gids.sort_unstable();
        gids.dedup();
        SubsetGlyphs { gids }
    }

    /// The subset of `face`, or of the fallback `font`, holding `glyphs` numbered in their
    /// order ([`SubsetGlyphs`]): a font file for embedding in a PDF, without a cmap.
    pub fn subset(
        &self,
        face: Face,
        font: Option<Fallback>,
        glyphs: &SubsetGlyphs,
    ) -> Result<Vec<u8>, FontError> {
        let Some(font) = font else {
            return subset_font(face.bytes(), 0, &glyphs.gids).map_err(|message| {
                FontError::Bundled {
                    name: face.postscript_name(),
                    message,
                }
            });
        };
        let loaded = self
            .fallbacks
            .get(font)
            .ok_or_else(|| FontError::Installed {
                name: format!("number {}", font.0),
                message: "it was not loaded".to_owned(),
            })?;
        subset_font(loaded.bytes, loaded.index, &glyphs.gids).map_err(|message| {
            FontError::Installed {
                name: loaded.name.clone(),
                message,
            }
        })
    }

    /// Ascender above the baseline, in em.
    pub fn ascent(&self, face: Face) -> f32 {
        self.face(face).ascent
    }

    /// Descender below the baseline, in em (positive).
    pub fn descent(&self, face: Face) -> f32 {
        self.face(face).descent
    }

    /// The glyph `c` prints with in `face` or in the fallback `font` (its own glyph, by
    /// the cmap), or None when that font lacks it.
    pub fn glyph_in(&self, face: Face, font: Option<Fallback>, c: char) -> Option<u16> {
        let gid = match font.and_then(|f| self.fallbacks.get(f)) {
            Some(loaded) => loaded.data.glyph(c)?,
            None => self.face(face).glyph(c)?,
        };
        u16::try_from(gid.to_u32()).ok()
    }

    /// The nominal advance of `c` in em (no kerning), in the font that prints it: `face`,
    /// or the fallback font that has it ([`Fonts::source`]); a character no font has
    /// measures as the face's missing-glyph box.
    pub fn advance(&self, face: Face, c: char) -> f32 {
        let data = self.face(face);
        if let Some(latin) = data.latin().get(c as usize) {
            return latin.advance;
        }
        match self.source(face, c) {
            Source::Fallback(font) => self.advance_in(face, Some(font), c),
            Source::Bundled | Source::Missing => data.advance_of(c),
        }
    }

    /// `text` shaped in `face`, the pieces a fallback font draws in that font:
    /// [`FaceData::shape`] of each piece of `text` in the font that draws it, added up.
    /// Only a text in one font keeps its [`Measured::glyphs`]: the glyphs of several
    /// fonts cannot be drawn as one, and layout measures each font's piece on its own
    /// for the runs it draws (this sum is the width line breaking uses).
    fn shape_mixed(&self, face: Face, text: &str) -> Measured {
        let pieces = self.split(face, text);
        if let [(None, _)] = pieces.as_slice() {
            return self.face(face).shape(text);
        }
        let mut measured = Measured::default();
        let mut at = 0_u32;
        for (font, piece) in pieces {
            let m = match font.and_then(|f| self.fallbacks.get(f)) {
                Some(loaded) => loaded.data.shape(piece),
                None => self.face(face).shape(piece),
            };
            measured.kerns.extend(m.kerns.iter().map(|k| Kern {
                at: at + k.at,
                dx: k.dx,
            }));
            measured.advance += m.advance;
            at += u32::try_from(piece.len()).unwrap_or(u32::MAX);
        }
        measured
    }

    /// Which font draws `c` in `face`: the bundled face when it has the glyph, else the
    /// first installed font that has it (the font database is read on the first such
    /// character), else none. The one rule both painters and the warnings follow.
    pub fn source(&self, face: Face, c: char) -> Source {
        if self.face(face).has(c) {
            return Source::Bundled;
        }
        match self.fallbacks.for_char(c) {
            Some(fallback) => Source::Fallback(fallback),
            None => Source::Missing,
        }
    }

    /// Whether the bundled `face` has every character of `text` (no fallback font is
    /// needed and nothing is missing): the common case, checked first everywhere.
    pub fn has_all(&self, face: Face, text: &str) -> bool {
        self.face(face).has_all(text)
    }

    /// Finds (and loads) the installed fonts that draw the characters of `text` the
    /// bundled `face` lacks, in the order they come.
    pub fn resolve(&self, face: Face, text: &str) {
        if self.has_all(face, text) {
            return;
        }
        for c in text.chars() {
            self.source(face, c);
        }
    }

    /// `text` as it prints in `face`: each character no available font has replaced by
    /// [`PLACEHOLDER`]. Borrowed when nothing is missing, which is the common case.
    pub fn printable<'a>(&self, face: Face, text: &'a str) -> Cow<'a, str> {
        if self.has_all(face, text) {
            return Cow::Borrowed(text);
        }
        if !text
            .chars()
            .any(|c| self.source(face, c) == Source::Missing)
        {
            return Cow::Borrowed(text);
        }
        Cow::Owned(
            text.chars()
                .map(|c| match self.source(face, c) {
                    Source::Missing => PLACEHOLDER,
                    Source::Bundled | Source::Fallback(_) => c,
                })
                .collect(),
        )
    }

    /// `text` cut where the font drawing it changes: each piece with its fallback font
    /// (None: the bundled face; a missing character stays with the bundled face, which
    /// draws its missing-glyph box).
    pub fn split<'a>(&self, face: Face, text: &'a str) -> Vec<(Option<Fallback>, &'a str)> {
        if self.has_all(face, text) {
            return vec![(None, text)];
        }
        let mut out: Vec<(Option<Fallback>, &'a str)> = Vec::new();
        let mut start = 0;
        let mut current = None;
        for (i, c) in text.char_indices() {
            // Spaces and invisible format characters go with the text around them: a
            // name in another script stays one run, and the shaper sees a Persian word's
            // zero-width non-joiner (which Liberation Serif has) inside the word it
            // splits, not as a run of its own cutting the word in two.
            let font = match self.source(face, c) {
                Source::Fallback(f) => Some(f),
                Source::Bundled | Source::Missing
                    if current.is_some() && (c == ' ' || is_invisible_format(c)) =>
                {
                    current
                }
                Source::Bundled | Source::Missing => None,
            };
            if i > 0 && font != current {
                if let Some(piece) = text.get(start..i) {
                    out.push((current, piece));
                }
                start = i;
            }
            current = font;
        }
        if let Some(piece) = text.get(start..)
            && !piece.is_empty()
        {
            out.push((current, piece));
        }
        out
    }

    /// Measures `text` in `face` or, for `Some(fallback)`, in that fallback font; each
    /// word is shaped once per font, however often it is asked for.
    pub fn measure_in(&self, face: Face, font: Option<Fallback>, text: &str) -> Arc<Measured> {
        match font.and_then(|f| self.fallbacks.get(f)) {
            Some(loaded) => loaded.words.get(text, || loaded.data.shape(text)),
            None => self.measure(face, text),
        }
    }

    /// The advance in em of glyph `gid` in `face` or in the fallback `font`, as the font
    /// file gives it (a PDF viewer moves by this after drawing the glyph).
    pub fn glyph_advance_in(&self, face: Face, font: Option<Fallback>, gid: u16) -> f32 {
        let advance = |data: &FaceData| {
            data.metrics
                .advance_width(skrifa::GlyphId::new(u32::from(gid)))
                .unwrap_or(0.0)
                / data.units_per_em
        };
        match font.and_then(|f| self.fallbacks.get(f)) {
            Some(loaded) => advance(&loaded.data),
            None => advance(self.face(face)),
        }
    }

    /// The nominal advance of `c` in em in `face` or in the fallback `font`.
    pub fn advance_in(&self, face: Face, font: Option<Fallback>, c: char) -> f32 {
        match font.and_then(|f| self.fallbacks.get(f)) {
            Some(loaded) => loaded.data.advance_of(c),
            None => self.face(face).advance_of(c),
        }
    }

    /// The PostScript name of a loaded fallback font.
    pub fn fallback_name(&self, font: Fallback) -> Option<String> {
        self.fallbacks.get(font).map(|l| l.name.clone())
    }

    /// The file of a loaded fallback font and the index of the face in it.
    pub fn fallback_bytes(&self, font: Fallback) -> Option<(&'static [u8], u32)> {
        self.fallbacks.get(font).map(|l| (l.bytes, l.index))
    }

    /// What a PDF's font descriptor says of `face`, or of the fallback `font`: from its
    /// file's `head`, `hhea` and `OS/2` tables, in font units. The subset embedded has no
    /// `OS/2` (nor a cmap), so this is read from the font it was made from.
    pub fn file_metrics(&self, face: Face, font: Option<Fallback>) -> FileMetrics {
        match font.and_then(|f| self.fallbacks.get(f)) {
            Some(loaded) => FileMetrics::of(&loaded.data.font),
            None => FileMetrics::of(&self.face(face).font),
        }
    }

    /// How many fallback fonts have been loaded so far: a painter that installs fonts
    /// (the preview) installs them again when this grows.
    pub fn fallback_count(&self) -> usize {
        self.fallbacks.count()
    }

    /// Measures `text` in `face`, with kerning. Results are cached per word, in shards
    /// that the threads setting paragraphs rarely share, and no lock is held while a
    /// word is shaped.
    pub fn measure(&self, face: Face, text: &str) -> Arc<Measured> {
        let shard = face.index() * CACHE_SHARDS
            + (text.len() + usize::from(text.as_bytes().first().copied().unwrap_or(0)))
                % CACHE_SHARDS;
        match self.cache.get(shard) {
            Some(words) => words.get(text, || self.shape_mixed(face, text)),
            None => Arc::new(self.shape_mixed(face, text)),
        }
    }
}

/// Words already measured in one font (or one shard of a face's words), so that a word
/// is shaped once: layout measures it, and the PDF draws a shaped word's glyphs.
#[derive(Default)]
struct Words(Mutex<foldhash::HashMap<Box<str>, Arc<Measured>>>);

impl Words {
    /// Bound: a long editing session must not grow a cache forever.
    const MOST: usize = 200_000 / CACHE_SHARDS;

    /// `text` measured, from the cache or by `measure` (no lock is held meanwhile).
    fn get(&self, text: &str, measure: impl FnOnce() -> Measured) -> Arc<Measured> {
        if let Some(m) = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(text)
        {
            return Arc::clone(m);
        }
        let measured = Arc::new(measure());
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if map.len() > Self::MOST {
            map.clear();
        }
        map.insert(text.into(), Arc::clone(&measured));
        measured
    }
}

/// A font file's metrics for a PDF's font descriptor ([`Fonts::file_metrics`]), in font
/// units. A table the file lacks leaves its fields at zero (an upright, unknown-weight
/// font with an empty box), which a reader takes as "not said".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FileMetrics {
    pub units_per_em: u16,
    /// The box around every glyph: x min, y min, x max, y max.
    pub bbox: [i16; 4],
    pub ascender: i16,
    pub descender: i16,
    /// The slope of the caret (rise over run): upright is 1 over 0.
    pub caret_slope: (i16, i16),
    /// `OS/2` `usWeightClass` (100-900), or 0 without an `OS/2` table.
    pub weight_class: u16,
}

impl FileMetrics {
    fn of(font: &FontRef<'_>) -> Self {
        use skrifa::raw::TableProvider as _;
        let mut metrics = Self {
            caret_slope: (1, 0),
            ..Self::default()
        };
        if let Ok(head) = font.head() {
            metrics.units_per_em = head.units_per_em();
            metrics.bbox = [head.x_min(), head.y_min(), head.x_max(), head.y_max()];
        }
        if let Ok(hhea) = font.hhea() {
            metrics.ascender = hhea.ascender().to_i16();
            metrics.descender = hhea.descender().to_i16();
            metrics.caret_slope = (hhea.caret_slope_rise(), hhea.caret_slope_run());
        }
        if let Ok(os2) = font.os2() {
            metrics.weight_class = os2.us_weight_class();
        }
        metrics
    }
}

/// The glyphs of a font's subset for the PDF: the id in the font file of each, in the
/// subset's order (sorted, `.notdef` first; the subsetter numbers a subset's glyphs in
/// the order it is given them, then adds the components of composite glyphs).
#[derive(Clone, Debug, Default)]
pub struct SubsetGlyphs {
    gids: Vec<u16>,
}

impl SubsetGlyphs {
    /// The id in the font file of the subset's glyph `id` (one of those it was made
    /// for; the components of composite glyphs come after them and are not known here).
    pub fn original(&self, id: u16) -> Option<u16> {
        self.gids.get(usize::from(id)).copied()
    }

    /// Each glyph the subset was made for: its id in the subset and in the font file.
    pub fn iter(&self) -> impl Iterator<Item = (u16, u16)> + '_ {
        (0..=u16::MAX).zip(self.gids.iter().copied())
    }

    /// The id in the subset of glyph `gid` of the font file, if the subset has it.
    pub fn glyph(&self, gid: u16) -> Option<u16> {
        let at = self.gids.binary_search(&gid).ok()?;
        u16::try_from(at).ok()
    }
}

/// A subset of the font at `index` in `bytes` holding `gids` (sorted, `.notdef` first),
/// numbered in that order. It has no cmap: a PDF's CID font maps its codes to glyphs
/// itself, and its `ToUnicode` says what each stands for.
fn subset_font(bytes: &[u8], index: u32, gids: &[u16]) -> Result<Vec<u8>, String> {
    let remapper = subsetter::GlyphRemapper::new_from_glyphs(gids);
    subsetter::subset(bytes, index, &remapper).map_err(|e| e.to_string())
}

impl FaceData {
    fn new(face: Face) -> Result<Self, FontError> {
        let font = FontRef::new(face.bytes()).map_err(|e| FontError::Bundled {
            name: face.postscript_name(),
            message: e.to_string(),
        })?;
        Ok(Self::from_font(font))
    }

    fn from_font(font: FontRef<'static>) -> Self {
        let m = font.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(m.units_per_em.max(1));
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let charmap = font.charmap();
        let ascii = (0..128_u8)
            .filter(|&b| charmap.map(char::from(b)).is_some())
            .fold(0_u128, |mask, b| mask | 1 << b);
        Self {
            shaper: ShaperData::new(&font),
            plans: Mutex::new(Vec::new()),
            font,
            units_per_em,
            ascent: m.ascent / units_per_em,
            descent: -m.descent / units_per_em,
            latin: OnceLock::new(),
            ascii,
            metrics,
            charmap,
        }
    }

    /// The face's [`Latin`] table.
    fn latin(&self) -> &[Latin] {
        self.latin.get_or_init(|| {
            (0..LATIN_END)
                .map(|cp| {
                    let gid = char::from_u32(cp).and_then(|c| self.charmap.map(c));
                    Latin {
                        advance: self
                            .metrics
                            .advance_width(gid.unwrap_or_default())
                            .unwrap_or(0.0)
                            / self.units_per_em,
                        glyph: gid,
                    }
                })
                .collect()
        })
    }

    fn has(&self, c: char) -> bool {
        if c.is_ascii() {
            return self.ascii >> u32::from(c) & 1 == 1;
        }
        self.glyph(c).is_some()
    }

    /// Whether the face has every character of `text`.
    fn has_all(&self, text: &str) -> bool {
        if text.is_ascii() {
            return text.bytes().all(|b| self.ascii >> b & 1 == 1);
        }
        text.chars().all(|c| self.has(c))
    }

    /// The face's own glyph for `c` (its cmap's), if it has one.
    fn glyph(&self, c: char) -> Option<skrifa::GlyphId> {
        match self.latin().get(c as usize) {
            Some(latin) => latin.glyph,
            None => self.charmap.map(c),
        }
    }

    fn advance_of(&self, c: char) -> f32 {
        let gid = self.charmap.map(c).unwrap_or_default();
        self.metrics.advance_width(gid).unwrap_or(0.0) / self.units_per_em
    }

    /// Shapes `text` (one word, or a piece of one in a single font, in reading order):
    /// its advance with kerning and, where the shaper substituted glyphs (Arabic joining
    /// forms and ligatures, marks on their letters, a right-to-left word's reversed
    /// order), the glyphs themselves, which both painters draw.
    fn shape(&self, text: &str) -> Measured {
        if text.chars().count() < 2 {
            return Measured {
                advance: text.chars().map(|c| self.advance_of_fast(c)).sum(),
                ..Measured::default()
            };
        }
        let shaper = self.shaper.shaper(&self.font).build();
        let mut buffer = BUFFER.take().unwrap_or_default();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let (script, direction) = (buffer.script(), buffer.direction());
        let plan = {
            let mut plans = self.plans.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some((_, _, plan)) = plans.iter().find(|p| p.0 == script && p.1 == direction) {
                Arc::clone(plan)
            } else {
                let plan = Arc::new(ShapePlan::new(&shaper, direction, Some(script), None, &[]));
                plans.push((script, direction, Arc::clone(&plan)));
                plan
            }
        };
        let glyphs = shaper.shape(buffer, harfrust::ShapeOptions::new().plan(Some(&plan)));
        let measured = self.measured(text, &glyphs);
        BUFFER.set(Some(glyphs.clear()));
        measured
    }

    /// What the shaper made of `text` ([`FaceData::shape`]), as layout measures it.
    fn measured(&self, text: &str, shaped: &harfrust::GlyphBuffer) -> Measured {
        let infos = shaped.glyph_infos();
        let positions = shaped.glyph_positions();
        // The shaper draws an invisible formatting character (a zero-width non-joiner, a
        // direction mark) with the space glyph, advancing nothing. The font's own glyph
        // for it, where it has one without an outline (Liberation Serif's have marks
        // drawn in them), is as invisible and maps back to that character in the PDF's
        // `/ToUnicode`, where the space glyph reads as a space.
        let formats = !text.is_ascii() && text.chars().any(is_invisible_format);
        let glyph_id = |info: &harfrust::GlyphInfo| -> u32 {
            if formats
                && let Some(c) = usize::try_from(info.cluster)
                    .ok()
                    .and_then(|i| text.get(i..))
                    .and_then(|rest| rest.chars().next())
                && is_invisible_format(c)
                && let Some(own) = self.glyph(c)
                // (A variable font's empty glyph has no bounds at all.)
                && !self
                    .metrics
                    .bounds(own)
                    .is_some_and(|b| b.x_max > b.x_min && b.y_max > b.y_min)
            {
                return own.to_u32();
            }
            info.glyph_id
        };
        let one_to_one = infos.len() == text.chars().count()
            && infos.iter().zip(text.char_indices()).all(|(info, (i, c))| {
                usize::try_from(info.cluster).ok() == Some(i)
                    && self.glyph(c).map(skrifa::GlyphId::to_u32) == Some(glyph_id(info))
            });
        #[allow(clippy::cast_precision_loss)] // positions are far below 2^24 font units
        let em = |units: i32| units as f32 / self.units_per_em;
        if !one_to_one {
            let glyphs: Vec<Glyph> = infos
                .iter()
                .zip(positions)
                .map(|(info, pos)| Glyph {
                    gid: u16::try_from(glyph_id(info)).unwrap_or(0),
                    advance: em(pos.x_advance),
                    x_offset: em(pos.x_offset),
                    y_offset: em(pos.y_offset),
                    cluster: info.cluster,
                })
                .collect();
            return Measured {
                advance: glyphs.iter().map(|g| g.advance).sum(),
                kerns: Vec::new(),
                glyphs,
            };
        }
        let mut kerns = Vec::new();
        let mut total = 0.0;
        for (pos, (i, c)) in positions.iter().zip(text.char_indices()) {
            // Each glyph is its character's own (one to one).
            let nominal = self.advance_of_fast(c);
            let dx = em(pos.x_advance) - nominal;
            total += em(pos.x_advance);
            if dx.abs() > 1e-6 {
                // The kern after this glyph applies before the next character.
                let next = i + c.len_utf8();
                if next < text.len() {
                    kerns.push(Kern {
                        at: u32::try_from(next).unwrap_or(u32::MAX),
                        dx,
                    });
                } else {
                    total -= dx;
                }
            }
        }
        Measured {
            advance: total,
            kerns,
            glyphs: Vec::new(),
        }
    }

    fn advance_of_fast(&self, c: char) -> f32 {
        if let Some(latin) = self.latin().get(c as usize) {
            return latin.advance;
        }
        self.advance_of(c)
    }
}

/// The bundled fonts with only `tests/fixtures/fonts` installed (a `DejaVu Sans` subset
/// with Arabic, Persian and Hebrew), so tests do not depend on the machine's fonts.
#[cfg(test)]
pub(crate) fn fixture_fonts() -> Fonts {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts");
    Fonts::with_folders(FontFolders::Only(vec![dir])).unwrap_or_else(|e| panic!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_parse_and_cover_spanish() {
        let fonts = Fonts::new().unwrap();
        for face in Face::ALL {
            for c in "ÁÉÍÓÚÑÜáéíóúñü¿¡«»–—“”‘’".chars() {
                assert!(
                    fonts.glyph_in(face, None, c).is_some(),
                    "{face:?} lacks {c}"
                );
            }
            assert!(fonts.ascent(face) > 0.5 && fonts.descent(face) > 0.1);
        }
    }

    /// The formatting characters that go unseen with the text around them, and those of
    /// the same category that print: the soft hyphen, and the signs written before a
    /// number (the Arabic number sign, the end of ayah, the Kaithi number sign).
    #[test]
    fn invisible_formatting_characters_are_told_from_the_ones_that_print() {
        for c in [
            '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{2060}', '\u{2066}',
        ] {
            assert!(is_invisible_format(c), "{c:?} is invisible");
        }
        for c in [
            '\u{AD}',
            '\u{600}',
            '\u{605}',
            '\u{6DD}',
            '\u{110BD}',
            'a',
            ' ',
        ] {
            assert!(!is_invisible_format(c), "{c:?} prints");
        }
    }

    #[test]
    fn every_bundled_face_draws_the_placeholder() {
        let fonts = Fonts::with_folders(FontFolders::Only(Vec::new())).unwrap();
        for face in Face::ALL {
            assert_eq!(fonts.source(face, PLACEHOLDER), Source::Bundled, "{face:?}");
        }
        // With no installed fonts, a character Liberation Serif lacks prints as the box.
        assert_eq!(fonts.source(Face::Regular, '✓'), Source::Missing);
        assert_eq!(fonts.printable(Face::Regular, "a✓b"), "a\u{25A1}b");
        assert!(matches!(
            fonts.printable(Face::Regular, "Juárez"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn kerning_tightens_known_pairs_and_widths_add_up() {
        let fonts = Fonts::new().unwrap();
        let av = fonts.measure(Face::Regular, "AV");
        let nominal = fonts.advance(Face::Regular, 'A') + fonts.advance(Face::Regular, 'V');
        assert!(
            av.advance < nominal,
            "AV should kern: {} vs {nominal}",
            av.advance
        );
        assert_eq!(av.kerns.len(), 1);
        assert_eq!(av.kerns[0].at, 1);
        assert!((nominal + av.kerns[0].dx - av.advance).abs() < 1e-4);
    }

    /// The fonts of `tests/fixtures/fonts` (a `DejaVu Sans` subset with its Arabic shaping).
    fn with_fixture_fonts() -> (Fonts, Fallback) {
        let fonts = fixture_fonts();
        let Source::Fallback(arabic) = fonts.source(Face::Regular, 'م') else {
            panic!("the fixture font draws Arabic");
        };
        (fonts, arabic)
    }

    #[test]
    fn arabic_letters_are_measured_and_drawn_in_their_joining_forms() {
        let (fonts, arabic) = with_fixture_fonts();
        let own = |c| fonts.glyph_in(Face::Regular, Some(arabic), c).unwrap();
        // مركز: meem and kaf join the letter after them (initial forms), reh and zain
        // end a join (final forms): each letter a glyph, not its own isolated one.
        let word = "مركز";
        let m = fonts.measure_in(Face::Regular, Some(arabic), word);
        assert_eq!(m.glyphs.len(), 4);
        let clusters: Vec<u32> = m.glyphs.iter().map(|g| g.cluster).collect();
        assert_eq!(
            clusters,
            vec![6, 4, 2, 0],
            "left to right as it prints: the last letter first"
        );
        assert_ne!(m.glyphs[3].gid, own('م'), "meem in its initial form");
        assert_ne!(m.glyphs[1].gid, own('ك'), "kaf in its initial form");
        let total: f32 = m.glyphs.iter().map(|g| g.advance).sum();
        assert!(
            (m.advance - total).abs() < 1e-6,
            "layout measures the joined glyphs"
        );
        let isolated: f32 = word
            .chars()
            .map(|c| fonts.advance_in(Face::Regular, Some(arabic), c))
            .sum();
        assert!(
            (m.advance - isolated).abs() > 0.01,
            "joined {} vs isolated {isolated}",
            m.advance
        );

        // Measured once: the PDF asks again for the glyphs layout measured.
        let again = fonts.measure_in(Face::Regular, Some(arabic), word);
        assert!(Arc::ptr_eq(&m, &again), "the word is shaped once");

        // Lam followed by alef is one glyph, the lam-alef ligature.
        let la = fonts.measure_in(Face::Regular, Some(arabic), "لا");
        assert_eq!(la.glyphs.len(), 1);
        assert_eq!(la.glyphs[0].cluster, 0);

        // Latin in the bundled font prints with each character's own glyph, as before.
        assert!(fonts.measure(Face::Regular, "Juárez").glyphs.is_empty());
    }

    #[test]
    fn a_glyphs_number_in_the_subset_is_known_before_the_subset_is_made() {
        let (fonts, arabic) = with_fixture_fonts();
        let own = |c| fonts.glyph_in(Face::Regular, Some(arabic), c).unwrap();
        let la = fonts.measure_in(Face::Regular, Some(arabic), "لا");
        for (face, font, chars, shaped) in [
            (Face::Bold, None, "Juárez, “Tlachinollan” — ¿Sí?", vec![]),
            (
                Face::Regular,
                Some(arabic),
                "✓ مركز",
                vec![la.glyphs[0].gid],
            ),
        ] {
            let glyphs = fonts.subset_glyphs(face, font, chars.chars(), &shaped);
            let bytes = fonts.subset(face, font, &glyphs).unwrap();
            let subset = FontRef::new(&bytes).unwrap();
            let original = match font {
                Some(font) => {
                    let (bytes, index) = fonts.fallback_bytes(font).unwrap();
                    FontRef::from_index(bytes, index).unwrap()
                }
                None => FontRef::new(face.bytes()).unwrap(),
            };
            // A glyph, told apart from the others by its advance and the box around its
            // outline.
            let print = |font: &FontRef<'_>, gid: u16| {
                let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
                let gid = skrifa::GlyphId::new(u32::from(gid));
                (metrics.advance_width(gid), metrics.bounds(gid))
            };
            // Each character's own glyph, and a shaper's glyph (a joining form), are in
            // the subset where their numbers say.
            let wanted = chars
                .chars()
                .map(|c| fonts.glyph_in(face, font, c).unwrap());
            for gid in wanted.chain(shaped.iter().copied()) {
                let at = glyphs.glyph(gid).unwrap();
                assert_eq!(
                    print(&subset, at),
                    print(&original, gid),
                    "glyph {gid} of {face:?} {font:?}, number {at} in the subset"
                );
            }
        }
        // The shaper's glyph is a joining form, not the letter's own glyph.
        assert_ne!(la.glyphs[0].gid, own('ل'));
    }

    #[test]
    fn bold_is_wider_than_regular() {
        let fonts = Fonts::new().unwrap();
        let text = "Rendición de Cuentas";
        assert!(
            fonts.measure(Face::Bold, text).advance > fonts.measure(Face::Regular, text).advance
        );
    }
}
