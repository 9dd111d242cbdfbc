//! Clauses described in words ("every post that holds `DCS` has a `reports_to` line
//! naming a post that holds `ChiefExecutive`"), for `regard explain`, SARIF's rule
//! descriptions and the checker's messages: a pure function of the resolved model, so
//! that whoever needs a clause's words gets them from here, not from the checker. One arm
//! per form, in its kind's `Words` (`cond.rs`).

use crate::hir::cond::Words;
use crate::hir::{About, Clause, Cond, Conditions, Selector};
use crate::syntax::ast::Quantifier;

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
                Selector::Post => String::new(),
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

/// " (`director_children` holds it but is vacant)": the vacant posts that would hold a
/// role no post holds, for messages about that role.
pub fn vacant_note<S: AsRef<str>>(vacant: &[S]) -> String {
    match vacant {
        [] => String::new(),
        [one] => format!(" (`{}` holds it but is vacant)", one.as_ref()),
        several => format!(" ({} hold it but are vacant)", ticked(several, "and")),
    }
}
