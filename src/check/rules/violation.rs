//! A broken clause turned into its violation: the severity from the guidance's status
//! and the clause's modality, the line to point at, what breaks the clause (a typed
//! [`Breach`]) and how a departure would be recorded. `crate::messages` words it.

use crate::check::finding::{Breach, DepartHint};
use crate::diagnostics::Severity;
use crate::hir::Post;
use crate::syntax::Name;
use crate::syntax::Span;
use crate::syntax::ast::{Modality, Status};

use super::explanation::Why;
use super::{Evaluator, Subject, Violation};

impl<'c, 'a> Evaluator<'c, 'a> {
    pub(super) fn severity(&self) -> Severity {
        Severity::of_clause(self.guidance.status, self.clause.modality)
    }

    /// Whether a departure can excuse this clause (not a statutory `must`, nor a fact
    /// of law).
    pub(super) fn departable(&self) -> bool {
        match self.guidance.status {
            Status::Law => false,
            Status::Statutory => self.clause.modality != Modality::Must,
            Status::Advisory => true,
        }
    }

    /// The rule's name as a `depart` line should write it.
    pub(super) fn depart_name(&self) -> String {
        let ambiguous = self
            .ctx
            .council
            .follows
            .iter()
            .filter(|f| f.guidance != self.guidance.name)
            .filter_map(|f| self.ctx.guidance.guidance(&f.guidance))
            .any(|g| g.rule(&self.rule.name).is_some());
        if ambiguous {
            format!("{}.{}", self.guidance.name, self.rule.name)
        } else {
            self.rule.name.to_string()
        }
    }

    /// How to record a departure for `s` (a post's departure is `for` it), where one is
    /// possible: the rule's name and the edit that adds the line, with the cursor in its
    /// empty reason.
    fn depart_hint(&self, s: Option<Subject>) -> Option<DepartHint> {
        if !self.departable() {
            return None;
        }
        let rule = self.depart_name();
        let for_post = match s {
            Some(Subject::Post(p)) => Some(self.post(p).name.clone()),
            _ => None,
        };
        let edit = self.council().insert_at.as_ref().map(|at| {
            let for_text = for_post.as_ref().map(|p| format!(" for {p}")).unwrap_or_default();
            let statement = format!("depart {rule}{for_text} because \"\"");
            // Inside the empty reason: the indentation, the statement but its final quote.
            let cursor = (at.indent.len() + statement.len() - 1) as u32;
            (at.line(&statement), cursor)
        });
        Some(DepartHint { rule, for_post, edit })
    }

    fn make(&self, subject: Option<Subject>, span: Span, breach: Breach) -> Violation<'a> {
        Violation {
            guidance: self.guidance,
            rule: self.rule,
            clause: self.clause,
            council: self.council(),
            subject,
            severity: self.severity(),
            span,
            breach,
            depart: self.depart_hint(subject),
            departure: None,
        }
    }

    /// A subject that fails the clause, or meets what it rules out, for the reason `why`.
    pub(super) fn violation(&self, s: Subject, why: Why) -> Violation<'a> {
        let fallback = match s {
            Subject::Post(p) => self.post(p).name_span,
            Subject::Record(r) => self.record(r).name_span,
            Subject::Council => self.council().name_span,
        };
        let breach = Breach::Subject {
            subject: self.subject_words(s),
            reason: why.reason,
            edits: why.edits,
        };
        self.make(Some(s), why.span.unwrap_or(fallback), breach)
    }

    /// No subject where `exists` or `one` requires one.
    pub(super) fn none_violation(&self) -> Violation<'a> {
        let council = self.council();
        // Vacant posts that would be selected but for their vacancy.
        let vacant: Vec<Name> = council
            .posts
            .iter()
            .filter(|p| {
                p.vacant.is_some()
                    && match self.clause.about.selector() {
                        Some(crate::hir::Selector::Role(r)) => p.declares(r),
                        Some(crate::hir::Selector::Combine { roles, .. }) => roles.iter().all(|r| p.declares(r)),
                        // Vacant posts are among the posts `post` selects.
                        Some(crate::hir::Selector::Post) | None => false,
                    }
            })
            .map(|p| p.name.clone())
            .collect();
        let breach = Breach::Missing {
            wanted: self.wanted(),
            vacant,
        };
        self.make(None, council.name_span, breach)
    }

    /// `extra`, a subject beyond the one `first` that a `one` clause allows.
    pub(super) fn extra_violation(&self, first: Subject, extra: Subject) -> Violation<'a> {
        let (span, breach) = match (first, extra) {
            (Subject::Post(f), Subject::Post(e)) => {
                let (roles, key) = match self.clause.about.selector() {
                    Some(crate::hir::Selector::Role(r)) => (vec![r.clone()], Some(r.as_str())),
                    Some(crate::hir::Selector::Combine { roles, .. }) => {
                        (roles.clone(), roles.first().map(Name::as_str))
                    }
                    Some(crate::hir::Selector::Post) | None => (Vec::new(), None),
                };
                let (fp, ep) = (self.post(f), self.post(e));
                let at = |p: &Post| match key {
                    Some(_) => p.holds_span(key),
                    None => None,
                };
                (
                    at(ep).unwrap_or(ep.name_span),
                    Breach::ExtraPost {
                        extra: ep.name.clone(),
                        first: fp.name.clone(),
                        roles,
                        first_span: at(fp),
                    },
                )
            }
            (Subject::Record(f), Subject::Record(e)) => (
                self.record(e).name_span,
                Breach::ExtraRecord {
                    extra: self.record(e).name.clone(),
                    first: self.record(f).name.clone(),
                    first_span: self.record(f).name_span,
                },
            ),
            _ => unreachable!("the subjects of a clause are all posts or all records"),
        };
        self.make(Some(extra), span, breach)
    }
}
