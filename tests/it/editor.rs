//! The editor driven through its widgets with `egui_kittest`: no GPU, no display, no file
//! dialogs (paths are sent in commands, as the dialog would). Assertions are on the memo,
//! the laid-out pages and the files, not on pixels.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use memodraft::model::{Memo, SignOnStatus};
use memodraft::storage;
use memodraft::ui::{App, Command, Config, Section};

pub(crate) fn config(dir: &Path) -> Config {
    Config {
        data_dir: dir.join("data"),
        open: None,
        native_dialogs: false,
        // No dictionary: spelling is off unless a test turns it on.
        dictionary_dirs: Vec::new(),
    }
}

pub(crate) fn harness(config: Config) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_eframe(move |cc| App::new(&cc.egui_ctx, config).unwrap());
    h.run();
    h
}

/// All the text of the laid-out pages, in order.
pub(crate) fn page_text(app: &App) -> String {
    app.laid()
        .document
        .pages
        .iter()
        .flat_map(memodraft::layout::Page::texts)
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn click(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).click_accesskit();
    h.run();
}

/// Focuses the `nth` field labelled `label` (the last one for `None`) and types `text`
/// into it, as a user would.
pub(crate) fn type_into(h: &mut Harness<'_, App>, label: &str, nth: Option<usize>, text: &str) {
    let i = nth.unwrap_or_else(|| h.get_all_by_label(label).count() - 1);
    h.get_all_by_label(label).nth(i).unwrap().focus();
    h.run();
    h.get_all_by_label(label).nth(i).unwrap().type_text(text);
    h.run();
}

#[test]
fn a_recipient_typed_in_the_form_appears_on_the_page_and_undo_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let before = h.state().memo().to.len();
    let label = format!("Recipients ({})", before + h.state().memo().cc.len());
    click(&mut h, &label);
    click(&mut h, "Add TO recipient");
    assert_eq!(h.state().memo().to.len(), before + 1);
    type_into(&mut h, "Name", Some(before), "Ana Pérez Núñez");
    let memo = h.state().memo();
    assert_eq!(memo.to.last().unwrap().name, "Ana Pérez Núñez");
    assert!(
        page_text(h.state()).contains("Ana Pérez Núñez"),
        "the preview is laid out from the edit"
    );
    assert!(h.state().is_dirty());

    // Undo reverts the typing, then the added row; redo brings the row back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().memo().to.len(),
        before,
        "two undos: typing, then the new row"
    );
    assert!(!h.state().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().memo().to.len(), before + 1);
}

#[test]
fn findings_and_quotes_are_added_edited_and_placed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let n = h.state().memo().findings.len();
    click(&mut h, &format!("Findings ({n})"));
    click(&mut h, "Add finding");
    type_into(&mut h, "Title", None, "Access to información pública");
    let memo = h.state().memo();
    assert_eq!(memo.findings.len(), n + 1);
    let id = memo.findings.last().unwrap().id;
    assert_eq!(
        memo.findings.last().unwrap().title,
        "Access to información pública"
    );
    assert!(page_text(h.state()).contains("información"));

    // A quote added from the finding is placed under it.
    let q = h.state().memo().quotes.len();
    click(&mut h, "Add quote (0)");
    assert_eq!(h.state().memo().quotes.len(), q + 1);
    let quote = h.state().memo().quotes.last().unwrap().clone();
    assert_eq!(quote.placement, memodraft::model::Placement::Finding(id));
    click(&mut h, &format!("Quotes ({})", q + 1));
    type_into(&mut h, "Quote", None, "No nos han respondido.");
    type_into(&mut h, "Attribution", None, "Madre buscadora, Sonora");
    let quote = h.state().memo().quotes.last().unwrap().clone();
    assert_eq!(quote.text, "No nos han respondido.");
    assert_eq!(quote.attribution, "Madre buscadora, Sonora");
    assert!(page_text(h.state()).contains("Madre buscadora, Sonora"));
}

#[test]
fn signatories_are_added_and_sorted_with_accents_folded() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let memo = h.state().memo();
    let label = format!(
        "Signatories ({} / {})",
        memo.confirmed().count(),
        memo.signatories.len()
    );
    click(&mut h, &label);
    click(&mut h, "Add signatory");
    let n = h.state().memo().signatories.len();
    type_into(
        &mut h,
        &format!("Organization {n}"),
        Some(0),
        "Ágora Ciudadana",
    );
    assert_eq!(
        h.state().memo().signatories.last().unwrap().organization,
        "Ágora Ciudadana"
    );
    assert_eq!(
        h.state().memo().signatories.last().unwrap().status,
        SignOnStatus::Confirmed
    );
    assert!(page_text(h.state()).contains("Ágora Ciudadana"));

    click(&mut h, "Sort A-Z");
    let names: Vec<String> = h
        .state()
        .memo()
        .signatories
        .iter()
        .map(|s| memodraft::model::fold_name(&s.organization))
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    // "Ágora" sorts with the A's, not after Z as byte order would put it.
    assert!(
        h.state()
            .memo()
            .signatories
            .iter()
            .position(|s| s.organization == "Ágora Ciudadana")
            .unwrap()
            < 3
    );

    // Sorting is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().memo().signatories.last().unwrap().organization,
        "Ágora Ciudadana"
    );
}

