//! Where an organization stands in the sign-on: its contact people, the status names (in
//! one place for the editor, the command line and CSV), and status changes that keep the
//! dates consistent.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{SignOnStatus, Signatory, fold_name};

/// A person at a signing organization. Either part may be empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct Contact {
    pub name: String,
    pub email: String,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.email.trim().is_empty()
    }

    /// Whether two entries name the same person: the same email (any case) when both
    /// have one, otherwise the same name (folded) when both have one.
    pub fn same_person(&self, other: &Self) -> bool {
        let (a, b) = (self.email.trim(), other.email.trim());
        if !a.is_empty() && !b.is_empty() {
            return a.eq_ignore_ascii_case(b);
        }
        let (a, b) = (fold_name(&self.name), fold_name(&other.name));
        !a.is_empty() && a == b
    }
}

/// "Jane Doe <jane@example.org>", or whichever part there is.
impl fmt::Display for Contact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.name.trim(), self.email.trim()) {
            (name, "") => f.write_str(name),
            ("", email) => write!(f, "<{email}>"),
            (name, email) => write!(f, "{name} <{email}>"),
        }
    }
}

/// A signatory as drafts store it. Version 1 kept one contact in `contact_name` and
/// `contact_email`; they become the first contact (see [`super::DRAFT_VERSION`]).
#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct StoredSignatory {
    organization: String,
    short_name: String,
    city: String,
    country: String,
    #[serde(deserialize_with = "super::limits::list")]
    contacts: Vec<Contact>,
    contact_name: String,
    contact_email: String,
    status: SignOnStatus,
    signed: Option<Date>,
    lead: bool,
    invited: Option<Date>,
    withdrawn: Option<Date>,
    logo: Option<super::Logo>,
}

impl From<StoredSignatory> for Signatory {
    fn from(stored: StoredSignatory) -> Self {
        let mut contacts = stored.contacts;
        let old = Contact {
            name: stored.contact_name,
            email: stored.contact_email,
        };
        if !old.is_empty() && !contacts.contains(&old) {
            contacts.insert(0, old);
        }
        Self {
            organization: stored.organization,
            short_name: stored.short_name,
            city: stored.city,
            country: stored.country,
            contacts,
            status: stored.status,
            signed: stored.signed,
            lead: stored.lead,
            invited: stored.invited,
            withdrawn: stored.withdrawn,
            logo: stored.logo,
        }
    }
}

impl SignOnStatus {
    pub const ALL: [Self; 5] = [
        Self::Invited,
        Self::Received,
        Self::Confirmed,
        Self::Declined,
        Self::Withdrawn,
    ];

    /// The status as the editor, the command line and exported CSV name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Invited => "Invited",
            Self::Confirmed => "Confirmed",
            Self::Declined => "Declined",
            Self::Withdrawn => "Withdrawn",
            Self::Received => "Received",
        }
    }

    /// The status a word names, as people write it in forms and spreadsheets: the
    /// labels in any case, their Spanish forms, and form answers ("yes", "pending"). A
    /// form's "yes" is what the person who filled it in says, which the drafting team has
    /// not verified: received, not confirmed.
    pub fn parse(word: &str) -> Option<Self> {
        Some(match fold_name(word).as_str() {
            "confirmed" | "confirmada" | "confirmado" | "signed" => Self::Confirmed,
            "received" | "recibida" | "recibido" | "yes" | "si" => Self::Received,
            "invited" | "invitada" | "invitado" | "pending" | "pendiente" => Self::Invited,
            "declined" | "declinada" | "declinado" | "no" => Self::Declined,
            "withdrawn" | "retirada" | "retirado" => Self::Withdrawn,
            _ => return None,
        })
    }
}

