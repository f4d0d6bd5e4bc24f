//! The cross-check: numbers typed into commentary next to an indicator's name or a
//! comparison word ("税收收入增长14%", "位列第127位", "完成年度计划的156.4%", "上升11个
//! 百分点", "36.45亿元") are compared with what the data computes. A contradiction is an
//! error quoting both numbers; a difference that is only rounding to the typed decimals is
//! not. A typed number the data cannot verify becomes a note (`--verbose` lists them).
//!
//! What it reads: the body's prose, split at 。；！？ and blank lines ([`text`]), the
//! title, kicker, subtitle, summary and table captions, which reach the reader too, and
//! the `content:` of the unit's tasks (tasks.yaml) on a page that prints them (a
//! ```` ```tasks ```` table or a plan), every figure there a plan. Per
//! sentence, [`claims`] finds each typed figure — growth (增长/下降/增幅 … x%), points
//! (上升 … x个百分点), completion (完成年度目标任务的 x%, 完成率), a gap to the target
//! (低于年度目标 x个百分点), ranks (全市第二, 由上年第6位上升至第2位), rank changes (前移 N
//! 位), levels with their unit (36.45亿元, １２．３％), ranges (2—3家, 3至5个) and
//! increases (比上年增加30亿元), changes against an earlier part of the year (增速比1—8月
//! 加快0.3个百分点, 由上半年的下降1.5%), gaps to another indicator (增速比规上工业总产值
//! 高0.3个百分点) — with its qualifier (以上, 左右, 以内, 突破).
//!
//! Whether a figure is a plan is decided per number: a plan word (力争, 计划, 目标, 预计,
//! 确保, 要, 将 …) before it and no result word (实际) since, or 目标 right after it;
//! 完成目标任务 and 超额完成 are results; 预计 before a figure of a period with an actual
//! is an estimate of the result, compared with it. Plans, and every figure of a `plan` or `document`
//! page or of a period without actuals, are compared with the targets (qualifier
//! included); a plan that contradicts the data's target is an error. A sentence naming a
//! later year than the page's speaks of that year (next year's targets in a report), and
//! "10月当月" in a 1—10月 report speaks of that month; a
//! figure typed for a confidential indicator is an error. A range is always a
//! target. Units must agree: they convert within a family ([`units`]), a unit of the same
//! kind but another family (万元 for 万美元) is an error, one of another kind a note.
//!
//! Each claim belongs to the nearest indicator named before it in its clause (split at
//! ，、：); a growth or increase whose clause names nothing else refers back to the
//! sentence's last indicator ("外贸进出口总额86.4亿元，比上年增长12.3%"), and so may a rank,
//! rank change, points or completion. "A、B分别增长x、y" pairs names and numbers in order.
//! A sentence after ； that names nothing speaks of the indicator the one before spoke
//! of last. A clause naming a sub-unit ("，其中松溪经开区210亿元") is compared with that
//! sub-unit's figures and targets, and its message names the sub-unit; a figure naming
//! none is the unit's own. A name inside a longer name of something else (对美进出口总额,
//! 民间工业投资) is no mention. Names are an indicator's `name`, `short_name` and `aliases`. Figures written
//! through components (`{{ gdp.change }}`) come from the data and are not re-checked; a
//! number followed by `<!-- 不核对 -->` is exempt and listed as a note. The data's figures
//! are the page's own ([`PageFigures`]): the very ones its components, key figures and
//! tables printed, not computed a second time.

mod claims;
mod text;
mod units;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::compute::comparison::Change;
use crate::compute::number::{fixed, round};
use crate::compute::{Decimal, Kind, Target};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Position};
use crate::figures::{Figure, PageFigures};
use crate::load::locate::Seg;
use crate::model::{Bulletin, Indicator, Layout, Period, Site, Unit};
use claims::{Claim, Found, Plans};
use text::Sentence;

/// The names of every unit's indicators, as one automaton per unit, built once a build.
pub struct Index {
    /// Built on first use, by whichever render thread needs the unit first: a unit
    /// without bulletins never pays for its matcher.
    units: Vec<OnceLock<Option<Arc<Names>>>>,
    /// Matchers by the names they match. The units of a province report from one
    /// catalogue of indicators, so most share a matcher: one automaton a unit was
    /// 40 MB of a 10,000-bulletin build (heaptrack; ARCHITECTURE.md, "Performance").
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
                // a time word leads the name and the area follows it: 年末常住人口 is
                // written 年末全县常住人口
                for time in ["年末", "全年"] {
                    if let Some(rest) = name.strip_prefix(time).filter(|r| r.chars().count() >= 2) {
                        for area in AREAS {
                            patterns.push((format!("{time}{area}{rest}"), i));
                        }
                    }
                }
            }
        }
    }
    patterns
}

/// Words for the whole of a reporting unit, written inside a name after its time word.
const AREAS: [&str; 5] = ["全县", "全市", "全区", "全省", "全镇"];

