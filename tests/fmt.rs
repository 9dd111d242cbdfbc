//! The formatter's promises, tested on every fixture, example, stdlib file, drafting
//! example, generated council and `regard init` starter, and on randomly re-spaced
//! versions of them:
//! - idempotent: formatting formatted text changes nothing;
//! - meaning-preserving: `regard check`'s JSON, less positions, is the same before and
//!   after, and so is the outcome of `regard test` on annotated fixtures;
//! - nothing lost: the same tokens in the same order (strings byte for byte), the same
//!   comments, and a blank line wherever the input had one between statements;
//! - canonical: re-spacing a file (indentation, spaces, tabs, trailing whitespace,
//!   statements broken inside parentheses) does not change what it formats to.
//!
//! The tokens and comments are read by a small lexer of this file's own, so that a
//! mistake in the formatter's lexer cannot hide itself.
//!
//! Messy inputs and their formatted output are snapshots: `tests/fmt/*.unformatted`
//! (not `.regard`, so that `regard fmt .` at the top of the repository leaves them be).

use std::path::{Path, PathBuf};

use regard::generate::{self, Config};
use regard::{Input, Options, Session};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `*.regard` below `dir`, sorted.
fn regard_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "regard") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// One text to format, and whether it is part of the standard library (checked
/// without loading the library a second time).
struct Sample {
    name: String,
    text: String,
    stdlib: bool,
}

/// Everything regard ships or tests with that parses.
fn corpus() -> Vec<Sample> {
    let mut samples = Vec::new();
    for dir in ["tests/ui", "examples", "stdlib", "docs/drafting"] {
        for path in regard_files(&root().join(dir)) {
            // A file that is not UTF-8 (the fixture of E0002) does not parse either.
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if !regard::syntax::parse(&text).errors.is_empty() {
                continue;
            }
            samples.push(Sample {
                name: path.strip_prefix(root()).unwrap().display().to_string(),
                text,
                stdlib: dir == "stdlib",
            });
        }
    }
    let generated = generate::councils(Config {
        councils: 40,
        seed: 5,
        problem_rate: 0.3,
        extra_posts: 4,
    });
    for g in generated {
        if regard::syntax::parse(&g.text).errors.is_empty() {
            samples.push(Sample {
                name: g.path,
                text: g.text,
                stdlib: false,
            });
        }
    }
    samples.push(Sample {
        name: "init/northshire.regard".into(),
        text: regard::init::starter("northshire", "Northshire County Council").unwrap(),
        stdlib: false,
    });
    assert!(samples.len() > 100, "only {} samples", samples.len());
    samples
}

fn format(text: &str) -> String {
    match regard::fmt::format(text) {
        Ok(formatted) => formatted,
        Err(errors) => panic!("does not parse: {errors:?}\n{text}"),
    }
}

// ─── An independent lexer ─────────────────────────────────────────────────────────

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Space(String),
    Code(String),
    Str(String),
    Comment(String),
    Newline,
}

fn pieces(text: &str) -> Vec<Piece> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let take = |i: &mut usize, keep: &dyn Fn(char) -> bool| {
        let start = *i;
        while *i < chars.len() && keep(chars[*i]) {
            *i += 1;
        }
        chars[start..*i].iter().collect::<String>()
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\r' || c == '\n' {
            i += if c == '\r' && chars.get(i + 1) == Some(&'\n') {
                2
            } else {
                1
            };
            out.push(Piece::Newline);
        } else if c == ' ' || c == '\t' {
            out.push(Piece::Space(take(&mut i, &|c| c == ' ' || c == '\t')));
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            out.push(Piece::Comment(
                take(&mut i, &|c| c != '\n' && c != '\r').trim_end().to_string(),
            ));
        } else if c == '"' {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != '"' && chars[i] != '\n' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i = (i + 1).min(chars.len());
            out.push(Piece::Str(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            // Numbers and dates.
            out.push(Piece::Code(take(&mut i, &|c| c.is_ascii_digit() || c == '-')));
        } else if c.is_alphanumeric() || c == '_' {
            out.push(Piece::Code(take(&mut i, &|c| c.is_alphanumeric() || c == '_')));
        } else if c == '-' && chars.get(i + 1) == Some(&'>') {
            i += 2;
            out.push(Piece::Code("->".into()));
        } else {
            i += 1;
            out.push(Piece::Code(c.to_string()));
        }
    }
    out
}

