//! Clauses described in words ("every post that holds `DCS` has a `reports_to` line
//! naming a post that holds `ChiefExecutive`"), for `regard explain`, SARIF's rule
//! descriptions and the checker's messages: a pure function of the resolved model, so
//! that whoever needs a clause's words gets them from here, not from the checker. One arm
//! per condition form in `describe_cond`.

use crate::hir::{Clause, Cond, Flag, Selector, Target};
use crate::syntax::ast::{Quantifier, TargetKind, TargetMode};

/// "`A`", "`A` and `B`", "`A`, `B` or `C`".
pub fn ticked<S: AsRef<str>>(names: &[S], joiner: &str) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {joiner} {last}", init.join(", ")),
    }
}

/// A clause in words: "every post that holds `DCS` has a `reports_to` line naming a
/// post that holds `ChiefExecutive`, unless it holds `ChiefExecutive` and is `interim`".
pub fn describe_clause(clause: &Clause) -> String {
    let council = clause.selector == Selector::Council;
    let describe_cond = |c: &Cond| describe_cond(c, council);
    let cond = clause.condition.as_ref().map(describe_cond);
    let (noun, holding) = match &clause.selector {
        Selector::Assurance => ("assurance record".to_string(), String::new()),
        Selector::Role(r) => ("post".to_string(), format!(" that holds `{r}`")),
        Selector::Council => ("council".to_string(), String::new()),
        Selector::Combine { roles, others, except } => {
            let roles = ticked(roles, "and");
            let others = if *others { " together with another role" } else { "" };
            let except: String = except
                .iter()
                .map(|g| format!(" together with a role outside `{}`", g.name))
                .collect();
            ("post".to_string(), format!(" that holds {roles}{others}{except}"))
        }
    };
    let mut text = match (clause.quantifier, clause.negated, cond) {
        _ if council => match (clause.negated, clause.condition.as_ref().map(describe_cond)) {
            (false, Some(c)) => format!("the council {c}"),
            (true, Some(c)) => format!("it is not the case that the council {c}"),
            (_, None) => "(a clause about the council needs a condition)".to_string(),
        },
        (Quantifier::Each, false, Some(c)) => format!("every {noun}{holding} {c}"),
        (Quantifier::Each, false, None) => format!("a {noun}{holding} is allowed"),
        (Quantifier::Each | Quantifier::Exists, true, None) => format!("no {noun}{holding} exists"),
        (Quantifier::Each | Quantifier::Exists, true, Some(c)) => format!("no {noun}{holding} {c}"),
        (Quantifier::Exists, false, None) => format!("the council has at least one {noun}{holding}"),
        (Quantifier::Exists, false, Some(c)) => format!("the council has at least one {noun}{holding} that {c}"),
        (Quantifier::One, false, None) => format!("the council has exactly one {noun}{holding}"),
        (Quantifier::One, false, Some(c)) => format!("the council has exactly one {noun}{holding} that {c}"),
        (Quantifier::One, true, _) => "(`not one` has no meaning)".to_string(),
    };
    if let Some(w) = &clause.when {
        text.push_str(&format!(", when it {}", describe_cond(w)));
    }
    if let Some(u) = &clause.unless {
        text.push_str(&format!(", unless it {}", describe_cond(u)));
    }
    text
}

/// A condition in words, said of a post or a record ("holds `DCS`").
fn describe_cond(cond: &Cond, council: bool) -> String {
    let describe_cond = |c: &Cond| describe_cond(c, council);
    let names = |t: &Target| {
        let joiner = if t.mode == TargetMode::Any { "or" } else { "and" };
        ticked(&t.names, joiner)
    };
    match cond {
        Cond::Not(inner) => match inner.as_ref() {
            Cond::Holds { role, interim: false } => format!("does not hold `{role}`"),
            Cond::Holds { role, interim: true } => format!("does not hold `{role}` on an interim basis"),
            Cond::Is(Flag::Vacant) => "is not vacant".into(),
            Cond::Is(Flag::Named(f)) => format!("is not `{f}`"),
            Cond::Is(Flag::Officer) => "is not an officer".into(),
            Cond::Is(Flag::Member) => "is not a councillor".into(),
            Cond::Is(Flag::Shared) => "is not shared with another council".into(),
            other => format!("does not meet this: {}", describe_cond(other)),
        },
        Cond::And(cs) => cs.iter().map(describe_cond).collect::<Vec<_>>().join(" and "),
        Cond::Or(cs) => cs.iter().map(describe_cond).collect::<Vec<_>>().join(" or "),
        Cond::Relation {
            relation,
            kind: TargetKind::Post,
            target,
        } => {
            format!("has a `{relation}` line naming a post that holds {}", names(target))
        }
        Cond::Relation { relation, target, .. } if target.mode == TargetMode::One => {
            format!("has `{relation} {}`", target.names.join(""))
        }
        Cond::Relation { relation, target, .. } => format!("has `{relation}` naming {}", names(target)),
        Cond::Holds { role, interim: false } => format!("holds `{role}`"),
        Cond::Holds { role, interim: true } => format!("holds `{role}` on an interim basis"),
        Cond::Is(Flag::Vacant) => "is vacant".into(),
        Cond::Is(Flag::Officer) => "is an officer".into(),
        Cond::Is(Flag::Member) => "is a councillor (`member`)".into(),
        Cond::Is(Flag::Shared) => "is shared with another council".into(),
        Cond::Is(Flag::Named(f)) => format!("is `{f}`"),
        Cond::Assurance { within, addresses } => {
            let dated = within.map(|d| format!(" dated within {d}")).unwrap_or_default();
            match (council, addresses) {
                (false, None) => format!("is covered by an assurance record{dated}"),
                (true, None) => format!("has an assurance record{dated}"),
                (false, Some(t)) => format!(
                    "is covered by assurance records{dated} that, taken together, address {}",
                    names(t)
                ),
                (true, Some(t)) => format!(
                    "has assurance records{dated} that, taken together, address {}",
                    names(t)
                ),
            }
        }
        Cond::CouncilIs(f) => format!("belongs to a council marked `is {f}`"),
        Cond::HoldsOtherThan(g) => format!("holds a role outside `{}`", g.name),
        Cond::RelationOtherThan { relation, group, .. } => {
            format!("has `{relation}` naming something outside `{}`", group.name)
        }
        Cond::DatedWithin(d) => format!("is dated within {d} of the check date"),
        Cond::Addresses(t) => format!("addresses {}", names(t)),
        Cond::Covers(r) => format!("covers a post that holds `{r}`"),
    }
}

/// " (`director_children` holds it but is vacant)": the vacant posts that would hold a
/// role no post holds, for messages about that role.
pub fn vacant_note<S: AsRef<str>>(vacant: &[S]) -> String {
    match vacant {
        [] => String::new(),
        [one] => format!(" (`{}` holds it but is vacant)", one.as_ref()),
        several => format!(" ({} hold it but are vacant)", ticked(several, "and")),
    }
}
