//! The outline of a file (document symbols): vocabulary, guidance with their rules, and
//! councils with their posts and assurance records.

use crate::db::{self, SourceFile};
use crate::syntax::Span;
use crate::syntax::ast::{Item, PostKind, VocabKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutlineKind {
    Vocabulary(VocabKind),
    Guidance,
    Rule,
    Council,
    Post(PostKind),
    Record,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outline {
    pub name: String,
    /// The title, if any.
    pub detail: Option<String>,
    pub kind: OutlineKind,
    /// The whole declaration.
    pub span: Span,
    /// Its name.
    pub name_span: Span,
    pub children: Vec<Outline>,
}

pub fn outline(db: &dyn salsa::Database, file: SourceFile) -> Vec<Outline> {
    let leaf = |name: &crate::syntax::ast::Ident, detail: Option<String>, kind, span| Outline {
        name: name.text.to_string(),
        detail,
        kind,
        span,
        name_span: name.span,
        children: Vec::new(),
    };
    let title = |t: &Option<crate::syntax::ast::StrLit>| t.as_ref().map(|t| t.value.clone());
    db::parse(db, file)
        .file
        .items
        .iter()
        .map(|item| match item {
            Item::Vocab(v) => leaf(&v.name, title(&v.title), OutlineKind::Vocabulary(v.kind), v.span),
            Item::Guidance(g) => Outline {
                children: g
                    .rules
                    .iter()
                    .map(|r| leaf(&r.name, title(&r.title), OutlineKind::Rule, r.span))
                    .collect(),
                ..leaf(&g.name, title(&g.title), OutlineKind::Guidance, g.span)
            },
            Item::Council(c) => {
                let posts = c
                    .posts
                    .iter()
                    .map(|p| leaf(&p.name, title(&p.title), OutlineKind::Post(p.kind), p.span));
                let records = c
                    .records
                    .iter()
                    .map(|r| leaf(&r.name, title(&r.title), OutlineKind::Record, r.span));
                let mut children: Vec<Outline> = posts.chain(records).collect();
                children.sort_by_key(|o| o.span.start);
                Outline {
                    children,
                    ..leaf(&c.name, title(&c.title), OutlineKind::Council, c.span)
                }
            }
        })
        .collect()
}
