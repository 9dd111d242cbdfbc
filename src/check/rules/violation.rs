//! A broken clause turned into its violation: the severity from the guidance's status
//! and the clause's modality, the message, the labels, the help and the fixes.

use crate::diagnostics::{Code, Diagnostic, Edit, Fix, Severity};
use crate::hir::{About, Selector};
use crate::syntax::ast::{Modality, Status};
use crate::syntax::{Name, Span};

use super::explanation::Why;
use super::{Evaluator, Subject, Violation, ticked};

impl<'c, 'a> Evaluator<'c, 'a> {
    // ─── Diagnostics ───────────────────────────────────────────────────────────

    pub(super) fn severity(&self) -> Severity {
        match (self.guidance.status, self.clause.modality) {
            (Status::Advisory, _) => Severity::Info,
            (Status::Statutory, Modality::Must) => Severity::Error,
            (Status::Statutory, _) => Severity::Warning,
        }
    }

    /// Whether a departure can excuse this clause (not a statutory `must`).
    pub(super) fn departable(&self) -> bool {
        !(self.guidance.status == Status::Statutory && self.clause.modality == Modality::Must)
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

    /// The fix, with the exemption the clause allows.
    pub(super) fn fix(&self, fix: Option<String>) -> Option<String> {
        let mut help = fix.unwrap_or_default();
        if let Some(u) = &self.clause.unless_text {
            let sep = if help.is_empty() { "" } else { " " };
            help.push_str(&format!("{sep}(the guidance allows it when `{u}`)"));
        }
        (!help.is_empty()).then_some(help)
    }

    /// The fix, and how to record a departure where one is possible.
    pub(super) fn help(&self, fix: Option<String>, s: Option<Subject>) -> Option<String> {
        let mut help = self.fix(fix).unwrap_or_default();
        if self.departable() {
            let for_post = match s {
                Some(Subject::Post(p)) => format!(" for {}", self.post(p).name),
                _ => String::new(),
            };
            let depart = format!(
                "record a departure with `depart {}{for_post} because \"...\"`",
                self.depart_name()
            );
            help = if help.is_empty() {
                depart
            } else {
                format!("{help}, or {depart}")
            };
        }
        (!help.is_empty()).then_some(help)
    }

    pub(super) fn diagnostic(&self, span: Span, message: String, help: Option<String>) -> Diagnostic {
        let label = match self.clause.negated {
            false => "required by this clause",
            true => "ruled out by this clause",
        };
        let mut d = Diagnostic {
            code: Code::Rule {
                guidance: self.guidance.name.to_string(),
                rule: self.rule.name.to_string(),
            },
            severity: self.severity(),
            message,
            file: self.council().file,
            span,
            label: Some(match &self.rule.title {
                Some(title) => format!("the guidance expects: {title}"),
                None => format!("breaks `{}.{}`", self.guidance.name, self.rule.name),
            }),
            labels: Vec::new(),
            notes: self.rule.notes(),
            help,
            council: Some(self.council().name.to_string()),
            departure: None,
            fixes: Vec::new(),
        };
        d = d.with_label(self.guidance.file, self.clause.span, label);
        d
    }

    /// The fixes an editor can offer: the mechanical edits of `why`, and recording a
    /// departure (with the cursor in its reason) where one is possible.
    pub(super) fn fixes(&self, s: Option<Subject>, fix: Option<&str>, edits: Vec<Edit>) -> Vec<Fix> {
        let mut out = Vec::new();
        if !edits.is_empty() {
            out.push(Fix {
                title: fix.unwrap_or("fix it").to_string(),
                edits,
                cursor: None,
            });
        }
        if self.departable()
            && let Some(at) = &self.council().insert_at
        {
            let for_post = match s {
                Some(Subject::Post(p)) => format!(" for {}", self.post(p).name),
                _ => String::new(),
            };
            let statement = format!("depart {}{for_post} because \"\"", self.depart_name());
            let edit = at.line(&statement);
            // Inside the empty reason: the indentation, the statement but its final quote.
            let cursor = (at.indent.len() + statement.len() - 1) as u32;
            out.push(Fix {
                title: format!("record a departure from `{}`", self.depart_name()),
                edits: vec![edit],
                cursor: Some(cursor),
            });
        }
        out
    }

    pub(super) fn violation(&self, s: Option<Subject>, why: Why) -> Violation<'a> {
        let (subject, fallback) = match s {
            Some(Subject::Post(p)) => (self.subject_text(Subject::Post(p)), self.post(p).name_span),
            Some(Subject::Record(r)) => (self.subject_text(Subject::Record(r)), self.record(r).name_span),
            Some(Subject::Council) => (self.subject_text(Subject::Council), self.council().name_span),
            None => (format!("`{}`", self.council().name), self.council().name_span),
        };
        let message = match s {
            _ if why.text.is_empty() => subject,
            Some(Subject::Record(_) | Subject::Council) => format!("{subject} {}", why.text),
            _ => format!("{subject} but {}", why.text),
        };
        let span = why.span.unwrap_or(fallback);
        let help = self.help(why.fix.clone(), s);
        let mut diagnostic = self.diagnostic(span, message, help);
        diagnostic.fixes = self.fixes(s, why.fix.as_deref(), why.edits);
        Violation {
            guidance: self.guidance,
            rule: self.rule,
            clause: self.clause,
            subject: s,
            diagnostic,
            fix: self.fix(why.fix),
        }
    }