#[test]
fn save_reload_and_export_from_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    type_into(&mut h, "Subject", Some(0), " (draft 2)");
    assert!(
        h.state().title().starts_with('●'),
        "unsaved marker: {}",
        h.state().title()
    );

    let draft = dir.path().join("memo.ron");
    h.state_mut().queue(Command::SaveTo(draft.clone()));
    h.run();
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().path(), Some(draft.as_path()));
    assert_eq!(&storage::load_draft(&draft).unwrap(), h.state().memo());
    assert!(!h.state().title().starts_with('●'));
    assert!(
        h.state()
            .prefs()
            .recent
            .first()
            .is_some_and(|p| p.ends_with("memo.ron"))
    );

    let pdf = dir.path().join("memo.pdf");
    h.state_mut().queue(Command::ExportTo(pdf.clone()));
    h.run();
    let (_, text) = crate::pdf_text(&pdf);
    assert!(text.contains("(draft 2)"));
    assert!(
        text.contains("Juárez") || text.contains("México"),
        "accents survive: {text}"
    );

    // A second editor started on the file once the first closed (releasing its lock)
    // shows the same memo.
    let saved = h.state().memo().clone();
    drop(h);
    let h2 = harness(Config {
        open: Some(draft.clone()),
        ..config(dir.path())
    });
    assert_eq!(h2.state().memo(), &saved);
}

#[test]
fn opening_over_unsaved_changes_asks_and_discard_loads_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.ron");
    let memo = Memo {
        subject: "Otro memorándum".into(),
        ..Memo::default()
    };
    storage::save_draft(&other, &memo).unwrap();

    let mut h = harness(config(dir.path()));
    h.state_mut().memo_mut().subject.push_str(" edited");
    h.run();
    h.state_mut().queue(Command::OpenPath(other.clone()));
    h.run();
    assert!(
        h.state().is_asking(),
        "unsaved changes are not thrown away silently"
    );
    assert!(h.state().memo().subject.ends_with(" edited"));
    click(&mut h, "Cancel");
    assert!(h.state().memo().subject.ends_with(" edited"));

    h.state_mut().queue(Command::OpenPath(other.clone()));
    h.run();
    click(&mut h, "Discard changes");
    assert_eq!(h.state().memo().subject, "Otro memorándum");
    assert_eq!(h.state().path(), Some(other.as_path()));
}

#[test]
fn a_failed_save_names_the_file_and_keeps_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    h.state_mut().memo_mut().subject.push_str(" edited");
    h.run();
    let bad: PathBuf = dir.path().join("no such folder").join("memo.ron");
    h.state_mut().queue(Command::SaveTo(bad.clone()));
    h.run();
    assert!(h.state().is_dirty());
    assert!(h.state().path().is_none());
    let notice = h
        .state()
        .notices()
        .iter()
        .find(|n| n.error)
        .expect("an error notice");
    assert!(notice.text.contains("no such folder"), "{}", notice.text);
    assert!(!bad.exists());
}

#[test]
fn unsaved_changes_are_autosaved_and_offered_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    h.state_mut().memo_mut().subject = "Cambios que no se guardaron".into();
    h.run();
    let edited = h.state().memo().clone();
    // The process "crashes": the harness is dropped without saving.
    drop(h);

    let mut h = harness(config(dir.path()));
    assert!(
        h.state().is_asking(),
        "the next start offers the recovery copy"
    );
    click(&mut h, "Restore");
    assert_eq!(h.state().memo(), &edited);
    assert!(h.state().is_dirty(), "restored changes still need saving");
}

#[test]
fn every_section_opens_with_every_field_named_for_screen_readers() {
    // The harness fails a frame in which an input widget has no accessible name.
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    // Each outline entry opens its editor: what the user sees is a field or button that
    // only that editor has.
    for (section, only_there) in [
        (Section::Recipients, "Add TO recipient"),
        (Section::Introduction, "Introduction text"),
        (Section::Header, "Subject"),
        (Section::Findings, "Add finding"),
        (Section::Quotes, "Add quote"),
        (Section::Recommendations, "Add recommendation"),
        (Section::Signatories, "Add signatory"),
        (Section::PageSetup, "Body size (pt)"),
    ] {
        assert!(
            h.query_by_label(only_there).is_none(),
            "{only_there} shown too early"
        );
        let outline = section.label(h.state().memo());
        click(&mut h, &outline);
        assert!(
            h.query_by_label(only_there).is_some(),
            "{outline} did not open its editor"
        );
    }
    // Page setup edits reach the layout: A4 pages are 595 pt wide.
    h.get_by_label("A4").click_accesskit();
    h.run();
    assert_eq!(h.state().memo().page.paper, memodraft::model::Paper::A4);
    let width = h.state().laid().document.pages[0].width.0;
    assert!((width - 595.3).abs() < 1.0, "{width}");
}

