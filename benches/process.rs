//! The `regard` process as a user runs it: `regard check DIR --format json` on all of
//! England (153 councils) and on 10,000 councils (about 40 MB of source), generated with
//! `Config::national`. Reports the wall time of each run (median and range) and the
//! peak memory, from `/usr/bin/time -v` when it is installed.
//!
//! `cargo bench --bench process` (or `-- 153` for one size). Build in release first:
//! cargo does that for benches.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use regard::generate::{self, Config};

fn main() {
    // `N` councils one a file, or `NxK` with K councils a file.
    let sizes: Vec<(usize, usize)> = std::env::args()
        .skip(1)
        .filter_map(|a| match a.split_once('x') {
            Some((n, k)) => Some((n.parse().ok()?, k.parse().ok()?)),
            None => Some((a.parse().ok()?, 1)),
        })
        .collect();
    let sizes = if sizes.is_empty() {
        vec![(153, 1), (10_000, 1), (10_000, 10), (10_000, 100)]
    } else {
        sizes
    };
    for (councils, per_file) in sizes {
        let dir = write_councils(councils, per_file);
        let bytes: u64 = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum();
        let runs = if councils <= 1000 { 30 } else { 10 };
        // One run first, so that every measured run finds the files in the page cache.
        check(&dir);
        let mut times: Vec<Duration> = (0..runs).map(|_| check(&dir)).collect();
        times.sort();
        let median = times[times.len() / 2];
        println!(
            "{councils} councils, {per_file} a file ({:.1} MB): median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms over {runs} runs; peak memory {}",
            bytes as f64 / 1e6,
            ms(median),
            ms(times[0]),
            ms(times[times.len() - 1]),
            peak_memory(&dir).unwrap_or_else(|| "not measured (no /usr/bin/time)".into()),
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Writes the councils once, `per_file` to a file, to a folder kept between runs of the
/// benchmark.
fn write_councils(councils: usize, per_file: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("regard-process-bench-{councils}x{per_file}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let generated = generate::councils(Config::national(councils, 7));
        for (i, group) in generated.chunks(per_file.max(1)).enumerate() {
            let text: Vec<&str> = group.iter().map(|g| g.text.as_str()).collect();
            let name = match per_file {
                1 => group[0].path.clone(),
                _ => format!("part_{i:05}.regard"),
            };
            std::fs::write(dir.join(name), text.join("\n")).unwrap();
        }
        std::fs::write(&done, "").unwrap();
    }
    dir
}

fn command(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_regard"));
    command
        .args(["check", "--as-of", "2025-06-01", "--format", "json"])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// One whole run of the process.
fn check(dir: &Path) -> Duration {
    let started = Instant::now();
    let status = command(dir).status().expect("regard runs");
    let elapsed = started.elapsed();
    // Exit status 1 is expected: some generated councils have errors.
    assert!(matches!(status.code(), Some(0 | 1)), "regard failed: {status}");
    elapsed
}

/// The peak resident memory of one run, as `/usr/bin/time -v` reports it.
fn peak_memory(dir: &Path) -> Option<String> {
    let inner = command(dir);
    let output = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(inner.get_program())
        .args(inner.get_args())
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let report = String::from_utf8_lossy(&output.stderr);
    let kb: f64 = report
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes): "))?
        .parse()
        .ok()?;
    Some(format!("{:.0} MB", kb / 1024.0))
}
