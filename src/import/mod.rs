//! `bulletin import <file> --unit <id>`: a one-off conversion of a spreadsheet's figures
//! (read by [`crate::load::sheet`]) into a unit's `data.yaml`, edited as text so that its
//! comments, key order and formatting stay as they were outside the lines it changes
//! ([`edit`]). An indicator of the sheet is matched to one of `data.yaml` by id, name,
//! short name or alias (spaces and a leading 其中 ignored); a match gets its values,
//! growth rates, targets and ranks added or updated, anything else becomes a new
//! indicator with an id made from its name ([`new_id`]). It refuses — nothing written,
//! every problem a located diagnostic — when the unit does not exist, `data.yaml` does not
//! load, or the sheet has errors; it writes the new text beside the old and renames it
//! over it, so `data.yaml` is never half written. It prints nothing (the binary does,
//! from the [`ImportReport`]).
//!
//! # Ids of new indicators
//! The first letter of each Han character's pinyin, with ASCII letters and digits kept,
//! in lower case: 规模以上工业增加值 → `gmysgyzjz`, 新增5G基站 → `xz5gjz`; an id must start
//! with a letter, so 5G基站数 → `i5gjzs`. A name with no Han character that is already
//! an id (`tax_revenue`) is kept; any other name gets `indicator-1`, `indicator-2` …. An
//! id another indicator has gets `-2`, `-3` …. Initials are what offices' own systems
//! use, and a clerk can work them out from the name.

mod edit;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::compute::number::{convert_unit, parse_decimal};
use crate::compute::{Decimal, Qualifier};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Position};
use crate::lang::{Lang, Text};
use crate::load::raw::{RawData, RawIndicator, RawUnit};
use crate::load::sheet::{self, Field, Figure, SheetMapping, SheetValue};
use crate::model::Period;
use edit::{Doc, EditError, Node};

/// What `bulletin import` is asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site folder (holding `site.yaml`).
    pub root: PathBuf,
    /// The spreadsheet: `.csv`, `.xlsx`, `.ods` or `.xls`.
    pub file: PathBuf,
    /// The unit's id: its folder under `content/`.
    pub unit: String,
    /// Report what would change; write nothing.
    pub dry_run: bool,
}

/// What an import did (or, with `dry_run`, would do).
#[derive(Debug)]
pub struct ImportReport {
    /// The unit's `data.yaml`, as printed.
    pub data_file: PathBuf,
    /// New indicators, in the order they were added.
    pub new_indicators: Vec<NewIndicator>,
    /// Every figure added or changed, in the sheet's order of indicators.
    pub changes: Vec<Change>,
    /// Figures of the sheet that `data.yaml` already held as they are.
    pub unchanged: usize,
    /// Whether `data.yaml` was written (false for a dry run, or when nothing changed).
    pub written: bool,
}

#[derive(Debug)]
pub struct NewIndicator {
    pub id: String,
    pub name: String,
    /// `amount`, `count`, `rate`, `share`, `rank` or `index`, guessed from the unit and
    /// the name: worth a look.
    pub kind: &'static str,
    pub unit: String,
    pub decimals: u32,
}

#[derive(Debug)]
pub struct Change {
    /// The indicator's id in `data.yaml`.
    pub indicator: String,
    pub period: String,
    /// `value`, `growth`, `target`, `rank`.
    pub field: String,
    /// As `data.yaml` had it; None for a figure added.
    pub old: Option<String>,
    pub new: String,
    /// The cell it came from (`data.xlsx:Sheet1!D7`, `data.csv:4:3`).
    pub from: String,
}

