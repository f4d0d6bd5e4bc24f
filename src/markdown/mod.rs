//! Commentary → HTML. Parses CommonMark (tables, footnotes, strikethrough) with
//! pulldown-cmark, pairs emphasis by the CJK-friendly amendment so that Chinese bold
//! lead-ins bold ([`emphasis`]; the spec's own examples are run in `commonmark_tests`),
//! expands the data components ([`components`]: inline `{{ gdp.change }}` and fenced
//! ```yoy tables), holds every link, image and raw HTML address to the link policy
//! ([`crate::links::classify`]), and sanitises raw HTML unless the site opts in
//! (HTML kept as written may still carry no script; emphasis left empty by the
//! sanitiser is dropped). Commentary nested past
//! [`MAX_NESTING`] levels is refused before any pass that would take its square.
//! Errors are located in the source file.
//! Knows nothing of pages or templates beyond the table renderer it is handed.

pub mod components;
pub(crate) mod emphasis;

#[cfg(test)]
pub(crate) mod commonmark_tests;

use std::cell::RefCell;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Locator, Position};
use crate::figures::PageFigures;
use crate::figures::table::TableView;
use crate::links::{self as policy, Dest, LinkRef};
use crate::model::{Input, Period, Site};

pub type Spanned<'a> = (Event<'a>, Range<usize>);

/// What commentary needs to resolve its components.
pub struct Context<'a, 'f> {
    pub site: &'f Site,
    /// The unit the commentary belongs to (None on the home page).
    pub unit: Option<usize>,
    /// The bulletin's period; figures without `@period` use it.
    pub period: Option<Period>,
    pub file: &'a Path,
    /// The whole file, for locating errors.
    pub text: &'a str,
    /// Where the Markdown body starts in `text`.
    pub body_offset: usize,
    /// Where it ends (`text.len()`, or where an annex begins).
    pub body_end: usize,
    /// Number headings as official documents do: 一、（一）1.（1） (GB/T 9704 7.3.3).
    pub numbered: bool,
    /// Renders a table view through the theme.
    pub render_table: &'a dyn Fn(&TableView) -> String,
    /// The page's folder in the output (`luan-kfq/2025-work-conference/`, `` for home).
    pub page_dir: &'a str,
    /// What the commentary links to and reads, collected as data for the pipeline.
    pub found: &'a RefCell<Found>,
    /// The page's figures, shared with its key figures and the cross-check.
    pub figures: &'a PageFigures<'f>,
}

/// What rendering commentary found besides its HTML.
#[derive(Debug, Default)]
pub struct Found {
    /// Relative links, for the link check after all pages are rendered.
    pub links: Vec<LinkRef>,
    /// Data and tasks its components read (of its own unit or another's).
    pub inputs: Vec<Input>,
    /// How many table blocks the page's commentary has had so far. A page renders its
    /// parts (a document's notice, the document it issues, each annex) one by one with
    /// the same `Found`, so the tables are numbered through the page: `table-1` once,
    /// and a link to `#table-3` finds the third table, in whichever part it stands.
    pub tables: usize,
}

impl Context<'_, '_> {
    /// Records that the commentary read unit `u`'s data.
    pub(crate) fn read_data(&self, u: usize) {
        let mut found = self.found.borrow_mut();
        let id = &self.site.units[u].id;
        if !found
            .inputs
            .iter()
            .any(|i| matches!(i, Input::Data(d) if d == id))
        {
            found.inputs.push(Input::Data(id.clone()));
        }
    }
}

pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Renders the body of `ctx.text` to HTML, pushing any problem into `diags`.
pub fn render(ctx: &Context<'_, '_>, diags: &mut Diagnostics) -> String {
    let body = &ctx.text[ctx.body_offset..ctx.body_end];
    let parser = Parser::new_ext(body, options());
    reference_definitions(&parser, ctx, diags);
    let events: Vec<Spanned<'_>> = parser.into_offset_iter().collect();
    let events = emphasis::cjk_friendly(events, body);
    if let Some(offset) = too_deep(&events) {
        // Every pass after this (the sanitiser's HTML parser above all) takes time in
        // the square of the depth: 8,000 nested list items beside one raw tag took 6 s.
        diags.push(
            Diagnostic::error(
                Code::Io,
                ctx.file,
                text!("the commentary nests more than {MAX_NESTING} levels deep (quotes, lists, emphasis or HTML elements in one another)", "正文嵌套超过了{MAX_NESTING}层（引用、列表、强调或 HTML 元素相互嵌套）"),
            )
            .at(Position::of_offset(ctx.text, ctx.body_offset + offset))
            .hint(text!("no bulletin needs this: close the HTML elements that are left open, or flatten the quotes and lists", "通报用不到这么多层：请关闭未关闭的 HTML 元素，或减少引用和列表的层次")),
        );
        return String::new();
    }
    let events = components::expand_blocks(events, ctx, diags);
    let events = merge_text(events);
    let raw_html = !ctx.site.config.allow_raw_html
        && events.iter().any(|(e, _)| match e {
            Event::Html(h) | Event::InlineHtml(h) => !h.starts_with(components::MARK),
            _ => false,
        });
    let mut protected: Vec<String> = Vec::new();
    let events = components::expand_inline(events, ctx, diags);
    let events = links(events, ctx, diags);
    let events = if ctx.numbered {
        number_headings(events)
    } else {
        below_the_title(events)
    };
    // The tables' and figures' HTML comes on top of the text's.
    let component_html: usize = events
        .iter()
        .map(|(e, _)| match e {
            Event::Html(h) | Event::InlineHtml(h) => h.len(),
            _ => 0,
        })
        .sum();
    let events = events.into_iter().map(|(event, _)| match event {
        // Our own component HTML is set aside while user HTML is sanitised.
        Event::Html(html) | Event::InlineHtml(html) if html.starts_with(components::MARK) => {
            let html = html[components::MARK.len()..].to_string();
            if raw_html {
                protected.push(html);
                Event::Text(CowStr::from(format!(
                    "\u{E000}{}\u{E001}",
                    protected.len() - 1
                )))
            } else {
                Event::InlineHtml(CowStr::from(html))
            }
        }
        other => other,
    });
    let mut html = String::with_capacity(body.len() * 2 + component_html);
    pulldown_cmark::html::push_html(&mut html, events);
    if raw_html {
        html = drop_empty_emphasis(sanitize(&html));
        for (i, component) in protected.iter().enumerate() {
            html = html.replacen(&format!("\u{E000}{i}\u{E001}"), component, 1);
        }
    }
    html
}

/// How deep commentary may nest: Markdown containers and inline spans, and the elements
/// raw HTML leaves open, together (issue 12).
pub(crate) const MAX_NESTING: usize = 200;

