//! The verdict on a target, across every kind × qualifier × decimals: the status word
//! (`phrase_met`), the phrase (`phrase_target`) and the table cell (`target_cell`) are
//! decided on the figures as printed and agree with each other (issue 13, points 1, 3—6).
//! A table of hand-checked rows from the seeds and other public documents of the genre,
//! then a property test that re-derives every verdict from the printed strings alone.

use proptest::prelude::*;

use super::comparison::{Series, evaluate_target, is_ceiling};
use super::number::{fixed, round};
use super::phrase::{phrase_met, phrase_target, phrase_target_spec, target_cell};
use super::{Decimal, Kind, Qualifier, Target};

fn dec(text: &str) -> Decimal {
    Decimal::from_str_exact(text).expect("test figure")
}

fn series(kind: Kind, decimals: u32, current: &str, higher_is_better: bool) -> Series {
    Series {
        kind,
        decimals,
        higher_is_better,
        per_mille: false,
        current: Some(dec(current)),
        prior: None,
        stated_growth: None,
        comparable_basis: false,
    }
}

fn level(value: &str, qualifier: Option<Qualifier>) -> Target {
    Target::Level {
        value: dec(value),
        qualifier,
    }
}

const AT_LEAST: Option<Qualifier> = Some(Qualifier::AtLeast);
const ABOUT: Option<Qualifier> = Some(Qualifier::About);
const AT_MOST: Option<Qualifier> = Some(Qualifier::AtMost);
const EXCEEDS: Option<Qualifier> = Some(Qualifier::Exceeds);

