//! The one writer, and the guard in front of it.
//!
//! **Guard** ([`claim`]), before any work: the output path is resolved (symlinks, `..`,
//! relative paths; a path that does not exist yet through its nearest existing ancestor)
//! and refused (exit 2) when it is the site folder, an ancestor of it, inside `content/`,
//! `themes/` or `static/`, a file, or a non-empty folder without bulletin's [`MARKER`]
//! (`--force` overrides that last case only). An unmarked default `public/` written by an
//! older bulletin is adopted when the build writes every file it holds again (checked
//! before the swap). The guard then locks the folder the output is in (a second build
//! of the same output waits), puts back an output a killed build left aside, and removes
//! staging folders of dead builds (never those of a live process).
//!
//! **Writer**: pages go into a staging folder beside the output
//! (`.<name>.building-<pid>`), marked as bulletin's from its first moment; only when the
//! whole build succeeded is it swapped in, atomically (`renameat2(RENAME_EXCHANGE)`)
//! where the file system allows, else by two renames that the next build can undo. So a
//! failed or killed build leaves the previous output exactly as it was (Zola and mdBook
//! clear the folder first; we do not). Names starting with a dot and the site's `keep:`
//! list (a gh-pages `.git`, `CNAME`) are hard-linked from the old output into the new
//! one before the swap, so they survive every build and the old output is never changed.
//! Writers are called from the render threads directly, so writing never serialises the
//! pipeline. Two sinks: this disk writer (`build`), and memory ([`Output::memory`]),
//! which collects what it is given for `serve` to swap into what it serves.
//!
//! A file that is byte for byte the one the previous output holds is hard-linked from it
//! instead of written, and a page whose recorded inputs are unchanged is linked from it
//! without being made at all ([`Output::reuse`], while the old file is still the one the
//! last build wrote): a rebuild makes no new files for unchanged pages (on these disks
//! making a file costs far more than reading one), deleting the old output then frees
//! nothing they use, and unchanged pages keep their modification time, so a deployment
//! by rsync or by date uploads only what changed.
//!
//! Test hook (for the hostile suite only, not a user option): `BULLETIN_TEST_PAUSE` set to
//! `staged`, `write`, `swap`, `between-renames` or `swapped` makes the build print
//! `bulletin: paused at <point>` and sleep there, so a test can SIGKILL it at that moment;
//! `between-renames` also forces the two-rename swap.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use crate::diagnostic::{Code, Diagnostic};
use crate::lang::{Lang, Text, cannot};

/// The file bulletin puts at the top of every output it writes; a later build replaces
/// only a folder that holds it (or an empty one).
pub(crate) const MARKER: &str = ".bulletin-output";

const MARKER_TEXT: &str = "This folder is written by bulletin. Every `bulletin build` replaces it whole,\n\
keeping only names that start with a dot and those listed under `keep:` in site.yaml.\n\
Put your own files in the site's static/ folder instead.\n";

/// Top-level names of the output kept across builds when site.yaml has no `keep:`.
pub(crate) const DEFAULT_KEEP: [&str; 3] = [".git", "CNAME", ".nojekyll"];

/// An output folder the guard accepted, locked for this build.
pub(crate) struct Target {
    /// Resolved: absolute, symlinks and `..` gone.
    dest: PathBuf,
    /// The path as the user gave it, for messages.
    shown: PathBuf,
    parent: PathBuf,
    name: String,
    /// An unmarked `public/` from an older bulletin: replaced only when this build writes
    /// every file it holds again.
    adopt: bool,
    /// Held until the build ends; a second build of the same output waits for it.
    lock: Option<fs::File>,
}

impl Target {
    /// The output folder, resolved.
    pub(crate) fn dest(&self) -> &Path {
        &self.dest
    }
}

