//! Spreadsheet data: reads a unit's `data.csv`, `data.xlsx`, `data.ods` or `data.xls` into
//! a flat list of located figures ([`SheetValue`]): which indicator (as written), which
//! period, which field (value, growth, target, qualifier, rank), the figure as an exact
//! decimal, and where it is (`data.csv:7:12`, `data.xlsx:Sheet1!D7`). The reader knows
//! nothing of indicator definitions, units or checks: matching a row to an indicator is
//! [`matching`]'s, merging with `data.yaml` (and the rules on the merge) [`merge`]'s, and
//! every rule on the figures the model's and `check`'s, as for YAML values. Nothing here panics on a hostile file;
//! every problem is a [`SheetError`] at its cell, ready to become a `Diagnostic`.
//!
//! For the caller: [`read`] (a path, the path to print, the unit's [`SheetMapping`], i.e.
//! `data.yaml`'s `sheet:` section) gives a [`SheetRead`]: its `values`, its `errors`
//! (each [`SheetError::to_diagnostic`]) and the workbook sheets it skipped.
//! [`read_csv_bytes`] reads CSV bytes already in memory. [`SHEET_FILES`] are the names
//! looked for beside `data.yaml`.
//!
//! # Rules (user-facing; the section below "For the README" can be pasted as is)
//!
//! ## For the README: figures from a spreadsheet
//!
//! A unit's figures may also come from `data.csv`, `data.xlsx`, `data.ods` or `data.xls`
//! beside `data.yaml` (which keeps the indicator definitions). Two layouts are understood;
//! which one is decided from the header row (the first row, among the first 20, that has an
//! indicator column; title rows above it are skipped, and a period in a title such as
//! “2024年1—9月主要经济指标” is the report period that 本月/累计 columns refer to).
//!
//! **Long** — one row per indicator and period:
//!
//! | 指标 | 时期 | 数值 | 增速 | 目标 | 目标增速 | 限定 | 位次 |
//! |------|------|------|------|------|----------|------|------|
//! | 地区生产总值 | 2024 | 128.3 | 5.7 | | | | 2 |
//! | 规上工业总产值 | 2024 | | | 170 | | 以上 | |
//!
//! **Wide** — indicators down, periods across (`2023年 | 2024年`, `2024年1—9月`,
//! `2024Q3`, `本月 | 1—9月累计 | 同比增长%` as the 统计月报 prints them). A period header may
//! carry its field (`2024年增速`, `2024年目标`), or span two sub-columns in a merged cell
//! with the fields in the row below (`2024年` over `数值 | 增速`); the other way round, a
//! merged field over periods (`数值` over `2023年 | 2024年`) is understood too. A growth column without
//! a period of its own (`同比增长%`) belongs to the nearest period column on its left;
//! `上年同期` is that period one year earlier.
//!
//! Headers, in Chinese or English (spaces, `%` and a trailing `（…）` are ignored when
//! matching; a unit in the brackets, `数值（万元）`, is kept as the unit of measure):
//!
//! - indicator: 指标, 指标名称, 指标名, 名称, 项目, id, indicator, name — an indicator's
//!   `id` or its `name` as written in `data.yaml`;
//! - unit (for a sheet holding several units): 地区, 区县, 县区, 单位名称, region;
//! - period (long layout): 时期, 期别, 时间, 年份, 年度, period, year;
//! - value: 数值, 值, 本期, 总量, 绝对值, 实际, 完成, 完成值, value;
//! - growth (%): 增速, 增长, 增幅, 增长率, 同比, 同比增长, 比上年增长, 比上年同期增长, growth;
//! - target value: 目标, 目标值, 计划, 年度目标, 全年目标, target;
//! - target growth (%): 目标增速, 增长目标, 目标增长, 计划增长, target growth;
//! - qualifier: 限定, 限定词, qualifier (以上, 左右, 以内, 突破; 以下 and 不超过 read as 以内,
//!   不少于 as 以上); a target cell may carry it too: `170以上`, `20%以上`, `突破50`;
//! - rank position: 位次, 排名, 名次, rank (cells `2`, `第2`, `第2位`); a header may name
//!   the scope and the basis: `全市位次` (scope 全市), `增速全市排名` (the growth rate is
//!   ranked: `by: growth`), `位次（全市）`;
//! - unit of measure: 单位, 计量单位, unit (亿元, 万元, %; or in a header's brackets:
//!   `数值（万元）`), kept with each value and target for the unit check;
//! - ignored: 序号, 备注, 说明, note, and 完成率/完成比例/完成进度
//!   (bulletin computes completion from the target and the value).
//!
//! A header that differs is mapped in `data.yaml` ([`SheetMapping`]):
//!
//! ```yaml
//! sheet:
//!   period: 2024-01~09          # the report period 本月/累计 refer to (else the title row's)
//!   headers:                    # header text → indicator | region | period | value |
//!     本期完成: value           #   growth | target | target_growth | qualifier | rank |
//!     一季度: 2024Q1            #   measure | ignore, or a period
//!   ignore_sheets: [说明]
//! ```
//!
//! CSV: comma-separated, or tab-separated when the first line has tabs and no comma;
//! UTF-8 (with or without BOM), UTF-16 with a BOM, or GBK/GB18030.
//!
//! Every visible worksheet of a workbook is read (an empty one is skipped; a sheet of
//! notes is listed under `ignore_sheets`); hidden sheets and chart sheets are not read,
//! since no reader of the workbook sees them. A workbook may hold one sheet per unit,
//! named by the unit. Hidden rows and columns are read: calamine does not say which are
//! hidden.
//!
//! Cells: a number as the sheet shows it (an xlsx cell formatted `0.0` holding 5.6999999
//! is 5.7; a percent-formatted 0.057 is 5.7); a text cell `5.7`, ` 5.7 `, `5.7%`,
//! `1,234.5`; `—`, `-`, `…`, `/` or an empty cell is “not available” (no figure, no
//! error). Any other text, a date, a formula error or TRUE/FALSE where a figure belongs is
//! an error at its cell, as is a figure in a column with no header. A header cell that
//! Excel turned into a date (it does so with `2024-09`) is an error: type `2024年9月`.
//! Limits: 64 MiB per file, 100,000 rows and 1,000 header columns per sheet.
//!
//! ## What the reader knows of number formats
//!
//! calamine 0.38 exposes xlsx cell styles (`Xlsx::worksheet_style`, whose
//! `NumberFormat::format_code` is the format string): an xlsx figure is rounded (half away
//! from zero) to the decimals its format shows, and multiplied by 100 when the format is a
//! percentage. For `.ods` and `.xls` calamine gives no number format: a figure is read to
//! Excel's 15 significant digits and printed in the shortest form that reads back the same
//! (0.1+0.2 is 0.3, 5.6999999 stays 5.6999999) — type such figures rounded, or save as
//! xlsx.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use calamine::{Data, Reader};
use regex::Regex;
use serde::Deserialize;

use crate::compute::{Decimal, Qualifier, number};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::lang::Text;
use crate::model::period::Period;

pub(crate) mod matching;
pub(crate) mod merge;

