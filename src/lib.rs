//! `bulletin`: public progress bulletins from YAML figures and Markdown commentary.
//!
//! The pipeline, one stage a module, each a function of the previous stage's output:
//!
//! ```text
//! load      disk → raw serde structs (site.yaml, data.yaml, front matter)
//! model     raw → resolved domain types (units, indicators, periods, bulletins)
//! compute   pure arithmetic and Chinese phrasing (growth, points, completion, ranks)
//! check     rules beyond the file shapes; the cross-check of typed numbers; links
//! figures   an indicator at a period, phrased; statistics tables
//! markdown  commentary → HTML, data components expanded
//! render    Tera theme built once; pages rendered in parallel
//! output    written aside, then swapped in
//! ```
//!
//! [`build`] and [`check`] run that pipeline; [`serve`] keeps its result in memory and
//! re-renders what an edit affects. Every problem is a located
//! [`diagnostic::Diagnostic`]; only the binary prints.

pub mod diagnostic;

mod check;
mod compute;
mod figures;
#[cfg(test)]
mod fuzz_tests;
mod load;
mod markdown;
mod model;
mod needles;
mod output;
mod render;
pub mod serve;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diagnostic::{Code, Diagnostic, Diagnostics};

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
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// Warnings and notes (a successful build has no errors).
    pub diagnostics: Diagnostics,
    /// Wall time of each stage, in order (`--verbose` prints them).
    pub stages: Stages,
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
    let mut stages = Stages::start();
    let Some((site, theme)) = prepare(
        &opts.root,
        opts.drafts,
        load::Bodies::Reread,
        &mut diags,
        &mut stages,
    ) else {
        return Err(diags);
    };
    let out = match output::Output::stage(target, &site.config.keep) {
        Ok(out) => out,
        Err(e) => {
            diags.push(e);
            return Err(diags);
        }
    };
    let (pages, files) = render_and_check(&site, &theme, &out, progress, &mut diags, &mut stages);
    if diags.has_errors() {
        out.discard();
        return Err(diags);
    }
    if let Err(e) = out.commit() {
        diags.push(e);
        return Err(diags);
    }
    stages.done("swap");
    // Freeing a province's site takes longer than swapping the output in; nobody waits
    // for it.
    rayon::spawn(move || drop((site, theme)));
    Ok(BuildReport {
        pages,
        files,
        output: dest,
        elapsed: started.elapsed(),
        diagnostics: diags,
        stages,
    })
}

/// Everything `build` checks, rendering every page but writing nothing. The returned
/// diagnostics hold errors, warnings and the cross-check's notes.
pub fn check(root: &Path, drafts: bool) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let mut stages = Stages::default();
    render::theme::watchdog::exit_code(2);
    if let Some((site, theme)) =
        prepare(root, drafts, load::Bodies::Reread, &mut diags, &mut stages)
    {
        render_and_check(
            &site,
            &theme,
            &output::Output::dry_run(),
            &Silent,
            &mut diags,
            &mut stages,
        );
    }
    diags
}

/// load → resolve → validate → theme; None when there is nothing sound to render.
fn prepare(
    root: &Path,
    drafts: bool,
    bodies: load::Bodies,
    diags: &mut Diagnostics,
    stages: &mut Stages,
) -> Option<(model::Site, render::Theme)> {
    let loaded = load::load(root, bodies, diags)?;
    stages.done("load");
    let site = model::resolve(loaded, drafts, diags);
    stages.done("resolve");
    check::validate(&site, diags);
    stages.done("validate");
    let theme_at = site.config.file.locate(&[load::locate::Seg::Key("theme")]);
    let mut theme = render::Theme::load(
        root,
        &site.config.theme,
        theme_at,
        &site.config.language,
        diags,
    )?;
    theme.set_site(&site);
    stages.done("theme");
    Some((site, theme))
}

/// Renders every page and static file into `out` and checks the links between them;
/// returns (pages, other files) written.
fn render_and_check(
    site: &model::Site,
    theme: &render::Theme,
    out: &output::Output,
    progress: &dyn Progress,
    diags: &mut Diagnostics,
    stages: &mut Stages,
) -> (usize, usize) {
    let links = render::render_site(site, theme, out, progress, diags);
    stages.done("render and write");
    let statics = copy_static(site, theme, out, diags);
    let counts = (links.len(), statics.len());
    let written: std::collections::HashSet<String> = links
        .iter()
        .map(|p| p.path.clone())
        .chain(statics)
        .collect();
    check::links::check(&links, &written, diags);
    stages.done("static files and links");
    counts
}

/// Theme static files, then the site's `static/` (which wins), then content assets, as
/// [`load::boundary::static_files`] lists them, when none would replace a page; returns
/// the output paths written.
fn copy_static(
    site: &model::Site,
    theme: &render::Theme,
    out: &output::Output,
    diags: &mut Diagnostics,
) -> Vec<String> {
    let files = load::boundary::static_files(&site.root, &theme.statics, &site.assets, diags);
    let taken = check::page_collisions(site, &files, diags);
    let mut written = Vec::new();
    for file in files.into_iter().filter(|f| !taken.contains(&f.out)) {
        let result = match &file.from {
            load::boundary::From::Theme(i) => out.write(&file.out, &theme.statics[*i].1),
            load::boundary::From::Site(rel) => out.copy(&site.root.join(rel), &file.out),
        };
        match result {
            Ok(()) => written.push(file.out),
            Err(e) => diags.push(e),
        }
    }
    written
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
    pub struct Prepared {
        site: crate::model::Site,
        theme: crate::render::Theme,
        cross: crate::check::crosscheck::Index,
    }

    pub fn prepare(root: &Path) -> Option<Prepared> {
        let (site, theme) = crate::prepare(
            root,
            false,
            crate::load::Bodies::Reread,
            &mut Diagnostics::default(),
            &mut crate::Stages::default(),
        )?;
        let cross = crate::check::crosscheck::Index::new(&site);
        Some(Prepared { site, theme, cross })
    }

    impl Prepared {
        pub fn bulletins(&self) -> usize {
            self.site.bulletins.len()
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
        crate::render::commentary_html(&p.site, &p.theme, i).len()
    }

    /// Bulletin `i`'s whole page: commentary, cross-check and the page template. The
    /// cross-check's matchers are built on the first call, as in a build.
    pub fn render_page(p: &Prepared, i: usize) -> usize {
        crate::render::render_page_with_links(
            &p.site,
            &p.theme,
            Page::Bulletin(i),
            Some(&p.cross),
            &std::cell::RefCell::new(Vec::new()),
            &mut Diagnostics::default(),
        )
        .map_or(0, |h| h.len())
    }
}
