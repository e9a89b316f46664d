//! Validation: `Memo::check_on` lists what would embarrass the memo in print, and where.

use std::collections::HashMap;

use jiff::civil::Date;

use super::text::{fold_name, is_allowed_url, links};
use super::{Memo, Part, Passage, Placement, SignOnStatus};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Prints, but probably not as meant.
    Warning,
    /// Missing or broken: fix before sending.
    Error,
}

/// One problem found by [`Memo::check_on`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub severity: Severity,
    /// Where the problem is, for jumping to it.
    pub part: Part,
    /// A sentence naming the place and the problem.
    pub message: String,
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: {}", self.message)
    }
}

impl Memo {
    /// Everything that looks wrong, errors first, each with where it is. `today` is for
    /// the plausibility of dates: a memo dated more than a year from it is probably a typo.
    /// Content problems (a quote without attribution, a quote under a removed finding) are
    /// reported here only; layout reports what only layout knows (an overlong quote).
    pub fn check_on(&self, today: Date) -> Vec<Issue> {
        let mut issues = Vec::new();
        let mut error = |part, message: String| {
            issues.push(Issue {
                severity: Severity::Error,
                part,
                message,
            });
        };
        if self.to.is_empty() {
            error(Part::To(0), "the memo has no TO recipients".to_owned());
        }
        if self.subject.trim().is_empty() {
            error(Part::Subject, "the subject is empty".to_owned());
        }
        for (part, message) in self.conflict_problems() {
            error(part, message);
        }
        // The accessible PDF says what every logo shows, or that it shows nothing.
        for (n, logo) in self.letterhead.logos.iter().enumerate() {
            if logo.lacks_alt() {
                error(
                    Part::Letterhead,
                    format!(
                        "letterhead logo {} has no alt text: give it one (what a screen reader says, usually the organization's name) or mark it decorative",
                        n + 1
                    ),
                );
            }
        }
        for (i, s) in self.signatories.iter().enumerate() {
            if s.logo.as_ref().is_some_and(super::Logo::lacks_alt)
                && s.status == super::SignOnStatus::Confirmed
                && self.sign_on.logo_grid
            {
                error(
                    Part::Signatory(i),
                    format!(
                        "the logo of {} has no alt text: give it one or mark it decorative",
                        s.organization.trim()
                    ),
                );
            }
        }
        let mut warnings: Vec<Issue> = Vec::new();
        let mut warn = |part, message: String| {
            warnings.push(Issue {
                severity: Severity::Warning,
                part,
                message,
            });
        };
        match self.date {
            None => warn(Part::Date, "the memo has no date".to_owned()),
            Some(date) => {
                if let Some(message) = implausible_date(date, today) {
                    warn(Part::Date, message);
                }
            }
        }
        if self.from_line().is_empty() {
            warn(
                Part::From,
                "the FROM line is empty and no confirmed signatory is marked lead".to_owned(),
            );
        }
        for (list, recipients, part) in [
            ("TO", &self.to, Part::To as fn(usize) -> Part),
            ("CC", &self.cc, Part::Cc),
        ] {
            for (i, r) in recipients.iter().enumerate() {
                if r.line().is_empty() {
                    warn(part(i), format!("{list} recipient {} is empty", i + 1));
                }
            }
        }
        let check_links = |part: Part, place: &str, text: &str, issues: &mut Vec<Issue>| {
            for url in links(text) {
                if !is_allowed_url(&url) {
                    issues.push(Issue {
                        severity: Severity::Error,
                        part,
                        message: format!(
                            "{place}: the link \"{url}\" is not an http, https or mailto address"
                        ),
                    });
                }
            }
        };
        check_links(
            Part::Introduction,
            "introduction",
            &self.introduction,
            &mut issues,
        );
        for (n, finding) in self.findings.iter().enumerate() {
            let place = format!("finding {} (\"{}\")", n + 1, finding.title.trim());
            if finding.title.trim().is_empty() && finding.evidence.trim().is_empty() {
                issues.push(Issue {
                    severity: Severity::Error,
                    part: Part::Finding(finding.id),
                    message: format!("finding {} is empty", n + 1),
                });
                continue;
            }
            if finding.title.trim().is_empty() {
                issues.push(Issue {
                    severity: Severity::Error,
                    part: Part::Finding(finding.id),
                    message: format!("finding {} has no title", n + 1),
                });
            }
            if finding.evidence.trim().is_empty() {
                warn(
                    Part::Finding(finding.id),
                    format!("{place} has no evidence"),
                );
            }
            check_links(
                Part::Finding(finding.id),
                &place,
                &finding.evidence,
                &mut issues,
            );
        }
        for (n, quote) in self.quotes.iter().enumerate() {
            let part = Part::Quote(quote.id);
            let place = format!("quote {}", n + 1);
            if quote.text.trim().is_empty() {
                issues.push(Issue {
                    severity: Severity::Error,
                    part,
                    message: format!("{place} has no text"),
                });
            }
            if quote.attribution.trim().is_empty() {
                issues.push(Issue {
                    severity: Severity::Error,
                    part,
                    message: format!("{place} has no attribution: say who said it"),
                });
            }
            if !quote.url.trim().is_empty() && !is_allowed_url(&quote.url) {
                issues.push(Issue {
                    severity: Severity::Error,
                    part,
                    message: format!(
                        "{place}: the source URL \"{}\" is not an http, https or mailto address",
                        quote.url.trim()
                    ),
                });
            }
            if let Placement::Finding(id) = quote.placement
                && self.finding(id).is_none()
            {
                warn(
                    part,
                    format!(
                        "{place}{} is placed under a finding that was removed; it will not print until you move it to a finding or the introduction, or remove it",
                        opening(&quote.text)
                    ),
                );
            }
        }
        for (n, rec) in self.recommendations.iter().enumerate() {
            if rec.text.trim().is_empty() {
                warn(
                    Part::Recommendation(n),
                    format!("recommendation {} is empty", n + 1),
                );
            }
            check_links(
                Part::Recommendation(n),
                &format!("recommendation {}", n + 1),
                &rec.text,
                &mut issues,
            );
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, s) in self.signatories.iter().enumerate() {
            let name = s.organization.trim();
            if name.is_empty() {
                issues.push(Issue {
                    severity: Severity::Error,
                    part: Part::Signatory(i),
                    message: format!("signatory {} has no organization name", i + 1),
                });
                continue;
            }
            let folded = fold_name(name);
            if let Some(&first) = seen.get(&folded) {
                warn(
                    Part::Signatory(i),
                    format!(
                        "signatory {} \"{name}\" duplicates signatory {}",
                        i + 1,
                        first + 1
                    ),
                );
            } else {
                seen.insert(folded, i);
            }
            if let (Some(signed), Some(date)) = (s.signed, self.date)
                && signed > date
            {
                warn(
                    Part::Signatory(i),
                    format!("\"{name}\" signed on {signed}, after the memo's date ({date})"),
                );
            }
            if s.status == SignOnStatus::Received {
                warn(
                    Part::Signatory(i),
                    format!(
                        "\"{name}\" was received through the sign-on form and not reviewed yet; it will not print until someone confirms it"
                    ),
                );
            }
            if s.status == SignOnStatus::Invited {
                warn(
                    Part::Signatory(i),
                    format!("\"{name}\" is still invited and will not print until confirmed"),
                );
            }
            for email in s.contacts.iter().map(|c| c.email.trim()) {
                if !email.is_empty() && !super::untrusted::is_email(email) {
                    warn(
                        Part::Signatory(i),
                        format!("\"{name}\": the contact email \"{email}\" is not an address"),
                    );
                }
            }
        }
        for language in self.translation_languages() {
            let part = Part::Translation(language);
            let name = language.name();
            let status = self.translation_status(language);
            if !status.missing.is_empty() {
                warn(
                    part,
                    format!(
                        "{name} translation: {} missing, printed in {} instead: {}",
                        count(status.missing.len(), "passage"),
                        self.language.name(),
                        self.describe_passages(&status.missing)
                    ),
                );
            }
            if !status.stale.is_empty() {
                warn(
                    part,
                    format!(
                        "{name} translation: {} stale (the {} changed since): {}",
                        count(status.stale.len(), "passage"),
                        self.language.name(),
                        self.describe_passages(&status.stale)
                    ),
                );
            }
            for (passage, _) in self.passages() {
                if let Some(t) = self.translated(language, passage) {
                    let place = format!("{name} translation of {}", passage.describe(self));
                    check_links(part, &place, &t.text, &mut issues);
                }
            }
        }
        if let Some(release) = &self.release {
            for quote in release.featured_quotes(self) {
                if quote.attribution.trim().is_empty() {
                    let n = self
                        .quotes
                        .iter()
                        .position(|q| q.id == quote.id)
                        .unwrap_or(0);
                    warn(
                        Part::Release,
                        format!(
                            "the press release features quote {}{}, which has no attribution: add one in Quotes, or feature another quote",
                            n + 1,
                            opening(&quote.text)
                        ),
                    );
                }
            }
            if release.contacts.iter().all(super::MediaContact::is_empty) {
                warn(
                    Part::Release,
                    "the press release has no media contact: add one in the Press release section"
                        .to_owned(),
                );
            }
        }
        issues.extend(warnings);
        issues
    }