    pub(super) fn none_violation(&self) -> Violation<'a> {
        let council = self.council();
        // Vacant posts that would be selected but for their vacancy.
        let vacant: Vec<&str> = council
            .posts
            .iter()
            .filter(|p| {
                p.vacant.is_some()
                    && match self.clause.about.selector() {
                        Some(Selector::Role(r)) => p.declares(r),
                        Some(Selector::Combine { roles, .. }) => roles.iter().all(|r| p.declares(r)),
                        None => false,
                    }
            })
            .map(|p| p.name.as_str())
            .collect();
        let message = format!(
            "`{}` has no {}{}",
            council.name,
            self.wanted_text(),
            crate::hir::describe::vacant_note(&vacant)
        );
        let fix = match &self.clause.about {
            About::Posts {
                selector: Selector::Role(r),
                ..
            } if !vacant.is_empty() => {
                format!("fill the post, or give `{r}` to the post that covers the vacancy, with `holds {r} interim`")
            }
            About::Posts {
                selector: Selector::Role(r),
                ..
            } => format!("add `holds {r}` to the post that holds the role, or declare that post"),
            About::Posts {
                selector: Selector::Combine { roles, .. },
                ..
            } => {
                format!("add `holds {}` to the post that combines the roles", roles.join(", "))
            }
            About::Records(_) => "record the council's assurance with an `assurance` block".into(),
            About::Council(_) => String::new(),
        };
        let mut diagnostic = self.diagnostic(council.name_span, message, self.help(Some(fix.clone()), None));
        diagnostic.fixes = self.fixes(None, None, Vec::new());
        Violation {
            guidance: self.guidance,
            rule: self.rule,
            clause: self.clause,
            subject: None,
            diagnostic,
            fix: self.fix(Some(fix)),
        }
    }

    pub(super) fn extra_violation(&self, first: Subject, extra: Subject) -> Violation<'a> {
        let (Subject::Post(f), Subject::Post(e)) = (first, extra) else {
            // Several assurance records where one was required.
            let (Subject::Record(f), Subject::Record(e)) = (first, extra) else {
                unreachable!("subjects are all posts or all records")
            };
            let message = format!(
                "assurance record `{}` is one more where only one is expected, besides `{}`",
                self.record(e).name,
                self.record(f).name
            );
            let mut v = Violation {
                guidance: self.guidance,
                rule: self.rule,
                clause: self.clause,
                subject: Some(extra),
                diagnostic: self.diagnostic(self.record(e).name_span, message, self.help(None, Some(extra))),
                fix: self.fix(None),
            };
            v.diagnostic = v
                .diagnostic
                .with_label(self.council().file, self.record(f).name_span, "the first one");
            return v;
        };
        let roles = match self.clause.about.selector() {
            Some(Selector::Role(r)) => format!("`{r}`"),
            Some(Selector::Combine { roles, .. }) => ticked(roles, "and"),
            None => String::new(),
        };
        let key = match self.clause.about.selector() {
            Some(Selector::Role(r)) => Some(r.as_str()),
            Some(Selector::Combine { roles, .. }) => roles.first().map(Name::as_str),
            None => None,
        };
        let (fp, ep) = (self.post(f), self.post(e));
        let message = format!(
            "`{}` holds {roles}, but so does `{}`: there should be only one",
            ep.name, fp.name
        );
        let span = ep.holds_span(key).unwrap_or(ep.name_span);
        let fix = format!("keep {roles} on one post only");
        let mut d = self.diagnostic(span, message, self.help(Some(fix.clone()), Some(extra)));
        if let Some(first_span) = fp.holds_span(key) {
            d.labels.insert(
                0,
                crate::diagnostics::Label {
                    file: self.council().file,
                    span: first_span,
                    message: format!("`{}` holds {roles} here", fp.name),
                },
            );
        }
        Violation {
            guidance: self.guidance,
            rule: self.rule,
            clause: self.clause,
            subject: Some(extra),
            diagnostic: d,
            fix: self.fix(Some(fix)),
        }
    }
}
