//! Links: the one link policy, and links as data.
//!
//! The policy ([`classify`]) decides every link and image address a page carries, from
//! commentary, raw HTML or a template: a relative path, `#fragment`, `http:`, `https:`,
//! `mailto:` or `tel:`; any other scheme, in any spelling a browser would still read as
//! one (case, leading controls and spaces, tabs and newlines inside, character
//! references, percent-encoding), and protocol-relative `//host` are refused.
//! [`url_attributes`] finds the addresses in HTML for it, and [`script_constructs`] what
//! in HTML kept as written would run script; both read tags as a browser's tokenizer
//! does ([`html_tags`]).
//!
//! Links found while rendering are kept as data ([`LinkRef`], [`PageLinks`]); the
//! pipeline checks them ([`crate::check::links`]). No module here reports on a page as a
//! whole.

use std::borrow::Cow;
use std::path::PathBuf;

use crate::diagnostic::{Code, Diagnostic, Position};

/// A relative link found in commentary.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LinkRef {
    pub dest: String,
    pub file: PathBuf,
    pub position: Position,
}

/// What one rendered page offers and asks for.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct PageLinks {
    /// Output path of the page, e.g. `luan-kfq/2025-work-conference/index.html`.
    pub path: String,
    pub ids: Ids,
    pub links: Vec<LinkRef>,
}

/// The ids of one page's elements, one a line: a page has a handful, and a province has
/// 110,000 pages, so they are kept as one string rather than a set of strings.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Ids(String);

impl Ids {
    pub fn contains(&self, id: &str) -> bool {
        self.0.lines().any(|known| known == id)
    }
}

/// What a link or image address is, by the link policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Dest {
    /// `#anchor` (or `#`) on the same page.
    Fragment,
    /// A path inside the site (checked by [`check`] when it comes from commentary).
    Relative,
    /// A path from the server's root (`/tjgb/x.pdf`): not checked, not refused.
    Absolute,
    /// `http:`, `https:`, `mailto:` or `tel:`.
    External,
    /// Anything else: the scheme as a browser would read it (`javascript`, `data`), or
    /// `//` for a protocol-relative address.
    Refused(String),
}

/// The schemes a page may link to.
pub(crate) const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Decides `raw` (an attribute value as written, or a Markdown destination) by the link
/// policy. The address is first read as a browser would (WHATWG URL parsing after HTML
/// character references are decoded): references and percent-escapes decoded (more
/// than once: decoding too much can only refuse more), leading C0 controls and spaces
/// stripped, tabs and newlines removed anywhere, `\` read as `/`.
pub(crate) fn classify(raw: &str) -> Dest {
    let mut text = raw.to_string();
    for _ in 0..3 {
        let decoded = decode_references(&text);
        let decoded = percent_encoding::percent_decode_str(&decoded)
            .decode_utf8_lossy()
            .into_owned();
        if decoded == text {
            break;
        }
        text = decoded;
    }
    let text: String = text
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    if text.starts_with("//") {
        return Dest::Refused("//".to_string());
    }
    if text.starts_with('#') {
        return Dest::Fragment;
    }
    if text.starts_with('/') {
        return Dest::Absolute;
    }
    let first = text.split(['/', '?', '#']).next().unwrap_or("");
    if let Some((scheme, _)) = first.split_once(':') {
        let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if valid {
            let scheme = scheme.to_ascii_lowercase();
            return if ALLOWED_SCHEMES.contains(&scheme.as_str()) {
                Dest::External
            } else {
                Dest::Refused(scheme)
            };
        }
    }
    Dest::Relative
}

/// The error for a refused address: `raw` as written, `scheme` as [`classify`] read it.
pub(crate) fn refused(file: &std::path::Path, raw: &str, scheme: &str) -> Diagnostic {
    let shown: String = raw.chars().take(80).flat_map(char::escape_debug).collect();
    let message = if scheme == "//" {
        text!(
            "the address `{shown}` is protocol-relative (`//host`): it leaves the site by whatever scheme the page was opened with",
            "地址“{shown}”省略了协议（`//主机`）：会按打开页面时的协议离开本站"
        )
    } else {
        text!(
            "the address `{shown}` uses the scheme `{scheme}:`, which no public page may carry",
            "地址“{shown}”使用了 `{scheme}:` 协议，公开页面不能带这种链接"
        )
    };
    Diagnostic::error(Code::UnsafeLink, file, message)
        .expected(text!(
            "a relative path, `#anchor`, `http://`, `https://`, `mailto:` or `tel:`",
            "相对路径、`#锚点`、`http://`、`https://`、`mailto:` 或 `tel:`"
        ))
        .hint(if scheme == "//" {
            text!("write the scheme: `https://host/…`", "写明协议：`https://主机/…`")
        } else {
            text!(
                "link to a page or file of the site, or to an `https://` address; scripts, `data:` and local files are never linked",
                "链接到本站的页面或文件，或 `https://` 地址；脚本、`data:` 和本地文件一律不能链接"
            )
        })
}

