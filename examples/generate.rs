//! Writes generated councils to a folder, for trying regard at scale:
//!
//! ```text
//! cargo run --release --example generate -- --councils 1000 --seed 7 --problem-rate 0.1 --out /tmp/councils
//! cargo run --release -- check /tmp/councils
//! ```

use std::path::PathBuf;

use clap::Parser;
use regard::generate::{self, Config};

#[derive(Parser)]
#[command(about = "Write N generated councils, one a file")]
struct Args {
    /// How many councils
    #[arg(long, default_value_t = 100)]
    councils: usize,
    /// The seed: the same seed writes the same councils
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The chance, per kind of problem, that a council has it (0.0 to 1.0)
    #[arg(long, default_value_t = 0.1)]
    problem_rate: f64,
    /// Further posts per council beyond the statutory and usual ones
    #[arg(long, default_value_t = 8)]
    extra_posts: usize,
    /// How many councils to write to each file (national data may come in any layout)
    #[arg(long, default_value_t = 1)]
    per_file: usize,
    /// The folder to write into (created if missing)
    #[arg(long)]
    out: PathBuf,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    std::fs::create_dir_all(&args.out)?;
    let config = Config {
        councils: args.councils,
        seed: args.seed,
        problem_rate: args.problem_rate.clamp(0.0, 1.0),
        extra_posts: args.extra_posts,
    };
    let mut bytes = 0;
    let councils = generate::councils(config);
    for (i, group) in councils.chunks(args.per_file.max(1)).enumerate() {
        let text: String = group.iter().map(|g| g.text.as_str()).collect::<Vec<_>>().join("\n");
        bytes += text.len();
        let path = match args.per_file {
            0 | 1 => group[0].path.clone(),
            _ => format!("part_{i:05}.regard"),
        };
        std::fs::write(args.out.join(path), text)?;
    }
    eprintln!(
        "wrote {} councils ({bytes} bytes) to {}",
        args.councils,
        args.out.display()
    );
    Ok(())
}
