//! The report as one self-contained HTML page: inline CSS, inline SVG charts, no script
//! and nothing fetched from the network, so it can be attached to committee papers,
//! opened offline and printed (each council's statement starts a new page, charts are
//! scaled to the page and split by directorate where they would be too small to read).
//! People read titles; the names a declaration file uses appear only in small "as
//! declared" notes and tooltips. The markup is well-formed XML as well as HTML, so other
//! tools can read it, and has landmarks and text alternatives for screen readers.

use std::fmt::Write;

use super::chart::escape;
use super::document::{Block, Cell, Chart, Document, FindingItem, Inline, Paragraph, Section, Table, Text};
use super::guidance::GuidanceView;
use super::{Mark, Outcome, Report, Verdict, page};

/// Renders the whole report. With more than one council, the page opens with the
/// national overview, linking to each statement below it.
pub fn render(report: &Report) -> String {
    document(&page::report(report))
}

/// Renders the view of one guidance over the councils.
pub fn guidance(view: &GuidanceView) -> String {
    document(&page::guidance(view))
}

/// A document as one page.
fn document(doc: &Document) -> String {
    let mut out = String::new();
    page_head(&mut out, &doc.title);
    out.push_str("<main>\n");
    for s in &doc.sections {
        section(&mut out, s);
    }
    out.push_str("</main>\n");
    let _ = write!(out, "<footer><p>{}</p></footer>\n</body>\n</html>\n", text(&doc.footer));
    out
}

/// The start of a page: its title, the style, and the opening of the body.
fn page_head(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    );
}

fn section(out: &mut String, s: &Section) {
    let id = escape(&s.id);
    let _ = write!(
        out,
        "<section class=\"{}\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h{l} id=\"{id}-h\">{}</h{l}>\n",
        s.class,
        text(&s.heading),
        l = s.level
    );
    for b in &s.blocks {
        block(out, b);
    }
    out.push_str("</section>\n");
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Heading { level, text: t } => {
            let _ = writeln!(out, "<h{level}>{}</h{level}>", text(t));
        }
        Block::Paragraph { kind, text: t } => {
            let class = match kind {
                Paragraph::Plain | Paragraph::Strong => "",
                Paragraph::Lede => " class=\"lede\"",
                Paragraph::Declared => " class=\"declared\"",
                Paragraph::Notice => " class=\"notice\"",
                Paragraph::Nothing => " class=\"none\"",
                Paragraph::Key => " class=\"key\"",
            };
            match kind {
                Paragraph::Strong => writeln!(out, "<p><strong>{}</strong></p>", text(t)),
                _ => writeln!(out, "<p{class}>{}</p>", text(t)),
            }
            .ok();
        }
        Block::Table(t) => table(out, t),
        Block::List { class, items } => {
            let class = class.map(|c| format!(" class=\"{c}\"")).unwrap_or_default();
            let _ = writeln!(out, "<ul{class}>");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", text(item));
            }
            out.push_str("</ul>\n");
        }
        Block::Quote(t) => {
            let _ = writeln!(out, "<blockquote>{}</blockquote>", text(t));
        }
        Block::Findings { anchor, findings } => findings_list(out, anchor, findings),
        Block::Chart(chart) => chart_block(out, chart),
        Block::Section(s) => section(out, s),
    }
}

