//! Lowering councils: their posts, roles, relations, assurance records and departures,
//! resolving every name against the workspace and the council's own posts.

use super::*;

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
    pub(super) fn council_decl(&mut self, c: &ast::CouncilDecl, lookup: &dyn GuidanceLookup) -> Council {
        let (as_of, own_as_of) = self.check_date(c);
        let follows = self.follows(c, as_of);
        let mut council = Council {
            name: c.name.text.clone(),
            title: c.title.as_ref().map(|t| t.value.clone()),
            file: self.env.file,
            name_span: c.name.span,
            as_of,
            own_as_of,
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

    /// The date the council is checked as of, and its own `as_of` line (language-v3 3.6):
    /// its `as_of`, unless `--as-of` overrides it or it is after today (W0211), else the
    /// workspace's date. A second `as_of` line is E0103; the first is used.
    fn check_date(&mut self, c: &ast::CouncilDecl) -> (Date, Option<(Date, Span)>) {
        let [first, rest @ ..] = c.as_of.as_slice() else {
            return (self.env.as_of, None);
        };
        for later in rest {
            let what = Duplicated::CouncilLine {
                line: "as_of",
                council: c.name.text.clone(),
            };
            self.duplicate(what, later.span, first.span);
        }
        let dates = self.env.dates;
        if first.date > dates.today {
            self.push(FindingKind::AsOfAfterToday {
                span: first.span,
                as_of: first.date,
                today: dates.today,
                used: self.env.as_of,
            });
        }
        let as_of = dates.check_date(Some(first.date), self.env.as_of);
        (as_of, Some((first.date, first.span)))
    }

    pub(super) fn follows(&mut self, c: &ast::CouncilDecl, as_of: Date) -> Vec<Followed> {
        let mut followed = self.followed(c, as_of);
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

    /// The guidance the council follows: its `follows` line, else the workspace's current
    /// guidance (none for a council that `is lower_tier`), and in either case every fact
    /// of law in force (language-v3 3.1). A law guidance named in `follows` is ignored:
    /// a line naming only law guidance is as if absent.
    pub(super) fn followed(&mut self, c: &ast::CouncilDecl, as_of: Date) -> Vec<Followed> {
        let defs = self.env.defs;
        let named = c.follows.iter().flat_map(|f| &f.names);
        let mut followed: Vec<Followed> = Vec::new();
        if named.clone().all(|n| defs.is_law(&n.text)) {
            if !is_lower_tier(c, defs) {
                let current = defs.current_guidance(as_of).into_iter();
                followed.extend(current.map(|guidance| Followed { guidance, span: None }));
            }
        } else {
            for name in named {
                if let Some(def) = self.expect(name, DefKind::Guidance)
                    && !def.law
                    && !followed.iter().any(|f| f.guidance == def.name)
                {
                    followed.push(Followed {
                        guidance: def.name.clone(),
                        span: Some(name.span),
                    });
                }
            }
        }
        let law = defs.current_law(as_of).into_iter();
        followed.extend(law.map(|guidance| Followed { guidance, span: None }));
        followed
    }

    pub(super) fn post_roles(&mut self, p: &ast::PostDecl) -> Post {
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

    pub(super) fn post_statements(&mut self, p: &ast::PostDecl, index: usize, council: &mut Council) {
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
                        // A partner that is not among the files checked: I0210, and the
                        // post is still shared (language-v3 3.5).
                        if self.env.defs.get(&partner.text).is_none() {
                            let suggestion = self
                                .env
                                .defs
                                .closest(&partner.text, &[DefKind::Council])
                                .map(Name::from);
                            self.push(FindingKind::AbsentPartner {
                                partner: partner.clone(),
                                post: council.posts[index].name.clone(),
                                suggestion,
                            });
                            council.posts[index].shared_with.push(Partner {
                                council: partner.text.clone(),
                                span: partner.span,
                            });
                            continue;
                        }
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
    pub(super) fn post_for_item(&mut self, name: &Ident, council: &Council, expected: DefKind) {
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
    pub(super) fn relation(&mut self, name: &Ident) -> Option<&'a Def> {
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
    pub(super) fn post_target(&mut self, name: &Ident, council: &Council) -> Option<usize> {
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

    pub(super) fn record(&mut self, r: &ast::AssuranceDecl, council: &Council) -> Record {
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

    pub(super) fn departure(
        &mut self,
        d: &ast::DepartDecl,
        council: &Council,
        lookup: &dyn GuidanceLookup,
    ) -> Option<Departure> {
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
                // Among the followed guidance first; only when none has the rule, among
                // the facts of law (language-v3 3.9).
                let defining_of = |law: bool| -> Vec<&Guidance> {
                    council
                        .follows
                        .iter()
                        .filter_map(|f| lookup.guidance(&f.guidance))
                        .filter(|g| (g.status == ast::Status::Law) == law && g.rule(path).is_some())
                        .collect()
                };
                let mut defining = defining_of(false);
                if defining.is_empty() {
                    defining = defining_of(true);
                }
                // A rule of a guidance the council does not follow on its check date:
                // resolved there, for the checker to say so (W0207).
                if defining.is_empty() {
                    // The guidance in force on the council's date first.
                    let having: Vec<&Guidance> = self
                        .env
                        .defs
                        .guidance()
                        .filter_map(|d| lookup.guidance(&d.name))
                        .filter(|g| g.rule(path).is_some())
                        .collect();
                    let current = having.iter().find(|g| g.in_force.contains(council.as_of));
                    defining.extend(current.or(having.first()).copied());
                }
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
                            // The facts of law are followed by every council, and
                            // cannot be departed from: not offered here.
                            followed: council
                                .follows
                                .iter()
                                .filter(|f| !self.env.defs.is_law(&f.guidance))
                                .map(|f| f.guidance.clone())
                                .collect(),
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

/// The council flag that stops a district following the guidance by default.
pub const LOWER_TIER: &str = "lower_tier";

/// Whether the council says `is lower_tier`, a flag declared for councils: a district,
/// which follows no statutory or advisory guidance by default (language-v3 4).
fn is_lower_tier(c: &ast::CouncilDecl, defs: &DefMap) -> bool {
    defs.get_kind(LOWER_TIER, DefKind::CouncilFlag).is_some()
        && c.flags.iter().flat_map(|f| &f.names).any(|n| n.text == LOWER_TIER)
}
