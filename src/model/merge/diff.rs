//! The differences between two memos, by part: what `memodraft diff` lists and what the
//! editor's compare view offers to accept or reject one by one. A difference is one
//! memo-wide field or one record (added, removed or changed, with the fields that
//! changed); accepting it puts the other version in place.

use super::engine::{flat, keyed, passage, passage_place, signatory_keys};
use super::records::{Fields, Merger, finding, quote, recipient, recommendation, signatory};
use super::{MemoField, Place, Value};
use crate::model::{Memo, organization_key};

/// One difference between a memo and another version of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub place: Place,
    /// The fields that differ ("evidence", "status"); empty for an added or removed
    /// record or a memo-wide field.
    pub fields: Vec<String>,
    /// This memo's version (`None`: the other one added it).
    pub ours: Option<Value>,
    /// The other version (`None`: it removed it).
    pub theirs: Option<Value>,
    /// Where an added record goes in its list.
    pub at: usize,
    /// The images the other version uses (a letterhead's or a signatory's logo), which
    /// accepting it brings along.
    pub images: std::collections::BTreeMap<crate::images::ImageKey, crate::model::StoredImage>,
}

impl Difference {
    /// "finding 2: evidence changed", "signatory \"Fundar\" added": in words, naming the
    /// part as it is in `memo`.
    pub fn describe(&self, memo: &Memo) -> String {
        let place = self.place.describe(memo);
        match (&self.ours, &self.theirs) {
            (None, _) => format!("{place} added"),
            (_, None) => format!("{place} removed"),
            _ if self.fields.is_empty() => format!("{place} changed"),
            _ => format!("{place}: {} changed", self.fields.join(", ")),
        }
    }
}

/// Every difference between `ours` and `theirs`, in the memo's order: memo-wide fields,
/// recipients, findings, quotes, recommendations, signatories, translations. The order
/// of a list alone (records moved) is not a difference here.
pub fn differences(ours: &Memo, theirs: &Memo) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut field = |name: MemoField, mine: Value, yours: Value| {
        if mine != yours {
            out.push(Difference {
                place: Place::Field(name),
                fields: Vec::new(),
                ours: Some(mine),
                theirs: Some(yours),
                at: 0,
                images: std::collections::BTreeMap::new(),
            });
        }
    };
    let text = |s: &String| Value::Text(s.clone());
    field(
        MemoField::Heading,
        text(&ours.heading),
        text(&theirs.heading),
    );
    field(MemoField::From, text(&ours.from), text(&theirs.from));
    field(
        MemoField::Date,
        Value::Date(ours.date),
        Value::Date(theirs.date),
    );
    field(
        MemoField::Subject,
        text(&ours.subject),
        text(&theirs.subject),
    );
    field(
        MemoField::Language,
        Value::Language(ours.language),
        Value::Language(theirs.language),
    );
    field(
        MemoField::Introduction,
        text(&ours.introduction),
        text(&theirs.introduction),
    );
    field(
        MemoField::SignatoriesIntro,
        text(&ours.signatories_intro),
        text(&theirs.signatories_intro),
    );
    field(
        MemoField::SignOn,
        Value::SignOn(ours.sign_on.clone()),
        Value::SignOn(theirs.sign_on.clone()),
    );
    field(
        MemoField::Closing,
        text(&ours.closing),
        text(&theirs.closing),
    );
    field(MemoField::Notes, text(&ours.notes), text(&theirs.notes));
    field(
        MemoField::Page,
        Value::Page(ours.page.clone()),
        Value::Page(theirs.page.clone()),
    );
    field(
        MemoField::Release,
        Value::Release(ours.release.clone()),
        Value::Release(theirs.release.clone()),
    );
    field(
        MemoField::Letterhead,
        Value::Letterhead(ours.letterhead.clone()),
        Value::Letterhead(theirs.letterhead.clone()),
    );
    list(
        &mut out,
        &keyed(&ours.to, |r| r.id),
        &keyed(&theirs.to, |r| r.id),
        recipient,
        |r| (Place::To(r.id), Value::Recipient(r)),
    );
    list(
        &mut out,
        &keyed(&ours.cc, |r| r.id),
        &keyed(&theirs.cc, |r| r.id),
        recipient,
        |r| (Place::Cc(r.id), Value::Recipient(r)),
    );
    list(
        &mut out,
        &keyed(&ours.findings, |f| f.id),
        &keyed(&theirs.findings, |f| f.id),
        finding,
        |f| (Place::Finding(f.id), Value::Finding(f)),
    );
    list(
        &mut out,
        &keyed(&ours.quotes, |q| q.id),
        &keyed(&theirs.quotes, |q| q.id),
        quote,
        |q| (Place::Quote(q.id), Value::Quote(q)),
    );
    list(
        &mut out,
        &keyed(&ours.recommendations, |r| r.id),
        &keyed(&theirs.recommendations, |r| r.id),
        recommendation,
        |r| (Place::Recommendation(r.id), Value::Recommendation(r)),
    );
    let o = keyed(&ours.signatories, |s| organization_key(&s.organization));
    let t = signatory_keys(&o, &theirs.signatories);
    list(&mut out, &o, &t, signatory, |s| {
        (
            Place::Signatory(s.organization.clone()),
            Value::Signatory(s),
        )
    });
    let (fo, ft) = (flat(ours), flat(theirs));
    list(
        &mut out,
        &keyed(&fo, |x| x.0),
        &keyed(&ft, |x| x.0),
        passage,
        passage_place,
    );
    for difference in &mut out {
        let keys: Vec<&crate::images::ImageKey> = match &difference.theirs {
            Some(Value::Letterhead(l)) => l.logos.iter().map(|l| &l.image).collect(),
            Some(Value::Signatory(s)) => s.logo.iter().map(|l| &l.image).collect(),
            _ => Vec::new(),
        };
        difference.images = keys
            .into_iter()
            .filter_map(|k| Some((k.clone(), theirs.images.get(k)?.clone())))
            .collect();
    }
    out
}