impl Names {
    fn new(patterns: &[(String, usize)]) -> Option<Names> {
        // Leftmost-longest: 税收收入占财政收入比重 wins over 税收收入 where both match. A
        // contiguous NFA: a DFA for 30 names is ~300 KiB (a DFA a unit measured 319 MB and
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

/// The escape: a number followed by `<!-- 不核对 -->` (an HTML comment: nothing shows on
/// the page) is not checked, and is listed as a note.
const ESCAPE: &str = "不核对";

/// Words before a name that make it part of a longer name of something else: 对美进出口
/// 总额 is not 进出口总额, 民间工业投资 not 工业投资, 人均地区生产总值 not 地区生产总值.
const MODIFIERS: [&str; 25] = [
    "民间",
    "民营",
    "国有",
    "外资",
    "外商",
    "港澳台",
    "农村",
    "城镇",
    "城市",
    "乡村",
    "其他",
    "中小",
    "非",
    "对美",
    "对欧",
    "对日",
    "对韩",
    "对东盟",
    "对俄",
    "对非",
    "高技术",
    "规下",
    "人均",
    "单位",
    "万元",
];

/// Words after a name that make it a longer name of something else: 规上工业企业总数,
/// 地区生产总值能耗.
const SUFFIXES: [&str; 6] = ["总数", "能耗", "电耗", "水耗", "贡献率", "密度"];

/// Words a clause may hold before a growth and still speak of the sentence's last
/// indicator ("，比上年增长12.3%", "，2025年力争增长7%").
const FILLERS: [&str; 50] = [
    "基本",
    "超额",
    "承担",
    "由",
    "其中",
    "新增",
    "比上年末",
    "较上年末",
    "上年末",
    "上年同期",
    "同期",
    "比年初",
    "较年初",
    "年末",
    "末",
    "控制在",
    "完成",
    "名义",
    "控制在",
    "完成",
    "比上年",
    "较上年",
    "比去年",
    "较去年",
    "上年",
    "同比",
    "全年",
    "增速",
    "增幅",
    "实际",
    "累计",
    "分别",
    "力争",
    "预计",
    "确保",
    "计划",
    "争取",
    "年度",
    "年",
    "月",
    "比",
    "较",
    "度",
    "将",
    "要",
    "实现",
    "了",
    "为",
    "达到",
    "达",
];

/// What the check of one bulletin needs beside the claim.
#[derive(Clone, Copy)]
struct Context<'a, 'f> {
    site: &'a Site,
    unit: &'a Unit,
    b: &'a Bulletin,
    /// The file the sentences are in: the bulletin, or tasks.yaml for its tasks' content.
    file: &'a std::path::Path,
    /// The period its figures speak of: the bulletin's, or an earlier year the sentence
    /// names ("截至2024年底，已建成…" in a plan for 2025—2027).
    period: Period,
    /// A `plan` or `document` page, or a period with no actuals yet: its figures are
    /// targets.
    plan_doc: bool,
    /// The sentence names the year it speaks of ("2025年，地区生产总值预期增长6%左右"):
    /// that year's targets are meant, not last year's.
    named_year: bool,
    /// The other indicator a gap in points is against (增速比规上工业总产值高0.3个百分点).
    versus: Option<&'a Indicator>,
    /// The page's figures: what its commentary, key figures and tables printed.
    figures: &'f PageFigures<'a>,
}

/// Checks one bulletin's typed numbers against its unit's data at its period, reading
/// the figures from the page's store (`figures`: those its components, key figures and
/// tables printed, the rest computed there on first use).
/// `text` is the bulletin's whole file, `tasks_text` its unit's `tasks.yaml` (both from
/// the engine's `Sources` store).
pub fn check_bulletin<'a>(
    site: &'a Site,
    index: &Index,
    b: &'a Bulletin,
    text: &str,
    tasks_text: Option<&str>,
    figures: &PageFigures<'a>,
    diags: &mut Diagnostics,
) {
    let Some(names) = index.names(site, b.unit) else {
        return;
    };
    let unit = &site.units[b.unit];
    let cx = Context {
        site,
        unit,
        b,
        file: &b.source.path,
        period: b.period,
        plan_doc: matches!(b.layout, Layout::Plan | Layout::Document)
            || unit
                .indicators
                .iter()
                .all(|i| i.value(b.period).is_none_or(|v| v.value.is_none())),
        named_year: false,
        versus: None,
        figures,
    };
    let masked = text::mask(text, b.body_offset);
    let mut all = text::front_matter(text, b.body_offset);
    all.extend(text::sentences(&masked));
    check_sentences(&cx, names, text, &all, diags);
    // the tasks' 内容和要求, printed in this page's annex table: every figure a plan
    if (text.contains("```tasks") || b.layout == Layout::Plan)
        && let (Some(source), Some(tasks_text)) = (&unit.tasks_source, tasks_text)
    {
        let tasks = Context {
            file: &source.path,
            plan_doc: true,
            ..cx
        };
        let contents = text::task_contents(tasks_text);
        check_sentences(&tasks, names, tasks_text, &contents, diags);
    }
}

/// Checks `all`, sentences of `text` (the file of `cx.file`), against the data.
fn check_sentences(
    cx: &Context<'_, '_>,
    names: &Names,
    text: &str,
    all: &[Sentence<'_>],
    diags: &mut Diagnostics,
) {
    let (unit, b) = (cx.unit, cx.b);
    let mut locate = Locator::new(text);
    // whether the sentence before, when it ended with ；, left a plan open, and the
    // indicator it spoke of last
    let mut open_plan = false;
    let mut last_owner: Option<usize> = None;
    let children: Vec<(&str, usize)> = unit
        .children
        .iter()
        .flat_map(|&c| {
            let child = &cx.site.units[c];
            [(child.name.as_str(), c), (child.short_name.as_str(), c)]
        })
        .filter(|(name, _)| !name.is_empty())
        .collect();
    let parts: Vec<&str> = children.iter().map(|(name, _)| *name).collect();
    for (k, sentence) in all.iter().enumerate() {
        let sentence_text: &str = &sentence.text;
        let carried = sentence.after_semicolon && open_plan;
        let next_continues = all.get(k + 1).is_some_and(|s| s.after_semicolon);
        // Most sentences with a digit make no claim (dates, plan numbers): the indicator
        // names are only looked for when there is one.
        let carried_owner = last_owner.take().filter(|_| sentence.after_semicolon);
        let found = claims::claims(sentence_text);
        if found.is_empty() {
            open_plan = next_continues && Plans::new(sentence_text, carried, &[]).open_at_end();
            continue;
        }
        let mentions: Vec<(Range<usize>, usize)> = names
            .automaton
            .find_iter(sentence_text)
            .filter(|m| {
                let before = &sentence_text[..m.start()];
                let after = &sentence_text[m.end()..];
                // 高新技术企业总数 is the stock 高新技术企业; 规上工业企业总数 is not the
                // flow 新增规上工业企业 named by its alias
                let flow = || {
                    unit.indicators[names.owner[m.pattern().as_usize()]]
                        .name
                        .starts_with('新')
                };
                !MODIFIERS.iter().any(|w| before.ends_with(w))
                    && !SUFFIXES
                        .iter()
                        .any(|w| after.starts_with(w) && (*w != "总数" || flow()))
            })
            .map(|m| (m.start()..m.end(), names.owner[m.pattern().as_usize()]))
            .collect();
        let mentions = shared_heads(sentence_text, mentions, names);
        let plans = Plans::new(sentence_text, carried, &mentions);
        // "增速比规上工业总产值高0.3个百分点": the name compared with is no subject
        let (mentions, compared) = compared_apart(&found, mentions);
        let years = years(sentence_text);
        open_plan = plans.open_at_end();
        let carried_owner = if mentions.is_empty() {
            carried_owner
        } else {
            None
        };
        if next_continues {
            last_owner = mentions.last().map(|(_, i)| *i).or(carried_owner);
        }
        for (found, indicator) in associate(sentence_text, &mentions, found, &parts, carried_owner)
        {
            let planned = plans.planned(sentence_text, &found.range);
            let estimate = plans.estimate(&found.range);
            let mut said = sentence.typed(text, found.range.clone());
            let start = sentence.source(found.range.start);
            let len = said.chars().count();
            if let Some(q) = found.qualifier.filter(|q| *q != "突破") {
                said.push_str(q);
            }
            let end = sentence.source(found.range.end - 1) + 1;
            // "，其中松溪经开区210亿元": the sub-unit's figure of the indicator
            let sub = sub_unit(sentence_text, found.range.start, &children);
            let sub = indicator.zip(sub).map(|(i, c)| {
                let child = &cx.site.units[c];
                (child, child.indicator(&unit.indicators[i].id))
            });
            let d = if escaped(text, end) {
                Some(Diagnostic::note(
                    Code::CrossCheck,
                    cx.file,
                    text!(
                        "`{said}`: exempt from the cross-check (`<!-- {ESCAPE} -->`)",
                        "“{said}”：标了 `<!-- {ESCAPE} -->`，不作核对"
                    ),
                ))
            } else {
                let (unit, cx, indicator) = match sub {
                    Some((child, Some(j))) => (child, &Context { unit: child, ..*cx }, Some(j)),
                    _ => (unit, cx, indicator),
                };
                match indicator {
                    Some(_) if matches!(sub, Some((_, None))) => Some(Diagnostic::note(
                        Code::CrossCheck,
                        cx.file,
                        text!(
                            "`{said}`: the sub-unit named has no such indicator, so it is not checked",
                            "“{said}”：所说的下级单位没有这个指标，未作核对"
                        ),
                    )),
                    Some(i) => {
                        let ind = &unit.indicators[i];
                        // 预计全年增长5.4% in a report on a year the data hold the
                        // actual for: an estimate of the result, compared with it (in a
                        // half-year report 预计全年 is still the year's outlook)
                        let as_plan = |planned: bool, period: Period| {
                            planned
                                && !(estimate
                                    && matches!(period, Period::Year(_))
                                    && ind.value(period).is_some_and(|v| v.value.is_some()))
                        };
                        let month = this_month(sentence_text, found.range.start, b.period);
                        // the indicator named after 比, when it is another one
                        let versus = match found.claim {
                            // mentions are in order: from the first at `from`, a few
                            claims::Claim::Versus(_, from, to) => compared
                                [compared.partition_point(|(r, _)| r.start < from)..]
                                .iter()
                                .take_while(|(r, _)| r.end <= to)
                                .find(|(_, j)| *j != i)
                                .map(|(_, j)| &unit.indicators[*j]),
                            _ => None,
                        };
                        let cx = &Context { versus, ..*cx };
                        match earlier_year(&years, found.range.start, b.period)
                            .or_else(|| later_year(&years, found.range.start, b.period))
                        {
                            // a baseline: "截至2024年底，已建成5G基站3200个" is 2024's
                            // value; a later year ("2025年固定资产投资增长5%左右" in a
                            // report on 2024) is that year's, a plan while it has no
                            // actuals
                            Some(year) => {
                                let later = year.month_span().0 > b.period.month_span().1;
                                let at_year = Context {
                                    period: year,
                                    plan_doc: later && cx.plan_doc,
                                    named_year: true,
                                    ..*cx
                                };
                                let planned = as_plan(later && planned, year);
                                verify(ind, &at_year, &found, &said, planned)
                            }
                            // "10月当月，…同比增长9.1%" in a 1—10月 report: that month's
                            None if let Some(month) = month => {
                                let at_month = Context {
                                    period: month,
                                    ..*cx
                                };
                                let planned = as_plan(planned, month);
                                verify(ind, &at_month, &found, &said, planned)
                            }
                            None => {
                                let planned = as_plan(planned, cx.period);
                                verify(ind, cx, &found, &said, planned)
                            }
                        }
                    }
                    // a verdict about no indicator ("超额完成全年目标任务，…") says nothing
                    None if matches!(
                        found.claim,
                        claims::Claim::Status(_) | claims::Claim::Beyond
                    ) =>
                    {
                        None
                    }
                    None => Some(Diagnostic::note(
                        Code::CrossCheck,
                        cx.file,
                        text!(
                            "`{said}`: no indicator is named before this number, so it is not checked",
                            "“{said}”：这个数字前面没有提到指标，未作核对"
                        ),
                    )),
                }
            };
            // a sub-unit's figure says whose it is: "松溪经开区 数字经济核心产业营业收入: …"
            let d = d.map(|mut d| {
                if let Some((child, Some(_))) = sub {
                    d.message = d
                        .message
                        .map(|m, _| format!("{} {m}", child.display_name()));
                }
                d
            });
            if let Some(d) = d {
                // located only when reported: finding a line walks the file
                diags.push(d.at(locate.position(start).with_len(len)));
            }
        }
    }
}

/// Where a sentence names indicators, in order: (bytes, indicator index).
type Mentions = Vec<(Range<usize>, usize)>;

/// Splits the names inside a gap to another figure ("比规上工业总产值高0.3个百分点") from
/// the others: a figure after it speaks of the sentence's subject, not of the name
/// compared with. `found` is in order; nothing is allocated without such a gap.
fn compared_apart(found: &[Found], mentions: Mentions) -> (Mentions, Mentions) {
    let gaps: Vec<(usize, usize)> = found
        .iter()
        .filter_map(|f| match f.claim {
            claims::Claim::Versus(_, from, to) => Some((from, to)),
            _ => None,
        })
        .collect();
    if gaps.is_empty() {
        return (mentions, Vec::new());
    }
    mentions.into_iter().partition(|(r, _)| {
        let k = gaps.partition_point(|(from, _)| *from <= r.start);
        k.checked_sub(1).is_none_or(|k| r.end > gaps[k].1)
    })
}

/// The sub-unit named in the clause before `at` (split at ，、：；), if any.
fn sub_unit(text: &str, at: usize, children: &[(&str, usize)]) -> Option<usize> {
    if children.is_empty() {
        return None;
    }
    let before = &text[..at];
    let from = before.rfind(['，', '、', '：', '；', ',']).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let clause = &before[from..];
    children
        .iter()
        .filter(|(name, _)| clause.contains(name))
        .max_by_key(|(name, _)| name.len())
        .map(|(_, c)| *c)
}

/// Names that share the end of the name after them: in "城镇、农村常住居民人均可支配收入"
/// 城镇 is 城镇常住居民人均可支配收入. A head before 、 (or 和, 及, 与) that is no mention
/// itself becomes one when it and the end of the following name make a whole name.
fn shared_heads(
    text: &str,
    mut mentions: Vec<(Range<usize>, usize)>,
    names: &Names,
) -> Vec<(Range<usize>, usize)> {
    let whole = |candidate: &str| {
        names
            .automaton
            .find(candidate)
            .filter(|m| m.start() == 0 && m.end() == candidate.len())
            .map(|m| names.owner[m.pattern().as_usize()])
    };
    let mut heads = Vec::new();
    // bounded work: a head is at most 6 characters, a list at most 8 heads, a name at
    // most 40 characters tried, and an overlap is looked up in log time
    for (range, _) in &mentions {
        let name = &text[range.clone()];
        if name.chars().count() > 40 {
            continue;
        }
        let mut end = range.start;
        for _ in 0..8 {
            let before = &text[..end];
            let Some(sep) = ["、", "和", "及", "与"]
                .iter()
                .find(|w| before.ends_with(*w))
            else {
                break;
            };
            let head_end = end - sep.len();
            let head_start = text[..head_end]
                .char_indices()
                .rev()
                .take(7)
                .take_while(|(_, c)| {
                    !"，。；：、（）(),;:和及与".contains(*c) && !c.is_ascii_digit()
                })
                .last()
                .map_or(head_end, |(i, _)| i);
            let head = &text[head_start..head_end];
            let k = mentions.partition_point(|(r, _)| r.end <= head_start);
            if head.is_empty()
                || head.chars().count() > 6
                || mentions.get(k).is_some_and(|(r, _)| r.start < head_end)
            {
                break;
            }
            // the head (or its end: 全区城镇) replaces the name's first characters, one
            // to all but two
            let found = head.char_indices().find_map(|(h, _)| {
                name.char_indices()
                    .skip(1)
                    .take(name.chars().count().saturating_sub(2))
                    .find_map(|(i, _)| whole(&format!("{}{}", &head[h..], &name[i..])))
                    .map(|owner| (head_start + h, owner))
            });
            match found {
                Some((start, owner)) => heads.push((start..head_end, owner)),
                None => break,
            }
            end = head_start;
        }
    }
    if !heads.is_empty() {
        mentions.extend(heads);
        mentions.sort_by_key(|(r, _)| r.start);
    }
    mentions
}

/// Line and column of file offsets asked in (mostly) increasing order, walking the file
/// once instead of from its start for every diagnostic.
struct Locator<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    col: usize,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        Locator {
            text,
            at: 0,
            line: 1,
            col: 1,
        }
    }

