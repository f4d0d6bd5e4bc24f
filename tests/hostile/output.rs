//! Hostile inputs: output paths, interrupted and concurrent builds, a full disk.
//!
//! Every refused output path exits 2 with its exact error and leaves every folder of the
//! user's byte for byte as it was (a `tree_digest` before and after). Interrupted builds
//! are SIGKILLed at the moments the writer's test hook (`BULLETIN_TEST_PAUSE`, see
//! `src/output.rs`) names; the output is then the complete old or the complete new tree,
//! and the next build cleans up after the dead one.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Run, Site, copy_dir, fixtures};
use crate::support::{LIMIT, run_limited, tree_digest};

/// The base case every other category leans on: a build that fails leaves the previous
/// output byte for byte as it was.
#[test]
fn a_failed_build_leaves_the_previous_output_as_it_was() {
    let site = Site::fixture("base");
    run_limited(site.path(), &["build", "--quiet"], LIMIT).assert_ok();
    let before = tree_digest(&site.path().join("public"));
    let site = site.edit("content/demo/data.yaml", "decimals: 0", "decimals: [");
    let run = run_limited(site.path(), &["build", "--quiet"], LIMIT);
    run.assert_failed();
    assert!(
        run.stderr.contains("content/demo/data.yaml:27:"),
        "{}",
        run.stderr
    );
    assert_eq!(tree_digest(&site.path().join("public")), before);
}

fn build(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["build", "--quiet"];
    all.extend_from_slice(args);
    run_limited(dir, &all, LIMIT)
}

/// A build of the 300-bulletin site: under a loaded 2-core CI it takes seconds, not the
/// 2 s every single hostile input must finish in.
fn build_larger(dir: &Path) -> Run {
    run_limited(dir, &["build", "--quiet"], Duration::from_secs(30))
}

fn real(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).expect("the path exists")
}

/// Asserts a refusal: exit 2, the exact first line, the closing line, nothing changed
/// under `watched`.
#[track_caller]
fn assert_refused(dir: &Path, args: &[&str], first_line: &str, watched: &Path) {
    let before = tree_digest(watched);
    let run = build(dir, args);
    assert_eq!(run.code, 2, "{args:?}: expected exit 2\n{}", run.stderr);
    assert_eq!(
        run.stderr.lines().next(),
        Some(first_line),
        "{args:?}\n{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: the output folder was refused; nothing was written"),
        "{}",
        run.stderr
    );
    assert_eq!(tree_digest(watched), before, "{args:?} changed {watched:?}");
}

/// The site folder given as itself in every spelling: absolute, `.`, with a trailing
/// slash, through `content/..`, and through a symbolic link to it.
#[test]
fn the_site_folder_itself_is_refused_in_every_spelling() {
    let site = Site::fixture("base");
    let root = real(site.path());
    std::os::unix::fs::symlink(&root, root.join("me")).unwrap();
    let why = "it is the site folder itself (site.yaml, content/ and themes/ would be replaced)";
    let abs = root.to_string_lossy().into_owned();
    let with_slash = format!("{abs}/");
    for given in [abs.as_str(), with_slash.as_str()] {
        assert_refused(
            site.path(),
            &["-o", given],
            &format!("error[output-path]: refusing to build into `{given}`: {why}"),
            &root,
        );
    }
    for given in [".", "./", "content/..", "me"] {
        assert_refused(
            site.path(),
            &["-o", given],
            &format!(
                "error[output-path]: refusing to build into `{given}`: {why} (that is `{abs}`)"
            ),
            &root,
        );
    }
}

