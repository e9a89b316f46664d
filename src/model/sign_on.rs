//! Where an organization stands in the sign-on: the status names, in one place for the
//! editor, the command line and CSV; and status changes that keep the dates consistent.

use jiff::civil::Date;

use super::{SignOnStatus, Signatory, fold_name};

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

impl Signatory {
    /// Moves to `status`, keeping the dates of the sign-on consistent with it:
    ///
    /// - `Invited`: not signed (the signed and withdrawn dates go); invited `today` unless
    ///   an invitation date is recorded.
    /// - `Confirmed`: signed `today` unless a signed date is recorded; a signature after a
    ///   withdrawal is a new one, signed `today`. No withdrawal date.
    /// - `Declined`: not signed, not withdrawn (those dates go).
    /// - `Withdrawn`: withdrawn `today`; the signed date stays as the history of what was
    ///   withdrawn (only confirmed organizations print, so it never prints).
    ///
    /// The invitation date is always kept: it is history whatever came after. Setting
    /// the status the entry already has changes nothing.
    pub fn set_status(&mut self, status: SignOnStatus, today: Date) {
        if status == self.status {
            return;
        }
        match status {
            SignOnStatus::Invited => {
                self.signed = None;
                self.withdrawn = None;
                self.invited = self.invited.or(Some(today));
            }
            SignOnStatus::Confirmed => {
                if self.status == SignOnStatus::Withdrawn {
                    self.signed = None;
                }
                self.signed = self.signed.or(Some(today));
                self.withdrawn = None;
            }
            SignOnStatus::Declined => {
                self.signed = None;
                self.withdrawn = None;
            }
            SignOnStatus::Withdrawn => self.withdrawn = Some(today),
        }
        self.status = status;
    }

    /// Whether the dates fit the status as [`Signatory::set_status`] keeps them: only a
    /// confirmed or withdrawn entry has a signed date, only a withdrawn one a withdrawal
    /// date, and a confirmed one has a signed date.
    pub fn dates_consistent(&self) -> bool {
        match self.status {
            SignOnStatus::Invited | SignOnStatus::Declined => {
                self.signed.is_none() && self.withdrawn.is_none()
            }
            SignOnStatus::Confirmed => self.signed.is_some() && self.withdrawn.is_none(),
            SignOnStatus::Withdrawn => self.withdrawn.is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SignOnStatus::{Confirmed, Declined, Invited, Withdrawn};

    fn day(d: i8) -> Date {
        jiff::civil::date(2026, 11, d)
    }

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

    #[test]
    fn a_declined_or_invited_entry_keeps_no_signed_date() {
        let mut s = Signatory {
            status: Confirmed,
            signed: Some(day(5)),
            invited: Some(day(1)),
            ..Signatory::default()
        };
        s.set_status(Declined, day(9));
        assert_eq!((s.status, s.signed, s.withdrawn), (Declined, None, None));
        assert_eq!(s.invited, Some(day(1)), "the invitation is history");
        s.set_status(Invited, day(10));
        assert_eq!((s.signed, s.invited), (None, Some(day(1))));
        s.set_status(Confirmed, day(12));
        assert_eq!(s.signed, Some(day(12)));
    }

    #[test]
    fn confirming_keeps_a_recorded_signature_and_dates_a_new_one() {
        let mut s = Signatory::default();
        s.set_status(Confirmed, day(3));
        assert_eq!(s.signed, Some(day(3)));
        s.set_status(Confirmed, day(4));
        assert_eq!(s.signed, Some(day(3)), "the same status changes nothing");
        s.set_status(Withdrawn, day(8));
        assert_eq!((s.signed, s.withdrawn), (Some(day(3)), Some(day(8))));
        s.set_status(Confirmed, day(20));
        assert_eq!(
            (s.signed, s.withdrawn),
            (Some(day(20)), None),
            "signing again after withdrawing is a new signature"
        );
    }

    #[test]
    fn any_sequence_of_changes_leaves_consistent_dates() {
        let mut s = Signatory {
            status: Confirmed,
            signed: Some(day(1)),
            ..Signatory::default()
        };
        // Every pair of statuses, in both orders.
        for (n, from) in SignOnStatus::ALL.into_iter().enumerate() {
            for to in SignOnStatus::ALL {
                let today = day(i8::try_from(n).unwrap() + 2);
                s.set_status(from, today);
                assert!(s.dates_consistent(), "{from:?}: {s:?}");
                s.set_status(to, today);
                assert!(s.dates_consistent(), "{from:?} -> {to:?}: {s:?}");
            }
        }
    }
}
