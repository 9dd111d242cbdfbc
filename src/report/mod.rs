//! `regard report` and `regard graph`: what a monitoring officer, a scrutiny committee or
//! an inspector reads instead of declaration files. The guidance asks councils to be open
//! about who holds the statutory roles and to assure themselves that their arrangements
//! work (paras 13-16 of the 2013 guidance); a statement per council says exactly that.
//!
//! This module builds the [`Report`]: one [`Statement`] per council, from the resolved
//! model and the checker's diagnostics, and a national overview when there are several.
//! It is plain data (serialised as the JSON format); the renderers are `markdown.rs`,
//! `html.rs` and, for the organisation chart, `chart.rs` (SVG and DOT).

pub mod chart;
pub mod html;
pub mod markdown;

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;
use serde::Serialize;

use crate::Session;
use crate::db::{self, SourceFile};
use crate::diagnostics::lines::Lines;
use crate::diagnostics::{Counts, Diagnostic, Severity};
use crate::hir::{self, Council, DefKind, DefMap, TargetRef};
use crate::syntax::ast::{Item, PostKind};

pub use crate::stdlib::report::STATUTORY_ROLES;
use crate::stdlib::report::{REPORTING_LINES, STANDS_IN_FOR};

/// The version of the JSON format of `regard report --format json`.
pub const VERSION: u32 = 1;

/// Everything `regard report` says: an overview and a statement per council.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub version: u32,
    /// The date the arrangements were checked on (YYYY-MM-DD).
    pub as_of: String,
    pub overview: Overview,
    pub councils: Vec<Statement>,
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
    /// The rule's title, for a rule of the guidance.
    pub title: Option<String>,
    pub councils: usize,
    pub occurrences: usize,
}

/// One council's transparency statement.
#[derive(Clone, Debug, Serialize)]
pub struct Statement {
    pub id: String,
    pub name: String,
    pub file: String,
    pub verdict: Verdict,
    /// DCS, LMCS, Chief Executive and Leader (and an elected Mayor, where there is one),
    /// with the posts that hold them.
    pub statutory_roles: Vec<RoleHolders>,
    /// From the DCS to the Chief Executive, and from the LMCS to the Leader (or Mayor).
    pub reporting_lines: Vec<ReportingLine>,
    pub boards: Vec<Board>,
    /// Posts that hold more than one role, with the assurance records that cover them.
    pub combined_roles: Vec<CombinedPost>,
    pub departures: Vec<DepartureEntry>,
    pub posts: Vec<PostEntry>,
    /// Every diagnostic of the check about this council (and any syntax error in its file).
    pub findings: Vec<Finding>,
}

/// The check's verdict on a council.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// At least one error: the council does not meet a `must` of statutory guidance.
    Errors,
    /// Warnings and no error: a `should` not met without a recorded departure.
    Warnings,
    /// No error or warning (departures and information may remain).
    MeetsTheGuidance,
}

impl Outcome {
    pub fn describe(self) -> &'static str {
        match self {
            Outcome::Errors => "does not meet the guidance",
            Outcome::Warnings => "falls short of the guidance",
            Outcome::MeetsTheGuidance => "meets the guidance",
        }
    }
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Verdict {
    pub outcome: Outcome,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings excused by a recorded departure.
    pub departed: usize,
}

