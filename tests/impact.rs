//! `regard impact` (language-v2.md 2.14): what a new edition changes, council by council.

mod common;

use std::path::PathBuf;

use common::{regard, scratch, stderr, stdout};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The version-1 and version-2 encodings of the 2013 guidance, over the examples as they
/// were: the guidance-level changes of the changelog, council by council. The version-1
/// file itself does not read under today's language (its `is interim`): impact refuses
/// it with the errors rather than leave its rules out (language-v3 3.8), and compares
/// the copy made readable.
#[test]
fn version_1_and_version_2_of_the_2013_guidance_over_the_examples() {
    let dir = root().join("tests/verdicts");
    let o = regard(
        &[
            "impact",
            "v1/stdlib/dcs_lmcs_2013.regard",
            "dcs_lmcs_2013",
            "examples",
            "--as-of",
            "2026-01-01",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("OLD (`dcs_lmcs_2013`) has errors"), "{err}");
    assert!(err.contains("[E0101] Error: unknown flag `interim`"), "{err}");
    assert!(err.contains("v1/stdlib/dcs_lmcs_2013.regard:62:77"), "{err}");

    let o = regard(
        &[
            "impact",
            "v1/dcs_lmcs_2013_readable.regard",
            "dcs_lmcs_2013",
            "examples",
            "--as-of",
            "2026-01-01",
            "--format",
            "json",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["old"], "v1/dcs_lmcs_2013_readable.regard");
    assert_eq!(json["new"], "dcs_lmcs_2013");
    let councils = json["councils"].as_array().unwrap();
    let changes = |id: &str| -> Vec<(String, String)> {
        councils
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| {
                c["changes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| {
                        (
                            x["kind"].as_str().unwrap().to_string(),
                            x["rule"].as_str().unwrap().to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    // Ashby Vale: the old record's findings go, one about the council comes; its Lead
    // Member's LSCB findings go (not in force in 2026); its Chief Executive, who is the
    // DCS, is no longer asked to report to itself.
    let ashby = changes("ashby_vale");
    for expected in [
        ("disappeared", "dcs_lmcs_2013.dcs_reports_to_chief_executive"),
        ("disappeared", "dcs_lmcs_2013.lmcs_observes_lscb"),
        ("disappeared", "dcs_lmcs_2013.lmcs_not_lscb_member"),
        ("disappeared", "dcs_lmcs_2013.assurance_elements"),
        ("appeared", "dcs_lmcs_2013.assurance_reviewed"),
    ] {
        assert!(
            ashby.contains(&(expected.0.to_string(), expected.1.to_string())),
            "{expected:?} in {ashby:?}"
        );
    }
    // Riverside had no record: the council-level review is now asked for.
    assert_eq!(
        changes("riverside"),
        [("appeared".to_string(), "dcs_lmcs_2013.assurance_reviewed".to_string())]
    );
    // Every change, council by council: exactly the guidance-level changes CHANGELOG.md
    // lists for the 2013 edition (section "The standard library, version 2").
    let mut all: Vec<String> = councils
        .iter()
        .flat_map(|c| {
            c["changes"].as_array().unwrap().iter().map(move |x| {
                format!(
                    "{} {} {}",
                    c["id"].as_str().unwrap(),
                    x["kind"].as_str().unwrap(),
                    x["rule"].as_str().unwrap()
                )
            })
        })
        .collect();
    all.sort();
    assert_eq!(
        all,
        [
            "ashby_vale appeared dcs_lmcs_2013.assurance_reviewed",
            "ashby_vale disappeared dcs_lmcs_2013.assurance_elements",
            "ashby_vale disappeared dcs_lmcs_2013.assurance_reviewed",
            "ashby_vale disappeared dcs_lmcs_2013.dcs_reports_to_chief_executive",
            "ashby_vale disappeared dcs_lmcs_2013.lmcs_not_lscb_member",
            "ashby_vale disappeared dcs_lmcs_2013.lmcs_observes_lscb",
            "fenmarsh appeared dcs_lmcs_2013.assurance_reviewed",
            "harbourside appeared dcs_lmcs_2013.assurance_reviewed",
            "millbrook appeared dcs_lmcs_2013.assurance_reviewed",
            "riverside appeared dcs_lmcs_2013.assurance_reviewed",
            "stanford_on_sea appeared dcs_lmcs_2013.assurance_reviewed",
        ]
    );
    let summary = &json["summary"];
    assert_eq!(summary["councils"], 6);
    assert_eq!(summary["newly_fail"], 0);
}

#[test]
fn identical_guidance_changes_nothing() {
    let dir = root().join("tests/verdicts");
    let o = regard(
        &[
            "impact",
            "dcs_lmcs_2013",
            "../../stdlib/dcs_lmcs_2013.regard",
            "examples",
            "--as-of",
            "2026-01-01",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).ends_with("0 of 6 councils change verdict: 0 newly fail, 0 newly pass, 0 change findings\n"),
        "{}",
        stdout(&o)
    );
}

/// A draft without `in_force` that replaces the current edition, compared over councils
/// that follow the current one; a departure that goes stale, and one whose rule is gone.
#[test]
fn a_draft_edition_and_departures_it_leaves_behind() {
    let dir = scratch("impact_draft");
    std::fs::write(
        dir.join("council.regard"),
        r#"council ashford "Ashford Council" {
  officer chief_executive "Chief Executive" {
    holds ChiefExecutive
  }

  officer director "Director of Children's Services" {
    holds DCS
  }

  depart protocol_2026.dcs_reports because "Reports to the deputy until the 2027 restructure is complete"
  depart protocol_2026.dcs_mentored because "The director has twenty years' experience as a director"
}

guidance protocol_2026 "Local protocol, 2026" {
  status advisory
  in_force 2026-01-01

  rule dcs_reports {
    should DCS reports_to ChiefExecutive
  }

  rule dcs_mentored {
    should DCS is mentored
  }
}
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("draft.regard"),
        r#"guidance protocol_2027 "Local protocol, 2027 draft" {
  status advisory
  replaces protocol_2026

  rule dcs_reports {
    should DCS is officer
  }

  rule dcs_officer {
    should DCS is member
  }
}
"#,
    )
    .unwrap();
    let o = regard(
        &[
            "impact",
            "protocol_2026",
            "draft.regard",
            "council.regard",
            "--as-of",
            "2026-06-01",
        ],
        &dir,
    );
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(
        out.contains("council `ashford` (council.regard): findings change"),
        "{out}"
    );
    assert!(out.contains("+ appeared protocol_2027.dcs_officer (info)"), "{out}");
    assert!(
        out.contains("+ departure loses its rule E0101 (error): unknown rule `dcs_mentored`"),
        "{out}"
    );
    assert!(out.contains("- disappeared protocol_2026.dcs_mentored (note)"), "{out}");
    // The departure from `dcs_reports` reads against the draft's rule of that name, which
    // the council meets: the note goes, and the departure is stale.
    assert!(out.contains("- disappeared protocol_2026.dcs_reports (note)"), "{out}");
    assert!(out.contains("+ stale departure W0207 (warning)"), "{out}");
    // The council already has errors (it has no Lead Member): its findings change.
    assert!(
        out.ends_with("1 of 1 councils change verdict: 0 newly fail, 0 newly pass, 1 change findings\n"),
        "{out}"
    );
    let o = regard(&["impact", "protocol_2026", "nowhere", "council.regard"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no guidance `nowhere`"), "{}", stderr(&o));
}

/// The drafter's cases of language-v3 3.8: a draft whose vocabulary is in another file
/// (refused with the errors until that file is given, never compared without its
/// rules); another followed guidance with a rule of the same short name (its findings
/// are not taken for the draft's); a departure whose rule the draft withdraws; and a
/// draft not yet in force on the check date.
#[test]
fn a_drafts_vocabulary_name_clashes_withdrawn_rules_and_dates() {
    let dir = scratch("impact_drafter");
    std::fs::write(
        dir.join("vocabulary.regard"),
        "/// The council's principal social worker.\nrole PrincipalSocialWorker \"Principal Social Worker\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("protocol.regard"),
        r#"guidance protocol_2026 "Local protocol, 2026" {
  status statutory
  in_force 2026-01-01

  rule dcs_mentored {
    should DCS is mentored
  }
}

guidance local_extra "Local extra expectations" {
  status statutory

  rule dcs_line {
    should DCS reports_to ChiefExecutive
  }
}
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("council.regard"),
        r#"council ashford "Ashford Council" {
  follows protocol_2026, local_extra

  officer chief_executive "Chief Executive" {
    holds ChiefExecutive
  }

  officer deputy "Deputy Chief Executive" {
    reports_to chief_executive
  }

  officer director "Director of Children's Services" {
    holds DCS
    reports_to deputy
  }

  depart dcs_mentored because "The director has twenty years' experience as a director"
}
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("draft.regard"),
        r#"guidance protocol_2027 "Local protocol, 2027 draft" {
  status statutory
  in_force 2027-09-01
  replaces protocol_2026

  rule dcs_line {
    should DCS reports_to ChiefExecutive
  }

  rule psw_appointed {
    should exists PrincipalSocialWorker
  }
}
"#,
    )
    .unwrap();
    let args = |extra: &[&'static str]| -> Vec<&'static str> {
        let mut args = vec![
            "impact",
            "protocol_2026",
            "draft.regard",
            "protocol.regard",
            "council.regard",
        ];
        args.extend_from_slice(extra);
        args.extend(["--as-of", "2026-06-01"]);
        args
    };

    // The draft's role is declared in a file not given: refused, with the error shown.
    let o = regard(&args(&[]), &dir);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("NEW (`protocol_2027`) has errors"), "{err}");
    assert!(err.contains("PrincipalSocialWorker"), "{err}");
    assert!(err.contains("draft.regard:11:"), "{err}");

    // Given, every rule of the draft counts.
    let o = regard(&args(&["vocabulary.regard"]), &dir);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    // Not in force yet: said once, at the top.
    assert!(
        out.starts_with("`protocol_2027` is not in force on 2026-06-01: showing what would change if it were\n"),
        "{out}"
    );
    assert_eq!(out.matches("is not in force").count(), 1, "{out}");
    // The draft's `dcs_line` breaks where `local_extra.dcs_line` already did, on the same
    // line: it is a change all the same.
    assert!(out.contains("+ appeared protocol_2027.dcs_line (warning)"), "{out}");
    assert!(!out.contains("local_extra.dcs_line"), "{out}");
    assert!(
        out.contains("+ appeared protocol_2027.psw_appointed (warning)"),
        "{out}"
    );
    // The departure's rule is withdrawn by the draft.
    assert!(out.contains("+ departure loses its rule W0207 (warning)"), "{out}");
    assert!(out.contains("- disappeared protocol_2026.dcs_mentored (note)"), "{out}");

    let o = regard(&args(&["vocabulary.regard", "--format", "json"]), &dir);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(
        json["note"],
        "`protocol_2027` is not in force on 2026-06-01: showing what would change if it were"
    );
    let kinds: Vec<String> = json["councils"][0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("{} {}", c["kind"].as_str().unwrap(), c["rule"].as_str().unwrap()))
        .collect();
    assert!(
        kinds.contains(&"appeared protocol_2027.dcs_line".to_string()),
        "{kinds:?}"
    );
}
