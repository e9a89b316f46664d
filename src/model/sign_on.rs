//! Where an organization stands in the sign-on: the status names, in one place for the
//! editor, the command line and CSV.

use super::{SignOnStatus, fold_name};

impl SignOnStatus {
    pub const ALL: [Self; 4] = [
        Self::Invited,
        Self::Confirmed,
        Self::Declined,
        Self::Withdrawn,
    ];

    /// The status as the editor, the command line and exported CSV name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Invited => "Invited",
            Self::Confirmed => "Confirmed",
            Self::Declined => "Declined",
            Self::Withdrawn => "Withdrawn",
        }
    }

    /// The status a word names, as people write it in forms and spreadsheets: the
    /// labels in any case, their Spanish forms, and form answers ("yes", "pending").
    pub fn parse(word: &str) -> Option<Self> {
        Some(match fold_name(word).as_str() {
            "confirmed" | "confirmada" | "confirmado" | "signed" | "yes" | "si" => Self::Confirmed,
            "invited" | "invitada" | "invitado" | "pending" | "pendiente" => Self::Invited,
            "declined" | "declinada" | "declinado" | "no" => Self::Declined,
            "withdrawn" | "retirada" | "retirado" => Self::Withdrawn,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SignOnStatus::{Confirmed, Invited, Withdrawn};

    #[test]
    fn labels_parse_back_and_spanish_and_form_answers_are_understood() {
        for status in SignOnStatus::ALL {
            assert_eq!(SignOnStatus::parse(status.label()), Some(status));
            assert_eq!(
                SignOnStatus::parse(&status.label().to_uppercase()),
                Some(status)
            );
        }
        assert_eq!(SignOnStatus::parse("Sí"), Some(Confirmed));
        assert_eq!(SignOnStatus::parse(" Retirada "), Some(Withdrawn));
        assert_eq!(SignOnStatus::parse("pendiente"), Some(Invited));
        assert_eq!(SignOnStatus::parse("maybe"), None);
    }
}
