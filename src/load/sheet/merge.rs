//! A unit's spreadsheet merged into its `data.yaml`: each figure the reader found
//! ([`super::SheetValue`]) is matched to an indicator ([`super::matching`]), checked
//! against what the YAML already holds, and written into the raw data as if it had been
//! typed there; where it came from goes into [`SheetPlaces`], which diagnostics consult
//! before the YAML positions table ([`crate::load::YamlFile::place`]), so every rule
//! and the cross-check name the cell (`data.xlsx:主要指标!D7`, `data.csv:3:20`).
//!
//! Rules (user-facing, in the README):
//! - a row's indicator is matched by id, name, short name or alias; a row with figures
//!   that names none is an error at its cell, with the nearest indicator as a hint,
//!   unless listed under `sheet: ignore_rows:`; a row without figures (a section heading
//!   such as `一、工业`) is not read;
//! - with a unit column (地区), only the rows naming this unit (its name, short name or
//!   id) are read; none naming it is an error;
//! - a unit of measure (单位, `数值（万元）`) that is not the indicator's `unit` is an error;
//! - a figure also in `data.yaml`: the same number is a warning (`duplicate-value`: type
//!   it in one place), a different one an error naming both places; either way the YAML's
//!   stays;
//! - a target's qualifier (`170以上`, a 限定 column) goes with the sheet's target of the
//!   same period; a rank keeps its header's scope and basis (`增速全市排名`).

use std::collections::{BTreeMap, HashSet};

use super::matching::{Candidate, Matched, Matcher, row_label};
use super::{Field, Figure, Place, SheetRead, SheetValue};
use rust_decimal::prelude::ToPrimitive as _;

use crate::compute::{Decimal, Qualifier, Target};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::load::YamlFile;
use crate::load::locate::Seg;
use crate::load::raw::{RawData, RawIndicator, RawRank, RawTarget, RawValue};
use crate::model::RankBasis;
use crate::model::period::{Period, PeriodMap};

/// Where each figure taken from a unit's spreadsheet is, by indicator (its index in
/// `data.yaml`) and path (`values/2024/growth`, `targets/2025`, `ranks/1`). Kept after
/// the YAML positions are released: the cross-check, run while pages are made, names
/// the cell a contradicted figure came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetPlaces {
    cells: BTreeMap<(u32, String), Place>,
}

impl SheetPlaces {
    /// The place of the figure at `path` under indicator `indicator` (its index in
    /// `data.yaml`): exactly that figure, or the first figure under it (`values/2024` is
    /// its value, else its growth).
    pub fn find(&self, indicator: usize, path: &[Seg<'_>]) -> Option<&Place> {
        let mut key = String::new();
        for seg in path {
            match seg {
                Seg::Key(k) => key.push_str(k),
                Seg::Index(i) => key.push_str(&i.to_string()),
                Seg::KeyNamed(_) => return None,
            }
            key.push('/');
        }
        let key = key.trim_end_matches('/');
        let at = u32::try_from(indicator).ok()?;
        if let Some(p) = self.cells.get(&(at, key.to_string())) {
            return Some(p);
        }
        let prefix = format!("{key}/");
        let mut under = self
            .cells
            .range((at, prefix.clone())..)
            .take_while(|((i, k), _)| *i == at && k.starts_with(&prefix));
        // a value before its growth
        let first = under.next()?;
        Some(
            std::iter::once(first)
                .chain(under)
                .find(|((_, k), _)| k.ends_with("/value"))
                .unwrap_or(first)
                .1,
        )
    }

    fn get(&self, indicator: usize, key: &str) -> Option<&Place> {
        self.cells
            .get(&(u32::try_from(indicator).ok()?, key.to_string()))
    }

    fn insert(&mut self, indicator: usize, key: String, place: Place) {
        if let Ok(at) = u32::try_from(indicator) {
            self.cells.insert((at, key), place);
        }
    }
}

/// The unit the sheet belongs to, for a unit column (地区).
pub(crate) struct UnitNames<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub short_name: &'a str,
}

