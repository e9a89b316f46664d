//! What memodraft itself writes in a release, per language, as `Language::labels()` does
//! for the memo: "FOR IMMEDIATE RELEASE", the drafted lede, a sentence per finding,
//! the headings and the link to the full memo.

use std::fmt::Write as _;

use crate::model::{Assessment, Language};

/// Organizations counted by country for the drafted lede.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub us: usize,
    pub mexico: usize,
    pub other: usize,
}

impl Counts {
    pub fn total(self) -> usize {
        self.us + self.mexico + self.other
    }
}

/// The fixed texts of a release in one language.
pub struct Wording {
    pub immediate: &'static str,
    pub signatories: &'static str,
    pub contacts: &'static str,
    /// Before the link to the full memo.
    pub full_memo: &'static str,
    pub end: &'static str,
}

pub fn wording(language: Language) -> Wording {
    match language {
        Language::English => Wording {
            immediate: "FOR IMMEDIATE RELEASE",
            signatories: "Signing organizations",
            contacts: "Media contacts",
            full_memo: "Read the full memo:",
            end: "###",
        },
        Language::Spanish => Wording {
            immediate: "PARA DIFUSIÓN INMEDIATA",
            signatories: "Organizaciones firmantes",
            contacts: "Contacto para medios",
            full_memo: "Lea el memorándum completo:",
            end: "###",
        },
    }
}

/// "A, B and C" / "A, B y C".
pub fn join_and(items: &[String], language: Language) -> String {
    let and = match language {
        Language::English => "and",
        Language::Spanish => "y",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// "4 U.S. and 8 Mexican organizations" / "4 organizaciones estadounidenses y 8
/// mexicanas".
fn organizations(counts: Counts, language: Language) -> String {
    let plural = counts.total() != 1;
    let mut parts = Vec::new();
    match language {
        Language::English => {
            for (n, kind) in [
                (counts.us, "U.S."),
                (counts.mexico, "Mexican"),
                (counts.other, "other"),
            ] {
                if n > 0 {
                    parts.push(format!("{n} {kind}"));
                }
            }
            let noun = if plural {
                "organizations"
            } else {
                "organization"
            };
            format!("{} {noun}", join_and(&parts, language))
        }
        Language::Spanish => {
            let noun = if plural {
                "organizaciones"
            } else {
                "organización"
            };
            for (n, one, many) in [
                (counts.us, "estadounidense", "estadounidenses"),
                (counts.mexico, "mexicana", "mexicanas"),
                (counts.other, "de otro país", "de otros países"),
            ] {
                if n > 0 {
                    let kind = if n == 1 { one } else { many };
                    // The noun once, with the first count: "4 organizaciones
                    // estadounidenses y 8 mexicanas".
                    if parts.is_empty() {
                        parts.push(format!("{n} {noun} {kind}"));
                    } else {
                        parts.push(format!("{n} {kind}"));
                    }
                }
            }
            join_and(&parts, language)
        }
    }
}

/// The lede memodraft drafts when none is typed: who sent what to whom, and when.
/// `recipients` are already joined; `date` is already written out.
pub fn drafted_lede(
    counts: Counts,
    recipients: &str,
    date: Option<&str>,
    subject: &str,
    language: Language,
) -> String {
    let subject = subject.trim();
    // "On DATE, WHO sent a memo to WHOM on “SUBJECT”." in each language's words.
    let (coalition, on, sent, to, about, (open, close)) = match language {
        Language::English => (
            "A coalition of human rights organizations",
            "On",
            "sent a memo",
            "to",
            "on",
            ('\u{201c}', '\u{201d}'),
        ),
        Language::Spanish => (
            "Una coalición de organizaciones de derechos humanos",
            "El",
            if counts.total() == 1 {
                "envió un memorándum"
            } else {
                "enviaron un memorándum"
            },
            "a",
            "sobre",
            ('\u{ab}', '\u{bb}'),
        ),
    };
    let who = if counts.total() == 0 {
        coalition.to_owned()
    } else {
        organizations(counts, language)
    };
    let mut s = match date {
        Some(date) => format!("{on} {date}, {who} {sent}"),
        None => format!("{who} {sent}"),
    };
    if !recipients.is_empty() {
        let _ = write!(s, " {to} {recipients}");
    }
    if !subject.is_empty() {
        let _ = write!(s, " {about} {open}{subject}{close}");
    }
    s.push('.');
    s
}

/// The sentence after a finding's title: what the memo concluded about it.
pub fn assessment_sentence(assessment: Assessment, language: Language) -> &'static str {
    match (language, assessment) {
        (Language::English, Assessment::NotMet) => {
            "The organizations find that this condition has not been met."
        }
        (Language::English, Assessment::PartiallyMet) => {
            "The organizations find that this condition has been only partially met."
        }
        (Language::English, Assessment::Met) => {
            "The organizations find that this condition has been met."
        }
        (Language::English, Assessment::NotAssessed) => "The memo does not assess this condition.",
        (Language::Spanish, Assessment::NotMet) => {
            "Las organizaciones concluyen que esta condición no se ha cumplido."
        }
        (Language::Spanish, Assessment::PartiallyMet) => {
            "Las organizaciones concluyen que esta condición solo se ha cumplido parcialmente."
        }
        (Language::Spanish, Assessment::Met) => {
            "Las organizaciones concluyen que esta condición se ha cumplido."
        }
        (Language::Spanish, Assessment::NotAssessed) => "El memorándum no evalúa esta condición.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_sentences_in_both_languages() {
        let counts = Counts {
            us: 4,
            mexico: 8,
            other: 0,
        };
        assert_eq!(
            drafted_lede(
                counts,
                "the Secretary",
                Some("June 25, 2012"),
                "Aid",
                Language::English
            ),
            "On June 25, 2012, 4 U.S. and 8 Mexican organizations sent a memo to the Secretary on \u{201c}Aid\u{201d}."
        );
        assert_eq!(
            drafted_lede(counts, "el Secretario", None, "", Language::Spanish),
            "4 organizaciones estadounidenses y 8 mexicanas enviaron un memorándum a el Secretario."
        );
        let one = Counts {
            us: 0,
            mexico: 1,
            other: 0,
        };
        assert_eq!(
            organizations(one, Language::Spanish),
            "1 organización mexicana"
        );
        assert_eq!(
            organizations(one, Language::English),
            "1 Mexican organization"
        );
    }
}