/// Where (an offset in the body) the commentary first nests past [`MAX_NESTING`], as
/// the page's HTML will: each Markdown start opens an element, and raw HTML's start
/// tags open one unless void; an end tag closes up to its element when it is open, and
/// `p`, `li`, `dt`, `dd`, `tr`, `td`, `th` and `option` close an open one of their name,
/// as HTML parsers do, as does the end of the Markdown block they were opened in.
/// Linear: the stacks never grow past the limit.
fn too_deep(events: &[Spanned<'_>]) -> Option<usize> {
    const VOID: [&str; 13] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    const SELF_CLOSING: [&str; 8] = ["p", "li", "dt", "dd", "tr", "td", "th", "option"];
    // The open raw HTML elements, and how many were open when each Markdown element
    // still open began: its end closes what was opened inside it (`<span>` left open in
    // a paragraph ends with the paragraph).
    let mut html: Vec<String> = Vec::new();
    let mut markdown: Vec<usize> = Vec::new();
    for (event, range) in events {
        match event {
            Event::Start(_) => markdown.push(html.len()),
            Event::End(_) => {
                if let Some(open) = markdown.pop() {
                    html.truncate(open);
                }
            }
            Event::Html(text) | Event::InlineHtml(text) => {
                let bytes = text.as_bytes();
                let mut i = 0;
                while let Some(lt) = memchr::memchr(b'<', &bytes[i..]) {
                    i += lt + 1;
                    let closing = bytes.get(i) == Some(&b'/');
                    let start = i + usize::from(closing);
                    if !bytes.get(start).is_some_and(u8::is_ascii_alphabetic) {
                        continue;
                    }
                    let end = bytes[start..]
                        .iter()
                        .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
                        .map_or(bytes.len(), |p| start + p);
                    let name = text[start..end].to_ascii_lowercase();
                    i = end;
                    let open = html.iter().rposition(|n| *n == name);
                    if closing {
                        if let Some(at) = open {
                            html.truncate(at);
                        }
                        continue;
                    }
                    if VOID.contains(&name.as_str()) {
                        continue;
                    }
                    if SELF_CLOSING.contains(&name.as_str())
                        && let Some(at) = open
                    {
                        html.truncate(at);
                    }
                    html.push(name);
                    if markdown.len() + html.len() > MAX_NESTING {
                        // An HTML event's text is its source, so the tag is located.
                        return Some(range.start + start - 1);
                    }
                }
                continue;
            }
            _ => continue,
        }
        if markdown.len() + html.len() > MAX_NESTING {
            return Some(range.start);
        }
    }
    None
}

/// Rewrites links to bulletin sources (`2024-report.md`) into page addresses and records
/// every relative link for the link check.
fn links<'a>(
    events: Vec<Spanned<'a>>,
    ctx: &Context<'_, '_>,
    diags: &mut Diagnostics,
) -> Vec<Spanned<'a>> {
    raw_html_addresses(&events, ctx, diags);
    // Positions are counted on from the previous link, never from the file's start: a
    // page of many events made that quadratic (issue 12).
    let locator = Locator::new(ctx.text);
    events
        .into_iter()
        .map(|(event, range)| {
            if !matches!(event, Event::Start(Tag::Link { .. } | Tag::Image { .. })) {
                return (event, range);
            }
            let offset = ctx.body_offset + range.start;
            let len = ctx.text.get(offset..ctx.body_offset + range.end).map_or(1, |t| t.chars().count());
            let position = locator.position(offset).with_len(len);
            // A refused address is pointed at where it is written: after `](` inline,
            // inside `<…>` for an autolink, at the `[` for a reference.
            let source = ctx.text.get(offset..ctx.body_offset + range.end).unwrap_or("");
            let dest_at = source
                .find("](")
                .map(|i| i + 2)
                .or(source.starts_with('<').then_some(1))
                .map_or(position, |i| {
                    let len = source[i..].split([')', '>', ' ']).next().map_or(1, |d| d.chars().count());
                    locator.position(offset + i).with_len(len.max(1))
                });
            if let Event::Start(Tag::Image { link_type, dest_url, title, id }) = event {
                let dest_url = match policy::classify(&dest_url) {
                    Dest::Refused(scheme) => {
                        if !matches!(link_type, LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut) {
                            diags.push(policy::refused(ctx.file, &dest_url, &scheme).at(dest_at));
                        }
                        CowStr::from("")
                    }
                    _ => dest_url,
                };
                return (Event::Start(Tag::Image { link_type, dest_url, title, id }), range);
            }
            let Event::Start(Tag::Link { link_type, dest_url, title, id }) = event else {
                return (event, range);
            };
            match policy::classify(&dest_url) {
                Dest::Refused(scheme) => {
                    // A reference's address is reported at its definition.
                    if !matches!(link_type, LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut) {
                        diags.push(policy::refused(ctx.file, &dest_url, &scheme).at(dest_at));
                    }
                    let dest_url = CowStr::from("");
                    return (Event::Start(Tag::Link { link_type, dest_url, title, id }), range);
                }
                Dest::External | Dest::Absolute => {
                    return (Event::Start(Tag::Link { link_type, dest_url, title, id }), range);
                }
                Dest::Fragment if dest_url.len() == 1 => {
                    return (Event::Start(Tag::Link { link_type, dest_url, title, id }), range);
                }
                Dest::Fragment | Dest::Relative => {}
            }
            let (path, anchor) = match dest_url.split_once('#') {
                Some((p, a)) => (p.to_string(), format!("#{a}")),
                None => (dest_url.to_string(), String::new()),
            };
            let mut dest = dest_url.to_string();
            if path.ends_with(".md") {
                match source_link(ctx, &path) {
                    Some(target) => dest = format!("{}{target}{anchor}", "../".repeat(ctx.page_dir.matches('/').count())),
                    None => {
                        diags.push(
                            Diagnostic::error(Code::BrokenLink, ctx.file, text!("the link `{dest_url}` names no published bulletin", "链接“{dest_url}”指向的通报不存在或未发布"))
                                .at(position)
                                .hint(text!("link to a bulletin file in the same unit (`2024-report.md`) or another unit's (`../unit/2024-report.md`); drafts are not published", "链接到同一单位的通报文件（`2024-report.md`）或其他单位的（`../unit/2024-report.md`）；草稿不发布")),
                        );
                        return (Event::Start(Tag::Link { link_type, dest_url, title, id }), range);
                    }
                }
            }
            ctx.found.borrow_mut().links.push(LinkRef { dest: dest.clone(), file: ctx.file.to_path_buf(), position });
            (Event::Start(Tag::Link { link_type, dest_url: CowStr::from(dest), title, id }), range)
        })
        .collect()
}

