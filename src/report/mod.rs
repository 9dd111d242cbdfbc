//! `regard report` and `regard graph`: what a monitoring officer, a scrutiny committee or
//! an inspector reads instead of declaration files. The guidance asks councils to be open
//! about who holds the statutory roles and to assure themselves that their arrangements
//! work (paras 13-16 of the 2013 guidance); a statement per council says exactly that.
//!
//! This module builds the [`Report`]: one [`Statement`] per council declaration, from the
//! declarations as written and the checker's diagnostics, and a national overview when
//! there are several. A report never judges: every verdict, mark and problem it shows is
//! a diagnostic of the checker (with its departure, if one excuses it), found by where it
//! points; what the report adds is the declarations themselves and the words for people
//! (titles for names, advice for syntax). It is plain data (serialised as the JSON
//! format); the renderers are `markdown.rs`, `html.rs`, `chart.rs` (SVG and DOT) and
//! `guidance.rs` (one guidance over many councils).

pub mod chart;
pub mod guidance;
pub mod html;
pub mod markdown;
mod words;

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;
use serde::Serialize;

use crate::Session;
use crate::db::{self, SourceFile};
use crate::diagnostics::lines::Lines;
use crate::diagnostics::{Counts, Diagnostic, Severity};
use crate::hir::{self, Council, DefKind, DefMap, TargetRef};
use crate::syntax::Span;
use crate::syntax::ast::{CouncilDecl, Item, PostKind, Status};

pub use crate::stdlib::report::STATUTORY_ROLES;
use crate::stdlib::report::{REPORTING_LINES, STANDS_IN_FOR};
pub use words::Names;

/// The version of the JSON format of `regard report --format json`.
pub const VERSION: u32 = 2;

/// Everything `regard report` says: an overview and a statement per council.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub version: u32,
    /// The date the arrangements were checked on (YYYY-MM-DD).
    pub as_of: String,
    pub overview: Overview,
    pub councils: Vec<Statement>,
    /// Findings in the files given that are about no council's declaration: a file with
    /// no council that could be read, or an error in a file of guidance or vocabulary.
    pub other_findings: Vec<Finding>,
    /// The guidance the findings come from, with whether it is statutory or advisory.
    pub guidance: Vec<GuidanceEntry>,
}

impl Report {
    /// The councils, those with errors first (most errors first), then those with
    /// warnings, then the rest, each group by name.
    pub fn by_verdict(&self) -> Vec<&Statement> {
        let mut councils: Vec<&Statement> = self.councils.iter().collect();
        councils.sort_by(|a, b| {
            a.verdict
                .outcome
                .cmp(&b.verdict.outcome)
                .then(b.verdict.errors.cmp(&a.verdict.errors))
                .then(b.verdict.warnings.cmp(&a.verdict.warnings))
                .then(a.name.cmp(&b.name))
        });
        councils
    }

    /// The sentence under the report saying where the findings come from.
    pub fn sources(&self) -> String {
        let list = |status: &str| -> Vec<String> {
            self.guidance
                .iter()
                .filter(|g| g.status == status)
                .map(|g| g.title.clone().unwrap_or_else(|| g.id.clone()))
                .collect()
        };
        let (statutory, advisory) = (list("statutory"), list("advisory"));
        let mut out = Vec::new();
        if !statutory.is_empty() {
            out.push(format!(
                "Findings of rules cite statutory guidance, to which the council must have regard: {}.",
                statutory.join("; ")
            ));
        }
        if !advisory.is_empty() {
            out.push(format!(
                "Findings of advisory guidance are good practice, not statutory duties: {}.",
                advisory.join("; ")
            ));
        }
        if self
            .councils
            .iter()
            .any(|c| c.findings.iter().any(|f| f.rule_title.is_none()))
        {
            out.push("Other findings are about the declaration files themselves.".into());
        }
        out.join(" ")
    }
}

/// A guidance whose rules the report's councils were checked against.
#[derive(Clone, Debug, Serialize)]
pub struct GuidanceEntry {
    pub id: String,
    pub title: Option<String>,
    /// `statutory` or `advisory`.
    pub status: &'static str,
}

/// The national picture: how many councils have errors, warnings and departures, and
/// the problems most councils share.
#[derive(Clone, Debug, Serialize)]
pub struct Overview {
    pub councils: usize,
    pub with_errors: usize,
    /// Councils with warnings and no error.
    pub with_warnings: usize,
    /// Councils with no error and no warning.
    pub meeting_the_guidance: usize,
    pub with_departures: usize,
    /// The most common problems, by the number of councils that have them (at most ten).
    pub common_problems: Vec<CommonProblem>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CommonProblem {
    pub code: String,
    pub severity: &'static str,
    /// The rule's title, for a rule of the guidance; the code's, for a built-in code.
    pub title: Option<String>,
    pub councils: usize,
    pub occurrences: usize,
}

/// A name as declared and the title it was declared with.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    pub title: Option<String>,
}

impl Named {
    /// What people read: the title, or the name where there is none.
    pub fn label(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }
}

