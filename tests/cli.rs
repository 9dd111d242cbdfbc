//! The command line as a user runs it: `regard check` (exit statuses, output formats,
//! colour, bad input of every kind), `explain`, `test`, `fmt` and `init`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn regard(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_regard"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("regard runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

const NORTHSHIRE: &str = include_str!("ui/design/northshire.regard");

#[test]
fn examples_check_with_the_expected_verdicts() {
    let o = regard(
        &["check", "examples", "--as-of", "2026-11-23", "--color", "never"],
        &root(),
    );
    let out = stdout(&o);
    // Ashby Vale has errors to fix, so the check fails.
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.ends_with("checked 6 files (6 councils): 2 errors, 4 warnings, 2 infos, 2 notes\n"),
        "{out}"
    );
    for compliant in [
        "examples/riverside.regard",
        "examples/fenmarsh.regard",
        "examples/joint",
    ] {
        let o = regard(&["check", compliant, "--as-of", "2026-11-23"], &root());
        assert_eq!(o.status.code(), Some(0), "{compliant}: {}", stdout(&o));
        assert!(stdout(&o).contains("no problems found"), "{compliant}: {}", stdout(&o));
    }
    let o = regard(
        &["check", "examples/harbourside.regard", "--as-of", "2026-11-23"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("2 notes"), "{}", stdout(&o));
}

#[test]
fn deny_warnings_fails_on_warnings_only() {
    let dir = scratch("deny");
    let text = NORTHSHIRE.replace(
        "  depart dcs_reports_to_chief_executive for director_people because \"Reports to the Deputy Chief Executive during the 2025 restructure; agreed at Cabinet on 2025-01-14\"\n",
        "",
    );
    std::fs::write(dir.join("northshire.regard"), text).unwrap();
    assert_eq!(regard(&["check", "--as-of", "2025-06-01"], &dir).status.code(), Some(0));
    assert_eq!(
        regard(&["check", "--as-of", "2025-06-01", "--deny", "warnings"], &dir)
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn the_design_example_gives_the_json_of_section_8_1() {
    let dir = scratch("design");
    std::fs::create_dir_all(dir.join("councils")).unwrap();
    let without_departure: String = NORTHSHIRE
        .lines()
        .filter(|l| !l.trim_start().starts_with("depart ") && !l.starts_with("// "))
        .map(|l| l.split(" //~").next().unwrap_or(l).to_string() + "\n")
        .collect();
    std::fs::write(dir.join("councils/northshire.regard"), &without_departure).unwrap();
    let o = regard(
        &[
            "check",
            "councils/northshire.regard",
            "--as-of",
            "2025-06-01",
            "--format",
            "json",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let d = &json["diagnostics"][0];
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(1));
    assert_eq!(d["code"], "dcs_lmcs_2013.dcs_reports_to_chief_executive");
    assert_eq!(d["severity"], "warning");
    assert_eq!(
        d["message"],
        "`director_people` holds `DCS` but reports to `deputy_chief_exec`, which does not hold `ChiefExecutive`"
    );
    assert_eq!(d["file"], "councils/northshire.regard");
    assert_eq!(d["span"], serde_json::json!({"start": 405, "end": 433}));
    assert_eq!(
        d["range"],
        serde_json::json!({"start": {"line": 15, "column": 5}, "end": {"line": 15, "column": 33}})
    );
    assert_eq!(d["labels"][0]["file"], "<stdlib>/dcs_lmcs_2013.regard");
    assert_eq!(d["labels"][0]["message"], "required by this clause");
    assert_eq!(
        d["notes"][0],
        "para 6: The DCS should report directly to the Chief Executive (Head of Paid Service)"
    );
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .contains("`depart dcs_reports_to_chief_executive for director_people because \"...\"`")
    );
    assert_eq!(d["council"], "northshire");
    assert!(d["departure"].is_null());
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 1, "councils": 1, "errors": 0, "warnings": 1, "infos": 0, "notes": 0})
    );

    // With the `depart` line, the same diagnostic is a note that carries the departure.
    std::fs::write(dir.join("councils/northshire.regard"), NORTHSHIRE).unwrap();
    let o = regard(
        &["check", "councils", "--as-of", "2025-06-01", "--format", "json"],
        &dir,
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let d = &json["diagnostics"][0];
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(1));
    assert_eq!(d["severity"], "note");
    assert_eq!(d["file"], "councils/northshire.regard");
    let departure = &d["departure"];
    assert!(
        departure["reason"]
            .as_str()
            .unwrap()
            .starts_with("Reports to the Deputy Chief Executive")
    );
    assert_eq!(departure["file"], "councils/northshire.regard");
    assert_eq!(departure["range"]["start"]["column"], 3);
    assert_eq!(json["summary"]["notes"], 1);
}

