//! Clauses described in words ("every post that holds `DCS` has a `reports_to` line
//! naming a post that holds `ChiefExecutive`"), for `regard explain`, SARIF's rule
//! descriptions and the checker's messages: a pure function of the resolved model, so
//! that whoever needs a clause's words gets them from here, not from the checker. One arm
//! per form, in the `Words` of its kind.

use crate::hir::{About, Clause, Cond, Conditions, CouncilForm, Flag, PostForm, RecordForm, Selector, Target};
use crate::syntax::ast::{Duration, Quantifier, TargetKind, TargetMode};

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
    let (noun, holding, [cond, when, unless]) = match &clause.about {
        About::Records(c) => ("assurance record".to_string(), String::new(), in_words(c)),
        About::Council(c) => ("council".to_string(), String::new(), in_words(c)),
        About::Posts { selector, conditions } => {
            let holding = match selector {
                Selector::Role(r) => format!(" that holds `{r}`"),
                Selector::Combine { roles, others, except } => {
                    let roles = ticked(roles, "and");
                    let others = if *others { " together with another role" } else { "" };
                    let except: String = except
                        .iter()
                        .map(|g| format!(" together with a role outside `{}`", g.name))
                        .collect();
                    format!(" that holds {roles}{others}{except}")
                }
            };
            ("post".to_string(), holding, in_words(conditions))
        }
    };
    let council = matches!(clause.about, About::Council(_));
    let mut text = match (clause.quantifier, clause.negated, cond) {
        (_, negated, cond) if council => match (negated, cond) {
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
    if let Some(w) = when {
        text.push_str(&format!(", when it {w}"));
    }
    if let Some(u) = unless {
        text.push_str(&format!(", unless it {u}"));
    }
    text
}

/// The condition, `when` and `unless` of a clause in words.
fn in_words<F: Words>(c: &Conditions<F>) -> [Option<String>; 3] {
    [&c.condition, &c.when, &c.unless].map(|c| c.as_ref().map(describe_cond))
}

/// A condition in words, said of its subject ("holds `DCS`").
fn describe_cond<F: Words>(cond: &Cond<F>) -> String {
    match cond {
        Cond::Not(inner) => match inner.as_ref() {
            Cond::Form(f) => f
                .negated()
                .unwrap_or_else(|| format!("does not meet this: {}", f.words())),
            other => format!("does not meet this: {}", describe_cond(other)),
        },
        Cond::And(cs) => cs.iter().map(describe_cond).collect::<Vec<_>>().join(" and "),
        Cond::Or(cs) => cs.iter().map(describe_cond).collect::<Vec<_>>().join(" or "),
        Cond::Form(f) => f.words(),
    }
}

/// A form in words, and its negation where it reads better than "does not meet this".
trait Words {
    fn words(&self) -> String;
    fn negated(&self) -> Option<String>;
}

/// `` `A` and `B` `` or `` `A` or `B` ``, as the target's mode says.
fn names(t: &Target) -> String {
    let joiner = if t.mode == TargetMode::Any { "or" } else { "and" };
    ticked(&t.names, joiner)
}

/// "has an assurance record dated within 12 months", of the council; "is covered by ..."
/// of a post.
fn assurance_words(of_council: bool, within: Option<Duration>, addresses: Option<&Target>) -> String {
    let dated = within.map(|d| format!(" dated within {d}")).unwrap_or_default();
    match (of_council, addresses) {
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

impl Words for PostForm {
    fn words(&self) -> String {
        match self {
            PostForm::Relation {
                relation,
                kind: TargetKind::Post,
                target,
            } => format!("has a `{relation}` line naming a post that holds {}", names(target)),
            PostForm::Relation { relation, target, .. } if target.mode == TargetMode::One => {
                format!("has `{relation} {}`", target.names.join(""))
            }
            PostForm::Relation { relation, target, .. } => format!("has `{relation}` naming {}", names(target)),
            PostForm::Holds { role, interim: false } => format!("holds `{role}`"),
            PostForm::Holds { role, interim: true } => format!("holds `{role}` on an interim basis"),
            PostForm::Is(Flag::Vacant) => "is vacant".into(),
            PostForm::Is(Flag::Officer) => "is an officer".into(),
            PostForm::Is(Flag::Member) => "is a councillor (`member`)".into(),
            PostForm::Is(Flag::Shared) => "is shared with another council".into(),
            PostForm::Is(Flag::Named(f)) => format!("is `{f}`"),
            PostForm::Assurance { within, addresses } => assurance_words(false, *within, addresses.as_ref()),
            PostForm::CouncilIs(f) => format!("belongs to a council marked `is {f}`"),
            PostForm::HoldsOtherThan(g) => format!("holds a role outside `{}`", g.name),
            PostForm::RelationOtherThan { relation, group, .. } => {
                format!("has `{relation}` naming something outside `{}`", group.name)
            }
        }
    }

    fn negated(&self) -> Option<String> {
        Some(match self {
            PostForm::Holds { role, interim: false } => format!("does not hold `{role}`"),
            PostForm::Holds { role, interim: true } => format!("does not hold `{role}` on an interim basis"),
            PostForm::Is(Flag::Vacant) => "is not vacant".into(),
            PostForm::Is(Flag::Named(f)) => format!("is not `{f}`"),
            PostForm::Is(Flag::Officer) => "is not an officer".into(),
            PostForm::Is(Flag::Member) => "is not a councillor".into(),
            PostForm::Is(Flag::Shared) => "is not shared with another council".into(),
            PostForm::Relation { .. }
            | PostForm::CouncilIs(_)
            | PostForm::HoldsOtherThan(_)
            | PostForm::RelationOtherThan { .. }
            | PostForm::Assurance { .. } => return None,
        })
    }
}

impl Words for RecordForm {
    fn words(&self) -> String {
        match self {
            RecordForm::DatedWithin(d) => format!("is dated within {d} of the check date"),
            RecordForm::Addresses(t) => format!("addresses {}", names(t)),
            RecordForm::Covers(r) => format!("covers a post that holds `{r}`"),
            RecordForm::CouncilIs(f) => format!("belongs to a council marked `is {f}`"),
        }
    }

    fn negated(&self) -> Option<String> {
        match self {
            RecordForm::DatedWithin(_)
            | RecordForm::Addresses(_)
            | RecordForm::Covers(_)
            | RecordForm::CouncilIs(_) => None,
        }
    }
}

impl Words for CouncilForm {
    fn words(&self) -> String {
        match self {
            CouncilForm::Is(f) => format!("is `{f}`"),
            CouncilForm::CouncilIs(f) => format!("belongs to a council marked `is {f}`"),
            CouncilForm::Assurance { within, addresses } => assurance_words(true, *within, addresses.as_ref()),
        }
    }

    fn negated(&self) -> Option<String> {
        match self {
            CouncilForm::Is(f) => Some(format!("is not `{f}`")),
            CouncilForm::CouncilIs(_) | CouncilForm::Assurance { .. } => None,
        }
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