/// Reads the sheet, edits the unit's `data.yaml`, and writes it unless `dry_run`.
pub fn run(opts: &ImportOptions) -> Result<ImportReport, Diagnostics> {
    let mut diags = Diagnostics::default();
    let Some(unit) = find_unit(&opts.root, &opts.unit, &mut diags) else {
        return Err(diags);
    };
    let data_path = unit.dir.join("data.yaml");
    // A unit that reads its figures from a sheet of its own already has them there: the
    // same figure written into data.yaml too would be read twice (a differing one is
    // an error at build). The office edits that sheet, or deletes it to convert.
    if let Some(own) = sheet::SHEET_FILES
        .iter()
        .map(|name| unit.dir.join(name))
        .find(|p| std::fs::symlink_metadata(p).is_ok())
    {
        diags.push(
            Diagnostic::error(
                Code::Io,
                &own,
                text!(
                    "the unit reads its figures from this spreadsheet: importing them into data.yaml as well would give each figure twice",
                    "本单位的数据已从这个表格读取：再导入 data.yaml，每个数就填了两遍"
                ),
            )
            .hint(text!(
                "put the new figures in this sheet (no import needed), or delete it first to keep the figures in data.yaml",
                "请直接把新数据填进这个表格（无需导入）；如要把数据改放在 data.yaml 中，请先删去这个表格"
            )),
        );
        return Err(diags);
    }
    let Some(data) = read_data(&data_path, &mut diags) else {
        return Err(diags);
    };
    let read = sheet::read(&opts.file, &opts.file, &data.mapping);
    for e in &read.errors {
        diags.push(e.to_diagnostic());
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let values = values_of_unit(read.values, &unit, &opts.file, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    let mut doc = match Doc::parse(&data.text) {
        Some(doc) => doc,
        None => {
            diags.push(Diagnostic::error(
                Code::YamlSyntax,
                &data_path,
                text!(
                    "data.yaml loads but its text could not be read for editing",
                    "data.yaml 能够读取，但无法按原文修改"
                ),
            ));
            return Err(diags);
        }
    };
    let mut plan = Plan::new(&data, &data_path);
    plan.gather(values, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    plan.apply(&mut doc, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    let changed = doc.edits() > 0 || !data.exists;
    let text = format!("{}{}", data.bom, doc.finish());
    plan.verify(&text, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    let written = changed && !opts.dry_run && !plan.changes.is_empty();
    if written && let Err(e) = write_atomically(&data_path, &text) {
        diags.push(
            Diagnostic::error(
                Code::Io,
                &data_path,
                crate::lang::cannot("cannot write", "无法写入", &e),
            )
            .hint(text!(
                "data.yaml was left as it was",
                "data.yaml 保持原样，未作改动"
            )),
        );
        return Err(diags);
    }
    Ok(ImportReport {
        new_indicators: plan.new_indicators,
        changes: plan.changes,
        unchanged: plan.unchanged,
        written,
        data_file: data_path,
    })
}

struct Unit {
    id: String,
    dir: PathBuf,
    /// The id, its last segment, the name and short name: what a region column or a
    /// sheet's name may call it.
    names: Vec<String>,
}

fn find_unit(root: &Path, id: &str, diags: &mut Diagnostics) -> Option<Unit> {
    // `chaohu\anchao`, as typed on Windows, is the unit `chaohu/anchao`.
    let id = &id.replace('\\', "/");
    let plain = !id.is_empty()
        && id
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != ".." && !s.contains(':'));
    // Paths as printed: `content/…` when the site is the current folder.
    let content = if root == Path::new(".") {
        PathBuf::from("content")
    } else {
        root.join("content")
    };
    let dir = content.join(id);
    let index = dir.join("_index.md");
    if !plain || !index.is_file() {
        let units: Vec<String> = std::fs::read_dir(&content)
            .map(|d| {
                d.flatten()
                    .filter(|e| e.path().join("_index.md").is_file())
                    .filter_map(|e| e.file_name().to_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let hint = crate::diagnostic::did_you_mean(id, units.iter().map(String::as_str))
            .unwrap_or_else(|| {
                text!(
                    "a unit is a folder of content/ holding _index.md",
                    "单位是 content/ 下含有 _index.md 的文件夹"
                )
            });
        diags.push(
            Diagnostic::error(
                Code::UnknownUnit,
                &content,
                text!(
                    "no unit `{id}`: {index} does not exist",
                    "没有单位“{id}”：{index} 不存在",
                    index = index.display()
                ),
            )
            .expected(text!(
                "the id of a unit: its folder under content/, such as `luan-kfq`",
                "单位的 id，即它在 content/ 下的文件夹名，如 `luan-kfq`"
            ))
            .hint(hint),
        );
        return None;
    }
    let mut names = vec![id.to_string()];
    names.extend(id.rsplit('/').next().map(str::to_string));
    if let Ok(text) = std::fs::read_to_string(&index) {
        let mut ignore = Diagnostics::default();
        if let Some(front) = crate::load::yaml::split_front_matter(&text, &index, &mut ignore)
            && let Some(u) = crate::load::yaml::parse::<RawUnit>(
                front.yaml,
                &index,
                front.yaml_line,
                &mut ignore,
            )
        {
            names.push(u.name);
            names.push(u.short_name);
        }
    }
    names.retain(|n| !n.is_empty());
    Some(Unit {
        id: id.to_string(),
        dir,
        names,
    })
}

struct Data {
    exists: bool,
    bom: &'static str,
    /// Without the byte-order mark.
    text: String,
    raw: RawData,
    mapping: SheetMapping,
}

fn read_data(path: &Path, diags: &mut Diagnostics) -> Option<Data> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some(Data {
                exists: false,
                bom: "",
                text: String::new(),
                raw: RawData {
                    indicators: Vec::new(),
                    sheet: None,
                },
                mapping: SheetMapping::default(),
            });
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::Io,
                path,
                crate::lang::cannot("cannot read", "无法读取", &e),
            ));
            return None;
        }
        Ok(m) if !m.is_file() => {
            diags.push(
                Diagnostic::error(
                    Code::Io,
                    path,
                    text!("data.yaml is not a plain file", "data.yaml 不是普通文件"),
                )
                .hint(text!(
                    "import writes a new data.yaml in its place: replace the link or folder with the file",
                    "导入会在原处写出新的 data.yaml：请把这个链接或文件夹换成文件"
                )),
            );
            return None;
        }
        Ok(m) if m.len() > crate::load::MAX_TEXT_FILE => {
            diags.push(Diagnostic::error(
                Code::Io,
                path,
                text!("data.yaml is larger than 10 MB", "data.yaml 超过 10 MB"),
            ));
            return None;
        }
        Ok(_) => {}
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::Io,
                path,
                crate::lang::cannot("cannot read", "无法读取", &e),
            ));
            return None;
        }
    };
    // the loader's own checks (UTF-8, NUL bytes); the mark is written back as it was
    let bom = if bytes.starts_with("\u{feff}".as_bytes()) {
        "\u{feff}"
    } else {
        ""
    };
    let text = crate::load::decode(path.to_path_buf(), bytes, diags)?.text;
    let raw: RawData = match crate::load::yaml::parse::<Option<RawData>>(&text, path, 1, diags) {
        Some(Some(raw)) => raw,
        Some(None) => RawData {
            indicators: Vec::new(),
            sheet: None,
        },
        None => return None,
    };
    let mapping = raw.sheet.clone().unwrap_or_default();
    Some(Data {
        exists: true,
        bom,
        text,
        raw,
        mapping,
    })
}

/// The sheet's figures that belong to `unit`: all of them when the sheet names no
/// units; else those of its region column or its sheet named for the unit. A sheet of
/// several units none of which is this one is an error listing them.
fn values_of_unit(
    values: Vec<SheetValue>,
    unit: &Unit,
    file: &Path,
    diags: &mut Diagnostics,
) -> Vec<SheetValue> {
    let is_unit = |s: &str| {
        let s = squash(s);
        unit.names.iter().any(|n| squash(n) == s)
    };
    let sheets: Vec<&str> = {
        let mut s: Vec<&str> = values.iter().filter_map(|v| v.sheet.as_deref()).collect();
        s.dedup();
        s.sort_unstable();
        s.dedup();
        s
    };
    let regions: Vec<&str> = {
        let mut r: Vec<&str> = values.iter().filter_map(|v| v.unit.as_deref()).collect();
        r.sort_unstable();
        r.dedup();
        r
    };
    let by_sheet = regions.is_empty() && sheets.len() > 1 && sheets.iter().any(|s| is_unit(s));
    let kept: Vec<SheetValue> = values
        .iter()
        .filter(|v| match (&v.unit, &v.sheet) {
            (Some(region), _) => is_unit(region),
            (None, Some(sheet)) if by_sheet => is_unit(sheet),
            _ => regions.is_empty(),
        })
        .cloned()
        .collect();
    if kept.is_empty() {
        let (named, named_zh) = if regions.is_empty() {
            (String::new(), String::new())
        } else {
            let all = regions.join("、");
            (format!("; it names {all}"), format!("；表中的单位为{all}"))
        };
        diags.push(
            Diagnostic::error(
                Code::UnknownUnit,
                file,
                text!(
                    "the sheet has no figures of unit `{id}`{named}",
                    "表中没有单位“{id}”的数据{named_zh}",
                    id = &unit.id
                ),
            )
            .expected(text!(
                "a region column or a sheet named {en}",
                "地区列或工作表名为{zh}",
                en = unit.names.join(" / "),
                zh = unit.names.join("或")
            ))
            .hint(text!(
                "name the unit in the sheet as content/<unit>/_index.md names it (name or short_name)",
                "表中的单位名称请与 content/<单位>/_index.md 中的一致（name 或 short_name）"
            )),
        );
    }
    kept
}

