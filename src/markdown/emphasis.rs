//! Emphasis by the CommonMark CJK-friendly amendment (markdown-cjk-friendly). Chinese
//! commentary writes bold lead-ins as `**（一）总体运行稳中有进。**全年……`, which plain
//! CommonMark leaves as literal asterisks: a closing `**` after `。` and before a CJK
//! letter is not right-flanking (commonmark-spec#650). The amendment lets a delimiter
//! run next to CJK punctuation open and close; pulldown-cmark has merged it as
//! `ENABLE_CJK_FRIENDLY_EMPHASIS` (#1059) but no release on crates.io carries it yet
//! (0.13.6 is the latest). Until one does, [`cjk_friendly`] takes pulldown-cmark's
//! events back to their delimiter runs (its emphasis, strong and strikethrough tags and
//! its leftover `*` `_` `~` text, never an escaped one), decides flanking by the
//! amended rules and pairs them again by the spec's "process emphasis" algorithm.
//! Without CJK characters nothing changes: the pairs are pulldown-cmark's own (tildes
//! keep its strikethrough rules). When a release ships the option, set it in
//! [`super::options`] and drop this pass: the tests here and in `commonmark_tests`
//! say whether it renders the same.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

use super::Spanned;

/// One element of an inline run: an event kept as it is (text, code, a whole link), or
/// one delimiter character at a byte offset of the source.
enum Piece<'a> {
    Event(Spanned<'a>),
    Delim(u8, usize),
}

/// The inline content being gathered: a block's, or a link's or an image's text (which
/// pairs on its own, as CommonMark pairs it when the link closes).
struct Level<'a> {
    start: Option<Spanned<'a>>,
    pieces: Vec<Piece<'a>>,
}

/// Re-pairs the emphasis of `events` (parsed from `source`, their ranges offsets in it)
/// by the CJK-friendly rules.
pub(crate) fn cjk_friendly<'a>(events: Vec<Spanned<'a>>, source: &'a str) -> Vec<Spanned<'a>> {
    let relevant = events.iter().any(|(e, _)| match e {
        Event::Text(t) => memchr::memchr3(b'*', b'_', b'~', t.as_bytes()).is_some(),
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => true,
        _ => false,
    });
    if !relevant {
        return events;
    }
    // texts split at their delimiters: room for a few without regrowing
    let mut out = Vec::with_capacity(events.len() + events.len() / 4 + 16);
    let mut levels = vec![Level {
        start: None,
        pieces: Vec::new(),
    }];
    let mut in_code_block = false;
    let mut in_autolink = false;
    let mut tildes: Vec<usize> = Vec::new();
    for (event, range) in events {
        let in_link = levels.len() > 1;
        let top = &mut levels
            .last_mut()
            .expect("the block level is never popped")
            .pieces;
        match &event {
            _ if in_code_block => {
                in_code_block = !matches!(event, Event::End(TagEnd::CodeBlock));
                out.push((event, range));
            }
            _ if in_autolink => {
                in_autolink = !matches!(event, Event::End(TagEnd::Link));
                top.push(Piece::Event((event, range)));
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => {
                in_autolink = true;
                top.push(Piece::Event((event, range)));
            }
            Event::Start(tag @ (Tag::Emphasis | Tag::Strong | Tag::Strikethrough)) => {
                // `~~` opens with two tildes, `~` with one; its end has as many.
                let n = match tag {
                    Tag::Emphasis => 1,
                    Tag::Strong => 2,
                    _ => 1 + usize::from(source.as_bytes().get(range.start + 1) == Some(&b'~')),
                };
                if matches!(tag, Tag::Strikethrough) {
                    tildes.push(n);
                }
                top.extend(
                    (range.start..range.start + n).map(|p| Piece::Delim(source.as_bytes()[p], p)),
                );
            }
            Event::End(tag @ (TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)) => {
                let n = match tag {
                    TagEnd::Emphasis => 1,
                    TagEnd::Strong => 2,
                    _ => tildes.pop().unwrap_or(1),
                };
                top.extend(
                    (range.end - n..range.end).map(|p| Piece::Delim(source.as_bytes()[p], p)),
                );
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                levels.push(Level {
                    start: Some((event, range)),
                    pieces: Vec::new(),
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) if in_link => {
                let level = levels.pop().expect("a link level is open");
                let mut pieces = level.pieces;
                let mut resolved = Vec::with_capacity(pieces.len());
                resolve(&mut pieces, source, false, &mut resolved);
                let parent = &mut levels.last_mut().expect("the block level").pieces;
                parent.extend(level.start.map(Piece::Event));
                parent.extend(resolved.into_iter().map(Piece::Event));
                parent.push(Piece::Event((event, range)));
            }
            Event::Text(text) if is_source(text, source, &range) => {
                split_text(top, source, range);
            }
            Event::Start(_) | Event::End(_) => {
                flush(&mut levels, source, &mut out);
                in_code_block = matches!(event, Event::Start(Tag::CodeBlock(_)));
                out.push((event, range));
            }
            _ => top.push(Piece::Event((event, range))),
        }
    }
    flush(&mut levels, source, &mut out);
    out
}

/// Whether `text` is the source's own text at `range`: the same bytes (most often the
/// same slice, which is asked first: comparing every text was a tenth of this pass).
fn is_source(text: &str, source: &str, range: &Range<usize>) -> bool {
    source.get(range.clone()).is_some_and(|s| {
        (std::ptr::eq(s.as_ptr(), text.as_ptr()) && s.len() == text.len()) || s == text
    })
}

/// Text the parser left as it is in the source: its `*` `_` `~` become delimiter
/// pieces (unless escaped), the rest stays text borrowed from the source.
fn split_text<'a>(pieces: &mut Vec<Piece<'a>>, source: &'a str, range: Range<usize>) {
    let text = &source[range.clone()];
    let mut from = 0;
    // The delimiters are found by memchr: commentary is mostly text without them, and
    // looking at every byte was a third of this pass.
    for i in memchr::memchr3_iter(b'*', b'_', b'~', text.as_bytes()) {
        let b = text.as_bytes()[i];
        // An escaped character starts its text event, after an odd run of backslashes.
        let escaped = i == 0
            && source.as_bytes()[..range.start]
                .iter()
                .rev()
                .take_while(|&&c| c == b'\\')
                .count()
                % 2
                == 1;
        if escaped {
            continue;
        }
        if from < i {
            pieces.push(text_piece(source, range.start + from..range.start + i));
        }
        pieces.push(Piece::Delim(b, range.start + i));
        from = i + 1;
    }
    if from < text.len() {
        pieces.push(text_piece(source, range.start + from..range.end));
    }
}

fn text_piece<'a>(source: &'a str, range: Range<usize>) -> Piece<'a> {
    Piece::Event((Event::Text(CowStr::Borrowed(&source[range.clone()])), range))
}