/// The link policy over every reference definition (`[a]: address`), used or not,
/// located at the definition.
fn reference_definitions(parser: &Parser<'_>, ctx: &Context<'_, '_>, diags: &mut Diagnostics) {
    for (_, def) in parser.reference_definitions().iter() {
        if let Dest::Refused(scheme) = policy::classify(&def.dest) {
            let start = ctx.body_offset + def.span.start;
            let source = ctx
                .text
                .get(start..ctx.body_offset + def.span.end)
                .unwrap_or("");
            // The address follows the label's `]:`.
            let at = source.find("]:").map_or(0, |i| {
                i + 2 + source[i + 2..].len() - source[i + 2..].trim_start().len()
            });
            let position =
                Position::of_offset(ctx.text, start + at).with_len(def.dest.chars().count().max(1));
            diags.push(policy::refused(ctx.file, &def.dest, &scheme).at(position));
        }
    }
}

/// The link policy over the addresses of raw HTML written in commentary (`href`, `src`
/// and the like), each located at its value: the same rule as Markdown links, whether
/// or not the site keeps raw HTML unsanitised. Kept as written (`allow_raw_html`), it
/// may not carry script either ([`policy::script_constructs`]), each located at its tag
/// or attribute. A block of HTML comes as one event a
/// line, so runs of HTML events are read as the one stretch of source they cover.
fn raw_html_addresses(events: &[Spanned<'_>], ctx: &Context<'_, '_>, diags: &mut Diagnostics) {
    let is_raw = |e: &Event<'_>| matches!(e, Event::Html(h) | Event::InlineHtml(h) if !h.starts_with(components::MARK));
    let mut i = 0;
    while i < events.len() {
        if !is_raw(&events[i].0) {
            i += 1;
            continue;
        }
        let start = events[i].1.start;
        let mut end = events[i].1.end;
        i += 1;
        while i < events.len() && is_raw(&events[i].0) && events[i].1.start <= end + 1 {
            end = end.max(events[i].1.end);
            i += 1;
        }
        let from = ctx.body_offset + start;
        let Some(html) = ctx.text.get(from..ctx.body_offset + end) else {
            continue;
        };
        if ctx.site.config.allow_raw_html {
            // Sanitised HTML loses these silently; HTML kept as written must not have them.
            for (at, what) in policy::script_constructs(html) {
                let position =
                    Position::of_offset(ctx.text, from + at).with_len(what.chars().count());
                diags.push(policy::script(ctx.file, &what).at(position));
            }
        }
        for (range, value) in policy::url_attributes(html) {
            if let Dest::Refused(scheme) = policy::classify(value) {
                let position = Position::of_offset(ctx.text, from + range.start)
                    .with_len(value.chars().count().max(1));
                diags.push(policy::refused(ctx.file, value, &scheme).at(position));
            }
        }
    }
}

/// The output folder of the bulletin a `.md` link names, resolved against the source.
fn source_link(ctx: &Context<'_, '_>, path: &str) -> Option<String> {
    let dir = ctx.file.parent()?.to_string_lossy().replace('\\', "/");
    let target = crate::links::resolve(&dir, path)?;
    let rel = target.strip_prefix("content/")?.strip_suffix(".md")?;
    let (unit, slug) = rel.rsplit_once('/')?;
    if ctx.site.unit(unit).is_some() {
        // Whether the bulletin is there is a matter of its unit's list.
        let mut found = ctx.found.borrow_mut();
        found.inputs.push(Input::List(Some(unit.to_string())));
    }
    let b = ctx.site.bulletin_by_path(unit, slug)?;
    Some(ctx.site.bulletin_dir(b))
}

/// A `#` heading of a bulletin's, a unit's or the home page's commentary is an `<h2>`:
/// the page's title is its one `<h1>` (issue 15).
fn below_the_title(mut events: Vec<Spanned<'_>>) -> Vec<Spanned<'_>> {
    for (event, _) in &mut events {
        if let Event::Start(Tag::Heading { level, .. })
        | Event::End(pulldown_cmark::TagEnd::Heading(level)) = event
            && *level == pulldown_cmark::HeadingLevel::H1
        {
            *level = pulldown_cmark::HeadingLevel::H2;
        }
    }
    events
}

/// Puts 一、（一）1.（1） before headings of levels 2 to 5, as official documents number
/// their structure (GB/T 9704-2012, 7.3.3).
fn number_headings(events: Vec<Spanned<'_>>) -> Vec<Spanned<'_>> {
    let mut counters = [0usize; 4];
    let headings = events
        .iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::Heading { .. })))
        .count();
    let mut out = Vec::with_capacity(events.len() + headings);
    for (event, range) in events {
        let level = match &event {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        };
        out.push((event, range.clone()));
        let Some(level @ 2..=5) = level else { continue };
        let depth = level - 2;
        counters[depth] += 1;
        // 一、 and （一） restart what is below them, except the 1. level, which official
        // documents number straight through (seed 001: 1.–10. across （一）（二） and 三、).
        for (d, c) in counters.iter_mut().enumerate().skip(depth + 1) {
            if d != 2 {
                *c = 0;
            }
        }
        let n = counters[depth];
        let number = match depth {
            0 => format!("{}、", chinese_ordinal(n)),
            1 => format!("（{}）", chinese_ordinal(n)),
            2 => format!("{n}."),
            _ => format!("（{n}）"),
        };
        out.push((Event::Text(CowStr::from(number)), range));
    }
    out
}

