//! `regard analyze`: the symbolic analysis of the guidance in force (or the guidance
//! named) as diagnostics, with the bound stated and the witness checked by the ordinary
//! checker before it is shown (a witness the checker finds anything in is a bug of the
//! encoding, reported as such). The analysis itself is `crate::symbolic`.

use jiff::civil::Date;

use crate::hir;
use crate::symbolic::encode::Bounds;
use crate::symbolic::{ClauseRef, Finding, analyze, clauses, default_bounds};
use crate::syntax::ast::{Quantifier, Status};

/// What the ordinary checker says of a witness, checked with the files it was found
/// from: a witness it finds anything in is a bug of the encoding, reported as such. W0204
/// and W0209 are left out: they say that the guidance analysed is superseded or not in
/// force on the date, which the drafter chose, not something the council could change.
pub fn recheck(
    inputs: Vec<crate::Input>,
    options: crate::Options,
    witness: &str,
) -> Vec<crate::diagnostics::Diagnostic> {
    const PATH: &str = "<witness>.regard";
    let mut inputs = inputs;
    inputs.push(crate::Input::text(PATH, witness.to_string()));
    let mut session = crate::Session::new(inputs, options);
    session
        .diagnostics()
        .into_iter()
        .filter(|d| d.file.path(&session.db) == PATH)
        .filter(|d| {
            !matches!(
                d.code,
                crate::diagnostics::Code::Builtin(
                    crate::diagnostics::Builtin::W0204 | crate::diagnostics::Builtin::W0209
                )
            )
        })
        .collect()
}

/// The witness with every line the checker does not need left out (language-v3 3.7):
/// each statement line of a post or a record is removed in turn and the council checked
/// again, and a line whose removal leaves it clean stays out. The analysis already leaves
/// out what it can, so this finds nothing on the councils it writes; it is the checker's
/// word that no line can go.
pub fn without_removable_lines(inputs: Vec<crate::Input>, options: crate::Options, witness: String) -> String {
    let mut lines: Vec<String> = witness.lines().map(str::to_string).collect();
    let statement = |line: &str| {
        let t = line.trim_start();
        let depth = line.len() - t.len();
        depth >= 4 && !t.starts_with("//") && !t.starts_with("dated ") && !t.ends_with('{') && t != "}"
    };
    let mut i = 0;
    while i < lines.len() {
        if !statement(&lines[i]) {
            i += 1;
            continue;
        }
        let mut tried = lines.clone();
        tried.remove(i);
        let text = tried.join("\n") + "\n";
        match recheck(inputs.clone(), options, &text).is_empty() {
            true => lines = tried,
            false => i += 1,
        }
    }
    lines.join("\n") + "\n"
}

/// Why the code lens's command offers no council that breaks a rule.
#[derive(Debug)]
pub enum NoBreakingCouncil {
    /// No council of the bound breaks it (or there is no such rule).
    NoneInBound,
    /// The analysis wrote a council that the ordinary checker does not find breaking the
    /// rule, or finds an error in: a bug of the encoding, never offered to the user. The
    /// checker's findings in that council.
    Unconfirmed(Vec<crate::diagnostics::Diagnostic>),
}

/// The code lens's command: a smallest council that breaks `guidance.rule`, from the
/// analysis (`ide::lens::council_that_breaks`), offered only once the ordinary checker,
/// run over the session's own files and the council, finds the rule broken in it and no
/// error of another kind.
pub fn council_that_breaks(session: &crate::Session, guidance: &str, rule: &str) -> Result<String, NoBreakingCouncil> {
    let (db, ws) = (&session.db, session.workspace);
    let witness =
        crate::ide::lens::council_that_breaks(db, ws, guidance, rule).ok_or(NoBreakingCouncil::NoneInBound)?;
    confirm_breaking(session, guidance, rule, witness)
}

