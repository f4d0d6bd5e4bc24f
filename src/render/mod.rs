//! Resolved site → one page's bytes. One function per page kind builds a view of ready
//! strings (templates never format numbers) and renders it through the [`Theme`], which
//! is built once and shared by all threads. Pure: [`render_page`] reads no file and
//! writes none; it returns the page, the links it makes and the inputs it read, and the
//! engine (`crate::engine`) does the rest — the parallel loop, the cross-check, the
//! link check and the writing.

pub(crate) mod feed;
pub(crate) mod linebreak;
pub(crate) mod meta;
pub(crate) mod search;
pub(crate) mod sitemap;
pub mod table_html;
pub mod theme;
pub mod view;
pub(crate) mod xml;

use std::cell::RefCell;

use crate::diagnostic::Diagnostics;
use crate::figures::PageFigures;
use crate::figures::table::{self, TableKind, TableRequest};
use crate::links::LinkRef;
use crate::markdown::{self, Found};
use crate::model::{Bulletin, Input, Layout, Site};
pub use theme::Theme;
use view::{BulletinView, Common, HomeView, UnitView};

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Unit(usize),
    Bulletin(usize),
    NotFound,
    /// `search/index.html`, the search page; the index is in the three kinds below
    /// (`search.rs`).
    Search,
    /// `search/meta.js`: shard count and indicator aliases.
    SearchMeta,
    /// `search/s/<i>.js`: the posting lists of the bigrams that hash to shard i.
    SearchShard(u32),
    /// `search/t/<n>.js`: bulletin n's title, address and sentences for the results.
    SearchDoc(usize),
    /// `sitemap.xml` (sitemaps.org), every page of the site with its date (`None`), or
    /// part `k` of it, `sitemap-<k>.xml`, when it takes more than one file.
    Sitemap(Option<usize>),
    /// `robots.txt`, naming the sitemap.
    Robots,
    /// An Atom feed of the newest bulletins: the site's (`feed.xml`), or a unit's
    /// (`<unit>/feed.xml`).
    Feed(Option<usize>),
}

impl Page {
    /// Output path of the page, relative to the output root.
    pub fn path(self, site: &Site) -> String {
        match self {
            Page::Home => "index.html".to_string(),
            Page::Unit(u) => format!("{}/index.html", site.units[u].id),
            Page::Bulletin(b) => format!("{}index.html", site.bulletin_dir(&site.bulletins[b])),
            Page::NotFound => "404.html".to_string(),
            Page::Search => "search/index.html".to_string(),
            Page::SearchMeta => "search/meta.js".to_string(),
            Page::SearchShard(i) => format!("search/s/{i}.js"),
            Page::SearchDoc(n) => format!("search/t/{n}.js"),
            Page::Sitemap(part) => sitemap::path(part),
            Page::Robots => "robots.txt".to_string(),
            Page::Feed(None) => "feed.xml".to_string(),
            Page::Feed(Some(u)) => format!("{}/feed.xml", site.units[u].id),
        }
    }

    /// Whether the page is an HTML page (with the site's chrome), not a file of data.
    pub fn is_html(self) -> bool {
        matches!(
            self,
            Page::Home | Page::Unit(_) | Page::Bulletin(_) | Page::NotFound | Page::Search
        )
    }
}

impl Page {
    /// The search page or a file of its index.
    pub fn is_search(self) -> bool {
        matches!(
            self,
            Page::Search | Page::SearchMeta | Page::SearchShard(_) | Page::SearchDoc(_)
        )
    }

    /// The page written at output path `path`, found without listing every page.
    pub fn at(site: &Site, path: &str) -> Option<Page> {
        match path {
            "index.html" => return Some(Page::Home),
            "404.html" => return Some(Page::NotFound),
            "search/index.html" => return Some(Page::Search),
            "search/meta.js" => return Some(Page::SearchMeta),
            "sitemap.xml" => return Some(Page::Sitemap(None)),
            "robots.txt" => return Some(Page::Robots),
            "feed.xml" => return Some(Page::Feed(None)),
            _ => {}
        }
        if let Some(page) = search_at(site, path) {
            return Some(page);
        }
        if let Some(k) = path
            .strip_prefix("sitemap-")
            .and_then(|p| p.strip_suffix(".xml"))
            .and_then(|k| k.parse::<usize>().ok())
        {
            let page = Page::Sitemap(Some(k));
            return pages(site).contains(&page).then_some(page);
        }
        if let Some(unit) = path.strip_suffix("/feed.xml") {
            return site.unit(unit).map(|u| Page::Feed(Some(u)));
        }
        let dir = path.strip_suffix("/index.html")?;
        if let Some(u) = site.unit(dir) {
            return Some(Page::Unit(u));
        }
        let (unit, slug) = dir.rsplit_once('/')?;
        site.bulletin_index(unit, slug).map(Page::Bulletin)
    }
}