/// The file names a unit's figures may come from, in the order they are looked for.
pub(crate) const SHEET_FILES: [&str; 4] = ["data.csv", "data.xlsx", "data.ods", "data.xls"];

/// The largest spreadsheet read.
pub(crate) const MAX_BYTES: u64 = 64 << 20;
const MAX_ROWS: usize = 100_000;
const MAX_COLS: usize = 1_000;
/// Title rows a header may sit below.
const HEADER_SEARCH: usize = 20;
/// Errors kept per file: the first ones are what a clerk fixes first.
const MAX_ERRORS: usize = 200;

/// The `sheet:` section of `data.yaml`: what the reader cannot guess.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SheetMapping {
    /// The report period `本月` and `累计` columns refer to, when no title row states it.
    #[serde(default)]
    pub period: Option<Period>,
    /// Header text (as normalised: no spaces) → a role name or a period.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Sheets of a workbook that hold no figures (notes, charts).
    #[serde(default)]
    pub ignore_sheets: Vec<String>,
    /// Rows (their indicator's text) of indicators `data.yaml` does not define, not read
    /// (a 统计月报 table lists more indicators than a site prints).
    #[serde(default)]
    pub ignore_rows: Vec<String>,
}

/// What a figure is of its indicator and period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Field {
    Value,
    /// Stated growth rate, in %.
    Growth,
    TargetValue,
    /// Target growth rate, in %.
    TargetGrowth,
    Qualifier,
    /// A rank position (1 is first).
    Rank,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Figure {
    Number(Decimal),
    Qualifier(Qualifier),
}

/// Where a cell is: a line and column of a CSV file, or a sheet and cell of a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Spot {
    /// The whole file (unreadable, wrong encoding).
    File,
    /// 1-based line, 1-based column in characters, and the field's number (1-based).
    Line {
        line: usize,
        col: usize,
        field: usize,
    },
    /// 0-based row and column, printed `Sheet1!D7`.
    Cell { sheet: String, row: u32, col: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    /// As given to the reader (relative to the site root, for diagnostics).
    pub file: PathBuf,
    pub spot: Spot,
}

impl Place {
    /// `Sheet1!D7` for a workbook cell.
    pub fn cell_ref(&self) -> Option<String> {
        match &self.spot {
            Spot::Cell { sheet, row, col } => Some(format!("{sheet}!{}", cell_name(*row, *col))),
            _ => None,
        }
    }

    /// The file a diagnostic names and its position: a CSV cell by line and column, a
    /// workbook cell's reference appended to the file name (`data.xlsx:Sheet1!D7`, which
    /// is what `Diagnostic::location` prints).
    pub fn shown(&self) -> (PathBuf, Option<Position>) {
        let file = match self.cell_ref() {
            Some(cell) => PathBuf::from(format!("{}:{cell}", self.file.display())),
            None => self.file.clone(),
        };
        (file, self.position())
    }

    /// The line and column of a CSV cell, for a diagnostic's snippet.
    pub fn position(&self) -> Option<Position> {
        match self.spot {
            Spot::Line { line, col, .. } => Some(Position::new(line, col)),
            _ => None,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match &self.spot {
            Spot::File => write!(f, "{file}"),
            Spot::Line { line, col, .. } => write!(f, "{file}:{line}:{col}"),
            Spot::Cell { .. } => write!(f, "{file}:{}", self.cell_ref().unwrap_or_default()),
        }
    }
}

/// One figure of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SheetValue {
    /// The indicator's id or name as written (trimmed).
    pub indicator: String,
    /// Where that id or name is: a row naming no indicator is reported there.
    pub key_place: Place,
    /// The unit column's text, when the sheet has one (a sheet of several units).
    pub unit: Option<String>,
    /// The sheet's name, for a workbook (a sheet per unit names the unit).
    pub sheet: Option<String>,
    /// The unit of measure the sheet states for a value or target value (a 单位 column,
    /// or a header's brackets: `数值（万元）`); the caller checks or converts it, as it
    /// does a YAML value's `unit`. `None` for growth, qualifier and rank.
    pub measure: Option<String>,
    /// For a rank position: the scope and basis its header states.
    pub rank: Option<RankOf>,
    pub period: Period,
    pub field: Field,
    pub figure: Figure,
    pub place: Place,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    /// The file cannot be read, or is too large.
    Io,
    /// Neither UTF-8 nor GBK.
    Encoding,
    /// No header row, or a header that is not understood.
    Header,
    /// A period that does not parse.
    Period,
    /// A cell that should hold a figure and does not.
    Figure,
    /// Past a size limit.
    Limit,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SheetError {
    pub kind: ErrorKind,
    pub place: Place,
    pub message: Text,
    pub hint: Option<Text>,
}

impl SheetError {
    fn new(kind: ErrorKind, place: Place, message: impl Into<Text>) -> Self {
        SheetError {
            kind,
            place,
            message: message.into(),
            hint: None,
        }
    }

    fn hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// As a located diagnostic: a CSV cell by line and column; a workbook cell's
    /// reference is appended to the file name (`data.xlsx:Sheet1!D7`), which is what
    /// `Diagnostic::location` prints.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let code = match self.kind {
            ErrorKind::Io | ErrorKind::Encoding | ErrorKind::Limit => Code::Io,
            ErrorKind::Header => Code::UnknownKey,
            ErrorKind::Period => Code::BadPeriod,
            ErrorKind::Figure => Code::ImpossibleValue,
        };
        let (file, position) = self.place.shown();
        let d = Diagnostic::error(code, file, self.message.clone()).maybe_hint(self.hint.clone());
        match position {
            Some(p) => d.at(p),
            None => d,
        }
    }
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// What a file yielded: every figure read, and every problem (both may be non-empty).
#[derive(Debug, Default)]
pub(crate) struct SheetRead {
    pub values: Vec<SheetValue>,
    pub errors: Vec<SheetError>,
    /// Hidden sheets and chart sheets of a workbook, which are not read (worth a note).
    pub skipped_sheets: Vec<String>,
}

impl SheetRead {
    fn error(&mut self, e: SheetError) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(e);
        }
    }
}

/// Reads `path` (a `.csv`, `.xlsx`, `.xlsm`, `.ods` or `.xls` file); `shown` is the path
/// diagnostics print (relative to the site root).
pub(crate) fn read(path: &Path, shown: &Path, mapping: &SheetMapping) -> SheetRead {
    let whole = Place {
        file: shown.to_path_buf(),
        spot: Spot::File,
    };
    let mut out = SheetRead::default();
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => {
            out.error(SheetError::new(
                ErrorKind::Io,
                whole,
                crate::lang::cannot("cannot read", "无法读取", &e),
            ));
            return out;
        }
    };
    if size > MAX_BYTES {
        out.error(
            SheetError::new(
                ErrorKind::Limit,
                whole,
                text!(
                    "the file is {mib} MiB; at most 64 MiB is read",
                    "文件有 {mib} MiB，最多只读 64 MiB",
                    mib = size >> 20
                ),
            )
            .hint(text!(
                "split the figures into one file per unit",
                "请把数据按单位拆分，每个单位一个文件"
            )),
        );
        return out;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ext == "csv" {
        let mut bytes = Vec::new();
        match std::fs::File::open(path).and_then(|f| f.take(MAX_BYTES).read_to_end(&mut bytes)) {
            Ok(_) => read_csv(&bytes, shown, mapping, &mut out),
            Err(e) => out.error(SheetError::new(
                ErrorKind::Io,
                whole,
                crate::lang::cannot("cannot read", "无法读取", &e),
            )),
        }
    } else {
        read_workbook(path, shown, mapping, &mut out);
    }
    out
}

