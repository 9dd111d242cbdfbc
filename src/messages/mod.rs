//! The one place where typed findings become diagnostics: each finding's message, labels,
//! help and fixes are written here, and nowhere else. Resolution (`crate::hir::finding`)
//! and the built-in checks (`crate::check::finding`) record findings as data; the
//! database layer turns them into `Diagnostic`s through this module, so that what a finding says can change without touching the code that finds
//! it, and a new kind of finding is one enum variant and one arm here.

mod analysis;
mod council;
mod names;

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

/// The diagnostic of a finding of `regard analyze`.
pub fn analysis_diagnostic(finding: &crate::hir::finding::AnalysisFinding) -> Option<Diagnostic> {
    analysis::diagnostic(finding)
}
