//! Raw → resolved: turns the serde structs of `load` into the checked domain types that
//! every later stage uses — [`Site`], [`Unit`], [`Indicator`], [`Bulletin`] — resolving
//! ids, parents and defaults, and reporting what does not resolve. No I/O. Later stages
//! never see a `load::raw` type; the few small enums whose file spelling is their whole
//! shape ([`Layout`], [`RankBasis`], [`task::TaskStatus`]) are defined here and
//! deserialised by `load` straight into them, as `compute::Kind` is.

pub mod input;
pub mod period;
pub mod reference;
pub mod task;
pub mod theme;

use std::collections::HashMap;

/// Id → index. foldhash, not SipHash: every component and table row looks its id up, on
/// every page (ids are the site's own, not a network's).
type IdMap = HashMap<String, usize, foldhash::fast::RandomState>;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::compute::{Decimal, Kind, Target};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Position, did_you_mean};
use crate::lang::Text;
use crate::load::locate::{Positions, Seg};
use crate::load::raw::{GrowthBasis, RawFooter, RawIndicator, RawValue};
use crate::load::{LoadedBulletin, LoadedSite, LoadedUnit, SourceFile, YamlFile};
pub use input::Input;
pub use period::{Period, PeriodMap};
pub use reference::FigureRef;
pub use task::Task;

#[derive(Debug)]
pub struct SiteConfig {
    pub title: String,
    pub subtitle: String,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: String,
    pub theme: String,
    pub organisation: String,
    pub footer: Footer,
    pub allow_raw_html: bool,
    /// Top-level output names kept across builds (site.yaml `keep:`).
    pub keep: Vec<String>,
    /// site.yaml `pdf: true`: `build` prints each document page to `<slug>.pdf` beside
    /// it, and the page links it (`serve` turns it off: it prints nothing).
    pub pdf: bool,
    /// site.yaml `search:` (default true): the search page and its index, and the link
    /// to it.
    pub search: bool,
    /// The 政府网站网页设计规范 metadata every page carries (site.yaml `meta:`).
    pub meta: SiteMeta,
    /// site.yaml: where its values are.
    pub file: YamlFile,
}

/// site.yaml `meta:` with its defaults: the government website the column belongs to
/// (SiteName: `organisation`, else `title`; SiteDomain: the host of `base_url`) and the
/// column (ColumnName: `title`). Empty where the site gives nothing.
#[derive(Debug, Default)]
pub struct SiteMeta {
    pub site_name: String,
    pub site_domain: String,
    pub column: String,
    pub column_type: String,
    pub keywords: Vec<String>,
}

impl SiteMeta {
    fn resolve(raw: crate::load::raw::RawMeta, title: &str, org: &str, base_url: &str) -> Self {
        let or = |given: String, default: &str| {
            let given = given.trim();
            if given.is_empty() {
                default.trim().to_string()
            } else {
                given.to_string()
            }
        };
        // `https://www.example.gov.cn:8443/tjgb/` → `www.example.gov.cn`
        let host = base_url.split_once("://").map_or("", |(_, rest)| {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
            let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            host.split(':').next().unwrap_or("")
        });
        SiteMeta {
            site_name: or(
                raw.site_name,
                if org.trim().is_empty() { title } else { org },
            ),
            site_domain: or(raw.site_domain, host),
            column: or(raw.column, title),
            column_type: raw.column_type.trim().to_string(),
            keywords: clean_lines(raw.keywords.0),
        }
    }
}

/// `09:30` → (9, 30): hours 00–23 and minutes 00–59, two digits each.
fn parse_time(text: &str) -> Option<(u8, u8)> {
    let (h, m) = text.trim().split_once(':')?;
    let two = |s: &str| (s.len() == 2).then(|| s.parse::<u8>().ok()).flatten();
    let (h, m) = (two(h)?, two(m)?);
    (h < 24 && m < 60).then_some((h, m))
}

/// Lines trimmed, the empty ones dropped.
fn clean_lines(lines: Vec<String>) -> Vec<String> {
    lines
        .into_iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The footer fields a Chinese government website must carry (site.yaml `footer:`).
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Footer {
    pub sponsor: String,
    pub site_code: String,
    pub icp: String,
    pub police: String,
    pub contact: String,
    pub address: String,
}

impl From<RawFooter> for Footer {
    fn from(raw: RawFooter) -> Footer {
        let RawFooter {
            sponsor,
            site_code,
            icp,
            police,
            contact,
            address,
        } = raw;
        Footer {
            sponsor,
            site_code,
            icp,
            police,
            contact,
            address,
        }
    }
}

#[derive(Debug)]
pub struct Home {
    pub title: String,
    pub description: String,
    pub key_figures: Vec<FigureRef>,
    pub source: Option<SourceFile>,
    pub body_offset: usize,
}

#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub home: Home,
    pub units: Vec<Unit>,
    /// Newest first (by date, then title).
    pub bulletins: Vec<Bulletin>,
    pub assets: Vec<PathBuf>,
    /// Files of `content/` held back from publishing (see `load::boundary`), for the
    /// check that no file would replace a page.
    pub held: Vec<PathBuf>,
    /// Units in the navigation bar, in order.
    pub nav: Vec<usize>,
    unit_index: IdMap,
    /// `unit/slug` → index into `bulletins`.
    bulletin_index: IdMap,
}

