//! The salsa database: the inputs (one per source file, and the workspace) and one
//! tracked query per phase, shared by the command line and the language server.
//!
//! ```text
//! parse(file) ─▶ file_defs(file) ┄▶ Workspace::defs ─▶ lower_guidance(ws, file)
//!                                                   └─▶ lower_councils(ws, file) ─▶ check_file(ws, file)
//! ```
//!
//! The dotted step is not a query: the session builds the name table from every file's
//! `file_defs` and sets it as an input (see `Workspace`); [`def_map`] only reads it.
//!
//! The queries return values (diagnostics included) rather than accumulating them, so
//! salsa can compare a recomputed result with the old one and stop there: editing inside
//! one council leaves `file_defs` and `def_map` equal, and no other council is rechecked
//! unless it shares a post with the edited one.

use jiff::civil::Date;

use crate::check::{self, CouncilLookup};
use crate::diagnostics::{Builtin, Diagnostic};
pub use crate::hir::CheckDates;
use crate::hir::finding::{Duplicated, Finding, FindingKind};
use crate::hir::lower::{self, Env, GuidanceLookup, Locate};
use crate::hir::{Council, DefKind, DefMap, FileDefs, Guidance, LoweredCouncils, LoweredGuidance};
use crate::messages;
use crate::syntax::{self, Span, ast};

pub use crate::base::{Contents, Origin, SourceFile};

/// The files checked together, in order (the standard library first, then by path),
/// the date the check is made on, and the table of global names.
///
/// The name table is an input the driver (`Session`) keeps up to date from the
/// per-file summaries ([`file_defs`]), rather than a query over every file: a query
/// would make every edit verify every file's summary, so an editor would wait longer
/// the larger the workspace. As an input, an edit that declares nothing new changes
/// nothing global, whatever the number of files.
#[salsa::input(debug)]
pub struct Workspace {
    #[returns(ref)]
    pub files: Vec<SourceFile>,
    #[returns(copy)]
    pub as_of: Date,
    #[returns(ref)]
    pub defs: DefMap,
    /// How a council's own `as_of` is taken (language-v3 3.6).
    #[returns(copy)]
    pub dates: CheckDates,
}

#[salsa::db]
#[derive(Clone, Default)]
pub struct Database {
    storage: salsa::Storage<Self>,
}

#[salsa::db]
impl salsa::Database for Database {}

impl Database {
    /// A database whose every executed query is reported to `log` (for tests that
    /// assert what an edit recomputes).
    pub fn with_event_log(log: std::sync::Arc<std::sync::Mutex<Vec<String>>>) -> Database {
        Database {
            storage: salsa::Storage::new(Some(Box::new(move |event: salsa::Event| {
                if let salsa::EventKind::WillExecute { database_key } = event.kind
                    && let Ok(mut log) = log.lock()
                {
                    log.push(format!("{database_key:?}"));
                }
            }))),
        }
    }
}

// ─── Queries ───────────────────────────────────────────────────────────────────────

#[salsa::tracked(returns(ref))]
pub fn parse(db: &dyn salsa::Database, file: SourceFile) -> syntax::Parse {
    match file.contents(db) {
        Contents::Text(text) => syntax::parse(text),
        _ => syntax::Parse::default(),
    }
}

#[salsa::tracked(returns(ref))]
pub fn file_defs(db: &dyn salsa::Database, file: SourceFile) -> FileDefs {
    FileDefs::of(&parse(db, file).file)
}

/// The workspace's global names.
pub fn def_map(db: &dyn salsa::Database, ws: Workspace) -> &DefMap {
    ws.defs(db)
}

/// The name table of `files`, from their summaries.
pub fn build_def_map(db: &dyn salsa::Database, files: &[SourceFile]) -> DefMap {
    DefMap::build(
        files
            .iter()
            .map(|&f| (f, f.origin(db) == Origin::Stdlib, file_defs(db, f))),
    )
}

#[salsa::tracked(returns(ref))]
pub fn lower_guidance(db: &dyn salsa::Database, ws: Workspace, file: SourceFile) -> LoweredGuidance {
    let defs = def_map(db, ws);
    let lookup = Lookup { db, ws, defs };
    let env = lookup.env(file);
    let ast = &parse(db, file).file;
    let mut lowered = lower::lower_guidance(&env, ast);
    let decl = |def: &crate::hir::Def| match ast.items.get(def.item as usize) {
        Some(ast::Item::Guidance(g)) if def.file == file => Some(g),
        _ => None,
    };
    let def_span = |def: &crate::hir::Def| def_name_span(db, def);
    let cycles = crate::hir::wellformed::replaces_cycles(file, defs, &decl, &def_span);
    lowered
        .findings
        .extend(cycles.into_iter().map(|kind| Finding { kind, council: None }));
    lowered
}

