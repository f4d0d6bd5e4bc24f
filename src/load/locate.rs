//! Where a value (or a key) sits in a YAML file, recorded while the file is loaded.
//! serde_yaml gives positions only for its own errors; for "this value is wrong"
//! diagnostics made later (a duplicate id, an unknown reference, a figure that cannot be
//! right) the loader also reads the marks of every node into a [`Positions`] table: a
//! path of keys and indexes ([`Seg`]) → line, column and length. The model keeps the
//! table, not the text; nothing locates by parsing a text again.
//!
//! The marks are saphyr's (what `MarkedYaml` gave before the table: columns in
//! characters, a quoted scalar running to the end of its trailing comment, a node over
//! several lines one character long). Cost (ARCHITECTURE.md, "Performance"), on the 1.6 MB of data.yaml and
//! 2,201 front matters of a 2,000-bulletin corpus, one core, release: serde_yaml reads
//! the data in ~50 ms; saphyr's events alone took ~45 ms more, +60 ms of CPU (+23%) for
//! `check` with the front matters. So the common forms are read by [`quick`], a
//! one-pass reader that gives the same marks in ~7 ms (front matters ~4 ms), and saphyr
//! reads what it leaves (anchors, tags, block scalars…). Every data.yaml and front
//! matter of that corpus, the example site and the fixtures is read quickly and gives
//! saphyr's table, node for node (`tests`). Nodes are 24 bytes in document order, keys
//! interned per file: a data.yaml's table is ~1.4 times its text.

use std::collections::HashMap;

use saphyr::{Scalar, ScalarStyle};
use saphyr_parser::{Event, Marker, Parser, Span};

use crate::diagnostic::Position;

mod de;
mod quick;

/// The events a document's value was read from ([`de`]): what `load::parsed` keeps for the
/// next build, which reads the same text's value from them again without the quick reader.
pub(crate) struct Events(Vec<de::Ev>);

impl Events {
    /// Appends the events as bytes.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        de::encode(&self.0, out);
    }
}

/// The value of `text` from events [`Events::write`] wrote for this very text; None when
/// the bytes are not such events.
pub(crate) fn value_from<T: serde::de::DeserializeOwned>(text: &str, events: &[u8]) -> Option<T> {
    de::value(text, &de::decode(events)?)
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
    /// The key itself (not its value) of the last entry with this text in a mapping: where
    /// a mistyped or repeated key is. Ends a path.
    KeyNamed(&'a str),
}

/// The positions of every node of one YAML document, by path. Empty (every path
/// unknown) when saphyr could not read the document.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Positions {
    /// The nodes in document order: a collection is followed by its subtree.
    nodes: Box<[Node]>,
    /// The text of the keys, interned, one after the other: key `k` (`Node::key`) ends
    /// at `key_ends[k]`.
    keys: Box<str>,
    key_ends: Box<[u32]>,
    /// (alias node, anchored node): a path through an alias goes on in its anchor.
    aliases: Box<[(u32, u32)]>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Node {
    /// One past the last node of this node's subtree.
    end: u32,
    /// The key this node is the value of, in its mapping ([`NO_KEY`] for a sequence item,
    /// the root, or a key that is no text: a list, `true`, `null`).
    key: u32,
    /// Where that key is.
    key_at: Mark,
    /// Where the node is.
    at: Mark,
}

const NO_KEY: u32 = u32::MAX;

/// A position packed in 8 bytes: line and column in 24 bits each (a file is at most 10
/// MB: `load::MAX_TEXT_FILE`), the length in 16 (an underline longer than 65,535
/// characters is cut there).
#[derive(Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Mark(u64);

impl std::fmt::Debug for Mark {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let p = self.position();
        write!(f, "{}:{}+{}", p.line, p.col, p.len)
    }
}

impl Mark {
    fn new(line: usize, col: usize, len: usize) -> Mark {
        let cap = |v: usize, bits: u32| (v as u64).min((1 << bits) - 1);
        Mark(cap(line, 24) << 40 | cap(col, 24) << 16 | cap(len, 16))
    }

    /// The mark of a saphyr span, as `MarkedYaml` gives it: a node spread over several
    /// lines is one character long.
    fn of(span: &Span, first_line: usize) -> Mark {
        let (start, end) = (span.start, span.end);
        let len = if end.line() == start.line() {
            end.index().saturating_sub(start.index()).max(1)
        } else {
            1
        };
        Mark::new(start.line() + first_line - 1, start.col() + 1, len)
    }