/// (kind, decimals, current, higher is better, target, unit, phrase, table cell, status)
type Row = (
    Kind,
    u32,
    &'static str,
    bool,
    Target,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[test]
fn every_kind_and_qualifier_is_judged_on_the_printed_figure() {
    let range = |low: &str, high: &str| Target::Range {
        low: dec(low),
        high: dec(high),
    };
    let rows: Vec<Row> = vec![
        // --- share: 35.46 prints 35.5, so it reaches 35.5%以上 in every column
        (
            Kind::Share,
            1,
            "35.46",
            true,
            level("35.5", AT_LEAST),
            "%",
            "达到年度目标",
            "达到目标",
            "已完成",
        ),
        (
            Kind::Share,
            1,
            "35.44",
            true,
            level("35.5", AT_LEAST),
            "%",
            "低于年度目标0.1个百分点",
            "低于目标0.1个百分点",
            "未完成",
        ),
        (
            Kind::Share,
            2,
            "35.46",
            true,
            level("35.5", AT_LEAST),
            "%",
            "低于年度目标0.04个百分点",
            "低于目标0.04个百分点",
            "未完成",
        ),
        // seed 001: 制造业增加值占GDP比重达到20%以上
        (
            Kind::Share,
            1,
            "21.2",
            true,
            level("20", AT_LEAST),
            "%",
            "高于年度目标1.2个百分点",
            "高于目标1.2个百分点",
            "已完成",
        ),
        // seed 001: 规上高新技术企业数量占比突破40% — 40.0 has not 突破, 40.1 has
        (
            Kind::Share,
            1,
            "40.04",
            true,
            level("40", EXCEEDS),
            "%",
            "未突破年度目标",
            "未突破目标",
            "未完成",
        ),
        (
            Kind::Share,
            1,
            "40.05",
            true,
            level("40", EXCEEDS),
            "%",
            "突破年度目标",
            "突破目标",
            "已完成",
        ),
        (
            Kind::Share,
            1,
            "20.9",
            true,
            level("20", ABOUT),
            "%",
            "高于年度目标0.9个百分点",
            "高于目标0.9个百分点",
            "已完成",
        ),
        (
            Kind::Share,
            1,
            "19.0",
            true,
            level("20", ABOUT),
            "%",
            "低于年度目标1.0个百分点",
            "低于目标1.0个百分点",
            "已完成",
        ),
        (
            Kind::Share,
            1,
            "18.9",
            true,
            level("20", ABOUT),
            "%",
            "低于年度目标1.1个百分点",
            "低于目标1.1个百分点",
            "未完成",
        ),
        // --- rate, a ceiling: seed 001 担保业务保费降至0.8% as a cap of 1%以内
        (
            Kind::Rate,
            1,
            "0.8",
            false,
            level("1", AT_MOST),
            "%",
            "控制在年度目标以内",
            "控制在目标以内",
            "已完成",
        ),
        (
            Kind::Rate,
            1,
            "1.04",
            false,
            level("1", AT_MOST),
            "%",
            "控制在年度目标以内",
            "控制在目标以内",
            "已完成",
        ),
        (
            Kind::Rate,
            1,
            "1.3",
            false,
            level("1", AT_MOST),
            "%",
            "超出年度目标0.3个百分点",
            "超出目标0.3个百分点",
            "未完成",
        ),
        // a bare figure on a lower-is-better rate (城镇调查失业率5.5%) is a ceiling too
        (
            Kind::Rate,
            1,
            "5.2",
            false,
            level("5.5", None),
            "%",
            "控制在年度目标以内",
            "控制在目标以内",
            "已完成",
        ),
        (
            Kind::Rate,
            1,
            "5.7",
            false,
            level("5.5", None),
            "%",
            "超出年度目标0.2个百分点",
            "超出目标0.2个百分点",
            "未完成",
        ),
        (
            Kind::Rate,
            1,
            "2.6",
            true,
            level("2.6", EXCEEDS),
            "%",
            "未突破年度目标",
            "未突破目标",
            "未完成",
        ), // seed 001: 研发经费占比突破2.6%
        // --- count: 100个 against 100 is 已完成
        (
            Kind::Count,
            0,
            "100",
            true,
            level("100", None),
            "个",
            "完成年度目标的100.0%",
            "100.0%",
            "已完成",
        ),
        // seed 000: 新引进亿元以上项目33个, task 30 → 110.0%
        (
            Kind::Count,
            0,
            "33",
            true,
            level("30", None),
            "个",
            "完成年度目标的110.0%",
            "110.0%",
            "已完成",
        ),
        // seed 001: 新增高新技术企业30家以上
        (
            Kind::Count,
            0,
            "29",
            true,
            level("30", AT_LEAST),
            "家",
            "完成年度目标的96.7%",
            "96.7%",
            "未完成",
        ),
        // seed 001: 新增就业岗位1500个左右: 1425 is 95% of it
        (
            Kind::Count,
            0,
            "1425",
            true,
            level("1500", ABOUT),
            "个",
            "完成年度目标的95.0%",
            "95.0%",
            "已完成",
        ),
        (
            Kind::Count,
            0,
            "1424",
            true,
            level("1500", ABOUT),
            "个",
            "完成年度目标的94.9%",
            "94.9%",
            "未完成",
        ),
        // a range: seed 001 完成2家企业在省股权交易中心挂牌, as 2—3家
        (
            Kind::Count,
            0,
            "1",
            true,
            range("2", "3"),
            "家",
            "未达到年度目标（2—3家）",
            "未达到目标（2—3家）",
            "未完成",
        ),
        (
            Kind::Count,
            0,
            "2",
            true,
            range("2", "3"),
            "家",
            "达到年度目标区间（2—3家）",
            "达到目标区间（2—3家）",
            "已完成",
        ),
        (
            Kind::Count,
            0,
            "3",
            true,
            range("2", "3"),
            "家",
            "达到年度目标区间（2—3家）",
            "达到目标区间（2—3家）",
            "已完成",
        ),
        (
            Kind::Count,
            0,
            "5",
            true,
            range("2", "3"),
            "家",
            "超过年度目标区间（2—3家）",
            "超过目标区间（2—3家）",
            "已完成",
        ),
        (
            Kind::Count,
            0,
            "5",
            false,
            range("2", "3"),
            "家",
            "超出年度目标区间（2—3家）",
            "超出目标区间（2—3家）",
            "未完成",
        ),
        // --- amount: seed 000 重点项目完成投资36.45亿元 against plan 23.3 → 156.4%
        (
            Kind::Amount,
            2,
            "36.45",
            true,
            level("23.3", None),
            "亿元",
            "完成年度目标的156.4%",
            "156.4%",
            "已完成",
        ),
        // printed at one decimal, 36.45 is 36.5: 36.5 / 23.3 = 156.65… → 156.7%
        (
            Kind::Amount,
            1,
            "36.45",
            true,
            level("23.3", None),
            "亿元",
            "完成年度目标的156.7%",
            "156.7%",
            "已完成",
        ),
        // seed 001: 规上工业总产值突破200亿元 — 200.0 is not 突破
        (
            Kind::Amount,
            1,
            "200.04",
            true,
            level("200", EXCEEDS),
            "亿元",
            "未突破年度目标",
            "未突破目标",
            "未完成",
        ),
        (
            Kind::Amount,
            1,
            "201.3",
            true,
            level("200", EXCEEDS),
            "亿元",
            "突破年度目标",
            "突破目标",
            "已完成",
        ),
        // seed 001: 园区工业总产值170亿元以上; 169.96 prints 170.0
        (
            Kind::Amount,
            1,
            "169.96",
            true,
            level("170", AT_LEAST),
            "亿元",
            "完成年度目标的100.0%",
            "100.0%",
            "已完成",
        ),
        // 2 decimals: 199.91 of 200 is 99.955% — never rounded up to 100.0% beside 未完成
        (
            Kind::Amount,
            2,
            "199.91",
            true,
            level("200", AT_LEAST),
            "亿元",
            "完成年度目标的99.96%",
            "99.96%",
            "未完成",
        ),
        // a ceiling on an amount (综合能耗控制在100万吨标准煤以内): never 完成目标的105.0%
        (
            Kind::Amount,
            1,
            "105",
            false,
            level("100", AT_MOST),
            "万吨",
            "超出年度目标5.0%",
            "超出目标5.0%",
            "未完成",
        ),
        (
            Kind::Amount,
            1,
            "96.3",
            false,
            level("100", AT_MOST),
            "万吨",
            "控制在年度目标以内",
            "控制在目标以内",
            "已完成",
        ),
        (
            Kind::Amount,
            2,
            "100.04",
            false,
            level("100", AT_MOST),
            "万吨",
            "超出年度目标0.04万吨",
            "超出目标0.04万吨",
            "未完成",
        ),
        (
            Kind::Amount,
            1,
            "100.04",
            false,
            level("100", AT_MOST),
            "万吨",
            "控制在年度目标以内",
            "控制在目标以内",
            "已完成",
        ),
        // --- index: 价格指数 102.3 against a ceiling of 103左右 (lower is better)
        (
            Kind::Index,
            1,
            "102.3",
            false,
            level("103", ABOUT),
            "",
            "控制在年度目标以内",
            "控制在目标以内",
            "已完成",
        ),
        (
            Kind::Index,
            1,
            "104.2",
            true,
            level("103", None),
            "",
            "完成年度目标的101.2%",
            "101.2%",
            "已完成",
        ),
        // --- rank: seed 000 第127位 against 进入前130位
        (
            Kind::Rank,
            0,
            "127",
            false,
            level("130", None),
            "位",
            "达到年度目标",
            "达到目标",
            "已完成",
        ),
        (
            Kind::Rank,
            0,
            "130",
            false,
            level("130", EXCEEDS),
            "位",
            "未达到年度目标",
            "未达到目标",
            "未完成",
        ),
        (
            Kind::Rank,
            0,
            "131",
            false,
            level("130", AT_MOST),
            "位",
            "未达到年度目标",
            "未达到目标",
            "未完成",
        ),
    ];
    for (kind, decimals, current, hib, target, unit, words, cell, status) in &rows {
        let s = series(*kind, *decimals, current, *hib);
        let o = evaluate_target(&s, target);
        let what = format!("{kind:?} {decimals} {current} vs {target:?}");
        assert_eq!(
            phrase_target(&s, target, &o, "年度目标", unit),
            *words,
            "{what}"
        );
        assert_eq!(target_cell(&s, target, &o, unit), *cell, "{what}");
        assert_eq!(phrase_met(&o), *status, "{what}");
    }
}

#[test]
fn growth_targets_are_judged_on_the_growth_as_printed() {
    let growth = |rate: &str, qualifier| Target::Growth {
        rate: dec(rate),
        qualifier,
    };
    // (stated growth, target, phrase, status)
    let rows: &[(&str, Target, &str, &str)] = &[
        // a stated 7.25 prints 增长7.3%, so it reaches 7.3%以上 and the gap is from 7.3
        ("7.25", growth("7.3", AT_LEAST), "达到年度目标", "已完成"),
        (
            "7.25",
            growth("7", AT_LEAST),
            "高于年度目标0.3个百分点",
            "已完成",
        ),
        (
            "7.24",
            growth("7.3", AT_LEAST),
            "低于年度目标0.1个百分点",
            "未完成",
        ),
        // seed 001: 规上工业增加值同比增长12%以上
        (
            "11.2",
            growth("12", AT_LEAST),
            "低于年度目标0.8个百分点",
            "未完成",
        ),
        // seed 001: 研发投入增长25%以上, stated "25" (no decimals)
        ("25", growth("25", AT_LEAST), "达到年度目标", "已完成"),
        ("10.0", growth("10", EXCEEDS), "未突破年度目标", "未完成"),
        ("10.1", growth("10", EXCEEDS), "突破年度目标", "已完成"),
        ("4.5", growth("5", AT_MOST), "控制在年度目标以内", "已完成"),
        (
            "5.6",
            growth("5", AT_MOST),
            "超出年度目标0.6个百分点",
            "未完成",
        ),
        (
            "9.5",
            growth("10", ABOUT),
            "低于年度目标0.5个百分点",
            "已完成",
        ),
    ];
    for (stated, target, words, status) in rows {
        let s = Series {
            stated_growth: Some(dec(stated)),
            comparable_basis: true,
            ..series(Kind::Amount, 1, "128.3", true)
        };
        let o = evaluate_target(&s, target);
        assert_eq!(
            phrase_target(&s, target, &o, "年度目标", "亿元"),
            *words,
            "{stated} vs {target:?}"
        );
        assert_eq!(phrase_met(&o), *status, "{stated} vs {target:?}");
    }
}

#[test]
fn target_specs_print_the_qualifier_where_documents_do() {
    assert_eq!(
        phrase_target_spec(&level("50", EXCEEDS), "亿元", 1),
        "突破50亿元"
    );
    assert_eq!(
        phrase_target_spec(&level("2.6", EXCEEDS), "%", 1),
        "突破2.6%"
    ); // seed 001
    assert_eq!(
        phrase_target_spec(
            &Target::Growth {
                rate: dec("10"),
                qualifier: EXCEEDS
            },
            "亿元",
            1
        ),
        "增速突破10%"
    );
}

/// The figures a reader sees in one row of a targets table: the value, the target, and the
/// verdict re-derived from those printed strings alone by the README's rules.
fn expected_from_print(
    kind: Kind,
    hib: bool,
    shown: Decimal,
    target: &Target,
    decimals: u32,
) -> bool {
    // the target as its 目标 cell prints it, without unit
    let spec = phrase_target_spec(target, "", decimals);
    let numbers: Vec<Decimal> = spec
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|t| !t.is_empty())
        .map(dec)
        .collect();
    match *target {
        Target::Range { .. } => {
            let (low, high) = (numbers[0], numbers[1]);
            if shown < low {
                !hib
            } else if shown > high {
                hib
            } else {
                true
            }
        }
        Target::Level { qualifier, .. } => {
            let goal = numbers[0];
            if kind == Kind::Rank {
                return if qualifier == EXCEEDS {
                    shown < goal
                } else {
                    shown <= goal
                };
            }
            match qualifier {
                Some(Qualifier::AtLeast) => shown >= goal,
                Some(Qualifier::AtMost) => shown <= goal,
                Some(Qualifier::Exceeds) => shown > goal,
                Some(Qualifier::About) if hib => shown >= goal * dec("0.95"),
                Some(Qualifier::About) => shown <= goal * dec("1.05"),
                None if hib => shown >= goal,
                None => shown <= goal,
            }
        }
        Target::Growth { .. } => unreachable!("levels and ranges only"),
    }
}

