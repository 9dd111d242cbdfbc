//! What editors need beyond diagnostics: what a name refers to, where it is declared and
//! used, what to show on hover, what may be typed next, and the outline of a file.
//!
//! Everything here works on byte offsets and the resolved model, like the rest of the
//! core; the language server (`crate::lsp`) converts to and from the protocol.

pub mod completion;
mod hover;
pub mod lens;
pub mod links;
pub mod rename;
mod symbols;
pub mod tokens;

use crate::db::{self, SourceFile, Workspace};
use crate::hir::{DefKind, DefMap};
use crate::syntax::ast::{self, Item, PostStmtKind, TargetKind};
use crate::syntax::{Name, Span};

pub use hover::hover;
pub use symbols::{Outline, OutlineKind, outline};

/// What a name refers to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Symbol {
    /// A global name: vocabulary, guidance or council.
    Global(Name),
    /// A post or assurance record of a council.
    Post { council: Name, post: Name },
    /// A rule of a guidance.
    Rule { guidance: Name, rule: Name },
}

/// A name in a file, and what it refers to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Occurrence {
    pub span: Span,
    pub symbol: Symbol,
    /// Whether this is where the symbol is declared.
    pub definition: bool,
}

/// Every name in a file, in order.
#[salsa::tracked(returns(ref))]
pub fn occurrences(db: &dyn salsa::Database, ws: Workspace, file: SourceFile) -> Vec<Occurrence> {
    let defs = db::def_map(db, ws);
    let councils = &db::lower_councils(db, ws, file).councils;
    let mut out = Collector { defs, out: Vec::new() };
    for item in &db::parse(db, file).file.items {
        match item {
            Item::Vocab(v) => {
                out.def(v.name.span, Symbol::Global(v.name.text.clone()));
                // The relations a relation implies, the items of a group, the groups a
                // declaration joins with `in`.
                for name in v.implies.iter().chain(&v.joins) {
                    out.global(name);
                }
            }
            Item::Guidance(g) => out.guidance(g),
            Item::Council(c) => out.council(c, councils.iter().find(|l| l.name == c.name.text)),
        }
    }
    let mut out = out.out;
    out.sort_by_key(|o| (o.span.start, o.span.end));
    out
}

struct Collector<'a> {
    defs: &'a DefMap,
    out: Vec<Occurrence>,
}

impl Collector<'_> {
    fn push(&mut self, span: Span, symbol: Symbol, definition: bool) {
        self.out.push(Occurrence {
            span,
            symbol,
            definition,
        });
    }

    fn def(&mut self, span: Span, symbol: Symbol) {
        self.push(span, symbol, true);
    }

    fn global(&mut self, name: &ast::Ident) {
        self.push(name.span, Symbol::Global(name.text.clone()), false);
    }

    fn guidance(&mut self, g: &ast::GuidanceDecl) {
        self.def(g.name.span, Symbol::Global(g.name.text.clone()));
        for r in &g.replaces {
            self.global(r);
        }
        for rule in &g.rules {
            self.def(
                rule.name.span,
                Symbol::Rule {
                    guidance: g.name.text.clone(),
                    rule: rule.name.text.clone(),
                },
            );
            for clause in &rule.clauses {
                match &clause.selector.kind {
                    ast::SelectorKind::Role(r) => self.global(r),
                    ast::SelectorKind::Combine(items) => {
                        for item in items {
                            match item {
                                ast::CombineItem::Role(r) | ast::CombineItem::Except { group: r, .. } => self.global(r),
                                ast::CombineItem::Wildcard(_) => {}
                            }
                        }
                    }
                    ast::SelectorKind::Assurance | ast::SelectorKind::Council | ast::SelectorKind::Post => {}
                }
                let conditions = clause
                    .condition
                    .iter()
                    .chain(clause.when.iter().chain(&clause.unless).map(|(_, c)| c));
                for cond in conditions {
                    self.condition(cond);
                }
            }
        }
    }

    /// Names in a condition.
    fn condition(&mut self, c: &ast::Condition) {
        for name in c.names() {
            self.global(name);
        }
    }

    /// A post target: a post of the council, or a role standing for one.
    fn post_target(&mut self, council: &ast::CouncilDecl, name: &ast::Ident) {
        let is_post = council.posts.iter().any(|p| p.name.text == name.text)
            || council.records.iter().any(|r| r.name.text == name.text);
        if is_post {
            let symbol = Symbol::Post {
                council: council.name.text.clone(),
                post: name.text.clone(),
            };
            self.push(name.span, symbol, false);
        } else {
            self.global(name);
        }
    }

    fn council(&mut self, c: &ast::CouncilDecl, lowered: Option<&crate::hir::Council>) {
        self.def(c.name.span, Symbol::Global(c.name.text.clone()));
        for name in c.flags.iter().flat_map(|f| &f.names) {
            self.global(name);
        }
        for name in c.follows.iter().flat_map(|f| &f.names) {
            self.global(name);
        }
        let post = |name: &str| Symbol::Post {
            council: c.name.text.clone(),
            post: name.into(),
        };
        for p in &c.posts {
            self.def(p.name.span, post(&p.name.text));
            for stmt in &p.stmts {
                match &stmt.kind {
                    PostStmtKind::Holds(held) => {
                        for h in held {
                            self.global(&h.role);
                        }
                    }
                    PostStmtKind::Is(names) | PostStmtKind::SharedWith(names) => {
                        for n in names {
                            self.global(n);
                        }
                    }
                    PostStmtKind::Holder(_) => {}
                    PostStmtKind::Relation { relation, targets } => {
                        self.global(relation);
                        let kind = self
                            .defs
                            .get_kind(&relation.text, DefKind::Relation)
                            .and_then(|d| d.target);
                        for t in targets {
                            match kind {
                                Some(TargetKind::Post) => self.post_target(c, t),
                                _ => self.global(t),
                            }
                        }
                    }
                }
            }
        }
        for r in &c.records {
            self.def(r.name.span, post(&r.name.text));
            for stmt in &r.stmts {
                match &stmt.kind {
                    ast::AssuranceStmtKind::Covers(names) => {
                        for n in names {
                            self.post_target(c, n);
                        }
                    }
                    ast::AssuranceStmtKind::Addresses(names) => {
                        for n in names {
                            self.global(n);
                        }
                    }
                    _ => {}
                }
            }
        }
        for d in &c.departures {
            if let Some(p) = &d.for_post {
                self.post_target(c, p);
            }
            // The rule, as lowering resolved it (qualified or through `follows`).
            let resolved = lowered.and_then(|l| l.departures.iter().find(|x| x.span == d.span));
            let path = &d.rule;
            match (resolved, path.text.split_once('.')) {
                (Some(dep), Some((g, _))) => {
                    let g_span = Span::new(path.span.start as usize, path.span.start as usize + g.len());
                    self.push(g_span, Symbol::Global(g.into()), false);
                    let r_span = Span::new(g_span.end as usize + 1, path.span.end as usize);
                    self.push(r_span, rule_symbol(dep), false);
                }
                (Some(dep), None) => self.push(path.span, rule_symbol(dep), false),
                (None, _) => {}
            }
        }
    }
}

