//! Lowering guidance: its rules, their clauses (what each is about, with its typed
//! conditions) and the clause's text for messages.

use super::*;

pub fn lower_guidance(env: &Env<'_>, file: &ast::File) -> LoweredGuidance {
    let mut l = Lowerer::new(env);
    let mut guidance = Vec::new();
    for (i, item) in file.items.iter().enumerate() {
        if let Item::Vocab(v) = item
            && !v.joins.is_empty()
            && env.defs.joins_from(env.file, i as u32)
        {
            l.joins(v);
        }
        if !env.defs.is_first(env.file, i as u32) {
            continue;
        }
        match item {
            Item::Guidance(g) => guidance.push(l.guidance(g)),
            Item::Vocab(v) => {
                l.builtin_redeclared(v);
                match v.kind {
                    VocabKind::Relation => l.implies(v),
                    VocabKind::Group => l.group_items(v),
                    _ => {}
                }
            }
            Item::Council(_) => {}
        }
    }
    LoweredGuidance {
        guidance,
        findings: l.findings,
    }
}

impl Lowerer<'_> {
    pub(super) fn guidance(&mut self, g: &ast::GuidanceDecl) -> Guidance {
        for (status, extra) in [
            ("status", g.status.iter().map(|s| s.1).collect::<Vec<_>>()),
            ("issued", g.issued.iter().map(|d| d.span).collect()),
            ("by", g.by.iter().map(|s| s.span).collect()),
            ("under", g.under.iter().map(|s| s.span).collect()),
            ("in_force", g.in_force.iter().map(|s| s.span).collect()),
        ] {
            if let [first, rest @ ..] = extra.as_slice() {
                for later in rest {
                    let what = Duplicated::GuidanceLine {
                        line: status,
                        guidance: g.name.text.clone(),
                    };
                    self.duplicate(what, *later, *first);
                }
            }
        }
        for r in &g.replaces {
            match self.env.defs.get(&r.text) {
                Some(def) if def.kind == DefKind::Guidance => {}
                Some(def) => self.wrong_kind(r, def, DefKind::Guidance),
                None => {
                    let suggestion = self.env.defs.closest(&r.text, &[DefKind::Guidance]);
                    self.push(FindingKind::UnknownReplaced {
                        guidance: g.name.text.clone(),
                        replaced: r.clone(),
                        suggestion: suggestion.map(Name::from),
                    });
                }
            }
        }
        let law = g.status.first().is_some_and(|s| s.0 == ast::Status::Law);
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut rules = Vec::new();
        let mut counted: Vec<&ast::RuleDecl> = Vec::new();
        for r in &g.rules {
            if let Some(first) = seen.get(r.name.text.as_str()) {
                self.duplicate(Duplicated::Rule(r.name.text.clone()), r.name.span, *first);
                continue;
            }
            seen.insert(&r.name.text, r.name.span);
            rules.push(self.rule(r, law));
            counted.push(r);
        }
        let (coverage, findings) = coverage::account(g, &counted);
        for finding in findings {
            self.push(finding);
        }
        for finding in wellformed::contradictions(&rules) {
            self.push(finding);
        }
        Guidance {
            name: g.name.text.clone(),
            title: g.title.as_ref().map(|t| t.value.clone()),
            doc: g.doc.clone(),
            status: g.status.first().map_or(ast::Status::Statutory, |s| s.0),
            file: self.env.file,
            name_span: g.name.span,
            in_force: g.in_force.first().map(Period::of).unwrap_or_default(),
            readings: g.readings.iter().map(|r| r.value.clone()).collect(),
            rules,
            coverage,
        }
    }

    /// A rule; of guidance of `status law` (`law`), only a cited rule of `must` clauses
    /// (E0106 otherwise: a `should` or `may` clause is dropped, an uncited rule kept).
    pub(super) fn rule(&mut self, r: &ast::RuleDecl, law: bool) -> Rule {
        if law && r.cites.iter().all(|c| c.value.trim().is_empty()) {
            self.push(FindingKind::LawWithoutCite {
                span: r.name.span,
                rule: r.name.text.clone(),
            });
        }
        if let [first, rest @ ..] = r.in_force.as_slice() {
            for later in rest {
                let what = Duplicated::RuleLine {
                    line: "in_force",
                    rule: r.name.text.clone(),
                };
                self.duplicate(what, later.span, first.span);
            }
        }
        let mut clauses = Vec::new();
        for c in &r.clauses {
            let modality = c.modality();
            if law && modality != ast::Modality::Must {
                self.push(FindingKind::LawNotMust { span: c.span, modality });
            } else if let Some(clause) = self.clause(c) {
                clauses.push(clause);
            }
        }
        Rule {
            name: r.name.text.clone(),
            title: r.title.as_ref().map(|t| t.value.clone()),
            cites: r.cites.iter().map(|s| s.value.clone()).collect(),
            quotes: r.quotes.iter().map(|s| s.value.clone()).collect(),
            readings: r.readings.iter().map(|s| s.value.clone()).collect(),
            in_force: r.in_force.first().map(Period::of).unwrap_or_default(),
            clauses,
            name_span: r.name.span,
        }
    }

    pub(super) fn clause(&mut self, c: &ast::Clause) -> Option<Clause> {
        let shape = wellformed::clause_shape(c);
        let ok = shape.is_empty();
        for finding in shape {
            self.push(finding);
        }
        let (modality, quantifier, negated) = (c.modality(), c.quantifier.0, c.negated.is_some());
        // On a count, `when` and `unless` say which councils the clause applies to, and
        // are lowered apart from the subjects' conditions.
        let counted = quantifier != Quantifier::Each;
        let scope = if counted { self.scope(c) } else { Some(Scope::default()) };
        let about = match &c.selector.kind {
            ast::SelectorKind::Assurance => self.conditions(c).map(About::Records),
            ast::SelectorKind::Council => self.conditions(c).map(About::Council),
            ast::SelectorKind::Post => self.conditions(c).map(|conditions| About::Posts {
                selector: Selector::Post,
                conditions,
            }),
            ast::SelectorKind::Role(r) => {
                let selector = self.expect(r, DefKind::Role).map(|d| Selector::Role(d.name.clone()));
                let conditions = self.conditions(c);
                selector
                    .zip(conditions)
                    .map(|(selector, conditions)| About::Posts { selector, conditions })
            }
            ast::SelectorKind::Combine(items) => {
                let selector = self.combine(items);
                let conditions = self.conditions(c);
                selector
                    .zip(conditions)
                    .map(|(selector, conditions)| About::Posts { selector, conditions })
            }
        };
        if !ok {
            return None;
        }
        Some(Clause {
            modality,
            negated,
            quantifier,
            about: about?,
            scope: scope?,
            span: c.span,
            text: self.source_text(c.span),
            condition_text: c.condition.as_ref().map(|cond| self.source_text(cond.span)),
            unless_text: c.unless.as_ref().map(|(_, cond)| self.source_text(cond.span)),
        })
    }

    /// The `when` and `unless` of an `exists`, `one` or `not exists` clause, which may
    /// speak only of the council: E0302 on a part that speaks of anything else (and E0101
    /// first for a flag that is not declared). `None` drops the clause.
    fn scope(&mut self, c: &ast::Clause) -> Option<Scope> {
        let lower = |l: &mut Self, word: &'static str, part: &Option<(Span, ast::Condition)>| {
            let Some((keyword, cond)) = part else {
                return Some(None);
            };
            if !l.about_the_council(cond) {
                l.push(FindingKind::UnlessOnCount {
                    span: keyword.to(cond.span),
                    word,
                    quantifier: c.quantifier.0,
                });
                return None;
            }
            l.cond(cond).map(Some)
        };
        let when = lower(self, "when", &c.when);
        let unless = lower(self, "unless", &c.unless);
        Some(Scope {
            when: when?,
            unless: unless?,
        })
    }

    /// Whether every atom of `cond` is about the council: `council is FLAG`, `is FLAG`
    /// with a flag declared `for council`, or `assurance ...`. An `is` naming no
    /// declared name is E0101 here.
    fn about_the_council(&mut self, cond: &ast::Condition) -> bool {
        use ast::ConditionKind as K;
        match &cond.kind {
            K::Not(inner) => self.about_the_council(inner),
            K::And(parts) | K::Or(parts) => {
                // Every part is looked at, so that each undeclared flag is reported.
                let each: Vec<bool> = parts.iter().map(|p| self.about_the_council(p)).collect();
                each.into_iter().all(|ok| ok)
            }
            K::CouncilIs(_) | K::Assurance { .. } => true,
            K::Is(ast::FlagRef::Named(f)) if f.text != VACANT => match self.env.defs.get(&f.text) {
                Some(def) => def.kind == DefKind::CouncilFlag,
                None => {
                    self.council_flag(f);
                    false
                }
            },
            K::Is(_)
            | K::Relation { .. }
            | K::HoldsOtherThan(_)
            | K::RelationOtherThan { .. }
            | K::Holds { .. }
            | K::DatedWithin(_)
            | K::Addresses(_)
            | K::Covers(_) => false,
        }
    }

    /// A clause's condition, `when` and `unless`, said of subjects of forms `F`; `None`
    /// when a part that is written did not lower (which drops the clause). On a count,
    /// `when` and `unless` are its scope instead ([`Self::scope`]).
    pub(super) fn conditions<F: LowerForm>(&mut self, c: &ast::Clause) -> Option<Conditions<F>> {
        let each = c.quantifier.0 == Quantifier::Each;
        let condition = c.condition.as_ref().map(|cond| self.cond(cond));
        let when = c.when.as_ref().filter(|_| each).map(|(_, cond)| self.cond(cond));
        let unless = c.unless.as_ref().filter(|_| each).map(|(_, cond)| self.cond(cond));
        let lowered = |part: Option<Option<Cond<F>>>| match part {
            Some(None) => Err(()),
            part => Ok(part.flatten()),
        };
        let (Ok(condition), Ok(when), Ok(unless)) = (lowered(condition), lowered(when), lowered(unless)) else {
            return None;
        };
        Some(Conditions {
            condition,
            when,
            unless,
        })
    }

    /// The text of a span with comments dropped and whitespace collapsed.
    pub(super) fn source_text(&self, span: Span) -> String {
        let raw = self.env.text.get(span.range()).unwrap_or_default();
        let mut words = Vec::new();
        for line in raw.lines() {
            let code = match line.find("//") {
                Some(i) => &line[..i],
                None => line,
            };
            words.extend(code.split_whitespace());
        }
        words.join(" ").replace("( ", "(").replace(" )", ")")
    }

    /// `combine(A, B, _, _ except G)`.
    pub(super) fn combine(&mut self, items: &[ast::CombineItem]) -> Option<Selector> {
        let mut roles = Vec::new();
        let mut others = false;
        let mut except = Vec::new();
        let mut ok = true;
        for item in items {
            match item {
                ast::CombineItem::Wildcard(_) => others = true,
                ast::CombineItem::Except { group, .. } => match self.group(group, DefKind::Role, "combine") {
                    Some(g) => except.push(g),
                    None => ok = false,
                },
                ast::CombineItem::Role(r) => match self.expect(r, DefKind::Role) {
                    Some(d) => roles.push(d.name.clone()),
                    None => ok = false,
                },
            }
        }
        ok.then_some(Selector::Combine { roles, others, except })
    }
}
