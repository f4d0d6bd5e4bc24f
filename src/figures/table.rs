//! Statistics-office tables built from figures: year-over-year (`yoy`), target
//! completion (`targets`), ranks (`ranks`), and a unit's latest indicators (`latest`).
//! Produces a [`TableView`] of ready strings for the table writer (`render::table_html`,
//! or a site's own `components/table.html`); the caption goes above, units in the
//! header, 注 and 数据来源 below. A column whose every cell would print "—" or nothing
//! is left out of the view (templates see only the columns shown) and a 注 says why;
//! notes explain a dash only where one is printed. No I/O.

use serde::Serialize;

use std::borrow::Cow;

use std::sync::Arc;

use super::{Figure, PageFigures};
use crate::compute::Target;
use crate::compute::comparison::{self, Change};
use crate::compute::number::fixed;
use crate::compute::phrase::{self, UNAVAILABLE};
use crate::model::task::Task;
use crate::model::{Indicator, Period, RankBasis, Site};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TableKind {
    Yoy,
    Targets,
    Ranks,
    Latest,
    Tasks,
    Split,
}

impl TableKind {
    pub fn from_fence(lang: &str) -> Option<TableKind> {
        match lang {
            "yoy" => Some(TableKind::Yoy),
            "targets" => Some(TableKind::Targets),
            "ranks" => Some(TableKind::Ranks),
            "tasks" => Some(TableKind::Tasks),
            "split" => Some(TableKind::Split),
            _ => None,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct TableView {
    pub id: String,
    pub kind: TableKind,
    pub caption: String,
    pub unit_note: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
    pub source: String,
}

#[derive(Debug, Serialize)]
pub struct Column {
    pub label: String,
    /// The column holds figures (its header is right-aligned like them).
    pub numeric: bool,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub header: String,
    /// A 其中 sub-item (level 1 or 2).
    pub indent: bool,
    /// Its 其中 level: 0 for a row of its own, 1 for 其中, 2 for a 其中 of a 其中.
    pub level: u8,
    pub cells: Vec<Cell>,
    /// Non-empty: a heading row for a group of rows (a theme of tasks), spanning the table.
    pub group: String,
}

#[derive(Debug, Serialize)]
pub struct Cell {
    pub text: String,
    pub numeric: bool,
    pub class: &'static str,
    /// `num`, `up`, `num down` …: the class attribute, ready for the template.
    pub classes: Cow<'static, str>,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell {
            classes: Cow::Borrowed(""),
            text: text.into(),
            numeric: false,
            class: "",
        }
    }

    fn number(text: impl Into<String>) -> Cell {
        Cell {
            classes: Cow::Borrowed(""),
            text: text.into(),
            numeric: true,
            class: "",
        }
    }
}

/// What a table block asks for, already resolved to indicators.
pub struct TableRequest<'a> {
    pub kind: TableKind,
    pub id: String,
    pub caption: String,
    pub period: Period,
    /// (indicator, its 其中 level: 0 none, 1 or 2)
    pub indicators: Vec<(&'a Indicator, u8)>,
}

/// The table `req` asks for, its figures those of the page (`page`).
pub fn build<'a>(req: &TableRequest<'a>, page: &PageFigures<'a>) -> TableView {
    let figures: Vec<(Arc<Figure<'a>>, u8)> = req
        .indicators
        .iter()
        .map(|(ind, indent)| (page.figure(ind, req.period), *indent))
        .collect();
    let units: Vec<&str> = figures
        .iter()
        .map(|(f, _)| f.indicator.unit.as_str())
        .collect();
    // One unit for every row goes above the table (单位：亿元) instead of in a column.
    let unit_note = match units.first() {
        Some(u)
            if !u.is_empty() && units.iter().all(|x| x == u) && req.kind != TableKind::Ranks =>
        {
            format!("单位：{u}")
        }
        _ => String::new(),
    };
    let (mut columns, mut rows) = match req.kind {
        TableKind::Yoy | TableKind::Latest => yoy(req.period, &figures, unit_note.is_empty()),
        TableKind::Targets => targets(&figures),
        TableKind::Ranks => ranks(&figures),
        // Built by `tasks` and `split`, which need more than a list of indicators.
        TableKind::Tasks | TableKind::Split => (Vec::new(), Vec::new()),
    };
    // Columns that carry nothing are not printed (issue 15): the row header and the
    // figure the table is about stay, any other column whose every cell prints "—" or
    // nothing goes, and a note says why.
    let period_label = req.period.label();
    let dropped = drop_blank_columns(&mut columns, &mut rows, |i, label| match req.kind {
        TableKind::Yoy | TableKind::Latest => i > 0 && label != period_label,
        TableKind::Targets => i > 1,
        TableKind::Ranks => i > 0 && label != "位次",
        TableKind::Tasks | TableKind::Split => false,
    });
    let mut notes: Vec<String> = Vec::new();
    let mut sources: Vec<&str> = Vec::new();
    // A value's own note (示例数据, 修订数) only where the table prints the value: not
    // beside ranks, nor beside targets without their 完成 column.
    let values_shown = match req.kind {
        TableKind::Ranks => false,
        TableKind::Targets => columns.iter().any(|c| c.label == "完成"),
        _ => true,
    };
    for (f, _) in &figures {
        let ind = f.indicator;
        if !ind.note.is_empty() {
            notes.push(format!(
                "{}：{}。",
                ind.name,
                ind.note.trim_end_matches('。')
            ));
        }
        let value = f.value.filter(|_| values_shown);
        if let Some(v) = value.filter(|v| !v.note.is_empty() && v.note != ind.note) {
            notes.push(format!("{}：{}。", ind.name, v.note.trim_end_matches('。')));
        }
        if value.is_some_and(|v| v.revised) {
            notes.push(format!("{}{}数据为修订数。", ind.name, f.period.label()));
        }
        if req.kind == TableKind::Targets
            && let Some(note) = ind.target_notes.get(&f.period)
        {
            notes.push(format!(
                "{}{}目标：{}。",
                ind.name,
                f.period.label(),
                note.trim_end_matches('。')
            ));
        }
        if !ind.source.is_empty() && !sources.contains(&ind.source.as_str()) {
            sources.push(&ind.source);
        }
    }
    // A note explains a dash only when the table prints one: a row of a confidential
    // figure is explained by 保密, any other dash by 无上年可比数据或不适用 (rows of a
    // `ranks` table are ranks, not values: a dash there is a rank the data do not hold,
    // 上年位次 most often).
    let confidential = |f: &Figure<'_>| f.value.is_some_and(|v| v.confidential);
    let (secret_dash, other_dash) = if req.kind == TableKind::Ranks {
        (
            figures.iter().any(|(f, _)| confidential(f)),
            rows.iter()
                .any(|r| r.cells.iter().any(|c| c.text == UNAVAILABLE)),
        )
    } else {
        let dashed = |i: usize| {
            rows.get(i)
                .is_some_and(|r: &Row| r.cells.iter().any(|c| c.text == UNAVAILABLE))
        };
        let dashed_rows = |secret: bool| {
            figures
                .iter()
                .enumerate()
                .any(|(i, (f, _))| confidential(f) == secret && dashed(i))
        };
        (dashed_rows(true), dashed_rows(false))
    };
    notes.extend(dropped_note(req, &dropped));
    if secret_dash {
        notes.push("“—”表示数据保密，不予公开。".to_string());
    }
    if other_dash {
        notes.push(
            if req.kind == TableKind::Targets {
                "“—”表示暂无数据或不适用。"
            } else {
                "“—”表示无上年可比数据或不适用。"
            }
            .to_string(),
        );
    }
    TableView {
        id: req.id.clone(),
        kind: req.kind,
        caption: req.caption.clone(),
        unit_note,
        columns,
        rows,
        notes,
        source: sources.join("；"),
    }
    .finish()
}

/// Whether a cell prints nothing the reader can use: empty, or "—".
fn is_blank(cell: &Cell) -> bool {
    let text = cell.text.trim();
    text.is_empty() || text == UNAVAILABLE
}

/// Removes every column `droppable` allows (by its index, the row header being 0, and its
/// label) whose cells are all blank in every row of figures, and returns the labels of
/// those removed, in order. A table without rows of figures keeps its columns. Decided on
/// the cells' text, the digits the reader would have seen.
fn drop_blank_columns(
    columns: &mut Vec<Column>,
    rows: &mut [Row],
    droppable: impl Fn(usize, &str) -> bool,
) -> Vec<String> {
    let figure_rows = || rows.iter().filter(|r| r.group.is_empty());
    if figure_rows().next().is_none() {
        return Vec::new();
    }
    let blank: Vec<bool> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            i > 0
                && droppable(i, &c.label)
                && figure_rows().all(|r| r.cells.get(i - 1).is_none_or(is_blank))
        })
        .collect();
    if !blank.contains(&true) {
        return Vec::new();
    }
    for row in rows.iter_mut().filter(|r| r.group.is_empty()) {
        let mut i = 0;
        row.cells.retain(|_| {
            i += 1;
            !blank.get(i).copied().unwrap_or(false)
        });
    }
    let mut dropped = Vec::new();
    let mut i = 0;
    columns.retain(|c| {
        let keep = !blank[i];
        i += 1;
        if !keep {
            dropped.push(c.label.clone());
        }
        keep
    });
    dropped
}

