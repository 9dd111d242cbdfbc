//! `regard explain`: the long explanation of a built-in code or of a rule, and
//! docs/diagnostics.md, which is every explanation in one page.
//!
//! Built-in codes are explained by the family of checks that emits them (each module's
//! `EXPLANATIONS`); rules are explained from the rule itself: its clauses in words, its
//! citations and quotes, and for the standard library's rules an example that breaks it
//! and one that meets it (the rule's own test fixtures, embedded here).

use crate::diagnostics::render::RuleText;
use crate::diagnostics::{Builtin, Example, Explanation, escape};
use crate::hir::defs::closest;
use crate::hir::describe::describe_clause;
use crate::hir::{Guidance, Rule};
use crate::syntax::ast::{Modality, Status};

/// Every built-in code's explanation, in code order.
pub fn builtins() -> Vec<Explanation> {
    Builtin::ALL.into_iter().map(Explanation::of).collect()
}

pub fn builtin(code: Builtin) -> Explanation {
    Explanation::of(code)
}

/// The bytes of the file an example stands for: the example itself, or, for a sketch of
/// a file that cannot be shown, the file it sketches.
pub fn example_source(code: Builtin, example: &Example) -> Vec<u8> {
    match (example.sketch, code) {
        (true, Builtin::E0002) => b"council ashford \"Ashford Caf\xe9 Council\" {\n}\n".to_vec(),
        (true, Builtin::E0003) => {
            let depth = crate::syntax::layout::MAX_NESTING;
            format!(
                "guidance local_protocol \"Local protocol\" {{\n  status advisory\n\n  rule r {{\n    should DCS {}is mentored{}\n  }}\n}}\n",
                "(".repeat(depth),
                ")".repeat(depth)
            )
            .into_bytes()
        }
        _ => example.shown.as_bytes().to_vec(),
    }
}

/// A fixture as an example for readers: without its `//~` expectations and
/// `// as-of:` line.
/// The date a rule's example is checked on, from its fixture's `// as-of: DATE` line;
/// `None` for the usual date ([`Example::AS_OF`]).
pub fn example_as_of(fixture: &str) -> Option<jiff::civil::Date> {
    fixture
        .lines()
        .find_map(|l| l.trim().strip_prefix("// as-of:"))
        .and_then(|d| d.trim().parse().ok())
}

pub fn example_text(fixture: &str) -> String {
    let mut out = String::new();
    for line in fixture.lines() {
        if line.trim_start().starts_with("// as-of:") {
            continue;
        }
        let line = match line.find(" //~") {
            Some(i) => &line[..i],
            None => line,
        };
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A rule as SARIF's rule entries describe it: its title (else its name), its clauses
/// in words, and its notes with a pointer to `regard explain`.
pub fn rule_text(g: &Guidance, rule: &Rule) -> RuleText {
    let notes = rule.notes();
    let mut help = notes.join("\n");
    if !help.is_empty() {
        help.push_str("\n\n");
    }
    help.push_str(&format!("Run `regard explain {}.{}` for examples.", g.name, rule.name));
    RuleText {
        title: rule
            .title
            .clone()
            .unwrap_or_else(|| format!("{}.{}", g.name, rule.name)),
        meaning: rule
            .clauses
            .iter()
            .map(|c| describe_clause(c) + ".")
            .collect::<Vec<_>>()
            .join(" "),
        help,
    }
}

/// What `regard explain NAME` found.
pub enum Topic<'a> {
    Builtin(Explanation),
    Guidance(&'a Guidance),
    Rule(&'a Guidance, &'a Rule),
}

/// Finds a code (`E0101`, any case) or a rule (`guidance.rule`, or `rule` when only one
/// guidance has a rule of that name). The error says why not, with the closest name.
pub fn find<'a>(query: &str, guidance: &[&'a Guidance]) -> Result<Topic<'a>, String> {
    if let Some(code) = Builtin::parse(&query.to_ascii_uppercase()) {
        return Ok(Topic::Builtin(builtin(code)));
    }
    if let Some(g) = guidance.iter().find(|g| g.name == query) {
        return Ok(Topic::Guidance(g));
    }
    let rules = || guidance.iter().flat_map(|g| g.rules.iter().map(move |r| (*g, r)));
    let found: Vec<(&Guidance, &Rule)> = match query.split_once('.') {
        Some((g, r)) => rules().filter(|(gd, rl)| gd.name == g && rl.name == r).collect(),
        None => rules().filter(|(_, rl)| rl.name == query).collect(),
    };
    match found.as_slice() {
        [(g, r)] => Ok(Topic::Rule(g, r)),
        [] => {
            let qualified: Vec<String> = rules().map(|(g, r)| format!("{}.{}", g.name, r.name)).collect();
            let codes = Builtin::ALL.map(|b| b.as_str().to_string());
            let candidates = codes.iter().chain(&qualified).map(String::as_str);
            let unqualified = rules().map(|(_, r)| r.name.as_str());
            let ids = guidance.iter().map(|g| g.name.as_str());
            let hint = closest(query, candidates.chain(unqualified).chain(ids))
                .map(|c| format!("; the closest is `{c}`"))
                .unwrap_or_default();
            Err(format!(
                "no diagnostic code, guidance or rule is called `{query}`{hint}"
            ))
        }
        several => {
            let names: Vec<String> = several
                .iter()
                .map(|(g, r)| format!("`{}.{}`", g.name, r.name))
                .collect();
            Err(format!(
                "several guidance have a rule `{query}`: name one of {}",
                names.join(", ")
            ))
        }
    }
}

