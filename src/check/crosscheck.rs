//! The cross-check: numbers typed into commentary next to an indicator's name or a
//! comparison word ("税收收入增长14%", "位列第127位", "完成年度计划的156.4%", "上升11个
//! 百分点", "36.45亿元") are compared with what the data computes. A contradiction is an
//! error quoting both numbers; a difference that is only rounding to the typed decimals is
//! not. A typed number the data cannot verify becomes a note (`--verbose` lists them).
//!
//! What it recognises, per sentence (split at 。；！？ and line ends):
//! - growth: 增长/下降/增幅/增速/降幅/回落 … x% (下降 x% is −x);
//! - points: 上升/提高/下降/降低 … x个百分点 (千分点);
//! - completion: 完成(年度)计划/目标/任务(的) x%;
//! - rank: (全市|全省|全国…)第N(位|名), 全市第二 (Chinese numerals too);
//! - rank change: 前进/提升/上升/进位 N位, 后退/下降/下滑 N位;
//! - a level with its unit: 36.45亿元, 47家, 33个, 88% (万元 and 亿元 are converted).
//!
//! Each claim belongs to the nearest indicator named before it in the same clause (split
//! at ，、 too); a rank or rank change may reach back to earlier clauses of the sentence
//! ("GDP增幅5.7%，全市第二"). "A、B分别增长x、y" pairs names and numbers in order. Names
//! are an indicator's `name`, `short_name` and `aliases`. Figures written through
//! components (`{{ gdp.change }}`) come from the data and are not re-checked.

use std::collections::HashMap;
use std::ops::Range;
use std::str::FromStr;
use std::sync::{Arc, LazyLock, Mutex, OnceLock, PoisonError};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use regex::Regex;

use crate::compute::Decimal;
use crate::compute::comparison::Change;
use crate::compute::number::round;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::figures::Figure;
use crate::model::{Bulletin, Indicator, Site, Unit};

/// The names of every unit's indicators, as one automaton per unit, built once a build.
pub struct Index {
    /// Built on first use, by whichever render thread needs the unit first: a unit
    /// without bulletins never pays for its matcher.
    units: Vec<OnceLock<Option<Arc<Names>>>>,
    /// Matchers by the names they match. The units of a province report from one
    /// catalogue of indicators, so most share a matcher: one automaton a unit was
    /// 40 MB of a 10,000-bulletin build (heaptrack, issue 7).
    shared: Mutex<HashMap<Patterns, Arc<Names>>>,
}

struct Names {
    automaton: AhoCorasick,
    /// Pattern number → indicator index.
    owner: Vec<usize>,
}

impl Index {
    pub fn new(site: &Site) -> Index {
        Index {
            units: site.units.iter().map(|_| OnceLock::new()).collect(),
            shared: Mutex::default(),
        }
    }

    /// Forgets the names of `units`, after their data changed (`serve`); they are built
    /// again when next needed.
    pub(crate) fn refresh(&mut self, _site: &Site, units: &[usize]) {
        for &u in units {
            self.units[u] = OnceLock::new();
        }
    }

    fn names(&self, site: &Site, unit: usize) -> Option<&Names> {
        self.units[unit]
            .get_or_init(|| {
                let key = patterns(&site.units[unit]);
                let mut shared = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
                if let Some(names) = shared.get(&key) {
                    return Some(Arc::clone(names));
                }
                let names = Arc::new(Names::new(&key)?);
                shared.insert(key, Arc::clone(&names));
                Some(names)
            })
            .as_deref()
    }
}

/// (name, indicator index) for every name of a unit's indicators the cross-check looks
/// for: `name`, `short_name` and `aliases` of two characters or more.
type Patterns = Vec<(String, usize)>;

fn patterns(unit: &Unit) -> Patterns {
    let mut patterns = Vec::new();
    for (i, ind) in unit.indicators.iter().enumerate() {
        for name in std::iter::once(&ind.name)
            .chain(std::iter::once(&ind.short_name))
            .chain(&ind.aliases)
        {
            if name.chars().count() >= 2 {
                patterns.push((name.clone(), i));
            }
        }
    }
    patterns
}

