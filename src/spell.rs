//! Spell checking for the editor: finds the system's Hunspell dictionaries for the memo's
//! language, checks the words of a text (skipping Markdown markup, addresses, numbers,
//! acronyms and the memo's own dictionary) and suggests corrections. Reads dictionary
//! files; no egui: the editor draws the underlines.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_segmentation::UnicodeSegmentation;

use crate::model::Language;

/// A loaded Hunspell dictionary for one language.
pub struct Speller {
    dictionary: spellbook::Dictionary,
    /// The dictionary's name, e.g. `es_MX`, for the status line.
    name: String,
}

impl std::fmt::Debug for Speller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The dictionary is megabytes of word lists; its name says which it is.
        f.debug_struct("Speller")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Why spell checking is off for a language; each says what the user can do.
#[derive(Debug, thiserror::Error)]
pub enum SpellError {
    #[error("no dictionary found for {language}; install {package} (looked in {searched})")]
    NoDictionary {
        language: &'static str,
        /// The Debian/Ubuntu package that provides one.
        package: &'static str,
        searched: String,
    },
    #[error("cannot read the dictionary {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the dictionary {} cannot be used: {message}", path.display())]
    Parse { path: PathBuf, message: String },
}

impl Speller {
    /// Loads the system's dictionary for `language` from [`search_dirs`]. Parsing a large
    /// dictionary takes a moment: the editor should call this off the ui thread (the
    /// `Speller` is `Send`) and keep the result, error included, per language.
    pub fn load(language: Language) -> Result<Self, SpellError> {
        Self::load_from(language, &search_dirs())
    }

    /// Loads the first dictionary for `language` found in `dirs`, preferring the
    /// variants in [`preferred_names`] and then any other regional one (`es_*`, `en_*`).
    pub fn load_from(language: Language, dirs: &[PathBuf]) -> Result<Self, SpellError> {
        let prefix = match language {
            Language::English => "en",
            Language::Spanish => "es",
        };
        for name in preferred_names(language) {
            for dir in dirs {
                let aff = dir.join(format!("{name}.aff"));
                if aff.is_file() && aff.with_extension("dic").is_file() {
                    return Self::from_files(&aff);
                }
            }
        }
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            let mut affs: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.extension().is_some_and(|e| e == "aff")
                        && p.with_extension("dic").is_file()
                        && p.file_stem().and_then(|s| s.to_str()).is_some_and(|s| {
                            s.strip_prefix(prefix)
                                .is_some_and(|rest| rest.starts_with(['_', '-']))
                        })
                })
                .collect();
            affs.sort();
            if let Some(aff) = affs.first() {
                return Self::from_files(aff);
            }
        }
        let (language, package) = match language {
            Language::English => ("English", "hunspell-en-us"),
            Language::Spanish => ("Spanish", "hunspell-es"),
        };
        Err(SpellError::NoDictionary {
            language,
            package,
            searched: dirs
                .iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    /// Loads the dictionary `aff` and the `.dic` beside it, in the encoding the `.aff`
    /// names (`SET ISO8859-1`, ...; UTF-8 when it names none).
    pub fn from_files(aff: &Path) -> Result<Self, SpellError> {
        let dic = aff.with_extension("dic");
        let read = |path: &Path| {
            std::fs::read(path).map_err(|source| SpellError::Read {
                path: path.to_owned(),
                source,
            })
        };
        let (aff_bytes, dic_bytes) = (read(aff)?, read(&dic)?);
        let encoding = declared_encoding(&aff_bytes);
        let (aff_text, _, _) = encoding.decode(&aff_bytes);
        let (dic_text, _, _) = encoding.decode(&dic_bytes);
        let dictionary =
            spellbook::Dictionary::new(&aff_text, &dic_text).map_err(|e| SpellError::Parse {
                path: aff.to_owned(),
                message: e.to_string(),
            })?;
        let name = aff
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        Ok(Self { dictionary, name })
    }

    /// The dictionary's name, e.g. `en_US`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the dictionary knows `word` (curly apostrophes read as straight ones).
    pub fn is_correct(&self, word: &str) -> bool {
        if word.contains('\u{2019}') {
            self.dictionary.check(&word.replace('\u{2019}', "'"))
        } else {
            self.dictionary.check(word)
        }
    }

    /// The byte ranges of the misspelled words of `text`, a field of the memo in its
    /// inline Markdown. Markup, link addresses, code, web and mail addresses, words with
    /// digits, ALL-CAPS acronyms and the words of `memo_words` (the memo's own dictionary,
    /// [`crate::model::Memo::dictionary`], matched without regard to case) are not checked.
    pub fn misspelled(&self, text: &str, memo_words: &[String]) -> Vec<Range<usize>> {
        let known = known_words(memo_words);
        let mut out = Vec::new();
        let mut code = 0_u32;
        let options = Options::ENABLE_STRIKETHROUGH;
        for (event, source) in Parser::new_ext(text, options).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(_)) => code += 1,
                Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
                Event::Text(_) if code == 0 => {
                    let Some(slice) = text.get(source.clone()) else {
                        continue;
                    };
                    self.check_prose(slice, source.start, &known, &mut out);
                }
                _ => {}
            }
        }
        out
    }

    /// Corrections for `word`, best first, at most eight.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.dictionary
            .suggest(&word.replace('\u{2019}', "'"), &mut out);
        out.truncate(8);
        out
    }

    fn check_prose(
        &self,
        prose: &str,
        offset: usize,
        known: &HashSet<String>,
        out: &mut Vec<Range<usize>>,
    ) {
        for (chunk_at, chunk) in prose
            .split_word_bound_indices()
            .filter(|(_, s)| !s.trim().is_empty())
            .fold(Vec::<(usize, &str)>::new(), |mut chunks, (i, s)| {
                // Rejoin what white space separates: "https://example.org/x" is one chunk.
                match chunks.last_mut() {
                    Some((start, c)) if *start + c.len() == i => {
                        *c = prose.get(*start..i + s.len()).unwrap_or(c);
                    }
                    _ => chunks.push((i, s)),
                }
                chunks
            })
        {
            if is_address(chunk) {
                continue;
            }
            for (i, word) in chunk.unicode_word_indices() {
                if !needs_checking(word, known) || self.is_correct(word) {
                    continue;
                }
                let start = offset + chunk_at + i;
                out.push(start..start + word.len());
            }
        }
    }
}

