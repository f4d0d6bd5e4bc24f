//! Resolved site → pages. One function per page kind builds a view of ready strings
//! (templates never format numbers) and renders it through the [`Theme`], which is
//! built once and shared by all threads. Pages render in parallel and are handed to the
//! [`Output`](crate::output::Output) as they finish; nothing is held for the whole site.

pub mod table_html;
pub mod theme;
pub mod view;

use rayon::prelude::*;

use std::borrow::Cow;
use std::cell::RefCell;

use crate::check::crosscheck;
use crate::check::links::{self, LinkRef, PageLinks};
use crate::diagnostic::{Code, Diagnostics};
use crate::figures::PageFigures;
use crate::figures::table::{self, TableKind, TableRequest};
use crate::load::raw::Layout;
use crate::markdown;
use crate::model::{Bulletin, Site};
use crate::output::Output;
pub use theme::Theme;
use view::{BulletinView, Common, HomeView, UnitView};

/// One page to render.
#[derive(Debug, Clone, Copy)]
pub enum Page {
    Home,
    Unit(usize),
    Bulletin(usize),
    NotFound,
}

impl Page {
    /// Output path of the page, relative to the output root.
    pub fn path(self, site: &Site) -> String {
        match self {
            Page::Home => "index.html".to_string(),
            Page::Unit(u) => format!("{}/index.html", site.units[u].id),
            Page::Bulletin(b) => format!("{}index.html", site.bulletin_dir(&site.bulletins[b])),
            Page::NotFound => "404.html".to_string(),
        }
    }
}

/// Every page of the site.
pub fn pages(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Home, Page::NotFound];
    pages.extend((0..site.units.len()).map(Page::Unit));
    pages.extend((0..site.bulletins.len()).map(Page::Bulletin));
    pages
}

/// Renders and writes every page in parallel; returns what each page links to and offers
/// (for the link check), one entry per page written.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    out: &Output,
    progress: &dyn crate::Progress,
    diags: &mut Diagnostics,
) -> Vec<PageLinks> {
    let cross = crosscheck::Index::new(site);
    let mut pages = pages(site);
    // A bulletin on a unit's page is already an error (check::output_paths); writing
    // both would write one output file twice, and the first may be a hard link to the
    // previous output's file, which must stay as it was.
    pages.retain(|page| match page {
        Page::Bulletin(b) => {
            let dir = site.bulletin_dir(&site.bulletins[*b]);
            site.unit(dir.trim_end_matches('/')).is_none()
        }
        _ => true,
    });
    progress.start(pages.len());
    // Every page's folder first, a unit (and its bulletins' folders) at a time.
    let made: Vec<Diagnostics> = (0..site.units.len())
        .into_par_iter()
        .map(|u| {
            let mut d = Diagnostics::default();
            let unit = &site.units[u];
            let dirs = std::iter::once(unit.id.clone()).chain(
                unit.bulletins
                    .iter()
                    .map(|&b| site.bulletin_dir(&site.bulletins[b])),
            );
            for dir in dirs {
                if let Err(e) = out.make_dir(&dir) {
                    d.push(e);
                }
            }
            d
        })
        .collect();
    made.into_iter().for_each(|d| diags.extend(d));
    let results: Vec<(Diagnostics, Option<PageLinks>)> = pages
        .into_par_iter()
        // One page buffer a worker, reused: pages go from Tera to the file as bytes.
        .map_init(Vec::new, |html, page| {
            let _done = PageDone(progress);
            let mut d = Diagnostics::default();
            let path = page.path(site);
            let found = RefCell::new(Vec::new());
            html.clear();
            if !render_page_into(site, theme, page, Some(&cross), &found, &mut d, html) {
                return (d, None);
            }
            if let Err(e) = out.write(&path, html) {
                d.push(e);
                return (d, None);
            }
            let info = PageLinks {
                ids: links::ids(html),
                links: found.into_inner(),
                path,
            };
            (d, Some(info))
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    for (d, info) in results {
        diags.extend(d);
        pages.extend(info);
    }
    pages
}

/// Tells the progress reporter a page is done, however its rendering ended.
struct PageDone<'a>(&'a dyn crate::Progress);

impl Drop for PageDone<'_> {
    fn drop(&mut self) {
        self.0.page();
    }
}

/// Renders one page to HTML (for `serve` and the benchmarks), cross-checked against
/// `cross` when given and collecting the relative links the commentary makes; None
/// (and why, in `diags`) when it could not be rendered.
pub fn render_page_with_links(
    site: &Site,
    theme: &Theme,
    page: Page,
    cross: Option<&crosscheck::Index>,
    links: &RefCell<Vec<LinkRef>>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let mut html = Vec::new();
    render_page_into(site, theme, page, cross, links, diags, &mut html).then(|| {
        String::from_utf8(html)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    })
}

