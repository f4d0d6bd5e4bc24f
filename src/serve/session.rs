//! The preview's state between edits: the [`Engine`] (the site and theme in memory), the
//! record of every page served, and the static files served. One thread owns the
//! session; what it shares is the [`Snapshot`](super::snapshot::Snapshot) the server
//! answers from, which it changes only when a rebuild succeeded as a whole, and only
//! after every page of it is made. A failed rebuild leaves the last good pages served
//! and sets the overlay.
//!
//! A rebuild brings the engine's site up to date — an edited bulletin or static file is
//! read again on its own (the edit an editor makes all day must not cost a re-read of a
//! province's 10,000 bulletins), anything else re-reads the site — and then runs the
//! engine as `build` does, into the memory sink: the records say which pages read an
//! input that changed, and only those are made again. There are no rules here about
//! which page shows what.
//!
//! Invariant: the records are those of the pages served. A failed attempt keeps them, so
//! the pages it could not swap in still differ from their records' fingerprints and are
//! made again by the next attempt.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use axum::body::Bytes;

use super::Rebuild;
use super::overlay;
use super::server::RELOAD_SCRIPT;
use super::snapshot::Shared;
use super::watch::Changes;
use crate::diagnostic::Diagnostics;
use crate::engine::{self, Engine, Record};
use crate::model::Input;
use crate::output::Output;

pub(crate) struct Session {
    root: PathBuf,
    drafts: bool,
    lang: crate::lang::Lang,
    /// None after a failed re-read: one site is kept in memory at a time, so the old one
    /// goes before the new one is read.
    engine: Option<Engine>,
    /// The record of every page served, by output path.
    records: HashMap<String, Record>,
    /// Each input, and the pages whose records show they read it.
    readers: HashMap<Input, HashSet<String>>,
    /// The last attempt failed: the next one reads the whole site again.
    broken: bool,
    snapshot: Shared,
}

impl Session {
    /// Loads and renders the whole site into a new snapshot. Err when nothing can be
    /// rendered at all (no readable `site.yaml`, no `content/`, a theme that does not
    /// load); a site with errors still starts, showing them.
    pub fn start(
        root: PathBuf,
        drafts: bool,
        lang: crate::lang::Lang,
    ) -> Result<(Session, Rebuild), Diagnostics> {
        let started = Instant::now();
        let mut diags = Diagnostics::default();
        let Some(engine) = prepare(&root, drafts, &mut diags) else {
            return Err(diags);
        };
        let mut session = Session {
            root,
            drafts,
            lang,
            engine: None,
            records: HashMap::new(),
            readers: HashMap::new(),
            broken: false,
            snapshot: Shared::default(),
        };
        let report = session.run(&engine, diags, &[], true, started, None);
        session.engine = Some(engine);
        Ok((session, report))
    }

    pub fn snapshot(&self) -> Shared {
        self.snapshot.clone()
    }

    /// Applies a batch of changes. Edited bulletins alone are read again on their own:
    /// the inputs that changed give, through the records, the pages to make again, and
    /// nothing else is looked at. Any other change (static files among them) runs the
    /// engine over the whole plan, after the site is read again when the batch touched
    /// more than bulletins and static files.
    pub fn rebuild(&mut self, changes: &Changes) -> Rebuild {
        let started = Instant::now();
        let mut diags = Diagnostics::default();
        let changed: Vec<PathBuf> = changes.paths.iter().cloned().collect();
        let planned = match &self.engine {
            Some(engine) if !self.broken => plan_patch(engine, changes),
            _ => None,
        };
        let (engine, report) = match (planned, self.engine.take()) {
            (Some((bulletins, statics)), Some(mut engine)) => {
                let inputs = engine.reread_bulletins(bulletins, &mut diags);
                let report = if statics {
                    self.run(&engine, diags, &changed, false, started, changes.noticed)
                } else {
                    self.run_inputs(&engine, inputs, diags, started, changes.noticed)
                };
                (engine, report)
            }
            (_, old) => {
                // The old site goes first: two province sites at once would double
                // serve's memory for as long as the new one is read.
                drop(old);
                let Some(engine) = prepare(&self.root, self.drafts, &mut diags) else {
                    return self.fail(diags, started, changes.noticed, true);
                };
                let report = self.run(&engine, diags, &changed, true, started, changes.noticed);
                (engine, report)
            }
        };
        self.engine = Some(engine);
        report
    }

