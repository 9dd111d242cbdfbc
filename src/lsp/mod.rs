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
    let status = match serve(&stdio.connection) {
        Ok(()) => 0,
        Err(e) => {
            log(&format!("stopped: {e}"));
            1
        }
    };
    stdio.join();
    status
}

fn log(message: &str) {
    let _ = std::io::Write::write_fmt(&mut std::io::stderr(), format_args!("regard lsp: {message}\n"));
}

/// Serves one client on `connection`: the handshake, then every message until `exit`.
pub fn serve(connection: &Connection) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: lsp::InitializeParams = serde_json::from_value(params.clone()).unwrap_or_else(|e| {
        log(&format!("initialize parameters not understood ({e}); using defaults"));
        lsp::InitializeParams::default()
    });
    let encoding = negotiate_encoding(&params.capabilities);
    let capabilities = server_capabilities(encoding);
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": {"name": "regard", "version": env!("CARGO_PKG_VERSION")},
    });
    connection.initialize_finish(id, result).map_err(|e| e.to_string())?;

    let mut server = Server::start(connection, &params, encoding);
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                    return Ok(());
                }
                let response = server.request(request);
                server.send(Message::Response(response));
            }
            Message::Notification(notification) => {
                if notification.method == "exit" {
                    return Ok(());
                }
                server.notification(notification);
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
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
        let roots = workspace_roots(params);
        let found =
            files::collect(&roots.iter().filter(|r| r.is_dir()).cloned().collect::<Vec<_>>()).unwrap_or_default();
        let inputs: Vec<Input> = found
            .into_iter()
            .map(|input| Input {
                path: std::fs::canonicalize(&input.path)
                    .unwrap_or_else(|_| PathBuf::from(&input.path))
                    .to_string_lossy()
                    .into_owned(),
                contents: input.contents,
            })
            .collect();
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
                if let Some(uri) = uri_of(&path) {
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
            if write_read_only(&path, file.text(db)) {
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
        if write_read_only(&page, &explain::diagnostics_page(&stdlib)) {
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
        let converted = diagnostics.iter().map(|d| self.to_lsp(d)).collect();
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

    fn to_lsp(&self, d: &Diagnostic) -> lsp::Diagnostic {
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
                    location: lsp::Location::new(self.uri(l.file)?, self.text(l.file).range(l.span)),
                    message: l.message.clone(),
                })
            })
            .collect();
        lsp::Diagnostic {
            range: self.text(d.file).range(d.span),
            severity: Some(severity),
            code: Some(lsp::NumberOrString::String(d.code.to_string())),
            code_description: self.code_link(&d.code).map(|href| lsp::CodeDescription { href }),
            source: Some("regard".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        }
    }

    /// Where a code is explained: a rule's declaration, or a built-in code's section of
    /// the explanations written beside the standard library.
    fn code_link(&self, code: &Code) -> Option<lsp::Uri> {
        match code {
            Code::Rule { guidance, rule } => {
                let symbol = ide::Symbol::Rule {
                    guidance: guidance.into(),
                    rule: rule.into(),
                };
                let (file, span) = ide::definition(self.db(), self.ws(), &symbol)?;
                let uri = self.uri(file)?;
                let line = self.text(file).position(span.start).line + 1;
                lsp::Uri::from_str(&format!("{}#L{line}", uri.as_str())).ok()
            }
            Code::Builtin(b) => {
                let page = uri_of(self.explanations.as_ref()?)?;
                let title = explain::builtin(*b).map(|e| e.title).unwrap_or_default();
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
                    "diagnostics": [self.to_lsp(d)],
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
    uris.into_iter()
        .filter_map(path_of)
        .map(|p| std::fs::canonicalize(&p).unwrap_or(p))
        .collect()
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
/// user's cache folder, else the temporary folder; one folder per version of regard.
fn stdlib_dir() -> Option<PathBuf> {
    let base = std::env::var_os("REGARD_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("regard")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache").join("regard")));
    let version = format!("stdlib-{}", env!("CARGO_PKG_VERSION"));
    [base, Some(std::env::temp_dir().join("regard"))]
        .into_iter()
        .flatten()
        .map(|b| b.join(&version))
        .find(|dir| std::fs::create_dir_all(dir).is_ok())
}

/// Writes `text` to `path` unless it is already there, and leaves the file read-only.
fn write_read_only(path: &Path, text: &str) -> bool {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return true;
    }
    if let Ok(meta) = std::fs::metadata(path) {
        let mut permissions = meta.permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        let _ = std::fs::set_permissions(path, permissions);
    }
    if std::fs::write(path, text).is_err() {
        return false;
    }
    if let Ok(meta) = std::fs::metadata(path) {
        let mut permissions = meta.permissions();
        permissions.set_readonly(true);
        let _ = std::fs::set_permissions(path, permissions);
    }
    true
}
