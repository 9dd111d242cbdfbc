//! What resolution finds wrong, as typed values: a name that does not resolve, a name
//! of the wrong kind, a declaration made twice, a clause that cannot be checked as
//! written. Lowering records these with the facts their messages need (suggestions
//! included, found through the name index while it is at hand); `crate::messages` turns
//! each into its diagnostic, the one place where their words are. So resolution never
//! builds a message, and never calls the checker.

use crate::base::{Name, SourceFile, Span};
use crate::hir::DefKind;
use crate::syntax::ast::{Ident, Modality, Quantifier, TargetKind};

/// A finding, with the council it concerns (none for guidance and global names).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    pub kind: FindingKind,
    pub council: Option<Name>,
}

/// A global definition that a finding points at: where it is declared, and as what.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Declared {
    pub name: Name,
    pub kind: DefKind,
    pub file: SourceFile,
    /// The span of its name, when its file is parsed.
    pub span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FindingKind {
    /// E0101: `name`, a `noun`, is declared nowhere.
    Unknown {
        name: Ident,
        noun: &'static str,
        suggestion: Option<Name>,
        help: UnknownHelp,
    },
    /// E0102: a global name of another kind than `expected`.
    WrongKind {
        name: Ident,
        declared: Declared,
        expected: DefKind,
        /// A name of the expected kind close to `name`.
        suggestion: Option<Name>,
    },
    /// E0102: a post of the council named where a body or a function is expected.
    PostNotItem {
        name: Ident,
        council: Name,
        /// Where the post is declared.
        declared: Option<Span>,
        expected: DefKind,
        suggestion: Option<Name>,
    },
    /// E0102: a global name given where a post of `council` is expected.
    NotAPost {
        name: Ident,
        declared: Declared,
        council: Name,
    },
    /// E0102: a condition used on a kind of subject it does not apply to (`holds` in a
    /// clause about records, `dated within` about posts, a relation about the council).
    Misfit {
        span: Span,
        /// The condition's word: `holds`, `dated within`, a relation.
        word: Name,
        /// What it applies to.
        fits: &'static [SubjectKind],
        /// What the clause is about.
        here: SubjectKind,
    },
    /// E0102: an item of a group that is not of the group's kind (that of its first item
    /// that resolves).
    GroupMixesKinds {
        name: Ident,
        group: Name,
        kind: DefKind,
        group_kind: DefKind,
    },
    /// E0102: `RELATION other_than GROUP` with a relation to posts.
    OtherThanPosts { span: Span, relation: Name },
    /// E0102: a group used where names of another kind are expected.
    GroupOfWrongKind {
        name: Ident,
        kind: DefKind,
        expected: DefKind,
        /// What it was used for: `combine`, `holds other_than`, a relation.
        place: Name,
    },
    /// W0305: a declared part that no rule cites and no `aside` sets aside.
    PartMissing { span: Span, guidance: Name, part: String },
    /// W0306: a `para` cite or an `aside` naming a part the guidance does not declare.
    PartUndeclared { span: Span, guidance: Name, part: String },
    /// E0206: an `aside` whose reason is too short to be one.
    AsideUnclear { span: Span, cite: String, least: usize },
    /// E0301: a clause about the council with no condition (`must council`).
    CouncilSaysNothing { span: Span },
    /// E0102: a relation that implies one pointing at another kind of thing.
    ImpliesOtherKind {
        name: Ident,
        relation: Name,
        target: TargetKind,
        implied: TargetKind,
    },
    /// E0103: a declaration or a line made twice.
    Duplicate {
        what: Duplicated,
        later: Span,
        first_file: SourceFile,
        first: Span,
    },
    /// E0107: `in` naming something that is not a group (`group_kind` is what it is), or a
    /// group of another kind than the declaration (`gathers`); `member_kind` is `None` for
    /// a flag, which joins no group.
    BadJoin {
        group: Ident,
        group_kind: DefKind,
        gathers: Option<DefKind>,
        member: Name,
        member_kind: Option<DefKind>,
    },
    /// W0211: a council's `as_of` after today; it is checked as of `used` instead.
    AsOfAfterToday {
        span: Span,
        as_of: jiff::civil::Date,
        today: jiff::civil::Date,
        used: jiff::civil::Date,
    },
    /// I0210: a joint post `shared with` a council that is not among the files checked;
    /// `suggestion` is a council among them with a close name.
    AbsentPartner {
        partner: Ident,
        post: Name,
        suggestion: Option<Name>,
    },
    /// W0212: a user's declaration of a vocabulary name that the standard library now
    /// declares, as the same kind of name; the library's declaration is used.
    DeclaredByLibrary {
        name: Name,
        kind: DefKind,
        span: Span,
        library: SourceFile,
        first: Span,
    },
    /// E0104: a role used as a post that no post of the council holds; `vacant` are the
    /// vacant posts that would hold it.
    RoleHeldByNoPost {
        name: Ident,
        council: Name,
        vacant: Vec<Name>,
    },
    /// E0103: a vocabulary item that declares a built-in name (`flag vacant`).
    BuiltinRedeclared { name: Ident },
    /// E0104: a role used as a post that several posts hold: each holder's name and
    /// the span of its `holds` line.
    RoleHeldBySeveral {
        name: Ident,
        council: Name,
        holders: Vec<(Name, Span)>,
    },
    /// E0105: an unqualified rule in `depart` that several followed guidance define:
    /// each `(guidance, its file, the rule's name span)`.
    AmbiguousRule {
        span: Span,
        rule: Name,
        council: Name,
        defining: Vec<(Name, SourceFile, Span)>,
    },
    /// E0001: an assurance record without its `dated` line.
    Undated { record: Ident },
    /// E0301: `not one`, which is not a complete clause.
    NotOne { span: Span },
    /// E0301: a `must` or `should` clause about each post with no condition.
    SaysNothing { span: Span, modality: Modality },
    /// E0106: a `should` or `may` clause in guidance of `status law` (the clause is
    /// dropped).
    LawNotMust { span: Span, modality: Modality },
    /// E0106: a rule of guidance of `status law` without a `cite` (it is still
    /// evaluated).
    LawWithoutCite { span: Span, rule: Name },
    /// E0302: `when` or `unless` (the `word`) on an `exists` or a `one` clause that
    /// speaks of something other than the council.
    UnlessOnCount {
        span: Span,
        word: &'static str,
        quantifier: Quantifier,
    },
    /// W0303: a clause that says the opposite of an earlier one of its guidance.
    Contradiction { span: Span, earlier: Span },
    /// E0304: a `replaces` entry naming no guidance.
    UnknownReplaced {
        guidance: Name,
        replaced: Ident,
        suggestion: Option<Name>,
    },
    /// E0304: `replaces` going round in a circle, reported on the entry that points
    /// into it: the guidance in order round the circle, each with where it is declared.
    ReplacesCycle { entry: Span, circle: Vec<Declared> },
}

