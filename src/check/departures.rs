//! Departures ("comply or explain"): E0205, E0206, W0207, and violations turned into
//! notes.
//!
//! Councils must have regard to statutory guidance and need clear reasons to depart from
//! it. A valid departure turns the violations it matches into notes. A departure from a
//! statutory `must` (E0205) or without a clear reason (E0206) excuses nothing; one that
//! matches no violation is stale (W0207), like an unused allow.

use super::Context;
use super::rules::{Subject, Violation};
use crate::diagnostics::{Builtin, DepartureNote, Diagnostic, Severity};
use crate::hir::Departure;
use crate::syntax::ast::{Modality, Status};

/// A reason shorter than this, once trimmed, in Unicode scalar values, is not a reason.
pub const MIN_REASON_CHARS: usize = 20;

fn matches(departure: &Departure, v: &Violation<'_>, ctx: &Context<'_>) -> bool {
    if v.guidance.name != departure.guidance || v.rule.name != departure.rule {
        return false;
    }
    match (departure.for_post, v.subject) {
        (None, _) => true,
        (Some(p), Some(Subject::Post(q))) => p == q,
        (Some(p), Some(Subject::Record(r))) => ctx.council.records[r].covers.contains(&p),
        (Some(_), None) => false,
    }
}

pub fn check(ctx: &Context<'_>, violations: &mut [Violation<'_>], out: &mut Vec<Diagnostic>) {
    let council = ctx.council;
    for departure in &council.departures {
        let Some(guidance) = ctx.guidance.guidance(&departure.guidance) else {
            continue;
        };
        let Some(rule) = guidance.rule(&departure.rule) else {
            continue;
        };
        let statutory = guidance.status == Status::Statutory;
        let matched: Vec<usize> = (0..violations.len())
            .filter(|&i| matches(departure, &violations[i], ctx))
            .collect();
        let must_broken = matched
            .iter()
            .find(|&&i| statutory && violations[i].clause.modality == Modality::Must);
        let only_musts =
            statutory && !rule.clauses.is_empty() && rule.clauses.iter().all(|c| c.modality == Modality::Must);
        let qualified = format!("{}.{}", guidance.name, rule.name);
        let mut valid = true;

        if must_broken.is_some() || (matched.is_empty() && only_musts) {
            let clause = must_broken.map_or_else(|| rule.clauses[0].span, |&i| violations[i].clause.span);
            let d = Diagnostic::builtin(
                Builtin::E0205,
                council.file,
                departure.rule_span,
                format!("`{qualified}` is a statutory duty (`must`), which a departure cannot excuse"),
            )
            .with_label(guidance.file, clause, "this clause is a `must` in statutory guidance")
            .with_help("meet the duty and remove this departure; only `should` clauses can be departed from");
            out.push(d);
            valid = false;
        }
        if departure.reason.trim().chars().count() < MIN_REASON_CHARS {
            let d = Diagnostic::builtin(
                Builtin::E0206,
                council.file,
                departure.rule_span,
                format!("the departure from `{qualified}` gives no clear reason"),
            )
            .with_label(council.file, departure.reason_span, "too short to explain anything")
            .with_help(format!(
                "say why the council departs from the guidance and who agreed it, in at least {MIN_REASON_CHARS} characters"
            ));
            out.push(d);
            valid = false;
        }
        if !valid {
            continue;
        }
        if matched.is_empty() {
            let for_post = departure
                .for_post
                .map(|p| format!(" for `{}`", council.posts[p].name))
                .unwrap_or_default();
            let d = Diagnostic::builtin(
                Builtin::W0207,
                council.file,
                departure.rule_span,
                format!("the departure from `{qualified}`{for_post} matches no violation"),
            )
            .with_help("the council meets this rule, so remove the departure");
            out.push(d);
            continue;
        }
        for i in matched {
            let fix = violations[i].fix.clone();
            let d = &mut violations[i].diagnostic;
            if d.departure.is_some() {
                continue;
            }
            d.severity = Severity::Note;
            d.help = fix;
            d.fixes.retain(|f| !f.title.starts_with("record a departure"));
            d.departure = Some(DepartureNote {
                reason: departure.reason.clone(),
                file: council.file,
                span: departure.span,
            });
        }
    }
}
