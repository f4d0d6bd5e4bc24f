//! Hostile inputs and the scripts of the output (issue 18): the only scripts a page
//! carries are the theme's own files (`js/a11y.js` on every page, `js/search.js` on the
//! search page), linked by relative path, never inline, never from elsewhere; and a
//! bulletin's text, whatever it holds, cannot end or break the search index's script
//! files (`search/`), which load it as data.

use std::path::Path;
use std::process::Command;

use crate::harness::Site;
use crate::support::{LIMIT, run_limited};

/// Every `.html` file under `root`, as (path from `root`, text).
fn pages(root: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The scripts a page may carry, at its depth: the theme's own files, by relative path.
fn allowed(rel: &str) -> Vec<String> {
    let root = "../".repeat(rel.matches('/').count());
    let tag = |file: &str| format!("<script src=\"{root}js/{file}\" defer></script>");
    match rel {
        "404.html" => vec![],
        "search/index.html" => vec![tag("a11y.js"), tag("search.js")],
        _ => vec![tag("a11y.js")],
    }
}

#[test]
fn every_script_of_every_page_of_the_example_is_a_file_of_the_theme() {
    let site = Site::example();
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let out = site.path().join("public");
    let pages = pages(&out);
    assert!(pages.len() > 10, "{}", pages.len());
    for (rel, html) in &pages {
        let lower = html.to_ascii_lowercase();
        let found: Vec<String> = lower
            .match_indices("<script")
            .map(|(i, _)| {
                let end = lower[i..]
                    .find("</script>")
                    .map_or(lower.len(), |e| i + e + 9);
                html[i..end].to_string()
            })
            .collect();
        assert_eq!(found, allowed(rel), "{rel}");
    }
    // and the files they name are the theme's, shipped as they are
    for file in ["a11y.js", "search.js"] {
        assert_eq!(
            std::fs::read(out.join("js").join(file)).unwrap(),
            std::fs::read(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("themes/news/static/js")
                    .join(file)
            )
            .unwrap()
        );
    }
}

#[test]
fn a_title_that_ends_a_script_or_a_line_does_not_break_the_search_index() {
    let title = "</script><script>alert(1)</script>\u{2028}“引号\"与\\反斜杠\u{2029}";
    // YAML's escapes \L and \P are U+2028 and U+2029
    let site = Site::fixture("base").edit(
        "content/demo/2025-report.md",
        "title: 乘势而上再登高",
        r#"title: "</script><script>alert(1)</script>\L“引号\"与\\反斜杠\P""#,
    );
    let site = site.edit(
        "content/demo/2025-report.md",
        "2024年，测试开发区经济运行稳中有进。",
        "2024年，测试开发区经济运行稳中有进。\n\n代码`</script><!--`一行\u{2028}续\u{2029}结束。",
    );
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let search = site.path().join("public/search");
    let mut texts = String::new();
    for e in walkdir::WalkDir::new(&search) {
        let e = e.unwrap();
        if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "js") {
            let text = std::fs::read_to_string(e.path()).unwrap();
            assert!(
                !text.contains('<') && !text.contains('\u{2028}') && !text.contains('\u{2029}'),
                "{}: {text}",
                e.path().display()
            );
            texts.push_str(&text);
        }
    }
    // the page's own title and text come back whole when the files run as scripts
    if Command::new("node").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set: node is needed"
        );
        return;
    }
    let run = Command::new("node")
        .arg("-e")
        .arg(format!(
            "const seen = []; globalThis.bulletinSearch = {{ meta() {{}}, shard() {{}}, \
             doc(n, d) {{ seen.push(d); }} }};\n{texts}\n\
             process.stdout.write(JSON.stringify(seen.map(d => [d.t, d.s])));"
        ))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let doc = seen
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d[0] == title)
        .unwrap_or_else(|| panic!("no document titled {title:?} in {seen}"));
    // the code span's text as typed, the line separators kept
    assert!(
        doc[1].as_array().unwrap().contains(&serde_json::json!(
            "代码</script><!--一行\u{2028}续\u{2029}结束。"
        )),
        "{doc}"
    );
}
