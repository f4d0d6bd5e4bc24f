//! `bulletin`: public progress bulletins from YAML figures and Markdown commentary.
//!
//! The modules, each a stage of one pipeline (`ARCHITECTURE.md` has the map and the
//! rules of which may import which):
//!
//! ```text
//! load      disk → raw serde structs, file hashes, positions; the Sources store
//! model     raw → resolved domain types (units, indicators, periods, bulletins, inputs)
//! compute   pure arithmetic and Chinese phrasing (growth, points, completion, ranks)
//! check     rules beyond the file shapes; the cross-check of typed numbers; links
//! figures   an indicator at a period, phrased, once a page; statistics tables
//! markdown  commentary → HTML, data components expanded, links and inputs collected
//! render    one page's bytes, pure: views, the Tera theme, the table writer
//! engine    prepare, plan the artifacts, make those whose recorded inputs changed
//! output    the guard and the one writer: disk (aside, swap, reuse) or memory
//! pdf       documents printed to PDF with headless Chromium (site.yaml `pdf: true`)
//! ```
//!
//! [`build`] and [`check`] run the engine; [`serve`] keeps it in memory and makes again
//! what an edit changed. Every problem is a located [`diagnostic::Diagnostic`]; only the
//! binary prints.

/// First, so that [`text!`] is in scope in every module after it.
#[macro_use]
pub mod lang;
pub mod diagnostic;

mod check;
mod compute;
mod engine;
mod figures;
#[cfg(test)]
mod fuzz_tests;
pub mod import;
mod links;
mod load;
mod markdown;
mod model;
mod needles;
mod output;
mod package;
mod pdf;
mod render;
pub mod scaffold;
pub mod serve;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diagnostic::{Code, Diagnostic, Diagnostics};
use engine::Engine;

/// What `bulletin build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `site.yaml`).
    pub root: PathBuf,
    /// Where the output goes; `public/` under the root by default.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    /// Replace a non-empty output folder that holds no bulletin marker (never the site,
    /// its ancestors, `content/`, `themes/`, `static/` or a file).
    pub force: bool,
    /// `--package`: also write a zip of the output and its manifest (`package`), beside
    /// the output (`Some(None)`) or at the path given.
    pub package: Option<Option<PathBuf>>,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    /// Pages rendered; the others' recorded inputs were unchanged and their files reused.
    pub made: usize,
    pub files: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// Warnings and notes (a successful build has no errors).
    pub diagnostics: Diagnostics,
    /// Wall time of each stage, in order (`--verbose` prints them).
    pub stages: Stages,
    /// The release package written with `--package`.
    pub package: Option<package::Packaged>,
}

/// Wall time of each pipeline stage, for `--verbose` and for profiling a slow site.
#[derive(Debug, Default)]
pub struct Stages {
    last: Option<Instant>,
    pub times: Vec<(&'static str, Duration)>,
}

impl Stages {
    fn start() -> Stages {
        Stages {
            last: Some(Instant::now()),
            times: Vec::new(),
        }
    }

    /// Records the time since the previous stage ended as `name`.
    fn done(&mut self, name: &'static str) {
        let now = Instant::now();
        if let Some(last) = self.last.replace(now) {
            self.times.push((name, now - last));
        }
    }
}

/// Told how a long build goes; the binary draws a progress bar from it (the library
/// prints nothing). Called from the render threads.
pub trait Progress: Sync {
    /// Rendering starts: `pages` pages to go.
    fn start(&self, pages: usize);
    /// One more page is done.
    fn page(&self);
    /// Another build holds `output`; this one waits for it to finish.
    fn waiting(&self, _output: &Path) {}
}

/// A build that reports nothing.
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: usize) {}
    fn page(&self) {}
}

/// load → resolve → check → render → write aside → swap. On any error the previous
/// output is left untouched and every problem found is returned.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    build_with_progress(opts, &Silent)
}

