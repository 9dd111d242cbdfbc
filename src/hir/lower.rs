//! Lowering: syntax trees to the resolved model, resolving every name.
//!
//! Every name is looked up in the workspace's [`DefMap`] (or, for posts, in its council).
//! A name that is unknown is E0101 with a "did you mean"; a name of the wrong kind is
//! E0102; a role used as a post target must be held by exactly one post (E0104). The
//! statement is then left out and checking goes on.

use std::collections::HashMap;

use crate::base::SourceFile;
use crate::hir::defs::{GROUP_KINDS, closest};
use crate::hir::finding::{Declared, Duplicated, Finding, FindingKind, SubjectKind, UnknownHelp};
use crate::hir::suggest::{Suggestions, closest_in};
use crate::hir::wellformed;
use crate::hir::*;
use crate::syntax::ast::{self, Ident, Item, VocabKind};

/// Looks up the lowered guidance of the workspace by name.
pub trait GuidanceLookup {
    fn guidance(&self, name: &str) -> Option<&Guidance>;
}

/// Finds where a global definition's name is, for labels pointing at it.
pub trait Locate {
    fn def_span(&self, def: &Def) -> Option<Span>;
}

/// What lowering reads besides the file itself.
pub struct Env<'a> {
    pub defs: &'a DefMap,
    /// The check date: a council without `follows` follows what is in force on it.
    pub as_of: jiff::civil::Date,
    pub file: SourceFile,
    /// The file's text, for quoting conditions in messages.
    pub text: &'a str,
    pub locate: &'a dyn Locate,
}

struct Lowerer<'a> {
    env: &'a Env<'a>,
    findings: Vec<Finding>,
    council: Option<Name>,
    /// The names of the posts of the council being lowered, indexed for suggestions
    /// when a name does not resolve, with the number of posts indexed.
    post_names: Option<(Name, usize, std::sync::Arc<Suggestions>)>,
}

impl<'a> Lowerer<'a> {
    fn new(env: &'a Env<'a>) -> Self {
        Lowerer {
            env,
            findings: Vec::new(),
            council: None,
            post_names: None,
        }
    }

    fn push(&mut self, kind: FindingKind) {
        self.findings.push(Finding {
            kind,
            council: self.council.clone(),
        });
    }

    /// Where a global definition is declared, for a finding to point at.
    fn declared(&self, def: &Def) -> Declared {
        Declared {
            name: def.name.clone(),
            kind: def.kind,
            file: def.file,
            span: self.env.locate.def_span(def),
        }
    }

    /// Resolves a global name that must be of `kind`; reports E0101 or E0102 otherwise.
    fn expect(&mut self, name: &Ident, kind: DefKind) -> Option<&'a Def> {
        self.expect_any(name, &[kind])
    }

    fn expect_any(&mut self, name: &Ident, kinds: &[DefKind]) -> Option<&'a Def> {
        let defs = self.env.defs;
        match defs.get(&name.text) {
            Some(def) if kinds.contains(&def.kind) => Some(def),
            Some(def) => {
                self.wrong_kind(name, def, kinds[0]);
                None
            }
            None => {
                let help = UnknownHelp::Declare {
                    kind: kinds[0],
                    known: defs.names_of(kinds[0]).take(6).map(Name::from).collect(),
                };
                self.unknown(name, kinds[0].noun(), defs.closest(&name.text, kinds), help);
                None
            }
        }
    }

    /// A flag by name; `interim`, when no flag of that name is declared, gets the help
    /// that it is now the basis of a holding.
    fn flag(&mut self, name: &Ident) -> Option<&'a Def> {
        if name.text == INTERIM && self.env.defs.get(INTERIM).is_none() {
            self.unknown(name, DefKind::Flag.noun(), None, UnknownHelp::InterimIsABasis);
            return None;
        }
        self.expect(name, DefKind::Flag)
    }

    /// A flag declared `for council`; a post flag here is E0102.
    fn council_flag(&mut self, name: &Ident) -> Option<&'a Def> {
        self.expect(name, DefKind::CouncilFlag)
    }

    /// The council's post names, indexed once however many names do not resolve.
    fn post_suggestions(&mut self, council: &Council) -> std::sync::Arc<Suggestions> {
        match &self.post_names {
            Some((name, count, index)) if *name == council.name && *count == council.posts.len() => index.clone(),
            _ => {
                let index = std::sync::Arc::new(Suggestions::new(council.posts.iter().map(|p| p.name.as_str())));
                self.post_names = Some((council.name.clone(), council.posts.len(), index.clone()));
                index
            }
        }
    }

    fn unknown(&mut self, name: &Ident, noun: &'static str, suggestion: Option<&str>, help: UnknownHelp) {
        self.push(FindingKind::Unknown {
            name: name.clone(),
            noun,
            suggestion: suggestion.map(Name::from),
            help,
        });
    }

    fn wrong_kind(&mut self, name: &Ident, def: &Def, expected: DefKind) {
        self.push(FindingKind::WrongKind {
            name: name.clone(),
            declared: self.declared(def),
            expected,
            suggestion: self.env.defs.closest(&name.text, &[expected]).map(Name::from),
        });
    }

    fn duplicate(&mut self, what: Duplicated, later: Span, first: Span) {
        self.push(FindingKind::Duplicate {
            what,
            later,
            first_file: self.env.file,
            first,
        });
    }
}

