//! The formatter: one canonical layout for regard files, that never loses what the user
//! wrote.
//!
//! It works on the tokens of the user's text, line by line, rather than printing a
//! syntax tree: every comment stays on the line it was on (or above the statement it was
//! above), every string is copied byte for byte, and the order of everything is kept.
//! Only whitespace changes: two spaces of indentation a level, one space between words,
//! `a, b` in lists, `combine(A, B)`, one blank line between blocks (and at most one
//! anywhere), no trailing whitespace, a final newline. A file with a syntax error is not
//! formatted at all.
//!
//! Where the layout is a matter of taste it keeps the user's choice: the space before a
//! trailing comment (often aligned by hand), whether consecutive one-line items are
//! separated by a blank line, and the line breaks of a statement with a comment inside
//! its parentheses. docs/formatting.md describes the layout for users.
//!
//! INVARIANT: the output has the input's tokens and comments in the input's order; only
//! whitespace changes, and the carets of `//~^` test annotations, recounted so that they
//! point at the same line. tests/fmt.rs checks this with a lexer of its own.

mod diff;
mod edits;

pub use diff::diff;
pub use edits::line_edits;

use crate::Session;
use crate::db::{self, Contents, SourceFile};
use crate::diagnostics::Diagnostic;
use crate::syntax::{self, SyntaxError};

/// Formats a file's text; `Err` with its syntax errors when it does not parse.
pub fn format(text: &str) -> Result<String, Vec<SyntaxError>> {
    let parse = syntax::parse(text);
    if !parse.errors.is_empty() {
        return Err(parse.errors);
    }
    Ok(format_parsed(text))
}

/// Formats text known to parse. A byte-order mark is kept, and so are Windows line
/// endings when the file's first line ends with one.
fn format_parsed(text: &str) -> String {
    let tokens = lex(text);
    let lines = layout(&tokens);
    let formatted = render(&lines);
    let bom = if text.starts_with('\u{feff}') { "\u{feff}" } else { "" };
    let crlf = text.find('\n').is_some_and(|at| text[..at].ends_with('\r'));
    match crlf {
        true => format!("{bom}{}", formatted.replace('\n', "\r\n")),
        false => format!("{bom}{formatted}"),
    }
}

/// What formatting one file gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The file is already in the canonical layout.
    Unchanged,
    /// The file's text in the canonical layout.
    Changed(String),
    /// The file was not formatted: it cannot be read as regard. Why, as diagnostics.
    Refused(Vec<Diagnostic>),
}

/// Formats every user file of a session, in file order.
pub fn format_files(session: &Session) -> Vec<(SourceFile, Outcome)> {
    session
        .user_files()
        .into_iter()
        .map(|file| (file, format_file(&session.db, file)))
        .collect()
}

/// Formats one file of the database.
pub fn format_file(db: &dyn salsa::Database, file: SourceFile) -> Outcome {
    let problems = db::input_diagnostics(db, file);
    if !problems.is_empty() {
        return Outcome::Refused(problems);
    }
    let Contents::Text(text) = file.contents(db) else {
        // Unreachable: a file that is not text has a diagnostic above.
        return Outcome::Unchanged;
    };
    match format_parsed(text) {
        formatted if &formatted == text => Outcome::Unchanged,
        formatted => Outcome::Changed(formatted),
    }
}

