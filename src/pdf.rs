//! Official documents printed to PDF (site.yaml `pdf: true`): `build` gives each
//! `layout: document` page, as it wrote it, to headless Chromium and writes the PDF
//! beside the page (`<unit>/<slug>/<slug>.pdf`, which the page links as 下载PDF版).
//!
//! GB/T 9704-2012 (7.4) puts the 版记 on the back of the last sheet: the foot of an even
//! page. The print stylesheet sets it alone at the foot of the last page, but Chromium
//! takes `break-before: left` for a plain page break, so the page count decides: printed
//! once, a document whose 版记 fell on an odd page is printed again with the class
//! `pdf-verso` on `<html>` (the theme then gives the 版记 a blank page before it). The
//! class is only in the copy Chromium reads, never in the published page.
//!
//! A PDF is printed again only when what it is printed from changed: the page's bytes,
//! the stylesheets, images and fonts it may load, the browser (its path, size and date)
//! and the `bulletin` binary. The build keeps that fingerprint beside its records
//! (`.bulletin/build-<hash>.pdfs`) with the PDF's [`Stamp`]; an unchanged PDF is linked
//! from the previous output like an unchanged page.
//!
//! The one place `bulletin` runs another program. It owns finding the browser (PATH or
//! `BULLETIN_CHROMIUM`), the private folder Chromium reads the page and its stylesheets
//! and images from (a temporary folder, never the output), the timeout, and the page
//! count (`lopdf`). It writes only through [`Output`]; `serve` and `check` print nothing.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::engine::Engine;
use crate::engine::plan::{Pdf, Plan};
use crate::lang::{Lang, Text};
use crate::load::boundary::StaticFile;
use crate::model::{Layout, Site};
use crate::output::{Output, Stamp};
use crate::render::Page;

/// Names the browser: a path, or a name looked up on PATH.
pub(crate) const ENV: &str = "BULLETIN_CHROMIUM";
/// The browsers looked for on PATH, in this order.
const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "msedge",
    "microsoft-edge",
];
/// How long one print may take before it is a failure (a 13-page document takes 5 s).
const TIMEOUT: Duration = Duration::from_secs(120);

/// What `make` names when it cannot make its temporary folder.
const TEMP: &str = "a temporary folder";
/// On `<html>` in the copy printed the second time: the 版记 goes one page further.
pub(crate) const VERSO: &str = "pdf-verso";
/// What a page loads to print: stylesheets, images, fonts (not downloads).
const PRINTED: &[&str] = &[
    "css", "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico", "woff", "woff2",
    "ttf", "otf",
];

/// The PDFs of `pages` when the site asks for them: one a document page, beside it. A
/// static file at the same path is an error (the build would write that path twice).
pub(crate) fn plan(
    site: &Site,
    pages: &[(String, Page)],
    statics: &[StaticFile],
    diags: &mut Diagnostics,
) -> Vec<Pdf> {
    if !site.config.pdf {
        return Vec::new();
    }
    let pdfs: Vec<Pdf> = pages
        .iter()
        .filter_map(|(path, page)| match *page {
            Page::Bulletin(b) if site.bulletins[b].layout == Layout::Document => {
                let bulletin = &site.bulletins[b];
                Some(Pdf {
                    out: format!("{}{}.pdf", site.bulletin_dir(bulletin), bulletin.slug),
                    page: path.clone(),
                    bulletin: b,
                })
            }
            _ => None,
        })
        .collect();
    for file in statics {
        if let Some(pdf) = pdfs.iter().find(|p| p.out == file.out) {
            let source = file.source(&site.config.theme);
            diags.push(
                Diagnostic::error(
                    Code::OutputCollision,
                    &source,
                    text!(
                        "`{file}` would replace the PDF `{out}` printed from `{from}`",
                        "“{file}”会覆盖由“{from}”打印的 PDF“{out}”",
                        file = source.display(),
                        out = &pdf.out,
                        from = site.bulletins[pdf.bulletin].source.path.display()
                    ),
                )
                .hint(text!(
                    "rename the file: with `pdf: true` bulletin writes this PDF itself",
                    "请给这个文件改名：设置 `pdf: true` 后，bulletin 会自己生成这个 PDF"
                )),
            );
        }
    }
    pdfs
}