    fn position(self) -> Position {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "24- and 16-bit fields of a u64"
        )]
        let field = |shift: u32, bits: u32| ((self.0 >> shift) & ((1 << bits) - 1)) as usize;
        Position::new(field(40, 24), field(16, 24)).with_len(field(0, 16))
    }
}

impl Positions {
    /// The table of `text`, a YAML document that starts at line `first_line` of its
    /// file (front matter starts at line 2).
    #[cfg(test)]
    pub fn build(text: &str, first_line: usize) -> Positions {
        let mut quick = Builder::new(first_line);
        if quick::read(text, &mut quick).is_some() {
            return quick.finish();
        }
        Builder::new(first_line).run(text).unwrap_or_default()
    }

    /// The table of `text` and, when [`de`] reads it from the quick reader's events, its
    /// value and those events: one pass over the text for both. No value when the quick
    /// reader leaves the text to saphyr or its value to serde_yaml.
    pub(crate) fn read<T: serde::de::DeserializeOwned>(
        text: &str,
        first_line: usize,
    ) -> (Option<(T, Events)>, Positions) {
        let mut b = Builder::new(first_line);
        b.events = Some(Recording {
            base: text.as_ptr() as usize,
            end: text.as_ptr() as usize + text.len(),
            list: Vec::with_capacity(text.len() / 8),
            spoiled: false,
        });
        if quick::read(text, &mut b).is_none() {
            return (None, Builder::new(first_line).run(text).unwrap_or_default());
        }
        let value = b.events.take().filter(|e| !e.spoiled).and_then(|e| {
            let value = de::value(text, &e.list)?;
            Some((value, Events(e.list)))
        });
        (value, b.finish())
    }

    /// The position of the value at `path`, or of the deepest node found on the way.
    pub fn locate(&self, path: &[Seg<'_>]) -> Option<Position> {
        let mut at = 0usize;
        let root = self.nodes.first()?;
        let mut mark = root.at;
        for seg in path {
            // The children of `at` (of its anchor, when it is an alias).
            let parent = self.anchor_of(at);
            let mut children = self.children(parent);
            let found = match *seg {
                Seg::Key(k) => children
                    .find(|&c| self.key(c) == Some(k))
                    .map(|c| (c, false)),
                Seg::KeyNamed(k) => children
                    .filter(|&c| self.key(c) == Some(k))
                    .last()
                    .map(|c| (c, true)),
                Seg::Index(i) => {
                    if self.is_sequence(parent) {
                        children.nth(i).map(|c| (c, false))
                    } else {
                        None
                    }
                }
            };
            match found {
                Some((c, true)) => {
                    mark = self.nodes[c].key_at;
                    break;
                }
                Some((c, false)) => {
                    at = c;
                    mark = self.nodes[c].at;
                }
                None => break,
            }
        }
        Some(mark.position())
    }

    /// Bytes held, for the record of what the table costs.
    #[cfg(test)]
    pub(crate) fn heap_size(&self) -> usize {
        size_of_val(&*self.nodes)
            + self.keys.len()
            + size_of_val(&*self.key_ends)
            + size_of_val(&*self.aliases)
    }

    fn anchor_of(&self, i: usize) -> usize {
        match self.aliases.binary_search_by_key(&(i as u32), |&(a, _)| a) {
            Ok(k) => self.aliases[k].1 as usize,
            Err(_) => i,
        }
    }

    /// The direct children of node `i`, in order.
    fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.nodes[i].end as usize;
        let mut next = i + 1;
        std::iter::from_fn(move || {
            (next < end).then(|| {
                let c = next;
                next = self.nodes[c].end as usize;
                c
            })
        })
    }

    fn key(&self, i: usize) -> Option<&str> {
        let k = self.nodes[i].key as usize;
        let end = *self.key_ends.get(k)? as usize;
        let start = k.checked_sub(1).map_or(0, |p| self.key_ends[p] as usize);
        self.keys.get(start..end)
    }

    /// A collection whose children have no keys: children of a mapping all carry one
    /// (or [`NO_KEY`] with a key mark), so a sequence is told by its first child's key
    /// mark being empty.
    fn is_sequence(&self, i: usize) -> bool {
        self.children(i)
            .next()
            .is_some_and(|c| self.nodes[c].key_at == Mark::default())
    }
}