/// `witness` when the ordinary checker, run over the session's own files and it, finds
/// `guidance.rule` broken in it and no built-in error; else what it found.
pub fn confirm_breaking(
    session: &crate::Session,
    guidance: &str,
    rule: &str,
    witness: String,
) -> Result<String, NoBreakingCouncil> {
    let (db, ws) = (&session.db, session.workspace);
    let inputs = session
        .user_files()
        .into_iter()
        .map(|f| crate::Input {
            path: f.path(db).clone(),
            contents: f.contents(db).clone(),
        })
        .collect();
    let options = crate::Options {
        as_of: ws.as_of(db),
        stdlib: ws.files(db).iter().any(|f| f.origin(db) == crate::base::Origin::Stdlib),
        as_of_given: false,
    };
    let found = recheck(inputs, options, &witness);
    let breaks = found.iter().any(
        |d| matches!(&d.code, crate::diagnostics::Code::Rule { guidance: g, rule: r } if g == guidance && r == rule),
    );
    let errors = found.iter().any(|d| {
        matches!(d.code, crate::diagnostics::Code::Builtin(_)) && d.severity == crate::diagnostics::Severity::Error
    });
    match breaks && !errors {
        true => Ok(witness),
        false => Err(NoBreakingCouncil::Unconfirmed(found)),
    }
}

/// What `regard analyze` was asked.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// The guidance to analyse together; empty for every guidance in force.
    pub guidance: Vec<String>,
    pub posts: Option<usize>,
    pub records: Option<usize>,
    /// Analyse every period in which the rules in force are constant (language-v3 3.7),
    /// as `regard analyze` does without `--as-of`; otherwise the check date alone.
    pub every_period: bool,
}

/// One period analysed: when, what, over which bound, and whether some council meets
/// everything.
#[derive(Clone, Debug)]
pub struct PeriodAnalysed {
    pub period: hir::Period,
    /// The guidance analysed in it, by id.
    pub guidance: Vec<String>,
    pub bounds: Bounds,
    /// Some council of the bound meets every `must` and `should`.
    pub satisfiable: bool,
}

/// What `regard analyze` says: its diagnostics, the bound, and the witness (already
/// checked by the ordinary checker).
pub struct Outcome {
    pub diagnostics: Vec<crate::diagnostics::Diagnostic>,
    /// The period each diagnostic is about, beside it; `None` when one date was analysed.
    pub diagnostic_periods: Vec<Option<hir::Period>>,
    /// The kind of council each W0313 is about, beside it; `None` for other codes.
    pub diagnostic_kinds: Vec<Option<hir::finding::KindOfCouncil>>,
    /// Every period analysed, in order (one, for a single date).
    pub periods: Vec<PeriodAnalysed>,
    /// The bound and guidance of the period whose witness is shown: the one holding the
    /// check date, else the last.
    pub bounds: Bounds,
    /// The guidance analysed, by id.
    pub guidance: Vec<String>,
    /// The period of the witness, when several were analysed.
    pub witness_period: Option<hir::Period>,
    pub witness: Option<String>,
    /// What the ordinary checker found in the witness: empty, or a bug of the encoding.
    pub witness_findings: Vec<crate::diagnostics::Diagnostic>,
    /// Every council of the bound meeting everything needs a post shared with another
    /// council, so no witness is written.
    pub witness_needs_partner: bool,
    pub gave_up: bool,
    /// The most kinds of council, in any period, beyond the 256 asked about
    /// (`symbolic::MAX_KINDS`), that were left out.
    pub kinds_left_out: u128,
}

/// The clause where it is, for a finding.
fn clause_at(c: &ClauseRef<'_>) -> hir::finding::ClauseAt {
    hir::finding::ClauseAt {
        file: c.guidance.file,
        span: c.clause.span,
        guidance: c.guidance.name.clone(),
        rule: c.rule.name.clone(),
        text: c.clause.text.clone(),
        notes: c.rule.notes(),
        law: c.guidance.status == crate::syntax::ast::Status::Law,
    }
}

/// What one date's analysis found. Its witness is not yet checked: only the witness
/// shown is (`run`).
struct OnDate {
    date: Date,
    findings: Vec<hir::finding::AnalysisFinding>,
    bounds: Bounds,
    guidance: Vec<String>,
    satisfiable: bool,
    witness: Option<String>,
    witness_needs_partner: bool,
    gave_up: bool,
    kinds_left_out: u128,
}

