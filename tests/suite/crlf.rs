//! Files saved on Windows: a site whose YAML and Markdown end their lines with CRLF builds
//! the same pages as with LF, and its diagnostics name the same line and column.

use std::path::Path;

use crate::harness::{Site, assert_same_tree};

/// Every `.yaml` and `.md` file of the site rewritten with CRLF line endings.
fn to_crlf(root: &Path) {
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        let path = entry.path();
        let text_file = path.extension().is_some_and(|e| e == "yaml" || e == "md");
        if entry.file_type().is_file() && text_file {
            let text = std::fs::read_to_string(path).unwrap();
            assert!(!text.contains('\r'), "{} already has CR", path.display());
            std::fs::write(path, text.replace('\n', "\r\n")).unwrap();
        }
    }
}

#[test]
fn a_crlf_site_builds_the_same_pages_as_lf() {
    let lf = Site::example();
    let crlf = Site::example();
    to_crlf(crlf.path());
    let data = std::fs::read_to_string(crlf.path().join("content/luan-kfq/data.yaml")).unwrap();
    assert!(data.contains("\r\n"));
    lf.build(&["--quiet"]).assert_ok();
    crlf.build(&["--quiet"]).assert_ok();
    assert_same_tree(
        &lf.path().join("public"),
        &crlf.path().join("public"),
        "CRLF against LF",
    );
    let check = crlf.check(&[]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// Errors in front matter, data.yaml (shape and syntax), a component and the
/// cross-check: the same diagnostics, at the same line:col, whichever line ending the
/// files use.
#[test]
fn crlf_diagnostics_name_the_same_line_and_column() {
    let md = "content/demo/2025-report.md";
    let data = "content/demo/data.yaml";
    type Edit<'a> = (&'a str, &'a str, &'a str);
    let cases: [(&str, &[Edit], &[&str]); 4] = [
        (
            "front matter and data.yaml shape",
            &[
                (md, "period: 2024", "period: 2024\nbyline2: x"),
                (data, "kind: share", "kind: shared"),
            ],
            &["2025-report.md:7:1", "data.yaml:26:11"],
        ),
        (
            "a component",
            &[(md, "{{ gdp }}", "{{ gdp }}；{{ gpd.change }}")],
            &["unknown-indicator", "2025-report.md:16:"],
        ),
        (
            "the cross-check",
            &[(md, "{{ gdp }}", "地区生产总值128.3亿元，比上年增长6.9%")],
            &["cross-check", "2025-report.md:16:"],
        ),
        (
            "data.yaml syntax",
            &[(
                data,
                "values: { 2023: 77, 2024: 88 }",
                "values: { 2023: 77, 2024: 88 ",
            )],
            &["yaml-syntax"],
        ),
    ];
    for (what, edits, expected) in cases {
        let broken = || {
            edits
                .iter()
                .fold(Site::fixture("base"), |site, (file, from, to)| {
                    site.edit(file, from, to)
                })
        };
        let lf = broken();
        let crlf = broken();
        to_crlf(crlf.path());
        let (a, b) = (lf.check(&[]), crlf.check(&[]));
        assert_eq!(a.code, 2, "{what}: {}", a.stderr);
        for e in expected {
            assert!(
                a.stderr.contains(e),
                "{what}: {e} missing from\n{}",
                a.stderr
            );
        }
        // The same messages at the same places, and the same snippets: no stray
        // carriage return printed, no column counted past one.
        assert_eq!(a.stderr, b.stderr, "{what}");
    }
}
