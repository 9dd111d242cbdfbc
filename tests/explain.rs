//! `regard explain`: every built-in code and every standard library rule has an
//! explanation; every example in an explanation is run and does what it says; every
//! rendering is a snapshot; and docs/diagnostics.md is the same text, up to date.
//! `REGARD_BLESS=1` rewrites docs/diagnostics.md.

use std::collections::BTreeSet;

use regard::diagnostics::{Builtin, Diagnostic, Example, Severity};
use regard::{Input, Options, Session, explain, files, stdlib};

/// The standard library's facts of law.
const LAW: &str = "local_government_law";

fn stdlib_file(name: &str) -> Input {
    let text = stdlib::FILES.iter().find(|(n, _)| *n == name).expect("a stdlib file").1;
    Input::text(stdlib::path(name), text)
}

/// The standard library alone.
fn stdlib_session() -> Session {
    Session::new(
        Vec::new(),
        Options {
            as_of: Example::AS_OF.parse().unwrap(),
            stdlib: true,
            as_of_given: false,
        },
    )
}

/// Checks `source` with the stdlib's vocabulary and, if given, one stdlib guidance.
fn run(source: Vec<u8>, guidance: Option<&str>) -> (Session, Vec<Diagnostic>) {
    run_on(source, guidance, Example::AS_OF.parse().unwrap())
}

fn run_on(source: Vec<u8>, guidance: Option<&str>, as_of: jiff::civil::Date) -> (Session, Vec<Diagnostic>) {
    let mut inputs = vec![
        stdlib_file("vocabulary"),
        Input {
            path: "example.regard".into(),
            contents: files::contents_of(source),
        },
    ];
    // Every council follows the facts of law, so they are loaded with any guidance; the
    // examples of a fact of law that are not districts follow the 2013 guidance too.
    let mut names: Vec<&str> = guidance.into_iter().collect();
    if let Some(g) = guidance {
        names.push(LAW);
        if g == LAW {
            names.push("dcs_lmcs_2013");
        }
    }
    names.dedup();
    inputs.extend(names.into_iter().map(stdlib_file));
    let mut session = Session::new(
        inputs,
        Options {
            as_of,
            stdlib: false,
            as_of_given: false,
        },
    );
    let diagnostics = session.diagnostics();
    (session, diagnostics)
}

/// Checks `source` as `run` does and, for a code of `regard analyze`, analyses the
/// guidance the example declares, adding the analysis's findings.
fn run_for(code: Builtin, source: Vec<u8>) -> (Session, Vec<Diagnostic>) {
    // W0212 is about the standard library itself: its examples are checked with it.
    if code == Builtin::W0212 {
        let example = Input {
            path: "example.regard".into(),
            contents: files::contents_of(source),
        };
        let options = Options {
            as_of: Example::AS_OF.parse().unwrap(),
            stdlib: true,
            as_of_given: false,
        };
        let mut session = Session::new(vec![example], options);
        let diagnostics = session.diagnostics();
        return (session, diagnostics);
    }
    let (session, mut diagnostics) = run(source.clone(), None);
    if code.family() == regard::diagnostics::Family::Analysis {
        let ids: Vec<String> = session
            .guidance()
            .iter()
            .filter(|g| g.file.path(&session.db) == "example.regard")
            .map(|g| g.name.to_string())
            .collect();
        let inputs = vec![
            stdlib_file("vocabulary"),
            Input {
                path: "example.regard".into(),
                contents: files::contents_of(source),
            },
        ];
        let options = Options {
            as_of: Example::AS_OF.parse().unwrap(),
            stdlib: false,
            as_of_given: false,
        };
        let request = regard::analyze::Request {
            guidance: ids,
            ..Default::default()
        };
        let outcome = regard::analyze::run(&session, inputs, options, &request).unwrap();
        assert!(
            outcome.witness_findings.is_empty(),
            "{}: the witness fails",
            code.as_str()
        );
        diagnostics.extend(outcome.diagnostics);
    }
    (session, diagnostics)
}

/// The codes of the example's own diagnostics that are not notes.
fn findings(session: &Session, diagnostics: &[Diagnostic]) -> BTreeSet<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note && d.file.path(&session.db) == "example.regard")
        .map(|d| d.code.to_string())
        .collect()
}

