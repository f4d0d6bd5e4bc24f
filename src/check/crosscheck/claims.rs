//! The claims one sentence makes: each typed number with what it says (a growth, a
//! change in points (百分点 or 千分点), a change against an earlier part of the year, a
//! completion, a gap to the target, a rank, a rank change, a level with its unit and
//! sign, a range, an increase, a growth in 倍, the number of peers of a rank; a change
//! against the month before (环比) is unreadable), the qualifier typed with it (以上, 左右, 以内,
//! 突破 …), and whether the words before it announce a plan. Patterns are compiled once;
//! a pattern runs only on sentences holding the words it needs. No I/O.

use std::collections::BTreeMap;
use std::ops::Range;
use std::str::FromStr;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use crate::compute::Decimal;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Claim {
    Growth(Decimal),
    /// 增长1.5倍: a growth in times (150%), agreeing at the 倍's typed decimals.
    GrowthTimes(Decimal),
    /// 在全市9个开发区中排名第2位: the number of peers a rank is among.
    Peers(u32),
    /// 年均增长 x%: a multi-year plan's average growth.
    AverageGrowth(Decimal),
    /// 上升0.8个百分点 (or 千分点, the unit typed): the change of a rate or share.
    Points(Decimal, &'static str),
    /// 增速比规上工业总产值高0.3个百分点 (+), 比X低 … (−): the gap to another figure
    /// named between the bytes given (an indicator of the data, or not).
    Versus(Decimal, usize, usize),
    /// 增速比1—8月加快0.3个百分点, 降幅比上半年收窄0.9个百分点: the growth's change since
    /// an earlier part of the same year, 1 to the month given (8 for 1—8月, 6 for 上半年).
    SincePoints(Decimal, u8),
    /// 由上半年的下降1.5%（转为…）: the growth of an earlier part of the same year.
    GrowthAt(Decimal, u8),
    Completion(Decimal),
    /// 高于年度目标1.2个百分点 (+), 低于 … (−): the growth's or rate's gap to its target.
    TargetGap(Decimal),
    Rank(u32),
    /// 由上年第6位上升至第2位: (last year's rank, this year's).
    RankFromTo(u32, u32),
    RankChange(i64),
    Level(Decimal, &'static str),
    /// 2—3家, 3至5个: a range, compared with range targets.
    Range(Decimal, Decimal, &'static str),
    /// 比上年增加30亿元, 减少0.23万人: the change of a level in its unit.
    Increase(Decimal, &'static str),
    /// A figure the data cannot hold (年均增长, 百分点 against another region): why.
    Unreadable(&'static str),
    /// 超额完成年度目标 (true), 未完成年度目标 (false), 控制在年度目标以内 (true): a
    /// verdict typed in words.
    Status(bool),
    /// 超出年度目标, 超过全年目标: met for a floor, not for a ceiling (以内).
    Beyond,
}

pub(super) struct Found {
    pub(super) claim: Claim,
    pub(super) range: Range<usize>,
    /// 以上, 左右, 以内 or 以下 typed after the number; 突破 for 突破/超过/迈上 before it.
    pub(super) qualifier: Option<&'static str>,
}

const NUM: &str = r"(\d+(?:\s*\.\s*\d+)?)";
const CN: &str = r"(\d+|[一二三四五六七八九十两]+)";
const SCOPE: &str = r"(?:全市|全省|全国|全区|全县|全州|全盟)";
/// Longer units first: the alternation takes the first that matches.
const UNITS: &str = "亿美元|万美元|美元|亿元|万元|元|亿千瓦时|万千瓦时|千瓦时|万千瓦|千瓦|万吨|吨|万人次|人次|万人|人|万亩|亩|万公顷|公顷|万平方米|平方米|平方公里|公里|千米|万立方米|立方米|万标箱|标箱|万头|头|万只|只|万户|家|个|项|户|万件|件|条|张|万台|台|套|万辆|辆|座|所|天";

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

static RANK_FROM_TO: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"由(?:上年度?|去年){SCOPE}?(?:的)?第\s*{CN}\s*(?:位|名)?\s*(?:上升|提升|跃升|攀升|前移|前进|升|下降|后退|下滑|回落|降)(?:至|到){SCOPE}?第\s*{CN}\s*(?:位|名)?"
    ))
});
static TARGET_GAP: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?:(高于|低于|超过|超出|快于|慢于)了?(?:年度|全年|年初)?(?:预期)?(?:目标|计划)(?:值)?|比(?:年度|全年|年初)?(?:预期)?(?:目标|计划)(?:值)?(高|低|快|慢|多|少)|(距离?(?:年度|全年|年初)?(?:预期)?(?:目标|计划)(?:值)?(?:还|尚)?差))\s*{NUM}\s*个(?:百分点|千分点)"
    ))
});
/// An earlier part of the year: 上半年, 一季度, 前三季度, 1—8月.
const EARLIER: &str = r"(上半年|一季度|前三季度|(?:1|一)\s*(?:—|-|–|~|～|至)\s*(?:\d+|[二三四五六七八九十]+)\s*月份?)";
static SINCE_POINTS: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(降幅|增幅|增速|涨幅)?(?:比|较){EARLIER}(?:的?(?:增速|增幅|降幅|涨幅))?\s*(加快|提高|提升|回升|上升|扩大|收窄|回落|放缓|下降|降低|减少|缩小|下滑)了?\s*{NUM}\s*个百分点"
    ))
});
static GROWTH_AT: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"由{EARLIER}的?(增长|下降)\s*{NUM}\s*%")));
static POINTS: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(上升|提高|提升|增加|扩大|下降|降低|回落|减少|收窄)了?\s*{NUM}\s*个(百分点|千分点)"
    ))
});
/// A gap to another figure: 增速比规上工业总产值高0.3个百分点, 比上年高1.2个百分点.
static VERSUS: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?:比|较)([^，。；、\d]{{2,30}}?)(?:的?(?:增速|增幅))?(高|低|快|慢)了?\s*{NUM}\s*个百分点"
    ))
});
/// Points no pattern above took: against a region, a period, a plan the data do not hold.
static STRAY_POINTS: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"{NUM}\s*个(?:百分点|千分点)")));
static COMPLETION: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?:完成(?:了)?(?:(?:年度|全年)?(?:目标任务|考核任务|考核目标|预算|计划|目标|任务)(?:的)?|率(?:为|达到|达)?)|占(?:年度|全年)?(?:目标任务|计划|目标)(?:的)?)\s*{NUM}\s*%"
    ))
});
static GROWTH: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(同比增长|同比下降|同比上涨|同比下跌|增长|下降|上涨|下跌|增产|减产|增收|减收|增幅为?|增速为?|降幅为?|回落|减少)(?:目标为|目标是|了|达到|达)?\s*(-?{NUM})\s*%"
    ))
});
/// A growth in times: 增长1.5倍 (150%).
static GROWTH_TIMES: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"(?:增长|增加|提高)了?\s*{NUM}\s*倍")));
/// The field of a rank: 在全市9个开发区中排名第2位, 13个县（市、区）中居第3位.
static PEERS: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(\d+)\s*个(?:[^，。；、\d第（]|（[^）]{0,12}）){1,12}?中\s*(?:排名|排|居|位列|位居|名列)",
    )
});
static RANK_CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(前进|前移|提升|上升|进位|提高|跃升|攀升|后退|后移|下降|下滑|退后)了?\s*{CN}\s*个?(?:位次|位|名)"
    ))
});
static RANK: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?:{SCOPE}第\s*{CN}(?:位|名)?|第\s*{CN}\s*(?:位|名)|(?:位列|位居|居|排名|排)第\s*{CN}(?:位|名)?)"
    ))
});
static INCREASE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(比上年|较上年|比去年|较去年|同比)?(净增|增加|新增|多|净减|减少)了?\s*{NUM}\s*({UNITS})"
    ))
});
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"{NUM}\s*(?:-|—|–|~|～|至|到)\s*{NUM}\s*({UNITS}|%)"
    ))
});
/// A verdict in words: 超额完成年度目标, 未达到全年目标 (not 完成年度目标的x%, a completion).
static STATUS: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(超额完成|全面完成|圆满完成|未完成|未达到|未能完成|完成|达到)了?(?:年度|全年|预算)(?:预期)?(?:目标|计划)(?:任务)?([的值]?)",
    )
});
/// A verdict on a ceiling in words: 控制在年度目标以内 (met), 超出年度目标 (beyond it).
static CEILING_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(控制在|超出|超过)了?(?:年度|全年)(?:预期|控制)?(?:目标|计划)(?:值)?(以内|之内|范围内)?",
    )
});
/// A place among the first N (进入全省前10位): a goal or standing the data hold no figure for.
static TOP_N: LazyLock<Regex> = LazyLock::new(|| regex(&format!(r"前\s*{CN}\s*(?:位|名|强)")));
/// A level, its sign included (人口自然增长率-2.74‰).
static LEVEL: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"([-−－])?{NUM}\s*({UNITS}|%|‰)")));