/// The error for raw HTML that would run script (`what`: `<script>`, `<img onerror=…>`).
pub(crate) fn script(file: &std::path::Path, what: &str) -> Diagnostic {
    Diagnostic::error(
        Code::UnsafeLink,
        file,
        text!(
            "raw HTML `{what}` would run script on the page, which no public page may carry, `allow_raw_html` or not",
            "HTML 代码“{what}”会在页面上运行脚本，公开页面不能带脚本（无论是否设了 `allow_raw_html`）"
        ),
    )
    .expected(text!(
        "HTML without `<script>`, event handlers (`on…=`), `srcdoc`, `<meta http-equiv>`, `<base>`, `<svg>` or `<math>`",
        "不含 `<script>`、事件处理属性（`on…=`）、`srcdoc`、`<meta http-equiv>`、`<base>`、`<svg>` 或 `<math>` 的 HTML"
    ))
    .hint(text!(
        "remove it; a picture goes in as PNG (`![图](chart.png)`), a link as `<a href=\"https://…\">`",
        "请删去；图片用 PNG 插入（`![图](chart.png)`），链接写成 `<a href=\"https://…\">`"
    ))
}

/// HTML character references decoded as an attribute value's are: decimal and hex
/// (with or without `;`), and the named ones that can spell a scheme's letters or
/// separators. Others are left as they are.
fn decode_references(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    const NAMED: [(&str, char); 8] = [
        ("colon", ':'),
        ("tab", '\t'),
        ("newline", '\n'),
        ("sol", '/'),
        ("amp", '&'),
        ("num", '#'),
        ("percnt", '%'),
        ("bsol", '\\'),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(num) = rest.strip_prefix('#') {
            let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
                Some(hex) => (hex, 16, 2),
                None => (num, 10, 1),
            };
            let len = digits
                .find(|c: char| !c.is_digit(radix))
                .unwrap_or(digits.len());
            if len > 0 {
                // Any number of leading zeros (`&#00000000097;` is `a`); a value past
                // U+10FFFF, NUL or a surrogate is U+FFFD, as browsers read it.
                let significant = digits[..len].trim_start_matches('0');
                let c = (significant.len() <= 8)
                    .then(|| u32::from_str_radix(significant, radix).unwrap_or(0))
                    .filter(|&n| n != 0)
                    .and_then(char::from_u32)
                    .unwrap_or('\u{FFFD}');
                out.push(c);
                rest = &rest[skip + len..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
                continue;
            }
        } else if let Some((name, c)) = NAMED.iter().find(|(n, _)| {
            rest.get(..n.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(n))
        }) {
            out.push(*c);
            rest = &rest[name.len()..];
            rest = rest.strip_prefix(';').unwrap_or(rest);
            continue;
        }
        out.push('&');
    }
    out.push_str(rest);
    out
}

/// Attributes whose value a browser loads or follows as an address.
const URL_ATTRIBUTES: [&str; 16] = [
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "srcset",
    "xlink:href",
    "data",
    "background",
    "cite",
    "longdesc",
    "ping",
    "manifest",
    "codebase",
    "usemap",
    "icon",
];

/// One start tag of HTML as a browser's tokenizer reads it: its name (lower case) at
/// byte `at`, and its attributes.
pub(crate) struct HtmlTag<'a> {
    pub name: Cow<'a, str>,
    pub at: usize,
    pub attrs: Vec<HtmlAttr<'a>>,
}

/// An attribute: its name (lower case) at byte `at`, and its value's byte range when it
/// has one (quotes excluded, references not yet decoded).
pub(crate) struct HtmlAttr<'a> {
    pub name: Cow<'a, str>,
    pub at: usize,
    pub value: Option<std::ops::Range<usize>>,
}

