//! The VS Code extension's grammar, tokenized by VS Code's own TextMate engine
//! (vscode-textmate and vscode-oniguruma, in Node): editors/vscode/test/tokenize.js. Needs
//! Node and `npm ci` in editors/vscode (done by .ci/run); skipped without them, except
//! under CI=true.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn the_textmate_grammar_scopes_the_examples() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("editors/vscode");
    let ready =
        dir.join("node_modules/vscode-textmate").is_dir() && Command::new("node").arg("--version").output().is_ok();
    if !ready {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs node and `npm ci` in editors/vscode (.ci/run does both)"
        );
        eprintln!("skipped: run `npm ci` in editors/vscode first");
        return;
    }
    let output = Command::new("node")
        .arg("test/tokenize.js")
        .current_dir(&dir)
        .output()
        .expect("node runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{report}");
    assert!(report.contains(": 0 failures"), "{report}");
}
