//! The memo's language: the labels it prints and how it writes a date in running text.
//! Reading typed dates back is in `date_parse`.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, arbitrary::Arbitrary,
)]
pub enum Language {
    #[default]
    English,
    Spanish,
}

/// Labels printed by the memo, in its language.
#[derive(Clone, Copy, Debug)]
pub struct Labels {
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
    pub fn labels(self) -> Labels {
        match self {
            Self::English => Labels {
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
