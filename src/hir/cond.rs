//! Conditions, resolved and typed by what they are said of: a post, an assurance record
//! or the council. A clause's conditions are all of one kind (its selector's), so no
//! code that gives a condition its meaning, its words or its SAT encoding has an arm for
//! a form said of the wrong kind of subject: lowering refuses those (E0102), and the
//! types leave them out.
//!
//! A new form is a variant of one of the three form enums; the compiler then lists every
//! match that must say what it means (`check/rules/meaning.rs`), how to explain it, how to
//! say it in words (`describe.rs`) and how to encode it (`symbolic/encode.rs`), and every
//! walk over forms (through [`Cond::forms`], never a wildcard).

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

    /// Whether the clause has a condition (besides `when` and `unless`).
    pub fn has_condition(&self) -> bool {
        match self {
            About::Posts { conditions, .. } => conditions.condition.is_some(),
            About::Records(c) => c.condition.is_some(),
            About::Council(c) => c.condition.is_some(),
        }
    }
}