    fn position(&mut self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.at {
            *self = Locator::new(self.text);
        }
        let gap = &self.text[self.at..offset];
        match gap.rfind('\n') {
            Some(i) => {
                self.line += gap.matches('\n').count();
                self.col = gap[i + 1..].chars().count() + 1;
            }
            None => self.col += gap.chars().count(),
        }
        self.at = offset;
        Position::new(self.line, self.col)
    }
}

/// Where a sentence names a year as the time of its figures ("2024年，…", "截至2024年
/// 底"): (offset, year), in order; a comparison base ("比2023年增长") or a start
/// ("2021年以来") holds None. Found once a sentence, so each figure asks in log time.
fn years(text: &str) -> Vec<(usize, Option<i64>)> {
    text.match_indices('年')
        .filter_map(|(i, _)| {
            let digits = text[..i].trim_end();
            let year: i64 = digits.get(digits.len().checked_sub(4)?..)?.parse().ok()?;
            let lead = digits[..digits.len() - 4].trim_end();
            let after = &text[i + '年'.len_utf8()..];
            let compared = ["比", "较", "与", "同"].iter().any(|w| lead.ends_with(w))
                || after.starts_with("以来")
                || after.starts_with("同期");
            Some((i, (!compared).then_some(year)))
        })
        .collect()
}

/// The year named last before `at`, when it is before `period`: the figure is that
/// year's ("截至2024年底，已建成…" in a plan for 2025—2027).
fn earlier_year(years: &[(usize, Option<i64>)], at: usize, period: Period) -> Option<Period> {
    let first = (period.month_span().0 - 1).div_euclid(12);
    let k = years.partition_point(|(i, _)| *i < at).checked_sub(1)?;
    let year = years[k].1?;
    (1900..first)
        .contains(&year)
        .then_some(Period::Year(year as i32))
}

/// The year named last before `at`, when it is after `period`: "2025年固定资产投资增长5%
/// 左右" in a report on 2024 speaks of 2025 (next year's targets).
fn later_year(years: &[(usize, Option<i64>)], at: usize, period: Period) -> Option<Period> {
    let last = (period.month_span().1 - 1).div_euclid(12);
    let k = years.partition_point(|(i, _)| *i < at).checked_sub(1)?;
    let year = years[k].1?;
    (last + 1..2200)
        .contains(&year)
        .then_some(Period::Year(year as i32))
}

/// The single month a figure speaks of in a cumulative report ("10月当月", "10月份单月",
/// "当月" for the period's last month): the month named last before `at`, when it falls
/// in `period` and no cumulative word (累计, 1—10月) comes between.
fn this_month(text: &str, at: usize, period: Period) -> Option<Period> {
    if matches!(period, Period::Month(..)) {
        return None;
    }
    // the month is named in the last few clauses: a bounded look back keeps a sentence of
    // thousands of figures linear
    let mut from = at.saturating_sub(240);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..at];
    let i = ["当月", "单月"]
        .iter()
        .filter_map(|w| before.rfind(w))
        .max()?;
    // "10月当月增长9.1%，1—10月累计增长7.2%": the cumulative figure again
    if ["累计", "1—", "1-", "1～", "1~", "今年以来", "全年"]
        .iter()
        .any(|w| before[i..].contains(w))
    {
        return None;
    }
    let (first, last) = period.month_span();
    let year = (last - 1).div_euclid(12);
    let named = before[..i].trim_end().trim_end_matches('份').trim_end();
    let month = match named.strip_suffix('月') {
        Some(head) => {
            let digits = head.len()
                - head
                    .chars()
                    .rev()
                    .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
                    .map(char::len_utf8)
                    .sum::<usize>();
            i64::from(claims::chinese_number(&head[digits..])?)
        }
        None => last - year * 12,
    };
    let index = year * 12 + month;
    let (Ok(year), Ok(month)) = (i32::try_from(year), u8::try_from(month)) else {
        return None;
    };
    ((first..=last).contains(&index) && (1..=12).contains(&month))
        .then_some(Period::Month(year, month))
}

