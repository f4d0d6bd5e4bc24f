//! Internal links: every relative link in commentary must lead to a page or file the
//! build writes, and every `#anchor` to an id on that page. External links (with a
//! scheme, `//host`, `mailto:`) are not fetched. Runs on what the render stage collected.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Position};

/// A relative link found in commentary.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub dest: String,
    pub file: PathBuf,
    pub position: Position,
}

/// What one rendered page offers and asks for.
#[derive(Debug, Default)]
pub struct PageLinks {
    /// Output path of the page, e.g. `luan-kfq/2025-work-conference/index.html`.
    pub path: String,
    pub ids: Ids,
    pub links: Vec<LinkRef>,
}

/// The ids of one page's elements, one a line: a page has a handful, and a province has
/// 110,000 pages, so they are kept as one string rather than a set of strings.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Ids(String);

impl Ids {
    pub fn contains(&self, id: &str) -> bool {
        self.0.lines().any(|known| known == id)
    }
}

/// True for links that leave the site (or are not paths at all).
pub fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || dest.starts_with('/')
        || dest.contains("://")
        || dest.starts_with("mailto:")
        || dest.starts_with("tel:")
        || dest.starts_with("data:")
}

/// The ids of `html`'s elements (a plain scan: our own output, not arbitrary HTML).
pub fn ids(html: &[u8]) -> Ids {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = crate::needles::ID_ATTR.find(rest) {
        rest = &rest[i + 5..];
        if let Some(end) = memchr::memchr(b'"', rest) {
            out.push_str(&String::from_utf8_lossy(&rest[..end]));
            out.push('\n');
            rest = &rest[end..];
        }
    }
    Ids(out)
}

/// Reports links whose target the build does not write, or whose anchor is missing.
pub fn check(pages: &[PageLinks], files: &HashSet<String>, diags: &mut Diagnostics) {
    let ids: HashMap<&str, &Ids> = pages.iter().map(|p| (p.path.as_str(), &p.ids)).collect();
    for page in pages {
        let dir = page.path.rsplit_once('/').map_or("", |(d, _)| d);
        for link in &page.links {
            let (path, anchor) = match link.dest.split_once('#') {
                Some((p, a)) => (p, Some(a)),
                None => (link.dest.as_str(), None),
            };
            let path = path.split('?').next().unwrap_or("");
            let target = if path.is_empty() {
                Some(page.path.clone())
            } else {
                resolve(dir, path)
            };
            let broken = |message: String| {
                Diagnostic::error(Code::BrokenLink, &link.file, message).at(link.position)
            };
            let Some(target) = target.filter(|t| files.contains(t)) else {
                diags.push(
                    broken(format!("the link `{}` leads to no page of the site", link.dest))
                        .hint("link to another bulletin by its file name (`2024-report.md`) or check the path"),
                );
                continue;
            };
            if let Some(anchor) = anchor.filter(|a| !a.is_empty())
                && let Some(known) = ids.get(target.as_str())
                && !known.contains(anchor)
            {
                diags.push(broken(format!(
                    "the page {target} has no anchor `#{anchor}`"
                )));
            }
        }
    }
}

/// `path` relative to folder `dir`, as an output file path (`a/b/` → `a/b/index.html`);
/// None when it climbs out of the site.
pub fn resolve(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') || out.is_empty() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str("index.html");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(resolve("a/b", "../c/").as_deref(), Some("a/c/index.html"));
        assert_eq!(resolve("a/b", "x.pdf").as_deref(), Some("a/b/x.pdf"));
        assert_eq!(resolve("", "../x"), None);
        assert_eq!(resolve("a", "../").as_deref(), Some("index.html"));
    }

    #[test]
    fn finds_ids() {
        let found = ids(br#"<h2 id="fn-1">x</h2><div class="a" id="table-1">"#);
        assert!(found.contains("fn-1") && found.contains("table-1"));
    }
}