/// One council's transparency statement.
#[derive(Clone, Debug, Serialize)]
pub struct Statement {
    pub id: String,
    pub name: String,
    pub file: String,
    /// Whether the declaration was checked against the guidance: `false` for a second
    /// council of the same name (E0103), shown with the findings about it.
    pub checked: bool,
    pub verdict: Verdict,
    /// The guidance the council follows (ids).
    pub follows: Vec<String>,
    /// The council's properties (`is committee_system`).
    pub properties: Vec<Named>,
    /// DCS, LMCS, Chief Executive and Leader (and an elected Mayor, where there is one),
    /// with the posts that hold them.
    pub statutory_roles: Vec<RoleHolders>,
    /// The reporting lines of the posts holding the DCS and the LMCS, as declared, with
    /// the checker's findings about them.
    pub reporting_lines: Vec<ReportingLine>,
    pub boards: Vec<Board>,
    /// Posts that hold more than one role, with the records that cover them and the
    /// findings about them.
    pub combined_roles: Vec<CombinedPost>,
    /// Every assurance record the council declares.
    pub assurance: Vec<AssuranceEntry>,
    pub departures: Vec<DepartureEntry>,
    pub posts: Vec<PostEntry>,
    /// Every diagnostic of the check about this council (and any error in its file that
    /// is outside every council), numbered from 1 in the checker's order.
    pub findings: Vec<Finding>,
}

pub use crate::diagnostics::Outcome;

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Verdict {
    pub outcome: Outcome,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings excused by a recorded departure.
    pub departed: usize,
    /// The recorded departures that excuse at least one finding.
    pub departures_used: usize,
}

impl Verdict {
    fn of(findings: &[Finding], departures: &[DepartureEntry]) -> Verdict {
        let counts = Counts::of_severities(findings.iter().map(|f| f.severity_level));
        Verdict {
            outcome: counts.outcome(),
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
            departed: findings.iter().filter(|f| f.departure.is_some()).count(),
            departures_used: departures.iter().filter(|d| !d.excuses.is_empty()).count(),
        }
    }

    /// "meets the guidance, with 2 recorded departures"; the outcome alone otherwise.
    pub fn describe(&self) -> String {
        match (self.outcome, self.departures_used) {
            (Outcome::MeetsTheGuidance, 0) | (Outcome::Errors | Outcome::Warnings, _) => {
                self.outcome.describe().to_string()
            }
            (Outcome::MeetsTheGuidance, 1) => "meets the guidance, with 1 recorded departure".into(),
            (Outcome::MeetsTheGuidance, n) => format!("meets the guidance, with {n} recorded departures"),
        }
    }

    /// "2 errors, 6 warnings, 1 departed", or "no problems".
    pub fn counts(&self) -> String {
        crate::diagnostics::count_phrase(&[
            (self.errors, "error", "errors"),
            (self.warnings, "warning", "warnings"),
            (self.infos, "info", "infos"),
            (self.departed, "departed", "departed"),
        ])
        .unwrap_or_else(|| "no problems".into())
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct RoleHolders {
    pub role: Named,
    pub holders: Vec<Holder>,
    /// Findings about the council (not one post) of rules about this role: "no post
    /// holds the role" is the checker's, not the report's.
    pub findings: Vec<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Holder {
    pub post: Named,
    /// The person, where the council names them.
    pub holder: Option<String>,
    /// `officer` or `member`.
    pub kind: &'static str,
    /// The post holds the role on an interim basis (`holds DCS interim`).
    pub interim: bool,
    /// The post is vacant: it holds the role for no rule.
    pub vacant: bool,
    pub shared_with: Vec<Named>,
    /// The post's other roles.
    pub other_roles: Vec<Named>,
}

impl Holder {
    /// "interim", "vacant", both, or "substantive" for a permanent holding.
    pub fn basis(&self) -> &'static str {
        basis(self.vacant, self.interim)
    }
}

fn basis(vacant: bool, interim: bool) -> &'static str {
    match (vacant, interim) {
        (true, true) => "vacant (interim)",
        (true, false) => "vacant",
        (false, true) => "interim",
        (false, false) => "substantive",
    }
}

/// What the checker said about a line: nothing, a finding, or only findings the council
/// has departed from.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    NoFinding,
    Finding,
    Departed,
}

impl Mark {
    fn of(findings: &[usize], departed: &[usize]) -> Mark {
        match (findings.is_empty(), departed.is_empty()) {
            (false, _) => Mark::Finding,
            (true, false) => Mark::Departed,
            (true, true) => Mark::NoFinding,
        }
    }
}

