//! The phrasing lint: what the reader sees where typed commentary meets a component's
//! phrase. Three warnings, each located at the file, line and column of the text that
//! reads wrong:
//! - `repeated-lead`: a lead word typed right before a component whose phrase starts with
//!   one of the same kind — 增幅 + 增速居全市第2位, 比上年 + 比上年增长5.8%, 增长 +
//!   增长5.8%, 完成 + 完成年度目标的110.0% — or with the very words typed (a name
//!   typed before `{{ gdp }}`, which names it);
//! - `repeated-figure`: the same rank or figure twice in one sentence with nothing but
//!   punctuation and a word or two between, one of them a component's ("居全市第2位，
//!   增速居全市第2位");
//! - `glued-numbers`: a component's number run into a typed one or another component's,
//!   with no word between ("5.8%6.2%", "128.3亿元6.2%", "12.3 4.5").
//!
//! It reads a bulletin's body as the page prints it: each `{{ … }}` replaced by its phrase
//! from the page's figures (the very phrase the page printed), line breaks joined, fenced
//! blocks (tables), HTML and the `*` of emphasis left out; sentences end at 。！？； and
//! blank lines. Text without a component is the cross-check's, not this lint's, and a
//! page with an error is left until it is right. Linear in the text (each component
//! resolved once, warnings located in file order). No I/O.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Locator};
use crate::figures::PageFigures;
use crate::markdown::components::phrase_for;
use crate::model::reference;
use crate::model::{Bulletin, Period, Site};

/// Lead words by kind: a typed word and a phrase's first word of the same kind say the
/// same thing twice. Longest first within a kind.
const LEADS: &[&[&str]] = &[
    // what grows: the rate itself
    &["增长速度", "增长率", "增速", "增幅"],
    // against what
    &[
        "比上年同期",
        "较上年同期",
        "与上年同期",
        "比上年",
        "较上年",
        "与上年",
        "比去年",
        "较去年",
        "同比",
        "环比",
    ],
    // which way
    &[
        "增长", "下降", "上升", "上涨", "下跌", "提高", "回落", "减少", "增加", "持平",
    ],
    // a rank
    &["位居", "位列", "居"],
    // against a target
    &[
        "未突破",
        "未达到",
        "控制在",
        "完成",
        "达到",
        "高于",
        "低于",
        "超出",
        "超过",
        "突破",
    ],
    // a share
    &["占"],
];

/// Units every figure may carry besides the indicators' own.
const SHARED_UNITS: &[&str] = &["个百分点", "个千分点", "%", "‰"];

/// Words that may stand between a figure and its repetition without naming anything new.
const MAX_BETWEEN: usize = 4;

/// Checks the body of bulletin `b` (`text`, its whole file), reading the phrases from the
/// page's figures; `diags` holds what was found on the page so far.
pub fn check_bulletin<'a>(
    site: &'a Site,
    b: &Bulletin,
    text: &str,
    figures: &PageFigures<'a>,
    diags: &mut Diagnostics,
) {
    // A page with an error (a component that does not resolve, a contradicted figure)
    // fails anyway: its phrasing is looked at once it is right.
    if diags.error_count() > 0 {
        return;
    }
    let page = Commentary {
        unit: b.unit,
        period: b.period,
        file: &b.source.path,
        body_offset: b.body_offset,
    };
    check_commentary(site, &page, text, figures, diags);
}

/// Where commentary sits: its unit, the period its components default to, its file and
/// where its Markdown body starts in the file's text.
struct Commentary<'a> {
    unit: usize,
    period: Period,
    file: &'a Path,
    body_offset: usize,
}