/// [`build`], telling `progress` how rendering goes.
pub fn build_with_progress(
    opts: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let dest = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"));
    let mut diags = Diagnostics::default();
    // The output guard runs before anything else: a refused output (exit 2) is reported
    // before the site is read, and nothing is written.
    let target = match output::claim(&opts.root, &dest, opts.force, &|p| progress.waiting(p)) {
        Ok(target) => target,
        Err(e) => {
            diags.push(e);
            return Err(diags);
        }
    };
    // So is a package's place (`--package`): refused before anything is written.
    let package = match &opts.package {
        Some(given) => match package::claim(&opts.root, target.dest(), given.as_deref()) {
            Ok(p) => Some(p),
            Err(e) => {
                diags.push(e);
                return Err(diags);
            }
        },
        None => None,
    };
    let cache = engine::record::Cache::new(&opts.root, target.dest());
    let mut stages = Stages::start();
    let mut previous = cache.read();
    stages.done("records read");
    // With records of the last build most pages are kept as they are, and their
    // commentary is never asked for: none is held, a page made again reads its own.
    let bodies = if previous.is_empty() {
        crate::load::Bodies::Reread
    } else {
        crate::load::Bodies::Front
    };
    let parsed_file = crate::load::parsed::ParsedFile::new(&opts.root, target.dest());
    let parsed = parsed_file.read();
    let sink = parsed_file.sink();
    stages.done("parse cache read");
    let prepared = Engine::prepare_cached(
        &opts.root,
        opts.drafts,
        bodies,
        (&parsed, &sink),
        &mut diags,
        &mut stages,
    );
    drop(parsed);
    // What loading read, for the next build: in place before any page is made.
    parsed_file.finish(sink);
    let Some(mut engine) = prepared else {
        return Err(diags);
    };
    // A site that asks for PDFs and has no browser to print them fails before any work.
    let chromium = if engine.site.config.pdf {
        match pdf::browser(&engine.site) {
            Ok(chromium) => Some(chromium),
            Err(e) => {
                diags.push(e);
                return Err(diags);
            }
        }
    } else {
        None
    };
    // Nothing is located in a YAML file after validation.
    engine.site.release_positions();
    // The phrasing lint's style warnings are `check`'s (and serve's), not build's.
    engine.lint = false;
    // The search index's bigrams, kept for the next build beside the records.
    engine.search = engine::search::Store::open(cache.search_dir());
    let plan = engine.plan(&mut diags);
    let paths = plan.files();
    let out = match output::Output::stage(target, &engine.site.config.keep, cache.spare(), &paths) {
        Ok(out) => out,
        Err(e) => {
            diags.push(e);
            return Err(diags);
        }
    };
    stages.done("plan");
    let mut records = engine.make_pages(&plan, &previous, &out, progress, &mut diags);
    let made = records.len();
    // The pages kept as they were keep their records.
    for r in &records {
        previous.remove(&r.page.path);
    }
    records.extend(plan.pages.iter().filter_map(|(p, _)| previous.remove(p)));
    stages.done("render and write");
    let mut files = engine.make_statics(&plan, &out, &mut diags);
    engine::check_links(&records, &paths, &mut diags);
    stages.done("static files and links");
    // Seconds a document: only for a build that is otherwise sound.
    if let Some(chromium) = &chromium
        && !diags.has_errors()
    {
        let records = cache.spare().map(|spare| spare.with_extension("pdfs"));
        files += pdf::make(
            &engine,
            chromium,
            &plan,
            &out,
            records.as_deref(),
            &mut diags,
        );
        stages.done("pdf");
    }
    if diags.has_errors() {
        out.discard();
        return Err(diags);
    }
    // The package is made from the staged output, and put in place once it is swapped in.
    let staged = match package.map(|p| p.stage(&paths, |rel| out.read(rel))) {
        Some(Err(e)) => {
            diags.push(e);
            out.discard();
            return Err(diags);
        }
        Some(Ok(staged)) => Some(staged),
        None => None,
    };
    if let Err(e) = out.commit() {
        diags.push(e);
        staged.iter().for_each(package::Staged::abandon);
        return Err(diags);
    }
    stages.done("swap");
    let pages = records.len();
    cache.write(records);
    stages.done("records written");
    let package = match staged.map(package::Staged::finish) {
        Some(Err(e)) => {
            diags.push(e);
            return Err(diags);
        }
        Some(Ok(p)) => Some(p),
        None => None,
    };
    // Freeing a province's site takes longer than swapping the output in; nobody waits
    // for it.
    rayon::spawn(move || drop(engine));
    Ok(BuildReport {
        pages,
        made,
        files,
        output: dest,
        elapsed: started.elapsed(),
        diagnostics: diags,
        stages,
        package,
    })
}

