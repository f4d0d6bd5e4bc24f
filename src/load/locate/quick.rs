//! The positions of a YAML document in the forms the site's files use — block mappings
//! and lists, flow mappings and lists (over several lines too), plain and quoted
//! one-line scalars, comments — read in one pass over the bytes, giving the builder the
//! marks saphyr's events would. It stops (`None`) at the first thing it does not read
//! (anchors, aliases, tags, block scalars, scalars over several lines, empty values,
//! complex keys, document markers, tabs, a lone CR…), and saphyr reads the file.
//!
//! Why (ARCHITECTURE.md, "Performance"): saphyr reads 1.6 MB of data.yaml in ~42 ms on this machine, a
//! quarter of `check`'s CPU on a 2,000-bulletin corpus; this reads it in a few. Its marks
//! are checked against saphyr's, table for table, on generated documents and on every
//! YAML file of the repository (`locate::tests`).

use saphyr::ScalarStyle;
use saphyr_parser::{Marker, Span};

use super::Builder;

/// Reads `text` into `sink`; None when it holds a form this reader leaves to saphyr.
pub(super) fn read(text: &str, sink: &mut Builder) -> Option<()> {
    if text.contains('\t') {
        return None;
    }
    let mut r = Reader {
        b: text.as_bytes(),
        text,
        pos: 0,
        line: 1,
        line_start: 0,
        line_index: 0,
        col_at: (0, 0),
        sink,
        blocks: Vec::new(),
    };
    r.document()
}

struct Block {
    /// The column of its keys or dashes.
    indent: usize,
    seq: bool,
}

struct Reader<'a, 'b> {
    b: &'a [u8],
    text: &'a str,
    pos: usize,
    /// The line `pos` is on (1-based), the byte where it starts and that byte's index in
    /// characters.
    line: usize,
    line_start: usize,
    line_index: usize,
    /// (byte, column) of the last mark made on this line, to count from.
    col_at: (usize, usize),
    sink: &'b mut Builder,
    blocks: Vec<Block>,
}