impl Names {
    fn new(patterns: &[(String, usize)]) -> Option<Names> {
        // Leftmost-longest: 税收收入占财政收入比重 wins over 税收收入 where both match. A
        // contiguous NFA: a DFA for 30 names is ~300 KiB (issue 7 measured 319 MB and
        // 1.2 s for 1,000 units' DFAs).
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(patterns.iter().map(|(name, _)| name))
            .ok()?;
        Some(Names {
            automaton,
            owner: patterns.iter().map(|&(_, i)| i).collect(),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Claim {
    Growth(Decimal),
    Points(Decimal),
    Completion(Decimal),
    Rank(u32),
    RankChange(i64),
    Level(Decimal, TypedUnit),
}

/// The unit typed with a level.
#[derive(Debug, Clone, Copy, PartialEq)]
struct TypedUnit(&'static str);

struct Found {
    claim: Claim,
    range: Range<usize>,
    /// The number as typed, for messages.
    text: String,
}

static GROWTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(同比增长|同比下降|增长|下降|增幅为?|增速为?|降幅为?|回落|减少)(?:了|达到|达)?\s*(-?\d+(?:\s*\.\s*\d+)?)\s*%").expect("valid regex")
});
static POINTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(上升|提高|提升|增加|扩大|下降|降低|回落|减少|收窄)了?\s*(\d+(?:\s*\.\s*\d+)?)\s*个(百分点|千分点)").expect("valid regex")
});
static COMPLETION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"完成(?:了)?(?:年度|全年)?(?:计划|目标|任务)(?:的)?\s*(\d+(?:\s*\.\s*\d+)?)\s*%")
        .expect("valid regex")
});
static RANK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(全市|全省|全国|全区|全县)第\s*(\d+|[一二三四五六七八九十两]+)(?:位|名)?|第\s*(\d+|[一二三四五六七八九十两]+)\s*(?:位|名))").expect("valid regex")
});
static RANK_CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(前进|提升|上升|进位|提高|后退|下降|下滑|退后)了?\s*(\d+)\s*个?(?:位次|位|名)")
        .expect("valid regex")
});
static LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d+(?:\s*\.\s*\d+)?)\s*(亿元|万元|万美元|亿美元|元|家|个|项|人次|人|户|亩|件|%|‰)",
    )
    .expect("valid regex")
});

const LEVEL_UNITS: [&str; 14] = [
    "亿元",
    "万元",
    "万美元",
    "亿美元",
    "元",
    "家",
    "个",
    "项",
    "人次",
    "人",
    "户",
    "亩",
    "件",
    "%",
];

/// Checks one bulletin's typed numbers against its unit's data at its period.
/// `text` is the bulletin's whole file (read again when only its front matter is kept).
pub fn check_bulletin(
    site: &Site,
    index: &Index,
    b: &Bulletin,
    text: &str,
    diags: &mut Diagnostics,
) {
    let Some(names) = index.names(site, b.unit) else {
        return;
    };
    let unit = &site.units[b.unit];
    let masked = mask(text, b.body_offset);
    // Sentences come in order: positions counted on from the last (issue 12).
    let locator = crate::diagnostic::Locator::new(text);
    for sentence in sentences(&masked) {
        let sentence_text = sentence.text.as_str();
        // Most sentences with a digit make no claim (dates, plan numbers): the indicator
        // names are only looked for when there is one.
        let found = claims(sentence_text);
        if found.is_empty() {
            continue;
        }
        let mentions: Vec<(Range<usize>, usize)> = names
            .automaton
            .find_iter(sentence_text)
            .map(|m| (m.start()..m.end(), names.owner[m.pattern().as_usize()]))
            .collect();
        for (found, indicator) in associate(sentence_text, &mentions, found) {
            let start = sentence.source(found.range.start);
            let position = locator
                .position(start)
                .with_len(sentence_text[found.range.clone()].chars().count());
            let d = match indicator {
                Some(i) => verify(
                    &unit.indicators[i],
                    b,
                    &found,
                    planned(sentence_text, found.range.start),
                ),
                None => Some(Diagnostic::note(
                    Code::CrossCheck,
                    &b.source.path,
                    format!(
                        "`{}`: no indicator is named before this number, so it is not checked",
                        found.text
                    ),
                )),
            };
            if let Some(d) = d {
                diags.push(d.at(position));
            }
        }
    }
}

