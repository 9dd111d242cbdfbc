//! The `regard` command line: parses arguments, calls the library, prints, and sets the
//! exit status. Nothing else lives here. `args` defines the commands; each command's
//! handler lives in the file of its family; `output` writes without panicking.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::builder::TypedValueParser as _;
use clap::{Parser, Subcommand, ValueEnum};

use jiff::civil::Date;

use regard::diagnostics::Severity;
use regard::fmt::Outcome;
use regard::{Format, Options, Session, explain, report};

mod args;
mod checking;
mod drafting;
mod formatting;
mod output;
mod reports;
mod setup;

use args::*;
use checking::*;
use drafting::*;
use formatting::*;
use output::*;
use reports::*;
use setup::*;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    regard::files::respect_ignore_files(!cli.no_ignore);
    regard::files::remove_temporaries_on_signals();
    let code = run(cli);
    match STDERR_FAILED.load(Ordering::Relaxed) {
        true => ExitCode::from(2),
        false => code,
    }
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check {
            paths,
            stdin_filename,
            quiet,
            format,
            as_of,
            deny,
            no_stdlib,
            color,
            watch: watching,
        } => match watching {
            // Watching has no exit status to decide, so `--deny` changes nothing.
            true => watch(paths, stdin_filename, quiet, format, as_of, no_stdlib, color),
            false => check(paths, stdin_filename, quiet, format, as_of, &deny, no_stdlib, color),
        },
        Command::Explain { name, paths } => explain(name, paths),
        Command::Impact {
            old,
            new,
            paths,
            format,
            checking,
            symbolic,
            posts,
        } => impact(
            &old,
            &new,
            paths,
            format,
            checking.as_of,
            checking.no_stdlib,
            symbolic.then_some(posts),
        ),
        Command::Coverage {
            paths,
            format,
            checking,
            colour,
        } => coverage(paths, format, checking.as_of, checking.no_stdlib, colour.color),
        Command::Lsp => ExitCode::from(regard::lsp::run_stdio()),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "regard", &mut out);
            write_out(None, &String::from_utf8_lossy(&out))
        }
        Command::Manpage { dir } => manpage(dir),
        Command::Analyze {
            paths,
            guidance,
            posts,
            records,
            witness,
            format,
            checking,
            colour,
        } => analyze(
            paths,
            regard::analyze::Request {
                guidance,
                posts,
                records,
                // Without `--as-of`, every period in which the rules in force are
                // constant (language-v3 3.7).
                every_period: checking.as_of.is_none(),
            },
            witness,
            format,
            checking.as_of,
            checking.no_stdlib,
            colour.color,
        ),
        Command::Report {
            paths,
            council,
            guidance,
            format,
            out,
            as_of,
        } => match guidance {
            Some(id) => guidance_report(paths, &id, format, out, as_of),
            None => report(paths, council.as_deref(), format, out, as_of),
        },
        Command::Graph {
            paths,
            council,
            format,
            out,
            as_of,
        } => graph(paths, &council, format, out, as_of),
        Command::Fmt { paths, check, colour } => fmt(paths, check, colour.color),
        Command::Init { council_id, name, dir } => init(&council_id, &name, dir),
        Command::Test { paths, with, checking } => test(paths, with, checking.as_of, checking.no_stdlib),
    }
}