#[derive(Debug)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub level: String,
    pub weight: i64,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub source: SourceFile,
    /// Where the values of its front matter are.
    pub front_positions: Positions,
    pub body_offset: usize,
    pub data_source: Option<YamlFile>,
    /// Its data.yaml failed to load: references into it are not reported again.
    pub data_broken: bool,
    pub indicators: Vec<Indicator>,
    /// Indexes into `Site::bulletins`, newest first.
    pub bulletins: Vec<usize>,
    indicator_index: IdMap,
    /// Key tasks from tasks.yaml, in file order.
    pub tasks: Vec<Task>,
    /// Bodies its tasks may name as lead or supporting units.
    pub departments: Vec<String>,
    pub tasks_source: Option<YamlFile>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Value {
    pub value: Option<Decimal>,
    /// A stated growth rate in % (at comparable prices); wins over the computed one.
    pub growth: Option<Decimal>,
    pub revised: bool,
    pub confidential: bool,
    pub note: String,
    /// The unit the figure was typed in, if it names one.
    pub unit: String,
}

/// What a rank orders its peers by: the indicator's level, or its growth (增速居全市第2位).
/// Deserialised straight from `data.yaml` (`by:`), as `compute::Kind` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RankBasis {
    Level,
    Growth,
}

#[derive(Debug, Clone)]
pub struct Rank {
    pub period: Period,
    pub scope: String,
    pub position: u32,
    pub peers: Option<u32>,
    pub by: RankBasis,
}

#[derive(Debug)]
pub struct Indicator {
    pub id: String,
    /// Position in its data.yaml's `indicators:` list, for locating diagnostics.
    pub pos: usize,
    pub name: String,
    pub short_name: String,
    pub aliases: Vec<String>,
    pub unit: String,
    pub kind: Kind,
    pub decimals: u32,
    pub higher_is_better: bool,
    pub note: String,
    pub source: String,
    /// Growth is stated at comparable prices and never computed from levels.
    pub comparable: bool,
    pub scope: String,
    pub peers: Option<u32>,
    pub share_of: Option<usize>,
    pub accumulates: bool,
    pub sum_of_children: bool,
    pub values: PeriodMap<Value>,
    pub targets: PeriodMap<Target>,
    /// A target's `note` (列入市对县考核), printed in the targets table's 注.
    pub target_notes: PeriodMap<String>,
    pub ranks: Vec<Rank>,
    /// Indexes (same unit) of the 其中 items declared to partition this total (`parts:`);
    /// resolved with the ids once every indicator of the unit is known.
    pub parts: Vec<usize>,
}

impl Indicator {
    pub fn value(&self, period: Period) -> Option<&Value> {
        self.values.get(&period)
    }

