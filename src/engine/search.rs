//! The search index's bigrams between the pages and the shards (`render::search`).
//!
//! Each bulletin's counted bigrams are handed over when its text for the results
//! (`search/t/<n>.js`) is made, from the text that page already holds, and go to one of
//! 128 buckets by the bigram's hash (the shard's hash), as a group keyed by [`doc_id`]: a
//! hash of everything they were counted from. The buckets are files in a folder under
//! `.bulletin/` — a build's, kept for the next build into the same output (`serve`
//! makes no search index) — or memory when the site has no usable `.bulletin/`. After every other page, the shards are made a group of buckets at a time
//! (`Store::postings`) from the groups of the bulletins the site has now: no run holds
//! the whole index, and an edit counts the bigrams of the bulletin it changed only.
//!
//! Files (6 bytes an entry: the bigram's two code points and its flag, 47 bits):
//! `<j>.idx`, the groups bucket j holds for the bulletins of the last index made;
//! `<j>.new`, the groups counted since; `ids`, the binary that wrote them and the ids the
//! `.idx` files hold, written last (removed while they are rewritten, so a run cut short
//! leaves none and the next counts every bulletin again).

use foldhash::{HashMap, HashSet};
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Mutex;

use xxhash_rust::xxh3::Xxh3;

use crate::model::Site;
use crate::render::search::{flag, shard_of};

/// Buckets of the bigrams; a site has at least 16 shards, which take one group of
/// buckets each.
pub(crate) const BUCKETS: u32 = 128;
/// A bucket's groups are appended to its file when they pass this (128 buckets: 1 MB).
const FLUSH: usize = 8 * 1024;
const ENTRY: usize = 6;
/// A group: the bulletin's id, the count of its entries.
const HEAD: usize = 12;

/// A bigram's entry as kept: the two code points (21 bits each) and the flag (5 bits).
fn pack(pair: (char, char), flag: u8) -> u64 {
    ((u64::from(pair.0) << 21 | u64::from(pair.1)) << 5) | u64::from(flag)
}

fn unpack(entry: u64) -> Option<((char, char), u8)> {
    let pair = entry >> 5;
    let a = char::from_u32(u32::try_from(pair >> 21).ok()?)?;
    let b = char::from_u32(u32::try_from(pair & 0x1f_ffff).ok()?)?;
    Some(((a, b), (entry & 31) as u8))
}

/// What bulletin `b`'s bigrams are counted from: its place (unit/slug), its whole file
/// (title and commentary), its unit's name, the ids and names of its unit's indicators
/// (the components' names) and the names of its key figures.
pub(crate) fn doc_id(site: &Site, b: usize) -> u64 {
    doc_id_in(site, b, unit_hash(&site.units[site.bulletins[b].unit]))
}

/// [`doc_id`] of every bulletin, in the site's order.
pub(crate) fn doc_ids(site: &Site) -> Vec<u64> {
    let units: Vec<u64> = site.units.iter().map(unit_hash).collect();
    (0..site.bulletins.len())
        .map(|b| doc_id_in(site, b, units[site.bulletins[b].unit]))
        .collect()
}

fn unit_hash(unit: &crate::model::Unit) -> u64 {
    let mut h = Xxh3::new();
    h.update(unit.name.as_bytes());
    h.update(&[0]);
    for ind in &unit.indicators {
        h.update(ind.id.as_bytes());
        h.update(&[0]);
        h.update(ind.name.as_bytes());
        h.update(&[0]);
    }
    h.digest()
}

fn doc_id_in(site: &Site, b: usize, unit: u64) -> u64 {
    let bulletin = &site.bulletins[b];
    let mut h = Xxh3::new();
    h.update(site.bulletin_key(b).as_bytes());
    h.update(&[0]);
    h.update(&bulletin.source.hash.to_le_bytes());
    h.update(&unit.to_le_bytes());
    for r in &bulletin.key_figures {
        h.update(site.indicator(r).name.as_bytes());
        h.update(&[0]);
    }
    h.digest()
}

