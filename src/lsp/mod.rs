//! The language server (`regard lsp`): the same diagnostics as `regard check`, live, with
//! hover, go to definition, references, completion, fixes and the outline of a file.
//!
//! This is the only module that knows the Language Server Protocol. It keeps the
//! workspace (every `*.regard` under the workspace folders, the standard library, and
//! the documents the editor has open, whose text wins over the disk) in the salsa
//! database, sets one file's text on each edit and queries again: salsa recomputes only
//! what depends on the edit. Messages are handled one at a time on one thread, so no
//! database handle outlives a write.

mod convert;
mod transport;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::Value;

pub use convert::Encoding;
use convert::{Text, path_of, uri_of};

use crate::db::{self, Contents, Origin, SourceFile, Workspace};
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::ide::{self, completion::CompletionKind};
use crate::syntax::Span;
use crate::{Input, Options, Session, explain, files, fmt, stdlib};

/// Runs the server over standard input and output until the client says `exit`, or the
/// input ends. Returns the process's exit status.
pub fn run_stdio() -> u8 {
    let stdio = transport::Stdio::start();
    let status = serve(&stdio.connection);
    stdio.join();
    status
}

fn log(message: &str) {
    let _ = std::io::Write::write_fmt(&mut std::io::stderr(), format_args!("regard lsp: {message}\n"));
}

/// Serves one client on `connection`: the handshake, then every message until `exit`.
/// Returns the exit status the protocol asks for: 0 when `exit` follows `shutdown`, 1
/// otherwise (an `exit` without `shutdown`, or the input ending without `exit`).
///
/// The server never ends on a client's mistake: before `initialize`, requests are
/// answered ServerNotInitialized and notifications dropped; any notification may come
/// between the initialize response and `initialized` (`$/setTrace`, say); after
/// `shutdown`, requests are answered InvalidRequest.
pub fn serve(connection: &Connection) -> u8 {
    let Some((id, params)) = wait_for_initialize(connection) else {
        return 1;
    };
    let params: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_else(|e| {
        log(&format!("initialize parameters not understood ({e}); using defaults"));
        lsp::InitializeParams::default()
    });
    let encoding = negotiate_encoding(&params.capabilities);
    let capabilities = server_capabilities(encoding);
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": {"name": "regard", "version": env!("CARGO_PKG_VERSION")},
    });
    if connection
        .sender
        .send(Message::Response(Response::new_ok(id, result)))
        .is_err()
    {
        return 1;
    }

    let mut server = Server::start(connection, &params, encoding);
    let mut shut_down = false;
    for message in &connection.receiver {
        match message {
            Message::Request(request) if shut_down => server.send(Message::Response(Response::new_err(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down; only `exit` is expected".into(),
            ))),
            Message::Request(request) if request.method == "shutdown" => {
                shut_down = true;
                server.send(Message::Response(Response::new_ok(request.id, ())));
            }
            Message::Request(request) => {
                let response = server.request(request);
                server.send(Message::Response(response));
            }
            Message::Notification(notification) if notification.method == "exit" => {
                return if shut_down { 0 } else { 1 };
            }
            Message::Notification(_) if shut_down => {}
            Message::Notification(notification) => server.notification(notification),
            Message::Response(_) => {}
        }
    }
    1
}

/// Waits for the `initialize` request, answering any other request with
/// ServerNotInitialized; `None` if the input ends or the client says `exit` first.
fn wait_for_initialize(connection: &Connection) -> Option<(RequestId, Value)> {
    for message in &connection.receiver {
        match message {
            Message::Request(r) if r.method == "initialize" => return Some((r.id, r.params)),
            Message::Request(r) => {
                let reply = Response::new_err(
                    r.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "the server is not initialized yet".into(),
                );
                connection.sender.send(Message::Response(reply)).ok()?;
            }
            Message::Notification(n) if n.method == "exit" => return None,
            Message::Notification(_) | Message::Response(_) => {}
        }
    }
    None
}

