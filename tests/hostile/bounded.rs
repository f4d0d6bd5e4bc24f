//! Hostile inputs: bounded work and located errors. Malformed and deep YAML, numbers at
//! the limits, bad periods, encodings (BOM, CRLF, GBK, UTF-16, NUL), components by the
//! 100,000, parent cycles, template errors. Each case builds the fixture once, breaks
//! it, and asserts that the next build fails within [`LIMIT`] with the exact code and
//! `file:line:col`, and that the previous output is byte for byte as it was.

use std::path::Path;

use crate::harness::{Run, Site};
use crate::support::{LIMIT, run_limited, tree_digest};

/// A good build of the base fixture, then `edit`, then `bulletin <command>`: it must
/// fail within [`LIMIT`] with `error[code]` at `at` (`file:line:col`) and leave the
/// output of the good build as it was.
#[track_caller]
fn refused(command: &str, edit: impl FnOnce(&Path), code: &str, at: &str) -> Run {
    refused_in(Site::fixture("base"), command, edit, code, at)
}

/// [`refused`] in `site`.
#[track_caller]
fn refused_in(site: Site, command: &str, edit: impl FnOnce(&Path), code: &str, at: &str) -> Run {
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let public = site.path().join("public");
    let before = tree_digest(&public);
    edit(site.path());
    let run = run_limited(site.path(), &[command, "--quiet"], LIMIT);
    let expected_exit = if command == "check" { 2 } else { 1 };
    assert_eq!(
        run.code,
        expected_exit,
        "expected {command} to fail with {code} at {at}; stderr:\n{}",
        head(&run.stderr)
    );
    assert!(
        run.stderr.contains(&format!("error[{code}]")) && run.stderr.contains(at),
        "expected error[{code}] at {at}; stderr:\n{}",
        head(&run.stderr)
    );
    assert_eq!(tree_digest(&public), before, "the previous output changed");
    run
}