/// The guidance analysed on `date`: the named ones (or, with none named, every guidance
/// in force), less any that another of them in force on `date` replaces (language-v3
/// 3.7: an edition is never mixed with its replacement). Named guidance is analysed in
/// the periods it is in force, or, on one date, whatever its dates.
fn chosen_on<'a>(
    defs: &hir::DefMap,
    all: &[&'a hir::Guidance],
    named: &[&'a hir::Guidance],
    date: Date,
    every_period: bool,
) -> Vec<&'a hir::Guidance> {
    let replaces = |o: &hir::Guidance, g: &hir::Guidance| {
        defs.get_kind(&o.name, hir::DefKind::Guidance)
            .is_some_and(|d| d.replaces.contains(&g.name))
    };
    let pool: Vec<&hir::Guidance> = match named.is_empty() {
        true => all.iter().copied().filter(|g| g.in_force.contains(date)).collect(),
        false if every_period => named.iter().copied().filter(|g| g.in_force.contains(date)).collect(),
        false => named.to_vec(),
    };
    pool.iter()
        .copied()
        .filter(|g| {
            !pool
                .iter()
                .any(|o| o.name != g.name && o.in_force.contains(date) && replaces(o, g))
        })
        .collect()
}

/// The periods in which the rules in force are constant: from the earliest `in_force`
/// date of the guidance involved and its rules (today's date when none has one), a
/// period from each such date to the next, the last left open.
fn periods(involved: &[&hir::Guidance], today: Date) -> Vec<hir::Period> {
    let mut dates: Vec<Date> = Vec::new();
    for g in involved {
        for p in std::iter::once(g.in_force).chain(g.rules.iter().map(|r| r.in_force)) {
            dates.extend(p.from);
            dates.extend(p.until);
        }
    }
    dates.sort_unstable();
    dates.dedup();
    if dates.is_empty() {
        dates.push(today);
    }
    dates
        .iter()
        .enumerate()
        .map(|(i, &from)| hir::Period {
            from: Some(from),
            until: dates.get(i + 1).copied(),
        })
        .collect()
}

/// Runs `regard analyze` over the session's guidance. `Err` names guidance that is not
/// there.
pub fn run(
    session: &crate::Session,
    inputs: Vec<crate::Input>,
    options: crate::Options,
    request: &Request,
) -> Result<Outcome, String> {
    let ws = session.workspace;
    let db = &session.db;
    let as_of = ws.as_of(db);
    let all = session.guidance();
    let mut named: Vec<&hir::Guidance> = Vec::new();
    for id in &request.guidance {
        named.push(session.guidance_named(id)?);
    }
    let dates: Vec<(Option<hir::Period>, Date)> = match request.every_period {
        false => vec![(None, as_of)],
        true => {
            let mut involved: Vec<&hir::Guidance> = match named.is_empty() {
                true => all.clone(),
                false => named.clone(),
            };
            involved.extend(all.iter().copied().filter(|g| g.status == Status::Law));
            // Each period is analysed on its first day, or on the check date for the
            // period that holds it, so that its witness's records are dated for today.
            periods(&involved, as_of)
                .into_iter()
                .map(|p| {
                    (
                        Some(p),
                        if p.contains(as_of) {
                            as_of
                        } else {
                            p.from.unwrap_or(as_of)
                        },
                    )
                })
                .collect()
        }
    };
    let mut analysed: Vec<(Option<hir::Period>, OnDate)> = Vec::new();
    for (period, date) in dates {
        let chosen = chosen_on(ws.defs(db), &all, &named, date, request.every_period);
        if chosen.is_empty() {
            continue;
        }
        let on = analyse_on(session, request, chosen, date)?;
        // A period whose guidance and findings are those of the one before it extends it.
        if let (Some(period), Some((Some(last), before))) = (period, analysed.last_mut())
            && last.until == period.from
            && before.guidance == on.guidance
            && before.findings == on.findings
            && before.satisfiable == on.satisfiable
            && before.bounds == on.bounds
        {
            last.until = period.until;
            continue;
        }
        analysed.push((period, on));
    }
    if analysed.is_empty() {
        return Err(match request.every_period {
            true => "no guidance in force on any date to analyse; name one with `--guidance`".to_string(),
            false => format!("no guidance in force on {as_of} to analyse; name one with `--guidance`"),
        });
    }
    let several = analysed.len() > 1;
    let mut diagnostics = Vec::new();
    let mut diagnostic_periods = Vec::new();
    let mut diagnostic_kinds = Vec::new();
    for (period, on) in &analysed {
        for f in &on.findings {
            let Some(mut d) = crate::messages::analysis_diagnostic(f) else {
                continue;
            };
            if let (true, Some(period)) = (several, period) {
                crate::messages::in_period(&mut d, *period);
            }
            diagnostics.push(d);
            diagnostic_periods.push(*period);
            diagnostic_kinds.push(match f {
                hir::finding::AnalysisFinding::KindUnsatisfiable { kind, .. } => Some(kind.clone()),
                _ => None,
            });
        }
    }
    // The witness shown is that of the period holding the check date, else the last.
    let shown = analysed
        .iter()
        .position(|(p, _)| p.is_some_and(|p| p.contains(as_of)))
        .unwrap_or(analysed.len() - 1);
    let periods_analysed = analysed
        .iter()
        .map(|(p, on)| PeriodAnalysed {
            period: p.unwrap_or(hir::Period {
                from: Some(as_of),
                until: None,
            }),
            guidance: on.guidance.clone(),
            bounds: on.bounds,
            satisfiable: on.satisfiable,
        })
        .collect();
    let gave_up = analysed.iter().any(|(_, on)| on.gave_up);
    let kinds_left_out = analysed.iter().map(|(_, on)| on.kinds_left_out).max().unwrap_or(0);
    let (witness_period, on) = analysed.swap_remove(shown);
    // The witness shown is checked by the checker, on its period's date, and loses every
    // line the checker does not need.
    let options = crate::Options {
        as_of: on.date,
        ..options
    };
    let (witness, witness_findings) = match on.witness {
        Some(w) => {
            let found = recheck(inputs.clone(), options, &w);
            match found.is_empty() {
                true => (Some(without_removable_lines(inputs, options, w)), found),
                false => (Some(w), found),
            }
        }
        None => (None, Vec::new()),
    };
    Ok(Outcome {
        diagnostics,
        diagnostic_periods,
        diagnostic_kinds,
        periods: periods_analysed,
        bounds: on.bounds,
        guidance: on.guidance,
        witness_period: if several { witness_period } else { None },
        witness,
        witness_findings,
        witness_needs_partner: on.witness_needs_partner,
        gave_up,
        kinds_left_out,
    })
}

