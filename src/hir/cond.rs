//! Conditions, resolved and typed by what they are said of: a post, an assurance record
//! or the council. A clause's conditions are all of one kind (its selector's), so no
//! code that gives a condition its meaning, its words or its SAT encoding has an arm for
//! a form said of the wrong kind of subject: lowering refuses those (E0102), and the
//! types leave them out.
//!
//! A new form is a variant of one of the three form enums; the compiler then lists every
//! match that must say what it is: here, its [`Facts`] (what the walks over conditions
//! ask of it) and its [`Words`]; its lowering (`lower/cond.rs`), its verdict and why
//! (`check/rules/meaning.rs`) and its SAT encoding (`symbolic/encode/clauses.rs`).

use crate::hir::describe::ticked;
use crate::syntax::Name;
use crate::syntax::ast::{Duration, TargetKind, TargetMode};

/// A condition over forms `F`: the connectives, and the forms of one kind of subject.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Cond<F> {
    Not(Box<Cond<F>>),
    And(Vec<Cond<F>>),
    Or(Vec<Cond<F>>),
    Form(F),
}

impl<F> Cond<F> {
    /// The forms the condition is made of, below every `not`, `and` and `or`, in the
    /// order written: the one walk over conditions. Iterative: the nesting of a condition
    /// never deepens the stack.
    pub fn forms(&self) -> Vec<&F> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(cond) = stack.pop() {
            match cond {
                Cond::Not(c) => stack.push(c),
                Cond::And(cs) | Cond::Or(cs) => stack.extend(cs.iter().rev()),
                Cond::Form(f) => out.push(f),
            }
        }
        out
    }
}

/// A form said of a post.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PostForm {
    /// `RELATION TARGET`: the post's lines of the relation reach the target.
    Relation {
        relation: Name,
        kind: TargetKind,
        target: Target,
    },
    /// `holds ROLE`; with `interim`, only a holding on an interim basis.
    Holds { role: Name, interim: bool },
    /// `is FLAG`: the post's kind, `shared`, `vacant`, or a declared flag of posts.
    Is(Flag),
    /// `council is FLAG`: the council being checked has the flag.
    CouncilIs(Name),
    /// `holds other_than GROUP`: the post holds some role outside the group.
    HoldsOtherThan(Group),
    /// `RELATION other_than GROUP`: the post has the relation to something outside the
    /// group.
    RelationOtherThan {
        relation: Name,
        kind: TargetKind,
        group: Group,
    },
    /// `assurance [within N] [addresses T]`: the records covering the post, taken
    /// together.
    Assurance {
        within: Option<Duration>,
        addresses: Option<Target>,
    },
}

/// A form said of an assurance record.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RecordForm {
    /// `dated within N` of the check date.
    DatedWithin(Duration),
    /// `addresses T`: the record addresses the elements.
    Addresses(Target),
    /// `covers ROLE`: the record covers a post that holds the role.
    Covers(Name),
    /// `council is FLAG`.
    CouncilIs(Name),
}

/// A form said of the council itself (`should council ...`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CouncilForm {
    /// `is FLAG`: a council flag.
    Is(Name),
    /// `council is FLAG`, the same written in full.
    CouncilIs(Name),
    /// `assurance [within N] [addresses T]`: every record of the council, taken together.
    Assurance {
        within: Option<Duration>,
        addresses: Option<Target>,
    },
}

/// A group, resolved: its name and its items of its kind.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Group {
    pub name: Name,
    pub items: Vec<Name>,
}

impl Group {
    pub fn contains(&self, name: &str) -> bool {
        self.items.iter().any(|i| i == name)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Target {
    pub mode: TargetMode,
    pub names: Vec<Name>,
}

/// What `is` says of a post.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Flag {
    Officer,
    Member,
    Shared,
    /// The built-in `vacant`.
    Vacant,
    Named(Name),
}

/// Which posts a clause about posts is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Selector {
    Role(Name),
    /// `post`: every post of the council, vacant ones too.
    Post,
    /// Posts holding every role listed, and (with `_`) at least one other role.
    Combine {
        roles: Vec<Name>,
        /// A `_`: at least one role besides those listed.
        others: bool,
        /// Each `_ except GROUP`: at least one role besides those listed and outside the
        /// group (one role may meet several).
        except: Vec<Group>,
    },
}

/// Which councils an `exists`, `one` or `not exists` clause applies to: its `when` and
/// `unless`, which may speak only of the council (language-v3 3.3). Empty on other
/// clauses, whose `when` and `unless` are said of each subject.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Scope {
    pub when: Option<Cond<CouncilForm>>,
    pub unless: Option<Cond<CouncilForm>>,
}

impl Scope {
    /// The conditions written, `when` then `unless`.
    pub fn all(&self) -> impl Iterator<Item = &Cond<CouncilForm>> {
        [&self.when, &self.unless].into_iter().flatten()
    }
}

/// The conditions of a clause, all said of its subjects: its condition, and its `when`
/// and `unless`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Conditions<F> {
    pub condition: Option<Cond<F>>,
    /// `when W`: the clause speaks only of the subjects that meet W.
    pub when: Option<Cond<F>>,
    pub unless: Option<Cond<F>>,
}

