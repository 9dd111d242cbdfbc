//! The words of what the built-in checks find in a council: one arm per variant of
//! `check::finding::CouncilFinding` (the variant names its code), so the compiler lists
//! a new finding here.

use crate::base::{Name, SourceFile};
use crate::check::finding::CouncilFinding;
use crate::diagnostics::{Builtin, Diagnostic};

/// W0207's note on a departure whose rule is in no guidance the council follows, before
/// its date; `regard impact` reads it as "departure loses its rule".
pub const UNFOLLOWED: &str = "the rule is not in the guidance this council follows";

pub(super) fn diagnostic(file: SourceFile, finding: &CouncilFinding) -> Diagnostic {
    use CouncilFinding as F;
    match finding {
        F::ReportingCycle { posts } => reporting_cycle(file, posts),
        F::NotDeclaredBack {
            post,
            roles,
            council,
            span,
            partner,
            partner_file,
            partner_span,
            partner_view,
            several,
        } => {
            let held = |roles: &[Name]| match roles {
                [] => "no role".to_string(),
                _ => roles.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", "),
            };
            let message = match partner_view {
                Some((view, view_roles)) => format!(
                    "the partner's view holds no role in common with this one: `{post}` of `{council}` holds {}, but `{view}` of `{partner}` holds {}",
                    held(roles),
                    held(view_roles),
                ),
                None if *several => format!(
                    "`{post}` is shared with `{partner}`, which declares several posts shared with `{council}` and none named `{post}`"
                ),
                None => format!(
                    "`{post}` is shared with `{partner}`, but `{partner}` declares no post shared with `{council}`"
                ),
            };
            let holds = match roles.as_slice() {
                [] => String::new(),
                _ => format!(
                    " (this view has `holds {}`)",
                    roles.iter().map(Name::as_str).collect::<Vec<_>>().join(", ")
                ),
            };
            Diagnostic::builtin(Builtin::E0203, file, *span, message)
                .with_label(*partner_file, *partner_span, format!("`{partner}` is declared here"))
                .with_help(format!(
                    "declare the joint post in `{partner}` too, with `shared with {council}` and the role the councils share{holds}"
                ))
        }
        F::Superseded { span, guidance, newer } => Diagnostic::builtin(
            Builtin::W0204,
            file,
            *span,
            format!("`{guidance}` is replaced by `{newer}`"),
        )
        .with_help(format!(
            "follow `{newer}` instead, or remove the `follows` line to follow the current guidance"
        )),
        F::NotInForce {
            span,
            guidance,
            in_force,
            as_of,
        } => {
            let message = match (in_force.from, in_force.until) {
                (Some(from), _) if *as_of < from => format!("`{guidance}` is not in force until {from}"),
                (_, Some(until)) => format!("`{guidance}` has not been in force since {until}"),
                // An empty period (it ends before it starts) is never in force.
                _ => format!("`{guidance}` is never in force"),
            };
            Diagnostic::builtin(Builtin::W0209, file, *span, message).with_help(format!(
                "its rules are still applied; remove the `follows` line to follow the guidance in force on {as_of}, or check on a date `{guidance}` is in force (`--as-of`)"
            ))
        }
        F::DepartsFromDuty {
            span,
            rule,
            clause_file,
            clause,
            law: false,
        } => Diagnostic::builtin(
            Builtin::E0205,
            file,
            *span,
            format!("`{rule}` is a statutory duty (`must`), which a departure cannot excuse"),
        )
        .with_label(*clause_file, *clause, "this clause is a `must` in statutory guidance")
        .with_help("meet the duty and remove this departure; only `should` clauses can be departed from"),
        F::DepartsFromDuty {
            span,
            rule,
            clause_file,
            clause,
            law: true,
        } => Diagnostic::builtin(
            Builtin::E0205,
            file,
            *span,
            format!("`{rule}` is a fact of law, which a departure cannot excuse"),
        )
        .with_label(*clause_file, *clause, "this clause states a fact of law")
        .with_help("remove this departure and correct the declaration: a fact of law cannot be departed from"),
        F::UnclearReason {
            span,
            rule,
            reason,
            least,
        } => Diagnostic::builtin(
            Builtin::E0206,
            file,
            *span,
            format!("the departure from `{rule}` gives no clear reason"),
        )
        .with_label(file, *reason, "too short to explain anything")
        .with_help(format!(
            "say why the council departs from the guidance and who agreed it, in at least {least} characters"
        )),
        F::ExcusesNothing {
            span,
            rule,
            for_post: _,
            council_finding: _,
            unfollowed: Some(as_of),
        } => Diagnostic::builtin(
            Builtin::W0207,
            file,
            *span,
            format!("the departure from `{rule}` matches no violation"),
        )
        .with_note(format!("{UNFOLLOWED} on {as_of}"))
        .with_help("remove the departure, or follow the guidance the rule is in"),
        F::ExcusesNothing {
            span,
            rule,
            for_post,
            council_finding,
            unfollowed: None,
        } => {
            let help = match (for_post, council_finding) {
                (Some(p), true) => format!(
                    "the rule's finding is about the council itself, which a departure for a post does not cover: remove `for {p}`"
                ),
                _ => "the council meets this rule, so remove the departure".to_string(),
            };
            let for_post = for_post.as_ref().map(|p| format!(" for `{p}`")).unwrap_or_default();
            Diagnostic::builtin(
                Builtin::W0207,
                file,
                *span,
                format!("the departure from `{rule}`{for_post} matches no violation"),
            )
            .with_help(help)
        }
        F::FutureRecord {
            span,
            record,
            dated,
            as_of,
            own: false,
        } => Diagnostic::builtin(
            Builtin::W0208,
            file,
            *span,
            format!("assurance record `{record}` is dated {dated}, after the check date {as_of}"),
        )
        .with_help("correct the date; if it is right, check again on or after it (`--as-of`)"),
        F::FutureRecord {
            span,
            record,
            dated,
            as_of,
            own: true,
        } => Diagnostic::builtin(
            Builtin::W0208,
            file,
            *span,
            format!(
                "assurance record `{record}` is dated {dated}, after the date this council is checked as of, {as_of}"
            ),
        )
        .with_help("correct the date, or the council's `as_of` if its facts describe a later date"),
    }
}