#[test]
fn a_missing_path_or_a_bad_argument_is_exit_2() {
    let o = regard(&["check", "no/such/folder"], &root());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("`no/such/folder` does not exist"));
    assert_eq!(
        regard(&["check", "examples", "--as-of", "2025-02-30"], &root())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        regard(&["check", "examples", "--format", "xml"], &root()).status.code(),
        Some(2)
    );
    assert_eq!(
        regard(&["check", "examples", "--deny", "notes"], &root()).status.code(),
        Some(2)
    );
}

#[test]
fn a_file_that_is_not_utf8_is_e0002_not_a_failure_to_run() {
    let dir = scratch("not_utf8");
    std::fs::write(dir.join("latin1.regard"), b"council caf\xe9 \"Caf\xe9\" {\n}\n").unwrap();
    let o = regard(&["check", "--format", "json"], &dir);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "E0002");
    assert_eq!(d["file"], "./latin1.regard");
    assert_eq!(d["range"]["start"], serde_json::json!({"line": 1, "column": 1}));
    assert_eq!(d["span"], serde_json::json!({"start": 0, "end": 0}));
    assert_eq!(json["summary"]["files"], 1);
}

#[test]
fn a_file_over_16_mib_is_e0003() {
    let dir = scratch("too_large");
    let mut text = String::from("council big \"Big\" {\n}\n");
    text.push_str(&"// padding\n".repeat(17 * 1024 * 1024 / 11 + 1));
    std::fs::write(dir.join("big.regard"), text).unwrap();
    let o = regard(&["check", "big.regard", "--format", "json"], &dir);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(json["diagnostics"][0]["code"], "E0003");
    assert_eq!(
        json["diagnostics"][0]["range"]["start"],
        serde_json::json!({"line": 1, "column": 1})
    );
}

#[test]
fn deep_nesting_is_e0003_and_never_a_stack_overflow() {
    let dir = scratch("deep");
    for (name, text) in [
        (
            "parens.regard",
            format!(
                "guidance g \"g\" {{\n  rule r {{\n    should DCS {}\n  }}\n}}\n",
                "(".repeat(100_000)
            ),
        ),
        ("braces.regard", "x {\n".repeat(100_000)),
        (
            "nots.regard",
            format!(
                "guidance g \"g\" {{\n  rule r {{\n    should DCS {}is mentored\n  }}\n}}\n",
                "not ".repeat(100_000)
            ),
        ),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let o = regard(&["check", "--format", "json"], &dir);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let codes: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert!(codes.contains(&("./braces.regard", "E0003")), "{codes:?}");
    assert!(codes.contains(&("./parens.regard", "E0003")), "{codes:?}");
    // A long chain of `not` is no nesting: it parses.
    assert!(!codes.iter().any(|(f, _)| *f == "./nots.regard"), "{codes:?}");
}

#[test]
fn arbitrary_bytes_never_crash_the_checker() {
    let dir = scratch("noise");
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabet: &[u8] = b"{}()\",.:->_/ \n\trole body council officer member holds reports_to DCS must should not exists one combine assurance dated within 12 months depart because \\ \xe2\x80\x99 \xff";
    for i in 0..40 {
        let len = (next() % 400) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        std::fs::write(dir.join(format!("noise_{i:02}.regard")), bytes).unwrap();
    }
    let o = regard(&["check", "--format", "json"], &dir);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON even for noise");
    assert_eq!(json["summary"]["files"], 40);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let dir = scratch("colour");
    std::fs::write(dir.join("x.regard"), "council x \"X\" {\n  follows nothing\n}\n").unwrap();
    let always = regard(&["check", "--color", "always"], &dir);
    assert!(stdout(&always).contains('\u{1b}'));
    let never = regard(&["check", "--color", "never"], &dir);
    assert!(!stdout(&never).contains('\u{1b}'));
    // Not a terminal: no colour by default.
    let auto = regard(&["check"], &dir);
    assert!(!stdout(&auto).contains('\u{1b}'));
    let no_color = Command::new(env!("CARGO_BIN_EXE_regard"))
        .args(["check", "--color", "auto"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stdout(&no_color).contains('\u{1b}'));
}

#[test]
fn no_stdlib_checks_against_the_files_given_only() {
    let dir = scratch("no_stdlib");
    std::fs::write(
        dir.join("x.regard"),
        "council x \"X\" {\n  officer a \"A\" {\n    holds DCS\n  }\n}\n",
    )
    .unwrap();
    let o = regard(&["check", "--no-stdlib", "--format", "json"], &dir);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "E0101");
    assert_eq!(o.status.code(), Some(1));
    // The standard library itself checks clean as ordinary files.
    let o = regard(&["check", "stdlib", "--no-stdlib"], &root());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("no problems found"));
}

