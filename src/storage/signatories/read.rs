//! Turning a CSV file's bytes into text and values: the encoding and the delimiter,
//! the row and line each record is on, and the dates and yes/no answers cells hold.

use encoding_rs::{Encoding, WINDOWS_1252};
use jiff::civil::Date;

use crate::model::fold_name;

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

/// Numbers the records of a CSV text by file line and by spreadsheet row as the reader
/// goes through them.
pub(super) struct Rows<'a> {
    text: &'a [u8],
    /// How far line breaks are counted, and how many there were.
    counted_to: usize,
    breaks: u64,
    /// Line breaks inside the cells of the records so far: lines, but not rows.
    inside_cells: u64,
}

impl<'a> Rows<'a> {
    pub(super) fn new(text: &'a [u8]) -> Self {
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
    pub(super) fn next(&mut self, start: u64, end: u64) -> (u64, u64) {
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

pub(super) fn parse_bool(value: &str) -> bool {
    matches!(
        fold_name(value).as_str(),
        "yes" | "si" | "true" | "x" | "1" | "lead"
    )
}

/// A date at the start of a value: "2026-11-03", "2026-11-03 14:22:10", or the
/// month-first "11/3/2026 14:22:10" Google Forms writes.
pub(super) fn parse_date(value: &str) -> Option<Date> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