/// A group as `regard explain GROUP` shows it: what it gathers and every member, each
/// that joined with `in` with where (built by the session, which knows the files).
#[derive(Clone, Debug)]
pub struct GroupView {
    pub name: String,
    pub title: Option<String>,
    /// Its `///` comment: the group's reading.
    pub doc: Option<String>,
    /// "roles", "functions", ...
    pub gathers: String,
    /// Each member, with `file:line` of the declaration that joined it with `in`.
    pub members: Vec<(String, Option<String>)>,
}

/// A group, as Markdown: its title and reading, then its members, those that joined it
/// with `in` with the file and line that says so.
pub fn render_group(g: &GroupView) -> String {
    let mut out = format!("# {}\n\n", g.name);
    if let Some(title) = &g.title {
        out.push_str(&format!("**{}**\n\n", escape::markdown(title)));
    }
    out.push_str(&format!("A group of {}.\n\n", g.gathers));
    if let Some(doc) = &g.doc {
        out.push_str(&format!("{}\n\n", escape::markdown(doc)));
    }
    out.push_str("## Members\n\n");
    for (name, joined) in &g.members {
        match joined {
            None => out.push_str(&format!("- `{name}`\n")),
            Some(place) => out.push_str(&format!(
                "- `{name}`: joined with `in` at {}\n",
                escape::markdown(place)
            )),
        }
    }
    out.push_str(
        "\nA role, function, body or element declared anywhere joins the group with `in`: `function NAME \"Title\" in GROUP`.\n",
    );
    out
}

/// A guidance, as Markdown: what it is and where its text comes from (its `///`
/// comment), when it is in force, its rules, and how its paragraphs are accounted for.
pub fn render_guidance(g: &Guidance) -> String {
    let status = match g.status {
        Status::Statutory => "Statutory guidance",
        Status::Advisory => "Advisory guidance",
        Status::Law => "Facts of law",
    };
    let mut out = format!(
        "# {}

",
        g.name
    );
    if let Some(title) = &g.title {
        out.push_str(&format!(
            "**{}**

",
            escape::markdown(title)
        ));
    }
    let in_force = match (g.in_force.from, g.in_force.until) {
        (None, None) => "in force on every date".to_string(),
        (Some(from), None) => format!("in force from {from}"),
        (None, Some(until)) => format!("in force until {until} (that day excluded)"),
        (Some(from), Some(until)) => format!("in force from {from} until {until} (that day excluded)"),
    };
    out.push_str(&format!(
        "{status}, {in_force}.

"
    ));
    if let Some(doc) = &g.doc {
        out.push_str(&format!(
            "{}

",
            escape::markdown(doc)
        ));
    }
    for reading in &g.readings {
        out.push_str(&format!("Reading: {}\n\n", escape::markdown(reading)));
    }
    out.push_str(
        "## Rules

",
    );
    for r in &g.rules {
        let title = r
            .title
            .as_deref()
            .map(|t| format!(": {}", escape::markdown(t)))
            .unwrap_or_default();
        out.push_str(&format!(
            "- `{}.{}`{title}
",
            g.name, r.name
        ));
    }
    if let Some(coverage) = &g.coverage {
        out.push_str(&format!(
            "\n## Paragraphs\n\n`{}`: {}. `regard coverage` lists each part with the rules that encode it or the reason it was set aside.\n",
            g.name,
            coverage.accounted()
        ));
    }
    out
}

/// The explanation of a built-in code, as Markdown.
pub fn render_builtin(e: Explanation) -> String {
    let severity = match e.code.severity() {
        crate::diagnostics::Severity::Warning => "a warning",
        _ => "an error",
    };
    let mut out = format!("# {}: {}\n\n", e.code.as_str(), e.title());
    out.push_str(&format!("A built-in check; it is {severity}.\n\n"));
    out.push_str(&e.markdown());
    out
}

