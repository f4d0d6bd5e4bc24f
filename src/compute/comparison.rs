//! `comparison` owns the arithmetic of a bulletin: growth rate, change in percentage
//! points, completion of a target, rank change, share of a total and sum of sub-units,
//! and the judgement whether a target is met. Results are exact and unrounded (in percent
//! where it says so), except that a target is judged on the figures as printed — rounded
//! half-up to the indicator's decimals — so the verdict agrees with what the reader sees
//! (`evaluate_target`); the wording belongs to `phrase`. Anything that
//! cannot be worked out — a zero or missing base — is `None` or `Change::Unavailable`,
//! never a NaN, an infinity or a panic.

use rust_decimal::prelude::ToPrimitive;

use super::{Decimal, Kind, Qualifier, Target, number};

/// Growth rate in percent, `(current − prior) / prior × 100`, unrounded.
///
/// `None` when the prior value is zero (division by zero prints "—") and also when it is
/// negative: a growth rate on a negative base (a loss that shrinks) has the wrong sign and
/// no meaning, so statistics offices print "—" or 减亏 instead.
pub(crate) fn growth_rate(current: Decimal, prior: Decimal) -> Option<Decimal> {
    if prior <= Decimal::ZERO {
        return None;
    }
    current
        .checked_sub(prior)?
        .checked_div(prior)?
        .checked_mul(Decimal::ONE_HUNDRED)
}

/// Change of a rate or share, `current − prior`, in 百分点 (or 千分点 for ‰).
pub(crate) fn points(current: Decimal, prior: Decimal) -> Option<Decimal> {
    current.checked_sub(prior)
}

/// Completion of a level target in percent, `value / target × 100`, unrounded;
/// `None` when the target is zero.
pub(crate) fn completion(value: Decimal, target: Decimal) -> Option<Decimal> {
    value.checked_div(target)?.checked_mul(Decimal::ONE_HUNDRED)
}

/// Places moved between two positions; positive is forward (a smaller number is better):
/// seed 000, 212 → 127 is +85.
pub(crate) fn rank_change(prior_position: u32, current_position: u32) -> i64 {
    i64::from(prior_position) - i64::from(current_position)
}

/// Share of a total in percent, `part / total × 100`, unrounded; `None` on a zero total.
pub(crate) fn share(part: Decimal, total: Decimal) -> Option<Decimal> {
    part.checked_div(total)?.checked_mul(Decimal::ONE_HUNDRED)
}

#[cfg_attr(
    not(test),
    expect(
        dead_code,
        reason = "sub-unit sums arrive with the official-document issue (#4)"
    )
)]
/// Sum of sub-units' values (seed 004: 巢湖市800 + 安巢经开区200 = 1000亿元); `None` when
/// the parts are empty or the sum overflows.
pub(crate) fn sum(parts: &[Decimal]) -> Option<Decimal> {
    let (first, rest) = parts.split_first()?;
    rest.iter()
        .try_fold(*first, |acc, part| acc.checked_add(*part))
}

/// The change of one indicator from the same period one year earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// Growth rate in %, unrounded (amounts, counts, indices).
    Growth(Decimal),
    /// Difference in percentage points (‰ indicators: per-mille points), unrounded.
    Points(Decimal),
    /// Places moved, positive forward (ranks).
    Places(i64),
    /// Not computable: a value is missing, the base is zero, or the basis forbids it.
    Unavailable,
}

/// One indicator at one period, with its value one year earlier.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Series {
    pub kind: Kind,
    /// Digits after the point when the indicator is printed.
    pub decimals: u32,
    pub higher_is_better: bool,
    /// The unit is ‰, so changes are in 千分点.
    pub per_mille: bool,
    pub current: Option<Decimal>,
    pub prior: Option<Decimal>,
    /// A growth rate in % given with the value (按可比价格计算); it wins over the computed
    /// one, and its scale as written decides the decimals it is printed with.
    pub stated_growth: Option<Decimal>,
    /// Growth is at comparable prices, so `(v − v₀) / v₀` of current-price levels is not
    /// the growth: only a stated growth may be used (ARCHITECTURE.md, "Decisions").
    pub comparable_basis: bool,
}