impl Signatory {
    /// Moves to `status`, keeping the dates of the sign-on consistent with it:
    ///
    /// - `Invited`: not signed (the signed and withdrawn dates go); invited `today` unless
    ///   an invitation date is recorded.
    /// - `Confirmed`: signed `today` unless a signed date is recorded; a signature after a
    ///   withdrawal is a new one, signed `today`. No withdrawal date.
    /// - `Declined`: not signed, not withdrawn (those dates go).
    /// - `Withdrawn`: withdrawn `today`; the signed date stays as the history of what was
    ///   withdrawn (only confirmed organizations print, so it never prints).
    /// - `Received`: the signed date, when recorded, is the day the form was sent (kept
    ///   when the entry is confirmed); a form sent after a withdrawal is a new one. No
    ///   withdrawal date.
    ///
    /// The invitation date is always kept: it is history whatever came after. Setting
    /// the status the entry already has changes nothing.
    pub fn set_status(&mut self, status: SignOnStatus, today: Date) {
        if status == self.status {
            return;
        }
        match status {
            SignOnStatus::Invited => {
                self.signed = None;
                self.withdrawn = None;
                self.invited = self.invited.or(Some(today));
            }
            SignOnStatus::Confirmed => {
                if self.status == SignOnStatus::Withdrawn {
                    self.signed = None;
                }
                self.signed = self.signed.or(Some(today));
                self.withdrawn = None;
            }
            SignOnStatus::Declined => {
                self.signed = None;
                self.withdrawn = None;
            }
            SignOnStatus::Withdrawn => self.withdrawn = Some(today),
            SignOnStatus::Received => {
                if self.status == SignOnStatus::Withdrawn {
                    self.signed = None;
                }
                self.withdrawn = None;
            }
        }
        self.status = status;
    }

    /// Whether the dates fit the status as [`Signatory::set_status`] keeps them: only a
    /// confirmed, received or withdrawn entry has a signed date, only a withdrawn one a
    /// withdrawal date, and a confirmed one has a signed date.
    pub fn dates_consistent(&self) -> bool {
        match self.status {
            SignOnStatus::Invited | SignOnStatus::Declined => {
                self.signed.is_none() && self.withdrawn.is_none()
            }
            SignOnStatus::Confirmed => self.signed.is_some() && self.withdrawn.is_none(),
            SignOnStatus::Withdrawn => self.withdrawn.is_some(),
            SignOnStatus::Received => self.withdrawn.is_none(),
        }
    }
}

/// The key two spellings of one organization share: accents, case and punctuation
/// folded, a leading "The" and a trailing acronym in parentheses dropped.
/// "Human Rights Watch (HRW)" and "HUMAN RIGHTS WATCH" share one.
pub fn organization_key(name: &str) -> String {
    let trimmed = name.trim();
    // Only an acronym goes: "Amnistía Internacional (México)" and "(Venezuela)" differ.
    let without_acronym = split_acronym(trimmed).map_or(trimmed, |(head, _)| head);
    let folded = fold_name(without_acronym);
    match folded.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => folded,
    }
}

