//! The `regard` command line: parses arguments, calls the library, prints, and sets the
//! exit status. Nothing else lives here.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::builder::TypedValueParser as _;
use clap::{Parser, Subcommand, ValueEnum};

/// mimalloc rather than the system allocator: checking allocates many small objects on
/// several threads at once, where glibc's allocator spends much of its time growing and
/// locking its arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use jiff::civil::Date;

use regard::diagnostics::Severity;
use regard::fmt::Outcome;
use regard::{Format, Options, Session, explain, report};

#[derive(Parser)]
#[command(
    name = "regard",
    version = env!("REGARD_VERSION"),
    about = "Check councils' arrangements for children's services against the statutory guidance"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Walk folders without respecting `.gitignore` and `.ignore` files (hidden folders
    /// are still skipped; files named on the command line are always read)
    #[arg(long, global = true)]
    no_ignore: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check regard files (every *.regard below each folder) against the guidance
    ///
    /// Exit status: 0 when nothing is wrong, 1 with an error (or a warning, with `--deny
    /// warnings`), 2 when the command cannot run (a path that does not exist or holds no
    /// regard file, a bad argument). With `--watch`, it runs until stopped (Ctrl-C), and
    /// exits 2 only when it cannot start or cannot go on watching.
    ///
    /// Examples:
    ///   regard check councils/
    ///   regard check councils/ --format sarif > regard.sarif
    ///   regard check - --stdin-filename councils/ashford.regard < edited.regard
    ///   regard check . --format concise --quiet
    ///   regard check councils/ --watch
    #[command(verbatim_doc_comment)]
    Check {
        /// Files or folders to check, or `-` for standard input [default: .]
        paths: Vec<PathBuf>,
        /// With `-`: the path standard input's text is checked as (for messages and for
        /// the file's place among the others)
        #[arg(long, value_name = "PATH")]
        stdin_filename: Option<String>,
        /// Print the findings only: no summary line, and nothing when there is nothing
        /// to report (the exit status says how it went)
        #[arg(long, short)]
        quiet: bool,
        #[arg(long, default_value = "human", value_parser = format_parser())]
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
        /// Check again whenever a regard file changes, comes or goes, clearing the screen
        /// between runs; only what a change touches is checked again
        #[arg(long, short)]
        watch: bool,
    },
    /// Print a shell completion script
    ///
    /// Exit status: 0, or 2 for a shell it does not know.
    ///
    /// Examples:
    ///   regard completions bash > ~/.local/share/bash-completion/completions/regard
    ///   regard completions zsh > ~/.zfunc/_regard      (with `fpath+=~/.zfunc` before `compinit`)
    ///   regard completions fish > ~/.config/fish/completions/regard.fish
    #[command(verbatim_doc_comment)]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual pages (roff)
    ///
    /// Without --dir, the page of `regard` itself to standard output; with it, that page and
    /// one for each command (`regard-check.1`, ...) into the folder.
    ///
    /// Exit status: 0, or 2 when a page cannot be written.
    ///
    /// Examples:
    ///   regard manpage | man -l -
    ///   regard manpage --dir ~/.local/share/man/man1
    #[command(verbatim_doc_comment)]
    Manpage {
        /// The folder to write every page into
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Ask what guidance means for every council of a bound: can any comply, can each clause fire
    ///
    /// The guidance in force (or each `--guidance`, together) is encoded as a SAT problem
    /// over every council of up to N posts and M assurance records. E0310: no council of the
    /// bound meets every `must` and `should` at once (the smallest set of clauses that
    /// conflict, labelled). W0311: no council breaks a clause. I0312: the other clauses of
    /// its guidance imply a clause. With no conflict, a smallest council that meets
    /// everything (the witness) is printed as regard source, after the ordinary checker has
    /// checked it.
    ///
    /// Exit status as `regard check`: 1 with an error (E0310), else 0; 2 when it could not
    /// run.
    ///
    /// Examples:
    ///   regard analyze stdlib --no-stdlib
    ///   regard analyze drafts/ --guidance draft_2027 --posts 8 --witness council.regard
    #[command(verbatim_doc_comment)]
    Analyze {
        /// Files or folders to read [default: .]
        paths: Vec<PathBuf>,
        /// A guidance to analyse; give several to analyse them together [default: every guidance in force]
        #[arg(long, value_name = "ID")]
        guidance: Vec<String>,
        /// The most posts a council may have [default: one per role the clauses mention, plus two]
        #[arg(long, value_name = "N")]
        posts: Option<usize>,
        /// The most assurance records a council may have [default: 2]
        #[arg(long, value_name = "M")]
        records: Option<usize>,
        /// Write the witness (a council that meets everything) to this file
        #[arg(long, value_name = "FILE")]
        witness: Option<PathBuf>,
        #[arg(long, default_value = "human", value_parser = format_parser())]
        format: Format,
        /// The date to analyse on (YYYY-MM-DD) [default: today, UTC]
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
        /// Do not load the standard library
        #[arg(long)]
        no_stdlib: bool,
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Show, for each guidance that declares `paragraphs`, what accounts for each part
    ///
    /// Every part is listed with the rules that cite it (encoded), the reason it was set
    /// aside (aside), or as missing, then a summary line.
    ///
    /// Exit status: 0 when every part is accounted for, 1 when a part is missing or an input
    /// has errors, 2 when it could not run.
    ///
    /// Examples:
    ///   regard coverage stdlib --no-stdlib
    ///   regard coverage drafts/ --format json
    #[command(verbatim_doc_comment)]
    Coverage {
        /// Files or folders to read [default: .]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CoverageFormat::Human)]
        format: CoverageFormat,
        /// The date to check on (YYYY-MM-DD) [default: today, UTC]
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
        /// Do not load the standard library
        #[arg(long)]
        no_stdlib: bool,
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Show what a new edition of a guidance would change for the councils that follow the old one
    ///
    /// Every council that follows OLD (explicitly or by default) is checked on the check
    /// date once with OLD and once with NEW in its place; the findings that appear,
    /// disappear or change severity are listed by council, then a summary. OLD and NEW are
    /// guidance ids, or `.regard` files each holding one guidance, which then stands in
    /// for the workspace's guidance of that id (so that two versions of one edition
    /// compare).
    ///
    /// Exit status: 0 when it ran (impact is information), 2 when it could not.
    ///
    /// Examples:
    ///   regard impact dcs_lmcs_2009 dcs_lmcs_2013 councils/
    ///   regard impact dcs_lmcs_2013 drafts/dcs_lmcs_2013.regard councils/ --format md
    #[command(verbatim_doc_comment)]
    Impact {
        /// The guidance in effect now: an id, or a file holding one guidance
        old: String,
        /// The guidance to put in its place: an id, or a file holding one guidance
        new: String,
        /// Files or folders of councils (and guidance) [default: .]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ImpactFormat::Human)]
        format: ImpactFormat,
        /// The date to check on (YYYY-MM-DD) [default: today, UTC]
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
        /// Do not load the standard library
        #[arg(long)]
        no_stdlib: bool,
        /// Beyond the councils on disk: find a council (up to --posts posts) whose verdict
        /// differs between OLD and NEW, confirmed by the checker, or say none exists
        #[arg(long)]
        symbolic: bool,
        /// With --symbolic, the most posts a council may have [default: one per role the clauses mention, plus two]
        #[arg(long, value_name = "N", requires = "symbolic")]
        posts: Option<usize>,
    },
    /// Check test files against their `//~ SEVERITY CODE` annotations
    ///
    /// Each test file is checked on its own, with the standard library and the `--with`
    /// files; a line `// analyze: ID...` adds `regard analyze`'s findings.
    ///
    /// Exit status: 0 when every test passes, 1 when one fails, 2 when the command cannot
    /// run.
    ///
    /// Examples:
    ///   regard test tests/ --with guidance/ashford_protocol.regard
    #[command(verbatim_doc_comment)]
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
    /// Rewrite regard files in the canonical layout (`-` formats standard input to standard output)
    ///
    /// Exit status: 0 when done (with `--check`: when nothing would change), 1 when a file
    /// would change (`--check`) or cannot be formatted, 2 when the command cannot run.
    ///
    /// Examples:
    ///   regard fmt councils/
    ///   regard fmt --check .
    ///   regard fmt - < messy.regard > tidy.regard
    #[command(verbatim_doc_comment)]
    Fmt {
        /// Files or folders to format, or `-` [default: .]
        paths: Vec<PathBuf>,
        /// Write nothing: show what would change as a unified diff, and exit 1 if anything would
        #[arg(long)]
        check: bool,
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Write a starter council file that follows the current statutory guidance
    ///
    /// Exit status: 0 when written, 2 when the file exists or cannot be written.
    ///
    /// Examples:
    ///   regard init northshire "Northshire County Council"
    #[command(verbatim_doc_comment)]
    Init {
        /// The council's identifier, as used in regard (`northshire`)
        council_id: String,
        /// The council's name (`"Northshire County Council"`)
        name: String,
        /// The folder to write COUNCIL_ID.regard in [default: .]
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Write each council's statement of its arrangements (roles, reporting lines, boards,
    /// assurance, departures, the check's findings), with a national overview for several
    ///
    /// Exit status: 0 when written, whatever the check found (the verdict is in the
    /// report), 2 when it cannot run.
    ///
    /// Examples:
    ///   regard report councils/ --out england.html
    ///   regard report councils/ --council fenmarsh --format md
    ///   regard report councils/ --guidance dcs_lmcs_2013 --out guidance.html
    #[command(verbatim_doc_comment)]
    Report {
        /// Files or folders [default: .]
        paths: Vec<PathBuf>,
        /// Only this council
        #[arg(long, value_name = "ID")]
        council: Option<String>,
        /// Instead of a statement per council, one guidance over all of them: each part
        /// of its text with the rules that encode it, and how many councils meet, break or
        /// have departed from each rule
        #[arg(long, value_name = "ID", conflicts_with = "council")]
        guidance: Option<String>,
        /// [default: from the --out file's extension, else md]
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// The file to write [default: standard output]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The date to check on (YYYY-MM-DD) [default: today, UTC]
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Draw a council's reporting lines as an organisation chart
    ///
    /// Exit status: 0 when drawn, 2 when it cannot run (a council that is not there).
    ///
    /// Examples:
    ///   regard graph councils/ --council fenmarsh > fenmarsh.svg
    ///   regard graph councils/ --council fenmarsh --format dot | dot -Tpng > fenmarsh.png
    #[command(verbatim_doc_comment)]
    Graph {
        /// Files or folders [default: .]
        paths: Vec<PathBuf>,
        /// The council to draw
        #[arg(long, value_name = "ID")]
        council: String,
        #[arg(long, value_enum, default_value_t = GraphFormat::Svg)]
        format: GraphFormat,
        /// The file to write [default: standard output]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The date to check on, for the problems marked (YYYY-MM-DD) [default: today, UTC]
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Run the language server on standard input and output
    ///
    /// Editors start it; docs/editors.md says how for VS Code, Neovim and Helix.
    ///
    /// Exit status: 0 after a shutdown and exit, 1 when the client went away without one.
    ///
    /// Examples:
    ///   regard lsp
    #[command(verbatim_doc_comment)]
    Lsp,
    /// Explain a diagnostic code (E0101) or a rule (dcs_lmcs_2013.dcs_appointed); list them all without a name
    ///
    /// Exit status: 0 when explained, 2 for a name regard does not know (with the closest).
    ///
    /// Examples:
    ///   regard explain E0310
    ///   regard explain dcs_lmcs_2013.dcs_reports_to_chief_executive
    ///   regard explain dcs_lmcs_2013
    #[command(verbatim_doc_comment)]
    Explain {
        /// A code or a rule
        name: Option<String>,
        /// Files or folders with further guidance whose rules to explain
        paths: Vec<PathBuf>,
    },
}

/// `--format`: the names of the library's output formats.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    clap::builder::PossibleValuesParser::new(Format::ALL.map(Format::name)).try_map(|name| name.parse::<Format>())
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Html,
    Md,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    Svg,
    Dot,
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
            as_of,
            no_stdlib,
            symbolic,
            posts,
        } => impact(&old, &new, paths, format, as_of, no_stdlib, symbolic.then_some(posts)),
        Command::Coverage {
            paths,
            format,
            as_of,
            no_stdlib,
            color,
        } => coverage(paths, format, as_of, no_stdlib, color),
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
            as_of,
            no_stdlib,
            color,
        } => analyze(
            paths,
            regard::analyze::Request {
                guidance,
                posts,
                records,
            },
            witness,
            format,
            as_of,
            no_stdlib,
            color,
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
        Command::Fmt { paths, check, color } => fmt(paths, check, color),
        Command::Init { council_id, name, dir } => init(&council_id, &name, dir),
        Command::Test {
            paths,
            with,
            as_of,
            no_stdlib,
        } => test(paths, with, as_of, no_stdlib),
    }
}

fn test(paths: Vec<PathBuf>, with: Vec<PathBuf>, as_of: Option<Date>, no_stdlib: bool) -> ExitCode {
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
            Ok(explain::Topic::Guidance(g)) => explain::render_guidance(g),
            Err(message) => return fail(&message),
        },
    };
    print(&text)
}

fn fmt(paths: Vec<PathBuf>, check: bool, color: ColorChoice) -> ExitCode {
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
        let shown = file.path(&session.db);
        debug_assert_eq!(shown, &on_disk.shown);
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
            Outcome::Changed(formatted) => match regard::files::replace(&on_disk.path, &formatted) {
                Ok(()) => changed += 1,
                Err(e) => {
                    unwritten += 1;
                    say(&format!("error: cannot write `{shown}`: {e}\n"));
                }
            },
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
fn fmt_stdin(check: bool, color: bool) -> ExitCode {
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
fn fmt_options() -> Options {
    Options {
        as_of: regard::today(),
        stdlib: false,
    }
}

fn init(council_id: &str, name: &str, dir: Option<PathBuf>) -> ExitCode {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    match regard::init::write(council_id, name, &dir) {
        Ok(path) => {
            let shown = regard::files::display(&path);
            say(&format!(
                "wrote `{shown}`; run `regard check {shown}` to see what is left to fill in\n"
            ));
            ExitCode::SUCCESS
        }
        Err(message) => fail(&message),
    }
}

/// Whether to colour output for a stream.
fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // NO_COLOR wins; CLICOLOR_FORCE asks for colour even when the output is not a
        // terminal (https://bixense.com/clicolors/).
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let force = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0");
            !no_color && (is_terminal || force)
        }
    }
}

/// The paths given, or the current folder when none are.
fn or_here(paths: Vec<PathBuf>) -> Vec<PathBuf> {
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
fn inputs_from(paths: Vec<PathBuf>) -> Result<Vec<regard::Input>, String> {
    match paths.is_empty() {
        true => regard::files::find_lenient(&[PathBuf::from(".")]).map(|found| regard::files::read_all(&found)),
        false => regard::files::collect(&paths),
    }
}

/// A session over `paths` for a report, with the standard library.
fn report_session(paths: Vec<PathBuf>, as_of: Option<Date>) -> Result<Session, String> {
    let inputs = inputs_from(paths)?;
    let options = Options {
        as_of: as_of.unwrap_or_else(regard::today),
        stdlib: true,
    };
    Ok(Session::new(inputs, options))
}

/// Checks `paths` and builds the report of every council, or of `council`.
fn build_report(paths: Vec<PathBuf>, council: Option<&str>, as_of: Option<Date>) -> Result<report::Report, String> {
    let mut session = report_session(paths, as_of)?;
    let report = report::build(&mut session, council)?;
    if report.councils.is_empty() && report.other_findings.is_empty() {
        return Err("no council declared in the files given".into());
    }
    Ok(report)
}

fn report(
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
fn report_format(format: Option<ReportFormat>, out: Option<&PathBuf>) -> Result<ReportFormat, String> {
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
fn guidance_report(
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

fn graph(
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

/// `regard manpage`: the page of `regard` to standard output, or every page into `dir`.
fn manpage(dir: Option<PathBuf>) -> ExitCode {
    let command = <Cli as clap::CommandFactory>::command();
    let page = |command: clap::Command| -> Result<String, String> {
        let mut out = Vec::new();
        clap_mangen::Man::new(command)
            .render(&mut out)
            .map_err(|e| format!("cannot write the manual page: {e}"))?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    };
    let Some(dir) = dir else {
        return match page(command) {
            Ok(text) => write_out(None, &text),
            Err(message) => fail(&message),
        };
    };
    if let Err(e) = regard::files::create_folder(&dir) {
        return fail(&format!("cannot create `{}`: {e}", regard::files::display(&dir)));
    }
    let mut pages = vec![("regard.1".to_string(), command.clone())];
    for sub in command.get_subcommands() {
        let name = format!("regard-{}", sub.get_name());
        let file = format!("{name}.1");
        pages.push((file, sub.clone().name(name)));
    }
    for (file, command) in pages {
        let path = dir.join(&file);
        let text = match page(command) {
            Ok(text) => text,
            Err(message) => return fail(&message),
        };
        if let Err(e) = regard::files::write_output(&path, &text) {
            return fail(&format!("cannot write `{}`: {e}", regard::files::display(&path)));
        }
    }
    ExitCode::SUCCESS
}

/// Writes `text` to the file `out` (atomically), or to standard output.
fn write_out(out: Option<PathBuf>, text: &str) -> ExitCode {
    match out {
        None => print(text),
        Some(path) => match regard::files::write_output(&path, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("cannot write `{}`: {e}", regard::files::display(&path))),
        },
    }
}

/// Reports that the command could not run: exit status 2.
fn fail(message: &str) -> ExitCode {
    say(&format!("error: {message}\n"));
    ExitCode::from(2)
}

/// Whether writing to standard error failed for a reason other than a closed pipe (a
/// full device, say): the command then ends with status 2.
static STDERR_FAILED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to standard error. It never panics: a closed pipe is ignored, and any
/// other failure makes the exit status 2.
fn say(text: &str) {
    let mut stderr = std::io::stderr().lock();
    if let Err(e) = stderr.write_all(text.as_bytes()).and_then(|_| stderr.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        STDERR_FAILED.store(true, Ordering::Relaxed);
    }
}

/// Writes `bytes` to standard output. A closed pipe (`regard check | head`) ends the
/// output quietly and is not a failure; any other failure (a full device) is reported,
/// and is exit status 2.
fn write_stdout(bytes: &[u8]) -> Result<(), ExitCode> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(fail(&format!("cannot write to standard output: {e}"))),
    }
}

/// Writes `text` to standard output: exit status 0, or 2 if that fails.
fn print(text: &str) -> ExitCode {
    match write_stdout(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// A session over the files found below `paths` (or `.`), with or without the standard
/// library; exit status 2 when a path cannot be read.
fn open(paths: Vec<PathBuf>, as_of: Option<Date>, no_stdlib: bool) -> Result<Session, ExitCode> {
    let inputs = inputs_from(paths).map_err(|message| fail(&message))?;
    let options = Options {
        as_of: as_of.unwrap_or_else(regard::today),
        stdlib: !no_stdlib,
    };
    Ok(Session::new(inputs, options))
}

#[derive(Clone, Copy, ValueEnum)]
enum ImpactFormat {
    Human,
    Json,
    Md,
}

/// OLD or NEW of `regard impact`: a file (a path that ends in `.regard` or exists),
/// whose one guidance is the side, or else a guidance id.
fn side(arg: &str) -> Result<regard::impact::Side, String> {
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

fn impact(
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

#[derive(Clone, Copy, ValueEnum)]
enum CoverageFormat {
    Human,
    Json,
}

fn analyze(
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

fn coverage(
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

/// What `regard check` prints: the findings in `format`; with `--quiet`, the terminal
/// reports without the summary line (the other formats have no summary to leave out).
fn check_output(
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
fn watch(
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
fn check(
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
