//! One line per finding (`--format concise`): `file:line:col: severity[code] message`,
//! the form compilers use, which editors' quickfix lists and `grep` read. No summary.

use std::collections::HashMap;
use std::fmt::Write;

use super::escape;
use super::lines::Lines;
use super::render::Context;
use super::{Diagnostic, Severity};
use crate::base::SourceFile;

pub fn render(context: &Context<'_>, diagnostics: &[Diagnostic]) -> String {
    let db = context.db;
    let mut out = String::new();
    // Each file's line index is made once, however many findings it has.
    let mut indexes: HashMap<SourceFile, Lines> = HashMap::new();
    for d in diagnostics {
        let lines = indexes.entry(d.file).or_insert_with(|| Lines::new(d.file.text(db)));
        let at = lines.position(d.span.start as usize);
        let severity = match (d.severity, &d.departure) {
            (_, Some(_)) => "departed",
            (Severity::Error, None) => "error",
            (Severity::Warning, None) => "warning",
            (Severity::Info, None) => "info",
            (Severity::Note, None) => "note",
        };
        let mut message = d.message.clone();
        if let Some(dep) = &d.departure {
            let _ = write!(message, " (departed from: {})", dep.reason);
        }
        let _ = writeln!(
            out,
            "{}:{}:{}: {severity}[{}] {}",
            escape::one_line(d.file.path(db)),
            at.line,
            at.column,
            d.code,
            escape::for_terminal(&message.replace(['\n', '\r'], " "))
        );
    }
    out
}
