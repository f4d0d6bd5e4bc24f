//! The `bulletin` binary: parses arguments, calls the library, prints diagnostics and
//! decides the exit code (0 success, 1 build failed, 2 usage error: clap's, or an output
//! folder the guard refused). It also picks the language of what it prints (issue 16):
//! `--lang`, else the site's `language` in site.yaml, else the locale.

mod cli;
mod progress;

/// Page rendering allocates many small strings on every thread; glibc's allocator spent a
/// fifth of a 10,000-page build in contention (perf; ARCHITECTURE.md, "Performance"). mimalloc's per-thread heaps
/// do not contend. Without transparent huge pages (`no_thp`): with them a 10,000-bulletin
/// build held 20 MB more memory and spent more time zeroing pages (ARCHITECTURE.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::IsTerminal;
use std::process::ExitCode;

use bulletin::diagnostic::{Code, Diagnostic, Severity};
use bulletin::lang::Lang;
use bulletin::{BuildOptions, source_for};
use clap::FromArgMatches;
use cli::{CheckArgs, Cli, Command, Format, ImportArgs, NewArgs, NewLayout, ServeArgs};

#[expect(
    clippy::print_stderr,
    clippy::print_stdout,
    reason = "the binary is where output is printed"
)]
fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Help is printed while parsing: its language cannot wait for the site.
    let help_lang = cli::lang_in_args(&argv).unwrap_or_else(Lang::from_env);
    let matches = match cli::command(help_lang).try_get_matches_from(&argv) {
        Ok(matches) => matches,
        Err(e) => match cli::error_zh(&e).filter(|_| help_lang == Lang::Zh) {
            Some(zh) => {
                eprint!("{zh}");
                return ExitCode::from(2);
            }
            None => e.exit(),
        },
    };
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let chosen = cli.lang.map(Lang::from);
    let lang = |root: &std::path::Path| chosen.unwrap_or_else(|| site_lang(root));
    match cli.command {
        Command::Check(args) => check(&args, lang(&args.root), cli.verbose, cli.quiet),
        Command::Serve(args) => {
            let lang = lang(&args.root);
            serve(args, lang, cli.verbose, cli.quiet)
        }
        Command::New(args) => new_site(&args, chosen.unwrap_or_else(Lang::from_env), cli.quiet),
        Command::Import(args) => import(&args, lang(&args.root), cli.quiet),
        Command::Build(args) => {
            let lang = lang(&args.root);
            let opts = BuildOptions {
                root: args.root.clone(),
                output: args.output,
                drafts: args.drafts,
                force: args.force,
                package: args.package,
            };
            let color = std::io::stderr().is_terminal();
            let reporter = progress::Reporter::new(cli.quiet, lang);
            let result = bulletin::build_with_progress(&opts, &reporter);
            reporter.finish();
            match result {
                Ok(report) => {
                    for d in report
                        .diagnostics
                        .into_shown(|d| cli.verbose || d.severity != Severity::Note)
                    {
                        eprint!("{}", render(&opts.root, &d, lang, color));
                    }
                    if !cli.quiet {
                        let kept = report.pages - report.made;
                        let (pages, kept_n) =
                            (progress::thousands(report.pages), progress::thousands(kept));
                        let (secs, files) = (report.elapsed.as_secs_f64(), report.files);
                        let output = report.output.display();
                        match lang {
                            Lang::En => println!(
                                "built {pages} pages in {secs:.2} s (and {files} other files, into {output}){}",
                                if kept > 0 {
                                    format!("; {kept_n} unchanged since the last build")
                                } else {
                                    String::new()
                                }
                            ),
                            Lang::Zh => println!(
                                "已生成 {pages} 个页面，用时 {secs:.2} 秒（另有 {files} 个其他文件，写入 {output}）{}",
                                if kept > 0 {
                                    format!("；其中 {kept_n} 个自上次生成以来未变")
                                } else {
                                    String::new()
                                }
                            ),
                        }
                    }
                    if let Some(p) = &report.package
                        && !cli.quiet
                    {
                        let (zip, manifest, sha) =
                            (p.zip.display(), p.manifest.display(), &p.sha256);
                        let n = progress::thousands(p.files);
                        println!(
                            "{}",
                            lang.pick(
                                format!("packaged {n} files into {zip} (SHA-256 {sha}); manifest {manifest}"),
                                format!("已打包 {n} 个文件：{zip}（SHA-256 {sha}）；清单 {manifest}"),
                            )
                        );
                    }
                    if cli.verbose {
                        let stages: Vec<String> = report
                            .stages
                            .times
                            .iter()
                            .map(|(name, t)| format!("{name} {:.3} s", t.as_secs_f64()))
                            .collect();
                        eprintln!(
                            "{}{}",
                            lang.pick("stages: ", "各阶段用时："),
                            stages.join(" · ")
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    let errors = diags.error_count();
                    let refused = diags.iter().any(|d| d.code == Code::OutputPath);
                    // Notes (figures the cross-check could not verify) would bury the
                    // errors; --verbose shows them, as on a successful build.
                    for d in diags.into_shown(|d| cli.verbose || d.severity != Severity::Note) {
                        eprint!("{}", render(&opts.root, &d, lang, color));
                    }
                    if refused {
                        eprintln!(
                            "{}",
                            lang.pick(
                                "error: the output folder was refused; nothing was written",
                                "错误：输出文件夹被拒绝，未写入任何文件"
                            )
                        );
                        return ExitCode::from(2);
                    }
                    match lang {
                        Lang::En => eprintln!(
                            "error: build failed with {errors} error{}; the previous output was left as it was",
                            if errors == 1 { "" } else { "s" }
                        ),
                        Lang::Zh => {
                            eprintln!("错误：生成失败，共 {errors} 个错误；上次生成的内容保持原样")
                        }
                    }
                    ExitCode::from(1)
                }
            }
        }
    }
}

/// `bulletin check`: 0 clean, 1 warnings with --deny-warnings, 2 errors.
#[expect(
    clippy::print_stderr,
    clippy::print_stdout,
    reason = "the binary is where output is printed"
)]
fn check(args: &CheckArgs, lang: Lang, verbose: bool, quiet: bool) -> ExitCode {
    let diags = bulletin::check(&args.root, args.drafts);
    let errors = diags.error_count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let notes = diags
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .count();
    let shown: Vec<Diagnostic> = diags
        .into_shown(|d| verbose || d.severity != Severity::Note)
        .iter()
        .map(|d| d.in_lang(lang))
        .collect();
    match args.format {
        Format::Json => {
            let doc = serde_json::json!({ "errors": errors, "warnings": warnings, "notes": notes, "diagnostics": shown });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        Format::Human => {
            let color = std::io::stderr().is_terminal();
            for d in &shown {
                if !quiet || d.is_error() {
                    eprint!("{}", render(&args.root, d, lang, color));
                }
            }
            if !quiet {
                let hidden = if verbose || notes == 0 {
                    String::new()
                } else {
                    lang.pick(
                        format!(" ({notes} notes: --verbose lists them)"),
                        format!("（另有 {notes} 条说明，加 --verbose 列出）"),
                    )
                };
                match lang {
                    Lang::En => println!("checked: {errors} errors, {warnings} warnings{hidden}"),
                    Lang::Zh => {
                        println!("检查完毕：{errors} 个错误，{warnings} 个警告{hidden}")
                    }
                }
            }
        }
    }
    if errors > 0 {
        ExitCode::from(2)
    } else if warnings > 0 && args.deny_warnings {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `bulletin new`: exit 0 with the files written, 2 when the folder is refused (nothing
/// written) or a file cannot be written.
#[expect(
    clippy::print_stderr,
    clippy::print_stdout,
    reason = "the binary is where output is printed"
)]
fn new_site(args: &NewArgs, lang: Lang, quiet: bool) -> ExitCode {
    let layout = match args.layout {
        NewLayout::News => bulletin::scaffold::Layout::News,
        NewLayout::Document => bulletin::scaffold::Layout::Document,
        NewLayout::Plan => bulletin::scaffold::Layout::Plan,
    };
    match bulletin::scaffold::create(&args.dir, layout) {
        Ok(files) => {
            if !quiet {
                let dir = args.dir.display();
                match lang {
                    Lang::En => println!("made a new site in {dir}:"),
                    Lang::Zh => println!("已在 {dir} 新建站点："),
                }
                for f in files {
                    println!("  {}", f.display());
                }
                match lang {
                    Lang::En => println!(
                        "next: cd {dir} && bulletin serve   (then open the address it prints)"
                    ),
                    Lang::Zh => println!(
                        "下一步：cd {dir} && bulletin serve   （然后在浏览器中打开它显示的地址）"
                    ),
                }
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprint!(
                "{}",
                render(
                    std::path::Path::new("."),
                    &d,
                    lang,
                    std::io::stderr().is_terminal()
                )
            );
            ExitCode::from(2)
        }
    }
}

/// `bulletin import`: 0 imported (or nothing to change), 1 refused: nothing written.
#[expect(
    clippy::print_stderr,
    clippy::print_stdout,
    reason = "the binary is where output is printed"
)]
fn import(args: &ImportArgs, lang: Lang, quiet: bool) -> ExitCode {
    let opts = bulletin::import::ImportOptions {
        root: args.root.clone(),
        file: args.file.clone(),
        unit: args.unit.clone(),
        dry_run: args.dry_run,
    };
    let color = std::io::stderr().is_terminal();
    let zh = lang == Lang::Zh;
    match bulletin::import::run(&opts) {
        Ok(report) => {
            if !quiet {
                let file = report.data_file.display();
                for n in &report.new_indicators {
                    let unit = match (n.unit.is_empty(), zh) {
                        (true, false) => "none",
                        (true, true) => "无",
                        (false, _) => &n.unit,
                    };
                    if zh {
                        println!(
                            "新指标 {} （{}）：类型 {}，单位 {unit}，小数位 {}——请在 {file} 中核对",
                            n.id, n.name, n.kind, n.decimals
                        );
                    } else {
                        println!(
                            "new indicator {} ({}): kind {}, unit {unit}, decimals {} — check them in {file}",
                            n.id, n.name, n.kind, n.decimals
                        );
                    }
                }
                for c in &report.changes {
                    let (i, p, f, new, from) = (&c.indicator, &c.period, &c.field, &c.new, &c.from);
                    match (&c.old, zh) {
                        (Some(old), false) => {
                            println!("changed {i} {p} {f}: {old} → {new}   ({from})")
                        }
                        (Some(old), true) => {
                            println!("修改 {i} {p} {f}：{old} → {new}   （{from}）")
                        }
                        (None, false) => println!("added   {i} {p} {f}: {new}   ({from})"),
                        (None, true) => println!("新增 {i} {p} {f}：{new}   （{from}）"),
                    }
                }
                let (changed, unchanged) = (report.changes.len(), report.unchanged);
                match (report.written, args.dry_run, zh) {
                    (true, _, false) => {
                        println!("wrote {file}: {changed} added or changed, {unchanged} unchanged")
                    }
                    (true, _, true) => {
                        println!("已写入 {file}：新增或修改 {changed} 项，{unchanged} 项未变")
                    }
                    (false, true, false) => println!(
                        "dry run: {changed} added or changed, {unchanged} unchanged; nothing written to {file}"
                    ),
                    (false, true, true) => println!(
                        "试运行：新增或修改 {changed} 项，{unchanged} 项未变；未写入 {file}"
                    ),
                    (false, false, false) => println!(
                        "{file} already holds every figure: {changed} added or changed, {unchanged} unchanged; nothing written"
                    ),
                    (false, false, true) => println!(
                        "{file} 已有全部数字：新增或修改 {changed} 项，{unchanged} 项未变；未写入"
                    ),
                }
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            for d in diags.into_shown(|_| true) {
                eprint!("{}", render(std::path::Path::new("."), &d, lang, color));
            }
            if zh {
                eprintln!("错误：未导入任何数字；data.yaml 保持原样");
            } else {
                eprintln!("error: nothing was imported; data.yaml was left as it was");
            }
            ExitCode::from(1)
        }
    }
}

/// `bulletin serve`: runs until interrupted; 1 when the site cannot be served at all.
#[expect(
    clippy::print_stderr,
    clippy::print_stdout,
    reason = "the binary is where output is printed"
)]
fn serve(args: ServeArgs, lang: Lang, verbose: bool, quiet: bool) -> ExitCode {
    use bulletin::serve::{Event, ServeOptions};
    let opts = ServeOptions {
        root: args.root.clone(),
        interface: args.interface,
        port: args.port,
        drafts: args.drafts,
        poll: args.poll,
        lang,
    };
    let root = args.root.clone();
    let color = std::io::stderr().is_terminal();
    let open = args.open;
    let first = std::sync::atomic::AtomicBool::new(true);
    let result = bulletin::serve::run(&opts, move |event| match event {
        Event::Listening { url } => {
            match lang {
                Lang::En => println!("serving {url} (Ctrl+C to stop)"),
                Lang::Zh => println!("预览地址 {url}（按 Ctrl+C 停止）"),
            }
            if !args.interface.is_loopback() {
                let at = args.interface;
                match lang {
                    Lang::En => eprintln!(
                        "warning: listening on {at}: anyone on the network can see the preview"
                    ),
                    Lang::Zh => eprintln!("警告：正在监听 {at}，网络上任何人都能看到预览"),
                }
            }
            if open && let Err(e) = open::that_detached(&url) {
                match lang {
                    Lang::En => eprintln!("warning: cannot open a browser: {e}"),
                    Lang::Zh => eprintln!("警告：无法打开浏览器：{e}"),
                }
            }
        }
        Event::Built(done) => {
            let first = first.swap(false, std::sync::atomic::Ordering::Relaxed);
            for d in done
                .diagnostics
                .into_shown(|d| d.is_error() || verbose && d.severity == Severity::Warning)
            {
                eprint!("{}", render(&root, &d, lang, color));
            }
            let (pages, ms) = (done.pages, done.elapsed.as_millis());
            if !done.ok && first {
                eprintln!(
                    "{}",
                    lang.pick(
                        "error: the site does not build; the browser shows why until it does",
                        "错误：站点生成失败；改好之前，浏览器中会显示原因"
                    )
                );
            } else if !done.ok {
                eprintln!(
                    "{}",
                    lang.pick(
                        "error: the site does not build; the browser shows why, over the last good pages",
                        "错误：站点生成失败；浏览器在上次成功生成的页面上显示原因"
                    )
                );
            } else if first {
                if !quiet {
                    match lang {
                        Lang::En => println!("built {pages} pages in {ms} ms"),
                        Lang::Zh => println!("已生成 {pages} 个页面，用时 {ms} 毫秒"),
                    }
                }
            } else if verbose {
                let noticed = done.since_noticed.map(|t| t.as_millis());
                match lang {
                    Lang::En => println!(
                        "rebuilt {pages} page{} in {ms} ms{}{}",
                        if pages == 1 { "" } else { "s" },
                        noticed.map_or_else(String::new, |t| format!(
                            ", {t} ms after the change was noticed"
                        )),
                        if done.full { " (site re-read)" } else { "" },
                    ),
                    Lang::Zh => println!(
                        "已重新生成 {pages} 个页面，用时 {ms} 毫秒{}{}",
                        noticed.map_or_else(String::new, |t| format!("（发现修改后 {t} 毫秒）")),
                        if done.full {
                            "（重新读取了整个站点）"
                        } else {
                            ""
                        },
                    ),
                }
            } else if done.recovered && !quiet {
                println!(
                    "{}",
                    lang.pick("the site builds again", "站点已恢复正常生成")
                );
            }
        }
        Event::WatchFailed(e) => match lang {
            Lang::En => eprintln!("warning: watching the site: {e}"),
            Lang::Zh => eprintln!("警告：监视站点文件时出错：{e}"),
        },
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(diags) => {
            for d in diags.into_shown(|_| true) {
                eprint!("{}", render(&opts.root, &d, lang, color));
            }
            eprintln!(
                "{}",
                lang.pick("error: cannot serve the site", "错误：无法预览站点")
            );
            ExitCode::from(1)
        }
    }
}

/// A diagnostic with its snippet. Diagnostics come sorted by file: the last file read is
/// kept, so that 200 diagnostics in one 10 MB file read it once, not 200 times.
fn render(root: &std::path::Path, d: &Diagnostic, lang: Lang, color: bool) -> String {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(std::path::PathBuf, Option<String>)>> =
            const { std::cell::RefCell::new(None) };
    }
    LAST.with_borrow_mut(|last| {
        if last.as_ref().is_none_or(|(file, _)| *file != d.file) {
            *last = Some((d.file.clone(), source_for(root, d)));
        }
        d.render_in(lang, last.as_ref().and_then(|(_, s)| s.as_deref()), color)
    })
}

/// The site's language, read cheaply (issue 16): the top-level `language:` line of
/// `site.yaml`, without parsing the file (it may be the file that is broken). A site.yaml
/// without the line is zh-CN, the default; no site.yaml at all, the locale's language.
fn site_lang(root: &std::path::Path) -> Lang {
    let Ok(text) = std::fs::read_to_string(root.join("site.yaml")) else {
        return Lang::from_env();
    };
    let value = text
        .trim_start_matches('\u{feff}')
        .lines()
        .find_map(|l| l.strip_prefix("language:"));
    match value {
        None => Lang::Zh,
        Some(v) => {
            let v = v.split('#').next().unwrap_or("").trim();
            let v = v.trim_matches(|c| c == '"' || c == '\'');
            Lang::from_tag(v).unwrap_or(Lang::En)
        }
    }
}
