//! The cross-check on documents it was not tuned to (issue 13, points 8–15): clauses,
//! plans, ranges, references back, units, every place a number reaches the reader, the
//! escape, and the plausibility warnings. The base fixture's data: 地区生产总值 128.3亿元
//! (增长5.7%), 规上工业总产值 155.36亿元 (target 170亿元以上), 规上工业增加值 增长11.2%
//! (target 增长10%以上), 新引进亿元以上项目 33个 (target 30), 新增规上工业企业 22家.

use crate::check::check as run;
use crate::harness::Site;

/// A page of the base fixture's unit with `front` front-matter lines and `body`.
fn page(front: &str, body: &str) -> Site {
    Site::fixture("base").file(
        "content/demo/typed.md",
        &format!("---\ntitle: 手工录入\ndate: 2025-02-10\nperiod: 2024\n{front}---\n{body}\n"),
    )
}

#[test]
fn point_8_a_result_after_a_clause_about_targets_is_checked() {
    let site = page("", "超额完成全年目标任务，地区生产总值增长5.7%。");
    run(&site, &[], 0);
    let site = site.edit("content/demo/typed.md", "增长5.7%", "增长6.7%");
    let err = run(&site, &[], 2);
    assert!(
        err.contains("地区生产总值: the commentary says “增长6.7%”, the data give “增长5.7%”"),
        "{err}"
    );
    assert!(err.contains("content/demo/typed.md:6:18"), "{err}");
}

/// A table's caption stays readable to the cross-check, but the table between it and
/// the next paragraph is a paragraph break: the caption's 目标 does not make the result
/// after the table a plan (the blanked table once joined them into one sentence).
#[test]
fn point_8_a_caption_about_targets_does_not_make_the_next_paragraph_a_plan() {
    for gap in ["", "\n"] {
        let body = format!(
            "```targets\ncaption: 表2 2024年目标完成情况\nindicators: [output]\n```\n{gap}地区生产总值增长6.7%。"
        );
        let err = run(&page("", &body), &[], 2);
        assert!(
            err.contains("地区生产总值: the commentary says “增长6.7%”, the data give “增长5.7%”"),
            "{err}"
        );
    }
}

#[test]
fn point_9_a_document_states_targets_without_plan_words() {
    let front = "layout: document\n";
    let site = page(
        front,
        "全年规上工业总产值170亿元以上，规上工业增加值增长10%以上。",
    );
    run(&site, &[], 0);
    // 11.2% is the actual that arrives later: the document's figure is the target
    let site = site.edit("content/demo/typed.md", "增长10%以上", "增长11.2%");
    let err = run(&site, &[], 2);
    assert!(
        err.contains("规上工业增加值: the commentary says “增长11.2%”, the data's target is “增长10%以上” for 2024年"),
        "{err}"
    );
    // the qualifier is part of the target
    let site = page(front, "规上工业总产值170亿元左右。");
    let err = run(&site, &[], 2);
    assert!(err.contains("“170亿元左右”"), "{err}");
    assert!(err.contains("“170亿元以上”"), "{err}");
}

#[test]
fn point_10_typed_ranges_compare_with_range_targets() {
    let site = page(
        "layout: document\n",
        "新引进亿元以上项目30—35个。\n\n新引进亿元以上项目30~35个。",
    )
    .edit(
        "content/demo/data.yaml",
        "targets: { 2024: 30 }",
        "targets: { 2024: { range: [30, 35] } }",
    );
    run(&site, &[], 0);
    let site = site.edit("content/demo/typed.md", "30~35个", "30至40个");
    let err = run(&site, &[], 2);
    assert!(
        err.contains("“30至40个”") && err.contains("“30—35个”"),
        "{err}"
    );
}

#[test]
fn point_11_figures_refer_back_lists_and_full_width() {
    let site = page(
        "",
        "全年地区生产总值128.3亿元，比上年增长5.7%。\n\n\
         地区生产总值、规上工业增加值分别增长5.7%、11.2%。\n\n\
         全年地区生产总值增长５．７％。",
    );
    let notes = run(&site, &["--verbose"], 0);
    assert!(!notes.contains("地区生产总值"), "{notes}");
    let site = site
        .edit("content/demo/typed.md", "比上年增长5.7%", "比上年增长6.7%")
        .edit("content/demo/typed.md", "、11.2%", "、12.2%")
        .edit("content/demo/typed.md", "５．７％", "６．７％");
    let err = run(&site, &[], 2);
    for both in [
        "the commentary says “增长6.7%”, the data give “增长5.7%”",
        "the commentary says “12.2%”, the data give “增长11.2%”",
        "the commentary says “增长６．７％”, the data give “增长5.7%”",
    ] {
        assert!(err.contains(both), "missing {both}\n{err}");
    }
    // a name inside a longer name of something else is no mention
    let site = page("", "对美地区生产总值增长9.9%。");
    let notes = run(&site, &["--verbose"], 0);
    assert!(notes.contains("no indicator is named"), "{notes}");
}

