//! The one pipeline, shared by `build`, `check` and `serve`:
//!
//! ```text
//! prepare   load → resolve → validate → theme; fingerprints of every input
//! plan      the artifacts of the site: every page and every static file (plan.rs)
//! make      in parallel, each artifact whose recorded inputs changed: render (pure),
//!           cross-check, template link net, hand the bytes to the Output's sink;
//!           the others are reused as they are
//! links     the link check over every artifact's recorded links and ids
//! ```
//!
//! `build` writes through the disk sink and keeps the records for the next build
//! ([`record::Cache`]); `check` renders into no sink; `serve` keeps the records between
//! edits and writes through the memory sink. Adding a kind of artifact is one entry in
//! [`plan`] and one arm in [`Engine::make`].

pub(crate) mod plan;
pub(crate) mod record;
pub(crate) mod search;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Stages;
use crate::check::{self, crosscheck};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::figures::{PageFigures, SiteFigures};
use crate::load;
pub(crate) use crate::load::Bodies;
use crate::model::{Input, Site};
use crate::output::Output;
use crate::render::{self, Page, Theme};
pub(crate) use plan::Plan;
pub(crate) use record::{Fingerprints, Record};

/// A site ready to render.
pub(crate) struct Engine {
    pub root: PathBuf,
    pub drafts: bool,
    pub site: Site,
    pub theme: Theme,
    pub cross: crosscheck::Index,
    pub prints: Fingerprints,
    /// The texts pages are made from, and the policy of keeping or reading them again.
    pub sources: load::Sources,
    /// Whether pages are also linted for phrasing (`check::phrasing`): `check` and
    /// `serve` do; `build` does not (style warnings are `check`'s, issue 15, point 5,
    /// and the lint was 8% of a build's instructions).
    pub lint: bool,
    /// The bigrams of the search index, kept as the bulletins' texts for it are made
    /// and read back a group of shards at a time ([`search::Store`]).
    pub search: search::Store,
}

impl Engine {
    /// load → resolve → validate → theme; None when there is nothing sound to render.
    /// A run that ends after this site (`build`, `check`) may drop its positions tables
    /// ([`Site::release_positions`](crate::model::Site::release_positions)); `serve` keeps
    /// them to check the site again after edits.
    pub fn prepare(
        root: &Path,
        drafts: bool,
        bodies: load::Bodies,
        diags: &mut Diagnostics,
        stages: &mut Stages,
    ) -> Option<Engine> {
        let none = (
            &load::parsed::Parsed::default(),
            &load::parsed::Sink::none(),
        );
        Engine::prepare_cached(root, drafts, bodies, none, diags, stages)
    }

    /// [`Engine::prepare`] for `serve`'s preview, which prints no PDF (seconds a document)
    /// and makes no search index (at 10,000 bulletins its 2,048 shards were 230 ms of
    /// work after every edit and 40 MiB of serve's memory, for a search nobody runs in a
    /// preview): the site as if site.yaml said `pdf: false` and `search: false`, so its
    /// pages link neither. `build` makes both.
    pub fn prepare_preview(
        root: &Path,
        drafts: bool,
        bodies: load::Bodies,
        diags: &mut Diagnostics,
    ) -> Option<Engine> {
        let none = (
            &load::parsed::Parsed::default(),
            &load::parsed::Sink::none(),
        );
        let stages = &mut Stages::default();
        Engine::prepare_as(root, drafts, bodies, none, true, diags, stages)
    }

    /// [`Engine::prepare`], taking each data.yaml the last build read from the cache and
    /// writing what it reads into the sink, for the next build (`build`).
    pub fn prepare_cached(
        root: &Path,
        drafts: bool,
        bodies: load::Bodies,
        cache: (&load::parsed::Parsed, &load::parsed::Sink),
        diags: &mut Diagnostics,
        stages: &mut Stages,
    ) -> Option<Engine> {
        Engine::prepare_as(root, drafts, bodies, cache, false, diags, stages)
    }

