//! Disk → raw: finds `site.yaml`, the units, their `data.yaml` and bulletins under
//! `content/`, reads them (in parallel) and deserialises them into the serde structs of
//! [`raw`], recording where each YAML value is ([`locate::Positions`]: what the model
//! keeps of a YAML file instead of its text, [`YamlFile`]). A unit's spreadsheet
//! (`data.csv`, `data.xlsx`…) is read by [`sheet`] and merged into its raw data
//! ([`sheet::merge`]); where each of its figures is goes with `data.yaml`'s positions
//! ([`YamlFile::place`]). Problems become located diagnostics (a file that is not UTF-8, or holds a
//! NUL byte, is refused at the byte); nothing here knows what an indicator means or
//! whether a reference resolves (that is `model`). What of `content/` and `static/` may
//! be read or published, and that no symbolic link leads out of the site, is
//! [`boundary`]'s.

pub mod boundary;
pub mod locate;
pub mod parsed;
pub mod raw;
pub mod sheet;
pub mod sources;
pub mod theme;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, relative};
use crate::lang::{Text, cannot};
use raw::{RawBulletin, RawData, RawHome, RawSite, RawUnit};

/// A text file of the site, its path relative to the site root.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    /// Of the whole file as read (it stays when the text is cut or released): how a
    /// later run tells whether the file changed.
    pub hash: u128,
}

/// A YAML file of the site as the model keeps it: its path and where each of its values
/// is ([`locate::Positions`], recorded while loading), not its text.
#[derive(Debug, Clone)]
pub struct YamlFile {
    pub path: PathBuf,
    pub positions: locate::Positions,
    /// Of the whole file as read ([`Source::hash`]): how a later run tells whether it
    /// changed. For a unit's `data.yaml` with a spreadsheet beside it, of both files.
    pub hash: u128,
    /// For a unit's `data.yaml`: where the figures taken from its spreadsheet are. Kept
    /// when `positions` is released (the cross-check names their cells).
    pub sheet: Option<Box<sheet::merge::SheetPlaces>>,
}

impl YamlFile {
    fn new(source: &Source, positions: locate::Positions) -> YamlFile {
        YamlFile {
            path: source.path.clone(),
            positions,
            hash: source.hash,
            sheet: None,
        }
    }