fn head(text: &str) -> &str {
    let mut end = text.len().min(3000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn append(root: &Path, rel: &str, text: &str) {
    let mut old = std::fs::read(root.join(rel)).unwrap();
    old.extend_from_slice(text.as_bytes());
    std::fs::write(root.join(rel), old).unwrap();
}

fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    assert!(text.contains(from), "{rel} lacks {from:?}");
    std::fs::write(root.join(rel), text.replacen(from, to, 1)).unwrap();
}

const DATA: &str = "content/demo/data.yaml";
const REPORT: &str = "content/demo/2025-report.md";
const UNIT: &str = "content/demo/_index.md";

// ---- deep and malformed YAML ------------------------------------------------------

/// 100,000 nested `[` took libyaml 45 s; the nesting limit (64, the top-level map
/// being the first level) refuses it first, at the bracket that goes one level too deep.
#[test]
fn deep_flow_lists_in_data_yaml() {
    refused(
        "build",
        |root| {
            write(root, DATA, format!("indicators: {}", "[".repeat(100_000)));
        },
        "yaml-syntax",
        "content/demo/data.yaml:1:76",
    );
}

#[test]
fn deep_flow_maps_in_tasks_yaml() {
    refused(
        "build",
        |root| {
            let deep = format!(
                "tasks: {}1{}\n",
                "{a: ".repeat(100_000),
                "}".repeat(100_000)
            );
            write(root, "content/demo/tasks.yaml", deep);
        },
        "yaml-syntax",
        "content/demo/tasks.yaml:1:",
    );
}

#[test]
fn deep_lists_in_front_matter_and_site_yaml() {
    let deep = "[".repeat(100_000);
    refused(
        "check",
        |root| {
            replace(
                root,
                REPORT,
                "title: 乘势而上再登高",
                &format!("title: {deep}"),
            )
        },
        "yaml-syntax",
        "content/demo/2025-report.md:2:71",
    );
    refused(
        "build",
        |root| append(root, "site.yaml", &format!("language: {deep}\n")),
        "yaml-syntax",
        "site.yaml:11:74",
    );
}

/// `- - - - …` nests a block list a level per dash, on one line.
#[test]
fn deep_block_lists_on_one_line() {
    refused(
        "build",
        |root| {
            write(
                root,
                DATA,
                format!("indicators:\n  {}x\n", "- ".repeat(100_000)),
            )
        },
        "yaml-syntax",
        "content/demo/data.yaml:2:127",
    );
}

/// Indentation 70 levels deep (each level a key) is refused at the 65th.
#[test]
fn deep_block_maps() {
    let deep: String = (0..70).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
    refused(
        "build",
        |root| write(root, DATA, format!("{deep}{}b: 1\n", " ".repeat(70))),
        "yaml-syntax",
        "content/demo/data.yaml:65:65",
    );
}

/// "Billion laughs": ten levels of ten aliases. yaml_serde stops alias expansion at 100
/// times the document's events, and the schema refuses the lists early anyway (at the
/// anchored value the first alias stands for).
#[test]
fn billion_laughs() {
    refused(
        "build",
        |root| {
            let mut text = String::from(
                "indicators:\n  - id: a\n    name: a\n    unit: 个\n    kind: count\n    values: { 2024: 1 }\n    aliases: &a0 [x, x, x, x, x, x, x, x, x, x]\n",
            );
            for i in 1..10 {
                let refs = vec![format!("*a{}", i - 1); 10].join(", ");
                text.push_str(&format!(
                    "  - id: a{i}\n    name: a{i}\n    unit: 个\n    kind: count\n    values: {{ 2024: 1 }}\n    aliases: &a{i} [{refs}]\n"
                ));
            }
            write(root, DATA, text);
        },
        "yaml-shape",
        "content/demo/data.yaml:7:14",
    );
}

/// A 300,000-element flow list is linear work (1,000,000 take 1.8 s in a debug build)
/// and one located error.
#[test]
fn a_huge_flow_list() {
    refused(
        "build",
        |root| {
            let list = vec!["gdp"; 300_000].join(", ");
            replace(
                root,
                DATA,
                "aliases: [国家级经开区综合考核评价]",
                &format!("aliases: [{list}]\n    decimals: x"),
            );
        },
        "yaml-shape",
        "content/demo/data.yaml:6:15",
    );
}

#[test]
fn malformed_yaml_is_located() {
    refused(
        "build",
        |root| replace(root, DATA, "    unit: 位\n", "    unit: \"位\n"),
        "yaml-syntax",
        "content/demo/data.yaml:",
    );
    refused(
        "build",
        |root| replace(root, DATA, "    unit: 位\n", "\tunit: 位\n"),
        "yaml-syntax",
        "content/demo/data.yaml:6:1",
    );
}

/// An empty or comments-only tasks.yaml says what it expects, at itself; the build goes
/// on (a file with no tasks is no tasks).
#[test]
fn an_empty_tasks_yaml_is_a_located_warning() {
    for text in ["", "# 重点任务待补充\n", "\n\n"] {
        let site = Site::fixture("base");
        write(site.path(), "content/demo/tasks.yaml", text);
        let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
        run.assert_ok();
        assert!(
            run.stderr
                .contains("warning[yaml-shape]: this file is empty")
                && run.stderr.contains("content/demo/tasks.yaml:1:1")
                && run.stderr.contains("`tasks:` with a list of tasks"),
            "{text:?}: {}",
            run.stderr
        );
    }
}

// ---- numbers at the limits --------------------------------------------------------

#[test]
fn numbers_at_the_limits() {
    let cases = [
        ("1e400", "yaml-shape", "content/demo/data.yaml:9:32"),
        (
            "99999999999999999999999999999",
            "yaml-shape",
            "content/demo/data.yaml:9:32",
        ),
        (".nan", "yaml-shape", "content/demo/data.yaml:9:32"),
        (".inf", "yaml-shape", "content/demo/data.yaml:9:32"),
        ("-.inf", "yaml-shape", "content/demo/data.yaml:9:32"),
        // a rank of -0 is a rank of 0
        ("-0", "impossible-value", "content/demo/data.yaml:9:32"),
    ];
    for (number, code, at) in cases {
        refused(
            "check",
            |root| replace(root, DATA, "2024: 127 }", &format!("2024: {number} }}")),
            code,
            at,
        );
    }
    // 10,000 digits: located, and the message does not print them all
    let run = refused(
        "check",
        |root| {
            replace(
                root,
                DATA,
                "2024: 127 }",
                &format!("2024: {} }}", "9".repeat(10_000)),
            )
        },
        "yaml-shape",
        "content/demo/data.yaml:9:32",
    );
    assert!(
        run.stderr.contains("(10000 characters)"),
        "{}",
        head(&run.stderr)
    );
    assert!(
        run.stderr.len() < 4_000,
        "{} bytes of stderr",
        run.stderr.len()
    );
    refused(
        "build",
        |root| replace(root, DATA, "decimals: 1\n", "decimals: 300\n"),
        "yaml-shape",
        "content/demo/data.yaml:14:15",
    );
}

// ---- bad periods ------------------------------------------------------------------

#[test]
fn bad_periods_are_located() {
    for period in [
        "2024Q5", "2024-13", "2024-00", "0000", "99999", "2024H3", "2024Q0",
    ] {
        refused(
            "check",
            |root| replace(root, DATA, "2024: 127 }", &format!("\"{period}\": 127 }}")),
            "bad-period",
            "content/demo/data.yaml:9:26",
        );
    }
    refused(
        "check",
        |root| replace(root, REPORT, "period: 2024", "period: 2024Q5"),
        "bad-period",
        "content/demo/2025-report.md:6:9",
    );
    for date in ["2024-02-30", "2023-02-29", "2024-13-01", "0000-01-01"] {
        refused(
            "check",
            |root| replace(root, REPORT, "date: 2025-02-08", &format!("date: {date}")),
            "front-matter",
            "content/demo/2025-report.md:5:7",
        );
    }
}

// ---- encodings ----------------------------------------------------------------------

/// A BOM and CRLF line ends are how Windows editors save: they build as if absent.
#[test]
fn bom_and_crlf_build() {
    let site = Site::fixture("base");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let plain =
        std::fs::read_to_string(site.path().join("public/demo/2025-report/index.html")).unwrap();
    for rel in [DATA, REPORT, UNIT, "site.yaml"] {
        let text = std::fs::read_to_string(site.path().join(rel)).unwrap();
        let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        write(site.path(), rel, windows);
    }
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let windows =
        std::fs::read_to_string(site.path().join("public/demo/2025-report/index.html")).unwrap();
    assert_eq!(windows.replace("\r\n", "\n"), plain);
}

#[test]
fn gbk_utf16_and_nul_are_located() {
    // “增长” in GBK, after 33 lines of UTF-8
    refused(
        "build",
        |root| {
            let mut bytes = std::fs::read(root.join(REPORT)).unwrap();
            bytes.extend_from_slice(b"abc\xd4\xf6\xb3\xa4\n");
            std::fs::write(root.join(REPORT), bytes).unwrap();
        },
        "io",
        "content/demo/2025-report.md:34:4",
    );
    refused(
        "build",
        |root| {
            let utf16: Vec<u8> = "indicators: []\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect();
            write(root, DATA, [&[0xff, 0xfe][..], &utf16].concat());
        },
        "io",
        "content/demo/data.yaml:1:1",
    );
    refused(
        "build",
        |root| append(root, REPORT, "正文\0其后\n"),
        "io",
        "content/demo/2025-report.md:34:3",
    );
    refused(
        "build",
        |root| append(root, DATA, "# 注\0释\n"),
        "io",
        "content/demo/data.yaml:62:4",
    );
    let run = refused(
        "build",
        |root| replace(root, UNIT, "name: 测试经济技术开发区", "name: 测试\0开发区"),
        "io",
        "content/demo/_index.md:2:9",
    );
    // shown as a symbol, not as a raw NUL
    assert!(run.stderr.contains("测试␀开发区") && !run.stderr.contains('\0'));
}

// ---- components by the 100,000 ------------------------------------------------------

/// 100,000 mistyped components, one a line: linear (each position counted on from the
/// last), resolved once, and capped on stderr.
#[test]
fn a_hundred_thousand_invalid_components_on_many_lines() {
    let run = refused(
        "build",
        |root| append(root, REPORT, &"{{ nope }}\n".repeat(100_000)),
        "unknown-indicator",
        "content/demo/2025-report.md:34:1",
    );
    assert!(
        run.stderr
            .contains("… and 99,980 more like this (unknown-indicator) in this file"),
        "{}",
        head(&run.stderr)
    );
    assert_eq!(
        run.stderr.matches("error[unknown-indicator]: unit").count(),
        20
    );
    assert!(run.stderr.contains("build failed with 100000 errors"));
    assert!(
        run.stderr.len() < 16_000,
        "{} bytes of stderr",
        run.stderr.len()
    );
}

/// All on one 1 MB line: each snippet is a window of the line, not the line.
#[test]
fn a_hundred_thousand_invalid_components_on_one_line() {
    let run = refused(
        "check",
        |root| append(root, REPORT, &format!("{}\n", "{{ nope }}".repeat(100_000))),
        "unknown-indicator",
        "content/demo/2025-report.md:34:191",
    );
    assert!(run.stderr.contains("… and 99,980 more like this"));
    assert!(
        run.stderr.len() < 16_000,
        "{} bytes of stderr",
        run.stderr.len()
    );
}

/// Many files with errors: at most 200 diagnostics a run, then one count.
#[test]
fn diagnostics_are_capped_per_run() {
    let run = refused(
        "check",
        |root| {
            for i in 0..30 {
                let text = std::fs::read_to_string(root.join(REPORT)).unwrap();
                write(
                    root,
                    &format!("content/demo/copy-{i:02}.md"),
                    format!("{text}{}", "{{ nope }}\n".repeat(10)),
                );
            }
        },
        "unknown-indicator",
        "content/demo/copy-00.md:34:1",
    );
    assert_eq!(
        run.stderr.matches("error[unknown-indicator]: unit").count(),
        200
    );
    assert!(
        run.stderr.contains("… and 100 more in 10 files"),
        "{}",
        &run.stderr[run.stderr.len().saturating_sub(500)..]
    );
}

// ---- cycles -------------------------------------------------------------------------

fn unit(root: &Path, id: &str, parent: &str) {
    write(
        root,
        &format!("content/{id}/_index.md"),
        format!("---\nname: 单位{id}\nparent: {parent}\n---\n"),
    );
    write(
        root,
        &format!("content/{id}/tasks.yaml"),
        format!("tasks:\n  - id: t\n    title: 任务\n    lead: [单位{id}]\n"),
    );
}

/// Two units naming each other as parent made build, check and serve spin for ever (the
/// walk up the parents for tasks' departments never ended).
#[test]
fn a_parent_cycle_of_two_is_named() {
    for command in ["build", "check"] {
        let run = refused(
            command,
            |root| {
                unit(root, "a", "b");
                unit(root, "b", "a");
            },
            "unknown-unit",
            "content/a/_index.md:3:9",
        );
        assert!(
            run.stderr
                .contains("the units' parents form a cycle: `a` → `b` → `a`")
        );
    }
}

#[test]
fn a_parent_cycle_of_three_and_a_unit_its_own_parent() {
    let run = refused(
        "build",
        |root| {
            unit(root, "a", "b");
            unit(root, "b", "c");
            unit(root, "c", "a");
        },
        "unknown-unit",
        "content/a/_index.md:3:9",
    );
    assert!(run.stderr.contains("`a` → `b` → `c` → `a`"));
    let run = refused(
        "build",
        |root| unit(root, "a", "a"),
        "unknown-unit",
        "content/a/_index.md:3:9",
    );
    assert!(run.stderr.contains("`a` → `a`"));
    // a nested folder naming its own parent folder's parent as its child
    let run = refused(
        "build",
        |root| {
            unit(root, "a", "a/b");
            write(root, "content/a/b/_index.md", "---\nname: 单位b\n---\n");
        },
        "unknown-unit",
        "content/a/_index.md:3:9",
    );
    assert!(run.stderr.contains("`a` → `a/b` → `a`"));
}

// ---- template errors ----------------------------------------------------------------

/// The built-in 404 template with `insert` at the start of its content block, as the
/// site's own theme.
fn theme_404(root: &Path, insert: &str) {
    let built_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/news/templates/404.html");
    let text = std::fs::read_to_string(built_in).unwrap();
    assert!(text.contains("{% block content %}"));
    write(
        root,
        "themes/news/templates/404.html",
        text.replacen(
            "{% block content %}",
            &format!("{{% block content %}}{insert}"),
            1,
        ),
    );
}

#[test]
fn templates_including_each_other() {
    let run = refused(
        "build",
        |root| {
            theme_404(root, "{% include \"partials/a.html\" %}");
            write(
                root,
                "themes/news/templates/partials/a.html",
                "a{% include \"partials/b.html\" %}",
            );
            write(
                root,
                "themes/news/templates/partials/b.html",
                "b\n  {% include \"partials/a.html\" %}",
            );
        },
        "template",
        "themes/news/templates/partials/b.html:2:6",
    );
    assert!(
        run.stderr
            .contains("`404.html` → `partials/a.html` → `partials/b.html` → `partials/a.html`")
    );
    refused(
        "build",
        |root| {
            theme_404(root, "{% include \"partials/self.html\" %}");
            write(
                root,
                "themes/news/templates/partials/self.html",
                "{% include \"partials/self.html\" %}",
            );
        },
        "template",
        "themes/news/templates/partials/self.html:1:4",
    );
}

#[test]
fn a_component_calling_itself() {
    let run = refused(
        "build",
        |root| {
            theme_404(root, "{{<Loop n={1} />}}");
            write(
                root,
                "themes/news/templates/partials/loop.html",
                "{% component Loop(n) %}{{ n }}{{<Loop n={n} />}}{% endcomponent Loop %}",
            );
        },
        "template",
        "themes/news/templates/partials/loop.html:1:4",
    );
    assert!(
        run.stderr
            .contains("component `Loop` calls itself without end")
    );
    assert!(run.stderr.contains("rendering the page `404.html`"));
}

/// A loop of 10,000,000,000 steps is stopped by the render's 1 s budget.
#[test]
fn a_template_past_its_time_budget() {
    let run = refused(
        "build",
        |root| {
            theme_404(
                root,
                "{% for i in range(end=100000) %}{% for j in range(end=100000) %}.{% endfor %}{% endfor %}",
            )
        },
        "template",
        "themes/news/templates/404.html",
    );
    assert!(
        run.stderr
            .contains("ran past its time budget of 1 s (rendering the page `404.html`)")
    );
}

/// Red team (issue 12): loops that write nothing never reached the budget's check on
/// each write and ran for hours (`build`, `check` and `serve` alike). The render
/// watchdog ends the run naming the template and the page, exit 1 for `build` and 2 for
/// `check`, the output untouched and no staging folder left behind; nested loops over a
/// list (no function call at all inside) are stopped the same way.
#[test]
fn a_template_that_loops_without_writing_is_stopped() {
    for body in [
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
        "{% set xs = [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20] %}{% for a in xs %}{% for b in xs %}{% for c in xs %}{% for d in xs %}{% for e in xs %}{% for f in xs %}{% for g in xs %}{% for h in xs %}{% set x = a %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
    ] {
        for command in ["build", "check"] {
            let site = Site::fixture("base");
            let run = refused_in(
                site,
                command,
                |root| theme_404(root, body),
                "template",
                "themes/news/templates/404.html",
            );
            assert!(
                run.stderr.contains(
                    "ran past its time budget of 1 s without writing anything (rendering the page `404.html`)"
                ),
                "{}",
                head(&run.stderr)
            );
        }
    }
    let site = Site::fixture("base");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    theme_404(
        site.path(),
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
    );
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_failed();
    let left: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("building") || n.contains("deleting"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// Red team (issue 12): deep nesting in commentary — 100,000 unclosed `<div>`s, or
/// quotes, list items or emphasis nested 100,000 deep beside one raw HTML tag — went
/// through the sanitiser's HTML parser, whose time grows with the square of the depth
/// (8,000 list items took 6 s, 100,000 `<div>`s hours). Past 200 levels it is an error at
/// the place it goes too deep, before any of that runs.
#[test]
fn commentary_nested_too_deep_is_a_located_error() {
    for (text, at) in [
        (
            format!("{}\n", "<div>".repeat(100_000)),
            "content/demo/2025-report.md:35:996",
        ),
        (
            format!("{}\n", "<div></x>".repeat(100_000)),
            "content/demo/2025-report.md:35:",
        ),
        (
            format!("{}\n", "<b>x".repeat(100_000)),
            "content/demo/2025-report.md:35:",
        ),
        (
            format!("<b>x</b>\n\n{} x\n", "- ".repeat(100_000)),
            "content/demo/2025-report.md:37:",
        ),
        (
            format!("<b>x</b>\n\n{} x\n", ">".repeat(100_000)),
            "content/demo/2025-report.md:37:",
        ),
        (
            format!(
                "<b>x</b>\n\n{}x{}\n",
                "*".repeat(100_000),
                "*".repeat(100_000)
            ),
            "content/demo/2025-report.md:37:",
        ),
    ] {
        let run = refused(
            "build",
            |root| append(root, REPORT, &format!("\n{text}")),
            "io",
            at,
        );
        assert!(
            run.stderr
                .contains("the commentary nests more than 200 levels deep"),
            "{}",
            head(&run.stderr)
        );
    }
    // What pages really hold passes: a long table with rows and cells left open,
    // paragraphs opened one after another, as HTML parsers close them, and a `<span>`
    // left open in each of 300 Markdown paragraphs (each ends with its paragraph).
    let site = Site::fixture("base");
    append(
        site.path(),
        REPORT,
        &format!(
            "\n<table>{}</table>\n\n{}\n\n{}",
            "<tr><td>x<td>y".repeat(2_000),
            "<p>x".repeat(2_000),
            "重点<span class=\"note\">说明\n\n".repeat(300)
        ),
    );
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
}

/// Red team (issue 12): a 50 MB bulletin took 4 s and 540 MB of memory (200 MB, four
/// times that); a Markdown or YAML file over 10 MB is an error at the file, read no
/// further.
#[test]
fn a_text_file_over_ten_megabytes_is_an_error_at_the_file() {
    let line = format!("# {}\n", "x".repeat(98));
    for file in [REPORT, DATA, "site.yaml"] {
        let run = refused(
            "build",
            |root| append(root, file, &format!("\n{}", line.repeat(110_000))),
            "io",
            &format!("--> {file}"),
        );
        assert!(
            run.stderr
                .contains("the file is 10.6 MB; Markdown and YAML files are read up to 10 MB"),
            "{}",
            head(&run.stderr)
        );
    }
}

#[test]
fn a_theme_that_does_not_exist() {
    refused(
        "build",
        |root| append(root, "site.yaml", "theme: nosuch\n"),
        "site-config",
        "site.yaml:11:8",
    );
}

/// 20,000 typed figures contradicting the data: each located by counting on from the
/// last (from the file's start each time, this took 6.8 s in a debug build).
#[test]
fn twenty_thousand_contradicted_figures() {
    let run = refused(
        "check",
        |root| append(root, REPORT, &"地区生产总值增长9.9%。\n".repeat(20_000)),
        "cross-check",
        "content/demo/2025-report.md:34:7",
    );
    assert!(
        run.stderr
            .contains("… and 19,980 more like this (cross-check) in this file")
    );
}

// ---- the example site ---------------------------------------------------------------

/// The heaviest cases on the example site (issue 12: every hostile input finishes in
/// under 2 s on it).
#[test]
fn the_example_site_under_hostile_input() {
    const WORK: &str = "content/luan-kfq/2025-work-conference.md";
    let run = refused_in(
        Site::example(),
        "build",
        |root| {
            let many = "{{ nope }}\n".repeat(100_000);
            let one_line = "{{ gpd }}".repeat(100_000);
            append(root, WORK, &format!("\n{many}\n{one_line}\n"));
        },
        "unknown-indicator",
        "content/luan-kfq/2025-work-conference.md:",
    );
    assert!(run.stderr.contains("build failed with 200000 errors"));
    assert!(
        run.stderr.len() < 32_000,
        "{} bytes of stderr",
        run.stderr.len()
    );
    refused_in(
        Site::example(),
        "build",
        |root| {
            append(
                root,
                "content/luan-kfq/data.yaml",
                &format!("x: {}\n", "{a: ".repeat(100_000)),
            )
        },
        "yaml-syntax",
        "content/luan-kfq/data.yaml:",
    );
    let run = refused_in(
        Site::example(),
        "build",
        |root| {
            replace(
                root,
                "content/chaohu/_index.md",
                "---\n",
                "---\nparent: chaohu/anchao\n",
            );
        },
        "unknown-unit",
        "content/chaohu/_index.md:2:9",
    );
    assert!(
        run.stderr.contains("`chaohu` → `chaohu/anchao` → `chaohu`"),
        "{}",
        head(&run.stderr)
    );
}
