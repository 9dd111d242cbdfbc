//! The UI tests: every `tests/ui/**/*.regard` fixture is checked with the standard
//! library on 2025-06-01 (or the date in a `// as-of: YYYY-MM-DD` line), and
//!
//! - its diagnostics must match its `//~` annotations exactly;
//! - its JSON output must agree with its text (lines, columns, spans, sorting, summary);
//! - its human rendering is an insta snapshot beside it (`NAME.snap`).
//!
//! A fixture with a line `// analyze: ID...` is also analysed (`regard analyze --guidance
//! ID...`), and the findings of the analysis join the check's.
//!
//! Adding a case is adding a file.

use std::path::Path;

use regard::diagnostics::Severity;
use regard::{Input, Options, Session, expect};

const DEFAULT_AS_OF: &str = "2025-06-01";

fn as_of(text: &str) -> jiff::civil::Date {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("// as-of:"))
        .unwrap_or(DEFAULT_AS_OF)
        .trim()
        .parse()
        .expect("a valid `// as-of:` date")
}

fn shown_path(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn ui() {
    let mut failures: Vec<String> = Vec::new();
    insta::glob!("ui/**/*.regard", |path| {
        // Read as bytes: a fixture of E0002 is not UTF-8 (its annotations are ASCII).
        let bytes = std::fs::read(path).expect("a readable fixture");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let shown = shown_path(path);
        let mut session = Session::new(
            vec![Input {
                path: shown.clone(),
                contents: regard::files::contents_of(bytes),
            }],
            Options {
                as_of: as_of(&text),
                stdlib: true,
                as_of_given: false,
            },
        );
        let mut diagnostics = session.diagnostics();
        // A fixture of `regard analyze` names the guidance to analyse on a line
        // `// analyze: ID...`; its findings join the check's.
        if let Some(ids) = text.lines().find_map(|l| l.trim().strip_prefix("// analyze:")) {
            let request = regard::analyze::Request {
                guidance: ids.split_whitespace().map(str::to_string).collect(),
                ..Default::default()
            };
            let inputs = vec![Input::text(shown.clone(), text.clone())];
            let options = Options {
                as_of: as_of(&text),
                stdlib: true,
                as_of_given: false,
            };
            let outcome = regard::analyze::run(&session, inputs, options, &request).expect("the guidance to analyse");
            assert!(
                outcome.witness_findings.is_empty(),
                "{shown}: the witness fails the checker"
            );
            diagnostics.extend(outcome.diagnostics);
            diagnostics.sort_by_key(|d| (d.span.start, d.code.to_string()));
        }

        // 1. The annotations.
        let expected = expect::parse(&text).unwrap_or_else(|e| panic!("{shown}:{}: {}", e.line, e.message));
        let in_file: Vec<_> = diagnostics
            .iter()
            .filter(|d| *d.file.path(&session.db) == shown)
            .collect();
        let elsewhere: Vec<_> = diagnostics
            .iter()
            .filter(|d| *d.file.path(&session.db) != shown)
            .collect();
        if !elsewhere.is_empty() {
            failures.push(format!("{shown}: diagnostics in other files: {elsewhere:#?}"));
        }
        let actual = expect::actual(&text, &in_file);
        let (missing, unexpected) = expect::compare(&expected, &actual);
        if !missing.is_empty() || !unexpected.is_empty() {
            let list = |v: &[expect::Expectation]| v.iter().map(|e| format!("\n    {e}")).collect::<String>();
            failures.push(format!(
                "{shown}:\n  expected but not reported:{}\n  reported but not expected:{}",
                list(&missing),
                list(&unexpected)
            ));
            return;
        }

        // 2. The JSON output agrees with the text.
        let json: serde_json::Value =
            serde_json::from_str(&session.render(regard::Format::Json, &diagnostics, false)).expect("valid JSON");
        check_json(&json, &shown, &text);

        // 3. The rendering, as a snapshot next to the fixture.
        let rendered = session.render(regard::Format::Human, &diagnostics, false);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(path.parent().expect("fixtures are in a folder"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_snapshot_suffix("");
        settings.set_input_file(path);
        settings.set_omit_expression(true);
        let name = path.file_stem().expect("a file name").to_string_lossy().into_owned();
        settings.bind(|| insta::assert_snapshot!(name, rendered));
    });
    assert!(
        failures.is_empty(),
        "{} fixtures fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every position in the JSON must be where the byte span says, in the fixture's text.
fn check_json(json: &serde_json::Value, shown: &str, text: &str) {
    assert_eq!(json["version"], 1);
    let diagnostics = json["diagnostics"].as_array().expect("a list of diagnostics");
    let mut counts = [0u64; 4];
    let mut previous: Option<(u64, String)> = None;
    for d in diagnostics {
        let file = d["file"].as_str().expect("a file");
        assert_eq!(file, shown);
        let start = d["span"]["start"].as_u64().expect("a start") as usize;
        let end = d["span"]["end"].as_u64().expect("an end") as usize;
        assert!(
            start <= end && end <= text.len(),
            "{shown}: span {start}..{end} outside the text"
        );
        for (key, offset) in [("start", start), ("end", end)] {
            let before = &text[..offset];
            let line = before.matches('\n').count() as u64 + 1;
            let column = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() as u64 + 1;
            assert_eq!(d["range"][key]["line"], line, "{shown}: {key} line of {d}");
            assert_eq!(d["range"][key]["column"], column, "{shown}: {key} column of {d}");
        }
        let severity = Severity::parse(d["severity"].as_str().expect("a severity")).expect("a known severity");
        counts[severity as usize] += 1;
        let key = (start as u64, d["code"].as_str().expect("a code").to_string());
        if let Some(prev) = &previous {
            assert!(prev.0 <= key.0, "{shown}: diagnostics are not sorted by position");
        }
        previous = Some(key);
        assert!(d["council"].is_string() || d["council"].is_null());
        assert!(d["help"].is_string() || d["help"].is_null());
        assert!(d["notes"].is_array() && d["labels"].is_array());
        if severity == Severity::Note {
            assert!(
                d["departure"]["reason"].is_string(),
                "{shown}: a note without its departure: {d}"
            );
        }
    }
    let summary = &json["summary"];
    assert_eq!(summary["files"], 1);
    assert_eq!(summary["errors"], counts[0]);
    assert_eq!(summary["warnings"], counts[1]);
    assert_eq!(summary["infos"], counts[2]);
    assert_eq!(summary["notes"], counts[3]);
}

/// The file-size E0003 and an unreadable file cannot be fixtures: their rendering is
/// snapshotted from the inputs reading such files gives (and that of a file that is not
/// UTF-8, whose fixture is `codes/E0002.regard`, alike).
#[test]
fn unreadable_and_oversized_files_render() {
    use regard::db::Contents;
    for (name, contents) in [
        (
            "not_utf8",
            Contents::NotUtf8 {
                valid_up_to: 17,
                lossy: String::new(),
            },
        ),
        ("unreadable", Contents::Unreadable("permission denied".into())),
        ("too_large", Contents::TooLarge(17 * 1024 * 1024)),
    ] {
        let input = Input {
            path: format!("councils/{name}.regard"),
            contents,
        };
        let mut session = Session::new(
            vec![input],
            Options {
                as_of: as_of(""),
                stdlib: true,
                as_of_given: false,
            },
        );
        let diagnostics = session.diagnostics();
        insta::assert_snapshot!(name, session.render(regard::Format::Human, &diagnostics, false));
    }
}

/// Every built-in code has a fixture named after it (`tests/ui/codes/E0101.regard`,
/// with further cases as `E0101-what.regard`) that raises it, and every fixture there is
/// named after a code.
#[test]
fn every_builtin_code_has_a_fixture_named_after_it() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/codes");
    for code in regard::diagnostics::Builtin::ALL {
        let path = folder.join(format!("{}.regard", code.as_str()));
        let bytes = std::fs::read(&path).unwrap_or_else(|_| panic!("no fixture {}", path.display()));
        let text = String::from_utf8_lossy(&bytes);
        let expected = expect::parse(&text).unwrap_or_else(|e| panic!("{}:{}: {}", path.display(), e.line, e.message));
        assert!(
            expected.iter().any(|e| e.code == code.as_str()),
            "{} expects no {}",
            path.display(),
            code.as_str()
        );
    }
    for entry in std::fs::read_dir(&folder).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".regard") else {
            continue;
        };
        let code = stem.split('-').next().unwrap_or_default();
        assert!(
            regard::diagnostics::Builtin::parse(code).is_some(),
            "`tests/ui/codes/{name}` is not named after a built-in code"
        );
    }
}
