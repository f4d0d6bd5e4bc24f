//! The prose the cross-check reads: the body with everything that is not prose blanked
//! out byte for byte (so offsets stay those of the file), split into sentences whose line
//! breaks are taken out and whose full-width digits (１２．３％) are read as ASCII; and
//! the front matter's reader-facing fields (title, kicker, subtitle, summary) and table
//! captions, which reach the reader too. No I/O.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// One sentence of prose with its line breaks taken out (commentary is often wrapped
/// mid-phrase: "GDP\n增幅5.7%") and full-width digits made ASCII, and where its pieces
/// sit in the file. A sentence on one line without a wide figure or emphasis is the
/// text itself, borrowed (most are: copying each was a tenth of the cross-check).
pub(super) struct Sentence<'a> {
    pub(super) text: Cow<'a, str>,
    /// (position in `text`, position in the file) at the start of each joined piece.
    pub(super) joins: Vec<(usize, usize)>,
    /// The sentence before it ended with ；: a plan announced there ("主要预期目标是：…；")
    /// carries on.
    pub(super) after_semicolon: bool,
}

impl Sentence<'_> {
    /// The file offset of byte `at` of the sentence's text.
    pub(super) fn source(&self, at: usize) -> usize {
        let k = self
            .joins
            .partition_point(|(t, _)| *t <= at)
            .saturating_sub(1);
        let (t, src) = self.joins[k];
        src + (at - t)
    }

    /// The file's text behind `range` of the sentence, as the author typed it (full-width
    /// digits and all), line breaks taken out: what messages quote.
    pub(super) fn typed(&self, file: &str, range: Range<usize>) -> String {
        if range.is_empty() {
            return String::new();
        }
        let start = self.source(range.start);
        let mut end = self.source(range.end - 1) + 1;
        while end < file.len() && !file.is_char_boundary(end) {
            end += 1;
        }
        file.get(start..end.min(file.len()))
            .unwrap_or_default()
            .chars()
            .filter(|c| !matches!(c, '\n' | '\r' | '*'))
            .collect::<String>()
            .trim()
            .to_string()
    }
}

/// Sentences end at 。；！？ and at blank lines; single line breaks are joined. Sentences
/// without a digit or 第 cannot hold a claim and are skipped before any copying.
pub(super) fn sentences(masked: &str) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    // line breaks since the last byte that was not blank, and where the last one was
    let mut newlines = 0;
    let mut last_newline = 0;
    // whether the piece just flushed ended at ； (and was kept)
    let mut semicolon = false;
    let mut flush = |from: usize, to: usize, by_semicolon: bool| {
        let kept = sentence(masked, from..to).map(|mut s| {
            s.after_semicolon = semicolon;
            s
        });
        semicolon = by_semicolon && kept.is_some();
        out.extend(kept);
    };
    // Only '\n' and the lead bytes of 。；！？ (0xE3, 0xEF) can end a sentence, so the
    // scan jumps between them (memchr3) instead of looking at every byte, and decoding
    // every character was once most of the cross-check's time (ARCHITECTURE.md, "Performance"). Whether a line
    // between two breaks was blank is asked only when it matters.
    let bytes = masked.as_bytes();
    let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
    for i in memchr::memchr3_iter(b'\n', 0xE3, 0xEF, bytes) {
        match bytes[i] {
            b'\n' => {
                if newlines > 0 && !bytes[last_newline + 1..i].iter().all(blank) {
                    newlines = 0;
                }
                newlines += 1;
                last_newline = i;
                if newlines == 2 {
                    flush(start, i, false);
                    start = i + 1;
                }
            }
            _ if is_stop(&bytes[i..]) => {
                flush(start, i, bytes[i..].starts_with("；".as_bytes()));
                start = i + 3;
                newlines = 0;
            }
            // any other character led by 0xE3 or 0xEF is not blank
            _ => newlines = 0,
        }
    }
    flush(start, masked.len(), false);
    out
}

