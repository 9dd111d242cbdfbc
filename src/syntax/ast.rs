//! The typed syntax tree of one regard file.
//!
//! It says what the user wrote, with a byte span for every piece a diagnostic may point
//! at; it resolves nothing. Lines that did not parse are absent from the tree (their
//! syntax errors are reported beside it), so every node here is well formed.

use jiff::civil::Date;

use super::{Name, Span};

/// A name as written, with its span. Names are short: up to 24 bytes are kept inline,
/// without an allocation of their own.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ident {
    pub text: Name,
    pub span: Span,
}

/// A string literal, unescaped.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StrLit {
    pub value: String,
    pub span: Span,
}

/// A calendar date literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateLit {
    pub date: Date,
    pub span: Span,
}

/// `in_force [FROM] [until UNTIL]`: when a guidance or a rule is in force.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InForce {
    pub from: Option<DateLit>,
    pub until: Option<DateLit>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DurationUnit {
    Days,
    Months,
    Years,
}

/// `12 months`, `30 days`, `1 year`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Duration {
    pub amount: u32,
    pub unit: DurationUnit,
    pub span: Span,
}

impl std::fmt::Display for Duration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unit = match (self.unit, self.amount == 1) {
            (DurationUnit::Days, true) => "day",
            (DurationUnit::Days, false) => "days",
            (DurationUnit::Months, true) => "month",
            (DurationUnit::Months, false) => "months",
            (DurationUnit::Years, true) => "year",
            (DurationUnit::Years, false) => "years",
        };
        write!(f, "{} {unit}", self.amount)
    }
}

/// A parsed file: its items in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct File {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    Vocab(VocabItem),
    Guidance(GuidanceDecl),
    Council(CouncilDecl),
}

impl Item {
    pub fn name(&self) -> &Ident {
        match self {
            Item::Vocab(v) => &v.name,
            Item::Guidance(g) => &g.name,
            Item::Council(c) => &c.name,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VocabKind {
    Role,
    Body,
    Function,
    Element,
    Flag,
    /// `flag NAME "Title" for council`: a property of councils.
    CouncilFlag,
    Relation,
    /// `group NAME "Title" = ITEM, ...`
    Group,
}

/// What a relation points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TargetKind {
    Post,
    Body,
    Function,
}

/// `role DCS "Director of Children's Services"` and the other vocabulary items.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct VocabItem {
    pub kind: VocabKind,
    pub name: Ident,
    pub title: Option<StrLit>,
    /// For a relation, the kind of its target (`post -> body`).
    pub target: Option<TargetKind>,
    /// For a relation, the relations it implies (`implies member_of`); for a group, its
    /// items.
    pub implies: Vec<Ident>,
    /// The groups declared elsewhere that the declaration joins (`in childrens_roles`).
    pub joins: Vec<Ident>,
    pub doc: Option<String>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Statutory,
    Advisory,
    /// Facts of law that every council's declaration respects (language-v3 3.1).
    Law,
}

impl Status {
    /// The word of its `status` line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Statutory => "statutory",
            Status::Advisory => "advisory",
            Status::Law => "law",
        }
    }
}

