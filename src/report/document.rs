//! The report as a document: headings, paragraphs, tables, lists, findings and the
//! organisation chart, with what each says decided here once (`page.rs` builds it from the
//! [`Report`](super::Report) or a guidance view). `html.rs` and `markdown.rs` each render
//! a document and decide nothing about its content, only how each element looks in their
//! format, so a change to what a report says is one edit.
//!
//! Text is a list of [`Inline`]s that keep apart what the formats must treat apart: our
//! own words, text a user declared (escaped), names shown as code, the checker's messages
//! (their backticked names shown as code), and the few marks that look different in each
//! format (a verdict, a severity, references to findings).

use super::{Mark, Named, PostEntry, Verdict};

/// A whole report: the page's title, its sections, and the line that closes it.
pub struct Document<'a> {
    pub title: String,
    pub sections: Vec<Section<'a>>,
    pub footer: Text,
}

/// A part of the page with a heading of its own: a council's statement, the national
/// overview, one rule of a guidance. Markdown separates top-level sections with a rule.
pub struct Section<'a> {
    /// The section's class on the page (`statement`, `overview`).
    pub class: &'static str,
    /// Its anchor; the heading's is this with `-h`.
    pub id: String,
    /// 1 for a top-level section.
    pub level: u8,
    pub heading: Text,
    pub blocks: Vec<Block<'a>>,
}

/// A run of text.
pub type Text = Vec<Inline>;

pub enum Block<'a> {
    Heading {
        level: u8,
        text: Text,
    },
    Paragraph {
        kind: Paragraph,
        text: Text,
    },
    Table(Table),
    /// A bulleted list; `class` names it on the page.
    List {
        class: Option<&'static str>,
        items: Vec<Text>,
    },
    /// A passage quoted from the guidance.
    Quote(Text),
    /// The numbered findings of the check; `anchor` is the prefix of each one's anchor.
    Findings {
        anchor: String,
        findings: Vec<FindingItem>,
    },
    /// The organisation chart: the drawing where the format can show one, and always
    /// each post and whom it reports to, as text.
    Chart(Chart<'a>),
    Section(Section<'a>),
}

/// What a paragraph is, for how it is set.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Paragraph {
    Plain,
    /// The opening summary under a heading.
    Lede,
    /// The names as declared, in small print.
    Declared,
    /// Something the reader must not miss (a declaration that was not checked).
    Notice,
    /// "Nothing of this kind" (no board, no departure).
    Nothing,
    /// How to read what follows.
    Key,
    /// A line in bold (a rule's counts).
    Strong,
}

pub struct Table {
    pub class: Option<&'static str>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

pub struct Column {
    pub title: &'static str,
    /// Counts, set to the right.
    pub numeric: bool,
}

pub struct Row {
    /// The row marks something missing.
    pub missing: bool,
    pub cells: Vec<Cell>,
}

pub struct Cell {
    pub text: Text,
    /// How many columns it spans.
    pub span: usize,
}

impl Cell {
    pub fn new(text: Text) -> Cell {
        Cell { text, span: 1 }
    }
}

/// One finding of the check, as the report lists it.
pub struct FindingItem {
    pub number: usize,
    /// `error`, `warning`, `info`, `note`, or `departed` once a departure excuses it.
    pub word: &'static str,
    pub rule_title: Option<String>,
    /// The rule is in advisory guidance.
    pub advisory: bool,
    /// The checker's message as it stands.
    pub message: String,
    /// The message as the report says it to people.
    pub said: String,
    pub code: String,
    pub place: String,
    pub citations: Vec<String>,
    /// The departure's reason, when one excuses the finding.
    pub departure: Option<String>,
    pub advice: Option<String>,
}

pub struct Chart<'a> {
    /// The anchor of the chart's text.
    pub id: String,
    /// The council's name and its posts, for a format that draws the chart (drawn only
    /// there: a large council's drawing is costly).
    pub council: &'a str,
    pub drawn: &'a [PostEntry],
    /// Each post and whom it reports to.
    pub posts: Vec<Text>,
}

pub enum Inline {
    /// Our own words, written as they are.
    Words(String),
    /// Text a user declared, never markup.
    Plain(String),
    /// A name or a path, as code.
    Code(String),
    /// A message of the checker, its backticked names as code.
    Message(String),
    /// A title with the name as declared beside it, or the name as code.
    Named(Named),
    Strong(Text),
    Emphasis(Text),
    Small(Text),
    /// "None", "not named": the absence of something, set quietly.
    Nothing(&'static str),
    /// Something to look at (a record that covers no post).
    Flag(String),
    /// An aside after a value, on a line of its own where the format allows; `declared`
    /// when it is a name as declared.
    Aside {
        text: Text,
        declared: bool,
    },
    /// Several values in one cell, one a line.
    Lines(Vec<Text>),
    /// "finding 3", "findings 2, 4": links to the findings of the section `anchor`.
    Findings {
        anchor: String,
        numbers: Vec<usize>,
    },
    /// What the check found about a line, each with its mark.
    Checks(Vec<(Mark, String)>),
    /// A council's verdict; `strong` where it is the point of the sentence.
    Verdict {
        verdict: Verdict,
        strong: bool,
    },
    /// A severity in a table of problems.
    Severity(&'static str),
    /// A link to a section of the page (a council's statement, a rule): the heading it
    /// links to, and its anchor on the page (Markdown makes the anchor from the heading).
    Link {
        name: String,
        anchor: String,
    },
}

/// `Words` from anything.
pub fn words(s: impl Into<String>) -> Inline {
    Inline::Words(s.into())
}

/// `Plain` from anything.
pub fn plain(s: impl Into<String>) -> Inline {
    Inline::Plain(s.into())
}