#[test]
fn point_12_units_must_agree() {
    let site = page(
        "",
        "新增规上工业企业22条。\n\n地区生产总值128.3万美元。\n\n地区生产总值1283000万元。",
    );
    let err = run(&site, &[], 2);
    assert!(
        err.contains("新增规上工业企业: the commentary says “22条” in 条, the indicator is in 家"),
        "{err}"
    );
    assert!(
        err.contains("“128.3万美元” in 万美元, the indicator is in 亿元"),
        "{err}"
    );
    // 1283000万元 is 128.3亿元: converted, no error
    assert!(!err.contains("1283000"), "{err}");
    // another kind of unit is a note, never silently accepted
    let site = page("", "地区生产总值占全市比重为18.5%。");
    let notes = run(&site, &["--verbose"], 0);
    assert!(
        notes.contains("a figure in %, the indicator is in 亿元"),
        "{notes}"
    );
}

#[test]
fn point_13_title_kicker_subtitle_summary_and_captions_are_checked() {
    let site = page(
        "kicker: [地区生产总值增长6.7%]\nsubtitle: 新增规上工业企业23家\nsummary: 规上工业增加值增长12.2%。\n",
        "正文。\n\n```yoy\ncaption: 表1 地区生产总值128.4亿元\nindicators: [gdp]\n```",
    )
    .edit("content/demo/typed.md", "title: 手工录入", "title: 地区生产总值增长6.9%");
    let err = run(&site, &[], 2);
    for (quote, at) in [
        ("“增长6.9%”", "content/demo/typed.md:2:14"),
        ("“增长6.7%”", "content/demo/typed.md:5:16"),
        ("“23家”", "content/demo/typed.md:6:19"),
        ("“增长12.2%”", "content/demo/typed.md:7:17"),
        ("“128.4亿元”", "content/demo/typed.md:12:19"),
    ] {
        assert!(
            err.contains(quote) && err.contains(at),
            "missing {quote} at {at}\n{err}"
        );
    }
}

#[test]
fn point_14_the_escape_exempts_one_number_and_is_listed() {
    let site = page(
        "",
        "地区生产总值增长6.7%<!-- 不核对 -->，规上工业增加值增长12.2%。",
    );
    let err = run(&site, &[], 2);
    assert!(!err.contains("增长6.7%”"), "{err}");
    assert!(err.contains("“增长12.2%”"), "{err}");
    let site = site.edit("content/demo/typed.md", "增长12.2%", "增长11.2%");
    let notes = run(&site, &["--verbose"], 0);
    assert!(
        notes.contains("`增长6.7%`: exempt from the cross-check (`<!-- 不核对 -->`)"),
        "{notes}"
    );
    // nothing of the mark shows on the page
    site.build(&[]).assert_ok();
    let html = site.page("demo/typed/index.html");
    assert!(
        html.contains("增长6.7%") && !html.contains("不核对"),
        "{html}"
    );
}

