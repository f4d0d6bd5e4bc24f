//! Property tests: nothing a user can type makes the parsers panic. Inputs are drawn from
//! an alphabet rich in what breaks parsers here (YAML punctuation, `{{ }}`, `**`, fences,
//! Chinese text, digits and units). `PROPTEST_CASES=100000 cargo test fuzz_` runs longer.

use std::path::Path;

use proptest::prelude::*;

use crate::diagnostic::Diagnostics;
use crate::load::raw::{RawBulletin, RawData};
use crate::load::yaml;
use crate::markdown;
use crate::model::{Period, Site};

/// Text made of fragments that matter to our parsers, glued at random.
fn fragments() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "indicators:",
        "\n",
        "  - ",
        "id: gdp",
        "name: 地区生产总值",
        "kind: amount",
        "kind: rank",
        "values:",
        "{ 2024: 5 }",
        "2024Q3: ",
        "2024-01~09: ",
        "targets:",
        "{ value: 1, qualifier: 以上 }",
        "{ growth: x }",
        "range: [3, 2]",
        "ranks:",
        "- { period: 2024, position: 0 }",
        ": ",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "'",
        "\"",
        "#",
        "&a",
        "*a",
        "!!str",
        "---",
        "\t",
        "{{",
        "}}",
        "{{ gdp }}",
        "{{ gdp.change }}",
        "{{ x:y@2024Q9.rank }}",
        "**",
        "*",
        "```yoy\n",
        "```\n",
        "indicators: [gdp]\n",
        "<script>",
        "](",
        "[a](b.md#c)",
        "增长",
        "14",
        "%",
        "5.7",
        "个百分点",
        "第",
        "二",
        "位",
        "，",
        "。",
        "亿元",
        "分别",
        "、",
        "-",
        "0",
        "99999999999999999999999999999",
        "1e400",
        ".",
        "~",
        "@",
        "é",
        "\u{feff}",
        "\r",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// A site to resolve components against: the base test fixture.
fn fixture_site() -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
    let mut diags = Diagnostics::default();
    let loaded =
        crate::load::load(&root, crate::load::Bodies::Keep, &mut diags).expect("the fixture loads");
    crate::model::resolve(loaded, true, &mut diags)
}

proptest! {
    #[test]
    fn fuzz_data_yaml_never_panics(text in fragments()) {
        let _ = yaml::parse::<RawData>(&text, Path::new("data.yaml"), 1, &mut Diagnostics::default());
    }

    #[test]
    fn fuzz_front_matter_never_panics(text in fragments()) {
        let text = format!("---\n{text}\n---\nbody");
        let mut diags = Diagnostics::default();
        if let Some(fm) = yaml::split_front_matter(&text, Path::new("a.md"), &mut diags) {
            let _ = yaml::parse::<RawBulletin>(fm.yaml, Path::new("a.md"), fm.yaml_line, &mut diags);
        }
    }

    #[test]
    fn fuzz_periods_never_panic(text in "\\PC{0,12}") {
        let _ = text.parse::<Period>();
    }

    #[test]
    fn fuzz_commentary_never_panics(body in fragments()) {
        let site = fixture_site();
        let text = format!("---\ntitle: t\n---\n{body}");
        let links = std::cell::RefCell::new(Vec::new());
        let render_table = |_: &crate::figures::table::TableView| String::new();
        let ctx = markdown::Context {
            site: &site,
            unit: Some(0),
            period: Some(Period::Year(2024)),
            file: Path::new("content/demo/x.md"),
            text: &text,
            body_offset: 16,
            body_end: text.len(),
            numbered: false,
            render_table: &render_table,
            page_dir: "demo/x/",
            links: &links,
        };
        let mut diags = Diagnostics::default();
        let _ = markdown::render(&ctx, &mut diags);
        for d in diags.iter() {
            // every diagnostic made from commentary is located
            prop_assert!(d.position.is_some(), "{d}");
        }
    }
}
