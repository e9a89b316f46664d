//! Fonts installed on the machine that draw what the bundled fonts lack: found with
//! fontdb (the font database resvg and Typst use), scanned lazily (only when a character
//! is missing, once per [`Fonts`](super::Fonts)) and chosen per character.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use skrifa::{FontRef, MetadataProvider, Tag};

use super::FaceData;

/// A fallback font loaded for this process: its index among the loaded fallbacks of one
/// [`Fonts`](super::Fonts). Both painters load the same file through it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fallback(pub u16);

/// Families tried first, in this order: general text fonts with wide coverage that
/// set well beside a serif body (`DejaVu` is on every Debian machine).
const PREFERRED: &[&str] = &[
    "DejaVu Serif",
    "DejaVu Sans",
    "Noto Serif",
    "Noto Sans",
    "FreeSerif",
    "Noto Naskh Arabic",
    "Noto Serif CJK SC",
    "Noto Sans CJK SC",
];

/// Where to look for installed fonts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FontFolders {
    /// The system's font folders (fontdb's list for this platform).
    #[default]
    System,
    /// Only these folders (tests use tests/fixtures/fonts).
    Only(Vec<PathBuf>),
}

/// One fallback font: its file, its PostScript name, and its metrics.
pub(super) struct Loaded {
    pub(super) name: String,
    pub(super) bytes: &'static [u8],
    pub(super) index: u32,
    pub(super) data: FaceData,
    /// Words measured in this font ([`super::Words`]).
    pub(super) words: super::Words,
}

/// The database of installed fonts and the fallbacks loaded from it.
pub(super) struct Fallbacks {
    folders: FontFolders,
    db: OnceLock<Vec<(fontdb::ID, String)>>,
    database: OnceLock<fontdb::Database>,
    loaded: Mutex<Vec<Arc<Loaded>>>,
    /// Which fallback draws a character, or None when no installed font has it.
    by_char: Mutex<HashMap<char, Option<Fallback>>>,
    /// Held while a character's font is looked for and loaded.
    searching: Mutex<()>,
}

impl Fallbacks {
    pub(super) fn new(folders: FontFolders) -> Self {
        Self {
            folders,
            db: OnceLock::new(),
            database: OnceLock::new(),
            loaded: Mutex::new(Vec::new()),
            by_char: Mutex::new(HashMap::new()),
            searching: Mutex::new(()),
        }
    }

    fn database(&self) -> &fontdb::Database {
        self.database.get_or_init(|| {
            let mut db = fontdb::Database::new();
            match &self.folders {
                FontFolders::System => db.load_system_fonts(),
                FontFolders::Only(dirs) => {
                    for dir in dirs {
                        db.load_fonts_dir(dir);
                    }
                }
            }
            db
        })
    }

    /// The candidate faces in the order they are tried: upright regular weights first;
    /// among them the general text families of [`PREFERRED`], then the others by family
    /// name (symbol, mathematics and monospaced families last), so that the choice does
    /// not depend on the order of files.
    fn candidates(&self) -> &[(fontdb::ID, String)] {
        self.db.get_or_init(|| {
            let db = self.database();
            let mut faces: Vec<_> = db
                .faces()
                .map(|f| {
                    let family = f
                        .families
                        .first()
                        .map(|(n, _)| n.clone())
                        .unwrap_or_default();
                    let regular =
                        f.style == fontdb::Style::Normal && f.weight == fontdb::Weight::NORMAL;
                    let rank = PREFERRED
                        .iter()
                        .position(|p| family == *p)
                        .unwrap_or_else(|| {
                            let special = ["Math", "Mono", "Symbol", "Emoji"]
                                .iter()
                                .any(|w| family.contains(w));
                            PREFERRED.len() + usize::from(special)
                        });
                    (!regular, rank, family, f.post_script_name.clone(), f.id)
                })
                .collect();
            faces.sort();
            faces
                .into_iter()
                .map(|(_, _, _, name, id)| (id, name))
                .collect()
        })
    }

    /// The fallback that draws `c`, loading it on first use.
    pub(super) fn for_char(&self, c: char) -> Option<Fallback> {
        let known = || {
            self.by_char
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(&c)
                .copied()
        };
        if let Some(found) = known() {
            return found;
        }
        // One search at a time: two threads (paragraphs are set on every core) that
        // both lack a font must not load it twice.
        let _searching = self
            .searching
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = known() {
            return found;
        }
        let found = self.find(c);
        self.by_char
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(c, found);
        found
    }

    fn find(&self, c: char) -> Option<Fallback> {
        let db = self.database();
        for (id, name) in self.candidates() {
            // Already loaded: no need to read the file again.
            if let Some(i) = self.loaded_index(name)
                && self.get(i).is_some_and(|l| l.data.charmap.map(c).is_some())
            {
                return Some(i);
            }
            let has = db
                .with_face_data(*id, |data, index| {
                    FontRef::from_index(data, index)
                        .ok()
                        .is_some_and(|f| drawable(&f) && f.charmap().map(c).is_some())
                })
                .unwrap_or(false);
            if has {
                return self.load(db, *id, name);
            }
        }
        None
    }

    fn loaded_index(&self, name: &str) -> Option<Fallback> {
        let loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        let i = loaded.iter().position(|l| l.name == name)?;
        u16::try_from(i).ok().map(Fallback)
    }

    fn load(&self, db: &fontdb::Database, id: fontdb::ID, name: &str) -> Option<Fallback> {
        // The file is read once and kept for the life of the process: the painters embed
        // it in every export and give it to egui.
        let (bytes, index) =
            db.with_face_data(id, |data, index| (data.to_vec().into_boxed_slice(), index))?;
        let bytes: &'static [u8] = Box::leak(bytes);
        let font = FontRef::from_index(bytes, index).ok()?;
        let data = FaceData::from_font(font);
        let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        let i = u16::try_from(loaded.len()).ok()?;
        loaded.push(Arc::new(Loaded {
            name: name.to_owned(),
            bytes,
            index,
            data,
            words: super::Words::default(),
        }));
        Some(Fallback(i))
    }

    pub(super) fn get(&self, fallback: Fallback) -> Option<Arc<Loaded>> {
        self.loaded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(usize::from(fallback.0))
            .cloned()
    }

    pub(super) fn count(&self) -> usize {
        self.loaded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

/// Whether the PDF can embed the font and a reader can draw it: TrueType outlines (not
/// colour bitmaps, which would print nothing).
fn drawable(font: &FontRef<'_>) -> bool {
    font.table_data(Tag::new(b"glyf")).is_some() && font.table_data(Tag::new(b"loca")).is_some()
}
