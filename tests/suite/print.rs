//! An official document prints as GB/T 9704-2012 asks: on A4, every word inside the type
//! area of 156 mm × 225 mm (37 mm from the top, 28 mm from the binding edge: left on
//! odd pages, right on even ones), a page number "— 1 —" under it on every page but the
//! 版记's, each annex on a page of its own labelled 附件 (one) or 附件1, 附件2 (several),
//! no page holding only the 落款, the 附件说明 or a caption, and the 版记 at the foot of
//! the last page. The fixture documents and the example's are printed with headless
//! Chromium and the PDF measured with poppler (`pdfinfo`, `pdftotext -bbox-layout`).
//!
//! Without Chromium or poppler the test is skipped with a note on stderr, unless the
//! environment variable `CI` is set: then it fails (CI installs `chromium poppler-utils
//! fonts-noto-cjk`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::Site;

/// Points per millimetre.
const MM: f64 = 72.0 / 25.4;
/// A4 in points.
const A4: (f64, f64) = (595.28, 841.89);
/// The type area in millimetres from the page's top-left corner on an odd page: x from
/// 28 to 184 (210 − 26), y from 37 to 262 (297 − 35). An even page's is mirrored: x from
/// 26 to 182.
const TYPE_AREA_MM: (f64, f64, f64, f64) = (28.0, 184.0, 37.0, 262.0);
const TOLERANCE_MM: f64 = 1.0;

const NOTICE: &str = "---
title: 关于印发《测试区2024年度工业发展要点》的通知
layout: document
doc_number: 测发〔2024〕5号
issuers: [中共测试市测试区委, 测试市测试区人民政府]
addressees: 各乡镇（街）党（工）委和人民政府（办事处），园区工委和管委，区直各单位：
index_number: 11341502003071234X/202402-00005
date: 2024-02-08
published: 2024-02-19
period: 2024
---
《测试区年度工业发展要点》已经区委、区政府研究同意，现印发给你们，请认真遵照执行。

全区要坚持稳中求进、以进促稳、先立后破，深度服务和融入具有国际竞争力的新能源汽车产业集群建设，加速培育新质生产力，推动工业经济实现质的有效提升和量的合理增长。

## 总体目标

全年规模以上工业总产值、规上工业增加值、工业投资和技改投资保持较快增长，新增一批规上工业企业，制造业增加值占地区生产总值的比重稳步提高。

## 主要任务

### 全面推动工业经济数字化转型

#### 打造数字化转型区域样板

加快新能源汽车产业“一区一业一样板”示范建设，对标创建、整体转型，力争年内建成省级数字化转型示范园区。

##### 推动平台深度赋能

依托工业互联网综合服务平台，推动“大企业建平台、中小企业用平台”双轮驱动，加快构建多层次工业互联网平台体系。

### 着力推动平台、产业、企业大提升

#### 建设对外开放大平台

深化开发区体制机制创新，实化“管委会+公司+基金”发展模式，为“双招双引”工作提供有力保障；加快产业园区发展，协同搭建产业协作、科技创新、金融赋能三大功能兼具的发展平台。

# 附件1 年度工业发展重点任务分解表

| 序号 | 重点任务 | 内容和要求 | 牵头单位 | 配合单位 |
| --- | --- | --- | --- | --- |
| 一 | 完成工业经济主要指标增长目标 | 规模以上工业总产值、规上工业增加值、工业投资和技改投资保持较快增长，新增一批规上工业企业，制造业增加值占地区生产总值的比重稳步提高；全年项目调度台账编号按11341502003071234X/202402-00005归档。 | 区经信局 | 区统计局、区发改委、测试经济开发区及有关乡镇 |
| 二 | 推进转型升级，促进提质增效 | 培育工业互联网平台、拓展工业互联网场景应用、开展工业互联网诊断，推进制造业集聚区、重点工业园区、企业厂区实现网络全覆盖，打造一批工业互联网示范应用项目。 | 区经信局 | 区数管局、电信、移动、联通等运营商，有关重点企业 |
";

