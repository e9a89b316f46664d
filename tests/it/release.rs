//! The press release through the real binary in its three formats, on the sample and on
//! a memo whose fields try to inject markup; its HTML parsed as a browser would
//! (html5ever, through scraper), with every parse error counted; and the editor's
//! release preview following an edit of the memo at once.

use std::fs;
use std::path::{Path, PathBuf};

use egui_kittest::kittest::{NodeT, Queryable};
use memodraft::model::{Memo, SignOnStatus};
use scraper::{Html, Selector};

use crate::memodraft_in;

const SAMPLE: &str = include_str!("../../assets/examples/sample-memo.ron");

/// Writes `memo` as a draft and runs `memodraft release` on it in `format`.
fn write_release(dir: &Path, draft: &str, format: &str) -> String {
    let out = memodraft_in(
        dir,
        &[
            "release",
            draft,
            "--format",
            format,
            "-o",
            &format!("out.{format}"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    fs::read_to_string(dir.join(format!("out.{format}"))).unwrap()
}

fn draft(dir: &Path, memo: &Memo) -> PathBuf {
    let path = dir.join("memo.ron");
    fs::write(&path, memodraft::storage::to_ron(memo)).unwrap();
    path
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text_of(e: &scraper::ElementRef<'_>) -> String {
    e.text().collect()
}

/// The page parsed as HTML5, with the parse errors html5ever reports.
pub(crate) fn parse_valid(page: &str) -> Html {
    let html = Html::parse_document(page);
    assert!(html.errors.is_empty(), "{:?}\n{page}", html.errors);
    html
}

/// The items of the list under the heading `heading` (HTML).
fn html_list(html: &Html, heading: &str) -> Vec<String> {
    let h2 = select(html, "h2")
        .into_iter()
        .find(|h| text_of(h) == heading)
        .unwrap_or_else(|| panic!("no heading {heading}"));
    let list = h2
        .next_siblings()
        .find_map(scraper::ElementRef::wrap)
        .unwrap();
    assert_eq!(list.value().name(), "ul");
    list.children()
        .filter_map(scraper::ElementRef::wrap)
        .map(|li| text_of(&li))
        .collect()
}

/// The `- ` items of the list after the line `heading` (Markdown and text).
fn text_list(text: &str, heading: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == heading)
        .unwrap_or_else(|| panic!("no heading {heading} in\n{text}"));
    lines[at + 1..]
        .iter()
        .skip_while(|l| !l.starts_with("- "))
        .take_while(|l| l.starts_with("- "))
        .map(|l| l.trim_start_matches("- ").replace('\\', ""))
        .collect()
}

#[test]
fn the_sample_release_in_three_formats() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("memo.ron"), SAMPLE).unwrap();
    let memo = memodraft::storage::from_ron(SAMPLE).unwrap();
    let release = memo.release.clone().unwrap();
    let confirmed: Vec<&str> = memo
        .confirmed()
        .map(|(_, s)| s.organization.as_str())
        .collect();
    assert!(confirmed.len() >= 9);
    let quotes = vec![memo.quotes[0].text.clone(), memo.quotes[1].text.clone()];
    let mut must_show: Vec<&str> = vec![
        &release.headline,
        "Washington, D.C., November 20, 2026",
        "###",
    ];
    for c in &release.contacts {
        must_show.extend([c.name.as_str(), &c.email, &c.phone]);
    }

    for format in ["html", "md", "txt"] {
        let out = write_release(dir.path(), "memo.ron", format);
        let (signatories, contacts, body) = match format {
            "html" => {
                let html = parse_valid(&out);
                let body = text_of(&select(&html, "body")[0]);
                assert_eq!(select(&html, "html")[0].value().attr("lang"), Some("en"));
                assert_eq!(text_of(&select(&html, "h1")[0]), release.headline);
                let blockquotes: Vec<String> = select(&html, "blockquote")
                    .iter()
                    .map(|q| text_of(q).trim().to_owned())
                    .collect();
                assert_eq!(blockquotes, quotes, "the first two quotes, word for word");
                (
                    html_list(&html, "Signing organizations"),
                    html_list(&html, "Media contacts"),
                    body,
                )
            }
            "md" => (
                text_list(&out, "## Signing organizations"),
                text_list(&out, "## Media contacts"),
                out.clone(),
            ),
            _ => (
                text_list(&out, "Signing organizations"),
                text_list(&out, "Media contacts"),
                out.clone(),
            ),
        };
        for shown in must_show
            .iter()
            .chain(quotes.iter().map(|q| &q[..]).collect::<Vec<_>>().iter())
        {
            assert!(body.contains(shown), "{format}: {shown} missing");
        }
        // Every confirmed signatory exactly once, in the printed order; no other.
        assert_eq!(
            signatories.len(),
            confirmed.len(),
            "{format}: {signatories:?}"
        );
        for (item, name) in signatories.iter().zip(&confirmed) {
            assert!(item.starts_with(name), "{format}: {item} is not {name}");
        }
        for s in &memo.signatories {
            let times = body.matches(s.organization.as_str()).count();
            let expected = usize::from(s.status == SignOnStatus::Confirmed);
            assert_eq!(
                times, expected,
                "{format}: {} ({:?})",
                s.organization, s.status
            );
        }
        assert_eq!(contacts.len(), release.contacts.len());
        assert!(!body.contains(&memo.notes), "{format}: the internal notes");
        for s in &memo.signatories {
            // (A signatory's contact who is also a media contact is shown as that.)
            for c in s
                .contacts
                .iter()
                .filter(|c| !release.contacts.iter().any(|m| m.email == c.email))
            {
                assert!(!body.contains(&c.email), "{format}: {}", c.email);
            }
        }
    }

    // Nothing loads from elsewhere; the only links are the memo's own.
    let page = write_release(dir.path(), "memo.ron", "html");
    for never in [
        "<script", "src=", "<link", "<img", "<iframe", "@import", "url(",
    ] {
        assert!(!page.contains(never), "{never}");
    }
    let html = parse_valid(&page);
    let mut own = vec![release.memo_url.clone()];
    own.extend(memodraft::model::text::links(&release.boilerplate));
    own.extend(
        release
            .contacts
            .iter()
            .map(|c| format!("mailto:{}", c.email)),
    );
    for a in select(&html, "[href]") {
        let href = a.value().attr("href").unwrap();
        assert!(
            own.iter().any(|o| o == href),
            "{href} is not one of the memo's links"
        );
    }
}

#[test]
fn each_language_gets_its_release_named_as_export_names_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("memo.ron"), SAMPLE).unwrap();
    let out = memodraft_in(dir.path(), &["release", "memo.ron", "--lang", "all"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The sample's one stale passage is a finding's evidence, which the release does not
    // print: nothing to warn about there.
    assert!(
        !stderr.contains("Finding 2 evidence"),
        "the release warns only about what it prints: {stderr}"
    );
    let es = fs::read_to_string(dir.path().join("memo-release.es.html")).unwrap();
    let html = parse_valid(&es);
    assert_eq!(select(&html, "html")[0].value().attr("lang"), Some("es"));
    assert!(es.contains("PARA DIFUSIÓN INMEDIATA"));
    assert!(es.contains("Washington, D.C., 20 de noviembre de 2026"));
    assert!(es.contains("Organizaciones de derechos humanos de Estados Unidos y México piden"));
    assert!(dir.path().join("memo-release.en.html").exists());

    let out = memodraft_in(dir.path(), &["release", "memo.ron"]);
    assert!(out.status.success());
    assert!(
        dir.path().join("memo-release.html").exists(),
        "the default name"
    );
    let out = memodraft_in(dir.path(), &["release", "memo.ron", "--format", "pdf"]);
    assert!(!out.status.success(), "an unknown format is refused");
}

const HOSTILE: [&str; 4] = [
    "<script>alert(1)</script>",
    "Tom & Jerry &amp; &lt;",
    "\"double\" and 'single' quotes",
    "# Not a heading **not bold** [x](javascript:alert(1)) <b>b</b>",
];

#[test]
fn fields_that_look_like_markup_show_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut memo = memodraft::storage::from_ron(SAMPLE).unwrap();
    let all = HOSTILE.join(" | ");
    memo.subject = format!("Subject {all}");
    memo.quotes[0].text = format!("Quote {all}");
    memo.quotes[0].attribution = format!("Attribution {all}");
    memo.signatories[0].organization = format!("Org {}", HOSTILE[0]);
    memo.signatories[0].status = SignOnStatus::Confirmed;
    let release = memo.release.as_mut().unwrap();
    release.headline = String::new();
    release.dateline_city = HOSTILE[1].to_owned();
    release.embargo = HOSTILE[2].to_owned();
    release.contacts[0].name = HOSTILE[0].to_owned();
    release.contacts[0].phone = HOSTILE[2].to_owned();
    release.memo_url = "javascript:alert(1)".to_owned();
    draft(dir.path(), &memo);

    let page = write_release(dir.path(), "memo.ron", "html");
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<b>"), "{page}");
    assert!(!page.contains("href=\"javascript"), "{page}");
    let html = parse_valid(&page);
    let body = text_of(&select(&html, "body")[0]);
    for h in HOSTILE.iter().take(3) {
        assert!(body.contains(h), "{h} shows as typed");
    }
    assert!(text_of(&select(&html, "title")[0]).contains(HOSTILE[0]));

    let md = write_release(dir.path(), "memo.ron", "md");
    let mut shown = String::new();
    for event in pulldown_cmark::Parser::new(&md) {
        match event {
            pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) => {
                panic!("raw HTML {h} in\n{md}")
            }
            pulldown_cmark::Event::Text(t) => shown.push_str(&t),
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                assert!(!dest_url.starts_with("javascript"), "{md}");
            }
            _ => {}
        }
    }
    for h in HOSTILE.iter().take(3) {
        assert!(shown.contains(h), "Markdown shows {h} as text:\n{md}");
    }

    let txt = write_release(dir.path(), "memo.ron", "txt");
    for h in HOSTILE.iter().take(3) {
        assert!(txt.contains(h), "text shows {h}");
    }
}

