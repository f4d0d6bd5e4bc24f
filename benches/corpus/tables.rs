//! The ```yoy and ```targets tables bulletin renders from `data.yaml`, written out as
//! Markdown for the Hugo twin: caption, unit line, pipe table, 注 and 数据来源.

use std::fmt::Write as _;

use crate::CUR;
use crate::indicators::{Kind, Series, Target};
use crate::phrasing::{
    Change, UNAVAILABLE, change, change_cell, change_text, number_text, target_met, target_spec,
    target_text, value_text,
};
use crate::tree::Unit;

pub(crate) fn source_of(unit: &Unit, s: &Series) -> String {
    format!("{}{}", unit.name, s.def.dept)
}

/// Caption, unit line, pipe table, 注 and 数据来源, as bulletin's table writer
/// (`render::table_html`) lays them out.
fn md_table(
    caption: &str,
    unit_note: &str,
    header: &[&str],
    rows: &[Vec<String>],
    notes: &[String],
    sources: &[String],
) -> String {
    let mut md = String::new();
    let _ = write!(md, "**{caption}**");
    if !unit_note.is_empty() {
        let _ = write!(md, "　{unit_note}");
    }
    md.push_str("\n\n|");
    for h in header {
        let _ = write!(md, " {h} |");
    }
    md.push_str("\n| --- |");
    for _ in 1..header.len() {
        md.push_str(" ---: |");
    }
    md.push('\n');
    for row in rows {
        md.push('|');
        for cell in row {
            let _ = write!(md, " {cell} |");
        }
        md.push('\n');
    }
    match notes {
        [] => {}
        [one] => {
            let _ = write!(md, "\n注：{one}\n");
        }
        many => {
            md.push_str("\n注：\n\n");
            for (i, n) in many.iter().enumerate() {
                let _ = writeln!(md, "{}. {n}", i + 1);
            }
        }
    }
    if !sources.is_empty() {
        let _ = write!(md, "\n数据来源：{}\n", sources.join("；"));
    }
    md
}

fn notes_and_sources(unit: &Unit, rows: &[&Series]) -> (Vec<String>, Vec<String>) {
    let mut notes = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    for s in rows {
        if !s.def.note.is_empty() {
            notes.push(format!("{}：{}", s.def.name, s.def.note));
        }
        let source = source_of(unit, s);
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    (notes, sources)
}

/// 指标 | [单位] | 2024年 | 2023年 | 比上年增长（%） (or 增减（百分点）, or worded changes).
pub(crate) fn md_yoy(unit: &Unit, caption: &str, rows: &[&Series]) -> String {
    let first_unit = rows[0].def.unit;
    let same_unit = rows.iter().all(|s| s.def.unit == first_unit);
    let all = |f: fn(&Change) -> bool| rows.iter().all(|s| f(&change(s)));
    let label = if all(|c| matches!(c, Change::Growth(..))) {
        "比上年增长（%）"
    } else if all(|c| matches!(c, Change::Points(_))) {
        "比上年增减（百分点）"
    } else {
        "比上年增减"
    };
    let words = label == "比上年增减";
    let mut header = vec!["指标"];
    if !same_unit {
        header.push("单位");
    }
    header.extend(["2024年", "2023年", label]);
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|s| {
            let mut row = vec![s.def.name.to_string()];
            if !same_unit {
                row.push(s.def.unit.to_string());
            }
            row.push(number_text(s, CUR));
            row.push(number_text(s, CUR - 1));
            row.push(if words {
                change_text(s)
            } else {
                change_cell(s)
            });
            row
        })
        .collect();
    let (notes, sources) = notes_and_sources(unit, rows);
    let unit_note = if same_unit {
        format!("单位：{first_unit}")
    } else {
        String::new()
    };
    md_table(caption, &unit_note, &header, &body, &notes, &sources)
}

/// 指标 | 目标 | 完成 | 完成目标情况 | 是否完成
pub(crate) fn md_targets(unit: &Unit, caption: &str, rows: &[&Series]) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|s| {
            let done = match s.target {
                Some(Target::Growth { .. }) => change_text(s),
                _ => value_text(s),
            };
            let result = match (s.target, s.def.kind) {
                (Some(Target::Level { .. }), Kind::Amount | Kind::Count) => target_text(s, "目标")
                    .map_or_else(String::new, |t| {
                        t.trim_start_matches("完成目标的").to_string()
                    }),
                _ => target_text(s, "目标").unwrap_or_else(|| UNAVAILABLE.to_string()),
            };
            let met = match target_met(s) {
                Some(true) => "已完成",
                Some(false) => "未完成",
                None => UNAVAILABLE,
            };
            vec![
                s.def.name.to_string(),
                target_spec(s),
                done,
                result,
                met.to_string(),
            ]
        })
        .collect();
    let (notes, sources) = notes_and_sources(unit, rows);
    let unit_note = match rows.first() {
        Some(f) if rows.iter().all(|s| s.def.unit == f.def.unit) => {
            format!("单位：{}", f.def.unit)
        }
        _ => String::new(),
    };
    md_table(
        caption,
        &unit_note,
        &["指标", "目标", "完成", "完成目标情况", "是否完成"],
        &body,
        &notes,
        &sources,
    )
}
