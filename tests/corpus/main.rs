//! The labelled cross-check corpus: sentences in the genre (news reports, work points,
//! three-year plans, statistical communiqués), each with the data it is checked against
//! and the outcome a proof-reader expects. Every `*.yaml` group beside this file becomes
//! a small site (one unit, its `data.yaml`, one page holding every sentence as its own
//! paragraph) that `bulletin::check` runs over; the cross-check's diagnostics are matched
//! to sentences by line. Fails on any false error or missed contradiction, and on a note
//! rate above 1 in 10; prints precision, recall and the note rate. See README.md.

use std::collections::BTreeMap;
use std::path::Path;

use bulletin::diagnostic::{Code, Diagnostic, Severity};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    /// Where the facts come from (for the reader of the corpus; not used).
    #[allow(dead_code, reason = "documentation for whoever reads the corpus")]
    source: String,
    #[serde(default = "news")]
    layout: String,
    period: String,
    date: String,
    /// The unit's `data.yaml`, verbatim.
    data: String,
    /// `[expect, sentence, quoted…]`: expect is clean, error or note; an error must quote
    /// every `quoted` string.
    cases: Vec<Vec<String>>,
}

fn news() -> String {
    "news".to_string()
}

#[derive(Default)]
struct Tally {
    cases: usize,
    /// expected error, got one quoting both figures
    caught: usize,
    missed: Vec<String>,
    false_errors: Vec<String>,
    /// an error on the right sentence that does not quote what it must
    misquoted: Vec<String>,
    /// clean or error sentences about an indicator whose figures ended as notes
    clean: usize,
    noted: Vec<String>,
    /// expected a note, got nothing: a figure silently accepted
    silent: Vec<String>,
}

#[test]
#[allow(
    clippy::print_stdout,
    reason = "the corpus reports precision, recall and the note rate (cargo test -- --nocapture)"
)]
fn corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let mut t = Tally::default();
    for file in &files {
        run_group(file, &mut t);
    }
    let errors_expected = t.caught + t.missed.len() + t.misquoted.len();
    let flagged = t.caught + t.false_errors.len() + t.misquoted.len();
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    println!(
        "corpus: {} groups, {} sentences; {} contradictions, {} caught, {} missed, {} misquoted; {} false errors",
        files.len(),
        t.cases,
        errors_expected,
        t.caught,
        t.missed.len(),
        t.misquoted.len(),
        t.false_errors.len()
    );
    println!(
        "precision {:.3}, recall {:.3}; note rate {}/{} = {:.3} of sentences expected clean; {} expected notes silently accepted",
        ratio(t.caught, flagged),
        ratio(t.caught, errors_expected),
        t.noted.len(),
        t.clean,
        ratio(t.noted.len(), t.clean),
        t.silent.len()
    );
    for (what, list) in [
        ("FALSE ERROR", &t.false_errors),
        ("MISSED", &t.missed),
        ("MISQUOTED", &t.misquoted),
        ("NOTED", &t.noted),
        ("SILENT", &t.silent),
    ] {
        for line in list.iter() {
            println!("{what}: {line}");
        }
    }
    let strict = std::env::var_os("CORPUS_REPORT_ONLY").is_none();
    if strict {
        assert!(
            t.false_errors.is_empty(),
            "false errors: {:#?}",
            t.false_errors
        );
        assert!(t.missed.is_empty(), "missed: {:#?}", t.missed);
        assert!(t.misquoted.is_empty(), "misquoted: {:#?}", t.misquoted);
        assert!(t.silent.is_empty(), "silently accepted: {:#?}", t.silent);
        assert!(
            t.noted.len() * 10 <= t.clean,
            "note rate above 1 in 10: {:#?}",
            t.noted
        );
        assert!(t.cases >= 300, "the corpus has {} sentences", t.cases);
    }
}

fn run_group(file: &Path, t: &mut Tally) {
    let name = file
        .file_name()
        .expect("name")
        .to_string_lossy()
        .to_string();
    let text = std::fs::read_to_string(file).expect("read group");
    let group: Group =
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name}: not a corpus group: {e}"));
    let site = tempfile::tempdir().expect("temp dir");
    let root = site.path();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
    std::fs::copy(base.join("site.yaml"), root.join("site.yaml")).expect("site.yaml");
    let unit = root.join("content/u");
    std::fs::create_dir_all(&unit).expect("mkdir");
    std::fs::write(root.join("content/_index.md"), "---\n---\n语料。\n").expect("write");
    std::fs::write(unit.join("_index.md"), "---\nname: 语料单位\n---\n").expect("write");
    std::fs::write(unit.join("data.yaml"), &group.data).expect("write");
    let mut page = format!(
        "---\ntitle: 语料\nlayout: {}\ndate: {}\nperiod: {}\n---\n",
        group.layout, group.date, group.period
    );
    // line (1-based) of each case's sentence
    let mut lines = Vec::new();
    let mut line = page.lines().count() + 1;
    for case in &group.cases {
        assert!(
            case.len() >= 2 && matches!(case[0].as_str(), "clean" | "error" | "note"),
            "{name}: a case is [clean|error|note, sentence, quoted…], not {case:?}"
        );
        assert!(!case[1].contains('\n'), "{name}: one line a sentence");
        page.push_str(&case[1]);
        page.push_str("\n\n");
        lines.push(line);
        line += 2;
    }
    std::fs::write(unit.join("doc.md"), &page).expect("write");
    let diags = bulletin::check(root, false);
    let mut by_line: BTreeMap<usize, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diags.iter() {
        let ours = d.file.ends_with("doc.md") && d.code == Code::CrossCheck;
        match (ours, d.position) {
            (true, Some(p)) => by_line.entry(p.line).or_default().push(d),
            _ if d.severity == Severity::Error => {
                panic!("{name}: the group's site does not check: {d:?}")
            }
            _ => {}
        }
    }
    for (case, line) in group.cases.iter().zip(lines) {
        t.cases += 1;
        let found = by_line.get(&line).map(Vec::as_slice).unwrap_or_default();
        let errors: Vec<&&Diagnostic> = found.iter().filter(|d| d.is_error()).collect();
        let notes: Vec<&&Diagnostic> = found
            .iter()
            .filter(|d| d.severity == Severity::Note)
            .collect();
        let label = |extra: &str| format!("{name}:{line}: {} {extra}", case[1]);
        let said = |ds: &[&&Diagnostic]| {
            ds.iter()
                .map(|d| d.message.to_string())
                .collect::<Vec<_>>()
                .join(" | ")
        };
        match case[0].as_str() {
            "error" => {
                if errors.is_empty() {
                    t.missed.push(label(&format!("(notes: {})", said(&notes))));
                } else if case[2..].iter().all(|q| {
                    errors.iter().any(|d| {
                        d.message.contains(q.as_str())
                            || d.expected
                                .as_deref()
                                .is_some_and(|e| e.contains(q.as_str()))
                    })
                }) {
                    t.caught += 1;
                } else {
                    t.misquoted.push(label(&format!("→ {}", said(&errors))));
                }
            }
            expect => {
                if !errors.is_empty() {
                    t.false_errors.push(label(&format!("→ {}", said(&errors))));
                } else if expect == "clean" {
                    t.clean += 1;
                    if !notes.is_empty() {
                        t.noted.push(label(&format!("→ {}", said(&notes))));
                    }
                } else if notes.is_empty() {
                    t.silent.push(label(""));
                }
            }
        }
    }
}
