//! `bulletin serve`: the local preview. Builds the site into memory, serves it on
//! loopback under its real base path, watches the site folder, and on every change
//! renders again only the pages the change affects, swaps them in as one snapshot and
//! then tells every open tab to reload. A change that breaks the build keeps the last
//! good pages served, with the errors shown over them; fixing it clears them.
//!
//! ```text
//! watch     notify events → batches of site-relative paths (editor files dropped)
//! session   the engine between edits: patch or re-read, make what the records show
//!           changed, into memory
//! snapshot  path → bytes served, and the error overlay; replaced as a whole
//! server    axum: pages from the snapshot, the live-reload WebSocket
//! overlay   diagnostics as HTML
//! ```
//!
//! Nothing is written to disk while serving, and nothing here prints: progress goes to
//! the caller as [`Event`]s.

mod overlay;
mod server;
mod session;
mod snapshot;
mod watch;

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::broadcast;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::lang::cannot;
use session::Session;

/// What `bulletin serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder (holding `site.yaml`).
    pub root: PathBuf,
    /// Loopback unless asked otherwise.
    pub interface: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    /// Poll the files instead of waiting for file-system events.
    pub poll: bool,
    /// The language of the error overlay (issue 16).
    pub lang: crate::lang::Lang,
}

/// What the preview reports while it runs.
#[derive(Debug)]
pub enum Event {
    /// Serving; `url` is the site's home page with the real port.
    Listening { url: String },
    /// The first build, or a rebuild after a change.
    Built(Rebuild),
    /// The watcher reported a problem (it goes on watching).
    WatchFailed(String),
}

/// What one build or rebuild did.
#[derive(Debug)]
pub struct Rebuild {
    /// No error: the new pages are being served.
    pub ok: bool,
    /// Pages rendered and swapped in.
    pub pages: usize,
    /// Static files that changed.
    pub files: usize,
    /// The whole site was read again (rather than the changed bulletins alone).
    pub full: bool,
    /// The previous attempt had failed; this one put things right.
    pub recovered: bool,
    /// From the batch of changes reaching the session to the new snapshot in place.
    pub elapsed: Duration,
    /// From the first event of the batch reaching the watcher to the snapshot in place.
    pub since_noticed: Option<Duration>,
    pub diagnostics: Diagnostics,
}

/// Builds, serves and watches until the server fails. Err when the site cannot be
/// rendered at all at the start, or the port cannot be had.
pub fn run(
    opts: &ServeOptions,
    report: impl Fn(Event) + Send + Sync + 'static,
) -> Result<(), Diagnostics> {
    let root = std::fs::canonicalize(&opts.root).map_err(|e| {
        one(Diagnostic::error(
            Code::Io,
            &opts.root,
            cannot("cannot open the site folder", "无法打开站点文件夹", &e),
        ))
    })?;
    // Watch before the first build, so an edit made while it runs is not lost.
    let mut watcher = watch::Watcher::start(&root, opts.poll).map_err(|e| {
        one(Diagnostic::error(
            Code::Io,
            &root,
            text!(
                "cannot watch the site folder: {e}",
                "无法监视站点文件夹：{e}"
            ),
        )
        .hint(text!(
            "`--poll` looks at the files instead of waiting for events",
            "加 `--poll`：定时查看文件，不等待系统通知"
        )))
    })?;
    let (mut session, first) = Session::start(root, opts.drafts, opts.lang)?;
    let snapshot = session.snapshot();
    report(Event::Built(first));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            one(Diagnostic::error(
                Code::Io,
                "",
                cannot("cannot start the server", "无法启动预览服务", &e),
            ))
        })?;
    let addr = (opts.interface, opts.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .and_then(|l| Ok((l.local_addr()?, l)));
    let (local, listener) = listener.map_err(|e| {
        one(Diagnostic::error(
            Code::Io,
            "",
            cannot(
                &format!("cannot listen on {}:{}", opts.interface, opts.port),
                &format!("无法监听 {}:{}", opts.interface, opts.port),
                &e,
            ),
        )
        .hint(text!(
            "pick another port with `--port`, or `--port 0` for any free one",
            "用 `--port` 换一个端口，或用 `--port 0` 任选一个空闲端口"
        )))
    })?;
    let base = server::encode_path(&snapshot.read().base);
    report(Event::Listening {
        url: format!("http://{local}{base}"),
    });

    let (reload, _) = broadcast::channel(16);
    let report = Arc::new(report);
    let rebuilds = {
        let reload = reload.clone();
        move || {
            while let Some(changes) = watcher.next() {
                for e in &changes.errors {
                    report(Event::WatchFailed(e.clone()));
                }
                if changes.paths.is_empty() {
                    continue;
                }
                let done = session.rebuild(&changes);
                // Only now is the whole new snapshot (or the overlay) in place.
                let _ = reload.send(());
                report(Event::Built(done));
            }
        }
    };
    std::thread::Builder::new()
        .name("bulletin-rebuild".into())
        .spawn(rebuilds)
        .map_err(|e| {
            one(Diagnostic::error(
                Code::Io,
                "",
                cannot("cannot start the watcher", "无法启动文件监视", &e),
            ))
        })?;
    runtime
        .block_on(server::serve(listener, snapshot, reload))
        .map_err(|e| {
            one(Diagnostic::error(
                Code::Io,
                "",
                cannot("the server stopped", "预览服务已停止", &e),
            ))
        })
}

fn one(d: Diagnostic) -> Diagnostics {
    let mut diags = Diagnostics::default();
    diags.push(d);
    diags
}
