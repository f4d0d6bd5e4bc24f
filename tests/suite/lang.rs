//! Messages in Chinese and English (issue 16, point 4): the same failing sites in both
//! languages, the language chosen by `--lang`, the site's `language` and the locale, the
//! codes and `file:line:col` the same in both, and no message in `src/` left without its
//! Chinese.

use std::path::Path;
use std::process::Command;

use crate::harness::{Run, Site};

/// `bulletin <command> <args> --lang <lang>` in the site: exit code, stdout and stderr in
/// one text for a snapshot.
fn run(site: &Site, command: &str, args: &[&str], lang: &str) -> (Run, String) {
    let mut all = args.to_vec();
    all.extend(["--lang", lang]);
    let run = site.run(command, &all);
    let text = format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        run.code, run.stdout, run.stderr
    );
    (run, text)
}

/// Both languages of one run, Chinese first, with what must not change between them.
#[track_caller]
fn both(site: &Site, command: &str, args: &[&str]) -> String {
    let (zh, zh_text) = run(site, command, args, "zh");
    let (en, en_text) = run(site, command, args, "en");
    assert_eq!(zh.code, en.code, "{zh_text}\n{en_text}");
    assert_eq!(codes(&zh.stderr), codes(&en.stderr), "{zh_text}\n{en_text}");
    assert_eq!(
        places(&zh.stderr),
        places(&en.stderr),
        "{zh_text}\n{en_text}"
    );
    format!("=== zh\n{zh_text}=== en\n{en_text}")
}

/// The codes of the diagnostics printed, in order: `error[cross-check]` and
/// `错误[cross-check]` both give `cross-check`.
fn codes(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|l| {
            let (_, rest) = l.split_once('[')?;
            let (code, _) = rest.split_once("]:")?;
            (!code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
                .then(|| code.to_string())
        })
        .collect()
}

/// Every `file:line:col` a run prints.
fn places(stderr: &str) -> Vec<String> {
    stderr
        .split_whitespace()
        .filter(|w| {
            let parts: Vec<&str> = w.rsplitn(3, ':').collect();
            parts.len() == 3
                && parts[0].chars().all(|c| c.is_ascii_digit())
                && parts[1].chars().all(|c| c.is_ascii_digit())
                && !parts[0].is_empty()
                && !parts[1].is_empty()
        })
        .map(str::to_string)
        .collect()
}

/// A typed figure that contradicts the data and a mistyped indicator, in one bulletin.
fn contradicted() -> Site {
    Site::fixture("base")
        .edit(
            "content/demo/2025-report.md",
            "2024年，测试开发区经济运行稳中有进。",
            "2024年，测试开发区经济运行稳中有进，地区生产总值增长6.7%。",
        )
        .edit("content/demo/2025-report.md", "{{ gdp }}", "{{ gpd }}")
}