/// The browser that prints, when the site asks for PDFs: `BULLETIN_CHROMIUM`, else the
/// first of [`NAMES`] on PATH. None found is an error at site.yaml's `pdf:`.
pub(crate) fn browser(site: &Site) -> Result<PathBuf, Box<Diagnostic>> {
    find(std::env::var_os(ENV), std::env::var_os("PATH")).map_err(|message| {
        let at = site
            .config
            .file
            .locate(&[crate::load::locate::Seg::Key("pdf")]);
        let d = Diagnostic::error(Code::SiteConfig, &site.config.file.path, message)
            .expected(text!(
                "headless Chromium on PATH ({en}), or {ENV} naming it",
                "PATH 中有可无界面运行的 Chromium（{zh}），或用 {ENV} 指明浏览器",
                en = NAMES.join(", "),
                zh = NAMES.join("、")
            ))
            .hint(text!(
                "install Chromium (apt-get install chromium), set {ENV}=/path/to/chrome, \
                 or remove `pdf: true` to publish no PDF",
                "请安装 Chromium（apt-get install chromium）或 Edge，或设置 {ENV}=浏览器路径；\
                 不发布 PDF 则删去 `pdf: true`"
            ));
        Box::new(match at {
            Some(at) => d.at(at),
            None => d,
        })
    })
}

/// The browser from `BULLETIN_CHROMIUM` (`env`) or `path`, or why there is none.
fn find(env: Option<OsString>, path: Option<OsString>) -> Result<PathBuf, Text> {
    let on_path = |name: &Path| {
        std::env::split_paths(path.as_deref().unwrap_or_default())
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    };
    if let Some(named) = env.filter(|v| !v.is_empty()) {
        let named = PathBuf::from(named);
        let found = if named.components().count() > 1 {
            named.is_file().then(|| named.clone())
        } else {
            on_path(&named)
        };
        return found.ok_or_else(|| {
            text!(
                "`pdf: true` asks for a PDF of every document, and {ENV}={named} names no browser",
                "`pdf: true` 要求为每篇公文生成 PDF，但 {ENV}={named} 指向的不是浏览器",
                named = named.display()
            )
        });
    }
    NAMES
        .iter()
        .find_map(|name| on_path(Path::new(name)))
        .ok_or_else(|| {
            text!(
                "`pdf: true` asks for a PDF of every document, and no Chromium was found to print them",
                "`pdf: true` 要求为每篇公文生成 PDF，但没有找到用来打印的 Chromium 或 Edge"
            )
        })
}

/// Prints every PDF of `plan` with `chromium` and writes it into `out`, after the pages
/// and static files; returns how many. Documents are printed one at a time (Chromium
/// is several processes and uses every core it is given); the first that fails ends the
/// printing, and the records of this run are kept only when every PDF was made.
pub(crate) fn make(
    engine: &Engine,
    chromium: &Path,
    plan: &Plan,
    out: &Output,
    records: Option<&Path>,
    diags: &mut Diagnostics,
) -> usize {
    if plan.pdfs.is_empty() {
        return 0;
    }
    let previous = records.map(read_records).unwrap_or_default();
    let mut kept = Vec::with_capacity(plan.pdfs.len());
    let io_error = |what: &str, e: io::Error| {
        let zh = if what == TEMP {
            "临时文件夹"
        } else {
            what
        };
        Box::new(Diagnostic::error(
            Code::Io,
            &engine.site.config.file.path,
            crate::lang::cannot(
                &format!("cannot prepare the folder Chromium prints from ({what})"),
                &format!("无法准备 Chromium 打印用的文件夹（{zh}）"),
                &e,
            ),
        ))
    };
    let folder = match tempfile::Builder::new().prefix("bulletin-pdf-").tempdir() {
        Ok(folder) => folder,
        Err(e) => {
            diags.push(io_error(TEMP, e));
            return 0;
        }
    };
    let printer = Printer {
        chromium,
        site: folder.path().join("site"),
        profile: folder.path().join("profile"),
        pdf: folder.path().join("print.pdf"),
        log: folder.path().join("chromium.log"),
    };
    // What the pages load, at their output paths, so their relative links find it; and
    // what every PDF is printed from besides its page.
    let mut common = xxhash_rust::xxh3::Xxh3::new();
    common.update(FORMAT.as_bytes());
    common.update(crate::engine::record::binary_version().as_bytes());
    common.update(browser_version(chromium).as_bytes());
    for file in plan.statics.iter().filter(|f| printed(&f.out)) {
        let placed = engine.static_bytes(file).and_then(|bytes| {
            common.update(file.out.as_bytes());
            common.update(&(bytes.len() as u64).to_le_bytes());
            common.update(&bytes);
            write(&printer.site.join(&file.out), &bytes).map_err(|e| io_error(&file.out, e))
        });
        if let Err(e) = placed {
            diags.push(e);
            return 0;
        }
    }
    let mut made = 0;
    for pdf in &plan.pdfs {
        let Some(html) = out.read(&pdf.page) else {
            diags.push(Diagnostic::error(
                Code::Pdf,
                &engine.site.bulletins[pdf.bulletin].source.path,
                text!(
                    "cannot read the page `{page}` to print it",
                    "无法读取要打印的页面“{page}”",
                    page = &pdf.page
                ),
            ));
            return made;
        };
        let mut key = common.clone();
        key.update(&html);
        let key = key.digest128();
        if let Some(&(was, stamp)) = previous.get(&pdf.out)
            && was == key
            && out.reuse(&pdf.out, Some(stamp))
        {
            kept.push((pdf.out.clone(), key, stamp));
            made += 1;
            continue;
        }
        match print_document(engine, &printer, pdf, &html, out) {
            Ok(stamp) => {
                kept.extend(stamp.map(|stamp| (pdf.out.clone(), key, stamp)));
                made += 1;
            }
            Err(e) => {
                // A browser that fails or hangs on one document would on the next: the
                // build fails now rather than after a timeout a document.
                diags.push(e);
                return made;
            }
        }
    }
    if let Some(records) = records {
        write_records(records, &kept);
    }
    made
}

