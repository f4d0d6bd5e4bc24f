//! What the page metadata, the sitemap and the feeds share: a page's absolute address,
//! made from `base_url` (which `check` holds to an `http(s)` address), and text escaped
//! for XML and HTML (serve's error overlay escapes with it too). Pure.

use crate::model::Site;

/// The absolute address of the page at output path `path`: a folder page by its folder
/// (`demo/2025-report/index.html` → `https://…/tjgb/demo/2025-report/`), any other file
/// by its name; the path percent-encoded beyond ASCII (unit folders may be Chinese), as a
/// sitemap requires.
pub(crate) fn page_url(site: &Site, path: &str) -> String {
    let dir = path.strip_suffix("index.html").unwrap_or(path);
    format!(
        "{}{}",
        site.config.base_url,
        crate::links::encode_url_path(dir)
    )
}

/// Appends `text` escaped for XML element text and double-quoted attributes; the
/// characters XML 1.0 does not allow (controls other than tab and line breaks) are left
/// out, as no parser would read a file holding them.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c) => {}
            '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// An element `<name>text</name>` with `text` escaped.
pub(crate) fn element(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    escape_into(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        let mut out = String::new();
        escape_into(&mut out, "A&B <i>\"x\"</i> 'y'\u{1}\u{85}\t增长5.7%");
        assert_eq!(
            out,
            "A&amp;B &lt;i&gt;&quot;x&quot;&lt;/i&gt; &#39;y&#39;\t增长5.7%"
        );
    }
}
