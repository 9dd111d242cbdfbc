//! The one place where typed findings become diagnostics: each finding's message, labels,
//! help and fixes are written here, and nowhere else. Resolution (`crate::hir::finding`)
//! and the built-in checks (`crate::check::finding`) record findings as data; the
//! database layer turns them into `Diagnostic`s through this module, so that what a finding says can change without touching the code that finds
//! it, and a new kind of finding is one enum variant and one arm here.

mod analysis;
mod council;
mod input;
mod names;
mod rules;

use crate::base::SourceFile;
use crate::check::finding::CouncilFinding;
use crate::diagnostics::Diagnostic;
use crate::hir::finding::Finding;

/// The diagnostic of a finding made while lowering `file`.
pub fn diagnostic(file: SourceFile, finding: &Finding) -> Diagnostic {
    let mut d = names::diagnostic(file, &finding.kind);
    d.council = finding.council.as_ref().map(|c| c.to_string());
    d
}

/// The diagnostic of a finding of the built-in checks about council `council`, which is
/// declared in `file`.
pub fn council_diagnostic(file: SourceFile, council: &str, finding: &CouncilFinding) -> Diagnostic {
    let mut d = council::diagnostic(file, finding);
    d.council = Some(council.to_string());
    d
}

/// A command's error for a name it was given that is not declared: "no guidance
/// `dcs_lmcs_2031` in the files given or the standard library; did you mean
/// `dcs_lmcs_2013`?", with the closest of `known` as the suggestion.
pub fn not_declared<'k>(noun: &str, id: &str, place: &str, known: impl IntoIterator<Item = &'k str>) -> String {
    let help = match crate::hir::defs::closest(id, known) {
        Some(near) => format!("; did you mean `{near}`?"),
        None => String::new(),
    };
    format!("no {noun} `{id}` in {place}{help}")
}

/// E0002 for a file that cannot be read as text; `None` for text.
pub fn unreadable_diagnostic(file: SourceFile, contents: &crate::base::Contents) -> Option<Diagnostic> {
    input::diagnostic(file, contents)
}

/// The diagnostic of a finding of `regard analyze`.
pub fn analysis_diagnostic(finding: &crate::hir::finding::AnalysisFinding) -> Option<Diagnostic> {
    analysis::diagnostic(finding)
}

pub use analysis::{in_period, period_words};
pub use council::UNFOLLOWED;

/// The diagnostic of a rule a council breaks.
pub fn violation_diagnostic(violation: &crate::check::rules::Violation<'_>) -> Diagnostic {
    rules::diagnostic(violation)
}
