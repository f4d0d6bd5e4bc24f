//! Reporting periods: a year, a half-year, a quarter, a month, cumulative months of a year
//! (1—9月), or a span of years for multi-year targets. Owns parsing (as YAML keys and
//! values), ordering, the period one year earlier, and the Chinese label. No I/O.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Year(i32),
    Half(i32, u8),
    Quarter(i32, u8),
    Month(i32, u8),
    /// Cumulative months of one year: `2024-01~09` is 2024年1—9月.
    Months {
        year: i32,
        from: u8,
        to: u8,
    },
    /// A span of whole years, for cumulative multi-year targets: `2024~2026`.
    Years {
        from: i32,
        to: i32,
    },
}

/// What a period string may look like; used in every "bad period" message.
pub const PERIOD_FORMS: &str =
    "`2024`, `2024H1`, `2024Q3`, `2024-09`, `2024-01~09` (1—9月) or `2024~2026`";

impl Period {
    /// The same period one year earlier, which year-over-year comparisons pair with.
    pub fn prior(self) -> Option<Period> {
        Some(match self {
            Period::Year(y) => Period::Year(y - 1),
            Period::Half(y, h) => Period::Half(y - 1, h),
            Period::Quarter(y, q) => Period::Quarter(y - 1, q),
            Period::Month(y, m) => Period::Month(y - 1, m),
            Period::Months { year, from, to } => Period::Months {
                year: year - 1,
                from,
                to,
            },
            Period::Years { .. } => return None,
        })
    }

    pub fn is_year(self) -> bool {
        matches!(self, Period::Year(_))
    }

    fn form(self) -> u8 {
        match self {
            Period::Year(_) => 0,
            Period::Years { .. } => 1,
            Period::Half(..) => 2,
            Period::Quarter(..) => 3,
            Period::Months { .. } => 4,
            Period::Month(..) => 5,
        }
    }

    /// (first month, last month) counted from January of year 0, for ordering.
    pub fn month_span(self) -> (i64, i64) {
        let m = |y: i32, month: u8| i64::from(y) * 12 + i64::from(month);
        match self {
            Period::Year(y) => (m(y, 1), m(y, 12)),
            Period::Half(y, h) => (m(y, h * 6 - 5), m(y, h * 6)),
            Period::Quarter(y, q) => (m(y, q * 3 - 2), m(y, q * 3)),
            Period::Month(y, mo) => (m(y, mo), m(y, mo)),
            Period::Months { year, from, to } => (m(year, from), m(year, to)),
            Period::Years { from, to } => (m(from, 1), m(to, 12)),
        }
    }

    /// The Chinese label: 2024年, 2024年上半年, 2024年三季度, 2024年9月, 2024年1—9月,
    /// 2024—2026年. GB/T 15835 keeps the year in Arabic numerals; ranges take "—".
    pub fn label(self) -> String {
        const QUARTERS: [&str; 4] = ["一", "二", "三", "四"];
        match self {
            Period::Year(y) => format!("{y}年"),
            Period::Half(y, 1) => format!("{y}年上半年"),
            Period::Half(y, _) => format!("{y}年下半年"),
            Period::Quarter(y, q) => format!("{y}年{}季度", QUARTERS[usize::from(q) - 1]),
            Period::Month(y, m) => format!("{y}年{m}月"),
            Period::Months { year, from, to } => format!("{year}年{from}—{to}月"),
            Period::Years { from, to } => format!("{from}—{to}年"),
        }
    }
}

