//! What the last build made of each unit's `data.yaml` and each bulletin's front matter,
//! for a build after an edit to skip reading them again (issue 14: after one edit of a
//! 10,000-bulletin site, a build must be 3× faster than a clean one; reading the 1,000
//! data.yaml files with serde_yaml was a quarter of such a build, the 10,000 front
//! matters most of the rest of its loading).
//!
//! Content-addressed: an entry is a hash of the YAML text and what it was read as
//! ([`key`]) → the events the quick reader gave for the text (`load::locate::de`), and
//! the text's positions table. The next build, meeting the same text, reads its value
//! from those events again — the raw structs' own `Deserialize` over the same events,
//! so the cached path is the uncached one without the quick reader's pass over the
//! bytes — and takes the positions as they are. An entry is right for any file with
//! that text, in any site, as long as the binary is the same (the version is checked),
//! and its values can only come from the text itself. Only texts the quick path read
//! without a diagnostic are kept; any other is read as without the cache.
//!
//! The file holds the binary's version, then entry after entry: the key (16 bytes), the
//! body's length (4 bytes) and the body (the events' length, the events, the positions
//! in postcard). A build indexes the entries and decodes a body only when its text comes
//! again, and copies the entries it used into the next file as they are.
//!
//! The file sits beside the build records in `.bulletin/`, one for each output folder as
//! they are (`data-<hash of the output path>.cache`: a build into a new folder reads
//! every file), is written aside and renamed, and is ignored when it cannot be read, is
//! too large, or comes from another binary: the build is then as without it.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::de::DeserializeOwned;

use super::locate::{Events, Positions};

/// An entry's body: the length of the events (4 bytes), the events
/// ([`Events::write`]), then the positions table (postcard).
fn body(events: &Events, positions: &Positions) -> Option<Vec<u8>> {
    let mut body = vec![0; 4];
    events.write(&mut body);
    let len = u32::try_from(body.len() - 4).ok()?;
    body[..4].copy_from_slice(&len.to_le_bytes());
    postcard::to_extend(positions, body).ok()
}

/// The key of a YAML text read as `kind` (`"data"`, `"front"`) starting at line
/// `first_line` of its file: the same text read as another kind, or from another line,
/// parses to another thing.
pub(crate) fn key(kind: &str, first_line: usize, text: &str) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(kind.as_bytes());
    h.update(&first_line.to_le_bytes());
    h.update(text.as_bytes());
    h.digest128()
}

/// The cache file as read at the start of a build: its bytes, and where each entry's
/// body is. A body is decoded only when its text is met again, on the loading thread
/// that meets it (decoding all 11,000 of a 10,000-bulletin site up front took 40 ms on
/// one thread).
#[derive(Default)]
pub struct Parsed {
    bytes: Vec<u8>,
    index: HashMap<u128, std::ops::Range<usize>>,
}

/// The largest cache file read.
const MAX_FILE: u64 = 1 << 30;