    /// Makes again the pages that read one of `inputs`, the page of a bulletin that came,
    /// and drops the page of one that went; runs the link check when a page's links or
    /// anchors changed or a page came or went; swaps the result in when there is no
    /// error.
    fn run_inputs(
        &mut self,
        engine: &Engine,
        inputs: Vec<Input>,
        mut diags: Diagnostics,
        started: Instant,
        noticed: Option<Instant>,
    ) -> Rebuild {
        let mut todo: HashSet<String> = inputs
            .iter()
            .filter_map(|i| self.readers.get(i))
            .flatten()
            .cloned()
            .collect();
        let mut gone = Vec::new();
        for input in &inputs {
            if let Input::Bulletin(key) = input {
                let path = format!("{key}/index.html");
                if engine.has_page(&path) {
                    todo.insert(path);
                } else if self.records.contains_key(&path) {
                    gone.push(path);
                }
            }
        }
        let out = Output::memory();
        let records = engine.make_at(todo, &out, &mut diags);
        let same_links = |r: &Record| {
            self.records
                .get(&r.page.path)
                .is_some_and(|old| old.page.ids == r.page.ids && old.page.links == r.page.links)
        };
        if !gone.is_empty() || !records.iter().all(same_links) {
            let fresh: HashMap<&str, &Record> =
                records.iter().map(|r| (r.page.path.as_str(), r)).collect();
            let all: Vec<&crate::links::PageLinks> = self
                .records
                .iter()
                .filter(|(p, _)| !gone.contains(p) && !fresh.contains_key(p.as_str()))
                .map(|(_, r)| &r.page)
                .chain(records.iter().map(|r| &r.page))
                .collect();
            let snapshot = self.snapshot.read();
            let files: HashSet<String> = all
                .iter()
                .map(|p| p.path.clone())
                .chain(snapshot.statics.keys().cloned())
                .collect();
            drop(snapshot);
            engine::check_page_links(&all, &files, &mut diags);
        }
        if diags.has_errors() {
            return self.fail(diags, started, noticed, false);
        }
        let pages = out.into_memory();
        let count = pages.len();
        {
            let mut snapshot = self.snapshot.write();
            for (path, html) in pages {
                snapshot.pages.insert(path, Bytes::from(html));
            }
            for path in &gone {
                snapshot.pages.remove(path);
            }
            snapshot.overlay = None;
        }
        for path in gone {
            if let Some(old) = self.records.remove(&path) {
                self.forget(&old);
            }
        }
        for record in records {
            self.adopt(record);
        }
        let recovered = std::mem::replace(&mut self.broken, false);
        Rebuild {
            ok: true,
            pages: count,
            files: 0,
            full: false,
            recovered,
            elapsed: started.elapsed(),
            since_noticed: noticed.map(|t| t.elapsed()),
            diagnostics: diags,
        }
    }

    /// Puts `record` in place of the page's old one, in `readers` too.
    fn adopt(&mut self, record: Record) {
        if let Some(old) = self.records.remove(&record.page.path) {
            self.forget(&old);
        }
        for (input, _) in &record.inputs {
            self.readers
                .entry(input.clone())
                .or_default()
                .insert(record.page.path.clone());
        }
        self.records.insert(record.page.path.clone(), record);
    }

    /// Takes `record`'s page off the readers of its inputs.
    fn forget(&mut self, record: &Record) {
        for (input, _) in &record.inputs {
            if let Some(pages) = self.readers.get_mut(input) {
                pages.remove(&record.page.path);
            }
        }
    }

    /// Makes what the records show changed (all of it at the start) into memory, runs
    /// the link check, and swaps the result in when there is no error. `changed` are the
    /// files the batch touched: static files among them are read again.
    fn run(
        &mut self,
        engine: &Engine,
        mut diags: Diagnostics,
        changed: &[PathBuf],
        full: bool,
        started: Instant,
        noticed: Option<Instant>,
    ) -> Rebuild {
        let plan = engine.plan(&mut diags);
        let out = Output::memory();
        let made = engine.make_pages(&plan, &self.records, &out, &crate::Silent, &mut diags);
        let records: HashMap<String, Record> =
            made.into_iter().map(|r| (r.page.path.clone(), r)).collect();
        engine::check_links(
            plan.pages
                .iter()
                .filter_map(|(p, _)| records.get(p).or_else(|| self.records.get(p))),
            &plan.files(),
            &mut diags,
        );
        let statics = {
            let snapshot = self.snapshot.read();
            let mut statics = HashMap::with_capacity(plan.statics.len());
            for file in &plan.statics {
                let unchanged = !full
                    && file
                        .site_file()
                        .is_none_or(|rel| !changed.iter().any(|c| c == rel));
                let bytes = match snapshot.statics.get(&file.out).filter(|_| unchanged) {
                    Some(bytes) => bytes.clone(),
                    None => match engine.static_bytes(file) {
                        Ok(bytes) => Bytes::from(bytes.into_owned()),
                        Err(e) => {
                            diags.push(e);
                            continue;
                        }
                    },
                };
                statics.insert(file.out.clone(), bytes);
            }
            statics
        };
        if diags.has_errors() {
            return self.fail(diags, started, noticed, full);
        }
        let pages = out.into_memory();
        let count = pages.len();
        let files = statics.len();
        {
            let mut snapshot = self.snapshot.write();
            for (path, html) in pages {
                snapshot.pages.insert(path, Bytes::from(html));
            }
            let planned: std::collections::HashSet<&str> =
                plan.pages.iter().map(|(p, _)| p.as_str()).collect();
            snapshot
                .pages
                .retain(|path, _| planned.contains(path.as_str()));
            snapshot.statics = statics;
            snapshot.base = base_path(&engine.site.config.base_url);
            snapshot.overlay = None;
        }
        let mut kept = std::mem::take(&mut self.records);
        self.records = plan
            .pages
            .iter()
            .filter_map(|(p, _)| {
                records
                    .get(p)
                    .cloned()
                    .or_else(|| kept.remove(p))
                    .map(|r| (p.clone(), r))
            })
            .collect();
        self.readers.clear();
        for (path, record) in &self.records {
            for (input, _) in &record.inputs {
                self.readers
                    .entry(input.clone())
                    .or_default()
                    .insert(path.clone());
            }
        }
        let recovered = std::mem::replace(&mut self.broken, false);
        Rebuild {
            ok: true,
            pages: count,
            files,
            full,
            recovered,
            elapsed: started.elapsed(),
            since_noticed: noticed.map(|t| t.elapsed()),
            diagnostics: diags,
        }
    }

