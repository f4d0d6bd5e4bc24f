//! The `bulletin` binary: parses arguments, calls the library, prints diagnostics and
//! decides the exit code (0 success, 1 build failed, 2 usage error: clap's, or an output
//! folder the guard refused).

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
use bulletin::{BuildOptions, source_for};
use clap::Parser;
use cli::{CheckArgs, Cli, Command, Format, ImportArgs, NewArgs, NewLayout, ServeArgs};

#[expect(
    clippy::print_stderr,
    clippy::print_stdout,
    reason = "the binary is where output is printed"
)]
fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(&args, cli.verbose, cli.quiet),
        Command::Serve(args) => serve(args, cli.verbose, cli.quiet),
        Command::New(args) => new_site(&args, cli.quiet),
        Command::Import(args) => import(&args, cli.quiet),
        Command::Build(args) => {
            let opts = BuildOptions {
                root: args.root.clone(),
                output: args.output,
                drafts: args.drafts,
                force: args.force,
            };
            let color = std::io::stderr().is_terminal();
            let reporter = progress::Reporter::new(cli.quiet);
            let result = bulletin::build_with_progress(&opts, &reporter);
            reporter.finish();
            match result {
                Ok(report) => {
                    for d in report
                        .diagnostics
                        .into_shown(|d| cli.verbose || d.severity != Severity::Note)
                    {
                        eprint!("{}", render(&opts.root, &d, color));
                    }
                    if !cli.quiet {
                        let kept = report.pages - report.made;
                        println!(
                            "built {} pages in {:.2} s (and {} other files, into {}){}",
                            progress::thousands(report.pages),
                            report.elapsed.as_secs_f64(),
                            report.files,
                            report.output.display(),
                            if kept > 0 {
                                format!(
                                    "; {} unchanged since the last build",
                                    progress::thousands(kept)
                                )
                            } else {
                                String::new()
                            }
                        );
                    }
                    if cli.verbose {
                        let stages: Vec<String> = report
                            .stages
                            .times
                            .iter()
                            .map(|(name, t)| format!("{name} {:.3} s", t.as_secs_f64()))
                            .collect();
                        eprintln!("stages: {}", stages.join(" · "));
                    }
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    let errors = diags.error_count();
                    let refused = diags.iter().any(|d| d.code == Code::OutputPath);
                    // Notes (figures the cross-check could not verify) would bury the
                    // errors; --verbose shows them, as on a successful build.
                    for d in diags.into_shown(|d| cli.verbose || d.severity != Severity::Note) {
                        eprint!("{}", render(&opts.root, &d, color));
                    }
                    if refused {
                        eprintln!("error: the output folder was refused; nothing was written");
                        return ExitCode::from(2);
                    }
                    eprintln!(
                        "error: build failed with {errors} error{}; the previous output was left as it was",
                        if errors == 1 { "" } else { "s" }
                    );
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
fn check(args: &CheckArgs, verbose: bool, quiet: bool) -> ExitCode {
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
    let shown: Vec<Diagnostic> = diags.into_shown(|d| verbose || d.severity != Severity::Note);
    match args.format {
        Format::Json => {
            let doc = serde_json::json!({ "errors": errors, "warnings": warnings, "notes": notes, "diagnostics": shown });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        Format::Human => {
            let color = std::io::stderr().is_terminal();
            for d in &shown {
                if !quiet || d.is_error() {
                    eprint!("{}", render(&args.root, d, color));
                }
            }
            if !quiet {
                let hidden = if verbose || notes == 0 {
                    String::new()
                } else {
                    format!(" ({notes} notes: --verbose lists them)")
                };
                println!("checked: {errors} errors, {warnings} warnings{hidden}");
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
fn new_site(args: &NewArgs, quiet: bool) -> ExitCode {
    let layout = match args.layout {
        NewLayout::News => bulletin::scaffold::Layout::News,
        NewLayout::Document => bulletin::scaffold::Layout::Document,
        NewLayout::Plan => bulletin::scaffold::Layout::Plan,
    };
    match bulletin::scaffold::create(&args.dir, layout) {
        Ok(files) => {
            if !quiet {
                println!("made a new site in {}:", args.dir.display());
                for f in files {
                    println!("  {}", f.display());
                }
                println!(
                    "next: cd {} && bulletin serve   (then open the address it prints)",
                    args.dir.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprint!(
                "{}",
                render(
                    std::path::Path::new("."),
                    &d,
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
fn import(args: &ImportArgs, quiet: bool) -> ExitCode {
    let opts = bulletin::import::ImportOptions {
        root: args.root.clone(),
        file: args.file.clone(),
        unit: args.unit.clone(),
        dry_run: args.dry_run,
    };
    let color = std::io::stderr().is_terminal();
    match bulletin::import::run(&opts) {
        Ok(report) => {
            if !quiet {
                let file = report.data_file.display();
                for n in &report.new_indicators {
                    println!(
                        "new indicator {} ({}): kind {}, unit {}, decimals {} — check them in {file}",
                        n.id,
                        n.name,
                        n.kind,
                        if n.unit.is_empty() { "none" } else { &n.unit },
                        n.decimals
                    );
                }
                for c in &report.changes {
                    match &c.old {
                        Some(old) => println!(
                            "changed {} {} {}: {old} → {}   ({})",
                            c.indicator, c.period, c.field, c.new, c.from
                        ),
                        None => println!(
                            "added   {} {} {}: {}   ({})",
                            c.indicator, c.period, c.field, c.new, c.from
                        ),
                    }
                }
                let summary = format!(
                    "{} added or changed, {} unchanged",
                    report.changes.len(),
                    report.unchanged
                );
                if report.written {
                    println!("wrote {file}: {summary}");
                } else if args.dry_run {
                    println!("dry run: {summary}; nothing written to {file}");
                } else {
                    println!("{file} already holds every figure: {summary}; nothing written");
                }
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            for d in diags.into_shown(|_| true) {
                eprint!("{}", render(std::path::Path::new("."), &d, color));
            }
            eprintln!("error: nothing was imported; data.yaml was left as it was");
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
fn serve(args: ServeArgs, verbose: bool, quiet: bool) -> ExitCode {
    use bulletin::serve::{Event, ServeOptions};
    let opts = ServeOptions {
        root: args.root.clone(),
        interface: args.interface,
        port: args.port,
        drafts: args.drafts,
        poll: args.poll,
    };
    let root = args.root.clone();
    let color = std::io::stderr().is_terminal();
    let open = args.open;
    let first = std::sync::atomic::AtomicBool::new(true);
    let result = bulletin::serve::run(&opts, move |event| match event {
        Event::Listening { url } => {
            println!("serving {url} (Ctrl+C to stop)");
            if !args.interface.is_loopback() {
                eprintln!(
                    "warning: listening on {}: anyone on the network can see the preview",
                    args.interface
                );
            }
            if open && let Err(e) = open::that_detached(&url) {
                eprintln!("warning: cannot open a browser: {e}");
            }
        }
        Event::Built(done) => {
            let first = first.swap(false, std::sync::atomic::Ordering::Relaxed);
            for d in done
                .diagnostics
                .into_shown(|d| d.is_error() || verbose && d.severity == Severity::Warning)
            {
                eprint!("{}", render(&root, &d, color));
            }
            if !done.ok && first {
                eprintln!("error: the site does not build; the browser shows why until it does");
            } else if !done.ok {
                eprintln!(
                    "error: the site does not build; the browser shows why, over the last good pages"
                );
            } else if first {
                if !quiet {
                    println!(
                        "built {} pages in {} ms",
                        done.pages,
                        done.elapsed.as_millis()
                    );
                }
            } else if verbose {
                let noticed = done.since_noticed.map_or_else(String::new, |t| {
                    format!(", {} ms after the change was noticed", t.as_millis())
                });
                println!(
                    "rebuilt {} page{} in {} ms{noticed}{}",
                    done.pages,
                    if done.pages == 1 { "" } else { "s" },
                    done.elapsed.as_millis(),
                    if done.full { " (site re-read)" } else { "" },
                );
            } else if done.recovered && !quiet {
                println!("the site builds again");
            }
        }
        Event::WatchFailed(e) => eprintln!("warning: watching the site: {e}"),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(diags) => {
            for d in diags.into_shown(|_| true) {
                eprint!("{}", render(&opts.root, &d, color));
            }
            eprintln!("error: cannot serve the site");
            ExitCode::from(1)
        }
    }
}

/// A diagnostic with its snippet. Diagnostics come sorted by file: the last file read is
/// kept, so that 200 diagnostics in one 10 MB file read it once, not 200 times.
fn render(root: &std::path::Path, d: &Diagnostic, color: bool) -> String {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(std::path::PathBuf, Option<String>)>> =
            const { std::cell::RefCell::new(None) };
    }
    LAST.with_borrow_mut(|last| {
        if last.as_ref().is_none_or(|(file, _)| *file != d.file) {
            *last = Some((d.file.clone(), source_for(root, d)));
        }
        d.render(last.as_ref().and_then(|(_, s)| s.as_deref()), color)
    })
}
