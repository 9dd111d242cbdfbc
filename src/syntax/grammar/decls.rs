//! Building the declarations from the grammar's pairs: guidance and their rules and
//! parts, councils, their posts, assurance records and departures.

use super::*;

impl Builder<'_> {
    pub(super) fn guidance(&mut self, pair: Pair<'_, Rule>) -> GuidanceDecl {
        let (head, brace, inner) = self.open_block(pair);
        let mut decl = GuidanceDecl::from(head);
        let mut problems = BodyProblems::default();
        for p in inner {
            match p.as_rule() {
                Rule::status_stmt => {
                    let s = span(&p);
                    let status = match p.as_str().split_whitespace().nth(1) {
                        Some("statutory") => Status::Statutory,
                        Some("law") => Status::Law,
                        _ => Status::Advisory,
                    };
                    decl.status.push((status, s));
                }
                Rule::issued_stmt => {
                    if let Some(d) = p.into_inner().find(|p| p.as_rule() == Rule::date)
                        && let Some(d) = self.date(d)
                    {
                        decl.issued.push(d);
                    }
                }
                Rule::by_stmt => {
                    if let Some(s) = self.inner_string(p) {
                        decl.by.push(s);
                    }
                }
                Rule::under_stmt => {
                    if let Some(s) = self.inner_string(p) {
                        decl.under.push(s);
                    }
                }
                Rule::replaces_stmt => decl.replaces.extend(names(p, Rule::guidance_name)),
                Rule::in_force_stmt => decl.in_force.push(self.in_force(p)),
                Rule::paragraphs_stmt => {
                    for item in p.into_inner().filter(|i| i.as_rule() == Rule::part_item) {
                        if let Some(item) = self.part_item(item) {
                            decl.paragraphs.push(item);
                        }
                    }
                }
                Rule::reading_stmt => {
                    if let Some(s) = self.inner_string(p) {
                        decl.readings.push(s);
                    }
                }
                Rule::aside_stmt => {
                    let whole = span(&p);
                    let mut strings = p.into_inner().filter(|i| i.as_rule() == Rule::string);
                    let cite = strings.next().and_then(|c| self.string(c));
                    let reason = strings.next().and_then(|r| self.string(r));
                    if let (Some(cite), Some(reason)) = (cite, reason) {
                        decl.asides.push(Aside {
                            cite,
                            reason,
                            span: whole,
                        });
                    }
                }
                Rule::rule_block => {
                    let rule = self.rule(p);
                    decl.rules.push(rule);
                }
                Rule::bad_line | Rule::bad_block => self.bad(p, Context::Guidance, &mut problems),
                Rule::block_end => {
                    self.block_end(p, brace);
                }
                _ => {}
            }
        }
        decl
    }

    pub(super) fn rule(&mut self, pair: Pair<'_, Rule>) -> RuleDecl {
        let (head, brace, inner) = self.open_block(pair);
        let mut decl = RuleDecl::from(head);
        let mut problems = BodyProblems::default();
        for p in inner {
            match p.as_rule() {
                Rule::cite_stmt => {
                    if let Some(s) = self.inner_string(p) {
                        decl.cites.push(s);
                    }
                }
                Rule::quote_stmt => {
                    if let Some(s) = self.inner_string(p) {
                        decl.quotes.push(s);
                    }
                }
                Rule::reading_stmt => {
                    if let Some(s) = self.inner_string(p) {
                        decl.readings.push(s);
                    }
                }
                Rule::in_force_stmt => decl.in_force.push(self.in_force(p)),
                Rule::clause => decl.clauses.push(self.clause(p)),
                Rule::bad_line | Rule::bad_block => self.bad(p, Context::Rule, &mut problems),
                Rule::block_end => {
                    self.block_end(p, brace);
                }
                _ => {}
            }
        }
        decl
    }

    // ─── Clauses ───────────────────────────────────────────────────────────────

    /// A paragraph number, at most [`MAX_PARAGRAPH`].
    pub(super) fn paragraph(&mut self, pair: Pair<'_, Rule>) -> Option<u32> {
        match pair.as_str().parse::<u32>() {
            Ok(n) if n <= MAX_PARAGRAPH => Some(n),
            _ => {
                self.error(
                    span(&pair),
                    format!("`{}` is too large for a paragraph number", pair.as_str()),
                    Some("a paragraph number is at most 100000"),
                );
                None
            }
        }
    }

    /// An item of a `paragraphs` line: `18`, `1 to 28` or `"key points"`.
    pub(super) fn part_item(&mut self, pair: Pair<'_, Rule>) -> Option<PartItem> {
        let whole = span(&pair);
        let inner = pair.into_inner().next()?;
        let kind = match inner.as_rule() {
            Rule::integer => PartItemKind::Number(self.paragraph(inner)?),
            Rule::string => PartItemKind::Section(self.string(inner)?.value),
            _ => {
                let mut numbers = inner.into_inner().filter(|n| n.as_rule() == Rule::integer);
                let from = self.paragraph(numbers.next()?)?;
                let until = self.paragraph(numbers.next()?)?;
                if until < from {
                    self.error(
                        whole,
                        format!("the range `{from} to {until}` runs backwards"),
                        Some("write the lower paragraph number first"),
                    );
                    return None;
                }
                PartItemKind::Range(from, until)
            }
        };
        Some(PartItem { kind, span: whole })
    }

    pub(super) fn council(&mut self, pair: Pair<'_, Rule>) -> CouncilDecl {
        let (head, brace, inner) = self.open_block(pair);
        let mut decl = CouncilDecl::from(head);
        let mut problems = BodyProblems::default();
        for p in inner {
            match p.as_rule() {
                Rule::follows_stmt => {
                    let s = span(&p);
                    decl.follows.push(Follows {
                        names: names(p, Rule::guidance_name),
                        span: s,
                    });
                }
                Rule::council_is_stmt => {
                    let s = span(&p);
                    decl.flags.push(CouncilFlags {
                        names: names(p, Rule::flag_name),
                        span: s,
                    });
                }
                Rule::as_of_stmt => {
                    if let Some(d) = p.into_inner().find(|p| p.as_rule() == Rule::date)
                        && let Some(d) = self.date(d)
                    {
                        decl.as_of.push(d);
                    }
                }
                Rule::depart_stmt => {
                    if let Some(d) = self.departure(p) {
                        decl.departures.push(d);
                    }
                }
                Rule::post_block => decl.posts.push(self.post(p)),
                Rule::assurance_block => decl.records.push(self.record(p)),
                Rule::bad_line | Rule::bad_block => self.bad(p, Context::Council, &mut problems),
                Rule::block_end => decl.close = self.block_end(p, brace),
                _ => {}
            }
        }
        decl.bad_lines = problems.bad_words;
        decl
    }

    pub(super) fn departure(&mut self, pair: Pair<'_, Rule>) -> Option<DepartDecl> {
        let whole = span(&pair);
        let mut rule = None;
        let mut for_post = None;
        let mut reason = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::rule_path => rule = Some(ident(&p)),
                Rule::depart_for => {
                    for_post = p
                        .into_inner()
                        .find(|p| p.as_rule() == Rule::post_name)
                        .map(|p| ident(&p))
                }
                Rule::string => reason = Some(self.string(p)?),
                _ => {}
            }
        }
        Some(DepartDecl {
            rule: rule?,
            for_post,
            reason: reason?,
            span: whole,
        })
    }

    pub(super) fn post(&mut self, pair: Pair<'_, Rule>) -> PostDecl {
        let whole = span(&pair);
        let mut inner = pair.into_inner();
        let head = inner.next().expect("post starts with its head");
        let head_span = span(&head);
        let mut kind = (PostKind::Officer, head_span);
        let mut name = None;
        let mut title = None;
        for p in head.into_inner() {
            match p.as_rule() {
                Rule::post_kind => {
                    let k = if p.as_str() == "member" {
                        PostKind::Member
                    } else {
                        PostKind::Officer
                    };
                    kind = (k, span(&p));
                }
                Rule::item_name => name = Some(ident(&p)),
                Rule::string => title = self.string(p),
                _ => {}
            }
        }
        let mut decl = PostDecl::new(
            kind.0,
            kind.1,
            DeclHead {
                name: name.unwrap_or_else(|| missing_ident(head_span)),
                title,
                doc: self.doc(head_span.start as usize),
                head_span,
                span: whole,
            },
        );
        let mut brace = None;
        let mut problems = BodyProblems::default();
        for p in inner {
            let s = span(&p);
            let kind = match p.as_rule() {
                Rule::open_brace => {
                    brace = Some(s);
                    continue;
                }
                Rule::holds_stmt => PostStmtKind::Holds(
                    p.into_inner()
                        .filter(|h| h.as_rule() == Rule::held_role)
                        .map(|h| {
                            let mut parts = h.into_inner();
                            let role = parts.next().map(|r| ident(&r));
                            let interim = parts.next().map(|i| span(&i));
                            role.map(|role| HeldName { role, interim })
                        })
                        .collect::<Option<Vec<_>>>()
                        .unwrap_or_default(),
                ),
                Rule::holder_stmt => match self.inner_string(p) {
                    Some(s) => PostStmtKind::Holder(s),
                    None => continue,
                },
                Rule::is_stmt => PostStmtKind::Is(names(p, Rule::flag_name)),
                Rule::shared_stmt => PostStmtKind::SharedWith(names(p, Rule::council_name)),
                Rule::relation_stmt => {
                    let mut parts = p.into_inner();
                    let relation = match parts.next() {
                        Some(r) => ident(&r),
                        None => continue,
                    };
                    PostStmtKind::Relation {
                        relation,
                        targets: names_of(parts, Rule::target_name),
                    }
                }
                Rule::bad_line | Rule::bad_block => {
                    self.bad(p, Context::Post, &mut problems);
                    continue;
                }
                Rule::block_end => {
                    decl.close = self.block_end(p, brace);
                    continue;
                }
                _ => continue,
            };
            decl.stmts.push(PostStmt { kind, span: s });
        }
        decl.bad_lines = problems.bad_words;
        decl
    }

    pub(super) fn record(&mut self, pair: Pair<'_, Rule>) -> AssuranceDecl {
        let (head, brace, inner) = self.open_block(pair);
        let mut decl = AssuranceDecl::from(head);
        let mut problems = BodyProblems::default();
        for p in inner {
            let s = span(&p);
            let kind = match p.as_rule() {
                Rule::covers_stmt => AssuranceStmtKind::Covers(names(p, Rule::post_name)),
                Rule::dated_stmt => {
                    match p
                        .into_inner()
                        .find(|p| p.as_rule() == Rule::date)
                        .and_then(|d| self.date(d))
                    {
                        Some(d) => AssuranceStmtKind::Dated(d),
                        None => {
                            problems.bad_words.push("dated".into());
                            continue;
                        }
                    }
                }
                Rule::by_stmt => match self.inner_string(p) {
                    Some(s) => AssuranceStmtKind::By(s),
                    None => continue,
                },
                Rule::addresses_stmt => AssuranceStmtKind::Addresses(names(p, Rule::element_name)),
                Rule::bad_line | Rule::bad_block => {
                    self.bad(p, Context::Assurance, &mut problems);
                    continue;
                }
                Rule::block_end => {
                    decl.close = self.block_end(p, brace);
                    continue;
                }
                _ => continue,
            };
            decl.stmts.push(AssuranceStmt { kind, span: s });
        }
        decl.bad_lines = problems.bad_words;
        decl
    }

    // ─── Literals ──────────────────────────────────────────────────────────────
}
