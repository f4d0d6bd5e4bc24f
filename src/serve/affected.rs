//! What a change affects: which pages must be rendered again. Two ways in.
//!
//! - [`plan_patch`]: a batch that only touches bulletins of known units and files copied
//!   as they are (`static/`, content assets) is patched in: each bulletin file is re-read
//!   on its own, and its page, its unit's page and the home page (the lists that show it)
//!   are rendered again. This is the edit an editor makes all day, and it must not cost
//!   a re-read of a province's 10,000 bulletins.
//! - [`between`]: anything else re-reads the whole site (YAML and front matter: cheap
//!   next to rendering) and compares the new site with the old one. A theme, `site.yaml`
//!   or unit-tree change (names, parents, the navigation) touches every page; otherwise a
//!   page is rendered again when its own source changed, when the data of a unit it shows
//!   changed (its own unit, or one it names as `unit:indicator`), or when a list it holds
//!   changed. The home page is always rendered (it shows a little of everything).
//!
//! Pure functions of sites and paths; the session does the I/O.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use axum::body::Bytes;

use super::watch::Changes;
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
            "_index.md" | "data.yaml" | "data.yml" => return None,
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

/// The output paths of `new` to render again after the whole site was read again.
/// Pages `old` had and `new` has not are the caller's to remove.
pub(crate) fn between(old: &Site, new: &Site, theme_changed: bool) -> HashSet<String> {
    if theme_changed || !same_frame(old, new) {
        return render::pages(new).into_iter().map(|p| p.path(new)).collect();
    }
    let mut out = HashSet::from(["index.html".to_string()]);
    let data_changed: Vec<bool> = old
        .units
        .iter()
        .zip(&new.units)
        .map(|(a, b)| !same_data(a, b))
        .collect();
    // A reference to another unit's figure names it: `luan-kfq:gdp`.
    let named: Vec<String> = new
        .units
        .iter()
        .zip(&data_changed)
        .filter(|(_, changed)| **changed)
        .map(|(u, _)| format!("{}:", u.id))
        .collect();
    let names_changed = |text: &str| named.iter().any(|n| text.contains(n.as_str()));
    for (i, (a, b)) in old.units.iter().zip(&new.units).enumerate() {
        if data_changed[i]
            || a.source.text != b.source.text
            || names_changed(&b.source.text)
            || !same_list(old, a, new, b)
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
    a.data_broken == b.data_broken
        && a.data_source.as_ref().map(|s| &s.text) == b.data_source.as_ref().map(|s| &s.text)
}

/// The unit's list of bulletins shows the same entries in the same order.
fn same_list(old: &Site, a: &Unit, new: &Site, b: &Unit) -> bool {
    let item = |x: &Bulletin, y: &Bulletin| {
        x.slug == y.slug
            && x.title == y.title
            && x.date == y.date
            && x.summary == y.summary
            && x.period == y.period
            && x.draft == y.draft
    };
    a.bulletins.len() == b.bulletins.len()
        && a.bulletins
            .iter()
            .zip(&b.bulletins)
            .all(|(&i, &j)| item(&old.bulletins[i], &new.bulletins[j]))
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
