//! The reader (the production parser, `src/syntax/reader.rs`) against the grammar
//! (`src/syntax/grammar.rs`, pest running `grammar/regard.pest`). `regard::syntax::parse`
//! reads files with the reader and leaves what it does not handle to the grammar; these
//! tests hold the two to the same result:
//! - whenever the fast path returns a result, it is the grammar's: the same tree (every
//!   span included) and the same syntax errors;
//! - on every well-formed file regard ships or tests with, and on files whose errors are
//!   bad lines, the fast path does return one (else it would be slow, not wrong, but the
//!   benchmarks would lie).
//!
//! `tests/robustness.rs` compares the two on thousands of mutated files.

use std::path::{Path, PathBuf};

use regard::generate::{self, Config};
use regard::syntax::{KEYWORDS, parse, parse_fast, parse_with_grammar};

fn regard_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            regard_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "regard" || e == "unformatted") {
            out.push(path);
        }
    }
}

fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in ["tests/ui", "tests/fmt", "examples", "stdlib", "docs/drafting"] {
        regard_files(&root.join(dir), &mut paths);
    }
    paths.sort();
    let mut out: Vec<(String, String)> = paths
        .iter()
        // The parser reads text: a file that is not UTF-8 (the fixture of E0002) never
        // reaches it.
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(p).ok()?)))
        .collect();
    for (seed, problem_rate) in [(1, 0.0), (2, 0.3), (3, 1.0)] {
        for g in generate::councils(Config {
            councils: 30,
            seed,
            problem_rate,
            extra_posts: 10,
        }) {
            out.push((g.path, g.text));
        }
    }
    out.push((
        "init".into(),
        regard::init::starter("northshire", "Northshire \"County\" Council").unwrap(),
    ));
    out
}

/// The fast path's result, when it gives one, is the grammar's; and it gives one for
/// every file the grammar finds nothing wrong with.
fn assert_agree(name: &str, text: &str) {
    let reference = parse_with_grammar(text);
    match parse_fast(text) {
        Some(fast) => {
            assert_eq!(fast.errors, reference.errors, "{name}: the errors differ\n{text}");
            assert_eq!(fast.file, reference.file, "{name}: the trees differ\n{text}");
        }
        None => assert!(
            !reference.errors.is_empty(),
            "{name}: well formed, but the fast path gave up\n{text}"
        ),
    }
    assert_eq!(parse(text), reference, "{name}: parse and the grammar differ\n{text}");
}

#[test]
fn the_fast_path_builds_the_grammars_tree_on_every_well_formed_file() {
    let mut accepted = 0;
    for (name, text) in corpus() {
        assert_agree(&name, &text);
        accepted += usize::from(parse_fast(&text).is_some());
    }
    assert!(accepted > 150, "only {accepted} well-formed files");
}

#[test]
fn bad_lines_are_recovered_from_on_the_fast_path() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<(String, String)> = ["E0001", "E0001-bad-block", "E0001-keywords-are-not-names"]
        .iter()
        .map(|name| {
            let path = root.join(format!("tests/ui/codes/{name}.regard"));
            (name.to_string(), std::fs::read_to_string(path).unwrap())
        })
        .collect();
    let broken = generate::councils(Config {
        councils: 40,
        seed: 9,
        problem_rate: 1.0,
        extra_posts: 4,
    });
    texts.extend(broken.into_iter().map(|g| (g.path, g.text)));
    // Bad lines in every kind of block, a bad line that opens a block (skipped with
    // nested blocks inside), and a bad line at the top.
    texts.push((
        "every block".into(),
        "rol A\nguidance g {\n  status maybe\n  rule r {\n    cite 12\n    should DCS\n  }\n  junk {\n    x {\n      y\n    }\n  } // end\n}\ncouncil c {\n  folows g\n  officer p {\n    holds\n  }\n  assurance a {\n    dated soon\n  }\n}\n"
            .into(),
    ));
    for (name, text) in texts {
        let reference = parse_with_grammar(&text);
        assert!(!reference.errors.is_empty(), "{name}: expected errors");
        assert_eq!(parse_fast(&text), Some(reference), "{name}\n{text}");
    }
}