#[test]
fn a_cross_check_error_and_an_unknown_indicator_in_both_languages() {
    let site = contradicted();
    let out = both(&site, "check", &[]);
    assert!(
        out.contains(
            "错误[cross-check]: 地区生产总值：正文与数据不一致，正文写“增长6.7%”，数据为“增长5.7%”"
        ),
        "{out}"
    );
    assert!(out.contains("error[cross-check]: 地区生产总值: the commentary says “增长6.7%”"));
    assert!(out.contains("是否应为“gdp”？") && out.contains("did you mean `gdp`?"));
    assert!(out.contains("检查完毕：2 个错误，0 个警告"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn a_yaml_syntax_error_in_both_languages() {
    let site = Site::fixture("base").edit(
        "content/demo/data.yaml",
        "values: { 2023: 77, 2024: 88 }",
        "values: { 2023: 77, 2024: 88",
    );
    let out = both(&site, "build", &[]);
    assert!(out.contains("错误[yaml-syntax]: YAML 格式错误"), "{out}");
    assert!(out.contains("错误：生成失败，共 1 个错误；上次生成的内容保持原样"));
    insta::assert_snapshot!(out);
}

#[test]
fn a_missing_file_in_both_languages() {
    let site = Site::fixture("base");
    std::fs::remove_file(site.path().join("site.yaml")).unwrap();
    let out = both(&site, "build", &[]);
    assert!(out.contains("无法读取文件：文件或文件夹不存在"), "{out}");
    insta::assert_snapshot!(out);
}

/// The spreadsheet reader and merge (issue 16, point 2) in both languages: a cell that
/// is no number, a row naming no indicator and a figure typed twice, each at its cell of
/// data.csv (`data.csv:2:11`) in either language.
#[test]
fn a_bad_cell_in_data_csv_in_both_languages() {
    let site = Site::fixture("base").file(
        "content/demo/data.csv",
        "指标,2023年,2024年\ngdp,120.0,12x.3\n招商引资,5,6\n",
    );
    let out = both(&site, "check", &[]);
    assert!(
        out.contains("错误[impossible-value]: “12x.3”不是数值")
            && out.contains("error[impossible-value]: `12x.3` is not a number"),
        "{out}"
    );
    assert_eq!(
        out.matches("content/demo/data.csv:2:11").count(),
        2,
        "{out}"
    );
    assert!(
        out.contains("“招商引资”这一行不是 data.yaml 中的任何指标"),
        "{out}"
    );
    assert!(
        out.contains(
            "gdp（地区生产总值）：2023年的数值在这里和 content/demo/data.yaml:19:13 中都填了"
        ),
        "{out}"
    );
    assert!(out.contains("检查完毕：2 个错误，1 个警告"), "{out}");
    insta::assert_snapshot!(out);
}

/// A workbook's cell is named `data.xlsx:Sheet!B3` in both languages.
#[test]
fn a_bad_cell_in_data_xlsx_is_named_by_its_cell_in_both_languages() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    s.set_name("主要指标").unwrap();
    s.write_string(0, 0, "指标").unwrap();
    s.write_string(0, 1, "2024年").unwrap();
    s.write_string(1, 0, "新引进亿元以上项目").unwrap();
    s.write_number(1, 1, 33).unwrap();
    s.write_string(2, 0, "地区生产总值").unwrap();
    s.write_string(2, 1, "—5.7%x").unwrap();
    let site = Site::fixture("base");
    std::fs::write(
        site.path().join("content/demo/data.xlsx"),
        book.save_to_buffer().unwrap(),
    )
    .unwrap();
    let out = both(&site, "build", &[]);
    assert!(
        out.contains(
            "错误[impossible-value]: “—5.7%x”不是数值\n  --> content/demo/data.xlsx:主要指标!B3"
        ),
        "{out}"
    );
    assert!(
        out.contains("error[impossible-value]: `—5.7%x` is not a number\n  --> content/demo/data.xlsx:主要指标!B3"),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

/// `bulletin import`'s refusals in both languages: a unit that does not exist, and a unit
/// that reads its figures from a sheet of its own; data.yaml untouched by either.
#[test]
fn import_refusals_in_both_languages() {
    let site = Site::fixture("base").file("sheet.csv", "指标,2024年\n地区生产总值,130\n");
    let data = std::fs::read(site.path().join("content/demo/data.yaml")).unwrap();
    let unknown = both(&site, "import", &["sheet.csv", "--unit", "demx"]);
    assert!(
        unknown.contains("错误[unknown-unit]: 没有单位“demx”：content/demx/_index.md 不存在")
            && unknown.contains("提示：是否应为“demo”？")
            && unknown.contains("错误：未导入任何数字；data.yaml 保持原样"),
        "{unknown}"
    );
    assert!(
        unknown.contains("error[unknown-unit]: no unit `demx`"),
        "{unknown}"
    );
    let site = site.file("content/demo/data.csv", "指标,2024年\n地区生产总值,128.3\n");
    let own = both(&site, "import", &["sheet.csv", "--unit", "demo"]);
    assert!(
        own.contains("错误[io]: 本单位的数据已从这个表格读取：再导入 data.yaml，每个数就填了两遍\n  --> content/demo/data.csv"),
        "{own}"
    );
    assert!(
        own.contains("error[io]: the unit reads its figures from this spreadsheet"),
        "{own}"
    );
    assert_eq!(
        std::fs::read(site.path().join("content/demo/data.yaml")).unwrap(),
        data
    );
    insta::assert_snapshot!(format!("{unknown}\n{own}"));
}

#[test]
fn the_summary_lines_in_both_languages() {
    let site = Site::fixture("base");
    let check = both(&site, "check", &[]);
    assert!(check.contains("检查完毕：0 个错误，0 个警告"), "{check}");
    let build = both(&site, "build", &[]);
    // The time a build took is the one thing that changes from run to run.
    let seconds = regex::Regex::new(r"\d+\.\d\d (s|秒)").unwrap();
    let build = seconds.replace_all(&build, "[time] $1");
    assert!(build.contains("已生成 "), "{build}");
    insta::assert_snapshot!(format!("{check}\n{build}"));
}

#[test]
fn help_in_both_languages() {
    let site = Site::fixture("base");
    let mut out = String::new();
    for args in [&["--help"][..], &["build", "--help"], &["new", "--help"]] {
        for lang in ["zh", "en"] {
            let run = Command::new(env!("CARGO_BIN_EXE_bulletin"))
                .args(args)
                .args(["--lang", lang])
                .current_dir(site.path())
                .output()
                .unwrap();
            assert!(run.status.success());
            out.push_str(&format!(
                "=== {lang} {}\n{}",
                args.join(" "),
                String::from_utf8_lossy(&run.stdout)
            ));
        }
    }
    // every command's help, and `help <command>`, in both languages
    for command in ["build", "check", "serve", "new"] {
        for args in [[command, "--help"], ["help", command]] {
            for lang in ["zh", "en"] {
                let run = bare(site.path(), &[&["--lang", lang][..], &args].concat(), &[]);
                assert_eq!(run.code, 0, "{args:?} {lang}: {}", run.stderr);
                assert_eq!(
                    run.stdout.contains("用法："),
                    lang == "zh",
                    "{}",
                    run.stdout
                );
            }
        }
    }
    assert!(out.contains("用法：bulletin [选项] <命令>"), "{out}");
    assert!(out.contains("生成站点，写入 public/"));
    assert!(out.contains("Build the site into `public/`"));
    insta::assert_snapshot!(out);
}

/// `bulletin` without `--lang`, with only the locale variables given.
fn bare(dir: &Path, args: &[&str], locale: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bulletin"));
    command.args(args).current_dir(dir);
    for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(name);
    }
    command.envs(locale.iter().copied());
    let out = command.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The site's language decides over the locale; `--lang` over both; with no site, the
/// locale.
#[test]
fn the_language_comes_from_lang_then_the_site_then_the_locale() {
    let site = contradicted();
    let english = [("LANG", "en_US.UTF-8")];
    let chinese = [("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")];
    // a fixture without `language:` is zh-CN
    let zh = bare(site.path(), &["check"], &english);
    assert!(zh.stderr.contains("错误[cross-check]"), "{}", zh.stderr);
    assert!(zh.stdout.contains("检查完毕"), "{}", zh.stdout);
    // --lang en on a zh-CN site: English, and the same codes and places
    let en = bare(site.path(), &["check", "--lang", "en"], &chinese);
    assert!(en.stderr.contains("error[cross-check]"), "{}", en.stderr);
    assert!(en.stdout.contains("checked: 2 errors"), "{}", en.stdout);
    assert_eq!(codes(&zh.stderr), codes(&en.stderr));
    assert_eq!(places(&zh.stderr), places(&en.stderr));
    assert_eq!(
        codes(&en.stderr),
        ["cross-check", "unknown-indicator"],
        "{}",
        en.stderr
    );
    // `--lang zh-CN` is Chinese too
    let zh_cn = bare(site.path(), &["check", "--lang", "zh-CN"], &english);
    assert!(zh_cn.stderr.contains("错误[cross-check]"));
    // a site in English speaks English whatever the locale
    let site = site.edit("site.yaml", "title:", "language: en\ntitle:");
    let en = bare(site.path(), &["check"], &chinese);
    assert!(en.stderr.contains("error[cross-check]"), "{}", en.stderr);
    // no site: the locale, LC_ALL first
    let empty = tempfile::tempdir().unwrap();
    let made = bare(empty.path(), &["new", "a"], &chinese);
    assert!(made.stdout.contains("已在 a 新建站点"), "{}", made.stdout);
    let made = bare(empty.path(), &["new", "b"], &english);
    assert!(
        made.stdout.contains("made a new site in b"),
        "{}",
        made.stdout
    );
    let help = bare(empty.path(), &["--help"], &chinese);
    assert!(help.stdout.contains("用法："), "{}", help.stdout);
}

/// A message made the old way — `Diagnostic::error(code, file, "English")`, or
/// `format!` as a hint — still compiles and prints English in both languages; this test
/// finds such lines in `src/`, so none goes out untranslated. Write each as
/// `text!("English", "中文")` (see `src/lang.rs`).
#[test]
fn every_message_in_src_has_its_chinese() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("src")).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if path.extension().is_none_or(|e| e != "rs")
            || rel.ends_with("tests.rs")
            || rel == "src/lang.rs"
        {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
        found.extend(
            untranslated(text)
                .into_iter()
                .map(|line| format!("{rel}:{line}")),
        );
    }
    assert!(
        found.is_empty(),
        "messages without their Chinese (write them with text!(\"…\", \"…\")):\n{}",
        found.join("\n")
    );
}

/// Lines of `text` where a message constructor is given a plain string or `format!`.
fn untranslated(text: &str) -> Vec<usize> {
    // (the call, which argument is the message)
    const CALLS: &[(&str, usize)] = &[
        ("Diagnostic::error(", 2),
        ("Diagnostic::warning(", 2),
        ("Diagnostic::note(", 2),
        ("RefError::new(", 1),
        (".hint(", 0),
        (".expected(", 0),
        (".maybe_hint(", 0),
    ];
    let mut lines = Vec::new();
    for (call, n) in CALLS {
        for (at, _) in text.match_indices(call) {
            let Some(arg) = arguments(&text[at + call.len()..]).into_iter().nth(*n) else {
                continue;
            };
            let arg = arg.trim();
            let arg = arg.strip_prefix("Some(").unwrap_or(arg).trim_start();
            let plain = arg.starts_with('"')
                || arg.starts_with("r\"")
                || arg.starts_with("r#\"")
                || arg.starts_with("format!(")
                || arg.starts_with("&format!(");
            if plain {
                lines.push(text[..at].matches('\n').count() + 1);
            }
        }
    }
    lines.sort_unstable();
    lines
}

/// The top-level arguments of a call, from just after its `(`.
fn arguments(s: &str) -> Vec<&str> {
    let (mut depth, mut start, mut quoted, mut escaped) = (0usize, 0, false, false);
    let mut out = Vec::new();
    for (i, c) in s.char_indices() {
        if quoted {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                out.push(&s[start..i]);
                return out;
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out
}

#[test]
fn the_scan_finds_an_untranslated_message() {
    let old = "d.push(Diagnostic::error(Code::Io, f, format!(\"no {x}\"))\n    .hint(\"a, b\"));";
    assert_eq!(untranslated(old), [1, 2]);
    let new = "d.push(Diagnostic::error(Code::Io, f, text!(\"no {x}\", \"没有{x}\"))\n    .hint(text!(\"a\", \"甲\")));";
    assert!(untranslated(new).is_empty());
}

/// clap's parse errors: in Chinese with `--lang zh`, clap's own English otherwise; both
/// exit 2.
#[test]
fn a_mistyped_command_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let zh = bare(dir.path(), &["--lang", "zh", "biuld"], &[]);
    assert_eq!(zh.code, 2);
    assert!(
        zh.stderr.contains("错误：没有“biuld”这个命令") && zh.stderr.contains("是否应为“build”？"),
        "{}",
        zh.stderr
    );
    let zh = bare(dir.path(), &["--lang", "zh", "serve", "--port", "abc"], &[]);
    assert_eq!(zh.code, 2);
    assert!(
        zh.stderr.contains("--port <端口> 的值“abc”无效"),
        "{}",
        zh.stderr
    );
    let en = bare(dir.path(), &["--lang", "en", "biuld"], &[]);
    assert_eq!(en.code, 2);
    assert!(
        en.stderr.contains("unrecognized subcommand 'biuld'"),
        "{}",
        en.stderr
    );
}
