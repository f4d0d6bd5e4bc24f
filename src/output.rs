//! The one writer. Pages go into a staging folder beside the output; only when the whole
//! build succeeded is it swapped in, so a failed build leaves the previous output exactly
//! as it was (Zola and mdBook clear the folder first; we do not). Writers are called from
//! the render threads directly, so writing never serialises the pipeline.
//!
//! A file that is byte for byte the one the previous output holds is hard-linked from it
//! instead of written: a rebuild makes no new files for unchanged pages (on these disks
//! making a file costs far more than reading one), deleting the old output then frees
//! nothing they use, and unchanged pages keep their modification time, so a deployment
//! by rsync or by date uploads only what changed.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};

pub struct Output {
    dest: PathBuf,
    /// None: a dry run (`bulletin check`) that renders everything and writes nothing.
    staging: Option<PathBuf>,
    /// The output of the last build, when there is one to reuse unchanged files from.
    previous: Option<PathBuf>,
}

impl Output {
    /// Prepares an empty staging folder beside `dest`.
    pub fn stage(dest: &Path) -> Result<Output, Box<Diagnostic>> {
        let name = dest
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let parent = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
        let fail = |e: io::Error| {
            Box::new(Diagnostic::error(
                Code::Io,
                staging.clone(),
                format!("cannot prepare the output folder: {e}"),
            ))
        };
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(fail)?;
        }
        fs::create_dir_all(&staging).map_err(fail)?;
        Ok(Output {
            dest: dest.to_path_buf(),
            staging: Some(staging),
            previous: dest.is_dir().then(|| dest.to_path_buf()),
        })
    }

    /// An output that writes nothing: `check` renders every page and keeps none.
    pub fn dry_run() -> Output {
        Output {
            dest: PathBuf::new(),
            staging: None,
            previous: None,
        }
    }

    /// Creates folder `rel` (relative to the output root) and any missing parents.
    /// Making a page's folder before writing it spares the failed open and the failed
    /// `mkdir` of the parent that [`write`](Self::write) would otherwise go through.
    pub fn make_dir(&self, rel: &str) -> Result<(), Box<Diagnostic>> {
        let Some(staging) = &self.staging else {
            return Ok(());
        };
        fs::create_dir_all(staging.join(rel)).map_err(|e| {
            Box::new(Diagnostic::error(
                Code::Io,
                rel,
                format!("cannot make the folder: {e}"),
            ))
        })
    }

    /// Writes one file, relative to the output root. `rel` never holds `..` (paths are
    /// made from unit folders and file stems, which cannot).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Box<Diagnostic>> {
        debug_assert!(
            !rel.split('/').any(|s| s == ".."),
            "output path escapes: {rel}"
        );
        let Some(staging) = &self.staging else {
            return Ok(());
        };
        let path = staging.join(rel);
        if let Some(previous) = &self.previous {
            let old = previous.join(rel);
            if same_contents(&old, bytes) && fs::hard_link(&old, &path).is_ok() {
                return Ok(());
            }
        }
        let result = match fs::write(&path, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => path
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| fs::write(&path, bytes)),
            other => other,
        };
        result.map_err(|e| {
            Box::new(Diagnostic::error(
                Code::Io,
                rel,
                format!("cannot write the file: {e}"),
            ))
        })
    }

    /// Copies a file from the site into the output.
    pub fn copy(&self, from: &Path, rel: &str) -> Result<(), Box<Diagnostic>> {
        if self.staging.is_none() {
            return Ok(());
        }
        let bytes = fs::read(from)
            .map_err(|e| Diagnostic::error(Code::Io, from, format!("cannot read the file: {e}")))?;
        self.write(rel, &bytes)
    }

    /// Swaps the staging folder in for the output. The old output is renamed aside and
    /// removed after the swap, so there is no moment without a complete output.
    pub fn commit(self) -> Result<(), Box<Diagnostic>> {
        let Some(staging) = &self.staging else {
            return Ok(());
        };
        let fail = |e: io::Error| {
            Box::new(Diagnostic::error(
                Code::Io,
                self.dest.clone(),
                format!("cannot replace the output folder: {e}"),
            ))
        };
        if self.dest.exists() {
            let old = staging.with_file_name(format!(
                "{}.old",
                staging
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            ));
            fs::rename(&self.dest, &old).map_err(fail)?;
            if let Err(e) = fs::rename(staging, &self.dest) {
                // Put the previous output back before reporting.
                let _ = fs::rename(&old, &self.dest);
                return Err(fail(e));
            }
            remove_in_background(&old);
        } else {
            fs::rename(staging, &self.dest).map_err(fail)?;
        }
        Ok(())
    }

    /// Drops the staging folder; the output is untouched.
    pub fn discard(self) {
        if let Some(staging) = &self.staging {
            let _ = fs::remove_dir_all(staging);
        }
    }
}

/// Whether the file at `path` holds exactly `bytes` (false when it cannot be read).
fn same_contents(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    if file
        .metadata()
        .map_or(true, |m| m.len() != bytes.len() as u64)
    {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut old).is_ok() && old == bytes
}

/// Deletes the previous output without making the build wait for it. Deleting 10,000
/// pages takes longer than writing them, and on ext4 files created right after a large
/// deletion are 5–20× slower to make (issue 7), so the deletion runs in a separate `rm`
/// that outlives us; where that cannot start, it is done here.
fn remove_in_background(dir: &Path) {
    let spawned = if cfg!(unix) {
        std::process::Command::new("rm")
            .arg("-rf")
            .arg(dir)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
    } else {
        false
    };
    if !spawned {
        let _ = fs::remove_dir_all(dir);
    }
}
