//! Located diagnostics: what every user-facing problem becomes, and how it is shown.
//!
//! A [`Diagnostic`] names the file (relative to the site root), the line and column (both
//! 1-based, the column counted in characters so Chinese text lines up), a stable code, the
//! message, what was expected, and a hint. Stages push them into a [`Diagnostics`]
//! collector passed explicitly; nothing here aborts. Rendering for the terminal goes
//! through codespan-reporting, which measures Chinese characters as two columns wide.
//! This module reads source text only to draw the snippet under a message (a window of
//! its line) and, through a `Locator`, to turn many offsets into positions in linear
//! time. What is shown is capped ([`Diagnostics::into_shown`]); what is counted is not.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::term::{self, Config};
use serde::{Deserialize, Serialize};

use crate::lang::{Lang, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

/// Stable codes, so tests and CI scripts can branch on the kind of problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    Io,
    YamlSyntax,
    YamlShape,
    UnknownKey,
    MissingKey,
    FrontMatter,
    BadPeriod,
    DuplicateId,
    UnknownIndicator,
    UnknownUnit,
    UnknownPart,
    BadComponent,
    MissingValue,
    UnitMismatch,
    ImpossibleValue,
    BadTarget,
    BrokenLink,
    CrossCheck,
    SumMismatch,
    MissingTemplate,
    Template,
    SiteConfig,
    /// `--output` names a folder bulletin may not replace; the binary exits 2.
    OutputPath,
    UnsafeLink,
    OutsideSite,
    NotPublished,
    OutputCollision,
    /// `new` was given a folder it may not write into (not empty, a file, a link).
    NewSite,
    /// A figure given both in data.yaml and in the unit's spreadsheet.
    DuplicateValue,
    /// Phrasing lint (`check::phrasing`): a typed lead word the component repeats.
    RepeatedLead,
    /// Phrasing lint: the same rank or figure twice in one sentence.
    RepeatedFigure,
    /// Phrasing lint: a number run into the next with no word between.
    GluedNumbers,
    /// A document page could not be printed to PDF (`crate::pdf`).
    Pdf,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "io",
            Code::YamlSyntax => "yaml-syntax",
            Code::YamlShape => "yaml-shape",
            Code::UnknownKey => "unknown-key",
            Code::MissingKey => "missing-key",
            Code::FrontMatter => "front-matter",
            Code::BadPeriod => "bad-period",
            Code::DuplicateId => "duplicate-id",
            Code::UnknownIndicator => "unknown-indicator",
            Code::UnknownUnit => "unknown-unit",
            Code::UnknownPart => "unknown-part",
            Code::BadComponent => "bad-component",
            Code::MissingValue => "missing-value",
            Code::UnitMismatch => "unit-mismatch",
            Code::ImpossibleValue => "impossible-value",
            Code::BadTarget => "bad-target",
            Code::BrokenLink => "broken-link",
            Code::CrossCheck => "cross-check",
            Code::SumMismatch => "sum-mismatch",
            Code::MissingTemplate => "missing-template",
            Code::Template => "template",
            Code::SiteConfig => "site-config",
            Code::OutputPath => "output-path",
            Code::UnsafeLink => "unsafe-link",
            Code::OutsideSite => "outside-site",
            Code::NotPublished => "not-published",
            Code::OutputCollision => "output-collision",
            Code::NewSite => "new-site",
            Code::DuplicateValue => "duplicate-value",
            Code::RepeatedLead => "repeated-lead",
            Code::RepeatedFigure => "repeated-figure",
            Code::GluedNumbers => "glued-numbers",
            Code::Pdf => "pdf",
        }
    }
}

/// A place in a source file: 1-based line, 1-based column in characters, and the
/// length of the offending text in characters (at least 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub line: usize,
    pub col: usize,
    pub len: usize,
}

impl Position {
    pub fn new(line: usize, col: usize) -> Self {
        Position { line, col, len: 1 }
    }