/// A shard or bulletin text of the search index at `path`.
fn search_at(site: &Site, path: &str) -> Option<Page> {
    let number = |prefix: &str| {
        let n = path.strip_prefix(prefix)?.strip_suffix(".js")?;
        // `search/s/07.js` is no page: the number is written as `path` writes it
        (!n.starts_with('0') || n == "0").then_some(())?;
        n.parse::<usize>().ok()
    };
    if let Some(i) = number("search/s/") {
        let i = u32::try_from(i).ok()?;
        return (i < search::shard_count(site.bulletins.len())).then_some(Page::SearchShard(i));
    }
    number("search/t/")
        .filter(|&n| n < site.bulletins.len())
        .map(Page::SearchDoc)
}

/// Every page of the site.
pub fn pages(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Home, Page::NotFound];
    pages.extend((0..site.units.len()).map(Page::Unit));
    pages.extend((0..site.bulletins.len()).map(Page::Bulletin));
    pages.extend([Page::Search, Page::SearchMeta]);
    pages.extend((0..site.bulletins.len()).map(Page::SearchDoc));
    pages.extend((0..search::shard_count(site.bulletins.len())).map(Page::SearchShard));
    pages.extend([Page::Robots, Page::Feed(None)]);
    pages.extend((0..site.units.len()).map(|u| Page::Feed(Some(u))));
    // Last: the sitemap lists the pages above, and takes as many files as they need.
    let listed = pages.iter().filter(|&&p| sitemap::lists(p)).count();
    pages.push(Page::Sitemap(None));
    pages.extend((1..=sitemap::parts(listed)).map(|k| Page::Sitemap(Some(k))));
    pages
}

/// What rendering one page gives besides its bytes: what the page links to (for the
/// link check the pipeline runs) and the inputs it read (for deciding when it must be
/// made again).
#[derive(Debug, Default)]
pub struct Rendered {
    pub links: Vec<LinkRef>,
    pub inputs: Vec<Input>,
    /// The page's template, for diagnostics about the page as a whole.
    pub template: &'static str,
    /// A bulletin's text for the search (`search/t/<n>.js`): its counted bigrams, which
    /// the engine keeps for the index's shards.
    pub bigrams: Vec<((char, char), u32, bool)>,
}

