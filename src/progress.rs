//! How `bulletin build` shows a long build: a progress bar on a terminal (indicatif),
//! plain lines at each quarter when output goes to a file or a CI log, nothing with
//! `--quiet` or for small sites. Implements the library's [`bulletin::Progress`].

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Below this many pages a build is too quick to be worth a bar.
const MIN_PAGES: usize = 300;

pub enum Reporter {
    Quiet,
    Bar(ProgressBar),
    Lines {
        total: AtomicUsize,
        done: AtomicUsize,
    },
}

impl Reporter {
    pub fn new(quiet: bool) -> Reporter {
        if quiet {
            Reporter::Quiet
        } else if std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} rendering {pos}/{len} pages [{bar:30}] {elapsed_precise}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            Reporter::Bar(bar)
        } else {
            Reporter::Lines {
                total: AtomicUsize::new(0),
                done: AtomicUsize::new(0),
            }
        }
    }

    /// Clears the bar before the summary line is printed.
    pub fn finish(&self) {
        if let Reporter::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

impl bulletin::Progress for Reporter {
    #[expect(
        clippy::print_stderr,
        reason = "the reporter belongs to the binary, which prints"
    )]
    fn start(&self, pages: usize) {
        match self {
            Reporter::Quiet => {}
            Reporter::Bar(bar) if pages >= MIN_PAGES => bar.set_length(pages as u64),
            Reporter::Bar(bar) => bar.set_draw_target(ProgressDrawTarget::hidden()),
            Reporter::Lines { total, .. } => {
                total.store(pages, Ordering::Relaxed);
                if pages >= MIN_PAGES {
                    eprintln!("rendering {} pages", thousands(pages));
                }
            }
        }
    }

    #[expect(
        clippy::print_stderr,
        reason = "the reporter belongs to the binary, which prints"
    )]
    fn page(&self) {
        match self {
            Reporter::Quiet => {}
            Reporter::Bar(bar) => bar.inc(1),
            Reporter::Lines { total, done } => {
                let total = total.load(Ordering::Relaxed);
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if total >= MIN_PAGES && n < total && (n * 4) % total < 4 && n * 4 >= total {
                    eprintln!(
                        "  {}% ({} of {} pages)",
                        n * 100 / total,
                        thousands(n),
                        thousands(total)
                    );
                }
            }
        }
    }

    #[expect(
        clippy::print_stderr,
        reason = "the reporter belongs to the binary, which prints"
    )]
    fn waiting(&self, output: &std::path::Path) {
        if !matches!(self, Reporter::Quiet) {
            eprintln!(
                "waiting for another build into {} to finish",
                output.display()
            );
        }
    }
}

/// 10001 → "10,001", as the summary line prints counts.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(10_001), "10,001");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1_000_000), "1,000,000");
    }
}