/// The folders searched for `.aff`/`.dic` pairs: those in `DICPATH` (as Hunspell reads
/// it), the user's own, then the system's (Debian, Fedora, macOS).
pub fn search_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("DICPATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        dirs.push(home.join(".local/share/hunspell"));
        dirs.push(home.join("Library/Spelling"));
    }
    for dir in [
        "/usr/share/hunspell",
        "/usr/share/myspell",
        "/usr/share/myspell/dicts",
        "/usr/local/share/hunspell",
        "/Library/Spelling",
    ] {
        dirs.push(PathBuf::from(dir));
    }
    dirs
}

/// Dictionary names tried first, in order, for `language`.
pub fn preferred_names(language: Language) -> &'static [&'static str] {
    match language {
        Language::English => &["en_US", "en_GB", "en_CA", "en_AU", "en"],
        // Memos are mostly about Mexico and Central America.
        Language::Spanish => &["es_MX", "es_ES", "es", "es_US"],
    }
}

/// Adds `word` to a memo's own dictionary (kept sorted, without duplicates). Returns
/// whether it was new.
pub fn add_to_dictionary(words: &mut Vec<String>, word: &str) -> bool {
    let word = word.trim();
    if word.is_empty() || words.iter().any(|w| w == word) {
        return false;
    }
    let at = words.partition_point(|w| w.as_str() < word);
    words.insert(at, word.to_owned());
    true
}

/// Misspellings remembered per paragraph text, so that the editor rechecks only the
/// paragraph a keystroke changed. No eviction policy: it empties itself when it grows
/// large or when the speller or the memo's dictionary changes.
#[derive(Debug, Default)]
pub struct SpellCache {
    /// The speller's name and the memo's dictionary the entries were made with.
    made_with: Option<(String, Vec<String>)>,
    paragraphs: HashMap<String, Vec<Range<usize>>>,
}

impl SpellCache {
    const MAX_PARAGRAPHS: usize = 4096;

    pub fn new() -> Self {
        Self::default()
    }

