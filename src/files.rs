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
/// folder (hidden folders skipped, symbolic links not followed), sorted by path. Files
/// are read on all cores.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    let found = find(paths)?;
    Ok(crate::parallel::map(
        &found,
        64,
        || (),
        |(), (shown, path)| Input {
            path: shown.clone(),
            contents: read(path),
        },
    ))
}

/// The files [`collect`] reads, unread: each as shown to the user and as found on disk.
/// A file named twice (directly, or through overlapping folders) is listed once.
pub fn find(paths: &[PathBuf]) -> Result<Vec<(String, PathBuf)>, String> {
    // Each file with the path that identifies it: the canonical path of the folder given,
    // joined with the file's path below it (no links are followed below it), so that
    // only the paths given need resolving, not every file.
    let mut found: Vec<(String, PathBuf, PathBuf)> = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("`{}` does not exist", path.display()),
            _ => format!("cannot read `{}`: {e}", path.display()),
        })?;
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if !meta.is_dir() {
            found.push((display(path), path.clone(), canonical));
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let p = match &entry {
                Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "regard") => e.path(),
                Ok(_) => continue,
                Err(e) => match e.path() {
                    Some(p) => p,
                    None => continue,
                },
            };
            let key = canonical.join(p.strip_prefix(path).unwrap_or(p));
            found.push((display(p), p.to_path_buf(), key));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let mut seen = HashSet::new();
    found.retain(|(_, _, key)| seen.insert(key.clone()));
    Ok(found.into_iter().map(|(shown, path, _)| (shown, path)).collect())
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

/// Writes an output file (a report, a chart): replaces it atomically if it exists, and
/// creates it otherwise.
pub fn write_output(path: &Path, contents: &str) -> std::io::Result<()> {
    if path.exists() {
        replace(path, contents)
    } else {
        std::fs::write(path, contents)
    }
}

/// Reads one file, never failing: problems become the contents.
pub fn read(path: &Path) -> Contents {
    let read = || -> std::io::Result<Contents> {
        let mut file = std::fs::File::open(path)?;
        let meta = file.metadata()?;
        if meta.is_dir() {
            return Ok(Contents::Unreadable("it is a folder".into()));
        }
        if meta.len() > MAX_FILE_SIZE as u64 {
            return Ok(Contents::TooLarge(meta.len()));
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
        std::io::Read::read_to_end(&mut file, &mut bytes)?;
        Ok(contents_of(bytes))
    };
    read().unwrap_or_else(|e| Contents::Unreadable(e.to_string()))
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
