//! Finding the regard files below the paths a user names, as ripgrep does: hidden
//! folders, `.gitignore` and `.ignore` files respected, links not followed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::*;

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
    find_in(paths, true, None).map(|(found, _)| found)
}

/// As [`find`], but a folder with no regard file is not an error (an editor's new,
/// empty workspace).
pub fn find_lenient(paths: &[PathBuf]) -> Result<Vec<Found>, String> {
    find_in(paths, false, None).map(|(found, _)| found)
}

/// How far a walk an editor starts may go: a language server opened on `/` or a home
/// folder must not read the whole disk.
#[derive(Clone, Copy, Debug)]
pub struct WalkLimits {
    /// The most entries (files and folders) visited, in all the paths together.
    pub entries: usize,
    /// The deepest level walked below a path.
    pub depth: usize,
}

impl WalkLimits {
    /// For the language server: 100,000 entries, 64 levels.
    pub const EDITOR: WalkLimits = WalkLimits {
        entries: 100_000,
        depth: 64,
    };
}

/// Why a bounded walk stopped early.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WalkStopped {
    /// More entries than the limit: the files found up to it are read.
    TooManyEntries(usize),
    /// Folders deeper than the limit were not walked.
    TooDeep(usize),
    /// The walk was cancelled (the server is shutting down).
    Cancelled,
}

/// As [`find_lenient`], within `limits`, stopping as soon as `cancel` is set: the files
/// found, and why the walk stopped early if it did.
pub fn find_bounded(
    paths: &[PathBuf],
    limits: WalkLimits,
    cancel: &AtomicBool,
) -> Result<(Vec<Found>, Option<WalkStopped>), String> {
    find_in(paths, false, Some((limits, cancel)))
}

/// Whether `root` looks like a project an editor opened, rather than `/` or a home
/// folder: it holds `.git`, or a regard file within its top two levels (looked for
/// among at most 10,000 entries).
pub fn is_project(root: &Path) -> bool {
    if root.join(".git").exists() {
        return true;
    }
    walker_to(root, Some(2))
        .take(10_000)
        .filter_map(Result::ok)
        .any(|e| e.path().extension().is_some_and(|x| x == "regard") && e.file_type().is_some_and(|t| t.is_file()))
}

/// A walker of `folder` with regard's rules for what to skip.
fn walker(folder: &Path) -> ignore::Walk {
    walker_to(folder, None)
}

/// A walker of `folder` that goes at most `depth` levels down, if given.
fn walker_to(folder: &Path, depth: Option<usize>) -> ignore::Walk {
    let respect = RESPECT_IGNORE_FILES.load(Ordering::Relaxed);
    ignore::WalkBuilder::new(folder)
        .max_depth(depth)
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

type Bounds<'c> = Option<(WalkLimits, &'c AtomicBool)>;

fn find_in(paths: &[PathBuf], require: bool, bounds: Bounds<'_>) -> Result<(Vec<Found>, Option<WalkStopped>), String> {
    // Each file with the path that identifies it: the canonical path of the folder given,
    // joined with the file's path below it (no links are followed below it), so that
    // only the paths given need resolving, not every file.
    let mut found: Vec<(Found, PathBuf)> = Vec::new();
    let mut stopped = None;
    let mut entries = 0;
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("`{}` does not exist", display(path)),
            _ => format!("cannot read `{}`: {e}", display(path)),
        })?;
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if !meta.is_dir() {
            let file = Found {
                shown: path_text(path),
                path: path.clone(),
                named: true,
            };
            found.push((file, canonical));
            continue;
        }
        let before = found.len();
        let walk = walker_to(path, bounds.map(|(limits, _)| limits.depth));
        for entry in walk {
            if let Some((limits, cancel)) = bounds {
                entries += 1;
                if cancel.load(Ordering::Relaxed) {
                    stopped = Some(WalkStopped::Cancelled);
                    break;
                }
                if entries > limits.entries {
                    stopped = Some(WalkStopped::TooManyEntries(limits.entries));
                    break;
                }
                // A folder at the deepest level: what it holds is not walked.
                if let Ok(e) = &entry
                    && e.depth() >= limits.depth
                    && e.file_type().is_some_and(|t| t.is_dir())
                {
                    stopped.get_or_insert(WalkStopped::TooDeep(limits.depth));
                    continue;
                }
            }
            let entry = match entry {
                Ok(entry) => entry,
                // A folder or regard file the walk cannot read is listed all the same, so
                // that reading it says why (a folder skipped in silence could hide a
                // council from the check).
                Err(error) => {
                    if let Some(p) = unreadable(&error) {
                        let key = canonical.join(p.strip_prefix(path).unwrap_or(p));
                        let file = Found {
                            shown: path_text(p),
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
                shown: path_text(p),
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
    Ok((found.into_iter().map(|(file, _)| file).collect(), stopped))
}

/// The folder or regard file an error of the walk could not read; `None` for other errors
/// (an ignore file that cannot be read or has a bad pattern, which only narrows the walk).
fn unreadable(error: &ignore::Error) -> Option<&Path> {
    fn io(error: &ignore::Error) -> Option<&std::io::Error> {
        match error {
            ignore::Error::Io(e) => Some(e),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => io(err),
            _ => None,
        }
    }
    match error {
        ignore::Error::WithPath { path, err } if io(err).is_some() => {
            // A path too long for the system (folders nested past PATH_MAX) cannot even
            // be looked at: it is listed, so that reading it says so, never skipped.
            let too_long = io(err).is_some_and(name_too_long);
            let readable_kind = too_long || path.is_dir() || path.extension().is_some_and(|x| x == "regard");
            readable_kind.then_some(path.as_path())
        }
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => unreadable(err),
        _ => None,
    }
}

/// Whether an error says a path is longer than the system allows (ENAMETOOLONG, which
/// the walk passes on wrapped, with its kind).
fn name_too_long(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::InvalidFilename
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
