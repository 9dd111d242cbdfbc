//! Salsa recomputes only what an edit touches: changing one council in a workspace of
//! many re-runs that council's queries and nothing else, however many councils there are.

use std::sync::{Arc, Mutex};

use regard::db::{self, Contents, Database, Origin};
use regard::generate::{self, Config};
use regard::{Input, Options, Session};

/// The queries executed when council `i` of `n` is edited, by name. (The generator gives
/// councils 10k and 10k + 1 a joint DCS, and no other council a partner.)
fn queries_rerun_after_editing(i: usize, n: usize) -> Vec<String> {
    let log = Arc::new(Mutex::new(Vec::new()));
    let councils = generate::councils(Config {
        councils: n,
        seed: 9,
        problem_rate: 0.2,
        extra_posts: 4,
    });
    let inputs = councils
        .iter()
        .map(|g| Input::text(g.path.clone(), g.text.clone()))
        .collect();
    let mut session = Session::new_in(
        Database::with_event_log(Arc::clone(&log)),
        inputs,
        Options {
            as_of: "2025-06-01".parse().unwrap(),
            stdlib: true,
            as_of_given: false,
        },
    );
    let all = |s: &Session| db::workspace_diagnostics(&s.db, s.workspace);
    let before = all(&session);

    let user: Vec<_> = session.user_files();
    let edited = user[i];
    let text = edited.text(&session.db).replace("holder \"", "holder \"Dr ");
    assert_eq!(edited.origin(&session.db), Origin::User);
    log.lock().unwrap().clear();
    session.set_contents(edited, Contents::Text(text));
    let after = all(&session);
    assert_eq!(before.len(), after.len());

    let executed = log.lock().unwrap().clone();
    let mut names: Vec<String> = executed
        .iter()
        .map(|k| k.split('(').next().unwrap_or(k).to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn editing_one_council_reruns_only_its_queries() {
    let rerun = queries_rerun_after_editing(35, 60);
    // One run of each per-file query, for the edited file; the global name table is not
    // rebuilt (the edit declares nothing new), and no other council is checked again.
    assert_eq!(
        rerun,
        [
            "check_file",
            "file_defs",
            "file_diagnostics",
            "lower_councils",
            "lower_guidance",
            "parse"
        ],
        "{rerun:?}"
    );
    assert_eq!(queries_rerun_after_editing(125, 240), rerun);
}

#[test]
fn editing_a_council_with_a_joint_post_also_rechecks_its_partner() {
    // Council 30 shares its DCS with council 31, whose check reads council 30's posts.
    let rerun = queries_rerun_after_editing(30, 60);
    assert_eq!(
        rerun,
        [
            "check_file",
            "check_file",
            "file_defs",
            "file_diagnostics",
            "lower_councils",
            "lower_guidance",
            "parse"
        ],
        "{rerun:?}"
    );
}
