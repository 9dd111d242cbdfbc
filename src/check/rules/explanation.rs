//! Why a form has the value it has for a post, a record or the council, as a typed
//! [`Reason`] with the line to point at and the edit that would change it: the longer
//! explanations that `meaning.rs` calls from each form's `why`, and the subject and what
//! an `exists` or `one` clause wants. The words are `crate::messages`'.

use crate::check::finding::{SubjectWords, Wanted, WantedKind};
use crate::diagnostics::Edit;
use crate::hir::{About, Flag, Group, Post, Selector, Target, TargetRef};
use crate::syntax::ast::{TargetKind, TargetMode};
use crate::syntax::{Name, Span};

use super::{Evaluator, HeldFix, Reason, RecordReason, Subject};

/// Why a condition has the value it has: the reason, the line that makes it so (if there
/// is one) and the edits that carry out the reason's fix, when they are mechanical.
pub(super) struct Why {
    pub(super) reason: Reason,
    pub(super) span: Option<Span>,
    pub(super) edits: Vec<Edit>,
}

impl Why {
    pub(super) fn new(reason: impl Into<Reason>, span: Option<Span>) -> Why {
        Why {
            reason: reason.into(),
            span,
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

/// The names a target list line would carry: the first missing for `any`, else all.
fn list(missing: &[Name], mode: TargetMode) -> String {
    match mode {
        TargetMode::Any => missing.first().map(Name::to_string).unwrap_or_default(),
        _ => missing.join(", "),
    }
}

impl<'c, 'a> Evaluator<'c, 'a> {
    /// Why the council lacks a council flag, with the edit that adds it to the council's
    /// `is` line (or a new one); `own` when said of the council itself.
    pub(super) fn council_unflagged(&self, flag: &Name, own: bool) -> Why {
        let council = self.council();
        let edit = match council.flags.first() {
            Some(line) => Some(append(line.stmt, flag)),
            None => council.insert_at.as_ref().map(|at| at.line(&format!("is {flag}"))),
        };
        Why::new(
            Reason::CouncilUnflagged {
                flag: flag.clone(),
                council: council.name.clone(),
                own,
            },
            council.flags.first().map(|f| f.stmt),
        )
        .with_edits(edit)
    }

    /// Why the council has a council flag: the `is` line that says so.
    pub(super) fn council_flagged(&self, flag: &Name, own: bool) -> Why {
        let council = self.council();
        Why::new(
            Reason::CouncilFlagged {
                flag: flag.clone(),
                own,
            },
            council.flags.iter().find(|f| f.flag == flag).map(|f| f.stmt),
        )
    }

    pub(super) fn relation_false(&self, p: usize, relation: &Name, kind: TargetKind, target: &Target) -> Why {
        let post = self.post(p);
        // The declared lines: a line that only implies this relation is never the line
        // that is wrong.
        let lines: Vec<&crate::hir::RelationStmt> = post
            .relations
            .iter()
            .filter(|r| r.relation == relation && r.implied_by.is_none())
            .collect();
        let missing = self.missing_targets(p, relation, kind, target);
        let any = target.mode == TargetMode::Any;
        if kind != TargetKind::Post {
            let list = list(&missing, target.mode);
            let (span, edit) = match lines.first() {
                None => (
                    None,
                    post.insert_at.as_ref().map(|at| at.line(&format!("{relation} {list}"))),
                ),
                Some(first) => (Some(first.span), Some(append(first.span, &list))),
            };
            return Why::new(
                Reason::LacksItems {
                    relation: relation.clone(),
                    post: post.name.clone(),
                    missing,
                    any,
                    has_line: !lines.is_empty(),
                },
                span,
            )
            .with_edits(edit);
        }
        // Which post of the council the line should name.
        let holders: Vec<&Post> = self
            .council()
            .posts
            .iter()
            .enumerate()
            .filter(|(i, q)| *i != p && target.names.iter().any(|n| q.holds(n)))
            .map(|(_, q)| q)
            .collect();
        // The post holds a target role itself and no other post does: a line naming
        // itself would be a circle (E0202), so the help is to separate the roles.
        let own: Vec<Name> = target.names.iter().filter(|n| post.holds(n)).cloned().collect();
        if holders.is_empty() && !own.is_empty() {
            let subject: Vec<Name> = match self.clause.about.selector() {
                Some(Selector::Role(r)) => vec![r.clone()],
                Some(Selector::Combine { roles, .. }) => roles.clone(),
                Some(Selector::Post) | None => Vec::new(),
            };
            let roles = subject.into_iter().chain(own.iter().cloned()).collect();
            return Why::new(
                Reason::HoldsTargetItself {
                    relation: relation.clone(),
                    own,
                    roles,
                    has_line: !lines.is_empty(),
                },
                lines.first().map(|l| l.span),
            );
        }
        let holder = match holders.as_slice() {
            [one] => Some(one.name.clone()),
            _ => None,
        };
        match lines.first() {
            None => Why::new(
                Reason::NoRelationLine {
                    relation: relation.clone(),
                    post: post.name.clone(),
                    holder: holder.clone(),
                    missing,
                    any,
                },
                None,
            )
            .with_edits(
                holder
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
                let edit = holder.clone().map(|q| Edit {
                    span: first.span,
                    text: format!("{relation} {q}"),
                });
                Why::new(
                    Reason::RelationNamesOthers {
                        relation: relation.clone(),
                        named,
                        holder,
                        missing,
                        any,
                    },
                    Some(first.span),
                )
                .with_edits(edit)
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
        match line {
            Some((line, TargetRef::Post(q), role)) if kind == TargetKind::Post => Why::new(
                Reason::RelatesToHolder {
                    relation: relation.clone(),
                    implied_by: line.implied_by.clone(),
                    target: self.post(q).name.clone(),
                    role,
                },
                Some(line.span),
            ),
            Some((line, _, item)) => Why::new(
                Reason::RelatesToItem {
                    relation: relation.clone(),
                    implied_by: line.implied_by.clone(),
                    item,
                },
                Some(line.span),
            ),
            None => Why::new(
                Reason::HasRelation {
                    relation: relation.clone(),
                },
                None,
            ),
        }
    }

    /// Why a post does not hold `role` (on an interim basis, with `interim`).
    pub(super) fn holds_false(&self, p: usize, role: &Name, interim: bool) -> Why {
        let post = self.post(p);
        let role = role.clone();
        match (post.vacant, post.declares(&role)) {
            (Some(line), true) => Why::new(Reason::HoldsButVacant { role }, Some(line)),
            (None, true) => {
                let span = post.holds_span(Some(&role));
                Why::new(Reason::HoldsNotInterim { role }, span)
            }
            (_, false) => Why::new(
                Reason::DoesNotHold {
                    subject: match self.clause.about.selector() {
                        Some(Selector::Role(r)) if *r != role => Some(r.clone()),
                        _ => None,
                    },
                    role,
                    interim,
                    post: post.name.clone(),
                },
                None,
            ),
        }
    }

    /// Why a post is not what `is FLAG` asks.
    pub(super) fn flag_false(&self, p: usize, flag: &Flag) -> Why {
        let post = self.post(p);
        let (span, edit) = match flag {
            Flag::Named(f) => (
                post.flags.first().map(|f| f.stmt),
                match post.flags.first() {
                    Some(line) => Some(append(line.stmt, f)),
                    None => post.insert_at.as_ref().map(|at| at.line(&format!("is {f}"))),
                },
            ),
            Flag::Officer | Flag::Member | Flag::Vacant | Flag::Shared => (None, None),
        };
        Why::new(
            Reason::NotFlagged {
                flag: flag.clone(),
                post: post.name.clone(),
            },
            span,
        )
        .with_edits(edit)
    }

    /// Why a post is what `is FLAG` says.
    pub(super) fn flag_true(&self, p: usize, flag: &Flag) -> Why {
        let post = self.post(p);
        let span = match flag {
            Flag::Officer | Flag::Member => None,
            Flag::Vacant => post.vacant,
            Flag::Shared => post.shared_with.first().map(|s| s.span),
            Flag::Named(f) => post.flags.iter().find(|x| x.flag == f).map(|x| x.stmt),
        };
        let partners = match flag {
            Flag::Shared => post.shared_with.iter().map(|s| s.council.clone()).collect(),
            _ => Vec::new(),
        };
        Why::new(
            Reason::Flagged {
                flag: flag.clone(),
                partners,
            },
            span,
        )
    }

    /// Why a post's `relation` names something outside `group`: the line that does.
    pub(super) fn relation_outside(&self, p: usize, relation: &Name, group: &Group) -> Why {
        let line = self.target_outside(p, relation, group);
        Why::new(
            Reason::RelationOutside {
                relation: relation.clone(),
                implied_by: line.as_ref().and_then(|(l, _)| l.implied_by.clone()),
                item: line.as_ref().map(|(_, name)| name.clone()),
                group: group.name.clone(),
            },
            line.map(|(l, _)| l.span),
        )
    }

    /// Why a record does not address `target`, with the edit that adds what is missing.
    pub(super) fn addresses_false(&self, r: usize, target: &Target) -> Why {
        let record = self.record(r);
        let missing = self.missing_elements(r, target);
        let list = list(&missing, target.mode);
        let edit = match record.addresses_span {
            Some(line) => Some(append(line, &list)),
            None => record
                .insert_at
                .as_ref()
                .map(|at| at.line(&format!("addresses {list}"))),
        };
        Why::new(
            RecordReason::AddressesNot {
                record: record.name.clone(),
                missing,
                any: target.mode == TargetMode::Any,
                has_line: record.addresses_span.is_some(),
            },
            record.addresses_span,
        )
        .with_edits(edit)
    }

    /// For `not S` with no condition: the post holds the roles it must not.
    pub(super) fn held(&self, s: Subject) -> Why {
        match s {
            Subject::Post(p) => {
                let post = self.post(p);
                let (span, fix) = match self.clause.about.selector() {
                    Some(Selector::Role(r)) => (
                        post.holds_span(Some(r)),
                        HeldFix::RemoveRole {
                            role: r.clone(),
                            post: post.name.clone(),
                        },
                    ),
                    Some(Selector::Combine { roles, .. }) => {
                        (post.holds_span(roles.first().map(Name::as_str)), HeldFix::Separate)
                    }
                    // `not post`: no post may exist at all, so the post's name is the span.
                    Some(Selector::Post) => (Some(post.name_span), HeldFix::Nothing),
                    None => (None, HeldFix::Separate),
                };
                Why::new(Reason::Held(fix), span)
            }
            Subject::Record(r) => Why::new(Reason::Held(HeldFix::Nothing), Some(self.record(r).name_span)),
            Subject::Council => Why::new(Reason::Held(HeldFix::Nothing), Some(self.council().name_span)),
        }
    }

    /// The subject as a message names it: a post with the roles it is selected by, an
    /// assurance record, the council.
    pub(super) fn subject_words(&self, s: Subject) -> SubjectWords {
        match s {
            Subject::Record(r) => SubjectWords::Record(self.record(r).name.clone()),
            Subject::Council => SubjectWords::Council(self.council().name.clone()),
            Subject::Post(p) => {
                let post = self.post(p);
                let roles = match self.clause.about.selector() {
                    Some(Selector::Role(r)) => vec![r.clone()],
                    Some(Selector::Combine { roles, others, except }) => {
                        let mut all = roles.clone();
                        if *others || !except.is_empty() {
                            all.extend(post.roles.iter().map(|h| h.role.clone()).filter(|r| !roles.contains(r)));
                        }
                        all
                    }
                    // `post` selects by no role: the roles its conditions name that the
                    // post holds say why it is spoken of ("`x` holds `HeadOfChildrensSafeguarding`
                    // but is a `member`").
                    Some(Selector::Post) => {
                        let mut named: Vec<Name> = Vec::new();
                        for role in self.clause.about.roles() {
                            if post.holds(role) && !named.contains(role) {
                                named.push(role.clone());
                            }
                        }
                        named
                    }
                    None => Vec::new(),
                };
                SubjectWords::Post {
                    post: post.name.clone(),
                    roles,
                }
            }
        }
    }

    /// What an `exists` or `one` clause looks for.
    pub(super) fn wanted(&self) -> Wanted {
        let kind = match &self.clause.about {
            About::Posts {
                selector: Selector::Role(r),
                ..
            } => WantedKind::Role(r.clone()),
            About::Posts {
                selector: Selector::Combine { roles, others, except },
                ..
            } => WantedKind::Combine {
                roles: roles.clone(),
                with_other: *others || !except.is_empty(),
            },
            About::Posts {
                selector: Selector::Post,
                ..
            } => WantedKind::Post,
            About::Records(_) => WantedKind::Record,
            About::Council(_) => WantedKind::Council,
        };
        Wanted {
            kind,
            condition: self.clause.condition_text.clone(),
        }
    }
}
