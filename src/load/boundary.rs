//! The source boundary: what of `content/` and `static/` may be published, and that no
//! input leads out of the site. Every symbolic link met on the way is resolved
//! (`fs::canonicalize`) and must end inside the site folder; one that leads out is an
//! error naming the link and its target, and is never read, published or served. A link
//! to a file inside the site is read through; a link to a folder is not followed.
//!
//! Files beside the bulletins in `content/` are published only when their kind is on
//! [`CONTENT_KINDS`] (images, PDF and OFD, office documents, CSV and text, archives).
//! Editor, backup and system files ([`never_published`]) are published from neither
//! folder; `static/` is the site's explicit publish folder and otherwise copies what it
//! holds. What is held back is a note (`check --verbose`). A name that is not UTF-8 is
//! an error: it has no web address. Build and serve both ask here.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, relative};
use crate::lang::{Text, cannot};

/// Extensions (lower case) of files published from `content/` beside the pages.
/// No SVG: an SVG can carry script, and opened as a page it runs on the site's origin;
/// a trusted one goes in `static/`, or is converted to PNG. No HTML either: pages are
/// what bulletin renders.
pub(crate) const CONTENT_KINDS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", // images
    "pdf", "ofd", // documents (OFD: GB/T 33190, China's fixed-layout format)
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "dps", "odt", "ods",
    "odp", // office documents (WPS Office: wps, et, dps)
    "csv", "txt", "zip", // data and archives
    "rar",
];

/// Why a file or folder named `name` is never published from `content/` or `static/`:
/// hidden, an editor's backup, swap or lock file, or an operating system's index.
pub(crate) fn never_published(name: &str) -> Option<Text> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    if name.starts_with('.') {
        Some(text!("a hidden file", "隐藏文件"))
    } else if name.ends_with('~') || (name.starts_with('#') && name.ends_with('#')) {
        Some(text!("an editor's backup file", "编辑器的备份文件"))
    } else if name.starts_with("~$") {
        Some(text!("an office program's lock file", "办公软件的锁定文件"))
    } else if matches!(ext, "bak" | "orig" | "rej" | "swp" | "swo" | "swn" | "tmp") {
        Some(text!(
            "a backup, merge or swap file",
            "备份、合并或交换文件"
        ))
    } else if matches!(lower.as_str(), "thumbs.db" | "ehthumbs.db" | "desktop.ini") {
        Some(text!("an operating system's file", "操作系统生成的文件"))
    } else {
        None
    }
}

/// Why a file of `content/` that is not a bulletin, a unit or its data is not published,
/// or None when its kind is on [`CONTENT_KINDS`].
pub(crate) fn held_from_content(name: &str) -> Option<Text> {
    let lower = name.to_ascii_lowercase();
    let (stem, ext) = lower.rsplit_once('.').unwrap_or((&lower, ""));
    if matches!(ext, "md" | "markdown" | "mdown" | "mkd" | "mkdn") {
        let original_stem = &name[..stem.len()];
        return Some(text!(
            "it looks like a bulletin, but only names ending in lower-case `.md` are read (rename it `{original_stem}.md`)",
            "看起来是通报，但只读取以小写 `.md` 结尾的文件（请改名为 `{original_stem}.md`）"
        ));
    }
    if matches!(ext, "yaml" | "yml") {
        return Some(text!(
            "only a unit's `data.yaml` and `tasks.yaml` are read, and data files are never published",
            "只读取单位的 `data.yaml` 和 `tasks.yaml`，数据文件从不发布"
        ));
    }
    if CONTENT_KINDS.contains(&ext) {
        return None;
    }
    Some(if ext == "svg" {
        text!(
            "`.{ext}` is not a kind published from `content/` (an SVG can carry script: convert it to PNG); files published as they are go in `static/`",
            "`content/` 不发布 `.{ext}` 文件（SVG 可能带脚本，请转成 PNG）；要原样发布的文件放在 `static/` 中"
        )
    } else {
        text!(
            "`.{ext}` is not a kind published from `content/` (images, PDF, OFD, office documents, CSV, text, zip and rar are); files published as they are go in `static/`",
            "`content/` 不发布 `.{ext}` 文件（只发布图片、PDF、OFD、办公文档、CSV、文本、zip 和 rar）；要原样发布的文件放在 `static/` 中"
        )
    })
}