/// The folder holding the site, by `..` and by its absolute path; and `/`.
#[test]
fn an_ancestor_of_the_site_is_refused() {
    let outer = tempfile::tempdir().unwrap();
    let outer_path = real(outer.path());
    let root = outer_path.join("site");
    copy_dir(&fixtures().join("base"), &root);
    std::fs::write(outer_path.join("sibling.txt"), "the user's").unwrap();
    let why = format!(
        "it holds the site folder `{}`, which building would replace",
        root.display()
    );
    let outer_text = outer_path.to_string_lossy().into_owned();
    assert_refused(
        &root,
        &["-o", ".."],
        &format!("error[output-path]: refusing to build into `..`: {why} (that is `{outer_text}`)"),
        &outer_path,
    );
    assert_refused(
        &root,
        &["-o", &outer_text],
        &format!("error[output-path]: refusing to build into `{outer_text}`: {why}"),
        &outer_path,
    );
    assert_refused(
        &root,
        &["-o", "/", "--force"],
        &format!("error[output-path]: refusing to build into `/`: {why}"),
        &outer_path,
    );
}

/// content/, themes/ and static/, anything inside them, and a link to one of them:
/// refused, --force or not.
#[test]
fn content_themes_and_static_are_refused_even_with_force() {
    let site = Site::fixture("base")
        .file("themes/own/templates/page.html", "{{ page.title }}")
        .file("static/robots.txt", "User-agent: *\n");
    let root = real(site.path());
    std::os::unix::fs::symlink(root.join("content"), root.join("linked")).unwrap();
    for (given, part, inside) in [
        ("content", "content", false),
        ("content/demo/", "content", true),
        ("content/new-folder", "content", true),
        ("./themes", "themes", false),
        ("themes/own", "themes", true),
        ("static", "static", false),
        ("linked", "content", false),
    ] {
        let resolved = root.join(given.trim_start_matches("./").replace("linked", "content"));
        let resolved = resolved.to_string_lossy();
        let resolved = resolved.trim_end_matches('/');
        let place = if inside {
            "inside the site's"
        } else {
            "the site's"
        };
        for force in [false, true] {
            let mut args = vec!["-o", given];
            if force {
                args.push("--force");
            }
            assert_refused(
                site.path(),
                &args,
                &format!(
                    "error[output-path]: refusing to build into `{given}`: it is {place} {part}/ folder (that is `{resolved}`)"
                ),
                &root,
            );
        }
    }
}

/// An existing file, and a path below a file: refused, --force or not.
#[test]
fn a_file_is_never_an_output() {
    let site = Site::fixture("base").file("notes.txt", "the user's notes\n");
    let root = real(site.path());
    let resolved = root.join("notes.txt");
    for force in [false, true] {
        let mut args = vec!["-o", "notes.txt"];
        if force {
            args.push("--force");
        }
        assert_refused(
            site.path(),
            &args,
            &format!(
                "error[output-path]: refusing to build into `notes.txt`: it is a file, not a folder (that is `{}`)",
                resolved.display()
            ),
            &root,
        );
    }
    assert_refused(
        site.path(),
        &["-o", "notes.txt/out"],
        &format!(
            "error[output-path]: refusing to build into `notes.txt/out`: `{}` is a file, not a folder (that is `{}/out`)",
            resolved.display(),
            resolved.display()
        ),
        &root,
    );
}

/// A non-empty folder bulletin did not make is refused; --force replaces its contents
/// (keeping its dotfiles); an empty folder and a new path need nothing.
#[test]
fn a_folder_of_the_users_needs_force() {
    let site = Site::fixture("base")
        .file("mine/notes.txt", "the user's notes\n")
        .file("mine/.hidden", "kept\n");
    let root = real(site.path());
    assert_refused(
        site.path(),
        &["-o", "mine"],
        &format!(
            "error[output-path]: refusing to build into `mine`: the folder is not empty and bulletin did not make it (no `.bulletin-output` file in it), so building would delete `notes.txt` (that is `{}`)",
            root.join("mine").display()
        ),
        &root,
    );
    build(site.path(), &["-o", "mine", "--force"]).assert_ok();
    let mine = site.path().join("mine");
    assert!(mine.join("index.html").is_file());
    assert!(mine.join(".bulletin-output").is_file());
    assert!(
        !mine.join("notes.txt").exists(),
        "--force replaces the folder"
    );
    assert_eq!(
        std::fs::read_to_string(mine.join(".hidden")).unwrap(),
        "kept\n"
    );
    // Marked now: the next build needs no --force.
    build(site.path(), &["-o", "mine"]).assert_ok();

    std::fs::create_dir(site.path().join("empty")).unwrap();
    build(site.path(), &["-o", "empty"]).assert_ok();
    build(site.path(), &["-o", "deep/new/out"]).assert_ok();
    assert!(site.path().join("deep/new/out/index.html").is_file());
}

