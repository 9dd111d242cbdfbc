//! `regard coverage`: for each guidance that declares `paragraphs`, every part with the
//! rules that encode it or the reason it was set aside (language-v2.md 2.10 and 2.14).
//!
//! The table is the one lowering computed (`hir::Guidance::coverage`); this module only
//! lays it out, as text for a drafter or as JSON (`version` 1) for tools.

use serde::Serialize;

use crate::diagnostics::escape;
use crate::hir::coverage::{Accounted, Status};

/// Whether some part of some guidance is missing.
pub fn any_missing(accounted: &[Accounted<'_>]) -> bool {
    accounted.iter().any(|a| a.coverage.count(Status::Missing) > 0)
}

/// The table, for a terminal: each guidance's parts in declaration order, then its
/// summary line.
pub fn human(accounted: &[Accounted<'_>]) -> String {
    if accounted.is_empty() {
        return "no guidance declares `paragraphs`: there is nothing to account for\n".into();
    }
    let mut out = String::new();
    for (i, a) in accounted.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let title = a
            .guidance
            .title
            .as_deref()
            .map(|t| format!(" \"{}\"", escape::for_terminal(t)))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}{title} ({})\n",
            a.guidance.name,
            escape::for_terminal(&a.path)
        ));
        let width = a
            .coverage
            .parts
            .iter()
            .map(|p| p.part.shown().chars().count())
            .max()
            .unwrap_or(0);
        for part in &a.coverage.parts {
            let name = part.part.shown();
            let shown = escape::for_terminal(&name);
            let pad = " ".repeat(width.saturating_sub(name.chars().count()));
            let detail = match part.status() {
                Status::Encoded => part.rules.join(", "),
                Status::Aside => escape::for_terminal(part.reason.as_deref().unwrap_or_default()).into_owned(),
                Status::Missing => "neither encoded nor set aside (W0305)".to_string(),
            };
            out.push_str(&format!("  {shown}{pad}  {:<8} {detail}\n", part.status().as_str()));
        }
        out.push_str(&a.coverage.summary(&a.guidance.name));
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    guidance: Vec<GuidanceJson<'a>>,
}

#[derive(Serialize)]
struct GuidanceJson<'a> {
    id: &'a str,
    file: &'a str,
    parts: Vec<PartJson<'a>>,
    summary: SummaryJson,
}

#[derive(Serialize)]
struct PartJson<'a> {
    part: String,
    status: &'static str,
    rules: Vec<&'a str>,
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct SummaryJson {
    parts: usize,
    encoded: usize,
    aside: usize,
    missing: usize,
}

/// The table as JSON (see docs/schema/coverage.schema.json).
pub fn json(accounted: &[Accounted<'_>]) -> String {
    let doc = Json {
        version: 1,
        guidance: accounted
            .iter()
            .map(|a| GuidanceJson {
                id: &a.guidance.name,
                file: &a.path,
                parts: a
                    .coverage
                    .parts
                    .iter()
                    .map(|p| PartJson {
                        part: p.part.shown(),
                        status: p.status().as_str(),
                        rules: p.rules.iter().map(|r| r.as_str()).collect(),
                        reason: p.reason.as_deref(),
                    })
                    .collect(),
                summary: SummaryJson {
                    parts: a.coverage.parts.len(),
                    encoded: a.coverage.count(Status::Encoded),
                    aside: a.coverage.count(Status::Aside),
                    missing: a.coverage.count(Status::Missing),
                },
            })
            .collect(),
    };
    let mut text = crate::diagnostics::escape::json(&doc);
    text.push('\n');
    text
}
