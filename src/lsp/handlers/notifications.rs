//! What the server does on each notification: a document opened, changed or closed in
//! the editor, and files changed on disk.

use lsp_types as lsp;

use crate::db::{Contents, Origin};
use crate::files;
use crate::lsp::convert::Text;
use crate::lsp::global_state::Server;
use crate::lsp::log;

impl Server<'_> {
    pub(in crate::lsp) fn did_open(&mut self, uri: lsp::Uri, text: String) {
        let key = Self::key(&uri);
        if self.stdlib_copies.contains_key(&key) {
            return;
        }
        self.open.insert(key.clone());
        let file = match self.files.get(&key) {
            Some(&file) => {
                // Published from now on under the URI the editor opened it by.
                self.uris.insert(file, uri);
                self.set_text(file, Contents::Text(text));
                file
            }
            None => self.add(key, uri, Contents::Text(text)),
        };
        self.republish(Some(file));
    }

    pub(in crate::lsp) fn did_change(&mut self, p: lsp::DidChangeTextDocumentParams) {
        let Some(file) = self.file(&p.text_document.uri) else {
            log(&format!(
                "a change to {} , which is not open",
                p.text_document.uri.as_str()
            ));
            return;
        };
        if file.origin(self.db()) == Origin::Stdlib {
            return;
        }
        let mut text = file.text(self.db()).to_string();
        for change in p.content_changes {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    let t = Text::new(&text, self.encoding);
                    let start = t.offset(range.start) as usize;
                    let end = (t.offset(range.end) as usize).max(start);
                    text.replace_range(start..end, &change.text);
                }
            }
        }
        self.set_text(file, Contents::Text(text));
        self.republish(Some(file));
    }

    pub(in crate::lsp) fn did_close(&mut self, uri: lsp::Uri) {
        let key = Self::key(&uri);
        if !self.open.remove(&key) {
            return;
        }
        match self.files.get(&key).copied() {
            Some(file) if files::is_file(&key) && self.under_roots(&key) => {
                self.set_text(file, files::read_found(&key));
                self.republish(Some(file));
            }
            Some(_) => {
                self.remove(&key);
                self.republish(None);
            }
            None => {}
        }
    }

    pub(in crate::lsp) fn did_change_watched_files(&mut self, p: lsp::DidChangeWatchedFilesParams) {
        for change in p.changes {
            let key = Self::key(&change.uri);
            let is_regard = key.extension().is_some_and(|e| e == "regard");
            if self.open.contains(&key) || !is_regard || self.stdlib_copies.contains_key(&key) {
                continue;
            }
            // A file the workspace walk would skip (`target/`, `node_modules/`, anything
            // `.gitignore` excludes, hidden folders) stays out when it appears later.
            if !self.files.contains_key(&key) && files::is_skipped(&self.roots, &key) {
                continue;
            }
            if change.typ == lsp::FileChangeType::DELETED {
                self.remove(&key);
                continue;
            }
            let contents = files::read_found(&key);
            match self.files.get(&key).copied() {
                Some(file) => self.set_text(file, contents),
                None => {
                    self.add(key, change.uri, contents);
                }
            }
        }
        self.republish(None);
    }
}