/// The explanation of a rule, as Markdown.
pub fn render_rule(g: &Guidance, r: &Rule) -> String {
    let status = match g.status {
        Status::Statutory => "statutory guidance",
        Status::Advisory => "advisory guidance",
        Status::Law => "facts of law that every council follows",
    };
    let mut out = format!("# {}.{}\n\n", g.name, r.name);
    if let Some(title) = &r.title {
        out.push_str(&format!("**{}**\n\n", escape::markdown(title)));
    }
    out.push_str(&format!(
        "A rule of *{}* (`{}`, {status}).\n\n",
        escape::markdown(g.title.as_deref().unwrap_or(&g.name)),
        g.name
    ));

    out.push_str("## What it means\n\n");
    if r.clauses.is_empty() {
        out.push_str("The rule has no clause that can be checked.\n\n");
    }
    for clause in &r.clauses {
        let consequence = match (g.status, clause.modality) {
            (_, Modality::May) => "a permission: it is never reported".to_string(),
            (Status::Advisory, _) => "reported as information when broken".to_string(),
            (Status::Statutory, Modality::Must) => "an error when broken".to_string(),
            (Status::Statutory, Modality::Should) => "a warning when broken".to_string(),
            (Status::Law, _) => "an error when broken, which no departure can excuse".to_string(),
        };
        let clause_text = escape::source_for_terminal(&clause.text);
        let fence = escape::markdown_fence(&clause_text);
        out.push_str(&format!("{fence}regard\n{clause_text}\n{fence}\n\n"));
        let sentence = escape::markdown_message(&describe_clause(clause));
        let sentence = match clause.modality {
            Modality::May => format!("This records that {sentence} may be the case"),
            _ => capitalise(&sentence),
        };
        out.push_str(&format!("{sentence}: {consequence}.\n\n"));
    }

    let notes = r.notes();
    if !notes.is_empty() {
        out.push_str("## Why it matters\n\n");
        for note in notes {
            out.push_str(&format!("> {}\n\n", escape::markdown(&note)));
        }
    }

    if let Some(examples) = crate::stdlib::examples(&g.name, &r.name) {
        // An example checked on a date of its own (a rule no longer in force) says so.
        let on = |fixture: &str| {
            example_as_of(fixture)
                .map(|d| format!(" (checked on {d})"))
                .unwrap_or_default()
        };
        if let Some(breaks) = examples.breaks {
            out.push_str(&format!(
                "## An example that breaks it{}\n\n```regard\n{}```\n\n",
                on(breaks),
                example_text(breaks)
            ));
        }
        let heading = if examples.breaks.is_some() {
            "An example that meets it"
        } else {
            "An example"
        };
        out.push_str(&format!(
            "## {heading}{}\n\n```regard\n{}```\n\n",
            on(examples.satisfies),
            example_text(examples.satisfies)
        ));
    }

    out.push_str("## How to fix it or explain it\n\n");
    let permission = r.clauses.iter().all(|c| c.modality == Modality::May);
    let statutory_duty = g.status == Status::Statutory && r.clauses.iter().any(|c| c.modality == Modality::Must);
    if permission {
        out.push_str("Nothing to fix: the rule records what the guidance allows.\n");
        return out;
    }
    out.push_str(
        "Change the declarations so that the rule holds; the help under each diagnostic says which line to change.",
    );
    if g.status == Status::Law {
        out.push_str(" This is a fact of law: a departure cannot excuse it (E0205).\n");
    } else if statutory_duty {
        out.push_str(" This is a statutory duty: a departure cannot excuse it (E0205).\n");
    } else {
        out.push_str(&format!(
            " If the council has clear reasons to do otherwise, record them, and the finding becomes a note:\n\n```text\ndepart {}.{} for POST because \"the reason, who agreed it and when\"\n```\n",
            g.name, r.name
        ));
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// The list `regard explain` prints without a name.
pub fn index(guidance: &[&Guidance]) -> String {
    let mut out = String::from("Built-in codes:\n\n");
    for e in builtins() {
        out.push_str(&format!("  {}  {}\n", e.code.as_str(), e.title()));
    }
    for g in guidance {
        out.push_str(&format!(
            "\nRules of {} ({}):\n\n",
            g.name,
            escape::for_terminal(g.title.as_deref().unwrap_or(""))
        ));
        for r in &g.rules {
            out.push_str(&format!(
                "  {}.{}  {}\n",
                g.name,
                r.name,
                escape::for_terminal(r.title.as_deref().unwrap_or(""))
            ));
        }
    }
    out.push_str("\nExplain one with `regard explain NAME`.\n");
    out
}

/// docs/diagnostics.md: every built-in code and every standard library rule.
pub fn diagnostics_page(stdlib: &[&Guidance]) -> String {
    let mut out = String::from(
        "<!-- Generated from the explanations in src/ by `REGARD_BLESS=1 cargo test --test explain`; do not edit. -->\n\n# Diagnostics\n\nEvery diagnostic regard reports, with what it means, why it matters, an example, and how to fix it. The same text is printed by `regard explain CODE` and `regard explain guidance.rule`.\n\n## Built-in checks\n\n",
    );
    for e in builtins() {
        out.push_str(&format!(
            "- [{}](#{}): {}\n",
            e.code.as_str(),
            anchor(&format!("{}: {}", e.code.as_str(), e.title())),
            e.title()
        ));
    }
    out.push_str("\n## Rules of the standard library\n\n");
    for g in stdlib {
        for r in &g.rules {
            let name = format!("{}.{}", g.name, r.name);
            out.push_str(&format!(
                "- [{name}](#{}): {}\n",
                anchor(&name),
                r.title.as_deref().unwrap_or("")
            ));
        }
    }
    for e in builtins() {
        out.push('\n');
        out.push_str(&demote(&render_builtin(e)));
    }
    for g in stdlib {
        for r in &g.rules {
            out.push('\n');
            out.push_str(&demote(&render_rule(g, r)));
        }
    }
    out
}

/// Headings one level down, so that each explanation is a section of the page.
fn demote(markdown: &str) -> String {
    let mut in_code = false;
    let mut out = String::new();
    for line in markdown.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && line.starts_with('#') {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A GitHub-style heading anchor: lowercase, spaces to hyphens, punctuation dropped
/// (letters and digits of any script are kept, as GitHub keeps them).
pub fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '_' || c == '-' => Some(c),
            _ => None,
        })
        .collect()
}

/// A guidance's page of parts: for each part of its source text (the declared parts, then
/// any other part its rules cite), the rules that cite it with the words they quote and
/// how regard reads them, or the reason it is set aside. Editors open it from a `cite`
/// (a document link), at the line where the part's section starts.
pub struct PartsPage {
    pub markdown: String,
    /// Each part, with the line (counted from 0) of its heading.
    pub lines: Vec<(crate::hir::coverage::Part, u32)>,
}

impl PartsPage {
    /// The line of `part`'s heading, if the page has one.
    pub fn line_of(&self, part: &crate::hir::coverage::Part) -> Option<u32> {
        self.lines.iter().find(|(p, _)| p.same(part)).map(|&(_, line)| line)
    }
}

/// The page of parts of `g` (see [`PartsPage`]).
pub fn parts_page(g: &Guidance) -> PartsPage {
    use crate::hir::coverage::{Part, parts_named};
    let mut parts: Vec<(Part, Option<String>)> = match &g.coverage {
        Some(coverage) => coverage
            .parts
            .iter()
            .map(|p| (p.part.clone(), p.reason.clone()))
            .collect(),
        None => Vec::new(),
    };
    for rule in &g.rules {
        for cite in &rule.cites {
            for part in parts_named(cite).1 {
                if !parts.iter().any(|(p, _)| p.same(&part)) {
                    parts.push((part, None));
                }
            }
        }
    }
    let mut out = format!("# `{}`, part by part\n\n", g.name);
    if let Some(title) = &g.title {
        out.push_str(&format!("**{}**\n\n", escape::markdown(title)));
    }
    out.push_str(&format!(
        "What regard makes of each part of the source text: the rules that cite it, with the words they quote and how regard reads them, or why it is set aside. `regard explain {}.RULE` explains a rule; `regard coverage` gives the table.\n",
        g.name
    ));
    let mut lines = Vec::new();
    for (part, reason) in parts {
        out.push('\n');
        lines.push((part.clone(), out.matches('\n').count() as u32));
        out.push_str(&format!("## {}\n\n", escape::markdown(&part.shown())));
        let mut cited = false;
        for rule in &g.rules {
            for (i, cite) in rule.cites.iter().enumerate() {
                if !parts_named(cite).1.iter().any(|p| p.same(&part)) {
                    continue;
                }
                cited = true;
                let title = rule
                    .title
                    .as_deref()
                    .map(|t| format!(": {}", escape::markdown(t)))
                    .unwrap_or_default();
                out.push_str(&format!("Cited by `{}.{}`{title}\n\n", g.name, rule.name));
                if let Some(quote) = rule.quotes.get(i) {
                    out.push_str(&format!("> {}\n\n", escape::markdown(quote)));
                }
                for reading in &rule.readings {
                    out.push_str(&format!("Reading: {}\n\n", escape::markdown(reading)));
                }
            }
        }
        match (reason, cited) {
            (Some(reason), _) => out.push_str(&format!("Set aside: {}\n", escape::markdown(&reason))),
            (None, false) => out.push_str("Declared, but neither cited by a rule nor set aside (W0305).\n"),
            (None, true) => {}
        }
    }
    PartsPage {
        markdown: out.trim_end().to_string() + "\n",
        lines,
    }
}