/// A post holding the DCS or the LMCS, the posts it reports to as the council declared
/// them, and the checker's findings about its reporting.
#[derive(Clone, Debug, Serialize)]
pub struct ReportingLine {
    pub role: Named,
    pub post: Named,
    /// The post is vacant.
    pub vacant: bool,
    /// The posts named in its `reports_to` lines, in order.
    pub reports_to: Vec<Named>,
    pub mark: Mark,
    /// Numbers of the findings (not departed) of rules about reporting at this post.
    pub findings: Vec<usize>,
    /// Numbers of such findings excused by a departure.
    pub departed: Vec<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Board {
    pub body: Named,
    pub members: Vec<Membership>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Membership {
    pub post: Named,
    /// The relation as the vocabulary words it ("is a member of", "chairs").
    pub relation: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CombinedPost {
    pub post: Named,
    pub roles: Vec<Named>,
    /// The assurance records that cover the post.
    pub records: Vec<Named>,
    pub mark: Mark,
    /// Numbers of the findings (not departed) about the post.
    pub findings: Vec<usize>,
    pub departed: Vec<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AssuranceEntry {
    pub record: Named,
    pub by: Option<String>,
    pub dated: Option<String>,
    /// Whole days from `dated` to the check date (negative when dated later).
    pub age_days: Option<i64>,
    /// The age in words: "1 year 3 months", "12 days".
    pub age: Option<String>,
    /// The posts it covers; none for a review of the arrangements as a whole.
    pub covers: Vec<Named>,
    pub addresses: Vec<Named>,
    /// Numbers of the findings that point into the record.
    pub findings: Vec<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DepartureEntry {
    /// `guidance.rule`.
    pub rule: String,
    pub rule_title: Option<String>,
    pub post: Option<Named>,
    pub reason: String,
    /// Numbers of the findings it excuses.
    pub excuses: Vec<usize>,
}

/// A post as the organisation chart draws it.
#[derive(Clone, Debug, Serialize)]
pub struct PostEntry {
    pub id: String,
    pub title: Option<String>,
    pub kind: &'static str,
    pub holder: Option<String>,
    /// The roles its `holds` lines name (ids).
    pub roles: Vec<String>,
    /// The same roles by their titles, "(interim)" after a role held on an interim basis.
    pub roles_shown: Vec<String>,
    /// The roles of `roles` the post holds on an interim basis.
    pub interim_roles: Vec<String>,
    /// The post is vacant (`is vacant`).
    pub vacant: bool,
    pub flags: Vec<String>,
    pub shared_with: Vec<Named>,
    /// The posts it reports to (ids), in the order its lines name them.
    pub reports_to: Vec<String>,
    /// Numbers of the findings (not departed) that point into the post's declaration.
    pub findings: Vec<usize>,
    /// Numbers of such findings the council has departed from.
    pub departed: Vec<usize>,
}

impl PostEntry {
    pub fn is_statutory(&self) -> bool {
        self.roles.iter().any(|r| STATUTORY_ROLES.contains(&r.as_str()))
    }

    pub fn is_combined(&self) -> bool {
        self.roles.len() > 1
    }

    pub fn label(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// Its number in the council's statement, from 1.
    pub number: usize,
    pub code: String,
    /// The rule's title (for a rule of guidance), or the code's.
    pub rule_title: Option<String>,
    /// `statutory` or `advisory`, for a rule of guidance.
    pub guidance_status: Option<&'static str>,
    pub severity: &'static str,
    #[serde(skip)]
    pub severity_level: Severity,
    /// The checker's message, names as declared.
    pub message: String,
    /// The same message for people: declared names replaced by their titles.
    pub said: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The paragraphs of the guidance it comes from, with their words.
    pub citations: Vec<String>,
    /// The checker's help, in regard's syntax.
    pub help: Option<String>,
    /// What to do, in words: the help without syntax.
    pub advice: Option<String>,
    /// The council's reason, when the finding is excused by a departure.
    pub departure: Option<String>,
}

impl Finding {
    /// "dashboard.regard:4:9", where the declaration is.
    pub fn place(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }
}

/// What the report needs to know of each rule of the workspace, by code
/// (`guidance.rule`).
#[derive(Clone, Debug)]
pub struct RuleInfo {
    pub title: Option<String>,
    pub status: Status,
    /// A clause of the rule speaks of `reports_to`.
    pub reporting: bool,
    /// The roles its clauses select (`must one DCS` selects `DCS`).
    pub roles: Vec<String>,
}

/// Every rule of the workspace's guidance, by code.
pub fn rule_info(guidance: &[&hir::Guidance]) -> HashMap<String, RuleInfo> {
    let relation = crate::check::reporting::REPORTING_RELATION;
    guidance
        .iter()
        .flat_map(|g| {
            g.rules.iter().map(move |r| {
                let roles = r
                    .clauses
                    .iter()
                    .filter_map(|c| match &c.selector {
                        hir::Selector::Role(role) => Some(role.to_string()),
                        _ => None,
                    })
                    .collect();
                let info = RuleInfo {
                    title: r.title.clone(),
                    status: g.status,
                    reporting: r.mentions_relation(relation),
                    roles,
                };
                (format!("{}.{}", g.name, r.name), info)
            })
        })
        .collect()
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Statutory => "statutory",
        Status::Advisory => "advisory",
    }
}

/// Builds the report of every council in the session (or of `only`), checking it first.
/// `Err` names a council that is not there, with a suggestion.
pub fn build(session: &mut Session, only: Option<&str>) -> Result<Report, String> {
    let all_guidance = session.guidance();
    let rules = rule_info(&all_guidance);
    let guidance_titles: Vec<(String, Option<String>, Status)> = all_guidance
        .iter()
        .map(|g| (g.name.to_string(), g.title.clone(), g.status))
        .collect();
    let user_files: HashSet<SourceFile> = session.user_files().into_iter().collect();
    let ws = session.workspace;
    // Statements are built as each batch of files is checked, while the files' lowered
    // councils are still in the database.
    let per_file = session.map_checked(|db, file, found| {
        if !user_files.contains(&file) {
            return (Vec::new(), Vec::new());
        }
        let parsed = db::parse(db, file);
        let lines = Lines::new(file.text(db));
        let defs = ws.defs(db);
        let cx = Context {
            db,
            defs,
            rules: &rules,
            as_of: ws.as_of(db),
            file,
            lines: &lines,
        };
        let decls: Vec<(usize, &CouncilDecl)> = parsed
            .file
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item {
                Item::Council(c) => Some((i, c)),
                _ => None,
            })
            .collect();
        // Each finding goes to the council whose declaration it points into, else to the
        // council it names, else to every council of the file (an error in the file
        // outside them all). Declarations are in order, so a binary search finds each.
        let mut own: Vec<Vec<usize>> = vec![Vec::new(); decls.len()];
        let mut general: Vec<usize> = Vec::new();
        for (j, d) in found.iter().enumerate() {
            let at = decls.partition_point(|(_, c)| c.span.start <= d.span.start);
            let inside = at
                .checked_sub(1)
                .filter(|&k| d.file == file && d.span.start < decls[k].1.span.end);
            let named = || {
                let name = d.council.as_deref()?;
                decls
                    .iter()
                    .position(|(i, c)| c.name.text == name && defs.is_first(file, *i as u32))
            };
            match inside.or_else(named) {
                Some(k) => {
                    own[k].push(j);
                    // A finding that labels another council of the file is about it too:
                    // "first declared here" on the council whose name is repeated.
                    for label in d.labels.iter().filter(|l| l.file == file) {
                        let at = decls.partition_point(|(_, c)| c.span.start <= label.span.start);
                        if let Some(other) = at
                            .checked_sub(1)
                            .filter(|&o| o != k && label.span.start < decls[o].1.span.end)
                        {
                            own[other].push(j);
                        }
                    }
                }
                None => general.push(j),
            }
        }
        let lowered: HashMap<&str, &Council> = db::lower_councils(db, ws, file)
            .councils
            .iter()
            .map(|c| (c.name.as_str(), c))
            .collect();
        let statements = decls
            .iter()
            .enumerate()
            .filter(|(_, (_, decl))| only.is_none_or(|id| id == decl.name.text.as_str()))
            .map(|(k, (i, decl))| {
                let mut places: Vec<usize> = general.iter().chain(&own[k]).copied().collect();
                places.sort_unstable();
                places.dedup();
                let mine: Vec<&Diagnostic> = places.into_iter().map(|j| &found[j]).collect();
                match lowered.get(decl.name.text.as_str()) {
                    Some(council) if defs.is_first(file, *i as u32) => statement(&cx, council, decl, &mine),
                    _ => unchecked(&cx, decl, &mine),
                }
            })
            .collect::<Vec<Statement>>();
        // A file with no council that can be read keeps its findings in the report.
        let other: Vec<Finding> = match decls.is_empty() && only.is_none() {
            true => {
                let names = Names::new(defs, None);
                general
                    .iter()
                    .enumerate()
                    .map(|(n, &j)| finding(&cx, &names, n + 1, &found[j]))
                    .collect()
            }
            false => Vec::new(),
        };
        (statements, other)
    });
    let mut councils: Vec<Statement> = Vec::new();
    let mut other_findings: Vec<Finding> = Vec::new();
    for (statements, other) in per_file {
        councils.extend(statements);
        other_findings.extend(other);
    }
    let db = &session.db;
    if let Some(id) = only
        && councils.is_empty()
    {
        let known = ws.defs(db).names_of(DefKind::Council);
        return Err(crate::messages::not_declared("council", id, "the files given", known));
    }
    // Stable: two declarations of one id keep their order in the files.
    councils.sort_by(|a, b| a.id.cmp(&b.id));
    let used: HashSet<&str> = councils
        .iter()
        .flat_map(|c| &c.findings)
        .chain(&other_findings)
        .filter_map(|f| f.code.split_once('.').map(|(g, _)| g))
        .collect();
    let guidance = guidance_titles
        .into_iter()
        .filter(|(id, _, _)| used.contains(id.as_str()))
        .map(|(id, title, status)| GuidanceEntry {
            id,
            title,
            status: status_name(status),
        })
        .collect();
    Ok(Report {
        version: VERSION,
        as_of: ws.as_of(db).to_string(),
        overview: overview(&councils),
        councils,
        other_findings,
        guidance,
    })
}

/// What every statement of a file is built with.
struct Context<'a> {
    db: &'a dyn salsa::Database,
    defs: &'a DefMap,
    rules: &'a HashMap<String, RuleInfo>,
    as_of: Date,
    file: SourceFile,
    lines: &'a Lines<'a>,
}

/// A diagnostic as the report shows it, numbered `number`.
fn finding(cx: &Context<'_>, names: &Names<'_>, number: usize, d: &Diagnostic) -> Finding {
    let at = match d.file == cx.file {
        true => cx.lines.position(cx.lines.clamp(d.span.start as usize)),
        false => {
            let text = d.file.text(cx.db);
            let lines = Lines::new(text);
            lines.position(lines.clamp(d.span.start as usize))
        }
    };
    let code = d.code.to_string();
    let rule = cx.rules.get(&code);
    let rule_title = match crate::diagnostics::Builtin::parse(&code) {
        Some(builtin) => Some(builtin.title().to_string()),
        None => rule.and_then(|r| r.title.clone()),
    };
    let advice = match d.departure {
        Some(_) => None,
        None => d
            .help
            .as_deref()
            .map(|help| names.advice(help, rule.and_then(|r| r.title.as_deref()))),
    };
    Finding {
        number,
        code,
        rule_title,
        guidance_status: rule.map(|r| status_name(r.status)),
        severity: d.severity.as_str(),
        severity_level: d.severity,
        message: d.message.clone(),
        said: names.said(&d.message),
        file: d.file.path(cx.db).to_string(),
        line: at.line,
        column: at.column,
        citations: d.notes.clone(),
        help: d.help.clone(),
        advice,
        departure: d.departure.as_ref().map(|dep| dep.reason.clone()),
    }
}

/// The diagnostics as findings, numbered from 1 in the checker's order.
fn numbered(cx: &Context<'_>, names: &Names<'_>, diagnostics: &[&Diagnostic]) -> Vec<Finding> {
    diagnostics
        .iter()
        .enumerate()
        .map(|(n, d)| finding(cx, names, n + 1, d))
        .collect()
}

/// The numbers of the findings that point into `span` of the council's file, split into
/// those that stand and those excused by a departure.
struct Places<'a> {
    /// (start, number, departed) of each finding in the file, by start.
    starts: Vec<(u32, usize, bool)>,
    /// The same of each label in the file.
    labels: Vec<(u32, usize, bool)>,
    diagnostics: &'a [&'a Diagnostic],
}

impl<'a> Places<'a> {
    fn new(file: SourceFile, diagnostics: &'a [&'a Diagnostic]) -> Places<'a> {
        let mut starts: Vec<(u32, usize, bool)> = diagnostics
            .iter()
            .enumerate()
            .filter(|(_, d)| d.file == file)
            .map(|(i, d)| (d.span.start, i + 1, d.departure.is_some()))
            .collect();
        starts.sort_unstable();
        let mut labels: Vec<(u32, usize, bool)> = diagnostics
            .iter()
            .enumerate()
            .flat_map(|(i, d)| {
                d.labels
                    .iter()
                    .filter(|l| l.file == file)
                    .map(move |l| (l.span.start, i + 1, d.departure.is_some()))
            })
            .collect();
        labels.sort_unstable();
        Places {
            starts,
            labels,
            diagnostics,
        }
    }

    /// The findings that point into `span`, by their primary span or one of their labels
    /// (a circle of reporting lines labels every post in it), that `keep` accepts.
    fn touching(&self, span: Span, keep: impl Fn(&Diagnostic) -> bool) -> (Vec<usize>, Vec<usize>) {
        let (mut standing, mut departed) = self.inside(span, &keep);
        let from = self.labels.partition_point(|(start, ..)| *start < span.start);
        let to = self.labels.partition_point(|(start, ..)| *start < span.end);
        for &(_, n, gone) in &self.labels[from..to] {
            if keep(self.diagnostics[n - 1]) {
                match gone {
                    true => departed.push(n),
                    false => standing.push(n),
                }
            }
        }
        for list in [&mut standing, &mut departed] {
            list.sort_unstable();
            list.dedup();
        }
        (standing, departed)
    }

    /// The findings inside `span` that `keep` accepts: (standing, departed).
    fn inside(&self, span: Span, keep: impl Fn(&Diagnostic) -> bool) -> (Vec<usize>, Vec<usize>) {
        let from = self.starts.partition_point(|(start, ..)| *start < span.start);
        let to = self.starts.partition_point(|(start, ..)| *start < span.end);
        let mut standing = Vec::new();
        let mut departed = Vec::new();
        for &(_, n, gone) in &self.starts[from..to] {
            if keep(self.diagnostics[n - 1]) {
                match gone {
                    true => departed.push(n),
                    false => standing.push(n),
                }
            }
        }
        standing.sort_unstable();
        departed.sort_unstable();
        (standing, departed)
    }
}