/// 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings rarely pass 99).
pub fn chinese_ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

/// Byte ranges (in the whole file) of the annexes: each starts at a level-1 heading that
/// begins with 附件 (`# 附件1 重点任务分解表`) and runs to the next one or the end.
pub fn annex_starts(text: &str, body_offset: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut offset = body_offset;
    let mut in_fence = false;
    for line in text[body_offset..].split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if !in_fence && line.starts_with("# 附件") {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts
}

/// Where the first level-1 heading (`# 名称`) between `from` and `to` starts, outside
/// fenced code: in a document, the title of the document a notice issues.
pub fn first_title(text: &str, from: usize, to: usize) -> Option<usize> {
    let mut offset = from;
    let mut in_fence = false;
    for line in text[from..to].split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if !in_fence && line.starts_with("# ") {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// Joins adjacent text events, which pulldown-cmark splits at `[`, `*`, `{` and the like,
/// so that components are seen whole.
fn merge_text(events: Vec<Spanned<'_>>) -> Vec<Spanned<'_>> {
    let mut out: Vec<Spanned<'_>> = Vec::with_capacity(events.len());
    let mut iter = events.into_iter().peekable();
    let is_text = |(e, _): &Spanned<'_>| matches!(e, Event::Text(_));
    while let Some((event, range)) = iter.next() {
        let Event::Text(first) = event else {
            out.push((event, range));
            continue;
        };
        if !iter.peek().is_some_and(is_text) {
            out.push((Event::Text(first), range));
            continue;
        }
        // A run of texts is joined into one string, copied once.
        let mut joined = String::from(&*first);
        let mut end = range.end;
        while let Some((Event::Text(next), next_range)) = iter.next_if(is_text) {
            joined.push_str(&next);
            end = next_range.end;
        }
        out.push((Event::Text(CowStr::from(joined)), range.start..end));
    }
    out
}

/// Raw HTML from commentary: no scripts, no styles, no event handlers, no forms or
/// frames, and addresses only by the link policy (ARCHITECTURE.md, "Decisions"). Ammonia's
/// list of harmless tags and attributes is kept; classes and ids survive for footnotes
/// and styling.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["class", "id"])
        .url_schemes(policy::ALLOWED_SCHEMES.into_iter().collect())
        .clean(html)
        .to_string()
}

/// Sanitised HTML without the emphasis that held only raw HTML the sanitiser removed
/// (`**<!-- 注 -->**` would leave an empty `<strong>`), innermost first.
fn drop_empty_emphasis(mut html: String) -> String {
    const EMPTY: [&str; 3] = ["<strong></strong>", "<em></em>", "<del></del>"];
    while EMPTY.iter().any(|e| html.contains(e)) {
        for e in EMPTY {
            html = html.replace(e, "");
        }
    }
    html
}

/// True for the start of a fenced code block.
pub fn fence_lang<'a>(event: &'a Event<'_>) -> Option<&'a str> {
    match event {
        Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(lang))) => {
            Some(lang.split_whitespace().next().unwrap_or(""))
        }
        _ => None,
    }
}
