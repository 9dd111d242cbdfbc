//! `regard report` and `regard graph`: the papers made from the checker's verdicts.

use super::*;

/// A session over `paths` for a report, with the standard library; an error, before
/// anything is read, when `out` would overwrite a file it reads or names a folder.
pub(super) fn report_session(
    paths: Vec<PathBuf>,
    out: Option<&PathBuf>,
    as_of: Option<Date>,
) -> Result<Session, String> {
    let found = found_from(paths)?;
    if let Some(out) = out {
        refuse_clash(out, &found)?;
    }
    let inputs = regard::files::read_all(&found);
    let options = Options {
        as_of: as_of.unwrap_or_else(regard::today),
        stdlib: true,
        as_of_given: as_of.is_some(),
    };
    Ok(Session::new(inputs, options))
}

/// Checks `paths` and builds the report of every council, or of `council`.
pub(super) fn build_report(
    paths: Vec<PathBuf>,
    council: Option<&str>,
    out: Option<&PathBuf>,
    as_of: Option<Date>,
) -> Result<report::Report, String> {
    let mut session = report_session(paths, out, as_of)?;
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
    let report = match build_report(paths, council, out.as_ref(), as_of) {
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
/// Any other extension is an error: `--out report.pdf` must not quietly get Markdown. An
/// `--out` ending `.regard` is refused whatever the format: the next check would read
/// the report as a declaration.
pub(super) fn report_format(format: Option<ReportFormat>, out: Option<&PathBuf>) -> Result<ReportFormat, String> {
    not_a_regard_file(out)?;
    let ext = out
        .and_then(|o| o.extension())
        .map(|e| e.to_string_lossy().to_lowercase());
    let shown = || out.map(|o| regard::files::display(o)).unwrap_or_default();
    if let Some(format) = format {
        return Ok(format);
    }
    match ext.as_deref() {
        None => Ok(ReportFormat::Md),
        Some("html" | "htm") => Ok(ReportFormat::Html),
        Some("json") => Ok(ReportFormat::Json),
        Some("md" | "markdown") => Ok(ReportFormat::Md),
        Some(ext) => Err(format!(
            "regard writes reports as HTML, Markdown or JSON, not `.{ext}`; name the file `.html`, `.md` or `.json`, or give `--format` to write one into `{}` anyway (for a PDF, print the HTML)",
            shown()
        )),
    }
}

/// An error for an output named like a regard file, which the next check would read as
/// a declaration (and which may be one of the inputs).
fn not_a_regard_file(out: Option<&PathBuf>) -> Result<(), String> {
    match out {
        Some(o) if o.extension().is_some_and(|e| e.eq_ignore_ascii_case("regard")) => Err(format!(
            "`{}` is a name for regard files, which the next check would read; write the output to a file ending `.html`, `.md`, `.json`, `.svg` or `.dot`",
            regard::files::display(o)
        )),
        _ => Ok(()),
    }
}

/// The files below `paths` (or `.`), found but not yet read.
fn found_from(paths: Vec<PathBuf>) -> Result<Vec<regard::files::Found>, String> {
    match paths.is_empty() {
        true => regard::files::find_lenient(&[PathBuf::from(".")]),
        false => regard::files::find(&paths),
    }
}

/// An error when `out` is a folder or one of the files the command reads.
fn refuse_clash(out: &std::path::Path, found: &[regard::files::Found]) -> Result<(), String> {
    match regard::files::output_clash(out, found) {
        None => Ok(()),
        Some(regard::files::OutputClash::Folder) => Err(format!(
            "`{}` is a folder; give `--out` a file name, such as `{}`",
            regard::files::display(out),
            regard::files::display(&out.join("report.html"))
        )),
        Some(regard::files::OutputClash::Input(input)) => Err(format!(
            "`--out {}` is `{input}`, one of the files being read; write the output to a new file, such as `report.html`",
            regard::files::display(out)
        )),
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
    let mut session = match report_session(paths, out.as_ref(), as_of) {
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
    if let Err(message) = not_a_regard_file(out.as_ref()) {
        return fail(&message);
    }
    let report = match build_report(paths, Some(council), out.as_ref(), as_of) {
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
