//! A running `bulletin serve --port 0` on loopback, for the suite's and the hostile
//! suite's serve tests: started in a fixture site, its URL read from stdout, its stderr
//! kept line by line, killed when it drops whatever the test's outcome.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::harness::Site;

/// How long the server may take to start or answer before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(15);

pub struct Server {
    child: Child,
    /// `127.0.0.1:port`
    pub host: String,
    pub port: u16,
    /// The home page's URL path, from the printed URL (`/tjgb/`).
    pub base: String,
    /// What it printed on stderr, line by line.
    pub stderr: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(site: &Site, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bulletin"))
            .args(["serve", "--port", "0", "--lang", "en"])
            .args(args)
            .current_dir(site.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bulletin serve");
        let lines = |from: Box<dyn Read + Send>| {
            let (tx, rx) = mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(from).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
            rx
        };
        let stdout = lines(Box::new(child.stdout.take().expect("stdout")));
        let stderr = lines(Box::new(child.stderr.take().expect("stderr")));
        let deadline = Instant::now() + PATIENCE;
        let url = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = stdout
                .recv_timeout(left)
                .expect("serve printed no URL in time");
            if let Some(url) = line
                .split_whitespace()
                .find_map(|w| w.strip_prefix("http://"))
            {
                break url.to_string();
            }
        };
        let (host, base) = url.split_at(url.find('/').unwrap_or(url.len()));
        let port = host
            .rsplit_once(':')
            .and_then(|(_, p)| p.parse().ok())
            .expect("a port in the URL");
        Server {
            child,
            host: host.to_string(),
            port,
            base: base.to_string(),
            stderr,
        }
    }
}