/// Writes out every open level (only the block's, unless a link was left open), the
/// outermost first, and leaves the block's level open and empty (its pieces' room kept
/// for the next block).
fn flush<'a>(levels: &mut Vec<Level<'a>>, source: &str, out: &mut Vec<Spanned<'a>>) {
    for (i, level) in levels.iter_mut().enumerate() {
        out.extend(level.start.take());
        resolve(&mut level.pieces, source, i == 0, out);
    }
    levels.truncate(1);
}

/// What became of a delimiter character.
#[derive(Clone)]
enum Mark {
    Literal,
    Open(Kind, Range<usize>),
    Close(Kind, Range<usize>),
    /// The second character of a `**` or `~~` that opened or closed.
    Used,
}

#[derive(Clone, Copy)]
enum Kind {
    Emphasis,
    Strong,
    Strike,
}

/// A delimiter run: `len` characters `ch` from piece `first`, at `pos` in the source.
struct Run {
    ch: u8,
    first: usize,
    pos: usize,
    len: usize,
    can_open: bool,
    can_close: bool,
}

/// Pairs the delimiter runs of one inline level (CommonMark 0.31.2, "process
/// emphasis", with the amended flanking) and gives back its events. `block` is true
/// for a block's own inline content, whose ends count as whitespace.
fn resolve<'a>(pieces: &mut Vec<Piece<'a>>, source: &str, block: bool, out: &mut Vec<Spanned<'a>>) {
    if !pieces.iter().any(|p| matches!(p, Piece::Delim(..))) {
        out.extend(pieces.drain(..).filter_map(|p| match p {
            Piece::Event(e) => Some(e),
            Piece::Delim(..) => None,
        }));
        return;
    }
    let runs = runs(pieces, source, block);
    let mut marks = vec![Mark::Literal; pieces.len()];
    // Openers still waiting: (run, its first character still free, how many are), and
    // for each kind of closer the stack height below which no opener can match it (keeps
    // the pass linear). An opener gives its characters from its end, a closer from its
    // start.
    let mut stack: Vec<(usize, usize, usize)> = Vec::with_capacity(8);
    let mut bottoms = [0usize; 13];
    for (r, run) in runs.iter().enumerate() {
        let mut count = run.len;
        let mut used_front = 0;
        let both = run.can_open && run.can_close;
        // Tildes share one bound whatever their length, as in pulldown-cmark 0.13 (so
        // `~~a~.~~.` stays literal there and here).
        let key = match run.ch {
            b'*' => usize::from(both) * 3 + run.len % 3,
            b'_' => 6 + usize::from(both) * 3 + run.len % 3,
            _ => 12,
        };
        while run.can_close && count > 0 {
            let bottom = bottoms[key].min(stack.len());
            let found = stack[bottom..].iter().rposition(|&(o, _, _)| {
                let opener = &runs[o];
                opener.ch == run.ch
                    && (run.ch != b'~' || opener.len == run.len)
                    && (!(both || opener.can_close)
                        || !(opener.len + run.len).is_multiple_of(3)
                        || (opener.len.is_multiple_of(3) && run.len.is_multiple_of(3)))
            });
            let Some(j) = found.map(|j| j + bottom) else {
                bottoms[key] = stack.len();
                break;
            };
            let (o, from, left) = stack[j];
            let opener = &runs[o];
            let take = if run.ch == b'~' || (left >= 2 && count >= 2) {
                left.min(count).min(2)
            } else {
                1
            };
            let kind = match (run.ch, take) {
                (b'~', _) => Kind::Strike,
                (_, 2) => Kind::Strong,
                _ => Kind::Emphasis,
            };
            let open_at = opener.first + from + left - take;
            let close_at = run.first + used_front;
            let span = opener.pos + from + left - take..run.pos + used_front + take;
            marks[open_at] = Mark::Open(kind, span.clone());
            marks[close_at] = Mark::Close(kind, span);
            for m in &mut marks[open_at + 1..open_at + take] {
                *m = Mark::Used;
            }
            for m in &mut marks[close_at + 1..close_at + take] {
                *m = Mark::Used;
            }
            // The openers between are dropped; a bound above them would hide the
            // openers pushed later in their place.
            stack.truncate(j);
            for b in &mut bottoms {
                *b = (*b).min(j);
            }
            if left > take {
                stack.push((o, from, left - take));
            }
            count -= take;
            used_front += take;
        }
        if count > 0 && run.can_open {
            stack.push((r, used_front, count));
        }
    }
    out.reserve(pieces.len());
    for (piece, mark) in pieces.drain(..).zip(marks) {
        match (piece, mark) {
            (Piece::Event(e), _) => out.push(e),
            (Piece::Delim(ch, pos), Mark::Literal) => out.push((
                Event::Text(CowStr::Borrowed(match ch {
                    b'*' => "*",
                    b'_' => "_",
                    _ => "~",
                })),
                pos..pos + 1,
            )),
            (Piece::Delim(..), Mark::Open(kind, span)) => out.push((Event::Start(tag(kind)), span)),
            (Piece::Delim(..), Mark::Close(kind, span)) => {
                out.push((Event::End(tag_end(kind)), span))
            }
            (Piece::Delim(..), Mark::Used) => {}
        }
    }
}

