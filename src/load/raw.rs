//! Serde structs that mirror the files on disk: `site.yaml`, `data.yaml`, and the front
//! matter of `_index.md` and bulletins. Shape only: no cross-references are checked here,
//! and nothing downstream of `model` sees these types. Every struct denies unknown keys so
//! a typo is reported with its line; no `#[serde(flatten)]` (it loses line numbers).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::compute::{Decimal, Kind, Qualifier, Target, number};
use crate::model::period::{Period, PeriodMap};
use crate::model::task::TaskStatus;
use crate::model::{Layout, RankBasis};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub footer: RawFooter,
    /// Raw HTML in commentary is sanitised unless this is set (ARCHITECTURE.md, "Decisions").
    #[serde(default)]
    pub allow_raw_html: bool,
    /// Top-level names of the output that survive every build (besides dotfiles).
    #[serde(default = "default_keep")]
    pub keep: Vec<KeepName>,
    /// `build` prints every official document (`layout: document`) to a PDF beside its
    /// page with headless Chromium (`crate::pdf`).
    #[serde(default)]
    pub pdf: bool,
    /// The 政府网站网页设计规范 page metadata of the column the pages are published in.
    #[serde(default)]
    pub meta: RawMeta,
}

/// site.yaml `meta:`: what every page's SiteName, SiteDomain, ColumnName, ColumnType and
/// Keywords say (政府网站网页设计规范; SiteIDCode is `footer.site_code`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    #[serde(default)]
    pub site_name: String,
    #[serde(default)]
    pub site_domain: String,
    #[serde(default)]
    pub column: String,
    #[serde(default)]
    pub column_type: String,
    #[serde(default)]
    pub keywords: Lines,
}

fn default_keep() -> Vec<KeepName> {
    crate::output::DEFAULT_KEEP
        .iter()
        .map(|n| KeepName((*n).to_string()))
        .collect()
}

/// A name under `keep:`: one file or folder at the top of the output.
#[derive(Debug, Clone)]
pub struct KeepName(pub String);

impl<'de> Deserialize<'de> for KeepName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\']) {
            return Err(de::Error::custom(format!(
                "`{name}` is not a name at the top of the output (no `/`, `.` or `..`)"
            )));
        }
        Ok(KeepName(name))
    }
}

fn default_language() -> String {
    "zh-CN".to_string()
}

fn default_theme() -> String {
    "news".to_string()
}

/// The footer fields a Chinese government website must carry.
#[derive(Debug, Default, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawFooter {
    #[serde(default)]
    pub sponsor: String,
    #[serde(default)]
    pub site_code: String,
    #[serde(default)]
    pub icp: String,
    #[serde(default)]
    pub police: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub address: String,
}

/// Front matter of `content/_index.md`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHome {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// `unit:indicator` references shown as headline figures.
    #[serde(default)]
    pub key_figures: Vec<String>,
}

/// Front matter of `content/<unit>/_index.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUnit {
    pub name: String,
    #[serde(default)]
    pub short_name: String,
    #[serde(default)]
    pub level: String,
    /// Another unit's id; defaults to the enclosing folder's unit.
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub weight: i64,
}

/// Front matter of a bulletin.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawBulletin {
    pub title: String,
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    pub kicker: Lines,
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    pub subtitle: Lines,
    pub date: String,
    pub period: Period,
    #[serde(default)]
    pub layout: Layout,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub byline: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_figures: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// 发文字号 of an official document: 金发〔2024〕5号.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc_number: String,
    /// 发文机关: the issuing bodies, in the header and the signature.
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    pub issuers: Lines,
    /// 主送机关.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub addressees: String,
    /// 索引号, for the disclosure metadata.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub index_number: String,
    /// 发布日期, when it differs from the date written (成文日期).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The file name (same unit) of the plan this page interprets (解读).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interprets: Option<String>,
    /// The stage of a document published before its final form (征求意见稿, 送审稿),
    /// printed beside the title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub draft_mark: String,
    /// 版记 of a document (GB/T 9704-2012, 7.4): 抄送机关, one line or a list.
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    pub cc: Lines,
    /// 版记: 印发机关.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub printed_by: String,
    /// 版记: 印发日期.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_on: Option<String>,
    /// The page's Keywords meta (政府网站网页设计规范), one line or a list.
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    pub keywords: Lines,
    /// The hour of publication (`HH:MM`), for the page's PubDate and the feeds.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub time: String,
    /// 主题分类 in a document's disclosure block (信息公开).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub topic: String,
    /// 发布机构 in a document's disclosure block, when not its issuers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub publisher: String,
}

