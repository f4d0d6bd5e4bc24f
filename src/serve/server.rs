//! The preview's HTTP side (axum on tokio): pages and files from the in-memory
//! [`Snapshot`] under the site's real base path (`base_url`
//! `https://www.example.gov.cn/tjgb/` → `http://127.0.0.1:1111/tjgb/`, and `/` redirects
//! there), and the live-reload WebSocket at [`LIVE_RELOAD_PATH`], which sends `reload`
//! to every open tab each time the session has put a whole new snapshot in place.
//!
//! Nothing outside the output can be served: a request is answered only from the
//! snapshot's map of output paths, never from the file system, so a symlink in the site
//! cannot lead anywhere and there is no folder to climb out of; paths holding `..` or `.`
//! segments, backslashes or NUL, raw or percent-encoded, are refused with 400 all the
//! same. Missing paths get the site's own 404 page with status 404.
//!
//! Nor can another site read the preview through the visitor's browser: a request whose
//! `Host` is not localhost, a loopback address or the bound one is 403 (DNS rebinding;
//! a second `Host` or an absolute-form target naming another host alike),
//! and so is a WebSocket handshake from another `Origin`. A connection that has not sent
//! a request's headers within [`HEADER_TIMEOUT`] is closed.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use percent_encoding::percent_decode_str;
use tokio::sync::broadcast;

use super::snapshot::{Shared, Snapshot, content_type, with_overlay};
use crate::render::xml::escape_into;

/// Where the reload script connects; outside any base path a site would use.
pub(crate) const LIVE_RELOAD_PATH: &str = "/__bulletin/livereload";

/// Injected as `reload_script` into every page rendered while serving (never by
/// `build`). The address comes from `location.host`, so it works whatever interface,
/// port or proxy the page was opened through; a dropped socket is retried with backoff,
/// and a page that reconnects after losing the server reloads once (the site may have
/// changed while it was away).
pub(crate) const RELOAD_SCRIPT: &str = concat!(
    "<script>/* bulletin serve: live reload */(function () {\n",
    "  var url = (location.protocol === \"https:\" ? \"wss://\" : \"ws://\") + location.host + \"/__bulletin/livereload\";\n",
    "  var delay = 250, seen = false;\n",
    "  function connect() {\n",
    "    var ws = new WebSocket(url);\n",
    "    ws.onopen = function () { if (seen) { location.reload(); } seen = true; delay = 250; };\n",
    "    ws.onmessage = function (e) { if (e.data === \"reload\") { location.reload(); } };\n",
    "    ws.onclose = function () { setTimeout(connect, delay); delay = Math.min(delay * 2, 5000); };\n",
    "  }\n",
    "  connect();\n",
    "})();</script>"
);

/// A decoded path as it is written in a URL (the one set of escapes: [`crate::links`]).
pub(crate) use crate::links::encode_url_path as encode_path;

#[derive(Clone)]
struct App {
    snapshot: Shared,
    reload: broadcast::Sender<()>,
}

/// How long a client may take to send a request's headers, and how long a kept-alive
/// connection may sit idle before its next request: a client that opens connections and
/// sends half a request (slowloris) holds each for this long at most.
pub(crate) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves until the listener fails.
pub(crate) async fn serve(
    listener: tokio::net::TcpListener,
    snapshot: Shared,
    reload: broadcast::Sender<()>,
) -> io::Result<()> {
    let local = listener.local_addr()?;
    let app = Router::new()
        .route(LIVE_RELOAD_PATH, get(live_reload))
        .fallback(file)
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(Hosts::for_address(local)),
            guard,
        ))
        .with_state(App { snapshot, reload });
    // hyper directly rather than `axum::serve`, which sets no timer and so no timeouts.
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            // Out of file descriptors and the like: wait, the next accept may succeed.
            Err(e) if is_transient(&e) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
            Err(e) => return Err(e),
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            // A client that goes away is no error of the preview's.
            let _ = connection.await;
        });
    }
}

fn is_transient(e: &io::Error) -> bool {
    !matches!(
        e.kind(),
        io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported | io::ErrorKind::PermissionDenied
    )
}

/// The `Host` names the preview answers to: the loopback names with its port, and the
/// address it is bound to. A web page on another site can make the browser send requests
/// to 127.0.0.1 under a DNS name of its own (DNS rebinding); those carry that name as
/// their Host and are refused, so the page cannot read the preview.
#[derive(Debug)]
pub(crate) struct Hosts {
    port: u16,
    bound: IpAddr,
}

