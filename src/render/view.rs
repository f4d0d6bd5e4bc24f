//! View structs: what templates receive, as ready strings. Every link is relative to the
//! page (`root` is "../" per folder level) so the output works under any sub-path of a
//! government site and from a `file://` copy; only `canonical` is absolute.

use serde::Serialize;

use super::Page;
use crate::compute::Kind;
use crate::figures::PageFigures;
use crate::markdown::components::phrase_for;
use crate::model::{Bulletin, FigureRef, Footer, Site};

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    pub organisation: &'a str,
    pub base_url: &'a str,
    pub footer: &'a Footer,
    /// Whether the site has a search page to link (site.yaml `search:`, and a theme
    /// with `search.html`).
    pub search: bool,
}

#[derive(Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub kind: &'static str,
    /// The head's metadata, ready (`meta::head_html`): the 政府网站 meta set, the
    /// canonical link, Open Graph, the feeds.
    pub head_html: String,
}

#[derive(Serialize)]
pub struct Link {
    pub name: String,
    pub href: String,
}

/// What every page gets.
pub struct Common<'a> {
    pub site: &'a Site,
    pub root: String,
    pub page: Page,
    pub canonical: String,
    /// The page's output path.
    pub path: &'a str,
}

impl<'a> Common<'a> {
    pub fn new(site: &'a Site, path: &'a str, page: Page) -> Self {
        let root = match page {
            // The 404 page is served at any missing URL, so relative links cannot work
            // there: it links from the site's absolute base path instead.
            Page::NotFound => base_path(&site.config.base_url),
            _ => "../".repeat(path.matches('/').count()),
        };
        Common {
            site,
            root,
            page,
            canonical: super::xml::page_url(site, path),
            path,
        }
    }

    /// Link to a folder page given its folder from the site root (`luan-kfq/`): to its
    /// `index.html`, which a `file://` copy needs and a web server serves alike.
    pub fn href(&self, dir: &str) -> String {
        format!("{}{dir}index.html", self.root)
    }

    pub fn context(&self) -> tera::Context {
        let site = self.site;
        let c = &site.config;
        // `lang`, `site`, `t` and `reload_script` are in the theme's global context.
        let mut ctx = tera::Context::new();
        ctx.insert("root", &self.root);
        let (title, description, kind) = match self.page {
            Page::Home => (
                if site.home.title.is_empty() {
                    c.title.clone()
                } else {
                    format!("{} - {}", site.home.title, c.title)
                },
                if site.home.description.is_empty() {
                    c.subtitle.clone()
                } else {
                    site.home.description.clone()
                },
                "home",
            ),
            Page::Unit(u) => (
                format!("{} - {}", site.units[u].name, c.title),
                site.units[u].name.clone(),
                "unit",
            ),
            Page::Bulletin(b) => {
                let b = &site.bulletins[b];
                (
                    format!("{} - {}", b.title, c.title),
                    b.summary.clone(),
                    "bulletin",
                )
            }
            Page::NotFound => (format!("404 - {}", c.title), String::new(), "404"),
            Page::Search => (
                // the template puts the page's name before it
                c.title.clone(),
                String::new(),
                "search",
            ),
            // Not pages: no chrome, no context (`render_page` returns before).
            Page::SearchMeta
            | Page::SearchShard(_)
            | Page::SearchDoc(_)
            | Page::Sitemap(_)
            | Page::Robots
            | Page::Feed(_) => (String::new(), String::new(), ""),
        };
        let head_html =
            super::meta::head_html(site, self.page, self.path, &self.root, &title, &description);
        ctx.insert(
            "page",
            &PageMeta {
                title,
                description,
                canonical: self.canonical.clone(),
                kind,
                head_html,
            },
        );
        ctx
    }

