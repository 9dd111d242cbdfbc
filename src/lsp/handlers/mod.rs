//! One function per notification and request the server handles, as methods of the
//! server's state; `main_loop.rs` dispatches to them by method.

mod notifications;
mod requests;

pub(super) use requests::{BREAKS_COMMAND, token_legend};