/// The 注 that says which columns a table leaves out, and why — none for a targets table
/// that is its targets alone (a work plan, next year's targets: the caption says so), or
/// for a unit column with no unit in it.
fn dropped_note(req: &TableRequest<'_>, dropped: &[String]) -> Option<String> {
    let named: Vec<&String> = dropped.iter().filter(|l| *l != "单位").collect();
    if named.is_empty() {
        return None;
    }
    let columns: String = named.iter().map(|l| format!("“{l}”")).collect();
    let prior = req
        .period
        .prior()
        .map_or_else(|| "上年".to_string(), Period::label);
    let why = match req.kind {
        TableKind::Targets if named.iter().any(|l| *l == "完成") => return None,
        TableKind::Targets if named.iter().all(|l| *l == "是否完成") && !req.period.is_year() => {
            "全年目标是否完成，待全年数据确定".to_string()
        }
        TableKind::Targets => "表中各项均无法评价".to_string(),
        TableKind::Ranks if named.iter().any(|l| *l == "上年位次") => {
            "表中各项均无上年位次".to_string()
        }
        TableKind::Yoy | TableKind::Latest if named.iter().any(|l| **l == prior) => {
            format!("表中各项均无{prior}数据")
        }
        _ => "表中各项均无可比数据".to_string(),
    };
    Some(format!("{why}，未列{columns}栏。"))
}