#[test]
fn every_builtin_code_has_one_explanation() {
    let explained: Vec<Builtin> = explain::builtins().iter().map(|e| e.code).collect();
    assert_eq!(explained, Builtin::ALL.to_vec());
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/diagnostics/explanations");
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<String> = Builtin::ALL.iter().map(|b| format!("{}.md", b.as_str())).collect();
    expected.sort();
    assert_eq!(files, expected, "one Markdown file a code, and no other");
    for e in explain::builtins() {
        for heading in [
            "What it means",
            "Why it matters",
            "An example that raises it",
            "The example put right",
            "How to fix it",
        ] {
            assert!(!e.section(heading).is_empty(), "{}: no `## {heading}`", e.code.as_str());
        }
        assert!(!e.failing().shown.is_empty(), "{}: no failing example", e.code.as_str());
        assert!(!e.passing().shown.is_empty(), "{}: no passing example", e.code.as_str());
    }
}

#[test]
fn builtin_examples_do_what_they_say() {
    for e in explain::builtins() {
        let code = e.code.as_str();
        let failing = e.failing();
        let (session, diagnostics) = run_for(e.code, explain::example_source(e.code, &failing));
        let found = findings(&session, &diagnostics);
        let allowed: BTreeSet<String> = failing
            .also
            .iter()
            .map(|s| s.to_string())
            .chain([code.to_string()])
            .collect();
        assert!(
            found.contains(code),
            "{code}: the failing example does not raise it:\n{}",
            session.render(regard::Format::Human, &diagnostics, false)
        );
        assert!(
            found.is_subset(&allowed),
            "{code}: the failing example raises more: {found:?}\n{}",
            session.render(regard::Format::Human, &diagnostics, false)
        );

        let (session, diagnostics) = run_for(e.code, explain::example_source(e.code, &e.passing()));
        assert!(
            findings(&session, &diagnostics).is_empty(),
            "{code}: the passing example is not clean:\n{}",
            session.render(regard::Format::Human, &diagnostics, false)
        );
    }
}

#[test]
fn every_stdlib_rule_has_examples_and_nothing_else_does() {
    let session = stdlib_session();
    let rules: BTreeSet<(String, String)> = session
        .guidance()
        .iter()
        .flat_map(|g| g.rules.iter().map(|r| (g.name.to_string(), r.name.to_string())))
        .collect();
    let examples: BTreeSet<(String, String)> = stdlib::EXAMPLES
        .iter()
        .map(|e| (e.guidance.to_string(), e.rule.to_string()))
        .collect();
    assert_eq!(rules, examples);
}

#[test]
fn rule_examples_do_what_they_say() {
    for e in stdlib::EXAMPLES {
        let code = format!("{}.{}", e.guidance, e.rule);
        if let Some(breaks) = e.breaks {
            let as_of = explain::example_as_of(breaks).unwrap_or(Example::AS_OF.parse().unwrap());
            let (session, diagnostics) = run_on(explain::example_text(breaks).into_bytes(), Some(e.guidance), as_of);
            let found = findings(&session, &diagnostics);
            assert_eq!(
                found,
                BTreeSet::from([code.clone()]),
                "{code}: breaks\n{}",
                session.render(regard::Format::Human, &diagnostics, false)
            );
        }
        let as_of = explain::example_as_of(e.satisfies).unwrap_or(Example::AS_OF.parse().unwrap());
        let (session, diagnostics) = run_on(explain::example_text(e.satisfies).into_bytes(), Some(e.guidance), as_of);
        assert!(
            findings(&session, &diagnostics).is_empty(),
            "{code}: satisfies\n{}",
            session.render(regard::Format::Human, &diagnostics, false)
        );
    }
}

#[test]
fn every_explanation_is_a_snapshot() {
    for e in explain::builtins() {
        insta::assert_snapshot!(e.code.as_str(), explain::render_builtin(e));
    }
    let session = stdlib_session();
    for g in session.guidance() {
        for r in &g.rules {
            insta::assert_snapshot!(format!("{}.{}", g.name, r.name), explain::render_rule(g, r));
        }
    }
}

