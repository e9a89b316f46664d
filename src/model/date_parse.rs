//! Reading a date typed by hand: the inverse of [`Language::format_date`], plus ISO and the
//! numeric form each language's readers write. Pure text to date; no UI.

use jiff::civil::Date;

use super::Language;

impl Language {
    /// The date `text` names, or `None`. Accepted: ISO `2026-11-28`; the long form this
    /// language prints ("November 28, 2026", "28 de noviembre de 2026"), in any case, with
    /// commas and spacing as they come; and the numeric form its readers write, month first
    /// in English (`11/28/2026`), day first in Spanish (`28/11/2026`), with a four-digit
    /// year.
    pub fn parse_date(self, text: &str) -> Option<Date> {
        let text = text.trim();
        iso(text)
            .or_else(|| self.numeric(text))
            .or_else(|| self.long(text))
    }

    fn numeric(self, text: &str) -> Option<Date> {
        let [a, b, year] = three_numbers(text, '/')?;
        if year.len() != 4 {
            return None;
        }
        let (month, day) = match self {
            Self::English => (a, b),
            Self::Spanish => (b, a),
        };
        Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
    }

    /// The long form: the day and year are the two numbers in it, and the month is the one
    /// for which `format_date` prints the same words.
    fn long(self, text: &str) -> Option<Date> {
        let words = normalized(text);
        let mut numbers = words
            .split(' ')
            .filter(|w| w.bytes().all(|b| b.is_ascii_digit()));
        let (day, year) = (numbers.next()?, numbers.next()?);
        if numbers.next().is_some() {
            return None;
        }
        let (day, year) = (day.parse().ok()?, year.parse().ok()?);
        (1..=12)
            .filter_map(|month| Date::new(year, month, day).ok())
            .find(|&date| normalized(&self.format_date(date)) == words)
    }
}

fn iso(text: &str) -> Option<Date> {
    let [year, month, day] = three_numbers(text, '-')?;
    if year.len() != 4 {
        return None;
    }
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
}

/// The three parts of `text` split at `separator`, each one or more ASCII digits.
fn three_numbers(text: &str, separator: char) -> Option<[&str; 3]> {
    let mut parts = text.split(separator);
    let three = [parts.next()?, parts.next()?, parts.next()?];
    let digits = |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && three.iter().all(digits)).then_some(three)
}

/// Lower case, commas as spaces, one space between words.
fn normalized(text: &str) -> String {
    text.to_lowercase()
        .replace(',', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn every_printed_date_reads_back() {
        for language in [Language::English, Language::Spanish] {
            let mut d = date(2024, 1, 1);
            while d.year() == 2024 {
                assert_eq!(language.parse_date(&language.format_date(d)), Some(d));
                d = d.tomorrow().unwrap();
            }
        }
    }

    #[test]
    fn iso_long_and_numeric_forms_are_read() {
        let day = Some(date(2026, 11, 28));
        let en = Language::English;
        let es = Language::Spanish;
        assert_eq!(en.parse_date("2026-11-28"), day);
        assert_eq!(es.parse_date(" 2026-11-28 "), day);
        assert_eq!(en.parse_date("November 28, 2026"), day);
        assert_eq!(en.parse_date("november 28 2026"), day);
        assert_eq!(en.parse_date("NOVEMBER  28,2026"), day);
        assert_eq!(es.parse_date("28 de noviembre de 2026"), day);
        assert_eq!(es.parse_date("28 de Noviembre de 2026"), day);
        assert_eq!(en.parse_date("11/28/2026"), day);
        assert_eq!(es.parse_date("28/11/2026"), day);
        assert_eq!(en.parse_date("6/5/2012"), Some(date(2012, 6, 5)));
        assert_eq!(es.parse_date("6/5/2012"), Some(date(2012, 5, 6)));
    }

    #[test]
    fn what_is_not_a_date_is_refused() {
        let en = Language::English;
        let es = Language::Spanish;
        for text in [
            "",
            "tomorrow",
            "2026-02-30",
            "2026-11",
            "26-11-28",
            "2026-11-28-1",
            "-2026-11-28",
            "28/11/2026",
            "11/28/26",
            "November 31, 2026",
            "November 28",
            "Nov 28, 2026",
            "November 28, 2026 12",
            "28 de noviembre de 2026",
        ] {
            assert_eq!(en.parse_date(text), None, "{text:?}");
        }
        assert_eq!(es.parse_date("11/28/2026"), None);
        assert_eq!(es.parse_date("November 28, 2026"), None);
    }
}
