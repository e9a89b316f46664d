//! Merging an imported row into the entry for the same organization: the keys duplicates
//! are matched on (name and email), which spelling and fields are kept, and the notes
//! that say what a merge changed.

use std::fmt;

use jiff::civil::Date;

use super::Field;
pub use crate::model::organization_key;
pub(super) use crate::model::split_acronym;
use crate::model::untrusted::Removed;
use crate::model::{Contact, SignOnStatus, Signatory};

/// How well a name is spelled, for keeping the better of two: accents, then mixed case.
fn spelling_score(name: &str) -> (usize, bool) {
    let accents = name
        .chars()
        .filter(|c| c.is_alphabetic() && !c.is_ascii())
        .count();
    let mixed = name.chars().any(char::is_lowercase) && name.chars().any(char::is_uppercase);
    (accents, mixed)
}

/// What merging a row changed in the entry it was merged into, beyond the name; and what
/// cleaning took out of a row (see [`crate::model::untrusted::clean`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeNote {
    /// Invisible or control characters removed from a field of the row.
    Cleaned {
        field: Field,
        removed: Removed,
    },
    /// The entry took the row's better spelling; this was its name.
    Renamed {
        from: String,
    },
    /// The names differ; the row was matched by a contact's email.
    SameEmail(String),
    /// A person the entry did not list yet.
    AddedContact(Contact),
    /// A listed person whose missing name or email the row gave.
    CompletedContact(Contact),
    /// A field that was empty in the entry, filled from the row.
    Filled {
        field: Field,
        value: String,
    },
    Status {
        from: SignOnStatus,
        to: SignOnStatus,
    },
    /// The row says `row`, but a decline or withdrawal in the draft stands.
    KeptStatus {
        kept: SignOnStatus,
        row: SignOnStatus,
    },
    NowLead,
}

impl fmt::Display for MergeNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Cleaned { field, removed } => write!(
                f,
                "removed from the {}: {removed}",
                field.label().to_lowercase()
            ),
            Self::Renamed { from } => write!(f, "took this spelling (was \"{from}\")"),
            Self::SameEmail(email) => write!(f, "same email {email}"),
            Self::AddedContact(c) => write!(f, "added contact {c}"),
            Self::CompletedContact(c) => write!(f, "completed contact {c}"),
            Self::Filled { field, value } => {
                write!(f, "filled in {}: {value}", field.label().to_lowercase())
            }
            Self::Status { from, to } => write!(f, "now {} (was {})", to.label(), from.label()),
            Self::KeptStatus { kept, row } => {
                write!(f, "still {} (this row says {})", kept.label(), row.label())
            }
            Self::NowLead => f.write_str("now a lead author"),
        }
    }
}

/// The contacts' emails of an entry, lower-cased, to match duplicates on; placeholders
/// ("n/a", "-") are not emails.
pub(super) fn emails(s: &Signatory) -> Vec<String> {
    s.contacts
        .iter()
        .map(|c| c.email.trim().to_lowercase())
        .filter(|e| e.contains('@'))
        .collect()
}

/// Adds a contact to a list, or completes the entry for the same person (see
/// [`Contact::same_person`]) with the name or email it lacks; says which, if either.
pub(super) fn add_contact(contacts: &mut Vec<Contact>, contact: Contact) -> Option<MergeNote> {
    let Some(known) = contacts.iter_mut().find(|c| c.same_person(&contact)) else {
        contacts.push(contact.clone());
        return Some(MergeNote::AddedContact(contact));
    };
    let mut completed = false;
    for (mine, theirs) in [
        (&mut known.name, contact.name),
        (&mut known.email, contact.email),
    ] {
        if mine.trim().is_empty() && !theirs.trim().is_empty() {
            *mine = theirs;
            completed = true;
        }
    }
    completed.then(|| MergeNote::CompletedContact(known.clone()))
}

