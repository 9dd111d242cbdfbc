//! Lowering conditions, typed by what they are said of: the connectives once, and each
//! kind of form (`LowerForm`) listing every form of the syntax: those that fit are built,
//! the others are E0102.

use super::*;

impl Lowerer<'_> {
    /// Lowers a condition said of subjects of forms `F`; `None` if any part failed.
    pub(super) fn cond<F: LowerForm>(&mut self, c: &ast::Condition) -> Option<Cond<F>> {
        use ast::ConditionKind as K;
        Some(match &c.kind {
            K::Not(inner) => Cond::Not(Box::new(self.cond(inner)?)),
            K::And(parts) | K::Or(parts) => {
                // Every part is lowered, so that each reports what is wrong with it.
                let lowered: Vec<Option<Cond<F>>> = parts.iter().map(|p| self.cond(p)).collect();
                let lowered: Vec<Cond<F>> = lowered.into_iter().collect::<Option<_>>()?;
                match c.kind {
                    K::And(_) => Cond::And(lowered),
                    _ => Cond::Or(lowered),
                }
            }
            K::Relation { .. }
            | K::HoldsOtherThan(_)
            | K::RelationOtherThan { .. }
            | K::Holds { .. }
            | K::Is(_)
            | K::CouncilIs(_)
            | K::Assurance { .. }
            | K::DatedWithin(_)
            | K::Addresses(_)
            | K::Covers(_) => Cond::Form(F::lower(self, c)?),
        })
    }

    /// E0102 for a form said of a kind of subject it does not fit (`dated within` of a
    /// post, say). `is` and `council is` have findings of their own ([`Self::misfit_is`]).
    pub(super) fn misfit<T>(&mut self, c: &ast::Condition, here: SubjectKind) -> Option<T> {
        use SubjectKind::{Council, Post, Record};
        use ast::ConditionKind as K;
        let (word, fits): (&str, &'static [SubjectKind]) = match &c.kind {
            K::Relation { relation, .. } | K::RelationOtherThan { relation, .. } => (&relation.text, &[Post]),
            K::HoldsOtherThan(_) => ("holds other_than", &[Post]),
            K::Holds { .. } => ("holds", &[Post]),
            K::Assurance { .. } => ("assurance", &[Post, Council]),
            K::DatedWithin(_) => ("dated within", &[Record]),
            K::Addresses(_) => ("addresses", &[Record]),
            K::Covers(_) => ("covers", &[Record]),
            K::Is(_) | K::CouncilIs(_) | K::Not(_) | K::And(_) | K::Or(_) => return None,
        };
        self.push_misfit(c, word, fits, here)
    }

    /// E0102: `word` of `c` applies to `fits`, not to `here`.
    fn push_misfit<T>(
        &mut self,
        c: &ast::Condition,
        word: &str,
        fits: &'static [SubjectKind],
        here: SubjectKind,
    ) -> Option<T> {
        self.push(FindingKind::Misfit {
            span: c.span,
            word: word.into(),
            fits,
            here,
        });
        None
    }

    /// `council is FLAG`, said of any subject.
    pub(super) fn council_is(&mut self, c: &ast::Condition, f: &Ident) -> Option<Name> {
        if f.text == VACANT {
            return self.misfit_is(c, VACANT, SubjectKind::Council);
        }
        Some(self.council_flag(f)?.name.clone())
    }

    /// `assurance [within N] [addresses T]`: its duration and resolved elements.
    pub(super) fn assurance(
        &mut self,
        within: &Option<ast::Duration>,
        addresses: &Option<ast::Target>,
    ) -> Option<(Option<ast::Duration>, Option<Target>)> {
        let addresses = match addresses {
            Some(t) => Some(self.target(t, DefKind::Element)?),
            None => None,
        };
        Some((*within, addresses))
    }

    /// E0102 for `is` said of a subject its flag does not fit.
    pub(super) fn misfit_is<T>(&mut self, c: &ast::Condition, word: &str, here: SubjectKind) -> Option<T> {
        let fits: &'static [SubjectKind] = match here {
            SubjectKind::Council => &[SubjectKind::Post],
            _ => &[SubjectKind::Post, SubjectKind::Council],
        };
        self.push_misfit(c, word, fits, here)
    }

    pub(super) fn target(&mut self, t: &ast::Target, kind: DefKind) -> Option<Target> {
        let mut names = Vec::new();
        let mut ok = true;
        for n in &t.names {
            match self.expect(n, kind) {
                Some(d) => names.push(d.name.clone()),
                None => ok = false,
            }
        }
        ok.then_some(Target { mode: t.mode, names })
    }
}