/// Merges the figures of `read` into `data`; pushes a diagnostic for every problem
/// (the reader's too) and returns where each figure taken came from.
pub(crate) fn merge(
    data: &mut RawData,
    yaml: &YamlFile,
    read: SheetRead,
    unit: &UnitNames<'_>,
    diags: &mut Diagnostics,
) -> SheetPlaces {
    for e in &read.errors {
        diags.push(e.to_diagnostic());
    }
    let ignored: HashSet<String> = data
        .sheet
        .as_ref()
        .map(|m| m.ignore_rows.iter().map(|r| row_label(r)).collect())
        .unwrap_or_default();
    let values = of_this_unit(read.values, unit, diags);
    let candidates = Candidate::of(&data.indicators);
    let matcher = Matcher::new(&candidates);
    let mut matched: Vec<(usize, SheetValue)> = Vec::new();
    let mut reported: HashSet<String> = HashSet::new();
    for v in values {
        let (message, hint) = match matcher.find(&v.indicator) {
            Matched::One(i) => {
                matched.push((i, v));
                continue;
            }
            _ if ignored.contains(&row_label(&v.indicator)) => continue,
            // one error a row text
            _ if !reported.insert(v.indicator.clone()) => continue,
            Matched::Several(all) => {
                let ids: Vec<String> = all
                    .iter()
                    .map(|&i| format!("`{}`", candidates[i].id))
                    .collect();
                (
                    text!(
                        "the row `{row}` could be any of {en}",
                        "“{row}”这一行可能是 {zh} 中的任一个",
                        row = &v.indicator,
                        en = ids.join(", "),
                        zh = ids.join("、")
                    ),
                    text!(
                        "write the indicator's id in the row's indicator cell",
                        "请在这一行的指标单元格中写指标 id"
                    ),
                )
            }
            Matched::Nothing { nearest } => (
                text!(
                    "the row `{row}` names no indicator of data.yaml",
                    "“{row}”这一行不是 data.yaml 中的任何指标",
                    row = &v.indicator
                ),
                match nearest {
                    Some(i) => text!(
                        "did you mean `{id}` ({name})? Else define it in data.yaml, or list the row under `sheet: ignore_rows:`",
                        "是否应为“{id}”（{name}）？否则请在 data.yaml 中定义该指标，或把这一行列入 `sheet: ignore_rows:`",
                        id = candidates[i].id,
                        name = candidates[i].name
                    ),
                    None => text!(
                        "define it in data.yaml (id, name, unit, kind), or list the row under `sheet: ignore_rows:`",
                        "请在 data.yaml 中定义该指标（id、name、unit、kind），或把这一行列入 `sheet: ignore_rows:`"
                    ),
                },
            ),
        };
        diags.push(
            at(
                &v.key_place,
                Diagnostic::error(Code::UnknownIndicator, "", message),
            )
            .hint(hint),
        );
    }
    drop(candidates);
    let mut places = SheetPlaces::default();
    let mut by_indicator: BTreeMap<usize, Vec<SheetValue>> = BTreeMap::new();
    for (i, v) in matched {
        by_indicator.entry(i).or_default().push(v);
    }
    for (i, values) in by_indicator {
        let mut merger = Merger {
            yaml,
            i,
            places: &mut places,
            diags,
        };
        merger.indicator(&mut data.indicators[i], values);
    }
    places
}

/// A diagnostic at a sheet's cell.
fn at(place: &Place, d: Diagnostic) -> Diagnostic {
    let (file, position) = place.shown();
    let d = Diagnostic { file, ..d };
    match position {
        Some(p) => d.at(p),
        None => d,
    }
}

