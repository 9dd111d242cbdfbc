//! The resolved model: guidance with their rules, and councils with their posts, every
//! name checked against the workspace.
//!
//! Lowering (in [`lower`]) turns syntax trees into this model and records, as typed
//! findings ([`finding`]), the names that do not resolve and the duplicates. A statement whose
//! name does not resolve is left out of the model, and the post or record it belonged to
//! remembers that it is incomplete, so that the checker does not report the same mistake
//! again as a rule violation.

pub mod cond;
pub mod coverage;
pub mod defs;
pub mod describe;
pub mod finding;
pub mod lower;
pub mod suggest;
pub mod wellformed;

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::base::SourceFile;
use crate::syntax::ast::{Modality, PostKind, Quantifier, Status, TargetKind};
use crate::syntax::{Name, Span};

pub use cond::{About, Cond, Conditions, CouncilForm, Flag, Group, PostForm, RecordForm, Scope, Selector, Target};
pub use defs::{Def, DefKind, DefMap, FileDefs};

/// A reason (of a departure, or of an `aside`) shorter than this, once trimmed, in
/// Unicode scalar values, is not a reason.
pub const MIN_REASON_CHARS: usize = 20;

/// The built-in post property of a post nobody holds (`is vacant`).
pub const VACANT: &str = "vacant";
/// The basis of a holding made while a permanent appointment is sought (`holds DCS
/// interim`); before version 2, a flag of the standard library.
pub const INTERIM: &str = "interim";

/// The guidance of one file, lowered, with what was found wrong on the way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct LoweredGuidance {
    pub guidance: Vec<Guidance>,
    pub findings: Vec<finding::Finding>,
}

/// The councils of one file, lowered, with what was found wrong on the way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct LoweredCouncils {
    pub councils: Vec<Council>,
    pub findings: Vec<finding::Finding>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Guidance {
    pub name: Name,
    pub title: Option<String>,
    /// The `///` comment above it: what it is and where its text comes from.
    pub doc: Option<String>,
    pub status: Status,
    pub file: SourceFile,
    pub name_span: Span,
    pub in_force: Period,
    /// Its `reading` lines: how regard reads the guidance as a whole (not added to each
    /// finding; `regard explain` and the report's guidance view show them).
    pub readings: Vec<String>,
    pub rules: Vec<Rule>,
    /// The parts of its source the guidance declares and what accounts for each; `None`
    /// without a `paragraphs` line.
    pub coverage: Option<coverage::Coverage>,
}

/// When a guidance or a rule is in force: on dates `d` with `from <= d < until`, an
/// end left open where it is not given. Without `in_force`, always.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Period {
    pub from: Option<jiff::civil::Date>,
    pub until: Option<jiff::civil::Date>,
}

impl Period {
    pub fn contains(self, date: jiff::civil::Date) -> bool {
        self.from.is_none_or(|from| from <= date) && self.until.is_none_or(|until| date < until)
    }

    /// Whether some day is in both periods.
    pub fn overlaps(self, other: Period) -> bool {
        let from = self.from.max(other.from);
        let until = match (self.until, other.until) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match (from, until) {
            (Some(from), Some(until)) => from < until,
            _ => true,
        }
    }

    pub fn of(in_force: &crate::syntax::ast::InForce) -> Period {
        Period {
            from: in_force.from.as_ref().map(|d| d.date),
            until: in_force.until.as_ref().map(|d| d.date),
        }
    }
}

impl Guidance {
    pub fn rule(&self, name: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.name == name)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    pub name: Name,
    pub title: Option<String>,
    pub cites: Vec<String>,
    pub quotes: Vec<String>,
    /// How regard reads the text where it leaves room (`reading "..."`).
    pub readings: Vec<String>,
    pub in_force: Period,
    /// The clauses that lowered without error.
    pub clauses: Vec<Clause>,
    pub name_span: Span,
}

impl Rule {
    /// Whether any clause of the rule speaks of `relation` (in its condition, `when` or
    /// `unless`): the report shows the findings of rules about `reports_to` beside the
    /// reporting lines.
    pub fn mentions_relation(&self, relation: &str) -> bool {
        self.clauses
            .iter()
            .any(|c| c.facts().iter().any(|f| f.relation().is_some_and(|r| r == relation)))
    }