    /// The latest period with a value, preferring whole years.
    pub fn latest_year(&self) -> Option<Period> {
        self.values.keys().rev().find(|p| p.is_year()).copied()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        let valid = (1900..=2200).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days[usize::from(month) - 1];
        valid.then_some(Date { year, month, day })
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// 2025年2月8日 (GB/T 15835: Arabic numerals, no leading zeros).
    pub fn label(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// How a bulletin's page is set (front matter `layout:`): a news bulletin, an official
/// document (公文) or a multi-year plan. Deserialised straight from the front matter, as
/// `compute::Kind` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    #[default]
    News,
    Document,
    Plan,
}

/// The 版记 of an official document (GB/T 9704-2012, 7.4): 抄送机关 (may be none),
/// 印发机关 and 印发日期, from the front matter's `cc`, `printed_by` and `printed_on`.
#[derive(Debug)]
pub struct Colophon {
    pub cc: Vec<String>,
    pub printed_by: String,
    pub printed_on: Date,
}

#[derive(Debug)]
pub struct Bulletin {
    pub unit: usize,
    pub slug: String,
    pub title: String,
    pub kicker: Vec<String>,
    pub subtitle: Vec<String>,
    pub date: Date,
    pub period: Period,
    pub layout: Layout,
    pub byline: String,
    pub source_line: String,
    pub summary: String,
    pub key_figures: Vec<FigureRef>,
    pub draft: bool,
    pub doc_number: String,
    pub issuers: Vec<String>,
    pub addressees: String,
    pub index_number: String,
    pub published: Date,
    /// Keywords meta of its page (front matter `keywords`).
    pub keywords: Vec<String>,
    /// The hour and minute of publication (front matter `time`), when given.
    pub time: Option<(u8, u8)>,
    /// 主题分类 of a document's disclosure block.
    pub topic: String,
    /// 发布机构 of a document's disclosure block (empty: its issuers).
    pub publisher: String,
    /// Slug of the plan this page interprets (same unit).
    pub interprets: Option<String>,
    /// 征求意见稿, 送审稿…: printed beside the title of a document or plan.
    pub draft_mark: String,
    /// The 版记 at the end of a document, when its front matter gives one.
    pub colophon: Option<Colophon>,
    /// Its file; the text is the [`Sources`](crate::load::Sources) store's.
    pub source: SourceFile,
    /// Of its front matter: what lists and links show of it.
    pub front_hash: u128,
    /// Where the values of its front matter are.
    pub front_positions: Positions,
    pub body_offset: usize,
}

impl Site {
    /// Drops every positions table once the site is resolved and validated: `build` and
    /// `check` locate nothing in the YAML files after that (a province's tables are ~1.4
    /// times its data text: 150 MB at 100,000 bulletins). `serve` keeps them, to check
    /// the site again after an edit.
    pub fn release_positions(&mut self) {
        self.config.file.positions = Positions::default();
        for unit in &mut self.units {
            unit.front_positions = Positions::default();
            for file in [&mut unit.data_source, &mut unit.tasks_source]
                .into_iter()
                .flatten()
            {
                file.positions = Positions::default();
            }
        }
        for b in &mut self.bulletins {
            b.front_positions = Positions::default();
        }
    }

    pub fn unit(&self, id: &str) -> Option<usize> {
        self.unit_index.get(id).copied()
    }

    pub fn bulletin_by_path(&self, unit: &str, slug: &str) -> Option<&Bulletin> {
        self.bulletin_index(unit, slug).map(|i| &self.bulletins[i])
    }

    /// The index in `bulletins` of bulletin `slug` of unit `unit`.
    pub fn bulletin_index(&self, unit: &str, slug: &str) -> Option<usize> {
        self.bulletin_index.get(&format!("{unit}/{slug}")).copied()
    }

    /// Bulletin `b`'s key, `unit/slug`: its name across runs and edits.
    pub fn bulletin_key(&self, b: usize) -> String {
        let b = &self.bulletins[b];
        format!("{}/{}", self.units[b.unit].id, b.slug)
    }

    pub fn unit_ids(&self) -> impl Iterator<Item = &str> {
        self.units.iter().map(|u| u.id.as_str())
    }

    pub fn indicator(&self, r: &FigureRef) -> &Indicator {
        &self.units[r.unit].indicators[r.indicator]
    }

    /// Bulletin output path relative to the site root, e.g. `luan-kfq/2025-work-conference/`.
    pub fn bulletin_dir(&self, b: &Bulletin) -> String {
        format!("{}/{}/", self.units[b.unit].id, b.slug)
    }

    /// For `serve`, which re-reads an edited bulletin alone instead of the whole site:
    /// drops bulletin `slug` of `unit`, resolves `new` in its place (unless it is gone or
    /// an excluded draft), and keeps the order and indexes [`resolve`] builds — without
    /// rebuilding them, as a province site has 10,000 bulletins.
    pub(crate) fn replace_bulletin(
        &mut self,
        unit: usize,
        slug: &str,
        new: Option<LoadedBulletin>,
        include_drafts: bool,
        diags: &mut Diagnostics,
    ) {
        let key = format!("{}/{slug}", self.units[unit].id);
        let new = new
            .filter(|b| include_drafts || !b.front.draft)
            .and_then(|b| resolve_bulletin(self, b, diags));
        let new = match (self.bulletin_index.get(&key).copied(), new) {
            // The usual edit keeps the date and title, and so the place in the order.
            (Some(old), Some(b)) if self.bulletin_fits_at(old, &b) => {
                self.bulletins[old] = b;
                return;
            }
            (_, new) => new,
        };
        if let Some(old) = self.bulletin_index.remove(&key) {
            self.bulletins.remove(old);
            self.units[unit].bulletins.retain(|&i| i != old);
            self.shift_bulletin_indexes(old, -1);
        }
        let Some(b) = new else {
            return;
        };
        let at = self
            .bulletins
            .partition_point(|x| bulletin_order(&self.units, x, &b).is_lt());
        self.shift_bulletin_indexes(at, 1);
        let list = &mut self.units[unit].bulletins;
        list.insert(list.partition_point(|&i| i < at), at);
        self.bulletins.insert(at, b);
        self.bulletin_index.insert(key, at);
    }

    /// `b` sorts between the neighbours of position `at`.
    fn bulletin_fits_at(&self, at: usize, b: &Bulletin) -> bool {
        let after_previous =
            at == 0 || bulletin_order(&self.units, &self.bulletins[at - 1], b).is_lt();
        after_previous
            && self
                .bulletins
                .get(at + 1)
                .is_none_or(|next| bulletin_order(&self.units, b, next).is_lt())
    }

    /// Moves every bulletin index at or after `from` by `by`.
    fn shift_bulletin_indexes(&mut self, from: usize, by: isize) {
        let shift = |i: &mut usize| {
            if *i >= from {
                *i = i.saturating_add_signed(by);
            }
        };
        self.bulletin_index.values_mut().for_each(shift);
        for u in &mut self.units {
            u.bulletins.iter_mut().for_each(shift);
        }
    }
}

/// The order of `Site::bulletins`: newest first, then by title, as `resolve` sorts them;
/// ties keep the order files are loaded in (unit folder, then file name), which
/// `resolve`'s stable sort keeps.
fn bulletin_order(units: &[Unit], a: &Bulletin, b: &Bulletin) -> std::cmp::Ordering {
    b.date
        .cmp(&a.date)
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| units[a.unit].id.split('/').cmp(units[b.unit].id.split('/')))
        .then_with(|| format!("{}.md", a.slug).cmp(&format!("{}.md", b.slug)))
}

impl Unit {
    pub fn indicator(&self, id: &str) -> Option<usize> {
        self.indicator_index.get(id).copied()
    }

    pub fn indicator_ids(&self) -> impl Iterator<Item = &str> {
        self.indicators.iter().map(|i| i.id.as_str())
    }