/// The councils of a file, lowered. Of all the queries this holds the most memory (a
/// national check lowers 10,000 councils), and once a council is checked its model is
/// rarely needed again, so only the most recently used are kept between revisions (and
/// between the batches `Session::diagnostics` checks in); the others are rebuilt from
/// the syntax tree if ever asked for.
#[salsa::tracked(returns(ref), lru = 512)] // The capacity is set per session: `Session::new_in`.
pub fn lower_councils(db: &dyn salsa::Database, ws: Workspace, file: SourceFile) -> LoweredCouncils {
    let lookup = Lookup {
        db,
        ws,
        defs: def_map(db, ws),
    };
    lower::lower_councils(&lookup.env(file), &parse(db, file).file, &lookup)
}

#[salsa::tracked(returns(ref), lru = 512)] // Only `file_diagnostics` reads it; the capacity is set with `keep_lowered`.
pub fn check_file(db: &dyn salsa::Database, ws: Workspace, file: SourceFile) -> Vec<Diagnostic> {
    let defs = def_map(db, ws);
    let lookup = Lookup { db, ws, defs };
    let mut out = Vec::new();
    for council in &lower_councils(db, ws, file).councils {
        let ctx = check::Context {
            council,
            text: file.text(db),
            as_of: council.as_of,
            defs,
            guidance: &lookup,
            councils: &lookup,
        };
        let checked = check::check_council(&ctx);
        out.extend(
            checked
                .findings
                .iter()
                .map(|f| messages::council_diagnostic(council.file, &council.name, f)),
        );
        out.extend(checked.violations.iter().map(messages::violation_diagnostic));
    }
    out
}

/// Every diagnostic whose primary span is in `file`, sorted by position then code.
#[salsa::tracked(returns(ref))]
pub fn file_diagnostics(db: &dyn salsa::Database, ws: Workspace, file: SourceFile) -> Vec<Diagnostic> {
    let mut out = input_diagnostics(db, file);
    let parsed = parse(db, file);
    let defs = def_map(db, ws);
    for dup in defs.duplicates.iter().filter(|d| d.file == file) {
        let Some(item) = parsed.file.items.get(dup.item as usize) else {
            continue;
        };
        let first = &defs.defs[dup.first as usize];
        // A name the standard library has come to declare, declared by the user as the
        // same kind of vocabulary name: a warning, and the library's declaration is used
        // (language-v3 3.9). Groups, guidance and councils declared again stay E0103.
        let duplicate = match dup.library {
            true => FindingKind::DeclaredByLibrary {
                name: item.name().text.clone(),
                kind: first.kind,
                span: item.name().span,
                library: first.file,
                first: def_name_span(db, first).unwrap_or_default(),
            },
            false => FindingKind::Duplicate {
                what: Duplicated::Named(item.name().text.clone()),
                later: item.name().span,
                first_file: first.file,
                first: def_name_span(db, first).unwrap_or_default(),
            },
        };
        out.push(messages::diagnostic(
            file,
            &Finding {
                kind: duplicate,
                council: None,
            },
        ));
    }
    let lowered = lower_guidance(db, ws, file).findings.iter();
    let lowered = lowered.chain(&lower_councils(db, ws, file).findings);
    out.extend(lowered.map(|f| messages::diagnostic(file, f)));
    out.extend(check_file(db, ws, file).iter().cloned());
    sort(&mut out);
    out
}

/// Every diagnostic of the workspace, in file order.
pub fn workspace_diagnostics(db: &dyn salsa::Database, ws: Workspace) -> Vec<Diagnostic> {
    ws.files(db)
        .iter()
        .flat_map(|&f| file_diagnostics(db, ws, f).iter().cloned())
        .collect()
}

/// What stops a file from being read as regard at all: it cannot be read, is not UTF-8,
/// is too large, or has syntax errors. This is what `regard fmt` refuses a file for.
pub fn input_diagnostics(db: &dyn salsa::Database, file: SourceFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    out.extend(messages::unreadable_diagnostic(file, file.contents(db)));
    match file.contents(db) {
        Contents::Text(_) | Contents::Unreadable(_) | Contents::NotUtf8 { .. } => {}
        Contents::TooLarge(size) => {
            let e = syntax::SyntaxError::too_large(*size);
            out.push(
                Diagnostic::builtin(syntax_code(e.kind), file, e.span, e.message).with_help(e.help.unwrap_or_default()),
            );
        }
    }
    let parsed = parse(db, file);
    for e in &parsed.errors {
        let mut d = Diagnostic::builtin(syntax_code(e.kind), file, e.span, e.message.clone());
        d.help = e.help.clone();
        d.notes.extend(e.note.clone());
        d.council = council_at(&parsed.file, e.span);
        out.push(d);
    }
    out
}