/// Whether `bytes` hold an ASCII digit, a full-width digit (U+FF10–FF19, EF BC 90–99) or
/// 第 (E7 AC AC). Both passes look at 32 bytes (or three-byte windows) at a time without
/// a branch, which the compiler makes vector compares: a byte at a time, with a branch
/// at every 的 (E7 …) and every full-width comma (EF BC 8C), this was a twentieth of the
/// cross-check.
fn may_hold_claim(bytes: &[u8]) -> bool {
    if bytes
        .chunks(32)
        .any(|chunk| chunk.iter().fold(false, |any, b| any | b.is_ascii_digit()))
    {
        return true;
    }
    let n = bytes.len();
    if n < 3 {
        return false;
    }
    let (first, second, third) = (&bytes[..n - 2], &bytes[1..n - 1], &bytes[2..]);
    first
        .chunks(32)
        .zip(second.chunks(32))
        .zip(third.chunks(32))
        .any(|((a, b), c)| {
            a.iter().zip(b).zip(c).fold(false, |any, ((&x, &y), &z)| {
                let wide_digit = (x == 0xEF) & (y == 0xBC) & (z.wrapping_sub(0x90) < 10);
                let di = (x == 0xE7) & (y == 0xAC) & (z == 0xAC);
                any | wide_digit | di
            })
        })
}

/// The sentence at `range` of the text, lines joined and full-width digits, ．and ％
/// made ASCII; None when it holds nothing a claim could be (no digit, no 第) or only
/// line breaks.
pub(super) fn sentence(masked: &str, range: Range<usize>) -> Option<Sentence<'_>> {
    let raw = &masked[range.clone()];
    if !may_hold_claim(raw.as_bytes()) {
        return None;
    }
    let bytes = raw.as_bytes();
    if memchr::memchr3(b'\n', b'\r', b'*', bytes).is_none() && !has_wide_figure(bytes) {
        return (!raw.is_empty()).then(|| Sentence {
            text: Cow::Borrowed(raw),
            joins: vec![(0, range.start)],
            after_semicolon: false,
        });
    }
    let mut text = String::with_capacity(raw.len());
    let mut joins = Vec::new();
    let mut offset = range.start;
    for piece in raw.split(['\n', '\r']) {
        if !piece.is_empty() {
            push_piece(&mut text, &mut joins, piece, offset);
        }
        offset += piece.len() + 1;
    }
    (!joins.is_empty()).then_some(Sentence {
        text: Cow::Owned(text),
        joins,
        after_semicolon: false,
    })
}

/// Appends one line of a sentence; a full-width digit, ． or ％ becomes its ASCII form,
/// with a join after it so offsets still map back to the file; an emphasis `*` becomes
/// a blank.
fn push_piece(text: &mut String, joins: &mut Vec<(usize, usize)>, piece: &str, offset: usize) {
    joins.push((text.len(), offset));
    let emphasis = piece.contains('*');
    if !emphasis && !has_wide_figure(piece.as_bytes()) {
        text.push_str(piece);
        return;
    }
    for (i, c) in piece.char_indices() {
        let narrow = match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')),
            '％' => Some('%'),
            '．' => Some('.'),
            // emphasis (增长**5.7%**) is not part of what is said: a blank, byte for byte
            '*' => {
                text.push(' ');
                continue;
            }
            _ => None,
        };
        match narrow {
            Some(n) => {
                text.push(n);
                joins.push((text.len(), offset + i + c.len_utf8()));
            }
            None => text.push(c),
        }
    }
}

/// Whether a line holds a full-width digit, ％ or ． (EF BC 90–99, 85, 8E): one pass over
/// the lead bytes (，：；（） share the lead byte, so it is common; the rest is not).
fn has_wide_figure(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0xEF, bytes).any(|i| {
        matches!(
            bytes.get(i + 1..i + 3),
            Some([0xBC, 0x85 | 0x8E | 0x90..=0x99])
        )
    })
}

