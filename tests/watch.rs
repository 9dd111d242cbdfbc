//! `regard check --watch` as a user runs it: it checks, then checks again after each
//! change, and only what the change touches: editing one council of 1,000 re-checks that
//! one file, by salsa's own log of the queries it executed.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use common::scratch;
use regard::generate::{self, Config};

/// A running `regard check --watch`, killed when dropped.
struct Watching {
    child: Child,
    /// The status lines (`[watch] ...`) it writes to standard error.
    status: Receiver<String>,
    /// What it writes to standard output.
    findings: Receiver<String>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watching {
    fn start(dir: &Path, args: &[&str]) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_regard"))
            .args(["check", "--watch", "--as-of", "2025-06-01", "--format", "concise"])
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("regard runs");
        let lines = |stream: Box<dyn std::io::Read + Send>| {
            let (send, receive) = mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if send.send(line).is_err() {
                        break;
                    }
                }
            });
            receive
        };
        let status = lines(Box::new(child.stderr.take().unwrap()));
        let findings = lines(Box::new(child.stdout.take().unwrap()));
        Watching {
            child,
            status,
            findings,
        }
    }

    /// The next status line, waiting up to two minutes (the first check of 1,000 councils
    /// in a debug build takes a while).
    fn next_status(&self) -> String {
        self.status
            .recv_timeout(Duration::from_secs(120))
            .expect("regard --watch reports each run")
    }

    /// Everything written to standard output so far.
    fn findings_so_far(&self) -> Vec<String> {
        self.findings.try_iter().collect()
    }

    /// Asserts that no further run happens within a second.
    fn assert_quiet(&self) {
        if let Ok(line) = self.status.recv_timeout(Duration::from_secs(1)) {
            panic!("an unexpected run: {line}");
        }
    }
}

/// Writes `text` to `path` as editors do: into a hidden file beside it, then renamed over it.
fn save(path: &Path, text: &str) {
    let temporary = path.with_file_name(format!(".{}.swp", path.file_name().unwrap().to_string_lossy()));
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, path).unwrap();
}

#[test]
fn editing_one_of_a_thousand_councils_rechecks_one_file() {
    let dir = scratch("watch-thousand");
    let councils = generate::councils(Config {
        councils: 1000,
        seed: 3,
        problem_rate: 0.0,
        extra_posts: 2,
    });
    for council in &councils {
        let path = dir.join(&council.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &council.text).unwrap();
    }
    let files: Vec<PathBuf> = councils.iter().map(|c| dir.join(&c.path)).collect();
    let watching = Watching::start(&dir, &["."]);
    let first = watching.next_status();
    assert!(
        first.starts_with("[watch] checked 1000 files and the standard library's"),
        "{first}"
    );

    // An edit that changes no name: that file alone is checked again.
    let edited = &files[417];
    let text = std::fs::read_to_string(edited).unwrap();
    let renamed = text.replacen("holder \"", "holder \"Dr ", 1);
    assert_ne!(renamed, text, "the generated council names a holder");
    save(edited, &renamed);
    let status = watching.next_status();
    let shown = format!("`./{}` changed", councils[417].path);
    assert!(status.contains(&shown), "{status}");
    // The thousand councils and the standard library's files.
    let of_all = format!("re-checked 1 of {} files", 1000 + regard::stdlib::FILES.len());
    assert!(status.contains(&of_all), "{status}");

    // An edit that breaks the council: its finding is shown.
    let broken = renamed.replacen(", DCS", ", DSC", 1);
    assert_ne!(broken, renamed);
    let _ = watching.findings_so_far();
    save(edited, &broken);
    let status = watching.next_status();
    assert!(status.contains(&of_all), "{status}");
    std::thread::sleep(Duration::from_millis(200));
    let findings = watching.findings_so_far();
    assert!(
        findings
            .iter()
            .any(|l| l.starts_with(&format!("./{}:", councils[417].path)) && l.contains("DSC")),
        "{findings:?}"
    );

    // Saving the same text again checks nothing.
    save(edited, &broken);
    watching.assert_quiet();
}

