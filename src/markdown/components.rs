//! Data components in commentary. Inline: `{{ gdp }}`, `{{ gdp.change }}`,
//! `{{ luan-kfq:gdp@2024Q3.rank }}` become phrased figures. Blocks: a fenced block whose
//! language is a table kind (```yoy, ```targets, ```ranks) holding `caption:`,
//! `indicators:`, `period:`, `indent:` lines becomes a table rendered by the theme.
//! Every problem is reported at its line and column in the Markdown file.

use pulldown_cmark::{CowStr, Event, TagEnd};
use serde::Deserialize;

use super::{Context, Spanned, fence_lang};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Locator};
use crate::figures::PageFigures;
use crate::figures::table::{self, TableKind, TableRequest};
use crate::load::yaml;
use crate::model::Period;
use crate::model::reference::{self, FigureRef, Part, RefError};

/// Prefix that marks HTML made here (not typed by the editor); stripped before output.
pub const MARK: &str = "\u{E002}";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableSpec {
    #[serde(default)]
    caption: String,
    indicators: Vec<String>,
    period: Option<Period>,
    /// Indicators shown as indented 其中 sub-items, with their level.
    #[serde(default)]
    indent: Indent,
}

/// The 其中 levels of a table's rows (两级): `indent: [a, b]` (level 1), nested lists
/// `indent: [a, [a1, a2], b]` (a list after an item holds its own sub-items, level 2),
/// or a map `indent: { a: 1, a1: 2 }`. Levels are 1 or 2, as statistical tables print.
#[derive(Default)]
struct Indent(Vec<(String, u8)>);

impl Indent {
    fn level(&self, id: &str) -> u8 {
        self.0.iter().find(|(i, _)| i == id).map_or(0, |(_, l)| *l)
    }
}