/// The nodes still open while the events are read.
struct Builder {
    /// The line of the file the document starts at.
    first_line: usize,
    nodes: Vec<Node>,
    keys: String,
    key_ends: Vec<u32>,
    /// plain key text → index in `keys` (or NO_KEY when it reads as no text: `true`)
    plain: HashMap<Box<str>, u32>,
    quoted: HashMap<Box<str>, u32>,
    /// key text → index in `keys`
    resolved: HashMap<Box<str>, u32>,
    aliases: Vec<(u32, u32)>,
    /// anchor id → node
    anchors: HashMap<usize, u32>,
    open: Vec<Open>,
    /// Keys interned last, by a hash of their text: (key + 1, plain style); 0 is none.
    recent: [(u32, bool); RECENT],
    /// The events, when the quick reader reads a document whose value is wanted too
    /// ([`Positions::read`]).
    events: Option<Recording>,
}

/// The events the quick reader gives, recorded for [`de`].
struct Recording {
    /// Where the document's text starts in memory: a scalar's offset is its own start
    /// minus this (the quick reader hands out slices of the text).
    base: usize,
    end: usize,
    list: Vec<de::Ev>,
    /// A scalar was not a slice of the text: the value is left to serde_yaml.
    spoiled: bool,
}

const RECENT: usize = 64;

struct Open {
    node: u32,
    start: Marker,
    mapping: bool,
    /// The key read and waiting for its value (mappings only).
    key: Option<(u32, Mark)>,
    /// This collection is itself a key (`? [a, b]: x`): its subtree is dropped once read.
    is_key: bool,
}

impl Builder {
    fn new(first_line: usize) -> Builder {
        Builder {
            first_line,
            nodes: Vec::new(),
            keys: String::new(),
            key_ends: Vec::new(),
            plain: HashMap::new(),
            quoted: HashMap::new(),
            resolved: HashMap::new(),
            aliases: Vec::new(),
            anchors: HashMap::new(),
            open: Vec::new(),
            recent: [(0, false); RECENT],
            events: None,
        }
    }

    /// The table from saphyr's events.
    fn run(mut self, text: &str) -> Option<Positions> {
        let mut parser = Parser::new_from_str(text);
        while let Some(event) = parser.next_event() {
            let (event, span) = event.ok()?;
            match event {
                Event::StreamStart | Event::DocumentStart(_) | Event::Nothing => {}
                Event::DocumentEnd | Event::StreamEnd => break,
                Event::Scalar(value, style, anchor, Some(tag)) if self.awaits_key() => {
                    let _ = anchor;
                    let key = key_text(Scalar::parse_from_cow_and_metadata(
                        value,
                        style,
                        Some(&tag),
                    ))
                    .map_or(NO_KEY, |k| self.intern_resolved(k));
                    self.set_key(key, self.mark(&span));
                }
                Event::Scalar(value, style, anchor, _) => self.scalar(&value, style, &span, anchor),
                Event::Alias(id) => {
                    let mark = self.mark(&span);
                    if self.awaits_key() {
                        self.set_key(NO_KEY, mark);
                    } else {
                        let node = self.push(mark, 0, None);
                        if let Some(&target) = self.anchors.get(&id) {
                            self.aliases.push((node, target));
                        }
                    }
                }
                Event::SequenceStart(anchor, _) => self.start(false, span.start, anchor),
                Event::MappingStart(anchor, _) => self.start(true, span.start, anchor),
                Event::SequenceEnd | Event::MappingEnd => self.end(span.start)?,
            }
        }
        Some(self.finish())
    }

    fn finish(self) -> Positions {
        Positions {
            nodes: self.nodes.into(),
            keys: self.keys.into(),
            key_ends: self.key_ends.into(),
            aliases: self.aliases.into(),
        }
    }

    fn mark(&self, span: &Span) -> Mark {
        Mark::of(span, self.first_line)
    }

