//! Puts the commit and its date into `regard --version` when regard is built from a git
//! clone ("0.1.0 (241f289 2026-11-28)"); a build from a packaged crate, or without git,
//! says the version alone. A build without `.git` (a container image) can be given them
//! in `REGARD_COMMIT` and `REGARD_COMMIT_DATE`.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && !text.is_empty()).then(|| text.to_string())
}

fn main() {
    let version = env!("CARGO_PKG_VERSION");
    let given = |name: &str| std::env::var(name).ok().filter(|value| !value.trim().is_empty());
    let long = match (
        given("REGARD_COMMIT").or_else(|| git(&["rev-parse", "--short=9", "HEAD"])),
        given("REGARD_COMMIT_DATE").or_else(|| git(&["log", "-1", "--format=%cs"])),
    ) {
        (Some(commit), Some(date)) => format!("{version} ({commit} {date})"),
        _ => version.to_string(),
    };
    println!("cargo:rustc-env=REGARD_VERSION={long}");
    // Rebuild the version when the commit changes.
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        println!("cargo:rerun-if-changed={dir}/HEAD");
        println!("cargo:rerun-if-changed={dir}/refs/heads");
    }
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=REGARD_COMMIT");
    println!("cargo:rerun-if-env-changed=REGARD_COMMIT_DATE");
}
