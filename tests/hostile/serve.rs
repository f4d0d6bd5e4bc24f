//! Hostile inputs: serve. The real `bulletin serve --port 0` on loopback, spoken to in raw
//! HTTP over a TcpStream: foreign Host headers (DNS rebinding), WebSocket handshakes from
//! other origins, a client that sends half a request and waits (slowloris), and the
//! banner printed when the preview is bound beyond loopback.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::harness::Site;
use crate::server::{PATIENCE, Server};

impl Server {
    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream
    }

    /// The status of a request sent as `head` (request line and headers, without the
    /// blank line that ends them).
    fn status(&self, head: &str) -> u16 {
        let mut stream = self.connect();
        write!(stream, "{head}\r\nConnection: close\r\n\r\n").unwrap();
        // The status line is enough (a WebSocket that opened stays open).
        let mut line = String::new();
        let _ = BufReader::new(stream).read_line(&mut line);
        let text = line;
        text.split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status line in {text:?}"))
    }
}

fn site() -> Site {
    Site::fixture("base")
}

/// Only the loopback names and addresses, with the preview's port, are answered; a
/// DNS name pointed at 127.0.0.1 by an attacker's page is refused (DNS rebinding).
#[test]
fn only_localhost_host_headers_are_answered() {
    let site = site();
    let server = Server::start(&site, &[]);
    let port = server.port;
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("[::1]:{port}"),
    ] {
        let status = server.status(&format!("GET /tjgb/ HTTP/1.1\r\nHost: {host}"));
        assert_eq!(status, 200, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("192.168.1.10:{port}"),
        String::new(),
    ] {
        let status = server.status(&format!("GET /tjgb/ HTTP/1.1\r\nHost: {host}"));
        assert_eq!(status, 403, "{host:?}");
    }
    // no Host at all (HTTP/1.0)
    assert_eq!(server.status("GET /tjgb/ HTTP/1.0"), 403);
}

/// Red team (issue 12): an absolute-form request target names its host before any
/// `Host` header (RFC 9112 §3.2.2), and `GET http://evil.example/ HTTP/1.1` with a
/// loopback Host was answered; so was a request with a second, foreign Host header.
/// Both are refused now; an absolute-form target naming the preview is answered.
#[test]
fn an_absolute_form_target_or_a_second_host_is_held_to_the_same_rule() {
    let site = site();
    let server = Server::start(&site, &[]);
    let port = server.port;
    let good = format!("Host: 127.0.0.1:{port}");
    for (head, expected) in [
        (
            format!("GET http://evil.example/tjgb/ HTTP/1.1\r\n{good}"),
            403,
        ),
        (
            format!("GET http://evil.example:{port}/tjgb/ HTTP/1.1\r\n{good}"),
            403,
        ),
        (
            format!("GET http://127.0.0.1:{port}/tjgb/ HTTP/1.1\r\nHost: evil.example"),
            403,
        ),
        (
            format!("GET /tjgb/ HTTP/1.1\r\n{good}\r\nHost: evil.example"),
            403,
        ),
        (format!("GET /tjgb/ HTTP/1.1\r\n{good}\r\n{good}"), 403),
        (
            format!("GET http://127.0.0.1:{port}/tjgb/ HTTP/1.1\r\n{good}"),
            200,
        ),
        (
            format!("GET http://localhost:{port}/tjgb/ HTTP/1.1\r\n{good}"),
            200,
        ),
    ] {
        assert_eq!(server.status(&head), expected, "{head:?}");
    }
}

/// The live-reload WebSocket opens for the preview's own pages (or a tool that sends no
/// Origin) and not for a page of another site.
#[test]
fn websockets_only_from_the_preview_s_own_origin() {
    let site = site();
    let server = Server::start(&site, &[]);
    let port = server.port;
    let upgrade = |origin: Option<&str>| {
        let origin = origin.map_or(String::new(), |o| format!("\r\nOrigin: {o}"));
        server.status(&format!(
            "GET /__bulletin/livereload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=={origin}"
        ))
    };
    assert_eq!(upgrade(Some(&format!("http://127.0.0.1:{port}"))), 101);
    assert_eq!(upgrade(None), 101);
    assert_eq!(upgrade(Some("http://evil.example")), 403);
    assert_eq!(upgrade(Some(&format!("http://localhost:{port}"))), 403);
    assert_eq!(upgrade(Some("null")), 403);
}

/// A client that sends half a request and stops is dropped after the header timeout
/// (10 s), and the preview goes on answering others meanwhile.
#[test]
fn a_half_sent_request_is_dropped() {
    let site = site();
    let server = Server::start(&site, &[]);
    let port = server.port;
    let mut slow = server.connect();
    slow.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        slow,
        "GET /tjgb/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: "
    )
    .unwrap();
    // an idle connection that never sends a byte is dropped too
    let mut idle = server.connect();
    idle.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let started = Instant::now();
    assert_eq!(
        server.status(&format!("GET /tjgb/ HTTP/1.1\r\nHost: 127.0.0.1:{port}")),
        200
    );
    for stream in [&mut slow, &mut idle] {
        let mut rest = Vec::new();
        // Ok: the server closed it; an Err is the 20 s read timeout of this side.
        let closed = stream.read_to_end(&mut rest);
        assert!(closed.is_ok(), "the connection was left open: {closed:?}");
    }
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(9) && took < Duration::from_secs(15),
        "closed after {took:?}"
    );
}

/// Bound beyond loopback, the preview says so on stderr.
#[test]
fn a_banner_when_bound_beyond_loopback() {
    let site = site();
    let server = Server::start(&site, &["--interface", "0.0.0.0"]);
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let Ok(line) = server.stderr.recv_timeout(left) else {
            panic!("no warning on stderr: {seen:?}");
        };
        if line.starts_with("warning:") && line.contains("0.0.0.0") {
            assert!(line.contains("network"), "{line}");
            break;
        }
        seen.push(line);
    }
    // reached through loopback, it still answers
    let port = server.port;
    assert_eq!(
        server.status(&format!("GET /tjgb/ HTTP/1.1\r\nHost: 127.0.0.1:{port}")),
        200
    );
}
