use super::*;
use crate::model::{Finding, Recommendation, Signatory};

fn memo() -> Memo {
    Memo {
        subject: "Human rights conditions".into(),
        introduction: "We write to you.".into(),
        findings: vec![Finding {
            id: FindingId(4),
            title: "Disappearances".into(),
            evidence: "Families are still searching.\n\nNo one was charged.".into(),
            ..Default::default()
        }],
        recommendations: vec![Recommendation {
            id: RecommendationId(1),
            text: "Withhold the funds.".into(),
            addressee: String::new(),
        }],
        signatories: vec![Signatory {
            organization: "Centro Prodh".into(),
            country: "Mexico".into(),
            ..Default::default()
        }],
        ..Memo::default()
    }
}

#[test]
fn passages_are_the_printed_texts_in_memo_order_and_skip_empty_ones() {
    let memo = memo();
    let passages: Vec<Passage> = memo.passages().into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        passages,
        [
            Passage::Subject,
            Passage::Introduction,
            Passage::FindingTitle(FindingId(4)),
            Passage::Evidence(FindingId(4)),
            Passage::Recommendation(RecommendationId(1)),
        ],
        "the default heading, the empty FROM line and the empty addressee need nothing"
    );
}

#[test]
fn a_translation_goes_stale_when_its_source_changes_and_confirming_clears_it() {
    let mut memo = memo();
    let es = Language::Spanish;
    let evidence = Passage::Evidence(FindingId(4));
    assert_eq!(memo.passage_state(es, evidence), PassageState::Missing);
    memo.set_translation(es, evidence, "Las familias siguen buscando.".into());
    assert_eq!(memo.passage_state(es, evidence), PassageState::UpToDate);

    memo.findings[0].evidence.push_str(" The army refused.");
    assert_eq!(memo.passage_state(es, evidence), PassageState::Stale);
    let status = memo.translation_status(es);
    assert_eq!(status.stale, [evidence]);
    assert_eq!(status.missing.len(), 4);

    memo.confirm_translation(es, evidence);
    assert_eq!(memo.passage_state(es, evidence), PassageState::UpToDate);
    let t = memo.translated(es, evidence).unwrap();
    assert_eq!(
        t.text, "Las familias siguen buscando.",
        "confirming keeps the text"
    );
    assert_eq!(
        t.source, memo.findings[0].evidence,
        "and remembers the new source"
    );

    memo.set_reviewed(es, evidence, true);
    assert_eq!(memo.passage_state(es, evidence), PassageState::Reviewed);
    memo.findings[0].evidence.push('!');
    assert_eq!(
        memo.passage_state(es, evidence),
        PassageState::Stale,
        "a reviewed translation goes stale too"
    );
}

#[test]
fn a_translation_survives_reordering_because_it_names_ids() {
    let mut memo = memo();
    memo.recommendations.insert(
        0,
        Recommendation {
            id: RecommendationId(2),
            text: "Report to Congress.".into(),
            addressee: String::new(),
        },
    );
    let first = Passage::Recommendation(RecommendationId(1));
    memo.set_translation(Language::Spanish, first, "Retener los fondos.".into());
    memo.recommendations.swap(0, 1);
    let es = memo.in_language(Language::Spanish);
    assert_eq!(es.memo.recommendations[0].text, "Retener los fondos.");
    assert_eq!(es.memo.recommendations[1].text, "Report to Congress.");
    assert_eq!(first.describe(&memo), "Recommendation 1");
}

#[test]
fn the_memo_in_another_language_has_its_translations_labels_and_country_names() {
    let mut memo = memo();
    let es = Language::Spanish;
    memo.set_translation(
        es,
        Passage::Subject,
        "Condiciones de derechos humanos".into(),
    );
    memo.set_translation(
        es,
        Passage::Evidence(FindingId(4)),
        "Las familias siguen buscando.".into(),
    );
    let localized = memo.in_language(es);
    let printed = &localized.memo;
    assert_eq!(printed.language, es);
    assert_eq!(printed.subject, "Condiciones de derechos humanos");
    assert_eq!(
        printed.findings[0].evidence,
        "Las familias siguen buscando."
    );
    assert_eq!(
        printed.findings[0].title, "Disappearances",
        "missing: the source prints"
    );
    assert_eq!(printed.signatories[0].country, "México");
    assert_eq!(printed.signatories[0].organization, "Centro Prodh");
    assert_eq!(printed.printed_heading(), "MEMORÁNDUM");
    assert!(printed.translations.is_empty());
    assert_eq!(
        localized.missing,
        [
            Passage::Introduction,
            Passage::FindingTitle(FindingId(4)),
            Passage::Recommendation(RecommendationId(1)),
        ]
    );
    assert!(localized.stale.is_empty());
    // The source language is the memo itself, not a copy.
    assert!(matches!(
        memo.in_language(Language::English).memo,
        Cow::Borrowed(_)
    ));
    assert_eq!(memo.printed_heading(), "MEMORANDUM");
}

