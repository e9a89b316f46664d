//! Sign-on lists as CSV: importing what web forms and spreadsheets write (UTF-8 with or
//! without BOM, UTF-16 with BOM, Windows-1252; comma, semicolon or tab), with duplicates
//! merged into the draft's list rather than added twice; and exporting the list as UTF-8
//! CSV with a BOM, which Excel opens with accents intact.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, WINDOWS_1252};
use jiff::civil::Date;

use crate::model::{Contact, SignOnStatus, Signatory, fold_name};

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

/// Text decoded from a CSV file, and how it was decoded (said to the user).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes CSV bytes: a byte-order mark decides (UTF-8, UTF-16 LE/BE); otherwise valid
/// UTF-8 is UTF-8, and anything else is read as Windows-1252, the superset of Latin-1
/// that older Excel writes.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        let (text, _) = encoding.decode_without_bom_handling(rest);
        let name = match encoding.name() {
            "UTF-8" => "UTF-8 with BOM",
            "UTF-16LE" => "UTF-16 LE with BOM",
            _ => "UTF-16 BE with BOM",
        };
        return Decoded {
            text: text.into_owned(),
            encoding: name,
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
        },
        Err(_) => Decoded {
            text: WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            encoding: "Windows-1252 (Latin-1)",
        },
    }
}

/// The delimiter of the first non-blank line: the most frequent of tab, semicolon and
/// comma outside quotes (comma on a tie).
pub fn sniff_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0_usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(c) = counts.iter_mut().find(|(d, _)| *d == b) {
            c.1 += 1;
        }
    }
    counts
        .iter()
        .copied()
        .max_by_key(|&(d, n)| (n, d == b','))
        .map_or(b',', |(d, _)| d)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Organization,
    ShortName,
    City,
    Country,
    Contact,
    Email,
    Status,
    Signed,
    Lead,
    Invited,
    Withdrawn,
    Timestamp,
}

/// The field a column header names, in English or Spanish: a name people give columns
/// ("Organization", "Correo"), or else a form question's key words ("Organization name
/// (as it should appear in the memo)", "Contact email for follow-up").
pub fn field_of(header: &str) -> Option<Field> {
    named(&fold_name(header)).or_else(|| asked(header))
}

/// The fields of a CSV's columns, guessed from its header row, as both import and the
/// editor's column chooser start from: [`field_of`] each header, except that a field
/// other than Contact and Email goes to one column only, the one that names it
/// outright or else the first that asks for it. (A form asks "Does your organization
/// endorse the memo?" besides the organization's name.)
pub fn guess_columns<S: AsRef<str>>(headers: &[S]) -> Vec<Option<Field>> {
    let named: Vec<Option<Field>> = headers
        .iter()
        .map(|h| named(&fold_name(h.as_ref())))
        .collect();
    let mut taken: Vec<Field> = named.iter().flatten().copied().collect();
    headers
        .iter()
        .zip(named)
        .map(|(header, named)| {
            named.or_else(|| {
                let field = asked(header.as_ref())?;
                let repeats = matches!(field, Field::Contact | Field::Email);
                if !repeats && taken.contains(&field) {
                    return None;
                }
                taken.push(field);
                Some(field)
            })
        })
        .collect()
}

/// The field a folded header is the usual name of.
fn named(h: &str) -> Option<Field> {
    // "Contact 2", "Email 2": the further contacts that export writes.
    if let Some((stem, n)) = h.rsplit_once(' ')
        && n.chars().all(|c| c.is_ascii_digit())
        && let Some(field @ (Field::Contact | Field::Email)) = named(stem)
    {
        return Some(field);
    }
    Some(match h {
        "organization"
        | "organisation"
        | "organizacion"
        | "org"
        | "organization name"
        | "organisation name"
        | "nombre de la organizacion"
        | "organizacion firmante" => Field::Organization,
        "short name" | "acronym" | "siglas" | "abbreviation" => Field::ShortName,
        "city" | "ciudad" | "town" => Field::City,
        "country" | "pais" => Field::Country,
        "name" | "contact" | "contact name" | "contacto" | "nombre" | "nombre de contacto"
        | "your name" | "full name" => Field::Contact,
        "email" | "email address" | "correo" | "correo electronico" | "e mail" | "mail" => {
            Field::Email
        }
        "status" | "estado" | "estatus" => Field::Status,
        "signed" | "date signed" | "fecha de firma" | "firmado" => Field::Signed,
        "lead" | "lead author" | "autor principal" => Field::Lead,
        "invited" | "date invited" | "invitada" | "fecha de invitacion" => Field::Invited,
        "withdrawn" | "date withdrawn" | "retirada" | "fecha de retiro" => Field::Withdrawn,
        "timestamp" | "marca temporal" | "submitted" | "submission date" | "fecha" | "date" => {
            Field::Timestamp
        }
        _ => return None,
    })
}

