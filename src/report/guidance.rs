//! `regard report --guidance ID`: one guidance over many councils, for a drafter showing a
//! minister what an edition asks and where the country stands, and for an inspector before
//! a visit. Every part of the text the guidance declares (`paragraphs`) with the rules
//! that encode it or the reason it was set aside (the table lowering computed), and for
//! each rule how many of the councils given meet it, break it or have departed from it,
//! with their reasons grouped. The counts are the checker's findings, counted: a council
//! breaks a rule when the check reported a finding of the rule about it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Report, status_name};
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
    /// Its `reading` lines: how regard reads the guidance as a whole.
    pub readings: Vec<String>,
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
        readings: guidance.readings.clone(),
        in_force,
        councils: checked.len(),
        following: following.len(),
        parts,
        rules,
    }
}

impl GuidanceView {
    pub(super) fn lede(&self) -> String {
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

    pub(super) fn counts(rule: &RuleView) -> String {
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
        super::markdown::guidance(self)
    }

    /// The view as a self-contained HTML page.
    pub fn html(&self) -> String {
        super::html::guidance(self)
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
