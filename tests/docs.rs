//! Every ```regard snippet in the README and in docs/ is real regard: it parses without
//! a syntax error, and resolves against the standard library. (Fragments that are not
//! whole items are fenced as `text`.)

use std::path::Path;

use regard::diagnostics::{Builtin, Code};
use regard::{Input, Options, Session};

fn snippets(markdown: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in markdown.lines().enumerate() {
        match (&mut current, line.trim_start()) {
            (None, "```regard") => current = Some((i + 2, String::new())),
            (Some(_), "```") => out.extend(current.take()),
            (Some((_, text)), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, _) => {}
        }
    }
    out
}

#[test]
fn every_regard_snippet_in_the_docs_checks_without_syntax_or_name_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).expect("docs/") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
    let mut checked = 0;
    for page in pages {
        let markdown = std::fs::read_to_string(&page).expect("a page");
        for (line, snippet) in snippets(&markdown) {
            // A snippet that shows a guidance as the standard library writes it repeats
            // the standard library's own name, and that is all it may repeat.
            let copies_stdlib = snippet.contains("guidance dcs_lmcs_2013");
            let name = format!("{}:{line}", page.display());
            let options = Options {
                as_of: "2026-11-23".parse().unwrap(),
                stdlib: true,
            };
            let session = Session::new(vec![Input::text(name.clone(), snippet.clone())], options);
            let diagnostics = session.diagnostics();
            let broken: Vec<_> = diagnostics
                .iter()
                .filter(|d| match d.code {
                    Code::Builtin(Builtin::E0103) => !copies_stdlib,
                    Code::Builtin(Builtin::E0001 | Builtin::E0101 | Builtin::E0102) => true,
                    _ => false,
                })
                .collect();
            assert!(
                broken.is_empty(),
                "{name}:\n{}",
                session.render_human(&diagnostics, false)
            );
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} snippets found");
}
