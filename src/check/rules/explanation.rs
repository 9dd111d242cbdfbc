//! The words of why a form has the value it has for a post, a record or the council, with
//! the line to point at and the edit that would change it: the longer explanations that
//! `meaning.rs` calls from each form's `why`, and the subject and clause in words.

use crate::diagnostics::Edit;
use crate::hir::{About, Flag, Group, Post, Selector, Target, TargetRef};
use crate::syntax::ast::{TargetKind, TargetMode};
use crate::syntax::{Name, Span};

use super::{Evaluator, Subject, ticked};

/// Why a condition has the value it has, for a message.
pub(super) struct Why {
    pub(super) text: String,
    /// The line that makes it so, if there is one.
    pub(super) span: Option<Span>,
    pub(super) fix: Option<String>,
    /// The edits that carry out `fix`, when they are mechanical.
    pub(super) edits: Vec<Edit>,
}

impl Why {
    pub(super) fn new(text: String, span: Option<Span>, fix: Option<String>) -> Why {
        Why {
            text,
            span,
            fix,
            edits: Vec::new(),
        }
    }

    pub(super) fn with_edits(mut self, edits: impl IntoIterator<Item = Edit>) -> Why {
        self.edits.extend(edits);
        self
    }
}

/// Inserts `, names` at the end of a list line.
pub(super) fn append(line: Span, names: &str) -> Edit {
    Edit {
        span: Span::new(line.end as usize, line.end as usize),
        text: format!(", {names}"),
    }
}

impl<'c, 'a> Evaluator<'c, 'a> {
    // ─── Explanations ──────────────────────────────────────────────────────────

    pub(super) fn post_name(&self, p: usize) -> String {
        format!("`{}`", self.post(p).name)
    }

    /// Why the council lacks a council flag: "is not marked `is committee_system`",
    /// with the edit that adds it to the council's `is` line (or a new one).
    pub(super) fn council_unflagged(&self, flag: &str, prefix: &str) -> Why {
        let council = self.council();
        let edit = match council.flags.first() {
            Some(line) => Some(append(line.stmt, flag)),
            None => council.insert_at.as_ref().map(|at| at.line(&format!("is {flag}"))),
        };
        Why::new(
            format!("{prefix} marked `is {flag}`"),
            council.flags.first().map(|f| f.stmt),
            Some(format!(
                "add `is {flag}` to council `{}`, if that is the case",
                council.name
            )),
        )
        .with_edits(edit)
    }

    /// Why the council has a council flag: the `is` line that says so.
    pub(super) fn council_flagged(&self, flag: &str, prefix: &str) -> Why {
        let council = self.council();
        Why::new(
            format!("{prefix} `is {flag}`"),
            council.flags.iter().find(|f| f.flag == flag).map(|f| f.stmt),
            Some(format!(
                "remove `{flag}` from the council's `is` line, if it no longer applies"
            )),
        )
    }