#[test]
fn files_that_come_or_go_are_checked_and_ignored_ones_are_not() {
    let dir = scratch("watch-come-go");
    let riverside = include_str!("../examples/riverside.regard");
    std::fs::write(dir.join("riverside.regard"), riverside).unwrap();
    std::fs::write(dir.join(".gitignore"), "build/\n").unwrap();
    std::fs::create_dir_all(dir.join("build")).unwrap();
    let watching = Watching::start(&dir, &["."]);
    let first = watching.next_status();
    assert!(first.starts_with("[watch] checked 1 file"), "{first}");

    // A file in an ignored folder is neither read nor a reason to run.
    std::fs::write(dir.join("build/copy.regard"), riverside).unwrap();
    watching.assert_quiet();

    // A new folder with a new file: both are seen; the same council twice is an error.
    std::fs::create_dir_all(dir.join("more")).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    save(&dir.join("more/again.regard"), riverside);
    let mut status = watching.next_status();
    // The folder may be seen before the file is in it, in a run of its own.
    while !status.contains("was added") {
        status = watching.next_status();
    }
    assert!(status.contains("`./more/again.regard` was added"), "{status}");
    std::thread::sleep(Duration::from_millis(200));
    let findings = watching.findings_so_far();
    assert!(findings.iter().any(|l| l.contains("error[E0103]")), "{findings:?}");

    // Removing it clears the error.
    std::fs::remove_file(dir.join("more/again.regard")).unwrap();
    let status = watching.next_status();
    assert!(status.contains("`./more/again.regard` was removed"), "{status}");
    std::thread::sleep(Duration::from_millis(200));
    let findings = watching.findings_so_far();
    assert!(!findings.iter().any(|l| l.contains("E0103")), "{findings:?}");

    // A folder removed and made again at once (a branch switched) is watched afresh: an
    // edit in it afterwards is seen.
    std::fs::remove_dir_all(dir.join("more")).unwrap();
    std::fs::create_dir_all(dir.join("more")).unwrap();
    let fenmarsh = include_str!("../examples/fenmarsh.regard");
    std::fs::write(dir.join("more/fenmarsh.regard"), fenmarsh).unwrap();
    let mut status = watching.next_status();
    while !status.contains("fenmarsh") {
        status = watching.next_status();
    }
    std::thread::sleep(Duration::from_millis(300));
    save(&dir.join("more/fenmarsh.regard"), &format!("{fenmarsh}// edited\n"));
    let status = watching.next_status();
    assert!(status.contains("`./more/fenmarsh.regard` changed"), "{status}");
}

#[test]
fn watch_refuses_standard_input_and_missing_paths() {
    let dir = scratch("watch-refusals");
    let o = Command::new(env!("CARGO_BIN_EXE_regard"))
        .args(["check", "--watch", "-"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("standard input"), "{o:?}");
    let o = Command::new(env!("CARGO_BIN_EXE_regard"))
        .args(["check", "--watch", "nowhere"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("`nowhere` does not exist"),
        "{o:?}"
    );
}

/// `--watch` says what `regard check` would say on the same tree, every time: a folder
/// given that is emptied is "no regard files found" (as `check` exits 2 on it), a folder
/// given that is removed does not exist, and once it is made again the watch reports
/// again, though its own watch went with it.
#[test]
fn watch_says_what_check_would_when_folders_empty_go_and_come_back() {
    let dir = scratch("watch-folders-go");
    let councils = dir.join("councils");
    std::fs::create_dir_all(councils.join("sub")).unwrap();
    save(&councils.join("a.regard"), "council x \"X\" {\n}\n");
    save(&councils.join("sub/b.regard"), "council y \"Y\" {\n}\n");
    let watching = Watching::start(&dir, &["councils", "councils/sub"]);
    assert!(watching.next_status().contains("checked 2 files"));

    std::fs::remove_file(councils.join("sub/b.regard")).unwrap();
    let status = watching.next_status();
    assert!(
        status.contains("no regard files found under `councils/sub`"),
        "{status}"
    );
    let o = common::regard(&["check", "councils", "councils/sub", "--as-of", "2025-06-01"], &dir);
    assert_eq!(o.status.code(), Some(2));

    std::fs::remove_dir_all(&councils).unwrap();
    let status = watching.next_status();
    assert!(
        status.contains("`councils` does not exist") || status.contains("`councils/sub` does not exist"),
        "{status}"
    );
    while let Ok(more) = watching.status.recv_timeout(Duration::from_millis(700)) {
        assert!(more.contains("does not exist"), "{more}");
    }

    std::fs::create_dir_all(councils.join("sub")).unwrap();
    save(&councils.join("a.regard"), "council x \"X\" {\n}\n");
    save(&councils.join("sub/b.regard"), "council y \"Y\" {\n}\n");
    let mut status = watching.next_status();
    // The folder may be seen before its files are: wait for the run that has them.
    while !status.contains("re-checked") {
        status = watching.next_status();
    }
    assert!(
        !status.contains("does not exist") && !status.contains("no regard files"),
        "{status}"
    );
}
