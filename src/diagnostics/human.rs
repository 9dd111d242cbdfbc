//! Terminal reports, drawn by ariadne: the primary span with its label, secondary
//! labels (often in the standard library), notes for citations and quotes, the help,
//! and a summary line.

use std::collections::HashMap;
use std::io::Write;

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind};

use super::json::Summary;
use super::{Diagnostic, Severity};
use crate::db::SourceFile;
use crate::syntax::Span;

/// Writes one report per diagnostic, then the summary line.
pub fn render(
    db: &dyn salsa::Database,
    diagnostics: &[Diagnostic],
    summary: Summary,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    render_reports(db, diagnostics, color, out)?;
    writeln!(out, "{}", summary_line(summary))
}

/// Writes one report per diagnostic, without a summary.
pub fn render_reports(
    db: &dyn salsa::Database,
    diagnostics: &[Diagnostic],
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for d in diagnostics {
        render_one(db, d, color, out)?;
    }
    Ok(())
}

/// "checked 5 files (4 councils): 2 errors, 3 warnings, 1 info, 1 note"
pub fn summary_line(s: Summary) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let found = super::count_phrase(&[
        (s.errors, "error", "errors"),
        (s.warnings, "warning", "warnings"),
        (s.infos, "info", "infos"),
        (s.notes, "note", "notes"),
    ])
    .unwrap_or_else(|| "no problems found".to_string());
    format!(
        "checked {} ({}): {found}",
        plural(s.files, "file", "files"),
        plural(s.councils, "council", "councils")
    )
}

/// A byte span as the character range ariadne draws, clamped to the text.
///
/// Reports are built with character offsets: ariadne 0.6 computes the location shown
/// for a second file from a character offset even when told to index by bytes, so
/// bytes would put that header on the wrong line in any file with non-ASCII text.
fn char_range(text: &str, span: Span) -> std::ops::Range<usize> {
    let to_char = |byte: usize| {
        let mut byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        text[..byte].chars().count()
    };
    let start = to_char(span.start as usize);
    let end = to_char(span.end as usize).max(start);
    start..end
}

/// Removes terminal escape sequences. ariadne colours custom report kinds (our `Info`
/// and `Note`) whatever its configuration says.
fn strip_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The diagnostic's own label, or its code's usual one.
fn primary_label(d: &Diagnostic) -> &str {
    match (&d.label, &d.code) {
        (Some(label), _) => label,
        (None, super::Code::Builtin(b)) => b.label(),
        (None, super::Code::Rule { .. }) => "here",
    }
}

fn render_one(db: &dyn salsa::Database, d: &Diagnostic, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let kind = match d.severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
        Severity::Info => ReportKind::Custom("Info", Color::Cyan),
        Severity::Note => ReportKind::Custom("Note", Color::Green),
    };
    let mut texts: HashMap<SourceFile, (String, String)> = HashMap::new();
    let mut source = |file: SourceFile| {
        texts
            .entry(file)
            .or_insert_with(|| (file.path(db).clone(), file.text(db).to_string()))
            .clone()
    };
    let (path, text) = source(d.file);
    let primary = char_range(&text, d.span);
    let config = Config::default().with_index_type(IndexType::Char).with_color(color);
    let primary_color = match d.severity {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Cyan,
        Severity::Note => Color::Green,
    };
    // Every label, primary included, ordered by file (the primary's first) and then by
    // position: ariadne draws consecutive labels of one file, top to bottom, as one
    // snippet.
    let mut labels: Vec<(SourceFile, Span, &str, Color)> = vec![(d.file, d.span, primary_label(d), primary_color)];
    if let Some(dep) = &d.departure {
        labels.push((dep.file, dep.span, "departure recorded here", Color::Green));
    }
    labels.extend(
        d.labels
            .iter()
            .map(|l| (l.file, l.span, l.message.as_str(), Color::Blue)),
    );
    labels.sort_by_key(|(file, span, _, _)| (*file != d.file, file.path(db).clone(), span.start));

    let mut report = Report::build(kind, (path, primary))
        .with_config(config)
        .with_code(d.code.to_string())
        .with_message(&d.message);
    for (order, (file, span, message, color)) in labels.into_iter().enumerate() {
        let (path, text) = source(file);
        report = report.with_label(
            Label::new((path, char_range(&text, span)))
                .with_message(message)
                .with_color(color)
                .with_order(order as i32),
        );
    }
    if let Some(dep) = &d.departure {
        report = report.with_note(format!("the council departs from this rule: {}", dep.reason));
    }
    for note in &d.notes {
        report = report.with_note(note);
    }
    if let Some(help) = &d.help {
        report = report.with_help(help);
    }
    let sources: Vec<(String, String)> = texts.into_values().collect();
    let mut buffer = Vec::new();
    report.finish().write(ariadne::sources(sources), &mut buffer)?;
    let text = String::from_utf8_lossy(&buffer);
    match color {
        true => out.write_all(text.as_bytes()),
        false => out.write_all(strip_escapes(&text).as_bytes()),
    }
}
