//! `regard report` and `regard graph`: the papers made from the checker's verdicts.

use super::*;

/// A session over `paths` for a report, with the standard library.
pub(super) fn report_session(paths: Vec<PathBuf>, as_of: Option<Date>) -> Result<Session, String> {
    let inputs = inputs_from(paths)?;
    let options = Options {
        as_of: as_of.unwrap_or_else(regard::today),
        stdlib: true,
    };
    Ok(Session::new(inputs, options))
}

/// Checks `paths` and builds the report of every council, or of `council`.
pub(super) fn build_report(
    paths: Vec<PathBuf>,
    council: Option<&str>,
    as_of: Option<Date>,
) -> Result<report::Report, String> {
    let mut session = report_session(paths, as_of)?;
    let report = report::build(&mut session, council)?;
    if report.councils.is_empty() && report.other_findings.is_empty() {
        return Err("no council declared in the files given".into());
    }
    Ok(report)
}

pub(super) fn report(
    paths: Vec<PathBuf>,
    council: Option<&str>,
    format: Option<ReportFormat>,
    out: Option<PathBuf>,
    as_of: Option<Date>,
) -> ExitCode {
    let format = match report_format(format, out.as_ref()) {
        Ok(format) => format,
        Err(message) => return fail(&message),
    };
    let report = match build_report(paths, council, as_of) {
        Ok(report) => report,
        Err(message) => return fail(&message),
    };
    let text = match format {
        ReportFormat::Html => report::html::render(&report),
        ReportFormat::Md => report::markdown::render(&report),
        ReportFormat::Json => report::to_json(&report) + "\n",
    };
    write_out(out, &text)
}

/// The format a report is written in: `--format`, else the `--out` file's extension
/// (`.html`, `.htm`, `.json`, `.md`, `.markdown`, or none for Markdown), else Markdown.
/// Any other extension is an error: `--out report.pdf` must not quietly get Markdown.
pub(super) fn report_format(format: Option<ReportFormat>, out: Option<&PathBuf>) -> Result<ReportFormat, String> {
    if let Some(format) = format {
        return Ok(format);
    }
    match out.map(|o| o.extension().map(|e| e.to_string_lossy().to_lowercase())) {
        None | Some(None) => Ok(ReportFormat::Md),
        Some(Some(ext)) => match ext.as_str() {
            "html" | "htm" => Ok(ReportFormat::Html),
            "json" => Ok(ReportFormat::Json),
            "md" | "markdown" => Ok(ReportFormat::Md),
            _ => Err(format!(
                "regard writes reports as HTML, Markdown or JSON, not `.{ext}`; give `--format` to write one into `{}` anyway (for a PDF, print the HTML)",
                out.map(|o| regard::files::display(o)).unwrap_or_default()
            )),
        },
    }
}

/// `regard report --guidance ID`: one guidance over every council given.
pub(super) fn guidance_report(
    paths: Vec<PathBuf>,
    id: &str,
    format: Option<ReportFormat>,
    out: Option<PathBuf>,
    as_of: Option<Date>,
) -> ExitCode {
    let format = match report_format(format, out.as_ref()) {
        Ok(format) => format,
        Err(message) => return fail(&message),
    };
    let mut session = match report_session(paths, as_of) {
        Ok(session) => session,
        Err(message) => return fail(&message),
    };
    let full = match report::build(&mut session, None) {
        Ok(report) => report,
        Err(message) => return fail(&message),
    };
    let as_of = session.workspace.as_of(&session.db);
    let guidance = match session.guidance_named(id) {
        Ok(guidance) => guidance,
        Err(message) => return fail(&message),
    };
    let view = report::guidance::build(&full, guidance, as_of);
    let text = match format {
        ReportFormat::Html => view.html(),
        ReportFormat::Md => view.markdown(),
        ReportFormat::Json => view.to_json() + "\n",
    };
    write_out(out, &text)
}

pub(super) fn graph(
    paths: Vec<PathBuf>,
    council: &str,
    format: GraphFormat,
    out: Option<PathBuf>,
    as_of: Option<Date>,
) -> ExitCode {
    let report = match build_report(paths, Some(council), as_of) {
        Ok(report) => report,
        Err(message) => return fail(&message),
    };
    let statement = &report.councils[0];
    let text = match format {
        GraphFormat::Svg => report::chart::svg(&statement.name, &statement.posts) + "\n",
        GraphFormat::Dot => report::chart::dot(&statement.id, &statement.posts),
    };
    write_out(out, &text)
}
