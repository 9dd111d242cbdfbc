//! Building the report from the declarations as written and the checker's diagnostics:
//! each diagnostic placed by where it points (a post, a record, a departure, the
//! council), and the national overview. It judges nothing.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;

use crate::Session;
use crate::db::{self, SourceFile};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::lines::Lines;
use crate::hir::{self, Council, DefKind, DefMap, TargetRef};
use crate::syntax::Span;
use crate::syntax::ast::{CouncilDecl, Item, PostKind, Status};

use super::*;
use crate::stdlib::report::{REPORTING_LINES, STANDS_IN_FOR};

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
                    .filter_map(|c| match c.about.selector() {
                        Some(hir::Selector::Role(role)) => Some(role.to_string()),
                        Some(hir::Selector::Combine { .. } | hir::Selector::Post) | None => None,
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

pub(super) fn status_name(status: Status) -> &'static str {
    status.as_str()
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
                // Findings of facts of law first: the statement shows them under their own
                // heading, and the numbers run on from them.
                let (mut mine, rest): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
                    places.into_iter().map(|j| &found[j]).partition(|d| is_law(&cx, d));
                mine.extend(rest);
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

/// What the council's file adds to the children's services groups with `in`, each once:
/// a join counts when the group gathers its kind.
fn counted(cx: &Context<'_>, names: &Names<'_>) -> Vec<Named> {
    let mut out: Vec<Named> = Vec::new();
    for j in cx.defs.joins.iter().filter(|j| j.file == cx.file) {
        let counts = crate::stdlib::report::CHILDRENS_GROUPS.contains(&j.group.as_str())
            && cx
                .defs
                .group(&j.group)
                .is_some_and(|(kind, items)| kind == j.kind && items.contains(&j.member));
        if counts && !out.iter().any(|n| n.id == j.member.as_str()) {
            out.push(names.named(&j.member));
        }
    }
    out
}

/// Whether the diagnostic is a finding of a rule of a fact of law.
fn is_law(cx: &Context<'_>, d: &Diagnostic) -> bool {
    cx.rules
        .get(&d.code.to_string())
        .is_some_and(|r| r.status == Status::Law)
}

/// The diagnostics as findings, numbered from 1 in the order given.
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
    let names = Names::new(cx.defs, Some(council));
    let findings = numbered(cx, &names, diagnostics);
    let sheet = Sheet {
        cx,
        council,
        decl,
        diagnostics,
        places: Places::new(cx.file, diagnostics),
        post_spans: decl
            .posts
            .iter()
            .rev()
            .map(|p| (p.name.text.as_str(), p.span))
            .collect(),
        names,
    };
    let departures = sheet.departures();
    Statement {
        id: council.name.to_string(),
        name: council.title.clone().unwrap_or_else(|| council.name.to_string()),
        file: cx.file.path(cx.db).to_string(),
        checked: true,
        verdict: Verdict::of(&findings, &departures),
        as_of: council.own_as_of.map(|(d, _)| d.to_string()),
        checked_as_of: council.as_of.to_string(),
        follows: council.follows.iter().map(|f| f.guidance.to_string()).collect(),
        properties: council.flags.iter().map(|f| sheet.names.named(&f.flag)).collect(),
        counted_as_childrens_services: counted(cx, &sheet.names),
        statutory_roles: sheet.statutory_roles(&findings),
        reporting_lines: sheet.reporting_lines(),
        boards: sheet.boards(),
        combined_roles: sheet.combined_roles(),
        assurance: sheet.assurance(),
        departures,
        posts: sheet.posts(),
        findings,
    }
}

/// What the sections of one council's statement are made from: the council, its
/// declaration as written, and the diagnostics about it with where each points.
struct Sheet<'s> {
    cx: &'s Context<'s>,
    council: &'s Council,
    decl: &'s CouncilDecl,
    diagnostics: &'s [&'s Diagnostic],
    names: Names<'s>,
    places: Places<'s>,
    /// Each post's block, by name (the first of a repeated name).
    post_spans: HashMap<&'s str, Span>,
}

