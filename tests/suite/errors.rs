//! Bad input: every error names file:line:col, says what was expected, hints at a fix,
//! exits 1, and leaves the previous output exactly as it was.

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::Site;

/// Builds a broken site and returns its stderr, asserting the build failed.
fn fails(site: &Site) -> String {
    let run = site.build(&[]);
    run.assert_failed();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

#[test]
fn malformed_yaml() {
    let site = Site::fixture("base").edit(
        "content/demo/data.yaml",
        "values: { 2023: 77, 2024: 88 }",
        "values: { 2023: 77, 2024: 88",
    );
    let err = fails(&site);
    assert!(err.contains("error[yaml-syntax]"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn wrong_type() {
    let site = Site::fixture("base").edit("content/demo/data.yaml", "decimals: 0", "decimals: 零");
    let err = fails(&site);
    assert!(err.contains("content/demo/data.yaml:27:15"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn unknown_key_gets_the_nearest_key() {
    let site = Site::fixture("base").edit("content/demo/data.yaml", "decimals: 0", "decimal: 0");
    let err = fails(&site);
    assert!(err.contains("content/demo/data.yaml:27:5"), "{err}");
    assert!(err.contains("did you mean `decimals`?"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn unknown_indicator_in_commentary_gets_the_nearest_id() {
    let site = Site::fixture("base").edit("content/demo/2025-report.md", "{{ gdp }}", "{{ gpd }}");
    let err = fails(&site);
    assert!(err.contains("content/demo/2025-report.md:16:19"), "{err}");
    assert!(err.contains("did you mean `gdp`?"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn unknown_indicator_in_a_table() {
    let site = Site::fixture("base").edit(
        "content/demo/2025-report.md",
        "indicators: [gdp, output, investment]",
        "indicators: [gdp, outptu, investment]",
    );
    let err = fails(&site);
    assert!(err.contains("content/demo/2025-report.md:22:19"), "{err}");
    assert!(err.contains("did you mean `output`?"), "{err}");
}

#[test]
fn unknown_part_of_a_figure() {
    let site = Site::fixture("base").edit(
        "content/demo/2025-report.md",
        "{{ leading_share.change }}",
        "{{ leading_share.chnage }}",
    );
    let err = fails(&site);
    assert!(err.contains("did you mean `change`?"), "{err}");
}

#[test]
fn figure_without_a_value_for_the_period() {
    let site =
        Site::fixture("base").edit("content/demo/2025-report.md", "{{ gdp }}", "{{ gdp@2022 }}");
    let err = fails(&site);
    assert!(err.contains("has no value for 2022年"), "{err}");
}

#[test]
fn period_that_does_not_parse() {
    let site = Site::fixture("base").edit(
        "content/demo/data.yaml",
        "values: { 2023: 77, 2024: 88 }",
        "values: { 2023: 77, 2024Q5: 88 }",
    );
    let err = fails(&site);
    assert!(err.contains("content/demo/data.yaml:"), "{err}");
    assert!(err.contains("`2024Q5` is not a period"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn bad_date_and_missing_title_in_front_matter() {
    let site = Site::fixture("base").edit(
        "content/demo/2025-report.md",
        "date: 2025-02-08",
        "date: 2025-02-30",
    );
    let err = fails(&site);
    assert!(err.contains("content/demo/2025-report.md:5:7"), "{err}");
    let site =
        Site::fixture("base").edit("content/demo/2025-report.md", "title: 乘势而上再登高\n", "");
    let err = fails(&site);
    assert!(err.contains("missing field `title`"), "{err}");
    assert!(err.contains("content/demo/2025-report.md:2:1"), "{err}");
}

#[test]
fn missing_template() {
    let site = Site::fixture("base").file(
        "themes/news/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"partials/nope.html\" %}{% endblock %}",
    );
    let err = fails(&site);
    assert!(err.contains("nope.html"), "{err}");
}

#[test]
fn template_syntax_error() {
    let site = Site::fixture("base").file(
        "themes/news/templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ t.home </p>\n{% endblock %}",
    );
    let err = fails(&site);
    assert!(err.contains("themes/news/templates/404.html:3:"), "{err}");
}

#[test]
fn unknown_theme() {
    let site = Site::fixture("base").edit(
        "site.yaml",
        "title: 测试经开区公报",
        "title: 测试经开区公报\ntheme: nwes",
    );
    let err = fails(&site);
    assert!(err.contains("there is no theme `nwes`"), "{err}");
    assert!(err.contains("did you mean `news`?"), "{err}");
}

/// A GBK byte in a bulletin's commentary (after its front matter) is an error at its line
/// and column, and the last good output stays.
#[test]
fn a_bulletin_body_that_is_not_utf8_is_located() {
    let site = Site::fixture("base");
    site.build(&[]).assert_ok();
    let before = site.page("demo/2025-report/index.html");
    let path = site.path().join("content/demo/2025-report.md");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"\n\xb9\xfa\xc3\xf1\n");
    let line = bytes.iter().filter(|&&b| b == b'\n').count();
    std::fs::write(&path, bytes).unwrap();
    let err = fails(&site);
    assert!(err.contains("the file is not UTF-8 text"), "{err}");
    assert!(
        err.contains(&format!("content/demo/2025-report.md:{line}:1")),
        "{err}"
    );
    assert_eq!(site.page("demo/2025-report/index.html"), before);
}

#[test]
fn not_utf8_and_garbage_do_not_panic() {
    let site = Site::fixture("base");
    std::fs::write(
        site.path().join("content/demo/data.yaml"),
        b"indicators:\n  - id: \xb9\xfa\xc3\xf1\n",
    )
    .unwrap();
    let err = fails(&site);
    assert!(err.contains("not UTF-8"), "{err}");
    for garbage in [
        "{{{{",
        "- - - :",
        "indicators: 5",
        "indicators: [1, 2]",
        "]]]",
        "\t\tx: y",
        "indicators:\n  - {id: a, name: b, kind: amount, values: {2024: {value: x}}}",
    ] {
        let site = Site::fixture("base").file("content/demo/data.yaml", garbage);
        fails(&site);
    }
    for garbage in [
        "---\n",
        "---\n---\n",
        "---\ntitle: [\n---\n",
        "{{ }}",
        "```yoy\n```\n",
        "```yoy\nindicators: 3\n```\n",
    ] {
        let site = Site::fixture("base").file("content/demo/2025-report.md", garbage);
        let run = site.build(&[]);
        assert!(
            !run.stderr.contains("panicked"),
            "{garbage:?}: {}",
            run.stderr
        );
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn failed_build_leaves_public_untouched_byte_for_byte() {
    let site = Site::fixture("base");
    site.build(&[]).assert_ok();
    let before = snapshot(&site.path().join("public"));
    assert!(before.len() >= 4);
    let site = site.edit("content/demo/2025-report.md", "{{ gdp }}", "{{ gpd }}");
    fails(&site);
    assert_eq!(snapshot(&site.path().join("public")), before);
    // and no staging folder is left behind
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("building"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_failed_build_shows_errors_not_notes() {
    // a typed number no indicator is named before is a note; the bad id is the error
    let site = Site::fixture("base").edit(
        "content/demo/2025-report.md",
        "{{ gdp }}",
        "{{ gpd }}，占地5亩以上",
    );
    let err = fails(&site);
    assert!(err.contains("error[unknown-indicator]"), "{err}");
    assert!(!err.contains("note["), "{err}");
    let run = site.build(&["--verbose"]);
    assert!(run.stderr.contains("note[cross-check]"), "{}", run.stderr);
}

#[test]
fn every_error_is_reported_in_one_run() {
    let site = Site::fixture("base")
        .edit("content/demo/2025-report.md", "{{ gdp }}", "{{ gpd }}")
        .edit(
            "content/demo/2025-report.md",
            "{{ projects.value }}",
            "{{ projetcs.value }}",
        );
    let err = fails(&site);
    assert!(err.contains("failed with 2 errors"), "{err}");
}

/// The 版记 of a document (issue 15): `printed_on` is a date, not before the document's
/// `date`, and a 版记 has both its 印发机关 and 印发日期; each is an error at its place in
/// the front matter. A 版记 on a news page is refused (the layout does not print it).
#[test]
fn a_colophon_with_a_bad_printing_date_is_located() {
    const DOC: &str = "content/jinan/2024-industrial-plan.md";
    let given = "printed_on: 2024-02-08";
    let site = Site::example().edit(DOC, given, "printed_on: 2024-02-30");
    let err = fails(&site);
    assert!(err.contains("`2024-02-30` is not a date"), "{err}");
    assert!(err.contains(&format!("{DOC}:16:13")), "{err}");
    assert!(
        err.contains("expected: a date such as `2025-02-08`"),
        "{err}"
    );

    let site = Site::example().edit(DOC, given, "printed_on: 2024-02-07");
    let err = fails(&site);
    assert!(
        err.contains("the 印发日期 2024年2月7日 is before the document is written (2024年2月8日)"),
        "{err}"
    );
    assert!(err.contains(&format!("{DOC}:16:13")), "{err}");

    let site = Site::example().edit(DOC, given, "");
    let err = fails(&site);
    assert!(err.contains("`printed_on` is missing"), "{err}");
    assert!(err.contains(&format!("{DOC}:15:1")), "{err}");

    let site = Site::example().edit(DOC, "printed_by: 中共六安市金安区委办公室\n", "");
    let err = fails(&site);
    assert!(err.contains("`printed_by` is missing"), "{err}");
    assert!(err.contains(&format!("{DOC}:15:13")), "{err}");

    let site = Site::fixture("base").edit(
        "content/demo/2025-report.md",
        "byline: 本报记者 测试",
        "byline: 本报记者 测试\ncc: [区政协办公室]",
    );
    let err = fails(&site);
    assert!(
        err.contains("`layout: news` does not print `cc`") && err.contains("`layout: document`"),
        "{err}"
    );
}
