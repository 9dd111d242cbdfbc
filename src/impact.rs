//! `regard impact OLD NEW [PATH]...`: what a new edition would change (language-v2.md
//! 2.14). Every council that follows OLD, explicitly or by default, is checked twice on
//! the check date, once with OLD in effect and once with NEW in its place, and the two
//! sets of findings are compared.
//!
//! Both checks are ordinary checks by the checker: this module computes no verdict of
//! its own, it only matches the findings of the two runs (by rule name, council, file and
//! position) and counts. OLD or NEW may be a file holding one guidance, which then stands
//! in for the workspace's guidance of that id: two versions of one edition compare.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostics::{Code, Counts, Diagnostic, Severity, escape};
use crate::{Input, Options, Session};

/// One side of the comparison: a guidance id of the workspace, or a file holding one
/// guidance that stands in for the workspace's guidance of its id.
pub struct Side {
    /// The guidance id.
    pub id: String,
    /// The file that stands in, if the side was given as a path.
    pub file: Option<Input>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// `appeared`, `disappeared`, `changed`, `stale departure` or `departure loses its rule`.
    pub kind: &'static str,
    /// The code of the finding (`dcs_lmcs_2013.dcs_on_lscb`, `W0207`), as the run that
    /// has it gives it (the new run's where both do).
    pub rule: String,
    /// The file and line the finding points at, and that line's text.
    pub file: String,
    pub line: usize,
    pub subject: String,
    pub before: Option<&'static str>,
    pub after: Option<&'static str>,
    pub message: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CouncilImpact {
    pub id: String,
    pub file: String,
    pub before: Counts,
    pub after: Counts,
    pub changes: Vec<Change>,
}

impl CouncilImpact {
    pub fn newly_fails(&self) -> bool {
        self.before.errors == 0 && self.after.errors > 0
    }