/// The line `regard fmt` ends with: "formatted 2 files, 5 already formatted, 1 not
/// formatted (see the errors above)", or with `--check` "2 files would be formatted,
/// ...". Counts of nothing are left out.
pub fn summary_line(check: bool, changed: usize, unchanged: usize, refused: usize) -> String {
    let files = |n: usize| format!("{n} file{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if changed > 0 {
        parts.push(match check {
            true => format!("{} would be formatted", files(changed)),
            false => format!("formatted {}", files(changed)),
        });
    }
    if unchanged > 0 {
        let already = format!("{} already formatted", files(unchanged));
        // "formatted 2 files, 5 already formatted": the word "files" once is enough.
        parts.push(if parts.is_empty() {
            already
        } else {
            format!("{unchanged} already formatted")
        });
    }
    if refused > 0 {
        let not = format!("{} not formatted (see the errors above)", files(refused));
        parts.push(if parts.is_empty() {
            not
        } else {
            format!("{refused} not formatted (see the errors above)")
        });
    }
    if parts.is_empty() {
        return "no regard files found".into();
    }
    parts.join(", ")
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token<'a> {
    /// A name, keyword, number or date.
    Word(&'a str),
    /// A string literal, exactly as written.
    Str(&'a str),
    /// Punctuation: `{ } ( ) , : . ->`.
    Punct(&'a str),
    /// A comment, without trailing whitespace, and the whitespace before it.
    Comment {
        gap: &'a str,
        text: &'a str,
    },
    Newline,
}

fn lex(text: &str) -> Vec<Token<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut gap_start = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                i += 2;
                tokens.push(Token::Newline);
            }
            b'\n' | b'\r' => {
                i += 1;
                tokens.push(Token::Newline);
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = text[i..].find(['\n', '\r']).map_or(text.len(), |e| i + e);
                tokens.push(Token::Comment {
                    gap: &text[gap_start..i],
                    text: text[i..end].trim_end(),
                });
                i = end;
            }
            b'"' => {
                let mut j = i + 1;
                while j < bytes.len() && !matches!(bytes[j], b'\n' | b'\r') {
                    match bytes[j] {
                        b'\\' => j += 2,
                        b'"' => {
                            j += 1;
                            break;
                        }
                        _ => j += 1,
                    }
                }
                let j = j.min(bytes.len());
                tokens.push(Token::Str(&text[i..j]));
                i = j;
            }
            b'-' if bytes.get(i + 1) == Some(&b'>') => {
                tokens.push(Token::Punct("->"));
                i += 2;
            }
            b'0'..=b'9' => {
                let end = i + text[i..]
                    .find(|c: char| !(c.is_ascii_digit() || c == '-'))
                    .unwrap_or(text.len() - i);
                tokens.push(Token::Word(&text[i..end]));
                i = end;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let end = i + text[i..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(text.len() - i);
                tokens.push(Token::Word(&text[i..end]));
                i = end;
            }
            _ => {
                let len = text[i..].chars().next().map_or(1, char::len_utf8);
                tokens.push(Token::Punct(&text[i..i + len]));
                i += len;
            }
        }
        gap_start = i;
    }
    tokens
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Blank,
    /// A comment on a line of its own.
    Comment,
    /// A line that opens a block.
    Open,
    /// A line that closes a block.
    Close,
    Statement,
}

/// One output line, before blank lines are settled.
#[derive(Debug)]
struct Line {
    kind: Kind,
    depth: usize,
    /// The code, spaced; empty for a comment or blank line.
    code: String,
    comment: Option<Comment>,
    /// The physical lines of the input it comes from (several when a statement ran on
    /// inside parentheses).
    source: std::ops::RangeInclusive<usize>,
}

/// A comment and where it was.
#[derive(Debug)]
struct Comment {
    /// The whitespace kept between code and a trailing comment.
    gap: String,
    text: String,
    /// The physical line it was on.
    line: usize,
}

