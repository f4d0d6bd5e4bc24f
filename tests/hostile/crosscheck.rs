//! Hostile inputs: crosscheck. Commentary built to make the cross-check slow, wrong or
//! silent: a sentence of thousands of figures, an escape mark that never closes or that
//! sits where it exempts nothing, a contradiction hidden in full-width digits or in the
//! front matter, numbers running into units the data do not know.

use std::time::Duration;

use crate::harness::Site;
use crate::support::{LIMIT, run_limited, tree_digest};

fn page(front: &str, body: &str) -> Site {
    Site::fixture("base").file(
        "content/demo/typed.md",
        &format!("---\ntitle: 手工录入\ndate: 2025-02-10\nperiod: 2024\n{front}---\n{body}\n"),
    )
}

/// One sentence of 20,000 figures, a list of 5,000 names with 分别, and 2,000 ranges
/// with no stop: checked in well under the limit, every contradiction still reported.
#[test]
fn a_wall_of_figures_is_checked_in_time() {
    let mut body = String::from("2024年，地区生产总值增长5.7%");
    for i in 0..20_000 {
        body.push_str(if i % 2 == 0 {
            "，增长5.7%"
        } else {
            "，比上年增长5.7%"
        });
    }
    body.push_str("。\n\n");
    body.push_str(&"地区生产总值、".repeat(5_000));
    body.push_str("分别增长");
    body.push_str(&"5.7%、".repeat(5_000));
    body.push_str("。\n\n");
    body.push_str(&"新引进亿元以上项目30—35个至".repeat(2_000));
    body.push_str("\n\n地区生产总值增长6.7%。");
    let site = page("", &body).edit(
        "content/demo/data.yaml",
        "targets: { 2024: 30 }",
        "targets: { 2024: { range: [30, 35] } }",
    );
    // under a second in a debug build; a scan per figure made it 11 s
    let run = run_limited(site.path(), &["check"], Duration::from_secs(5));
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("the commentary says “增长6.7%”, the data give “增长5.7%”"),
        "the last sentence's contradiction is reported"
    );
}

/// An escape that never closes exempts nothing; one after a comma exempts nothing; a
/// build refused for the contradiction leaves the previous output as it was.
#[test]
fn a_broken_escape_exempts_nothing() {
    let site = page("", "地区生产总值增长5.7%。");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let before = tree_digest(&site.path().join("public"));
    for body in [
        "地区生产总值增长6.7%<!-- 不核对",
        "地区生产总值增长6.7%，<!-- 不核对 -->",
        "地区生产总值增长6.7%<!-- 不核对吗 -->",
        "地区生产总值增长６．７％<!-- -->",
    ] {
        std::fs::write(
            site.path().join("content/demo/typed.md"),
            format!("---\ntitle: 手工录入\ndate: 2025-02-10\nperiod: 2024\n---\n{body}\n"),
        )
        .expect("write");
        let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
        run.assert_failed();
        assert!(
            run.stderr.contains("the data give “增长5.7%”"),
            "{body}: {}",
            run.stderr
        );
        assert_eq!(tree_digest(&site.path().join("public")), before, "{body}");
    }
}

/// Figures glued to units the data do not hold, or to nothing, never pass as checked
/// and never panic: an unknown unit is no claim, a unit of the same kind is an error.
#[test]
fn units_glued_to_figures() {
    let site = page(
        "summary: 地区生产总值128.3亿美元。\n",
        "地区生产总值128.3亿元亿元。\n\n新增规上工业企业22家家户户。\n\n地区生产总值99999999999999999999999999999999亿元。\n\n地区生产总值1.2.3亿元。",
    );
    let run = run_limited(site.path(), &["check"], LIMIT);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("“128.3亿美元” in 亿美元, the indicator is in 亿元"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/demo/typed.md:5:16"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

/// Ten thousand figures each followed by a comment that never closes, and a sentence
/// naming ten thousand years: linear, and nothing exempted.
#[test]
fn unclosed_marks_and_many_years_stay_linear() {
    let body = format!(
        "{}\n\n{}地区生产总值增长5.7%。",
        "地区生产总值增长5.7%<!-- 不核对".repeat(10_000),
        "2024年、".repeat(10_000)
    );
    let site = page("", &body);
    let run = run_limited(site.path(), &["check", "--verbose"], Duration::from_secs(5));
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(!run.stderr.contains("exempt"), "nothing is exempted");
}

/// The readings added for held-out groups 28–31 in one sentence of 10,000 figures: a
/// month named (当月) once at its start, gaps to another indicator (比…高x个百分点) and
/// 环比: a look back per figure over the whole sentence made this quadratic.
#[test]
fn a_wall_of_months_and_gaps_is_checked_in_time() {
    let mut body = String::from("10月当月，地区生产总值增长5.7%");
    for i in 0..10_000 {
        body.push_str(match i % 3 {
            0 => "，增速比规上工业总产值高8.6个百分点",
            1 => "，环比增长0.3%",
            _ => "，比上年增长5.7%",
        });
    }
    body.push_str("。\n\n地区生产总值增长6.7%。");
    let run = run_limited(page("", &body).path(), &["check"], Duration::from_secs(5));
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("the commentary says “增长6.7%”, the data give “增长5.7%”"),
        "the last sentence's contradiction is reported"
    );
}