    pub fn display_name(&self) -> &str {
        if self.short_name.is_empty() {
            &self.name
        } else {
            &self.short_name
        }
    }
}

/// Resolves everything; `include_drafts` keeps draft bulletins (for `serve`).
pub fn resolve(loaded: LoadedSite, include_drafts: bool, diags: &mut Diagnostics) -> Site {
    let LoadedSite {
        root,
        site,
        site_file,
        home,
        units,
        bulletins,
        assets,
        held,
        sources: _,
    } = loaded;
    let mut base_url = site.base_url.trim().to_string();
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    let meta = SiteMeta::resolve(site.meta, &site.title, &site.organisation, &base_url);
    let config = SiteConfig {
        title: site.title,
        subtitle: site.subtitle,
        base_url,
        language: site.language,
        theme: site.theme,
        organisation: site.organisation,
        footer: site.footer.into(),
        allow_raw_html: site.allow_raw_html,
        keep: site.keep.into_iter().map(|k| k.0).collect(),
        pdf: site.pdf,
        search: site.search,
        meta,
        file: site_file,
    };
    // Units, then bulletins, resolve independently of each other: in parallel, their
    // diagnostics kept in file order.
    let resolved_units: Vec<(Unit, Pending, Diagnostics)> = units
        .into_par_iter()
        .map(|u| {
            let mut d = Diagnostics::default();
            let (unit, pending) = resolve_unit(u, &mut d);
            (unit, pending, d)
        })
        .collect();
    let mut units = Vec::with_capacity(resolved_units.len());
    let mut pending = Vec::with_capacity(resolved_units.len());
    for (unit, p, d) in resolved_units {
        units.push(unit);
        pending.push(p);
        diags.extend(d);
    }
    let unit_index: IdMap = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.clone(), i))
        .collect();
    link_parents(&mut units, &pending, &unit_index, diags);
    // Sub-units in their stated order (weight), then by folder.
    for i in 0..units.len() {
        let mut children = std::mem::take(&mut units[i].children);
        children.sort_by(|&a, &b| {
            units[a]
                .weight
                .cmp(&units[b].weight)
                .then_with(|| units[a].id.cmp(&units[b].id))
        });
        units[i].children = children;
    }

    let mut site = Site {
        root,
        config,
        home: Home {
            title: String::new(),
            description: String::new(),
            key_figures: Vec::new(),
            source: None,
            body_offset: 0,
        },
        units,
        bulletins: Vec::new(),
        assets,
        held,
        nav: Vec::new(),
        unit_index,
        bulletin_index: IdMap::default(),
    };
    for (unit, pending) in site.units.iter_mut().zip(pending.iter()) {
        resolve_share_of(unit, &pending.share_of, diags);
    }
    site.nav = nav(&site.units);
    for (u, pending) in pending.into_iter().enumerate() {
        if let Some(raw) = pending.tasks {
            task::resolve(&mut site, u, raw, diags);
        }
    }
    let results: Vec<(Option<Bulletin>, Diagnostics)> = bulletins
        .into_par_iter()
        .filter(|b| include_drafts || !b.front.draft)
        .map(|b| {
            let mut d = Diagnostics::default();
            (resolve_bulletin(&site, b, &mut d), d)
        })
        .collect();
    let mut resolved = Vec::with_capacity(results.len());
    for (b, d) in results {
        resolved.extend(b);
        diags.extend(d);
    }
    resolved.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
    for (i, b) in resolved.iter().enumerate() {
        site.units[b.unit].bulletins.push(i);
        site.bulletin_index
            .insert(format!("{}/{}", site.units[b.unit].id, b.slug), i);
    }
    site.bulletins = resolved;

    let key_figures = home
        .front
        .key_figures
        .iter()
        .enumerate()
        .filter_map(|(i, text)| {
            let source = home.source.as_ref()?;
            match reference::parse(text, &site, None) {
                Ok(r) => Some(r),
                Err(e) if e.cascade => None,
                Err(e) => {
                    let at = [Seg::Key("key_figures"), Seg::Index(i)];
                    diags.push(front_matter_error(source, &home.front_positions, &at, e));
                    None
                }
            }
        })
        .collect();
    site.home = Home {
        title: home.front.title,
        description: home.front.description,
        key_figures,
        source: home.source,
        body_offset: home.body_offset,
    };
    site
}

/// References a unit makes that can only be resolved once every unit is known.
struct Pending {
    parent: Option<String>,
    /// (position in data.yaml, indicator index, id named by `share_of`)
    share_of: Vec<(usize, usize, String)>,
    tasks: Option<crate::load::raw::RawTasks>,
}

