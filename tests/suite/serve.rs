//! `bulletin serve`: the real binary on an ephemeral loopback port, fetched over real
//! HTTP and WebSocket while the test edits the site on disk. Every wait is bounded; the
//! server is killed when its guard drops, whatever the test's outcome.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use tungstenite::{Message, WebSocket};

use crate::harness::{Site, main_of};
use crate::server::{PATIENCE, Server};

impl Server {
    /// GET `path` exactly as given (no normalisation of `..`).
    fn get(&self, path: &str) -> Response {
        let mut stream = TcpStream::connect(&self.host).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream.set_write_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.host
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Response::parse(&raw)
    }

    /// A WebSocket on the live-reload address, as the injected script opens it.
    fn live_reload(&self) -> WebSocket<TcpStream> {
        let stream = TcpStream::connect(&self.host).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let url = format!("ws://{}/__bulletin/livereload", self.host);
        let (socket, _) = tungstenite::client(url.as_str(), stream).unwrap();
        socket
    }

    /// Waits for "reload" messages until `page` satisfies `ok` right after one of them
    /// (an editor's save may come as more than one batch); fails after [`PATIENCE`].
    #[track_caller]
    fn reload_until(
        &self,
        socket: &mut WebSocket<TcpStream>,
        page: &str,
        ok: impl Fn(&Response) -> bool,
    ) -> Response {
        let deadline = Instant::now() + PATIENCE;
        loop {
            assert!(Instant::now() < deadline, "no reload led to the change");
            match socket.read() {
                Ok(Message::Text(text)) => {
                    assert_eq!(text.as_str(), "reload");
                    let response = self.get(page);
                    if ok(&response) {
                        return response;
                    }
                }
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    panic!("no reload led to the change within {PATIENCE:?}")
                }
                Err(e) => panic!("the live-reload socket failed while waiting: {e}"),
            }
        }
    }
}

struct Response {
    status: u16,
    headers: HashMap<String, String>,
    body: String,
}

impl Response {
    fn parse(raw: &[u8]) -> Response {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete HTTP response");
        let head = String::from_utf8_lossy(&raw[..split]);
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Response {
            status,
            headers,
            body: String::from_utf8_lossy(&raw[split + 4..]).into_owned(),
        }
    }

    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }
}

/// Replaces the first `from` with `to` in a site file, writing in place.
fn replace_in(site: &Site, rel: &str, from: &str, to: &str) {
    let path = site.path().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Saves as many editors do: a temporary file beside the target, renamed over it.
fn save_by_rename(dir: &Path, name: &str, text: &str) {
    let temp = dir.join(format!(".{name}.tmp-save"));
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, dir.join(name)).unwrap();
}

const BULLETIN: &str = "/tjgb/demo/2025-report/";
const OVERLAY: &str = "bulletin-serve-errors";

