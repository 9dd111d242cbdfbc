//! regard's own files: its cache folder, private folders, read-only pages, and the
//! questions the rest of regard may ask of a path (is it a folder, its real path).

use std::io::Read;
use std::path::{Path, PathBuf};

use super::reading::open_without_blocking;
use super::writing::{Temporary, folder_of, owned_by_us};

/// A folder `name` for regard's own files: under `$REGARD_CACHE_DIR`, else the user's
/// cache folder (`$XDG_CACHE_HOME/regard`, `~/.cache/regard`), else a private folder in
/// the temporary folder ([`private_folder`]); made if need be.
pub fn cache_folder(name: &str) -> Option<PathBuf> {
    let base = std::env::var_os("REGARD_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("regard")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache").join("regard")));
    let chosen: Vec<PathBuf> = base.into_iter().map(|b| b.join(name)).collect();
    private_folder(&chosen)
        .map(|dir| match chosen.contains(&dir) {
            true => dir,
            false => dir.join(name),
        })
        .filter(|dir| dir.is_dir() || std::fs::create_dir(dir).is_ok())
}

/// The canonical form of `path` (one path for a file however it is reached), or `path`
/// itself when it cannot be resolved (it does not exist, say).
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Whether `path` is a folder (following links).
pub fn is_folder(path: &Path) -> bool {
    path.is_dir()
}

/// Whether `path` is a regular file (following links).
pub fn is_file(path: &Path) -> bool {
    path.is_file()
}

/// A folder for regard's own files (the language server's copies of the standard
/// library): the first of `chosen` (folders the user's environment names) that can be
/// made and is safe, else `regard-UID` in the temporary folder, made owner-only, else a
/// fresh private folder there. A folder is safe when it is a real folder (not a symbolic
/// link), belongs to this user and cannot be written by others: in a shared temporary
/// folder, another user could otherwise plant links in it or read what is written.
pub fn private_folder(chosen: &[PathBuf]) -> Option<PathBuf> {
    for folder in chosen {
        if std::fs::create_dir_all(folder).is_ok() && is_safe_folder(folder, false) {
            return Some(folder.clone());
        }
    }
    let shared = std::env::temp_dir();
    #[cfg(unix)]
    let mine = {
        // SAFETY: getuid has no preconditions and cannot fail.
        let uid = unsafe { libc::getuid() };
        shared.join(format!("regard-{uid}"))
    };
    #[cfg(not(unix))]
    let mine = shared.join("regard");
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    let _ = builder.create(&mine);
    if is_safe_folder(&mine, true) {
        return Some(mine);
    }
    let fresh = tempfile::Builder::new()
        .prefix("regard-")
        .tempdir_in(&shared)
        .ok()?
        .keep();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fresh, std::fs::Permissions::from_mode(0o700)).ok()?;
    }
    Some(fresh)
}

/// Whether `folder` is a real folder of this user's that others cannot write to (nor,
/// with `private`, read).
fn is_safe_folder(folder: &Path, private: bool) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(folder) else {
        return false;
    };
    if !meta.is_dir() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode();
        let others = if private { 0o077 } else { 0o002 };
        owned_by_us(&meta) && mode & others == 0
    }
    #[cfg(not(unix))]
    {
        let _ = private;
        true
    }
}

/// Writes `text` to `path` in one of regard's own folders, read-only, unless it is
/// there already. A symbolic link at `path` is replaced, never followed. Returns whether
/// the file now holds `text`.
pub fn write_read_only(path: &Path, text: &str) -> bool {
    let is_file = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    if is_file && read_no_follow(path).is_some_and(|old| old == text.as_bytes()) {
        return true;
    }
    let write = || -> std::io::Result<()> {
        let mut temporary = Temporary::new(folder_of(path), true)?;
        temporary.write(text)?;
        let mut permissions = temporary.file().metadata()?.permissions();
        permissions.set_readonly(true);
        temporary.file().set_permissions(permissions)?;
        temporary.rename_over(path)
    };
    write().is_ok()
}

/// A file's bytes, unless it is a symbolic link or not a regular file.
fn read_no_follow(path: &Path) -> Option<Vec<u8>> {
    let mut file = open_without_blocking(path, true).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}
