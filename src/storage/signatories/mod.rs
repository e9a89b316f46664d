//! Sign-on lists as CSV: importing what web forms and spreadsheets write (UTF-8 with or
//! without BOM, UTF-16 with BOM, Windows-1252; comma, semicolon or tab), with duplicates
//! merged into the draft's list rather than added twice; and exporting the list as UTF-8
//! CSV with a BOM, which Excel opens with accents intact.

mod columns;
mod export;
mod merge;
mod read;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

pub use columns::{Field, field_of, guess_columns};
pub use export::export_csv;
pub use merge::{MergeNote, organization_key};
pub use read::{Decoded, decode, sniff_delimiter};

use crate::model::{Contact, SignOnStatus, Signatory};
use merge::{add_contact, emails, merge, split_acronym};
use read::{Rows, parse_bool, parse_date};

/// Rows accepted in one import, so that a wrong file cannot make memodraft allocate
/// without bound.
pub const MAX_ROWS: usize = 200_000;

#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    /// The reason is in the message, not a `source` (see [`super::DraftError`]).
    #[error("cannot read {}: {reason}. Check the file's name and that you may read it", path.display())]
    Read {
        path: PathBuf,
        reason: std::io::Error,
    },
    #[error(
        "{} is larger than {limit} bytes, the size sign-on lists are limited to. Is this the right file? Export the sign-on list as CSV and import that",
        path.display(),
        limit = super::MAX_DRAFT_BYTES
    )]
    TooLarge { path: PathBuf },
    #[error(
        "{} has no organization column (headers found: {found}). Name the column \"Organization\" (or Organización, Org) and import again",
        path.display()
    )]
    NoOrganizationColumn { path: PathBuf, found: String },
    #[error("{}:{line}: {message}. Fix that row in a spreadsheet and import again", path.display())]
    Row {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error(
        "{} has too many rows: at most {MAX_ROWS} rows are read, and a draft holds at most {} signatories; split it and import the parts",
        path.display(),
        crate::model::limits::MAX_SIGNATORIES
    )]
    TooManyRows { path: PathBuf },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Added,
    /// Merged into the organization of this (final) name.
    Merged(String),
    Skipped(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowReport {
    /// The row a spreadsheet shows it on, which is what people look for: the header is
    /// row 1; a cell with line breaks inside is one row, a blank line is one row.
    pub row: u64,
    /// The line of the file the row starts on, as a text editor counts.
    pub line: u64,
    pub organization: String,
    pub outcome: Outcome,
    /// For a merged row: what it changed in the entry.
    pub notes: Vec<MergeNote>,
}

/// One line of an import report, as the command line prints it:
/// `row 8: HUMAN RIGHTS WATCH: merged into "Human Rights Watch": added contact Sam Lee <sam@hrw.org>`.
impl fmt::Display for RowReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}: ", self.row)?;
        if !self.organization.is_empty() {
            write!(f, "{}: ", self.organization)?;
        }
        match &self.outcome {
            Outcome::Added => f.write_str("added")?,
            Outcome::Merged(into) => write!(f, "merged into \"{into}\"")?,
            Outcome::Skipped(why) => write!(f, "skipped ({why})")?,
        }
        for (i, note) in self.notes.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { "; " })?;
            write!(f, "{note}")?;
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    pub encoding: &'static str,
    pub delimiter: u8,
    pub rows: Vec<RowReport>,
}

impl ImportReport {
    pub fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.rows.iter().filter(|r| f(&r.outcome)).count()
    }

    pub fn delimiter_name(&self) -> &'static str {
        match self.delimiter {
            b';' => "semicolon",
            b'\t' => "tab",
            _ => "comma",
        }
    }
}

/// Reads a CSV file and merges its rows into `list` (see [`import_bytes`]).
pub fn import_file(list: &mut Vec<Signatory>, path: &Path) -> Result<ImportReport, CsvError> {
    let bytes = read_file(path)?;
    import_bytes(list, &bytes, path)
}

/// The bytes of a CSV file, refused above the size limit (see [`super::read_limited`]).
pub fn read_file(path: &Path) -> Result<Vec<u8>, CsvError> {
    super::read_limited(path, super::MAX_DRAFT_BYTES).map_err(|e| match e {
        super::ReadError::Io(reason) => CsvError::Read {
            path: path.to_owned(),
            reason,
        },
        super::ReadError::TooLarge => CsvError::TooLarge {
            path: path.to_owned(),
        },
    })
}