/// Whether the file at `end` (just after a typed number) holds the escape comment, after
/// blanks and a qualifier.
fn escaped(text: &str, end: usize) -> bool {
    let mut rest = text.get(end..).unwrap_or_default().trim_start();
    for q in ["以上", "左右", "以内", "以下"] {
        rest = rest.strip_prefix(q).unwrap_or(rest);
    }
    // the mark is short: its end is looked for in the next few bytes only, so a page of
    // unclosed comments stays linear
    rest.trim_start()
        .strip_prefix("<!--")
        .map(|r| &r.as_bytes()[..r.len().min(48)])
        .and_then(|r| r.windows(3).position(|w| w == b"-->").map(|end| &r[..end]))
        .and_then(|inside| std::str::from_utf8(inside).ok())
        .is_some_and(|inside| inside.trim() == ESCAPE)
}

/// Whether a clause's words before a figure are only fillers (比上年, 同比, 2025年力争 …).
fn filler_only(prefix: &str, parts: &[&str]) -> bool {
    let mut rest = prefix.trim();
    while !rest.is_empty() {
        let c = rest.chars().next().unwrap_or(' ');
        if c.is_ascii_digit() || c.is_whitespace() || "—-".contains(c) {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        match FILLERS
            .iter()
            .chain(parts)
            .filter(|w| !w.is_empty())
            .find(|w| rest.starts_with(*w))
        {
            Some(w) => rest = &rest[w.len()..],
            None => return false,
        }
    }
    true
}

/// Whether nothing but a qualifier or 目标 follows a figure before its clause ends.
fn ends_clause(after: &str) -> bool {
    let mut rest = after.trim_start();
    for q in ["以上", "左右", "以内", "以下"] {
        rest = rest.strip_prefix(q).unwrap_or(rest);
    }
    rest.is_empty()
        || rest.starts_with(['，', '。', '；', '、', ',', '：', '）', ')', '<'])
        || rest.starts_with("的目标")
        || rest.starts_with("目标")
        || rest.starts_with("的预期目标")
        || rest.starts_with("预期目标")
        || rest.starts_with("的计划目标")
        || rest.starts_with("计划目标")
}

/// Pairs each claim with the indicator it speaks of (None: no indicator named).
///
/// `parts` are the names of the unit's sub-units: "，其中松溪经开区210亿元" speaks of the
/// sentence's indicator (a sub-unit's share of it). `carried` is the indicator the
/// sentence before spoke of last, when it ended with ；: "…达到300亿元；2024年达到200亿元"
/// speaks of it still when this sentence names nothing.
fn associate(
    text: &str,
    mentions: &[(Range<usize>, usize)],
    claims: Vec<Found>,
    parts: &[&str],
    carried: Option<usize>,
) -> Vec<(Found, Option<usize>)> {
    let clauses = text::split(text, &['，', '、', ',', '：']);
    let clause_of = |at: usize| clauses.partition_point(|c| c.end <= at);
    // the mention nearest before `at` (mentions do not overlap: their ends are in order)
    let nearest = |at: usize| {
        let k = mentions.partition_point(|(r, _)| r.end <= at);
        k.checked_sub(1).map(|k| &mentions[k])
    };
    let mut out = Vec::new();
    let mut claims = claims;
    // "A、B和C分别增长x、y和z": names before 分别 and numbers after it up to the clause's
    // end, in order; the rest of the sentence is read as usual. Every 分别 is one list:
    // "A、B分别为x元、y元，分别增长a%、b%" pairs both lists with A and B.
    let pivots: Vec<usize> = text.match_indices("分别").map(|(i, _)| i).collect();
    for pivot in pivots {
        let end = text[pivot..].find('，').map_or(text.len(), |i| pivot + i);
        let (mut listed, rest): (Vec<Found>, Vec<Found>) = claims
            .into_iter()
            .partition(|f| f.range.start > pivot && f.range.end <= end);
        // The list's later figures take the first one's kind: 分别增长8.3%、5.1%和7.5%.
        if let Some(Claim::Growth(first)) = listed.first().map(|f| f.claim) {
            for f in listed.iter_mut().skip(1) {
                if let Claim::Level(v, "%") = f.claim {
                    f.claim = Claim::Growth(if first.is_sign_negative() { -v } else { v });
                }
            }
        }
        let before: Vec<usize> = mentions
            .iter()
            .filter(|(r, _)| r.end <= pivot)
            .map(|(_, i)| *i)
            .collect();
        // all names before 分别, or those since the last comma before it
        let since_comma = text[..pivot].rfind('，').unwrap_or(0);
        let near: Vec<usize> = mentions
            .iter()
            .filter(|(r, _)| r.start >= since_comma && r.end <= pivot)
            .map(|(_, i)| *i)
            .collect();
        let paired: Vec<Option<usize>> = if listed.len() == before.len() {
            before.into_iter().map(Some).collect()
        } else if listed.len() == near.len() {
            near.into_iter().map(Some).collect()
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
            // "…项目50个（其中5亿元以上15个）": a 其中 in brackets is a part of the figure
            // before it, and only a name inside the brackets owns its figures
            let before = &text[..f.range.start];
            let bracket = before
                .rfind('（')
                .filter(|&o| !before[o..].contains('）'))
                .filter(|&o| before[o + '（'.len_utf8()..].starts_with("其中"));
            let in_clause = nearest(f.range.start)
                .filter(|(r, _)| clause_of(r.start) == clause)
                .filter(|(r, _)| bracket.is_none_or(|o| r.start > o))
                .map(|(_, i)| *i);
            // What follows a value in the next clause speaks of the same thing:
            // "…完成投资36.45亿元，完成年度计划的156.4%", "比重达88%，上升11个百分点",
            // "进出口总额86.4亿元，比上年增长12.3%" (but not "其中工业投资增长12.5%").
            let reach_back = match f.claim {
                Claim::Rank(_)
                | Claim::Peers(_)
                | Claim::RankFromTo(..)
                | Claim::RankChange(_)
                | Claim::Points(..)
                | Claim::SincePoints(..)
                | Claim::GrowthAt(..)
                | Claim::Completion(_)
                | Claim::Status(_)
                | Claim::Beyond
                | Claim::TargetGap(_) => true,
                // a note either way: it names the indicator and why it is not checked
                // ("增速比1—2月加快0.6个百分点"), not "no indicator is named"
                Claim::Unreadable(_) | Claim::Versus(..) => true,
                Claim::Growth(_)
                | Claim::GrowthTimes(_)
                | Claim::AverageGrowth(_)
                | Claim::Increase(..) => {
                    let from = clauses.get(clause).map_or(0, |c| c.start);
                    filler_only(&text[from.min(f.range.start)..f.range.start], parts)
                }
                // a level refers back only when it ends its clause: "，6人获…" and
                // "，274项社会事务…" count something the clause goes on to name
                Claim::Level(..) => {
                    let from = clauses.get(clause).map_or(0, |c| c.start);
                    filler_only(&text[from.min(f.range.start)..f.range.start], parts)
                        && ends_clause(&text[f.range.end..])
                }
                // a range in a clause about the target: "，超过年度目标区间（20—25家）"
                Claim::Range(..) => {
                    let from = clauses.get(clause).map_or(0, |c| c.start);
                    let prefix = &text[from.min(f.range.start)..f.range.start];
                    filler_only(prefix, parts) || prefix.contains("目标区间")
                }
            };
            let reach_back = reach_back && bracket.is_none();
            let owner = in_clause.or_else(|| {
                reach_back
                    .then(|| nearest(f.range.start).map(|(_, i)| *i).or(carried))
                    .flatten()
            });
            (f, owner)
        })
        .chain(out)
        .collect()
}

/// Compares one claim with the data; None when they agree.
fn verify<'a>(
    ind: &'a Indicator,
    cx: &Context<'a, '_>,
    found: &Found,
    said: &str,
    planned: bool,
) -> Option<Diagnostic> {
    let f = cx.figures.figure(ind, cx.period);
    let file = cx.file;
    let note = |why: &str| {
        Some(Diagnostic::note(
            Code::CrossCheck,
            file,
            text!(
                "`{said}` ({n}): {why}, so it is not checked",
                "“{said}”（{n}）：{z}，未作核对",
                n = &ind.name,
                z = why_zh(why)
            ),
        ))
    };
    let contradiction = |data: String| {
        let cells = sheet_cells(ind, cx, &found.claim);
        Some(
            Diagnostic::error(Code::CrossCheck, file, text!("{n}: the commentary says “{said}”, the data give “{data}”{cells}", "{n}：正文与数据不一致，正文写“{said}”，数据为“{data}”{cells}", n = &ind.name))
                .expected(data.clone())
                .hint(text!("correct the number, or write it as a component (`{{{{ {i}.… }}}}`) so it comes from the data", "改正这个数字，或改写成组件（`{{{{ {i}.… }}}}`），让它直接取自数据", i = &ind.id)),
        )
    };
    let plan = planned || cx.plan_doc || (f.series.current.is_none() && !ind.targets.is_empty());
    // a figure the data withhold ("—") typed in prose publishes it
    if !plan
        && f.value.is_some_and(|v| v.confidential)
        && !matches!(
            found.claim,
            Claim::Unreadable(_)
                | Claim::Status(_)
                | Claim::Rank(_)
                | Claim::RankChange(_)
                | Claim::RankFromTo(..)
        )
    {
        return Some(
            Diagnostic::error(
                Code::CrossCheck,
                file,
                text!(
                    "{n}: the commentary says “{said}”, the data give “—” (confidential for {p})",
                    "{n}：正文写了“{said}”，但{p}的数据保密，不公开（显示为“—”）",
                    n = &ind.name,
                    p = cx.period.label()
                ),
            )
            .expected(text!("— (confidential)", "—（保密）"))
            .hint(text!(
                "a confidential figure is not published: take the number out of the commentary, or `confidential: false` in data.yaml if it may be published",
                "保密数据不公开：请从正文中删去这个数字；如果可以公开，在 data.yaml 中写 `confidential: false`"
            )),
        );
    }
    match found.claim {
        Claim::Unreadable(why) => note(why),
        // a verdict typed in words against the one the tables print
        Claim::Status(_) | Claim::Beyond if plan => None,
        // 超出年度目标: beyond a floor is met, beyond a ceiling (以内) is not
        Claim::Beyond => {
            let ceiling = f
                .target()
                .is_some_and(|t| t.qualifier() == Some(crate::compute::Qualifier::AtMost));
            match f.target_outcome().and_then(|o| o.met) {
                Some(met) if met == ceiling => contradiction(f.target_text().unwrap_or_default()),
                _ => None,
            }
        }
        Claim::Status(claimed) => match f.target_outcome().and_then(|o| o.met) {
            Some(met) if met != claimed => contradiction(f.target_text().unwrap_or_default()),
            _ => None,
        },
        // "基本实现6%左右的预期目标" of an amount: a growth target typed as a bare %
        Claim::Level(v, "%") if plan && ind.unit != "%" => {
            let growth = Found {
                claim: Claim::Growth(v),
                range: found.range.clone(),
                qualifier: found.qualifier,
            };
            against_targets(ind, cx, &growth, said)
        }
        Claim::Growth(_) | Claim::AverageGrowth(_) | Claim::Level(..) if plan => {
            against_targets(ind, cx, found, said)
        }
        Claim::AverageGrowth(_) => note("it is an average over years"),
        Claim::Versus(typed, ..) => {
            let Some(other) = cx.versus else {
                return note("it compares with a figure the data do not hold");
            };
            let g = cx.figures.figure(other, cx.period);
            let rates = |i: &Indicator| matches!(i.kind, Kind::Rate | Kind::Share);
            let gap = match (f.change, g.change) {
                (Change::Growth(a), Change::Growth(b)) => round(a, 1) - round(b, 1),
                _ if rates(ind) && rates(other) => match (f.series.current, g.series.current) {
                    (Some(a), Some(b)) => round(a, ind.decimals) - round(b, other.decimals),
                    _ => return note("the data have no figures to compare"),
                },
                _ => return note("the data have no growths to compare"),
            };
            if agrees(gap, typed) {
                None
            } else {
                let word = if gap.is_sign_negative() { "低" } else { "高" };
                contradiction(format!(
                    "比{}{word}{}个百分点",
                    other.name,
                    gap.abs().normalize()
                ))
            }
        }
        Claim::GrowthTimes(_) if plan => note("it reads as a plan in 倍, and targets are in %"),
        // 增长1.5倍 is 150%, agreeing at the 倍's decimals (1.5倍 for 150.4%)
        Claim::GrowthTimes(typed) => match f.change {
            Change::Growth(g) if agrees(g / Decimal::ONE_HUNDRED, typed) => None,
            Change::Growth(_) => contradiction(f.change_text()),
            _ => note(&format!(
                "the data have no growth for {}",
                cx.period.label()
            )),
        },
        Claim::Range(..) => against_targets(ind, cx, found, said),
        Claim::Growth(typed) => match f.change {
            Change::Growth(g) if agrees(g, typed) || meets(found.qualifier, g, typed) => None,
            Change::Growth(_) => contradiction(f.change_text()),
            Change::Points(_) => Some(
                Diagnostic::error(
                    Code::CrossCheck,
                    file,
                    text!(
                        "{n} is a rate or share: its change is in 百分点, not a growth of {said}",
                        "{n}是比率或比重指标：变化用百分点表示，不能说增长{said}",
                        n = &ind.name
                    ),
                )
                .expected(text!(
                    "{c} (个百分点)",
                    "{c}（个百分点）",
                    c = f.change_text()
                ))
                .hint(text!(
                    "a percentage does not grow by a percentage: its change is in 个百分点",
                    "百分比指标的变化不用百分比表示，而用“个百分点”"
                )),
            ),
            _ => note(&format!(
                "the data have no growth for {}",
                cx.period.label()
            )),
        },
        // 百分点 for a rate in ‰ (or 千分点 for one in %) names the wrong unit
        Claim::Points(_, typed_unit)
            if matches!(f.change, Change::Points(_))
                && (typed_unit == "千分点") != (ind.unit == "‰") =>
        {
            let right = if ind.unit == "‰" {
                "千分点"
            } else {
                "百分点"
            };
            Some(
                Diagnostic::error(
                    Code::CrossCheck,
                    file,
                    text!(
                        "{n}: the commentary says “{said}” in {typed_unit}, the indicator is in {u} (its change is in {right})",
                        "{n}：正文用的是{typed_unit}（“{said}”），指标以{u}计（变化用{right}表示）",
                        n = &ind.name,
                        u = &ind.unit
                    ),
                )
                .expected(text!("{c} (个{right})", "{c}（个{right}）", c = f.change_text()))
                .hint(text!("a rate in {u} changes in {right}", "以{u}计的比率，变化用{right}表示", u = &ind.unit)),
            )
        }
        Claim::SincePoints(typed, to) => since(ind, cx, &f, said, to, |then, now| {
            let d = now - then;
            let word = if d.is_sign_negative() {
                "回落"
            } else {
                "加快"
            };
            (
                agrees(d, typed),
                format!("{word}{}个百分点", d.abs().normalize()),
            )
        })
        .unwrap_or_else(|why| note(&why)),
        Claim::GrowthAt(typed, to) => since(ind, cx, &f, said, to, |then, _| {
            let word = if then.is_sign_negative() {
                "下降"
            } else {
                "增长"
            };
            (
                agrees(then, typed),
                format!("{word}{}%", then.abs().normalize()),
            )
        })
        .unwrap_or_else(|why| note(&why)),
        Claim::Points(typed, _) => match f.change {
            Change::Points(p) if agrees(p, typed) => None,
            Change::Points(_) => contradiction(f.change_text()),
            _ => note("the data have no change in 百分点"),
        },
        Claim::Completion(typed) => match f.target_outcome().and_then(|o| o.completion) {
            Some(c) if agrees(c, typed) => None,
            Some(_) => contradiction(f.target_text().unwrap_or_default()),
            None => match year_progress(ind, cx.period, f.series.current) {
                // "上半年…完成全年目标的60%": progress against the year's target
                Some((c, _)) if agrees(c, typed) => None,
                // as the pages print it: 完成年度目标的28.4%, not 完成2025年目标的…
                Some((c, _)) => {
                    contradiction(format!("完成年度目标的{}%", round(c, typed.scale().max(1))))
                }
                None => note(&format!(
                    "the data have no target for {}",
                    cx.period.label()
                )),
            },
        },
        Claim::TargetGap(typed) => {
            let target = f
                .target()
                .or_else(|| year_target(ind, cx.period).map(|(_, t)| t));
            let gap = match (target, f.change, f.series.current) {
                (Some(Target::Growth { rate, .. }), Change::Growth(g), _) => round(g, 1) - rate,
                (Some(Target::Level { value, .. }), _, Some(v))
                    if matches!(ind.kind, Kind::Rate | Kind::Share) =>
                {
                    round(v, ind.decimals) - value
                }
                _ => return note("the data have no target to compare with in 百分点"),
            };
            if agrees(gap, typed) {
                None
            } else {
                let word = if gap.is_sign_negative() {
                    "低于"
                } else {
                    "高于"
                };
                contradiction(format!("{word}目标{}个百分点", gap.abs().normalize()))
            }
        }
        Claim::Rank(typed) => {
            let ranks = f.ranks();
            if ranks.is_empty() {
                note(&format!("the data have no rank for {}", cx.period.label()))
            } else if ranks.iter().any(|r| r.position == typed) {
                None
            } else {
                contradiction(f.rank_text().unwrap_or_default())
            }
        }
        // the field a rank is among: 在全市9个开发区中排名第2位
        Claim::Peers(typed) => {
            let ranks = f.ranks();
            if ranks.iter().any(|r| r.peers == Some(typed)) {
                None
            } else if let Some(n) = ranks.iter().find_map(|r| r.peers) {
                contradiction(format!("{n}个"))
            } else {
                note("the data give no number of peers for its rank")
            }
        }
        Claim::RankFromTo(prior, now) => {
            let ranks = f.ranks();
            if ranks.is_empty() {
                return note(&format!("the data have no rank for {}", cx.period.label()));
            }
            if ranks
                .iter()
                .any(|r| r.position == now && r.prior == Some(prior))
            {
                return None;
            }
            if ranks.iter().any(|r| r.position == now && r.prior.is_none()) {
                return note("this year's rank agrees; the data have no rank for last year");
            }
            let data = ranks
                .iter()
                .map(|r| match r.prior {
                    Some(p) => format!("由上年第{p}位{}第{}位", moved(p, r.position), r.position),
                    None => format!("第{}位", r.position),
                })
                .collect::<Vec<_>>()
                .join("，");
            contradiction(data)
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
        Claim::Level(typed, unit) => {
            let Some(value) = f.series.current else {
                return note(&format!("the data have no value for {}", cx.period.label()));
            };
            match units::convert(value, &ind.unit, unit) {
                Some(v) if agrees(v, typed) || meets(found.qualifier, v, typed) => None,
                Some(_) => contradiction(f.value_text()),
                None => wrong_unit(ind, cx, said, unit),
            }
        }
        Claim::Increase(typed, unit) => {
            let (Some(now), Some(before)) = (f.series.current, f.series.prior) else {
                return note("the data have no value for last year");
            };
            match units::convert(now - before, &ind.unit, unit) {
                Some(d) if agrees(d, typed) => None,
                Some(d) => {
                    let word = if d.is_sign_negative() {
                        "减少"
                    } else {
                        "增加"
                    };
                    contradiction(format!("{word}{}{unit}", fixed(d.abs(), typed.scale())))
                }
                None => wrong_unit(ind, cx, said, unit),
            }
        }
    }
}

/// Compares a figure of an earlier part of the same year (1 to month `to`: 1—8月, 上半年)
/// with `judge(then, now)` — growths, or for a rate or share its levels as printed — and
/// quotes the data's figure on a contradiction; Err(why) when it cannot.
fn since<'a>(
    ind: &'a Indicator,
    cx: &Context<'a, '_>,
    f: &Figure<'_>,
    said: &str,
    to: u8,
    judge: impl Fn(Decimal, Decimal) -> (bool, String),
) -> Result<Option<Diagnostic>, String> {
    let (first, last) = cx.period.month_span();
    let year = (last - 1).div_euclid(12) as i32;
    let month = |m: i64| m - i64::from(year) * 12;
    if month(first) != 1 || i64::from(to) >= month(last) || to == 0 {
        return Err("it compares with a figure the data do not hold".to_string());
    }
    let mut earlier = vec![Period::Months { year, from: 1, to }];
    earlier.extend(match to {
        3 => Some(Period::Quarter(year, 1)),
        6 => Some(Period::Half(year, 1)),
        _ => None,
    });
    let Some(then) = earlier.into_iter().find(|p| ind.value(*p).is_some()) else {
        return Err(format!(
            "the data have no figure for {}",
            Period::Months { year, from: 1, to }.label()
        ));
    };
    let g = cx.figures.figure(ind, then);
    let figures = match (g.change, f.change) {
        (Change::Growth(a), Change::Growth(b)) => Some((round(a, 1), round(b, 1))),
        (Change::Points(_), Change::Points(_)) => g
            .series
            .current
            .zip(f.series.current)
            .map(|(a, b)| (round(a, ind.decimals), round(b, ind.decimals))),
        _ => None,
    };
    let Some((a, b)) = figures else {
        return Err(format!("the data have no growth for {}", then.label()));
    };
    let (ok, data) = judge(a, b);
    Ok((!ok).then(|| {
        Diagnostic::error(
            Code::CrossCheck,
            cx.file,
            text!(
                "{n}: the commentary says “{said}”, the data give “{data}” (against {t})",
                "{n}：正文与数据不一致，正文写“{said}”，数据为“{data}”（与{t}相比）",
                n = &ind.name,
                t = then.label()
            ),
        )
        .expected(data)
        .hint(text!(
            "correct the number, or write it as a component so it comes from the data",
            "改正这个数字，或改写成组件，让它直接取自数据"
        ))
    }))
}