/// UTF-8 when the client offers it, else UTF-16 (the protocol's default).
fn negotiate_encoding(capabilities: &lsp::ClientCapabilities) -> Encoding {
    let offered = capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(kinds) if kinds.contains(&lsp::PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

fn server_capabilities(encoding: Encoding) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
            ..Default::default()
        })),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![" ".into(), ",".into(), ".".into()]),
            ..Default::default()
        }),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
            code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        ..Default::default()
    }
}

/// What converting one list of diagnostics reuses: each file's line index, and each
/// code's link.
#[derive(Default)]
struct Converted<'s> {
    texts: HashMap<SourceFile, Text<'s>>,
    links: HashMap<String, Option<lsp::Uri>>,
}

impl<'s> Converted<'s> {
    fn text(&mut self, server: &'s Server, file: SourceFile) -> &Text<'s> {
        self.texts.entry(file).or_insert_with(|| server.text(file))
    }
}

struct Server<'c> {
    connection: &'c Connection,
    session: Session,
    encoding: Encoding,
    roots: Vec<PathBuf>,
    /// The user's files, by path (or, for a document that is not a file, its URI).
    files: BTreeMap<PathBuf, SourceFile>,
    uris: HashMap<SourceFile, lsp::Uri>,
    /// Documents the editor has open: their text comes from the editor.
    open: HashSet<PathBuf>,
    /// The read-only copies of the standard library, for going to its definitions.
    stdlib_copies: HashMap<PathBuf, SourceFile>,
    /// docs/diagnostics.md, written beside the standard library, for code links.
    explanations: Option<PathBuf>,
    published: HashMap<SourceFile, Vec<Diagnostic>>,
    /// The client applies snippet text edits (`experimental.snippetTextEdit`).
    snippets: bool,
    next_id: i32,
}

