//! What a government web team checks before it publishes the output under a column of
//! its site: the 政府网站网页设计规范 meta set on every page kind, the 信息公开 block of
//! documents, `sitemap.xml` and `robots.txt`, the Atom feeds (parsed as XML and held to
//! RFC 4287's required elements) and the release package (`build --package`).

use std::collections::BTreeMap;
use std::path::Path;

use quick_xml::events::Event;
use sha2::{Digest, Sha256};

use crate::harness::Site;

/// An element of a parsed XML file: its name, attributes, text and children.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    #[track_caller]
    fn one<'a>(&'a self, name: &'a str) -> &'a Element {
        let found: Vec<&Element> = self.all(name).collect();
        assert_eq!(
            found.len(),
            1,
            "<{}> has {} <{name}>",
            self.name,
            found.len()
        );
        found[0]
    }
}

/// Parses `text` as XML (well-formed, or the test fails) into its root element.
#[track_caller]
fn parse_xml(text: &str) -> Element {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Element> = vec![Element::default()];
    let open = |e: &quick_xml::events::BytesStart<'_>| Element {
        name: e.name().as_ref().to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("a well-formed attribute");
                (
                    a.key.as_ref().to_string(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("an escaped value")
                        .into_owned(),
                )
            })
            .collect(),
        ..Element::default()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let el = open(&e);
                stack.last_mut().unwrap().children.push(el);
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(el);
            }
            Event::Text(t) => {
                stack.last_mut().unwrap().text.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) => {
                let name = r.into_inner();
                let raw = format!("&{name};");
                let text = quick_xml::escape::unescape(&raw).expect("an entity");
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut top = stack.pop().unwrap();
    assert_eq!(top.children.len(), 1, "one root element");
    top.children.pop().unwrap()
}

/// The `content` of every `<meta name=…>` (or `property=`) of a page's head, by name.
fn metas(html: &str) -> BTreeMap<String, Vec<String>> {
    let head = &html[..html.find("</head>").expect("a head")];
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for tag in head.split("<meta ").skip(1) {
        let tag = &tag[..tag.find('>').unwrap()];
        let attr = |name: &str| {
            let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
            Some(tag[start..start + tag[start..].find('"')?].to_string())
        };
        if let (Some(name), Some(content)) =
            (attr("name").or_else(|| attr("property")), attr("content"))
        {
            out.entry(name).or_default().push(content);
        }
    }
    out
}

#[track_caller]
fn meta<'a>(m: &'a BTreeMap<String, Vec<String>>, name: &str) -> &'a str {
    let v = m
        .get(name)
        .unwrap_or_else(|| panic!("no meta {name}: {m:?}"));
    assert_eq!(v.len(), 1, "meta {name} given {} times", v.len());
    &v[0]
}

/// Asserts that the build of `site` (with `args`) exits `code` and that its stderr holds
/// every one of `needles`.
#[track_caller]
fn assert_build_fails(site: &Site, args: &[&str], code: i32, needles: &[&str]) {
    let run = site.build(args);
    assert_eq!(run.code, code, "{}", run.stderr);
    for needle in needles {
        assert!(run.stderr.contains(needle), "{needle}: {}", run.stderr);
    }
}

const COLUMN_TAGS: [&str; 4] = [
    "ColumnName",
    "ColumnDescription",
    "ColumnKeywords",
    "ColumnType",
];
const ARTICLE_TAGS: [&str; 6] = [
    "ArticleTitle",
    "PubDate",
    "ContentSource",
    "Keywords",
    "Author",
    "Url",
];

