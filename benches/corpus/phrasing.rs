//! The phrases bulletin computes for a figure (README, "How figures are phrased"), written
//! out for the Hugo twin, which has no data: value, prior value, change, growth, rank,
//! target and the key-figure callouts of Hugo's front matter. Integer arithmetic with
//! half-up rounding.

use crate::CUR;
use crate::doc::quoted;
use crate::indicators::{Kind, Qualifier, RankDef, Series, Target};
use crate::tree::Unit;

pub(crate) const UNAVAILABLE: &str = "—";

fn pow10(d: u32) -> i128 {
    10i128.pow(d)
}

/// n / d rounded half away from zero (四舍五入); d > 0.
fn div_round(n: i128, d: i128) -> i128 {
    let q = (n.abs() * 2 + d) / (2 * d);
    if n < 0 { -q } else { q }
}

/// A minor-unit integer printed with `decimals` digits after the point, zeros kept.
pub(crate) fn fixed(minor: i128, decimals: u32) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let a = minor.abs();
    if decimals == 0 {
        return format!("{sign}{a}");
    }
    let p = pow10(decimals);
    format!("{sign}{}.{:0w$}", a / p, a % p, w = decimals as usize)
}

/// A target as written: no padding zeros (170, 23.3).
pub(crate) fn as_written(minor: i128, decimals: u32) -> String {
    let s = fixed(minor, decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn signed_words(x: i128, decimals: u32, up: &str, down: &str, unit: &str, flat: &str) -> String {
    match x.cmp(&0) {
        std::cmp::Ordering::Equal => flat.to_string(),
        std::cmp::Ordering::Greater => format!("{up}{}{unit}", fixed(x, decimals)),
        std::cmp::Ordering::Less => format!("{down}{}{unit}", fixed(-x, decimals)),
    }
}

fn places_words(n: i128, unit: &str, flat: &str) -> String {
    match n.cmp(&0) {
        std::cmp::Ordering::Equal => flat.to_string(),
        std::cmp::Ordering::Greater => format!("前进{n}{unit}"),
        std::cmp::Ordering::Less => format!("后退{}{unit}", -n),
    }
}

pub(crate) enum Change {
    /// Growth in percent as the fraction num / den.
    Growth(i128, i128),
    /// Change in minor units of the indicator (percentage points for rates and shares).
    Points(i128),
    /// Places moved forward (a smaller position is better).
    Places(i128),
    None,
}

pub(crate) fn change(s: &Series) -> Change {
    let (v, p) = (i128::from(s.values[CUR]), i128::from(s.values[CUR - 1]));
    match s.def.kind {
        Kind::Rank => Change::Places(p - v),
        Kind::Rate | Kind::Share => Change::Points(v - p),
        _ if s.def.comparable => Change::Growth(i128::from(s.growth[CUR]), 10),
        _ if p == 0 => Change::None,
        _ => Change::Growth((v - p) * 100, p),
    }
}

/// Growth rounded to one decimal, in tenths of a percent.
fn growth_tenths(num: i128, den: i128) -> i128 {
    div_round(num * 10, den)
}

pub(crate) fn value_text(s: &Series) -> String {
    match s.def.kind {
        Kind::Rank => format!("第{}位", s.values[CUR]),
        _ => format!(
            "{}{}",
            fixed(i128::from(s.values[CUR]), s.def.decimals),
            s.def.unit
        ),
    }
}

fn prior_text(s: &Series) -> String {
    match s.def.kind {
        Kind::Rank => format!("第{}位", s.values[CUR - 1]),
        _ => format!(
            "{}{}",
            fixed(i128::from(s.values[CUR - 1]), s.def.decimals),
            s.def.unit
        ),
    }
}

pub(crate) fn number_text(s: &Series, year: usize) -> String {
    fixed(i128::from(s.values[year]), s.def.decimals)
}

pub(crate) fn change_text(s: &Series) -> String {
    match change(s) {
        Change::Growth(n, d) => signed_words(growth_tenths(n, d), 1, "增长", "下降", "%", "持平"),
        Change::Points(p) => signed_words(p, s.def.decimals, "上升", "下降", "个百分点", "持平"),
        Change::Places(n) => places_words(n, "位", "位次持平"),
        Change::None => UNAVAILABLE.to_string(),
    }
}

fn yoy_text(s: &Series) -> String {
    match change(s) {
        Change::Places(0) => "与上年持平".to_string(),
        Change::Places(n) => format!("较上年{}", places_words(n, "位", "")),
        Change::None => UNAVAILABLE.to_string(),
        _ => match change_text(s) {
            flat if flat == "持平" => "与上年持平".to_string(),
            words => format!("比上年{words}"),
        },
    }
}

/// The number under 比上年增长（%） / 比上年增减（百分点）.
pub(crate) fn change_cell(s: &Series) -> String {
    match change(s) {
        Change::Growth(n, d) => fixed(growth_tenths(n, d), 1),
        Change::Points(p) => fixed(p, s.def.decimals),
        Change::Places(n) => places_words(n, "", "持平"),
        Change::None => UNAVAILABLE.to_string(),
    }
}

pub(crate) fn rank_text(unit: &Unit, s: &Series) -> Option<String> {
    let moved = |prior: Option<i128>, now: i128| match prior {
        None => String::new(),
        Some(p) if p == now => "，与上年持平".to_string(),
        Some(p) => format!("，较上年{}", places_words(p - now, "位", "")),
    };
    if s.def.kind == Kind::Rank {
        let now = i128::from(s.values[CUR]);
        let prior = i128::from(s.values[CUR - 1]);
        return Some(format!("居全省第{now}位{}", moved(Some(prior), now)));
    }
    let (_, now) = s.ranks.iter().find(|(y, _)| *y == CUR)?;
    let prior = s.ranks.iter().find(|(y, _)| *y == CUR - 1).map(|r| r.1);
    let basis = if s.def.rank == RankDef::Growth {
        "增速"
    } else {
        ""
    };
    Some(format!(
        "{basis}居{}第{now}位{}",
        unit.scope,
        moved(prior.map(i128::from), i128::from(*now))
    ))
}

/// Value and target aligned to the larger number of decimals.
fn aligned(s: &Series, minor: i64, decimals: u32) -> (i128, i128, u32) {
    let d = s.def.decimals.max(decimals);
    (
        i128::from(s.values[CUR]) * pow10(d - s.def.decimals),
        i128::from(minor) * pow10(d - decimals),
        d,
    )
}

/// "完成年度目标的102.3%", "高于年度目标0.3个百分点", "低于年度目标0.4个百分点".
pub(crate) fn target_text(s: &Series, label: &str) -> Option<String> {
    let gap = |x: i128, d: u32| {
        signed_words(
            x,
            d,
            &format!("高于{label}"),
            &format!("低于{label}"),
            "个百分点",
            &format!("达到{label}"),
        )
    };
    Some(match s.target? {
        Target::Level {
            minor, decimals, ..
        } => {
            let (v, t, d) = aligned(s, minor, decimals);
            match s.def.kind {
                Kind::Rate | Kind::Share => gap(v - t, d),
                _ => format!("完成{label}的{}%", fixed(div_round(v * 1000, t), 1)),
            }
        }
        Target::Growth { rate, .. } => match change(s) {
            Change::Growth(n, den) => gap(div_round((n - i128::from(rate) * den) * 10, den), 1),
            _ => UNAVAILABLE.to_string(),
        },
    })
}

pub(crate) fn target_spec(s: &Series) -> String {
    match s.target {
        None => UNAVAILABLE.to_string(),
        Some(Target::Level {
            minor,
            decimals,
            qualifier,
        }) => {
            let shown = if decimals > s.def.decimals {
                div_round(i128::from(minor), pow10(decimals - s.def.decimals))
            } else {
                i128::from(minor)
            };
            format!(
                "{}{}{}",
                as_written(shown, decimals.min(s.def.decimals)),
                s.def.unit,
                qualifier.text()
            )
        }
        Some(Target::Growth { rate, qualifier }) => format!("增长{rate}%{}", qualifier.text()),
    }
}

pub(crate) fn target_met(s: &Series) -> Option<bool> {
    let higher = !s.def.lower_is_better;
    let meets = |a: i128, b: i128, q: Qualifier, tolerance: i128| match q {
        Qualifier::AtLeast => a >= b,
        Qualifier::AtMost => a <= b,
        Qualifier::Plan if higher => a >= b,
        Qualifier::Plan => a <= b,
        Qualifier::About if higher => a >= b - tolerance,
        Qualifier::About => a <= b + tolerance,
    };
    match s.target? {
        Target::Level {
            minor,
            decimals,
            qualifier,
        } => {
            let (v, t, _) = aligned(s, minor, decimals);
            // 左右: within 5% of the target; compared ×100 to stay in integers.
            Some(meets(v * 100, t * 100, qualifier, t * 5))
        }
        Target::Growth { rate, qualifier } => match change(s) {
            Change::Growth(n, d) => Some(meets(
                growth_tenths(n, d),
                i128::from(rate) * 10,
                qualifier,
                5,
            )),
            _ => None,
        },
    }
}

/// 地区生产总值5321.4亿元，比上年增长5.9%，增速居全市第2位
pub(crate) fn full_text(unit: &Unit, s: &Series) -> String {
    if s.def.kind == Kind::Rank {
        return format!("{}{}", s.def.name, rank_text(unit, s).unwrap_or_default());
    }
    let mut text = format!("{}{}，{}", s.def.name, value_text(s), yoy_text(s));
    if let Some(rank) = rank_text(unit, s) {
        text.push('，');
        text.push_str(&rank);
    }
    text
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Full,
    Value,
    Prior,
    Change,
    Yoy,
    Rank,
    Target,
}

impl Part {
    pub(crate) fn key(self) -> Option<&'static str> {
        match self {
            Part::Full => None,
            Part::Value => Some("value"),
            Part::Prior => Some("prior"),
            Part::Change => Some("change"),
            Part::Yoy => Some("yoy"),
            Part::Rank => Some("rank"),
            Part::Target => Some("target"),
        }
    }
}

pub(crate) fn phrase(unit: &Unit, s: &Series, part: Part) -> String {
    match part {
        Part::Full => full_text(unit, s),
        Part::Value => value_text(s),
        Part::Prior => prior_text(s),
        Part::Change => change_text(s),
        Part::Yoy => yoy_text(s),
        Part::Rank => rank_text(unit, s).unwrap_or_else(|| UNAVAILABLE.to_string()),
        Part::Target => target_text(s, "年度目标").unwrap_or_else(|| UNAVAILABLE.to_string()),
    }
}

/// A key figure callout for Hugo's front matter, as bulletin's `FigureView` fills it.
pub(crate) fn key_figure_yaml(unit: &Unit, s: &Series, with_period: bool) -> String {
    let change = change_text(s);
    let rank = if s.def.kind == Kind::Rank {
        "全省".to_string()
    } else {
        rank_text(unit, s).unwrap_or_default()
    };
    let mut y = format!(
        "  - label: {}\n    value: {}\n    unit: {}\n    change: {}\n    rank: {}\n",
        quoted(s.def.name),
        quoted(&number_text(s, CUR)),
        quoted(s.def.unit),
        quoted(if change == UNAVAILABLE { "" } else { &change }),
        quoted(&rank),
    );
    if with_period {
        y.push_str("    period: \"2024年\"\n");
    }
    y
}
