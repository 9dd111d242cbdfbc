//! Nothing a user wrote is lost, and nothing regard writes lands where it should not:
//! files told apart by their real paths, read-only and hard-linked files refused, owner
//! and group kept, outputs written whole or not at all (a full disk, a device), FIFOs and
//! devices never hanging a walk, standard output and error that cannot be written, and
//! temporary files cleaned up.
//!
//! Some cases need root (to change a file's owner, to make a device node, to mount a
//! small tmpfs standing for a full disk); without it they say so on standard error and
//! pass, except under CI (`CI=true`), which runs as root and must run them.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{regard, scratch, stderr};

#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Whether a case that needs `what` can run; says why not when it cannot.
fn can(ok: bool, what: &str) -> bool {
    if !ok {
        assert!(
            std::env::var("CI").is_err(),
            "CI must be able to run this case, which needs {what}"
        );
        eprintln!("skipped: this case needs {what}");
    }
    ok
}

const MESSY: &str = "council x \"X\"   {\n}\n";
const TIDY: &str = "council x \"X\" {\n}\n";

#[test]
#[cfg(unix)]
fn files_that_display_alike_are_formatted_each_in_its_own_place() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("alike");
    // A file named `a\b.regard`, and a folder `a` holding `b.regard`.
    std::fs::create_dir(dir.join("a")).unwrap();
    std::fs::write(dir.join("a\\b.regard"), "council ca \"One\"   {\n}\n").unwrap();
    std::fs::write(
        dir.join("a/b.regard"),
        "council cb \"Two\" {\n  officer   p \"P\" {\n  }\n}\n",
    )
    .unwrap();
    // Two names that are not UTF-8 and would both show as `n\u{FFFD}.regard`.
    let odd = |byte: u8| {
        dir.join(std::ffi::OsStr::from_bytes(&[
            b'n', byte, b'.', b'r', b'e', b'g', b'a', b'r', b'd',
        ]))
    };
    std::fs::write(odd(0xff), "council cc \"Three\"   {\n}\n").unwrap();
    std::fs::write(odd(0xfe), "council cd \"Four\"   {\n}\n").unwrap();
    let o = regard(&["fmt", "."], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("a\\b.regard")).unwrap(),
        "council ca \"One\" {\n}\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("a/b.regard")).unwrap(),
        "council cb \"Two\" {\n  officer p \"P\" {\n  }\n}\n"
    );
    assert_eq!(
        std::fs::read_to_string(odd(0xff)).unwrap(),
        "council cc \"Three\" {\n}\n"
    );
    assert_eq!(
        std::fs::read_to_string(odd(0xfe)).unwrap(),
        "council cd \"Four\" {\n}\n"
    );
    // And they are shown apart.
    let o = regard(&["check", ".", "--as-of", "2025-06-01", "--color", "never"], &dir);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("n\\xFF.regard:") && out.contains("n\\xFE.regard:"),
        "{out}"
    );
}

#[test]
#[cfg(unix)]
fn read_only_and_hard_linked_files_are_refused_and_left_as_they_were() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("refused");
    let read_only = dir.join("ro.regard");
    std::fs::write(&read_only, MESSY).unwrap();
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o444)).unwrap();
    let linked = dir.join("linked.regard");
    std::fs::write(&linked, MESSY).unwrap();
    std::fs::hard_link(&linked, dir.join("other-name.txt")).unwrap();
    let o = regard(&["fmt", "ro.regard", "linked.regard"], &dir);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("`ro.regard`: it is read-only"), "{err}");
    assert!(err.contains("`linked.regard`: it has 2 hard links"), "{err}");
    assert_eq!(std::fs::read_to_string(&read_only).unwrap(), MESSY);
    assert_eq!(
        std::fs::metadata(&read_only).unwrap().permissions().mode() & 0o777,
        0o444
    );
    assert_eq!(std::fs::read_to_string(&linked).unwrap(), MESSY);
    assert_eq!(std::fs::read_to_string(dir.join("other-name.txt")).unwrap(), MESSY);
}

#[test]
#[cfg(unix)]
fn a_formatted_file_keeps_its_mode_owner_and_group() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    if !can(is_root(), "root, to give a file to another user") {
        return;
    }
    let dir = scratch("owner");
    let file = dir.join("theirs.regard");
    std::fs::write(&file, MESSY).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::chown(&file, Some(65534), Some(65534)).unwrap();
    let o = regard(&["fmt", "theirs.regard"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let meta = std::fs::metadata(&file).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), TIDY);
    assert_eq!((meta.uid(), meta.gid(), meta.mode() & 0o777), (65534, 65534, 0o640));
}

