//! Guidance that cannot be checked as written: E0301 (a clause that says nothing),
//! E0302 (`unless` on a count), W0303 (clauses that contradict each other), E0304
//! (`replaces` naming nothing, or going round in a circle).
//!
//! These concern the drafter's file, not any council: their diagnostics have no council.

use crate::base::SourceFile;
use crate::diagnostics::{Builtin, Diagnostic, Example, Explanation};
use crate::graph;
use crate::hir::{Clause, Cond, Def, DefMap, Rule};
use crate::syntax::Span;
use crate::syntax::ast::{self, Ident, Modality, Quantifier};

/// E0301 and E0302: what is wrong with the shape of a clause, whatever its names.
pub fn clause_shape(file: SourceFile, c: &ast::Clause) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let quantifier = c.quantifier.0;
    let negated = c.negated.is_some();
    if quantifier == Quantifier::One && negated {
        out.push(
            Diagnostic::builtin(Builtin::E0301, file, c.span, "`not one` is not a complete clause")
                .with_help("write `not exists ...` for \"no post\", or `one ...` for \"exactly one post\""),
        );
    }
    let modality = c.modality();
    if modality != Modality::May && quantifier == Quantifier::Each && !negated && c.condition.is_none() {
        let word = if modality == Modality::Must { "must" } else { "should" };
        out.push(
            Diagnostic::builtin(
                Builtin::E0301,
                file,
                c.span,
                format!("this `{word}` clause names posts but says nothing about them"),
            )
            .with_help(
                "add a condition (such as `reports_to ChiefExecutive`), or write `exists` or `one` before the subject",
            ),
        );
    }
    if let Some((keyword, cond)) = &c.unless
        && quantifier != Quantifier::Each
    {
        let q = if quantifier == Quantifier::One {
            "a `one`"
        } else {
            "an `exists`"
        };
        out.push(
            Diagnostic::builtin(
                Builtin::E0302,
                file,
                keyword.to(cond.span),
                format!("`unless` cannot qualify {q} clause"),
            )
            .with_help("`unless` exempts single posts; move the exemption into the condition, or drop it"),
        );
    }
    out
}

/// A clause's polarity and condition with its leading `not`s folded into the polarity:
/// `not S C` and `S not C` have the same normal form.
fn normal_form(clause: &Clause) -> (bool, Option<&Cond>) {
    let mut positive = !clause.negated;
    let mut cond = clause.condition.as_ref();
    while let Some(Cond::Not(inner)) = cond {
        positive = !positive;
        cond = Some(inner);
    }
    (positive, cond)
}

/// W0303: two clauses of one guidance with the same subject and condition and opposite
/// polarity, both `must` or `should`; reported on the later one.
pub fn contradictions(file: SourceFile, rules: &[Rule]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: Vec<(&Clause, bool, Option<&Cond>)> = Vec::new();
    for clause in rules.iter().flat_map(|r| &r.clauses) {
        if clause.modality == Modality::May {
            continue;
        }
        let (polarity, cond) = normal_form(clause);
        let earlier = seen.iter().find(|(e, p, c)| {
            e.quantifier == clause.quantifier && e.selector == clause.selector && *c == cond && *p != polarity
        });
        if let Some((earlier, _, _)) = earlier {
            out.push(
                Diagnostic::builtin(
                    Builtin::W0303,
                    file,
                    clause.span,
                    "this clause contradicts an earlier clause of the same guidance",
                )
                .with_label(file, earlier.span, "the earlier clause says the opposite")
                .with_help("remove one of the clauses, or narrow one with a condition or `unless`"),
            );
        }
        seen.push((clause, polarity, cond));
    }
    out
}

/// E0304 for a `replaces` entry that names nothing.
pub fn unknown_replaced(file: SourceFile, guidance: &str, replaced: &Ident, suggestion: Option<&str>) -> Diagnostic {
    Diagnostic::builtin(
        Builtin::E0304,
        file,
        replaced.span,
        format!("`{guidance}` replaces unknown guidance `{}`", replaced.text),
    )
    .with_primary_label("not declared anywhere")
    .with_help(match suggestion {
        Some(s) => format!("a guidance with a similar name exists: `{s}`"),
        None => "name a guidance declared in the workspace, or remove the name".into(),
    })
}

