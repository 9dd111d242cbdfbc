//! Renaming a name everywhere it stands for the same thing: a post or assurance record
//! (in its council, and in the partner councils' views of a joint post that carry the same
//! name), a council, a guidance, a rule (in its guidance and in every departure from it,
//! in any file), and names a user's own vocabulary declares.
//!
//! What the standard library declares is not renamed (its files are not the user's), nor
//! is a name that resolves to nothing. A new name is refused when it is not a name the
//! language accepts, or when it would make a name mean something else: a name already
//! declared in the same scope, a global name, or (for a global) a post of a council that
//! uses the name, which a post target would then find first.

use std::collections::BTreeMap;
use std::fmt;

use crate::db::{self, Origin, SourceFile, Workspace};
use crate::hir::DefKind;
use crate::syntax::ast::{Item, PostStmtKind};
use crate::syntax::{Name, Span, is_keyword};

use super::{Symbol, definition, references, symbol_at};

/// Why a name cannot be renamed, or not to the name asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenameError {
    /// The cursor is not on a name.
    NoName,
    /// The name is declared by the standard library.
    Stdlib { name: Name },
    /// The name is not declared anywhere in the workspace.
    Undeclared { name: Name },
    /// The new name is not a name in the language.
    NotAName { new: String },
    /// The new name is a keyword.
    Keyword { new: String },
    /// The new name is already declared where it would clash.
    Taken { new: String, what: String },
}

impl fmt::Display for RenameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenameError::NoName => write!(f, "there is no name here to rename"),
            RenameError::Stdlib { name } => write!(
                f,
                "`{name}` is declared by the standard library, which cannot be renamed"
            ),
            RenameError::Undeclared { name } => {
                write!(
                    f,
                    "`{name}` is not declared anywhere in the workspace, so there is nothing to rename"
                )
            }
            RenameError::NotAName { new } => write!(
                f,
                "`{new}` is not a name: a name is a letter or `_`, then letters, digits and `_`"
            ),
            RenameError::Keyword { new } => write!(f, "`{new}` is a keyword of the language"),
            RenameError::Taken { new, what } => write!(f, "`{new}` already names {what}"),
        }
    }
}

/// The name at the cursor that a rename would change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamable {
    pub span: Span,
    pub name: Name,
    pub symbol: Symbol,
}

/// The name under `offset`, if it can be renamed (LSP `prepareRename`).
pub fn prepare(
    db: &dyn salsa::Database,
    ws: Workspace,
    file: SourceFile,
    offset: u32,
) -> Result<Renamable, RenameError> {
    let occurrence = symbol_at(db, ws, file, offset).ok_or(RenameError::NoName)?;
    let name = symbol_name(&occurrence.symbol);
    let (declared_in, _) =
        definition(db, ws, &occurrence.symbol).ok_or_else(|| RenameError::Undeclared { name: name.clone() })?;
    if declared_in.origin(db) == Origin::Stdlib {
        return Err(RenameError::Stdlib { name });
    }
    Ok(Renamable {
        span: occurrence.span,
        name,
        symbol: occurrence.symbol,
    })
}

/// Every edit that renames the name under `offset` to `new`: for each file, the spans to
/// replace with `new`, in order.
pub fn rename(
    db: &dyn salsa::Database,
    ws: Workspace,
    file: SourceFile,
    offset: u32,
    new: &str,
) -> Result<Vec<(SourceFile, Vec<Span>)>, RenameError> {
    let found = prepare(db, ws, file, offset)?;
    check_new_name(new)?;
    if found.name == new {
        return Ok(Vec::new());
    }
    let symbols = related(db, ws, &found.symbol);
    check_clashes(db, ws, &symbols, new)?;
    // By path, so that edits come in a stable order.
    let mut edits: BTreeMap<String, (SourceFile, Vec<Span>)> = BTreeMap::new();
    for symbol in &symbols {
        for (f, span) in references(db, ws, symbol) {
            edits.entry(f.path(db).clone()).or_insert((f, Vec::new())).1.push(span);
        }
    }
    let mut edits: Vec<(SourceFile, Vec<Span>)> = edits.into_values().collect();
    for (_, spans) in &mut edits {
        spans.sort_by_key(|s| (s.start, s.end));
        spans.dedup();
    }
    Ok(edits)
}

fn symbol_name(symbol: &Symbol) -> Name {
    match symbol {
        Symbol::Global(name) => name.clone(),
        Symbol::Post { post, .. } => post.clone(),
        Symbol::Rule { rule, .. } => rule.clone(),
    }
}

