//! Building clauses from the grammar's pairs: the quantifier and selector, the
//! condition with its connectives (a chain of `not`s folded to its parity), targets and
//! durations.

use super::*;

impl Builder<'_> {
    pub(super) fn clause(&mut self, pair: Pair<'_, Rule>) -> Clause {
        let whole = span(&pair);
        let mut modality = None;
        let mut negated = None;
        let mut quantifier = (Quantifier::Each, Span::new(whole.start as usize, whole.start as usize));
        let mut selector = None;
        let mut condition = None;
        let mut when = None;
        let mut unless = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::modality => {
                    let m = match p.as_str() {
                        "must" => Modality::Must,
                        "should" => Modality::Should,
                        _ => Modality::May,
                    };
                    modality = Some((m, span(&p)));
                }
                Rule::negation => negated = Some(span(&p)),
                Rule::subject => {
                    for s in p.into_inner() {
                        match s.as_rule() {
                            Rule::council_sel => {
                                selector = Some(Selector {
                                    kind: SelectorKind::Council,
                                    span: span(&s),
                                })
                            }
                            Rule::quantifier => {
                                let q = if s.as_str() == "one" {
                                    Quantifier::One
                                } else {
                                    Quantifier::Exists
                                };
                                quantifier = (q, span(&s));
                            }
                            Rule::selector => selector = Some(self.selector(s)),
                            _ => {}
                        }
                    }
                }
                Rule::condition => condition = Some(self.condition(p)),
                Rule::when_part | Rule::unless_part => {
                    let rule = p.as_rule();
                    let mut parts = p.into_inner();
                    let keyword = parts.next().map(|k| span(&k)).unwrap_or(whole);
                    if let Some(c) = parts.next() {
                        let part = Some((keyword, self.condition(c)));
                        match rule {
                            Rule::when_part => when = part,
                            _ => unless = part,
                        }
                    }
                }
                _ => {}
            }
        }
        Clause {
            modality,
            negated,
            quantifier,
            selector: selector.unwrap_or(Selector {
                kind: SelectorKind::Assurance,
                span: whole,
            }),
            condition,
            when,
            unless,
            span: whole,
        }
    }

    pub(super) fn selector(&mut self, pair: Pair<'_, Rule>) -> Selector {
        let whole = span(&pair);
        let inner = pair.into_inner().next();
        let kind = match inner {
            Some(p) if p.as_rule() == Rule::combine_sel => {
                let items = p
                    .into_inner()
                    .filter_map(|i| match i.as_rule() {
                        Rule::role_name => Some(CombineItem::Role(ident(&i))),
                        Rule::wildcard => Some(CombineItem::Wildcard(span(&i))),
                        Rule::except_item => {
                            let mut parts = i.into_inner();
                            let wildcard = parts.next().map(|w| span(&w))?;
                            let group = parts.find(|p| p.as_rule() == Rule::group_name)?;
                            Some(CombineItem::Except {
                                wildcard,
                                group: ident(&group),
                            })
                        }
                        _ => None,
                    })
                    .collect();
                SelectorKind::Combine(items)
            }
            Some(p) if p.as_rule() == Rule::role_name => SelectorKind::Role(ident(&p)),
            Some(p) if p.as_rule() == Rule::post_sel => SelectorKind::Post,
            _ => SelectorKind::Assurance,
        };
        Selector { kind, span: whole }
    }

    /// `condition = requires? or_cond`
    pub(super) fn condition(&mut self, pair: Pair<'_, Rule>) -> Condition {
        let whole = span(&pair);
        match pair.into_inner().find(|p| p.as_rule() == Rule::or_cond) {
            Some(or) => self.or_cond(or),
            None => Condition {
                kind: ConditionKind::And(Vec::new()),
                span: whole,
            },
        }
    }

    /// `or_cond = and_cond ("or" and_cond)*`
    pub(super) fn or_cond(&mut self, pair: Pair<'_, Rule>) -> Condition {
        self.chain(pair, ConditionKind::Or)
    }

    /// `and_cond = unary ("and" unary)*`
    pub(super) fn and_cond(&mut self, pair: Pair<'_, Rule>) -> Condition {
        self.chain(pair, ConditionKind::And)
    }

    /// A list of conditions joined by `or` or `and`; one alone stands for itself.
    pub(super) fn chain(&mut self, pair: Pair<'_, Rule>, join: fn(Vec<Condition>) -> ConditionKind) -> Condition {
        let whole = span(&pair);
        let mut parts: Vec<Condition> = pair
            .into_inner()
            .filter_map(|p| match p.as_rule() {
                Rule::and_cond => Some(self.and_cond(p)),
                Rule::unary => Some(self.unary(p)),
                _ => None,
            })
            .collect();
        match parts.len() {
            1 => parts.pop().expect("one part"),
            _ => Condition {
                kind: join(parts),
                span: whole,
            },
        }
    }

    pub(super) fn unary(&mut self, pair: Pair<'_, Rule>) -> Condition {
        let mut negations = Vec::new();
        let mut atom = None;
        for p in pair.into_inner() {
            if p.as_rule() == Rule::negation {
                negations.push(span(&p));
            } else {
                atom = Some(self.atom(p));
            }
        }
        let mut cond = atom.unwrap_or(Condition {
            kind: ConditionKind::And(Vec::new()),
            span: Span::default(),
        });
        // `not not X` means `X`: a chain of `not`s keeps only its parity, so that no later
        // phase recurses (or drops) once per `not` of an arbitrarily long chain.
        if negations.len() % 2 == 1 {
            let span = negations[0].to(cond.span);
            cond = Condition {
                kind: ConditionKind::Not(Box::new(cond)),
                span,
            };
        }
        cond
    }

    pub(super) fn atom(&mut self, pair: Pair<'_, Rule>) -> Condition {
        let whole = span(&pair);
        let rule = pair.as_rule();
        let mut inner = pair.into_inner();
        let kind = match rule {
            Rule::paren_cond => {
                let or = inner.find(|p| p.as_rule() == Rule::or_cond);
                match or {
                    Some(or) => {
                        let cond = self.or_cond(or);
                        return Condition {
                            kind: cond.kind,
                            span: whole,
                        };
                    }
                    None => ConditionKind::And(Vec::new()),
                }
            }
            Rule::holds_atom => {
                let role = inner.next().filter(|p| p.as_rule() == Rule::kw_holds).and(inner.next());
                match role {
                    Some(r) if r.as_rule() == Rule::role_name => ConditionKind::Holds {
                        role: ident(&r),
                        interim: inner.next().map(|i| span(&i)),
                    },
                    Some(k) if k.as_rule() == Rule::kw_other_than => match inner.next() {
                        Some(g) => ConditionKind::HoldsOtherThan(ident(&g)),
                        None => ConditionKind::And(Vec::new()),
                    },
                    _ => ConditionKind::And(Vec::new()),
                }
            }
            Rule::council_is_atom => match inner.find(|p| p.as_rule() == Rule::flag_name) {
                Some(f) => ConditionKind::CouncilIs(ident(&f)),
                None => ConditionKind::And(Vec::new()),
            },
            Rule::is_atom => {
                let flag = inner
                    .find(|p| p.as_rule() == Rule::flag_ref)
                    .and_then(|f| f.into_inner().next());
                match flag {
                    Some(f) => ConditionKind::Is(match f.as_rule() {
                        Rule::kw_officer => FlagRef::Officer(span(&f)),
                        Rule::kw_member => FlagRef::Member(span(&f)),
                        Rule::kw_shared => FlagRef::Shared(span(&f)),
                        _ => FlagRef::Named(ident(&f)),
                    }),
                    None => ConditionKind::And(Vec::new()),
                }
            }
            Rule::assurance_atom => {
                let (mut within, mut addresses) = (None, None);
                for p in inner {
                    match p.as_rule() {
                        Rule::duration => within = self.duration(p),
                        Rule::target => addresses = Some(self.target(p)),
                        _ => {}
                    }
                }
                ConditionKind::Assurance { within, addresses }
            }
            Rule::dated_atom => {
                match inner
                    .find(|p| p.as_rule() == Rule::duration)
                    .and_then(|d| self.duration(d))
                {
                    Some(d) => ConditionKind::DatedWithin(d),
                    None => ConditionKind::And(Vec::new()),
                }
            }
            Rule::addresses_atom => match inner.find(|p| p.as_rule() == Rule::target) {
                Some(t) => ConditionKind::Addresses(self.target(t)),
                None => ConditionKind::And(Vec::new()),
            },
            Rule::covers_atom => match inner.find(|p| p.as_rule() == Rule::role_name) {
                Some(r) => ConditionKind::Covers(ident(&r)),
                None => ConditionKind::And(Vec::new()),
            },
            Rule::relation_atom => {
                let relation = inner.next().map(|r| ident(&r));
                match (relation, inner.next()) {
                    (Some(relation), Some(k)) if k.as_rule() == Rule::kw_other_than => match inner.next() {
                        Some(g) => ConditionKind::RelationOtherThan {
                            relation,
                            group: ident(&g),
                        },
                        None => ConditionKind::And(Vec::new()),
                    },
                    (Some(relation), Some(t)) => ConditionKind::Relation {
                        relation,
                        target: self.target(t),
                    },
                    _ => ConditionKind::And(Vec::new()),
                }
            }
            _ => ConditionKind::And(Vec::new()),
        };
        Condition { kind, span: whole }
    }

    pub(super) fn target(&mut self, pair: Pair<'_, Rule>) -> Target {
        let whole = span(&pair);
        let Some(inner) = pair.into_inner().next() else {
            return Target {
                mode: TargetMode::One,
                names: Vec::new(),
                span: whole,
            };
        };
        let mode = match inner.as_rule() {
            Rule::any_group => TargetMode::Any,
            Rule::all_group => TargetMode::All,
            _ => TargetMode::One,
        };
        let names = if mode == TargetMode::One {
            vec![ident(&inner)]
        } else {
            names(inner, Rule::target_name)
        };
        Target {
            mode,
            names,
            span: whole,
        }
    }

    pub(super) fn duration(&mut self, pair: Pair<'_, Rule>) -> Option<Duration> {
        let whole = span(&pair);
        let mut amount = None;
        let mut unit = DurationUnit::Days;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::integer => match p.as_str().parse::<u32>() {
                    Ok(n) if n <= 100_000 => amount = Some(n),
                    _ => {
                        self.error(
                            span(&p),
                            format!("`{}` is too large for a duration", p.as_str()),
                            Some("a duration is at most 100000 days, months or years"),
                        );
                        return None;
                    }
                },
                Rule::duration_unit => {
                    unit = match p.as_str().trim_end_matches('s') {
                        "day" => DurationUnit::Days,
                        "month" => DurationUnit::Months,
                        _ => DurationUnit::Years,
                    }
                }
                _ => {}
            }
        }
        Some(Duration {
            amount: amount?,
            unit,
            span: whole,
        })
    }

    // ─── Councils ──────────────────────────────────────────────────────────────
}
