//! What the last build made of each unit's `data.yaml`, for a build after an edit to skip
//! reading it again (issue 14: after one edit of a 10,000-bulletin site, a build must be
//! 3× faster than a clean one; reading the 1,000 data.yaml files with serde_yaml was a
//! quarter of such a build).
//!
//! Content-addressed: an entry is the file's text hash (xxh3-128, the one `Source`
//! carries) → the parsed [`RawData`] written as JSON, and the file's positions table. A
//! text that parsed once parses the same way again, so an entry is right for any file
//! with that text, in any site, as long as the binary is the same (the version is
//! checked). JSON, not postcard, because the raw structs' own `Deserialize` (exact
//! decimals from strings, periods, targets) reads it back: the cached path runs the same
//! code as YAML after the scalars are read. Only successful parses are kept; a file
//! with any diagnostic is read the slow way and reports as before.
//!
//! The file sits beside the build records in `.bulletin/`, one for each output folder as
//! they are (`data-<hash of the output path>.cache`: a build into a new folder reads
//! every file), is written aside and renamed, and is ignored when it cannot be read, is
//! too large, or comes from another binary: the build is then as without it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::locate::Positions;
use super::raw::RawData;

/// One data.yaml as the last build read it.
#[derive(Serialize, Deserialize)]
pub struct Entry {
    hash: u128,
    /// A string, not bytes: postcard writes a byte vector one varint at a time.
    json: String,
    positions: Positions,
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Entry({:032x}, {} bytes)", self.hash, self.json.len())
    }
}

impl Entry {
    /// The entry of a data.yaml whose text hashes to `hash` and was read into `data`
    /// with `positions`; None when `data` cannot be written (never, in practice).
    pub(crate) fn new(hash: u128, data: &RawData, positions: &Positions) -> Option<Entry> {
        Some(Entry {
            hash,
            json: serde_json::to_string(data).ok()?,
            positions: positions.clone(),
        })
    }
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    version: String,
    entries: Vec<Entry>,
}

/// The entries read at the start of a build, by text hash.
#[derive(Default)]
pub struct Parsed {
    entries: HashMap<u128, Entry>,
}

/// The largest cache file read.
const MAX_FILE: u64 = 1 << 30;

impl Parsed {
    /// `data` and its positions for a text hashing to `hash`, as the last build read
    /// it, and the entry again for the next build.
    pub(crate) fn get(&self, hash: u128) -> Option<(RawData, Positions, Entry)> {
        let e = self.entries.get(&hash)?;
        let data = serde_json::from_str(&e.json).ok()?;
        let again = Entry {
            hash,
            json: e.json.clone(),
            positions: e.positions.clone(),
        };
        Some((data, e.positions.clone(), again))
    }
}

/// Where the cache of a site lives.
pub struct ParsedFile {
    file: PathBuf,
    usable: bool,
    version: String,
}

impl ParsedFile {
    /// The cache of builds of the site at `root` into `output`: as the build records, one
    /// for each output folder, so that a build into a new folder is a clean one.
    pub fn new(root: &Path, output: &Path) -> ParsedFile {
        let name = format!(
            "data-{:016x}.cache",
            xxhash_rust::xxh3::xxh3_64(output.to_string_lossy().as_bytes())
        );
        let dir = root.join(".bulletin");
        // as the build records: a link there may lead anywhere, nothing goes through it
        let usable = match std::fs::symlink_metadata(&dir) {
            Ok(m) => m.is_dir(),
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        };
        ParsedFile {
            file: dir.join(name),
            usable,
            version: crate::engine::record::binary_version(),
        }
    }

    /// The entries the last build left; none when there are none or they are not ours.
    pub fn read(&self) -> Parsed {
        let sane = self.usable
            && std::fs::symlink_metadata(&self.file)
                .is_ok_and(|m| m.is_file() && m.len() < MAX_FILE);
        let Some(bytes) = sane.then(|| std::fs::read(&self.file).ok()).flatten() else {
            return Parsed::default();
        };
        match postcard::from_bytes::<CacheFile>(&bytes) {
            Ok(f) if f.version == self.version => Parsed {
                entries: f.entries.into_iter().map(|e| (e.hash, e)).collect(),
            },
            _ => Parsed::default(),
        }
    }