#[test]
fn a_click_on_the_preview_opens_the_editor_of_that_part() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    assert!(h.query_by_label("Add finding").is_none());
    // Where the first finding's title is on page 1, in page points.
    let page = &h.state().laid().document.pages[0];
    let id = h.state().memo().findings[0].id;
    let run = page
        .texts()
        .find(|t| t.source == memodraft::model::Part::Finding(id))
        .unwrap();
    let b = run.bounds();
    let target = memodraft::layout::Point::new(
        memodraft::layout::Pt(f32::midpoint(b.min.x.0, b.max.x.0)),
        memodraft::layout::Pt(f32::midpoint(b.min.y.0, b.max.y.0)),
    );
    assert_eq!(
        memodraft::preview::part_at(page, target),
        Some(memodraft::model::Part::Finding(id))
    );
    click_on_page(&mut h, 0, target);
    // The findings editor is open with the finding's title field focused, ready to type.
    assert!(h.query_by_label("Add finding").is_some());
    let title = h.get_all_by_label("Title").next().unwrap();
    assert!(title.is_focused(), "the title is not focused");
    assert_eq!(
        title.value().as_deref(),
        Some(h.state().memo().findings[0].title.as_str())
    );
}

/// Clicks the preview at `target` on page `page` (0-based), where the page is shown.
pub(crate) fn click_on_page(
    h: &mut Harness<'_, App>,
    page: usize,
    target: memodraft::layout::Point,
) {
    let pos = h
        .state()
        .page_point_on_screen(page, target)
        .expect("the page is shown");
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    h.run();
}

#[test]
fn a_click_on_an_evidence_paragraph_puts_the_cursor_at_that_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let id = h.state().memo().findings[0].id;
    let part = memodraft::layout::Part::Evidence(id, 1);
    let (page, run) = h
        .state()
        .laid()
        .document
        .pages
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.texts().find(|t| t.source == part).map(|t| (i, t.clone())))
        .expect("the second evidence paragraph is printed");
    let b = run.bounds();
    let target = memodraft::layout::Point::new(
        b.min.x + memodraft::layout::Pt(2.0),
        memodraft::layout::Pt(f32::midpoint(b.min.y.0, b.max.y.0)),
    );
    click_on_page(&mut h, page, target);
    assert!(
        h.query_by_label("Add finding").is_some(),
        "findings editor open"
    );
    let evidence = h.get_all_by_label("Evidence").next().unwrap();
    assert!(evidence.is_focused(), "the evidence field is focused");
    // Typing lands at the start of the clicked paragraph.
    h.get_all_by_label("Evidence")
        .next()
        .unwrap()
        .type_text("§");
    h.run();
    let text = &h.state().memo().findings[0].evidence;
    let second = text.split("\n\n").nth(1).unwrap();
    assert!(second.starts_with('§'), "{second:.40}");
    assert!(!text.starts_with('§'));
}

#[test]
fn add_quote_on_a_finding_opens_the_new_quote_for_typing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let outline = Section::Findings.label(h.state().memo());
    click(&mut h, &outline);
    let before = h.state().memo().quotes.len();
    let add = h
        .get_all(egui_kittest::kittest::by().label_contains("Add quote ("))
        .next()
        .unwrap();
    add.click_accesskit();
    h.run();
    h.run();
    assert_eq!(h.state().memo().quotes.len(), before + 1);
    let field = h.get_all_by_label("Quote").last().unwrap();
    assert!(field.is_focused(), "the new quote's text is focused");
    field.type_text("Nadie nos buscó.");
    h.run();
    let quote = h.state().memo().quotes.last().unwrap();
    assert_eq!(quote.text, "Nadie nos buscó.");
    assert_eq!(
        quote.placement,
        memodraft::model::Placement::Finding(h.state().memo().findings[0].id)
    );
}

fn csv_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/csv")
        .join(name)
}

#[test]
fn a_csv_import_is_previewed_applied_as_one_step_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let before = h.state().memo().signatories.clone();
    h.state_mut()
        .queue(Command::ImportSignatoriesFrom(csv_fixture(
            "google-forms-utf8.csv",
        )));
    h.run();
    assert!(
        h.state().is_asking(),
        "the import is shown before it is applied"
    );
    assert_eq!(
        h.state().memo().signatories,
        before,
        "nothing changes before Apply"
    );
    // The form's rows are received: confirmed here, they print.
    click(&mut h, "Confirm all");
    click(&mut h, "Apply import");
    let after = &h.state().memo().signatories;
    assert_eq!(after.len(), before.len() + 4);
    assert!(
        after
            .iter()
            .any(|s| s.organization == "Centro de Derechos Humanos Miguel Agustín Pro Juárez")
    );
    assert!(page_text(h.state()).contains("Juárez"));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().memo().signatories,
        before,
        "one undo reverts the whole import"
    );
}

/// The printed pages' text without white space (names wrap inside their column).
fn printed(app: &App) -> String {
    page_text(app).split_whitespace().collect()
}