fn statement(cx: &Context<'_>, council: &Council, decl: &CouncilDecl, diagnostics: &[&Diagnostic]) -> Statement {
    let Context { defs, as_of, .. } = *cx;
    let names = Names::new(defs, Some(council));
    let post_named = |i: usize| names.named(&council.posts[i].name);
    let findings = numbered(cx, &names, diagnostics);
    let places = Places::new(cx.file, diagnostics);
    let post_spans: HashMap<&str, Span> = decl
        .posts
        .iter()
        .rev()
        .map(|p| (p.name.text.as_str(), p.span))
        .collect();
    let at_post = |i: usize, keep: &dyn Fn(&Diagnostic) -> bool| -> (Vec<usize>, Vec<usize>) {
        match post_spans.get(council.posts[i].name.as_str()) {
            Some(&span) => places.inside(span, keep),
            None => (Vec::new(), Vec::new()),
        }
    };
    let any = |_: &Diagnostic| true;

    let posts: Vec<PostEntry> = council
        .posts
        .iter()
        .enumerate()
        .map(|(i, post)| {
            let (standing, departed) = at_post(i, &any);
            PostEntry {
                id: post.name.to_string(),
                title: post.title.clone(),
                kind: kind_name(post.kind),
                holder: post.holder.clone(),
                roles: post.roles.iter().map(|r| r.role.to_string()).collect(),
                roles_shown: post
                    .roles
                    .iter()
                    .map(|r| {
                        let title = names.named(&r.role).label().to_string();
                        match r.interim {
                            true => format!("{title} (interim)"),
                            false => title,
                        }
                    })
                    .collect(),
                interim_roles: post
                    .roles
                    .iter()
                    .filter(|r| r.interim)
                    .map(|r| r.role.to_string())
                    .collect(),
                vacant: post.vacant.is_some(),
                flags: post.flags.iter().map(|f| f.flag.to_string()).collect(),
                shared_with: post.shared_with.iter().map(|p| names.named(&p.council)).collect(),
                reports_to: reports_to(post).map(|i| council.posts[i].name.to_string()).collect(),
                findings: standing,
                departed,
            }
        })
        .collect();

    // Findings about the council as a whole: those outside every post, record and
    // departure of its declaration.
    let mut inner: Vec<Span> = decl
        .posts
        .iter()
        .map(|p| p.span)
        .chain(decl.records.iter().map(|r| r.span))
        .chain(decl.departures.iter().map(|d| d.span))
        .collect();
    inner.sort_by_key(|s| s.start);
    let about_council = |d: &Diagnostic| {
        d.file != cx.file || {
            let at = inner.partition_point(|s| s.start <= d.span.start);
            at.checked_sub(1).is_none_or(|k| d.span.start >= inner[k].end)
        }
    };

    let declares = |role: &str| council.posts.iter().any(|p| p.declares(role));
    // A stand-in's row (an elected Mayor's) appears where a post holds the role, and
    // takes the place of the row of the role it stands in for where no post holds that.
    let stand_in = |role: &str| {
        STANDS_IN_FOR
            .iter()
            .find(|(by, instead_of)| *instead_of == role && !declares(role) && declares(by))
            .map(|(by, _)| *by)
    };
    let statutory_roles = STATUTORY_ROLES
        .iter()
        .filter(|&&role| match STANDS_IN_FOR.iter().find(|(by, _)| *by == role) {
            Some(_) => declares(role),
            None => stand_in(role).is_none(),
        })
        .map(|&role| RoleHolders {
            role: names.named(role),
            holders: council
                .posts
                .iter()
                .filter(|p| p.declares(role))
                .map(|post| Holder {
                    post: names.named(&post.name),
                    holder: post.holder.clone(),
                    kind: kind_name(post.kind),
                    interim: post.roles.iter().any(|r| r.role == role && r.interim),
                    vacant: post.vacant.is_some(),
                    shared_with: post.shared_with.iter().map(|p| names.named(&p.council)).collect(),
                    other_roles: post
                        .roles
                        .iter()
                        .filter(|r| r.role != role)
                        .map(|r| names.named(&r.role))
                        .collect(),
                })
                .collect(),
            findings: findings
                .iter()
                .filter(|f| f.departure.is_none() && about_council(diagnostics[f.number - 1]))
                .filter(|f| cx.rules.get(&f.code).is_some_and(|r| r.roles.iter().any(|r| r == role)))
                .map(|f| f.number)
                .collect(),
        })
        .collect();

    let about_reporting = |d: &Diagnostic| {
        let code = d.code.to_string();
        code == crate::diagnostics::Builtin::E0202.as_str() || cx.rules.get(&code).is_some_and(|r| r.reporting)
    };
    let reporting_lines = REPORTING_LINES
        .iter()
        .flat_map(|&(from, _)| {
            council
                .posts
                .iter()
                .enumerate()
                .filter(move |(_, p)| p.declares(from))
                .map(move |(i, _)| (from, i))
        })
        .map(|(role, i)| {
            let (standing, departed) = match post_spans.get(council.posts[i].name.as_str()) {
                Some(&span) => places.touching(span, about_reporting),
                None => (Vec::new(), Vec::new()),
            };
            ReportingLine {
                role: names.named(role),
                post: post_named(i),
                vacant: council.posts[i].vacant.is_some(),
                reports_to: reports_to(&council.posts[i]).map(post_named).collect(),
                mark: Mark::of(&standing, &departed),
                findings: standing,
                departed,
            }
        })
        .collect();

    let mut boards: BTreeMap<String, Board> = BTreeMap::new();
    for post in &council.posts {
        // The report shows what the council declares, not what `implies` adds.
        for relation in post.relations.iter().filter(|r| r.implied_by.is_none()) {
            for target in &relation.targets {
                let TargetRef::Item(body) = target else { continue };
                if defs.get(body).is_none_or(|d| d.kind != DefKind::Body) {
                    continue;
                }
                let board = boards.entry(body.to_string()).or_insert_with(|| Board {
                    body: names.named(body),
                    members: Vec::new(),
                });
                board.members.push(Membership {
                    post: names.named(&post.name),
                    relation: names.named(&relation.relation).label().to_string(),
                });
            }
        }
    }

    let combined_roles = council
        .posts
        .iter()
        .enumerate()
        .filter(|(_, post)| post.roles.len() > 1)
        .map(|(i, post)| {
            let (standing, departed) = at_post(i, &any);
            CombinedPost {
                post: post_named(i),
                roles: post.roles.iter().map(|r| names.named(&r.role)).collect(),
                records: council
                    .records
                    .iter()
                    .filter(|r| r.covers.contains(&i))
                    .map(|r| names.named(&r.name))
                    .collect(),
                mark: Mark::of(&standing, &departed),
                findings: standing,
                departed,
            }
        })
        .collect();

    let record_spans: HashMap<&str, Span> = decl
        .records
        .iter()
        .rev()
        .map(|r| (r.name.text.as_str(), r.span))
        .collect();
    let assurance = council
        .records
        .iter()
        .map(|record| {
            let dated = record.dated.map(|(d, _)| d);
            let (mut standing, departed) = record_spans
                .get(record.name.as_str())
                .map_or_else(Default::default, |&span| places.inside(span, any));
            standing.extend(departed);
            standing.sort_unstable();
            AssuranceEntry {
                record: names.named(&record.name),
                by: record.by.clone(),
                dated: dated.map(|d| d.to_string()),
                age_days: dated.and_then(|d| d.until(as_of).ok()).map(|s| i64::from(s.get_days())),
                age: dated.map(|d| age(d, as_of)),
                covers: record.covers.iter().map(|&i| post_named(i)).collect(),
                addresses: record.addresses.iter().map(|a| names.named(a)).collect(),
                findings: standing,
            }
        })
        .collect();

    // The findings each departure excuses, by the departure's line.
    let mut excused: HashMap<Span, Vec<usize>> = HashMap::new();
    for (n, d) in diagnostics.iter().enumerate() {
        if let Some(note) = &d.departure {
            excused.entry(note.span).or_default().push(n + 1);
        }
    }
    let departures: Vec<DepartureEntry> = council
        .departures
        .iter()
        .map(|d| {
            let rule = format!("{}.{}", d.guidance, d.rule);
            DepartureEntry {
                rule_title: cx.rules.get(&rule).and_then(|r| r.title.clone()),
                rule,
                post: d.for_post.map(post_named),
                reason: d.reason.clone(),
                excuses: excused.get(&d.span).cloned().unwrap_or_default(),
            }
        })
        .collect();

    Statement {
        id: council.name.to_string(),
        name: council.title.clone().unwrap_or_else(|| council.name.to_string()),
        file: cx.file.path(cx.db).to_string(),
        checked: true,
        verdict: Verdict::of(&findings, &departures),
        follows: council.follows.iter().map(|f| f.guidance.to_string()).collect(),
        properties: council.flags.iter().map(|f| names.named(&f.flag)).collect(),
        statutory_roles,
        reporting_lines,
        boards: boards.into_values().collect(),
        combined_roles,
        assurance,
        departures,
        posts,
        findings,
    }
}

