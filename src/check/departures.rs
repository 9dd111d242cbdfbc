//! Departures ("comply or explain"): E0205, E0206, W0207, and violations turned into
//! notes.
//!
//! Councils must have regard to statutory guidance and need clear reasons to depart from
//! it. A valid departure turns the violations it matches into notes. A departure from a
//! statutory `must` or a fact of law (E0205) or without a clear reason (E0206) excuses
//! nothing; one that matches no violation is stale (W0207), like an unused allow.

use super::Context;
use super::finding::CouncilFinding;
use super::rules::{Subject, Violation};
use crate::diagnostics::{DepartureNote, Severity};
use crate::hir::Departure;
use crate::syntax::ast::{Modality, Status};

pub use crate::hir::MIN_REASON_CHARS;

fn matches(departure: &Departure, v: &Violation<'_>, ctx: &Context<'_>) -> bool {
    if v.guidance.name != departure.guidance || v.rule.name != departure.rule {
        return false;
    }
    match (departure.for_post, v.subject) {
        (None, _) => true,
        (Some(p), Some(Subject::Post(q))) => p == q,
        (Some(p), Some(Subject::Record(r))) => ctx.council.records[r].covers.contains(&p),
        // A departure for a post does not cover a finding about the council (2.12).
        (Some(_), None | Some(Subject::Council)) => false,
    }
}

pub fn check(ctx: &Context<'_>, violations: &mut [Violation<'_>], out: &mut Vec<CouncilFinding>) {
    let council = ctx.council;
    for departure in &council.departures {
        let Some(guidance) = ctx.guidance.guidance(&departure.guidance) else {
            continue;
        };
        let Some(rule) = guidance.rule(&departure.rule) else {
            continue;
        };
        let statutory = guidance.status == Status::Statutory;
        // A fact of law is never departed from, broken or not, in force or not.
        let law = guidance.status == Status::Law;
        let matched: Vec<usize> = (0..violations.len())
            .filter(|&i| matches(departure, &violations[i], ctx))
            .collect();
        let must_broken = matched
            .iter()
            .find(|&&i| statutory && violations[i].clause.modality == Modality::Must);
        // A rule not in force is not evaluated: a departure from it excuses nothing (W0207),
        // whatever its clauses.
        let only_musts = statutory
            && rule.in_force.contains(ctx.as_of)
            && !rule.clauses.is_empty()
            && rule.clauses.iter().all(|c| c.modality == Modality::Must);
        let qualified = format!("{}.{}", guidance.name, rule.name);
        // A rule of a guidance the council does not follow on its check date: nothing to
        // excuse (W0207, with why), or E0206 alone for a short reason (language-v3 3.9).
        if !law && !council.follows.iter().any(|f| f.guidance == guidance.name) {
            match departure.reason.trim().chars().count() < MIN_REASON_CHARS {
                true => out.push(CouncilFinding::UnclearReason {
                    span: departure.rule_span,
                    rule: qualified,
                    reason: departure.reason_span,
                    least: MIN_REASON_CHARS,
                }),
                false => out.push(CouncilFinding::ExcusesNothing {
                    span: departure.rule_span,
                    rule: qualified,
                    for_post: None,
                    council_finding: false,
                    unfollowed: Some(ctx.as_of),
                }),
            }
            continue;
        }
        let mut valid = true;

        if law || must_broken.is_some() || (matched.is_empty() && only_musts) {
            let broken = matched.first().filter(|_| law).or(must_broken);
            let first = rule.clauses.first().map_or(rule.name_span, |c| c.span);
            let clause = broken.map_or(first, |&i| violations[i].clause.span);
            out.push(CouncilFinding::DepartsFromDuty {
                span: departure.rule_span,
                rule: qualified.clone(),
                clause_file: guidance.file,
                clause,
                law,
            });
            valid = false;
        }
        if departure.reason.trim().chars().count() < MIN_REASON_CHARS {
            out.push(CouncilFinding::UnclearReason {
                span: departure.rule_span,
                rule: qualified.clone(),
                reason: departure.reason_span,
                least: MIN_REASON_CHARS,
            });
            valid = false;
        }
        if !valid {
            continue;
        }
        if matched.is_empty() {
            let council_finding = departure.for_post.is_some()
                && violations.iter().any(|v| {
                    v.guidance.name == departure.guidance
                        && v.rule.name == departure.rule
                        && matches!(v.subject, None | Some(Subject::Council))
                });
            out.push(CouncilFinding::ExcusesNothing {
                span: departure.rule_span,
                rule: qualified,
                for_post: departure.for_post.map(|p| council.posts[p].name.clone()),
                council_finding,
                unfollowed: None,
            });
            continue;
        }
        for i in matched {
            let v = &mut violations[i];
            if v.departure.is_some() {
                continue;
            }
            v.severity = Severity::Note;
            v.departure = Some(DepartureNote {
                reason: departure.reason.clone(),
                file: council.file,
                span: departure.span,
            });
        }
    }
}