/// The figures of rows naming this unit, when the sheet has a unit column.
fn of_this_unit(
    values: Vec<SheetValue>,
    unit: &UnitNames<'_>,
    diags: &mut Diagnostics,
) -> Vec<SheetValue> {
    let Some(first) = values.iter().find(|v| v.unit.is_some()) else {
        return values;
    };
    let first = first.place.clone();
    let names: Vec<String> = [unit.id, unit.name, unit.short_name]
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| row_label(n))
        .collect();
    let kept: Vec<SheetValue> = values
        .into_iter()
        .filter(|v| {
            v.unit
                .as_deref()
                .is_none_or(|u| names.contains(&row_label(u)))
        })
        .collect();
    if kept.is_empty() {
        diags.push(
            at(
                &first,
                Diagnostic::error(
                    Code::UnknownUnit,
                    "",
                    text!(
                        "no row of this sheet is of {name} (its unit column names other units)",
                        "表中没有{name}的行（地区列写的是其他单位）",
                        name = unit.name
                    ),
                ),
            )
            .expected(text!(
                "`{name}` in the unit column",
                "地区列中有“{name}”",
                name = unit.name
            ))
            .hint(text!(
                "a sheet with a unit column (地区) is read for the rows naming the unit of its folder: its name, short name or id",
                "有地区列的表，只读取写明本文件夹单位（名称、简称或 id）的行"
            )),
        );
    }
    kept
}

struct Merger<'a, 'b> {
    yaml: &'a YamlFile,
    /// The indicator's index in data.yaml.
    i: usize,
    places: &'b mut SheetPlaces,
    diags: &'b mut Diagnostics,
}

impl Merger<'_, '_> {
    fn indicator(&mut self, ind: &mut RawIndicator, values: Vec<SheetValue>) {
        let mut figures: Vec<(Period, RawValue)> =
            ind.values.iter().map(|(p, v)| (*p, v.clone())).collect();
        let mut targets: Vec<(Period, RawTarget)> =
            ind.targets.iter().map(|(p, t)| (*p, t.clone())).collect();
        // the sheet's targets, with their cells, before their qualifiers are applied
        let mut sheet_targets: BTreeMap<Period, (Target, Place)> = BTreeMap::new();
        let mut qualifiers: Vec<(Period, Qualifier, Place)> = Vec::new();
        for v in values {
            if !self.measure_agrees(ind, &v) {
                continue;
            }
            match (v.field, &v.figure) {
                (Field::Value | Field::Growth, Figure::Number(d)) => {
                    self.value(ind, &mut figures, &v, *d);
                }
                (Field::TargetValue, Figure::Number(d)) => {
                    let t = Target::Level {
                        value: *d,
                        qualifier: None,
                    };
                    self.sheet_target(ind, &mut sheet_targets, &v, t);
                }
                (Field::TargetGrowth, Figure::Number(d)) => {
                    let t = Target::Growth {
                        rate: *d,
                        qualifier: None,
                    };
                    self.sheet_target(ind, &mut sheet_targets, &v, t);
                }
                (Field::Qualifier, Figure::Qualifier(q)) => {
                    qualifiers.push((v.period, *q, v.place.clone()));
                }
                (Field::Rank, Figure::Number(d)) => self.rank(ind, &v, *d),
                // the reader gives a qualifier only for the qualifier field
                _ => {}
            }
        }
        for (period, q, place) in qualifiers {
            match sheet_targets.get_mut(&period) {
                Some((Target::Level { qualifier, .. } | Target::Growth { qualifier, .. }, _)) => {
                    *qualifier = Some(q);
                }
                _ => self.diags.push(
                    at(&place, Diagnostic::error(
                        Code::BadTarget,
                        "",
                        text!(
                            "`{id}`: a qualifier for {p} with no target beside it in the sheet",
                            "{id}：{p}有限定词，但表中同一行没有目标",
                            id = &ind.id,
                            p = period.label()
                        ),
                    ))
                    .hint(text!(
                        "give the target in the same row (a 目标 column), or the qualifier in data.yaml with its target",
                        "请在同一行给出目标（“目标”列），或把限定词和目标一起写在 data.yaml 中"
                    )),
                ),
            }
        }
        for (period, (target, place)) in sheet_targets {
            let key = period.to_string();
            let path = [
                Seg::Key("indicators"),
                Seg::Index(self.i),
                Seg::Key("targets"),
                Seg::Key(&key),
            ];
            match targets.iter().find(|(p, _)| *p == period) {
                Some((_, typed)) => {
                    let written = self.yaml.written(&path);
                    self.twice(
                        ind,
                        &place,
                        written,
                        &period,
                        "target",
                        typed.target == target,
                        &target_text(&typed.target),
                    );
                }
                None => {
                    self.places.insert(self.i, format!("targets/{key}"), place);
                    targets.push((period, target.into()));
                }
            }
        }
        ind.values = figures.into_iter().collect::<PeriodMap<_>>();
        ind.targets = targets.into_iter().collect::<PeriodMap<_>>();
    }