#[test]
fn received_rows_print_once_confirmed_in_the_import_preview_or_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let status = |h: &Harness<'_, App>, name: &str| {
        let list = &h.state().memo().signatories;
        let i = list.iter().position(|s| s.organization == name).unwrap();
        (i, list[i].status)
    };
    h.state_mut()
        .queue(Command::ImportSignatoriesFrom(csv_fixture(
            "google-forms-utf8.csv",
        )));
    h.run();
    // One by one in the preview: only the row the user checked is confirmed.
    let prodh = "Centro de Derechos Humanos Miguel Agustín Pro Juárez";
    click(&mut h, &format!("Confirm {prodh}"));
    click(&mut h, "Apply import");
    assert_eq!(status(&h, prodh).1, SignOnStatus::Confirmed);
    assert!(printed(h.state()).contains("MiguelAgustínProJuárez"));
    let tejiendo = "Colectivo Tejiendo Esperanza, A.C.";
    assert_eq!(status(&h, tejiendo).1, SignOnStatus::Received);
    assert!(!printed(h.state()).contains("TejiendoEsperanza"));

    // All at once in the table, one undo step of its own (the typing just before it
    // stays).
    open_signatories(&mut h, "Place and lead");
    type_into(&mut h, "Signatories intro", None, " Thanks.");
    click(&mut h, "Confirm all 4 received");
    assert_eq!(status(&h, tejiendo).1, SignOnStatus::Confirmed);
    assert!(printed(h.state()).contains("TejiendoEsperanza"));
    assert!(
        h.state()
            .memo()
            .signatories
            .iter()
            .all(|s| s.status != SignOnStatus::Received)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(status(&h, tejiendo).1, SignOnStatus::Received);
    assert_eq!(status(&h, prodh).1, SignOnStatus::Confirmed);
    assert!(h.state().memo().signatories_intro.ends_with(" Thanks."));
    assert!(!printed(h.state()).contains("TejiendoEsperanza"));

    // Or one by one in the table, with the row's status.
    type_into(&mut h, "Filter", None, "Tejiendo");
    let (i, _) = status(&h, tejiendo);
    click(&mut h, &format!("Status {}", i + 1));
    click(&mut h, "Confirmed");
    assert_eq!(status(&h, tejiendo).1, SignOnStatus::Confirmed);
    assert!(printed(h.state()).contains("TejiendoEsperanza"));
}

#[test]
fn unknown_csv_headers_are_mapped_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    h.state_mut()
        .queue(Command::ImportSignatoriesFrom(csv_fixture(
            "unknown-headers.csv",
        )));
    h.run();
    assert!(h.state().is_asking());
    click(&mut h, "Nombre del grupo");
    h.get_all_by_label("Organization")
        .last()
        .unwrap()
        .click_accesskit();
    h.run();
    click(&mut h, "Continue");
    click(&mut h, "Apply import");
    assert!(
        h.state()
            .memo()
            .signatories
            .iter()
            .any(|s| s.organization == "Colectivo Sin Cabecera")
    );
}

#[test]
fn saving_over_a_draft_changed_on_disk_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    let mut h = harness(config(dir.path()));
    h.state_mut().queue(Command::SaveTo(draft.clone()));
    h.run();
    // A partner's copy syncs over the file.
    let theirs = Memo {
        subject: "Su versión".into(),
        ..Memo::default()
    };
    storage::save_draft(&draft, &theirs).unwrap();
    h.state_mut().memo_mut().subject = "Mi versión".into();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().is_asking(), "never overwrite silently");
    assert_eq!(storage::load_draft(&draft).unwrap().subject, "Su versión");
    click(&mut h, "Reload from disk");
    assert_eq!(h.state().memo().subject, "Su versión");

    h.state_mut().memo_mut().subject = "Mi versión".into();
    h.run();
    storage::save_draft(&draft, &theirs).unwrap();
    // Make sure the file's stamp moves even on coarse clocks.
    std::fs::write(&draft, format!("{}\n", storage::to_ron(&theirs))).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().is_asking());
    click(&mut h, "Overwrite");
    assert_eq!(storage::load_draft(&draft).unwrap().subject, "Mi versión");
}

#[test]
fn a_restored_copy_still_notices_a_partners_version_synced_since() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("memo.ron");
    let mut h = harness(config(dir.path()));
    h.state_mut().queue(Command::SaveTo(draft.clone()));
    h.run();
    h.state_mut().memo_mut().subject = "Mis cambios sin guardar".into();
    h.run();
    drop(h); // a crash: the recovery copy stays
    let theirs = Memo {
        subject: "La versión de la otra organización".into(),
        ..Memo::default()
    };
    storage::save_draft(&draft, &theirs).unwrap();

    let mut h = harness(config(dir.path()));
    click(&mut h, "Restore");
    assert_eq!(h.state().memo().subject, "Mis cambios sin guardar");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.state().is_asking(),
        "the partner's version is not overwritten silently"
    );
    assert_eq!(storage::load_draft(&draft).unwrap(), theirs);
}

/// The fields as the user sees them: focuses the field labelled `label` and selects all
/// of its text.
fn select_all_in(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
}

#[test]
fn text_pasted_from_another_program_is_cleaned_as_paste_as_text_would() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    select_all_in(&mut h, "Subject");
    // As a word processor puts it on the clipboard: non-breaking and zero-width spaces,
    // a soft hyphen, Windows line ends.
    h.event(egui::Event::Paste(
        "Security\u{a0}aid\u{200b} to Mé\u{ad}xico\r\n".to_owned(),
    ));
    h.run();
    assert_eq!(h.state().memo().subject, "Security aid to México");
}

#[test]
fn ctrl_b_and_ctrl_i_wrap_the_selection_and_toggle_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    h.state_mut().memo_mut().subject = "Not met".to_owned();
    h.run();
    select_all_in(&mut h, "Subject");
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run();
    assert_eq!(h.state().memo().subject, "**Not met**");
    // The words stay selected: a second Ctrl+B makes them plain again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run();
    assert_eq!(h.state().memo().subject, "Not met");
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    assert_eq!(h.state().memo().subject, "*Not met*");
    // One undo step per change.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().memo().subject, "Not met");
}

