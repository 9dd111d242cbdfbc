//! One entry point for every output format of `regard check` (in the manner of ruff's
//! `render.rs`): a [`Format`], and one renderer signature. A renderer receives the
//! diagnostics and a [`Context`] of plain data (the database for file paths and text,
//! the summary, the descriptions of the rules that occur); it never calls back into
//! the checker. A new format is one file with one `render` function, a variant of
//! [`Format`] and one row of its table.

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

/// What a format is: its name, its renderer, and whether its output is a JSON document.
/// The one table of formats: a new format is a variant of [`Format`], one row here and
/// one file with its `render`.
struct Row {
    format: Format,
    name: &'static str,
    renderer: Renderer,
    json: bool,
}

const TABLE: [Row; 5] = [
    Row {
        format: Format::Human,
        name: "human",
        renderer: super::human::render,
        json: false,
    },
    Row {
        format: Format::Json,
        name: "json",
        renderer: super::json::render,
        json: true,
    },
    Row {
        format: Format::Sarif,
        name: "sarif",
        renderer: super::sarif::render,
        json: true,
    },
    Row {
        format: Format::Github,
        name: "github",
        renderer: super::github::render,
        json: false,
    },
    Row {
        format: Format::Concise,
        name: "concise",
        renderer: super::concise::render,
        json: false,
    },
];

impl Format {
    /// Every format, in the table's order (`--format`'s values, and what the invariants
    /// and `tests/injection.rs` test).
    pub const ALL: [Format; TABLE.len()] = {
        let mut all = [Format::Human; TABLE.len()];
        let mut i = 0;
        while i < TABLE.len() {
            all[i] = TABLE[i].format;
            i += 1;
        }
        all
    };

    /// The format's row: the table lists the variants in declaration order (the test
    /// below checks it).
    fn row(self) -> &'static Row {
        &TABLE[self as usize]
    }

    /// The name of `--format NAME`.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// Whether the output is one JSON document (JSON, SARIF).
    pub fn is_json(self) -> bool {
        self.row().json
    }

    fn renderer(self) -> Renderer {
        self.row().renderer
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
    /// The date of the check, and each council's (language-v3 3.6).
    pub dates: Dates,
    /// The rules that occur among the diagnostics, described.
    pub rules: HashMap<Code, RuleText>,
    /// Whether terminal output may use colour.
    pub color: bool,
}

/// The date of a check and of each council checked: the command's date (`--as-of` when
/// `overridden`, else today), and each council's own `as_of` and the date it was checked
/// as of.
#[derive(Clone, Debug, Default)]
pub struct Dates {
    pub as_of: Option<jiff::civil::Date>,
    pub overridden: bool,
    pub councils: Vec<CouncilDate>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct CouncilDate {
    pub id: String,
    pub file: String,
    /// The council's `as_of` line, if it has one.
    #[serde(serialize_with = "optional_date")]
    pub as_of: Option<jiff::civil::Date>,
    #[serde(serialize_with = "date")]
    pub checked_as_of: jiff::civil::Date,
}

/// A date as JSON writes it: `"2025-06-01"`.
fn date<S: serde::Serializer>(date: &jiff::civil::Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

fn optional_date<S: serde::Serializer>(date: &Option<jiff::civil::Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

impl Dates {
    /// "checked as of 2026-12-07 (--as-of); 3 councils describe other dates", or "2
    /// councils checked as of the dates their facts describe (`as_of`)"; `None` when no
    /// council says its date.
    pub fn line(&self) -> Option<String> {
        let plural = |n: usize| if n == 1 { "council" } else { "councils" };
        match (self.overridden, self.as_of) {
            (true, Some(as_of)) => {
                let other = self
                    .councils
                    .iter()
                    .filter(|c| c.as_of.is_some_and(|d| d != as_of))
                    .count();
                let verb = if other == 1 { "describes" } else { "describe" };
                (other > 0).then(|| {
                    format!(
                        "checked as of {as_of} (--as-of); {other} {} {verb} other dates",
                        plural(other)
                    )
                })
            }
            _ => {
                let own = self
                    .councils
                    .iter()
                    .filter(|c| c.as_of.is_some_and(|d| d == c.checked_as_of))
                    .count();
                (own > 0).then(|| {
                    format!(
                        "{own} {} checked as of the dates their facts describe (`as_of`)",
                        plural(own)
                    )
                })
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each variant has its row, in declaration order, with a name of its own.
    #[test]
    fn every_format_has_one_row() {
        for (i, row) in TABLE.iter().enumerate() {
            assert_eq!(row.format as usize, i, "{:?} is out of order", row.format);
            assert_eq!(row.name.parse::<Format>(), Ok(row.format));
        }
        // The last variant: a variant added after it needs a row, and this line.
        assert_eq!(Format::Concise as usize + 1, TABLE.len());
    }
}