impl<'c> Server<'c> {
    fn start(connection: &'c Connection, params: &lsp::InitializeParams, encoding: Encoding) -> Server<'c> {
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
            })
            .unwrap_or_else(crate::today);
        // Files are known by their canonical paths (one file, however it is reached),
        // and published under the paths the client uses, through the workspace folders
        // as it gave them (which may be symbolic links), so that an open document gets
        // its diagnostics.
        let client_roots = workspace_roots(params);
        let roots: Vec<PathBuf> = client_roots
            .iter()
            .map(|r| std::fs::canonicalize(r).unwrap_or_else(|_| r.clone()))
            .collect();
        let found =
            files::find(&client_roots.iter().filter(|r| r.is_dir()).cloned().collect::<Vec<_>>()).unwrap_or_default();
        let read = crate::parallel::map(
            &found,
            64,
            || (),
            |(), f| {
                let key = std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone());
                (key, f.path.clone(), f.read())
            },
        );
        let mut client_paths: HashMap<PathBuf, PathBuf> = HashMap::new();
        let mut inputs = Vec::with_capacity(read.len());
        for (key, client_path, contents) in read {
            inputs.push(Input {
                path: key.to_string_lossy().into_owned(),
                contents,
            });
            client_paths.insert(key, client_path);
        }
        let session = Session::new(inputs, Options { as_of, stdlib: true });
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
        for file in server.session.workspace.files(&server.session.db).clone() {
            let path = PathBuf::from(file.path(&server.session.db));
            if file.origin(&server.session.db) == Origin::User {
                if let Some(uri) = uri_of(client_paths.get(&path).unwrap_or(&path)) {
                    server.uris.insert(file, uri);
                }
                server.files.insert(path, file);
            }
        }
        server.write_stdlib_copies();
        if watches_files(params) {
            server.register_file_watcher();
        }
        log(&format!("checking {} files", server.files.len()));
        let all = server.session.diagnostics_by_file();
        for (file, diagnostics) in all {
            if file.origin(&server.session.db) == Origin::User && !diagnostics.is_empty() {
                server.publish_list(file, diagnostics);
            }
        }
        server
    }

    fn db(&self) -> &dyn salsa::Database {
        &self.session.db
    }

    fn ws(&self) -> Workspace {
        self.session.workspace
    }

    fn send(&self, message: Message) {
        if self.connection.sender.send(message).is_err() {
            log("the client is gone");
        }
    }

    /// Writes the standard library where editors can open it (read-only), and the
    /// explanations of every diagnostic beside it.
    fn write_stdlib_copies(&mut self) {
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
                self.stdlib_copies
                    .insert(std::fs::canonicalize(&path).unwrap_or(path), file);
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

    fn register_file_watcher(&mut self) {
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
    fn key(uri: &lsp::Uri) -> PathBuf {
        path_of(uri)
            .map(|p| std::fs::canonicalize(&p).unwrap_or(p))
            .unwrap_or_else(|| PathBuf::from(uri.as_str()))
    }

    fn file(&self, uri: &lsp::Uri) -> Option<SourceFile> {
        let key = Self::key(uri);
        self.files.get(&key).or_else(|| self.stdlib_copies.get(&key)).copied()
    }

    fn uri(&self, file: SourceFile) -> Option<lsp::Uri> {
        match file.origin(self.db()) {
            Origin::User => self.uris.get(&file).cloned(),
            Origin::Stdlib => self
                .stdlib_copies
                .iter()
                .find(|(_, f)| **f == file)
                .and_then(|(p, _)| uri_of(p)),
        }
    }

    fn add(&mut self, key: PathBuf, uri: lsp::Uri, contents: Contents) -> SourceFile {
        let shown = key.to_string_lossy().into_owned();
        let file = SourceFile::new(&self.session.db, shown, contents, Origin::User);
        self.files.insert(key, file);
        self.uris.insert(file, uri);
        self.sync_file_list();
        file
    }

    fn remove(&mut self, key: &Path) {
        let Some(file) = self.files.remove(key) else { return };
        self.sync_file_list();
        if let Some(uri) = self.uris.remove(&file) {
            self.published.remove(&file);
            self.send_diagnostics(uri, Vec::new());
        }
    }

    fn set_text(&mut self, file: SourceFile, contents: Contents) {
        self.session.set_contents(file, contents);
    }

    /// The workspace's file list: the standard library first, then by path.
    fn sync_file_list(&mut self) {
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

    fn under_roots(&self, path: &Path) -> bool {
        self.roots.iter().any(|r| path.starts_with(r))
    }

    // ─── Diagnostics ───────────────────────────────────────────────────────────

    /// Publishes `edited` first (its diagnostics are what the user waits for), then
    /// every other file whose diagnostics changed.
    fn republish(&mut self, edited: Option<SourceFile>) {
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

    fn publish_list(&mut self, file: SourceFile, diagnostics: Vec<Diagnostic>) {
        let Some(uri) = self.uri(file) else { return };
        // Each file's line index and each code's link are made once for the whole list,
        // so that publishing takes time in proportion to the findings.
        let mut cache = Converted::default();
        let converted = diagnostics.iter().map(|d| self.to_lsp(d, &mut cache)).collect();
        self.published.insert(file, diagnostics);
        self.send_diagnostics(uri, converted);
    }

    fn send_diagnostics(&self, uri: lsp::Uri, diagnostics: Vec<lsp::Diagnostic>) {
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

    fn text(&self, file: SourceFile) -> Text<'_> {
        Text::new(file.text(self.db()), self.encoding)
    }

    fn to_lsp<'s>(&'s self, d: &Diagnostic, cache: &mut Converted<'s>) -> lsp::Diagnostic {
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
    fn code_link<'s>(&'s self, code: &Code, cache: &mut Converted<'s>) -> Option<lsp::Uri> {
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

    // ─── Notifications ─────────────────────────────────────────────────────────

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params) {
                    self.did_open(p.text_document.uri, p.text_document.text);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params) {
                    self.did_change(p);
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) {
                    self.did_close(p.text_document.uri);
                }
            }
            "workspace/didChangeWatchedFiles" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeWatchedFilesParams>(n.params) {
                    self.did_change_watched_files(p);
                }
            }
            _ => {}
        }
    }

    fn did_open(&mut self, uri: lsp::Uri, text: String) {
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

    fn did_change(&mut self, p: lsp::DidChangeTextDocumentParams) {
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

    fn did_close(&mut self, uri: lsp::Uri) {
        let key = Self::key(&uri);
        if !self.open.remove(&key) {
            return;
        }
        match self.files.get(&key).copied() {
            Some(file) if key.is_file() && self.under_roots(&key) => {
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

    fn did_change_watched_files(&mut self, p: lsp::DidChangeWatchedFilesParams) {
        for change in p.changes {
            let key = Self::key(&change.uri);
            let is_regard = key.extension().is_some_and(|e| e == "regard");
            if self.open.contains(&key) || !is_regard || self.stdlib_copies.contains_key(&key) {
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

    // ─── Requests ──────────────────────────────────────────────────────────────

    fn request(&mut self, r: Request) -> Response {
        let id = r.id.clone();
        let result = match r.method.as_str() {
            "textDocument/hover" => self.params(r).map(|p| self.hover(p)),
            "textDocument/definition" => self.params(r).map(|p| self.definition(p)),
            "textDocument/references" => self.params(r).map(|p| self.references(p)),
            "textDocument/completion" => self.params(r).map(|p| self.completion(p)),
            "textDocument/codeAction" => self.params(r).map(|p| self.code_actions(p)),
            "textDocument/documentSymbol" => self.params(r).map(|p| self.document_symbols(p)),
            "textDocument/formatting" => self.params(r).map(|p| self.formatting(p)),
            method => Err(Response::new_err(
                id.clone(),
                ErrorCode::MethodNotFound as i32,
                format!("regard does not handle `{method}`"),
            )),
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err(response) => response,
        }
    }

    fn params<P: serde::de::DeserializeOwned>(&self, r: Request) -> Result<P, Response> {
        serde_json::from_value(r.params).map_err(|e| {
            Response::new_err(
                r.id,
                ErrorCode::InvalidParams as i32,
                format!("invalid parameters: {e}"),
            )
        })
    }

    /// The file and byte offset of a position, if the document is known.
    fn locate(&self, at: &lsp::TextDocumentPositionParams) -> Option<(SourceFile, u32)> {
        let file = self.file(&at.text_document.uri)?;
        Some((file, self.text(file).offset(at.position)))
    }

    fn location(&self, file: SourceFile, span: Span) -> Option<lsp::Location> {
        Some(lsp::Location::new(self.uri(file)?, self.text(file).range(span)))
    }

    /// The edits that put a document in the canonical layout; none when it is already,
    /// and null when it cannot be formatted (it has syntax errors, shown as diagnostics).
    fn formatting(&self, p: lsp::DocumentFormattingParams) -> Value {
        let Some(file) = self.file(&p.text_document.uri) else {
            return Value::Null;
        };
        match fmt::format_file(self.db(), file) {
            fmt::Outcome::Unchanged => Value::Array(Vec::new()),
            fmt::Outcome::Refused(_) => Value::Null,
            fmt::Outcome::Changed(formatted) => {
                let text = self.text(file);
                let edits: Vec<lsp::TextEdit> = fmt::line_edits(file.text(self.db()), &formatted)
                    .into_iter()
                    .map(|(span, replacement)| lsp::TextEdit::new(text.range(span), replacement))
                    .collect();
                serde_json::to_value(edits).unwrap_or(Value::Null)
            }
        }
    }

    fn hover(&self, p: lsp::HoverParams) -> Value {
        let Some((file, offset)) = self.locate(&p.text_document_position_params) else {
            return Value::Null;
        };
        match ide::hover(self.db(), self.ws(), file, offset) {
            Some(h) => serde_json::to_value(lsp::Hover {
                contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                    kind: lsp::MarkupKind::Markdown,
                    value: h.markdown,
                }),
                range: Some(self.text(file).range(h.span)),
            })
            .unwrap_or(Value::Null),
            None => Value::Null,
        }
    }

    fn definition(&self, p: lsp::GotoDefinitionParams) -> Value {
        let Some((file, offset)) = self.locate(&p.text_document_position_params) else {
            return Value::Null;
        };
        let target = ide::symbol_at(self.db(), self.ws(), file, offset)
            .and_then(|o| ide::definition(self.db(), self.ws(), &o.symbol))
            .and_then(|(f, span)| self.location(f, span));
        serde_json::to_value(target).unwrap_or(Value::Null)
    }

    fn references(&self, p: lsp::ReferenceParams) -> Value {
        let Some((file, offset)) = self.locate(&p.text_document_position) else {
            return Value::Null;
        };
        let Some(o) = ide::symbol_at(self.db(), self.ws(), file, offset) else {
            return Value::Null;
        };
        let declaration = ide::definition(self.db(), self.ws(), &o.symbol);
        let locations: Vec<lsp::Location> = ide::references(self.db(), self.ws(), &o.symbol)
            .into_iter()
            .filter(|r| p.context.include_declaration || Some(*r) != declaration)
            .filter_map(|(f, span)| self.location(f, span))
            .collect();
        serde_json::to_value(locations).unwrap_or(Value::Null)
    }

    fn completion(&self, p: lsp::CompletionParams) -> Value {
        let Some((file, offset)) = self.locate(&p.text_document_position) else {
            return Value::Null;
        };
        let found = ide::completion::completions(self.db(), self.ws(), file, offset);
        let range = self.text(file).range(found.replace);
        let items: Vec<lsp::CompletionItem> = found
            .items
            .into_iter()
            .map(|c| lsp::CompletionItem {
                kind: Some(completion_kind(c.kind)),
                detail: c.detail,
                text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
                    range,
                    c.label.clone(),
                ))),
                label: c.label,
                ..Default::default()
            })
            .collect();
        serde_json::to_value(lsp::CompletionResponse::Array(items)).unwrap_or(Value::Null)
    }

    fn code_actions(&self, p: lsp::CodeActionParams) -> Value {
        let Some(file) = self.file(&p.text_document.uri) else {
            return Value::Null;
        };
        let Some(uri) = self.uri(file) else { return Value::Null };
        let text = self.text(file);
        // Every diagnostic on the lines asked about: a cursor anywhere on a line gets
        // that line's fixes.
        let line_start = lsp::Position::new(p.range.start.line, 0);
        let line_end = lsp::Position::new(p.range.end.line, u32::MAX);
        let (from, to) = (text.offset(line_start), text.offset(line_end));
        let mut actions = Vec::new();
        for d in db::file_diagnostics(self.db(), self.ws(), file) {
            if d.span.end < from || d.span.start > to {
                continue;
            }
            for fix in &d.fixes {
                let edits: Vec<Value> = fix
                    .edits
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        let last = i + 1 == fix.edits.len();
                        match (fix.cursor, self.snippets && last) {
                            (Some(cursor), true) => {
                                let (head, tail) = e.text.split_at((cursor as usize).min(e.text.len()));
                                let escape = |s: &str| s.replace('\\', "\\\\").replace('$', "\\$").replace('}', "\\}");
                                serde_json::json!({
                                    "range": text.range(e.span),
                                    "newText": format!("{}$0{}", escape(head), escape(tail)),
                                    "insertTextFormat": 2,
                                })
                            }
                            _ => serde_json::to_value(lsp::TextEdit::new(text.range(e.span), e.text.clone()))
                                .unwrap_or(Value::Null),
                        }
                    })
                    .collect();
                let edit = match self.snippets && fix.cursor.is_some() {
                    true => {
                        serde_json::json!({"documentChanges": [{"textDocument": {"uri": uri, "version": null}, "edits": edits}]})
                    }
                    false => serde_json::json!({"changes": {uri.as_str(): edits}}),
                };
                actions.push(serde_json::json!({
                    "title": fix.title,
                    "kind": "quickfix",
                    "diagnostics": [self.to_lsp(d, &mut Converted::default())],
                    "edit": edit,
                    "isPreferred": fix.title.starts_with("replace"),
                }));
            }
        }
        Value::Array(actions)
    }

    fn document_symbols(&self, p: lsp::DocumentSymbolParams) -> Value {
        let Some(file) = self.file(&p.text_document.uri) else {
            return Value::Null;
        };
        let text = self.text(file);
        #[allow(deprecated)]
        fn convert(o: ide::Outline, text: &Text<'_>) -> lsp::DocumentSymbol {
            use crate::syntax::ast::{PostKind, VocabKind};
            let kind = match o.kind {
                ide::OutlineKind::Council => lsp::SymbolKind::MODULE,
                ide::OutlineKind::Guidance => lsp::SymbolKind::NAMESPACE,
                ide::OutlineKind::Rule => lsp::SymbolKind::FUNCTION,
                ide::OutlineKind::Post(PostKind::Officer) => lsp::SymbolKind::OBJECT,
                ide::OutlineKind::Post(PostKind::Member) => lsp::SymbolKind::OBJECT,
                ide::OutlineKind::Record => lsp::SymbolKind::EVENT,
                ide::OutlineKind::Vocabulary(VocabKind::Role) => lsp::SymbolKind::CLASS,
                ide::OutlineKind::Vocabulary(VocabKind::Body) => lsp::SymbolKind::STRUCT,
                ide::OutlineKind::Vocabulary(VocabKind::Function) => lsp::SymbolKind::METHOD,
                ide::OutlineKind::Vocabulary(VocabKind::Element) => lsp::SymbolKind::FIELD,
                ide::OutlineKind::Vocabulary(VocabKind::Flag) => lsp::SymbolKind::ENUM_MEMBER,
                ide::OutlineKind::Vocabulary(VocabKind::Relation) => lsp::SymbolKind::PROPERTY,
            };
            lsp::DocumentSymbol {
                name: o.name,
                detail: o.detail,
                kind,
                tags: None,
                deprecated: None,
                range: text.range(o.span),
                selection_range: text.range(o.name_span),
                children: Some(o.children.into_iter().map(|c| convert(c, text)).collect()),
            }
        }
        let symbols: Vec<lsp::DocumentSymbol> = ide::outline(self.db(), file)
            .into_iter()
            .map(|o| convert(o, &text))
            .collect();
        serde_json::to_value(lsp::DocumentSymbolResponse::Nested(symbols)).unwrap_or(Value::Null)
    }
}