/// The statement of a council declaration that was not checked (a second council of the
/// same name): its posts as written and the findings about it.
fn unchecked(cx: &Context<'_>, decl: &CouncilDecl, diagnostics: &[&Diagnostic]) -> Statement {
    let names = Names::new(cx.defs, None);
    let findings = numbered(cx, &names, diagnostics);
    let places = Places::new(cx.file, diagnostics);
    let posts = decl
        .posts
        .iter()
        .map(|p| {
            let (standing, departed) = places.inside(p.span, |_| true);
            PostEntry {
                id: p.name.text.to_string(),
                title: p.title.as_ref().map(|t| t.value.clone()),
                kind: kind_name(p.kind),
                holder: None,
                roles: Vec::new(),
                roles_shown: Vec::new(),
                interim_roles: Vec::new(),
                vacant: false,
                flags: Vec::new(),
                shared_with: Vec::new(),
                reports_to: Vec::new(),
                findings: standing,
                departed,
            }
        })
        .collect();
    Statement {
        id: decl.name.text.to_string(),
        name: decl
            .title
            .as_ref()
            .map_or_else(|| decl.name.text.to_string(), |t| t.value.clone()),
        file: cx.file.path(cx.db).to_string(),
        checked: false,
        verdict: Verdict::of(&findings, &[]),
        follows: Vec::new(),
        properties: Vec::new(),
        statutory_roles: Vec::new(),
        reporting_lines: Vec::new(),
        boards: Vec::new(),
        combined_roles: Vec::new(),
        assurance: Vec::new(),
        departures: Vec::new(),
        posts,
        findings,
    }
}