#[test]
fn every_page_kind_carries_the_meta_set_the_rules_give_it() {
    let site = Site::example();
    site.build(&[]).assert_ok();
    let base = "https://www.example.gov.cn/tjgb/";
    let pages = [
        ("index.html", "home"),
        ("luan-kfq/index.html", "unit"),
        ("luan-kfq/2025-work-conference/index.html", "news"),
        ("jinan/2024-industrial-plan/index.html", "document"),
        ("chaohu/2024-2026-plan/index.html", "plan"),
        ("404.html", "404"),
    ];
    for (path, kind) in pages {
        let html = site.page(path);
        let m = metas(&html);
        assert_eq!(
            meta(&m, "SiteName"),
            "六安经济技术开发区管理委员会",
            "{kind}"
        );
        assert_eq!(meta(&m, "SiteDomain"), "www.example.gov.cn", "{kind}");
        assert_eq!(meta(&m, "SiteIDCode"), "3415000001", "{kind}");
        // HTML reads meta names without regard to case and allows one description.
        let descriptions = m
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("description"))
            .map(|(_, v)| v.len())
            .sum::<usize>();
        assert_eq!(descriptions, 1, "{kind}: one description");
        let article = matches!(kind, "news" | "document" | "plan");
        for tag in ARTICLE_TAGS {
            assert_eq!(m.contains_key(tag), article, "{kind}: {tag}");
        }
        if kind == "404" {
            for tag in COLUMN_TAGS {
                assert!(!m.contains_key(tag), "404: {tag}");
            }
            assert!(
                !html.contains("rel=\"canonical\""),
                "404 has no address of its own"
            );
            continue;
        }
        assert_eq!(meta(&m, "ColumnName"), "六安经开区经济运行公报", "{kind}");
        assert_eq!(meta(&m, "ColumnType"), "统计信息", "{kind}");
        assert_eq!(
            meta(&m, "ColumnKeywords"),
            "经济运行,统计公报,六安经开区",
            "{kind}"
        );
        let url = format!("{base}{}", path.trim_end_matches("index.html"));
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")),
            "{kind}: canonical {url}"
        );
        assert_eq!(meta(&m, "og:url"), url, "{kind}");
        assert!(!meta(&m, "og:title").is_empty(), "{kind}");
        assert_eq!(
            meta(&m, "og:description"),
            meta(&m, "Description"),
            "{kind}"
        );
        assert!(
            html.contains("type=\"application/atom+xml\""),
            "{kind}: feed link"
        );
        if article {
            assert_eq!(meta(&m, "Url"), url, "{kind}");
            assert_eq!(meta(&m, "og:type"), "article", "{kind}");
        }
    }
    let news = metas(&site.page("luan-kfq/2025-work-conference/index.html"));
    assert_eq!(meta(&news, "ArticleTitle"), "乘势而上再登高 奋楫争先扛大梁");
    assert_eq!(meta(&news, "PubDate"), "2025-02-08");
    assert_eq!(meta(&news, "ContentSource"), "六安开发区党政办");
    assert_eq!(meta(&news, "Author"), "本报记者 张明");
    // No keywords of its own: the column's.
    assert_eq!(meta(&news, "Keywords"), "经济运行,统计公报,六安经开区");
    let doc = metas(&site.page("jinan/2024-industrial-plan/index.html"));
    let issuers = "中共六安市金安区委、六安市金安区人民政府";
    assert_eq!(meta(&doc, "ContentSource"), issuers);
    assert_eq!(meta(&doc, "Author"), issuers);
    assert_eq!(meta(&doc, "Keywords"), "经济运行,统计公报,六安经开区");
}

