//! What CI systems and hooks run: the pre-commit hooks of `.pre-commit-hooks.yaml`, run
//! by their own `entry` lines, and the check step of the GitHub Action (`action.yml` runs
//! `action/check.sh`), run with the environment a runner gives it. The container image is
//! built and smoke-tested by `.ci/run` where docker is available.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::scratch;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `PATH` with the regard under test first, as `cargo install` or the action leaves it.
fn path_with_regard() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_regard")).parent().unwrap();
    let rest = std::env::var("PATH").unwrap_or_default();
    format!("{}:{rest}", bin.display())
}

/// A council that meets the guidance (on the date the tests check at).
const CLEAN: &str = include_str!("../examples/riverside.regard");
const AS_OF: &str = "2026-11-23";

/// The council with its DCS off the Health and Wellbeing Board: an error.
fn broken() -> String {
    let broken = CLEAN.replacen(
        "    member_of SafeguardingPartnership, HealthAndWellbeingBoard\n    responsible_for education, childrens_social_care, send\n",
        "    responsible_for education, childrens_social_care, send\n",
        1,
    );
    assert_ne!(broken, CLEAN);
    broken.replace("council riverside", "council broken")
}

/// The council with its Lead Member reporting to no one: a warning only.
fn warned() -> String {
    let warned = CLEAN.replacen("    reports_to Mayor\n", "", 1);
    assert_ne!(warned, CLEAN);
    warned
}

/// One hook of `.pre-commit-hooks.yaml`: the fields these tests rely on.
#[derive(Debug, Default)]
struct Hook {
    id: String,
    entry: String,
    files: String,
    pass_filenames: bool,
}

/// Reads the hooks file's flat list of hooks (one level of `key: value` per hook, which is
/// all the file uses).
fn hooks() -> Vec<Hook> {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let mut hooks: Vec<Hook> = Vec::new();
    for line in text.lines() {
        let line = line.split(" #").next().unwrap();
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (is_new, field) = match line.strip_prefix("- ") {
            Some(rest) => (true, rest),
            None => (false, line.trim_start()),
        };
        if is_new {
            hooks.push(Hook {
                pass_filenames: true,
                ..Hook::default()
            });
        }
        let (key, value) = field.split_once(':').expect("a `key: value` line");
        let value = value.trim().trim_matches('"').to_string();
        let hook = hooks.last_mut().expect("a field inside a hook");
        match key.trim() {
            "id" => hook.id = value,
            "entry" => hook.entry = value,
            "files" => hook.files = value,
            "pass_filenames" => hook.pass_filenames = value == "true",
            _ => {}
        }
    }
    hooks
}

/// Runs a hook as pre-commit does: its entry, the `args` a user gives it, then the staged
/// files that match `files` when `pass_filenames` is on.
fn run_hook(hook: &Hook, args: &[&str], dir: &Path, staged: &[&str]) -> Output {
    let mut words = hook.entry.split_whitespace();
    let program = words.next().unwrap();
    assert_eq!(program, "regard", "hook `{}` runs regard", hook.id);
    let mut command = Command::new(env!("CARGO_BIN_EXE_regard"));
    command.args(words).args(args).current_dir(dir).env("NO_COLOR", "1");
    if hook.pass_filenames {
        let pattern = hook.files.trim_start_matches('\\').trim_end_matches('$');
        command.args(staged.iter().filter(|f| f.ends_with(pattern)));
    }
    command.output().expect("the hook runs")
}

