//! The command line's definition (clap): every command, its arguments, their help and
//! their examples; `regard completions` and `regard manpage` are generated from it.

use super::*;

#[derive(Parser)]
#[command(
    name = "regard",
    version = env!("REGARD_VERSION"),
    about = "Check councils' arrangements for children's services against the statutory guidance"
)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
    /// Walk folders without respecting `.gitignore` and `.ignore` files (hidden folders
    /// are still skipped; files named on the command line are always read)
    #[arg(long, global = true)]
    pub(super) no_ignore: bool,
}

#[derive(Subcommand)]
pub(super) enum Command {
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
    #[command(verbatim_doc_comment, mut_arg("as_of", |a| a.help("The date to analyse on (YYYY-MM-DD) [default: today, UTC]")))]
    Analyze {
        /// Files or folders to read [default: .]
        paths: Vec<PathBuf>,
        /// A guidance to analyse; give several to analyse them together [default: every guidance in force]
        #[arg(long, value_name = "ID")]
        guidance: Vec<String>,
        /// The most posts a council may have, at most 100 [default: one per role the clauses mention, plus two]
        #[arg(long, value_name = "N", value_parser = bound_parser(regard::symbolic::MAX_POSTS))]
        posts: Option<usize>,
        /// The most assurance records a council may have, at most 16 [default: 2]
        #[arg(long, value_name = "M", value_parser = bound_parser(regard::symbolic::MAX_RECORDS))]
        records: Option<usize>,
        /// Write the witness (a council that meets everything) to this file
        #[arg(long, value_name = "FILE")]
        witness: Option<PathBuf>,
        #[arg(long, default_value = "human", value_parser = format_parser())]
        format: Format,
        #[command(flatten)]
        checking: Checking,
        #[command(flatten)]
        colour: Colour,
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
        #[command(flatten)]
        checking: Checking,
        #[command(flatten)]
        colour: Colour,
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
        #[command(flatten)]
        checking: Checking,
        /// Beyond the councils on disk: find a council (up to --posts posts) whose verdict
        /// differs between OLD and NEW, confirmed by the checker, or say none exists
        #[arg(long)]
        symbolic: bool,
        /// With --symbolic, the most posts a council may have, at most 100 [default: one per role the clauses mention, plus two]
        #[arg(long, value_name = "N", requires = "symbolic", value_parser = bound_parser(regard::symbolic::MAX_POSTS))]
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
    #[command(verbatim_doc_comment, mut_arg("as_of", |a| a.help("The date to check on, for files without a `// as-of:` line [default: today, UTC]")))]
    Test {
        /// Test files or folders [default: .]
        paths: Vec<PathBuf>,
        /// Files or folders every test may use (guidance, vocabulary); they are tested too
        #[arg(long = "with", value_name = "PATH")]
        with: Vec<PathBuf>,
        #[command(flatten)]
        checking: Checking,
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
        #[command(flatten)]
        colour: Colour,
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
/// A bound of the symbolic analysis: a whole number from 1 to `most`.
pub(super) fn bound_parser(most: usize) -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::<usize>::new().range(1..=most as u64)
}

pub(super) fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    clap::builder::PossibleValuesParser::new(Format::ALL.map(Format::name)).try_map(|name| name.parse::<Format>())
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ReportFormat {
    Html,
    Md,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum GraphFormat {
    Svg,
    Dot,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Deny {
    Warnings,
}

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub(super) fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("`{text}` is not a date; write it as YYYY-MM-DD"))
}

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum ImpactFormat {
    Human,
    Json,
    Md,
}

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum CoverageFormat {
    Human,
    Json,
}

/// The date the files are checked on, and whether the standard library is read: the
/// arguments the commands that check share (`--help` of a command may word the date for
/// what it does with it).
#[derive(clap::Args)]
pub(super) struct Checking {
    /// The date to check on (YYYY-MM-DD) [default: today, UTC]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub(super) as_of: Option<Date>,
    /// Do not load the standard library
    #[arg(long)]
    pub(super) no_stdlib: bool,
}

/// `--color` of the commands that print for a terminal.
#[derive(clap::Args)]
pub(super) struct Colour {
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(super) color: ColorChoice,
}