/// Resolves `given`, refuses outputs that are not bulletin's to replace, locks the output
/// (calling `waiting` first when another build holds it), restores an output a killed
/// build left aside and removes stale staging folders. Nothing is written before the
/// refusals.
pub(crate) fn claim(
    root: &Path,
    given: &Path,
    force: bool,
    waiting: &dyn Fn(&Path),
) -> Result<Target, Box<Diagnostic>> {
    let refuse = |why: Text, hint: Option<Text>| {
        let g = given.display();
        let d = Diagnostic::error(
            Code::OutputPath,
            given,
            why.map(|why, lang| {
                lang.pick(
                    format!("refusing to build into `{g}`: {why}"),
                    format!("拒绝生成到“{g}”：{why}"),
                )
            }),
        );
        Err(Box::new(d.maybe_hint(hint)))
    };
    let io_fail = |e: io::Error| {
        Box::new(Diagnostic::error(
            Code::Io,
            given,
            cannot("cannot prepare the output folder", "无法准备输出文件夹", &e),
        ))
    };
    let root = resolve(root).map_err(io_fail)?;
    let dest = resolve(given).map_err(io_fail)?;
    let resolved = if dest.as_path() == given {
        text!("", "")
    } else {
        text!(" (that is `{d}`)", "（即“{d}”）", d = dest.display())
    };
    let r = |lang: Lang| resolved.get(lang).to_string();
    if let Some(why) = forbidden(&root, &dest) {
        return refuse(
            why.map(|why, lang| format!("{why}{}", r(lang))),
            Some(text!(
                "choose a folder of its own, e.g. the default `public/`",
                "请另选一个专用的文件夹，如默认的 `public/`"
            )),
        );
    }
    let (Some(parent), Some(name)) = (dest.parent(), dest.file_name()) else {
        return refuse(
            text!(
                "it has no parent folder{re}",
                "它没有上级文件夹{rz}",
                re = r(Lang::En),
                rz = r(Lang::Zh)
            ),
            None,
        );
    };
    let (parent, name) = (parent.to_path_buf(), name.to_string_lossy().into_owned());
    let parent = parent.as_path();
    let mut adopt = false;
    match fs::symlink_metadata(&dest) {
        Ok(meta) if !meta.is_dir() => {
            return refuse(
                text!(
                    "it is a file, not a folder{re}",
                    "它是文件，不是文件夹{rz}",
                    re = r(Lang::En),
                    rz = r(Lang::Zh)
                ),
                Some(text!(
                    "name a folder; bulletin never replaces a file",
                    "请指定一个文件夹；bulletin 从不替换文件"
                )),
            );
        }
        Ok(_) if !force && !fs::exists(dest.join(MARKER)).map_err(io_fail)? => {
            let foreign = top_names(&dest)
                .map_err(io_fail)?
                .into_iter()
                .filter(|n| !n.starts_with('.'))
                .collect::<Vec<_>>();
            if dest == root.join("public") && foreign.iter().any(|n| n == "index.html") {
                adopt = true;
            } else if !foreign.is_empty() {
                return refuse(
                    text!(
                        "the folder is not empty and bulletin did not make it (no `{MARKER}` file in it), so building would delete {s}{re}",
                        "文件夹不是空的，也不是 bulletin 生成的（其中没有 `{MARKER}` 文件），生成会删除{sz}{rz}",
                        s = sample(&foreign, Lang::En),
                        sz = sample(&foreign, Lang::Zh),
                        re = r(Lang::En),
                        rz = r(Lang::Zh)
                    ),
                    Some(text!(
                        "name an empty or new folder, or add --force to replace this one's contents (names starting with a dot and those under `keep:` in site.yaml are kept)",
                        "请指定一个空的或新的文件夹，或加 --force 替换其中的内容（以点开头的名称和 site.yaml 中 `keep:` 列出的名称会保留）"
                    )),
                );
            }
        }
        _ => {}
    }
    // A folder that does not exist yet holds nothing to restore or clean; it is made and
    // locked when staging starts, after the site has loaded (a mistyped --root makes
    // nothing).
    let lock = if parent.is_dir() {
        let lock = lock(parent, &dest, waiting).map_err(io_fail)?;
        restore_aside(parent, &name, &dest).map_err(io_fail)?;
        remove_stale(parent, &name);
        Some(lock)
    } else {
        None
    };
    Ok(Target {
        dest,
        shown: given.to_path_buf(),
        parent: parent.to_path_buf(),
        name,
        adopt,
        lock,
    })
}

/// Why `dest` may never be an output, whatever --force says.
fn forbidden(root: &Path, dest: &Path) -> Option<Text> {
    if dest == root {
        return Some(text!(
            "it is the site folder itself (site.yaml, content/ and themes/ would be replaced)",
            "这就是站点文件夹（site.yaml、content/ 和 themes/ 会被替换）"
        ));
    }
    if root.starts_with(dest) {
        return Some(text!(
            "it holds the site folder `{r}`, which building would replace",
            "其中包含站点文件夹“{r}”，生成会把它替换掉",
            r = root.display()
        ));
    }
    for part in ["content", "themes", "static"] {
        let dir = resolve(&root.join(part)).unwrap_or_else(|_| root.join(part));
        if dest == dir {
            return Some(text!(
                "it is the site's {part}/ folder",
                "这是站点的 {part}/ 文件夹"
            ));
        }
        if dest.starts_with(&dir) {
            return Some(text!(
                "it is inside the site's {part}/ folder",
                "它在站点的 {part}/ 文件夹里"
            ));
        }
    }
    let existing = dest.ancestors().skip(1).find(|a| a.exists())?;
    (!existing.is_dir()).then(|| {
        text!(
            "`{e}` is a file, not a folder",
            "“{e}”是文件，不是文件夹",
            e = existing.display()
        )
    })
}

/// `path` made absolute with symlinks and `..` resolved; the part that does not exist
/// yet is appended to its nearest existing ancestor, resolved.
pub(crate) fn resolve(path: &Path) -> io::Result<PathBuf> {
    let abs = std::path::absolute(path)?;
    let parts: Vec<Component> = abs.components().collect();
    for n in (1..=parts.len()).rev() {
        let prefix: PathBuf = parts[..n].iter().collect();
        if let Ok(mut real) = prefix.canonicalize() {
            for part in &parts[n..] {
                match part {
                    Component::Normal(s) => real.push(s),
                    Component::ParentDir => {
                        real.pop();
                    }
                    _ => {}
                }
            }
            return Ok(real);
        }
    }
    Ok(abs)
}

