//! The generator and the checker together: generated councils without problems check
//! clean, each kind of problem the generator injects is found, and the verdict does not
//! depend on how many threads check.

use regard::generate::{self, Config, Problem};
use regard::{Input, Options, Session, db};

fn options() -> Options {
    Options {
        as_of: "2025-06-01".parse().unwrap(),
        stdlib: true,
        as_of_given: false,
    }
}

fn session(config: Config) -> (Session, Vec<generate::Generated>) {
    let generated = generate::councils(config);
    let inputs = generated
        .iter()
        .map(|g| Input::text(g.path.clone(), g.text.clone()))
        .collect();
    (Session::new(inputs, options()), generated)
}

#[test]
fn councils_without_problems_check_clean() {
    let (mut session, _) = session(Config {
        councils: 60,
        seed: 3,
        problem_rate: 0.0,
        extra_posts: 12,
    });
    let diagnostics = session.diagnostics();
    assert!(
        diagnostics.is_empty(),
        "{}",
        session.render(regard::Format::Human, &diagnostics, false)
    );
}

#[test]
fn each_injected_problem_is_found() {
    let expected = |p: Problem| match p {
        Problem::DcsReportsToDeputy => "dcs_lmcs_2013.dcs_reports_to_chief_executive",
        Problem::LmcsOffExecutive => "dcs_lmcs_2013.lmcs_on_executive",
        Problem::DcsOffHealthBoard => "dcs_lmcs_2013.dcs_on_health_and_wellbeing_board",
        Problem::StaleAssurance => "dcs_lmcs_2013.assurance_reviewed",
        Problem::MisspeltRole => "E0101",
        Problem::ReportingCycle => "E0202",
        Problem::SyntaxError => "E0001",
        Problem::StaleDeparture => "W0207",
        Problem::VacantDcs => "dcs_lmcs_2013.dcs_appointed",
    };
    let (mut session, generated) = session(Config {
        councils: 40,
        seed: 11,
        problem_rate: 0.5,
        extra_posts: 6,
    });
    let diagnostics = session.diagnostics();
    let mut seen_problems = 0;
    for g in &generated {
        let codes: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.council.as_deref() == Some(g.council.as_str()))
            .map(|d| d.code.to_string())
            .collect();
        for &p in &g.problems {
            // A committee-system council has no Executive to join.
            if p == Problem::LmcsOffExecutive && g.text.contains("is committee_system") {
                continue;
            }
            // A misspelt role hides the rules about that role, by design; so does a
            // vacant post the rules about its holder.
            if g.problems.contains(&Problem::MisspeltRole)
                && matches!(
                    p,
                    Problem::DcsReportsToDeputy | Problem::DcsOffHealthBoard | Problem::VacantDcs
                )
            {
                continue;
            }
            if g.problems.contains(&Problem::VacantDcs)
                && matches!(p, Problem::DcsReportsToDeputy | Problem::DcsOffHealthBoard)
            {
                continue;
            }
            // A post that did not parse may be the DCS: "no DCS" would be a guess.
            if p == Problem::VacantDcs && g.problems.contains(&Problem::SyntaxError) {
                continue;
            }
            seen_problems += 1;
            assert!(
                codes.iter().any(|c| c == expected(p)),
                "{}: {p:?} not found in {codes:?}",
                g.council
            );
        }
        if g.problems.is_empty() {
            assert!(codes.is_empty(), "{}: no problem injected, but {codes:?}", g.council);
        }
    }
    assert!(seen_problems > 40, "the test saw too few problems to mean anything");
}

/// The generator writes the forms of language version 2 (interim holdings, vacant posts,
/// `chairs`) and the safeguarding partners of Working Together 2023, so that benchmarks
/// and properties exercise them.
#[test]
fn generated_councils_use_the_new_forms() {
    let generated = generate::councils(Config {
        councils: 30,
        seed: 3,
        problem_rate: 0.3,
        extra_posts: 3,
    });
    let all: String = generated.iter().map(|g| g.text.as_str()).collect();
    for form in [
        ", DCS interim",
        "is vacant",
        "chairs SafeguardingPartnership",
        "is committee_system",
        "holds ChiefExecutive, LeadSafeguardingPartner",
        "holds DelegatedSafeguardingPartner, DCS",
    ] {
        assert!(all.contains(form), "no generated council says `{form}`");
    }
}

#[test]
fn the_verdict_does_not_depend_on_threads() {
    let config = Config {
        councils: 80,
        seed: 5,
        problem_rate: 0.2,
        extra_posts: 4,
    };
    let (mut parallel, _) = session(config);
    let (serial, _) = session(config);
    let in_parallel = parallel.diagnostics();
    let one_by_one = db::workspace_diagnostics(&serial.db, serial.workspace);
    assert!(!in_parallel.is_empty());
    assert_eq!(
        parallel.render(regard::Format::Json, &in_parallel, false),
        serial.render(regard::Format::Json, &one_by_one, false)
    );
}
