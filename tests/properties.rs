//! Randomized properties, with proptest, over text that is mostly regard: sequences of
//! the language's keywords, names, literals and punctuation, with whitespace, comments
//! and stray bytes mixed in; and over arbitrary text. For every input:
//! - nothing panics, from parsing to rendering every output format;
//! - the parser's fast path, where it gives a result, gives the grammar's;
//! - what formats, formats to itself again, keeps its comments, and means the same.
//!
//! The fuzz target (`fuzz/`) checks the same on arbitrary bytes for as long as it is
//! run; this runs in seconds in `cargo test`.

use proptest::prelude::*;

#[rustfmt::skip]
const PIECES: &[&str] = &[
    "role", "body", "flag", "relation", "guidance", "rule", "council", "officer", "member", "assurance", "status",
    "statutory", "advisory", "issued", "by", "under", "replaces", "cite", "quote", "must", "should", "may", "not",
    "exists", "one", "combine", "requires", "when", "unless", "reading", "in_force", "until", "implies", "group", "except", "other_than", "vacant", "paragraphs", "aside", "to", "=", "and", "or", "holds", "holder", "is", "shared", "with",
    "dated", "within", "addresses", "covers", "follows", "depart", "for", "because", "post", "DCS", "LMCS",
    "ChiefExecutive", "Leader", "DASS", "reports_to", "member_of", "responsible_for", "LSCB", "education", "interim",
    "dcs_lmcs_2013", "dcs_lmcs_2013.dcs_on_lscb", "a", "b", "_", "12", "months", "2025-02-28", "2025-02-30",
    "\"A title\"", "\"esc \\\" \\\\ \\n\"", "\"bad \\t\"", "\"unclosed", "{", "}", "(", ")", ",", ":", "->", ".",
    " ", " ", " ", "  ", "\t", "\n", "\n", "\n", "\n  ", "\n    ", "\r\n", "// note", "/// doc", "é", "\u{feff}",
    // What an attacker would put in a file: terminal escapes, a right-to-left override, C1
    // and XML-forbidden characters, lone carriage returns, markup.
    "\r", "\r", "\"\u{1b}]0;title\u{7}\"", "\"\u{1b}[2J\u{202e}\u{9b}\"", "\"\u{ffff}\u{fffe}\u{1}\"",
    "\"<img src=z onerror=x> ![p](http://x) `\"", "// \u{1b}]8;;http://x\u{7}",
    // Language version 3: facts of law, `post`, joins, the date the facts describe.
    "law", "in", "as_of", "2018-05-01", "childrens_roles", "childrens_functions", "lower_tier",
    "local_government_law", "function", "shared with nowhere",
];

fn regardish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|pieces| {
        let mut text = String::new();
        for piece in pieces {
            // Words need a space between them to stay words.
            if text.chars().last().is_some_and(|c| c.is_alphanumeric()) && piece.starts_with(char::is_alphanumeric) {
                text.push(' ');
            }
            text.push_str(piece);
        }
        text
    })
}

fn check_everything(text: &str) {
    regard::invariants::check_input(text.as_bytes());
}

/// 300 cases each by default; `PROPTEST_CASES` sets another number.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn regard_like_text(text in regardish()) {
        check_everything(&text);
    }

    #[test]
    fn arbitrary_text(text in "(?s).{0,300}") {
        check_everything(&text);
    }
}