/// The unit as a `&'static str` (claims are `Copy`).
fn unit(typed: &str) -> Option<&'static str> {
    UNITS.split('|').chain(["%", "‰"]).find(|u| *u == typed)
}

pub(super) fn number(text: &str) -> Option<Decimal> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    Decimal::from_str(&cleaned).ok()
}

/// The last month of an earlier part of the year as [`EARLIER`] matched it: 上半年 → 6,
/// 1—8月 → 8.
fn earlier_month(text: &str) -> Option<u8> {
    match text {
        "上半年" => Some(6),
        "一季度" => Some(3),
        "前三季度" => Some(9),
        _ => {
            let to = text
                .trim_end_matches('份')
                .trim_end_matches('月')
                .rsplit(['—', '-', '–', '~', '～', '至'])
                .next()?
                .trim();
            chinese_number(to).and_then(|m| u8::try_from(m).ok())
        }
    }
}

/// 二 → 2, 十二 → 12, 二十 → 20; Arabic digits as they are.
pub(super) fn chinese_number(text: &str) -> Option<u32> {
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

/// What follows a number's match: 以上, 左右, 以内, 以下.
fn qualifier_after(rest: &str) -> Option<&'static str> {
    ["以上", "左右", "以内", "以下"]
        .into_iter()
        .find(|q| rest.trim_start().starts_with(q))
}

