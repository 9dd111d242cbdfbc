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

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::Input;
use crate::base::Contents;
use crate::syntax::MAX_FILE_SIZE;

/// A file to read: the path shown to the user, its real path, and whether the user
/// named it (rather than regard finding it in a folder).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub shown: String,
    pub path: PathBuf,
    pub named: bool,
}

impl Found {
    /// Reads the file as [`read`] or [`read_found`] would.
    pub fn read(&self) -> Contents {
        match self.named {
            true => read(&self.path),
            false => read_found(&self.path),
        }
    }
}

/// Whether walking a folder respects `.gitignore` and `.ignore` files (`--no-ignore`
/// turns it off for the process). Hidden files and folders are skipped either way.
static RESPECT_IGNORE_FILES: AtomicBool = AtomicBool::new(true);

/// Sets whether folders are walked respecting `.gitignore` and `.ignore` files.
pub fn respect_ignore_files(on: bool) {
    RESPECT_IGNORE_FILES.store(on, Ordering::Relaxed);
}

/// The files named by `paths`: each file as given, and every `*.regard` below each
/// folder (hidden files and folders, and what `.gitignore` and `.ignore` files exclude,
/// skipped; symbolic links not followed), sorted by path. Files are read on all cores. A
/// folder with no regard file below it is an error: a command pointed at the wrong
/// folder must not pass.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    let found = find(paths)?;
    Ok(read_all(&found))
}

/// Reads every file found, on all cores.
pub fn read_all(found: &[Found]) -> Vec<Input> {
    crate::parallel::map(
        found,
        64,
        || (),
        |(), f| Input {
            path: f.shown.clone(),
            contents: f.read(),
        },
    )
}

/// The files [`collect`] reads, unread, sorted by the path shown. A file named twice
/// (directly, or through overlapping folders) is listed once.
pub fn find(paths: &[PathBuf]) -> Result<Vec<Found>, String> {
    find_in(paths, true)
}

/// As [`find`], but a folder with no regard file is not an error (an editor's new,
/// empty workspace).
pub fn find_lenient(paths: &[PathBuf]) -> Result<Vec<Found>, String> {
    find_in(paths, false)
}

/// A walker of `folder` with regard's rules for what to skip.
fn walker(folder: &Path) -> ignore::Walk {
    let respect = RESPECT_IGNORE_FILES.load(Ordering::Relaxed);
    ignore::WalkBuilder::new(folder)
        .follow_links(false)
        .hidden(true)
        .parents(respect)
        .git_ignore(respect)
        .git_exclude(respect)
        .git_global(false)
        .ignore(respect)
        .require_git(false)
        .build()
}

fn find_in(paths: &[PathBuf], require: bool) -> Result<Vec<Found>, String> {
    // Each file with the path that identifies it: the canonical path of the folder given,
    // joined with the file's path below it (no links are followed below it), so that
    // only the paths given need resolving, not every file.
    let mut found: Vec<(Found, PathBuf)> = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("`{}` does not exist", display(path)),
            _ => format!("cannot read `{}`: {e}", display(path)),
        })?;
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if !meta.is_dir() {
            let file = Found {
                shown: display(path),
                path: path.clone(),
                named: true,
            };
            found.push((file, canonical));
            continue;
        }
        let before = found.len();
        for entry in walker(path) {
            let entry = match entry {
                Ok(entry) => entry,
                // A folder or regard file the walk cannot read is listed all the same, so
                // that reading it says why (a folder skipped in silence could hide a
                // council from the check).
                Err(error) => {
                    if let Some(p) = unreadable(&error) {
                        let key = canonical.join(p.strip_prefix(path).unwrap_or(p));
                        let file = Found {
                            shown: display(p),
                            path: p.to_path_buf(),
                            named: false,
                        };
                        found.push((file, key));
                    }
                    continue;
                }
            };
            let p = entry.path();
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            if !is_file || p.extension().is_none_or(|x| x != "regard") {
                continue;
            }
            let key = canonical.join(p.strip_prefix(path).unwrap_or(p));
            let file = Found {
                shown: display(p),
                path: p.to_path_buf(),
                named: false,
            };
            found.push((file, key));
        }
        if require && found.len() == before {
            return Err(format!(
                "no regard files found under `{}` (hidden folders and what `.gitignore` and `.ignore` exclude are skipped; `--no-ignore` includes the ignored ones)",
                display(path)
            ));
        }
    }
    // By the path shown, then by the real path, so that the order is total.
    found.sort_by(|a, b| (&a.0.shown, &a.0.path).cmp(&(&b.0.shown, &b.0.path)));
    let mut seen = HashSet::new();
    found.retain(|(_, key)| seen.insert(key.clone()));
    Ok(found.into_iter().map(|(file, _)| file).collect())
}

