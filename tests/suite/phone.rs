//! The example site on a phone and at odd addresses (issue 15): every page kind measured
//! in headless Chromium at 360 and 390 px (no table cell cut, captions and unit lines
//! in view, the first column in view when the table is scrolled, no "|" starting a
//! line), the 404 page styled from any address, one h1 a page, the favicon linked only
//! when there is one, and headings broken only between words.
//!
//! The measuring script (`phone_check.js`) is put into a COPY of each page in a temp
//! folder — pages carry no script but the theme's own files — and the page shown in an `<iframe>` as wide as
//! the phone, since headless Chromium keeps its window at least 500 px wide. Without
//! Chromium the Chromium tests are skipped with a note on stderr, unless `CI` is set:
//! then they fail (as `print.rs`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::harness::{Site, copy_dir};

const CHECK: &str = include_str!("phone_check.js");

/// A page of each kind of the example site.
const PAGES: [(&str, &str); 7] = [
    ("home", "index.html"),
    ("unit", "luan-kfq/index.html"),
    ("bulletin", "luan-kfq/2025-work-conference/index.html"),
    ("document", "jinan/2024-industrial-plan/index.html"),
    ("plan", "chaohu/2024-2026-plan/index.html"),
    ("interpretation", "chaohu/2024-2026-plan-qa/index.html"),
    ("404", "404.html"),
];

pub(crate) fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        });
    if found.is_none() {
        let message =
            "the phone tests need headless Chromium (apt-get install chromium fonts-noto-cjk)";
        assert!(
            std::env::var_os("CI").is_none(),
            "{message}; CI is set, so this is a failure"
        );
        let _ = writeln!(std::io::stderr(), "skipped: {message}");
    }
    found
}

