//! Hostile spreadsheets in a unit folder (`data.csv`, `data.xlsx`): a file that is not
//! what its name says, a FIFO, a link out of the site, a sheet past the row limit, a
//! workbook of thousands of unknown rows. Each build ends within its time limit with a
//! located error and leaves the previous output byte for byte as it was.

use std::time::Duration;

use crate::harness::Site;
use crate::support::{LIMIT, run_limited, tree_digest};

/// The base fixture built once, then given `name` in `content/demo/` by `put`; the
/// build fails with `says` on a line naming `at`, within `limit`, and changes nothing.
#[track_caller]
fn refused(name: &str, put: impl FnOnce(&std::path::Path), at: &str, says: &str, limit: Duration) {
    let site = Site::fixture("base");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let before = tree_digest(&site.path().join("public"));
    put(&site.path().join("content/demo").join(name));
    let run = run_limited(site.path(), &["build", "--quiet"], limit);
    run.assert_failed();
    let found = run
        .stderr
        .lines()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w.iter().any(|l| l.contains(at)) && w.iter().any(|l| l.contains(says)));
    assert!(found, "{at}: {says:?} not in\n{}", run.stderr);
    assert_eq!(tree_digest(&site.path().join("public")), before);
}

#[test]
fn a_workbook_that_is_not_one_is_an_error_at_the_file() {
    refused(
        "data.xlsx",
        |p| std::fs::write(p, b"PK\x03\x04 not really a zip").unwrap(),
        "content/demo/data.xlsx",
        "error",
        LIMIT,
    );
    refused(
        "data.ods",
        |p| std::fs::write(p, "指标,2024年\n地区生产总值,128.3\n").unwrap(),
        "content/demo/data.ods",
        "error",
        LIMIT,
    );
}

#[test]
fn a_fifo_named_data_csv_is_refused_without_blocking() {
    refused(
        "data.csv",
        |p| {
            let made = std::process::Command::new("mkfifo")
                .arg(p)
                .status()
                .unwrap();
            assert!(made.success());
        },
        "content/demo/data.csv",
        "this is not a regular file",
        LIMIT,
    );
}

#[test]
fn a_link_out_of_the_site_is_not_read() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.csv");
    std::fs::write(&secret, "指标,2024年\n地区生产总值,999\n").unwrap();
    refused(
        "data.csv",
        |p| std::os::unix::fs::symlink(&secret, p).unwrap(),
        "content/demo/data.csv",
        "outside",
        LIMIT,
    );
}

/// Writes a CSV of `n` rows, each naming `prefix` and its number.
fn rows(prefix: &'static str, n: usize) -> impl FnOnce(&std::path::Path) {
    move |p| {
        let mut text = String::from("指标,2024年\n");
        for i in 0..n {
            text.push_str(&format!("{prefix}{i},1\n"));
        }
        std::fs::write(p, text).unwrap();
    }
}

#[test]
fn a_sheet_past_the_row_limit_is_an_error_not_a_hang() {
    refused(
        "data.csv",
        rows("指标", 100_001),
        "content/demo/data.csv",
        "100000",
        Duration::from_secs(20),
    );
}

#[test]
fn thousands_of_unknown_rows_are_reported_and_capped() {
    refused(
        "data.csv",
        rows("未定义指标", 5_000),
        "content/demo/data.csv",
        "… and 4,980 more like this (unknown-indicator) in this file",
        Duration::from_secs(20),
    );
}