impl Sheet<'_> {
    fn post_named(&self, i: usize) -> Named {
        self.names.named(&self.council.posts[i].name)
    }

    /// The findings inside post `i`'s block (standing, departed).
    fn at_post(&self, i: usize) -> (Vec<usize>, Vec<usize>) {
        match self.post_spans.get(self.council.posts[i].name.as_str()) {
            Some(&span) => self.places.inside(span, |_: &Diagnostic| true),
            None => (Vec::new(), Vec::new()),
        }
    }

    fn posts(&self) -> Vec<PostEntry> {
        let (council, names) = (self.council, &self.names);
        council
            .posts
            .iter()
            .enumerate()
            .map(|(i, post)| {
                let (standing, departed) = self.at_post(i);
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
            .collect()
    }

    /// Whether a diagnostic is about the council as a whole: outside every post, record
    /// and departure of its declaration.
    fn about_council(&self) -> impl Fn(&Diagnostic) -> bool + '_ {
        let decl = self.decl;
        let mut inner: Vec<Span> = decl
            .posts
            .iter()
            .map(|p| p.span)
            .chain(decl.records.iter().map(|r| r.span))
            .chain(decl.departures.iter().map(|d| d.span))
            .collect();
        inner.sort_by_key(|s| s.start);
        let file = self.cx.file;
        move |d: &Diagnostic| {
            d.file != file || {
                let at = inner.partition_point(|s| s.start <= d.span.start);
                at.checked_sub(1).is_none_or(|k| d.span.start >= inner[k].end)
            }
        }
    }

    fn statutory_roles(&self, findings: &[Finding]) -> Vec<RoleHolders> {
        let (cx, council, names) = (self.cx, self.council, &self.names);
        let about_council = self.about_council();
        let declares = |role: &str| council.posts.iter().any(|p| p.declares(role));
        // A stand-in's row (an elected Mayor's) appears where a post holds the role, and
        // takes the place of the row of the role it stands in for where no post holds that.
        let stand_in = |role: &str| {
            STANDS_IN_FOR
                .iter()
                .find(|(by, instead_of)| *instead_of == role && !declares(role) && declares(by))
                .map(|(by, _)| *by)
        };
        STATUTORY_ROLES
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
                    .filter(|f| f.departure.is_none() && about_council(self.diagnostics[f.number - 1]))
                    .filter(|f| cx.rules.get(&f.code).is_some_and(|r| r.roles.iter().any(|r| r == role)))
                    .map(|f| f.number)
                    .collect(),
            })
            .collect()
    }

    fn reporting_lines(&self) -> Vec<ReportingLine> {
        let (cx, council) = (self.cx, self.council);
        let about_reporting = |d: &Diagnostic| {
            let code = d.code.to_string();
            code == crate::diagnostics::Builtin::E0202.as_str() || cx.rules.get(&code).is_some_and(|r| r.reporting)
        };
        REPORTING_LINES
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
                let (standing, departed) = match self.post_spans.get(council.posts[i].name.as_str()) {
                    Some(&span) => self.places.touching(span, about_reporting),
                    None => (Vec::new(), Vec::new()),
                };
                ReportingLine {
                    role: self.names.named(role),
                    post: self.post_named(i),
                    vacant: council.posts[i].vacant.is_some(),
                    reports_to: reports_to(&council.posts[i]).map(|q| self.post_named(q)).collect(),
                    mark: Mark::of(&standing, &departed),
                    findings: standing,
                    departed,
                }
            })
            .collect()
    }

    fn boards(&self) -> Vec<Board> {
        let names = &self.names;
        let mut boards: BTreeMap<String, Board> = BTreeMap::new();
        for post in &self.council.posts {
            // The report shows what the council declares, not what `implies` adds.
            for relation in post.relations.iter().filter(|r| r.implied_by.is_none()) {
                for target in &relation.targets {
                    let TargetRef::Item(body) = target else { continue };
                    if self.cx.defs.get(body).is_none_or(|d| d.kind != DefKind::Body) {
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
        boards.into_values().collect()
    }

    fn combined_roles(&self) -> Vec<CombinedPost> {
        let council = self.council;
        council
            .posts
            .iter()
            .enumerate()
            .filter(|(_, post)| post.roles.len() > 1)
            .map(|(i, post)| {
                let (standing, departed) = self.at_post(i);
                CombinedPost {
                    post: self.post_named(i),
                    roles: post.roles.iter().map(|r| self.names.named(&r.role)).collect(),
                    records: council
                        .records
                        .iter()
                        .filter(|r| r.covers.contains(&i))
                        .map(|r| self.names.named(&r.name))
                        .collect(),
                    mark: Mark::of(&standing, &departed),
                    findings: standing,
                    departed,
                }
            })
            .collect()
    }

    fn assurance(&self) -> Vec<AssuranceEntry> {
        let as_of = self.cx.as_of;
        let record_spans: HashMap<&str, Span> = self
            .decl
            .records
            .iter()
            .rev()
            .map(|r| (r.name.text.as_str(), r.span))
            .collect();
        self.council
            .records
            .iter()
            .map(|record| {
                let dated = record.dated.map(|(d, _)| d);
                let (mut standing, departed) = record_spans
                    .get(record.name.as_str())
                    .map_or_else(Default::default, |&span| {
                        self.places.inside(span, |_: &Diagnostic| true)
                    });
                standing.extend(departed);
                standing.sort_unstable();
                AssuranceEntry {
                    record: self.names.named(&record.name),
                    by: record.by.clone(),
                    dated: dated.map(|d| d.to_string()),
                    age_days: dated.and_then(|d| d.until(as_of).ok()).map(|s| i64::from(s.get_days())),
                    age: dated.map(|d| age(d, as_of)),
                    covers: record.covers.iter().map(|&i| self.post_named(i)).collect(),
                    addresses: record.addresses.iter().map(|a| self.names.named(a)).collect(),
                    findings: standing,
                }
            })
            .collect()
    }

    fn departures(&self) -> Vec<DepartureEntry> {
        // The findings each departure excuses, by the departure's line.
        let mut excused: HashMap<Span, Vec<usize>> = HashMap::new();
        for (n, d) in self.diagnostics.iter().enumerate() {
            if let Some(note) = &d.departure {
                excused.entry(note.span).or_default().push(n + 1);
            }
        }
        self.council
            .departures
            .iter()
            .map(|d| {
                let rule = format!("{}.{}", d.guidance, d.rule);
                DepartureEntry {
                    rule_title: self.cx.rules.get(&rule).and_then(|r| r.title.clone()),
                    rule,
                    post: d.for_post.map(|p| self.post_named(p)),
                    reason: d.reason.clone(),
                    excuses: excused.get(&d.span).cloned().unwrap_or_default(),
                }
            })
            .collect()
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
        as_of: decl.as_of.first().map(|d| d.date.to_string()),
        checked_as_of: cx.as_of.to_string(),
        follows: Vec::new(),
        properties: Vec::new(),
        counted_as_childrens_services: Vec::new(),
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