/// Every start tag of `html`, as a browser's tokenizer finds them: comments
/// (`<!-- … -->`) and bogus comments (`<!x …>`, `<?x …>`, `</1…>`) are skipped as
/// browsers skip them, and end tags' attributes are read and dropped, so a quote in
/// them cannot hide a tag that follows (`<!-- <a title=" --> <a href="javascript:…">`).
/// The text of `<script>`, `<style>` and the other raw-text elements is read both ways
/// — as text, as HTML does, and as markup, as it is inside `<svg>` or `<math>`
/// (`<svg><style><a href="javascript:…">`) — and the tags of both readings returned.
/// Finding more can only refuse more.
pub(crate) fn html_tags(html: &str) -> Vec<HtmlTag<'_>> {
    let mut tags = scan_tags(html, true);
    // The second reading is how a browser reads inside foreign content, which only an
    // `<svg>` or `<math>` the first reading finds can open (hidden in raw text, it is
    // text): most pages, every page the built-in theme renders among them, need one.
    if !tags
        .iter()
        .any(|t| matches!(t.name.as_ref(), "svg" | "math"))
    {
        return tags;
    }
    let mut seen: std::collections::HashSet<usize> = tags.iter().map(|t| t.at).collect();
    tags.extend(
        scan_tags(html, false)
            .into_iter()
            .filter(|t| seen.insert(t.at)),
    );
    tags.sort_by_key(|t| t.at);
    tags
}

/// `name` in lower case, borrowed when it is already (every name our templates write):
/// a page's tags are read on every build, and a new string per tag and attribute was a
/// measurable part of a large build.
fn lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// Elements whose content HTML reads as text up to their end tag.
const RAW_TEXT: [&str; 9] = [
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
];

/// One reading of `html` for [`html_tags`]; `raw_text`: skip the content of
/// [`RAW_TEXT`] elements, as HTML (not SVG or MathML) does.
fn scan_tags(html: &str, raw_text: bool) -> Vec<HtmlTag<'_>> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + lt;
        i = at + 1;
        let rest = &bytes[i..];
        if rest.starts_with(b"!--") {
            // `<!-->` and `<!--->` end at once; otherwise at `-->` or `--!>`.
            let body = i + 3;
            i = if bytes[body..].starts_with(b">") {
                body + 1
            } else if bytes[body..].starts_with(b"->") {
                body + 2
            } else {
                let close = memchr::memmem::find(&bytes[body..], b"-->").map(|p| body + p + 3);
                let bang = memchr::memmem::find(&bytes[body..], b"--!>").map(|p| body + p + 4);
                match (close, bang) {
                    (Some(a), Some(b)) => a.min(b),
                    (a, b) => a.or(b).unwrap_or(bytes.len()),
                }
            };
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = i + usize::from(closing);
        let letter = bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic);
        if !letter {
            if matches!(rest.first(), Some(b'!' | b'?'))
                || (closing && bytes.get(name_start) != Some(&b'>'))
            {
                // A bogus comment, to the next `>`.
                i = memchr::memchr(b'>', &bytes[i..]).map_or(bytes.len(), |p| i + p + 1);
            }
            continue;
        }
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
            .map_or(bytes.len(), |p| name_start + p);
        let mut tag = HtmlTag {
            name: lower(&html[name_start..name_end]),
            at,
            attrs: Vec::new(),
        };
        i = name_end;
        // Attributes up to the closing `>`.
        loop {
            while bytes
                .get(i)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
            {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                i = (i + 1).min(bytes.len());
                break;
            }
            let start = i;
            // The first character may be `=` (`<a =x>`: an attribute named `=x`).
            i += 1;
            while bytes
                .get(i)
                .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
            {
                i += 1;
            }
            let mut attr = HtmlAttr {
                name: lower(&html[start..i]),
                at: start,
                value: None,
            };
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            if bytes.get(i) != Some(&b'=') {
                tag.attrs.push(attr);
                continue;
            }
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            attr.value = Some(match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = memchr::memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |p| i + 1 + p);
                    let range = i + 1..end;
                    i = (end + 1).min(bytes.len());
                    range
                }
                _ => {
                    let start = i;
                    while bytes
                        .get(i)
                        .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                    {
                        i += 1;
                    }
                    start..i
                }
            });
            tag.attrs.push(attr);
        }
        if closing {
            continue;
        }
        if raw_text && RAW_TEXT.contains(&tag.name.as_ref()) {
            let close = format!("</{}", tag.name);
            i = find_ascii_case_insensitive(&html[i..], &close).map_or(bytes.len(), |p| i + p);
        }
        found.push(tag);
    }
    found
}

