//! Key tasks (重点任务) from a unit's `tasks.yaml`: who leads and supports each (checked
//! against the unit's `departments` and the site's units), the sub-units it is assigned
//! to, and the indicators its quantitative targets are tied to. No I/O.

use std::collections::{BTreeMap, HashSet};

use super::{Period, Site};
use crate::compute::phrase::phrase_target_spec;
use crate::compute::{Decimal, Target};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::load::locate::Seg;
use crate::load::raw::RawTasks;

/// Where a task stands, as its `status:` states it. Deserialised straight from
/// `tasks.yaml` (its spelling is the word printed), as `compute::Kind` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub enum TaskStatus {
    #[serde(rename = "未启动")]
    NotStarted,
    #[serde(rename = "推进中")]
    InProgress,
    #[serde(rename = "已完成")]
    Done,
    #[serde(rename = "滞后")]
    Behind,
}

impl TaskStatus {
    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "未启动",
            TaskStatus::InProgress => "推进中",
            TaskStatus::Done => "已完成",
            TaskStatus::Behind => "滞后",
        }
    }
}

#[derive(Debug)]
pub struct Task {
    pub id: String,
    pub number: u32,
    /// The theme the task belongs to (（一）全面推动数字化转型).
    pub group: String,
    pub title: String,
    pub content: String,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub assignments: Vec<Assignment>,
    pub targets: Vec<TaskTarget>,
    pub status: Option<TaskStatus>,
    pub progress: BTreeMap<Period, String>,
}

#[derive(Debug)]
pub struct Assignment {
    pub unit: usize,
    pub lead: Vec<String>,
    pub support: Vec<String>,
}

/// A level the task must reach on one of the unit's indicators.
#[derive(Debug)]
pub struct TaskTarget {
    pub indicator: usize,
    pub period: Period,
    pub value: Decimal,
}