fn kinds() -> impl Strategy<Value = Kind> {
    prop::sample::select(vec![
        Kind::Amount,
        Kind::Count,
        Kind::Rate,
        Kind::Share,
        Kind::Rank,
        Kind::Index,
    ])
}

fn qualifiers() -> impl Strategy<Value = Option<Qualifier>> {
    prop::sample::select(vec![None, AT_LEAST, ABOUT, AT_MOST, EXCEEDS])
}

proptest! {
    /// Every status word agrees with the printed figures, for all kinds, qualifiers,
    /// decimals and ranges; the phrase never contradicts the status word; a printed
    /// completion is worked out from the printed value and target.
    #[test]
    fn status_words_agree_with_the_printed_figures(
        kind in kinds(),
        decimals in 0u32..=3,
        current in 1i64..100_000,
        current_scale in 0u32..=4,
        goal in 1i64..100_000,
        goal_scale in 0u32..=3,
        span in 0i64..5_000,
        qualifier in qualifiers(),
        ranged in any::<bool>(),
        hib in any::<bool>(),
    ) {
        let whole = matches!(kind, Kind::Count | Kind::Rank);
        let decimals = if whole { 0 } else { decimals };
        let scale = |n: i64, s: u32| if whole { Decimal::from(n % 300 + 1) } else { Decimal::new(n, s) };
        let current = scale(current, current_scale);
        let low = scale(goal, goal_scale);
        let hib = hib && kind != Kind::Rank;
        let target = if ranged && kind != Kind::Rank {
            Target::Range { low, high: low + scale(span, goal_scale) }
        } else {
            Target::Level { value: low, qualifier }
        };
        let s = Series {
            kind,
            decimals,
            higher_is_better: hib,
            per_mille: false,
            current: Some(current),
            prior: None,
            stated_growth: None,
            comparable_basis: false,
        };
        let o = evaluate_target(&s, &target);
        let printed_value = dec(&fixed(current, decimals));
        // a target printed as zero has nothing to compare with
        prop_assume!(!round(low, decimals).is_zero());
        let expected = expected_from_print(kind, hib, printed_value, &target, decimals);
        prop_assert_eq!(o.met, Some(expected));
        let status = phrase_met(&o);
        let words = phrase_target(&s, &target, &o, "年度目标", "家");
        let cell = target_cell(&s, &target, &o, "家");
        prop_assert_eq!(status, if expected { "已完成" } else { "未完成" });
        let contradicting: &[&str] = if expected {
            &["未", "超出年度目标", "超出目标"]
        } else {
            &["达到", "突破", "控制在", "高于", "超过"]
        };
        for w in contradicting {
            prop_assert!(!words.starts_with(w), "{} beside {}", words, status);
            prop_assert!(!cell.starts_with(w), "{} beside {}", cell, status);
        }
        // 低于 beside 已完成 only for 左右 (within its tolerance) or a lower-is-better range
        if expected && words.starts_with("低于") {
            prop_assert!(qualifier == ABOUT || (!hib && matches!(target, Target::Range { .. })), "{}", words);
        }
        // a completion: from the printed figures, and 100% or more exactly when met on a
        // floor (以上, a bare figure on a higher-is-better indicator)
        if let Some(pct) = words.strip_prefix("完成年度目标的").and_then(|w| w.strip_suffix('%')) {
            prop_assert!(!is_ceiling(&target, hib));
            let goal_printed = dec(&fixed(low, decimals));
            let from_print = printed_value / goal_printed * Decimal::ONE_HUNDRED;
            prop_assert_eq!(dec(pct), round(from_print, dec(pct).scale()));
            if hib && matches!(qualifier, None | AT_LEAST) {
                prop_assert_eq!(dec(pct) >= Decimal::ONE_HUNDRED, expected, "{}", words);
            }
        }
    }
}