    /// The navigation bar's links, relative to this page.
    pub fn nav(&self) -> Vec<Link> {
        let site = self.site;
        site.nav
            .iter()
            .map(|&u| Link {
                name: site.units[u].display_name().to_string(),
                href: self.href(&format!("{}/", site.units[u].id)),
            })
            .collect()
    }
}

/// The path part of the base URL: `https://x.gov.cn/tjgb/` → `/tjgb/`.
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

/// A bulletin in a list.
#[derive(Serialize)]
pub struct BulletinItem {
    pub title: String,
    pub href: String,
    pub date: String,
    pub date_label: String,
    pub unit_name: String,
    pub summary: String,
    pub period_label: String,
    pub draft: bool,
}

impl BulletinItem {
    fn new(site: &Site, b: &Bulletin, common: &Common<'_>) -> Self {
        BulletinItem {
            title: b.title.clone(),
            href: common.href(&site.bulletin_dir(b)),
            date: b.date.iso(),
            date_label: b.date.label(),
            unit_name: site.units[b.unit].display_name().to_string(),
            summary: b.summary.clone(),
            period_label: b.period.label(),
            draft: b.draft,
        }
    }
}

/// A key figure callout: big number, its unit, its change.
#[derive(Serialize)]
pub struct FigureView {
    pub label: String,
    pub value: String,
    pub unit: String,
    pub change: String,
    pub rank: String,
    pub period_label: String,
}

fn figure_view<'a>(
    site: &'a Site,
    figures: &PageFigures<'a>,
    r: &FigureRef,
    default_period: Option<crate::model::Period>,
) -> Option<FigureView> {
    let ind = site.indicator(r);
    let period = r.period.or(default_period).or_else(|| ind.latest_year())?;
    let f = figures.figure(ind, period);
    if phrase_for(r, site, figures, Some(period)).is_err() && f.rank_text().is_none() {
        return None;
    }
    let (unit, rank) = if ind.kind == Kind::Rank {
        (ind.unit.clone(), ind.scope.clone())
    } else if ind.kind == Kind::Index && ind.unit.contains('=') {
        // an index's base, as the text prints it: 100.2（上年=100）
        (
            format!("（{}）", ind.unit),
            f.rank_text().unwrap_or_default(),
        )
    } else {
        (ind.unit.clone(), f.rank_text().unwrap_or_default())
    };
    let change = f.change_text();
    Some(FigureView {
        label: if ind.short_name.is_empty() {
            ind.name.clone()
        } else {
            ind.short_name.clone()
        },
        // a rank is a place: 第127位, never 127位 (which reads as 127 places)
        value: if ind.kind == Kind::Rank && f.series.current.is_some() {
            format!("第{}", f.number_text())
        } else {
            f.number_text()
        },
        unit,
        change: if change == crate::compute::phrase::UNAVAILABLE {
            String::new()
        } else {
            change
        },
        rank,
        period_label: period.label(),
    })
}

#[derive(Serialize)]
pub struct UnitItem {
    pub name: String,
    pub href: String,
    pub level: String,
    pub bulletin_count: usize,
}

pub struct HomeView {
    pub bulletins: Vec<BulletinItem>,
    pub figures: Vec<FigureView>,
    pub units: Vec<UnitItem>,
    /// The bulletins listed (indexes), and the units whose data the key figures show:
    /// inputs of the page.
    pub shown: Vec<usize>,
    pub data: Vec<usize>,
}

impl HomeView {
    pub fn new<'a>(site: &'a Site, figures: &PageFigures<'a>, common: &Common<'_>) -> Self {
        let shown: Vec<usize> = (0..site.bulletins.len().min(20)).collect();
        let bulletins = shown
            .iter()
            .map(|&b| BulletinItem::new(site, &site.bulletins[b], common))
            .collect();
        let (refs, period) = if site.home.key_figures.is_empty() {
            site.bulletins
                .first()
                .map_or((&[][..], None), |b| (&b.key_figures[..], Some(b.period)))
        } else {
            (&site.home.key_figures[..], None)
        };
        let shown_figures = refs
            .iter()
            .filter_map(|r| figure_view(site, figures, r, period))
            .collect();
        let data = refs.iter().map(|r| r.unit).collect();
        let units = site
            .units
            .iter()
            .map(|u| UnitItem {
                name: u.name.clone(),
                href: common.href(&format!("{}/", u.id)),
                level: u.level.clone(),
                bulletin_count: u.bulletins.len(),
            })
            .collect();
        HomeView {
            bulletins,
            figures: shown_figures,
            units,
            shown,
            data,
        }
    }
}