fn resolve_unit(u: LoadedUnit, diags: &mut Diagnostics) -> (Unit, Pending) {
    let mut indicators = Vec::new();
    let mut indicator_index = IdMap::default();
    let mut pending = Pending {
        parent: u.front.parent.clone(),
        share_of: Vec::new(),
        tasks: u.tasks,
    };
    // (position in data.yaml, indicator index, ids named by `parts`)
    let mut parts: Vec<(usize, usize, Vec<String>)> = Vec::new();
    if let Some(data) = u.data {
        for (i, mut raw) in data.indicators.into_iter().enumerate() {
            let id = raw.id.clone();
            if let Some(source) = &u.data_source {
                if !valid_id(&id) {
                    diags.push(
                        data_error(source, Code::YamlShape, &[Seg::Key("indicators"), Seg::Index(i), Seg::Key("id")], text!("`{id}` is not a usable indicator id", "“{id}”不能用作指标 id"))
                            .expected(text!("letters, digits, `_` and `-`, starting with a letter", "字母、数字、`_` 和 `-`，以字母开头"))
                            .hint(text!("ids are typed in commentary as `{{ id }}`: keep them short and ASCII, e.g. `gdp`", "正文中用 `{{ id }}` 引用指标：id 要短，只用英文字母和数字，如 `gdp`")),
                    );
                }
                if indicator_index.contains_key(&id) {
                    diags.push(
                        data_error(
                            source,
                            Code::DuplicateId,
                            &[Seg::Key("indicators"), Seg::Index(i), Seg::Key("id")],
                            text!(
                                "indicator `{id}` is defined twice in this unit",
                                "本单位的指标“{id}”定义了两次"
                            ),
                        )
                        .hint(text!(
                            "give each indicator its own id",
                            "每个指标用不同的 id"
                        )),
                    );
                    continue;
                }
            }
            if let (Some(d), Some(source)) = (raw.decimals, &u.data_source)
                && d > MAX_DECIMALS
            {
                diags.push(
                    data_error(
                        source,
                        Code::YamlShape,
                        &[Seg::Key("indicators"), Seg::Index(i), Seg::Key("decimals")],
                        text!(
                            "`decimals: {d}` is more than a published figure shows",
                            "`decimals: {d}` 超过了公布数字应有的小数位数"
                        ),
                    )
                    .expected(text!(
                        "0 to {MAX_DECIMALS} digits after the point",
                        "小数点后0到{MAX_DECIMALS}位"
                    )),
                );
            }
            if let Some(of) = &raw.share_of {
                pending.share_of.push((i, indicators.len(), of.clone()));
            }
            if !raw.parts.is_empty() {
                parts.push((i, indicators.len(), std::mem::take(&mut raw.parts)));
            }
            indicator_index.insert(id, indicators.len());
            indicators.push(resolve_indicator(raw, i));
        }
    }
    for (i, me, ids) in parts {
        for (j, id) in ids.iter().enumerate() {
            match indicator_index.get(id) {
                Some(&part) if part != me => indicators[me].parts.push(part),
                found => {
                    let Some(source) = &u.data_source else {
                        continue;
                    };
                    let message = if found.is_some() {
                        text!(
                            "`parts` of `{m}` names the indicator itself",
                            "“{m}”的 `parts` 列了它自己",
                            m = &indicators[me].id
                        )
                    } else {
                        text!(
                            "`parts` of `{m}` names `{id}`, which is not an indicator of this unit",
                            "“{m}”的 `parts` 列了“{id}”，本单位没有这个指标",
                            m = &indicators[me].id
                        )
                    };
                    diags.push(
                        data_error(
                            source,
                            Code::UnknownIndicator,
                            &[
                                Seg::Key("indicators"),
                                Seg::Index(i),
                                Seg::Key("parts"),
                                Seg::Index(j),
                            ],
                            message,
                        )
                        .maybe_hint(
                            found
                                .is_none()
                                .then(|| {
                                    did_you_mean(id, indicator_index.keys().map(String::as_str))
                                })
                                .flatten(),
                        ),
                    );
                }
            }
        }
        // A partition with a part that did not resolve is not summed (no second error).
        if indicators[me].parts.len() != ids.len() {
            indicators[me].parts.clear();
        }
    }
    let unit = Unit {
        id: u.id,
        name: u.front.name,
        short_name: u.front.short_name,
        level: u.front.level,
        weight: u.front.weight,
        parent: None,
        children: Vec::new(),
        source: u.source,
        front_positions: u.front_positions,
        body_offset: u.body_offset,
        data_source: u.data_source,
        data_broken: u.data_broken,
        indicators,
        bulletins: Vec::new(),
        indicator_index,
        tasks: Vec::new(),
        departments: Vec::new(),
        tasks_source: u.tasks_source,
    };
    (unit, pending)
}

fn valid_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The most digits after the point an indicator may print (statistics publish 0 to 4).
pub const MAX_DECIMALS: u32 = 6;

/// Defaults by kind: amounts to 2 decimals, rates and shares to 1, counts and ranks to 0.
fn resolve_indicator(raw: RawIndicator, pos: usize) -> Indicator {
    let default_decimals = match raw.kind {
        Kind::Amount => 2,
        Kind::Rate | Kind::Share | Kind::Index => 1,
        Kind::Count | Kind::Rank => 0,
    };
    let convert = |v: RawValue| Value {
        value: v.value,
        growth: v.growth,
        revised: v.revised,
        confidential: v.confidential,
        note: v.note,
        unit: v.unit,
    };
    Indicator {
        decimals: raw.decimals.unwrap_or(default_decimals).min(MAX_DECIMALS),
        higher_is_better: raw.higher_is_better.unwrap_or(raw.kind != Kind::Rank),
        comparable: raw.growth_basis == Some(GrowthBasis::Comparable),
        values: raw.values.map(convert),
        ranks: raw
            .ranks
            .into_iter()
            .map(|r| Rank {
                period: r.period,
                scope: r.scope,
                position: r.position,
                peers: r.peers,
                by: r.by.unwrap_or(RankBasis::Level),
            })
            .collect(),
        target_notes: raw
            .targets
            .iter()
            .filter(|(_, t)| !t.note.is_empty())
            .map(|(p, t)| (*p, t.note.clone()))
            .collect(),
        targets: raw.targets.map(|t| t.target),
        parts: Vec::new(),
        share_of: None,
        accumulates: raw.accumulates,
        sum_of_children: raw.sum_of_children,
        id: raw.id,
        pos,
        name: raw.name,
        short_name: raw.short_name,
        aliases: raw.aliases,
        unit: raw.unit,
        kind: raw.kind,
        note: raw.note,
        source: raw.source,
        scope: raw.scope,
        peers: raw.peers,
    }
}

