//! The `regard` binary: the command line is `cli`.

use std::process::ExitCode;

mod cli;

/// mimalloc rather than the system allocator: checking allocates many small objects on
/// several threads at once, where glibc's allocator spends much of its time growing and
/// locking its arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
