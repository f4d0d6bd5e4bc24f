//! A fixture site in a temporary folder, built by the real binary.
//!
//! `Site::fixture("base")` copies `tests/fixtures/base`; `.file(path, text)` overwrites or
//! adds a file; `.build(&[args])` runs `bulletin build` and returns its exit code and
//! output. Paths are made from `CARGO_MANIFEST_DIR`, never the current directory.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Site {
    dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, 0, "build failed:\n{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn assert_failed(&self) -> &Self {
        assert_eq!(
            self.code, 1,
            "expected a failed build; stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Site {
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixtures().join(name), dir.path());
        Site { dir }
    }

    /// An empty folder (for `bulletin new .`).
    pub fn empty() -> Site {
        Site {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The repository root: the example site.
    pub fn example() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for part in ["site.yaml", "content", "themes"] {
            let from = root.join(part);
            if from.is_dir() {
                copy_dir(&from, &dir.path().join(part));
            } else {
                std::fs::copy(&from, dir.path().join(part)).unwrap();
            }
        }
        Site { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(self, rel: &str, text: &str) -> Site {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Replaces the first `from` in a file with `to` (the text must be there).
    pub fn edit(self, rel: &str, from: &str, to: &str) -> Site {
        let path = self.path().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
        self
    }

    pub fn build(&self, args: &[&str]) -> Run {
        self.run("build", args)
    }

    pub fn check(&self, args: &[&str]) -> Run {
        self.run("check", args)
    }

    /// Runs `bulletin <command> <args>` in the site folder, in English unless `args`
    /// give a `--lang` (a fixture without `language:` is zh-CN, whose messages are
    /// Chinese; the English is what most tests read).
    pub fn run(&self, command: &str, args: &[&str]) -> Run {
        let lang: &[&str] = if args.iter().any(|a| a.starts_with("--lang")) {
            &[]
        } else {
            &["--lang", "en"]
        };
        let out = Command::new(env!("CARGO_BIN_EXE_bulletin"))
            .args(lang)
            .arg(command)
            .args(args)
            .current_dir(self.path())
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// A page of the output, as text.
    #[track_caller]
    pub fn page(&self, rel: &str) -> String {
        let path = self.path().join("public").join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path().join("public").join(rel).exists()
    }
}

/// Headless Chromium with the flags every browser test starts it with (no sandbox, no
/// GPU, no first-run or background network); the caller adds its own.
pub fn headless_chromium(chromium: &Path) -> Command {
    let mut cmd = Command::new(chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
    ]);
    cmd
}

/// The `<main>` element of a page, for snapshots that do not churn with the header.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has a <main>");
    let end = html.rfind("</main>").expect("page has a </main>") + "</main>".len();
    &html[start..end]
}

/// Both trees hold the same files with the same bytes (names the first difference).
#[track_caller]
pub fn assert_same_tree(a: &Path, b: &Path, what: &str) {
    let files = |root: &Path| -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(root).unwrap();
                (
                    rel.to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    };
    let (a, b) = (files(a), files(b));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&a),
        names(&b),
        "{what}: the trees hold different files"
    );
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{what}: {name} differs");
    }
}