    pub fn newly_passes(&self) -> bool {
        self.before.errors > 0 && self.after.errors == 0
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// Councils that follow OLD (and so were compared).
    pub councils: usize,
    pub changed: usize,
    pub newly_fail: usize,
    pub newly_pass: usize,
    pub change_findings: usize,
    /// Councils that follow neither edition, left out.
    pub left_out: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Impact {
    pub version: u32,
    pub old: String,
    pub new: String,
    pub as_of: String,
    /// "NEW is not in force on DATE: showing what would change if it were", when the
    /// check date is before NEW's `in_force` date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Every compared council whose findings change, in file order.
    pub councils: Vec<CouncilImpact>,
    pub summary: Summary,
}

impl Summary {
    /// "14 of 153 councils change verdict: 3 newly fail, 2 newly pass, 9 change findings".
    pub fn line(&self) -> String {
        let mut line = format!(
            "{} of {} councils change verdict: {} newly fail, {} newly pass, {} change findings",
            self.changed, self.councils, self.newly_fail, self.newly_pass, self.change_findings
        );
        if self.left_out > 0 {
            line.push_str(&format!("; {} follow neither and are left out", self.left_out));
        }
        line
    }
}

/// A session over `inputs` with `side`'s file standing in for its guidance: the
/// standard library's file of that id is left out, and so is a user file that declares
/// that guidance and nothing else. A user file declaring it among other things cannot be
/// left out, and is an error.
fn session_for(side: &Side, inputs: &[Input], options: Options) -> Result<Session, String> {
    let mut inputs: Vec<Input> = inputs.to_vec();
    let mut skip = None;
    if let Some(file) = &side.file {
        let declares = |input: &Input| {
            let parsed = crate::syntax::parse(input.contents.text());
            let items = &parsed.file.items;
            let ours = items
                .iter()
                .any(|i| matches!(i, crate::syntax::ast::Item::Guidance(g) if g.name.text == side.id));
            (ours, items.len())
        };
        let mut kept = Vec::new();
        for input in inputs {
            match declares(&input) {
                (true, 1) => {}
                (true, _) => {
                    return Err(format!(
                        "`{}` declares `{}` among other things, so `{}` cannot stand in for it",
                        input.path, side.id, file.path
                    ));
                }
                (false, _) => kept.push(input),
            }
        }
        inputs = kept;
        inputs.push(file.clone());
        skip = Some(side.id.as_str());
    }
    Ok(Session::new_without(
        crate::db::Database::default(),
        inputs,
        options,
        skip,
    ))
}

/// Why a comparison cannot be made: the errors in an edition's own file (a name that
/// does not resolve, say), as the checker renders them. Leaving them out would drop the
/// rules they are in from the comparison without a word (language-v3 3.8).
fn edition_errors(session: &Session, diagnostics: &[Diagnostic], side: &Side, which: &str) -> Result<(), String> {
    let Some(file) = session.guidance().iter().find(|g| g.name == side.id).map(|g| g.file) else {
        return Ok(());
    };
    let errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.file == file && d.severity == Severity::Error && matches!(d.code, Code::Builtin(_)))
        .cloned()
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    let rendered = session.render(crate::Format::Human, &errors, false);
    Err(format!(
        "{which} (`{}`) has errors, and the comparison would leave out what they drop; correct them first (a name declared in another file needs that file among the paths):\n{rendered}",
        side.id
    ))
}

/// "NEW is not in force on DATE: ...", when `as_of` is before NEW's `in_force` date.
fn not_in_force_note(session: &Session, new: &Side, as_of: jiff::civil::Date) -> Option<String> {
    let g = session.guidance().into_iter().find(|g| g.name == new.id)?;
    let from = g.in_force.from?;
    (as_of < from).then(|| {
        format!(
            "`{}` is not in force on {as_of}: showing what would change if it were",
            new.id
        )
    })
}

/// A finding as the comparison sees it: where it points and what it says.
struct Seen {
    key: (String, String, u32),
    code: String,
    /// A W0207 that says the departure's rule is in no guidance the council follows.
    loses_its_rule: bool,
    severity: Severity,
    message: String,
    file: String,
    council: String,
    start: u32,
}

/// The findings of one run, keyed so that the two runs can be matched: a finding of
/// the edition compared (`edition`, OLD in the first run and NEW in the second) by its
/// rule's short name, so that a rule and its namesake in the other edition match; any
/// other rule's by its full id, so that another followed guidance's rule of the same
/// short name is never taken for the edition's (language-v3 3.8).
fn seen(session: &Session, diagnostics: &[Diagnostic], edition: &str) -> Vec<Seen> {
    diagnostics
        .iter()
        .filter_map(|d| {
            let council = d.council.clone()?;
            let rule = match &d.code {
                Code::Rule { guidance, rule } if guidance == edition => format!("<edition>.{rule}"),
                Code::Rule { guidance, rule } => format!("{guidance}.{rule}"),
                Code::Builtin(b) => b.as_str().to_string(),
            };
            let file = d.file.path(&session.db).clone();
            let loses_its_rule = d.code == Code::Builtin(crate::diagnostics::Builtin::W0207)
                && d.notes.iter().any(|n| n.starts_with(crate::messages::UNFOLLOWED));
            Some(Seen {
                key: (rule, file.clone(), d.span.start),
                code: d.code.to_string(),
                loses_its_rule,
                severity: d.severity,
                message: d.message.clone(),
                file,
                council,
                start: d.span.start,
            })
        })
        .collect()
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
        Severity::Note => "note",
    }
}

/// Compares the councils that follow `old` under `old` and under `new`.
pub fn run(old: &Side, new: &Side, inputs: &[Input], options: Options) -> Result<Impact, String> {
    let mut before = session_for(old, inputs, options)?;
    // For the run with NEW, OLD's file (if it was a path) is not loaded: NEW stands in.
    let mut after = session_for(new, inputs, options)?;
    for (session, side) in [(&before, old), (&after, new)] {
        if !session.guidance().iter().any(|g| g.name == side.id) {
            return Err(format!("no guidance `{}` is declared in the files given", side.id));
        }
    }
    // Each run puts its edition where the other stands: councils that follow NEW (or
    // would by default: a draft without `in_force` that replaces OLD) are compared as
    // following OLD, and councils that follow OLD follow NEW in the second run.
    if old.id != new.id {
        before.follow_instead(&new.id, &old.id);
        after.follow_instead(&old.id, &new.id);
    }
    let before_diagnostics = before.diagnostics();
    let mut after_diagnostics = after.diagnostics();
    edition_errors(&before, &before_diagnostics, old, "OLD")?;
    edition_errors(&after, &after_diagnostics, new, "NEW")?;
    let note = not_in_force_note(&after, new, options.as_of);

    // The councils that follow OLD, in file order, with their files.
    let mut compared: Vec<(String, String)> = Vec::new();
    let mut left_out = 0;
    for file in before.user_files() {
        for council in &crate::db::lower_councils(&before.db, before.workspace, file).councils {
            match council.follows.iter().any(|f| f.guidance == old.id) {
                true => compared.push((council.name.to_string(), file.path(&before.db).clone())),
                false => left_out += 1,
            }
        }
    }

    // Before NEW's date the note at the top says so once; NEW's W0209 on every council
    // that follows it would say it again.
    if note.is_some() {
        let named = format!("`{}`", new.id);
        after_diagnostics
            .retain(|d| !(d.code == Code::Builtin(crate::diagnostics::Builtin::W0209) && d.message.contains(&named)));
    }
    let (a, b) = (
        seen(&before, &before_diagnostics, &old.id),
        seen(&after, &after_diagnostics, &new.id),
    );
    let text_of: BTreeMap<&str, &str> = inputs.iter().map(|i| (i.path.as_str(), i.contents.text())).collect();
    let line_of = |file: &str, start: u32| -> (usize, String) {
        let text = text_of.get(file).copied().unwrap_or_default();
        let start = (start as usize).min(text.len());
        let line = text[..start].matches('\n').count() + 1;
        let from = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let to = text[start..].find('\n').map_or(text.len(), |i| start + i);
        (line, text[from..to].trim().to_string())
    };

    let mut councils = Vec::new();
    for (id, file) in &compared {
        let mine = |all: &[Seen]| -> Vec<usize> { (0..all.len()).filter(|&i| all[i].council == *id).collect() };
        let (ai, bi) = (mine(&a), mine(&b));
        let counts = |all: &[Seen], idx: &[usize]| Counts::of_severities(idx.iter().map(|&i| all[i].severity));
        let mut changes = Vec::new();
        for &i in &ai {
            let x = &a[i];
            match bi.iter().find(|&&j| b[j].key == x.key) {
                Some(&j) if b[j].severity != x.severity => {
                    let (line, subject) = line_of(&x.file, x.start);
                    changes.push(Change {
                        kind: "changed",
                        rule: b[j].code.clone(),
                        file: x.file.clone(),
                        line,
                        subject,
                        before: Some(severity_name(x.severity)),
                        after: Some(severity_name(b[j].severity)),
                        message: b[j].message.clone(),
                    });
                }
                Some(_) => {}
                None => {
                    let (line, subject) = line_of(&x.file, x.start);
                    changes.push(Change {
                        kind: "disappeared",
                        rule: x.code.clone(),
                        file: x.file.clone(),
                        line,
                        subject,
                        before: Some(severity_name(x.severity)),
                        after: None,
                        message: x.message.clone(),
                    });
                }
            }
        }
        for &j in &bi {
            let y = &b[j];
            if ai.iter().any(|&i| a[i].key == y.key) {
                continue;
            }
            let (line, subject) = line_of(&y.file, y.start);
            let on_depart = subject.starts_with("depart");
            let kind = match (on_depart, y.code.as_str()) {
                (true, "W0207") if y.loses_its_rule => "departure loses its rule",
                (true, "W0207") => "stale departure",
                (true, "E0101") => "departure loses its rule",
                _ => "appeared",
            };
            changes.push(Change {
                kind,
                rule: y.code.clone(),
                file: y.file.clone(),
                line,
                subject,
                before: None,
                after: Some(severity_name(y.severity)),
                message: y.message.clone(),
            });
        }
        if changes.is_empty() {
            continue;
        }
        changes.sort_by(|x, y| (x.line, &x.rule).cmp(&(y.line, &y.rule)));
        councils.push(CouncilImpact {
            id: id.clone(),
            file: file.clone(),
            before: counts(&a, &ai),
            after: counts(&b, &bi),
            changes,
        });
    }
    let newly_fail = councils.iter().filter(|c| c.newly_fails()).count();
    let newly_pass = councils.iter().filter(|c| c.newly_passes()).count();
    let summary = Summary {
        councils: compared.len(),
        changed: councils.len(),
        newly_fail,
        newly_pass,
        change_findings: councils.len() - newly_fail - newly_pass,
        left_out,
    };
    Ok(Impact {
        version: 1,
        old: old.file.as_ref().map_or(old.id.clone(), |f| f.path.clone()),
        new: new.file.as_ref().map_or(new.id.clone(), |f| f.path.clone()),
        as_of: options.as_of.to_string(),
        note,
        councils,
        summary,
    })
}

fn verdict(c: &CouncilImpact) -> &'static str {
    match (c.newly_fails(), c.newly_passes()) {
        (true, _) => "newly fails",
        (_, true) => "newly passes",
        _ => "findings change",
    }
}

