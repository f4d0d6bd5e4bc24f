//! How `bulletin build` shows a long build: a progress bar on a terminal (indicatif),
//! plain lines at each quarter when output goes to a file or a CI log, nothing with
//! `--quiet` or for small sites. Implements the library's [`bulletin::Progress`].

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

use bulletin::lang::Lang;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Below this many pages a build is too quick to be worth a bar.
const MIN_PAGES: usize = 300;

pub enum Reporter {
    Quiet,
    Bar(ProgressBar, Lang),
    Lines {
        total: AtomicUsize,
        done: AtomicUsize,
        lang: Lang,
    },
}

impl Reporter {
    pub fn new(quiet: bool, lang: Lang) -> Reporter {
        if quiet {
            Reporter::Quiet
        } else if std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(lang.pick(
                    "{spinner} rendering {pos}/{len} pages [{bar:30}] {elapsed_precise}",
                    "{spinner} 正在生成页面 {pos}/{len} [{bar:30}] {elapsed_precise}",
                ))
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            Reporter::Bar(bar, lang)
        } else {
            Reporter::Lines {
                total: AtomicUsize::new(0),
                done: AtomicUsize::new(0),
                lang,
            }
        }
    }

    /// Clears the bar before the summary line is printed.
    pub fn finish(&self) {
        if let Reporter::Bar(bar, _) = self {
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
            Reporter::Bar(bar, _) if pages >= MIN_PAGES => bar.set_length(pages as u64),
            Reporter::Bar(bar, _) => bar.set_draw_target(ProgressDrawTarget::hidden()),
            Reporter::Lines { total, lang, .. } => {
                total.store(pages, Ordering::Relaxed);
                if pages >= MIN_PAGES {
                    let pages = thousands(pages);
                    match lang {
                        Lang::En => eprintln!("rendering {pages} pages"),
                        Lang::Zh => eprintln!("正在生成 {pages} 个页面"),
                    }
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
            Reporter::Bar(bar, _) => bar.inc(1),
            Reporter::Lines { total, done, lang } => {
                let total = total.load(Ordering::Relaxed);
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if total >= MIN_PAGES && n < total && (n * 4) % total < 4 && n * 4 >= total {
                    let (pct, n, total) = (n * 100 / total, thousands(n), thousands(total));
                    match lang {
                        Lang::En => eprintln!("  {pct}% ({n} of {total} pages)"),
                        Lang::Zh => eprintln!("  {pct}%（{n}/{total} 个页面）"),
                    }
                }
            }
        }
    }

    #[expect(
        clippy::print_stderr,
        reason = "the reporter belongs to the binary, which prints"
    )]
    fn waiting(&self, output: &std::path::Path) {
        let output = output.display();
        match self {
            Reporter::Quiet => {}
            Reporter::Bar(_, Lang::En) | Reporter::Lines { lang: Lang::En, .. } => {
                eprintln!("waiting for another build into {output} to finish")
            }
            Reporter::Bar(_, Lang::Zh) | Reporter::Lines { lang: Lang::Zh, .. } => {
                eprintln!("另一次生成正在写入 {output}，等它完成")
            }
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
