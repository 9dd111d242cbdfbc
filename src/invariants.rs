//! The properties every input must have, whatever its bytes: reading never fails
//! (E0002 for what is not UTF-8), the fast parser agrees with the grammar, checking and
//! every renderer finish, and formatting is idempotent, keeps every comment and leaves
//! what `regard check` reports unchanged. The fuzz target (`fuzz/`) and the property tests
//! (`tests/properties.rs`) both call [`check_input`], so they test the same promise.

use crate::db::Contents;
use crate::{Input, Options, Session};

/// Runs `bytes` through everything regard does with a file; panics, naming the
/// property, when one does not hold.
pub fn check_input(bytes: &[u8]) {
    let options = Options {
        as_of: jiff::civil::date(2025, 6, 1),
        stdlib: true,
    };
    let contents = crate::files::contents_of(bytes.to_vec());
    let text = match &contents {
        Contents::Text(text) => Some(text.clone()),
        _ => None,
    };
    let mut session = Session::new(
        vec![Input {
            path: "input.regard".into(),
            contents,
        }],
        options,
    );
    let diagnostics = session.diagnostics();
    let json = session.render_json(&diagnostics);
    let _ = session.render_human(&diagnostics, true);
    let _ = session.render_human(&diagnostics, false);
    let _ = session.render_sarif(&diagnostics);
    let _ = session.render_github(&diagnostics);
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
                without_positions(&after.render_json(&after_diagnostics)),
                "formatting changed what `regard check` reports on {text:?}"
            );
        }
    }
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