/// `public/` built by an older bulletin (no marker): adopted when the build writes every
/// file in it again; refused, naming the file, when it holds one of the user's.
#[test]
fn an_unmarked_public_folder_is_adopted_only_when_nothing_would_be_lost() {
    let site = Site::fixture("base");
    build(site.path(), &[]).assert_ok();
    let public = site.path().join("public");
    std::fs::remove_file(public.join(".bulletin-output")).unwrap();
    build(site.path(), &[]).assert_ok();
    assert!(public.join(".bulletin-output").is_file());

    std::fs::remove_file(public.join(".bulletin-output")).unwrap();
    std::fs::write(public.join("demo/report.pdf"), "the user's own").unwrap();
    let before = tree_digest(&public);
    let run = build(site.path(), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr.lines().next(),
        Some(
            "error[output-path]: refusing to replace `./public`: it has no `.bulletin-output` file (an older bulletin wrote none) and holds 1 file this build does not write, which would be deleted: `demo/report.pdf`"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(tree_digest(&public), before);
    assert_eq!(leftovers(site.path()), Vec::<String>::new());
    build(site.path(), &["--force"]).assert_ok();
    assert!(!public.join("demo/report.pdf").exists());
}

/// A gh-pages checkout in public/: .git, CNAME, .nojekyll and a keep-listed name survive
/// every build, .git byte for byte; anything else the user put there does not.
#[test]
fn dotfiles_and_the_keep_list_survive_every_build() {
    let site = Site::fixture("base");
    build(site.path(), &[]).assert_ok();
    let public = site.path().join("public");
    let put = |rel: &str, text: &str| {
        let path = public.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    put(".git/HEAD", "ref: refs/heads/gh-pages\n");
    put(".git/objects/ab/cdef", "a git object");
    put(".git/refs/heads/gh-pages", "0123456789abcdef\n");
    put("CNAME", "www.example.gov.cn\n");
    put(".nojekyll", "");
    put("downloads/2024.xlsx", "a spreadsheet");
    put("stray.html", "not kept");
    let git = tree_digest(&public.join(".git"));

    // Default keep list: downloads/ is not on it.
    build(site.path(), &[]).assert_ok();
    assert_eq!(tree_digest(&public.join(".git")), git);
    assert_eq!(
        std::fs::read_to_string(public.join("CNAME")).unwrap(),
        "www.example.gov.cn\n"
    );
    assert!(public.join(".nojekyll").is_file());
    assert!(!public.join("stray.html").exists());
    assert!(!public.join("downloads").exists());

    put("downloads/2024.xlsx", "a spreadsheet");
    let site = site.edit(
        "site.yaml",
        "title: 测试经开区公报",
        "title: 测试经开区公报\nkeep: [CNAME, downloads]",
    );
    for _ in 0..2 {
        build(site.path(), &[]).assert_ok();
        assert_eq!(tree_digest(&public.join(".git")), git);
        assert_eq!(
            std::fs::read_to_string(public.join("downloads/2024.xlsx")).unwrap(),
            "a spreadsheet"
        );
        assert!(public.join("CNAME").is_file() && public.join(".nojekyll").is_file());
        assert!(public.join("index.html").is_file());
    }
}

/// Red team (issue 12): a kept name that is a symbolic link to a folder or file of the
/// user's outside the output is carried over as that link, never walked: the first
/// version walked `.x → ~/folder`, made the link, then copied each file onto itself
/// through it, truncating the user's files to 0 bytes.
#[test]
fn a_kept_symbolic_link_to_a_users_folder_is_carried_over_not_followed() {
    let site = Site::fixture("base");
    build(site.path(), &[]).assert_ok();
    let public = site.path().join("public");
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir(outside.path().join("folder")).unwrap();
    std::fs::write(outside.path().join("folder/report.xlsx"), "the user's work").unwrap();
    std::fs::write(outside.path().join("cname"), "www.example.gov.cn\n").unwrap();
    let watched = tree_digest(outside.path());
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.path().join("folder"), public.join(".hidden")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("folder"), public.join("downloads"))
            .unwrap();
        std::os::unix::fs::symlink(outside.path().join("cname"), public.join("CNAME")).unwrap();
    }
    let site = site.edit(
        "site.yaml",
        "title: 测试经开区公报",
        "title: 测试经开区公报\nkeep: [CNAME, downloads]",
    );
    for _ in 0..2 {
        build(site.path(), &[]).assert_ok();
        assert_eq!(
            tree_digest(outside.path()),
            watched,
            "the user's files changed"
        );
        for name in [".hidden", "downloads", "CNAME"] {
            assert!(
                public
                    .join(name)
                    .symlink_metadata()
                    .unwrap()
                    .file_type()
                    .is_symlink(),
                "{name} is no longer the link it was"
            );
        }
    }
}

/// A keep-list entry that is not one top-level name is a located error in site.yaml.
#[test]
fn a_keep_entry_with_a_path_is_a_located_error() {
    let site = Site::fixture("base").edit(
        "site.yaml",
        "title: 测试经开区公报",
        "title: 测试经开区公报\nkeep: [CNAME, ../site.yaml]",
    );
    let run = build(site.path(), &[]);
    run.assert_failed();
    assert!(
        run.stderr.contains("site.yaml:2:")
            && run.stderr.contains(
                "`../site.yaml` is not a name at the top of the output (no `/`, `.` or `..`)"
            ),
        "{}",
        run.stderr
    );
}

/// Folders a build leaves beside `public/`, by name.
fn leftovers(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    names.sort();
    names
}

/// Waits (up to 5 s) for the old output's background deletion to end; then nothing may
/// be left beside `public/`.
#[track_caller]
fn assert_clean(root: &Path) {
    let started = Instant::now();
    while leftovers(root).iter().any(|n| n.contains(".deleting-"))
        && started.elapsed() < Duration::from_secs(5)
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(leftovers(root), Vec::<String>::new());
}

/// A pid no process has (above Linux's largest `pid_max`).
const DEAD_PID: u32 = 4_194_304 + 11;

/// Staging, aside and deleting folders of dead builds are removed at the next start;
/// a live process's staging folder is left alone.
#[test]
fn stale_staging_folders_of_dead_builds_are_removed_and_live_ones_kept() {
    let site = Site::fixture("base");
    build(site.path(), &[]).assert_ok();
    let live = format!(".public.building-{}", std::process::id());
    for name in [
        format!(".public.building-{DEAD_PID}"),
        format!(".public.building-{}.old", DEAD_PID + 1),
        format!(".public.deleting-{}", DEAD_PID + 2),
        live.clone(),
    ] {
        std::fs::create_dir_all(site.path().join(&name).join("demo")).unwrap();
        std::fs::write(site.path().join(&name).join("demo/index.html"), "x").unwrap();
    }
    build(site.path(), &[]).assert_ok();
    let started = Instant::now();
    while leftovers(site.path()).len() > 1 && started.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(leftovers(site.path()), vec![live]);
}

/// An output a killed two-rename swap left aside is put back first, even by a build
/// that then fails.
#[test]
fn an_output_left_aside_is_restored_before_anything_else() {
    let site = Site::fixture("base");
    build(site.path(), &[]).assert_ok();
    let public = site.path().join("public");
    let before = tree_digest(&public);
    std::fs::rename(
        &public,
        site.path().join(format!(".public.building-{DEAD_PID}.old")),
    )
    .unwrap();
    let site = site.edit("content/demo/data.yaml", "decimals: 0", "decimals: [");
    build(site.path(), &[]).assert_failed();
    assert_eq!(tree_digest(&public), before);
    assert_eq!(leftovers(site.path()), Vec::<String>::new());
}

/// A site of 300 bulletins, so that a kill lands in the middle of writing.
fn larger_site() -> Site {
    let mut site = Site::fixture("base");
    let report = std::fs::read_to_string(site.path().join("content/demo/2025-report.md")).unwrap();
    for i in 0..300 {
        site = site.file(&format!("content/demo/r{i}.md"), &report);
    }
    site
}

/// Starts `bulletin build` paused at `point` by the test hook, waits until it is there and
/// SIGKILLs it.
fn kill_at(root: &Path, point: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["build", "--quiet"])
        .current_dir(root)
        .env("BULLETIN_TEST_PAUSE", point)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start bulletin");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let wanted = format!("bulletin: paused at {point}");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line == wanted {
                let _ = tx.send(());
            }
        }
    });
    let paused = rx.recv_timeout(Duration::from_secs(20));
    child.kill().expect("SIGKILL the build");
    child.wait().unwrap();
    assert!(paused.is_ok(), "the build never paused at {point}");
}

