//! The words of `regard analyze`'s findings (`hir::finding::AnalysisFinding`). The bound is always
//! stated: "no council of up to 8 posts and 2 assurance records".

use crate::diagnostics::{Builtin, Diagnostic, Label};
use crate::hir::finding::{AnalysisFinding, ClauseAt};

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

pub fn diagnostic(finding: &AnalysisFinding) -> Option<Diagnostic> {
    match finding {
        AnalysisFinding::Unsatisfiable {
            clauses,
            posts,
            records,
        } => {
            let (first, rest) = clauses.split_first()?;
            let rules: Vec<String> = clauses.iter().map(|c| format!("`{}.{}`", c.guidance, c.rule)).collect();
            let mut d = base(
                Builtin::E0310,
                first,
                format!(
                    "no council of {} can meet every `must` and `should` at once: {} conflict",
                    bound(*posts, *records),
                    rules.join(", ")
                ),
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
                "without any one of these {} clauses the rest can be met: remove one, or narrow one with `when` or `unless`; \
                 if the conflict needs a larger council, raise the bound with `--posts`",
                clauses.len()
            ));
            Some(d)
        }
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