/// Locks the folder the output is in (a lock on the folder itself, so no lock file is
/// left behind), waiting while another build holds it.
fn lock(parent: &Path, dest: &Path, waiting: &dyn Fn(&Path)) -> io::Result<fs::File> {
    let file = fs::File::open(parent)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            waiting(dest);
            file.lock()?;
        }
        Err(fs::TryLockError::Error(e)) => return Err(e),
    }
    Ok(file)
}

/// A killed two-rename swap leaves no output and the old one at
/// `.<name>.building-<pid>.old`: put it back before anything else.
fn restore_aside(parent: &Path, name: &str, dest: &Path) -> io::Result<()> {
    if fs::symlink_metadata(dest).is_ok() {
        return Ok(());
    }
    let mut newest: Option<(std::time::SystemTime, PathBuf)> = None;
    for entry in fs::read_dir(parent)? {
        let entry = entry?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if let Some((pid, Leftover::Aside)) = leftover(name, &file_name)
            && !alive(pid)
        {
            let time = entry.metadata()?.modified()?;
            if newest.as_ref().is_none_or(|(t, _)| time > *t) {
                newest = Some((time, entry.path()));
            }
        }
    }
    if let Some((_, old)) = newest {
        fs::rename(old, dest)?;
    }
    Ok(())
}

/// Removes staging, aside and deleting folders of builds whose process is gone.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if let Some((pid, _)) = leftover(name, &file_name)
            && pid != std::process::id()
            && !alive(pid)
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

#[derive(Debug, PartialEq)]
enum Leftover {
    /// `.<name>.building-<pid>`: a staging folder (or, after an exchange, the old output).
    Staging,
    /// `.<name>.building-<pid>.old`: the complete old output, set aside by a two-rename swap.
    Aside,
    /// `.<name>.deleting-<pid>`: an old output being deleted.
    Deleting,
}

/// The pid and kind of a folder a build of output `name` leaves beside it.
fn leftover(name: &str, file_name: &str) -> Option<(u32, Leftover)> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(name)?;
    let (rest, kind) = if let Some(r) = rest.strip_prefix(".building-") {
        match r.strip_suffix(".old") {
            Some(r) => (r, Leftover::Aside),
            None => (r, Leftover::Staging),
        }
    } else {
        (rest.strip_prefix(".deleting-")?, Leftover::Deleting)
    };
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((rest.parse().ok()?, kind))
}

/// Whether process `pid` exists (when unsure, yes: its folders are then left alone).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        !matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        )
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

fn top_names(dir: &Path) -> io::Result<Vec<String>> {
    let mut names: Vec<String> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<io::Result<_>>()?;
    names.sort();
    Ok(names)
}

/// `a`, `b`, `c` and 12 more.
fn sample(names: &[String], lang: Lang) -> String {
    let shown: Vec<String> = names.iter().take(3).map(|n| format!("`{n}`")).collect();
    match (names.len(), lang) {
        (0..=3, Lang::En) => shown.join(", "),
        (0..=3, Lang::Zh) => shown.join("、"),
        (n, Lang::En) => format!("{} and {} more", shown.join(", "), n - 3),
        (n, Lang::Zh) => format!("{}等{}个", shown.join("、"), n),
    }
}

pub struct Output {
    dest: PathBuf,
    /// The output as the user named it, for messages.
    shown: PathBuf,
    /// None: a dry run (`bulletin check`) that renders everything and writes nothing.
    staging: Option<PathBuf>,
    /// The output of the last build, when there is one to reuse unchanged files from.
    previous: Option<PathBuf>,
    /// Top-level names carried over from the previous output besides dotfiles.
    keep: Vec<String>,
    target: Option<Target>,
    /// The memory sink (`serve`): what is written is collected here, not put on disk.
    memory: Option<Mutex<Vec<Written>>>,
    /// The staging folder is a recycled earlier output (see [`recycle`]): a file this
    /// build writes may already be there.
    recycled: bool,
    /// The folders a recycled staging folder still holds (real folders, seen by
    /// [`prune`]): [`make_dir`](Self::make_dir) has nothing to make for them (at 10,000
    /// bulletins, 11,000 `mkdir`s that failed and as many `stat`s).
    kept_dirs: HashSet<String>,
    /// Where the old output goes after the swap, for the next build to recycle; None:
    /// it is deleted.
    spare: Option<PathBuf>,
}

/// A file's inode (None where the platform has none to compare).
fn inode(m: &fs::Metadata) -> Option<u64> {
    #[cfg(unix)]
    {
        Some(std::os::unix::fs::MetadataExt::ino(m))
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        None
    }
}

/// A file the memory sink was given: its output path and compressed bytes.
pub type Written = (String, Vec<u8>);

