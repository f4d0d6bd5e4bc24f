//! A good site builds, and its pages hold the computed phrases, tables and links.

use crate::harness::{Site, main_of};

#[test]
fn bulletin_page_holds_every_computed_phrase() {
    let site = Site::fixture("base");
    site.build(&[]).assert_ok();
    let page = site.page("demo/2025-report/index.html");
    for phrase in [
        // seed 000: 212 → 127
        "国家级经开区综合考核评价位次居全国国家级经开区第127位，较上年前进85位",
        // stated growth at comparable prices, with its rank by growth
        "地区生产总值128.3亿元，比上年增长5.7%，增速居全市第2位",
        // share 77 → 88 in points, never as a growth rate
        "上升11个百分点",
        // 33 against 30; 36.45 against 23.3
        "完成年度目标的110.0%",
        "完成年度目标的156.4%",
        // 160.0 → 155.36: a fall is 下降, never 增长-2.9%
        "比上年下降2.9%",
        // a growth target is compared in points
        "高于年度目标1.2个百分点",
    ] {
        assert!(page.contains(phrase), "missing {phrase}");
    }
    assert!(!page.contains("增长-"));
    // prior value zero: no growth rate, no NaN
    assert!(page.contains(r#"data-figure="new_firms.change">—</span>"#));
    assert!(!page.contains("NaN") && !page.contains("inf%"));
}

#[test]
fn chinese_bold_lead_ins_render_bold() {
    let site = Site::fixture("base");
    site.build(&[]).assert_ok();
    let page = site.page("demo/2025-report/index.html");
    assert!(page.contains("<strong>位次向上。</strong>"));
    assert!(page.contains("<strong>（一）总体运行稳中有进。</strong>全年"));
    assert!(!page.contains("**"));
}

#[test]
fn tables_are_statistics_tables_with_caption_and_scoped_headers() {
    let site = Site::fixture("base");
    site.build(&[]).assert_ok();
    // captions and headers carry a <wbr> between their words (render::linebreak)
    let page = site
        .page("demo/2025-report/index.html")
        .replace("<wbr>", "");
    assert!(page.contains("<caption><span class=\"cap-title\">表1 2024年主要经济指标</span><span class=\"cap-unit\">单位：亿元</span></caption>"));
    assert!(page.contains(r#"<th scope="col""#));
    assert!(page.contains(r#"<th scope="row""#));
    // yoy cells: the level, last year's level, the change
    for cell in [
        "128.3", "120.0", "155.4", "160.0", "36.45", "30.00", "-2.9", "21.5",
    ] {
        assert!(page.contains(&format!(">{cell}<")), "missing cell {cell}");
    }
    // targets table: the target as announced, completion, met or not
    for cell in [
        "170亿元以上",
        "91.4%",
        "156.4%",
        "110.0%",
        "增长10%以上",
        "已完成",
        "未完成",
    ] {
        assert!(page.contains(cell), "missing {cell}");
    }
    // ranks table
    assert!(page.contains("前进85位"));
    assert!(page.contains("地区生产总值增速"));
    // the note and the source line under the table
    assert!(page.contains("增速按可比价格计算"));
    assert!(page.contains("测试统计局"));
}

#[test]
fn links_are_relative_and_the_page_is_chinese() {
    let site = Site::fixture("base");
    site.build(&[]).assert_ok();
    for (page, root) in [
        ("index.html", ""),
        ("demo/index.html", "../"),
        ("demo/2025-report/index.html", "../../"),
    ] {
        let html = site.page(page);
        assert!(html.contains(r#"<html lang="zh-CN""#), "{page}");
        assert!(
            html.contains(&format!(r#"href="{root}css/news.css""#)),
            "{page} stylesheet"
        );
        assert!(
            !html.contains(r#"href="/"#) && !html.contains(r#"src="/"#),
            "{page} has an absolute link"
        );
        assert!(!html.contains("http://"), "{page} loads something external");
        // one script, the theme's own, by relative path (tests/hostile/scripts.rs)
        assert_eq!(
            html.matches("<script").count(),
            html.matches(&format!(
                r#"<script src="{root}js/a11y.js" defer></script>"#
            ))
            .count(),
            "{page} carries a script that is not the theme's"
        );
        for field in [
            "测试经开区管委会",
            "3415000001",
            "皖ICP备00000000号",
            "皖公网安备34150002000000号",
            "0564-0000000",
        ] {
            assert!(html.contains(field), "{page} footer lacks {field}");
        }
    }
    let bulletin = site.page("demo/2025-report/index.html");
    assert!(bulletin.contains(
        r#"<link rel="canonical" href="https://www.example.gov.cn/tjgb/demo/2025-report/">"#
    ));
    let home = site.page("index.html");
    assert!(home.contains(r#"href="demo/2025-report/index.html""#));
}

#[test]
fn not_found_page_links_from_the_base_path() {
    let site = Site::fixture("base");
    site.build(&[]).assert_ok();
    let html = site.page("404.html");
    assert!(html.contains(r#"href="/tjgb/index.html""#));
    // its stylesheet is written into it, so that it is styled at any address
    assert!(!html.contains(r#"href="/tjgb/css/news.css""#));
    assert!(html.contains("<style>/* bulletin · news theme"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::fixture("base");
    site.build(&[]).assert_ok();
    assert!(!site.exists("demo/draft-note/index.html"));
    assert!(!site.page("demo/index.html").contains("草稿公报"));
    site.build(&["--drafts"]).assert_ok();
    assert!(site.page("demo/draft-note/index.html").contains("草稿"));
}

#[test]
fn unit_page_lists_bulletins_and_latest_indicators() {
    let site = Site::fixture("base");
    site.build(&[]).assert_ok();
    let page = site.page("demo/index.html").replace("<wbr>", "");
    assert!(page.contains("测试经济技术开发区"));
    assert!(page.contains(r#"href="../demo/2025-report/index.html""#));
    assert!(page.contains("2024年主要指标"));
    assert!(page.contains("主导产业产值占比"));
}

#[test]
fn home_shows_headline_figures() {
    let site = Site::fixture("base");
    site.build(&[]).assert_ok();
    let page = site.page("index.html");
    assert!(page.contains("36.45"));
    assert!(page.contains("前进85位"));
}

#[test]
fn raw_html_in_commentary_is_sanitised() {
    let site = Site::fixture("base").edit(
        "content/demo/2025-report.md",
        "2024年，测试开发区",
        "<script>alert(1)</script><a href=\"https://www.gov.cn/\" onclick=\"x()\">链接</a>2024年，测试开发区",
    );
    site.build(&[]).assert_ok();
    let page = site.page("demo/2025-report/index.html");
    assert!(!page.contains("alert(1)"));
    assert!(!page.contains("onclick"));
    assert!(page.contains("href=\"https://www.gov.cn/\""));
    // components survive the sanitiser
    assert!(page.contains("完成年度目标的156.4%"));
    assert!(page.contains("表1 2024年主要经济指标"));
}

#[test]
fn yaml_values_are_escaped() {
    let site = Site::fixture("base").edit(
        "content/demo/data.yaml",
        "name: 主导产业产值占比",
        "name: 主导<b>产业</b>占比",
    );
    site.build(&[]).assert_ok();
    let page = site.page("demo/index.html").replace("<wbr>", "");
    assert!(page.contains("主导&lt;b&gt;产业&lt;/b&gt;占比"));
}

#[test]
fn a_site_theme_overrides_one_template() {
    let site = Site::fixture("base").file(
        "themes/news/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>页面走丢了（自定义）</p>{% endblock %}",
    );
    site.build(&[]).assert_ok();
    assert!(site.page("404.html").contains("页面走丢了（自定义）"));
    // the other templates still come from the built-in theme
    assert!(
        site.page("demo/2025-report/index.html")
            .contains("乘势而上再登高")
    );
}

/// The built-in header is rendered once per folder depth and page kind: every page still
/// gets its own relative navigation and the home page alone an <h1> title. A site's own
/// header is rendered for every page and sees the page's context.
#[test]
fn the_site_header_fits_each_page_built_in_or_own() {
    let site = Site::fixture("base").file(
        "content/demo/2025-second.md",
        "---\ntitle: 第二篇公报\ndate: 2025-03-01\nperiod: 2024\n---\n全年经济运行平稳。\n",
    );
    site.build(&[]).assert_ok();
    for (page, root) in [
        ("index.html", ""),
        ("demo/index.html", "../"),
        ("demo/2025-report/index.html", "../../"),
        ("demo/2025-second/index.html", "../../"),
    ] {
        let html = site.page(page);
        let nav = &html[html.find("<nav class=\"site-nav\"").expect("nav")..];
        let nav = &nav[..nav.find("</nav>").expect("nav end")];
        assert!(
            nav.contains(&format!(r#"<a href="{root}demo/index.html">"#)),
            "{page}: {nav}"
        );
        let title_tag = if page == "index.html" { "h1" } else { "p" };
        assert!(
            html.contains(&format!(r#"<{title_tag} class="site-title">"#)),
            "{page}"
        );
        assert!(html.contains("皖ICP备00000000号"), "{page} footer");
    }
    let site = site.file(
        "themes/news/templates/partials/site_header.html",
        "<header class=\"own\">{{ page.title }}|{{ root }}|{% for item in nav %}{{ item.href }}{% endfor %}</header>",
    );
    site.build(&[]).assert_ok();
    let first = site.page("demo/2025-report/index.html");
    let second = site.page("demo/2025-second/index.html");
    assert!(
        first.contains("<header class=\"own\">乘势而上再登高 - "),
        "{first}"
    );
    assert!(
        second.contains("<header class=\"own\">第二篇公报 - "),
        "{second}"
    );
    assert!(
        second.contains("|../../|../../demo/index.html</header>"),
        "{second}"
    );
    assert!(!first.contains("第二篇公报 - "));
    assert!(!second.contains("class=\"site-nav\""));
}

/// A theme of the site's own needs only the required templates: no header or footer
/// partials.
#[test]
fn a_theme_of_the_sites_own_needs_no_header_partials() {
    let page = "<html><body>{{ nav | length }}|{% block content %}{% endblock %}</body></html>";
    let site = Site::fixture("base")
        .edit("site.yaml", "title:", "theme: plain\ntitle:")
        .file("themes/plain/templates/base.html", page)
        .file(
            "themes/plain/templates/bulletin.html",
            "{% extends \"base.html\" %}{% block content %}{{ bulletin.title }}{% endblock %}",
        );
    let site = ["index.html", "unit.html", "404.html"]
        .into_iter()
        .fold(site, |site, name| {
            site.file(
                &format!("themes/plain/templates/{name}"),
                "{% extends \"base.html\" %}",
            )
        });
    site.build(&[]).assert_ok();
    assert_eq!(
        site.page("demo/2025-report/index.html"),
        "<html><body>1|乘势而上再登高</body></html>"
    );
}

/// The table component of a built page: from its opening `<div class="tbl tbl-{kind}"`
/// to the `</div>` that ends it (the table component is the only nested `<div>`).
fn table_component<'a>(page: &'a str, kind: &str) -> &'a str {
    let start = page
        .find(&format!("<div class=\"tbl tbl-{kind}\""))
        .unwrap_or_else(|| panic!("no {kind} table in {page}"));
    let rest = &page[start..];
    let inner = rest.find("</div>").expect("the scroll box ends") + "</div>".len();
    let end = inner + rest[inner..].find("</div>").expect("the table ends") + "</div>".len();
    &rest[..end]
}

#[test]
fn a_site_table_template_replaces_the_built_in_tables() {
    // Tables are written by the built-in writer; a site's own template must still win,
    // seeing the same `table` view (and the theme's strings as `t`).
    let site = Site::fixture("base").file(
        "themes/news/templates/components/table.html",
        "<table class=\"own {{ table.kind }}\" id=\"{{ table.id }}\"><caption>{{ table.caption }}</caption>\
         {% for row in table.rows %}<tr><th>{{ row.header }}</th>{% for cell in row.cells %}<td class=\"{{ cell.classes }}\">{{ cell.text }}</td>{% endfor %}</tr>{% endfor %}\
         </table><p>{{ t.table_source }}{{ t.colon }}{{ table.source }}</p>",
    );
    site.build(&[]).assert_ok();
    let page = site.page("demo/2025-report/index.html");
    assert!(!page.contains("class=\"tbl-scroll\""), "{page}");
    let own = page.matches("<table class=\"own ").count();
    assert_eq!(own, 3, "{page}");
    let start = page
        .find("<table class=\"own ranks\"")
        .expect("the ranks table");
    let end = start + page[start..].find("</p>").expect("its source line") + "</p>".len();
    // 127 against 212 last year: 前进85位, computed as for the built-in table
    assert_eq!(
        &page[start..end],
        "<table class=\"own ranks\" id=\"table-3\"><caption>表3 位次</caption>\
         <tr><th>国家级经开区综合考核评价位次</th><td class=\"\">全国国家级经开区</td>\
         <td class=\"num\">127</td><td class=\"num\">212</td><td class=\"num up\">前进85位</td></tr>\
         <tr><th>地区生产总值增速</th><td class=\"\">全市</td><td class=\"num\">2</td>\
         <td class=\"num\">—</td><td class=\"num\">—</td></tr></table><p>数据来源：测试统计局</p>"
    );
}

/// A site that copied the theme but not a table template (this repository's own example
/// site does: its `themes/news/` has none) gets the built-in tables, as does a theme of
/// the site's own that has none.
#[test]
fn a_theme_without_a_table_template_gets_the_built_in_tables() {
    let plain = Site::fixture("base");
    plain.build(&[]).assert_ok();
    let built_in = plain.page("demo/2025-report/index.html");
    let bulletin = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/news/templates/bulletin.html"),
    )
    .expect("the built-in bulletin template");
    let copied = Site::fixture("base").file(
        "themes/news/templates/bulletin.html",
        &bulletin.replace(
            "{{ bulletin.content_html | safe }}",
            "<!-- own -->{{ bulletin.content_html | safe }}",
        ),
    );
    copied.build(&[]).assert_ok();
    let page = copied.page("demo/2025-report/index.html");
    assert!(
        page.contains("<!-- own -->"),
        "the copied template is not used"
    );
    for kind in ["yoy", "targets", "ranks"] {
        assert_eq!(
            table_component(&page, kind),
            table_component(&built_in, kind)
        );
    }

    let own = Site::fixture("base")
        .edit("site.yaml", "title:", "theme: plain\ntitle:")
        .file(
            "themes/plain/templates/bulletin.html",
            "{{ bulletin.content_html | safe }}",
        );
    let own = ["index.html", "unit.html", "404.html"]
        .into_iter()
        .fold(own, |site, name| {
            site.file(&format!("themes/plain/templates/{name}"), "x")
        });
    own.build(&[]).assert_ok();
    let page = own.page("demo/2025-report/index.html");
    for kind in ["yoy", "targets", "ranks"] {
        assert_eq!(
            table_component(&page, kind),
            table_component(&built_in, kind)
        );
    }
}

#[test]
fn example_site_builds_and_reproduces_the_seed() {
    let site = Site::example();
    site.build(&[]).assert_ok();
    let page = site.page("luan-kfq/2025-work-conference/index.html");
    for phrase in [
        "第127位，较上年前进85位",
        "第49位，较上年前进4位",
        "增长5.7%",
        "上升11个百分点",
        "完成年度目标的110.0%",
        "完成年度目标的156.4%",
        "增速居全市第2位",
    ] {
        assert!(page.contains(phrase), "missing {phrase}");
    }
    insta::assert_snapshot!("example_bulletin_main", main_of(&page));
    insta::assert_snapshot!(
        "example_unit_main",
        main_of(&site.page("luan-kfq/index.html"))
    );
    insta::assert_snapshot!("example_home_main", main_of(&site.page("index.html")));
}

#[test]
fn example_document_and_plan_pages() {
    let site = Site::example();
    site.build(&[]).assert_ok();
    let document = site.page("jinan/2024-industrial-plan/index.html");
    for text in [
        "金发〔2024〕5号",
        "中共六安市金安区委",
        "一、",
        // one annex: labelled 附件 as the 附件说明 (附件：…) names it, never 附件1
        "<p class=\"doc-annex-label\">附件</p>",
        "<span class=\"doc-annex-note-label\">附件：</span>",
        // the 版记 from cc, printed_by, printed_on
        "抄送：</span><span class=\"doc-cc-names\">区人大常委会办公室，区政协办公室，区法院，区检察院。",
        "<span class=\"doc-printed-by\">中共六安市金安区委办公室</span>",
        "<time datetime=\"2024-02-08\">2024年2月8日</time>印发",
    ] {
        assert!(document.contains(text), "document lacks {text}");
    }
    assert!(!document.contains(">附件1<"), "a single annex is numbered");
    // one h1 a page: the issued document's title is an h2 under the notice's h1
    assert_eq!(document.matches("<h1").count(), 1, "{document}");
    // its title breaks only between words (issue 15, point 1)
    assert!(document.contains(
        "<h2 class=\"doc-issued-title\" id=\"doc-issued-title\">金安区<wbr>2024年度<wbr>工业<wbr>发展<wbr>要点</h2>"
    ));
    assert!(document.contains(
        "关于<wbr>印发<wbr>《金安区<wbr>2024年度<wbr>工业<wbr>发展<wbr>要点》<wbr>的<wbr>通知"
    ));
    // the notice is signed under its own text, before the document it issues
    let signed = document.find("class=\"doc-sign\"").expect("a 落款");
    let issued = document
        .find("doc-issued-title")
        .expect("the issued document");
    assert!(signed < issued, "the 落款 comes after the issued document");
    let plan = site.page("chaohu/2024-2026-plan/index.html");
    for text in [">1000<", ">800<", ">200<", "政策解读"] {
        assert!(plan.contains(text), "plan lacks {text}");
    }
    // the linked title gets its <wbr> between words, none inside （2024—2026年） (issue 15)
    assert!(
        plan.contains(
            "<wbr>计划<wbr>（<span class=\"nw\">2024—2026</span>年）》<wbr>政策<wbr>解读</a>"
        ),
        "{plan}"
    );
    assert!(
        site.page("chaohu/2024-2026-plan-qa/index.html")
            .contains("../../chaohu/2024-2026-plan/")
    );
    insta::assert_snapshot!("example_document_main", main_of(&document));
    insta::assert_snapshot!("example_plan_main", main_of(&plan));
}

/// A plan's targets tables, before any figure is in, are 指标 | 目标: no column of dashes
/// (完成 / 完成目标情况 / 是否完成) and no note explaining a dash; a site's own table
/// template gets the same columns. A unit's table whose 2023 column would be all dashes
/// leaves it out and says why.
#[test]
fn columns_that_carry_nothing_are_not_printed() {
    let site = Site::example();
    site.build(&[]).assert_ok();
    let plan = site.page("jinan/2024-industrial-plan/index.html");
    let tables: Vec<&str> = plan
        .split("<div class=\"tbl tbl-targets\"")
        .skip(1)
        .collect();
    assert_eq!(tables.len(), 8, "{plan}");
    for table in tables {
        let table = &table[..table.find("\n</div>\n").expect("the table ends")];
        let head = &table
            [table.find("<thead>").expect("a header")..table.find("</thead>").expect("its end")];
        assert_eq!(head.matches("<th scope=\"col\"").count(), 2, "{table}");
        assert!(
            head.contains(">指标</th>") && head.contains(">目标</th>"),
            "{table}"
        );
        assert!(!table.contains(">—<") && !table.contains("“—”"), "{table}");
    }
    let unit = site.page("chaohu/index.html");
    let latest = &unit[unit
        .find("<div class=\"tbl tbl-latest\"")
        .expect("the latest table")..];
    let latest = &latest[..latest.find("\n</div>\n").expect("its end")];
    assert!(
        !latest.contains(">2023年<") && !latest.contains(">—<"),
        "{latest}"
    );
    assert!(
        latest.contains("<li>表中各项均无2023年数据，未列“2023年”“比上年增长（%）”栏。</li>"),
        "{latest}"
    );

    let own = Site::example().file(
        "themes/news/templates/components/table.html",
        "<table class=\"own {{ table.kind }}\"><tr>{% for c in table.columns %}<th>{{ c.label }}</th>{% endfor %}</tr>\
         {% for row in table.rows %}<tr><th>{{ row.header }}</th>{% for cell in row.cells %}<td>{{ cell.text }}</td>{% endfor %}</tr>{% endfor %}</table>",
    );
    own.build(&[]).assert_ok();
    let plan = own.page("jinan/2024-industrial-plan/index.html");
    assert!(
        plan.contains("<table class=\"own targets\"><tr><th>指标</th><th>目标</th></tr><tr><th>规模以上工业总产值</th><td>170亿元以上</td></tr>"),
        "{plan}"
    );
}

#[test]
fn a_long_build_reports_progress_in_plain_lines_off_a_terminal() {
    let mut site = Site::fixture("base");
    for i in 0..320 {
        site = site.file(
            &format!("content/demo/n{i:03}.md"),
            &format!(
                "---\ntitle: 第{i}期\ndate: 2025-01-01\nperiod: 2024\n---\n{{{{ gdp.change }}}}。\n"
            ),
        );
    }
    let run = site.build(&[]);
    run.assert_ok();
    // 324 pages, sitemap.xml, robots.txt, 2 feeds, and the search page, meta.js, 321
    // bulletins' search texts, 64 shards
    assert!(run.stderr.contains("rendering 715 pages"), "{}", run.stderr);
    assert!(
        run.stderr.contains("50% (358 of 715 pages)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.starts_with("built 715 pages in "),
        "{}",
        run.stdout
    );
    let quiet = site.build(&["--quiet"]);
    quiet.assert_ok();
    assert_eq!((quiet.stdout.as_str(), quiet.stderr.as_str()), ("", ""));
}

/// A rebuild links pages that did not change from the previous output (same file, same
/// modification time: a deployment by rsync uploads nothing for them) and writes the
/// ones that did.
#[cfg(unix)]
#[test]
fn a_rebuild_keeps_unchanged_pages_and_rewrites_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::fixture("base");
    site.build(&[]).assert_ok();
    let public = site.path().join("public");
    let meta = |rel: &str| std::fs::metadata(public.join(rel)).expect("the page exists");
    let (unit, report) = ("demo/index.html", "demo/2025-report/index.html");
    let (unit_before, report_before) = (meta(unit), meta(report));
    let site = site.edit(
        "content/demo/2025-report.md",
        "（一）总体运行稳中有进。",
        "（一）总体运行稳中向好。",
    );
    site.build(&[]).assert_ok();
    assert_eq!(meta(unit).ino(), unit_before.ino());
    assert_eq!(meta(unit).mtime_nsec(), unit_before.mtime_nsec());
    assert_ne!(meta(report).ino(), report_before.ino());
    assert!(site.page(report).contains("总体运行稳中向好。"));
}

/// The example site's output, file by file (path and SHA-256): any change to what the
/// example pages print shows here, file by file, and must be accepted on purpose
/// (`cargo insta review`). Refactors of the pipeline leave it as it is.
#[test]
fn the_example_sites_output_is_byte_for_byte_what_it_was() {
    use sha2::{Digest, Sha256};
    let site = Site::example();
    site.build(&[]).assert_ok();
    let public = site.path().join("public");
    let mut lines: Vec<String> = walkdir::WalkDir::new(&public)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&public)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let digest = Sha256::digest(std::fs::read(e.path()).unwrap());
            format!("{rel}  {digest:x}")
        })
        .collect();
    lines.sort();
    insta::assert_snapshot!(lines.join("\n"));
}
