//! Reading the files a user names: the edge where the file system meets the pipeline.
//!
//! A path that does not exist is an error for the command (exit 2); a file that is
//! found but cannot be read, is not UTF-8 or is too large becomes an input whose
//! contents say so, and later a diagnostic (E0002, E0003).

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Input;
use crate::db::Contents;
use crate::syntax::MAX_FILE_SIZE;

/// The files named by `paths`: each file as given, and every `*.regard` below each
/// folder (hidden folders skipped, symbolic links not followed), sorted by path.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    Ok(find(paths)?
        .into_iter()
        .map(|(shown, path)| Input {
            path: shown,
            contents: read(&path),
        })
        .collect())
}

/// The files [`collect`] reads, unread: each as shown to the user and as found on disk.
pub fn find(paths: &[PathBuf]) -> Result<Vec<(String, PathBuf)>, String> {
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("`{}` does not exist", path.display()),
            _ => format!("cannot read `{}`: {e}", path.display()),
        })?;
        if meta.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "regard") => {
                        found.push((display(e.path()), e.path().to_path_buf()));
                    }
                    Ok(_) => {}
                    Err(e) => {
                        if let Some(p) = e.path() {
                            found.push((display(p), p.to_path_buf()));
                        }
                    }
                }
            }
        } else {
            found.push((display(path), path.clone()));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let mut seen = HashSet::new();
    found.retain(|(_, path)| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    Ok(found)
}

/// Creates a file with `contents`, and the folders above it if need be; fails with
/// `AlreadyExists`, writing nothing, if the file exists.
pub fn create_new(path: &Path, contents: &str) -> std::io::Result<()> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()
}

/// Replaces a file's contents atomically: the new text goes to a temporary file beside
/// the file, which takes the file's permissions and is then renamed over it, so that a
/// reader sees the old text or the new, never a mixture. A symbolic link is followed, and
/// the file it points at replaced.
pub fn replace(path: &Path, contents: &str) -> std::io::Result<()> {
    let path = std::fs::canonicalize(path)?;
    let permissions = std::fs::metadata(&path)?.permissions();
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".regard-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temporary.write_all(contents.as_bytes())?;
    temporary.as_file().sync_all()?;
    temporary.as_file().set_permissions(permissions)?;
    temporary.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

/// Reads one file, never failing: problems become the contents.
pub fn read(path: &Path) -> Contents {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_SIZE as u64 => return Contents::TooLarge(meta.len()),
        Ok(meta) if meta.is_dir() => return Contents::Unreadable("it is a folder".into()),
        _ => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => contents_of(bytes),
        Err(e) => Contents::Unreadable(e.to_string()),
    }
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
        },
    }
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
