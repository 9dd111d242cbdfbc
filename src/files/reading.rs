//! Reading a file, never failing: what cannot be read, is not UTF-8 or is too large
//! becomes contents that say so (later E0002 or E0003); and a path as shown to users.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::Path;

use super::*;

/// Reads a file the user named, never failing: problems become the contents. A FIFO or
/// a device is read as a stream, up to the size limit.
pub fn read(path: &Path) -> Contents {
    read_with(path, false)
}

/// Reads a file found by walking a folder (or reported by an editor's file watcher):
/// only a regular file is read. It is opened without blocking and checked on the open
/// handle, so a FIFO put in its place cannot make regard wait.
pub fn read_found(path: &Path) -> Contents {
    read_with(path, true)
}

fn read_with(path: &Path, regular_only: bool) -> Contents {
    let read = || -> std::io::Result<Contents> {
        let file = match regular_only {
            true => open_without_blocking(path, false)?,
            false => File::open(path)?,
        };
        let meta = file.metadata()?;
        if meta.is_dir() {
            return Ok(Contents::Unreadable("it is a folder".into()));
        }
        if !meta.is_file() && regular_only {
            return Ok(Contents::Unreadable("it is not a regular file".into()));
        }
        if meta.is_file() && meta.len() > MAX_FILE_SIZE as u64 {
            return Ok(Contents::TooLarge(meta.len()));
        }
        // Read at most one byte past the limit, whatever the file claims its size is: a
        // device such as /dev/zero has no end, and a file may grow while it is read.
        let capacity = if meta.is_file() { meta.len() as usize + 1 } else { 8192 };
        let mut bytes = Vec::with_capacity(capacity.min(MAX_FILE_SIZE + 1));
        file.take(MAX_FILE_SIZE as u64 + 1).read_to_end(&mut bytes)?;
        if bytes.len() > MAX_FILE_SIZE {
            // The real size is unknown past the limit; say how much was read.
            return Ok(Contents::TooLarge(bytes.len() as u64));
        }
        Ok(contents_of(bytes))
    };
    read().unwrap_or_else(|e| match e.kind() {
        // Folders nested so deep that the path passes the system's limit (4,096 bytes on
        // Linux): nothing below can be opened by its path.
        std::io::ErrorKind::InvalidFilename => Contents::Unreadable(
            "its path is longer than the system allows, so nothing in it can be read; move its files to a folder nearer the top".into(),
        ),
        _ => Contents::Unreadable(e.to_string()),
    })
}

/// Opens a file for reading without waiting: a FIFO with no writer, or a terminal,
/// opens at once (and never becomes the controlling terminal), so that the caller can
/// look at what it is on the open handle. With `no_follow`, a symbolic link is refused.
pub(super) fn open_without_blocking(path: &Path, no_follow: bool) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let follow = if no_follow { libc::O_NOFOLLOW } else { 0 };
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | follow);
    }
    #[cfg(not(unix))]
    let _ = no_follow;
    options.open(path)
}

/// What a file holding `bytes` gives.
pub fn contents_of(bytes: Vec<u8>) -> Contents {
    if bytes.len() > MAX_FILE_SIZE {
        return Contents::TooLarge(bytes.len() as u64);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Contents::Text(text),
        Err(e) => Contents::NotUtf8 {
            valid_up_to: e.utf8_error().valid_up_to(),
            lossy: String::from_utf8_lossy(e.as_bytes()).into_owned(),
        },
    }
}

/// A path's text: its characters, with each byte that is not UTF-8 written as `\xFF`
/// (so that two different names never show alike). This is the name diagnostics carry:
/// machine formats (JSON, SARIF) write it as it is, and text formats escape it.
pub fn path_text(path: &Path) -> String {
    #[cfg(unix)]
    let text = {
        use std::os::unix::ffi::OsStrExt;
        let mut text = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            text.push_str(chunk.valid());
            for byte in chunk.invalid() {
                text.push_str(&format!("\\x{byte:02X}"));
            }
        }
        text
    };
    #[cfg(not(unix))]
    let text = path.to_string_lossy().replace('\\', "/");
    text
}

/// A path as shown to users in a message: [`path_text`] on one line, with characters
/// unsafe in a terminal, line breaks and tabs escaped.
pub fn display(path: &Path) -> String {
    crate::diagnostics::escape::one_line(&path_text(path)).into_owned()
}