/// E0304 for `replaces` that go round in a circle: one diagnostic per circle, in the
/// file of its first guidance (on the entry that points into the circle). `decl`
/// gives the syntax of a guidance declared in `file`; `def_span` where a definition's
/// name is.
pub fn replaces_cycles<'a>(
    file: SourceFile,
    defs: &DefMap,
    decl: &dyn Fn(&Def) -> Option<&'a ast::GuidanceDecl>,
    def_span: &dyn Fn(&Def) -> Option<Span>,
) -> Vec<Diagnostic> {
    let guidance: Vec<&Def> = defs.guidance().collect();
    if !guidance.iter().any(|g| g.file == file) {
        return Vec::new();
    }
    let index = |name: &str| guidance.iter().position(|g| g.name == name);
    let successors = |i: usize| guidance[i].replaces.iter().filter_map(|r| index(r)).collect::<Vec<_>>();
    let mut out = Vec::new();
    for cycle in graph::cycles(guidance.len(), &successors) {
        let first = guidance[cycle[0]];
        if first.file != file {
            continue;
        }
        let path = graph::cycle_through(cycle[0], &cycle, &successors);
        let next = guidance[path[1 % path.len()]];
        let Some(entry) = decl(first).and_then(|d| d.replaces.iter().find(|r| r.text == next.name)) else {
            continue;
        };
        let message = if path.len() == 1 {
            format!("`{}` replaces itself", first.name)
        } else {
            let chain: Vec<String> = path
                .iter()
                .chain([&cycle[0]])
                .map(|&i| format!("`{}`", guidance[i].name))
                .collect();
            format!("`replaces` goes round in a circle: {}", chain.join(" replaces "))
        };
        let mut d = Diagnostic::builtin(Builtin::E0304, file, entry.span, message)
            .with_primary_label("points back round the circle")
            .with_help("an edition can only replace older editions; remove the `replaces` that points back");
        for &i in path.iter().skip(1) {
            if let Some(span) = def_span(guidance[i]) {
                d = d.with_label(
                    guidance[i].file,
                    span,
                    format!("`{}` is declared here", guidance[i].name),
                );
            }
        }
        out.push(d);
    }
    out
}

pub const EXPLANATIONS: &[Explanation] = &[
    Explanation {
        code: Builtin::E0301,
        title: "a clause that says nothing",
        meaning: "A `must` or `should` clause names posts (`should DCS`) but says nothing about them: no condition, and no `exists` or `one`. `not one` is also refused: it has no clear meaning.",
        why: "Such a clause cannot be broken, so it would check nothing while looking like an expectation. (`may DCS` is fine: it records a permission, and `not DCS` says that no post may hold the role.)",
        failing: Example::text(
            "guidance local_protocol \"Local protocol\" {\n  status advisory\n\n  rule dcs_on_board {\n    should DCS\n  }\n}\n",
        ),
        passing: Example::text(
            "guidance local_protocol \"Local protocol\" {\n  status advisory\n\n  rule dcs_on_board {\n    should DCS member_of LSCB\n  }\n}\n",
        ),
        fix: "Add the condition the rule is about (`should DCS member_of LSCB`), or say that the role must exist (`should exists DCS`) or be held once (`must one DCS`).",
    },
    Explanation {
        code: Builtin::E0302,
        title: "`unless` on a count",
        meaning: "An `exists` or `one` clause has an `unless`. `unless` exempts single posts from a clause about every post; a clause that counts posts has no single post to exempt.",
        why: "The exemption would silently do nothing, and the drafter's intent would be lost.",
        failing: Example::text(
            "guidance local_protocol \"Local protocol\" {\n  status advisory\n\n  rule safeguarding_lead {\n    should exists HeadOfChildrensSafeguarding unless is interim\n  }\n}\n",
        ),
        passing: Example::text(
            "guidance local_protocol \"Local protocol\" {\n  status advisory\n\n  rule safeguarding_lead {\n    should exists HeadOfChildrensSafeguarding\n  }\n}\n",
        ),
        fix: "Drop the `unless`, or put the test into the clause's condition (`should exists HeadOfChildrensSafeguarding not is interim`).",
    },
    Explanation {
        code: Builtin::W0303,
        title: "contradicting clauses",
        meaning: "Two `must` or `should` clauses of one guidance are about the same posts and the same condition, but one requires it and the other forbids it. `not S C` and `S not C` count as the same clause.",
        why: "No council can meet both, so every council would be reported whatever it did. It is almost always a drafting slip.",
        failing: Example::text(
            "guidance local_protocol \"Local protocol\" {\n  status advisory\n\n  rule on_board {\n    should DCS member_of LSCB\n  }\n\n  rule off_board {\n    should not DCS member_of LSCB\n  }\n}\n",
        ),
        passing: Example::text(
            "guidance local_protocol \"Local protocol\" {\n  status advisory\n\n  rule on_board {\n    should DCS member_of LSCB\n  }\n\n  rule lead_member_off_board {\n    should not LMCS member_of LSCB\n  }\n}\n",
        ),
        fix: "Remove one of the two clauses, or narrow one so that they no longer overlap (a different role, a further condition, or `unless`).",
    },
    Explanation {
        code: Builtin::E0304,
        title: "`replaces` that cannot hold",
        meaning: "A guidance `replaces` a name that no guidance has, or `replaces` lines go round in a circle (A replaces B and B replaces A).",
        why: "Which guidance is current decides what a council without `follows` is checked against. A circle leaves no current edition, and an unknown name is usually a typing mistake.",
        failing: Example::text(
            "guidance protocol_2025 \"Local protocol, 2025\" {\n  status advisory\n  replaces protocol_2042\n}\n\nguidance protocol_2024 \"Local protocol, 2024\" {\n  status advisory\n}\n",
        ),
        passing: Example::text(
            "guidance protocol_2025 \"Local protocol, 2025\" {\n  status advisory\n  replaces protocol_2024\n}\n\nguidance protocol_2024 \"Local protocol, 2024\" {\n  status advisory\n}\n",
        ),
        fix: "Name the older edition the guidance replaces, exactly as it is declared; an edition only replaces older ones.",
    },
];
