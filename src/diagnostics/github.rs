//! GitHub Actions workflow commands (`--format github`): one `::error`, `::warning` or
//! `::notice` line per diagnostic, which GitHub shows as an annotation on the line, for
//! a quick check in CI without uploading SARIF.

use std::collections::HashMap;

use super::lines::Lines;
use super::render::Context;
use super::{Diagnostic, Severity};
use crate::base::SourceFile;

/// Escapes the message of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property (`file=...`) of a workflow command.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

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
            escape_property(path),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&d.code.to_string()),
            escape_data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_are_escaped() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