#[test]
fn point_15_plausibility_warnings_name_both_figures_and_deny_warnings_fails() {
    let site = Site::fixture("base")
        .edit(
            "content/demo/data.yaml",
            "values: { 2023: 77, 2024: 88 }",
            "values: { 2023: 77, 2024: 0.88 }",
        )
        .edit(
            "content/demo/data.yaml",
            "2024: { value: 128.3, growth: 5.7 }",
            "2024: { value: 1283000, growth: 5.7 }",
        )
        .edit(
            "content/demo/2025-report.md",
            "date: 2025-02-08",
            "date: 2024-06-30",
        );
    let warnings = run(&site, &[], 0);
    for (what, at) in [
        (
            "2024年 is 0.88%, 2023年 is 77%: a share typed as a fraction?",
            "content/demo/data.yaml:",
        ),
        (
            "2024年 is 1283000亿元, 2023年 was 120.0亿元",
            "content/demo/data.yaml:",
        ),
        (
            "likely a figure in 万元 typed into a series in 亿元",
            "content/demo/data.yaml:",
        ),
        (
            "dated 2024-06-30, before its period 2024年 ends (2024-12)",
            "content/demo/2025-report.md:5:1",
        ),
    ] {
        assert!(
            warnings.contains(what) && warnings.contains(at),
            "missing {what}\n{warnings}"
        );
    }
    run(&site, &["--deny-warnings"], 1);
    // a sub-unit ten times the unit it belongs to
    let site = Site::fixture("base")
        .file("content/demo/park/_index.md", "---\nname: 测试园区\n---\n")
        .file(
            "content/demo/park/data.yaml",
            "indicators:\n  - id: gdp\n    name: 地区生产总值\n    unit: 亿元\n    kind: amount\n    values: { 2024: 1300.0 }\n",
        );
    let warnings = run(&site, &[], 0);
    assert!(
        warnings.contains("2024年 is 1300.0亿元 in 测试园区, 10× the 128.3亿元 of"),
        "{warnings}"
    );
}

/// A plan splits its target between sub-units ("1000亿元（巢湖市800亿元、安巢经开区200亿
/// 元）"): a sub-unit's share is its own target, not a contradiction; a wrong share is an
/// error quoting that sub-unit's target (it once quoted the whole's 1000亿元).
#[test]
fn point_9_a_plan_splits_its_targets_between_sub_units() {
    let plan = |split: &str| {
        Site::fixture("plan").file(
            "content/zone/split.md",
            &format!(
                "---\ntitle: 分解\nlayout: plan\ndate: 2024-03-31\nperiod: 2024~2026\n---\n\
                 到2026年，规上工业总产值1000亿元（{split}）。\n"
            ),
        )
    };
    run(&plan("巢湖市800亿元、安巢经开区200亿元"), &[], 0);
    let err = run(&plan("巢湖市850亿元、安巢经开区200亿元"), &[], 2);
    assert!(
        err.contains("巢湖市 规上工业总产值: the commentary says “850亿元”, the data's target is “800亿元” for 2024—2026年"),
        "{err}"
    );
}

/// A unit of its own beside the base fixture's: `data` is its data.yaml, and one page of
/// `period` holds `body`.
fn own_unit(data: &str, period: &str, body: &str) -> Site {
    Site::fixture("base")
        .file(
            "content/third/_index.md",
            "---\nname: 第三开发区\nshort_name: 三区\n---\n",
        )
        .file("content/third/data.yaml", data)
        .file(
            "content/third/brief.md",
            &format!("---\ntitle: 简况\ndate: 2024-11-18\nperiod: \"{period}\"\n---\n{body}\n"),
        )
}

const MONTHLY: &str = "indicators:
  - id: industry
    name: 规模以上工业增加值
    aliases: [规上工业增加值]
    unit: 亿元
    kind: amount
    decimals: 1
    growth_basis: comparable
    values:
      2024-01~10: { value: 683.5, growth: 7.2 }
      2024-10: { value: 71.5, growth: 9.1 }
  - id: nev
    name: 新能源汽车产量
    unit: 万辆
    kind: amount
    decimals: 2
    values: { 2023-01~10: 8.46, 2024-01~10: 12.73 }
";

/// Held-out group 31 (a 1—10月 industry brief): "10月当月…增长9.1%" was compared with
/// 1—10月's 7.2% (a false error; a wrong 9.6% was quoted against 7.2%), "环比增长0.8%"
/// with the year-on-year growth (a false error), and "增长1.5倍" was silently accepted.
#[test]
fn a_month_named_is_that_months_and_month_on_month_is_a_note() {
    let body = "10月当月，规上工业增加值同比增长9.1%。\n\n规上工业增加值环比增长0.8%，环比提高0.3个百分点。\n\n新能源汽车产量同比增长50.5%。";
    let site = own_unit(MONTHLY, "2024-01~10", body);
    let out = run(&site, &["--verbose"], 0);
    assert!(
        out.contains(
            "`增长0.8%` (规模以上工业增加值): it is a change against the month before (环比)"
        ),
        "{out}"
    );
    assert!(out.contains("`提高0.3个百分点`"), "{out}");
    let bad = site.edit("content/third/brief.md", "同比增长9.1%", "同比增长9.6%");
    let err = run(&bad, &[], 2);
    assert!(
        err.contains("the commentary says “同比增长9.6%”, the data give “增长9.1%”"),
        "{err}"
    );
    // 1.5倍 is 150%: the data's 50.5% contradicts it, 0.5倍 agrees at the 倍's decimals
    let site = own_unit(MONTHLY, "2024-01~10", "新能源汽车产量同比增长1.5倍。");
    let err = run(&site, &[], 2);
    assert!(
        err.contains("新能源汽车产量: the commentary says “增长1.5倍”, the data give “增长50.5%”"),
        "{err}"
    );
    run(
        &own_unit(MONTHLY, "2024-01~10", "新能源汽车产量同比增长0.5倍。"),
        &[],
        0,
    );
}

