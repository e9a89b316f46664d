//! The editor's compare view: a partner's copy with six assorted edits, each listed,
//! Accept all giving the copy back (one undo step); and a conflict a merge recorded,
//! resolved by choosing theirs.

use std::fs;

use egui_kittest::kittest::{Queryable, by};
use memodraft::model::{Memo, SignOnStatus, Signatory, merge};
use memodraft::storage;
use memodraft::ui::Command;

use crate::editor::{click, config, harness};

fn shows(h: &egui_kittest::Harness<'_, memodraft::ui::App>, text: &str) -> bool {
    h.query_all(by().label_contains(text)).next().is_some()
}

/// The sample with six edits of different kinds.
fn six_edits(sample: &Memo) -> Memo {
    let mut copy = sample.clone();
    copy.subject = "A sharper subject".into();
    copy.findings[1].evidence = format!(
        "{}\n\nA new paragraph from a partner.",
        copy.findings[1].evidence
    );
    copy.quotes.remove(1);
    copy.signatories.push(Signatory {
        organization: "Fundar, Centro de Análisis e Investigación".to_owned(),
        status: SignOnStatus::Confirmed,
        signed: Some(jiff::civil::date(2026, 11, 21)),
        ..Signatory::default()
    });
    copy.recommendations[0].addressee = "To the Congress".into();
    copy.to[0].title = "Secretary".into();
    copy
}

#[test]
fn comparing_with_a_copy_lists_its_six_edits_and_accept_all_gives_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    let sample = storage::sample().unwrap();
    fs::write(&draft, storage::to_ron(&sample)).unwrap();
    let copy = six_edits(&sample);
    let other = dir.path().join("memo (Rosa's conflicted copy).ron");
    fs::write(&other, storage::to_ron(&copy)).unwrap();

    let mut c = config(dir.path());
    c.open = Some(draft);
    let mut h = harness(c);
    h.state_mut().queue(Command::CompareWith(other));
    h.run();
    assert!(shows(&h, "6 differences"));
    for listed in [
        "the subject changed",
        "finding 2: evidence changed",
        "quote 2 removed",
        "signatory \"Fundar, Centro de Análisis e Investigación\" added",
        "recommendation 1: addressee changed",
        "TO recipient 1: title changed",
    ] {
        assert!(shows(&h, listed), "{listed} is listed");
    }
    // Their paragraph is shown beside ours.
    assert!(shows(&h, "A new paragraph from a partner."));
    click(&mut h, "Accept all");
    assert_eq!(h.state().memo(), &copy);
    assert!(shows(&h, "0 differences"));
    h.state_mut().queue(Command::Undo);
    h.run();
    assert_eq!(h.state().memo(), &sample, "one undo step gives ours back");
}

#[test]
fn a_recorded_conflict_is_listed_and_resolved_by_choosing_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let base = storage::sample().unwrap();
    let mut ours = base.clone();
    ours.findings[1].evidence = "Our version of the paragraph.".into();
    let mut theirs = base.clone();
    theirs.findings[1].evidence = "Their version of the paragraph.".into();
    let merged = merge::merge(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 1);
    let draft = dir.path().join("memo.ron");
    fs::write(&draft, storage::to_ron(&merged)).unwrap();

    let mut c = config(dir.path());
    c.open = Some(draft);
    let mut h = harness(c);
    assert!(shows(
        &h,
        "merge conflict: finding 2: evidence, paragraph 1 changed on both sides"
    ));
    click(&mut h, "Resolve merge conflicts…");
    assert!(shows(&h, "Our version of the paragraph."));
    assert!(shows(&h, "Their version of the paragraph."));
    click(&mut h, "Use theirs");
    assert_eq!(
        h.state().memo().findings[1].evidence,
        "Their version of the paragraph."
    );
    assert!(h.state().memo().conflicts.is_empty());
    assert!(
        !h.state()
            .issues()
            .iter()
            .any(|i| i.message.contains("merge conflict"))
    );
    h.state_mut().queue(Command::Undo);
    h.run();
    assert_eq!(
        h.state().memo().conflicts.len(),
        1,
        "undo brings the conflict back"
    );
}

#[test]
fn a_sync_tools_conflicted_copy_beside_the_draft_is_offered_for_comparing() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    let sample = storage::sample().unwrap();
    fs::write(&draft, storage::to_ron(&sample)).unwrap();
    let mut copy = sample.clone();
    copy.closing = "Write to press@example.org.".into();
    let conflicted = dir
        .path()
        .join("memo.sync-conflict-20261128-101500-ABCDEFG.ron");
    fs::write(&conflicted, storage::to_ron(&copy)).unwrap();

    let mut c = config(dir.path());
    c.open = Some(draft);
    let mut h = harness(c);
    assert!(h.state().is_asking());
    click(&mut h, "Compare and merge…");
    assert!(shows(&h, "1 difference"));
    assert!(shows(&h, "the closing changed"));
    click(&mut h, "Accept");
    assert_eq!(h.state().memo().closing, copy.closing);
}

#[test]
fn a_draft_changed_on_disk_is_merged_three_ways_and_saved_with_both_edits() {
    use egui::{Key, Modifiers};
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    let sample = storage::sample().unwrap();
    fs::write(&draft, storage::to_ron(&sample)).unwrap();
    let mut c = config(dir.path());
    c.open = Some(draft.clone());
    let mut h = harness(c);
    h.state_mut().memo_mut().subject = "Our subject".into();
    h.run();
    // A partner's version syncs over the file: another edit.
    let mut theirs = sample.clone();
    theirs.closing = "Their closing.".into();
    fs::write(&draft, format!("{}\n", storage::to_ron(&theirs))).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().is_asking());
    click(&mut h, "Merge…");
    // Three ways from the version opened here: only their change, not our subject.
    assert!(shows(&h, "1 difference"), "only their change is offered");
    assert!(shows(&h, "the closing changed"));
    click(&mut h, "Accept all");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().is_asking(), "saved without asking again");
    let saved = storage::load_draft(&draft).unwrap();
    assert_eq!(
        (saved.subject.as_str(), saved.closing.as_str()),
        ("Our subject", "Their closing.")
    );
}