/// The target of the year a part-year period falls in ("上半年…完成全年目标的60%").
fn year_target(ind: &Indicator, period: Period) -> Option<(Period, &Target)> {
    let year = match period {
        Period::Year(_) | Period::Years { .. } => return None,
        p => Period::Year(((p.month_span().1 - 1).div_euclid(12)) as i32),
    };
    ind.targets.get(&year).map(|t| (year, t))
}

/// Progress of a part-year value against its year's level target, in %, and the year.
fn year_progress(
    ind: &Indicator,
    period: Period,
    value: Option<Decimal>,
) -> Option<(Decimal, Period)> {
    let (year, Target::Level { value: goal, .. }) = year_target(ind, period)? else {
        return None;
    };
    let value = value?;
    (!goal.is_zero()).then(|| (value * Decimal::ONE_HUNDRED / *goal, year))
}

fn moved(from: u32, to: u32) -> &'static str {
    match from.cmp(&to) {
        std::cmp::Ordering::Greater => "上升至",
        std::cmp::Ordering::Less => "下降至",
        std::cmp::Ordering::Equal => "保持",
    }
}

/// A figure typed in a unit the indicator's does not convert to: an error when it
/// measures the same kind of thing (万元 for 万美元, 条 for 件), a note otherwise.
fn wrong_unit(ind: &Indicator, cx: &Context<'_, '_>, said: &str, unit: &str) -> Option<Diagnostic> {
    let file = cx.file;
    Some(if units::clash(unit, &ind.unit) {
        Diagnostic::error(
            Code::CrossCheck,
            file,
            text!(
                "{n}: the commentary says “{said}” in {unit}, the indicator is in {u}",
                "{n}：正文用的单位是{unit}（“{said}”），指标以{u}计",
                n = &ind.name,
                u = &ind.unit
            ),
        )
        .expected(text!("a figure in {u}", "以{u}计的数", u = &ind.unit))
        .hint(text!(
            "{unit} and {u} do not convert: correct the unit or the indicator's `unit:`",
            "{unit}和{u}不能换算：请改正单位，或指标的 `unit:`",
            u = &ind.unit
        ))
    } else {
        Diagnostic::note(
            Code::CrossCheck,
            file,
            text!(
                "`{said}` ({n}): a figure in {unit}, the indicator is in {u}, so it is not checked",
                "“{said}”（{n}）：单位是{unit}，指标以{u}计，未作核对",
                n = &ind.name,
                u = &ind.unit
            ),
        )
    })
}

