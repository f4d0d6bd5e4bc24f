//! Hostile inputs for the release package (`build --package`, `src/package.rs`): a place
//! that would overwrite what bulletin did not write, or write where it must not, is
//! refused with exit 2 before anything is built, and every folder of the user's is byte
//! for byte what it was.

use std::path::Path;

use crate::harness::Site;
use crate::support::{LIMIT, run_limited, tree_digest};

/// Asserts a refusal of `args`: exit 2, the error names the package and `why`, and the
/// site (the previous output with it) is as it was.
#[track_caller]
fn assert_refused(site: &Site, args: &[&str], why: &str) {
    let before = tree_digest(site.path());
    let mut all = vec!["build", "--quiet"];
    all.extend_from_slice(args);
    let run = run_limited(site.path(), &all, LIMIT);
    assert_eq!(run.code, 2, "{args:?}: expected exit 2\n{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error[output-path]: refusing to write the package")
            && run.stderr.contains(why),
        "{args:?}: {}",
        run.stderr
    );
    assert_eq!(
        tree_digest(site.path()),
        before,
        "{args:?} changed the site"
    );
}

#[cfg(unix)]
#[test]
fn a_link_at_the_package_s_place_is_never_written_through() {
    let site = Site::fixture("base");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    std::fs::write(&victim, "not bulletin's").unwrap();
    std::os::unix::fs::symlink(&victim, site.path().join("public.zip")).unwrap();
    assert_refused(
        &site,
        &["--package"],
        "a folder or a symbolic link is there",
    );
    // The manifest's place too.
    std::fs::remove_file(site.path().join("public.zip")).unwrap();
    std::os::unix::fs::symlink(&victim, site.path().join("public.sha256")).unwrap();
    assert_refused(
        &site,
        &["--package"],
        "a folder or a symbolic link is there",
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "not bulletin's");
}

#[test]
fn a_package_is_never_written_into_the_output_or_the_site_s_sources() {
    let site = Site::fixture("base");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    for (path, why) in [
        ("public/release.zip", "inside the output folder"),
        ("public", "inside the output folder"),
        ("content/demo/release.zip", "inside the site's `content/`"),
        ("static/release.zip", "inside the site's `static/`"),
        ("themes/x.zip", "inside the site's `themes/`"),
    ] {
        assert_refused(&site, &["--package", path], why);
    }
    // A folder where the zip would go.
    std::fs::create_dir(site.path().join("release.zip")).unwrap();
    assert_refused(
        &site,
        &["--package", "release.zip"],
        "a folder or a symbolic link",
    );
}

#[test]
fn a_zip_that_only_looks_like_a_package_is_not_replaced() {
    let site = Site::fixture("base");
    // A real zip, but not one of ours (its comment says nothing of bulletin).
    let file = std::fs::File::create(site.path().join("public.zip")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    zip.start_file("index.html", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zip, b"my page").unwrap();
    zip.finish().unwrap();
    assert_refused(&site, &["--package"], "a file bulletin did not write");
    assert!(!Path::new(&site.path().join("public")).exists());
}