/// A file as the disk sink left it: a later build reuses it only while it is still that
/// file (nobody wrote over it, replaced or touched it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    inode: u64,
    len: u64,
    modified_ns: i128,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let m = fs::symlink_metadata(path)
            .ok()
            .filter(fs::Metadata::is_file)?;
        Stamp::from_metadata(&m)
    }

    fn from_metadata(m: &fs::Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(m);
        #[cfg(not(unix))]
        let inode = 0;
        let modified_ns = m
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Stamp {
            inode,
            len: m.len(),
            modified_ns: i128::try_from(modified_ns).ok()?,
        })
    }
}

impl Output {
    /// Prepares the staging folder beside the claimed output, marked as bulletin's: the
    /// `spare` folder a previous build left (see [`Output::commit`]) when there is one,
    /// else a new, empty one.
    pub(crate) fn stage(
        mut target: Target,
        keep: &[String],
        spare: Option<PathBuf>,
        planned: &HashSet<String>,
    ) -> Result<Output, Box<Diagnostic>> {
        if target.lock.is_none() {
            let made = fs::create_dir_all(&target.parent)
                .and_then(|()| lock(&target.parent, &target.dest, &|_| {}));
            target.lock = Some(made.map_err(|e| {
                Box::new(Diagnostic::error(
                    Code::Io,
                    target.shown.clone(),
                    cannot("cannot prepare the output folder", "无法准备输出文件夹", &e),
                ))
                .maybe_full(&e)
            })?);
        }
        let staging =
            target
                .parent
                .join(format!(".{}.building-{}", target.name, std::process::id()));
        let fail = |e: io::Error| {
            Box::new(Diagnostic::error(
                Code::Io,
                target.shown.clone(),
                cannot("cannot prepare the output folder", "无法准备输出文件夹", &e),
            ))
            .maybe_full(&e)
        };
        if fs::symlink_metadata(&staging).is_ok() {
            fs::remove_dir_all(&staging).map_err(fail)?;
        }
        let kept_dirs = spare
            .as_deref()
            .and_then(|spare| recycle(spare, &staging, keep, planned));
        let recycled = kept_dirs.is_some();
        if !recycled {
            fs::create_dir(&staging).map_err(fail)?;
        }
        // Linked like an unchanged page, so a deployment by date does not upload it again.
        let old_marker = target.dest.join(MARKER);
        let marked = if same_contents(&old_marker, MARKER_TEXT.as_bytes()) {
            fs::hard_link(&old_marker, staging.join(MARKER))
                .or_else(|_| fs::write(staging.join(MARKER), MARKER_TEXT))
        } else {
            fs::write(staging.join(MARKER), MARKER_TEXT)
        };
        if let Err(e) = marked {
            let _ = fs::remove_dir_all(&staging);
            return Err(fail(e));
        }
        pause_for_test("staged");
        *STAGING.lock().unwrap_or_else(PoisonError::into_inner) = Some(staging.clone());
        Ok(Output {
            dest: target.dest.clone(),
            shown: target.shown.clone(),
            staging: Some(staging),
            previous: target.dest.is_dir().then(|| target.dest.clone()),
            keep: keep.to_vec(),
            target: Some(target),
            memory: None,
            recycled,
            kept_dirs: kept_dirs.unwrap_or_default(),
            spare,
        })
    }

    /// An output that writes nothing: `check` renders every page and keeps none.
    pub fn dry_run() -> Output {
        Output {
            dest: PathBuf::new(),
            shown: PathBuf::new(),
            staging: None,
            previous: None,
            keep: Vec::new(),
            target: None,
            memory: None,
            recycled: false,
            kept_dirs: HashSet::new(),
            spare: None,
        }
    }

    /// The memory sink: every file written is kept, LZ4-compressed (with its length
    /// first, as `lz4_flex::decompress_size_prepended` reads it), for
    /// [`into_memory`](Self::into_memory).
    pub fn memory() -> Output {
        Output {
            memory: Some(Mutex::default()),
            ..Output::dry_run()
        }
    }

    /// What the memory sink was given.
    pub fn into_memory(self) -> Vec<Written> {
        self.memory
            .map(|m| m.into_inner().unwrap_or_else(PoisonError::into_inner))
            .unwrap_or_default()
    }

    /// Puts the previous output's file `rel` into the new one unchanged, when it is still
    /// the file `stamp` describes (a hard link: same file, same modification time); false
    /// when the file must be made again. The memory sink keeps what it served.
    pub fn reuse(&self, rel: &str, stamp: Option<Stamp>) -> bool {
        if self.memory.is_some() {
            return true;
        }
        let (Some(staging), Some(previous), Some(stamp)) = (&self.staging, &self.previous, stamp)
        else {
            return false;
        };
        let old = previous.join(rel);
        if Stamp::of(&old) != Some(stamp) {
            return false;
        }
        pause_after_ten_writes();
        self.link(&old, Some(stamp.inode), &staging.join(rel))
    }

