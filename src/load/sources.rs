//! The store of file texts. After loading, the model keeps a file as a [`SourceFile`]
//! (its path and hash); the texts a page is made from — a bulletin's commentary, a unit's
//! or the home page's `_index.md`, a unit's `tasks.yaml` (the cross-check reads its
//! tasks' 内容和要求 at their place in the file) — are asked of this store, which owns them
//! and the policy of keeping or reading again:
//!
//! - units' and the home page's `_index.md` and `tasks.yaml` are kept (a province has a
//!   thousand, each a few kilobytes);
//! - bulletins are kept up to a budget ([`super::Bodies`]) and read again past it: a
//!   province's 100,000 bulletins are 450 MB of commentary, while reading a file again
//!   costs ~14 µs. A file read again must still have the front matter the lists of the
//!   site were made from.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};

/// A text file of the site as the model keeps it: where it is and what it held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Relative to the site root.
    pub path: PathBuf,
    /// xxh3-128 of the whole file as read: how a later run tells whether it changed.
    pub hash: u128,
}

/// The texts kept, by path relative to the site root.
#[derive(Debug, Default)]
pub struct Sources {
    root: PathBuf,
    kept: HashMap<PathBuf, String>,
}

impl Sources {
    pub fn new(root: &Path) -> Sources {
        Sources {
            root: root.to_path_buf(),
            kept: HashMap::new(),
        }
    }

    /// Keeps `text` as the text of `path`.
    pub fn keep(&mut self, path: PathBuf, text: String) {
        self.kept.insert(path, text);
    }

    /// Forgets the text of `path` (its file changed: it is read again when next asked).
    pub fn forget(&mut self, path: &Path) {
        self.kept.remove(path);
    }

    /// Whether the text of `path` is kept.
    #[cfg(test)]
    pub fn holds(&self, path: &Path) -> bool {
        self.kept.contains_key(path)
    }

    /// The text of a file that is always kept (an `_index.md`, a `tasks.yaml`); empty
    /// when it is not.
    pub fn kept(&self, file: &SourceFile) -> &str {
        self.kept.get(&file.path).map_or("", String::as_str)
    }

    /// The text of a `tasks.yaml`, kept.
    pub fn kept_yaml(&self, file: &super::YamlFile) -> &str {
        self.kept.get(&file.path).map_or("", String::as_str)
    }

    /// A bulletin's whole text: kept, or read again. Read again, its front matter (up to
    /// `body_offset`) must still be the one loaded (`front_hash`): the lists of the site
    /// were made from it. Its commentary may be newer.
    pub fn bulletin(
        &self,
        file: &SourceFile,
        body_offset: usize,
        front_hash: u128,
    ) -> Result<Cow<'_, str>, Box<Diagnostic>> {
        if let Some(text) = self.kept.get(&file.path) {
            return Ok(Cow::Borrowed(text));
        }
        let mut diags = Diagnostics::default();
        let Some(source) = super::read(&self.root, &self.root.join(&file.path), &mut diags) else {
            return Err(Box::new(
                diags.into_sorted().into_iter().next().unwrap_or_else(|| {
                    Diagnostic::error(
                        Code::Io,
                        &file.path,
                        text!("cannot read the file", "无法读取文件"),
                    )
                }),
            ));
        };
        let front = source.text.get(..body_offset).map(front_hash_of);
        if front != Some(front_hash) {
            return Err(Box::new(
                Diagnostic::error(
                    Code::Io,
                    &file.path,
                    text!(
                        "the file changed while the site was being built",
                        "生成站点期间文件被修改了"
                    ),
                )
                .hint(text!("build again", "请重新生成")),
            ));
        }
        Ok(Cow::Owned(source.text))
    }
}

/// The hash of a bulletin's front matter (its text up to where the commentary starts).
pub fn front_hash_of(front: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(front.as_bytes())
}
