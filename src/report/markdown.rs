//! The report as Markdown, for committee papers and wikis: the same document as the HTML
//! page (`page.rs` says what it holds), with the organisation chart as a list of
//! reporting lines (`regard graph` draws it). Titles for people; names as declared only
//! in small "as declared" notes.

use std::fmt::Write;

use super::document::{Block, Document, FindingItem, Inline, Paragraph, Section, Table, Text};
use super::guidance::GuidanceView;
use super::{Mark, Report, page};
use crate::diagnostics::escape;

pub fn render(report: &Report) -> String {
    document(&page::report(report))
}

/// The view of one guidance over the councils.
pub fn guidance(view: &GuidanceView) -> String {
    document(&page::guidance(view))
}

/// Blocks are separated by a blank line, top-level sections and the footer by a rule.
fn document(doc: &Document) -> String {
    let mut parts: Vec<String> = doc.sections.iter().map(section).collect();
    parts.push(format!("{}\n", text(&doc.footer)));
    parts.join("\n---\n\n")
}

fn section(s: &Section) -> String {
    let mut blocks = vec![format!("{} {}\n", "#".repeat(s.level.into()), text(&s.heading))];
    blocks.extend(s.blocks.iter().map(block));
    blocks.join("\n")
}

fn block(b: &Block) -> String {
    match b {
        Block::Heading { level, text: t } => format!("{} {}\n", "#".repeat((*level).into()), text(t)),
        Block::Paragraph { kind, text: t } => match kind {
            Paragraph::Notice => format!("> {}\n", text(t)),
            Paragraph::Strong => format!("**{}**\n", text(t)),
            Paragraph::Plain | Paragraph::Lede | Paragraph::Declared | Paragraph::Nothing | Paragraph::Key => {
                format!("{}\n", text(t))
            }
        },
        Block::Table(t) => table(t),
        Block::List { items, .. } => items.iter().map(|i| format!("- {}\n", text(i))).collect(),
        Block::Quote(t) => format!("> {}\n", text(t)),
        Block::Findings { findings, .. } => findings_list(findings),
        Block::Chart(chart) => {
            let mut out = String::from("## Posts and reporting lines\n\n");
            if chart.posts.is_empty() {
                out.push_str("No post is declared.\n");
            }
            for post in &chart.posts {
                let _ = writeln!(out, "- {}", text(post));
            }
            out
        }
        Block::Section(s) => section(s),
    }
}

fn table(t: &Table) -> String {
    let mut out = String::new();
    let titles: Vec<&str> = t.columns.iter().map(|c| c.title).collect();
    let rules: Vec<&str> = t
        .columns
        .iter()
        .map(|c| if c.numeric { "--:" } else { "---" })
        .collect();
    let _ = writeln!(out, "| {} |\n|{}|", titles.join(" | "), rules.join("|"));
    for row in &t.rows {
        let mut line = String::from("|");
        for cell in &row.cells {
            let _ = write!(line, " {} |", text(&cell.text));
            // A cell spanning columns is followed by empty ones.
            line.extend((1..cell.span).map(|_| " |"));
        }
        let _ = writeln!(out, "{line}");
    }
    out
}

fn findings_list(findings: &[FindingItem]) -> String {
    let mut out = String::new();
    if findings.is_empty() {
        out.push_str("The check found nothing to report.\n");
    }
    for f in findings {
        let title = f
            .rule_title
            .as_deref()
            .map(|t| {
                let advisory = if f.advisory { " (advisory guidance)" } else { "" };
                format!("{}{advisory}: ", escape::markdown(t))
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}. **{}** {title}{} (as declared: {} at {})",
            f.number,
            f.word,
            escape::markdown_message(&f.said),
            escape::markdown_code(&f.code),
            escape::markdown_code(&f.place)
        );
        for cite in &f.citations {
            let _ = writeln!(out, "   > {}", escape::markdown_message(cite));
        }
        if let Some(reason) = &f.departure {
            let _ = writeln!(
                out,
                "\n   The council has departed from this, for this reason: “{}”",
                escape::markdown(reason)
            );
        } else if let Some(advice) = &f.advice {
            let _ = writeln!(out, "\n   What to do: {}", escape::markdown_message(advice));
        }
    }
    out
}

/// A run of text: user text never markup, names as code.
fn text(t: &Text) -> String {
    t.iter().map(inline).collect()
}

fn inline(i: &Inline) -> String {
    match i {
        Inline::Words(w) => w.clone(),
        Inline::Plain(s) => escape::markdown(s),
        Inline::Code(s) => escape::markdown_code(s),
        Inline::Message(s) => escape::markdown_message(s),
        // A title, or the name as declared where there is no title (the name is in the
        // findings' "as declared" notes and in the JSON).
        Inline::Named(n) => match &n.title {
            Some(t) => escape::markdown(t),
            None => escape::markdown_code(&n.id),
        },
        Inline::Strong(t) => format!("**{}**", text(t)),
        Inline::Emphasis(t) => format!("*{}*", text(t)),
        Inline::Small(t) => text(t),
        Inline::Nothing(s) => format!("*{s}*"),
        Inline::Flag(s) => format!("⚑ *{}*", escape::markdown(s)),
        Inline::Aside { text: t, .. } => format!(" ({})", text(t)),
        Inline::Lines(lines) => lines.iter().map(text).collect::<Vec<_>>().join("; "),
        Inline::Findings { numbers, .. } => super::chart::numbers("finding", numbers),
        Inline::Checks(checks) => checks
            .iter()
            .map(|(mark, said)| {
                let sign = match mark {
                    Mark::NoFinding => "✓",
                    Mark::Finding => "✗",
                    Mark::Departed => "↷",
                };
                format!("{sign} {}", escape::markdown_message(said))
            })
            .collect::<Vec<_>>()
            .join("; "),
        Inline::Verdict { verdict, strong: true } => format!("**{}**", verdict.describe()),
        Inline::Verdict { verdict, strong: false } => verdict.describe(),
        Inline::Severity(s) => s.to_string(),
        // A heading's anchor, as Markdown renderers make it from the heading's words.
        Inline::Link { name, .. } => format!("[{}](#{})", escape::markdown(name), crate::explain::anchor(name)),
    }
}