/// SIGKILL at five moments: after the staging folder appears, in the middle of writing
/// 300 pages, just before the swap, between the two renames of the fallback swap, and
/// right after the atomic exchange. The output is the complete old or the complete new
/// tree; the next build restores what needs restoring, succeeds and leaves nothing behind.
#[test]
fn a_build_killed_at_any_moment_leaves_the_old_or_the_new_output() {
    let edit = |site: Site| {
        site.edit(
            "content/demo/2025-report.md",
            "（一）总体运行稳中有进。",
            "（一）总体运行稳中向好。",
        )
    };
    let reference = edit(larger_site());
    build_larger(reference.path()).assert_ok();
    let new = tree_digest(&reference.path().join("public"));
    for (point, expect_new) in [
        ("staged", false),
        ("write", false),
        ("swap", false),
        ("between-renames", false),
        ("swapped", true),
    ] {
        let site = larger_site();
        build_larger(site.path()).assert_ok();
        let public = site.path().join("public");
        let old = tree_digest(&public);
        assert_ne!(old, new);
        let site = edit(site);
        kill_at(site.path(), point);
        if point == "between-renames" {
            // No output at this instant, the old one aside: a failed build restores it.
            assert_eq!(tree_digest(&public), "missing");
            let broken = site.edit("content/demo/data.yaml", "decimals: 0", "decimals: [");
            build_larger(broken.path()).assert_failed();
            assert_eq!(tree_digest(&public), old, "restored after {point}");
            let site = broken.edit("content/demo/data.yaml", "decimals: [", "decimals: 0");
            build_larger(site.path()).assert_ok();
            assert_eq!(tree_digest(&public), new, "after {point}");
            assert_clean(site.path());
            continue;
        }
        let after_kill = tree_digest(&public);
        assert_eq!(
            &after_kill,
            if expect_new { &new } else { &old },
            "killed at {point}"
        );
        build_larger(site.path()).assert_ok();
        assert_eq!(tree_digest(&public), new, "after {point}");
        assert_clean(site.path());
    }
}

