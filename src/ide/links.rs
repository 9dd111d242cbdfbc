//! Document links from citations: each `cite "para 6"` of a rule, and each `aside "para
//! 18"`, opens the guidance's page of parts (`explain::parts_page`) at that part, where
//! the rules that cite it, their quotes and readings, or the reason it is set aside are.

use crate::db::{self, SourceFile};
use crate::hir::coverage::{Part, parts_named};
use crate::syntax::ast::Item;
use crate::syntax::{Name, Span};

/// A citation in a guidance, and the part of the source text it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CiteLink {
    /// The quoted text, quotes included.
    pub span: Span,
    pub guidance: Name,
    /// The first part it names (`paras 6 and 9` opens at para 6).
    pub part: Part,
}

/// Every citation in `file`, in order.
pub fn cite_links(db: &dyn salsa::Database, file: SourceFile) -> Vec<CiteLink> {
    let mut out = Vec::new();
    for item in &db::parse(db, file).file.items {
        let Item::Guidance(g) = item else { continue };
        let cites = g
            .rules
            .iter()
            .flat_map(|r| &r.cites)
            .chain(g.asides.iter().map(|a| &a.cite));
        for cite in cites {
            if let Some(part) = parts_named(&cite.value).1.into_iter().next() {
                out.push(CiteLink {
                    span: cite.span,
                    guidance: g.name.text.clone(),
                    part,
                });
            }
        }
    }
    out.sort_by_key(|l| l.span.start);
    out
}