#[test]
fn keywords_names_and_literals_are_told_apart_as_the_grammar_does() {
    let near = [
        "_",
        "__",
        "_x",
        "x_",
        "roles",
        "rol",
        "day",
        "days",
        "withx",
        "wit",
        "iss",
        "issue",
        "holdsx",
        "notDCS",
        "member_of",
        "DCS2",
        "Post",
        "POST",
        "a1",
        "x",
    ];
    for word in KEYWORDS.iter().chain(near.iter()) {
        for text in [
            format!("role {word}\n"),
            format!("council c {{\n  officer {word}\n}}\n"),
            format!("council c {{\n  officer p {{\n    holds {word}, DCS\n    {word} x\n  }}\n}}\n"),
            format!("guidance g {{\n  rule r {{\n    should {word} reports_to (A or {word})\n  }}\n}}\n"),
            format!("council c {{\n  depart g.{word} because \"r\"\n  depart {word}.r for {word} because \"r\"\n}}\n"),
        ] {
            assert_agree(word, &text);
        }
    }
    // Literals at their edges.
    for text in [
        "guidance g {\n  issued 2024-02-29\n}\n",
        "guidance g {\n  issued 2023-02-29\n}\n",
        "guidance g {\n  issued 2024-02-291\n}\n",
        "guidance g {\n  issued 2024-2-01\n}\n",
        "guidance g {\n  rule r {\n    should assurance dated within 100000 days\n  }\n}\n",
        "guidance g {\n  rule r {\n    should assurance dated within 100001 days\n  }\n}\n",
        "guidance g {\n  rule r {\n    should assurance dated within 12months\n  }\n}\n",
        "guidance g {\n  rule r {\n    must assurance within 1 year\n  }\n}\n",
        "guidance g {\n  rule r {\n    must assurance within\n  }\n}\n",
        "guidance g \"a \\\"b\\\" \\\\ \\n c\" {\n}\n",
        "guidance g \"bad \\t escape\" {\n}\n",
        "guidance g \"unclosed {\n}\n",
        "role A \"x\" // c\r\nrole B\rrole C",
        "\u{feff}role A\n",
        "role A\u{a0}\n",
        "relation r \"r\":post->body\n",
        "relation r : post - > body\n",
        "council c {\n  officer p \"P\"\n  member q {\n  }\n} // end",
        "council c {\n  officer p {\n  }}\n",
        "council c {\n  officer p {\n  } x\n}\n",
        "guidance g {\n  rule r {\n    should combine(DCS, _) requires assurance unless holds DCS interim\n    may combine(A)\n  }\n}\n",
        "guidance g {\n  rule r {\n    should not not not DCS reports_to X\n    should DCS not not is mentored and not (holds A or covers B)\n  }\n}\n",
        "guidance g {\n  rule r {\n    should DCS reports_to (A or\n      // a comment inside\n      B)\n  }\n}\n",
        "guidance g {\n  rule r {\n    should DCS reports_to (A or B and C)\n  }\n}\n",
        "guidance g {\n  rule r {\n    should DCS reports_to (A)\n    should DCS reports_to\n  }\n}\n",
    ] {
        assert_agree(text, text);
    }
}

/// The properties the fuzz target checks, on every shipped file. The fuzz target's first
/// crash was here: `tests/fmt/annotations.unformatted`, whose `//~^` carets the formatter
/// rightly recounts, broke a first, too strict, statement of "keeps every comment".
#[test]
fn the_fuzz_targets_properties_hold_on_every_shipped_file() {
    for (name, text) in corpus() {
        if let Err(panic) = std::panic::catch_unwind(|| regard::invariants::check_input(text.as_bytes())) {
            std::panic::resume_unwind(Box::new(format!("{name}: {panic:?}")));
        }
    }
}

/// The words of the grammar's `keyword` rule, which spells each as a first letter and
/// the rest (`"a" ~ ("ddresses" | "ssurance")`).
fn grammar_keywords() -> Vec<String> {
    let grammar = include_str!("../grammar/regard.pest");
    let start = grammar.find("\nkeyword = _{").expect("a `keyword` rule");
    let body = &grammar[start..start + grammar[start..].find("\n}").expect("its end")];
    let mut words = Vec::new();
    for line in body.lines() {
        let line = line.trim().trim_start_matches('|').trim();
        let quoted: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
        let Some((first, rest)) = quoted.split_first() else {
            continue;
        };
        if line.starts_with("&(") {
            continue;
        }
        words.extend(rest.iter().map(|r| format!("{first}{r}")));
    }
    words.sort();
    words
}

#[test]
fn the_keyword_list_is_the_grammars() {
    let mut listed: Vec<String> = KEYWORDS.iter().map(|k| k.to_string()).collect();
    listed.sort();
    let grammar = grammar_keywords();
    assert!(grammar.len() > 40, "read {grammar:?} from the grammar");
    assert_eq!(
        listed, grammar,
        "`KEYWORDS` in `src/syntax/grammar.rs` and the grammar's `keyword` rule differ"
    );
}