    /// The position of byte offset `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Position::new(line, col)
    }

    pub fn with_len(mut self, len: usize) -> Self {
        self.len = len.max(1);
        self
    }

    /// Moves a position found in an excerpt to where the excerpt starts in its file.
    pub fn shifted(self, first_line: usize, first_col: usize) -> Self {
        let col = if self.line == 1 {
            self.col + first_col - 1
        } else {
            self.col
        };
        Position {
            line: self.line + first_line - 1,
            col,
            len: self.len,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// Relative to the site root, with `/` separators.
    pub file: PathBuf,
    pub position: Option<Position>,
    /// In English and, once translated, Chinese ([`crate::lang`]; made with
    /// [`text!`](crate::text)). A plain string still converts, and prints in English.
    pub message: Text,
    pub expected: Option<Text>,
    pub hint: Option<Text>,
}

impl Diagnostic {
    pub fn error(code: Code, file: impl Into<PathBuf>, message: impl Into<Text>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            position: None,
            message: message.into(),
            expected: None,
            hint: None,
        }
    }

    pub fn note(code: Code, file: impl Into<PathBuf>, message: impl Into<Text>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn warning(code: Code, file: impl Into<PathBuf>, message: impl Into<Text>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    pub fn at_offset(self, text: &str, range: Range<usize>) -> Self {
        let len = text
            .get(range.clone())
            .map_or(1, |s| s.lines().next().unwrap_or("").chars().count());
        self.at(Position::of_offset(text, range.start).with_len(len))
    }

    pub fn expected(mut self, expected: impl Into<Text>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(self, hint: Option<impl Into<Text>>) -> Self {
        match hint {
            Some(h) => self.hint(h),
            None => self,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, the form editors and terminals turn into a link.
    pub fn location(&self) -> String {
        let file = self.file.display();
        match self.position {
            Some(p) => format!("{file}:{}:{}", p.line, p.col),
            None => file.to_string(),
        }
    }

    /// This diagnostic with its texts in `lang` only (for JSON, which carries one).
    pub fn in_lang(&self, lang: Lang) -> Diagnostic {
        Diagnostic {
            message: self.message.only(lang),
            expected: self.expected.as_ref().map(|t| t.only(lang)),
            hint: self.hint.as_ref().map(|t| t.only(lang)),
            ..self.clone()
        }
    }

    /// Renders in English with a source snippet when `source` holds the file's text.
    pub fn render(&self, source: Option<&str>, color: bool) -> String {
        self.render_in(Lang::En, source, color)
    }

    /// Renders in `lang`: the message, the expected and hint notes, and the severity
    /// word (错误, 警告, 说明). The code and `file:line:col` are the same in both.
    pub fn render_in(&self, lang: Lang, source: Option<&str>, color: bool) -> String {
        let out = self.render_text(lang, source, color);
        match lang {
            Lang::En => out,
            // codespan writes the severity word itself, first in its header.
            Lang::Zh => {
                let (word, zh) = match self.severity {
                    Severity::Error => ("error[", "错误["),
                    Severity::Warning => ("warning[", "警告["),
                    Severity::Note => ("note[", "说明["),
                };
                out.replacen(word, zh, 1)
            }
        }
    }

    fn render_text(&self, lang: Lang, source: Option<&str>, color: bool) -> String {
        let message = self.message.get(lang);
        let severity = match self.severity {
            Severity::Error => codespan_reporting::diagnostic::Severity::Error,
            Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
            Severity::Note => codespan_reporting::diagnostic::Severity::Note,
        };
        let mut notes = Vec::new();
        if let Some(e) = &self.expected {
            notes.push(lang.pick(format!("expected: {e}"), format!("应为：{}", e.get(lang))));
        }
        if let Some(h) = &self.hint {
            notes.push(lang.pick(format!("hint: {h}"), format!("提示：{}", h.get(lang))));
        }
        let name = self.location();
        let excerpt = match (source, self.position) {
            (Some(text), Some(p)) => Excerpt::of(text, p),
            _ => None,
        };
        let mut cs = CsDiagnostic::new(severity)
            .with_code(self.code.as_str())
            .with_message(message)
            .with_notes(notes);
        let file = excerpt.unwrap_or_else(|| Excerpt::empty(self.file.display().to_string()));
        if let Some(range) = file.label.clone() {
            cs = cs.with_labels(vec![Label::primary((), range)]);
        } else {
            // Without a snippet codespan prints no location: put it in the message.
            if !name.is_empty() {
                cs.message = format!("{message}\n  --> {name}");
            }
        }
        let file = Excerpt {
            name: self.file.display().to_string(),
            ..file
        };
        let mut out = codespan_reporting::term::termcolor::Buffer::no_color();
        let mut colored = codespan_reporting::term::termcolor::Buffer::ansi();
        let buffer = if color { &mut colored } else { &mut out };
        let config = Config::default();
        if term::emit_to_write_style(buffer, &config, &file, &cs).is_err() {
            return format!("{self}\n");
        }
        String::from_utf8_lossy(buffer.as_slice()).into_owned()
    }
}

/// How many characters of a source line a snippet shows at most: a diagnostic on a
/// 10 MB line prints a window around its place, not the line (issue 12).
const SNIPPET_CHARS: usize = 160;

/// The one line of a file a diagnostic shows, cut to [`SNIPPET_CHARS`] around its place,
/// as codespan's source: codespan then never sees (nor indexes) the rest of the file.
struct Excerpt {
    name: String,
    text: String,
    /// The line's number in the file.
    line: usize,
    /// The file's column of the excerpt's first character.
    first_col: usize,
    label: Option<Range<usize>>,
}

impl Excerpt {
    fn empty(name: String) -> Excerpt {
        Excerpt {
            name,
            text: String::new(),
            line: 1,
            first_col: 1,
            label: None,
        }
    }

    /// The window of `text` around `p`, if `p` lies inside `text`.
    fn of(text: &str, p: Position) -> Option<Excerpt> {
        let line_start = if p.line == 1 {
            0
        } else {
            memchr::memchr_iter(b'\n', text.as_bytes()).nth(p.line - 2)? + 1
        };
        let rest = &text[line_start..];
        let line = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
        let line = line.strip_suffix('\r').unwrap_or(line);
        // Characters kept before the place: up to a third of the window.
        let skip = if line.chars().nth(SNIPPET_CHARS).is_none() {
            0
        } else {
            (p.col - 1).saturating_sub(SNIPPET_CHARS / 3)
        };
        let mut chars = line.char_indices().skip(skip);
        let window_start = chars.next().map_or(line.len(), |(i, _)| i);
        let window = &line[window_start..];
        let window_end = window
            .char_indices()
            .nth(SNIPPET_CHARS)
            .map_or(window.len(), |(i, _)| i);
        let mut cut = String::with_capacity(window_end + 8);
        let mut first_col = skip + 1;
        if skip > 0 {
            cut.push('…');
            first_col -= 1;
        }
        // The label's characters, counted from the window's start.
        let from = (p.col - 1).saturating_sub(skip);
        let (mut start, mut end) = (None, None);
        for (n, c) in window[..window_end].chars().enumerate() {
            if n == from {
                start = Some(cut.len());
            }
            if n == from + p.len {
                end = Some(cut.len());
            }
            // Control characters (a NUL) shown as their symbols: a terminal would
            // swallow them, and `grep` would call the output binary.
            match u32::from(c) {
                cc @ 0..=8 | cc @ 11..=31 => cut.push(char::from_u32(0x2400 + cc).unwrap_or('?')),
                _ => cut.push(c),
            }
        }
        let body_end = cut.len();
        if window_end < window.len() {
            cut.push('…');
        }
        let start = start.unwrap_or(body_end);
        let end = end.unwrap_or(body_end).max(start);
        Some(Excerpt {
            name: String::new(),
            text: cut,
            line: p.line,
            first_col,
            label: Some(start..end),
        })
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.line)
    }

    fn column_number(
        &'a self,
        (): (),
        _: usize,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let before = self.text.get(..byte_index).unwrap_or(&self.text);
        Ok(self.first_col + before.chars().count())
    }

    fn line_range(
        &'a self,
        (): (),
        _: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        Ok(0..self.text.len())
    }
}

/// Positions of many byte offsets in one text, in linear time when they are asked for in
/// increasing order (as a parser meets them): each query counts on from the previous
/// one instead of from the start of the file, which made 100,000 diagnostics in one file
/// quadratic (issue 12). A query behind the previous one starts again from the top.
pub(crate) struct Locator<'a> {
    text: &'a str,
    /// The last offset asked for and its position.
    last: std::cell::Cell<(usize, Position)>,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Locator {
            text,
            last: std::cell::Cell::new((0, Position::new(1, 1))),
        }
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let (mut from, mut at) = self.last.get();
        if offset < from {
            (from, at) = (0, Position::new(1, 1));
        }
        let between = &self.text[from..offset];
        let p = match memchr::memrchr(b'\n', between.as_bytes()) {
            Some(i) => Position::new(
                at.line + memchr::memchr_iter(b'\n', between.as_bytes()).count(),
                between[i + 1..].chars().count() + 1,
            ),
            None => Position::new(at.line, at.col + between.chars().count()),
        };
        self.last.set((offset, p));
        p
    }

    /// The position of `range`, its length in characters (to the end of its line).
    pub(crate) fn range(&self, range: Range<usize>) -> Position {
        let len = self
            .text
            .get(range.clone())
            .map_or(1, |s| s.lines().next().unwrap_or("").chars().count());
        self.position(range.start).with_len(len)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(
            f,
            "{}: {level}[{}]: {}",
            self.location(),
            self.code.as_str(),
            self.message
        )?;
        if let Some(e) = &self.expected {
            write!(f, "; expected {e}")?;
        }
        if let Some(h) = &self.hint {
            write!(f, "; hint: {h}")?;
        }
        Ok(())
    }
}

impl From<Box<Diagnostic>> for Diagnostic {
    fn from(d: Box<Diagnostic>) -> Self {
        *d
    }
}

/// The collector every stage pushes into; the caller decides the exit code at the end.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: impl Into<Diagnostic>) {
        self.items.push(d.into());
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file and position, so output is stable whatever order threads finished.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.position.map(|p| (p.line, p.col)))
                .cmp(&(&b.file, b.position.map(|p| (p.line, p.col))))
        });
        self.items.dedup();
        self.items
    }
}

