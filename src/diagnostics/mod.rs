//! The one `Diagnostic` type every phase produces, and the renderers that turn it into
//! terminal reports or JSON at the edge.
//!
//! A diagnostic knows its file as a database handle and its positions as byte spans;
//! lines and columns are computed only when rendering.

pub mod escape;
pub mod github;
pub mod human;
pub mod json;
pub mod lines;
pub mod sarif;

use crate::base::SourceFile;
use crate::base::Span;

/// How serious a diagnostic is. The order is from most to least serious.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Note,
}

impl Severity {
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

/// The built-in checks, by code (design section 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Builtin {
    E0001,
    E0002,
    E0003,
    E0101,
    E0102,
    E0103,
    E0104,
    E0105,
    E0202,
    E0203,
    W0204,
    E0205,
    E0206,
    W0207,
    W0208,
    E0301,
    E0302,
    W0303,
    E0304,
}

impl Builtin {
    pub const ALL: [Builtin; 19] = [
        Builtin::E0001,
        Builtin::E0002,
        Builtin::E0003,
        Builtin::E0101,
        Builtin::E0102,
        Builtin::E0103,
        Builtin::E0104,
        Builtin::E0105,
        Builtin::E0202,
        Builtin::E0203,
        Builtin::W0204,
        Builtin::E0205,
        Builtin::E0206,
        Builtin::W0207,
        Builtin::W0208,
        Builtin::E0301,
        Builtin::E0302,
        Builtin::W0303,
        Builtin::E0304,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Builtin::E0001 => "E0001",
            Builtin::E0002 => "E0002",
            Builtin::E0003 => "E0003",
            Builtin::E0101 => "E0101",
            Builtin::E0102 => "E0102",
            Builtin::E0103 => "E0103",
            Builtin::E0104 => "E0104",
            Builtin::E0105 => "E0105",
            Builtin::E0202 => "E0202",
            Builtin::E0203 => "E0203",
            Builtin::W0204 => "W0204",
            Builtin::E0205 => "E0205",
            Builtin::E0206 => "E0206",
            Builtin::W0207 => "W0207",
            Builtin::W0208 => "W0208",
            Builtin::E0301 => "E0301",
            Builtin::E0302 => "E0302",
            Builtin::W0303 => "W0303",
            Builtin::E0304 => "E0304",
        }
    }

    pub fn parse(text: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.as_str() == text)
    }

    /// The text under the primary span when the diagnostic gives none.
    pub fn label(self) -> &'static str {
        match self {
            Builtin::E0001 => "not valid here",
            Builtin::E0002 => "this file",
            Builtin::E0003 => "over the limit",
            Builtin::E0101 => "not declared anywhere",
            Builtin::E0102 => "the wrong kind of name",
            Builtin::E0103 => "declared again here",
            Builtin::E0104 => "does not name a single post",
            Builtin::E0105 => "ambiguous",
            Builtin::E0202 => "part of the circle",
            Builtin::E0203 => "not declared back",
            Builtin::W0204 => "replaced guidance",
            Builtin::E0205 => "a departure from a statutory duty",
            Builtin::E0206 => "this departure",
            Builtin::W0207 => "this departure excuses nothing",
            Builtin::W0208 => "after the check date",
            Builtin::E0301 => "an incomplete clause",
            Builtin::E0302 => "not allowed here",
            Builtin::W0303 => "contradicts the earlier clause",
            Builtin::E0304 => "cannot be replaced",
        }
    }

    /// Codes starting with `W` are warnings; the rest are errors.
    pub fn severity(self) -> Severity {
        if self.as_str().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
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

/// The long explanation of a built-in code (`regard explain E0101`, and
/// docs/diagnostics.md). Each family of checks defines the explanations of the codes it
/// emits, beside the code that emits them.
#[derive(Clone, Copy, Debug)]
pub struct Explanation {
    pub code: Builtin,
    /// A few words: "unknown name".
    pub title: &'static str,
    /// What the diagnostic means.
    pub meaning: &'static str,
    /// Why it matters to a council or a drafter.
    pub why: &'static str,
    /// Declarations that raise it.
    pub failing: Example,
    /// The same declarations, put right.
    pub passing: Example,
    /// How to put it right.
    pub fix: &'static str,
}

/// An example in an explanation. Examples are checked with the standard library's
/// vocabulary (not its guidance) on [`Example::AS_OF`], and a test runs every one: a
/// failing example raises its code (and only the codes in `also`, besides notes); a
/// passing example raises no error, warning or information.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// What the reader sees.
    pub shown: &'static str,
    /// The bytes of the file the example stands for, when they are not `shown` itself
    /// (a file that is not UTF-8, or too long to show).
    pub bytes: Option<fn() -> Vec<u8>>,
    /// Other codes the example raises too.
    pub also: &'static [&'static str],
    /// A sentence shown under the example (empty for none).
    pub caption: &'static str,
}

impl Example {
    /// The date examples are checked on.
    pub const AS_OF: &'static str = "2025-06-01";

    pub const fn text(shown: &'static str) -> Example {
        Example {
            shown,
            bytes: None,
            also: &[],
            caption: "",
        }
    }

    pub const fn with_also(self, also: &'static [&'static str]) -> Example {
        Example { also, ..self }
    }

    /// The file the example stands for.
    pub fn source(&self) -> Vec<u8> {
        match self.bytes {
            Some(bytes) => bytes(),
            None => self.shown.as_bytes().to_vec(),
        }
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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
}