/// Reads CSV bytes (UTF-8, UTF-8 with BOM, or GBK/GB18030).
#[cfg_attr(
    not(test),
    allow(
        dead_code,
        reason = "CSV bytes already in memory: the tests, and `bulletin import` (issue 16 point 3)"
    )
)]
pub(crate) fn read_csv_bytes(bytes: &[u8], shown: &Path, mapping: &SheetMapping) -> SheetRead {
    let mut out = SheetRead::default();
    read_csv(bytes, shown, mapping, &mut out);
    out
}

/// UTF-8 (a BOM dropped) when the bytes are valid UTF-8, UTF-16 after its BOM (Excel's
/// “Unicode 文本”), else GB18030 (a superset of GBK), else an error at the line of the
/// first byte that is not UTF-8.
fn decode(bytes: &[u8]) -> Result<String, (usize, usize)> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        return encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .map(|s| s.into_owned())
            .ok_or((1, 0));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(utf8) => encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(body)
            .map(|s| s.into_owned())
            .ok_or_else(|| {
                let before = &body[..utf8.valid_up_to()];
                let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
                (line, utf8.valid_up_to())
            }),
    }
}

fn read_csv(bytes: &[u8], shown: &Path, mapping: &SheetMapping, out: &mut SheetRead) {
    let text = match decode(bytes) {
        Ok(t) => t,
        Err((line, _)) => {
            out.error(
                SheetError::new(
                    ErrorKind::Encoding,
                    Place {
                        file: shown.to_path_buf(),
                        spot: Spot::Line {
                            line,
                            col: 1,
                            field: 1,
                        },
                    },
                    text!(
                        "the file is neither UTF-8 nor GBK text",
                        "文件既不是 UTF-8 也不是 GBK 编码的文本"
                    ),
                )
                .hint(text!(
                    "save it again as “CSV UTF-8” or “CSV (逗号分隔)”",
                    "请另存为“CSV UTF-8”或“CSV（逗号分隔）”"
                )),
            );
            return;
        }
    };
    // Tab-separated when the first line has tabs and no comma (Excel's “Unicode 文本”).
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Grid {
        file: shown.to_path_buf(),
        sheet: None,
        rows: Vec::new(),
        csv_places: Vec::new(),
    };
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                out.error(SheetError::new(
                    ErrorKind::Io,
                    grid.line_place(line, 1, 1),
                    text!("not a CSV record: {e}", "不是有效的 CSV 记录（{e}）"),
                ));
                return;
            }
        };
        if grid.rows.len() >= MAX_ROWS {
            out.error(grid_limit(&grid));
            return;
        }
        let (mut line, mut start) = record
            .position()
            .map_or((1, 0), |p| (p.line() as usize, p.byte() as usize));
        // the reader skips blank lines but gives the position where it began: at them
        for b in text.as_bytes().get(start..).unwrap_or(&[]) {
            match b {
                b'\n' => line += 1,
                b'\r' => {}
                _ => break,
            }
            start += 1;
        }
        let cols = field_columns(
            text.get(start..).unwrap_or(""),
            record.len(),
            char::from(delimiter),
        );
        grid.rows
            .push(record.iter().map(|f| Raw::Text(f.to_string())).collect());
        grid.csv_places.push((line, cols));
    }
    read_grid(&grid, mapping, out);
}

/// The character column (1-based) where each of the first `n` fields of the record at the
/// start of `text` begins; fields past the first line of a record keep their line's start.
fn field_columns(text: &str, n: usize, delimiter: char) -> Vec<usize> {
    let mut cols = vec![1];
    let mut quoted = false;
    for (i, c) in text.chars().enumerate() {
        if cols.len() >= n || c == '\n' && !quoted {
            break;
        }
        match c {
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => cols.push(i + 2),
            _ => {}
        }
    }
    cols
}

fn grid_limit(grid: &Grid) -> SheetError {
    let place = grid.place(grid.rows.len().saturating_sub(1), 0);
    SheetError::new(
        ErrorKind::Limit,
        place,
        text!(
            "more than {MAX_ROWS} rows: the rest of the sheet is not read",
            "超过 {MAX_ROWS} 行，其余部分不再读取"
        ),
    )
    .hint(text!(
        "a unit's figures fit in far fewer rows; is this the right file?",
        "一个单位的数据用不了这么多行，请确认文件是否选对"
    ))
}

fn read_workbook(path: &Path, shown: &Path, mapping: &SheetMapping, out: &mut SheetRead) {
    let whole = Place {
        file: shown.to_path_buf(),
        spot: Spot::File,
    };
    let mut book = match calamine::open_workbook_auto(path) {
        Ok(b) => b,
        Err(e) => {
            out.error(
                SheetError::new(
                    ErrorKind::Io,
                    whole,
                    text!(
                        "not a readable workbook: {e}",
                        "无法作为电子表格读取（{e}）"
                    ),
                )
                .hint(text!(
                    "save it again from Excel or WPS as .xlsx",
                    "请用 Excel 或 WPS 另存为 .xlsx"
                )),
            );
            return;
        }
    };
    for sheet in book.sheets_metadata().to_vec() {
        let name = sheet.name;
        if mapping.ignore_sheets.iter().any(|s| s == &name) {
            continue;
        }
        // What the reader of the workbook cannot see is not published: hidden sheets
        // (often last year's copy) and chart sheets are skipped, and said so.
        if sheet.visible != calamine::SheetVisible::Visible
            || sheet.typ != calamine::SheetType::WorkSheet
        {
            out.skipped_sheets.push(name);
            continue;
        }
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                out.error(SheetError::new(
                    ErrorKind::Io,
                    whole.clone(),
                    text!(
                        "sheet `{name}` cannot be read: {e}",
                        "工作表“{name}”无法读取（{e}）"
                    ),
                ));
                continue;
            }
        };
        let formats = match &mut book {
            calamine::Sheets::Xlsx(x) => x.worksheet_style(&name).ok(),
            _ => None,
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let (height, width) = range.get_size();
        let mut grid = Grid {
            file: shown.to_path_buf(),
            sheet: Some(name.clone()),
            rows: Vec::new(),
            csv_places: Vec::new(),
        };
        // Absolute positions: row r of the grid is sheet row r (calamine's range may start
        // below A1).
        let width = (c0 as usize + width).min(MAX_COLS * 4);
        let mut too_long = false;
        for r in 0..(r0 as usize + height) {
            if grid.rows.len() >= MAX_ROWS {
                out.error(grid_limit(&grid));
                too_long = true;
                break;
            }
            let mut row = Vec::new();
            for c in 0..width {
                let pos = (r as u32, c as u32);
                let raw = match range.get_value(pos) {
                    None | Some(Data::Empty) => Raw::Empty,
                    Some(Data::String(s)) => Raw::Text(s.clone()),
                    Some(Data::Int(i)) => Raw::Number(Decimal::from(*i)),
                    Some(Data::Float(f)) => {
                        let format = formats
                            .as_ref()
                            .and_then(|s| s.get(pos))
                            .and_then(|s| s.number_format.as_ref())
                            .map(|n| n.format_code.as_str());
                        match float_as_shown(*f, format) {
                            Some(d) => Raw::Number(d),
                            None => Raw::Other("a number out of range"),
                        }
                    }
                    Some(Data::Bool(_)) => Raw::Other("TRUE/FALSE"),
                    Some(Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_)) => {
                        Raw::Other("a date")
                    }
                    Some(Data::Error(e)) => Raw::Error(e.to_string()),
                };
                row.push(raw);
            }
            while matches!(row.last(), Some(Raw::Empty)) {
                row.pop();
            }
            grid.rows.push(row);
        }
        // A sheet cut short is not read at all: half a sheet is no figure to publish.
        if !too_long {
            read_grid(&grid, mapping, out);
        }
    }
}