    /// A scalar: the key of the entry that follows in a mapping waiting for one, or a
    /// value.
    fn scalar(&mut self, text: &str, style: ScalarStyle, span: &Span, anchor: usize) {
        if let Some(events) = &mut self.events {
            let from = (text.as_ptr() as usize).wrapping_sub(events.base);
            let style = match style {
                ScalarStyle::Plain => Some(de::Style::Plain),
                ScalarStyle::SingleQuoted => Some(de::Style::Single),
                ScalarStyle::DoubleQuoted => Some(de::Style::Double),
                _ => None,
            };
            match (style, u32::try_from(from), u32::try_from(text.len())) {
                (Some(style), Ok(from), Ok(len))
                    if events.base + from as usize + text.len() <= events.end =>
                {
                    events.list.push(de::Ev::Scalar { from, len, style })
                }
                // not a slice of the text: nothing to read the value from
                _ => events.spoiled = true,
            }
        }
        let mark = self.mark(span);
        if self.awaits_key() {
            let key = self.intern(text, style);
            self.set_key(key, mark);
        } else {
            self.push(mark, anchor, None);
        }
    }

    /// A mapping or a sequence starts at `start`.
    fn start(&mut self, mapping: bool, start: Marker, anchor: usize) {
        if let Some(events) = &mut self.events {
            events
                .list
                .push(if mapping { de::Ev::Map } else { de::Ev::Seq });
        }
        let is_key = self.awaits_key();
        let mark = self.mark(&Span::new(start, start));
        self.push(mark, anchor, Some((start, mapping, is_key)));
    }

    /// The collection open last ends where its end event starts (as `MarkedYaml` ends
    /// it); None when none is open.
    fn end(&mut self, at: Marker) -> Option<()> {
        let open = self.open.pop()?;
        if let Some(events) = &mut self.events {
            events.list.push(de::Ev::End);
        }
        let i = open.node as usize;
        self.nodes[i].at = self.mark(&Span::new(open.start, at));
        self.nodes[i].end = self.nodes.len() as u32;
        if open.is_key {
            let mark = self.nodes[i].at;
            self.nodes.truncate(i);
            self.set_key(NO_KEY, mark);
        }
        Some(())
    }

    fn awaits_key(&self) -> bool {
        self.open
            .last()
            .is_some_and(|o| o.mapping && o.key.is_none())
    }

    fn set_key(&mut self, key: u32, mark: Mark) {
        if let Some(open) = self.open.last_mut() {
            open.key = Some((key, mark));
        }
    }

    /// A node for a value, under the key waiting in its mapping if any.
    /// `collection`: (where it starts, whether a mapping, whether it is itself a key).
    fn push(&mut self, at: Mark, anchor: usize, collection: Option<(Marker, bool, bool)>) -> u32 {
        let i = self.nodes.len() as u32;
        let (key, key_at) = match self.open.last_mut() {
            Some(o) if o.mapping => o.key.take().unwrap_or((NO_KEY, Mark::default())),
            _ => (NO_KEY, Mark::default()),
        };
        self.nodes.push(Node {
            end: i + 1,
            key,
            key_at,
            at,
        });
        if anchor > 0 {
            self.anchors.insert(anchor, i);
        }
        if let Some((start, mapping, is_key)) = collection {
            self.open.push(Open {
                node: i,
                start,
                mapping,
                key: None,
                is_key,
            });
        }
        i
    }

    /// The key `text` as `MarkedYaml` reads it (`2023` is the integer 2023, whose text is
    /// "2023"; `0x10` is 16; `true` and `null` are no text), interned.
    fn intern(&mut self, text: &str, style: ScalarStyle) -> u32 {
        let plain = style == ScalarStyle::Plain;
        // the same few keys come back again and again (`value`, `growth`, `2024`): a
        // small table of the last ones saves hashing them (a fifth of the reading)
        let slot = {
            let b = text.as_bytes();
            let byte = |i: usize| b.get(i).map_or(0, |&c| usize::from(c));
            (b.len() ^ byte(0) << 1 ^ byte(b.len() / 2) << 2 ^ byte(b.len().wrapping_sub(1)) << 3)
                % RECENT
        };
        let (k1, p) = self.recent[slot];
        if k1 != 0 && p == plain && self.key_text(k1 - 1) == text {
            return k1 - 1;
        }
        let k = self.intern_new(text, style, plain);
        // only a key that reads as its own text (a plain `0x10` reads as 16, `true` as
        // no text)
        if k != NO_KEY && self.key_text(k) == text {
            self.recent[slot] = (k + 1, plain);
        }
        k
    }

    fn key_text(&self, k: u32) -> &str {
        let k = k as usize;
        let start = k.checked_sub(1).map_or(0, |p| self.key_ends[p] as usize);
        &self.keys[start..self.key_ends[k] as usize]
    }

