//! `regard check --watch`: checks, then checks again whenever a regard file below the
//! paths changes, comes or goes, for people without an editor that speaks LSP.
//!
//! The files stay in one salsa database between runs, as in the language server, so a
//! run after an edit recomputes only what the edit touches. Each run says how many files
//! it checked again, counted from salsa's own log of the queries it executed (`check_file`),
//! not from what regard expects to have happened.
//!
//! Folders are watched one by one (not recursively), each folder that walking the paths
//! visits: what `.gitignore`, `.ignore` and hidden folders exclude is neither read nor
//! watched, as in `regard check`. A file named on the command line is watched through its
//! folder, so that an editor that saves by replacing the file is still seen.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::db::{Database, Origin, SourceFile};
use crate::diagnostics::Diagnostic;
use crate::files::{self, FolderEvent, FolderWatcher, Found};
use crate::{Options, Session};

/// How long the files must be quiet after a change before the check runs: an editor's
/// save, or a `git checkout`, is several events in a row.
const QUIET: Duration = Duration::from_millis(80);

/// What one run did, for the line the command prints after the findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The user's files in the workspace.
    pub files: usize,
    /// The standard library's files in the workspace (checked like the user's).
    pub stdlib: usize,
    /// Files, the standard library's included, whose diagnostics were computed again
    /// (from salsa's log of executed queries).
    pub rechecked: usize,
    /// The files that changed, came or went since the run before, by the path shown.
    pub changed: Vec<(String, Change)>,
    /// How long the check took.
    pub took: Duration,
    /// Why the paths could not be read, when they could not (a folder removed, say).
    pub problem: Option<String>,
    /// Whether this is the first run.
    pub first: bool,
}

/// How a file differs from the run before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Edited,
    Added,
    Removed,
}

impl Run {
    /// The status line: what changed, what was checked again and how long it took.
    pub fn status(&self) -> String {
        let took = format!("{} ms", self.took.as_millis());
        let library = match self.stdlib {
            0 => String::new(),
            n => format!(" and the standard library's {n}"),
        };
        let mut line = match (&self.problem, self.first) {
            (Some(problem), _) => problem.clone(),
            (None, true) => format!("checked {}{library} in {took}", count(self.files, "file")),
            (None, false) => {
                // A file name is shown on one line, escaped, as every other message shows it.
                let name = |one: &str| crate::diagnostics::escape::one_line(one).into_owned();
                let changed = match self.changed.as_slice() {
                    [] => String::new(),
                    [(one, Change::Edited)] => format!("`{}` changed; ", name(one)),
                    [(one, Change::Added)] => format!("`{}` was added; ", name(one)),
                    [(one, Change::Removed)] => format!("`{}` was removed; ", name(one)),
                    many => format!("{} changed; ", count(many.len(), "file")),
                };
                let library = match self.stdlib {
                    0 => "",
                    _ => ", the standard library's included,",
                };
                format!(
                    "{changed}re-checked {} of {}{library} in {took}",
                    self.rechecked,
                    count(self.files + self.stdlib, "file")
                )
            }
        };
        line.push_str("; watching for changes (Ctrl-C to stop)");
        line
    }
}

fn count(n: usize, what: &str) -> String {
    match n {
        1 => format!("1 {what}"),
        _ => format!("{n} {what}s"),
    }
}

/// The folders and files being watched, and the files' place in the workspace.
struct Watched {
    /// The paths as given (`.` when none were).
    paths: Vec<PathBuf>,
    /// The folders given, canonical, for deciding what ignore files exclude.
    roots: Vec<PathBuf>,
    /// Folders already handed to the watcher.
    folders: HashSet<PathBuf>,
}

