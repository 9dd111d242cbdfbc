//! Expectations written in test files, compiletest-style: `//~ SEVERITY CODE` at the end
//! of the line where a diagnostic's primary span starts, `//~^` for the line above,
//! `//~^^` for two above. A file with no expectation expects no diagnostic.
//!
//! The project's fixtures use this, and so can a drafter testing a guidance file. A file
//! with a line `// analyze: ID...` also expects the findings of `regard analyze --guidance
//! ID...` (E0310, W0311, I0312).

use std::collections::BTreeMap;

use crate::base::Contents;
use crate::diagnostics::lines::Lines;
use crate::diagnostics::{Diagnostic, Severity};
use crate::{Input, Options, Session};
use jiff::civil::Date;

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

/// The check date a test file sets with a `// as-of: YYYY-MM-DD` line, if any.
pub fn as_of(text: &str) -> Option<Date> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("// as-of:"))
        .and_then(|d| d.trim().parse().ok())
}

/// How one test file fared.
#[derive(Debug)]
pub struct Outcome {
    pub path: String,
    /// Expected but not reported.
    pub missing: Vec<Expectation>,
    /// Reported but not expected, with the diagnostic's message.
    pub unexpected: Vec<(Expectation, String)>,
    /// A malformed annotation: the file cannot be tested.
    pub bad_annotation: Option<BadAnnotation>,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.missing.is_empty() && self.unexpected.is_empty() && self.bad_annotation.is_none()
    }
}

/// Checks each of `files` on its own (with the standard library and `support`, the
/// files every test may use), on its `// as-of:` date or `options.as_of`, and compares
/// its diagnostics with its annotations. Outcomes are in the order of `files`.
pub fn run(files: &[Input], support: &[Input], options: Options) -> Vec<Outcome> {
    let test = |file: &Input| -> Outcome {
        // The annotations of a file that is not UTF-8 (a test of E0002) are read from
        // its text with the bad bytes replaced.
        let text = match &file.contents {
            Contents::NotUtf8 { lossy, .. } => lossy.as_str(),
            contents => contents.text(),
        };
        let mut outcome = Outcome {
            path: file.path.clone(),
            missing: Vec::new(),
            unexpected: Vec::new(),
            bad_annotation: None,
        };
        let expected = match parse(text) {
            Ok(expected) => expected,
            Err(bad) => {
                outcome.bad_annotation = Some(bad);
                return outcome;
            }
        };
        let mut inputs: Vec<Input> = support.iter().filter(|s| s.path != file.path).cloned().collect();
        inputs.push(file.clone());
        let options = Options {
            as_of: as_of(text).unwrap_or(options.as_of),
            ..options
        };
        let mut session = Session::new(inputs.clone(), options);
        let mut diagnostics = session.diagnostics();
        // What the analysis reports outside this file (on a clause of the standard
        // library or of a `--with` file, say) cannot be annotated here, so it fails the
        // test rather than pass unseen; so does a witness the checker rejects.
        let mut elsewhere: Vec<(Expectation, String)> = Vec::new();
        // A file with a line `// analyze: ID...` expects the findings of `regard analyze
        // --guidance ID...` as well.
        if let Some(ids) = text.lines().find_map(|l| l.trim().strip_prefix("// analyze:")) {
            let request = crate::analyze::Request {
                guidance: ids.split_whitespace().map(str::to_string).collect(),
                ..Default::default()
            };
            match crate::analyze::run(&session, inputs, options, &request) {
                Ok(found) => {
                    for d in found.diagnostics {
                        let path = d.file.path(&session.db).clone();
                        if path == file.path {
                            diagnostics.push(d);
                            continue;
                        }
                        let other = d.file.contents(&session.db).text();
                        let line = Lines::new(other).position(d.span.start as usize).line;
                        elsewhere.push((
                            Expectation {
                                line,
                                severity: d.severity,
                                code: d.code.to_string(),
                            },
                            format!("in `{path}`, where no annotation can expect it: {}", d.message),
                        ));
                    }
                    for d in found.witness_findings {
                        elsewhere.push((
                            Expectation {
                                line: 0,
                                severity: d.severity,
                                code: d.code.to_string(),
                            },
                            format!(
                                "in the witness, which the analysis says meets everything (a bug of regard): {}",
                                d.message
                            ),
                        ));
                    }
                }
                Err(message) => {
                    outcome.bad_annotation = Some(BadAnnotation {
                        line: text
                            .lines()
                            .position(|l| l.trim().starts_with("// analyze:"))
                            .unwrap_or(0) as u32
                            + 1,
                        message,
                    });
                    return outcome;
                }
            }
        }
        let own: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| *d.file.path(&session.db) == file.path)
            .collect();
        let actual = crate::expect::actual(text, &own);
        let (missing, unexpected) = compare(&expected, &actual);
        outcome.missing = missing;
        let lines = Lines::new(text);
        outcome.unexpected = unexpected
            .into_iter()
            .map(|e| {
                let message = own
                    .iter()
                    .find(|d| {
                        d.code.to_string() == e.code
                            && d.severity == e.severity
                            && lines.position(d.span.start as usize).line == e.line
                    })
                    .map(|d| d.message.clone())
                    .unwrap_or_default();
                (e, message)
            })
            .chain(elsewhere)
            .collect();
        outcome
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                std::thread::Builder::new()
                    .stack_size(16 << 20)
                    .spawn_scoped(scope, move || part.iter().map(test).collect::<Vec<_>>())
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| match w {
                Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(_) => Vec::new(),
            })
            .collect()
    })
}

/// The report `regard test` prints: each failing file with what was expected and what
/// was reported instead, then `N passed, N failed`.
pub fn report(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for o in outcomes.iter().filter(|o| !o.passed()) {
        out.push_str(&format!("FAIL {}\n", o.path));
        if let Some(bad) = &o.bad_annotation {
            out.push_str(&format!("  line {}: {}\n", bad.line, bad.message));
        }
        if !o.missing.is_empty() {
            out.push_str("  expected but not reported:\n");
            for e in &o.missing {
                out.push_str(&format!("    {e}\n"));
            }
        }
        if !o.unexpected.is_empty() {
            out.push_str("  reported but not expected:\n");
            for (e, message) in &o.unexpected {
                out.push_str(&format!("    {e}: {message}\n"));
            }
        }
        out.push('\n');
    }
    let failed = outcomes.iter().filter(|o| !o.passed()).count();
    out.push_str(&format!("{} passed, {failed} failed\n", outcomes.len() - failed));
    out
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