impl<'de> Deserialize<'de> for Indent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, SeqAccess, Visitor};
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Item {
            Id(String),
            Sub(Vec<String>),
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Indent;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of ids (`[a, [a1, a2], b]`: a nested list is level 2) or a map of ids to levels 1 or 2 (`{ a: 1, a1: 2 }`)")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Indent, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element::<Item>()? {
                    match item {
                        Item::Id(id) => out.push((id, 1)),
                        Item::Sub(ids) => out.extend(ids.into_iter().map(|id| (id, 2))),
                    }
                }
                Ok(Indent(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Indent, A::Error> {
                let mut out = Vec::new();
                while let Some((id, level)) = map.next_entry::<String, u8>()? {
                    if !(1..=2).contains(&level) {
                        return Err(A::Error::custom(format!(
                            "`{id}: {level}`: a 其中 level is 1 or 2"
                        )));
                    }
                    out.push((id, level));
                }
                Ok(Indent(out))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The plain form nearly every table block takes (`caption: …`, `indicators: [a, b]`,
/// `period: 2024`, `indent: [a]`), read without starting a YAML parser: at 10,000
/// bulletins with two tables each, libyaml's set-up per block was a tenth of the build
/// (ARCHITECTURE.md, "Performance"). Anything else — quotes, comments, block lists, an unknown or repeated key, a
/// bad period — returns None, and serde_yaml reads the block and reports any error.
fn quick_spec(body: &str) -> Option<TableSpec> {
    let mut spec = TableSpec {
        caption: String::new(),
        indicators: Vec::new(),
        period: None,
        indent: Indent::default(),
    };
    let (mut caption, mut indicators, mut period, mut indent) = (false, false, false, false);
    let list = |v: &str| -> Option<Vec<String>> {
        let inner = v.strip_prefix('[')?.strip_suffix(']')?;
        inner
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(|id| {
                id.chars()
                    .all(|c| {
                        c.is_ascii_alphanumeric()
                            || matches!(c, '_' | '-' | ':' | '/' | '@' | '.' | '~')
                    })
                    .then(|| id.to_string())
            })
            .collect()
    };
    for line in body.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let colon = find_pair(line, b':', b' ')?;
        let (key, value) = (&line[..colon], &line[colon + 2..]);
        let value = value.trim();
        let first = value.chars().next()?;
        if key.starts_with(' ')
            || find_pair(value, b' ', b'#').is_some()
            || matches!(
                first,
                '"' | '\'' | '{' | '&' | '*' | '!' | '|' | '>' | '#' | '%' | '@' | '`'
            )
        {
            return None;
        }
        let seen = match key {
            "caption" => {
                spec.caption = value.to_string();
                &mut caption
            }
            "indicators" => {
                spec.indicators = list(value)?;
                &mut indicators
            }
            "period" => {
                spec.period = Some(value.parse().ok()?);
                &mut period
            }
            "indent" => {
                spec.indent = Indent(list(value)?.into_iter().map(|id| (id, 1)).collect());
                &mut indent
            }
            _ => return None,
        };
        if std::mem::replace(seen, true) {
            return None;
        }
    }
    indicators.then_some(spec)
}

/// Where the two ASCII bytes `a` `b` first stand together in `text` (`str::find` set up
/// a searcher for each line of each table block).
fn find_pair(text: &str, a: u8, b: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(a, bytes).find(|&i| bytes.get(i + 1) == Some(&b))
}

/// Replaces fenced table blocks with their rendered tables.
pub fn expand_blocks<'a>(
    events: Vec<Spanned<'a>>,
    ctx: &Context<'_, '_>,
    diags: &mut Diagnostics,
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    // numbered through the page, not the part (`Found::tables`)
    let mut tables = ctx.found.borrow().tables;
    let locator = Locator::new(ctx.text);
    while let Some((event, range)) = iter.next() {
        let Some(kind) = fence_lang(&event).and_then(TableKind::from_fence) else {
            out.push((event, range));
            continue;
        };
        let mut body = String::new();
        for (inner, _) in iter.by_ref() {
            match inner {
                Event::End(TagEnd::CodeBlock) => break,
                Event::Text(t) => body.push_str(&t),
                _ => {}
            }
        }
        tables += 1;
        ctx.found.borrow_mut().tables = tables;
        if let Some(html) = table_block(kind, &body, range.start, tables, ctx, &locator, diags) {
            out.push((Event::Html(CowStr::from(format!("{MARK}{html}"))), range));
        }
    }
    out
}

/// What a ```tasks block may say.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TasksSpec {
    #[serde(default)]
    caption: String,
    /// Task ids, in order; all tasks of the unit when absent.
    tasks: Option<Vec<String>>,
    /// Only the tasks of this theme.
    group: Option<String>,
    /// Add 状态 and 进展 columns.
    #[serde(default)]
    progress: bool,
    period: Option<Period>,
}

fn table_block(
    kind: TableKind,
    body: &str,
    fence_at: usize,
    n: usize,
    ctx: &Context<'_, '_>,
    locator: &Locator<'_>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let fence_offset = ctx.body_offset + fence_at;
    // Its line is needed only when YAML reads the block (to locate its errors).
    let fence_line = || locator.position(fence_offset).line;
    let body_offset = ctx.text[fence_offset..]
        .find('\n')
        .map_or(ctx.text.len(), |i| fence_offset + i + 1);
    if kind == TableKind::Tasks {
        let spec: TasksSpec = yaml::parse(body, ctx.file, fence_line() + 1, diags)?;
        return tasks_block(spec, body_offset, n, ctx, locator, diags);
    }
    let spec = match quick_spec(body) {
        Some(spec) => spec,
        None => yaml::parse(body, ctx.file, fence_line() + 1, diags)?,
    };
    let Some(period) = spec.period.or(ctx.period) else {
        diags.push(
            Diagnostic::error(
                Code::BadComponent,
                ctx.file,
                text!(
                    "this table needs a period, and the page has none",
                    "这个表格需要期间，而页面没有设期间"
                ),
            )
            .at(locator.range(fence_offset..fence_offset + 3))
            .hint(text!(
                "add a line `period: 2024` to the table",
                "在表格中加一行 `period: 2024`"
            )),
        );
        return None;
    };
    let mut indicators = Vec::new();
    let mut ok = true;
    for id in &spec.indicators {
        match reference::parse(id, ctx.site, ctx.unit) {
            Ok(r) => {
                ctx.read_data(r.unit);
                indicators.push((ctx.site.indicator(&r), spec.indent.level(id)));
            }
            Err(e) => {
                ok = false;
                if !e.cascade {
                    let at = find_word(ctx.text, body_offset, id);
                    diags.push(ref_diagnostic(e, ctx, locator, at..at + id.len()));
                }
            }
        }
    }
    for (id, _) in spec
        .indent
        .0
        .iter()
        .filter(|(i, _)| !spec.indicators.contains(i))
    {
        let at = find_word(ctx.text, body_offset, id);
        diags.push(
            Diagnostic::error(
                Code::BadComponent,
                ctx.file,
                text!(
                    "`indent` names `{id}`, which is not in this table's `indicators`",
                    "`indent` 中的“{id}”不在本表的 `indicators` 中"
                ),
            )
            .at(locator.range(at..at + id.len()))
            .hint(text!(
                "list it under `indicators:` too, or remove it from `indent:`",
                "把它也列进 `indicators:`，或从 `indent:` 中删去"
            )),
        );
        ok = false;
    }
    // A 其中 row follows its total: level 1 under a row of its own, level 2 under a 其中.
    let mut above: Option<u8> = None;
    for id in &spec.indicators {
        let level = spec.indent.level(id);
        if level > above.map_or(0, |a| a + 1) {
            let at = find_word(ctx.text, body_offset, id);
            let (under, under_zh) = match above {
                None => ("it is the first row of the table", "它是表格的第一行"),
                Some(0) => (
                    "the row above it is a row of its own",
                    "它上面一行是独立的一行",
                ),
                Some(_) => ("the row above it is a 其中 row", "它上面一行是“其中”行"),
            };
            diags.push(
                Diagnostic::error(
                    Code::BadComponent,
                    ctx.file,
                    text!(
                        "`{id}` is a 其中 of level {level}, but {under}",
                        "“{id}”是第{level}级“其中”项，但{under_zh}"
                    ),
                )
                .at_offset(ctx.text, at..at + id.len())
                .hint(text!(
                    "list the total (or the level-1 其中) just before it under `indicators:`",
                    "在 `indicators:` 中把总量（或第1级“其中”项）列在它的前面"
                )),
            );
            ok = false;
        }
        above = Some(level);
    }
    if !ok {
        return None;
    }
    if kind == TableKind::Split {
        let (Some(unit), indicators) = (
            ctx.unit,
            indicators.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
        ) else {
            return None;
        };
        if ctx.site.units[unit].children.is_empty() {
            diags.push(
                Diagnostic::error(
                    Code::BadComponent,
                    ctx.file,
                    text!(
                        "a ```split table shows sub-units, and unit `{u}` has none",
                        "```split 表格列出各下级单位，但单位“{u}”没有下级单位",
                        u = &ctx.site.units[unit].id
                    ),
                )
                .at(locator.range(fence_offset..fence_offset + 8))
                .hint(text!(
                    "put the sub-units' folders inside this unit's folder (content/chaohu/anchao/)",
                    "把下级单位的文件夹放进本单位的文件夹（如 content/chaohu/anchao/）"
                )),
            );
            return None;
        }
        // The sub-units' figures are read too.
        for &c in &ctx.site.units[unit].children {
            ctx.read_data(c);
        }
        let view = table::split(
            ctx.site,
            unit,
            &indicators,
            period,
            format!("table-{n}"),
            spec.caption,
        );
        return Some((ctx.render_table)(&view));
    }
    let view = table::build(
        &TableRequest {
            kind,
            id: format!("table-{n}"),
            caption: spec.caption,
            period,
            indicators,
        },
        ctx.figures,
    );
    Some((ctx.render_table)(&view))
}

fn tasks_block(
    spec: TasksSpec,
    body_offset: usize,
    n: usize,
    ctx: &Context<'_, '_>,
    locator: &Locator<'_>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let unit = ctx.unit?;
    let u = &ctx.site.units[unit];
    ctx.found
        .borrow_mut()
        .inputs
        .push(crate::model::Input::Tasks(u.id.clone()));
    let mut chosen = Vec::new();
    match &spec.tasks {
        Some(ids) => {
            for id in ids {
                match u.tasks.iter().find(|t| &t.id == id) {
                    Some(t) => chosen.push(t),
                    None => {
                        let at = find_word(ctx.text, body_offset, id);
                        diags.push(
                            Diagnostic::error(
                                Code::UnknownIndicator,
                                ctx.file,
                                text!(
                                    "unit `{u}` has no task `{id}`",
                                    "单位“{u}”没有任务“{id}”",
                                    u = &u.id
                                ),
                            )
                            .at(locator.range(at..at + id.len()))
                            .maybe_hint(crate::diagnostic::did_you_mean(
                                id,
                                u.tasks.iter().map(|t| t.id.as_str()),
                            ))
                            .expected(text!(
                                "a task id from content/{u}/tasks.yaml",
                                "content/{u}/tasks.yaml 中的任务 id",
                                u = &u.id
                            )),
                        );
                    }
                }
            }
        }
        None => chosen.extend(u.tasks.iter()),
    }
    if let Some(group) = &spec.group {
        chosen.retain(|t| &t.group == group);
        if chosen.is_empty() {
            let at = find_word(ctx.text, body_offset, group);
            diags.push(
                Diagnostic::error(
                    Code::BadComponent,
                    ctx.file,
                    text!(
                        "no task of unit `{u}` has the group `{group}`",
                        "单位“{u}”没有属于“{group}”组的任务",
                        u = &u.id
                    ),
                )
                .at(locator.range(at..at + group.len()))
                .maybe_hint(crate::diagnostic::did_you_mean(
                    group,
                    u.tasks.iter().map(|t| t.group.as_str()),
                )),
            );
            return None;
        }
    }
    if u.tasks.is_empty() {
        diags.push(
            Diagnostic::error(
                Code::BadComponent,
                ctx.file,
                text!("unit `{u}` has no tasks", "单位“{u}”没有任务", u = &u.id),
            )
            .at(locator.range(body_offset.saturating_sub(9)..body_offset))
            .hint(text!(
                "add content/{u}/tasks.yaml (see the README)",
                "添加 content/{u}/tasks.yaml（见 README）",
                u = &u.id
            )),
        );
        return None;
    }
    let view = table::tasks(
        ctx.site,
        ctx.figures,
        &chosen,
        unit,
        spec.period.or(ctx.period),
        spec.progress,
        format!("table-{n}"),
        spec.caption,
    );
    Some((ctx.render_table)(&view))
}

/// Byte offset of the first `raw` (a component, which starts with `{`) in `text` after
/// `from`: each `{` is found by memchr (`str::find` set up a searcher for every
/// component of every page).
fn find_from(text: &str, from: usize, raw: &str) -> Option<usize> {
    let rest = text.get(from..)?.as_bytes();
    let first = *raw.as_bytes().first()?;
    memchr::memchr_iter(first, rest)
        .find(|&i| rest[i..].starts_with(raw.as_bytes()))
        .map(|i| from + i)
}

/// Byte offset of `word` in `text` after `from` (or `from` when it is not found).
fn find_word(text: &str, from: usize, word: &str) -> usize {
    text[from..].find(word).map_or(from, |i| from + i)
}

fn ref_diagnostic(
    e: RefError,
    ctx: &Context<'_, '_>,
    locator: &Locator<'_>,
    range: std::ops::Range<usize>,
) -> Diagnostic {
    let mut d = Diagnostic::error(e.code, ctx.file, e.message)
        .at(locator.range(range))
        .maybe_hint(e.hint);
    if let Some(x) = e.expected {
        d = d.expected(x);
    }
    d
}

/// Replaces `{{ … }}` in text with phrased figures.
pub fn expand_inline<'a>(
    events: Vec<Spanned<'a>>,
    ctx: &Context<'_, '_>,
    diags: &mut Diagnostics,
) -> Vec<Spanned<'a>> {
    // a component splits its text in three: room for a few without regrowing
    let mut out = Vec::with_capacity(events.len() + events.len() / 4 + 16);
    let mut in_code = false;
    let locator = Locator::new(ctx.text);
    let mut seen = Phrases::default();
    for (event, range) in events {
        let event = match event {
            Event::Text(text)
                if !in_code && crate::needles::OPEN.find(text.as_bytes()).is_some() =>
            {
                expand_text(text, &range, ctx, &locator, &mut seen, diags, &mut out);
                continue;
            }
            other => other,
        };
        match &event {
            Event::Start(pulldown_cmark::Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ => {}
        }
        out.push((event, range));
    }
    out
}