/// "Human Rights Watch (HRW)" -> ("Human Rights Watch", "HRW"): a trailing acronym in
/// parentheses (capitals and digits) is the short name, which the memo prints the same way.
pub(crate) fn split_acronym(name: &str) -> Option<(&str, &str)> {
    let open = name.rfind('(')?;
    let inner = name.get(open + 1..)?.strip_suffix(')')?;
    let head = name.get(..open)?.trim_end();
    let is_acronym = (2..=12).contains(&inner.chars().count())
        && inner
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '&');
    (is_acronym && !head.is_empty()).then_some((head, inner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use SignOnStatus::{Confirmed, Declined, Invited, Received, Withdrawn};

    fn day(d: i8) -> Date {
        jiff::civil::date(2026, 11, d)
    }

    #[test]
    fn contacts_are_the_same_person_by_email_or_else_by_name() {
        let c = |name: &str, email: &str| Contact {
            name: name.into(),
            email: email.into(),
        };
        assert!(c("Carmen Soto", "carmen@x.org").same_person(&c("C. Soto", "CARMEN@x.org")));
        assert!(!c("Carmen Soto", "carmen@x.org").same_person(&c("Carmen Soto", "cs@y.org")));
        assert!(c("Luis Gómez", "").same_person(&c("LUIS GOMEZ", "luis@x.org")));
        assert!(!c("", "").same_person(&c("", "")));
        assert_eq!(c("Ana", "ana@x.org").to_string(), "Ana <ana@x.org>");
        assert_eq!(c("", "ana@x.org").to_string(), "<ana@x.org>");
    }

    #[test]
    fn labels_parse_back_and_spanish_and_form_answers_are_understood() {
        for status in SignOnStatus::ALL {
            assert_eq!(SignOnStatus::parse(status.label()), Some(status));
            assert_eq!(
                SignOnStatus::parse(&status.label().to_uppercase()),
                Some(status)
            );
        }
        assert_eq!(SignOnStatus::parse("Sí"), Some(Received), "a form's answer");
        assert_eq!(SignOnStatus::parse(" Retirada "), Some(Withdrawn));
        assert_eq!(SignOnStatus::parse("pendiente"), Some(Invited));
        assert_eq!(SignOnStatus::parse("maybe"), None);
    }

    #[test]
    fn a_declined_or_invited_entry_keeps_no_signed_date() {
        let mut s = Signatory {
            status: Confirmed,
            signed: Some(day(5)),
            invited: Some(day(1)),
            ..Signatory::default()
        };
        s.set_status(Declined, day(9));
        assert_eq!((s.status, s.signed, s.withdrawn), (Declined, None, None));
        assert_eq!(s.invited, Some(day(1)), "the invitation is history");
        s.set_status(Invited, day(10));
        assert_eq!((s.signed, s.invited), (None, Some(day(1))));
        s.set_status(Confirmed, day(12));
        assert_eq!(s.signed, Some(day(12)));
    }

    #[test]
    fn confirming_keeps_a_recorded_signature_and_dates_a_new_one() {
        let mut s = Signatory::default();
        s.set_status(Confirmed, day(3));
        assert_eq!(s.signed, Some(day(3)));
        s.set_status(Confirmed, day(4));
        assert_eq!(s.signed, Some(day(3)), "the same status changes nothing");
        s.set_status(Withdrawn, day(8));
        assert_eq!((s.signed, s.withdrawn), (Some(day(3)), Some(day(8))));
        s.set_status(Confirmed, day(20));
        assert_eq!(
            (s.signed, s.withdrawn),
            (Some(day(20)), None),
            "signing again after withdrawing is a new signature"
        );
    }

    #[test]
    fn a_received_entry_keeps_the_day_its_form_was_sent_when_confirmed() {
        let mut s = Signatory {
            status: Received,
            signed: Some(day(4)),
            ..Signatory::default()
        };
        s.set_status(Confirmed, day(9));
        assert_eq!((s.status, s.signed), (Confirmed, Some(day(4))));
        s.set_status(Withdrawn, day(10));
        s.set_status(Received, day(12));
        assert_eq!(
            (s.signed, s.withdrawn),
            (None, None),
            "a new form, not yet dated"
        );
    }

    #[test]
    fn any_sequence_of_changes_leaves_consistent_dates() {
        let mut s = Signatory {
            status: Confirmed,
            signed: Some(day(1)),
            ..Signatory::default()
        };
        // Every pair of statuses, in both orders.
        for (n, from) in SignOnStatus::ALL.into_iter().enumerate() {
            for to in SignOnStatus::ALL {
                let today = day(i8::try_from(n).unwrap() + 2);
                s.set_status(from, today);
                assert!(s.dates_consistent(), "{from:?}: {s:?}");
                s.set_status(to, today);
                assert!(s.dates_consistent(), "{from:?} -> {to:?}: {s:?}");
            }
        }
    }
}
