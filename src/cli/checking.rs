//! `regard check` (and `--watch`) and `regard test`: reading the files, checking them,
//! and the exit status.

use super::*;

pub(super) fn test(paths: Vec<PathBuf>, with: Vec<PathBuf>, as_of: Option<Date>, no_stdlib: bool) -> ExitCode {
    let (support, mut files) = match (regard::files::collect(&with), inputs_from(paths)) {
        (Ok(support), Ok(files)) => (support, files),
        (Err(message), _) | (_, Err(message)) => return fail(&message),
    };
    for s in &support {
        if !files.iter().any(|f| f.path == s.path) {
            files.push(s.clone());
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    // For `regard test` the date stands in for today: a fixture whose council says its
    // own `as_of` is checked as of that, as its annotations expect.
    let options = Options {
        as_of: as_of.unwrap_or_else(regard::today),
        stdlib: !no_stdlib,
        as_of_given: false,
    };
    let outcomes = regard::expect::run(&files, &support, options);
    let code = print(&regard::expect::report(&outcomes));
    match outcomes.iter().all(|o| o.passed()) {
        true => code,
        false => ExitCode::from(1),
    }
}

/// The paths given, or the current folder when none are.
pub(super) fn or_here(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
    }
}

/// The files below `paths`, or below the current folder when none are given. A path
/// given that holds no regard file is an error (a CI step pointed at the wrong folder
/// must fail); the current folder by default may hold none (the standard library alone
/// is then what the command reads).
pub(super) fn inputs_from(paths: Vec<PathBuf>) -> Result<Vec<regard::Input>, String> {
    match paths.is_empty() {
        true => regard::files::find_lenient(&[PathBuf::from(".")]).map(|found| regard::files::read_all(&found)),
        false => regard::files::collect(&paths),
    }
}

/// A session over the files found below `paths` (or `.`), with or without the standard
/// library; exit status 2 when a path cannot be read.
pub(super) fn open(paths: Vec<PathBuf>, as_of: Option<Date>, no_stdlib: bool) -> Result<Session, ExitCode> {
    let inputs = inputs_from(paths).map_err(|message| fail(&message))?;
    let options = Options {
        as_of: as_of.unwrap_or_else(regard::today),
        stdlib: !no_stdlib,
        as_of_given: as_of.is_some(),
    };
    Ok(Session::new(inputs, options))
}

/// What `regard check` prints: the findings in `format`; with `--quiet`, the terminal
/// reports without the summary line (the other formats have no summary to leave out).
pub(super) fn check_output(
    session: &Session,
    diagnostics: &[regard::diagnostics::Diagnostic],
    quiet: bool,
    format: Format,
    color: bool,
) -> String {
    match (quiet, format) {
        (true, Format::Human) => session.render_reports(diagnostics, color),
        _ => session.render(format, diagnostics, color),
    }
}

/// `regard check --watch`: checks, then checks again after every change, until stopped.
pub(super) fn watch(
    paths: Vec<PathBuf>,
    stdin_filename: Option<String>,
    quiet: bool,
    format: Format,
    as_of: Option<Date>,
    no_stdlib: bool,
    color: ColorChoice,
) -> ExitCode {
    if paths.iter().any(|p| p.as_os_str() == "-") || stdin_filename.is_some() {
        return fail("`--watch` watches files and folders; standard input (`-`) cannot be watched");
    }
    let options = Options {
        as_of: as_of.unwrap_or_else(regard::today),
        stdlib: !no_stdlib,
        as_of_given: as_of.is_some(),
    };
    let terminal = std::io::stdout().is_terminal();
    let color = use_color(color, terminal);
    // With no path, the current folder may hold no regard file yet, as for `regard check`.
    let strict = !paths.is_empty();
    let result = regard::watch::watch(paths, strict, options, |session, diagnostics, run| {
        let mut output = String::new();
        if terminal {
            // Clear the screen and the scrollback, and go to the top.
            output.push_str("\x1b[H\x1b[2J\x1b[3J");
        }
        output.push_str(&check_output(session, diagnostics, quiet, format, color));
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(output.as_bytes());
        let _ = stdout.flush();
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "[watch] {}", run.status());
        let _ = stderr.flush();
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn check(
    paths: Vec<PathBuf>,
    stdin_filename: Option<String>,
    quiet: bool,
    format: Format,
    as_of: Option<Date>,
    deny: &[Deny],
    no_stdlib: bool,
    color: ColorChoice,
) -> ExitCode {
    let stdin = paths.iter().any(|p| p.as_os_str() == "-");
    if stdin_filename.is_some() && !stdin {
        return fail("`--stdin-filename` names the text read from `-`; give `-` as a path");
    }
    let others: Vec<PathBuf> = paths.iter().filter(|p| p.as_os_str() != "-").cloned().collect();
    // `-` alone: standard input is the only file, not the current folder too.
    let mut inputs = match (stdin, others.is_empty()) {
        (true, true) => Vec::new(),
        _ => match inputs_from(others) {
            Ok(inputs) => inputs,
            Err(message) => return fail(&message),
        },
    };
    if stdin {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes) {
            return fail(&format!("cannot read standard input: {e}"));
        }
        let path = stdin_filename.unwrap_or_else(|| "<stdin>".into());
        // The text on standard input stands in for the file of that name.
        inputs.retain(|i| i.path != path);
        inputs.push(regard::Input {
            path,
            contents: regard::files::contents_of(bytes),
        });
    }
    let options = Options {
        as_of: as_of.unwrap_or_else(regard::today),
        stdlib: !no_stdlib,
        as_of_given: as_of.is_some(),
    };
    let mut session = Session::new(inputs, options);
    let diagnostics = session.diagnostics();
    let color = use_color(color, std::io::stdout().is_terminal());
    let output = check_output(&session, &diagnostics, quiet, format, color);
    if let Err(code) = write_stdout(output.as_bytes()) {
        return code;
    }
    let failing = diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error || (d.severity == Severity::Warning && deny.contains(&Deny::Warnings)));
    // The process ends here: freeing every tree one by one would only delay the exit.
    std::mem::forget(diagnostics);
    std::mem::forget(session);
    ExitCode::from(u8::from(failing))
}
