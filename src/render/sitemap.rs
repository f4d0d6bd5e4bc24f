//! `sitemap.xml` (the sitemaps.org protocol 0.9) and `robots.txt`: what search engines
//! and the national government-website platforms crawl. Every HTML page of the site but
//! the 404 page is listed by its absolute address (`base_url`, which `check` holds to an
//! `http(s)` address; `robots.txt` must reach the crawler at the host's root, so the web
//! team merges its `Sitemap:` line there when the column is a sub-path). The protocol
//! allows 50,000 addresses a file: a larger site's `sitemap.xml` is an index of
//! `sitemap-1.xml`, `sitemap-2.xml` … of 50,000 each, in page order.
//!
//! `lastmod` is a date the site gives, never the clock, so that a build of unchanged
//! inputs is the same file: a bulletin's publication date (`published`, else `date`), a
//! unit page's newest bulletin's, the home page's the newest of all (an index's entry:
//! the newest of its file). A page without bulletins has none. A figure corrected in
//! `data.yaml` after publication does not move it (the data carry no date of their
//! change).

use super::{Page, Rendered, xml};
use crate::model::{Date, Input, Site};

/// Addresses a sitemap file may hold (sitemaps.org).
pub(crate) const URLS_PER_FILE: usize = 50_000;

/// Whether the sitemap lists `page`: every HTML page but the 404 page and the search page
/// (a form, not content).
pub(crate) fn lists(page: Page) -> bool {
    page.is_html() && !matches!(page, Page::NotFound | Page::Search)
}

/// How many `sitemap-<k>.xml` files `listed` addresses take: none when they fit in one.
pub(crate) fn parts(listed: usize) -> usize {
    parts_of(listed, URLS_PER_FILE)
}

fn parts_of(listed: usize, per_file: usize) -> usize {
    if listed <= per_file {
        0
    } else {
        listed.div_ceil(per_file)
    }
}

/// The output path of part `k` (from 1) of the sitemap, or of `sitemap.xml` for `None`.
pub(crate) fn path(part: Option<usize>) -> String {
    part.map_or_else(|| "sitemap.xml".to_string(), |k| format!("sitemap-{k}.xml"))
}

/// `sitemap.xml` (`part` None: every address, or the index of the parts) or part `k`,
/// onto the end of `out`.
pub(crate) fn render(site: &Site, part: Option<usize>, out: &mut Vec<u8>) -> Rendered {
    let listed: Vec<Page> = super::pages(site)
        .into_iter()
        .filter(|&p| lists(p))
        .collect();
    let entries: Vec<(String, Option<Date>)> = listed
        .iter()
        .map(|&p| (xml::page_url(site, &p.path(site)), lastmod(site, p)))
        .collect();
    let text = file(&entries, part, URLS_PER_FILE, |k| {
        xml::page_url(site, &path(Some(k)))
    });
    out.extend_from_slice(text.as_bytes());
    // Which pages there are and their dates: the lists, the units (in `Site`), the data
    // (which the pages of other kinds may be made from) and every bulletin's dates, one
    // input: a title edited leaves the sitemap as it was (recording each bulletin's
    // front matter made a 10,000-bulletin site's sitemap again on every edit in `serve`).
    let mut inputs = vec![Input::Site, Input::List(None), Input::Dates];
    inputs.extend(site.units.iter().map(|u| Input::Data(u.id.clone())));
    Rendered {
        links: Vec::new(),
        inputs,
        template: "sitemap.xml",
        ..Rendered::default()
    }
}

/// The text of sitemap file `part` of `entries` (address, lastmod), `per_file` to a file:
/// `sitemap.xml` (`None`) is all of them, or an index of the parts (at `part_url(k)`)
/// when they take more than one.
fn file(
    entries: &[(String, Option<Date>)],
    part: Option<usize>,
    per_file: usize,
    part_url: impl Fn(usize) -> String,
) -> String {
    match (part, parts_of(entries.len(), per_file)) {
        (None, 0) => urlset(entries),
        (None, n) => {
            let files: Vec<(String, Option<Date>)> = entries
                .chunks(per_file)
                .zip(1..=n)
                .map(|(chunk, k)| (part_url(k), chunk.iter().filter_map(|(_, d)| *d).max()))
                .collect();
            index(&files)
        }
        (Some(k), _) => urlset(
            entries
                .chunks(per_file)
                .nth(k.saturating_sub(1))
                .unwrap_or_default(),
        ),
    }
}

/// A `<urlset>` of `entries` (address, lastmod).
fn urlset(entries: &[(String, Option<Date>)]) -> String {
    list("urlset", "url", entries)
}

/// A `<sitemapindex>` of sitemap files (address, lastmod).
fn index(files: &[(String, Option<Date>)]) -> String {
    list("sitemapindex", "sitemap", files)
}

fn list(root: &str, item: &str, entries: &[(String, Option<Date>)]) -> String {
    let mut text = String::with_capacity(128 + 96 * entries.len());
    text.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
    text.push_str(root);
    text.push_str(" xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (loc, date) in entries {
        text.push('<');
        text.push_str(item);
        text.push('>');
        xml::element(&mut text, "loc", loc);
        if let Some(date) = date {
            xml::element(&mut text, "lastmod", &date.iso());
        }
        text.push_str("</");
        text.push_str(item);
        text.push_str(">\n");
    }
    text.push_str("</");
    text.push_str(root);
    text.push_str(">\n");
    text
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
        ..Rendered::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifty_thousand_addresses_a_file() {
        assert_eq!(parts(0), 0);
        assert_eq!(parts(URLS_PER_FILE), 0);
        assert_eq!(parts(URLS_PER_FILE + 1), 2);
        assert_eq!(parts(110_011), 3);
        assert_eq!(path(None), "sitemap.xml");
        assert_eq!(path(Some(2)), "sitemap-2.xml");
    }

    #[test]
    fn a_site_past_the_limit_is_an_index_of_parts_in_page_order() {
        let day = |d: &str| Date::parse(d);
        let entries: Vec<(String, Option<Date>)> = [
            ("a", day("2024-01-01")),
            ("b", day("2025-02-08")),
            ("c", None),
            ("d", day("2023-05-01")),
            ("e", None),
        ]
        .into_iter()
        .map(|(p, d)| (format!("https://x.gov.cn/{p}/"), d))
        .collect();
        let url = |k| format!("https://x.gov.cn/sitemap-{k}.xml");
        assert_eq!(file(&entries, None, 5, url), urlset(&entries));
        assert_eq!(
            file(&entries, None, 2, url),
            index(&[
                (url(1), day("2025-02-08")),
                (url(2), day("2023-05-01")),
                (url(3), None),
            ])
        );
        assert_eq!(file(&entries, Some(2), 2, url), urlset(&entries[2..4]));
        assert_eq!(file(&entries, Some(3), 2, url), urlset(&entries[4..]));
    }

    #[test]
    fn an_index_lists_its_files_with_their_newest_date() {
        let day = Date::parse("2025-02-08");
        let text = index(&[
            ("https://x.gov.cn/tjgb/sitemap-1.xml".into(), day),
            ("https://x.gov.cn/tjgb/sitemap-2.xml?a=1&b=2".into(), None),
        ]);
        assert_eq!(
            text,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n\
             <sitemap><loc>https://x.gov.cn/tjgb/sitemap-1.xml</loc><lastmod>2025-02-08</lastmod></sitemap>\n\
             <sitemap><loc>https://x.gov.cn/tjgb/sitemap-2.xml?a=1&amp;b=2</loc></sitemap>\n\
             </sitemapindex>\n"
        );
    }
}