    /// "Subject, Finding 2 evidence and 3 more": passages named in one line.
    pub fn describe_passages(&self, passages: &[Passage]) -> String {
        const SHOWN: usize = 6;
        let mut names: Vec<String> = passages
            .iter()
            .take(SHOWN)
            .map(|p| p.describe(self))
            .collect();
        if passages.len() > SHOWN {
            names.push(format!("and {} more", passages.len() - SHOWN));
        }
        names.join(", ")
    }
}

/// "1 passage", "3 passages".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Why `date` looks like a typo, if it is more than a year away from `today`.
fn implausible_date(date: Date, today: Date) -> Option<String> {
    let year = jiff::Span::new().years(1);
    if today.checked_add(year).is_ok_and(|limit| date > limit) {
        return Some(format!(
            "the memo is dated {date}, more than a year after today ({today})"
        ));
    }
    if today.checked_sub(year).is_ok_and(|limit| date < limit) {
        return Some(format!(
            "the memo is dated {date}, more than a year before today ({today})"
        ));
    }
    None
}

/// ` ("We want to know where…")`: the start of a quote, so the user knows which one.
fn opening(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    let mut words = text.split_whitespace();
    let start: Vec<&str> = words.by_ref().take(6).collect();
    let more = if words.next().is_some() {
        "\u{2026}"
    } else {
        ""
    };
    format!(" (\"{}{more}\")", start.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Finding, FindingId, Quote, QuoteId, Recipient, Signatory};

    const TODAY: Date = jiff::civil::date(2026, 3, 10);

    fn valid() -> Memo {
        Memo {
            to: vec![Recipient {
                name: "Hon. A. Secretary".into(),
                ..Default::default()
            }],
            subject: "Conditions on security aid".into(),
            from: "The Coalition".into(),
            date: Some(jiff::civil::date(2026, 3, 3)),
            ..Default::default()
        }
    }

    #[test]
    fn a_release_without_contacts_or_with_an_unattributed_quote_is_warned_about() {
        let mut memo = valid();
        assert!(memo.check_on(TODAY).is_empty(), "no release, no warnings");
        memo.release = Some(crate::model::Release::default());
        let issues = memo.check_on(TODAY);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].part, Part::Release);
        assert!(issues[0].message.contains("no media contact"));
        memo.quotes.push(Quote {
            id: QuoteId(4),
            text: "We dig with our own hands.".into(),
            ..Default::default()
        });
        memo.release = Some(crate::model::Release {
            contacts: vec![crate::model::MediaContact {
                name: "Ana".into(),
                ..Default::default()
            }],
            ..Default::default()
        });
        let release: Vec<Issue> = memo
            .check_on(TODAY)
            .into_iter()
            .filter(|i| i.part == Part::Release)
            .collect();
        assert_eq!(release.len(), 1, "{release:?}");
        assert!(release[0].message.contains("features quote 1"));
        assert!(release[0].message.contains("no attribution"));
        // Featuring another quote instead ends the warning.
        if let Some(r) = memo.release.as_mut() {
            r.featured = Some(Vec::new());
        }
        assert!(memo.check_on(TODAY).iter().all(|i| i.part != Part::Release));
    }

    #[test]
    fn a_complete_memo_has_no_problems() {
        assert_eq!(valid().check_on(TODAY), vec![]);
    }

    #[test]
    fn missing_recipients_and_subject_are_errors() {
        let memo = Memo {
            to: vec![],
            subject: " ".into(),
            ..valid()
        };
        let issues = memo.check_on(TODAY);
        assert!(
            issues
                .iter()
                .any(|i| i.part == Part::To(0) && i.severity == Severity::Error)
        );
        assert!(
            issues
                .iter()
                .any(|i| i.part == Part::Subject && i.severity == Severity::Error)
        );
    }

    #[test]
    fn quote_problems_point_at_the_quote() {
        let mut memo = valid();
        memo.quotes.push(Quote {
            id: QuoteId(7),
            text: "We want to know where they are.".into(),
            url: "file:///home/me/secret.txt".into(),
            placement: Placement::Finding(FindingId(99)),
            ..Default::default()
        });
        let issues: Vec<_> = memo
            .check_on(TODAY)
            .into_iter()
            .filter(|i| i.part == Part::Quote(QuoteId(7)))
            .collect();
        assert_eq!(issues.len(), 3, "{issues:#?}");
        assert!(issues.iter().any(|i| i.message.contains("attribution")));
        assert!(
            issues
                .iter()
                .any(|i| i.message.contains("file:///home/me/secret.txt"))
        );
        assert!(
            issues
                .iter()
                .any(|i| i.message.contains("finding that was removed"))
        );
    }

    #[test]
    fn duplicate_signatories_fold_accents_case_and_punctuation() {
        let mut memo = valid();
        for name in [
            "Centro Agustín Pro Juárez, A.C.",
            "Tlachinollan",
            "CENTRO AGUSTIN PRO JUAREZ AC",
        ] {
            memo.signatories.push(Signatory {
                organization: name.into(),
                status: SignOnStatus::Confirmed,
                ..Default::default()
            });
        }
        let dups: Vec<_> = memo
            .check_on(TODAY)
            .into_iter()
            .filter(|i| i.message.contains("duplicates"))
            .collect();
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].part, Part::Signatory(2));
    }

    #[test]
    fn invited_signatories_are_flagged_and_empty_findings_are_errors() {
        let mut memo = valid();
        memo.signatories.push(Signatory {
            organization: "Late Org".into(),
            ..Default::default()
        });
        memo.findings.push(Finding {
            id: FindingId(1),
            ..Default::default()
        });
        let issues = memo.check_on(TODAY);
        assert!(
            issues
                .iter()
                .any(|i| i.part == Part::Signatory(0) && i.message.contains("still invited"))
        );
        assert!(
            issues
                .iter()
                .any(|i| i.part == Part::Finding(FindingId(1)) && i.severity == Severity::Error)
        );
    }

    #[test]
    fn forms_not_reviewed_yet_and_emails_that_are_not_addresses_are_warnings() {
        let mut memo = valid();
        memo.signatories.push(Signatory {
            organization: "Colectivo Nube".into(),
            status: SignOnStatus::Received,
            contacts: vec![crate::model::Contact {
                name: "Pedro".into(),
                email: "pedro@nube".into(),
            }],
            ..Default::default()
        });
        let issues = memo.check_on(TODAY);
        let messages: Vec<_> = issues.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "\"Colectivo Nube\" was received through the sign-on form and not reviewed yet; it will not print until someone confirms it",
                "\"Colectivo Nube\": the contact email \"pedro@nube\" is not an address",
            ]
        );
        assert!(
            issues
                .iter()
                .all(|i| i.severity == Severity::Warning && i.part == Part::Signatory(0))
        );
    }

    #[test]
    fn a_quote_under_a_removed_finding_is_reported_once_at_the_quote() {
        let mut memo = valid();
        memo.quotes.push(Quote {
            id: QuoteId(3),
            text: "We want to know where they are, all of them.".into(),
            attribution: "A mother".into(),
            placement: Placement::Finding(FindingId(42)),
            ..Default::default()
        });
        let issues = memo.check_on(TODAY);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(issues[0].part, Part::Quote(QuoteId(3)));
        assert_eq!(issues[0].severity, Severity::Warning);
        assert_eq!(
            issues[0].message,
            "quote 1 (\"We want to know where they\u{2026}\") is placed under a finding that was removed; it will not print until you move it to a finding or the introduction, or remove it"
        );
    }

    #[test]
    fn dates_more_than_a_year_away_and_late_signatures_are_warnings() {
        for (date, expect) in [
            (jiff::civil::date(2025, 3, 10), None),
            (
                jiff::civil::date(2025, 3, 9),
                Some("more than a year before today"),
            ),
            (jiff::civil::date(2027, 3, 10), None),
            (
                jiff::civil::date(2027, 3, 11),
                Some("more than a year after today"),
            ),
        ] {
            let memo = Memo {
                date: Some(date),
                ..valid()
            };
            let issues = memo.check_on(TODAY);
            match expect {
                None => assert_eq!(issues, vec![], "{date}"),
                Some(words) => {
                    assert_eq!(issues.len(), 1, "{date}: {issues:#?}");
                    assert_eq!(issues[0].part, Part::Date);
                    assert_eq!(issues[0].severity, Severity::Warning);
                    assert!(issues[0].message.contains(words), "{}", issues[0].message);
                }
            }
        }

        let mut memo = valid();
        for (name, day) in [("On time", 3), ("Late", 4)] {
            memo.signatories.push(Signatory {
                organization: name.into(),
                status: SignOnStatus::Confirmed,
                signed: Some(jiff::civil::date(2026, 3, day)),
                ..Default::default()
            });
        }
        let issues = memo.check_on(TODAY);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(issues[0].part, Part::Signatory(1));
        assert_eq!(
            issues[0].message,
            "\"Late\" signed on 2026-03-04, after the memo's date (2026-03-03)"
        );
    }
}