/// The contextual keywords of language version 2 (`reading`, `when`, `in_force`,
/// `until`, `implies`, `interim`): read as keywords where the grammar expects them, as names elsewhere, and
/// the reader agrees with the grammar on each, bad lines included.
#[test]
fn contextual_keywords_are_read_as_the_grammar_reads_them() {
    let rule = |line: &str| format!("guidance g {{\n  rule r {{\n    {line}\n  }}\n}}\n");
    let guidance = |line: &str| format!("guidance g {{\n  {line}\n}}\n");
    let mut texts = Vec::new();
    for line in [
        "reading \"a reading\"",
        "reading reports_to DCS",
        "reading",
        "reading \"a\" b",
        "should DCS member_of LSCB when holds DASS",
        "should DCS member_of LSCB when holds DASS unless holds DCS interim",
        "should DCS when holds DASS",
        "should DCS member_of LSCB when requires holds DASS",
        "should DCS holds DASS and when x",
        "should DCS (when x or y)",
        "should exists DCS when is officer",
        "should DCS when_x LSCB",
        "in_force",
        "in_force 2013-04-08",
        "in_force 2013-04-08 until 2030-01-01",
        "in_force until 2019-09-29",
        "in_force // a comment",
        "in_force 2013-04-08 // a comment",
        "in_force until",
        "in_force 2013-04-08 until",
        "in_force 2013-02-30",
        "in_force 2013-04-08 x",
        "in_force reports_to DCS",
        "in_force until reports_to",
        "until reports_to DCS",
        // Language version 3: `status law`, the `post` selector, council scopes.
        "status law",
        "status law x",
        "status lawful",
        "law reports_to DCS",
        "must not post member_of Executive when is officer",
        "should exists post member_of LSCB and is officer",
        "not post",
        "must post",
        "should combine(post, DCS) is officer",
        "should one post holds DCS",
        "must one DCS unless council is lower_tier",
    ] {
        texts.push(rule(line));
        texts.push(guidance(line));
    }
    texts.push("council reading \"Reading Borough Council\" {\n}\n".into());
    for item in [
        "relation chairs \"c\" : post -> body implies member_of",
        "relation chairs \"c\" : post -> body implies member_of, observer_of",
        "relation chairs : post -> body implies",
        "relation chairs : post -> body implies member_of,",
        "relation implies \"i\" : post -> post",
        "relation r : post -> body implies implies",
        "body implies \"x\"",
        // Language version 3: `in` after a declaration's name and title.
        "role VirtualSchoolHead \"Virtual School Head\" in childrens_roles",
        "role VirtualSchoolHead in childrens_roles, other",
        "function in \"In\"",
        "role in in childrens_roles",
        "role X \"x\" in",
        "role X in childrens_roles,",
        "flag f \"F\" in g for council",
        "flag f \"F\" for council in g",
        "flag f for council in g for council",
        "relation r : post -> body in g",
        "group g = a in b",
    ] {
        texts.push(format!("{item}\n"));
    }
    texts.push("council when \"W\" {\n  officer in_force \"X\" {\n    until LSCB\n  }\n}\n".into());
    // `as_of` at the start of a council's line, and as a name elsewhere.
    for line in [
        "as_of 2018-05-01",
        "as_of 2018-02-30",
        "as_of yesterday",
        "as_of",
        "as_of 2018-05-01 x",
        "officer as_of \"As of\"",
    ] {
        texts.push(format!("council c {{\n  {line}\n}}\n"));
    }
    // `interim` after a role in `holds`, in a post and in a condition.
    let post = |line: &str| format!("council c {{\n  officer p {{\n    {line}\n  }}\n}}\n");
    for line in [
        "holds DCS interim",
        "holds ChiefExecutive, DCS interim",
        "holds DCS interim, ChiefExecutive interim",
        "holds interim",
        "holds interim interim",
        "holds DCS interim interim",
        "holds DCS interim,",
        "holds DCS, interim",
        "holds DCS interimx",
        "is vacant",
        "is vacant, interim",
        "interim DCS",
    ] {
        texts.push(post(line));
    }
    for line in [
        "should not combine(DCS, ChiefExecutive) unless holds DCS interim",
        "should DCS holds ChiefExecutive interim and is officer",
        "should DCS (holds A interim or holds B)",
        "should DCS holds interim",
        "should DCS holds A interim interim",
        "should DCS holds A interim reports_to B",
        "should DCS is vacant",
        // The council as a subject, `council is FLAG`, and assurance taken together.
        "should council assurance within 12 months",
        "should council assurance within 12 months addresses (priority and partnerships) when assurance within 12 months",
        "should council assurance addresses priority",
        "should council is committee_system",
        "not council is committee_system",
        "must council",
        "should exists council",
        "should one council is x",
        "should council council is x",
        "should LMCS member_of Executive unless council is committee_system",
        "should LMCS member_of Executive unless council committee_system",
        "should LMCS member_of Executive unless council is",
        "should DCS requires assurance within 12 months addresses (priority and seniority)",
        "should DCS requires assurance addresses",
        "should DCS requires assurance within addresses priority",
        "should council_x is y",
        // Groups in clauses: `_ except GROUP`, `holds other_than`, `RELATION other_than`.
        "should not combine(DCS, _ except childrens_roles)",
        "should not combine(DCS, _ except childrens_roles, _)",
        "should not combine(DCS, _ except)",
        "should not combine(DCS, except g)",
        "should DCS requires assurance when holds other_than childrens_roles or responsible_for other_than childrens_functions",
        "should DCS holds other_than",
        "should DCS responsible_for other_than",
        "should DCS holds other_than g h",
        "should DCS (holds other_than g)",
        "should DCS other_than x",
    ] {
        texts.push(rule(line));
    }
    for text in [
        "flag committee_system \"Committee system\" for council\n",
        "flag committee_system for council\n",
        "flag committee_system \"C\" for\n",
        "flag committee_system \"C\" for post\n",
        "role committee_system \"C\" for council\n",
        "council c {\n  is committee_system\n}\n",
        "council c {\n  is committee_system, other\n  follows g\n}\n",
        "council c {\n  is\n}\n",
        "council c {\n  is a b\n}\n",
        "guidance g {\n  paragraphs \"key points\", 1 to 28\n}\n",
        "guidance g {\n  paragraphs 1, 3, 5 to 7, \"annex\"\n  paragraphs 9\n}\n",
        "guidance g {\n  paragraphs\n}\n",
        "guidance g {\n  paragraphs 1 to\n}\n",
        "guidance g {\n  paragraphs 7 to 3\n}\n",
        "guidance g {\n  paragraphs 1000000\n}\n",
        "guidance g {\n  paragraphs 1a\n}\n",
        "guidance g {\n  paragraphs 1 to 2 to 3\n}\n",
        "guidance g {\n  aside \"para 18\" because \"leadership conduct, not a matter of structure\"\n}\n",
        "guidance g {\n  aside \"para 18\"\n}\n",
        "guidance g {\n  aside para because \"x\"\n}\n",
        "council paragraphs {\n  officer aside {\n    to x\n  }\n}\n",
        "group childrens_roles \"C\" = DCS, LMCS\n",
        "group g = DCS\n",
        "group g \"C\" DCS\n",
        "group g \"C\" =\n",
        "group g = DCS,\n",
        "group = DCS\n",
        "council group \"G\" {\n  officer group {\n    holds group\n  }\n}\n",
    ] {
        texts.push(text.to_string());
    }
    for text in texts {
        assert_agree("contextual", &text);
    }
}

