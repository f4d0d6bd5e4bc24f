//! The release package (`bulletin build --package [PATH]`): a zip of every file the build
//! wrote, for a CMS upload, and a manifest of each file with its SHA-256, inside the zip
//! (`.bulletin-manifest.sha256`) and beside it (`<name>.sha256`), for the audit of what
//! was published (`sha256sum -c` reads it in the unpacked folder).
//!
//! **Same inputs, same bytes**: files in path order, every entry dated 1980-01-01 00:00
//! (the zip format's first day) with mode 0644, deflated; no clock, owner or build path
//! goes in. **Guard** ([`claim`]), before the build starts, as `output::claim` guards the
//! output: the package goes beside the output (`public/` → `public.zip`, `public.sha256`)
//! or where `--package` says, never inside the output (which is published), the site's
//! `content/`, `themes/` or `static/`; it replaces only a package of ours (a zip whose
//! comment is [`COMMENT`], a manifest whose first line is [`HEADER`]): any other file at
//! either path, a folder or a symbolic link there, is refused (exit 2, nothing written).
//! **Writer**: both files are written under temporary names beside their place from the
//! staged output, before it is swapped in, and renamed into place after: a failed build
//! writes no package, and a failed package fails the build with the output untouched.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::diagnostic::{Code, Diagnostic};
use crate::lang::{Text, cannot};

/// The comment of every zip bulletin writes: what marks a package as ours to replace.
pub(crate) const COMMENT: &str = "bulletin release package";
/// The first line of every manifest bulletin writes (a comment to `sha256sum -c`).
pub(crate) const HEADER: &str = "# bulletin release package manifest: SHA-256 of every file";
/// The manifest's name inside the zip (a dot name: no page or static file has one).
pub(crate) const INNER_MANIFEST: &str = ".bulletin-manifest.sha256";

/// Where the package goes: accepted by [`claim`].
#[derive(Debug)]
pub(crate) struct Package {
    pub zip: PathBuf,
    pub manifest: PathBuf,
}

/// A package written under temporary names, waiting for the output's swap.
pub(crate) struct Staged {
    package: Package,
    /// How many files of the output it holds.
    files: usize,
    zip_tmp: PathBuf,
    manifest_tmp: PathBuf,
}

/// What was packaged, for the build's summary.
#[derive(Debug)]
pub struct Packaged {
    pub zip: PathBuf,
    pub manifest: PathBuf,
    pub files: usize,
    /// SHA-256 of the zip itself, in hex.
    pub sha256: String,
}

/// Decides where the package of the output `dest` (resolved) goes — `given`, or beside
/// the output — and refuses a place that is not ours to write (the module's doc).
pub(crate) fn claim(
    root: &Path,
    dest: &Path,
    given: Option<&Path>,
) -> Result<Package, Box<Diagnostic>> {
    let name = dest
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let zip = match given {
        Some(path) => path.to_path_buf(),
        None => dest.with_file_name(format!("{name}.zip")),
    };
    let manifest = if zip
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
    {
        zip.with_extension("sha256")
    } else {
        let mut m = zip.clone().into_os_string();
        m.push(".sha256");
        PathBuf::from(m)
    };
    let root = crate::output::resolve(root).map_err(|e| io_error(&zip, e))?;
    for (path, ours) in [
        (&zip, is_our_zip as fn(&Path) -> bool),
        (&manifest, is_our_manifest),
    ] {
        refuse_unless_ours(&root, dest, path, ours)?;
    }
    Ok(Package { zip, manifest })
}

fn refuse_unless_ours(
    root: &Path,
    dest: &Path,
    path: &Path,
    ours: fn(&Path) -> bool,
) -> Result<(), Box<Diagnostic>> {
    let refuse = |why: Text, hint: Text| {
        let p = path.display();
        Err(Box::new(
            Diagnostic::error(
                Code::OutputPath,
                path,
                why.map(|why, lang| {
                    lang.pick(
                        format!("refusing to write the package `{p}`: {why}"),
                        format!("拒绝写入发布包“{p}”：{why}"),
                    )
                }),
            )
            .hint(hint),
        ))
    };
    let elsewhere = text!(
        "give `--package` a file path outside the output, e.g. `--package ../release.zip`",
        "请用 `--package` 指定输出文件夹以外的文件路径，如 `--package ../release.zip`"
    );
    let resolved = crate::output::resolve(path).map_err(|e| io_error(path, e))?;
    if resolved.starts_with(dest) {
        return refuse(
            text!(
                "it is inside the output folder, which is published",
                "它在输出文件夹内，而输出文件夹是要发布的"
            ),
            elsewhere,
        );
    }
    for folder in ["content", "themes", "static"] {
        if resolved.starts_with(root.join(folder)) {
            return refuse(
                text!(
                    "it is inside the site's `{folder}/`",
                    "它在站点的 `{folder}/` 文件夹内"
                ),
                elsewhere,
            );
        }
    }
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_error(path, e)),
        Ok(meta) if meta.file_type().is_file() && ours(path) => Ok(()),
        Ok(meta) if meta.file_type().is_file() => refuse(
            text!(
                "a file bulletin did not write is there",
                "那里已有一个不是 bulletin 写的文件"
            ),
            text!(
                "move it away, or give `--package` another path",
                "请把它移走，或用 `--package` 另指路径"
            ),
        ),
        Ok(_) => refuse(
            text!(
                "a folder or a symbolic link is there",
                "那里是一个文件夹或符号链接"
            ),
            elsewhere,
        ),
    }
}