/// What every named block starts with; both parsers build a block's empty value from
/// it and then fill in the body.
pub struct DeclHead {
    pub name: Ident,
    pub title: Option<StrLit>,
    pub doc: Option<String>,
    pub head_span: Span,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GuidanceDecl {
    pub name: Ident,
    pub title: Option<StrLit>,
    pub doc: Option<String>,
    /// The header line, from `guidance` to `{`.
    pub head_span: Span,
    /// The whole block, to its closing `}`.
    pub span: Span,
    pub status: Vec<(Status, Span)>,
    pub issued: Vec<DateLit>,
    pub by: Vec<StrLit>,
    pub under: Vec<StrLit>,
    pub replaces: Vec<Ident>,
    pub in_force: Vec<InForce>,
    /// `paragraphs ...` lines: the parts of the source the guidance accounts for.
    pub paragraphs: Vec<PartItem>,
    /// `aside CITE because "reason"` lines.
    pub asides: Vec<Aside>,
    /// `reading "..."` lines: how regard reads the guidance as a whole (its dates, say).
    pub readings: Vec<StrLit>,
    pub rules: Vec<RuleDecl>,
}

/// The largest paragraph number a `paragraphs` line may name.
pub const MAX_PARAGRAPH: u32 = 100_000;

/// An item of a `paragraphs` line.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PartItem {
    pub kind: PartItemKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PartItemKind {
    /// `18`
    Number(u32),
    /// `1 to 28`
    Range(u32, u32),
    /// `"key points"`: an unnumbered section.
    Section(String),
}

/// `aside CITE because "reason"`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Aside {
    pub cite: StrLit,
    pub reason: StrLit,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RuleDecl {
    pub name: Ident,
    pub title: Option<StrLit>,
    pub doc: Option<String>,
    pub head_span: Span,
    pub span: Span,
    pub cites: Vec<StrLit>,
    pub quotes: Vec<StrLit>,
    /// `reading "..."`: how regard reads the text where it leaves room.
    pub readings: Vec<StrLit>,
    pub in_force: Vec<InForce>,
    pub clauses: Vec<Clause>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Modality {
    Must,
    Should,
    May,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantifier {
    /// Every post (or record) that matches.
    Each,
    Exists,
    One,
}

/// One clause of a rule: `should DCS reports_to ChiefExecutive unless ...`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Clause {
    /// Absent means `must`.
    pub modality: Option<(Modality, Span)>,
    pub negated: Option<Span>,
    pub quantifier: (Quantifier, Span),
    pub selector: Selector,
    pub condition: Option<Condition>,
    /// `when W`: the clause speaks only of the subjects that meet W.
    pub when: Option<(Span, Condition)>,
    pub unless: Option<(Span, Condition)>,
    pub span: Span,
}

impl Clause {
    pub fn modality(&self) -> Modality {
        self.modality.map_or(Modality::Must, |(m, _)| m)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Selector {
    pub kind: SelectorKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SelectorKind {
    /// Posts that hold the role.
    Role(Ident),
    /// Posts that hold every listed role; `_` stands for "some other role".
    Combine(Vec<CombineItem>),
    /// Each assurance record of the council.
    Assurance,
    /// Every post of the council, vacant ones too.
    Post,
    /// The council itself, once.
    Council,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CombineItem {
    Role(Ident),
    Wildcard(Span),
    /// `_ except GROUP`: some other role, not in the group.
    Except {
        wildcard: Span,
        group: Ident,
    },
}

/// A condition (the part after the subject, or after `unless`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Condition {
    pub kind: ConditionKind,
    pub span: Span,
}

impl Condition {
    /// The global names the condition mentions (roles, flags, relations, elements), in
    /// order, for editors. Nesting is bounded by the parser's limit.
    pub fn names(&self) -> Vec<&Ident> {
        let mut out = Vec::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names<'a>(&'a self, out: &mut Vec<&'a Ident>) {
        match &self.kind {
            ConditionKind::Not(inner) => inner.collect_names(out),
            ConditionKind::And(parts) | ConditionKind::Or(parts) => {
                for p in parts {
                    p.collect_names(out);
                }
            }
            ConditionKind::Relation { relation, target } => {
                out.push(relation);
                out.extend(&target.names);
            }
            ConditionKind::Addresses(target)
            | ConditionKind::Assurance {
                addresses: Some(target),
                ..
            } => out.extend(&target.names),
            ConditionKind::Holds { role: r, .. } | ConditionKind::Covers(r) | ConditionKind::HoldsOtherThan(r) => {
                out.push(r)
            }
            ConditionKind::RelationOtherThan { relation, group } => {
                out.push(relation);
                out.push(group);
            }
            ConditionKind::Is(FlagRef::Named(f)) | ConditionKind::CouncilIs(f) => out.push(f),
            ConditionKind::Is(_) | ConditionKind::Assurance { .. } | ConditionKind::DatedWithin(_) => {}
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ConditionKind {
    Not(Box<Condition>),
    And(Vec<Condition>),
    Or(Vec<Condition>),
    /// `reports_to ChiefExecutive`
    Relation {
        relation: Ident,
        target: Target,
    },
    /// `holds other_than GROUP`
    HoldsOtherThan(Ident),
    /// `RELATION other_than GROUP`
    RelationOtherThan {
        relation: Ident,
        group: Ident,
    },
    /// `holds ROLE`, or `holds ROLE interim` (the span of `interim`)
    Holds {
        role: Ident,
        interim: Option<Span>,
    },
    /// `is FLAG`
    Is(FlagRef),
    /// `council is FLAG`
    CouncilIs(Ident),
    /// `assurance`, `assurance within 12 months`
    /// `assurance`, `assurance within 12 months`, `assurance within 12 months
    /// addresses (a and b)`: the relevant records taken together.
    Assurance {
        within: Option<Duration>,
        addresses: Option<Target>,
    },
    /// `dated within 12 months`
    DatedWithin(Duration),
    /// `addresses ELEMENT` or a group of elements
    Addresses(Target),
    /// `covers ROLE`
    Covers(Ident),
}

/// What `is` tests: a post's kind, whether it is shared, or a declared flag.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FlagRef {
    Officer(Span),
    Member(Span),
    Shared(Span),
    Named(Ident),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TargetMode {
    /// A single name.
    One,
    /// `(A or B)`: any of them.
    Any,
    /// `(A and B)`: all of them.
    All,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Target {
    pub mode: TargetMode,
    pub names: Vec<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CouncilDecl {
    pub name: Ident,
    pub title: Option<StrLit>,
    pub doc: Option<String>,
    pub head_span: Span,
    pub span: Span,
    pub follows: Vec<Follows>,
    /// `is FLAG, ...` lines: the council's properties.
    pub flags: Vec<CouncilFlags>,
    /// `as_of DATE` lines: the date the council's facts describe (language-v3 3.6); a
    /// second is E0103.
    pub as_of: Vec<DateLit>,
    pub posts: Vec<PostDecl>,
    pub records: Vec<AssuranceDecl>,
    pub departures: Vec<DepartDecl>,
    /// The first word of each line of the block that did not parse.
    pub bad_lines: Vec<String>,
    /// The block's closing `}`, if it has one.
    pub close: Option<Span>,
}

/// An `is` line of a council.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CouncilFlags {
    pub names: Vec<Ident>,
    pub span: Span,
}

/// A `follows` line.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Follows {
    pub names: Vec<Ident>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PostKind {
    Officer,
    Member,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PostDecl {
    pub kind: PostKind,
    pub kind_span: Span,
    pub name: Ident,
    pub title: Option<StrLit>,
    pub doc: Option<String>,
    pub head_span: Span,
    pub span: Span,
    pub stmts: Vec<PostStmt>,
    /// The first word of each line of the block that did not parse.
    pub bad_lines: Vec<String>,
    /// The block's closing `}`, if it has one.
    pub close: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PostStmt {
    pub kind: PostStmtKind,
    /// The statement, without its trailing comment.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PostStmtKind {
    Holds(Vec<HeldName>),
    Holder(StrLit),
    Is(Vec<Ident>),
    SharedWith(Vec<Ident>),
    Relation { relation: Ident, targets: Vec<Ident> },
}

/// A role in a `holds` line, with its basis: `DCS` or `DCS interim`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HeldName {
    pub role: Ident,
    /// The word `interim`, when the role is held on an interim basis.
    pub interim: Option<Span>,
}

impl HeldName {
    /// The end of the item as written (after `interim`, if given).
    pub fn end(&self) -> Span {
        self.interim.unwrap_or(self.role.span)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AssuranceDecl {
    pub name: Ident,
    pub title: Option<StrLit>,
    pub doc: Option<String>,
    pub head_span: Span,
    pub span: Span,
    pub stmts: Vec<AssuranceStmt>,
    /// The first word of each line of the block that did not parse (`dated` when its
    /// date was not a calendar date).
    pub bad_lines: Vec<String>,
    /// The block's closing `}`, if it has one.
    pub close: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AssuranceStmt {
    pub kind: AssuranceStmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AssuranceStmtKind {
    Covers(Vec<Ident>),
    Dated(DateLit),
    By(StrLit),
    Addresses(Vec<Ident>),
}

/// `depart RULE [for POST] because "reason"`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DepartDecl {
    /// `guidance.rule` or `rule`, as written.
    pub rule: Ident,
    pub for_post: Option<Ident>,
    pub reason: StrLit,
    pub span: Span,
}

/// `From<DeclHead>` for a block type: the head's fields, and the rest empty.
macro_rules! from_head {
    ($decl:ident { $($field:ident: $empty:expr),* $(,)? }) => {
        impl From<DeclHead> for $decl {
            fn from(head: DeclHead) -> $decl {
                let DeclHead { name, title, doc, head_span, span } = head;
                $decl { name, title, doc, head_span, span, $($field: $empty),* }
            }
        }
    };
}

from_head!(GuidanceDecl {
    status: Vec::new(),
    issued: Vec::new(),
    by: Vec::new(),
    under: Vec::new(),
    replaces: Vec::new(),
    in_force: Vec::new(),
    paragraphs: Vec::new(),
    asides: Vec::new(),
    readings: Vec::new(),
    rules: Vec::new(),
});
from_head!(RuleDecl {
    cites: Vec::new(),
    quotes: Vec::new(),
    readings: Vec::new(),
    in_force: Vec::new(),
    clauses: Vec::new()
});
from_head!(CouncilDecl {
    follows: Vec::new(),
    flags: Vec::new(),
    as_of: Vec::new(),
    posts: Vec::new(),
    records: Vec::new(),
    departures: Vec::new(),
    bad_lines: Vec::new(),
    close: None,
});
from_head!(AssuranceDecl {
    stmts: Vec::new(),
    bad_lines: Vec::new(),
    close: None
});

impl PostDecl {
    pub fn new(kind: PostKind, kind_span: Span, head: DeclHead) -> PostDecl {
        let DeclHead {
            name,
            title,
            doc,
            head_span,
            span,
        } = head;
        PostDecl {
            kind,
            kind_span,
            name,
            title,
            doc,
            head_span,
            span,
            stmts: Vec::new(),
            bad_lines: Vec::new(),
            close: None,
        }
    }
}