#[test]
fn document_prints_on_a4_inside_the_gbt_9704_type_area() {
    let Some(tools) = Tools::find() else { return };
    let site = Site::fixture("base")
        .file(
            "content/jinan/_index.md",
            "---\nname: 测试市测试区\nlevel: 县区\n---\n用于打印测试的县区。\n",
        )
        .file("content/jinan/notice.md", NOTICE);
    site.build(&[]).assert_ok();
    let (info, pages) = tools.print_site_page(&site, "jinan/notice");

    // A4, as @page { size: A4 } asks (Chromium rounds to a hundredth of a millimetre).
    let (width, height) = page_size(&info).unwrap_or_else(|| panic!("no page size in:\n{info}"));
    assert!(
        (width - A4.0).abs() < 1.0 && (height - A4.1).abs() < 1.0,
        "the page is {width} × {height} pt, not A4 ({} × {} pt)",
        A4.0,
        A4.1
    );
    assert!(
        pages.len() >= 2,
        "expected the annex on its own page, got {} page(s)",
        pages.len()
    );
    assert_inside_the_type_area(&pages);
    assert_numbered(&pages, pages.len());

    // The 版头 prints; the website around the document does not.
    let first = text_of(&pages[0]);
    for text in [
        "中共测试市测试区委",
        "测试市测试区人民政府",
        "测发〔2024〕5号",
        "的通知",
    ] {
        assert!(first.contains(text), "page 1 lacks {text}: {first}");
    }
    // The site's header, footer and disclosure box are for the screen only.
    let all: String = pages.iter().map(|p| text_of(p)).collect();
    for text in ["测试经开区公报", "网站标识码", "索引号"] {
        assert!(!all.contains(text), "{text} is printed");
    }

    // The one annex starts on a page of its own, after the signature and its date,
    // labelled 附件 as the 附件说明 (附件：…) names it, not 附件1.
    let annex = page_of(&pages, "附件年度工业发展重点任务分解表").expect("the annex is printed");
    let signed = page_of(&pages, "2024年2月8日").expect("the 成文日期 is printed");
    assert!(
        annex >= 1 && annex > signed,
        "the annex (page {}) shares a page with the signature (page {})",
        annex + 1,
        signed + 1
    );
    assert!(!all.contains("附件1"), "a single annex is numbered: {all}");
    assert!(all.contains("附件：年度工业发展重点任务分解表"), "{all}");
    let annex_text = text_of(&pages[annex]);
    assert!(
        annex_text.contains("重点任务分解表") && annex_text.contains("内容和要求"),
        "{annex_text}"
    );
    assert_never_alone(
        &pages,
        &["中共测试市测试区委测试市测试区人民政府2024年2月8日"],
    );
}

/// Several annexes are numbered 附件1, 附件2 on their pages, as the 附件说明 lists them
/// (附件：1.… 2.…); the notice that issues a document is signed under its own text and the
/// document it issues starts on the next page.
#[test]
fn several_annexes_print_numbered_and_an_issued_document_follows_the_signature() {
    let Some(tools) = Tools::find() else { return };
    let notice = NOTICE.replace(
        "《测试区年度工业发展要点》已经",
        "现将要点印发给你们。\n\n# 测试区年度工业发展要点\n\n《测试区年度工业发展要点》已经",
    ) + "\n# 附件2 联络员名单\n\n| 单位 | 联络员 |\n| --- | --- |\n| 区经信局 | 张三 |\n";
    let site = Site::fixture("base")
        .file(
            "content/jinan/_index.md",
            "---\nname: 测试市测试区\nlevel: 县区\n---\n用于打印测试的县区。\n",
        )
        .file("content/jinan/notice.md", &notice);
    site.build(&[]).assert_ok();
    let (_, pages) = tools.print_site_page(&site, "jinan/notice");
    assert_inside_the_type_area(&pages);
    assert_numbered(&pages, pages.len());
    let all: String = pages.iter().map(|p| text_of(p)).collect();
    assert!(
        all.contains("附件：1.年度工业发展重点任务分解表2.联络员名单"),
        "{all}"
    );
    assert_on_later_pages(&pages, "附件1年度工业发展重点任务分解表", "附件2联络员名单");
    // the notice is signed before the document it issues
    assert_on_later_pages(&pages, "2024年2月8日", "测试区年度工业发展要点《测试区");
    assert_never_alone(
        &pages,
        &["中共测试市测试区委测试市测试区人民政府2024年2月8日"],
    );
}

