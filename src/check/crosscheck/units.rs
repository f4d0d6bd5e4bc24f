//! Units a figure can be typed in, in families that convert (元/万元/亿元, 美元/万美元/
//! 亿美元, 人/万人 …) and dimensions that do not (money, counts, energy …): a typed unit of
//! the indicator's dimension but another family (万元 for 万美元, 条 for 件) is a
//! contradiction; a unit of another dimension (a % next to an amount) speaks of
//! something else. No I/O.

use crate::compute::Decimal;

/// (unit, family, scale within the family, dimension)
const UNITS: &[(&str, &str, i64, &str)] = &[
    ("元", "CNY", 1, "money"),
    ("万元", "CNY", 10_000, "money"),
    ("亿元", "CNY", 100_000_000, "money"),
    ("美元", "USD", 1, "money"),
    ("万美元", "USD", 10_000, "money"),
    ("亿美元", "USD", 100_000_000, "money"),
    ("千瓦时", "kWh", 1, "energy"),
    ("万千瓦时", "kWh", 10_000, "energy"),
    ("亿千瓦时", "kWh", 100_000_000, "energy"),
    ("千瓦", "kW", 1, "power"),
    ("万千瓦", "kW", 10_000, "power"),
    ("吨", "t", 1, "mass"),
    ("万吨", "t", 10_000, "mass"),
    ("人", "人", 1, "count"),
    ("万人", "人", 10_000, "count"),
    ("人次", "人次", 1, "count"),
    ("万人次", "人次", 10_000, "count"),
    ("亩", "亩", 1, "area"),
    ("万亩", "亩", 10_000, "area"),
    ("平方米", "m2", 1, "area"),
    ("万平方米", "m2", 10_000, "area"),
    ("平方公里", "km2", 1, "area"),
    ("公顷", "ha", 1, "area"),
    ("万公顷", "ha", 10_000, "area"),
    ("立方米", "m3", 1, "volume"),
    ("万立方米", "m3", 10_000, "volume"),
    ("标箱", "TEU", 1, "count"),
    ("万标箱", "TEU", 10_000, "count"),
    ("头", "头", 1, "count"),
    ("万头", "头", 10_000, "count"),
    ("只", "只", 1, "count"),
    ("万只", "只", 10_000, "count"),
    ("万户", "家", 10_000, "count"),
    ("万件", "件", 10_000, "count"),
    ("万台", "台", 10_000, "count"),
    ("万辆", "辆", 10_000, "count"),
    ("公里", "km", 1, "length"),
    ("千米", "km", 1, "length"),
    // firms, projects and factories are counted in 家, 户 or 个 alike
    ("家", "家", 1, "count"),
    ("个", "家", 1, "count"),
    ("项", "项", 1, "count"),
    ("户", "家", 1, "count"),
    ("件", "件", 1, "count"),
    ("条", "条", 1, "count"),
    ("张", "张", 1, "count"),
    ("台", "台", 1, "count"),
    ("套", "套", 1, "count"),
    ("辆", "辆", 1, "count"),
    ("座", "座", 1, "count"),
    ("所", "所", 1, "count"),
    ("天", "天", 1, "time"),
    ("%", "%", 1, "percent"),
    ("‰", "‰", 1, "per mille"),
];

fn find(unit: &str) -> Option<&'static (&'static str, &'static str, i64, &'static str)> {
    UNITS.iter().find(|u| u.0 == unit)
}

/// `v` in `from` expressed in `to`, when both are of one family.
pub(super) fn convert(v: Decimal, from: &str, to: &str) -> Option<Decimal> {
    if from == to {
        return Some(v);
    }
    let (f, t) = (find(from)?, find(to)?);
    (f.1 == t.1).then(|| (v * Decimal::from(f.2) / Decimal::from(t.2)).normalize())
}

/// Whether two units measure the same kind of thing in families that do not convert
/// (万元 and 万美元, 件 and 条, 人 and 人次): a typed figure in one for an indicator in the
/// other is a wrong unit, not another figure.
pub(super) fn clash(a: &str, b: &str) -> bool {
    match (find(a), find(b)) {
        (Some(x), Some(y)) => x.3 == y.3 && x.1 != y.1,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    #[test]
    fn families_convert_and_dimensions_clash() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(convert(d("9150"), "万美元", "亿美元"), Some(d("0.915")));
        assert_eq!(convert(d("22.85"), "亿元", "万元"), Some(d("228500")));
        assert_eq!(convert(d("9150"), "万美元", "万元"), None);
        assert!(clash("万元", "万美元"));
        assert!(clash("条", "件"));
        assert!(clash("万人", "万人次"));
        assert!(!clash("%", "亿元"));
        assert!(!clash("万元", "亿元"));
    }
}