/// `share_of` names another indicator of the same unit; resolved once all are known.
fn resolve_share_of(unit: &mut Unit, share_of: &[(usize, usize, String)], diags: &mut Diagnostics) {
    for (i, me, of) in share_of {
        match unit.indicator_index.get(of) {
            Some(&total) => unit.indicators[*me].share_of = Some(total),
            None => {
                let Some(source) = &unit.data_source else {
                    continue;
                };
                diags.push(
                    data_error(
                        source,
                        Code::UnknownIndicator,
                        &[Seg::Key("indicators"), Seg::Index(*i), Seg::Key("share_of")],
                        text!(
                            "`share_of` names `{of}`, which is not an indicator of this unit",
                            "`share_of` 写的“{of}”不是本单位的指标"
                        ),
                    )
                    .maybe_hint(did_you_mean(of, unit.indicator_ids())),
                );
            }
        }
    }
}

/// The units shown in the site navigation: top-level ones, by weight then id, at most
/// [`NAV_MAX`] (a province site lists its cities on the home page, not in the header).
fn nav(units: &[Unit]) -> Vec<usize> {
    let mut top: Vec<usize> = (0..units.len())
        .filter(|&i| units[i].parent.is_none())
        .collect();
    top.sort_by(|&a, &b| {
        units[a]
            .weight
            .cmp(&units[b].weight)
            .then_with(|| units[a].id.cmp(&units[b].id))
    });
    top.truncate(NAV_MAX);
    top
}

pub const NAV_MAX: usize = 12;

fn link_parents(units: &mut [Unit], pending: &[Pending], index: &IdMap, diags: &mut Diagnostics) {
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(units.len());
    for i in 0..units.len() {
        let explicit = pending[i].parent.clone();
        let parent = match explicit {
            Some(p) => match index.get(&p) {
                Some(&j) => Some(j),
                _ => {
                    let u = &units[i];
                    diags.push(front_matter_error(
                        &u.source,
                        &u.front_positions,
                        &[Seg::Key("parent")],
                        reference::RefError::new(
                            Code::UnknownUnit,
                            text!("`{p}` is not a unit", "没有单位“{p}”"),
                        )
                        .hint(did_you_mean(&p, index.keys().map(String::as_str))),
                    ));
                    None
                }
            },
            None => {
                // The nearest enclosing folder that is a unit.
                let mut id = units[i].id.as_str();
                let mut found = None;
                while let Some((up, _)) = id.rsplit_once('/') {
                    if let Some(&j) = index.get(up) {
                        found = Some(j);
                        break;
                    }
                    id = up;
                }
                found
            }
        };
        parents.push(parent);
    }
    for cycle in parent_cycles(&parents) {
        // Report once, at the `parent:` line of the first unit (by id) that names one.
        let at = cycle
            .iter()
            .copied()
            .filter(|&c| pending[c].parent.is_some())
            .min_by(|&a, &b| units[a].id.cmp(&units[b].id))
            .unwrap_or(cycle[0]);
        let k = cycle.iter().position(|&c| c == at).unwrap_or(0);
        let mut names: Vec<String> = cycle[k..]
            .iter()
            .chain(&cycle[..k])
            .map(|&c| format!("`{}`", units[c].id))
            .collect();
        names.push(names[0].clone());
        diags.push(front_matter_error(
            &units[at].source,
            &units[at].front_positions,
            &[Seg::Key("parent")],
            reference::RefError::new(
                Code::UnknownUnit,
                text!(
                    "the units' parents form a cycle: {n}",
                    "这些单位的上级单位形成了循环：{n}",
                    n = names.join(" → ")
                ),
            )
            .expected(text!(
                "a parent that is not the unit itself nor one of its sub-units",
                "上级单位不能是它自己，也不能是它的下级单位"
            ))
            .hint(Some(text!(
                "remove `parent:` from one of these units' `_index.md`",
                "在其中一个单位的 `_index.md` 里删去 `parent:`"
            ))),
        ));
        // Cut the cycle, so that no walk up the parents (tasks, breadcrumbs) goes round it.
        for &c in &cycle {
            parents[c] = None;
        }
    }
    for (i, parent) in parents.into_iter().enumerate() {
        units[i].parent = parent;
        if let Some(p) = parent {
            units[p].children.push(i);
        }
    }
}

/// Every cycle in the parent links, each as the units met going up from one of them.
fn parent_cycles(parents: &[Option<usize>]) -> Vec<Vec<usize>> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; parents.len()];
    let mut cycles = Vec::new();
    for start in 0..parents.len() {
        let mut path = Vec::new();
        let mut i = start;
        loop {
            match state[i] {
                DONE => break,
                ON_PATH => {
                    let k = path.iter().position(|&x| x == i).unwrap_or(0);
                    cycles.push(path[k..].to_vec());
                    break;
                }
                _ => {}
            }
            state[i] = ON_PATH;
            path.push(i);
            match parents[i] {
                Some(p) => i = p,
                None => break,
            }
        }
        for x in path {
            state[x] = DONE;
        }
    }
    cycles
}

