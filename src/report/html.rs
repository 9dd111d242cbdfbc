//! The report as one self-contained HTML page: inline CSS, inline SVG charts, no script
//! and nothing fetched from the network, so it can be attached to committee papers,
//! opened offline and printed (each council's statement starts a new page). The markup is
//! well-formed XML as well as HTML, so other tools can read it.

use std::fmt::Write;

use super::chart::{self, escape};
use super::{Outcome, Report, Statement};

/// Renders the whole report. With more than one council, the page opens with the
/// national overview, linking to each statement below it.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let title = match report.councils.as_slice() {
        [only] => format!("{}: statement of arrangements for children's services", only.name),
        councils => format!("{} councils: arrangements for children's services", councils.len()),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    if report.councils.len() != 1 {
        overview(&mut out, report);
    }
    for council in &report.councils {
        statement(&mut out, council, &report.as_of);
    }
    let _ = write!(
        out,
        "<footer><p>Made by <code>regard report</code> on the declarations as they stood, checked as of {}. \
         The findings cite the statutory guidance on the Director of Children's Services and the Lead Member \
         for Children's Services.</p></footer>\n</body>\n</html>\n",
        escape(&report.as_of)
    );
    out
}

fn overview(out: &mut String, report: &Report) {
    let o = &report.overview;
    let _ = write!(
        out,
        "<section class=\"overview\" id=\"overview\">\n<h1>Arrangements for children's services: {} councils</h1>\n\
         <p class=\"lede\">Checked as of {}. {} with errors, {} with warnings only, {} meeting the guidance; \
         {} recording departures from it.</p>\n",
        o.councils,
        escape(&report.as_of),
        o.with_errors,
        o.with_warnings,
        o.meeting_the_guidance,
        o.with_departures
    );
    out.push_str(
        "<h2>Councils by verdict</h2>\n<table class=\"councils\">\n<thead><tr><th>Council</th><th>Verdict</th>\
         <th class=\"n\">Errors</th><th class=\"n\">Warnings</th><th class=\"n\">Departures</th></tr></thead>\n<tbody>\n",
    );
    let councils = report.by_verdict();
    for c in councils {
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            anchor(&c.id),
            escape(&c.name),
            verdict_badge(c.verdict.outcome),
            c.verdict.errors,
            c.verdict.warnings,
            c.departures.len()
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if !o.common_problems.is_empty() {
        out.push_str(
            "<h2>Most common problems</h2>\n<table>\n<thead><tr><th>Problem</th><th>Severity</th>\
             <th class=\"n\">Councils</th><th class=\"n\">Times</th></tr></thead>\n<tbody>\n",
        );
        for p in &o.common_problems {
            let title = p
                .title
                .as_deref()
                .map(|t| format!("<br/>{}", escape(t)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code>{title}</td><td><span class=\"sev {}\">{}</span></td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escape(&p.code),
                p.severity,
                p.severity,
                p.councils,
                p.occurrences
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn statement(out: &mut String, c: &Statement, as_of: &str) {
    let _ = write!(
        out,
        "<section class=\"statement\" id=\"{}\">\n<h1>{}</h1>\n<p class=\"lede\"><code>{}</code> in <code>{}</code>, checked as of {}: \
         {} <span class=\"counts\">({})</span></p>\n",
        anchor(&c.id),
        escape(&c.name),
        escape(&c.id),
        escape(&c.file),
        escape(as_of),
        verdict_badge(c.verdict.outcome),
        escape(&c.verdict.counts())
    );

    out.push_str(
        "<h2>Who holds the statutory roles</h2>\n<table>\n<thead><tr><th>Role</th><th>Post</th><th>Holder</th>\
         <th>Kind</th><th>Basis</th><th>Shared with</th><th>Also holds</th></tr></thead>\n<tbody>\n",
    );
    for role in &c.statutory_roles {
        let role_cell = format!(
            "<strong>{}</strong>{}",
            escape(&role.role),
            role.role_title
                .as_deref()
                .map(|t| format!("<br/><small>{}</small>", escape(t)))
                .unwrap_or_default()
        );
        if role.holders.is_empty() {
            let _ = writeln!(
                out,
                "<tr class=\"missing\"><td>{role_cell}</td><td colspan=\"6\">no post holds this role</td></tr>"
            );
        }
        for h in &role.holders {
            let _ = writeln!(
                out,
                "<tr><td>{role_cell}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                post_cell(&h.post, h.title.as_deref()),
                h.holder
                    .as_deref()
                    .map(escape)
                    .unwrap_or_else(|| "<span class=\"none\">not named</span>".into()),
                h.kind,
                h.basis(),
                escape(&h.shared_with.join(", ")),
                escape(&h.other_roles.join(", "))
            );
        }
    }
    out.push_str("</tbody>\n</table>\n");

    out.push_str("<h2>Reporting lines</h2>\n<ul class=\"lines\">\n");
    for line in &c.reporting_lines {
        let path: Vec<String> = line
            .path
            .iter()
            .map(|p| post_cell(&p.post, p.title.as_deref()))
            .collect();
        let mark = if line.reaches {
            "<span class=\"ok\">✓</span>"
        } else {
            "<span class=\"bad\">✗</span>"
        };
        let mut end = if line.reaches { "reaches" } else { "does not reach" }.to_string();
        if let Some(note) = &line.note {
            end = format!("{end}: {}", rich(note));
        }
        let _ = writeln!(
            out,
            "<li>{mark} <strong>{}</strong> to <strong>{}</strong>: {} <span class=\"counts\">({end})</span></li>",
            escape(&line.from_role),
            escape(&line.to_role),
            if path.is_empty() {
                "—".into()
            } else {
                path.join(" → ")
            }
        );
    }
    out.push_str("</ul>\n");

    out.push_str("<h2>Organisation chart</h2>\n<p class=\"key\"><span class=\"k statutory\">statutory role</span> \
                  <span class=\"k combined\">combined roles</span> <span class=\"k shared\">shared with another council</span> \
                  <span class=\"k problem\">problem found</span> <span class=\"k extra\">further or circular reporting line</span></p>\n<div class=\"chart-frame\">");
    out.push_str(&chart::svg(&c.name, &c.posts));
    out.push_str("</div>\n");

    out.push_str("<h2>Boards</h2>\n");
    if c.boards.is_empty() {
        out.push_str("<p class=\"none\">No post is declared on a board.</p>\n");
    } else {
        out.push_str("<table>\n<thead><tr><th>Board</th><th>Post</th><th>As</th></tr></thead>\n<tbody>\n");
        for board in &c.boards {
            for m in &board.members {
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                    board
                        .title
                        .as_deref()
                        .map(escape)
                        .unwrap_or_else(|| escape(&board.body)),
                    post_cell(&m.post, m.title.as_deref()),
                    escape(&m.relation)
                );
            }
        }
        out.push_str("</tbody>\n</table>\n");
    }

    out.push_str("<h2>Combined roles and assurance</h2>\n");
    if c.combined_roles.is_empty() {
        out.push_str("<p class=\"none\">No post holds more than one role.</p>\n");
    } else {
        out.push_str(
            "<table>\n<thead><tr><th>Post</th><th>Roles</th><th>Assurance record</th><th>Dated</th><th>Age</th>\
             <th>Elements addressed</th></tr></thead>\n<tbody>\n",
        );
        for post in &c.combined_roles {
            let cells = format!(
                "<td>{}</td><td>{}</td>",
                post_cell(&post.post, post.title.as_deref()),
                escape(&post.roles.join(", "))
            );
            if post.assurance.is_empty() {
                let _ = writeln!(
                    out,
                    "<tr>{cells}<td colspan=\"4\" class=\"bad\">no assurance record covers this post</td></tr>"
                );
            }
            for a in &post.assurance {
                let _ = writeln!(
                    out,
                    "<tr>{cells}<td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&a.record),
                    escape(a.dated.as_deref().unwrap_or("not dated")),
                    escape(a.age.as_deref().unwrap_or("")),
                    escape(&a.addresses.join(", "))
                );
            }
        }
        out.push_str("</tbody>\n</table>\n");
    }

    out.push_str("<h2>Departures from the guidance</h2>\n");
    if c.departures.is_empty() {
        out.push_str("<p class=\"none\">The council records no departure.</p>\n");
    } else {
        out.push_str("<ul class=\"departures\">\n");
        for d in &c.departures {
            let _ = writeln!(
                out,
                "<li><code>{}</code>{}{}: “{}”</li>",
                escape(&d.rule),
                d.rule_title
                    .as_deref()
                    .map(|t| format!(" ({})", escape(t)))
                    .unwrap_or_default(),
                d.post
                    .as_deref()
                    .map(|p| format!(" for <code>{}</code>", escape(p)))
                    .unwrap_or_default(),
                escape(&d.reason)
            );
        }
        out.push_str("</ul>\n");
    }

    out.push_str("<h2>Findings</h2>\n");
    if c.findings.is_empty() {
        out.push_str("<p class=\"none\">The check found nothing to report.</p>\n");
    } else {
        out.push_str("<ol class=\"findings\">\n");
        for f in &c.findings {
            let _ = write!(
                out,
                "<li><span class=\"sev {}\">{}</span> <code>{}</code> {}<br/><small>{}:{}:{}</small>",
                f.severity,
                f.severity,
                escape(&f.code),
                rich(&f.message),
                escape(&f.file),
                f.line,
                f.column
            );
            for cite in &f.citations {
                let _ = write!(out, "<blockquote>{}</blockquote>", escape(cite));
            }
            if let Some(reason) = &f.departure {
                let _ = write!(out, "<p class=\"departed\">Departed from: “{}”</p>", escape(reason));
            }
            if let Some(help) = &f.help {
                let _ = write!(out, "<p class=\"help\">To fix: {}</p>", rich(help));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

/// Escaped text, with the `backticked` names of messages shown as code.
fn rich(text: &str) -> String {
    let mut out = String::new();
    let mut parts = text.split('`');
    if let Some(first) = parts.next() {
        out.push_str(&escape(first));
    }
    let rest: Vec<&str> = parts.collect();
    // An odd number of backticks leaves the last one as written.
    let pairs = rest.len() / 2 * 2;
    for (i, part) in rest.iter().enumerate() {
        if i >= pairs {
            out.push('`');
            out.push_str(&escape(part));
        } else if i % 2 == 0 {
            out.push_str("<code>");
            out.push_str(&escape(part));
            out.push_str("</code>");
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

fn verdict_badge(outcome: Outcome) -> String {
    let class = match outcome {
        Outcome::Errors => "error",
        Outcome::Warnings => "warning",
        Outcome::MeetsTheGuidance => "ok",
    };
    format!("<span class=\"verdict {class}\">{}</span>", outcome.describe())
}

fn post_cell(post: &str, title: Option<&str>) -> String {
    match title {
        Some(t) => format!("{} <code>{}</code>", escape(t), escape(post)),
        None => format!("<code>{}</code>", escape(post)),
    }
}

/// An `id` attribute for a council's statement.
pub fn anchor(id: &str) -> String {
    format!("council-{}", escape(id))
}

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#111827;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin:.2rem 0}
h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #e5e7eb;padding-bottom:.2rem}
section{margin-bottom:3rem}
.lede{color:#374151}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border:1px solid #e5e7eb;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f4f6}
td.n,th.n{text-align:right}
tr.missing td{background:#fef2f2}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;background:#f3f4f6;padding:0 .2em;border-radius:3px}
.verdict{font-weight:700;padding:.1rem .5rem;border-radius:999px;white-space:nowrap}
.verdict.error{background:#fee2e2;color:#991b1b}
.verdict.warning{background:#fef3c7;color:#92400e}
.verdict.ok{background:#dcfce7;color:#166534}
.counts,.none,small{color:#6b7280}
.sev{font-weight:700;text-transform:uppercase;font-size:.75rem}
.sev.error{color:#b91c1c}.sev.warning{color:#b45309}.sev.info{color:#1d4ed8}.sev.note{color:#4b5563}
.ok{color:#166534;font-weight:700}.bad{color:#b91c1c;font-weight:700}
blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.6rem;border-left:3px solid #d1d5db;color:#374151;font-size:.9rem}
.help,.departed{margin:.2rem 0;font-size:.9rem}
.findings li{margin-bottom:.7rem}
.chart-frame{overflow-x:auto;border:1px solid #e5e7eb;border-radius:6px;padding:.5rem;background:#fcfcfd}
.key{font-size:.85rem}
.k{display:inline-block;padding:0 .4rem;margin-right:.4rem;border:1px solid #8a94a6;border-radius:4px}
.k.statutory{background:#e6effc;border:2px solid #1d4ed8}
.k.combined{color:#b45309;font-weight:700}
.k.shared{border-style:dashed}
.k.problem{border:2px solid #b91c1c}
.k.extra{border:none;border-bottom:2px dashed #b45309;border-radius:0}
footer{color:#6b7280;font-size:.85rem;border-top:1px solid #e5e7eb;margin-top:2rem}
@media print{body{margin:0;max-width:none}section.statement{page-break-before:always}.chart-frame{overflow:visible;border:none}a{color:inherit;text-decoration:none}}
";