/// A thread's buffers for [`Store::postings`], kept from one group to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    fresh: Vec<u8>,
    kept: Vec<u8>,
    keep: Vec<(u32, bool, usize, usize)>,
    seen: HashSet<u64>,
    /// The postings of the last group, sorted.
    pub postings: Vec<u128>,
}

/// A bucket's groups counted this run, and its `.new` file once they were flushed.
#[derive(Default)]
struct Fresh {
    bytes: Vec<u8>,
    file: Option<std::fs::File>,
}

/// The buckets of a site's bigrams (module docs).
pub(crate) struct Store {
    /// None: in memory.
    dir: Option<PathBuf>,
    version: String,
    fresh: Vec<Mutex<Fresh>>,
    /// The `.idx` buckets when there is no folder.
    kept_memory: Vec<Mutex<Vec<u8>>>,
    /// The ids the `.idx` buckets hold.
    kept: Mutex<HashSet<u64>>,
    /// The ids counted this run.
    counted: Mutex<HashSet<u64>>,
}

impl Store {
    /// A store in memory (`check`, and a site whose `.bulletin/` cannot be used).
    pub fn memory() -> Store {
        Store {
            dir: None,
            version: String::new(),
            fresh: (0..BUCKETS).map(|_| Mutex::default()).collect(),
            kept_memory: (0..BUCKETS).map(|_| Mutex::default()).collect(),
            kept: Mutex::default(),
            counted: Mutex::default(),
        }
    }