/// Whether the words before `at` in its sentence announce a plan (计划, 力争, 目标 …).
fn planned(text: &str, at: usize) -> bool {
    ["计划", "力争", "目标", "预计", "确保"]
        .iter()
        .any(|w| text[..at].contains(w))
}

/// One sentence of prose with its line breaks taken out (commentary is often wrapped
/// mid-phrase: "GDP\n增幅5.7%"), and where its pieces sit in the file.
struct Sentence {
    text: String,
    /// (position in `text`, position in the file) at the start of each joined piece.
    joins: Vec<(usize, usize)>,
}

impl Sentence {
    /// The file offset of byte `at` of the sentence's text.
    fn source(&self, at: usize) -> usize {
        let k = self
            .joins
            .partition_point(|(t, _)| *t <= at)
            .saturating_sub(1);
        let (t, src) = self.joins[k];
        src + (at - t)
    }
}

/// Sentences end at 。；！？ and at blank lines; single line breaks are joined. Sentences
/// without a digit or 第 cannot hold a claim and are skipped before any copying.
fn sentences(masked: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    // line breaks since the last byte that was not blank, and where the last one was
    let mut newlines = 0;
    let mut last_newline = 0;
    let mut flush = |from: usize, to: usize| out.extend(sentence(masked, from..to));
    // Only '\n' and the lead bytes of 。；！？ (0xE3, 0xEF) can end a sentence, so the
    // scan jumps between them (memchr3) instead of looking at every byte, and decoding
    // every character was once most of the cross-check's time (issue 7). Whether a line
    // between two breaks was blank is asked only when it matters.
    let bytes = masked.as_bytes();
    let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
    for i in memchr::memchr3_iter(b'\n', 0xE3, 0xEF, bytes) {
        match bytes[i] {
            b'\n' => {
                if newlines > 0 && !bytes[last_newline + 1..i].iter().all(blank) {
                    newlines = 0;
                }
                newlines += 1;
                last_newline = i;
                if newlines == 2 {
                    flush(start, i);
                    start = i + 1;
                }
            }
            _ if is_stop(&bytes[i..]) => {
                flush(start, i);
                start = i + 3;
                newlines = 0;
            }
            // any other character led by 0xE3 or 0xEF is not blank
            _ => newlines = 0,
        }
    }
    flush(start, masked.len());
    out
}

/// The sentence at `range` of the text, lines joined; None when it holds nothing a claim
/// could be (no digit, no 第) or only line breaks.
fn sentence(masked: &str, range: Range<usize>) -> Option<Sentence> {
    let raw = &masked[range.clone()];
    if !(raw.bytes().any(|b| b.is_ascii_digit()) || raw.contains('第')) {
        return None;
    }
    let mut text = String::with_capacity(raw.len());
    let mut joins = Vec::new();
    let mut offset = range.start;
    for piece in raw.split(['\n', '\r']) {
        if !piece.is_empty() {
            joins.push((text.len(), offset));
            text.push_str(piece);
        }
        offset += piece.len() + 1;
    }
    (!joins.is_empty()).then_some(Sentence { text, joins })
}

/// Whether `rest` starts with 。；！ or ？ (U+3002, U+FF1B, U+FF01, U+FF1F).
fn is_stop(rest: &[u8]) -> bool {
    matches!(
        rest,
        [0xE3, 0x80, 0x82, ..] | [0xEF, 0xBC, 0x9B | 0x81 | 0x9F, ..]
    )
}

