//! The server's answer to each request: hover, definition, references, completion,
//! code actions (fixes), the outline, and formatting. Each turns protocol types into a
//! call of `crate::ide` (or `crate::fmt`) and its answer back.

use lsp_server::{ErrorCode, Request, Response};
use lsp_types as lsp;
use serde_json::Value;

use crate::db::{self, SourceFile};
use crate::fmt;
use crate::ide::{self, completion::CompletionKind};
use crate::lsp::convert::Text;
use crate::lsp::global_state::Converted;
use crate::lsp::global_state::Server;
use crate::syntax::Span;
use crate::{explain, files};

impl Server<'_> {
    pub(in crate::lsp) fn params<P: serde::de::DeserializeOwned>(&self, r: Request) -> Result<P, Response> {
        serde_json::from_value(r.params).map_err(|e| {
            Response::new_err(
                r.id,
                ErrorCode::InvalidParams as i32,
                format!("invalid parameters: {e}"),
            )
        })
    }

    /// The file and byte offset of a position, if the document is known.
    pub(in crate::lsp) fn locate(&self, at: &lsp::TextDocumentPositionParams) -> Option<(SourceFile, u32)> {
        let file = self.file(&at.text_document.uri)?;
        Some((file, self.text(file).offset(at.position)))
    }

    pub(in crate::lsp) fn location(&self, file: SourceFile, span: Span) -> Option<lsp::Location> {
        Some(lsp::Location::new(self.uri(file)?, self.text(file).range(span)))
    }

    /// The edits that put a document in the canonical layout; none when it is already,
    /// and null when it cannot be formatted (it has syntax errors, shown as diagnostics).
    pub(in crate::lsp) fn formatting(&self, p: lsp::DocumentFormattingParams) -> Value {
        let Some(file) = self.file(&p.text_document.uri) else {
            return Value::Null;
        };
        // A document the editor does not have open is the file on disk: edits made from
        // an older reading of it would undo what changed since, so none are made.
        let key = Server::key(&p.text_document.uri);
        if !self.open.contains(&key) && files::read(&key) != *file.contents(self.db()) {
            self.show_message(
                lsp::MessageType::WARNING,
                &format!(
                    "regard did not format `{}`: it changed on disk since regard read it; open it, or format it again",
                    file.path(self.db())
                ),
            );
            return Value::Null;
        }
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

    pub(in crate::lsp) fn hover(&self, p: lsp::HoverParams) -> Value {
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

    pub(in crate::lsp) fn definition(&self, p: lsp::GotoDefinitionParams) -> Value {
        let Some((file, offset)) = self.locate(&p.text_document_position_params) else {
            return Value::Null;
        };
        let target = ide::symbol_at(self.db(), self.ws(), file, offset)
            .and_then(|o| ide::definition(self.db(), self.ws(), &o.symbol))
            .and_then(|(f, span)| self.location(f, span));
        serde_json::to_value(target).unwrap_or(Value::Null)
    }

    pub(in crate::lsp) fn references(&self, p: lsp::ReferenceParams) -> Value {
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

    pub(in crate::lsp) fn completion(&self, p: lsp::CompletionParams) -> Value {
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

    pub(in crate::lsp) fn code_actions(&self, p: lsp::CodeActionParams) -> Value {
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

    pub(in crate::lsp) fn document_symbols(&self, p: lsp::DocumentSymbolParams) -> Value {
        let Some(file) = self.file(&p.text_document.uri) else {
            return Value::Null;
        };
        let text = self.text(file);
        #[allow(deprecated)]
        fn convert(o: ide::Outline, text: &Text<'_>) -> lsp::DocumentSymbol {
            let kind = symbol_kind(o.kind);
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

/// The protocol's kind of symbol for an outline entry.
fn symbol_kind(kind: ide::OutlineKind) -> lsp::SymbolKind {
    use crate::syntax::ast::{PostKind, VocabKind};
    match kind {
        ide::OutlineKind::Council => lsp::SymbolKind::MODULE,
        ide::OutlineKind::Guidance => lsp::SymbolKind::NAMESPACE,
        ide::OutlineKind::Rule => lsp::SymbolKind::FUNCTION,
        ide::OutlineKind::Post(PostKind::Officer | PostKind::Member) => lsp::SymbolKind::OBJECT,
        ide::OutlineKind::Record => lsp::SymbolKind::EVENT,
        ide::OutlineKind::Vocabulary(VocabKind::Role) => lsp::SymbolKind::CLASS,
        ide::OutlineKind::Vocabulary(VocabKind::Body) => lsp::SymbolKind::STRUCT,
        ide::OutlineKind::Vocabulary(VocabKind::Function) => lsp::SymbolKind::METHOD,
        ide::OutlineKind::Vocabulary(VocabKind::Element) => lsp::SymbolKind::FIELD,
        ide::OutlineKind::Vocabulary(VocabKind::Flag | VocabKind::CouncilFlag) => lsp::SymbolKind::ENUM_MEMBER,
        ide::OutlineKind::Vocabulary(VocabKind::Relation) => lsp::SymbolKind::PROPERTY,
        ide::OutlineKind::Vocabulary(VocabKind::Group) => lsp::SymbolKind::ARRAY,
    }
}

impl Server<'_> {
    /// A fold for each block that spans lines: guidance and their rules, councils and
    /// their posts and records, vocabulary with a body.
    pub(in crate::lsp) fn folding_ranges(&self, p: lsp::FoldingRangeParams) -> Value {
        let Some(file) = self.file(&p.text_document.uri) else {
            return Value::Null;
        };
        let text = self.text(file);
        let mut folds = Vec::new();
        let mut stack = ide::outline(self.db(), file);
        while let Some(o) = stack.pop() {
            let range = text.range(o.span);
            if range.end.line > range.start.line {
                folds.push(lsp::FoldingRange {
                    start_line: range.start.line,
                    start_character: None,
                    end_line: range.end.line,
                    end_character: None,
                    kind: Some(lsp::FoldingRangeKind::Region),
                    collapsed_text: None,
                });
            }
            stack.extend(o.children);
        }
        folds.sort_by_key(|f| (f.start_line, f.end_line));
        serde_json::to_value(folds).unwrap_or(Value::Null)
    }

    /// Every declaration of the workspace (guidance, rules, councils, posts, records,
    /// vocabulary) whose name or title contains the query, ignoring case; at most 500.
    pub(in crate::lsp) fn workspace_symbols(&self, p: lsp::WorkspaceSymbolParams) -> Value {
        let query = p.query.to_lowercase();
        let matches = |o: &ide::Outline| {
            query.is_empty()
                || o.name.to_lowercase().contains(&query)
                || o.detail.as_ref().is_some_and(|d| d.to_lowercase().contains(&query))
        };
        let mut found: Vec<lsp::SymbolInformation> = Vec::new();
        for &file in self.files.values() {
            let Some(uri) = self.uri(file) else { continue };
            let text = self.text(file);
            let mut stack: Vec<(ide::Outline, Option<String>)> =
                ide::outline(self.db(), file).into_iter().map(|o| (o, None)).collect();
            while let Some((o, container)) = stack.pop() {
                if found.len() >= 500 {
                    break;
                }
                if matches(&o) {
                    #[allow(deprecated)]
                    found.push(lsp::SymbolInformation {
                        name: o.name.clone(),
                        kind: symbol_kind(o.kind),
                        tags: None,
                        deprecated: None,
                        location: lsp::Location::new(uri.clone(), text.range(o.name_span)),
                        container_name: container.clone(),
                    });
                }
                let name = o.name.clone();
                stack.extend(o.children.into_iter().map(|c| (c, Some(name.clone()))));
            }
        }
        found.sort_by(|a, b| {
            a.name
                .cmp(&b.name)
                .then(a.location.uri.as_str().cmp(b.location.uri.as_str()))
        });
        serde_json::to_value(found).unwrap_or(Value::Null)
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
        CompletionKind::Name(DefKind::Flag | DefKind::CouncilFlag) => lsp::CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Name(DefKind::Relation) => lsp::CompletionItemKind::PROPERTY,
        CompletionKind::Name(DefKind::Group) => lsp::CompletionItemKind::ENUM,
        CompletionKind::Name(DefKind::Guidance | DefKind::Council) => lsp::CompletionItemKind::MODULE,
        CompletionKind::Post => lsp::CompletionItemKind::VARIABLE,
        CompletionKind::Rule => lsp::CompletionItemKind::CONSTANT,
    }
}

/// The command a code lens runs to write a council that breaks its rule. Editors run
/// it on the server (`workspace/executeCommand`), which answers with the council's
/// source; the VS Code extension opens that as a new untitled document.
pub const BREAKS_COMMAND: &str = "regard.councilThatBreaks";

impl Server<'_> {
    /// Over each rule of the document: how many of the workspace's councils break it,
    /// and a command that writes a council that breaks it.
    pub(in crate::lsp) fn code_lenses(&self, p: lsp::CodeLensParams) -> Value {
        let Some(file) = self.file(&p.text_document.uri) else {
            return Value::Null;
        };
        let text = self.text(file);
        let lenses: Vec<lsp::CodeLens> = ide::lens::rule_lenses(self.db(), self.ws(), file)
            .into_iter()
            .flat_map(|l| {
                let range = text.range(l.span);
                let councils = |n: usize| format!("{n} council{}", if n == 1 { "" } else { "s" });
                let count = lsp::CodeLens {
                    range,
                    command: Some(lsp::Command {
                        title: format!("{} of {} that follow it break this", councils(l.breaking), l.following),
                        command: String::new(),
                        arguments: None,
                    }),
                    data: None,
                };
                let generate = lsp::CodeLens {
                    range,
                    command: Some(lsp::Command {
                        title: "generate a council that breaks this rule".into(),
                        command: BREAKS_COMMAND.into(),
                        arguments: Some(vec![Value::from(l.guidance), Value::from(l.rule)]),
                    }),
                    data: None,
                };
                [count, generate]
            })
            .collect();
        serde_json::to_value(lenses).unwrap_or(Value::Null)
    }

    /// `regard.councilThatBreaks GUIDANCE RULE`: `{"language": "regard", "content": ...}`,
    /// a smallest council that breaks the rule, or an error saying none of the bound does.
    pub(in crate::lsp) fn execute_command(
        &self,
        id: lsp_server::RequestId,
        p: lsp::ExecuteCommandParams,
    ) -> Result<Value, Response> {
        let fail = |message: String| Response::new_err(id.clone(), ErrorCode::InvalidParams as i32, message);
        if p.command != BREAKS_COMMAND {
            return Err(fail(format!("regard has no command `{}`", p.command)));
        }
        let arg = |i: usize| p.arguments.get(i).and_then(Value::as_str).map(str::to_string);
        let (Some(guidance), Some(rule)) = (arg(0), arg(1)) else {
            return Err(fail(format!("`{BREAKS_COMMAND}` takes a guidance id and a rule name")));
        };
        match crate::analyze::council_that_breaks(&self.session, &guidance, &rule) {
            Ok(content) => Ok(serde_json::json!({"language": "regard", "content": content})),
            Err(crate::analyze::NoBreakingCouncil::NoneInBound) => Err(fail(format!(
                "no council regard considered breaks `{guidance}.{rule}` (it may never fire: run `regard analyze`)"
            ))),
            Err(crate::analyze::NoBreakingCouncil::Unconfirmed(found)) => Err(Response::new_err(
                id.clone(),
                ErrorCode::InternalError as i32,
                format!(
                    "bug: the council regard wrote to break `{guidance}.{rule}` is not confirmed by the checker ({}); please report it",
                    found.iter().map(|d| d.code.to_string()).collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }
}

impl Server<'_> {
    /// The name under the cursor and its range, or why it cannot be renamed.
    pub(in crate::lsp) fn prepare_rename(
        &self,
        id: lsp_server::RequestId,
        p: lsp::TextDocumentPositionParams,
    ) -> Result<Value, Response> {
        let Some((file, offset)) = self.locate(&p) else {
            return Ok(Value::Null);
        };
        match ide::rename::prepare(self.db(), self.ws(), file, offset) {
            Ok(found) => Ok(serde_json::to_value(lsp::PrepareRenameResponse::RangeWithPlaceholder {
                range: self.text(file).range(found.span),
                placeholder: found.name.to_string(),
            })
            .unwrap_or(Value::Null)),
            Err(e) => Err(Response::new_err(id, ErrorCode::RequestFailed as i32, e.to_string())),
        }
    }

    /// Every edit that renames the name under the cursor, in every file it is used in.
    pub(in crate::lsp) fn rename(&self, id: lsp_server::RequestId, p: lsp::RenameParams) -> Result<Value, Response> {
        let Some((file, offset)) = self.locate(&p.text_document_position) else {
            return Ok(Value::Null);
        };
        let edits = ide::rename::rename(self.db(), self.ws(), file, offset, &p.new_name)
            .map_err(|e| Response::new_err(id, ErrorCode::RequestFailed as i32, e.to_string()))?;
        // The protocol's own map type: a `Uri` key is never changed once inserted.
        #[allow(clippy::mutable_key_type)]
        let mut changes = std::collections::HashMap::new();
        for (f, spans) in edits {
            let Some(uri) = self.uri(f) else { continue };
            let text = self.text(f);
            let edits: Vec<lsp::TextEdit> = spans
                .into_iter()
                .map(|span| lsp::TextEdit::new(text.range(span), p.new_name.clone()))
                .collect();
            changes.insert(uri, edits);
        }
        Ok(serde_json::to_value(lsp::WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        })
        .unwrap_or(Value::Null))
    }
}

impl Server<'_> {
    /// A link from each citation to the part it names on its guidance's page of parts,
    /// written read-only into regard's cache folder (rewritten when the guidance changes).
    pub(in crate::lsp) fn document_links(&self, p: lsp::DocumentLinkParams) -> Value {
        let Some(file) = self.file(&p.text_document.uri) else {
            return Value::Null;
        };
        let links = ide::links::cite_links(self.db(), file);
        if links.is_empty() {
            return Value::Array(Vec::new());
        }
        let defs = db::def_map(self.db(), self.ws());
        let mut pages: std::collections::HashMap<
            crate::syntax::Name,
            Option<(std::path::PathBuf, explain::PartsPage)>,
        > = std::collections::HashMap::new();
        let text = self.text(file);
        let mut out = Vec::new();
        for link in links {
            let page = pages.entry(link.guidance.clone()).or_insert_with(|| {
                let def = defs.get_kind(&link.guidance, crate::hir::DefKind::Guidance)?;
                let lowered = db::lower_guidance(self.db(), self.ws(), def.file);
                let g = lowered.guidance.iter().find(|g| g.name == link.guidance)?;
                let page = explain::parts_page(g);
                let path = parts_page_path(&link.guidance, def.file.path(self.db()))?;
                files::write_read_only(&path, &page.markdown).then_some((path, page))
            });
            let Some((path, page)) = page else { continue };
            let Some(line) = page.line_of(&link.part) else { continue };
            let Some(uri) = crate::lsp::convert::uri_of(path) else {
                continue;
            };
            let Ok(target) = format!("{}#L{}", uri.as_str(), line + 1).parse::<lsp::Uri>() else {
                continue;
            };
            out.push(lsp::DocumentLink {
                range: text.range(link.span),
                target: Some(target),
                tooltip: Some(format!(
                    "Open {} of `{}`: the rules that cite it, their quotes and readings",
                    link.part.shown(),
                    link.guidance
                )),
                data: None,
            });
        }
        serde_json::to_value(out).unwrap_or(Value::Null)
    }
}

/// Where a guidance's page of parts goes: regard's cache folder, one file per guidance
/// and file it is declared in (two workspaces may declare guidance of the same name).
fn parts_page_path(guidance: &str, declared_in: &str) -> Option<std::path::PathBuf> {
    let folder = files::cache_folder(&format!("parts-{}", env!("CARGO_PKG_VERSION")))?;
    // FNV-1a of the path: short, and the same in every run.
    let hash = declared_in.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    Some(folder.join(format!("{guidance}-{:08x}.md", hash as u32)))
}

/// The semantic token types the server announces, in the order of
/// [`ide::tokens::TokenKind::ALL`]: standard types, so that every theme colours them.
pub(in crate::lsp) fn token_legend() -> lsp::SemanticTokensLegend {
    use ide::tokens::TokenKind;
    let types = TokenKind::ALL
        .iter()
        .map(|kind| match kind {
            TokenKind::Role => lsp::SemanticTokenType::TYPE,
            TokenKind::Group => lsp::SemanticTokenType::INTERFACE,
            TokenKind::Post => lsp::SemanticTokenType::VARIABLE,
            TokenKind::Record => lsp::SemanticTokenType::PROPERTY,
            TokenKind::Body => lsp::SemanticTokenType::STRUCT,
            TokenKind::Function => lsp::SemanticTokenType::FUNCTION,
            TokenKind::Flag => lsp::SemanticTokenType::ENUM_MEMBER,
            TokenKind::Element => lsp::SemanticTokenType::ENUM_MEMBER,
            TokenKind::Relation => lsp::SemanticTokenType::KEYWORD,
            TokenKind::Council => lsp::SemanticTokenType::CLASS,
            TokenKind::Guidance => lsp::SemanticTokenType::NAMESPACE,
            TokenKind::Rule => lsp::SemanticTokenType::METHOD,
        })
        .collect();
    lsp::SemanticTokensLegend {
        token_types: types,
        token_modifiers: vec![
            lsp::SemanticTokenModifier::DECLARATION,
            lsp::SemanticTokenModifier::DEFAULT_LIBRARY,
        ],
    }
}

impl Server<'_> {
    /// Every resolved name of a document as a semantic token, in the protocol's relative
    /// encoding (each token's line and start relative to the one before).
    pub(in crate::lsp) fn semantic_tokens(&self, p: lsp::SemanticTokensParams) -> Value {
        let Some(file) = self.file(&p.text_document.uri) else {
            return Value::Null;
        };
        let text = self.text(file);
        let mut data = Vec::new();
        let (mut line, mut start) = (0, 0);
        let mut end = 0;
        for token in ide::tokens::tokens(self.db(), self.ws(), file) {
            // Tokens may not overlap: the first of two names at one place wins.
            if token.span.start < end {
                continue;
            }
            end = token.span.end;
            let range = text.range(token.span);
            // Names are on one line; anything else would not be a name.
            if range.start.line != range.end.line {
                continue;
            }
            let delta_line = range.start.line - line;
            let delta_start = match delta_line {
                0 => range.start.character - start,
                _ => range.start.character,
            };
            let kind = ide::tokens::TokenKind::ALL
                .iter()
                .position(|k| *k == token.kind)
                .unwrap_or(0);
            data.push(lsp::SemanticToken {
                delta_line,
                delta_start,
                length: range.end.character - range.start.character,
                token_type: kind as u32,
                token_modifiers_bitset: u32::from(token.declaration) | (u32::from(token.stdlib) << 1),
            });
            (line, start) = (range.start.line, range.start.character);
        }
        serde_json::to_value(lsp::SemanticTokens { result_id: None, data }).unwrap_or(Value::Null)
    }
}