/// How one target reads in a message: 170亿元以上, 增长10%以上, 2—3家.
fn target_text(ind: &Indicator, t: &Target) -> String {
    // as the targets table prints it (a level at the indicator's decimals: 2.75 → 2.8%)
    crate::compute::phrase::phrase_target_spec(t, &ind.unit, ind.decimals)
}

/// Whether a typed qualifier and the target's say the same: either missing, equal, or
/// 突破 for 以上 and 以下 for 以内.
fn same_qualifier(typed: Option<&str>, target: Option<&str>) -> bool {
    fn norm(q: &str) -> &str {
        match q {
            "突破" => "以上",
            "以下" => "以内",
            q => q,
        }
    }
    match (typed, target) {
        (Some(a), Some(b)) => norm(a) == norm(b),
        _ => true,
    }
}

/// A plan or range compared with the targets of the bulletin's period, or of a later or
/// enclosing period (next year's targets in this year's report, a three-year goal).
fn against_targets(
    ind: &Indicator,
    cx: &Context<'_, '_>,
    found: &Found,
    said: &str,
) -> Option<Diagnostic> {
    let period = cx.period;
    let file = cx.file;
    let from = period.month_span().0;
    let mut candidates: Vec<(Period, &Target)> = ind
        .targets
        .iter()
        .filter(|(p, _)| p.month_span().1 >= from)
        .map(|(p, t)| (*p, t))
        .collect();
    candidates.sort_by_key(|(p, _)| *p != period);
    let note = |why: &str| {
        Some(Diagnostic::note(
            Code::CrossCheck,
            file,
            text!(
                "`{said}` ({n}): {why}, so it is not checked",
                "“{said}”（{n}）：{z}，未作核对",
                n = &ind.name,
                z = why_zh(why)
            ),
        ))
    };
    let fits = |p: &Period, t: &Target| match (found.claim, t) {
        (Claim::Growth(_), Target::Growth { .. }) => true,
        (Claim::AverageGrowth(_), Target::Growth { .. }) => matches!(p, Period::Years { .. }),
        (Claim::Level(..), Target::Level { .. }) => true,
        (Claim::Range(..), Target::Range { .. }) => true,
        // a floor at a range's low bound reads as that range ("40家以上" for 40—50家)
        (Claim::Level(..), Target::Range { .. }) => found.qualifier == Some("以上"),
        (Claim::Range(..), Target::Level { .. }) => false,
        _ => false,
    };
    let comparable: Vec<&(Period, &Target)> =
        candidates.iter().filter(|(p, t)| fits(p, t)).collect();
    let levels = |t: &Target| matches!(t, Target::Level { .. } | Target::Range { .. });
    let is_level = matches!(found.claim, Claim::Level(..) | Claim::Range(..));
    if comparable.is_empty() {
        return match candidates.first() {
            Some(&(p, t)) if is_level && levels(t) => Some(mismatch(ind, cx, said, &[(p, t)])),
            _ => note("it reads as a plan, and the data have no such target"),
        };
    }
    let typed_unit = match found.claim {
        Claim::Level(_, u) | Claim::Range(_, _, u) => Some(u),
        _ => None,
    };
    if let Some(u) = typed_unit
        && units::convert(Decimal::ONE, &ind.unit, u).is_none()
    {
        return wrong_unit(ind, cx, said, u);
    }
    let conv = |v: Decimal| typed_unit.map_or(Some(v), |u| units::convert(v, &ind.unit, u));
    // a typed target is the target, or the target as the tables print it (35.46 at one
    // decimal is 35.5): never a rounding of it to the typed digits (7% is not 6.5%)
    let same = |goal: Decimal, typed: Decimal| {
        conv(goal).is_some_and(|v| v == typed)
            || conv(round(goal, ind.decimals)).is_some_and(|v| v == typed)
    };
    let judge = |t: &Target| match (found.claim, t) {
        (
            Claim::Growth(typed) | Claim::AverageGrowth(typed),
            Target::Growth {
                rate, qualifier, ..
            },
        ) => (*rate == typed, qualifier.map(|q| q.as_str())),
        (
            Claim::Level(typed, _),
            Target::Level {
                value, qualifier, ..
            },
        ) => (same(*value, typed), qualifier.map(|q| q.as_str())),
        (Claim::Range(lo, hi, _), Target::Range { low, high, .. }) => {
            (same(*low, lo) && same(*high, hi), None)
        }
        // a floor at the range's low bound: "40家以上" for 40—50家
        (Claim::Level(typed, _), Target::Range { low, .. }) => {
            (found.qualifier == Some("以上") && same(*low, typed), None)
        }
        _ => (false, None),
    };
    let fully = |t: &Target| {
        let (agree, q) = judge(t);
        agree && same_qualifier(found.qualifier, q)
    };
    let mut value_agrees = None;
    for &&(p, t) in &comparable {
        let (agree, _) = judge(t);
        if fully(t) {
            return None;
        }
        if agree && value_agrees.is_none() {
            value_agrees = Some((p, t));
        }
    }
    // last year's target (a plan's annex repeats last year's tasks): queried, not refused;
    // a sentence that names its year means that year's
    if !cx.named_year
        && let Some((p, _)) = ind
            .targets
            .iter()
            .find(|(p, t)| p.month_span().1 < from && fully(t))
    {
        return note(&format!(
            "it is the target for {}, not for {}",
            p.label(),
            period.label()
        ));
    }
    let all: Vec<(Period, &Target)> = comparable.iter().map(|&&pt| pt).collect();
    Some(match value_agrees {
        Some(one) => mismatch(ind, cx, said, &[one]),
        None => mismatch(ind, cx, said, &all),
    })
}