    pub(super) fn relation_false(&self, p: usize, relation: &str, kind: TargetKind, target: &Target) -> Why {
        let post = self.post(p);
        // The declared lines: a line that only implies this relation is never the line
        // that is wrong.
        let lines: Vec<&crate::hir::RelationStmt> = post
            .relations
            .iter()
            .filter(|r| r.relation == relation && r.implied_by.is_none())
            .collect();
        let missing = self.missing_targets(p, relation, kind, target);
        let joiner = if target.mode == TargetMode::Any { "or" } else { "and" };
        if kind == TargetKind::Post {
            // Which post of the council the line should name.
            let holders: Vec<&Post> = self
                .council()
                .posts
                .iter()
                .enumerate()
                .filter(|(i, q)| *i != p && target.names.iter().any(|n| q.holds(n)))
                .map(|(_, q)| q)
                .collect();
            let wanted = ticked(&missing, joiner);
            // The post holds a target role itself and no other post does: a line naming
            // itself would be a circle (E0202), so the help is to separate the roles.
            let own: Vec<&Name> = target.names.iter().filter(|n| post.holds(n)).collect();
            if holders.is_empty() && !own.is_empty() {
                let subject: Vec<&Name> = match self.clause.about.selector() {
                    Some(Selector::Role(r)) => vec![r],
                    Some(Selector::Combine { roles, .. }) => roles.iter().collect(),
                    None => Vec::new(),
                };
                let roles: Vec<&Name> = subject.into_iter().chain(own.iter().copied()).collect();
                let span = lines.first().map(|l| l.span);
                let text = match lines.first() {
                    None => format!("has no `{relation}` line, and holds {} itself", ticked(&own, "and")),
                    Some(_) => format!("holds {} itself, and no other post does", ticked(&own, "and")),
                };
                return Why::new(
                    text,
                    span,
                    Some(format!(
                        "give {} to separate posts, so that one {} the other",
                        ticked(&roles, "and"),
                        relation.replace('_', " ")
                    )),
                );
            }
            let fix_target = match holders.as_slice() {
                [one] => format!("`{relation} {}`", one.name),
                _ => format!("a `{relation}` line naming the post that holds {wanted}"),
            };
            let unique = match holders.as_slice() {
                [one] => Some(one.name.clone()),
                _ => None,
            };
            match lines.first() {
                None => Why::new(
                    format!("has no `{relation}` line"),
                    None,
                    Some(format!("add {fix_target} to {}", self.post_name(p))),
                )
                .with_edits(
                    unique
                        .zip(post.insert_at.as_ref())
                        .map(|(q, at)| at.line(&format!("{relation} {q}"))),
                ),
                Some(first) => {
                    let named: Vec<Name> = lines
                        .iter()
                        .flat_map(|l| &l.targets)
                        .filter_map(|t| match t {
                            TargetRef::Post(q) => Some(self.post(*q).name.clone()),
                            TargetRef::Item(_) => None,
                        })
                        .collect();
                    let verb = relation.replace('_', " ");
                    let which = if named.len() == 1 {
                        "which does not hold"
                    } else {
                        "which do not hold"
                    };
                    Why::new(
                        format!("{verb} {}, {which} {wanted}", ticked(&named, "and")),
                        Some(first.span),
                        Some(match &unique {
                            Some(q) => format!("change the line to `{relation} {q}`"),
                            None => format!("make the line name the post that holds {wanted}"),
                        }),
                    )
                    .with_edits(unique.map(|q| Edit {
                        span: first.span,
                        text: format!("{relation} {q}"),
                    }))
                }
            }
        } else {
            let wanted = match target.mode {
                TargetMode::Any => format!("`{relation}` naming {}", ticked(&missing, "or")),
                _ => format!("`{relation} {}`", missing.join(", ")),
            };
            let list = match target.mode {
                TargetMode::Any => missing.first().map(Name::to_string).unwrap_or_default(),
                _ => missing.join(", "),
            };
            match lines.first() {
                None => Why::new(
                    format!("has no {wanted}"),
                    None,
                    Some(format!("add `{relation} {list}` to {}", self.post_name(p))),
                )
                .with_edits(post.insert_at.as_ref().map(|at| at.line(&format!("{relation} {list}")))),
                Some(first) => Why::new(
                    format!("has no {wanted}"),
                    Some(first.span),
                    Some(format!("add `{list}` to its `{relation}` line")),
                )
                .with_edits([append(first.span, &list)]),
            }
        }
    }

    /// Why a post's `relation` lines reach the target: the line that does.
    pub(super) fn relation_true(&self, p: usize, relation: &Name, kind: TargetKind, target: &Target) -> Why {
        let post = self.post(p);
        let reaches = |t: &TargetRef| match t {
            TargetRef::Post(q) => target.names.iter().find(|n| self.post(*q).holds(n)).cloned(),
            TargetRef::Item(i) => target.names.iter().find(|n| *n == i).cloned(),
        };
        let line = post
            .relations
            .iter()
            .filter(|r| r.relation == relation)
            .find_map(|r| r.targets.iter().find_map(|t| reaches(t).map(|n| (r, t.clone(), n))));
        // A line the post has through `implies` is named by its declared relation.
        let declared = |line: &crate::hir::RelationStmt| line.implied_by.clone().unwrap_or(relation.clone());
        let through = |line: &crate::hir::RelationStmt| match &line.implied_by {
            Some(by) => format!(" (`{by}` counts as `{relation}`)"),
            None => String::new(),
        };
        match line {
            Some((line, TargetRef::Post(q), role)) if kind == TargetKind::Post => Why::new(
                format!(
                    "{} `{}`, which holds `{role}`{}",
                    declared(line).replace('_', " "),
                    self.post(q).name,
                    through(line)
                ),
                Some(line.span),
                Some(format!(
                    "remove `{}` from the `{}` line",
                    self.post(q).name,
                    declared(line)
                )),
            ),
            Some((line, _, name)) => Why::new(
                format!("has `{} {name}`{}", declared(line), through(line)),
                Some(line.span),
                Some(format!("remove `{name}` from its `{}` line", declared(line))),
            ),
            None => Why::new(format!("has `{relation}`"), None, None),
        }
    }