fn resolve_bulletin(site: &Site, b: LoadedBulletin, diags: &mut Diagnostics) -> Option<Bulletin> {
    let unit = site.unit(&b.unit_id)?;
    let Some(date) = Date::parse(&b.front.date) else {
        diags.push(front_matter_error(
            &b.source,
            &b.front_positions,
            &[Seg::Key("date")],
            reference::RefError::new(
                Code::FrontMatter,
                text!("`{d}` is not a date", "“{d}”不是日期", d = &b.front.date),
            )
            .expected(text!(
                "a date such as `2025-02-08`",
                "日期，如 `2025-02-08`"
            )),
        ));
        return None;
    };
    let published = match b.front.published.as_deref().map(|p| (p, Date::parse(p))) {
        None => date,
        Some((_, Some(p))) => p,
        Some((text, None)) => {
            diags.push(front_matter_error(
                &b.source,
                &b.front_positions,
                &[Seg::Key("published")],
                reference::RefError::new(
                    Code::FrontMatter,
                    text!("`{text}` is not a date", "“{text}”不是日期"),
                )
                .expected(text!(
                    "a date such as `2025-02-08`",
                    "日期，如 `2025-02-08`"
                )),
            ));
            date
        }
    };
    let time = if b.front.time.is_empty() {
        None
    } else {
        let time = parse_time(&b.front.time);
        if time.is_none() {
            diags.push(front_matter_error(
                &b.source,
                &b.front_positions,
                &[Seg::Key("time")],
                reference::RefError::new(
                    Code::FrontMatter,
                    text!(
                        "`{t}` is not a time of day",
                        "“{t}”不是时刻",
                        t = &b.front.time
                    ),
                )
                .expected(text!(
                    "hours and minutes, e.g. `09:30`",
                    "时和分，如 `09:30`"
                )),
            ));
        }
        time
    };
    if !layout_prints_every_field(&b, diags) {
        return None;
    }
    let colophon = colophon(&b, date, diags)?;
    let mut key_figures = Vec::new();
    for (i, text) in b.front.key_figures.iter().enumerate() {
        match reference::parse(text, site, Some(unit)) {
            Ok(r) => key_figures.push(r),
            Err(e) if e.cascade => {}
            Err(e) => diags.push(front_matter_error(
                &b.source,
                &b.front_positions,
                &[Seg::Key("key_figures"), Seg::Index(i)],
                e,
            )),
        }
    }
    Some(Bulletin {
        unit,
        slug: b.slug,
        title: b.front.title,
        kicker: b.front.kicker.0,
        subtitle: b.front.subtitle.0,
        date,
        period: b.front.period,
        layout: b.front.layout,
        byline: b.front.byline,
        source_line: b.front.source,
        summary: b.front.summary,
        key_figures,
        draft: b.front.draft,
        doc_number: b.front.doc_number,
        issuers: b.front.issuers.0,
        addressees: b.front.addressees,
        index_number: b.front.index_number,
        published,
        keywords: clean_lines(b.front.keywords.0),
        time,
        topic: b.front.topic.trim().to_string(),
        publisher: b.front.publisher.trim().to_string(),
        interprets: b.front.interprets,
        draft_mark: b.front.draft_mark,
        colophon,
        source: b.source,
        front_positions: b.front_positions,
        body_offset: b.body_offset,
        front_hash: b.front_hash,
    })
}

/// The 版记 a document's front matter gives (`Some(None)` when it gives none), or None
/// after an error: a 版记 always has its 印发机关 and 印发日期, the date is a date, and a
/// document is not printed before it is written.
fn colophon(b: &LoadedBulletin, date: Date, diags: &mut Diagnostics) -> Option<Option<Colophon>> {
    let f = &b.front;
    if f.cc.0.is_empty() && f.printed_by.is_empty() && f.printed_on.is_none() {
        return Some(None);
    }
    // at the value of a bad date, at the key of a part that is there
    let error = |key: &str, message: Text, expected: Text| {
        let at = if key == "printed_on" {
            Seg::Key(key)
        } else {
            Seg::KeyNamed(key)
        };
        front_matter_error(
            &b.source,
            &b.front_positions,
            &[at],
            reference::RefError::new(Code::FrontMatter, message).expected(expected),
        )
    };
    // a missing part is reported at the part of the 版记 that is there
    let given = if !f.printed_by.is_empty() {
        "printed_by"
    } else if f.printed_on.is_some() {
        "printed_on"
    } else {
        "cc"
    };
    let Some(text) = f.printed_on.as_deref() else {
        diags.push(error(
            given,
            text!(
                "the 版记 has no 印发日期: `printed_on` is missing",
                "版记缺少印发日期：没有 `printed_on`"
            ),
            text!(
                "`printed_on: 2024-02-19` beside `printed_by`",
                "在 `printed_by` 旁写 `printed_on: 2024-02-19`"
            ),
        ));
        return None;
    };
    let Some(printed_on) = Date::parse(text) else {
        diags.push(error(
            "printed_on",
            text!("`{text}` is not a date", "“{text}”不是日期"),
            text!("a date such as `2025-02-08`", "日期，如 `2025-02-08`"),
        ));
        return None;
    };
    if f.printed_by.trim().is_empty() {
        diags.push(error(
            given,
            text!(
                "the 版记 has no 印发机关: `printed_by` is missing",
                "版记缺少印发机关：没有 `printed_by`"
            ),
            text!(
                "`printed_by:` the office that prints it, such as `区委办公室`",
                "`printed_by:` 写印发机关，如 `区委办公室`"
            ),
        ));
        return None;
    }
    if printed_on < date {
        diags.push(error(
            "printed_on",
            text!(
                "the 印发日期 {p} is before the document is written ({d})",
                "印发日期{p}早于成文日期（{d}）",
                p = printed_on.label(),
                d = date.label()
            ),
            text!("a date on or after `date:`", "不早于 `date:` 的日期"),
        ));
        return None;
    }
    Some(Some(Colophon {
        cc: f
            .cc
            .0
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        printed_by: f.printed_by.trim().to_string(),
        printed_on,
    }))
}