/// Renders one page onto the end of `html`; false (and why, in `diags`) when it could
/// not be rendered.
fn render_page_into(
    site: &Site,
    theme: &Theme,
    page: Page,
    cross: Option<&crosscheck::Index>,
    links: &RefCell<Vec<LinkRef>>,
    diags: &mut Diagnostics,
    html: &mut Vec<u8>,
) -> bool {
    let path = page.path(site);
    theme::watchdog::page(&path);
    let page_dir = path.trim_end_matches("index.html");
    let common = Common::new(site, &path, page);
    let figures = PageFigures::new();
    let table_errors = std::cell::RefCell::new(Vec::new());
    let render_table = |view: &table::TableView| -> String {
        render_table(theme, view).unwrap_or_else(|d| {
            table_errors.borrow_mut().push(d);
            String::new()
        })
    };
    let mut ctx = common.context();
    let template = match page {
        Page::Home => {
            ctx.insert(
                "intro_html",
                &home_intro(site, &render_table, page_dir, links, &figures, diags),
            );
            let view = HomeView::new(site, &figures, &common);
            ctx.insert("bulletins", &view.bulletins);
            ctx.insert("figures", &view.figures);
            ctx.insert("units", &view.units);
            "index.html"
        }
        Page::Unit(u) => {
            let unit = &site.units[u];
            let description = markdown::render(
                &markdown::Context {
                    site,
                    unit: Some(u),
                    period: None,
                    file: &unit.source.path,
                    text: &unit.source.text,
                    body_offset: unit.body_offset,
                    body_end: unit.source.text.len(),
                    numbered: false,
                    render_table: &render_table,
                    page_dir,
                    links,
                    figures: &figures,
                },
                diags,
            );
            let view = UnitView::new(site, u, description, &common);
            // Through the table component like the commentary's tables (written in Rust
            // when it is the built-in one), not handed to the page template as data.
            let latest = latest_table(site, u, &figures).map(|t| render_table(&t));
            ctx.insert("unit", &view.unit);
            ctx.insert("bulletins", &view.bulletins);
            ctx.insert("indicator_table_html", &latest);
            "unit.html"
        }
        Page::Bulletin(b) => {
            let bulletin = &site.bulletins[b];
            let text = match bulletin_text(site, bulletin) {
                Ok(text) => text,
                Err(e) => {
                    diags.push(e);
                    return false;
                }
            };
            let (content, annexes) = bulletin_html(
                site,
                bulletin,
                &text,
                &render_table,
                page_dir,
                links,
                &figures,
                diags,
            );
            if let Some(index) = cross {
                crate::check::crosscheck::check_bulletin(
                    site, index, bulletin, &text, &figures, diags,
                );
            }
            ctx.insert(
                "bulletin",
                &BulletinView::new(site, &figures, bulletin, content, annexes, &common),
            );
            layout_template(bulletin, theme)
        }
        Page::NotFound => "404.html",
    };
    for e in table_errors.take() {
        diags.push(e);
    }
    let chrome = theme.chrome(&mut ctx, &common.root, matches!(page, Page::Home), || {
        common.nav()
    });
    if let Err(e) = chrome {
        diags.push(theme::on_page(e, &path));
        return false;
    }
    let start = html.len();
    match theme.render_to(template, &ctx, html) {
        Ok(()) => {
            // Commentary reports its own addresses, located; the page's net is for what
            // a site's own templates print.
            if !theme.all_built_in && !diags.iter().any(|d| d.code == Code::UnsafeLink) {
                links::check_page(
                    &html[start..],
                    &page_source(site, page, template),
                    template,
                    diags,
                );
            }
            true
        }
        Err(e) => {
            diags.push(theme::on_page(e, &path));
            false
        }
    }
}

/// The file a page is made from, for diagnostics about the page as a whole.
pub(crate) fn page_source(site: &Site, page: Page, template: &str) -> std::path::PathBuf {
    match page {
        Page::Home => site
            .home
            .source
            .as_ref()
            .map_or_else(|| "content/_index.md".into(), |s| s.path.clone()),
        Page::Unit(u) => site.units[u].source.path.clone(),
        Page::Bulletin(b) => site.bulletins[b].source.path.clone(),
        Page::NotFound => std::path::Path::new("themes")
            .join(&site.config.theme)
            .join("templates")
            .join(template),
    }
}

/// One table component as the theme's `components/table.html` sets it: written
/// directly when that is the built-in template, through Tera when the site has its own.
fn render_table(
    theme: &Theme,
    view: &table::TableView,
) -> Result<String, Box<crate::diagnostic::Diagnostic>> {
    if theme.built_in_table {
        let mut html = String::with_capacity(4096);
        table_html::write_table(&mut html, view, &theme.table_strings);
        return Ok(html);
    }
    tera_table(theme, view)
}

/// One table component through the theme's `components/table.html`.
fn tera_table(
    theme: &Theme,
    view: &table::TableView,
) -> Result<String, Box<crate::diagnostic::Diagnostic>> {
    let mut ctx = tera::Context::new();
    ctx.insert("table", view);
    theme.render("components/table.html", &ctx)
}

