//! Where diagnostics about values that loaded point: positions recorded while the YAML
//! files (data.yaml, tasks.yaml, site.yaml, front matter) are loaded, found by the path
//! of keys and indexes to the value — file, line, column and the length underlined.

use crate::harness::Site;

/// (code, "file:line:col", length) of every diagnostic `check` reports.
fn located(site: &Site) -> Vec<(String, String, u64)> {
    let run = site.check(&["--format", "json"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    doc["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .filter(|d| d["severity"] != "note")
        .map(|d| {
            let p = &d["position"];
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                format!(
                    "{}:{}:{}",
                    d["file"].as_str().unwrap_or_default(),
                    p["line"],
                    p["col"]
                ),
                p["len"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

fn one(code: &str, at: &str, len: u64) -> Vec<(String, String, u64)> {
    vec![(code.to_string(), at.to_string(), len)]
}

const DATA: &str = "content/demo/data.yaml";
const REPORT: &str = "content/demo/2025-report.md";

/// A period typed twice in one flow mapping loads (the later value wins) and is reported
/// at the second key, not at its value nor at the first.
#[test]
fn a_period_typed_twice_is_at_the_second_key() {
    let site = Site::fixture("base").edit(
        DATA,
        "values: { 2023: 77, 2024: 88 }",
        "values: { 2023: 77, 2024: 88, 2024: 89 }",
    );
    assert_eq!(
        located(&site),
        one("bad-period", "content/demo/data.yaml:28:35", 4)
    );
}

/// A figure inside a flow mapping inside a flow mapping, and the same figure in block
/// style: the value itself.
#[test]
fn a_value_in_a_flow_mapping_is_located() {
    let site = Site::fixture("base").edit(
        DATA,
        "targets: { 2024: 30 }",
        "targets: { 2024: { value: 30.5 } }",
    );
    assert_eq!(
        located(&site),
        one("impossible-value", "content/demo/data.yaml:34:31", 4)
    );
    let site = Site::fixture("base").edit(
        DATA,
        "values: { 2024: 33 }",
        "values:\n      2024:\n        value: 33.5",
    );
    assert_eq!(
        located(&site),
        one("impossible-value", "content/demo/data.yaml:35:16", 4)
    );
    // a flow mapping over three lines, its key quoted
    let site = Site::fixture("base").edit(
        DATA,
        "values: { 2024: 33 }",
        "values: {\n      \"2024\": 33.5,\n      2023: 1 }",
    );
    assert_eq!(
        located(&site),
        one("impossible-value", "content/demo/data.yaml:34:15", 4)
    );
}

/// A field the layout does not print is reported at its key in the front matter; a
/// report dated before its period ends, at `date` (the key, without its colon).
#[test]
fn a_key_in_front_matter_is_located() {
    let site = Site::fixture("base").edit(
        REPORT,
        "byline: 本报记者 测试",
        "layout: document\nbyline: 本报记者 测试",
    );
    let found = located(&site);
    for (key_line, len) in [(3, 6), (4, 8), (8, 6), (9, 6), (11, 11)] {
        let at = format!("{REPORT}:{key_line}:1");
        assert!(
            found.contains(&("front-matter".to_string(), at.clone(), len)),
            "{at} ({len}) in {found:?}"
        );
    }
    let site = Site::fixture("base").edit(REPORT, "date: 2025-02-08", "date: 2024-06-08");
    assert_eq!(
        located(&site),
        one("bad-period", &format!("{REPORT}:5:1"), 4)
    );
}

/// A key figure in a block list is reported at the item (it was at the end of the
/// `key_figures:` line), in a bulletin and on the home page.
#[test]
fn a_key_figure_in_a_block_list_is_at_its_item() {
    let site = Site::fixture("base").edit(
        REPORT,
        "key_figures: [national_rank, gdp, leading_share]",
        "key_figures:\n  - national_rank\n  - gpd\n",
    );
    assert_eq!(
        located(&site),
        one("unknown-indicator", &format!("{REPORT}:12:5"), 3)
    );
    let site = Site::fixture("base").edit(
        "content/_index.md",
        "key_figures: [demo:national_rank, demo:investment]",
        "title: 首页\nkey_figures:\n  - demo:national_rank\n  - demo:investmnt",
    );
    assert_eq!(
        located(&site),
        one("unknown-indicator", "content/_index.md:5:5", 14)
    );
}

/// A quoted value is underlined with its quotes, in front matter as in data.yaml (the
/// front matter was searched line by line for the text, inside the quotes).
#[test]
fn a_quoted_date_is_underlined_with_its_quotes() {
    let site = Site::fixture("base").edit(REPORT, "date: 2025-02-08", "date: \"2025-02-30\"");
    let found = located(&site);
    assert!(
        found.contains(&("front-matter".to_string(), format!("{REPORT}:5:7"), 12)),
        "{found:?}"
    );
}

/// tasks.yaml: a body in a block list, an indicator in a flow mapping of a list, and an
/// id given twice.
#[test]
fn a_tasks_field_is_located() {
    const TASKS: &str = "content/zone/tasks.yaml";
    let site = Site::fixture("plan").edit(
        TASKS,
        "lead: [市经信局]",
        "lead:\n      - 市经信局\n      - 市财政局",
    );
    assert!(
        located(&site).contains(&("unknown-unit".into(), format!("{TASKS}:20:9"), 4)),
        "{:?}",
        located(&site)
    );
    let site = Site::fixture("plan").edit(
        TASKS,
        "indicator: new_firms, period: 2024",
        "indicator: new_frms, period: 2024",
    );
    assert!(
        located(&site).contains(&("unknown-indicator".into(), format!("{TASKS}:13:22"), 8)),
        "{:?}",
        located(&site)
    );
    let site = Site::fixture("plan").edit(TASKS, "  - id: firms", "  - id: big-projects");
    assert!(
        located(&site).contains(&("duplicate-id".into(), format!("{TASKS}:14:9"), 12)),
        "{:?}",
        located(&site)
    );
}

/// site.yaml: `base_url` and `theme` are located through the table kept with the site's
/// configuration (they were found by reading site.yaml again).
#[test]
fn site_yaml_values_are_located() {
    let site = Site::fixture("base").edit(
        "site.yaml",
        "base_url: https://www.example.gov.cn/tjgb/",
        "base_url: ftp://x/",
    );
    assert_eq!(located(&site), one("unsafe-link", "site.yaml:2:11", 8));
    let site = Site::fixture("base").edit(
        "site.yaml",
        "title: 测试经开区公报",
        "title: 测试经开区公报\ntheme: nwes",
    );
    assert_eq!(located(&site), one("site-config", "site.yaml:2:8", 4));
}
