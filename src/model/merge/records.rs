//! Merging one record field by field: which side's value each field takes, text by
//! paragraph (`text.rs`), sign-on by its rules, contacts and the dictionary as sets.
//! Throughout, `b`, `o` and `t` are the base's, our and their version, as in diff3.
#![allow(clippy::many_single_char_names)]

use jiff::civil::Date;

use super::text;
use crate::model::{
    Contact, Finding, Quote, Recipient, Recommendation, SignOnStatus, Signatory, Translated,
};

pub(super) fn paragraphs(numbers: &[usize]) -> String {
    let list: Vec<String> = numbers.iter().map(ToString::to_string).collect();
    if list.len() == 1 {
        format!("paragraph {}", list.join(""))
    } else {
        format!("paragraphs {}", list.join(", "))
    }
}

/// Merges one record field by field, collecting the names of the fields in conflict.
/// Each call gives (our side's merge, their side's merge), equal when clean.
#[derive(Default)]
pub(super) struct Fields {
    pub(super) names: Vec<String>,
    /// Comparing two versions (no base): every difference is named.
    pub(super) diff: bool,
}

impl Fields {
    pub(super) fn val<T: Clone + PartialEq>(
        &mut self,
        name: &str,
        b: Option<&T>,
        o: &T,
        t: &T,
    ) -> (T, T) {
        if self.diff {
            if o != t {
                self.names.push(name.to_owned());
            }
            return (o.clone(), t.clone());
        }
        if o == t || b == Some(t) {
            (o.clone(), o.clone())
        } else if b == Some(o) {
            (t.clone(), t.clone())
        } else {
            self.names.push(name.to_owned());
            (o.clone(), t.clone())
        }
    }

    pub(super) fn text(
        &mut self,
        name: &str,
        b: Option<&String>,
        o: &String,
        t: &String,
    ) -> (String, String) {
        if self.diff {
            return self.val(name, b, o, t);
        }
        let merged = text::merge(b.map_or("", String::as_str), o, t);
        if !merged.conflicts.is_empty() {
            self.names
                .push(format!("{name}, {}", paragraphs(&merged.conflicts)));
        }
        (merged.ours, merged.theirs)
    }
}

pub(super) fn recipient(
    f: &mut Fields,
    b: Option<&Recipient>,
    o: &Recipient,
    t: &Recipient,
) -> (Recipient, Recipient) {
    let (name, name2) = f.val("name", b.map(|b| &b.name), &o.name, &t.name);
    let (title, title2) = f.val("title", b.map(|b| &b.title), &o.title, &t.title);
    let (org, org2) = f.val(
        "organization",
        b.map(|b| &b.organization),
        &o.organization,
        &t.organization,
    );
    (
        Recipient {
            id: o.id,
            name,
            title,
            organization: org,
        },
        Recipient {
            id: o.id,
            name: name2,
            title: title2,
            organization: org2,
        },
    )
}

pub(super) fn finding(
    f: &mut Fields,
    b: Option<&Finding>,
    o: &Finding,
    t: &Finding,
) -> (Finding, Finding) {
    let (title, title2) = f.text("title", b.map(|b| &b.title), &o.title, &t.title);
    let (a, a2) = f.val(
        "assessment",
        b.map(|b| &b.assessment),
        &o.assessment,
        &t.assessment,
    );
    let (evidence, evidence2) =
        f.text("evidence", b.map(|b| &b.evidence), &o.evidence, &t.evidence);
    (
        Finding {
            id: o.id,
            title,
            assessment: a,
            evidence,
        },
        Finding {
            id: o.id,
            title: title2,
            assessment: a2,
            evidence: evidence2,
        },
    )
}

pub(super) fn quote(f: &mut Fields, b: Option<&Quote>, o: &Quote, t: &Quote) -> (Quote, Quote) {
    let (text, text2) = f.text("text", b.map(|b| &b.text), &o.text, &t.text);
    let (by, by2) = f.val(
        "attribution",
        b.map(|b| &b.attribution),
        &o.attribution,
        &t.attribution,
    );
    let (src, src2) = f.val(
        "source",
        b.map(|b| &b.source_title),
        &o.source_title,
        &t.source_title,
    );
    let (url, url2) = f.val("address", b.map(|b| &b.url), &o.url, &t.url);
    let (date, date2) = f.val("date", b.map(|b| &b.date), &o.date, &t.date);
    let (at, at2) = f.val(
        "placement",
        b.map(|b| &b.placement),
        &o.placement,
        &t.placement,
    );
    let one = Quote {
        id: o.id,
        text,
        attribution: by,
        source_title: src,
        url,
        date,
        placement: at,
    };
    let two = Quote {
        id: o.id,
        text: text2,
        attribution: by2,
        source_title: src2,
        url: url2,
        date: date2,
        placement: at2,
    };
    (one, two)
}

pub(super) fn recommendation(
    f: &mut Fields,
    b: Option<&Recommendation>,
    o: &Recommendation,
    t: &Recommendation,
) -> (Recommendation, Recommendation) {
    let (text, text2) = f.text("text", b.map(|b| &b.text), &o.text, &t.text);
    let (to, to2) = f.val(
        "addressee",
        b.map(|b| &b.addressee),
        &o.addressee,
        &t.addressee,
    );
    (
        Recommendation {
            id: o.id,
            text,
            addressee: to,
        },
        Recommendation {
            id: o.id,
            text: text2,
            addressee: to2,
        },
    )
}