impl Verdict {
    fn of(findings: &[Finding]) -> Verdict {
        let counts = Counts::of_severities(findings.iter().map(|f| f.severity_level));
        let outcome = if counts.errors > 0 {
            Outcome::Errors
        } else if counts.warnings > 0 {
            Outcome::Warnings
        } else {
            Outcome::MeetsTheGuidance
        };
        Verdict {
            outcome,
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
            departed: counts.notes,
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
    pub role: String,
    pub role_title: Option<String>,
    pub holders: Vec<Holder>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Holder {
    pub post: String,
    pub title: Option<String>,
    /// The person, where the council names them.
    pub holder: Option<String>,
    /// `officer` or `member`.
    pub kind: &'static str,
    /// The post holds the role on an interim basis (`holds DCS interim`).
    pub interim: bool,
    /// The post is vacant: it holds the role for no rule.
    pub vacant: bool,
    pub shared_with: Vec<String>,
    /// The post's other roles.
    pub other_roles: Vec<String>,
}

impl Holder {
    /// "interim", "vacant", both, or nothing for a permanent holding.
    pub fn basis(&self) -> &'static str {
        match (self.vacant, self.interim) {
            (true, true) => "vacant, interim",
            (true, false) => "vacant",
            (false, true) => "interim",
            (false, false) => "",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ReportingLine {
    pub from_role: String,
    pub to_role: String,
    /// The posts from the first holder of `from_role` up its `reports_to` lines.
    pub path: Vec<PostRef>,
    /// Whether the line reaches a holder of `to_role` (or the post holds both).
    pub reaches: bool,
    /// Why the line stops short, or that one post holds both roles.
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PostRef {
    pub post: String,
    pub title: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Board {
    pub body: String,
    pub title: Option<String>,
    pub members: Vec<Membership>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Membership {
    pub post: String,
    pub title: Option<String>,
    /// The relation as the vocabulary words it ("is a member of", "chairs").
    pub relation: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CombinedPost {
    pub post: String,
    pub title: Option<String>,
    pub roles: Vec<String>,
    pub assurance: Vec<AssuranceEntry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AssuranceEntry {
    pub record: String,
    pub dated: Option<String>,
    /// Whole days from `dated` to the check date (negative when dated later).
    pub age_days: Option<i64>,
    /// The age in words: "1 year 3 months", "12 days".
    pub age: Option<String>,
    pub addresses: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DepartureEntry {
    /// `guidance.rule`.
    pub rule: String,
    pub rule_title: Option<String>,
    pub post: Option<String>,
    pub reason: String,
}

/// A post as the organisation chart draws it.
#[derive(Clone, Debug, Serialize)]
pub struct PostEntry {
    pub id: String,
    pub title: Option<String>,
    pub kind: &'static str,
    pub holder: Option<String>,
    pub roles: Vec<String>,
    /// The roles of `roles` the post holds on an interim basis.
    pub interim_roles: Vec<String>,
    /// The post is vacant (`is vacant`).
    pub vacant: bool,
    pub flags: Vec<String>,
    pub shared_with: Vec<String>,
    pub reports_to: Vec<String>,
    /// The codes of the findings that point into the post's declaration.
    pub problems: Vec<String>,
}

impl PostEntry {
    pub fn is_statutory(&self) -> bool {
        self.roles.iter().any(|r| STATUTORY_ROLES.contains(&r.as_str()))
    }

    /// The roles as the chart shows them: "DCS (interim)" for a role held on an interim
    /// basis.
    pub fn roles_shown(&self) -> Vec<String> {
        self.roles
            .iter()
            .map(|r| match self.interim_roles.contains(r) {
                true => format!("{r} (interim)"),
                false => r.clone(),
            })
            .collect()
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
    pub code: String,
    pub severity: &'static str,
    #[serde(skip)]
    pub severity_level: Severity,
    pub message: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The paragraphs of the guidance it comes from, with their words.
    pub citations: Vec<String>,
    pub help: Option<String>,
    /// The council's reason, when the finding is excused by a departure.
    pub departure: Option<String>,
}

/// Builds the report of every council in the session (or of `only`), checking it first.
/// `Err` names a council that is not there, with a suggestion.
pub fn build(session: &mut Session, only: Option<&str>) -> Result<Report, String> {
    let titles = rule_titles(&session.guidance());
    let user_files: HashSet<SourceFile> = session.user_files().into_iter().collect();
    let ws = session.workspace;
    // Statements are built as each batch of files is checked, while the files' lowered
    // councils are still in the database.
    let per_file = session.map_checked(|db, file, found| {
        if !user_files.contains(&file) {
            return Vec::new();
        }
        let parsed = db::parse(db, file);
        let lines = Lines::new(file.text(db));
        let context = Context {
            db,
            defs: ws.defs(db),
            titles: &titles,
            as_of: ws.as_of(db),
            file,
            lines: &lines,
        };
        // The file's posts and findings, grouped by council once, so that a file of many
        // councils takes time in proportion to its size.
        let spans = post_spans(&parsed.file.items);
        // Each finding by its place in `found`, so that a council's own and the file's
        // general findings can be merged back into the checker's order.
        let mut by_council: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut everyone: Vec<usize> = Vec::new();
        for (i, d) in found.iter().enumerate() {
            match d.council.as_deref() {
                Some(c) => by_council.entry(c).or_default().push(i),
                None => everyone.push(i),
            }
        }
        let no_spans = HashMap::new();
        db::lower_councils(db, ws, file)
            .councils
            .iter()
            .filter(|council| only.is_none_or(|id| id == council.name))
            .map(|council| {
                let name: &str = &council.name;
                let mut places: Vec<usize> = everyone
                    .iter()
                    .chain(by_council.get(name).into_iter().flatten())
                    .copied()
                    .collect();
                places.sort_unstable();
                let mine: Vec<&Diagnostic> = places.into_iter().map(|i| &found[i]).collect();
                statement(&context, council, &mine, spans.get(name).unwrap_or(&no_spans))
            })
            .collect()
    });
    let mut councils: Vec<Statement> = per_file.into_iter().flatten().collect();
    let db = &session.db;
    if let Some(id) = only
        && councils.is_empty()
    {
        let known = ws.defs(db).names_of(DefKind::Council);
        let help = match hir::defs::closest(id, known) {
            Some(near) => format!("; did you mean `{near}`?"),
            None => String::new(),
        };
        return Err(format!("no council `{id}` in the files given{help}"));
    }
    councils.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Report {
        version: VERSION,
        as_of: ws.as_of(db).to_string(),
        overview: overview(&councils, &titles),
        councils,
    })
}

/// Each post's declaration span, by council name and post name.
fn post_spans(items: &[Item]) -> HashMap<&str, HashMap<String, crate::syntax::Span>> {
    let mut spans: HashMap<&str, HashMap<String, crate::syntax::Span>> = HashMap::new();
    for item in items {
        if let Item::Council(c) = item {
            let council = spans.entry(c.name.text.as_str()).or_default();
            council.extend(c.posts.iter().map(|p| (p.name.text.to_string(), p.span)));
        }
    }
    spans
}

/// What every statement of a file is built with.
struct Context<'a> {
    db: &'a dyn salsa::Database,
    defs: &'a DefMap,
    titles: &'a RuleTitles,
    as_of: Date,
    file: SourceFile,
    lines: &'a Lines<'a>,
}

fn statement(
    cx: &Context<'_>,
    council: &Council,
    diagnostics: &[&Diagnostic],
    spans: &HashMap<String, crate::syntax::Span>,
) -> Statement {
    let Context {
        db,
        defs,
        titles,
        as_of,
        file,
        lines,
    } = *cx;
    let title_of = |name: &str| defs.get(name).and_then(|d| d.title.clone());
    let post_ref = |i: usize| PostRef {
        post: council.posts[i].name.to_string(),
        title: council.posts[i].title.clone(),
    };

    let findings: Vec<Finding> = diagnostics
        .iter()
        .map(|d| {
            let at = lines.position(lines.clamp(d.span.start as usize));
            Finding {
                code: d.code.to_string(),
                severity: d.severity.as_str(),
                severity_level: d.severity,
                message: d.message.clone(),
                file: d.file.path(db).to_string(),
                line: at.line,
                column: at.column,
                citations: d.notes.clone(),
                help: d.help.clone(),
                departure: d.departure.as_ref().map(|dep| dep.reason.clone()),
            }
        })
        .collect();

    // The findings in this file by where they start, so that each post finds its own by
    // binary search rather than by looking at every finding.
    let mut starts: Vec<(u32, &Diagnostic)> = diagnostics
        .iter()
        .filter(|d| d.file == file)
        .map(|d| (d.span.start, *d))
        .collect();
    starts.sort_by_key(|(start, _)| *start);
    let posts: Vec<PostEntry> = council
        .posts
        .iter()
        .map(|post| {
            let inside = spans.get(post.name.as_str()).map_or(&starts[..0], |s| {
                let from = starts.partition_point(|(start, _)| *start < s.start);
                let to = starts.partition_point(|(start, _)| *start < s.end);
                &starts[from..to]
            });
            let mut problems: Vec<String> = inside.iter().map(|(_, d)| d.code.to_string()).collect();
            problems.dedup();
            PostEntry {
                id: post.name.to_string(),
                title: post.title.clone(),
                kind: kind_name(post.kind),
                holder: post.holder.clone(),
                roles: post.roles.iter().map(|r| r.role.to_string()).collect(),
                interim_roles: post
                    .roles
                    .iter()
                    .filter(|r| r.interim)
                    .map(|r| r.role.to_string())
                    .collect(),
                vacant: post.vacant.is_some(),
                flags: post.flags.iter().map(|f| f.flag.to_string()).collect(),
                shared_with: post.shared_with.iter().map(|p| p.council.to_string()).collect(),
                reports_to: reports_to(post).map(|i| council.posts[i].name.to_string()).collect(),
                problems,
            }
        })
        .collect();

    let held = |role: &str| !council.holders(role).is_empty();
    // A stand-in's row (an elected Mayor's) appears where a post holds the role, and
    // takes the place of the row of the role it stands in for where no post holds that.
    let stand_in = |role: &str| {
        STANDS_IN_FOR
            .iter()
            .find(|(by, instead_of)| *instead_of == role && !held(role) && held(by))
            .map(|(by, _)| *by)
    };
    let statutory_roles = STATUTORY_ROLES
        .iter()
        .filter(|&&role| match STANDS_IN_FOR.iter().find(|(by, _)| *by == role) {
            Some(_) => held(role),
            None => stand_in(role).is_none(),
        })
        .map(|&role| RoleHolders {
            role: role.into(),
            role_title: title_of(role),
            holders: council
                .holders(role)
                .iter()
                .map(|&i| {
                    let post = &council.posts[i];
                    Holder {
                        post: post.name.to_string(),
                        title: post.title.clone(),
                        holder: post.holder.clone(),
                        kind: kind_name(post.kind),
                        interim: post.roles.iter().any(|r| r.role == role && r.interim),
                        vacant: post.vacant.is_some(),
                        shared_with: post.shared_with.iter().map(|p| p.council.to_string()).collect(),
                        other_roles: post
                            .roles
                            .iter()
                            .filter(|r| r.role != role)
                            .map(|r| r.role.to_string())
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();

    let reporting_lines = REPORTING_LINES
        .iter()
        .map(|&(from, to)| reporting_line(council, from, stand_in(to).unwrap_or(to), &post_ref))
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
                    body: body.to_string(),
                    title: title_of(body),
                    members: Vec::new(),
                });
                board.members.push(Membership {
                    post: post.name.to_string(),
                    title: post.title.clone(),
                    relation: title_of(&relation.relation).unwrap_or_else(|| relation.relation.to_string()),
                });
            }
        }
    }

    let combined_roles = council
        .posts
        .iter()
        .enumerate()
        .filter(|(_, post)| post.roles.len() > 1)
        .map(|(i, post)| CombinedPost {
            post: post.name.to_string(),
            title: post.title.clone(),
            roles: post.roles.iter().map(|r| r.role.to_string()).collect(),
            assurance: council
                .records
                .iter()
                .filter(|r| r.covers.contains(&i))
                .map(|record| {
                    let dated = record.dated.map(|(d, _)| d);
                    AssuranceEntry {
                        record: record.name.to_string(),
                        dated: dated.map(|d| d.to_string()),
                        age_days: dated.and_then(|d| d.until(as_of).ok()).map(|s| i64::from(s.get_days())),
                        age: dated.map(|d| age(d, as_of)),
                        addresses: record.addresses.iter().map(|a| a.to_string()).collect(),
                    }
                })
                .collect(),
        })
        .collect();

    let departures = council
        .departures
        .iter()
        .map(|d| DepartureEntry {
            rule: format!("{}.{}", d.guidance, d.rule),
            rule_title: rule_title(titles, &format!("{}.{}", d.guidance, d.rule)),
            post: d.for_post.map(|i| council.posts[i].name.to_string()),
            reason: d.reason.clone(),
        })
        .collect();

    let verdict = Verdict::of(&findings);
    Statement {
        id: council.name.to_string(),
        name: council.title.clone().unwrap_or_else(|| council.name.to_string()),
        file: file.path(db).to_string(),
        verdict,
        statutory_roles,
        reporting_lines,
        boards: boards.into_values().collect(),
        combined_roles,
        departures,
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

/// Follows the first `reports_to` line from the first holder of `from` until a holder of
/// `to`, the top of the chain, or a circle.
fn reporting_line(council: &Council, from: &str, to: &str, post_ref: &dyn Fn(usize) -> PostRef) -> ReportingLine {
    let mut line = ReportingLine {
        from_role: from.into(),
        to_role: to.into(),
        path: Vec::new(),
        reaches: false,
        note: None,
    };
    let Some(&start) = council.holders(from).first() else {
        line.note = Some(format!("no post holds `{from}`"));
        return line;
    };
    let mut seen = vec![false; council.posts.len()];
    let mut at = start;
    loop {
        line.path.push(post_ref(at));
        if council.posts[at].holds(to) {
            line.reaches = true;
            if at == start {
                line.note = Some("the same post holds both roles".into());
            }
            return line;
        }
        seen[at] = true;
        match reports_to(&council.posts[at]).next() {
            None => {
                let post = &council.posts[at];
                line.note = Some(format!("`{}` has no `reports_to` line", post.name));
                return line;
            }
            Some(next) if seen[next] => {
                line.path.push(post_ref(next));
                line.note = Some("the reporting lines go round in a circle".into());
                return line;
            }
            Some(next) => at = next,
        }
    }
}

/// The titles of every rule of the workspace, by code (`guidance.rule`).
type RuleTitles = HashMap<String, String>;

fn rule_titles(guidance: &[&hir::Guidance]) -> RuleTitles {
    guidance
        .iter()
        .flat_map(|g| {
            g.rules
                .iter()
                .filter_map(move |r| Some((format!("{}.{}", g.name, r.name), r.title.clone()?)))
        })
        .collect()
}

/// The title of rule `guidance.rule`, if it has one, or of a built-in code.
fn rule_title(titles: &RuleTitles, code: &str) -> Option<String> {
    match crate::diagnostics::Builtin::parse(code) {
        Some(builtin) => Some(builtin.title().to_string()),
        None => titles.get(code).cloned(),
    }
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

fn overview(councils: &[Statement], titles: &RuleTitles) -> Overview {
    let mut problems: BTreeMap<String, CommonProblem> = BTreeMap::new();
    for council in councils {
        let mut seen_here = std::collections::HashSet::new();
        for f in council.findings.iter().filter(|f| f.severity_level != Severity::Note) {
            let entry = problems.entry(f.code.clone()).or_insert_with(|| CommonProblem {
                code: f.code.clone(),
                severity: f.severity,
                title: None,
                councils: 0,
                occurrences: 0,
            });
            entry.occurrences += 1;
            if seen_here.insert(f.code.clone()) {
                entry.councils += 1;
            }
        }
    }
    let mut common: Vec<CommonProblem> = problems
        .into_values()
        .map(|mut p| {
            p.title = rule_title(titles, &p.code);
            p
        })
        .collect();
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
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
