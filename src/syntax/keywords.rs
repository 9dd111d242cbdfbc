//! The language's keywords, in one place: the names checker, the reader, the error
//! messages, `regard init` and the editors' completion all ask here. The grammar
//! (`grammar/regard.pest`, rule `keyword`) spells the same words its own way, and
//! `tests/parser.rs` checks that the two lists are the same.

/// The language's keywords: words that cannot name a definition.
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
