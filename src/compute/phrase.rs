//! `phrase` owns the Chinese wording of figures and comparisons as a statistics bulletin
//! writes them: value then change (36.45亿元, 增长5.7%, 下降2.9%, 上升11个百分点, 持平),
//! year-over-year bases (比上年 / 同比), ranks (居全市第2位, 前进85位), targets
//! (完成年度计划的156.4%, 高于年度目标1.2个百分点, 控制在年度目标以内, 突破年度目标,
//! 达到年度目标区间) and lists (分别增长a、b和c).
//! Numbers follow GB/T 15835-2011: Arabic numerals, no space between number and unit,
//! consistent decimals, and "—" for anything that cannot be computed — never NaN, "0.0%"
//! growth or 增长-2.9%. The arithmetic itself is `comparison`'s; this file only words it.

use std::cmp::Ordering;

use super::comparison::{Change, Series, TargetOutcome, growth_decimals, is_ceiling};
use super::number::{fixed, push_fixed, round};
use super::{Decimal, Kind, Qualifier, Target};

/// What prints when a figure is missing, confidential or not computable.
pub(crate) const UNAVAILABLE: &str = "—";

/// A value with its unit: "36.45亿元", "47家", "88%"; a rank as "第127位"; `None` as "—".
pub(crate) fn phrase_value(d: Option<Decimal>, decimals: u32, unit: &str, kind: Kind) -> String {
    match (d, kind) {
        (None, _) => UNAVAILABLE.to_owned(),
        (Some(position), Kind::Rank) => concat(&["第"], position, 0, &["位"]),
        // an index's base is no unit to glue on: 100.2（上年=100）, not 100.2上年=100
        (Some(value), Kind::Index) if unit.contains('=') => {
            concat(&[], value, decimals, &["（", unit, "）"])
        }
        (Some(value), _) => concat(&[], value, decimals, &[unit]),
    }
}

/// The change on its own: "增长5.7%", "下降2.9%", "上升11个百分点", "前进85位", "持平";
/// "—" when unavailable. The word follows the sign, not the judgement, so a lower-is-better
/// indicator that falls still 下降s.
pub(crate) fn phrase_change(s: &Series, c: &Change) -> String {
    match *c {
        Change::Growth(g) => signed_words(g, growth_decimals(s), "增长", "下降", "%", "持平"),
        Change::Points(p) => signed_words(p, s.decimals, "上升", "下降", point_unit(s), "持平"),
        Change::Places(n) => places_words(n, "位", "位次持平"),
        Change::Unavailable => UNAVAILABLE.to_owned(),
    }
}

/// The change with its basis: "比上年增长5.7%" for a year, "同比增长5.7%" for a quarter or
/// a month (比上年同期 for ranks), "与上年持平" / "同比持平" when unchanged, "—" when
/// unavailable.
pub(crate) fn phrase_yoy(s: &Series, c: &Change, period_is_year: bool) -> String {
    let (basis, flat) = if period_is_year {
        ("比上年", "与上年持平")
    } else {
        ("同比", "同比持平")
    };
    let with_basis = |words: String| {
        if words == "持平" {
            flat.to_owned()
        } else {
            format!("{basis}{words}")
        }
    };
    match *c {
        Change::Growth(_) | Change::Points(_) => with_basis(phrase_change(s, c)),
        Change::Places(0) if period_is_year => "与上年持平".to_owned(),
        Change::Places(0) => "与上年同期持平".to_owned(),
        Change::Places(n) => {
            let basis = if period_is_year {
                "较上年"
            } else {
                "较上年同期"
            };
            format!("{basis}{}", places_words(n, "位", ""))
        }
        Change::Unavailable => UNAVAILABLE.to_owned(),
    }
}

/// A table cell under 比上年增长（%）, 比上年增减（百分点） or 位次变化: a plain signed number
/// with the phrase's decimals ("5.7", "-2.9", "14", "11"), places as "前进85" / "后退3" /
/// "持平", "—" when unavailable. A zero prints as a zero ("0.0"), as statistical tables do.
pub(crate) fn change_cell(s: &Series, c: &Change) -> String {
    match *c {
        Change::Growth(g) => fixed(g, growth_decimals(s)),
        Change::Points(p) => fixed(p, s.decimals),
        Change::Places(n) => places_words(n, "", "持平"),
        Change::Unavailable => UNAVAILABLE.to_owned(),
    }
}