/// A name without spaces, for matching: 规模以上 工业增加值 is 规模以上工业增加值.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The name a row of the sheet gives, as kept: trimmed (full-width spaces too), a
/// leading 其中： / 其中 dropped. Matching squashes the spaces inside as well.
fn clean_name(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix("其中：")
        .or_else(|| s.strip_prefix("其中:"))
        .or_else(|| s.strip_prefix("其中"))
        .unwrap_or(s);
    s.trim_start_matches(['：', ':']).trim().to_string()
}

/// One figure wanted in `data.yaml`: the figure and the cell it came from.
#[derive(Debug, Clone)]
struct Wanted {
    figure: Decimal,
    /// The figure as the sheet gave it, before any unit conversion (for the report).
    shown: String,
    place: String,
}

/// What the sheet says of one indicator at one period.
#[derive(Debug, Default, Clone)]
struct PeriodFigures {
    value: Option<Wanted>,
    growth: Option<Wanted>,
    target: Option<Wanted>,
    target_growth: Option<Wanted>,
    qualifier: Option<(Qualifier, String)>,
    /// (scope, by growth) → position.
    ranks: BTreeMap<(String, bool), Wanted>,
}

/// What the sheet says of one indicator.
#[derive(Debug)]
struct Wants {
    /// Index in `data.yaml`'s list, or None for a new indicator.
    existing: Option<usize>,
    /// The name as the sheet writes it (cleaned).
    name: String,
    measure: Option<String>,
    periods: BTreeMap<Period, PeriodFigures>,
}

struct Plan<'a> {
    data: &'a Data,
    file: &'a Path,
    wants: Vec<Wants>,
    new_indicators: Vec<NewIndicator>,
    changes: Vec<Change>,
    unchanged: usize,
}

