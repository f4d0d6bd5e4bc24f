//! What a change affects: which pages must be rendered again. Two ways in.
//!
//! - [`plan_patch`]: a batch that only touches bulletins of known units and files copied
//!   as they are (`static/`, content assets) is patched in: each bulletin file is re-read
//!   on its own ([`bulletin_pages`]). An edit of the commentary alone renders that one
//!   page again; an edit of its front matter, or a bulletin that comes or goes, also
//!   renders what shows it: its unit's page and the home page (the lists) and the other
//!   bulletins of its unit (原文/解读 links between a plan and its interpretation). This
//!   is the edit an editor makes all day, and it must not cost a re-read of a province's
//!   10,000 bulletins.
//! - [`between`]: anything else re-reads the whole site and compares the new site with
//!   the old one. A theme, `site.yaml` or unit-tree change (names, parents, the
//!   navigation) touches every page; otherwise a page is rendered again when its own
//!   source changed, when the data or tasks of a unit it shows changed (its own unit, or
//!   one it names as `unit:indicator`), or when the front matter of a bulletin of its
//!   unit changed. The home page is always rendered (it shows a little of everything).
//!
//! What this relies on: no page shows another bulletin's commentary, only its front
//! matter, and the pages that show a bulletin's front matter are its unit's, its
//! siblings' and the home page.
//!
//! Pure functions of sites and paths; the session does the I/O.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use axum::body::Bytes;

use super::watch::Changes;
use crate::load::YamlFile;
use crate::model::{Bulletin, Site, Unit};
use crate::render::{self, Page};

/// Bulletins to re-read and static files to copy again.
#[derive(Debug, Default)]
pub(crate) struct Patch {
    /// (unit index, slug, file on disk): the file may be gone.
    pub bulletins: Vec<(usize, String, PathBuf)>,
    /// Output paths of files copied verbatim.
    pub statics: Vec<String>,
}

/// The patch for `changes`, or None when the site must be read again.
pub(crate) fn plan_patch(
    site: &Site,
    root: &Path,
    statics: &HashMap<String, Bytes>,
    changes: &Changes,
) -> Option<Patch> {
    let mut patch = Patch::default();
    for rel in &changes.paths {
        let abs = root.join(rel);
        if abs.is_dir() {
            return None;
        }
        let text = rel.to_str()?.replace('\\', "/");
        if let Some(inner) = text.strip_prefix("static/") {
            // A file that is gone must be one we serve: a removed folder is not.
            if !abs.exists() && !statics.contains_key(inner) {
                return None;
            }
            patch.statics.push(inner.to_string());
            continue;
        }
        let inner = text.strip_prefix("content/")?;
        let (dir, name) = inner.rsplit_once('/').unwrap_or(("", inner));
        match name {
            // A unit, its data or tasks, or any YAML the loader reads: read it all again.
            "_index.md" => return None,
            n if n.ends_with(".yaml") || n.ends_with(".yml") => return None,
            n if n.ends_with(".md") => {
                let unit = site.unit(dir)?;
                let slug = n.strip_suffix(".md")?.to_string();
                patch.bulletins.push((unit, slug, abs));
            }
            _ => {
                if !abs.exists() && !statics.contains_key(inner) {
                    return None;
                }
                patch.statics.push(inner.to_string());
            }
        }
    }
    Some(patch)
}

/// The pages to render after bulletin `slug` of `unit` was re-read: `before` is its
/// front matter before (None: it did not exist), and the site already holds the new one.
pub(crate) fn bulletin_pages(
    site: &Site,
    unit: usize,
    slug: &str,
    before: Option<&str>,
) -> Vec<String> {
    let unit_id = &site.units[unit].id;
    let page = format!("{unit_id}/{slug}/index.html");
    let now = site.bulletin_by_path(unit_id, slug);
    if before.is_some() && before == now.map(front) {
        return vec![page];
    }
    let mut out = vec![page, "index.html".to_string(), Page::Unit(unit).path(site)];
    out.extend(
        site.units[unit]
            .bulletins
            .iter()
            .map(|&i| Page::Bulletin(i).path(site)),
    );
    out
}

/// What reading the whole site again changed.
pub(crate) struct Diff {
    /// Output paths of the new site to render again. Pages the old site had and the new
    /// one has not are the caller's to remove.
    pub pages: HashSet<String>,
    /// Units (by index, the same in both sites) whose data or tasks changed; None when
    /// the units themselves changed.
    pub data_changed: Option<Vec<usize>>,
}

