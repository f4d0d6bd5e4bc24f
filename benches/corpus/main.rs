//! The corpus generator behind `benches/compare.sh` and `benches/serve.sh` (issue 7): a
//! province-sized site of N bulletins, written twice, as a `bulletin` site and as the
//! *same pages* for Hugo.
//!
//! ```sh
//! cargo bench --bench corpus -- --generate 10000 /tmp/corpus
//! ```
//!
//! writes `OUT/bulletin/` (site.yaml, `content/<city>/<county>/<town>/` with `_index.md`,
//! `data.yaml` of 30 indicators × 5 years, and 10 bulletins per unit with inline figures,
//! bold lead-ins and a ```yoy and a ```targets table) and `OUT/hugo/` (hugo.toml, the same
//! folders and Markdown with every figure already phrased and both tables already filled
//! in, and a minimal layout of the same weight as the `news` theme). Any existing
//! `OUT/bulletin` and `OUT/hugo` are replaced; nothing else under OUT is touched.
//!
//! Deterministic: one inline LCG with a fixed seed per unit, no network, no `rand`. The
//! figures are fictional. The phrases for Hugo are computed here the simple way, with
//! integer arithmetic and half-up rounding; they follow bulletin's README in wording and
//! weight, not necessarily character for character. Nothing here is measured: this folder
//! only writes the input that the scripts time.
//!
//! This file is the command line and the order of writing; the modules, by what they make:
//!
//! - [`tree`]: the units (cities, counties and zones, towns), their names and folders;
//! - [`indicators`]: the 30 indicators and each unit's five years of values, targets, ranks;
//! - [`site`]: site.yaml and hugo.toml, the home page, each unit's `_index.md`;
//! - [`data`]: each unit's `data.yaml`;
//! - [`bulletins`]: a bulletin's front matter and commentary, both sites at once;
//! - [`phrasing`] and [`tables`]: the figures and tables bulletin computes, pre-written
//!   for Hugo;
//! - [`pools`]: the report prose the bulletins draw on; [`doc`]: one text for both sites;
//!   [`rng`]: the seeded generator; [`hugo_layouts`]: the Hugo twin of the news theme.

#![expect(
    clippy::print_stderr,
    reason = "a command-line tool: usage, errors and the summary line go to stderr"
)]

mod bulletins;
mod data;
mod doc;
mod hugo_layouts;
mod indicators;
mod phrasing;
mod pools;
mod rng;
mod site;
mod tables;
mod tree;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicators::DEFS;

/// The years every indicator has values for; bulletins describe the last one.
pub(crate) const YEARS: [u32; 5] = [2020, 2021, 2022, 2023, 2024];
/// Index of the bulletins' period (2024) in [`YEARS`].
pub(crate) const CUR: usize = 4;
pub(crate) const BULLETINS_PER_UNIT: usize = 10;

pub(crate) const PROVINCE: &str = "江淮省";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench` (and runs every bench): only `--generate` does work.
    let Some(at) = args.iter().position(|a| a == "--generate") else {
        eprintln!("usage: cargo bench --bench corpus -- --generate N OUT");
        return ExitCode::SUCCESS;
    };
    let n = args
        .get(at + 1)
        .and_then(|s| s.replace(['_', ','], "").parse::<usize>().ok())
        .filter(|&n| n > 0);
    let (Some(n), Some(out)) = (n, args.get(at + 2)) else {
        eprintln!("usage: cargo bench --bench corpus -- --generate N OUT   (N > 0 bulletins)");
        return ExitCode::FAILURE;
    };
    match generate(n, Path::new(out)) {
        Ok(summary) => {
            eprintln!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

fn generate(n: usize, out: &Path) -> io::Result<String> {
    let units = tree::plan_units(n.div_ceil(BULLETINS_PER_UNIT));
    let sites = Sites {
        bulletin: out.join("bulletin"),
        hugo: out.join("hugo"),
    };
    for dir in [&sites.bulletin, &sites.hugo] {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
    }
    site::write_site_files(&sites)?;
    site::write_home(&sites, &units)?;
    let mut written = 0;
    for u in 0..units.len() {
        let count = BULLETINS_PER_UNIT.min(n - written);
        site::write_unit(&sites, &units, u, count)?;
        written += count;
    }
    let depth = |d: u8| units.iter().filter(|u| u.depth == d).count();
    Ok(format!(
        "corpus: {} units ({} cities, {} counties/zones, {} towns), {written} bulletins, {} values -> {}",
        units.len(),
        depth(0),
        depth(1),
        depth(2),
        units.len() * DEFS.len() * YEARS.len(),
        out.display()
    ))
}

pub(crate) struct Sites {
    pub(crate) bulletin: PathBuf,
    pub(crate) hugo: PathBuf,
}
