//! Expectations written in test files, compiletest-style: `//~ SEVERITY CODE` at the end
//! of the line where a diagnostic's primary span starts, `//~^` for the line above,
//! `//~^^` for two above. A file with no expectation expects no diagnostic.
//!
//! The project's fixtures use this, and so can a drafter testing a guidance file.

use std::collections::BTreeMap;

use crate::diagnostics::lines::Lines;
use crate::diagnostics::{Diagnostic, Severity};

/// One expected (or actual) diagnostic: where its primary span starts, how serious it
/// is, and its code.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Expectation {
    /// 1-based.
    pub line: u32,
    pub severity: Severity,
    pub code: String,
}

impl std::fmt::Display for Expectation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {} {}", self.line, self.severity.as_str(), self.code)
    }
}

/// A malformed `//~` annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadAnnotation {
    pub line: u32,
    pub message: String,
}

/// Reads every `//~` annotation of a file.
pub fn parse(text: &str) -> Result<Vec<Expectation>, BadAnnotation> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        for (at, _) in line.match_indices("//~") {
            let rest = &line[at + 3..];
            let carets = rest.chars().take_while(|&c| c == '^').count();
            let mut words = rest[carets..].split_whitespace();
            let bad = |message: String| BadAnnotation { line: line_no, message };
            let severity_word = words
                .next()
                .ok_or_else(|| bad("`//~` needs a severity and a code".into()))?;
            let severity = Severity::parse(severity_word).ok_or_else(|| {
                bad(format!(
                    "`{severity_word}` is not a severity; write error, warning, info or note"
                ))
            })?;
            let code = words
                .next()
                .filter(|c| !c.starts_with("//~"))
                .ok_or_else(|| bad("`//~` needs a code after the severity".into()))?;
            let target = line_no
                .checked_sub(carets as u32)
                .filter(|&l| l >= 1)
                .ok_or_else(|| bad("`^` points above the first line".into()))?;
            out.push(Expectation {
                line: target,
                severity,
                code: code.to_string(),
            });
        }
    }
    out.sort();
    Ok(out)
}

/// The expectations that `diagnostics` (of the file with this text) meet.
pub fn actual(text: &str, diagnostics: &[&Diagnostic]) -> Vec<Expectation> {
    let lines = Lines::new(text);
    let mut out: Vec<Expectation> = diagnostics
        .iter()
        .map(|d| Expectation {
            line: lines.position(d.span.start as usize).line,
            severity: d.severity,
            code: d.code.to_string(),
        })
        .collect();
    out.sort();
    out
}

/// What differs between expected and actual: (missing, unexpected), each sorted.
pub fn compare(expected: &[Expectation], actual: &[Expectation]) -> (Vec<Expectation>, Vec<Expectation>) {
    let mut counts: BTreeMap<&Expectation, i64> = BTreeMap::new();
    for e in expected {
        *counts.entry(e).or_default() += 1;
    }
    for a in actual {
        *counts.entry(a).or_default() -= 1;
    }
    let mut missing = Vec::new();
    let mut unexpected = Vec::new();
    for (e, n) in counts {
        for _ in 0..n.max(0) {
            missing.push(e.clone());
        }
        for _ in 0..(-n).max(0) {
            unexpected.push(e.clone());
        }
    }
    (missing, unexpected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_point_at_their_line_or_above() {
        let text = "a //~ error E0101\nb\nc //~^ warning x.y //~^^ note E0001\n";
        let parsed = parse(text).unwrap();
        assert_eq!(
            parsed,
            vec![
                Expectation {
                    line: 1,
                    severity: Severity::Error,
                    code: "E0101".into()
                },
                Expectation {
                    line: 1,
                    severity: Severity::Note,
                    code: "E0001".into()
                },
                Expectation {
                    line: 2,
                    severity: Severity::Warning,
                    code: "x.y".into()
                },
            ]
        );
    }

    #[test]
    fn malformed_annotations_are_refused() {
        assert!(parse("x //~ fatal E0001").is_err());
        assert!(parse("x //~ error").is_err());
        assert!(parse("x //~^ error E0001").is_err());
    }

    #[test]
    fn comparison_counts_repeats() {
        let e = |l| Expectation {
            line: l,
            severity: Severity::Error,
            code: "E0101".into(),
        };
        let (missing, unexpected) = compare(&[e(1), e(1), e(2)], &[e(1), e(3)]);
        assert_eq!(missing, vec![e(1), e(2)]);
        assert_eq!(unexpected, vec![e(3)]);
    }
}
