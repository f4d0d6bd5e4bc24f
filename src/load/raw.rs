//! Serde structs that mirror the files on disk: `site.yaml`, `data.yaml`, and the front
//! matter of `_index.md` and bulletins. Shape only: no cross-references are checked here,
//! and nothing downstream of `model` sees these types. Every struct denies unknown keys so
//! a typo is reported with its line; no `#[serde(flatten)]` (it loses line numbers).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
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
    /// The search page and its index (`search/`), linked from every page's top bar; off
    /// for a column whose website searches it already.
    #[serde(default = "default_search")]
    pub search: bool,
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

fn default_search() -> bool {
    true
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
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBulletin {
    pub title: String,
    #[serde(default)]
    pub kicker: Lines,
    #[serde(default)]
    pub subtitle: Lines,
    pub date: String,
    pub period: Period,
    #[serde(default)]
    pub layout: Layout,
    #[serde(default)]
    pub byline: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub key_figures: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    /// 发文字号 of an official document: 金发〔2024〕5号.
    #[serde(default)]
    pub doc_number: String,
    /// 发文机关: the issuing bodies, in the header and the signature.
    #[serde(default)]
    pub issuers: Lines,
    /// 主送机关.
    #[serde(default)]
    pub addressees: String,
    /// 索引号, for the disclosure metadata.
    #[serde(default)]
    pub index_number: String,
    /// 发布日期, when it differs from the date written (成文日期).
    #[serde(default)]
    pub published: Option<String>,
    /// The file name (same unit) of the plan this page interprets (解读).
    #[serde(default)]
    pub interprets: Option<String>,
    /// The stage of a document published before its final form (征求意见稿, 送审稿),
    /// printed beside the title.
    #[serde(default)]
    pub draft_mark: String,
    /// 版记 of a document (GB/T 9704-2012, 7.4): 抄送机关, one line or a list.
    #[serde(default)]
    pub cc: Lines,
    /// 版记: 印发机关.
    #[serde(default)]
    pub printed_by: String,
    /// 版记: 印发日期.
    #[serde(default)]
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

/// `data.yaml` of a unit.
#[derive(Debug, Deserialize)]
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub short_name: String,
    /// Other names the commentary uses for it (GDP, 税收), for the cross-check.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub unit: String,
    pub kind: Kind,
    pub decimals: Option<u32>,
    pub higher_is_better: Option<bool>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub source: String,
    pub growth_basis: Option<GrowthBasis>,
    /// For `rank` indicators: where the position is held (全市, 全国国家级经开区).
    #[serde(default)]
    pub scope: String,
    pub peers: Option<u32>,
    pub share_of: Option<String>,
    /// Values are flows that add up over periods (new firms per year): a multi-year
    /// target is met by their sum, not by the latest value.
    #[serde(default)]
    pub accumulates: bool,
    /// The unit's value is the sum of its sub-units' values of the same indicator.
    #[serde(default)]
    pub sum_of_children: bool,
    #[serde(default)]
    pub values: PeriodMap<RawValue>,
    #[serde(default)]
    pub targets: PeriodMap<RawTarget>,
    #[serde(default)]
    pub ranks: Vec<RawRank>,
    /// The ids of the 其中 items that partition this total: they must add up to it.
    #[serde(default)]
    pub parts: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
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