/// The example's 红头文件 (issue 15), as `build` prints it with `pdf: true`: numbered
/// pages, the notice and its 落款 on page 1, no page holding only the 落款, the 附件说明 or
/// a caption, and the 版记 alone at the foot of the last page, unnumbered, on an even page
/// (GB/T 9704-2012, 7.4): after a blank, unnumbered page where the text ends on an even
/// page. In the same build a short notice fills one page and needs no blank page, and the
/// same notice with an annex ends its text on page 2 and does. The published page links
/// its PDF and never carries the class of the second print; a second build prints none.
#[test]
fn the_example_document_prints_numbered_with_its_colophon_last_on_an_even_page() {
    let Some(tools) = Tools::find() else { return };
    let site = Site::example()
        .edit("site.yaml", "language: zh-CN", "language: zh-CN\npdf: true")
        .file("content/jinan/short-notice.md", SHORT_NOTICE)
        .file(
            "content/jinan/short-annexed.md",
            &(SHORT_NOTICE.replace("6号", "7号")
                + "\n# 附件 联络员名单\n\n| 单位 | 联络员 |\n| --- | --- |\n| 区统计局 | 张三 |\n"),
        );
    site.build(&["--quiet"]).assert_ok();
    let html = site.page("jinan/2024-industrial-plan/index.html");
    assert!(
        html.contains(
            r#"<a href="2024-industrial-plan.pdf" type="application/pdf" download>下载PDF版</a>"#
        ),
        "the page does not link its PDF"
    );
    assert!(
        !html.contains(PDF_VERSO),
        "the published page carries {PDF_VERSO}"
    );
    let (_, pages) = tools.read_pdf(
        &site
            .path()
            .join("public/jinan/2024-industrial-plan/2024-industrial-plan.pdf"),
    );
    // 14 pages with Noto CJK and Chromium 148: 版头 and notice, ten of the 要点, two of
    // the annex (13 printed from the page, the 版记 on page 13), a blank page, the 版记.
    assert!(
        (11..=16).contains(&pages.len()),
        "{} pages: {}",
        pages.len(),
        pages
            .iter()
            .map(|p| text_of(p))
            .collect::<Vec<_>>()
            .join("\n---\n")
    );
    let numbered = assert_colophon_on_an_even_page(&pages);
    assert_inside_the_type_area(&pages);
    assert_numbered(&pages, numbered);
    let last = pages.len() - 1;

    let first = text_of(&pages[0]);
    assert!(
        first.contains("关于印发")
            && first.contains("中共六安市金安区委六安市金安区人民政府2024年2月8日"),
        "the notice is not signed on page 1: {first}"
    );
    // every caption shares its page with its table's head
    let captions: Vec<String> = html
        .split("<span class=\"cap-title\">")
        .skip(1)
        .filter_map(|s| s.split("</span>").next())
        .map(|c| c.replace(' ', "").replace("<wbr>", ""))
        .collect();
    assert!(captions.len() >= 8, "{captions:?}");
    for caption in &captions {
        let n = page_of(&pages, caption).unwrap_or_else(|| panic!("{caption} is not printed"));
        let text = text_of(&pages[n]);
        let after = &text[text.find(caption.as_str()).unwrap() + caption.len()..];
        assert!(
            after.contains("指标"),
            "{caption} is at the foot of page {} without its table",
            n + 1
        );
    }
    assert_never_alone(
        &pages,
        &[
            "中共六安市金安区委六安市金安区人民政府2024年2月8日",
            "附件：2024年度工业发展重点任务分解表",
        ],
    );
    // a group row of the task table is printed above its first task, never at a foot
    let groups: Vec<&str> = html
        .split("scope=\"colgroup\">")
        .skip(1)
        .filter_map(|s| s.split("</th>").next())
        .collect();
    assert!(groups.len() >= 3, "{groups:?}");
    for group in groups {
        // the last page that has it: the body's headings name the same themes
        let n = pages
            .iter()
            .rposition(|p| text_of(p).contains(group))
            .unwrap_or_else(|| panic!("{group} is not printed"));
        let text: String = pages[n]
            .iter()
            .filter(|w| !is_page_number(w))
            .map(|w| w.text.as_str())
            .collect();
        assert!(
            !text.ends_with(group),
            "the group row {group} is at the foot of page {}",
            n + 1
        );
    }
    // one annex, labelled 附件 on its own page
    let annex = page_of(&pages, "附件2024年度工业发展重点任务分解表序号").expect("the annex label");
    assert!(annex > 0 && annex < last);

    // The 版记 alone on the last page, its last rule on the foot of the type area.
    let colophon = text_of(&pages[last]);
    assert_eq!(
        colophon,
        "抄送：区人大常委会办公室，区政协办公室，区法院，区检察院。中共六安市金安区委办公室2024年2月8日印发"
    );
    let bottom = pages[last]
        .iter()
        .map(|w| (w.y_min + w.y_max) / 2.0 / MM)
        .fold(0.0, f64::max);
    assert!(
        (TYPE_AREA_MM.3 - bottom) < 12.0,
        "the 版记 ends {bottom:.1} mm from the top, not at the foot of the type area"
    );

    // The short notice: one page of text, the 版记 on its back, no blank page.
    let (_, short) = tools.read_pdf(
        &site
            .path()
            .join("public/jinan/short-notice/short-notice.pdf"),
    );
    assert_eq!(
        short.len(),
        2,
        "the short notice printed {} pages",
        short.len()
    );
    assert_eq!(assert_colophon_on_an_even_page(&short), 1);
    assert_numbered(&short, 1);
    assert!(text_of(&short[0]).contains("请各单位按时报送"));

    // The same notice with an annex: the text ends on page 2, so a blank page comes
    // before the 版记, whatever the fonts.
    let (_, annexed) = tools.read_pdf(
        &site
            .path()
            .join("public/jinan/short-annexed/short-annexed.pdf"),
    );
    assert_eq!(
        annexed.len(),
        4,
        "the annexed notice printed {} pages",
        annexed.len()
    );
    assert_eq!(assert_colophon_on_an_even_page(&annexed), 2);
    assert!(annexed[2].is_empty(), "page 3 is not blank");
    assert_numbered(&annexed, 2);
    assert!(text_of(&annexed[1]).contains("联络员名单"));

    // Built again with nothing changed, the PDFs are the previous build's files, not
    // printed again (seconds a document).
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let pdf = site
            .path()
            .join("public/jinan/2024-industrial-plan/2024-industrial-plan.pdf");
        let inode = std::fs::metadata(&pdf).unwrap().ino();
        site.build(&["--quiet"]).assert_ok();
        assert_eq!(
            std::fs::metadata(&pdf).unwrap().ino(),
            inode,
            "an unchanged document was printed again"
        );
    }
}