/// The change of `s` year over year, by its kind: ranks in places, rates and shares in
/// points, everything else as a growth rate (stated first, computed when the basis allows).
pub(crate) fn change(s: &Series) -> Change {
    match s.kind {
        Kind::Rank => match (s.prior.and_then(position), s.current.and_then(position)) {
            (Some(prior), Some(current)) => Change::Places(rank_change(prior, current)),
            _ => Change::Unavailable,
        },
        // the difference of the two figures as printed: 49.5% beside 49.5% is 持平, never
        // 上升0.1个百分点 from hidden digits (49.54 − 49.46)
        kind if kind.changes_in_points() => match (s.current, s.prior) {
            (Some(current), Some(prior)) => points(
                number::round(current, s.decimals),
                number::round(prior, s.decimals),
            )
            .map_or(Change::Unavailable, Change::Points),
            _ => Change::Unavailable,
        },
        Kind::Amount | Kind::Count | Kind::Index | Kind::Rate | Kind::Share => {
            if let Some(stated) = s.stated_growth {
                return Change::Growth(stated);
            }
            if s.comparable_basis {
                return Change::Unavailable;
            }
            match (s.current, s.prior) {
                (Some(current), Some(prior)) => {
                    growth_rate(current, prior).map_or(Change::Unavailable, Change::Growth)
                }
                _ => Change::Unavailable,
            }
        }
    }
}

/// A rank position held as a decimal figure, when it is a whole number that fits a u32.
pub(crate) fn position(d: Decimal) -> Option<u32> {
    if d.fract().is_zero() {
        d.to_u32()
    } else {
        None
    }
}

/// The decimals a growth rate of `s` is printed and judged with: one (half-up), or fewer
/// when the stated growth was written with fewer (seed 000: "14" → 0, "5.7" → 1; a stated
/// 7.25 prints 7.3).
pub(crate) fn growth_decimals(s: &Series) -> u32 {
    s.stated_growth.map_or(1, |g| g.scale().min(1))
}

/// The growth of `s` as printed: rounded half-up to [`growth_decimals`].
pub(crate) fn printed_growth(s: &Series) -> Option<Decimal> {
    match change(s) {
        Change::Growth(g) => Some(number::round(g, growth_decimals(s))),
        _ => None,
    }
}

/// How an indicator did against a target, worked out from the figures as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct TargetOutcome {
    /// Completion of a level target in %, `printed value / printed target × 100`,
    /// unrounded; amounts, counts and indices only.
    pub completion: Option<Decimal>,
    /// Printed actual minus target in percentage points: for growth targets, and for
    /// level targets on rates and shares.
    pub gap_points: Option<Decimal>,
    /// Printed actual minus printed target in the indicator's unit (levels and ranges:
    /// for a range, the distance to the nearer bound; zero inside it).
    pub gap: Option<Decimal>,
    /// Where the printed figure stands against the target: below, at (inside a range)
    /// or above it.
    pub versus: Option<std::cmp::Ordering>,
    pub met: Option<bool>,
}