/// The folder or regard file an error of the walk could not read; `None` for other errors
/// (an ignore file that cannot be read or has a bad pattern, which only narrows the walk).
fn unreadable(error: &ignore::Error) -> Option<&Path> {
    fn is_io(error: &ignore::Error) -> bool {
        match error {
            ignore::Error::Io(_) => true,
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => is_io(err),
            _ => false,
        }
    }
    match error {
        ignore::Error::WithPath { path, err } if is_io(err) => {
            let readable_kind = path.is_dir() || path.extension().is_some_and(|x| x == "regard");
            readable_kind.then_some(path.as_path())
        }
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => unreadable(err),
        _ => None,
    }
}

/// Every folder that walking `folder` for regard files visits (itself included): what
/// hidden folders, `.gitignore` and `.ignore` files exclude is left out. For
/// `regard check --watch`, which watches these and no others.
pub fn folders(folder: &Path) -> Vec<PathBuf> {
    walker(folder)
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_dir()))
        .map(|entry| entry.into_path())
        .collect()
}

/// Whether `path`, below one of `roots`, is one that walking the root would skip: in a
/// hidden folder, or excluded by a `.gitignore` or `.ignore` file between the root and
/// it. For the language server's file watcher, which reports every file.
pub fn is_skipped(roots: &[PathBuf], path: &Path) -> bool {
    let respect = RESPECT_IGNORE_FILES.load(Ordering::Relaxed);
    for root in roots {
        let Ok(below) = path.strip_prefix(root) else { continue };
        if below
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        {
            return true;
        }
        if !respect {
            return false;
        }
        // Each folder from the root down to the file's own, with its ignore files; a
        // deeper folder's rules win.
        let mut verdict = false;
        let mut folder = root.clone();
        let mut folders = vec![folder.clone()];
        if let Some(parent) = below.parent() {
            for c in parent.components() {
                folder.push(c);
                folders.push(folder.clone());
            }
        }
        for dir in folders {
            let mut builder = ignore::gitignore::GitignoreBuilder::new(&dir);
            for name in [".gitignore", ".ignore"] {
                let file = dir.join(name);
                if file.is_file() {
                    let _ = builder.add(file);
                }
            }
            if let Ok(rules) = builder.build() {
                let matched = rules.matched_path_or_any_parents(path, false);
                if matched.is_ignore() {
                    verdict = true;
                } else if matched.is_whitelist() {
                    verdict = false;
                }
            }
        }
        return verdict;
    }
    false
}

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
    read().unwrap_or_else(|e| Contents::Unreadable(e.to_string()))
}

/// Opens a file for reading without waiting: a FIFO with no writer, or a terminal,
/// opens at once (and never becomes the controlling terminal), so that the caller can
/// look at what it is on the open handle. With `no_follow`, a symbolic link is refused.
fn open_without_blocking(path: &Path, no_follow: bool) -> std::io::Result<File> {
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

/// A path as shown to users: its text, with each byte that is not UTF-8 written as
/// `\xFF` (so that two different names never show alike) and characters unsafe in a
/// terminal escaped.
pub fn display(path: &Path) -> String {
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
    crate::diagnostics::escape::for_terminal(&text).into_owned()
}

// ─── Writing ───────────────────────────────────────────────────────────────────────

/// The prefix of every temporary file regard makes; the process id follows, so that a
/// later run can tell a stale temporary (its process is gone) from one in use.
const TEMPORARY_PREFIX: &str = ".regard-tmp-";

/// The temporary files this process has made and not yet renamed or removed, for the
/// signal handler to remove.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes this process's temporary files when it is interrupted (SIGINT, SIGTERM,
/// SIGHUP), then ends it as the signal would have. Called once by the command line.
#[cfg(unix)]
pub fn remove_temporaries_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let list = TEMPORARIES.lock().unwrap_or_else(|p| p.into_inner());
            for path in list.iter() {
                let _ = std::fs::remove_file(path);
            }
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}

