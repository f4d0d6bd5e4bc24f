//! The offline search (issue 18, point 3) and the reading modes (point 4: 字号 大/中/小,
//! 长辈版): the index files a build writes under `search/`, the same bytes on every
//! build, and in headless Chromium from `file://`, under a CSP of `script-src 'self'`:
//! the search page finds a known bulletin by an indicator's alias (固投) and by a
//! bigram, title hits first and the query highlighted; the 大 switch changes the
//! computed font size and the next page opens with it. The probes (`search_probe.js`,
//! `font_probe.js`) are put into COPIES of built pages, as `phone.rs` does.

use std::path::Path;

use crate::harness::{Site, copy_dir};
use crate::phone::{chromium, title_after_load};

/// The first-quarter fixture with 固投 as an alias of 固定资产投资 and two more
/// bulletins: one with 固定资产投资 in its title, and a newer one (listed first) that
/// names it only in its text.
fn investment_site() -> Site {
    Site::fixture("proof/first-quarter")
        .edit(
            "content/linhe/data.yaml",
            "    name: 固定资产投资\n",
            "    name: 固定资产投资\n    aliases: [固投]\n",
        )
        .file(
            "content/linhe/2025q1-investment.md",
            "---\ntitle: 一季度全区固定资产投资稳步回升\ndate: 2025-04-23\nperiod: 2025Q1\n---\n\
             全区重点项目建设有序推进。\n\n新开工项目接续落地，固定资产投资保持平稳回升的态势。\n",
        )
        .file(
            "content/linhe/2025q1-industry.md",
            "---\ntitle: 一季度全区工业运行情况\ndate: 2025-04-25\nperiod: 2025Q1\n---\n\
             规上工业生产加快回升。\n\n工业企业技术改造带动了固定资产投资。\n",
        )
}

#[test]
fn the_index_is_written_beside_the_search_page_and_the_same_on_every_build() {
    let site = investment_site();
    site.build(&[]).assert_ok();
    let meta = site.page("search/meta.js");
    // aliases and short names from data.yaml, to the names they stand for
    assert_eq!(
        meta,
        "bulletinSearch.meta({\"shards\":16,\"docs\":3,\"aliases\":{\"固投\":[\"固定资产投资\"],\
         \"外贸进出口\":[\"进出口总额\"],\"税收占比\":[\"税收收入占一般公共预算收入比重\"],\
         \"规上工业增加值\":[\"规模以上工业增加值\"]}});\n"
    );
    // one text a bulletin, newest first; its address from the site's root
    let first = site.page("search/t/0.js");
    assert!(
        first.starts_with("bulletinSearch.doc(0,{\"t\":\"一季度全区工业运行情况\",\"u\":\"linhe/2025q1-industry/\",\"d\":\"2025-04-25\",\"n\":\"临河区\""),
        "{first}"
    );
    assert!(
        first.contains("\"工业企业技术改造带动了固定资产投资。\""),
        "{first}"
    );
    assert!(!site.exists("search/t/3.js"));
    // 16 shards; 投资 is in every bulletin, in the title of the second only (1A 1B 1A:
    // gaps of one, counts and the title bit)
    let shards: Vec<String> = (0..16)
        .map(|i| site.page(&format!("search/s/{i}.js")))
        .collect();
    assert!(!site.exists("search/s/16.js"));
    let holding: Vec<&String> = shards.iter().filter(|s| s.contains("\"投资\":")).collect();
    assert_eq!(holding.len(), 1);
    let list = holding[0].split("\"投资\":\"").nth(1).unwrap();
    let list = &list[..list.find('"').unwrap()];
    assert_eq!(&list[..2], "1A", "{list}");
    assert!(
        list[2..4].ends_with('B') || list[2..4].ends_with('D'),
        "{list}"
    );
    // the page links its own script files only, relatively
    let page = site.page("search/index.html");
    assert!(
        page.contains("<script src=\"../js/a11y.js\" defer></script>"),
        "{page}"
    );
    assert!(
        page.contains("<script src=\"../js/search.js\" defer></script>"),
        "{page}"
    );
    assert!(page.contains("class=\"search-nojs\""), "{page}");
    // a clean build again: the same bytes
    let before = tempfile::tempdir().unwrap();
    copy_dir(&site.path().join("public/search"), before.path());
    std::fs::remove_dir_all(site.path().join(".bulletin")).unwrap();
    std::fs::remove_dir_all(site.path().join("public")).unwrap();
    site.build(&[]).assert_ok();
    crate::harness::assert_same_tree(
        before.path(),
        &site.path().join("public/search"),
        "the search index of two clean builds",
    );
}

