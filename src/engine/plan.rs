//! The planner: every artifact of a site, from the site alone. Pages (home, 404, one per
//! unit, one per bulletin, the search page and its index: `render::search`), static files (the theme's, the site's `static/`, content
//! assets, as [`boundary::static_files`] admits them) and, with `pdf: true`, each
//! document page printed to PDF ([`crate::pdf`]). A new kind of artifact — a feed,
//! a sitemap, a download — is one more list here and one more arm where the engine
//! makes it.

use std::collections::HashSet;

use crate::diagnostic::Diagnostics;
use crate::load::boundary::{self, StaticFile};
use crate::model::Site;
use crate::render::{Page, Theme};

/// What one run makes.
pub(crate) struct Plan {
    /// (output path, page), in the order the pages are made.
    pub pages: Vec<(String, Page)>,
    /// Folders the pages go in, made before the pages are written.
    pub dirs: Vec<String>,
    pub statics: Vec<StaticFile>,
    /// The PDFs printed from document pages (site.yaml `pdf: true`), after the pages and
    /// static files are written (`crate::pdf`).
    pub pdfs: Vec<Pdf>,
}

/// An official document's page printed to PDF beside it: `<unit>/<slug>/<slug>.pdf`.
pub(crate) struct Pdf {
    /// Output path of the PDF.
    pub out: String,
    /// Output path of the page it prints.
    pub page: String,
    /// The bulletin (index into `site.bulletins`).
    pub bulletin: usize,
}

impl Plan {
    /// Every output path the plan writes: its pages and static files.
    pub fn files(&self) -> HashSet<String> {
        self.pages
            .iter()
            .map(|(p, _)| p.clone())
            .chain(self.statics.iter().map(|f| f.out.clone()))
            .chain(self.pdfs.iter().map(|p| p.out.clone()))
            .collect()
    }
}

pub(crate) fn plan(site: &Site, theme: &Theme, diags: &mut Diagnostics) -> Plan {
    // A bulletin on a unit's page is already an error (check::output_paths); writing
    // both would write one output file twice.
    let all: Vec<(String, Page)> = crate::render::pages(site)
        .into_iter()
        .map(|page| (page.path(site), page))
        .collect();
    // No search when site.yaml turns it off, or with a theme of the site's own without a
    // search page.
    let search = site.config.search && theme.has_template("search.html");
    let search_dirs = if search {
        &["search", "search/s", "search/t"][..]
    } else {
        &[]
    };
    let dirs = site
        .units
        .iter()
        .flat_map(|unit| {
            std::iter::once(unit.id.clone()).chain(
                unit.bulletins
                    .iter()
                    .map(|&b| site.bulletin_dir(&site.bulletins[b])),
            )
        })
        .chain(search_dirs.iter().map(|d| (*d).to_string()))
        .collect();
    let files = boundary::static_files(&site.root, &theme.statics, &site.assets, diags);
    let taken = crate::check::page_collisions(site, &all, &files, diags);
    let pages: Vec<(String, Page)> = all
        .into_iter()
        .filter(|(_, page)| match page {
            Page::Bulletin(b) => {
                let dir = site.bulletin_dir(&site.bulletins[*b]);
                site.unit(dir.trim_end_matches('/')).is_none()
            }
            page if page.is_search() => search,
            _ => true,
        })
        .collect();
    let statics: Vec<StaticFile> = files
        .into_iter()
        .filter(|f| !taken.contains(&f.out))
        .collect();
    // A site's own `static/robots.txt` (sitemap, feed) replaces the one made for it.
    let own: HashSet<&str> = statics.iter().map(|f| f.out.as_str()).collect();
    let pages: Vec<(String, Page)> = pages
        .into_iter()
        .filter(|(path, page)| page.is_html() || !own.contains(path.as_str()))
        .collect();
    let pdfs = crate::pdf::plan(site, &pages, &statics, diags);
    Plan {
        pages,
        dirs,
        statics,
        pdfs,
    }
}
