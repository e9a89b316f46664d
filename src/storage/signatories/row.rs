//! One CSV record read as a signatory. A sign-on form is public, so every cell is taken
//! as untrusted: the formula prefix export adds is undone, invisible characters are
//! removed (and reported), the organization's length and the emails are checked, and a
//! row that does not say its status is received, never confirmed.

use jiff::civil::Date;

use super::Field;
use super::formula::unprotect;
use super::merge::{MergeNote, add_contact, split_acronym};
use super::read::{parse_bool, parse_date};
use crate::model::untrusted::{MAX_ORGANIZATION_CHARS, clean, is_email, is_no_email};
use crate::model::{Contact, SignOnStatus, Signatory};

/// A row read: the entry it makes, and what cleaning removed from it.
pub(super) struct Row {
    pub signatory: Signatory,
    pub notes: Vec<MergeNote>,
}

/// A row that is not imported: the organization as the report shows it, and why.
pub(super) struct Skip {
    pub organization: String,
    pub reason: String,
}

/// Reads `record`, whose cells hold `columns`. A row without a status (no status
/// column, or an empty cell) is `Received`, or `Confirmed` when `confirm` says the
/// drafting team has checked the sheet; an answer memodraft does not understand is
/// `Invited`, which does not print either.
pub(super) fn read_row(
    record: &csv::StringRecord,
    columns: &[Option<Field>],
    confirm: bool,
) -> Result<Row, Skip> {
    let mut row = Signatory {
        status: SignOnStatus::Received,
        ..Signatory::default()
    };
    let mut notes = Vec::new();
    let mut timestamp: Option<Date> = None;
    // The n-th contact column pairs with the n-th email column ("Contact 2", "Email 2").
    let (mut names, mut addresses) = (Vec::new(), Vec::new());
    for (cell, field) in record.iter().zip(columns) {
        let Some(field) = *field else { continue };
        let cleaned = clean(unprotect(cell));
        if !cleaned.removed.is_empty() {
            notes.push(MergeNote::Cleaned {
                field,
                removed: cleaned.removed,
            });
        }
        let value = cleaned.text;
        match field {
            Field::Organization => row.organization = value,
            Field::ShortName => row.short_name = value,
            Field::City => row.city = value,
            Field::Country => row.country = value,
            Field::Contact => names.push(value),
            Field::Email => addresses.push(value),
            Field::Status => {
                row.status = SignOnStatus::parse(&value).unwrap_or(if value.is_empty() {
                    SignOnStatus::Received
                } else {
                    SignOnStatus::Invited
                });
            }
            Field::Signed => row.signed = parse_date(&value),
            Field::Lead => row.lead = parse_bool(&value),
            Field::Invited => row.invited = parse_date(&value),
            Field::Withdrawn => row.withdrawn = parse_date(&value),
            Field::Timestamp => timestamp = parse_date(&value),
        }
    }
    if confirm && row.status == SignOnStatus::Received {
        row.status = SignOnStatus::Confirmed;
    }
    let shown = shorten(&row.organization);
    let skip = |reason: String| Skip {
        organization: shown.clone(),
        reason,
    };
    let length = row.organization.chars().count();
    if length > MAX_ORGANIZATION_CHARS {
        return Err(skip(format!(
            "the organization name is {length} characters long, more than the \
             {MAX_ORGANIZATION_CHARS} a name can be; shorten it in the sheet"
        )));
    }
    let (mut names, mut addresses) = (names.into_iter(), addresses.into_iter());
    loop {
        let mut contact = match (names.next(), addresses.next()) {
            (None, None) => break,
            (name, email) => Contact {
                name: name.unwrap_or_default(),
                email: email.unwrap_or_default(),
            },
        };
        if is_no_email(&contact.email) {
            contact.email.clear();
        } else if !is_email(&contact.email) {
            return Err(skip(format!(
                "\"{}\" is not an email address; correct it in the sheet",
                shorten(&contact.email)
            )));
        }
        if !contact.is_empty() {
            // A form that asks for an email twice names one person once.
            add_contact(&mut row.contacts, contact);
        }
    }
    if row.signed.is_none()
        && matches!(row.status, SignOnStatus::Confirmed | SignOnStatus::Received)
    {
        row.signed = timestamp;
    }
    if row.short_name.is_empty()
        && let Some((name, acronym)) = split_acronym(&row.organization)
    {
        let (name, acronym) = (name.to_owned(), acronym.to_owned());
        row.short_name = acronym;
        row.organization = name;
    }
    if row.organization.is_empty() {
        return Err(skip("no organization name".to_owned()));
    }
    Ok(Row {
        signatory: row,
        notes,
    })
}

/// The start of a long text, for a report line.
fn shorten(text: &str) -> String {
    const SHOWN: usize = 60;
    if text.chars().count() <= SHOWN {
        return text.to_owned();
    }
    let start: String = text.chars().take(SHOWN).collect();
    format!("{start}\u{2026}")
}