/// The marks a document published before its final form carries beside its title.
const DRAFT_MARKS: [&str; 6] = ["征求意见稿", "送审稿", "讨论稿", "审议稿", "修订稿", "草案"];

/// A layout shows what the user gave it or refuses it (issue 13, point 17): a front-matter
/// field the bulletin's layout does not print is an error naming the layouts that do, and
/// a draft mark must be one documents use. Which layout prints what follows the news
/// theme's templates (bulletin.html, document.html, plan.html); `title`, `date`,
/// `period`, `summary` (the meta description), `draft` and `interprets` are printed by
/// all three.
fn layout_prints_every_field(b: &LoadedBulletin, diags: &mut Diagnostics) -> bool {
    use Layout::{Document, News, Plan};
    let f = &b.front;
    let given: [(&str, bool, &[Layout]); 16] = [
        ("kicker", !f.kicker.0.is_empty(), &[News, Plan]),
        ("subtitle", !f.subtitle.0.is_empty(), &[News, Plan]),
        ("byline", !f.byline.is_empty(), &[News]),
        ("source", !f.source.is_empty(), &[News, Plan]),
        ("key_figures", !f.key_figures.is_empty(), &[News, Plan]),
        ("doc_number", !f.doc_number.is_empty(), &[Document, Plan]),
        ("issuers", !f.issuers.0.is_empty(), &[Document, Plan]),
        ("addressees", !f.addressees.is_empty(), &[Document, Plan]),
        (
            "index_number",
            !f.index_number.is_empty(),
            &[Document, Plan],
        ),
        ("published", f.published.is_some(), &[Document, Plan]),
        ("topic", !f.topic.is_empty(), &[Document, Plan]),
        ("publisher", !f.publisher.is_empty(), &[Document, Plan]),
        ("draft_mark", !f.draft_mark.is_empty(), &[Document, Plan]),
        ("cc", !f.cc.0.is_empty(), &[Document]),
        ("printed_by", !f.printed_by.is_empty(), &[Document]),
        ("printed_on", f.printed_on.is_some(), &[Document]),
    ];
    let name = |l: &Layout| match l {
        News => "news",
        Document => "document",
        Plan => "plan",
    };
    let mut ok = true;
    for (key, present, layouts) in given {
        if present && !layouts.contains(&f.layout) {
            let list: Vec<String> = layouts
                .iter()
                .map(|l| format!("`layout: {}`", name(l)))
                .collect();
            diags.push(front_matter_error(
                &b.source,
                &b.front_positions,
                &[Seg::KeyNamed(key)],
                reference::RefError::new(
                    Code::FrontMatter,
                    text!(
                        "`layout: {l}` does not print `{key}`: it would be dropped from the page",
                        "`layout: {l}` 不显示 `{key}`：页面上会漏掉它",
                        l = name(&f.layout)
                    ),
                )
                .expected(text!(
                    "a layout that prints it: {e}",
                    "显示它的版式：{z}",
                    e = list.join(" or "),
                    z = list.join("或")
                ))
                .hint(Some(text!(
                    "remove `{key}:`, or change the layout",
                    "删去 `{key}:`，或换一种版式"
                ))),
            ));
            ok = false;
        }
    }
    if !f.draft_mark.is_empty() && !DRAFT_MARKS.contains(&f.draft_mark.as_str()) {
        diags.push(front_matter_error(
            &b.source,
            &b.front_positions,
            &[Seg::Key("draft_mark")],
            reference::RefError::new(
                Code::FrontMatter,
                text!(
                    "`{m}` is not a draft mark documents use",
                    "“{m}”不是公文使用的稿本标记",
                    m = &f.draft_mark
                ),
            )
            .expected(text!("one of {l}", "{l}之一", l = DRAFT_MARKS.join("、"))),
        ));
        ok = false;
    }
    ok
}

/// An error about the front matter of `source`'s file, at `path` in it (the value of a
/// key, an item of a list, or the key itself: [`Seg::KeyNamed`]).
fn front_matter_error(
    source: &SourceFile,
    positions: &Positions,
    path: &[Seg<'_>],
    e: reference::RefError,
) -> Diagnostic {
    let mut d = Diagnostic::error(e.code, &source.path, e.message).maybe_hint(e.hint);
    if let Some(expected) = e.expected {
        d = d.expected(expected);
    }
    d.at(positions.locate(path).unwrap_or(Position::new(1, 1)))
}

fn data_error(
    file: &YamlFile,
    code: Code,
    path: &[Seg<'_>],
    message: impl Into<Text>,
) -> Diagnostic {
    file.locate_diagnostic(Diagnostic::error(code, &file.path, message), path)
}
