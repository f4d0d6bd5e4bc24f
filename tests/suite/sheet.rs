//! Figures from a unit's spreadsheet (`data.csv`, `data.xlsx`, `data.ods`): the example
//! site's 六安开发区 (seed 000) with five indicators' values moved out of `data.yaml` into
//! each fixture sheet of `tests/fixtures/sheets/` builds the very pages its YAML builds;
//! errors are located at the sheet's cell; the cross-check names the cell; an edit of
//! the sheet rebuilds like a clean build.

use crate::harness::{Site, assert_same_tree, fixtures};

const UNIT: &str = "content/luan-kfq";

/// The example's luan-kfq data.yaml without the values the fixture sheets hold (those of
/// national_rank, gdp, tax_revenue, leading_industry_share and key_project_investment).
fn definitions_only(site: &Site) -> String {
    let text = std::fs::read_to_string(site.path().join(UNIT).join("data.yaml")).unwrap();
    let moved = [
        "national_rank",
        "gdp",
        "tax_revenue",
        "leading_industry_share",
        "key_project_investment",
    ];
    let mut out = Vec::new();
    let (mut current, mut skipping) = (String::new(), false);
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("  - id: ") {
            current = id.trim().to_string();
        }
        if skipping {
            if line.starts_with("      ") {
                continue;
            }
            skipping = false;
        }
        if moved.contains(&current.as_str()) && line.starts_with("    values:") {
            out.push("    values: {}   # in the sheet".to_string());
            skipping = true;
            continue;
        }
        out.push(line.to_string());
    }
    out.join("\n") + "\n"
}

/// The example site with luan-kfq's moved values in `name` (a sheet of `bytes`).
fn with_sheet(name: &str, bytes: &[u8]) -> Site {
    let site = Site::example();
    let defs = definitions_only(&site);
    let site = site.file(&format!("{UNIT}/data.yaml"), &defs);
    std::fs::write(site.path().join(UNIT).join(name), bytes).unwrap();
    site
}

/// The build's errors hold `text`.
#[track_caller]
fn says(run: &crate::harness::Run, text: &str) {
    assert!(run.stderr.contains(text), "{text:?} not in\n{}", run.stderr);
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join("sheets").join(name)).unwrap()
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

fn utf8_of(bytes: &[u8]) -> String {
    String::from_utf8(
        bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(bytes)
            .to_vec(),
    )
    .unwrap()
}

/// `site` builds, without a warning, the very output `yaml` built.
#[track_caller]
fn builds_as(yaml: &Site, site: &Site, what: &str) {
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{what}: {}", run.stderr);
    assert_same_tree(
        &yaml.path().join("public"),
        &site.path().join("public"),
        what,
    );
}

#[test]
fn every_sheet_builds_pages_identical_to_the_same_figures_in_yaml() {
    let yaml = Site::example();
    yaml.build(&[]).assert_ok();
    let long = utf8_of(&fixture("luan-kfq.long.utf8.csv"));
    let wide = utf8_of(&fixture("luan-kfq.wide.bom.csv"));
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        ("long UTF-8 csv", "data.csv", long.clone().into_bytes()),
        (
            "long UTF-8-BOM csv",
            "data.csv",
            [b"\xEF\xBB\xBF".as_slice(), long.as_bytes()].concat(),
        ),
        ("long GBK csv", "data.csv", fixture("luan-kfq.long.gbk.csv")),
        ("wide UTF-8 csv", "data.csv", wide.clone().into_bytes()),
        (
            "wide UTF-8-BOM csv",
            "data.csv",
            fixture("luan-kfq.wide.bom.csv"),
        ),
        ("wide GBK csv", "data.csv", gbk(&wide)),
        ("long xlsx", "data.xlsx", fixture("luan-kfq.long.xlsx")),
        ("wide xlsx", "data.xlsx", fixture("luan-kfq.wide.xlsx")),
        ("long ods", "data.ods", fixture("luan-kfq.long.ods")),
        ("wide ods", "data.ods", fixture("luan-kfq.wide.ods")),
    ];
    assert_eq!(gbk(&long), fixture("luan-kfq.long.gbk.csv"));
    for (what, name, bytes) in cases {
        builds_as(&yaml, &with_sheet(name, &bytes), what);
    }
    // and the sheet did carry the figures: without it they are missing
    let none = with_sheet("notes.txt", b"");
    std::fs::remove_file(none.path().join(UNIT).join("notes.txt")).unwrap();
    let run = none.build(&[]);
    run.assert_failed();
    says(&run, "`tax_revenue` (税收收入) has no value for 2024年");
}