    fn prepare_as(
        root: &Path,
        drafts: bool,
        bodies: load::Bodies,
        cache: (&load::parsed::Parsed, &load::parsed::Sink),
        preview: bool,
        diags: &mut Diagnostics,
        stages: &mut Stages,
    ) -> Option<Engine> {
        // A template that runs away ends the run; the output is left as it was.
        render::theme::watchdog::before_exit(crate::output::abandon);
        let mut loaded = load::load_cached(root, bodies, cache, diags)?;
        let sources = std::mem::take(&mut loaded.sources);
        stages.done("load");
        let mut site = crate::model::resolve(loaded, drafts, diags);
        if preview {
            site.config.pdf = false;
            site.config.search = false;
        }
        stages.done("resolve");
        check::validate(&site, diags);
        stages.done("validate");
        // Where `theme:` is written, for an unknown theme's error.
        let theme_at = site.config.file.locate(&[load::locate::Seg::Key("theme")]);
        let mut theme = load_theme(
            root,
            &site.config.theme,
            theme_at,
            &site.config.language,
            diags,
        )?;
        theme.set_site(&site);
        let prints = Fingerprints::of(&site, &theme, drafts);
        stages.done("theme");
        Some(Engine {
            root: root.to_path_buf(),
            drafts,
            cross: crosscheck::Index::new(&site),
            site,
            theme,
            prints,
            sources,
            lint: true,
            search: search::Store::memory(),
        })
    }

    pub fn plan(&self, diags: &mut Diagnostics) -> Plan {
        plan::plan(&self.site, &self.theme, diags)
    }

    /// Makes the pages of `plan` into `out` in parallel, each one unless `previous`
    /// holds a record of it whose inputs are unchanged and the sink still has it (the
    /// page is then kept as it is, and its recorded diagnostics reported again). Returns
    /// the records of the pages made; a page planned with none was kept, unless an error
    /// says why it could not be made.
    pub fn make_pages(
        &self,
        plan: &Plan,
        previous: &HashMap<String, Record>,
        out: &Output,
        progress: &dyn crate::Progress,
        diags: &mut Diagnostics,
    ) -> Vec<Record> {
        progress.start(plan.pages.len());
        let dirs: Vec<Diagnostics> = plan
            .dirs
            .par_iter()
            .map(|dir| {
                let mut d = Diagnostics::default();
                if let Err(e) = out.make_dir(dir) {
                    d.push(e);
                }
                d
            })
            .collect();
        dirs.into_iter().for_each(|d| diags.extend(d));
        let shared = SiteFigures::default();
        let make = |pages: &[&(String, Page)]| -> Vec<(Option<Record>, Diagnostics)> {
            pages
                .par_iter()
                // One page buffer a worker, reused: pages go from Tera to the sink as bytes.
                .map_init(Vec::new, |html, (path, page)| {
                    let _done = PageDone(progress);
                    let mut d = Diagnostics::default();
                    if let Some(old) = previous.get(path)
                        && self.prints.unchanged(old)
                        && out.reuse(path, old.stamp)
                    {
                        old.diags.iter().cloned().for_each(|x| d.push(x));
                        return (None, d);
                    }
                    html.clear();
                    let record = self.make_page(path, *page, out, html, &shared, &mut d);
                    (record, d)
                })
                .collect()
        };
        // The search page and its index after every other page, and not at all when a
        // page failed (the run fails: a failing build costs what it did without them);
        // the shards last, from the bigrams the bulletins' texts for the search gave.
        let (search, pages): (Vec<_>, Vec<_>) =
            plan.pages.iter().partition(|(_, page)| page.is_search());
        let made = make(&pages);
        // (not appended to `made`: a second copy of every page's result)
        let (texts, shards) = if made.iter().any(|(_, d)| d.has_errors()) {
            (Vec::new(), Vec::new())
        } else {
            let (shards, texts): (Vec<_>, Vec<_>) = search
                .into_iter()
                .partition(|(_, page)| matches!(page, Page::SearchShard(_)));
            let texts = make(&texts);
            let shards = if texts.iter().any(|(_, d)| d.has_errors()) {
                Vec::new()
            } else {
                self.make_shards(&shards, previous, out, progress)
            };
            (texts, shards)
        };
        let mut records = Vec::with_capacity(made.len() + texts.len() + shards.len());
        for (record, d) in made.into_iter().chain(texts).chain(shards) {
            diags.extend(d);
            records.extend(record);
        }
        records
    }

