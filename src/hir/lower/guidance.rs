//! Lowering guidance: its rules, their clauses (what each is about, with its typed
//! conditions) and the clause's text for messages.

use super::*;

pub fn lower_guidance(env: &Env<'_>, file: &ast::File) -> LoweredGuidance {
    let mut l = Lowerer::new(env);
    let mut guidance = Vec::new();
    for (i, item) in file.items.iter().enumerate() {
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
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut rules = Vec::new();
        let mut counted: Vec<&ast::RuleDecl> = Vec::new();
        for r in &g.rules {
            if let Some(first) = seen.get(r.name.text.as_str()) {
                self.duplicate(Duplicated::Rule(r.name.text.clone()), r.name.span, *first);
                continue;
            }
            seen.insert(&r.name.text, r.name.span);
            rules.push(self.rule(r));
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
            rules,
            coverage,
        }
    }

    pub(super) fn rule(&mut self, r: &ast::RuleDecl) -> Rule {
        if let [first, rest @ ..] = r.in_force.as_slice() {
            for later in rest {
                let what = Duplicated::RuleLine {
                    line: "in_force",
                    rule: r.name.text.clone(),
                };
                self.duplicate(what, later.span, first.span);
            }
        }
        let clauses = r.clauses.iter().filter_map(|c| self.clause(c)).collect();
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
        let about = match &c.selector.kind {
            ast::SelectorKind::Assurance => self.conditions(c).map(About::Records),
            ast::SelectorKind::Council => self.conditions(c).map(About::Council),
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
            span: c.span,
            text: self.source_text(c.span),
            condition_text: c.condition.as_ref().map(|cond| self.source_text(cond.span)),
            unless_text: c.unless.as_ref().map(|(_, cond)| self.source_text(cond.span)),
        })
    }

    /// A clause's condition, `when` and `unless`, said of subjects of forms `F`; `None`
    /// when a part that is written did not lower (which drops the clause).
    pub(super) fn conditions<F: LowerForm>(&mut self, c: &ast::Clause) -> Option<Conditions<F>> {
        let condition = c.condition.as_ref().map(|cond| self.cond(cond));
        let when = c.when.as_ref().map(|(_, cond)| self.cond(cond));
        let unless = c.unless.as_ref().map(|(_, cond)| self.cond(cond));
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