/// The `<title>` of `url` once its scripts have run, as Chromium's `--dump-dom` gives it.
pub(crate) fn title_after_load(chromium: &Path, url: &str, profile: &Path) -> String {
    let mut cmd = crate::harness::headless_chromium(chromium);
    cmd.args([
        "--hide-scrollbars",
        "--window-size=500,900",
        "--virtual-time-budget=5000",
        "--dump-dom",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(url)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    let mut child = cmd.spawn().expect("start chromium");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium ran longer than 120 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let dom = String::from_utf8_lossy(&child.wait_with_output().unwrap().stdout).into_owned();
    let start = dom.find("<title>").map_or(0, |i| i + "<title>".len());
    let end = dom[start..].find("</title>").map_or(start, |i| start + i);
    dom[start..end].to_string()
}

/// A copy of the example site's output in a temp folder.
fn built_example() -> (Site, tempfile::TempDir) {
    let site = Site::example();
    site.build(&[]).assert_ok();
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&site.path().join("public"), copy.path());
    (site, copy)
}

#[test]
fn every_page_kind_reads_on_a_phone_of_360_and_390_px() {
    let Some(chromium) = chromium() else { return };
    let (_site, copy) = built_example();
    let profile = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (kind, rel) in PAGES {
        let page = copy.path().join(rel);
        let html = std::fs::read_to_string(&page).unwrap();
        // the theme's own scripts only (tests/hostile/scripts.rs checks every page)
        assert_eq!(
            html.matches("<script").count(),
            usize::from(kind != "404"),
            "{rel} carries a script"
        );
        let checked = html.replacen("</body>", &format!("<script>{CHECK}</script></body>"), 1);
        std::fs::write(&page, checked).unwrap();
        for width in [360, 390] {
            let host = copy.path().join(format!("host-{width}.html"));
            std::fs::write(
                &host,
                format!(
                    "<!DOCTYPE html><html><head><title>no answer</title></head><body style=\"margin:0\">\
                     <script>addEventListener('message', e => {{ document.title = e.data; }});</script>\
                     <iframe src=\"{rel}\" style=\"width:{width}px;height:900px;border:0;display:block\"></iframe></body></html>"
                ),
            )
            .unwrap();
            let title = title_after_load(
                &chromium,
                &format!("file://{}", host.display()),
                profile.path(),
            );
            if !title.starts_with("OK ") {
                failures.push(format!("{kind} ({rel}) at {width} px: {title}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_404_page_is_styled_from_a_file_and_at_a_nested_address() {
    let (_site, copy) = built_example();
    let html = std::fs::read_to_string(copy.path().join("404.html")).unwrap();
    // the stylesheet is in the page; every link starts from the site's base path
    assert!(
        html.contains("<style>") && html.contains(".not-found-code"),
        "{html}"
    );
    assert!(!html.contains("rel=\"stylesheet\""), "{html}");
    for attr in ["href=\"", "src=\""] {
        for (i, _) in html.match_indices(attr) {
            let link = &html[i + attr.len()..];
            let link = &link[..link.find('"').unwrap()];
            assert!(
                link.starts_with("/tjgb/") || link.starts_with("https://") || link.starts_with('#'),
                "404.html links `{link}`, which breaks at a nested address"
            );
        }
    }
    let Some(chromium) = chromium() else { return };
    // served for a missing page deep in the site: no css/ folder beside it
    let nested = tempfile::tempdir().unwrap();
    let page = nested.path().join("a/b/c/404.html");
    std::fs::create_dir_all(page.parent().unwrap()).unwrap();
    let probe = "<script>addEventListener('load', () => { \
        const s = getComputedStyle(document.querySelector('.band')); \
        const c = getComputedStyle(document.querySelector('.not-found-code')); \
        document.title = s.backgroundColor + ' ' + c.color + ' ' + c.fontSize; });</script></body>";
    std::fs::write(&page, html.replacen("</body>", probe, 1)).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let title = title_after_load(
        &chromium,
        &format!("file://{}", page.display()),
        profile.path(),
    );
    // the band's red, the big red 404 (5rem)
    assert_eq!(title, "rgb(166, 27, 27) rgb(166, 27, 27) 80px");
}

#[test]
fn every_page_but_the_document_has_one_h1() {
    let (_site, copy) = built_example();
    for (kind, rel) in PAGES {
        if kind == "document" {
            continue; // its templates are the print layout's (doc_*.html)
        }
        let html = std::fs::read_to_string(copy.path().join(rel)).unwrap();
        assert_eq!(html.matches("<h1").count(), 1, "{kind} page {rel}");
    }
    for unit in [
        "chaohu/index.html",
        "chaohu/anchao/index.html",
        "jinan/index.html",
    ] {
        let html = std::fs::read_to_string(copy.path().join(unit)).unwrap();
        assert_eq!(html.matches("<h1").count(), 1, "{unit}");
    }
}

#[test]
fn a_level_one_heading_in_commentary_is_an_h2_below_the_page_title() {
    let site = Site::example()
        .edit(
            "content/_index.md",
            "本栏目集中发布",
            "# 栏目说明\n\n本栏目集中发布",
        )
        .edit(
            "content/luan-kfq/_index.md",
            "六安经济技术开发区是",
            "# 开发区概况\n\n六安经济技术开发区是",
        )
        .edit(
            "content/luan-kfq/2025-work-conference.md",
            "\n## ",
            "\n# 会议概述\n\n## ",
        );
    site.build(&[]).assert_ok();
    for (rel, heading) in [
        ("index.html", "栏目说明"),
        ("luan-kfq/index.html", "开发区概况"),
        ("luan-kfq/2025-work-conference/index.html", "会议概述"),
    ] {
        let html = site.page(rel);
        assert_eq!(html.matches("<h1").count(), 1, "{rel}");
        assert!(html.contains(&format!(">{heading}</h2>")), "{rel}");
    }
}

#[test]
fn a_favicon_is_linked_only_when_the_site_has_one() {
    let site = Site::example();
    site.build(&[]).assert_ok();
    for (_, rel) in PAGES {
        assert!(!site.page(rel).contains("rel=\"icon\""), "{rel}");
    }
    let site = site.file("static/favicon.ico", "\0\0\x01\0");
    site.build(&[]).assert_ok();
    assert!(site.exists("favicon.ico"));
    assert!(
        site.page("index.html")
            .contains("<link rel=\"icon\" href=\"favicon.ico\">")
    );
    assert!(
        site.page("luan-kfq/2025-work-conference/index.html")
            .contains("<link rel=\"icon\" href=\"../../favicon.ico\">")
    );
    assert!(
        site.page("404.html")
            .contains("<link rel=\"icon\" href=\"/tjgb/favicon.ico\">")
    );
}

#[test]
fn headings_of_the_example_break_only_between_words() {
    let site = Site::example();
    site.build(&[]).assert_ok();
    let plan = site.page("chaohu/2024-2026-plan/index.html");
    // 三年, 千亿 and the years in brackets stay whole; no mark starts or ends a line
    assert!(
        plan.contains("巢湖市、<wbr>安巢<wbr>经开区<wbr>“千亿<wbr>工业”<wbr>三年<wbr>攻坚<wbr>行动<wbr>计划<wbr>（<span class=\"nw\">2024—2026</span>年）</h1>"),
        "{}",
        crate::harness::main_of(&plan)
    );
    let list = site.page("jinan/index.html");
    assert!(
        list.contains("关于<wbr>印发<wbr>《金安区<wbr>2024年度<wbr>工业<wbr>发展<wbr>要点》<wbr>的<wbr>通知</a>"),
        "{list}"
    );
    // the text is escaped, then broken: a title's markup is never taken as HTML
    let site = site.edit(
        "content/luan-kfq/2025-work-conference.md",
        "title: 乘势而上再登高 奋楫争先扛大梁",
        "title: 乘势而上<b>再登高</b> & 奋楫争先",
    );
    site.build(&[]).assert_ok();
    let page = site.page("luan-kfq/2025-work-conference/index.html");
    assert!(!page.contains("<b>再"), "{page}");
    assert!(page.contains("&lt;b&gt;"), "{page}");
}
