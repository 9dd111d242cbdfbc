//! regard: a policy language and checker for the statutory guidance on the Director of
//! Children's Services (DCS) and the Lead Member for Children's Services (LMCS).
//!
//! The pipeline, one module a phase: [`syntax`] (text to tree), [`hir`] (names
//! resolved), [`check`] (rules and built-in checks), [`diagnostics`] (the one diagnostic
//! type and its renderers), all tied together by the salsa queries in [`db`]. This file
//! is the API the command line, the tests and other tools use.

// pest's generated parser, built without pest's `std` feature, names `crate::alloc`.
extern crate alloc;

pub mod analyze;
pub mod base;
pub mod check;
pub mod coverage;
pub mod db;
pub mod diagnostics;
pub mod expect;
pub mod explain;
pub mod files;
pub mod fmt;
pub mod generate;
pub mod graph;
pub mod hir;
pub mod ide;
pub mod impact;
pub mod init;
pub mod invariants;
pub mod lsp;
pub mod messages;
pub mod parallel;
pub mod report;
pub mod stdlib;
pub mod symbolic;
pub mod syntax;
pub mod watch;

use std::collections::HashMap;

use jiff::civil::Date;

use db::{Contents, Database, Origin, SourceFile, Workspace};
pub use diagnostics::Format;
use diagnostics::json::Summary;
use diagnostics::{Code, Counts, Diagnostic, render};
use salsa::Setter;

/// One file to check: the path shown for it and what reading it gave.
#[derive(Clone, Debug)]
pub struct Input {
    pub path: String,
    pub contents: Contents,
}

impl Input {
    pub fn text(path: impl Into<String>, text: impl Into<String>) -> Input {
        Input {
            path: path.into(),
            contents: Contents::Text(text.into()),
        }
    }
}

/// How to check.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The date the check is made on: `dated within` counts back from it.
    pub as_of: Date,
    /// Whether to load the standard library.
    pub stdlib: bool,
    /// Whether `as_of` was given (`--as-of`): it then overrides every council's own
    /// `as_of`; otherwise it is the date for councils that do not say theirs.
    pub as_of_given: bool,
}

/// A workspace loaded into a database, ready to query.
pub struct Session {
    pub db: Database,
    pub workspace: Workspace,
    /// The most files checked in one batch, and lowered models kept (see [`batches`]).
    batch: usize,
}

impl Session {
    /// Loads the standard library (unless disabled) and `inputs`, in workspace order:
    /// the standard library first, then the inputs sorted by path.
    pub fn new(inputs: Vec<Input>, options: Options) -> Session {
        Session::new_in(Database::default(), inputs, options)
    }

    /// As [`Session::new`], in a database made beforehand (with an event log, say).
    pub fn new_in(db: Database, inputs: Vec<Input>, options: Options) -> Session {
        Session::new_without(db, inputs, options, None)
    }

    /// As [`Session::new_in`], leaving out the standard library's file `skip` (a file
    /// that stands in for it is among `inputs`).
    pub fn new_without(mut db: Database, mut inputs: Vec<Input>, options: Options, skip: Option<&str>) -> Session {
        inputs.sort_by(|a, b| a.path.cmp(&b.path));
        // Keep as many lowered files as hold about [`BATCH_BYTES`] of text: memory is
        // bounded by the work kept, however the councils are spread over files. Set
        // before any query runs.
        let bytes: usize = inputs.iter().map(|i| i.contents.text().len()).sum();
        let average = (bytes / inputs.len().max(1)).max(1);
        let batch = (BATCH_BYTES / average).clamp(MIN_BATCH, BATCH);
        db::keep_lowered(&mut db, batch);
        let mut files = Vec::new();
        if options.stdlib {
            for (name, text) in stdlib::FILES.iter().filter(|(name, _)| Some(*name) != skip) {
                let file = SourceFile::builder(stdlib::path(name), Contents::Text(text.to_string()), Origin::Stdlib)
                    .durability(salsa::Durability::HIGH)
                    .new(&db);
                files.push(file);
            }
        }
        for input in inputs {
            files.push(SourceFile::new(&db, input.path, input.contents, Origin::User));
        }
        let dates = hir::CheckDates {
            overridden: options.as_of_given,
            today: today(),
        };
        let workspace = Workspace::new(&db, files, options.as_of, hir::DefMap::default(), dates);
        let mut session = Session { db, workspace, batch };
        // Summarise every file on all cores, then build the name table from the summaries.
        session.par_map(|db, file| {
            db::file_defs(db, file);
        });
        session.refresh_defs();
        session
    }

    /// Rebuilds the table of global names from the files' summaries, and sets it if it
    /// changed. Called whenever files come, go or change what they declare.
    pub fn refresh_defs(&mut self) {
        let mut defs = db::build_def_map(&self.db, self.workspace.files(&self.db));
        defs.instead = self.workspace.defs(&self.db).instead.clone();
        if &defs != self.workspace.defs(&self.db) {
            self.workspace.set_defs(&mut self.db).to(defs);
        }
    }