/// The body with everything that is not prose blanked out byte for byte (front matter,
/// code, HTML, components, link targets), so offsets stay those of the file.
fn mask(text: &str, body_offset: usize) -> String {
    // The ranges are collected and the text is put together once at the end: blanking a
    // byte copy in place would need the copy validated as UTF-8 again.
    let mut blanks: Vec<Range<usize>> = Vec::new();
    let mut blank = |r: Range<usize>| blanks.push(r);
    blank(0..body_offset);
    let body = &text[body_offset..];
    // Only code, HTML and links need the Markdown parser to find; most bulletins have
    // none, and parsing them a second time was a twelfth of a large build (issue 7).
    // Fenced blocks (the tables) are found line by line; the parser is needed only when
    // something else is left.
    let mut rest_has_markup = false;
    let mut fence: Option<usize> = None;
    let mut at = body_offset;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let is_fence = line.len() - trimmed.len() < 4
            && (trimmed.starts_with("```") || trimmed.starts_with("~~~"));
        match (fence, is_fence) {
            (None, true) => fence = Some(at),
            (Some(start), true) => {
                blank(start..at + line.len());
                fence = None;
            }
            (None, false) => {
                rest_has_markup |= line.contains('`')
                    || line.contains('<')
                    || line.contains("](")
                    || line.starts_with("    ")
                    || line.starts_with('\t');
            }
            (Some(_), false) => {}
        }
        at += line.len();
    }
    if let Some(start) = fence {
        blank(start..text.len());
    }
    let needs_parse = rest_has_markup;
    let mut in_code = None;
    let events = needs_parse
        .then(|| Parser::new_ext(body, crate::markdown::options()).into_offset_iter())
        .into_iter()
        .flatten();
    for (event, range) in events {
        let r = body_offset + range.start..body_offset + range.end;
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = Some(r.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = in_code.take() {
                    blank(start..r.end);
                }
            }
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => blank(r),
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(i) = text[r.clone()].rfind(dest_url.as_ref()) {
                    blank(r.start + i..r.start + i + dest_url.len());
                }
            }
            _ => {}
        }
    }
    let mut from = body_offset;
    while let Some(open) = crate::needles::OPEN.find(&text.as_bytes()[from..]) {
        let open = from + open;
        let Some(close) = crate::needles::CLOSE.find(&text.as_bytes()[open..]) else {
            break;
        };
        blank(open..open + close + 2);
        from = open + close + 2;
    }
    blanked(text, blanks)
}

