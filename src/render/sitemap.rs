//! `sitemap.xml` (the sitemaps.org protocol 0.9) and `robots.txt`: what search engines
//! and the national government-website platforms crawl. Every HTML page of the site but
//! the 404 page is listed by its absolute address (`base_url`, which `check` holds to an
//! `http(s)` address; `robots.txt` must reach the crawler at the host's root, so the web
//! team merges its `Sitemap:` line there when the column is a sub-path).
//!
//! `lastmod` is a date the site gives, never the clock, so that a build of unchanged
//! inputs is the same file: a bulletin's publication date (`published`, else `date`), a
//! unit page's newest bulletin's, the home page's the newest of all. A page without
//! bulletins has none. A figure corrected in `data.yaml` after publication does not move
//! it (the data carry no date of their change).

use super::{Page, Rendered, xml};
use crate::model::{Date, Input, Site};

/// `sitemap.xml` onto the end of `out`.
pub(crate) fn render(site: &Site, out: &mut Vec<u8>) -> Rendered {
    let mut text = String::with_capacity(256 + 160 * (site.units.len() + site.bulletins.len()));
    text.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    text.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page in super::pages(site) {
        if !page.is_html() || matches!(page, Page::NotFound) {
            continue;
        }
        text.push_str("<url>");
        xml::element(&mut text, "loc", &xml::page_url(site, &page.path(site)));
        if let Some(date) = lastmod(site, page) {
            xml::element(&mut text, "lastmod", &date.iso());
        }
        text.push_str("</url>\n");
    }
    text.push_str("</urlset>\n");
    out.extend_from_slice(text.as_bytes());
    // Which pages there are and their dates: the bulletins' front matter and lists; the
    // units (in `Site`); and the data, which the pages of other kinds may be made from.
    let mut inputs = vec![Input::Site, Input::List(None)];
    inputs.extend((0..site.bulletins.len()).map(|b| Input::Front(site.bulletin_key(b))));
    inputs.extend(site.units.iter().map(|u| Input::Data(u.id.clone())));
    Rendered {
        links: Vec::new(),
        inputs,
        template: "sitemap.xml",
    }
}

/// The date a page last changed, as the site states it (the module's doc).
fn lastmod(site: &Site, page: Page) -> Option<Date> {
    let date = |b: usize| {
        let b = &site.bulletins[b];
        b.date.max(b.published)
    };
    match page {
        Page::Home => (0..site.bulletins.len()).map(date).max(),
        Page::Unit(u) => site.units[u].bulletins.iter().map(|&b| date(b)).max(),
        Page::Bulletin(b) => Some(date(b)),
        _ => None,
    }
}

/// `robots.txt` onto the end of `out`: every crawler welcome, and where the sitemap is.
pub(crate) fn robots(site: &Site, out: &mut Vec<u8>) -> Rendered {
    let text = format!(
        "User-agent: *\nDisallow:\n\nSitemap: {}\n",
        xml::page_url(site, "sitemap.xml")
    );
    out.extend_from_slice(text.as_bytes());
    Rendered {
        links: Vec::new(),
        inputs: vec![Input::Site],
        template: "robots.txt",
    }
}