/// A notice whose text and 落款 fill one page: its 版记 is on page 2, with no blank page.
const SHORT_NOTICE: &str = "---
title: 关于做好2024年统计数据报送工作的通知
layout: document
doc_number: 金发〔2024〕6号
issuers: [六安市金安区人民政府]
addressees: 各乡镇人民政府（街道办事处），区直各单位：
date: 2024-03-01
period: 2024
cc: [区统计局]
printed_by: 六安市金安区人民政府办公室
printed_on: 2024-03-01
---
请各单位按时报送2024年统计数据，确保数据真实准确。
";

/// The class `bulletin` puts on the copy of a page Chromium prints a second time.
const PDF_VERSO: &str = "pdf-verso";

/// The 版记 is alone on the last page, an even one, and a page before it is blank only
/// where the text ended on an even page (the blank page is the standard's remedy, never
/// more). Returns how many pages carry the text (and numbers).
#[track_caller]
fn assert_colophon_on_an_even_page(pages: &[Vec<Word>]) -> usize {
    let n = pages.len();
    assert!(
        n >= 2 && n.is_multiple_of(2),
        "{n} pages: the 版记 is on an odd page"
    );
    let colophon = text_of(&pages[n - 1]);
    assert!(
        colophon.starts_with("抄送：") && colophon.ends_with("印发"),
        "the last page is not the 版记: {colophon}"
    );
    let blank = pages[n - 2].is_empty();
    let text = if blank { n - 2 } else { n - 1 };
    assert!(
        pages[..text].iter().all(|p| !p.is_empty()),
        "a blank page inside the text"
    );
    // the text ends on an odd page: the 版记 follows on the back of it; on an even one,
    // a blank page comes between
    assert_eq!(
        blank,
        text.is_multiple_of(2),
        "{text} pages of text, then {}the 版记",
        if blank { "a blank page and " } else { "" }
    );
    text
}