impl<'a> Plan<'a> {
    fn new(data: &'a Data, file: &'a Path) -> Plan<'a> {
        Plan {
            data,
            file,
            wants: Vec::new(),
            new_indicators: Vec::new(),
            changes: Vec::new(),
            unchanged: 0,
        }
    }

    fn indicators(&self) -> &[RawIndicator] {
        &self.data.raw.indicators
    }

    /// The indicator of `data.yaml` the sheet's key names, as loading matches a row
    /// (`load::sheet::matching`): by id, name, short name or alias; the first of
    /// several that answer to it.
    fn matching(&self, key: &str) -> Option<usize> {
        use crate::load::sheet::matching::{Candidate, Matched, match_indicator};
        match match_indicator(key, &Candidate::of(self.indicators())) {
            Matched::One(i) => Some(i),
            Matched::Several(all) => all.first().copied(),
            Matched::Nothing { .. } => None,
        }
    }

    /// Sorts the sheet's figures by indicator and period; a figure given twice with
    /// two values is an error naming both cells.
    fn gather(&mut self, values: Vec<SheetValue>, diags: &mut Diagnostics) {
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for v in values {
            let existing = self.matching(&v.indicator);
            let key = match existing {
                Some(i) => format!("\u{0}{i}"),
                None => squash(&clean_name(&v.indicator)),
            };
            let w = *index.entry(key).or_insert_with(|| {
                self.wants.push(Wants {
                    existing,
                    name: clean_name(&v.indicator),
                    measure: None,
                    periods: BTreeMap::new(),
                });
                self.wants.len() - 1
            });
            let want = &mut self.wants[w];
            let place = v.place.to_string();
            let slot = want.periods.entry(v.period).or_default();
            let number = match &v.figure {
                Figure::Number(d) => Some(*d),
                Figure::Qualifier(_) => None,
            };
            let mut put = |slot: &mut Option<Wanted>, d: Decimal| {
                match slot {
                Some(old) if old.figure != d => diags.push(
                    at_cell(
                        Code::DuplicateId,
                        &v.place,
                        text!(
                            "{ind} {p} is given twice: {old_shown} at {old_place}, {d} at {place}",
                            "{ind}{label}填了两个数：{old_place} 为 {old_shown}，{place} 为 {d}",
                            ind = &v.indicator,
                            p = v.period,
                            label = v.period.label(),
                            old_shown = &old.shown,
                            old_place = &old.place
                        ),
                    )
                    .hint(text!(
                        "keep one of the two figures in the sheet; in a workbook of one sheet a unit, name the unit's sheet as its _index.md names it",
                        "表中只保留其中一个数；每个单位一张工作表时，工作表名请与该单位 _index.md 中的名称一致"
                    )),
                ),
                _ => {
                    *slot = Some(Wanted {
                        figure: d,
                        shown: d.to_string(),
                        place: place.clone(),
                    })
                }
            }
            };
            match (v.field, number, &v.figure) {
                (Field::Value, Some(d), _) => {
                    put(&mut slot.value, d);
                    if want.measure.is_none() {
                        want.measure = v.measure.clone();
                    }
                    if let Some(m) = &v.measure
                        && let Some(w) = &mut slot.value
                    {
                        w.shown = format!("{d}{m}");
                    }
                }
                (Field::Growth, Some(d), _) => put(&mut slot.growth, d),
                (Field::TargetValue, Some(d), _) => {
                    put(&mut slot.target, d);
                    if want.measure.is_none() {
                        want.measure = v.measure.clone();
                    }
                }
                (Field::TargetGrowth, Some(d), _) => put(&mut slot.target_growth, d),
                (Field::Rank, Some(d), _) => {
                    let of = v.rank.clone().unwrap_or_default();
                    let mut r = slot.ranks.get(&(of.scope.clone(), of.by_growth)).cloned();
                    put(&mut r, d);
                    if let Some(r) = r {
                        slot.ranks.insert((of.scope, of.by_growth), r);
                    }
                }
                (Field::Qualifier, _, Figure::Qualifier(q)) => {
                    slot.qualifier = Some((*q, place.clone()))
                }
                _ => {}
            }
            // Unit conversion happens when the figures are written (the indicator's
            // unit is known then); a value's own measure is kept on the want.
            if let (Field::Value | Field::TargetValue, Some(m)) = (v.field, &v.measure)
                && let Some(existing) = want.existing
            {
                let unit = &self.data.raw.indicators[existing].unit;
                if !same_unit(m, unit) && convert_unit(Decimal::ONE, m, unit).is_none() {
                    diags.push(
                        at_cell(
                            Code::UnitMismatch,
                            &v.place,
                            text!(
                                "{ind} is in {m} in the sheet, in {unit} in data.yaml",
                                "{ind}在表中的单位是{m}，在 data.yaml 中是{unit}",
                                ind = &v.indicator
                            ),
                        )
                        .hint(text!(
                            "give the sheet's figure in the indicator's unit",
                            "表中的数请按指标的单位填写"
                        )),
                    );
                }
            }
        }
    }

    fn apply(&mut self, doc: &mut Doc, diags: &mut Diagnostics) {
        let root = doc.root.clone();
        let list = root.as_ref().and_then(|r| r.get("indicators")).cloned();
        let layout = Layout::of(doc, list.as_ref());
        let mut taken: Vec<String> = self.indicators().iter().map(|i| i.id.clone()).collect();
        let mut new_items: Vec<String> = Vec::new();
        let wants = std::mem::take(&mut self.wants);
        for want in &wants {
            let result = match want.existing {
                Some(i) => {
                    let node = list.as_ref().and_then(|l| l.items().get(i)).cloned();
                    match node {
                        Some(node) if node.is_map() => self.update(doc, &layout, i, &node, want),
                        _ => Err(EditError {
                            at: 0,
                            message: text!(
                                "indicator {id} is not a mapping in the text",
                                "指标 {id} 在文件中不是映射（键: 值）",
                                id = &self.indicators()[i].id
                            ),
                        }),
                    }
                }
                None => {
                    let item = self.create(&layout, want, &mut taken);
                    new_items.push(item);
                    Ok(())
                }
            };
            if let Err(e) = result {
                diags.push(self.located(doc, e));
            }
        }
        self.wants = wants;
        if new_items.is_empty() {
            return;
        }
        let flow = matches!(
            list.as_ref().map(|l| &l.kind),
            Some(edit::Kind::Seq { flow: true, .. })
        );
        let result = match (&root, &list) {
            (Some(root), Some(list)) if flow && list.items().is_empty() => {
                // `indicators: []`: the empty list becomes a block list.
                let key_end = root.entry("indicators").map_or(list.start, |(k, _)| k.end);
                let items: String = new_items
                    .iter()
                    .map(|item| format!("\n{}- {item}", layout.dash))
                    .collect();
                doc.replace_span(key_end..list.end, format!(":{items}"))
            }
            (_, Some(list)) if flow => Err(EditError {
                at: list.start,
                message: text!(
                    "`indicators` is a flow list ([…]); write it as a block list (`- id: …` lines) to import new indicators into it",
                    "`indicators` 是行内列表（[…]）；要导入新指标，请改写为分行列表（每行 `- id: …`）"
                ),
            }),
            (_, Some(list)) => new_items
                .iter()
                .try_for_each(|item| doc.push_item_spaced(list, item, layout.blank)),
            (Some(root), None) if root.is_map() && !root.entries().is_empty() => {
                let items: String = new_items
                    .iter()
                    .map(|item| format!("\n{}- {item}", layout.dash))
                    .collect();
                doc.insert_entry(root, Some(root.entries().len() - 1), "indicators", &items)
            }
            (None, None) => {
                let items: Vec<String> = new_items
                    .iter()
                    .map(|item| format!("{}- {item}", layout.dash))
                    .collect();
                doc.append(&format!("indicators:\n{}", items.join("\n")));
                Ok(())
            }
            _ => Err(EditError {
                at: 0,
                message: text!(
                    "data.yaml's top level is not a mapping with `indicators:`",
                    "data.yaml 的顶层不是含 `indicators:` 的映射"
                ),
            }),
        };
        if let Err(e) = result {
            diags.push(self.located(doc, e));
        }
    }

    fn located(&self, doc: &Doc, e: EditError) -> Diagnostic {
        Diagnostic::error(Code::YamlShape, self.file, e.message)
            .at(Position::of_offset(doc.text, e.at))
    }

    /// Edits an indicator of `data.yaml`: its values, growth rates, targets and ranks.
    fn update(
        &mut self,
        doc: &mut Doc,
        layout: &Layout,
        i: usize,
        node: &Node,
        want: &Wants,
    ) -> Result<(), EditError> {
        let ind = &self.data.raw.indicators[i];
        let id = ind.id.clone();
        let unit = ind.unit.clone();
        let measure = want.measure.clone();
        let convert = |w: &Wanted| -> Wanted {
            match &measure {
                Some(m) if !same_unit(m, &unit) => {
                    let figure = convert_unit(w.figure, m, &unit).unwrap_or(w.figure);
                    Wanted {
                        figure,
                        shown: format!("{}{m}", w.shown.trim_end_matches(m.as_str())),
                        place: w.place.clone(),
                    }
                }
                _ => w.clone(),
            }
        };
        let key_indent = doc.indent_at(node.entries().first().map_or(node.start, |(k, _)| k.start));
        let child = format!("{key_indent}{}", layout.step);
        // Values and growth rates.
        let values: Vec<(Period, Option<Wanted>, Option<Wanted>)> = want
            .periods
            .iter()
            .filter(|(_, f)| f.value.is_some() || f.growth.is_some())
            .map(|(p, f)| (*p, f.value.as_ref().map(convert), f.growth.clone()))
            .collect();
        if !values.is_empty() {
            match node.get("values") {
                Some(map) if map.is_map() => {
                    for (p, v, g) in &values {
                        self.update_value(doc, &id, map, *p, v.as_ref(), g.as_ref())?;
                    }
                }
                Some(other) => {
                    return Err(EditError {
                        at: other.start,
                        message: text!(
                            "`values` of {id} is not a mapping",
                            "{id} 的 `values` 不是映射（键: 值）"
                        ),
                    });
                }
                None => {
                    let mut block = String::new();
                    for (p, v, g) in &values {
                        block.push_str(&format!("\n{child}{p}: {}", value_text(v, g)));
                        self.record_value(&id, *p, None, v.as_ref(), g.as_ref());
                    }
                    doc.insert_entry(node, Some(node.entries().len() - 1), "values", &block)?;
                }
            }
        }
        // Targets.
        let targets: Vec<(Period, TargetWant)> = want
            .periods
            .iter()
            .filter_map(|(p, f)| Some((*p, TargetWant::of(f, &convert)?)))
            .collect();
        if !targets.is_empty() {
            match node.get("targets") {
                Some(map) if map.is_map() => {
                    for (p, t) in &targets {
                        self.update_target(doc, &id, map, *p, t)?;
                    }
                }
                Some(other) => {
                    return Err(EditError {
                        at: other.start,
                        message: text!(
                            "`targets` of {id} is not a mapping",
                            "{id} 的 `targets` 不是映射（键: 值）"
                        ),
                    });
                }
                None => {
                    let mut block = String::new();
                    for (p, t) in &targets {
                        block.push_str(&format!("\n{child}{p}: {}", t.text(None)));
                        self.record(&id, *p, "target", None, t.text(None), &t.place);
                    }
                    doc.insert_entry(node, Some(node.entries().len() - 1), "targets", &block)?;
                }
            }
        }
        // Ranks.
        let ranks: Vec<(Period, &(String, bool), &Wanted)> = want
            .periods
            .iter()
            .flat_map(|(p, f)| f.ranks.iter().map(move |(k, w)| (*p, k, w)))
            .collect();
        if !ranks.is_empty() {
            match node.get("ranks") {
                Some(seq) if matches!(seq.kind, edit::Kind::Seq { .. }) => {
                    for (p, of, w) in ranks {
                        self.update_rank(doc, &id, seq, p, of, w)?;
                    }
                }
                Some(other) => {
                    return Err(EditError {
                        at: other.start,
                        message: text!("`ranks` of {id} is not a list", "{id} 的 `ranks` 不是列表"),
                    });
                }
                None => {
                    let mut block = String::new();
                    for (p, of, w) in ranks {
                        let item = rank_text(p, of, w);
                        block.push_str(&format!("\n{child}- {item}"));
                        self.record(&id, p, "rank", None, w.figure.to_string(), &w.place);
                    }
                    doc.insert_entry(node, Some(node.entries().len() - 1), "ranks", &block)?;
                }
            }
        }
        Ok(())
    }

    fn record(
        &mut self,
        id: &str,
        period: Period,
        field: &str,
        old: Option<String>,
        new: String,
        place: &str,
    ) {
        self.changes.push(Change {
            indicator: id.to_string(),
            period: period.to_string(),
            field: field.to_string(),
            old,
            new,
            from: place.to_string(),
        });
    }

    fn record_value(
        &mut self,
        id: &str,
        p: Period,
        old: Option<(&str, &str)>,
        v: Option<&Wanted>,
        g: Option<&Wanted>,
    ) {
        if let Some(v) = v {
            self.record(
                id,
                p,
                "value",
                old.map(|o| o.0.to_string()).filter(|s| !s.is_empty()),
                shown(v),
                &v.place,
            );
        }
        if let Some(g) = g {
            self.record(
                id,
                p,
                "growth",
                old.map(|o| o.1.to_string()).filter(|s| !s.is_empty()),
                g.figure.to_string(),
                &g.place,
            );
        }
    }

    fn update_value(
        &mut self,
        doc: &mut Doc,
        id: &str,
        map: &Node,
        p: Period,
        v: Option<&Wanted>,
        g: Option<&Wanted>,
    ) -> Result<(), EditError> {
        let Some((_, old)) = find_period(map, p) else {
            let after = insert_after(map, p);
            doc.insert_entry(
                map,
                after,
                &p.to_string(),
                &value_text(&v.cloned(), &g.cloned()),
            )?;
            self.record_value(id, p, None, v, g);
            return Ok(());
        };
        let differs = |node: Option<&Node>, w: Option<&Wanted>| -> Option<String> {
            let w = w?;
            let old = node.and_then(Node::scalar).and_then(parse_decimal);
            (old != Some(w.figure)).then(|| w.figure.to_string())
        };
        if old.is_map() {
            let new_v = differs(old.get("value"), v);
            let new_g = differs(old.get("growth"), g);
            let old_text = |k: &str| old.get(k).and_then(Node::scalar).unwrap_or("").to_string();
            self.unchanged += usize::from(v.is_some() && new_v.is_none())
                + usize::from(g.is_some() && new_g.is_none());
            if let Some(text) = new_v {
                doc.set(old, "value", text)?;
                self.record_value(id, p, Some((&old_text("value"), "")), v, None);
            }
            if let Some(text) = new_g {
                doc.set(old, "growth", text)?;
                self.record_value(id, p, Some(("", &old_text("growth"))), None, g);
            }
            return Ok(());
        }
        // A bare number.
        let old_text = old.scalar().unwrap_or("").to_string();
        let new_v = differs(Some(old), v);
        self.unchanged += usize::from(v.is_some() && new_v.is_none());
        match (new_v, g) {
            (new_v, Some(g)) => {
                let value = v.map_or(old_text.clone(), |w| w.figure.to_string());
                doc.replace_node(old, format!("{{ value: {value}, growth: {} }}", g.figure))?;
                if new_v.is_some() {
                    self.record_value(id, p, Some((&old_text, "")), v, None);
                }
                self.record_value(id, p, None, None, Some(g));
            }
            (Some(text), None) => {
                doc.replace_scalar(old, text)?;
                self.record_value(id, p, Some((&old_text, "")), v, None);
            }
            (None, None) => {}
        }
        Ok(())
    }

    fn update_target(
        &mut self,
        doc: &mut Doc,
        id: &str,
        map: &Node,
        p: Period,
        t: &TargetWant,
    ) -> Result<(), EditError> {
        let Some((_, old)) = find_period(map, p) else {
            let after = insert_after(map, p);
            doc.insert_entry(map, after, &p.to_string(), &t.text(None))?;
            self.record(id, p, "target", None, t.text(None), &t.place);
            return Ok(());
        };
        let old_text = doc.text[old.start..old.end].to_string();
        let (key, other) = if t.growth {
            ("growth", "value")
        } else {
            ("value", "growth")
        };
        let old_figure = if old.is_map() {
            old.get(key).and_then(Node::scalar).and_then(parse_decimal)
        } else {
            old.scalar().and_then(parse_decimal).filter(|_| !t.growth)
        };
        let old_qualifier = old.get("qualifier").and_then(Node::scalar).unwrap_or("");
        let new_qualifier = t.qualifier.map_or("", Qualifier::as_str);
        let same_shape = old.is_map() && old.get(other).is_none() && old.get("range").is_none();
        if old_figure == Some(t.figure) && old_qualifier == new_qualifier {
            self.unchanged += 1;
            return Ok(());
        }
        if !old.is_map() && !t.growth && t.qualifier.is_none() {
            // A bare level stays bare.
            doc.replace_scalar(old, t.figure.to_string())?;
        } else if same_shape
            && old.get(key).is_some()
            && (t.qualifier.is_some() || old_qualifier.is_empty())
        {
            if old_figure != Some(t.figure) {
                doc.set(old, key, t.figure.to_string())?;
            }
            if old_qualifier != new_qualifier {
                doc.set(old, "qualifier", new_qualifier.to_string())?;
            }
        } else {
            // Another kind of target (or a qualifier dropped): written anew, its note kept.
            let note = old
                .get("note")
                .map(|n| doc.text[n.start..n.end].to_string());
            doc.replace_node(old, t.text(note.as_deref()))?;
        }
        self.record(id, p, "target", Some(old_text), t.text(None), &t.place);
        Ok(())
    }

    fn update_rank(
        &mut self,
        doc: &mut Doc,
        id: &str,
        seq: &Node,
        p: Period,
        of: &(String, bool),
        w: &Wanted,
    ) -> Result<(), EditError> {
        let of_period: Vec<&Node> = seq
            .items()
            .iter()
            .filter(|r| {
                r.get("period")
                    .and_then(Node::scalar)
                    .and_then(|s| s.parse::<Period>().ok())
                    .is_some_and(|q| q.month_span() == p.month_span())
            })
            .collect();
        let scope_of = |r: &Node| {
            r.get("scope")
                .and_then(Node::scalar)
                .unwrap_or("")
                .to_string()
        };
        let found = of_period
            .iter()
            .find(|r| scope_of(r) == of.0)
            .or_else(|| (of.0.is_empty() && of_period.len() == 1).then(|| &of_period[0]));
        match found {
            Some(r) => {
                let old = r.get("position").and_then(Node::scalar).unwrap_or("");
                if parse_decimal(old) == Some(w.figure) {
                    self.unchanged += 1;
                } else {
                    let old = old.to_string();
                    doc.set(r, "position", w.figure.to_string())?;
                    self.record(id, p, "rank", Some(old), w.figure.to_string(), &w.place);
                }
            }
            None => {
                doc.push_item(seq, &rank_text(p, of, w))?;
                self.record(id, p, "rank", None, w.figure.to_string(), &w.place);
            }
        }
        Ok(())
    }

    /// The text of a new indicator, to follow a `- ` in the list.
    fn create(&mut self, layout: &Layout, want: &Wants, taken: &mut Vec<String>) -> String {
        let id = new_id(&want.name, taken);
        taken.push(id.clone());
        let unit = want.measure.clone().unwrap_or_default();
        let kind = guess_kind(&want.name, &unit);
        let decimals = want
            .periods
            .values()
            .flat_map(|f| [&f.value, &f.target])
            .flatten()
            .map(|w| w.figure.scale())
            .max()
            .unwrap_or(0)
            .min(crate::model::MAX_DECIMALS);
        let k = &layout.key;
        let s = &layout.step;
        let mut text = format!(
            "id: {}\n{k}name: {}\n",
            yaml_text(&id),
            yaml_text(&want.name)
        );
        if !unit.is_empty() {
            text.push_str(&format!("{k}unit: {}\n", yaml_text(&unit)));
        }
        text.push_str(&format!("{k}kind: {kind}\n{k}decimals: {decimals}"));
        let mut values = String::new();
        let mut targets = String::new();
        let mut ranks = String::new();
        for (p, f) in &want.periods {
            if f.value.is_some() || f.growth.is_some() {
                values.push_str(&format!("\n{k}{s}{p}: {}", value_text(&f.value, &f.growth)));
                self.record_value(&id, *p, None, f.value.as_ref(), f.growth.as_ref());
            }
            if let Some(t) = TargetWant::of(f, &|w: &Wanted| w.clone()) {
                targets.push_str(&format!("\n{k}{s}{p}: {}", t.text(None)));
                self.record(&id, *p, "target", None, t.text(None), &t.place);
            }
            for (of, w) in &f.ranks {
                ranks.push_str(&format!("\n{k}{s}- {}", rank_text(*p, of, w)));
                self.record(&id, *p, "rank", None, w.figure.to_string(), &w.place);
            }
        }
        for (key, block) in [("values", values), ("targets", targets), ("ranks", ranks)] {
            if !block.is_empty() {
                text.push_str(&format!("\n{k}{key}:{block}"));
            }
        }
        self.new_indicators.push(NewIndicator {
            id,
            name: want.name.clone(),
            kind,
            unit,
            decimals,
        });
        text
    }

    /// Reads the edited text back as `load` will, and checks every figure of the sheet is
    /// there as it should be: a guard against an edit in the wrong place.
    fn verify(&self, text: &str, diags: &mut Diagnostics) {
        let mut found = Diagnostics::default();
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw = match crate::load::yaml::parse::<Option<RawData>>(body, self.file, 1, &mut found)
        {
            Some(raw) => raw.map_or_else(Vec::new, |r| r.indicators),
            None => {
                for d in found.into_sorted() {
                    diags.push(
                        Diagnostic::error(
                            Code::YamlShape,
                            self.file,
                            text!(
                                "the import would make data.yaml unreadable ({en}); nothing was written",
                                "导入会使 data.yaml 无法读取（{zh}），未写入任何内容",
                                en = &d.message,
                                zh = d.message.get(Lang::Zh)
                            ),
                        )
                        .hint(text!(
                            "please report this, with data.yaml and the sheet",
                            "请报告这个问题，并附上 data.yaml 和表格"
                        )),
                    );
                }
                return;
            }
        };
        let expected = self.indicators().len() + self.new_indicators.len();
        let wrong = |what: Text| {
            Diagnostic::error(
                Code::YamlShape,
                self.file,
                text!(
                    "the import would write {what} wrongly; nothing was written",
                    "导入会把{zh}写错，未写入任何内容",
                    zh = what.get(Lang::Zh)
                ),
            )
            .hint(text!(
                "please report this, with data.yaml and the sheet",
                "请报告这个问题，并附上 data.yaml 和表格"
            ))
        };
        if raw.len() != expected {
            diags.push(wrong(text!("{expected} indicators", " {expected} 个指标")));
            return;
        }
        for n in &self.new_indicators {
            let read = raw.iter().find(|i| i.id == n.id);
            if read.is_none_or(|i| i.name != n.name || i.unit != n.unit) {
                diags.push(wrong(text!(
                    "the name or unit of {id}",
                    " {id} 的名称或单位",
                    id = &n.id
                )));
            }
        }
        for c in &self.changes {
            let Some(ind) = raw.iter().find(|i| i.id == c.indicator) else {
                diags.push(wrong(text!(
                    "indicator {id}",
                    "指标 {id}",
                    id = &c.indicator
                )));
                continue;
            };
            let p: Period = match c.period.parse() {
                Ok(p) => p,
                Err(_) => continue,
            };
            let ok = match c.field.as_str() {
                "value" | "growth" => ind.values.iter().any(|(q, v)| {
                    q.month_span() == p.month_span() && {
                        let got = if c.field == "value" {
                            v.value
                        } else {
                            v.growth
                        };
                        got.is_some_and(|g| Some(g) == figure_of(&c.new))
                    }
                }),
                "target" => ind.targets.keys().any(|q| q.month_span() == p.month_span()),
                _ => ind.ranks.iter().any(|r| {
                    r.period == p && Some(Decimal::from(r.position)) == parse_decimal(&c.new)
                }),
            };
            if !ok {
                diags.push(wrong(
                    format!("{} {} {}", c.indicator, c.period, c.field).into(),
                ));
            }
        }
    }
}