/// A rank in its scope: "居全市第2位"; "居第2位" without a scope.
pub(crate) fn phrase_rank(scope: &str, position: u32) -> String {
    format!("居{scope}第{position}位")
}

/// A level rank and a growth rank at the same position in the same scope, as one rank:
/// "总量和增速均居全市第1位" (`level` is 总量, or 数量 for a count), with ",均较上年前进2位"
/// when both moved alike (`change`, from [`phrase_rank_change`]). Printed one after the
/// other they said the same rank twice in a sentence: "居全市第1位，增速居全市第1位".
pub(crate) fn phrase_shared_rank(level: &str, scope: &str, position: u32, change: &str) -> String {
    let rank = phrase_rank(scope, position);
    if change.is_empty() {
        format!("{level}和增速均{rank}")
    } else {
        format!("{level}和增速均{rank}，均{change}")
    }
}

/// The rank change from last year: "较上年前进85位", "较上年后退3位", "与上年持平";
/// empty when there is no prior position (the sentence then just ends).
pub(crate) fn phrase_rank_change(prior: Option<u32>, current: u32) -> String {
    match prior {
        None => String::new(),
        Some(prior) if prior == current => "与上年持平".to_owned(),
        Some(prior) => format!(
            "较上年{}",
            places_words(super::comparison::rank_change(prior, current), "位", "")
        ),
    }
}

/// How an indicator did against its target, in the words of a statistics office, from
/// the outcome `evaluate_target` worked out on the printed figures — so the words always
/// agree with `phrase_met`:
/// - a level on an amount, count or index: 完成年度目标的156.4%;
/// - a level on a rate or share, or a growth target: 高于/低于年度目标1.2个百分点, 达到年度目标;
/// - a ceiling (以内, or a bare figure on a lower-is-better indicator): 控制在年度目标以内,
///   超出年度目标5.0% (amounts) or 超出年度目标0.3个百分点 (rates, shares, growth);
/// - 突破: 突破年度目标 / 未突破年度目标;
/// - a range, named with `unit`: 未达到年度目标（2—3家）, 达到年度目标区间（2—3家）,
///   超过年度目标区间（2—3家） (超出… when higher is worse);
/// - a rank: 达到年度目标 / 未达到年度目标.
pub(crate) fn phrase_target(
    s: &Series,
    t: &Target,
    o: &TargetOutcome,
    label: &str,
    unit: &str,
) -> String {
    if o.met.is_none() {
        return UNAVAILABLE.to_owned();
    }
    let qualifier = t.qualifier();
    if s.kind == Kind::Rank {
        return met_words(o.met, label, "");
    }
    if qualifier == Some(Qualifier::Exceeds) {
        return if o.met == Some(true) {
            format!("突破{label}")
        } else {
            format!("未突破{label}")
        };
    }
    let points_decimals = match *t {
        Target::Growth { rate, .. } => growth_decimals(s).max(rate.scale()),
        _ => s.decimals,
    };
    let in_points = matches!(t, Target::Growth { .. }) || s.kind.changes_in_points();
    if is_ceiling(t, s.higher_is_better) {
        if o.met == Some(true) {
            // Over a 左右 cap but within its tolerance.
            return if o.versus == Some(Ordering::Greater) {
                format!("控制在{label}左右")
            } else {
                format!("控制在{label}以内")
            };
        }
        if in_points {
            let unit = if matches!(t, Target::Growth { .. }) {
                "个百分点"
            } else {
                point_unit(s)
            };
            return match o.gap_points {
                Some(gap) => format!("超出{label}{}{unit}", fixed(gap.abs(), points_decimals)),
                None => UNAVAILABLE.to_owned(),
            };
        }
        // An amount over its cap: by how much in %, or in its unit when the excess is
        // too small to show at one decimal of a percent.
        return match (o.completion, o.gap) {
            (Some(c), _) if !round(c - Decimal::ONE_HUNDRED, 1).is_zero() => {
                format!("超出{label}{}%", fixed(c - Decimal::ONE_HUNDRED, 1))
            }
            (_, Some(gap)) => format!("超出{label}{}{unit}", fixed(gap.abs(), s.decimals)),
            _ => UNAVAILABLE.to_owned(),
        };
    }
    match *t {
        Target::Level { .. } if !in_points => match o.completion {
            Some(completion) => format!("完成{label}的{}%", completion_text(completion)),
            None => UNAVAILABLE.to_owned(),
        },
        Target::Level { .. } => gap_words(o.gap_points, points_decimals, point_unit(s), label),
        Target::Growth { .. } => gap_words(o.gap_points, points_decimals, "个百分点", label),
        Target::Range { .. } => {
            let range = if unit.is_empty() {
                String::new()
            } else {
                format!("（{}）", phrase_target_spec(t, unit, s.decimals))
            };
            let words = match o.versus {
                Some(Ordering::Less) if s.higher_is_better => "未达到",
                Some(Ordering::Less) => "低于",
                Some(Ordering::Equal) => "达到",
                Some(Ordering::Greater) if s.higher_is_better => "超过",
                Some(Ordering::Greater) => "超出",
                None => return UNAVAILABLE.to_owned(),
            };
            let span = if o.versus == Some(Ordering::Less) && s.higher_is_better {
                ""
            } else {
                "区间"
            };
            format!("{words}{label}{span}{range}")
        }
    }
}