/// `text` with each of `ranges` replaced by as many spaces as it has bytes. A range
/// edge inside a character is moved to that character's start.
fn blanked(text: &str, mut ranges: Vec<Range<usize>>) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    ranges.sort_unstable_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in ranges {
        let (start, end) = (floor(r.start).max(at), floor(r.end));
        if end <= start {
            continue;
        }
        out.push_str(&text[at..start]);
        const SPACES: &str = "                                                                ";
        let mut n = end - start;
        while n > 0 {
            let k = n.min(SPACES.len());
            out.push_str(&SPACES[..k]);
            n -= k;
        }
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Byte ranges of `text` between any of `stops`.
fn split(text: &str, stops: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if stops.contains(&c) {
            if i > start {
                out.push(start..i);
            }
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn number(text: &str) -> Option<Decimal> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    Decimal::from_str(&cleaned).ok()
}

/// 二 → 2, 十二 → 12, 二十 → 20; Arabic digits as they are.
fn chinese_number(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse() {
        return Some(n);
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
            .or((c == '两').then_some(2))
    };
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// Every claim in one sentence, offsets in the whole text; later kinds skip what earlier
/// kinds already took (the 5.7 of 增长5.7% is not also a level).
fn claims(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let taken = |out: &[Found], r: &Range<usize>| {
        out.iter()
            .any(|f| f.range.start < r.end && r.start < f.range.end)
    };
    let push = |out: &mut Vec<Found>, claim: Claim, r: Range<usize>| {
        if !taken(out, &r) {
            out.push(Found {
                claim,
                text: text[r.clone()].trim().to_string(),
                range: r,
            });
        }
    };
    // Each pattern runs only where the words it needs are present: a plain substring
    // test costs far less than a regex search over every sentence with a digit.
    let has = |needle: &str| text.contains(needle);
    let percent = has("%");
    let points = has("分点").then(|| POINTS.captures_iter(text));
    for c in points.into_iter().flatten() {
        let Some(v) = number(&c[2]) else { continue };
        let v = if matches!(&c[1], "下降" | "降低" | "回落" | "减少" | "收窄") {
            -v
        } else {
            v
        };
        push(
            &mut out,
            Claim::Points(v),
            c.get(0).map_or(0..0, |m| m.range()),
        );
    }
    let completion = (percent && has("完成")).then(|| COMPLETION.captures_iter(text));
    for c in completion.into_iter().flatten() {
        let Some(v) = number(&c[1]) else { continue };
        push(
            &mut out,
            Claim::Completion(v),
            c.get(0).map_or(0..0, |m| m.range()),
        );
    }
    for c in percent
        .then(|| GROWTH.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let Some(v) = number(&c[2]) else { continue };
        let v = if c[1].contains("下降")
            || c[1].starts_with("降幅")
            || matches!(&c[1], "回落" | "减少")
        {
            -v
        } else {
            v
        };
        push(
            &mut out,
            Claim::Growth(v),
            c.get(0).map_or(0..0, |m| m.range()),
        );
    }
    let rank_change = (has("位") || has("名")).then(|| RANK_CHANGE.captures_iter(text));
    for c in rank_change.into_iter().flatten() {
        let Ok(n) = c[2].parse::<i64>() else { continue };
        let n = if matches!(&c[1], "后退" | "下降" | "下滑" | "退后") {
            -n
        } else {
            n
        };
        push(
            &mut out,
            Claim::RankChange(n),
            c.get(0).map_or(0..0, |m| m.range()),
        );
    }
    for c in has("第")
        .then(|| RANK.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let Some(n) = c
            .get(2)
            .or(c.get(3))
            .and_then(|m| chinese_number(m.as_str()))
        else {
            continue;
        };
        push(
            &mut out,
            Claim::Rank(n),
            c.get(0).map_or(0..0, |m| m.range()),
        );
    }
    let digit = text.bytes().any(|b| b.is_ascii_digit());
    for c in digit
        .then(|| LEVEL.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let Some(v) = number(&c[1]) else { continue };
        let Some(unit) = LEVEL_UNITS.iter().find(|u| **u == &c[2]) else {
            continue;
        };
        let r = c.get(0).map_or(0..0, |m| m.range());
        // A year (2024年) or a count inside a name (“1+18+X”) is not a level.
        push(&mut out, Claim::Level(v, TypedUnit(unit)), r);
    }
    out.sort_by_key(|f| f.range.start);
    out
}

/// Pairs each claim with the indicator it speaks of (None: no indicator named).
fn associate(
    text: &str,
    mentions: &[(Range<usize>, usize)],
    claims: Vec<Found>,
) -> Vec<(Found, Option<usize>)> {
    let clauses = split(text, &['，', '、', ',', '：']);
    let clause_of = |at: usize| clauses.iter().position(|c| c.contains(&at)).unwrap_or(0);
    // "A、B和C分别增长x、y和z": names before 分别 and numbers after it up to the clause's
    // end, in order; the rest of the sentence is read as usual.
    let mut out = Vec::new();
    let mut claims = claims;
    if let Some(pivot) = text.find("分别") {
        let end = text[pivot..].find('，').map_or(text.len(), |i| pivot + i);
        let before: Vec<usize> = mentions
            .iter()
            .filter(|(r, _)| r.end <= pivot)
            .map(|(_, i)| *i)
            .collect();
        let (listed, rest): (Vec<Found>, Vec<Found>) = claims
            .into_iter()
            .partition(|f| f.range.start > pivot && f.range.end <= end);
        let paired: Vec<Option<usize>> = if listed.len() == before.len() {
            before.into_iter().map(Some).collect()
        } else {
            vec![None; listed.len()]
        };
        out.extend(listed.into_iter().zip(paired));
        claims = rest;
    }
    claims
        .into_iter()
        .map(|f| {
            let clause = clause_of(f.range.start);
            // What follows a value in the next clause speaks of the same thing:
            // "…完成投资36.45亿元，完成年度计划的156.4%", "比重达88%，上升11个百分点".
            let reach_back = matches!(
                f.claim,
                Claim::Rank(_) | Claim::RankChange(_) | Claim::Points(_) | Claim::Completion(_)
            );
            let owner = mentions
                .iter()
                .rfind(|(r, _)| {
                    r.end <= f.range.start && (reach_back || clause_of(r.start) == clause)
                })
                .map(|(_, i)| *i);
            (f, owner)
        })
        .chain(out)
        .collect()
}

/// Compares one claim with the data; None when they agree.
fn verify(ind: &Indicator, b: &Bulletin, found: &Found, planned: bool) -> Option<Diagnostic> {
    let f = Figure::new(ind, b.period);
    let file = &b.source.path;
    let said = &found.text;
    let note = |why: &str| {
        Some(Diagnostic::note(
            Code::CrossCheck,
            file,
            format!("`{said}` ({}): {why}, so it is not checked", ind.name),
        ))
    };
    let contradiction = |data: String| {
        Some(
            Diagnostic::error(Code::CrossCheck, file, format!("{}: the commentary says “{said}”, the data give “{data}”", ind.name))
                .expected(data.clone())
                .hint(format!("correct the number, or write it as a component (`{{{{ {}.… }}}}`) so it comes from the data", ind.id)),
        )
    };
    match found.claim {
        Claim::Growth(typed) if planned => {
            // "力争增长10%以上": a growth target, compared with the targets, never an error.
            let matches_a_target = ind.targets.values().any(|t| match t {
                crate::compute::Target::Growth { rate, .. } => agrees(*rate, typed),
                _ => false,
            });
            if matches_a_target {
                None
            } else {
                note("it reads as a plan, and no growth target in the data has this figure")
            }
        }
        Claim::Growth(typed) => match f.change {
            Change::Growth(g) if agrees(g, typed) => None,
            Change::Growth(_) => contradiction(f.change_text()),
            Change::Points(_) => Some(
                Diagnostic::error(
                    Code::CrossCheck,
                    file,
                    format!(
                        "{} is a rate or share: its change is in 百分点, not a growth of {said}",
                        ind.name
                    ),
                )
                .expected(format!("{} ({})", f.change_text(), "个百分点"))
                .hint("a percentage does not grow by a percentage (DESIGN.md)"),
            ),
            _ => note(&format!("the data have no growth for {}", b.period.label())),
        },
        Claim::Points(typed) => match f.change {
            Change::Points(p) if agrees(p, typed) => None,
            Change::Points(_) => contradiction(f.change_text()),
            _ => note("the data have no change in 百分点"),
        },
        Claim::Completion(typed) => match f.target_outcome().and_then(|o| o.completion) {
            Some(c) if agrees(c, typed) => None,
            Some(_) => contradiction(f.target_text().unwrap_or_default()),
            None => note(&format!("the data have no target for {}", b.period.label())),
        },
        Claim::Rank(typed) => {
            let ranks = f.ranks();
            if ranks.is_empty() {
                note(&format!("the data have no rank for {}", b.period.label()))
            } else if ranks.iter().any(|r| r.position == typed) {
                None
            } else {
                contradiction(f.rank_text().unwrap_or_default())
            }
        }
        Claim::RankChange(typed) => {
            let ranks = f.ranks();
            let changes: Vec<i64> = ranks
                .iter()
                .filter_map(|r| r.prior.map(|p| i64::from(p) - i64::from(r.position)))
                .collect();
            if changes.is_empty() {
                note("the data have no rank for last year")
            } else if changes.contains(&typed) {
                None
            } else {
                contradiction(f.rank_text().unwrap_or_default())
            }
        }
        Claim::Level(typed, TypedUnit(unit)) if planned => {
            // "全年计划实施技改项目29个": a plan, compared with the targets, never an error.
            let matches_a_target = ind.targets.values().any(|t| match t {
                crate::compute::Target::Level { value, .. } => {
                    crate::compute::number::convert_unit(*value, &ind.unit, unit)
                        .is_some_and(|v| agrees(v, typed))
                }
                _ => false,
            });
            if matches_a_target {
                None
            } else {
                note("it reads as a plan, and no target in the data has this figure")
            }
        }
        Claim::Level(typed, TypedUnit(unit)) => {
            let value = f.series.current?;
            let Some(in_typed_unit) = crate::compute::number::convert_unit(value, &ind.unit, unit)
            else {
                return None; // a number in another unit speaks of something else
            };
            if agrees(in_typed_unit, typed) {
                None
            } else {
                contradiction(f.value_text())
            }
        }
    }
}

/// The data agree with a typed figure when they round to it at the decimals it was typed
/// with (typing 14% for 13.96% is rounding, not a contradiction).
fn agrees(data: Decimal, typed: Decimal) -> bool {
    round(data, typed.scale()) == typed
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        claims(text)
            .iter()
            .map(|f| format!("{:?}", f.claim))
            .collect()
    }

    #[test]
    fn reads_the_seed_phrasings() {
        // seed 000's sentences, paraphrased: the number shapes are what matters here
        assert_eq!(kinds("税收收入增长14%"), ["Growth(14)"]);
        assert_eq!(kinds("GDP增幅5 . 7%"), ["Growth(5.7)"]);
        assert_eq!(
            kinds("比重达88%，上升11个百分点"),
            ["Level(88, TypedUnit(\"%\"))", "Points(11)"]
        );
        assert_eq!(
            kinds("较上年度前进85位、位列第127位"),
            ["RankChange(85)", "Rank(127)"]
        );
        assert_eq!(kinds("完成年度计划的156 . 4%"), ["Completion(156.4)"]);
        assert_eq!(kinds("完成任务的110%"), ["Completion(110)"]);
        assert_eq!(kinds("全市第二"), ["Rank(2)"]);
        assert_eq!(kinds("投资下降2.9%"), ["Growth(-2.9)"]);
        assert_eq!(
            kinds("完成投资36.45亿元"),
            ["Level(36.45, TypedUnit(\"亿元\"))"]
        );
        // not claims: a quarter, a year
        assert!(kinds("第二季度").is_empty());
        assert!(kinds("2024年").is_empty());
    }

    /// Blanked ranges keep every byte offset; overlapping ranges and a range edge inside a
    /// character (moved to its start) leave valid text of the same length.
    #[test]
    fn blanking_keeps_offsets() {
        let text = "增长{{ gdp.yoy }}，比重达88%";
        let out = blanked(text, vec![6..19, 8..12, 22..27]);
        assert_eq!(out.len(), text.len());
        assert_eq!(&out[..6], "增长");
        assert!(out[6..19].bytes().all(|b| b == b' '));
        // 22..27 starts at 比 and ends inside 重: only 比 is blanked
        assert_eq!(&out[19..], "，   重达88%");
        assert_eq!(
            mask("---\nt: 1\n---\n增长`5%`", 13),
            format!("{}增长{}", " ".repeat(13), " ".repeat(4))
        );
    }

    /// Units reporting the same catalogue of indicators share one matcher; a unit whose
    /// names differ (an alias more) gets its own, and still finds its own names.
    #[test]
    fn units_with_the_same_names_share_a_matcher() {
        let dir = tempfile::tempdir().expect("temp dir");
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
        std::fs::copy(base.join("site.yaml"), dir.path().join("site.yaml")).expect("copy");
        let data = std::fs::read_to_string(base.join("content/demo/data.yaml")).expect("read");
        for (unit, data) in [
            ("a", data.clone()),
            ("b", data.clone()),
            (
                "c",
                data.replace(
                    "name: 地区生产总值",
                    "name: 地区生产总值\n    aliases: [GDP]",
                ),
            ),
        ] {
            let folder = dir.path().join("content").join(unit);
            std::fs::create_dir_all(&folder).expect("mkdir");
            std::fs::write(
                folder.join("_index.md"),
                format!("---\nname: 单位{unit}\n---\n"),
            )
            .expect("write");
            std::fs::write(folder.join("data.yaml"), data).expect("write");
        }
        let mut diags = Diagnostics::default();
        let (site, _) = crate::prepare(
            dir.path(),
            false,
            crate::load::Bodies::Reread,
            &mut diags,
            &mut crate::Stages::default(),
        )
        .expect("the site loads");
        assert!(!diags.has_errors(), "{diags:?}");
        let unit = |id: &str| site.units.iter().position(|u| u.id == id).expect("unit");
        let index = Index::new(&site);
        let (a, b, c) = (
            index.names(&site, unit("a")).expect("a"),
            index.names(&site, unit("b")).expect("b"),
            index.names(&site, unit("c")).expect("c"),
        );
        assert!(std::ptr::eq(a, b));
        assert!(!std::ptr::eq(a, c));
        let gdp = |names: &Names, text: &str| {
            names.automaton.find(text).map(|m| {
                site.units[unit("c")].indicators[names.owner[m.pattern().as_usize()]]
                    .id
                    .clone()
            })
        };
        assert_eq!(gdp(c, "全年GDP增长5.7%").as_deref(), Some("gdp"));
        assert_eq!(gdp(a, "全年GDP增长5.7%"), None);
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_number("二"), Some(2));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("127"), Some(127));
        assert_eq!(chinese_number("第"), None);
    }

    #[test]
    fn agreement_is_rounding_to_the_typed_decimals() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert!(agrees(d("13.96"), d("14")));
        assert!(agrees(d("156.4377"), d("156.4")));
        assert!(!agrees(d("14.0"), d("15")));
        assert!(!agrees(d("156.4377"), d("156.5")));
    }
}