/// A diagnostic at a cell of the sheet: `data.csv:4:15`, `data.xlsx:Sheet1!D7`.
fn at_cell(code: Code, place: &sheet::Place, message: Text) -> Diagnostic {
    let file = match place.cell_ref() {
        Some(cell) => PathBuf::from(format!("{}:{cell}", place.file.display())),
        None => place.file.clone(),
    };
    let d = Diagnostic::error(code, file, message);
    match place.position() {
        Some(p) => d.at(p),
        None => d,
    }
}

/// The number at the start of a change's text (`36.45` of `36.45 (the sheet's 364500万元)`).
fn figure_of(text: &str) -> Option<Decimal> {
    let number = text.split(' ').next().unwrap_or(text);
    parse_decimal(number)
}

/// How a change prints its new figure: converted from the sheet's unit when it was.
fn shown(w: &Wanted) -> String {
    let plain = w.figure.to_string();
    let typed = w.shown.trim_end_matches(|c: char| !c.is_ascii_digit());
    if parse_decimal(typed).is_none_or(|d| d == w.figure) {
        plain
    } else {
        format!("{plain} (the sheet's {})", w.shown)
    }
}

/// A target as the sheet gives it.
struct TargetWant {
    growth: bool,
    figure: Decimal,
    qualifier: Option<Qualifier>,
    place: String,
}