/// What precedes it: 突破, 超过, 迈上, 跨越 — a threshold.
fn threshold_before(before: &str) -> bool {
    ["突破", "超过", "迈上", "跨越", "迈过", "超"]
        .iter()
        .any(|w| before.trim_end().ends_with(w))
}

/// Whether a change is against the month before (环比增长, 比上月提高): the data hold
/// year-on-year changes only, so such a figure is a note, never compared with 同比.
fn month_on_month(before: &str) -> bool {
    let before = before.trim_end();
    ["环比", "比上月", "较上月", "环比分别"]
        .iter()
        .any(|w| before.ends_with(w))
}

/// Why a month-on-month figure is not checked.
const MONTH_ON_MONTH: &str =
    "it is a change against the month before (环比), which the data do not hold";

/// Every claim in one sentence, offsets in the sentence; later kinds skip what earlier
/// kinds already took (the 5.7 of 增长5.7% is not also a level).
pub(super) fn claims(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    // start → end of every range taken, to find an overlap in log time (a sentence of
    // thousands of figures must not take quadratic time)
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut push = |out: &mut Vec<Found>, claim: Claim, r: Range<usize>| {
        let before = taken.range(..r.end).next_back();
        if before.is_some_and(|(_, end)| *end > r.start) {
            return;
        }
        taken.insert(r.start, r.end);
        let qualifier = qualifier_after(&text[r.end..])
            .or_else(|| threshold_before(&text[..r.start]).then_some("突破"));
        out.push(Found {
            claim,
            range: r,
            qualifier,
        });
    };
    let whole = |c: &regex::Captures<'_>| c.get(0).map_or(0..0, |m| m.range());
    // Each pattern runs only where the words it needs are present: a plain substring
    // test costs far less than a regex search over every sentence with a digit.
    let has = |needle: &str| text.contains(needle);
    let percent = has("%");
    let points = has("分点");
    let digit = text.bytes().any(|b| b.is_ascii_digit());
    let runs = |on: bool, re: &'static LazyLock<Regex>| on.then(|| re.captures_iter(text));
    for c in runs(has("由") && has("第"), &RANK_FROM_TO)
        .into_iter()
        .flatten()
    {
        if let (Some(p), Some(n)) = (chinese_number(&c[1]), chinese_number(&c[2])) {
            push(&mut out, Claim::RankFromTo(p, n), whole(&c));
        }
    }
    for c in runs(points && (has("目标") || has("计划")), &TARGET_GAP)
        .into_iter()
        .flatten()
    {
        let Some(v) = number(&c[4]) else { continue };
        let word = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
        let v = if c.get(3).is_some() || matches!(word, "低于" | "慢于" | "低" | "慢" | "少")
        {
            -v
        } else {
            v
        };
        push(&mut out, Claim::TargetGap(v), whole(&c));
    }
    for c in runs(points && (has("比") || has("较")), &SINCE_POINTS)
        .into_iter()
        .flatten()
    {
        let (Some(to), Some(v)) = (earlier_month(&c[2]), number(&c[4])) else {
            continue;
        };
        // a fall's 收窄 is a rise of the growth: 降幅比1—8月收窄0.9个百分点
        let falls = matches!(
            &c[3],
            "收窄" | "回落" | "放缓" | "下降" | "降低" | "减少" | "缩小" | "下滑"
        );
        let falls = if c.get(1).is_some_and(|m| m.as_str() == "降幅") {
            !falls
        } else {
            falls
        };
        push(
            &mut out,
            Claim::SincePoints(if falls { -v } else { v }, to),
            whole(&c),
        );
    }
    for c in runs(percent && has("由"), &GROWTH_AT).into_iter().flatten() {
        let (Some(to), Some(v)) = (earlier_month(&c[1]), number(&c[3])) else {
            continue;
        };
        let v = if &c[2] == "下降" { -v } else { v };
        push(&mut out, Claim::GrowthAt(v, to), whole(&c));
    }
    for c in runs(points, &POINTS).into_iter().flatten() {
        let Some(v) = number(&c[2]) else { continue };
        let v = if matches!(&c[1], "下降" | "降低" | "回落" | "减少" | "收窄") {
            -v
        } else {
            v
        };
        let unit = if &c[3] == "千分点" {
            "千分点"
        } else {
            "百分点"
        };
        let r = whole(&c);
        if month_on_month(&text[..r.start]) {
            push(&mut out, Claim::Unreadable(MONTH_ON_MONTH), r);
        } else {
            push(&mut out, Claim::Points(v, unit), r);
        }
    }
    for c in runs(points && (has("比") || has("较")), &VERSUS)
        .into_iter()
        .flatten()
    {
        let (Some(name), Some(v)) = (c.get(1), number(&c[3])) else {
            continue;
        };
        let v = if matches!(&c[2], "低" | "慢") {
            -v
        } else {
            v
        };
        // against last year: a change in points like 提高1.2个百分点; "比重较上年高" starts
        // at the 比 of 比重, and what follows its last 比 or 较 is the base
        let base = name
            .as_str()
            .rsplit(['比', '较'])
            .next()
            .unwrap_or_default();
        let claim = if ["上年", "去年", "上年同期", "去年同期"].contains(&base) {
            Claim::Points(v, "百分点")
        } else {
            Claim::Versus(v, name.start(), name.end())
        };
        push(&mut out, claim, whole(&c));
    }
    for c in runs(points, &STRAY_POINTS).into_iter().flatten() {
        push(
            &mut out,
            Claim::Unreadable("it compares with a figure the data do not hold"),
            whole(&c),
        );
    }
    for c in runs(percent && (has("完成") || has("占")), &COMPLETION)
        .into_iter()
        .flatten()
    {
        let Some(v) = number(&c[1]) else { continue };
        push(&mut out, Claim::Completion(v), whole(&c));
    }
    for c in runs(percent, &GROWTH).into_iter().flatten() {
        let r = whole(&c);
        let before = &text[..r.start];
        let Some(v) = number(&c[2]) else { continue };
        let falls = c[1].contains("下降")
            || c[1].contains("下跌")
            || c[1].starts_with("降幅")
            || matches!(&c[1], "回落" | "减少" | "减产" | "减收");
        let v = if falls { -v } else { v };
        if month_on_month(before) {
            push(&mut out, Claim::Unreadable(MONTH_ON_MONTH), r);
        } else if before.ends_with("年均") || before.ends_with("平均") {
            push(&mut out, Claim::AverageGrowth(v), r);
        } else {
            push(&mut out, Claim::Growth(v), r);
        }
    }
    for c in runs(has("倍"), &GROWTH_TIMES).into_iter().flatten() {
        let r = whole(&c);
        let Some(v) = number(&c[1]) else { continue };
        if month_on_month(&text[..r.start]) {
            push(&mut out, Claim::Unreadable(MONTH_ON_MONTH), r);
        } else {
            push(&mut out, Claim::GrowthTimes(v), r);
        }
    }
    for c in runs(has("位") || has("名"), &RANK_CHANGE)
        .into_iter()
        .flatten()
    {
        let Some(n) = chinese_number(&c[2]).map(i64::from) else {
            continue;
        };
        let falls = matches!(&c[1], "后退" | "后移" | "下降" | "下滑" | "退后");
        push(
            &mut out,
            Claim::RankChange(if falls { -n } else { n }),
            whole(&c),
        );
    }
    for c in runs(has("第"), &RANK).into_iter().flatten() {
        let r = whole(&c);
        // 第二批, 第5次, 第四季度, 第12届: an ordinal, not a rank
        let next = text[r.end..].chars().next();
        if next.is_some_and(|n| "批次季届期阶轮年项条章节部个场".contains(n)) {
            continue;
        }
        let Some(n) = c
            .get(1)
            .or(c.get(2))
            .or(c.get(3))
            .and_then(|m| chinese_number(m.as_str()))
        else {
            continue;
        };
        // "位列第二": the claim is the 第二, as with "位列第127位"
        let r = text[r.clone()]
            .find('第')
            .map_or(r.clone(), |i| r.start + i..r.end);
        push(&mut out, Claim::Rank(n), r);
    }
    let increase = has("增加")
        || has("减少")
        || has("净增")
        || has("净减")
        || ((has("比") || has("较")) && (has("新增") || has("多")));
    for c in runs(digit && increase, &INCREASE).into_iter().flatten() {
        // 新增/多 speak of a change only after 比上年 (新增25家 alone is a level)
        if c.get(1).is_none() && matches!(&c[2], "新增" | "多") {
            continue;
        }
        let (Some(v), Some(u)) = (number(&c[3]), unit(&c[4])) else {
            continue;
        };
        let v = if matches!(&c[2], "减少" | "净减") {
            -v
        } else {
            v
        };
        let r = whole(&c);
        if c.get(1).is_none() && month_on_month(&text[..r.start]) {
            push(&mut out, Claim::Unreadable(MONTH_ON_MONTH), r);
        } else {
            push(&mut out, Claim::Increase(v, u), r);
        }
    }
    let range = text.contains(['-', '~', '—', '–', '～', '至', '到']);
    for c in runs(digit && range, &RANGE).into_iter().flatten() {
        let (Some(low), Some(high), Some(u)) = (number(&c[1]), number(&c[2]), unit(&c[3])) else {
            continue;
        };
        if low < high {
            push(&mut out, Claim::Range(low, high, u), whole(&c));
        }
    }
    for c in runs(has("前"), &TOP_N).into_iter().flatten() {
        push(
            &mut out,
            Claim::Unreadable("a place among the first N is no figure of the data"),
            whole(&c),
        );
    }
    for c in runs(has("完成") || has("达到"), &STATUS)
        .into_iter()
        .flatten()
    {
        if !c[2].is_empty() {
            continue;
        }
        let met = !c[1].starts_with('未');
        push(&mut out, Claim::Status(met), whole(&c));
    }
    for c in runs(has("目标") || has("计划"), &CEILING_STATUS)
        .into_iter()
        .flatten()
    {
        match (&c[1], c.get(2).is_some()) {
            ("控制在", true) => push(&mut out, Claim::Status(true), whole(&c)),
            ("控制在", false) => {}
            _ => push(&mut out, Claim::Beyond, whole(&c)),
        }
    }
    // the number of peers, before the rank took its words: only the "9个" is the claim
    for c in runs(has("中") && has("个"), &PEERS).into_iter().flatten() {
        let (Some(n), Some(m)) = (c[1].parse().ok(), c.get(1)) else {
            continue;
        };
        let end = m.end() + text[m.end()..].find('个').unwrap_or(0) + '个'.len_utf8();
        push(&mut out, Claim::Peers(n), m.start()..end);
    }
    for c in runs(digit, &LEVEL).into_iter().flatten() {
        let (Some(v), Some(u)) = (number(&c[2]), unit(&c[3])) else {
            continue;
        };
        let mut r = whole(&c);
        // a minus sign, not a dash after a digit or letter (2024-3家 is no −3)
        let signed = c.get(1).is_some_and(|m| {
            !text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|b| b.is_ascii_alphanumeric())
        });
        if c.get(1).is_some() && !signed {
            r.start = c.get(2).map_or(r.start, |m| m.start());
        }
        let v = if signed { -v } else { v };
        // 3个月, 5个季度: a duration; 个 before another measure word is no unit
        if u == "个" && text[r.end..].starts_with(['月', '季', '工', '小']) {
            continue;
        }
        push(&mut out, Claim::Level(v, u), r);
    }
    out.sort_by_key(|f| f.range.start);
    out
}