fn rule_symbol(d: &crate::hir::Departure) -> Symbol {
    Symbol::Rule {
        guidance: d.guidance.clone(),
        rule: d.rule.clone(),
    }
}

/// The occurrence at `offset` (a name that contains it, or ends right at it).
pub fn symbol_at(db: &dyn salsa::Database, ws: Workspace, file: SourceFile, offset: u32) -> Option<Occurrence> {
    occurrences(db, ws, file)
        .iter()
        .find(|o| o.span.start <= offset && offset <= o.span.end)
        .cloned()
}

/// Where a symbol is declared.
pub fn definition(db: &dyn salsa::Database, ws: Workspace, symbol: &Symbol) -> Option<(SourceFile, Span)> {
    let defs = db::def_map(db, ws);
    match symbol {
        Symbol::Global(name) => {
            let def = defs.get(name)?;
            Some((def.file, db::def_name_span(db, def)?))
        }
        Symbol::Post { council, .. } => {
            let def = defs.get_kind(council, DefKind::Council)?;
            occurrences(db, ws, def.file)
                .iter()
                .find(|o| o.definition && &o.symbol == symbol)
                .map(|o| (def.file, o.span))
        }
        Symbol::Rule { guidance, rule } => {
            let def = defs.get_kind(guidance, DefKind::Guidance)?;
            let g = db::lower_guidance(db, ws, def.file)
                .guidance
                .iter()
                .find(|g| g.name == guidance)?;
            Some((def.file, g.rule(rule)?.name_span))
        }
    }
}

/// Every occurrence of a symbol in the workspace, the declaration included, in file
/// order.
pub fn references(db: &dyn salsa::Database, ws: Workspace, symbol: &Symbol) -> Vec<(SourceFile, Span)> {
    // A post's names only appear in its council's file.
    let files: Vec<SourceFile> = match symbol {
        Symbol::Post { council, .. } => db::def_map(db, ws)
            .get_kind(council, DefKind::Council)
            .map(|d| vec![d.file])
            .unwrap_or_default(),
        _ => ws.files(db).clone(),
    };
    files
        .into_iter()
        .flat_map(|f| {
            occurrences(db, ws, f)
                .iter()
                .filter(|o| &o.symbol == symbol)
                .map(move |o| (f, o.span))
                .collect::<Vec<_>>()
        })
        .collect()
}