#[test]
fn ctrl_k_makes_a_link_from_the_selection_asking_for_the_address() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    h.state_mut().memo_mut().subject = "the report".to_owned();
    h.run();
    select_all_in(&mut h, "Subject");
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    assert!(h.state().is_asking(), "the address is asked for");
    h.get_by_label("Address")
        .type_text("https://example.org/informe");
    h.run();
    click(&mut h, "OK");
    assert_eq!(
        h.state().memo().subject,
        "[the report](https://example.org/informe)"
    );
}

#[test]
fn replace_all_changes_every_field_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let count = |memo: &Memo, needle: &str| {
        memodraft::model::find::find_all(
            memo,
            &memodraft::model::find::Query {
                needle: needle.to_owned(),
                match_case: true,
                whole_word: true,
            },
        )
        .len()
    };
    let before = h.state().memo().clone();
    let fields: std::collections::HashSet<_> = memodraft::model::find::find_all(
        &before,
        &memodraft::model::find::Query {
            needle: "Mexico".to_owned(),
            match_case: true,
            whole_word: true,
        },
    )
    .into_iter()
    .map(|m| m.field)
    .collect();
    assert!(
        fields.len() >= 2,
        "the sample names Mexico in several fields"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::H);
    h.run();
    type_into(&mut h, "Find", None, "Mexico");
    type_into(&mut h, "Replace with", None, "México");
    h.get_by_label("Match case").click_accesskit();
    h.get_by_label("Whole words").click_accesskit();
    h.run();
    click(&mut h, "Replace all");
    assert_eq!(count(h.state().memo(), "Mexico"), 0);
    assert!(count(h.state().memo(), "México") >= fields.len());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().memo(),
        &before,
        "one undo brings every field back"
    );
}

#[test]
fn find_next_opens_each_match_in_its_editor_with_the_field_focused() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    h.state_mut().memo_mut().findings[1].evidence = "A clandestine grave.".to_owned();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    type_into(&mut h, "Find", None, "clandestine grave.");
    click(&mut h, "Next");
    // The findings editor is open and the evidence of the second finding is focused.
    assert!(h.query_by_label("Add finding").is_some());
    let evidence = h.get_all_by_label("Evidence").nth(1).unwrap();
    assert!(evidence.is_focused());
    assert_eq!(evidence.value().as_deref(), Some("A clandestine grave."));
}

#[test]
fn a_misspelled_word_is_corrected_from_its_suggestions_or_added_to_the_memo() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.dictionary_dirs =
        vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dictionaries")];
    let mut h = harness(config);
    h.state_mut().memo_mut().subject = "Teh".to_owned();
    // The dictionary loads in the background; the editor does not wait for it.
    for _ in 0..200 {
        h.run();
        if h.query_by_label_contains("Spelling: en_US").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(h.query_by_label_contains("Spelling: en_US").is_some());
    h.get_by_label("Subject").click_secondary();
    h.run();
    h.get_by_label("The").click();
    h.run();
    assert_eq!(h.state().memo().subject, "The");
    // A name the dictionary does not know is added to the memo's own dictionary.
    h.state_mut().memo_mut().subject = "Tlachinollan".to_owned();
    h.run();
    h.get_by_label("Subject").click_secondary();
    h.run();
    h.get_by_label_contains("to the memo's dictionary").click();
    h.run();
    assert_eq!(h.state().memo().dictionary, ["Tlachinollan"]);
}

/// Answers the typed-path dialog (shown instead of the native one in tests) with `path`.
fn answer_path(h: &mut Harness<'_, App>, path: &Path) {
    h.get_by_label("Path").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Path")
        .type_text(&path.display().to_string());
    h.run();
    click(h, "OK");
}

#[test]
fn exporting_a_memo_with_errors_asks_first_and_export_anyway_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    h.state_mut().memo_mut().subject.clear();
    h.run();

    // Ctrl+E asks before the path: the question lists the error.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(h.state().is_asking());
    assert!(h.query_by_label("• the subject is empty").is_some());
    assert!(h.query_by_label("Path").is_none(), "asked before the path");
    click(&mut h, "Export anyway");
    // Then the path; the chosen path is not asked about again.
    let pdf = dir.path().join("anyway.pdf");
    answer_path(&mut h, &pdf);
    h.run();
    assert!(!h.state().is_asking(), "asked twice");
    assert!(pdf.exists());

    // An ExportTo sent directly (as a native dialog's answer would be) asks too, once.
    let direct = dir.path().join("direct.pdf");
    h.state_mut().queue(Command::ExportTo(direct.clone()));
    h.run();
    assert!(h.query_by_label("• the subject is empty").is_some());
    assert!(!direct.exists());
    click(&mut h, "Export anyway");
    assert!(!h.state().is_asking());
    assert!(direct.exists());
}