/// How many diagnostics of one code in one file are shown; the rest become one line
/// "… and 99,980 more like this" (issue 12: 100,000 mistyped components printed 4 GB).
pub const SHOWN_PER_FILE: usize = 20;
/// How many diagnostics one run shows in all, before one closing count.
pub const SHOWN_PER_RUN: usize = 200;

impl Diagnostics {
    /// [`Diagnostics::into_sorted`] keeping those `show` accepts, capped for a reader: at
    /// most [`SHOWN_PER_FILE`] of one code in one file, each cut group followed by a
    /// count of what it left out, and at most [`SHOWN_PER_RUN`] in all, then one count.
    pub fn into_shown(self, show: impl Fn(&Diagnostic) -> bool) -> Vec<Diagnostic> {
        let mut shown = Vec::new();
        let mut groups: std::collections::HashMap<(PathBuf, Code), usize> =
            std::collections::HashMap::new();
        let mut order = Vec::new();
        let (mut left, mut left_files) = (0usize, std::collections::HashSet::new());
        // The worst of what was left out, and the code of the first.
        let mut left_kind: Option<(Severity, Code)> = None;
        for d in self.into_sorted().into_iter().filter(|d| show(d)) {
            let n = groups.entry((d.file.clone(), d.code)).or_insert(0);
            *n += 1;
            if *n == SHOWN_PER_FILE + 1 {
                order.push((shown.len(), d.clone()));
            }
            if *n > SHOWN_PER_FILE {
                continue;
            }
            if shown.len() >= SHOWN_PER_RUN {
                left += 1;
                left_files.insert(d.file.clone());
                let (severity, code) = left_kind.unwrap_or((d.severity, d.code));
                left_kind = Some((severity.max(d.severity), code));
                continue;
            }
            shown.push(d);
        }
        // Each group's count goes after its last shown diagnostic.
        for (at, d) in order.into_iter().rev() {
            let more = groups[&(d.file.clone(), d.code)] - SHOWN_PER_FILE;
            let count = Diagnostic {
                position: None,
                message: {
                    let (more, code) = (thousands(more), d.code.as_str());
                    text!(
                        "… and {more} more like this ({code}) in this file",
                        "……本文件中还有{more}处同类问题（{code}）"
                    )
                },
                expected: None,
                hint: None,
                ..d
            };
            shown.insert(at.min(shown.len()), count);
        }
        if let Some((severity, code)) = left_kind {
            shown.push(Diagnostic {
                severity,
                ..Diagnostic::note(
                code,
                "",
                {
                    let (left, files) = (thousands(left), thousands(left_files.len()));
                    let s = if left_files.len() == 1 { "" } else { "s" };
                    text!(
                        "… and {left} more in {files} file{s} (a run shows {SHOWN_PER_RUN} at most; fix these first)",
                        "……另有{left}处问题，在{files}个文件中（一次最多列出{SHOWN_PER_RUN}处，请先改正以上问题）"
                    )
                },
            )
            });
        }
        shown
    }
}

