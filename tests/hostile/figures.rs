//! Hostile inputs: figures — targets, status words, counts, 其中 partitions and the front
//! matter a layout would drop (issue 13, points 1—7 and 16—18). Each case builds the base
//! fixture with indicators and a page of its own, in the documented format, and asserts
//! the rendered table row, the inline phrase, or the located error.

use crate::harness::Site;
use crate::support::{LIMIT, run_limited, tree_digest};

const DATA: &str = "content/demo/data.yaml";
const PAGE: &str = "content/demo/figures.md";

/// The base fixture with `indicators` (YAML list items, indented as data.yaml's) appended
/// to its data.yaml and a page `figures.md` with `body`.
fn site(indicators: &str, body: &str) -> Site {
    let site = Site::fixture("base");
    let data = std::fs::read_to_string(site.path().join(DATA)).unwrap();
    site.file(DATA, &format!("{data}{indicators}")).file(
        PAGE,
        &format!("---\ntitle: 目标完成情况\ndate: 2025-02-08\nperiod: 2024\n---\n{body}\n"),
    )
}

fn built(site: &Site) -> String {
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    // headers carry a <wbr> between their words (render::linebreak)
    site.page("demo/figures/index.html").replace("<wbr>", "")
}

/// The cells of the table row headed `name`, as text.
fn row(page: &str, name: &str) -> Vec<String> {
    let start = page
        .find(&format!(">{name}</th>"))
        .unwrap_or_else(|| panic!("no row {name}"));
    let end = start + page[start..].find("</tr>").unwrap();
    page[start..end]
        .split("<td")
        .skip(1)
        .map(|cell| {
            let text = &cell[cell.find('>').unwrap() + 1..];
            text[..text.find("</td>").unwrap()].to_string()
        })
        .collect()
}

fn inline<'a>(page: &'a str, figure: &str) -> &'a str {
    let key = format!("data-figure=\"{figure}\">");
    let start = page.find(&key).unwrap_or_else(|| panic!("no {figure}")) + key.len();
    &page[start..start + page[start..].find("</span>").unwrap()]
}

/// Point 1: 35.46 printed 35.5% reaches 35.5%以上 in every column and inline; 100个
/// against 100 is 已完成.
#[test]
fn the_verdict_is_decided_on_the_printed_figure() {
    let site = site(
        "  - id: hightech_share\n    name: 高新技术企业占比\n    unit: \"%\"\n    kind: share\n    decimals: 1\n    values: { 2024: 35.46 }\n    targets: { 2024: { value: 35.5, qualifier: 以上 } }\n  - id: firms\n    name: 新增入库企业\n    unit: 个\n    kind: count\n    values: { 2024: 100 }\n    targets: { 2024: 100 }\n",
        "占比{{ hightech_share.value }}，{{ hightech_share.target }}；入库{{ firms.value }}，{{ firms.target }}。\n\n```targets\nindicators: [hightech_share, firms]\n```",
    );
    let page = built(&site);
    assert_eq!(
        row(&page, "高新技术企业占比"),
        ["35.5%以上", "35.5%", "达到目标", "已完成"]
    );
    assert_eq!(inline(&page, "hightech_share.target"), "达到年度目标");
    assert_eq!(
        row(&page, "新增入库企业"),
        ["100个", "100个", "100.0%", "已完成"]
    );
    assert_eq!(inline(&page, "firms.target"), "完成年度目标的100.0%");
}