    /// Where the value at `path` is, or the deepest node found on the way.
    pub fn locate(&self, path: &[locate::Seg<'_>]) -> Option<crate::diagnostic::Position> {
        self.positions.locate(path)
    }

    /// `data.yaml:57:13` when the node at `path` is written in the file (a path the file
    /// does not hold locates at its deepest ancestor, which is not it).
    pub(crate) fn written(&self, path: &[locate::Seg<'_>]) -> Option<String> {
        let (last, parent) = path.split_last()?;
        let at = self.positions.locate(path)?;
        let held =
            !matches!(last, locate::Seg::KeyNamed(_)) && self.positions.locate(parent) != Some(at);
        held.then(|| format!("{}:{}:{}", self.path.display(), at.line, at.col))
    }

    /// The file and position a diagnostic about the node at `path` names: for a figure
    /// taken from the unit's spreadsheet (`indicators/i/values/2024…`), its cell
    /// (`data.xlsx:主要指标!D7`, or `data.csv` at a line and column); else this file at
    /// the node, or at the deepest node found on the way.
    pub fn place(
        &self,
        path: &[locate::Seg<'_>],
    ) -> (PathBuf, Option<crate::diagnostic::Position>) {
        if let (
            Some(sheet),
            [
                locate::Seg::Key("indicators"),
                locate::Seg::Index(i),
                rest @ ..,
            ],
        ) = (&self.sheet, path)
            && let Some(place) = sheet.find(*i, rest)
            && self.written(path).is_none()
        {
            return place.shown();
        }
        (self.path.clone(), self.locate(path))
    }

    /// `d` at [`YamlFile::place`] of `path`.
    pub fn locate_diagnostic(
        &self,
        d: crate::diagnostic::Diagnostic,
        path: &[locate::Seg<'_>],
    ) -> crate::diagnostic::Diagnostic {
        let (file, position) = self.place(path);
        let d = crate::diagnostic::Diagnostic { file, ..d };
        match position {
            Some(p) => d.at(p),
            None => d,
        }
    }
}

pub use sources::{SourceFile, Sources};

impl Source {
    /// The file as the model keeps it.
    pub fn file(&self) -> SourceFile {
        SourceFile {
            path: self.path.clone(),
            hash: self.hash,
        }
    }
}

#[derive(Debug)]
pub struct LoadedHome {
    pub front: RawHome,
    pub source: Option<SourceFile>,
    /// Where the values of its front matter are.
    pub front_positions: locate::Positions,
    pub body_offset: usize,
}

#[derive(Debug)]
pub struct LoadedUnit {
    /// Folder path under `content/`, `/`-separated: the unit's id.
    pub id: String,
    pub front: RawUnit,
    pub source: SourceFile,
    /// Where the values of its front matter are.
    pub front_positions: locate::Positions,
    pub body_offset: usize,
    pub data: Option<RawData>,
    pub data_source: Option<YamlFile>,
    /// `data.yaml` exists but could not be loaded (already reported).
    pub data_broken: bool,
    pub tasks: Option<raw::RawTasks>,
    pub tasks_source: Option<YamlFile>,
}

#[derive(Debug)]
pub struct LoadedBulletin {
    pub unit_id: String,
    pub slug: String,
    pub front: RawBulletin,
    pub source: SourceFile,
    /// Of its front matter (the text up to `body_offset`): what other pages show of it.
    pub front_hash: u128,
    /// Where the values of its front matter are.
    pub front_positions: locate::Positions,
    pub body_offset: usize,
    /// The whole text, when it is to be kept ([`Bodies`]); the loader moves it into the
    /// [`Sources`] store.
    pub text: Option<String>,
}

/// Whether bulletins' commentary stays in memory between loading and rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    /// Every file whole (tests).
    #[cfg(test)]
    Keep,
    /// `build` and `check` keep the commentary of the first bulletins loaded, up to
    /// [`KEPT_COMMENTARY`] bytes, and only the front matter (lists need it) of the rest,
    /// which are read again when their page is rendered: a province's 100,000 bulletins
    /// are 450 MB of commentary, while opening and reading a file a second time costs
    /// ~14 µs on these machines, 7% of a 10,000-bulletin build (ARCHITECTURE.md, "Performance").
    Reread,
    /// `serve` keeps no commentary: it lives for hours, and a page is made again only
    /// after its file changed, when it is read anyway.
    Front,
}

/// How much commentary [`Bodies::Reread`] keeps in memory from loading to rendering: all of
/// a 10,000-bulletin site's 43 MB, for ~10 MB more resident memory than a 32 MB budget,
/// where reading the quarter past 32 MB again was 5% of the build's CPU time.
pub const KEPT_COMMENTARY: usize = 64 << 20;

#[derive(Debug)]
pub struct LoadedSite {
    pub root: PathBuf,
    pub site: RawSite,
    pub site_file: YamlFile,
    pub home: LoadedHome,
    pub units: Vec<LoadedUnit>,
    pub bulletins: Vec<LoadedBulletin>,
    /// Files under `content/` that are neither Markdown nor `data.yaml` (images, PDFs),
    /// copied beside the pages; paths relative to `content/`. Only kinds on
    /// [`boundary::CONTENT_KINDS`].
    pub assets: Vec<PathBuf>,
    /// Other files of `content/`, held back (each with a note); editor, backup and
    /// hidden files are not even listed.
    pub held: Vec<PathBuf>,
    /// The texts kept: the engine takes the store before the site is resolved.
    pub sources: Sources,
}

/// What one folder under `content/` holds.
#[derive(Default)]
struct Folder {
    rel: String,
    index: Option<PathBuf>,
    data: Option<PathBuf>,
    /// Its spreadsheets of figures ([`sheet::SHEET_FILES`]): one is read.
    sheets: Vec<PathBuf>,
    tasks: Option<PathBuf>,
    bulletins: Vec<PathBuf>,
}

/// Loads the site at `root` with no parse cache (tests; the engine calls
/// [`load_cached`]).
#[cfg(test)]
pub fn load(root: &Path, bodies: Bodies, diags: &mut Diagnostics) -> Option<LoadedSite> {
    let none = (&parsed::Parsed::default(), &parsed::Sink::none());
    load_keeping(root, bodies, KEPT_COMMENTARY, none, diags)
}

/// Loads the site, taking each data.yaml whose text the last build read from `cache`,
/// and writing each data.yaml read into `sink` for the next build ([`parsed`]).
pub fn load_cached(
    root: &Path,
    bodies: Bodies,
    cache: (&parsed::Parsed, &parsed::Sink),
    diags: &mut Diagnostics,
) -> Option<LoadedSite> {
    load_keeping(root, bodies, KEPT_COMMENTARY, cache, diags)
}

/// [`load`], keeping up to `budget` bytes of commentary when bodies are read again.
fn load_keeping(
    root: &Path,
    bodies: Bodies,
    budget: usize,
    cache: (&parsed::Parsed, &parsed::Sink),
    diags: &mut Diagnostics,
) -> Option<LoadedSite> {
    let site = load_site_yaml(root, diags);
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(
                Code::Io,
                "content",
                text!(
                    "the site has no `content/` folder",
                    "站点中没有 `content/` 文件夹"
                ),
            )
            .hint(text!(
                "run `bulletin` in a site folder, or pass `--root DIR`",
                "请在站点文件夹中运行 `bulletin`，或用 `--root 文件夹` 指明站点"
            )),
        );
        return None;
    }
    let (folders, assets, held) = scan(root, &content, diags);
    let home_folder = folders.iter().find(|f| f.rel.is_empty());
    let (home, home_text) = load_home(root, home_folder, diags);

    let units: Vec<(Option<(LoadedUnit, Texts)>, Diagnostics)> = folders
        .par_iter()
        .filter(|f| !f.rel.is_empty())
        .map(|f| {
            let mut d = Diagnostics::default();
            (load_unit(root, f, cache, &mut d), d)
        })
        .collect();
    // Commentary kept so far (Bodies::Reread): which bulletins fit depends on the order
    // the threads reach them, which changes nothing but the time.
    let kept = AtomicUsize::new(0);
    let bulletins: Vec<(Option<LoadedBulletin>, Diagnostics)> = folders
        .par_iter()
        .filter(|f| !f.rel.is_empty())
        .flat_map_iter(|f| f.bulletins.iter().map(move |b| (f, b)))
        .map(|(f, path)| {
            let mut d = Diagnostics::default();
            let whole = match bodies {
                #[cfg(test)]
                Bodies::Keep => true,
                Bodies::Front => false,
                Bodies::Reread => kept.load(Ordering::Relaxed) < budget,
            };
            let b = load_bulletin(root, &f.rel, path, whole, cache, &mut d);
            if let Some(text) = b.as_ref().and_then(|b| b.text.as_ref().map(|t| (t, b))) {
                kept.fetch_add(text.0.len() - text.1.body_offset, Ordering::Relaxed);
            }
            (b, d)
        })
        .collect();

    let mut loaded_units = Vec::new();
    let mut texts = Vec::new();
    for (u, d) in units {
        diags.extend(d);
        if let Some((u, t)) = u {
            loaded_units.push(u);
            texts.push(t);
        }
    }
    let mut loaded_bulletins = Vec::new();
    for (b, d) in bulletins {
        diags.extend(d);
        loaded_bulletins.extend(b);
    }
    let (site, site_file) = site?;
    let mut sources = Sources::new(root);
    for b in &mut loaded_bulletins {
        if let Some(text) = b.text.take() {
            sources.keep(b.source.path.clone(), text);
        }
    }
    for (path, text) in texts.into_iter().flatten() {
        sources.keep(path, text);
    }
    if let Some((path, text)) = home_text {
        sources.keep(path, text);
    }
    Some(LoadedSite {
        sources,
        root: root.to_path_buf(),
        site,
        site_file,
        home,
        units: loaded_units,
        bulletins: loaded_bulletins,
        assets,
        held,
    })
}

fn load_site_yaml(root: &Path, diags: &mut Diagnostics) -> Option<(RawSite, YamlFile)> {
    let path = root.join("site.yaml");
    if path.is_symlink()
        && let Err(e) = boundary::Boundary::new(root).inside(&path)
    {
        diags.push(e);
        return None;
    }
    let source = read(root, &path, diags)?;
    let (site, positions) = yaml::parse_located(&source.text, &source.path, 1, diags)?;
    Some((site, YamlFile::new(&source, positions)))
}

/// Walks `content/` in a stable order and sorts its files by role.
fn scan(
    root: &Path,
    content: &Path,
    diags: &mut Diagnostics,
) -> (Vec<Folder>, Vec<PathBuf>, Vec<PathBuf>) {
    // `content/` and its own files first; then each top-level folder (a city) is walked
    // on its own thread and the walks are put back in order: on a province site the
    // walk alone was 30 ms of a one-second build (ARCHITECTURE.md, "Performance").
    let boundary = boundary::Boundary::new(root);
    let top = walk(&boundary, root, content, content, Some(1));
    let mut folders = Vec::new();
    let mut assets = top.assets;
    let mut held = top.held;
    diags.extend(top.diags);
    let mut subtrees = Vec::new();
    for folder in top.folders {
        if folder.rel.is_empty() {
            folders.push(folder);
        } else {
            subtrees.push(content.join(&folder.rel));
        }
    }
    let walks: Vec<Walk> = subtrees
        .par_iter()
        .map(|dir| walk(&boundary, root, content, dir, None))
        .collect();
    for w in walks {
        folders.extend(w.folders);
        assets.extend(w.assets);
        held.extend(w.held);
        diags.extend(w.diags);
    }
    for f in &folders {
        if !f.rel.is_empty()
            && f.index.is_none()
            && (f.data.is_some() || !f.sheets.is_empty() || !f.bulletins.is_empty())
        {
            diags.push(
                Diagnostic::error(
                    Code::Io,
                    format!("content/{}", f.rel),
                    text!(
                        "this folder holds bulletins or data but no `_index.md` naming its unit",
                        "这个文件夹里有通报或数据，但没有说明单位名称的 `_index.md`"
                    ),
                )
                .hint(text!(
                    "add `_index.md` with front matter `name: …` (the unit's name)",
                    "添加 `_index.md`，在文件头写 `name: …`（单位名称）"
                )),
            );
        }
        if f.rel.is_empty() && (f.data.is_some() || !f.bulletins.is_empty()) {
            let file = f
                .data
                .as_ref()
                .or(f.bulletins.first())
                .map_or_else(PathBuf::new, |p| relative(root, p));
            diags.push(
                Diagnostic::error(
                    Code::Io,
                    file,
                    text!(
                        "bulletins and data belong in a unit's folder, not directly in `content/`",
                        "通报和数据要放在单位文件夹里，不能直接放在 `content/` 下"
                    ),
                )
                .hint(text!(
                    "move it into `content/<unit>/`",
                    "把它移到 `content/<单位>/` 中"
                )),
            );
        }
    }
    (folders, assets, held)
}

/// What one walk of a folder found.
struct Walk {
    folders: Vec<Folder>,
    assets: Vec<PathBuf>,
    held: Vec<PathBuf>,
    diags: Diagnostics,
}

/// Walks `start` (down to `max_depth`) in a stable order and sorts its files by role;
/// paths are kept relative to `content`. Links to files are read through when they
/// stay inside the site ([`boundary::Boundary::screen`]); editor, backup and hidden
/// files are skipped, and files of kinds not published are held back, each with a note.
fn walk(
    boundary: &boundary::Boundary,
    root: &Path,
    content: &Path,
    start: &Path,
    max_depth: Option<usize>,
) -> Walk {
    let mut out = Walk {
        folders: Vec::new(),
        assets: Vec::new(),
        held: Vec::new(),
        diags: Diagnostics::default(),
    };
    // The walk is depth first: a file's folder is the last one seen a level up.
    let mut last_at_depth: Vec<usize> = Vec::new();
    let mut walker = WalkDir::new(start).sort_by_file_name();
    if let Some(depth) = max_depth {
        walker = walker.max_depth(depth);
    }
    let mut entries = walker.into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| start.to_path_buf(), Path::to_path_buf);
                out.diags.push(Diagnostic::error(
                    Code::Io,
                    relative(root, &path),
                    e.to_string(),
                ));
                continue;
            }
        };
        let path = entry.path();
        let Ok(rel) = path.strip_prefix(content) else {
            continue;
        };
        if !boundary.screen(&entry, &mut entries, false, &mut out.diags) {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let is_dir = entry.file_type().is_dir();
        if is_dir {
            let rel = rel.to_string_lossy().replace('\\', "/");
            last_at_depth.truncate(entry.depth());
            last_at_depth.push(out.folders.len());
            out.folders.push(Folder {
                rel,
                ..Folder::default()
            });
            continue;
        }
        let Some(folder) = entry
            .depth()
            .checked_sub(1)
            .and_then(|d| last_at_depth.get(d))
            .map(|&i| &mut out.folders[i])
        else {
            continue;
        };
        match name.as_ref() {
            "_index.md" => folder.index = Some(path.to_path_buf()),
            "data.yaml" | "data.yml" => folder.data = Some(path.to_path_buf()),
            "tasks.yaml" | "tasks.yml" => folder.tasks = Some(path.to_path_buf()),
            // a unit's figures, an input like data.yaml (never published)
            n if !folder.rel.is_empty() && sheet::SHEET_FILES.contains(&n) => {
                folder.sheets.push(path.to_path_buf());
            }
            n if n.ends_with(".md") => folder.bulletins.push(path.to_path_buf()),
            n => match boundary::held_from_content(n) {
                None => out.assets.push(rel.to_path_buf()),
                Some(why) => {
                    out.diags.push(boundary::held(root, path, why));
                    out.held.push(rel.to_path_buf());
                }
            },
        }
    }
    out
}

