//! The server's loop: the handshake (`initialize`, with the capabilities and position
//! encoding agreed), then every message in turn until `exit`, each dispatched to its
//! handler by method.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::Value;

use super::global_state::Server;
use super::{Encoding, log};

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
    // The workspace is walked and read in the background; requests are answered
    // meanwhile, and shutting down stops the walk.
    let cancel = Arc::new(AtomicBool::new(false));
    let mut walked = server.walk(&params, Arc::clone(&cancel));
    let stop = || cancel.store(true, Ordering::Relaxed);
    // What a client sends in the first moments waits for the walk, so that a small
    // workspace is answered whole; past the deadline, requests are answered on what is
    // loaded so far, and the rest follows when the walk ends.
    let deadline = Instant::now() + WALK_WAIT;
    let mut walking = true;
    let mut shut_down = false;
    loop {
        crossbeam_channel::select! {
            recv(connection.receiver) -> message => {
                let Ok(message) = message else { break };
                let ends = matches!(&message, Message::Request(r) if r.method == "shutdown")
                    || matches!(&message, Message::Notification(n) if n.method == "exit");
                if walking && !ends && let Ok(result) = walked.recv_deadline(deadline) {
                    walking = false;
                    walked = crossbeam_channel::never();
                    server.load(result);
                }
                match message {
                    Message::Request(request) if shut_down => server.send(Message::Response(Response::new_err(
                        request.id,
                        ErrorCode::InvalidRequest as i32,
                        "the server is shutting down; only `exit` is expected".into(),
                    ))),
                    Message::Request(request) if request.method == "shutdown" => {
                        shut_down = true;
                        stop();
                        server.send(Message::Response(Response::new_ok(request.id, ())));
                    }
                    Message::Request(request) => {
                        let response = server.request(request);
                        server.send(Message::Response(response));
                    }
                    Message::Notification(notification) if notification.method == "exit" => {
                        stop();
                        return if shut_down { 0 } else { 1 };
                    }
                    Message::Notification(_) if shut_down => {}
                    Message::Notification(notification) => server.notification(notification),
                    Message::Response(_) => {}
                }
            }
            recv(walked) -> result => {
                // Once: afterwards the walk's channel is never ready again.
                walking = false;
                walked = crossbeam_channel::never();
                if let Ok(result) = result
                    && !shut_down
                {
                    server.load(result);
                }
            }
        }
    }
    stop();
    1
}

/// How long, from the start, what the client sends waits for the workspace walk.
const WALK_WAIT: Duration = Duration::from_secs(2);

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
        folding_range_provider: Some(lsp::FoldingRangeProviderCapability::Simple(true)),
        workspace_symbol_provider: Some(lsp::OneOf::Left(true)),
        semantic_tokens_provider: Some(lsp::SemanticTokensServerCapabilities::SemanticTokensOptions(
            lsp::SemanticTokensOptions {
                legend: super::handlers::token_legend(),
                full: Some(lsp::SemanticTokensFullOptions::Bool(true)),
                range: Some(false),
                work_done_progress_options: Default::default(),
            },
        )),
        document_link_provider: Some(lsp::DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        }),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        code_lens_provider: Some(lsp::CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(lsp::ExecuteCommandOptions {
            commands: vec![super::handlers::BREAKS_COMMAND.into()],
            ..Default::default()
        }),
        ..Default::default()
    }
}

impl Server<'_> {
    pub(super) fn notification(&mut self, n: Notification) {
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

    pub(super) fn request(&mut self, r: Request) -> Response {
        let id = r.id.clone();
        let result = match r.method.as_str() {
            "textDocument/hover" => self.params(r).map(|p| self.hover(p)),
            "textDocument/definition" => self.params(r).map(|p| self.definition(p)),
            "textDocument/references" => self.params(r).map(|p| self.references(p)),
            "textDocument/completion" => self.params(r).map(|p| self.completion(p)),
            "textDocument/codeAction" => self.params(r).map(|p| self.code_actions(p)),
            "textDocument/documentSymbol" => self.params(r).map(|p| self.document_symbols(p)),
            "textDocument/formatting" => self.params(r).map(|p| self.formatting(p)),
            "textDocument/codeLens" => self.params(r).map(|p| self.code_lenses(p)),
            "textDocument/foldingRange" => self.params(r).map(|p| self.folding_ranges(p)),
            "workspace/symbol" => self.params(r).map(|p| self.workspace_symbols(p)),
            "textDocument/semanticTokens/full" => self.params(r).map(|p| self.semantic_tokens(p)),
            "textDocument/documentLink" => self.params(r).map(|p| self.document_links(p)),
            "textDocument/prepareRename" => {
                let id = r.id.clone();
                self.params(r).and_then(|p| self.prepare_rename(id, p))
            }
            "textDocument/rename" => {
                let id = r.id.clone();
                self.params(r).and_then(|p| self.rename(id, p))
            }
            "workspace/executeCommand" => {
                let id = r.id.clone();
                self.params(r).and_then(|p| self.execute_command(id, p))
            }
            method => Err(Response::new_err(
                id.clone(),
                ErrorCode::MethodNotFound as i32,
                format!("regard does not handle `{method}`"),
            )),
        };
        match result {
            // Not `Response::new_ok`, which would copy the whole value through serde (for
            // the outline of a large document, seconds).
            Ok(value) => Response {
                id,
                response_result: Ok(value),
            },
            Err(response) => response,
        }
    }
}
