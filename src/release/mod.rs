//! The press release, composed from the memo so it never drifts from it: a format-free
//! document ([`ReleaseDoc`]: headings, paragraphs of styled spans, quotations, lists)
//! built from the memo as it prints in one language (`Memo::in_language`), then written
//! as HTML (`html.rs`), `CommonMark` (`markdown.rs`) or plain text (`text.rs`). Depends on
//! the model only: no egui, no I/O.
//!
//! Everything comes from the memo: its subject, date, findings, quotes, recommendations
//! and confirmed signatories (in the printed order, `model::order::printed_groups`),
//! plus the release's own fields (`model::Release`). Internal notes and the signatories'
//! contacts are never read.

pub mod html;
pub mod markdown;
pub mod text;
mod wording;

use crate::model::order::printed_groups;
use crate::model::text::{inline, is_allowed_url, paragraphs};
use crate::model::{Language, Memo, Release, SignatoryOrder, canonical_country};

pub use crate::model::text::Span;
pub use wording::{Counts, Wording, wording};

/// One block of a release, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// "FOR IMMEDIATE RELEASE" or the embargo line, above the headline.
    Notice(String),
    Headline(Vec<Span>),
    Subheadline(Vec<Span>),
    /// A section heading ("Signing organizations").
    Heading(String),
    /// A country's heading in a list of signatories grouped by country.
    Subheading(String),
    Paragraph(Vec<Span>),
    /// A quotation from the memo, word for word, with who said it.
    Quote {
        paragraphs: Vec<Vec<Span>>,
        attribution: String,
    },
    List(Vec<Vec<Span>>),
    /// The end mark, "###".
    End(String),
}

/// A press release in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReleaseDoc {
    pub language: Language,
    /// The headline as plain text (the HTML page's title).
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The formats a release is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Text,
}

impl Format {
    pub const ALL: [Self; 3] = [Self::Html, Self::Markdown, Self::Text];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::Markdown => "md",
            Self::Text => "txt",
        }
    }

    /// A format from its name or extension (`html`, `md`, `markdown`, `txt`, `text`).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(Self::Html),
            "md" | "markdown" => Some(Self::Markdown),
            "txt" | "text" => Some(Self::Text),
            _ => None,
        }
    }

    pub fn render(self, doc: &ReleaseDoc) -> String {
        match self {
            Self::Html => html::render(doc),
            Self::Markdown => markdown::render(doc),
            Self::Text => text::render(doc),
        }
    }
}

/// The text of `spans` without styles.
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

fn span(text: impl Into<String>) -> Span {
    Span {
        text: text.into(),
        ..Span::default()
    }
}

fn bold(text: impl Into<String>) -> Span {
    Span {
        bold: true,
        ..span(text)
    }
}

/// A link to `url` (kept only when memodraft allows it, see `safe_links`).
fn link(text: impl Into<String>, url: &str) -> Span {
    Span {
        link: Some(url.trim().to_owned()),
        ..span(text)
    }
}

/// Confirmed signatories counted as U.S., Mexican or other, by country
/// (`model::canonical_country`, so "EE. UU." and "United States" are one).
pub fn counts(memo: &Memo) -> Counts {
    let mut counts = Counts::default();
    for (_, s) in memo.confirmed() {
        match canonical_country(&s.country) {
            Some("United States") => counts.us += 1,
            Some("Mexico") => counts.mexico += 1,
            _ => counts.other += 1,
        }
    }
    counts
}

/// The lede memodraft drafts for `memo` (already in the release's language) when none
/// is typed: who sent what to whom, and when.
pub fn drafted_lede(memo: &Memo) -> String {
    let release = memo.release.clone().unwrap_or_default();
    let language = memo.language;
    let recipients: Vec<String> = memo
        .to
        .iter()
        .map(crate::model::Recipient::line)
        .filter(|line| !line.is_empty())
        .collect();
    let date = release.date.or(memo.date).map(|d| language.format_date(d));
    wording::drafted_lede(
        counts(memo),
        &wording::join_and(&recipients, language),
        date.as_deref(),
        &plain(&inline(&memo.subject)),
        language,
    )
}

