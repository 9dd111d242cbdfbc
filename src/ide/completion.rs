//! Completion: what may stand at the cursor. Statements are lines, so the block the
//! cursor is in and the words already on its line say what comes next: roles after
//! `holds`, the right kind of target after a relation, flags after `is`, guidance after
//! `follows`, the rules of the followed guidance after `depart`, and statement keywords
//! at the start of a line.

use crate::db::{self, SourceFile, Workspace};
use crate::hir::{DefKind, DefMap, VACANT};
use crate::syntax::ast::{self, Item, TargetKind};
use crate::syntax::{self, Name, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Keyword,
    /// A global name of this kind.
    Name(DefKind),
    Post,
    Rule,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
}

/// The candidates, and the span of the partly typed word they replace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completions {
    pub items: Vec<Completion>,
    pub replace: Span,
}

/// The block the cursor is in, innermost.
enum Block<'a> {
    Top,
    Guidance,
    Rule,
    Council(&'a ast::CouncilDecl),
    Post(&'a ast::CouncilDecl),
    Record(&'a ast::CouncilDecl),
}

/// Whether `offset` is inside a block: after its header line, before its end.
fn inside(head: Span, whole: Span, offset: u32) -> bool {
    head.end <= offset && offset <= whole.end
}

fn block_at(file: &ast::File, offset: u32) -> Block<'_> {
    for item in &file.items {
        match item {
            Item::Guidance(g) if inside(g.head_span, g.span, offset) => {
                let in_rule = g.rules.iter().any(|r| inside(r.head_span, r.span, offset));
                return if in_rule { Block::Rule } else { Block::Guidance };
            }
            Item::Council(c) if inside(c.head_span, c.span, offset) => {
                if c.posts
                    .iter()
                    .any(|p| p.close.is_some() && inside(p.head_span, p.span, offset))
                {
                    return Block::Post(c);
                }
                if c.records.iter().any(|r| inside(r.head_span, r.span, offset)) {
                    return Block::Record(c);
                }
                return Block::Council(c);
            }
            _ => {}
        }
    }
    Block::Top
}

/// What a clause may start with, after the keywords that start a rule's other lines.
const CLAUSE_STARTS: &[&str] = &[
    "must",
    "should",
    "may",
    "not",
    "exists",
    "one",
    "combine",
    "assurance",
    "post",
    "council",
];
const CONDITION: &[&str] = &[
    "requires",
    "when",
    "unless",
    "and",
    "or",
    "not",
    "holds",
    "is",
    "council is",
    "assurance",
    "dated within",
    "addresses",
    "covers",
];

pub fn completions(db: &dyn salsa::Database, ws: Workspace, file: SourceFile, offset: u32) -> Completions {
    let text = file.text(db);
    let offset = (offset as usize).min(text.len());
    let Some(before_cursor) = text.get(..offset) else {
        return Completions::default();
    };
    let line = &before_cursor[before_cursor.rfind('\n').map_or(0, |i| i + 1)..];
    if line.contains("//") || line.matches('"').count() % 2 == 1 {
        return Completions::default();
    }
    let partial_len = line
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .count();
    let replace = Span::new(offset - partial_len, offset);
    let before = &line[..line.len() - partial_len];
    // After a name and a space (not a comma), a list item may go on: `holds DCS interim`.
    let after_item = !before.trim_end().ends_with(',') && before.ends_with(char::is_whitespace);
    let words: Vec<&str> = before
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();

    let defs = db::def_map(db, ws);
    let parse = db::parse(db, file);
    let mut out = Candidates {
        defs,
        items: Vec::new(),
    };
    match block_at(&parse.file, offset as u32) {
        Block::Top => match words.first() {
            None => out.keywords(syntax::Block::Top.line_keywords()),
            Some(&"relation") if words.contains(&"->") => out.keywords(&["post", "body", "function"]),
            Some(&"relation") if words.contains(&":") => out.keywords(&["post"]),
            // `role NAME "Title" in ...`: the groups a declaration may join.
            Some(&("role" | "body" | "function" | "element")) if words.last() == Some(&"in") => {
                out.globals(DefKind::Group)
            }
            _ => {}
        },
        Block::Guidance => match words.first() {
            None => out.keywords(syntax::Block::Guidance.line_keywords()),
            Some(&"status") => out.keywords(&["statutory", "advisory", "law"]),
            Some(&"replaces") => out.globals(DefKind::Guidance),
            _ => {}
        },
        Block::Rule => match words.last() {
            None => {
                out.keywords(syntax::Block::Rule.line_keywords());
                out.keywords(CLAUSE_STARTS);
            }
            Some(&("other_than" | "except")) => out.globals(DefKind::Group),
            Some(&("holds" | "covers")) => {
                if words.last() == Some(&"holds") {
                    out.keywords(&["other_than"]);
                }
                out.globals(DefKind::Role)
            }
            Some(&last)
                if words.len() > 1
                    && words[words.len() - 2] == "holds"
                    && after_item
                    && defs.get_kind(last, DefKind::Role).is_some() =>
            {
                out.keywords(&["interim"]);
                out.keywords(CONDITION);
            }
            // `council is FLAG`, or `is FLAG` in a clause about the council.
            Some(&"is") if words.len() >= 2 && words[words.len() - 2] == "council" => out.globals(DefKind::CouncilFlag),
            Some(&"is") => {
                out.keywords(&["officer", "member", "shared", VACANT]);
                out.globals(DefKind::Flag);
            }
            Some(&"addresses") => out.globals(DefKind::Element),
            Some(&("cite" | "quote" | "reading" | "within")) => {}
            Some(last) if defs.get_kind(last, DefKind::Relation).is_some() => {
                let kind = defs.get(last).and_then(|d| d.target).unwrap_or(TargetKind::Post);
                out.targets_of_kind(kind);
            }
            Some(&"council")
                if words.len() >= 2 && !matches!(words[words.len() - 2], "must" | "should" | "may" | "not") =>
            {
                out.keywords(&["is"])
            }
            Some(&("must" | "should" | "may" | "not")) => {
                out.keywords(&["not", "exists", "one", "combine", "assurance", "post", "council"]);
                out.globals(DefKind::Role);
            }
            Some(&("exists" | "one")) => {
                out.keywords(&["combine", "assurance", "post"]);
                out.globals(DefKind::Role);
            }
            Some(_) => {
                out.keywords(CONDITION);
                out.globals(DefKind::Relation);
                out.globals(DefKind::Role);
            }
        },
        Block::Council(c) => match words.first() {
            None => out.keywords(syntax::Block::Council.line_keywords()),
            Some(&"follows") => out.globals(DefKind::Guidance),
            Some(&"is") => out.globals(DefKind::CouncilFlag),
            Some(&"depart") if words.contains(&"because") => {}
            Some(&"depart") if words.last() == Some(&"for") => out.posts(c),
            Some(&"depart") if words.len() == 1 => out.rules(db, ws, file, c),
            Some(&"depart") => out.keywords(&["for", "because"]),
            _ => {}
        },
        Block::Post(c) => match words.first() {
            None => {
                out.keywords(syntax::Block::Post.line_keywords());
                out.globals(DefKind::Relation);
            }
            Some(&"holds") => match words.last() {
                Some(&last) if words.len() > 1 && after_item && defs.get_kind(last, DefKind::Role).is_some() => {
                    out.keywords(&["interim"])
                }
                _ => out.globals(DefKind::Role),
            },
            Some(&"is") => {
                out.keywords(&[VACANT]);
                out.globals(DefKind::Flag);
            }
            Some(&"shared") if words.get(1) == Some(&"with") => out.councils_except(&c.name.text),
            Some(&"shared") => out.keywords(&["with"]),
            Some(&"holder") => {}
            Some(relation) => {
                if let Some(def) = defs.get_kind(relation, DefKind::Relation) {
                    match def.target.unwrap_or(TargetKind::Post) {
                        TargetKind::Post => out.posts(c),
                        other => out.targets_of_kind(other),
                    }
                }
            }
        },
        Block::Record(c) => match words.first() {
            None => out.keywords(syntax::Block::Assurance.line_keywords()),
            Some(&"covers") => out.posts(c),
            Some(&"addresses") => out.globals(DefKind::Element),
            _ => {}
        },
    }
    Completions {
        items: out.items,
        replace,
    }
}

struct Candidates<'a> {
    defs: &'a DefMap,
    items: Vec<Completion>,
}

