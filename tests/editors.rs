//! The VS Code extension: its grammar, tokenized by VS Code's own TextMate engine
//! (vscode-textmate and vscode-oniguruma, in Node: editors/vscode/test/tokenize.js), and how
//! it finds regard without a setting (editors/vscode/test/find.js). Needs Node and `npm ci`
//! in editors/vscode (done by .ci/run); skipped without them, except under CI=true. The
//! package itself (`vsce package`) is built by .ci/run.

use std::path::PathBuf;
use std::process::Command;

/// The extension's folder, when Node and its modules are there to run its tests.
fn ready() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("editors/vscode");
    let ready =
        dir.join("node_modules/vscode-textmate").is_dir() && Command::new("node").arg("--version").output().is_ok();
    if !ready {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs node and `npm ci` in editors/vscode (.ci/run does both)"
        );
        eprintln!("skipped: run `npm ci` in editors/vscode first");
        return None;
    }
    Some(dir)
}

/// Runs one of the extension's Node tests and returns what it printed.
fn node_test(dir: &std::path::Path, script: &str) -> String {
    let output = Command::new("node")
        .arg(script)
        .current_dir(dir)
        .output()
        .expect("node runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{report}");
    report
}

#[test]
fn the_textmate_grammar_scopes_the_examples() {
    let Some(dir) = ready() else { return };
    let report = node_test(&dir, "test/tokenize.js");
    assert!(report.contains(": 0 failures"), "{report}");
}

#[test]
fn the_extension_finds_regard_without_a_setting() {
    let Some(dir) = ready() else { return };
    let report = node_test(&dir, "test/find.js");
    assert!(report.contains("find: ok"), "{report}");
}