    /// Makes `path` (in staging) the file `old` (in the previous output): nothing to do
    /// when a recycled staging folder already holds that very file, else a hard link in
    /// place of what is there (never a write through it: a file of a recycled folder may
    /// be a link to the live output's).
    fn link(&self, old: &Path, old_inode: Option<u64>, path: &Path) -> bool {
        if self.recycled
            && let Ok(there) = fs::symlink_metadata(path)
        {
            let old_inode =
                old_inode.or_else(|| fs::symlink_metadata(old).ok().and_then(|m| inode(&m)));
            if there.is_file() && old_inode.is_some() && inode(&there) == old_inode {
                return true;
            }
            let removed = if there.is_dir() {
                fs::remove_dir_all(path)
            } else {
                fs::remove_file(path)
            };
            if removed.is_err() {
                return false;
            }
        }
        fs::hard_link(old, path).is_ok()
    }

    /// Creates folder `rel` (relative to the output root) and any missing parents.
    /// Making a page's folder before writing it spares the failed open and the failed
    /// `mkdir` of the parent that [`write`](Self::write) would otherwise go through.
    pub fn make_dir(&self, rel: &str) -> Result<(), Box<Diagnostic>> {
        let Some(staging) = &self.staging else {
            return Ok(());
        };
        if self.kept_dirs.contains(rel) {
            return Ok(());
        }
        fs::create_dir_all(staging.join(rel)).map_err(|e| {
            Box::new(Diagnostic::error(
                Code::Io,
                self.shown.join(rel),
                cannot("cannot make the folder", "无法创建文件夹", &e),
            ))
            .maybe_full(&e)
        })
    }

    /// Writes one file, relative to the output root, and returns its [`Stamp`] (none
    /// from the memory sink or a dry run). `rel` never holds `..` (paths are made from
    /// unit folders and file stems, which cannot).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<Option<Stamp>, Box<Diagnostic>> {
        debug_assert!(
            !rel.split('/').any(|s| s == ".."),
            "output path escapes: {rel}"
        );
        if let Some(memory) = &self.memory {
            let packed = lz4_flex::compress_prepend_size(bytes);
            memory
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((rel.to_string(), packed));
            return Ok(None);
        }
        let Some(staging) = &self.staging else {
            return Ok(None);
        };
        pause_after_ten_writes();
        let path = staging.join(rel);
        if let Some(previous) = &self.previous {
            let old = previous.join(rel);
            if same_contents(&old, bytes) && self.link(&old, None, &path) {
                return Ok(Stamp::of(&path));
            }
        }
        let result = match write_new(&path, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => path
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| write_new(&path, bytes)),
            other => other,
        };
        result.map_err(|e| {
            Box::new(Diagnostic::error(
                Code::Io,
                self.shown.join(rel),
                cannot("cannot write the file", "无法写入文件", &e),
            ))
            .maybe_full(&e)
        })
    }

    /// The bytes of file `rel` as this run wrote or linked it; None from the memory sink
    /// or a dry run (or when it is not there). `crate::pdf` prints the pages it reads.
    pub fn read(&self, rel: &str) -> Option<Vec<u8>> {
        fs::read(self.staging.as_ref()?.join(rel)).ok()
    }

    /// Carries the kept names over and swaps the staging folder in for the output,
    /// atomically where the file system can; the old output is deleted in the
    /// background. On failure the staging folder is removed and the output left as it was.
    pub fn commit(self) -> Result<(), Box<Diagnostic>> {
        let Some(staging) = &self.staging else {
            return Ok(());
        };
        STAGING
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let result = self.swap_in(staging);
        if result.is_err() {
            let _ = fs::remove_dir_all(staging);
        }
        result
    }

    fn swap_in(&self, staging: &Path) -> Result<(), Box<Diagnostic>> {
        let fail = |e: io::Error| {
            Box::new(Diagnostic::error(
                Code::Io,
                self.shown.clone(),
                cannot("cannot replace the output folder", "无法替换输出文件夹", &e),
            ))
            .maybe_full(&e)
        };
        if self.target.as_ref().is_some_and(|t| t.adopt) {
            self.check_adoption(staging)?;
        }
        let exists = fs::symlink_metadata(&self.dest).is_ok();
        if exists {
            carry_over(&self.dest, staging, &self.keep).map_err(fail)?;
        }
        pause_for_test("swap");
        if !exists {
            return fs::rename(staging, &self.dest).map_err(fail);
        }
        let aside = if !test_pause_is("between-renames") && exchange(staging, &self.dest) {
            // The staging name now holds the old output.
            pause_for_test("swapped");
            staging.to_path_buf()
        } else {
            let old = aside_name(staging);
            fs::rename(&self.dest, &old).map_err(fail)?;
            pause_for_test("between-renames");
            if let Err(e) = fs::rename(staging, &self.dest) {
                // Put the previous output back before reporting.
                let _ = fs::rename(&old, &self.dest);
                return Err(fail(e));
            }
            old
        };
        // Kept for the next build to recycle: making 10,000 folders again right after
        // deleting as many is 5–20× slower on ext4 than reusing them.
        if let Some(spare) = &self.spare
            && spare
                .parent()
                .is_some_and(|p| fs::create_dir_all(p).is_ok())
            && fs::symlink_metadata(spare).is_err()
            && fs::rename(&aside, spare).is_ok()
        {
            return Ok(());
        }
        let name = self.target.as_ref().map_or("", |t| t.name.as_str());
        let deleting = aside.with_file_name(format!(".{name}.deleting-{}", std::process::id()));
        remove_in_background(if fs::rename(&aside, &deleting).is_ok() {
            &deleting
        } else {
            &aside
        });
        Ok(())
    }

    /// An unmarked `public/` from an older bulletin is replaced only when this build
    /// writes every file it holds again (dotfiles and kept names aside).
    fn check_adoption(&self, staging: &Path) -> Result<(), Box<Diagnostic>> {
        let mut lost = Vec::new();
        for entry in walkdir::WalkDir::new(&self.dest)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() > 1 || !self.kept(&e.file_name().to_string_lossy()))
            .filter_map(Result::ok)
        {
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(&self.dest)
                .unwrap_or(entry.path());
            if fs::symlink_metadata(staging.join(rel)).is_err() {
                lost.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        if lost.is_empty() {
            return Ok(());
        }
        Err(Box::new(
            Diagnostic::error(
                Code::OutputPath,
                self.shown.clone(),
                text!(
                    "refusing to replace `{d}`: it has no `{MARKER}` file (an older bulletin wrote none) and holds {n} file{s} this build does not write, which would be deleted: {l}",
                    "拒绝替换“{d}”：其中没有 `{MARKER}` 文件（旧版 bulletin 不写这个文件），并有{n}个本次生成不会写出的文件，替换会删除它们：{lz}",
                    d = self.shown.display(),
                    n = lost.len(),
                    s = if lost.len() == 1 { "" } else { "s" },
                    l = sample(&lost, Lang::En),
                    lz = sample(&lost, Lang::Zh)
                ),
            )
            .hint(text!(
                "move files of your own to static/ (copied into every build) or list their names under `keep:` in site.yaml; or build once with --force to replace the folder",
                "把自己的文件移到 static/（每次生成都会复制），或在 site.yaml 的 `keep:` 下列出它们的名称；或者加 --force 生成一次，替换这个文件夹"
            )),
        ))
    }

    fn kept(&self, name: &str) -> bool {
        name.starts_with('.') || self.keep.iter().any(|k| k == name)
    }

    /// Drops the staging folder; the output is untouched.
    pub fn discard(self) {
        STAGING
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(staging) = &self.staging {
            let _ = fs::remove_dir_all(staging);
        }
    }
}

