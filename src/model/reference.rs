//! References from commentary to data: `gdp`, `gdp.change`, `gdp@2024Q3`,
//! `luan-kfq:gdp.rank`. Parses the text and resolves it against the site, with a
//! "did you mean" hint when an id or part is mistyped. No I/O.

use std::str::FromStr;

use super::Site;
use super::period::{BadPeriod, Period};
use crate::diagnostic::{Code, did_you_mean};
use crate::lang::Text;

/// Which phrase of an indicator a reference asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// name, value, change and rank in one phrase: 地区生产总值…，比上年增长5.7%，居全市第2位
    Full,
    Name,
    Value,
    Prior,
    /// 增长5.7% / 上升11个百分点 / 前进85位
    Change,
    /// 比上年增长5.7% / 同比增长5.7%
    Yoy,
    Rank,
    Target,
    Share,
    /// Progress against a multi-year target: 完成三年目标的25.0%，时序进度33.3%
    Progress,
}

pub const PARTS: [&str; 10] = [
    "full", "name", "value", "prior", "change", "yoy", "rank", "target", "share", "progress",
];

impl FromStr for Part {
    type Err = ();
    fn from_str(s: &str) -> Result<Part, ()> {
        Ok(match s {
            "full" => Part::Full,
            "name" => Part::Name,
            "value" => Part::Value,
            "prior" => Part::Prior,
            "change" => Part::Change,
            "yoy" => Part::Yoy,
            "rank" => Part::Rank,
            "target" => Part::Target,
            "share" => Part::Share,
            "progress" => Part::Progress,
            _ => return Err(()),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureRef {
    pub unit: usize,
    pub indicator: usize,
    /// None: the bulletin's own period (or the indicator's latest year).
    pub period: Option<Period>,
    pub part: Part,
}

#[derive(Debug, Clone)]
pub struct RefError {
    pub code: Code,
    pub message: Text,
    pub expected: Option<Text>,
    pub hint: Option<Text>,
    /// A consequence of an error already reported (the unit's data.yaml did not load):
    /// not worth a second message.
    pub cascade: bool,
}

impl RefError {
    pub fn new(code: Code, message: impl Into<Text>) -> Self {
        RefError {
            code,
            message: message.into(),
            expected: None,
            hint: None,
            cascade: false,
        }
    }

    pub fn expected(mut self, expected: impl Into<Text>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: Option<impl Into<Text>>) -> Self {
        self.hint = hint.map(Into::into);
        self
    }
}

/// Resolves `[unit:]id[@period][.part]`; `unit` is the unit the text belongs to.
pub fn parse(text: &str, site: &Site, unit: Option<usize>) -> Result<FigureRef, RefError> {
    let text = text.trim();
    let (rest, part) = match text.rsplit_once('.') {
        Some((rest, part)) => {
            let parsed = part.parse().map_err(|()| {
                RefError::new(
                    Code::UnknownPart,
                    text!(
                        "`.{part}` is not a part of a figure",
                        "`.{part}` 不是数字组件可取的部分"
                    ),
                )
                .expected(
                    PARTS
                        .iter()
                        .map(|p| format!("`.{p}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                )
                .hint(did_you_mean(part, PARTS))
            })?;
            (rest, parsed)
        }
        None => (text, Part::Full),
    };
    let (rest, period) = match rest.split_once('@') {
        Some((rest, p)) => {
            let period = p
                .parse()
                .map_err(|e: BadPeriod| RefError::new(Code::BadPeriod, e.text()))?;
            (rest, Some(period))
        }
        None => (rest, None),
    };
    let (unit, id) = match rest.rsplit_once(':') {
        Some((u, id)) => match site.unit(u) {
            Some(i) => (i, id),
            None => {
                return Err(RefError::new(
                    Code::UnknownUnit,
                    text!("there is no unit `{u}`", "没有单位“{u}”"),
                )
                .expected(text!(
                    "the folder name of a unit under `content/`",
                    "`content/` 下某个单位的文件夹名"
                ))
                .hint(did_you_mean(u, site.unit_ids())));
            }
        },
        None => match unit {
            Some(u) => (u, rest),
            None => {
                return Err(RefError::new(
                    Code::UnknownUnit,
                    text!(
                        "`{rest}` does not say which unit it belongs to",
                        "“{rest}”没有写明属于哪个单位"
                    ),
                )
                .expected(text!(
                    "`unit:indicator`, e.g. `luan-kfq:gdp`",
                    "`单位:指标`，如 `luan-kfq:gdp`"
                )));
            }
        },
    };
    let u = &site.units[unit];
    let indicator = u.indicator(id).ok_or_else(|| {
        let file = u.data_source.as_ref().map_or_else(
            || format!("content/{}/data.yaml", u.id),
            |s| s.path.display().to_string(),
        );
        RefError {
            cascade: u.data_broken,
            ..RefError::new(
                Code::UnknownIndicator,
                text!(
                    "unit `{u}` has no indicator `{id}`",
                    "单位“{u}”没有指标“{id}”",
                    u = &u.id
                ),
            )
            .expected(text!("an `id` from {file}", "{file} 中的某个 `id`"))
            .hint(did_you_mean(id, u.indicator_ids()))
        }
    })?;
    Ok(FigureRef {
        unit,
        indicator,
        period,
        part,
    })
}
