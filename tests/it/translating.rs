//! The editor with two languages, driven through its widgets (`egui_kittest`): the
//! translation view, the stale mark and its confirmation, undo, the preview's language
//! switch and what a click on a translated page opens.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use memodraft::model::{Language, Part, Passage, PassageState};
use memodraft::ui::Command;

use crate::editor::{click, click_on_page, config, harness, page_text, type_into};

const ES: Language = Language::Spanish;

/// Where `passage` is among the translation view's passages (each has an "English" and
/// a "Spanish" field, in this order).
fn position(memo: &memodraft::model::Memo, passage: Passage) -> usize {
    memo.passages()
        .iter()
        .position(|(p, _)| *p == passage)
        .unwrap()
}

#[test]
fn editing_the_english_marks_the_spanish_stale_and_confirming_clears_it_with_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let id = h.state().memo().findings[0].id;
    let evidence = Passage::Evidence(id);
    let original = h.state().memo().findings[0].evidence.clone();
    assert_eq!(
        h.state().memo().passage_state(ES, evidence),
        PassageState::UpToDate
    );
    click(&mut h, "Translation (Spanish: 1 stale)");
    let at = position(h.state().memo(), evidence);
    type_into(&mut h, "English", Some(at), "The army refused to answer. ");
    assert_ne!(h.state().memo().findings[0].evidence, original);
    assert_eq!(
        h.state().memo().passage_state(ES, evidence),
        PassageState::Stale
    );
    // The outline, the problems and the view itself say so.
    assert!(h.query_by_label("Translation (Spanish: 2 stale)").is_some());
    assert!(
        h.state()
            .issues()
            .iter()
            .any(|i| i.message.contains("2 passages stale")
                && i.message.contains("Finding 1 evidence")),
        "{:?}",
        h.state().issues()
    );
    assert_eq!(h.get_all_by_label("Confirm unchanged").count(), 2);

    // The first stale passage in the memo's order is finding 1's.
    h.get_all_by_label("Confirm unchanged")
        .next()
        .unwrap()
        .click_accesskit();
    h.run();
    assert_eq!(
        h.state().memo().passage_state(ES, evidence),
        PassageState::UpToDate
    );
    assert!(h.query_by_label("Translation (Spanish: 1 stale)").is_some());

    // Undo takes back the confirmation, then the typing: both texts as they were.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().memo().passage_state(ES, evidence),
        PassageState::Stale
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().memo().findings[0].evidence, original);
    assert_eq!(
        h.state().memo().passage_state(ES, evidence),
        PassageState::UpToDate
    );
    assert!(!h.state().is_dirty());
}

#[test]
fn a_missing_translation_is_typed_in_place_and_next_goes_to_what_needs_work() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    h.state_mut()
        .memo_mut()
        .translations
        .get_mut(&ES)
        .unwrap()
        .0
        .remove(&Passage::Closing);
    h.run();
    click(&mut h, "Translation (Spanish: 1 missing, 1 stale)");
    // "Next" goes to the first passage needing work: finding 2's stale evidence, then the
    // missing closing, then round again.
    let memo = h.state().memo().clone();
    let stale = position(&memo, Passage::Evidence(memo.findings[1].id));
    let closing = position(&memo, Passage::Closing);
    for expected in [stale, closing, stale] {
        click(&mut h, "Next missing or stale");
        h.run();
        let focused: Vec<usize> = h
            .get_all_by_label("Spanish")
            .enumerate()
            .filter(|(_, n)| n.is_focused())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(focused, [expected]);
    }
    // Typed in two goes: the field keeps the keyboard once the translation exists.
    type_into(&mut h, "Spanish", Some(closing), "Para más ");
    h.get_all_by_label("Spanish")
        .nth(closing)
        .unwrap()
        .type_text("información");
    h.run();
    let memo = h.state().memo();
    assert_eq!(
        memo.translated(ES, Passage::Closing).unwrap().text,
        "Para más información"
    );
    assert_eq!(
        memo.passage_state(ES, Passage::Closing),
        PassageState::UpToDate
    );
}

#[test]
fn the_preview_shows_the_spanish_pdf_and_a_click_on_it_opens_that_translation() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    assert!(page_text(h.state()).contains("November 20, 2026"));
    click(&mut h, "PDF language");
    click(&mut h, "Español");
    let text = page_text(h.state());
    for expected in [
        "MEMORÁNDUM",
        "PARA:",
        "20 de noviembre de 2026",
        "Hallazgo 1:",
    ] {
        assert!(text.contains(expected), "{expected:?} not on the pages");
    }
    assert!(!text.contains("November 20, 2026"));

    // File > Export writes what the preview shows.
    let pdf = dir.path().join("memo.es.pdf");
    h.state_mut().queue(Command::ExportTo(pdf.clone()));
    h.run();
    let (_, exported) = crate::pdf_text(&pdf);
    assert!(exported.contains("FECHA:"), "{exported}");

    // A click on the Spanish title of finding 1 opens its translation, focused.
    let id = h.state().memo().findings[0].id;
    let page = &h.state().laid().document.pages[0];
    let run = page
        .texts()
        .find(|t| t.source == Part::Finding(id))
        .unwrap();
    let b = run.bounds();
    let target = memodraft::layout::Point::new(
        memodraft::layout::Pt(f32::midpoint(b.min.x.0, b.max.x.0)),
        memodraft::layout::Pt(f32::midpoint(b.min.y.0, b.max.y.0)),
    );
    click_on_page(&mut h, 0, target);
    let title = h
        .state()
        .memo()
        .translated(ES, Passage::FindingTitle(id))
        .unwrap()
        .text
        .clone();
    let focused = h
        .get_all_by_label("Spanish")
        .find(egui_kittest::Node::is_focused)
        .expect("a Spanish field has the keyboard");
    assert_eq!(focused.value().as_deref(), Some(title.as_str()));
}