/// `pdf: true` without a browser to print is an error at site.yaml's `pdf:`, before
/// anything is written, never a build without its PDFs; so is a `BULLETIN_CHROMIUM`
/// naming no browser, and a browser that fails names the page it could not print and
/// leaves the previous output as it was. Needs no Chromium.
#[test]
fn pdfs_asked_for_without_a_browser_that_prints_fail_the_build() {
    let site = Site::fixture("base")
        .file(
            "content/jinan/_index.md",
            "---\nname: 测试市测试区\nlevel: 县区\n---\n用于打印测试的县区。\n",
        )
        .file("content/jinan/notice.md", NOTICE);
    // built once without PDFs: no link, no PDF
    site.build(&["--quiet"]).assert_ok();
    assert!(!site.page("jinan/notice/index.html").contains("下载PDF版"));
    assert!(!site.exists("jinan/notice/notice.pdf"));
    let before = std::fs::read(site.path().join("public/jinan/notice/index.html")).unwrap();
    let site = site.edit("site.yaml", "organisation:", "pdf: true\norganisation:");
    let empty = tempfile::tempdir().unwrap();
    let build = |chromium: Option<&Path>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_bulletin"));
        cmd.args(["--lang", "en", "build", "--quiet"])
            .current_dir(site.path())
            .env("PATH", empty.path())
            .env_remove("BULLETIN_CHROMIUM");
        if let Some(chromium) = chromium {
            cmd.env("BULLETIN_CHROMIUM", chromium);
        }
        let out = cmd.output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let unchanged = || {
        assert_eq!(
            std::fs::read(site.path().join("public/jinan/notice/index.html")).unwrap(),
            before,
            "the output changed"
        );
        assert!(!site.exists("jinan/notice/notice.pdf"));
    };

    let (code, stderr) = build(None);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error[site-config]: `pdf: true` asks for a PDF of every document, and no Chromium was found")
            && stderr.contains("┌─ site.yaml:3:6")
            && stderr.contains("BULLETIN_CHROMIUM"),
        "{stderr}"
    );
    unchanged();

    let (code, stderr) = build(Some(&empty.path().join("chrome")));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "BULLETIN_CHROMIUM={} names no browser",
            empty.path().join("chrome").display()
        )),
        "{stderr}"
    );
    unchanged();

    // a browser that fails: the page it could not print is named
    let broken = empty.path().join("broken-chrome");
    std::fs::write(
        &broken,
        "#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::fs::set_permissions(&broken, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let (code, stderr) = build(Some(&broken));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error[pdf]: Chromium could not print `jinan/notice/index.html`")
            && stderr.contains("content/jinan/notice.md")
            && stderr.contains("cannot open display"),
        "{stderr}"
    );
    unchanged();
}

/// `later` is printed on a page after the one `earlier` is printed on.
fn assert_on_later_pages(pages: &[Vec<Word>], earlier: &str, later: &str) {
    let at = |text: &str| page_of(pages, text).unwrap_or_else(|| panic!("no “{text}”"));
    let (a, b) = (at(earlier), at(later));
    assert!(
        a < b,
        "“{earlier}” on page {}, “{later}” on page {}",
        a + 1,
        b + 1
    );
}

/// The words of a page, joined.
fn text_of(words: &[Word]) -> String {
    words.iter().map(|w| w.text.as_str()).collect()
}

/// The first page whose text holds `text`.
fn page_of(pages: &[Vec<Word>], text: &str) -> Option<usize> {
    pages.iter().position(|p| text_of(p).contains(text))
}