    /// The store kept in folder `dir` (a build's, under `.bulletin/`), as the last run by
    /// this binary left it; in memory when the folder cannot be made or is a link.
    pub fn open(dir: Option<PathBuf>) -> Store {
        let mut store = Store::memory();
        let Some(dir) = dir else {
            return store;
        };
        let usable = match std::fs::symlink_metadata(&dir) {
            Ok(m) => m.is_dir(),
            Err(_) => std::fs::create_dir_all(&dir).is_ok(),
        };
        if !usable {
            return store;
        }
        store.version = crate::engine::record::binary_version();
        let ids = std::fs::read(dir.join("ids")).unwrap_or_default();
        let version = store.version.as_bytes();
        if let Some(rest) = ids
            .strip_prefix(version)
            .and_then(|r| r.strip_prefix(b"\n"))
        {
            let kept = rest
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()));
            store.kept = Mutex::new(kept.collect());
        }
        let trusted = store.kept.get_mut().is_ok_and(|k| !k.is_empty());
        // What the last run counted and did not index is not trusted; the kept buckets
        // only with their ids.
        for j in 0..BUCKETS {
            let _ = std::fs::remove_file(dir.join(format!("{j}.new")));
            if !trusted {
                let _ = std::fs::remove_file(dir.join(format!("{j}.idx")));
            }
        }
        store.dir = Some(dir);
        store
    }

    /// Keeps the bigrams of the bulletin with id `id`, counted from its text now.
    pub fn add(&self, id: u64, counted: &[((char, char), u32, bool)]) {
        // (bucket, entry), a bucket's entries together (counted, then placed)
        let mut starts = [0usize; BUCKETS as usize + 1];
        for &(pair, _, _) in counted {
            starts[shard_of(pair, BUCKETS) as usize + 1] += 1;
        }
        for j in 0..BUCKETS as usize {
            starts[j + 1] += starts[j];
        }
        let mut at = starts;
        let mut entries = vec![(0u32, 0u64); counted.len()];
        for &(pair, count, title) in counted {
            let j = shard_of(pair, BUCKETS);
            entries[at[j as usize]] = (j, pack(pair, flag(count, title)));
            at[j as usize] += 1;
        }
        for run in entries.chunk_by(|a, b| a.0 == b.0) {
            let j = run[0].0 as usize;
            let Ok(mut fresh) = self.fresh[j].lock() else {
                continue;
            };
            let fresh = &mut *fresh;
            fresh.bytes.extend_from_slice(&id.to_le_bytes());
            let n = u32::try_from(run.len()).unwrap_or(u32::MAX);
            fresh.bytes.extend_from_slice(&n.to_le_bytes());
            for (_, e) in run {
                fresh.bytes.extend_from_slice(&e.to_le_bytes()[..ENTRY]);
            }
            if fresh.bytes.len() > FLUSH
                && let Some(dir) = &self.dir
            {
                // A bucket that cannot be written keeps its groups in memory.
                if fresh.file.is_none() {
                    fresh.file = std::fs::File::create(dir.join(format!("{j}.new"))).ok();
                }
                if let Some(file) = &mut fresh.file
                    && file.write_all(&fresh.bytes).is_ok()
                {
                    fresh.bytes.clear();
                }
            }
        }
        if let Ok(mut c) = self.counted.lock() {
            c.insert(id);
        }
    }

    /// Whether the bigrams of the bulletin with id `id` are kept.
    pub fn has(&self, id: u64) -> bool {
        self.counted.lock().is_ok_and(|c| c.contains(&id))
            || self.kept.lock().is_ok_and(|k| k.contains(&id))
    }

    /// Before the buckets are rewritten: the ids file goes (module docs).
    pub fn begin(&self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_file(dir.join("ids"));
        }
    }

    /// The postings of group `g` of `groups` (the shards `i` with `i % groups == g`),
    /// each a [`posting`], sorted, into `scratch.postings`: for the bulletins of `docs`
    /// (id → number; the others are dropped). Rewrites the group's buckets to hold those
    /// bulletins' groups only.
    pub fn postings(
        &self,
        g: u32,
        groups: u32,
        shards: u32,
        docs: &HashMap<u64, u32>,
        scratch: &mut Scratch,
    ) {
        let Scratch {
            fresh,
            kept,
            keep,
            seen,
            postings,
        } = scratch;
        postings.clear();
        for j in (g..BUCKETS).step_by(groups as usize) {
            let from_file = self.fresh_bytes(j, fresh);
            self.kept_bytes(j, kept);
            seen.clear();
            // (bulletin number, counted now, where its group is) of each bulletin the
            // site has, once
            keep.clear();
            // bytes of the kept groups no bulletin has now, and of the groups counted
            // now that were already kept
            let (mut stale, mut again) = (0, 0);
            for (bytes, counted_now) in [(&*kept, false), (&*fresh, true)] {
                let mut at = 0;
                while let Some(head) = bytes.get(at..at + HEAD) {
                    let id = u64::from_le_bytes(head[..8].try_into().unwrap_or_default());
                    let n = u32::from_le_bytes(head[8..].try_into().unwrap_or_default());
                    let len = HEAD + n as usize * ENTRY;
                    if bytes.len() < at + len {
                        break;
                    }
                    match docs.get(&id) {
                        Some(&doc) if seen.insert(id) => {
                            keep.push((doc, counted_now, at, at + len))
                        }
                        _ if counted_now => again += len,
                        _ => stale += len,
                    }
                    at += len;
                }
            }
            let group = |&(_, counted_now, from, to): &(u32, bool, usize, usize)| {
                if counted_now {
                    &fresh[from..to]
                } else {
                    &kept[from..to]
                }
            };
            let entries: usize = keep.iter().map(|k| (k.3 - k.2 - HEAD) / ENTRY).sum();
            postings.reserve(entries);
            for k in keep.iter() {
                for e in group(k)[HEAD..].chunks_exact(ENTRY) {
                    let mut word = [0u8; 8];
                    word[..ENTRY].copy_from_slice(e);
                    if let Some((pair, flag)) = unpack(u64::from_le_bytes(word)) {
                        postings.push(posting(shard_of(pair, shards), pair, k.0, flag));
                    }
                }
            }
            // A bucket is written again only when a quarter of it is of bulletins gone or
            // changed (their groups are passed over meanwhile); else the new groups are
            // appended, or, in a first run, its `.new` file becomes it.
            let added = keep.iter().filter(|k| k.1).map(group);
            if stale * 4 > kept.len() {
                self.keep_groups(j, keep.iter().map(group), None);
            } else if kept.is_empty() && stale == 0 && again == 0 && from_file > 0 {
                self.keep_groups(j, std::iter::once(&fresh[from_file..]), Some(true));
            } else if fresh.len() > again {
                self.keep_groups(j, added, Some(false));
            }
            if let Some(dir) = &self.dir {
                let _ = std::fs::remove_file(dir.join(format!("{j}.new")));
            }
        }
        postings.sort_unstable();
    }

    /// After every group: the ids the buckets now hold (`docs`), written last.
    pub fn end(&self, docs: &HashMap<u64, u32>) {
        let mut ids: Vec<u64> = docs.keys().copied().collect();
        ids.sort_unstable();
        if let Ok(mut c) = self.counted.lock() {
            c.clear();
        }
        if let Ok(mut k) = self.kept.lock() {
            *k = ids.iter().copied().collect();
        }
        let Some(dir) = &self.dir else {
            return;
        };
        let mut bytes = Vec::with_capacity(self.version.len() + 1 + ids.len() * 8);
        bytes.extend_from_slice(self.version.as_bytes());
        bytes.push(b'\n');
        for id in ids {
            bytes.extend_from_slice(&id.to_le_bytes());
        }
        let aside = dir.join("ids.tmp");
        if std::fs::write(&aside, bytes).is_ok() {
            let _ = std::fs::rename(&aside, dir.join("ids"));
        }
    }

    /// Bucket `j`'s groups as the last index left them, into `bytes`.
    fn kept_bytes(&self, j: u32, bytes: &mut Vec<u8>) {
        use std::io::Read as _;
        bytes.clear();
        match &self.dir {
            Some(dir) => {
                // a bucket that cannot be read holds none: its bulletins are counted again
                // by the next run, which finds no ids file
                if let Ok(mut file) = std::fs::File::open(dir.join(format!("{j}.idx")))
                    && file.read_to_end(bytes).is_err()
                {
                    bytes.clear();
                }
            }
            None => {
                if let Ok(k) = self.kept_memory[j as usize].lock() {
                    bytes.extend_from_slice(&k);
                }
            }
        }
    }

    /// The groups counted this run in bucket `j`, taken, into `bytes`; how many of them
    /// came from its `.new` file (left for [`Store::postings`]).
    fn fresh_bytes(&self, j: u32, bytes: &mut Vec<u8>) -> usize {
        use std::io::Read as _;
        bytes.clear();
        let Ok(mut fresh) = self.fresh[j as usize].lock() else {
            return 0;
        };
        if fresh.file.take().is_some()
            && let Some(dir) = &self.dir
            && let Ok(mut f) = std::fs::File::open(dir.join(format!("{j}.new")))
            && f.read_to_end(bytes).is_err()
        {
            bytes.clear();
        }
        let from_file = bytes.len();
        bytes.extend_from_slice(&fresh.bytes);
        fresh.bytes = Vec::new();
        from_file
    }

    /// Writes bucket `j`'s groups: anew (aside, then renamed; `append` None), appended
    /// (`Some(false)`), or appended to its `.new` file, which becomes it (`Some(true)`).
    fn keep_groups<'g>(
        &self,
        j: u32,
        groups: impl Iterator<Item = &'g [u8]>,
        append: Option<bool>,
    ) {
        let Some(dir) = &self.dir else {
            if let Ok(mut k) = self.kept_memory[j as usize].lock() {
                if append.is_none() {
                    k.clear();
                }
                groups.for_each(|g| k.extend_from_slice(g));
            }
            return;
        };
        let file = dir.join(format!("{j}.idx"));
        let aside = match append {
            None => dir.join(format!("{j}.idx.tmp")),
            Some(false) => file.clone(),
            Some(true) => dir.join(format!("{j}.new")),
        };
        let write = || -> std::io::Result<()> {
            let f = std::fs::OpenOptions::new()
                .create(true)
                .write(true)
                .append(append.is_some())
                .truncate(append.is_none())
                .open(&aside)?;
            let mut w = std::io::BufWriter::new(f);
            for g in groups {
                w.write_all(g)?;
            }
            w.into_inner()
                .map_err(std::io::IntoInnerError::into_error)?;
            if aside != file {
                std::fs::rename(&aside, &file)?;
            }
            Ok(())
        };
        if write().is_err() {
            // The ids file is not written back over a bucket that is not whole.
            if aside != file {
                let _ = std::fs::remove_file(&aside);
            }
            let _ = std::fs::remove_file(&file);
        }
    }
}