/// Two builds of the same site started together: one waits for the other's lock; both
/// succeed and the output is the complete tree a single build makes.
#[test]
fn two_builds_at_once_both_succeed_and_the_output_is_whole() {
    let reference = larger_site();
    build_larger(reference.path()).assert_ok();
    let expected = tree_digest(&reference.path().join("public"));
    let site = larger_site();
    for round in 0..3 {
        let start = || {
            Command::new(env!("CARGO_BIN_EXE_bulletin"))
                .args(["build", "--lang", "en"])
                .current_dir(site.path())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start bulletin")
        };
        let (a, b) = (start(), start());
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        for out in [&a, &b] {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "round {round}: {stderr}");
            // Progress lines, and the wait for the other build's lock; nothing else.
            assert!(
                stderr
                    .lines()
                    .all(|l| l.starts_with("waiting for another build into ")
                        || l.starts_with("rendering ")
                        || l.starts_with("  ")),
                "round {round}: {stderr}"
            );
        }
        assert_eq!(tree_digest(&site.path().join("public")), expected);
        assert_clean(site.path());
    }
}

/// A full disk (a 1 MB tmpfs holding the output): the build fails with the file it could
/// not write, exit 1, the previous output intact and no staging folder left.
#[test]
#[expect(
    clippy::print_stdout,
    reason = "a test that cannot mount a tmpfs says why it skipped"
)]
fn a_full_disk_fails_located_and_leaves_the_output() {
    let site = Site::fixture("base");
    let disk = site.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(&disk)
        .output();
    match mounted {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            println!(
                "skipped: cannot mount a tmpfs: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            return;
        }
        Err(e) => {
            println!("skipped: cannot run mount: {e}");
            return;
        }
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(disk.clone());
    build(site.path(), &["-o", "disk/public"]).assert_ok();
    let before = tree_digest(&disk.join("public"));
    let site = site.file("static/annual-report.pdf", &"年".repeat(700_000));
    let run = build(site.path(), &["-o", "disk/public"]);
    run.assert_failed();
    assert!(
        run.stderr.contains(
            "cannot write the file: No space left on device (os error 28)\n  --> disk/public/annual-report.pdf"
        ) && run.stderr.contains("the disk is full: free some space and build again"),
        "{}",
        run.stderr
    );
    assert_eq!(tree_digest(&disk.join("public")), before);
    assert_eq!(leftovers(&disk), Vec::<String>::new());
}

/// `--force` is documented where the user looks, with what it never overrides.
#[test]
fn force_is_documented_in_help() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_limited(dir.path(), &["help", "build"], LIMIT);
    assert_eq!(run.code, 0);
    let help = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("--force Replace a non-empty output folder that bulletin did not make (it has no .bulletin-output file)")
            && help.contains("the site folder, its parents, content/, themes/, static/ and files are always refused"),
        "{help}"
    );
}