fn tag(kind: Kind) -> Tag<'static> {
    match kind {
        Kind::Emphasis => Tag::Emphasis,
        Kind::Strong => Tag::Strong,
        Kind::Strike => Tag::Strikethrough,
    }
}

fn tag_end(kind: Kind) -> TagEnd {
    match kind {
        Kind::Emphasis => TagEnd::Emphasis,
        Kind::Strong => TagEnd::Strong,
        Kind::Strike => TagEnd::Strikethrough,
    }
}

/// The delimiter runs among `pieces`, with whether each may open and close.
fn runs(pieces: &[Piece<'_>], source: &str, block: bool) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::with_capacity(8);
    for (i, piece) in pieces.iter().enumerate() {
        let Piece::Delim(ch, pos) = *piece else {
            continue;
        };
        if let Some(run) = runs.last_mut()
            && run.ch == ch
            && run.first + run.len == i
            && run.pos + run.len == pos
        {
            run.len += 1;
            continue;
        }
        runs.push(Run {
            ch,
            first: i,
            pos,
            len: 1,
            can_open: false,
            can_close: false,
        });
    }
    for run in &mut runs {
        // A line's start and end count as whitespace, and so do a block's ends (a table
        // cell's `|`); a link's text sees the brackets around it, as CommonMark does.
        let line_start = match run.first.checked_sub(1).map(|i| &pieces[i]) {
            None => block,
            Some(Piece::Event((Event::SoftBreak | Event::HardBreak, _))) => true,
            Some(_) => false,
        };
        let end = run.pos + run.len;
        let before = if line_start {
            Before::WHITESPACE
        } else {
            let mut chars = source[..run.pos].chars().rev();
            Before::of(chars.next(), chars.next())
        };
        let after = if block && run.first + run.len == pieces.len() {
            None
        } else {
            source[end..].chars().next()
        };
        let after = After::of(after);
        let left = !after.whitespace
            && (!after.non_cjk_punctuation
                || before.whitespace
                || before.non_cjk_punctuation
                || before.cjk
                || before.ideographic_vs);
        let right = !before.whitespace
            && (!before.non_cjk_punctuation
                || after.whitespace
                || after.non_cjk_punctuation
                || after.cjk);
        (run.can_open, run.can_close) = match run.ch {
            b'*' => (left, right),
            b'_' => (
                left && (!right || before.punctuation),
                right && (!left || after.punctuation),
            ),
            // pulldown-cmark's strikethrough: `~` or `~~` only, `~~` may be intraword,
            // and a run after an escaped `~` may close.
            _ if run.len > 2 => (false, false),
            _ => (
                !after.whitespace && (run.len == 2 || before.whitespace || before.punctuation),
                !before.whitespace
                    && ((run.len == 2 && !before.punctuation)
                        || (!line_start && source[..run.pos].ends_with('~'))
                        || after.whitespace
                        || after.punctuation),
            ),
        };
    }
    runs
}

/// What precedes a delimiter run, as the amendment reads it: a character, or a
/// sequence of a character and a variation selector.
struct Before {
    whitespace: bool,
    punctuation: bool,
    non_cjk_punctuation: bool,
    cjk: bool,
    ideographic_vs: bool,
}

impl Before {
    const WHITESPACE: Before = Before {
        whitespace: true,
        punctuation: false,
        non_cjk_punctuation: false,
        cjk: false,
        ideographic_vs: false,
    };

    /// `last` is the character just before the run, `before_last` the one before it.
    fn of(last: Option<char>, before_last: Option<char>) -> Before {
        let Some(last) = last else {
            return Before::WHITESPACE;
        };
        if matches!(last, '\u{E0100}'..='\u{E01EF}') {
            return Before {
                ideographic_vs: true,
                ..Before::plain('a')
            };
        }
        if matches!(last, '\u{FE00}'..='\u{FE0E}')
            && let Some(base) = before_last
        {
            // ‘’“” with U+FE01 are the fullwidth forms of the quotes: CJK punctuation.
            if last == '\u{FE01}'
                && matches!(base, '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}')
            {
                return Before {
                    punctuation: true,
                    cjk: true,
                    ..Before::plain('a')
                };
            }
            return Before {
                whitespace: false,
                ..Before::plain(base)
            };
        }
        Before::plain(last)
    }

    fn plain(c: char) -> Before {
        let (whitespace, punctuation, cjk) = classify(c);
        Before {
            whitespace,
            punctuation,
            non_cjk_punctuation: punctuation && !cjk,
            cjk,
            ideographic_vs: false,
        }
    }
}

/// What follows a delimiter run (one character; none at a line's end).
struct After {
    whitespace: bool,
    punctuation: bool,
    non_cjk_punctuation: bool,
    cjk: bool,
}

impl After {
    fn of(c: Option<char>) -> After {
        let Some(c) = c else {
            return After {
                whitespace: true,
                punctuation: false,
                non_cjk_punctuation: false,
                cjk: false,
            };
        };
        let (whitespace, punctuation, cjk) = classify(c);
        After {
            whitespace,
            punctuation,
            non_cjk_punctuation: punctuation && !cjk,
            cjk,
        }
    }
}

/// Whether `c` is whitespace, punctuation and CJK, as the three functions below say:
/// ASCII and the CJK Unified Ideographs (nearly every character beside a delimiter in
/// Chinese commentary) without looking up the Unicode tables.
fn classify(c: char) -> (bool, bool, bool) {
    match c {
        // ASCII's whitespace is the four controls and the space, its P and S characters
        // are its punctuation, and none is CJK.
        _ if c.is_ascii() => (
            matches!(c, '\t' | '\n' | '\u{C}' | '\r' | ' '),
            c.is_ascii_punctuation(),
            false,
        ),
        // Letters (Lo) of a CJK range, or unassigned (Cn): neither space nor punctuation.
        '\u{4E00}'..='\u{9FFF}' => (false, false, true),
        _ => (is_whitespace(c), is_punctuation(c), is_cjk(c)),
    }
}

/// CommonMark's Unicode whitespace: tab, line feed, form feed, carriage return and the
/// space separators (Zs).
fn is_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{C}' | '\r')
        || c.general_category() == GeneralCategory::SpaceSeparator
}