fn completion_kind(kind: CompletionKind) -> lsp::CompletionItemKind {
    use crate::hir::DefKind;
    match kind {
        CompletionKind::Keyword => lsp::CompletionItemKind::KEYWORD,
        CompletionKind::Name(DefKind::Role) => lsp::CompletionItemKind::CLASS,
        CompletionKind::Name(DefKind::Body) => lsp::CompletionItemKind::STRUCT,
        CompletionKind::Name(DefKind::Function) => lsp::CompletionItemKind::FUNCTION,
        CompletionKind::Name(DefKind::Element) => lsp::CompletionItemKind::FIELD,
        CompletionKind::Name(DefKind::Flag) => lsp::CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Name(DefKind::Relation) => lsp::CompletionItemKind::PROPERTY,
        CompletionKind::Name(DefKind::Guidance | DefKind::Council) => lsp::CompletionItemKind::MODULE,
        CompletionKind::Post => lsp::CompletionItemKind::VARIABLE,
        CompletionKind::Rule => lsp::CompletionItemKind::CONSTANT,
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

/// Where the standard library's read-only copies go: `$REGARD_CACHE_DIR`, else the
/// user's cache folder, else a private folder in the temporary folder
/// ([`files::private_folder`]); one folder per version of regard.
fn stdlib_dir() -> Option<PathBuf> {
    let base = std::env::var_os("REGARD_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("regard")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache").join("regard")));
    let version = format!("stdlib-{}", env!("CARGO_PKG_VERSION"));
    let chosen: Vec<PathBuf> = base.into_iter().map(|b| b.join(&version)).collect();
    files::private_folder(&chosen)
        .map(|dir| match chosen.contains(&dir) {
            true => dir,
            false => dir.join(&version),
        })
        .filter(|dir| dir.is_dir() || std::fs::create_dir(dir).is_ok())
}