/// Merges a row into an entry for the same organization (found by name, or by email
/// when `same_name` is false: then the entry keeps its name), and says what changed.
/// Nothing the row says is dropped without a note, and no contact is dropped at all.
pub(super) fn merge(
    existing: &mut Signatory,
    row: Signatory,
    same_name: bool,
    today: Date,
) -> Vec<MergeNote> {
    let mut notes = Vec::new();
    if same_name && spelling_score(&row.organization) > spelling_score(&existing.organization) {
        let from = std::mem::replace(&mut existing.organization, row.organization);
        notes.push(MergeNote::Renamed { from });
    }
    for (field, mine, theirs) in [
        (Field::ShortName, &mut existing.short_name, row.short_name),
        (Field::City, &mut existing.city, row.city),
        (Field::Country, &mut existing.country, row.country),
    ] {
        if mine.trim().is_empty() && !theirs.trim().is_empty() {
            notes.push(MergeNote::Filled {
                field,
                value: theirs.clone(),
            });
            *mine = theirs;
        }
    }
    for contact in row.contacts {
        notes.extend(add_contact(&mut existing.contacts, contact));
    }
    // Signing (again) confirms an invitation or a received form, but does not undo a
    // decline or withdrawal recorded in the draft; a form received from an invited
    // organization awaits review; a row that says declined or withdrawn is applied,
    // dated by the row when it says when.
    let before = existing.status;
    let change = match row.status {
        SignOnStatus::Confirmed
            if matches!(before, SignOnStatus::Invited | SignOnStatus::Received) =>
        {
            Some((SignOnStatus::Confirmed, row.signed))
        }
        SignOnStatus::Received if before == SignOnStatus::Invited => {
            Some((SignOnStatus::Received, row.signed))
        }
        SignOnStatus::Declined => Some((SignOnStatus::Declined, None)),
        SignOnStatus::Withdrawn => Some((SignOnStatus::Withdrawn, row.withdrawn)),
        _ => None,
    };
    if let Some((status, date)) = change {
        existing.set_status(status, date.unwrap_or(today));
    }
    if existing.status != before {
        notes.push(MergeNote::Status {
            from: before,
            to: existing.status,
        });
    } else if row.status != before
        // A form sent again by an organization already confirmed is no news.
        && !(row.status == SignOnStatus::Received && before == SignOnStatus::Confirmed)
    {
        notes.push(MergeNote::KeptStatus {
            kept: before,
            row: row.status,
        });
    }
    // The row's dates fill only what the entry's status has room for: a declined
    // organization does not take a signed date from a row that says it signed.
    let signed_fits = matches!(
        existing.status,
        SignOnStatus::Confirmed | SignOnStatus::Withdrawn | SignOnStatus::Received
    );
    let withdrawn_fits = existing.status == SignOnStatus::Withdrawn;
    for (field, fits, mine, theirs) in [
        (Field::Invited, true, &mut existing.invited, row.invited),
        (Field::Signed, signed_fits, &mut existing.signed, row.signed),
        (
            Field::Withdrawn,
            withdrawn_fits,
            &mut existing.withdrawn,
            row.withdrawn,
        ),
    ] {
        if fits
            && mine.is_none()
            && let Some(date) = theirs
        {
            *mine = Some(date);
            notes.push(MergeNote::Filled {
                field,
                value: date.to_string(),
            });
        }
    }
    if row.lead && !existing.lead {
        existing.lead = true;
        notes.push(MergeNote::NowLead);
    }
    notes
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::import_mapped_on;
    use super::*;

    #[test]
    fn organization_keys_fold_the_usual_variants() {
        assert_eq!(
            organization_key("Human Rights Watch (HRW)"),
            organization_key("Human Rights Watch")
        );
        assert_eq!(
            organization_key("WASHINGTON OFFICE ON LATIN AMERICA"),
            organization_key("Washington Office on Latin America")
        );
        assert_eq!(
            organization_key("Centro de Derechos Humanos Miguel Agustin Pro Juarez"),
            organization_key("Centro de Derechos Humanos Miguel Agustín Pro Juárez")
        );
        assert_eq!(
            organization_key("The Borderlands Project"),
            organization_key("Borderlands Project")
        );
        assert_ne!(
            organization_key("Tlachinollan"),
            organization_key("Tlachinolan")
        );
    }

    #[test]
    fn a_row_that_changes_the_status_keeps_the_dates_consistent() {
        let day = |d| Date::new(2026, 11, d).ok();
        let mut list = vec![
            Signatory {
                organization: "Ágora Ciudadana".into(),
                status: SignOnStatus::Confirmed,
                signed: day(3),
                ..Signatory::default()
            },
            Signatory {
                organization: "Tlachinollan".into(),
                invited: day(1),
                ..Signatory::default()
            },
            Signatory {
                organization: "Nube".into(),
                invited: day(1),
                ..Signatory::default()
            },
        ];
        let csv = "Organization,Status,Signed\n\
                   Agora Ciudadana,declined,2026-11-04\n\
                   Tlachinollan,confirmed,2026-11-20\n\
                   Nube,signed,\n";
        let today = Date::new(2026, 12, 1).unwrap();
        import_mapped_on(&mut list, csv.as_bytes(), Path::new("t.csv"), None, today).unwrap();
        let dates: Vec<_> = list.iter().map(|s| (s.status, s.signed)).collect();
        assert_eq!(
            dates,
            [
                (SignOnStatus::Declined, None),
                (SignOnStatus::Confirmed, day(20)),
                (SignOnStatus::Confirmed, Date::new(2026, 12, 1).ok()),
            ]
        );
        assert!(list.iter().all(Signatory::dates_consistent), "{list:?}");
        assert_eq!(list.get(1).and_then(|s| s.invited), day(1));
    }
}