/// Resolves `raw` into `site.units[u].tasks`, reporting unknown bodies, units and
/// indicators at their place in tasks.yaml.
pub fn resolve(site: &mut Site, u: usize, raw: RawTasks, diags: &mut Diagnostics) {
    let Some(source) = site.units[u].tasks_source.clone() else {
        return;
    };
    let error = |path: &[Seg<'_>], code: Code, message: crate::lang::Text| {
        let d = Diagnostic::error(code, &source.path, message);
        match source.locate(path) {
            Some(p) => d.at(p),
            None => d,
        }
    };
    // Who may be named: this unit's departments and its ancestors', and every unit by
    // name, short name or id.
    let mut known: Vec<String> = raw.departments.clone();
    let mut up = site.units[u].parent;
    while let Some(p) = up {
        known.extend(site.units[p].departments.iter().cloned());
        up = site.units[p].parent;
    }
    for unit in &site.units {
        known.extend(
            [unit.name.clone(), unit.short_name.clone(), unit.id.clone()]
                .into_iter()
                .filter(|n| !n.is_empty()),
        );
    }
    let known_set: HashSet<&str> = known.iter().map(String::as_str).collect();
    let check_bodies = |names: &[String], path: &[Seg<'_>], diags: &mut Diagnostics| {
        for (j, name) in names.iter().enumerate() {
            if !known_set.contains(name.as_str()) {
                let mut full = path.to_vec();
                full.push(Seg::Index(j));
                diags.push(
                    error(&full, Code::UnknownUnit, text!("`{name}` is neither a department in `departments:` nor a unit", "“{name}”既不是 `departments:` 中的部门，也不是单位"))
                        .maybe_hint(did_you_mean(name, known.iter().map(String::as_str)))
                        .expected(text!("a name listed under `departments:` at the top of tasks.yaml, or a unit's name or id", "tasks.yaml 开头 `departments:` 中列出的名称，或单位的名称、id")),
                );
            }
        }
    };
    let mut tasks = Vec::new();
    let mut ids = HashSet::new();
    for (i, t) in raw.tasks.into_iter().enumerate() {
        let at = |key: &'static str| [Seg::Key("tasks"), Seg::Index(i), Seg::Key(key)];
        if !ids.insert(t.id.clone()) {
            diags.push(error(
                &at("id"),
                Code::DuplicateId,
                text!(
                    "task `{id}` is defined twice",
                    "任务“{id}”定义了两次",
                    id = &t.id
                ),
            ));
        }
        check_bodies(&t.lead, &at("lead"), diags);
        check_bodies(&t.support, &at("support"), diags);
        let mut assignments = Vec::new();
        for (k, a) in t.assignments.into_iter().enumerate() {
            let path = [
                Seg::Key("tasks"),
                Seg::Index(i),
                Seg::Key("assignments"),
                Seg::Index(k),
            ];
            let Some(unit) = site.unit(&a.unit) else {
                let mut full = path.to_vec();
                full.push(Seg::Key("unit"));
                diags.push(
                    error(
                        &full,
                        Code::UnknownUnit,
                        text!("there is no unit `{u}`", "没有单位“{u}”", u = &a.unit),
                    )
                    .maybe_hint(did_you_mean(&a.unit, site.unit_ids())),
                );
                continue;
            };
            let mut lead_path = path.to_vec();
            lead_path.push(Seg::Key("lead"));
            check_bodies(&a.lead, &lead_path, diags);
            let mut support_path = path.to_vec();
            support_path.push(Seg::Key("support"));
            check_bodies(&a.support, &support_path, diags);
            assignments.push(Assignment {
                unit,
                lead: a.lead,
                support: a.support,
            });
        }
        let mut targets = Vec::new();
        for (k, target) in t.targets.iter().enumerate() {
            match site.units[u].indicator(&target.indicator) {
                Some(indicator) => {
                    // the task's figure is the data's target for that period, or within
                    // its range: a task of 3.0% beside a target of 2.8% prints two plans
                    let ind = &site.units[u].indicators[indicator];
                    let value = target.value.0;
                    let agrees = match ind.targets.get(&target.period) {
                        Some(Target::Level { value: goal, .. }) => *goal == value,
                        Some(Target::Range { low, high }) => (*low..=*high).contains(&value),
                        Some(Target::Growth { .. }) | None => true,
                    };
                    if let (false, Some(goal)) = (agrees, ind.targets.get(&target.period)) {
                        let spec = phrase_target_spec(goal, &ind.unit, ind.decimals);
                        diags.push(
                            error(
                                &[
                                    Seg::Key("tasks"),
                                    Seg::Index(i),
                                    Seg::Key("targets"),
                                    Seg::Index(k),
                                    Seg::Key("value"),
                                ],
                                Code::BadTarget,
                                text!(
                                    "task `{t}` targets {n} at {value}{u} for {p}, but data.yaml's target is {spec}",
                                    "任务“{t}”的{p}{n}目标为{value}{u}，而 data.yaml 中的目标是{spec}",
                                    t = &t.id,
                                    n = &ind.name,
                                    u = &ind.unit,
                                    p = target.period.label()
                                ),
                            )
                            .expected(spec)
                            .hint(text!(
                                "use the target of data.yaml (indicators[{indicator}] (id: {i})), or correct it there",
                                "采用 data.yaml 中的目标（indicators[{indicator}]，id: {i}），或在那里改正",
                                i = &ind.id
                            )),
                        );
                    }
                    targets.push(TaskTarget {
                        indicator,
                        period: target.period,
                        value,
                    });
                }
                None => diags.push(
                    error(
                        &[
                            Seg::Key("tasks"),
                            Seg::Index(i),
                            Seg::Key("targets"),
                            Seg::Index(k),
                            Seg::Key("indicator"),
                        ],
                        Code::UnknownIndicator,
                        text!(
                            "unit `{u}` has no indicator `{i}`",
                            "单位“{u}”没有指标“{i}”",
                            u = &site.units[u].id,
                            i = &target.indicator
                        ),
                    )
                    .maybe_hint(did_you_mean(
                        &target.indicator,
                        site.units[u].indicator_ids(),
                    )),
                ),
            }
        }
        tasks.push(Task {
            id: t.id,
            number: t.number.unwrap_or(i as u32 + 1),
            group: t.group,
            title: t.title,
            content: t.content,
            lead: t.lead,
            support: t.support,
            assignments,
            targets,
            status: t.status,
            progress: t.progress,
        });
    }
    let unit = &mut site.units[u];
    unit.tasks = tasks;
    unit.departments = raw.departments;
}