/// The code tokens and strings, in order.
fn tokens(text: &str) -> Vec<String> {
    pieces(text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Code(t) | Piece::Str(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The comments, in order, with `//~^^` test annotations' carets (which the formatter
/// recounts when lines come or go) reduced to one.
fn comments(text: &str) -> Vec<String> {
    pieces(text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Comment(c) => Some(collapse_carets(&c)),
            _ => None,
        })
        .collect()
}

fn collapse_carets(comment: &str) -> String {
    let mut out = String::new();
    let mut previous = ' ';
    for c in comment.chars() {
        if !(c == '^' && previous == '^') {
            out.push(c);
        }
        previous = c;
    }
    out
}

/// For each line that starts a statement or holds a comment: the index of its first
/// token or comment (the same in input and output, as the order is kept), whether a
/// blank line precedes it, and whether it may lose that blank line (it closes a block,
/// or follows a line that opens one, or starts the file).
fn line_starts(text: &str) -> Vec<(usize, bool, bool)> {
    let mut out = Vec::new();
    let (mut index, mut depth, mut blank, mut at_start) = (0usize, 0i32, false, true);
    let mut previous_opens = true;
    let mut line_empty = true;
    for piece in pieces(text) {
        match piece {
            Piece::Newline => {
                if line_empty && depth == 0 {
                    blank = true;
                }
                at_start = depth == 0;
                line_empty = true;
            }
            Piece::Space(_) => {}
            Piece::Code(ref t) | Piece::Str(ref t) | Piece::Comment(ref t) => {
                if at_start {
                    let closes = t == "}";
                    out.push((index, blank, closes || previous_opens));
                    blank = false;
                    at_start = false;
                }
                line_empty = false;
                if let Piece::Code(_) = piece {
                    depth += match t.as_str() {
                        "(" => 1,
                        ")" => -1,
                        _ => 0,
                    };
                    previous_opens = t == "{";
                } else if let Piece::Comment(_) = piece {
                    previous_opens = false;
                }
                index += 1;
            }
        }
    }
    out
}

// ─── Meaning ──────────────────────────────────────────────────────────────────────

/// `regard check --format json` on a sample, without spans and positions.
fn meaning(sample: &Sample, text: &str) -> serde_json::Value {
    let options = Options {
        as_of: regard::expect::as_of(text).unwrap_or_else(|| "2025-06-01".parse().unwrap()),
        stdlib: !sample.stdlib,
        as_of_given: false,
    };
    let mut inputs = vec![Input::text(sample.name.clone(), text)];
    if sample.stdlib {
        // The library is checked whole, with this file in its formatted or original form.
        for (name, other) in regard::stdlib::FILES {
            if !sample.name.ends_with(name) {
                inputs.push(Input::text(format!("stdlib/{name}"), *other));
            }
        }
    }
    let mut session = Session::new(inputs, options);
    let diagnostics = session.diagnostics();
    regard::invariants::without_positions(&session.render(regard::Format::Json, &diagnostics, false))
}

/// Whether `regard test` passes the sample, as written.
fn passes_its_annotations(name: &str, text: &str) -> bool {
    let options = Options {
        as_of: "2025-06-01".parse().unwrap(),
        stdlib: true,
        as_of_given: false,
    };
    regard::expect::run(&[Input::text(name, text)], &[], options)[0].passed()
}

// ─── The properties ───────────────────────────────────────────────────────────────

/// Everything the formatter promises about `input` and `formatted`.
fn assert_nothing_lost(name: &str, input: &str, formatted: &str) {
    assert_eq!(tokens(input), tokens(formatted), "{name}: tokens changed");
    assert_eq!(comments(input), comments(formatted), "{name}: comments changed");
    let after = line_starts(formatted);
    for (index, blank, may_lose) in line_starts(input) {
        if blank && !may_lose {
            // A line that was joined to the one before (inside parentheses) has no start.
            if let Some(&(_, kept, _)) = after.iter().find(|(i, _, _)| *i == index) {
                assert!(
                    kept,
                    "{name}: the blank line before token {index} was lost\n{formatted}"
                );
            }
        }
    }
    assert!(formatted.ends_with('\n'), "{name}: no final newline");
    for (n, line) in formatted.lines().enumerate() {
        assert_eq!(line.trim_end(), line, "{name}: trailing whitespace on line {}", n + 1);
        assert!(!line.starts_with('\t'), "{name}: a tab indents line {}", n + 1);
    }
    assert!(!formatted.contains("\n\n\n"), "{name}: two blank lines in a row");
}

#[test]
fn formatting_is_idempotent_and_loses_nothing() {
    for sample in corpus() {
        let formatted = format(&sample.text);
        assert_eq!(format(&formatted), formatted, "{}: not idempotent", sample.name);
        assert_nothing_lost(&sample.name, &sample.text, &formatted);
    }
}

#[test]
fn formatting_never_changes_what_check_reports() {
    for sample in corpus() {
        let formatted = format(&sample.text);
        if formatted == sample.text {
            continue;
        }
        assert_eq!(
            meaning(&sample, &sample.text),
            meaning(&sample, &formatted),
            "{}: formatting changed the diagnostics",
            sample.name
        );
    }
}

#[test]
fn shipped_files_and_fixtures_are_formatted() {
    let mut unformatted = Vec::new();
    for sample in corpus().iter().filter(|s| !s.name.starts_with("council_")) {
        let formatted = format(&sample.text);
        if formatted != sample.text {
            unformatted.push(regard::fmt::diff(&sample.name, &sample.text, &formatted));
        }
    }
    assert!(
        unformatted.is_empty(),
        "run `cargo run -- fmt stdlib examples docs/drafting tests/ui`:\n{}",
        unformatted.concat()
    );
}

// ─── Re-spaced inputs ─────────────────────────────────────────────────────────────

/// Re-spaces `text` without changing its meaning: other indentation, wider gaps
/// between tokens, spaces inside parentheses and before commas, trailing whitespace,
/// and (when the file has no test annotations that count lines) doubled blank lines
/// and statements broken inside parentheses. The gap before a trailing comment is left
/// alone: the formatter keeps it, as people align comments by hand. So are the line
/// breaks of a statement with a comment inside its parentheses, which the formatter
/// keeps too.
fn respace(text: &str, rng: &mut fastrand::Rng) -> String {
    let lines_may_move = !text.contains("//~^");
    let pieces = pieces(text);
    let mut out = String::new();
    let mut depth = 0i32;
    let indent = |rng: &mut fastrand::Rng| ["", " ", "    ", "\t", "      ", "\t  "][rng.usize(..6)].to_string();
    let gap = |rng: &mut fastrand::Rng| [" ", "  ", "\t", " \t "][rng.usize(..4)].to_string();
    let mut at_line_start = true;
    let mut commented = false;
    for (i, piece) in pieces.iter().enumerate() {
        let next = pieces.get(i + 1);
        if at_line_start && !matches!(piece, Piece::Newline) {
            // A continuation line inside parentheses, or a new line.
            out.push_str(&indent(rng));
            at_line_start = false;
            if let Piece::Space(_) = piece {
                continue;
            }
        }
        match piece {
            Piece::Newline => {
                if rng.u8(..4) == 0 && !matches!(pieces.get(i.wrapping_sub(1)), Some(Piece::Comment(_))) {
                    out.push_str(&gap(rng));
                }
                out.push('\n');
                let blank_follows = matches!(next, Some(Piece::Newline));
                if lines_may_move && blank_follows && depth == 0 && rng.bool() {
                    out.push('\n');
                }
                at_line_start = true;
            }
            Piece::Space(s) => match next {
                Some(Piece::Comment(_)) => out.push_str(s),
                _ => out.push_str(&gap(rng)),
            },
            Piece::Comment(c) => out.push_str(c),
            Piece::Str(s) => out.push_str(s),
            Piece::Code(t) => {
                let spaced_punctuation = matches!(t.as_str(), "(" | ")" | "," | ":");
                if spaced_punctuation && !matches!(out.chars().last(), Some(' ' | '\t')) && rng.u8(..3) == 0 {
                    out.push(' ');
                }
                out.push_str(t);
                match t.as_str() {
                    "(" => {
                        if depth == 0 {
                            commented = comment_before_close(&pieces[i..]);
                        }
                        depth += 1;
                    }
                    ")" => depth -= 1,
                    _ => {}
                }
                let breakable = depth > 0 && !commented && matches!(t.as_str(), "(" | "or" | "and" | ",");
                if lines_may_move && breakable && rng.u8(..3) == 0 {
                    out.push('\n');
                    at_line_start = true;
                } else if spaced_punctuation && matches!(next, Some(Piece::Code(_))) && rng.u8(..3) == 0 {
                    out.push(' ');
                }
            }
        }
    }
    out
}

/// Whether a comment comes before the parenthesis opening `pieces` is closed.
fn comment_before_close(pieces: &[Piece]) -> bool {
    let mut depth = 0;
    for piece in pieces {
        match piece {
            Piece::Code(t) if t == "(" => depth += 1,
            Piece::Code(t) if t == ")" => {
                depth -= 1;
                if depth == 0 {
                    return false;
                }
            }
            Piece::Comment(_) => return true,
            _ => {}
        }
    }
    false
}

#[test]
fn respaced_files_format_the_same() {
    let runs: usize = std::env::var("REGARD_RESPACINGS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let mut rng = fastrand::Rng::with_seed(0x5eed);
    for sample in corpus() {
        let expected = format(&sample.text);
        for run in 0..runs {
            let respaced = respace(&sample.text, &mut rng);
            let formatted = match regard::fmt::format(&respaced) {
                Ok(formatted) => formatted,
                Err(errors) => panic!(
                    "{} (run {run}): re-spacing broke the file: {errors:?}\n{respaced}",
                    sample.name
                ),
            };
            assert_nothing_lost(&sample.name, &respaced, &formatted);
            // Re-spaced files are good tests of the parser's fast path too.
            assert_eq!(
                regard::syntax::parse_fast(&respaced),
                Some(regard::syntax::parse_with_grammar(&respaced)),
                "{} (run {run}): the parser's fast path and the grammar disagree on\n{respaced}",
                sample.name
            );
            assert_eq!(
                formatted, expected,
                "{} (run {run}): re-spaced, it formats differently; the re-spaced input:\n{respaced}",
                sample.name
            );
        }
    }
}

#[test]
fn annotated_fixtures_still_pass_after_formatting_respaced_versions() {
    let mut rng = fastrand::Rng::with_seed(7);
    for path in regard_files(&root().join("tests/ui")) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.display().to_string();
        if !regard::syntax::parse(&text).errors.is_empty() || !passes_its_annotations(&name, &text) {
            continue;
        }
        // Blank lines doubled everywhere, whatever annotations count across them.
        let doubled = text.replace("\n\n", "\n\n\n\n").replace("{\n", "{\n\n");
        let Ok(formatted) = regard::fmt::format(&doubled) else {
            continue;
        };
        assert!(
            passes_its_annotations(&name, &formatted),
            "{name}: annotations lost their lines\n{formatted}"
        );
        let respaced = respace(&text, &mut rng);
        let formatted = format(&respaced);
        assert!(
            passes_its_annotations(&name, &formatted),
            "{name}: annotations lost their lines\n{formatted}"
        );
    }
}

// ─── Snapshots of messy inputs ────────────────────────────────────────────────────

#[test]
fn messy_inputs() {
    insta::glob!("fmt/*.unformatted", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let formatted = format(&text);
        assert_nothing_lost(&path.display().to_string(), &text, &formatted);
        assert_eq!(format(&formatted), formatted);
        insta::assert_snapshot!(formatted);
    });
}