impl Hosts {
    pub(crate) fn for_address(addr: SocketAddr) -> Hosts {
        Hosts {
            port: addr.port(),
            bound: addr.ip(),
        }
    }

    /// Whether a request's `Host` header names this preview.
    pub(crate) fn accepts(&self, host: &str) -> bool {
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port)) if !name.is_empty() && !port.contains(']') => {
                (name, port.parse::<u16>().ok())
            }
            _ => (host, Some(80)),
        };
        if port != Some(self.port) {
            return false;
        }
        let name = name.to_ascii_lowercase();
        if name == "localhost" || name.ends_with(".localhost") {
            return true;
        }
        let ip = name
            .strip_prefix('[')
            .and_then(|n| n.strip_suffix(']'))
            .unwrap_or(&name)
            .parse::<IpAddr>();
        match ip {
            Ok(ip) => {
                ip.is_loopback()
                    || ip == self.bound
                    // Bound to every interface: any address of the machine, typed as an
                    // address (DNS rebinding needs a name, never an address).
                    || self.bound.is_unspecified()
            }
            Err(_) => false,
        }
    }
}

/// Refuses, with 403, a request whose `Host` is not the preview's, and a WebSocket
/// handshake from a page of another origin (browsers always send `Origin` on one; a tool
/// that sends none is let through).
async fn guard(State(hosts): State<Arc<Hosts>>, request: Request, next: Next) -> Response {
    match refusal(&hosts, request.headers(), request.uri()) {
        Some(refused) => forbidden(refused),
        None => next.run(request).await,
    }
}

/// Why a request is refused, if it is. The host is every `Host` header (two are
/// refused: proxies and servers may each read another) and, for an absolute-form
/// target (`GET http://evil/ HTTP/1.1`), its authority, which RFC 9112 §3.2.2 puts
/// before the header.
fn refusal(
    hosts: &Hosts,
    headers: &axum::http::HeaderMap,
    uri: &axum::http::Uri,
) -> Option<&'static str> {
    let header = |name| headers.get(name).map(|v| v.to_str().unwrap_or("\u{fffd}"));
    let single = headers.get_all(header::HOST).iter().count() == 1;
    let target_fine = uri.authority().is_none_or(|a| hosts.accepts(a.as_str()));
    let Some(host) = header(header::HOST).filter(|h| single && target_fine && hosts.accepts(h))
    else {
        return Some(
            "forbidden: the preview answers only to localhost and the address it listens on\n",
        );
    };
    match header(header::ORIGIN) {
        Some(origin)
            if headers.contains_key(header::UPGRADE) && origin != format!("http://{host}") =>
        {
            Some("forbidden: live reload only for pages of this preview\n")
        }
        _ => None,
    }
}

fn forbidden(message: &'static str) -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// The WebSocket: subscribes before the upgrade, so no reload sent after the handshake
/// is missed, then forwards every reload until the tab goes away.
async fn live_reload(upgrade: WebSocketUpgrade, State(app): State<App>) -> Response {
    let mut reloads = app.reload.subscribe();
    upgrade.on_upgrade(move |mut socket: WebSocket| async move {
        loop {
            tokio::select! {
                reload = reloads.recv() => {
                    if matches!(reload, Err(broadcast::error::RecvError::Closed)) {
                        break;
                    }
                    if socket.send(Message::Text("reload".into())).await.is_err() {
                        break;
                    }
                }
                message = socket.recv() => {
                    if !matches!(message, Some(Ok(m)) if !matches!(m, Message::Close(_))) {
                        break;
                    }
                }
            }
        }
    })
}

async fn file(State(app): State<App>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "the preview only answers GET and HEAD\n",
        )
            .into_response();
    }
    let snapshot = app.snapshot.read();
    answer(&snapshot, request.uri().path())
}

/// What a request path is asking for.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// An output path, relative to the output root.
    File(String),
    Redirect(String),
    NotFound,
    /// A path that tries to leave the output, or is not a path at all.
    BadRequest,
}

