//! `bulletin check`: every rule, the cross-check, the exit codes, the JSON format.

use crate::harness::Site;

/// Runs `check` and returns stderr, asserting exit code `code`.
#[track_caller]
pub(crate) fn check(site: &Site, args: &[&str], code: i32) -> String {
    let run = site.check(args);
    assert_eq!(
        run.code, code,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

#[test]
fn example_site_checks_clean_and_writes_nothing() {
    let site = Site::example();
    let run = site.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("checked: 0 errors, 0 warnings"),
        "{}",
        run.stdout
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn every_problem_at_once_as_json() {
    let site = Site::fixture("base")
        .edit(
            "content/demo/data.yaml",
            "values: { 2023: 77, 2024: 88 }",
            "values: { 2023: 77, 2024: 108 }",
        )
        .edit("content/demo/2025-report.md", "{{ gdp }}", "{{ gpd }}");
    let run = site.check(&["--format", "json"]);
    assert_eq!(run.code, 2);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["errors"], 2);
    let codes: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["unknown-indicator", "impossible-value"]);
    let share = &doc["diagnostics"][1];
    assert_eq!(share["file"], "content/demo/data.yaml");
    assert_eq!(share["position"]["line"], 28);
    assert_eq!(share["position"]["col"], 31);
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let site = Site::fixture("base").edit("site.yaml", "  icp: 皖ICP备00000000号\n", "");
    let err = check(&site, &[], 0);
    assert!(err.contains("the footer has no ICP备案号"), "{err}");
    insta::assert_snapshot!(err);
    check(&site, &["--deny-warnings"], 1);
    // build still succeeds on a warning
    site.build(&[]).assert_ok();
}

/// The phrasing lint is `check`'s: a warning at the typed word's file:line:col, and
/// `--deny-warnings` fails on it. `build` leaves style to `check` and says nothing.
#[test]
fn a_lead_word_the_component_repeats_is_a_located_warning() {
    let site = Site::example().edit(
        "content/luan-kfq/2025-work-conference.md",
        "，{{ gdp.rank }}；",
        "，增幅{{ gdp.rank }}；",
    );
    let err = check(&site, &[], 0);
    assert!(
        err.contains("warning[repeated-lead]: “增幅” is typed right before `{{ gdp.rank }}`, which prints “增速” itself: the page reads “增幅增速居全市第2位”"),
        "{err}"
    );
    assert!(
        err.contains("content/luan-kfq/2025-work-conference.md:24:37"),
        "{err}"
    );
    check(&site, &["--deny-warnings"], 1);
    let built = site.build(&[]);
    built.assert_ok();
    assert!(!built.stderr.contains("repeated-lead"), "{}", built.stderr);
}

#[test]
fn share_over_100_percent() {
    let site = Site::fixture("base").edit(
        "content/demo/data.yaml",
        "values: { 2023: 77, 2024: 88 }",
        "values: { 2023: 77, 2024: 108 }",
    );
    insta::assert_snapshot!(check(&site, &[], 2));
}

#[test]
fn rank_beyond_its_peers() {
    let site = Site::fixture("base").edit(
        "content/demo/data.yaml",
        "    scope: 全国国家级经开区\n",
        "    scope: 全国国家级经开区\n    peers: 100\n",
    );
    let err = check(&site, &[], 2);
    assert!(
        err.contains("rank 212 among 100 peers is impossible"),
        "{err}"
    );
    assert!(
        err.contains("rank 127 among 100 peers is impossible"),
        "{err}"
    );
    assert!(err.contains("content/demo/data.yaml:10:21"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn value_in_another_unit() {
    let site = Site::fixture("base").edit(
        "content/demo/data.yaml",
        "values: { 2023: 30.00, 2024: 36.45 }",
        "values: { 2023: 30.00, 2024: { value: 364500, unit: 万元 } }",
    );
    insta::assert_snapshot!(check(&site, &[], 2));
}

#[test]
fn growth_target_on_a_share() {
    let site = Site::fixture("base").edit(
        "content/demo/data.yaml",
        "values: { 2023: 77, 2024: 88 }",
        "values: { 2023: 77, 2024: 88 }\n    targets: { 2024: { growth: 5 } }",
    );
    let err = check(&site, &[], 2);
    assert!(err.contains("a share cannot have a growth target"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn the_same_period_twice() {
    let site = Site::fixture("base").edit(
        "content/demo/data.yaml",
        "values: { 2023: 77, 2024: 88 }",
        "values: { 2023: 77, 2024: 88, 2024H1: 80, 2024-01~06: 81 }",
    );
    let err = check(&site, &[], 2);
    assert!(
        err.contains("`2024-01~06` and `2024H1` are the same period"),
        "{err}"
    );
    // at the key written second, not at its value 81
    assert!(err.contains("content/demo/data.yaml:28:47"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn bulletin_and_unit_on_the_same_path() {
    let site = Site::fixture("base")
        .file("content/demo/sub/_index.md", "---\nname: 子单位\n---\n")
        .file(
            "content/demo/sub.md",
            "---\ntitle: 冲突\ndate: 2025-01-01\nperiod: 2024\n---\n正文。\n",
        );
    let err = check(&site, &[], 2);
    assert!(
        err.contains("would both be written to demo/sub/index.html"),
        "{err}"
    );
    insta::assert_snapshot!(err);
}

#[test]
fn links_to_bulletins_resolve_and_broken_links_fail() {
    let site = Site::fixture("base").file(
        "content/demo/next.md",
        "---\ntitle: 下一期\ndate: 2025-03-01\nperiod: 2024\n---\n见[上一期](2025-report.md)和[表1](2025-report.md#table-1)。\n",
    );
    site.build(&[]).assert_ok();
    assert!(
        site.page("demo/next/index.html")
            .contains(r#"href="../../demo/2025-report/#table-1""#)
    );
    let site = site
        .edit(
            "content/demo/next.md",
            "(2025-report.md#table-1)",
            "(2025-report.md#table-9)",
        )
        .edit(
            "content/demo/next.md",
            "[上一期](2025-report.md)",
            "[上一期](2024-report.md)",
        );
    let err = check(&site, &[], 2);
    assert!(
        err.contains("the link `2024-report.md` names no published bulletin"),
        "{err}"
    );
    assert!(err.contains("has no anchor `#table-9`"), "{err}");
    assert!(err.contains("content/demo/next.md:6:"), "{err}");
    insta::assert_snapshot!(err);
}

/// A bulletin typed by hand, in the seeds' manner: numbers in the prose, no components.
const TYPED: &str = "---\ntitle: 手工录入的公报\ndate: 2025-02-10\nperiod: 2024\n---\n\
**位次向上。**在国家级经开区综合考核评价中，较上年前进85位，位列第127位。\n\n\
**经济向好。**地区生产总值增长5.7%，全市第二；主导产业产值占比达88%，上升11个百分点。\n\n\
**项目建设。**新引进亿元以上项目33个，完成年度目标的110%；重点项目完成投资36.45亿元，完成年度计划的156.4%；\
规上工业总产值下降2.9%，规上工业增加值增长11%。\n";

#[test]
fn cross_check_accepts_typed_figures_that_agree() {
    let site = Site::fixture("base").file("content/demo/typed.md", TYPED);
    let run = site.check(&["--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // "增长11%" where the data say 11.2: rounding to the typed decimals, not an error
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
}

#[test]
fn cross_check_reads_a_planned_growth_as_a_target_not_a_result() {
    // the value-added grew 11.2% in 2024; "力争增长10%以上" is its target, not a wrong result
    let site = Site::fixture("base").file(
        "content/demo/typed.md",
        "---\ntitle: 计划\ndate: 2025-02-10\nperiod: 2024\n---\n规上工业增加值力争增长10%以上。\n\n规上工业增加值增长11.2%。\n",
    );
    let run = site.check(&["--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // a plan that contradicts the data's target is an error quoting both (issue 13)
    let site = site.edit("content/demo/typed.md", "力争增长10%", "力争增长12%");
    let err = check(&site, &[], 2);
    assert!(
        err.contains("规上工业增加值: the commentary says “增长12%以上”, the data's target is “增长10%以上” for 2024年"),
        "{err}"
    );
    // a plan for an indicator without such a target stays a note
    let site = site.edit(
        "content/demo/typed.md",
        "规上工业增加值力争增长12%以上",
        "规上工业总产值力争增长12%以上",
    );
    let run = site.check(&["--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("it reads as a plan, and the data have no such target"),
        "{}",
        run.stderr
    );
}

#[test]
fn cross_check_quotes_both_numbers_of_a_contradiction() {
    let site = Site::fixture("base").file(
        "content/demo/typed.md",
        &TYPED
            .replace("增长5.7%", "增长6.7%")
            .replace("位列第127位", "位列第120位")
            .replace("156.4%", "165.4%")
            .replace("上升11个", "上升12个")
            .replace("36.45亿元", "36.54亿元"),
    );
    let err = check(&site, &[], 2);
    for both in [
        "地区生产总值: the commentary says “增长6.7%”, the data give “增长5.7%”",
        "the commentary says “第120位”, the data give “居全国国家级经开区第127位，较上年前进85位”",
        "the commentary says “完成年度计划的165.4%”, the data give “完成年度目标的156.4%”",
        "the commentary says “上升12个百分点”, the data give “上升11个百分点”",
        "the commentary says “36.54亿元”, the data give “36.45亿元”",
    ] {
        assert!(err.contains(both), "missing {both}\n{err}");
    }
    assert!(err.contains("content/demo/typed.md:8:16"), "{err}");
    // and the build refuses it too
    site.build(&[]).assert_failed();
    insta::assert_snapshot!(err);
}