/// The field a form question asks for, from its key words, the most specific first:
/// "Your organization's city" is a city, "Contact email" an email, "Contact person at
/// your organization" a contact.
fn asked(header: &str) -> Option<Field> {
    // Punctuation separates words here: "Role/title", "E-mail".
    let spaced: String = header
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let folded = format!(" {} ", fold_name(&spaced));
    let has = |words: &[&str]| words.iter().any(|w| folded.contains(&format!(" {w} ")));
    let question = header.trim_end().ends_with('?');
    let field = if has(&[
        "website", "web", "url", "sitio", "pagina", "phone", "telefono",
    ]) {
        // About the organization, but not a field memodraft keeps.
        return None;
    } else if has(&["email", "e mail", "mail", "correo"]) {
        Field::Email
    } else if has(&[
        "acronym",
        "acronimo",
        "siglas",
        "abbreviation",
        "short name",
    ]) {
        Field::ShortName
    } else if has(&["city", "ciudad", "town", "municipio"]) {
        Field::City
    } else if has(&["country", "pais"]) {
        Field::Country
    } else if has(&["timestamp", "marca temporal"]) {
        Field::Timestamp
    } else if has(&["date", "fecha"]) && has(&["signed", "signature", "firma"]) {
        Field::Signed
    } else if question && has(&["endorse", "sign", "sign on", "signing", "adhiere", "firma"]) {
        Field::Status
    } else if has(&[
        "contact",
        "contacto",
        "person",
        "persona",
        "representative",
        "representante",
        "your name",
        "su nombre",
        "tu nombre",
        "full name",
        "nombre completo",
    ]) {
        Field::Contact
    } else if has(&[
        "organization",
        "organisation",
        "organizacion",
        "org",
        "institution",
        "institucion",
    ]) {
        Field::Organization
    } else {
        return None;
    };
    Some(field)
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
fn split_acronym(name: &str) -> Option<(&str, &str)> {
    let open = name.rfind('(')?;
    let inner = name.get(open + 1..)?.strip_suffix(')')?;
    let head = name.get(..open)?.trim_end();
    let is_acronym = (2..=12).contains(&inner.chars().count())
        && inner
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '&');
    (is_acronym && !head.is_empty()).then_some((head, inner))
}

/// How well a name is spelled, for keeping the better of two: accents, then mixed case.
fn spelling_score(name: &str) -> (usize, bool) {
    let accents = name
        .chars()
        .filter(|c| c.is_alphabetic() && !c.is_ascii())
        .count();
    let mixed = name.chars().any(char::is_lowercase) && name.chars().any(char::is_uppercase);
    (accents, mixed)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Added,
    /// Merged into the organization of this (final) name.
    Merged(String),
    Skipped(String),
}

/// What merging a row changed in the entry it was merged into, beyond the name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeNote {
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

impl Field {
    pub const ALL: [Self; 12] = [
        Self::Organization,
        Self::ShortName,
        Self::City,
        Self::Country,
        Self::Contact,
        Self::Email,
        Self::Status,
        Self::Signed,
        Self::Lead,
        Self::Invited,
        Self::Withdrawn,
        Self::Timestamp,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Organization => "Organization",
            Self::ShortName => "Short name",
            Self::City => "City",
            Self::Country => "Country",
            Self::Contact => "Contact",
            Self::Email => "Email",
            Self::Status => "Status",
            Self::Signed => "Signed",
            Self::Lead => "Lead",
            Self::Invited => "Invited",
            Self::Withdrawn => "Withdrawn",
            Self::Timestamp => "Timestamp",
        }
    }
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

/// Numbers the records of a CSV text by file line and by spreadsheet row as the reader
/// goes through them.
struct Rows<'a> {
    text: &'a [u8],
    /// How far line breaks are counted, and how many there were.
    counted_to: usize,
    breaks: u64,
    /// Line breaks inside the cells of the records so far: lines, but not rows.
    inside_cells: u64,
}