    /// Renders one page, cross-checks it, and hands it to `out`; its record, or None (and
    /// why, in `diags`) when it could not be made.
    pub(crate) fn make_page<'s>(
        &'s self,
        path: &str,
        page: Page,
        out: &Output,
        html: &mut Vec<u8>,
        shared: &'s SiteFigures<'s>,
        diags: &mut Diagnostics,
    ) -> Option<Record> {
        let text = match self.page_text(page) {
            Ok(text) => text,
            Err(e) => {
                diags.push(e);
                return None;
            }
        };
        self.make_page_from(path, page, &text, out, html, shared, diags)
    }

    /// [`Engine::make_page`] from `text`, the text the page is made from.
    #[allow(clippy::too_many_arguments)] // reason: make_page's, and the text it read
    fn make_page_from<'s>(
        &'s self,
        path: &str,
        page: Page,
        text: &str,
        out: &Output,
        html: &mut Vec<u8>,
        shared: &'s SiteFigures<'s>,
        diags: &mut Diagnostics,
    ) -> Option<Record> {
        let (site, theme) = (&self.site, &self.theme);
        let mut d = Diagnostics::default();
        // One store of the page's figures: the commentary, key figures, tables and the
        // cross-check print and compare the same ones.
        let figures = PageFigures::sharing(shared);
        let rendered = render::render_page(site, theme, page, text, &figures, &mut d, html);
        let Some(mut rendered) = rendered else {
            diags.extend(d);
            return None;
        };
        if let Page::SearchDoc(b) = page {
            self.search.add(
                search::doc_id(site, b),
                &std::mem::take(&mut rendered.bigrams),
            );
        }
        if let Page::Bulletin(b) = page {
            let bulletin = &site.bulletins[b];
            let tasks = site.units[bulletin.unit]
                .tasks_source
                .as_ref()
                .map(|f| self.sources.kept_yaml(f));
            crosscheck::check_bulletin(site, &self.cross, bulletin, text, tasks, &figures, &mut d);
            if self.lint {
                check::phrasing::check_bulletin(site, bulletin, text, &figures, &mut d);
            }
            // What the cross-check compares the commentary with.
            let unit = &site.units[bulletin.unit];
            rendered.inputs.push(Input::Tasks(unit.id.clone()));
            rendered.inputs.extend(
                unit.children
                    .iter()
                    .map(|&c| Input::Data(site.units[c].id.clone())),
            );
        }
        // Commentary reports its own addresses, located; the page's net is for what a
        // site's own templates print.
        if !theme.all_built_in && page.is_html() && !d.iter().any(|x| x.code == Code::UnsafeLink) {
            let source = render::page_source(site, page, rendered.template);
            check::links::check_page(html, &source, rendered.template, &mut d);
        }
        // A page with an error is still made and recorded (the link check reads its
        // links): the build fails, and serve swaps nothing in.
        let kept: Vec<Diagnostic> = d.iter().cloned().collect();
        diags.extend(d);
        let stamp = match out.write(path, html) {
            Ok(stamp) => stamp,
            Err(e) => {
                diags.push(e);
                return None;
            }
        };
        rendered.inputs.sort_unstable();
        rendered.inputs.dedup();
        let mut inputs = self.prints.stamp(rendered.inputs);
        if let Page::Bulletin(b) = page {
            // The text the page was made from, which may be newer than the one loaded.
            let key = Input::Bulletin(site.bulletin_key(b));
            let made_from = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
            for (input, f) in &mut inputs {
                if *input == key {
                    *f = Some(made_from);
                }
            }
        }
        Some(Record {
            page: crate::links::PageLinks {
                path: path.to_string(),
                ids: crate::links::ids(html),
                links: rendered.links,
            },
            inputs,
            diags: kept,
            stamp,
        })
    }

    /// Re-reads bulletins one by one into the site — (unit index, slug, file on disk; the
    /// file may be gone) — and takes the fingerprints of their inputs again; returns the
    /// inputs that changed. `serve`'s edit of the day: no re-read of the whole site.
    pub fn reread_bulletins(
        &mut self,
        bulletins: Vec<(usize, String, PathBuf)>,
        diags: &mut Diagnostics,
    ) -> Vec<Input> {
        let mut came_or_went = false;
        let mut touched = vec![Input::List(None), Input::Search, Input::Dates];
        for (unit, slug, file) in bulletins {
            let unit_id = self.site.units[unit].id.clone();
            let key = format!("{unit_id}/{slug}");
            touched.extend([
                Input::Bulletin(key.clone()),
                Input::Front(key),
                Input::List(Some(unit_id.clone())),
                Input::Relations(unit_id.clone()),
            ]);
            let before = self.site.bulletin_index(&unit_id, &slug).is_some();
            // Read again when its page is made.
            self.sources
                .forget(&crate::diagnostic::relative(&self.root, &file));
            let loaded = if file.is_file() {
                load::load_bulletin(
                    &self.root,
                    &unit_id,
                    &file,
                    false,
                    (
                        &load::parsed::Parsed::default(),
                        &load::parsed::Sink::none(),
                    ),
                    diags,
                )
            } else {
                None
            };
            self.site
                .replace_bulletin(unit, &slug, loaded, self.drafts, diags);
            came_or_went |= before != self.site.bulletin_index(&unit_id, &slug).is_some();
        }
        if came_or_went {
            // The data rules did not change; the output paths did.
            check::validate(&self.site, diags);
        }
        touched.sort_unstable();
        touched.dedup();
        self.prints.update(&self.site, touched)
    }

    /// Whether the site has a page at output path `path`.
    pub fn has_page(&self, path: &str) -> bool {
        Page::at(&self.site, path).is_some()
    }

    /// Makes the pages at output paths `paths` (paths the site has no page at are
    /// skipped) into `out`, in parallel; returns their records.
    pub fn make_at(
        &self,
        paths: impl IntoIterator<Item = String>,
        out: &Output,
        diags: &mut Diagnostics,
    ) -> Vec<Record> {
        let pages: Vec<(String, Page)> = paths
            .into_iter()
            .filter_map(|path| Page::at(&self.site, &path).map(|page| (path, page)))
            .collect();
        let (shards, pages): (Vec<_>, Vec<_>) = pages
            .iter()
            .partition(|(_, page)| matches!(page, Page::SearchShard(_)));
        let shared = SiteFigures::default();
        let mut made: Vec<(Option<Record>, Diagnostics)> = pages
            .par_iter()
            .map_init(Vec::new, |html, (path, page)| {
                let mut d = Diagnostics::default();
                html.clear();
                let record = self.make_page(path, *page, out, html, &shared, &mut d);
                (record, d)
            })
            .collect();
        if !shards.is_empty() {
            made.extend(self.make_shards(&shards, &HashMap::new(), out, &crate::Silent));
        }
        let mut records = Vec::with_capacity(made.len());
        for (record, d) in made {
            diags.extend(d);
            records.extend(record);
        }
        records
    }

    /// The text a page is made from: a bulletin's whole file (read again when only its
    /// front matter is kept), a unit's `_index.md`, `content/_index.md`.
    pub(crate) fn page_text(&self, page: Page) -> Result<Cow<'_, str>, Box<Diagnostic>> {
        let site = &self.site;
        Ok(match page {
            Page::Home => Cow::Borrowed(
                site.home
                    .source
                    .as_ref()
                    .map_or("", |s| self.sources.kept(s)),
            ),
            Page::Unit(u) => Cow::Borrowed(self.sources.kept(&site.units[u].source)),
            Page::Bulletin(b) | Page::SearchDoc(b) => {
                let b = &site.bulletins[b];
                self.sources
                    .bulletin(&b.source, b.body_offset, b.front_hash)?
            }
            // the index's files are made by `make_shards`, from the bigrams of every
            // bulletin; the rest are not of one source file
            Page::SearchShard(_)
            | Page::NotFound
            | Page::Search
            | Page::SearchMeta
            | Page::Sitemap(_)
            | Page::Robots
            | Page::Feed(_) => Cow::Borrowed(""),
        })
    }

    /// Makes the index's shards of `shards` (after every other page): those whose
    /// record in `previous` shows them unchanged are kept; the others a group of shards
    /// at a time, in parallel, each group from its buckets of the store alone. A
    /// bulletin whose bigrams the store lacks (its text for the search was kept, the
    /// store was not) is counted from its text first.
    fn make_shards(
        &self,
        shards: &[&(String, Page)],
        previous: &HashMap<String, Record>,
        out: &Output,
        progress: &dyn crate::Progress,
    ) -> Vec<(Option<Record>, Diagnostics)> {
        let site = &self.site;
        let mut made = Vec::new();
        let mut todo = Vec::new();
        for (path, page) in shards {
            let Page::SearchShard(i) = *page else {
                continue;
            };
            if let Some(old) = previous.get(path)
                && self.prints.unchanged(old)
                && out.reuse(path, old.stamp)
            {
                let _done = PageDone(progress);
                let mut d = Diagnostics::default();
                old.diags.iter().cloned().for_each(|x| d.push(x));
                made.push((None, d));
            } else {
                todo.push((path, i));
            }
        }
        if todo.is_empty() {
            return made;
        }
        let ids = search::doc_ids(site);
        let missing: Vec<usize> = (0..ids.len())
            .filter(|&b| !self.search.has(ids[b]))
            .collect();
        missing.par_iter().for_each(|&b| {
            // A text that cannot be read is reported by its own pages.
            let text = self.page_text(Page::Bulletin(b)).unwrap_or_default();
            let body = text.get(site.bulletins[b].body_offset..).unwrap_or("");
            let doc = render::search::doc(site, b, body, render::search::sentences(body));
            self.search.add(ids[b], &render::search::counted(&doc));
        });
        let docs: foldhash::HashMap<u64, u32> =
            (0u32..).zip(&ids).map(|(n, &id)| (id, n)).collect();
        let count = render::search::shard_count(site.bulletins.len());
        let groups = count.min(search::BUCKETS);
        let mut by_group = vec![Vec::new(); groups as usize];
        for (path, i) in todo {
            by_group[(i % groups) as usize].push((path, i));
        }
        self.search.begin();
        let shared = SiteFigures::default();
        let done: Vec<Vec<_>> = by_group
            .par_iter()
            .enumerate()
            // a thread's buffers, kept from one group to the next
            .map_init(
                || (search::Scratch::default(), String::new(), Vec::new()),
                |(scratch, text, html), (g, todo)| {
                    let g = u32::try_from(g).unwrap_or(u32::MAX);
                    self.search.postings(g, groups, count, &docs, scratch);
                    let postings = &scratch.postings;
                    todo.iter()
                        .map(|&(path, i)| {
                            let _done = PageDone(progress);
                            let from = postings.partition_point(|&p| search::posting_shard(p) < i);
                            let to = postings.partition_point(|&p| search::posting_shard(p) <= i);
                            let list = postings[from..to].iter().map(|&p| search::posting_parts(p));
                            text.clear();
                            render::search::shard_js(i, list, text);
                            let mut d = Diagnostics::default();
                            html.clear();
                            let page = Page::SearchShard(i);
                            let record =
                                self.make_page_from(path, page, text, out, html, &shared, &mut d);
                            (record, d)
                        })
                        .collect()
                },
            )
            .collect();
        self.search.end(&docs);
        made.extend(done.into_iter().flatten());
        made
    }

    /// The bytes of static file `file`.
    pub fn static_bytes<'a>(
        &'a self,
        file: &load::boundary::StaticFile,
    ) -> Result<Cow<'a, [u8]>, Box<Diagnostic>> {
        match &file.from {
            load::boundary::From::Theme(i) => Ok(Cow::Borrowed(&self.theme.statics[*i].1)),
            load::boundary::From::Site(rel) => std::fs::read(self.root.join(rel))
                .map(Cow::Owned)
                .map_err(|e| {
                    Box::new(Diagnostic::error(
                        Code::Io,
                        rel,
                        crate::lang::cannot("cannot read the file", "无法读取文件", &e),
                    ))
                }),
        }
    }

    /// Writes every static file of `plan` into `out`; returns how many.
    pub fn make_statics(&self, plan: &Plan, out: &Output, diags: &mut Diagnostics) -> usize {
        let mut written = 0;
        for file in &plan.statics {
            match self
                .static_bytes(file)
                .and_then(|bytes| out.write(&file.out, &bytes))
            {
                Ok(_) => written += 1,
                Err(e) => diags.push(e),
            }
        }
        written
    }
}

