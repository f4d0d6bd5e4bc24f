//! A theme's files as read: the built-in themes are compiled into the binary (`themes/`
//! of this repository), and a site's own `themes/<name>/` overrides them file by file. A
//! link in a site's theme folder is read through inside the site and an error outside it
//! ([`boundary`](super::boundary)). The theme's strings are parsed here; templates are
//! `render::Theme`'s to parse.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Position, did_you_mean};
use crate::model::theme::{ThemeFile, ThemeSources};

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes");

/// Where diagnostics say a built-in theme file comes from.
const BUILT_IN_ORIGIN: &str = "<built-in>/themes";

/// The built-in theme whose strings fill in what a theme of the site's own leaves out
/// (the table's labels: the site's theme needs no table template, so it may have no
/// such strings either).
const DEFAULT_THEME: &str = "news";

pub fn built_in_names() -> Vec<&'static str> {
    BUILT_IN.dirs().filter_map(|d| d.path().to_str()).collect()
}

/// The theme `name` (typed in site.yaml at `name_at`, where an unknown name is reported)
/// with its strings in `language`.
pub fn read(
    root: &Path,
    name: &str,
    name_at: Option<Position>,
    language: &str,
    diags: &mut Diagnostics,
) -> Option<ThemeSources> {
    let files = collect(root, name, name_at, diags)?;
    let strings = match files.iter().find(|f| f.rel == Path::new("strings.yaml")) {
        Some(f) => load_strings(f, language, diags)?,
        None => serde_json::Value::Null,
    };
    Some(ThemeSources {
        name: name.to_string(),
        language: language.to_string(),
        files,
        strings,
        default_strings: built_in_strings(language),
    })
}

/// Built-in files first, then the site's own `themes/<name>/` over them.
fn collect(
    root: &Path,
    name: &str,
    name_at: Option<Position>,
    diags: &mut Diagnostics,
) -> Option<Vec<ThemeFile>> {
    let mut files: BTreeMap<PathBuf, ThemeFile> = BTreeMap::new();
    if let Some(dir) = BUILT_IN.get_dir(name) {
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            stack.extend(d.dirs());
            for f in d.files() {
                let rel = f
                    .path()
                    .strip_prefix(name)
                    .unwrap_or(f.path())
                    .to_path_buf();
                let origin = Path::new(BUILT_IN_ORIGIN).join(f.path());
                files.insert(
                    rel.clone(),
                    ThemeFile {
                        rel,
                        origin,
                        bytes: f.contents().to_vec(),
                        built_in: true,
                    },
                );
            }
        }
    }
    let site_dir = root.join("themes").join(name);
    if site_dir.is_dir() {
        // The source boundary (load::boundary): a theme folder linked in from outside
        // the site is not read. A link to a file is read through when it stays inside
        // the site and an error when it leads out (it was skipped without a word, and
        // the built-in file silently used); a link to a folder is not followed (a note).
        let boundary = super::boundary::Boundary::new(root);
        if let Err(e) = boundary.inside(&site_dir) {
            diags.push(e);
            return None;
        }
        for entry in WalkDir::new(&site_dir).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().map(|p| crate::diagnostic::relative(root, p));
                    diags.push(Diagnostic::error(
                        Code::Io,
                        path.unwrap_or_else(|| site_dir.clone()),
                        text!(
                            "cannot read the theme folder: {e}",
                            "无法读取主题文件夹：{e}"
                        ),
                    ));
                    continue;
                }
            };
            if entry.file_name().to_str().is_none() {
                diags.push(super::boundary::not_utf8(root, entry.path()));
                continue;
            }
            if entry.depth() > 0 && entry.path_is_symlink() {
                if let Err(e) = boundary.inside(entry.path()) {
                    diags.push(*e);
                    continue;
                }
                if entry.path().is_dir() {
                    diags.push(super::boundary::held(
                        root,
                        entry.path(),
                        text!(
                            "a link to a folder (not followed: link the files, or move the folder)",
                            "指向文件夹的链接（不跟随：请链接文件，或移动文件夹）"
                        ),
                    ));
                    continue;
                }
            } else if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(&site_dir)
                .unwrap_or(entry.path())
                .to_path_buf();
            let origin = crate::diagnostic::relative(root, entry.path());
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    // Left as it is in a copy of the theme: the fast paths stay.
                    let built_in = BUILT_IN
                        .get_file(Path::new(name).join(&rel))
                        .is_some_and(|f| f.contents() == bytes.as_slice());
                    files.insert(
                        rel.clone(),
                        ThemeFile {
                            rel,
                            origin,
                            bytes,
                            built_in,
                        },
                    );
                }
                Err(e) => diags.push(Diagnostic::error(
                    Code::Io,
                    origin,
                    crate::lang::cannot("cannot read the file", "无法读取文件", &e),
                )),
            }
        }
    }
    if files.is_empty() {
        let names = built_in_names();
        // At the `theme:` line of site.yaml, where the name was typed.
        let at = name_at.map(|p| p.with_len(name.chars().count()));
        let mut d = Diagnostic::error(
            Code::SiteConfig,
            "site.yaml",
            text!("there is no theme `{name}`", "没有主题“{name}”"),
        );
        if let Some(at) = at {
            d = d.at(at);
        }
        diags.push(
            d.expected(text!(
                "a built-in theme ({n}) or a folder themes/{name}/",
                "内置主题（{z}），或 themes/{name}/ 文件夹",
                n = names.join(", "),
                z = names.join("、")
            ))
            .maybe_hint(did_you_mean(name, names.iter().copied())),
        );
        return None;
    }
    Some(files.into_values().collect())
}

fn load_strings(
    f: &ThemeFile,
    language: &str,
    diags: &mut Diagnostics,
) -> Option<serde_json::Value> {
    let text = String::from_utf8_lossy(&f.bytes);
    let all: BTreeMap<String, BTreeMap<String, String>> =
        super::yaml::parse(&text, &f.origin, 1, diags)?;
    let chosen = all
        .get(language)
        .or_else(|| all.get("zh-CN"))
        .or_else(|| all.values().next());
    Some(
        serde_json::to_value(chosen.cloned().unwrap_or_default())
            .unwrap_or(serde_json::Value::Null),
    )
}

/// The strings of the built-in [`DEFAULT_THEME`] for `language`.
fn built_in_strings(language: &str) -> serde_json::Value {
    let path = format!("{DEFAULT_THEME}/strings.yaml");
    BUILT_IN
        .get_file(&path)
        .and_then(|f| {
            let file = ThemeFile {
                rel: PathBuf::from("strings.yaml"),
                origin: Path::new(BUILT_IN_ORIGIN).join(&path),
                bytes: f.contents().to_vec(),
                built_in: true,
            };
            // The built-in file parses (`table_html`'s tests read it).
            load_strings(&file, language, &mut Diagnostics::default())
        })
        .unwrap_or(serde_json::Value::Null)
}