proptest! {
    /// The same for growth targets: the verdict follows the growth as printed (one
    /// decimal at most, as the stated figure was written) against the target as printed.
    #[test]
    fn growth_status_words_agree_with_the_printed_growth(
        growth in -2_000i64..5_000,
        growth_scale in 0u32..=3,
        rate in -100i64..300,
        rate_scale in 0u32..=1,
        qualifier in qualifiers(),
        hib in any::<bool>(),
    ) {
        let stated = Decimal::new(growth, growth_scale);
        let rate = Decimal::new(rate, rate_scale);
        let target = Target::Growth { rate, qualifier };
        let s = Series {
            kind: Kind::Amount,
            decimals: 1,
            higher_is_better: hib,
            per_mille: false,
            current: Some(dec("128.3")),
            prior: None,
            stated_growth: Some(stated),
            comparable_basis: true,
        };
        let o = evaluate_target(&s, &target);
        // the growth as the page prints it: 增长7.3% / 下降2.9% / 持平
        let printed = super::phrase::phrase_change(&s, &super::comparison::change(&s));
        let shown = if printed == "持平" {
            Decimal::ZERO
        } else {
            let digits = printed.trim_start_matches(['增', '长', '下', '降']).trim_end_matches('%');
            let d = dec(digits);
            if printed.starts_with("下降") { -d } else { d }
        };
        let spec = phrase_target_spec(&target, "亿元", 1);
        let digits: String = spec.chars().filter(|c| c.is_ascii_digit() || matches!(c, '.' | '-')).collect();
        let goal = if spec.contains("下降") { -dec(&digits) } else { dec(&digits) };
        let expected = match qualifier {
            Some(Qualifier::AtLeast) => shown >= goal,
            Some(Qualifier::AtMost) => shown <= goal,
            Some(Qualifier::Exceeds) => shown > goal,
            Some(Qualifier::About) if hib => shown >= goal - dec("0.5"),
            Some(Qualifier::About) => shown <= goal + dec("0.5"),
            None if hib => shown >= goal,
            None => shown <= goal,
        };
        prop_assert_eq!(o.met, Some(expected), "{} vs {}", printed, spec);
        let words = phrase_target(&s, &target, &o, "年度目标", "亿元");
        let contradicting: &[&str] = if expected {
            &["未", "超出"]
        } else {
            &["达到", "突破", "控制在", "高于"]
        };
        for w in contradicting {
            prop_assert!(!words.starts_with(w), "{} beside {} ({} vs {})", words, phrase_met(&o), printed, spec);
        }
        // a gap in points is the printed growth minus the printed target
        if let Some(gap) = words
            .strip_prefix("高于年度目标")
            .or_else(|| words.strip_prefix("低于年度目标"))
            .or_else(|| words.strip_prefix("超出年度目标"))
            .and_then(|w| w.strip_suffix("个百分点"))
        {
            prop_assert_eq!(dec(gap), (shown - goal).abs());
        }
    }
}
