//! Lowering vocabulary: groups and their items, `implies`, and the built-in names a
//! file may not declare again.

use super::*;

impl Lowerer<'_> {
    /// The items of a group: each a role, body, function or element (E0101, E0102), all
    /// of the kind of the first that resolves (E0102 on each other one).
    pub(super) fn group_items(&mut self, v: &ast::VocabItem) {
        let mut group_kind = None;
        for name in &v.implies {
            let Some(def) = self.expect_any(name, &GROUP_KINDS) else {
                continue;
            };
            match group_kind {
                None => group_kind = Some(def.kind),
                Some(kind) if kind != def.kind => self.push(FindingKind::GroupMixesKinds {
                    name: name.clone(),
                    group: v.name.text.clone(),
                    kind: def.kind,
                    group_kind: kind,
                }),
                Some(_) => {}
            }
        }
    }

    /// A group used where names of `expected` kind go; E0102 if it gathers another kind.
    /// `None` without a finding for a group none of whose items resolves (reported
    /// where it is declared).
    pub(super) fn group(&mut self, name: &Ident, expected: DefKind, place: &str) -> Option<Group> {
        let def = self.expect(name, DefKind::Group)?;
        let (kind, items) = self.env.defs.group(&def.name)?;
        if kind != expected {
            self.push(FindingKind::GroupOfWrongKind {
                name: name.clone(),
                kind,
                expected,
                place: place.into(),
            });
            return None;
        }
        Some(Group {
            name: def.name.clone(),
            items: items.to_vec(),
        })
    }

    /// The names in a relation's `implies`: each a relation (E0101, E0102) that points at
    /// the same kind of thing (E0102).
    pub(super) fn implies(&mut self, v: &ast::VocabItem) {
        for name in &v.implies {
            let Some(def) = self.expect(name, DefKind::Relation) else {
                continue;
            };
            let (target, implied) = (
                v.target.unwrap_or(TargetKind::Post),
                def.target.unwrap_or(TargetKind::Post),
            );
            if target != implied {
                self.push(FindingKind::ImpliesOtherKind {
                    name: name.clone(),
                    relation: v.name.text.clone(),
                    target,
                    implied,
                });
            }
        }
    }
}

impl Lowerer<'_> {
    /// The groups a declaration joins with `in`: each a group (E0101 with a suggestion
    /// among groups; E0107 for a name that is not one) of the declaration's kind (E0107:
    /// a function joins a group of functions, and groups hold no flags).
    pub(super) fn joins(&mut self, v: &ast::VocabItem) {
        let defs = self.env.defs;
        let member = match v.kind {
            VocabKind::Role => Some(DefKind::Role),
            VocabKind::Body => Some(DefKind::Body),
            VocabKind::Function => Some(DefKind::Function),
            VocabKind::Element => Some(DefKind::Element),
            VocabKind::Flag | VocabKind::CouncilFlag | VocabKind::Group | VocabKind::Relation => None,
        };
        for group in &v.joins {
            let Some(def) = defs.get(&group.text) else {
                let help = UnknownHelp::Declare {
                    kind: DefKind::Group,
                    known: defs.names_of(DefKind::Group).take(6).map(Name::from).collect(),
                };
                let suggestion = defs.closest(&group.text, &[DefKind::Group]);
                self.unknown(group, DefKind::Group.noun(), suggestion, help);
                continue;
            };
            let gathers = match def.kind {
                DefKind::Group => defs.group(&def.name).map(|(kind, _)| kind),
                _ => None,
            };
            let fits = def.kind == DefKind::Group && member.is_some() && (gathers.is_none() || gathers == member);
            if !fits {
                self.push(FindingKind::BadJoin {
                    group: group.clone(),
                    group_kind: def.kind,
                    gathers,
                    member: v.name.text.clone(),
                    member_kind: member,
                });
            }
        }
    }

    /// E0103 for a vocabulary item that declares a built-in name (`flag vacant`).
    pub(super) fn builtin_redeclared(&mut self, v: &ast::VocabItem) {
        if v.kind == VocabKind::Flag && v.name.text == VACANT {
            self.push(FindingKind::BuiltinRedeclared { name: v.name.clone() });
        }
    }
}