fn table(out: &mut String, t: &Table) {
    let class = t.class.map(|c| format!(" class=\"{c}\"")).unwrap_or_default();
    let _ = write!(out, "<table{class}>\n<thead><tr>");
    for c in &t.columns {
        let n = if c.numeric { " class=\"n\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{n}>{}</th>", c.title);
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str(if row.missing { "<tr class=\"missing\">" } else { "<tr>" });
        let mut column = 0;
        for Cell { text: cell, span } in &row.cells {
            let numeric = t.columns.get(column).is_some_and(|c| c.numeric) && *span == 1;
            let n = if numeric { " class=\"n\"" } else { "" };
            let colspan = if *span > 1 {
                format!(" colspan=\"{span}\"")
            } else {
                String::new()
            };
            let _ = write!(out, "<td{n}{colspan}>{}</td>", text(cell));
            column += span;
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The drawing, split into parts, and each post and whom it reports to as a list: the
/// chart for screen readers, and for anyone who wants it as text (folded away, and left
/// out of print).
fn chart_block(out: &mut String, chart: &Chart) {
    out.push_str("<h2>Organisation chart</h2>\n<p class=\"key\"><span class=\"k statutory\">statutory role</span> \
                  <span class=\"k combined\">combined roles</span> <span class=\"k shared\">shared with another council</span> \
                  <span class=\"k vacant\">vacant</span> <span class=\"k problem\">finding to address</span> \
                  <span class=\"k extra\">further or circular reporting line</span></p>\n");
    if chart.posts.is_empty() {
        out.push_str("<p class=\"none\">No post is declared.</p>\n");
    }
    let id = escape(&chart.id);
    let parts = match chart.drawn.is_empty() {
        true => Vec::new(),
        false => super::chart::parts(chart.council, chart.drawn),
    };
    for part in &parts {
        let _ = write!(
            out,
            "<figure class=\"chart-part\"><figcaption>{}</figcaption>\
             <div class=\"chart-frame\" tabindex=\"0\" role=\"group\" aria-label=\"{}\" aria-describedby=\"{id}\">",
            escape(&part.caption),
            escape(&part.caption),
        );
        out.push_str(&part.svg);
        out.push_str("</div></figure>\n");
    }
    let _ = write!(
        out,
        "<details class=\"chart-text\" id=\"{id}\"><summary>The chart as text: each post and whom it reports to</summary>\n<ul>\n"
    );
    for post in &chart.posts {
        let _ = writeln!(out, "<li>{}</li>", text(post));
    }
    out.push_str("</ul>\n</details>\n");
}

fn findings_list(out: &mut String, id: &str, findings: &[FindingItem]) {
    if findings.is_empty() {
        out.push_str("<p class=\"none\">The check found nothing to report.</p>\n");
        return;
    }
    let id = escape(id);
    // A list that follows the facts of law numbers on from them.
    match findings.first().map_or(1, |f| f.number) {
        1 => out.push_str("<ol class=\"findings\">\n"),
        start => {
            let _ = writeln!(out, "<ol class=\"findings\" start=\"{start}\">");
        }
    }
    for f in findings {
        let class = f.word;
        let _ = write!(
            out,
            "<li id=\"{id}-finding-{}\" class=\"{class}\"><span class=\"sev {class}\">{class}</span> ",
            f.number
        );
        if let Some(title) = &f.rule_title {
            let _ = write!(out, "<strong>{}</strong>", escape(title));
            if f.advisory {
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
            escape(&f.place)
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

/// A run of text as markup: user text escaped, names as code.
fn text(t: &Text) -> String {
    let mut out = String::new();
    for i in t {
        inline(&mut out, i);
    }
    out
}

fn inline(out: &mut String, i: &Inline) {
    match i {
        Inline::Words(w) => {
            debug_assert!(!w.contains(['<', '&']), "our own words hold no markup: {w}");
            out.push_str(w);
        }
        Inline::Plain(s) => out.push_str(&escape(s)),
        Inline::Code(s) => {
            let _ = write!(out, "<code>{}</code>", escape(s));
        }
        Inline::Message(s) => out.push_str(&rich(s)),
        Inline::Named(n) => match &n.title {
            Some(t) => {
                let _ = write!(out, "{} <small class=\"declared\">{}</small>", escape(t), escape(&n.id));
            }
            None => {
                let _ = write!(out, "<code>{}</code>", escape(&n.id));
            }
        },
        Inline::Strong(t) => {
            let _ = write!(out, "<strong>{}</strong>", text(t));
        }
        Inline::Emphasis(t) => {
            let _ = write!(out, "<em>{}</em>", text(t));
        }
        Inline::Small(t) => {
            let _ = write!(out, "<small>{}</small>", text(t));
        }
        Inline::Nothing(s) => {
            let _ = write!(out, "<span class=\"none\">{s}</span>");
        }
        Inline::Flag(s) => {
            let _ = write!(out, "<span class=\"notice\">⚑ {}</span>", escape(s));
        }
        Inline::Aside { text: t, declared } => {
            let class = if *declared { " class=\"declared\"" } else { "" };
            let _ = write!(out, "<br/><small{class}>{}</small>", text(t));
        }
        Inline::Lines(lines) => {
            let lines: Vec<String> = lines.iter().map(text).collect();
            out.push_str(&lines.join("<br/>"));
        }
        Inline::Findings { anchor, numbers } => {
            let links: Vec<String> = numbers
                .iter()
                .map(|n| format!("<a href=\"#{}-finding-{n}\">{n}</a>", escape(anchor)))
                .collect();
            match links.len() {
                0 => {}
                1 => {
                    let _ = write!(out, "finding {}", links[0]);
                }
                _ => {
                    let _ = write!(out, "findings {}", links.join(", "));
                }
            }
        }
        Inline::Checks(checks) => {
            let checks: Vec<String> = checks
                .iter()
                .map(|(mark, said)| {
                    let (class, sign) = match mark {
                        Mark::NoFinding => ("ok", "✓"),
                        Mark::Finding => ("bad", "✗"),
                        Mark::Departed => ("departed", "↷"),
                    };
                    format!(
                        "<span class=\"{class}\"><span aria-hidden=\"true\">{sign}</span> {}</span>",
                        rich(said)
                    )
                })
                .collect();
            out.push_str(&checks.join("<br/>"));
        }
        Inline::Verdict { verdict, .. } => out.push_str(&verdict_badge(verdict)),
        Inline::Severity(s) => {
            let _ = write!(out, "<span class=\"sev {s}\">{s}</span>");
        }
        Inline::Link { name, anchor } => {
            let _ = write!(out, "<a href=\"#{}\">{}</a>", escape(anchor), escape(name));
        }
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
pub use page::anchor;

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
