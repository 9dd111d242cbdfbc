//! The grammar's parser: pest runs `grammar/regard.pest`, the definition of the language,
//! and this builds the typed tree from its parse tree, turning the lines the grammar
//! could not parse into syntax errors that say what was expected. Files the reader
//! (`reader.rs`, the production path) gives up on are parsed here, and tests compare the
//! two on everything.

use jiff::civil::Date;
use pest::Parser;
use pest::iterators::{Pair, Pairs};

use super::ast::*;
use super::errors::{Context, describe_expected, describe_found};
use super::layout::{self, TooDeep};
use super::{MAX_FILE_SIZE, Name, Parse, Span, SyntaxError, SyntaxErrorKind, doc_comment_before};

/// The language's keywords: words that cannot name a definition. This is the one list
/// (the names checker, the reader, error messages, `regard init` and completion ask
/// here), kept beside the grammar, whose `keyword` rule spells the same words its own
/// way; `tests/parser.rs` checks that the two are the same.
#[rustfmt::skip]
pub const KEYWORDS: &[&str] = &[
    "role", "body", "function", "element", "flag", "relation", "guidance", "rule", "status", "issued", "by",
    "under", "replaces", "cite", "quote", "must", "should", "may", "not", "exists", "one", "combine", "requires",
    "unless", "and", "or", "holds", "is", "assurance", "dated", "within", "addresses", "covers", "council",
    "follows", "officer", "member", "holder", "shared", "with", "depart", "for", "because", "post", "statutory",
    "advisory",
];

/// Whether `word` is one of the language's keywords.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/regard.pest"]
pub(crate) struct RegardParser;

/// Stack the parser may need for the deepest input the layout pass lets through: twice
/// what 256 levels of parentheses were measured to take (about 1 MiB in a release
/// build, 2 MiB in a debug build). With less than that left, parsing moves to a new
/// stack of [`STACK_SIZE`].
pub const STACK_RED_ZONE: usize = if cfg!(debug_assertions) { 4 << 20 } else { 2 << 20 };
const STACK_SIZE: usize = 32 << 20;

pub(super) fn parse_file(text: &str, fast_path: bool) -> Parse {
    // INVARIANT: nesting is bounded (layout::MAX_NESTING), so the grammar's and the
    // builder's recursion (and the fast path's) fit in the red zone; checking once here
    // replaces pest's per-call stack probe.
    stacker::maybe_grow(STACK_RED_ZONE, STACK_SIZE, || parse_file_on_stack(text, fast_path))
}

fn parse_file_on_stack(text: &str, fast_path: bool) -> Parse {
    if text.len() > MAX_FILE_SIZE {
        return Parse {
            file: File::default(),
            errors: vec![SyntaxError::too_large(text.len() as u64)],
        };
    }
    let layout = match layout::prepare(text) {
        Ok(layout) => layout,
        Err(TooDeep { offset }) => {
            return Parse {
                file: File::default(),
                errors: vec![SyntaxError {
                    kind: SyntaxErrorKind::OverLimit,
                    span: Span::new(offset as usize, offset as usize + 1),
                    message: format!("brackets nest more than {} levels deep", layout::MAX_NESTING),
                    help: Some("split the condition into simpler clauses".into()),
                    note: None,
                }],
            };
        }
    };
    if fast_path
        && layout.unclosed_parens.is_empty()
        && let Some(parse) = super::reader::parse(text, &layout.text)
    {
        return parse;
    }
    let mut builder = Builder {
        text,
        parsed: &layout.text,
        errors: Vec::new(),
        unclosed_parens: &layout.unclosed_parens,
    };
    let file = match RegardParser::parse(Rule::file, &layout.text) {
        Ok(mut pairs) => match pairs.next() {
            Some(file) => builder.file(file),
            None => File::default(),
        },
        Err(error) => {
            // The grammar accepts every input (bad lines are part of it), so this is
            // only reached when pest gives up, for example on its own stack limit.
            let (start, _) = error_position(&error);
            builder.errors.push(SyntaxError {
                kind: SyntaxErrorKind::OverLimit,
                span: Span::new(start, start),
                message: "this file is too complex to parse".into(),
                help: Some("split it into smaller files or simpler statements".into()),
                note: None,
            });
            File::default()
        }
    };
    let mut errors = builder.errors;
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    Parse { file, errors }
}

