//! Paragraph accounting (language-v2.md 2.10): the parts of its source text a guidance
//! declares (`paragraphs "key points", 1 to 28`), which of them its rules cite and which
//! it sets aside (`aside "para 18" because "..."`), and what is wrong with that: W0305 for
//! a declared part neither encoded nor set aside, W0306 for a citation of a part the
//! guidance does not declare, E0206 for an `aside` without a clear reason.
//!
//! The table is computed once, when the guidance is lowered, and kept in
//! [`super::Guidance::coverage`]: `regard coverage` prints it, the diagnostics come from
//! it, and nothing computes it again.

use crate::hir::finding::FindingKind;
use crate::syntax::ast::{self, MAX_PARAGRAPH, PartItemKind};
use crate::syntax::{Name, Span};

use super::MIN_REASON_CHARS;

/// A part of a source text: a numbered paragraph or an unnumbered section.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Para(u32),
    /// A section's name as declared; compared ignoring letter case and surrounding
    /// spaces.
    Section(String),
}

impl Part {
    /// "para 18", "key points".
    pub fn shown(&self) -> String {
        match self {
            Part::Para(n) => format!("para {n}"),
            Part::Section(s) => s.trim().to_string(),
        }
    }

    /// Whether two parts are the same part (sections compared ignoring letter case and
    /// surrounding spaces).
    pub fn same(&self, other: &Part) -> bool {
        match (self, other) {
            (Part::Para(a), Part::Para(b)) => a == b,
            (Part::Section(a), Part::Section(b)) => a.trim().to_lowercase() == b.trim().to_lowercase(),
            _ => false,
        }
    }
}

/// What became of a declared part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Cited by at least one rule (whether or not it is also set aside).
    Encoded,
    /// Set aside, with a reason.
    Aside,
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Encoded => "encoded",
            Status::Aside => "aside",
            Status::Missing => "missing",
        }
    }
}

/// A declared part and what accounts for it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PartStatus {
    pub part: Part,
    /// The rules whose cites name it, in declaration order.
    pub rules: Vec<Name>,
    /// The reason of the first `aside` that names it.
    pub reason: Option<String>,
    /// The item of the `paragraphs` line that declares it.
    pub span: Span,
}

impl PartStatus {
    pub fn status(&self) -> Status {
        match (self.rules.is_empty(), &self.reason) {
            (false, _) => Status::Encoded,
            (true, Some(_)) => Status::Aside,
            (true, None) => Status::Missing,
        }
    }
}

/// Every declared part of a guidance, in declaration order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Coverage {
    pub parts: Vec<PartStatus>,
}

impl Coverage {
    pub fn count(&self, status: Status) -> usize {
        self.parts.iter().filter(|p| p.status() == status).count()
    }

    /// "draft_2027: 28 of 29 parts accounted for: 14 encoded, 14 set aside, 1 missing".
    pub fn summary(&self, guidance: &str) -> String {
        format!("{guidance}: {}", self.accounted())
    }

    /// "28 of 29 parts accounted for: 14 encoded, 14 set aside, 1 missing".
    pub fn accounted(&self) -> String {
        let (encoded, aside, missing) = (
            self.count(Status::Encoded),
            self.count(Status::Aside),
            self.count(Status::Missing),
        );
        format!(
            "{} of {} parts accounted for: {encoded} encoded, {aside} set aside, {missing} missing",
            encoded + aside,
            self.parts.len()
        )
    }

    fn find(&mut self, part: &Part) -> Option<&mut PartStatus> {
        self.parts.iter_mut().find(|p| p.part.same(part))
    }
}

/// A guidance with a `paragraphs` line, its coverage, and the path of its file: what
/// `regard coverage` shows.
pub struct Accounted<'a> {
    pub guidance: &'a super::Guidance,
    pub coverage: &'a Coverage,
    pub path: String,
}

/// The paragraphs a cite names, when it is of the form `para N`, `paras N and M`, `paras
/// N, M and K`, `paras N to M` or `paras N-M` (any letter case); `None` for any other
/// text (a section's name, or another source such as an Act).
pub fn cited_paragraphs(cite: &str) -> Option<Vec<u32>> {
    let text = cite.trim().to_lowercase();
    let (plural, rest) = match text.strip_prefix("paras") {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix("para")?),
    };
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim();
    let number = |s: &str| -> Option<u32> {
        let s = s.trim();
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
            .filter(|&n| n <= MAX_PARAGRAPH)
    };
    if !plural {
        return number(rest).map(|n| vec![n]);
    }
    // A range: `N to M`, `N-M` (or with an en dash, as printed texts have it).
    let range = rest
        .split_once(" to ")
        .or_else(|| rest.split_once('-'))
        .or_else(|| rest.split_once('\u{2013}'));
    if let Some((from, until)) = range
        && let (Some(from), Some(until)) = (number(from), number(until))
    {
        return (from <= until).then(|| (from..=until).collect());
    }
    // A list: `N and M`, `N, M and K`.
    let (list, last) = match rest.rsplit_once(" and ") {
        Some((list, last)) => (list, Some(last)),
        None => (rest, None),
    };
    let mut out: Vec<u32> = list.split(',').map(number).collect::<Option<_>>()?;
    if let Some(last) = last {
        out.push(number(last)?);
    }
    Some(out)
}