/// The staging folder of the build in progress, for [`abandon`].
static STAGING: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// Removes the staging folder of the build in progress, for a run that is about to end
/// in the middle (the render watchdog). The output is not touched: a swap happens after
/// every page is rendered.
pub(crate) fn abandon() {
    let staging = STAGING
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    if let Some(staging) = staging {
        let _ = fs::remove_dir_all(staging);
    }
}

trait MaybeFull {
    fn maybe_full(self, e: &io::Error) -> Self;
}

impl MaybeFull for Box<Diagnostic> {
    /// Adds what to do when the error is a full disk.
    fn maybe_full(self, e: &io::Error) -> Self {
        if e.kind() == io::ErrorKind::StorageFull || e.kind() == io::ErrorKind::QuotaExceeded {
            Box::new(self.hint(text!(
                "the disk is full: free some space and build again; the previous output was left as it was",
                "磁盘已满：请腾出空间后重新生成；上次生成的内容保持原样"
            )))
        } else {
            self
        }
    }
}

/// `.<name>.building-<pid>.old`: where a two-rename swap puts the old output.
fn aside_name(staging: &Path) -> PathBuf {
    let mut name = staging.file_name().unwrap_or_default().to_os_string();
    name.push(".old");
    staging.with_file_name(name)
}

/// Exchanges two paths in one step (`renameat2(RENAME_EXCHANGE)`); false where the
/// kernel or file system cannot, and the caller falls back to two renames.
fn exchange(a: &Path, b: &Path) -> bool {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let _ = (a, b);
        false
    }
}

/// Moves `spare`, an output an earlier build swapped out, to `staging` for this build to
/// write into, when it is one: a real folder (not a link) holding bulletin's marker.
/// Before anything is written into it, everything goes that is not a folder or file of
/// this build's plan (`planned`, output paths): its top-level dotfiles and kept names
/// (the swap carries the current ones over), what the site no longer has, and any link,
/// wherever it is — a link planted in it is never written or walked through. What is
/// left is each planned file's previous version, which the build links or writes over,
/// never through (those may be links to the live output's files). Any problem: the
/// folder is removed (links in it removed, not followed) and the build starts afresh.
/// Returns the folders it keeps (relative, `/`-separated); None when the build starts
/// afresh.
fn recycle(
    spare: &Path,
    staging: &Path,
    keep: &[String],
    planned: &HashSet<String>,
) -> Option<HashSet<String>> {
    let ours = fs::symlink_metadata(spare).is_ok_and(|m| m.is_dir())
        && fs::symlink_metadata(spare.join(MARKER)).is_ok_and(|m| m.is_file());
    if !ours || fs::rename(spare, staging).is_err() {
        return None;
    }
    match prune(staging, keep, planned) {
        Ok(kept) => Some(kept),
        Err(_) => {
            let _ = fs::remove_dir_all(staging);
            None
        }
    }
}

