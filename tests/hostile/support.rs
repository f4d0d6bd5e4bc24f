//! What every hostile case needs beyond the suite's harness: a digest of an output tree
//! (to prove a failed build left it as it was) and a run of the real binary that is
//! killed, and fails the test, when it passes its time limit.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::harness::Run;

/// The time every hostile input must finish in on the example site (issue 12, point 4).
pub const LIMIT: Duration = Duration::from_secs(2);

/// sha256 over every file under `dir`: relative path, kind and contents, in sorted order.
/// A missing folder digests as "missing", so its disappearance is caught too.
pub fn tree_digest(dir: &Path) -> String {
    if !dir.exists() {
        return "missing".into();
    }
    let mut hasher = Sha256::new();
    let mut entries: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk the output"))
        .collect();
    entries.sort_by(|a, b| a.path().cmp(b.path()));
    for entry in entries {
        let rel = entry.path().strip_prefix(dir).unwrap();
        hasher.update(rel.to_string_lossy().as_bytes());
        hasher.update([0]);
        if entry.file_type().is_file() {
            hasher.update(std::fs::read(entry.path()).expect("read an output file"));
        } else if entry.file_type().is_symlink() {
            hasher.update(b"symlink");
        } else {
            hasher.update(b"dir");
        }
        hasher.update([0]);
    }
    format!("{:x}", hasher.finalize())
}

/// Runs `bulletin <args>` in `dir`, killing it after `limit`; a run that had to be killed
/// twice fails the test with what it printed so far. The limit is of the run's own work
/// where Linux tells it ([`cpu_time`]): `limit` of CPU time on each core the machine has,
/// so a CI machine busy with other builds does not stretch it, and a hang that does not
/// spin is killed at 15 × `limit` of wall-clock time; elsewhere, `limit` of wall-clock
/// time. The second try is there for a moment of contention the CPU time still shows
/// (caches, memory): a hang or a slow path misses the limit both times. (A killed build
/// leaves the output as it was, so the second try starts from the same state.)
#[track_caller]
pub fn run_limited(dir: &Path, args: &[&str], limit: Duration) -> Run {
    match run_once(dir, args, limit) {
        Ok(run) => run,
        Err(_) => match run_once(dir, args, limit) {
            Ok(run) => run,
            Err(stderr) => panic!(
                "bulletin {args:?} ran past {limit:?} twice and was killed\nstderr (first 2,000 characters):\n{}",
                stderr.chars().take(2000).collect::<String>()
            ),
        },
    }
}

/// One run for [`run_limited`]: its outcome, or its stderr when it had to be killed.
#[track_caller]
fn run_once(dir: &Path, args: &[&str], limit: Duration) -> Result<Run, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        // before the command: `help build --lang en` would be an unknown argument
        .args(["--lang", "en"])
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start bulletin");
    // Drain both pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_thread = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err_thread = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let started = Instant::now();
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let cpu_limit = limit * u32::try_from(cores).unwrap_or(1);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for bulletin") {
            break Some(status);
        }
        let wall = started.elapsed();
        let over = match cpu_time(child.id()) {
            Some(cpu) => cpu > cpu_limit || wall > limit * 15,
            None => wall > limit,
        };
        if over {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stdout = String::from_utf8_lossy(&out_thread.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&err_thread.join().unwrap()).into_owned();
    let Some(status) = status else {
        return Err(stderr);
    };
    assert!(
        !stderr.contains("panicked"),
        "bulletin {args:?} panicked:\n{stderr}"
    );
    Ok(Run {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
    })
}

/// The CPU time process `pid` has used, all its threads (`/proc/<pid>/stat`: utime and
/// stime, in clock ticks); None where there is no such file.
#[cfg(target_os = "linux")]
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // after the command name, which may hold spaces and parentheses: state is field 3,
    // utime 14 and stime 15
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    let per_second = rustix::param::clock_ticks_per_second();
    Some(Duration::from_secs_f64(ticks as f64 / per_second as f64))
}

#[cfg(not(target_os = "linux"))]
fn cpu_time(_pid: u32) -> Option<Duration> {
    None
}
