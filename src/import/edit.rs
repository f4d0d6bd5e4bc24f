//! A YAML text as a tree of nodes with byte spans (from saphyr's marks), and edits of
//! the text at those spans: replace a scalar or a whole node, add an entry to a mapping
//! or an item to a sequence (block or flow), in the file's own indentation and line
//! ending. Everything the edits do not touch stays byte for byte as it was: comments,
//! key order, quoting, blank lines. It knows nothing of indicators (that is the caller's,
//! `import`); it never parses a value's meaning beyond its text.

use std::ops::Range;

use saphyr::ScalarStyle;
use saphyr_parser::{Event, Parser, Span};

#[derive(Debug, Clone)]
pub(crate) enum Kind {
    /// `editable`: plain or quoted on one line (a block scalar is not replaced).
    Scalar {
        value: String,
        editable: bool,
    },
    Map {
        flow: bool,
        entries: Vec<(Node, Node)>,
    },
    Seq {
        flow: bool,
        items: Vec<Node>,
    },
    /// An alias (`*name`): never edited.
    Alias,
}

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub kind: Kind,
    /// Byte offsets in the text: where the node starts and one past where it ends (a
    /// flow collection's closing bracket included; a block collection ends with its last
    /// child).
    pub start: usize,
    pub end: usize,
}

