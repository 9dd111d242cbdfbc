//! Code lenses on rules, for drafters in the editor: over each rule, how many of the
//! workspace's councils break it (counted from the checker's diagnostics), and a command
//! that writes a council that breaks it (from `crate::symbolic`), to see what the rule
//! asks by a counterexample.

use crate::db::{self, SourceFile, Workspace};
use crate::syntax::Span;

/// A lens over a rule's name.
pub struct RuleLens {
    pub span: Span,
    pub guidance: String,
    pub rule: String,
    /// Councils of the workspace with a finding of the rule.
    pub breaking: usize,
    /// Councils of the workspace that follow the rule's guidance.
    pub following: usize,
}

/// The lenses of the rules declared in `file`.
pub fn rule_lenses(db: &dyn salsa::Database, ws: Workspace, file: SourceFile) -> Vec<RuleLens> {
    let guidance = &db::lower_guidance(db, ws, file).guidance;
    if guidance.is_empty() {
        return Vec::new();
    }
    // Which councils follow which guidance, and which break which rule, once.
    let mut following: Vec<(String, String)> = Vec::new();
    let mut breaking: std::collections::HashSet<(String, String)> = std::collections::HashSet::new();
    for &f in ws.files(db) {
        for council in &db::lower_councils(db, ws, f).councils {
            for followed in &council.follows {
                following.push((followed.guidance.to_string(), council.name.to_string()));
            }
        }
        for d in db::file_diagnostics(db, ws, f) {
            if let (crate::diagnostics::Code::Rule { guidance, rule }, Some(council)) = (&d.code, &d.council) {
                breaking.insert((format!("{guidance}.{rule}"), council.clone()));
            }
        }
    }
    guidance
        .iter()
        .flat_map(|g| {
            let following = following.iter().filter(|(id, _)| *id == g.name.as_str()).count();
            let breaking = &breaking;
            g.rules.iter().map(move |r| {
                let code = format!("{}.{}", g.name, r.name);
                RuleLens {
                    span: r.name_span,
                    guidance: g.name.to_string(),
                    rule: r.name.to_string(),
                    breaking: breaking.iter().filter(|(c, _)| *c == code).count(),
                    following,
                }
            })
        })
        .collect()
}

/// A smallest council that breaks `guidance.rule`, as regard source; `None` when no
/// council of the bound breaks it (or there is no such rule).
pub fn council_that_breaks(db: &dyn salsa::Database, ws: Workspace, guidance: &str, rule: &str) -> Option<String> {
    let as_of = ws.as_of(db);
    let all: Vec<&crate::hir::Guidance> = ws
        .files(db)
        .iter()
        .flat_map(|&f| db::lower_guidance(db, ws, f).guidance.iter())
        .collect();
    let found = all.iter().find(|g| g.name == guidance)?;
    found.rule(rule)?;
    let defs = ws.defs(db);
    let law = crate::symbolic::law_in_force(defs, &all, as_of, &[&found.name]);
    crate::symbolic::breaking(defs, found, &law, rule, as_of)
}