/// What an E0101 says to do when no name is close enough to suggest (or, for a
/// misspelt statement keyword, what it suggests instead).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum UnknownHelp {
    /// Declare it, or use one of the `known` names of its kind (up to six).
    Declare { kind: DefKind, known: Vec<Name> },
    /// A post statement that starts with neither a keyword nor a relation.
    PostStatement,
    /// A post statement keyword that is spelt like the unknown relation.
    StatementKeyword(&'static str),
    /// A post the council does not declare.
    Post { council: Name },
    /// A rule that the named guidance does not have.
    RuleOf { guidance: Name },
    /// A rule of none of the guidance the council follows.
    RuleFollowed { council: Name, followed: Vec<Name> },
    /// `is interim`, from before `interim` became the basis of a holding.
    InterimIsABasis,
}

/// What was declared twice.
/// Which kind of thing a clause is about: posts, assurance records, or the council.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SubjectKind {
    Post,
    Record,
    Council,
}

impl SubjectKind {
    /// "posts", "assurance records", "the council", for messages.
    pub fn plural(self) -> &'static str {
        match self {
            SubjectKind::Post => "posts",
            SubjectKind::Record => "assurance records",
            SubjectKind::Council => "the council",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Duplicated {
    /// A global name, a record, or anything named alone.
    Named(Name),
    /// A line of a guidance's header (`status`, `issued`, `by`, `under`).
    GuidanceLine {
        line: &'static str,
        guidance: Name,
    },
    /// A line of a rule that it may have once (`in_force`).
    RuleLine {
        line: &'static str,
        rule: Name,
    },
    /// A line of a council that it may have once (`as_of`).
    CouncilLine {
        line: &'static str,
        council: Name,
    },
    Rule(Name),
    Post(Name),
    /// The `holder` line of a post.
    Holder(Name),
    /// The `dated` line of a record.
    Date(Name),
    /// The `by` line of a record.
    By(Name),
}

/// A clause of guidance, where it is: what a finding of `regard analyze` points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseAt {
    pub file: crate::base::SourceFile,
    pub span: Span,
    pub guidance: Name,
    pub rule: Name,
    /// The clause as written.
    pub text: String,
    /// The rule's citations, quotes and readings.
    pub notes: Vec<String>,
    /// A clause of a fact of law (guidance of `status law`), an axiom of the analysis.
    pub law: bool,
}

/// What `regard analyze` finds of guidance over every council of a bound (language-v2.md
/// 2.14): typed here, worded in `messages`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnalysisFinding {
    /// E0310: no council of up to `posts` posts and `records` records meets every clause
    /// at once; `clauses` is a smallest set that conflicts.
    Unsatisfiable {
        clauses: Vec<ClauseAt>,
        posts: usize,
        records: usize,
        /// What a larger bound says: some council of twice the records, or else of twice
        /// the posts, meets every clause (the flag to raise), or none does.
        larger: Larger,
    },
    /// W0311: no council of the bound breaks the clause.
    NeverFires {
        clause: ClauseAt,
        posts: usize,
        records: usize,
    },
    /// I0312: the other clauses of its guidance imply it.
    Implied {
        clause: ClauseAt,
        posts: usize,
        records: usize,
    },
    /// W0313: no council of `kind` (of the bound) meets every clause at once, though a
    /// council of another kind does; `clauses` is a smallest set that conflicts for it.
    KindUnsatisfiable {
        kind: KindOfCouncil,
        clauses: Vec<ClauseAt>,
        posts: usize,
        records: usize,
    },
}

/// What the analysis found when asked again at a larger bound, after a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Larger {
    /// Twice the records (the posts unchanged) let some council meet everything.
    Records(usize),
    /// Twice the posts (with twice the records) let some council meet everything.
    Posts(usize),
    /// No council of twice the bound meets everything either.
    StillConflicts { posts: usize, records: usize },
    /// Not asked (the larger bound would be beyond the limits), or the solver gave up.
    NotAsked,
}

/// A kind of council (language-v3 3.7): the council flags it fixes, each either way,
/// and the roles some post of it holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KindOfCouncil {
    pub flags: Vec<(Name, bool)>,
    pub roles: Vec<Name>,
}