/// Changes when what a PDF is made from changes its meaning (the records' layout, the
/// print passes).
const FORMAT: &str = "bulletin-pdf 1";

/// What PDFs were made from, by output path: the fingerprint and the file as written.
type Records = std::collections::HashMap<String, (u128, Stamp)>;

/// The records of the last build's PDFs; none when there are none or they cannot be read
/// (every PDF is then printed).
fn read_records(path: &Path) -> Records {
    let sane = fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() < 1 << 26);
    sane.then(|| fs::read(path).ok())
        .flatten()
        .and_then(|bytes| postcard::from_bytes::<Vec<(String, u128, Stamp)>>(&bytes).ok())
        .map(|list| {
            list.into_iter()
                .map(|(out, key, stamp)| (out, (key, stamp)))
                .collect()
        })
        .unwrap_or_default()
}

/// Keeps `records` for the next build (written aside, then renamed). A failure costs
/// only a print next time. A record of a build that then fails names a file that is
/// not the output's, so it is never reused.
fn write_records(path: &Path, records: &[(String, u128, Stamp)]) {
    let Ok(bytes) = postcard::to_allocvec(records) else {
        return;
    };
    if let Some(dir) = path.parent() {
        // `.bulletin/` of a first build (never made through a link: the records' cache
        // gives no path then)
        let _ = fs::create_dir(dir);
    }
    let aside = path.with_extension(format!("pdfs.{}.tmp", std::process::id()));
    if fs::write(&aside, bytes)
        .and_then(|()| fs::rename(&aside, path))
        .is_err()
    {
        let _ = fs::remove_file(&aside);
    }
}

/// The browser as a file: its path, size and date (a new version prints anew).
fn browser_version(chromium: &Path) -> String {
    let meta = fs::metadata(chromium).ok();
    let modified = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!(
        "{} {} {modified}",
        chromium.display(),
        meta.map_or(0, |m| m.len())
    )
}

/// Whether a page loads the static file at `out` when printed.
fn printed(out: &str) -> bool {
    Path::new(out)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PRINTED.iter().any(|p| p.eq_ignore_ascii_case(e)))
}