impl TargetWant {
    fn of(f: &PeriodFigures, convert: &dyn Fn(&Wanted) -> Wanted) -> Option<TargetWant> {
        let (growth, w) = match (&f.target, &f.target_growth) {
            (Some(t), _) => (false, convert(t)),
            (None, Some(g)) => (true, g.clone()),
            (None, None) => return None,
        };
        Some(TargetWant {
            growth,
            figure: w.figure,
            qualifier: f.qualifier.as_ref().map(|q| q.0),
            place: w.place,
        })
    }

    /// `{ value: 170, qualifier: 以上 }`, with the old note's text kept.
    fn text(&self, note: Option<&str>) -> String {
        let key = if self.growth { "growth" } else { "value" };
        let mut s = format!("{{ {key}: {}", self.figure);
        if let Some(q) = self.qualifier {
            s.push_str(&format!(", qualifier: {}", q.as_str()));
        }
        if let Some(n) = note {
            s.push_str(&format!(", note: {n}"));
        }
        s.push_str(" }");
        s
    }
}

fn value_text(v: &Option<Wanted>, g: &Option<Wanted>) -> String {
    match (v, g) {
        (Some(v), None) => v.figure.to_string(),
        (Some(v), Some(g)) => format!("{{ value: {}, growth: {} }}", v.figure, g.figure),
        (None, Some(g)) => format!("{{ growth: {} }}", g.figure),
        (None, None) => String::new(),
    }
}