/// The 完成目标情况 cell of a targets table: the completion alone ("156.4%") where the
/// phrase is a completion, else the phrase with the label "目标".
pub(crate) fn target_cell(s: &Series, t: &Target, o: &TargetOutcome, unit: &str) -> String {
    let words = phrase_target(s, t, o, "目标", unit);
    match (words.strip_prefix("完成目标的"), o.completion) {
        (Some(_), Some(c)) => format!("{}%", completion_text(c)),
        _ => words,
    }
}

/// A completion percentage at one decimal, or at as many more as it takes not to round a
/// shortfall up to 100.0% (99.96% stays 99.96%, so 完成100.0% never sits beside 未完成).
pub(crate) fn completion_text(c: Decimal) -> String {
    let mut decimals = 1;
    while c < Decimal::ONE_HUNDRED && round(c, decimals) >= Decimal::ONE_HUNDRED && decimals < 28 {
        decimals += 1;
    }
    fixed(c, decimals)
}

/// The target as announced: "170亿元以上", "增长10%以上", "2—3家", "20%左右". Figures are
/// rounded to `decimals` but printed as written, without padding zeros: a target is a
/// figure someone set ("170亿元"), not a measurement.
pub(crate) fn phrase_target_spec(t: &Target, unit: &str, decimals: u32) -> String {
    let qualifier = |q: Option<Qualifier>| q.filter(|q| !q.is_prefix()).map_or("", |q| q.as_str());
    let prefix = |q: Option<Qualifier>| q.filter(|q| q.is_prefix()).map_or("", |q| q.as_str());
    match *t {
        Target::Level {
            value,
            qualifier: q,
        } => {
            format!(
                "{}{}{unit}{}",
                prefix(q),
                as_written(value, decimals),
                qualifier(q)
            )
        }
        Target::Growth {
            rate,
            qualifier: Some(Qualifier::Exceeds),
        } => format!("增速突破{}%", as_written(rate, rate.scale())),
        Target::Growth { rate, qualifier: q } => {
            let word = if rate.is_sign_negative() && !rate.is_zero() {
                "下降"
            } else {
                "增长"
            };
            format!(
                "{word}{}%{}",
                as_written(rate.abs(), rate.scale()),
                qualifier(q)
            )
        }
        Target::Range { low, high } => format!(
            "{}—{}{unit}",
            as_written(low, decimals),
            as_written(high, decimals)
        ),
    }
}

/// Whether a target was met, for the 是否完成 column: "已完成", "未完成" or "—".
pub(crate) fn phrase_met(o: &TargetOutcome) -> &'static str {
    match o.met {
        Some(true) => "已完成",
        Some(false) => "未完成",
        None => UNAVAILABLE,
    }
}

/// A share of a total: "占规上工业总产值的比重为88.0%"; "占比为88.0%" without a name of
/// the total; "—" when not computable.
pub(crate) fn phrase_share(name_of_total: &str, share: Option<Decimal>, decimals: u32) -> String {
    match share {
        None => UNAVAILABLE.to_owned(),
        Some(share) if name_of_total.is_empty() => format!("占比为{}%", fixed(share, decimals)),
        Some(share) => format!("占{name_of_total}的比重为{}%", fixed(share, decimals)),
    }
}

