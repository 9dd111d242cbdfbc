//! The words of `regard analyze`'s findings (`hir::finding::AnalysisFinding`). The bound is always
//! stated: "no council of up to 8 posts and 2 assurance records".

use crate::diagnostics::{Builtin, Diagnostic, Label};
use crate::hir::finding::{AnalysisFinding, ClauseAt, KindOfCouncil, Larger};

/// "up to 8 posts and 2 assurance records".
fn bound(posts: usize, records: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "up to {} and {}",
        plural(posts, "post", "posts"),
        plural(records, "assurance record", "assurance records")
    )
}

fn base(code: Builtin, at: &ClauseAt, message: String, label: &str) -> Diagnostic {
    let mut d = Diagnostic::builtin(code, at.file, at.span, message);
    d.label = Some(label.to_string());
    d
}

fn cited(at: &ClauseAt) -> Vec<String> {
    at.notes
        .iter()
        .map(|n| format!("`{}.{}`: {n}", at.guidance, at.rule))
        .collect()
}

/// A kind of council in words: "is `committee_system` and has a post holding `Mayor`".
fn kind_words(kind: &KindOfCouncil) -> String {
    let flags = kind.flags.iter().map(|(f, v)| match v {
        true => format!("is `{f}`"),
        false => format!("is not `{f}`"),
    });
    let roles = kind.roles.iter().map(|r| format!("has a post holding `{r}`"));
    flags.chain(roles).collect::<Vec<_>>().join(" and ")
}

/// E0310 or W0313: the message made from the rules of the core, on its first clause,
/// with the others labelled and every clause's citations as notes.
fn conflict(
    code: Builtin,
    clauses: &[ClauseAt],
    message: impl Fn(String) -> String,
    larger: &str,
) -> Option<Diagnostic> {
    let (first, rest) = clauses.split_first()?;
    let rules: Vec<String> = clauses.iter().map(|c| format!("`{}.{}`", c.guidance, c.rule)).collect();
    let mut d = base(
        code,
        first,
        message(rules.join(", ")),
        "conflicts with the other labelled clauses",
    );
    d.labels = rest
        .iter()
        .map(|c| Label {
            file: c.file,
            span: c.span,
            message: match c.law {
                true => "in conflict: a fact of law".into(),
                false => "in conflict".into(),
            },
        })
        .collect();
    if first.law {
        d.label = Some("conflicts with the other labelled clauses: a fact of law".into());
    }
    d.notes = clauses.iter().flat_map(cited).collect();
    d.help = Some(format!(
        "without any one of these {} clauses the rest can be met: remove one, or narrow one with `when` or `unless`; {larger}",
        clauses.len()
    ));
    Some(d)
}

pub fn diagnostic(finding: &AnalysisFinding) -> Option<Diagnostic> {
    match finding {
        AnalysisFinding::Unsatisfiable {
            clauses,
            posts,
            records,
            larger,
        } => conflict(
            Builtin::E0310,
            clauses,
            |rules| {
                format!(
                    "no council of {} can meet every `must` and `should` at once: {rules} conflict",
                    bound(*posts, *records)
                )
            },
            &match larger {
                Larger::Records(m) => format!(
                    "but a council of up to {} can meet them all: raise the bound with `--records {m}`",
                    bound(*posts, *m)
                ),
                Larger::Posts(n) => {
                    format!("but a council of up to {n} posts can meet them all: raise the bound with `--posts {n}`")
                }
                Larger::StillConflicts { posts, records } => {
                    format!("no council of {} can meet them either", bound(*posts, *records))
                }
                Larger::NotAsked => {
                    "if the conflict needs a larger council, raise the bound with `--posts` or `--records`".to_string()
                }
            },
        ),
        AnalysisFinding::KindUnsatisfiable {
            kind,
            clauses,
            posts,
            records,
        } => conflict(
            Builtin::W0313,
            clauses,
            |rules| {
                format!(
                    "no council that {} (of {}) can meet every `must` and `should`: {rules} conflict",
                    kind_words(kind),
                    bound(*posts, *records)
                )
            },
            "other kinds of council can meet them all; if this kind should too, exempt it with `unless`",
        ),
        AnalysisFinding::NeverFires { clause, posts, records } => {
            let mut d = base(
                Builtin::W0311,
                clause,
                format!(
                    "no council of {} breaks `{}`: `{}.{}` can never report anything",
                    bound(*posts, *records),
                    clause.text,
                    clause.guidance,
                    clause.rule
                ),
                "never fires",
            );
            d.notes = cited(clause);
            d.help = Some(
                "say what the clause requires of the posts it selects: a condition they can fail, and exemptions that do not cover every case"
                    .into(),
            );
            Some(d)
        }
        AnalysisFinding::Implied { clause, posts, records } => {
            let mut d = base(
                Builtin::I0312,
                clause,
                format!(
                    "the other clauses of `{}` imply `{}`: no council of {} meets them and breaks it",
                    clause.guidance,
                    clause.text,
                    bound(*posts, *records)
                ),
                "implied by the other clauses",
            );
            d.notes = cited(clause);
            d.help = Some("keep it if it is there to cite its own paragraph; otherwise remove it, or make it say what the others do not".into());
            Some(d)
        }
    }
}

/// A period as a finding names it: "from 2027-09-01", or "2019-09-29 to 2023-12-14" (the
/// last day, where `until` is the first day after).
pub fn period_words(period: crate::hir::Period) -> String {
    let last = period.until.map(|u| u.yesterday().unwrap_or(u));
    match (period.from, last) {
        (Some(from), Some(last)) => format!("{from} to {last}"),
        (Some(from), None) => format!("from {from}"),
        (None, Some(last)) => format!("until {last}"),
        (None, None) => "on every date".to_string(),
    }
}

/// Says which period a finding of an analysis of several periods is about.
pub fn in_period(d: &mut Diagnostic, period: crate::hir::Period) {
    d.message.push_str(&format!(" ({})", period_words(period)));
}
