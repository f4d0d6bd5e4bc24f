//! `bulletin new <dir>`: writes a small site that builds and checks clean at once — one
//! unit (示例区) with five indicators defined in `data.yaml` (with their targets and
//! ranks) and their yearly figures in `data.xlsx` beside it (the way an office keeps
//! them: `workbook`), a home page, and one bulletin in the layout asked for (a news
//! report with inline figures, a yoy and a targets table; an official document; a
//! plan). The files are in `src/scaffold/`, compiled into the binary like the built-in
//! theme, so `new` works anywhere; the workbook is written by `rust_xlsxwriter`.
//!
//! Nothing is overwritten: the folder must be missing or empty, and every file is
//! created with `create_new`, so a file that appears meanwhile stops `new` instead of
//! being replaced.

use std::borrow::Cow;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};

/// The bulletin a new site starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    News,
    Document,
    Plan,
}

/// The files every new site has, by path relative to the site folder.
const COMMON: &[(&str, &str)] = &[
    ("site.yaml", include_str!("scaffold/site.yaml")),
    (
        "content/_index.md",
        include_str!("scaffold/content/_index.md"),
    ),
    (
        "content/shiliqu/_index.md",
        include_str!("scaffold/content/shiliqu/_index.md"),
    ),
    (
        "content/shiliqu/data.yaml",
        include_str!("scaffold/content/shiliqu/data.yaml"),
    ),
];

/// Where the yearly figures of the new site's unit are: an xlsx workbook rather than a CSV
/// file, because a CSV opened in Excel on Chinese Windows is read as GBK unless it has a
/// BOM, loses its number formats and cannot carry the notes sheet.
const WORKBOOK: &str = "content/shiliqu/data.xlsx";

/// A row of the workbook: name (as in data.yaml), unit, decimals shown, 2023, 2024, and
/// 2024's stated growth.
type Row = (&'static str, &'static str, usize, f64, f64, Option<f64>);

/// The figures of the workbook (地区生产总值 is at comparable prices: its growth is given).
const FIGURES: [Row; 5] = [
    ("地区生产总值", "亿元", 1, 380.5, 402.6, Some(5.9)),
    ("规模以上工业总产值", "亿元", 1, 152.6, 171.3, None),
    ("工业投资", "亿元", 1, 50.0, 61.2, None),
    ("新增规上工业企业", "家", 0, 21.0, 28.0, None),
    ("制造业增加值占地区生产总值比重", "%", 1, 19.2, 20.3, None),
];

/// `data.xlsx` of the new site: a title row, then `指标 | 单位 | 2023年 | 2024年 |
/// 2024年增速` (the wide layout, as a 统计月报 prints it), each figure formatted to the
/// decimals data.yaml gives it (the reader takes a figure as its format shows it); and a
/// 说明 sheet, which data.yaml's `sheet: ignore_sheets:` skips.
fn workbook() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_align(FormatAlign::Center);
    let decimals = |n: usize| {
        Format::new().set_num_format(if n == 0 {
            "0".to_string()
        } else {
            format!("0.{}", "0".repeat(n))
        })
    };
    let s = book.add_worksheet();
    s.set_name("主要指标")?;
    s.merge_range(0, 0, 0, 4, "示例区2024年主要经济指标", &title)?;
    for (c, h) in ["指标", "单位", "2023年", "2024年", "2024年增速"]
        .iter()
        .enumerate()
    {
        #[expect(clippy::cast_possible_truncation, reason = "five columns")]
        s.write_string_with_format(1, c as u16, *h, &bold)?;
    }
    for (i, (name, unit, n, before, now, growth)) in FIGURES.iter().enumerate() {
        #[expect(clippy::cast_possible_truncation, reason = "five rows")]
        let r = i as u32 + 2;
        s.write_string(r, 0, *name)?;
        s.write_string(r, 1, *unit)?;
        s.write_number_with_format(r, 2, *before, &decimals(*n))?;
        s.write_number_with_format(r, 3, *now, &decimals(*n))?;
        if let Some(g) = growth {
            s.write_number_with_format(r, 4, *g, &decimals(1))?;
        }
    }
    s.set_column_width(0, 32)?;
    s.set_column_width(4, 12)?;
    let notes = book.add_worksheet();
    notes.set_name("说明")?;
    for (r, line) in [
        "本工作簿由 bulletin new 生成，数值为示例数据，请替换为本单位统计数据。",
        "“主要指标”表每行一个指标，指标名称与 data.yaml 中的 name（或 id、别名）一致；",
        "列名“2023年”“2024年”为数值，“2024年增速”为增速（%）；没有的数据留空或填“—”。",
        "指标的定义、目标和位次写在 data.yaml 中；同一个数不要在两处都写。",
    ]
    .iter()
    .enumerate()
    {
        #[expect(clippy::cast_possible_truncation, reason = "four rows")]
        notes.write_string(r as u32, 0, *line)?;
    }
    book.save_to_buffer()
}

