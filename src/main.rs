//! The `bulletin` binary: parses arguments, calls the library, prints diagnostics and
//! decides the exit code (0 success, 1 build failed, 2 usage error from clap).

mod cli;

use std::io::IsTerminal;
use std::process::ExitCode;

use bulletin::diagnostic::{Diagnostic, Severity};
use bulletin::{BuildOptions, build, source_for};
use clap::Parser;
use cli::{CheckArgs, Cli, Command, Format};

#[expect(
    clippy::print_stderr,
    clippy::print_stdout,
    reason = "the binary is where output is printed"
)]
fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(&args, cli.verbose, cli.quiet),
        Command::Build(args) => {
            let opts = BuildOptions {
                root: args.root.clone(),
                output: args.output,
                drafts: args.drafts,
            };
            let color = std::io::stderr().is_terminal();
            match build(&opts) {
                Ok(report) => {
                    for d in report.diagnostics.iter() {
                        if cli.verbose || d.severity != Severity::Note {
                            eprint!("{}", render(&opts.root, d, color));
                        }
                    }
                    if !cli.quiet {
                        println!(
                            "built {} pages and {} files into {} in {:.2} s",
                            report.pages,
                            report.files,
                            report.output.display(),
                            report.elapsed.as_secs_f64()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    let errors = diags.error_count();
                    for d in diags.into_sorted() {
                        eprint!("{}", render(&opts.root, &d, color));
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
    let shown: Vec<Diagnostic> = diags
        .into_sorted()
        .into_iter()
        .filter(|d| verbose || d.severity != Severity::Note)
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

fn render(root: &std::path::Path, d: &Diagnostic, color: bool) -> String {
    d.render(source_for(root, d).as_deref(), color)
}