#[derive(Serialize)]
pub struct UnitInfo {
    pub name: String,
    pub short_name: String,
    pub level: String,
    pub description_html: String,
    pub parent: Option<Link>,
    pub children: Vec<Link>,
}

pub struct UnitView {
    pub unit: UnitInfo,
    pub bulletins: Vec<BulletinItem>,
}

impl UnitView {
    pub fn new(site: &Site, u: usize, description_html: String, common: &Common<'_>) -> Self {
        let unit = &site.units[u];
        let link = |i: usize| Link {
            name: site.units[i].name.clone(),
            href: common.href(&format!("{}/", site.units[i].id)),
        };
        UnitView {
            unit: UnitInfo {
                name: unit.name.clone(),
                short_name: unit.short_name.clone(),
                level: unit.level.clone(),
                description_html,
                parent: unit.parent.map(link),
                children: unit.children.iter().map(|&c| link(c)).collect(),
            },
            bulletins: unit
                .bulletins
                .iter()
                .map(|&b| BulletinItem::new(site, &site.bulletins[b], common))
                .collect(),
        }
    }
}

/// A bulletin page's view; the bulletin's own text fields are borrowed, not copied (the
/// view is serialised into the template's context once; ARCHITECTURE.md, "Performance").
#[derive(Serialize)]
pub struct BulletinView<'a> {
    pub title: &'a str,
    pub kicker: &'a [String],
    pub subtitle: String,
    pub date: String,
    pub date_label: String,
    pub period_label: String,
    pub byline: &'a str,
    pub source: &'a str,
    pub summary: &'a str,
    pub draft: bool,
    pub layout: crate::model::Layout,
    pub unit: Link,
    pub content_html: String,
    pub key_figures: Vec<FigureView>,
    pub doc_number: &'a str,
    pub issuers: &'a [String],
    pub addressees: &'a str,
    pub index_number: &'a str,
    /// 主题分类 and 发布机构 of the disclosure block (empty: none given).
    pub topic: &'a str,
    pub publisher: &'a str,
    /// 征求意见稿, 送审稿…, printed beside the title; empty for a final document.
    pub draft_mark: &'a str,
    pub published_label: String,
    /// The document a notice issues (印发件), after the notice's signature.
    pub issued: Option<Issued>,
    pub annexes: Vec<Annex>,
    /// The 版记 at the end of a document.
    pub colophon: Option<ColophonView<'a>>,
    /// The plan and its interpretation, linked both ways.
    pub related: Vec<Related>,
    /// The bulletins `related` shows (indexes): inputs of the page.
    #[serde(skip)]
    pub related_bulletins: Vec<usize>,
    /// The document's PDF beside the page (`<slug>.pdf`), when the build prints one.
    pub pdf: Option<String>,
}

/// The commentary of a bulletin in the parts a document prints apart.
pub struct Parts {
    /// The body: of a notice that issues a document, the notice's own text.
    pub content_html: String,
    pub issued: Option<Issued>,
    pub annexes: Vec<Annex>,
}

/// The document a notice issues (印发件): the text from the body's first level-1
/// heading, its title printed as a heading of the page's own title's rank below.
#[derive(Serialize)]
pub struct Issued {
    pub title: String,
    pub content_html: String,
}

