//! The report as one self-contained HTML page: inline CSS, inline SVG charts, no script
//! and nothing fetched from the network, so it can be attached to committee papers,
//! opened offline and printed (each council's statement starts a new page, charts are
//! scaled to the page and split by directorate where they would be too small to read).
//! People read titles; the names a declaration file uses appear only in small "as
//! declared" notes and tooltips. The markup is well-formed XML as well as HTML, so other
//! tools can read it, and has landmarks and text alternatives for screen readers.

use std::fmt::Write;

use super::chart::{self, escape};
use super::{Finding, Mark, Named, Outcome, Report, Statement, Verdict, labels};

/// Renders the whole report. With more than one council, the page opens with the
/// national overview, linking to each statement below it.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let title = match report.councils.as_slice() {
        [only] => format!("{}: statement of arrangements for children's services", only.name),
        councils => format!("{} councils: arrangements for children's services", councils.len()),
    };
    page_head(&mut out, &title);
    out.push_str("<main>\n");
    if report.councils.len() != 1 {
        overview(&mut out, report);
    }
    for council in &report.councils {
        statement(&mut out, council, &report.as_of);
    }
    if !report.other_findings.is_empty() {
        out.push_str(
            "<section class=\"statement other\" id=\"other-findings\" aria-labelledby=\"other-findings-h\">\n\
             <h1 id=\"other-findings-h\">Findings outside any council's declaration</h1>\n\
             <p class=\"lede\">These files declare no council that could be read; what the check found in them is below.</p>\n",
        );
        findings_list(&mut out, "other", &report.other_findings);
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n");
    page_foot(&mut out, &report.as_of, &report.sources());
    out
}

/// The start of a page: its title, the style, and the opening of the body.
pub fn page_head(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    );
}

/// The footer and the end of the page.
pub fn page_foot(out: &mut String, as_of: &str, sources: &str) {
    let _ = write!(
        out,
        "<footer><p>Made by <code>regard report</code> on the declarations as they stood, checked as of {}. {}</p></footer>\n</body>\n</html>\n",
        escape(as_of),
        escape(sources)
    );
}