/// The largest Markdown or YAML file read (issue 12): real bulletins are tens of
/// kilobytes and a unit's data a few hundred; a 50 MB bulletin took 4 s and 540 MB of
/// memory to build, a 200 MB one four times that.
pub(crate) const MAX_TEXT_FILE: u64 = 10 * 1024 * 1024;

/// The bytes of the file at `path`, or an error when it cannot be read or is larger than
/// [`MAX_TEXT_FILE`]. The size comes from the open file, not from a second look-up of
/// the path: on a 10,000-bulletin site that look-up was 12,000 system calls.
fn read_bytes(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<Vec<u8>> {
    use std::io::Read as _;
    let rel = || relative(root, path);
    let cannot = |e: std::io::Error, diags: &mut Diagnostics| {
        diags.push(Diagnostic::error(
            Code::Io,
            rel(),
            cannot("cannot read the file", "无法读取文件", &e),
        ));
    };
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) => {
            cannot(e, diags);
            return None;
        }
    };
    let len = file.metadata().map_or(0, |m| m.len());
    if len > MAX_TEXT_FILE {
        #[expect(
            clippy::cast_precision_loss,
            reason = "a size shown to one decimal in MB"
        )]
        let mb = len as f64 / (1024.0 * 1024.0);
        diags.push(
            Diagnostic::error(
                Code::Io,
                rel(),
                text!(
                    "the file is {mb:.1} MB; Markdown and YAML files are read up to {max} MB",
                    "文件大小为{mb:.1} MB；Markdown 和 YAML 文件最大只读取{max} MB",
                    max = MAX_TEXT_FILE / (1024 * 1024)
                ),
            )
            .hint(text!(
                "split it (one bulletin a file, one unit's data a folder); tables of figures belong in data.yaml, files to download in content/ as xlsx or pdf",
                "请拆分（一篇通报一个文件，一个单位的数据一个文件夹）；数据表格写在 data.yaml 里，供下载的文件以 xlsx 或 pdf 放在 content/ 中"
            )),
        );
        return None;
    }
    // At most one byte more than the limit is read when the file grew since: it is then
    // refused like any file over the limit, never read whole.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    match (&mut file).take(MAX_TEXT_FILE + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > MAX_TEXT_FILE => {
            diags.push(Diagnostic::error(
                Code::Io,
                rel(),
                text!(
                    "the file grew past the size limit while it was read",
                    "读取过程中文件变大，超过了大小上限"
                ),
            ));
            None
        }
        Ok(_) => Some(bytes),
        Err(e) => {
            cannot(e, diags);
            None
        }
    }
}