/// Judges `s` against `target` — the one place a verdict is decided: every table, inline
/// phrase, key figure and unit page calls it. The actual figure is taken as printed
/// (rounded half-up to `decimals`; a growth rate to [`growth_decimals`]) and a level
/// target as printed at the same decimals, so a reader never sees 35.5% 未完成 against
/// 35.5%以上. A level on an amount gives its completion; a level on a rate or share and a
/// growth target give the gap in points (never "106% of the target", ARCHITECTURE.md, "Decisions"); a rank
/// level and a range are only met or not. Missing data gives all `None`.
pub(crate) fn evaluate_target(s: &Series, target: &Target) -> TargetOutcome {
    let none = TargetOutcome::default();
    match *target {
        Target::Level { value, qualifier } => {
            let Some(current) = s.current else {
                return none;
            };
            let actual = number::round(current, s.decimals);
            let goal = number::round(value, s.decimals);
            let gap = actual.checked_sub(goal);
            let met = match s.kind {
                // A rank target is a position to reach or beat (进入前10位): a smaller
                // position is always better; 突破 asks for strictly better.
                Kind::Rank if qualifier == Some(Qualifier::Exceeds) => actual < goal,
                Kind::Rank => actual <= goal,
                _ => meets(
                    actual,
                    goal,
                    qualifier,
                    s.higher_is_better,
                    five_percent(goal),
                ),
            };
            TargetOutcome {
                completion: match s.kind {
                    Kind::Amount | Kind::Count | Kind::Index => completion(actual, goal),
                    _ => None,
                },
                gap_points: if s.kind.changes_in_points() {
                    gap
                } else {
                    None
                },
                gap,
                versus: Some(actual.cmp(&goal)),
                met: Some(met),
            }
        }
        Target::Growth { rate, qualifier } => {
            let Some(printed) = printed_growth(s) else {
                return none;
            };
            TargetOutcome {
                gap_points: printed.checked_sub(rate),
                versus: Some(printed.cmp(&rate)),
                met: Some(meets(
                    printed,
                    rate,
                    qualifier,
                    s.higher_is_better,
                    half_point(),
                )),
                ..none
            }
        }
        Target::Range { low, high } => {
            let Some(current) = s.current else {
                return none;
            };
            let actual = number::round(current, s.decimals);
            let (low, high) = (
                number::round(low, s.decimals),
                number::round(high, s.decimals),
            );
            let versus = if actual < low {
                std::cmp::Ordering::Less
            } else if actual > high {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            };
            let gap = match versus {
                std::cmp::Ordering::Less => actual.checked_sub(low),
                std::cmp::Ordering::Greater => actual.checked_sub(high),
                std::cmp::Ordering::Equal => Some(Decimal::ZERO),
            };
            // Inside is met; beyond the bound on the better side is 超额完成, met too.
            let met = match versus {
                std::cmp::Ordering::Equal => true,
                std::cmp::Ordering::Greater => s.higher_is_better,
                std::cmp::Ordering::Less => !s.higher_is_better,
            };
            TargetOutcome {
                gap,
                versus: Some(versus),
                met: Some(met),
                ..none
            }
        }
    }
}

/// Whether the target is a ceiling: 以内, or a bare or 左右 figure on a lower-is-better
/// indicator (a plan that caps energy use, 居民消费价格涨幅3%左右). A ceiling is phrased 控制在目标以内 / 超出目标…, never as
/// a completion percentage.
pub(crate) fn is_ceiling(target: &Target, higher_is_better: bool) -> bool {
    match *target {
        Target::Level { qualifier, .. } | Target::Growth { qualifier, .. } => {
            qualifier == Some(Qualifier::AtMost)
                || (!higher_is_better && matches!(qualifier, None | Some(Qualifier::About)))
        }
        Target::Range { .. } => false,
    }
}

/// Whether `actual` meets `target` under `qualifier` (both as printed): 以上 is a floor,
/// 以内 a ceiling and 突破 a threshold to pass strictly, whatever the indicator's
/// direction; a bare plan figure is reached in the indicator's better direction; 左右 is
/// met within `tolerance` of the target or on its better side.
fn meets(
    actual: Decimal,
    target: Decimal,
    qualifier: Option<Qualifier>,
    higher_is_better: bool,
    tolerance: Decimal,
) -> bool {
    match qualifier {
        Some(Qualifier::AtLeast) => actual >= target,
        Some(Qualifier::AtMost) => actual <= target,
        Some(Qualifier::Exceeds) => actual > target,
        None if higher_is_better => actual >= target,
        None => actual <= target,
        Some(Qualifier::About) if higher_is_better => actual >= target - tolerance,
        Some(Qualifier::About) => actual <= target + tolerance,
    }
}

/// 左右 on a level: within 5% of the target (README, "Targets").
fn five_percent(target: Decimal) -> Decimal {
    target.abs() * Decimal::new(5, 2)
}