#[test]
fn shared_posts_are_checked_across_files() {
    let dir = scratch("shared");
    let joint = |this: &str, other: &str| {
        format!(
            "council {this} \"{this}\" {{\n  follows none\n\n  officer dcs \"Joint DCS\" {{\n    holds DCS\n    shared with {other}\n  }}\n}}\n"
        )
    };
    std::fs::write(
        dir.join("rules.regard"),
        "guidance none \"No rules\" {\n  status advisory\n}\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.regard"), joint("alpha", "beta")).unwrap();
    std::fs::write(dir.join("b.regard"), joint("beta", "alpha")).unwrap();
    assert_eq!(regard(&["check"], &dir).status.code(), Some(0));
    // Without the partner's view, the joint post is not declared back.
    std::fs::write(dir.join("b.regard"), "council beta \"beta\" {\n  follows none\n}\n").unwrap();
    let o = regard(&["check", "--format", "json"], &dir);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "E0203");
    assert_eq!(d["file"], "./a.regard");
    assert_eq!(d["labels"][0]["file"], "./b.regard");
}

#[test]
fn explain_prints_codes_and_rules_and_refuses_unknown_names() {
    let o = regard(&["explain", "E0202"], &root());
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("# E0202: reporting lines in a circle\n"));
    let o = regard(&["explain", "dcs_lmcs_2013.assurance_reviewed"], &root());
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("> para 14: A local authority should carry out effective assurance checks"));
    assert!(stdout(&o).contains("reading: regard reads 'regularly' as at least once every twelve months"));
    let o = regard(&["explain", "dcs_lmcs_2013.assurance_reveiwed"], &root());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: no diagnostic code, guidance or rule is called `dcs_lmcs_2013.assurance_reveiwed`; the closest is `dcs_lmcs_2013.assurance_reviewed`\n"
    );
    // A drafter's own guidance is found in the paths given after the name.
    let o = regard(
        &["explain", "local_protocol.psw_appointed", "tests/ui/guidance"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        stdout(&o)
            .contains("The council has exactly one post that holds `PrincipalSocialWorker`: an error when broken.")
    );
    let index = stdout(&regard(&["explain"], &root()));
    assert!(index.contains("  E0105  an ambiguous rule in a departure\n"));
    assert!(index.contains("  chief_executive_guide.new_dcs_mentored  A DCS in a first director role has a mentor\n"));
}