impl Parsed {
    /// The value and positions of `text`, whose key is `hash`, as the last build read
    /// them; `sink` gets the entry again, as it is, for the next build.
    pub(crate) fn get<T: DeserializeOwned>(
        &self,
        hash: u128,
        text: &str,
        sink: &Sink,
    ) -> Option<(T, Positions)> {
        let body = &self.bytes[self.index.get(&hash)?.clone()];
        let (len, rest) = body.split_at_checked(4)?;
        let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
        let (events, positions) = rest.split_at_checked(len)?;
        let positions = postcard::from_bytes(positions).ok()?;
        let value = super::locate::value_from(text, events)?;
        sink.write(hash, body);
        Some((value, positions))
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.index.len()
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

    /// The entries the last build left; none when there are none or they are not ours
    /// (a file of the version, then entry after entry).
    pub fn read(&self) -> Parsed {
        let sane = self.usable
            && std::fs::symlink_metadata(&self.file)
                .is_ok_and(|m| m.is_file() && m.len() < MAX_FILE);
        let Some(bytes) = sane.then(|| std::fs::read(&self.file).ok()).flatten() else {
            return Parsed::default();
        };
        let Ok((version, rest)) = postcard::take_from_bytes::<String>(&bytes) else {
            return Parsed::default();
        };
        if version != self.version {
            return Parsed::default();
        }
        // entry after entry: the key (16 bytes), the body's length (4), the body
        let mut index = HashMap::new();
        let mut at = bytes.len() - rest.len();
        while at < bytes.len() {
            let Some(head) = bytes.get(at..at + 20) else {
                return Parsed::default();
            };
            let (hash, len) = head.split_at(16);
            let hash = u128::from_le_bytes(hash.try_into().unwrap_or_default());
            let len = u32::from_le_bytes(len.try_into().unwrap_or_default()) as usize;
            let body = at + 20..at + 20 + len;
            if body.end > bytes.len() {
                return Parsed::default();
            }
            index.insert(hash, body.clone());
            at = body.end;
        }
        Parsed { bytes, index }
    }

    /// A sink that writes the entries of this build as they are made, aside; the cache
    /// is replaced by [`ParsedFile::finish`]. Inert when `.bulletin/` cannot be used;
    /// nothing is made before the first entry (a mistyped `--root` makes no folder).
    pub fn sink(&self) -> Sink {
        Sink {
            out: Mutex::new(if self.usable {
                Out::Unopened(self.aside(), self.version.clone())
            } else {
                Out::None
            }),
        }
    }

    /// Puts the entries `sink` wrote in place of the cache (nothing when it wrote none
    /// or failed).
    pub fn finish(&self, sink: Sink) {
        let out = sink
            .out
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match out {
            Out::Open(out) => {
                if out.into_inner().is_err() || std::fs::rename(self.aside(), &self.file).is_err() {
                    let _ = std::fs::remove_file(self.aside());
                }
            }
            Out::Failed => {
                let _ = std::fs::remove_file(self.aside());
            }
            Out::None | Out::Unopened(..) => {}
        }
    }

    fn aside(&self) -> PathBuf {
        self.file.with_extension("cache.new")
    }
}

/// The entries of a build, written as loading makes them (nothing is held: at 10,000
/// bulletins the entries are ~30 MB). Shared by the loading threads.
pub struct Sink {
    out: Mutex<Out>,
}

enum Out {
    /// Writes nothing.
    None,
    /// The file to make (aside) and the version to start it with, on the first entry.
    Unopened(PathBuf, String),
    Open(BufWriter<File>),
    /// A write failed: no cache rather than a part of one.
    Failed,
}

impl Sink {
    /// A sink that writes nothing (`check`, `serve`, tests).
    pub fn none() -> Sink {
        Sink {
            out: Mutex::new(Out::None),
        }
    }

    /// Writes the entry of a text whose key is `hash`, its value read from `events`, with
    /// `positions`.
    pub(crate) fn put(&self, hash: u128, events: &Events, positions: &Positions) {
        if matches!(*self.lock(), Out::None | Out::Failed) {
            return;
        }
        if let Some(body) = body(events, positions) {
            self.write(hash, &body);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Out> {
        self.out
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self, hash: u128, body: &[u8]) {
        let Ok(len) = u32::try_from(body.len()) else {
            return;
        };
        let mut out = self.lock();
        if let Out::Unopened(aside, version) = &*out {
            *out = open(aside, version).map_or(Out::Failed, Out::Open);
        }
        if let Out::Open(o) = &mut *out {
            let written = o
                .write_all(&hash.to_le_bytes())
                .and_then(|()| o.write_all(&len.to_le_bytes()))
                .and_then(|()| o.write_all(body));
            if written.is_err() {
                *out = Out::Failed;
            }
        }
    }
}

/// The file `aside`, made (with its folder), starting with `version`.
fn open(aside: &Path, version: &str) -> Option<BufWriter<File>> {
    std::fs::create_dir_all(aside.parent()?).ok()?;
    let mut out = BufWriter::new(File::create(aside).ok()?);
    out.write_all(&postcard::to_allocvec(version).ok()?).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diagnostic::Diagnostics;
    use crate::load::raw::RawData;

    /// Writes `files` (text → what serde_yaml read) through a sink and reads them back
    /// from the cache file, as the next build does; each must come back the same, to the
    /// last digit and scale of every decimal (compared by `Debug`, which prints them all),
    /// with the same positions.
    fn round_trip(files: &[(String, RawData, Positions, Events)]) {
        let site = tempfile::tempdir().unwrap();
        let cache = ParsedFile::new(site.path(), Path::new("public"));
        let sink = cache.sink();
        for (k, (_, _, positions, events)) in files.iter().enumerate() {
            sink.put(k as u128, events, positions);
        }
        cache.finish(sink);
        let parsed = cache.read();
        assert_eq!(parsed.len(), files.len());
        for (k, (text, data, positions, _)) in files.iter().enumerate() {
            let (again, again_positions) = parsed
                .get::<RawData>(k as u128, text, &Sink::none())
                .expect("read back");
            assert_eq!(format!("{again:?}"), format!("{data:?}"), "{text}");
            assert_eq!(&again_positions, positions);
        }
    }

    /// A data.yaml read by the quick path (which every file the cache keeps is).
    fn parse(text: &str) -> Option<(String, RawData, Positions, Events)> {
        let mut diags = Diagnostics::default();
        crate::load::yaml::parse_with_events::<RawData>(text, Path::new("data.yaml"), 1, &mut diags)
            .map(|(d, p, e)| (text.to_string(), d, p, e.expect("read by the quick path")))
    }

    /// Every data.yaml of the repository: the example site, the fixtures, the proof sites
    /// and the one `bulletin new` writes.
    #[test]
    fn every_data_yaml_of_the_repository_reads_back_the_same_from_the_cache() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["content", "tests", "src/scaffold"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let entry = entry.unwrap();
                if entry.file_name() == "data.yaml" {
                    files.extend(parse(&std::fs::read_to_string(entry.path()).unwrap()));
                }
            }
        }
        assert!(files.len() >= 19, "{} data.yaml files", files.len());
        round_trip(&files);
    }