    /// Councils that follow `old` (explicitly or by default) follow `new` in its place,
    /// for `regard impact`.
    pub fn follow_instead(&mut self, old: &str, new: &str) {
        let mut defs = self.workspace.defs(&self.db).clone();
        defs.instead = Some((old.into(), new.into()));
        self.workspace.set_defs(&mut self.db).to(defs);
    }

    /// Sets a file's contents, and the name table if the file now declares other names.
    pub fn set_contents(&mut self, file: SourceFile, contents: Contents) {
        if file.contents(&self.db) == &contents {
            return;
        }
        let before = db::file_defs(&self.db, file).clone();
        file.set_contents(&mut self.db).to(contents);
        if db::file_defs(&self.db, file) != &before {
            self.refresh_defs();
        }
    }

    /// Sets the workspace's files (in workspace order), and the name table.
    pub fn set_files(&mut self, files: Vec<SourceFile>) {
        self.workspace.set_files(&mut self.db).to(files);
        self.refresh_defs();
    }

    /// Every diagnostic, sorted by file then position then code. Files are parsed and
    /// then checked on all cores; the result does not depend on how many there are.
    pub fn diagnostics(&mut self) -> Vec<Diagnostic> {
        self.diagnostics_by_file().into_iter().flat_map(|(_, d)| d).collect()
    }

    /// Every file's diagnostics, checked on all cores, in file order.
    ///
    /// Files are checked in batches (see [`batches`]); between batches the lowered models
    /// of the councils already checked are let go (see `db::lower_councils`), so that memory
    /// holds the syntax trees and one batch of models, not every model at once.
    pub fn diagnostics_by_file(&mut self) -> Vec<(SourceFile, Vec<Diagnostic>)> {
        self.map_checked(|_, file, diagnostics| (file, diagnostics.to_vec()))
    }

    /// Checks every file, on all cores, and runs `f` on each file with its diagnostics
    /// while its lowered model is still at hand; returns the results in file order.
    ///
    /// Files are checked in batches (see [`batches`]), and the lowered models of a batch are let
    /// go (see `db::lower_councils`) only after `f` has run on it, so that whatever `f`
    /// reads of them is not computed twice.
    pub fn map_checked<T: Send>(&mut self, f: impl Fn(&Database, SourceFile, &[Diagnostic]) -> T + Sync) -> Vec<T> {
        let ws = self.workspace;
        let files = ws.files(&self.db).clone();
        let mut out = Vec::with_capacity(files.len());
        for batch in batches(&self.db, &files, self.batch) {
            out.extend(self.par_map_over(batch, |db, file| f(db, file, db::file_diagnostics(db, ws, file))));
            salsa::Database::trigger_lru_eviction(&mut self.db);
        }
        out
    }

    /// Runs `f` on every file of the workspace, on all cores, and returns the results in
    /// file order.
    fn par_map<T: Send>(&self, f: impl Fn(&Database, SourceFile) -> T + Sync) -> Vec<T> {
        self.par_map_over(self.workspace.files(&self.db), f)
    }

    /// Runs `f` on each of `files`, on all cores, and returns the results in order. Each
    /// thread queries through its own handle on the shared storage; every handle is
    /// dropped before this returns.
    fn par_map_over<T: Send>(&self, files: &[SourceFile], f: impl Fn(&Database, SourceFile) -> T + Sync) -> Vec<T> {
        parallel::map(files, 16, || self.db.clone(), |db, &file| f(db, file))
    }

    /// Every guidance of the workspace, lowered, in file order.
    pub fn guidance(&self) -> Vec<&hir::Guidance> {
        self.workspace
            .files(&self.db)
            .iter()
            .flat_map(|&f| db::lower_guidance(&self.db, self.workspace, f).guidance.iter())
            .collect()
    }

    /// The guidance declared as `id`, or the command's error saying it is not there (with
    /// the closest name declared).
    pub fn guidance_named(&self, id: &str) -> Result<&hir::Guidance, String> {
        let all = self.guidance();
        match all.iter().find(|g| g.name == id) {
            Some(g) => Ok(g),
            None => Err(messages::not_declared(
                "guidance",
                id,
                "the files given or the standard library",
                all.iter().map(|g| g.name.as_str()),
            )),
        }
    }

    /// The group `name` as `regard explain` shows it: its members, and where each that
    /// joined it with `in` did so. `None` for a name that is not a group.
    pub fn group_view(&self, name: &str) -> Option<explain::GroupView> {
        let db = &self.db;
        let defs = self.workspace.defs(db);
        let def = defs.get_kind(name, hir::DefKind::Group)?;
        let doc = match db::parse(db, def.file).file.items.get(def.item as usize) {
            Some(syntax::ast::Item::Vocab(v)) => v.doc.clone(),
            _ => None,
        };
        let (gathers, members) = match db::group_members(db, self.workspace, name) {
            Some((kind, members)) => (kind.plural(), members),
            None => ("names (none of its items is declared)".to_string(), Vec::new()),
        };
        let members = members
            .into_iter()
            .map(|m| {
                let place = m.joined.map(|(file, span)| {
                    let line = diagnostics::lines::Lines::new(file.text(db))
                        .position(span.start as usize)
                        .line;
                    format!("{}:{line}", file.path(db))
                });
                (m.name.to_string(), place)
            })
            .collect();
        Some(explain::GroupView {
            name: def.name.to_string(),
            title: def.title.clone(),
            doc,
            gathers,
            members,
        })
    }