impl<'a> Rows<'a> {
    fn new(text: &'a [u8]) -> Self {
        Self {
            text,
            counted_to: 0,
            breaks: 0,
            inside_cells: 0,
        }
    }

    /// The line and the row of the record the reader read from byte `start` to `end`
    /// (its positions include the line breaks around the record, and blank lines).
    // Counting the line breaks of a file of at most 32 MiB once is not worth a crate.
    #[allow(clippy::naive_bytecount)]
    fn next(&mut self, start: u64, end: u64) -> (u64, u64) {
        let is_break = |b: &&u8| matches!(**b, b'\r' | b'\n');
        let breaks = |bytes: &[u8]| bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        let (start, end) = (start as usize, end as usize);
        let span = self.text.get(start..end).unwrap_or_default();
        let first = start + span.iter().take_while(is_break).count();
        let last = end - span.iter().rev().take_while(is_break).count();
        let content = self.text.get(first..last).unwrap_or_default();
        self.breaks += breaks(self.text.get(self.counted_to..first).unwrap_or_default());
        let line = self.breaks + 1;
        let row = line - self.inside_cells;
        let inside = breaks(content);
        self.breaks += inside;
        self.inside_cells += inside;
        self.counted_to = first.max(last);
        (line, row)
    }
}

/// The contacts' emails of an entry, lower-cased, to match duplicates on; placeholders
/// ("n/a", "-") are not emails.
fn emails(s: &Signatory) -> Vec<String> {
    s.contacts
        .iter()
        .map(|c| c.email.trim().to_lowercase())
        .filter(|e| e.contains('@'))
        .collect()
}