fn read(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<Source> {
    let bytes = read_bytes(root, path, diags)?;
    decode(relative(root, path), bytes, diags)
}

/// A bulletin whose commentary is not kept: the whole file is read and hashed (the hash
/// tells the next run whether it changed), but only its front matter is decoded and
/// kept; the commentary is decoded, and refused if it is not UTF-8, when the page is made
/// ([`Sources::bulletin`]). Decoding a province's 450 MB of commentary only to drop it
/// was a tenth of the load.
fn read_front(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<Source> {
    let mut bytes = read_bytes(root, path, diags)?;
    if bytes.starts_with("\u{feff}".as_bytes()) {
        bytes.drain(..3);
    }
    let hash = xxhash_rust::xxh3::xxh3_128(&bytes);
    if let yaml::Front::Closed { body_offset, .. } = yaml::front_matter(&bytes) {
        bytes.truncate(body_offset);
    }
    let mut source = decode(relative(root, path), bytes, diags)?;
    source.hash = hash;
    Some(source)
}

/// The text of file `rel`, or an error at the first byte that is not UTF-8.
pub(crate) fn decode(rel: PathBuf, mut bytes: Vec<u8>, diags: &mut Diagnostics) -> Option<Source> {
    // A byte-order mark (Windows editors write one) is no part of the text: columns on
    // the first line count from after it, as the editor shows them.
    if bytes.starts_with("\u{feff}".as_bytes()) {
        bytes.drain(..3);
    }
    // std's validation is byte by byte on Chinese text (3.9% of a build's instructions);
    // simdutf8 checks it with SIMD and the copy costs less than the check it replaces.
    // (`String::from_utf8_unchecked` would spare the copy, but unsafe code is forbidden.)
    let valid = match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => String::from_utf8(bytes),
    };
    match valid {
        Ok(text) => {
            match memchr::memchr(0, text.as_bytes()) {
                // Valid UTF-8, but no text file holds NUL: Markdown would print it as
                // U+FFFD, YAML reports it without a line.
                Some(at) => {
                    diags.push(
                        Diagnostic::error(
                            Code::Io,
                            rel,
                            text!("the file holds a NUL byte", "文件中有 NUL 字节"),
                        )
                        .at_offset(&text, at..at + 1)
                        .expected(text!(
                            "text without NUL (\\0) bytes",
                            "不含 NUL（\\0）字节的文本"
                        ))
                        .hint(text!(
                            "remove it; a file saved as UTF-16 is full of them: save it as UTF-8",
                            "删去它；存成 UTF-16 的文件满是这种字节，请另存为 UTF-8"
                        )),
                    );
                    None
                }
                None => Some(Source {
                    path: rel,
                    hash: xxhash_rust::xxh3::xxh3_128(text.as_bytes()),
                    text,
                }),
            }
        }
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            diags.push(
                Diagnostic::error(
                    Code::Io,
                    rel,
                    text!("the file is not UTF-8 text", "文件不是 UTF-8 编码的文本"),
                )
                .at_offset(&text, offset..offset + 1)
                .hint(text!(
                    "save it as UTF-8 (not GBK/GB2312)",
                    "请另存为 UTF-8 编码（不要用 GBK/GB2312）"
                )),
            );
            None
        }
    }
}

