//! The names a symbolic council may use (every one the vocabulary declares) and the
//! classes its records' dates fall in.

use super::*;

/// The names a council may use: every one the vocabulary declares.
pub struct Universe {
    pub roles: Vec<Name>,
    pub flags: Vec<Name>,
    pub council_flags: Vec<Name>,
    pub elements: Vec<Name>,
    /// Relations from posts to posts, and from posts to bodies or functions, with the
    /// items of their target kind.
    pub post_relations: Vec<Name>,
    pub item_relations: Vec<(Name, Vec<Name>)>,
    /// The dates that split records into classes: the earliest date within each
    /// duration the clauses name, newest first, without repeats.
    pub boundaries: Vec<Date>,
    /// Names no file declares, among `roles` and the items of `item_relations`: groups
    /// are open (language-v3 3.4), so a council may hold a role or have a function that
    /// no file names, outside every group or inside one.
    pub anonymous: Vec<Anonymous>,
}

/// A role, body or function no file declares, that a council of the analysis may have:
/// one outside every group of its kind, and one inside each group. A witness that uses
/// one declares it.
#[derive(Clone, Debug)]
pub struct Anonymous {
    pub name: Name,
    pub kind: DefKind,
    /// The group it joins, if any.
    pub group: Option<Name>,
}

impl Universe {
    pub fn new(defs: &DefMap, clauses: &[&hir::Clause], as_of: Date) -> Universe {
        let anonymous = anonymous(defs);
        // Each kind's declared names, then its anonymous ones.
        let names = |kind| {
            let declared = defs.names_of(kind).map(Name::from);
            let unnamed = anonymous.iter().filter(|a| a.kind == kind).map(|a| a.name.clone());
            declared.chain(unnamed).collect::<Vec<Name>>()
        };
        let mut post_relations = Vec::new();
        let mut item_relations = Vec::new();
        for r in defs.names_of(DefKind::Relation) {
            match defs.get_kind(r, DefKind::Relation).and_then(|d| d.target) {
                Some(TargetKind::Post) => post_relations.push(Name::from(r)),
                Some(TargetKind::Body) => item_relations.push((Name::from(r), names(DefKind::Body))),
                Some(TargetKind::Function) => item_relations.push((Name::from(r), names(DefKind::Function))),
                None => {}
            }
        }
        let mut durations = Vec::new();
        for clause in clauses {
            durations.extend(clause.facts().into_iter().filter_map(|f| f.within()));
        }
        let mut boundaries: Vec<Date> = durations.iter().map(|d| earliest_within(as_of, *d)).collect();
        boundaries.sort_unstable_by(|a, b| b.cmp(a));
        boundaries.dedup();
        Universe {
            roles: names(DefKind::Role),
            flags: names(DefKind::Flag),
            council_flags: names(DefKind::CouncilFlag),
            elements: names(DefKind::Element),
            post_relations,
            item_relations,
            boundaries,
            anonymous,
        }
    }

    /// Whether `name` is in `group`: one of its members, or the anonymous member that
    /// joins it.
    pub fn in_group(&self, group: &hir::Group, name: &str) -> bool {
        group.contains(name)
            || self
                .anonymous
                .iter()
                .any(|a| a.name == name && a.group.as_ref() == Some(&group.name))
    }

    /// How many date classes a record can fall in: one per boundary, older than them
    /// all, and (the last) after the check date.
    pub fn classes(&self) -> usize {
        self.boundaries.len() + 2
    }

    /// The class of dates after the check date: such a record counts for nothing
    /// (W0208), though it is "dated within" any duration.
    pub fn future(&self) -> usize {
        self.boundaries.len() + 1
    }

    /// The class of a record dated `date`: the number of boundaries after it, or
    /// [`Universe::future`].
    pub fn class_of(&self, date: Date, as_of: Date) -> usize {
        match date > as_of {
            true => self.future(),
            false => self.boundaries.iter().take_while(|b| date < **b).count(),
        }
    }

    /// A date in class `class`, for a witness: the boundary itself, or the day before
    /// the oldest for the last class.
    pub fn date_in(&self, class: usize, as_of: Date) -> Date {
        if class == self.future() {
            return as_of.tomorrow().unwrap_or(as_of);
        }
        match self.boundaries.get(class) {
            Some(&b) => b,
            None => match self.boundaries.last() {
                Some(&oldest) => oldest.yesterday().unwrap_or(oldest),
                None => as_of,
            },
        }
    }
}

/// The anonymous roles, bodies and functions of [`Universe::anonymous`]: for each kind,
/// one in no group (`AnotherRole`) and one in each group of that kind
/// (`AnotherRoleIn_childrens_roles`), each named so as not to clash with a declared name.
fn anonymous(defs: &DefMap) -> Vec<Anonymous> {
    let unused = |base: String| {
        let mut name = base.clone();
        let mut n = 2;
        while defs.get(&name).is_some() {
            name = format!("{base}{n}");
            n += 1;
        }
        Name::from(name)
    };
    let mut out = Vec::new();
    for (kind, base) in [
        (DefKind::Role, "AnotherRole"),
        (DefKind::Body, "another_body"),
        (DefKind::Function, "another_function"),
    ] {
        out.push(Anonymous {
            name: unused(base.to_string()),
            kind,
            group: None,
        });
        for group in defs.names_of(DefKind::Group) {
            if defs.group(group).is_some_and(|(k, _)| k == kind) {
                out.push(Anonymous {
                    name: unused(format!("{base}In_{group}")),
                    kind,
                    group: Some(Name::from(group)),
                });
            }
        }
    }
    out
}