/// Lays out the tokens: one output line per statement (joined from several physical
/// lines when parentheses carried it on, unless a comment sits inside), indented by
/// depth.
fn layout(tokens: &[Token<'_>]) -> Vec<Line> {
    let physical: Vec<&[Token<'_>]> = tokens.split(|t| *t == Token::Newline).collect();
    let mut lines = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < physical.len() {
        let start = i;
        // A statement runs on while a parenthesis is open.
        let mut group = vec![physical[i]];
        let mut parens: i64 = parens_in(physical[i]);
        while parens > 0 && i + 1 < physical.len() {
            i += 1;
            group.push(physical[i]);
            parens += parens_in(physical[i]);
        }
        i += 1;

        let code: Vec<&Token<'_>> = group
            .iter()
            .flat_map(|l| l.iter())
            .filter(|t| !matches!(t, Token::Comment { .. }))
            .collect();
        if code.is_empty() {
            let comment = comment_of(group[0], start);
            let kind = if comment.is_some() { Kind::Comment } else { Kind::Blank };
            lines.push(Line {
                kind,
                depth,
                code: String::new(),
                comment,
                source: start..=start,
            });
            continue;
        }
        let closes = matches!(code.first(), Some(Token::Punct("}")));
        let opens = matches!(code.last(), Some(Token::Punct("{")));
        if closes {
            depth = depth.saturating_sub(1);
        }
        let kind = match (closes, opens) {
            (true, _) => Kind::Close,
            (false, true) => Kind::Open,
            (false, false) => Kind::Statement,
        };
        // Comments inside a multi-line statement keep its line breaks; otherwise the
        // statement is one line, with its trailing comment.
        let inner_comment = group.len() > 1
            && group[..group.len() - 1]
                .iter()
                .any(|l| l.iter().any(|t| matches!(t, Token::Comment { .. })));
        if inner_comment {
            for (n, part) in group.iter().enumerate() {
                let line = start + n;
                let code: Vec<&Token<'_>> = part.iter().filter(|t| !matches!(t, Token::Comment { .. })).collect();
                let comment = comment_of(part, line);
                if code.is_empty() && comment.is_none() {
                    continue;
                }
                // Continuation lines are indented two levels further.
                let code = match (n, code.is_empty()) {
                    (_, true) => String::new(),
                    (0, false) => join_tokens(&code),
                    (_, false) => format!("    {}", join_tokens(&code)),
                };
                let comment = comment.map(|c| match code.is_empty() && n > 0 {
                    true => Comment {
                        gap: "    ".into(),
                        ..c
                    },
                    false => c,
                });
                let kind = if n == 0 { kind } else { Kind::Statement };
                lines.push(Line {
                    kind,
                    depth,
                    code,
                    comment,
                    source: line..=line,
                });
            }
        } else {
            let last = start + group.len() - 1;
            let comment = comment_of(group[group.len() - 1], last);
            lines.push(Line {
                kind,
                depth,
                code: join_tokens(&code),
                comment,
                source: start..=last,
            });
        }
        if opens {
            depth += 1;
        }
    }
    lines
}

fn parens_in(line: &[Token<'_>]) -> i64 {
    line.iter()
        .map(|t| match t {
            Token::Punct("(") => 1,
            Token::Punct(")") => -1,
            _ => 0,
        })
        .sum()
}

/// The comment on a physical line, if any (there is at most one: it runs to the end of
/// the line).
fn comment_of(line: &[Token<'_>], number: usize) -> Option<Comment> {
    line.iter().find_map(|t| match t {
        Token::Comment { gap, text } => Some(Comment {
            gap: match gap.is_empty() || gap.contains('\t') {
                true => " ".into(),
                false => gap.to_string(),
            },
            text: text.to_string(),
            line: number,
        }),
        _ => None,
    })
}

/// Code tokens with the canonical spacing: one space between words, none inside
/// parentheses or before a comma, none around `.`, and `combine(`.
fn join_tokens(tokens: &[&Token<'_>]) -> String {
    let mut out = String::new();
    let mut previous: Option<&Token<'_>> = None;
    for &token in tokens {
        let text = match token {
            Token::Word(w) | Token::Str(w) | Token::Punct(w) => *w,
            Token::Comment { .. } | Token::Newline => continue,
        };
        let tight = matches!(
            (previous, token),
            (None, _)
                | (_, Token::Punct(")" | "," | "."))
                | (Some(Token::Punct("(" | ".")), _)
                | (Some(Token::Word("combine")), Token::Punct("("))
        );
        if !tight {
            out.push(' ');
        }
        out.push_str(text);
        previous = Some(token);
    }
    out
}

/// Settles blank lines and prints: at most one blank line anywhere, none just inside a
/// block's braces or at the ends of the file, and one around every block (with the
/// comments directly above it).
fn render(lines: &[Line]) -> String {
    let mut keep: Vec<&Line> = Vec::new();
    for line in lines {
        let previous = keep.last().map(|l| l.kind);
        match line.kind {
            Kind::Blank if matches!(previous, None | Some(Kind::Blank | Kind::Open)) => continue,
            Kind::Close if previous == Some(Kind::Blank) => {
                keep.pop();
            }
            _ => {}
        }
        keep.push(line);
    }
    while keep.last().is_some_and(|l| l.kind == Kind::Blank) {
        keep.pop();
    }

    let mut out: Vec<Option<&Line>> = Vec::new();
    let kind_of = |l: Option<&Option<&Line>>| l.map(|l| l.map_or(Kind::Blank, |l| l.kind));
    for (i, line) in keep.iter().enumerate() {
        // A block, with the comments directly above it, is set off from what precedes.
        if line.kind == Kind::Comment || line.kind == Kind::Open {
            let starts_block = keep[i..]
                .iter()
                .find(|l| l.kind != Kind::Comment)
                .is_some_and(|l| l.kind == Kind::Open && l.depth == line.depth);
            let previous = kind_of(out.last());
            if starts_block && !matches!(previous, None | Some(Kind::Blank | Kind::Open | Kind::Comment)) {
                out.push(None);
            }
        }
        // What follows a block is set off from it, except comments that belong to the
        // block: test annotations (which point up) and comments that a blank line or the
        // end of the enclosing block separates from what comes next.
        let follows_block = kind_of(out.last()) == Some(Kind::Close);
        let belongs_above = line.kind == Kind::Comment
            && (line.comment.as_ref().is_some_and(|c| c.text.starts_with("//~"))
                || keep[i..]
                    .iter()
                    .find(|l| l.kind != Kind::Comment)
                    .is_none_or(|l| matches!(l.kind, Kind::Blank | Kind::Close)));
        if follows_block && !belongs_above && !matches!(line.kind, Kind::Blank | Kind::Close) {
            out.push(None);
        }
        out.push(Some(line));
    }

    // Where each input line went, for test annotations that count lines.
    let mut moved_to = std::collections::HashMap::new();
    for (n, line) in out.iter().enumerate() {
        if let Some(line) = line.filter(|l| l.kind != Kind::Blank) {
            for source in line.source.clone() {
                moved_to.insert(source, n);
            }
        }
    }

    let mut text = String::new();
    for (n, line) in out.iter().enumerate() {
        let Some(line) = line.filter(|l| l.kind != Kind::Blank) else {
            text.push('\n');
            continue;
        };
        text.push_str(&"  ".repeat(line.depth));
        text.push_str(&line.code);
        if let Some(comment) = &line.comment {
            // A comment alone on a line is indented like code; any other keeps its gap
            // (a comment alone on a continuation line has four spaces).
            if line.kind != Kind::Comment {
                text.push_str(&comment.gap);
            }
            text.push_str(&recount_annotations(&comment.text, comment.line, n, &moved_to));
        }
        text.push('\n');
    }
    text
}

/// Keeps `//~^` test annotations pointing at the line they pointed at: when blank lines
/// come or go between an annotation and its line, the carets are recounted.
fn recount_annotations(
    comment: &str,
    line: usize,
    now: usize,
    moved_to: &std::collections::HashMap<usize, usize>,
) -> String {
    let mut out = String::new();
    let mut rest = comment;
    while let Some(at) = rest.find("//~") {
        out.push_str(&rest[..at + 3]);
        rest = &rest[at + 3..];
        let carets = rest.chars().take_while(|&c| c == '^').count();
        let target = line.checked_sub(carets).and_then(|t| moved_to.get(&t));
        match target {
            Some(&target) if target <= now => out.push_str(&"^".repeat(now - target)),
            _ => out.push_str(&rest[..carets]),
        }
        rest = &rest[carets..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spacing_indentation_and_blank_lines_are_canonical() {
        let messy = "role   A \"a\"\n\n\n\nrole B\ncouncil x \"X\" {\n\n\tfollows  g1 ,g2\n   officer a \"A\" {   // head\n  holds A,B    // roles\n\n\n    reports_to  b\n\n  }\n  officer b \"B\" {\n  }\n\n}\n\n\n";
        let formatted = format(messy).unwrap();
        assert_eq!(
            formatted,
            "role A \"a\"\n\nrole B\n\ncouncil x \"X\" {\n  follows g1, g2\n\n  officer a \"A\" {   // head\n    holds A, B    // roles\n\n    reports_to b\n  }\n\n  officer b \"B\" {\n  }\n}\n"
        );
        assert_eq!(format(&formatted).unwrap(), formatted);
    }

    #[test]
    fn conditions_and_combine_are_spaced() {
        let text = "guidance g {\n  rule r {\n    should  not combine ( DCS ,_ )  unless holds DCS interim\n    should DCS reports_to ( Leader or\n        Mayor )\n    should DCS responsible_for (a and // kept\n      b)\n  }\n}\n";
        let formatted = format(text).unwrap();
        assert!(
            formatted.contains("    should not combine(DCS, _) unless holds DCS interim\n"),
            "{formatted}"
        );
        assert!(
            formatted.contains("    should DCS reports_to (Leader or Mayor)\n"),
            "{formatted}"
        );
        assert!(
            formatted.contains("    should DCS responsible_for (a and // kept\n        b)\n"),
            "{formatted}"
        );
        assert_eq!(format(&formatted).unwrap(), formatted);
    }

    #[test]
    fn strings_and_comments_are_kept_exactly() {
        let text = "council x \"  two  spaces \\\" and { braces } // not a comment\" {\n  // own line, with trailing spaces   \n}\n";
        let formatted = format(text).unwrap();
        assert!(formatted.contains("\"  two  spaces \\\" and { braces } // not a comment\""));
        assert!(formatted.contains("  // own line, with trailing spaces\n"));
    }

    #[test]
    fn line_edits_rebuild_the_formatted_text() {
        let before = "role A\n\n\n\nrole   B\ncouncil x \"X\" {\n}\n";
        let after = format(before).unwrap();
        let edits = line_edits(before, &after);
        let mut text = before.to_string();
        for (span, replacement) in edits.iter().rev() {
            text.replace_range(span.start as usize..span.end as usize, replacement);
        }
        assert_eq!(text, after);
        // The first line is left alone.
        assert!(edits.iter().all(|(span, _)| span.start > 0));
    }

    #[test]
    fn files_with_syntax_errors_are_refused() {
        assert!(format("council x {\n  holds\n}\n").is_err());
    }
}