/// Removes from a recycled `staging` what [`recycle`] says goes, one top-level folder a
/// thread (20,000 entries at 10,000 bulletins); returns the folders left (each a real
/// folder: the walk follows no link).
fn prune(
    staging: &Path,
    keep: &[String],
    planned: &HashSet<String>,
) -> io::Result<HashSet<String>> {
    use rayon::prelude::*;
    // The folders that hold a planned file.
    let needed: HashSet<&str> = planned
        .iter()
        .flat_map(|rel| rel.match_indices('/').map(|(i, _)| &rel[..i]))
        .collect();
    let mut tops = Vec::new();
    for entry in fs::read_dir(staging)? {
        let entry = entry?;
        let name = entry.file_name();
        let text = name.to_string_lossy();
        let kind = entry.file_type()?;
        if text.starts_with('.') || keep.iter().any(|k| *k == text) || !kind.is_dir() {
            // Files are judged here; `remove_dir_all` removes links in it, never follows.
            let planned_file = kind.is_file() && planned.contains(text.as_ref());
            if !planned_file {
                if kind.is_dir() {
                    fs::remove_dir_all(entry.path())?;
                } else {
                    fs::remove_file(entry.path())?;
                }
            }
        } else {
            tops.push(entry.path());
        }
    }
    let kept: Vec<Vec<String>> = tops
        .par_iter()
        .map(|top| {
            let mut kept = Vec::new();
            let walk = walkdir::WalkDir::new(top)
                .follow_links(false)
                .follow_root_links(false)
                .contents_first(true);
            for entry in walk {
                let entry = entry.map_err(io::Error::other)?;
                let rel = entry
                    .path()
                    .strip_prefix(staging)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                let kind = entry.file_type();
                if kind.is_dir() {
                    // Nothing planned is in it: it is empty now.
                    if needed.contains(rel.as_str()) {
                        kept.push(rel);
                    } else {
                        fs::remove_dir(entry.path())?;
                    }
                } else if !(kind.is_file() && planned.contains(&rel)) {
                    fs::remove_file(entry.path())?;
                }
            }
            Ok(kept)
        })
        .collect::<io::Result<_>>()?;
    Ok(kept.into_iter().flatten().collect())
}

/// Hard-links the kept top-level entries of the old output (names starting with a dot,
/// and `keep`) into the staging folder, unless the build wrote that name itself. The old
/// output is not changed, so a kill at any moment loses nothing.
fn carry_over(dest: &Path, staging: &Path, keep: &[String]) -> io::Result<()> {
    for entry in fs::read_dir(dest)? {
        let entry = entry?;
        let name = entry.file_name();
        let text = name.to_string_lossy();
        if !(text.starts_with('.') || keep.iter().any(|k| *k == text)) || text == MARKER {
            continue;
        }
        let to = staging.join(&name);
        if fs::symlink_metadata(&to).is_ok() {
            continue;
        }
        link_tree(&entry.path(), &to)?;
    }
    Ok(())
}

/// Recreates the tree at `from` at `to`: folders made (with their permissions), files
/// hard-linked (copied where a link cannot be made), symbolic links recreated and never
/// followed — `from` itself included: a kept `.x → /home/user/x` is carried over as
/// that link, not as a walk through the user's folder. A name already at `to` is an
/// error, never a copy through it (a copy onto a link to the source truncated the
/// user's file).
fn link_tree(from: &Path, to: &Path) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(from)
        .follow_links(false)
        .follow_root_links(false)
    {
        let entry = entry.map_err(io::Error::other)?;
        let target = match entry.path().strip_prefix(from) {
            Ok(rel) if !rel.as_os_str().is_empty() => to.join(rel),
            _ => to.to_path_buf(),
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            fs::create_dir(&target)?;
            fs::set_permissions(
                &target,
                entry.metadata().map_err(io::Error::other)?.permissions(),
            )?;
        } else if kind.is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(fs::read_link(entry.path())?, &target)?;
        } else if kind.is_file() {
            match fs::hard_link(entry.path(), &target) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                    copy_new(entry.path(), &target)?;
                }
                other => other?,
            }
        }
    }
    Ok(())
}

/// Copies `from` into a new file `to` (never through a file or link already there).
fn copy_new(from: &Path, to: &Path) -> io::Result<()> {
    let mut source = fs::File::open(from)?;
    let mut target = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(to)?;
    io::copy(&mut source, &mut target)?;
    target.set_permissions(source.metadata()?.permissions())
}

