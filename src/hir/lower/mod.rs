//! Lowering: syntax trees to the resolved model, resolving every name.
//!
//! Every name is looked up in the workspace's [`DefMap`] (or, for posts, in its council).
//! A name that is unknown is E0101 with a "did you mean"; a name of the wrong kind is
//! E0102; a role used as a post target must be held by exactly one post (E0104). The
//! statement is then left out and checking goes on.

use std::collections::HashMap;

use crate::base::SourceFile;
use crate::hir::defs::{GROUP_KINDS, closest};
use crate::hir::finding::{Declared, Duplicated, Finding, FindingKind, SubjectKind, UnknownHelp};
use crate::hir::suggest::{Suggestions, closest_in};
use crate::hir::wellformed;
use crate::hir::*;
use crate::syntax::ast::{self, Ident, Item, VocabKind};

mod cond;
mod council;
mod guidance;
mod vocab;

use cond::LowerForm;
pub use council::lower_councils;
pub use guidance::lower_guidance;

/// Looks up the lowered guidance of the workspace by name.
pub trait GuidanceLookup {
    fn guidance(&self, name: &str) -> Option<&Guidance>;
}

/// Finds where a global definition's name is, for labels pointing at it.
pub trait Locate {
    fn def_span(&self, def: &Def) -> Option<Span>;
}

/// What lowering reads besides the file itself.
pub struct Env<'a> {
    pub defs: &'a DefMap,
    /// The check date: a council without `follows` follows what is in force on it.
    pub as_of: jiff::civil::Date,
    /// Whether a council's own `as_of` is overridden, and the real date today.
    pub dates: CheckDates,
    pub file: SourceFile,
    /// The file's text, for quoting conditions in messages.
    pub text: &'a str,
    pub locate: &'a dyn Locate,
}

struct Lowerer<'a> {
    env: &'a Env<'a>,
    findings: Vec<Finding>,
    council: Option<Name>,
    /// The names of the posts of the council being lowered, indexed for suggestions
    /// when a name does not resolve, with the number of posts indexed.
    post_names: Option<(Name, usize, std::sync::Arc<Suggestions>)>,
}

impl<'a> Lowerer<'a> {
    pub(super) fn new(env: &'a Env<'a>) -> Self {
        Lowerer {
            env,
            findings: Vec::new(),
            council: None,
            post_names: None,
        }
    }

    pub(super) fn push(&mut self, kind: FindingKind) {
        self.findings.push(Finding {
            kind,
            council: self.council.clone(),
        });
    }

    /// Where a global definition is declared, for a finding to point at.
    pub(super) fn declared(&self, def: &Def) -> Declared {
        Declared {
            name: def.name.clone(),
            kind: def.kind,
            file: def.file,
            span: self.env.locate.def_span(def),
        }
    }

    /// Resolves a global name that must be of `kind`; reports E0101 or E0102 otherwise.
    pub(super) fn expect(&mut self, name: &Ident, kind: DefKind) -> Option<&'a Def> {
        self.expect_any(name, &[kind])
    }

    pub(super) fn expect_any(&mut self, name: &Ident, kinds: &[DefKind]) -> Option<&'a Def> {
        let defs = self.env.defs;
        match defs.get(&name.text) {
            Some(def) if kinds.contains(&def.kind) => Some(def),
            Some(def) => {
                self.wrong_kind(name, def, kinds[0]);
                None
            }
            None => {
                let help = UnknownHelp::Declare {
                    kind: kinds[0],
                    known: defs.names_of(kinds[0]).take(6).map(Name::from).collect(),
                };
                self.unknown(name, kinds[0].noun(), defs.closest(&name.text, kinds), help);
                None
            }
        }
    }

    /// A flag by name; `interim`, when no flag of that name is declared, gets the help
    /// that it is now the basis of a holding.
    pub(super) fn flag(&mut self, name: &Ident) -> Option<&'a Def> {
        if name.text == INTERIM && self.env.defs.get(INTERIM).is_none() {
            self.unknown(name, DefKind::Flag.noun(), None, UnknownHelp::InterimIsABasis);
            return None;
        }
        self.expect(name, DefKind::Flag)
    }

    /// A flag declared `for council`; a post flag here is E0102. `interim`, when no flag
    /// of that name is declared, gets the same help as on a post (language-v2.md 1:
    /// every `is interim` naming no declared flag).
    pub(super) fn council_flag(&mut self, name: &Ident) -> Option<&'a Def> {
        if name.text == INTERIM && self.env.defs.get(INTERIM).is_none() {
            self.unknown(name, DefKind::CouncilFlag.noun(), None, UnknownHelp::InterimIsABasis);
            return None;
        }
        self.expect(name, DefKind::CouncilFlag)
    }

    /// The council's post names, indexed once however many names do not resolve.
    pub(super) fn post_suggestions(&mut self, council: &Council) -> std::sync::Arc<Suggestions> {
        match &self.post_names {
            Some((name, count, index)) if *name == council.name && *count == council.posts.len() => index.clone(),
            _ => {
                let index = std::sync::Arc::new(Suggestions::new(council.posts.iter().map(|p| p.name.as_str())));
                self.post_names = Some((council.name.clone(), council.posts.len(), index.clone()));
                index
            }
        }
    }

    pub(super) fn unknown(&mut self, name: &Ident, noun: &'static str, suggestion: Option<&str>, help: UnknownHelp) {
        self.push(FindingKind::Unknown {
            name: name.clone(),
            noun,
            suggestion: suggestion.map(Name::from),
            help,
        });
    }

    pub(super) fn wrong_kind(&mut self, name: &Ident, def: &Def, expected: DefKind) {
        self.push(FindingKind::WrongKind {
            name: name.clone(),
            declared: self.declared(def),
            expected,
            suggestion: self.env.defs.closest(&name.text, &[expected]).map(Name::from),
        });
    }

    pub(super) fn duplicate(&mut self, what: Duplicated, later: Span, first: Span) {
        self.push(FindingKind::Duplicate {
            what,
            later,
            first_file: self.env.file,
            first,
        });
    }
}