/// CommonMark 0.31.2's Unicode punctuation: general categories P and S.
fn is_punctuation(c: char) -> bool {
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Symbol
    )
}

/// The amendment's CJK character: East Asian Width W, F or H and not a default emoji,
/// or Hangul (the ranges of markdown-cjk-friendly's `ranges.md`, Unicode 16).
fn is_cjk(c: char) -> bool {
    matches!(
        c as u32,
        0x1100..=0x11FF
            | 0x20A9
            | 0x2329..=0x232A
            | 0x2630..=0x2637
            | 0x268A..=0x268F
            | 0x2E80..=0x2E99
            | 0x2E9B..=0x2EF3
            | 0x2F00..=0x2FD5
            | 0x2FF0..=0x303E
            | 0x3041..=0x3096
            | 0x3099..=0x30FF
            | 0x3105..=0x312F
            | 0x3131..=0x318E
            | 0x3190..=0x31E5
            | 0x31EF..=0x321E
            | 0x3220..=0x3247
            | 0x3250..=0xA48C
            | 0xA490..=0xA4C6
            | 0xA960..=0xA97C
            | 0xAC00..=0xD7A3
            | 0xD7B0..=0xD7C6
            | 0xD7CB..=0xD7FB
            | 0xF900..=0xFAFF
            | 0xFE10..=0xFE19
            | 0xFE30..=0xFE52
            | 0xFE54..=0xFE66
            | 0xFE68..=0xFE6B
            | 0xFF01..=0xFFBE
            | 0xFFC2..=0xFFC7
            | 0xFFCA..=0xFFCF
            | 0xFFD2..=0xFFD7
            | 0xFFDA..=0xFFDC
            | 0xFFE0..=0xFFE6
            | 0xFFE8..=0xFFEE
            | 0x16FE0..=0x16FE4
            | 0x16FF0..=0x16FF6
            | 0x17000..=0x18CD5
            | 0x18CFF..=0x18D1E
            | 0x18D80..=0x18DF2
            | 0x1AFF0..=0x1AFF3
            | 0x1AFF5..=0x1AFFB
            | 0x1AFFD..=0x1AFFE
            | 0x1B000..=0x1B122
            | 0x1B132
            | 0x1B150..=0x1B152
            | 0x1B155
            | 0x1B164..=0x1B167
            | 0x1B170..=0x1B2FB
            | 0x1D300..=0x1D356
            | 0x1D360..=0x1D376
            | 0x1F200
            | 0x1F202
            | 0x1F210..=0x1F219
            | 0x1F21B..=0x1F22E
            | 0x1F230..=0x1F231
            | 0x1F237
            | 0x1F23B
            | 0x1F240..=0x1F248
            | 0x1F260..=0x1F265
            | 0x20000..=0x3FFFD
    )
}