#[test]
fn meta_values_and_feed_summaries_are_escaped() {
    let site = Site::fixture("base")
        .edit(
            "site.yaml",
            "footer:",
            "meta:\n  column: 统计\"公报\" & <数据>\n  site_domain: tjj.example.gov.cn\nfooter:",
        )
        .edit(
            "content/demo/2025-report.md",
            "summary: 2024年主要指标稳中有进。",
            "summary: 指标\"稳中有进\" & <b>向好</b>\nkeywords: [工作会议, \"A&B\"]\ntime: \"09:30\"",
        );
    site.build(&[]).assert_ok();
    let html = site.page("demo/2025-report/index.html");
    assert!(
        html.contains(
            r#"<meta name="ColumnName" content="统计&quot;公报&quot; &amp; &lt;数据&gt;">"#
        )
    );
    assert!(html.contains(
        r#"<meta name="Description" content="指标&quot;稳中有进&quot; &amp; &lt;b&gt;向好&lt;/b&gt;">"#
    ));
    assert!(!html.contains("<b>向好"), "nothing unescaped");
    let m = metas(&html);
    assert_eq!(meta(&m, "SiteDomain"), "tjj.example.gov.cn");
    assert_eq!(meta(&m, "PubDate"), "2025-02-08 09:30");
    // A bulletin's own keywords, joined as the rules' examples join them.
    assert_eq!(meta(&m, "Keywords"), "工作会议,A&amp;B");
    // Without `organisation`-like meta the site name is the organisation.
    assert_eq!(meta(&m, "SiteName"), "测试经开区管委会");
    // The feed carries the summary as text, escaped once.
    let feed = parse_xml(&site.page("feed.xml"));
    let entry = feed.one("entry");
    // The hour of publication, where the front matter gives one.
    assert_eq!(entry.one("updated").text, "2025-02-08T09:30:00+08:00");
    assert_eq!(feed.one("updated").text, "2025-02-08T09:30:00+08:00");
    assert_eq!(entry.one("summary").text, "指标\"稳中有进\" & <b>向好</b>");
}

#[test]
fn a_malformed_site_id_code_domain_or_time_is_an_error_at_its_value() {
    let site = Site::fixture("base").edit("site.yaml", "\"3415000001\"", "\"34150-001\"");
    assert_build_fails(
        &site,
        &[],
        1,
        &["site.yaml:6:14", "SiteIDCode", "`bm` and eight digits"],
    );
    assert!(!site.exists("index.html"), "a failed build writes nothing");
    // A department's code is `bm` and eight digits.
    let site = Site::fixture("base").edit("site.yaml", "\"3415000001\"", "bm29000002");
    site.build(&[]).assert_ok();
    assert_eq!(
        meta(&metas(&site.page("index.html")), "SiteIDCode"),
        "bm29000002"
    );
    let site = Site::fixture("base").edit(
        "site.yaml",
        "footer:",
        "meta:\n  site_domain: https://www.example.gov.cn/\nfooter:",
    );
    assert_build_fails(&site, &[], 1, &["site.yaml:5:16", "SiteDomain"]);
    let site = Site::fixture("base").edit(
        "content/demo/2025-report.md",
        "date: 2025-02-08\n",
        "date: 2025-02-08\ntime: 24:10\n",
    );
    assert_build_fails(
        &site,
        &[],
        1,
        &["content/demo/2025-report.md:6:7", "is not a time of day"],
    );
}

#[test]
fn a_document_discloses_its_topic_and_publisher() {
    let site = Site::example().edit(
        "content/jinan/2024-industrial-plan.md",
        "date: 2024-02-08\n",
        "date: 2024-02-08\npublished: 2024-02-19\npublisher: 六安市金安区人民政府办公室\ntopic: 工业、交通\\工业\n",
    );
    site.build(&[]).assert_ok();
    let html = site.page("jinan/2024-industrial-plan/index.html");
    let block = &html[html.find("class=\"doc-meta\"").unwrap()..];
    let block = &block[..block.find("</section>").unwrap()];
    for row in [
        "<dt>索引号</dt>",
        "<dt>主题分类</dt><dd>工业、交通\\工业</dd>",
        "<dt>发文机关</dt><dd>中共六安市金安区委、六安市金安区人民政府</dd>",
        "<dt>发布机构</dt><dd>六安市金安区人民政府办公室</dd>",
        "<dt>成文日期</dt>",
        "<dt>发布日期</dt><dd>2024年2月19日</dd>",
        "<dt>发文字号</dt><dd>金发〔2024〕5号</dd>",
    ] {
        assert!(block.contains(row), "{row} in {block}");
    }
    // The rules' PubDate is the day of publication.
    assert_eq!(meta(&metas(&html), "PubDate"), "2024-02-19");
    // A news bulletin has no disclosure block: a topic there would be dropped.
    let site = Site::fixture("base").edit(
        "content/demo/2025-report.md",
        "period: 2024\n",
        "period: 2024\ntopic: 综合政务\n",
    );
    assert_build_fails(&site, &[], 1, &["does not print `topic`"]);
}