/// Joins figures for 分别增长…: "14%、9%和5.7%"; two as "a和b"; one as itself.
#[cfg_attr(
    not(test),
    expect(
        dead_code,
        reason = "list phrasing (分别增长a、b和c) for a multi-figure component, ARCHITECTURE.md decisions"
    )
)]
pub(crate) fn phrase_respectively(values: &[String]) -> String {
    match values {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{}和{last}", init.join("、")),
    }
}

/// 个百分点, or 个千分点 for a per-mille indicator (ARCHITECTURE.md, "Decisions").
fn point_unit(s: &Series) -> &'static str {
    if s.per_mille {
        "个千分点"
    } else {
        "个百分点"
    }
}

/// `up`/`down` and the magnitude rounded to `decimals`, or `flat` when it rounds to zero.
fn signed_words(d: Decimal, decimals: u32, up: &str, down: &str, unit: &str, flat: &str) -> String {
    let r = round(d, decimals);
    if r.is_zero() {
        flat.to_owned()
    } else if r.is_sign_negative() {
        concat(&[down], r.abs(), decimals, &[unit])
    } else {
        concat(&[up], r, decimals, &[unit])
    }
}

/// `before`, `d` as [`fixed`] prints it, then `after`, in one string: what
/// `format!("{before}{}{after}", fixed(d, decimals))` makes, without its formatting
/// machinery or a string for the number.
fn concat(before: &[&str], d: Decimal, decimals: u32, after: &[&str]) -> String {
    let len: usize = before.iter().chain(after).map(|s| s.len()).sum();
    let mut out = String::with_capacity(len + 16);
    for s in before {
        out.push_str(s);
    }
    push_fixed(&mut out, d, decimals);
    for s in after {
        out.push_str(s);
    }
    out
}

/// "前进85位" / "后退3位" (with `unit` "位"), or `flat` for no move.
fn places_words(n: i64, unit: &str, flat: &str) -> String {
    match n {
        0 => flat.to_owned(),
        n if n > 0 => format!("前进{n}{unit}"),
        n => format!("后退{}{unit}", n.unsigned_abs()),
    }
}

/// "高于{label}1.2个百分点" / "低于…" / "达到{label}" when the gap rounds to zero.
fn gap_words(gap: Option<Decimal>, decimals: u32, unit: &str, label: &str) -> String {
    match gap {
        None => UNAVAILABLE.to_owned(),
        // signed_words with the label after its word, joined once
        Some(gap) => {
            let r = round(gap, decimals);
            if r.is_zero() {
                format!("达到{label}")
            } else if r.is_sign_negative() {
                concat(&["低于", label], r.abs(), decimals, &[unit])
            } else {
                concat(&["高于", label], r, decimals, &[unit])
            }
        }
    }
}

/// "达到{label}{range}" / "未达到{label}{range}" / "—".
fn met_words(met: Option<bool>, label: &str, range: &str) -> String {
    match met {
        Some(true) => format!("达到{label}{range}"),
        Some(false) => format!("未达到{label}{range}"),
        None => UNAVAILABLE.to_owned(),
    }
}

/// `d` rounded to at most `decimals`, without trailing zeros: 170, 23.3, 2.6.
fn as_written(d: Decimal, decimals: u32) -> String {
    let r = round(d, decimals).normalize();
    fixed(r, r.scale())
}