/// A zip whose comment says it is a package of ours.
fn is_our_zip(path: &Path) -> bool {
    std::fs::File::open(path)
        .ok()
        .and_then(|f| zip::ZipArchive::new(io::BufReader::new(f)).ok())
        .is_some_and(|z| z.comment() == COMMENT.as_bytes())
}

/// A manifest whose first line is ours.
fn is_our_manifest(path: &Path) -> bool {
    use io::BufRead;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut first = String::new();
    io::BufReader::new(file).read_line(&mut first).is_ok() && first.trim_end() == HEADER
}

fn io_error(path: &Path, e: io::Error) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(
        Code::Io,
        path,
        cannot("cannot write the package", "无法写入发布包", &e),
    ))
}

impl Package {
    /// Writes the zip and the manifest of `files` (output paths) under temporary names,
    /// reading each file's bytes with `read` (the staged output).
    pub(crate) fn stage(
        self,
        files: &std::collections::HashSet<String>,
        read: impl Fn(&str) -> Option<Vec<u8>>,
    ) -> Result<Staged, Box<Diagnostic>> {
        let tmp = |p: &Path| {
            let mut name = p.file_name().unwrap_or_default().to_os_string();
            name.push(format!(".tmp-{}", std::process::id()));
            p.with_file_name(name)
        };
        let staged = Staged {
            zip_tmp: tmp(&self.zip),
            manifest_tmp: tmp(&self.manifest),
            package: self,
            files: files.len(),
        };
        let result = staged.write(files, read);
        match result {
            Ok(()) => Ok(staged),
            Err(e) => {
                staged.abandon();
                Err(e)
            }
        }
    }
}

impl Staged {
    fn write(
        &self,
        files: &std::collections::HashSet<String>,
        read: impl Fn(&str) -> Option<Vec<u8>>,
    ) -> Result<(), Box<Diagnostic>> {
        let zip_err = |e: zip::result::ZipError| io_error(&self.package.zip, io::Error::other(e));
        if let Some(parent) = self.zip_tmp.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(&self.package.zip, e))?;
        }
        if let Some(parent) = self.manifest_tmp.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(&self.package.manifest, e))?;
        }
        let file =
            std::fs::File::create(&self.zip_tmp).map_err(|e| io_error(&self.package.zip, e))?;
        let mut zip = zip::ZipWriter::new(io::BufWriter::new(file));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        let mut sorted: Vec<&String> = files.iter().collect();
        sorted.sort();
        let mut manifest = format!("{HEADER}\n");
        for rel in sorted {
            let bytes = read(rel).ok_or_else(|| {
                io_error(
                    &self.package.zip,
                    io::Error::new(
                        io::ErrorKind::NotFound,
                        format!("{rel} is not in the output"),
                    ),
                )
            })?;
            manifest.push_str(&format!("{:x}  {rel}\n", Sha256::digest(&bytes)));
            zip.start_file(rel.as_str(), options).map_err(zip_err)?;
            zip.write_all(&bytes)
                .map_err(|e| io_error(&self.package.zip, e))?;
        }
        zip.start_file(INNER_MANIFEST, options).map_err(zip_err)?;
        zip.write_all(manifest.as_bytes())
            .map_err(|e| io_error(&self.package.zip, e))?;
        zip.set_comment(COMMENT).map_err(zip_err)?;
        let mut out = zip.finish().map_err(zip_err)?;
        out.flush().map_err(|e| io_error(&self.package.zip, e))?;
        std::fs::write(&self.manifest_tmp, manifest)
            .map_err(|e| io_error(&self.package.manifest, e))?;
        Ok(())
    }

    /// Renames both files into place; what was packaged.
    pub(crate) fn finish(self) -> Result<Packaged, Box<Diagnostic>> {
        let mut hasher = Sha256::new();
        std::fs::File::open(&self.zip_tmp)
            .and_then(|mut zip| io::copy(&mut zip, &mut hasher))
            .map_err(|e| io_error(&self.package.zip, e))?;
        let sha256 = format!("{:x}", hasher.finalize());
        let renamed = std::fs::rename(&self.manifest_tmp, &self.package.manifest)
            .and_then(|()| std::fs::rename(&self.zip_tmp, &self.package.zip));
        if let Err(e) = renamed {
            let d = io_error(&self.package.zip, e);
            self.abandon();
            return Err(d);
        }
        Ok(Packaged {
            zip: self.package.zip,
            manifest: self.package.manifest,
            files: self.files,
            sha256,
        })
    }

    /// Removes the temporary files (the build failed after they were written).
    pub(crate) fn abandon(&self) {
        let _ = std::fs::remove_file(&self.zip_tmp);
        let _ = std::fs::remove_file(&self.manifest_tmp);
    }
}
