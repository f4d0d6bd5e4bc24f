//! Atom feeds (RFC 4287) of the newest bulletins: the site's (`feed.xml`) and each
//! unit's (`<unit>/feed.xml`), for aggregation platforms and readers. Addresses are
//! absolute (`base_url`); an entry's id is its page's address, which stays as long as the
//! page does. Dates are the bulletins' own, in China Standard Time, at their `time:` or
//! else at midnight (most give a day, not an hour): a feed's `updated` is its newest
//! entry's, never the clock, so a build of unchanged inputs writes the same file. A feed
//! with no entry yet (a unit without bulletins) says 1970-01-01. Titles and summaries
//! are escaped text.

use super::{Rendered, xml};
use crate::model::{Date, Input, Site};

/// How many of the newest bulletins a feed lists.
pub(crate) const ENTRIES: usize = 20;

/// The feed of unit `unit`, or of the whole site for `None`, onto the end of `out`.
pub(crate) fn render(site: &Site, unit: Option<usize>, out: &mut Vec<u8>) -> Rendered {
    let c = &site.config;
    let all: Vec<usize>;
    let (shown, title, path, home) = match unit {
        None => {
            all = (0..site.bulletins.len().min(ENTRIES)).collect();
            (
                &all[..],
                c.title.clone(),
                "feed.xml".to_string(),
                "index.html".to_string(),
            )
        }
        Some(u) => {
            let unit = &site.units[u];
            (
                &unit.bulletins[..unit.bulletins.len().min(ENTRIES)],
                format!("{} - {}", unit.name, c.title),
                format!("{}/feed.xml", unit.id),
                format!("{}/index.html", unit.id),
            )
        }
    };
    // Newest first, as the lists are; the newest of them dates the feed.
    let updated = shown
        .iter()
        .map(|&b| (published(site, b), site.bulletins[b].time))
        .max()
        .map(|(day, time)| match time {
            Some((h, m)) => format!("{}T{h:02}:{m:02}:00+08:00", day.iso()),
            None => timestamp(Some(day)),
        })
        .unwrap_or_else(|| timestamp(None));
    let mut text = String::with_capacity(1024 + 512 * shown.len());
    text.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    xml::escape_into(&mut text, &c.language);
    text.push_str("\">\n");
    let self_url = xml::page_url(site, &path);
    xml::element(&mut text, "id", &self_url);
    text.push('\n');
    xml::element(&mut text, "title", &title);
    text.push('\n');
    if unit.is_none() && !c.subtitle.is_empty() {
        xml::element(&mut text, "subtitle", &c.subtitle);
        text.push('\n');
    }
    xml::element(&mut text, "updated", &updated);
    text.push('\n');
    link(&mut text, "self", "application/atom+xml", &self_url);
    link(
        &mut text,
        "alternate",
        "text/html",
        &xml::page_url(site, &home),
    );
    text.push_str("<author>");
    xml::element(&mut text, "name", &c.meta.site_name);
    text.push_str("</author>\n");
    for &b in shown {
        entry(&mut text, site, b);
    }
    text.push_str("</feed>\n");
    out.extend_from_slice(text.as_bytes());
    let mut inputs = vec![
        Input::Site,
        Input::List(unit.map(|u| site.units[u].id.clone())),
    ];
    inputs.extend(shown.iter().map(|&b| Input::Front(site.bulletin_key(b))));
    Rendered {
        links: Vec::new(),
        inputs,
        template: "feed.xml",
        ..Rendered::default()
    }
}

/// One bulletin as an entry: its page's address as id and link, its title, dates, unit
/// and summary.
fn entry(text: &mut String, site: &Site, i: usize) {
    let b = &site.bulletins[i];
    let url = xml::page_url(site, &format!("{}index.html", site.bulletin_dir(b)));
    let date = match b.time {
        Some((h, m)) => format!("{}T{h:02}:{m:02}:00+08:00", published(site, i).iso()),
        None => timestamp(Some(published(site, i))),
    };
    text.push_str("<entry>\n");
    xml::element(text, "id", &url);
    text.push('\n');
    xml::element(text, "title", &b.title);
    text.push('\n');
    link(text, "alternate", "text/html", &url);
    xml::element(text, "published", &date);
    text.push('\n');
    xml::element(text, "updated", &date);
    text.push('\n');
    text.push_str("<category term=\"");
    xml::escape_into(text, &site.units[b.unit].id);
    text.push_str("\" label=\"");
    xml::escape_into(text, &site.units[b.unit].name);
    text.push_str("\"/>\n");
    if !b.summary.is_empty() {
        text.push_str("<summary type=\"text\">");
        xml::escape_into(text, &b.summary);
        text.push_str("</summary>\n");
    }
    text.push_str("</entry>\n");
}

/// The day bulletin `b` was published (`published`, else `date`; the later of the two).
fn published(site: &Site, b: usize) -> Date {
    let b = &site.bulletins[b];
    b.date.max(b.published)
}

/// An RFC 3339 time for a day: its midnight in China Standard Time (UTC+8).
fn timestamp(day: Option<Date>) -> String {
    match day {
        Some(d) => format!("{}T00:00:00+08:00", d.iso()),
        None => "1970-01-01T00:00:00Z".to_string(),
    }
}

fn link(text: &mut String, rel: &str, kind: &str, href: &str) {
    text.push_str("<link rel=\"");
    text.push_str(rel);
    text.push_str("\" type=\"");
    text.push_str(kind);
    text.push_str("\" href=\"");
    xml::escape_into(text, href);
    text.push_str("\"/>\n");
}
