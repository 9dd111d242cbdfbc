//! The production parser: every file is read here first. A hand-written reader that builds the same tree, with the
//! same spans and the same syntax errors, as the grammar.
//!
//! pest runs the grammar at about 15 MB/s; councils are checked by the thousand. This
//! reader goes through the same text (after `layout.rs`) several times faster. A line
//! that is not a statement of its block is recovered from as the grammar recovers (the
//! line, or the block it opens, is skipped) and described by the same code
//! (`grammar::bad_line`, which asks the grammar about that one line). Anything rarer (a
//! bad string escape, a date not on the calendar, a block never closed, text after a
//! `}`) makes it give up (`None`): then the grammar parses the whole file, and reports
//! what is wrong exactly as it always has. So the grammar stays the definition of the
//! language.
//!
//! INVARIANT: when this returns a result, it is the grammar's result. `tests/parser.rs`
//! checks that on every fixture, example, generated council and thousands of mutated
//! files, and the fuzz target checks it on arbitrary bytes.
//!
//! How the grammar's implicit whitespace maps here: every token reader first skips
//! spaces, tabs and a `//` comment ([`Reader::skip`]), which is where pest inserts its
//! implicit skip (between the parts of every non-atomic rule); atomic rules (names, rule
//! paths, strings, dates, numbers) are read without skipping inside.

use jiff::civil::Date;

use super::ast::*;
use super::errors::Context;
use super::grammar::bad_line;
use super::{Parse, Span, SyntaxError, doc_comment_before, is_keyword};

/// Reads a file; `None` where the grammar has to.
///
/// `text` is the user's text (for doc comments), `parsed` the text after the layout
/// pass, of the same length.
pub(super) fn parse(text: &str, parsed: &str) -> Option<Parse> {
    let mut reader = Reader {
        text,
        src: parsed,
        bytes: parsed.as_bytes(),
        pos: 0,
        errors: Vec::new(),
        bail: false,
    };
    let file = reader.file()?;
    let mut errors = reader.errors;
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    Some(Parse { file, errors })
}

struct Reader<'a> {
    text: &'a str,
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    errors: Vec<SyntaxError>,
    /// Set when the reader meets something it leaves to the grammar: every function then
    /// returns `None` up to [`parse`], and no line is taken for a bad one.
    bail: bool,
}

/// A condition and the extent of the grammar pair it came from (which, for a chain of
/// `not`s of even length, is wider than the condition's own span).
struct Parsed {
    condition: Condition,
    extent: Span,
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'a> Reader<'a> {
    // ─── Tokens ────────────────────────────────────────────────────────────────

    /// Skips spaces, tabs and a comment, as the grammar's implicit `WHITESPACE` and
    /// `COMMENT` do.
    fn skip(&mut self) {
        loop {
            match self.bytes.get(self.pos) {
                Some(b' ' | b'\t') => self.pos += 1,
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    while !matches!(self.bytes.get(self.pos), None | Some(b'\n' | b'\r')) {
                        self.pos += 1;
                    }
                }
                _ => return,
            }
        }
    }

    /// The byte after skipping, without consuming it.
    fn peek(&mut self) -> Option<u8> {
        self.skip();
        self.bytes.get(self.pos).copied()
    }