    /// [`Speller::misspelled`] for a whole field, reusing the answers for paragraphs
    /// (runs of lines without a blank one) seen before.
    pub fn misspelled(
        &mut self,
        speller: &Speller,
        text: &str,
        memo_words: &[String],
    ) -> Vec<Range<usize>> {
        let current = self
            .made_with
            .as_ref()
            .is_some_and(|(name, words)| name == speller.name() && words == memo_words);
        if !current || self.paragraphs.len() > Self::MAX_PARAGRAPHS {
            self.paragraphs.clear();
            self.made_with = Some((speller.name().to_owned(), memo_words.to_vec()));
        }
        let mut out = Vec::new();
        for range in paragraph_ranges(text) {
            let Some(paragraph) = text.get(range.clone()) else {
                continue;
            };
            let found = self
                .paragraphs
                .entry(paragraph.to_owned())
                .or_insert_with(|| speller.misspelled(paragraph, memo_words));
            out.extend(
                found
                    .iter()
                    .map(|r| r.start + range.start..r.end + range.start),
            );
        }
        out
    }

    /// How many paragraphs are remembered.
    pub fn len(&self) -> usize {
        self.paragraphs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }
}

/// The byte ranges of the paragraphs of `text`: runs of lines without a blank one.
fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (true, Some(s)) => {
                out.push(s..at);
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
        at += line.len();
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// The memo's own words, lower-cased; an entry of several words adds each.
fn known_words(memo_words: &[String]) -> HashSet<String> {
    memo_words
        .iter()
        .flat_map(|entry| entry.unicode_words())
        .map(str::to_lowercase)
        .collect()
}

/// Web and mail addresses, written out in the text.
fn is_address(chunk: &str) -> bool {
    chunk.contains("://")
        || chunk.starts_with("www.")
        || chunk.contains('@')
        || (chunk.contains('/') && chunk.contains('.'))
}

/// Whether `word` is prose to check: it has letters, no digits, is not an acronym and
/// not in the memo's own dictionary.
fn needs_checking(word: &str, known: &HashSet<String>) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let acronym = letters >= 2
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    letters > 0
        && !word.chars().any(char::is_numeric)
        && !acronym
        && !known.contains(&possessive_stem(word).to_lowercase())
        && !known.contains(&word.to_lowercase())
}

/// "Prodh" for "Prodh's": the memo's dictionary holds names, used in the possessive too.
fn possessive_stem(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word)
}

