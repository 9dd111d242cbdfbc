//! Reading and writing the files a user names: the edge where the file system meets the
//! pipeline, and the only code that touches it.
//!
//! A path that does not exist is an error for the command (exit 2); a file that is
//! found but cannot be read, is not UTF-8 or is too large becomes an input whose
//! contents say so, and later a diagnostic (E0002, E0003).
//!
//! Nothing a user wrote may be lost, and nothing regard writes may land anywhere but
//! where it was asked to go:
//! - files are handled by their real paths; the name shown is for display only, so two
//!   files that display alike are still two files;
//! - a file found by walking a folder is read only if it is a regular file, checked on
//!   the open handle (a FIFO swapped in while the folder is walked cannot hang regard); a
//!   file named on the command line may be a FIFO or a device (`regard check <(...)`),
//!   and is read only up to the size limit;
//! - a file is replaced through a temporary file beside it, written in full and synced
//!   before it is renamed over the file; the temporary is removed on every error, on
//!   SIGINT, SIGTERM and SIGHUP, and by a later run if a crash left it behind;
//! - `regard fmt` rewrites only regular files that are writable, have one link, and whose
//!   owner and group it can keep; it refuses the others with a message.
//!
//! Laid out by what it does: [`find`] (walking folders), [`reading`] (reading, never
//! failing), [`writing`] (replacing and writing), [`private`] (regard's own files) and
//! [`watch`] (watching folders for `regard check --watch`).

mod find;
mod private;
mod reading;
mod watch;
mod writing;

pub use find::*;
pub use private::*;
pub use reading::*;
pub use watch::*;
pub use writing::*;

use crate::Input;
use crate::base::Contents;
use crate::syntax::MAX_FILE_SIZE;