    /// The word (`[A-Za-z_][A-Za-z0-9_]*`) after skipping, without consuming it.
    fn peek_word(&mut self) -> &'a str {
        self.skip();
        let start = self.pos;
        match self.bytes.get(start) {
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {}
            _ => return "",
        }
        let mut end = start + 1;
        while self.bytes.get(end).is_some_and(|&b| is_ident_byte(b)) {
            end += 1;
        }
        &self.src[start..end]
    }

    /// Consumes the word just peeked; its span.
    fn take(&mut self, word: &str) -> Span {
        let span = Span::new(self.pos, self.pos + word.len());
        self.pos += word.len();
        span
    }

    /// A keyword, as a whole word.
    fn keyword(&mut self, keyword: &str) -> Option<Span> {
        (self.peek_word() == keyword).then(|| self.take(keyword))
    }

    /// A name: a word that is not a keyword and not a lone `_`.
    fn ident(&mut self) -> Option<Ident> {
        let word = self.peek_word();
        if word.is_empty() || word == "_" || is_keyword(word) {
            return None;
        }
        let span = self.take(word);
        Some(Ident {
            text: word.into(),
            span,
        })
    }

    /// Names separated by commas: `A, B, C`.
    fn idents(&mut self) -> Option<Vec<Ident>> {
        let mut names = vec![self.ident()?];
        while self.peek() == Some(b',') {
            self.pos += 1;
            names.push(self.ident()?);
        }
        // Trees are kept for every file: no room to spare.
        names.shrink_to_fit();
        Some(names)
    }

    /// Roles with their basis: `DCS, ChiefExecutive interim`.
    fn held_names(&mut self) -> Option<Vec<HeldName>> {
        let mut held = Vec::new();
        loop {
            let role = self.ident()?;
            let interim = self.keyword("interim");
            held.push(HeldName { role, interim });
            if self.peek() != Some(b',') {
                break;
            }
            self.pos += 1;
        }
        held.shrink_to_fit();
        Some(held)
    }

    fn punct(&mut self, byte: u8) -> Option<Span> {
        (self.peek() == Some(byte)).then(|| {
            self.pos += 1;
            Span::new(self.pos - 1, self.pos)
        })
    }

    /// The end of a statement's line: a newline, or the end of the file. Returns the
    /// offset after it, where the grammar's `eol` pair ends.
    fn eol(&mut self) -> Option<usize> {
        match self.peek() {
            None => {}
            Some(b'\r') if self.bytes.get(self.pos + 1) == Some(&b'\n') => self.pos += 2,
            Some(b'\n' | b'\r') => self.pos += 1,
            Some(_) => return None,
        }
        Some(self.pos)
    }

    /// A blank line (only whitespace or a comment): consumed.
    fn blank_line(&mut self) -> bool {
        match self.peek() {
            Some(b'\n' | b'\r') => {
                self.eol();
                true
            }
            _ => false,
        }
    }

    /// Gives up on the file: the grammar will parse it.
    fn give_up<T>(&mut self) -> Option<T> {
        self.bail = true;
        None
    }

    /// A string literal, unescaped. A bad escape or a missing closing quote is left to the
    /// grammar.
    fn string(&mut self) -> Option<StrLit> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.pos;
        let mut value = String::new();
        let mut run = start + 1;
        let mut i = start + 1;
        loop {
            match self.bytes.get(i) {
                Some(b'"') => break,
                None | Some(b'\n' | b'\r') => return self.give_up(),
                Some(b'\\') => {
                    value.push_str(&self.src[run..i]);
                    value.push(match self.bytes.get(i + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'n') => '\n',
                        _ => return self.give_up(),
                    });
                    i += 2;
                    run = i;
                }
                Some(_) => i += 1,
            }
        }
        value.push_str(&self.src[run..i]);
        self.pos = i + 1;
        Some(StrLit {
            value,
            span: Span::new(start, self.pos),
        })
    }

    /// An optional string literal: absent when the next token is not one.
    fn title(&mut self) -> Option<Option<StrLit>> {
        match self.peek() {
            Some(b'"') => Some(Some(self.string()?)),
            _ => Some(None),
        }
    }

    /// `YYYY-MM-DD`, a real calendar date.
    fn date(&mut self) -> Option<DateLit> {
        self.skip();
        let start = self.pos;
        let text = self.src.get(start..start + 10)?;
        let b = text.as_bytes();
        let shape = b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        });
        if !shape || self.bytes.get(start + 10).is_some_and(|&c| is_ident_byte(c)) {
            return None;
        }
        let Ok(date) = Date::new(
            text[0..4].parse().unwrap_or(0),
            text[5..7].parse().unwrap_or(0),
            text[8..10].parse().unwrap_or(0),
        ) else {
            // Not on the calendar: the grammar's tree builder reports it.
            return self.give_up();
        };
        self.pos = start + 10;
        Some(DateLit {
            date,
            span: Span::new(start, self.pos),
        })
    }

    /// `12 months`: an integer (at most 100000) and a unit.
    fn duration(&mut self) -> Option<Duration> {
        let (amount, number) = self.integer(100_000)?;
        let start = number.start as usize;
        let unit = match self.peek_word() {
            "day" | "days" => DurationUnit::Days,
            "month" | "months" => DurationUnit::Months,
            "year" | "years" => DurationUnit::Years,
            _ => return None,
        };
        let word = self.peek_word();
        let end = self.take(word).end;
        Some(Duration {
            amount,
            unit,
            span: Span::new(start, end as usize),
        })
    }

    fn doc(&self, start: u32) -> Option<String> {
        doc_comment_before(self.text, start as usize)
    }

    // ─── Blocks ────────────────────────────────────────────────────────────────

    fn file(&mut self) -> Option<File> {
        let mut items = Vec::new();
        let mut bad_words = Vec::new();
        loop {
            match self.peek() {
                None => return Some(File { items }),
                // A `}` with no block open: left to the grammar.
                Some(b'}') => return self.give_up(),
                _ if self.blank_line() => continue,
                _ => {}
            }
            let start = self.pos;
            let item = match self.peek_word() {
                "guidance" => self.guidance().map(Item::Guidance),
                "council" => self.council().map(Item::Council),
                "role" | "body" | "function" | "element" | "flag" | "relation" | "group" => {
                    self.vocab_item().filter(|_| self.eol().is_some()).map(Item::Vocab)
                }
                _ => None,
            };
            match item {
                Some(item) => items.push(item),
                None if self.bail => return None,
                None => {
                    self.pos = start;
                    self.bad_line(Context::Top, &mut bad_words)?;
                }
            }
        }
    }

    /// The lines of a block, each handed to `line`, up to the `}` on a line of its own.
    /// A line `line` does not take is a bad line of the block, reported as the grammar
    /// reports it, its first word added to `bad_words`. Returns the closing brace's span
    /// and where the block ends (after its line).
    ///
    /// INVARIANT: `line` changes nothing outside the reader unless it succeeds, so that a
    /// line it gives up on half-way leaves no trace.
    fn body(
        &mut self,
        context: Context,
        bad_words: &mut Vec<String>,
        mut line: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<(Span, usize)> {
        loop {
            match self.peek() {
                // Never closed: left to the grammar.
                None => return self.give_up(),
                Some(b'}') => {
                    let close = self.punct(b'}')?;
                    return match self.eol() {
                        Some(end) => Some((close, end)),
                        // Text after the `}`: left to the grammar.
                        None => self.give_up(),
                    };
                }
                _ if self.blank_line() => {}
                _ => {
                    let start = self.pos;
                    if line(self).is_none() {
                        if self.bail {
                            return None;
                        }
                        self.pos = start;
                        self.bad_line(context, bad_words)?;
                    }
                }
            }
        }
    }

    /// Reads the one-line statements of a post or assurance block up to its `}`: `read`
    /// reads a statement given its first word, `last` says which part of it ends it.
    fn statements<K>(
        &mut self,
        context: Context,
        mut read: impl FnMut(&mut Self, &str) -> Option<K>,
        last: impl Fn(&K) -> Span,
    ) -> Option<Statements<K>> {
        let mut stmts = Vec::new();
        let mut bad_lines = Vec::new();
        let (close, end) = self.body(context, &mut bad_lines, |r| {
            let start = Span::new(r.pos, r.pos);
            let word = r.peek_word();
            let kind = read(r, word)?;
            let span = start.to(last(&kind));
            r.eol()?;
            stmts.push((kind, span));
            Some(())
        })?;
        Some(Statements {
            stmts,
            bad_lines,
            close,
            end,
        })
    }

    /// Skips a line that is not a statement of its block, as the grammar does (the line,
    /// or, when it ends in `{`, the line and its block up to the matching `}`), and
    /// records its error. The reader stands at the line's first token.
    fn bad_line(&mut self, context: Context, bad_words: &mut Vec<String>) -> Option<()> {
        let start = self.pos;
        let (end, is_block) = match self.block_head_end(start) {
            Some(end) => (end, true),
            None => (self.line_end(start), false),
        };
        self.pos = end;
        self.eol()?;
        if is_block {
            self.skip_block()?;
        }
        let (word, error) = bad_line(self.src, &[], Span::new(start, end), is_block, context);
        bad_words.push(word);
        self.errors.push(error);
        Some(())
    }

    /// Where the line from `start` ends, before its newline.
    fn line_end(&self, start: usize) -> usize {
        let rest = &self.bytes[start..];
        start
            + rest
                .iter()
                .position(|&b| b == b'\n' || b == b'\r')
                .unwrap_or(rest.len())
    }

    /// If the line from `start` opens a block the grammar would skip (it ends in `{`,
    /// perhaps followed by a comment, outside any string), where the line ends.
    fn block_head_end(&self, start: usize) -> Option<usize> {
        let b = self.bytes;
        if b.get(start) == Some(&b'}') {
            return None;
        }
        let mut i = start;
        loop {
            match b.get(i) {
                None | Some(b'\n' | b'\r') => return None,
                Some(b'"') => {
                    // A string, closed or not, escapes and all.
                    i += 1;
                    loop {
                        match b.get(i) {
                            None | Some(b'\n' | b'\r') => break,
                            Some(b'"') => {
                                i += 1;
                                break;
                            }
                            Some(b'\\') if !matches!(b.get(i + 1), None | Some(b'\n' | b'\r')) => i += 2,
                            Some(_) => i += 1,
                        }
                    }
                }
                Some(b'/') if b.get(i + 1) == Some(&b'/') => return None,
                Some(b'{') => {
                    let mut j = i + 1;
                    while matches!(b.get(j), Some(b' ' | b'\t')) {
                        j += 1;
                    }
                    if b.get(j) == Some(&b'/') && b.get(j + 1) == Some(&b'/') {
                        j = self.line_end(j);
                    }
                    if matches!(b.get(j), None | Some(b'\n' | b'\r')) {
                        return Some(j);
                    }
                    i += 1;
                }
                Some(_) => i += 1,
            }
        }
    }

    /// Skips the body of a block opened by a bad line, to its `}` (nested blocks
    /// included), as the grammar does; nothing in it is reported.
    fn skip_block(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                None => return self.give_up(),
                Some(b'}') => {
                    self.pos = self.line_end(self.pos);
                    self.eol()?;
                    return Some(());
                }
                _ if self.blank_line() => {}
                _ => match self.block_head_end(self.pos) {
                    Some(end) => {
                        self.pos = end;
                        self.eol()?;
                        self.skip_block()?;
                    }
                    None => {
                        self.pos = self.line_end(self.pos);
                        self.eol()?;
                    }
                },
            }
        }
    }

    /// `KEYWORD NAME "title"? {` and its line: the name, title, and the header's span.
    fn head(&mut self, keyword: &str) -> Option<(Ident, Option<StrLit>, Span)> {
        let start = self.keyword(keyword)?;
        let name = self.ident()?;
        let title = self.title()?;
        let brace = self.punct(b'{')?;
        self.eol()?;
        Some((name, title, start.to(brace)))
    }

    fn vocab_item(&mut self) -> Option<VocabItem> {
        let word = self.peek_word();
        let start = self.take(word);
        let kind = match word {
            "role" => VocabKind::Role,
            "body" => VocabKind::Body,
            "function" => VocabKind::Function,
            "element" => VocabKind::Element,
            "flag" => VocabKind::Flag,
            "group" => VocabKind::Group,
            _ => VocabKind::Relation,
        };
        let name = self.ident()?;
        let title = self.title()?;
        let mut end = title.as_ref().map_or(name.span, |t| t.span);
        if kind == VocabKind::Group {
            self.punct(b'=')?;
            let items = self.idents()?;
            let span = start.to(items[items.len() - 1].span);
            return Some(VocabItem {
                kind,
                name,
                title,
                target: None,
                implies: items,
                joins: Vec::new(),
                doc: self.doc(span.start),
                span,
            });
        }
        let mut target = None;
        if kind == VocabKind::Relation {
            self.punct(b':')?;
            self.keyword("post")?;
            if self.peek() != Some(b'-') || self.bytes.get(self.pos + 1) != Some(&b'>') {
                return None;
            }
            self.pos += 2;
            let word = self.peek_word();
            target = Some(match word {
                "post" => TargetKind::Post,
                "body" => TargetKind::Body,
                "function" => TargetKind::Function,
                _ => return None,
            });
            end = self.take(word);
        }
        // `in GROUP, ...` after the title; on a council flag, before or after `for council`.
        let mut joins = Vec::new();
        if kind != VocabKind::Relation && self.keyword("in").is_some() {
            joins = self.idents()?;
            end = joins.last().map_or(end, |i| i.span);
        }
        let kind = match kind {
            VocabKind::Flag if self.peek_word() == "for" => {
                self.take("for");
                end = self.keyword("council")?;
                if joins.is_empty() && self.keyword("in").is_some() {
                    joins = self.idents()?;
                    end = joins.last().map_or(end, |i| i.span);
                }
                VocabKind::CouncilFlag
            }
            kind => kind,
        };
        let mut implies = Vec::new();
        if kind == VocabKind::Relation && self.keyword("implies").is_some() {
            implies = self.idents()?;
            end = implies.last().map_or(end, |i| i.span);
        }
        let span = start.to(end);
        Some(VocabItem {
            kind,
            name,
            title,
            target,
            implies,
            joins,
            doc: self.doc(span.start),
            span,
        })
    }

    fn guidance(&mut self) -> Option<GuidanceDecl> {
        let (name, title, head_span) = self.head("guidance")?;
        let mut decl = GuidanceDecl::from(DeclHead {
            name,
            title,
            doc: self.doc(head_span.start),
            head_span,
            span: head_span,
        });
        let (_, end) = self.body(Context::Guidance, &mut Vec::new(), |r| {
            match r.peek_word() {
                "rule" => {
                    let rule = r.rule()?;
                    decl.rules.push(rule);
                }
                "status" => {
                    let start = r.take("status");
                    let word = r.peek_word();
                    let status = match word {
                        "statutory" => Status::Statutory,
                        "advisory" => Status::Advisory,
                        "law" => Status::Law,
                        _ => return None,
                    };
                    let end = r.take(word);
                    r.eol()?;
                    decl.status.push((status, start.to(end)));
                }
                "issued" => {
                    r.take("issued");
                    let date = r.date()?;
                    r.eol()?;
                    decl.issued.push(date);
                }
                "by" | "under" => {
                    let word = r.peek_word();
                    r.take(word);
                    let value = r.string()?;
                    r.eol()?;
                    match word {
                        "by" => decl.by.push(value),
                        _ => decl.under.push(value),
                    }
                }
                "replaces" => {
                    r.take("replaces");
                    let names = r.idents()?;
                    r.eol()?;
                    decl.replaces.extend(names);
                }
                "in_force" => {
                    let in_force = r.in_force()?;
                    r.eol()?;
                    decl.in_force.push(in_force);
                }
                "paragraphs" => {
                    r.take("paragraphs");
                    let mut items = vec![r.part_item()?];
                    while r.punct(b',').is_some() {
                        items.push(r.part_item()?);
                    }
                    r.eol()?;
                    decl.paragraphs.extend(items);
                }
                "reading" => {
                    r.take("reading");
                    let reading = r.string()?;
                    r.eol()?;
                    decl.readings.push(reading);
                }
                "aside" => {
                    let start = r.take("aside");
                    let cite = r.string()?;
                    r.keyword("because")?;
                    let reason = r.string()?;
                    r.eol()?;
                    let span = start.to(reason.span);
                    decl.asides.push(Aside { cite, reason, span });
                }
                _ => return None,
            }
            Some(())
        })?;
        decl.span = Span::new(head_span.start as usize, end);
        Some(decl)
    }

    /// A whole number (the grammar's `integer`: digits not followed by a name's
    /// character) with its span; one above `max` is left to the grammar, whose tree
    /// builder reports it.
    fn integer(&mut self, max: u32) -> Option<(u32, Span)> {
        self.skip();
        let start = self.pos;
        let mut end = start;
        while self.bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        if end == start || self.bytes.get(end).is_some_and(|&c| is_ident_byte(c)) {
            return None;
        }
        let Some(n) = self.src[start..end].parse().ok().filter(|&n: &u32| n <= max) else {
            return self.give_up();
        };
        self.pos = end;
        Some((n, Span::new(start, end)))
    }

    /// A paragraph number of a `paragraphs` line.
    fn paragraph(&mut self) -> Option<(u32, Span)> {
        self.integer(MAX_PARAGRAPH)
    }

    /// An item of a `paragraphs` line: `18`, `1 to 28` or `"key points"`.
    fn part_item(&mut self) -> Option<PartItem> {
        if self.peek() == Some(b'"') {
            let s = self.string()?;
            return Some(PartItem {
                kind: PartItemKind::Section(s.value),
                span: s.span,
            });
        }
        let (from, first) = self.paragraph()?;
        if self.keyword("to").is_none() {
            return Some(PartItem {
                kind: PartItemKind::Number(from),
                span: first,
            });
        }
        let (until, last) = self.paragraph()?;
        if until < from {
            // A range that runs backwards: the grammar's tree builder reports it.
            return self.give_up();
        }
        Some(PartItem {
            kind: PartItemKind::Range(from, until),
            span: first.to(last),
        })
    }

    fn rule(&mut self) -> Option<RuleDecl> {
        let (name, title, head_span) = self.head("rule")?;
        let mut decl = RuleDecl::from(DeclHead {
            name,
            title,
            doc: self.doc(head_span.start),
            head_span,
            span: head_span,
        });
        let (_, end) = self.body(Context::Rule, &mut Vec::new(), |r| {
            let start = r.pos;
            let word = r.peek_word();
            // `reading` starts a reading only before a string; else it names a role.
            let statement = match word {
                "cite" | "quote" => true,
                // `reading` starts a reading only before a string; `in_force` is a
                // statement only before a date, `until` or the end of the line.
                "reading" => {
                    r.take(word);
                    let quoted = r.peek() == Some(b'"');
                    r.pos = start;
                    quoted
                }
                "in_force" => r.in_force_ahead(),
                _ => false,
            };
            match word {
                "in_force" if statement => {
                    let in_force = r.in_force()?;
                    r.eol()?;
                    decl.in_force.push(in_force);
                }
                "cite" | "quote" | "reading" if statement => {
                    r.take(word);
                    let value = r.string()?;
                    r.eol()?;
                    match word {
                        "cite" => decl.cites.push(value),
                        "quote" => decl.quotes.push(value),
                        _ => decl.readings.push(value),
                    }
                }
                _ => {
                    let clause = r.clause()?;
                    r.eol()?;
                    decl.clauses.push(clause);
                }
            }
            Some(())
        })?;
        decl.span = Span::new(head_span.start as usize, end);
        Some(decl)
    }

    // ─── Clauses ───────────────────────────────────────────────────────────────

    fn clause(&mut self) -> Option<Clause> {
        self.skip();
        let start = self.pos;
        let modality = match self.peek_word() {
            "must" => Some((Modality::Must, self.take("must"))),
            "should" => Some((Modality::Should, self.take("should"))),
            "may" => Some((Modality::May, self.take("may"))),
            _ => None,
        };
        let negated = self.keyword("not");
        let quantifier = match self.peek_word() {
            "exists" => Some((Quantifier::Exists, self.take("exists"))),
            "one" => Some((Quantifier::One, self.take("one"))),
            _ => None,
        };
        let selector = match (quantifier, self.peek_word()) {
            (None, "council") => Selector {
                kind: SelectorKind::Council,
                span: self.take("council"),
            },
            _ => self.selector()?,
        };
        let mut end = selector.span;
        // A condition is absent when the line ends, or `when` or `unless` follows, here.
        let condition = match (self.peek(), self.peek_word()) {
            (None | Some(b'\n' | b'\r'), _) | (_, "when" | "unless") => None,
            _ => {
                self.keyword("requires");
                let parsed = self.or_cond()?;
                end = parsed.extent;
                Some(parsed.condition)
            }
        };
        let when = self.clause_part("when", &mut end)?;
        let unless = self.clause_part("unless", &mut end)?;
        let span = Span::new(start, end.end as usize);
        Some(Clause {
            modality,
            negated,
            quantifier: quantifier.unwrap_or((Quantifier::Each, Span::new(start, start))),
            selector,
            condition,
            when,
            unless,
            span,
        })
    }

    /// Whether an `in_force` line starts here, as the grammar's `in_force_stmt` decides
    /// (its dates' shapes, then the end of the line); consumes nothing. Else the line is
    /// a clause about a role called `in_force`.
    fn in_force_ahead(&mut self) -> bool {
        let start = self.pos;
        self.take("in_force");
        let after_keyword = self.pos;
        if self.date_shape() {
            let after_date = self.pos;
            if self.keyword("until").is_none() || !self.date_shape() {
                self.pos = after_date;
            }
        } else if self.keyword("until").is_some() && !self.date_shape() {
            self.pos = after_keyword;
        }
        let ends = matches!(self.peek(), None | Some(b'\n' | b'\r'));
        self.pos = start;
        ends
    }

    /// Skips a date's shape (`DDDD-DD-DD`, not followed by a name's character) if one
    /// is here, as the grammar's `date` rule does; whether it was.
    fn date_shape(&mut self) -> bool {
        self.skip();
        let b = &self.bytes[self.pos.min(self.bytes.len())..];
        let shaped = b.len() >= 10
            && b[..10].iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            })
            && !b.get(10).is_some_and(|&c| is_ident_byte(c));
        if shaped {
            self.pos += 10;
        }
        shaped
    }

    /// `in_force [DATE] [until DATE]`, up to the end of its last date.
    fn in_force(&mut self) -> Option<InForce> {
        let start = self.take("in_force");
        let mut end = start;
        let from = match self.peek() {
            Some(b'0'..=b'9') => {
                let date = self.date()?;
                end = date.span;
                Some(date)
            }
            _ => None,
        };
        let until = match self.keyword("until") {
            Some(_) => {
                let date = self.date()?;
                end = date.span;
                Some(date)
            }
            None => None,
        };
        Some(InForce {
            from,
            until,
            span: start.to(end),
        })
    }

    /// `KEYWORD [requires] CONDITION` after a clause's condition (`when`, `unless`):
    /// `Some(None)` when the keyword is not there, `None` when what follows it does not
    /// read. `end` becomes the end of the part.
    fn clause_part(&mut self, keyword: &str, end: &mut Span) -> Option<Option<(Span, Condition)>> {
        let Some(span) = self.keyword(keyword) else {
            return Some(None);
        };
        self.keyword("requires");
        let parsed = self.or_cond()?;
        *end = parsed.extent;
        Some(Some((span, parsed.condition)))
    }

    fn selector(&mut self) -> Option<Selector> {
        match self.peek_word() {
            "combine" => {
                let start = self.take("combine");
                self.punct(b'(')?;
                let mut items = Vec::new();
                loop {
                    let item = match self.peek_word() {
                        "_" => {
                            let wildcard = self.take("_");
                            match self.keyword("except") {
                                Some(_) => CombineItem::Except {
                                    wildcard,
                                    group: self.ident()?,
                                },
                                None => CombineItem::Wildcard(wildcard),
                            }
                        }
                        _ => CombineItem::Role(self.ident()?),
                    };
                    items.push(item);
                    if self.punct(b',').is_none() {
                        break;
                    }
                }
                let close = self.punct(b')')?;
                if items.len() < 2 {
                    return None;
                }
                Some(Selector {
                    kind: SelectorKind::Combine(items),
                    span: start.to(close),
                })
            }
            "assurance" => Some(Selector {
                kind: SelectorKind::Assurance,
                span: self.take("assurance"),
            }),
            "post" => Some(Selector {
                kind: SelectorKind::Post,
                span: self.take("post"),
            }),
            _ => {
                let role = self.ident()?;
                Some(Selector {
                    span: role.span,
                    kind: SelectorKind::Role(role),
                })
            }
        }
    }

    /// `and_cond ("or" and_cond)*`
    fn or_cond(&mut self) -> Option<Parsed> {
        self.chain("or", Self::and_cond, ConditionKind::Or)
    }

    /// `unary ("and" unary)*`
    fn and_cond(&mut self) -> Option<Parsed> {
        self.chain("and", Self::unary, ConditionKind::And)
    }

    /// Parts joined by `joiner`; one part alone stands for itself, as in the grammar's
    /// tree builder.
    fn chain(
        &mut self,
        joiner: &str,
        part: fn(&mut Self) -> Option<Parsed>,
        join: fn(Vec<Condition>) -> ConditionKind,
    ) -> Option<Parsed> {
        let first = part(self)?;
        if self.peek_word() != joiner {
            return Some(first);
        }
        let mut extent = first.extent;
        let mut parts = vec![first.condition];
        while self.keyword(joiner).is_some() {
            let next = part(self)?;
            extent = extent.to(next.extent);
            parts.push(next.condition);
        }
        Some(Parsed {
            condition: Condition {
                kind: join(parts),
                span: extent,
            },
            extent,
        })
    }

    /// `not* atom`: an odd number of `not`s negates, an even number cancels out.
    fn unary(&mut self) -> Option<Parsed> {
        let mut first_not = None;
        let mut count = 0usize;
        while let Some(not) = self.keyword("not") {
            first_not.get_or_insert(not);
            count += 1;
        }
        let atom = self.atom()?;
        let extent = first_not.map_or(atom.span, |n: Span| n.to(atom.span));
        let condition = match count % 2 {
            1 => Condition {
                kind: ConditionKind::Not(Box::new(atom)),
                span: extent,
            },
            _ => atom,
        };
        Some(Parsed { condition, extent })
    }

    fn atom(&mut self) -> Option<Condition> {
        if self.peek() == Some(b'(') {
            let open = self.punct(b'(')?;
            let inner = self.or_cond()?;
            let close = self.punct(b')')?;
            return Some(Condition {
                kind: inner.condition.kind,
                span: open.to(close),
            });
        }
        let word = self.peek_word();
        let (kind, span) = match word {
            "holds" | "covers" => {
                let start = self.take(word);
                if word == "holds"
                    && let Some(group) = self.other_than()
                {
                    let span = start.to(group.span);
                    return Some(Condition {
                        kind: ConditionKind::HoldsOtherThan(group),
                        span,
                    });
                }
                let role = self.ident()?;
                let span = start.to(role.span);
                let kind = match word {
                    "holds" => match self.keyword("interim") {
                        Some(interim) => {
                            let span = start.to(interim);
                            return Some(Condition {
                                kind: ConditionKind::Holds {
                                    role,
                                    interim: Some(interim),
                                },
                                span,
                            });
                        }
                        None => ConditionKind::Holds { role, interim: None },
                    },
                    _ => ConditionKind::Covers(role),
                };
                (kind, span)
            }
            "is" => {
                let start = self.take("is");
                let flag = match self.peek_word() {
                    "officer" => FlagRef::Officer(self.take("officer")),
                    "member" => FlagRef::Member(self.take("member")),
                    "shared" => FlagRef::Shared(self.take("shared")),
                    _ => FlagRef::Named(self.ident()?),
                };
                let end = match &flag {
                    FlagRef::Officer(s) | FlagRef::Member(s) | FlagRef::Shared(s) => *s,
                    FlagRef::Named(i) => i.span,
                };
                (ConditionKind::Is(flag), start.to(end))
            }
            "council" => {
                let start = self.take("council");
                self.keyword("is")?;
                let flag = self.ident()?;
                let span = start.to(flag.span);
                (ConditionKind::CouncilIs(flag), span)
            }
            "assurance" => {
                let start = self.take("assurance");
                let mut end = start;
                let within = match self.keyword("within") {
                    Some(_) => {
                        let duration = self.duration()?;
                        end = duration.span;
                        Some(duration)
                    }
                    None => None,
                };
                let addresses = match self.keyword("addresses") {
                    Some(_) => {
                        let target = self.target()?;
                        end = target.span;
                        Some(target)
                    }
                    None => None,
                };
                (ConditionKind::Assurance { within, addresses }, start.to(end))
            }
            "dated" => {
                let start = self.take("dated");
                self.keyword("within")?;
                let duration = self.duration()?;
                (ConditionKind::DatedWithin(duration), start.to(duration.span))
            }
            "addresses" => {
                let start = self.take("addresses");
                let target = self.target()?;
                let span = start.to(target.span);
                (ConditionKind::Addresses(target), span)
            }
            // A keyword that starts none of the forms above: a form this reader does not
            // know (yet) is left to the grammar, the definition of the language.
            // So is `when`, which inside a clause is never a relation.
            word if is_keyword(word) || word == "when" => return self.give_up(),
            _ => {
                let relation = self.ident()?;
                if let Some(group) = self.other_than() {
                    let span = relation.span.to(group.span);
                    return Some(Condition {
                        kind: ConditionKind::RelationOtherThan { relation, group },
                        span,
                    });
                }
                let target = self.target()?;
                let span = relation.span.to(target.span);
                (ConditionKind::Relation { relation, target }, span)
            }
        };
        Some(Condition { kind, span })
    }

    /// `other_than GROUP`, after `holds` or a relation: the group, consumed. `None`, with
    /// nothing consumed, when `other_than` is not followed by a name: then it is itself
    /// a name (a role or a target called `other_than`), as the grammar reads it.
    fn other_than(&mut self) -> Option<Ident> {
        if self.peek_word() != "other_than" {
            return None;
        }
        let at = self.pos;
        self.take("other_than");
        let group = self.ident();
        if group.is_none() {
            self.pos = at;
        }
        group
    }

    /// `NAME`, `(A or B ...)` or `(A and B ...)`.
    fn target(&mut self) -> Option<Target> {
        if self.peek() != Some(b'(') {
            let name = self.ident()?;
            return Some(Target {
                mode: TargetMode::One,
                span: name.span,
                names: vec![name],
            });
        }
        let open = self.punct(b'(')?;
        let mut names = vec![self.ident()?];
        let joiner = self.peek_word();
        let mode = match joiner {
            "or" => TargetMode::Any,
            "and" => TargetMode::All,
            _ => return None,
        };
        while self.keyword(joiner).is_some() {
            names.push(self.ident()?);
        }
        let close = self.punct(b')')?;
        Some(Target {
            mode,
            names,
            span: open.to(close),
        })
    }

    // ─── Councils ──────────────────────────────────────────────────────────────

    fn council(&mut self) -> Option<CouncilDecl> {
        let (name, title, head_span) = self.head("council")?;
        let mut decl = CouncilDecl::from(DeclHead {
            name,
            title,
            doc: self.doc(head_span.start),
            head_span,
            span: head_span,
        });
        let mut bad_words = Vec::new();
        let (close, end) = self.body(Context::Council, &mut bad_words, |r| {
            match r.peek_word() {
                "officer" | "member" => {
                    let post = r.post()?;
                    decl.posts.push(post);
                }
                "assurance" => {
                    let record = r.record()?;
                    decl.records.push(record);
                }
                "follows" => {
                    let start = r.take("follows");
                    let names = r.idents()?;
                    r.eol()?;
                    let span = start.to(names[names.len() - 1].span);
                    decl.follows.push(Follows { names, span });
                }
                "is" => {
                    let start = r.take("is");
                    let names = r.idents()?;
                    r.eol()?;
                    let span = start.to(names[names.len() - 1].span);
                    decl.flags.push(CouncilFlags { names, span });
                }
                // `as_of DATE`; `as_of` followed by anything else is left to the grammar.
                "as_of" => {
                    r.take("as_of");
                    let date = r.date()?;
                    r.eol()?;
                    decl.as_of.push(date);
                }
                "depart" => {
                    let departure = r.departure()?;
                    r.eol()?;
                    decl.departures.push(departure);
                }
                _ => return None,
            }
            Some(())
        })?;
        decl.span = Span::new(head_span.start as usize, end);
        decl.close = Some(close);
        decl.bad_lines = bad_words;
        decl.posts.shrink_to_fit();
        Some(decl)
    }

    /// `depart RULE [for POST] because "reason"`.
    fn departure(&mut self) -> Option<DepartDecl> {
        let start = self.take("depart");
        // The rule path is one atomic token: `guidance.rule`, no spaces.
        let first = self.ident()?;
        let rule = match self.bytes.get(self.pos) {
            Some(b'.') => {
                self.pos += 1;
                if !matches!(self.bytes.get(self.pos), Some(b) if b.is_ascii_alphabetic() || *b == b'_') {
                    return None;
                }
                let second = self.ident()?;
                Ident {
                    text: self.src[first.span.range().start..second.span.range().end].into(),
                    span: first.span.to(second.span),
                }
            }
            _ => first,
        };
        let for_post = match self.keyword("for") {
            Some(_) => Some(self.ident()?),
            None => None,
        };
        self.keyword("because")?;
        let reason = self.string()?;
        Some(DepartDecl {
            span: start.to(reason.span),
            rule,
            for_post,
            reason,
        })
    }

    fn post(&mut self) -> Option<PostDecl> {
        let word = self.peek_word();
        let kind_span = self.take(word);
        let kind = if word == "member" {
            PostKind::Member
        } else {
            PostKind::Officer
        };
        let name = self.ident()?;
        let title = self.title()?;
        let head_span = kind_span.to(title.as_ref().map_or(name.span, |t| t.span));
        let mut decl = PostDecl::new(
            kind,
            kind_span,
            DeclHead {
                name,
                title,
                doc: self.doc(head_span.start),
                head_span,
                span: head_span,
            },
        );
        if self.punct(b'{').is_none() {
            let end = self.eol()?;
            decl.span = Span::new(head_span.start as usize, end);
            return Some(decl);
        }
        self.eol()?;
        let block = self.statements(
            Context::Post,
            |r, word| {
                Some(match word {
                    "holds" => {
                        r.take(word);
                        PostStmtKind::Holds(r.held_names()?)
                    }
                    "holder" => {
                        r.take(word);
                        PostStmtKind::Holder(r.string()?)
                    }
                    "is" => {
                        r.take(word);
                        PostStmtKind::Is(r.idents()?)
                    }
                    "shared" => {
                        r.take(word);
                        r.keyword("with")?;
                        PostStmtKind::SharedWith(r.idents()?)
                    }
                    _ => {
                        let relation = r.ident()?;
                        PostStmtKind::Relation {
                            relation,
                            targets: r.idents()?,
                        }
                    }
                })
            },
            |kind| match kind {
                PostStmtKind::Holder(s) => s.span,
                PostStmtKind::Holds(held) => held[held.len() - 1].end(),
                PostStmtKind::Is(names)
                | PostStmtKind::SharedWith(names)
                | PostStmtKind::Relation { targets: names, .. } => names[names.len() - 1].span,
            },
        )?;
        decl.stmts = block
            .stmts
            .into_iter()
            .map(|(kind, span)| PostStmt { kind, span })
            .collect();
        decl.span = Span::new(head_span.start as usize, block.end);
        decl.close = Some(block.close);
        decl.bad_lines = block.bad_lines;
        Some(decl)
    }

    fn record(&mut self) -> Option<AssuranceDecl> {
        let (name, title, head_span) = self.head("assurance")?;
        let mut decl = AssuranceDecl::from(DeclHead {
            name,
            title,
            doc: self.doc(head_span.start),
            head_span,
            span: head_span,
        });
        let block = self.statements(
            Context::Assurance,
            |r, word| {
                Some(match word {
                    "covers" => {
                        r.take(word);
                        AssuranceStmtKind::Covers(r.idents()?)
                    }
                    "dated" => {
                        r.take(word);
                        AssuranceStmtKind::Dated(r.date()?)
                    }
                    "by" => {
                        r.take(word);
                        AssuranceStmtKind::By(r.string()?)
                    }
                    "addresses" => {
                        r.take(word);
                        AssuranceStmtKind::Addresses(r.idents()?)
                    }
                    _ => return None,
                })
            },
            |kind| match kind {
                AssuranceStmtKind::Covers(names) | AssuranceStmtKind::Addresses(names) => names[names.len() - 1].span,
                AssuranceStmtKind::Dated(d) => d.span,
                AssuranceStmtKind::By(s) => s.span,
            },
        )?;
        decl.stmts = block
            .stmts
            .into_iter()
            .map(|(kind, span)| AssuranceStmt { kind, span })
            .collect();
        decl.span = Span::new(head_span.start as usize, block.end);
        decl.close = Some(block.close);
        decl.bad_lines = block.bad_lines;
        Some(decl)
    }
}

/// The statements of a block as [`Reader::statements`] reads them.
struct Statements<K> {
    stmts: Vec<(K, Span)>,
    bad_lines: Vec<String>,
    close: Span,
    end: usize,
}
