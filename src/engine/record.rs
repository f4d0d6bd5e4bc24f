//! Recorded inputs: what each artifact read, with a fingerprint of each input as it was,
//! and what the pipeline needs of the artifact without making it again (its links, ids
//! and diagnostics). An artifact whose recorded inputs all have the same fingerprint now
//! is the same artifact: `build` reuses the previous output's file, `serve` keeps the
//! page it serves.
//!
//! Fingerprints are xxh3-128 hashes of the input's text (or of what a page shows of it),
//! taken from the hashes the loader records for every file it reads, so no text has to
//! stay in memory to tell whether it changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::diagnostic::Diagnostic;
use crate::links::PageLinks;
use crate::model::{Input, Site};
use crate::render::Theme;

pub(crate) type Fingerprint = u128;

/// Every input of a site with its fingerprint.
pub(crate) struct Fingerprints {
    map: foldhash::HashMap<Input, Fingerprint>,
}

impl Fingerprints {
    /// The fingerprints of every input of `site` as loaded (before data texts are
    /// released), rendered with `theme` (`drafts`: drafts are in the site).
    pub fn of(site: &Site, theme: &Theme, drafts: bool) -> Fingerprints {
        let mut map = foldhash::HashMap::with_capacity_and_hasher(
            site.bulletins.len() * 2 + site.units.len() * 5 + 3,
            foldhash::fast::RandomState::default(),
        );
        map.insert(Input::Site, site_fingerprint(site, theme, drafts));
        map.insert(Input::Home, site.home.source.as_ref().map_or(0, |s| s.hash));
        map.insert(Input::List(None), all_bulletins(site));
        // a hash of every bulletin's text: 5-7 ms at 10,000 bulletins, in serve after
        // every edit, for a site without a search index that nothing reads
        if site.config.search {
            map.insert(Input::Search, search_texts(site));
        }
        map.insert(Input::Dates, all_dates(site));
        for (i, b) in site.bulletins.iter().enumerate() {
            let key = site.bulletin_key(i);
            map.insert(Input::Front(key.clone()), b.front_hash);
            map.insert(Input::Bulletin(key), b.source.hash);
        }
        for (u, unit) in site.units.iter().enumerate() {
            let id = &unit.id;
            map.insert(Input::Unit(id.clone()), unit.source.hash);
            let data = unit.data_source.as_ref().map_or(0, |s| s.hash);
            map.insert(
                Input::Data(id.clone()),
                data ^ Fingerprint::from(unit.data_broken),
            );
            map.insert(
                Input::Tasks(id.clone()),
                unit.tasks_source.as_ref().map_or(0, |s| s.hash),
            );
            map.insert(Input::List(Some(id.clone())), unit_list(site, u));
            map.insert(Input::Relations(id.clone()), relations(site, u));
        }
        Fingerprints { map }
    }

    /// Takes the fingerprints of the bulletin inputs `inputs` (`Bulletin`, `Front`,
    /// `List`, `Dates`, `Relations`) again after bulletins of `site` changed in place (`serve`'s
    /// edits); returns those that changed, or came or went.
    pub fn update(&mut self, site: &Site, inputs: Vec<Input>) -> Vec<Input> {
        let mut changed = Vec::new();
        for input in inputs {
            let bulletin = |key: &str| {
                let (unit, slug) = key.rsplit_once('/')?;
                site.bulletin_index(unit, slug).map(|i| &site.bulletins[i])
            };
            let now = match &input {
                Input::Bulletin(key) => bulletin(key).map(|b| b.source.hash),
                Input::Front(key) => bulletin(key).map(|b| b.front_hash),
                Input::List(None) => Some(all_bulletins(site)),
                Input::Search => site.config.search.then(|| search_texts(site)),
                Input::Dates => Some(all_dates(site)),
                Input::List(Some(id)) => site.unit(id).map(|u| unit_list(site, u)),
                Input::Relations(id) => site.unit(id).map(|u| relations(site, u)),
                _ => self.get(&input),
            };
            let before = match now {
                Some(f) => self.map.insert(input.clone(), f),
                None => self.map.remove(&input),
            };
            if before != now {
                changed.push(input);
            }
        }
        changed
    }

    pub fn get(&self, input: &Input) -> Option<Fingerprint> {
        self.map.get(input).copied()
    }

    /// `inputs` with their fingerprints now (an input the site no longer has gets none,
    /// which no later fingerprint equals).
    pub fn stamp(&self, inputs: Vec<Input>) -> Vec<(Input, Option<Fingerprint>)> {
        inputs
            .into_iter()
            .map(|i| {
                let f = self.get(&i);
                (i, f)
            })
            .collect()
    }