/// Every address-carrying attribute value in `html`, as written (references not yet
/// decoded), with its byte range; `srcset` and `ping` give one address per candidate,
/// and a `style` one per `url(…)`.
pub(crate) fn url_attributes(html: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut found = Vec::new();
    for tag in html_tags(html) {
        for attr in tag.attrs {
            let Some(range) = attr.value else { continue };
            let value = &html[range.clone()];
            let attr = attr.name.as_ref();
            if attr == "style" {
                for (r, address) in css_urls(value) {
                    found.push((range.start + r.start..range.start + r.end, address));
                }
            } else if attr == "srcset" || attr == "ping" {
                // `a.png 1x, b.png 2x`: the first word of each candidate; `ping` is a
                // list of addresses separated by spaces.
                let separator = if attr == "srcset" { ',' } else { ' ' };
                let mut offset = range.start;
                for part in value.split(separator) {
                    let lead = part.len() - part.trim_start().len();
                    let address = part.split_whitespace().next().unwrap_or("");
                    if !address.is_empty() {
                        found.push((offset + lead..offset + lead + address.len(), address));
                    }
                    offset += part.len() + 1;
                }
            } else if URL_ATTRIBUTES.contains(&attr) {
                found.push((range, value));
            }
        }
    }
    found
}

/// The addresses of `url(…)` in a `style` value, quotes excluded (`url( "a.png" )`).
fn css_urls(style: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(p) = find_ascii_case_insensitive(&style[from..], "url(") {
        let open = from + p + 4;
        let close = style[open..].find(')').map_or(style.len(), |c| open + c);
        let inner = &style[open..close];
        let lead = inner.len() - inner.trim_start().len();
        let trimmed = inner.trim();
        let unquoted = trimmed.trim_matches(|c| c == '"' || c == '\'');
        let skip = lead + (trimmed.len() - trimmed.trim_start_matches(['"', '\'']).len());
        found.push((open + skip..open + skip + unquoted.len(), unquoted));
        from = close.min(style.len());
    }
    found
}

/// What in raw HTML would run script on the page, each with its byte offset: a
/// `<script>`, an event handler (`onerror=`), an `<iframe srcdoc>`, a
/// `<meta http-equiv>` (a refresh is a redirect), a `<base>` (it moves every relative
/// link), and `<svg>` or `<math>` (whose `<set>`, `<animate>` and `<style>` rewrite
/// links after any check). No public page carries these, with or without
/// `allow_raw_html` (ARCHITECTURE.md, "Decisions").
pub(crate) fn script_constructs(html: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for tag in html_tags(html) {
        if matches!(tag.name.as_ref(), "script" | "svg" | "math" | "base") {
            found.push((tag.at, format!("<{}>", tag.name)));
            continue;
        }
        for attr in &tag.attrs {
            let meta = tag.name == "meta" && attr.name == "http-equiv";
            if attr.name.starts_with("on") || attr.name == "srcdoc" || meta {
                found.push((attr.at, format!("<{} {}=…>", tag.name, attr.name)));
            }
        }
    }
    found
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The ids of `html`'s elements (a plain scan: our own output, not arbitrary HTML).
pub fn ids(html: &[u8]) -> Ids {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = crate::needles::ID_ATTR.find(rest) {
        rest = &rest[i + 5..];
        if let Some(end) = memchr::memchr(b'"', rest) {
            out.push_str(&String::from_utf8_lossy(&rest[..end]));
            out.push('\n');
            rest = &rest[end..];
        }
    }
    Ids(out)
}

/// `path` relative to folder `dir`, as an output file path (`a/b/` → `a/b/index.html`);
/// None when it climbs out of the site.
pub fn resolve(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') || out.is_empty() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str("index.html");
    }
    Some(out)
}