    /// Every bulletin's front matter in the repository reads back the same from the cache
    /// (titles, kickers as lines, periods, layouts, dates, the 版记's fields…).
    #[test]
    fn every_front_matter_of_the_repository_reads_back_the_same_from_the_cache() {
        use crate::load::raw::RawBulletin;
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = tempfile::tempdir().unwrap();
        let cache = ParsedFile::new(site.path(), Path::new("public"));
        let sink = cache.sink();
        let mut read = Vec::new();
        for dir in ["content", "tests", "src/scaffold"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let entry = entry.unwrap();
                if entry.path().extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let text = std::fs::read_to_string(entry.path()).unwrap();
                let mut diags = Diagnostics::default();
                let Some(fm) =
                    crate::load::yaml::split_front_matter(&text, entry.path(), &mut diags)
                else {
                    continue;
                };
                let Some((front, positions, Some(events))) =
                    crate::load::yaml::parse_with_events::<RawBulletin>(
                        fm.yaml,
                        entry.path(),
                        fm.yaml_line,
                        &mut diags,
                    )
                else {
                    continue;
                };
                let k = key("front", fm.yaml_line, fm.yaml);
                sink.put(k, &events, &positions);
                read.push((k, fm.yaml.to_string(), format!("{front:?}"), positions));
            }
        }
        cache.finish(sink);
        let parsed = cache.read();
        assert!(read.len() >= 15, "{} front matters", read.len());
        for (k, text, front, positions) in read {
            let (again, again_positions) = parsed
                .get::<RawBulletin>(k, &text, &Sink::none())
                .expect("read back");
            assert_eq!(format!("{again:?}"), front);
            assert_eq!(again_positions, positions);
        }
    }

    /// Decimals keep their scale and sign, targets their kind and qualifier, periods
    /// their form, a period typed twice both figures.
    #[test]
    fn figures_of_every_form_read_back_the_same() {
        let text = "indicators:\n  - id: a\n    name: 甲\n    unit: 亿元\n    kind: amount\n    decimals: 2\n    values:\n      2023: 36.40\n      2024: { value: \"36.450\", growth: -2.9, revised: true, note: 修订 }\n      2024Q3: 0.001\n      2024-01~09: 12\n      2022: 1\n      2022: 2\n    targets:\n      2024: { growth: 10, qualifier: 以上, note: 列入考核 }\n      2025: 170\n      2024~2026: { range: [2, 3] }\n      2026: { value: 5.50, qualifier: 左右 }\n    ranks:\n      - { period: 2024, scope: 全市, position: 2, by: growth }\n";
        let file = parse(text).expect("parses");
        assert!(format!("{:?}", file.1).contains("36.450"));
        round_trip(&[file]);
    }

    /// A cache file of garbage, or of another binary, is no cache.
    #[test]
    fn a_garbled_cache_is_none() {
        let site = tempfile::tempdir().unwrap();
        let cache = ParsedFile::new(site.path(), Path::new("public"));
        let sink = cache.sink();
        let (_, _, positions, events) = parse("indicators: []\n").unwrap();
        sink.put(1, &events, &positions);
        cache.finish(sink);
        assert_eq!(cache.read().len(), 1);
        let mut bytes = std::fs::read(&cache.file).unwrap();
        bytes.truncate(bytes.len() - 3);
        std::fs::write(&cache.file, &bytes).unwrap();
        assert_eq!(cache.read().len(), 0);
        std::fs::write(&cache.file, b"\xff\x00garbage").unwrap();
        assert_eq!(cache.read().len(), 0);
    }
}
