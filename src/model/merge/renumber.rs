//! Before a merge: a record both sides added under the same new id (each took the next
//! free one) but with different content is two records, not one changed twice. Their
//! copy's record gets a fresh id, and what refers to it there follows: quote placements,
//! translated passages, the release's featured quotes. A reference their copy left as the
//! base has it is the base's (a dangling one, say), not to their new record, and stays.

use std::collections::BTreeMap;

use crate::model::{
    FindingId, Memo, Passage, Placement, QuoteId, RecipientId, RecommendationId, Translation,
};

/// Old id to new id.
type Map = Vec<(u32, u32)>;

fn lookup(map: &Map, id: u32) -> u32 {
    map.iter()
        .find(|(old, _)| *old == id)
        .map_or(id, |(_, new)| *new)
}

/// The ids of `theirs` that clash with a different record `ours` added, each with a
/// fresh id above every id of the three.
fn clashes<T: PartialEq>(base: &[T], ours: &[T], theirs: &[T], id: impl Fn(&T) -> u32) -> Map {
    let mut next = base
        .iter()
        .chain(ours)
        .chain(theirs)
        .map(&id)
        .max()
        .unwrap_or(0);
    let mut map = Map::new();
    for record in theirs {
        let i = id(record);
        let added = !base.iter().any(|b| id(b) == i);
        let clash = ours.iter().any(|o| id(o) == i && o != record);
        if added && clash && !map.iter().any(|(old, _)| *old == i) {
            next = next.saturating_add(1);
            map.push((i, next));
        }
    }
    map
}

/// `theirs` with the records it added under an id `ours` added differently renumbered.
pub(super) fn renumber(base: &Memo, ours: &Memo, theirs: &Memo) -> Memo {
    let mut t = theirs.clone();
    let findings = clashes(&base.findings, &ours.findings, &t.findings, |f| f.id.0);
    let quotes = clashes(&base.quotes, &ours.quotes, &t.quotes, |q| q.id.0);
    let recs = clashes(
        &base.recommendations,
        &ours.recommendations,
        &t.recommendations,
        |r| r.id.0,
    );
    let people = |m: &Memo| m.to.iter().chain(&m.cc).cloned().collect::<Vec<_>>();
    let recipients = clashes(&people(base), &people(ours), &people(&t), |r| r.id.0);
    if findings.is_empty() && quotes.is_empty() && recs.is_empty() && recipients.is_empty() {
        return t;
    }
    for f in &mut t.findings {
        f.id = FindingId(lookup(&findings, f.id.0));
    }
    for q in &mut t.quotes {
        let as_in_base = base
            .quotes
            .iter()
            .any(|b| b.id == q.id && b.placement == q.placement);
        q.id = QuoteId(lookup(&quotes, q.id.0));
        if let Placement::Finding(id) = q.placement
            && !as_in_base
        {
            q.placement = Placement::Finding(FindingId(lookup(&findings, id.0)));
        }
    }
    for r in &mut t.recommendations {
        r.id = RecommendationId(lookup(&recs, r.id.0));
    }
    for r in t.to.iter_mut().chain(t.cc.iter_mut()) {
        r.id = RecipientId(lookup(&recipients, r.id.0));
    }
    if let Some(featured) = t.release.as_mut().and_then(|r| r.featured.as_mut()) {
        for id in featured {
            *id = QuoteId(lookup(&quotes, id.0));
        }
    }
    let passage = |p: Passage| {
        let f = |id: FindingId| FindingId(lookup(&findings, id.0));
        let q = |id: QuoteId| QuoteId(lookup(&quotes, id.0));
        let r = |id: RecommendationId| RecommendationId(lookup(&recs, id.0));
        match p {
            Passage::FindingTitle(id) => Passage::FindingTitle(f(id)),
            Passage::Evidence(id) => Passage::Evidence(f(id)),
            Passage::QuoteText(id) => Passage::QuoteText(q(id)),
            Passage::QuoteAttribution(id) => Passage::QuoteAttribution(q(id)),
            Passage::QuoteSource(id) => Passage::QuoteSource(q(id)),
            Passage::QuoteDate(id) => Passage::QuoteDate(q(id)),
            Passage::Recommendation(id) => Passage::Recommendation(r(id)),
            Passage::Addressee(id) => Passage::Addressee(r(id)),
            other => other,
        }
    };
    for (lang, translation) in &mut t.translations {
        let in_base = base.translations.get(lang);
        let renamed: BTreeMap<_, _> = std::mem::take(&mut translation.0)
            .into_iter()
            .map(|(p, tr)| {
                let as_in_base = in_base.and_then(|b| b.0.get(&p)) == Some(&tr);
                (if as_in_base { p } else { passage(p) }, tr)
            })
            .collect();
        *translation = Translation(renamed);
    }
    t
}