/// Characters escaped when a decoded path goes back into a URL: a `Location` header of
/// `serve`, a `file://` address given to the browser that prints PDFs (besides controls
/// and every non-ASCII byte).
const URL_PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// A decoded path as it is written in a URL.
pub(crate) fn encode_url_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, URL_PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(resolve("a/b", "../c/").as_deref(), Some("a/c/index.html"));
        assert_eq!(resolve("a/b", "x.pdf").as_deref(), Some("a/b/x.pdf"));
        assert_eq!(resolve("", "../x"), None);
        assert_eq!(resolve("a", "../").as_deref(), Some("index.html"));
    }

    #[test]
    fn the_link_policy_reads_schemes_as_browsers_do() {
        let refused = |s: &str| Dest::Refused(s.to_string());
        for (raw, expected) in [
            ("2024-report.md", Dest::Relative),
            ("../luan-kfq/", Dest::Relative),
            ("附件/表1.xlsx#sheet", Dest::Relative),
            ("a/b:c", Dest::Relative),
            ("#table-1", Dest::Fragment),
            ("/tjgb/x.pdf", Dest::Absolute),
            ("https://www.gov.cn/", Dest::External),
            ("HTTP://www.gov.cn/", Dest::External),
            ("mailto:tjj@example.gov.cn", Dest::External),
            ("tel:0564-0000000", Dest::External),
            ("javascript://%0aalert(1)", refused("javascript")),
            ("JaVaScRiPt:alert(1)", refused("javascript")),
            (" \u{1}javascript:alert(1)", refused("javascript")),
            ("java\tscr\nipt:alert(1)", refused("javascript")),
            ("&#106;avascript:alert(1)", refused("javascript")),
            ("&#x6A;avascript:alert(1)", refused("javascript")),
            ("&#0000106avascript:alert(1)", refused("javascript")),
            ("j&#00000000097;vascript:alert(1)", refused("javascript")),
            ("&#x00000000006A;avascript:alert(1)", refused("javascript")),
            ("java&#0;script:alert(1)", Dest::Relative),
            ("javascript&colon;alert(1)", refused("javascript")),
            ("%6Aavascript:alert(1)", refused("javascript")),
            ("%256Aavascript:alert(1)", refused("javascript")),
            ("data:text/html,x", refused("data")),
            ("vbscript:msgbox", refused("vbscript")),
            ("file:///etc/passwd", refused("file")),
            ("C:\\secret.doc", refused("c")),
            ("//evil.example", refused("//")),
            ("\\\\evil.example", refused("//")),
            ("/\\evil.example", refused("//")),
        ] {
            assert_eq!(classify(raw), expected, "{raw:?}");
        }
    }

    #[test]
    fn finds_the_addresses_of_html() {
        let html = r#"<p>x</p><A HREF='a.html' title="href=x"><img alt=y src=b.png><img srcset="c.png 1x, d.png 2x"><svg><style><a href=f></style></svg><a href = "e"><div style="background: URL( 'g.png' )">"#;
        let found: Vec<&str> = url_attributes(html)
            .into_iter()
            .map(|(r, v)| {
                assert_eq!(&html[r], v);
                v
            })
            .collect();
        assert_eq!(
            found,
            ["a.html", "b.png", "c.png", "d.png", "f", "e", "g.png"]
        );
    }

    #[test]
    fn comments_and_end_tags_hide_nothing_from_the_scan() {
        for html in [
            r#"<!-- <a title=" --> <a href="javascript:x"> <!-- " -->"#,
            r#"<!--> <a href="javascript:x">"#,
            r#"<? <a title="> <a href="javascript:x"> <? ">"#,
            r#"</p title="<a title="> <a href="javascript:x">"#,
            r#"<script>var s = '<a title="';</script><a href="javascript:x">"#,
        ] {
            let found: Vec<&str> = url_attributes(html).into_iter().map(|(_, v)| v).collect();
            assert!(found.contains(&"javascript:x"), "{html}: {found:?}");
        }
        // A tag inside a comment is no tag.
        assert!(url_attributes("<!-- <a href=\"javascript:x\"> -->").is_empty());
    }

    #[test]
    fn finds_ids() {
        let found = ids(br#"<h2 id="fn-1">x</h2><div class="a" id="table-1">"#);
        assert!(found.contains("fn-1") && found.contains("table-1"));
    }
}
