//! Tests of the find and replace walk.

use super::*;
use crate::model::{Finding, Quote, Recipient, Recommendation, Signatory};
use proptest::prelude::*;

fn memo() -> Memo {
    Memo {
        to: vec![Recipient {
            name: "Secretaría de Relaciones Exteriores".into(),
            organization: "Gobierno de México".into(),
            ..Default::default()
        }],
        subject: "Desapariciones en MÉXICO".into(),
        introduction: "En méxico, las familias buscan.".into(),
        findings: vec![Finding {
            id: FindingId(4),
            title: "Búsqueda".into(),
            evidence: "México no informa. Centro Prodh documentó.".into(),
            ..Default::default()
        }],
        quotes: vec![
            Quote {
                id: QuoteId(2),
                text: "Queremos saber dónde están.".into(),
                attribution: "Madre en Iguala, México".into(),
                placement: Placement::Finding(FindingId(4)),
                ..Default::default()
            },
            Quote {
                id: QuoteId(3),
                text: "Sin hallazgo: México.".into(),
                placement: Placement::Finding(FindingId(99)),
                ..Default::default()
            },
        ],
        recommendations: vec![Recommendation {
            text: "Cooperar con México.".into(),
            addressee: "Al Congreso".into(),
            ..Default::default()
        }],
        signatories: vec![Signatory {
            organization: "Centro Prodh".into(),
            country: "México".into(),
            ..Default::default()
        }],
        notes: "México (internal)".into(),
        ..Default::default()
    }
}

fn query(needle: &str) -> Query {
    Query {
        needle: needle.into(),
        ..Default::default()
    }
}

#[test]
fn every_field_reads_and_writes_the_same_text() {
    let mut m = memo();
    for field in fields(&m.clone()) {
        let before = text(&m, field).map(str::to_owned);
        let slot = text_mut(&mut m, field).expect("walked fields exist");
        assert_eq!(Some(slot.clone()), before, "{field:?}");
        slot.push('!');
        assert!(
            text(&m, field).is_some_and(|t| t.ends_with('!')),
            "{field:?}"
        );
    }
    assert_eq!(text(&m, Field::FindingTitle(FindingId(5))), None);
}

#[test]
fn accents_and_case_fold_and_matches_come_in_document_order() {
    let m = memo();
    let found = find_all(&m, &query("méxico"));
    let in_order: Vec<Field> = found.iter().map(|f| f.field).collect();
    assert_eq!(
        in_order,
        vec![
            Field::Recipient {
                cc: false,
                index: 0,
                part: RecipientPart::Organization
            },
            Field::Subject,
            Field::Introduction,
            Field::FindingEvidence(FindingId(4)),
            Field::QuoteAttribution(QuoteId(2)),
            Field::RecommendationText(0),
            Field::Signatory {
                index: 0,
                part: SignatoryPart::Country
            },
            Field::QuoteText(QuoteId(3)),
        ]
    );
    for f in &found {
        let t = text(&m, f.field).expect("field");
        assert_eq!(t[f.range.clone()].to_lowercase(), "méxico");
    }
    // Accents count; case can be made to count.
    assert!(find_all(&m, &query("mexico")).is_empty());
    let exact = Query {
        match_case: true,
        ..query("México")
    };
    assert_eq!(find_all(&m, &exact).len(), 6);
}

#[test]
fn decomposed_accents_match_typed_ones_but_not_their_bare_letter() {
    let t = "Me\u{301}xico y Mexico";
    assert_eq!(find_in(t, &query("méxico")), vec![0..8]);
    assert_eq!(find_in(t, &query("me")), vec![11..13]);
}

#[test]
fn whole_words_use_unicode_boundaries() {
    let q = Query {
        whole_word: true,
        ..query("pro")
    };
    assert_eq!(
        find_in("Centro Prodh y Pro-Juárez, pro.", &q),
        vec![15..18, 28..31]
    );
    let accented = Query {
        whole_word: true,
        ..query("día")
    };
    assert_eq!(find_in("días y día", &accented), vec![8..12]);
}

#[test]
fn lowercasing_that_grows_a_char_never_splits_it() {
    // "İ" lower-cases to "i" plus a combining dot: "i" alone must not match half of it.
    let t = "İstanbul iİ";
    let alone = t.find(" i").unwrap() + 1;
    assert_eq!(find_in(t, &query("i")), vec![alone..alone + 1]);
}

#[test]
fn a_letter_inside_a_decomposed_syllable_is_not_a_match() {
    // Decomposition splits 한 into three jamo, none a combining mark; the first alone
    // is not the syllable.
    assert!(find_in("한국", &query("\u{1112}")).is_empty());
}

#[test]
fn replace_all_and_one_skip_the_notes_and_stale_matches() {
    let mut m = memo();
    let q = query("méxico");
    assert_eq!(replace_all(&mut m, &q, "Mexico"), 8);
    assert!(find_all(&m, &q).is_empty());
    assert_eq!(m.subject, "Desapariciones en Mexico");
    assert_eq!(m.notes, "México (internal)");
    let mut m = Memo {
        closing: "México, MÉXICO y méxico".into(),
        ..Memo::default()
    };
    assert_eq!(replace_all(&mut m, &q, "Mexico"), 3);
    assert_eq!(m.closing, "Mexico, Mexico y Mexico");

    let mut m = memo();
    let first = find_all(&m, &query("prodh")).remove(0);
    assert!(replace(&mut m, &query("prodh"), &first, "Pro-DH"));
    assert_eq!(
        m.findings[0].evidence,
        "México no informa. Centro Pro-DH documentó."
    );
    // The same match again is stale now.
    assert!(!replace(&mut m, &query("prodh"), &first, "Pro-DH"));
}

#[test]
fn an_empty_needle_finds_nothing() {
    assert!(find_all(&memo(), &query("")).is_empty());
}

proptest! {
    #[test]
    fn matches_slice_the_text_and_equal_the_needle(
        hay in "[aAeEéÉiİıßẞ\u{301}\u{130} x-]{0,30}",
        needle in "[aAeEéÉiİ\u{301} ]{1,4}",
        whole_word in any::<bool>(),
    ) {
        let mut m = Memo::default();
        m.closing.clone_from(&hay);
        let q = Query { needle: needle.clone(), match_case: false, whole_word };
        for found in find_all(&m, &q) {
            let t = text(&m, found.field).expect("field");
            let slice = t.get(found.range.clone());
            prop_assert!(slice.is_some(), "{:?} does not slice {:?}", found.range, t);
            prop_assert_eq!(
                fold_str(slice.unwrap_or_default(), false),
                fold_str(&needle, false)
            );
        }
    }
}

#[test]
fn link_addresses_are_never_matched_nor_replaced() {
    let mut memo = Memo {
        introduction: "See [the Mexico report](https://example.org/mexico) on Mexico.".to_owned(),
        ..Memo::default()
    };
    memo.quotes.push(crate::model::Quote {
        url: "https://example.org/mexico".to_owned(),
        ..crate::model::Quote::default()
    });
    let q = query("mexico");
    let found = find_all(&memo, &q);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(replace_all(&mut memo, &q, "México"), 2);
    assert_eq!(
        memo.introduction,
        "See [the México report](https://example.org/mexico) on México."
    );
    assert_eq!(memo.quotes[0].url, "https://example.org/mexico");
}
