//! Terminal reports, drawn by ariadne: the primary span with its label, secondary
//! labels (often in the standard library), notes for citations and quotes, the help,
//! and a summary line.

use std::collections::HashMap;
use std::io::Write;

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind};

use super::escape;
use super::json::Summary;
use super::lines::CharOffsets;
use super::render::Context;
use super::{Diagnostic, Severity};
use crate::base::SourceFile;
use crate::syntax::Span;

/// One report per diagnostic, then the summary line.
pub fn render(context: &Context<'_>, diagnostics: &[Diagnostic]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = render_reports(context.db, diagnostics, context.color, &mut out);
    let _ = writeln!(out, "{}", summary_line(context.summary));
    if let Some(line) = context.dates.line() {
        let _ = writeln!(out, "{line}");
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes one report per diagnostic, without a summary.
///
/// Each file's text is prepared once for the whole render (its characters unsafe in a
/// terminal replaced, its lines and character offsets indexed), so that the time taken
/// grows with the number of findings, not with findings times the file's size.
pub fn render_reports(
    db: &dyn salsa::Database,
    diagnostics: &[Diagnostic],
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut sources = Sources {
        db,
        files: HashMap::new(),
    };
    for d in diagnostics {
        render_one(&mut sources, d, color, out)?;
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

/// A file as ariadne draws it, identified by its place in the render so that two files
/// shown under the same name are still told apart.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
struct FileId(SourceFile);

/// One file prepared for drawing: its name and text made safe for a terminal, and the
/// character offsets of its text.
struct Prepared<'db> {
    name: String,
    source: ariadne::Source<String>,
    offsets: CharOffsets<'db>,
}

/// The files of one render, each prepared once.
struct Sources<'db> {
    db: &'db dyn salsa::Database,
    files: HashMap<SourceFile, Prepared<'db>>,
}

impl<'db> Sources<'db> {
    fn prepare(&mut self, file: SourceFile) -> &Prepared<'db> {
        let db = self.db;
        self.files.entry(file).or_insert_with(|| {
            // Offsets are counted in the file's own text; ariadne draws a copy with
            // the same characters at the same character offsets.
            let text = file.text(db);
            Prepared {
                name: escape::one_line(file.path(db)).into_owned(),
                source: ariadne::Source::from(escape::source_for_terminal(text).into_owned()),
                offsets: CharOffsets::new(text),
            }
        })
    }

    /// A byte span as the character range ariadne draws, clamped to the text.
    fn char_range(&mut self, file: SourceFile, span: Span) -> std::ops::Range<usize> {
        let offsets = &self.prepare(file).offsets;
        let start = offsets.of(span.start as usize);
        let end = offsets.of(span.end as usize).max(start);
        start..end
    }
}

impl ariadne::Cache<FileId> for &mut Sources<'_> {
    type Storage = String;

    fn fetch(&mut self, id: &FileId) -> Result<&ariadne::Source<String>, impl std::fmt::Debug> {
        Ok::<_, ()>(&self.prepare(id.0).source)
    }

    fn display<'a>(&self, id: &'a FileId) -> Option<impl std::fmt::Display + 'a> {
        self.files.get(&id.0).map(|p| p.name.clone())
    }
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

fn render_one(sources: &mut Sources, d: &Diagnostic, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let db = sources.db;
    let kind = match d.severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
        Severity::Info => ReportKind::Custom("Info", Color::Cyan),
        Severity::Note => ReportKind::Custom("Note", Color::Green),
    };
    let primary = sources.char_range(d.file, d.span);
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

    let mut report = Report::build(kind, (FileId(d.file), primary))
        .with_config(config)
        .with_code(d.code.to_string())
        .with_message(escape::for_terminal(&d.message));
    for (order, (file, span, message, color)) in labels.into_iter().enumerate() {
        report = report.with_label(
            Label::new((FileId(file), sources.char_range(file, span)))
                .with_message(escape::for_terminal(message))
                .with_color(color)
                .with_order(order as i32),
        );
    }
    if let Some(dep) = &d.departure {
        report = report.with_note(escape::for_terminal(&format!(
            "the council departs from this rule: {}",
            dep.reason
        )));
    }
    for note in &d.notes {
        report = report.with_note(escape::for_terminal(note));
    }
    if let Some(help) = &d.help {
        report = report.with_help(escape::for_terminal(help));
    }
    let mut buffer = Vec::new();
    report.finish().write(&mut *sources, &mut buffer)?;
    let text = String::from_utf8_lossy(&buffer);
    match color {
        true => out.write_all(text.as_bytes()),
        false => out.write_all(strip_escapes(&text).as_bytes()),
    }
}