fn test_pause_is(point: &str) -> bool {
    static POINT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    POINT
        .get_or_init(|| std::env::var("BULLETIN_TEST_PAUSE").ok())
        .as_deref()
        == Some(point)
}

/// The `write` test pause: after ten files are written (or reused) into staging.
fn pause_after_ten_writes() {
    static WRITTEN: AtomicUsize = AtomicUsize::new(0);
    if test_pause_is("write") && WRITTEN.fetch_add(1, Ordering::Relaxed) >= 10 {
        pause_for_test("write");
    }
}

/// The test hook (module docs): sleeps at `point` when `BULLETIN_TEST_PAUSE` names it.
#[expect(
    clippy::print_stderr,
    reason = "a test hook: the test waits for this line before it kills the build"
)]
fn pause_for_test(point: &str) {
    if test_pause_is(point) {
        eprintln!("bulletin: paused at {point}");
        std::thread::sleep(std::time::Duration::from_secs(600));
    }
}

/// Writes `bytes` into a new file at `path`. A file already there may be a hard link to
/// the previous output (an unchanged page linked by [`Output::write`]); writing through
/// it would change the previous output under a build that may still fail, so it is
/// unlinked and a new file made instead.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<Option<Stamp>> {
    use std::io::Write;
    let create = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    let mut file = match create() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            create()?
        }
        other => other?,
    };
    file.write_all(bytes)?;
    // From the open file: no second look-up of the path.
    Ok(file.metadata().ok().and_then(|m| Stamp::from_metadata(&m)))
}

/// Whether the file at `path` holds exactly `bytes` (false when it cannot be read).
fn same_contents(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    if file
        .metadata()
        .map_or(true, |m| m.len() != bytes.len() as u64)
    {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut old).is_ok() && old == bytes
}

/// Deletes the previous output without making the build wait for it. Deleting 10,000
/// pages takes longer than writing them, and on ext4 files created right after a large
/// deletion are 5–20× slower to make (ARCHITECTURE.md, "Performance"), so the deletion runs in a separate `rm`
/// that outlives us; where that cannot start, it is done here. The folder was renamed
/// `.<name>.deleting-<pid>` first, so a next build never mistakes it for an output.
fn remove_in_background(dir: &Path) {
    let spawned = if cfg!(unix) {
        std::process::Command::new("rm")
            .arg("-rf")
            .arg(dir)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
    } else {
        false
    };
    if !spawned {
        let _ = fs::remove_dir_all(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_are_recognised_by_name_and_pid() {
        assert_eq!(
            leftover("public", ".public.building-123"),
            Some((123, Leftover::Staging))
        );
        assert_eq!(
            leftover("public", ".public.building-123.old"),
            Some((123, Leftover::Aside))
        );
        assert_eq!(
            leftover("public", ".public.deleting-9"),
            Some((9, Leftover::Deleting))
        );
        assert_eq!(leftover("public", ".public.building-"), None);
        assert_eq!(leftover("public", ".public.building-12x"), None);
        assert_eq!(leftover("public", ".public2.building-12"), None);
        assert_eq!(leftover("pub", ".public.building-12"), None);
        assert_eq!(leftover("public", ".public.lock"), None);
    }

    #[test]
    fn a_path_that_does_not_exist_resolves_through_its_nearest_ancestor() {
        let dir = tempfile::tempdir().unwrap();
        let real = resolve(dir.path()).unwrap();
        fs::create_dir(real.join("a")).unwrap();
        assert_eq!(
            resolve(&dir.path().join("a/new/../x/")).unwrap(),
            real.join("a/x")
        );
        assert_eq!(resolve(&dir.path().join("a/..")).unwrap(), real);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(real.join("a"), real.join("link")).unwrap();
            assert_eq!(
                resolve(&dir.path().join("link/new")).unwrap(),
                real.join("a/new")
            );
        }
    }

    #[test]
    fn this_process_is_alive_and_an_unused_pid_is_not() {
        assert!(alive(std::process::id()));
        assert!(!alive(4_194_304 + 7));
    }

    #[test]
    fn writing_a_path_twice_never_changes_the_previous_output() {
        // An unchanged page is hard-linked from the previous output; a second write of
        // the same path (a static file over a page) must not go through that link.
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let dest = root.join("public");
        let first = Output::stage(
            claim(&root, &dest, false, &|_| {}).unwrap(),
            &[],
            None,
            &HashSet::new(),
        )
        .unwrap();
        first.write("index.html", b"page").unwrap();
        first.commit().unwrap();
        let second = Output::stage(
            claim(&root, &dest, false, &|_| {}).unwrap(),
            &[],
            None,
            &HashSet::new(),
        )
        .unwrap();
        second.write("index.html", b"page").unwrap();
        second.write("index.html", b"static file").unwrap();
        second.discard();
        assert_eq!(fs::read(dest.join("index.html")).unwrap(), b"page");
    }
}
