//! Property tests: nothing a user can type makes the parsers panic, hang or report an
//! unlocated error. Inputs are drawn from an alphabet rich in what breaks parsers here
//! (YAML punctuation, `{{ }}`, `**`, fences, Chinese text, digits and units), and some are
//! one such text repeated thousands of times, so that a path quadratic in the input shows
//! as a case past its time limit ([`PER_INPUT`], issue 12). proptest's 256 cases a target
//! suit CI; `PROPTEST_CASES=100000 cargo test fuzz_` runs longer.

use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use proptest::prelude::*;

use crate::diagnostic::Diagnostics;
use crate::load::raw::{RawBulletin, RawData, RawSite, RawTasks};
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

/// Fragments, or one short run of them repeated up to 5,000 times: long, deep or
/// repetitive input (`[[[[`, `{{ x }}{{ x }}…`) is what a quadratic path needs to show.
fn texts() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => fragments(),
        1 => (fragments(), 1..5_000usize).prop_map(|(t, n)| t.chars().take(12).collect::<String>().repeat(n)),
    ]
}

/// How long one input may take to parse, or to render as commentary, in a debug build
/// (the thread's own time, [`run_time`]). A text of ~60 KB (a fragment repeated 5,000
/// times) takes up to 1.1 s there on a linear path (CI drew ```` ``` ```` and `"<scrip`
/// alternating: 1.09 s; a release build of a site with 1,000 to 8,000 of them takes
/// 0.07–0.09 s whatever the count); a quadratic path at that size takes minutes.
const PER_INPUT: Duration = Duration::from_secs(2);

/// A site to resolve components against: the base test fixture, loaded once.
fn fixture_site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
        let mut diags = Diagnostics::default();
        let loaded = crate::load::load(&root, crate::load::Bodies::Keep, &mut diags)
            .expect("the fixture loads");
        crate::model::resolve(loaded, true, &mut diags)
    })
}

/// Parses `text` as YAML of type `T`: within [`PER_INPUT`], and every error located.
fn parse_yaml<T: serde::de::DeserializeOwned>(
    text: &str,
    first_line: usize,
) -> Result<(), TestCaseError> {
    bounded_and_located(|diags| {
        let _ = yaml::parse::<T>(text, Path::new("x.yaml"), first_line, diags);
    })
}

/// How long this thread has run: what an input cost, whatever else the machine runs (on a
/// CI machine busy with other builds, wall-clock time stretched a 0.3 s case past the
/// limit). The wall clock where there is no thread clock.
fn run_time() -> Duration {
    #[cfg(unix)]
    {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
        Duration::new(
            u64::try_from(t.tv_sec).unwrap_or(0),
            u32::try_from(t.tv_nsec).unwrap_or(0),
        )
    }
    #[cfg(not(unix))]
    {
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed()
    }
}

/// Runs `work`: it must finish within [`PER_INPUT`] of this thread's time and locate
/// every diagnostic it makes.
fn bounded_and_located(work: impl FnOnce(&mut Diagnostics)) -> Result<(), TestCaseError> {
    let started = run_time();
    let mut diags = Diagnostics::default();
    work(&mut diags);
    let took = run_time().saturating_sub(started);
    prop_assert!(took < PER_INPUT, "took {:?}", took);
    for d in diags.iter() {
        prop_assert!(d.position.is_some(), "{d}");
    }
    Ok(())
}

/// Renders `body` as the commentary of a bulletin of the fixture: within [`PER_INPUT`],
/// and every diagnostic located.
fn render_commentary(body: &str) -> Result<(), TestCaseError> {
    let site = fixture_site();
    let text = format!("---\ntitle: t\n---\n{body}");
    let found = std::cell::RefCell::new(markdown::Found::default());
    let render_table = |_: &crate::figures::table::TableView| String::new();
    let figures = crate::figures::PageFigures::new();
    let ctx = markdown::Context {
        site,
        unit: Some(0),
        period: Some(Period::Year(2024)),
        file: Path::new("content/demo/x.md"),
        text: &text,
        body_offset: 16,
        body_end: text.len(),
        numbered: false,
        render_table: &render_table,
        page_dir: "demo/x/",
        found: &found,
        figures: &figures,
    };
    bounded_and_located(|diags| {
        let _ = markdown::render(&ctx, diags);
    })
}

proptest! {
    // A case past its time limit is shrunk by running it again and again; on a loaded
    // machine that ran for 18 minutes before the minimal case came out. Half a minute
    // of shrinking still gives a short case to read.
    #![proptest_config(ProptestConfig {
        max_shrink_time: 30_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn fuzz_data_yaml_never_panics(text in texts()) {
        parse_yaml::<RawData>(&text, 1)?;
    }

    #[test]
    fn fuzz_tasks_and_site_yaml_never_panic(text in texts()) {
        parse_yaml::<RawTasks>(&text, 1)?;
        parse_yaml::<RawSite>(&text, 1)?;
    }

    #[test]
    fn fuzz_front_matter_never_panics(text in texts()) {
        let text = format!("---\n{text}\n---\nbody");
        let mut diags = Diagnostics::default();
        if let Some(fm) = yaml::split_front_matter(&text, Path::new("a.md"), &mut diags) {
            parse_yaml::<RawBulletin>(fm.yaml, fm.yaml_line)?;
        }
    }

    #[test]
    fn fuzz_periods_never_panic(text in "\\PC{0,12}") {
        let _ = text.parse::<Period>();
    }

    #[test]
    fn fuzz_commentary_never_panics(body in texts()) {
        render_commentary(&body)?;
    }

    /// Fenced blocks of every table kind with any body.
    #[test]
    fn fuzz_fenced_blocks_never_panic(
        kind in prop::sample::select(vec!["yoy", "targets", "ranks", "split", "tasks", "rust", ""]),
        body in texts(),
        count in 1..50usize,
    ) {
        render_commentary(&format!("```{kind}\n{body}\n```\n\n").repeat(count))?;
    }
}