fn check_commentary<'a>(
    site: &'a Site,
    b: &Commentary<'_>,
    text: &str,
    figures: &PageFigures<'a>,
    diags: &mut Diagnostics,
) {
    let body = text.get(b.body_offset..).unwrap_or_default();
    if crate::needles::OPEN.find(body.as_bytes()).is_none() {
        return;
    }
    let unit = &site.units[b.unit];
    // each component text resolved once (a page may name one figure, or one mistyped
    // id, 100,000 times: issue 12)
    let seen: RefCell<HashMap<String, Option<String>>> = RefCell::default();
    let phrase = |inner: &str| {
        if let Some(known) = seen.borrow().get(inner) {
            return known.clone();
        }
        let made = reference::parse(inner, site, Some(b.unit))
            .ok()
            .and_then(|r| phrase_for(&r, site, figures, Some(b.period)).ok());
        seen.borrow_mut().insert(inner.to_string(), made.clone());
        made
    };
    let mut units: Vec<&str> = unit
        .indicators
        .iter()
        .map(|i| i.unit.as_str())
        .filter(|u| !u.is_empty() && !u.contains('='))
        .chain(SHARED_UNITS.iter().copied())
        .collect();
    // the longest unit wins: 万美元 before 美元, 个百分点 before 个
    units.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    units.dedup();
    let names: Vec<&str> = unit
        .indicators
        .iter()
        .flat_map(|i| {
            std::iter::once(i.name.as_str())
                .chain(std::iter::once(i.short_name.as_str()))
                .chain(i.aliases.iter().map(String::as_str))
        })
        .filter(|n| n.chars().count() >= 2)
        .collect();
    let lint = Lint { units, names };
    let mut found = Vec::new();
    for block in blocks(text, b.body_offset, &phrase) {
        if block.segs.iter().any(|s| s.kind == Piece::Phrase) {
            lint.repeated_lead(text, &block, &mut found);
            lint.glued_numbers(&block, &mut found);
            lint.repeated_figures(&block, &mut found);
        }
    }
    // located in file order: each position counted on from the last (issue 12)
    found.sort_by_key(|w| w.at.start);
    let locate = Locator::new(text);
    for w in found {
        diags.push(
            Diagnostic::warning(w.code, b.file, w.message)
                .at(locate.range(w.at))
                .hint(w.hint),
        );
    }
}

/// A warning found, before it is located.
struct Warning {
    code: Code,
    at: Range<usize>,
    message: crate::lang::Text,
    hint: crate::lang::Text,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Piece {
    Typed,
    /// A component's phrase.
    Phrase,
    /// What no figure runs across: inline code, a component that does not resolve.
    Break,
}

/// A run of prose as the reader sees it: typed text and components' phrases, joined.
struct Block {
    text: String,
    segs: Vec<Seg>,
}

/// A piece of a [`Block`]: typed text (each byte the file's byte at `source`) or a
/// component's phrase (`source` its `{{ … }}`).
struct Seg {
    /// Where it starts in the block's text, and its length there.
    at: usize,
    len: usize,
    source: Range<usize>,
    kind: Piece,
}

impl Block {
    /// The file offset of byte `at` of the text: exact in typed text, the component's
    /// `{{` inside a phrase.
    fn source(&self, at: usize) -> usize {
        let k = self.segs.partition_point(|s| s.at <= at).saturating_sub(1);
        match self.segs.get(k) {
            Some(s) if s.kind == Piece::Typed => s.source.start + (at - s.at).min(s.len),
            Some(s) => s.source.start,
            None => 0,
        }
    }

    fn seg_at(&self, at: usize) -> Option<&Seg> {
        let k = self.segs.partition_point(|s| s.at + s.len <= at);
        self.segs.get(k).filter(|s| s.at <= at)
    }
}

/// The body's blocks: paragraphs, headings, list items, table rows (a `|` ends a
/// sentence), outside fenced blocks. `phrase` gives a component's phrase, None for one
/// that does not resolve (reported where components are expanded).
fn blocks(text: &str, body_offset: usize, phrase: &dyn Fn(&str) -> Option<String>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut block = Block {
        text: String::new(),
        segs: Vec::new(),
    };
    let flush = |block: &mut Block, out: &mut Vec<Block>| {
        if !block.segs.is_empty() {
            out.push(std::mem::replace(
                block,
                Block {
                    text: String::new(),
                    segs: Vec::new(),
                },
            ));
        }
    };
    let mut fence = false;
    let mut at = body_offset;
    for line in text[body_offset..].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start_matches(' ');
        let indent = content.len() - trimmed.len();
        if indent < 4 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            fence = !fence;
            flush(&mut block, &mut out);
            continue;
        }
        if fence {
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut block, &mut out);
            continue;
        }
        // a heading, quote, list item or table row starts a block of its own
        let marker = block_marker(trimmed);
        if marker > 0 || trimmed.starts_with('|') {
            flush(&mut block, &mut out);
        }
        let from = start + indent + marker;
        push_line(text, from..start + content.len(), phrase, &mut block);
        if trimmed.starts_with('#') {
            flush(&mut block, &mut out);
        }
    }
    flush(&mut block, &mut out);
    out
}