/// After a conflict at `bounds`: whether twice the records, or else twice the posts and
/// records, let some council meet every clause (the flag the help names).
fn larger(
    defs: &hir::DefMap,
    chosen: &[&hir::Guidance],
    clauses: &[ClauseRef<'_>],
    bounds: Bounds,
    as_of: Date,
) -> hir::finding::Larger {
    use hir::finding::Larger;
    let records = Bounds {
        records: (bounds.records * 2).max(1),
        ..bounds
    };
    let both = Bounds {
        posts: bounds.posts * 2,
        records: records.records,
    };
    if crate::symbolic::bounds_error(defs, clauses, both, as_of).is_some() {
        return Larger::NotAsked;
    }
    match crate::symbolic::satisfiable(defs, chosen, records, as_of) {
        Some(true) => return Larger::Records(records.records),
        None => return Larger::NotAsked,
        Some(false) => {}
    }
    match crate::symbolic::satisfiable(defs, chosen, both, as_of) {
        Some(true) => Larger::Posts(both.posts),
        Some(false) => Larger::StillConflicts {
            posts: both.posts,
            records: both.records,
        },
        None => Larger::NotAsked,
    }
}

/// The analysis of `chosen` on `date`.
fn analyse_on<'a>(
    session: &'a crate::Session,
    request: &Request,
    mut chosen: Vec<&'a hir::Guidance>,
    as_of: Date,
) -> Result<OnDate, String> {
    let ws = session.workspace;
    let db = &session.db;
    let all = session.guidance();
    // The facts of law are axioms (language-v3 3.1): the councils considered are those
    // that meet every fact of law in force, named or not. Whether a fact of law can fire,
    // or is implied, is only asked when a fact of law is named.
    let law_named = chosen.iter().any(|g| g.status == Status::Law) && !request.guidance.is_empty();
    let defs = ws.defs(db);
    let names: Vec<&str> = chosen.iter().map(|g| g.name.as_str()).collect();
    let law = crate::symbolic::law_in_force(defs, &all, as_of, &names);
    chosen.extend(law);
    let clauses = clauses(&chosen, as_of);
    // A fact of law about each post only rules councils out: it needs no post of its
    // own, so the bound counts the analysed clauses and the facts that count posts.
    let analysed: Vec<ClauseRef<'_>> = clauses
        .iter()
        .filter(|c| law_named || c.guidance.status != Status::Law || c.clause.quantifier != Quantifier::Each)
        .cloned()
        .collect();
    let mut bounds = default_bounds(&analysed);
    if let Some(n) = request.posts {
        bounds.posts = n;
    }
    if let Some(m) = request.records {
        bounds.records = m;
    }
    if let Some(message) = crate::symbolic::bounds_error(defs, &clauses, bounds, as_of) {
        return Err(message);
    }
    let analysis = analyze(defs, &chosen, bounds, as_of);
    let found = |c: &ClauseRef<'_>| clause_at(c);
    let about_law = |c: &ClauseRef<'_>| c.guidance.status == Status::Law && !law_named;
    let findings: Vec<hir::finding::AnalysisFinding> = analysis
        .findings
        .iter()
        .filter(|f| match f {
            Finding::NeverFires(c) | Finding::Implied(c) => !about_law(c),
            Finding::Unsatisfiable(_) | Finding::KindUnsatisfiable(..) => true,
        })
        .map(|f| match f {
            Finding::Unsatisfiable(core) => hir::finding::AnalysisFinding::Unsatisfiable {
                clauses: core.iter().map(found).collect(),
                posts: bounds.posts,
                records: bounds.records,
                larger: larger(defs, &chosen, &clauses, bounds, as_of),
            },
            Finding::NeverFires(c) => hir::finding::AnalysisFinding::NeverFires {
                clause: found(c),
                posts: bounds.posts,
                records: bounds.records,
            },
            Finding::Implied(c) => hir::finding::AnalysisFinding::Implied {
                clause: found(c),
                posts: bounds.posts,
                records: bounds.records,
            },
            Finding::KindUnsatisfiable(kind, core) => hir::finding::AnalysisFinding::KindUnsatisfiable {
                kind: hir::finding::KindOfCouncil {
                    flags: kind
                        .iter()
                        .filter_map(|(d, v)| match d {
                            crate::symbolic::Dimension::Flag(f) => Some((f.clone(), *v)),
                            crate::symbolic::Dimension::Role(_) => None,
                        })
                        .collect(),
                    roles: kind
                        .iter()
                        .filter_map(|(d, _)| match d {
                            crate::symbolic::Dimension::Role(r) => Some(r.clone()),
                            crate::symbolic::Dimension::Flag(_) => None,
                        })
                        .collect(),
                },
                clauses: core.iter().map(found).collect(),
                posts: bounds.posts,
                records: bounds.records,
            },
        })
        .collect();
    let satisfiable = !analysis.findings.iter().any(|f| matches!(f, Finding::Unsatisfiable(_)));
    Ok(OnDate {
        date: as_of,
        findings,
        bounds,
        guidance: chosen.iter().map(|g| g.name.to_string()).collect(),
        satisfiable,
        witness_needs_partner: satisfiable && analysis.witness.is_none() && !analysis.gave_up,
        witness: analysis.witness,
        gave_up: analysis.gave_up,
        kinds_left_out: analysis.kinds_left_out,
    })
}