/// One line or a list of lines (a kicker may be a two-line couplet).
#[derive(Debug, Default, Clone)]
pub struct Lines(pub Vec<String>);

impl Lines {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// As the list it is (`load::parsed`): the `Deserialize` below reads a list back as it is.
impl Serialize for Lines {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.0)
    }
}

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LinesVisitor;
        impl<'de> Visitor<'de> for LinesVisitor {
            type Value = Lines;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a line of text or a list of lines")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Lines, E> {
                Ok(Lines(v.lines().map(str::to_string).collect()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Lines, A::Error> {
                let mut lines = Vec::new();
                while let Some(line) = seq.next_element::<String>()? {
                    lines.push(line);
                }
                Ok(Lines(lines))
            }
        }
        deserializer.deserialize_any(LinesVisitor)
    }
}

/// `data.yaml` of a unit. `Serialize` writes what the `Deserialize` impls read back
/// (`load::parsed`, the cache of data.yaml files a build read).
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawData {
    #[serde(default)]
    pub indicators: Vec<RawIndicator>,
    /// How to read the unit's spreadsheet (`data.csv`, `data.xlsx`…), when its headers
    /// need it (`load::sheet::SheetMapping`).
    #[serde(default)]
    pub sheet: Option<crate::load::sheet::SheetMapping>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GrowthBasis {
    /// Growth is computed from the two values.
    Nominal,
    /// Growth is stated at comparable prices (按可比价格计算) and never computed.
    Comparable,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub short_name: String,
    /// Other names the commentary uses for it (GDP, 税收), for the cross-check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub higher_is_better: Option<bool>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub growth_basis: Option<GrowthBasis>,
    /// For `rank` indicators: where the position is held (全市, 全国国家级经开区).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peers: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_of: Option<String>,
    /// Values are flows that add up over periods (new firms per year): a multi-year
    /// target is met by their sum, not by the latest value.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub accumulates: bool,
    /// The unit's value is the sum of its sub-units' values of the same indicator.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sum_of_children: bool,
    #[serde(default, skip_serializing_if = "PeriodMap::is_empty")]
    pub values: PeriodMap<RawValue>,
    #[serde(default, skip_serializing_if = "PeriodMap::is_empty")]
    pub targets: PeriodMap<RawTarget>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranks: Vec<RawRank>,
    /// The ids of the 其中 items that partition this total: they must add up to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRank {
    pub period: Period,
    #[serde(default)]
    pub scope: String,
    pub position: u32,
    pub peers: Option<u32>,
    pub by: Option<RankBasis>,
}

/// A value: a bare number, or a map with the number and what is known about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawValue {
    pub value: Option<Decimal>,
    pub growth: Option<Decimal>,
    pub revised: bool,
    pub confidential: bool,
    pub note: String,
    pub unit: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValueFields {
    value: Option<Num>,
    growth: Option<Num>,
    #[serde(default)]
    revised: bool,
    #[serde(default)]
    confidential: bool,
    #[serde(default)]
    note: String,
    /// The unit the figure was typed in, when it differs from the indicator's (checked).
    #[serde(default)]
    unit: String,
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a number, or a map with `value`, `growth`, `revised`, `confidential`, `note`",
                )
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue {
                    value: Some(Decimal::from(v)),
                    ..RawValue::default()
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue {
                    value: Some(Decimal::from(v)),
                    ..RawValue::default()
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
                let value = number::decimal_from_f64(v)
                    .ok_or_else(|| E::custom(format!("`{v}` is not a finite number")))?;
                Ok(RawValue {
                    value: Some(value),
                    ..RawValue::default()
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
                let value = number::parse_decimal(v.trim()).ok_or_else(|| {
                    E::invalid_value(de::Unexpected::Str(v), &"a number such as 36.45")
                })?;
                Ok(RawValue {
                    value: Some(value),
                    ..RawValue::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawValue, A::Error> {
                let f = RawValueFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawValue {
                    value: f.value.map(|n| n.0),
                    growth: f.growth.map(|n| n.0),
                    revised: f.revised,
                    confidential: f.confidential,
                    note: f.note,
                    unit: f.unit,
                })
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// As a map of its fields, each number a string of its exact digits: what the
/// `Deserialize` above reads back to the same value (`load::parsed`).
impl Serialize for RawValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let plain = RawValue {
            value: self.value,
            ..RawValue::default()
        };
        match self.value {
            // most values are a bare number: its digits, read back by `visit_str`
            Some(v) if *self == plain => serializer.serialize_str(&exact_text(v)),
            _ => {
                let mut map = serializer.serialize_map(None)?;
                if let Some(v) = self.value {
                    map.serialize_entry("value", &exact_text(v))?;
                }
                if let Some(g) = self.growth {
                    map.serialize_entry("growth", &exact_text(g))?;
                }
                if self.revised {
                    map.serialize_entry("revised", &true)?;
                }
                if self.confidential {
                    map.serialize_entry("confidential", &true)?;
                }
                if !self.note.is_empty() {
                    map.serialize_entry("note", &self.note)?;
                }
                if !self.unit.is_empty() {
                    map.serialize_entry("unit", &self.unit)?;
                }
                map.end()
            }
        }
    }
}

/// `d` as its digits and scale (`36.450`, `-2.9`): what `Decimal`'s `Display` writes,
/// without the formatting machinery (the cache of `load::parsed` writes a unit's few
/// hundred figures this way on every build).
fn exact_text(d: Decimal) -> String {
    let scale = d.scale() as usize;
    let mut n = d.mantissa().unsigned_abs();
    let mut digits = [0u8; 40];
    let mut i = digits.len();
    // at least one digit before the point
    while n > 0 || digits.len() - i <= scale {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let digits = &digits[i..];
    let mut out = String::with_capacity(digits.len() + 2);
    if d.is_sign_negative() && !d.is_zero() {
        out.push('-');
    }
    let point = digits.len() - scale;
    for (k, &b) in digits.iter().enumerate() {
        if k == point {
            out.push('.');
        }
        out.push(char::from(b));
    }
    out
}

/// An exact decimal read from a YAML number or numeric string (never through f64 maths).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub Decimal);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match RawValue::deserialize(deserializer)? {
            RawValue {
                value: Some(v),
                growth: None,
                ..
            } => Ok(Num(v)),
            _ => Err(de::Error::custom("expected a number such as 36.45")),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTargetFields {
    value: Option<Num>,
    growth: Option<Num>,
    range: Option<[Num; 2]>,
    qualifier: Option<Qualifier>,
    #[serde(default)]
    note: String,
}

/// A target as data.yaml writes it: the figure, and a `note` for the table's 注
/// (列入市对县考核).
#[derive(Debug, Clone, PartialEq)]
pub struct RawTarget {
    pub target: Target,
    pub note: String,
}

impl From<Target> for RawTarget {
    fn from(target: Target) -> Self {
        RawTarget {
            target,
            note: String::new(),
        }
    }
}

impl<'de> Deserialize<'de> for RawTarget {
    /// `{ value: 170, qualifier: 以上 }`, `{ growth: 10, qualifier: 以上 }`, `{ range: [2, 3] }`
    /// or a bare number (a plan level).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TargetVisitor;
        impl<'de> Visitor<'de> for TargetVisitor {
            type Value = RawTarget;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a target: a number, or a map with one of `value`, `growth`, `range`, an optional `qualifier` and `note`")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawTarget, E> {
                Ok(Target::Level {
                    value: Decimal::from(v),
                    qualifier: None,
                }
                .into())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawTarget, E> {
                Ok(Target::Level {
                    value: Decimal::from(v),
                    qualifier: None,
                }
                .into())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawTarget, E> {
                let value = number::decimal_from_f64(v)
                    .ok_or_else(|| E::custom(format!("`{v}` is not a finite number")))?;
                Ok(Target::Level {
                    value,
                    qualifier: None,
                }
                .into())
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawTarget, A::Error> {
                let f = RawTargetFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let note = f.note;
                let target = match (f.value, f.growth, f.range) {
                    (Some(v), None, None) => Ok(Target::Level {
                        value: v.0,
                        qualifier: f.qualifier,
                    }),
                    (None, Some(g), None) => Ok(Target::Growth {
                        rate: g.0,
                        qualifier: f.qualifier,
                    }),
                    (None, None, Some([low, high])) if f.qualifier.is_none() && low.0 <= high.0 => {
                        Ok(Target::Range {
                            low: low.0,
                            high: high.0,
                        })
                    }
                    (None, None, Some(_)) => Err(de::Error::custom(
                        "a range target is `[low, high]` with low ≤ high and no qualifier",
                    )),
                    _ => Err(de::Error::custom(
                        "a target needs exactly one of `value` (a level), `growth` (a growth rate in %) or `range` ([low, high])",
                    )),
                }?;
                Ok(RawTarget { target, note })
            }
        }
        deserializer.deserialize_any(TargetVisitor)
    }
}

/// As the map the `Deserialize` above reads back: `value`, `growth` or `range` (numbers
/// as strings of their exact digits), `qualifier`, `note` (`load::parsed`).
impl Serialize for RawTarget {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match self.target {
            Target::Level { value, qualifier } => {
                map.serialize_entry("value", &exact_text(value))?;
                if let Some(q) = qualifier {
                    map.serialize_entry("qualifier", &q)?;
                }
            }
            Target::Growth { rate, qualifier } => {
                map.serialize_entry("growth", &exact_text(rate))?;
                if let Some(q) = qualifier {
                    map.serialize_entry("qualifier", &q)?;
                }
            }
            Target::Range { low, high } => {
                map.serialize_entry("range", &[exact_text(low), exact_text(high)])?;
            }
        }
        if !self.note.is_empty() {
            map.serialize_entry("note", &self.note)?;
        }
        map.end()
    }
}

/// `tasks.yaml` of a unit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTasks {
    /// Bodies that may lead or support a task, besides the units themselves.
    #[serde(default)]
    pub departments: Vec<String>,
    #[serde(default)]
    pub tasks: Vec<RawTask>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    pub id: String,
    pub number: Option<u32>,
    #[serde(default)]
    pub group: String,
    pub title: String,
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub lead: Vec<String>,
    #[serde(default)]
    pub support: Vec<String>,
    #[serde(default)]
    pub assignments: Vec<RawAssignment>,
    #[serde(default)]
    pub targets: Vec<RawTaskTarget>,
    pub status: Option<TaskStatus>,
    #[serde(default)]
    pub progress: BTreeMap<Period, String>,
}

/// Who leads and supports a task in one sub-unit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAssignment {
    pub unit: String,
    #[serde(default)]
    pub lead: Vec<String>,
    #[serde(default)]
    pub support: Vec<String>,
}

/// A quantitative target of a task, tied to an indicator of the unit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTaskTarget {
    pub indicator: String,
    pub period: Period,
    pub value: Num,
}

#[cfg(test)]
mod exact_text_tests {
    use super::*;

    /// `exact_text` writes what `Decimal`'s `Display` writes, for figures of every size
    /// and scale (seed 000's 36.45, a decline, thousandths, a large amount, zeros).
    #[test]
    fn exact_text_is_what_display_writes() {
        for text in [
            "36.45",
            "-2.9",
            "0.001",
            "0.0",
            "0",
            "14",
            "128.30",
            "1000000.5",
            "-0.05",
            "99999999999.999",
            "36.450",
            "7",
            "0.10",
        ] {
            let d: Decimal = text.parse().unwrap();
            assert_eq!(exact_text(d), d.to_string(), "{text}");
        }
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mantissa = i64::try_from(x >> 20).unwrap() - (1 << 43);
            let d = Decimal::new(mantissa, u32::try_from(x % 12).unwrap());
            assert_eq!(exact_text(d), d.to_string(), "{mantissa} {}", x % 12);
        }
    }
}