#[test]
fn unknown_names_get_the_closest_match() {
    let session = stdlib_session();
    let guidance = session.guidance();
    let error = |q: &str| match explain::find(q, &guidance) {
        Err(e) => e,
        Ok(_) => panic!("`{q}` was found"),
    };
    assert_eq!(
        error("E0320"),
        "no diagnostic code, guidance or rule is called `E0320`; the closest is `E0302`"
    );
    assert_eq!(error("E0999"), "no diagnostic code, guidance or rule is called `E0999`");
    assert_eq!(
        error("dcs_lmcs_2013.dcs_apointed"),
        "no diagnostic code, guidance or rule is called `dcs_lmcs_2013.dcs_apointed`; the closest is `dcs_lmcs_2013.dcs_appointed`"
    );
    assert!(error("dcs_appointed").contains("`dcs_lmcs_2013.dcs_appointed`"));
    assert!(matches!(
        explain::find("lmcs_covers_send", &guidance),
        Ok(explain::Topic::Rule(..))
    ));
    assert!(matches!(
        explain::find("w0207", &guidance),
        Ok(explain::Topic::Builtin(..))
    ));
}

#[test]
fn docs_diagnostics_md_is_current() {
    let session = stdlib_session();
    let guidance = session.guidance();
    let page = explain::diagnostics_page(&guidance);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md");
    if std::env::var_os("REGARD_BLESS").is_some() {
        std::fs::write(&path, &page).expect("docs/diagnostics.md is writable");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == page,
        "docs/diagnostics.md is stale: run `REGARD_BLESS=1 cargo test --test explain`"
    );
}

/// `regard explain GUIDANCE`: what it is, where its text comes from, its rules and its
/// paragraphs (language-v2.md section 3, provenance).
#[test]
fn a_guidance_is_explained_with_its_provenance() {
    let session = stdlib_session();
    let guidance = session.guidance();
    let Ok(explain::Topic::Guidance(g)) = explain::find("dcs_lmcs_2013", &guidance) else {
        panic!("dcs_lmcs_2013 is a guidance");
    };
    let page = explain::render_guidance(g);
    assert!(page.contains("Statutory guidance, in force from 2013-04-08."), "{page}");
    assert!(page.contains("consultation draft"), "{page}");
    assert!(page.contains("- `dcs_lmcs_2013.dcs_appointed`"), "{page}");
    assert!(
        page.contains("`dcs_lmcs_2013`: 29 of 29 parts accounted for: 12 encoded, 17 set aside, 0 missing"),
        "{page}"
    );
}

/// `regard explain GROUP` (language-v3.md 3.4): every member, and for each that joined
/// with `in`, the file and line that says so.
#[test]
fn a_group_is_explained_with_the_members_that_joined_it() {
    let mine = Input::text(
        "mine.regard",
        "function family_hubs \"Family hubs\" in childrens_functions\n",
    );
    let options = Options {
        as_of: Example::AS_OF.parse().unwrap(),
        stdlib: true,
        as_of_given: false,
    };
    let session = Session::new(vec![mine], options);
    let view = session.group_view("childrens_functions").expect("a group");
    let text = explain::render_group(&view);
    assert!(text.contains("A group of functions."), "{text}");
    assert!(text.contains("- `education`\n"), "{text}");
    assert!(
        text.contains("- `family_hubs`: joined with `in` at mine.regard:1\n"),
        "{text}"
    );
    assert!(text.contains("- `youth_justice`: joined with `in` at"), "{text}");
    assert!(session.group_view("DCS").is_none());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_regard"))
        .args(["explain", "childrens_roles"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(
        printed.contains("- `VirtualSchoolHead`: joined with `in` at"),
        "{printed}"
    );
}

/// A `reading` in a guidance block (language-v3.md 3.9) is shown by `regard explain
/// GUIDANCE`, and not added to the findings of its rules.
#[test]
fn a_reading_of_the_whole_guidance_is_explained_not_added_to_findings() {
    let text = "guidance local \"Local\" {\n  status advisory\n  reading \"regard applies it from the start of 2024\"\n\n  rule r {\n    cite \"s1\"\n    should one DCS\n  }\n}\n\ncouncil c {\n  follows local\n}\n";
    let options = Options {
        as_of: Example::AS_OF.parse().unwrap(),
        stdlib: true,
        as_of_given: false,
    };
    let mut session = Session::new(vec![Input::text("local.regard", text)], options);
    let diagnostics = session.diagnostics();
    let guidance = session.guidance_named("local").unwrap().clone();
    let page = explain::render_guidance(&guidance);
    assert!(
        page.contains("Reading: regard applies it from the start of 2024"),
        "{page}"
    );
    let finding = diagnostics
        .iter()
        .find(|d| d.code.to_string() == "local.r")
        .expect("a finding");
    assert!(finding.notes.iter().all(|n| !n.contains("2024")), "{:?}", finding.notes);
}