#[test]
fn the_pre_commit_hooks_check_and_format() {
    let hooks = hooks();
    let ids: Vec<&str> = hooks.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["regard-check", "regard-fmt"]);
    for hook in &hooks {
        assert_eq!(hook.files, "\\.regard$", "hook `{}` runs for .regard files", hook.id);
    }
    let check = &hooks[0];
    let fmt = &hooks[1];

    // regard-check fails the commit on an error, and passes, saying nothing, when clean.
    let dir = scratch("hook-check");
    std::fs::write(dir.join("clean.regard"), CLEAN).unwrap();
    let o = run_hook(check, &["--as-of", AS_OF], &dir, &["clean.regard"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(o.stdout.is_empty(), "a clean check says nothing: {o:?}");
    std::fs::write(dir.join("broken.regard"), broken()).unwrap();
    let o = run_hook(check, &["--as-of", AS_OF], &dir, &["broken.regard"]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("broken.regard"), "{out}");
    // Files ignored by the repository are not checked (a copy under target/).
    let dir = scratch("hook-check-ignored");
    std::fs::write(dir.join(".ignore"), "target/\n").unwrap();
    std::fs::write(dir.join("clean.regard"), CLEAN).unwrap();
    std::fs::create_dir_all(dir.join("target")).unwrap();
    std::fs::write(dir.join("target/broken.regard"), broken()).unwrap();
    let o = run_hook(check, &["--as-of", AS_OF], &dir, &["clean.regard"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");

    // regard-fmt rewrites the staged files it is given, keeping their comments, and
    // leaves other files alone.
    let dir = scratch("hook-fmt");
    let messy = CLEAN.replacen("    holds DPH\n", "holds    DPH // the director\n", 1);
    std::fs::write(dir.join("messy.regard"), &messy).unwrap();
    std::fs::write(dir.join("other.regard"), &messy).unwrap();
    std::fs::write(dir.join("notes.txt"), "holds    DCS").unwrap();
    let o = run_hook(fmt, &[], &dir, &["messy.regard", "notes.txt"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let tidy = std::fs::read_to_string(dir.join("messy.regard")).unwrap();
    assert_ne!(tidy, messy, "the staged file is formatted");
    assert!(tidy.contains("    holds DPH // the director\n"), "{tidy}");
    assert_eq!(std::fs::read_to_string(dir.join("other.regard")).unwrap(), messy);
    assert_eq!(std::fs::read_to_string(dir.join("notes.txt")).unwrap(), "holds    DCS");
}

/// Runs the action's check step with the environment a GitHub runner gives it.
fn run_action(dir: &Path, paths: &str, extra: &[(&str, &str)]) -> (Output, String, PathBuf) {
    let outputs = dir.join("github-output");
    let sarif = dir.join("regard.sarif");
    let _ = std::fs::remove_file(&outputs);
    let _ = std::fs::remove_file(&sarif);
    let mut command = Command::new("bash");
    command
        .arg(root().join("action/check.sh"))
        .current_dir(dir)
        .env("PATH", path_with_regard())
        .env("REGARD_PATHS", paths)
        .env("REGARD_SARIF", &sarif)
        .env("GITHUB_OUTPUT", &outputs)
        .env("REGARD_AS_OF", AS_OF)
        .env("NO_COLOR", "1");
    for (key, value) in extra {
        command.env(key, value);
    }
    let o = command.output().expect("the action's script runs");
    let written = std::fs::read_to_string(&outputs).unwrap_or_default();
    (o, written, sarif)
}

#[test]
fn the_action_marks_findings_and_writes_sarif() {
    let dir = scratch("action");
    std::fs::create_dir_all(dir.join("councils/clean")).unwrap();
    std::fs::create_dir_all(dir.join("councils/broken")).unwrap();
    std::fs::write(dir.join("councils/clean/clean.regard"), CLEAN).unwrap();
    std::fs::write(dir.join("councils/broken/broken.regard"), broken()).unwrap();

    // Findings: annotations on their lines, a SARIF log, and the check fails.
    let (o, outputs, sarif) = run_action(&dir, "councils", &[]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("::error file=councils/broken/broken.regard,line=")),
        "{out}"
    );
    assert!(outputs.contains("exit-status=1\n"), "{outputs}");
    assert!(outputs.contains(&format!("sarif={}\n", sarif.display())), "{outputs}");
    let log: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty(), "{log}");

    // Several paths, separated by spaces; a clean folder passes.
    std::fs::create_dir_all(dir.join("councils/also")).unwrap();
    std::fs::write(
        dir.join("councils/also/fenmarsh.regard"),
        include_str!("../examples/fenmarsh.regard"),
    )
    .unwrap();
    let (o, outputs, _) = run_action(&dir, "councils/clean  councils/also/fenmarsh.regard", &[]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(outputs.contains("exit-status=0\n"), "{outputs}");

    // Warnings fail the check only when asked.
    std::fs::write(dir.join("councils/clean/clean.regard"), warned()).unwrap();
    let check = Command::new(env!("CARGO_BIN_EXE_regard"))
        .args(["check", "councils/clean", "--format", "json", "--as-of", AS_OF])
        .current_dir(&dir)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let severities: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["severity"].as_str().unwrap())
        .collect();
    if !severities.is_empty() && severities.iter().all(|s| *s != "error") {
        let (o, _, _) = run_action(&dir, "councils/clean", &[]);
        assert_eq!(o.status.code(), Some(0), "{o:?}");
        let (o, _, _) = run_action(&dir, "councils/clean", &[("REGARD_DENY", "warnings")]);
        assert_eq!(o.status.code(), Some(1), "{o:?}");
    } else {
        panic!("the edited council should have warnings only: {severities:?}");
    }

    // A folder that holds no regard file is an error, not a pass, and no SARIF is kept.
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let (o, outputs, sarif) = run_action(&dir, "empty", &[]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(outputs.contains("exit-status=2\n"), "{outputs}");
    assert!(!sarif.exists());
}

/// The action's steps use only inputs it declares, and run the script tested above.
#[test]
fn the_action_declares_what_it_uses() {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    assert!(text.contains("using: composite"));
    assert!(text.contains("$GITHUB_ACTION_PATH/action/check.sh"));
    assert!(text.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""));
    assert!(text.contains("github/codeql-action/upload-sarif@"));
    let declared: Vec<&str> = text
        .split("\ninputs:\n")
        .nth(1)
        .unwrap()
        .split("\noutputs:")
        .next()
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && l.ends_with(':'))
        .map(|l| l.trim().trim_end_matches(':'))
        .collect();
    assert_eq!(declared, ["paths", "as-of", "deny-warnings", "upload-sarif"]);
    for used in text.split("inputs.").skip(1) {
        let name: String = used
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        assert!(declared.contains(&name.as_str()), "`inputs.{name}` is not declared");
    }
    // The cache key step runs, and gives a key that follows the source.
    let key_step = text
        .split("id: key")
        .nth(1)
        .unwrap()
        .split("run: |\n")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    let script: String = key_step.lines().map(|l| format!("{}\n", l.trim_start())).collect();
    let outputs = scratch("action-key").join("github-output");
    let o = Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .env("GITHUB_ACTION_PATH", root())
        .env("GITHUB_OUTPUT", &outputs)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let written = std::fs::read_to_string(&outputs).unwrap();
    let hash = written.trim().strip_prefix("hash=").unwrap();
    assert!(
        hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{written}"
    );

    // Every input reaches the script through the environment, never spliced into it.
    for line in text.lines().filter(|l| l.trim_start().starts_with("run:")) {
        assert!(!line.contains("${{"), "an expression in a run line: {line}");
    }
}
