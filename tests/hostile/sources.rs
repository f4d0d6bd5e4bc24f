//! Hostile inputs: symbolic links, file names and output path collisions. Every input
//! is resolved and must stay inside the site; `content/` publishes only its allow-list
//! of kinds; editor, backup and system files are never published (notes); two sources
//! for one output path are an error naming both. After every failing case the previous
//! output is byte for byte what it was.

use std::path::Path;

use crate::harness::Site;
use crate::support::{LIMIT, run_limited, tree_digest};

/// The base site, built once, with its output's digest.
fn built() -> (Site, String) {
    let site = Site::fixture("base");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let digest = tree_digest(&site.path().join("public"));
    (site, digest)
}

/// A secret outside every site, as `/etc/shadow` would be.
fn secret() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("shadow"),
        "root:$6$secret-hash:19000:0:99999:7:::\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    std::fs::write(dir.path().join("folder/x.png"), "secret-image").unwrap();
    dir
}

/// Every file of the output holding `needle`.
fn files_holding(site: &Site, needle: &str) -> Vec<String> {
    walkdir::WalkDir::new(site.path().join("public"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).contains(needle))
        .map(|e| e.path().display().to_string())
        .collect()
}

#[test]
fn a_symlink_out_of_the_site_is_an_error_naming_link_and_target() {
    let outside = secret();
    for (link, target) in [
        ("content/demo/s.png", "shadow"),
        ("static/s.png", "shadow"),
        ("content/demo/photos", "folder"),
        ("static/img", "folder"),
        ("themes/news", "folder"),
    ] {
        let (site, digest) = built();
        let path = site.path().join(link);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(outside.path().join(target), &path).unwrap();
        let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
        run.assert_failed();
        let resolved = std::fs::canonicalize(outside.path().join(target)).unwrap();
        assert!(
            run.stderr.contains(&format!(
                "error[outside-site]: `{link}` leads outside the site, to `{}`",
                resolved.display()
            )),
            "{link}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("--> {link}")),
            "{}",
            run.stderr
        );
        assert_eq!(tree_digest(&site.path().join("public")), digest, "{link}");
        assert!(files_holding(&site, "secret").is_empty());
        // `check` refuses it too.
        assert_eq!(site.check(&[]).code, 2, "{link}");
    }
}