/// A float as the sheet shows it: rounded to the decimals of its number format (×100 for a
/// percentage), or, without a format, to Excel's 15 significant digits.
fn float_as_shown(v: f64, format: Option<&str>) -> Option<Decimal> {
    if !v.is_finite() {
        return None;
    }
    // Excel keeps 15 significant digits; `{:e}` with 14 decimals is that, exactly rounded.
    let text = format!("{v:.14e}");
    let d = Decimal::from_scientific(&text).ok()?.normalize();
    let Some((min, max, percent)) = format.and_then(shown_decimals) else {
        return Some(d);
    };
    let d = if percent {
        d.checked_mul(Decimal::ONE_HUNDRED)?
    } else {
        d
    };
    let mut r = number::round(d, max);
    r.rescale(max);
    // `#` digits are dropped when zero, `0` digits are not.
    while r.scale() > min && r.mantissa() % 10 == 0 {
        r.rescale(r.scale() - 1);
    }
    Some(r)
}

/// (fewest, most) decimals a number format shows, and whether it is a percentage; `None`
/// for General, text and scientific formats.
fn shown_decimals(format: &str) -> Option<(u32, u32, bool)> {
    let section = format.split(';').next().unwrap_or("");
    let mut plain = String::new();
    let mut chars = section.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => chars.by_ref().take_while(|&c| c != '"').for_each(drop),
            '[' => chars.by_ref().take_while(|&c| c != ']').for_each(drop),
            '\\' | '_' | '*' => {
                chars.next();
            }
            _ => plain.push(c),
        }
    }
    if !plain.contains(['0', '#', '?']) || plain.contains(['E', 'e', '@']) {
        return None;
    }
    let percent = plain.contains('%');
    let after = plain.split_once('.').map_or("", |(_, a)| a);
    let digits: Vec<char> = after
        .chars()
        .take_while(|c| matches!(c, '0' | '#' | '?' | ','))
        .filter(|&c| c != ',')
        .collect();
    let max = digits.len() as u32;
    let min = digits.iter().take_while(|&&c| c != '#').count() as u32;
    Some((min, max, percent))
}

/// A cell as read, before its column says what it must be.
#[derive(Debug, Clone, PartialEq)]
enum Raw {
    Empty,
    Text(String),
    Number(Decimal),
    /// What a figure cannot be (a date, TRUE/FALSE), named for the message.
    Other(&'static str),
    Error(String),
}

/// A [`Raw::Other`]'s name (or the header's "a formula error") in Chinese.
fn raw_zh(what: &str) -> &'static str {
    match what {
        "a date" => "日期",
        "TRUE/FALSE" => "逻辑值（TRUE/FALSE）",
        "a number out of range" => "超出范围的数",
        _ => "公式错误",
    }
}

impl Raw {
    /// The cell as header text: a number 2024 is "2024".
    fn header_text(&self) -> Option<String> {
        match self {
            Raw::Text(s) => Some(s.clone()),
            Raw::Number(d) => Some(d.normalize().to_string()),
            _ => None,
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Raw::Empty => true,
            Raw::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

struct Grid {
    file: PathBuf,
    sheet: Option<String>,
    rows: Vec<Vec<Raw>>,
    /// For CSV: each row's line and its fields' character columns.
    csv_places: Vec<(usize, Vec<usize>)>,
}

impl Grid {
    fn cell(&self, r: usize, c: usize) -> &Raw {
        self.rows
            .get(r)
            .and_then(|row| row.get(c))
            .unwrap_or(&Raw::Empty)
    }

    fn line_place(&self, line: usize, col: usize, field: usize) -> Place {
        Place {
            file: self.file.clone(),
            spot: Spot::Line { line, col, field },
        }
    }

    fn place(&self, r: usize, c: usize) -> Place {
        match &self.sheet {
            Some(sheet) => Place {
                file: self.file.clone(),
                spot: Spot::Cell {
                    sheet: sheet.clone(),
                    row: r as u32,
                    col: c as u32,
                },
            },
            None => {
                let (line, cols) = self.csv_places.get(r).cloned().unwrap_or((r + 1, vec![]));
                let col = cols.get(c).copied().unwrap_or(1);
                self.line_place(line, col, c + 1)
            }
        }
    }

    fn what(&self) -> &str {
        if self.sheet.is_some() {
            "sheet"
        } else {
            "file"
        }
    }

    fn what_zh(&self) -> &str {
        if self.sheet.is_some() {
            "工作表"
        } else {
            "文件"
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Indicator,
    Unit,
    /// The unit of measure of the row's figures (单位: 亿元, 万元, %).
    Measure,
    Period,
    Ignore,
    /// A field of the row's period (long layout) or of `Some(period)` (wide layout).
    Field(Field, Option<Period>),
}

/// Lower-cased, without spaces, `%`, full-width forms of ASCII, and a trailing `（…）`.
fn normalise(text: &str) -> String {
    let mut s: String = text
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace() && *c != '%')
        .collect::<String>()
        .to_lowercase();
    if s.ends_with(')')
        && let Some(i) = s.rfind('(')
        && i > 0
    {
        s.truncate(i);
    }
    s
}

fn role_word(word: &str) -> Option<Role> {
    let field = |f| Some(Role::Field(f, None));
    match word {
        "指标" | "指标名称" | "指标名" | "名称" | "项目" | "指标id" | "id" | "indicator"
        | "name" => Some(Role::Indicator),
        "地区" | "区县" | "县区" | "单位名称" | "region" => Some(Role::Unit),
        "时期" | "期别" | "时间" | "年份" | "年度" | "period" | "year" => {
            Some(Role::Period)
        }
        "单位" | "计量单位" | "unit" | "measure" => Some(Role::Measure),
        "序号" | "备注" | "说明" | "完成率" | "完成比例" | "完成进度" | "note" | "ignore"
        | "no." => Some(Role::Ignore),
        "数值" | "值" | "本期" | "总量" | "绝对值" | "实际" | "完成" | "完成值" | "value" => {
            field(Field::Value)
        }
        "增速"
        | "增长"
        | "增幅"
        | "增长率"
        | "同比"
        | "同比增长"
        | "比上年增长"
        | "比上年同期增长"
        | "同比增速"
        | "growth"
        | "yoy" => field(Field::Growth),
        "目标" | "目标值" | "计划" | "年度目标" | "全年目标" | "target" | "targetvalue"
        | "target_value" => field(Field::TargetValue),
        "目标增速" | "增长目标" | "目标增长" | "计划增长" | "targetgrowth" | "target_growth" => {
            field(Field::TargetGrowth)
        }
        "限定" | "限定词" | "qualifier" => field(Field::Qualifier),
        "rank" => field(Field::Rank),
        w if RANK_WORDS.iter().any(|r| w.ends_with(r)) => field(Field::Rank),
        _ => None,
    }
}

const RANK_WORDS: [&str; 4] = ["位次", "排名", "名次", "排位"];
const GROWTH_WORDS: [&str; 3] = ["增速", "增幅", "增长"];

/// What a rank column says of its ranks: `全市位次` (scope 全市), `增速全市排名` (scope
/// 全市, by growth), `位次（全市）`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RankOf {
    /// Where the position is held (全市); empty when the header does not say.
    pub scope: String,
    /// The growth rate is ranked, not the level (`by: growth`).
    pub by_growth: bool,
}

fn rank_of(header: &str) -> RankOf {
    let n = normalise(header);
    let rest = period_prefix(&n).map_or(n.as_str(), |(_, rest)| rest);
    let stem = RANK_WORDS
        .iter()
        .find_map(|w| rest.strip_suffix(w))
        .unwrap_or("");
    let by_growth = GROWTH_WORDS.iter().any(|w| stem.contains(w));
    let mut scope = stem.to_string();
    for w in GROWTH_WORDS {
        scope = scope.replace(w, "");
    }
    if scope.is_empty() {
        scope = measure_of(header).unwrap_or_default();
    }
    RankOf { scope, by_growth }
}

/// What a period-relative header (`本月`, `1—9月累计`, `上年同期`) means.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Relative {
    ThisMonth,
    /// Cumulative months 1..=to (`None`: up to the report month).
    Cumulative(Option<u8>),
    PriorYear,
}

static YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?P<y>\d{4})(?:[—–\-~至到](?P<y2>\d{4}))?年?",
        r"(?:(?P<m>\d{1,2})(?:[—–\-~至到](?P<m2>\d{1,2}))?月份?",
        r"|第?(?P<q>[一二三四1-4])季度|(?P<h>上|下)半年|[qQ](?P<qq>[1-4])|[hH](?P<hh>[12]))?",
        r"(?:累计)?(?P<rest>.*)$"
    ))
    .expect("a valid regex")
});

