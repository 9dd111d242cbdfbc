//! Where the time and memory of a check go: reads a folder, then times each phase (the
//! files' summaries, every diagnostic, the JSON) and prints the resident memory after
//! it. With the allocator `regard` itself uses.
//!
//! ```text
//! cargo run --release --example generate -- --councils 10000 --extra-posts 22 --seed 7 --out /tmp/councils
//! cargo run --release --example phases -- /tmp/councils
//! ```

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The resident memory now, and at its peak so far.
fn resident() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map_or("?".into(), |v| v.trim().to_string())
    };
    format!("{} (peak {})", field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: phases FOLDER");
        std::process::exit(2);
    };
    let time = std::time::Instant::now();
    let inputs = regard::files::collect(&[dir.into()]).expect("a folder");
    println!(
        "{:>9.1?}  read {} files, resident {}",
        time.elapsed(),
        inputs.len(),
        resident()
    );
    let time = std::time::Instant::now();
    let options = regard::Options {
        as_of: "2025-06-01".parse().unwrap(),
        stdlib: true,
        as_of_given: false,
    };
    let mut session = regard::Session::new(inputs, options);
    println!(
        "{:>9.1?}  parsed and summarised, resident {}",
        time.elapsed(),
        resident()
    );
    let time = std::time::Instant::now();
    let diagnostics = session.diagnostics();
    println!(
        "{:>9.1?}  {} diagnostics, resident {}",
        time.elapsed(),
        diagnostics.len(),
        resident()
    );
    let time = std::time::Instant::now();
    let json = session.render(regard::Format::Json, &diagnostics, false);
    println!(
        "{:>9.1?}  {} bytes of JSON, resident {}",
        time.elapsed(),
        json.len(),
        resident()
    );
    // As the command line does: the process ends without freeing the session.
    std::mem::forget(session);
}
