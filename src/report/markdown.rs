//! The report as Markdown, for committee papers and wikis: the same statement as the
//! HTML page, with the organisation chart as a list of reporting lines (`regard graph`
//! draws it). Titles for people; names as declared only in small "as declared" notes.

use std::fmt::Write;

use super::{Finding, Mark, Named, Report, Statement, labels};
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
    if !report.other_findings.is_empty() {
        out.push_str(
            "\n---\n\n# Findings outside any council's declaration\n\nThese files declare no council that could be read; what the check found in them is below.\n\n",
        );
        findings_list(&mut out, &report.other_findings);
    }
    let _ = write!(
        out,
        "\n---\n\nMade by `regard report` on the declarations as they stood, checked as of {}. {}\n",
        report.as_of,
        text(&report.sources())
    );
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
    for c in report.by_verdict() {
        let _ = writeln!(
            out,
            "| [{}](#{}) | {} | {} | {} | {} |",
            cell(&c.name),
            crate::explain::anchor(&c.name),
            c.verdict.describe(),
            c.verdict.errors,
            c.verdict.warnings,
            c.departures.len()
        );
    }
    if !o.common_problems.is_empty() {
        out.push_str("\n## Most common problems\n\n| Problem | Severity | Councils | Times |\n|---|---|--:|--:|\n");
        for p in &o.common_problems {
            let _ = writeln!(
                out,
                "| {} ({}) | {} | {} | {} |",
                cell(p.title.as_deref().unwrap_or(&p.code)),
                code(&p.code),
                p.severity,
                p.councils,
                p.occurrences
            );
        }
    }
}

fn statement(out: &mut String, c: &Statement, as_of: &str) {
    let _ = write!(
        out,
        "# {}\n\nChecked as of {}: **{}** ({}).\n\nAs declared: {} in {}.\n",
        text(&c.name),
        as_of,
        c.verdict.describe(),
        c.verdict.counts(),
        code(&c.id),
        code(&c.file),
    );
    if let Some(note) = c.unchecked_note() {
        let _ = writeln!(out, "\n> **Not checked.** {}", message(&note));
    }
    if !c.properties.is_empty() {
        let _ = writeln!(
            out,
            "\nThe council declares: {}.",
            c.properties.iter().map(named).collect::<Vec<_>>().join("; ")
        );
    }
    if c.checked {
        roles(out, c);
        reporting(out, c);
    }
    out.push_str("\n## Posts and reporting lines\n\n");
    if c.posts.is_empty() {
        out.push_str("No post is declared.\n");
    }
    for p in &c.posts {
        let mut line = format!("- {}", named_parts(p.title.as_deref(), &p.id));
        if !p.roles_shown.is_empty() {
            let _ = write!(line, ": {}", text(&p.roles_shown.join(", ")));
        }
        if p.vacant {
            line.push_str(" (vacant)");
        }
        let to: Vec<String> = p
            .reports_to
            .iter()
            .map(|t| {
                c.posts
                    .iter()
                    .find(|q| &q.id == t)
                    .map_or_else(|| code(t), |q| text(q.label()))
            })
            .collect();
        match to.is_empty() {
            true => line.push_str("; no reporting line"),
            false => {
                let _ = write!(line, "; reports to {}", to.join(" and "));
            }
        }
        if !p.findings.is_empty() {
            let _ = write!(line, " ⚠ {}", super::chart::numbers("finding", &p.findings));
        }
        if !p.departed.is_empty() {
            let _ = write!(line, " (departed: {})", super::chart::numbers("finding", &p.departed));
        }
        let _ = writeln!(out, "{line}");
    }
    if c.checked {
        boards(out, c);
        combined(out, c);
        assurance(out, c);
        departures(out, c);
    }
    out.push_str("\n## Findings\n\n");
    findings_list(out, &c.findings);
}

fn roles(out: &mut String, c: &Statement) {
    out.push_str(
        "\n## Who holds the statutory roles\n\n| Role | Post | Holder | Kind | Basis | Shared with | Also holds |\n|---|---|---|---|---|---|---|\n",
    );
    for role in &c.statutory_roles {
        let name = named(&role.role);
        if role.holders.is_empty() {
            let refs = match role.findings.is_empty() {
                true => String::new(),
                false => format!(" ({})", super::chart::numbers("finding", &role.findings)),
            };
            let _ = writeln!(out, "| {name} | *no post holds this role*{refs} | | | | | |");
        }
        for h in &role.holders {
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {} | {} | {} | {} |",
                named(&h.post),
                h.holder.as_deref().map(cell).unwrap_or_else(|| "*not named*".into()),
                h.kind,
                h.basis(),
                cell(&labels(&h.shared_with)),
                cell(&labels(&h.other_roles))
            );
        }
    }
}

fn reporting(out: &mut String, c: &Statement) {
    out.push_str("\n## Reporting lines\n\n");
    if c.reporting_lines.is_empty() {
        out.push_str("No post holds the DCS or the LMCS.\n");
        return;
    }
    out.push_str("Each line as the council declares it, and what the check found about it.\n\n| Role | Post | Reports to (as declared) | The check |\n|---|---|---|---|\n");
    for line in &c.reporting_lines {
        let to = match line.reports_to.is_empty() {
            true => "*no reporting line declared*".to_string(),
            false => line.reports_to.iter().map(named).collect::<Vec<_>>().join("; "),
        };
        let _ = writeln!(
            out,
            "| {} | {}{} | {to} | {} |",
            named(&line.role),
            named(&line.post),
            if line.vacant { " *(vacant)*" } else { "" },
            check_cell(c, &line.findings, &line.departed)
        );
    }
}

