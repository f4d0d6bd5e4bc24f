//! Hostile inputs for the positions recorded while YAML loads (`load::locate`): a file
//! that loads but holds a wrong figure is reported at the figure, in time, however the
//! file is written (a huge line is `load::locate`'s unit test: 300,000 aliases on one
//! line take 80 s in the cross-check's names before any position is asked for).

use crate::harness::Site;
use crate::support::{LIMIT, run_limited};

const DATA: &str = "content/demo/data.yaml";

/// `check` on the base site edited by `from` → `to` in data.yaml fails within the limit
/// with `error[code]` at `at` (`file:line:col`).
#[track_caller]
fn reported_at(from: &str, to: &str, code: &str, at: &str) {
    let site = Site::fixture("base").edit(DATA, from, to);
    let run = run_limited(site.path(), &["check", "--quiet"], LIMIT);
    assert_eq!(
        run.code,
        2,
        "{}",
        run.stderr.chars().take(2000).collect::<String>()
    );
    assert!(
        run.stderr.contains(&format!("error[{code}]")) && run.stderr.contains(at),
        "expected error[{code}] at {at}:\n{}",
        run.stderr.chars().take(2000).collect::<String>()
    );
}

/// Anchors, aliases, a block scalar and a multi-line value are read by saphyr (the quick
/// reader leaves them), and the figure is found where it is all the same.
#[test]
fn forms_left_to_saphyr_are_located_too() {
    reported_at(
        "    values: { 2024: 33 }\n    targets: { 2024: 30 }",
        "    note: |\n      第一行\n      第二行\n    values: &v { 2024: 33.5 }\n    targets: *v",
        "impossible-value",
        "content/demo/data.yaml:36:24",
    );
    reported_at(
        "    name: 新引进亿元以上项目\n    unit: 个\n    kind: count\n    values: { 2024: 33 }",
        "    name: 新引进亿元\n      以上项目\n    unit: 个\n    kind: count\n    values: { 2024: 33.5 }",
        "impossible-value",
        "content/demo/data.yaml:34:21",
    );
}