/// The fuzz dictionary and the VS Code grammar know every word of the language: the
/// keywords, and the contextual words each block's lines start with (`in_force`,
/// `paragraphs`, `aside`, ...), as the one table in `syntax` lists them.
#[test]
fn the_fuzz_dictionary_and_the_editor_grammar_know_every_word() {
    use regard::syntax::Block;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dict = std::fs::read_to_string(root.join("fuzz/regard.dict")).unwrap();
    let editor = std::fs::read_to_string(root.join("editors/vscode/syntaxes/regard.tmLanguage.json")).unwrap();
    let blocks = [
        Block::Top,
        Block::Guidance,
        Block::Rule,
        Block::Council,
        Block::Post,
        Block::Assurance,
    ];
    let mut words: Vec<&str> = KEYWORDS.to_vec();
    for block in blocks {
        words.extend(block.line_keywords().iter().flat_map(|k| k.split(' ')));
    }
    let word_in = |text: &str, w: &str| {
        text.match_indices(w).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + w.len()..].chars().next();
            let boundary = |c: Option<char>| !c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
            boundary(before) && boundary(after)
        })
    };
    let missing_dict: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !dict.contains(&format!("\"{w}\"")))
        .collect();
    let missing_editor: Vec<&str> = words.iter().copied().filter(|w| !word_in(&editor, w)).collect();
    assert!(missing_dict.is_empty(), "fuzz/regard.dict lacks {missing_dict:?}");
    assert!(
        missing_editor.is_empty(),
        "the VS Code grammar lacks {missing_editor:?}"
    );
}