/// The phrase (or the error) of each component text met on a page: a page naming one
/// figure many times, or one mistyped id 100,000 times, resolves it and looks for the
/// nearest id once (issue 12). foldhash, not SipHash: the text is short and hashed once
/// for every component of every page.
type Phrases =
    std::collections::HashMap<String, Result<String, RefError>, foldhash::fast::RandomState>;

fn expand_text<'a>(
    text: CowStr<'a>,
    range: &std::ops::Range<usize>,
    ctx: &Context<'_, '_>,
    locator: &Locator<'_>,
    seen: &mut Phrases,
    diags: &mut Diagnostics,
    out: &mut Vec<Spanned<'a>>,
) {
    let source_from = ctx.body_offset + range.start;
    let mut search_from = source_from;
    // The text around the components borrows from the source when the event does.
    let part = |range: std::ops::Range<usize>| match &text {
        CowStr::Borrowed(source) => CowStr::Borrowed(&source[range]),
        other => CowStr::from(other[range].to_string()),
    };
    let mut rest = &*text;
    let mut rest_at = 0;
    while let Some(open) = crate::needles::OPEN.find(rest.as_bytes()) {
        let Some(close) = crate::needles::CLOSE
            .find(&rest.as_bytes()[open..])
            .map(|c| open + c)
        else {
            break;
        };
        if open > 0 {
            out.push((Event::Text(part(rest_at..rest_at + open)), range.clone()));
        }
        let raw = &rest[open..close + 2];
        let inner = rest[open + 2..close].trim();
        let at = find_from(ctx.text, search_from, raw).unwrap_or(source_from);
        search_from = at + raw.len().min(ctx.text.len() - at);
        let phrase = match seen.get(inner) {
            Some(known) => known.clone(),
            None => {
                let made = figure_text(inner, ctx);
                seen.insert(inner.to_string(), made.clone());
                made
            }
        };
        match phrase {
            Ok(phrase) => {
                let mut html = String::with_capacity(64 + inner.len() + phrase.len());
                html.push_str(MARK);
                html.push_str("<span class=\"figure\" data-figure=\"");
                escape_into(&mut html, inner);
                html.push_str("\">");
                escape_into(&mut html, &phrase);
                html.push_str("</span>");
                out.push((Event::InlineHtml(CowStr::from(html)), range.clone()));
            }
            Err(e) => {
                if !e.cascade {
                    diags.push(ref_diagnostic(e, ctx, locator, at..at + raw.len()));
                }
                out.push((
                    Event::Text(part(rest_at + open..rest_at + close + 2)),
                    range.clone(),
                ));
            }
        }
        rest = &rest[close + 2..];
        rest_at += close + 2;
    }
    if !rest.is_empty() {
        out.push((Event::Text(part(rest_at..text.len())), range.clone()));
    }
}