/// Whether `rest` starts with 。；！ or ？ (U+3002, U+FF1B, U+FF01, U+FF1F).
pub(super) fn is_stop(rest: &[u8]) -> bool {
    matches!(
        rest,
        [0xE3, 0x80, 0x82, ..] | [0xEF, 0xBC, 0x9B | 0x81 | 0x9F, ..]
    )
}

/// The front matter's fields a reader sees (title, kicker, subtitle, summary: the page
/// heading, the meta description and the list text), one sentence a line or list item.
pub(super) fn front_matter(text: &str, body_offset: usize) -> Vec<Sentence<'_>> {
    const FIELDS: [&str; 4] = ["title:", "kicker:", "subtitle:", "summary:"];
    let head = &text[..body_offset.min(text.len())];
    let mut out = Vec::new();
    let mut in_list = false;
    let mut at = 0;
    for line in head.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let value = FIELDS
            .iter()
            .find_map(|f| content.strip_prefix(f))
            .map(|v| (at + content.len() - v.len(), v));
        match value {
            Some((start, v)) => {
                // a block list (kicker:\n  - …) or a block scalar (title: >-\n  …) follows
                in_list = matches!(v.trim(), "" | "|" | "|-" | ">" | ">-");
                out.extend(sentence(text, start..start + v.len()));
            }
            None if in_list && content.starts_with([' ', '\t']) => {
                let item = content.trim_start();
                let item = item.strip_prefix("- ").unwrap_or(item);
                let start = at + content.len() - item.len();
                out.extend(sentence(text, start..at + content.len()));
            }
            None => in_list = false,
        }
        at += line.len();
    }
    out
}

/// The `content:` of every task in a tasks.yaml (内容和要求, printed in the annex table of
/// a document or plan), one sentence per 。；！？ and per line of a block scalar.
pub(super) fn task_contents(yaml: &str) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    let mut block: Option<usize> = None;
    let mut at = 0;
    let pieces = |from: usize, to: usize, out: &mut Vec<_>| {
        let mut start = from;
        let bytes = yaml.as_bytes();
        let mut i = from;
        while i < to {
            if is_stop(&bytes[i..]) {
                out.extend(sentence(yaml, start..i));
                start = i + 3;
                i += 3;
            } else {
                i += 1;
            }
        }
        out.extend(sentence(yaml, start..to));
    };
    for line in yaml.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start().len();
        let item = content.trim_start();
        let item = item.strip_prefix("- ").unwrap_or(item);
        match (item.strip_prefix("content:"), block) {
            (Some(v), _) => {
                let start = at + content.len() - v.len();
                block = matches!(v.trim(), "|" | "|-" | ">" | ">-").then_some(indent);
                pieces(start, start + v.len(), &mut out);
            }
            (None, Some(key)) if indent > key && !item.is_empty() => {
                pieces(at + indent, at + content.len(), &mut out);
            }
            (None, Some(_)) if item.is_empty() => {}
            _ => block = None,
        }
        at += line.len();
    }
    out
}

