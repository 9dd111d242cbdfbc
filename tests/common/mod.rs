//! Helpers shared by the test files that run the `regard` binary or need a scratch
//! folder. Each test file that uses them says `mod common;`; a file need not use them
//! all.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the `regard` binary with `args` in `dir`.
pub fn regard(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_regard"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("regard runs")
}

/// A fresh, empty folder `name` under the target directory, in a folder of the test
/// file's own, by its canonical path.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(env!("CARGO_CRATE_NAME"))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    std::fs::canonicalize(&dir).expect("a scratch folder")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