/// A site built once from a good sheet, then given `csv`: the build fails naming
/// `expected` (each a location and a piece of the message) and leaves the output as it was.
#[track_caller]
fn fails_at(csv: &str, expected: &[(&str, &str)]) {
    let site = with_sheet("data.csv", long().as_bytes());
    site.build(&[]).assert_ok();
    let before = site.page("luan-kfq/index.html");
    let site = site.file(&format!("{UNIT}/data.csv"), csv);
    let run = site.build(&[]);
    run.assert_failed();
    for (at, says) in expected {
        let line = run
            .stderr
            .lines()
            .position(|l| l.trim_end().ends_with(at))
            .unwrap_or_else(|| panic!("no diagnostic at {at}:\n{}", run.stderr));
        let around = run
            .stderr
            .lines()
            .skip(line.saturating_sub(1))
            .take(2)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            around.contains(says),
            "{at}: {says:?} not in\n{around}\n---\n{}",
            run.stderr
        );
    }
    assert_eq!(
        site.page("luan-kfq/index.html"),
        before,
        "the output changed"
    );
}

fn long() -> String {
    utf8_of(&fixture("luan-kfq.long.utf8.csv"))
}

fn wide() -> String {
    utf8_of(&fixture("luan-kfq.wide.bom.csv"))
}

#[test]
fn a_bad_cell_is_an_error_at_its_line_and_column() {
    let csv = long().replace("128.3,5.7", "128.3,5.7x");
    fails_at(
        &csv,
        &[("content/luan-kfq/data.csv:3:20", "`5.7x` is not a number")],
    );
}

