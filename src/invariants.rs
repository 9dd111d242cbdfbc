//! The properties every input must have, whatever its bytes: reading never fails
//! (E0002 for what is not UTF-8), the fast parser agrees with the grammar, checking and
//! every renderer finish, no character of the input reaches a terminal raw (every output
//! format of `regard check`, as [`crate::Format::ALL`] lists them, and `fmt --check`'s
//! diff), the machine formats are JSON, every output puts a finding on the same line, the
//! Markdown report carries no markup from the input, the HTML report and the chart hold
//! only characters XML allows, and formatting is idempotent, keeps every comment and
//! leaves what `regard check` reports unchanged. The fuzz target (`fuzz/`) and the property tests
//! (`tests/properties.rs`) both call [`check_input`], so they test the same promise.

use crate::db::Contents;
use crate::{Input, Options, Session};

/// Markdown text without its code spans, where `<` is shown as itself and is not markup
/// (CommonMark: a code span runs from a run of backticks to the next run of as many).
fn outside_code_spans(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(open) = rest.find('`') {
        out.push_str(&rest[..open]);
        let run = rest[open..].len() - rest[open..].trim_start_matches('`').len();
        let after = &rest[open + run..];
        let fence = "`".repeat(run);
        // The closing run: exactly as many backticks, not part of a longer run.
        let mut search = 0;
        let close = loop {
            match after[search..].find(&fence) {
                Some(at) => {
                    let at = search + at;
                    let len = after[at..].len() - after[at..].trim_start_matches('`').len();
                    if len == run {
                        break Some(at);
                    }
                    search = at + len;
                }
                None => break None,
            }
        };
        match close {
            Some(at) => rest = &after[at + run..],
            None => {
                // No closing run: the backticks are text.
                out.push_str(&rest[open..open + run]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Runs `bytes` through everything regard does with a file; panics, naming the
/// property, when one does not hold.
pub fn check_input(bytes: &[u8]) {
    let options = Options {
        as_of: jiff::civil::date(2025, 6, 1),
        stdlib: true,
        as_of_given: false,
    };
    let contents = crate::files::contents_of(bytes.to_vec());
    let text = match &contents {
        Contents::Text(text) => Some(text.clone()),
        _ => None,
    };
    let mut session = Session::new(
        vec![Input {
            path: "input.regard".into(),
            contents: contents.clone(),
        }],
        options,
    );
    let diagnostics = session.diagnostics();
    let json = session.render(crate::Format::Json, &diagnostics, false);
    let _ = session.render(crate::Format::Human, &diagnostics, true);
    for format in crate::Format::ALL {
        let output = session.render(format, &diagnostics, false);
        assert_safe_in_terminal(&output, format.name());
        if format.is_json() {
            serde_json::from_str::<serde_json::Value>(&output)
                .unwrap_or_else(|e| panic!("the {} output is not JSON: {e}", format.name()));
        }
        if format == crate::Format::Github {
            same_lines(&json, &output);
        }
    }
    file_name_stays_on_its_line(bytes, &contents, options);
    if let Ok(report) = crate::report::build(&mut session, None) {
        let markdown = crate::report::markdown::render(&report);
        assert!(
            !outside_code_spans(&markdown).contains('<'),
            "the Markdown report holds markup from the input: {markdown:?}"
        );
        let html = crate::report::html::render(&report);
        assert!(
            html.chars().all(crate::diagnostics::escape::is_xml_char),
            "the HTML report holds a character XML forbids"
        );
        for statement in &report.councils {
            let svg = crate::report::chart::svg(&statement.name, &statement.posts);
            assert!(
                svg.chars().all(crate::diagnostics::escape::is_xml_char),
                "the chart holds a character XML forbids"
            );
        }
    }
    let Some(text) = text else { return };

    let reference = crate::syntax::parse_with_grammar(&text);
    match crate::syntax::parse_fast(&text) {
        Some(fast) => assert_eq!(fast, reference, "the fast path and the grammar disagree on {text:?}"),
        None => assert!(
            !reference.errors.is_empty(),
            "the fast path gave up on a file the grammar accepts: {text:?}"
        ),
    }
    assert_eq!(
        crate::syntax::parse(&text),
        reference,
        "`parse` differs from the grammar on {text:?}"
    );

    if let Ok(formatted) = crate::fmt::format(&text) {
        assert_safe_in_terminal(&crate::fmt::diff("input.regard", &text, &formatted), "the diff");
        let mut edited = text.clone();
        for (span, replacement) in crate::fmt::line_edits(&text, &formatted).into_iter().rev() {
            edited.replace_range(span.start as usize..span.end as usize, &replacement);
        }
        assert_eq!(
            edited, formatted,
            "the editor's formatting edits do not give the formatted text"
        );
        assert_eq!(
            crate::fmt::format(&formatted).as_ref(),
            Ok(&formatted),
            "formatting is not idempotent on {text:?}"
        );
        // The formatter recounts the carets of `//~^` test annotations when blank lines
        // move (so that they point at the same line); everything else stays as written.
        let recounted = |text: &str| -> Vec<String> {
            comments(text)
                .into_iter()
                .map(|c| match c.strip_prefix("//~") {
                    Some(rest) => format!("//~{}", rest.trim_start_matches('^')),
                    None => c.to_string(),
                })
                .collect()
        };
        assert_eq!(
            recounted(&formatted),
            recounted(&text),
            "formatting lost or changed a comment in {text:?}"
        );
        if formatted != text {
            let mut after = Session::new(vec![Input::text("input.regard", formatted)], options);
            let after_diagnostics = after.diagnostics();
            assert_eq!(
                without_positions(&json),
                without_positions(&after.render(crate::Format::Json, &after_diagnostics, false)),
                "formatting changed what `regard check` reports on {text:?}"
            );
        }
    }
}

/// The input's first bytes as part of a file name (line breaks and controls included):
/// each concise line still starts with the name, escaped, so no name forges a line;
/// and JSON carries the name as it is.
fn file_name_stays_on_its_line(bytes: &[u8], contents: &Contents, options: Options) {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(24)]).replace('\0', "");
    let name = format!("in{head}.regard");
    let mut session = Session::new(
        vec![Input {
            path: name.clone(),
            contents: contents.clone(),
        }],
        options,
    );
    let diagnostics = session.diagnostics();
    let concise = session.render(crate::Format::Concise, &diagnostics, false);
    let shown = crate::diagnostics::escape::one_line(&name);
    for line in concise.lines() {
        assert!(
            line.starts_with(&*shown) || line.starts_with("<stdlib>"),
            "a concise line does not start with its file: {line:?}"
        );
    }
    assert_eq!(concise.lines().count(), diagnostics.len(), "one line per finding");
    let json = session.render(crate::Format::Json, &diagnostics, false);
    let value: serde_json::Value = serde_json::from_str(&json).expect("regard's JSON output parses");
    for d in value["diagnostics"].as_array().into_iter().flatten() {
        let file = d["file"].as_str().unwrap_or_default();
        assert!(
            file == name || file.starts_with("<stdlib>"),
            "JSON names {file:?}, not {name:?}"
        );
    }
}

/// Panics if `output` holds a character that must not reach a terminal raw.
fn assert_safe_in_terminal(output: &str, what: &str) {
    if let Some(c) = output
        .chars()
        .find(|&c| crate::diagnostics::escape::is_unsafe_in_terminal(c))
    {
        panic!("{what} shows {c:?} raw: {output:?}");
    }
}

/// Panics unless GitHub's annotations are on the lines JSON gives.
fn same_lines(json: &str, github: &str) {
    let value: serde_json::Value = serde_json::from_str(json).expect("regard's JSON output parses");
    let json_lines: Vec<u64> = value["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["range"]["start"]["line"].as_u64())
        .collect();
    let github_lines: Vec<u64> = github
        .lines()
        .filter_map(|l| l.split(",line=").nth(1)?.split(',').next()?.parse().ok())
        .collect();
    assert_eq!(json_lines, github_lines, "JSON and GitHub output disagree on lines");
}

/// The comments in a file that parses, in order, without trailing whitespace.
fn comments(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut in_string = false;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' if in_string => {
                chars.next();
            }
            '"' => in_string = !in_string,
            '/' if !in_string && chars.peek().is_some_and(|&(_, next)| next == '/') => {
                let end = text[at..].find(['\n', '\r']).map_or(text.len(), |n| at + n);
                found.push(text[at..end].trim_end());
                while chars.peek().is_some_and(|&(next, _)| next < end) {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    found
}

/// `regard check --format json` output with every `span` and `range` removed: what it
/// says, not where.
pub fn without_positions(json: &str) -> serde_json::Value {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.remove("span");
                map.remove("range");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value: serde_json::Value = serde_json::from_str(json).expect("regard's JSON output parses");
    strip(&mut value);
    value
}

#[cfg(test)]
mod tests {
    #[test]
    fn comments_are_found_outside_strings_only() {
        let text = "role A // one  \n/// two\nrole B \"not // this \\\" // nor this\" // three\r\nrole C";
        assert_eq!(super::comments(text), ["// one", "/// two", "// three"]);
    }
}
