//! The internal link check, run by the pipeline on what rendering collected as data
//! ([`crate::links`]): every relative link in commentary must lead to a page or file the
//! build writes, and every `#anchor` to an id on that page (external links are not
//! fetched); and the link policy over a whole rendered page, the net under a site's own
//! templates.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::links::{Dest, Ids, PageLinks, classify, refused, resolve, url_attributes};

/// The link policy over a whole rendered page: the net under every source of addresses
/// that is not located more precisely (a template and the data it prints: front matter,
/// the base URL, a theme's own links). `file` is the page's source, `template` the
/// template that rendered it.
pub(crate) fn check_page(
    html: &[u8],
    file: &std::path::Path,
    template: &str,
    diags: &mut Diagnostics,
) {
    let Ok(html) = std::str::from_utf8(html) else {
        return;
    };
    for (_, value) in url_attributes(html) {
        if let Dest::Refused(scheme) = classify(value) {
            diags.push(refused(file, value, &scheme).hint(text!(
                "the page's template `{template}` prints this address (from the template or from the data it is given); fix it at its source",
                "这个地址由页面模板“{template}”输出（来自模板本身或传给它的数据），请在来源处改正"
            )));
        }
    }
}

/// Reports links whose target the build does not write, or whose anchor is missing.
pub fn check(pages: &[&PageLinks], files: &HashSet<String>, diags: &mut Diagnostics) {
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
            let broken = |message: crate::lang::Text| {
                Diagnostic::error(Code::BrokenLink, &link.file, message).at(link.position)
            };
            let Some(target) = target.filter(|t| files.contains(t)) else {
                diags.push(
                    broken(text!(
                        "the link `{d}` leads to no page of the site",
                        "链接“{d}”指向的页面在站点中不存在",
                        d = &link.dest
                    ))
                    .hint(text!(
                        "link to another bulletin by its file name (`2024-report.md`) or check the path",
                        "用通报的文件名链接（`2024-report.md`），或检查路径"
                    )),
                );
                continue;
            };
            if let Some(anchor) = anchor.filter(|a| !a.is_empty())
                && let Some(known) = ids.get(target.as_str())
                && !known.contains(anchor)
            {
                diags.push(broken(text!(
                    "the page {target} has no anchor `#{anchor}`",
                    "页面 {target} 中没有锚点 `#{anchor}`"
                )));
            }
        }
    }
}
