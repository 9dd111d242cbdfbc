//! `regard analyze`: the encoding never disagrees with the checker. For every council of
//! the examples, of the fixtures and of hundreds of generated ones (with problems), the
//! rules the encoding says the council breaks are exactly those the checker reports.

use regard::generate::{self, Config};
use regard::{Input, Options, Session};

/// Compares the encoding's verdict on each rule with the checker's, for every council of
/// `inputs` the encoding describes; returns how many councils were compared.
fn agree(inputs: Vec<Input>, as_of: &str) -> usize {
    let options = Options {
        as_of: as_of.parse().unwrap(),
        stdlib: true,
    };
    let mut session = Session::new(inputs, options);
    let ws = session.workspace;
    let as_of = ws.as_of(&session.db);
    let guidance: Vec<regard::hir::Guidance> = session.guidance().into_iter().cloned().collect();
    let results = session.map_checked(|db, file, found| {
        let defs = ws.defs(db);
        let mut compared = 0;
        let mut disagreements = Vec::new();
        for council in &regard::db::lower_councils(db, ws, file).councils {
            let followed: Vec<&regard::hir::Guidance> = council
                .follows
                .iter()
                .filter_map(|f| guidance.iter().find(|g| g.name == f.guidance))
                .collect();
            let Some(rules) = regard::analyze::rules_broken(defs, &followed, council, as_of) else {
                continue;
            };
            compared += 1;
            for (code, broken) in rules {
                let reported = found
                    .iter()
                    .any(|d| d.code.to_string() == code && d.council.as_deref() == Some(council.name.as_str()));
                if broken != reported {
                    disagreements.push(format!(
                        "{} on {as_of}: `{}` {code}: the encoding says {}, the checker {}",
                        file.path(db),
                        council.name,
                        if broken { "broken" } else { "met" },
                        if reported { "reports it" } else { "does not" }
                    ));
                }
            }
        }
        (compared, disagreements)
    });
    let mut compared = 0;
    let mut disagreements = Vec::new();
    for (n, d) in results {
        compared += n;
        disagreements.extend(d);
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    compared
}

fn files_under(folder: &str) -> Vec<Input> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    regard::files::collect(&[root]).unwrap()
}

#[test]
fn the_encoding_agrees_with_the_checker_on_generated_councils() {
    let mut compared = 0;
    for (seed, rate) in [(1, 0.3), (2, 0.5), (3, 0.1)] {
        let mut config = Config::national(120, seed);
        config.problem_rate = rate;
        let inputs: Vec<Input> = generate::councils(config)
            .into_iter()
            .map(|c| Input::text(&c.path, c.text))
            .collect();
        for as_of in ["2025-06-01", "2018-06-01"] {
            compared += agree(inputs.clone(), as_of);
        }
    }
    assert!(compared > 250, "only {compared} councils compared");
}

#[test]
fn the_encoding_agrees_with_the_checker_on_the_examples_and_fixtures() {
    let mut compared = 0;
    for folder in ["examples", "tests/ui/stdlib", "tests/ui/seed_cases", "tests/report"] {
        for as_of in ["2026-01-01", "2018-06-01", "2012-06-01"] {
            compared += agree(files_under(folder), as_of);
        }
    }
    assert!(compared > 60, "only {compared} councils compared");
}