impl<F> Conditions<F> {
    /// The conditions written, in the order condition, `when`, `unless`.
    pub fn all(&self) -> impl Iterator<Item = &Cond<F>> {
        [&self.condition, &self.when, &self.unless].into_iter().flatten()
    }
}

/// What a clause is about, with its conditions typed by that.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum About {
    /// The posts the selector picks.
    Posts {
        selector: Selector,
        conditions: Conditions<PostForm>,
    },
    /// Every assurance record (`assurance`).
    Records(Conditions<RecordForm>),
    /// The council itself, once (`council`).
    Council(Conditions<CouncilForm>),
}

impl About {
    /// The selector of a clause about posts.
    pub fn selector(&self) -> Option<&Selector> {
        match self {
            About::Posts { selector, .. } => Some(selector),
            About::Records(_) | About::Council(_) => None,
        }
    }
}

/// What the walks over conditions ask of a form, answered once per form: the relation it
/// speaks of (the report shows findings of rules about `reports_to` beside the reporting
/// lines), the roles a post must be able to hold for it to be met or broken (the bound of
/// `regard analyze`), and the duration it counts back from the check date (the classes of
/// records' dates).
pub trait Facts {
    fn relation(&self) -> Option<&Name>;
    fn roles(&self) -> Vec<&Name>;
    fn within(&self) -> Option<Duration>;
}

impl Facts for PostForm {
    fn relation(&self) -> Option<&Name> {
        match self {
            PostForm::Relation { relation, .. } | PostForm::RelationOtherThan { relation, .. } => Some(relation),
            PostForm::Holds { .. }
            | PostForm::Is(_)
            | PostForm::CouncilIs(_)
            | PostForm::HoldsOtherThan(_)
            | PostForm::Assurance { .. } => None,
        }
    }

    fn roles(&self) -> Vec<&Name> {
        match self {
            PostForm::Holds { role, .. } => vec![role],
            PostForm::Relation {
                kind: TargetKind::Post,
                target,
                ..
            } => target.names.iter().collect(),
            // Items, flags, groups (a role outside a group is any role) and assurance
            // name no role a post must be able to hold.
            PostForm::Relation { .. }
            | PostForm::Is(_)
            | PostForm::CouncilIs(_)
            | PostForm::HoldsOtherThan(_)
            | PostForm::RelationOtherThan { .. }
            | PostForm::Assurance { .. } => Vec::new(),
        }
    }

    fn within(&self) -> Option<Duration> {
        match self {
            PostForm::Assurance { within, .. } => *within,
            PostForm::Relation { .. }
            | PostForm::Holds { .. }
            | PostForm::Is(_)
            | PostForm::CouncilIs(_)
            | PostForm::HoldsOtherThan(_)
            | PostForm::RelationOtherThan { .. } => None,
        }
    }
}

impl Facts for RecordForm {
    fn relation(&self) -> Option<&Name> {
        match self {
            RecordForm::DatedWithin(_)
            | RecordForm::Addresses(_)
            | RecordForm::Covers(_)
            | RecordForm::CouncilIs(_) => None,
        }
    }

    fn roles(&self) -> Vec<&Name> {
        match self {
            RecordForm::Covers(role) => vec![role],
            RecordForm::DatedWithin(_) | RecordForm::Addresses(_) | RecordForm::CouncilIs(_) => Vec::new(),
        }
    }

    fn within(&self) -> Option<Duration> {
        match self {
            RecordForm::DatedWithin(d) => Some(*d),
            RecordForm::Addresses(_) | RecordForm::Covers(_) | RecordForm::CouncilIs(_) => None,
        }
    }
}

impl Facts for CouncilForm {
    fn relation(&self) -> Option<&Name> {
        match self {
            CouncilForm::Is(_) | CouncilForm::CouncilIs(_) | CouncilForm::Assurance { .. } => None,
        }
    }

    fn roles(&self) -> Vec<&Name> {
        match self {
            CouncilForm::Is(_) | CouncilForm::CouncilIs(_) | CouncilForm::Assurance { .. } => Vec::new(),
        }
    }

    fn within(&self) -> Option<Duration> {
        match self {
            CouncilForm::Assurance { within, .. } => *within,
            CouncilForm::Is(_) | CouncilForm::CouncilIs(_) => None,
        }
    }
}

impl About {
    /// The facts of every form of the clause's conditions, `when` and `unless` included.
    pub fn facts(&self) -> Vec<&dyn Facts> {
        fn of<F: Facts>(c: &Conditions<F>) -> Vec<&dyn Facts> {
            c.all().flat_map(Cond::forms).map(|f| f as &dyn Facts).collect()
        }
        match self {
            About::Posts { conditions, .. } => of(conditions),
            About::Records(c) => of(c),
            About::Council(c) => of(c),
        }
    }