// ─── Vocabulary ────────────────────────────────────────────────────────────────────

impl Lowerer<'_> {
    /// The items of a group: each a role, body, function or element (E0101, E0102), all
    /// of the kind of the first that resolves (E0102 on each other one).
    fn group_items(&mut self, v: &ast::VocabItem) {
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
    fn group(&mut self, name: &Ident, expected: DefKind, place: &str) -> Option<Group> {
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
    fn implies(&mut self, v: &ast::VocabItem) {
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
    /// E0103 for a vocabulary item that declares a built-in name (`flag vacant`).
    fn builtin_redeclared(&mut self, v: &ast::VocabItem) {
        if v.kind == VocabKind::Flag && v.name.text == VACANT {
            self.push(FindingKind::BuiltinRedeclared { name: v.name.clone() });
        }
    }
}

// ─── Guidance ──────────────────────────────────────────────────────────────────────

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
    fn guidance(&mut self, g: &ast::GuidanceDecl) -> Guidance {
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

    fn rule(&mut self, r: &ast::RuleDecl) -> Rule {
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

    fn clause(&mut self, c: &ast::Clause) -> Option<Clause> {
        let shape = wellformed::clause_shape(c);
        let ok = shape.is_empty();
        for finding in shape {
            self.push(finding);
        }
        let (modality, quantifier, negated) = (c.modality(), c.quantifier.0, c.negated.is_some());
        let selector = self.selector(&c.selector);
        let subject = match c.selector.kind {
            ast::SelectorKind::Assurance => SubjectKind::Record,
            ast::SelectorKind::Council => SubjectKind::Council,
            ast::SelectorKind::Role(_) | ast::SelectorKind::Combine(_) => SubjectKind::Post,
        };
        let condition = c.condition.as_ref().map(|cond| self.cond(cond, subject));
        let when = c.when.as_ref().map(|(_, cond)| self.cond(cond, subject));
        let unless = c.unless.as_ref().map(|(_, cond)| self.cond(cond, subject));
        // A part that is written but did not lower drops the clause.
        let lowered = |part: Option<Option<Cond>>| match part {
            Some(None) => Err(()),
            part => Ok(part.flatten()),
        };
        let (Some(selector), Ok(condition), Ok(when), Ok(unless)) =
            (selector, lowered(condition), lowered(when), lowered(unless))
        else {
            return None;
        };
        if !ok {
            return None;
        }
        Some(Clause {
            modality,
            negated,
            quantifier,
            selector,
            condition,
            when,
            unless,
            span: c.span,
            text: self.source_text(c.span),
            condition_text: c.condition.as_ref().map(|cond| self.source_text(cond.span)),
            unless_text: c.unless.as_ref().map(|(_, cond)| self.source_text(cond.span)),
        })
    }

    /// The text of a span with comments dropped and whitespace collapsed.
    fn source_text(&self, span: Span) -> String {
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

    fn selector(&mut self, s: &ast::Selector) -> Option<Selector> {
        match &s.kind {
            ast::SelectorKind::Role(r) => self.expect(r, DefKind::Role).map(|d| Selector::Role(d.name.clone())),
            ast::SelectorKind::Assurance => Some(Selector::Assurance),
            ast::SelectorKind::Council => Some(Selector::Council),
            ast::SelectorKind::Combine(items) => {
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
    }

    /// Lowers a condition about posts, records or the council; `None` if any part
    /// failed.
    fn cond(&mut self, c: &ast::Condition, subject: SubjectKind) -> Option<Cond> {
        use SubjectKind::{Council, Post, Record};
        use ast::ConditionKind as K;
        // E0102 unless the condition applies to this kind of subject.
        let fits = |this: &mut Self, word: &str, fits: &'static [SubjectKind]| {
            let ok = fits.contains(&subject);
            if !ok {
                this.push(FindingKind::Misfit {
                    span: c.span,
                    word: word.into(),
                    fits,
                    here: subject,
                });
            }
            ok
        };
        Some(match &c.kind {
            K::Not(inner) => Cond::Not(Box::new(self.cond(inner, subject)?)),
            K::And(parts) | K::Or(parts) => {
                let lowered: Vec<Option<Cond>> = parts.iter().map(|p| self.cond(p, subject)).collect();
                let lowered: Option<Vec<Cond>> = lowered.into_iter().collect();
                let lowered = lowered?;
                if matches!(c.kind, K::And(_)) {
                    Cond::And(lowered)
                } else {
                    Cond::Or(lowered)
                }
            }
            K::Relation { relation, target } => {
                if !fits(self, &relation.text, &[Post]) {
                    return None;
                }
                let rel = self.expect(relation, DefKind::Relation);
                let kind = rel.and_then(|r| r.target).unwrap_or(ast::TargetKind::Post);
                let target = self.target(target, DefKind::of_target(kind));
                Cond::Relation {
                    relation: rel?.name.clone(),
                    kind,
                    target: target?,
                }
            }
            K::HoldsOtherThan(group) => {
                if !fits(self, "holds other_than", &[Post]) {
                    return None;
                }
                Cond::HoldsOtherThan(self.group(group, DefKind::Role, "holds other_than")?)
            }
            K::RelationOtherThan { relation, group } => {
                if !fits(self, &relation.text, &[Post]) {
                    return None;
                }
                let rel = self.expect(relation, DefKind::Relation)?;
                let kind = rel.target.unwrap_or(ast::TargetKind::Post);
                if kind == ast::TargetKind::Post {
                    self.push(FindingKind::OtherThanPosts {
                        span: c.span,
                        relation: rel.name.clone(),
                    });
                    return None;
                }
                Cond::RelationOtherThan {
                    relation: rel.name.clone(),
                    kind,
                    group: self.group(group, DefKind::of_target(kind), &relation.text)?,
                }
            }
            K::Holds { role, interim } => {
                if !fits(self, "holds", &[Post]) {
                    return None;
                }
                Cond::Holds {
                    role: self.expect(role, DefKind::Role)?.name.clone(),
                    interim: interim.is_some(),
                }
            }
            K::Is(flag) => match (subject, flag) {
                (Council, ast::FlagRef::Named(f)) if f.text != VACANT => {
                    Cond::Is(Flag::Named(self.council_flag(f)?.name.clone()))
                }
                (Council, ast::FlagRef::Officer(_)) => return self.misfit_is(c, "is officer", subject),
                (Council, ast::FlagRef::Member(_)) => return self.misfit_is(c, "is member", subject),
                (Council, ast::FlagRef::Shared(_)) => return self.misfit_is(c, "is shared", subject),
                (Council, ast::FlagRef::Named(_)) => return self.misfit_is(c, VACANT, subject),
                (Record, _) => return self.misfit_is(c, "is", subject),
                (Post, flag) => Cond::Is(match flag {
                    ast::FlagRef::Officer(_) => Flag::Officer,
                    ast::FlagRef::Member(_) => Flag::Member,
                    ast::FlagRef::Shared(_) => Flag::Shared,
                    ast::FlagRef::Named(f) if f.text == VACANT => Flag::Vacant,
                    ast::FlagRef::Named(f) => Flag::Named(self.flag(f)?.name.clone()),
                }),
            },
            K::CouncilIs(f) => {
                if f.text == VACANT {
                    return self.misfit_is(c, VACANT, SubjectKind::Council);
                }
                Cond::CouncilIs(self.council_flag(f)?.name.clone())
            }
            K::Assurance { within, addresses } => {
                if !fits(self, "assurance", &[Post, Council]) {
                    return None;
                }
                let addresses = match addresses {
                    Some(t) => Some(self.target(t, DefKind::Element)?),
                    None => None,
                };
                Cond::Assurance {
                    within: *within,
                    addresses,
                }
            }
            K::DatedWithin(d) => {
                if !fits(self, "dated within", &[Record]) {
                    return None;
                }
                Cond::DatedWithin(*d)
            }
            K::Addresses(target) => {
                if !fits(self, "addresses", &[Record]) {
                    return None;
                }
                Cond::Addresses(self.target(target, DefKind::Element)?)
            }
            K::Covers(role) => {
                if !fits(self, "covers", &[Record]) {
                    return None;
                }
                Cond::Covers(self.expect(role, DefKind::Role)?.name.clone())
            }
        })
    }

    /// E0102 for an `is` test that does not apply to the subject: a post's built-in
    /// property on the council, any `is` on a record, `vacant` on a council.
    fn misfit_is(&mut self, c: &ast::Condition, word: &str, here: SubjectKind) -> Option<Cond> {
        let fits: &'static [SubjectKind] = match here {
            SubjectKind::Council => &[SubjectKind::Post],
            _ => &[SubjectKind::Post, SubjectKind::Council],
        };
        self.push(FindingKind::Misfit {
            span: c.span,
            word: word.into(),
            fits,
            here,
        });
        None
    }

    fn target(&mut self, t: &ast::Target, kind: DefKind) -> Option<Target> {
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

// ─── Councils ──────────────────────────────────────────────────────────────────────

pub fn lower_councils(env: &Env<'_>, file: &ast::File, lookup: &dyn GuidanceLookup) -> LoweredCouncils {
    let mut l = Lowerer::new(env);
    let mut councils = Vec::new();
    for (i, item) in file.items.iter().enumerate() {
        let Item::Council(c) = item else { continue };
        if !env.defs.is_first(env.file, i as u32) {
            continue;
        }
        l.council = Some(c.name.text.clone());
        councils.push(l.council_decl(c, lookup));
        l.council = None;
    }
    LoweredCouncils {
        councils,
        findings: l.findings,
    }
}

impl<'a> Lowerer<'a> {
    fn council_decl(&mut self, c: &ast::CouncilDecl, lookup: &dyn GuidanceLookup) -> Council {
        let follows = self.follows(c);
        let mut council = Council {
            name: c.name.text.clone(),
            title: c.title.as_ref().map(|t| t.value.clone()),
            file: self.env.file,
            name_span: c.name.span,
            follows,
            flags: Vec::new(),
            flags_uncertain: c.bad_lines.iter().any(|w| w == "is"),
            posts: Vec::new(),
            records: Vec::new(),
            departures: Vec::new(),
            posts_uncertain: c.bad_lines.iter().any(|w| w == "officer" || w == "member"),
            records_uncertain: c.bad_lines.iter().any(|w| w == "assurance"),
            insert_at: InsertPoint::before(self.env.text, c.close),
            post_index: Default::default(),
            holders: Default::default(),
            unresolved_holds: Vec::new(),
        };

        for line in &c.flags {
            for f in &line.names {
                if f.text == VACANT {
                    self.push(FindingKind::Misfit {
                        span: f.span,
                        word: VACANT.into(),
                        fits: &[SubjectKind::Post],
                        here: SubjectKind::Council,
                    });
                    continue;
                }
                match self.council_flag(f) {
                    Some(def) if !council.has_flag(&def.name) => council.flags.push(PostFlag {
                        flag: def.name.clone(),
                        stmt: line.span,
                    }),
                    Some(_) => {}
                    None => council.flags_uncertain = true,
                }
            }
        }

        // Posts and records share the council's names.
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut posts: Vec<&ast::PostDecl> = Vec::new();
        for p in &c.posts {
            if let Some(first) = seen.get(p.name.text.as_str()) {
                self.duplicate(Duplicated::Post(p.name.text.clone()), p.name.span, *first);
                continue;
            }
            seen.insert(&p.name.text, p.name.span);
            posts.push(p);
        }
        let mut records: Vec<&ast::AssuranceDecl> = Vec::new();
        for r in &c.records {
            if let Some(first) = seen.get(r.name.text.as_str()) {
                self.duplicate(Duplicated::Named(r.name.text.clone()), r.name.span, *first);
                continue;
            }
            seen.insert(&r.name.text, r.name.span);
            records.push(r);
        }

        // First the roles each post holds, so that a role can then stand for its post.
        for p in &posts {
            let post = self.post_roles(p);
            council.posts.push(post);
        }
        council.index_posts();
        for (i, p) in posts.iter().enumerate() {
            self.post_statements(p, i, &mut council);
        }
        // Statements can add to what a post may hold (a line that did not parse).
        council.index_posts();
        for r in &records {
            let record = self.record(r, &council);
            council.records.push(record);
        }
        for d in &c.departures {
            if let Some(departure) = self.departure(d, &council, lookup) {
                council.departures.push(departure);
            }
        }
        council
    }

    fn follows(&mut self, c: &ast::CouncilDecl) -> Vec<Followed> {
        let mut followed = self.followed(c);
        // `regard impact`: the new edition takes the old one's place.
        if let Some((old, new)) = &self.env.defs.instead {
            for f in &mut followed {
                if f.guidance == *old {
                    f.guidance = new.clone();
                }
            }
            let mut seen: Vec<Name> = Vec::new();
            followed.retain(|f| {
                let first = !seen.contains(&f.guidance);
                seen.push(f.guidance.clone());
                first
            });
        }
        followed
    }

    fn followed(&mut self, c: &ast::CouncilDecl) -> Vec<Followed> {
        if c.follows.is_empty() {
            return self
                .env
                .defs
                .current_guidance(self.env.as_of)
                .into_iter()
                .map(|guidance| Followed { guidance, span: None })
                .collect();
        }
        let mut followed: Vec<Followed> = Vec::new();
        for name in c.follows.iter().flat_map(|f| &f.names) {
            if let Some(def) = self.expect(name, DefKind::Guidance)
                && !followed.iter().any(|f| f.guidance == def.name)
            {
                followed.push(Followed {
                    guidance: def.name.clone(),
                    span: Some(name.span),
                });
            }
        }
        followed
    }

    fn post_roles(&mut self, p: &ast::PostDecl) -> Post {
        let mut post = Post {
            name: p.name.text.clone(),
            title: p.title.as_ref().map(|t| t.value.clone()),
            kind: p.kind,
            name_span: p.name.span,
            roles: Vec::new(),
            vacant: None,
            holder: None,
            flags: Vec::new(),
            shared_with: Vec::new(),
            relations: Vec::new(),
            unknown: Unknown::default(),
            insert_at: InsertPoint::before(self.env.text, p.close),
        };
        for word in &p.bad_lines {
            match word.as_str() {
                "holds" => post.unknown.holds.push(None),
                "is" => post.unknown.flags = true,
                "shared" => post.unknown.shared = true,
                "holder" => {}
                w if self.env.defs.get_kind(w, DefKind::Relation).is_some() => post.unknown.relations.push(w.into()),
                _ => post.unknown.anything = true,
            }
        }
        for stmt in &p.stmts {
            if let ast::PostStmtKind::Is(flags) = &stmt.kind
                && flags.iter().any(|f| f.text == VACANT)
            {
                post.vacant.get_or_insert(stmt.span);
            }
            if let ast::PostStmtKind::Holds(held) = &stmt.kind {
                for h in held {
                    let r = &h.role;
                    match self.expect(r, DefKind::Role) {
                        Some(def) => match post.roles.iter_mut().find(|known| known.role == def.name) {
                            // The same role on two lines: interim if either says so.
                            Some(known) => known.interim |= h.interim.is_some(),
                            None => post.roles.push(HeldRole {
                                role: def.name.clone(),
                                interim: h.interim.is_some(),
                                span: r.span,
                                stmt: stmt.span,
                            }),
                        },
                        None => post
                            .unknown
                            .holds
                            .push(self.env.defs.closest(&r.text, &[DefKind::Role]).map(Name::from)),
                    }
                }
            }
        }
        post
    }

    fn post_statements(&mut self, p: &ast::PostDecl, index: usize, council: &mut Council) {
        let mut holder_span: Option<Span> = None;
        for stmt in &p.stmts {
            match &stmt.kind {
                ast::PostStmtKind::Holds(_) => {}
                ast::PostStmtKind::Holder(name) => match holder_span {
                    Some(first) => self.duplicate(Duplicated::Holder(p.name.text.clone()), stmt.span, first),
                    None => {
                        holder_span = Some(stmt.span);
                        council.posts[index].holder = Some(name.value.clone());
                    }
                },
                ast::PostStmtKind::Is(flags) => {
                    for f in flags.iter().filter(|f| f.text != VACANT) {
                        match self.flag(f) {
                            Some(def) => council.posts[index].flags.push(PostFlag {
                                flag: def.name.clone(),
                                stmt: stmt.span,
                            }),
                            None => council.posts[index].unknown.flags = true,
                        }
                    }
                }
                ast::PostStmtKind::SharedWith(partners) => {
                    for partner in partners {
                        match self.expect(partner, DefKind::Council) {
                            Some(def) => council.posts[index].shared_with.push(Partner {
                                council: def.name.clone(),
                                span: partner.span,
                            }),
                            None => council.posts[index].unknown.shared = true,
                        }
                    }
                }
                ast::PostStmtKind::Relation { relation, targets } => {
                    let Some(rel) = self.relation(relation) else {
                        // Treat the line as the relation it was probably meant to be.
                        let unknown = &mut council.posts[index].unknown;
                        match closest(&relation.text, self.env.defs.names_of(DefKind::Relation)) {
                            Some(meant) => unknown.relations.push(meant.into()),
                            None => unknown.any_relation = true,
                        }
                        continue;
                    };
                    let kind = rel.target.unwrap_or(ast::TargetKind::Post);
                    let mut resolved = Vec::new();
                    let mut complete = true;
                    for t in targets {
                        let target = match kind {
                            ast::TargetKind::Post => self.post_target(t, council).map(TargetRef::Post),
                            other if council.post(&t.text).is_some() => {
                                self.post_for_item(t, council, DefKind::of_target(other));
                                None
                            }
                            other => self
                                .expect(t, DefKind::of_target(other))
                                .map(|d| TargetRef::Item(d.name.clone())),
                        };
                        match target {
                            Some(t) => resolved.push(t),
                            None => complete = false,
                        }
                    }
                    let post = &mut council.posts[index];
                    if !complete {
                        post.unknown.relations.push(rel.name.clone());
                        post.unknown
                            .relations
                            .extend(self.env.defs.implied(&rel.name).iter().cloned());
                    }
                    if !resolved.is_empty() {
                        post.relations.push(RelationStmt {
                            relation: rel.name.clone(),
                            kind,
                            targets: resolved,
                            span: stmt.span,
                            implied_by: None,
                        });
                    }
                }
            }
        }
        // The relations the declared lines imply, after every declared line, so that a
        // finding that can point at either points at the declared one.
        let post = &mut council.posts[index];
        let implied: Vec<RelationStmt> = post
            .relations
            .iter()
            .flat_map(|line| {
                self.env
                    .defs
                    .implied(&line.relation)
                    .iter()
                    .map(|relation| RelationStmt {
                        relation: relation.clone(),
                        kind: line.kind,
                        targets: line.targets.clone(),
                        span: line.span,
                        implied_by: Some(line.relation.clone()),
                    })
            })
            .collect();
        post.relations.extend(implied);
    }

    /// E0102 for a post named where a body or function is expected.
    fn post_for_item(&mut self, name: &Ident, council: &Council, expected: DefKind) {
        self.push(FindingKind::PostNotItem {
            name: name.clone(),
            council: council.name.clone(),
            declared: council.post(&name.text).map(|i| council.posts[i].name_span),
            expected,
            suggestion: self.env.defs.closest(&name.text, &[expected]).map(Name::from),
        });
    }

    /// A relation name at the start of a post statement; a misspelt statement keyword
    /// (`hold`, `holdr`) is suggested too.
    fn relation(&mut self, name: &Ident) -> Option<&'a Def> {
        let defs = self.env.defs;
        match defs.get(&name.text) {
            Some(def) if def.kind == DefKind::Relation => Some(def),
            Some(def) => {
                self.wrong_kind(name, def, DefKind::Relation);
                None
            }
            None => {
                let keywords = ["holds", "holder", "is"];
                let relations = defs.suggestions(&[DefKind::Relation]);
                let keyword_index = Suggestions::new(keywords);
                let suggestion = closest_in(&[&relations.0, &keyword_index], &name.text).map(|(_, s)| s);
                match suggestion.and_then(|s| keywords.into_iter().find(|k| *k == s)) {
                    Some(keyword) => self.unknown(name, "relation", None, UnknownHelp::StatementKeyword(keyword)),
                    None => self.unknown(name, "relation", suggestion, UnknownHelp::PostStatement),
                }
                None
            }
        }
    }

    /// A post of this council named by its id, or by a role exactly one of its posts
    /// holds.
    fn post_target(&mut self, name: &Ident, council: &Council) -> Option<usize> {
        if let Some(i) = council.post(&name.text) {
            return Some(i);
        }
        match self.env.defs.get(&name.text) {
            Some(def) if def.kind == DefKind::Role => {
                let finding = match council.holders_for_rules(&def.name).as_slice() {
                    [one] => return Some(*one),
                    [] => FindingKind::RoleHeldByNoPost {
                        name: name.clone(),
                        council: council.name.clone(),
                        vacant: council.vacant_holders(&def.name),
                    },
                    several => FindingKind::RoleHeldBySeveral {
                        name: name.clone(),
                        council: council.name.clone(),
                        holders: several
                            .iter()
                            .filter_map(|&i| {
                                let p = &council.posts[i];
                                p.holds_span(Some(&name.text)).map(|span| (p.name.clone(), span))
                            })
                            .collect(),
                    },
                };
                self.push(finding);
                None
            }
            Some(def) if def.kind != DefKind::Council => {
                self.push(FindingKind::NotAPost {
                    name: name.clone(),
                    declared: self.declared(def),
                    council: council.name.clone(),
                });
                None
            }
            _ => {
                let roles = self.env.defs.suggestions(&[DefKind::Role]);
                let posts = self.post_suggestions(council);
                let suggestion = closest_in(&[&posts, &roles.0], &name.text).map(|(_, s)| s.to_string());
                let help = UnknownHelp::Post {
                    council: council.name.clone(),
                };
                self.unknown(name, "post", suggestion.as_deref(), help);
                None
            }
        }
    }

    fn record(&mut self, r: &ast::AssuranceDecl, council: &Council) -> Record {
        let mut record = Record {
            name: r.name.text.clone(),
            title: r.title.as_ref().map(|t| t.value.clone()),
            by: None,
            name_span: r.name.span,
            covers: Vec::new(),
            covers_span: None,
            dated: None,
            addresses: Vec::new(),
            addresses_span: None,
            incomplete: !r.bad_lines.is_empty(),
            insert_at: InsertPoint::before(self.env.text, r.close),
        };
        let mut by_span: Option<Span> = None;
        for stmt in &r.stmts {
            match &stmt.kind {
                ast::AssuranceStmtKind::Covers(posts) => {
                    record.covers_span.get_or_insert(stmt.span);
                    for p in posts {
                        match self.post_target(p, council) {
                            Some(i) if !record.covers.contains(&i) => record.covers.push(i),
                            Some(_) => {}
                            None => record.incomplete = true,
                        }
                    }
                }
                ast::AssuranceStmtKind::Dated(date) => match record.dated {
                    Some((_, first)) => self.duplicate(Duplicated::Date(r.name.text.clone()), stmt.span, first),
                    None => record.dated = Some((date.date, stmt.span)),
                },
                ast::AssuranceStmtKind::By(by) => match by_span {
                    Some(first) => self.duplicate(Duplicated::By(r.name.text.clone()), stmt.span, first),
                    None => {
                        by_span = Some(stmt.span);
                        record.by = Some(by.value.clone());
                    }
                },
                ast::AssuranceStmtKind::Addresses(elements) => {
                    record.addresses_span.get_or_insert(stmt.span);
                    for e in elements {
                        match self.expect(e, DefKind::Element) {
                            Some(def) => {
                                if !record.addresses.contains(&def.name) {
                                    record.addresses.push(def.name.clone())
                                }
                            }
                            None => record.incomplete = true,
                        }
                    }
                }
            }
        }
        if record.dated.is_none() {
            record.incomplete = true;
            if !r.bad_lines.iter().any(|w| w == "dated") {
                self.push(FindingKind::Undated { record: r.name.clone() });
            }
        }
        record
    }

    fn departure(&mut self, d: &ast::DepartDecl, council: &Council, lookup: &dyn GuidanceLookup) -> Option<Departure> {
        let path = &d.rule.text;
        let (guidance, rule, rule_span) = match path.split_once('.') {
            Some((g, r)) => {
                let g_ident = Ident {
                    text: g.into(),
                    span: Span::new(d.rule.span.start as usize, d.rule.span.start as usize + g.len()),
                };
                let g_def = self.expect(&g_ident, DefKind::Guidance)?;
                // `regard impact`: a departure naming the old edition's rule is read
                // against the new edition, by the rule's name.
                let name = match &self.env.defs.instead {
                    Some((from, to)) if *from == g_def.name => to.clone(),
                    _ => g_def.name.clone(),
                };
                let guidance = lookup.guidance(&name)?;
                let r_span = Span::new(d.rule.span.end as usize - r.len(), d.rule.span.end as usize);
                if guidance.rule(r).is_none() {
                    let suggestion = closest(r, guidance.rules.iter().map(|r| r.name.as_str()));
                    let r_ident = Ident {
                        text: r.into(),
                        span: r_span,
                    };
                    let help = UnknownHelp::RuleOf {
                        guidance: guidance.name.clone(),
                    };
                    self.unknown(&r_ident, "rule", suggestion, help);
                    return None;
                }
                (guidance.name.clone(), Name::from(r), d.rule.span)
            }
            None => {
                let defining: Vec<&Guidance> = council
                    .follows
                    .iter()
                    .filter_map(|f| lookup.guidance(&f.guidance))
                    .filter(|g| g.rule(path).is_some())
                    .collect();
                match defining.as_slice() {
                    [g] => (g.name.clone(), path.clone(), d.rule.span),
                    [] => {
                        let all_rules = council
                            .follows
                            .iter()
                            .filter_map(|f| lookup.guidance(&f.guidance))
                            .flat_map(|g| g.rules.iter().map(|r| r.name.as_str()));
                        let suggestion = closest(path, all_rules);
                        let help = UnknownHelp::RuleFollowed {
                            council: council.name.clone(),
                            followed: council.follows.iter().map(|f| f.guidance.clone()).collect(),
                        };
                        self.unknown(&d.rule, "rule", suggestion, help);
                        return None;
                    }
                    several => {
                        self.push(FindingKind::AmbiguousRule {
                            span: d.rule.span,
                            rule: path.clone(),
                            council: council.name.clone(),
                            defining: several
                                .iter()
                                .filter_map(|g| g.rule(path).map(|r| (g.name.clone(), g.file, r.name_span)))
                                .collect(),
                        });
                        return None;
                    }
                }
            }
        };
        let for_post = match &d.for_post {
            Some(p) => Some(self.post_target(p, council)?),
            None => None,
        };
        Some(Departure {
            guidance,
            rule,
            rule_span,
            for_post,
            reason: d.reason.value.clone(),
            reason_span: d.reason.span,
            span: d.span,
        })
    }
}