    /// Replaces the cache with `entries` (written aside, then renamed); a site folder
    /// that cannot be written keeps none, and nothing else changes.
    pub fn write(&self, entries: Vec<Entry>) {
        if !self.usable {
            return;
        }
        let file = CacheFile {
            version: self.version.clone(),
            entries,
        };
        let Ok(bytes) = postcard::to_allocvec(&file) else {
            return;
        };
        let Some(dir) = self.file.parent() else {
            return;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let aside = self.file.with_extension("cache.new");
        if std::fs::write(&aside, bytes).is_ok() && std::fs::rename(&aside, &self.file).is_err() {
            let _ = std::fs::remove_file(&aside);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diagnostic::Diagnostics;

    /// Every data.yaml of the repository (the example site, the fixtures, the proof
    /// sites): read from its cache entry, it is what serde_yaml read, to the last digit
    /// and scale of every decimal (compared by `Debug`, which prints them all), and its
    /// positions table is the same.
    #[test]
    fn every_data_yaml_of_the_repository_reads_back_the_same_from_its_entry() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = 0;
        for dir in ["content", "tests", "src/scaffold"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let entry = entry.unwrap();
                if entry.file_name() != "data.yaml" {
                    continue;
                }
                let text = std::fs::read_to_string(entry.path()).unwrap();
                let mut diags = Diagnostics::default();
                let Some((data, positions)) =
                    crate::load::yaml::parse_located::<RawData>(&text, entry.path(), 1, &mut diags)
                else {
                    continue;
                };
                let entry = Entry::new(7, &data, &positions).expect("written");
                let bytes = postcard::to_allocvec(&CacheFile {
                    version: "v".into(),
                    entries: vec![entry],
                })
                .unwrap();
                let file: CacheFile = postcard::from_bytes(&bytes).unwrap();
                let parsed = Parsed {
                    entries: file.entries.into_iter().map(|e| (e.hash, e)).collect(),
                };
                let (again, again_positions, _) = parsed.get(7).expect("read back");
                assert_eq!(format!("{again:?}"), format!("{data:?}"), "{text}");
                assert_eq!(again_positions, positions);
                files += 1;
            }
        }
        assert!(files >= 19, "{files} data.yaml files");
    }

    /// Decimals keep their scale and sign, targets their kind and qualifier, periods
    /// their form, a period typed twice both figures.
    #[test]
    fn figures_of_every_form_read_back_the_same() {
        let text = "indicators:\n  - id: a\n    name: 甲\n    unit: 亿元\n    kind: amount\n    decimals: 2\n    values:\n      2023: 36.40\n      2024: { value: \"36.450\", growth: -2.9, revised: true, note: 修订 }\n      2024Q3: 0.001\n      2024-01~09: 12\n      2022: 1\n      2022: 2\n    targets:\n      2024: { growth: 10, qualifier: 以上, note: 列入考核 }\n      2025: 170\n      2024~2026: { range: [2, 3] }\n      2026: { value: 5.50, qualifier: 左右 }\n    ranks:\n      - { period: 2024, scope: 全市, position: 2, by: growth }\n";
        let mut diags = Diagnostics::default();
        let (data, positions) =
            crate::load::yaml::parse_located::<RawData>(text, Path::new("d.yaml"), 1, &mut diags)
                .expect("parses");
        let entry = Entry::new(1, &data, &positions).unwrap();
        let parsed = Parsed {
            entries: [(1, entry)].into_iter().collect(),
        };
        let (again, _, _) = parsed.get(1).unwrap();
        assert_eq!(format!("{again:?}"), format!("{data:?}"));
        assert!(format!("{again:?}").contains("36.450"), "{again:?}");
    }
}
