//! Problems as the editor's panel lists them (check and layout together), and the drafts
//! `memodraft new` starts from.

use memodraft::fonts::Fonts;
use memodraft::model::{FindingId, Part, Placement, Quote};

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
    assert!(sample.finding(FindingId(999)).is_none());
    let changes: [(&str, fn(&mut Quote)); 2] = [
        ("no attribution", |q| q.attribution.clear()),
        ("will not print", |q| {
            q.placement = Placement::Finding(FindingId(999));
        }),
    ];
    for (problem, change) in changes {
        let mut memo = sample.clone();
        change(&mut memo.quotes[0]);
        let after = problems(&memo);
        let about_quote: Vec<_> = after
            .iter()
            .filter(|(p, _)| *p == Part::Quote(quote))
            .collect();
        assert_eq!(about_quote.len(), 1, "{problem}: {about_quote:#?}");
        assert!(about_quote[0].1.contains(problem), "{about_quote:#?}");
        assert_eq!(after.len(), before.len() + 1, "{after:#?}");
    }
}