/// The length of a heading, quote or list marker at the start of `line` (0 for none).
fn block_marker(line: &str) -> usize {
    let b = line.as_bytes();
    let run = |c: u8| b.iter().take_while(|&&x| x == c).count();
    match b.first() {
        Some(b'#') if matches!(b.get(run(b'#')), Some(b' ') | None) => run(b'#'),
        Some(b'>') => 1,
        Some(b'-' | b'*' | b'+') if b.get(1) == Some(&b' ') => 2,
        Some(c) if c.is_ascii_digit() => {
            let n = b.iter().take_while(|x| x.is_ascii_digit()).count();
            match (b.get(n), b.get(n + 1)) {
                (Some(b'.' | b')'), Some(b' ')) => n + 2,
                _ => 0,
            }
        }
        _ => 0,
    }
}

/// Appends the line `range` of `text` to `block`: typed text without `*` and HTML,
/// components as their phrases (one that does not resolve, and inline code, as a break
/// no figure runs across).
fn push_line(
    text: &str,
    range: Range<usize>,
    phrase: &dyn Fn(&str) -> Option<String>,
    block: &mut Block,
) {
    let line = &text[range.clone()];
    let mut typed_from = 0;
    let mut i = 0;
    let push_typed = |block: &mut Block, from: usize, to: usize| {
        // `*` of emphasis is not printed: each run between them is a piece of its own
        let mut piece_from = from;
        let stars = memchr::memchr_iter(b'*', &line.as_bytes()[from..to]);
        for k in stars.chain([to - from]) {
            {
                if from + k > piece_from {
                    block.segs.push(Seg {
                        at: block.text.len(),
                        len: from + k - piece_from,
                        source: range.start + piece_from..range.start + from + k,
                        kind: Piece::Typed,
                    });
                    block.text.push_str(&line[piece_from..from + k]);
                }
                piece_from = from + k + 1;
            }
        }
    };
    while i < line.len() {
        let rest = &line[i..];
        let skip = if rest.starts_with("{{") {
            crate::needles::CLOSE.find(rest.as_bytes()).map(|close| {
                let inner = rest[2..close].trim();
                let made = phrase(inner);
                (close + 2, Some(made))
            })
        } else if rest.starts_with("<!--") {
            Some((rest.find("-->").map_or(rest.len(), |c| c + 3), None))
        } else if rest.starts_with('<')
            && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        {
            Some((rest.find('>').map_or(rest.len(), |c| c + 1), None))
        } else if rest.starts_with('`') {
            let ticks = rest.bytes().take_while(|&b| b == b'`').count();
            let fence = &rest[..ticks];
            Some((
                rest[ticks..]
                    .find(fence)
                    .map_or(ticks, |c| ticks + c + ticks),
                Some(None),
            ))
        } else {
            None
        };
        let Some((len, component)) = skip else {
            // on to the next byte that may start a component, HTML or code
            i += 1 + memchr::memchr3(b'{', b'<', b'`', &rest.as_bytes()[1..])
                .unwrap_or(rest.len() - 1);
            continue;
        };
        push_typed(block, typed_from, i);
        match component {
            Some(Some(phrase)) => {
                block.segs.push(Seg {
                    at: block.text.len(),
                    len: phrase.len(),
                    source: range.start + i..range.start + i + len,
                    kind: Piece::Phrase,
                });
                block.text.push_str(&phrase);
            }
            // a break: a component that does not resolve, or code
            Some(None) => {
                block.segs.push(Seg {
                    at: block.text.len(),
                    len: 3,
                    source: range.start + i..range.start + i + len,
                    kind: Piece::Break,
                });
                block.text.push('\u{FFFC}');
            }
            None => {}
        }
        i += len;
        typed_from = i;
    }
    push_typed(block, typed_from, line.len());
}

struct Lint<'a> {
    /// The units a figure of this bulletin's unit may carry, longest first.
    units: Vec<&'a str>,
    /// The unit's indicators' names, short names and aliases.
    names: Vec<&'a str>,
}

