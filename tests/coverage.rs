//! `regard coverage` (language-v2.md 2.10, 2.14): every declared part with what accounts
//! for it, the summary line, JSON version 1, and the exit statuses.

mod common;

use common::{regard, scratch, stderr, stdout};

const DRAFT: &str = r#"guidance draft_2027 "Draft guidance, 2027" {
  status statutory
  paragraphs "key points", 1 to 4

  rule dcs_appointed {
    cite "Key points"
    cite "paras 1 and 2"
    should one DCS
  }

  rule old_board_rule {
    cite "para 3"
    in_force until 2019-09-29
    should DCS member_of LSCB
  }

  aside "para 2" because "also encoded; its second sentence is commentary"
}
"#;

#[test]
fn the_table_lists_every_part_with_what_accounts_for_it() {
    let dir = scratch("coverage_table");
    std::fs::write(dir.join("draft.regard"), DRAFT).unwrap();
    let o = regard(&["coverage", "draft.regard"], &dir);
    let out = stdout(&o);
    // Para 4 is missing: exit 1, and W0305 is not repeated here (it is a `check` finding).
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    // The standard library's table comes first; the draft's follows.
    let draft = &out[out.find("draft_2027 \"").expect("the draft's table")..];
    let lines: Vec<&str> = draft.lines().collect();
    assert_eq!(lines[0], "draft_2027 \"Draft guidance, 2027\" (draft.regard)");
    assert!(lines[1].starts_with("  key points  encoded  dcs_appointed"), "{out}");
    assert!(lines[2].starts_with("  para 1      encoded  dcs_appointed"), "{out}");
    // Cited and set aside: encoded.
    assert!(lines[3].starts_with("  para 2      encoded  dcs_appointed"), "{out}");
    // A rule not in force still accounts for the paragraph it cites.
    assert!(lines[4].starts_with("  para 3      encoded  old_board_rule"), "{out}");
    assert!(lines[5].starts_with("  para 4      missing"), "{out}");
    assert_eq!(
        lines[6],
        "draft_2027: 4 of 5 parts accounted for: 4 encoded, 0 set aside, 1 missing"
    );

    // Set para 4 aside: everything is accounted for, exit 0.
    let complete = DRAFT.replace(
        "  aside \"para 2\"",
        "  aside \"para 4\" because \"addressed to other bodies, not to councils\"\n  aside \"para 2\"",
    );
    std::fs::write(dir.join("draft.regard"), &complete).unwrap();
    let o = regard(&["coverage", "draft.regard", "--no-stdlib"], &dir);
    let out = stdout(&o);
    assert!(
        out.contains("  para 4      aside    addressed to other bodies, not to councils\n"),
        "{out}"
    );
    assert!(out.ends_with("draft_2027: 5 of 5 parts accounted for: 4 encoded, 1 set aside, 0 missing\n"));
    // --no-stdlib: DCS is unknown, an error in the input, reported first and exit 1.
    assert!(out.starts_with("[E0101]"), "{out}");
    assert_eq!(o.status.code(), Some(1));
    let o = regard(&["coverage", "draft.regard"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn json_is_version_one_with_parts_and_a_summary() {
    let dir = scratch("coverage_json");
    std::fs::write(dir.join("draft.regard"), DRAFT).unwrap();
    let o = regard(&["coverage", "draft.regard", "--format", "json"], &dir);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(doc["version"], 1);
    let g = doc["guidance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "draft_2027")
        .expect("the draft");
    assert_eq!(g["parts"].as_array().unwrap().len(), 5);
    assert_eq!(g["parts"][0]["part"], "key points");
    assert_eq!(g["parts"][4]["status"], "missing");
    assert_eq!(g["parts"][4]["rules"], serde_json::json!([]));
    assert_eq!(g["parts"][4]["reason"], serde_json::Value::Null);
    assert_eq!(
        g["summary"],
        serde_json::json!({"parts": 5, "encoded": 4, "aside": 0, "missing": 1})
    );
}

#[test]
fn nothing_to_account_for_and_paths_that_do_not_exist() {
    let dir = scratch("coverage_none");
    // No path given: the current folder, which may hold no regard file.
    let o = regard(&["coverage", "--no-stdlib"], &dir);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("no guidance declares `paragraphs`"));
    // A folder given that holds none is an error.
    let o = regard(&["coverage", ".", "--no-stdlib"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no regard files found under `.`"), "{}", stderr(&o));
    let o = regard(&["coverage", "nowhere.regard"], &dir);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// The standard library accounts for every part of the 2013 guidance, and for every fact
/// of the notes the Working Together guidance rests on, with what they leave out.
#[test]
fn the_standard_library_accounts_for_every_paragraph() {
    let dir = scratch("coverage_stdlib");
    let o = regard(&["coverage"], &dir);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("dcs_lmcs_2013: 29 of 29 parts accounted for: 12 encoded, 17 set aside, 0 missing\n"),
        "{out}"
    );
    assert!(
        out.contains("  para 23     encoded  dcs_on_lscb, lmcs_observes_lscb, lmcs_not_lscb_member\n"),
        "{out}"
    );
    assert!(
        out.contains("working_together_2018: 4 of 4 parts accounted for: 1 encoded, 3 set aside, 0 missing\n"),
        "{out}"
    );
    assert!(
        out.contains("working_together_2023: 7 of 7 parts accounted for: 3 encoded, 4 set aside, 0 missing"),
        "{out}"
    );
    assert!(
        out.contains("  summaries, fact 6  encoded  delegated_partner_named, delegated_partner_senior\n"),
        "{out}"
    );
    assert!(
        out.contains("  rest of the text   aside    the guidance's own text is not among the sources"),
        "{out}"
    );
}