fn check_cell(c: &Statement, standing: &[usize], departed: &[usize]) -> String {
    c.check_phrases(standing, departed)
        .into_iter()
        .map(|(mark, said)| {
            let sign = match mark {
                Mark::NoFinding => "✓",
                Mark::Finding => "✗",
                Mark::Departed => "↷",
            };
            format!("{sign} {}", message(&said))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn boards(out: &mut String, c: &Statement) {
    out.push_str("\n## Boards\n\n");
    if c.boards.is_empty() {
        out.push_str("No post is declared on a board.\n");
        return;
    }
    out.push_str("| Board | Post | As |\n|---|---|---|\n");
    for board in &c.boards {
        for m in &board.members {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                named(&board.body),
                named(&m.post),
                cell(&m.relation)
            );
        }
    }
}

fn combined(out: &mut String, c: &Statement) {
    out.push_str("\n## Combined roles\n\n");
    if c.combined_roles.is_empty() {
        out.push_str("No post holds more than one role.\n");
        return;
    }
    out.push_str("| Post | Roles | Assurance records covering it | The check |\n|---|---|---|---|\n");
    for p in &c.combined_roles {
        let records = match p.records.is_empty() {
            true => "*none declared*".to_string(),
            false => p.records.iter().map(named).collect::<Vec<_>>().join("; "),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {records} | {} |",
            named(&p.post),
            cell(&labels(&p.roles)),
            check_cell(c, &p.findings, &p.departed)
        );
    }
}

fn assurance(out: &mut String, c: &Statement) {
    out.push_str("\n## Assurance records\n\n");
    if c.assurance.is_empty() {
        out.push_str("The council declares no assurance record.\n");
        return;
    }
    out.push_str("| Record | By | Dated | Covers | Addresses | Findings |\n|---|---|---|---|---|---|\n");
    for a in &c.assurance {
        let dated = match (&a.dated, &a.age) {
            (Some(d), Some(age)) => format!("{d} ({})", cell(age)),
            (Some(d), None) => d.clone(),
            (None, _) => "*not dated*".into(),
        };
        let covers = match a.covers.is_empty() {
            true => format!("⚑ *{}*", cell(&a.covers_phrase())),
            false => a.covers.iter().map(named).collect::<Vec<_>>().join("; "),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {dated} | {covers} | {} | {} |",
            named(&a.record),
            a.by.as_deref().map(cell).unwrap_or_else(|| "*not said*".into()),
            cell(&labels(&a.addresses)),
            match a.findings.is_empty() {
                true => "none".to_string(),
                false => super::chart::numbers("finding", &a.findings),
            }
        );
    }
}

fn departures(out: &mut String, c: &Statement) {
    out.push_str("\n## Departures from the guidance\n\n");
    if c.departures.is_empty() {
        out.push_str("The council records no departure.\n");
        return;
    }
    for d in &c.departures {
        let excuses = match d.excuses.is_empty() {
            true => "it excuses no finding".to_string(),
            false => format!("it excuses {}", super::chart::numbers("finding", &d.excuses)),
        };
        let _ = writeln!(
            out,
            "- **{}**{}: “{}” ({excuses}; as declared: {})",
            text(d.rule_title.as_deref().unwrap_or(&d.rule)),
            d.post
                .as_ref()
                .map(|p| format!(", for {}", text(p.label())))
                .unwrap_or_default(),
            text(&d.reason),
            code(&d.rule)
        );
    }
}

fn findings_list(out: &mut String, findings: &[Finding]) {
    if findings.is_empty() {
        out.push_str("The check found nothing to report.\n");
    }
    for f in findings {
        let word = match f.departure {
            Some(_) => "departed",
            None => f.severity,
        };
        let title = f
            .rule_title
            .as_deref()
            .map(|t| {
                let advisory = if f.guidance_status == Some("advisory") {
                    " (advisory guidance)"
                } else {
                    ""
                };
                format!("{}{advisory}: ", text(t))
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}. **{word}** {title}{} (as declared: {} at {})",
            f.number,
            message(&f.said),
            code(&f.code),
            code(&f.place())
        );
        for cite in &f.citations {
            let _ = writeln!(out, "   > {}", message(cite));
        }
        if let Some(reason) = &f.departure {
            let _ = writeln!(
                out,
                "\n   The council has departed from this, for this reason: “{}”",
                text(reason)
            );
        } else if let Some(advice) = &f.advice {
            let _ = writeln!(out, "\n   What to do: {}", message(advice));
        }
    }
}

fn named(n: &Named) -> String {
    named_parts(n.title.as_deref(), &n.id)
}

/// A title, or the name as declared where there is no title (the name is in the
/// findings' "as declared" notes and in the JSON).
fn named_parts(title: Option<&str>, id: &str) -> String {
    match title {
        Some(t) => cell(t),
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