/// Renders one page onto the end of `html`: `text` is the whole file the page is made
/// from (a bulletin's, a unit's `_index.md`, `content/_index.md`; empty for a page
/// without one). None (and why, in `diags`) when it could not be rendered. Pure: no file
/// is read or written here.
pub fn render_page<'f>(
    site: &'f Site,
    theme: &Theme,
    page: Page,
    text: &str,
    figures: &PageFigures<'f>,
    diags: &mut Diagnostics,
    html: &mut Vec<u8>,
) -> Option<Rendered> {
    let path = page.path(site);
    // Files of data and the index's script files: no chrome, no template.
    match page {
        Page::Sitemap(part) => return Some(sitemap::render(site, part, html)),
        Page::Robots => return Some(sitemap::robots(site, html)),
        Page::Feed(unit) => return Some(feed::render(site, unit, html)),
        Page::SearchMeta => {
            html.extend_from_slice(search::meta_js(site).as_bytes());
            // the bulletin count, and the aliases of every unit's indicators
            let mut inputs = vec![Input::Site, Input::List(None)];
            inputs.extend(site.units.iter().map(|u| Input::Data(u.id.clone())));
            return Some(Rendered {
                inputs,
                ..Rendered::default()
            });
        }
        Page::SearchShard(_) => {
            // `text` is the shard, made by the engine from every bulletin's bigrams.
            html.extend_from_slice(text.as_bytes());
            return Some(Rendered {
                inputs: vec![Input::Site, Input::List(None), Input::Search],
                ..Rendered::default()
            });
        }
        Page::SearchDoc(b) => {
            let bulletin = &site.bulletins[b];
            let body = text.get(bulletin.body_offset..).unwrap_or("");
            // The sentences shown with their figures as the page phrases them (its
            // errors are the page's to report), and those the index counts.
            let found = RefCell::new(markdown::Found::default());
            let page_dir = site.bulletin_dir(bulletin);
            let ctx = markdown::Context {
                site,
                unit: Some(bulletin.unit),
                period: Some(bulletin.period),
                file: &bulletin.source.path,
                text,
                body_offset: bulletin.body_offset,
                body_end: text.len(),
                numbered: false,
                render_table: &|_| String::new(),
                page_dir: &page_dir,
                found: &found,
                figures,
            };
            let (counted, shown) = search::sentences_shown(body, &mut |inner| {
                markdown::components::figure_text(inner, &ctx).ok()
            });
            let doc = search::doc(site, b, body, counted);
            html.extend_from_slice(search::doc_js(site, b, &doc, &shown).as_bytes());
            let mut inputs = vec![
                Input::Site,
                Input::List(None),
                Input::Bulletin(site.bulletin_key(b)),
                // the names of the indicators it shows, and its figures
                Input::Data(site.units[bulletin.unit].id.clone()),
            ];
            // and the other units' data its figures read
            inputs.extend(found.into_inner().inputs);
            inputs.sort();
            inputs.dedup();
            return Some(Rendered {
                bigrams: search::counted(&doc),
                inputs,
                ..Rendered::default()
            });
        }
        _ => {}
    }
    // The line breaker's dictionary, loading on its own thread since the theme was
    // built: waited for here, outside the page's time budget (a slow or loaded machine
    // must not fail the first pages' templates on it).
    linebreak::warm();
    theme::watchdog::page(&path);
    let page_dir = path.trim_end_matches("index.html");
    let common = Common::new(site, &path, page);
    let table_errors = std::cell::RefCell::new(Vec::new());
    let render_table = |view: &table::TableView| -> String {
        render_table(theme, view).unwrap_or_else(|d| {
            table_errors.borrow_mut().push(d);
            String::new()
        })
    };
    let found = RefCell::new(Found::default());
    // The home page's and a unit's commentary: the whole body of their `_index.md`.
    let whole = |unit: Option<usize>, file: &std::path::Path, body_offset, diags: &mut _| {
        markdown::render(
            &markdown::Context {
                site,
                unit,
                period: None,
                file,
                text,
                body_offset,
                body_end: text.len(),
                numbered: false,
                render_table: &render_table,
                page_dir,
                found: &found,
                figures,
            },
            diags,
        )
    };
    let mut inputs = vec![Input::Site];
    let mut ctx = common.context();
    let template = match page {
        Page::Home => {
            inputs.extend([Input::Home, Input::List(None)]);
            let intro = site
                .home
                .source
                .as_ref()
                .map_or_else(String::new, |source| {
                    whole(None, &source.path, site.home.body_offset, diags)
                });
            ctx.insert("intro_html", &intro);
            let view = HomeView::new(site, figures, &common);
            inputs.extend(
                view.shown
                    .iter()
                    .map(|&b| Input::Front(site.bulletin_key(b))),
            );
            inputs.extend(
                view.data
                    .iter()
                    .map(|&u| Input::Data(site.units[u].id.clone())),
            );
            ctx.insert("bulletins", &view.bulletins);
            ctx.insert("figures", &view.figures);
            ctx.insert("units", &view.units);
            "index.html"
        }
        Page::Unit(u) => {
            let unit = &site.units[u];
            inputs.extend([
                Input::Unit(unit.id.clone()),
                Input::List(Some(unit.id.clone())),
                Input::Data(unit.id.clone()),
            ]);
            inputs.extend(
                unit.bulletins
                    .iter()
                    .map(|&b| Input::Front(site.bulletin_key(b))),
            );
            let description = whole(Some(u), &unit.source.path, unit.body_offset, diags);
            let view = UnitView::new(site, u, description, &common);
            // Through the table component like the commentary's tables (written in Rust
            // when it is the built-in one), not handed to the page template as data.
            let latest = latest_table(site, u, figures).map(|t| render_table(&t));
            ctx.insert("unit", &view.unit);
            ctx.insert("bulletins", &view.bulletins);
            ctx.insert("indicator_table_html", &latest);
            "unit.html"
        }
        Page::Bulletin(b) => {
            let bulletin = &site.bulletins[b];
            let unit = &site.units[bulletin.unit];
            inputs.extend([
                Input::Bulletin(site.bulletin_key(b)),
                Input::Data(unit.id.clone()),
                Input::Relations(unit.id.clone()),
            ]);
            inputs.extend(
                bulletin
                    .key_figures
                    .iter()
                    .map(|r| Input::Data(site.units[r.unit].id.clone())),
            );
            let parts = bulletin_html(
                site,
                bulletin,
                text,
                &render_table,
                page_dir,
                &found,
                figures,
                diags,
            );
            let view = BulletinView::new(site, figures, bulletin, parts, &common);
            inputs.extend(
                view.related_bulletins
                    .iter()
                    .map(|&i| Input::Front(site.bulletin_key(i))),
            );
            ctx.insert("bulletin", &view);
            layout_template(bulletin, theme)
        }
        Page::NotFound => "404.html",
        Page::Search => "search.html",
        Page::SearchMeta
        | Page::SearchShard(_)
        | Page::SearchDoc(_)
        | Page::Sitemap(_)
        | Page::Robots
        | Page::Feed(_) => unreachable!("returned above"),
    };
    for e in table_errors.take() {
        diags.push(e);
    }
    let chrome = theme.chrome(&mut ctx, &common.root, matches!(page, Page::Home), || {
        common.nav()
    });
    if let Err(e) = chrome {
        diags.push(theme::on_page(e, &path));
        return None;
    }
    if let Err(e) = theme.render_to(template, &ctx, html) {
        diags.push(theme::on_page(e, &path));
        return None;
    }
    let Found {
        links,
        inputs: read,
        tables: _,
    } = found.into_inner();
    inputs.extend(read);
    inputs.sort_unstable();
    inputs.dedup();
    Some(Rendered {
        links,
        inputs,
        template,
        ..Rendered::default()
    })
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
        Page::SearchDoc(b) => site.bulletins[b].source.path.clone(),
        Page::NotFound | Page::Search | Page::SearchMeta | Page::SearchShard(_) => {
            std::path::Path::new("themes")
                .join(&site.config.theme)
                .join("templates")
                .join(template)
        }
        Page::Sitemap(_) | Page::Robots | Page::Feed(_) => "site.yaml".into(),
    }
}