    /// Why a post does not hold `role` (on an interim basis, with `interim`).
    pub(super) fn holds_false(&self, p: usize, role: &Name, interim: bool) -> Why {
        let post = self.post(p);
        let basis = if interim { " interim" } else { "" };
        match (post.vacant, post.declares(role)) {
            (Some(line), true) => Why::new(
                format!("holds `{role}` but is vacant"),
                Some(line),
                Some(format!("give `{role}` to the post that covers the vacancy")),
            ),
            (None, true) => Why::new(
                format!("holds `{role}`, but not on an interim basis"),
                post.holds_span(Some(role)),
                Some(format!(
                    "write `{role} interim` in the `holds` line, if the post holds it temporarily"
                )),
            ),
            (_, false) => Why::new(
                format!(
                    "does not hold `{role}`{}",
                    if interim { " on an interim basis" } else { "" }
                ),
                None,
                Some(format!("add `holds {role}{basis}` to {}", self.post_name(p))),
            ),
        }
    }

    /// Why a post is not what `is FLAG` asks.
    pub(super) fn flag_false(&self, p: usize, flag: &Flag) -> Why {
        let post = self.post(p);
        match flag {
            Flag::Officer => Why::new(
                "is declared as a `member` (a councillor), not an `officer`".into(),
                None,
                Some(format!(
                    "give the role to an officer's post, or declare {} with `officer`",
                    self.post_name(p)
                )),
            ),
            Flag::Member => Why::new(
                "is declared as an `officer`, not a `member` (a councillor)".into(),
                None,
                Some(format!(
                    "give the role to a councillor's post, or declare {} with `member`",
                    self.post_name(p)
                )),
            ),
            Flag::Vacant => Why::new(
                "is not marked `is vacant`".into(),
                None,
                Some(format!("add `is vacant` to {}, if nobody holds it", self.post_name(p))),
            ),
            Flag::Shared => Why::new(
                "is not shared with another council".into(),
                None,
                Some(format!("add `shared with COUNCIL` to {}", self.post_name(p))),
            ),
            Flag::Named(f) => {
                let edit = match post.flags.first() {
                    Some(line) => Some(append(line.stmt, f)),
                    None => post.insert_at.as_ref().map(|at| at.line(&format!("is {f}"))),
                };
                Why::new(
                    format!("is not marked `is {f}`"),
                    post.flags.first().map(|f| f.stmt),
                    Some(format!("add `is {f}` to {}, if that is the case", self.post_name(p))),
                )
                .with_edits(edit)
            }
        }
    }

    /// Why a post is what `is FLAG` says.
    pub(super) fn flag_true(&self, p: usize, flag: &Flag) -> Why {
        let post = self.post(p);
        match flag {
            Flag::Officer => Why::new("is an `officer`".into(), None, None),
            Flag::Member => Why::new("is a `member` (a councillor)".into(), None, None),
            Flag::Vacant => Why::new(
                "is vacant".into(),
                post.vacant,
                Some("fill the post, or remove `vacant` from its `is` line".into()),
            ),
            Flag::Shared => {
                let partners: Vec<Name> = post.shared_with.iter().map(|s| s.council.clone()).collect();
                Why::new(
                    format!("is shared with {}", ticked(&partners, "and")),
                    post.shared_with.first().map(|s| s.span),
                    None,
                )
            }
            Flag::Named(f) => Why::new(
                format!("is marked `is {f}`"),
                post.flags.iter().find(|x| x.flag == f).map(|x| x.stmt),
                Some(format!("remove `{f}` from its `is` line, if it no longer applies")),
            ),
        }
    }