/// 左右 on a growth rate: within half a percentage point.
fn half_point() -> Decimal {
    Decimal::new(5, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str_exact(text).expect("test figure")
    }

    /// Points are the difference of the printed figures (decimals 1): 49.54 and 49.46
    /// both print 49.5, so the change is 0 (持平), not 0.08 (上升0.1个百分点); 53.41 and
    /// 52.36 print 53.4 and 52.4: 1.0.
    #[test]
    fn points_are_the_difference_of_the_printed_figures() {
        let s = series(Kind::Share, Some("49.54"), Some("49.46"));
        assert_eq!(change(&s), Change::Points(dec("0.0")));
        let s = series(Kind::Share, Some("53.41"), Some("52.36"));
        assert_eq!(change(&s), Change::Points(dec("1.0")));
        assert_eq!(
            super::super::phrase::phrase_change(
                &series(Kind::Rate, Some("5.25"), Some("5.14")),
                &change(&series(Kind::Rate, Some("5.25"), Some("5.14")))
            ),
            "上升0.2个百分点"
        );
    }

    fn series(kind: Kind, current: Option<&str>, prior: Option<&str>) -> Series {
        Series {
            kind,
            decimals: 1,
            higher_is_better: kind != Kind::Rank,
            per_mille: false,
            current: current.map(dec),
            prior: prior.map(dec),
            stated_growth: None,
            comparable_basis: false,
        }
    }

    fn rounded(d: Option<Decimal>, decimals: u32) -> Option<String> {
        d.map(|d| number::fixed(d, decimals))
    }

    #[test]
    fn growth_rate_rows() {
        let rows: &[(&str, &str, Option<&str>)] = &[
            ("128.3", "121.4", Some("5.7")), // seed 000: GDP 5.7% (as if at current prices)
            ("114", "100", Some("14.0")),    // seed 000: 税收收入增长14%
            ("97.1", "100", Some("-2.9")),   // a decline: 下降2.9%
            ("100.04", "100", Some("0.0")),  // rounds to zero: 持平
            ("36.45", "0", None),            // zero prior: "—"
            ("5", "-10", None),              // negative prior: meaningless
            ("-50", "100", Some("-150.0")),
        ];
        for (current, prior, expected) in rows {
            let got = rounded(growth_rate(dec(current), dec(prior)), 1);
            assert_eq!(got.as_deref(), *expected, "growth_rate({current}, {prior})");
        }
    }

    #[test]
    fn completion_share_points_rows() {
        // seed 000: 重点项目完成投资36.45亿元, 完成年度计划的156.4% (plan 23.3)
        assert_eq!(
            rounded(completion(dec("36.45"), dec("23.3")), 1).as_deref(),
            Some("156.4")
        );
        // seed 000: 新引进亿元以上项目33个, 完成任务的110%
        assert_eq!(
            rounded(completion(dec("33"), dec("30")), 1).as_deref(),
            Some("110.0")
        );
        assert_eq!(completion(dec("33"), Decimal::ZERO), None);
        // seed 004: 巢湖市800 of 1000亿元 is 80.0%
        assert_eq!(
            rounded(share(dec("800"), dec("1000")), 1).as_deref(),
            Some("80.0")
        );
        assert_eq!(share(dec("800"), Decimal::ZERO), None);
        // seed 000: 主导产业产值比重 77% → 88%, 上升11个百分点
        assert_eq!(points(dec("88"), dec("77")), Some(dec("11")));
    }

    #[test]
    fn rank_change_rows() {
        let rows: &[(u32, u32, i64)] = &[
            (212, 127, 85), // seed 000: 国家级开发区考核 前进85位
            (53, 49, 4),    // seed 000: 省考 提升4位、居全省第49位
            (2, 5, -3),
            (7, 7, 0),
        ];
        for (prior, current, expected) in rows {
            assert_eq!(
                rank_change(*prior, *current),
                *expected,
                "{prior} → {current}"
            );
        }
    }

    #[test]
    fn sum_of_sub_units() {
        // seed 004: 规上工业总产值1000亿元 = 巢湖市800 + 安巢经开区200
        assert_eq!(sum(&[dec("800"), dec("200")]), Some(dec("1000")));
        // seed 004: 高新技术企业100家 = 60 + 40
        assert_eq!(sum(&[dec("60"), dec("40")]), Some(dec("100")));
        assert_eq!(sum(&[]), None);
    }

    #[test]
    fn change_by_kind() {
        let mut gdp = series(Kind::Amount, Some("128.3"), Some("120.0"));
        gdp.comparable_basis = true;
        // comparable basis without a stated growth: not computable
        assert_eq!(change(&gdp), Change::Unavailable);
        // seed 000: GDP stated growth 5.7 wins
        gdp.stated_growth = Some(dec("5.7"));
        assert_eq!(change(&gdp), Change::Growth(dec("5.7")));

        let tax = series(Kind::Amount, Some("11.4"), Some("10"));
        assert_eq!(change(&tax), Change::Growth(dec("14")));
        let zero_prior = series(Kind::Count, Some("22"), Some("0"));
        assert_eq!(change(&zero_prior), Change::Unavailable);
        let missing = series(Kind::Count, Some("47"), None);
        assert_eq!(change(&missing), Change::Unavailable);
        let index = series(Kind::Index, Some("102.3"), Some("100"));
        assert_eq!(change(&index), Change::Growth(dec("2.3")));

        // seed 000: share 77 → 88
        let share = series(Kind::Share, Some("88"), Some("77"));
        assert_eq!(change(&share), Change::Points(dec("11")));
        let mut rate_stated = series(Kind::Rate, Some("5.2"), Some("5.0"));
        rate_stated.stated_growth = Some(dec("4"));
        assert_eq!(change(&rate_stated), Change::Points(dec("0.2")));

        // seed 000: national 212 → 127
        let rank = series(Kind::Rank, Some("127"), Some("212"));
        assert_eq!(change(&rank), Change::Places(85));
        let half_rank = series(Kind::Rank, Some("12.5"), Some("13"));
        assert_eq!(change(&half_rank), Change::Unavailable);
        let negative_rank = series(Kind::Rank, Some("-1"), Some("13"));
        assert_eq!(change(&negative_rank), Change::Unavailable);
    }

    #[test]
    fn level_targets_on_amounts() {
        let lvl = |value: &str, qualifier| Target::Level {
            value: dec(value),
            qualifier,
        };
        /// (current, target, qualifier, higher_is_better, completion 1 dp, met)
        type Row = (
            &'static str,
            &'static str,
            Option<Qualifier>,
            bool,
            &'static str,
            bool,
        );
        let rows: &[Row] = &[
            // seed 000: 36.45 vs plan 23.3
            ("36.45", "23.3", None, true, "156.4", true),
            // seed 000: 33 projects vs task 30
            ("33", "30", None, true, "110.0", true),
            // seed 001: 规上工业总产值170亿元以上, met and not met
            (
                "172.5",
                "170",
                Some(Qualifier::AtLeast),
                true,
                "101.5",
                true,
            ),
            ("170", "170", Some(Qualifier::AtLeast), true, "100.0", true),
            (
                "165.2",
                "170",
                Some(Qualifier::AtLeast),
                true,
                "97.2",
                false,
            ),
            // seed 001: 省级“三首”产品企业3家左右 — 左右 is within 5%
            ("3", "3", Some(Qualifier::About), true, "100.0", true),
            // seed 001: 新增就业岗位1500个左右: 1430 is within 5% (1425), 1420 is not
            ("1430", "1500", Some(Qualifier::About), true, "95.3", true),
            ("1420", "1500", Some(Qualifier::About), true, "94.7", false),
            ("1600", "1500", Some(Qualifier::About), true, "106.7", true),
            // a ceiling (以内) and a lower-is-better plan figure
            ("95", "100", Some(Qualifier::AtMost), true, "95.0", true),
            ("101", "100", Some(Qualifier::AtMost), true, "101.0", false),
            ("95", "100", None, false, "95.0", true),
            ("104", "100", Some(Qualifier::About), false, "104.0", true),
            ("106", "100", Some(Qualifier::About), false, "106.0", false),
        ];
        for (current, value, qualifier, higher_is_better, completion, met) in rows {
            let mut s = series(Kind::Amount, Some(current), None);
            s.higher_is_better = *higher_is_better;
            s.decimals = 2; // seed 000 prints 36.45亿元
            let o = evaluate_target(&s, &lvl(value, *qualifier));
            assert_eq!(
                rounded(o.completion, 1).as_deref(),
                Some(*completion),
                "{current}/{value}"
            );
            assert_eq!(o.met, Some(*met), "{current} vs {value} {qualifier:?}");
            assert_eq!(o.gap_points, None);
        }
        let zero = evaluate_target(&series(Kind::Count, Some("3"), None), &lvl("0", None));
        assert_eq!((zero.completion, zero.met), (None, Some(true)));
    }

    #[test]
    fn level_targets_on_rates_and_ranks() {
        // seed 001: 制造业增加值占GDP比重达到20% — a share level, compared in points
        let target = Target::Level {
            value: dec("20"),
            qualifier: None,
        };
        let o = evaluate_target(&series(Kind::Share, Some("21.2"), None), &target);
        assert_eq!(
            (o.completion, o.gap_points, o.met),
            (None, Some(dec("1.2")), Some(true))
        );
        let o = evaluate_target(&series(Kind::Share, Some("18.6"), None), &target);
        assert_eq!(
            (o.completion, o.gap_points, o.met),
            (None, Some(dec("-1.4")), Some(false))
        );
        // seed 001: 担保费率控制在1%以下 — a ceiling on a lower-is-better rate
        let ceiling = Target::Level {
            value: dec("1"),
            qualifier: Some(Qualifier::AtMost),
        };
        let mut fee = series(Kind::Rate, Some("0.8"), None);
        fee.higher_is_better = false;
        let o = evaluate_target(&fee, &ceiling);
        assert_eq!((o.gap_points, o.met), (Some(dec("-0.2")), Some(true)));
        // a rank level: reach 130th or better (seed 000: 127th)
        let rank_target = Target::Level {
            value: dec("130"),
            qualifier: None,
        };
        let o = evaluate_target(&series(Kind::Rank, Some("127"), Some("212")), &rank_target);
        assert_eq!(
            (o.completion, o.gap_points, o.met),
            (None, None, Some(true))
        );
        let o = evaluate_target(&series(Kind::Rank, Some("131"), None), &rank_target);
        assert_eq!(o.met, Some(false));
    }

    #[test]
    fn growth_targets() {
        let growth = |rate: &str, qualifier| Target::Growth {
            rate: dec(rate),
            qualifier,
        };
        // (stated growth, target rate, qualifier, gap 1 dp, met)
        let rows: &[(&str, &str, Option<Qualifier>, &str, bool)] = &[
            // seed 001: 规上工业增加值增长10%以上, actual 11.2
            ("11.2", "10", Some(Qualifier::AtLeast), "1.2", true),
            ("9.6", "10", Some(Qualifier::AtLeast), "-0.4", false),
            // seed 001: 研发投入增长25%以上, printed at the stated 0 decimals
            ("25", "25", Some(Qualifier::AtLeast), "0.0", true),
            ("9.7", "10", Some(Qualifier::About), "-0.3", true),
            ("9.4", "10", Some(Qualifier::About), "-0.6", false),
            ("3.0", "5", Some(Qualifier::AtMost), "-2.0", true),
            ("-2.9", "0", None, "-2.9", false),
        ];
        for (stated, rate, qualifier, gap, met) in rows {
            let mut s = series(Kind::Amount, Some("100"), Some("90"));
            s.comparable_basis = true;
            s.stated_growth = Some(dec(stated));
            let o = evaluate_target(&s, &growth(rate, *qualifier));
            assert_eq!(
                rounded(o.gap_points, 1).as_deref(),
                Some(*gap),
                "{stated} vs {rate}"
            );
            assert_eq!(o.met, Some(*met), "{stated} vs {rate} {qualifier:?}");
            assert_eq!(o.completion, None);
        }
        // computed 9.96% prints as 10.0%, so it meets 10%以上
        let s = series(Kind::Amount, Some("109.96"), Some("100"));
        assert_eq!(
            evaluate_target(&s, &growth("10", Some(Qualifier::AtLeast))).met,
            Some(true)
        );
        // no growth (comparable basis, nothing stated) or a share: nothing to judge
        let mut s = series(Kind::Amount, Some("128.3"), Some("120"));
        s.comparable_basis = true;
        assert_eq!(
            evaluate_target(&s, &growth("10", None)),
            TargetOutcome::default()
        );
        let s = series(Kind::Share, Some("88"), Some("77"));
        assert_eq!(
            evaluate_target(&s, &growth("10", None)),
            TargetOutcome::default()
        );
    }

    #[test]
    fn range_targets_and_missing_data() {
        // seed 001: 完成2家企业在省股权交易中心挂牌 — as a range 2—3家
        let range = Target::Range {
            low: dec("2"),
            high: dec("3"),
        };
        // below is not met; inside is; above is 超额完成 (met) when higher is better and
        // over the range (not met) when higher is worse
        use std::cmp::Ordering::{Equal, Greater, Less};
        let rows: &[(&str, bool, std::cmp::Ordering, bool)] = &[
            ("1", true, Less, false),
            ("2", true, Equal, true),
            ("3", true, Equal, true),
            ("4", true, Greater, true),
            ("4", false, Greater, false),
            ("1", false, Less, true),
        ];
        for (current, higher_is_better, versus, met) in rows {
            let mut s = series(Kind::Count, Some(current), None);
            s.higher_is_better = *higher_is_better;
            let o = evaluate_target(&s, &range);
            assert_eq!((o.versus, o.met), (Some(*versus), Some(*met)), "{current}");
            assert_eq!((o.completion, o.gap_points), (None, None));
        }
        let missing = series(Kind::Count, None, Some("2"));
        assert_eq!(evaluate_target(&missing, &range), TargetOutcome::default());
        let level = Target::Level {
            value: dec("170"),
            qualifier: Some(Qualifier::AtLeast),
        };
        assert_eq!(evaluate_target(&missing, &level), TargetOutcome::default());
    }
}