/// ` (data.xlsx:主要指标!D7)`: the spreadsheet cells the contradicted figure comes
/// from, when it comes from the unit's spreadsheet (`load::sheet::merge`); else empty
/// (a YAML figure is not named: the message quotes it).
fn sheet_cells(ind: &Indicator, cx: &Context<'_, '_>, claim: &Claim) -> String {
    let Some(sheet) = cx
        .unit
        .data_source
        .as_ref()
        .and_then(|d| d.sheet.as_deref())
    else {
        return String::new();
    };
    let key = cx.period.to_string();
    let value = [Seg::Key("values"), Seg::Key(&key), Seg::Key("value")];
    let growth = [Seg::Key("values"), Seg::Key(&key), Seg::Key("growth")];
    let target = [Seg::Key("targets"), Seg::Key(&key)];
    let paths: Vec<&[Seg<'_>]> = match claim {
        Claim::Growth(_) | Claim::GrowthTimes(_) | Claim::Versus(..) | Claim::GrowthAt(..)
            if sheet.find(ind.pos, &growth).is_some() =>
        {
            vec![&growth]
        }
        Claim::Status(_) | Claim::Beyond | Claim::Completion(_) | Claim::TargetGap(_) => {
            vec![&target, &value]
        }
        _ => vec![&value],
    };
    let cells: Vec<String> = paths
        .iter()
        .filter_map(|p| sheet.find(ind.pos, p))
        .map(|p| p.to_string())
        .collect();
    if cells.is_empty() {
        String::new()
    } else {
        format!(" ({})", cells.join(", "))
    }
}

/// A plan that is not the data's target: every target it could have meant, quoted.
fn mismatch(
    ind: &Indicator,
    cx: &Context<'_, '_>,
    said: &str,
    targets: &[(Period, &Target)],
) -> Diagnostic {
    let file = cx.file;
    let sheet = cx
        .unit
        .data_source
        .as_ref()
        .and_then(|d| d.sheet.as_deref());
    let quoted: Vec<String> = targets
        .iter()
        .map(|(p, t)| {
            // a target from the unit's spreadsheet names its cell
            let key = p.to_string();
            let cell = sheet
                .and_then(|s| s.find(ind.pos, &[Seg::Key("targets"), Seg::Key(&key)]))
                .map_or_else(String::new, |c| format!(" ({c})"));
            format!("“{}” for {}{cell}", target_text(ind, t), p.label())
        })
        .collect();
    let data: Vec<String> = targets.iter().map(|(_, t)| target_text(ind, t)).collect();
    let quoted_zh: Vec<String> = targets
        .iter()
        .map(|(p, t)| format!("{}“{}”", p.label(), target_text(ind, t)))
        .collect();
    Diagnostic::error(
        Code::CrossCheck,
        file,
        text!(
            "{n}: the commentary says “{said}”, the data's target is {q}",
            "{n}：正文与数据中的目标不一致，正文写“{said}”，目标为{qz}",
            n = &ind.name,
            q = quoted.join(", "),
            qz = quoted_zh.join("、")
        ),
    )
    .expected(data.join(" / "))
    .hint(text!(
        "correct the figure, or the target in data.yaml (`{i}` → `targets:`)",
        "改正这个数字，或 data.yaml 中的目标（`{i}` → `targets:`）",
        i = &ind.id
    ))
}

/// Whether the data meet what a qualified figure claims: 以上/突破 at or above it, 以内/以下
/// at or under, 左右 within 5%.
fn meets(qualifier: Option<&str>, data: Decimal, typed: Decimal) -> bool {
    let shown = round(data, typed.scale());
    match qualifier {
        Some("以上" | "突破") => shown >= typed,
        Some("以内" | "以下") => shown <= typed,
        Some("左右") => (data - typed).abs() * Decimal::from(20) <= typed.abs(),
        _ => false,
    }
}

/// The data agree with a typed figure when they round to it at the decimals it was typed
/// with (typing 14% for 13.96% is rounding, not a contradiction).
fn agrees(data: Decimal, typed: Decimal) -> bool {
    round(data, typed.scale()) == typed
}

