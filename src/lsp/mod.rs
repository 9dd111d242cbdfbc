//! The language server (`regard lsp`): the same diagnostics as `regard check`, live, with
//! hover, go to definition, references, completion, fixes and the outline of a file.
//!
//! This is the only module that knows the Language Server Protocol. It keeps the
//! workspace (every `*.regard` under the workspace folders, the standard library, and
//! the documents the editor has open, whose text wins over the disk) in the salsa
//! database, sets one file's text on each edit and queries again: salsa recomputes only
//! what depends on the edit. Messages are handled one at a time on one thread, so no
//! database handle outlives a write.
//!
//! Laid out as rust-analyzer's server is: `main_loop.rs` (the handshake, the loop and
//! the dispatch of each message to its handler), `global_state.rs` (the server's state:
//! the session, the files and their URIs, what was published, and publishing),
//! `handlers/` (one function per notification and request, turning protocol types into
//! calls of `crate::ide` and back), `convert.rs` (positions) and `transport.rs`
//! (framing). It reads and writes files only through `crate::files`.

mod convert;
mod global_state;
mod handlers;
mod main_loop;
mod transport;

pub use convert::Encoding;
pub use main_loop::serve;

/// Runs the server over standard input and output until the client says `exit`, or the
/// input ends. Returns the process's exit status.
pub fn run_stdio() -> u8 {
    let stdio = transport::Stdio::start();
    let status = serve(&stdio.connection);
    stdio.join();
    status
}

fn log(message: &str) {
    let _ = std::io::Write::write_fmt(&mut std::io::stderr(), format_args!("regard lsp: {message}\n"));
}
