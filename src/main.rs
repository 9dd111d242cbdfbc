//! The `regard` command line: parses arguments, calls the library, prints, and sets the
//! exit status. Nothing else lives here.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use regard::diagnostics::Severity;
use regard::{Options, Session};

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
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
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
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let options = Options {
        as_of: as_of.unwrap_or_else(regard::today),
        stdlib: !no_stdlib,
    };
    let session = Session::new(inputs, options);
    let diagnostics = session.diagnostics();
    let output = match format {
        Format::Json => session.render_json(&diagnostics) + "\n",
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
