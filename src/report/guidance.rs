//! `regard report --guidance ID`: one guidance over many councils, for a drafter showing a
//! minister what an edition asks and where the country stands, and for an inspector before
//! a visit. Every part of the text the guidance declares (`paragraphs`) with the rules
//! that encode it or the reason it was set aside (the table lowering computed), and for
//! each rule how many of the councils given meet it, break it or have departed from it,
//! with their reasons grouped. The counts are the checker's findings, counted: a council
//! breaks a rule when the check reported a finding of the rule about it.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::{Report, html, status_name};
use crate::diagnostics::escape;
use crate::hir;
use crate::syntax::ast::Modality;

/// The guidance view, as data (serialised as its JSON).
#[derive(Clone, Debug, Serialize)]
pub struct GuidanceView {
    pub version: u32,
    pub as_of: String,
    pub id: String,
    pub title: Option<String>,
    /// `statutory` or `advisory`.
    pub status: &'static str,
    /// What the guidance is and where its text comes from (its `///` comment).
    pub about: Option<String>,
    /// Whether it is in force on the check date.
    pub in_force: bool,
    /// The councils given, and those of them that follow this guidance.
    pub councils: usize,
    pub following: usize,
    /// Every declared part, in order; empty when the guidance declares no `paragraphs`.
    pub parts: Vec<PartView>,
    pub rules: Vec<RuleView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PartView {
    /// "para 6", "key points".
    pub part: String,
    /// `encoded`, `aside` or `missing`.
    pub status: &'static str,
    /// The titles of the rules that cite it (their names where untitled).
    pub rules: Vec<String>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RuleView {
    pub id: String,
    pub title: Option<String>,
    /// `must`, `should` or `may`: the strongest of its clauses.
    pub modality: &'static str,
    pub cites: Vec<String>,
    pub quotes: Vec<String>,
    pub readings: Vec<String>,
    /// Whether the rule is in force on the check date (and the guidance with it).
    pub in_force: bool,
    /// Councils following the guidance with no finding of the rule.
    pub meet: usize,
    /// Councils with a finding of the rule that stands.
    pub break_it: usize,
    /// Councils whose only findings of the rule are excused by departures.
    pub departed: usize,
    /// The departures' reasons, each with the councils that gave it.
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Reason {
    pub reason: String,
    pub councils: Vec<String>,
}

/// The view of guidance `guidance` over the councils of `report` (the checker's
/// verdicts on them).
pub fn build(report: &Report, guidance: &hir::Guidance, as_of: jiff::civil::Date) -> GuidanceView {
    let id = guidance.name.to_string();
    let checked: Vec<&super::Statement> = report.councils.iter().filter(|c| c.checked).collect();
    let following: Vec<&super::Statement> = checked.iter().copied().filter(|c| c.follows.contains(&id)).collect();
    let in_force = guidance.in_force.contains(as_of);
    let title_of = |rule: &str| {
        guidance
            .rule(rule)
            .and_then(|r| r.title.clone())
            .unwrap_or_else(|| rule.to_string())
    };
    let parts = guidance
        .coverage
        .iter()
        .flat_map(|c| &c.parts)
        .map(|p| PartView {
            part: p.part.shown(),
            status: p.status().as_str(),
            rules: p.rules.iter().map(|r| title_of(r)).collect(),
            reason: p.reason.clone(),
        })
        .collect();
    let rules = guidance
        .rules
        .iter()
        .map(|rule| {
            let code = format!("{id}.{}", rule.name);
            let rule_in_force = in_force && rule.in_force.contains(as_of);
            let (mut meet, mut break_it, mut departed) = (0, 0, 0);
            let mut reasons: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for c in &following {
                let mine: Vec<&super::Finding> = c.findings.iter().filter(|f| f.code == code).collect();
                if mine.iter().any(|f| f.departure.is_none()) {
                    break_it += 1;
                } else if !mine.is_empty() {
                    departed += 1;
                    for f in &mine {
                        if let Some(reason) = &f.departure {
                            let councils = reasons.entry(reason.clone()).or_default();
                            if !councils.contains(&c.name) {
                                councils.push(c.name.clone());
                            }
                        }
                    }
                } else if rule_in_force {
                    meet += 1;
                }
            }
            let mut reasons: Vec<Reason> = reasons
                .into_iter()
                .map(|(reason, councils)| Reason { reason, councils })
                .collect();
            reasons.sort_by(|a, b| b.councils.len().cmp(&a.councils.len()).then(a.reason.cmp(&b.reason)));
            let modality = rule
                .clauses
                .iter()
                .map(|c| c.modality)
                .min_by_key(|m| match m {
                    Modality::Must => 0,
                    Modality::Should => 1,
                    Modality::May => 2,
                })
                .map_or("may", |m| match m {
                    Modality::Must => "must",
                    Modality::Should => "should",
                    Modality::May => "may",
                });
            RuleView {
                id: rule.name.to_string(),
                title: rule.title.clone(),
                modality,
                cites: rule.cites.clone(),
                quotes: rule.quotes.clone(),
                readings: rule.readings.clone(),
                in_force: rule_in_force,
                meet,
                break_it,
                departed,
                reasons,
            }
        })
        .collect();
    GuidanceView {
        version: 1,
        as_of: as_of.to_string(),
        id,
        title: guidance.title.clone(),
        status: status_name(guidance.status),
        about: guidance.doc.clone(),
        in_force,
        councils: checked.len(),
        following: following.len(),
        parts,
        rules,
    }
}

impl GuidanceView {
    fn heading(&self) -> String {
        self.title.clone().unwrap_or_else(|| self.id.clone())
    }

    fn lede(&self) -> String {
        let force = match self.in_force {
            true => "in force",
            false => "not in force",
        };
        format!(
            "{} guidance, {force} on {}. Of the {} councils given, {} follow it; the counts below are the check's \
             findings about them.",
            capitalised(self.status),
            self.as_of,
            self.councils,
            self.following
        )
    }

    fn counts(rule: &RuleView) -> String {
        match rule.in_force {
            true => format!(
                "{} meet it, {} break it, {} have departed from it",
                rule.meet, rule.break_it, rule.departed
            ),
            false => "not in force on the check date".into(),
        }
    }

    /// The view as JSON.
    pub fn to_json(&self) -> String {
        crate::diagnostics::escape::json(self)
    }

    /// The view as Markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            "# {}\n\nAs declared: {}\n\n{}\n",
            escape::markdown(&self.heading()),
            escape::markdown_code(&self.id),
            escape::markdown(&self.lede())
        );
        if let Some(about) = &self.about {
            let _ = write!(out, "\n{}\n", escape::markdown(about));
        }
        if !self.parts.is_empty() {
            out.push_str("\n## The text, part by part\n\n| Part | Accounted for | By |\n|---|---|---|\n");
            for p in &self.parts {
                let by = match (p.status, &p.reason) {
                    ("aside", Some(reason)) => format!("set aside: {}", escape::markdown_message(reason)),
                    ("missing", _) => "**neither encoded nor set aside**".into(),
                    _ => escape::markdown(&p.rules.join("; ")),
                };
                let _ = writeln!(out, "| {} | {} | {by} |", escape::markdown(&p.part), p.status);
            }
        }
        out.push_str("\n## The rules\n");
        for r in &self.rules {
            let _ = write!(
                out,
                "\n### {}\n\nAs declared: {} ({})\n\n**{}.**\n",
                escape::markdown(r.title.as_deref().unwrap_or(&r.id)),
                escape::markdown_code(&r.id),
                r.modality,
                escape::markdown(&Self::counts(r))
            );
            for (i, cite) in r.cites.iter().enumerate() {
                let quote = r
                    .quotes
                    .get(i)
                    .map(|q| format!(": {}", escape::markdown(q)))
                    .unwrap_or_default();
                let _ = write!(out, "\n> {}{quote}\n", escape::markdown(cite));
            }
            for reading in &r.readings {
                let _ = write!(out, "\nHow regard reads it: {}\n", escape::markdown_message(reading));
            }
            for reason in &r.reasons {
                let _ = write!(
                    out,
                    "\n- Departed, {} council{}: “{}” ({})\n",
                    reason.councils.len(),
                    if reason.councils.len() == 1 { "" } else { "s" },
                    escape::markdown(&reason.reason),
                    escape::markdown(&reason.councils.join(", "))
                );
            }
        }
        out
    }

    /// The view as a self-contained HTML page.
    pub fn html(&self) -> String {
        let mut out = String::new();
        let e = |s: &str| super::chart::escape(s);
        html::page_head(&mut out, &self.heading());
        let _ = write!(
            out,
            "<main>\n<section class=\"guidance\" aria-labelledby=\"guidance-h\">\n<h1 id=\"guidance-h\">{}</h1>\n\
             <p class=\"declared\">As declared: <code>{}</code></p>\n<p class=\"lede\">{}</p>\n",
            e(&self.heading()),
            e(&self.id),
            e(&self.lede())
        );
        if let Some(about) = &self.about {
            let _ = writeln!(out, "<p>{}</p>", e(about));
        }
        out.push_str(
            "<h2>The rules over the councils given</h2>\n<table>\n<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Kind</th>\
             <th scope=\"col\" class=\"n\">Meet it</th><th scope=\"col\" class=\"n\">Break it</th><th scope=\"col\" class=\"n\">Departed</th></tr></thead>\n<tbody>\n",
        );
        for r in &self.rules {
            let cells = match r.in_force {
                true => format!(
                    "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
                    r.meet, r.break_it, r.departed
                ),
                false => "<td colspan=\"3\">not in force on the check date</td>".into(),
            };
            let _ = writeln!(
                out,
                "<tr><td><a href=\"#rule-{}\">{}</a></td><td>{}</td>{cells}</tr>",
                e(&r.id),
                e(r.title.as_deref().unwrap_or(&r.id)),
                r.modality
            );
        }
        out.push_str("</tbody>\n</table>\n");
        if !self.parts.is_empty() {
            out.push_str(
                "<h2>The text, part by part</h2>\n<table>\n<thead><tr><th scope=\"col\">Part</th><th scope=\"col\">Accounted for</th>\
                 <th scope=\"col\">By</th></tr></thead>\n<tbody>\n",
            );
            for p in &self.parts {
                let by = match (p.status, &p.reason) {
                    ("aside", Some(reason)) => format!("set aside: {}", html::rich(reason)),
                    ("missing", _) => "<strong class=\"bad\">neither encoded nor set aside</strong>".into(),
                    _ => e(&p.rules.join("; ")),
                };
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{by}</td></tr>",
                    e(&p.part),
                    p.status
                );
            }
            out.push_str("</tbody>\n</table>\n");
        }
        for r in &self.rules {
            let _ = write!(
                out,
                "<section class=\"rule\" id=\"rule-{}\" aria-labelledby=\"rule-{}-h\">\n<h2 id=\"rule-{}-h\">{}</h2>\n\
                 <p class=\"declared\">As declared: <code>{}</code> ({})</p>\n<p><strong>{}.</strong></p>\n",
                e(&r.id),
                e(&r.id),
                e(&r.id),
                e(r.title.as_deref().unwrap_or(&r.id)),
                e(&r.id),
                r.modality,
                e(&Self::counts(r))
            );
            for (i, cite) in r.cites.iter().enumerate() {
                let quote = r.quotes.get(i).map(|q| format!(": {}", e(q))).unwrap_or_default();
                let _ = writeln!(out, "<blockquote>{}{quote}</blockquote>", e(cite));
            }
            for reading in &r.readings {
                let _ = writeln!(out, "<p>How regard reads it: {}</p>", html::rich(reading));
            }
            if !r.reasons.is_empty() {
                out.push_str("<h3>Departures, by reason</h3>\n<ul class=\"departures\">\n");
                for reason in &r.reasons {
                    let _ = writeln!(
                        out,
                        "<li>“{}”: {} council{} ({})</li>",
                        e(&reason.reason),
                        reason.councils.len(),
                        if reason.councils.len() == 1 { "" } else { "s" },
                        e(&reason.councils.join(", "))
                    );
                }
                out.push_str("</ul>\n");
            }
            out.push_str("</section>\n");
        }
        out.push_str("</section>\n</main>\n");
        html::page_foot(
            &mut out,
            &self.as_of,
            "The counts are the findings of `regard check` on the councils given, counted by rule.",
        );
        out
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