    fn intern_new(&mut self, text: &str, style: ScalarStyle, plain: bool) -> u32 {
        let seen = if plain { &self.plain } else { &self.quoted };
        if let Some(&k) = seen.get(text) {
            return k;
        }
        let k = if plain {
            key_text(Scalar::parse_from_cow_and_metadata(
                text.into(),
                style,
                None,
            ))
            .map_or(NO_KEY, |resolved| self.intern_resolved(resolved))
        } else {
            self.intern_resolved(text.to_string())
        };
        let seen = if plain {
            &mut self.plain
        } else {
            &mut self.quoted
        };
        seen.insert(text.into(), k);
        k
    }

    fn intern_resolved(&mut self, text: String) -> u32 {
        if let Some(&k) = self.resolved.get(text.as_str()) {
            return k;
        }
        let k = self.key_ends.len() as u32;
        self.keys.push_str(&text);
        self.key_ends.push(self.keys.len() as u32);
        self.resolved.insert(text.into_boxed_str(), k);
        k
    }
}

/// The text a key compares with, as `MarkedYaml` gives it.
fn key_text(scalar: Option<Scalar<'_>>) -> Option<String> {
    match scalar? {
        Scalar::String(s) => Some(s.into_owned()),
        Scalar::Integer(i) => Some(i.to_string()),
        Scalar::FloatingPoint(f) => Some(f.to_string()),
        Scalar::Boolean(_) | Scalar::Null => None,
    }
}

#[cfg(test)]
mod tests {
    use saphyr::{LoadableYamlNode, MarkedYaml, YamlData};

    use super::*;

