//! The JSON output (`--format json`), version 1: one object with every diagnostic and
//! a summary. Lines and columns are 1-based, columns in Unicode scalar values; spans are
//! bytes, end exclusive.

use std::collections::HashMap;

use serde::Serialize;

use super::lines::{Lines, Position};
use super::render::Context;
use super::{Counts, Diagnostic};
use crate::base::SourceFile;
use crate::syntax::Span;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
    /// Each council checked, with the date its facts describe and the date it was
    /// checked as of (language-v3 3.6).
    councils: &'a [super::render::CouncilDate],
}

#[derive(Serialize)]
struct JsonSpan {
    start: u32,
    end: u32,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    span: JsonSpan,
    range: Range,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonDeparture<'a> {
    reason: &'a str,
    file: &'a str,
    span: JsonSpan,
    range: Range,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: String,
    severity: &'static str,
    message: &'a str,
    file: &'a str,
    span: JsonSpan,
    range: Range,
    labels: Vec<JsonLabel<'a>>,
    notes: &'a [String],
    help: Option<&'a str>,
    council: Option<&'a str>,
    departure: Option<JsonDeparture<'a>>,
}

/// The numbers at the end of every output.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub councils: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub notes: usize,
}

impl Summary {
    pub fn new(files: usize, councils: usize, counts: Counts) -> Summary {
        Summary {
            files,
            councils,
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
            notes: counts.notes,
        }
    }
}

/// Positions in the files diagnostics point into, computed once per file.
pub struct Positions<'db> {
    db: &'db dyn salsa::Database,
    lines: HashMap<SourceFile, Lines<'db>>,
}

impl<'db> Positions<'db> {
    pub fn new(db: &'db dyn salsa::Database) -> Self {
        Positions {
            db,
            lines: HashMap::new(),
        }
    }

    fn lines(&mut self, file: SourceFile) -> &Lines<'db> {
        let db = self.db;
        self.lines.entry(file).or_insert_with(|| Lines::new(file.text(db)))
    }

    fn span(&mut self, file: SourceFile, span: Span) -> (JsonSpan, Range) {
        let lines = self.lines(file);
        let start = lines.clamp(span.start as usize);
        let end = lines.clamp(span.end as usize).max(start);
        (
            JsonSpan {
                start: start as u32,
                end: end as u32,
            },
            Range {
                start: lines.position(start),
                end: lines.position(end),
            },
        )
    }
}

/// Renders diagnostics and a summary as one JSON document.
pub fn render(context: &Context<'_>, diagnostics: &[Diagnostic]) -> String {
    let (db, summary) = (context.db, context.summary);
    let mut positions = Positions::new(db);
    let diagnostics = diagnostics
        .iter()
        .map(|d| {
            let (span, range) = positions.span(d.file, d.span);
            JsonDiagnostic {
                code: d.code.to_string(),
                severity: d.severity.as_str(),
                message: &d.message,
                file: d.file.path(db),
                span,
                range,
                labels: d
                    .labels
                    .iter()
                    .map(|l| {
                        let (span, range) = positions.span(l.file, l.span);
                        JsonLabel {
                            file: l.file.path(db),
                            span,
                            range,
                            message: &l.message,
                        }
                    })
                    .collect(),
                notes: &d.notes,
                help: d.help.as_deref(),
                council: d.council.as_deref(),
                departure: d.departure.as_ref().map(|dep| {
                    let (span, range) = positions.span(dep.file, dep.span);
                    JsonDeparture {
                        reason: &dep.reason,
                        file: dep.file.path(db),
                        span,
                        range,
                    }
                }),
            }
        })
        .collect();
    let output = Output {
        version: 1,
        diagnostics,
        summary,
        councils: &context.dates.councils,
    };
    super::escape::json(&output)
}
