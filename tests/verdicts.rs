//! Every change of verdict since language version 1, held as a test (language-v2.md
//! section 3; the standard library of version 3 adds Working Together's rules). `tests/verdicts/` keeps the version-1 standard library
//! (`v1/stdlib`), the shipped examples as they were (`examples/`), 40 councils from the
//! generator as it was (`councils/`), and the findings version 1 made of them on
//! 2026-01-01 (`v1/*.findings`, recorded with the release build of cf1c8f5). This test
//! checks the same files with today's regard and compares: the difference must be
//! exactly `changes.txt`, whose every line CHANGELOG.md explains by rule. A change of
//! verdict nobody wrote down fails here.

use std::collections::BTreeSet;
use std::path::PathBuf;

mod common;

use common::{regard, stdout};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/verdicts")
}

/// `file:line:column code severity`, one line per finding.
fn findings_now(set: &str) -> BTreeSet<String> {
    let o = regard(&["check", set, "--as-of", "2026-01-01", "--format", "json"], &dir());
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {}",
                d["file"].as_str().unwrap(),
                d["range"]["start"]["line"],
                d["range"]["start"]["column"],
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap()
            )
        })
        .collect()
}

fn lines(path: &str) -> BTreeSet<String> {
    std::fs::read_to_string(dir().join(path))
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_change_of_verdict_since_version_1_is_written_down() {
    let mut changes = BTreeSet::new();
    for set in ["examples", "councils"] {
        let before = lines(&format!("v1/{set}.findings"));
        let now = findings_now(set);
        changes.extend(before.difference(&now).map(|l| format!("- {l}")));
        changes.extend(now.difference(&before).map(|l| format!("+ {l}")));
    }
    let expected = lines("changes.txt");
    let unexplained: Vec<&String> = changes.difference(&expected).collect();
    let gone: Vec<&String> = expected.difference(&changes).collect();
    assert!(
        unexplained.is_empty() && gone.is_empty(),
        "changes of verdict not in tests/verdicts/changes.txt:\n{}\n\nlisted there but no longer so:\n{}",
        unexplained.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
        gone.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
}
