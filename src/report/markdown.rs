//! The report as Markdown, for committee papers and wikis: the same statement as the
//! HTML page, without the chart (`regard graph` draws it on its own).

use std::fmt::Write;

use super::{Report, Statement};
use crate::diagnostics::escape;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    if report.councils.len() != 1 {
        overview(&mut out, report);
    }
    for (i, council) in report.councils.iter().enumerate() {
        if i > 0 || report.councils.len() != 1 {
            out.push_str("\n---\n\n");
        }
        statement(&mut out, council, &report.as_of);
    }
    out
}

fn overview(out: &mut String, report: &Report) {
    let o = &report.overview;
    let _ = write!(
        out,
        "# Arrangements for children's services: {} councils\n\nChecked as of {}. {} with errors, {} with warnings \
         only, {} meeting the guidance; {} recording departures from it.\n\n## Councils by verdict\n\n\
         | Council | Verdict | Errors | Warnings | Departures |\n|---|---|--:|--:|--:|\n",
        o.councils, report.as_of, o.with_errors, o.with_warnings, o.meeting_the_guidance, o.with_departures
    );
    let councils = report.by_verdict();
    for c in councils {
        let _ = writeln!(
            out,
            "| [{}](#{}) | {} | {} | {} | {} |",
            cell(&c.name),
            crate::explain::anchor(&c.name),
            c.verdict.outcome.describe(),
            c.verdict.errors,
            c.verdict.warnings,
            c.departures.len()
        );
    }
    if !o.common_problems.is_empty() {
        out.push_str("\n## Most common problems\n\n| Problem | Severity | Councils | Times |\n|---|---|--:|--:|\n");
        for p in &o.common_problems {
            let title = p.title.as_deref().map(|t| format!(": {}", cell(t))).unwrap_or_default();
            let _ = writeln!(
                out,
                "| `{}`{title} | {} | {} | {} |",
                p.code, p.severity, p.councils, p.occurrences
            );
        }
    }
}

fn statement(out: &mut String, c: &Statement, as_of: &str) {
    let _ = write!(
        out,
        "# {}\n\n{} in {}, checked as of {}: **{}** ({}).\n\n## Who holds the statutory roles\n\n\
         | Role | Post | Holder | Kind | Basis | Shared with | Also holds |\n|---|---|---|---|---|---|---|\n",
        text(&c.name),
        code(&c.id),
        code(&c.file),
        as_of,
        c.verdict.outcome.describe(),
        c.verdict.counts()
    );
    for role in &c.statutory_roles {
        let name = match &role.role_title {
            Some(t) => format!("{}: {}", role.role, cell(t)),
            None => role.role.clone(),
        };
        if role.holders.is_empty() {
            let _ = writeln!(out, "| {name} | *no post holds this role* | | | | | |");
        }
        for h in &role.holders {
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {} | {} | {} | {} |",
                post(&h.post, h.title.as_deref()),
                h.holder.as_deref().map(cell).unwrap_or_else(|| "*not named*".into()),
                h.kind,
                h.basis(),
                h.shared_with.join(", "),
                h.other_roles.join(", ")
            );
        }
    }

    out.push_str("\n## Reporting lines\n\n");
    for line in &c.reporting_lines {
        let path: Vec<String> = line.path.iter().map(|p| post(&p.post, p.title.as_deref())).collect();
        let mut end = if line.reaches { "reaches" } else { "does not reach" }.to_string();
        if let Some(note) = &line.note {
            end = format!("{end}: {}", message(note));
        }
        let _ = writeln!(
            out,
            "- {} **{}** to **{}**: {} ({end})",
            if line.reaches { "✓" } else { "✗" },
            line.from_role,
            line.to_role,
            if path.is_empty() {
                "—".into()
            } else {
                path.join(" → ")
            }
        );
    }

    out.push_str("\n## Boards\n\n");
    if c.boards.is_empty() {
        out.push_str("No post is declared on a board.\n");
    } else {
        out.push_str("| Board | Post | As |\n|---|---|---|\n");
        for board in &c.boards {
            for m in &board.members {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    cell(board.title.as_deref().unwrap_or(&board.body)),
                    post(&m.post, m.title.as_deref()),
                    cell(&m.relation)
                );
            }
        }
    }

    out.push_str("\n## Combined roles and assurance\n\n");
    if c.combined_roles.is_empty() {
        out.push_str("No post holds more than one role.\n");
    } else {
        out.push_str(
            "| Post | Roles | Assurance record | Dated | Age | Elements addressed |\n|---|---|---|---|---|---|\n",
        );
        for p in &c.combined_roles {
            let first = format!("{} | {}", post(&p.post, p.title.as_deref()), p.roles.join(", "));
            if p.assurance.is_empty() {
                let _ = writeln!(out, "| {first} | **no assurance record covers this post** | | | |");
            }
            for a in &p.assurance {
                let _ = writeln!(
                    out,
                    "| {first} | {} | {} | {} | {} |",
                    code(&a.record),
                    a.dated.as_deref().unwrap_or("not dated"),
                    a.age.as_deref().unwrap_or(""),
                    a.addresses.join(", ")
                );
            }
        }
    }

    out.push_str("\n## Departures from the guidance\n\n");
    if c.departures.is_empty() {
        out.push_str("The council records no departure.\n");
    } else {
        for d in &c.departures {
            let _ = writeln!(
                out,
                "- {}{}{}: “{}”",
                code(&d.rule),
                d.rule_title
                    .as_deref()
                    .map(|t| format!(" ({})", text(t)))
                    .unwrap_or_default(),
                d.post
                    .as_deref()
                    .map(|p| format!(" for {}", code(p)))
                    .unwrap_or_default(),
                text(&d.reason)
            );
        }
    }

    out.push_str("\n## Findings\n\n");
    if c.findings.is_empty() {
        out.push_str("The check found nothing to report.\n");
    }
    for (i, f) in c.findings.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. **{}** `{}` {} ({})",
            i + 1,
            f.severity,
            f.code,
            message(&f.message),
            code(&format!("{}:{}:{}", f.file, f.line, f.column))
        );
        for cite in &f.citations {
            let _ = writeln!(out, "   > {}", text(cite));
        }
        if let Some(reason) = &f.departure {
            let _ = writeln!(out, "\n   Departed from: “{}”", text(reason));
        }
        if let Some(help) = &f.help {
            let _ = writeln!(out, "\n   To fix: {}", message(help));
        }
    }
}

fn post(id: &str, title: Option<&str>) -> String {
    match title {
        Some(t) => format!("{} ({})", cell(t), code(id)),
        None => code(id),
    }
}

/// User text inside a table cell.
fn cell(s: &str) -> String {
    escape::markdown(s)
}

/// User text on one line, never markup: no HTML, link, image or emphasis.
fn text(s: &str) -> String {
    escape::markdown(s)
}

/// A name or a path as code, whatever backticks it holds.
fn code(s: &str) -> String {
    escape::markdown_code(s)
}

/// A message of the checker, its names as code.
fn message(s: &str) -> String {
    escape::markdown_message(s)
}