impl Candidates<'_> {
    fn push(&mut self, label: &str, kind: CompletionKind, detail: Option<String>) {
        if !self.items.iter().any(|i| i.label == label) {
            self.items.push(Completion {
                label: label.to_string(),
                kind,
                detail,
            });
        }
    }

    fn keywords(&mut self, words: &[&str]) {
        for w in words {
            self.push(w, CompletionKind::Keyword, None);
        }
    }

    fn globals(&mut self, kind: DefKind) {
        let defs: Vec<(Name, Option<String>)> = self
            .defs
            .defs
            .iter()
            .filter(|d| d.kind == kind)
            .map(|d| (d.name.clone(), d.title.clone()))
            .collect();
        for (name, title) in defs {
            self.push(&name, CompletionKind::Name(kind), title);
        }
    }

    fn targets_of_kind(&mut self, kind: TargetKind) {
        match kind {
            TargetKind::Post => self.globals(DefKind::Role),
            TargetKind::Body => self.globals(DefKind::Body),
            TargetKind::Function => self.globals(DefKind::Function),
        }
    }

    /// The posts of the council, and the roles that stand for one of them.
    fn posts(&mut self, c: &ast::CouncilDecl) {
        for p in &c.posts {
            self.push(
                &p.name.text,
                CompletionKind::Post,
                p.title.as_ref().map(|t| t.value.clone()),
            );
        }
        let mut roles: Vec<(&str, usize)> = Vec::new();
        // A vacant post holds no role for the rules: a role stands for a post only
        // when exactly one post that is not vacant holds it.
        let vacant = |p: &ast::PostDecl| {
            p.stmts
                .iter()
                .any(|s| matches!(&s.kind, ast::PostStmtKind::Is(flags) if flags.iter().any(|f| f.text == VACANT)))
        };
        for p in c.posts.iter().filter(|p| !vacant(p)) {
            for stmt in &p.stmts {
                if let ast::PostStmtKind::Holds(held) = &stmt.kind {
                    for h in held {
                        let n = &h.role;
                        match roles.iter_mut().find(|(r, _)| *r == n.text) {
                            Some((_, count)) => *count += 1,
                            None => roles.push((&n.text, 1)),
                        }
                    }
                }
            }
        }
        for (role, count) in roles {
            if count == 1 && self.defs.get_kind(role, DefKind::Role).is_some() {
                self.push(
                    role,
                    CompletionKind::Name(DefKind::Role),
                    Some("the post that holds it".into()),
                );
            }
        }
    }

    fn councils_except(&mut self, this: &str) {
        let councils: Vec<(Name, Option<String>)> = self
            .defs
            .defs
            .iter()
            .filter(|d| d.kind == DefKind::Council && d.name != this)
            .map(|d| (d.name.clone(), d.title.clone()))
            .collect();
        for (name, title) in councils {
            self.push(&name, CompletionKind::Name(DefKind::Council), title);
        }
    }

    /// The rules of the guidance the council follows, qualified where two have a rule
    /// of the same name.
    fn rules(&mut self, db: &dyn salsa::Database, ws: Workspace, file: SourceFile, c: &ast::CouncilDecl) {
        let lowered = db::lower_councils(db, ws, file);
        let Some(council) = lowered.councils.iter().find(|l| l.name == c.name.text) else {
            return;
        };
        let mut all: Vec<(Name, Name, Option<String>)> = Vec::new();
        for f in &council.follows {
            let Some(def) = self.defs.get_kind(&f.guidance, DefKind::Guidance) else {
                continue;
            };
            let Some(g) = db::lower_guidance(db, ws, def.file)
                .guidance
                .iter()
                .find(|g| g.name == f.guidance)
            else {
                continue;
            };
            all.extend(
                g.rules
                    .iter()
                    .map(|r| (g.name.clone(), r.name.clone(), r.title.clone())),
            );
        }
        for (g, r, title) in &all {
            let ambiguous = all.iter().filter(|(_, other, _)| other == r).count() > 1;
            let label = if ambiguous { format!("{g}.{r}") } else { r.to_string() };
            self.push(&label, CompletionKind::Rule, title.clone());
        }
    }
}
