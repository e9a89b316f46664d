//! The XMP metadata stream (ISO 16684-1) of an export: title, author, subject and
//! keywords as in the Info dictionary, the dates, and the PDF/UA identification
//! (`pdfuaid:part 1`) that tells readers and checkers which standard the file follows.

use crate::layout::DocInfo;

/// The XMP packet for `info`, created and modified at `created`.
pub(super) fn packet(info: &DocInfo, created: jiff::Timestamp, producer: &str) -> String {
    let date = created.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let lang = escape(info.language);
    let alt = |value: &str| {
        format!(
            "<rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt>",
            escape(value)
        )
    };
    let creator = if info.author.trim().is_empty() {
        String::new()
    } else {
        format!(
            "\n      <dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            escape(&info.author)
        )
    };
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about=""
        xmlns:dc="http://purl.org/dc/elements/1.1/"
        xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
        xmlns:xmp="http://ns.adobe.com/xap/1.0/"
        xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
      <dc:format>application/pdf</dc:format>
      <dc:title>{title}</dc:title>{creator}
      <dc:description>{subject}</dc:description>
      <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
      <pdf:Keywords>{keywords}</pdf:Keywords>
      <pdf:Producer>{producer}</pdf:Producer>
      <xmp:CreatorTool>memodraft</xmp:CreatorTool>
      <xmp:CreateDate>{date}</xmp:CreateDate>
      <xmp:ModifyDate>{date}</xmp:ModifyDate>
      <xmp:MetadataDate>{date}</xmp:MetadataDate>
      <pdfuaid:part>1</pdfuaid:part>
    </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{FEFF}',
        title = alt(&info.title),
        subject = alt(&info.subject),
        keywords = escape(&info.keywords_line()),
        producer = escape(producer),
    )
}

/// `s` as XML character data.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 does not allow: control characters a draft may hold.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packet_names_the_title_and_pdf_ua_part_1_with_markup_escaped() {
        let info = DocInfo {
            title: "Aid & <conditions>".to_owned(),
            language: "en",
            ..DocInfo::default()
        };
        let xmp = packet(&info, jiff::Timestamp::UNIX_EPOCH, "memodraft");
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(
            xmp.contains(">Aid &amp; &lt;conditions&gt;</rdf:li>"),
            "{xmp}"
        );
        assert!(xmp.contains("<xmp:CreateDate>1970-01-01T00:00:00Z</xmp:CreateDate>"));
    }
}
