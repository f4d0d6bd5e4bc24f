//! The preview's state between edits: the loaded [`Site`] and [`Theme`], and everything
//! needed to render only what a change affects — the output paths of the site, its
//! static files, the links each page makes (for the link check `build` runs), and the
//! pages that failed attempts left unrendered. One thread owns the session; what it
//! shares is the [`Snapshot`](super::snapshot::Snapshot) the server answers from, which
//! it replaces only when a rebuild succeeded as a whole, and only after every page of it
//! is rendered. A failed rebuild leaves the last good pages served and sets the overlay.
//!
//! Invariant: every served page matches `site`, except the paths in `stale`; so each
//! attempt renders what the change affects plus `stale`, and a success empties it.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use axum::body::Bytes;
use rayon::prelude::*;

use super::Rebuild;
use super::affected::{self, Patch};
use super::overlay;
use super::server::RELOAD_SCRIPT;
use super::snapshot::Shared;
use super::watch::Changes;
use crate::check::crosscheck;
use crate::check::links::{self, PageLinks};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::load::boundary;
use crate::model::Site;
use crate::render::{self, Page, Theme};

pub(crate) struct Session {
    root: PathBuf,
    drafts: bool,
    site: Site,
    theme: Theme,
    cross: crosscheck::Index,
    /// Output paths of the pages of `site`.
    pages: HashSet<String>,
    /// Static files of `site` by output path (theme, `static/`, content assets).
    statics: HashMap<String, Bytes>,
    /// `pages` and the keys of `statics`: what the link check may point to.
    files: HashSet<String>,
    links: Links,
    /// Pages whose served version does not match `site` (a failed attempt's).
    stale: HashSet<String>,
    /// The last attempt failed: the next one reads the whole site again.
    broken: bool,
    snapshot: Shared,
}

impl Session {
    /// Loads and renders the whole site into a new snapshot. Err when nothing can be
    /// rendered at all (no readable `site.yaml`, no `content/`, a theme that does not
    /// load); a site with errors still starts, showing them.
    pub fn start(root: PathBuf, drafts: bool) -> Result<(Session, Rebuild), Diagnostics> {
        let started = Instant::now();
        let mut diags = Diagnostics::default();
        let Some((site, theme)) = crate::prepare(
            &root,
            drafts,
            crate::load::Bodies::Keep,
            &mut diags,
            &mut crate::Stages::default(),
        ) else {
            return Err(diags);
        };
        let mut session = Session {
            cross: crosscheck::Index::new(&site),
            root,
            drafts,
            site,
            theme,
            pages: HashSet::new(),
            statics: HashMap::new(),
            files: HashSet::new(),
            links: Links::default(),
            stale: HashSet::new(),
            broken: false,
            snapshot: Shared::default(),
        };
        session.theme.set_reload_script(RELOAD_SCRIPT);
        session.snapshot.write().base = base_path(&session.site.config.base_url);
        session.adopt_outputs(&mut diags);
        let change = Change {
            affected: session.pages.clone(),
            files: session.statics.len(),
            full: true,
            outputs_changed: true,
        };
        let report = session.finish(change, diags, started, None);
        Ok((session, report))
    }

    pub fn snapshot(&self) -> Shared {
        self.snapshot.clone()
    }

    /// Applies a batch of changes: patches the site when the batch allows it, reads it
    /// again otherwise; then renders what is affected and swaps it in, or shows why not.
    pub fn rebuild(&mut self, changes: &Changes) -> Rebuild {
        let started = Instant::now();
        let mut diags = Diagnostics::default();
        let patch = if self.broken {
            None
        } else {
            affected::plan_patch(&self.site, &self.root, &self.statics, changes)
        };
        let change = match patch {
            Some(patch) => self.patch(patch, &mut diags),
            None => match self.reload(changes, &mut diags) {
                Some(change) => change,
                None => return self.fail(HashSet::new(), diags, started, changes.noticed, 0, true),
            },
        };
        self.finish(change, diags, started, changes.noticed)
    }