/// The results quote the page: a sentence with a figure shows the figure as the page
/// phrases it, not the sentence with a hole where it was.
#[test]
fn a_result_shows_a_sentence_with_its_figures_as_the_page_prints_them() {
    let site = Site::example();
    site.build(&[]).assert_ok();
    let page = "亿元及以上重点项目完成投资36.45亿元，完成年度目标的156.4%。";
    let html = site.page("luan-kfq/2025-work-conference/index.html");
    let shown: String = html
        .split('<')
        .map(|t| t.split_once('>').map_or(t, |(_, x)| x))
        .collect();
    assert!(shown.contains(page), "the page: {shown}");
    let text = search_text(&site, "乘势而上再登高 奋楫争先扛大梁");
    assert!(text.contains(page), "{text}");
    // a figure edited in data.yaml: the text says the new one after an incremental build
    let site = site.edit("content/luan-kfq/data.yaml", "36.45", "36.47");
    site.build(&[]).assert_ok();
    let again = search_text(&site, "乘势而上再登高 奋楫争先扛大梁");
    assert!(again.contains("完成投资36.47亿元"), "{again}");
}

/// The search text (`search/t/<n>.js`) of the bulletin titled `title`.
fn search_text(site: &Site, title: &str) -> String {
    std::fs::read_dir(site.path().join("public/search/t"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .find(|t| t.contains(&format!("\"{title}\"")))
        .unwrap_or_else(|| panic!("no search text of {title}"))
}

#[test]
fn an_edited_bulletin_is_found_by_its_new_words_after_an_incremental_build() {
    let site = investment_site();
    site.build(&[]).assert_ok();
    let site = site.edit("content/linhe/2025q1-investment.md", "有序推进", "提速推进");
    site.build(&[]).assert_ok();
    let shards: String = (0..16)
        .map(|i| site.page(&format!("search/s/{i}.js")))
        .collect();
    assert!(shards.contains("\"提速\":"));
    assert!(site.page("search/t/1.js").contains("提速推进"));
}

#[test]
fn a_site_that_turns_search_off_has_no_search_page_no_index_and_no_link_to_them() {
    let site = investment_site();
    site.build(&[]).assert_ok();
    let link = "href=\"../search/index.html\"";
    assert!(site.page("linhe/index.html").contains(link));
    // turned off after a build: the next build takes the folder away with the link
    let site = site.edit(
        "site.yaml",
        "organisation: 临河区统计局\n",
        "organisation: 临河区统计局\nsearch: false\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!site.exists("search"), "{}", run.stdout);
    for page in [
        "index.html",
        "linhe/index.html",
        "linhe/2025q1-investment/index.html",
    ] {
        let html = site.page(page);
        assert!(!html.contains("search/index.html"), "{page}: {html}");
        assert!(!html.contains("tool-search"), "{page}");
    }
    // the same output as a clean build with search off
    let clean = site.path().join("clean");
    site.build(&["-o", clean.to_str().unwrap()]).assert_ok();
    crate::harness::assert_same_tree(&site.path().join("public"), &clean, "search turned off");
    // and on again
    let site = site.edit("site.yaml", "search: false\n", "search: true\n");
    site.build(&[]).assert_ok();
    assert!(site.exists("search/meta.js"));
    assert!(site.page("linhe/index.html").contains(link));
}

/// A copy of `site`'s output with the probe `probe` as a file beside `page`, loaded
/// by it after its own scripts, under a CSP of `script-src 'self'`.
fn probed(site: &Site, copy: &Path, page: &str, probe: &str, data: &[(&str, &str)]) {
    let path = copy.join(page);
    let html = std::fs::read_to_string(&path).unwrap();
    let name = format!("probe-{}.js", page.replace('/', "-"));
    std::fs::write(path.parent().unwrap().join(&name), probe).unwrap();
    let attrs: String = data
        .iter()
        .map(|(k, v)| format!(" data-{k}=\"{}\"", v.replace('"', "&quot;")))
        .collect();
    let html = html
        .replacen("<html lang=\"zh-CN\">", &format!("<html lang=\"zh-CN\"{attrs}>"), 1)
        .replacen(
            "<meta charset=\"utf-8\">",
            "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self'\">",
            1,
        )
        .replacen("</head>", &format!("<script src=\"{name}\" defer></script>\n</head>"), 1);
    std::fs::write(&path, html).unwrap();
    let _ = site;
}

#[test]
fn the_search_page_finds_a_bulletin_by_alias_and_bigram_from_a_file() {
    let Some(chromium) = chromium() else { return };
    let site = investment_site();
    site.build(&[]).assert_ok();
    let copy = tempfile::tempdir().unwrap();
    // under a column path, as a web team publishes it
    let column = copy.path().join("tjgb");
    copy_dir(&site.path().join("public"), &column);
    probed(
        &site,
        &column,
        "search/index.html",
        include_str!("search_probe.js"),
        &[("queries", r#"["固投","产投","回升","工业投资","GDP","一"]"#)],
    );
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}/search/index.html", column.display());
    let title = title_after_load(&chromium, &url, profile.path());
    let json = title
        .strip_prefix("RESULT ")
        .unwrap_or_else(|| panic!("the probe did not finish: {title}"));
    let seen: serde_json::Value = serde_json::from_str(&json.replace("&amp;", "&")).unwrap();
    let by = |q: &str| {
        seen.as_array()
            .unwrap()
            .iter()
            .find(|r| r["q"] == q)
            .unwrap()
            .clone()
    };
    // 固投: the alias brings 固定资产投资; the title hit first, though two bulletins
    // are newer and one names it more often; the words highlighted are the name's
    let alias = by("固投");
    assert_eq!(
        alias["titles"],
        serde_json::json!([
            "一季度全区固定资产投资稳步回升",
            "一季度全区经济运行开局平稳",
            "一季度全区工业运行情况"
        ]),
        "{alias}"
    );
    assert!(
        alias["status"].as_str().unwrap().contains("固定资产投资"),
        "{alias}"
    );
    assert_eq!(
        alias["marks"],
        serde_json::json!(["固定资产投资", "固定资产投资"]),
        "{alias}"
    );
    assert!(
        alias["href"]
            .as_str()
            .unwrap()
            .ends_with("/tjgb/linhe/2025q1-investment/index.html"),
        "{alias}"
    );
    // 产投: two characters across two words of 固定资产投资
    assert_eq!(by("产投")["titles"][0], "一季度全区固定资产投资稳步回升");
    // 回升: in two bulletins' text, one title: the title first
    let bigram = by("回升");
    assert_eq!(
        bigram["titles"][0], "一季度全区固定资产投资稳步回升",
        "{bigram}"
    );
    assert_eq!(bigram["titles"].as_array().unwrap().len(), 3, "{bigram}");
    // 工业 and 投资 are in two bulletins, 工业投资 in none: nothing is shown
    let apart = by("工业投资");
    assert_eq!(apart["titles"], serde_json::json!([]), "{apart}");
    assert!(
        apart["status"].as_str().unwrap().starts_with("没有找到"),
        "{apart}"
    );
    // nothing found; one character is too short
    assert_eq!(by("GDP")["titles"], serde_json::json!([]));
    assert!(
        by("GDP")["status"]
            .as_str()
            .unwrap()
            .starts_with("没有找到")
    );
    assert!(by("一")["status"].as_str().unwrap().contains("至少两个字"));
}

#[test]
fn the_font_size_switch_changes_the_size_and_the_next_page_keeps_it() {
    let Some(chromium) = chromium() else { return };
    let site = Site::example();
    site.build(&[]).assert_ok();
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&site.path().join("public"), copy.path());
    let probe = include_str!("font_probe.js");
    probed(
        &site,
        copy.path(),
        "index.html",
        probe,
        &[("next", "luan-kfq/index.html")],
    );
    probed(&site, copy.path(), "luan-kfq/index.html", probe, &[]);
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}/index.html", copy.path().display());
    let title = title_after_load(&chromium, &url, profile.path());
    // 16 px, 大 is 125%: 20 px, and the unit page opens at 20 px with 大 checked
    assert_eq!(title, "FONT 16px 20px 20px opt-size-l");
}