#[test]
fn regard_test_passes_on_the_fixtures_and_names_a_wrong_expectation() {
    let o = regard(&["test", "tests/ui", "--as-of", "2025-06-01"], &root());
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.ends_with(" passed, 0 failed\n"), "{out}");

    let dir = scratch("regard_test");
    std::fs::write(
        dir.join("protocol.regard"),
        "guidance local_protocol \"Local protocol\" {\n  status statutory\n\n  rule dcs_on_board {\n    should DCS member_of LSCB\n  }\n}\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("cases")).unwrap();
    let case = |annotation: &str| {
        format!(
            "// as-of: 2025-06-01\ncouncil ashford \"Ashford\" {{\n  follows local_protocol\n\n  officer director \"Director\" {{ //~ {annotation}\n    holds DCS\n  }}\n}}\n"
        )
    };
    std::fs::write(
        dir.join("cases/right.regard"),
        case("warning local_protocol.dcs_on_board"),
    )
    .unwrap();
    std::fs::write(
        dir.join("cases/wrong.regard"),
        case("error local_protocol.dcs_on_board"),
    )
    .unwrap();
    let o = regard(&["test", "cases", "--with", "protocol.regard"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "FAIL cases/wrong.regard\n  expected but not reported:\n    line 5: error local_protocol.dcs_on_board\n  reported but not expected:\n    line 5: warning local_protocol.dcs_on_board: `director` holds `DCS` but has no `member_of LSCB`\n\n2 passed, 1 failed\n"
    );

    // An `// analyze:` expectation fails on a code the analysis reports, even where the
    // file cannot annotate it: here a dead clause of the `--with` file (language-v3 3.7).
    std::fs::write(
        dir.join("dead.regard"),
        "guidance dead_protocol \"Dead protocol\" {\n  status statutory\n\n  rule nobody {\n    should not post is officer and is member\n  }\n}\n",
    )
    .unwrap();
    let analysed = scratch("regard_test_analyze");
    std::fs::write(analysed.join("analysed.regard"), "// analyze: dead_protocol\n").unwrap();
    std::fs::copy(dir.join("dead.regard"), analysed.join("dead.regard")).unwrap();
    let o = regard(
        &[
            "test",
            "analysed.regard",
            "--with",
            "dead.regard",
            "--as-of",
            "2026-06-01",
        ],
        &analysed,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.starts_with("FAIL analysed.regard\n  reported but not expected:\n    line 5: warning W0311: in `dead.regard`, where no annotation can expect it: "), "{out}");
    assert!(out.ends_with(" passed, 1 failed\n"), "{out}");
}

#[test]
fn sarif_has_a_result_per_diagnostic_and_a_rule_per_code() {
    let o = regard(
        &["check", "examples", "--as-of", "2026-11-23", "--format", "sarif"],
        &root(),
    );
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF is JSON");
    let o = regard(
        &["check", "examples", "--as-of", "2026-11-23", "--format", "json"],
        &root(),
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "regard");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let results = run["results"].as_array().unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let mut codes: Vec<&str> = diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(
        rules.iter().map(|r| r["id"].as_str().unwrap()).collect::<Vec<_>>(),
        codes
    );
    for (r, d) in results.iter().zip(diagnostics) {
        assert_eq!(r["ruleId"], d["code"]);
        assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], d["code"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], d["range"]["start"]["line"]);
        assert_eq!(region["startColumn"], d["range"]["start"]["column"]);
        assert_eq!(region["byteOffset"], d["span"]["start"]);
        // A departed violation is suppressed in the source, with its reason.
        assert_eq!(r["suppressions"][0]["justification"], d["departure"]["reason"].clone());
    }
    let stdlib_labels = results
        .iter()
        .flat_map(|r| r["relatedLocations"].as_array().into_iter().flatten())
        .filter(|l| l["physicalLocation"]["artifactLocation"]["uriBaseId"] == "REGARD_STDLIB")
        .count();
    assert!(stdlib_labels > 0);
}