/// Everything `build` checks, rendering every page but writing nothing. The returned
/// diagnostics hold errors, warnings and the cross-check's notes.
pub fn check(root: &Path, drafts: bool) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let mut stages = Stages::default();
    render::theme::watchdog::exit_code(2);
    if let Some(mut engine) = Engine::prepare(
        root,
        drafts,
        crate::load::Bodies::Reread,
        &mut diags,
        &mut stages,
    ) {
        engine.site.release_positions();
        let plan = engine.plan(&mut diags);
        let out = output::Output::dry_run();
        let records = engine.make_pages(&plan, &Default::default(), &out, &Silent, &mut diags);
        engine.make_statics(&plan, &out, &mut diags);
        engine::check_links(&records, &plan.files(), &mut diags);
    }
    diags
}

/// Reads a site file for a diagnostic's snippet (None when it is not on disk).
pub fn source_for(root: &Path, d: &Diagnostic) -> Option<String> {
    if d.code == Code::Io && d.position.is_none() {
        return None;
    }
    std::fs::read_to_string(root.join(&d.file)).ok()
}

/// Entry points for `benches/hot_paths.rs` only: the pipeline's hot paths one at a time.
/// Not a stable API.
#[doc(hidden)]
pub mod bench_api {
    use std::path::Path;

    use crate::compute::comparison::{Series, change, evaluate_target};
    use crate::compute::phrase::{phrase_target, phrase_yoy};
    use crate::compute::{Decimal, Kind, Target};
    use crate::diagnostic::Diagnostics;
    use crate::render::Page;

    /// A site loaded and resolved, with its theme built.
    pub struct Prepared(crate::Engine);

    pub fn prepare(root: &Path) -> Option<Prepared> {
        crate::Engine::prepare(
            root,
            false,
            crate::load::Bodies::Reread,
            &mut Diagnostics::default(),
            &mut crate::Stages::default(),
        )
        .map(Prepared)
    }

    impl Prepared {
        pub fn bulletins(&self) -> usize {
            self.0.site.bulletins.len()
        }
    }

    /// data.yaml text → indicators (YAML load and shape checks).
    pub fn parse_data_yaml(text: &str) -> usize {
        crate::load::yaml::parse::<crate::load::raw::RawData>(
            text,
            Path::new("data.yaml"),
            1,
            &mut Diagnostics::default(),
        )
        .map_or(0, |d| d.indicators.len())
    }

    /// One comparison computed and phrased, as a table row does (seed 000 figures).
    pub fn comparison(current: &str, prior: &str, target: &str) -> usize {
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        let s = Series {
            kind: Kind::Amount,
            decimals: 2,
            higher_is_better: true,
            per_mille: false,
            current: Some(d(current)),
            prior: Some(d(prior)),
            stated_growth: None,
            comparable_basis: false,
        };
        let t = Target::Level {
            value: d(target),
            qualifier: None,
        };
        let o = evaluate_target(&s, &t);
        phrase_yoy(&s, &change(&s), true).len()
            + phrase_target(&s, &t, &o, "年度目标", "亿元").len()
    }

    /// Bulletin `i`'s commentary with its components → HTML (no page template).
    pub fn render_commentary(p: &Prepared, i: usize) -> usize {
        let text = p.0.page_text(Page::Bulletin(i)).unwrap_or_default();
        crate::render::commentary_html(&p.0.site, &p.0.theme, i, &text).len()
    }

    /// Bulletin `i`'s whole page: commentary, cross-check and the page template, made as
    /// a build makes it (into no sink). The cross-check's matchers are built on the
    /// first call, as in a build.
    pub fn render_page(p: &Prepared, i: usize) -> usize {
        let mut html = Vec::new();
        p.0.make_page(
            "",
            Page::Bulletin(i),
            &crate::output::Output::dry_run(),
            &mut html,
            &crate::figures::SiteFigures::default(),
            &mut Diagnostics::default(),
        );
        html.len()
    }
}