#[test]
fn editing_a_quote_changes_the_release_preview_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crate::editor::harness(crate::editor::config(dir.path()));
    crate::editor::click(&mut h, "Press release");
    let quote = h.state().memo().quotes[0].text.clone();
    assert!(
        h.query_by_label_contains(&quote).is_some(),
        "the release preview shows the first quote"
    );
    assert!(
        h.query_by_label_contains("Fresh words from the field")
            .is_none()
    );
    let n = h.state().memo().quotes.len();
    crate::editor::click(&mut h, &format!("Quotes ({n})"));
    crate::editor::type_into(&mut h, "Quote", Some(0), " Fresh words from the field.");
    assert!(
        h.state().memo().quotes[0]
            .text
            .ends_with("Fresh words from the field."),
        "{}",
        h.state().memo().quotes[0].text
    );
    assert_eq!(
        shown_in_labels(&h, "Fresh words from the field"),
        1,
        "the release preview shows the edited quote"
    );
}

/// Labels (not text fields or links) whose text contains `text`: what the release
/// preview shows.
fn shown_in_labels(h: &egui_kittest::Harness<'_, memodraft::ui::App>, text: &str) -> usize {
    h.query_all_by_label_contains(text)
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::Label)
        .count()
}

#[test]
fn confirming_a_signatory_adds_it_to_the_release_preview_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crate::editor::harness(crate::editor::config(dir.path()));
    crate::editor::click(&mut h, "Press release");
    let memo = h.state().memo();
    let invited = memo
        .signatories
        .iter()
        .position(|s| s.status == SignOnStatus::Invited)
        .unwrap();
    let name = memo.signatories[invited].organization.clone();
    let outline = memodraft::ui::Section::Signatories.label(memo);
    assert_eq!(
        shown_in_labels(&h, &name),
        0,
        "an invited one is not listed"
    );
    crate::editor::click(&mut h, &outline);
    crate::editor::click(&mut h, &format!("Status {}", invited + 1));
    crate::editor::click(&mut h, "Confirmed");
    assert_eq!(
        h.state().memo().signatories[invited].status,
        SignOnStatus::Confirmed
    );
    assert_eq!(shown_in_labels(&h, &name), 1, "now it is, once");
}

#[test]
fn a_release_is_started_and_its_drafted_lede_taken_to_edit() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crate::editor::harness(crate::editor::config(dir.path()));
    h.state_mut().memo_mut().release = None;
    h.run();
    crate::editor::click(&mut h, "Press release");
    assert!(
        h.query_by_label("Copy HTML").is_none(),
        "no release, no preview"
    );
    crate::editor::click(&mut h, "Start a press release");
    assert!(h.state().memo().release.is_some());
    assert!(
        h.query_by_label("Copy HTML").is_some(),
        "the release is shown"
    );
    let drafted = memodraft::release::drafted_lede(h.state().memo());
    assert!(
        drafted.contains("3 U.S. and 7 Mexican organizations"),
        "{drafted}"
    );
    crate::editor::click(&mut h, "Edit the drafted lede");
    let lede = &h.state().memo().release.as_ref().unwrap().lede;
    assert_eq!(lede, &drafted);
    assert!(
        shown_in_labels(&h, &drafted) >= 1,
        "the preview shows the lede"
    );
}