fn rank_text(p: Period, of: &(String, bool), w: &Wanted) -> String {
    let mut s = format!("{{ period: {p}");
    if !of.0.is_empty() {
        s.push_str(&format!(", scope: {}", yaml_text(&of.0)));
    }
    s.push_str(&format!(", position: {}", w.figure));
    if of.1 {
        s.push_str(", by: growth");
    }
    s.push_str(" }");
    s
}

/// The entry of `map` whose key is `p` (or another spelling of the same months).
fn find_period(map: &Node, p: Period) -> Option<&(Node, Node)> {
    map.entries().iter().find(|(k, _)| {
        k.scalar()
            .and_then(|s| s.parse::<Period>().ok())
            .is_some_and(|q| q == p || q.month_span() == p.month_span())
    })
}

/// After which entry a new period goes, keeping the periods in order: the last entry
/// with an earlier period, else None (before the first; at the end of an empty map).
fn insert_after(map: &Node, p: Period) -> Option<usize> {
    let entries = map.entries();
    let before = entries.iter().rposition(|(k, _)| {
        k.scalar()
            .and_then(|s| s.parse::<Period>().ok())
            .is_some_and(|q| q < p)
    });
    match before {
        Some(i) => Some(i),
        None if entries.is_empty() => None,
        None if entries
            .iter()
            .any(|(k, _)| k.scalar().and_then(|s| s.parse::<Period>().ok()).is_some()) =>
        {
            None
        }
        None => Some(entries.len() - 1),
    }
}