/// Adds a contact to a list, or completes the entry for the same person (see
/// [`Contact::same_person`]) with the name or email it lacks; says which, if either.
fn add_contact(contacts: &mut Vec<Contact>, contact: Contact) -> Option<MergeNote> {
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
fn merge(existing: &mut Signatory, row: Signatory, same_name: bool, today: Date) -> Vec<MergeNote> {
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
    // Signing (again) confirms an invitation, but does not undo a decline or withdrawal
    // recorded in the draft; a row that says declined or withdrawn is applied, dated by
    // the row when it says when.
    let before = existing.status;
    let change = match row.status {
        SignOnStatus::Confirmed if before == SignOnStatus::Invited => {
            Some((SignOnStatus::Confirmed, row.signed))
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
    } else if row.status != before {
        notes.push(MergeNote::KeptStatus {
            kept: before,
            row: row.status,
        });
    }
    // The row's dates fill only what the entry's status has room for: a declined
    // organization does not take a signed date from a row that says it signed.
    let signed_fits = matches!(
        existing.status,
        SignOnStatus::Confirmed | SignOnStatus::Withdrawn
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

fn parse_bool(value: &str) -> bool {
    matches!(
        fold_name(value).as_str(),
        "yes" | "si" | "true" | "x" | "1" | "lead"
    )
}

/// A date at the start of a value: "2026-11-03", "2026-11-03 14:22:10", or the
/// month-first "11/3/2026 14:22:10" Google Forms writes.
fn parse_date(value: &str) -> Option<Date> {
    let first = value.split_whitespace().next()?;
    if let Ok(d) = first.parse::<Date>() {
        return Some(d);
    }
    let mut parts = first.split('/');
    let (a, b, y): (i8, i8, i16) = (
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
    );
    let year = if (0..100).contains(&y) { 2000 + y } else { y };
    // Month first (U.S. forms) unless the first number cannot be a month (Spanish-locale
    // forms write the day first: 25/11/2026).
    let (month, day) = if a > 12 { (b, a) } else { (a, b) };
    Date::new(year, month, day).ok()
}

/// The list as CSV: UTF-8 with a BOM (so Excel reads the accents), comma-separated,
/// with a header row that [`import_bytes`] maps back. The first contact goes in the
/// Contact and Email columns; further ones in "Contact 2", "Email 2", ... at the end,
/// as many pairs as the entry with the most contacts needs.
pub fn export_csv(list: &[Signatory]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let pairs = list.iter().map(|s| s.contacts.len()).max().unwrap_or(0);
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        let mut header: Vec<String> = [
            "Organization",
            "Short name",
            "City",
            "Country",
            "Contact",
            "Email",
            "Status",
            "Signed",
            "Lead",
            "Invited",
            "Withdrawn",
        ]
        .map(str::to_owned)
        .to_vec();
        for n in 2..=pairs {
            header.push(format!("Contact {n}"));
            header.push(format!("Email {n}"));
        }
        // Writing to a Vec cannot fail; a failure would only shorten the output.
        let _ = writer.write_record(&header);
        for s in list {
            let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
            let (signed, invited, withdrawn) = (date(s.signed), date(s.invited), date(s.withdrawn));
            let mut contacts = s.contacts.iter();
            let first = contacts.next();
            let mut record = vec![
                s.organization.as_str(),
                &s.short_name,
                &s.city,
                &s.country,
                first.map_or("", |c| c.name.as_str()),
                first.map_or("", |c| c.email.as_str()),
                s.status.label(),
                &signed,
                if s.lead { "yes" } else { "" },
                &invited,
                &withdrawn,
            ];
            for c in contacts {
                record.extend([c.name.as_str(), c.email.as_str()]);
            }
            record.resize(header.len(), "");
            let _ = writer.write_record(&record);
        }
        let _ = writer.flush();
    }
    out
}

#[cfg(test)]
mod tests {
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
    fn encodings_are_detected_and_named() {
        let juarez = "Organización\nCentro Juárez\n";
        assert_eq!(decode(juarez.as_bytes()).encoding, "UTF-8");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(juarez.as_bytes());
        assert_eq!(decode(&bom).text, juarez);
        let (latin1, _, _) = WINDOWS_1252.encode(juarez);
        let d = decode(&latin1);
        assert_eq!(d.text, juarez);
        assert_eq!(d.encoding, "Windows-1252 (Latin-1)");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(juarez.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).text, juarez);
    }

    #[test]
    fn delimiters_are_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("Org;City;Country\n"), b';');
        assert_eq!(sniff_delimiter("Org\tCity\tCountry\n"), b'\t');
        assert_eq!(sniff_delimiter("\"A; B; C\",City\n"), b',');
    }

    fn import(list: &mut Vec<Signatory>, csv: &str) -> ImportReport {
        let today = Date::new(2026, 12, 1).unwrap();
        import_mapped_on(list, csv.as_bytes(), Path::new("t.csv"), None, today).unwrap()
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
        import(
            &mut list,
            "Organization,Status,Signed\n\
             Agora Ciudadana,declined,2026-11-04\n\
             Tlachinollan,confirmed,2026-11-20\n\
             Nube,signed,\n",
        );
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

    #[test]
    fn headers_are_read_as_forms_ask_and_people_name_them() {
        for (header, field) in [
            (
                "Organization name (as it should appear in the memo)",
                Some(Field::Organization),
            ),
            (
                "Nombre de la organización (como debe aparecer)",
                Some(Field::Organization),
            ),
            ("Name of your organization", Some(Field::Organization)),
            ("Acronym (if any)", Some(Field::ShortName)),
            ("Your organization's city", Some(Field::City)),
            ("País donde trabaja su organización", Some(Field::Country)),
            ("Contact email for follow-up", Some(Field::Email)),
            ("E-mail", Some(Field::Email)),
            ("Contact person at your organization", Some(Field::Contact)),
            ("Full name (first and last)", Some(Field::Contact)),
            (
                "Does your organization endorse the memo?",
                Some(Field::Status),
            ),
            (
                "¿Su organización se adhiere al memorando?",
                Some(Field::Status),
            ),
            ("Organization website", None),
            ("Your role / title", None),
            ("Anything else we should know?", None),
            ("Nombre del grupo", None),
            ("Email 2", Some(Field::Email)),
        ] {
            assert_eq!(field_of(header), field, "{header}");
        }
        // One column per field: the one that names it outright, else the first asking.
        let headers = [
            "Organization name (as it should appear in the memo)",
            "Does your organization endorse the memo?",
            "Which organization referred you?",
            "Email Address",
            "Contact email (if different)",
            "Org",
        ];
        assert_eq!(
            guess_columns(&headers),
            [
                None,
                Some(Field::Status),
                None,
                Some(Field::Email),
                Some(Field::Email),
                Some(Field::Organization),
            ]
        );
    }

    #[test]
    fn dates_in_the_forms_people_write() {
        assert_eq!(parse_date("2026-11-03"), Date::new(2026, 11, 3).ok());
        assert_eq!(
            parse_date("11/3/2026 14:22:10"),
            Date::new(2026, 11, 3).ok()
        );
        assert_eq!(parse_date("soon"), None);
    }
}