#[cfg(test)]
mod tests {
    use super::super::comparison::{change, evaluate_target};
    use super::super::{Qualifier, number};
    use super::*;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str_exact(text).expect("test figure")
    }

    fn series(kind: Kind, decimals: u32, current: Option<&str>, prior: Option<&str>) -> Series {
        Series {
            kind,
            decimals,
            higher_is_better: kind != Kind::Rank,
            per_mille: false,
            current: current.map(dec),
            prior: prior.map(dec),
            stated_growth: None,
            comparable_basis: false,
        }
    }

    fn stated(decimals: u32, current: &str, growth: &str) -> Series {
        Series {
            comparable_basis: true,
            stated_growth: Some(dec(growth)),
            ..series(Kind::Amount, decimals, Some(current), None)
        }
    }

    #[test]
    fn a_shared_rank_names_both_bases_once() {
        // seed 000: 直接利用外资 总量和增幅 全市第一; a count's 数量
        assert_eq!(
            phrase_shared_rank("总量", "全市", 1, ""),
            "总量和增速均居全市第1位"
        );
        assert_eq!(
            phrase_shared_rank("数量", "全省", 3, &phrase_rank_change(Some(5), 3)),
            "数量和增速均居全省第3位，均较上年前进2位"
        );
    }

    /// A price index's base is printed in brackets after it (the communiqué's key figure
    /// read 100.2上年=100).
    #[test]
    fn an_index_base_is_bracketed() {
        let d = Some(Decimal::new(1002, 1));
        assert_eq!(
            phrase_value(d, 1, "上年=100", Kind::Index),
            "100.2（上年=100）"
        );
        assert_eq!(phrase_value(d, 1, "点", Kind::Index), "100.2点");
    }

    #[test]
    fn values() {
        let rows: &[(Option<&str>, u32, &str, Kind, &str)] = &[
            (Some("36.45"), 2, "亿元", Kind::Amount, "36.45亿元"), // seed 000
            (Some("47"), 0, "家", Kind::Count, "47家"), // seed 000: 新能源汽车配套企业47家
            (Some("88"), 0, "%", Kind::Share, "88%"),   // seed 000: 比重88%
            (Some("91.74"), 2, "%", Kind::Share, "91.74%"), // seed 000: 税占比91.74%
            (Some("127"), 0, "位", Kind::Rank, "第127位"), // seed 000: 位列第127位
            (Some("4.96"), 2, "亿元", Kind::Amount, "4.96亿元"), // seed 000: 上级资金
            (Some("1.43"), 1, "亿元", Kind::Amount, "1.4亿元"), // seed 000, at 1 decimal
            (Some("128.3"), 2, "亿元", Kind::Amount, "128.30亿元"),
            (Some("-0.04"), 1, "%", Kind::Rate, "0.0%"),
            (None, 2, "亿元", Kind::Amount, "—"),
            (None, 0, "位", Kind::Rank, "—"),
        ];
        for (value, decimals, unit, kind, expected) in rows {
            let got = phrase_value(value.map(dec), *decimals, unit, *kind);
            assert_eq!(got, *expected, "{value:?} {unit}");
        }
    }

    #[test]
    fn changes_and_cells() {
        let gdp = stated(1, "128.3", "5.7"); // seed 000: GDP增幅5.7%
        let tax = stated(2, "11.4", "14"); // seed 000: 税收收入增长14%
        let tech = stated(2, "6.4", "18.8"); // seed 000: 技改投资增长18.8%
        let falling = stated(1, "97.1", "-2.9");
        let flat_stated = stated(1, "100", "0");
        let tiny = series(Kind::Amount, 2, Some("100.04"), Some("100")); // +0.04% → 持平
        let tiny_down = series(Kind::Amount, 2, Some("99.96"), Some("100")); // never 下降0.0%
        let computed = series(Kind::Count, 0, Some("114"), Some("100"));
        let zero_prior = series(Kind::Count, 0, Some("22"), Some("0"));
        let no_basis = Series {
            stated_growth: None,
            ..gdp.clone()
        };
        let share = series(Kind::Share, 0, Some("88"), Some("77")); // seed 000: 77% → 88%
        let share_down = series(Kind::Rate, 1, Some("4.5"), Some("5.0"));
        let share_flat = series(Kind::Share, 0, Some("88.4"), Some("88"));
        let per_mille = Series {
            per_mille: true,
            ..series(Kind::Rate, 1, Some("6.2"), Some("6.5"))
        };
        let national = series(Kind::Rank, 0, Some("127"), Some("212")); // seed 000
        let provincial = series(Kind::Rank, 0, Some("49"), Some("53")); // seed 000
        let slipped = series(Kind::Rank, 0, Some("5"), Some("2"));
        let held = series(Kind::Rank, 0, Some("2"), Some("2"));
        let no_prior_rank = series(Kind::Rank, 0, Some("2"), None);

        // (series, phrase_change, phrase_yoy year, phrase_yoy quarter, change_cell)
        let rows: &[(&Series, &str, &str, &str, &str)] = &[
            (&gdp, "增长5.7%", "比上年增长5.7%", "同比增长5.7%", "5.7"),
            (&tax, "增长14%", "比上年增长14%", "同比增长14%", "14"),
            (
                &tech,
                "增长18.8%",
                "比上年增长18.8%",
                "同比增长18.8%",
                "18.8",
            ),
            (
                &falling,
                "下降2.9%",
                "比上年下降2.9%",
                "同比下降2.9%",
                "-2.9",
            ),
            (&flat_stated, "持平", "与上年持平", "同比持平", "0"),
            (&tiny, "持平", "与上年持平", "同比持平", "0.0"),
            (&tiny_down, "持平", "与上年持平", "同比持平", "0.0"),
            (
                &computed,
                "增长14.0%",
                "比上年增长14.0%",
                "同比增长14.0%",
                "14.0",
            ),
            (&zero_prior, "—", "—", "—", "—"),
            (&no_basis, "—", "—", "—", "—"),
            (
                &share,
                "上升11个百分点",
                "比上年上升11个百分点",
                "同比上升11个百分点",
                "11",
            ),
            (
                &share_down,
                "下降0.5个百分点",
                "比上年下降0.5个百分点",
                "同比下降0.5个百分点",
                "-0.5",
            ),
            (&share_flat, "持平", "与上年持平", "同比持平", "0"),
            (
                &per_mille,
                "下降0.3个千分点",
                "比上年下降0.3个千分点",
                "同比下降0.3个千分点",
                "-0.3",
            ),
            (
                &national,
                "前进85位",
                "较上年前进85位",
                "较上年同期前进85位",
                "前进85",
            ),
            (
                &provincial,
                "前进4位",
                "较上年前进4位",
                "较上年同期前进4位",
                "前进4",
            ),
            (
                &slipped,
                "后退3位",
                "较上年后退3位",
                "较上年同期后退3位",
                "后退3",
            ),
            (&held, "位次持平", "与上年持平", "与上年同期持平", "持平"),
            (&no_prior_rank, "—", "—", "—", "—"),
        ];
        for (s, words, year, quarter, cell) in rows {
            let c = change(s);
            assert_eq!(phrase_change(s, &c), *words, "phrase_change {s:?}");
            assert_eq!(phrase_yoy(s, &c, true), *year, "phrase_yoy year {s:?}");
            assert_eq!(
                phrase_yoy(s, &c, false),
                *quarter,
                "phrase_yoy quarter {s:?}"
            );
            assert_eq!(change_cell(s, &c), *cell, "change_cell {s:?}");
        }
    }

    #[test]
    fn lower_is_better_still_says_what_the_sign_says() {
        let mut s = series(Kind::Amount, 1, Some("97.1"), Some("100"));
        s.higher_is_better = false;
        assert_eq!(phrase_change(&s, &change(&s)), "下降2.9%");
    }

    #[test]
    fn ranks() {
        assert_eq!(phrase_rank("全市", 2), "居全市第2位"); // seed 000: GDP增幅全市第二
        assert_eq!(phrase_rank("全省", 49), "居全省第49位"); // seed 000: 居全省第49位
        assert_eq!(phrase_rank("", 127), "居第127位");
        let rows: &[(Option<u32>, u32, &str)] = &[
            (Some(212), 127, "较上年前进85位"), // seed 000: 国家级开发区考核
            (Some(53), 49, "较上年前进4位"),    // seed 000: 省考
            (Some(2), 5, "较上年后退3位"),
            (Some(2), 2, "与上年持平"),
            (None, 2, ""),
        ];
        for (prior, current, expected) in rows {
            assert_eq!(
                phrase_rank_change(*prior, *current),
                *expected,
                "{prior:?} → {current}"
            );
        }
    }

    #[test]
    fn targets() {
        let level = |v: &str, q| Target::Level {
            value: dec(v),
            qualifier: q,
        };
        let growth = |r: &str, q| Target::Growth {
            rate: dec(r),
            qualifier: q,
        };
        let range = Target::Range {
            low: dec("2"),
            high: dec("3"),
        };
        let at_least = Some(Qualifier::AtLeast);

        let key_projects = series(Kind::Amount, 2, Some("36.45"), Some("30.12")); // seed 000
        let new_projects = series(Kind::Count, 0, Some("33"), None); // seed 000: 33个, 任务30
        let output_met = series(Kind::Amount, 1, Some("172.5"), None); // seed 001: 170亿元以上
        let output_short = series(Kind::Amount, 1, Some("165.2"), None);
        let added_value = stated(1, "60", "11.2"); // seed 001: 增长10%以上, actual 11.2
        let added_short = stated(1, "60", "9.6");
        let on_target = stated(0, "60", "10");
        let manufacturing = series(Kind::Share, 1, Some("21.2"), None); // seed 001: 比重20%
        let manufacturing_short = series(Kind::Share, 1, Some("19.5"), None);
        let manufacturing_exact = series(Kind::Share, 0, Some("20"), None);
        let listings = series(Kind::Count, 0, Some("2"), None); // seed 001: 2家挂牌, as 2—3家
        let listings_short = series(Kind::Count, 0, Some("1"), None);
        let rank = series(Kind::Rank, 0, Some("127"), Some("212"));
        let missing = series(Kind::Amount, 1, None, None);
        let no_growth = series(Kind::Amount, 1, Some("128.3"), None);
        let zero_plan = series(Kind::Amount, 1, Some("5"), None);

        // (series, target, label, phrase_target(.., "家"), phrase_met)
        let rows: &[(&Series, Target, &str, &str, &str)] = &[
            (
                &key_projects,
                level("23.3", None),
                "年度计划",
                "完成年度计划的156.4%",
                "已完成",
            ),
            (
                &new_projects,
                level("30", None),
                "年度计划",
                "完成年度计划的110.0%",
                "已完成",
            ),
            (
                &output_met,
                level("170", at_least),
                "年度目标",
                "完成年度目标的101.5%",
                "已完成",
            ),
            (
                &output_short,
                level("170", at_least),
                "年度目标",
                "完成年度目标的97.2%",
                "未完成",
            ),
            (
                &added_value,
                growth("10", at_least),
                "年度目标",
                "高于年度目标1.2个百分点",
                "已完成",
            ),
            (
                &added_short,
                growth("10", at_least),
                "年度目标",
                "低于年度目标0.4个百分点",
                "未完成",
            ),
            (
                &on_target,
                growth("10", at_least),
                "年度目标",
                "达到年度目标",
                "已完成",
            ),
            (
                &manufacturing,
                level("20", None),
                "年度目标",
                "高于年度目标1.2个百分点",
                "已完成",
            ),
            (
                &manufacturing_short,
                level("20", None),
                "年度目标",
                "低于年度目标0.5个百分点",
                "未完成",
            ),
            (
                &manufacturing_exact,
                level("20", None),
                "年度目标",
                "达到年度目标",
                "已完成",
            ),
            (
                &listings,
                range.clone(),
                "年度目标",
                "达到年度目标区间（2—3家）",
                "已完成",
            ),
            (
                &listings_short,
                range.clone(),
                "年度目标",
                "未达到年度目标（2—3家）",
                "未完成",
            ),
            (
                &rank,
                level("130", None),
                "年度目标",
                "达到年度目标",
                "已完成",
            ),
            (&missing, level("170", at_least), "年度目标", "—", "—"),
            (&missing, range.clone(), "年度目标", "—", "—"),
            (&no_growth, growth("10", at_least), "年度目标", "—", "—"),
            (&zero_plan, level("0", None), "年度计划", "—", "已完成"),
        ];
        for (s, t, label, words, met) in rows {
            let o = evaluate_target(s, t);
            assert_eq!(phrase_target(s, t, &o, label, "家"), *words, "{s:?} {t:?}");
            assert_eq!(phrase_met(&o), *met, "phrase_met {s:?} {t:?}");
        }
        // without a unit, a range is only met or not
        let o = evaluate_target(&listings, &range);
        assert_eq!(
            phrase_target(&listings, &range, &o, "年度目标", ""),
            "达到年度目标区间"
        );
        let t = level("23.3", None);
        let o = evaluate_target(&key_projects, &t);
        assert_eq!(
            phrase_target(&key_projects, &t, &o, "年度计划", ""),
            "完成年度计划的156.4%"
        );
    }

    #[test]
    fn target_specs() {
        let level = |v: &str, q| Target::Level {
            value: dec(v),
            qualifier: q,
        };
        let growth = |r: &str, q| Target::Growth {
            rate: dec(r),
            qualifier: q,
        };
        let rows: &[(Target, &str, u32, &str)] = &[
            (
                level("170", Some(Qualifier::AtLeast)),
                "亿元",
                1,
                "170亿元以上",
            ), // seed 001
            (
                growth("10", Some(Qualifier::AtLeast)),
                "%",
                1,
                "增长10%以上",
            ), // seed 001
            (
                Target::Range {
                    low: dec("2"),
                    high: dec("3"),
                },
                "家",
                0,
                "2—3家",
            ),
            (level("20", Some(Qualifier::About)), "%", 1, "20%左右"),
            (level("3", Some(Qualifier::About)), "家", 0, "3家左右"), // seed 001: 三首 3家左右
            (level("20", None), "%", 1, "20%"), // seed 001: 制造业增加值占GDP比重达到20%
            (level("1", Some(Qualifier::AtMost)), "%", 1, "1%以内"), // seed 001: 担保费率
            (level("23.30", None), "亿元", 2, "23.3亿元"), // seed 000: plan 23.3
            (level("2.6", None), "%", 1, "2.6%"), // seed 001: 研发经费占比突破2.6%
            (growth("-5", Some(Qualifier::AtLeast)), "%", 1, "下降5%以上"),
            (growth("12.5", None), "%", 1, "增长12.5%"),
        ];
        for (t, unit, decimals, expected) in rows {
            assert_eq!(phrase_target_spec(t, unit, *decimals), *expected, "{t:?}");
        }
    }

    #[test]
    fn shares_and_lists() {
        // seed 000: 主导产业产值占规上工业总产值比重达88%
        let share = number::decimal_from_f64(88.0);
        assert_eq!(
            phrase_share("规上工业总产值", share, 1),
            "占规上工业总产值的比重为88.0%"
        );
        assert_eq!(phrase_share("", share, 0), "占比为88%");
        assert_eq!(phrase_share("规上工业总产值", None, 1), "—");

        let list = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        // seed 000: 税收收入增长14%, 经营收入增长9%, GDP 5.7%
        assert_eq!(
            phrase_respectively(&list(&["14%", "9%", "5.7%"])),
            "14%、9%和5.7%"
        );
        // seed 000: 新增71家、22家、35家、21家
        assert_eq!(
            phrase_respectively(&list(&["71家", "22家", "35家", "21家"])),
            "71家、22家、35家和21家"
        );
        assert_eq!(phrase_respectively(&list(&["50亿", "百亿"])), "50亿和百亿");
        assert_eq!(phrase_respectively(&list(&["14%"])), "14%");
        assert_eq!(phrase_respectively(&[]), "");
    }
}