/// One table component: written by the built-in [`table_html::write_table`], or through
/// Tera when the site has its own `components/table.html`.
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

/// One table component through the site's own `components/table.html`, which sees the
/// view as `table`.
fn tera_table(
    theme: &Theme,
    view: &table::TableView,
) -> Result<String, Box<crate::diagnostic::Diagnostic>> {
    let mut ctx = tera::Context::new();
    ctx.insert("table", view);
    theme.render(theme::TABLE_TEMPLATE, &ctx)
}

/// Bulletin `b`'s commentary alone, tables included (for the hot-path benchmarks).
pub(crate) fn commentary_html(site: &Site, theme: &Theme, b: usize, text: &str) -> String {
    let tables = |view: &table::TableView| render_table(theme, view).unwrap_or_default();
    let found = RefCell::new(Found::default());
    let parts = bulletin_html(
        site,
        &site.bulletins[b],
        text,
        &tables,
        "",
        &found,
        &PageFigures::new(),
        &mut Diagnostics::default(),
    );
    match parts.issued {
        Some(issued) => parts.content_html + &issued.content_html,
        None => parts.content_html,
    }
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
/// plans number their headings. A document whose body has a level-1 heading is a notice
/// that issues a document (印发通知): the text from that heading on is the issued
/// document, printed after the notice's signature as GB/T 9704-2012 sets it.
#[expect(
    clippy::too_many_arguments,
    reason = "the page loop's parts, until the engine's page context holds them"
)]
fn bulletin_html<'f>(
    site: &'f Site,
    b: &Bulletin,
    text: &str,
    render_table: &dyn Fn(&table::TableView) -> String,
    page_dir: &str,
    found: &RefCell<Found>,
    figures: &PageFigures<'f>,
    diags: &mut Diagnostics,
) -> view::Parts {
    let numbered = matches!(b.layout, Layout::Document | Layout::Plan);
    let starts = if numbered {
        markdown::annex_starts(text, b.body_offset)
    } else {
        Vec::new()
    };
    let body_end = starts.first().copied().unwrap_or(text.len());
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
                found,
                figures,
            },
            diags,
        )
    };
    // a heading `# 名称` from `start` to the end of its line: its text and where it ends
    let heading = |start: usize, end: usize| {
        let heading_end = text[start..end].find('\n').map_or(end, |i| start + i + 1);
        let title = text[start..heading_end]
            .trim_start_matches('#')
            .trim()
            .to_string();
        (title, heading_end)
    };
    let issued_start = (b.layout == Layout::Document)
        .then(|| markdown::first_title(text, b.body_offset, body_end))
        .flatten();
    let content = part(
        b.body_offset,
        issued_start.unwrap_or(body_end),
        numbered,
        diags,
    );
    let issued = issued_start.map(|start| {
        let (title, heading_end) = heading(start, body_end);
        view::Issued {
            title,
            content_html: part(heading_end, body_end, numbered, diags),
        }
    });
    let annexes = starts
        .iter()
        .zip(&ends)
        .map(|(&start, &end)| {
            let (title, heading_end) = heading(start, end);
            view::Annex::new(title, part(heading_end, end, false, diags))
        })
        .collect();
    view::Parts {
        content_html: content,
        issued,
        annexes,
    }
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
