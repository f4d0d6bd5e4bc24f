//! Multi-year plans and official documents: sub-unit sums, cumulative targets, key-task
//! tables, numbered headings, annexes, and their bad input.

use crate::harness::Site;

#[test]
fn split_table_shows_each_sub_units_share_of_the_targets() {
    let site = Site::fixture("plan");
    site.build(&[]).assert_ok();
    let page = site.page("zone/plan/index.html").replace("<wbr>", "");
    // seed 004: 1000 = 800 + 200; 100 = 60 + 40
    for cell in [
        "巢湖市域合计",
        "巢湖市</th>",
        "安巢经开区</th>",
        ">1000<",
        ">800<",
        ">200<",
        ">100<",
        ">60<",
        ">40<",
    ] {
        assert!(page.contains(cell), "missing {cell}");
    }
    assert!(page.contains("表中为2024—2026年目标。"));
}

#[test]
fn cumulative_progress_is_computed_against_time() {
    let site = Site::fixture("plan");
    site.build(&[]).assert_ok();
    // 25 of 100 new firms after 12 of 36 months: 25.0% done, 33.3% of the time gone
    let page = site.page("zone/plan/index.html");
    assert!(
        page.contains("完成三年目标的25.0%，时序进度33.3%，慢于时序进度8.3个百分点"),
        "{page}"
    );
}

#[test]
fn task_table_groups_by_theme_and_names_each_sub_units_leads() {
    let site = Site::fixture("plan");
    site.build(&[]).assert_ok();
    let page = site.page("zone/plan/index.html");
    for text in [
        "实施“双招双引”攻坚行动",
        "聚焦重大项目招引",
        "巢湖市：市投促中心；安巢经开区：区投促局",
        "巢湖市：市发改委、市经信局；安巢经开区：区经贸局",
        "推进中",
        // the progress note, then the tied target computed: 25 against 20 is 125.0%
        "2024年二季度：签约项目12个；新增规模以上工业企业2024年目标20家，实际25家，完成目标的125.0%",
    ] {
        assert!(page.contains(text), "missing {text}");
    }
    // the group heading comes before its task
    assert!(page.find("实施培优育强攻坚行动").unwrap() < page.find("梯度培育优质企业").unwrap());
}

#[test]
fn headings_are_numbered_as_official_documents_number_them() {
    let site = Site::fixture("plan");
    site.build(&[]).assert_ok();
    let page = site.page("zone/plan/index.html");
    let order = [
        "一、工作目标",
        "（一）规模总量",
        "1.企业培育",
        "（1）梯度培育",
        "（二）产业集聚",
        "二、重点任务",
    ];
    let mut at = 0;
    for h in order {
        let found = page[at..]
            .find(h)
            .unwrap_or_else(|| panic!("missing {h} after byte {at}"));
        at += found;
    }
    // news bulletins are not numbered
    assert!(!site.page("zone/plan-qa/index.html").contains("一、"));
}

#[test]
fn sub_units_that_do_not_add_up_are_an_error_naming_every_file() {
    let site = Site::fixture("plan").edit(
        "content/zone/park/data.yaml",
        "2024~2026: { value: 200 }",
        "2024~2026: { value: 150 }",
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for text in [
        "the 2024—2026年 target of 巢湖市域 is 1000, but its sub-units add up to 950",
        "巢湖市 800 (content/zone/city/data.yaml)",
        "安巢经开区 150 (content/zone/park/data.yaml)",
        "content/zone/data.yaml:9:",
    ] {
        assert!(run.stderr.contains(text), "missing {text}\n{}", run.stderr);
    }
    insta::assert_snapshot!(run.stderr);
    // rounding within the figures' decimals is not an error
    let site = Site::fixture("plan").edit(
        "content/zone/data.yaml",
        "decimals: 0\n    sum_of_children: true\n    targets: { 2024~2026: { value: 1000 } }",
        "decimals: 0\n    sum_of_children: true\n    targets: { 2024~2026: { value: 1000.4 } }",
    );
    assert_eq!(site.check(&[]).code, 0);
}

#[test]
fn a_task_naming_an_unknown_body_gets_the_nearest_one() {
    let site = Site::fixture("plan").edit(
        "content/zone/tasks.yaml",
        "lead: [市投促中心]",
        "lead: [市投资中心]",
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`市投资中心` is neither a department in `departments:` nor a unit"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `市投促中心`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/zone/tasks.yaml:8:35"),
        "{}",
        run.stderr
    );
    let site = Site::fixture("plan").edit(
        "content/zone/tasks.yaml",
        "unit: zone/park",
        "unit: zone/prak",
    );
    let run = site.check(&[]);
    assert!(
        run.stderr.contains("there is no unit `zone/prak`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `zone/park`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_cumulative_target_with_an_impossible_period() {
    let site = Site::fixture("plan").edit(
        "content/zone/city/data.yaml",
        "2024~2026: { value: 800 }",
        "2026~2024: { value: 800 }",
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("`2026~2024` is not a period"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/zone/city/data.yaml:7:"),
        "{}",
        run.stderr
    );
}

#[test]
fn failed_plan_build_leaves_the_output_alone() {
    let site = Site::fixture("plan");
    site.build(&[]).assert_ok();
    let before = site.page("zone/plan/index.html");
    let site = site.edit("content/zone/park/data.yaml", "value: 200", "value: 150");
    site.build(&[]).assert_failed();
    assert_eq!(site.page("zone/plan/index.html"), before);
}