#[test]
fn go_to_the_first_problem_opens_its_editor_with_the_field_focused() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    h.state_mut().memo_mut().subject.clear();
    h.run();
    let n = h.state().memo().findings.len();
    click(&mut h, &format!("Findings ({n})"));
    assert!(h.query_by_label("Subject").is_none());

    h.state_mut().queue(Command::ExportPdf);
    h.run();
    click(&mut h, "Go to the first problem");
    h.run();
    assert!(!h.state().is_asking());
    let subject = h.get_by_label("Subject");
    assert!(subject.is_focused(), "the subject is not focused");
}

#[test]
fn a_memo_without_errors_exports_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let errors = h
        .state()
        .issues()
        .iter()
        .filter(|i| i.severity == memodraft::model::Severity::Error)
        .count();
    assert_eq!(errors, 0, "the sample has no errors");
    let pdf = dir.path().join("clean.pdf");
    h.state_mut().queue(Command::ExportTo(pdf.clone()));
    h.run();
    assert!(!h.state().is_asking());
    assert!(pdf.exists());
}

#[test]
fn margins_are_typed_in_inches_and_stored_in_millimetres() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    click(&mut h, "Page setup");
    assert_eq!(h.state().memo().page.paper, memodraft::model::Paper::Letter);
    assert!(
        h.query_by_label("Left margin (in)").is_some(),
        "US Letter and no choice yet: inches"
    );
    h.get_by_label("A4").click_accesskit();
    h.run();
    // A4 and no choice yet: millimetres.
    assert!(h.query_by_label("Left margin (in)").is_none());
    click(&mut h, "Inches");
    h.get_by_label("Left margin (in)").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Left margin (in)").type_text("1.5");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let left = h.state().memo().page.margins_mm.left;
    assert!((left - 38.1).abs() < 1e-3, "{left}");
    assert_eq!(
        h.state().prefs().margin_unit,
        Some(memodraft::ui::LengthUnit::In),
        "the unit is remembered"
    );
    drop(h);
    let mut h = harness(config(dir.path()));
    click(&mut h, "Page setup");
    h.get_by_label("A4").click_accesskit();
    h.run();
    assert!(
        h.query_by_label("Left margin (in)").is_some(),
        "the next start edits in inches, even on A4"
    );
}

#[test]
fn a_typed_date_is_read_in_the_memos_language_and_a_day_click_picks_one() {
    use jiff::civil::date;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    assert_eq!(
        h.state().memo().language,
        memodraft::model::Language::English
    );
    let before = h.state().memo().date;

    type_into(&mut h, "Date", None, "June 25, 2012");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().memo().date, Some(date(2012, 6, 25)));
    assert!(page_text(h.state()).contains("June 25, 2012"));

    // Not a date: a red hint, and the date stays.
    type_into(&mut h, "Date", None, "June 31, 2012");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().memo().date, Some(date(2012, 6, 25)));
    assert!(
        h.query_by_label_contains("is not a date").is_some(),
        "no hint for a wrong date"
    );

    // One click on a day in the calendar sets it.
    click(&mut h, "Pick from a calendar");
    click(&mut h, "June 28, 2012");
    assert_eq!(h.state().memo().date, Some(date(2012, 6, 28)));
    assert!(
        h.query_by_label("June 27, 2012").is_none(),
        "the calendar closes"
    );
    assert!(h.query_by_label_contains("is not a date").is_none());

    // Each change is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().memo().date, Some(date(2012, 6, 25)));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().memo().date, before);
}

#[test]
fn removing_a_finding_keeps_its_quotes_in_place_and_reports_them_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let finding = h.state().memo().findings[0].id;
    let placement = memodraft::model::Placement::Finding(finding);
    let quotes: Vec<_> = h
        .state()
        .memo()
        .quotes
        .iter()
        .filter(|q| q.placement == placement)
        .map(|q| q.id)
        .collect();
    assert!(!quotes.is_empty(), "the sample's first finding has a quote");
    let outline = Section::Findings.label(h.state().memo());
    click(&mut h, &outline);
    h.get_all_by_label("Remove")
        .next()
        .unwrap()
        .click_accesskit();
    h.run();
    assert!(h.state().memo().finding(finding).is_none());
    // The quotes still point at the removed finding: nothing moved silently.
    for id in &quotes {
        let q = h
            .state()
            .memo()
            .quotes
            .iter()
            .find(|q| q.id == *id)
            .unwrap();
        assert_eq!(q.placement, placement);
    }
    let reports = |h: &Harness<'_, App>| {
        h.state()
            .issues()
            .iter()
            .filter(|i| i.message.contains("finding that was removed"))
            .count()
    };
    assert_eq!(reports(&h), quotes.len(), "each quote reported once");
    // The problems panel shows it too, and the page does not print the quote.
    assert!(
        h.query_by_label_contains("finding that was removed")
            .is_some()
    );
    let text = page_text(h.state());
    let first_quote = &h
        .state()
        .memo()
        .quotes
        .iter()
        .find(|q| q.id == quotes[0])
        .unwrap()
        .text;
    let start: String = first_quote.chars().take(30).collect();
    assert!(
        !text.contains(&start),
        "a quote under a removed finding is not printed"
    );
}