fn is_blank_or_end(b: Option<&u8>) -> bool {
    matches!(b, None | Some(b' ' | b'\n' | b'\r'))
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

impl Reader<'_, '_> {
    /// The marker of byte `at` on the current line.
    fn marker(&mut self, at: usize) -> Marker {
        let (from, col) = if at >= self.col_at.0 && self.col_at.0 >= self.line_start {
            self.col_at
        } else {
            (self.line_start, 0)
        };
        let col = col
            + self.b[from..at]
                .iter()
                .filter(|&&c| c & 0xC0 != 0x80)
                .count();
        self.col_at = (at, col);
        Marker::new(self.line_index + col, self.line, col)
    }

    fn span(&mut self, from: usize, to: usize) -> Span {
        let start = self.marker(from);
        let end = self.marker(to);
        Span::new(start, end)
    }

    /// Moves past the line break at `pos` (LF or CRLF).
    fn newline(&mut self) -> Option<()> {
        match self.b.get(self.pos) {
            Some(b'\n') => {}
            Some(b'\r') if self.b.get(self.pos + 1) == Some(&b'\n') => self.pos += 1,
            _ => return None,
        }
        // `pos` is on the LF: the next line starts one character after it
        let at = self.pos + 1;
        self.line_index = self.marker(self.pos).index() + 1;
        self.pos = at;
        self.line += 1;
        self.line_start = at;
        self.col_at = (at, 0);
        Some(())
    }

    fn spaces(&mut self) {
        while self.b.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
    }

    /// At the end of a line's content: spaces, a comment, then the line break (or the
    /// end of the text).
    fn line_end(&mut self) -> Option<()> {
        self.spaces();
        if self.b.get(self.pos) == Some(&b'#') {
            while !matches!(self.b.get(self.pos), None | Some(b'\n' | b'\r')) {
                self.pos += 1;
            }
        }
        match self.b.get(self.pos) {
            None => Some(()),
            Some(_) => self.newline(),
        }
    }

    fn document(&mut self) -> Option<()> {
        let mut awaiting: Option<(usize, bool)> = None;
        let mut started = false;
        loop {
            // the next line with content
            let indent = loop {
                let start = self.pos;
                self.spaces();
                match self.b.get(self.pos) {
                    None => break None,
                    Some(b'#' | b'\n' | b'\r') => {
                        self.pos = start;
                        self.line_end()?;
                    }
                    Some(_) => break Some(self.pos - start),
                }
            };
            let Some(indent) = indent else {
                // the end: saphyr ends what is open on the line after the last
                if awaiting.is_some() || !started {
                    return None;
                }
                let end = Marker::new(0, self.line + 1, 0);
                while self.blocks.pop().is_some() {
                    self.sink.end(end)?;
                }
                return Some(());
            };
            let at = self.pos;
            if indent == 0 && (self.b[at..].starts_with(b"---") || self.b[at..].starts_with(b"..."))
            {
                return None;
            }
            let dash = self.b[at] == b'-' && is_blank_or_end(self.b.get(at + 1));
            // what this line closes
            while let Some(top) = self.blocks.last() {
                let compact = awaiting.is_some_and(|(i, seq)| !seq && i == indent) && dash;
                if top.indent > indent || (top.seq && top.indent == indent && !dash && !compact) {
                    let m = self.marker(at);
                    self.sink.end(m)?;
                    self.blocks.pop();
                } else {
                    break;
                }
            }
            match (awaiting.take(), self.blocks.last()) {
                (Some((parent, parent_seq)), _) => {
                    let deeper = indent > parent || (indent == parent && dash && !parent_seq);
                    if !deeper {
                        return None;
                    }
                    if indent == parent {
                        // a list at its key's own indent: saphyr starts it at its first
                        // item, after the dash
                        let mut first = self.pos + 1;
                        while self.b.get(first) == Some(&b' ') {
                            first += 1;
                        }
                        let m = self.marker(first);
                        self.sink.start(false, m, 0);
                        self.blocks.push(Block { indent, seq: true });
                    } else {
                        self.open(indent, dash)?;
                    }
                }
                (None, None) => {
                    if started {
                        return None;
                    }
                    started = true;
                    self.open(indent, dash)?;
                }
                (None, Some(top)) => {
                    if top.indent != indent || top.seq != dash {
                        return None;
                    }
                }
            }
            awaiting = self.entry(indent)?;
        }
    }

    /// Opens the block collection whose first entry is at `pos`, at column `indent`.
    fn open(&mut self, indent: usize, seq: bool) -> Option<()> {
        if !seq {
            // a line that is a scalar alone is no mapping entry
            self.key_end(self.pos)?;
        }
        let m = self.marker(self.pos);
        self.sink.start(!seq, m, 0);
        self.blocks.push(Block { indent, seq });
        Some(())
    }

    /// One entry of the innermost block collection, at `pos`; Some(Some(indent, seq)) when
    /// its value is on the following lines.
    fn entry(&mut self, indent: usize) -> Option<Option<(usize, bool)>> {
        let seq = self.blocks.last()?.seq;
        if seq {
            // `- ` then a value, or a mapping's first entry
            self.pos += 1;
            self.spaces();
            let at = self.pos;
            match self.b.get(at) {
                None | Some(b'#' | b'\n' | b'\r' | b'-') => return None,
                _ => {}
            }
            if self.key_end(at).is_some() {
                let col = at - self.line_start;
                let m = self.marker(at);
                self.sink.start(true, m, 0);
                self.blocks.push(Block {
                    indent: col,
                    seq: false,
                });
                return self.pair(col);
            }
            self.value(false)?;
            self.line_end()?;
            return Some(None);
        }
        self.pair(indent)
    }

    /// `key: value` at `pos`, in the mapping at column `indent`.
    fn pair(&mut self, indent: usize) -> Option<Option<(usize, bool)>> {
        let end = self.key_end(self.pos)?;
        self.scalar(self.pos, end)?;
        self.pos = end + 1;
        self.spaces();
        match self.b.get(self.pos) {
            None | Some(b'#' | b'\n' | b'\r') => {
                self.line_end()?;
                Some(Some((indent, false)))
            }
            Some(_) => {
                self.value(false)?;
                self.line_end()?;
                Some(None)
            }
        }
    }

    /// Where the key at `at` ends (its `:`), if the line is a `key: …` entry.
    fn key_end(&self, at: usize) -> Option<usize> {
        let end = match self.b[at] {
            q @ (b'"' | b'\'') => self.quoted_end(at, q)?,
            _ => self.plain_end(at, false)?,
        };
        let colon = self.b.get(end).copied();
        (colon == Some(b':') && is_blank_or_end(self.b.get(end + 1))).then_some(end)
    }

    /// A value at `pos`: a flow collection or a one-line scalar (in a flow collection
    /// when `flow`).
    fn value(&mut self, flow: bool) -> Option<()> {
        let end = match *self.b.get(self.pos)? {
            b'[' | b'{' => return self.flow(),
            q @ (b'"' | b'\'') => self.quoted_end(self.pos, q)?,
            _ => {
                let end = self.plain_end(self.pos, flow)?;
                // `a: b: c`, or a key where a value was expected
                if !flow && self.b.get(end) == Some(&b':') {
                    return None;
                }
                end
            }
        };
        self.scalar(self.pos, end)?;
        self.pos = end;
        Some(())
    }

    /// A flow mapping or list at `pos`, over one or more lines.
    fn flow(&mut self) -> Option<()> {
        let mapping = self.b[self.pos] == b'{';
        let close = if mapping { b'}' } else { b']' };
        let m = self.marker(self.pos);
        self.sink.start(mapping, m, 0);
        self.pos += 1;
        // saphyr ends a flow mapping whose last entry is followed by a comma at the comma
        let mut comma = None;
        loop {
            self.flow_space()?;
            let c = *self.b.get(self.pos)?;
            if c == close {
                let m = match comma {
                    Some(m) if mapping => m,
                    _ => self.marker(self.pos),
                };
                self.sink.end(m)?;
                self.pos += 1;
                return Some(());
            }
            comma = None;
            if mapping {
                let end = match c {
                    b'"' | b'\'' => self.quoted_end(self.pos, c)?,
                    _ => self.plain_end(self.pos, true)?,
                };
                self.scalar(self.pos, end)?;
                self.pos = end;
                if self.b.get(self.pos) != Some(&b':') || !is_blank_or_end(self.b.get(self.pos + 1))
                {
                    return None;
                }
                self.pos += 1;
                self.flow_space()?;
                self.value(true)?;
            } else {
                self.value(true)?;
                self.flow_space()?;
                if self.b.get(self.pos) == Some(&b':') {
                    return None;
                }
            }
            self.flow_space()?;
            match self.b.get(self.pos) {
                Some(b',') => {
                    if mapping {
                        comma = Some(self.marker(self.pos));
                    }
                    self.pos += 1;
                }
                Some(&c) if c == close => {}
                _ => return None,
            }
        }
    }

    /// Spaces, line breaks and comments inside a flow collection. saphyr refuses a token
    /// on a later line that is not indented more than the block holding the collection.
    fn flow_space(&mut self) -> Option<()> {
        let first_line = self.line;
        loop {
            self.spaces();
            let indent = self.blocks.last().map_or(0, |b| b.indent);
            if self.line != first_line
                && !matches!(self.b.get(self.pos), None | Some(b'#' | b'\n' | b'\r'))
                && self.pos - self.line_start <= indent
            {
                return None;
            }
            match self.b.get(self.pos) {
                Some(b'#') => {
                    let before = self.b.get(self.pos.wrapping_sub(1));
                    if !matches!(before, Some(b' ' | b'\n')) {
                        return None;
                    }
                    while !matches!(self.b.get(self.pos), None | Some(b'\n' | b'\r')) {
                        self.pos += 1;
                    }
                }
                Some(b'\n' | b'\r') => self.newline()?,
                _ => return Some(()),
            }
        }
    }

    /// The end of a quoted scalar starting at `at` (after its closing quote), on its line.
    fn quoted_end(&self, at: usize, quote: u8) -> Option<usize> {
        let mut i = at + 1;
        loop {
            match *self.b.get(i)? {
                b'\n' | b'\r' => return None,
                b'\\' if quote == b'"' => {
                    if matches!(self.b.get(i + 1), None | Some(b'\n' | b'\r')) {
                        return None;
                    }
                    i += 2;
                }
                b'\'' if quote == b'\'' && self.b.get(i + 1) == Some(&b'\'') => i += 2,
                c if c == quote => return Some(i + 1),
                _ => i += 1,
            }
        }
    }

    /// The end of a plain scalar starting at `at` (after its last character that is not
    /// a space), on its line; None when `at` starts no plain scalar this reader reads.
    fn plain_end(&self, at: usize, flow: bool) -> Option<usize> {
        let first = self.b[at];
        let next = self.b.get(at + 1).copied();
        let safe_next = next
            .is_some_and(|n| !(matches!(n, b' ' | b'\n' | b'\r') || flow && is_flow_indicator(n)));
        match first {
            b'-' | b'?' | b':' if safe_next => {}
            b'-' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!'
            | b'|' | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' | b' ' | b'\n' | b'\r' => {
                return None;
            }
            _ => {}
        }
        let mut i = at;
        let mut end = at;
        while let Some(&c) = self.b.get(i) {
            match c {
                b'\n' | b'\r' => break,
                b'#' if self.b[i - 1] == b' ' => break,
                b':' if is_blank_or_end(self.b.get(i + 1))
                    || (flow && self.b.get(i + 1).is_some_and(|&n| is_flow_indicator(n))) =>
                {
                    break;
                }
                c if flow && is_flow_indicator(c) => break,
                b' ' => {}
                _ => end = i + 1,
            }
            i += 1;
        }
        (end > at).then_some(end)
    }

    /// The scalar `from..to` (quotes included): a key or a value. The text of a quoted
    /// key with escapes is left to saphyr.
    fn scalar(&mut self, from: usize, to: usize) -> Option<()> {
        let raw = &self.text[from..to];
        let key = self.sink.awaits_key();
        let (text, style) = match self.b[from] {
            b'"' => {
                let inner = &raw[1..raw.len() - 1];
                if key && inner.contains('\\') {
                    return None;
                }
                (inner, ScalarStyle::DoubleQuoted)
            }
            b'\'' => {
                let inner = &raw[1..raw.len() - 1];
                if key && inner.contains('\'') {
                    return None;
                }
                (inner, ScalarStyle::SingleQuoted)
            }
            _ => (raw, ScalarStyle::Plain),
        };
        // saphyr ends a quoted scalar after the spaces and the comment that follow it on
        // its line (and `MarkedYaml` underlined them)
        let mut to = to;
        if style != ScalarStyle::Plain {
            let quote_end = to;
            while self.b.get(to) == Some(&b' ') {
                to += 1;
            }
            if to > quote_end && self.b.get(to) == Some(&b'#') {
                while !matches!(self.b.get(to), None | Some(b'\n' | b'\r')) {
                    to += 1;
                }
            }
        }
        let span = self.span(from, to);
        self.sink.scalar(text, style, &span, 0);
        Some(())
    }
}