/// Prints one document: once, and again with [`VERSO`] when its 版记 fell on an odd page.
fn print_document(
    engine: &Engine,
    printer: &Printer,
    pdf: &Pdf,
    html: &[u8],
    out: &Output,
) -> Result<Option<Stamp>, Box<Diagnostic>> {
    let bulletin = &engine.site.bulletins[pdf.bulletin];
    let file = &bulletin.source.path;
    let fail = |message: Text| {
        Box::new(Diagnostic::error(Code::Pdf, file, message).hint(text!(
            "try the browser by hand (chromium --headless --print-to-pdf=x.pdf <page>), \
             name another with {ENV}, or remove `pdf: true` from site.yaml",
            "请手工试一下浏览器（chromium --headless --print-to-pdf=x.pdf <页面>），\
             或用 {ENV} 换一个浏览器，或从 site.yaml 中删去 `pdf: true`"
        )))
    };
    let page = printer.site.join(&pdf.page);
    let print = |html: &[u8]| -> Result<(Vec<u8>, usize), Box<Diagnostic>> {
        let at = &pdf.page;
        write(&page, html).map_err(|e| {
            fail(crate::lang::cannot(
                &format!("cannot place `{at}`"),
                &format!("无法放置“{at}”"),
                &e,
            ))
        })?;
        let bytes = printer.print(&page).map_err(|why| {
            fail(text!(
                "Chromium could not print `{at}`: {why}",
                "Chromium 无法打印“{at}”：{zh}",
                zh = why.get(Lang::Zh)
            ))
        })?;
        let count = page_count(&bytes).map_err(|why| {
            fail(text!(
                "Chromium printed `{at}` into an unreadable PDF: {why}",
                "Chromium 把“{at}”打印成了无法读取的 PDF（{why}）"
            ))
        })?;
        Ok((bytes, count))
    };
    let (mut bytes, mut count) = print(html)?;
    if bulletin.colophon.is_some() && count % 2 == 1 {
        (bytes, count) = print(&with_class(html, VERSO))?;
        if count % 2 == 1 {
            return Err(Box::new(
                Diagnostic::error(
                    Code::Pdf,
                    file,
                    text!(
                        "the 版记 of `{page}` stays on page {count}, an odd page, when printed \
                         again with class=\"{VERSO}\" on <html>",
                        "给 <html> 加上 class=\"{VERSO}\" 重新打印后，“{page}”的版记仍在第{count}页，是奇数页",
                        page = &pdf.page
                    ),
                )
                .expected(text!(
                    "the 版记 at the foot of an even page (GB/T 9704-2012, 7.4)",
                    "版记位于偶数页末（GB/T 9704—2012 第7.4条）"
                ))
                .hint(text!(
                    "a theme's print stylesheet gives the 版记 a blank page before it under \
                     .{VERSO}, as the built-in css/document.css does: \
                     .{VERSO} .doc-paper.doc-colophon {{ height: 450mm; }}",
                    "主题的打印样式表应在 .{VERSO} 下给版记前加一空白页，\
                     如内置的 css/document.css：\
                     .{VERSO} .doc-paper.doc-colophon {{ height: 450mm; }}"
                )),
            ));
        }
    }
    out.write(&pdf.out, &bytes)
}

/// The pages of a PDF.
fn page_count(pdf: &[u8]) -> Result<usize, String> {
    lopdf::Document::load_mem(pdf)
        .map(|doc| doc.get_pages().len())
        .map_err(|e| e.to_string())
}

/// `html` with `class` added to its `<html>` element.
fn with_class(html: &[u8], class: &str) -> Vec<u8> {
    let find = |from: usize, needle: &[u8]| {
        html[from..]
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
            .map(|i| from + i)
    };
    let Some(start) = find(0, b"<html") else {
        return html.to_vec();
    };
    let tag_end = find(start, b">").unwrap_or(html.len());
    let mut copy = Vec::with_capacity(html.len() + class.len() + 9);
    match find(start, b"class=\"").filter(|&at| at < tag_end) {
        Some(at) => {
            let at = at + b"class=\"".len();
            copy.extend_from_slice(&html[..at]);
            copy.extend_from_slice(class.as_bytes());
            copy.push(b' ');
            copy.extend_from_slice(&html[at..]);
        }
        None => {
            let at = start + b"<html".len();
            copy.extend_from_slice(&html[..at]);
            copy.extend_from_slice(format!(" class=\"{class}\"").as_bytes());
            copy.extend_from_slice(&html[at..]);
        }
    }
    copy
}

/// Writes `bytes` at `path`, making its folders.
fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, bytes)
}

/// One headless Chromium and the private folder it prints from.
struct Printer<'a> {
    chromium: &'a Path,
    /// The pages and what they load, at their output paths.
    site: PathBuf,
    /// Chromium's profile, its own (never the user's).
    profile: PathBuf,
    /// Where it prints.
    pdf: PathBuf,
    /// Its stderr, for the message when a print fails.
    log: PathBuf,
}