    /// Every recorded input has the fingerprint it has now.
    pub fn unchanged(&self, record: &Record) -> bool {
        record
            .inputs
            .iter()
            .all(|(input, f)| f.is_some() && self.get(input) == *f)
    }
}

/// The keys of every bulletin, in the site's order.
fn all_bulletins(site: &Site) -> Fingerprint {
    let mut h = Xxh3::new();
    for b in &site.bulletins {
        h.update(site.units[b.unit].id.as_bytes());
        h.update(b"/");
        h.update(b.slug.as_bytes());
        h.update(b"\n");
    }
    h.digest128()
}

/// What the search index is made of: what each bulletin's bigrams are counted from
/// ([`super::search::doc_id`]), in the site's order.
fn search_texts(site: &Site) -> Fingerprint {
    let mut h = Xxh3::new();
    for id in super::search::doc_ids(site) {
        h.update(&id.to_le_bytes());
    }
    h.digest128()
}

/// The dates of every bulletin, in the site's order (which bulletins there are is
/// [`all_bulletins`]).
fn all_dates(site: &Site) -> Fingerprint {
    let mut h = Xxh3::new();
    for b in &site.bulletins {
        for d in [b.date, b.published] {
            h.update(&d.year.to_le_bytes());
            h.update(&[d.month, d.day]);
        }
    }
    h.digest128()
}

/// The slugs of unit `u`'s bulletins, in order.
fn unit_list(site: &Site, u: usize) -> Fingerprint {
    let mut h = Xxh3::new();
    for &b in &site.units[u].bulletins {
        h.update(site.bulletins[b].slug.as_bytes());
        h.update(b"\n");
    }
    h.digest128()
}

/// Which bulletin of unit `u` interprets which.
fn relations(site: &Site, u: usize) -> Fingerprint {
    let mut h = Xxh3::new();
    for &b in &site.units[u].bulletins {
        let b = &site.bulletins[b];
        h.update(b.slug.as_bytes());
        h.update(b"\t");
        h.update(b.interprets.as_deref().unwrap_or("").as_bytes());
        h.update(b"\n");
    }
    h.digest128()
}

/// What every page shows: the settings, the tree of units and their names, the
/// navigation, the theme, and whether drafts are in. `SiteConfig` has no `Hash`: its
/// `Debug` form holds every field.
fn site_fingerprint(site: &Site, theme: &Theme, drafts: bool) -> Fingerprint {
    let mut h = Xxh3::new();
    h.update(format!("{:?}\n{:?}\n{drafts}\n", site.config, site.nav).as_bytes());
    h.update(&theme.fingerprint.to_le_bytes());
    for u in &site.units {
        h.update(
            format!(
                "{}\t{}\t{}\t{}\t{}\t{:?}\t{:?}\n",
                u.id, u.name, u.short_name, u.level, u.weight, u.parent, u.children
            )
            .as_bytes(),
        );
    }
    h.digest128()
}

/// An artifact as made: its output path, what it read, and what the pipeline needs of
/// it without making it again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Record {
    /// Its output path, the links it makes and the ids it offers.
    pub page: PageLinks,
    pub inputs: Vec<(Input, Option<Fingerprint>)>,
    /// Its diagnostics, reported again when it is kept.
    pub diags: Vec<Diagnostic>,
    /// The file as the disk sink left it, to tell that nobody changed it since.
    pub stamp: Option<crate::output::Stamp>,
}

/// The records a build leaves for the next, kept in the site folder under `.bulletin/`
/// (never in the output, which is published): one file for each output folder.
pub(crate) struct Cache {
    file: PathBuf,
    /// `.bulletin` is a real folder of the site (or not there yet): a link there may lead
    /// anywhere, and nothing is read from or written through it.
    usable: bool,
    /// The bulletin binary that wrote the records: another makes pages differently.
    version: String,
    output: String,
}

/// The largest records file read: a province of 100,000 bulletins writes ~50 MB.
const MAX_RECORDS: u64 = 1 << 30;

#[derive(Serialize, Deserialize)]
struct CacheFile {
    version: String,
    output: String,
    records: Vec<Record>,
}

impl Cache {
    pub fn new(root: &Path, output: &Path) -> Cache {
        let output = output.to_string_lossy().into_owned();
        let name = format!(
            "build-{:016x}.cache",
            xxhash_rust::xxh3::xxh3_64(output.as_bytes())
        );
        let dir = root.join(".bulletin");
        let usable = match std::fs::symlink_metadata(&dir) {
            Ok(m) => m.is_dir(),
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        };
        Cache {
            file: dir.join(name),
            usable,
            version: binary_version(),
            output,
        }
    }

    /// Where the search index's bigrams are kept for the next build into the same
    /// output (`engine::search`).
    pub fn search_dir(&self) -> Option<PathBuf> {
        self.usable.then(|| self.file.with_extension("search"))
    }