    /// Keeps the last good pages and their records, shows the errors.
    fn fail(
        &mut self,
        diags: Diagnostics,
        started: Instant,
        noticed: Option<Instant>,
        full: bool,
    ) -> Rebuild {
        self.broken = true;
        let overlay = overlay::html(&self.root, &diags, self.lang);
        self.snapshot.write().overlay = overlay;
        Rebuild {
            ok: false,
            pages: 0,
            files: 0,
            full,
            recovered: false,
            elapsed: started.elapsed(),
            since_noticed: noticed.map(|t| t.elapsed()),
            diagnostics: diags,
        }
    }
}

/// The engine for `serve`: its pages carry the live-reload script.
fn prepare(root: &Path, drafts: bool, diags: &mut Diagnostics) -> Option<Engine> {
    // without PDFs and the search index (`Engine::prepare_preview`)
    let mut engine = Engine::prepare_preview(root, drafts, crate::engine::Bodies::Front, diags)?;
    engine.theme.set_reload_script(RELOAD_SCRIPT);
    Some(engine)
}

/// The bulletins to read again on their own for `changes` — (unit index, slug, file on
/// disk; the file may be gone) — and whether static files changed too; None when the
/// site must be read again: a unit, its data or tasks, `site.yaml`, the theme, a folder,
/// a content asset that came or went.
type Patch = (Vec<(usize, String, PathBuf)>, bool);

fn plan_patch(engine: &Engine, changes: &Changes) -> Option<Patch> {
    let mut bulletins = Vec::new();
    let mut statics = false;
    for rel in &changes.paths {
        let abs = engine.root.join(rel);
        if abs.is_dir() {
            return None;
        }
        let text = rel.to_str()?.replace('\\', "/");
        if text.starts_with("static/") {
            statics = true;
            continue;
        }
        let inner = text.strip_prefix("content/")?;
        let (dir, name) = inner.rsplit_once('/').unwrap_or(("", inner));
        match name {
            "_index.md" => return None,
            n if n.ends_with(".yaml") || n.ends_with(".yml") => return None,
            n if n.ends_with(".md") => {
                let unit = engine.site.unit(dir)?;
                let slug = n.strip_suffix(".md")?.to_string();
                bulletins.push((unit, slug, abs));
            }
            // An asset the site already has, changed: read again by the run.
            _ if abs.is_file() && engine.site.assets.iter().any(|a| a == Path::new(inner)) => {
                statics = true;
            }
            _ => return None,
        }
    }
    Some((bulletins, statics))
}

/// The path part of the base URL, decoded: `https://x.gov.cn/tjgb/` → `/tjgb/`.
pub(crate) fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut path = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    if !path.ends_with('/') {
        path.push('/');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_is_the_decoded_path_of_base_url() {
        assert_eq!(base_path("https://www.example.gov.cn/tjgb/"), "/tjgb/");
        assert_eq!(base_path("https://www.example.gov.cn/tjgb"), "/tjgb/");
        assert_eq!(base_path("https://www.example.gov.cn"), "/");
        assert_eq!(base_path("https://x.cn/%E7%BB%9F%E8%AE%A1/"), "/统计/");
        assert_eq!(base_path("/preview/"), "/preview/");
    }
}
