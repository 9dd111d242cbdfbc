//! The drafter's commands: `regard explain`, `regard coverage`, `regard impact` and
//! `regard analyze`.

use super::*;

pub(super) fn explain(name: Option<String>, paths: Vec<PathBuf>) -> ExitCode {
    let inputs = match regard::files::collect(&paths) {
        Ok(inputs) => inputs,
        Err(message) => return fail(&message),
    };
    let session = Session::new(
        inputs,
        Options {
            as_of: regard::today(),
            stdlib: true,
            as_of_given: false,
        },
    );
    let guidance = session.guidance();
    let text = match name {
        None => explain::index(&guidance),
        Some(name) => match (session.group_view(&name), explain::find(&name, &guidance)) {
            (Some(group), _) => explain::render_group(&group),
            (None, Ok(explain::Topic::Builtin(e))) => explain::render_builtin(e),
            (None, Ok(explain::Topic::Rule(g, r))) => explain::render_rule(g, r),
            (None, Ok(explain::Topic::Guidance(g))) => explain::render_guidance(g),
            (None, Err(message)) => return fail(&message),
        },
    };
    print(&text)
}

/// OLD or NEW of `regard impact`: a file (a path that ends in `.regard` or exists),
/// whose one guidance is the side, or else a guidance id.
pub(super) fn side(arg: &str) -> Result<regard::impact::Side, String> {
    let path = PathBuf::from(arg);
    if !arg.ends_with(".regard") && !regard::files::is_file(&path) && !regard::files::is_folder(&path) {
        return Ok(regard::impact::Side {
            id: arg.to_string(),
            file: None,
        });
    }
    let mut found = regard::files::collect(&[path])?;
    let [file] = found.as_mut_slice() else {
        return Err(format!("`{arg}` should be one `.regard` file holding one guidance"));
    };
    let parsed = regard::syntax::parse(file.contents.text());
    let ids: Vec<String> = parsed
        .file
        .items
        .iter()
        .filter_map(|i| match i {
            regard::syntax::ast::Item::Guidance(g) => Some(g.name.text.to_string()),
            _ => None,
        })
        .collect();
    match ids.as_slice() {
        [id] => Ok(regard::impact::Side {
            id: id.clone(),
            file: Some(file.clone()),
        }),
        _ => Err(format!("`{arg}` holds {} guidance, not one", ids.len())),
    }
}

pub(super) fn impact(
    old: &str,
    new: &str,
    paths: Vec<PathBuf>,
    format: ImpactFormat,
    as_of: Option<Date>,
    no_stdlib: bool,
    symbolic: Option<Option<usize>>,
) -> ExitCode {
    let (old, new) = match (side(old), side(new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(message), _) | (_, Err(message)) => return fail(&message),
    };
    let inputs = match inputs_from(paths) {
        Ok(inputs) => inputs,
        Err(message) => return fail(&message),
    };
    // The files of OLD and NEW are loaded as stand-ins, not as part of the workspace.
    let stand_ins: Vec<&str> = [&old, &new]
        .iter()
        .filter_map(|s| s.file.as_ref().map(|f| f.path.as_str()))
        .collect();
    let inputs: Vec<regard::Input> = inputs
        .into_iter()
        .filter(|i| !stand_ins.contains(&i.path.as_str()))
        .collect();
    let options = Options {
        as_of: as_of.unwrap_or_else(regard::today),
        stdlib: !no_stdlib,
        as_of_given: as_of.is_some(),
    };
    if let Some(posts) = symbolic {
        let found = match regard::impact::symbolic(&old, &new, &inputs, options, posts) {
            Ok(found) => found,
            Err(message) => return fail(&message),
        };
        return print(&match format {
            ImpactFormat::Json => regard::impact::symbolic_json(&found),
            ImpactFormat::Human | ImpactFormat::Md => regard::impact::symbolic_human(&found),
        });
    }
    let impact = match regard::impact::run(&old, &new, &inputs, options) {
        Ok(impact) => impact,
        Err(message) => return fail(&message),
    };
    let output = match format {
        ImpactFormat::Human => regard::impact::human(&impact),
        ImpactFormat::Json => regard::impact::json(&impact),
        ImpactFormat::Md => regard::impact::markdown(&impact),
    };
    print(&output)
}