impl Node {
    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    pub fn entry(&self, key: &str) -> Option<&(Node, Node)> {
        match &self.kind {
            Kind::Map { entries, .. } => entries.iter().find(|(k, _)| k.scalar() == Some(key)),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[(Node, Node)] {
        match &self.kind {
            Kind::Map { entries, .. } => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.kind {
            Kind::Seq { items, .. } => items,
            _ => &[],
        }
    }

    pub fn is_map(&self) -> bool {
        matches!(self.kind, Kind::Map { .. })
    }
}

/// A parsed text and the edits asked of it so far.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub root: Option<Node>,
    /// `\r\n` when the file's first line ends so.
    pub newline: &'static str,
    edits: Vec<(Range<usize>, String)>,
}

/// Why an edit cannot be made; the caller turns it into a located diagnostic.
#[derive(Debug)]
pub(crate) struct EditError {
    pub at: usize,
    pub message: crate::lang::Text,
}

struct Frame {
    map: bool,
    flow: bool,
    start: usize,
    children: Vec<Node>,
}

impl<'a> Doc<'a> {
    /// Parses `text` (without a byte-order mark). None when saphyr cannot read it (the
    /// caller has already checked that serde_yaml can: this does not happen in practice).
    pub fn parse(text: &'a str) -> Option<Doc<'a>> {
        // saphyr's marks count characters: the byte offset of every character index.
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        let at = |span: &Span| bytes.get(span.start.index()).copied().unwrap_or(text.len());
        let mut stack: Vec<Frame> = Vec::new();
        let mut root = None;
        let mut parser = Parser::new_from_str(text);
        let finish =
            |node: Node, stack: &mut Vec<Frame>, root: &mut Option<Node>| match stack.last_mut() {
                Some(f) => f.children.push(node),
                None => *root = Some(node),
            };
        for event in &mut parser {
            let (event, span) = event.ok()?;
            match event {
                Event::Scalar(value, style, _, _) => {
                    let start = at(&span);
                    let (end, editable) = scalar_end(text, start, &value, style);
                    let end = end.unwrap_or_else(|| {
                        let e = bytes.get(span.end.index()).copied().unwrap_or(text.len());
                        start.max(e - trailing_space(&text[..e]))
                    });
                    let node = Node {
                        kind: Kind::Scalar {
                            value: value.into_owned(),
                            editable,
                        },
                        start,
                        end,
                    };
                    finish(node, &mut stack, &mut root);
                }
                Event::Alias(_) => {
                    let start = at(&span);
                    let end = bytes.get(span.end.index()).copied().unwrap_or(text.len());
                    let node = Node {
                        kind: Kind::Alias,
                        start,
                        end: end.max(start),
                    };
                    finish(node, &mut stack, &mut root);
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let start = at(&span);
                    let map = matches!(event, Event::MappingStart(..));
                    let flow = text[start..].starts_with(if map { '{' } else { '[' });
                    stack.push(Frame {
                        map,
                        flow,
                        start,
                        children: Vec::new(),
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    let f = stack.pop()?;
                    let end = if f.flow {
                        let close = if f.map { '}' } else { ']' };
                        let from = f.children.last().map_or(f.start + 1, |c| c.end);
                        from + text[from..].find(close)? + 1
                    } else {
                        f.children.last().map_or(f.start, |c| c.end)
                    };
                    let kind = if f.map {
                        let mut entries = Vec::new();
                        let mut it = f.children.into_iter();
                        while let (Some(k), Some(v)) = (it.next(), it.next()) {
                            entries.push((k, v));
                        }
                        Kind::Map {
                            flow: f.flow,
                            entries,
                        }
                    } else {
                        Kind::Seq {
                            flow: f.flow,
                            items: f.children,
                        }
                    };
                    let node = Node {
                        kind,
                        start: f.start,
                        end,
                    };
                    finish(node, &mut stack, &mut root);
                }
                Event::DocumentEnd | Event::StreamEnd if root.is_some() => break,
                _ => {}
            }
        }
        let newline = match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        };
        Some(Doc {
            text,
            root,
            newline,
            edits: Vec::new(),
        })
    }

    /// The text with every edit applied.
    pub fn finish(mut self) -> String {
        // Stable: insertions at one offset keep the order they were asked in.
        self.edits.sort_by_key(|(r, _)| r.start);
        let mut out = String::with_capacity(self.text.len() + 256);
        let mut at = 0;
        for (range, text) in &self.edits {
            out.push_str(&self.text[at..range.start]);
            out.push_str(text);
            at = range.end.max(at);
        }
        out.push_str(&self.text[at..]);
        out
    }

    pub fn edits(&self) -> usize {
        self.edits.len()
    }

    /// Replaces a one-line scalar with `with` (a YAML scalar as it should be written).
    pub fn replace_scalar(&mut self, node: &Node, with: String) -> Result<(), EditError> {
        match node.kind {
            Kind::Scalar { editable: true, .. } => {
                self.edits.push((node.start..node.end, with));
                Ok(())
            }
            _ => Err(EditError {
                at: node.start,
                message: text!(
                    "this value is not a plain figure on one line; edit it by hand",
                    "这个值不是单独一行的数，请手工修改"
                ),
            }),
        }
    }

    /// Replaces a whole node (a scalar, or a mapping written in flow or block style) with
    /// a flow value: `{ value: 170, qualifier: 以上 }`. A block mapping's place keeps its
    /// line break: the flow value goes where its first key was.
    pub fn replace_node(&mut self, node: &Node, with: String) -> Result<(), EditError> {
        match node.kind {
            Kind::Alias
            | Kind::Scalar {
                editable: false, ..
            } => Err(EditError {
                at: node.start,
                message: text!(
                    "this value is an alias or a block of text; edit it by hand",
                    "这个值是别名或一段文字，请手工修改"
                ),
            }),
            _ => {
                self.edits.push((node.start..node.end, with));
                Ok(())
            }
        }
    }

    /// Replaces the text at `range` (the caller knows it spans whole nodes and the
    /// punctuation between them).
    pub fn replace_span(&mut self, range: Range<usize>, with: String) -> Result<(), EditError> {
        if range.start > range.end || range.end > self.text.len() {
            return Err(EditError {
                at: range.start.min(self.text.len()),
                message: text!("an edit out of the text", "修改位置超出了文件内容"),
            });
        }
        self.edits.push((range, with));
        Ok(())
    }

    /// Sets `key: value` in `map`: the scalar replaced when the key is there, else a new
    /// entry at the end of the mapping.
    pub fn set(&mut self, map: &Node, key: &str, value: String) -> Result<(), EditError> {
        match map.get(key) {
            Some(old) => self.replace_scalar(old, value),
            None => self.insert_entry(map, None, key, &value),
        }
    }

    /// Adds `key: value` to a mapping, after the entry `after` (an index), or as its
    /// first entry when `after` is None and the mapping has entries, or at its end when
    /// it has none. `value` is one line, or (block mapping only) a block starting with a
    /// newline whose lines are indented relative to the key by the caller's `indent_of`.
    pub fn insert_entry(
        &mut self,
        map: &Node,
        after: Option<usize>,
        key: &str,
        value: &str,
    ) -> Result<(), EditError> {
        let Kind::Map { flow, entries } = &map.kind else {
            return Err(EditError {
                at: map.start,
                message: text!("expected a mapping here", "此处应为映射（键: 值）"),
            });
        };
        let after = match after {
            Some(i) => Some(i),
            None if entries.is_empty() => None,
            None => {
                // Before the first entry.
                let first = &entries[0].0;
                if *flow {
                    self.edits
                        .push((first.start..first.start, format!("{key}: {value}, ")));
                } else {
                    let line = line_start(self.text, first.start);
                    let indent = self.indent_at(first.start);
                    if line + indent.len() != first.start {
                        // The first key shares its line with a `- `: put the new entry
                        // after it rather than break the item.
                        return self.insert_entry(map, Some(0), key, value);
                    }
                    let nl = self.newline;
                    self.edits
                        .push((line..line, format!("{indent}{key}: {value}{nl}")));
                }
                return Ok(());
            }
        };
        if *flow {
            match after {
                Some(i) => {
                    let end = entries[i].1.end;
                    self.edits.push((end..end, format!(", {key}: {value}")));
                }
                None => {
                    let at = map.start + 1;
                    self.edits.push((at..at, format!("{key}: {value}")));
                }
            }
            return Ok(());
        }
        let Some(i) = after else {
            return Err(EditError {
                at: map.start,
                message: text!(
                    "an empty block mapping cannot be added to",
                    "无法向空的块映射中添加内容"
                ),
            });
        };
        let indent = self.indent_at(entries[0].0.start);
        let end = entries[i].1.end;
        // A block value starts on the next line: no space after the colon.
        let colon = if value.starts_with('\n') { ":" } else { ": " };
        self.insert_line(end, &format!("{indent}{key}{colon}{value}"));
        Ok(())
    }

    /// Adds an item at the end of a sequence: `item` is one line of flow YAML, or a block
    /// whose first line follows the `- ` and whose other lines start with `rest_indent`
    /// (spaces beyond the dash's column) — the caller writes them.
    pub fn push_item(&mut self, seq: &Node, item: &str) -> Result<(), EditError> {
        self.push_item_spaced(seq, item, false)
    }

    /// [`Doc::push_item`], after a blank line when `blank` (a block list whose items
    /// are set apart so).
    pub fn push_item_spaced(
        &mut self,
        seq: &Node,
        item: &str,
        blank: bool,
    ) -> Result<(), EditError> {
        let Kind::Seq { flow, items } = &seq.kind else {
            return Err(EditError {
                at: seq.start,
                message: text!("expected a list here", "此处应为列表"),
            });
        };
        if *flow {
            match items.last() {
                Some(last) => {
                    let end = last.end;
                    self.edits.push((end..end, format!(", {item}")));
                }
                None => {
                    let at = seq.start + 1;
                    self.edits.push((at..at, item.to_string()));
                }
            }
            return Ok(());
        }
        let indent = self.indent_at(seq.start);
        let end = items.last().map_or(seq.start, |l| l.end);
        let blank = if blank { "\n" } else { "" };
        self.insert_line(end, &format!("{blank}{indent}- {item}"));
        Ok(())
    }

    /// The whitespace before the node at `at` on its line, or, when other text comes
    /// first (`  - id: x`), as many spaces as characters before it.
    pub fn indent_at(&self, at: usize) -> String {
        let line = line_start(self.text, at);
        let before = &self.text[line..at];
        if before.chars().all(|c| c == ' ' || c == '\t') {
            before.to_string()
        } else {
            " ".repeat(before.chars().count())
        }
    }

    /// Adds `line` (several lines joined with `\n`; the file's newline is used) on a new
    /// line after the line holding `after`.
    pub fn insert_line(&mut self, after: usize, line: &str) {
        let nl = self.newline;
        let lines = line.replace('\n', nl);
        match self.text[after..].find('\n') {
            Some(i) => {
                let at = after + i + 1;
                self.edits.push((at..at, format!("{lines}{nl}")));
            }
            None => {
                let at = self.text.len();
                self.edits.push((at..at, format!("{nl}{lines}")));
            }
        }
    }

    /// Adds text at the end of the file, on a line of its own.
    pub fn append(&mut self, lines: &str) {
        let nl = self.newline;
        let lines = lines.replace('\n', nl);
        let at = self.text.len();
        let sep = if self.text.is_empty() || self.text.ends_with('\n') {
            ""
        } else {
            nl
        };
        self.edits.push((at..at, format!("{sep}{lines}{nl}")));
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn trailing_space(text: &str) -> usize {
    text.len() - text.trim_end().len()
}

/// Where a scalar that starts at `start` ends, and whether it can be replaced: a plain
/// scalar on one line is its value as written; a quoted one runs to its closing quote.
/// None for a block scalar (`|`, `>`) or a plain scalar over several lines.
fn scalar_end(text: &str, start: usize, value: &str, style: ScalarStyle) -> (Option<usize>, bool) {
    let rest = &text[start..];
    match style {
        ScalarStyle::Plain if !value.contains('\n') && rest.starts_with(value) => {
            (Some(start + value.len()), true)
        }
        ScalarStyle::SingleQuoted => {
            let mut chars = rest.char_indices().skip(1).peekable();
            while let Some((i, c)) = chars.next() {
                if c == '\'' {
                    if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                        continue;
                    }
                    let one_line = !rest[..i].contains('\n');
                    return (Some(start + i + 1), one_line);
                }
            }
            (None, false)
        }
        ScalarStyle::DoubleQuoted => {
            let mut chars = rest.char_indices().skip(1);
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => {
                        let one_line = !rest[..i].contains('\n');
                        return (Some(start + i + 1), one_line);
                    }
                    _ => {}
                }
            }
            (None, false)
        }
        _ => (None, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &str = "\
# figures of 2024
indicators:
  - id: gdp            # 地区生产总值
    name: 地区生产总值
    values:
      2023: 120.0
      2024: { value: 128.3, growth: 5.7 }   # 初步核算
  - id: share
    name: 比重
    values: { 2023: 77, 2024: 88 }
    ranks:
      - { period: 2024, scope: 全市, position: 2 }
";

    fn root(doc: &Doc) -> Node {
        doc.root.clone().unwrap()
    }

    #[test]
    fn spans_are_the_text_of_each_node() {
        let doc = Doc::parse(DATA).unwrap();
        let r = root(&doc);
        let gdp = &r.get("indicators").unwrap().items()[0];
        assert_eq!(
            &DATA[gdp.get("id").unwrap().start..gdp.get("id").unwrap().end],
            "gdp"
        );
        let v24 = gdp.get("values").unwrap().get("2024").unwrap();
        assert_eq!(&DATA[v24.start..v24.end], "{ value: 128.3, growth: 5.7 }");
        let values = &r.get("indicators").unwrap().items()[1]
            .get("values")
            .unwrap();
        assert_eq!(&DATA[values.start..values.end], "{ 2023: 77, 2024: 88 }");
        let rank = &r.get("indicators").unwrap().items()[1]
            .get("ranks")
            .unwrap()
            .items()[0];
        assert_eq!(rank.get("scope").unwrap().scalar(), Some("全市"));
    }

    #[test]
    fn edits_keep_every_other_byte() {
        let mut doc = Doc::parse(DATA).unwrap();
        let r = root(&doc);
        let items = r.get("indicators").unwrap().items();
        let gdp_values = items[0].get("values").unwrap();
        doc.insert_entry(gdp_values, Some(1), "2025", "135.2")
            .unwrap();
        let v24 = gdp_values.get("2024").unwrap();
        doc.set(v24, "growth", "5.8".into()).unwrap();
        let share_values = items[1].get("values").unwrap();
        doc.insert_entry(share_values, Some(1), "2025", "90")
            .unwrap();
        let ranks = items[1].get("ranks").unwrap();
        doc.push_item(ranks, "{ period: 2025, scope: 全市, position: 1 }")
            .unwrap();
        let out = doc.finish();
        assert_eq!(
            out,
            "\
# figures of 2024
indicators:
  - id: gdp            # 地区生产总值
    name: 地区生产总值
    values:
      2023: 120.0
      2024: { value: 128.3, growth: 5.8 }   # 初步核算
      2025: 135.2
  - id: share
    name: 比重
    values: { 2023: 77, 2024: 88, 2025: 90 }
    ranks:
      - { period: 2024, scope: 全市, position: 2 }
      - { period: 2025, scope: 全市, position: 1 }
"
        );
    }

    #[test]
    fn crlf_files_get_crlf_lines_and_a_missing_last_newline_is_added() {
        let text = "indicators:\r\n  - id: a\r\n    name: 甲\r\n    values:\r\n      2023: 1";
        let mut doc = Doc::parse(text).unwrap();
        let r = root(&doc);
        let values = r.get("indicators").unwrap().items()[0]
            .get("values")
            .unwrap();
        doc.insert_entry(values, Some(0), "2024", "2").unwrap();
        assert_eq!(
            doc.finish(),
            "indicators:\r\n  - id: a\r\n    name: 甲\r\n    values:\r\n      2023: 1\r\n      2024: 2"
        );
    }

    #[test]
    fn quoted_scalars_end_at_their_quote() {
        let text = "a: 'it''s' # c\nb: \"x\\\"y\"\n";
        let doc = Doc::parse(text).unwrap();
        let r = root(&doc);
        let a = r.get("a").unwrap();
        assert_eq!(&text[a.start..a.end], "'it''s'");
        let b = r.get("b").unwrap();
        assert_eq!(&text[b.start..b.end], "\"x\\\"y\"");
    }

    #[test]
    fn an_entry_before_the_first_goes_on_its_own_line() {
        let text = "values:\n  2024: 2\n";
        let mut doc = Doc::parse(text).unwrap();
        let r = root(&doc);
        doc.insert_entry(r.get("values").unwrap(), None, "2023", "1")
            .unwrap();
        assert_eq!(doc.finish(), "values:\n  2023: 1\n  2024: 2\n");
    }
}