static MONTHS_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:1|一)[—–\-~至到](?P<m>\d{1,2})月份?(?:累计)?(?P<rest>.*)$")
        .expect("a valid regex")
});

/// A Chinese or ASCII period at the start of `text` (normalised), and what follows it.
fn period_prefix(text: &str) -> Option<(Period, &str)> {
    if let Ok(p) = text.parse::<Period>() {
        return Some((p, ""));
    }
    let c = YEAR_FIRST.captures(text)?;
    let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<i32>().ok());
    let y = num("y")?;
    let rest = c.name("rest").map_or("", |m| m.as_str());
    let month = |k: &str| num(k).and_then(|m| u8::try_from(m).ok());
    let quarter = c
        .name("q")
        .map(|m| match m.as_str() {
            "一" | "1" => 1,
            "二" | "2" => 2,
            "三" | "3" => 3,
            _ => 4,
        })
        .or_else(|| month("qq"));
    let period = if let Some(y2) = num("y2") {
        format!("{y}~{y2}")
    } else if let (Some(from), Some(to)) = (month("m"), month("m2")) {
        if from == to {
            format!("{y}-{from:02}")
        } else {
            format!("{y}-{from:02}~{to:02}")
        }
    } else if let Some(m) = month("m") {
        format!("{y}-{m:02}")
    } else if let Some(q) = quarter {
        format!("{y}Q{q}")
    } else if let Some(h) = c.name("h") {
        format!("{y}H{}", if h.as_str() == "上" { 1 } else { 2 })
    } else if let Some(h) = month("hh") {
        format!("{y}H{h}")
    } else {
        format!("{y}")
    };
    period.parse().ok().map(|p| (p, rest))
}

fn relative_prefix(text: &str) -> Option<(Relative, &str)> {
    for (word, rel) in [
        ("本月", Relative::ThisMonth),
        ("当月", Relative::ThisMonth),
        ("本年累计", Relative::Cumulative(None)),
        ("累计", Relative::Cumulative(None)),
        ("上年同期", Relative::PriorYear),
        ("去年同期", Relative::PriorYear),
        ("上年同月", Relative::PriorYear),
    ] {
        if let Some(rest) = text.strip_prefix(word) {
            return Some((rel, rest));
        }
    }
    let c = MONTHS_ONLY.captures(text)?;
    let to = c.name("m")?.as_str().parse().ok()?;
    Some((
        Relative::Cumulative(Some(to)),
        c.name("rest").map_or("", |m| m.as_str()),
    ))
}

/// A header cell of the wide layout: a period (absolute or relative) and a field word
/// after it, either of them possibly absent.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Header {
    Role(Role),
    Period(Period, Option<Field>),
    Relative(Relative, Option<Field>),
    /// A field alone: of the nearest period on its left, or of the merged cell above.
    Field(Field),
}

fn field_word(rest: &str) -> Option<Option<Field>> {
    if rest.is_empty() {
        return Some(None);
    }
    match role_word(rest) {
        Some(Role::Field(f, None)) => Some(Some(f)),
        _ => None,
    }
}

fn classify(text: &str, mapping: &SheetMapping) -> Option<Header> {
    let n = normalise(text);
    if n.is_empty() {
        return None;
    }
    let mapped = mapping
        .headers
        .iter()
        .find(|(k, _)| normalise(k) == n)
        .map(|(_, v)| v.as_str());
    if let Some(v) = mapped {
        if let Ok(p) = v.parse::<Period>() {
            return Some(Header::Period(p, None));
        }
        return role_word(&normalise(v)).map(|r| match r {
            Role::Field(f, _) => Header::Field(f),
            r => Header::Role(r),
        });
    }
    if let Some(r) = role_word(&n) {
        return Some(match r {
            Role::Field(f, _) => Header::Field(f),
            r => Header::Role(r),
        });
    }
    if let Some((p, rest)) = period_prefix(&n) {
        return field_word(rest).map(|f| Header::Period(p, f));
    }
    if let Some((r, rest)) = relative_prefix(&n) {
        return field_word(rest).map(|f| Header::Relative(r, f));
    }
    None
}