/// The home page's front matter and file, and its text (path, text) for the store.
fn load_home(
    root: &Path,
    folder: Option<&Folder>,
    diags: &mut Diagnostics,
) -> (LoadedHome, Option<(PathBuf, String)>) {
    let empty = || {
        let home = LoadedHome {
            front: RawHome::default(),
            source: None,
            front_positions: locate::Positions::default(),
            body_offset: 0,
        };
        (home, None)
    };
    let Some(path) = folder.and_then(|f| f.index.as_ref()) else {
        return empty();
    };
    let Some(source) = read(root, path, diags) else {
        return empty();
    };
    let Some(fm) = yaml::split_front_matter(&source.text, &source.path, diags) else {
        return empty();
    };
    let front = if fm.yaml.trim().is_empty() {
        Some((RawHome::default(), locate::Positions::default()))
    } else {
        yaml::parse_located(fm.yaml, &source.path, fm.yaml_line, diags)
    };
    let body_offset = fm.body_offset;
    let (front, front_positions) = front.unwrap_or_default();
    let home = LoadedHome {
        front,
        source: Some(source.file()),
        front_positions,
        body_offset,
    };
    (home, Some((source.path, source.text)))
}

/// The texts of a unit's files that the store keeps: its `_index.md`, its `tasks.yaml`.
type Texts = Vec<(PathBuf, String)>;