/// 99980 → "99,980".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The nearest of `candidates` to `word`, for "did you mean" hints.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Jaro-Winkler favours shared prefixes (`gdp_grwoth`); Damerau-Levenshtein catches
    // short transpositions (`gpd` for `gdp`) that Jaro-Winkler scores low.
    candidates
        .into_iter()
        .map(|c| {
            let score = strsim::jaro_winkler(word, c)
                .max(strsim::normalized_damerau_levenshtein(word, c) + 0.2);
            (score, c)
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "did you mean `x`?" for the nearest candidate, if any is close.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Text> {
    nearest(word, candidates).map(|c| text!("did you mean `{c}`?", "是否应为“{c}”？"))
}

/// Path of `file` relative to `root`, with `/` separators, for messages.
pub fn relative(root: &Path, file: &Path) -> PathBuf {
    file.strip_prefix(root).unwrap_or(file).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_characters_not_bytes() {
        let text = "标题：六安\n  增长{{ gdpp }}";
        let offset = text.find("{{").unwrap();
        assert_eq!(Position::of_offset(text, offset), Position::new(2, 5));
    }

    #[test]
    fn a_snippet_round_trips_a_chinese_position() {
        let text = "第一行\n税收收入增长{{ tax }}";
        let p = Position::new(2, 7).with_len(9);
        let e = Excerpt::of(text, p).unwrap();
        assert_eq!(&e.text[e.label.unwrap()], "{{ tax }}");
    }

    /// A diagnostic on a 1 MB line shows a window of it, with the real line and column.
    #[test]
    fn a_long_line_is_cut_around_the_place() {
        let text = format!(
            "x\n{}{{{{ nope }}}}{}\n",
            "甲".repeat(500_000),
            "乙".repeat(500_000)
        );
        let d = Diagnostic::error(Code::UnknownIndicator, "a.md", "no `nope`")
            .at(Position::new(2, 500_001).with_len(10));
        let out = d.render(Some(&text), false);
        assert!(out.len() < 2_000, "{}", out.len());
        assert!(out.contains("a.md:2:500001"), "{out}");
        assert!(
            out.contains("…甲甲") && out.contains("{{ nope }}乙乙") && out.contains("乙…"),
            "{out}"
        );
    }

    #[test]
    fn the_locator_agrees_with_of_offset() {
        let text = "标题：六安\n  增长{{ gdpp }}\n\n第三{{ x }}行{{ y }}";
        let locator = Locator::new(text);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &o in offsets.iter().chain(offsets.iter().rev().step_by(3)) {
            assert_eq!(locator.position(o), Position::of_offset(text, o), "{o}");
        }
    }

    #[test]
    fn nearest_finds_a_typo() {
        assert_eq!(
            nearest("gdp_grwoth", ["gdp_growth", "tax"]),
            Some("gdp_growth")
        );
        assert_eq!(nearest("gpd", ["tax", "gdp"]), Some("gdp"));
        assert_eq!(nearest("zzz", ["gdp_growth", "tax"]), None);
    }
}
