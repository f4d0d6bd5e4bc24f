//! Hostile inputs: links and schemes. One link policy for every address a page carries
//! (commentary links, images, autolinks, reference definitions, raw HTML, templates and
//! the data they print, `base_url`): relative paths, `#anchor`, `http(s):`, `mailto:`,
//! `tel:`. Any other scheme, in any spelling a browser still reads as one, and
//! protocol-relative `//host` stop the build at the address, and the previous output
//! stays as it was.

use crate::harness::Site;
use crate::support::{LIMIT, run_limited, tree_digest};

const REPORT: &str = "content/demo/2025-report.md";

/// The base site, built once, with its output's digest.
fn built() -> (Site, String) {
    let site = Site::fixture("base");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let digest = tree_digest(&site.path().join("public"));
    (site, digest)
}

/// Appends `text` as a paragraph of the bulletin; returns the line it starts on.
fn append(site: &Site, text: &str) -> usize {
    let path = site.path().join(REPORT);
    let before = std::fs::read_to_string(&path).unwrap();
    let line = before.lines().count() + 2;
    std::fs::write(&path, format!("{before}\n{text}\n")).unwrap();
    line
}

/// Builds, expects the refusal of `scheme` at `line:col` of the bulletin, and the output
/// untouched.
#[track_caller]
fn assert_refused(site: &Site, digest: &str, scheme: &str, line: usize, col: usize) {
    assert_unsafe(site, digest, &[&format!("{REPORT}:{line}:{col}"), scheme]);
}

