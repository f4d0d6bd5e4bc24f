//! `bulletin new`: each layout's site builds and checks clean at once, its figures are
//! computed from its data, and a folder that is not empty is refused with nothing
//! written.

use crate::harness::Site;

/// `new .` in an empty folder, then `build` and `check --deny-warnings`.
fn made(layout: &str) -> Site {
    let site = Site::empty();
    let run = site.run("new", &[".", "--layout", layout]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("site.yaml"), "{}", run.stdout);
    site.build(&[]).assert_ok();
    let check = site.check(&["--deny-warnings"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("0 errors, 0 warnings"),
        "{}",
        check.stdout
    );
    site
}

#[test]
fn a_news_site_builds_and_checks_clean() {
    let site = made("news");
    let page = text(&site.page("shiliqu/2024-economy/index.html"));
    // 171.3 / 170 = 100.76% of the target; 61.2 / 50.0 = +22.4%, 2.4 points over the
    // 20% growth target; 20.3 − 19.2 = 1.1 points.
    for figure in [
        "完成年度目标的100.8%",
        "工业投资增长22.4%，高于年度目标2.4个百分点",
        "比上年上升1.1个百分点",
        "表1 2024年示例区主要经济指标",
        "表2 2024年主要目标完成情况",
    ] {
        assert!(page.contains(figure), "{figure} missing");
    }
    assert!(site.page("index.html").contains("示例区"));
}

/// The new site's figures are in `data.xlsx`, not `data.yaml`; typed into data.yaml
/// instead, they build the very same pages.
#[test]
fn a_new_sites_figures_come_from_its_workbook() {
    let site = made("news");
    let data = "content/shiliqu/data.yaml";
    let yaml = std::fs::read_to_string(site.path().join(data)).unwrap();
    assert!(!yaml.contains("    values:"), "{yaml}");
    assert!(
        yaml.contains("data.xlsx"),
        "the definitions point to the sheet"
    );
    let typed = Site::empty();
    crate::harness::copy_dir(
        site.path().join("content").as_path(),
        &typed.path().join("content"),
    );
    std::fs::copy(
        site.path().join("site.yaml"),
        typed.path().join("site.yaml"),
    )
    .unwrap();
    std::fs::remove_file(typed.path().join("content/shiliqu/data.xlsx")).unwrap();
    let mut yaml = yaml.replace("sheet:\n  ignore_sheets: [说明]", "#");
    for (id, values) in [
        (
            "gdp",
            "{ 2023: 380.5, 2024: { value: 402.6, growth: 5.9 } }",
        ),
        ("industrial_output", "{ 2023: 152.6, 2024: 171.3 }"),
        ("industrial_investment", "{ 2023: 50.0, 2024: 61.2 }"),
        ("new_regulated_firms", "{ 2023: 21, 2024: 28 }"),
        ("manufacturing_share", "{ 2023: 19.2, 2024: 20.3 }"),
    ] {
        let at = format!("  - id: {id}\n");
        assert!(yaml.contains(&at), "{id}");
        yaml = yaml.replace(&at, &format!("{at}    values: {values}\n"));
    }
    let typed = typed.file(data, &yaml);
    typed.build(&[]).assert_ok();
    crate::harness::assert_same_tree(
        &site.path().join("public"),
        &typed.path().join("public"),
        "figures typed in data.yaml",
    );
}

#[test]
fn a_document_site_builds_and_checks_clean() {
    let page = made("document").page("shiliqu/2025-industrial-plan/index.html");
    assert!(page.contains("示政〔2025〕1号"));
    assert!(
        page.contains("190亿元以上"),
        "the 2025 target of the output"
    );
}

#[test]
fn a_plan_site_builds_and_checks_clean() {
    let page = made("plan").page("shiliqu/2025-action-plan/index.html");
    assert!(page.contains("表1 2025年主要目标"));
    assert!(page.contains("增长15%以上"), "the 2025 investment target");
}

/// The page's text, without its tags: a figure is a `<span>` in a sentence.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in html.chars() {
        match c {
            '<' => tag = true,
            '>' => tag = false,
            _ if !tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// A folder holding anything is refused (exit 2), and what it holds is untouched.
#[test]
fn a_folder_that_is_not_empty_is_refused() {
    let site = Site::empty().file("notes.md", "mine");
    let run = site.run("new", &["."]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("error[new-site]"), "{}", run.stderr);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    let left: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["notes.md"]);
    assert_eq!(
        std::fs::read_to_string(site.path().join("notes.md")).unwrap(),
        "mine"
    );
}