/// The period a relative header means in a sheet reporting `report`.
fn resolve(rel: Relative, report: Option<Period>, left: Option<Period>) -> Option<Period> {
    let (year, month) = match report? {
        Period::Month(y, m) => (y, m),
        Period::Months { year, to, .. } => (year, to),
        Period::Year(y) => (y, 12),
        Period::Quarter(y, q) => (y, q * 3),
        Period::Half(y, h) => (y, h * 6),
        Period::Years { .. } => return None,
    };
    let months = |to: u8| {
        if to == 1 {
            Some(Period::Month(year, 1))
        } else {
            (to <= 12).then_some(Period::Months { year, from: 1, to })
        }
    };
    match rel {
        Relative::ThisMonth => Some(Period::Month(year, month)),
        Relative::Cumulative(to) => months(to.unwrap_or(month)),
        Relative::PriorYear => left.unwrap_or(Period::Month(year, month)).prior(),
    }
}

/// The report period a title row states (`2024年1—9月主要经济指标`).
fn title_period(grid: &Grid, header_row: usize) -> Option<Period> {
    (0..header_row).find_map(|r| {
        grid.rows[r].iter().find_map(|cell| {
            let n = normalise(&cell.header_text()?);
            (0..n.len())
                .filter(|&i| n.is_char_boundary(i))
                .find_map(|i| period_prefix(&n[i..]).map(|(p, _)| p))
        })
    })
}

fn is_indicator_header(cell: &Raw, mapping: &SheetMapping) -> bool {
    cell.header_text()
        .and_then(|t| classify(&t, mapping))
        .is_some_and(|h| h == Header::Role(Role::Indicator))
}

fn read_grid(grid: &Grid, mapping: &SheetMapping, out: &mut SheetRead) {
    if grid.rows.iter().all(|r| r.iter().all(Raw::is_empty)) {
        return;
    }
    // The header row: the first with an indicator column.
    let header_row = (0..grid.rows.len().min(HEADER_SEARCH))
        .find(|&r| grid.rows[r].iter().any(|c| is_indicator_header(c, mapping)));
    let Some(hr) = header_row else {
        out.error(
            SheetError::new(
                ErrorKind::Header,
                grid.place(0, 0),
                text!(
                    "no header row: none of the {what}'s first rows names an indicator column",
                    "没有表头：{zh}前几行都没有指标列",
                    what = grid.what(),
                    zh = grid.what_zh()
                ),
            )
            .hint(text!(
                "put a header row such as `指标 | 2023年 | 2024年` or `指标 | 时期 | 数值 | 增速` above the figures",
                "请在数据上方加一行表头，如 `指标 | 2023年 | 2024年` 或 `指标 | 时期 | 数值 | 增速`"
            )),
        );
        return;
    };
    // Trailing empty header cells (10,000 empty columns) are no columns.
    let used = |r: usize| {
        grid.rows
            .get(r)
            .and_then(|row| row.iter().rposition(|c| !c.is_empty()))
            .map_or(0, |i| i + 1)
    };
    // The row below is a second header row when it names fields (under merged period
    // cells), or periods under merged field cells while its indicator cell is empty (a
    // figure row always names its indicator).
    let key_empty_below = grid.rows[hr]
        .iter()
        .position(|c| is_indicator_header(c, mapping))
        .is_some_and(|k| grid.cell(hr + 1, k).is_empty());
    let sub_header = |c: usize| match grid
        .cell(hr + 1, c)
        .header_text()
        .and_then(|t| classify(&t, mapping))
    {
        Some(Header::Field(f)) => Some(Header::Field(f)),
        Some(Header::Period(p, None)) if key_empty_below => Some(Header::Period(p, None)),
        _ => None,
    };
    let mut width = used(hr);
    // A merged cell may span past the last text of the header row.
    while width <= MAX_COLS && sub_header(width).is_some() {
        width += 1;
    }
    if width > MAX_COLS {
        out.error(SheetError::new(
            ErrorKind::Limit,
            grid.place(hr, MAX_COLS),
            text!(
                "the header has {width} columns; at most {MAX_COLS} are read",
                "表头有 {width} 列，最多只读 {MAX_COLS} 列"
            ),
        ));
        return;
    }
    let report = mapping.period.or_else(|| title_period(grid, hr));
    let headers: Vec<Option<Header>> = (0..width)
        .map(|c| {
            grid.cell(hr, c)
                .header_text()
                .and_then(|t| classify(&t, mapping))
        })
        .collect();
    // A second header row: fields under (merged) period cells.
    let sub: Vec<Option<Header>> = (0..width).map(sub_header).collect();
    let sub_field = |c: usize| match sub[c] {
        Some(Header::Field(f)) => Some(f),
        _ => None,
    };
    let sub_period = |c: usize| match sub[c] {
        Some(Header::Period(p, _)) => Some(p),
        _ => None,
    };
    let two_rows = sub.iter().any(Option::is_some);
    let long = headers.contains(&Some(Header::Role(Role::Period)));
    let mut roles = Vec::with_capacity(width);
    let mut left: Option<Period> = None;
    // The field of a merged cell over period sub-columns (`数值` over `2023年 | 2024年`).
    let mut above: Option<Field> = None;
    for c in 0..width {
        let cell = grid.cell(hr, c);
        if !cell.is_empty() {
            above = None;
        }
        let role = match headers[c] {
            Some(Header::Role(r)) => Some(r),
            Some(Header::Field(f)) if long => Some(Role::Field(f, None)),
            Some(Header::Field(f)) => match sub_period(c) {
                Some(p) => {
                    above = Some(f);
                    Some(Role::Field(f, Some(p)))
                }
                None => left.map(|p| Role::Field(f, Some(p))),
            },
            Some(Header::Period(p, f)) if !long => {
                left = Some(p);
                Some(Role::Field(
                    f.or(sub_field(c)).unwrap_or(Field::Value),
                    Some(p),
                ))
            }
            Some(Header::Relative(rel, f)) if !long => {
                let p = resolve(rel, report, left);
                if rel != Relative::PriorYear {
                    left = p;
                }
                p.map(|p| Role::Field(f.or(sub_field(c)).unwrap_or(Field::Value), Some(p)))
            }
            // The empty rest of a merged cell: a period with its field in the row below,
            // or a field with its period in the row below.
            None if cell.is_empty() && sub[c].is_some() => match (sub_field(c), sub_period(c)) {
                (Some(f), _) => left.map(|p| Role::Field(f, Some(p))),
                (_, Some(p)) => above.map(|f| Role::Field(f, Some(p))),
                _ => None,
            },
            None if cell.is_empty() => Some(Role::Ignore),
            _ => None,
        };
        let Some(role) = role else {
            let Some(text) = cell.header_text() else {
                let what = match cell {
                    Raw::Other(what) => what,
                    _ => "a formula error",
                };
                out.error(
                    SheetError::new(
                        ErrorKind::Header,
                        grid.place(hr, c),
                        text!(
                            "a header cell holds {what}",
                            "表头单元格是{zh}",
                            zh = raw_zh(what)
                        ),
                    )
                    .hint(text!(
                        "type the header as text; Excel turns 2024-09 into a date, write 2024年9月",
                        "表头请输入文字；Excel 会把 2024-09 变成日期，请写 2024年9月"
                    )),
                );
                return;
            };
            if let Some((_, to)) = mapping
                .headers
                .iter()
                .find(|(k, _)| normalise(k) == normalise(&text))
            {
                out.error(
                    SheetError::new(
                        ErrorKind::Header,
                        grid.place(hr, c),
                        text!(
                            "header `{text}` is mapped to `{to}`, which is neither a field nor a period",
                            "表头“{text}”在 data.yaml 中对应为“{to}”，这既不是字段也不是时期"
                        ),
                    )
                    .hint(text!(
                        "map it in data.yaml to indicator, region, period, value, growth, target, target_growth, qualifier, rank, measure, ignore, or a period such as 2024Q1",
                        "请在 data.yaml 中把它对应为 indicator、region、period、value、growth、target、target_growth、qualifier、rank、measure、ignore 之一，或 2024Q1 这样的时期"
                    )),
                );
                return;
            }
            let relative = headers[c].is_some_and(|h| matches!(h, Header::Relative(..)));
            let hint = if relative {
                text!(
                    "本月/累计 need the report period: a title row such as `2024年1—9月主要经济指标`, or `sheet: period:` in data.yaml",
                    "“本月”“累计”需要知道报告期：请加一行标题，如 `2024年1—9月主要经济指标`，或在 data.yaml 中写 `sheet: period:`"
                )
            } else if long {
                text!(
                    "in a sheet with a period column, the other headers name fields: 数值, 增速, 目标, 目标增速, 限定, 位次",
                    "有“时期”列的表，其他表头应为字段：数值、增速、目标、目标增速、限定、位次"
                )
            } else {
                text!(
                    "write a period (2024年, 2024年1—9月, 2024Q3) or a field (数值, 增速, 目标); map other headers under `sheet: headers:` in data.yaml",
                    "请写时期（2024年、2024年1—9月、2024Q3）或字段（数值、增速、目标）；其他表头请在 data.yaml 的 `sheet: headers:` 下对应"
                )
            };
            out.error(
                SheetError::new(
                    ErrorKind::Header,
                    grid.place(hr, c),
                    text!("header `{text}` is not understood", "无法识别表头“{text}”"),
                )
                .hint(hint),
            );
            return;
        };
        roles.push(role);
    }
    let Some(key_col) = roles.iter().position(|r| *r == Role::Indicator) else {
        return;
    };
    let unit_col = roles.iter().position(|r| *r == Role::Unit);
    let period_col = roles.iter().position(|r| *r == Role::Period);
    if !long && !roles.iter().any(|r| matches!(r, Role::Field(_, Some(_)))) {
        out.error(
            SheetError::new(
                ErrorKind::Header,
                grid.place(hr, key_col),
                text!(
                    "the header names no period: neither a period column (时期) nor period columns (2024年)",
                    "表头中没有时期：既没有“时期”列，也没有按时期命名的列（2024年）"
                ),
            )
            .hint(text!(
                "add a 时期 column, or name the columns by period: `指标 | 2023年 | 2024年`",
                "请加一列“时期”，或按时期命名各列：`指标 | 2023年 | 2024年`"
            )),
        );
        return;
    }
    let columns = Columns {
        measures: (0..width)
            .map(|c| grid.cell(hr, c).header_text().and_then(|t| measure_of(&t)))
            .collect(),
        measure: roles.iter().position(|r| *r == Role::Measure),
        // a rank header in the second header row (under a merged period) says more
        ranks: (0..width)
            .map(|c| {
                let top = grid.cell(hr, c).header_text().unwrap_or_default();
                match (two_rows, grid.cell(hr + 1, c).header_text()) {
                    (true, Some(below)) if matches!(sub[c], Some(Header::Field(Field::Rank))) => {
                        rank_of(&below)
                    }
                    _ => rank_of(&top),
                }
            })
            .collect(),
        roles,
        key: key_col,
        unit: unit_col,
        period: period_col,
    };
    let first = hr + 1 + usize::from(two_rows);
    for r in first..grid.rows.len() {
        read_row(grid, r, &columns, out);
    }
}

