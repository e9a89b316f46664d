//! The release as plain text, for the body of an email: no markup, links as "text
//! (address)", headings on their own lines, quotations in quotation marks.

use std::fmt::Write as _;

use super::{Block, ReleaseDoc, Span};

/// Spans as plain text; a link whose text is not its address gets the address after it.
fn inline(spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        out.push_str(&s.text);
        if let Some(url) = &s.link {
            let shown = url.strip_prefix("mailto:").unwrap_or(url);
            let same = |a: &str, b: &str| a.trim_end_matches('/') == b.trim_end_matches('/');
            if !same(s.text.trim(), shown) && !same(s.text.trim(), url) {
                let _ = write!(out, " ({url})");
            }
        }
    }
    out
}

/// The release as plain text.
pub fn render(doc: &ReleaseDoc) -> String {
    let mut parts: Vec<String> = Vec::new();
    for block in &doc.blocks {
        parts.push(match block {
            Block::Notice(text) | Block::End(text) => text.clone(),
            Block::Headline(s) => {
                let headline = inline(s);
                format!("{headline}\n{}", "=".repeat(headline.chars().count()))
            }
            Block::Subheadline(s) | Block::Paragraph(s) => inline(s),
            Block::Heading(h) => format!("{h}\n{}", "-".repeat(h.chars().count())),
            Block::Subheading(h) => h.clone(),
            Block::Quote {
                paragraphs,
                attribution,
            } => {
                let text: Vec<String> = paragraphs.iter().map(|p| inline(p)).collect();
                let mut quote = format!("\u{201c}{}\u{201d}", text.join("\n\n"));
                if !attribution.is_empty() {
                    let _ = write!(quote, "\n\u{2014} {attribution}");
                }
                quote
            }
            Block::List(items) => items
                .iter()
                .map(|item| format!("- {}", inline(item)))
                .collect::<Vec<_>>()
                .join("\n"),
        });
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}