pub(super) fn analyze(
    paths: Vec<PathBuf>,
    request: regard::analyze::Request,
    witness_out: Option<PathBuf>,
    format: Format,
    as_of: Option<Date>,
    no_stdlib: bool,
    color: ColorChoice,
) -> ExitCode {
    let inputs = match inputs_from(paths) {
        Ok(inputs) => inputs,
        Err(message) => return fail(&message),
    };
    let options = Options {
        as_of: as_of.unwrap_or_else(regard::today),
        stdlib: !no_stdlib,
        as_of_given: as_of.is_some(),
    };
    let mut session = Session::new(inputs.clone(), options);
    // Errors in the guidance and vocabulary come first, as `regard check` reports them;
    // what councils break is `regard check`'s business.
    let mut diagnostics: Vec<_> = session
        .diagnostics()
        .into_iter()
        .filter(|d| d.council.is_none() && d.severity == Severity::Error)
        .collect();
    let outcome = match regard::analyze::run(&session, inputs, options, &request) {
        Ok(outcome) => outcome,
        Err(message) => return fail(&message),
    };
    diagnostics.extend(outcome.diagnostics.iter().cloned());
    let tty = std::io::stdout().is_terminal();
    let mut output = session.render(format, &diagnostics, use_color(color, tty));
    if format == Format::Human {
        output.push_str(&regard::analyze::human_tail(&outcome));
    }
    if format == Format::Json {
        output = regard::analyze::json(&output, &outcome, options.as_of);
    }
    if let Err(code) = write_stdout(output.as_bytes()) {
        return code;
    }
    if let (Some(path), Some(witness)) = (witness_out, &outcome.witness)
        && let Err(e) = regard::files::write_output(&path, witness)
    {
        return fail(&format!("cannot write `{}`: {e}", regard::files::display(&path)));
    }
    let failing = diagnostics.iter().any(|d| d.severity == Severity::Error) || !outcome.witness_findings.is_empty();
    ExitCode::from(u8::from(failing))
}

pub(super) fn coverage(
    paths: Vec<PathBuf>,
    format: CoverageFormat,
    as_of: Option<Date>,
    no_stdlib: bool,
    color: ColorChoice,
) -> ExitCode {
    let mut session = match open(paths, as_of, no_stdlib) {
        Ok(session) => session,
        Err(code) => return code,
    };
    // Inputs with errors are reported first, as `regard check` reports them: on standard
    // output with the table, on standard error when the table is JSON. Only errors in
    // the input and the guidance count; what councils break is `regard check`'s business.
    let errors: Vec<_> = session
        .diagnostics()
        .into_iter()
        .filter(|d| {
            d.severity == Severity::Error
                && matches!(&d.code, regard::diagnostics::Code::Builtin(b)
                    if b.family() == regard::diagnostics::Family::Input || d.council.is_none())
        })
        .collect();
    if !errors.is_empty() {
        let json = matches!(format, CoverageFormat::Json);
        let tty = if json {
            std::io::stderr().is_terminal()
        } else {
            std::io::stdout().is_terminal()
        };
        let rendered = session.render(Format::Human, &errors, use_color(color, tty));
        if json {
            // A failed write to standard error leaves nothing else to tell.
            let _ = std::io::stderr().write_all(rendered.as_bytes());
        } else if let Err(code) = write_stdout(rendered.as_bytes()) {
            return code;
        }
    }
    let accounted = session.coverage();
    let output = match format {
        CoverageFormat::Human => regard::coverage::human(&accounted),
        CoverageFormat::Json => regard::coverage::json(&accounted),
    };
    if let Err(code) = write_stdout(output.as_bytes()) {
        return code;
    }
    ExitCode::from(u8::from(
        !errors.is_empty() || regard::coverage::any_missing(&accounted),
    ))
}