#[test]
fn serves_the_site_under_its_base_path_with_utf8_content_types() {
    let site = Site::fixture("base");
    let server = Server::start(&site, &[]);
    assert_eq!(server.base, "/tjgb/");

    let home = server.get("/tjgb/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), "text/html; charset=utf-8");
    assert!(home.body.replace("<wbr>", "").contains("测试经开区公报"));
    let page = server.get(BULLETIN);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("完成年度目标的156.4%"));
    let css = server.get("/tjgb/css/news.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");

    let root = server.get("/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("location"), "/tjgb/");
    let folder = server.get("/tjgb/demo");
    assert_eq!(folder.status, 302);
    assert_eq!(folder.header("location"), "/tjgb/demo/");
}

#[test]
fn the_preview_has_no_search_which_build_makes() {
    let site = Site::fixture("base");
    {
        let server = Server::start(&site, &[]);
        for path in ["/tjgb/", BULLETIN] {
            let page = server.get(path);
            assert_eq!(page.status, 200);
            assert!(!page.body.contains("search/index.html"), "{path}");
        }
        for path in ["/tjgb/search/index.html", "/tjgb/search/meta.js"] {
            assert_eq!(server.get(path).status, 404, "{path}");
        }
    }
    site.build(&[]).assert_ok();
    assert!(
        site.page("index.html")
            .contains("href=\"search/index.html\"")
    );
    assert!(site.exists("search/meta.js"));
}

#[test]
fn the_reload_script_is_served_but_never_built() {
    let site = Site::fixture("base");
    {
        let server = Server::start(&site, &[]);
        for path in ["/tjgb/", BULLETIN, "/tjgb/demo/"] {
            let page = server.get(path);
            assert!(page.body.contains("/__bulletin/livereload"), "{path}");
            assert!(page.body.contains("location.host"), "{path}");
        }
    }
    site.build(&[]).assert_ok();
    for rel in [
        "index.html",
        "demo/index.html",
        "demo/2025-report/index.html",
        "404.html",
    ] {
        let page = site.page(rel);
        assert!(!page.contains("livereload"), "{rel}");
        // the theme's own script files only, by `src`
        assert!(!page.contains("<script>"), "{rel}");
    }
}

#[test]
fn an_edited_bulletin_reloads_the_browser_with_the_change() {
    let site = Site::fixture("base");
    let server = Server::start(&site, &[]);
    let mut socket = server.live_reload();
    assert!(!server.get(BULLETIN).body.contains("第一次改动"));

    replace_in(
        &site,
        "content/demo/2025-report.md",
        "经济运行稳中有进。",
        "经济运行稳中有进，第一次改动。",
    );
    server.reload_until(&mut socket, BULLETIN, |r| r.body.contains("第一次改动"));

    // A title edit shows in the lists that hold it: the unit page and the home page.
    replace_in(
        &site,
        "content/demo/2025-report.md",
        "title: 乘势而上再登高",
        "title: 乘势而上再攀高",
    );
    server.reload_until(&mut socket, "/tjgb/demo/", |r| {
        r.body.replace("<wbr>", "").contains("乘势而上再攀高")
    });
    assert!(
        server
            .get("/tjgb/")
            .body
            .replace("<wbr>", "")
            .contains("乘势而上再攀高")
    );
}

#[test]
fn editor_save_patterns_create_replace_and_delete_pages() {
    let site = Site::fixture("base");
    let server = Server::start(&site, &[]);
    let mut socket = server.live_reload();
    let unit = site.path().join("content/demo");

    // Atomic save: a temporary file renamed over the bulletin.
    let text = std::fs::read_to_string(unit.join("2025-report.md")).unwrap();
    save_by_rename(
        &unit,
        "2025-report.md",
        &text.replace("稳中有进。", "稳中向好。"),
    );
    server.reload_until(&mut socket, BULLETIN, |r| r.body.contains("稳中向好"));

    // A new bulletin appears, and goes when its file is deleted.
    std::fs::write(
        unit.join("new-note.md"),
        "---\ntitle: 新增的公报\ndate: 2025-04-01\nperiod: 2024\n---\n新的内容。\n",
    )
    .unwrap();
    let new = "/tjgb/demo/new-note/";
    server.reload_until(&mut socket, new, |r| {
        r.status == 200 && r.body.contains("新的内容")
    });
    assert!(
        server
            .get("/tjgb/demo/")
            .body
            .replace("<wbr>", "")
            .contains("新增的公报")
    );
    std::fs::remove_file(unit.join("new-note.md")).unwrap();
    server.reload_until(&mut socket, new, |r| r.status == 404);
    assert!(
        !server
            .get("/tjgb/demo/")
            .body
            .replace("<wbr>", "")
            .contains("新增的公报")
    );

    // A static file is copied as it is.
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::fs::write(site.path().join("static/robots.txt"), "User-agent: *\n").unwrap();
    let robots = server.reload_until(&mut socket, "/tjgb/robots.txt", |r| r.status == 200);
    assert_eq!(robots.header("content-type"), "text/plain; charset=utf-8");
    assert_eq!(robots.body, "User-agent: *\n");
}

#[test]
fn a_broken_data_file_shows_the_overlay_over_the_last_good_pages_until_fixed() {
    let site = Site::fixture("base");
    let server = Server::start(&site, &[]);
    let mut socket = server.live_reload();
    let data = "content/demo/data.yaml";
    let good = std::fs::read_to_string(site.path().join(data)).unwrap();

    replace_in(
        &site,
        data,
        "values: { 2023: 77, 2024: 88 }",
        "values: { 2023: 77, 2024: 88",
    );
    let page = server.reload_until(&mut socket, BULLETIN, |r| r.body.contains(OVERLAY));
    assert_eq!(page.status, 200);
    // The last good page, with its figures...
    assert!(page.body.contains("完成年度目标的156.4%"));
    assert!(page.body.contains("上升11个百分点"));
    // ...under the error: file, line, column, message, hint.
    assert!(
        page.body.contains("content/demo/data.yaml:29:3"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(r#"data-file="content/demo/data.yaml" data-line="29" data-col="3""#)
    );
    assert!(page.body.contains("error[yaml-syntax]"));
    assert!(page.body.contains("<b>hint:</b>"));
    // Every HTML page shows it, the 404 page too; other files are untouched.
    assert!(server.get("/tjgb/").body.contains(OVERLAY));
    assert!(server.get("/tjgb/missing/").body.contains(OVERLAY));
    assert!(!server.get("/tjgb/css/news.css").body.contains(OVERLAY));

    std::fs::write(site.path().join(data), &good).unwrap();
    let page = server.reload_until(&mut socket, BULLETIN, |r| !r.body.contains(OVERLAY));
    assert!(page.body.contains("完成年度目标的156.4%"));
}

/// A unit's spreadsheet is watched like its data.yaml: an edited figure reaches the page,
/// a bad cell shows the overlay at its line and column, and Excel's lock file changes
/// nothing.
#[test]
fn an_edited_spreadsheet_reloads_the_pages_that_print_its_figures() {
    let site = Site::fixture("base").edit(
        "content/demo/data.yaml",
        "values: { 2023: 77, 2024: 88 }",
        "values: {}",
    );
    let csv = "content/demo/data.csv";
    let site = site.file(csv, "指标,2023年,2024年\n主导产业产值占比,77,88\n");
    let server = Server::start(&site, &[]);
    let mut socket = server.live_reload();
    assert!(server.get(BULLETIN).body.contains("上升11个百分点"));

    std::fs::write(site.path().join("content/demo/~$data.xlsx"), "lock").unwrap();
    replace_in(&site, csv, ",77,88", ",77,90");
    server.reload_until(&mut socket, BULLETIN, |r| r.body.contains("上升13个百分点"));

    replace_in(&site, csv, ",77,90", ",77,9O");
    let page = server.reload_until(&mut socket, BULLETIN, |r| r.body.contains(OVERLAY));
    assert!(
        page.body.contains("content/demo/data.csv:2:13"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("上升13个百分点"),
        "the last good page stays"
    );

    replace_in(&site, csv, ",77,9O", ",77,88");
    server.reload_until(&mut socket, BULLETIN, |r| {
        !r.body.contains(OVERLAY) && r.body.contains("上升11个百分点")
    });
}

#[test]
fn an_unknown_indicator_is_shown_with_its_hint_and_the_old_text_stays() {
    let site = Site::fixture("base");
    let server = Server::start(&site, &[]);
    let mut socket = server.live_reload();
    replace_in(
        &site,
        "content/demo/2025-report.md",
        "全年{{ gdp }}；",
        "全年{{ gpd }}；有新句子。",
    );
    let page = server.reload_until(&mut socket, BULLETIN, |r| r.body.contains(OVERLAY));
    assert!(
        page.body.contains("content/demo/2025-report.md:16:19"),
        "{}",
        page.body
    );
    assert!(page.body.contains("did you mean `gdp`?"));
    // The page is the last good one; the new sentence is only in the overlay's snippet.
    assert!(!main_of(&page.body).contains("有新句子"));

    replace_in(
        &site,
        "content/demo/2025-report.md",
        "{{ gpd }}",
        "{{ gdp }}",
    );
    let page = server.reload_until(&mut socket, BULLETIN, |r| !r.body.contains(OVERLAY));
    assert!(page.body.contains("有新句子"));
}

#[test]
fn a_template_error_is_shown_and_deleting_the_override_clears_it() {
    let site = Site::fixture("base");
    let server = Server::start(&site, &[]);
    let mut socket = server.live_reload();
    let templates = site.path().join("themes/news/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("404.html"),
        "{% extends \"base.html\" %}\n{% block content %}{{ oops( }}{% endblock content %}\n",
    )
    .unwrap();
    let page = server.reload_until(&mut socket, "/tjgb/", |r| r.body.contains(OVERLAY));
    assert!(
        page.body.contains("themes/news/templates/404.html:2:"),
        "{}",
        page.body
    );

    std::fs::remove_dir_all(site.path().join("themes")).unwrap();
    server.reload_until(&mut socket, "/tjgb/", |r| !r.body.contains(OVERLAY));
}

#[test]
fn paths_outside_the_output_are_refused() {
    let site = Site::fixture("base");
    let server = Server::start(&site, &[]);
    for path in [
        "/tjgb/../site.yaml",
        "/../site.yaml",
        "/tjgb/../../../etc/passwd",
        "/tjgb/%2e%2e/site.yaml",
        "/tjgb/%2E%2E/content/demo/data.yaml",
        "/tjgb/..%2fsite.yaml",
        "/tjgb/%2e%2e%2f%2e%2e%2fsite.yaml",
        "/tjgb/..%5csite.yaml",
        "/site.yaml",
        "/tjgb/site.yaml",
        "/content/demo/data.yaml",
    ] {
        let r = server.get(path);
        assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
        assert!(!r.body.contains("base_url"), "{path} served site.yaml");
        assert!(!r.body.contains("indicators:"), "{path} served data.yaml");
        assert!(!r.body.contains("root:"), "{path} served /etc/passwd");
    }
}

#[test]
fn a_missing_page_gets_the_site_404_page() {
    let site = Site::fixture("base");
    let server = Server::start(&site, &[]);
    for path in [
        "/tjgb/no-such-page/",
        "/tjgb/demo/nothing.html",
        "/elsewhere/",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.header("content-type"), "text/html; charset=utf-8");
        assert!(r.body.contains("not-found-code"), "{path}");
        // Its links start at the base path, as it is served at any address.
        assert!(r.body.contains(r#"href="/tjgb/index.html""#), "{path}");
    }
}

#[test]
fn drafts_are_served_with_their_mark_only_when_asked() {
    let site = Site::fixture("base");
    let draft = "/tjgb/demo/draft-note/";
    {
        let server = Server::start(&site, &[]);
        assert_eq!(server.get(draft).status, 404);
    }
    let server = Server::start(&site, &["--drafts"]);
    let page = server.get(draft);
    assert_eq!(page.status, 200);
    assert!(page.body.contains(r#"class="draft-stamp">草稿"#));
    assert!(
        server
            .get("/tjgb/demo/")
            .body
            .replace("<wbr>", "")
            .contains("草稿公报")
    );
}

#[test]
fn a_title_edit_reaches_the_interpretation_that_links_to_it() {
    let site = Site::fixture("base")
        .file(
            "content/demo/plan.md",
            "---\ntitle: 2025年工作要点\ndate: 2025-01-10\nperiod: 2024\nlayout: document\n---\n正文。\n",
        )
        .file(
            "content/demo/jiedu.md",
            "---\ntitle: 工作要点解读\ndate: 2025-01-11\nperiod: 2024\nlayout: document\ninterprets: plan\n---\n解读。\n",
        );
    let server = Server::start(&site, &[]);
    let mut socket = server.live_reload();
    let jiedu = "/tjgb/demo/jiedu/";
    assert!(
        server
            .get(jiedu)
            .body
            .replace("<wbr>", "")
            .contains("2025年工作要点")
    );

    replace_in(
        &site,
        "content/demo/plan.md",
        "title: 2025年工作要点",
        "title: 2025年工作要点（修订）",
    );
    server.reload_until(&mut socket, jiedu, |r| {
        r.body
            .replace("<wbr>", "")
            .contains("2025年工作要点（修订）")
    });
}

#[test]
fn a_renamed_unit_folder_moves_its_pages_and_is_still_watched() {
    let site = Site::fixture("base")
        .file(
            "content/extra/_index.md",
            "---\nname: 另一个开发区\n---\n介绍。\n",
        )
        .file(
            "content/extra/note.md",
            "---\ntitle: 另一份公报\ndate: 2025-05-01\nperiod: 2024\n---\n原来的内容。\n",
        );
    let server = Server::start(&site, &[]);
    let mut socket = server.live_reload();
    assert_eq!(server.get("/tjgb/extra/note/").status, 200);

    std::fs::rename(
        site.path().join("content/extra"),
        site.path().join("content/moved"),
    )
    .unwrap();
    server.reload_until(&mut socket, "/tjgb/moved/note/", |r| r.status == 200);
    assert_eq!(server.get("/tjgb/extra/note/").status, 404);

    // Files in the renamed folder are still watched under their new name.
    replace_in(&site, "content/moved/note.md", "原来的内容", "改过的内容");
    server.reload_until(&mut socket, "/tjgb/moved/note/", |r| {
        r.body.contains("改过的内容")
    });
}

#[test]
fn polling_notices_an_edit() {
    let site = Site::fixture("base");
    let server = Server::start(&site, &["--poll"]);
    let mut socket = server.live_reload();
    // The poll watcher compares modification times to the second: the fixture was
    // copied just now, so an edit in the same second would look unchanged.
    std::thread::sleep(Duration::from_millis(1100));
    replace_in(
        &site,
        "content/demo/2025-report.md",
        "经济运行稳中有进。",
        "经济运行稳中有进，轮询可见。",
    );
    server.reload_until(&mut socket, BULLETIN, |r| r.body.contains("轮询可见"));
}

#[test]
fn serve_keeps_the_source_boundary_of_build() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("shadow");
    std::fs::write(&secret, "root:$6$secret-hash:19000:0:99999:7:::\n").unwrap();
    let site = Site::fixture("base")
        .file("content/demo/2025-report.md~", "备份")
        .file("content/demo/logo.svg", "<svg onload=\"alert(1)\"/>")
        .file("content/demo/annex.pdf", "%PDF-1.7")
        .file("static/.DS_Store", "x");
    let server = Server::start(&site, &[]);
    assert_eq!(server.get("/tjgb/demo/annex.pdf").status, 200);
    for path in [
        "/tjgb/demo/2025-report.md~",
        "/tjgb/demo/logo.svg",
        "/tjgb/.DS_Store",
    ] {
        assert_eq!(server.get(path).status, 404, "{path}");
    }
    // A link out of the site, made while serving: an error, and never served.
    let mut socket = server.live_reload();
    std::os::unix::fs::symlink(&secret, site.path().join("content/demo/s.png")).unwrap();
    let page = server.reload_until(&mut socket, BULLETIN, |r| r.body.contains(OVERLAY));
    assert!(page.body.contains("error[outside-site]"), "{}", page.body);
    assert!(page.body.contains("content/demo/s.png"), "{}", page.body);
    let r = server.get("/tjgb/demo/s.png");
    assert_eq!(r.status, 404);
    assert!(!r.body.contains("secret-hash"));
    // An editor's backup saved while serving is not served either.
    std::fs::remove_file(site.path().join("content/demo/s.png")).unwrap();
    server.reload_until(&mut socket, BULLETIN, |r| !r.body.contains(OVERLAY));
    std::fs::write(
        site.path().join("content/demo/data.yaml.bak"),
        "indicators: []\n",
    )
    .unwrap();
    std::fs::write(site.path().join("content/demo/annex.pdf"), "%PDF-1.7 v2").unwrap();
    server.reload_until(&mut socket, "/tjgb/demo/annex.pdf", |r| {
        r.body == "%PDF-1.7 v2"
    });
    assert_eq!(server.get("/tjgb/demo/data.yaml.bak").status, 404);
    // A file where a page is generated is the error `build` gives.
    std::fs::write(
        site.path().join("content/demo/index.html"),
        "<h1>假冒页面</h1>",
    )
    .unwrap();
    let page = server.reload_until(&mut socket, BULLETIN, |r| r.body.contains(OVERLAY));
    assert!(
        page.body.contains("error[output-collision]"),
        "{}",
        page.body
    );
    assert!(!server.get("/tjgb/demo/").body.contains("假冒页面"));
}

/// What serve has in memory is what a clean build writes: after each edit of a random
/// sequence (seeded, so a failure can be replayed) every page and file of a clean build
/// is served byte for byte (but for the live-reload script), and every page the site no
/// longer has is gone.
#[test]
fn serve_after_a_random_sequence_of_edits_equals_a_clean_build() {
    // serve makes no search index and links none: the clean builds neither
    let site = Site::example().edit("site.yaml", "theme: news\n", "theme: news\nsearch: false\n");
    let root = site.path().to_path_buf();
    let server = Server::start(&site, &[]);
    let qa = std::fs::read_to_string(root.join("content/chaohu/2024-2026-plan-qa.md")).unwrap();
    // 全省开发区综合考核评价位次 comes from the unit's spreadsheet (edited below)
    let data = root.join("content/luan-kfq/data.yaml");
    let text = std::fs::read_to_string(&data).unwrap();
    let block = "    values:\n      2023: 53                        # seed gives 49th and \"提升4位\"; 2023 = 49 + 4\n      2024: 49\n";
    assert!(text.contains(block));
    std::fs::write(&data, text.replacen(block, "    values: {}\n", 1)).unwrap();
    std::fs::write(
        root.join("content/luan-kfq/data.csv"),
        "指标,2023年,2024年\nprovincial_rank,53,49\n",
    )
    .unwrap();
    let mut state = Edits {
        seed: 0x5eed_2026,
        jinan: "jinan",
        qa_gone: false,
        note: false,
        template: false,
        rank: 127,
        sheet_rank: 49,
        n: 0,
    };
    let mut seen = std::collections::BTreeSet::new();
    for step in 0..30 {
        let what = state.apply(&root, &qa);
        let clean = root.join(format!("../clean-{step}"));
        let build = Command::new(env!("CARGO_BIN_EXE_bulletin"))
            .args(["build", "--quiet", "-o"])
            .arg(&clean)
            .current_dir(&root)
            .output()
            .unwrap();
        assert!(
            build.status.success(),
            "step {step} ({what}): {}",
            String::from_utf8_lossy(&build.stderr)
        );
        let files: Vec<String> = walkdir::WalkDir::new(&clean)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&clean)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|rel| !rel.starts_with('.'))
            .collect();
        seen.extend(files.iter().cloned());
        let deadline = Instant::now() + PATIENCE;
        loop {
            let differs = seen.iter().find(|rel| {
                let served = server.get(&format!("/tjgb/{rel}"));
                match std::fs::read(clean.join(rel.as_str())) {
                    Ok(built) => {
                        served.status != 200
                            || without_reload(&served.body) != String::from_utf8_lossy(&built)
                    }
                    Err(_) => served.status != 404,
                }
            });
            match differs {
                None => break,
                Some(rel) if Instant::now() > deadline => {
                    panic!("step {step} ({what}): serve's {rel} is not the clean build's")
                }
                Some(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
        std::fs::remove_dir_all(&clean).unwrap();
    }
}

/// A served page without the live-reload script serve adds before `</body>`.
fn without_reload(html: &str) -> String {
    match html.find("<script>/* bulletin serve: live reload */") {
        Some(start) => {
            let end = html[start..].find("</script>").unwrap() + start + "</script>".len();
            format!("{}{}", &html[..start], &html[end..])
        }
        None => html.to_string(),
    }
}

/// The state of the example site under [`serve_after_a_random_sequence_of_edits_equals_a_clean_build`].
struct Edits {
    seed: u64,
    jinan: &'static str,
    qa_gone: bool,
    note: bool,
    template: bool,
    rank: u32,
    /// provincial_rank's 2024 position, in content/luan-kfq/data.csv.
    sheet_rank: u32,
    n: u32,
}

impl Edits {
    fn next(&mut self, below: u64) -> u64 {
        self.seed = self
            .seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.seed >> 33) % below
    }

    /// Makes one edit, picked at random; says which.
    fn apply(&mut self, root: &Path, qa: &str) -> &'static str {
        self.n += 1;
        let n = self.n;
        let work = root.join("content/luan-kfq/2025-work-conference.md");
        let edit = |path: &Path, f: &dyn Fn(&str) -> String| {
            let text = std::fs::read_to_string(path).unwrap();
            std::fs::write(path, f(&text)).unwrap();
        };
        match self.next(10) {
            0 => {
                edit(&work, &|t| format!("{t}\n第{n}次补充说明。\n"));
                "commentary"
            }
            1 => {
                edit(&work, &|t| {
                    let start = t.find("title: ").unwrap();
                    let end = start + t[start..].find('\n').unwrap();
                    format!("{}title: 乘势而上第{n}稿{}", &t[..start], &t[end..])
                });
                "title"
            }
            2 => {
                let data = root.join("content/luan-kfq/data.yaml");
                let (old, new) = (self.rank, 100 + (self.next(50) as u32));
                edit(&data, &|t| {
                    t.replacen(&format!("2024: {old}\n"), &format!("2024: {new}\n"), 1)
                });
                self.rank = new;
                "data"
            }
            3 => {
                let path = root.join("content/chaohu/2024-2026-plan-qa.md");
                if self.qa_gone {
                    std::fs::write(path, qa).unwrap();
                } else {
                    std::fs::remove_file(path).unwrap();
                }
                self.qa_gone = !self.qa_gone;
                "plan interpretation deleted or restored"
            }
            4 => {
                let path = root.join(format!("content/{}/2025-note.md", self.jinan));
                if self.note {
                    std::fs::remove_file(path).unwrap();
                } else {
                    std::fs::write(path, "---\ntitle: 济南市工业经济简报\ndate: 2025-03-01\nperiod: 2024\n---\n全年工业经济平稳运行。\n").unwrap();
                }
                self.note = !self.note;
                "bulletin added or removed"
            }
            5 => {
                let path = root.join("themes/news/templates/bulletin.html");
                let (plain, marked) = ("<article class", "<!-- edited --><article class");
                edit(&path, &|t| match t.contains(marked) {
                    true => t.replacen(marked, plain, 1),
                    false => t.replacen(plain, marked, 1),
                });
                self.template = !self.template;
                "template"
            }
            6 => {
                let to = if self.jinan == "jinan" {
                    "jinan-city"
                } else {
                    "jinan"
                };
                std::fs::rename(
                    root.join(format!("content/{}", self.jinan)),
                    root.join(format!("content/{to}")),
                )
                .unwrap();
                self.jinan = to;
                "unit renamed"
            }
            7 => {
                std::fs::create_dir_all(root.join("static")).unwrap();
                std::fs::write(
                    root.join("static/robots.txt"),
                    format!("User-agent: *\n# {n}\n"),
                )
                .unwrap();
                "static file"
            }
            9 => {
                let sheet = root.join("content/luan-kfq/data.csv");
                let (old, new) = (self.sheet_rank, 40 + (self.next(12) as u32));
                edit(&sheet, &|t| {
                    t.replacen(&format!(",53,{old}\n"), &format!(",53,{new}\n"), 1)
                });
                self.sheet_rank = new;
                "spreadsheet"
            }
            _ => {
                edit(&work, &|t| t.replacen("正月十一", "正月十一日", 1));
                "commentary in place"
            }
        }
    }
}
