//! One entry point for every output format of `regard check` (in the manner of ruff's
//! `render.rs`): a [`Format`], and one renderer signature. A renderer receives the
//! diagnostics and a [`Context`] of plain data (the database for file paths and text,
//! the summary, the descriptions of the rules that occur); it never calls back into
//! the checker. A new format is one file with one `render` function and one arm here.

use std::collections::HashMap;

use super::json::Summary;
use super::{Code, Diagnostic};

/// An output format of `regard check` (`--format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Terminal reports and a summary line.
    Human,
    /// The versioned JSON document.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
    /// One line per finding: `file:line:col: severity[code] message`.
    Concise,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Human,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Concise,
    ];

    /// The name of `--format NAME`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Concise => "concise",
        }
    }

    fn renderer(self) -> Renderer {
        match self {
            Format::Human => super::human::render,
            Format::Json => super::json::render,
            Format::Sarif => super::sarif::render,
            Format::Github => super::github::render,
            Format::Concise => super::concise::render,
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(name: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| format!("`{name}` is not an output format"))
    }
}

/// What a rule (a code that is not built in) is, for outputs that describe the codes
/// they use: its title, its meaning in words and how to fix it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleText {
    pub title: String,
    pub meaning: String,
    pub help: String,
}

/// Everything a renderer may use besides the diagnostics.
pub struct Context<'a> {
    pub db: &'a dyn salsa::Database,
    /// The counts of the summary line and of JSON's `summary`.
    pub summary: Summary,
    /// The rules that occur among the diagnostics, described.
    pub rules: HashMap<Code, RuleText>,
    /// Whether terminal output may use colour.
    pub color: bool,
}

/// The one signature every format's renderer has.
pub type Renderer = fn(&Context<'_>, &[Diagnostic]) -> String;

/// Renders `diagnostics` in `format`, ending with a newline.
pub fn render(format: Format, context: &Context<'_>, diagnostics: &[Diagnostic]) -> String {
    let mut text = (format.renderer())(context, diagnostics);
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}