/// A mistyped --root fails on the missing site and makes no folder for its output.
#[test]
fn a_missing_site_folder_makes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_limited(dir.path(), &["build", "--root", "no-such-site"], LIMIT);
    run.assert_failed();
    assert!(run.stderr.contains("site.yaml"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// The output a build replaces is kept in the site's `.bulletin/` and recycled as the next
/// build's staging folder (no 10,000 folders made again). It never brings anything back:
/// not a page since deleted, not a stale copy of a kept `.git` the user committed to in
/// between, not a file put into the spare by hand; and it is never in the output.
#[test]
fn a_recycled_output_brings_nothing_back() {
    let site = Site::fixture("base");
    let public = site.path().join("public");
    build(site.path(), &[]).assert_ok();
    let head = public.join(".git/HEAD");
    std::fs::create_dir_all(head.parent().unwrap()).unwrap();
    for round in 0..4 {
        // The user commits in the kept checkout between builds.
        std::fs::write(&head, format!("ref: refs/heads/round-{round}\n")).unwrap();
        std::fs::write(public.join("stray.html"), "not kept").unwrap();
        let spares: Vec<PathBuf> = std::fs::read_dir(site.path().join(".bulletin"))
            .map(|d| {
                d.filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.is_dir())
                    .collect()
            })
            .unwrap_or_default();
        for spare in &spares {
            std::fs::write(spare.join("planted.html"), "planted in the spare").unwrap();
        }
        // A bulletin comes and goes.
        let extra = site.path().join("content/demo/extra.md");
        if round % 2 == 0 {
            std::fs::write(
                &extra,
                "---\ntitle: 增刊\ndate: 2025-03-01\nperiod: 2024\n---\n正文。\n",
            )
            .unwrap();
        } else {
            std::fs::remove_file(&extra).unwrap();
        }
        build(site.path(), &[]).assert_ok();
        assert_eq!(
            std::fs::read_to_string(&head).unwrap(),
            format!("ref: refs/heads/round-{round}\n"),
            "round {round}: the kept .git is the user's latest"
        );
        assert!(!public.join("stray.html").exists(), "round {round}");
        assert!(!public.join("planted.html").exists(), "round {round}");
        assert_eq!(
            public.join("demo/extra/index.html").exists(),
            round % 2 == 0,
            "round {round}"
        );
        let clean = site.path().join(format!("clean-{round}"));
        build(site.path(), &["-o", clean.to_str().unwrap()]).assert_ok();
        let without_git = |dir: &Path| {
            let copy = tempfile::tempdir().unwrap();
            copy_dir(dir, copy.path());
            let _ = std::fs::remove_dir_all(copy.path().join(".git"));
            tree_digest(copy.path())
        };
        assert_eq!(without_git(&public), without_git(&clean), "round {round}");
        std::fs::remove_dir_all(&clean).unwrap();
    }
    assert!(
        std::fs::read_dir(&public).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("spare")),
        "the spare is never in the output"
    );
}