/// The body with everything that is not prose blanked out byte for byte (front matter,
/// code, HTML, components, link targets), so offsets stay those of the file. A fenced
/// block's `caption:` stays: a table's caption reaches the reader.
pub(super) fn mask(text: &str, body_offset: usize) -> String {
    // The ranges are collected and the text is put together once at the end: blanking a
    // byte copy in place would need the copy validated as UTF-8 again.
    let mut blanks: Vec<Range<usize>> = Vec::new();
    blanks.push(0..body_offset);
    let body = &text[body_offset..];
    // Only code, HTML and links need the Markdown parser to find; most bulletins have
    // none, and parsing them a second time was a twelfth of a large build (ARCHITECTURE.md, "Performance").
    // Fenced blocks (the tables) are found line by line; the parser is needed only when
    // something else is left.
    let mut rest_has_markup = false;
    let mut fence: Option<usize> = None;
    let mut at = body_offset;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let is_fence = line.len() - trimmed.len() < 4
            && (trimmed.starts_with("```") || trimmed.starts_with("~~~"));
        match (fence, is_fence) {
            (None, true) => fence = Some(at),
            (Some(start), true) => {
                blank_fence(text, start..at + line.len(), &mut blanks);
                fence = None;
            }
            (None, false) if !rest_has_markup => rest_has_markup = has_markup(line),
            (None, false) => {}
            (Some(_), false) => {}
        }
        at += line.len();
    }
    if let Some(start) = fence {
        blank_fence(text, start..text.len(), &mut blanks);
    }
    let mut in_code = None;
    let events = rest_has_markup
        .then(|| Parser::new_ext(body, crate::markdown::options()).into_offset_iter())
        .into_iter()
        .flatten();
    for (event, range) in events {
        let r = body_offset + range.start..body_offset + range.end;
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = Some((r.start, matches!(kind, CodeBlockKind::Fenced(_))));
            }
            Event::End(TagEnd::CodeBlock) => match in_code.take() {
                Some((start, true)) => blank_fence(text, start..r.end, &mut blanks),
                Some((start, false)) => blanks.push(start..r.end),
                None => {}
            },
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => blanks.push(r),
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(i) = text[r.clone()].rfind(dest_url.as_ref()) {
                    blanks.push(r.start + i..r.start + i + dest_url.len());
                }
            }
            _ => {}
        }
    }
    let mut from = body_offset;
    while let Some(open) = crate::needles::OPEN.find(&text.as_bytes()[from..]) {
        let open = from + open;
        let Some(close) = crate::needles::CLOSE.find(&text.as_bytes()[open..]) else {
            break;
        };
        blanks.push(open..open + close + 2);
        from = open + close + 2;
    }
    blanked(text, blanks)
}

/// Whether a line of the body holds code, HTML or a link (`` ` ``, `<`, `](`) or is
/// indented code: one pass over the line.
fn has_markup(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr3_iter(b'`', b'<', b']', b).any(|i| b[i] != b']' || b.get(i + 1) == Some(&b'('))
        || line.starts_with("    ")
        || line.starts_with('\t')
}

/// Blanks a fenced block but for the values of its `caption:` lines.
fn blank_fence(text: &str, range: Range<usize>, blanks: &mut Vec<Range<usize>>) {
    let mut from = range.start;
    let mut at = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(value) = trimmed.strip_prefix("caption:") {
            let start = at + line.len() - value.len();
            blanks.push(from..start);
            from = at + line.trim_end().len();
        }
        at += line.len();
    }
    blanks.push(from..range.end);
}

/// `text` with each of `ranges` replaced by as many spaces as it has bytes, but for its
/// line breaks. A range edge inside a character is moved to that character's start.
pub(super) fn blanked(text: &str, mut ranges: Vec<Range<usize>>) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    ranges.sort_unstable_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in ranges {
        let (start, end) = (floor(r.start).max(at), floor(r.end));
        if end <= start {
            continue;
        }
        out.push_str(&text[at..start]);
        // Line breaks are kept: they end paragraphs, and a blanked table between a
        // caption and the next paragraph must not join them into one sentence (a
        // caption's 目标 made the paragraph after it read as a plan).
        let mut from = start;
        for nl in memchr::memchr_iter(b'\n', &text.as_bytes()[start..end]) {
            push_spaces(&mut out, start + nl - from);
            out.push('\n');
            from = start + nl + 1;
        }
        push_spaces(&mut out, end - from);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

fn push_spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// Byte ranges of `text` between any of `stops`.
pub(super) fn split(text: &str, stops: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if stops.contains(&c) {
            if i > start {
                out.push(start..i);
            }
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte scan agrees with the rule over characters, wherever the three bytes
        /// of ０–９ and 第 fall against the 32-byte chunks.
        #[test]
        fn may_hold_claim_is_a_digit_or_di(text in "[的，第１９：a。本％]{0,80}|[的，：a。本％0]{0,80}|[的，：本％]{0,80}") {
            let by_chars = text
                .chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '第');
            proptest::prop_assert_eq!(may_hold_claim(text.as_bytes()), by_chars);
        }
    }
}
