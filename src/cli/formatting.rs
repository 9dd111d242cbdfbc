//! `regard fmt`: formatting files in place, standard input, or checking that they are.

use super::*;

pub(super) fn fmt(paths: Vec<PathBuf>, check: bool, color: ColorChoice) -> ExitCode {
    let color = use_color(color, std::io::stderr().is_terminal());
    if paths.iter().any(|p| p.as_os_str() == "-") {
        if paths.len() > 1 {
            return fail("`-` (standard input) cannot be formatted together with files");
        }
        return fmt_stdin(check, color);
    }
    let found = match paths.is_empty() {
        true => regard::files::find_lenient(&or_here(paths)),
        false => regard::files::find(&paths),
    };
    let found = match found {
        Ok(found) => found,
        Err(message) => return fail(&message),
    };
    let inputs = found
        .iter()
        .map(|f| regard::Input {
            path: f.shown.clone(),
            contents: f.read(),
        })
        .collect();
    let session = Session::new(inputs, fmt_options());
    let (mut changed, mut unchanged, mut refused, mut unwritten) = (0, 0, 0, 0);
    // The session keeps the files in the order found (by the path shown, then the real
    // path: its sort is stable), so each outcome is paired with the file's real path, and
    // two files shown alike are never confused.
    let outcomes = regard::fmt::format_files(&session);
    if outcomes.len() != found.len() {
        return fail("internal error: the files formatted are not the files found; nothing was written");
    }
    for ((file, outcome), on_disk) in outcomes.into_iter().zip(&found) {
        debug_assert_eq!(file.path(&session.db), &on_disk.shown);
        let shown = &*regard::diagnostics::escape::one_line(file.path(&session.db));
        match outcome {
            Outcome::Unchanged => unchanged += 1,
            Outcome::Refused(problems) => {
                refused += 1;
                say(&session.render_reports(&problems, color));
            }
            Outcome::Changed(formatted) if check => {
                changed += 1;
                let before = file.text(&session.db);
                if let Err(code) = write_stdout(regard::fmt::diff(shown, before, &formatted).as_bytes()) {
                    return code;
                }
            }
            Outcome::Changed(formatted) => {
                match regard::files::replace(&on_disk.path, &formatted, file.text(&session.db)) {
                    Ok(()) => changed += 1,
                    Err(e) => {
                        unwritten += 1;
                        say(&format!("error: cannot write `{shown}`: {e}\n"));
                    }
                }
            }
        }
    }
    say(&format!(
        "{}\n",
        regard::fmt::summary_line(check, changed, unchanged, refused + unwritten)
    ));
    if unwritten > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::from(u8::from(refused > 0 || (check && changed > 0)))
    }
}

/// `regard fmt -`: formats standard input to standard output. A text that cannot be
/// formatted is written back unchanged, so that a pipe never loses it.
pub(super) fn fmt_stdin(check: bool, color: bool) -> ExitCode {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes) {
        return fail(&format!("cannot read standard input: {e}"));
    }
    let input = regard::Input {
        path: "<stdin>".into(),
        contents: regard::files::contents_of(bytes.clone()),
    };
    let session = Session::new(vec![input], fmt_options());
    let Some((file, outcome)) = regard::fmt::format_files(&session).pop() else {
        return ExitCode::from(2);
    };
    let (output, status) = match outcome {
        Outcome::Unchanged if check => (Vec::new(), 0),
        Outcome::Unchanged => (bytes, 0),
        Outcome::Changed(formatted) if check => {
            let before = file.text(&session.db);
            (regard::fmt::diff("<stdin>", before, &formatted).into_bytes(), 1)
        }
        Outcome::Changed(formatted) => (formatted.into_bytes(), 0),
        Outcome::Refused(problems) => {
            say(&session.render_reports(&problems, color));
            (if check { Vec::new() } else { bytes }, 1)
        }
    };
    match write_stdout(&output) {
        Ok(()) => ExitCode::from(status),
        Err(code) => code,
    }
}

/// Formatting reads each file alone: no standard library, and no date matters.
pub(super) fn fmt_options() -> Options {
    Options {
        as_of: regard::today(),
        stdlib: false,
        as_of_given: false,
    }
}