/// The site's `.bulletin/` (the build's records and the output it replaced) is used only
/// when it is a real folder of the site: as a link to a folder elsewhere, nothing is read
/// from it or written into it, and builds still succeed (without records: every page is
/// made). A records file of garbage is a clean build, not an error.
#[test]
fn a_linked_or_garbled_records_folder_is_not_used() {
    let site = Site::fixture("base");
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("mine.txt"), "the user's file").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(elsewhere.path(), site.path().join(".bulletin")).unwrap();
    let before = tree_digest(elsewhere.path());
    for _ in 0..3 {
        let run = run_limited(site.path(), &["build"], LIMIT);
        run.assert_ok();
        assert!(
            !run.stdout.contains("unchanged since the last build"),
            "{}",
            run.stdout
        );
    }
    assert_eq!(
        tree_digest(elsewhere.path()),
        before,
        "nothing written through the link"
    );

    let site = Site::fixture("base");
    build(site.path(), &[]).assert_ok();
    // the build records and the cache of parsed data.yaml files, both garbled
    let caches: Vec<PathBuf> = std::fs::read_dir(site.path().join(".bulletin"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "cache"))
        .collect();
    assert_eq!(caches.len(), 2, "{caches:?}");
    for cache in &caches {
        std::fs::write(cache, b"\xff\x00garbage\x01\x02").unwrap();
    }
    let run = run_limited(site.path(), &["build"], LIMIT);
    run.assert_ok();
    assert!(
        !run.stdout.contains("unchanged since the last build"),
        "{}",
        run.stdout
    );
    let run = run_limited(site.path(), &["build"], LIMIT);
    assert!(
        run.stdout.contains("unchanged since the last build"),
        "{}",
        run.stdout
    );
}

/// A spare output with a link planted in it (`demo → a folder of the user's`, as a site
/// unpacked from someone else's archive could carry in `.bulletin/`) is never written or
/// pruned through: the link goes before the build writes a page, the user's folder is as
/// it was, and the output is a clean build's.
#[test]
#[cfg(unix)]
fn a_link_planted_in_the_recycled_output_is_never_followed() {
    let site = Site::fixture("base");
    build(site.path(), &[]).assert_ok();
    build(site.path(), &[]).assert_ok();
    let spare = std::fs::read_dir(site.path().join(".bulletin"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir() && p.extension().is_some_and(|e| e == "spare"))
        .expect("the output the last build replaced is kept");
    let users = tempfile::tempdir().unwrap();
    std::fs::write(users.path().join("index.html"), "the user's page").unwrap();
    std::fs::write(users.path().join("notes.txt"), "the user's notes").unwrap();
    let before = tree_digest(users.path());
    std::fs::remove_dir_all(spare.join("demo")).unwrap();
    std::os::unix::fs::symlink(users.path(), spare.join("demo")).unwrap();
    std::os::unix::fs::symlink(users.path(), spare.join("linked")).unwrap();
    std::os::unix::fs::symlink(users.path(), spare.join("css/linked")).unwrap();
    let site = site.edit("content/demo/2025-report.md", "稳中有进", "稳中向好");
    build(site.path(), &[]).assert_ok();
    assert_eq!(
        tree_digest(users.path()),
        before,
        "nothing written or removed through the link"
    );
    let clean = site.path().join("clean");
    build(site.path(), &["-o", clean.to_str().unwrap()]).assert_ok();
    assert_eq!(
        tree_digest(&site.path().join("public")),
        tree_digest(&clean)
    );
}