    /// "para 6: The DCS should report ..." for each citation, paired with its quote, then
    /// "reading: ..." for each reading: the notes every finding of the rule carries, and
    /// what `regard explain`, hover and SARIF show of it.
    pub fn notes(&self) -> Vec<String> {
        let n = self.cites.len().max(self.quotes.len());
        (0..n)
            .map(|i| match (self.cites.get(i), self.quotes.get(i)) {
                (Some(c), Some(q)) => format!("{c}: {q}"),
                (Some(c), None) => c.clone(),
                (None, Some(q)) => q.clone(),
                (None, None) => unreachable!("i is below the longer length"),
            })
            .chain(self.readings.iter().map(|r| format!("reading: {r}")))
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Clause {
    pub modality: Modality,
    pub negated: bool,
    pub quantifier: Quantifier,
    /// What the clause is about, with its conditions.
    pub about: About,
    /// `when` and `unless` of an `exists`, `one` or `not exists` clause: about the
    /// council only, they say which councils the clause applies to (language-v3 3.3).
    pub scope: Scope,
    pub span: Span,
    /// The clause as written, whitespace collapsed.
    pub text: String,
    /// The condition as written, whitespace collapsed, for messages.
    pub condition_text: Option<String>,
    pub unless_text: Option<String>,
}

/// How each council's check date is chosen (language-v3 3.6). A council is checked as of
/// its own `as_of` unless `overridden` (`--as-of` on the command line) or the date is
/// after `today` (W0211); otherwise as of the workspace's date (`--as-of`, or today).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CheckDates {
    pub overridden: bool,
    /// The real date today (UTC), which a council's `as_of` may not be after.
    pub today: Date,
}

impl CheckDates {
    /// The date a council with its own `as_of` (`own`) is checked as of, when the
    /// workspace's date is `as_of`.
    pub fn check_date(self, own: Option<Date>, as_of: Date) -> Date {
        match own {
            Some(date) if !self.overridden && date <= self.today => date,
            _ => as_of,
        }
    }
}

impl Clause {
    /// The facts of every form of the clause: its conditions', `when`'s and `unless`'s,
    /// and its scope's.
    pub fn facts(&self) -> Vec<&dyn cond::Facts> {
        let mut all = self.about.facts();
        all.extend(self.scope.all().flat_map(Cond::forms).map(|f| f as &dyn cond::Facts));
        all
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Council {
    pub name: Name,
    pub title: Option<String>,
    pub file: SourceFile,
    pub name_span: Span,
    /// The date the council is checked as of: its own `as_of`, unless `--as-of`
    /// overrides it or it is after today, else the workspace's date (language-v3 3.6).
    pub as_of: Date,
    /// Its `as_of` line: the date its facts describe, and where that is said.
    pub own_as_of: Option<(Date, Span)>,
    /// The guidance this council follows (declared, or the workspace's current ones).
    pub follows: Vec<Followed>,
    /// The council's properties (`is FLAG` in its block), each with its line.
    pub flags: Vec<PostFlag>,
    /// An `is` line of the council named a flag that did not resolve, or did not parse.
    pub flags_uncertain: bool,
    pub posts: Vec<Post>,
    pub records: Vec<Record>,
    pub departures: Vec<Departure>,
    /// A post of the council did not parse, so "no post holds X" may be a consequence of
    /// an error already reported.
    pub posts_uncertain: bool,
    /// An `assurance` block of the council did not parse.
    pub records_uncertain: bool,
    /// Where a line can be added to the council's block.
    pub insert_at: Option<InsertPoint>,
    /// Each post's index by name, and the posts holding each role: a council may have
    /// thousands of posts, and lines name posts by either.
    pub post_index: BTreeMap<Name, usize>,
    pub holders: BTreeMap<Name, Vec<usize>>,
    /// The posts with a `holds` entry that did not resolve.
    pub unresolved_holds: Vec<usize>,
}

impl Council {
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f.flag == flag)
    }