/// A bulletin's whole file: from memory, or read again (see [`Bodies`]).
///
/// [`Bodies`]: crate::load::Bodies
fn bulletin_text<'a>(
    site: &Site,
    b: &'a Bulletin,
) -> Result<Cow<'a, str>, Box<crate::diagnostic::Diagnostic>> {
    if b.body_in_memory {
        return Ok(Cow::Borrowed(&b.source.text));
    }
    crate::load::reread_bulletin(&site.root, &b.source).map(Cow::Owned)
}

/// Bulletin `b`'s commentary alone, tables included (for the hot-path benchmarks).
pub(crate) fn commentary_html(site: &Site, theme: &Theme, b: usize) -> String {
    let tables = |view: &table::TableView| render_table(theme, view).unwrap_or_default();
    let links = RefCell::new(Vec::new());
    let bulletin = &site.bulletins[b];
    let text = bulletin_text(site, bulletin).unwrap_or_default();
    bulletin_html(
        site,
        bulletin,
        &text,
        &tables,
        "",
        &links,
        &PageFigures::new(),
        &mut Diagnostics::default(),
    )
    .0
}

/// `news` → `bulletin.html`; other layouts use `<layout>.html` when the theme has it.
fn layout_template(b: &Bulletin, theme: &Theme) -> &'static str {
    match b.layout {
        Layout::Document if theme.has_template("document.html") => "document.html",
        Layout::Plan if theme.has_template("plan.html") => "plan.html",
        _ => "bulletin.html",
    }
}

/// The commentary, and its annexes (`# 附件…` sections) rendered apart; documents and
/// plans number their headings.
#[expect(
    clippy::too_many_arguments,
    reason = "the page loop's parts, until the engine's page context holds them"
)]
fn bulletin_html<'a>(
    site: &'a Site,
    b: &'a Bulletin,
    text: &'a str,
    render_table: &'a dyn Fn(&table::TableView) -> String,
    page_dir: &'a str,
    links: &'a RefCell<Vec<LinkRef>>,
    figures: &'a PageFigures<'a>,
    diags: &mut Diagnostics,
) -> (String, Vec<view::Annex>) {
    let numbered = matches!(b.layout, Layout::Document | Layout::Plan);
    let starts = if numbered {
        markdown::annex_starts(text, b.body_offset)
    } else {
        Vec::new()
    };
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .copied()
        .chain(std::iter::once(text.len()))
        .collect();
    let part = |from: usize, to: usize, numbered: bool, diags: &mut Diagnostics| {
        markdown::render(
            &markdown::Context {
                site,
                unit: Some(b.unit),
                period: Some(b.period),
                file: &b.source.path,
                text,
                body_offset: from,
                body_end: to,
                numbered,
                render_table,
                page_dir,
                links,
                figures,
            },
            diags,
        )
    };
    let content = part(
        b.body_offset,
        starts.first().copied().unwrap_or(text.len()),
        numbered,
        diags,
    );
    let annexes = starts
        .iter()
        .zip(&ends)
        .map(|(&start, &end)| {
            let heading_end = text[start..end].find('\n').map_or(end, |i| start + i + 1);
            view::Annex {
                title: text[start..heading_end]
                    .trim_start_matches('#')
                    .trim()
                    .to_string(),
                content_html: part(heading_end, end, false, diags),
            }
        })
        .collect();
    (content, annexes)
}

fn home_intro<'a>(
    site: &'a Site,
    render_table: &'a dyn Fn(&table::TableView) -> String,
    page_dir: &'a str,
    links: &'a RefCell<Vec<LinkRef>>,
    figures: &'a PageFigures<'a>,
    diags: &mut Diagnostics,
) -> String {
    let Some(source) = &site.home.source else {
        return String::new();
    };
    markdown::render(
        &markdown::Context {
            site,
            unit: None,
            period: None,
            file: &source.path,
            text: &source.text,
            body_offset: site.home.body_offset,
            body_end: source.text.len(),
            numbered: false,
            render_table,
            page_dir,
            links,
            figures,
        },
        diags,
    )
}

/// The unit's indicators at its latest year, as a table (None without data).
fn latest_table<'a>(
    site: &'a Site,
    u: usize,
    figures: &PageFigures<'a>,
) -> Option<table::TableView> {
    let unit = &site.units[u];
    let period = unit
        .indicators
        .iter()
        .filter_map(|i| i.latest_year())
        .max()?;
    let indicators: Vec<_> = unit
        .indicators
        .iter()
        .filter(|i| i.value(period).is_some())
        .map(|i| (i, 0))
        .collect();
    if indicators.is_empty() {
        return None;
    }
    Some(table::build(
        &TableRequest {
            kind: TableKind::Latest,
            id: "latest".to_string(),
            caption: format!("{}主要指标", period.label()),
            period,
            indicators,
        },
        figures,
    ))
}