/// Maps the raw request path to an output path under `base` (decoded, `/`-ended).
pub(crate) fn route(raw: &str, base: &str) -> Target {
    let Ok(path) = percent_decode_str(raw).decode_utf8() else {
        return Target::BadRequest;
    };
    if path.contains(['\\', '\0']) || path.split('/').any(|s| s == ".." || s == ".") {
        return Target::BadRequest;
    }
    if base != "/" && (path == "/" || path == base.trim_end_matches('/')) {
        return Target::Redirect(encode_path(base));
    }
    let Some(rel) = path.strip_prefix(base) else {
        return Target::NotFound;
    };
    if rel.is_empty() || rel.ends_with('/') {
        Target::File(format!("{rel}index.html"))
    } else {
        Target::File(rel.to_string())
    }
}

fn answer(snapshot: &Snapshot, raw: &str) -> Response {
    match route(raw, &snapshot.base) {
        Target::BadRequest => (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "bad request: the path leaves the site\n",
        )
            .into_response(),
        Target::Redirect(to) => redirect(&to),
        Target::NotFound => not_found(snapshot),
        Target::File(rel) => match snapshot.get(&rel) {
            Some(bytes) => found(snapshot, &rel, bytes, StatusCode::OK),
            // A folder asked for without its slash: relative links need the slash.
            None if snapshot.has(&format!("{rel}/index.html")) => redirect(&format!("{raw}/")),
            None => not_found(snapshot),
        },
    }
}

fn found(snapshot: &Snapshot, rel: &str, bytes: Bytes, status: StatusCode) -> Response {
    let kind = content_type(rel);
    let body = match &snapshot.overlay {
        Some(overlay) if kind.starts_with("text/html") => {
            Bytes::from(with_overlay(&bytes, overlay))
        }
        _ => bytes,
    };
    (
        status,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
            // Always ask again: the preview changes under the browser.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        body,
    )
        .into_response()
}

fn not_found(snapshot: &Snapshot) -> Response {
    match snapshot.page("404.html") {
        Some(page) => found(snapshot, "404.html", page, StatusCode::NOT_FOUND),
        None => {
            // No 404 page yet: the first build failed. Say so, and reload once it is fixed.
            let mut html = String::from(
                "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>404</title></head><body><h1>404</h1><p>",
            );
            escape_into(
                &mut html,
                if snapshot.overlay.is_some() {
                    "The site has not built yet: fix the errors above and this page reloads."
                } else {
                    "There is no page here."
                },
            );
            html.push_str("</p>");
            html.push_str(RELOAD_SCRIPT);
            html.push_str("</body></html>");
            found(
                snapshot,
                "404.html",
                Bytes::from(html),
                StatusCode::NOT_FOUND,
            )
        }
    }
}

fn redirect(to: &str) -> Response {
    match HeaderValue::from_str(to) {
        Ok(location) => (
            StatusCode::FOUND,
            [
                (header::LOCATION, location),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
        )
            .into_response(),
        Err(_) => StatusCode::BAD_REQUEST.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_under_the_base_path() {
        let base = "/tjgb/";
        let file = |s: &str| Target::File(s.to_string());
        assert_eq!(route("/tjgb/", base), file("index.html"));
        assert_eq!(
            route("/tjgb/demo/2025-report/", base),
            file("demo/2025-report/index.html")
        );
        assert_eq!(route("/tjgb/css/news.css", base), file("css/news.css"));
        assert_eq!(route("/", base), Target::Redirect("/tjgb/".into()));
        assert_eq!(route("/tjgb", base), Target::Redirect("/tjgb/".into()));
        assert_eq!(route("/other/", base), Target::NotFound);
        assert_eq!(route("/", "/"), file("index.html"));
    }

    #[test]
    fn decodes_chinese_paths() {
        assert_eq!(
            route("/tjgb/%E5%85%AD%E5%AE%89/", "/tjgb/"),
            Target::File("六安/index.html".into())
        );
        assert_eq!(
            route("/", "/统计/"),
            Target::Redirect("/%E7%BB%9F%E8%AE%A1/".into())
        );
    }

    #[test]
    fn refuses_traversal_raw_and_encoded() {
        for raw in [
            "/tjgb/../site.yaml",
            "/tjgb/%2e%2e/site.yaml",
            "/tjgb/%2E%2E/%2E%2E/etc/passwd",
            "/tjgb/..%2fsite.yaml",
            "/tjgb/%2e%2e%2fsite.yaml",
            "/tjgb/..%5csite.yaml",
            "/tjgb/./index.html",
            "/tjgb/%00",
            "/tjgb/%ff",
        ] {
            assert_eq!(route(raw, "/tjgb/"), Target::BadRequest, "{raw}");
        }
    }
}
