use jiff::civil::date;

use super::*;
use crate::model::Placement;
use crate::model::{Contact, SignOnStatus};

fn base() -> Memo {
    let mut memo = crate::generate::memo(7, 4, 6);
    memo.findings[1].evidence = "First.\n\nSecond.\n\nThird.".into();
    memo.number_recipients();
    memo
}

fn signatory(name: &str, status: SignOnStatus, signed: Option<Date>) -> Signatory {
    Signatory {
        organization: name.to_owned(),
        status,
        signed,
        ..Signatory::default()
    }
}

#[test]
fn edits_to_different_findings_and_two_new_signatories_merge_cleanly() {
    let base = base();
    let mut ours = base.clone();
    ours.findings[0].title = "Ours".into();
    ours.signatories
        .push(signatory("Fundar", SignOnStatus::Confirmed, None));
    let mut theirs = base.clone();
    theirs.findings[2].evidence = "Theirs.".into();
    theirs
        .signatories
        .push(signatory("Centro Prodh", SignOnStatus::Confirmed, None));
    let m = merge(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(m.findings[0].title, "Ours");
    assert_eq!(m.findings[2].evidence, "Theirs.");
    let names: Vec<&str> = m
        .signatories
        .iter()
        .map(|s| s.organization.as_str())
        .collect();
    assert!(
        names.contains(&"Fundar") && names.contains(&"Centro Prodh"),
        "{names:?}"
    );
    assert_eq!(names.len(), base.signatories.len() + 2);
    // And the other way round, the same records.
    let n = merge(&base, &theirs, &ours);
    assert_eq!(n.findings, m.findings);
    assert_eq!(n.signatories.len(), m.signatories.len());
}

#[test]
fn different_paragraphs_of_one_evidence_are_both_kept() {
    let base = base();
    let mut ours = base.clone();
    ours.findings[1].evidence = "First, sharper.\n\nSecond.\n\nThird.".into();
    let mut theirs = base.clone();
    theirs.findings[1].evidence = "First.\n\nSecond.\n\nThird, with a source.".into();
    let m = merge(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty());
    assert_eq!(
        m.findings[1].evidence,
        "First, sharper.\n\nSecond.\n\nThird, with a source."
    );
}

#[test]
fn the_same_paragraph_edited_twice_is_recorded_and_resolved_by_choice() {
    let base = base();
    let mut ours = base.clone();
    ours.findings[1].evidence = "First.\n\nSecond (ours).\n\nThird.".into();
    let mut theirs = base.clone();
    theirs.findings[1].evidence = "First.\n\nSecond (theirs).\n\nThird.".into();
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.findings[1].evidence, ours.findings[1].evidence);
    let c = &m.conflicts[0];
    assert_eq!(c.fields, vec!["evidence, paragraph 2".to_owned()]);
    assert_eq!(
        c.describe(&m),
        "finding 2: evidence, paragraph 2 changed on both sides"
    );
    let issues = m.check_on(date(2026, 3, 3));
    assert!(
        issues
            .iter()
            .any(|i| i.severity == crate::model::Severity::Error
                && i.message.contains("merge conflict: finding 2")
                && i.part == Part::Finding(m.findings[1].id)),
        "{issues:?}"
    );
    let mut theirs_chosen = m.clone();
    theirs_chosen.resolve_conflict(0, Choice::Theirs);
    assert_eq!(
        theirs_chosen.findings[1].evidence,
        theirs.findings[1].evidence
    );
    assert!(theirs_chosen.conflicts.is_empty());
    let mut ours_chosen = m;
    ours_chosen.resolve_conflict(0, Choice::Ours);
    assert_eq!(ours_chosen.findings[1].evidence, ours.findings[1].evidence);
}

