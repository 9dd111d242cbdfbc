//! GitHub Actions workflow commands (`--format github`): one `::error`, `::warning` or
//! `::notice` line per diagnostic, which GitHub shows as an annotation on the line, for
//! a quick check in CI without uploading SARIF.

use std::collections::HashMap;

use super::escape::{github_data, github_property};
use super::lines::Lines;
use super::render::Context;
use super::{Diagnostic, Severity};
use crate::base::SourceFile;

/// One workflow command per diagnostic.
pub fn render(context: &Context<'_>, diagnostics: &[Diagnostic]) -> String {
    let db = context.db;
    let mut out = String::new();
    // Each file's line index is made once, however many findings it has.
    let mut indexes: HashMap<SourceFile, Lines> = HashMap::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Note => "notice",
        };
        let lines = indexes.entry(d.file).or_insert_with(|| Lines::new(d.file.text(db)));
        let (start, end) = (
            lines.position(d.span.start as usize),
            lines.position(d.span.end as usize),
        );
        let path = d.file.path(db);
        let path = path.strip_prefix("./").unwrap_or(path);
        let mut message = d.message.clone();
        if let Some(dep) = &d.departure {
            message.push_str(&format!("\ndeparted from: {}", dep.reason));
        }
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            github_property(path),
            start.line,
            start.column,
            end.line,
            end.column,
            github_property(&d.code.to_string()),
            github_data(&message)
        ));
    }
    out
}
