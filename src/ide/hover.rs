//! Hover: what a name is (its title and documentation, a post's roles and reporting
//! line, a rule's citations), and the rule behind a diagnostic under the cursor.

use super::{Symbol, symbol_at};
use crate::db::{self, SourceFile, Workspace};
use crate::diagnostics::Code;
use crate::diagnostics::escape;
use crate::diagnostics::lines::Lines;
use crate::hir::{Council, DefKind, Guidance, Post, Rule, TargetRef};
use crate::syntax::ast::{Item, PostKind, Status, TargetKind};
use crate::syntax::{Name, Span};

/// What to show, in Markdown, and the span it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub markdown: String,
    pub span: Span,
}

pub fn hover(db: &dyn salsa::Database, ws: Workspace, file: SourceFile, offset: u32) -> Option<Hover> {
    let mut sections = Vec::new();
    let mut span = None;
    if let Some(o) = symbol_at(db, ws, file, offset) {
        span = Some(o.span);
        sections.extend(describe(db, ws, &o.symbol));
    }
    // The rules broken where the cursor is.
    for d in db::file_diagnostics(db, ws, file) {
        let Code::Rule { guidance, rule } = &d.code else {
            continue;
        };
        if d.span.start <= offset && offset <= d.span.end.max(d.span.start + 1) {
            span.get_or_insert(d.span);
            if let Some((g, r)) = find_rule(db, ws, guidance, rule) {
                sections.push(format!(
                    "{}\n\n{}",
                    escape::markdown_message(&d.message),
                    rule_markdown(g, r)
                ));
            }
        }
    }
    (!sections.is_empty()).then(|| Hover {
        markdown: sections.join("\n\n---\n\n"),
        span: span.unwrap_or_default(),
    })
}

fn find_rule<'db>(
    db: &'db dyn salsa::Database,
    ws: Workspace,
    guidance: &str,
    rule: &str,
) -> Option<(&'db Guidance, &'db Rule)> {
    let def = db::def_map(db, ws).get_kind(guidance, DefKind::Guidance)?;
    let g = db::lower_guidance(db, ws, def.file)
        .guidance
        .iter()
        .find(|g| g.name == guidance)?;
    Some((g, g.rule(rule)?))
}

fn find_council<'db>(db: &'db dyn salsa::Database, ws: Workspace, name: &str) -> Option<&'db Council> {
    let def = db::def_map(db, ws).get_kind(name, DefKind::Council)?;
    db::lower_councils(db, ws, def.file)
        .councils
        .iter()
        .find(|c| c.name == name)
}

fn describe(db: &dyn salsa::Database, ws: Workspace, symbol: &Symbol) -> Option<String> {
    match symbol {
        Symbol::Global(name) => global(db, ws, name),
        Symbol::Rule { guidance, rule } => find_rule(db, ws, guidance, rule).map(|(g, r)| rule_markdown(g, r)),
        Symbol::Post { council, post } => {
            let c = find_council(db, ws, council)?;
            match c.post(post) {
                Some(i) => Some(post_markdown(c, &c.posts[i])),
                None => c.records.iter().find(|r| r.name == post).map(|r| {
                    let covers: Vec<String> = r.covers.iter().map(|&p| format!("`{}`", c.posts[p].name)).collect();
                    let mut md = format!("**assurance record** `{}` of `{}`", r.name, c.name);
                    if let Some((date, _)) = r.dated {
                        md.push_str(&format!("\n\nDated {date}"));
                    }
                    if !covers.is_empty() {
                        md.push_str(&format!("\n\nCovers {}", covers.join(", ")));
                    }
                    if !r.addresses.is_empty() {
                        md.push_str(&format!("\n\nAddresses {}", r.addresses.join(", ")));
                    }
                    md
                }),
            }
        }
    }
}