#[test]
fn removed_on_one_side_and_edited_on_the_other_keeps_it_and_records_it() {
    let base = base();
    let mut ours = base.clone();
    let gone = ours.quotes.remove(0);
    let mut theirs = base.clone();
    theirs.quotes[0].text = "Edited.".into();
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1);
    assert!(m.conflicts[0].ours.is_none());
    assert!(
        m.quotes
            .iter()
            .any(|q| q.id == gone.id && q.text == "Edited.")
    );
    let mut chosen = m;
    chosen.resolve_conflict(0, Choice::Ours);
    assert!(chosen.quotes.iter().all(|q| q.id != gone.id));
    // Removed on one side and untouched on the other: removed, no conflict.
    let m = merge(&base, &ours, &base);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.quotes, ours.quotes);
}

#[test]
fn a_reorder_on_one_side_and_an_edit_on_the_other_are_both_kept() {
    let base = base();
    let mut ours = base.clone();
    ours.findings.reverse();
    let mut theirs = base.clone();
    theirs.findings[0].title = "Edited".into();
    theirs.findings.push(Finding {
        id: base.next_finding_id(),
        title: "New".to_owned(),
        ..Finding::default()
    });
    let m = merge(&base, &ours, &theirs);
    let ids: Vec<u32> = m.findings.iter().map(|f| f.id.0).collect();
    // Ours' order; their addition follows the finding it follows there (4, first now).
    assert_eq!(ids, [4, 5, 3, 2, 1]);
    assert!(m.conflicts.is_empty());
    assert!(m.findings.iter().any(|f| f.title == "Edited"));
}

#[test]
fn sign_on_merges_by_date_and_never_loses_a_withdrawal() {
    let mut base = Memo::default();
    base.signatories
        .push(signatory("Fundar", SignOnStatus::Invited, None));
    let with = |status, signed: Option<Date>, withdrawn: Option<Date>| {
        let mut m = base.clone();
        m.signatories[0].status = status;
        m.signatories[0].signed = signed;
        m.signatories[0].withdrawn = withdrawn;
        m
    };
    let confirmed = with(SignOnStatus::Confirmed, Some(date(2026, 11, 5)), None);
    let withdrawn = with(
        SignOnStatus::Withdrawn,
        Some(date(2026, 11, 1)),
        Some(date(2026, 11, 2)),
    );
    for (a, b) in [(&confirmed, &withdrawn), (&withdrawn, &confirmed)] {
        let m = merge(&base, a, b);
        assert_eq!(m.signatories[0].status, SignOnStatus::Withdrawn);
        assert!(m.conflicts.is_empty());
    }
    let received = with(SignOnStatus::Received, Some(date(2026, 11, 9)), None);
    let m = merge(&base, &confirmed, &received);
    assert_eq!(
        m.signatories[0].status,
        SignOnStatus::Received,
        "the later date wins"
    );
    // Both moved on from the invitation; one of them confirmed the form's entry, which
    // keeps its date.
    let received_same_day = with(SignOnStatus::Received, Some(date(2026, 11, 5)), None);
    for (a, b) in [
        (&confirmed, &received_same_day),
        (&received_same_day, &confirmed),
    ] {
        let m = merge(&base, a, b);
        assert_eq!(m.signatories[0].status, SignOnStatus::Confirmed);
        assert!(m.conflicts.is_empty());
    }
    let declined = with(SignOnStatus::Declined, None, None);
    let m = merge(&base, &confirmed, &declined);
    assert_eq!(
        m.conflicts.len(),
        1,
        "confirmed against declined is a choice"
    );
    assert_eq!(m.conflicts[0].fields, vec!["status".to_owned()]);
}

#[test]
fn signatories_match_by_folded_name_or_email() {
    let mut base = Memo::default();
    let mut s = signatory("Agustín Pro Juárez, A.C.", SignOnStatus::Invited, None);
    s.contacts.push(Contact {
        name: "Ana".to_owned(),
        email: "ana@example.org".to_owned(),
    });
    base.signatories.push(s);
    let mut ours = base.clone();
    ours.signatories[0].organization = "Centro Prodh".into();
    let mut theirs = base.clone();
    theirs.signatories[0].city = "Ciudad de México".into();
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.signatories.len(), 1, "{:?}", m.signatories);
    assert_eq!(m.signatories[0].organization, "Centro Prodh");
    assert_eq!(m.signatories[0].city, "Ciudad de México");
}