fn list<T: Clone + PartialEq, K: Ord + Clone>(
    out: &mut Vec<Difference>,
    mine: &[(K, &T)],
    yours: &[(K, &T)],
    merge_one: Merger<T>,
    place: impl Fn(T) -> (Place, Value),
) {
    for (k, ours) in mine {
        match yours.iter().find(|(x, _)| x == k) {
            Some((_, theirs)) if ours != theirs => {
                let mut f = Fields {
                    names: Vec::new(),
                    diff: true,
                };
                merge_one(&mut f, None, ours, theirs);
                let (p, a) = place((*ours).clone());
                let b = place((*theirs).clone()).1;
                out.push(Difference {
                    place: p,
                    fields: f.names,
                    ours: Some(a),
                    theirs: Some(b),
                    at: 0,
                    images: std::collections::BTreeMap::new(),
                });
            }
            Some(_) => {}
            None => {
                let (p, a) = place((*ours).clone());
                out.push(Difference {
                    place: p,
                    fields: Vec::new(),
                    ours: Some(a),
                    theirs: None,
                    at: 0,
                    images: std::collections::BTreeMap::new(),
                });
            }
        }
    }
    for (at, (k, theirs)) in yours.iter().enumerate() {
        if !mine.iter().any(|(x, _)| x == k) {
            let (p, b) = place((*theirs).clone());
            out.push(Difference {
                place: p,
                fields: Vec::new(),
                ours: None,
                theirs: Some(b),
                at,
                images: std::collections::BTreeMap::new(),
            });
        }
    }
}

impl Memo {
    /// Takes the other version of one difference (an ordinary edit: the caller marks an
    /// undo point first).
    pub fn accept(&mut self, difference: &Difference) {
        self.put(&difference.place, difference.theirs.clone(), difference.at);
        for (key, image) in &difference.images {
            self.images
                .entry(key.clone())
                .or_insert_with(|| image.clone());
        }
    }
}