#[test]
fn the_suggested_pdf_name_keeps_whole_words_of_the_subject() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    h.state_mut().memo_mut().subject =
        "Human rights conditions on security assistance to Mexico: our assessment for 2026"
            .to_owned();
    h.run();
    h.state_mut().queue(Command::ExportPdf);
    h.run();
    let path = h.get_by_label("Path").value().unwrap();
    let name = Path::new(&path)
        .file_stem()
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(Path::new(&path).extension().unwrap(), "pdf", "{path}");
    // Whole words of the subject, in order, as many as fit in 60 characters.
    let words: Vec<&str> = h
        .state()
        .memo()
        .subject
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let taken: Vec<&str> = name.split('-').collect();
    assert_eq!(taken, words[..taken.len()], "{name}");
    assert!(name.chars().count() <= 60);
    let next = words[taken.len()];
    assert!(
        name.chars().count() + 1 + next.chars().count() > 60,
        "{name}"
    );
}

/// Opens the signatories editor with the table showing the column set `columns`.
fn open_signatories(h: &mut Harness<'_, App>, columns: &str) {
    let outline = Section::Signatories.label(h.state().memo());
    click(h, &outline);
    click(h, columns);
}

#[test]
fn contacts_are_edited_in_the_table_and_in_the_rows_list_of_contacts() {
    use memodraft::model::Contact;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    open_signatories(&mut h, "Contacts");
    let contacts =
        |h: &Harness<'_, App>, i: usize| h.state().memo().signatories[i].contacts.clone();

    select_all_in(&mut h, "Email 1");
    h.get_by_label("Email 1")
        .type_text("lucia@abdh.example.org");
    h.run();
    assert_eq!(contacts(&h, 0)[0].email, "lucia@abdh.example.org");

    // Typing a name on a row without contacts gives it its first contact.
    assert!(contacts(&h, 1).is_empty());
    type_into(&mut h, "Contact name 2", None, "Rosa Valdez");
    assert_eq!(
        contacts(&h, 1),
        [Contact {
            name: "Rosa Valdez".into(),
            email: String::new()
        }]
    );

    // The row's list of contacts: add one, type into it, remove the first.
    click(&mut h, "Contacts 2");
    click(&mut h, "Add contact to row 2");
    type_into(
        &mut h,
        "Email, row 2 contact 2",
        None,
        "prensa@red.example.org",
    );
    assert_eq!(contacts(&h, 1).len(), 2);
    assert_eq!(contacts(&h, 1)[1].email, "prensa@red.example.org");
    click(&mut h, "Remove row 2 contact 1");
    assert_eq!(
        contacts(&h, 1),
        [Contact {
            name: String::new(),
            email: "prensa@red.example.org".into()
        }]
    );
    assert_eq!(
        h.get_by_label("Email 2").value().as_deref(),
        Some("prensa@red.example.org"),
        "the row shows the contact that is now first"
    );

    // The removal is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(contacts(&h, 1).len(), 2);
}

#[test]
fn the_invitation_date_is_set_to_the_day_it_really_went_out() {
    use jiff::civil::date;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    open_signatories(&mut h, "Dates");
    assert_eq!(h.state().memo().signatories[0].invited, None);

    // "Set" records today, and the field takes the real day.
    click(&mut h, "Invited 1");
    let today = jiff::ZonedDateTime::now().date();
    assert_eq!(h.state().memo().signatories[0].invited, Some(today));
    type_into(&mut h, "Invited 1", None, "2026-11-02");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().memo().signatories[0].invited,
        Some(date(2026, 11, 2))
    );

    // Each is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().memo().signatories[0].invited, Some(today));
}

#[test]
fn declining_a_confirmed_row_clears_the_signed_date_it_showed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    open_signatories(&mut h, "Dates");
    // In a table cell the date is short.
    assert_eq!(
        h.get_by_label("Signed 1").value().as_deref(),
        Some("2026-11-02")
    );
    click(&mut h, "Status 1");
    click(&mut h, "Declined");
    let s = &h.state().memo().signatories[0];
    assert_eq!((s.status, s.signed), (SignOnStatus::Declined, None));
    assert!(
        h.query_by_label("Signed 1").is_none(),
        "a declined row has no signed date to show or set"
    );
}

#[test]
fn the_organization_column_takes_the_width_the_others_leave() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    open_signatories(&mut h, "Place and lead");
    // The pane runs from the heading to the right edge of the intro field.
    let left = h.get_by_label("Signatories").rect().left();
    let right = h.get_by_label("Signatories intro").rect().right();
    let organization = h.get_by_label("Organization 1").rect().width();
    assert!(
        organization >= 0.4 * (right - left),
        "{organization} of {}",
        right - left
    );
    // No column set is wider than the pane until the user widens a column.
    for (columns, last) in [
        ("Place and lead", "Lead author 1"),
        ("Contacts", "Status 1"),
        ("Dates", "Pick from a calendar"),
    ] {
        click(&mut h, columns);
        let table_right = h
            .get_all_by_label(last)
            .map(|n| n.rect().right())
            .fold(f32::MIN, f32::max);
        assert!(
            table_right <= right + 1.0,
            "{columns}: {table_right} > {right}"
        );
    }
}

