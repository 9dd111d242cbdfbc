//! The one place where typed findings become diagnostics: each finding's message, labels,
//! help and fixes are written here, and nowhere else. Resolution (`crate::hir`) records
//! findings as data; the database layer turns them into `Diagnostic`s through this
//! module, so that what a finding says can change without touching the code that finds
//! it, and a new kind of finding is one enum variant and one arm here.

mod names;

use crate::base::SourceFile;
use crate::diagnostics::Diagnostic;
use crate::hir::finding::Finding;

/// The diagnostic of a finding made while lowering `file`.
pub fn diagnostic(file: SourceFile, finding: &Finding) -> Diagnostic {
    let mut d = names::diagnostic(file, &finding.kind);
    d.council = finding.council.as_ref().map(|c| c.to_string());
    d
}