/// A name the grammar accepts where any kind of name goes.
fn check_new_name(new: &str) -> Result<(), RenameError> {
    let mut chars = new.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') || new == "_" {
        return Err(RenameError::NotAName { new: new.into() });
    }
    if is_keyword(new) {
        return Err(RenameError::Keyword { new: new.into() });
    }
    Ok(())
}

/// The symbol and the others that must keep its name: for a joint post, the partner
/// councils' views of it that are `shared with` this council under the same name.
fn related(db: &dyn salsa::Database, ws: Workspace, symbol: &Symbol) -> Vec<Symbol> {
    let mut out = vec![symbol.clone()];
    let Symbol::Post { council, post } = symbol else {
        return out;
    };
    let partners = shared_with(db, ws, council, post);
    for partner in partners {
        if shared_with(db, ws, &partner, post).contains(council) {
            out.push(Symbol::Post {
                council: partner,
                post: post.clone(),
            });
        }
    }
    out
}

/// The councils a post names in `shared with`.
fn shared_with(db: &dyn salsa::Database, ws: Workspace, council: &str, post: &str) -> Vec<Name> {
    let Some(def) = db::def_map(db, ws).get_kind(council, DefKind::Council) else {
        return Vec::new();
    };
    let parsed = db::parse(db, def.file);
    let mut out = Vec::new();
    for item in &parsed.file.items {
        let Item::Council(c) = item else { continue };
        if c.name.text != council {
            continue;
        }
        for p in c.posts.iter().filter(|p| p.name.text == post) {
            for stmt in &p.stmts {
                if let PostStmtKind::SharedWith(names) = &stmt.kind {
                    out.extend(names.iter().map(|n| n.text.clone()));
                }
            }
        }
    }
    out
}

/// Refuses `new` where it is already declared in the scope of any of `symbols`, or would
/// change what a name means.
fn check_clashes(db: &dyn salsa::Database, ws: Workspace, symbols: &[Symbol], new: &str) -> Result<(), RenameError> {
    let defs = db::def_map(db, ws);
    let taken = |what: String| RenameError::Taken { new: new.into(), what };
    for symbol in symbols {
        match symbol {
            Symbol::Post { council, .. } => {
                if let Some(what) = post_named(db, ws, council, new) {
                    return Err(taken(what));
                }
                // A post named like a role or a council would shadow it in post targets.
                if let Some(def) = defs.get(new) {
                    return Err(taken(format!("{} (`{new}`)", def.kind.article())));
                }
            }
            Symbol::Global(_) => {
                if let Some(def) = defs.get(new) {
                    return Err(taken(format!("{} (`{new}`)", def.kind.article())));
                }
                // Where the name is used as a post target, a post of that name would be
                // found first.
                let mut files: Vec<SourceFile> = references(db, ws, symbol).into_iter().map(|(f, _)| f).collect();
                files.dedup();
                for file in files {
                    for council in councils_in(db, file) {
                        if let Some(what) = post_named(db, ws, &council, new) {
                            return Err(taken(what));
                        }
                    }
                }
            }
            Symbol::Rule { guidance, .. } => {
                let Some(def) = defs.get_kind(guidance, DefKind::Guidance) else {
                    continue;
                };
                let lowered = db::lower_guidance(db, ws, def.file);
                if let Some(g) = lowered.guidance.iter().find(|g| g.name == *guidance)
                    && g.rule(new).is_some()
                {
                    return Err(taken(format!("a rule of `{guidance}`")));
                }
            }
        }
    }
    Ok(())
}

/// "a post of `ashford`" when council `council` declares a post or record `name`.
fn post_named(db: &dyn salsa::Database, ws: Workspace, council: &str, name: &str) -> Option<String> {
    let def = db::def_map(db, ws).get_kind(council, DefKind::Council)?;
    let parsed = db::parse(db, def.file);
    parsed.file.items.iter().find_map(|item| match item {
        Item::Council(c) if c.name.text == council => {
            if c.posts.iter().any(|p| p.name.text == name) {
                Some(format!("a post of `{council}`"))
            } else if c.records.iter().any(|r| r.name.text == name) {
                Some(format!("an assurance record of `{council}`"))
            } else {
                None
            }
        }
        _ => None,
    })
}

fn councils_in(db: &dyn salsa::Database, file: SourceFile) -> Vec<Name> {
    db::parse(db, file)
        .file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Council(c) => Some(c.name.text.clone()),
            _ => None,
        })
        .collect()
}