fn error_position(error: &pest::error::Error<Rule>) -> (usize, usize) {
    match error.location {
        pest::error::InputLocation::Pos(p) => (p, p),
        pest::error::InputLocation::Span((s, e)) => (s, e),
    }
}

/// A pair's span, ending at its last token. (pest keeps the implicit whitespace and
/// comment it skipped before an optional part that then matched nothing, so a pair's
/// own span can run over a trailing comment.)
///
/// The last token is found by going down the last child at each level: constant work a
/// level, where walking the whole subtree would make a council's span cost as much as
/// the council.
fn span(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    let mut end = s.end();
    let mut current = pair.clone().into_inner().next_back();
    while let Some(last) = current {
        end = last.as_span().end();
        current = last.into_inner().next_back();
    }
    Span::new(s.start(), end)
}

fn ident(pair: &Pair<'_, Rule>) -> Ident {
    Ident {
        text: pair.as_str().into(),
        span: span(pair),
    }
}

struct Builder<'a> {
    /// The user's text.
    text: &'a str,
    /// The text the grammar parsed (same offsets; see layout.rs).
    parsed: &'a str,
    errors: Vec<SyntaxError>,
    unclosed_parens: &'a [u32],
}

/// What the lines of a block body produced that the block itself has to hear about.
#[derive(Default)]
struct BodyProblems {
    /// The first word of each line that did not parse.
    bad_words: Vec<String>,
}

impl<'a> Builder<'a> {
    fn error(&mut self, span: Span, message: impl Into<String>, help: Option<&str>) {
        self.errors.push(SyntaxError {
            kind: SyntaxErrorKind::Invalid,
            span,
            message: message.into(),
            help: help.map(str::to_string),
            note: None,
        });
    }

