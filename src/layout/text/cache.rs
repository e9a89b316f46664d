//! Paragraphs already set, so that laying out a memo again after an edit sets only the
//! paragraphs that changed.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Mutex, PoisonError};

use super::{Piece, SetLine, Setting, set_paragraph};
use crate::fonts::Fonts;
use crate::model::Part;

/// Paragraphs already set, so that laying out a memo again after an edit sets only the
/// paragraphs that changed. Entries the last layout did not use are dropped by
/// [`ParagraphCache::sweep`], so the cache holds one document's worth of lines.
#[derive(Default)]
pub struct ParagraphCache {
    inner: Mutex<CacheInner>,
}

#[derive(Default)]
struct CacheInner {
    map: HashMap<u64, CacheEntry>,
    generation: u64,
}

struct CacheEntry {
    pieces: Vec<Piece>,
    setting: Setting,
    source: Part,
    lines: Vec<SetLine>,
    used: u64,
}

impl ParagraphCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// `set_paragraph`, answered from the cache when the same pieces were set the same way.
    pub fn set(
        &self,
        fonts: &Fonts,
        pieces: &[Piece],
        setting: Setting,
        source: Part,
    ) -> Vec<SetLine> {
        let key = cache_key(pieces, setting, source);
        {
            let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
            let generation = inner.generation;
            if let Some(e) = inner.map.get_mut(&key)
                && e.setting == setting
                && e.source == source
                && e.pieces == pieces
            {
                e.used = generation;
                return e.lines.clone();
            }
        }
        let lines = set_paragraph(fonts, pieces, setting, source);
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let used = inner.generation;
        inner.map.insert(
            key,
            CacheEntry {
                pieces: pieces.to_vec(),
                setting,
                source,
                lines: lines.clone(),
                used,
            },
        );
        lines
    }

    /// Drops the paragraphs the layout since the last sweep did not use.
    pub fn sweep(&self) {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let generation = inner.generation;
        inner.map.retain(|_, e| e.used == generation);
        inner.generation = generation.wrapping_add(1);
    }

    pub fn len(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .map
            .len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn cache_key(pieces: &[Piece], setting: Setting, source: Part) -> u64 {
    let mut h = DefaultHasher::new();
    for p in pieces {
        p.text.hash(&mut h);
        p.face.hash(&mut h);
        p.size.0.to_bits().hash(&mut h);
        p.color.hash(&mut h);
        p.rise.0.to_bits().hash(&mut h);
        p.link.hash(&mut h);
        p.reference.hash(&mut h);
    }
    setting.width.0.to_bits().hash(&mut h);
    setting.justify.hash(&mut h);
    setting.language.hash(&mut h);
    setting.leading.to_bits().hash(&mut h);
    setting.hyphenate.hash(&mut h);
    source.hash(&mut h);
    h.finish()
}
