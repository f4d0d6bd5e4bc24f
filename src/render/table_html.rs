//! The built-in `components/table.html`, also written out in Rust. A province-sized
//! site sets two tables in each of 10,000 bulletins; through Tera each costs a context
//! built from the view and a template interpreted cell by cell, about a fifth of a whole
//! build (issue 7). When the site has not replaced the template, [`write_table`] writes
//! the very same bytes directly; a site that ships its own `components/table.html` gets
//! Tera as before. The test at the bottom renders every kind of table both ways and
//! compares them byte for byte, so the two cannot drift apart.

use pulldown_cmark_escape::escape_html;

use crate::figures::table::{TableKind, TableView};

/// The theme's strings a table prints (`t.data_table` … in the template).
#[derive(Debug, Clone, Default)]
pub struct TableStrings {
    pub data_table: String,
    pub table_notes: String,
    pub colon: String,
    pub table_source: String,
}

impl TableStrings {
    /// Picks the strings out of the theme's `strings.yaml` map for the site language.
    pub fn from_strings(strings: &serde_json::Value) -> TableStrings {
        let get = |key: &str| {
            strings
                .get(key)
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        TableStrings {
            data_table: get("data_table"),
            table_notes: get("table_notes"),
            colon: get("colon"),
            table_source: get("table_source"),
        }
    }
}

/// Appends `text`, HTML-escaped as Tera's autoescape does it.
fn esc(out: &mut String, text: &str) {
    escape_html(&mut *out, text).expect("writing to a String cannot fail");
}

/// Appends `open`, `text` escaped, then `close`.
fn element(out: &mut String, open: &str, text: &str, close: &str) {
    out.push_str(open);
    esc(out, text);
    out.push_str(close);
}

fn kind_name(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Yoy => "yoy",
        TableKind::Targets => "targets",
        TableKind::Ranks => "ranks",
        TableKind::Latest => "latest",
        TableKind::Tasks => "tasks",
        TableKind::Split => "split",
    }
}