/// What the human output says after the diagnostics: the bound, and the witness (or why
/// there is none).
pub fn human_tail(outcome: &Outcome) -> String {
    let guidance = outcome
        .guidance
        .iter()
        .map(|g| format!("`{g}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let bound = format!(
        "up to {} posts and {} assurance records",
        outcome.bounds.posts, outcome.bounds.records
    );
    let mut out = String::new();
    if outcome.periods.len() > 1 {
        out.push_str(&format!(
            "analysed {} periods in which the rules in force are constant:\n",
            outcome.periods.len()
        ));
        for p in &outcome.periods {
            out.push_str(&format!(
                "  {}: {} over every council of up to {} posts and {} assurance records: {}\n",
                crate::messages::period_words(p.period),
                p.guidance
                    .iter()
                    .map(|g| format!("`{g}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                p.bounds.posts,
                p.bounds.records,
                match p.satisfiable {
                    true => "some council meets every `must` and `should`",
                    false => "no council meets every `must` and `should`",
                }
            ));
        }
        if let Some(period) = outcome.witness_period {
            out.push_str(&format!("for the period {}:\n", crate::messages::period_words(period)));
        }
    }
    if outcome.gave_up {
        out.push_str("the solver gave up on some question; the findings above may be incomplete\n");
    }
    if outcome.kinds_left_out > 0 {
        out.push_str(&format!(
            "asked about {} kinds of council, the smallest first; {} more were left out, so a kind that no council can meet may not be reported\n",
            crate::symbolic::MAX_KINDS,
            outcome.kinds_left_out
        ));
    }
    if !outcome.witness_findings.is_empty() {
        out.push_str(&format!(
            "bug: the checker finds {} in the witness below, which the analysis says meets everything; please report it\n",
            outcome
                .witness_findings
                .iter()
                .map(|d| format!("{} ({})", d.code, d.message))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    match (&outcome.witness, outcome.witness_needs_partner) {
        (Some(witness), _) => {
            out.push_str(&format!(
                "analysed {guidance} over every council of {bound}; a smallest council that meets every `must` and `should`, which `regard check` passes:\n\n"
            ));
            out.push_str(witness);
        }
        (None, true) => out.push_str(&format!(
            "analysed {guidance} over every council of {bound}; every council that meets it needs a post shared with another council, and regard does not write such a witness\n"
        )),
        (None, false) => out.push_str(&format!(
            "analysed {guidance} over every council of {bound}; no council of that size meets every `must` and `should`\n"
        )),
    }
    out
}

/// `regard analyze --format json` (version 1, docs/schema/analyze.schema.json): the check's JSON
/// of the diagnostics (`diagnostics`, `summary`), with what was analysed, the bound and
/// the witness.
pub fn json(check_json: &str, outcome: &Outcome, as_of: jiff::civil::Date) -> String {
    let mut check: serde_json::Value = serde_json::from_str(check_json).unwrap_or(serde_json::Value::Null);
    // The analysis's diagnostics come last, after the errors of the files; each says the
    // period it is about when several were analysed (`until` exclusive, as `in_force`).
    if let Some(list) = check["diagnostics"].as_array_mut() {
        let offset = list.len().saturating_sub(outcome.diagnostics.len());
        let extras = outcome.diagnostic_periods.iter().zip(&outcome.diagnostic_kinds);
        for (d, (period, kind)) in list.iter_mut().skip(offset).zip(extras) {
            let Some(object) = d.as_object_mut() else { continue };
            if let Some(period) = period {
                object.insert(
                    "period".into(),
                    serde_json::json!({
                        "from": period.from.map(|d| d.to_string()),
                        "until": period.until.map(|d| d.to_string()),
                    }),
                );
            }
            // Only the dimensions the kind fixes (language-v3 3.7).
            if let Some(kind) = kind {
                let flags: serde_json::Map<String, serde_json::Value> = kind
                    .flags
                    .iter()
                    .map(|(f, v)| (f.to_string(), serde_json::Value::Bool(*v)))
                    .collect();
                let roles: serde_json::Map<String, serde_json::Value> = kind
                    .roles
                    .iter()
                    .map(|r| (r.to_string(), serde_json::Value::Bool(true)))
                    .collect();
                object.insert("kind".into(), serde_json::json!({"flags": flags, "roles": roles}));
            }
        }
    }
    let value = serde_json::json!({
        "version": 1,
        "as_of": as_of.to_string(),
        "guidance": outcome.guidance,
        "bound": {"posts": outcome.bounds.posts, "records": outcome.bounds.records},
        "diagnostics": check["diagnostics"],
        "summary": check["summary"],
        "witness": outcome.witness,
        "witness_findings": outcome
            .witness_findings
            .iter()
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect::<Vec<_>>(),
        "gave_up": outcome.gave_up,
        "kinds_left_out": outcome.kinds_left_out.min(u64::MAX as u128) as u64,
        "periods": outcome
            .periods
            .iter()
            .map(|p| serde_json::json!({
                "from": p.period.from.map(|d| d.to_string()),
                "until": p.period.until.map(|d| d.to_string()),
                "guidance": p.guidance,
                "bound": {"posts": p.bounds.posts, "records": p.bounds.records},
                "satisfiable": p.satisfiable,
            }))
            .collect::<Vec<_>>(),
    });
    crate::diagnostics::escape::json(&value) + "\n"
}