fn load_unit(
    root: &Path,
    folder: &Folder,
    cache: (&parsed::Parsed, &parsed::Sink),
    diags: &mut Diagnostics,
) -> Option<(LoadedUnit, Texts)> {
    let source = read(root, folder.index.as_ref()?, diags)?;
    let fm = yaml::split_front_matter(&source.text, &source.path, diags)?;
    let front = yaml::parse_located::<RawUnit>(fm.yaml, &source.path, fm.yaml_line, diags);
    let body_offset = fm.body_offset;
    let (mut data, mut data_source) = load_data(root, folder.data.as_deref(), cache, diags);
    let mut data_broken = folder.data.is_some() && data.is_none();
    if !folder.sheets.is_empty() {
        let errors_before = diags.error_count();
        let names = sheet::merge::UnitNames {
            id: &folder.rel,
            name: front.as_ref().map_or("", |f| f.0.name.as_str()),
            short_name: front.as_ref().map_or("", |f| f.0.short_name.as_str()),
        };
        load_sheet(
            root,
            folder,
            &names,
            data.as_mut().zip(data_source.as_mut()),
            diags,
        );
        // a figure the sheet could not give is missing because of its error
        data_broken |= diags.error_count() > errors_before;
    } else if let (Some(RawData { sheet: Some(_), .. }), Some(file)) = (&data, &data_source) {
        let d = Diagnostic::warning(
            Code::UnknownKey,
            &file.path,
            text!(
                "`sheet:` says how to read the unit's spreadsheet, and there is none",
                "`sheet:` 说明了如何读取本单位的表格，但没有表格文件"
            ),
        )
        .hint(text!(
            "put the figures in data.csv or data.xlsx beside data.yaml, or delete `sheet:`",
            "请把数据放在 data.yaml 旁边的 data.csv 或 data.xlsx 中，或删去 `sheet:`"
        ));
        diags.push(file.locate_diagnostic(d, &[locate::Seg::KeyNamed("sheet")]));
    }
    let (tasks, tasks_source, tasks_text) = load_yaml::<raw::RawTasks>(
        root,
        folder.tasks.as_deref(),
        text!(
            "`tasks:` with a list of tasks",
            "`tasks:`，下面列出各项任务"
        ),
        diags,
    );
    let (front, front_positions) = front?;
    let unit = LoadedUnit {
        id: folder.rel.clone(),
        front,
        source: source.file(),
        front_positions,
        body_offset,
        data,
        data_source,
        data_broken,
        tasks,
        tasks_source,
    };
    let mut texts = vec![(source.path, source.text)];
    if let (Some(file), Some(text)) = (&unit.tasks_source, tasks_text) {
        texts.push((file.path.clone(), text));
    }
    Some((unit, texts))
}

/// A unit's data.yaml, as [`load_yaml`] reads it, or from the cache when the last build
/// read the same text; what read without a diagnostic goes into the sink for the next
/// build (before a spreadsheet is merged into it).
fn load_data(
    root: &Path,
    path: Option<&Path>,
    (cache, sink): (&parsed::Parsed, &parsed::Sink),
    diags: &mut Diagnostics,
) -> (Option<RawData>, Option<YamlFile>) {
    let Some(source) = path.and_then(|path| read(root, path, diags)) else {
        return (None, None);
    };
    let key = parsed::key("data", 1, &source.text);
    if let Some((data, positions)) = cache.get(key, &source.text, sink) {
        let file = YamlFile::new(&source, positions);
        return (Some(data), Some(file));
    }
    let before = diags.iter().count();
    let parsed = yaml::parse_with_events::<RawData>(&source.text, &source.path, 1, diags);
    empty_file(
        &source,
        text!(
            "`indicators:` with a list of indicators",
            "`indicators:`，下面列出各个指标"
        ),
        diags,
    );
    let clean = diags.iter().count() == before;
    let (value, positions, events) = parsed
        .map_or((None, locate::Positions::default(), None), |(v, p, e)| {
            (Some(v), p, e)
        });
    if let Some(events) = events.filter(|_| clean) {
        sink.put(key, &events, &positions);
    }
    let file = YamlFile::new(&source, positions);
    (value, Some(file))
}