fn kind_name(kind: PostKind) -> &'static str {
    match kind {
        PostKind::Officer => "officer",
        PostKind::Member => "member",
    }
}

/// The posts `post` reports to, in the order its lines name them.
fn reports_to(post: &hir::Post) -> impl Iterator<Item = usize> + '_ {
    post.related_posts(crate::check::reporting::REPORTING_RELATION)
        .map(|(p, _)| p)
}

/// "1 year 3 months", "5 months", "12 days"; "dated after the check date" when later.
pub fn age(dated: Date, as_of: Date) -> String {
    if dated > as_of {
        return "dated after the check date".into();
    }
    let Ok(span) = dated.until((jiff::Unit::Year, as_of)) else {
        return String::new();
    };
    let plural = |n: i64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let (years, months, days) = (
        i64::from(span.get_years()),
        i64::from(span.get_months()),
        i64::from(span.get_days()),
    );
    match (years, months) {
        (0, 0) => plural(days, "day"),
        (0, m) => plural(m, "month"),
        (y, 0) => plural(y, "year"),
        (y, m) => format!("{} {}", plural(y, "year"), plural(m, "month")),
    }
}

fn overview(councils: &[Statement]) -> Overview {
    let mut problems: BTreeMap<String, CommonProblem> = BTreeMap::new();
    for council in councils {
        let mut seen_here = HashSet::new();
        for f in council.findings.iter().filter(|f| f.departure.is_none()) {
            let entry = problems.entry(f.code.clone()).or_insert_with(|| CommonProblem {
                code: f.code.clone(),
                severity: f.severity,
                title: f.rule_title.clone(),
                councils: 0,
                occurrences: 0,
            });
            entry.occurrences += 1;
            if seen_here.insert(f.code.clone()) {
                entry.councils += 1;
            }
        }
    }
    let mut common: Vec<CommonProblem> = problems.into_values().collect();
    common.sort_by(|a, b| {
        b.councils
            .cmp(&a.councils)
            .then(b.occurrences.cmp(&a.occurrences))
            .then(a.code.cmp(&b.code))
    });
    common.truncate(10);
    let count = |outcome| councils.iter().filter(|c| c.verdict.outcome == outcome).count();
    Overview {
        councils: councils.len(),
        with_errors: count(Outcome::Errors),
        with_warnings: count(Outcome::Warnings),
        meeting_the_guidance: count(Outcome::MeetsTheGuidance),
        with_departures: councils.iter().filter(|c| !c.departures.is_empty()).count(),
        common_problems: common,
    }
}

