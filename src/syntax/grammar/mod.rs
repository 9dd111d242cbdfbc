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

mod conditions;
mod decls;

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
    pub(super) fn error(&mut self, span: Span, message: impl Into<String>, help: Option<&str>) {
        self.errors.push(SyntaxError {
            kind: SyntaxErrorKind::Invalid,
            span,
            message: message.into(),
            help: help.map(str::to_string),
            note: None,
        });
    }

    pub(super) fn file(&mut self, pair: Pair<'_, Rule>) -> File {
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

    pub(super) fn doc(&self, start: usize) -> Option<String> {
        doc_comment_before(self.text, start)
    }

    // ─── Vocabulary ────────────────────────────────────────────────────────────

    pub(super) fn vocab_item(&mut self, pair: Pair<'_, Rule>) -> VocabItem {
        let whole = span(&pair);
        let is_relation = pair.as_rule() == Rule::relation_item;
        let is_council_flag = pair.as_rule() == Rule::council_flag_item;
        let is_group = pair.as_rule() == Rule::group_item;
        let mut kind = VocabKind::Relation;
        let mut name = None;
        let mut title = None;
        let mut target = None;
        let mut implies = Vec::new();
        let mut joins = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::implies_part => implies = names(p, Rule::relation_name),
                Rule::joins => joins = names(p, Rule::group_name),
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
            joins,
            doc: self.doc(whole.start as usize),
            span: whole,
        }
    }

    // ─── Blocks ────────────────────────────────────────────────────────────────

    /// Reads a block header (`KEYWORD NAME "title"? {`): the name, title and `{` span.
    /// `in_force [DATE] [until DATE]`.
    pub(super) fn in_force(&mut self, pair: Pair<'_, Rule>) -> InForce {
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
    pub(super) fn open_block<'i>(&mut self, pair: Pair<'i, Rule>) -> (DeclHead, Option<Span>, Pairs<'i, Rule>) {
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

    pub(super) fn head(&mut self, pair: Pair<'_, Rule>) -> (Ident, Option<StrLit>, Option<Span>) {
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
    pub(super) fn block_end(&mut self, pair: Pair<'_, Rule>, open: Option<Span>) -> Option<Span> {
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

    pub(super) fn inner_string(&mut self, pair: Pair<'_, Rule>) -> Option<StrLit> {
        let s = pair.into_inner().find(|p| p.as_rule() == Rule::string)?;
        self.string(s)
    }

    /// Unescapes a string literal; a bad escape or a missing closing quote is reported
    /// and the literal is dropped.
    pub(super) fn string(&mut self, pair: Pair<'_, Rule>) -> Option<StrLit> {
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

    pub(super) fn date(&mut self, pair: Pair<'_, Rule>) -> Option<DateLit> {
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
    pub(super) fn bad(&mut self, pair: Pair<'_, Rule>, context: Context, problems: &mut BodyProblems) {
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