fn labels(labels: &[&str]) -> Vec<Column> {
    labels
        .iter()
        .map(|l| Column {
            numeric: false,
            label: (*l).to_string(),
        })
        .collect()
}

/// 指标 | 单位 | 2024年 | 2023年 | 比上年增长（%）(比上年同期… for a part of a year)
fn yoy(
    period: Period,
    figures: &[(Arc<Figure<'_>>, u8)],
    unit_column: bool,
) -> (Vec<Column>, Vec<Row>) {
    let all = |pred: fn(&Change) -> bool| {
        figures
            .iter()
            .all(|(f, _)| pred(&f.change) || f.change == Change::Unavailable)
    };
    // a quarter, month or part of a year is compared with the same part of last year
    let base = if period.is_year() {
        "比上年"
    } else {
        "比上年同期"
    };
    let words =
        !all(|c| matches!(c, Change::Growth(_))) && !all(|c| matches!(c, Change::Points(_)));
    let change_label = if words {
        format!("{base}增减")
    } else if all(|c| matches!(c, Change::Growth(_))) {
        format!("{base}增长（%）")
    } else {
        format!("{base}增减（百分点）")
    };
    let prior_label = period
        .prior()
        .map_or_else(|| "上年".to_string(), Period::label);
    let period_label = period.label();
    let mut columns = labels(&["指标", "单位", &period_label, &prior_label, &change_label]);
    if !unit_column {
        columns.remove(1);
    }
    let rows = figures
        .iter()
        .map(|(f, indent)| {
            let change = if words {
                f.change_text()
            } else {
                f.change_cell()
            };
            let mut cells = vec![
                Cell::text(f.indicator.unit.clone()),
                Cell::number(f.number_text()),
                Cell::number(f.prior_number_text()),
                Cell {
                    classes: Cow::Borrowed(""),
                    text: change,
                    numeric: !words,
                    class: f.change_class(),
                },
            ];
            if !unit_column {
                cells.remove(0);
            }
            Row {
                header: f.indicator.name.clone(),
                indent: *indent > 0,
                level: *indent,
                group: String::new(),
                cells,
            }
        })
        .collect();
    (columns, rows)
}

/// 指标 | 目标 | 完成 | 完成目标 | 是否完成
fn targets(figures: &[(Arc<Figure<'_>>, u8)]) -> (Vec<Column>, Vec<Row>) {
    // A work plan's table, before any figure has come in, loses its three columns of
    // dashes in `drop_blank_columns`: 指标 | 目标 alone.
    let columns = labels(&["指标", "目标", "完成", "完成目标情况", "是否完成"]);
    let rows = figures
        .iter()
        .map(|(f, indent)| {
            let ind = f.indicator;
            let (spec, done, result, met) =
                f.targets_row(|| match (f.target(), f.target_outcome()) {
                    (Some(t), Some(o)) => {
                        let done = match t {
                            Target::Growth { .. } => f.change_text(),
                            _ => f.value_text(),
                        };
                        let result = phrase::target_cell(&f.series, t, &o, &ind.unit);
                        (
                            phrase::phrase_target_spec(t, &ind.unit, ind.decimals),
                            done,
                            result,
                            phrase::phrase_met(&o),
                        )
                    }
                    // a part of a year against the year's target: how far, no verdict yet
                    _ => match f.part_year_target() {
                        Some(t) => {
                            let o = comparison::evaluate_target(&f.series, t);
                            let done = match t {
                                Target::Growth { .. } => f.change_text(),
                                _ => f.value_text(),
                            };
                            (
                                format!(
                                    "{}（全年）",
                                    phrase::phrase_target_spec(t, &ind.unit, ind.decimals)
                                ),
                                done,
                                phrase::target_cell(&f.series, t, &o, &ind.unit),
                                UNAVAILABLE,
                            )
                        }
                        None => (
                            UNAVAILABLE.to_string(),
                            f.value_text(),
                            UNAVAILABLE.to_string(),
                            UNAVAILABLE,
                        ),
                    },
                });
            let class = match met {
                "已完成" => "up",
                "未完成" => "down",
                _ => "",
            };
            let cells = vec![
                Cell::number(spec),
                Cell::number(done),
                Cell::number(result),
                Cell {
                    classes: Cow::Borrowed(""),
                    text: met.to_string(),
                    numeric: false,
                    class,
                },
            ];
            Row {
                header: ind.name.clone(),
                indent: *indent > 0,
                level: *indent,
                group: String::new(),
                cells,
            }
        })
        .collect();
    (columns, rows)
}

/// 指标 | 范围 | 位次 | 上年位次 | 位次变化
fn ranks(figures: &[(Arc<Figure<'_>>, u8)]) -> (Vec<Column>, Vec<Row>) {
    let columns = labels(&["指标", "范围", "位次", "上年位次", "位次变化"]);
    let mut rows = Vec::new();
    for (f, indent) in figures {
        for r in f.ranks() {
            let header = match r.by {
                RankBasis::Growth => format!("{}增速", f.indicator.name),
                RankBasis::Level => f.indicator.name.clone(),
            };
            let class = match r.prior.map(|p| i64::from(p) - i64::from(r.position)) {
                Some(n) if n > 0 => "up",
                Some(n) if n < 0 => "down",
                _ => "",
            };
            let position = match r.peers {
                Some(peers) => format!("{}/{peers}", r.position),
                None => r.position.to_string(),
            };
            rows.push(Row {
                header,
                indent: *indent > 0,
                level: *indent,
                group: String::new(),
                cells: vec![
                    Cell::text(if r.scope.is_empty() {
                        UNAVAILABLE.to_string()
                    } else {
                        r.scope.clone()
                    }),
                    Cell::number(position),
                    Cell::number(
                        r.prior
                            .map_or_else(|| UNAVAILABLE.to_string(), |p| p.to_string()),
                    ),
                    Cell {
                        classes: Cow::Borrowed(""),
                        text: r.change_cell(),
                        numeric: true,
                        class,
                    },
                ],
            });
        }
    }
    (columns, rows)
}

/// The annex table of key tasks (序号 | 重点任务 | 内容和要求 | 牵头单位 | 配合单位), grouped
/// by theme; with `progress`, 状态 and 进展 (notes and tied targets, computed).
#[expect(
    clippy::too_many_arguments,
    reason = "a ```tasks block's settings, each its own parameter as the block writes them"
)]
pub fn tasks<'a>(
    site: &'a Site,
    page: &PageFigures<'a>,
    tasks: &[&Task],
    unit: usize,
    period: Option<Period>,
    progress: bool,
    id: String,
    caption: String,
) -> TableView {
    let mut labels_ = vec!["序号", "重点任务", "内容和要求", "牵头单位", "配合单位"];
    if progress {
        labels_.extend(["状态", "进展"]);
    }
    let who = |t: &Task, lead: bool| -> String {
        let own = if lead { &t.lead } else { &t.support };
        let mut parts = Vec::new();
        if !own.is_empty() {
            parts.push(own.join("、"));
        }
        for a in &t.assignments {
            let names = if lead { &a.lead } else { &a.support };
            if !names.is_empty() {
                parts.push(format!(
                    "{}：{}",
                    site.units[a.unit].display_name(),
                    names.join("、")
                ));
            }
        }
        if parts.is_empty() {
            UNAVAILABLE.to_string()
        } else {
            parts.join("；")
        }
    };
    let mut rows = Vec::new();
    let mut group = None;
    for t in tasks {
        if !t.group.is_empty() && group != Some(t.group.as_str()) {
            group = Some(t.group.as_str());
            rows.push(Row {
                header: String::new(),
                indent: false,
                level: 0,
                cells: Vec::new(),
                group: t.group.clone(),
            });
        }
        let mut cells = vec![
            Cell::text(t.title.clone()),
            Cell::text(t.content.clone()),
            Cell::text(who(t, true)),
            Cell::text(who(t, false)),
        ];
        if progress {
            cells.push(Cell::text(t.status.map_or(UNAVAILABLE, |s| s.label())));
            cells.push(Cell::text(task_progress(site, page, unit, t, period)));
        }
        rows.push(Row {
            header: t.number.to_string(),
            indent: false,
            level: 0,
            cells,
            group: String::new(),
        });
    }
    // who leads, supports, and the status and progress, where no task has any
    let mut columns = labels(&labels_);
    drop_blank_columns(&mut columns, &mut rows, |i, _| i >= 3);
    TableView {
        id,
        kind: TableKind::Tasks,
        caption,
        unit_note: String::new(),
        columns,
        rows,
        notes: Vec::new(),
        source: String::new(),
    }
    .finish()
}

/// The latest progress note up to `period`, then each tied target's completion.
fn task_progress<'a>(
    site: &'a Site,
    page: &PageFigures<'a>,
    unit: usize,
    t: &Task,
    period: Option<Period>,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    let note = t
        .progress
        .iter()
        .rfind(|(p, _)| period.is_none_or(|q| **p <= q));
    if let Some((p, text)) = note {
        parts.push(format!("{}：{}", p.label(), text.trim_end_matches('。')));
    }
    for target in &t.targets {
        let ind = &site.units[unit].indicators[target.indicator];
        let f = page.figure(ind, target.period);
        let goal = Target::Level {
            value: target.value,
            qualifier: None,
        };
        let outcome = crate::compute::comparison::evaluate_target(&f.series, &goal);
        // The same verdict and words as every other place a target is judged.
        let done = match phrase::phrase_target(&f.series, &goal, &outcome, "目标", &ind.unit) {
            words if words == UNAVAILABLE => String::new(),
            words => format!("，{words}"),
        };
        parts.push(format!(
            "{}{}目标{}，实际{}{done}",
            ind.name,
            target.period.label(),
            phrase::phrase_target_spec(&goal, &ind.unit, ind.decimals),
            f.value_text()
        ));
    }
    if parts.is_empty() {
        UNAVAILABLE.to_string()
    } else {
        parts.join("；")
    }
}

/// Targets or values split by sub-unit: 指标 | 单位 | 合计 | sub-unit … — targets when
/// `period` is a span of years (a three-year plan), values otherwise. When the rounded
/// parts do not add up to the rounded total, the 注 says so.
pub fn split(
    site: &Site,
    unit: usize,
    indicators: &[&Indicator],
    period: Period,
    id: String,
    caption: String,
) -> TableView {
    let parent = &site.units[unit];
    let children: Vec<&crate::model::Unit> =
        parent.children.iter().map(|&c| &site.units[c]).collect();
    let mut columns = vec![
        "指标".to_string(),
        "单位".to_string(),
        format!("{}合计", parent.display_name()),
    ];
    columns.extend(children.iter().map(|c| c.display_name().to_string()));
    let spec = |ind: &Indicator| -> Option<String> {
        match ind.targets.get(&period)? {
            t @ (Target::Growth { .. } | Target::Range { .. }) => {
                Some(phrase::phrase_target_spec(t, &ind.unit, ind.decimals))
            }
            _ => None,
        }
    };
    let figure = |ind: &Indicator| -> Option<crate::compute::Decimal> {
        if let Period::Years { .. } = period {
            match ind.targets.get(&period)? {
                Target::Level { value, .. } => Some(*value),
                _ => None,
            }
        } else {
            ind.value(period)
                .filter(|v| !v.confidential)
                .and_then(|v| v.value)
        }
    };
    let is_target = matches!(period, Period::Years { .. });
    let text = |v: Option<crate::compute::Decimal>, decimals: u32| {
        v.map_or_else(
            || UNAVAILABLE.to_string(),
            |v| {
                if is_target {
                    as_written(v, decimals)
                } else {
                    fixed(v, decimals)
                }
            },
        )
    };
    let mut notes = Vec::new();
    let mut rows = Vec::new();
    for ind in indicators {
        let total = figure(ind);
        let parts: Vec<Option<crate::compute::Decimal>> = children
            .iter()
            .map(|c| c.indicator(&ind.id).and_then(|i| figure(&c.indicators[i])))
            .collect();
        let mut cells = vec![
            Cell::text(ind.unit.clone()),
            Cell::number(spec(ind).unwrap_or_else(|| text(total, ind.decimals))),
        ];
        cells.extend(children.iter().zip(&parts).map(|(c, p)| {
            let own = c.indicator(&ind.id).and_then(|i| spec(&c.indicators[i]));
            Cell::number(own.unwrap_or_else(|| text(*p, ind.decimals)))
        }));
        let shown: Option<Vec<crate::compute::Decimal>> = parts
            .iter()
            .map(|p| p.map(|v| crate::compute::number::round(v, ind.decimals)))
            .collect();
        if let (Some(total), Some(shown)) = (total, shown)
            && !shown.is_empty()
            && shown.iter().sum::<crate::compute::Decimal>()
                != crate::compute::number::round(total, ind.decimals)
            && notes.is_empty()
        {
            notes.push("因四舍五入，分项之和与合计略有出入。".to_string());
        }
        rows.push(Row {
            header: ind.name.clone(),
            indent: false,
            level: 0,
            cells,
            group: String::new(),
        });
    }
    if is_target {
        notes.insert(0, format!("表中为{}目标。", period.label()));
    }
    TableView {
        id,
        kind: TableKind::Split,
        caption,
        unit_note: String::new(),
        columns: columns
            .into_iter()
            .map(|label| Column {
                label,
                numeric: false,
            })
            .collect(),
        rows,
        notes,
        source: String::new(),
    }
    .finish()
}

/// A target as announced: no padding zeros (170, not 170.0), at most `decimals`.
fn as_written(v: crate::compute::Decimal, decimals: u32) -> String {
    crate::compute::number::round(v, decimals)
        .normalize()
        .to_string()
}

impl TableView {
    /// Works out what the template would otherwise compute cell by cell: which columns
    /// hold figures and each cell's class attribute (Tera's interpreter was a sixth of a
    /// large build's CPU in table components; ARCHITECTURE.md, "Performance").
    fn finish(mut self) -> TableView {
        if let Some(first) = self.rows.iter().find(|r| r.group.is_empty()) {
            for (i, column) in self.columns.iter_mut().enumerate().skip(1) {
                column.numeric = first.cells.get(i - 1).is_some_and(|c| c.numeric);
            }
        }
        for cell in self.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
            cell.classes = match (cell.numeric, cell.class) {
                (true, "") => Cow::Borrowed("num"),
                (true, "up") => Cow::Borrowed("num up"),
                (true, "down") => Cow::Borrowed("num down"),
                (true, class) => Cow::Owned(format!("num {class}")),
                (false, class) => Cow::Borrowed(class),
            };
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;

    /// A site of one unit whose `data.yaml` is `data`.
    fn site(data: &str) -> Site {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let unit = dir.path().join("content/zone");
        std::fs::create_dir_all(&unit).expect("the unit folder");
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
        std::fs::copy(base.join("site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
        std::fs::write(unit.join("_index.md"), "---\nname: 测试开发区\n---\n").expect("_index");
        std::fs::write(unit.join("data.yaml"), data).expect("data.yaml");
        let mut diags = Diagnostics::default();
        let loaded = crate::load::load(dir.path(), crate::load::Bodies::Keep, &mut diags)
            .unwrap_or_else(|| panic!("{diags:?}"));
        let site = crate::model::resolve(loaded, true, &mut diags);
        assert_eq!(diags.error_count(), 0, "{diags:?}");
        site
    }

    /// The table of `kind` over `ids` at `period`.
    fn table(site: &Site, kind: TableKind, ids: &[&str], period: Period) -> TableView {
        let unit = &site.units[site.unit("zone").expect("unit zone")];
        let req = TableRequest {
            kind,
            id: "t".into(),
            caption: String::new(),
            period,
            indicators: ids
                .iter()
                .map(|id| (&unit.indicators[unit.indicator(id).expect(id)], 0))
                .collect(),
        };
        build(&req, &PageFigures::new())
    }

    fn header(view: &TableView) -> Vec<&str> {
        view.columns.iter().map(|c| c.label.as_str()).collect()
    }

    fn cells(view: &TableView, row: usize) -> Vec<&str> {
        view.rows[row]
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .collect()
    }

    // seed 001: 金安区 2024 年度工业发展要点, the year's targets before any figure is in
    const PLAN: &str = "indicators:
  - { id: output, name: 规模以上工业总产值, unit: 亿元, kind: amount, decimals: 1,
      targets: { 2024: { value: 170, qualifier: 以上 } } }
  - { id: value_added, name: 规模以上工业增加值, unit: 亿元, kind: amount, decimals: 1,
      targets: { 2024: { growth: 10, qualifier: 以上 } } }
  - { id: new_firms, name: 新增规模以上工业企业, unit: 家, kind: count,
      targets: { 2024: { value: 25, qualifier: 以上 } } }
  - { id: manufacturing_share, name: 制造业增加值占地区生产总值比重, unit: '%', kind: share,
      targets: { 2024: 20 } }
";

    #[test]
    fn a_targets_table_of_a_period_without_actuals_is_its_targets_alone() {
        let site = site(PLAN);
        let ids = ["output", "value_added", "new_firms", "manufacturing_share"];
        let view = table(&site, TableKind::Targets, &ids, Period::Year(2024));
        assert_eq!(header(&view), ["指标", "目标"]);
        let targets: Vec<Vec<&str>> = (0..4).map(|r| cells(&view, r)).collect();
        assert_eq!(
            targets,
            [["170亿元以上"], ["增长10%以上"], ["25家以上"], ["20%"]]
        );
        // nothing is dashed, so nothing explains a dash or a missing column
        assert!(view.notes.is_empty(), "{:?}", view.notes);
    }

    // seed 000: 六安开发区 2024 — GDP 增长5.7% on 120.0 → 128.3; 新引进亿元以上项目 33
    // against a target of 30 (110.0%), and no 2023 count of projects.
    const RESULTS: &str = "indicators:
  - { id: gdp, name: 地区生产总值, unit: 亿元, kind: amount, decimals: 1,
      growth_basis: comparable,
      values: { 2023: 120.0, 2024: { value: 128.3, growth: 5.7 } } }
  - { id: projects, name: 新引进亿元以上项目, unit: 个, kind: count,
      values: { 2024: 33 }, targets: { 2024: 30 } }
  - { id: firms, name: 新能源汽车配套企业, unit: 家, kind: count, values: { 2024: 47 } }
";

    #[test]
    fn a_yoy_column_all_dashes_is_dropped_with_a_note_saying_why() {
        let site = site(RESULTS);
        let view = table(
            &site,
            TableKind::Yoy,
            &["projects", "firms"],
            Period::Year(2024),
        );
        assert_eq!(header(&view), ["指标", "单位", "2024年"]);
        assert_eq!(cells(&view, 0), ["个", "33"]);
        assert_eq!(cells(&view, 1), ["家", "47"]);
        assert_eq!(
            view.notes,
            ["表中各项均无2023年数据，未列“2023年”“比上年增长（%）”栏。"]
        );
    }

    #[test]
    fn a_column_with_one_figure_is_kept_and_its_dashes_explained() {
        let site = site(RESULTS);
        let view = table(
            &site,
            TableKind::Yoy,
            &["gdp", "projects"],
            Period::Year(2024),
        );
        assert_eq!(
            header(&view),
            ["指标", "单位", "2024年", "2023年", "比上年增长（%）"]
        );
        assert_eq!(cells(&view, 0), ["亿元", "128.3", "120.0", "5.7"]);
        assert_eq!(cells(&view, 1), ["个", "33", "—", "—"]);
        assert_eq!(view.notes, ["“—”表示无上年可比数据或不适用。"]);
        // the same for a targets table with one row of actuals
        let view = table(
            &site,
            TableKind::Targets,
            &["projects", "gdp"],
            Period::Year(2024),
        );
        assert_eq!(
            header(&view),
            ["指标", "目标", "完成", "完成目标情况", "是否完成"]
        );
        assert_eq!(cells(&view, 0), ["30个", "33个", "110.0%", "已完成"]);
        assert_eq!(cells(&view, 1), ["—", "128.3亿元", "—", "—"]);
        assert_eq!(view.notes, ["“—”表示暂无数据或不适用。"]);
    }

    /// A value's note (示例数据) goes with the value: below a table that prints it, not
    /// below the ranks of the same figure.
    #[test]
    fn a_values_note_is_only_where_the_value_is_printed() {
        // seed 000: 地区生产总值 增速居全市第2位
        let site = site(
            "indicators:
  - { id: gdp, name: 地区生产总值, unit: 亿元, kind: amount, decimals: 1,
      values: { 2023: 120.0, 2024: { value: 128.3, note: 总量为示例值 } },
      ranks: [{ period: 2024, scope: 全市, position: 2, by: growth }] }
",
        );
        let yoy = table(&site, TableKind::Yoy, &["gdp"], Period::Year(2024));
        assert_eq!(yoy.notes, ["地区生产总值：总量为示例值。"]);
        let ranks = table(&site, TableKind::Ranks, &["gdp"], Period::Year(2024));
        assert_eq!(header(&ranks), ["指标", "范围", "位次"]);
        assert_eq!(cells(&ranks, 0), ["全市", "2"]);
        assert_eq!(
            ranks.notes,
            ["表中各项均无上年位次，未列“上年位次”“位次变化”栏。"]
        );
    }

    /// Dropping a column moves no figure: each row keeps its own cells, and the numeric
    /// flags follow the columns that are left.
    #[test]
    fn rows_keep_their_own_figures_when_a_column_goes() {
        let site = site(RESULTS);
        let view = table(&site, TableKind::Ranks, &["gdp"], Period::Year(2024));
        assert!(view.rows.is_empty());
        let view = table(&site, TableKind::Latest, &["firms"], Period::Year(2024));
        assert_eq!(header(&view), ["指标", "2024年"]);
        assert_eq!(view.unit_note, "单位：家");
        assert!(view.columns[1].numeric);
        assert_eq!(view.rows[0].cells[0].classes, "num");
    }
}