#[test]
fn a_withdrawn_row_is_as_high_as_the_others_with_its_cells_in_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    open_signatories(&mut h, "Dates");
    click(&mut h, "Status 2");
    click(&mut h, "Withdrawn");
    assert_eq!(
        h.state().memo().signatories[1].status,
        SignOnStatus::Withdrawn
    );
    assert!(h.query_by_label_contains("withdrawn 20").is_some());
    let rect = |h: &Harness<'_, App>, label: String| h.get_by_label(&label).rect();
    let tops: Vec<f32> = (1..=4)
        .map(|n| rect(&h, format!("Organization {n}")).top())
        .collect();
    for pair in tops.windows(2) {
        assert!(
            ((pair[1] - pair[0]) - (tops[1] - tops[0])).abs() < 0.5,
            "rows of different heights: {tops:?}"
        );
    }
    for n in 1..=4 {
        let y = rect(&h, format!("Organization {n}")).center().y;
        for cell in ["Row", "Status"] {
            let other = rect(&h, format!("{cell} {n}")).center().y;
            assert!(
                (y - other).abs() < 0.5,
                "{cell} {n} out of line: {other} vs {y}"
            );
        }
    }
}

#[test]
fn the_list_as_of_date_is_typed_like_any_date() {
    use jiff::civil::date;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    open_signatories(&mut h, "Place and lead");
    if h.state().memo().sign_on.as_of.is_none() {
        click(&mut h, "Print \"List as of\"");
    }
    type_into(&mut h, "List as of date", None, "2026-11-20");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().memo().sign_on.as_of, Some(date(2026, 11, 20)));
}

#[test]
fn a_row_is_moved_or_removed_from_the_menu_on_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    open_signatories(&mut h, "Place and lead");
    let names = |h: &Harness<'_, App>| -> Vec<String> {
        let memo = h.state().memo();
        memo.signatories
            .iter()
            .map(|s| s.organization.clone())
            .collect()
    };
    let before = names(&h);
    click(&mut h, "Row 2");
    click(&mut h, "Move up 2");
    assert_eq!(names(&h)[..2], [before[1].clone(), before[0].clone()]);
    assert!(h.query_by_label("Move up 2").is_none(), "the menu closes");
    click(&mut h, "Row 1");
    click(&mut h, "Remove 1");
    let mut rest = before;
    rest.remove(1);
    assert_eq!(names(&h), rest, "the moved row is removed");
}

#[test]
fn a_date_typed_and_saved_at_once_is_in_the_saved_draft() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    type_into(&mut h, "Date", None, "June 25, 2012");
    // No Enter, no click elsewhere: the date box still has focus when the draft is saved.
    let path = dir.path().join("dated.ron");
    h.state_mut().queue(Command::SaveTo(path.clone()));
    h.run();
    let saved = storage::load_draft(&path).unwrap();
    assert_eq!(saved.date, Some(jiff::civil::date(2012, 6, 25)));
}

#[test]
fn replace_moves_on_even_when_the_replacement_still_matches() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    h.state_mut().memo_mut().subject = "cat".to_owned();
    h.state_mut().memo_mut().introduction = "A cat and a cat.".to_owned();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::H);
    h.run();
    type_into(&mut h, "Find", None, "cat");
    type_into(&mut h, "Replace with", None, "cats");
    click(&mut h, "Next");
    for _ in 0..3 {
        click(&mut h, "Replace");
    }
    // Each occurrence replaced once: "cats" still contains "cat" but is not shown again.
    assert_eq!(h.state().memo().subject, "cats");
    assert_eq!(h.state().memo().introduction, "A cats and a cats.");
}

#[test]
fn enter_in_find_steps_through_matches_and_never_types_over_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let evidence = "A first clandestine grave.\n\nA second clandestine grave.".to_owned();
    h.state_mut().memo_mut().findings[0]
        .evidence
        .clone_from(&evidence);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    type_into(&mut h, "Find", None, "clandestine");
    h.key_press(Key::Enter);
    h.run();
    assert!(h.query_by_label_contains("1 of 2").is_some());
    // The evidence field has the keyboard now; Enter goes on to the next match.
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert!(h.query_by_label_contains("2 of 2").is_some());
    assert_eq!(h.state().memo().findings[0].evidence, evidence);
    // Typing ends it: the next Enter is the user's own line break.
    h.key_press(Key::ArrowRight);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_ne!(h.state().memo().findings[0].evidence, evidence);
}

#[test]
fn a_problem_on_a_signatory_the_filter_hides_still_opens_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let outline = Section::Signatories.label(h.state().memo());
    click(&mut h, &outline);
    type_into(&mut h, "Filter", None, "Alianza");
    let invited = h
        .state()
        .memo()
        .signatories
        .iter()
        .position(|s| s.status == SignOnStatus::Invited)
        .unwrap();
    let label = format!("Organization {}", invited + 1);
    assert!(
        h.query_by_label(&label).is_none(),
        "the filter hides the row"
    );
    // The problems panel names the still-invited organization; a click opens its row.
    h.get_by_label_contains("still invited").click_accesskit();
    h.run();
    h.run();
    let row = h.get_by_label(&label);
    assert!(row.is_focused(), "the row's organization is focused");
}

#[test]
fn bold_from_the_edit_menu_acts_on_the_field_last_typed_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    h.state_mut().memo_mut().subject = "Not met".to_owned();
    h.run();
    select_all_in(&mut h, "Subject");
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Bold").click();
    h.run();
    h.run();
    assert_eq!(h.state().memo().subject, "**Not met**");
}
