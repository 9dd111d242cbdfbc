//! Semantic tokens: what each name in a file is (a role, a post, a body, a function, a
//! flag, ...), from the resolved names rather than from its spelling, so that an editor
//! can colour `DCS` as a role and `director` as a post whatever the theme's grammar
//! guesses. Names that resolve to nothing get no token (their diagnostic says why).

use crate::db::{self, Origin, SourceFile, Workspace};
use crate::hir::DefKind;
use crate::syntax::Span;
use crate::syntax::ast::Item;

use super::{Symbol, occurrences};

/// What a name is, as a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Role,
    /// A group of names (`_ except GROUP`).
    Group,
    Post,
    /// An assurance record.
    Record,
    Body,
    /// A function of the council (`education`, `childrens_social_care`).
    Function,
    /// A flag of a post or a council property.
    Flag,
    /// An element an assurance record addresses.
    Element,
    Relation,
    Council,
    Guidance,
    Rule,
}

impl TokenKind {
    /// Every kind, in the order of the legend the language server announces.
    pub const ALL: [TokenKind; 12] = [
        TokenKind::Role,
        TokenKind::Group,
        TokenKind::Post,
        TokenKind::Record,
        TokenKind::Body,
        TokenKind::Function,
        TokenKind::Flag,
        TokenKind::Element,
        TokenKind::Relation,
        TokenKind::Council,
        TokenKind::Guidance,
        TokenKind::Rule,
    ];
}

/// A name and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// Where the name is declared.
    pub declaration: bool,
    /// Declared by the standard library.
    pub stdlib: bool,
}

/// Every name of `file` that resolves, in order.
pub fn tokens(db: &dyn salsa::Database, ws: Workspace, file: SourceFile) -> Vec<Token> {
    let defs = db::def_map(db, ws);
    // The records of each council, looked up once per name (a file may hold thousands).
    let records: std::collections::HashSet<(crate::syntax::Name, crate::syntax::Name)> = db::parse(db, file)
        .file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Council(c) => Some(c.records.iter().map(|r| (c.name.text.clone(), r.name.text.clone()))),
            _ => None,
        })
        .flatten()
        .collect();
    let stdlib = file.origin(db) == Origin::Stdlib;
    let mut out = Vec::new();
    for o in occurrences(db, ws, file) {
        let (kind, from_stdlib) = match &o.symbol {
            Symbol::Global(name) => {
                let Some(def) = defs.get(name) else { continue };
                let kind = match def.kind {
                    DefKind::Role => TokenKind::Role,
                    DefKind::Group => TokenKind::Group,
                    DefKind::Body => TokenKind::Body,
                    DefKind::Function => TokenKind::Function,
                    DefKind::Flag | DefKind::CouncilFlag => TokenKind::Flag,
                    DefKind::Element => TokenKind::Element,
                    DefKind::Relation => TokenKind::Relation,
                    DefKind::Council => TokenKind::Council,
                    DefKind::Guidance => TokenKind::Guidance,
                };
                (kind, def.file.origin(db) == Origin::Stdlib)
            }
            Symbol::Post { council, post } => {
                let record = records.contains(&(council.clone(), post.clone()));
                (if record { TokenKind::Record } else { TokenKind::Post }, stdlib)
            }
            Symbol::Rule { guidance, .. } => {
                let from_stdlib = defs
                    .get_kind(guidance, DefKind::Guidance)
                    .is_some_and(|def| def.file.origin(db) == Origin::Stdlib);
                (TokenKind::Rule, from_stdlib)
            }
        };
        out.push(Token {
            span: o.span,
            kind,
            declaration: o.definition,
            stdlib: from_stdlib,
        });
    }
    out
}
