//! The release as `CommonMark`, for content systems: the memo's emphasis and links
//! re-emitted, every other character that Markdown would read as markup escaped with a
//! backslash (`CommonMark`'s backslash escapes), so a field shows as it was typed.

use super::{Block, ReleaseDoc, Span};

/// Characters escaped wherever they are: inline markup, HTML, entities, and GitHub's
/// tables and strikethrough.
const ALWAYS: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '!'];

fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        if ALWAYS.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// What would start a block at the beginning of a line (a heading, a list item, a
/// setext underline, indented code) is escaped there.
fn escape_line_start(line: &str) -> String {
    let line = line.trim_start_matches([' ', '\t']);
    if line.starts_with(['#', '-', '+', '=']) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = line.get(digits..)
        && rest.starts_with(['.', ')'])
    {
        return format!("{}\\{rest}", line.get(..digits).unwrap_or_default());
    }
    line.to_owned()
}

/// Spans as inline Markdown, on one or more lines (a hard break ends a line).
fn inline(spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        // Emphasis markers must touch the text: spaces go outside them.
        let core = s.text.trim_matches([' ', '\n']);
        let lead = s
            .text
            .get(..s.text.len() - s.text.trim_start_matches([' ', '\n']).len());
        let trail = s.text.get(s.text.trim_end_matches([' ', '\n']).len()..);
        push_breaks(&mut out, lead.unwrap_or_default());
        if !core.is_empty() {
            let marker = match (s.bold, s.italic) {
                (true, true) => "***",
                (true, false) => "**",
                (false, true) => "*",
                (false, false) => "",
            };
            out.push_str(marker);
            if s.link.is_some() {
                out.push('[');
            }
            for (i, line) in core.split('\n').enumerate() {
                if i > 0 {
                    out.push_str("\\\n");
                }
                escape(&mut out, line);
            }
            if let Some(url) = &s.link {
                // The pointy-bracket form: the address needs no escaping but of its
                // brackets, which a parsed URL never has.
                out.push_str("](<");
                out.push_str(&url.replace(['<', '>', '\n'], ""));
                out.push_str(">)");
            }
            out.push_str(marker);
        }
        push_breaks(&mut out, trail.unwrap_or_default());
    }
    out.split('\n')
        .map(escape_line_start)
        .collect::<Vec<_>>()
        .join("\n")
}

/// White space around a span: spaces kept, line breaks as hard breaks.
fn push_breaks(out: &mut String, space: &str) {
    for c in space.chars() {
        if c == '\n' {
            out.push_str("\\\n");
        } else {
            out.push(' ');
        }
    }
}

fn plain_text(text: &str) -> String {
    let mut out = String::new();
    escape(&mut out, text);
    escape_line_start(&out)
}

/// The release as a `CommonMark` document.
pub fn render(doc: &ReleaseDoc) -> String {
    let mut parts: Vec<String> = Vec::new();
    for block in &doc.blocks {
        parts.push(match block {
            Block::Notice(notice) => format!("**{}**", plain_text(notice).trim()),
            Block::Headline(s) => format!("# {}", inline(s).replace("\\\n", " ")),
            Block::Subheadline(s) => {
                let italic: Vec<Span> = s
                    .iter()
                    .map(|span| Span {
                        italic: true,
                        ..span.clone()
                    })
                    .collect();
                inline(&italic)
            }
            Block::Heading(h) => format!("## {}", plain_text(h)),
            Block::Subheading(h) => format!("### {}", plain_text(h)),
            Block::Paragraph(s) => inline(s),
            Block::Quote {
                paragraphs,
                attribution,
            } => {
                let mut lines: Vec<String> = Vec::new();
                for (i, p) in paragraphs.iter().enumerate() {
                    if i > 0 {
                        lines.push(">".to_owned());
                    }
                    lines.extend(inline(p).split('\n').map(|l| format!("> {l}")));
                }
                if !attribution.is_empty() {
                    lines.push(">".to_owned());
                    lines.push(format!("> \u{2014} {}", plain_text(attribution)));
                }
                lines.join("\n")
            }
            Block::List(items) => items
                .iter()
                .map(|item| format!("- {}", inline(item).replace('\n', "\n  ")))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::End(end) => plain_text(end),
        });
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}