    /// Where the output a build replaces is kept for the next build to recycle (beside
    /// the records, never in the output's folder, which may be published).
    pub fn spare(&self) -> Option<PathBuf> {
        self.usable.then(|| self.file.with_extension("spare"))
    }

    /// The records of the last build into the same output by the same binary; none when
    /// there are none, or they cannot be read (a clean build then).
    pub fn read(&self) -> HashMap<String, Record> {
        if !self.usable {
            return HashMap::new();
        }
        // A records file is a few kilobytes a page; one far larger is not ours to read.
        let sane = std::fs::symlink_metadata(&self.file)
            .is_ok_and(|m| m.is_file() && m.len() < MAX_RECORDS);
        let Some(bytes) = sane.then(|| std::fs::read(&self.file).ok()).flatten() else {
            return HashMap::new();
        };
        match postcard::from_bytes::<CacheFile>(&bytes) {
            Ok(f) if f.version == self.version && f.output == self.output => f
                .records
                .into_iter()
                .map(|r| (r.page.path.clone(), r))
                .collect(),
            _ => HashMap::new(),
        }
    }

    /// Replaces the records (written aside, then renamed). A site folder that cannot be
    /// written keeps no records: the next build is a clean one, nothing else changes.
    pub fn write(&self, records: Vec<Record>) {
        if !self.usable {
            return;
        }
        let Some(pieces) = encode(&self.version, &self.output, &records) else {
            return;
        };
        // Freeing 110,000 records takes longer than writing them; nobody waits for it.
        rayon::spawn(move || drop(records));
        let Some(dir) = self.file.parent() else {
            return;
        };
        let aside = self
            .file
            .with_extension(format!("{}.tmp", std::process::id()));
        // piece after piece, each freed once written: the records are never held twice
        // (joined, they were ~10 MB more at the very end of a 10,000-bulletin build,
        // where its memory peaks)
        let write_all = || -> std::io::Result<()> {
            use std::io::Write;
            let mut file = std::fs::File::create(&aside)?;
            for piece in pieces {
                file.write_all(&piece)?;
            }
            Ok(())
        };
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| write_all())
            .and_then(|()| std::fs::rename(&aside, &self.file));
        if written.is_err() {
            let _ = std::fs::remove_file(&aside);
        }
    }
}

/// A [`CacheFile`] as postcard writes it, the records encoded in parallel: postcard puts
/// a struct's fields, and a list's length and items, one after the other, so the parts
/// can be encoded apart and written one after the other (the head, then the parts). The
/// records were a serial tenth of a second at the end of a 100,000-bulletin build.
fn encode(version: &str, output: &str, records: &[Record]) -> Option<Vec<Vec<u8>>> {
    use rayon::prelude::*;
    let parts: Vec<Vec<u8>> = records
        .par_chunks(1024)
        .map(|chunk| {
            let mut out = Vec::new();
            for r in chunk {
                out = postcard::to_extend(r, out).ok()?;
            }
            Some(out)
        })
        .collect::<Option<_>>()?;
    let head = postcard::to_stdvec(&(version, output, records.len())).ok()?;
    Some(std::iter::once(head).chain(parts).collect())
}

/// This binary: its version, size and modification time. A rebuilt `bulletin` may
/// phrase a figure differently, so its records are not trusted by another.
pub(crate) fn binary_version() -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}-{modified}", m.len())
        })
        .unwrap_or_default();
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records encoded in parallel are byte for byte what postcard writes for the
    /// whole file, and read back as they were.
    #[test]
    fn records_encoded_in_parts_are_postcards_encoding() {
        let record = |i: usize| Record {
            page: PageLinks {
                path: format!("unit-{i}/bulletin-{i}/index.html"),
                ..PageLinks::default()
            },
            inputs: vec![
                (Input::Site, Some(u128::from(i as u64) << 70)),
                (Input::Bulletin(format!("u/{i}")), None),
            ],
            diags: Vec::new(),
            stamp: None,
        };
        for n in [0, 1, 1023, 1024, 1025, 3000] {
            let records: Vec<Record> = (0..n).map(record).collect();
            let parts = encode("0.1.0 123-456", "/srv/public", &records)
                .expect("encoded")
                .concat();
            let whole = postcard::to_stdvec(&CacheFile {
                version: "0.1.0 123-456".to_string(),
                output: "/srv/public".to_string(),
                records: records.clone(),
            })
            .expect("encoded whole");
            assert_eq!(parts, whole, "{n} records");
            let back: CacheFile = postcard::from_bytes(&parts).expect("decoded");
            assert_eq!(back.records.len(), n);
            assert_eq!(
                back.records.last().map(|r| r.page.path.clone()),
                records.last().map(|r| r.page.path.clone())
            );
        }
    }
}