impl Watched {
    /// Whether an event about `path` can change what is checked: a regard file that is
    /// not skipped, an ignore file, or something without an extension (a folder, which may
    /// have come or gone with regard files in it).
    fn matters(&self, path: &Path) -> bool {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name == ".gitignore" || name == ".ignore" {
            return true;
        }
        let canonical = canonical_below(path);
        if files::is_skipped(&self.roots, &canonical) {
            return false;
        }
        match path.extension() {
            Some(ext) => ext == "regard",
            None => !name.starts_with('.'),
        }
    }
}

/// `path` with its folder made canonical (the file itself may be gone).
fn canonical_below(path: &Path) -> PathBuf {
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => files::canonical(parent).join(name),
        _ => path.to_path_buf(),
    }
}

/// Checks `paths` (`.` when empty), shows the findings through `show`, and then, until
/// the process is stopped, checks again after every change and shows again. Returns only
/// when it cannot go on: the paths cannot be read at the start (`strict`: a path that
/// holds no regard file is then an error, as for `regard check`), or the file-system
/// watcher fails.
pub fn watch(
    paths: Vec<PathBuf>,
    strict: bool,
    options: Options,
    mut show: impl FnMut(&Session, &[Diagnostic], &Run),
) -> Result<(), String> {
    let paths = match paths.is_empty() {
        true => vec![PathBuf::from(".")],
        false => paths,
    };
    let found = match strict {
        true => files::find(&paths)?,
        false => files::find_lenient(&paths)?,
    };
    // The folders are watched before any file is read, so that a change made while the
    // first check runs, or as soon as it is shown, is seen.
    let (mut watcher, events) = FolderWatcher::new()?;
    let mut watched = Watched {
        roots: paths
            .iter()
            .filter(|p| files::is_folder(p))
            .map(|p| files::canonical(p))
            .collect(),
        paths,
        folders: HashSet::new(),
    };
    watch_folders(&mut watcher, &mut watched)?;

    let log = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let mut session = Session::new_in(
        Database::with_event_log(Arc::clone(&log)),
        files::read_all(&found),
        options,
    );
    let diagnostics = session.diagnostics();
    let first = Run {
        files: session.user_files().len(),
        stdlib: stdlib_files(&session),
        rechecked: rechecked(&log),
        changed: Vec::new(),
        took: started.elapsed(),
        problem: None,
        first: true,
    };
    show(&session, &diagnostics, &first);
    drop(diagnostics);
    // Whether the last thing shown was a problem, so that the next good run is shown
    // even if no file differs from before the problem.
    let mut after_problem = false;

    loop {
        // Wait for a change that matters, then for the files to be quiet.
        let mut matters = false;
        let first = events
            .recv()
            .map_err(|_| "the file-system watcher stopped".to_string())?;
        let mut pending = vec![first];
        loop {
            for event in pending.drain(..) {
                match event {
                    FolderEvent::Touched { paths, read_only, gone } => {
                        if !read_only {
                            matters |= paths.iter().any(|p| watched.matters(p));
                        }
                        // A folder removed or renamed loses its watch: if a folder comes
                        // back at that path, it is watched afresh.
                        if gone {
                            for path in &paths {
                                watched.folders.remove(&canonical_below(path));
                            }
                        }
                    }
                    // Events were lost (the kernel's queue overflowed): read everything.
                    FolderEvent::Lost => matters = true,
                }
            }
            match events.recv_timeout(QUIET) {
                Ok(event) => pending.push(event),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return Err("the file-system watcher stopped".into()),
            }
        }
        if !matters {
            continue;
        }
        let started = Instant::now();
        // As the first check found them: with paths given, a folder that holds no regard
        // file (or no longer exists) is the problem `regard check` would report.
        let found = match strict {
            true => files::find(&watched.paths),
            false => files::find_lenient(&watched.paths),
        };
        let found = match found {
            Ok(found) => found,
            Err(problem) => {
                let run = Run {
                    files: session.user_files().len(),
                    stdlib: stdlib_files(&session),
                    rechecked: 0,
                    changed: Vec::new(),
                    took: started.elapsed(),
                    problem: Some(problem),
                    first: false,
                };
                show(&session, &[], &run);
                after_problem = true;
                continue;
            }
        };
        // New folders are watched before the files are read, so that nothing written in
        // between is missed.
        watch_folders(&mut watcher, &mut watched)?;
        let changed = reconcile(&mut session, &found);
        if changed.is_empty() && !after_problem {
            continue;
        }
        after_problem = false;
        log.lock().map(|mut l| l.clear()).ok();
        let diagnostics = session.diagnostics();
        let run = Run {
            files: session.user_files().len(),
            stdlib: stdlib_files(&session),
            rechecked: rechecked(&log),
            changed,
            took: started.elapsed(),
            problem: None,
            first: false,
        };
        show(&session, &diagnostics, &run);
    }
}