/// The note for a file held back for `why`.
pub(crate) fn held(root: &Path, path: &Path, why: impl Into<Text>) -> Diagnostic {
    Diagnostic::note(
        Code::NotPublished,
        relative(root, path),
        why.into()
            .map(|w, lang| lang.pick(format!("not published: {w}"), format!("不发布：{w}"))),
    )
}

/// The site folder resolved, to test where links lead.
#[derive(Debug, Clone)]
pub(crate) struct Boundary {
    root: PathBuf,
    resolved: PathBuf,
}

impl Boundary {
    pub(crate) fn new(root: &Path) -> Boundary {
        Boundary {
            root: root.to_path_buf(),
            resolved: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// Checks that `path` (a file or folder under the site, possibly a symbolic link or
    /// under one) resolves inside the site; the error names the link and its target.
    pub(crate) fn inside(&self, path: &Path) -> Result<(), Box<Diagnostic>> {
        let target = match std::fs::canonicalize(path) {
            Ok(target) => target,
            Err(e) => {
                return Err(Box::new(Diagnostic::error(
                    Code::Io,
                    relative(&self.root, path),
                    cannot("cannot resolve the path", "无法解析路径", &e),
                )));
            }
        };
        if target.starts_with(&self.resolved) {
            return Ok(());
        }
        Err(Box::new(
            Diagnostic::error(
                Code::OutsideSite,
                relative(&self.root, path),
                text!(
                    "`{p}` leads outside the site, to `{t}`",
                    "“{p}”指向站点以外的“{t}”",
                    p = relative(&self.root, path).display().to_string(),
                    t = target.display()
                ),
            )
            .expected(text!("a file inside the site folder", "站点文件夹内的文件"))
            .hint(text!(
                "copy the file into the site (a symbolic link out of the site is never read, published or served)",
                "把文件复制到站点中（指向站点以外的符号链接从不读取、发布或预览）"
            )),
        ))
    }
}

/// The error for a file or folder whose name is not UTF-8 (Linux allows any bytes):
/// it has no web address, so it is neither read nor published.
pub(crate) fn not_utf8(root: &Path, path: &Path) -> Diagnostic {
    let shown: String = path
        .strip_prefix(root)
        .unwrap_or(path)
        .as_os_str()
        .as_encoded_bytes()
        .utf8_chunks()
        .flat_map(|chunk| {
            let bad = chunk.invalid().iter().map(|b| format!("\\x{b:02x}"));
            std::iter::once(chunk.valid().to_string()).chain(bad)
        })
        .collect();
    Diagnostic::error(
        Code::Io,
        shown.clone(),
        text!(
            "the name `{shown}` is not UTF-8, so it has no web address; it is neither read nor published",
            "名称“{shown}”不是 UTF-8 编码，无法生成网址；不读取也不发布"
        ),
    )
    .hint(text!(
        "rename it in UTF-8 (a name copied from a GBK system keeps its old bytes: `convmv -f gbk -t utf-8`)",
        "用 UTF-8 重新命名（从 GBK 系统复制来的名称保留了原来的编码：`convmv -f gbk -t utf-8`）"
    ))
}

/// Characters a file or folder name may not hold, because the page or file made from it
/// would have no plain web address: `:` makes `javascript:x/index.html` a scheme, `?`
/// and `#` end the path, `%` starts an escape, `\` is read as `/`. Pages' links are
/// made from these names, so the rule at the source is what keeps them safe.
const UNADDRESSABLE: &[char] = &[':', '?', '#', '%', '\\'];

/// The error for a name holding one of [`UNADDRESSABLE`] or a control character.
fn unaddressable(root: &Path, path: &Path, c: char) -> Diagnostic {
    let shown = relative(root, path);
    Diagnostic::error(
        Code::Io,
        shown.clone(),
        text!(
            "the name `{s}` holds `{c}`, so it has no plain web address; it is neither read nor published",
            "名称“{s}”含有“{c}”，无法生成规范的网址；不读取也不发布",
            s = shown.display(),
            c = c.escape_default()
        ),
    )
    .hint(text!(
        "rename it with letters, digits, `-`, `_` and `.` (Chinese is fine)",
        "用字母、数字、`-`、`_` 和 `.` 重新命名（可以用中文）"
    ))
}

impl Boundary {
    /// The boundary's word on one entry of a walk of `content/` or `static/` (walkdir,
    /// not following links): false when it is skipped — an editor, backup or hidden file
    /// (a note) or folder, a name that is not UTF-8 (an error), a link out of the site (an
    /// error), a link to a folder (a note:
    /// not followed, which spares the walk walkdir's loop checks, an open per folder
    /// and ancestor) — and a skipped folder is not entered. A link to a file inside the
    /// site passes, and is read through. `well_known` publishes a top-level `.well-known/` (RFC 8615:
    /// security.txt, certificate challenges), the one hidden folder a site means to.
    pub(crate) fn screen(
        &self,
        entry: &walkdir::DirEntry,
        entries: &mut walkdir::IntoIter,
        well_known: bool,
        diags: &mut crate::diagnostic::Diagnostics,
    ) -> bool {
        let is_dir = entry.file_type().is_dir();
        let Some(name) = entry.file_name().to_str() else {
            // Read lossily it would be published under another name (`\xff` as `�`),
            // and two such names as one.
            diags.push(not_utf8(&self.root, entry.path()));
            if is_dir {
                entries.skip_current_dir();
            }
            return false;
        };
        let published_anyway = well_known && entry.depth() == 1 && is_dir && name == ".well-known";
        if entry.depth() > 0
            && !published_anyway
            && let Some(why) = never_published(name)
        {
            // Hidden folders (`.git`) are skipped without a word.
            if is_dir {
                entries.skip_current_dir();
            } else {
                diags.push(held(&self.root, entry.path(), why));
            }
            return false;
        }
        // Editor and backup files (`#x.md#`) were held back above, without a word.
        if entry.depth() > 0
            && let Some(c) = name
                .chars()
                .find(|c| UNADDRESSABLE.contains(c) || c.is_control())
        {
            diags.push(unaddressable(&self.root, entry.path(), c));
            if is_dir {
                entries.skip_current_dir();
            }
            return false;
        }
        if entry.path_is_symlink() {
            if let Err(e) = self.inside(entry.path()) {
                diags.push(e);
                if is_dir {
                    entries.skip_current_dir();
                }
                return false;
            }
            if entry.depth() > 0 && entry.path().is_dir() {
                diags.push(held(
                    &self.root,
                    entry.path(),
                    text!(
                        "a link to a folder (not followed: link the files, or move the folder)",
                        "指向文件夹的链接（不跟随：请链接文件，或移动文件夹）"
                    ),
                ));
                return false;
            }
        }
        true
    }
}

/// One file the output gets as it is.
#[derive(Debug, Clone)]
pub(crate) struct StaticFile {
    /// Output path, `/`-separated.
    pub out: String,
    pub from: From,
}

/// Where a [`StaticFile`] comes from.
#[derive(Debug, Clone)]
pub(crate) enum From {
    /// The theme's `static/` file at this index of `Theme::statics`.
    Theme(usize),
    /// A file of the site, relative to its root (`static/…` or `content/…`).
    Site(PathBuf),
}

impl StaticFile {
    /// The site file it is copied from (relative to the site root); None for a theme's.
    pub(crate) fn site_file(&self) -> Option<&Path> {
        match &self.from {
            From::Site(rel) => Some(rel),
            From::Theme(_) => None,
        }
    }

    /// The source file, for diagnostics.
    pub(crate) fn source(&self, theme: &str) -> PathBuf {
        match &self.from {
            From::Theme(_) => Path::new("themes")
                .join(theme)
                .join("static")
                .join(&self.out),
            From::Site(path) => path.clone(),
        }
    }
}

/// Every file the output gets as it is, by output path: the theme's static files, then
/// the site's `static/` (which overrides the theme's, by design), then the assets of
/// `content/`. A `static/` file and a content asset at one output path is an error
/// naming both. `static/` is walked here with the boundary's rules: symbolic links only
/// inside the site, editor, backup and hidden files never (each a note); every other
/// kind is copied, as the site's explicit publish folder. Build and serve both use it.
pub(crate) fn static_files(
    root: &Path,
    theme_statics: &[(PathBuf, Vec<u8>)],
    assets: &[PathBuf],
    diags: &mut crate::diagnostic::Diagnostics,
) -> Vec<StaticFile> {
    let slash = |p: &Path| p.to_string_lossy().replace('\\', "/");
    let mut files: std::collections::BTreeMap<String, StaticFile> = theme_statics
        .iter()
        .enumerate()
        .map(|(i, (rel, _))| (slash(rel), i))
        .filter(|(out, _)| out.split('/').all(|part| never_published(part).is_none()))
        .map(|(out, i)| {
            let from = From::Theme(i);
            (out.clone(), StaticFile { out, from })
        })
        .collect();
    let boundary = Boundary::new(root);
    let static_dir = root.join("static");
    let mut entries = walkdir::WalkDir::new(&static_dir)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            // No `static/` folder is fine; anything else unreadable is reported.
            Err(_) if !static_dir.exists() => break,
            Err(e) => {
                let path = e.path().unwrap_or(&static_dir);
                diags.push(Diagnostic::error(
                    Code::Io,
                    relative(root, path),
                    e.to_string(),
                ));
                continue;
            }
        };
        if !boundary.screen(&entry, &mut entries, true, diags) {
            continue;
        }
        let path = entry.path();
        // A link that passed the screen leads to a file inside the site.
        if entry.file_type().is_file() || entry.path_is_symlink() {
            let out = slash(path.strip_prefix(&static_dir).unwrap_or(path));
            let from = From::Site(relative(root, path));
            files.insert(out.clone(), StaticFile { out, from });
        }
    }
    for rel in assets {
        let out = slash(rel);
        let source = Path::new("content").join(rel);
        if let Some(StaticFile {
            from: From::Site(other),
            ..
        }) = files.get(&out)
        {
            diags.push(
                Diagnostic::error(
                    Code::OutputCollision,
                    &source,
                    text!(
                        "`{s}` and `{o}` would both be published as `{out}`",
                        "“{s}”和“{o}”都会发布为“{out}”",
                        s = source.display(),
                        o = other.display()
                    ),
                )
                .hint(text!(
                    "keep one of the two files, or rename one",
                    "两个文件只保留一个，或给其中一个改名"
                )),
            );
            continue;
        }
        let from = From::Site(source);
        files.insert(out.clone(), StaticFile { out, from });
    }
    files.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_backup_and_system_files_are_never_published() {
        for name in [
            "x.md~",
            "data.yaml.bak",
            "tasks.yaml.orig",
            ".x.md.swp",
            "#x.md#",
            ".DS_Store",
            "Thumbs.db",
            "~$报告.docx",
            ".git",
            "a.SWP",
        ] {
            assert!(never_published(name).is_some(), "{name}");
        }
        for name in ["logo.png", "2024年报.pdf", "x.md", "a~b.png"] {
            assert!(never_published(name).is_none(), "{name}");
        }
    }

    #[test]
    fn content_publishes_only_its_kinds() {
        for name in [
            "logo.PNG",
            "年报.pdf",
            "附件1.docx",
            "表.et",
            "数据.csv",
            "公文.ofd",
        ] {
            assert_eq!(held_from_content(name), None, "{name}");
        }
        for name in [
            "x.MD",
            "x.markdown",
            "notes.yaml",
            "x.svg",
            "index.html",
            "a.js",
            "noext",
        ] {
            assert!(held_from_content(name).is_some(), "{name}");
        }
        assert!(
            held_from_content("2024-report.MD")
                .unwrap()
                .contains("`2024-report.md`")
        );
    }
}
