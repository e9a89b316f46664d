//! Problems as the editor's panel lists them (check and layout together), and the drafts
//! `memodraft new` starts from.

use std::path::Path;

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

/// A change to a quote, with the words of the one problem it causes.
type Change = (&'static str, fn(&mut Quote));

#[test]
fn a_quote_problem_is_listed_once() {
    let sample = memodraft::storage::sample().unwrap();
    let before = problems(&sample);
    let quote = sample.quotes.first().unwrap().id;
    assert!(sample.finding(FindingId(999)).is_none());
    let changes: [Change; 2] = [
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
        // The press release features the first quote: it says so once too, about the
        // release, when the quote it would print has no attribution.
        let about_release = after.iter().filter(|(p, _)| *p == Part::Release).count();
        let expected = usize::from(problem == "no attribution");
        assert_eq!(about_release, expected, "{problem}: {after:#?}");
        assert_eq!(after.len(), before.len() + 1 + expected, "{after:#?}");
    }
}

#[test]
fn new_makes_a_blank_memo_and_new_sample_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&Path]| crate::memodraft(args);
    let blank = dir.path().join("blank.ron");
    let out = run(&[Path::new("new"), &blank]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let memo = memodraft::storage::load_draft(&blank).unwrap();
    assert!(memo.findings.is_empty() && memo.signatories.is_empty() && memo.subject.is_empty());
    assert!(memo.date.is_some(), "dated today, as File > New does");

    let sample = dir.path().join("sample.ron");
    let out = run(&[Path::new("new"), Path::new("--sample"), &sample]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        memodraft::storage::load_draft(&sample).unwrap(),
        memodraft::storage::sample().unwrap()
    );
}
