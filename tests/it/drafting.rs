//! Problems as the editor's panel lists them (check and layout together), and the drafts
//! `memodraft new` starts from.

use memodraft::fonts::Fonts;
use memodraft::model::{FindingId, Part, Placement, QuoteId};

/// Every problem the problems panel lists: `Memo::check` and layout's warnings.
fn problems(memo: &memodraft::model::Memo) -> Vec<(Part, String)> {
    let fonts = Fonts::new().unwrap();
    let laid = memodraft::layout::layout(memo, &fonts, &memo.page);
    let date = memo.date.unwrap_or(jiff::civil::date(2026, 3, 3));
    memo.check_on(date)
        .into_iter()
        .map(|i| (i.part, i.message))
        .chain(laid.warnings.into_iter().map(|w| (w.part, w.message)))
        .collect()
}

#[test]
fn a_quote_problem_is_listed_once() {
    let sample = memodraft::storage::sample().unwrap();
    let before = problems(&sample);
    let quote = sample.quotes.first().unwrap().id;

    let mut unattributed = sample.clone();
    unattributed.quotes[0].attribution.clear();
    let after = problems(&unattributed);
    let about_quote: Vec<_> = after
        .iter()
        .filter(|(p, _)| *p == Part::Quote(quote))
        .collect();
    assert_eq!(about_quote.len(), 1, "{about_quote:#?}");
    assert!(about_quote[0].1.contains("no attribution"));
    assert_eq!(after.len(), before.len() + 1, "{after:#?}");

    let mut orphaned = sample.clone();
    orphaned.quotes[0].placement = Placement::Finding(FindingId(999));
    let after = problems(&orphaned);
    let about_quote: Vec<_> = after
        .iter()
        .filter(|(p, _)| *p == Part::Quote(quote))
        .collect();
    assert_eq!(about_quote.len(), 1, "{about_quote:#?}");
    assert!(about_quote[0].1.contains("will not print"));
    assert_eq!(after.len(), before.len() + 1, "{after:#?}");
    assert_ne!(quote, QuoteId(999));
}
