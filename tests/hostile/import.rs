//! `bulletin import` fed names YAML would misread, and a data.yaml that is a link out of
//! the site: the names come back as typed, the link is refused and what it points to is
//! never written.

use crate::harness::Site;
use crate::support::{LIMIT, run_limited, tree_digest};

/// Indicator names that are YAML syntax, a template, HTML or a keyword: each written so
/// it reads back as itself, and the site still builds and checks clean.
#[test]
fn names_that_are_yaml_syntax_read_back_as_typed() {
    let names = [
        "a: b",
        "#x",
        "- y",
        "[z]",
        "'q'",
        "\"d\"",
        "*ref",
        "&anc",
        "!tag",
        "%p",
        "@at",
        "`bt`",
        "? q",
        "|pipe",
        ">gt",
        "null",
        "true",
        "1.5",
        "0x1F",
        "~",
        "{{ gdp }}",
        "a #b",
        "<script>alert(1)</script>",
        "x\\ny",
    ];
    let mut sheet = String::from("指标,时期,数值\n");
    for (i, n) in names.iter().enumerate() {
        sheet.push_str(&format!("\"{}\",2024,{}\n", n.replace('"', "\"\""), i + 1));
    }
    let site = Site::fixture("base").file("sheet.csv", &sheet);
    let run = run_limited(
        site.path(),
        &["import", "sheet.csv", "--unit", "demo"],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(site.path().join("content/demo/data.yaml")).unwrap();
    let data: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let read: Vec<&str> = data["indicators"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect();
    for n in names {
        assert!(read.contains(&n), "{n:?} did not read back: {read:?}");
    }
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let check = run_limited(site.path(), &["check"], LIMIT);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// data.yaml linked to a file outside the site: refused, nothing written anywhere.
#[cfg(unix)]
#[test]
fn a_data_yaml_linked_out_of_the_site_is_never_written() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("secret.yaml");
    std::fs::write(&target, "indicators: []\n").unwrap();
    let site = Site::fixture("base").file("sheet.csv", "指标,时期,数值\n新增市场主体,2024,1200\n");
    let data = site.path().join("content/demo/data.yaml");
    std::fs::remove_file(&data).unwrap();
    std::os::unix::fs::symlink(&target, &data).unwrap();
    let before = tree_digest(site.path());
    let run = run_limited(
        site.path(),
        &["import", "sheet.csv", "--unit", "demo"],
        LIMIT,
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains("data.yaml is not a plain file"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "indicators: []\n"
    );
    assert!(std::fs::symlink_metadata(&data).unwrap().is_symlink());
    assert_eq!(tree_digest(site.path()), before);
}