#[test]
fn differences_list_each_changed_part_and_accepting_them_all_gives_the_copy() {
    let ours = base();
    let mut theirs = ours.clone();
    theirs.subject = "A new subject".into();
    theirs.findings[1].evidence = "First.\n\nChanged.\n\nThird.".into();
    theirs.quotes.remove(1);
    theirs
        .signatories
        .push(signatory("Fundar", SignOnStatus::Confirmed, None));
    theirs.recommendations[0].addressee = "To Congress".into();
    theirs.to[0].title = "Secretary".into();
    let diffs = differences(&ours, &theirs);
    let words: Vec<String> = diffs.iter().map(|d| d.describe(&ours)).collect();
    assert_eq!(diffs.len(), 6, "{words:?}");
    assert!(
        words.contains(&"finding 2: evidence changed".to_owned()),
        "{words:?}"
    );
    assert!(
        words.contains(&"signatory \"Fundar\" added".to_owned()),
        "{words:?}"
    );
    let mut accepted = ours.clone();
    for d in &diffs {
        accepted.accept(d);
    }
    assert_eq!(accepted, theirs);
    assert!(differences(&ours, &ours).is_empty());
}

#[test]
fn a_finding_each_side_added_under_the_same_new_id_is_two_findings() {
    let base = base();
    let id = base.next_finding_id();
    let mut ours = base.clone();
    ours.findings.push(Finding {
        id,
        title: "Ours".into(),
        ..Finding::default()
    });
    let mut theirs = base.clone();
    theirs.findings.push(Finding {
        id,
        title: "Theirs".into(),
        ..Finding::default()
    });
    let quote = theirs.next_quote_id();
    theirs.quotes.push(Quote {
        id: quote,
        text: "Under theirs.".into(),
        placement: Placement::Finding(id),
        ..Quote::default()
    });
    theirs.set_translation(
        crate::model::Language::Spanish,
        crate::model::Passage::FindingTitle(id),
        "Suyo".into(),
    );
    let m = merge(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let titles: Vec<&str> = m.findings.iter().map(|f| f.title.as_str()).collect();
    assert!(titles.ends_with(&["Ours", "Theirs"]), "{titles:?}");
    let theirs_id = m
        .findings
        .iter()
        .find(|f| f.title == "Theirs")
        .map(|f| f.id);
    assert_ne!(theirs_id, Some(id));
    let placed = m
        .quotes
        .iter()
        .find(|q| q.text == "Under theirs.")
        .map(|q| q.placement);
    assert_eq!(
        placed,
        theirs_id.map(Placement::Finding),
        "their quote follows their finding"
    );
    let spanish = m.translated(
        crate::model::Language::Spanish,
        crate::model::Passage::FindingTitle(theirs_id.unwrap()),
    );
    assert_eq!(spanish.map(|t| t.text.as_str()), Some("Suyo"));
    // The same finding added on both sides is one.
    let m = merge(&base, &ours, &ours);
    assert_eq!(m.findings, ours.findings);
}

#[test]
fn a_hand_edited_conflict_of_the_wrong_kind_changes_nothing_when_chosen() {
    let mut memo = base();
    let id = memo.findings[0].id;
    memo.conflicts.push(Conflict {
        place: Place::Finding(id),
        theirs: Some(Value::Text("not a finding".into())),
        ..Conflict::default()
    });
    let before = memo.findings.clone();
    memo.resolve_conflict(0, Choice::Theirs);
    assert_eq!(memo.findings, before);
    assert!(memo.conflicts.is_empty());
}