/// Point 2: a fractional count is an error at the figure; a count in 万户 may have decimals.
#[test]
fn a_fractional_count_is_a_located_error() {
    let site = Site::fixture("base");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let before = tree_digest(&site.path().join("public"));
    let site = site.edit(DATA, "values: { 2024: 33 }", "values: { 2024: 33.5 }");
    let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
    run.assert_failed();
    assert!(
        run.stderr.contains("error[impossible-value]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("a count of 33.5个 is not a whole number"),
        "{}",
        run.stderr
    );
    // data.yaml line 33: `    values: { 2024: 33.5 }`, the figure at column 21
    assert!(
        run.stderr.contains("content/demo/data.yaml:33:21"),
        "{}",
        run.stderr
    );
    assert_eq!(tree_digest(&site.path().join("public")), before);
    // a target too
    let site = site
        .edit(DATA, "values: { 2024: 33.5 }", "values: { 2024: 33 }")
        .edit(DATA, "targets: { 2024: 30 }", "targets: { 2024: 30.5 }");
    let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
    run.assert_failed();
    assert!(
        run.stderr.contains("content/demo/data.yaml:34:22"),
        "{}",
        run.stderr
    );
    // 2.6万户 is a rounded figure of ten thousands, not a fraction of a household
    let site = site
        .edit(DATA, "targets: { 2024: 30.5 }", "targets: { 2024: 30 }")
        .edit(
            DATA,
            "unit: 家\n    kind: count",
            "unit: 万户\n    kind: count",
        )
        .edit(
            DATA,
            "values: { 2023: 0, 2024: 22 }",
            "values: { 2023: 0, 2024: 2.6 }",
        );
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
}

/// Point 3: below, inside and above a range, in the table and inline alike.
#[test]
fn a_range_reads_below_inside_and_above() {
    for (value, cell, words, status) in [
        (
            "1",
            "未达到目标（2—3家）",
            "未达到年度目标（2—3家）",
            "未完成",
        ),
        (
            "3",
            "达到目标区间（2—3家）",
            "达到年度目标区间（2—3家）",
            "已完成",
        ),
        (
            "5",
            "超过目标区间（2—3家）",
            "超过年度目标区间（2—3家）",
            "已完成",
        ),
    ] {
        // seed 001: 完成2家企业在省股权交易中心挂牌, as a range 2—3家
        let site = site(
            &format!(
                "  - id: listed\n    name: 省股权交易中心挂牌企业\n    unit: 家\n    kind: count\n    values: {{ 2024: {value} }}\n    targets: {{ 2024: {{ range: [2, 3] }} }}\n"
            ),
            "挂牌{{ listed.value }}，{{ listed.target }}。\n\n```targets\nindicators: [listed]\n```",
        );
        let page = built(&site);
        assert_eq!(
            row(&page, "省股权交易中心挂牌企业"),
            ["2—3家", &format!("{value}家"), cell, status]
        );
        assert_eq!(inline(&page, "listed.target"), words);
    }
}

/// Point 4: a ceiling is never 完成目标的105.0%.
#[test]
fn a_ceiling_reads_as_kept_within_or_exceeded() {
    let site = site(
        "  - id: energy\n    name: 综合能源消费量\n    unit: 万吨标准煤\n    kind: amount\n    decimals: 1\n    higher_is_better: false\n    values: { 2024: 105 }\n    targets: { 2024: { value: 100, qualifier: 以内 } }\n  - id: fee\n    name: 担保业务保费率\n    unit: \"%\"\n    kind: rate\n    decimals: 1\n    higher_is_better: false\n    values: { 2024: 0.8 }\n    targets: { 2024: { value: 1, qualifier: 以内 } }\n",
        "能耗{{ energy.target }}；保费率{{ fee.target }}。\n\n```targets\nindicators: [energy, fee]\n```",
    );
    let page = built(&site);
    assert_eq!(
        row(&page, "综合能源消费量"),
        [
            "100万吨标准煤以内",
            "105.0万吨标准煤",
            "超出目标5.0%",
            "未完成"
        ]
    );
    assert_eq!(inline(&page, "energy.target"), "超出年度目标5.0%");
    // seed 001: 担保业务保费降至0.8%, against a cap of 1%
    assert_eq!(
        row(&page, "担保业务保费率"),
        ["1%以内", "0.8%", "控制在目标以内", "已完成"]
    );
    assert!(!page.contains("105.0%"));
}

/// Point 5: 突破 is passed only by a figure above the threshold.
#[test]
fn breakthrough_means_strictly_above() {
    for (value, cell, status) in [
        ("200.0", "未突破目标", "未完成"),
        ("201.3", "突破目标", "已完成"),
    ] {
        // seed 001: 全年力争实现规模以上工业总产值突破200亿元
        let site = site(
            &format!(
                "  - id: output_total\n    name: 规模以上工业总产值\n    unit: 亿元\n    kind: amount\n    decimals: 1\n    values: {{ 2024: {value} }}\n    targets: {{ 2024: {{ value: 200, qualifier: 突破 }} }}\n"
            ),
            "产值{{ output_total.target }}。\n\n```targets\nindicators: [output_total]\n```",
        );
        let page = built(&site);
        assert_eq!(
            row(&page, "规模以上工业总产值"),
            ["突破200亿元", &format!("{value}亿元"), cell, status]
        );
        assert_eq!(
            inline(&page, "output_total.target"),
            format!("{}年度目标", &cell[..cell.len() - "目标".len()])
        );
    }
}

/// Point 6: a stated 7.25 prints 增长7.3%, and the gap is from 7.3.
#[test]
fn stated_growth_prints_at_one_decimal_and_gaps_use_it() {
    let site = site(
        "  - id: retail\n    name: 社会消费品零售总额\n    unit: 亿元\n    kind: amount\n    decimals: 1\n    growth_basis: comparable\n    values: { 2024: { value: 86.4, growth: 7.25 } }\n    targets: { 2024: { growth: 7, qualifier: 以上 } }\n",
        "零售{{ retail.change }}，{{ retail.target }}。\n\n```targets\nindicators: [retail]\n```",
    );
    let page = built(&site);
    assert_eq!(inline(&page, "retail.change"), "增长7.3%");
    assert_eq!(inline(&page, "retail.target"), "高于年度目标0.3个百分点");
    assert_eq!(
        row(&page, "社会消费品零售总额"),
        ["增长7%以上", "增长7.3%", "高于目标0.3个百分点", "已完成"]
    );
}

/// Point 7: a target's note goes to the table's 注.
#[test]
fn a_target_note_is_printed_in_the_table_notes() {
    let site = site(
        "  - id: tech_firms\n    name: 新增高新技术企业\n    unit: 家\n    kind: count\n    values: { 2024: 31 }\n    targets: { 2024: { value: 30, qualifier: 以上, note: 列入市对县考核 } }\n",
        "```targets\nindicators: [tech_firms]\n```",
    );
    let page = built(&site);
    assert!(
        page.contains("新增高新技术企业2024年目标：列入市对县考核。"),
        "{page}"
    );
}

/// Point 16: two levels of 其中; a 其中 list is not summed unless it is declared a
/// partition, and a declared partition that does not add up names every figure.
#[test]
fn nested_sub_items_and_declared_partitions() {
    let parts = "  - id: industry_total\n    name: 工业投资\n    unit: 亿元\n    kind: amount\n    decimals: 1\n    values: { 2024: 50.0 }\n  - id: tech_invest\n    name: 技改投资\n    unit: 亿元\n    kind: amount\n    decimals: 1\n    values: { 2024: 20.0 }\n  - id: digital_invest\n    name: 数字化改造投资\n    unit: 亿元\n    kind: amount\n    decimals: 1\n    values: { 2024: 8.0 }\n";
    let table = "```yoy\nindicators: [industry_total, tech_invest, digital_invest]\nindent: [tech_invest, [digital_invest]]\n```";
    // 其中 items that do not add up to the total: a selection, fine without `parts:`
    let page = built(&site(parts, table));
    assert!(page.contains("<th scope=\"row\" class=\"indent\">技改投资</th>"));
    assert!(page.contains("<th scope=\"row\" class=\"indent indent2\">数字化改造投资</th>"));
    // the map form gives the same levels
    let page = built(&site(
        parts,
        "```yoy\nindicators: [industry_total, tech_invest, digital_invest]\nindent: { tech_invest: 1, digital_invest: 2 }\n```",
    ));
    assert!(page.contains("class=\"indent indent2\">数字化改造投资</th>"));
    // a level-2 其中 right under a row of its own has no level-1 其中 to belong to
    let run = run_limited(
        site(
            parts,
            "```yoy\nindicators: [industry_total, digital_invest]\nindent: { digital_invest: 2 }\n```",
        )
        .path(),
        &["build", "--quiet"],
        LIMIT,
    );
    run.assert_failed();
    assert!(
        run.stderr.contains(
            "`digital_invest` is a 其中 of level 2, but the row above it is a row of its own"
        ),
        "{}",
        run.stderr
    );
    // declared a partition, 20.0 + 8.0 is not 50.0: an error naming every figure
    let declared = parts.replacen(
        "kind: amount\n    decimals: 1\n    values: { 2024: 50.0 }",
        "kind: amount\n    decimals: 1\n    parts: [tech_invest, digital_invest]\n    values: { 2024: 50.0 }",
        1,
    );
    let run = run_limited(site(&declared, table).path(), &["build", "--quiet"], LIMIT);
    run.assert_failed();
    for text in [
        "error[sum-mismatch]",
        "`industry_total` (工业投资): 2024年 is 50.0亿元, but its parts add up to 28.0亿元",
        "`tech_invest` (技改投资) 20.0 + `digital_invest` (数字化改造投资) 8.0",
    ] {
        assert!(run.stderr.contains(text), "missing {text}:\n{}", run.stderr);
    }
    // a partition within rounding builds: 28.04 + 21.98 = 50.02 against 50.0
    let fits = declared
        .replacen("values: { 2024: 20.0 }", "values: { 2024: 28.04 }", 1)
        .replacen("values: { 2024: 8.0 }", "values: { 2024: 21.98 }", 1);
    built(&site(&fits, table));
}

/// Point 17: a field the layout would drop is refused, naming the layouts that print it;
/// a draft mark prints beside the title.
#[test]
fn a_layout_prints_what_it_is_given_or_refuses_it() {
    let page = |front: &str| {
        Site::fixture("base").file(
            "content/demo/notice.md",
            &format!("---\ntitle: 关于印发工业发展要点的通知\ndate: 2024-02-08\nperiod: 2024\n{front}---\n正文。\n"),
        )
    };
    let site = page("layout: document\nbyline: 本报记者 测试\n");
    let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
    run.assert_failed();
    for text in [
        "error[front-matter]: `layout: document` does not print `byline`",
        "content/demo/notice.md:6:1",
        "expected: a layout that prints it: `layout: news`",
    ] {
        assert!(run.stderr.contains(text), "missing {text}:\n{}", run.stderr);
    }
    let run = run_limited(
        page("doc_number: 金发〔2024〕5号\n").path(),
        &["build", "--quiet"],
        LIMIT,
    );
    run.assert_failed();
    assert!(
        run.stderr.contains("`layout: document` or `layout: plan`"),
        "{}",
        run.stderr
    );
    let site = page("layout: document\ndraft_mark: 征求意见稿\n");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    // (the title breaks between words: compared without its <wbr>)
    assert!(
        site.page("demo/notice/index.html")
            .replace("<wbr>", "")
            .contains(
                "关于印发工业发展要点的通知<span class=\"doc-title-mark\">（征求意见稿）</span></h1>"
            )
    );
    let run = run_limited(
        page("layout: document\ndraft_mark: 初稿吧\n").path(),
        &["build", "--quiet"],
        LIMIT,
    );
    run.assert_failed();
    assert!(run.stderr.contains("is not a draft mark"), "{}", run.stderr);
}

/// Point 18: the “—” note appears only when a dash does; messages name an indicator by id.
#[test]
fn dash_notes_follow_dashes_and_messages_name_ids() {
    let site = Site::fixture("base");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let page = site.page("demo/2025-report/index.html");
    // the targets table (表2) prints no dash: no note; the yoy table neither
    let targets = &page[page.find("表2").unwrap()..page.find("表3").unwrap()];
    assert!(!targets.contains("“—”表示"), "{targets}");
    // a dash in a yoy row (no prior value) brings its note
    let site = site.edit(
        "content/demo/2025-report.md",
        "indicators: [gdp, output, investment]",
        "indicators: [gdp, output, investment, projects]",
    );
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let page = site.page("demo/2025-report/index.html");
    let yoy = &page[page.find("表1").unwrap()..page.find("表2").unwrap()];
    assert!(yoy.contains("“—”表示无上年可比数据或不适用。"), "{yoy}");
    // a shape error names the indicator by id, and a period typo is underlined whole
    let site = site.edit(
        DATA,
        "values: { 2023: 77, 2024: 88 }",
        "values: { 2023: 77, 2O24: 88 }",
    );
    let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
    run.assert_failed();
    assert!(
        run.stderr
            .contains("indicators[2] (id: leading_share).values: `2O24` is not a period"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("^^^^"), "{}", run.stderr);
}

/// Point 18: a period written twice, or two spellings of one period, points at the key
/// written second (line:col of the key, underlined whole), not at a value.
#[test]
fn a_repeated_period_points_at_its_key() {
    for (values, col, len) in [
        ("values: { 2023: 77, 2023: 88 }", 25, 4),
        ("values: { 2024H1: 77, 2024-01~06: 88 }", 27, 10),
    ] {
        let site = Site::fixture("base").edit(DATA, "values: { 2023: 77, 2024: 88 }", values);
        let run = run_limited(site.path(), &["check"], LIMIT);
        assert_ne!(run.code, 0, "{}", run.stderr);
        let at = format!("content/demo/data.yaml:28:{col}");
        assert!(run.stderr.contains("error[bad-period]"), "{}", run.stderr);
        assert!(run.stderr.contains(&at), "missing {at}:\n{}", run.stderr);
        assert!(
            run.stderr.contains(&format!(" {}\n", "^".repeat(len))),
            "{}",
            run.stderr
        );
    }
}

/// Point 16: a declared partition holds for level targets too (seed 004: 新增高新技术企业
/// 105家, 其中 60 + 45 — here typed 60 + 40).
#[test]
fn a_declared_partition_of_targets_must_add_up() {
    let data = "  - id: tech_total\n    name: 新增高新技术企业\n    unit: 家\n    kind: count\n    parts: [tech_a, tech_b]\n    targets: { 2024~2026: 105 }\n  - id: tech_a\n    name: 巢湖市新增高新技术企业\n    unit: 家\n    kind: count\n    targets: { 2024~2026: 60 }\n  - id: tech_b\n    name: 安巢经开区新增高新技术企业\n    unit: 家\n    kind: count\n    targets: { 2024~2026: 40 }\n";
    let run = run_limited(site(data, "正文。").path(), &["build", "--quiet"], LIMIT);
    run.assert_failed();
    assert!(
        run.stderr.contains("the 2024—2026年 target is 105家, but its parts add up to 100家: `tech_a` (巢湖市新增高新技术企业) 60 + `tech_b` (安巢经开区新增高新技术企业) 40"),
        "{}",
        run.stderr
    );
    built(&site(
        &data.replace("targets: { 2024~2026: 40 }", "targets: { 2024~2026: 45 }"),
        "正文。",
    ));
}

/// Point 16: `parts:` names indicators of the same unit; a typo is located, with the
/// nearest id.
#[test]
fn a_mistyped_part_is_located() {
    let data = "  - id: invest_total\n    name: 工业投资\n    unit: 亿元\n    kind: amount\n    parts: [investment, outptu]\n    values: { 2024: 50.0 }\n";
    let site = site(data, "正文。");
    let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
    run.assert_failed();
    for text in [
        "error[unknown-indicator]: `parts` of `invest_total` names `outptu`, which is not an indicator of this unit",
        "content/demo/data.yaml:66:25",
        "did you mean `output`?",
    ] {
        assert!(run.stderr.contains(text), "missing {text}:\n{}", run.stderr);
    }
    // the partition is not summed on top of it
    assert!(!run.stderr.contains("sum-mismatch"), "{}", run.stderr);
}