impl Layout {
    /// The bulletin of this layout: its path and text.
    fn bulletin(self) -> (&'static str, &'static str) {
        match self {
            Layout::News => (
                "content/shiliqu/2024-economy.md",
                include_str!("scaffold/content/shiliqu/2024-economy.md"),
            ),
            Layout::Document => (
                "content/shiliqu/2025-industrial-plan.md",
                include_str!("scaffold/layouts/document.md"),
            ),
            Layout::Plan => (
                "content/shiliqu/2025-action-plan.md",
                include_str!("scaffold/layouts/plan.md"),
            ),
        }
    }
}

/// Writes a new site into `dir` and returns the files written (relative to `dir`).
/// `dir` is made if missing; an existing file, or a folder holding anything, is refused.
pub fn create(dir: &Path, layout: Layout) -> Result<Vec<PathBuf>, Box<Diagnostic>> {
    refuse_unless_empty(dir)?;
    let sheet = workbook().map_err(|e| {
        Box::new(Diagnostic::error(
            Code::NewSite,
            dir.join(WORKBOOK),
            text!(
                "cannot make the workbook: {e}",
                "无法生成工作簿 data.xlsx（{e}）"
            ),
        ))
    })?;
    let files = COMMON
        .iter()
        .copied()
        .chain([layout.bulletin()])
        .map(|(rel, text)| (rel, Cow::Borrowed(text.as_bytes())))
        .chain([(WORKBOOK, Cow::Owned(sheet))]);
    let mut written = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(rel);
        let made = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
            })
            .and_then(|mut file| file.write_all(&bytes));
        if let Err(e) = made {
            return Err(Box::new(
                Diagnostic::error(
                    Code::NewSite,
                    &path,
                    crate::lang::cannot("cannot write the file", "无法写入文件", &e),
                )
                .hint(text!(
                    "nothing was overwritten; the files listed before this one were written",
                    "没有覆盖任何文件；这个文件之前列出的文件已经写入"
                )),
            ));
        }
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

fn refuse_unless_empty(dir: &Path) -> Result<(), Box<Diagnostic>> {
    let refuse = |message: crate::lang::Text| {
        Box::new(Diagnostic::error(Code::NewSite, dir, message).hint(text!(
            "name a new folder, e.g. `bulletin new my-site`",
            "请指定一个新文件夹，如 `bulletin new my-site`"
        )))
    };
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(refuse(crate::lang::cannot(
            "cannot read the folder",
            "无法读取文件夹",
            &e,
        ))),
        Ok(meta) if meta.is_dir() => {
            let mut entries = std::fs::read_dir(dir).map_err(|e| {
                refuse(crate::lang::cannot(
                    "cannot read the folder",
                    "无法读取文件夹",
                    &e,
                ))
            })?;
            if entries.next().is_some() {
                Err(refuse(text!(
                    "the folder is not empty: `new` writes only into a new or empty folder",
                    "文件夹不是空的：`new` 只写入新的或空的文件夹"
                )))
            } else {
                Ok(())
            }
        }
        // A link is not followed: where it points is not the folder the user named.
        Ok(meta) if meta.is_symlink() => Err(refuse(text!(
            "this is a symbolic link: `new` writes only into a real folder",
            "这是符号链接：`new` 只写入真实的文件夹"
        ))),
        Ok(_) => Err(refuse(text!(
            "this is a file, not a folder",
            "这是文件，不是文件夹"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every layout's files are written, and nothing else; a second `new` into the same
    /// folder is refused and changes nothing.
    #[test]
    fn writes_each_layout_once_and_never_overwrites() {
        for layout in [Layout::News, Layout::Document, Layout::Plan] {
            let tmp = tempfile::tempdir().expect("temp dir");
            let dir = tmp.path().join("site");
            let files = create(&dir, layout).expect("new site");
            assert_eq!(files.len(), COMMON.len() + 2);
            assert!(files.contains(&PathBuf::from(WORKBOOK)));
            assert!(files.contains(&PathBuf::from(layout.bulletin().0)));
            let site = std::fs::read_to_string(dir.join("site.yaml")).expect("site.yaml");
            std::fs::write(dir.join("site.yaml"), "edited").expect("edit");
            let again = create(&dir, layout).expect_err("a second new is refused");
            assert_eq!(again.code, Code::NewSite);
            assert!(again.message.contains("not empty"), "{}", again.message);
            assert_eq!(
                std::fs::read_to_string(dir.join("site.yaml")).expect("site.yaml"),
                "edited",
                "{site}"
            );
        }
    }

    #[test]
    fn refuses_a_file_and_a_link() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let file = tmp.path().join("notes.txt");
        std::fs::write(&file, "mine").expect("write");
        assert!(create(&file, Layout::News).is_err());
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "mine");
        #[cfg(unix)]
        {
            let empty = tmp.path().join("empty");
            std::fs::create_dir(&empty).expect("mkdir");
            let link = tmp.path().join("link");
            std::os::unix::fs::symlink(&empty, &link).expect("symlink");
            let e = create(&link, Layout::News).expect_err("a link is refused");
            assert!(e.message.contains("symbolic link"), "{}", e.message);
            assert_eq!(std::fs::read_dir(&empty).expect("read").count(), 0);
        }
    }

    /// An empty folder (made by the user or by a file manager) is fine.
    #[test]
    fn an_empty_folder_is_used() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let files = create(tmp.path(), Layout::Plan).expect("new site in an empty folder");
        assert!(tmp.path().join(files[0].as_path()).is_file());
    }
}
