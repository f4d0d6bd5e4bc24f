//! Located diagnostics: what every user-facing problem becomes, and how it is shown.
//!
//! A [`Diagnostic`] names the file (relative to the site root), the line and column (both
//! 1-based, the column counted in characters so Chinese text lines up), a stable code, the
//! message, what was expected, and a hint. Stages push them into a [`Diagnostics`]
//! collector passed explicitly; nothing here aborts. Rendering for the terminal goes
//! through codespan-reporting, which measures Chinese characters as two columns wide.
//! This module reads source text only to draw the snippet under a message.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

/// Stable codes, so tests and CI scripts can branch on the kind of problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
        }
    }
}

/// A place in a source file: 1-based line, 1-based column in characters, and the
/// length of the offending text in characters (at least 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// Relative to the site root, with `/` separators.
    pub file: PathBuf,
    pub position: Option<Position>,
    pub message: String,
    pub expected: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
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

    pub fn note(code: Code, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn warning(code: Code, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
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

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(self, hint: Option<String>) -> Self {
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

    /// Renders with a source snippet when `source` holds the file's text.
    pub fn render(&self, source: Option<&str>, color: bool) -> String {
        let severity = match self.severity {
            Severity::Error => codespan_reporting::diagnostic::Severity::Error,
            Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
            Severity::Note => codespan_reporting::diagnostic::Severity::Note,
        };
        let mut notes = Vec::new();
        if let Some(e) = &self.expected {
            notes.push(format!("expected: {e}"));
        }
        if let Some(h) = &self.hint {
            notes.push(format!("hint: {h}"));
        }
        let name = self.location();
        let text = source.unwrap_or("");
        let range = self
            .position
            .and_then(|p| byte_range(text, p))
            .filter(|_| source.is_some());
        let mut cs = CsDiagnostic::new(severity)
            .with_code(self.code.as_str())
            .with_message(&self.message)
            .with_notes(notes);
        let file = SimpleFile::new(self.file.display().to_string(), text);
        if let Some(range) = range {
            cs = cs.with_labels(vec![Label::primary((), range)]);
        } else {
            // Without a snippet codespan prints no location: put it in the message.
            cs.message = format!("{}\n  --> {name}", self.message);
        }
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

/// The byte range a position covers in `text`, if the position lies inside it.
fn byte_range(text: &str, p: Position) -> Option<Range<usize>> {
    let line_start = if p.line == 1 {
        0
    } else {
        text.match_indices('\n').nth(p.line - 2)?.0 + 1
    };
    let line = text[line_start..].split('\n').next()?;
    let mut chars = line.char_indices().skip(p.col - 1);
    let start = chars.next().map_or(line.len(), |(i, _)| i);
    let end = line[start..]
        .char_indices()
        .nth(p.len)
        .map_or(line.len(), |(i, _)| start + i);
    Some(line_start + start..line_start + end.max(start))
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
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    nearest(word, candidates).map(|c| format!("did you mean `{c}`?"))
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
    fn byte_range_round_trips_a_chinese_position() {
        let text = "第一行\n税收收入增长{{ tax }}";
        let p = Position::new(2, 7).with_len(9);
        let r = byte_range(text, p).unwrap();
        assert_eq!(&text[r], "{{ tax }}");
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