impl Lint<'_> {
    /// `repeated-lead`: the typed text right before a component ends with a lead word of
    /// the kind the component's phrase starts with, or with the phrase's first words.
    fn repeated_lead(&self, file: &str, block: &Block, out: &mut Vec<Warning>) {
        for (k, seg) in block.segs.iter().enumerate() {
            if seg.kind != Piece::Phrase {
                continue;
            }
            let inner = file[seg.source.start + 2..seg.source.end - 2].trim();
            let Some(before) = k.checked_sub(1).map(|j| &block.segs[j]) else {
                continue;
            };
            if before.kind != Piece::Typed {
                continue;
            }
            let typed = block.text[before.at..seg.at].trim_end();
            let phrase = &block.text[seg.at..seg.at + seg.len];
            let Some((word, lead)) = same_kind(typed, phrase)
                .or_else(|| overlap(typed, phrase))
                .or_else(|| growth_in_clause(typed, phrase))
            else {
                continue;
            };
            let start = before.at + word.start;
            let word = &typed[word];
            let source = block.source(start);
            out.push(Warning {
                code: Code::RepeatedLead,
                at: source..source + word.len(),
                message: text!(
                    "“{word}” is typed right before `{{{{ {inner} }}}}`, which prints “{lead}” itself: the page reads “{p}”",
                    "“{word}”紧挨着 `{{{{ {inner} }}}}`，而组件自己会输出“{lead}”：页面上成了“{p}”",
                    p = &block.text[start..seg.at + seg.len]
                ),
                hint: text!(
                    "the component prints its own “{lead}”: delete the typed “{word}”",
                    "组件自己会输出“{lead}”：请删去手写的“{word}”"
                ),
            });
        }
    }

    /// `glued-numbers`: where a component meets typed text or another component, a number
    /// (with its unit) on the left and a digit on the right, nothing but spaces between.
    fn glued_numbers(&self, block: &Block, out: &mut Vec<Warning>) {
        let is_phrase = |s: &Seg| s.kind == Piece::Phrase;
        // each boundary once: before a component, and after one when typed text follows
        let mut boundaries = Vec::new();
        for (k, seg) in block.segs.iter().enumerate().filter(|(_, s)| is_phrase(s)) {
            if k > 0 {
                boundaries.push(seg.at);
            }
            if block
                .segs
                .get(k + 1)
                .is_some_and(|n| n.kind == Piece::Typed)
            {
                boundaries.push(seg.at + seg.len);
            }
        }
        for boundary in boundaries {
            let (left, right) = block.text.split_at(boundary);
            let (left, right) = (left.trim_end(), right.trim_start());
            let Some(number) = self.trailing_figure(left) else {
                continue;
            };
            if !right.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
                continue;
            }
            let right_at = block.text.len() - right.len();
            let digits = right
                .char_indices()
                .find(|(_, c)| {
                    !(c.is_ascii_digit() || ('０'..='９').contains(c) || ".．".contains(*c))
                })
                .map_or(right.len(), |(i, _)| i);
            let unit = self
                .units
                .iter()
                .find(|u| right[digits..].starts_with(**u))
                .map_or(0, |u| u.len());
            let next_figure = &right[..digits + unit];
            let at = match block.seg_at(right_at) {
                Some(s) if s.kind != Piece::Typed => s.source.clone(),
                _ => {
                    let source = block.source(right_at);
                    source..source + 1
                }
            };
            out.push(Warning {
                code: Code::GluedNumbers,
                at,
                message: text!(
                    "“{number}” runs into “{next_figure}” with no word between: the page reads “{p}”",
                    "“{number}”和“{next_figure}”之间没有文字，连在了一起：页面上成了“{p}”",
                    p = &block.text[left.len() - number.len()..right_at + next_figure.len()]
                ),
                hint: text!(
                    "put the word or punctuation the sentence needs between the two figures (、，和), or drop the one the component already prints",
                    "在两个数字之间加上句子需要的词语或标点（、，和），或删去组件已经输出的那个"
                ),
            });
        }
    }

    /// The figure `text` ends with — a number, with a unit of the bulletin's unit or %, ‰,
    /// 个百分点 — or None.
    fn trailing_figure<'t>(&self, text: &'t str) -> Option<&'t str> {
        let unit = self
            .units
            .iter()
            .find(|u| text.ends_with(**u))
            .map_or(0, |u| u.len());
        let number = &text[..text.len() - unit];
        let digits = number
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
        (digits < number.len() && number.as_bytes()[number.len() - 1].is_ascii_digit())
            .then(|| &text[digits..])
    }

    /// `repeated-figure`: in a sentence holding a component, a rank (居全市第2位) or a
    /// figure with its unit (5.7%, 128.3亿元) twice, one of them printed by a component,
    /// with at most a few words between that name no indicator ("，增速"), and no 分别.
    fn repeated_figures(&self, block: &Block, out: &mut Vec<Warning>) {
        let is_phrase = |s: &&Seg| s.kind == Piece::Phrase;
        let phrases: Vec<Range<usize>> = block
            .segs
            .iter()
            .filter(is_phrase)
            .map(|s| s.at..s.at + s.len)
            .collect();
        let in_phrase = |r: &Range<usize>| block.seg_at(r.start).is_some_and(|s| is_phrase(&s));
        let mut next_phrase = 0;
        for sentence in sentences(&block.text) {
            while phrases
                .get(next_phrase)
                .is_some_and(|p| p.end <= sentence.start)
            {
                next_phrase += 1;
            }
            if phrases
                .get(next_phrase)
                .is_none_or(|p| p.start >= sentence.end)
            {
                continue;
            }
            let respectively = block.text[sentence.clone()]
                .find("分别")
                .map_or(usize::MAX, |i| sentence.start + i);
            let mut last: HashMap<&str, Range<usize>> = HashMap::new();
            let tokens = self.figures_in(&block.text, sentence.clone());
            for (key, range) in &tokens {
                let Some(first) = last.insert(key, range.clone()) else {
                    continue;
                };
                if !in_phrase(&first) && !in_phrase(range) {
                    continue;
                }
                // a few characters at most: a long stretch is never "nothing between"
                let between = &block.text[first.end..range.start];
                if between.len() > 8 * MAX_BETWEEN {
                    continue;
                }
                let words = between
                    .chars()
                    .filter(|c| !c.is_whitespace() && !is_break(*c) && !"，、：:,".contains(*c))
                    .count();
                if words > MAX_BETWEEN
                    || self.names.iter().any(|n| between.contains(n))
                    || respectively < range.start
                {
                    continue;
                }
                let at = match block.seg_at(range.start) {
                    Some(s) if s.kind != Piece::Typed => s.source.clone(),
                    _ => {
                        let source = block.source(range.start);
                        source..source + (range.end - range.start)
                    }
                };
                out.push(Warning {
                    code: Code::RepeatedFigure,
                    at,
                    message: text!(
                        "“{key}” is printed twice in one sentence: the page reads “{p}”",
                        "“{key}”在一句话中出现了两次：页面上成了“{p}”",
                        p = &block.text[first.start..range.end]
                    ),
                    hint: text!(
                        "say it once: delete the typed one, or the part of the component that repeats it",
                        "只说一次：删去手写的那个，或组件中重复的部分"
                    ),
                });
            }
        }
    }

    /// The ranks (keyed 全市第2位) and figures with a unit (5.7%) in `range` of `text`.
    fn figures_in<'t>(&self, text: &'t str, range: Range<usize>) -> Vec<(&'t str, Range<usize>)> {
        const NTH: &[u8] = "第".as_bytes();
        let s = &text[range.clone()];
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        // bytes, not characters: a figure starts at an ASCII digit or at 第, both
        // character boundaries
        while i < b.len() {
            if b[i..].starts_with(NTH) {
                let n = b[i + NTH.len()..]
                    .iter()
                    .take_while(|x| x.is_ascii_digit())
                    .count();
                let after = &s[i + NTH.len() + n..];
                if n > 0 && (after.starts_with('位') || after.starts_with('名')) {
                    // its scope: back to the 居 or 列 before it, within the clause
                    let (word_from, scope_from) = s[..i]
                        .char_indices()
                        .rev()
                        .take_while(|(_, c)| !is_break(*c) && !"，、：".contains(*c))
                        .take(12)
                        .find(|(_, c)| *c == '居' || *c == '列')
                        .map_or((i, i), |(k, c)| (k, k + c.len_utf8()));
                    let end = i + NTH.len() + n + '位'.len_utf8();
                    out.push((
                        &s[scope_from..end],
                        range.start + word_from..range.start + end,
                    ));
                    i = end;
                    continue;
                }
            }
            let starts_number = b[i].is_ascii_digit()
                && !(i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.'))
                && !s[..i].ends_with('第');
            if starts_number {
                let n = b[i..]
                    .iter()
                    .take_while(|x| x.is_ascii_digit() || **x == b'.')
                    .count();
                let number = s[i..i + n].trim_end_matches('.');
                let rest = &s[i + number.len()..];
                if let Some(unit) = self.units.iter().find(|u| rest.starts_with(**u)) {
                    let end = i + number.len() + unit.len();
                    out.push((&s[i..end], range.start + i..range.start + end));
                    i = end;
                    continue;
                }
                i += n;
                continue;
            }
            i += 1;
        }
        out
    }
}

