//! In force between dates (language-v2.md 2.8): which guidance a council without
//! `follows` follows on a date, at the boundaries; W0204 only for a replacing edition in
//! force; a rule not in force is not evaluated, and a departure from it is stale (W0207).

use regard::{Input, Options, Session, db};

/// A session of `text` alone (no standard library), checked on `as_of`.
fn session(text: &str, as_of: &str) -> Session {
    Session::new(
        vec![Input::text("t.regard", text)],
        Options {
            as_of: as_of.parse().unwrap(),
            stdlib: false,
            as_of_given: false,
        },
    )
}

/// What the first council of `text` follows on `as_of`.
fn followed(text: &str, as_of: &str) -> Vec<String> {
    let session = session(text, as_of);
    let file = session.user_files()[0];
    db::lower_councils(&session.db, session.workspace, file).councils[0]
        .follows
        .iter()
        .map(|f| f.guidance.to_string())
        .collect()
}

/// The codes of every diagnostic of `text` on `as_of`.
fn codes(text: &str, as_of: &str) -> Vec<String> {
    session(text, as_of)
        .diagnostics()
        .iter()
        .map(|d| d.code.to_string())
        .collect()
}

const EDITIONS: &str = r#"
guidance old "Old" {
  in_force 2009-01-01 until 2013-04-08
}

guidance current "Current" {
  in_force 2013-04-08
  replaces old
}

guidance undated "Undated" {
}

guidance draft "Draft" {
  in_force 2026-09-01
  replaces current
}

council c "C" {
}
"#;

#[test]
fn a_council_without_follows_follows_what_is_in_force_less_what_it_replaces() {
    // `until` is exclusive: on 2013-04-08 `old` has ended and `current` has begun.
    assert_eq!(followed(EDITIONS, "2013-04-07"), ["old", "undated"]);
    assert_eq!(followed(EDITIONS, "2013-04-08"), ["current", "undated"]);
    // An edition that starts later does not replace the one in force yet.
    assert_eq!(followed(EDITIONS, "2026-08-31"), ["current", "undated"]);
    assert_eq!(followed(EDITIONS, "2026-09-01"), ["undated", "draft"]);
    // A guidance without `in_force` is in force on every date.
    assert_eq!(followed(EDITIONS, "1990-01-01"), ["undated"]);
}

#[test]
fn two_editions_in_force_at_once_the_replacing_one_is_followed() {
    let text = r#"
guidance first "First" {
  in_force 2020-01-01
}

guidance second "Second" {
  in_force 2021-01-01
  replaces first
}

council c "C" {
}
"#;
    assert_eq!(followed(text, "2020-06-01"), ["first"]);
    assert_eq!(followed(text, "2022-06-01"), ["second"]);
}

#[test]
fn only_an_edition_in_force_makes_another_superseded() {
    let text = |follows: &str| format!("{EDITIONS}\ncouncil d \"D\" {{\n  follows {follows}\n}}\n");
    assert_eq!(codes(&text("current"), "2025-06-01"), Vec::<String>::new());
    assert_eq!(codes(&text("current"), "2026-09-01"), ["W0204"]);
    // W0204 for `old` (replaced by `current`, in force), and not W0209 as well.
    assert_eq!(codes(&text("old"), "2025-06-01"), ["W0204"]);
    assert_eq!(codes(&text("draft"), "2025-06-01"), ["W0209"]);
}

#[test]
fn a_rule_not_in_force_is_not_evaluated_and_a_departure_from_it_is_stale() {
    let text = r#"
role DCS "Director of Children's Services"

guidance g "G" {
  status statutory

  rule dcs_appointed {
    in_force until 2025-06-01
    must exists DCS
  }

  rule dcs_appointed_again {
    in_force 2025-06-01
    must exists DCS
  }
}

council c "C" {
  follows g
  depart dcs_appointed because "the council shares a director with its neighbour"
}
"#;
    // The day before the `until` date: the first rule is in force, and a departure from
    // a statutory `must` cannot stand.
    assert_eq!(codes(text, "2025-05-31"), ["g.dcs_appointed", "E0205"]);
    // On the `until` date the first rule has ended: the second one is broken, and the
    // departure from the first excuses nothing.
    assert_eq!(codes(text, "2025-06-01"), ["g.dcs_appointed_again", "W0207"]);
}

#[test]
fn a_second_in_force_line_is_declared_twice() {
    let text = "guidance g \"G\" {\n  in_force 2020-01-01\n  in_force 2021-01-01\n\n  rule r {\n    in_force\n    in_force until 2020-01-01\n  }\n}\n";
    assert_eq!(codes(text, "2025-06-01"), ["E0103", "E0103"]);
}

#[test]
fn clauses_of_rules_never_in_force_together_do_not_contradict() {
    let text = |second_from: &str| {
        format!(
            "role DCS \"D\"\nbody LSCB \"L\"\nrelation member_of \"m\" : post -> body\n\nguidance g \"G\" {{\n  rule old {{\n    in_force until 2020-01-01\n    should DCS member_of LSCB\n  }}\n\n  rule new {{\n    in_force {second_from}\n    should not DCS member_of LSCB\n  }}\n}}\n"
        )
    };
    // `old` ends on the day `new` starts: no common day, no W0303.
    assert_eq!(codes(&text("2020-01-01"), "2025-06-01"), Vec::<String>::new());
    // A day in common: the clauses contradict.
    assert_eq!(codes(&text("2019-12-31"), "2025-06-01"), ["W0303"]);
}