    /// Re-reads the changed bulletins one by one into the site.
    fn patch(&mut self, patch: Patch, diags: &mut Diagnostics) -> Change {
        let mut affected = HashSet::new();
        // Output paths may collide only when a bulletin comes or goes.
        let mut paths_changed = false;
        for (unit, slug, file) in patch.bulletins {
            let unit_id = self.site.units[unit].id.clone();
            let before = self
                .site
                .bulletin_by_path(&unit_id, &slug)
                .map(|b| affected::front(b).to_string());
            let loaded = if file.is_file() {
                crate::load::load_bulletin(&self.root, &unit_id, &file, true, diags)
            } else {
                None
            };
            self.site
                .replace_bulletin(unit, &slug, loaded, self.drafts, diags);
            let path = format!("{unit_id}/{slug}/index.html");
            if self.site.bulletin_by_path(&unit_id, &slug).is_some() {
                paths_changed |= self.pages.insert(path.clone());
                self.files.insert(path.clone());
            } else {
                paths_changed |= self.pages.remove(&path);
                if !self.statics.contains_key(&path) {
                    self.files.remove(&path);
                }
            }
            // Its own page comes first, to render or, when it is gone, to drop.
            affected.extend(affected::bulletin_pages(
                &self.site,
                unit,
                &slug,
                before.as_deref(),
            ));
        }
        if paths_changed {
            // The data rules did not change; the output paths did.
            crate::check::validate(&self.site, diags);
        }
        let files = patch.statics.len();
        let outputs_changed = paths_changed || files > 0;
        for rel in patch.statics {
            match self.static_file(&rel, diags) {
                Some(bytes) => {
                    self.statics.insert(rel.clone(), bytes);
                    self.files.insert(rel);
                }
                None => {
                    self.statics.remove(&rel);
                    if !self.pages.contains(&rel) {
                        self.files.remove(&rel);
                    }
                }
            }
        }
        Change {
            affected,
            files,
            full: false,
            outputs_changed,
        }
    }

    /// Reads the whole site again; None when it cannot be rendered at all.
    fn reload(&mut self, changes: &Changes, diags: &mut Diagnostics) -> Option<Change> {
        let (site, mut theme) = crate::prepare(
            &self.root,
            self.drafts,
            crate::load::Bodies::Keep,
            diags,
            &mut crate::Stages::default(),
        )?;
        theme.set_reload_script(RELOAD_SCRIPT);
        let diff = affected::between(&self.site, &site, changes.touch_theme());
        let mut affected = diff.pages;
        let old_pages = std::mem::take(&mut self.pages);
        let old_statics = std::mem::take(&mut self.statics);
        match diff.data_changed {
            // Building the cross-check's automata for 1,000 units takes most of a second.
            Some(units) => self.cross.refresh(&site, &units),
            None => self.cross = crosscheck::Index::new(&site),
        }
        let old_site = std::mem::replace(&mut self.site, site);
        // Freeing 10,000 bulletins takes a tenth of a second: not on the way to the pages.
        std::thread::spawn(move || drop(old_site));
        self.theme = theme;
        self.adopt_outputs(diags);
        affected.extend(old_pages.difference(&self.pages).cloned());
        let files = self
            .statics
            .iter()
            .filter(|(rel, bytes)| old_statics.get(*rel) != Some(bytes))
            .count()
            + old_statics
                .keys()
                .filter(|rel| !self.statics.contains_key(*rel))
                .count();
        Some(Change {
            affected,
            files,
            full: true,
            outputs_changed: true,
        })
    }

    /// Lists the pages and static files of the current site.
    fn adopt_outputs(&mut self, diags: &mut Diagnostics) {
        self.pages = render::pages(&self.site)
            .into_iter()
            .map(|p| p.path(&self.site))
            .collect();
        self.statics = self.all_static_files(diags);
        self.files = self
            .pages
            .iter()
            .chain(self.statics.keys())
            .cloned()
            .collect();
    }