/// Every word of every page is inside the type area (mirrored on even pages), but for
/// the page numbers under it.
fn assert_inside_the_type_area(pages: &[Vec<Word>]) {
    let (left, right, top, bottom) = TYPE_AREA_MM;
    let mut outside = Vec::new();
    for (n, words) in pages.iter().enumerate() {
        // odd pages (n even) bind on the left, even ones on the right: 2 mm to the left
        let shift = if n % 2 == 1 { 2.0 } else { 0.0 };
        for w in words.iter().filter(|w| !is_page_number(w)) {
            // Horizontally the word's box is its glyphs' advance; vertically poppler's box
            // spans the font's whole ascent and descent (about 2.6 em for Noto CJK), so
            // the middle half of it stands for the glyphs.
            let (x0, x1) = (w.x_min / MM, w.x_max / MM);
            let middle = (w.y_min + w.y_max) / 2.0 / MM;
            let half = (w.y_max - w.y_min) / 4.0 / MM;
            let (y0, y1) = (middle - half, middle + half);
            if x0 < left - shift - TOLERANCE_MM
                || x1 > right - shift + TOLERANCE_MM
                || y0 < top - TOLERANCE_MM
                || y1 > bottom + TOLERANCE_MM
            {
                outside.push(format!(
                    "page {}: “{}” at x {x0:.1}–{x1:.1} mm, y {y0:.1}–{y1:.1} mm",
                    n + 1,
                    w.text
                ));
            }
        }
    }
    assert!(
        outside.is_empty(),
        "words outside the type area (x {left}–{right} mm on odd pages, 2 mm left of that on even ones; y {top}–{bottom} mm):\n{}",
        outside.join("\n")
    );
}

/// A word under the type area: the page number and its dashes.
fn is_page_number(w: &Word) -> bool {
    (w.y_min + w.y_max) / 2.0 / MM > TYPE_AREA_MM.3 + 2.0
}

/// The first `numbered` pages carry "— n —" under the type area, right on odd pages and
/// left on even ones, one character in (GB/T 9704-2012, 7.5); the others none.
fn assert_numbered(pages: &[Vec<Word>], numbered: usize) {
    for (n, words) in pages.iter().enumerate() {
        let foot: Vec<&Word> = words.iter().filter(|w| is_page_number(w)).collect();
        let text: String = foot.iter().map(|w| w.text.as_str()).collect();
        if n >= numbered {
            assert!(text.is_empty(), "page {} is numbered “{text}”", n + 1);
            continue;
        }
        assert_eq!(text, format!("—{}—", n + 1), "the number of page {}", n + 1);
        // 7 mm under the type area, give or take the glyphs' box
        let middle = (foot[0].y_min + foot[0].y_max) / 2.0 / MM - TYPE_AREA_MM.3;
        assert!(
            (4.0..=10.0).contains(&middle),
            "page {}: the number is {middle:.1} mm under the type area",
            n + 1
        );
        let (x0, x1) = (foot[0].x_min / MM, foot.last().unwrap().x_max / MM);
        if n % 2 == 0 {
            assert!(
                (178.0..=184.0).contains(&x1),
                "page {}: the number ends at x {x1:.1} mm, not right",
                n + 1
            );
        } else {
            assert!(
                (26.0..=32.0).contains(&x0),
                "page {}: the number starts at x {x0:.1} mm, not left",
                n + 1
            );
        }
    }
}

/// No page holds only one of `parts` (a 落款, a 附件说明), alone or with the others, and no
/// page holds only a caption (表n …).
fn assert_never_alone(pages: &[Vec<Word>], parts: &[&str]) {
    for (n, words) in pages.iter().enumerate() {
        let mut text: String = words
            .iter()
            .filter(|w| !is_page_number(w))
            .map(|w| w.text.as_str())
            .collect();
        let had = parts.iter().any(|p| text.contains(p));
        for part in parts {
            text = text.replace(part, "");
        }
        assert!(
            !(had && text.is_empty()),
            "page {} holds only {}",
            n + 1,
            parts.join(" / ")
        );
        let words: Vec<&str> = words
            .iter()
            .filter(|w| !is_page_number(w))
            .map(|w| w.text.as_str())
            .collect();
        assert!(
            !(words.len() <= 3 && words.first().is_some_and(|w| w.starts_with('表'))),
            "page {} holds only a caption: {words:?}",
            n + 1
        );
    }
}

/// Headless Chromium and poppler's tools, found on PATH.
struct Tools {
    chromium: PathBuf,
    pdfinfo: PathBuf,
    pdftotext: PathBuf,
}