#[cfg(test)]
mod fuzz {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn fuzz_cross_check_scanner_never_panics(text in "[0-9一二第位名全市省增长下降个百分点完成计划的%亿元家，。；、分别 \\n.{}*`<>a-z]{0,80}") {
            let masked = mask(&text, 0);
            for s in sentences(&masked) {
                let found = claims(&s.text);
                for f in &found {
                    prop_assert!(f.range.end <= s.text.len());
                    prop_assert!(s.source(f.range.start) < masked.len());
                }
                let mentions = vec![(0..s.text.len().min(3), 0)];
                let _ = associate(&s.text, &mentions, found);
            }
        }

        /// The byte scanner splits sentences where splitting characters would.
        #[test]
        fn sentences_split_as_by_characters(text in "[0-9第位增长。；！？，“”、 \t\r\n甲乙]{0,60}") {
            let by_bytes: Vec<(String, Vec<(usize, usize)>)> =
                sentences(&text).into_iter().map(|s| (s.text, s.joins)).collect();
            prop_assert_eq!(by_bytes, by_characters(&text));
        }
    }

    /// The splitting rule written over characters, as it was before the byte scanner.
    fn by_characters(masked: &str) -> Vec<(String, Vec<(usize, usize)>)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut newlines = 0;
        let mut flush = |from: usize, to: usize| {
            out.extend(sentence(masked, from..to).map(|s| (s.text, s.joins)));
        };
        for (i, c) in masked.char_indices() {
            match c {
                '\n' => {
                    newlines += 1;
                    if newlines == 2 {
                        flush(start, i);
                        start = i + 1;
                    }
                }
                '。' | '；' | '！' | '？' => {
                    flush(start, i);
                    start = i + c.len_utf8();
                    newlines = 0;
                }
                c if !c.is_whitespace() => newlines = 0,
                _ => {}
            }
        }
        flush(start, masked.len());
        out
    }
}