/// The Chinese of why a figure was not checked (the reasons above, in the notes
/// `--verbose` lists); a reason not listed here stays English.
fn why_zh(why: &str) -> String {
    let fixed = [
        (
            "a place among the first N is no figure of the data",
            "“前N位”不是数据中的数",
        ),
        (
            "it compares with a figure the data do not hold",
            "比较的对象不在数据中",
        ),
        ("it is an average over years", "这是多年平均数"),
        (
            "it reads as a plan in 倍, and targets are in %",
            "这是以“倍”表示的计划，而目标以%表示",
        ),
        (
            "it reads as a plan, and the data have no such target",
            "这是计划数，数据中没有相应的目标",
        ),
        (
            "the data give no number of peers for its rank",
            "数据中没有排位的单位总数",
        ),
        (
            "the data have no change in 百分点",
            "数据中没有以百分点表示的变化",
        ),
        (
            "the data have no figures to compare",
            "数据中没有可比较的数",
        ),
        (
            "the data have no growths to compare",
            "数据中没有可比较的增速",
        ),
        (
            "the data have no rank for last year",
            "数据中没有上年的位次",
        ),
        (
            "the data have no target to compare with in 百分点",
            "数据中没有以百分点比较的目标",
        ),
        (
            "the data have no value for last year",
            "数据中没有上年的数值",
        ),
        (
            "this year's rank agrees; the data have no rank for last year",
            "今年的位次一致；数据中没有上年的位次",
        ),
    ];
    if let Some((_, zh)) = fixed.iter().find(|(en, _)| *en == why) {
        return (*zh).to_string();
    }
    let templates = [
        ("the data have no figure for ", "数据中没有{}的数"),
        ("the data have no growth for ", "数据中没有{}的增速"),
        ("the data have no rank for ", "数据中没有{}的位次"),
        ("the data have no target for ", "数据中没有{}的目标"),
        ("the data have no value for ", "数据中没有{}的数值"),
    ];
    for (en, zh) in templates {
        if let Some(period) = why.strip_prefix(en) {
            return zh.replace("{}", period);
        }
    }
    if let Some((target, period)) = why
        .strip_prefix("it is the target for ")
        .and_then(|r| r.split_once(", not for "))
    {
        return format!("这是{target}的目标，不是{period}的");
    }
    why.to_string()
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::str::FromStr;

    use super::*;

    /// Blanked ranges keep every byte offset and every line break; overlapping ranges and
    /// a range edge inside a character (moved to its start) leave valid text of the same
    /// length.
    #[test]
    fn blanking_keeps_offsets() {
        let text = "增长{{ gdp.yoy }}，比重达88%";
        let out = text::blanked(text, vec![6..19, 8..12, 22..27]);
        assert_eq!(out.len(), text.len());
        assert_eq!(&out[..6], "增长");
        assert!(out[6..19].bytes().all(|b| b == b' '));
        // 22..27 starts at 比 and ends inside 重: only 比 is blanked
        assert_eq!(&out[19..], "，   重达88%");
        assert_eq!(
            text::mask("---\nt: 1\n---\n增长`5%`", 13),
            format!("   \n    \n   \n增长{}", " ".repeat(4))
        );
    }

    /// A table's caption is prose; the rest of its block is not.
    #[test]
    fn captions_are_read() {
        let text = "正文。\n\n```yoy\ncaption: 表1 增长5.7%\nindicators: [gdp]\n```\n";
        let masked = text::mask(text, 0);
        assert_eq!(masked.len(), text.len());
        let s = text::sentences(&masked);
        assert_eq!(s.len(), 1, "{masked:?}");
        assert_eq!(s[0].text.trim(), "表1 增长5.7%");
    }

    #[test]
    fn full_width_figures_are_read_and_quoted_as_typed() {
        let text = "进出口总额增长１２．３％。";
        let s = text::sentences(text);
        assert_eq!(s[0].text, "进出口总额增长12.3%");
        let f = claims::claims(&s[0].text);
        assert_eq!(format!("{:?}", f[0].claim), "Growth(12.3)");
        assert_eq!(s[0].typed(text, f[0].range.clone()), "增长１２．３％");
        assert_eq!(&text[s[0].source(f[0].range.start)..][..6], "增长");
    }

    #[test]
    fn front_matter_fields_are_sentences() {
        let text = "---\ntitle: 全年增长5.7%\ndate: 2025-01-01\nkicker:\n  - 第一行\n  - 前进85位\nsummary: >-\n  完成计划的110%\n  居第2位\nperiod: 2024\n---\n";
        let s = text::front_matter(text, text.len());
        let texts: Vec<&str> = s.iter().map(|s| s.text.trim()).collect();
        assert_eq!(
            texts,
            [
                "全年增长5.7%",
                "第一行",
                "前进85位",
                "完成计划的110%",
                "居第2位"
            ]
        );
        assert_eq!(&text[s[2].source(0)..][..3], "前");
    }

    #[test]
    fn the_locator_agrees_with_position_of_offset() {
        let text = "一\n二三\n\n四五六";
        let mut locate = Locator::new(text);
        for offset in [0, 3, 4, 7, 10, 12, 15, 4, 18, 100] {
            assert_eq!(
                locate.position(offset),
                Position::of_offset(text, offset),
                "{offset}"
            );
        }
    }

    /// "10月当月" in a 1—10月 report is October's; "当月" alone the period's last month;
    /// a month outside the period, or a single-month report, names none.
    #[test]
    fn a_single_month_named_in_a_cumulative_report() {
        let ten = Period::Months {
            year: 2024,
            from: 1,
            to: 10,
        };
        let at = |t: &str| t.len();
        assert_eq!(
            this_month("10月当月，增长", at("10月当月，增长"), ten),
            Some(Period::Month(2024, 10))
        );
        assert_eq!(
            this_month("十月份单月", at("十月份单月"), ten),
            Some(Period::Month(2024, 10))
        );
        assert_eq!(
            this_month("当月", at("当月"), ten),
            Some(Period::Month(2024, 10))
        );
        assert_eq!(this_month("11月当月", at("11月当月"), ten), None);
        let both = "10月当月增长9.1%，1—10月累计增长";
        assert_eq!(this_month(both, at(both), ten), None);
        assert_eq!(this_month("全年增长", at("全年增长"), ten), None);
        assert_eq!(
            this_month("当月", at("当月"), Period::Month(2024, 10)),
            None
        );
    }

    #[test]
    fn the_escape_follows_the_number() {
        assert!(escaped("9.6%<!-- 不核对 -->", 4));
        assert!(escaped("9.6% 以上<!--不核对-->", 4));
        assert!(!escaped("9.6%<!-- 其他 -->", 4));
        assert!(!escaped("9.6%，<!-- 不核对 -->", 4));
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
        let (site, _) = crate::Engine::prepare(
            dir.path(),
            false,
            crate::load::Bodies::Reread,
            &mut diags,
            &mut crate::Stages::default(),
        )
        .map(|e| (e.site, e.theme))
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
        fn fuzz_cross_check_scanner_never_panics(text in "[0-9０-９．％一二第位名全市省增长下降个百分点完成计划的目标力争实际%亿元万美家，。；、分别由至到上年— \\n.{}*`<>a-z]{0,80}") {
            let masked = text::mask(&text, 0);
            for s in text::sentences(&masked) {
                let found = claims::claims(&s.text);
                let plans = Plans::new(&s.text, s.after_semicolon, &[]);
                for f in &found {
                    prop_assert!(f.range.end <= s.text.len());
                    prop_assert!(s.source(f.range.start) < masked.len());
                    let _ = plans.planned(&s.text, &f.range);
                    let _ = s.typed(&text, f.range.clone());
                }
                let mentions = vec![(0..s.text.len().min(3), 0)];
                let _ = associate(&s.text, &mentions, found, &["甲"], Some(0));
            }
        }

        /// A claim's text as typed (full-width and line breaks kept in the file) is the
        /// text it was read from.
        #[test]
        fn typed_text_maps_back_to_the_file(text in "[0-9０-９．％.%增长下降亿元家第位，。\n ]{0,60}") {
            for s in text::sentences(&text) {
                for f in claims::claims(&s.text) {
                    let narrow: String = s
                        .typed(&text, f.range.clone())
                        .chars()
                        .map(|c| match c {
                            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + 0x30).unwrap_or(c),
                            '％' => '%',
                            '．' => '.',
                            c => c,
                        })
                        .collect();
                    prop_assert_eq!(narrow.as_str(), s.text[f.range.clone()].trim());
                }
            }
        }

        /// The byte scanner splits sentences where splitting characters would.
        #[test]
        fn sentences_split_as_by_characters(text in "[0-9第位增长。；！？，“”、 \t\r\n甲乙]{0,60}") {
            let by_bytes: Vec<(String, Vec<(usize, usize)>)> =
                text::sentences(&text).into_iter().map(|s| (s.text.into_owned(), s.joins)).collect();
            prop_assert_eq!(by_bytes, by_characters(&text));
        }
    }

    /// The splitting rule written over characters, as it was before the byte scanner.
    fn by_characters(masked: &str) -> Vec<(String, Vec<(usize, usize)>)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut newlines = 0;
        let mut flush = |from: usize, to: usize| {
            out.extend(text::sentence(masked, from..to).map(|s| (s.text.into_owned(), s.joins)));
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