impl Printer<'_> {
    /// Prints `page` (a file of [`Printer::site`]) with no header and footer; the PDF's
    /// bytes, or why there are none.
    fn print(&self, page: &Path) -> Result<Vec<u8>, Text> {
        let _ = fs::remove_file(&self.pdf);
        let log = fs::File::create(&self.log).map_err(|e| crate::lang::io_error(&e))?;
        let path = page.to_string_lossy().replace('\\', "/");
        let slash = if path.starts_with('/') { "" } else { "/" };
        let url = format!("file://{slash}{}", crate::links::encode_url_path(&path));
        let mut cmd = Command::new(self.chromium);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--no-pdf-header-footer",
            // The page is printed from files alone: any address on the network (an
            // image a site's own template names) resolves to nothing and goes to a
            // closed port, so a build never waits on, or tells, a server.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
        ])
        .arg(format!("--user-data-dir={}", self.profile.display()))
        .arg(format!("--print-to-pdf={}", self.pdf.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
        // Its own process group, so that a print that hangs is ended with every process
        // the browser started, and nothing else.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let mut child = cmd.spawn().map_err(|e| {
            crate::lang::cannot(
                &format!("cannot start {}", self.chromium.display()),
                &format!("无法启动 {}", self.chromium.display()),
                &e,
            )
        })?;
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().map_err(|e| crate::lang::io_error(&e))? {
                break status;
            }
            if started.elapsed() > TIMEOUT {
                #[cfg(unix)]
                let _ = rustix::process::kill_process_group(
                    rustix::process::Pid::from_child(&child),
                    rustix::process::Signal::KILL,
                );
                let _ = child.kill();
                let _ = child.wait();
                return Err(text!(
                    "it did not finish within {s} s",
                    "{s} 秒内没有完成",
                    s = TIMEOUT.as_secs()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        match fs::read(&self.pdf) {
            Ok(bytes) if status.success() && !bytes.is_empty() => Ok(bytes),
            _ => {
                let log = fs::read_to_string(&self.log).unwrap_or_default();
                let tail: Vec<&str> = log.lines().rev().take(5).collect();
                let tail: Vec<&str> = tail.into_iter().rev().collect();
                let browser = self.chromium.display();
                let tail = tail.join("\n");
                Err(if tail.is_empty() {
                    text!(
                        "{browser} ({status}) wrote no PDF",
                        "{browser}（{status}）没有写出 PDF"
                    )
                } else {
                    text!(
                        "{browser} ({status}) wrote no PDF:\n{tail}",
                        "{browser}（{status}）没有写出 PDF：\n{tail}"
                    )
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_class_goes_on_the_html_element_only() {
        let page = br#"<!doctype html><html lang="zh-CN"><body class="x">"#;
        assert_eq!(
            with_class(page, VERSO),
            br#"<!doctype html><html class="pdf-verso" lang="zh-CN"><body class="x">"#
        );
        let page = br#"<!DOCTYPE html><HTML lang="en" class="dark"><body>"#;
        assert_eq!(
            with_class(page, VERSO),
            br#"<!DOCTYPE html><HTML lang="en" class="pdf-verso dark"><body>"#
        );
        // a class after the <html> tag is not the element's
        let page = br#"<html lang="en"><body class="x">"#;
        assert_eq!(
            with_class(page, VERSO),
            br#"<html class="pdf-verso" lang="en"><body class="x">"#
        );
    }

    #[test]
    fn the_browser_is_the_named_one_else_the_first_on_path() {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        fs::create_dir(&bin).unwrap();
        fs::write(bin.join("google-chrome"), "").unwrap();
        fs::write(bin.join("msedge"), "").unwrap();
        let path = Some(bin.clone().into_os_string());
        assert_eq!(find(None, path.clone()), Ok(bin.join("google-chrome")));
        assert_eq!(
            find(Some("msedge".into()), path.clone()),
            Ok(bin.join("msedge"))
        );
        let named = bin.join("msedge").into_os_string();
        assert_eq!(find(Some(named), None), Ok(bin.join("msedge")));
        // an empty variable is no name
        assert_eq!(find(Some("".into()), path), Ok(bin.join("google-chrome")));
        let missing = find(Some(bin.join("chrome").into_os_string()), None).unwrap_err();
        assert!(
            missing.contains("BULLETIN_CHROMIUM=") && missing.ends_with("names no browser"),
            "{missing}"
        );
        let none = find(None, Some(dir.path().into())).unwrap_err();
        assert!(none.contains("no Chromium was found"), "{none}");
    }

    #[test]
    fn only_what_a_page_loads_is_placed_for_printing() {
        assert!(printed("css/document.css"));
        assert!(printed("jinan/seal.PNG"));
        assert!(!printed("jinan/data.xlsx"));
        assert!(!printed("jinan/plan/plan.pdf"));
        assert!(!printed("CNAME"));
    }
}