impl Ord for Period {
    /// Periods sort by where they end, then longer first (2024 before 2024Q4).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let (a0, a1) = self.month_span();
        let (b0, b1) = other.month_span();
        // Different spellings of one span (2024H1, 2024-01~06) stay distinct keys, so
        // `check` can report the pair instead of a map silently keeping one.
        a1.cmp(&b1)
            .then(a0.cmp(&b0))
            .then(self.form().cmp(&other.form()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Half(y, h) => write!(f, "{y}H{h}"),
            Period::Quarter(y, q) => write!(f, "{y}Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
            Period::Months { year, from, to } => write!(f, "{year}-{from:02}~{to:02}"),
            Period::Years { from, to } => write!(f, "{from}~{to}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadPeriod(pub String);

impl BadPeriod {
    /// The message in both languages (Display is the English).
    pub fn text(&self) -> crate::lang::Text {
        text!(
            "`{p}` is not a period; write {PERIOD_FORMS}",
            "“{p}”不是有效的期间，应写成 `2024`、`2024H1`、`2024Q3`、`2024-09`、`2024-01~09`（1—9月）或 `2024~2026`",
            p = &self.0
        )
    }
}

impl fmt::Display for BadPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a period; write {PERIOD_FORMS}", self.0)
    }
}

impl FromStr for Period {
    type Err = BadPeriod;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || BadPeriod(text.to_string());
        let s = text.trim();
        // Every period form is ASCII; checking first keeps the byte slicing below safe.
        if !s.is_ascii() {
            return Err(bad());
        }
        let year = |t: &str| -> Option<i32> {
            (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
                .filter(|y| (1900..=2200).contains(y))
        };
        let number = |t: &str, max: u8| -> Option<u8> {
            (!t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
                .filter(|n| (1..=max).contains(n))
        };
        if let Some(y) = year(s) {
            return Ok(Period::Year(y));
        }
        if let Some((a, b)) = s.split_once('~') {
            // `2024~2026` or `2024-01~09`
            if let (Some(from), Some(to)) = (year(a), year(b)) {
                return (from < to)
                    .then_some(Period::Years { from, to })
                    .ok_or_else(bad);
            }
            let (y, from) = a.split_once('-').ok_or_else(bad)?;
            let (year, from, to) = (
                year(y).ok_or_else(bad)?,
                number(from, 12).ok_or_else(bad)?,
                number(b, 12).ok_or_else(bad)?,
            );
            return (from < to)
                .then_some(Period::Months { year, from, to })
                .ok_or_else(bad);
        }
        if s.len() > 5 {
            let (y, rest) = s.split_at(4);
            let y = year(y).ok_or_else(bad)?;
            let rest_tail = &rest[1..];
            return match &rest[..1] {
                "H" | "h" => Ok(Period::Half(y, number(rest_tail, 2).ok_or_else(bad)?)),
                "Q" | "q" => Ok(Period::Quarter(y, number(rest_tail, 4).ok_or_else(bad)?)),
                "-" => Ok(Period::Month(y, number(rest_tail, 12).ok_or_else(bad)?)),
                _ => Err(bad()),
            };
        }
        Err(bad())
    }
}

impl<'de> Deserialize<'de> for Period {
    /// Accepts a YAML integer (`2024:` as a key) or a string (`2024Q3`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PeriodVisitor;
        impl Visitor<'_> for PeriodVisitor {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a period: {PERIOD_FORMS}")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Period, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Period, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Period, E> {
                v.parse().map_err(|e: BadPeriod| E::custom(e))
            }
        }
        deserializer.deserialize_any(PeriodVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form_and_prints_it_back() {
        for (text, label) in [
            ("2024", "2024年"),
            ("2024H1", "2024年上半年"),
            ("2024Q3", "2024年三季度"),
            ("2024-09", "2024年9月"),
            ("2024-01~09", "2024年1—9月"),
            ("2024~2026", "2024—2026年"),
        ] {
            let p: Period = text.parse().unwrap();
            assert_eq!(p.to_string(), text);
            assert_eq!(p.label(), label);
        }
    }

    #[test]
    fn rejects_impossible_periods() {
        for text in [
            "2024Q5",
            "2024-13",
            "2024-00",
            "24",
            "2024-09~03",
            "2026~2024",
            "2024H3",
            "二〇二四",
            "2024Q",
            "",
        ] {
            assert!(text.parse::<Period>().is_err(), "{text} should not parse");
        }
    }

    #[test]
    fn prior_is_the_same_period_a_year_earlier() {
        let p: Period = "2024-01~09".parse().unwrap();
        assert_eq!(p.prior().unwrap().to_string(), "2023-01~09");
        assert_eq!("2024~2026".parse::<Period>().unwrap().prior(), None);
    }

    #[test]
    fn orders_by_end_then_longest_first() {
        let mut ps: Vec<Period> = ["2024Q4", "2023", "2024", "2024-01~09", "2024Q3"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        ps.sort();
        let texts: Vec<String> = ps.iter().map(ToString::to_string).collect();
        assert_eq!(texts, ["2023", "2024-01~09", "2024Q3", "2024", "2024Q4"]);
    }
}

/// Figures by period, sorted by period. An indicator has a handful of periods, and a
/// `BTreeMap` reserves room for eleven entries in its first node: with 30,000
/// indicators that tripled the memory of a loaded province (ARCHITECTURE.md, "Performance"). The periods are
/// kept apart from the figures, so a look-up reads one cache line of periods and then
/// the one figure found (pairs of period and figure spread a look-up over the figures
/// of every period before it: 3% of a 10,000-bulletin build). The methods are the
/// map's. A period written twice keeps both entries, so `check` can report it.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodMap<V> {
    periods: Box<[Period]>,
    values: Box<[V]>,
}

impl<V> Default for PeriodMap<V> {
    fn default() -> Self {
        PeriodMap {
            periods: Box::default(),
            values: Box::default(),
        }
    }
}

impl<V> PeriodMap<V> {
    pub fn get(&self, period: &Period) -> Option<&V> {
        // An indicator holds a handful of periods: comparing for equality along them is
        // cheaper than the ordering a binary search needs (3% of a large build; ARCHITECTURE.md, "Performance").
        let i = if self.periods.len() <= 16 {
            self.periods.iter().position(|p| p == period)?
        } else {
            let i = self.periods.partition_point(|p| p < period);
            (self.periods.get(i) == Some(period)).then_some(i)?
        };
        self.values.get(i)
    }

    pub fn contains_key(&self, period: &Period) -> bool {
        self.get(period).is_some()
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&Period, &V)> {
        self.periods.iter().zip(self.values.iter())
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Period> {
        self.periods.iter()
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> {
        self.values.iter()
    }

    pub fn len(&self) -> usize {
        self.periods.len()
    }

    pub fn is_empty(&self) -> bool {
        self.periods.is_empty()
    }

    pub fn map<W>(self, f: impl FnMut(V) -> W) -> PeriodMap<W> {
        PeriodMap {
            periods: self.periods,
            values: self.values.into_iter().map(f).collect(),
        }
    }
}

impl<V> FromIterator<(Period, V)> for PeriodMap<V> {
    fn from_iter<I: IntoIterator<Item = (Period, V)>>(iter: I) -> Self {
        let mut entries: Vec<(Period, V)> = iter.into_iter().collect();
        // stable: a period written twice keeps its order, for `check` to report it
        entries.sort_by_key(|e| e.0);
        let (periods, values): (Vec<Period>, Vec<V>) = entries.into_iter().unzip();
        PeriodMap {
            periods: periods.into_boxed_slice(),
            values: values.into_boxed_slice(),
        }
    }
}

impl<'a, V> IntoIterator for &'a PeriodMap<V> {
    type Item = (&'a Period, &'a V);
    type IntoIter = std::iter::Zip<std::slice::Iter<'a, Period>, std::slice::Iter<'a, V>>;
    fn into_iter(self) -> Self::IntoIter {
        self.periods.iter().zip(self.values.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for PeriodMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = PeriodMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map from periods to figures, e.g. `{ 2023: 120.0, 2024: 128.3 }`")
            }
            fn visit_map<A: de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<PeriodMap<V>, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(4));
                while let Some((p, v)) = map.next_entry::<Period, V>()? {
                    entries.push((p, v));
                }
                Ok(entries.into_iter().collect())
            }
        }
        deserializer.deserialize_map(MapVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod map_tests {
    use super::*;

    #[test]
    fn period_map_finds_sorts_and_keeps_repeats() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        let m: PeriodMap<u32> = [(p("2024"), 2), (p("2023"), 1), (p("2024Q3"), 3)]
            .into_iter()
            .collect();
        assert_eq!(m.get(&p("2024")), Some(&2));
        assert_eq!(m.get(&p("2022")), None);
        assert_eq!(
            m.keys().map(ToString::to_string).collect::<Vec<_>>(),
            ["2023", "2024Q3", "2024"]
        );
        // a period typed twice keeps both figures, for `check` to report
        let twice: PeriodMap<u32> = serde_yaml::from_str("{ 2024: 1, 2024: 2 }").unwrap();
        assert_eq!(twice.values().copied().collect::<Vec<_>>(), [1, 2]);
    }

    #[test]
    fn long_maps_are_searched_too() {
        // five years of months and quarters: past the short map's linear scan
        let mut periods = Vec::new();
        for year in 2020..2025 {
            periods.extend((1..=12).map(|m| Period::Month(year, m)));
            periods.extend((1..=4).map(|q| Period::Quarter(year, q)));
        }
        let m: PeriodMap<usize> = periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();
        for (i, p) in periods.iter().enumerate() {
            assert_eq!(m.get(p), Some(&i), "{p}");
        }
        assert_eq!(m.get(&Period::Year(2024)), None);
        assert_eq!(m.get(&Period::Month(2025, 1)), None);
    }
}