/// The unit's spreadsheet, merged into its data (`data`: data.yaml as read, None when
/// there is none or it did not load). The file's hash joins data.yaml's: the pages that
/// read the unit's data are made again when either changes.
fn load_sheet(
    root: &Path,
    folder: &Folder,
    unit: &sheet::merge::UnitNames<'_>,
    data: Option<(&mut RawData, &mut YamlFile)>,
    diags: &mut Diagnostics,
) {
    let path = &folder.sheets[0];
    let rel = relative(root, path);
    for other in &folder.sheets[1..] {
        diags.push(
            Diagnostic::error(
                Code::Io,
                relative(root, other),
                text!(
                    "a second spreadsheet of figures beside `{first}`",
                    "“{first}”旁边还有第二个数据表格",
                    first = rel.display()
                ),
            )
            .hint(text!(
                "a unit's figures come from one spreadsheet: merge them, or move this one out of content/",
                "一个单位的数据只来自一个表格：请合并，或把这个文件移出 content/"
            )),
        );
    }
    let Some((data, file)) = data else {
        if folder.data.is_none() {
            diags.push(
                Diagnostic::error(
                    Code::MissingKey,
                    &rel,
                    text!(
                        "a spreadsheet of figures needs data.yaml beside it, defining the indicators",
                        "数据表格旁边需要有 data.yaml 来定义指标"
                    ),
                )
                .hint(text!(
                    "write data.yaml with `indicators:` (id, name, unit, kind of each); the figures can stay in the sheet",
                    "请编写 data.yaml，在 `indicators:` 下写明每个指标的 id、name、unit、kind；数据可以留在表格中"
                )),
            );
        }
        return;
    };
    // a FIFO or a device would block the open or never end
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        diags.push(
            Diagnostic::error(
                Code::Io,
                rel,
                text!("this is not a regular file", "这不是普通文件"),
            )
            .hint(text!(
                "a unit's spreadsheet is a .csv, .xlsx, .ods or .xls file",
                "单位的数据表格应为 .csv、.xlsx、.ods 或 .xls 文件"
            )),
        );
        return;
    }
    // hashed before it is read: a file changed in between is made again next time
    let hash = match std::fs::File::open(path).and_then(|f| {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        std::io::copy(
            &mut std::io::Read::take(f, sheet::MAX_BYTES),
            &mut HashWriter(&mut h),
        )?;
        Ok(h.digest128())
    }) {
        Ok(h) => h,
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::Io,
                rel,
                cannot("cannot read the file", "无法读取文件", &e),
            ));
            return;
        }
    };
    let mapping = data.sheet.clone().unwrap_or_default();
    let read = sheet::read(path, &rel, &mapping);
    let places = sheet::merge::merge(data, file, read, unit, diags);
    file.hash =
        xxhash_rust::xxh3::xxh3_128(&[file.hash.to_le_bytes(), hash.to_le_bytes()].concat());
    file.sheet = Some(Box::new(places));
}