fn overview(out: &mut String, report: &Report) {
    let o = &report.overview;
    let _ = write!(
        out,
        "<section class=\"overview\" id=\"overview\" aria-labelledby=\"overview-h\">\n<h1 id=\"overview-h\">Arrangements for children's services: {} councils</h1>\n\
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
        "<h2>Councils by verdict</h2>\n<table class=\"councils\">\n<thead><tr><th scope=\"col\">Council</th><th scope=\"col\">Verdict</th>\
         <th scope=\"col\" class=\"n\">Errors</th><th scope=\"col\" class=\"n\">Warnings</th><th scope=\"col\" class=\"n\">Departures</th></tr></thead>\n<tbody>\n",
    );
    for c in report.by_verdict() {
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            anchor(c),
            escape(&c.name),
            verdict_badge(&c.verdict),
            c.verdict.errors,
            c.verdict.warnings,
            c.departures.len()
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if !o.common_problems.is_empty() {
        out.push_str(
            "<h2>Most common problems</h2>\n<table>\n<thead><tr><th scope=\"col\">Problem</th><th scope=\"col\">Severity</th>\
             <th scope=\"col\" class=\"n\">Councils</th><th scope=\"col\" class=\"n\">Times</th></tr></thead>\n<tbody>\n",
        );
        for p in &o.common_problems {
            let _ = writeln!(
                out,
                "<tr><td>{}<br/><small class=\"declared\">{}</small></td><td><span class=\"sev {}\">{}</span></td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escape(p.title.as_deref().unwrap_or(&p.code)),
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
    let id = anchor(c);
    let _ = write!(
        out,
        "<section class=\"statement\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h1 id=\"{id}-h\">{}</h1>\n<p class=\"lede\">Checked as of {}: \
         {} <span class=\"counts\">({})</span></p>\n<p class=\"declared\">As declared: <code>{}</code> in <code>{}</code></p>\n",
        escape(&c.name),
        escape(as_of),
        verdict_badge(&c.verdict),
        escape(&c.verdict.counts()),
        escape(&c.id),
        escape(&c.file),
    );
    if let Some(note) = c.unchecked_note() {
        let _ = writeln!(out, "<p class=\"notice\">{}</p>", rich(&note));
    }
    if !c.properties.is_empty() {
        let _ = writeln!(
            out,
            "<p>The council declares: {}.</p>",
            c.properties.iter().map(named).collect::<Vec<_>>().join("; ")
        );
    }

    if c.checked {
        roles(out, c);
        reporting(out, c);
    }

    out.push_str("<h2>Organisation chart</h2>\n<p class=\"key\"><span class=\"k statutory\">statutory role</span> \
                  <span class=\"k combined\">combined roles</span> <span class=\"k shared\">shared with another council</span> \
                  <span class=\"k vacant\">vacant</span> <span class=\"k problem\">finding to address</span> \
                  <span class=\"k extra\">further or circular reporting line</span></p>\n");
    if c.posts.is_empty() {
        out.push_str("<p class=\"none\">No post is declared.</p>\n");
    }
    let parts = match c.posts.is_empty() {
        true => Vec::new(),
        false => chart::parts(&c.name, &c.posts),
    };
    let text_id = format!("{id}-chart-text");
    for part in &parts {
        let _ = write!(
            out,
            "<figure class=\"chart-part\"><figcaption>{}</figcaption>\
             <div class=\"chart-frame\" tabindex=\"0\" role=\"group\" aria-label=\"{}\" aria-describedby=\"{text_id}\">",
            escape(&part.caption),
            escape(&part.caption),
        );
        out.push_str(&part.svg);
        out.push_str("</div></figure>\n");
    }
    chart_text(out, c, &text_id);

    if c.checked {
        boards(out, c);
        combined(out, c);
        assurance(out, c);
        departures(out, c);
    }

    out.push_str("<h2>Findings</h2>\n");
    findings_list(out, &id, &c.findings);
    out.push_str("</section>\n");
}

fn roles(out: &mut String, c: &Statement) {
    out.push_str(
        "<h2>Who holds the statutory roles</h2>\n<table>\n<thead><tr><th scope=\"col\">Role</th><th scope=\"col\">Post</th>\
         <th scope=\"col\">Holder</th><th scope=\"col\">Kind</th><th scope=\"col\">Basis</th><th scope=\"col\">Shared with</th>\
         <th scope=\"col\">Also holds</th></tr></thead>\n<tbody>\n",
    );
    for role in &c.statutory_roles {
        let role_cell = named(&role.role);
        if role.holders.is_empty() {
            let refs = finding_refs(c, &role.findings);
            let _ = writeln!(
                out,
                "<tr class=\"missing\"><td>{role_cell}</td><td colspan=\"6\">no post holds this role{}</td></tr>",
                if refs.is_empty() {
                    String::new()
                } else {
                    format!(" ({refs})")
                }
            );
        }
        for h in &role.holders {
            let _ = writeln!(
                out,
                "<tr><td>{role_cell}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                named(&h.post),
                h.holder
                    .as_deref()
                    .map(escape)
                    .unwrap_or_else(|| "<span class=\"none\">not named</span>".into()),
                h.kind,
                h.basis(),
                escape(&labels(&h.shared_with)),
                escape(&labels(&h.other_roles))
            );
        }
    }
    out.push_str("</tbody>\n</table>\n");
}

fn reporting(out: &mut String, c: &Statement) {
    out.push_str("<h2>Reporting lines</h2>\n");
    if c.reporting_lines.is_empty() {
        out.push_str("<p class=\"none\">No post holds the DCS or the LMCS.</p>\n");
        return;
    }
    out.push_str(
        "<p class=\"key\">Each line as the council declares it, and what the check found about it.</p>\n<table>\n<thead><tr>\
         <th scope=\"col\">Role</th><th scope=\"col\">Post</th><th scope=\"col\">Reports to (as declared)</th>\
         <th scope=\"col\">The check</th></tr></thead>\n<tbody>\n",
    );
    for line in &c.reporting_lines {
        let to = match line.reports_to.is_empty() {
            true => "<span class=\"none\">no reporting line declared</span>".to_string(),
            false => line.reports_to.iter().map(named).collect::<Vec<_>>().join("<br/>"),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}{}</td><td>{to}</td><td>{}</td></tr>",
            named(&line.role),
            named(&line.post),
            if line.vacant { " <em>(vacant)</em>" } else { "" },
            check_cell(c, &line.findings, &line.departed)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The checker's findings about a line, with their marks.
fn check_cell(c: &Statement, standing: &[usize], departed: &[usize]) -> String {
    c.check_phrases(standing, departed)
        .into_iter()
        .map(|(mark, text)| {
            let (class, sign) = match mark {
                Mark::NoFinding => ("ok", "✓"),
                Mark::Finding => ("bad", "✗"),
                Mark::Departed => ("departed", "↷"),
            };
            format!(
                "<span class=\"{class}\"><span aria-hidden=\"true\">{sign}</span> {}</span>",
                rich(&text)
            )
        })
        .collect::<Vec<_>>()
        .join("<br/>")
}

/// Each post and whom it reports to, as a list: the chart for screen readers, and for
/// anyone who wants it as text (folded away, and left out of print).
fn chart_text(out: &mut String, c: &Statement, id: &str) {
    let _ = write!(
        out,
        "<details class=\"chart-text\" id=\"{id}\"><summary>The chart as text: each post and whom it reports to</summary>\n<ul>\n"
    );
    let label = |post: &str| {
        c.posts
            .iter()
            .find(|p| p.id == post)
            .map_or(post.to_string(), |p| p.label().to_string())
    };
    for p in &c.posts {
        let mut text = p.label().to_string();
        if !p.roles_shown.is_empty() {
            text.push_str(&format!(" ({})", p.roles_shown.join(", ")));
        }
        if p.vacant {
            text.push_str(", vacant");
        }
        let to: Vec<String> = p.reports_to.iter().map(|t| label(t)).collect();
        match to.is_empty() {
            true => text.push_str(": no reporting line"),
            false => text.push_str(&format!(": reports to {}", to.join(" and "))),
        }
        let _ = writeln!(out, "<li>{}</li>", escape(&text));
    }
    out.push_str("</ul>\n</details>\n");
}

fn boards(out: &mut String, c: &Statement) {
    out.push_str("<h2>Boards</h2>\n");
    if c.boards.is_empty() {
        out.push_str("<p class=\"none\">No post is declared on a board.</p>\n");
        return;
    }
    out.push_str("<table>\n<thead><tr><th scope=\"col\">Board</th><th scope=\"col\">Post</th><th scope=\"col\">As</th></tr></thead>\n<tbody>\n");
    for board in &c.boards {
        for m in &board.members {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                named(&board.body),
                named(&m.post),
                escape(&m.relation)
            );
        }
    }
    out.push_str("</tbody>\n</table>\n");
}

fn combined(out: &mut String, c: &Statement) {
    out.push_str("<h2>Combined roles</h2>\n");
    if c.combined_roles.is_empty() {
        out.push_str("<p class=\"none\">No post holds more than one role.</p>\n");
        return;
    }
    out.push_str(
        "<table>\n<thead><tr><th scope=\"col\">Post</th><th scope=\"col\">Roles</th><th scope=\"col\">Assurance records covering it</th>\
         <th scope=\"col\">The check</th></tr></thead>\n<tbody>\n",
    );
    for post in &c.combined_roles {
        let records = match post.records.is_empty() {
            true => "<span class=\"none\">none declared</span>".to_string(),
            false => post.records.iter().map(named).collect::<Vec<_>>().join("<br/>"),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{records}</td><td>{}</td></tr>",
            named(&post.post),
            escape(&labels(&post.roles)),
            check_cell(c, &post.findings, &post.departed)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn assurance(out: &mut String, c: &Statement) {
    out.push_str("<h2>Assurance records</h2>\n");
    if c.assurance.is_empty() {
        out.push_str("<p class=\"none\">The council declares no assurance record.</p>\n");
        return;
    }
    out.push_str(
        "<table>\n<thead><tr><th scope=\"col\">Record</th><th scope=\"col\">By</th><th scope=\"col\">Dated</th>\
         <th scope=\"col\">Covers</th><th scope=\"col\">Addresses</th><th scope=\"col\">Findings</th></tr></thead>\n<tbody>\n",
    );
    for a in &c.assurance {
        let dated = match (&a.dated, &a.age) {
            (Some(d), Some(age)) => format!("{}<br/><small>{}</small>", escape(d), escape(age)),
            (Some(d), None) => escape(d),
            (None, _) => "<span class=\"none\">not dated</span>".into(),
        };
        let covers = match a.covers.is_empty() {
            true => format!("<span class=\"notice\">⚑ {}</span>", escape(&a.covers_phrase())),
            false => a.covers.iter().map(named).collect::<Vec<_>>().join("<br/>"),
        };
        let refs = finding_refs(c, &a.findings);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{dated}</td><td>{covers}</td><td>{}</td><td>{}</td></tr>",
            named(&a.record),
            a.by.as_deref()
                .map(escape)
                .unwrap_or_else(|| "<span class=\"none\">not said</span>".into()),
            escape(&labels(&a.addresses)),
            if refs.is_empty() {
                "<span class=\"none\">none</span>".into()
            } else {
                refs
            },
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn departures(out: &mut String, c: &Statement) {
    out.push_str("<h2>Departures from the guidance</h2>\n");
    if c.departures.is_empty() {
        out.push_str("<p class=\"none\">The council records no departure.</p>\n");
        return;
    }
    out.push_str("<ul class=\"departures\">\n");
    for d in &c.departures {
        let excuses = match d.excuses.is_empty() {
            true => "it excuses no finding".to_string(),
            false => format!("it excuses {}", finding_refs(c, &d.excuses)),
        };
        let _ = writeln!(
            out,
            "<li><strong>{}</strong>{}: “{}” <small>({excuses}; as declared: <code>{}</code>)</small></li>",
            escape(d.rule_title.as_deref().unwrap_or(&d.rule)),
            d.post
                .as_ref()
                .map(|p| format!(", for {}", escape(p.label())))
                .unwrap_or_default(),
            escape(&d.reason),
            escape(&d.rule),
        );
    }
    out.push_str("</ul>\n");
}

/// Links to findings by number: "finding 3", "findings 2, 4".
fn finding_refs(c: &Statement, numbers: &[usize]) -> String {
    let links: Vec<String> = numbers
        .iter()
        .map(|n| format!("<a href=\"#{}-finding-{n}\">{n}</a>", anchor(c)))
        .collect();
    match links.len() {
        0 => String::new(),
        1 => format!("finding {}", links[0]),
        _ => format!("findings {}", links.join(", ")),
    }
}

fn findings_list(out: &mut String, id: &str, findings: &[Finding]) {
    if findings.is_empty() {
        out.push_str("<p class=\"none\">The check found nothing to report.</p>\n");
        return;
    }
    out.push_str("<ol class=\"findings\">\n");
    for f in findings {
        let (class, word) = match &f.departure {
            Some(_) => ("departed", "departed"),
            None => (f.severity, f.severity),
        };
        let _ = write!(
            out,
            "<li id=\"{id}-finding-{}\" class=\"{class}\"><span class=\"sev {class}\">{word}</span> ",
            f.number
        );
        if let Some(title) = &f.rule_title {
            let _ = write!(out, "<strong>{}</strong>", escape(title));
            if f.guidance_status == Some("advisory") {
                out.push_str(" <small>(advisory guidance)</small>");
            }
            out.push_str("<br/>");
        }
        let _ = write!(
            out,
            "<span title=\"{}\">{}</span><br/><small class=\"declared\">As declared: <code>{}</code> at <code>{}</code></small>",
            escape(&f.message),
            rich(&f.said),
            escape(&f.code),
            escape(&f.place())
        );
        for cite in &f.citations {
            let _ = write!(out, "<blockquote>{}</blockquote>", rich(cite));
        }
        if let Some(reason) = &f.departure {
            let _ = write!(
                out,
                "<p class=\"departed\">The council has departed from this, for this reason: “{}”</p>",
                escape(reason)
            );
        } else if let Some(advice) = &f.advice {
            let _ = write!(out, "<p class=\"help\">What to do: {}</p>", rich(advice));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

/// A title with the name as declared in small print (the name alone where there is no
/// title).
fn named(n: &Named) -> String {
    match &n.title {
        Some(t) => format!("{} <small class=\"declared\">{}</small>", escape(t), escape(&n.id)),
        None => format!("<code>{}</code>", escape(&n.id)),
    }
}

/// Escaped text, with the `backticked` names of messages shown as code.
pub fn rich(text: &str) -> String {
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

fn verdict_badge(verdict: &Verdict) -> String {
    let class = match verdict.outcome {
        Outcome::Errors => "error",
        Outcome::Warnings => "warning",
        Outcome::MeetsTheGuidance => "ok",
    };
    format!("<span class=\"verdict {class}\">{}</span>", escape(&verdict.describe()))
}

/// The `id` attribute of a council's statement: unique even where two declarations share
/// a name.
pub fn anchor(c: &Statement) -> String {
    let base = format!("council-{}", escape(&c.id));
    match c.checked {
        true => base,
        false => format!("{base}-repeated-{}", c.findings.first().map_or(0, |f| f.line)),
    }
}

pub const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#111827;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin:.2rem 0}
h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #e5e7eb;padding-bottom:.2rem}
section{margin-bottom:3rem}
.lede{color:#1f2937}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border:1px solid #d1d5db;padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:#f3f4f6}
td.n,th.n{text-align:right}
tr.missing td{background:#fef2f2}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;background:#f3f4f6;padding:0 .2em;border-radius:3px;overflow-wrap:break-word}
.verdict{font-weight:700;padding:.1rem .5rem;border-radius:999px}
.verdict.error{background:#fee2e2;color:#991b1b}
.verdict.warning{background:#fef3c7;color:#78350f}
.verdict.ok{background:#dcfce7;color:#14532d}
.counts,.none,small{color:#4b5563}
.declared{font-size:.8rem;color:#4b5563}
.sev{font-weight:700;text-transform:uppercase;font-size:.75rem}
.sev.error{color:#b91c1c}.sev.warning{color:#92400e}.sev.info{color:#1d4ed8}.sev.note,.sev.departed{color:#374151}
.ok{color:#166534;font-weight:700}.bad{color:#b91c1c;font-weight:700}.departed{color:#374151}
.notice{background:#fffbeb;border-left:4px solid #b45309;padding:.3rem .6rem}
blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.6rem;border-left:3px solid #d1d5db;color:#1f2937;font-size:.9rem}
.help,p.departed{margin:.2rem 0;font-size:.9rem}
.findings li{margin-bottom:.7rem}
.findings li.departed{border-left:3px solid #9ca3af;padding-left:.5rem;list-style-position:inside}
figure{margin:1rem 0}
figcaption{font-size:.85rem;color:#374151;margin-bottom:.3rem}
.chart-frame{overflow-x:auto;border:1px solid #d1d5db;border-radius:6px;padding:.5rem;background:#fcfcfd}
.chart-frame:focus{outline:3px solid #1d4ed8;outline-offset:2px}
.chart-text{font-size:.9rem;margin:.5rem 0}
.key{font-size:.85rem}
.k{display:inline-block;padding:0 .4rem;margin-right:.4rem;border:1px solid #6b7280;border-radius:4px}
.k.statutory{background:#e6effc;border:2px solid #1d4ed8}
.k.combined{color:#92400e;font-weight:700}
.k.shared{border-style:dashed}
.k.vacant{border-style:dotted}
.k.problem{border:2px solid #b91c1c}
.k.extra{border:none;border-bottom:2px dashed #b45309;border-radius:0}
footer{color:#374151;font-size:.85rem;border-top:1px solid #d1d5db;margin-top:2rem}
@media print{body{margin:0;max-width:none}section.statement{break-before:page}.chart-frame{overflow:visible;border:none;padding:0}
.chart-frame svg{max-width:100%;height:auto}figure{break-inside:avoid-page}.chart-text{display:none}a{color:inherit;text-decoration:none}}
";
