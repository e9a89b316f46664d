use super::*;
use crate::model::{
    Assessment, Contact, Finding, FindingId, MediaContact, Passage, Placement, Quote, QuoteId,
    Recipient, ReleaseText, SignOnStatus, Signatory,
};

fn signatory(name: &str, country: &str, status: SignOnStatus) -> Signatory {
    Signatory {
        organization: name.into(),
        city: "Ciudad".into(),
        country: country.into(),
        status,
        contacts: vec![Contact {
            name: "Private Person".into(),
            email: "private@example.org".into(),
        }],
        ..Signatory::default()
    }
}

fn quote(id: u32, text: &str) -> Quote {
    Quote {
        id: QuoteId(id),
        text: text.into(),
        attribution: format!("Witness {id}"),
        placement: Placement::Finding(FindingId(1)),
        ..Quote::default()
    }
}

fn memo() -> Memo {
    Memo {
        subject: "Conditions on security aid".into(),
        date: Some(jiff::civil::date(2026, 11, 20)),
        to: vec![Recipient {
            name: "The Secretary of State".into(),
            ..Recipient::default()
        }],
        findings: vec![Finding {
            id: FindingId(1),
            title: "Search for the disappeared".into(),
            assessment: Assessment::NotMet,
            evidence: "Families search alone.".into(),
        }],
        quotes: vec![
            quote(1, "We dig with our own hands."),
            quote(2, "The file went to a military court."),
            quote(3, "The letter did not stop them."),
        ],
        signatories: vec![
            signatory("Centro Prodh", "México", SignOnStatus::Confirmed),
            signatory("WOLA", "USA", SignOnStatus::Confirmed),
            signatory(
                "Latin America Working Group",
                "United States",
                SignOnStatus::Confirmed,
            ),
            signatory("Still Thinking", "Mexico", SignOnStatus::Invited),
            signatory("Said No", "Mexico", SignOnStatus::Declined),
            signatory("Left Us", "Mexico", SignOnStatus::Withdrawn),
        ],
        notes: "INTERNAL NOTE never to print".into(),
        release: Some(Release {
            dateline_city: "Washington, D.C.".into(),
            contacts: vec![MediaContact {
                name: "Lucía Ramírez".into(),
                email: "press@example.org".into(),
                phone: "+1 202 555 0100".into(),
            }],
            ..Release::default()
        }),
        ..Memo::default()
    }
}

fn quotes(doc: &ReleaseDoc) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Quote { paragraphs, .. } => {
                Some(paragraphs.iter().map(|p| plain(p)).collect::<String>())
            }
            _ => None,
        })
        .collect()
}

fn lists(doc: &ReleaseDoc) -> Vec<Vec<String>> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::List(items) => Some(items.iter().map(|i| plain(i)).collect()),
            _ => None,
        })
        .collect()
}

#[test]
fn defaults_come_from_the_memo() {
    let doc = compose(&memo());
    assert_eq!(
        doc.title, "Conditions on security aid",
        "headline: the subject"
    );
    assert_eq!(
        doc.blocks.first(),
        Some(&Block::Notice("FOR IMMEDIATE RELEASE".into()))
    );
    let Some(Block::Paragraph(lede)) = doc.blocks.get(2) else {
        panic!("the lede follows the headline: {:?}", doc.blocks);
    };
    assert_eq!(
        plain(lede),
        "Washington, D.C., November 20, 2026 \u{2014} On November 20, 2026, 2 U.S. and 1 Mexican organizations sent a memo to The Secretary of State on \u{201c}Conditions on security aid\u{201d}."
    );
    assert!(lede.first().is_some_and(|s| s.bold), "the dateline is bold");
    assert_eq!(
        quotes(&doc),
        [
            "We dig with our own hands.",
            "The file went to a military court."
        ],
        "the first two quotes"
    );
    assert!(doc.blocks.iter().any(|b| matches!(b, Block::Paragraph(p)
        if plain(p) == "Search for the disappeared. The organizations find that this condition has not been met.")));
    assert_eq!(doc.blocks.last(), Some(&Block::End("###".into())));

    // The release's own date and chosen quotes win over the defaults.
    let mut memo = memo();
    let release = memo.release.as_mut().unwrap();
    release.date = Some(jiff::civil::date(2026, 12, 1));
    release.featured = Some(vec![QuoteId(3)]);
    release.headline = "Groups urge *no* certification".into();
    let doc = compose(&memo);
    assert_eq!(doc.title, "Groups urge no certification");
    assert_eq!(quotes(&doc), ["The letter did not stop them."]);
    assert!(
        text::render(&doc)
            .contains("Washington, D.C., December 1, 2026 \u{2014} On December 1, 2026,")
    );
}