/// The release of `memo` as it prints: pass the memo in the release's language
/// (`memo.in_language(lang).memo`). A memo without a release section gets the defaults.
pub fn compose(memo: &Memo) -> ReleaseDoc {
    let release = memo.release.clone().unwrap_or_default();
    let language = memo.language;
    let words = wording(language);
    let labels = language.labels();
    let mut blocks = Vec::new();

    let notice = release.embargo.trim();
    blocks.push(Block::Notice(if notice.is_empty() {
        words.immediate.to_owned()
    } else {
        notice.to_owned()
    }));
    let headline = if release.headline.trim().is_empty() {
        inline(&memo.subject)
    } else {
        inline(&release.headline)
    };
    let title = plain(&headline).trim().to_owned();
    blocks.push(Block::Headline(headline));
    if !release.subheadline.trim().is_empty() {
        blocks.push(Block::Subheadline(inline(&release.subheadline)));
    }

    // The dateline opens the lede: "Washington, D.C., June 25, 2012 —".
    let date = release.date.or(memo.date).map(|d| language.format_date(d));
    let dateline: Vec<&str> = [release.dateline_city.trim(), date.as_deref().unwrap_or("")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let mut lede = if release.lede.trim().is_empty() {
        vec![vec![span(drafted_lede(memo))]]
    } else {
        paragraphs(&release.lede)
    };
    if !dateline.is_empty()
        && let Some(first) = lede.first_mut()
    {
        first.insert(0, bold(format!("{} \u{2014} ", dateline.join(", "))));
    }
    blocks.extend(lede.into_iter().map(Block::Paragraph));

    for finding in memo.findings.iter().filter(|f| !f.title.trim().is_empty()) {
        let mut spans: Vec<Span> = inline(&finding.title)
            .into_iter()
            .map(|s| Span { bold: true, ..s })
            .collect();
        if let Some(last) = spans.last_mut() {
            last.text.push('.');
        }
        spans.push(span(format!(
            " {}",
            wording::assessment_sentence(finding.assessment, language)
        )));
        blocks.push(Block::Paragraph(spans));
    }

    for quote in release.featured_quotes(memo) {
        let text = paragraphs(&quote.text);
        if text.is_empty() {
            continue;
        }
        blocks.push(Block::Quote {
            paragraphs: text,
            attribution: quote.attribution.trim().to_owned(),
        });
    }

    let recommendations: Vec<Vec<Span>> = memo
        .recommendations
        .iter()
        .filter(|r| !r.text.trim().is_empty())
        .map(|r| {
            let mut item = Vec::new();
            if !r.addressee.trim().is_empty() {
                item.push(bold(format!("{}: ", r.addressee.trim())));
            }
            item.extend(inline(&r.text));
            item
        })
        .collect();
    if !recommendations.is_empty() {
        blocks.push(Block::Heading(labels.recommendations.to_owned()));
        blocks.push(Block::List(recommendations));
    }

    let url = release.memo_url.trim();
    if !url.is_empty() {
        blocks.push(Block::Paragraph(vec![
            span(format!("{} ", words.full_memo)),
            link(url, url),
        ]));
    }

    signatories(memo, &words, &mut blocks);
    contacts(&release, &words, &mut blocks);
    blocks.extend(
        paragraphs(&release.boilerplate)
            .into_iter()
            .map(Block::Paragraph),
    );
    blocks.push(Block::End(words.end.to_owned()));
    for block in &mut blocks {
        safe_links(block);
    }
    ReleaseDoc {
        language,
        title,
        blocks,
    }
}

/// Keeps only links memodraft allows (http, https, mailto), each as its parsed address
/// (which never holds a space, a quote or an angle bracket); others become plain text.
fn safe_links(block: &mut Block) {
    let spans: Vec<&mut Vec<Span>> = match block {
        Block::Headline(s) | Block::Subheadline(s) | Block::Paragraph(s) => vec![s],
        Block::Quote { paragraphs, .. } => paragraphs.iter_mut().collect(),
        Block::List(items) => items.iter_mut().collect(),
        Block::Notice(_) | Block::Heading(_) | Block::Subheading(_) | Block::End(_) => Vec::new(),
    };
    for span in spans.into_iter().flatten() {
        span.link = span
            .link
            .take()
            .filter(|url| is_allowed_url(url))
            .and_then(|url| url::Url::parse(url.trim()).ok())
            .map(String::from);
    }
}

/// The confirmed signatories, in the memo's printed order (grouped by country when the
/// memo is).
fn signatories(memo: &Memo, words: &Wording, blocks: &mut Vec<Block>) {
    let groups = printed_groups(memo);
    if groups.iter().all(|(_, members)| members.is_empty()) {
        return;
    }
    blocks.push(Block::Heading(words.signatories.to_owned()));
    let grouped = memo.sign_on.order == SignatoryOrder::ByCountry;
    for (country, members) in groups {
        if grouped {
            blocks.push(Block::Subheading(if country.is_empty() {
                memo.language.labels().no_country.to_owned()
            } else {
                country
            }));
        }
        let items = members
            .into_iter()
            .map(|(_, s)| {
                let place = if grouped {
                    s.city.trim().to_owned()
                } else {
                    s.place()
                };
                let name = s.printed_name();
                vec![span(if place.is_empty() {
                    name
                } else {
                    format!("{name} ({place})")
                })]
            })
            .collect();
        blocks.push(Block::List(items));
    }
}

/// The media contacts: name, email (a mailto link) and phone.
fn contacts(release: &Release, words: &Wording, blocks: &mut Vec<Block>) {
    let items: Vec<Vec<Span>> = release
        .contacts
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| {
            let mut item = Vec::new();
            let sep = |item: &mut Vec<Span>| {
                if !item.is_empty() {
                    item.push(span(", "));
                }
            };
            if !c.name.trim().is_empty() {
                item.push(span(c.name.trim()));
            }
            let email = c.email.trim();
            if !email.is_empty() {
                sep(&mut item);
                item.push(link(email, &format!("mailto:{email}")));
            }
            if !c.phone.trim().is_empty() {
                sep(&mut item);
                item.push(span(c.phone.trim()));
            }
            item
        })
        .collect();
    if !items.is_empty() {
        blocks.push(Block::Heading(words.contacts.to_owned()));
        blocks.push(Block::List(items));
    }
}

/// The release of `memo` in `language`, with the passages that had no translation and
/// those translated from an older text.
pub fn compose_in(memo: &Memo, language: Language) -> Localized {
    let shown = memo.in_language(language);
    let printed = |p: &crate::model::Passage| p.printed_in(crate::model::Output::Release);
    Localized {
        doc: compose(&shown.memo),
        missing: shown.missing.into_iter().filter(printed).collect(),
        stale: shown.stale.into_iter().filter(printed).collect(),
    }
}

/// A release in one language and what its translation lacked.
#[derive(Clone, Debug)]
pub struct Localized {
    pub doc: ReleaseDoc,
    pub missing: Vec<crate::model::Passage>,
    pub stale: Vec<crate::model::Passage>,
}

#[cfg(test)]
mod tests;