/// Words that announce a plan, that end one, and phrases holding a plan word that do not
/// (完成目标任务 is a result; 主要 holds 要).
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Plan,
    /// 预计: an estimate — of a result when the period has one, else a plan.
    Estimate,
    Reset,
    Neutral,
}

static PLAN_WORDS: LazyLock<(AhoCorasick, Vec<Mark>)> = LazyLock::new(|| {
    let words: &[(&str, Mark)] = &[
        ("力争", Mark::Plan),
        ("力求", Mark::Plan),
        ("计划", Mark::Plan),
        ("预计", Mark::Estimate),
        ("预期", Mark::Plan),
        ("确保", Mark::Plan),
        ("争取", Mark::Plan),
        ("目标", Mark::Plan),
        ("控制在", Mark::Plan),
        ("要", Mark::Plan),
        ("将", Mark::Plan),
        ("拟", Mark::Plan),
        ("实际", Mark::Reset),
        ("的目标", Mark::Reset),
        ("目标顺利完成", Mark::Reset),
        ("已", Mark::Reset),
        ("完成目标", Mark::Neutral),
        ("完成目标任务", Mark::Neutral),
        ("完成年度目标", Mark::Neutral),
        ("完成全年目标", Mark::Neutral),
        ("完成计划", Mark::Neutral),
        ("完成年度计划", Mark::Neutral),
        ("完成全年计划", Mark::Neutral),
        ("超额完成", Mark::Neutral),
        ("目标任务", Mark::Neutral),
        ("考核任务", Mark::Neutral),
        ("考核目标", Mark::Neutral),
        ("预期目标基本", Mark::Neutral),
        ("主要", Mark::Neutral),
        ("重要", Mark::Neutral),
        ("需要", Mark::Neutral),
        ("要求", Mark::Neutral),
        ("只要", Mark::Neutral),
        ("将近", Mark::Neutral),
    ];
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(words.iter().map(|(w, _)| w))
        .expect("valid patterns");
    (automaton, words.iter().map(|(_, m)| *m).collect())
});