fn sign(kind: &str) -> char {
    match kind {
        "disappeared" => '-',
        "changed" => '~',
        _ => '+',
    }
}

/// For a terminal: each council that changes, with its lines, then the summary.
pub fn human(impact: &Impact) -> String {
    let mut out = String::new();
    if let Some(note) = &impact.note {
        out.push_str(&format!("{}\n", escape::for_terminal(note)));
    }
    out.push_str(&format!(
        "impact of `{}` in place of `{}`, checked on {}\n",
        escape::for_terminal(&impact.new),
        escape::for_terminal(&impact.old),
        impact.as_of
    ));
    for c in &impact.councils {
        out.push_str(&format!(
            "\ncouncil `{}` ({}): {}\n",
            c.id,
            escape::for_terminal(&c.file),
            verdict(c)
        ));
        for ch in &c.changes {
            let severities = match (ch.before, ch.after) {
                (Some(b), Some(a)) => format!("{b} -> {a}"),
                (Some(b), None) => b.to_string(),
                (None, Some(a)) => a.to_string(),
                (None, None) => String::new(),
            };
            out.push_str(&format!(
                "  {} {} {} ({}): {}\n      {}:{} | {}\n",
                sign(ch.kind),
                ch.kind,
                ch.rule,
                severities,
                escape::for_terminal(&ch.message),
                escape::for_terminal(&ch.file),
                ch.line,
                escape::for_terminal(&ch.subject)
            ));
        }
    }
    out.push('\n');
    out.push_str(&impact.summary.line());
    out.push('\n');
    out
}