/// Every HTML page of an output but the 404 page, as its address under `base`.
fn page_urls(public: &Path, base: &str) -> Vec<String> {
    let mut urls: Vec<String> = output_files(public)
        .into_keys()
        .filter(|rel| rel == "index.html" || rel.ends_with("/index.html"))
        // the search page is a form, not content
        .filter(|rel| rel != "search/index.html")
        .map(|rel| format!("{base}{}", rel.trim_end_matches("index.html")))
        .collect();
    urls.sort();
    urls
}

/// A column two folders deep on another host.
const SUB_PATH: &str = "https://tjj.example.gov.cn/xxgk/tjgb/";

/// The example site published under [`SUB_PATH`], built.
fn example_under_a_sub_path() -> Site {
    let site = Site::example().edit("site.yaml", "https://www.example.gov.cn/tjgb/", SUB_PATH);
    site.build(&[]).assert_ok();
    site
}

#[test]
fn the_sitemap_lists_every_page_under_the_column_path_with_its_date() {
    let (site, base) = (example_under_a_sub_path(), SUB_PATH);
    let sitemap = parse_xml(&site.page("sitemap.xml"));
    assert_eq!(sitemap.name, "urlset");
    assert_eq!(
        sitemap.attrs["xmlns"],
        "http://www.sitemaps.org/schemas/sitemap/0.9"
    );
    let mut locs = Vec::new();
    let mut dates = BTreeMap::new();
    for url in sitemap.all("url") {
        let loc = url.one("loc").text.clone();
        // sitemaps.org: an absolute address of at most 2,048 characters, under the
        // sitemap's own folder.
        assert!(loc.starts_with(base) && loc.len() <= 2048, "{loc}");
        if let Some(lastmod) = url.all("lastmod").next() {
            let d = &lastmod.text;
            assert!(
                d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-',
                "W3C date: {d}"
            );
            dates.insert(loc.clone(), d.clone());
        }
        locs.push(loc);
    }
    let count = locs.len();
    locs.sort();
    locs.dedup();
    assert_eq!(locs.len(), count, "each page once");
    assert_eq!(locs, page_urls(&site.path().join("public"), base));
    assert!(!locs.iter().any(|l| l.contains("404")));
    assert_eq!(
        dates[&format!("{base}luan-kfq/2025-work-conference/")],
        "2025-02-08"
    );
    assert_eq!(dates[&format!("{base}luan-kfq/")], "2025-02-08");
    assert_eq!(
        dates[base], "2025-02-08",
        "the home page: the newest bulletin"
    );
    assert_eq!(
        dates[&format!("{base}jinan/2024-industrial-plan/")],
        "2024-02-08"
    );
    let robots = site.page("robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {base}sitemap.xml")),
        "{robots}"
    );
    assert!(robots.starts_with("User-agent: *\n"), "{robots}");
}

/// A rebuild after a date edit gives the sitemap the new date (the sitemap records the
/// bulletins' dates, not their whole front matter: a title edit leaves it as it was,
/// which `incremental.rs` counts).
#[test]
fn a_rebuild_after_a_date_edit_dates_the_sitemap_anew() {
    const WORK: &str = "content/luan-kfq/2025-work-conference.md";
    let site = Site::example();
    site.build(&[]).assert_ok();
    let entry =
        |date: &str| format!("luan-kfq/2025-work-conference/</loc><lastmod>{date}</lastmod>");
    assert!(site.page("sitemap.xml").contains(&entry("2025-02-08")));
    let site = site.edit(WORK, "date: 2025-02-08", "date: 2025-02-09");
    site.build(&[]).assert_ok();
    let text = site.page("sitemap.xml");
    assert!(text.contains(&entry("2025-02-09")), "{text}");
}

#[test]
fn a_site_s_own_robots_txt_replaces_the_generated_one() {
    let site = Site::fixture("base").file("static/robots.txt", "User-agent: *\nDisallow: /x/\n");
    site.build(&[]).assert_ok();
    assert_eq!(site.page("robots.txt"), "User-agent: *\nDisallow: /x/\n");
    assert!(site.exists("sitemap.xml"));
}