/// A posting as sorted: shard (13 bits), bigram (42), bulletin number (32), flag (5).
fn posting(shard: u32, pair: (char, char), doc: u32, flag: u8) -> u128 {
    let pair = u128::from(pair.0) << 21 | u128::from(pair.1);
    u128::from(shard) << 80 | pair << 37 | u128::from(doc) << 5 | u128::from(flag)
}

/// The shard of a [`posting`].
pub(crate) fn posting_shard(p: u128) -> u32 {
    (p >> 80) as u32
}

/// The bigram, bulletin number and flag of a [`posting`].
pub(crate) fn posting_parts(p: u128) -> ((char, char), u32, u8) {
    let pair = (p >> 37) & ((1 << 42) - 1);
    let a = char::from_u32((pair >> 21) as u32).unwrap_or('\u{fffd}');
    let b = char::from_u32((pair & 0x1f_ffff) as u32).unwrap_or('\u{fffd}');
    ((a, b), (p >> 5) as u32, (p & 31) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_pack_and_unpack() {
        for (pair, flag) in [
            (('固', '投'), 23),
            (('a', '1'), 0),
            (('\u{10ffff}', '𠀀'), 7),
        ] {
            assert_eq!(unpack(pack(pair, flag)), Some((pair, flag)));
            assert!(pack(pair, flag) < 1 << 48);
        }
    }

    /// The postings of the 16 shards of `docs`, group by group.
    fn every_posting(store: &Store, docs: &HashMap<u64, u32>) -> Vec<u128> {
        let mut scratch = Scratch::default();
        (0..16)
            .flat_map(|g| {
                store.postings(g, 16, 16, docs, &mut scratch);
                scratch.postings.clone()
            })
            .collect()
    }

    #[test]
    fn a_store_gives_each_shard_the_postings_of_the_bulletins_it_is_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        for store in [Store::memory(), Store::open(Some(dir.path().join("s")))] {
            store.add(7, &[(('固', '投'), 2, true), (('资', '产'), 1, false)]);
            store.add(9, &[(('固', '投'), 1, false)]);
            assert!(store.has(7) && !store.has(8));
            store.begin();
            let docs: HashMap<u64, u32> = [(7, 1), (9, 0)].into_iter().collect();
            let all = every_posting(&store, &docs);
            let gt = shard_of(('固', '投'), 16);
            assert!(all.contains(&posting(gt, ('固', '投'), 1, flag(2, true))));
            assert!(all.contains(&posting(gt, ('固', '投'), 0, flag(1, false))));
            let gt_docs: Vec<u32> = all
                .iter()
                .map(|&p| posting_parts(p))
                .filter(|p| p.0 == ('固', '投'))
                .map(|p| p.1)
                .collect();
            assert_eq!(gt_docs, [0, 1], "sorted by shard, bigram, bulletin");
            assert_eq!(all.len(), 3);
            store.end(&docs);
            // bulletin 9 went: its postings are no more
            let docs: HashMap<u64, u32> = [(7, 0)].into_iter().collect();
            let all = every_posting(&store, &docs);
            assert_eq!(all.len(), 2);
            store.end(&docs);
        }
        // kept for the next run by the same binary
        let again = Store::open(Some(dir.path().join("s")));
        assert!(again.has(7) && !again.has(9));
    }
}
