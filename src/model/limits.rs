//! Explicit limits on what a draft may hold, enforced while it is read, so that a hostile
//! or broken file is refused early instead of exhausting memory.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};

use super::{Language, Passage, Signatory, Translated, Translation};

/// Entries in one list of recipients, findings, quotes or recommendations.
pub const MAX_LIST: usize = 5_000;
/// Signatories in one draft.
pub const MAX_SIGNATORIES: usize = 50_000;
/// Translated passages in one language (a memo of `MAX_LIST` findings has more, but no
/// real memo comes near).
pub const MAX_PASSAGES: usize = 4 * MAX_LIST;
/// Images in one draft's table (logos of the letterhead and of signatories).
pub const MAX_IMAGES: usize = 256;

pub(super) fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_seq(Bounded(MAX_LIST, PhantomData))
}

/// An optional list, bounded as [`list`] is: `None` or `Some([...])`.
pub(super) fn optional_list<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_option(OptionalList(PhantomData))
}

struct OptionalList<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for OptionalList<T> {
    type Value = Option<Vec<T>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "None or Some with a list of at most {MAX_LIST} entries")
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        list(d).map(Some)
    }
}

pub(super) fn signatories<'de, D>(d: D) -> Result<Vec<Signatory>, D::Error>
where
    D: Deserializer<'de>,
{
    d.deserialize_seq(Bounded(MAX_SIGNATORIES, PhantomData))
}

pub(super) fn translations<'de, D>(d: D) -> Result<BTreeMap<Language, Translation>, D::Error>
where
    D: Deserializer<'de>,
{
    // Each language once: there are only so many.
    d.deserialize_map(BoundedMap(16, PhantomData))
}

pub(super) fn passages<'de, D>(d: D) -> Result<BTreeMap<Passage, Translated>, D::Error>
where
    D: Deserializer<'de>,
{
    d.deserialize_map(BoundedMap(MAX_PASSAGES, PhantomData))
}

/// A map of at most `most` entries.
pub(super) fn bounded_map<'de, D, K, V>(d: D, most: usize) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord,
    V: Deserialize<'de>,
{
    d.deserialize_map(BoundedMap(most, PhantomData))
}

struct BoundedMap<K, V>(usize, PhantomData<(K, V)>);

impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Visitor<'de> for BoundedMap<K, V> {
    type Value = BTreeMap<K, V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a map of at most {} entries", self.0)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some((key, value)) = map.next_entry()? {
            if out.len() >= self.0 {
                return Err(A::Error::custom(format_args!(
                    "more than {} entries in one table, the limit for a draft",
                    self.0
                )));
            }
            out.insert(key, value);
        }
        Ok(out)
    }
}

struct Bounded<T>(usize, PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Bounded<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of at most {} entries", self.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            if out.len() >= self.0 {
                return Err(A::Error::custom(format_args!(
                    "more than {} entries in one list, the limit for a draft",
                    self.0
                )));
            }
            out.push(item);
        }
        Ok(out)
    }
}