/// The parts a cite or an aside names: paragraphs in the forms above, else the whole
/// text as a section's name.
pub fn parts_named(text: &str) -> (bool, Vec<Part>) {
    match cited_paragraphs(text) {
        Some(numbers) => (true, numbers.into_iter().map(Part::Para).collect()),
        None => (false, vec![Part::Section(text.to_string())]),
    }
}

/// The coverage of a guidance that declares `paragraphs`, with its findings; `None`
/// (and no findings) for one that does not. `rules` are the rules that count (not
/// duplicates), whatever their in-force dates.
pub fn account(g: &ast::GuidanceDecl, rules: &[&ast::RuleDecl]) -> (Option<Coverage>, Vec<FindingKind>) {
    let mut findings = Vec::new();
    if g.paragraphs.is_empty() {
        return (None, findings);
    }
    let mut coverage = Coverage::default();
    for item in &g.paragraphs {
        let parts: Vec<Part> = match &item.kind {
            PartItemKind::Number(n) => vec![Part::Para(*n)],
            PartItemKind::Range(from, until) => (*from..=*until).map(Part::Para).collect(),
            PartItemKind::Section(s) => vec![Part::Section(s.clone())],
        };
        for part in parts {
            if coverage.find(&part).is_none() {
                coverage.parts.push(PartStatus {
                    part,
                    rules: Vec::new(),
                    reason: None,
                    span: item.span,
                });
            }
        }
    }
    let guidance = g.name.text.clone();
    for rule in rules {
        for cite in &rule.cites {
            let (paragraphs, parts) = parts_named(&cite.value);
            for part in parts {
                match coverage.find(&part) {
                    Some(status) if !status.rules.contains(&rule.name.text) => {
                        status.rules.push(rule.name.text.clone());
                    }
                    Some(_) => {}
                    // Only `para`/`paras` cites are checked: other texts cite other
                    // sources (an Act, a letter).
                    None if paragraphs => findings.push(FindingKind::PartUndeclared {
                        span: cite.span,
                        guidance: guidance.clone(),
                        part: part.shown(),
                    }),
                    None => {}
                }
            }
        }
    }
    for aside in &g.asides {
        if aside.reason.value.trim().chars().count() < MIN_REASON_CHARS {
            findings.push(FindingKind::AsideUnclear {
                span: aside.reason.span,
                cite: aside.cite.value.clone(),
                least: MIN_REASON_CHARS,
            });
            continue;
        }
        for part in parts_named(&aside.cite.value).1 {
            match coverage.find(&part) {
                Some(status) => {
                    status.reason.get_or_insert_with(|| aside.reason.value.clone());
                }
                None => findings.push(FindingKind::PartUndeclared {
                    span: aside.cite.span,
                    guidance: guidance.clone(),
                    part: part.shown(),
                }),
            }
        }
    }
    for part in &coverage.parts {
        if part.status() == Status::Missing {
            findings.push(FindingKind::PartMissing {
                span: part.span,
                guidance: guidance.clone(),
                part: part.part.shown(),
            });
        }
    }
    (Some(coverage), findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cites_name_paragraphs_in_the_forms_the_design_gives() {
        assert_eq!(cited_paragraphs("para 6"), Some(vec![6]));
        assert_eq!(cited_paragraphs("Para 6 "), Some(vec![6]));
        assert_eq!(cited_paragraphs("paras 6 and 9"), Some(vec![6, 9]));
        assert_eq!(cited_paragraphs("paras 6, 9 and 11"), Some(vec![6, 9, 11]));
        assert_eq!(cited_paragraphs("PARAS 24 to 26"), Some(vec![24, 25, 26]));
        assert_eq!(cited_paragraphs("paras 14-16"), Some(vec![14, 15, 16]));
        assert_eq!(cited_paragraphs("paras 14 - 16"), Some(vec![14, 15, 16]));
        assert_eq!(cited_paragraphs("paras 14\u{2013}16"), Some(vec![14, 15, 16]));
        assert_eq!(cited_paragraphs("paras 6, 9"), Some(vec![6, 9]));
        assert_eq!(cited_paragraphs("paras 16 to 14"), None);
        assert_eq!(cited_paragraphs("para 6 and 9"), None);
        assert_eq!(cited_paragraphs("paragraph 6"), None);
        assert_eq!(cited_paragraphs("para6"), None);
        assert_eq!(cited_paragraphs("para 6a"), None);
        assert_eq!(cited_paragraphs("paras 6"), Some(vec![6]));
        assert_eq!(cited_paragraphs("key points"), None);
        assert_eq!(cited_paragraphs("Health and Social Care Act 2012, s194(2)(c)"), None);
        assert_eq!(cited_paragraphs("para 100001"), None);
    }
}