/// An RFC 3339 date-time as the feeds print it.
#[track_caller]
fn assert_rfc3339(t: &str) {
    let b = t.as_bytes();
    assert!(
        t.len() >= 20
            && b[4] == b'-'
            && b[7] == b'-'
            && b[10] == b'T'
            && b[13] == b':'
            && b[16] == b':'
            && (t.ends_with('Z') || t.ends_with("+08:00")),
        "not an RFC 3339 date-time: {t}"
    );
}

/// The feed at `rel` parsed and held to RFC 4287's required elements; its entries'
/// addresses, newest first.
#[track_caller]
fn atom_entries(site: &Site, rel: &str, base: &str) -> Vec<(String, String)> {
    let feed = parse_xml(&site.page(rel));
    assert_eq!(feed.name, "feed", "{rel}");
    assert_eq!(feed.attrs["xmlns"], "http://www.w3.org/2005/Atom", "{rel}");
    assert_eq!(feed.one("id").text, format!("{base}{rel}"), "{rel}: id");
    assert!(!feed.one("title").text.is_empty(), "{rel}: title");
    assert_rfc3339(&feed.one("updated").text);
    let self_link: Vec<&Element> = feed
        .all("link")
        .filter(|l| l.attrs["rel"] == "self")
        .collect();
    assert_eq!(self_link.len(), 1, "{rel}: one self link");
    assert_eq!(self_link[0].attrs["href"], format!("{base}{rel}"));
    // Every entry has an author: the feed's.
    assert!(
        !feed.one("author").one("name").text.is_empty(),
        "{rel}: author"
    );
    let mut newest = String::new();
    let entries: Vec<(String, String)> = feed
        .all("entry")
        .map(|e| {
            let id = e.one("id").text.clone();
            assert!(id.starts_with(base), "{rel}: entry id {id}");
            assert!(!e.one("title").text.is_empty(), "{rel}: entry title");
            let updated = e.one("updated").text.clone();
            assert_rfc3339(&updated);
            let alternate: Vec<&Element> = e
                .all("link")
                .filter(|l| l.attrs["rel"] == "alternate")
                .collect();
            assert_eq!(alternate.len(), 1, "{rel}: entry link");
            assert_eq!(alternate[0].attrs["href"], id, "{rel}: the id is the page");
            newest = newest.clone().max(updated.clone());
            (id, updated)
        })
        .collect();
    if !entries.is_empty() {
        assert_eq!(
            feed.one("updated").text,
            newest,
            "{rel}: updated is the newest entry's"
        );
    }
    entries
}

#[test]
fn the_site_and_each_unit_have_an_atom_feed_of_their_bulletins() {
    let (site, base) = (example_under_a_sub_path(), SUB_PATH);
    let all = atom_entries(&site, "feed.xml", base);
    let ids: Vec<&str> = all.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        [
            format!("{base}luan-kfq/2025-work-conference/"),
            format!("{base}chaohu/2024-2026-plan-qa/"),
            format!("{base}chaohu/2024-2026-plan/"),
            format!("{base}jinan/2024-industrial-plan/"),
        ]
    );
    assert_eq!(all[0].1, "2025-02-08T00:00:00+08:00");
    let chaohu = atom_entries(&site, "chaohu/feed.xml", base);
    assert_eq!(chaohu.len(), 2);
    assert!(
        chaohu
            .iter()
            .all(|(id, _)| id.starts_with(&format!("{base}chaohu/")))
    );
    // A unit without bulletins still has its feed, with no entries.
    assert!(atom_entries(&site, "chaohu/anchao/feed.xml", base).is_empty());
    // Each feed is linked from the pages that list its bulletins.
    assert!(
        site.page("chaohu/index.html")
            .contains("href=\"../chaohu/feed.xml\"")
    );
    assert!(site.page("index.html").contains("href=\"feed.xml\""));
}