/// The typed word `typed` ends with and the phrase's first word, when they are lead words
/// of one kind ([`LEADS`]).
/// A rank's phrase may name its basis first (增速居…, 总量和增速均居…): its 居 counts as
/// its lead.
fn same_kind<'p>(typed: &str, phrase: &'p str) -> Option<(Range<usize>, &'p str)> {
    LEADS.iter().find_map(|kind| {
        let word = kind.iter().find(|w| typed.ends_with(**w))?;
        let lead = match kind.iter().find(|w| phrase.starts_with(**w)) {
            Some(lead) => &phrase[..lead.len()],
            None if kind.contains(&"居") => {
                let at = phrase
                    .find('居')
                    .filter(|&at| phrase[..at].chars().count() <= 6)?;
                &phrase[..at + '居'.len_utf8()]
            }
            None => return None,
        };
        Some((typed.len() - word.len()..typed.len(), lead))
    })
}

/// The growth word (增速, 增幅 …) the typed clause holds when the phrase names the growth
/// before its rank too: "规模和增速都" + "总量和增速均居全市第1位".
fn growth_in_clause<'p>(typed: &str, phrase: &'p str) -> Option<(Range<usize>, &'p str)> {
    let head = &phrase[..phrase.find('居')?];
    let clause_from = typed
        .rfind(|c: char| is_break(c) || "，、：".contains(c))
        .map_or(0, |i| {
            i + typed[i..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &typed[clause_from..];
    let (at, word) = LEADS[0]
        .iter()
        .filter_map(|w| clause.rfind(*w).map(|i| (i, *w)))
        .max()?;
    let lead = LEADS[0]
        .iter()
        .find_map(|w| head.find(*w).map(|i| &head[i..i + w.len()]))?;
    Some((clause_from + at..clause_from + at + word.len(), lead))
}

/// The longest run of two to eight characters (no digits, no punctuation) that `typed`
/// ends with and `phrase` starts with: a name typed before a phrase that names it.
fn overlap<'p>(typed: &str, phrase: &'p str) -> Option<(Range<usize>, &'p str)> {
    let ends: Vec<usize> = phrase
        .char_indices()
        .take(8)
        .take_while(|(_, c)| !c.is_ascii_digit() && !is_break(*c) && c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    // two characters at least
    ends.iter().skip(1).rev().find_map(|&end| {
        let head = &phrase[..end];
        typed
            .ends_with(head)
            .then(|| (typed.len() - head.len()..typed.len(), head))
    })
}

/// Ends a sentence: 。！？； (and their ASCII forms), a table's `|`, a break in the text.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '!' | '?' | ';' | '|' | '\u{FFFC}'
    )
}

/// The sentences of `text`, as ranges. Every break is one of `!?;|` or a character led
/// by 0xE3 or 0xEF, so the scan jumps between those bytes (memchr) instead of decoding
/// every character, which was half of this lint.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut wide = memchr::memchr3_iter(0xE3, 0xEF, b'|', b).peekable();
    let mut ascii = memchr::memchr3_iter(b'!', b'?', b';', b).peekable();
    let mut out = Vec::new();
    let mut from = 0;
    loop {
        let i = match (wide.peek(), ascii.peek()) {
            (Some(&w), Some(&a)) if a < w => ascii.next(),
            (Some(_), _) => wide.next(),
            (None, _) => ascii.next(),
        };
        let Some(i) = i else { break };
        let len = match b[i] {
            b'!' | b'?' | b';' | b'|' => 1,
            // a lead byte is a character boundary
            _ => text[i..]
                .chars()
                .next()
                .filter(|&c| is_break(c))
                .map_or(0, char::len_utf8),
        };
        if len > 0 {
            out.push(from..i);
            from = i + len;
        }
    }
    out.push(from..text.len());
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::LazyLock;

    use super::*;
    use crate::diagnostic::Severity;

    /// The example site: 六安开发区's figures are seed 000's (GDP 增长5.7%, 增速居全市第2位;
    /// 税收收入增长14.0%; 税收占比91.74%, 全市第1位; 经营收入增长9.0%, 总量全市第1位).
    static SITE: LazyLock<Site> = LazyLock::new(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut diags = Diagnostics::default();
        let loaded = crate::load::load(root, crate::load::Bodies::Keep, &mut diags)
            .expect("the example site loads");
        crate::model::resolve(loaded, true, &mut diags)
    });

    /// The lint's warnings on `body`, commentary of 六安开发区 for 2024, each as
    /// "code line:col message".
    fn lint(body: &str) -> Vec<String> {
        let site = &*SITE;
        let page = Commentary {
            unit: site.unit("luan-kfq").expect("luan-kfq"),
            period: Period::Year(2024),
            file: Path::new("content/luan-kfq/test.md"),
            body_offset: 0,
        };
        let figures = PageFigures::new();
        let mut diags = Diagnostics::default();
        check_commentary(site, &page, body, &figures, &mut diags);
        diags
            .iter()
            .map(|d| {
                assert_eq!(d.severity, Severity::Warning);
                let p = d.position.expect("located");
                format!("{} {}:{} {}", d.code.as_str(), p.line, p.col, d.message)
            })
            .collect()
    }

    #[test]
    fn sentences_end_at_every_break_and_nowhere_else() {
        let text = "增长5.7%。居全市第2位；税收!a?b;c|d\u{FFFC}e！f？g，h、i：j。";
        let by_char: Vec<Range<usize>> = {
            let mut out = Vec::new();
            let mut from = 0;
            for (i, c) in text.char_indices() {
                if is_break(c) {
                    out.push(from..i);
                    from = i + c.len_utf8();
                }
            }
            out.push(from..text.len());
            out
        };
        assert_eq!(sentences(text), by_char);
        assert_eq!(sentences(text).len(), 11);
    }

    #[test]
    fn a_typed_lead_word_the_component_repeats_is_located() {
        let found = lint(
            "## 主要指标\n\n**稳中有升。**地区生产总值{{ gdp.change }}，增幅{{ gdp.rank }}；\n税收收入比上年{{ tax_revenue.yoy }}。\n",
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0]
                .starts_with("repeated-lead 3:33 “增幅” is typed right before `{{ gdp.rank }}`")
                && found[0].ends_with("the page reads “增幅增速居全市第2位”"),
            "{found:#?}"
        );
        assert!(
            found[1].starts_with("repeated-lead 4:5 “比上年”")
                && found[1].ends_with("“比上年比上年增长14.0%”"),
            "{found:#?}"
        );
        // the verb, the target's verb, a name the full phrase starts with, the same words
        // in the clause before a shared rank
        for (body, reads) in [
            (
                "经营收入同比增长{{ operating_revenue.change }}。",
                "增长增长9.0%",
            ),
            (
                "全年新引进项目33个，完成{{ projects_new.target }}。",
                "完成完成年度目标的110.0%",
            ),
            (
                "地区生产总值增速位居{{ gdp.rank }}。",
                "位居增速居全市第2位",
            ),
            (
                "地区生产总值{{ gdp }}。",
                "地区生产总值地区生产总值128.3亿元",
            ),
            (
                "直接利用外资的规模和增速都{{ fdi.rank }}。",
                "增速都总量和增速均居全市第1位",
            ),
        ] {
            let found = lint(body);
            assert_eq!(found.len(), 1, "{body}: {found:#?}");
            assert!(found[0].starts_with("repeated-lead 1:"), "{found:#?}");
            assert!(found[0].contains(reads), "{body}: {found:#?}");
        }
    }

    #[test]
    fn the_same_rank_twice_in_a_sentence_is_located_at_the_second() {
        let found = lint("地区生产总值增速居全市第2位，{{ gdp.rank }}。\n");
        assert_eq!(
            found,
            [
                "repeated-figure 1:16 “全市第2位” is printed twice in one sentence: the page reads “居全市第2位，增速居全市第2位”"
            ]
        );
        let found = lint("税收收入{{ tax_revenue.change }}，增长14.0%。");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with("repeated-figure 1:32 “14.0%”"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_number_run_into_the_next_is_located() {
        let found = lint(
            "地区生产总值{{ gdp.change }}6.2%，税收收入{{ tax_revenue.value }} {{ tax_revenue.change }}。\n合计{{ gdp.value }}{{ tax_revenue.value }}。",
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].starts_with("glued-numbers 1:23 “5.7%” runs into “6.2%”")
                && found[0].ends_with("the page reads “5.7%6.2%”"),
            "{found:#?}"
        );
        assert!(
            found[1].starts_with("glued-numbers 2:18 “128.3亿元” runs into “22.80亿元”"),
            "{found:#?}"
        );
        for body in [
            "增速为{{ gdp.change }} 12.3",
            "增速为{{ gdp.change }}１２．３",
        ] {
            let found = lint(body);
            assert_eq!(found.len(), 1, "{body}: {found:#?}");
            assert!(found[0].starts_with("glued-numbers 1:2"), "{found:#?}");
        }
    }

    /// Commentary as a zone's report writes it (in our own words), figures from seed 000:
    /// value then change, ranks after a comma, 比上年 before a points change, a plan's
    /// completion, the same growth of two indicators, a table and code left alone.
    #[test]
    fn correct_commentary_is_quiet() {
        let body = "\
**位次继续前移。**{{ national_rank }}；{{ provincial_rank }}。

**主要指标稳中有升。**地区生产总值{{ gdp.change }}，{{ gdp.rank }}；税收收入{{ tax_revenue.change }}，\
税收占财政收入的比重达到{{ tax_share.value }}，{{ tax_share.rank }}；经营收入{{ operating_revenue.change }}，\
总量{{ operating_revenue.rank }}。

新能源汽车配套企业达到{{ nev_supplier_firms.value }}，数量{{ nev_supplier_firms.rank }}；主导产业产值占规上\
工业总产值的比重达到{{ leading_industry_share.value }}，比上年{{ leading_industry_share.change }}。

全年新引进亿元以上项目{{ projects_new.value }}，{{ projects_new.target }}；直接利用外资{{ fdi.rank }}。

- 地区生产总值{{ gdp.change }}，规上工业增加值也增长5.7%。
- 管委会内设机构由{{ internal_departments.prior }}压减为{{ internal_departments.value }}。

```yoy
caption: 比上年{{ gdp.yoy }}
indicators: [gdp]
```

`增幅{{ gdp.rank }}` <span>增幅</span>{{ gdp.value }}
";
        assert_eq!(lint(body), Vec::<String>::new());
    }

    /// The README's examples: each component's documented phrase is the one printed, and
    /// its sample commentary line reads right.
    #[test]
    fn the_readmes_examples_pass() {
        let readme =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
                .expect("README.md");
        let site = &*SITE;
        let unit = site.unit("luan-kfq").expect("luan-kfq");
        let figures = PageFigures::new();
        let mut checked = 0;
        for row in readme.lines().filter(|l| l.starts_with("| `{{ ")) {
            let mut cells = row.split(" | ");
            let typed = cells.next().unwrap_or_default();
            let inner = typed.trim_start_matches("| `{{ ").trim_end_matches(" }}`");
            let Ok(r) = reference::parse(inner, site, Some(unit)) else {
                continue;
            };
            let documented = cells.next().unwrap_or_default().trim_end_matches(" |");
            let documented = documented.split(" (").next().unwrap_or_default();
            let printed = phrase_for(&r, site, &figures, Some(Period::Year(2024))).expect(inner);
            assert_eq!(printed, documented, "README: {row}");
            checked += 1;
        }
        assert!(checked >= 7, "{checked}");
        let sample = readme
            .lines()
            .find_map(|l| l.strip_prefix("24 │ "))
            .expect("the README's sample line");
        let sample = sample.trim_end_matches('…').replace("gpd", "gdp");
        assert_eq!(lint(&sample), Vec::<String>::new(), "{sample}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Any commentary: components, emphasis, HTML, code, fences, digits and units
        /// mixed at random, never a panic, every warning located.
        #[test]
        fn any_commentary_is_linted_without_a_panic(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "{{ gdp.change }}", "{{ gdp.rank }}", "{{ gdp }}", "{{ fdi.rank }}", "{{ nope }}",
                "{{", "}}", "**", "*", "`", "<b>", "<!--", "-->", "\n", "\n\n", "```yoy\n",
                "# ", "- ", "1. ", "| ", "增幅", "比上年", "居全市第2位", "第", "位", "5.7%", "12.3",
                " ", "１２．３", "亿元", "，", "。", "；", "分别", "中", "居", "增速",
            ]), 0..40)
        ) {
            let body: String = pieces.concat();
            for line in lint(&body) {
                proptest::prop_assert!(line.split(' ').nth(1).is_some_and(|p| p.contains(':')), "{}", line);
            }
        }
    }
}