/// As Markdown, for a drafter's paper: a table of changes per council.
pub fn markdown(impact: &Impact) -> String {
    let mut out = format!(
        "# Impact of {} in place of {}\n\n",
        escape::markdown_code(&impact.new),
        escape::markdown_code(&impact.old),
    );
    if let Some(note) = &impact.note {
        out.push_str(&format!("{}.\n\n", escape::markdown(note)));
    }
    out.push_str(&format!(
        "Checked on {}. {}.\n",
        impact.as_of,
        escape::markdown(&impact.summary.line())
    ));
    for c in &impact.councils {
        out.push_str(&format!(
            "\n## {} ({})\n\n{}.\n\n| change | rule | line | finding |\n|---|---|---|---|\n",
            escape::markdown_code(&c.id),
            escape::markdown_code(&c.file),
            verdict(c)
        ));
        for ch in &c.changes {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                ch.kind,
                escape::markdown_code(&ch.rule),
                ch.line,
                escape::markdown(&ch.message).replace('|', "\\|")
            ));
        }
    }
    out
}

/// As JSON, version 1 (docs/schema/impact.schema.json).
pub fn json(impact: &Impact) -> String {
    let mut text = crate::diagnostics::escape::json(impact);
    text.push('\n');
    text
}

/// `regard impact OLD NEW --symbolic`: beyond the councils on disk, a smallest council of
/// the bound whose verdict differs between OLD and NEW, confirmed by the ordinary checker
/// (the council is checked once following OLD, once following NEW, and its verdicts must
/// differ), or none within the bound.
#[derive(Clone, Debug, Serialize)]
pub struct Symbolic {
    pub version: u32,
    pub old: String,
    pub new: String,
    pub as_of: String,
    pub posts: usize,
    pub records: usize,
    /// The council, as regard source (following OLD; NEW's run reads it following NEW).
    /// OLD and NEW are the guidance ids, with the file where a file stands in.
    pub council: Option<String>,
    pub before: Option<Checked>,
    pub after: Option<Checked>,
}

/// What the checker says of the council under one edition.
#[derive(Clone, Debug, Serialize)]
pub struct Checked {
    pub verdict: &'static str,
    pub findings: Vec<String>,
}