/// The report as JSON (`regard report --format json`).
pub fn to_json(report: &Report) -> String {
    crate::diagnostics::escape::json(report)
}

impl Statement {
    /// Finding number `n` (from 1).
    pub fn finding(&self, n: usize) -> Option<&Finding> {
        n.checked_sub(1).and_then(|i| self.findings.get(i))
    }

    /// What the checker said about a line of the statement, in words: "no finding",
    /// "finding 3: ...", "departed (finding 4)". Renderers add their marks and markup.
    pub fn check_phrases(&self, standing: &[usize], departed: &[usize]) -> Vec<(Mark, String)> {
        let mut out: Vec<(Mark, String)> = standing
            .iter()
            .filter_map(|&n| self.finding(n))
            .map(|f| (Mark::Finding, format!("finding {}: {}", f.number, f.said)))
            .collect();
        out.extend(
            departed
                .iter()
                .filter_map(|&n| self.finding(n))
                .map(|f| (Mark::Departed, format!("departed from (finding {})", f.number))),
        );
        if out.is_empty() {
            out.push((Mark::NoFinding, "no finding".into()));
        }
        out
    }

    /// A sentence for a statement that was not checked, or `None`.
    pub fn unchecked_note(&self) -> Option<String> {
        (!self.checked).then(|| {
            format!(
                "This declaration repeats the name `{}` of another council, so it was not checked against the \
                 guidance. The findings below say what to correct; check it again once it has a name of its own.",
                self.id
            )
        })
    }
}

impl AssuranceEntry {
    /// What the record covers, in words.
    pub fn covers_phrase(&self) -> String {
        match self.covers.is_empty() {
            true => "no post: it counts for the council's review of its arrangements as a whole".into(),
            false => self.covers.iter().map(Named::label).collect::<Vec<_>>().join(", "),
        }
    }
}

/// The labels of `names`, joined with commas.
pub fn labels(names: &[Named]) -> String {
    names.iter().map(Named::label).collect::<Vec<_>>().join(", ")
}