fn escape_into(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(&mut *out, text).expect("writing to a String cannot fail");
}

/// The phrase for one inline reference, or why it cannot be made.
pub fn figure_text(inner: &str, ctx: &Context<'_, '_>) -> Result<String, RefError> {
    let r = reference::parse(inner, ctx.site, ctx.unit)?;
    ctx.read_data(r.unit);
    phrase_for(&r, ctx.site, ctx.figures, ctx.period)
}

/// Phrases a resolved reference at its period (or `default_period`, or the latest year),
/// from the page's figures.
pub fn phrase_for<'a>(
    r: &FigureRef,
    site: &'a crate::model::Site,
    figures: &PageFigures<'a>,
    default_period: Option<Period>,
) -> Result<String, RefError> {
    // A unit whose data file or spreadsheet has an error lacks figures because of it:
    // that error is the one to read, not one "no value" a component.
    phrase_checked(r, site, figures, default_period).map_err(|mut e| {
        e.cascade |= e.code == Code::MissingValue && site.units[r.unit].data_broken;
        e
    })
}

fn phrase_checked<'a>(
    r: &FigureRef,
    site: &'a crate::model::Site,
    figures: &PageFigures<'a>,
    default_period: Option<Period>,
) -> Result<String, RefError> {
    let ind = site.indicator(r);
    let Some(period) = r.period.or(default_period).or_else(|| ind.latest_year()) else {
        return Err(missing(ind, text!("has no values", "没有数值"), None));
    };
    let f = figures.figure(ind, period);
    let needs_value = matches!(
        r.part,
        Part::Full | Part::Value | Part::Change | Part::Yoy | Part::Share
    );
    if needs_value && !f.has_value() && !(r.part == Part::Full && f.rank_text().is_some()) {
        return Err(missing(
            ind,
            text!("has no value for {p}", "没有{p}的数值", p = period.label()),
            Some(period),
        ));
    }
    let unit = &site.units[r.unit];
    match r.part {
        Part::Full => Ok(f.full_text()),
        Part::Name => Ok(ind.name.clone()),
        Part::Value => Ok(f.value_text()),
        Part::Prior => Ok(f.prior_text()),
        Part::Change => Ok(f.change_text()),
        Part::Yoy => Ok(f.yoy_text()),
        Part::Rank => f.rank_text().ok_or_else(|| {
            missing(
                ind,
                text!("has no rank for {p}", "没有{p}的位次", p = period.label()),
                Some(period),
            )
        }),
        Part::Progress => f.progress_text().ok_or_else(|| {
            missing(
                ind,
                text!(
                    "has no multi-year target holding {p} with the values to measure it",
                    "没有包含{p}的多年目标及衡量进度所需的数值",
                    p = period.label()
                ),
                Some(period),
            )
        }),
        Part::Target => f.target_text().ok_or_else(|| {
            missing(
                ind,
                text!("has no target for {p}", "没有{p}的目标", p = period.label()),
                Some(period),
            )
        }),
        Part::Share => f.share_text(unit).ok_or_else(|| {
            RefError::new(
                Code::BadComponent,
                text!(
                    "`{i}` has no `share_of`, so it has no share",
                    "“{i}”没有设 `share_of`，无法计算比重",
                    i = &ind.id
                ),
            )
            .hint(Some(text!(
                "add `share_of: <id of the total>` to the indicator",
                "在指标中加上 `share_of: <总量的 id>`"
            )))
        }),
    }
}