/// The files of an output as the build wrote them (the marker aside), by path.
fn output_files(public: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(public)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.file_name() != ".bulletin-output")
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(public)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn a_package_holds_every_file_and_a_manifest_of_their_sha256() {
    let site = Site::example();
    let run = site.build(&["--package"]);
    run.assert_ok();
    let zip_path = site.path().join("public.zip");
    assert!(run.stdout.contains("public.zip"), "{}", run.stdout);
    let files = output_files(&site.path().join("public"));
    let beside = std::fs::read_to_string(site.path().join("public.sha256")).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut inner = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name(".bulletin-manifest.sha256").unwrap(),
        &mut inner,
    )
    .unwrap();
    assert_eq!(inner, beside, "the manifest inside the zip and beside it");
    let mut listed = BTreeMap::new();
    for line in beside.lines().filter(|l| !l.starts_with('#')) {
        let (hash, path) = line.split_once("  ").expect("sha256sum's format");
        listed.insert(path.to_string(), hash.to_string());
    }
    assert_eq!(
        listed.keys().collect::<Vec<_>>(),
        files.keys().collect::<Vec<_>>(),
        "every file of the output, and nothing else"
    );
    for (path, bytes) in &files {
        assert_eq!(
            listed[path],
            format!("{:x}", Sha256::digest(bytes)),
            "{path}"
        );
        let mut entry = zip.by_name(path).unwrap();
        let mut zipped = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut zipped).unwrap();
        assert_eq!(&zipped, bytes, "{path} in the zip");
        let t = entry.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day()),
            (1980, 1, 1),
            "{path}: no clock"
        );
    }
    assert!(files.contains_key("sitemap.xml") && files.contains_key("feed.xml"));
    assert_eq!(zip.len(), files.len() + 1);
}

#[test]
fn two_builds_of_the_same_site_write_the_same_package() {
    let site = Site::example();
    site.build(&["--package"]).assert_ok();
    let first = std::fs::read(site.path().join("public.zip")).unwrap();
    // A clean build, a second later: nothing of the clock or the run goes in.
    std::fs::remove_dir_all(site.path().join("public")).unwrap();
    std::fs::remove_dir_all(site.path().join(".bulletin")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    site.build(&["--package"]).assert_ok();
    let second = std::fs::read(site.path().join("public.zip")).unwrap();
    assert!(first == second, "two packages of one site differ");
    // Into another folder, at a path given: the same files, the same zip.
    let out = site.path().join("elsewhere/public");
    let zip = site.path().join("release/bulletin.zip");
    site.build(&[
        "-o",
        out.to_str().unwrap(),
        "--package",
        zip.to_str().unwrap(),
    ])
    .assert_ok();
    assert!(std::fs::read(&zip).unwrap() == first);
    assert!(site.path().join("release/bulletin.sha256").is_file());
}

#[test]
fn a_package_never_replaces_what_bulletin_did_not_write() {
    let site = Site::example().file("public.zip", "my own archive");
    assert_build_fails(&site, &["--package"], 2, &["refusing to write the package"]);
    assert_eq!(
        std::fs::read_to_string(site.path().join("public.zip")).unwrap(),
        "my own archive"
    );
    assert!(!site.path().join("public").exists(), "nothing was built");
    assert!(!site.path().join("public.sha256").exists());
    // Never inside the output, which is published.
    assert_build_fails(
        &site,
        &["--package", "public/release.zip"],
        2,
        &["inside the output folder"],
    );
    // A package of ours is replaced.
    std::fs::remove_file(site.path().join("public.zip")).unwrap();
    site.build(&["--package"]).assert_ok();
    site.build(&["--package"]).assert_ok();
    // A manifest that is not ours is kept, and so is the zip.
    std::fs::write(site.path().join("public.sha256"), "notes\n").unwrap();
    let before = std::fs::read(site.path().join("public.zip")).unwrap();
    assert_build_fails(&site, &["--package"], 2, &["a file bulletin did not write"]);
    assert!(std::fs::read(site.path().join("public.zip")).unwrap() == before);
    // A failed build writes no package.
    let site = Site::example().edit(
        "content/luan-kfq/2025-work-conference.md",
        "{{ national_rank }}",
        "{{ national_rnak }}",
    );
    site.build(&["--package"]).assert_failed();
    assert!(!site.path().join("public.zip").exists());
}