/// "完成三年目标的25.0%，时序进度33.3%，慢于时序进度8.3个百分点" ("快于…", "与时序进度持平");
/// `years` is the span's length (两年, 三年, 五年目标).
pub(crate) fn phrase_progress(p: &super::comparison::Progress, years: i32) -> String {
    let span = match years {
        2 => "两年".to_owned(),
        n @ 1..=10 => format!(
            "{}年",
            [
                "", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"
            ][n as usize]
        ),
        n => format!("{n}年"),
    };
    let Some(achieved) = p.achieved else {
        return UNAVAILABLE.to_owned();
    };
    let gap = super::number::round(achieved, 1) - super::number::round(p.elapsed, 1);
    let pace = if gap.is_zero() {
        "与时序进度持平".to_owned()
    } else if gap.is_sign_positive() {
        format!("快于时序进度{}个百分点", fixed(gap, 1))
    } else {
        format!("慢于时序进度{}个百分点", fixed(gap.abs(), 1))
    };
    format!(
        "完成{span}目标的{}%，时序进度{}%，{pace}",
        fixed(achieved, 1),
        fixed(p.elapsed, 1)
    )
}

#[cfg(test)]
mod progress_phrase_tests {
    use super::*;
    use crate::compute::comparison::cumulative_progress;

    #[test]
    fn phrases_progress_against_time() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // seed 004: 100 new firms in 2024—2026; 25 after the first year
        assert_eq!(
            phrase_progress(&cumulative_progress(d("25"), d("100"), 12, 36), 3),
            "完成三年目标的25.0%，时序进度33.3%，慢于时序进度8.3个百分点"
        );
        // 40 after the first year: ahead
        assert_eq!(
            phrase_progress(&cumulative_progress(d("40"), d("100"), 12, 36), 3),
            "完成三年目标的40.0%，时序进度33.3%，快于时序进度6.7个百分点"
        );
        assert_eq!(
            phrase_progress(&cumulative_progress(d("50"), d("100"), 12, 24), 2),
            "完成两年目标的50.0%，时序进度50.0%，与时序进度持平"
        );
    }
}