    /// Why a post's `relation` names something outside `group`: the line that does.
    pub(super) fn relation_outside(&self, p: usize, relation: &Name, group: &Group) -> Why {
        match self.target_outside(p, relation, group) {
            Some((line, name)) => {
                let (declared, through) = match &line.implied_by {
                    Some(by) => (by.clone(), format!(" (`{by}` counts as `{relation}`)")),
                    None => (relation.clone(), String::new()),
                };
                Why::new(
                    format!("has `{declared} {name}`{through}, which is not in `{}`", group.name),
                    Some(line.span),
                    Some(format!(
                        "remove `{name}` from its `{declared}` line, if it no longer applies"
                    )),
                )
            }
            None => Why::new(format!("has `{relation}` outside `{}`", group.name), None, None),
        }
    }

    /// Why a record does not address `target`, with the edit that adds what is missing.
    pub(super) fn addresses_false(&self, r: usize, target: &Target) -> Why {
        let record = self.record(r);
        let missing = self.missing_elements(r, target);
        let text = if target.mode == TargetMode::Any {
            format!("addresses none of {}", ticked(&missing, "or"))
        } else {
            format!("does not address {}", ticked(&missing, "and"))
        };
        let list = match target.mode {
            TargetMode::Any => missing.first().map(Name::to_string).unwrap_or_default(),
            _ => missing.join(", "),
        };
        let (fix, edit) = match record.addresses_span {
            Some(line) => (
                format!(
                    "add `{list}` to the `addresses` line of `{}`, once the assurance covers it",
                    record.name
                ),
                Some(append(line, &list)),
            ),
            None => (
                format!(
                    "add `addresses {list}` to `{}`, once the assurance covers it",
                    record.name
                ),
                record
                    .insert_at
                    .as_ref()
                    .map(|at| at.line(&format!("addresses {list}"))),
            ),
        };
        Why::new(text, record.addresses_span, Some(fix)).with_edits(edit)
    }

    /// For `not S` with no condition: the post holds the roles it must not.
    pub(super) fn held(&self, s: Subject) -> Why {
        match s {
            Subject::Post(p) => {
                let post = self.post(p);
                let span = match self.clause.about.selector() {
                    Some(Selector::Role(r)) => post.holds_span(Some(r)),
                    Some(Selector::Combine { roles, .. }) => post.holds_span(roles.first().map(Name::as_str)),
                    None => None,
                };
                let fix = match self.clause.about.selector() {
                    Some(Selector::Role(r)) => format!("remove `{r}` from the `holds` line of `{}`", post.name),
                    Some(Selector::Combine { .. }) | None => "give these roles to separate posts".to_string(),
                };
                Why::new(String::new(), span, Some(fix))
            }
            Subject::Record(r) => Why::new(String::new(), Some(self.record(r).name_span), None),
            Subject::Council => Why::new(String::new(), Some(self.council().name_span), None),
        }
    }

    /// "`director` holds `DCS`", "`director` holds `DCS` and `DASS`", "assurance record `x`".
    pub(super) fn subject_text(&self, s: Subject) -> String {
        match s {
            Subject::Record(r) => format!("assurance record `{}`", self.record(r).name),
            Subject::Council => format!("council `{}`", self.council().name),
            Subject::Post(p) => {
                let post = self.post(p);
                match self.clause.about.selector() {
                    Some(Selector::Role(r)) => format!("`{}` holds `{r}`", post.name),
                    Some(Selector::Combine { roles, others, except }) => {
                        let mut all = roles.clone();
                        if *others || !except.is_empty() {
                            all.extend(post.roles.iter().map(|h| h.role.clone()).filter(|r| !roles.contains(r)));
                        }
                        let both = if all.len() == 2 { "both " } else { "" };
                        format!("`{}` holds {both}{}", post.name, ticked(&all, "and"))
                    }
                    None => format!("`{}`", post.name),
                }
            }
        }
    }

    /// "a post that holds `DCS`", for `exists` and `one`.
    pub(super) fn wanted_text(&self) -> String {
        let what = match &self.clause.about {
            About::Posts {
                selector: Selector::Role(r),
                ..
            } => format!("post that holds `{r}`"),
            About::Posts {
                selector: Selector::Combine { roles, others, except },
                ..
            } => {
                let roles = ticked(roles, "and");
                if *others || !except.is_empty() {
                    format!("post that holds {roles} together with another role")
                } else {
                    format!("post that holds {roles}")
                }
            }
            About::Records(_) => "assurance record".to_string(),
            About::Council(_) => "council".to_string(),
        };
        match &self.clause.condition_text {
            Some(c) => format!("{what} and meets `{c}`"),
            None => what,
        }
    }
}