#[test]
fn github_format_is_one_workflow_command_per_diagnostic() {
    let o = regard(
        &[
            "check",
            "examples/ashby_vale.regard",
            "--as-of",
            "2026-11-23",
            "--format",
            "github",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 8, "{out}");
    assert!(lines.iter().all(|l| l.starts_with("::error file=")
        || l.starts_with("::warning file=")
        || l.starts_with("::notice file=")));
    assert_eq!(lines.iter().filter(|l| l.starts_with("::error ")).count(), 2);
    assert!(lines[0].starts_with(
        "::warning file=examples/ashby_vale.regard,line=9,col=9,endLine=9,endColumn=19,title=dcs_lmcs_2013.assurance_reviewed::council `ashby_vale` has no assurance record dated within 12 months (the latest, `review_2024`, is dated 2024-05-20)%0Ahelp: "
    ));
}

#[test]
fn the_drafters_guide_commands_work() {
    let o = regard(
        &[
            "test",
            "docs/drafting/tests",
            "--with",
            "docs/drafting/ashford_protocol.regard",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "3 passed, 0 failed\n");
    let o = regard(&["check", "docs/drafting/ashford_protocol.regard"], &root());
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("no problems found"));
    let o = regard(
        &["explain", "ashford_protocol.psw_close_to_practice", "docs/drafting"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("> para 3: The Principal Social Worker has a direct line"));
    let o = regard(&["coverage", "docs/drafting/ashford_protocol.regard"], &root());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).ends_with("ashford_protocol: 4 of 4 parts accounted for: 3 encoded, 1 set aside, 0 missing\n"),
        "{}",
        stdout(&o)
    );
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs regard with `input` on standard input.
fn regard_with_stdin(args: &[&str], dir: &Path, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_regard"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("regard runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

const MESSY: &str = "council ashford \"Ashford Council\" {\n\tofficer chief_executive \"Chief Executive\" {   // the head\n holds   ChiefExecutive\n\n\n  }\n  member leader \"Leader\" {\n    holds Leader\n  }\n}";
const BROKEN: &str = "council broken {\n  officer x \"X\" {\n    holds\n  }\n}\n";

#[test]
fn fmt_rewrites_only_what_changes_and_keeps_permissions() {
    let dir = scratch("fmt_rewrite");
    let formatted = regard::fmt::format(MESSY).unwrap();
    std::fs::write(dir.join("messy.regard"), MESSY).unwrap();
    std::fs::write(dir.join("clean.regard"), &formatted).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.join("messy.regard"), std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let clean_before = std::fs::metadata(dir.join("clean.regard")).unwrap().modified().unwrap();

    let o = regard(&["fmt"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "formatted 1 file, 1 already formatted\n");
    assert_eq!(std::fs::read_to_string(dir.join("messy.regard")).unwrap(), formatted);
    assert!(formatted.contains(
        "  officer chief_executive \"Chief Executive\" {   // the head\n    holds ChiefExecutive\n  }\n\n  member"
    ));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("messy.regard"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    // A file already formatted is not written at all.
    let clean_after = std::fs::metadata(dir.join("clean.regard")).unwrap().modified().unwrap();
    assert_eq!(clean_before, clean_after);
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn fmt_check_shows_a_diff_and_writes_nothing() {
    let dir = scratch("fmt_check");
    std::fs::write(dir.join("messy.regard"), MESSY).unwrap();
    let o = regard(&["fmt", "--check", "messy.regard"], &dir);
    assert_eq!(o.status.code(), Some(1));
    let diff = stdout(&o);
    assert!(
        diff.starts_with("--- messy.regard\n+++ messy.regard\n@@ -1,10 +1,9 @@\n"),
        "{diff}"
    );
    assert!(diff.contains("\n- holds   ChiefExecutive\n"), "{diff}");
    assert!(diff.contains("\n+    holds ChiefExecutive\n"), "{diff}");
    assert!(diff.contains("\\ No newline at end of file"), "{diff}");
    assert_eq!(stderr(&o), "1 file would be formatted\n");
    assert_eq!(std::fs::read_to_string(dir.join("messy.regard")).unwrap(), MESSY);

    // Once formatted, the check passes quietly.
    assert_eq!(regard(&["fmt", "messy.regard"], &dir).status.code(), Some(0));
    let o = regard(&["fmt", "--check", "."], &dir);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
}

#[test]
fn fmt_leaves_files_it_cannot_read_untouched_and_fails() {
    let dir = scratch("fmt_refused");
    std::fs::write(dir.join("broken.regard"), BROKEN).unwrap();
    std::fs::write(dir.join("latin1.regard"), b"council caf\xe9 {\n}\n").unwrap();
    std::fs::write(dir.join("messy.regard"), MESSY).unwrap();
    let o = regard(&["fmt", ".", "--color", "never"], &dir);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("[E0001] Error: expected a role name"), "{err}");
    assert!(err.contains("[E0002] Error: this file is not UTF-8 text"), "{err}");
    assert!(
        err.ends_with("formatted 1 file, 2 not formatted (see the errors above)\n"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(dir.join("broken.regard")).unwrap(), BROKEN);
    assert_eq!(
        std::fs::read(dir.join("latin1.regard")).unwrap(),
        b"council caf\xe9 {\n}\n"
    );
    // The file that could be formatted was.
    assert_ne!(std::fs::read_to_string(dir.join("messy.regard")).unwrap(), MESSY);

    assert_eq!(regard(&["fmt", "missing.regard"], &dir).status.code(), Some(2));
    assert_eq!(regard(&["fmt", "-", "messy.regard"], &dir).status.code(), Some(2));
}

#[test]
fn fmt_dash_formats_standard_input_and_never_loses_it() {
    let dir = scratch("fmt_stdin");
    let o = regard_with_stdin(&["fmt", "-"], &dir, MESSY.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), regard::fmt::format(MESSY).unwrap());
    assert_eq!(stderr(&o), "");

    // Text that does not parse comes back as it went in, with the errors on stderr.
    let o = regard_with_stdin(&["fmt", "-", "--color", "never"], &dir, BROKEN.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), BROKEN);
    assert!(stderr(&o).contains("<stdin>:3:10"), "{}", stderr(&o));

    let o = regard_with_stdin(&["fmt", "--check", "-"], &dir, MESSY.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("--- <stdin>\n+++ <stdin>\n"));
    let formatted = regard::fmt::format(MESSY).unwrap();
    let o = regard_with_stdin(&["fmt", "--check", "-"], &dir, formatted.as_bytes());
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), String::new()));
}