#[test]
fn every_confirmed_signatory_once_and_no_notes_or_contacts() {
    let memo = memo();
    let doc = compose(&memo);
    let lists = lists(&doc);
    let signatories = lists.first().expect("a list of signatories");
    assert_eq!(
        signatories,
        &[
            "Centro Prodh (Ciudad, México)",
            "WOLA (Ciudad, USA)",
            "Latin America Working Group (Ciudad, United States)"
        ]
    );
    for format in Format::ALL {
        let out = format.render(&doc);
        for name in ["Centro Prodh", "WOLA", "Latin America Working Group"] {
            assert_eq!(out.matches(name).count(), 1, "{format:?}: {name}\n{out}");
        }
        for never in [
            "Still Thinking",
            "Said No",
            "Left Us",
            "INTERNAL NOTE",
            "Private Person",
            "private@example.org",
        ] {
            assert!(!out.contains(never), "{format:?} shows {never}");
        }
        for shown in [
            "Lucía Ramírez",
            "press@example.org",
            "+1 202 555 0100",
            "###",
        ] {
            assert!(out.contains(shown), "{format:?} lacks {shown}");
        }
    }
}

#[test]
fn signatories_follow_the_printed_order() {
    let mut memo = memo();
    memo.sign_on.order = crate::model::SignatoryOrder::Alphabetical;
    let doc = compose(&memo);
    let names: Vec<String> = printed_groups(&memo)
        .into_iter()
        .flat_map(|(_, members)| members)
        .map(|(_, s)| s.organization.clone())
        .collect();
    let listed: Vec<String> = lists(&doc)[0]
        .iter()
        .map(|item| item.split(" (").next().unwrap().to_owned())
        .collect();
    assert_eq!(listed, names);
    assert_eq!(listed[0], "Centro Prodh");
}

#[test]
fn a_spanish_release_uses_the_spanish_texts_and_labels() {
    let mut memo = memo();
    memo.add_translation(Language::Spanish);
    memo.set_translation(
        Language::Spanish,
        Passage::Subject,
        "Condiciones de la ayuda".into(),
    );
    memo.set_translation(
        Language::Spanish,
        Passage::QuoteText(QuoteId(1)),
        "Cavamos con nuestras propias manos.".into(),
    );
    memo.set_translation(
        Language::Spanish,
        Passage::Release(ReleaseText::DatelineCity),
        "Washington, D.C.".into(),
    );
    let english = compose_in(&memo, Language::English);
    assert!(english.missing.is_empty());
    let spanish = compose_in(&memo, Language::Spanish);
    let doc = &spanish.doc;
    assert_eq!(doc.language, Language::Spanish);
    assert_eq!(doc.title, "Condiciones de la ayuda");
    assert_eq!(
        doc.blocks.first(),
        Some(&Block::Notice("PARA DIFUSIÓN INMEDIATA".into()))
    );
    assert_eq!(quotes(doc)[0], "Cavamos con nuestras propias manos.");
    let out = text::render(doc);
    assert!(out.contains("Washington, D.C., 20 de noviembre de 2026 \u{2014} El 20 de noviembre de 2026, 2 organizaciones estadounidenses y 1 mexicana enviaron un memorándum a The Secretary of State sobre \u{ab}Condiciones de la ayuda\u{bb}."), "{out}");
    assert!(out.contains("Centro Prodh (Ciudad, México)"));
    assert!(
        out.contains("WOLA (Ciudad, Estados Unidos)"),
        "country names in Spanish"
    );
    assert!(out.contains("Las organizaciones concluyen que esta condición no se ha cumplido."));
    assert!(out.contains("Organizaciones firmantes") && out.contains("Contacto para medios"));
    // Quote 2 has no translation: it prints in English, and the caller is told.
    assert!(spanish.missing.contains(&Passage::QuoteText(QuoteId(2))));
    assert!(out.contains("The file went to a military court."));
}

#[test]
fn markdown_shows_every_field_as_typed() {
    let hostile = "# 1. <b>x</b> & [y](javascript:alert(1)) *z* _w_ `c` | ~s~ \\ !";
    let doc = ReleaseDoc {
        language: Language::English,
        title: String::new(),
        blocks: vec![
            Block::Paragraph(vec![span(hostile)]),
            Block::List(vec![vec![span("- 2) +=")]]),
            Block::End("###".into()),
        ],
    };
    let out = markdown::render(&doc);
    let mut text = String::new();
    for event in pulldown_cmark::Parser::new(&out) {
        match event {
            pulldown_cmark::Event::Text(t) => text.push_str(&t),
            pulldown_cmark::Event::End(_) => text.push('|'),
            pulldown_cmark::Event::Start(
                pulldown_cmark::Tag::Paragraph
                | pulldown_cmark::Tag::List(_)
                | pulldown_cmark::Tag::Item,
            ) => {}
            other => panic!("{other:?} in\n{out}"),
        }
    }
    assert_eq!(text, format!("{hostile}|- 2) +=||###|"), "{out}");
}

#[test]
fn only_allowed_links_become_links() {
    let mut memo = memo();
    memo.findings[0].title =
        "See [this](javascript:alert(1)) and [that](https://example.org/a b)".into();
    memo.release.as_mut().unwrap().memo_url = "https://example.org/memo\"><script>".into();
    let out = html::render(&compose(&memo));
    assert!(!out.contains("javascript:"), "{out}");
    assert!(!out.contains("<script"), "{out}");
    assert!(
        out.contains("<a href=\"https://example.org/memo%22%3E%3Cscript%3E\">"),
        "{out}"
    );
}