/// Where plans start and end in a sentence; `planned` asks it for one number.
pub(super) struct Plans {
    marks: Vec<(usize, Mark)>,
    carried: bool,
}

impl Plans {
    /// `carried`: a plan announced before the ； that ended the previous sentence.
    /// `names`: where indicators are named, in order: a plan word inside a name (争取上级
    /// 资金, 计划投资) announces nothing.
    pub(super) fn new(text: &str, carried: bool, names: &[(Range<usize>, usize)]) -> Plans {
        let (automaton, kinds) = &*PLAN_WORDS;
        let in_name = |at: usize| {
            let k = names.partition_point(|(r, _)| r.end <= at);
            names.get(k).is_some_and(|(r, _)| r.start <= at)
        };
        let marks = automaton
            .find_iter(text)
            .filter(|m| !in_name(m.start()))
            .filter_map(|m| match kinds[m.pattern().as_usize()] {
                Mark::Neutral => None,
                mark => Some((m.start(), mark)),
            })
            .collect();
        Plans { marks, carried }
    }

    /// Whether a plan is still announced at the end of the sentence (for the next one,
    /// after a ；).
    pub(super) fn open_at_end(&self) -> bool {
        self.marks
            .last()
            .map_or(self.carried, |(_, mark)| *mark != Mark::Reset)
    }