#[cfg(test)]
mod tests {
    use crate::markdown::commonmark_tests::{commentary, normalize};

    /// The fast paths of `classify` say what the Unicode tables say, for every character
    /// they cover.
    #[test]
    fn classify_agrees_with_the_unicode_tables() {
        for c in ('\0'..='\u{7F}').chain('\u{4E00}'..='\u{9FFF}') {
            assert_eq!(
                super::classify(c),
                (
                    super::is_whitespace(c),
                    super::is_punctuation(c),
                    super::is_cjk(c)
                ),
                "{c:?}"
            );
        }
    }

    /// `markdown` (one paragraph) rendered as commentary, normalised.
    fn html(markdown: &str) -> String {
        normalize(&commentary(markdown, false))
    }

    /// Each `(markdown, paragraph)` renders as `<p>paragraph</p>`.
    fn check(cases: &[(&str, &str)]) {
        let wrong: Vec<String> = cases
            .iter()
            .filter_map(|(md, want)| {
                let got = html(md);
                (got != normalize(&format!("<p>{want}</p>")))
                    .then(|| format!("{md:?}\n  want <p>{want}</p>\n  got  {got}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// The amendment's own cases (markdown-cjk-friendly's testcases/strong.md, korean.md,
    /// pseudo-emoji.md, non-bmp.md and underscore-cjk-punct.md, as pulldown-cmark#1059
    /// carries them in specs/cjk_friendly_emphasis.txt; MIT, the specification CC-BY-SA
    /// 4.0, © Tatsunori Uchino). Variation selectors are written as escapes.
    #[test]
    fn amendment_cases_bold_as_markdown_cjk_friendly_says() {
        check(&[
            (
                "**このアスタリスクは強調記号として認識されず、そのまま表示されます。**この文のせいで。",
                "<strong>このアスタリスクは強調記号として認識されず、そのまま表示されます。</strong>この文のせいで。",
            ),
            (
                "**该星号不会被识别，而是直接显示。**这是因为它没有被识别为强调符号。",
                "<strong>该星号不会被识别，而是直接显示。</strong>这是因为它没有被识别为强调符号。",
            ),
            (
                "**이 별표는 강조 표시로 인식되지 않고 그대로 표시됩니다(이 괄호 때문에)**이 문장 때문에.",
                "<strong>이 별표는 강조 표시로 인식되지 않고 그대로 표시됩니다(이 괄호 때문에)</strong>이 문장 때문에.",
            ),
            (
                "これは**私のやりたかったこと。**だからするの。",
                "これは<strong>私のやりたかったこと。</strong>だからするの。",
            ),
            (
                "**[製品ほげ](./product-foo)**と**[製品ふが](./product-bar)**をお試しください",
                "<strong><a href=\"./product-foo\">製品ほげ</a></strong>と<strong><a href=\"./product-bar\">製品ふが</a></strong>をお試しください",
            ),
            (
                "単語と**[単語と](word-and)**単語",
                "単語と<strong><a href=\"word-and\">単語と</a></strong>単語",
            ),
            (
                "カッコに注意**（太字にならない）**文が続く場合に要警戒。",
                "カッコに注意<strong>（太字にならない）</strong>文が続く場合に要警戒。",
            ),
            (
                "**[リンク](https://example.com)**も注意。（画像も同様）",
                "<strong><a href=\"https://example.com\">リンク</a></strong>も注意。（画像も同様）",
            ),
            (
                "先頭の**\\`コード\\`も注意。**",
                "先頭の<strong>`コード`も注意。</strong>",
            ),
            (
                "**末尾の\\`コード\\`**も注意。",
                "<strong>末尾の`コード`</strong>も注意。",
            ),
            (
                "税込**¥10,000**で入手できます。",
                "税込<strong>¥10,000</strong>で入手できます。",
            ),
            ("正解は**④**です。", "正解は<strong>④</strong>です。"),
            (
                "太郎は**「こんにちわ」**といった",
                "太郎は<strong>「こんにちわ」</strong>といった",
            ),
            (
                "太郎は**\"こんにちわ\"**といった",
                "太郎は<strong>&quot;こんにちわ&quot;</strong>といった",
            ),
            (
                "太郎は**\"Oh my god\"**といった",
                "太郎は<strong>&quot;Oh my god&quot;</strong>といった",
            ),
            (
                "**C#**や**F#**は**「.NET」**というプラットフォーム上で動作します。",
                "<strong>C#</strong>や<strong>F#</strong>は<strong>「.NET」</strong>というプラットフォーム上で動作します。",
            ),
            (
                "IDが**００１号**になります。",
                "IDが<strong>００１号</strong>になります。",
            ),
            (
                "Go**「初心者」**を対象とした記事です。",
                "Go<strong>「初心者」</strong>を対象とした記事です。",
            ),
            (
                "**⻲田太郎**と申します",
                "<strong>⻲田太郎</strong>と申します",
            ),
            (
                "・**㋐**:選択肢１つ目",
                "・<strong>㋐</strong>:選択肢１つ目",
            ),
            ("**真，**她", "<strong>真，</strong>她"),
            ("**真。**她", "<strong>真。</strong>她"),
            ("**真、**她", "<strong>真、</strong>她"),
            ("**真；**她", "<strong>真；</strong>她"),
            ("**真：**她", "<strong>真：</strong>她"),
            ("**真？**她", "<strong>真？</strong>她"),
            ("**真！**她", "<strong>真！</strong>她"),
            ("**真“**她", "<strong>真“</strong>她"),
            ("**真”**她", "<strong>真”</strong>她"),
            ("**真‘**她", "<strong>真‘</strong>她"),
            ("**真’**她", "<strong>真’</strong>她"),
            ("**真（**她", "<strong>真（</strong>她"),
            ("真**（她**", "真<strong>（她</strong>"),
            ("**真）**她", "<strong>真）</strong>她"),
            ("真**【她**", "真<strong>【她</strong>"),
            ("**真】**她", "<strong>真】</strong>她"),
            ("真**《她**", "真<strong>《她</strong>"),
            ("**真》**她", "<strong>真》</strong>她"),
            ("**真—**她", "<strong>真—</strong>她"),
            ("**真～**她", "<strong>真～</strong>她"),
            ("**真…**她", "<strong>真…</strong>她"),
            ("**真·**她", "<strong>真·</strong>她"),
            ("**真〃**她", "<strong>真〃</strong>她"),
            ("**真-**她", "<strong>真-</strong>她"),
            ("**真々**她", "<strong>真々</strong>她"),
            ("**真，** 她", "<strong>真，</strong> 她"),
            ("**真**，她", "<strong>真</strong>，她"),
            (
                "**真，**&ZeroWidthSpace;她",
                "<strong>真，</strong>\u{200B}她",
            ),
            (
                "選択肢**㋐**: 1つ目の選択肢",
                "選択肢<strong>㋐</strong>: 1つ目の選択肢",
            ),
            (
                "**さようなら︙**と太郎はいった。",
                "<strong>さようなら︙</strong>と太郎はいった。",
            ),
            (
                ".NET**（.NET Frameworkは不可）**では、",
                ".NET<strong>（.NET Frameworkは不可）</strong>では、",
            ),
            (
                "「禰\u{E0100}」の偏は示ではなく**礻**です。",
                "「禰\u{E0100}」の偏は示ではなく<strong>礻</strong>です。",
            ),
            (
                "Git**（注：不是GitHub）**",
                "Git<strong>（注：不是GitHub）</strong>",
            ),
            (
                "𰻞𰻞**(ビャンビャン)**麺",
                "𰻞𰻞<strong>(ビャンビャン)</strong>麺",
            ),
            (
                "ハイパーテキストコーヒーポット制御プロトコル**(HTCPCP)**",
                "ハイパーテキストコーヒーポット制御プロトコル<strong>(HTCPCP)</strong>",
            ),
            ("﨑**(崎)**", "﨑<strong>(崎)</strong>"),
            (
                "国際規格**[ECMA-262](https://tc39.es/ecma262/)**",
                "国際規格<strong><a href=\"https://tc39.es/ecma262/\">ECMA-262</a></strong>",
            ),
            (
                "谺𬤲**(こだま)**石神社",
                "谺𬤲<strong>(こだま)</strong>石神社",
            ),
            (
                "**推荐几个框架：**React、Vue等前端框架。",
                "<strong>推荐几个框架：</strong>React、Vue等前端框架。",
            ),
            (
                "葛\u{E0100}**(こちらが正式表記)**城市",
                "葛\u{E0100}<strong>(こちらが正式表記)</strong>城市",
            ),
            (
                "阿寒湖アイヌシアターイコㇿ**(Akanko Ainu Theater Ikor)**",
                "阿寒湖アイヌシアターイコㇿ<strong>(Akanko Ainu Theater Ikor)</strong>",
            ),
            ("あ𛀙**(か)**よろし", "あ𛀙<strong>(か)</strong>よろし"),
            (
                "大塚\u{FE00}**(U+585A U+FE00)** 大塚**(U+FA10)**",
                "大塚\u{FE00}<strong>(U+585A U+FE00)</strong> 大塚<strong>(U+FA10)</strong>",
            ),
            (
                "〽\u{FE0E}**(庵点)**は、",
                "〽\u{FE0E}<strong>(庵点)</strong>は、",
            ),
            (
                "**“\u{FE01}Git”\u{FE01}**Hub",
                "<strong>“\u{FE01}Git”\u{FE01}</strong>Hub",
            ),
            // korean.md
            (
                "**이 [링크](https://example.kr/)**만을 강조하고 싶다.",
                "<strong>이 <a href=\"https://example.kr/\">링크</a></strong>만을 강조하고 싶다.",
            ),
            (
                "**스크립트(script)**라고",
                "<strong>스크립트(script)</strong>라고",
            ),
            (
                "패키지를 발행하려면 **`npm publish`**를 실행하십시오.",
                "패키지를 발행하려면 <strong><code>npm publish</code></strong>를 실행하십시오.",
            ),
            (
                "**안녕(hello)**하세요.",
                "<strong>안녕(hello)</strong>하세요.",
            ),
            ("ᅡ**(a)**", "ᅡ<strong>(a)</strong>"),
            ("**(k)**ᄏ", "<strong>(k)</strong>ᄏ"),
            // pseudo-emoji.md
            ("a**〰**a", "a<strong>〰</strong>a"),
            ("a**〽**a", "a<strong>〽</strong>a"),
            ("a**🈂**a", "a<strong>🈂</strong>a"),
            ("a**🈷**a", "a<strong>🈷</strong>a"),
            ("a**㊗**a", "a<strong>㊗</strong>a"),
            ("a**㊙**a", "a<strong>㊙</strong>a"),
            // non-bmp.md: punctuation and symbols that are not CJK change nothing
            ("a**a«**a", "a**a«**a"),
            ("a**»a**a", "a**»a**a"),
            ("a**a∇**a", "a**a∇**a"),
            ("a**∇a**a", "a**∇a**a"),
            ("a**a𝜵**a", "a**a𝜵**a"),
            ("a**𝜵a**a", "a**𝜵a**a"),
            ("a**𐬻a**a", "a**𐬻a**a"),
            ("a**a𐬻**a", "a**a𐬻**a"),
            // underscore-cjk-punct.md, and `_` stays intraword-strict next to CJK
            ("__注意__：注意事項", "<strong>注意</strong>：注意事項"),
            ("注意：__注意事項__", "注意：<strong>注意事項</strong>"),
            (
                "正體字。\u{FE01}_Traditional._",
                "正體字。\u{FE01}<em>Traditional.</em>",
            ),
            (
                "正體字。\u{FE01}__Hong Kong and Taiwan.__",
                "正體字。\u{FE01}<strong>Hong Kong and Taiwan.</strong>",
            ),
            (
                "简体字 / 新字体。\u{FE00}_Simplified._",
                "简体字 / 新字体。\u{FE00}<em>Simplified.</em>",
            ),
            (
                "“\u{FE01}Git”\u{FE01}__Hub__",
                "“\u{FE01}Git”\u{FE01}<strong>Hub</strong>",
            ),
            ("漢_abc_", "漢_abc_"),
            ("_abc_漢", "_abc_漢"),
            // a fullwidth quote (“ with U+FE01) before a run is CJK punctuation
            // (markdown-it-cjk-friendly 3.0.0 gives the same)
            ("“\u{FE01}*[注]*后文", "“\u{FE01}<em>[注]</em>后文"),
            ("foo_bar_", "foo_bar_"),
            ("_foo_bar_baz_", "<em>foo_bar_baz</em>"),
        ]);
    }

    /// A lead-in bolds in every block that holds inline text, and in a link's text.
    #[test]
    fn lead_ins_bold_in_lists_quotes_headings_cells_and_links() {
        let cases = [
            (
                "- **（一）总体运行。**全年增长",
                "<ul><li><strong>（一）总体运行。</strong>全年增长</li></ul>",
            ),
            (
                "## **（一）总体运行。**全年",
                "<h2><strong>（一）总体运行。</strong>全年</h2>",
            ),
            (
                "> **位次向上。**第2位\n> **（二）投资。**增长",
                "<blockquote><p><strong>位次向上。</strong>第2位 <strong>（二）投资。</strong>增长</p></blockquote>",
            ),
            (
                "|指标|说明|\n|-|-|\n|**产值。**增长|**（一）**|",
                "<table><thead><tr><th>指标</th><th>说明</th></tr></thead><tbody><tr>\
                 <td><strong>产值。</strong>增长</td><td><strong>（一）</strong></td></tr></tbody></table>",
            ),
            (
                "见[**（一）总体。**全文](https://www.example.gov.cn/)",
                "<p>见<a href=\"https://www.example.gov.cn/\"><strong>（一）总体。</strong>全文</a></p>",
            ),
        ];
        for (md, want) in cases {
            assert_eq!(html(md), normalize(want), "{md:?}");
        }
    }

    /// The seeds' lead-ins bold; what is escaped, or what CommonMark leaves literal,
    /// stays literal; no `<strong>` is ever empty (issue 15).
    #[test]
    fn lead_ins_bold_and_literal_asterisks_stay() {
        check(&[
            // seed 001 and the example site write their lead-ins so
            (
                "**（一）总体运行稳中有进。**全年实现地区生产总值1234.5亿元。",
                "<strong>（一）总体运行稳中有进。</strong>全年实现地区生产总值1234.5亿元。",
            ),
            (
                "**位次向上。**在全市排名第2位。",
                "<strong>位次向上。</strong>在全市排名第2位。",
            ),
            (
                "**1.工业经济持续回升。**规上工业增加值增长8.1%。",
                "<strong>1.工业经济持续回升。</strong>规上工业增加值增长8.1%。",
            ),
            (
                "**“十四五”规划目标**基本完成。",
                "<strong>“十四五”规划目标</strong>基本完成。",
            ),
            ("\\*\\*不加粗\\*\\*", "**不加粗**"),
            // only the escaped asterisks are literal: the others are emphasis, as in
            // CommonMark (commonmark.js gives the same)
            ("\\**不加粗\\**", "*<em>不加粗*</em>"),
            ("计算 2\\*\\*3 与 4\\*\\*2", "计算 2**3 与 4**2"),
            // unescaped, both runs are intraword and pair, in CommonMark as here
            // (commonmark.js gives the same): a power is written escaped, as above
            ("计算 2**3 与 4**2", "计算 2<strong>3 与 4</strong>2"),
            ("**** 不是空的加粗", "**** 不是空的加粗"),
            ("foo *****", "foo *****"),
            ("**foo bar **", "**foo bar **"),
            ("a**\"foo\"**", "a**&quot;foo&quot;**"),
            ("**(**foo)", "**(**foo)"),
            ("** 增长**", "** 增长**"),
            ("`**`不是加粗**", "<code>**</code>不是加粗**"),
            (
                "<http://a.cn/**x**>",
                "<a href=\"http://a.cn/**x**\">http://a.cn/**x**</a>",
            ),
            ("~~（已完成。）~~另见", "~~（已完成。）~~另见"),
            ("~~旧目标~~新目标", "<del>旧目标</del>新目标"),
            // a closer that found no opener must not hide the openers pushed after a
            // later match dropped the ones it had looked at (commonmark.js agrees)
            ("_a _b c* d_ *e _f g*", "_a <em>b c* d</em> <em>e _f g</em>"),
        ]);
        for md in [
            "****",
            "foo *****",
            "** **",
            "**\u{3000}**",
            "**。**",
            "__",
            "*\u{FE01}*",
            // raw HTML the sanitiser removes leaves no empty element behind
            "**<!-- 注 -->**",
            "***<script>x</script>***",
            "~~<style>p{}</style>~~",
        ] {
            assert!(
                !html(md).contains("<strong></strong>"),
                "{md:?}: {}",
                html(md)
            );
            assert!(!html(md).contains("<em></em>"), "{md:?}: {}", html(md));
            assert!(!html(md).contains("<del></del>"), "{md:?}: {}", html(md));
        }
    }
}

#[cfg(test)]
mod pathological {
    use std::time::{Duration, Instant};

    use crate::markdown::commonmark_tests::commentary;

    /// commonmark.js's pathological cases and CJK ones of ours: each pairs in linear time
    /// (a quadratic pass takes minutes on 20,000 runs).
    #[test]
    fn many_delimiter_runs_pair_in_linear_time() {
        let n = 20_000;
        let cases = [
            "a_ ".repeat(n),
            "_a ".repeat(n),
            "*a_ ".repeat(n),
            "**（甲。".repeat(n),
            "甲。**乙".repeat(n),
            "**a。** ".repeat(n) + &"*".repeat(n),
            format!(
                "{}b{}",
                "*a **a ".repeat(n / 100),
                " a** a*".repeat(n / 100)
            ),
        ];
        for case in cases {
            let started = Instant::now();
            // (the nested case is refused past MAX_NESTING, after this pass)
            commentary(&case, false);
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{:?}… took {:?}",
                &case[..12],
                started.elapsed()
            );
        }
    }
}

#[cfg(test)]
mod without_cjk {
    use proptest::prelude::*;
    use pulldown_cmark::{Parser, html};

    /// Text of the pieces that decide emphasis in ASCII text, glued at random.
    fn texts() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "*",
            "**",
            "***",
            "_",
            "__",
            "~",
            "~~",
            "~~~",
            " ",
            "a",
            "b",
            "1",
            ".",
            "(",
            ")",
            "\"",
            "'",
            "\\*",
            "\\_",
            "\\~",
            "`c`",
            "[",
            "]",
            "](u)",
            "![i](j)",
            "<b>",
            "&amp;",
            "\n",
            "\n> ",
            "\n- ",
            "\n\n",
            "|",
            "\n|-|-|\n",
            "#",
            "<http://a.b/*c*>",
        ]);
        prop::collection::vec(pieces, 1..40).prop_map(|v| v.concat())
    }

    fn render(events: Vec<super::Spanned<'_>>) -> String {
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Without CJK characters the amendment changes nothing: the pass gives back
        /// pulldown-cmark's own emphasis, strong and strikethrough.
        #[test]
        fn text_without_cjk_pairs_as_pulldown_cmark_does(text in texts()) {
            let events: Vec<_> = Parser::new_ext(&text, crate::markdown::options())
                .into_offset_iter()
                .collect();
            let plain = render(events.clone());
            let ours = render(super::cjk_friendly(events, &text));
            prop_assert_eq!(ours, plain, "{:?}", text);
        }
    }
}