const EXECUTION: &str = "indicators:
  - id: gdp
    name: 地区生产总值
    unit: 亿元
    kind: amount
    decimals: 2
    growth_basis: comparable
    values:
      2023: 1210.36
      2024: { value: 1268.42, growth: 5.4 }
    targets:
      2024: { growth: 6 }
      2025: { growth: 5.5, qualifier: 左右 }
  - id: revenue
    name: 一般公共预算收入
    unit: 亿元
    kind: amount
    decimals: 2
    values: { 2023: 86.50, 2024: 90.12 }
    targets:
      2024: { growth: 4 }
  - id: jobs
    name: 城镇新增就业
    unit: 人
    kind: count
    values: { 2024: 5320 }
    targets:
      2024: { value: 5000, qualifier: 以上 }
";

/// Held-out groups 29 and 30 (a 工作总结, a 计划执行情况的报告): "预计全年…增长5.4%" was
/// compared with the year's targets though the year has its actual (a false error);
/// "未完成预算目标" for a growth above its target, "超额完成6000人以上的目标任务" for a
/// 5000人以上 target and "2025年…预期增长6%左右" (taken for 2024's target 6%) passed.
#[test]
fn an_estimate_is_a_result_and_a_named_year_means_its_own_target() {
    let body = "预计全年地区生产总值增长5.4%。\n\n一般公共预算收入增长4.2%，超额完成预算目标。\n\n城镇新增就业5320人，超额完成5000人以上的目标任务。\n\n2025年，地区生产总值预期增长5.5%左右。";
    let site = own_unit(EXECUTION, "2024", body);
    run(&site, &[], 0);
    let edit = |from: &str, to: &str| {
        run(
            &own_unit(EXECUTION, "2024", body).edit("content/third/brief.md", from, to),
            &[],
            2,
        )
    };
    let err = edit(
        "预计全年地区生产总值增长5.4%",
        "预计全年地区生产总值增长5.7%",
    );
    assert!(
        err.contains("the commentary says “增长5.7%”, the data give “增长5.4%”"),
        "{err}"
    );
    let err = edit("超额完成预算目标", "未完成预算目标");
    assert!(
        err.contains("一般公共预算收入: the commentary says “未完成预算目标”"),
        "{err}"
    );
    let err = edit("超额完成5000人", "超额完成6000人");
    assert!(
        err.contains(
            "城镇新增就业: the commentary says “6000人以上”, the data's target is “5000人以上”"
        ),
        "{err}"
    );
    let err = edit("预期增长5.5%左右", "预期增长6%左右");
    assert!(
        err.contains(
            "the commentary says “增长6%左右”, the data's target is “增长5.5%左右” for 2025年"
        ),
        "{err}"
    );
}

/// Held-out group 28: "在全市9个开发区中排名第2位" was a note on a figure in 个 beside an
/// amount; it is the rank's number of peers.
#[test]
fn the_number_of_peers_of_a_rank_is_checked() {
    let data = "indicators:
  - id: industry
    name: 规上工业增加值
    unit: 亿元
    kind: amount
    decimals: 1
    growth_basis: comparable
    values:
      2024H1: { value: 156.3, growth: 9.6 }
    ranks:
      - { period: 2024H1, scope: 全市, position: 2, peers: 9, by: growth }
";
    let body = "规上工业增加值增速在全市9个开发区中排名第2位。";
    let site = own_unit(data, "2024H1", body);
    let out = run(&site, &["--verbose"], 0);
    assert!(!out.contains("`9个`"), "{out}");
    let bad = site.edit("content/third/brief.md", "9个开发区", "8个开发区");
    let err = run(&bad, &[], 2);
    assert!(
        err.contains("规上工业增加值: the commentary says “8个”, the data give “9个”"),
        "{err}"
    );
}

