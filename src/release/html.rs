//! The release as one self-contained HTML5 page: inline CSS, no scripts, nothing loaded
//! from elsewhere; semantic markup (h1, figure and blockquote, ul) that pastes cleanly
//! into a website's editor or an email. Every text is escaped (pulldown-cmark's escaping),
//! and a link's address is used only when memodraft allows it (http, https, mailto).

use pulldown_cmark_escape::{escape_href, escape_html_body_text};

use super::{Block, ReleaseDoc, Span};
use crate::model::text::is_allowed_url;

/// Readable on its own, and harmless where a site's own styles take over.
const STYLE: &str = "body{margin:0;background:#fff;color:#1a1a1a}\
article{max-width:42em;margin:2em auto;padding:0 1em;font:1.05em/1.55 Georgia,'Times New Roman',serif}\
.notice{font:bold .85em/1.4 Arial,Helvetica,sans-serif;letter-spacing:.05em}\
h1{font-size:1.7em;line-height:1.25;margin:.4em 0}\
.subheadline{font-size:1.15em;font-style:italic;margin-top:0}\
h2{font-size:1.15em;margin:1.6em 0 .4em}\
h3{font-size:1em;margin:1em 0 .3em}\
figure{margin:1.2em 0}\
blockquote{margin:0 0 .3em;padding-left:1em;border-left:3px solid #8a8a8a;font-style:italic}\
figcaption{padding-left:1.2em;color:#444}\
.end{text-align:center;margin-top:2em}\
a{color:#0b4f8a}";

/// Text that may go into an HTML text node or attribute: characters HTML5 forbids in a
/// document (NUL and other control characters, noncharacters) are dropped.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            let n = u32::from(c);
            let control = c.is_control() && c != '\n' && c != '\t';
            let nonchar = (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE;
            !control && !nonchar
        })
        .collect()
}

/// Escaped text for a text node.
fn text(out: &mut String, s: &str) {
    // Writing to a String cannot fail.
    let _ = escape_html_body_text(&mut *out, &clean(s));
}

/// Styled spans as inline HTML; a hard line break is `<br>`.
fn spans(out: &mut String, spans: &[Span]) {
    for s in spans {
        let href = s.link.as_deref().filter(|url| is_allowed_url(url));
        if let Some(url) = href {
            // escape_href percent-encodes what may not stand in a quoted attribute.
            out.push_str("<a href=\"");
            let _ = escape_href(&mut *out, &clean(url.trim()));
            out.push_str("\">");
        }
        if s.bold {
            out.push_str("<strong>");
        }
        if s.italic {
            out.push_str("<em>");
        }
        for (i, line) in s.text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<br>");
            }
            text(out, line);
        }
        if s.italic {
            out.push_str("</em>");
        }
        if s.bold {
            out.push_str("</strong>");
        }
        if href.is_some() {
            out.push_str("</a>");
        }
    }
}

fn element(out: &mut String, open: &str, close: &str, content: &[Span]) {
    out.push_str(open);
    spans(out, content);
    out.push_str(close);
    out.push('\n');
}

/// The release as a complete HTML5 document.
pub fn render(doc: &ReleaseDoc) -> String {
    let mut out = String::with_capacity(8 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    out.push_str(doc.language.code());
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>");
    text(&mut out, &doc.title);
    out.push_str("</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<article>\n");
    for block in &doc.blocks {
        match block {
            Block::Notice(notice) => {
                out.push_str("<p class=\"notice\">");
                text(&mut out, notice);
                out.push_str("</p>\n");
            }
            Block::Headline(s) => element(&mut out, "<h1>", "</h1>", s),
            Block::Subheadline(s) => element(&mut out, "<p class=\"subheadline\">", "</p>", s),
            Block::Heading(heading) => {
                out.push_str("<h2>");
                text(&mut out, heading);
                out.push_str("</h2>\n");
            }
            Block::Subheading(heading) => {
                out.push_str("<h3>");
                text(&mut out, heading);
                out.push_str("</h3>\n");
            }
            Block::Paragraph(s) => element(&mut out, "<p>", "</p>", s),
            Block::Quote {
                paragraphs,
                attribution,
            } => {
                out.push_str("<figure>\n<blockquote>\n");
                for p in paragraphs {
                    element(&mut out, "<p>", "</p>", p);
                }
                out.push_str("</blockquote>\n");
                if !attribution.is_empty() {
                    out.push_str("<figcaption>\u{2014} ");
                    text(&mut out, attribution);
                    out.push_str("</figcaption>\n");
                }
                out.push_str("</figure>\n");
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    element(&mut out, "<li>", "</li>", item);
                }
                out.push_str("</ul>\n");
            }
            Block::End(end) => {
                out.push_str("<p class=\"end\">");
                text(&mut out, end);
                out.push_str("</p>\n");
            }
        }
    }
    out.push_str("</article>\n</body>\n</html>\n");
    out
}
