//! What the preview server answers from: every page and static file of the last good
//! build, held in memory (nothing is written to disk while serving), and the error
//! overlay of the last failed rebuild, if any. The session replaces entries under the
//! write lock in one go, so a reader sees either the old site or the new one, never a
//! mix; the server only reads.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use axum::body::Bytes;

#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    /// The path part of `base_url`, decoded: `/tjgb/`.
    pub base: String,
    /// Rendered pages by output path (`demo/2025-report/index.html`), LZ4-compressed as
    /// the memory sink was given them: a province's 11,000 pages are 220 MB of HTML, a
    /// fifth of that compressed, and one is unpacked in microseconds when asked for.
    pub pages: HashMap<String, Bytes>,
    /// Theme static files, `static/` and content assets; they win over a page of the
    /// same path, as in `build`, which copies them after the pages.
    pub statics: HashMap<String, Bytes>,
    /// HTML shown at the top of every page while the site does not build.
    pub overlay: Option<String>,
}

impl Snapshot {
    /// The file served at `rel`: a static file, else a page.
    pub fn get(&self, rel: &str) -> Option<Bytes> {
        match self.statics.get(rel) {
            Some(bytes) => Some(bytes.clone()),
            None => self.page(rel),
        }
    }

    /// Page `rel`, unpacked.
    pub fn page(&self, rel: &str) -> Option<Bytes> {
        let packed = self.pages.get(rel)?;
        lz4_flex::decompress_size_prepended(packed)
            .ok()
            .map(Bytes::from)
    }

    /// Whether there is a file at `rel`.
    pub fn has(&self, rel: &str) -> bool {
        self.statics.contains_key(rel) || self.pages.contains_key(rel)
    }
}

/// The snapshot shared between the session (the only writer) and the server.
#[derive(Debug, Clone, Default)]
pub(crate) struct Shared(Arc<RwLock<Snapshot>>);

impl Shared {
    pub fn read(&self) -> RwLockReadGuard<'_, Snapshot> {
        // A panic while holding the lock leaves a whole snapshot behind (entries are
        // replaced, never half-written), so a poisoned lock is still safe to read.
        self.0.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, Snapshot> {
        self.0.write().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The `Content-Type` of an output file, by extension; text types carry
/// `charset=utf-8` so Chinese pages never depend on the browser's guess.
pub(crate) fn content_type(rel: &str) -> &'static str {
    let ext = rel
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls" => "application/vnd.ms-excel",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "doc" => "application/msword",
        "zip" => "application/zip",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// `html` with `overlay` inserted before its last `</body>` (or at the end).
pub(crate) fn with_overlay(html: &[u8], overlay: &str) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + overlay.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(overlay.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_types_say_utf8() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("css/news.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("x.JS"), "text/javascript; charset=utf-8");
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type("logo.png"), "image/png");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }

    #[test]
    fn overlay_goes_before_the_body_end() {
        let page = b"<html><body><p>x</p></body></html>";
        let out = with_overlay(page, "<div>E</div>");
        assert_eq!(out, b"<html><body><p>x</p><div>E</div></body></html>");
        assert_eq!(with_overlay(b"<p>x</p>", "<i>"), b"<p>x</p><i>");
    }
}
