//! `bulletin`: public progress bulletins from YAML figures and Markdown commentary.
//!
//! The pipeline, one stage a module, each a function of the previous stage's output:
//!
//! ```text
//! load      disk → raw serde structs (site.yaml, data.yaml, front matter)
//! model     raw → resolved domain types (units, indicators, periods, bulletins)
//! compute   pure arithmetic and Chinese phrasing (growth, points, completion, ranks)
//! figures   an indicator at a period, phrased; statistics tables
//! markdown  commentary → HTML, data components expanded
//! render    Tera theme built once; pages rendered in parallel
//! output    written aside, then swapped in
//! ```
//!
//! Every problem is a located [`diagnostic::Diagnostic`]; only the binary prints.

pub mod diagnostic;

mod compute;
mod figures;
mod load;
mod markdown;
mod model;
mod output;
mod render;

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
}

/// load → resolve → render → write aside → swap. On any error the previous output is
/// left untouched and every problem found is returned.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let mut diags = Diagnostics::default();
    let Some(loaded) = load::load(&opts.root, &mut diags) else {
        return Err(diags);
    };
    let site = model::resolve(loaded, opts.drafts, &mut diags);
    let theme = render::Theme::load(
        &opts.root,
        &site.config.theme,
        &site.config.language,
        &mut diags,
    );
    let Some(theme) = theme.filter(|_| !diags.has_errors()) else {
        return Err(diags);
    };

    let dest = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"));
    let out = match output::Output::stage(&dest) {
        Ok(out) => out,
        Err(e) => {
            diags.push(e);
            return Err(diags);
        }
    };
    let pages = render::render_site(&site, &theme, &out, &mut diags);
    let files = copy_static(&site, &theme, &out, &mut diags);
    if diags.has_errors() {
        out.discard();
        return Err(diags);
    }
    if let Err(e) = out.commit() {
        diags.push(e);
        return Err(diags);
    }
    Ok(BuildReport {
        pages,
        files,
        output: dest,
        elapsed: started.elapsed(),
        diagnostics: diags,
    })
}

/// Theme static files, then the site's `static/` (which wins), then content assets.
fn copy_static(
    site: &model::Site,
    theme: &render::Theme,
    out: &output::Output,
    diags: &mut Diagnostics,
) -> usize {
    let mut count = 0;
    for (rel, bytes) in &theme.statics {
        match out.write(&rel.to_string_lossy(), bytes) {
            Ok(()) => count += 1,
            Err(e) => diags.push(e),
        }
    }
    let static_dir = site.root.join("static");
    for entry in walkdir::WalkDir::new(&static_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(&static_dir)
                .unwrap_or(entry.path());
            match out.copy(entry.path(), &rel.to_string_lossy()) {
                Ok(()) => count += 1,
                Err(e) => diags.push(e),
            }
        }
    }
    for rel in &site.assets {
        match out.copy(&site.root.join("content").join(rel), &rel.to_string_lossy()) {
            Ok(()) => count += 1,
            Err(e) => diags.push(e),
        }
    }
    count
}

/// Reads a site file for a diagnostic's snippet (None when it is not on disk).
pub fn source_for(root: &Path, d: &Diagnostic) -> Option<String> {
    if d.code == Code::Io && d.position.is_none() {
        return None;
    }
    std::fs::read_to_string(root.join(&d.file)).ok()
}