/// How many of the workspace's files are the standard library's.
fn stdlib_files(session: &Session) -> usize {
    session.workspace.files(&session.db).len() - session.user_files().len()
}

/// How many files' diagnostics salsa computed since the log was last cleared.
fn rechecked(log: &Mutex<Vec<String>>) -> usize {
    log.lock()
        .map(|l| l.iter().filter(|key| key.starts_with("check_file(")).count())
        .unwrap_or_default()
}

/// Hands every folder that walking the paths visits, and the folder of each file named,
/// to the watcher, once.
fn watch_folders(watcher: &mut FolderWatcher, watched: &mut Watched) -> Result<(), String> {
    // A folder that is gone has lost its watch.
    watched.folders.retain(|folder| files::is_folder(folder));
    let mut folders = Vec::new();
    for path in &watched.paths {
        match files::is_folder(path) {
            true => folders.extend(files::folders(path)),
            false => folders.push(match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            }),
        }
        // The nearest folder above a path given that exists, so that a folder given that
        // is removed and made again (or a file named that comes back) is seen: its own
        // watch goes with it.
        let mut above = files::canonical(path);
        while above.pop() {
            if files::is_folder(&above) {
                folders.push(above);
                break;
            }
        }
    }
    for folder in folders {
        let key = files::canonical(&folder);
        if watched.folders.contains(&key) {
            continue;
        }
        // A folder removed since the walk is simply not watched.
        if watcher.watch(&folder)? {
            watched.folders.insert(key);
        }
    }
    Ok(())
}

/// Brings the session's files into line with `found`: reads each, sets what changed,
/// adds what came and drops what went. Returns the paths that changed, came or went.
fn reconcile(session: &mut Session, found: &[Found]) -> Vec<(String, Change)> {
    let user: HashMap<String, SourceFile> = session
        .user_files()
        .into_iter()
        .map(|f| (f.path(&session.db).clone(), f))
        .collect();
    let mut changed = Vec::new();
    let mut kept = Vec::new();
    let mut came = false;
    for (f, contents) in found.iter().zip(files::read_all(found)) {
        match user.get(&f.shown) {
            Some(&file) => {
                if file.contents(&session.db) != &contents.contents {
                    changed.push((f.shown.clone(), Change::Edited));
                    session.set_contents(file, contents.contents);
                }
                kept.push(file);
            }
            None => {
                changed.push((f.shown.clone(), Change::Added));
                came = true;
                kept.push(SourceFile::new(
                    &session.db,
                    f.shown.clone(),
                    contents.contents,
                    Origin::User,
                ));
            }
        }
    }
    let present: HashSet<&str> = found.iter().map(|f| f.shown.as_str()).collect();
    let mut went: Vec<String> = user.keys().filter(|p| !present.contains(p.as_str())).cloned().collect();
    went.sort();
    if came || !went.is_empty() {
        changed.extend(went.into_iter().map(|path| (path, Change::Removed)));
        let mut files: Vec<SourceFile> = session
            .workspace
            .files(&session.db)
            .iter()
            .copied()
            .filter(|f| f.origin(&session.db) == Origin::Stdlib)
            .collect();
        files.extend(kept);
        session.set_files(files);
    }
    changed.sort();
    changed
}