fn missing(
    ind: &crate::model::Indicator,
    what: crate::lang::Text,
    period: Option<Period>,
) -> RefError {
    let (i, n) = (&ind.id, &ind.name);
    let message = what.map(|what, lang| {
        lang.pick(
            format!("indicator `{i}` ({n}) {what}"),
            format!("指标“{n}”（{i}）{what}"),
        )
    });
    RefError::new(Code::MissingValue, message).hint(Some(match period {
        Some(p) => text!(
            "add `{p}:` under its `values:` (or `targets:`/`ranks:`) in data.yaml, or name another period: `{{{{ {i}@2023 }}}}`",
            "在 data.yaml 中该指标的 `values:`（或 `targets:`、`ranks:`）下加上 `{p}:`，或指定另一个期间：`{{{{ {i}@2023 }}}}`"
        ),
        None => text!("add values to the indicator in data.yaml", "在 data.yaml 中为该指标填写数值"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indent_reads_levels_from_lists_and_maps() {
        let levels = |yaml: &str| {
            let spec: TableSpec = serde_yaml::from_str(yaml).expect("spec");
            spec.indicators
                .iter()
                .map(|id| spec.indent.level(id))
                .collect::<Vec<_>>()
        };
        // seed 004: 新增产值超亿元企业30家, 其中产值超10亿元企业7家 (a 其中 of a 其中 here)
        let ids = "indicators: [new_firms, output_1bn, output_10bn, other]\n";
        assert_eq!(
            levels(&format!("{ids}indent: [output_1bn, [output_10bn]]")),
            [0, 1, 2, 0]
        );
        assert_eq!(
            levels(&format!("{ids}indent: {{ output_1bn: 1, output_10bn: 2 }}")),
            [0, 1, 2, 0]
        );
        assert_eq!(
            levels(&format!("{ids}indent: [output_1bn, output_10bn]")),
            [0, 1, 1, 0]
        );
        assert!(
            serde_yaml::from_str::<TableSpec>(&format!("{ids}indent: {{ output_1bn: 3 }}"))
                .is_err()
        );
        // the quick reader gives level 1 to the plain form
        let quick = quick_spec(&format!("{ids}indent: [output_1bn]")).expect("plain form");
        assert_eq!(quick.indent.level("output_1bn"), 1);
        assert!(quick_spec(&format!("{ids}indent: [output_1bn, [output_10bn]]")).is_none());
    }

    #[test]
    fn quick_spec_reads_the_plain_form_and_leaves_the_rest_to_yaml() {
        let spec = quick_spec(
            "caption: 表1 2024年主要经济指标\nindicators: [gdp, tax_revenue]\nperiod: 2024Q3\n",
        )
        .unwrap();
        assert_eq!(spec.caption, "表1 2024年主要经济指标");
        assert_eq!(spec.indicators, ["gdp", "tax_revenue"]);
        assert_eq!(spec.period, Some("2024Q3".parse().unwrap()));
        for other in [
            "caption: \"表1\"\nindicators: [gdp]",  // quoted
            "indicators:\n  - gdp",                 // block list
            "indicators: [gdp]\nindicators: [tax]", // repeated
            "indicators: [gdp]\nperiod: 2024Q5",    // bad period: YAML reports it
            "indicators: [gdp] # main",             // comment
            "caption: 表1",                         // no indicators
            "indicators: [gdp]\ncolour: red",       // unknown key
        ] {
            assert!(quick_spec(other).is_none(), "{other}");
        }
    }
}
