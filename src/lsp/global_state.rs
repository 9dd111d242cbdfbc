//! The server's state: the session (the salsa database and the workspace), the user's
//! files by path and the URIs the client knows them by, the documents open in the
//! editor, the read-only copies of the standard library, and what was last published;
//! and publishing itself, which turns diagnostics into the protocol's.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crossbeam_channel::Receiver;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types as lsp;
use serde_json::Value;

use super::convert::{Text, path_of, uri_of};
use super::{Encoding, log};
use crate::db::{self, Contents, Origin, SourceFile, Workspace};
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::files::{WalkLimits, WalkStopped};
use crate::{Options, Session, explain, files, ide, stdlib};

/// What the workspace walk found: each file's canonical path, the path the client knows
/// it by, and its contents; and what the user should be told about what was left out.
pub(super) struct Walked {
    pub(super) read: Vec<(PathBuf, PathBuf, Contents)>,
    pub(super) notes: Vec<String>,
}

/// What converting one list of diagnostics reuses: each file's line index, and each
/// code's link.
#[derive(Default)]
pub(super) struct Converted<'s> {
    texts: HashMap<SourceFile, Text<'s>>,
    links: HashMap<String, Option<lsp::Uri>>,
}

impl<'s> Converted<'s> {
    pub(super) fn text(&mut self, server: &'s Server, file: SourceFile) -> &Text<'s> {
        self.texts.entry(file).or_insert_with(|| server.text(file))
    }
}
pub(super) struct Server<'c> {
    pub(super) connection: &'c Connection,
    pub(super) session: Session,
    pub(super) encoding: Encoding,
    pub(super) roots: Vec<PathBuf>,
    /// The user's files, by path (or, for a document that is not a file, its URI).
    pub(super) files: BTreeMap<PathBuf, SourceFile>,
    pub(super) uris: HashMap<SourceFile, lsp::Uri>,
    /// Documents the editor has open: their text comes from the editor.
    pub(super) open: HashSet<PathBuf>,
    /// The read-only copies of the standard library, for going to its definitions.
    pub(super) stdlib_copies: HashMap<PathBuf, SourceFile>,
    /// docs/diagnostics.md, written beside the standard library, for code links.
    pub(super) explanations: Option<PathBuf>,
    pub(super) published: HashMap<SourceFile, Vec<Diagnostic>>,
    /// The client applies snippet text edits (`experimental.snippetTextEdit`).
    pub(super) snippets: bool,
    pub(super) next_id: i32,
}
impl<'c> Server<'c> {
    pub(super) fn start(connection: &'c Connection, params: &lsp::InitializeParams, encoding: Encoding) -> Server<'c> {
        let as_of = params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("asOf"))
            .and_then(Value::as_str)
            .and_then(|d| match d.parse() {
                Ok(date) => Some(date),
                Err(_) => {
                    log(&format!(
                        "`asOf` {d:?} is not a date (YYYY-MM-DD); checking on today's date"
                    ));
                    None
                }
            });
        // `asOf`, like `--as-of`, overrides every council's own `as_of`.
        let as_of_given = as_of.is_some();
        let as_of = as_of.unwrap_or_else(crate::today);
        // Files are known by their canonical paths (one file, however it is reached),
        // and published under the paths the client uses, through the workspace folders
        // as it gave them (which may be symbolic links), so that an open document gets
        // its diagnostics.
        let client_roots = workspace_roots(params);
        let roots: Vec<PathBuf> = client_roots.iter().map(|r| files::canonical(r)).collect();
        let session = Session::new(
            Vec::new(),
            Options {
                as_of,
                stdlib: true,
                as_of_given,
            },
        );
        let snippets = params
            .capabilities
            .experimental
            .as_ref()
            .and_then(|e| e.get("snippetTextEdit"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let mut server = Server {
            connection,
            session,
            encoding,
            roots,
            files: BTreeMap::new(),
            uris: HashMap::new(),
            open: HashSet::new(),
            stdlib_copies: HashMap::new(),
            explanations: None,
            published: HashMap::new(),
            snippets,
            next_id: 0,
        };
        server.write_stdlib_copies();
        if watches_files(params) {
            server.register_file_watcher();
        }
        server
    }

    /// The workspace's files, found and read in the background (a large folder takes a
    /// while, and requests are answered meanwhile): only the workspace folders that look
    /// like projects ([`files::is_project`]) are walked, within [`WalkLimits::EDITOR`];
    /// what is left out, and why, is said to the user. `cancel` stops the walk.
    pub(super) fn walk(&self, params: &lsp::InitializeParams, cancel: Arc<AtomicBool>) -> Receiver<Walked> {
        let (send, receive) = crossbeam_channel::bounded(1);
        let client_roots: Vec<PathBuf> = workspace_roots(params)
            .into_iter()
            .filter(|r| files::is_folder(r))
            .collect();
        std::thread::spawn(move || {
            let mut notes = Vec::new();
            let projects: Vec<PathBuf> = client_roots
                .into_iter()
                .filter(|root| {
                    let project = files::is_project(root);
                    if !project {
                        notes.push(format!(
                            "regard did not read the files below `{}`: it does not look like a project (no `.git`, and no regard file in its top two levels); files you open are still checked",
                            files::display(root)
                        ));
                    }
                    project
                })
                .collect();
            let (found, stopped) = files::find_bounded(&projects, WalkLimits::EDITOR, &cancel).unwrap_or_default();
            match stopped {
                Some(WalkStopped::TooManyEntries(n)) => notes.push(format!(
                    "regard read the regard files among the first {n} files and folders of the workspace and stopped there; open a smaller folder to check all of it"
                )),
                Some(WalkStopped::TooDeep(n)) => notes.push(format!(
                    "regard did not read folders more than {n} levels down in the workspace"
                )),
                Some(WalkStopped::Cancelled) | None => {}
            }
            let read = crate::parallel::map(
                &found,
                64,
                || (),
                |(), f| (files::canonical(&f.path), f.path.clone(), f.read()),
            );
            let _ = send.send(Walked { read, notes });
        });
        receive
    }

    /// Adds the files the walk found (those the editor has open, or that a watcher
    /// already added, keep the text they have), then checks and publishes.
    pub(super) fn load(&mut self, walked: Walked) {
        for note in &walked.notes {
            log(note);
            self.show_message(lsp::MessageType::WARNING, note);
        }
        for (key, client_path, contents) in walked.read {
            if self.files.contains_key(&key) {
                continue;
            }
            let shown = key.to_string_lossy().into_owned();
            let file = SourceFile::new(&self.session.db, shown, contents, Origin::User);
            self.files.insert(key, file);
            if let Some(uri) = uri_of(&client_path) {
                self.uris.insert(file, uri);
            }
        }
        self.sync_file_list();
        log(&format!("checking {} files", self.files.len()));
        let all = self.session.diagnostics_by_file();
        for (file, diagnostics) in all {
            if file.origin(&self.session.db) == Origin::User
                && !diagnostics.is_empty()
                && self.published.get(&file) != Some(&diagnostics)
            {
                self.publish_list(file, diagnostics);
            }
        }
    }

    pub(super) fn db(&self) -> &dyn salsa::Database {
        &self.session.db
    }

    pub(super) fn ws(&self) -> Workspace {
        self.session.workspace
    }

    pub(super) fn send(&self, message: Message) {
        if self.connection.sender.send(message).is_err() {
            log("the client is gone");
        }
    }

    /// Shows the user a message (`window/showMessage`).
    pub(super) fn show_message(&self, typ: lsp::MessageType, message: &str) {
        let params = lsp::ShowMessageParams {
            typ,
            message: message.to_string(),
        };
        self.send(Message::Notification(lsp_server::Notification::new(
            "window/showMessage".into(),
            params,
        )));
    }

    /// Writes the standard library where editors can open it (read-only), and the
    /// explanations of every diagnostic beside it.
    pub(super) fn write_stdlib_copies(&mut self) {
        let Some(dir) = stdlib_dir() else {
            log("no folder to write the standard library to; go to definition will not reach it");
            return;
        };
        let db = &self.session.db;
        for &file in self.session.workspace.files(db) {
            if file.origin(db) != Origin::Stdlib {
                continue;
            }
            let name = file.path(db).trim_start_matches(stdlib::PREFIX).to_string();
            let path = dir.join(&name);
            if files::write_read_only(&path, file.text(db)) {
                self.stdlib_copies.insert(files::canonical(&path), file);
            }
        }
        let stdlib: Vec<&crate::hir::Guidance> = self
            .session
            .guidance()
            .into_iter()
            .filter(|g| g.file.origin(db) == Origin::Stdlib)
            .collect();
        let page = dir.join("diagnostics.md");
        if files::write_read_only(&page, &explain::diagnostics_page(&stdlib)) {
            self.explanations = Some(page);
        }
    }

    pub(super) fn register_file_watcher(&mut self) {
        self.next_id += 1;
        let params = lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "regard-files".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: Some(serde_json::json!({"watchers": [{"globPattern": "**/*.regard"}]})),
            }],
        };
        let request = Request::new(
            RequestId::from(self.next_id),
            "client/registerCapability".into(),
            params,
        );
        self.send(Message::Request(request));
    }

    // ─── Files ──────────────────────────────────────────────────────────────────

    /// The path a URI stands for: a file's path, or the URI itself for a document that
    /// is not a file.
    pub(super) fn key(uri: &lsp::Uri) -> PathBuf {
        path_of(uri)
            .map(|p| files::canonical(&p))
            .unwrap_or_else(|| PathBuf::from(uri.as_str()))
    }

    pub(super) fn file(&self, uri: &lsp::Uri) -> Option<SourceFile> {
        let key = Self::key(uri);
        self.files.get(&key).or_else(|| self.stdlib_copies.get(&key)).copied()
    }

    pub(super) fn uri(&self, file: SourceFile) -> Option<lsp::Uri> {
        match file.origin(self.db()) {
            Origin::User => self.uris.get(&file).cloned(),
            Origin::Stdlib => self
                .stdlib_copies
                .iter()
                .find(|(_, f)| **f == file)
                .and_then(|(p, _)| uri_of(p)),
        }
    }

    pub(super) fn add(&mut self, key: PathBuf, uri: lsp::Uri, contents: Contents) -> SourceFile {
        let shown = key.to_string_lossy().into_owned();
        let file = SourceFile::new(&self.session.db, shown, contents, Origin::User);
        self.files.insert(key, file);
        self.uris.insert(file, uri);
        self.sync_file_list();
        file
    }

    pub(super) fn remove(&mut self, key: &Path) {
        let Some(file) = self.files.remove(key) else { return };
        self.sync_file_list();
        if let Some(uri) = self.uris.remove(&file) {
            self.published.remove(&file);
            self.send_diagnostics(uri, Vec::new());
        }
    }

    pub(super) fn set_text(&mut self, file: SourceFile, contents: Contents) {
        self.session.set_contents(file, contents);
    }

    /// The workspace's file list: the standard library first, then by path.
    pub(super) fn sync_file_list(&mut self) {
        let db = &self.session.db;
        let mut list: Vec<SourceFile> = self
            .session
            .workspace
            .files(db)
            .iter()
            .copied()
            .filter(|f| f.origin(db) == Origin::Stdlib)
            .collect();
        let mut user: Vec<SourceFile> = self.files.values().copied().collect();
        user.sort_by(|a, b| a.path(db).cmp(b.path(db)));
        list.extend(user);
        self.session.set_files(list);
    }

    pub(super) fn under_roots(&self, path: &Path) -> bool {
        self.roots.iter().any(|r| path.starts_with(r))
    }

    // ─── Diagnostics ───────────────────────────────────────────────────────────

    /// Publishes `edited` first (its diagnostics are what the user waits for), then
    /// every other file whose diagnostics changed.
    pub(super) fn republish(&mut self, edited: Option<SourceFile>) {
        if let Some(file) = edited {
            let diagnostics = db::file_diagnostics(self.db(), self.ws(), file).clone();
            self.publish_list(file, diagnostics);
        }
        let files: Vec<SourceFile> = self.files.values().copied().filter(|f| Some(*f) != edited).collect();
        for file in files {
            let current = db::file_diagnostics(self.db(), self.ws(), file);
            if self
                .published
                .get(&file)
                .map_or(current.is_empty(), |old| old == current)
            {
                continue;
            }
            let current = current.clone();
            self.publish_list(file, current);
        }
    }

    pub(super) fn publish_list(&mut self, file: SourceFile, diagnostics: Vec<Diagnostic>) {
        let Some(uri) = self.uri(file) else { return };
        // Each file's line index and each code's link are made once for the whole list,
        // so that publishing takes time in proportion to the findings.
        let mut cache = Converted::default();
        let converted = diagnostics.iter().map(|d| self.to_lsp(d, &mut cache)).collect();
        self.published.insert(file, diagnostics);
        self.send_diagnostics(uri, converted);
    }

    pub(super) fn send_diagnostics(&self, uri: lsp::Uri, diagnostics: Vec<lsp::Diagnostic>) {
        let params = lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        };
        self.send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".into(),
            params,
        )));
    }

    pub(super) fn text(&self, file: SourceFile) -> Text<'_> {
        Text::new(file.text(self.db()), self.encoding)
    }

    pub(super) fn to_lsp<'s>(&'s self, d: &Diagnostic, cache: &mut Converted<'s>) -> lsp::Diagnostic {
        let severity = match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
            Severity::Note => lsp::DiagnosticSeverity::HINT,
        };
        let mut message = d.message.clone();
        if let Some(dep) = &d.departure {
            message.push_str(&format!("\ndeparted from: {}", dep.reason));
        }
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        let related: Vec<lsp::DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .filter_map(|l| {
                Some(lsp::DiagnosticRelatedInformation {
                    location: lsp::Location::new(self.uri(l.file)?, cache.text(self, l.file).range(l.span)),
                    message: l.message.clone(),
                })
            })
            .collect();
        let code = d.code.to_string();
        let link = match cache.links.get(&code) {
            Some(link) => link.clone(),
            None => {
                let link = self.code_link(&d.code, cache);
                cache.links.insert(code.clone(), link.clone());
                link
            }
        };
        lsp::Diagnostic {
            range: cache.text(self, d.file).range(d.span),
            severity: Some(severity),
            code: Some(lsp::NumberOrString::String(code)),
            code_description: link.map(|href| lsp::CodeDescription { href }),
            source: Some("regard".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        }
    }

    /// Where a code is explained: a rule's declaration, or a built-in code's section of
    /// the explanations written beside the standard library.
    pub(super) fn code_link<'s>(&'s self, code: &Code, cache: &mut Converted<'s>) -> Option<lsp::Uri> {
        match code {
            Code::Rule { guidance, rule } => {
                let symbol = ide::Symbol::Rule {
                    guidance: guidance.into(),
                    rule: rule.into(),
                };
                let (file, span) = ide::definition(self.db(), self.ws(), &symbol)?;
                let uri = self.uri(file)?;
                let line = cache.text(self, file).position(span.start).line + 1;
                lsp::Uri::from_str(&format!("{}#L{line}", uri.as_str())).ok()
            }
            Code::Builtin(b) => {
                let page = uri_of(self.explanations.as_ref()?)?;
                let title = b.title();
                let anchor = explain::anchor(&format!("{}: {title}", b.as_str()));
                lsp::Uri::from_str(&format!("{}#{anchor}", page.as_str())).ok()
            }
        }
    }
}

/// The folders of the workspace, canonical.
fn workspace_roots(params: &lsp::InitializeParams) -> Vec<PathBuf> {
    let mut uris: Vec<&lsp::Uri> = params.workspace_folders.iter().flatten().map(|f| &f.uri).collect();
    #[allow(deprecated)]
    if uris.is_empty()
        && let Some(root) = &params.root_uri
    {
        uris.push(root);
    }
    uris.into_iter().filter_map(path_of).collect()
}

fn watches_files(params: &lsp::InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false)
}

/// Where the standard library's read-only copies go: one folder per version of regard
/// in regard's cache folder ([`files::cache_folder`]).
fn stdlib_dir() -> Option<PathBuf> {
    files::cache_folder(&format!("stdlib-{}", env!("CARGO_PKG_VERSION")))
}
