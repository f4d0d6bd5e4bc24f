//! Hostile inputs to the PDF print (`pdf: true`): a file of the site where a PDF goes, a
//! browser that prints garbage. Each fails the build with its located error and leaves
//! the previous output byte for byte as it was. No Chromium is needed: `BULLETIN_CHROMIUM`
//! names a script of the test's, which leaves a mark when it is run.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::harness::{Run, Site};
use crate::support::{LIMIT, tree_digest};

const DOCUMENT: &str = "---
title: 关于做好统计数据报送工作的通知
layout: document
issuers: [测试市测试区人民政府]
date: 2024-03-01
period: 2024
---
请各单位按时报送统计数据。
";

/// The fixture with a document, built once without PDFs, then asking for them.
fn site() -> Site {
    let site = Site::fixture("base").file("content/demo/notice.md", DOCUMENT);
    site.build(&["--quiet"]).assert_ok();
    site.edit("site.yaml", "organisation:", "pdf: true\norganisation:")
}

/// An executable shell script at `path`.
fn script(path: &Path, body: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    #[cfg(unix)]
    std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
}

/// `bulletin build` in `site` with `browser` as BULLETIN_CHROMIUM, killed (and failed)
/// past twice the hostile limit.
fn build_with(site: &Site, browser: &Path) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["--lang", "en", "build", "--quiet"])
        .current_dir(site.path())
        .env("BULLETIN_CHROMIUM", browser)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > LIMIT * 2 {
            let _ = child.kill();
            panic!("bulletin build ran past {:?}", LIMIT * 2);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A content file where the PDF would be written is an error at that file; nothing is
/// printed (the browser never runs) and the output is as it was.
#[test]
fn a_site_file_at_a_pdfs_path_is_an_output_collision() {
    let site = site().file("content/demo/notice/notice.pdf", "mine");
    let before = tree_digest(&site.path().join("public"));
    let mark = site.path().join("browser-ran");
    let browser = site.path().join("browser.sh");
    script(&browser, &format!("touch '{}'", mark.display()));
    let run = build_with(&site, &browser);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[output-collision]: `content/demo/notice/notice.pdf` would replace the PDF `demo/notice/notice.pdf` printed from `content/demo/notice.md`"
        ),
        "{}",
        run.stderr
    );
    assert!(
        !mark.exists(),
        "the browser ran for a build that had failed"
    );
    assert_eq!(tree_digest(&site.path().join("public")), before);
}

/// A browser that writes something other than a PDF where it was asked to print: an
/// error naming the page, and the output as it was.
#[test]
fn a_browser_that_prints_garbage_fails_the_build_naming_the_page() {
    let site = site();
    let before = tree_digest(&site.path().join("public"));
    let browser = site.path().join("browser.sh");
    script(
        &browser,
        r#"for a in "$@"; do case "$a" in --print-to-pdf=*) printf 'not a pdf' > "${a#--print-to-pdf=}";; esac; done"#,
    );
    let run = build_with(&site, &browser);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[pdf]: Chromium printed `demo/notice/index.html` into an unreadable PDF"
        ) && run.stderr.contains("content/demo/notice.md"),
        "{}",
        run.stderr
    );
    assert_eq!(tree_digest(&site.path().join("public")), before);
}
