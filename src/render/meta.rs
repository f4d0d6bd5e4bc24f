//! The `<head>` metadata of a page, as one ready string: the meta set of the
//! 政府网站网页设计规范 (国办发〔2017〕47号, 政府网站发展指引, its web page design rules),
//! the canonical address, Open Graph title and description, and the Atom feeds' links.
//!
//! Which page carries which, as the rules set it: the site tags (SiteName, SiteDomain,
//! SiteIDCode) on every page; the column tags (ColumnName, ColumnDescription,
//! ColumnKeywords, ColumnType) on the column's pages — home, unit and bulletin pages; the
//! article tags (ArticleTitle, PubDate, ContentSource, Keywords, Author, Description, Url)
//! on bulletin pages only. A tag with no value is left out (a SiteIDCode the site does
//! not give), but Description, always present, is the page's one `description` (HTML
//! reads meta names without regard to case, and allows one description). Every value is
//! HTML-escaped. Pure: strings from the site, nothing read.

use super::Page;
use super::xml::page_url;
use crate::model::{Bulletin, Layout, Site};

/// Appends `<meta name="{name}" content="{value}">` (escaped) and a line break.
fn meta(out: &mut String, attr: &str, name: &str, value: &str) {
    out.push_str("<meta ");
    out.push_str(attr);
    out.push_str("=\"");
    out.push_str(name);
    out.push_str("\" content=\"");
    super::xml::escape_into(out, value);
    out.push_str("\">\n");
}

/// Appends the tag unless `value` is empty.
fn meta_given(out: &mut String, name: &str, value: &str) {
    if !value.is_empty() {
        meta(out, "name", name, value);
    }
}

/// The head metadata of `page` (at output path `path`), whose `<title>` is `title` and
/// whose description is `description`; `root` leads from the page to the site's root.
pub(crate) fn head_html(
    site: &Site,
    page: Page,
    path: &str,
    root: &str,
    title: &str,
    description: &str,
) -> String {
    let m = &site.config.meta;
    let mut out = String::with_capacity(1024);
    meta(&mut out, "name", "SiteName", &m.site_name);
    meta_given(&mut out, "SiteDomain", &m.site_domain);
    meta_given(&mut out, "SiteIDCode", site.config.footer.site_code.trim());
    let url = page_url(site, path);
    if !matches!(page, Page::NotFound) {
        meta(&mut out, "name", "ColumnName", &m.column);
        meta_given(&mut out, "ColumnDescription", site.config.subtitle.trim());
        meta_given(&mut out, "ColumnKeywords", &m.keywords.join(","));
        meta_given(&mut out, "ColumnType", &m.column_type);
    }
    let article = match page {
        Page::Bulletin(b) => Some(&site.bulletins[b]),
        _ => None,
    };
    if let Some(b) = article {
        article_tags(&mut out, site, b, &url);
    }
    meta(&mut out, "name", "Description", description);
    if matches!(page, Page::NotFound) {
        // Served at any missing address: no address of its own, no feed.
        return out;
    }
    out.push_str("<link rel=\"canonical\" href=\"");
    super::xml::escape_into(&mut out, &url);
    out.push_str("\">\n");
    let og_title = article.map_or(title, |b| b.title.as_str());
    meta(&mut out, "property", "og:title", og_title);
    meta(&mut out, "property", "og:description", description);
    meta(
        &mut out,
        "property",
        "og:type",
        if article.is_some() {
            "article"
        } else {
            "website"
        },
    );
    meta(&mut out, "property", "og:url", &url);
    meta(&mut out, "property", "og:site_name", &site.config.title);
    feed_link(&mut out, root, "feed.xml", &site.config.title);
    if let Page::Unit(u) = page {
        let unit = &site.units[u];
        feed_link(&mut out, root, &format!("{}/feed.xml", unit.id), &unit.name);
    }
    out
}

/// ArticleTitle, PubDate, ContentSource, Keywords, Author and Url of a bulletin's page.
fn article_tags(out: &mut String, site: &Site, b: &Bulletin, url: &str) {
    meta(out, "name", "ArticleTitle", &b.title);
    // The rules' examples print `YYYY-MM-DD HH:MM`: the hour when the front matter gives
    // one (`time:`), else the day alone (an hour nobody gave would be made up).
    let day = b.date.max(b.published).iso();
    let pub_date = match b.time {
        Some((h, m)) => format!("{day} {h:02}:{m:02}"),
        None => day,
    };
    meta(out, "name", "PubDate", &pub_date);
    meta(out, "name", "ContentSource", &content_source(site, b));
    let keywords = if b.keywords.is_empty() {
        &site.config.meta.keywords
    } else {
        &b.keywords
    };
    meta_given(out, "Keywords", &keywords.join(","));
    meta_given(out, "Author", &author(site, b));
    meta(out, "name", "Url", url);
}

/// Where the text comes from: a bulletin's `source`, else the document's issuers, else
/// its unit (as a document's 发文机关 defaults to it).
fn content_source(site: &Site, b: &Bulletin) -> String {
    if !b.source_line.is_empty() {
        b.source_line.clone()
    } else if !b.issuers.is_empty() {
        b.issuers.join("、")
    } else {
        site.units[b.unit].name.clone()
    }
}

/// Who wrote it: a news bulletin's byline; a document's or plan's issuers; else nobody
/// named.
fn author(site: &Site, b: &Bulletin) -> String {
    match b.layout {
        Layout::News => b.byline.clone(),
        Layout::Document | Layout::Plan => {
            if b.issuers.is_empty() {
                site.units[b.unit].name.clone()
            } else {
                b.issuers.join("、")
            }
        }
    }
}

/// `<link rel="alternate" type="application/atom+xml">` to a feed of the site.
fn feed_link(out: &mut String, root: &str, feed: &str, title: &str) {
    out.push_str("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"");
    super::xml::escape_into(out, root);
    super::xml::escape_into(out, feed);
    out.push_str("\" title=\"");
    super::xml::escape_into(out, title);
    out.push_str("\">\n");
}