    pub fn post(&self, name: &str) -> Option<usize> {
        self.post_index.get(name).copied()
    }

    /// The posts whose `holds` lines name `role`, vacant ones included, in declaration
    /// order.
    pub fn holders(&self, role: &str) -> &[usize] {
        self.holders.get(role).map_or(&[], Vec::as_slice)
    }

    /// The posts that hold `role` for the rules: [`Council::holders`] less vacant posts.
    pub fn holders_for_rules(&self, role: &str) -> Vec<usize> {
        self.holders(role)
            .iter()
            .copied()
            .filter(|&i| self.posts[i].vacant.is_none())
            .collect()
    }

    /// The vacant posts whose `holds` lines name `role`, by name: what messages about a
    /// role no post holds mention.
    pub fn vacant_holders(&self, role: &str) -> Vec<Name> {
        self.holders(role)
            .iter()
            .filter(|&&i| self.posts[i].vacant.is_some())
            .map(|&i| self.posts[i].name.clone())
            .collect()
    }

    /// Whether some post may hold `role` although the model says none does.
    pub fn role_uncertain(&self, role: &str) -> bool {
        self.posts_uncertain
            || self
                .unresolved_holds
                .iter()
                .any(|&p| self.posts[p].unknown.might_hold(role))
    }

    /// Fills in the indexes from the posts.
    pub fn index_posts(&mut self) {
        self.post_index.clear();
        self.holders.clear();
        self.unresolved_holds.clear();
        for (i, post) in self.posts.iter().enumerate() {
            self.post_index.entry(post.name.clone()).or_insert(i);
            for held in &post.roles {
                let holders = self.holders.entry(held.role.clone()).or_default();
                if holders.last() != Some(&i) {
                    holders.push(i);
                }
            }
            if post.unknown.any_holds() {
                self.unresolved_holds.push(i);
            }
        }
    }
}

/// Where a new line can go at the end of a block: the start of the line that holds the
/// block's `}`, and the indentation of a statement inside the block.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InsertPoint {
    pub offset: u32,
    pub indent: Name,
}

impl InsertPoint {
    /// The point before the `}` at `close`, if that `}` stands on a line of its own.
    pub fn before(text: &str, close: Option<Span>) -> Option<InsertPoint> {
        let brace = close?.start as usize;
        let line_start = text.get(..brace)?.rfind('\n').map_or(0, |i| i + 1);
        let indent = text.get(line_start..brace)?;
        indent.chars().all(|c| c == ' ' || c == '\t').then(|| InsertPoint {
            offset: line_start as u32,
            indent: compact_str::format_compact!("{indent}  "),
        })
    }

