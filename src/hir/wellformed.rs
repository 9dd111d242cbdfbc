//! Guidance that cannot be checked as written, found while it is resolved: E0301 (a
//! clause that says nothing), W0303 (clauses that
//! contradict each other), E0304 (`replaces` going round in a circle). These concern the
//! drafter's file, not any council: their findings have no council.

use crate::base::{SourceFile, Span};
use crate::graph;
use crate::hir::finding::{Declared, FindingKind};
use crate::hir::{About, Clause, Cond, Conditions, Def, DefMap, Period, Rule};
use crate::syntax::ast::{self, Modality, Quantifier};

/// E0301 and E0302: what is wrong with the shape of a clause, whatever its names.
pub fn clause_shape(c: &ast::Clause) -> Vec<FindingKind> {
    let mut out = Vec::new();
    let quantifier = c.quantifier.0;
    let negated = c.negated.is_some();
    if quantifier == Quantifier::One && negated {
        out.push(FindingKind::NotOne { span: c.span });
    }
    let modality = c.modality();
    if matches!(c.selector.kind, ast::SelectorKind::Council) {
        if modality != Modality::May && c.condition.is_none() {
            out.push(FindingKind::CouncilSaysNothing { span: c.span });
        }
    } else if modality != Modality::May && quantifier == Quantifier::Each && !negated && c.condition.is_none() {
        out.push(FindingKind::SaysNothing { span: c.span, modality });
    }
    // `when` and `unless` on a count are checked as they are lowered: whether they speak
    // of the council only depends on what their flags are declared as.
    out
}

/// A polarity and condition with the condition's leading `not`s folded into the
/// polarity: `not S C` and `S not C` have the same normal form.
fn normal_form<F>(positive: bool, condition: Option<&Cond<F>>) -> (bool, Option<&Cond<F>>) {
    let (mut positive, mut cond) = (positive, condition);
    while let Some(Cond::Not(inner)) = cond {
        positive = !positive;
        cond = Some(inner);
    }
    (positive, cond)
}

/// Whether two clauses' conditions of one kind say the same of the same subjects, `when`
/// and `unless` included, with opposite polarity.
fn opposite<F: PartialEq>(a: &Conditions<F>, a_negated: bool, b: &Conditions<F>, b_negated: bool) -> bool {
    let (a_positive, a_cond) = normal_form(!a_negated, a.condition.as_ref());
    let (b_positive, b_cond) = normal_form(!b_negated, b.condition.as_ref());
    a_positive != b_positive && a_cond == b_cond && a.when == b.when && a.unless == b.unless
}

/// Whether `b` says the opposite of `a` of the same subjects.
fn contradicts(a: &Clause, b: &Clause) -> bool {
    a.quantifier == b.quantifier
        && match (&a.about, &b.about) {
            (
                About::Posts {
                    selector: sa,
                    conditions: ca,
                },
                About::Posts {
                    selector: sb,
                    conditions: cb,
                },
            ) => sa == sb && opposite(ca, a.negated, cb, b.negated),
            (About::Records(ca), About::Records(cb)) => opposite(ca, a.negated, cb, b.negated),
            (About::Council(ca), About::Council(cb)) => opposite(ca, a.negated, cb, b.negated),
            (About::Posts { .. } | About::Records(_) | About::Council(_), _) => false,
        }
}

/// W0303: two clauses of one guidance with the same subject, condition, `when` and
/// `unless` and opposite polarity, both `must` or `should`, of rules in force on some
/// common day; reported on the later one.
pub fn contradictions(rules: &[Rule]) -> Vec<FindingKind> {
    let mut out = Vec::new();
    let mut seen: Vec<(&Clause, Period)> = Vec::new();
    for (clause, in_force) in rules.iter().flat_map(|r| r.clauses.iter().map(|c| (c, r.in_force))) {
        if clause.modality == Modality::May {
            continue;
        }
        let earlier = seen
            .iter()
            .find(|(e, period)| period.overlaps(in_force) && contradicts(e, clause));
        if let Some((earlier, _)) = earlier {
            out.push(FindingKind::Contradiction {
                span: clause.span,
                earlier: earlier.span,
            });
        }
        seen.push((clause, in_force));
    }
    out
}

/// E0304 for `replaces` that go round in a circle: one finding per circle, in the file
/// of its first guidance (on the entry that points into the circle). `decl` gives the
/// syntax of a guidance declared in `file`; `def_span` where a definition's name is.
pub fn replaces_cycles<'a>(
    file: SourceFile,
    defs: &DefMap,
    decl: &dyn Fn(&Def) -> Option<&'a ast::GuidanceDecl>,
    def_span: &dyn Fn(&Def) -> Option<Span>,
) -> Vec<FindingKind> {
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
        let circle = path
            .iter()
            .map(|&i| Declared {
                name: guidance[i].name.clone(),
                kind: guidance[i].kind,
                file: guidance[i].file,
                span: def_span(guidance[i]),
            })
            .collect();
        out.push(FindingKind::ReplacesCycle {
            entry: entry.span,
            circle,
        });
    }
    out
}
