//! Watching the site folder for `serve`: notify-debouncer-full on the folders a site is
//! made of (the root itself without recursion for `site.yaml`, then `content/`, `themes/`
//! and `static/` recursively — folders, not files, because editors save by writing a
//! temporary file and renaming it over the old one), or a poll watcher with `--poll` for
//! file systems that send no events (network shares, some containers). Events come out as
//! batches of site-relative paths; editor temp files and hidden files are dropped here.
//! Knows nothing of what a path means to the site: that is the session's business.

use std::collections::{BTreeSet, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{
    self, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode,
};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer, new_debouncer_opt,
};

/// Quiet time after the last event of a path before it is reported: long enough for an
/// editor's burst of writes and renames to land as one batch, short enough not to be felt.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// How often `--poll` looks at every file. It compares modification times, which notify
/// keeps to the second: a second save within the same second as the first is seen with
/// the next change (comparing contents instead would read the whole site every poll).
const POLL_INTERVAL: Duration = Duration::from_millis(500);
/// The folders of a site, watched recursively when they exist.
const FOLDERS: [&str; 3] = ["content", "themes", "static"];

/// One batch of changes, paths relative to the site root.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    pub paths: BTreeSet<PathBuf>,
    /// When the first event of the batch reached the watcher.
    pub noticed: Option<Instant>,
    /// Problems the watcher reported (a folder it could not watch, an overflow).
    pub errors: Vec<String>,
}

enum Backend {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

pub(crate) struct Watcher {
    root: PathBuf,
    backend: Backend,
    events: Receiver<DebounceEventResult>,
    /// Which of [`FOLDERS`] are being watched.
    watched: HashSet<&'static str>,
}

impl Watcher {
    /// Starts watching `root` (an absolute, canonical path).
    pub fn start(root: &Path, poll: bool) -> notify::Result<Watcher> {
        let (tx, events) = mpsc::channel();
        let backend = if poll {
            let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
            Backend::Poll(new_debouncer_opt::<_, PollWatcher, NoCache>(
                DEBOUNCE,
                None,
                tx,
                NoCache::new(),
                config,
            )?)
        } else {
            Backend::Native(new_debouncer(DEBOUNCE, None, tx)?)
        };
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            backend,
            events,
            watched: HashSet::new(),
        };
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        if let Some(e) = watcher.watch_folders().into_iter().next() {
            return Err(e);
        }
        Ok(watcher)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.backend {
            Backend::Native(d) => d.watch(path, mode),
            Backend::Poll(d) => d.watch(path, mode),
        }
    }

    /// Watches the site's folders that exist and are not watched yet (one may have been
    /// created, or deleted and made again, since the last batch).
    fn watch_folders(&mut self) -> Vec<notify::Error> {
        let mut errors = Vec::new();
        for name in FOLDERS {
            let dir = self.root.join(name);
            if !dir.is_dir() {
                self.watched.remove(name);
            } else if !self.watched.contains(name) {
                match self.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(name);
                    }
                    Err(e) => errors.push(e),
                }
            }
        }
        errors
    }

    /// Blocks until the next batch of relevant changes (every batch already waiting is
    /// merged into it); None once the watcher has stopped.
    pub fn next(&mut self) -> Option<Changes> {
        loop {
            let first = self.events.recv().ok()?;
            let mut changes = Changes::default();
            for batch in std::iter::once(first).chain(self.events.try_iter()) {
                match batch {
                    Ok(events) => {
                        for event in events.iter().filter(|e| is_change(&e.kind)) {
                            let relevant: Vec<PathBuf> = event
                                .paths
                                .iter()
                                .filter_map(|p| relevant(&self.root, p))
                                .collect();
                            if !relevant.is_empty() {
                                changes.noticed =
                                    Some(changes.noticed.map_or(event.time, |t| t.min(event.time)));
                                changes.paths.extend(relevant);
                            }
                        }
                    }
                    Err(errors) => changes.errors.extend(errors.iter().map(|e| e.to_string())),
                }
            }
            changes
                .errors
                .extend(self.watch_folders().iter().map(|e| e.to_string()));
            if !changes.paths.is_empty() || !changes.errors.is_empty() {
                return Some(changes);
            }
        }
    }
}

/// Opening or reading a file is not a change (and `serve` reads every file it renders).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// The path relative to the root when it can matter to the site: `site.yaml` or a file
/// under one of [`FOLDERS`], not hidden (the loader skips hidden files too), not an
/// editor's temporary or backup file.
pub(crate) fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let mut components = rel.components();
    let first = match components.next()? {
        Component::Normal(c) => c.to_str()?,
        _ => return None,
    };
    if first == "site.yaml" {
        return (rel.components().count() == 1).then(|| rel.to_path_buf());
    }
    if !FOLDERS.contains(&first) {
        return None;
    }
    for c in components {
        let Component::Normal(name) = c else {
            return None;
        };
        if name.to_str().is_none_or(|n| n.starts_with('.')) {
            return None;
        }
    }
    let name = rel.file_name()?.to_str()?;
    (!is_temp_file(name)).then(|| rel.to_path_buf())
}

/// Files editors write beside the one being saved: vim's swap files and its `4913`
/// write test, `file~` backups, emacs' `.#file` locks and `#file#` autosaves, JetBrains'
/// `___jb_tmp___`/`___jb_old___`, the `.tmp`/`.part` of safe-write, and the `~$data.xlsx`
/// lock file Excel and WPS keep beside an open workbook.
fn is_temp_file(name: &str) -> bool {
    name == "4913"
        || name.ends_with('~')
        || name.starts_with(".#")
        || name.starts_with("~$")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.contains("___jb_")
        || [".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_site_files_and_drops_editor_files() {
        let root = Path::new("/site");
        let keep = |p: &str| relevant(root, &root.join(p));
        assert_eq!(keep("site.yaml"), Some(PathBuf::from("site.yaml")));
        assert!(keep("content/demo/2025-report.md").is_some());
        assert!(keep("content/demo/data.yaml").is_some());
        assert!(keep("content/demo/data.xlsx").is_some());
        assert!(keep("content/demo/data.csv").is_some());
        assert!(keep("themes/news/templates/base.html").is_some());
        assert!(keep("static/logo.png").is_some());
        for drop in [
            "public/index.html",
            ".public.building-12/index.html",
            "content/demo/.2025-report.md.swp",
            "content/demo/2025-report.md~",
            "content/demo/4913",
            "content/demo/.#2025-report.md",
            "content/demo/#2025-report.md#",
            "content/demo/2025-report.md___jb_tmp___",
            "content/demo/~$data.xlsx",
            "content/.git/HEAD",
            "README.md",
        ] {
            assert_eq!(keep(drop), None, "{drop}");
        }
    }
}