    /// Whether the number at `range` of `text` is a plan: a plan word before it and no
    /// result word (实际) since, or a 目标 right after it ("增长8%的目标").
    pub(super) fn planned(&self, text: &str, range: &Range<usize>) -> bool {
        let after = text[range.end..].trim_start();
        let after = ["以上", "左右", "以内"]
            .iter()
            .find_map(|q| after.strip_prefix(q))
            .unwrap_or(after);
        if after.starts_with("的目标")
            || after.starts_with("目标")
            || after.starts_with("的预期目标")
        {
            return true;
        }
        self.mark_before(range)
            .map_or(self.carried, |mark| mark != Mark::Reset)
    }

    /// Whether the number at `range` is an estimate (预计全年增长5.4%): of the result
    /// when its period has one, a plan otherwise.
    pub(super) fn estimate(&self, range: &Range<usize>) -> bool {
        self.mark_before(range) == Some(Mark::Estimate)
    }

    fn mark_before(&self, range: &Range<usize>) -> Option<Mark> {
        let k = self.marks.partition_point(|(at, _)| *at < range.start);
        k.checked_sub(1).map(|k| self.marks[k].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn kinds(text: &str) -> Vec<String> {
        claims(text)
            .iter()
            .map(|f| format!("{:?}", f.claim))
            .collect()
    }

    /// A verdict in words is a claim; followed by 的 it is a completion; a place among
    /// the first N is no figure (进入前10位 was silently accepted).
    #[test]
    fn reads_verdicts_in_words_and_places_among_the_first() {
        assert_eq!(kinds("超额完成年度目标"), ["Status(true)"]);
        assert_eq!(kinds("未完成全年目标任务"), ["Status(false)"]);
        assert_eq!(kinds("未达到年度预期目标"), ["Status(false)"]);
        assert_eq!(kinds("控制在年度目标以内"), ["Status(true)"]);
        assert_eq!(kinds("超出年度目标"), ["Beyond"]);
        assert_eq!(kinds("超过年度目标区间"), ["Beyond"]);
        assert_eq!(kinds("完成年度目标的96.4%"), ["Completion(96.4)"]);
        let top = kinds("力争进入全省前10位");
        assert_eq!(top.len(), 1);
        assert!(top[0].starts_with("Unreadable"), "{top:?}");
    }

    #[test]
    fn reads_the_seed_phrasings() {
        // seed 000's sentences, paraphrased: the number shapes are what matters here
        assert_eq!(kinds("税收收入增长14%"), ["Growth(14)"]);
        assert_eq!(kinds("GDP增幅5 . 7%"), ["Growth(5.7)"]);
        assert_eq!(
            kinds("比重达88%，上升11个百分点"),
            ["Level(88, \"%\")", "Points(11, \"百分点\")"]
        );
        assert_eq!(
            kinds("较上年度前进85位、位列第127位"),
            ["RankChange(85)", "Rank(127)"]
        );
        assert_eq!(kinds("完成年度计划的156 . 4%"), ["Completion(156.4)"]);
        assert_eq!(kinds("完成任务的110%"), ["Completion(110)"]);
        assert_eq!(kinds("全市第二"), ["Rank(2)"]);
        assert_eq!(kinds("投资下降2.9%"), ["Growth(-2.9)"]);
        assert_eq!(kinds("比上年减产1.2%"), ["Growth(-1.2)"]);
        assert_eq!(kinds("完成投资36.45亿元"), ["Level(36.45, \"亿元\")"]);
        // not claims: a quarter, a year, a batch
        assert!(kinds("第二季度").is_empty());
        assert!(kinds("2024年").is_empty());
        assert!(kinds("全区第二批").is_empty());
    }

    #[test]
    fn reads_the_genres_other_phrasings() {
        assert_eq!(kinds("完成年度目标任务的117.5%"), ["Completion(117.5)"]);
        assert_eq!(kinds("到位资金完成率110.3%"), ["Completion(110.3)"]);
        assert_eq!(kinds("占年度计划的120%"), ["Completion(120)"]);
        // a budget revenue's completion, as quarterly reports write it
        assert_eq!(kinds("完成年度预算的28.4%"), ["Completion(28.4)"]);
        assert_eq!(kinds("由上年第6位上升至第2位"), ["RankFromTo(6, 2)"]);
        assert_eq!(kinds("前移85位"), ["RankChange(85)"]);
        assert_eq!(kinds("位列第二"), ["Rank(2)"]);
        assert_eq!(kinds("低于年度目标1.8个百分点"), ["TargetGap(-1.8)"]);
        assert_eq!(kinds("比年度目标低2个百分点"), ["TargetGap(-2)"]);
        assert_eq!(kinds("比全国高0.2个百分点").len(), 1);
        assert_eq!(kinds("比上年增加30亿元"), ["Increase(30, \"亿元\")"]);
        assert_eq!(kinds("减少0.23万人"), ["Increase(-0.23, \"万人\")"]);
        for range in ["2-3家", "2—3家", "2~3家", "2至3家", "2到3家"] {
            assert_eq!(kinds(range), ["Range(2, 3, \"家\")"], "{range}");
        }
        assert_eq!(kinds("年均增长6.3%"), ["AverageGrowth(6.3)"]);
        assert_eq!(kinds("年均增长目标为10%"), ["AverageGrowth(10)"]);
        let q = |t: &str| claims(t).first().and_then(|f| f.qualifier);
        assert_eq!(q("增长10%以上"), Some("以上"));
        assert_eq!(q("突破50亿元"), Some("突破"));
        assert_eq!(q("控制在5.5%以内"), Some("以内"));
    }

    #[test]
    fn plans_are_read_per_clause() {
        let planned = |text: &str, carried: bool| -> Vec<bool> {
            let plans = Plans::new(text, carried, &[]);
            // numbers only: a verdict in words (超额完成全年目标任务) is no plan figure
            claims(text)
                .iter()
                .filter(|f| !matches!(f.claim, Claim::Status(_)))
                .map(|f| plans.planned(text, &f.range))
                .collect()
        };
        assert_eq!(
            planned("超额完成全年目标任务，社会消费品零售总额增长8.6%", false),
            [false]
        );
        assert_eq!(planned("超额完成考核任务，新增企业47家", false), [false]);
        assert_eq!(planned("力争增长6.5%以上", false), [true]);
        assert_eq!(
            planned("年初计划增长8%以上，全年实际增长6.2%", false),
            [true, false]
        );
        assert_eq!(
            planned("2024年增长6.2%，2025年力争增长7%", false),
            [false, true]
        );
        assert_eq!(
            planned("增长8%的目标顺利完成，全年增长8.2%", false),
            [true, false]
        );
        assert_eq!(planned("主要指标增长5%", false), [false]);
        assert_eq!(planned("固定资产投资增长6%", true), [true]);
        // a plan word inside an indicator's name announces nothing
        let text = "争取上级资金4.96亿元";
        let plans = Plans::new(text, false, &[(0..18, 0)]);
        assert!(!plans.planned(text, &claims(text)[0].range));
    }

    /// Held-out groups 24–26: a signed level, 千分点 kept apart from 百分点, a change
    /// against an earlier part of the year, 上涨 of a price, a gap still to go.
    #[test]
    fn reads_signs_per_mille_points_and_earlier_parts_of_the_year() {
        assert_eq!(kinds("自然增长率-2.74‰"), ["Level(-2.74, \"‰\")"]);
        assert_eq!(kinds("自然增长率－2.74‰"), ["Level(-2.74, \"‰\")"]);
        // a dash after a digit is no sign
        assert_eq!(kinds("GB/T 1-3家"), ["Range(1, 3, \"家\")"]);
        assert_eq!(kinds("编号A-5家"), ["Level(5, \"家\")"]);
        assert_eq!(kinds("提高0.35个千分点"), ["Points(0.35, \"千分点\")"]);
        assert_eq!(kinds("增速比1—8月加快0.3个百分点"), ["SincePoints(0.3, 8)"]);
        assert_eq!(kinds("比上半年提高0.6个百分点"), ["SincePoints(0.6, 6)"]);
        // a fall that narrows is a growth that rises
        assert_eq!(kinds("降幅比1—8月收窄0.9个百分点"), ["SincePoints(0.9, 8)"]);
        assert_eq!(
            kinds("增幅比一季度回落0.4个百分点"),
            ["SincePoints(-0.4, 3)"]
        );
        assert_eq!(kinds("由上半年的下降1.5%转为正增长"), ["GrowthAt(-1.5, 6)"]);
        assert_eq!(kinds("比上年上涨0.2%"), ["Growth(0.2)"]);
        assert_eq!(kinds("同比下跌1.1%"), ["Growth(-1.1)"]);
        assert_eq!(kinds("距年度目标还差0.1个百分点"), ["TargetGap(-0.1)"]);
    }

    /// Held-out groups 28–31: 环比 is no year-on-year change, 倍 is a growth, a count of
    /// peers before a rank is the rank's field, a budget verdict is a verdict.
    #[test]
    fn reads_month_on_month_times_peers_and_budget_verdicts() {
        for text in [
            "环比增长0.8%",
            "比上月提高0.3个百分点",
            "环比增加12家",
            "环比增长1.5倍",
        ] {
            let k = kinds(text);
            assert_eq!(k.len(), 1, "{text}: {k:?}");
            assert!(k[0].starts_with("Unreadable"), "{text}: {k:?}");
        }
        assert_eq!(kinds("同比增长1.5倍"), ["GrowthTimes(1.5)"]);
        assert_eq!(kinds("在全市9个开发区中排名第2位"), ["Peers(9)", "Rank(2)"]);
        assert_eq!(
            kinds("在全市13个县（市、区）中居第3位"),
            ["Peers(13)", "Rank(3)"]
        );
        assert_eq!(kinds("未完成预算目标"), ["Status(false)"]);
        // a gap to another figure, the compared name's bytes kept; against last year, points
        let text = "增速比规上工业总产值高0.3个百分点";
        match claims(text)[0].claim {
            Claim::Versus(v, from, to) => {
                assert_eq!(v.to_string(), "0.3");
                assert_eq!(&text[from..to], "规上工业总产值");
            }
            ref other => panic!("{other:?}"),
        }
        assert_eq!(
            kinds("比上年同期低0.5个百分点"),
            ["Points(-0.5, \"百分点\")"]
        );
        assert_eq!(
            kinds("比重较上年高1.2个百分点"),
            ["Points(1.2, \"百分点\")"]
        );
        let text = "预计全年增长5.4%，计划增长6%";
        let plans = Plans::new(text, false, &[]);
        let found = claims(text);
        assert!(plans.estimate(&found[0].range) && plans.planned(text, &found[0].range));
        assert!(!plans.estimate(&found[1].range) && plans.planned(text, &found[1].range));
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_number("二"), Some(2));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("127"), Some(127));
        assert_eq!(chinese_number("第"), None);
    }
}
