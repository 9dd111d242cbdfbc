//! Words for people: committee papers name posts, roles, bodies, records and partner
//! councils by their titles, not by the names a declaration file gives them, and say what
//! to do rather than what to write. The checker's messages are worded once, in
//! `messages/`, with declared names in backticks; here each such name is replaced by its
//! title, and help written in regard's syntax is replaced by advice. JSON keeps both.

use std::collections::HashMap;

use super::Named;
use crate::hir::{Council, DefMap};

/// Where the titles of a council's names are found: its posts and records first, then
/// the vocabulary, guidance and councils of the workspace.
pub struct Names<'a> {
    defs: &'a DefMap,
    local: HashMap<&'a str, Option<&'a str>>,
}

impl<'a> Names<'a> {
    pub fn new(defs: &'a DefMap, council: Option<&'a Council>) -> Names<'a> {
        let mut local = HashMap::new();
        if let Some(council) = council {
            for record in &council.records {
                local.insert(record.name.as_str(), record.title.as_deref());
            }
            for post in &council.posts {
                local.insert(post.name.as_str(), post.title.as_deref());
            }
        }
        Names { defs, local }
    }

    /// The title `name` was declared with, if it was declared with one.
    pub fn title(&self, name: &str) -> Option<&str> {
        match self.local.get(name) {
            Some(title) => *title,
            None => self.defs.get(name).and_then(|d| d.title.as_deref()),
        }
    }

    /// Whether `name` is declared (with or without a title).
    fn known(&self, name: &str) -> bool {
        self.local.contains_key(name) || self.defs.get(name).is_some()
    }

    pub fn named(&self, name: &str) -> Named {
        Named {
            id: name.to_string(),
            title: self.title(name).map(str::to_string),
        }
    }

    /// A message of the checker with each backticked name that has a title replaced by
    /// it. A backticked fragment of syntax (`responsible_for education, send`) becomes
    /// words in quotation marks when every name in it has a title; anything else stays in
    /// backticks, as written.
    pub fn said(&self, message: &str) -> String {
        let parts: Vec<&str> = message.split('`').collect();
        // An odd number of backticks leaves the last one as written.
        let pairs = (parts.len() - 1) / 2;
        let mut out = String::with_capacity(message.len());
        for (i, part) in parts.iter().enumerate() {
            let is_code = i % 2 == 1 && i <= pairs * 2;
            if !is_code {
                if i > pairs * 2 {
                    out.push('`');
                }
                out.push_str(part);
                continue;
            }
            match self.words_for(part) {
                Some(words) => out.push_str(&words),
                None => {
                    out.push('`');
                    out.push_str(part);
                    out.push('`');
                }
            }
        }
        out
    }

    /// `code` in words, if every name in it has a title.
    fn words_for(&self, code: &str) -> Option<String> {
        if let Some(title) = self.title(code) {
            return Some(title.to_string());
        }
        let mut words = String::new();
        let mut names = 0;
        let mut rest = code;
        while let Some(c) = rest.chars().next() {
            if c.is_alphanumeric() || c == '_' {
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                let word = &rest[..end];
                if !self.known(word) {
                    return None;
                }
                words.push_str(self.title(word)?);
                names += 1;
                rest = &rest[end..];
            } else if matches!(c, ' ' | ',' | '(' | ')') {
                words.push(c);
                rest = &rest[c.len_utf8()..];
            } else {
                return None;
            }
        }
        (names > 1).then(|| format!("“{words}”"))
    }

    /// The checker's help as advice for people: its fix where that is in words, else
    /// what the rule expects (`expects`, the rule's title); and, where the help offers a
    /// departure, that the council may record its reasons instead.
    pub fn advice(&self, help: &str, expects: Option<&str>) -> String {
        const DEPART: &str = "record a departure with `";
        let (fix, departable) = match help.find(DEPART) {
            Some(at) => (help[..at].trim_end_matches([' ', ',']).trim_end_matches(", or"), true),
            None => (help, false),
        };
        let fix = fix.trim().trim_end_matches(", or").trim_end_matches(" or").trim();
        let said = self.said(fix);
        let fix = match (said.is_empty(), said.contains('`'), expects) {
            (true, _, _) => String::new(),
            (false, false, _) => said,
            (false, true, Some(expects)) => format!("change the arrangements so that {}", lower_first(expects)),
            (false, true, None) => "correct the declaration where the finding points".into(),
        };
        match (fix.is_empty(), departable) {
            (true, true) => {
                "if the council has good reason not to follow the guidance here, record its reasons as a departure"
                    .into()
            }
            (false, true) => format!(
                "{fix}; or, if the council has good reason not to follow the guidance here, record its reasons as a departure"
            ),
            (_, false) => fix,
        }
    }
}

/// "the DCS reports ..." for "The DCS reports ...".
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    let first_word = text.split(' ').next().unwrap_or_default();
    match chars.next() {
        // "DCS ..." and other words in capitals stay as written; "The" and "A" do not.
        Some(c) if c.is_uppercase() && first_word.chars().skip(1).all(char::is_lowercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::lower_first;

    #[test]
    fn only_an_ordinary_capital_is_lowered() {
        assert_eq!(lower_first("The DCS reports"), "the DCS reports");
        assert_eq!(lower_first("DCS reports"), "DCS reports");
        assert_eq!(lower_first("A second-tier officer"), "a second-tier officer");
    }
}