#[test]
fn a_custom_heading_is_a_passage_and_a_default_one_follows_the_language() {
    let mut memo = memo();
    memo.heading = "MEMORÁNDUM".into();
    assert_eq!(
        memo.printed_heading(),
        "MEMORANDUM",
        "a default in any language"
    );
    memo.heading = "URGENT MEMO".into();
    assert_eq!(memo.passages()[0].0, Passage::Heading);
    memo.set_translation(Language::Spanish, Passage::Heading, "MEMO URGENTE".into());
    assert_eq!(
        memo.in_language(Language::Spanish).memo.printed_heading(),
        "MEMO URGENTE"
    );
}

#[test]
fn fingerprints_are_stable_and_tell_texts_apart() {
    // Fixed here, so a partner's build agrees on what is stale.
    assert_eq!(fingerprint(""), "e3b0c44298fc1c14");
    assert_ne!(fingerprint("a"), fingerprint("a "));
}

#[test]
fn translation_languages_leave_out_the_source_language() {
    let mut memo = memo();
    memo.add_translation(Language::English);
    assert!(memo.translations.is_empty(), "not into its own language");
    memo.add_translation(Language::Spanish);
    assert_eq!(memo.languages(), [Language::English, Language::Spanish]);
    memo.language = Language::Spanish;
    assert_eq!(memo.languages(), [Language::Spanish]);
}

#[test]
fn what_changed_in_the_source_is_shown_word_by_word_around_the_change() {
    let was = format!(
        "{} Of 52 complaints, four reached a prosecutor.",
        "Earlier text. ".repeat(20)
    );
    let now = was.replace("52", "57");
    let changes = source_changes(&was, &now);
    assert!(
        changes.contains(&SourceChange::Removed("52".into())),
        "{changes:?}"
    );
    assert!(
        changes.contains(&SourceChange::Added("57".into())),
        "{changes:?}"
    );
    let SourceChange::Same(first) = &changes[0] else {
        panic!("{changes:?}")
    };
    assert!(
        first.starts_with('…') && first.ends_with("Of "),
        "a long unchanged start is cut to the words before the change: {first:?}"
    );
}

#[test]
fn a_removed_findings_translation_never_attaches_to_the_next_one_added() {
    let mut memo = memo();
    let es = Language::Spanish;
    let old = Passage::FindingTitle(FindingId(4));
    memo.set_translation(es, old, "Desapariciones".into());
    // Finding 3 stays; finding 4, the last, is removed.
    memo.findings.insert(
        0,
        Finding {
            id: FindingId(3),
            title: "Vetting".into(),
            ..Default::default()
        },
    );
    memo.findings.pop();
    let id = memo.next_finding_id();
    assert_ne!(
        id,
        FindingId(4),
        "the removed finding's id is not given again"
    );
    memo.findings.push(Finding {
        id,
        title: "Torture".into(),
        ..Default::default()
    });
    assert_eq!(
        memo.passage_state(es, Passage::FindingTitle(id)),
        PassageState::Missing
    );
    // The same for recommendations: the last one removed keeps its id out of use.
    memo.set_translation(
        es,
        Passage::Recommendation(RecommendationId(1)),
        "Retener.".into(),
    );
    memo.recommendations.clear();
    assert_ne!(memo.next_recommendation_id(), RecommendationId(1));
}

#[test]
fn confirming_a_changed_source_takes_back_the_review() {
    let mut memo = memo();
    let es = Language::Spanish;
    memo.set_translation(es, Passage::Subject, "Condiciones".into());
    memo.set_reviewed(es, Passage::Subject, true);
    memo.subject.push('!');
    memo.confirm_translation(es, Passage::Subject);
    assert_eq!(
        memo.passage_state(es, Passage::Subject),
        PassageState::UpToDate
    );
}

#[test]
fn choosing_a_translations_language_makes_its_text_the_memos_and_keeps_the_old_as_translation() {
    let mut memo = memo();
    let es = Language::Spanish;
    memo.set_translation(es, Passage::Subject, "Condiciones".into());
    memo.set_translation(es, Passage::Introduction, "Les escribimos.".into());
    memo.introduction.push_str(" Today.");
    assert_eq!(
        memo.passage_state(es, Passage::Introduction),
        PassageState::Stale
    );

    memo.make_source(es);
    assert_eq!(memo.language, es);
    assert_eq!(memo.subject, "Condiciones");
    assert_eq!(memo.introduction, "Les escribimos.");
    assert_eq!(
        memo.findings[0].title, "Disappearances",
        "untranslated: kept"
    );
    let en = Language::English;
    assert_eq!(memo.translation_languages().collect::<Vec<_>>(), [en]);
    assert_eq!(
        memo.translated(en, Passage::Subject).unwrap().text,
        "Human rights conditions"
    );
    assert_eq!(
        memo.passage_state(en, Passage::Subject),
        PassageState::UpToDate
    );
    assert_eq!(
        memo.passage_state(en, Passage::Introduction),
        PassageState::Stale,
        "the Spanish was behind the English: someone should look"
    );
    assert_eq!(
        memo.passage_state(en, Passage::FindingTitle(FindingId(4))),
        PassageState::Missing
    );

    memo.make_source(en);
    assert_eq!(memo.subject, "Human rights conditions");
    assert_eq!(memo.introduction, "We write to you. Today.");
    assert_eq!(
        memo.translated(es, Passage::Subject).unwrap().text,
        "Condiciones"
    );
}