    /// A value or a stated growth.
    fn value(
        &mut self,
        ind: &RawIndicator,
        figures: &mut Vec<(Period, RawValue)>,
        v: &SheetValue,
        d: Decimal,
    ) {
        let (name, growth) = match v.field {
            Field::Growth => ("growth", true),
            _ => ("value", false),
        };
        let key = v.period.to_string();
        let entry = match figures.iter_mut().find(|(p, _)| *p == v.period) {
            Some((_, e)) => e,
            None => {
                figures.push((v.period, RawValue::default()));
                &mut figures.last_mut().expect("pushed").1
            }
        };
        let slot = if growth {
            &mut entry.growth
        } else {
            &mut entry.value
        };
        match *slot {
            Some(typed) => {
                // a bare number in YAML is the value itself; a map holds `value:`/`growth:`
                let path = [
                    Seg::Key("indicators"),
                    Seg::Index(self.i),
                    Seg::Key("values"),
                    Seg::Key(&key),
                    Seg::Key(name),
                ];
                // given before in the sheet itself, or in data.yaml
                let written = self
                    .places
                    .get(self.i, &format!("values/{key}/{name}"))
                    .map(Place::to_string)
                    .or_else(|| self.yaml.written(&path))
                    .or_else(|| self.yaml.written(&path[..4]));
                let what = if growth { "growth" } else { "value" };
                self.twice(
                    ind,
                    &v.place,
                    written,
                    &v.period,
                    what,
                    typed == d,
                    &typed.to_string(),
                );
            }
            None => {
                *slot = Some(d);
                self.places
                    .insert(self.i, format!("values/{key}/{name}"), v.place.clone());
            }
        }
    }

    fn sheet_target(
        &mut self,
        ind: &RawIndicator,
        targets: &mut BTreeMap<Period, (Target, Place)>,
        v: &SheetValue,
        target: Target,
    ) {
        if let Some((_, first)) = targets.get(&v.period) {
            self.diags.push(
                at(
                    &v.place,
                    Diagnostic::error(
                        Code::BadTarget,
                        "",
                        text!(
                            "`{id}`: a second target for {p} (the first is at {first})",
                            "{id}：{p}有第二个目标（第一个在 {first}）",
                            id = &ind.id,
                            p = v.period.label()
                        ),
                    ),
                )
                .hint(text!(
                    "a period has one target: a level (目标) or a growth rate (目标增速)",
                    "一个时期只有一个目标：总量（目标）或增速（目标增速）"
                )),
            );
            return;
        }
        targets.insert(v.period, (target, v.place.clone()));
    }

    fn rank(&mut self, ind: &mut RawIndicator, v: &SheetValue, d: Decimal) {
        let Some(position) = d.fract().is_zero().then(|| d.to_u32()).flatten() else {
            self.diags.push(at(
                &v.place,
                Diagnostic::error(
                    Code::ImpossibleValue,
                    "",
                    text!(
                        "`{id}`: a rank position is a whole number, not {d}",
                        "{id}：位次应为整数，不能是 {d}",
                        id = &ind.id
                    ),
                ),
            ));
            return;
        };
        let of = v.rank.clone().unwrap_or_default();
        let by = if of.by_growth {
            RankBasis::Growth
        } else {
            RankBasis::Level
        };
        let same = |r: &RawRank| {
            r.period == v.period
                && r.by.unwrap_or(RankBasis::Level) == by
                && (of.scope.is_empty() || r.scope.is_empty() || r.scope == of.scope)
        };
        if let Some(j) = ind.ranks.iter().position(same) {
            let path = [
                Seg::Key("indicators"),
                Seg::Index(self.i),
                Seg::Key("ranks"),
                Seg::Index(j),
                Seg::Key("position"),
            ];
            let written = self
                .places
                .get(self.i, &format!("ranks/{j}"))
                .map(Place::to_string)
                .or_else(|| self.yaml.written(&path));
            let typed = ind.ranks[j].position;
            self.twice(
                ind,
                &v.place,
                written,
                &v.period,
                "rank",
                typed == position,
                &typed.to_string(),
            );
            return;
        }
        self.places.insert(
            self.i,
            format!("ranks/{}", ind.ranks.len()),
            v.place.clone(),
        );
        ind.ranks.push(RawRank {
            period: v.period,
            scope: of.scope,
            position,
            peers: None,
            by: of.by_growth.then_some(RankBasis::Growth),
        });
    }

