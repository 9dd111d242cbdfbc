//! The fixes editors offer are real: applying any fix of any diagnostic in any fixture
//! makes that diagnostic go (a departure's reason filled in where the cursor lands), and
//! breaks nothing else's syntax.

use std::path::{Path, PathBuf};

use regard::diagnostics::{Diagnostic, Fix, Severity};
use regard::{Input, Options, Session};

fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            fixtures(&path, out);
        } else if path.extension().is_some_and(|e| e == "regard") {
            out.push(path);
        }
    }
}

fn check(text: &str) -> Vec<Diagnostic> {
    let options = Options {
        as_of: regard::expect::as_of(text).unwrap_or("2025-06-01".parse().unwrap()),
        stdlib: true,
        as_of_given: false,
    };
    Session::new(vec![Input::text("fixture.regard", text)], options).diagnostics()
}

fn apply(text: &str, fix: &Fix) -> String {
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_string();
    for (i, e) in edits.iter().enumerate() {
        let mut new = e.text.clone();
        // The last edit is the one with the cursor: type a reason there.
        if let (Some(cursor), 0) = (fix.cursor, i) {
            new.insert_str(
                cursor as usize,
                "The council explains this in its annual governance report",
            );
        }
        out.replace_range(e.span.range(), &new);
    }
    out
}

/// How many diagnostics have this code: notes count too, as the fix of a departed
/// violation fixes the violation itself.
fn count(diagnostics: &[Diagnostic], code: &str, departed_too: bool) -> usize {
    diagnostics
        .iter()
        .filter(|d| (departed_too || d.severity != Severity::Note) && d.code.to_string() == code)
        .count()
}

#[test]
fn every_fix_fixes_what_it_says() {
    let mut paths = Vec::new();
    fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui"), &mut paths);
    fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"), &mut paths);
    paths.sort();
    let mut tried = 0;
    for path in paths {
        // A file that is not UTF-8 (the fixture of E0002) has nothing to fix in place.
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let before = check(&text);
        for d in before.iter().filter(|d| !d.fixes.is_empty()) {
            let code = d.code.to_string();
            for fix in &d.fixes {
                tried += 1;
                let fixed = apply(&text, fix);
                let after = check(&fixed);
                let name = format!("{}: `{}` for {code}", path.display(), fix.title);
                assert!(
                    count(&after, &code, fix.cursor.is_none()) < count(&before, &code, fix.cursor.is_none()),
                    "{name}: the diagnostic is still there\n{fixed}"
                );
                let syntax = |ds: &[Diagnostic]| ds.iter().filter(|d| d.code.to_string() == "E0001").count();
                assert!(
                    syntax(&after) <= syntax(&before),
                    "{name}: the fix broke the syntax\n{fixed}"
                );
            }
        }
    }
    assert!(tried > 60, "only {tried} fixes tried");
}