/// Merges the rows of a CSV file into `list`: a row whose email, or whose organization
/// key ([`organization_key`]), matches an entry already there (or an earlier row) is
/// merged into it, keeping the better-spelled name and filling empty fields; other rows
/// are added as confirmed. Rows without an organization are skipped with the reason. On
/// error `list` is unchanged.
pub fn import_bytes(
    list: &mut Vec<Signatory>,
    bytes: &[u8],
    path: &Path,
) -> Result<ImportReport, CsvError> {
    import_mapped(list, bytes, path, None)
}

/// The header row of a CSV file, decoded, for choosing columns by hand.
pub fn headers(bytes: &[u8]) -> Vec<String> {
    let decoded = decode(bytes);
    let delimiter = sniff_delimiter(&decoded.text);
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(decoded.text.as_bytes())
        .headers()
        .map(|h| h.iter().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// [`import_bytes`] with the columns given by hand (one entry per column, `None` to
/// ignore it) instead of read from the header names.
pub fn import_mapped(
    list: &mut Vec<Signatory>,
    bytes: &[u8],
    path: &Path,
    mapping: Option<&[Option<Field>]>,
) -> Result<ImportReport, CsvError> {
    import_mapped_on(
        list,
        bytes,
        path,
        mapping,
        jiff::ZonedDateTime::now().date(),
    )
}

/// [`import_mapped`] on the day `today`, which dates a status change that the row itself
/// does not date (see [`Signatory::set_status`]).
pub fn import_mapped_on(
    list: &mut Vec<Signatory>,
    bytes: &[u8],
    path: &Path,
    mapping: Option<&[Option<Field>]>,
    today: Date,
) -> Result<ImportReport, CsvError> {
    let decoded = decode(bytes);
    let delimiter = sniff_delimiter(&decoded.text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(decoded.text.as_bytes());
    let row_error = |line: u64, e: &csv::Error| CsvError::Row {
        path: path.to_owned(),
        line,
        message: e.to_string(),
    };
    let headers = reader.headers().map_err(|e| row_error(1, &e))?.clone();
    let mut rows_of = Rows::new(decoded.text.as_bytes());
    rows_of.next(0, reader.position().byte());
    let columns: Vec<Option<Field>> = match mapping {
        Some(m) => m.to_vec(),
        None => guess_columns(&headers.iter().collect::<Vec<_>>()),
    };
    if !columns.contains(&Some(Field::Organization)) {
        return Err(CsvError::NoOrganizationColumn {
            path: path.to_owned(),
            found: headers
                .iter()
                .map(|h| format!("\"{h}\""))
                .collect::<Vec<_>>()
                .join(", "),
        });
    }

    let mut merged = list.clone();
    let mut by_key: HashMap<String, usize> = HashMap::with_capacity(merged.len());
    let mut by_email: HashMap<String, usize> = HashMap::with_capacity(merged.len());
    for (i, s) in merged.iter().enumerate() {
        by_key.entry(organization_key(&s.organization)).or_insert(i);
        for email in emails(s) {
            by_email.entry(email).or_insert(i);
        }
    }
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    for n in 0.. {
        let start = reader.position().byte();
        // The reader's line is that of the line break before the record.
        let read = reader
            .read_record(&mut record)
            .map_err(|e| row_error(reader.position().line() + 1, &e))?;
        if !read {
            break;
        }
        if n >= MAX_ROWS {
            return Err(CsvError::TooManyRows {
                path: path.to_owned(),
            });
        }
        let (line, row_number) = rows_of.next(start, reader.position().byte());
        if record.iter().all(str::is_empty) {
            continue;
        }
        let mut row = Signatory {
            status: SignOnStatus::Confirmed,
            ..Signatory::default()
        };
        let mut timestamp = None;
        // The n-th contact column pairs with the n-th email column ("Contact 2", "Email 2").
        let (mut names, mut addresses) = (Vec::new(), Vec::new());
        for (value, field) in record.iter().zip(&columns) {
            // Line breaks and runs of spaces inside a cell are typing accidents.
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            match field {
                Some(Field::Organization) => row.organization = value,
                Some(Field::ShortName) => row.short_name = value,
                Some(Field::City) => row.city = value,
                Some(Field::Country) => row.country = value,
                Some(Field::Contact) => names.push(value),
                Some(Field::Email) => addresses.push(value),
                Some(Field::Status) => {
                    // An answer memodraft does not understand must not print: invited.
                    row.status = SignOnStatus::parse(&value).unwrap_or(if value.is_empty() {
                        SignOnStatus::Confirmed
                    } else {
                        SignOnStatus::Invited
                    });
                }
                Some(Field::Signed) => row.signed = parse_date(&value),
                Some(Field::Lead) => row.lead = parse_bool(&value),
                Some(Field::Invited) => row.invited = parse_date(&value),
                Some(Field::Withdrawn) => row.withdrawn = parse_date(&value),
                Some(Field::Timestamp) => timestamp = parse_date(&value),
                None => {}
            }
        }
        let (mut names, mut addresses) = (names.into_iter(), addresses.into_iter());
        loop {
            let contact = match (names.next(), addresses.next()) {
                (None, None) => break,
                (name, email) => Contact {
                    name: name.unwrap_or_default(),
                    email: email.unwrap_or_default(),
                },
            };
            if !contact.is_empty() {
                // A form that asks for an email twice names one person once.
                add_contact(&mut row.contacts, contact);
            }
        }
        if row.signed.is_none() && row.status == SignOnStatus::Confirmed {
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
            rows.push(RowReport {
                row: row_number,
                line,
                organization: String::new(),
                outcome: Outcome::Skipped("no organization name".to_owned()),
                notes: Vec::new(),
            });
            continue;
        }
        let key = organization_key(&row.organization);
        let row_emails = emails(&row);
        let by_name = by_key.get(&key).copied();
        let found = by_name.map(|i| (i, None)).or_else(|| {
            row_emails
                .iter()
                .find_map(|e| by_email.get(e).map(|&i| (i, Some(e.clone()))))
        });
        let organization = row.organization.clone();
        let (outcome, notes) = if let Some((i, matched_email)) = found
            && let Some(existing) = merged.get_mut(i)
        {
            let mut notes = Vec::new();
            if let Some(email) = matched_email {
                notes.push(MergeNote::SameEmail(email));
            }
            notes.extend(merge(existing, row, by_name.is_some(), today));
            by_key.entry(key).or_insert(i);
            for email in row_emails {
                by_email.entry(email).or_insert(i);
            }
            (Outcome::Merged(existing.organization.clone()), notes)
        } else {
            let i = merged.len();
            merged.push(row);
            by_key.insert(key, i);
            for email in row_emails {
                by_email.entry(email).or_insert(i);
            }
            (Outcome::Added, Vec::new())
        };
        rows.push(RowReport {
            row: row_number,
            line,
            organization,
            outcome,
            notes,
        });
    }
    if merged.len() > crate::model::limits::MAX_SIGNATORIES {
        return Err(CsvError::TooManyRows {
            path: path.to_owned(),
        });
    }
    *list = merged;
    Ok(ImportReport {
        encoding: decoded.encoding,
        delimiter,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(list: &mut Vec<Signatory>, csv: &str) -> ImportReport {
        let today = Date::new(2026, 12, 1).unwrap();
        import_mapped_on(list, csv.as_bytes(), Path::new("t.csv"), None, today).unwrap()
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        for newline in ["\n", "\r\n"] {
            let csv = [
                "Organization,City",
                "Nube,Oaxaca",
                "\"Red de Madres",
                "Buscadoras\",\"Hermosillo,",
                "Sonora\"",
                "",
                "Ágora,Lima",
                ",Quito",
                "Tlachinollan,Tlapa",
            ]
            .join(newline);
            let report = import(&mut Vec::new(), &csv);
            let numbers: Vec<(u64, u64)> = report.rows.iter().map(|r| (r.row, r.line)).collect();
            // Rows: the blank line is row 4, the cells with line breaks keep row 3 whole.
            assert_eq!(
                numbers,
                [(2, 2), (3, 3), (5, 7), (6, 8), (7, 9)],
                "{newline:?}"
            );
            assert_eq!(
                report.rows.get(3).map(ToString::to_string).as_deref(),
                Some("row 6: skipped (no organization name)")
            );
        }
    }
}