/// The link check over the records of every page, against `files`, every output path the
/// plan writes ([`Plan::files`]).
pub(crate) fn check_links<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    files: &HashSet<String>,
    diags: &mut Diagnostics,
) {
    let pages: Vec<&crate::links::PageLinks> = records.into_iter().map(|r| &r.page).collect();
    check::links::check(&pages, files, diags);
}

/// The theme `name` of the site at `root` (typed in site.yaml at `name_at`), read and
/// built, with its strings in `language`.
pub(crate) fn load_theme(
    root: &Path,
    name: &str,
    name_at: Option<crate::diagnostic::Position>,
    language: &str,
    diags: &mut Diagnostics,
) -> Option<Theme> {
    Theme::build(
        load::theme::read(root, name, name_at, language, diags)?,
        diags,
    )
}

/// The link check over `pages`, against the output paths in `files`.
pub(crate) fn check_page_links(
    pages: &[&crate::links::PageLinks],
    files: &HashSet<String>,
    diags: &mut Diagnostics,
) {
    check::links::check(pages, files, diags);
}

/// Tells the progress reporter a page is done, however its making ended.
struct PageDone<'a>(&'a dyn crate::Progress);

impl Drop for PageDone<'_> {
    fn drop(&mut self) {
        self.0.page();
    }
}