    /// Renders the affected pages (and the stale ones), runs the link check, and swaps
    /// the result in when there is no error.
    fn finish(
        &mut self,
        change: Change,
        mut diags: Diagnostics,
        started: Instant,
        noticed: Option<Instant>,
    ) -> Rebuild {
        let Change {
            mut affected,
            files,
            full,
            outputs_changed,
        } = change;
        affected.extend(self.stale.drain());
        let todo = self.pages_at(&affected);
        let (site, theme, cross) = (&self.site, &self.theme, &self.cross);
        let rendered: Vec<(String, Option<String>, Diagnostics, Option<PageLinks>)> = todo
            .into_par_iter()
            .map(|(path, page)| {
                let mut d = Diagnostics::default();
                let found = RefCell::new(Vec::new());
                let html =
                    render::render_page_with_links(site, theme, page, Some(cross), &found, &mut d);
                let page_links = html.as_ref().map(|html| PageLinks {
                    path: path.clone(),
                    ids: links::ids(html.as_bytes()),
                    links: found.into_inner(),
                });
                (path, html, d, page_links)
            })
            .collect();
        // The last check passed; it can only fail now if a page's links or anchors, or
        // the set of files, changed.
        let mut recheck = full || outputs_changed;
        let mut pages = Vec::with_capacity(rendered.len());
        for (path, html, d, page_links) in rendered {
            diags.extend(d);
            match page_links {
                Some(l) => {
                    recheck |= !self.links.same(&l);
                    self.links.set(l);
                }
                None => {
                    recheck = true;
                    self.links.remove(&path);
                }
            }
            if let Some(html) = html {
                pages.push((path, Bytes::from(html)));
            }
        }
        for gone in affected.iter().filter(|p| !self.pages.contains(*p)) {
            recheck = true;
            self.links.remove(gone);
        }
        if recheck {
            links::check(&self.links.pages, &self.files, &mut diags);
        }
        if diags.has_errors() {
            return self.fail(affected, diags, started, noticed, files, full);
        }
        let count = pages.len();
        {
            let mut snapshot = self.snapshot.write();
            for (path, html) in pages {
                snapshot.pages.insert(path, html);
            }
            for gone in affected.iter().filter(|p| !self.pages.contains(*p)) {
                snapshot.pages.remove(gone);
            }
            snapshot.statics.clone_from(&self.statics);
            snapshot.base = base_path(&self.site.config.base_url);
            snapshot.overlay = None;
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

    /// Keeps the last good pages, remembers what is left to render, shows the errors.
    fn fail(
        &mut self,
        affected: HashSet<String>,
        diags: Diagnostics,
        started: Instant,
        noticed: Option<Instant>,
        files: usize,
        full: bool,
    ) -> Rebuild {
        self.stale.extend(affected);
        self.broken = true;
        let overlay = overlay::html(&self.root, &diags);
        self.snapshot.write().overlay = overlay;
        Rebuild {
            ok: false,
            pages: 0,
            files,
            full,
            recovered: false,
            elapsed: started.elapsed(),
            since_noticed: noticed.map(|t| t.elapsed()),
            diagnostics: diags,
        }
    }

    /// The pages of the site at `paths` (paths the site no longer has are skipped).
    fn pages_at(&self, paths: &HashSet<String>) -> Vec<(String, Page)> {
        let site = &self.site;
        if paths.len() <= 64 {
            paths
                .iter()
                .filter_map(|p| affected::page_at(site, p).map(|page| (p.clone(), page)))
                .collect()
        } else {
            render::pages(site)
                .into_iter()
                .map(|page| (page.path(site), page))
                .filter(|(path, _)| paths.contains(path))
                .collect()
        }
    }

    /// Theme files, then `static/`, then content assets, listed as `build` lists them
    /// (the same boundary, allow-list and collision checks).
    fn all_static_files(&self, diags: &mut Diagnostics) -> HashMap<String, Bytes> {
        let files =
            boundary::static_files(&self.root, &self.theme.statics, &self.site.assets, diags);
        let taken = crate::check::page_collisions(&self.site, &files, diags);
        let mut out = HashMap::with_capacity(files.len());
        for file in files.into_iter().filter(|f| !taken.contains(&f.out)) {
            let bytes = match &file.from {
                boundary::From::Theme(i) => Some(Bytes::from(self.theme.statics[*i].1.clone())),
                boundary::From::Site(rel) => read(&self.root, &self.root.join(rel), diags),
            };
            if let Some(bytes) = bytes {
                out.insert(file.out, bytes);
            }
        }
        out
    }

    /// The file served at `rel` now: a content asset, else `static/`, else the theme's,
    /// each admitted by the rules `build` applies.
    fn static_file(&self, rel: &str, diags: &mut Diagnostics) -> Option<Bytes> {
        let boundary = boundary::Boundary::new(&self.root);
        for dir in ["content", "static"] {
            match boundary::admit(&boundary, dir, rel) {
                // A file held back still may not sit where a page is generated.
                Ok(Some(publish)) => {
                    let path = Path::new(dir).join(rel);
                    let file = boundary::StaticFile {
                        out: rel.to_string(),
                        from: boundary::From::Site(path.clone()),
                    };
                    if !crate::check::page_collisions(&self.site, &[file], diags).is_empty() {
                        return None;
                    }
                    if publish {
                        return read(&self.root, &self.root.join(path), diags);
                    }
                }
                Ok(None) => {}
                Err(e) => {
                    diags.push(e);
                    return None;
                }
            }
        }
        self.theme
            .statics
            .iter()
            .find(|(r, _)| r.to_string_lossy().replace('\\', "/") == rel)
            .map(|(_, bytes)| Bytes::from(bytes.clone()))
    }
}

fn read(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<Bytes> {
    match std::fs::read(path) {
        Ok(bytes) => Some(Bytes::from(bytes)),
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::Io,
                crate::diagnostic::relative(root, path),
                format!("cannot read the file: {e}"),
            ));
            None
        }
    }
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

/// What a patch or a re-read changed, for [`Session::finish`].
struct Change {
    /// Output paths to render again (or to drop, when the site no longer has them).
    affected: HashSet<String>,
    /// Static files that changed.
    files: usize,
    /// The site was read again as a whole.
    full: bool,
    /// A page or file came or went.
    outputs_changed: bool,
}

/// The links of every page, in the slice the link check takes, found by path.
#[derive(Default)]
struct Links {
    pages: Vec<PageLinks>,
    at: HashMap<String, usize>,
}

impl Links {
    fn set(&mut self, page: PageLinks) {
        match self.at.get(&page.path) {
            Some(&i) => self.pages[i] = page,
            None => {
                self.at.insert(page.path.clone(), self.pages.len());
                self.pages.push(page);
            }
        }
    }

    /// `page` links to the same places and offers the same anchors as before.
    fn same(&self, page: &PageLinks) -> bool {
        self.at.get(&page.path).is_some_and(|&i| {
            let old = &self.pages[i];
            old.ids == page.ids
                && old.links.len() == page.links.len()
                && old
                    .links
                    .iter()
                    .zip(&page.links)
                    .all(|(a, b)| a.dest == b.dest)
        })
    }

    fn remove(&mut self, path: &str) {
        if let Some(i) = self.at.remove(path) {
            self.pages.swap_remove(i);
            if let Some(moved) = self.pages.get(i) {
                self.at.insert(moved.path.clone(), i);
            }
        }
    }
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

    #[test]
    fn links_index_follows_swap_remove() {
        let mut links = Links::default();
        for p in ["a", "b", "c"] {
            links.set(PageLinks {
                path: p.into(),
                ..PageLinks::default()
            });
        }
        links.remove("a");
        assert_eq!(links.at["c"], 0);
        assert_eq!(links.pages[links.at["b"]].path, "b");
        links.remove("zzz");
        assert_eq!(links.pages.len(), 2);
    }
}