/// Status with the dates it goes with (`set_status` keeps them consistent together).
type SignOn = (SignOnStatus, Option<Date>, Option<Date>);

/// The sign-on rules: a withdrawal is never lost; otherwise the later status by its date
/// wins when both have one; else both changed it differently: a conflict.
fn sign_on(f: &mut Fields, b: Option<&SignOn>, o: &SignOn, t: &SignOn) -> (SignOn, SignOn) {
    if f.diff || o == t || b == Some(t) || b == Some(o) {
        return f.val("status", b, o, t);
    }
    let withdrawn = |s: &SignOn| s.0 == SignOnStatus::Withdrawn;
    let dated = |s: &SignOn| match s.0 {
        SignOnStatus::Withdrawn => s.2,
        SignOnStatus::Confirmed | SignOnStatus::Received => s.1,
        SignOnStatus::Invited | SignOnStatus::Declined => None,
    };
    let winner = match (withdrawn(o), withdrawn(t)) {
        (true, false) => Some(o),
        (false, true) => Some(t),
        _ => match (dated(o), dated(t)) {
            (Some(x), Some(y)) if x > y => Some(o),
            (Some(x), Some(y)) if y > x => Some(t),
            // Confirming a received entry keeps the day its form was sent: on the same
            // day, the confirmation is the later step.
            (Some(_), Some(_)) => match (o.0, t.0) {
                (SignOnStatus::Confirmed, SignOnStatus::Received) => Some(o),
                (SignOnStatus::Received, SignOnStatus::Confirmed) => Some(t),
                _ => None,
            },
            _ => None,
        },
    };
    match winner {
        Some(w) => (*w, *w),
        None => f.val("status", b, o, t),
    }
}

pub(super) fn signatory(
    f: &mut Fields,
    b: Option<&Signatory>,
    o: &Signatory,
    t: &Signatory,
) -> (Signatory, Signatory) {
    let (org, org2) = f.val(
        "organization",
        b.map(|b| &b.organization),
        &o.organization,
        &t.organization,
    );
    let (short, short2) = f.val(
        "short name",
        b.map(|b| &b.short_name),
        &o.short_name,
        &t.short_name,
    );
    let (city, city2) = f.val("city", b.map(|b| &b.city), &o.city, &t.city);
    let (country, country2) = f.val("country", b.map(|b| &b.country), &o.country, &t.country);
    let group = |s: &Signatory| (s.status, s.signed, s.withdrawn);
    let bg = b.map(group);
    let (st, st2) = sign_on(f, bg.as_ref(), &group(o), &group(t));
    let (lead, lead2) = f.val("lead", b.map(|b| &b.lead), &o.lead, &t.lead);
    let (inv, inv2) = f.val(
        "invitation date",
        b.map(|b| &b.invited),
        &o.invited,
        &t.invited,
    );
    let (logo, logo2) = f.val("logo", b.map(|b| &b.logo), &o.logo, &t.logo);
    let contacts: Vec<Contact> = set(b.map_or(&[][..], |b| &b.contacts), &o.contacts, &t.contacts);
    let one = Signatory {
        organization: org,
        short_name: short,
        city,
        country,
        contacts: contacts.clone(),
        status: st.0,
        signed: st.1,
        lead,
        invited: inv,
        withdrawn: st.2,
        logo,
    };
    let two = Signatory {
        organization: org2,
        short_name: short2,
        city: city2,
        country: country2,
        contacts,
        status: st2.0,
        signed: st2.1,
        lead: lead2,
        invited: inv2,
        withdrawn: st2.2,
        logo: logo2,
    };
    (one, two)
}

pub(super) fn translated(
    f: &mut Fields,
    b: Option<&Translated>,
    o: &Translated,
    t: &Translated,
) -> (Translated, Translated) {
    let (text, text2) = f.text("text", b.map(|b| &b.text), &o.text, &t.text);
    let from = |x: &Translated| (x.fingerprint.clone(), x.source.clone());
    let bf = b.map(from);
    let ((fp, src), (fp2, src2)) = f.val("source", bf.as_ref(), &from(o), &from(t));
    let (rev, rev2) = f.val("reviewed", b.map(|b| &b.reviewed), &o.reviewed, &t.reviewed);
    (
        Translated {
            text,
            fingerprint: fp,
            source: src,
            reviewed: rev,
        },
        Translated {
            text: text2,
            fingerprint: fp2,
            source: src2,
            reviewed: rev2,
        },
    )
}

/// A list merged as a set: ours, plus what theirs added, less what theirs removed.
pub(super) fn set<T: Clone + PartialEq>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let mut out: Vec<T> = ours
        .iter()
        .filter(|x| !base.contains(x) || theirs.contains(x))
        .cloned()
        .collect();
    for x in theirs {
        if !base.contains(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

pub(super) type Merger<T> = fn(&mut Fields, Option<&T>, &T, &T) -> (T, T);
