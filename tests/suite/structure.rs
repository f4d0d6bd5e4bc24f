//! The structure every page of the example site keeps, read from the built HTML without
//! a browser (issue 18): one h1, headings that never skip a level, a caption and `scope`d
//! header cells on every table, ids unique on the page. The browser suite
//! (`tests/browser/suite.js`, run by `.ci/run`) checks the same pages with axe-core and
//! the Nu Html Checker; this test is the part of it that `cargo test` can run anywhere.
//!
//! Pages are read with html5ever's tokenizer (the HTML parser the sanitiser already
//! uses), so attribute quoting, entities and `<style>` text are read as a browser does.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, StartTag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
};

use crate::harness::Site;

/// A start tag: its name, attributes and line.
struct Start {
    name: String,
    attrs: Vec<(String, String)>,
    line: u64,
}

impl Start {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct Starts(RefCell<Vec<Start>>);

impl TokenSink for Starts {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != StartTag {
            return TokenSinkResult::Continue;
        }
        let name = tag.name.to_string();
        let raw = matches!(name.as_str(), "style" | "script");
        self.0.borrow_mut().push(Start {
            name,
            attrs: tag
                .attrs
                .iter()
                .map(|a| (a.name.local.to_string(), a.value.to_string()))
                .collect(),
            line,
        });
        // what a browser does: a style's or script's text is not markup
        if raw {
            TokenSinkResult::RawData(RawKind::Rawtext)
        } else {
            TokenSinkResult::Continue
        }
    }
}

/// The start tags of a page, in order.
fn start_tags(html: &str) -> Vec<Start> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let tokenizer = Tokenizer::new(Starts::default(), Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// What breaks the structural rules on one page (empty when none does).
fn structure_problems(html: &str) -> Vec<String> {
    let tags = start_tags(html);
    let mut problems = Vec::new();
    let heading = |t: &Start| {
        let b = t.name.as_bytes();
        (b.len() == 2 && b[0] == b'h' && (b'1'..=b'6').contains(&b[1])).then(|| b[1] - b'0')
    };
    let h1s = tags.iter().filter(|t| t.name == "h1").count();
    if h1s != 1 {
        problems.push(format!("{h1s} h1 elements, not one"));
    }
    let mut level = 0;
    for t in &tags {
        let Some(h) = heading(t) else { continue };
        if h > level + 1 {
            problems.push(format!(
                "line {}: an h{h} after an h{level} skips a level",
                t.line
            ));
        }
        level = h;
    }
    for (i, t) in tags.iter().enumerate() {
        if t.name == "table" && tags.get(i + 1).is_none_or(|next| next.name != "caption") {
            problems.push(format!(
                "line {}: a table without a caption as its first child",
                t.line
            ));
        }
        if t.name == "th"
            && !matches!(
                t.attr("scope"),
                Some("row" | "col" | "rowgroup" | "colgroup")
            )
        {
            problems.push(format!("line {}: a th without scope", t.line));
        }
    }
    let mut ids: HashMap<&str, u64> = HashMap::new();
    for t in &tags {
        let Some(id) = t.attr("id") else { continue };
        if let Some(first) = ids.insert(id, t.line) {
            problems.push(format!(
                "line {}: the id `{id}` is already on line {first}",
                t.line
            ));
        }
    }
    problems
}

fn html_files(root: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_page_of_the_example_keeps_the_structural_rules() {
    let site = Site::example();
    site.build(&[]).assert_ok();
    let public = site.path().join("public");
    let files = html_files(&public);
    assert!(files.len() >= 11, "only {} pages built", files.len());
    let mut problems = Vec::new();
    let mut tables = 0;
    for file in &files {
        let html = std::fs::read_to_string(file).unwrap();
        tables += html.matches("<table").count();
        for p in structure_problems(&html) {
            problems.push(format!(
                "{}: {p}",
                file.strip_prefix(&public).unwrap().display()
            ));
        }
    }
    assert!(
        tables >= 10,
        "the example has {tables} tables: the rule checked too little"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The rules go red on what they are for (so that the test above can fail).
#[test]
fn the_structural_rules_see_each_fault() {
    let page =
        |body: &str| format!("<!DOCTYPE html><html><body><h1 id=\"a\">t</h1>{body}</body></html>");
    assert!(structure_problems(&page("<h2>b</h2><h3>c</h3>")).is_empty());
    let cases = [
        ("<h1>again</h1>", "2 h1 elements"),
        ("<h3>c</h3>", "an h3 after an h1 skips a level"),
        (
            "<table><tr><th scope=\"col\">x</th></tr></table>",
            "without a caption",
        ),
        (
            "<table><caption>c</caption><tr><th>x</th></tr></table>",
            "a th without scope",
        ),
        ("<p id=\"a\">x</p>", "the id `a` is already on line 1"),
        // a table in a style's text is no table
        (
            "<style>/* <table> */</style><h2 id=\"a\">x</h2>",
            "the id `a`",
        ),
    ];
    for (body, want) in cases {
        let problems = structure_problems(&page(body));
        assert!(
            problems.len() == 1 && problems[0].contains(want),
            "{body}: {problems:?}"
        );
    }
}

/// A document's tables are numbered through the page: the notice's, the issued
/// document's and the annexes' tables each have their own id (they were numbered per
/// part, and the annex's first table was a second `table-1`), and a link to the annex's
/// table by its number finds it.
#[test]
fn a_documents_tables_are_numbered_through_its_notice_document_and_annexes() {
    let site = Site::example().file(
        "content/jinan/2024-task-note.md",
        "---\ntitle: 任务分解表说明\ndate: 2025-01-10\nperiod: 2024\n---\n\
         任务分解见[工业发展要点附件](2024-industrial-plan.md#table-9)。\n",
    );
    site.build(&[]).assert_ok();
    let html = site.page("jinan/2024-industrial-plan/index.html");
    let ids: Vec<&str> = regex::Regex::new(r#"id="(table-[0-9]+)""#)
        .unwrap()
        .captures_iter(&html)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    let want: Vec<String> = (1..=9).map(|n| format!("table-{n}")).collect();
    assert_eq!(ids, want);
    // the ninth is the annex's task table
    let annex = html
        .find("id=\"annex-1\"")
        .expect("the document has an annex");
    assert!(html.find("id=\"table-9\"").unwrap() > annex);
    assert!(html.find("id=\"table-8\"").unwrap() < annex);
    assert!(
        site.page("jinan/2024-task-note/index.html")
            .contains("href=\"../../jinan/2024-industrial-plan/#table-9\"")
    );
}