#[test]
fn a_symlink_inside_the_site_is_followed() {
    let site = Site::fixture("base").file("content/demo/annex.pdf", "%PDF-1.7 附件");
    std::os::unix::fs::symlink("annex.pdf", site.path().join("content/demo/link.pdf")).unwrap();
    std::fs::create_dir(site.path().join("static")).unwrap();
    std::os::unix::fs::symlink(
        "../content/demo/annex.pdf",
        site.path().join("static/annex.pdf"),
    )
    .unwrap();
    std::os::unix::fs::symlink("../content/demo", site.path().join("static/demo-copy")).unwrap();
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    for rel in ["demo/annex.pdf", "demo/link.pdf", "annex.pdf"] {
        assert_eq!(site.page(rel), "%PDF-1.7 附件", "{rel}");
    }
    // A link to a folder is not followed, and says so.
    assert!(!site.exists("demo-copy"));
    let run = site.check(&["--verbose"]);
    assert!(
        run.stderr
            .contains("note[not-published]: not published: a link to a folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn editor_backup_and_system_files_are_never_published_and_listed_as_notes() {
    let site = Site::fixture("base");
    let report = std::fs::read_to_string(site.path().join("content/demo/2025-report.md")).unwrap();
    let data = std::fs::read_to_string(site.path().join("content/demo/data.yaml")).unwrap();
    let mut files = vec![
        ("content/demo/2025-report.md~", report.as_str()),
        ("content/demo/#2025-report.md#", report.as_str()),
        ("content/demo/.2025-report.md.swp", report.as_str()),
        ("content/demo/data.yaml.bak", data.as_str()),
        ("content/demo/tasks.yaml.orig", "tasks: []\n"),
        ("content/demo/secret-draft.MD", report.as_str()),
        ("content/demo/draft.markdown", report.as_str()),
        ("content/demo/notes.yaml", "secret: 1\n"),
        ("content/demo/~$附件.docx", "lock"),
        ("content/demo/.DS_Store", "x"),
        ("content/demo/Thumbs.db", "x"),
        ("content/demo/logo.svg", "<svg onload=\"alert(1)\"/>"),
        ("content/demo/page.htm", "<p>x</p>"),
        ("content/demo/app.js", "alert(1)"),
        ("static/site.css~", "x"),
        ("static/.DS_Store", "x"),
        ("static/app.js.orig", "x"),
    ];
    let published = [
        ("content/demo/annex.pdf", "pdf"),
        ("content/demo/表1.xlsx", "xlsx"),
        ("content/demo/Photo.JPG", "jpg"),
        ("content/demo/公文.ofd", "ofd"),
        ("static/app.js", "js"),
        ("static/logo.svg", "svg"),
        (
            "static/.well-known/security.txt",
            "Contact: mailto:tjj@example.gov.cn",
        ),
    ];
    files.extend(published);
    let site = files
        .iter()
        .fold(site, |site, (rel, text)| site.file(rel, text));
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    for (rel, _) in &files {
        let out = rel
            .strip_prefix("content/")
            .or(rel.strip_prefix("static/"))
            .unwrap();
        let expected = published.iter().any(|(p, _)| p == rel);
        assert_eq!(site.exists(out), expected, "{rel}");
    }
    assert!(!site.exists("demo/secret-draft/index.html"));
    let run = site.check(&["--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (rel, _) in files.iter().filter(|f| !published.contains(f)) {
        let listed = run.stderr.split("\n\n").any(|block| {
            block
                .trim_start()
                .starts_with("note[not-published]: not published: ")
                && block.lines().any(|l| l.trim() == format!("--> {rel}"))
        });
        assert!(listed, "{rel} is not listed as a note:\n{}", run.stderr);
    }
    assert!(
        run.stderr.contains("rename it `secret-draft.md`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_taking_a_pages_place_is_an_error_naming_both() {
    for (rel, page_source) in [
        ("static/index.html", "content/_index.md"),
        ("static/demo/index.html", "content/demo/_index.md"),
        (
            "static/demo/2025-report/index.html",
            "content/demo/2025-report.md",
        ),
        ("static/404.html", "themes/news/templates/404.html"),
        ("content/demo/index.html", "content/demo/_index.md"),
    ] {
        let (site, digest) = built();
        let site = site.file(rel, "<h1>假冒页面</h1>");
        let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
        run.assert_failed();
        let out = rel
            .strip_prefix("content/")
            .or(rel.strip_prefix("static/"))
            .unwrap();
        assert!(
            run.stderr.contains(&format!(
                "error[output-collision]: `{rel}` would replace the page `{out}` generated from `{page_source}`"
            )),
            "{rel}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(&format!("--> {rel}")), "{}", run.stderr);
        assert_eq!(tree_digest(&site.path().join("public")), digest, "{rel}");
        assert!(files_holding(&site, "假冒页面").is_empty());
    }
}

#[test]
fn a_bulletin_on_a_units_page_is_an_error_naming_both_and_leaves_the_output() {
    let site = Site::fixture("base").file(
        "content/demo/sub/_index.md",
        "---\nname: 子单位\n---\n简介。\n",
    );
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let digest = tree_digest(&site.path().join("public"));
    let report = std::fs::read_to_string(site.path().join("content/demo/2025-report.md")).unwrap();
    let site = site.file("content/demo/sub.md", &report);
    let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
    run.assert_failed();
    assert!(
        run.stderr.contains(
            "error[duplicate-id]: this bulletin and the unit `demo/sub` (content/demo/sub/_index.md) would both be written to demo/sub/index.html"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> content/demo/sub.md"),
        "{}",
        run.stderr
    );
    assert_eq!(tree_digest(&site.path().join("public")), digest);
}

#[test]
fn a_content_asset_and_a_static_file_at_one_path_is_an_error_naming_both() {
    let (site, digest) = built();
    let site = site
        .file("content/demo/chart.png", "from content")
        .file("static/demo/chart.png", "from static");
    let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
    run.assert_failed();
    assert!(
        run.stderr.contains(
            "error[output-collision]: `content/demo/chart.png` and `static/demo/chart.png` would both be published as `demo/chart.png`"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> content/demo/chart.png"),
        "{}",
        run.stderr
    );
    assert_eq!(tree_digest(&site.path().join("public")), digest);
}

#[test]
fn the_sites_static_file_still_overrides_the_themes() {
    let site = Site::fixture("base").file("static/css/news.css", "body { color: #c00 }");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    assert_eq!(site.page("css/news.css"), "body { color: #c00 }");
    assert!(Path::new(&site.path().join("public/css/document.css")).exists());
}

/// Red team (issue 12): a file linked into a theme folder from outside the site was
/// skipped without a word (the built-in template silently used instead); now it is an
/// error naming link and target, and a link to a file inside the site is read through.
#[test]
fn a_symlink_in_a_theme_is_read_inside_the_site_and_an_error_outside() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("404.html"),
        "<!doctype html><p>OUTSIDE</p>\n",
    )
    .unwrap();
    let (site, digest) = built();
    let link = site.path().join("themes/news/templates/404.html");
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(outside.path().join("404.html"), &link).unwrap();
    let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
    run.assert_failed();
    assert!(
        run.stderr.contains(
            "error[outside-site]: `themes/news/templates/404.html` leads outside the site"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(tree_digest(&site.path().join("public")), digest);

    std::fs::remove_file(&link).unwrap();
    std::fs::write(
        site.path().join("my404.html"),
        "<!doctype html><p>INSIDE</p>\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("../../../my404.html", &link).unwrap();
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    assert!(site.page("404.html").contains("INSIDE"));
}

/// Red team (issue 12): Linux allows any bytes in a name. Read lossily, `\xff\xfe.png`
/// was published as `��.png` and `\xfe.md` as the page `demo/�/` (two such bulletins,
/// one page); a unit folder so named failed with "No such file or directory". Each is
/// now an error at the name, its bytes escaped, the output untouched.
#[test]
fn a_name_that_is_not_utf8_is_an_error_at_the_name() {
    use std::os::unix::ffi::OsStrExt;
    for (dir, name, shown) in [
        (
            "content/demo",
            &b"\xff\xfe.png"[..],
            r"content/demo/\xff\xfe.png",
        ),
        ("content/demo", &b"\xfe.md"[..], r"content/demo/\xfe.md"),
        (
            "content",
            &b"\xb9\xab\xb1\xa8"[..],
            r"content/\xb9\xab\xb1\xa8",
        ),
        ("static", &b"a\xff.css"[..], r"static/a\xff.css"),
        (
            "themes/news/static",
            &b"x\xff.css"[..],
            r"themes/news/static/x\xff.css",
        ),
    ] {
        let (site, digest) = built();
        let folder = site.path().join(dir);
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join(std::ffi::OsStr::from_bytes(name));
        if dir == "content" {
            std::fs::create_dir(&path).unwrap();
            std::fs::copy(
                site.path().join("content/demo/data.yaml"),
                path.join("data.yaml"),
            )
            .unwrap();
        } else {
            std::fs::copy(site.path().join("content/demo/2025-report.md"), &path).unwrap();
        }
        let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
        run.assert_failed();
        assert!(
            run.stderr
                .contains(&format!("error[io]: the name `{shown}` is not UTF-8"))
                && run.stderr.contains(&format!("--> {shown}")),
            "{shown}\n{}",
            run.stderr
        );
        assert_eq!(tree_digest(&site.path().join("public")), digest, "{shown}");
    }
}

/// Red team (issue 12): output paths that differ only in case are one file on a Windows
/// or macOS server; each pair is a warning naming both sources (the build goes on: a
/// Linux server keeps both).
#[test]
fn output_paths_differing_only_in_case_are_a_warning_naming_both() {
    let site = Site::fixture("base")
        .file("static/Index.html", "x")
        .file("content/demo/A.png", "y")
        .file("content/demo/a.png", "z");
    let report = std::fs::read_to_string(site.path().join("content/demo/2025-report.md")).unwrap();
    let site = site.file("content/demo/2025-Report.md", &report);
    let run = run_limited(site.path(), &["build"], LIMIT);
    run.assert_ok();
    for pair in [
        "`Index.html` (from `static/Index.html`) and `index.html` (from `content/_index.md`) differ only in case",
        "`demo/a.png` (from `content/demo/a.png`) and `demo/A.png` (from `content/demo/A.png`) differ only in case",
        "`demo/2025-report/index.html` (from `content/demo/2025-report.md`) and `demo/2025-Report/index.html` (from `content/demo/2025-Report.md`) differ only in case",
    ] {
        assert!(run.stderr.contains(pair), "{pair}\n{}", run.stderr);
    }
    assert_eq!(
        run.stderr.matches("warning[output-collision]").count(),
        3,
        "{}",
        run.stderr
    );
}

/// Pages' links are made from folder and file names, so a name that would make a scheme
/// (`javascript:x/index.html`), end a path (`?`, `#`) or start an escape (`%`) is an
/// error at the name, and nothing of it is published: the built-in templates' links are
/// kept safe at their source, not by scanning every page.
#[test]
fn a_name_without_a_plain_web_address_is_an_error_at_the_name() {
    let site = Site::fixture("base");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let before = tree_digest(&site.path().join("public"));
    let report = std::fs::read_to_string(site.path().join("content/demo/2025-report.md")).unwrap();
    for (rel, text, shown) in [
        (
            "content/javascript:alert(1)/_index.md",
            "---\nname: 测试\n---\n说明。\n",
            "content/javascript:alert(1)",
        ),
        (
            "content/demo/javascript:x.md",
            report.as_str(),
            "content/demo/javascript:x.md",
        ),
        ("content/demo/附件?.pdf", "pdf", "content/demo/附件?.pdf"),
        ("content/demo/100%.png", "png", "content/demo/100%.png"),
        ("static/a#b.css", "x", "static/a#b.css"),
    ] {
        let broken = Site::fixture("base").file(rel, text);
        std::fs::rename(site.path().join("public"), broken.path().join("public")).unwrap();
        let run = run_limited(broken.path(), &["build"], LIMIT);
        run.assert_failed();
        assert!(
            run.stderr
                .contains(&format!("error[io]: the name `{shown}` holds")),
            "{rel}:\n{}",
            run.stderr
        );
        assert_eq!(tree_digest(&broken.path().join("public")), before, "{rel}");
        std::fs::rename(broken.path().join("public"), site.path().join("public")).unwrap();
    }
}
