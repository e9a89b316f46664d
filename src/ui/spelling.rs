//! The editor's spell checker: the dictionary of the memo's language, loaded on a
//! background thread (a large Hunspell dictionary takes a moment to parse, and the editor
//! never waits for it), and the per-paragraph cache of what is misspelled.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::editors::SpellContext;
use crate::model::Language;
use crate::spell::{SpellCache, SpellError, Speller};

enum Dictionary {
    Loading(Receiver<Result<Speller, SpellError>>),
    Ready(Box<Speller>),
    Missing(String),
}

/// A speller for one language (the memo's, or the translation's being edited) and what
/// it has already checked.
pub struct Spelling {
    dirs: Vec<PathBuf>,
    language: Option<Language>,
    dictionary: Option<Dictionary>,
    pub(super) cache: SpellCache,
}

impl Spelling {
    /// Looks for dictionaries in `dirs` (the system's folders, or a test's).
    pub fn new(dirs: Vec<PathBuf>) -> Self {
        Self {
            dirs,
            language: None,
            dictionary: None,
            cache: SpellCache::new(),
        }
    }

    /// Starts loading the dictionary of `language` if it is not the one loaded, and
    /// picks up a dictionary that finished loading.
    pub fn update(&mut self, ctx: &egui::Context, language: Language) {
        if self.language != Some(language) && self.dirs.is_empty() {
            self.language = Some(language);
            self.dictionary = Some(Dictionary::Missing(
                "no folders to look for dictionaries in".to_owned(),
            ));
        }
        if self.language != Some(language) {
            self.language = Some(language);
            let (send, receive) = channel();
            let dirs = self.dirs.clone();
            let ctx = ctx.clone();
            let spawned = std::thread::Builder::new()
                .name("dictionary".to_owned())
                .spawn(move || {
                    let _ = send.send(Speller::load_from(language, &dirs));
                    ctx.request_repaint();
                });
            self.dictionary = Some(match spawned {
                Ok(_) => Dictionary::Loading(receive),
                Err(e) => Dictionary::Missing(format!("the dictionary could not be loaded: {e}")),
            });
        }
        if let Some(Dictionary::Loading(receive)) = &self.dictionary {
            match receive.try_recv() {
                Ok(Ok(speller)) => self.dictionary = Some(Dictionary::Ready(Box::new(speller))),
                Ok(Err(e)) => self.dictionary = Some(Dictionary::Missing(e.to_string())),
                Err(TryRecvError::Disconnected) => {
                    self.dictionary = Some(Dictionary::Missing(
                        "the dictionary could not be loaded".to_owned(),
                    ));
                }
                Err(TryRecvError::Empty) => {}
            }
        }
    }

    /// What the text fields need to underline misspellings, once a dictionary is loaded.
    pub fn context(&mut self) -> Option<SpellContext<'_>> {
        match &self.dictionary {
            Some(Dictionary::Ready(speller)) => Some(SpellContext {
                speller,
                cache: &mut self.cache,
                language: self.language?,
            }),
            _ => None,
        }
    }

    /// One line for the editor: which dictionary checks the text, or why none does.
    pub fn status(&self) -> String {
        match &self.dictionary {
            None => String::new(),
            Some(Dictionary::Loading(_)) => "Spelling: loading the dictionary…".to_owned(),
            Some(Dictionary::Ready(speller)) => format!("Spelling: {}", speller.name()),
            Some(Dictionary::Missing(why)) => format!("Spelling is off: {why}"),
        }
    }

    /// The language of the dictionary loaded or asked for.
    pub fn language(&self) -> Option<Language> {
        self.language
    }
}
