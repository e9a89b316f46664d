//! Writing a sign-on list as CSV that Excel opens with accents intact, without running
//! any cell as a formula, and that import reads back.

use jiff::civil::Date;

use super::formula::protect;
use crate::model::Signatory;

/// The list as CSV: UTF-8 with a BOM (so Excel reads the accents), comma-separated,
/// with a header row that [`super::import_bytes`] maps back. The first contact goes in the
/// Contact and Email columns; further ones in "Contact 2", "Email 2", ... at the end,
/// as many pairs as the entry with the most contacts needs. A cell a spreadsheet would
/// run as a formula is written as text (see [`super::formula::protect`]).
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
            let _ = writer.write_record(record.iter().map(|cell| protect(cell).into_owned()));
        }
        let _ = writer.flush();
    }
    out
}
