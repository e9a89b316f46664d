//! The three-way merge itself: memo-wide fields, then each list of records matched by
//! identity, field by field, text by paragraph (`text.rs`), sign-on by its rules.

use std::collections::BTreeMap;

use super::records::{
    Fields, Merger, finding, paragraphs, quote, recipient, recommendation, set, signatory,
    translated,
};
use super::text;
use super::{Conflict, MemoField, Place, Value};
use crate::model::{DRAFT_VERSION, Language, Memo, Signatory, Translated, organization_key};

/// Merges `ours` and `theirs`, both edited from `base`. What only one side changed is
/// taken; what both changed the same way is taken once; what both changed differently is
/// recorded in the result's `conflicts` (the result holds our version meanwhile) and
/// never picked silently. Conflicts already recorded on either side are kept.
pub fn merge(base: &Memo, ours: &Memo, theirs: &Memo) -> Memo {
    let theirs = &super::renumber::renumber(base, ours, theirs);
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut m = Memo {
        version: DRAFT_VERSION,
        ..ours.clone()
    };
    m.date = pick(
        &mut conflicts,
        MemoField::Date,
        Value::Date,
        &base.date,
        &ours.date,
        &theirs.date,
    );
    m.language = pick(
        &mut conflicts,
        MemoField::Language,
        Value::Language,
        &base.language,
        &ours.language,
        &theirs.language,
    );
    m.page = pick(
        &mut conflicts,
        MemoField::Page,
        Value::Page,
        &base.page,
        &ours.page,
        &theirs.page,
    );
    m.sign_on = pick(
        &mut conflicts,
        MemoField::SignOn,
        Value::SignOn,
        &base.sign_on,
        &ours.sign_on,
        &theirs.sign_on,
    );
    m.release = pick(
        &mut conflicts,
        MemoField::Release,
        Value::Release,
        &base.release,
        &ours.release,
        &theirs.release,
    );
    m.letterhead = pick(
        &mut conflicts,
        MemoField::Letterhead,
        Value::Letterhead,
        &base.letterhead,
        &ours.letterhead,
        &theirs.letterhead,
    );
    // Images are stored by their content: the same key is the same bytes, so both
    // sides' tables together lose nothing (saving drops what nothing uses).
    m.images = ours.images.clone();
    for (key, image) in &theirs.images {
        m.images.entry(key.clone()).or_insert_with(|| image.clone());
    }
    for (name, get) in TEXTS {
        let merged = text::merge(get(base), get(ours), get(theirs));
        if !merged.conflicts.is_empty() {
            conflicts.push(Conflict {
                place: Place::Field(name),
                fields: vec![paragraphs(&merged.conflicts)],
                base: Some(Value::Text(get(base).to_owned())),
                ours: Some(Value::Text(merged.ours.clone())),
                theirs: Some(Value::Text(merged.theirs)),
            });
        }
        m.put_field(name, Value::Text(merged.ours));
    }
    m.to = records(
        &base.to,
        &ours.to,
        &theirs.to,
        |r| r.id,
        recipient,
        &mut conflicts,
        |r| (Place::To(r.id), Value::Recipient(r)),
    );
    m.cc = records(
        &base.cc,
        &ours.cc,
        &theirs.cc,
        |r| r.id,
        recipient,
        &mut conflicts,
        |r| (Place::Cc(r.id), Value::Recipient(r)),
    );
    m.findings = records(
        &base.findings,
        &ours.findings,
        &theirs.findings,
        |f| f.id,
        finding,
        &mut conflicts,
        |f| (Place::Finding(f.id), Value::Finding(f)),
    );
    m.quotes = records(
        &base.quotes,
        &ours.quotes,
        &theirs.quotes,
        |q| q.id,
        quote,
        &mut conflicts,
        |q| (Place::Quote(q.id), Value::Quote(q)),
    );
    m.recommendations = records(
        &base.recommendations,
        &ours.recommendations,
        &theirs.recommendations,
        |r| r.id,
        recommendation,
        &mut conflicts,
        |r| (Place::Recommendation(r.id), Value::Recommendation(r)),
    );
    m.signatories = signatories(base, ours, theirs, &mut conflicts);
    m.dictionary = set(&base.dictionary, &ours.dictionary, &theirs.dictionary);
    m.translations = translations(base, ours, theirs, &mut conflicts);
    let mut recorded = ours.conflicts.clone();
    for c in theirs.conflicts.iter().chain(&conflicts) {
        if !recorded.contains(c) {
            recorded.push(c.clone());
        }
    }
    m.conflicts = recorded;
    m
}

type Text = fn(&Memo) -> &str;