/// 预计全年 in a half-year report is the year's outlook, not the half-year's result:
/// compared with the year's target, never with the half-year's growth.
#[test]
fn an_estimate_for_the_year_in_a_half_year_report_is_a_plan() {
    let data = "indicators:
  - id: gdp
    name: 地区生产总值
    unit: 亿元
    kind: amount
    decimals: 1
    growth_basis: comparable
    values:
      2024H1: { value: 612.3, growth: 5.1 }
    targets:
      2024: { growth: 6, qualifier: 左右 }
";
    let site = own_unit(
        data,
        "2024H1",
        "上半年地区生产总值增长5.1%，预计全年增长6%左右。",
    );
    run(&site, &[], 0);
    let bad = site.edit(
        "content/third/brief.md",
        "预计全年增长6%左右",
        "预计全年增长7%左右",
    );
    let err = run(&bad, &[], 2);
    assert!(
        err.contains("the data's target is “增长6%左右” for 2024年"),
        "{err}"
    );
}

/// Held-out group 31: "工业用电量增长6.8%，增速比规上工业总产值高0.3个百分点" was a note;
/// a gap to another indicator's growth is computed from both as printed. A gap to the
/// same indicator elsewhere (全市) or to a region is a note.
#[test]
fn a_gap_to_another_indicators_growth_is_checked() {
    let data = "indicators:
  - id: output
    name: 规上工业总产值
    unit: 亿元
    kind: amount
    decimals: 1
    values: { 2023-01~10: 2345.6, 2024-01~10: 2498.1 }
  - id: power
    name: 工业用电量
    unit: 亿千瓦时
    kind: amount
    decimals: 2
    values: { 2023-01~10: 58.40, 2024-01~10: 62.35 }
";
    let body = "工业用电量增长6.8%，增速比规上工业总产值高0.3个百分点。\n\n工业用电量增速比全省高1.1个百分点，比全市工业用电量高0.2个百分点。";
    let site = own_unit(data, "2024-01~10", body);
    let out = run(&site, &["--verbose"], 0);
    assert!(
        out.contains(
            "`比全省高1.1个百分点` (工业用电量): it compares with a figure the data do not hold"
        ),
        "{out}"
    );
    assert!(
        out.contains("`比全市工业用电量高0.2个百分点` (工业用电量)"),
        "{out}"
    );
    // a growth after the gap is the subject's, not the name compared with
    let after = "工业用电量62.35亿千瓦时，增速比规上工业总产值高0.3个百分点，同比增长6.5%。";
    let err = run(&own_unit(data, "2024-01~10", after), &[], 2);
    assert!(
        err.contains("工业用电量: the commentary says “同比增长6.5%”, the data give “增长6.8%”"),
        "{err}"
    );
    let bad = site.edit("content/third/brief.md", "高0.3个百分点", "低0.3个百分点");
    let err = run(&bad, &[], 2);
    assert!(
        err.contains("工业用电量: the commentary says “比规上工业总产值低0.3个百分点”, the data give “比规上工业总产值高0.3个百分点”"),
        "{err}"
    );
}

/// Issue 14 point 4: one figure a page. The key figure, the component and the table print
/// the same 增长5.7% (seed 000's 增幅5.7%), and the cross-check quotes that very figure
/// when the prose says otherwise.
#[test]
fn the_cross_check_quotes_the_figure_the_page_printed() {
    let body =
        "地区生产总值{{ gdp.change }}，地区生产总值增长5.7%。\n\n```yoy\nindicators: [gdp]\n```";
    let site = page("key_figures: [gdp]\n", body);
    let built = site.build(&["--quiet"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let html = site.page("demo/typed/index.html");
    assert!(
        html.contains("<dd class=\"kf-change\">增长5.7%</dd>"),
        "key figure: {html}"
    );
    assert!(
        html.contains("data-figure=\"gdp.change\">增长5.7%</span>"),
        "component: {html}"
    );
    assert!(html.contains(">5.7</td>"), "table: {html}");
    let site = site.edit("content/demo/typed.md", "增长5.7%。", "增长5.9%。");
    let err = run(&site, &[], 2);
    assert!(
        err.contains("地区生产总值: the commentary says “增长5.9%”, the data give “增长5.7%”"),
        "{err}"
    );
}