/// A figure the sheet could not give is not reported again at every component that
/// prints it: the cell is the one error to read (the data is broken, as a data.yaml
/// that does not load is). The site `bulletin new` makes, its workbook swapped for a CSV
/// with one mistyped figure: before, eight `missing-value` errors came first.
#[test]
fn a_bad_cell_is_the_only_error_not_the_components_that_lack_its_figure() {
    let site = Site::empty();
    assert_eq!(site.run("new", &["."]).code, 0);
    std::fs::remove_file(site.path().join("content/shiliqu/data.xlsx")).unwrap();
    let site = site.file(
        "content/shiliqu/data.csv",
        "指标,2023年,2024年\n地区生产总值,380.5,40x.1\n",
    );
    let run = site.build(&[]);
    run.assert_failed();
    assert!(
        run.stderr.contains("content/shiliqu/data.csv:2:14"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("missing-value"), "{}", run.stderr);
    assert!(run.stderr.contains("1 error"), "{}", run.stderr);
}

#[test]
fn text_in_a_number_column_is_an_error_at_its_cell() {
    let csv = wide().replace("20.00,22.80", "20.00,二十二点八");
    fails_at(
        &csv,
        &[(
            "content/luan-kfq/data.csv:4:22",
            "`二十二点八` is not a number",
        )],
    );
}

#[test]
fn a_figure_in_both_places_that_differs_names_both() {
    // data.yaml keeps operating_revenue 2024: 654.0
    let csv = long() + "经营收入,2024,655.0\n";
    fails_at(
        &csv,
        &[(
            "content/luan-kfq/data.csv:11:11",
            "differs here and in content/luan-kfq/data.yaml:",
        )],
    );
    // twice in the sheet: the first cell is named
    let csv = long() + "地区生产总值,2024,128.4,\n";
    fails_at(
        &csv,
        &[(
            "content/luan-kfq/data.csv:11:13",
            "the value for 2024年 differs here and in content/luan-kfq/data.csv:3:14, which gives 128.3",
        )],
    );
}

#[test]
fn the_same_figure_in_both_places_is_a_warning() {
    let csv = long() + "经营收入,2024,654.0\n";
    let site = with_sheet("data.csv", csv.as_bytes());
    let run = site.build(&[]);
    run.assert_ok();
    says(&run, "warning[duplicate-value]");
    says(&run, "content/luan-kfq/data.csv:11:11");
    assert_eq!(site.check(&["--deny-warnings"]).code, 1);
}

#[test]
fn an_unknown_row_is_an_error_with_the_nearest_indicator() {
    let csv = long() + "税收收人,2024,22.80\n一、工业,,\n";
    fails_at(
        &csv,
        &[(
            "content/luan-kfq/data.csv:11:1",
            "the row `税收收人` names no indicator",
        )],
    );
    let site = with_sheet("data.csv", csv.as_bytes());
    let run = site.build(&[]);
    says(&run, "did you mean `tax_revenue` (税收收入)?");
    // a row of no figures (a section heading) is not read; a row listed is ignored
    assert!(!run.stderr.contains("一、工业"), "{}", run.stderr);
    let site = site.edit(
        &format!("{UNIT}/data.yaml"),
        "indicators:",
        "sheet:\n  ignore_rows: [税收收人]\nindicators:",
    );
    site.build(&[]).assert_ok();
}

#[test]
fn a_unit_of_measure_that_is_not_the_indicators_is_an_error() {
    let csv = wide().replace(
        "tax_revenue,亿元,20.00,22.80",
        "tax_revenue,万元,200000,228000",
    );
    fails_at(
        &csv,
        &[(
            "content/luan-kfq/data.csv:4:16",
            "the sheet gives this figure in 万元, the indicator is in 亿元",
        )],
    );
}

#[test]
fn a_merged_header_is_read_and_an_error_under_it_names_its_cell() {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name("主要指标").unwrap();
    s.merge_range(0, 0, 1, 0, "指标", &Format::new()).unwrap();
    s.merge_range(0, 1, 0, 2, "2024年", &Format::new()).unwrap();
    s.write_string(1, 1, "数值").unwrap();
    s.write_string(1, 2, "增速").unwrap();
    s.write_string(2, 0, "地区生产总值").unwrap();
    s.write_number(2, 1, 128.3).unwrap();
    s.write_string(2, 2, "5.7%").unwrap();
    s.write_string(3, 0, "税收收入").unwrap();
    s.write_number(3, 1, 22.8).unwrap();
    s.write_string(3, 2, "14 %x").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let site = with_sheet("data.xlsx", &bytes);
    let run = site.build(&[]);
    run.assert_failed();
    says(&run, "content/luan-kfq/data.xlsx:主要指标!C4");
    assert!(!run.stderr.contains("主要指标!C3"), "{}", run.stderr);
    // a merged header that is no period nor field is an error at the merged cell
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name("主要指标").unwrap();
    s.write_string(0, 0, "指标").unwrap();
    s.merge_range(0, 1, 0, 2, "上级下达", &Format::new())
        .unwrap();
    s.write_string(1, 0, "地区生产总值").unwrap();
    s.write_number(1, 1, 128.3).unwrap();
    s.write_number(1, 2, 5.7).unwrap();
    let site = with_sheet("data.xlsx", &book.save_to_buffer().unwrap());
    let run = site.build(&[]);
    run.assert_failed();
    says(&run, "content/luan-kfq/data.xlsx:主要指标!B1");
}

#[test]
fn a_check_rule_and_the_cross_check_name_the_sheet_cell() {
    let long = long();
    // a share over 100% (validate), at its cell
    let site = with_sheet(
        "data.csv",
        long.replace(",2024,88,", ",2024,188,").as_bytes(),
    );
    let run = site.build(&[]);
    run.assert_failed();
    says(&run, "a share of 188% is impossible");
    says(&run, "content/luan-kfq/data.csv:7:");
    // prose typed 5.7%, the sheet says 5.8: the message names the cell
    let site = with_sheet(
        "data.csv",
        long.replace("128.3,5.7", "128.3,5.8").as_bytes(),
    )
    .edit(
        &format!("{UNIT}/2025-work-conference.md"),
        "地区生产总值{{ gdp.change }}",
        "地区生产总值增长5.7%",
    );
    let run = site.build(&[]);
    run.assert_failed();
    says(
        &run,
        "the data give “增长5.8%” (content/luan-kfq/data.csv:3:20)",
    );
    // and in a workbook, by sheet and cell
    let site = with_sheet("data.xlsx", &fixture("luan-kfq.wide.xlsx")).edit(
        &format!("{UNIT}/2025-work-conference.md"),
        "地区生产总值{{ gdp.change }}",
        "地区生产总值增长5.9%",
    );
    let run = site.build(&[]);
    run.assert_failed();
    says(
        &run,
        "the data give “增长5.7%” (content/luan-kfq/data.xlsx:主要指标!D4)",
    );
}

#[test]
fn an_incremental_build_after_editing_the_sheet_equals_a_clean_one() {
    let long = long();
    let site = with_sheet("data.csv", long.as_bytes());
    site.build(&[]).assert_ok();
    let edited = long.replace("tax_revenue,2024,22.80", "tax_revenue,2024,23.00");
    let site = site.file(&format!("{UNIT}/data.csv"), &edited);
    let run = site.build(&[]);
    run.assert_ok();
    assert!(
        run.stdout.contains("unchanged") || run.stderr.contains("unchanged"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    let clean = with_sheet("data.csv", edited.as_bytes());
    clean.build(&[]).assert_ok();
    assert_same_tree(
        &clean.path().join("public"),
        &site.path().join("public"),
        "after the edit",
    );
    assert!(
        site.page("luan-kfq/2025-work-conference/index.html")
            .contains("15.0%")
    );
}

/// The example's 金安区 (seed 001) with the targets of `jinan.*.csv` moved out of its
/// data.yaml: levels, growth targets and their qualifiers (`170以上`, a 限定 column).
fn jinan_with(csv: &[u8]) -> Site {
    let site = Site::example();
    let data = "content/jinan/data.yaml";
    let text = std::fs::read_to_string(site.path().join(data)).unwrap();
    let moved = [
        "规上工业总产值突破200亿元",
        "规模以上工业总产值170亿元以上",
        "# seed §一: 工业投资同比增长20%以上",
        "力争全年招引亿元以上工业项目50个",
        "省级“三首”产品企业3家左右",
        "担保费率继续控制在1%以下",
    ];
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !moved.iter().any(|m| l.contains(m)))
        .collect();
    assert_eq!(kept.len() + moved.len(), text.lines().count());
    let mut out = String::new();
    for (i, line) in kept.iter().enumerate() {
        let emptied = *line == "    targets:"
            && kept
                .get(i + 1)
                .is_none_or(|next| !next.starts_with("      "));
        out.push_str(if emptied { "    targets: {}" } else { line });
        out.push('\n');
    }
    let site = site.file(data, &out);
    std::fs::write(site.path().join("content/jinan/data.csv"), csv).unwrap();
    site
}

#[test]
fn targets_and_qualifiers_from_a_sheet_build_the_same_pages() {
    let yaml = Site::example();
    yaml.build(&[]).assert_ok();
    let wide = utf8_of(&fixture("jinan.wide.utf8.csv"));
    for (what, csv) in [
        ("wide UTF-8", wide.clone().into_bytes()),
        ("wide GBK", fixture("jinan.wide.gbk.csv")),
        ("long GBK", fixture("jinan.long.gbk.csv")),
    ] {
        builds_as(&yaml, &jinan_with(&csv), what);
    }
    // a plan typed against a target of the sheet names its cell
    let site = jinan_with(wide.replace(",170以上,", ",180以上,").as_bytes()).edit(
        "content/jinan/2024-industrial-plan.md",
        "全年目标涵盖",
        "规上工业总产值力争达到170亿元以上。全年目标涵盖",
    );
    let run = site.build(&[]);
    run.assert_failed();
    assert!(
        run.stderr.contains("for 2024年 (content/jinan/data.csv:2:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_mapping_without_a_sheet_is_a_warning_and_two_sheets_an_error() {
    let site = Site::example().edit(
        &format!("{UNIT}/data.yaml"),
        "indicators:",
        "sheet:\n  ignore_sheets: [说明]\nindicators:",
    );
    let run = site.check(&[]);
    says(
        &run,
        "warning[unknown-key]: `sheet:` says how to read the unit's spreadsheet, and there is none",
    );
    says(&run, "content/luan-kfq/data.yaml:");
    let site = with_sheet("data.csv", long().as_bytes());
    std::fs::write(
        site.path().join(UNIT).join("data.xlsx"),
        fixture("luan-kfq.long.xlsx"),
    )
    .unwrap();
    let run = site.build(&[]);
    run.assert_failed();
    says(
        &run,
        "a second spreadsheet of figures beside `content/luan-kfq/data.csv`",
    );
}

#[test]
fn a_sheet_of_several_units_gives_each_unit_its_rows() {
    let yaml = Site::example();
    yaml.build(&[]).assert_ok();
    // the long sheet with a 地区 column: this unit by its short name, another unit's rows
    let mut csv = String::from("地区,指标,时期,数值,增速\n");
    for line in long().lines().skip(1) {
        csv.push_str(&format!("六安开发区,{line}\n"));
        csv.push_str(&format!("金安区,{line}\n"));
    }
    builds_as(
        &yaml,
        &with_sheet("data.csv", csv.as_bytes()),
        "a unit column",
    );
    // a sheet of other units only
    let other = csv.replace("六安开发区,", "金安区,");
    let site = with_sheet("data.csv", other.as_bytes());
    let run = site.build(&[]);
    run.assert_failed();
    says(
        &run,
        "error[unknown-unit]: no row of this sheet is of 六安经济技术开发区",
    );
}
