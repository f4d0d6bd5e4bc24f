//! Hostile inputs: output paths, interrupted and concurrent builds, a full disk.

use crate::harness::Site;
use crate::support::{LIMIT, run_limited, tree_digest};

/// The base case every other category leans on: a build that fails leaves the previous
/// output byte for byte as it was.
#[test]
fn a_failed_build_leaves_the_previous_output_as_it_was() {
    let site = Site::fixture("base");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let before = tree_digest(&site.path().join("public"));
    let site = site.edit("content/demo/data.yaml", "decimals: 0", "decimals: [");
    let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
    run.assert_failed();
    assert!(
        run.stderr.contains("content/demo/data.yaml:27:"),
        "{}",
        run.stderr
    );
    assert_eq!(tree_digest(&site.path().join("public")), before);
}