#[cfg(unix)]
#[test]
fn fmt_follows_a_symbolic_link_to_the_file() {
    let dir = scratch("fmt_symlink");
    std::fs::create_dir(dir.join("real")).unwrap();
    std::fs::write(dir.join("real/ashford.regard"), MESSY).unwrap();
    std::os::unix::fs::symlink("real/ashford.regard", dir.join("link.regard")).unwrap();
    let o = regard(&["fmt", "link.regard"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(dir.join("link.regard"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("real/ashford.regard")).unwrap(),
        regard::fmt::format(MESSY).unwrap()
    );
}

#[test]
fn init_writes_a_starter_that_checks_with_one_thing_left_to_do() {
    let dir = scratch("init");
    let o = regard(
        &[
            "init",
            "northshire",
            "Northshire \"North\" County Council",
            "--dir",
            "councils",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let path = dir.join("councils/northshire.regard");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("council northshire \"Northshire \\\"North\\\" County Council\" {"),
        "{text}"
    );
    for post in ["holds ChiefExecutive", "holds DCS", "holds Leader", "holds LMCS"] {
        assert!(text.contains(post), "{post}");
    }
    assert!(text.contains("FILL IN"));
    // No `follows` line: the council has regard to the guidance in force on each check.
    assert!(!text.lines().any(|l| l.trim_start().starts_with("follows")), "{text}");

    // Checked straight away: no errors or warnings, one piece of advice with its help.
    let o = regard(
        &["check", "councils", "--format", "json", "--as-of", "2026-11-23"],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    // Two: no head of safeguarding is declared, and no review of the arrangements is
    // recorded yet (the starter shows how).
    assert_eq!(
        codes,
        [
            "chief_executive_guide.safeguarding_lead_appointed",
            "dcs_lmcs_2013.assurance_reviewed"
        ]
    );
    assert_eq!(json["diagnostics"][0]["severity"], "info");
    assert!(
        json["diagnostics"][0]["help"]
            .as_str()
            .unwrap()
            .contains("HeadOfChildrensSafeguarding")
    );
    // It is in the canonical layout already.
    assert_eq!(regard(&["fmt", "--check", "councils"], &dir).status.code(), Some(0));

    // Never over an existing file.
    std::fs::write(&path, "// mine\n").unwrap();
    let o = regard(&["init", "northshire", "Northshire", "--dir", "councils"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "// mine\n");

    // Ids are checked before anything is written.
    let o = regard(&["init", "north-shire", "North Shire"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`north-shire` is not an identifier"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("such as `north_shire`"), "{}", stderr(&o));
    assert!(!dir.join("north-shire.regard").exists());
}

/// `regard check` as other command-line checkers behave: `-` reads standard input (as
/// the file `--stdin-filename` names, standing in for it among the others), `--format
/// concise` gives one `file:line:col: severity[code] message` line per finding,
/// `--quiet` drops the summary (and says nothing when there is nothing to say),
/// `CLICOLOR_FORCE` colours output that is not a terminal, and a report's `--out` with an
/// extension regard does not write is an error rather than Markdown under that name.
#[test]
fn check_reads_stdin_writes_concise_lines_and_keeps_quiet() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = scratch("conventions");
    let text = "council x \"X\" {\n  officer ce \"CE\" {\n    holds ChiefExecutive\n  }\n}\n";
    let run = |args: &[&str], input: &str, env: &[(&str, &str)]| -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_regard"))
            .args(args)
            .current_dir(&dir)
            .env_remove("NO_COLOR")
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let o = run(
        &[
            "check",
            "-",
            "--stdin-filename",
            "councils/x.regard",
            "--format",
            "concise",
            "--as-of",
            "2026-01-01",
        ],
        text,
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.lines().all(|l| l.starts_with("councils/x.regard:1:9: ")), "{out}");
    assert!(
        out.contains("councils/x.regard:1:9: error[dcs_lmcs_2013.dcs_appointed] `x` has no post that holds `DCS`\n"),
        "{out}"
    );
    assert!(!out.contains("checked "), "no summary in concise output: {out}");

    // Quiet: nothing at all for a clean file, and no summary line otherwise.
    let clean = "guidance g \"G\" {\n}\n";
    let o = run(&["check", "-", "--quiet", "--as-of", "2026-01-01"], clean, &[]);
    assert_eq!(
        (o.status.code(), o.stdout.len()),
        (Some(0), 0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let o = run(&["check", "-", "-q", "--as-of", "2026-01-01"], text, &[]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        out.contains("dcs_appointed") && !out.contains("checked 1 file"),
        "{out}"
    );

    // CLICOLOR_FORCE colours a pipe; NO_COLOR still wins.
    let o = run(
        &["check", "-", "--as-of", "2026-01-01"],
        text,
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(o.stdout.contains(&0x1b), "colour was asked for");
    let o = run(
        &["check", "-", "--as-of", "2026-01-01"],
        text,
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(!o.stdout.contains(&0x1b));

    // `--stdin-filename` without `-` is a mistake.
    let o = run(&["check", "--stdin-filename", "x.regard"], "", &[]);
    assert_eq!(o.status.code(), Some(2));

    // A report to `.pdf` without `--format`: refused, nothing written.
    std::fs::write(dir.join("x.regard"), text).unwrap();
    let o = regard(&["report", "x.regard", "--out", "r.pdf"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not `.pdf`"), "{}", stderr(&o));
    assert!(!dir.join("r.pdf").exists());
    let o = regard(&["report", "x.regard", "--out", "r.pdf", "--format", "html"], &dir);
    assert_eq!(o.status.code(), Some(0));
}

/// `regard completions SHELL` for every shell clap_complete knows (the bash script is
/// valid bash, and completes the commands and their options), and `regard manpage`: the
/// page of `regard`, and with `--dir` one page a command.
#[test]
fn completions_and_manual_pages() {
    let dir = scratch("completions");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = regard(&["completions", shell], &dir);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = stdout(&o);
        for word in ["check", "analyze", "report", "as-of"] {
            assert!(script.contains(word), "{shell}: no `{word}`");
        }
    }
    let o = regard(&["completions", "bash"], &dir);
    std::fs::write(dir.join("regard.bash"), &o.stdout).unwrap();
    let syntax = Command::new("bash")
        .arg("-n")
        .arg(dir.join("regard.bash"))
        .output()
        .unwrap();
    assert!(syntax.status.success(), "{}", String::from_utf8_lossy(&syntax.stderr));
    let o = regard(&["completions", "tcsh"], &dir);
    assert_eq!(o.status.code(), Some(2));

    let o = regard(&["manpage"], &dir);
    let page = stdout(&o);
    assert!(
        page.contains(".TH regard 1") && page.contains("regard\\-check(1)"),
        "{page}"
    );
    let o = regard(&["manpage", "--dir", "man"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for name in ["regard.1", "regard-check.1", "regard-analyze.1", "regard-report.1"] {
        let text = std::fs::read_to_string(dir.join("man").join(name)).unwrap();
        assert!(text.starts_with(".ie") || text.contains(".TH"), "{name}");
    }
    let check = std::fs::read_to_string(dir.join("man/regard-check.1")).unwrap();
    assert!(check.contains("stdin\\-filename"), "the options are in the page");
}

/// `regard --version` names the commit and its date when built from a clone.
#[test]
fn the_version_names_the_commit() {
    let o = regard(&["--version"], &root());
    let out = stdout(&o);
    assert!(
        out.starts_with(&format!("regard {}", env!("CARGO_PKG_VERSION"))),
        "{out}"
    );
    let in_git = Command::new("git")
        .args(["rev-parse", "--short=9", "HEAD"])
        .current_dir(root())
        .output()
        .is_ok_and(|o| o.status.success());
    if in_git {
        assert!(out.contains(" (") && out.trim_end().ends_with(')'), "{out}");
    }
}

/// Every command's `--help` has examples and says what its exit statuses mean.
#[test]
fn every_command_help_has_examples_and_exit_statuses() {
    let commands = [
        "check",
        "completions",
        "manpage",
        "analyze",
        "coverage",
        "impact",
        "test",
        "fmt",
        "init",
        "report",
        "graph",
        "lsp",
        "explain",
    ];
    for command in commands {
        let o = regard(&[command, "--help"], &root());
        let help = stdout(&o);
        assert!(
            help.contains("Examples:"),
            "`regard {command} --help` has no examples:\n{help}"
        );
        // Each example is a line of its own that can be copied as it stands.
        let examples = help.split("Examples:").nth(1).unwrap_or_default();
        let lines: Vec<&str> = examples
            .lines()
            .skip(1)
            .take_while(|line| !line.trim().is_empty())
            .collect();
        assert!(
            !lines.is_empty()
                && lines.iter().all(|line| line.trim_start().starts_with("regard ")
                    && line.split_whitespace().filter(|w| *w == "regard").count() == 1),
            "`regard {command} --help` runs its examples together:\n{help}"
        );
        assert!(
            help.contains("Exit status"),
            "`regard {command} --help` says no exit status:\n{help}"
        );
    }
}

/// `regard analyze` without `--as-of` analyses every period in which the rules in force
/// are constant (language-v3 3.7): on the standard library, in an empty folder, each
/// period is reported, with its guidance, and the run exits 0 (in a release build, in
/// under a second).
#[test]
fn analyze_reports_every_period_of_the_standard_library() {
    let dir = scratch("analyze_periods");
    let started = std::time::Instant::now();
    let o = regard(&["analyze", "--color", "never"], &dir);
    let took = started.elapsed();
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(
        out.contains("analysed 4 periods in which the rules in force are constant:\n"),
        "{out}"
    );
    for period in [
        "  2009-01-01 to 2013-04-07: `local_government_law`, `dcs_lmcs_2009`, `ministerial_letter_2009` over",
        "  2013-04-08 to 2019-09-28: `local_government_law`, `dcs_lmcs_2013`, `chief_executive_guide` over",
        "  2019-09-29 to 2023-12-14: `local_government_law`, `dcs_lmcs_2013`, `chief_executive_guide`, `working_together_2018` over",
        "  from 2023-12-15: `local_government_law`, `dcs_lmcs_2013`, `chief_executive_guide`, `working_together_2023` over",
    ] {
        assert!(out.contains(period), "{period}\n{out}");
    }
    assert!(!out.contains("no council meets"), "{out}");
    assert!(out.contains("for the period from 2023-12-15:\n"), "{out}");
    if !cfg!(debug_assertions) {
        assert!(took < std::time::Duration::from_secs(1), "took {took:?}");
    }

    let o = regard(&["analyze", "--format", "json"], &dir);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let periods = json["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 4);
    assert_eq!(periods[0]["from"], "2009-01-01");
    assert_eq!(periods[0]["until"], "2013-04-08");
    assert_eq!(periods[3]["until"], serde_json::Value::Null);
}

/// A draft edition that replaces the current one is never analysed beside it, and its
/// findings say their period: a conflict from the draft's date, in human output and JSON.
#[test]
fn analyze_keeps_replaced_editions_out_and_dates_each_finding() {
    let dir = scratch("analyze_replaced");
    std::fs::write(
        dir.join("draft.regard"),
        r#"guidance draft_2027 "A draft edition" {
  status statutory
  in_force 2027-09-01
  replaces dcs_lmcs_2013

  rule one_dcs {
    cite "para 5"
    must one DCS
  }

  rule no_dcs {
    cite "para 6"
    must not DCS
  }
}
"#,
    )
    .unwrap();
    let o = regard(&["analyze", ".", "--color", "never"], &dir);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    assert!(
        out.contains("`draft_2027.one_dcs`, `draft_2027.no_dcs` conflict (from 2027-09-01)"),
        "{out}"
    );
    // From the draft's date the 2013 edition it replaces is left out.
    let last = out
        .lines()
        .find(|l| l.starts_with("  from 2027-09-01: "))
        .expect("the draft's period");
    assert!(
        last.contains("`draft_2027`") && !last.contains("`dcs_lmcs_2013`"),
        "{last}"
    );
    assert!(last.ends_with("no council meets every `must` and `should`"), "{last}");

    let o = regard(&["analyze", ".", "--format", "json"], &dir);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let conflict = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "E0310")
        .expect("the conflict");
    assert_eq!(
        conflict["period"],
        serde_json::json!({"from": "2027-09-01", "until": null})
    );
}

/// W0313 in JSON says the kind of council, by the dimensions it fixes only.
#[test]
fn analyze_gives_the_kind_of_council_in_json() {
    let o = regard(
        &[
            "analyze",
            "tests/ui/codes/W0313.regard",
            "--guidance",
            "draft_2027",
            "--format",
            "json",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let found = &json["diagnostics"][0];
    assert_eq!(found["code"], "W0313");
    assert_eq!(
        found["kind"],
        serde_json::json!({"flags": {"executive_mayor": true}, "roles": {}})
    );
    assert_eq!(json["kinds_left_out"], 0);
}