    /// Every guidance that declares `paragraphs`, with its coverage and the path of its
    /// file, in file order.
    pub fn coverage(&self) -> Vec<hir::coverage::Accounted<'_>> {
        self.workspace
            .files(&self.db)
            .iter()
            .flat_map(|&f| {
                let path = f.path(&self.db).clone();
                db::lower_guidance(&self.db, self.workspace, f)
                    .guidance
                    .iter()
                    .filter_map(move |g| {
                        g.coverage.as_ref().map(|coverage| hir::coverage::Accounted {
                            guidance: g,
                            coverage,
                            path: path.clone(),
                        })
                    })
            })
            .collect()
    }

    /// The user's files (the standard library left out).
    pub fn user_files(&self) -> Vec<SourceFile> {
        self.workspace
            .files(&self.db)
            .iter()
            .copied()
            .filter(|f| f.origin(&self.db) == Origin::User)
            .collect()
    }

    /// The counts of the summary line and of JSON's `summary`.
    pub fn summary(&self, diagnostics: &[Diagnostic]) -> Summary {
        let files = self.user_files();
        // Counted from the files' summaries, which hold every council a file declares
        // (a council always has a name), without parsing again.
        let councils = files
            .iter()
            .map(|&f| {
                db::file_defs(&self.db, f)
                    .defs
                    .iter()
                    .filter(|d| d.kind == hir::DefKind::Council)
                    .count()
            })
            .sum();
        Summary::new(files.len(), councils, Counts::of(diagnostics))
    }

    /// The date of the check and of each council of the user's files (language-v3 3.6),
    /// from the files' summaries (kept for every file, so nothing is parsed again), as
    /// lowering settles it.
    pub fn dates(&self) -> render::Dates {
        let db = &self.db;
        let (as_of, dates) = (self.workspace.as_of(db), self.workspace.dates(db));
        let mut councils = Vec::new();
        for &file in &self.user_files() {
            for d in db::file_defs(db, file)
                .defs
                .iter()
                .filter(|d| d.kind == hir::DefKind::Council)
            {
                councils.push(render::CouncilDate {
                    id: d.name.to_string(),
                    file: file.path(db).to_string(),
                    as_of: d.as_of,
                    checked_as_of: dates.check_date(d.as_of, as_of),
                });
            }
        }
        render::Dates {
            as_of: Some(as_of),
            overridden: dates.overridden,
            councils,
        }
    }

    /// Renders `diagnostics` in `format` (colour only where the format has it and
    /// `color` allows it). The renderer gets data only: the summary, and each rule that
    /// occurs described once here.
    pub fn render(&self, format: Format, diagnostics: &[Diagnostic], color: bool) -> String {
        let mut rules = HashMap::new();
        let guidance = self.guidance();
        for d in diagnostics {
            if let Code::Rule { guidance: g, rule: r } = &d.code
                && !rules.contains_key(&d.code)
                && let Some((g, rule)) = guidance
                    .iter()
                    .find(|x| x.name == g)
                    .and_then(|x| x.rule(r).map(|rule| (x, rule)))
            {
                rules.insert(d.code.clone(), explain::rule_text(g, rule));
            }
        }
        let context = render::Context {
            db: &self.db,
            summary: self.summary(diagnostics),
            dates: self.dates(),
            rules,
            color,
        };
        render::render(format, &context, diagnostics)
    }

    /// The terminal reports alone, without the summary line.
    pub fn render_reports(&self, diagnostics: &[Diagnostic], color: bool) -> String {
        let mut out = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = diagnostics::human::render_reports(&self.db, diagnostics, color, &mut out);
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// The most files [`Session::diagnostics_by_file`] checks between letting lowered
/// councils go (the size of `lower_councils`' LRU): enough to keep every core busy.
const BATCH: usize = 512;

/// The most source text, in bytes, checked between letting lowered councils go. Memory
/// is bounded by the work in a batch, not by its number of files: 512 files of ten
/// councils each would otherwise hold ten times the models of 512 files of one.
const BATCH_BYTES: usize = 1 << 20;

/// The fewest files in a batch, so that every core has work even when files are large.
const MIN_BATCH: usize = 8;

/// `files` in batches of at most `most` files and, unless files are larger (a batch
/// always has [`MIN_BATCH`] files, so that every core has work), [`BATCH_BYTES`] bytes of
/// text.
fn batches<'f>(db: &Database, files: &'f [SourceFile], most: usize) -> Vec<&'f [SourceFile]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, file) in files.iter().enumerate() {
        let size = file.text(db).len();
        let count = i - start;
        if count == most || (count >= MIN_BATCH && bytes + size > BATCH_BYTES) {
            out.push(&files[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

/// Today's date in UTC, the default check date.
pub fn today() -> Date {
    jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date()
}
