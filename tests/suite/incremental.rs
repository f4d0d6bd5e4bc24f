//! `build` into an output it built before reuses the pages whose recorded inputs did not
//! change: whatever the edit, the output is the one a clean build writes, byte for byte.

use std::path::Path;

use crate::harness::{Site, assert_same_tree};

/// How many pages the build reported as kept from the last one.
fn kept(stdout: &str) -> usize {
    stdout
        .split("; ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .map_or(0, |n| n.replace(',', "").parse().expect("a count"))
}

fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

const WORK: &str = "content/luan-kfq/2025-work-conference.md";

/// Each edit, the pages a build must make again at least, and at most.
type Edit = (&'static str, fn(&Path), std::ops::RangeInclusive<usize>);

#[test]
fn an_incremental_build_equals_a_clean_one_after_every_kind_of_edit() {
    let site = Site::example();
    let first = site.build(&[]);
    first.assert_ok();
    assert_eq!(kept(&first.stdout), 0, "{}", first.stdout);
    let again = site.build(&[]);
    // 11 pages, sitemap.xml, robots.txt, 6 feeds, and the search page and its index:
    // meta.js, a text for each of the 4 bulletins and 16 shards, which any edit of a
    // bulletin or of data makes again
    let pages = 41;
    assert_eq!(
        kept(&again.stdout),
        pages,
        "nothing changed: {}",
        again.stdout
    );
    let edits: [Edit; 15] = [
        // Only its own page shows a bulletin's commentary.
        (
            "commentary",
            |r| replace(r, WORK, "正月十一", "正月十二"),
            // its page, its search text, the shards
            18..=18,
        ),
        // Its title is in the lists, the feeds and the search index too (its text and
        // the 16 shards), not in the sitemap (which reads the dates alone).
        (
            "title",
            |r| replace(r, WORK, "title: 乘势而上再登高", "title: 乘势而上再攀高"),
            22..=22,
        ),
        // Its date dates the sitemap's entries and the feeds; its search text and the
        // shards are made again (its file changed).
        (
            "date",
            |r| replace(r, WORK, "date: 2025-02-08", "date: 2025-02-09"),
            23..=24,
        ),
        (
            "data",
            |r| replace(r, "content/luan-kfq/data.yaml", "2024: 127", "2024: 126"),
            4..=6,
        ),
        (
            "tasks",
            |r| {
                replace(
                    r,
                    "content/chaohu/tasks.yaml",
                    "status: 推进中",
                    "status: 已完成",
                )
            },
            1..=6,
        ),
        // The interpretation links to its plan; without the relation it does not.
        (
            "relation",
            |r| {
                replace(
                    r,
                    "content/chaohu/2024-2026-plan-qa.md",
                    "interprets: 2024-2026-plan",
                    "interprets: 2024-2026-plan-x",
                )
            },
            22..=24,
        ),
        (
            "deleted bulletin",
            |r| std::fs::remove_file(r.join("content/chaohu/2024-2026-plan-qa.md")).unwrap(),
            // and the search texts numbered after it
            19..=26,
        ),
        (
            "new bulletin",
            |r| {
                std::fs::write(
                r.join("content/jinan/2025-note.md"),
                "---\ntitle: 济南市工业经济简报\ndate: 2025-03-01\nperiod: 2024\n---\n全年工业经济平稳运行。\n",
            )
            .unwrap()
            },
            26..=29,
        ),
        (
            "template",
            |r| {
                replace(
                    r,
                    "themes/news/templates/bulletin.html",
                    "<article class",
                    "<!-- edited -->\n<article class",
                )
            },
            1..=41,
        ),
        (
            "renamed unit",
            |r| std::fs::rename(r.join("content/jinan"), r.join("content/jinan-city")).unwrap(),
            3..=41,
        ),
        (
            "site title",
            |r| {
                replace(
                    r,
                    "site.yaml",
                    "title: 六安经开区经济运行公报",
                    "title: 六安经开区经济运行情况",
                )
            },
            41..=41,
        ),
        // The 政府网站 meta set of every page.
        (
            "site meta",
            |r| {
                replace(
                    r,
                    "site.yaml",
                    "column_type: 统计信息",
                    "column_type: 统计数据",
                )
            },
            41..=41,
        ),
        (
            "static file",
            |r| {
                std::fs::create_dir_all(r.join("static")).unwrap();
                std::fs::write(r.join("static/robots.txt"), "User-agent: *\n").unwrap()
            },
            0..=0,
        ),
        // A page of the output changed by hand is made again, not trusted. (The site's
        // robots.txt above replaced the generated one: 18 pages from here.)
        (
            "output edited",
            |r| {
                let page = r.join("public/luan-kfq/index.html");
                let mut html = std::fs::read(&page).unwrap();
                html.extend_from_slice(b"<!-- by hand -->");
                std::fs::remove_file(&page).unwrap();
                std::fs::write(page, html).unwrap();
            },
            1..=1,
        ),
        ("nothing", |_| {}, 0..=0),
    ];
    for (i, (name, edit, made)) in edits.into_iter().enumerate() {
        edit(site.path());
        let run = site.build(&[]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let total: usize = run
            .stdout
            .split_whitespace()
            .nth(1)
            .map(|n| n.parse().unwrap())
            .unwrap();
        let remade = total - kept(&run.stdout);
        assert!(
            made.contains(&remade),
            "{name}: {remade} pages made again ({})",
            run.stdout
        );
        let clean = site.path().join(format!("clean-{i}"));
        let run = site.build(&["-o", clean.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert_eq!(kept(&run.stdout), 0, "{name}: a clean build reuses nothing");
        assert_same_tree(&site.path().join("public"), &clean, name);
    }
}

/// A failed build keeps the records of the output it left as it was: the next good build
/// still reuses what did not change, and still equals a clean one.
#[test]
fn a_failed_build_between_two_good_ones_changes_nothing() {
    let site = Site::example();
    site.build(&[]).assert_ok();
    replace(
        site.path(),
        WORK,
        "{{ national_rank }}",
        "{{ national_rnak }}",
    );
    site.build(&[]).assert_failed();
    replace(
        site.path(),
        WORK,
        "{{ national_rnak }}",
        "{{ national_rank }}",
    );
    replace(site.path(), WORK, "正月十一", "正月十二");
    let run = site.build(&[]);
    run.assert_ok();
    // all but the bulletin's page, its search text and the 16 shards
    assert_eq!(kept(&run.stdout), 41 - 18, "{}", run.stdout);
    let clean = site.path().join("clean");
    site.build(&["-o", clean.to_str().unwrap()]).assert_ok();
    assert_same_tree(&site.path().join("public"), &clean, "after a failed build");
}