    /// How positions were found before the table: the file parsed again into saphyr's
    /// tree and the path walked (kept as the oracle the table must agree with).
    fn reparsed(text: &str, path: &[Seg<'_>]) -> Option<Position> {
        let docs = MarkedYaml::load_from_str(text).ok()?;
        let mut node = docs.first()?;
        for seg in path {
            let next = match (seg, &node.data) {
                (Seg::Key(k), YamlData::Mapping(map)) => map
                    .iter()
                    .find(|(key, _)| scalar_text(key).as_deref() == Some(*k))
                    .map(|(_, v)| v),
                (Seg::KeyNamed(k), YamlData::Mapping(map)) => map
                    .iter()
                    .rfind(|(key, _)| scalar_text(key).as_deref() == Some(*k))
                    .map(|(key, _)| key),
                (Seg::Index(i), YamlData::Sequence(seq)) => seq.get(*i),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        let start = node.span.start;
        let len = node.span.end.index().saturating_sub(start.index()).max(1);
        let len = if node.span.end.line() == start.line() {
            len
        } else {
            1
        };
        Some(Position::new(start.line(), start.col() + 1).with_len(len))
    }

    fn scalar_text(node: &MarkedYaml<'_>) -> Option<String> {
        match &node.data {
            YamlData::Value(Scalar::String(s)) => Some(s.to_string()),
            YamlData::Value(Scalar::Integer(i)) => Some(i.to_string()),
            YamlData::Value(Scalar::FloatingPoint(f)) => Some(f.to_string()),
            YamlData::Representation(s, _, _) => Some(s.to_string()),
            _ => None,
        }
    }

    /// Every path of the document, with a missing key and index below each collection.
    fn paths(node: &MarkedYaml<'_>, prefix: &[String], out: &mut Vec<Vec<String>>) {
        out.push(prefix.to_vec());
        let step = |s: String| {
            let mut p = prefix.to_vec();
            p.push(s);
            p
        };
        match &node.data {
            YamlData::Mapping(map) => {
                out.push(step("k:no such key".into()));
                for (k, v) in map {
                    if let Some(k) = scalar_text(k) {
                        out.push(step(format!("n:{k}")));
                        paths(v, &step(format!("k:{k}")), out);
                    }
                }
            }
            YamlData::Sequence(seq) => {
                out.push(step(format!("i:{}", seq.len())));
                for (i, v) in seq.iter().enumerate() {
                    paths(v, &step(format!("i:{i}")), out);
                }
            }
            _ => out.push(step("k:below a scalar".into())),
        }
    }

    fn segs(path: &[String]) -> Vec<Seg<'_>> {
        path.iter()
            .map(|s| match s.split_at(2) {
                ("k:", k) => Seg::Key(k),
                ("n:", k) => Seg::KeyNamed(k),
                (_, i) => Seg::Index(i.parse().expect("an index")),
            })
            .collect()
    }

    /// The table finds what parsing the text again found, at every path of real files
    /// and of the forms YAML allows (flow and block, quoted keys, multi-line values,
    /// anchors, keys that read as numbers).
    #[test]
    fn the_table_agrees_with_parsing_again() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = walkdir::WalkDir::new(root.join("content"))
            .into_iter()
            .chain(walkdir::WalkDir::new(root.join("tests/fixtures")))
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        texts.push(std::fs::read_to_string(root.join("site.yaml")).expect("site.yaml"));
        texts.extend(
            [
                "a: { b: [1, 2, {c: 3}], 'd': \"x\" }\n",
                "values:\n  2023: 1\n  '2024': 2\n  0x10: 3\n  1.50: 4\n  true: 5\n  ~: 6\n",
                "base: &b { value: 1, growth: 2 }\nvalues:\n  2023: *b\n  2024: { <<: *b }\n",
                "text: |\n  two\n  lines\nnext: >-\n  folded\n  too\nplain: a\n  b\n",
                "- - 1\n  - 2\n- [3, [4]]\n- { ? [x, y] : z, w: 1 }\n",
                "? complex\n: value\n\"q\\u0041\": 1\n名称: 地区生产总值\n指标: { 增速: 5.5 }\n",
                "",
                "just a scalar\n",
                "- !!str 2023\n- !custom { a: 1 }\n",
                "a: 1\n---\nb: 2\n",
            ]
            .map(String::from),
        );
        let mut checked = 0;
        for text in &texts {
            // the oracle parses the text again for each path: small files only
            if text.len() > 20_000 {
                continue;
            }
            let Ok(docs) = MarkedYaml::load_from_str(text) else {
                continue;
            };
            let table = Positions::build(text, 1);
            let mut all = Vec::new();
            if let Some(doc) = docs.first() {
                paths(doc, &[], &mut all);
            }
            for path in &all {
                let segs = segs(path);
                assert_eq!(
                    table.locate(&segs),
                    reparsed(text, &segs),
                    "{path:?} in\n{text}"
                );
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    /// saphyr's table of `text`.
    fn by_saphyr(text: &str) -> Option<Positions> {
        Builder::new(1).run(text)
    }

    /// The quick reader's table of `text`, when it reads it.
    fn by_quick(text: &str) -> Option<Positions> {
        let mut b = Builder::new(1);
        quick::read(text, &mut b).map(|()| b.finish())
    }

    /// The quick reader gives saphyr's table on every YAML file and front matter of the
    /// example site and the fixtures, and reads every one of them itself (none is left to
    /// saphyr, whose reading is six times slower), into a table at most twice the text.
    #[test]
    fn the_quick_reader_agrees_with_saphyr_on_the_repository() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read = 0;
        for entry in walkdir::WalkDir::new(root.join("content"))
            .into_iter()
            .chain(walkdir::WalkDir::new(root.join("tests/fixtures")))
            .filter_map(Result::ok)
            .filter(|e| {
                e.path()
                    .extension()
                    .is_some_and(|x| x == "yaml" || x == "md")
            })
        {
            let whole = std::fs::read_to_string(entry.path()).expect("read");
            // a Markdown file's front matter
            let text = match crate::load::yaml::front_matter(whole.as_bytes()) {
                _ if entry.path().extension().is_some_and(|x| x == "yaml") => whole.as_str(),
                crate::load::yaml::Front::Closed { yaml, .. } => &whole[yaml],
                _ => continue,
            };
            if text.trim().is_empty() {
                continue;
            }
            match by_quick(text) {
                Some(quick) => {
                    // what the model keeps instead of the text
                    assert!(
                        quick.heap_size() <= 2 * text.len() + 256,
                        "{}: {} bytes of positions for {} of text",
                        entry.path().display(),
                        quick.heap_size(),
                        text.len()
                    );
                    assert_eq!(Some(quick), by_saphyr(text), "{}", entry.path().display());
                    read += 1;
                }
                None => panic!("the quick reader left {} to saphyr", entry.path().display()),
            }
        }
        assert!(read > 10, "{read}");
    }

    /// Documents made of the forms the quick reader reads, mixed at random (and some it
    /// leaves to saphyr): where it reads one, its table is saphyr's, node for node.
    #[test]
    fn the_quick_reader_agrees_with_saphyr_on_generated_documents() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        const SCALARS: [&str; 34] = [
            "a#b",
            "-1",
            "?x",
            ":x",
            "x:y",
            "'a: b'",
            "  padded",
            "\"tail\"  ",
            "1e3",
            "某某局（中心）",
            "gdp",
            "2024",
            "2024-01~06",
            "5.7",
            "-0.3",
            "地区生产总值",
            "\"%\"",
            "'亿元'",
            "a b  c",
            "x # not a comment in quotes?",
            "\"a: b # c\"",
            "'it''s'",
            "\"q\\\"x\"",
            "true",
            "~",
            "null",
            "0x10",
            "1.50",
            "-",
            "3个",
            "a[b]c",
            "http://x.cn/a?b=1",
            "\"\"",
            "2024H1",
        ];
        let mut accepted = 0;
        let mut valued = 0;
        let total = 6000;
        for round in 0..total {
            let mut text = String::new();
            gen_block(&mut text, 0, 0, &mut next, &SCALARS);
            if round % 7 == 0 {
                text = text.replace('\n', "\r\n");
            }
            if round % 5 == 0 {
                text.pop();
            }
            let Some(quick) = by_quick(&text) else {
                continue;
            };
            // the value read from the same pass is serde_yaml's (`de`)
            if let (Some((value, _)), _) = Positions::read::<serde_yaml::Value>(&text, 1) {
                let slow = serde_yaml::from_str::<serde_yaml::Value>(&text);
                assert_eq!(
                    format!("{:?}", Ok::<_, ()>(value)),
                    format!("{:?}", slow.map_err(|_| ())),
                    "{text:?}"
                );
                valued += 1;
            }
            // a text saphyr refuses never reaches the table unless libyaml took it (then
            // the quick reader's positions are more than saphyr gave: none)
            let Some(saphyr) = by_saphyr(&text) else {
                assert!(
                    serde_yaml::from_str::<serde_yaml::Value>(&text).is_ok(),
                    "read quickly, refused by saphyr and libyaml: {text:?}"
                );
                continue;
            };
            accepted += 1;
            assert_eq!(quick, saphyr, "{text:?}");
        }
        assert!(accepted > total / 4, "{accepted} of {total} read quickly");
        assert!(valued > total / 5, "{valued} of {total} valued quickly");
    }

    fn gen_scalar(next: &mut impl FnMut(usize) -> usize, scalars: &[&str]) -> String {
        let s = scalars[next(scalars.len())];
        // a scalar written as a key must be one
        s.to_string()
    }

    fn gen_flow(
        out: &mut String,
        depth: usize,
        next: &mut impl FnMut(usize) -> usize,
        scalars: &[&str],
    ) {
        let mapping = next(2) == 0;
        out.push(if mapping { '{' } else { '[' });
        let n = next(4);
        for i in 0..n {
            out.push_str([" ", "", "\n      ", "  "][next(4)]);
            if mapping {
                out.push_str(&gen_scalar(next, scalars));
                out.push_str(": ");
            }
            if depth < 3 && next(4) == 0 {
                gen_flow(out, depth + 1, next, scalars);
            } else {
                out.push_str(&gen_scalar(next, scalars));
            }
            if i + 1 < n || next(3) == 0 {
                out.push(',');
            }
            if next(8) == 0 {
                out.push_str(" # note\n   ");
            }
        }
        out.push_str([" ", "", "\n    "][next(3)]);
        out.push(if mapping { '}' } else { ']' });
    }

    fn gen_block(
        out: &mut String,
        indent: usize,
        depth: usize,
        next: &mut impl FnMut(usize) -> usize,
        scalars: &[&str],
    ) {
        let seq = next(3) == 0;
        let n = 1 + next(4);
        let pad = " ".repeat(indent);
        for _ in 0..n {
            if next(6) == 0 {
                out.push_str(&format!("{}# a comment\n", " ".repeat(next(6))));
            }
            if next(8) == 0 {
                out.push('\n');
            }
            out.push_str(&pad);
            if seq {
                out.push_str("- ");
                match next(4) {
                    0 if depth < 4 => {
                        // a mapping in the item, its first key on the dash's line
                        let mut inner = String::new();
                        gen_pairs(&mut inner, indent + 2, depth + 1, next, scalars);
                        out.push_str(&inner[indent + 2..]);
                        continue;
                    }
                    1 => gen_flow(out, 0, next, scalars),
                    _ => out.push_str(&gen_scalar(next, scalars)),
                }
                out.push_str(["", "  ", " # c"][next(3)]);
                out.push('\n');
            } else {
                let mut inner = String::new();
                gen_pair(&mut inner, indent, depth, next, scalars);
                out.push_str(&inner[indent..]);
            }
        }
    }

    fn gen_pairs(
        out: &mut String,
        indent: usize,
        depth: usize,
        next: &mut impl FnMut(usize) -> usize,
        scalars: &[&str],
    ) {
        for _ in 0..1 + next(3) {
            gen_pair(out, indent, depth, next, scalars);
        }
    }

    fn gen_pair(
        out: &mut String,
        indent: usize,
        depth: usize,
        next: &mut impl FnMut(usize) -> usize,
        scalars: &[&str],
    ) {
        out.push_str(&" ".repeat(indent));
        out.push_str(&gen_scalar(next, scalars));
        out.push(':');
        match next(5) {
            0 | 1 if depth < 4 => {
                out.push_str(["", " # c", "  "][next(3)]);
                out.push('\n');
                // nested, or a list at the key's own indent
                let deeper = if next(4) == 0 { indent } else { indent + 2 };
                gen_block(out, deeper, depth + 1, next, scalars);
            }
            2 => {
                out.push(' ');
                gen_flow(out, 0, next, scalars);
                out.push('\n');
            }
            _ => {
                out.push(' ');
                out.push_str(&gen_scalar(next, scalars));
                out.push_str(["", "  ", "   # 说明"][next(3)]);
                out.push('\n');
            }
        }
    }

    /// A 300,000-item flow list on one line (1.5 MB): each mark is counted on from the
    /// last one, not from the start of the line (which would take hours).
    #[test]
    fn a_huge_line_is_read_in_linear_time() {
        let text = format!("a: [{}]\nb: 1\n", vec!["gdp"; 300_000].join(", "));
        let started = std::time::Instant::now();
        let table = by_quick(&text).expect("read quickly");
        let p = table
            .locate(&[Seg::Key("a"), Seg::Index(299_999)])
            .expect("found");
        assert_eq!((p.line, p.col, p.len), (1, 5 + 5 * 299_999, 3));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn finds_a_nested_value() {
        let text =
            "indicators:\n  - id: gdp\n    name: 地区生产总值\n  - id: tax\n    share_of: 收入\n";
        let p = Positions::build(text, 1)
            .locate(&[Seg::Key("indicators"), Seg::Index(1), Seg::Key("share_of")])
            .unwrap();
        assert_eq!((p.line, p.col, p.len), (5, 15, 2));
        // front matter: lines count from where the YAML starts in its file
        let p = Positions::build("title: 公报\nparent: 六安\n", 2)
            .locate(&[Seg::Key("parent")])
            .unwrap();
        assert_eq!((p.line, p.col, p.len), (3, 9, 2));
    }

    #[test]
    fn finds_a_key_and_a_repeated_key() {
        // a period that is the same as another: the key, not its value
        let text = "values: { 2024H1: 77, 2024-01~06: 88 }\n";
        let p = Positions::build(text, 1)
            .locate(&[Seg::Key("values"), Seg::KeyNamed("2024-01~06")])
            .unwrap();
        assert_eq!((p.line, p.col, p.len), (1, 23, 10));
        // a period typed twice: the second one (saphyr's tree refused the file; its
        // error pointed there)
        let text = "a:\n  values: { 2023: 77, 2023: 88 }\n";
        let table = Positions::build(text, 1);
        let p = table
            .locate(&[Seg::Key("a"), Seg::Key("values"), Seg::KeyNamed("2023")])
            .unwrap();
        assert_eq!((p.line, p.col, p.len), (2, 23, 4));
        // ... and the value of the first is found too (the tree found nothing)
        let p = table
            .locate(&[Seg::Key("a"), Seg::Key("values"), Seg::Key("2023")])
            .unwrap();
        assert_eq!((p.line, p.col, p.len), (2, 19, 2));
    }

    /// What a file saphyr cannot read gives: no position (the diagnostic is at the file).
    #[test]
    fn an_unreadable_document_locates_nothing() {
        let table = Positions::build("a: [1, 2\n", 1);
        assert_eq!(table.locate(&[Seg::Key("a")]), None);
        assert_eq!(table, Positions::default());
    }
}
