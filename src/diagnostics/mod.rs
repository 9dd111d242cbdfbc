//! The one `Diagnostic` type every phase produces, and the renderers that turn it into
//! terminal reports or JSON at the edge.
//!
//! A diagnostic knows its file as a database handle and its positions as byte spans;
//! lines and columns are computed only when rendering.

mod codes;
pub mod concise;
pub mod escape;
pub mod github;
pub mod human;
pub mod json;
pub mod lines;
pub mod render;
pub mod sarif;

use crate::base::SourceFile;
use crate::base::Span;

pub use codes::{Builtin, Example, Explanation, Family};
pub use render::Format;

/// How serious a diagnostic is. The order is from most to least serious.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Note,
}

impl Severity {
    /// How serious a broken clause is: an error for a `must` of statutory guidance or of
    /// a fact of law, a warning for a `should` of statutory guidance, information for
    /// advisory guidance.
    pub fn of_clause(status: crate::syntax::ast::Status, modality: crate::syntax::ast::Modality) -> Severity {
        use crate::syntax::ast::{Modality, Status};
        match (status, modality) {
            (Status::Advisory, _) => Severity::Info,
            (Status::Statutory | Status::Law, Modality::Must) => Severity::Error,
            (Status::Statutory | Status::Law, _) => Severity::Warning,
        }
    }

    /// The name used in JSON, in `//~` annotations and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Note => "note",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            "note" => Some(Severity::Note),
            _ => None,
        }
    }
}

/// A diagnostic's code: a built-in check, or the qualified name of a violated rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Builtin(Builtin),
    Rule { guidance: String, rule: String },
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Code::Builtin(b) => f.write_str(b.as_str()),
            Code::Rule { guidance, rule } => write!(f, "{guidance}.{rule}"),
        }
    }
}

/// A secondary span with a message, possibly in another file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    pub file: SourceFile,
    pub span: Span,
    pub message: String,
}

/// The departure that turned a violation into a note.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DepartureNote {
    pub reason: String,
    pub file: SourceFile,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// What is wrong, lowercase, with user input in backticks, no final period.
    pub message: String,
    pub file: SourceFile,
    /// The primary span, in bytes.
    pub span: Span,
    /// A short text under the primary span in terminal reports (not part of JSON).
    pub label: Option<String>,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// The council concerned, if any.
    pub council: Option<String>,
    pub departure: Option<DepartureNote>,
    /// Changes that would fix it, for editors (not part of the JSON output).
    pub fixes: Vec<Fix>,
}

/// A change to the diagnostic's file that fixes it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// What the fix does: "replace `DSC` with `DCS`".
    pub title: String,
    pub edits: Vec<Edit>,
    /// Where to put the cursor afterwards, as an offset into the inserted text of the
    /// last edit (for a departure's reason).
    pub cursor: Option<u32>,
}

/// Replace `span` with `text`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

impl Fix {
    pub fn replace(title: impl Into<String>, span: Span, text: impl Into<String>) -> Fix {
        Fix {
            title: title.into(),
            edits: vec![Edit {
                span,
                text: text.into(),
            }],
            cursor: None,
        }
    }
}

impl Diagnostic {
    /// A built-in diagnostic with its usual severity.
    pub fn builtin(code: Builtin, file: SourceFile, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code: Code::Builtin(code),
            severity: code.severity(),
            message: message.into(),
            file,
            span,
            label: None,
            labels: Vec::new(),
            notes: Vec::new(),
            help: None,
            council: None,
            departure: None,
            fixes: Vec::new(),
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }

    pub fn with_label(mut self, file: SourceFile, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            file,
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_primary_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

/// "2 errors, 1 warning" from (count, singular, plural) triples, leaving out what is
/// zero; `None` when everything is.
pub fn count_phrase(counts: &[(usize, &str, &str)]) -> Option<String> {
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|&(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// How many diagnostics of each severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub notes: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        Counts::of_severities(diagnostics.iter().map(|d| d.severity))
    }

    pub fn of_severities(severities: impl IntoIterator<Item = Severity>) -> Counts {
        let mut counts = Counts::default();
        for severity in severities {
            match severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
                Severity::Note => counts.notes += 1,
            }
        }
        counts
    }

    /// The verdict these counts give a council: errors, else warnings, else it meets the
    /// guidance (departed findings, information and notes do not count against it).
    pub fn outcome(&self) -> Outcome {
        match (self.errors, self.warnings) {
            (0, 0) => Outcome::MeetsTheGuidance,
            (0, _) => Outcome::Warnings,
            _ => Outcome::Errors,
        }
    }
}

/// The check's verdict on a council, from its diagnostics' severities ([`Counts::outcome`]):
/// what the report states and what `regard impact --symbolic` compares.
#[derive(Clone, Copy, Debug, serde::Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// At least one error: the council does not meet a `must` of statutory guidance, or
    /// its declaration has an error.
    Errors,
    /// Warnings and no error: a `should` not met without a recorded departure.
    Warnings,
    /// No error or warning (departures and information may remain).
    MeetsTheGuidance,
}

impl Outcome {
    pub fn describe(self) -> &'static str {
        match self {
            Outcome::Errors => "does not meet the guidance",
            Outcome::Warnings => "falls short of the guidance",
            Outcome::MeetsTheGuidance => "meets the guidance",
        }
    }
}