#[test]
#[cfg(unix)]
fn an_output_never_replaces_a_device_and_a_full_device_is_an_error() {
    use std::os::unix::fs::FileTypeExt;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let examples = root.join("examples").join("riverside.regard");
    let examples = examples.to_str().unwrap();
    let dir = scratch("device");
    // A device node of our own standing for /dev/full (never the system's own: a
    // regression would replace it): written to, not replaced, and its error reported.
    if can(is_root(), "root, to make a device node") {
        let full = dir.join("full");
        assert!(
            Command::new("mknod")
                .arg(&full)
                .args(["c", "1", "7"])
                .status()
                .unwrap()
                .success()
        );
        let o = regard(&["report", examples, "--out", full.to_str().unwrap()], &dir);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("cannot write `"), "{}", stderr(&o));
        assert!(std::fs::metadata(&full).unwrap().file_type().is_char_device());
    }
    // A device node of our own, standing for /dev/null: written through, still a device.
    if can(is_root(), "root, to make a device node") {
        let null = dir.join("null");
        assert!(
            Command::new("mknod")
                .arg(&null)
                .args(["c", "1", "3"])
                .status()
                .unwrap()
                .success()
        );
        for command in [
            vec!["report", examples, "--out"],
            vec!["graph", examples, "--council", "riverside", "--out"],
        ] {
            let mut args = command.clone();
            args.push(null.to_str().unwrap());
            let o = regard(&args, &dir);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            assert!(std::fs::metadata(&null).unwrap().file_type().is_char_device());
        }
    }
    // A FIFO is written through too (a reader takes what is written).
    let fifo = dir.join("pipe.md");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let o = regard(&["report", examples, "--out", fifo.to_str().unwrap()], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(reader.join().unwrap().contains("Riverside"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
#[cfg(unix)]
fn a_full_disk_leaves_the_old_output_or_nothing_never_a_truncated_file() {
    if !can(is_root(), "root, to mount a small tmpfs") {
        return;
    }
    let dir = scratch("full");
    let disk = dir.join("disk");
    std::fs::create_dir(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs"])
        .arg(&disk)
        .status()
        .is_ok_and(|s| s.success());
    if !can(mounted, "a tmpfs mount") {
        return;
    }
    let unmount = |disk: &Path| {
        let _ = Command::new("umount").arg(disk).status();
    };
    let big = scratch("full-input");
    // A report well over 16 KiB: many councils.
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&format!(
            "council c{i} \"Council {i}\" {{\n  officer ce \"Chief Executive\" {{\n    holds ChiefExecutive\n  }}\n}}\n"
        ));
    }
    std::fs::write(big.join("many.regard"), text).unwrap();
    let input = big.join("many.regard");
    let out = disk.join("report.md");
    std::fs::write(&out, "the old report\n").unwrap();
    let o = regard(
        &["report", input.to_str().unwrap(), "--out", out.to_str().unwrap()],
        &dir,
    );
    let old = std::fs::read_to_string(&out);
    let leftovers: Vec<_> = std::fs::read_dir(&disk)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    // `init` on the full disk: no empty file left to block a later `init`.
    let filler = disk.join("filler");
    let _ = std::fs::write(&filler, vec![0u8; 64 << 10]);
    let init = regard(
        &[
            "init",
            "ashford",
            "Ashford County Council",
            "--dir",
            disk.to_str().unwrap(),
        ],
        &dir,
    );
    let init_left = disk.join("ashford.regard").exists();
    let _ = std::fs::remove_file(&filler);
    let again = regard(
        &[
            "init",
            "ashford",
            "Ashford County Council",
            "--dir",
            disk.to_str().unwrap(),
        ],
        &dir,
    );
    let written = std::fs::read_to_string(disk.join("ashford.regard")).unwrap_or_default();
    unmount(&disk);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(old.unwrap(), "the old report\n");
    assert_eq!(
        leftovers,
        vec![std::ffi::OsString::from("report.md")],
        "no temporary left behind"
    );
    assert_eq!(init.status.code(), Some(2), "{}", stderr(&init));
    assert!(!init_left, "a failed init leaves no file");
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(written.contains("council ashford"));
}

#[test]
#[cfg(unix)]
fn fifos_and_devices_never_hang_a_check_and_are_read_only_up_to_the_limit() {
    let dir = scratch("fifos");
    std::fs::write(dir.join("good.regard"), TIDY).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(dir.join("trap.regard"))
            .status()
            .unwrap()
            .success()
    );
    // Walking a folder: the FIFO is passed over, not opened.
    let o = run_with_timeout(&["check", ".", "--no-stdlib"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let o = run_with_timeout(&["fmt", "--check", "."], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A file found by walking that is a FIFO by the time it is read is refused unread.
    match regard::files::read_found(&dir.join("trap.regard")) {
        regard::db::Contents::Unreadable(why) => assert_eq!(why, "it is not a regular file"),
        other => panic!("{other:?}"),
    }
    // Named on the command line, a FIFO is read (`regard check <(...)`)...
    let fifo = dir.join("trap.regard");
    let writer = std::thread::spawn(move || std::fs::write(fifo, TIDY).unwrap());
    let o = run_with_timeout(&["check", "trap.regard", "--no-stdlib"], &dir);
    writer.join().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    // ...and an endless device is read only up to the limit.
    let o = run_with_timeout(&["check", "/dev/zero", "--no-stdlib", "--format", "json"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("E0003"));
}

/// Runs regard, failing the test if it takes more than 20 seconds.
fn run_with_timeout(args: &[&str], dir: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_regard"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..200 {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("`regard {}` hangs", args.join(" "));
}

#[test]
#[cfg(target_os = "linux")]
fn output_that_cannot_be_written_is_exit_status_2_never_a_panic() {
    use std::os::unix::fs::FileTypeExt;
    let is_device = std::fs::metadata("/dev/full").is_ok_and(|m| m.file_type().is_char_device());
    if !can(is_device, "/dev/full as a device") {
        return;
    }
    let dir = scratch("full-streams");
    std::fs::write(dir.join("messy.regard"), MESSY).unwrap();
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    for (args, to_stderr) in [
        (vec!["fmt", "."], true),
        (vec!["fmt", "--check", "."], false),
        (vec!["check", ".", "--no-stdlib"], false),
        (vec!["explain", "E0101"], false),
    ] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_regard"));
        command.args(&args).current_dir(&dir);
        if to_stderr {
            command.stderr(full());
        } else {
            command.stdout(full());
        }
        let o = command.output().unwrap();
        assert_eq!(o.status.code(), Some(2), "`regard {}`: {}", args.join(" "), stderr(&o));
        std::fs::write(dir.join("messy.regard"), MESSY).unwrap();
    }
    // A closed pipe ends the output quietly.
    let mut child = Command::new(env!("CARGO_BIN_EXE_regard"))
        .args(["explain"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(o.status.code().is_some_and(|c| c != 101), "{:?}", o.status);
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

#[test]
#[cfg(target_os = "linux")]
fn temporary_files_are_removed_by_the_next_run_and_on_a_signal() {
    let dir = scratch("temporaries");
    std::fs::write(dir.join("messy.regard"), MESSY).unwrap();
    // A temporary left by a run that was killed (its process is gone).
    let stale = dir.join(".regard-tmp-999999999-0123456789abcdef.tmp");
    std::fs::write(&stale, "half a file").unwrap();
    let o = regard(&["fmt", "."], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stale.exists(), "the stale temporary is removed");

    // Interrupted while writing many files: nothing of regard's is left behind.
    let many = scratch("temporaries-many");
    let body: String = (0..2000)
        .map(|i| format!("  officer   p{i} \"P\"  {{\n  }}\n"))
        .collect();
    for i in 0..200 {
        std::fs::write(
            many.join(format!("f{i:03}.regard")),
            format!("council c{i} \"C\"   {{\n{body}}}\n"),
        )
        .unwrap();
    }
    for delay in [20, 60, 150] {
        let child = Command::new(env!("CARGO_BIN_EXE_regard"))
            .args(["fmt", "."])
            .current_dir(&many)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
        let o = child.wait_with_output().unwrap();
        let left: Vec<_> = std::fs::read_dir(&many)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".regard-"))
            .collect();
        assert!(
            left.is_empty(),
            "left after SIGINT at {delay} ms ({:?}): {left:?}",
            o.status
        );
    }
}

/// Folders are walked as ripgrep walks them: what `.gitignore` and `.ignore` exclude (a
/// build's `target/`, `node_modules/`) and hidden folders are skipped, so copies there
/// never count as second declarations; `--no-ignore` includes the ignored ones; a file
/// named on the command line is always read; and a folder with no regard file is an
/// error (exit 2), so a CI step pointed at the wrong folder fails.
#[test]
fn ignored_and_hidden_folders_are_skipped_and_an_empty_folder_is_an_error() {
    let dir = scratch("ignored");
    let council = "council ashford \"Ashford\" {\n  officer ce \"CE\" {\n    holds ChiefExecutive\n  }\n}\n";
    std::fs::write(dir.join("ashford.regard"), council).unwrap();
    std::fs::write(dir.join(".gitignore"), "target/\n").unwrap();
    for copy in [
        "target/package/ashford.regard",
        "node_modules/x/ashford.regard",
        ".hidden/ashford.regard",
    ] {
        let path = dir.join(copy);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, council).unwrap();
    }
    std::fs::write(dir.join(".ignore"), "node_modules/\n").unwrap();
    let summary = |o: &Output| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .last()
            .unwrap_or("")
            .to_string()
    };
    let o = regard(&["check", ".", "--as-of", "2026-01-01", "--no-stdlib"], &dir);
    assert!(summary(&o).starts_with("checked 1 file (1 council)"), "{}", summary(&o));
    // With --no-ignore, the ignored copies count (and clash); the hidden one still not.
    let o = regard(
        &["check", ".", "--as-of", "2026-01-01", "--no-stdlib", "--no-ignore"],
        &dir,
    );
    assert!(
        summary(&o).starts_with("checked 3 files (3 councils)"),
        "{}",
        summary(&o)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("E0103"));
    // A file named on the command line is read, ignored or not.
    let o = regard(
        &[
            "check",
            "target/package/ashford.regard",
            "--as-of",
            "2026-01-01",
            "--no-stdlib",
        ],
        &dir,
    );
    assert!(summary(&o).starts_with("checked 1 file"), "{}", summary(&o));
    // A folder with no regard file: exit 2, saying so.
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let o = regard(&["check", "empty"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no regard files found under `empty`"),
        "{}",
        stderr(&o)
    );
    // A folder named on the command line is walked, even one `.gitignore` names.
    let o = regard(&["check", "target", "--as-of", "2026-01-01", "--no-stdlib"], &dir);
    assert!(summary(&o).starts_with("checked 1 file"), "{}", summary(&o));
}

/// A file changed while `regard fmt` formats it (here, a council appended while the
/// command pauses between reading the file and replacing it) is left as the other
/// program wrote it: the command refuses, says why, and exits 2. Without the change,
/// the same pause formats the file.
#[test]
fn a_file_changed_while_it_is_formatted_keeps_the_change() {
    let dir = scratch("changed-while-formatted");
    let file = dir.join("councils.regard");
    std::fs::write(&file, MESSY).unwrap();
    let start = || {
        Command::new(env!("CARGO_BIN_EXE_regard"))
            .args(["fmt", "councils.regard"])
            .current_dir(&dir)
            .env("REGARD_TEST_PAUSE_BEFORE_WRITE_MS", "1500")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let child = start();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let appended = "council y \"Y\" {\n}\n";
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new().append(true).open(&file).unwrap();
        f.write_all(appended.as_bytes()).unwrap();
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("`councils.regard`: it changed while it was being formatted"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), format!("{MESSY}{appended}"));
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".regard-tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "the temporary is removed");

    // Unchanged while paused: formatted.
    std::fs::write(&file, MESSY).unwrap();
    let o = start().wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), TIDY);
}

/// `regard report --out` and `regard graph --out` never overwrite what they read: an
/// output that is one of the inputs (by name, through a symbolic link, as another hard
/// link, or a named input whatever its extension), a folder, or a name ending `.regard`
/// is refused before anything is written, `--format` or not, and the refusal does not
/// suggest a way round it that would overwrite the input.
#[test]
#[cfg(unix)]
fn an_output_never_overwrites_an_input() {
    let dir = scratch("output-is-input");
    let council =
        "council x \"X\" {\n  officer chief_executive \"Chief Executive\" {\n    holds ChiefExecutive\n  }\n}\n";
    std::fs::write(dir.join("a.regard"), council).unwrap();
    std::fs::write(dir.join("council.txt"), council).unwrap();
    std::os::unix::fs::symlink(dir.join("a.regard"), dir.join("link.md")).unwrap();
    std::fs::hard_link(dir.join("council.txt"), dir.join("copy.md")).unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();
    let refused = |args: &[&str], says: &str| {
        let o = regard(args, &dir);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(
            !err.contains("--format"),
            "{args:?}: the refusal must not lead to --format: {err}"
        );
    };
    refused(
        &["report", "a.regard", "--out", "a.regard"],
        "is a name for regard files",
    );
    refused(
        &["report", "a.regard", "--out", "a.regard", "--format", "md"],
        "is a name for regard files",
    );
    refused(&["report", ".", "--out", "link.md"], "one of the files being read");
    refused(
        &["report", "council.txt", "--out", "council.txt", "--format", "md"],
        "one of the files being read",
    );
    refused(
        &["report", "council.txt", "--out", "copy.md"],
        "one of the files being read",
    );
    refused(
        &["report", "--guidance", "dcs_lmcs_2013", ".", "--out", "link.md"],
        "one of the files being read",
    );
    refused(&["report", ".", "--out", "out"], "is a folder");
    refused(
        &["graph", "a.regard", "--council", "x", "--out", "a.regard"],
        "is a name for regard files",
    );
    refused(
        &["graph", "council.txt", "--council", "x", "--out", "copy.md"],
        "one of the files being read",
    );
    for input in ["a.regard", "council.txt"] {
        assert_eq!(std::fs::read_to_string(dir.join(input)).unwrap(), council, "{input}");
    }
    // A new file is written.
    let o = regard(&["report", ".", "--out", "report.md"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read_to_string(dir.join("report.md")).unwrap().contains("# X"));
}

/// Folders nested past the system's path limit (2,100 levels: over 4,096 bytes) are not
/// skipped in silence: the folder that cannot be read is named in an E0002 finding, so
/// the check fails rather than passing with a council unread.
#[test]
#[cfg(target_os = "linux")]
fn folders_nested_past_the_path_limit_are_reported_not_skipped() {
    use std::ffi::CString;
    let dir = scratch("deep");
    std::fs::write(dir.join("top.regard"), "council top \"Top\" {\n}\n").unwrap();
    // Made one level at a time, relative to the last, since no path reaches the bottom.
    let name = CString::new("a").unwrap();
    let root = CString::new(dir.to_str().unwrap()).unwrap();
    // SAFETY: plain system calls on descriptors this test owns; each is checked.
    unsafe {
        let mut fd = libc::open(root.as_ptr(), libc::O_DIRECTORY | libc::O_RDONLY);
        assert!(fd >= 0);
        for _ in 0..2100 {
            assert_eq!(libc::mkdirat(fd, name.as_ptr(), 0o755), 0);
            let next = libc::openat(fd, name.as_ptr(), libc::O_DIRECTORY | libc::O_RDONLY);
            assert!(next >= 0);
            libc::close(fd);
            fd = next;
        }
        let file = CString::new("deep.regard").unwrap();
        let out = libc::openat(fd, file.as_ptr(), libc::O_CREAT | libc::O_WRONLY, 0o644);
        assert!(out >= 0);
        let text = b"council deep \"Deep\" {\n}\n";
        assert_eq!(libc::write(out, text.as_ptr().cast(), text.len()), text.len() as isize);
        libc::close(out);
        libc::close(fd);
    }
    let o = regard(&["check", ".", "--format", "concise", "--as-of", "2025-06-01"], &dir);
    assert_ne!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let said: Vec<&str> = out.lines().filter(|l| l.contains("E0002")).collect();
    assert_eq!(said.len(), 1, "{out}");
    assert!(
        said[0].starts_with("./a/a/a/") && said[0].contains("longer than the system allows"),
        "{}",
        said[0]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The language server's walk is bounded: past the most entries it stops and says so,
/// below the deepest level it does not go, and a cancelled walk ends at once.
#[test]
fn a_bounded_walk_stops_at_its_limits() {
    use regard::files::{WalkLimits, WalkStopped, find_bounded};
    use std::sync::atomic::AtomicBool;
    let dir = scratch("bounded-walk");
    for i in 0..50 {
        std::fs::write(dir.join(format!("c{i:02}.regard")), "council x \"X\" {\n}\n").unwrap();
    }
    std::fs::create_dir_all(dir.join("a/b/c")).unwrap();
    std::fs::write(dir.join("a/b/c/deep.regard"), "").unwrap();
    let go = AtomicBool::new(false);
    let paths = [dir];
    let (found, stopped) = find_bounded(&paths, WalkLimits { entries: 10, depth: 64 }, &go).unwrap();
    assert_eq!(stopped, Some(WalkStopped::TooManyEntries(10)));
    assert!(found.len() < 10);
    let (found, stopped) = find_bounded(
        &paths,
        WalkLimits {
            entries: 1000,
            depth: 2,
        },
        &go,
    )
    .unwrap();
    assert_eq!(stopped, Some(WalkStopped::TooDeep(2)));
    assert_eq!(found.len(), 50);
    let (found, stopped) = find_bounded(&paths, WalkLimits::EDITOR, &go).unwrap();
    assert_eq!((found.len(), stopped), (51, None));
    let stop = AtomicBool::new(true);
    let (found, stopped) = find_bounded(&paths, WalkLimits::EDITOR, &stop).unwrap();
    assert_eq!((found.len(), stopped), (0, Some(WalkStopped::Cancelled)));
}
