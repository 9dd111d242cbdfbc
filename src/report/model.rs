//! The report as data: the versioned JSON model of `regard report --format json`
//! (version [`VERSION`], `docs/schema/report.schema.json`), which every renderer reads.

use serde::Serialize;

use crate::diagnostics::{Counts, Severity};

use super::*;

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
    /// The date the council's facts describe: its `as_of` line (YYYY-MM-DD), if any.
    pub as_of: Option<String>,
    /// The date it was checked as of (its `as_of`, unless `--as-of` overrode it).
    pub checked_as_of: String,
    /// The guidance the council follows (ids).
    pub follows: Vec<String>,
    /// The council's properties (`is committee_system`).
    pub properties: Vec<Named>,
    /// The roles and functions the council's own file adds to the children's services
    /// groups with `in` (language-v3 3.4), so that a reader sees the claim.
    pub counted_as_childrens_services: Vec<Named>,
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
    pub(super) fn of(findings: &[Finding], departures: &[DepartureEntry]) -> Verdict {
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
    pub(super) fn of(findings: &[usize], departed: &[usize]) -> Mark {
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