    /// A unit of measure the sheet states must be the indicator's.
    fn measure_agrees(&mut self, ind: &RawIndicator, v: &SheetValue) -> bool {
        let Some(measure) = v
            .measure
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
        else {
            return true;
        };
        if measure == ind.unit {
            return true;
        }
        let hint = match &v.figure {
            Figure::Number(d) => crate::compute::number::convert_unit(*d, measure, &ind.unit)
                .map(|c| {
                    text!(
                        "{d}{measure} is {c}{u}: write {c} and the unit {u}, or change the indicator's `unit`",
                        "{d}{measure}即 {c}{u}：请写 {c}，单位写 {u}，或修改指标的 `unit`",
                        u = &ind.unit
                    )
                }),
            Figure::Qualifier(_) => None,
        };
        self.diags.push(
            at(&v.place, Diagnostic::error(
                Code::UnitMismatch,
                "",
                text!(
                    "`{id}` ({name}): the sheet gives this figure in {measure}, the indicator is in {u}",
                    "{id}（{name}）：表中这个数的单位是{measure}，指标的单位是{u}",
                    id = &ind.id,
                    name = &ind.name,
                    u = &ind.unit
                ),
            ))
            .expected(if ind.unit.is_empty() {
                text!(
                    "a figure in the indicator's unit",
                    "以指标的单位计的数"
                )
            } else {
                text!("a figure in {u}", "以{u}计的数", u = &ind.unit)
            })
            .maybe_hint(hint),
        );
        false
    }

    /// A figure given twice (in data.yaml and the sheet, or twice in the sheet): a warning
    /// when they agree, an error naming both places when they do not. The first stays.
    #[expect(clippy::too_many_arguments, reason = "one message from its parts")]
    fn twice(
        &mut self,
        ind: &RawIndicator,
        place: &Place,
        written: Option<String>,
        period: &Period,
        what: &str,
        same: bool,
        typed: &str,
    ) {
        let yaml = written.unwrap_or_else(|| self.yaml.path.display().to_string());
        let zh = match what {
            "value" => "数值",
            "growth" => "增速",
            "target" => "目标",
            _ => "位次",
        };
        let (id, name, p) = (&ind.id, &ind.name, period.label());
        let d = if same {
            Diagnostic::warning(
                Code::DuplicateValue,
                "",
                text!(
                    "`{id}` ({name}): the {what} for {p} is given here and in {yaml}",
                    "{id}（{name}）：{p}的{zh}在这里和 {yaml} 中都填了"
                ),
            )
            .hint(text!(
                "type each figure in one place: delete the other",
                "每个数只填一处：请删去另一处"
            ))
        } else {
            Diagnostic::error(
                Code::DuplicateValue,
                "",
                text!(
                    "`{id}` ({name}): the {what} for {p} differs here and in {yaml}, which gives {typed}",
                    "{id}（{name}）：{p}的{zh}与 {yaml} 不一致，那里为 {typed}"
                ),
            )
            .hint(text!(
                "keep the right figure in one place and delete the other",
                "请保留正确的数，只填一处，删去另一处"
            ))
        };
        self.diags.push(at(place, d));
    }
}

/// A target as data.yaml would show it: `170以上`, `增长10%以上`, `2—3`.
fn target_text(t: &Target) -> String {
    let q = |q: Option<Qualifier>| q.map_or("", Qualifier::as_str);
    match t {
        Target::Level { value, qualifier } => format!("{value}{}", q(*qualifier)),
        Target::Growth { rate, qualifier } => format!("增长{rate}%{}", q(*qualifier)),
        Target::Range { low, high } => format!("{low}—{high}"),
    }
}
