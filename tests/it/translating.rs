//! The editor with two languages, driven through its widgets (`egui_kittest`): the
//! translation view, the stale mark and its confirmation, undo, the preview's language
//! switch and what a click on a translated page opens.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use memodraft::model::{Language, Part, Passage, PassageState};
use memodraft::ui::Command;

use egui_kittest::Harness;
use memodraft::ui::{App, Config};

use crate::editor::{click, click_on_page, config, page_text, type_into};

/// The editor, given a few more frames to settle than the other tests: going to a
/// passage far down the translation view scrolls there with egui's scroll animation while
/// the passages coming into view are measured.
fn harness(config: Config) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(12)
        .build_eframe(move |cc| App::new(&cc.egui_ctx, config).unwrap());
    h.run();
    h
}

const ES: Language = Language::Spanish;

/// The text of the Spanish field that has the keyboard, if one has.
fn focused_spanish(h: &Harness<'_, App>) -> Option<String> {
    h.get_all_by_label("Spanish")
        .find(egui_kittest::Node::is_focused)
        .map(|n| n.value().unwrap_or_default())
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
    // The English evidence typed in the findings editor, as a drafter would.
    let findings = format!("Findings ({})", h.state().memo().findings.len());
    click(&mut h, &findings);
    type_into(&mut h, "Evidence", Some(0), "The army refused to answer. ");
    assert_ne!(h.state().memo().findings[0].evidence, original);
    click(&mut h, "Translation (Spanish: 2 stale)");
    click(&mut h, "Only what needs work");
    assert_eq!(
        h.state().memo().passage_state(ES, evidence),
        PassageState::Stale
    );
    // The outline, the problems and the view itself say so.
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
    // With only what needs work shown: the closing must stay while it is being typed,
    // though its first letter makes it up to date.
    click(&mut h, "Only what needs work");
    // "Next" goes to the first passage needing work: finding 2's stale evidence, then the
    // missing closing, then round again, each far down the view.
    let memo = h.state().memo().clone();
    let stale = memo
        .translated(ES, Passage::Evidence(memo.findings[1].id))
        .unwrap()
        .text
        .clone();
    for expected in [stale.as_str(), "", stale.as_str()] {
        click(&mut h, "Next missing or stale");
        h.run();
        assert_eq!(focused_spanish(&h).as_deref(), Some(expected));
    }
    click(&mut h, "Next missing or stale");
    h.run();
    // Typed in two goes: the field keeps the keyboard once the translation exists.
    for text in ["Para más ", "información"] {
        h.get_all_by_label("Spanish")
            .find(egui_kittest::Node::is_focused)
            .expect("the closing's Spanish field has the keyboard")
            .type_text(text);
        h.run();
    }
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
    assert_eq!(focused_spanish(&h), Some(title));
}

#[test]
fn find_reaches_the_translations_and_opens_the_passage_with_the_match_selected() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    // "escarbando" is in the Spanish of the first quote only.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    type_into(&mut h, "Find", None, "escarbando");
    click(&mut h, "Next");
    let quote = h.state().memo().quotes[0].id;
    let spanish = h
        .state()
        .memo()
        .translated(ES, Passage::QuoteText(quote))
        .unwrap()
        .text
        .clone();
    assert!(spanish.contains("escarbando"));
    assert_eq!(focused_spanish(&h), Some(spanish));
}

#[test]
fn a_stale_translation_stays_shown_and_marked_while_typed_and_is_current_once_left() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let evidence = Passage::Evidence(h.state().memo().findings[1].id);
    assert_eq!(
        h.state().memo().passage_state(ES, evidence),
        PassageState::Stale
    );
    click(&mut h, "Translation (Spanish: 1 stale)");
    click(&mut h, "Only what needs work");
    click(&mut h, "Next missing or stale");
    h.run();
    // Typed in two goes: "52" becomes "57" as the English says now.
    for text in ["57", " (antes 52)"] {
        h.get_all_by_label("Spanish")
            .find(egui_kittest::Node::is_focused)
            .expect("the stale passage is still shown, with the keyboard")
            .type_text(text);
        h.run();
        assert_eq!(
            h.state().memo().passage_state(ES, evidence),
            PassageState::Stale,
            "still marked, with what changed, while the translator types"
        );
        assert!(h.query_by_label("Confirm unchanged").is_some());
    }
    assert!(
        h.state()
            .memo()
            .translated(ES, evidence)
            .unwrap()
            .text
            .contains("57 (antes 52)")
    );
    // Leaving the field makes the translation one of the current English.
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(
        h.state().memo().passage_state(ES, evidence),
        PassageState::UpToDate
    );
}