pub fn symbolic(
    old: &Side,
    new: &Side,
    inputs: &[Input],
    options: Options,
    posts: Option<usize>,
) -> Result<Symbolic, String> {
    let mut before = session_for(old, inputs, options)?;
    let mut after = session_for(new, inputs, options)?;
    let as_of = options.as_of;
    let find = |session: &Session, id: &str| -> Result<crate::hir::Guidance, String> {
        session
            .guidance()
            .into_iter()
            .find(|g| g.name == id)
            .cloned()
            .ok_or_else(|| format!("no guidance `{id}` is declared in the files given"))
    };
    let (g_old, g_new) = (find(&before, &old.id)?, find(&after, &new.id)?);
    let found = before.diagnostics();
    edition_errors(&before, &found, old, "OLD")?;
    let found = after.diagnostics();
    edition_errors(&after, &found, new, "NEW")?;
    let defs = before.workspace.defs(&before.db);
    let both = crate::symbolic::clauses(&[&g_old, &g_new], as_of);
    let bounds = posts.map(|n| {
        let mut b = crate::symbolic::default_bounds(&both);
        b.posts = n;
        b
    });
    let checked = bounds.unwrap_or_else(|| crate::symbolic::default_bounds(&both));
    if let Some(message) = crate::symbolic::bounds_error(defs, &both, checked, as_of) {
        return Err(message);
    }
    // The facts of law in force, unless one of them is what is compared.
    let all = before.guidance();
    let law = crate::symbolic::law_in_force(defs, &all, as_of, &[&g_old.name, &g_new.name]);
    let (bounds, council) = crate::symbolic::verdict_changes(defs, &g_old, &g_new, &law, bounds, as_of, &old.id);
    let label = |side: &Side| match &side.file {
        Some(file) => format!("{} ({})", side.id, file.path),
        None => side.id.clone(),
    };
    let mut result = Symbolic {
        version: 1,
        old: label(old),
        new: label(new),
        as_of: as_of.to_string(),
        posts: bounds.posts,
        records: bounds.records,
        council: None,
        before: None,
        after: None,
    };
    let Some(source) = council else { return Ok(result) };
    // The ordinary checker, on the council following each edition.
    const PATH: &str = "<example>.regard";
    let check = |side: &Side, text: String| -> Result<Checked, String> {
        let mut with = inputs.to_vec();
        with.push(Input::text(PATH, text));
        let mut session = session_for(side, &with, options)?;
        let found: Vec<Diagnostic> = session
            .diagnostics()
            .into_iter()
            .filter(|d| d.file.path(&session.db) == PATH)
            .collect();
        let counts = Counts::of_severities(found.iter().map(|d| d.severity));
        Ok(Checked {
            verdict: counts.outcome().describe(),
            findings: found
                .iter()
                .map(|d| format!("{} {}: {}", d.severity.as_str(), d.code, d.message))
                .collect(),
        })
    };
    let following_new = source.replacen(&format!("follows {}", old.id), &format!("follows {}", new.id), 1);
    let (b, a) = (check(old, source.clone())?, check(new, following_new)?);
    if b.verdict == a.verdict {
        return Err(format!(
            "bug: the analysis found a council whose verdict changes from `{}` to `{}`, but the checker gives it the same verdict ({}) under both; please report it:\n{source}",
            old.id, new.id, b.verdict
        ));
    }
    result.council = Some(source);
    result.before = Some(b);
    result.after = Some(a);
    Ok(result)
}

/// The symbolic impact for a terminal.
pub fn symbolic_human(s: &Symbolic) -> String {
    let bound = format!("up to {} posts and {} assurance records", s.posts, s.records);
    match (&s.council, &s.before, &s.after) {
        (Some(council), Some(b), Some(a)) => {
            let mut out = format!(
                "a council of {bound} whose verdict changes from `{}` to `{}` (checked by `regard check` on {}):\n\n{council}\nwith `{}`: {}\n",
                s.old, s.new, s.as_of, s.old, b.verdict
            );
            for f in &b.findings {
                out.push_str(&format!("  {}\n", escape::for_terminal(f)));
            }
            out.push_str(&format!("with `{}`: {}\n", s.new, a.verdict));
            for f in &a.findings {
                out.push_str(&format!("  {}\n", escape::for_terminal(f)));
            }
            out
        }
        _ => format!(
            "no council of {bound} has a different verdict under `{}` and `{}` on {}\n",
            s.old, s.new, s.as_of
        ),
    }
}

/// The symbolic impact as JSON (version 1).
pub fn symbolic_json(s: &Symbolic) -> String {
    crate::diagnostics::escape::json(s) + "\n"
}