impl Tools {
    /// The tools, or None (with a note) when one is missing outside CI.
    fn find() -> Option<Tools> {
        let chromium = [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ]
        .iter()
        .find_map(|name| on_path(name));
        let pdfinfo = on_path("pdfinfo");
        let pdftotext = on_path("pdftotext");
        match (chromium, pdfinfo, pdftotext) {
            (Some(chromium), Some(pdfinfo), Some(pdftotext)) => Some(Tools {
                chromium,
                pdfinfo,
                pdftotext,
            }),
            _ => {
                let message = "the print test needs headless Chromium and poppler-utils \
                    (apt-get install chromium poppler-utils fonts-noto-cjk)";
                assert!(
                    std::env::var_os("CI").is_none(),
                    "{message}; CI is set, so this is a failure"
                );
                let _ = writeln!(std::io::stderr(), "skipped: {message}");
                None
            }
        }
    }

    /// Prints the page of bulletin `dir` (unit/slug) of a built site and returns
    /// `pdfinfo`'s report and the PDF's words page by page.
    fn print_site_page(&self, site: &Site, dir: &str) -> (String, Vec<Vec<Word>>) {
        let page = site.path().join("public").join(dir).join("index.html");
        assert!(page.is_file(), "no page {}", page.display());
        let pdf = site.path().join("print.pdf");
        self.print(&page, &pdf, site.path());
        self.read_pdf(&pdf)
    }

    /// `pdfinfo`'s report of a PDF and its words page by page.
    fn read_pdf(&self, pdf: &Path) -> (String, Vec<Vec<Word>>) {
        assert!(pdf.is_file(), "no PDF {}", pdf.display());
        let info = run(Command::new(&self.pdfinfo).arg(pdf));
        let layout = run(Command::new(&self.pdftotext)
            .arg("-bbox-layout")
            .arg(pdf)
            .arg("-"));
        (info, words_by_page(&layout))
    }

    /// Prints `page` to `pdf` as a reader's browser would, without header and footer.
    fn print(&self, page: &Path, pdf: &Path, scratch: &Path) {
        let profile = scratch.join("chromium-profile");
        let mut cmd = crate::harness::headless_chromium(&self.chromium);
        cmd.arg("--no-pdf-header-footer")
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", page.display()));
        let out = with_timeout(cmd, Duration::from_secs(120));
        assert!(
            pdf.is_file(),
            "Chromium wrote no PDF (exit {:?}):\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Runs a command to its end (killing it after `limit`) and returns its output.
fn with_timeout(mut cmd: Command, limit: Duration) -> std::process::Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("{cmd:?} ran longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

/// The stdout of a command that must succeed.
fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `Page size:       595.28 x 841.89 pts (A4)` → (595.28, 841.89).
fn page_size(info: &str) -> Option<(f64, f64)> {
    let line = info.lines().find(|l| l.starts_with("Page size:"))?;
    let mut numbers = line["Page size:".len()..]
        .split_whitespace()
        .filter_map(|s| s.parse::<f64>().ok());
    Some((numbers.next()?, numbers.next()?))
}

struct Word {
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
    text: String,
}

/// The words of `pdftotext -bbox-layout` output, page by page (coordinates in points
/// from the top-left corner).
fn words_by_page(html: &str) -> Vec<Vec<Word>> {
    html.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .filter_map(|w| {
                    let (attrs, rest) = w.split_once('>')?;
                    let text = rest.split("</word>").next()?;
                    Some(Word {
                        x_min: attr(attrs, "xMin")?,
                        y_min: attr(attrs, "yMin")?,
                        x_max: attr(attrs, "xMax")?,
                        y_max: attr(attrs, "yMax")?,
                        text: text
                            .replace("&lt;", "<")
                            .replace("&gt;", ">")
                            .replace("&quot;", "\"")
                            .replace("&amp;", "&"),
                    })
                })
                .collect()
        })
        .collect()
}

fn attr(attrs: &str, name: &str) -> Option<f64> {
    let start = attrs.find(&format!("{name}=\""))? + name.len() + 2;
    let len = attrs[start..].find('"')?;
    attrs[start..start + len].parse().ok()
}