/// Feeds what is written to a hash.
struct HashWriter<'a>(&'a mut xxhash_rust::xxh3::Xxh3);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A data or tasks file at `path`: what it holds (None when it did not load: its
/// positions are then empty, nothing in it being referred to), the file as the model
/// keeps it, and its text.
fn load_yaml<T: serde::de::DeserializeOwned>(
    root: &Path,
    path: Option<&Path>,
    expected: Text,
    diags: &mut Diagnostics,
) -> (Option<T>, Option<YamlFile>, Option<String>) {
    let Some(source) = path.and_then(|path| read(root, path, diags)) else {
        return (None, None, None);
    };
    let parsed = yaml::parse_located::<T>(&source.text, &source.path, 1, diags);
    empty_file(&source, expected, diags);
    let (value, positions) =
        parsed.map_or((None, locate::Positions::default()), |(v, p)| (Some(v), p));
    let file = YamlFile::new(&source, positions);
    (value, Some(file), Some(source.text))
}

/// A data or tasks file that holds nothing (0 bytes, blank, or only comments) is read as
/// no data, with a warning at the file: an empty file is more often a file not yet
/// written, or one emptied by mistake, than a way to say "none".
fn empty_file(source: &Source, expected: Text, diags: &mut Diagnostics) {
    let empty = source
        .text
        .trim_start_matches('\u{feff}')
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if empty {
        diags.push(
            Diagnostic::warning(
                Code::YamlShape,
                &source.path,
                text!("this file is empty", "文件是空的"),
            )
            .at(crate::diagnostic::Position::new(1, 1))
            .expected(expected)
            .hint(text!(
                "fill it in (see the README), or delete it",
                "请填写内容（见 README），或删除这个文件"
            )),
        );
    }
}

/// One bulletin: its front matter parsed, and its whole file kept when `whole` (else
/// only the front matter, the commentary being read again at render time).
pub(crate) fn load_bulletin(
    root: &Path,
    unit_id: &str,
    path: &Path,
    whole: bool,
    (cache, sink): (&parsed::Parsed, &parsed::Sink),
    diags: &mut Diagnostics,
) -> Option<LoadedBulletin> {
    let source = if whole {
        read(root, path, diags)?
    } else {
        read_front(root, path, diags)?
    };
    let fm = yaml::split_front_matter(&source.text, &source.path, diags)?;
    if fm.yaml.is_empty() {
        diags.push(
            Diagnostic::error(
                Code::FrontMatter,
                &source.path,
                text!("a bulletin needs front matter", "通报缺少文件头"),
            )
            .at(crate::diagnostic::Position::new(1, 1))
            .expected(text!(
                "`---`, then `title:`, `date:` and `period:` lines, then `---`",
                "先写一行 `---`，再写 `title:`、`date:`、`period:` 各行，最后一行 `---`"
            )),
        );
        return None;
    }
    // a front matter the last build read without a diagnostic is taken as it read it
    let key = parsed::key("front", fm.yaml_line, fm.yaml);
    let (front, front_positions) = match cache.get::<RawBulletin>(key, fm.yaml, sink) {
        Some(read) => read,
        None => {
            let before = diags.iter().count();
            let (front, positions, events) =
                yaml::parse_with_events::<RawBulletin>(fm.yaml, &source.path, fm.yaml_line, diags)?;
            if let Some(events) = events.filter(|_| diags.iter().count() == before) {
                sink.put(key, &events, &positions);
            }
            (front, positions)
        }
    };
    let body_offset = fm.body_offset;
    let slug = path.file_stem()?.to_string_lossy().into_owned();
    Some(LoadedBulletin {
        unit_id: unit_id.to_string(),
        slug,
        front,
        source: source.file(),
        front_hash: sources::front_hash_of(source.text.get(..body_offset).unwrap_or("")),
        front_positions,
        body_offset,
        text: whole.then_some(source.text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bulletin whose text is not kept is read again from the store when its page is
    /// made; its commentary may have changed since, its front matter may not.
    #[test]
    fn bodies_are_read_again_and_must_match_their_front_matter() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("content/demo/2025-report.md");
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        let text = "---\ntitle: 六安开发区2024年经济运行情况\ndate: 2025-02-08\nperiod: 2024\n---\n全年地区生产总值增长5.7%。\n";
        std::fs::write(&file, text).expect("write");
        let mut diags = Diagnostics::default();
        let none = (&parsed::Parsed::default(), &parsed::Sink::none());
        let b = load_bulletin(dir.path(), "demo", &file, false, none, &mut diags)
            .expect("the bulletin loads");
        assert!(b.text.is_none());
        assert_eq!(b.source.hash, xxhash_rust::xxh3::xxh3_128(text.as_bytes()));
        let sources = Sources::new(dir.path());
        let again = || sources.bulletin(&b.source, b.body_offset, b.front_hash);
        assert_eq!(again().expect("read again"), text);
        // the commentary may change (the page shows the newer text) ...
        std::fs::write(&file, text.replace("5.7%", "5.8%")).expect("write");
        assert!(again().is_ok());
        // ... the front matter the lists were made from may not
        std::fs::write(&file, text.replace("2025-02-08", "2025-02-09")).expect("write");
        let e = again().expect_err("front matter changed");
        assert_eq!(e.message, "the file changed while the site was being built");
        assert_eq!(e.file, Path::new("content/demo/2025-report.md"));
        std::fs::remove_file(&file).expect("remove");
        let e = again().expect_err("file gone");
        assert!(
            e.message.starts_with("cannot read the file"),
            "{}",
            e.message
        );
    }

    /// `build` keeps commentary up to its budget and reads the rest again at render
    /// time; `serve` keeps none; every text the store gives is the file's.
    #[test]
    fn commentary_is_kept_up_to_the_budget() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let kept = |bodies, budget| {
            let mut diags = Diagnostics::default();
            let site = load_keeping(
                root,
                bodies,
                budget,
                (&parsed::Parsed::default(), &parsed::Sink::none()),
                &mut diags,
            )
            .expect("the example loads");
            let kept: Vec<bool> = site
                .bulletins
                .iter()
                .map(|b| site.sources.holds(&b.source.path))
                .collect();
            for b in &site.bulletins {
                let whole = std::fs::read_to_string(root.join(&b.source.path)).expect("read");
                let text = site
                    .sources
                    .bulletin(&b.source, b.body_offset, b.front_hash)
                    .expect("the text");
                assert_eq!(text, whole);
            }
            kept
        };
        assert!(kept(Bodies::Reread, KEPT_COMMENTARY).iter().all(|&k| k));
        assert!(kept(Bodies::Keep, 0).iter().all(|&k| k));
        assert!(kept(Bodies::Reread, 0).iter().all(|&k| !k));
        assert!(kept(Bodies::Front, KEPT_COMMENTARY).iter().all(|&k| !k));
        // a budget of one byte: the bulletins that started loading before the
        // first was counted (one a thread at most) are kept
        let some = kept(Bodies::Reread, 1).iter().filter(|&&k| k).count();
        assert!((1..=rayon::current_num_threads()).contains(&some), "{some}");
    }
}