/// Writes `view` as the built-in `components/table.html` renders it.
pub fn write_table(out: &mut String, view: &TableView, t: &TableStrings) {
    out.push_str("<div class=\"tbl tbl-");
    out.push_str(kind_name(view.kind));
    out.push_str("\" id=\"");
    esc(out, &view.id);
    out.push_str("\">\n  <div class=\"tbl-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
    esc(
        out,
        if view.caption.is_empty() {
            &t.data_table
        } else {
            &view.caption
        },
    );
    out.push_str("\">\n    <table>");
    if !view.caption.is_empty() || !view.unit_note.is_empty() {
        out.push_str("\n      <caption>");
        if !view.caption.is_empty() {
            element(out, "<span class=\"cap-title\">", &view.caption, "</span>");
        }
        if !view.unit_note.is_empty() {
            element(out, "<span class=\"cap-unit\">", &view.unit_note, "</span>");
        }
        out.push_str("</caption>");
    }
    out.push_str("\n      <thead>\n        <tr>");
    for col in &view.columns {
        out.push_str("\n          <th scope=\"col\"");
        if col.numeric {
            out.push_str(" class=\"num\"");
        }
        element(out, ">", &col.label, "</th>");
    }
    out.push_str("\n        </tr>\n      </thead>\n      <tbody>");
    for row in &view.rows {
        if row.group.is_empty() {
            out.push_str("\n        <tr>\n          <th scope=\"row\"");
            if row.level > 1 {
                out.push_str(" class=\"indent indent2\"");
            } else if row.indent {
                out.push_str(" class=\"indent\"");
            }
            element(out, ">", &row.header, "</th>");
            for cell in &row.cells {
                out.push_str("\n          <td");
                if !cell.classes.is_empty() {
                    element(out, " class=\"", &cell.classes, "\"");
                }
                element(out, ">", &cell.text, "</td>");
            }
            out.push_str("\n        </tr>");
        } else {
            out.push_str("\n        <tr class=\"group\"><th colspan=\"");
            out.push_str(&view.columns.len().to_string());
            element(out, "\" scope=\"colgroup\">", &row.group, "</th></tr>");
        }
    }
    out.push_str("\n      </tbody>\n    </table>\n  </div>");
    match view.notes.as_slice() {
        [] => {}
        [note] => {
            out.push_str("\n  <p class=\"tbl-notes\">");
            esc(out, &t.table_notes);
            esc(out, &t.colon);
            esc(out, note);
            out.push_str("</p>");
        }
        notes => {
            out.push_str("\n  <div class=\"tbl-notes\">\n    <p>");
            esc(out, &t.table_notes);
            esc(out, &t.colon);
            out.push_str("</p>\n    <ol>");
            for note in notes {
                element(out, "\n      <li>", note, "</li>");
            }
            out.push_str("\n    </ol>\n  </div>");
        }
    }
    if !view.source.is_empty() {
        out.push_str("\n  <p class=\"tbl-source\">");
        esc(out, &t.table_source);
        esc(out, &t.colon);
        esc(out, &view.source);
        out.push_str("</p>");
    }
    out.push_str("\n</div>\n");
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diagnostic::Diagnostics;
    use crate::figures::table::{Cell, Column, Row};
    use crate::render::Theme;

    fn news_theme() -> Theme {
        let mut diags = Diagnostics::default();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let theme = Theme::load(root, "news", None, "zh-CN", &mut diags).expect("the news theme");
        assert!(theme.built_in_table);
        theme
    }

    fn cell(text: &str, classes: &str) -> Cell {
        Cell {
            text: text.to_string(),
            numeric: !classes.is_empty(),
            class: "",
            classes: classes.to_string(),
        }
    }

    fn row(header: &str, indent: bool, cells: Vec<Cell>) -> Row {
        Row {
            header: header.to_string(),
            indent,
            level: u8::from(indent),
            cells,
            group: String::new(),
        }
    }

    /// Every branch of the template: caption and unit note each present or not, numeric
    /// columns, indented and group rows, no, one and several notes, a source or none,
    /// and text that must be escaped.
    fn views() -> Vec<TableView> {
        let columns = |labels: &[(&str, bool)]| {
            labels
                .iter()
                .map(|&(label, numeric)| Column {
                    label: label.to_string(),
                    numeric,
                })
                .collect::<Vec<_>>()
        };
        let full = TableView {
            id: "table-1".into(),
            kind: TableKind::Yoy,
            // seed 000: 2024年 GDP 645.7 亿元 vs 592.8 (illustrative corpus level)
            caption: "表1 2024年主要经济指标".into(),
            unit_note: "单位：亿元".into(),
            columns: columns(&[("指标", false), ("2024年", true), ("比上年增减", false)]),
            rows: vec![
                row(
                    "地区生产总值",
                    false,
                    vec![cell("645.7", "num"), cell("增长7.0%", "up")],
                ),
                row(
                    "其中：第三产业",
                    true,
                    vec![cell("315.1", "num"), cell("下降0.3%", "num down")],
                ),
                Row {
                    level: 2,
                    ..row("其中：现代服务业", true, vec![cell("120.4", "num")])
                },
                row("税收<收入> & \"专项\" 'x'", false, vec![cell("", "")]),
            ],
            notes: vec!["增速按可比价格计算。".into()],
            source: "六安经开区统计局".into(),
        };
        let mut bare = TableView {
            id: "t<2>".into(),
            kind: TableKind::Tasks,
            caption: String::new(),
            unit_note: String::new(),
            columns: columns(&[("任务", false), ("牵头单位", false)]),
            rows: Vec::new(),
            notes: Vec::new(),
            source: String::new(),
        };
        bare.rows.push(Row {
            group: "一、产业发展".into(),
            ..row("", false, Vec::new())
        });
        bare.rows
            .push(row("培育新兴产业", false, vec![cell("市发改委", "")]));
        let notes = TableView {
            kind: TableKind::Targets,
            caption: String::new(),
            unit_note: "单位：%".into(),
            notes: vec!["第一条。".into(), "第二条 <b>".into(), "第三条".into()],
            source: "巢湖市统计局".into(),
            ..columns_only(TableKind::Targets)
        };
        let unit_only = TableView {
            caption: "表3 位次".into(),
            notes: vec!["仅一条".into(), "两条".into()],
            ..columns_only(TableKind::Ranks)
        };
        let empty = columns_only(TableKind::Split);
        let latest = TableView {
            rows: vec![row("a", false, vec![cell("1", "num up")])],
            ..columns_only(TableKind::Latest)
        };
        vec![full, bare, notes, unit_only, empty, latest]
    }

    fn columns_only(kind: TableKind) -> TableView {
        TableView {
            id: "table-9".into(),
            kind,
            caption: String::new(),
            unit_note: String::new(),
            columns: vec![Column {
                label: "指标".into(),
                numeric: false,
            }],
            rows: Vec::new(),
            notes: Vec::new(),
            source: String::new(),
        }
    }

    #[test]
    fn written_tables_equal_the_built_in_template() {
        let theme = news_theme();
        for view in views() {
            let mut native = String::new();
            write_table(&mut native, &view, &theme.table_strings);
            let tera = super::super::tera_table(&theme, &view).expect("the template renders");
            assert_eq!(native, tera, "table {} ({:?})", view.id, view.kind);
        }
    }

    #[test]
    fn example_site_commentary_is_the_same_either_way() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut diags = Diagnostics::default();
        let (site, mut theme) = crate::prepare(
            root,
            false,
            crate::load::Bodies::Reread,
            &mut diags,
            &mut crate::Stages::default(),
        )
        .expect("the example site");
        let mut tables = 0;
        for b in 0..site.bulletins.len() {
            theme.built_in_table = true;
            let native = crate::render::commentary_html(&site, &theme, b);
            theme.built_in_table = false;
            let tera = crate::render::commentary_html(&site, &theme, b);
            assert_eq!(native, tera, "{}", site.bulletins[b].source.path.display());
            tables += native.matches("<div class=\"tbl ").count();
        }
        // seed 000, 001 and 004 pages set yoy, targets, ranks, tasks and split tables
        assert!(
            tables >= 8,
            "only {tables} tables in the example commentary"
        );
    }

    #[test]
    fn english_strings_are_used() {
        let mut diags = Diagnostics::default();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let theme = Theme::load(root, "news", None, "en", &mut diags).expect("the news theme");
        let mut html = String::new();
        let view = &views()[2];
        write_table(&mut html, view, &theme.table_strings);
        assert!(html.contains("<p>Notes: </p>"), "{html}");
        assert!(
            html.contains("<p class=\"tbl-source\">Source: 巢湖市统计局</p>"),
            "{html}"
        );
        assert_eq!(
            html,
            super::super::tera_table(&theme, view).expect("renders")
        );
    }
}
