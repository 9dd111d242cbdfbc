//! Watching folders for changes, for `regard check --watch`: one folder at a time (not
//! recursively), so that the folders walking skips are not watched either. The events
//! come as plain data on a channel; nothing above this module sees `notify`.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode, Watcher};

use super::display;

/// Something that happened below a watched folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FolderEvent {
    /// `paths` were touched.
    Touched {
        paths: Vec<PathBuf>,
        /// Only read (opened, accessed): nothing a check reads changed.
        read_only: bool,
        /// Removed or renamed: a folder among `paths` has lost its watch.
        gone: bool,
    },
    /// Events were lost (the kernel's queue overflowed): anything may have changed.
    Lost,
}

/// The watcher: folders handed to it report on the channel [`FolderWatcher::new`] gives.
pub struct FolderWatcher {
    watcher: notify::RecommendedWatcher,
}

impl FolderWatcher {
    /// A watcher watching nothing yet, and the channel its events arrive on.
    pub fn new() -> Result<(FolderWatcher, Receiver<FolderEvent>), String> {
        let (sender, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let event = match event {
                Ok(event) => FolderEvent::Touched {
                    read_only: matches!(event.kind, EventKind::Access(_)),
                    gone: matches!(
                        event.kind,
                        EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
                    ),
                    paths: event.paths,
                },
                Err(_) => FolderEvent::Lost,
            };
            // The receiver goes only when the watch ends.
            let _ = sender.send(event);
        })
        .map_err(|e| format!("cannot watch for changes: {e}"))?;
        Ok((FolderWatcher { watcher }, events))
    }

    /// Watches `folder` (not the folders below it). `Ok(false)` when it is gone since it
    /// was found, which is not an error: it is simply not watched.
    pub fn watch(&mut self, folder: &Path) -> Result<bool, String> {
        match self.watcher.watch(folder, RecursiveMode::NonRecursive) {
            Ok(()) => Ok(true),
            Err(e) if matches!(e.kind, notify::ErrorKind::PathNotFound) => Ok(false),
            Err(e) => Err(format!("cannot watch `{}` for changes: {e}", display(folder))),
        }
    }
}