/// What the header says of each column.
struct Columns {
    roles: Vec<Role>,
    key: usize,
    unit: Option<usize>,
    period: Option<usize>,
    measure: Option<usize>,
    /// The unit a header names in brackets: `数值（万元）`.
    measures: Vec<Option<String>>,
    ranks: Vec<RankOf>,
}

/// The unit of measure in a header's trailing brackets (`数值（万元）`), not `%`.
fn measure_of(header: &str) -> Option<String> {
    let t = header.trim();
    let inner = t
        .strip_suffix('）')
        .and_then(|t| t.rsplit_once('（'))
        .or_else(|| t.strip_suffix(')').and_then(|t| t.rsplit_once('(')))?
        .1
        .trim();
    (!inner.is_empty() && inner != "%" && inner != "％").then(|| inner.to_string())
}

fn read_row(grid: &Grid, r: usize, columns: &Columns, out: &mut SheetRead) {
    let (roles, key_col) = (&columns.roles, columns.key);
    let row = &grid.rows[r];
    if row.iter().all(Raw::is_empty) {
        return;
    }
    let figures: Vec<usize> = (0..row.len())
        .filter(|&c| {
            !row[c].is_empty()
                && !matches!(
                    roles.get(c),
                    Some(
                        Role::Ignore | Role::Indicator | Role::Unit | Role::Period | Role::Measure
                    )
                )
        })
        .filter(|&c| !not_available(&row[c]))
        .collect();
    let key = match grid.cell(r, key_col) {
        Raw::Text(s) if !s.trim().is_empty() => s.trim().to_string(),
        Raw::Number(d) => d.to_string(),
        _ if figures.is_empty() => return,
        _ => {
            out.error(
                SheetError::new(
                    ErrorKind::Figure,
                    grid.place(r, key_col),
                    text!(
                        "a row with figures names no indicator",
                        "这一行有数据，但没有写指标"
                    ),
                )
                .hint(text!(
                    "write the indicator's id or name in this cell",
                    "请在此单元格填写指标的 id 或名称"
                )),
            );
            return;
        }
    };
    let text_at = |c: Option<usize>| {
        c.and_then(|c| grid.cell(r, c).header_text())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let unit = text_at(columns.unit);
    let row_measure = text_at(columns.measure);
    let row_period = match columns.period {
        None => None,
        // a row of no figures (a section heading, 一、工业) needs no period
        Some(_) if figures.is_empty() => return,
        Some(c) => {
            let cell = grid.cell(r, c);
            let text = match cell {
                Raw::Other(what) => format!("({what})"),
                _ => cell.header_text().unwrap_or_default(),
            };
            match period_prefix(&normalise(&text)) {
                Some((p, "")) => Some(p),
                _ => {
                    out.error(
                        SheetError::new(
                            ErrorKind::Period,
                            grid.place(r, c),
                            match cell {
                                Raw::Other(what) => text!(
                                    "`({what})` is not a period",
                                    "时期单元格是{zh}，不是时期",
                                    zh = raw_zh(what)
                                ),
                                _ => text!(
                                    "`{t}` is not a period",
                                    "“{t}”不是时期",
                                    t = text.trim()
                                ),
                            },
                        )
                        .hint(text!(
                            "write 2024, 2024年, 2024年1—9月 or 2024Q3 (Excel turns 2024-09 into a date: write 2024年9月)",
                            "请写 2024、2024年、2024年1—9月 或 2024Q3（Excel 会把 2024-09 变成日期，请写 2024年9月）"
                        )),
                    );
                    return;
                }
            }
        }
    };
    for c in figures {
        let place = grid.place(r, c);
        let Some(&Role::Field(field, period)) = roles.get(c) else {
            out.error(
                SheetError::new(
                    ErrorKind::Figure,
                    place,
                    text!(
                        "a figure in a column with no header",
                        "没有表头的列中有数据"
                    ),
                )
                .hint(text!(
                    "name the column in the header row, or delete the figure",
                    "请在表头行给这一列命名，或删去这个数"
                )),
            );
            continue;
        };
        let Some(period) = period.or(row_period) else {
            continue;
        };
        match figures_of(&row[c], field) {
            Ok(found) => {
                for (field, figure) in found {
                    let measure = match field {
                        Field::Value | Field::TargetValue => columns
                            .measures
                            .get(c)
                            .cloned()
                            .flatten()
                            .or_else(|| row_measure.clone()),
                        _ => None,
                    };
                    let rank = (field == Field::Rank)
                        .then(|| columns.ranks.get(c).cloned().unwrap_or_default());
                    out.values.push(SheetValue {
                        indicator: key.clone(),
                        key_place: grid.place(r, key_col),
                        unit: unit.clone(),
                        measure,
                        rank,
                        sheet: grid.sheet.clone(),
                        period,
                        field,
                        figure,
                        place: place.clone(),
                    });
                }
            }
            Err((message, hint)) => {
                out.error(SheetError::new(ErrorKind::Figure, place, message).hint(hint))
            }
        }
    }
}

/// Text that says “not available”.
fn not_available(raw: &Raw) -> bool {
    match raw {
        Raw::Empty => true,
        Raw::Text(s) => matches!(
            s.trim(),
            "" | "—" | "——" | "-" | "--" | "–" | "－" | "…" | "……" | "..." | "/" | "／"
        ),
        _ => false,
    }
}

fn qualifier_word(word: &str) -> Option<Qualifier> {
    Some(match word {
        "以上" | "不少于" | "不低于" => Qualifier::AtLeast,
        "左右" => Qualifier::About,
        "以内" | "以下" | "不超过" | "不高于" => Qualifier::AtMost,
        "突破" => Qualifier::Exceeds,
        _ => return None,
    })
}

type Found = Vec<(Field, Figure)>;

/// The figure(s) a cell holds for `field`: a number, or, for a target, a number with its
/// qualifier (`170以上`).
fn figures_of(raw: &Raw, field: Field) -> Result<Found, (Text, Text)> {
    let qualifiers = || {
        text!(
            "write 以上, 左右, 以内 or 突破",
            "请写“以上”“左右”“以内”或“突破”"
        )
    };
    let text = match raw {
        Raw::Number(d) if field == Field::Qualifier => {
            return Err((
                text!("`{d}` is not a qualifier", "“{d}”不是限定词"),
                qualifiers(),
            ));
        }
        Raw::Number(d) => return number_figure(*d, field).map(|f| vec![(field, f)]),
        Raw::Text(s) => s.trim(),
        Raw::Other(what) => {
            return Err((
                text!(
                    "{what} where a figure belongs",
                    "此处应为数值，却是{zh}",
                    zh = raw_zh(what)
                ),
                text!(
                    "type the figure as a number; a date cell is what Excel makes of 2024-09 or 9-1",
                    "请按数值输入；Excel 会把 2024-09 或 9-1 变成日期"
                ),
            ));
        }
        Raw::Error(e) => {
            return Err((
                text!("the formula gives the error {e}", "公式计算出错（{e}）"),
                text!(
                    "fix the formula, or type “—” where the figure is not available",
                    "请改正公式；没有数据的地方填“—”"
                ),
            ));
        }
        Raw::Empty => return Ok(vec![]),
    };
    if field == Field::Qualifier {
        return qualifier_word(text)
            .map(|q| vec![(field, Figure::Qualifier(q))])
            .ok_or_else(|| {
                (
                    text!("`{text}` is not a qualifier", "“{text}”不是限定词"),
                    qualifiers(),
                )
            });
    }
    let bad = || {
        (
            text!("`{text}` is not a number", "“{text}”不是数值"),
            text!(
                "write a number such as 5.7 or 5.7%; write “—” where the figure is not available",
                "请写数值，如 5.7 或 5.7%；没有数据的地方填“—”"
            ),
        )
    };
    let mut body = text;
    let mut qualifier = None;
    if matches!(field, Field::TargetValue | Field::TargetGrowth) {
        for word in [
            "以上",
            "不少于",
            "不低于",
            "左右",
            "以内",
            "以下",
            "不超过",
            "不高于",
            "突破",
        ] {
            if let Some(rest) = body.strip_suffix(word).or_else(|| body.strip_prefix(word)) {
                body = rest.trim();
                qualifier = qualifier_word(word);
                break;
            }
        }
    }
    if field == Field::Rank {
        body = body.trim_start_matches('第').trim_end_matches(['位', '名']);
    }
    let body = body.trim().trim_end_matches(['%', '％']).trim();
    let d = parse_number(body).ok_or_else(bad)?;
    let mut found = vec![(field, number_figure(d, field)?)];
    if let Some(q) = qualifier {
        found.push((Field::Qualifier, Figure::Qualifier(q)));
    }
    Ok(found)
}

fn number_figure(d: Decimal, field: Field) -> Result<Figure, (Text, Text)> {
    if field == Field::Rank && (d.fract() != Decimal::ZERO || d < Decimal::ONE) {
        return Err((
            text!("`{d}` is not a rank position", "“{d}”不是位次"),
            text!(
                "a rank is a whole number from 1 (first)",
                "位次是从 1（第一）起的整数"
            ),
        ));
    }
    Ok(Figure::Number(d))
}

/// A plain decimal, also with thousands separators (`1,234.5`).
fn parse_number(text: &str) -> Option<Decimal> {
    if let Some(d) = number::parse_decimal(text) {
        return Some(d);
    }
    let (whole, fraction) = text
        .split_once('.')
        .map_or((text, None), |(w, f)| (w, Some(f)));
    let digits = whole.trim_start_matches(['-', '+']);
    let groups: Vec<&str> = digits.split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    if !grouped {
        return None;
    }
    let joined = whole.replace(',', "");
    number::parse_decimal(&match fraction {
        Some(f) => format!("{joined}.{f}"),
        None => joined,
    })
}

/// `D7` for 0-based row 6, column 3.
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    letters
        .iter()
        .rev()
        .chain(std::iter::empty())
        .collect::<String>()
        + &(row + 1).to_string()
}

#[cfg(test)]
mod tests;