/// A kind of form: what lowering makes of one form of the syntax said of this kind of
/// subject. Each lists every form of the syntax: those that fit build the form, the
/// others are E0102.
pub(super) trait LowerForm: Sized {
    fn lower(l: &mut Lowerer<'_>, c: &ast::Condition) -> Option<Self>;
}

impl LowerForm for PostForm {
    fn lower(l: &mut Lowerer<'_>, c: &ast::Condition) -> Option<PostForm> {
        use ast::ConditionKind as K;
        Some(match &c.kind {
            K::Relation { relation, target } => {
                let rel = l.expect(relation, DefKind::Relation);
                let kind = rel.and_then(|r| r.target).unwrap_or(ast::TargetKind::Post);
                let target = l.target(target, DefKind::of_target(kind));
                PostForm::Relation {
                    relation: rel?.name.clone(),
                    kind,
                    target: target?,
                }
            }
            K::HoldsOtherThan(group) => PostForm::HoldsOtherThan(l.group(group, DefKind::Role, "holds other_than")?),
            K::RelationOtherThan { relation, group } => {
                let rel = l.expect(relation, DefKind::Relation)?;
                let kind = rel.target.unwrap_or(ast::TargetKind::Post);
                if kind == ast::TargetKind::Post {
                    l.push(FindingKind::OtherThanPosts {
                        span: c.span,
                        relation: rel.name.clone(),
                    });
                    return None;
                }
                PostForm::RelationOtherThan {
                    relation: rel.name.clone(),
                    kind,
                    group: l.group(group, DefKind::of_target(kind), &relation.text)?,
                }
            }
            K::Holds { role, interim } => PostForm::Holds {
                role: l.expect(role, DefKind::Role)?.name.clone(),
                interim: interim.is_some(),
            },
            K::Is(flag) => PostForm::Is(match flag {
                ast::FlagRef::Officer(_) => Flag::Officer,
                ast::FlagRef::Member(_) => Flag::Member,
                ast::FlagRef::Shared(_) => Flag::Shared,
                ast::FlagRef::Named(f) if f.text == VACANT => Flag::Vacant,
                ast::FlagRef::Named(f) => Flag::Named(l.flag(f)?.name.clone()),
            }),
            K::CouncilIs(f) => PostForm::CouncilIs(l.council_is(c, f)?),
            K::Assurance { within, addresses } => {
                let (within, addresses) = l.assurance(within, addresses)?;
                PostForm::Assurance { within, addresses }
            }
            K::DatedWithin(_) | K::Addresses(_) | K::Covers(_) => return l.misfit(c, SubjectKind::Post),
            // Connectives are lowered by `Lowerer::cond`.
            K::Not(_) | K::And(_) | K::Or(_) => return None,
        })
    }
}

impl LowerForm for RecordForm {
    fn lower(l: &mut Lowerer<'_>, c: &ast::Condition) -> Option<RecordForm> {
        use ast::ConditionKind as K;
        Some(match &c.kind {
            K::DatedWithin(d) => RecordForm::DatedWithin(*d),
            K::Addresses(target) => RecordForm::Addresses(l.target(target, DefKind::Element)?),
            K::Covers(role) => RecordForm::Covers(l.expect(role, DefKind::Role)?.name.clone()),
            K::CouncilIs(f) => RecordForm::CouncilIs(l.council_is(c, f)?),
            K::Is(_) => return l.misfit_is(c, "is", SubjectKind::Record),
            K::Relation { .. }
            | K::HoldsOtherThan(_)
            | K::RelationOtherThan { .. }
            | K::Holds { .. }
            | K::Assurance { .. } => {
                return l.misfit(c, SubjectKind::Record);
            }
            // Connectives are lowered by `Lowerer::cond`.
            K::Not(_) | K::And(_) | K::Or(_) => return None,
        })
    }
}

impl LowerForm for CouncilForm {
    fn lower(l: &mut Lowerer<'_>, c: &ast::Condition) -> Option<CouncilForm> {
        use ast::ConditionKind as K;
        let here = SubjectKind::Council;
        Some(match &c.kind {
            K::Is(flag) => match flag {
                ast::FlagRef::Named(f) if f.text != VACANT => CouncilForm::Is(l.council_flag(f)?.name.clone()),
                ast::FlagRef::Officer(_) => return l.misfit_is(c, "is officer", here),
                ast::FlagRef::Member(_) => return l.misfit_is(c, "is member", here),
                ast::FlagRef::Shared(_) => return l.misfit_is(c, "is shared", here),
                ast::FlagRef::Named(_) => return l.misfit_is(c, VACANT, here),
            },
            K::CouncilIs(f) => CouncilForm::CouncilIs(l.council_is(c, f)?),
            K::Assurance { within, addresses } => {
                let (within, addresses) = l.assurance(within, addresses)?;
                CouncilForm::Assurance { within, addresses }
            }
            K::Relation { .. }
            | K::HoldsOtherThan(_)
            | K::RelationOtherThan { .. }
            | K::Holds { .. }
            | K::DatedWithin(_)
            | K::Addresses(_)
            | K::Covers(_) => return l.misfit(c, here),
            // Connectives are lowered by `Lowerer::cond`.
            K::Not(_) | K::And(_) | K::Or(_) => return None,
        })
    }
}