/// Elsewhere, temporaries are still removed on every error, and by a later run.
#[cfg(not(unix))]
pub fn remove_temporaries_on_signals() {}

/// A temporary file beside its destination, removed when dropped unless it was renamed.
struct Temporary {
    path: PathBuf,
    file: Option<File>,
}

impl Temporary {
    /// Creates a new temporary file in `folder`, readable and writable by its owner
    /// only, and removes any stale temporaries an earlier, interrupted run left there.
    /// `private`: made readable by its owner only (its mode is set later), else with the
    /// mode of any new file (0666 less the umask).
    fn new(folder: &Path, private: bool) -> std::io::Result<Temporary> {
        remove_stale_temporaries(folder);
        let pid = std::process::id();
        let mut last = None;
        for _ in 0..16 {
            let path = folder.join(format!("{TEMPORARY_PREFIX}{pid}-{:016x}.tmp", fastrand::u64(..)));
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(if private { 0o600 } else { 0o666 });
            }
            match options.open(&path) {
                Ok(file) => {
                    TEMPORARIES.lock().unwrap_or_else(|p| p.into_inner()).push(path.clone());
                    return Ok(Temporary { path, file: Some(file) });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| std::io::Error::other("no temporary file name was free")))
    }

    /// Writes `contents` in full and syncs them to the disk.
    fn write(&mut self, contents: &str) -> std::io::Result<()> {
        let file = self.file.as_mut().expect("the file is open until renamed");
        file.write_all(contents.as_bytes())?;
        file.sync_all()
    }

    fn file(&self) -> &File {
        self.file.as_ref().expect("the file is open until renamed")
    }

    /// Renames the temporary over `path` (replacing it).
    fn rename_over(mut self, path: &Path) -> std::io::Result<()> {
        self.file = None;
        std::fs::rename(&self.path, path)?;
        self.forget();
        Ok(())
    }

    /// Gives the temporary the name `path`, failing with `AlreadyExists` if it is taken:
    /// a hard link to the new name, then the temporary name removed.
    fn rename_new(mut self, path: &Path) -> std::io::Result<()> {
        self.file = None;
        match std::fs::hard_link(&self.path, path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(e),
            // A file system without hard links: rename, having checked the name is free.
            Err(_) if std::fs::symlink_metadata(path).is_err() => {
                std::fs::rename(&self.path, path)?;
                self.forget();
                return Ok(());
            }
            Err(e) => return Err(e),
        }
        let _ = std::fs::remove_file(&self.path);
        self.forget();
        Ok(())
    }