/// The code of a syntax error of this kind.
fn syntax_code(kind: syntax::SyntaxErrorKind) -> Builtin {
    match kind {
        syntax::SyntaxErrorKind::Invalid => Builtin::E0001,
        syntax::SyntaxErrorKind::OverLimit => Builtin::E0003,
    }
}

/// Sorts one file's diagnostics by position, then code.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end)
            .cmp(&(b.span.start, b.span.end))
            .then_with(|| a.code.to_string().cmp(&b.code.to_string()))
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// The span of a global definition's name.
pub fn def_name_span(db: &dyn salsa::Database, def: &crate::hir::Def) -> Option<Span> {
    parse(db, def.file)
        .file
        .items
        .get(def.item as usize)
        .map(|i| i.name().span)
}

/// A member of a group: listed on the group's line, or joined with `in` (language-v3
/// 3.4) by the declaration at `joined`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupMember {
    pub name: crate::syntax::Name,
    /// The file and the name of the declaration that joined the group with `in`.
    pub joined: Option<(SourceFile, Span)>,
}

/// A group's kind and members, those of its line first, then those that joined it, in
/// declaration order: what `regard explain GROUP`, hover and the report show. `None` for
/// a name that is not a group, or a group none of whose items resolves.
pub fn group_members(db: &dyn salsa::Database, ws: Workspace, name: &str) -> Option<(DefKind, Vec<GroupMember>)> {
    let defs = def_map(db, ws);
    let (kind, items) = defs.group(name)?;
    // The members listed on the group's own line did not join it.
    let listed = &defs.get_kind(name, DefKind::Group)?.implies;
    let members = items
        .iter()
        .map(|item| {
            let joined = defs
                .joined(name)
                .find(|j| j.member == *item && j.kind == kind)
                .filter(|_| !listed.contains(item))
                .and_then(|j| {
                    let decl = parse(db, j.file).file.items.get(j.item as usize)?;
                    Some((j.file, decl.name().span))
                });
            GroupMember {
                name: item.clone(),
                joined,
            }
        })
        .collect();
    Some((kind, members))
}

/// The council whose block contains `span`, if any.
fn council_at(file: &ast::File, span: Span) -> Option<String> {
    file.items.iter().find_map(|item| match item {
        ast::Item::Council(c) if c.span.start <= span.start && span.start < c.span.end.max(c.span.start + 1) => {
            Some(c.name.text.to_string())
        }
        _ => None,
    })
}

/// Finds lowered guidance, councils and definitions' spans through the queries.
struct Lookup<'db> {
    db: &'db dyn salsa::Database,
    ws: Workspace,
    defs: &'db DefMap,
}

impl<'db> Lookup<'db> {
    fn env(&self, file: SourceFile) -> Env<'_> {
        Env {
            defs: self.defs,
            as_of: self.ws.as_of(self.db),
            dates: self.ws.dates(self.db),
            file,
            text: file.text(self.db),
            locate: self,
        }
    }
}

impl Locate for Lookup<'_> {
    fn def_span(&self, def: &crate::hir::Def) -> Option<Span> {
        def_name_span(self.db, def)
    }
}

impl GuidanceLookup for Lookup<'_> {
    fn guidance(&self, name: &str) -> Option<&Guidance> {
        let def = self.defs.get_kind(name, DefKind::Guidance)?;
        lower_guidance(self.db, self.ws, def.file)
            .guidance
            .iter()
            .find(|g| g.name == name)
    }
}

impl CouncilLookup for Lookup<'_> {
    fn council(&self, name: &str) -> Option<&Council> {
        let def = self.defs.get_kind(name, DefKind::Council)?;
        lower_councils(self.db, self.ws, def.file)
            .councils
            .iter()
            .find(|c| c.name == name)
    }
}

/// Sets how many files' lowered councils are kept (the LRU capacity of
/// [`lower_councils`]).
pub fn keep_lowered(db: &mut Database, files: usize) {
    lower_councils::set_lru_capacity(db, files);
    // The checks' own findings are copied into `file_diagnostics`: keeping both for
    // every file would hold every finding twice.
    check_file::set_lru_capacity(db, files);
}