/// The encoding a `.aff` file declares with `SET`, UTF-8 when none or unknown.
fn declared_encoding(aff: &[u8]) -> &'static encoding_rs::Encoding {
    aff.split(|b| *b == b'\n')
        .take(200)
        .find_map(|line| {
            let line = std::str::from_utf8(line).ok()?.trim();
            let label = line.strip_prefix("SET")?.trim();
            // Hunspell writes "ISO8859-1"; the Encoding Standard knows "iso-8859-1".
            let label = label.replace("ISO8859", "ISO-8859");
            encoding_rs::Encoding::for_label(label.as_bytes())
        })
        .unwrap_or(encoding_rs::UTF_8)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AFF: &str = "SET UTF-8\nTRY aeiounrtscldmpbgfhvyzqjxkwñéáíóú\n\nSFX S Y 1\nSFX S 0 s .\n";
    const DIC: &str = "12\nthe\ncoalition/S\nfinding/S\nreport/S\nis\nhere\nfamily/S\nread\nour\ndesaparición\ncontact\nus\n";

    /// A tiny dictionary written as `name.aff`/`name.dic` in a fresh folder.
    fn dictionary_dir(name: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(format!("{name}.aff")), AFF).expect("aff");
        std::fs::write(dir.path().join(format!("{name}.dic")), DIC).expect("dic");
        dir
    }

    fn speller() -> (tempfile::TempDir, Speller) {
        let dir = dictionary_dir("en_GB");
        let speller = Speller::load_from(Language::English, &[dir.path().to_owned()])
            .expect("the test dictionary loads");
        (dir, speller)
    }

    fn words<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn misspelled_words_are_found_and_markup_is_skipped() {
        let (_dir, speller) = speller();
        assert_eq!(speller.name(), "en_GB");
        let text = "The **coalitoin** findings: *reprot* [here](https://example.org/zzzq) \
                    and https://www.ejemplo.mx/qqq or prensa@ejemplo.mx, 2024, 3rd, \
                    WOLA, Prodh's desaparición `xyzzy` famly";
        let found = speller.misspelled(text, &["Centro Prodh".to_owned()]);
        assert_eq!(
            words(text, &found),
            vec!["coalitoin", "reprot", "and", "or", "famly"]
        );
    }

    #[test]
    fn the_memos_own_words_are_accepted_in_any_case() {
        let (_dir, speller) = speller();
        assert_eq!(speller.misspelled("Tlachinollan", &[]), vec![0..12]);
        assert!(
            speller
                .misspelled("tlachinollan", &["Tlachinollan".to_owned()])
                .is_empty()
        );
    }

    #[test]
    fn suggestions_offer_the_word_meant() {
        let (_dir, speller) = speller();
        assert!(
            speller
                .suggest("coalitoin")
                .contains(&"coalition".to_owned())
        );
        assert!(speller.is_correct("coalitions"));
    }

    #[test]
    fn a_missing_dictionary_says_what_to_install() {
        let empty = tempfile::tempdir().expect("tempdir");
        let english = dictionary_dir("en_US");
        let err = Speller::load_from(
            Language::Spanish,
            &[empty.path().to_owned(), english.path().to_owned()],
        )
        .expect_err("no Spanish dictionary there");
        let message = err.to_string();
        assert!(
            message.starts_with("no dictionary found for Spanish; install hunspell-es"),
            "{message}"
        );
    }

    #[test]
    fn a_regional_variant_is_found_when_no_preferred_one_is() {
        let dir = dictionary_dir("es_AR");
        let speller = Speller::load_from(Language::Spanish, &[dir.path().to_owned()])
            .expect("es_AR is Spanish");
        assert_eq!(speller.name(), "es_AR");
        let err = Speller::load_from(Language::English, &[dir.path().to_owned()]);
        assert!(matches!(err, Err(SpellError::NoDictionary { .. })));
    }

    #[test]
    fn a_latin1_dictionary_is_read_in_its_encoding() {
        let dir = tempfile::tempdir().expect("tempdir");
        let aff = dir.path().join("es_ES.aff");
        std::fs::write(&aff, b"SET ISO8859-1\n").expect("aff");
        // "acción" in ISO 8859-1.
        std::fs::write(dir.path().join("es_ES.dic"), b"1\nacci\xF3n\n").expect("dic");
        let speller = Speller::from_files(&aff).expect("loads");
        assert!(speller.is_correct("acción"));
    }

    #[test]
    fn the_cache_rechecks_only_changed_paragraphs() {
        let (_dir, speller) = speller();
        let mut cache = SpellCache::new();
        let text = "the reprot\n\nour famly";
        let found = cache.misspelled(&speller, text, &[]);
        assert_eq!(words(text, &found), vec!["reprot", "famly"]);
        assert_eq!(cache.len(), 2);
        let edited = "the reprot\n\nour family";
        let found = cache.misspelled(&speller, edited, &[]);
        assert_eq!(words(edited, &found), vec!["reprot"]);
        assert_eq!(cache.len(), 3);
        // A new word in the memo's dictionary starts over.
        let found = cache.misspelled(&speller, edited, &["reprot".to_owned()]);
        assert!(found.is_empty());
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn adding_to_the_memos_dictionary_keeps_it_sorted_and_unique() {
        let mut words = vec!["WOLA".to_owned()];
        assert!(add_to_dictionary(&mut words, " Prodh "));
        assert!(!add_to_dictionary(&mut words, "Prodh"));
        assert!(!add_to_dictionary(&mut words, "  "));
        assert_eq!(words, vec!["Prodh".to_owned(), "WOLA".to_owned()]);
    }

    /// The one test that uses the system's dictionaries; it says so and passes when a
    /// machine has none.
    #[test]
    fn system_dictionaries_check_english_and_spanish() {
        for (language, right, wrong) in [
            (Language::English, "The recommendations", "recomendations"),
            (Language::Spanish, "Las recomendaciones", "recomendasiones"),
        ] {
            match Speller::load(language) {
                Ok(speller) => {
                    let text = format!("{right} {wrong}");
                    let found = speller.misspelled(&text, &[]);
                    assert_eq!(words(&text, &found), vec![wrong], "{}", speller.name());
                }
                Err(SpellError::NoDictionary { .. }) => {
                    eprintln!("skipped: no system dictionary for {language:?}");
                }
                Err(e) => panic!("{e}"),
            }
        }
    }
}