fn global(db: &dyn salsa::Database, ws: Workspace, name: &str) -> Option<String> {
    let def = db::def_map(db, ws).get(name)?;
    let item = db::parse(db, def.file).file.items.get(def.item as usize)?;
    let title = def.title.as_deref().map(title_markdown).unwrap_or_default();
    let kind = match def.target {
        Some(t) => format!(
            "relation ({} → {})",
            "post",
            match t {
                TargetKind::Post => "post",
                TargetKind::Body => "body",
                TargetKind::Function => "function",
            }
        ),
        None => def.kind.noun().to_string(),
    };
    let mut md = format!("**{kind}** `{name}`{title}");
    let doc = match item {
        Item::Vocab(v) => v.doc.clone(),
        Item::Guidance(g) => g.doc.clone(),
        Item::Council(c) => c.doc.clone(),
    };
    if let Some(doc) = doc {
        md.push_str(&format!("\n\n{}", doc_markdown(&doc)));
    }
    match def.kind {
        DefKind::Guidance => {
            let lowered = db::lower_guidance(db, ws, def.file);
            if let Some(g) = lowered.guidance.iter().find(|g| g.name == name) {
                let status = match g.status {
                    Status::Statutory | Status::Advisory => format!("{} guidance", g.status.as_str()),
                    Status::Law => "facts of law, which every council follows".to_string(),
                };
                md.push_str(&format!("\n\n{status}, {} rules", g.rules.len()));
                if !def.replaces.is_empty() {
                    md.push_str(&format!(
                        "; replaces {}",
                        def.replaces
                            .iter()
                            .map(|r| format!("`{r}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
        }
        DefKind::Council => {
            if let Some(c) = find_council(db, ws, name) {
                let follows: Vec<String> = c.follows.iter().map(|f| format!("`{}`", f.guidance)).collect();
                md.push_str(&format!("\n\n{} posts; follows {}", c.posts.len(), follows.join(", ")));
                if !c.flags.is_empty() {
                    let flags: Vec<String> = c.flags.iter().map(|f| format!("`{}`", f.flag)).collect();
                    md.push_str(&format!("; is {}", flags.join(", ")));
                }
            }
        }
        DefKind::Group => {
            if let Some((kind, members)) = db::group_members(db, ws, name) {
                let items: Vec<String> = members
                    .iter()
                    .map(|m| match m.joined {
                        None => format!("`{}`", m.name),
                        Some((file, span)) => {
                            let line = Lines::new(file.text(db)).position(span.start as usize).line;
                            format!("`{}` (joined in {}:{line})", m.name, escape::markdown(file.path(db)))
                        }
                    })
                    .collect();
                md.push_str(&format!("\n\ngathers {}: {}", kind.plural(), items.join(", ")));
            }
        }
        DefKind::Relation if !def.implies.is_empty() => {
            let implied: Vec<String> = def.implies.iter().map(|i| format!("`{i}`")).collect();
            md.push_str(&format!("\n\nimplies {}", implied.join(", ")));
        }
        _ => {}
    }
    md.push_str(&format!("\n\n*declared in {}*", escape::markdown(def.file.path(db))));
    Some(md)
}

fn post_markdown(c: &Council, p: &Post) -> String {
    let kind = match p.kind {
        PostKind::Officer => "officer",
        PostKind::Member => "member",
    };
    let title = p.title.as_deref().map(title_markdown).unwrap_or_default();
    let mut md = format!("**{kind}** `{}` of `{}`{title}", p.name, c.name);
    if let Some(holder) = &p.holder {
        md.push_str(&format!("\n\nHeld by {}", escape::markdown(holder)));
    }
    let list = |v: Vec<Name>| v.iter().map(|x| format!("`{x}`")).collect::<Vec<_>>().join(", ");
    if !p.roles.is_empty() {
        let roles: Vec<String> = p
            .roles
            .iter()
            .map(|r| match r.interim {
                true => format!("`{}` (interim)", r.role),
                false => format!("`{}`", r.role),
            })
            .collect();
        md.push_str(&format!("\n\nHolds {}", roles.join(", ")));
    }
    if p.vacant.is_some() {
        md.push_str("\n\nVacant: it holds none of its roles for the rules");
    }
    if !p.flags.is_empty() {
        md.push_str(&format!(
            "\n\nIs {}",
            list(p.flags.iter().map(|f| f.flag.clone()).collect())
        ));
    }
    for r in p.relations.iter().filter(|r| r.implied_by.is_none()) {
        let targets: Vec<String> = r
            .targets
            .iter()
            .map(|t| match t {
                TargetRef::Post(q) => {
                    let q = &c.posts[*q];
                    match &q.title {
                        Some(t) => format!("`{}` ({})", q.name, escape::markdown(t)),
                        None => format!("`{}`", q.name),
                    }
                }
                TargetRef::Item(i) => format!("`{i}`"),
            })
            .collect();
        md.push_str(&format!("\n\n`{}` {}", r.relation, targets.join(", ")));
    }
    if !p.shared_with.is_empty() {
        md.push_str(&format!(
            "\n\nShared with {}",
            list(p.shared_with.iter().map(|s| s.council.clone()).collect())
        ));
    }
    md
}

/// A rule: its title, guidance, clauses, citations and quotes.
pub fn rule_markdown(g: &Guidance, r: &Rule) -> String {
    let mut md = format!("**rule** `{}.{}`", g.name, r.name);
    if let Some(t) = &r.title {
        md.push_str(&title_markdown(t));
    }
    md.push_str(&format!(
        "\n\nFrom *{}*",
        escape::markdown(g.title.as_deref().unwrap_or(&g.name))
    ));
    for c in &r.clauses {
        let text = escape::source_for_terminal(&c.text);
        let fence = escape::markdown_fence(&text);
        md.push_str(&format!("\n\n{fence}regard\n{text}\n{fence}"));
    }
    for note in r.notes() {
        md.push_str(&format!("\n\n> {}", escape::markdown_message(&note)));
    }
    md
}

/// " — Title", the title as text: a declared title never becomes a link, an image or
/// HTML, and a bidirectional control in it cannot reorder what the hover shows.
fn title_markdown(title: &str) -> String {
    format!(" — {}", escape::markdown(title))
}

/// A `///` comment, line by line as text (its line breaks kept), for the same reasons
/// as a title: a comment is the declarer's words, not markup for the editor to load.
fn doc_markdown(doc: &str) -> String {
    doc.lines()
        .map(escape::markdown_message)
        .collect::<Vec<_>>()
        .join("  \n")
}