/// The memo-wide texts, merged by paragraph.
const TEXTS: [(MemoField, Text); 7] = [
    (MemoField::Heading, |m| &m.heading),
    (MemoField::From, |m| &m.from),
    (MemoField::Subject, |m| &m.subject),
    (MemoField::Introduction, |m| &m.introduction),
    (MemoField::SignatoriesIntro, |m| &m.signatories_intro),
    (MemoField::Closing, |m| &m.closing),
    (MemoField::Notes, |m| &m.notes),
];

fn pick<T: Clone + PartialEq>(
    conflicts: &mut Vec<Conflict>,
    name: MemoField,
    wrap: fn(T) -> Value,
    b: &T,
    o: &T,
    t: &T,
) -> T {
    let mut f = Fields::default();
    let (mine, yours) = f.val("", Some(b), o, t);
    if !f.names.is_empty() {
        conflicts.push(Conflict {
            place: Place::Field(name),
            fields: Vec::new(),
            base: Some(wrap(b.clone())),
            ours: Some(wrap(mine.clone())),
            theirs: Some(wrap(yours)),
        });
    }
    mine
}

/// A list of records merged by key: each key's record merged, the order of the side
/// that reordered (ours when both did), and each side's additions after the record they
/// follow there. The same key twice in one list is told apart by its occurrence.
fn records<T: Clone + PartialEq, K: Ord + Clone>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
    merge_one: Merger<T>,
    conflicts: &mut Vec<Conflict>,
    place: impl Fn(T) -> (Place, Value),
) -> Vec<T> {
    let b = keyed(base, &key);
    let o = keyed(ours, &key);
    let t = keyed(theirs, &key);
    keyed_merge(&b, &o, &t, merge_one, conflicts, place)
}

pub(super) fn keyed<T, K: Ord + Clone>(list: &[T], key: impl Fn(&T) -> K) -> Vec<((K, usize), &T)> {
    let mut seen: BTreeMap<K, usize> = BTreeMap::new();
    list.iter()
        .map(|x| {
            let k = key(x);
            let n = seen.entry(k.clone()).or_default();
            *n += 1;
            ((k, *n), x)
        })
        .collect()
}

fn keyed_merge<T: Clone + PartialEq, K: Ord + Clone>(
    b: &[(K, &T)],
    o: &[(K, &T)],
    t: &[(K, &T)],
    merge_one: Merger<T>,
    conflicts: &mut Vec<Conflict>,
    place: impl Fn(T) -> (Place, Value),
) -> Vec<T> {
    let find =
        |list: &[(K, &T)], k: &K| list.iter().find(|(x, _)| x == k).map(|(_, v)| (*v).clone());
    let mut merged: BTreeMap<K, T> = BTreeMap::new();
    let mut record = |fields: Vec<String>, base: Option<T>, mine: Option<T>, yours: Option<T>| {
        let named = mine
            .clone()
            .or_else(|| yours.clone())
            .or_else(|| base.clone());
        if let Some(named) = named {
            let wrap = |x: Option<T>| x.map(|x| place(x).1);
            conflicts.push(Conflict {
                place: place(named).0,
                fields,
                base: wrap(base),
                ours: wrap(mine),
                theirs: wrap(yours),
            });
        }
    };
    let keys: Vec<K> = b.iter().chain(o).chain(t).map(|(k, _)| k.clone()).collect();
    for k in keys {
        if merged.contains_key(&k) {
            continue;
        }
        let (kb, ko, kt) = (find(b, &k), find(o, &k), find(t, &k));
        let kept = match (kb, ko, kt) {
            (base, Some(mine), Some(yours)) => {
                let mut f = Fields::default();
                let (one, two) = merge_one(&mut f, base.as_ref(), &mine, &yours);
                if !f.names.is_empty() {
                    record(f.names, base, Some(one.clone()), Some(two));
                }
                Some(one)
            }
            (Some(base), Some(mine), None) => (mine != base).then(|| {
                record(Vec::new(), Some(base), Some(mine.clone()), None);
                mine
            }),
            (Some(base), None, Some(yours)) => (yours != base).then(|| {
                record(Vec::new(), Some(base), None, Some(yours.clone()));
                yours
            }),
            (None, Some(x), None) | (None, None, Some(x)) => Some(x),
            (_, None, None) => None,
        };
        if let Some(x) = kept {
            merged.insert(k, x);
        }
    }
    order(b, o, t, merged)
}