/// E0202: the circle named in order (its first posts only, when it is long), each line
/// of it marked.
fn reporting_cycle(file: SourceFile, posts: &[(Name, crate::base::Span)]) -> Diagnostic {
    const SHOWN: usize = CouncilFinding::SHOWN;
    let name = |i: usize| format!("`{}`", posts[i % posts.len()].0);
    let message = if posts.len() == 1 {
        format!("{} reports to itself", name(0))
    } else if posts.len() <= SHOWN {
        let chain: Vec<String> = (0..=posts.len()).map(name).collect();
        format!("reporting lines go round in a circle: {}", chain.join(" → "))
    } else {
        let chain: Vec<String> = (0..SHOWN).map(name).collect();
        format!(
            "reporting lines go round in a circle of {} posts: {} → … → {}",
            posts.len(),
            chain.join(" → "),
            name(0)
        )
    };
    let mut d = Diagnostic::builtin(Builtin::E0202, file, posts[0].1, message);
    for (i, (_, line)) in posts.iter().enumerate().skip(1).take(SHOWN - 1) {
        d = d.with_label(file, *line, format!("{} reports to {}", name(i), name(i + 1)));
    }
    if posts.len() > SHOWN {
        d = d.with_note(format!(
            "the circle has {} `reports_to` lines; the first {SHOWN} are marked",
            posts.len()
        ));
    }
    d.with_help(if posts.len() == 1 {
        format!("make {} report to the post above it", name(0))
    } else {
        "one of these posts must report to a post outside the circle; correct its `reports_to` line".into()
    })
}