/// Progress against a cumulative multi-year target (seed 004: 2024—2026, 100 new firms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Progress {
    /// Share of the target reached so far, in %, unrounded.
    pub achieved: Option<Decimal>,
    /// Share of the span's time elapsed by the end of the reporting period (时序进度), in %.
    pub elapsed: Decimal,
}

/// `done` against `target`, `elapsed_months` of `total_months` gone.
pub(crate) fn cumulative_progress(
    done: Decimal,
    target: Decimal,
    elapsed_months: i64,
    total_months: i64,
) -> Progress {
    let elapsed = Decimal::from(elapsed_months.clamp(0, total_months.max(1)))
        .checked_div(Decimal::from(total_months.max(1)))
        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
        .unwrap_or(Decimal::ZERO);
    Progress {
        achieved: completion(done, target),
        elapsed,
    }
}

#[cfg(test)]
mod progress_tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn three_year_target_after_one_year() {
        // seed 004: 新增规上工业企业 100 in 2024—2026; say 25 in 2024 → 25.0% done, 12 of 36
        // months gone → 33.3% of the time
        let p = cumulative_progress(dec("25"), dec("100"), 12, 36);
        assert_eq!(
            p.achieved
                .map(|a| crate::compute::number::fixed(a, 1))
                .as_deref(),
            Some("25.0")
        );
        assert_eq!(crate::compute::number::fixed(p.elapsed, 1), "33.3");
        // seed 004: 规上工业总产值 1000亿元 by 2026; 巢湖市 800 of it
        let p = cumulative_progress(dec("800"), dec("1000"), 24, 36);
        assert_eq!(
            p.achieved
                .map(|a| crate::compute::number::fixed(a, 1))
                .as_deref(),
            Some("80.0")
        );
        assert_eq!(crate::compute::number::fixed(p.elapsed, 1), "66.7");
        assert_eq!(
            cumulative_progress(dec("5"), Decimal::ZERO, 12, 36).achieved,
            None
        );
    }
}