#[test]
fn script_and_other_schemes_in_commentary_links_stop_the_build_at_the_address() {
    let (site, digest) = built();
    let original = std::fs::read_to_string(site.path().join(REPORT)).unwrap();
    // (what is written, the scheme the error names, the column of the address)
    for (markdown, scheme, col) in [
        // issue 12: taken as external because it contains `://`, published as a link.
        (
            "[点我](javascript://%0aalert(document.domain))",
            "`javascript:`",
            6,
        ),
        ("[点我](JaVaScRiPt:alert(1))", "`javascript:`", 6),
        ("[点我](java&#9;script:alert(1))", "`javascript:`", 6),
        ("[点我](&#106;avascript:alert(1))", "`javascript:`", 6),
        ("[点我](&#x6A;avascript:alert(1))", "`javascript:`", 6),
        ("[点我](%6Aavascript:alert(1))", "`javascript:`", 6),
        (
            "[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "`data:`",
            6,
        ),
        ("[点我](vbscript:msgbox(1))", "`vbscript:`", 6),
        ("[点我](file:///etc/passwd)", "`file:`", 6),
        ("[点我](//evil.example/x)", "protocol-relative", 6),
        ("![图](javascript:alert(1))", "`javascript:`", 6),
        ("<javascript:alert(1)>", "`javascript:`", 2),
        ("[a]: javascript:alert(1)", "`javascript:`", 6),
    ] {
        std::fs::write(site.path().join(REPORT), &original).unwrap();
        let line = append(&site, markdown);
        assert_refused(&site, &digest, scheme, line, col);
    }
    // A reference is reported once, at its definition.
    std::fs::write(site.path().join(REPORT), &original).unwrap();
    let line = append(&site, "见[附件][a]。\n\n[a]:  JavaScript:alert(1)");
    assert_refused(&site, &digest, "`javascript:`", line + 2, 7);
    let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
    assert_eq!(
        run.stderr.matches("error[unsafe-link]").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn raw_html_addresses_are_refused_sanitised_or_not() {
    let (site, digest) = built();
    let original = std::fs::read_to_string(site.path().join(REPORT)).unwrap();
    for opt_in in [false, true] {
        let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
        let yaml = yaml.replace("allow_raw_html: true\n", "");
        let yaml = if opt_in {
            format!("{yaml}allow_raw_html: true\n")
        } else {
            yaml
        };
        std::fs::write(site.path().join("site.yaml"), yaml).unwrap();
        for (html, scheme, col) in [
            (
                r#"<a href="javascript:alert(1)">点我</a>"#,
                "`javascript:`",
                10,
            ),
            (
                r#"<a href=" &#14;javascript:alert(1)">点我</a>"#,
                "`javascript:`",
                10,
            ),
            (
                "<a href=\"java\tscript:alert(1)\">点我</a>",
                "`javascript:`",
                10,
            ),
            (
                r#"<a href='&#x6A;avascript:alert(1)'>点我</a>"#,
                "`javascript:`",
                10,
            ),
            (
                r#"<img src="data:image/svg+xml,<svg onload=alert(1)>">"#,
                "`data:`",
                11,
            ),
            (
                r#"<img srcset="a.png 1x, vbscript:x 2x">"#,
                "`vbscript:`",
                24,
            ),
            (
                "<div>\n<a\nhref=\"javascript:alert(1)\">点我</a>\n</div>",
                "`javascript:`",
                7,
            ),
        ] {
            std::fs::write(site.path().join(REPORT), &original).unwrap();
            let mut line = append(&site, html);
            if html.starts_with("<div>") {
                line += 2;
            }
            assert_refused(&site, &digest, scheme, line, col);
        }
    }
}

#[test]
fn allowed_addresses_build_and_raw_html_is_sanitised_unless_the_site_opts_in() {
    let site = Site::fixture("base");
    append(
        &site,
        "[国务院](https://www.gov.cn/) [统计局](http://www.stats.gov.cn/) \
         [来信](mailto:tjj@example.gov.cn) [电话](tel:0564-0000000) [顶部](#) [栏目](/tjgb/) \
         <a href=\"https://www.gov.cn/zhengce/\" onclick=\"steal()\">政策</a><script>alert(1)</script>",
    );
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let page = site.page("demo/2025-report/index.html");
    for href in [
        "https://www.gov.cn/",
        "http://www.stats.gov.cn/",
        "mailto:tjj@example.gov.cn",
        "tel:0564-0000000",
        "https://www.gov.cn/zhengce/",
    ] {
        assert!(page.contains(&format!("href=\"{href}\"")), "{href}");
    }
    assert!(!page.contains("steal()") && !page.contains("alert(1)"));
    // The opt-in keeps raw HTML as written (its addresses still by the policy), but
    // never script: the handler is an error at its attribute.
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    std::fs::write(
        site.path().join("site.yaml"),
        format!("{yaml}allow_raw_html: true\n"),
    )
    .unwrap();
    let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
    run.assert_failed();
    assert!(
        run.stderr
            .contains("raw HTML `<a onclick=…>` would run script")
            && run.stderr.contains("raw HTML `<script>` would run script"),
        "{}",
        run.stderr
    );
    let kept = "<p style=\"color:red\">红字</p>\n<iframe src=\"https://www.gov.cn/video/\" width=\"640\"></iframe>";
    let original = std::fs::read_to_string(site.path().join(REPORT)).unwrap();
    let cut = original
        .find("<a href=\"https://www.gov.cn/zhengce/\"")
        .unwrap();
    std::fs::write(
        site.path().join(REPORT),
        format!("{}\n\n{kept}\n", &original[..cut]),
    )
    .unwrap();
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    assert!(site.page("demo/2025-report/index.html").contains(kept));
}

/// Red team (issue 12): raw HTML kept as written (`allow_raw_html: true`) published
/// `<script>`, event handlers, `srcdoc`, a meta refresh to `javascript:` and SVG that
/// rewrites a link after any check (`<set attributeName="href" to="javascript:…">`,
/// `<svg><style><a href="javascript:…">`, whose `<style>` content the scan skipped); and
/// `&#00000000097;` (a character reference with many leading zeros, read as `a` by
/// browsers) hid `javascript:` from the policy in both modes, and so did a quote inside
/// a comment (`<!-- <a title=" --> <a href="javascript:…">`), read as an attribute's
/// (the sanitised default was safe: ammonia parses as browsers do). Each is now an error at its
/// tag, attribute or address, the output untouched.
#[test]
fn raw_html_kept_as_written_never_carries_script() {
    let (site, digest) = built();
    let original = std::fs::read_to_string(site.path().join(REPORT)).unwrap();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    std::fs::write(
        site.path().join("site.yaml"),
        format!("{yaml}allow_raw_html: true\n"),
    )
    .unwrap();
    // (what is written, what the error names, its column)
    for (html, needle, col) in [
        (
            "<script>alert(1)</script>",
            "`<script>` would run script",
            1,
        ),
        (
            "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
            "`<script>` would run script",
            1,
        ),
        (
            "<img src=x.png onerror=alert(1)>",
            "`<img onerror=…>` would run script",
            16,
        ),
        (
            "<details open ontoggle=alert(1)>x</details>",
            "`<details ontoggle=…>`",
            15,
        ),
        ("<p onclick=alert(1)>x</p>", "`<p onclick=…>`", 4),
        (
            "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
            "`<iframe srcdoc=…>`",
            9,
        ),
        (
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "`<meta http-equiv=…>`",
            7,
        ),
        ("<base href=\"https://evil.example/\">", "`<base>`", 1),
        (
            "<svg><set attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>",
            "`<svg>`",
            1,
        ),
        ("<math><mtext>x</mtext></math>", "`<math>`", 1),
        (
            "<a href=\"j&#00000000097;vascript:alert(1)\">x</a>",
            "`javascript:`",
            10,
        ),
        // A quote inside a comment or a bogus comment hid the tag after it from the scan.
        (
            "<!-- <a title=\" --> <a href=\"javascript:alert(1)\">x</a> <!-- \" -->",
            "`javascript:`",
            30,
        ),
        (
            "<!-- <a title=\" --> <script>alert(1)</script> <!-- \" -->",
            "`<script>` would run script",
            21,
        ),
        (
            "<? <a title=\"> <a href=\"javascript:alert(1)\">x</a> <? \">",
            "`javascript:`",
            25,
        ),
        (
            "<!x <a title=\"> <a href=\"javascript:alert(1)\">x</a> <!x \">",
            "`javascript:`",
            26,
        ),
        (
            "<div style=\"background:url( 'javascript:alert(1)')\">x</div>",
            "`javascript:`",
            30,
        ),
    ] {
        std::fs::write(site.path().join(REPORT), &original).unwrap();
        let line = append(&site, html);
        assert_unsafe(&site, &digest, &[&format!("{REPORT}:{line}:{col}"), needle]);
    }
    // Sanitised (the default), the leading zeros are still read as the browser reads them.
    std::fs::write(site.path().join("site.yaml"), &yaml).unwrap();
    std::fs::write(site.path().join(REPORT), &original).unwrap();
    let line = append(&site, "<a href=\"&#x0000000006A;avascript:alert(1)\">x</a>");
    assert_refused(&site, &digest, "`javascript:`", line, 10);
}

/// Builds, expects an `unsafe-link` error whose report holds every one of `needles`,
/// and the output untouched.
#[track_caller]
fn assert_unsafe(site: &Site, digest: &str, needles: &[&str]) {
    let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
    run.assert_failed();
    for needle in ["error[unsafe-link]"].iter().chain(needles) {
        assert!(
            run.stderr.contains(needle),
            "expected {needle}\n{}",
            run.stderr
        );
    }
    assert_eq!(tree_digest(&site.path().join("public")), digest);
}

#[test]
fn a_template_printing_a_script_link_stops_the_build_naming_the_template() {
    let (site, digest) = built();
    let site = site.file(
        "themes/news/templates/404.html",
        "<!doctype html><title>404</title><a href=\"javascript:history.back()\">返回</a>\n",
    );
    assert_unsafe(&site, &digest, &["themes/news/templates/404.html"]);
}

#[test]
fn a_value_of_the_data_printed_as_a_link_by_a_template_is_refused() {
    let (site, digest) = built();
    let site = site
        .edit(
            "site.yaml",
            "title: 测试经开区公报",
            "title: \" \\tjavascript:alert(1)\"",
        )
        .file(
            "themes/news/templates/404.html",
            "<!doctype html><a href=\"{{ site.title }}\">首页</a>\n",
        );
    assert_unsafe(
        &site,
        &digest,
        &["`javascript:`", "themes/news/templates/404.html"],
    );
}

#[test]
fn a_script_base_url_is_refused_at_its_line() {
    let (site, digest) = built();
    let site = site.edit(
        "site.yaml",
        "base_url: https://www.example.gov.cn/tjgb/",
        "base_url: javascript:alert(1)//",
    );
    assert_unsafe(&site, &digest, &["site.yaml:2:11"]);
}

/// Links are located by counting on from the previous one: 37,000 empty code fences and
/// 2,000 links in one bulletin (16.7 s when every Markdown event was located from the
/// file's start) check in well under the limit, and a refused link far down is still at
/// its line.
#[test]
fn a_long_page_of_fences_and_links_is_located_in_linear_time() {
    let mut body = String::from("---\ntitle: 长页\ndate: 2025-01-10\nperiod: 2024\n---\n");
    body.push_str(&"```\n```\n".repeat(18_500));
    body.push_str(&"[上一页](2025-report.md) ".repeat(2_000));
    body.push_str("\n\n[点我](javascript:alert(1))\n");
    let line = body.lines().count();
    let site = Site::fixture("base").file("content/demo/long.md", &body);
    let run = run_limited(site.path(), &["check"], LIMIT);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("content/demo/long.md:{line}:")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error[unsafe-link]"), "{}", run.stderr);
}