/// The order of the merged records: the side that reordered the records it shares with
/// the base leads (ours when neither or both did); the other side's additions follow the
/// record they follow there.
fn order<T, K: Ord + Clone>(
    b: &[(K, &T)],
    o: &[(K, &T)],
    t: &[(K, &T)],
    mut merged: BTreeMap<K, T>,
) -> Vec<T> {
    let common = |side: &[(K, &T)]| -> Vec<K> {
        side.iter()
            .filter(|(k, _)| b.iter().any(|(x, _)| x == k))
            .map(|(k, _)| k.clone())
            .collect()
    };
    let moved = |side: &[(K, &T)]| {
        let kept: Vec<K> = b
            .iter()
            .map(|(k, _)| k.clone())
            .filter(|k| side.iter().any(|(x, _)| x == k))
            .collect();
        common(side) != kept
    };
    let (ours_moved, theirs_moved) = (moved(o), moved(t));
    let (lead, follow) = if theirs_moved && !ours_moved {
        (t, o)
    } else {
        (o, t)
    };
    let mut keys: Vec<K> = lead.iter().map(|(k, _)| k.clone()).collect();
    let mut after: Option<usize> = None;
    for (k, _) in follow {
        if let Some(i) = keys.iter().position(|x| x == k) {
            after = Some(i);
        } else {
            // After the record it follows, and after what the leading side added there.
            let mut at = after.map_or(0, |i| i + 1);
            while keys.get(at).is_some_and(|x| {
                !follow.iter().any(|(y, _)| y == x) && !b.iter().any(|(y, _)| y == x)
            }) {
                at += 1;
            }
            keys.insert(at, k.clone());
            after = Some(at);
        }
    }
    keys.into_iter().filter_map(|k| merged.remove(&k)).collect()
}

/// Signatories keyed by organization key, or by the key of the `base` entry sharing a
/// contact's email when the name changed (the keys duplicate detection uses).
pub(super) fn signatory_keys<'a>(
    b: &[((String, usize), &Signatory)],
    list: &'a [Signatory],
) -> Vec<((String, usize), &'a Signatory)> {
    let emails = |s: &Signatory| -> Vec<String> {
        s.contacts
            .iter()
            .map(|c| c.email.trim().to_lowercase())
            .filter(|e| e.contains('@'))
            .collect()
    };
    let mut keyed = keyed(list, |s| organization_key(&s.organization));
    for (k, s) in &mut keyed {
        if b.iter().any(|(x, _)| x == k) {
            continue;
        }
        let mine = emails(s);
        if let Some((x, _)) = b
            .iter()
            .find(|(_, bs)| emails(bs).iter().any(|e| mine.contains(e)))
        {
            *k = x.clone();
        }
    }
    keyed
}

fn signatories(
    base: &Memo,
    ours: &Memo,
    theirs: &Memo,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Signatory> {
    let b = keyed(&base.signatories, |s| organization_key(&s.organization));
    let o = signatory_keys(&b, &ours.signatories);
    let t = signatory_keys(&b, &theirs.signatories);
    keyed_merge(&b, &o, &t, signatory, conflicts, |s| {
        (
            Place::Signatory(s.organization.clone()),
            Value::Signatory(s),
        )
    })
}

/// One translated passage, as a record keyed by its language and passage.
pub(super) type Passage = ((Language, crate::model::Passage), Translated);

/// A memo's translated passages as one list of records.
pub(super) fn flat(m: &Memo) -> Vec<Passage> {
    m.translations
        .iter()
        .flat_map(|(lang, tr)| tr.0.iter().map(move |(p, t)| ((*lang, *p), t.clone())))
        .collect()
}

pub(super) fn passage(
    f: &mut Fields,
    b: Option<&Passage>,
    o: &Passage,
    t: &Passage,
) -> (Passage, Passage) {
    let (one, two) = translated(f, b.map(|b| &b.1), &o.1, &t.1);
    ((o.0, one), (o.0, two))
}

pub(super) fn passage_place(((lang, passage), tr): Passage) -> (Place, Value) {
    (Place::Translation(lang, passage), Value::Translated(tr))
}

fn translations(
    base: &Memo,
    ours: &Memo,
    theirs: &Memo,
    conflicts: &mut Vec<Conflict>,
) -> BTreeMap<Language, crate::model::Translation> {
    let (fb, fo, ft) = (flat(base), flat(ours), flat(theirs));
    let merged = records(&fb, &fo, &ft, |x| x.0, passage, conflicts, passage_place);
    let mut out: BTreeMap<_, crate::model::Translation> = BTreeMap::new();
    // A language stays even when all its passages went, as the memo had it.
    for lang in ours.translations.keys().chain(theirs.translations.keys()) {
        if base.translations.contains_key(lang)
            && !(ours.translations.contains_key(lang) && theirs.translations.contains_key(lang))
        {
            continue;
        }
        out.entry(*lang).or_default();
    }
    for ((lang, passage), tr) in merged {
        out.entry(lang).or_default().0.insert(passage, tr);
    }
    out
}