    fn forget(&self) {
        let mut list = TEMPORARIES.lock().unwrap_or_else(|p| p.into_inner());
        list.retain(|p| p != &self.path);
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        let mut list = TEMPORARIES.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(i) = list.iter().position(|p| p == &self.path) {
            list.swap_remove(i);
            self.file = None;
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Removes the temporaries in `folder` that regard processes no longer running left
/// behind (killed with SIGKILL, or by a power cut). Each folder is looked at once a run.
fn remove_stale_temporaries(folder: &Path) {
    static LOOKED_AT: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    {
        let mut looked_at = LOOKED_AT.lock().unwrap_or_else(|p| p.into_inner());
        if !looked_at.get_or_insert_with(HashSet::new).insert(folder.to_path_buf()) {
            return;
        }
    }
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMPORARY_PREFIX)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let ours = entry.metadata().is_ok_and(|m| m.is_file() && owned_by_us(&m));
        if ours && pid != std::process::id() && !process_is_running(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn owned_by_us(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: getuid has no preconditions and cannot fail.
    meta.uid() == unsafe { libc::getuid() }
}

#[cfg(not(unix))]
fn owned_by_us(_: &std::fs::Metadata) -> bool {
    false
}

/// Whether a process is running (signal 0 tests for it without sending anything).
#[cfg(unix)]
fn process_is_running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 only checks that the process exists.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    alive || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_is_running(_: u32) -> bool {
    true
}

/// Why `regard fmt` will not rewrite a file.
#[derive(Debug)]
pub enum Refusal {
    NotRegular,
    ReadOnly,
    HardLinks(u64),
    Owner,
    Io(std::io::Error),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotRegular => write!(f, "it is not a regular file; regard fmt writes only regular files"),
            Refusal::ReadOnly => write!(f, "it is read-only; make it writable to format it"),
            Refusal::HardLinks(n) => write!(
                f,
                "it has {n} hard links, which replacing it would break; format a copy, or use `regard fmt --check` to see the changes"
            ),
            Refusal::Owner => write!(
                f,
                "it belongs to another user or group, which a rewritten file could not keep"
            ),
            Refusal::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<std::io::Error> for Refusal {
    fn from(e: std::io::Error) -> Self {
        Refusal::Io(e)
    }
}

/// Replaces a file's contents atomically (for `regard fmt`): the new text goes to a
/// temporary file beside the file, written in full and synced, given the file's mode,
/// owner and group, and then renamed over it, so that a reader sees the old text or the
/// new, never a mixture, and a full disk leaves the file as it was. A symbolic link is
/// followed, and the file it points at replaced. Refused (nothing written) for anything
/// but a writable regular file with one link whose owner and group can be kept.
pub fn replace(path: &Path, contents: &str) -> Result<(), Refusal> {
    let path = std::fs::canonicalize(path)?;
    // Checked on an open handle of the file itself, which (opened without blocking)
    // cannot hang on a FIFO.
    let meta = open_without_blocking(&path, false)?.metadata()?;
    if !meta.is_file() {
        return Err(Refusal::NotRegular);
    }
    if meta.permissions().readonly() {
        return Err(Refusal::ReadOnly);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(Refusal::HardLinks(meta.nlink()));
        }
    }
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut temporary = Temporary::new(folder, true)?;
    temporary.write(contents)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let new = temporary.file().metadata()?;
        if (new.uid(), new.gid()) != (meta.uid(), meta.gid())
            && std::os::unix::fs::fchown(temporary.file(), Some(meta.uid()), Some(meta.gid())).is_err()
        {
            return Err(Refusal::Owner);
        }
    }
    temporary.file().set_permissions(meta.permissions())?;
    temporary.rename_over(&path)?;
    Ok(())
}

/// Writes an output file (a report, a chart). A regular file (or a new one) is replaced
/// atomically through a synced temporary file, so that a full disk leaves whatever was
/// there before; anything else (a device such as `/dev/null`, a FIFO, a terminal) is
/// written to as it is, never replaced.
pub fn write_output(path: &Path, contents: &str) -> std::io::Result<()> {
    let target = match std::fs::canonicalize(path) {
        Ok(target) => target,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => path.to_path_buf(),
        Err(e) => return Err(e),
    };
    match std::fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => Err(std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a folder")),
        Ok(meta) if !meta.is_file() => {
            let mut file = OpenOptions::new().write(true).open(&target)?;
            file.write_all(contents.as_bytes())?;
            file.flush()
        }
        Ok(meta) => {
            let mut temporary = Temporary::new(folder_of(&target), true)?;
            temporary.write(contents)?;
            temporary.file().set_permissions(meta.permissions())?;
            temporary.rename_over(&target)
        }
        Err(_) => {
            let mut temporary = Temporary::new(folder_of(&target), false)?;
            temporary.write(contents)?;
            temporary.rename_over(&target)
        }
    }
}

/// Creates `folder` and the folders above it, if they are not there.
pub fn create_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)
}

/// Creates a file with `contents`, and the folders above it if need be; fails with
/// `AlreadyExists`, writing nothing, if the file exists. The file appears whole or not
/// at all: a full disk leaves nothing behind.
pub fn create_new(path: &Path, contents: &str) -> std::io::Result<()> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists));
    }
    let mut temporary = Temporary::new(folder_of(path), false)?;
    temporary.write(contents)?;
    temporary.rename_new(path)
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

// ─── regard's own files ──────────────────────────────────────────────────────────────

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