/// An annex of an official document, after the signature: the user's `# 附件1 名称`
/// heading gives `name`; its label (附件 alone, or 附件1, 附件2 … when there are several)
/// is the theme's, by its place (GB/T 9704-2012, 7.3.4).
#[derive(Serialize)]
pub struct Annex {
    pub title: String,
    /// The title without its 附件 word and number (empty for a bare `# 附件`).
    pub name: String,
    pub content_html: String,
}

impl Annex {
    pub fn new(title: String, content_html: String) -> Self {
        let name = title
            .strip_prefix("附件")
            .unwrap_or(&title)
            .trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            .trim_start_matches([' ', '\u{3000}', '：', ':', '、', '.', '．'])
            .trim()
            .to_string();
        Annex {
            title,
            name,
            content_html,
        }
    }
}

/// The 版记 of a document: 抄送机关, 印发机关, 印发日期.
#[derive(Serialize)]
pub struct ColophonView<'a> {
    pub cc: &'a [String],
    pub printed_by: &'a str,
    pub printed_on: String,
    pub printed_on_label: String,
}

#[derive(Serialize)]
pub struct Related {
    /// 政策解读 or 原文.
    pub name: String,
    pub title: String,
    pub href: String,
}

impl<'a> BulletinView<'a> {
    pub fn new(
        site: &'a Site,
        figures: &PageFigures<'a>,
        b: &'a Bulletin,
        parts: Parts,
        common: &Common<'_>,
    ) -> Self {
        let unit = &site.units[b.unit];
        let related = related(site, b);
        let link = |name: &str, i: usize| {
            let other = &site.bulletins[i];
            Related {
                name: name.to_string(),
                title: other.title.clone(),
                href: common.href(&site.bulletin_dir(other)),
            }
        };
        BulletinView {
            title: &b.title,
            kicker: &b.kicker,
            subtitle: b.subtitle.join(" "),
            date: b.date.iso(),
            date_label: b.date.label(),
            period_label: b.period.label(),
            byline: &b.byline,
            source: &b.source_line,
            summary: &b.summary,
            draft: b.draft,
            layout: b.layout,
            unit: Link {
                name: unit.name.clone(),
                href: common.href(&format!("{}/", unit.id)),
            },
            content_html: parts.content_html,
            doc_number: &b.doc_number,
            issuers: &b.issuers,
            addressees: &b.addressees,
            index_number: &b.index_number,
            topic: &b.topic,
            publisher: &b.publisher,
            draft_mark: &b.draft_mark,
            published_label: b.published.label(),
            issued: parts.issued,
            annexes: parts.annexes,
            colophon: b.colophon.as_ref().map(|c| ColophonView {
                cc: &c.cc,
                printed_by: &c.printed_by,
                printed_on: c.printed_on.iso(),
                printed_on_label: c.printed_on.label(),
            }),
            related: related.iter().map(|&(name, i)| link(name, i)).collect(),
            related_bulletins: related.into_iter().map(|(_, i)| i).collect(),
            pdf: (site.config.pdf && b.layout == crate::model::Layout::Document)
                .then(|| format!("{}.pdf", b.slug)),
            key_figures: b
                .key_figures
                .iter()
                .filter_map(|r| figure_view(site, figures, r, Some(b.period)))
                .collect(),
        }
    }
}

/// The plan a 解读 page interprets (原文), and the 解读 pages of a plan (政策解读), as
/// indexes into `site.bulletins`.
fn related(site: &Site, b: &Bulletin) -> Vec<(&'static str, usize)> {
    let unit = &site.units[b.unit];
    let mut out = Vec::new();
    if let Some(plan) = b
        .interprets
        .as_deref()
        .and_then(|slug| site.bulletin_index(&unit.id, slug))
    {
        out.push(("原文", plan));
    }
    for &i in &unit.bulletins {
        if site.bulletins[i].interprets.as_deref() == Some(b.slug.as_str()) {
            out.push(("政策解读", i));
        }
    }
    out
}