/// Compares the site read again with the one before.
pub(crate) fn between(old: &Site, new: &Site, theme_changed: bool) -> Diff {
    let all = || {
        render::pages(new)
            .into_iter()
            .map(|p| p.path(new))
            .collect()
    };
    if !same_frame(old, new) {
        return Diff {
            pages: all(),
            data_changed: None,
        };
    }
    let data_changed: Vec<bool> = old
        .units
        .iter()
        .zip(&new.units)
        .map(|(a, b)| !same_data(a, b))
        .collect();
    let pages = if theme_changed {
        all()
    } else {
        changed_pages(old, new, &data_changed)
    };
    Diff {
        pages,
        data_changed: Some(
            (0..data_changed.len())
                .filter(|&u| data_changed[u])
                .collect(),
        ),
    }
}

fn changed_pages(old: &Site, new: &Site, data_changed: &[bool]) -> HashSet<String> {
    let mut out = HashSet::from(["index.html".to_string()]);
    // A reference to another unit's figure names it: `luan-kfq:gdp`.
    let named: Vec<String> = new
        .units
        .iter()
        .zip(data_changed)
        .filter(|(_, changed)| **changed)
        .map(|(u, _)| format!("{}:", u.id))
        .collect();
    let names_changed = |text: &str| named.iter().any(|n| text.contains(n.as_str()));
    let mut list_changed = vec![false; new.units.len()];
    for (i, (a, b)) in old.units.iter().zip(&new.units).enumerate() {
        list_changed[i] = !same_list(old, a, new, b);
        if data_changed[i]
            || list_changed[i]
            || a.source.text != b.source.text
            || names_changed(&b.source.text)
        {
            out.insert(Page::Unit(i).path(new));
        }
    }
    for (i, b) in new.bulletins.iter().enumerate() {
        let changed = match old.bulletin_by_path(&new.units[b.unit].id, &b.slug) {
            None => true,
            Some(a) => {
                a.source.text != b.source.text
                    || data_changed[b.unit]
                    || list_changed[b.unit]
                    || names_changed(&b.source.text)
            }
        };
        if changed {
            out.insert(Page::Bulletin(i).path(new));
        }
    }
    out
}

/// What every page shows: the settings, the navigation and the tree of units with their
/// names (in breadcrumbs, lists, links). `SiteConfig` has no `PartialEq`: its `Debug`
/// form holds every field.
fn same_frame(old: &Site, new: &Site) -> bool {
    format!("{:?}", old.config) == format!("{:?}", new.config)
        && old.nav == new.nav
        && old.units.len() == new.units.len()
        && old.units.iter().zip(&new.units).all(|(a, b)| {
            a.id == b.id
                && a.name == b.name
                && a.short_name == b.short_name
                && a.level == b.level
                && a.weight == b.weight
                && a.parent == b.parent
                && a.children == b.children
        })
}

fn same_data(a: &Unit, b: &Unit) -> bool {
    fn digest(s: &Option<YamlFile>) -> Option<u64> {
        s.as_ref().map(|s| s.digest)
    }
    a.data_broken == b.data_broken
        && digest(&a.data_source) == digest(&b.data_source)
        && digest(&a.tasks_source) == digest(&b.tasks_source)
}

/// The unit's bulletins are the same, in the same order, with the same front matter.
fn same_list(old: &Site, a: &Unit, new: &Site, b: &Unit) -> bool {
    let same = |x: &Bulletin, y: &Bulletin| x.slug == y.slug && front(x) == front(y);
    a.bulletins.len() == b.bulletins.len()
        && a.bulletins
            .iter()
            .zip(&b.bulletins)
            .all(|(&i, &j)| same(&old.bulletins[i], &new.bulletins[j]))
}

/// A bulletin's front matter as written: all that other pages show of it.
pub(crate) fn front(b: &Bulletin) -> &str {
    b.source.text.get(..b.body_offset).unwrap_or(&b.source.text)
}

/// The page written at `path`, found without listing every page.
pub(crate) fn page_at(site: &Site, path: &str) -> Option<Page> {
    match path {
        "index.html" => return Some(Page::Home),
        "404.html" => return Some(Page::NotFound),
        _ => {}
    }
    let dir = path.strip_suffix("/index.html")?;
    if let Some(u) = site.unit(dir) {
        return Some(Page::Unit(u));
    }
    let (unit, slug) = dir.rsplit_once('/')?;
    let u = site.unit(unit)?;
    site.bulletins
        .iter()
        .position(|b| b.unit == u && b.slug == slug)
        .map(Page::Bulletin)
}