    /// The roles the clause names that a post must be able to hold: its selector's, and
    /// its forms'.
    pub fn roles(&self) -> Vec<&Name> {
        let selected: Vec<&Name> = match self.selector() {
            Some(Selector::Role(r)) => vec![r],
            Some(Selector::Combine { roles, .. }) => roles.iter().collect(),
            Some(Selector::Post) | None => Vec::new(),
        };
        selected
            .into_iter()
            .chain(self.facts().into_iter().flat_map(|f| f.roles()))
            .collect()
    }
}

/// A form in words, and its negation where it reads better than "does not meet this".
pub trait Words {
    fn words(&self) -> String;
    fn negated(&self) -> Option<String>;
}

/// `` `A` and `B` `` or `` `A` or `B` ``, as the target's mode says.
fn names(t: &Target) -> String {
    let joiner = if t.mode == TargetMode::Any { "or" } else { "and" };
    ticked(&t.names, joiner)
}

/// "has an assurance record dated within 12 months", of the council; "is covered by ..."
/// of a post.
fn assurance_words(of_council: bool, within: Option<Duration>, addresses: Option<&Target>) -> String {
    let dated = within.map(|d| format!(" dated within {d}")).unwrap_or_default();
    match (of_council, addresses) {
        (false, None) => format!("is covered by an assurance record{dated}"),
        (true, None) => format!("has an assurance record{dated}"),
        (false, Some(t)) => format!(
            "is covered by assurance records{dated} that, taken together, address {}",
            names(t)
        ),
        (true, Some(t)) => format!(
            "has assurance records{dated} that, taken together, address {}",
            names(t)
        ),
    }
}

impl Words for PostForm {
    fn words(&self) -> String {
        match self {
            PostForm::Relation {
                relation,
                kind: TargetKind::Post,
                target,
            } => format!("has a `{relation}` line naming a post that holds {}", names(target)),
            PostForm::Relation { relation, target, .. } if target.mode == TargetMode::One => {
                format!("has `{relation} {}`", target.names.join(""))
            }
            PostForm::Relation { relation, target, .. } => format!("has `{relation}` naming {}", names(target)),
            PostForm::Holds { role, interim: false } => format!("holds `{role}`"),
            PostForm::Holds { role, interim: true } => format!("holds `{role}` on an interim basis"),
            PostForm::Is(Flag::Vacant) => "is vacant".into(),
            PostForm::Is(Flag::Officer) => "is an officer".into(),
            PostForm::Is(Flag::Member) => "is a councillor (`member`)".into(),
            PostForm::Is(Flag::Shared) => "is shared with another council".into(),
            PostForm::Is(Flag::Named(f)) => format!("is `{f}`"),
            PostForm::Assurance { within, addresses } => assurance_words(false, *within, addresses.as_ref()),
            PostForm::CouncilIs(f) => format!("belongs to a council marked `is {f}`"),
            PostForm::HoldsOtherThan(g) => format!("holds a role outside `{}`", g.name),
            PostForm::RelationOtherThan { relation, group, .. } => {
                format!("has `{relation}` naming something outside `{}`", group.name)
            }
        }
    }

    fn negated(&self) -> Option<String> {
        Some(match self {
            PostForm::Holds { role, interim: false } => format!("does not hold `{role}`"),
            PostForm::Holds { role, interim: true } => format!("does not hold `{role}` on an interim basis"),
            PostForm::Is(Flag::Vacant) => "is not vacant".into(),
            PostForm::Is(Flag::Named(f)) => format!("is not `{f}`"),
            PostForm::Is(Flag::Officer) => "is not an officer".into(),
            PostForm::Is(Flag::Member) => "is not a councillor".into(),
            PostForm::Is(Flag::Shared) => "is not shared with another council".into(),
            PostForm::Relation { .. }
            | PostForm::CouncilIs(_)
            | PostForm::HoldsOtherThan(_)
            | PostForm::RelationOtherThan { .. }
            | PostForm::Assurance { .. } => return None,
        })
    }
}

impl Words for RecordForm {
    fn words(&self) -> String {
        match self {
            RecordForm::DatedWithin(d) => format!("is dated within {d} of the check date"),
            RecordForm::Addresses(t) => format!("addresses {}", names(t)),
            RecordForm::Covers(r) => format!("covers a post that holds `{r}`"),
            RecordForm::CouncilIs(f) => format!("belongs to a council marked `is {f}`"),
        }
    }

    fn negated(&self) -> Option<String> {
        match self {
            RecordForm::DatedWithin(_)
            | RecordForm::Addresses(_)
            | RecordForm::Covers(_)
            | RecordForm::CouncilIs(_) => None,
        }
    }
}

impl Words for CouncilForm {
    fn words(&self) -> String {
        match self {
            CouncilForm::Is(f) => format!("is `{f}`"),
            CouncilForm::CouncilIs(f) => format!("belongs to a council marked `is {f}`"),
            CouncilForm::Assurance { within, addresses } => assurance_words(true, *within, addresses.as_ref()),
        }
    }

    fn negated(&self) -> Option<String> {
        match self {
            CouncilForm::Is(f) => Some(format!("is not `{f}`")),
            CouncilForm::CouncilIs(_) | CouncilForm::Assurance { .. } => None,
        }
    }
}
