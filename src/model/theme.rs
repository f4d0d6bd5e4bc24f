//! A theme as the loader read it, for `render::Theme` to build: the types between the
//! two, so that rendering reads no file.

use std::path::PathBuf;

/// A file of a theme, from the binary or from the site.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Relative to the theme's folder: `templates/bulletin.html`, `static/css/news.css`.
    pub rel: PathBuf,
    /// Where diagnostics say it comes from.
    pub origin: PathBuf,
    pub bytes: Vec<u8>,
    /// Byte for byte the built-in theme's file at `rel`.
    pub built_in: bool,
}

/// A theme as read: its files (the site's over the built-in ones), its strings in the
/// site's language, and the built-in default theme's strings, which fill in what a theme
/// of the site's own leaves out.
#[derive(Debug)]
pub struct ThemeSources {
    pub name: String,
    pub language: String,
    pub files: Vec<ThemeFile>,
    pub strings: serde_json::Value,
    pub default_strings: serde_json::Value,
}
