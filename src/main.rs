//! The `regard` command line: parses arguments, calls the library, prints, and sets the
//! exit status. Nothing else lives here.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use regard::diagnostics::Severity;
use regard::{Options, Session, explain};

#[derive(Parser)]
#[command(
    name = "regard",
    version,
    about = "Check councils' arrangements for children's services against the statutory guidance"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check regard files (every *.regard below each folder) against the guidance
    Check {
        /// Files or folders to check [default: .]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The date to check on (YYYY-MM-DD) [default: today, UTC]
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
        /// Treat warnings as errors for the exit status
        #[arg(long, value_enum, value_name = "WHAT")]
        deny: Vec<Deny>,
        /// Do not load the standard library
        #[arg(long)]
        no_stdlib: bool,
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Check test files against their `//~ SEVERITY CODE` annotations
    Test {
        /// Test files or folders [default: .]
        paths: Vec<PathBuf>,
        /// Files or folders every test may use (guidance, vocabulary); they are tested too
        #[arg(long = "with", value_name = "PATH")]
        with: Vec<PathBuf>,
        /// The date to check on, for files without a `// as-of:` line [default: today, UTC]
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
        /// Do not load the standard library
        #[arg(long)]
        no_stdlib: bool,
    },
    /// Run the language server on standard input and output
    Lsp,
    /// Explain a diagnostic code (E0101) or a rule (dcs_lmcs_2013.dcs_appointed); list them all without a name
    Explain {
        /// A code or a rule
        name: Option<String>,
        /// Files or folders with further guidance whose rules to explain
        paths: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    Warnings,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("`{text}` is not a date; write it as YYYY-MM-DD"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            paths,
            format,
            as_of,
            deny,
            no_stdlib,
            color,
        } => check(paths, format, as_of, &deny, no_stdlib, color),
        Command::Explain { name, paths } => explain(name, paths),
        Command::Lsp => ExitCode::from(regard::lsp::run_stdio()),
        Command::Test {
            paths,
            with,
            as_of,
            no_stdlib,
        } => test(paths, with, as_of, no_stdlib),
    }
}

fn test(paths: Vec<PathBuf>, with: Vec<PathBuf>, as_of: Option<Date>, no_stdlib: bool) -> ExitCode {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
    };
    let (support, mut files) = match (regard::files::collect(&with), regard::files::collect(&paths)) {
        (Ok(support), Ok(files)) => (support, files),
        (Err(message), _) | (_, Err(message)) => return fail(&message),
    };
    for s in &support {
        if !files.iter().any(|f| f.path == s.path) {
            files.push(s.clone());
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let options = Options {
        as_of: as_of.unwrap_or_else(regard::today),
        stdlib: !no_stdlib,
    };
    let outcomes = regard::expect::run(&files, &support, options);
    let code = print(&regard::expect::report(&outcomes));
    match outcomes.iter().all(|o| o.passed()) {
        true => code,
        false => ExitCode::from(1),
    }
}

fn explain(name: Option<String>, paths: Vec<PathBuf>) -> ExitCode {
    let inputs = match regard::files::collect(&paths) {
        Ok(inputs) => inputs,
        Err(message) => return fail(&message),
    };
    let session = Session::new(
        inputs,
        Options {
            as_of: regard::today(),
            stdlib: true,
        },
    );
    let guidance = session.guidance();
    let text = match name {
        None => explain::index(&guidance),
        Some(name) => match explain::find(&name, &guidance) {
            Ok(explain::Topic::Builtin(e)) => explain::render_builtin(e),
            Ok(explain::Topic::Rule(g, r)) => explain::render_rule(g, r),
            Err(message) => return fail(&message),
        },
    };
    print(&text)
}

/// Reports that the command could not run: exit status 2.
fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// Writes `text` to standard output; exit status 2 if that fails.
fn print(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    }
}

fn check(
    paths: Vec<PathBuf>,
    format: Format,
    as_of: Option<Date>,
    deny: &[Deny],
    no_stdlib: bool,
    color: ColorChoice,
) -> ExitCode {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
    };
    let inputs = match regard::files::collect(&paths) {
        Ok(inputs) => inputs,
        Err(message) => return fail(&message),
    };
    let options = Options {
        as_of: as_of.unwrap_or_else(regard::today),
        stdlib: !no_stdlib,
    };
    let session = Session::new(inputs, options);
    let diagnostics = session.diagnostics();
    let output = match format {
        Format::Json => session.render_json(&diagnostics) + "\n",
        Format::Sarif => session.render_sarif(&diagnostics) + "\n",
        Format::Github => session.render_github(&diagnostics),
        Format::Human => {
            let color = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            session.render_human(&diagnostics, color)
        }
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(output.as_bytes())
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    let failing = diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error || (d.severity == Severity::Warning && deny.contains(&Deny::Warnings)));
    // The process ends here: freeing every tree one by one would only delay the exit.
    std::mem::forget(diagnostics);
    std::mem::forget(session);
    ExitCode::from(u8::from(failing))
}
