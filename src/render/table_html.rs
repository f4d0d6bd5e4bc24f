//! The one built-in table writer: a [`TableView`] set as statistics offices set a data
//! table (caption and unit above, a ruled table, notes and the source line below; a
//! table without a caption gets the theme's `data_table` label as a caption for screen
//! readers only, so that every table is announced by name; header cells carry `scope`),
//! written directly in Rust (captions and headers with `<wbr>` between their words,
//! [`linebreak`](super::linebreak)); its labels are the theme's strings (`data_table`,
//! `table_notes`, `table_source`, `colon` in `strings.yaml`). A province-sized site sets
//! two tables in each of 10,000 bulletins; through Tera each cost a context built from
//! the view and a template interpreted cell by cell, about a fifth of a whole build
//! (ARCHITECTURE.md, "Performance"). Themes carry no table template: a site that wants its tables set otherwise
//! adds its own `components/table.html` ([`TABLE_TEMPLATE`]), which is rendered through
//! Tera with the same view as `table`.
//!
//! [`TABLE_TEMPLATE`]: super::theme::TABLE_TEMPLATE

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
    /// Picks the strings out of the theme's `strings.yaml` map for the site language,
    /// taking those it lacks from `fallback` (the built-in theme's map).
    pub fn from_strings(strings: &serde_json::Value, fallback: &serde_json::Value) -> TableStrings {
        let get = |key: &str| {
            [strings, fallback]
                .into_iter()
                .find_map(|map| map.get(key).and_then(serde_json::Value::as_str))
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

/// Appends `view` as a table component's HTML to `out`.
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
    if view.caption.is_empty() && view.unit_note.is_empty() {
        // Every table is announced by name (issue 18): without a caption of its own, it
        // takes the theme's label, for screen readers only (the heading above it names
        // it on screen).
        element(
            out,
            "\n      <caption class=\"visually-hidden\">",
            &t.data_table,
            "</caption>",
        );
    } else {
        out.push_str("\n      <caption>");
        if !view.caption.is_empty() {
            out.push_str("<span class=\"cap-title\">");
            super::linebreak::push_html(out, &view.caption);
            out.push_str("</span>");
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
        out.push('>');
        super::linebreak::push_html(out, &col.label);
        out.push_str("</th>");
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
            out.push('>');
            super::linebreak::push_html(out, &row.header);
            out.push_str("</th>");
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

    fn theme(root: &Path, name: &str, language: &str) -> Theme {
        let mut diags = Diagnostics::default();
        let theme = crate::engine::load_theme(root, name, None, language, &mut diags);
        assert_eq!(diags.error_count(), 0, "{diags:?}");
        let theme = theme.expect("the theme loads");
        assert!(theme.built_in_table);
        theme
    }

    fn news_theme(language: &str) -> Theme {
        theme(Path::new(env!("CARGO_MANIFEST_DIR")), "news", language)
    }

    fn cell(text: &str, classes: &str) -> Cell {
        Cell {
            text: text.to_string(),
            numeric: !classes.is_empty(),
            class: "",
            classes: classes.to_string().into(),
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

    fn columns(labels: &[(&str, bool)]) -> Vec<Column> {
        labels
            .iter()
            .map(|&(label, numeric)| Column {
                label: label.to_string(),
                numeric,
            })
            .collect()
    }

    fn write(view: &TableView, theme: &Theme) -> String {
        let mut html = String::new();
        write_table(&mut html, view, &theme.table_strings);
        html
    }

    /// Caption and unit, numeric columns, indented rows at both levels, one note, a
    /// source, and text that must be escaped.
    fn full() -> TableView {
        TableView {
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
        }
    }

    /// No caption, unit, note or source; a group row.
    fn tasks() -> TableView {
        TableView {
            id: "t<2>".into(),
            kind: TableKind::Tasks,
            caption: String::new(),
            unit_note: String::new(),
            columns: columns(&[("任务", false), ("牵头单位", false)]),
            rows: vec![
                Row {
                    group: "一、产业发展".into(),
                    ..row("", false, Vec::new())
                },
                row("培育新兴产业", false, vec![cell("市发改委", "")]),
            ],
            notes: Vec::new(),
            source: String::new(),
        }
    }

    /// A unit without a caption, no rows, several notes.
    fn notes() -> TableView {
        TableView {
            id: "table-9".into(),
            kind: TableKind::Targets,
            caption: String::new(),
            unit_note: "单位：%".into(),
            columns: columns(&[("指标", false)]),
            rows: Vec::new(),
            notes: vec!["第一条。".into(), "第二条 <b>".into(), "第三条".into()],
            source: "巢湖市统计局".into(),
        }
    }

    #[test]
    fn captions_and_headers_break_only_between_words() {
        let html = write(&full(), &news_theme("zh-CN"));
        for piece in [
            "<span class=\"cap-title\">表1 2024年<wbr>主要<wbr>经济<wbr>指标</span>",
            "<th scope=\"col\">比上年<wbr>增减</th>",
            "<th scope=\"row\">地区<wbr>生产总值</th>",
            "<th scope=\"row\" class=\"indent\">其中：<wbr>第三产业</th>",
            "<th scope=\"row\">税收<wbr>&lt;收入&gt; &amp; &quot;专项&quot; &#39;x&#39;</th>",
        ] {
            assert!(html.contains(piece), "{piece} in\n{html}");
        }
        // the cells' figures are left as they are
        assert!(html.contains("<td class=\"up\">增长7.0%</td>"), "{html}");
    }

    // The expected HTML is what the news theme's `components/table.html` rendered
    // before the template was removed (a test compared the two byte for byte).
    #[test]
    fn a_full_table_is_set_with_caption_unit_notes_and_source() {
        assert_eq!(
            write(&full(), &news_theme("zh-CN")).replace("<wbr>", ""),
            r#"<div class="tbl tbl-yoy" id="table-1">
  <div class="tbl-scroll" role="region" tabindex="0" aria-label="表1 2024年主要经济指标">
    <table>
      <caption><span class="cap-title">表1 2024年主要经济指标</span><span class="cap-unit">单位：亿元</span></caption>
      <thead>
        <tr>
          <th scope="col">指标</th>
          <th scope="col" class="num">2024年</th>
          <th scope="col">比上年增减</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">地区生产总值</th>
          <td class="num">645.7</td>
          <td class="up">增长7.0%</td>
        </tr>
        <tr>
          <th scope="row" class="indent">其中：第三产业</th>
          <td class="num">315.1</td>
          <td class="num down">下降0.3%</td>
        </tr>
        <tr>
          <th scope="row" class="indent indent2">其中：现代服务业</th>
          <td class="num">120.4</td>
        </tr>
        <tr>
          <th scope="row">税收&lt;收入&gt; &amp; &quot;专项&quot; &#39;x&#39;</th>
          <td></td>
        </tr>
      </tbody>
    </table>
  </div>
  <p class="tbl-notes">注：增速按可比价格计算。</p>
  <p class="tbl-source">数据来源：六安经开区统计局</p>
</div>
"#
        );
    }

    #[test]
    fn a_table_without_caption_gets_the_theme_label_as_a_hidden_caption_and_group_rows_span_it() {
        assert_eq!(
            write(&tasks(), &news_theme("zh-CN")).replace("<wbr>", ""),
            r#"<div class="tbl tbl-tasks" id="t&lt;2&gt;">
  <div class="tbl-scroll" role="region" tabindex="0" aria-label="数据表">
    <table>
      <caption class="visually-hidden">数据表</caption>
      <thead>
        <tr>
          <th scope="col">任务</th>
          <th scope="col">牵头单位</th>
        </tr>
      </thead>
      <tbody>
        <tr class="group"><th colspan="2" scope="colgroup">一、产业发展</th></tr>
        <tr>
          <th scope="row">培育新兴产业</th>
          <td>市发改委</td>
        </tr>
      </tbody>
    </table>
  </div>
</div>
"#
        );
    }

    #[test]
    fn several_notes_are_a_numbered_list() {
        assert_eq!(
            write(&notes(), &news_theme("zh-CN")),
            r#"<div class="tbl tbl-targets" id="table-9">
  <div class="tbl-scroll" role="region" tabindex="0" aria-label="数据表">
    <table>
      <caption><span class="cap-unit">单位：%</span></caption>
      <thead>
        <tr>
          <th scope="col">指标</th>
        </tr>
      </thead>
      <tbody>
      </tbody>
    </table>
  </div>
  <div class="tbl-notes">
    <p>注：</p>
    <ol>
      <li>第一条。</li>
      <li>第二条 &lt;b&gt;</li>
      <li>第三条</li>
    </ol>
  </div>
  <p class="tbl-source">数据来源：巢湖市统计局</p>
</div>
"#
        );
    }

    #[test]
    fn english_strings_are_used() {
        let html = write(&notes(), &news_theme("en"));
        assert!(html.contains("<p>Notes: </p>"), "{html}");
        assert!(
            html.contains("<p class=\"tbl-source\">Source: 巢湖市统计局</p>"),
            "{html}"
        );
    }

    /// A theme of the site's own needs no table template and may have no strings: the
    /// built-in writer then labels its tables with the built-in theme's strings; those it
    /// has win.
    #[test]
    fn a_theme_of_the_sites_own_gets_the_built_in_table_labels() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let templates = dir.path().join("themes/plain/templates");
        std::fs::create_dir_all(&templates).expect("the theme folder");
        for name in crate::render::theme::REQUIRED {
            std::fs::write(templates.join(name), "x").expect("a template");
        }
        let plain = theme(dir.path(), "plain", "zh-CN");
        let html = write(&notes(), &plain);
        assert!(html.contains("<p>注：</p>"), "{html}");
        std::fs::write(
            dir.path().join("themes/plain/strings.yaml"),
            "zh-CN:\n  table_notes: 说明\n",
        )
        .expect("the strings");
        let html = write(&notes(), &theme(dir.path(), "plain", "zh-CN"));
        assert!(html.contains("<p>说明：</p>"), "{html}");
        assert!(html.contains(">数据来源：巢湖市统计局<"), "{html}");
    }
}