/// How the file indents its indicators: the dash, the keys after it, one step deeper.
struct Layout {
    dash: String,
    key: String,
    step: String,
    /// A blank line between indicators (the first two are set apart by one).
    blank: bool,
}

impl Layout {
    fn of(doc: &Doc, list: Option<&Node>) -> Layout {
        let default = Layout {
            dash: "  ".into(),
            key: "    ".into(),
            step: "  ".into(),
            blank: false,
        };
        let Some(list) = list else {
            return default;
        };
        let Some(first) = list.items().first().filter(|n| n.is_map()) else {
            return default;
        };
        let dash = doc.indent_at(list.start);
        let key = doc.indent_at(first.start);
        // One step: from an indicator's key to the keys of its first block mapping.
        let step = first
            .entries()
            .iter()
            .find_map(|(_, v)| match &v.kind {
                edit::Kind::Map {
                    flow: false,
                    entries,
                } => entries.first().map(|(k, _)| {
                    let deeper = doc.indent_at(k.start).len();
                    " ".repeat(deeper.saturating_sub(key.len()).max(1))
                }),
                _ => None,
            })
            .unwrap_or_else(|| "  ".into());
        let blank = match list.items() {
            [a, b, ..] => doc.text[a.end..b.start]
                .lines()
                .skip(1)
                .any(|l| l.trim().is_empty()),
            _ => false,
        };
        Layout {
            dash,
            key,
            step,
            blank,
        }
    }
}

fn same_unit(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim().replace('％', "%");
    norm(a) == norm(b)
}

/// A string as a YAML scalar: plain when it reads back as the same string, else quoted.
fn yaml_text(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        && !s.ends_with(char::is_whitespace)
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains(['\n', '\r', '\t'])
        && matches!(serde_yaml::from_str::<serde_yaml::Value>(s), Ok(serde_yaml::Value::String(ref v)) if v == s);
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
    }
}

/// The kind of a new indicator, from its unit and name (the import says to check it).
fn guess_kind(name: &str, unit: &str) -> &'static str {
    let unit = unit.trim();
    if unit.contains("=100") || unit.contains("＝100") {
        "index"
    } else if unit == "位" || name.ends_with("位次") || name.ends_with("排名") {
        "rank"
    } else if matches!(unit, "%" | "％" | "‰") {
        if ["比重", "占比", "份额", "比例"]
            .iter()
            .any(|w| name.contains(w))
        {
            "share"
        } else {
            "rate"
        }
    } else if !unit.starts_with(['万', '亿'])
        && [
            "个", "家", "户", "人", "项", "条", "件", "座", "所", "台", "辆", "套", "次", "宗",
        ]
        .iter()
        .any(|c| unit.ends_with(c))
    {
        "count"
    } else {
        "amount"
    }
}

/// An id for a new indicator named `name` (module doc, "Ids of new indicators").
pub(crate) fn new_id(name: &str, taken: &[String]) -> String {
    use pinyin::ToPinyin as _;
    let has_han = name.chars().any(|c| c.to_pinyin().is_some());
    let base = if has_han {
        let mut id = String::new();
        for c in name.chars() {
            if let Some(p) = c.to_pinyin() {
                id.push_str(p.first_letter());
            } else if c.is_ascii_alphanumeric() {
                id.push(c.to_ascii_lowercase());
            }
        }
        if id.starts_with(|c: char| c.is_ascii_digit()) {
            id.insert(0, 'i');
        }
        id
    } else if name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        name.to_ascii_lowercase()
    } else {
        String::new()
    };
    let free = |id: &str| !taken.iter().any(|t| t.eq_ignore_ascii_case(id));
    if base.is_empty() {
        return (1..)
            .map(|n| format!("indicator-{n}"))
            .find(|id| free(id))
            .unwrap_or_default();
    }
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| free(id))
        .unwrap_or_default()
}

/// Writes `text` to a new file beside `path` and renames it over `path`: a reader sees
/// the old file or the new one, never half of one. The old file's permissions are kept.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(".data.yaml.import-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(text.as_bytes())?;
        if let Ok(m) = std::fs::metadata(path) {
            f.set_permissions(m.permissions())?;
        }
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_pinyin_initials_unique_and_numbered_fallbacks() {
        let taken = vec!["gdp".to_string()];
        assert_eq!(new_id("规模以上工业增加值", &taken), "gmysgyzjz");
        assert_eq!(new_id("5G基站数", &taken), "i5gjzs");
        assert_eq!(new_id("新增5G基站", &taken), "xz5gjz");
        assert_eq!(new_id("tax_revenue", &taken), "tax_revenue");
        assert_eq!(new_id("GDP", &taken), "gdp-2");
        assert_eq!(new_id("（）", &taken), "indicator-1");
        let taken = vec!["gmysgyzjz".to_string(), "indicator-1".to_string()];
        assert_eq!(new_id("规模以上工业增加值", &taken), "gmysgyzjz-2");
        assert_eq!(new_id("……", &taken), "indicator-2");
    }

    #[test]
    fn kinds_are_guessed_from_the_unit_and_name() {
        assert_eq!(guess_kind("地区生产总值", "亿元"), "amount");
        assert_eq!(guess_kind("新增市场主体", "户"), "count");
        assert_eq!(guess_kind("新增市场主体", "万户"), "amount");
        assert_eq!(guess_kind("主导产业产值占比", "%"), "share");
        assert_eq!(guess_kind("城镇调查失业率", "%"), "rate");
        assert_eq!(guess_kind("居民消费价格指数", "上年=100"), "index");
        assert_eq!(guess_kind("综合发展水平位次", "位"), "rank");
    }

    #[test]
    fn names_are_matched_without_spaces_and_qizhong() {
        assert_eq!(clean_name("\u{3000}\u{3000}其中：工业投资 "), "工业投资");
        assert_eq!(clean_name("Total revenue"), "Total revenue");
        assert_eq!(squash("规模以上 工业增加值"), "规模以上工业增加值");
        assert_eq!(yaml_text("%"), "\"%\"");
        assert_eq!(yaml_text("亿元"), "亿元");
        assert_eq!(yaml_text("2024"), "\"2024\"");
    }
}