    /// An edit that inserts `statement` as a line of its own.
    pub fn line(&self, statement: &str) -> crate::diagnostics::Edit {
        crate::diagnostics::Edit {
            span: Span::new(self.offset as usize, self.offset as usize),
            text: format!("{}{statement}\n", self.indent),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Followed {
    pub guidance: Name,
    /// The name in the `follows` line; `None` when followed by default.
    pub span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Post {
    pub name: Name,
    pub title: Option<String>,
    pub kind: PostKind,
    pub name_span: Span,
    pub roles: Vec<HeldRole>,
    /// The `is` line that says `vacant`: the post keeps its lines but holds none of its
    /// roles for the rules.
    pub vacant: Option<Span>,
    pub holder: Option<String>,
    pub flags: Vec<PostFlag>,
    pub shared_with: Vec<Partner>,
    pub relations: Vec<RelationStmt>,
    /// The `reports_to` (or other post-to-post) lines that did not resolve.
    pub unknown: Unknown,
    /// Where a line can be added to the post's block.
    pub insert_at: Option<InsertPoint>,
}

impl Post {
    /// Whether the post holds `role` for the rules: on any basis, and not vacant.
    pub fn holds(&self, role: &str) -> bool {
        self.vacant.is_none() && self.declares(role)
    }

    /// Whether the post holds `role` on an interim basis (and is not vacant).
    pub fn holds_interim(&self, role: &str) -> bool {
        self.vacant.is_none() && self.roles.iter().any(|r| r.role == role && r.interim)
    }

    /// Whether a `holds` line of the post names `role`, vacant or not.
    pub fn declares(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r.role == role)
    }

    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f.flag == flag)
    }

    /// The posts this post names in its declared `relation` lines (`reports_to`, say),
    /// in the order written, each with the line that names it. Relations it has only
    /// through `implies` are left out: built-in checks look at declared lines.
    pub fn related_posts<'a>(&'a self, relation: &'a str) -> impl Iterator<Item = (usize, Span)> + 'a {
        self.relations
            .iter()
            .filter(move |r| r.relation == relation && r.implied_by.is_none())
            .flat_map(|r| {
                r.targets.iter().filter_map(move |t| match t {
                    TargetRef::Post(q) => Some((*q, r.span)),
                    TargetRef::Item(_) => None,
                })
            })
    }

    /// The `holds` line that names `role`, or the first `holds` line.
    pub fn holds_span(&self, role: Option<&str>) -> Option<Span> {
        role.and_then(|r| self.roles.iter().find(|h| h.role == r))
            .or(self.roles.first())
            .map(|h| h.stmt)
    }
}

/// What a post's declaration left unresolved, statement kind by statement kind, so that
/// the checker does not report a consequence of an error already reported.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Unknown {
    /// For each role in `holds` that did not resolve, the role it was probably meant to
    /// be (the "did you mean"), or `None` when it could be any role.
    pub holds: Vec<Option<Name>>,
    pub flags: bool,
    pub shared: bool,
    /// Relations with a line that did not resolve or did not parse.
    pub relations: Vec<Name>,
    /// A line whose relation is unknown and not close to any relation.
    pub any_relation: bool,
    /// A line that did not parse and could be anything.
    pub anything: bool,
}

impl Unknown {
    pub fn relation(&self, relation: &str) -> bool {
        self.anything || self.any_relation || self.relations.iter().any(|r| r == relation)
    }

    /// Whether the post may hold `role` through a `holds` entry that did not resolve.
    pub fn might_hold(&self, role: &str) -> bool {
        self.anything || self.holds.iter().any(|h| h.as_deref().is_none_or(|r| r == role))
    }

    pub fn any_holds(&self) -> bool {
        self.anything || !self.holds.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HeldRole {
    pub role: Name,
    /// Held on an interim basis (`holds DCS interim`): on any `holds` line that names it.
    pub interim: bool,
    /// The role's name in the `holds` line.
    pub span: Span,
    /// The whole `holds` line.
    pub stmt: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PostFlag {
    pub flag: Name,
    pub stmt: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Partner {
    pub council: Name,
    /// The partner's name in the `shared with` line.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RelationStmt {
    pub relation: Name,
    pub kind: TargetKind,
    pub targets: Vec<TargetRef>,
    /// The whole line.
    pub span: Span,
    /// For a line the post does not declare but has through `implies`: the declared
    /// relation that implies it (`chairs` for `member_of`), whose line `span` is.
    pub implied_by: Option<Name>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TargetRef {
    /// A post of the same council, by index.
    Post(usize),
    /// A body or function.
    Item(Name),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Record {
    pub name: Name,
    /// The record's title, as declared (`assurance NAME "TITLE"`).
    pub title: Option<String>,
    /// Who gave the assurance (`by "..."`).
    pub by: Option<String>,
    pub name_span: Span,
    /// Indices of the posts it covers.
    pub covers: Vec<usize>,
    pub covers_span: Option<Span>,
    pub dated: Option<(Date, Span)>,
    pub addresses: Vec<Name>,
    pub addresses_span: Option<Span>,
    /// A line did not parse or resolve, or the date is missing.
    pub incomplete: bool,
    /// Where a line can be added to the record's block.
    pub insert_at: Option<InsertPoint>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Departure {
    pub guidance: Name,
    pub rule: Name,
    /// The rule's name in the `depart` line.
    pub rule_span: Span,
    pub for_post: Option<usize>,
    pub reason: String,
    pub reason_span: Span,
    /// The whole `depart` line.
    pub span: Span,
}
