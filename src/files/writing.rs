//! Writing: replacing a file through a synced temporary beside it (`regard fmt`),
//! writing outputs, creating files and folders, and removing temporaries on signals.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::reading::open_without_blocking;

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
pub(super) struct Temporary {
    path: PathBuf,
    file: Option<File>,
}

impl Temporary {
    /// Creates a new temporary file in `folder`, readable and writable by its owner
    /// only, and removes any stale temporaries an earlier, interrupted run left there.
    /// `private`: made readable by its owner only (its mode is set later), else with the
    /// mode of any new file (0666 less the umask).
    pub(super) fn new(folder: &Path, private: bool) -> std::io::Result<Temporary> {
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
    pub(super) fn write(&mut self, contents: &str) -> std::io::Result<()> {
        let file = self.file.as_mut().expect("the file is open until renamed");
        file.write_all(contents.as_bytes())?;
        file.sync_all()
    }

    pub(super) fn file(&self) -> &File {
        self.file.as_ref().expect("the file is open until renamed")
    }

    /// Renames the temporary over `path` (replacing it).
    pub(super) fn rename_over(mut self, path: &Path) -> std::io::Result<()> {
        self.file = None;
        std::fs::rename(&self.path, path)?;
        self.forget();
        Ok(())
    }

    /// Gives the temporary the name `path`, failing with `AlreadyExists` if it is taken:
    /// a hard link to the new name, then the temporary name removed.
    pub(super) fn rename_new(mut self, path: &Path) -> std::io::Result<()> {
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
pub(super) fn owned_by_us(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: getuid has no preconditions and cannot fail.
    meta.uid() == unsafe { libc::getuid() }
}

#[cfg(not(unix))]
pub(super) fn owned_by_us(_: &std::fs::Metadata) -> bool {
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
    /// The file changed after it was read (another program wrote to it): replacing it
    /// would lose that change.
    Changed,
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
            Refusal::Changed => write!(
                f,
                "it changed while it was being formatted, so it was left as it is (with the change); run `regard fmt` again"
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
/// but a writable regular file with one link whose owner and group can be kept, and when
/// the file no longer holds `read`, the text the new contents were made from, or was
/// written to while this ran ([`Refusal::Changed`]): another program's edit is never
/// replaced. (A writer that keeps the file open and writes again after the rename
/// writes to the old file, which no formatter that replaces files can prevent.)
pub fn replace(path: &Path, contents: &str, read: &str) -> Result<(), Refusal> {
    pause_for_tests();
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
    // Last, just before the rename: the file still holds what was read, byte for byte,
    // with the size and modification time it had when this began.
    if !unchanged(&path, &meta, read)? {
        return Err(Refusal::Changed);
    }
    temporary.rename_over(&path)?;
    Ok(())
}

/// Whether the file at `path` holds exactly `read` and has the size and modification
/// time of `before`.
fn unchanged(path: &Path, before: &std::fs::Metadata, read: &str) -> std::io::Result<bool> {
    use std::io::Read;
    let file = open_without_blocking(path, false)?;
    let now = file.metadata()?;
    if now.len() != read.len() as u64 || now.len() != before.len() || now.modified().ok() != before.modified().ok() {
        return Ok(false);
    }
    let mut bytes = Vec::with_capacity(read.len() + 1);
    file.take(read.len() as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes == read.as_bytes())
}

/// For the tests of a file changed while it is formatted: with
/// `REGARD_TEST_PAUSE_BEFORE_WRITE_MS` set, waits that long between reading a file and
/// replacing it.
fn pause_for_tests() {
    if let Some(ms) = std::env::var("REGARD_TEST_PAUSE_BEFORE_WRITE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms.min(60_000)));
    }
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

pub(super) fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// What an output file would overwrite that it must not.
#[derive(Debug, PartialEq, Eq)]
pub enum OutputClash {
    /// The output names a folder.
    Folder,
    /// The output is (after symbolic links, or as another hard link) one of the files
    /// read, shown as this.
    Input(String),
}

/// Whether writing an output to `out` would replace a folder or one of the files
/// `inputs` that the command reads: `out` is resolved through symbolic links (and, for
/// a file that does not exist yet, through its folder's), and compared with each input's
/// real path and, on Unix, its device and inode, so that a hard link is caught too.
pub fn output_clash(out: &Path, inputs: &[super::Found]) -> Option<OutputClash> {
    let resolved = match std::fs::canonicalize(out) {
        Ok(path) => path,
        Err(_) => {
            let folder = std::fs::canonicalize(folder_of(out)).ok()?;
            folder.join(out.file_name()?)
        }
    };
    let meta = std::fs::metadata(&resolved).ok();
    if meta.as_ref().is_some_and(|m| m.is_dir()) {
        return Some(OutputClash::Folder);
    }
    let same_file = |input: &Path| -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if let (Some(m), Ok(i)) = (&meta, std::fs::metadata(input)) {
                return (m.dev(), m.ino()) == (i.dev(), i.ino());
            }
        }
        std::fs::canonicalize(input).is_ok_and(|i| i == resolved)
    };
    inputs
        .iter()
        .find(|f| same_file(&f.path))
        .map(|f| OutputClash::Input(f.shown.clone()))
}
