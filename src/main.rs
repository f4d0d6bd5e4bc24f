//! The `bulletin` binary: parses arguments, calls the library, prints diagnostics and
//! decides the exit code (0 success, 1 build failed, 2 usage error from clap).

mod cli;

use std::io::IsTerminal;
use std::process::ExitCode;

use bulletin::diagnostic::Diagnostic;
use bulletin::{BuildOptions, build, source_for};
use clap::Parser;
use cli::{Cli, Command};

#[expect(
    clippy::print_stderr,
    clippy::print_stdout,
    reason = "the binary is where output is printed"
)]
fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
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
                        if cli.verbose || d.severity != bulletin::diagnostic::Severity::Note {
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

fn render(root: &std::path::Path, d: &Diagnostic, color: bool) -> String {
    d.render(source_for(root, d).as_deref(), color)
}
