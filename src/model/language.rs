//! The memo's language: the labels it prints and how it writes a date in running text.
//! Reading typed dates back is in `date_parse`.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    arbitrary::Arbitrary,
)]
pub enum Language {
    #[default]
    English,
    Spanish,
}

/// Labels printed by the memo, in its language.
#[derive(Clone, Copy, Debug)]
pub struct Labels {
    /// The large label on top of page 1 when the memo leaves it at its default.
    pub memorandum: &'static str,
    pub to: &'static str,
    pub cc: &'static str,
    pub from: &'static str,
    pub date: &'static str,
    pub subject: &'static str,
    pub findings: &'static str,
    pub finding: &'static str,
    pub assessment: &'static str,
    pub recommendations: &'static str,
    pub signatories: &'static str,
    pub notes: &'static str,
    pub page_of: (&'static str, &'static str),
    /// Heading of signatories without a country when grouped by country.
    pub no_country: &'static str,
    /// "List as of" DATE, under the signatories.
    pub list_as_of: &'static str,
}

impl Language {
    pub const ALL: [Self; 2] = [Self::English, Self::Spanish];

    /// The language's name in English, as the editor and messages say it.
    pub fn name(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::Spanish => "Spanish",
        }
    }

    /// The language's name in itself, for people choosing what to read.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::Spanish => "Español",
        }
    }

    /// The ISO 639-1 code: file names (`memo.es.pdf`) and `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::Spanish => "es",
        }
    }

    /// A language from its code or its name, in any case.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL.into_iter().find(|l| {
            [l.code(), l.name(), l.native_name()].iter().any(|n| {
                n.eq_ignore_ascii_case(s)
                    || crate::model::fold_name(n) == crate::model::fold_name(s)
            })
        })
    }

    /// Whether `heading` is the default label of any language: then each language prints
    /// its own ("MEMORÁNDUM" in Spanish), and there is nothing to translate.
    pub fn is_default_heading(heading: &str) -> bool {
        let heading = heading.trim();
        Self::ALL
            .into_iter()
            .any(|l| l.labels().memorandum == heading)
    }

    pub fn labels(self) -> Labels {
        match self {
            Self::English => Labels {
                memorandum: "MEMORANDUM",
                to: "TO:",
                cc: "CC:",
                from: "FROM:",
                date: "DATE:",
                subject: "RE:",
                findings: "Findings",
                finding: "Finding",
                assessment: "Assessment:",
                recommendations: "Recommendations",
                signatories: "Signatories",
                notes: "Notes",
                page_of: ("Page", "of"),
                no_country: "Other",
                list_as_of: "List as of",
            },
            Self::Spanish => Labels {
                memorandum: "MEMORÁNDUM",
                to: "PARA:",
                cc: "CC:",
                from: "DE:",
                date: "FECHA:",
                subject: "ASUNTO:",
                findings: "Hallazgos",
                finding: "Hallazgo",
                assessment: "Evaluación:",
                recommendations: "Recomendaciones",
                signatories: "Organizaciones firmantes",
                notes: "Notas",
                page_of: ("Página", "de"),
                no_country: "Otros",
                list_as_of: "Lista al",
            },
        }
    }

    /// A date as written in running text: "March 3, 2026" / "3 de marzo de 2026".
    pub fn format_date(self, date: Date) -> String {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const ES: [&str; 12] = [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ];
        let month = usize::try_from(date.month() - 1).unwrap_or(0);
        match self {
            Self::English => {
                format!(
                    "{} {}, {}",
                    EN.get(month).unwrap_or(&""),
                    date.day(),
                    date.year()
                )
            }
            Self::Spanish => {
                format!(
                    "{} de {} de {}",
                    date.day(),
                    ES.get(month).unwrap_or(&""),
                    date.year()
                )
            }
        }
    }
}