    fn file(&mut self, pair: Pair<'_, Rule>) -> File {
        let mut items = Vec::new();
        let mut problems = BodyProblems::default();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::guidance => items.push(Item::Guidance(self.guidance(p))),
                Rule::council => items.push(Item::Council(self.council(p))),
                Rule::simple_item | Rule::relation_item | Rule::council_flag_item | Rule::group_item => {
                    items.push(Item::Vocab(self.vocab_item(p)))
                }
                Rule::stray_close => {
                    let start = p.as_span().start();
                    self.error(
                        Span::new(start, start + 1),
                        "unexpected `}`: no block is open here",
                        Some("remove this `}`, or the `{` it was meant to close is missing"),
                    );
                }
                Rule::bad_line | Rule::bad_block => self.bad(p, Context::Top, &mut problems),
                _ => {}
            }
        }
        File { items }
    }

    fn doc(&self, start: usize) -> Option<String> {
        doc_comment_before(self.text, start)
    }

    // ─── Vocabulary ────────────────────────────────────────────────────────────

    fn vocab_item(&mut self, pair: Pair<'_, Rule>) -> VocabItem {
        let whole = span(&pair);
        let is_relation = pair.as_rule() == Rule::relation_item;
        let is_council_flag = pair.as_rule() == Rule::council_flag_item;
        let is_group = pair.as_rule() == Rule::group_item;
        let mut kind = VocabKind::Relation;
        let mut name = None;
        let mut title = None;
        let mut target = None;
        let mut implies = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::implies_part => implies = names(p, Rule::relation_name),
                Rule::target_name => implies.push(ident(&p)),
                Rule::vocab_kind => {
                    let word = p.as_str();
                    kind = match word {
                        "role" => VocabKind::Role,
                        "body" => VocabKind::Body,
                        "function" => VocabKind::Function,
                        "element" => VocabKind::Element,
                        _ => VocabKind::Flag,
                    };
                }
                Rule::item_name => name = Some(ident(&p)),
                Rule::string => title = self.string(p),
                Rule::target_kind => {
                    target = Some(match p.as_str() {
                        "post" => TargetKind::Post,
                        "body" => TargetKind::Body,
                        _ => TargetKind::Function,
                    })
                }
                _ => {}
            }
        }
        if is_relation {
            kind = VocabKind::Relation;
        }
        if is_council_flag {
            kind = VocabKind::CouncilFlag;
        }
        if is_group {
            kind = VocabKind::Group;
        }
        VocabItem {
            kind,
            name: name.unwrap_or_else(|| missing_ident(whole)),
            title,
            target,
            implies,
            doc: self.doc(whole.start as usize),
            span: whole,
        }
    }

    // ─── Blocks ────────────────────────────────────────────────────────────────

    /// Reads a block header (`KEYWORD NAME "title"? {`): the name, title and `{` span.
    /// `in_force [DATE] [until DATE]`.
    fn in_force(&mut self, pair: Pair<'_, Rule>) -> InForce {
        let whole = span(&pair);
        let (mut from, mut until) = (None, None);
        // From the keyword to the last date: what trails it (a comment) is not part of it.
        let mut end = whole;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::kw_in_force => end = span(&p),
                Rule::date => {
                    end = span(&p);
                    from = self.date(p);
                }
                Rule::until_date => {
                    end = span(&p);
                    until = p.into_inner().next().and_then(|d| self.date(d));
                }
                _ => {}
            }
        }
        InForce {
            from,
            until,
            span: Span::new(whole.start as usize, end.end as usize),
        }
    }

    /// A block's header (name, title, doc comment and spans), the span of its opening
    /// brace, and the pairs of its body.
    fn open_block<'i>(&mut self, pair: Pair<'i, Rule>) -> (DeclHead, Option<Span>, Pairs<'i, Rule>) {
        let whole = span(&pair);
        let mut inner = pair.into_inner();
        let head_pair = inner.next().expect("a block starts with its head");
        let head_span = span(&head_pair);
        let (name, title, brace) = self.head(head_pair);
        let head = DeclHead {
            name,
            title,
            doc: self.doc(head_span.start as usize),
            head_span,
            span: whole,
        };
        (head, brace, inner)
    }

    fn head(&mut self, pair: Pair<'_, Rule>) -> (Ident, Option<StrLit>, Option<Span>) {
        let whole = span(&pair);
        let mut name = None;
        let mut title = None;
        let mut brace = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::item_name | Rule::rule_name => name = Some(ident(&p)),
                Rule::string => title = self.string(p),
                Rule::open_brace => brace = Some(span(&p)),
                _ => {}
            }
        }
        (name.unwrap_or_else(|| missing_ident(whole)), title, brace)
    }

    /// Reads how a block ends; returns its `}` when it has one.
    fn block_end(&mut self, pair: Pair<'_, Rule>, open: Option<Span>) -> Option<Span> {
        let mut close = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::close_brace => close = Some(span(&p)),
                Rule::unclosed => {
                    let at = open.unwrap_or_else(|| span(&p));
                    self.error(
                        at,
                        "this block is never closed",
                        Some("add `}` on a line of its own where the block ends"),
                    );
                }
                Rule::close_junk => {
                    self.error(
                        span(&p),
                        "expected end of line after `}`",
                        Some("a block closes with `}` on a line of its own"),
                    );
                }
                _ => {}
            }
        }
        close
    }

    fn guidance(&mut self, pair: Pair<'_, Rule>) -> GuidanceDecl {
        let (head, brace, inner) = self.open_block(pair);
        let mut decl = GuidanceDecl::from(head);
        let mut problems = BodyProblems::default();
        for p in inner {
            match p.as_rule() {
                Rule::status_stmt => {
                    let s = span(&p);
                    let statutory = p.as_str().split_whitespace().nth(1) == Some("statutory");
                    let status = if statutory { Status::Statutory } else { Status::Advisory };
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

    fn rule(&mut self, pair: Pair<'_, Rule>) -> RuleDecl {
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

    fn clause(&mut self, pair: Pair<'_, Rule>) -> Clause {
        let whole = span(&pair);
        let mut modality = None;
        let mut negated = None;
        let mut quantifier = (Quantifier::Each, Span::new(whole.start as usize, whole.start as usize));
        let mut selector = None;
        let mut condition = None;
        let mut when = None;
        let mut unless = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::modality => {
                    let m = match p.as_str() {
                        "must" => Modality::Must,
                        "should" => Modality::Should,
                        _ => Modality::May,
                    };
                    modality = Some((m, span(&p)));
                }
                Rule::negation => negated = Some(span(&p)),
                Rule::subject => {
                    for s in p.into_inner() {
                        match s.as_rule() {
                            Rule::council_sel => {
                                selector = Some(Selector {
                                    kind: SelectorKind::Council,
                                    span: span(&s),
                                })
                            }
                            Rule::quantifier => {
                                let q = if s.as_str() == "one" {
                                    Quantifier::One
                                } else {
                                    Quantifier::Exists
                                };
                                quantifier = (q, span(&s));
                            }
                            Rule::selector => selector = Some(self.selector(s)),
                            _ => {}
                        }
                    }
                }
                Rule::condition => condition = Some(self.condition(p)),
                Rule::when_part | Rule::unless_part => {
                    let rule = p.as_rule();
                    let mut parts = p.into_inner();
                    let keyword = parts.next().map(|k| span(&k)).unwrap_or(whole);
                    if let Some(c) = parts.next() {
                        let part = Some((keyword, self.condition(c)));
                        match rule {
                            Rule::when_part => when = part,
                            _ => unless = part,
                        }
                    }
                }
                _ => {}
            }
        }
        Clause {
            modality,
            negated,
            quantifier,
            selector: selector.unwrap_or(Selector {
                kind: SelectorKind::Assurance,
                span: whole,
            }),
            condition,
            when,
            unless,
            span: whole,
        }
    }

    fn selector(&mut self, pair: Pair<'_, Rule>) -> Selector {
        let whole = span(&pair);
        let inner = pair.into_inner().next();
        let kind = match inner {
            Some(p) if p.as_rule() == Rule::combine_sel => {
                let items = p
                    .into_inner()
                    .filter_map(|i| match i.as_rule() {
                        Rule::role_name => Some(CombineItem::Role(ident(&i))),
                        Rule::wildcard => Some(CombineItem::Wildcard(span(&i))),
                        Rule::except_item => {
                            let mut parts = i.into_inner();
                            let wildcard = parts.next().map(|w| span(&w))?;
                            let group = parts.find(|p| p.as_rule() == Rule::group_name)?;
                            Some(CombineItem::Except {
                                wildcard,
                                group: ident(&group),
                            })
                        }
                        _ => None,
                    })
                    .collect();
                SelectorKind::Combine(items)
            }
            Some(p) if p.as_rule() == Rule::role_name => SelectorKind::Role(ident(&p)),
            _ => SelectorKind::Assurance,
        };
        Selector { kind, span: whole }
    }

    /// `condition = requires? or_cond`
    fn condition(&mut self, pair: Pair<'_, Rule>) -> Condition {
        let whole = span(&pair);
        match pair.into_inner().find(|p| p.as_rule() == Rule::or_cond) {
            Some(or) => self.or_cond(or),
            None => Condition {
                kind: ConditionKind::And(Vec::new()),
                span: whole,
            },
        }
    }

    /// `or_cond = and_cond ("or" and_cond)*`
    fn or_cond(&mut self, pair: Pair<'_, Rule>) -> Condition {
        self.chain(pair, ConditionKind::Or)
    }

    /// `and_cond = unary ("and" unary)*`
    fn and_cond(&mut self, pair: Pair<'_, Rule>) -> Condition {
        self.chain(pair, ConditionKind::And)
    }

    /// A list of conditions joined by `or` or `and`; one alone stands for itself.
    fn chain(&mut self, pair: Pair<'_, Rule>, join: fn(Vec<Condition>) -> ConditionKind) -> Condition {
        let whole = span(&pair);
        let mut parts: Vec<Condition> = pair
            .into_inner()
            .filter_map(|p| match p.as_rule() {
                Rule::and_cond => Some(self.and_cond(p)),
                Rule::unary => Some(self.unary(p)),
                _ => None,
            })
            .collect();
        match parts.len() {
            1 => parts.pop().expect("one part"),
            _ => Condition {
                kind: join(parts),
                span: whole,
            },
        }
    }

    fn unary(&mut self, pair: Pair<'_, Rule>) -> Condition {
        let mut negations = Vec::new();
        let mut atom = None;
        for p in pair.into_inner() {
            if p.as_rule() == Rule::negation {
                negations.push(span(&p));
            } else {
                atom = Some(self.atom(p));
            }
        }
        let mut cond = atom.unwrap_or(Condition {
            kind: ConditionKind::And(Vec::new()),
            span: Span::default(),
        });
        // `not not X` means `X`: a chain of `not`s keeps only its parity, so that no later
        // phase recurses (or drops) once per `not` of an arbitrarily long chain.
        if negations.len() % 2 == 1 {
            let span = negations[0].to(cond.span);
            cond = Condition {
                kind: ConditionKind::Not(Box::new(cond)),
                span,
            };
        }
        cond
    }

    fn atom(&mut self, pair: Pair<'_, Rule>) -> Condition {
        let whole = span(&pair);
        let rule = pair.as_rule();
        let mut inner = pair.into_inner();
        let kind = match rule {
            Rule::paren_cond => {
                let or = inner.find(|p| p.as_rule() == Rule::or_cond);
                match or {
                    Some(or) => {
                        let cond = self.or_cond(or);
                        return Condition {
                            kind: cond.kind,
                            span: whole,
                        };
                    }
                    None => ConditionKind::And(Vec::new()),
                }
            }
            Rule::holds_atom => {
                let role = inner.next().filter(|p| p.as_rule() == Rule::kw_holds).and(inner.next());
                match role {
                    Some(r) if r.as_rule() == Rule::role_name => ConditionKind::Holds {
                        role: ident(&r),
                        interim: inner.next().map(|i| span(&i)),
                    },
                    Some(k) if k.as_rule() == Rule::kw_other_than => match inner.next() {
                        Some(g) => ConditionKind::HoldsOtherThan(ident(&g)),
                        None => ConditionKind::And(Vec::new()),
                    },
                    _ => ConditionKind::And(Vec::new()),
                }
            }
            Rule::council_is_atom => match inner.find(|p| p.as_rule() == Rule::flag_name) {
                Some(f) => ConditionKind::CouncilIs(ident(&f)),
                None => ConditionKind::And(Vec::new()),
            },
            Rule::is_atom => {
                let flag = inner
                    .find(|p| p.as_rule() == Rule::flag_ref)
                    .and_then(|f| f.into_inner().next());
                match flag {
                    Some(f) => ConditionKind::Is(match f.as_rule() {
                        Rule::kw_officer => FlagRef::Officer(span(&f)),
                        Rule::kw_member => FlagRef::Member(span(&f)),
                        Rule::kw_shared => FlagRef::Shared(span(&f)),
                        _ => FlagRef::Named(ident(&f)),
                    }),
                    None => ConditionKind::And(Vec::new()),
                }
            }
            Rule::assurance_atom => {
                let (mut within, mut addresses) = (None, None);
                for p in inner {
                    match p.as_rule() {
                        Rule::duration => within = self.duration(p),
                        Rule::target => addresses = Some(self.target(p)),
                        _ => {}
                    }
                }
                ConditionKind::Assurance { within, addresses }
            }
            Rule::dated_atom => {
                match inner
                    .find(|p| p.as_rule() == Rule::duration)
                    .and_then(|d| self.duration(d))
                {
                    Some(d) => ConditionKind::DatedWithin(d),
                    None => ConditionKind::And(Vec::new()),
                }
            }
            Rule::addresses_atom => match inner.find(|p| p.as_rule() == Rule::target) {
                Some(t) => ConditionKind::Addresses(self.target(t)),
                None => ConditionKind::And(Vec::new()),
            },
            Rule::covers_atom => match inner.find(|p| p.as_rule() == Rule::role_name) {
                Some(r) => ConditionKind::Covers(ident(&r)),
                None => ConditionKind::And(Vec::new()),
            },
            Rule::relation_atom => {
                let relation = inner.next().map(|r| ident(&r));
                match (relation, inner.next()) {
                    (Some(relation), Some(k)) if k.as_rule() == Rule::kw_other_than => match inner.next() {
                        Some(g) => ConditionKind::RelationOtherThan {
                            relation,
                            group: ident(&g),
                        },
                        None => ConditionKind::And(Vec::new()),
                    },
                    (Some(relation), Some(t)) => ConditionKind::Relation {
                        relation,
                        target: self.target(t),
                    },
                    _ => ConditionKind::And(Vec::new()),
                }
            }
            _ => ConditionKind::And(Vec::new()),
        };
        Condition { kind, span: whole }
    }

    fn target(&mut self, pair: Pair<'_, Rule>) -> Target {
        let whole = span(&pair);
        let Some(inner) = pair.into_inner().next() else {
            return Target {
                mode: TargetMode::One,
                names: Vec::new(),
                span: whole,
            };
        };
        let mode = match inner.as_rule() {
            Rule::any_group => TargetMode::Any,
            Rule::all_group => TargetMode::All,
            _ => TargetMode::One,
        };
        let names = if mode == TargetMode::One {
            vec![ident(&inner)]
        } else {
            names(inner, Rule::target_name)
        };
        Target {
            mode,
            names,
            span: whole,
        }
    }

    /// A paragraph number, at most [`MAX_PARAGRAPH`].
    fn paragraph(&mut self, pair: Pair<'_, Rule>) -> Option<u32> {
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
    fn part_item(&mut self, pair: Pair<'_, Rule>) -> Option<PartItem> {
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

    fn duration(&mut self, pair: Pair<'_, Rule>) -> Option<Duration> {
        let whole = span(&pair);
        let mut amount = None;
        let mut unit = DurationUnit::Days;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::integer => match p.as_str().parse::<u32>() {
                    Ok(n) if n <= 100_000 => amount = Some(n),
                    _ => {
                        self.error(
                            span(&p),
                            format!("`{}` is too large for a duration", p.as_str()),
                            Some("a duration is at most 100000 days, months or years"),
                        );
                        return None;
                    }
                },
                Rule::duration_unit => {
                    unit = match p.as_str().trim_end_matches('s') {
                        "day" => DurationUnit::Days,
                        "month" => DurationUnit::Months,
                        _ => DurationUnit::Years,
                    }
                }
                _ => {}
            }
        }
        Some(Duration {
            amount: amount?,
            unit,
            span: whole,
        })
    }

    // ─── Councils ──────────────────────────────────────────────────────────────

    fn council(&mut self, pair: Pair<'_, Rule>) -> CouncilDecl {
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

    fn departure(&mut self, pair: Pair<'_, Rule>) -> Option<DepartDecl> {
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

    fn post(&mut self, pair: Pair<'_, Rule>) -> PostDecl {
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

    fn record(&mut self, pair: Pair<'_, Rule>) -> AssuranceDecl {
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

    fn inner_string(&mut self, pair: Pair<'_, Rule>) -> Option<StrLit> {
        let s = pair.into_inner().find(|p| p.as_rule() == Rule::string)?;
        self.string(s)
    }

    /// Unescapes a string literal; a bad escape or a missing closing quote is reported
    /// and the literal is dropped.
    fn string(&mut self, pair: Pair<'_, Rule>) -> Option<StrLit> {
        let whole = span(&pair);
        let mut value = String::new();
        let mut ok = true;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::string_inner => {
                    let base = p.as_span().start();
                    let raw = p.as_str();
                    let mut chars = raw.char_indices();
                    while let Some((i, c)) = chars.next() {
                        if c != '\\' {
                            value.push(c);
                            continue;
                        }
                        match chars.next() {
                            Some((_, '"')) => value.push('"'),
                            Some((_, '\\')) => value.push('\\'),
                            Some((_, 'n')) => value.push('\n'),
                            other => {
                                let end = other.map_or(i + 1, |(j, c)| j + c.len_utf8());
                                let shown = &raw[i..end];
                                self.error(
                                    Span::new(base + i, base + end),
                                    format!("unknown escape `{shown}` in a string"),
                                    Some("the escapes are `\\\"`, `\\\\` and `\\n`"),
                                );
                                ok = false;
                            }
                        }
                    }
                }
                Rule::string_close if p.as_str().is_empty() => {
                    self.error(
                        whole,
                        "this string is not closed",
                        Some("end the string with `\"` on the same line"),
                    );
                    ok = false;
                }
                _ => {}
            }
        }
        ok.then_some(StrLit { value, span: whole })
    }

    fn date(&mut self, pair: Pair<'_, Rule>) -> Option<DateLit> {
        let s = span(&pair);
        let text = pair.as_str();
        let parsed = (|| {
            let year: i16 = text.get(0..4)?.parse().ok()?;
            let month: i8 = text.get(5..7)?.parse().ok()?;
            let day: i8 = text.get(8..10)?.parse().ok()?;
            Date::new(year, month, day).ok()
        })();
        match parsed {
            Some(date) => Some(DateLit { date, span: s }),
            None => {
                self.error(
                    s,
                    format!("`{text}` is not a date on the calendar"),
                    Some("write a real date as YYYY-MM-DD"),
                );
                None
            }
        }
    }

    // ─── Recovery ──────────────────────────────────────────────────────────────

    /// Reports a line (or a line ending in `{` and its skipped block) that did not parse
    /// in `context`, as one syntax error saying what was expected.
    fn bad(&mut self, pair: Pair<'_, Rule>, context: Context, problems: &mut BodyProblems) {
        let is_block = pair.as_rule() == Rule::bad_block;
        let line = if is_block {
            pair.into_inner().next().map(|h| span(&h)).unwrap_or_default()
        } else {
            span(&pair)
        };
        let (first_word, error) = bad_line(self.parsed, self.unclosed_parens, line, is_block, context);
        problems.bad_words.push(first_word);
        self.errors.push(error);
    }
}

/// The syntax error for a line of `parsed` (at `line`, without its newline) that is not
/// a statement of the block it stands in, and the line's first word. `is_block` when the
/// line ends in `{`, so that its block was skipped with it. Shared by the grammar's tree
/// builder and the fast path, so that both say the same.
pub(super) fn bad_line(
    parsed: &str,
    unclosed_parens: &[u32],
    line: Span,
    is_block: bool,
    context: Context,
) -> (String, SyntaxError) {
    let (start, end) = (line.start as usize, line.end as usize);
    let text = &parsed[start..end];
    let first_word: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();

    if let Some(&paren) = unclosed_parens.iter().find(|&&p| (start..end).contains(&(p as usize))) {
        let error = SyntaxError {
            kind: SyntaxErrorKind::Invalid,
            span: Span::new(paren as usize, paren as usize + 1),
            message: "this `(` is not closed before the end of the block".into(),
            help: Some("add the missing `)`".into()),
            note: None,
        };
        return (first_word, error);
    }

    let mut error = match RegardParser::parse(context.probe(), text) {
        Err(e) => {
            let (pos, _) = error_position(&e);
            let positives = match &e.variant {
                pest::error::ErrorVariant::ParsingError { positives, .. } => positives.clone(),
                pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
            };
            let elsewhere = (pos == 0)
                .then(|| Context::ALL.into_iter().find(|c| c.accepts(text)))
                .flatten();
            match elsewhere {
                Some(home) if home != context => SyntaxError {
                    kind: SyntaxErrorKind::Invalid,
                    span: Span::new(start, start + first_word.len().max(1)),
                    message: format!(
                        "`{}` does not belong {}",
                        if first_word.is_empty() { text } else { &first_word },
                        context.where_()
                    ),
                    help: Some(format!("this line belongs {}", home.where_())),
                    note: None,
                },
                _ => {
                    let (found, found_len) = describe_found(&text[pos.min(text.len())..]);
                    let expected = describe_expected(&positives, context);
                    SyntaxError {
                        kind: SyntaxErrorKind::Invalid,
                        span: Span::new(start + pos, start + pos + found_len),
                        message: format!("expected {expected}, found {found}"),
                        help: None,
                        note: None,
                    }
                }
            }
        }
        Ok(_) => SyntaxError {
            kind: SyntaxErrorKind::Invalid,
            span: line,
            message: "this line is not a statement".into(),
            help: None,
            note: None,
        },
    };
    if is_block {
        error.note = Some("the block that this line opens is skipped, up to its `}`".into());
    }
    (first_word, error)
}

fn missing_ident(at: Span) -> Ident {
    Ident {
        text: Name::default(),
        span: at,
    }
}

fn names(pair: Pair<'_, Rule>, rule: Rule) -> Vec<Ident> {
    names_of(pair.into_inner(), rule)
}

fn names_of(pairs: Pairs<'_, Rule>, rule: Rule) -> Vec<Ident> {
    pairs.filter(|p| p.as_rule() == rule).map(|p| ident(&p)).collect()
}

/// Whether `text` parses as a whole line of `rule` (used to tell a misplaced line from a
/// malformed one).
pub(super) fn line_parses(rule: Rule, text: &str) -> bool {
    RegardParser::parse(rule, text).is_ok()
}
